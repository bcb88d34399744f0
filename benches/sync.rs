//! A till's day of sales synced to its back office: a demo back office served in-process on 127.0.0.1 over real
//! TLS, one till joined to it, `USTA_BENCH_SALES` (2,000) sales rung at the till, then one sync round timed (the
//! push of every entry with its rows, checked and applied into the register's replica), and a second, empty one.
//!
//! Run: `cargo bench --bench sync`.

use rust_decimal::Decimal;
use std::time::Instant;
use usta::app::{Ctx, checkout, demo, sync};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::store::Store;

const CODES: [&str; 3] = ["2100000000098", "2100000000357", "2100000000142"];

fn main() {
    let sales: usize = std::env::var("USTA_BENCH_SALES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let dir = tempfile::tempdir().expect("dir");
    let office_db = dir.path().join("office.db");
    let now = usta::cli::shop_now();
    let mut office = Store::open(&office_db).expect("office");
    demo::create(&mut Ctx::new(&mut office, now, Lang::En), 66).expect("demo");
    let code = sync::pair(&mut Ctx::new(&mut office, now, Lang::En), "Osh bazaar", None)
        .expect("pair")
        .code;
    sync::prepare_hub(&mut office, sync::OFFICE).expect("hub");
    drop(office);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let url = format!("https://{}", listener.local_addr().expect("addr"));
    let serving = Store::open_existing(&office_db).expect("office");
    std::thread::spawn(move || sync::serve(serving, listener));

    let till_db = dir.path().join("till.db");
    let at = now.to_rfc3339();
    sync::join(&till_db, &url, &code, &at).expect("join");
    let mut till = Store::open_existing(&till_db).expect("till");
    let started = Instant::now();
    for i in 0..sales {
        let mut ctx = Ctx::new(&mut till, now, Lang::En);
        let item = (CODES[i % CODES.len()].to_string(), Decimal::ONE);
        checkout::sell(
            &mut ctx,
            &[item],
            &[Tender::som(PaymentKind::Cash, Som::whole(200_000))],
        )
        .expect("sale");
    }
    let selling = started.elapsed();
    let entries = till.journal_head().expect("head").seq;

    let started = Instant::now();
    let round = sync::sync_once(&mut Ctx::new(&mut till, now, Lang::En))
        .expect("round")
        .expect("a till");
    let first = started.elapsed();
    let started = Instant::now();
    let again = sync::sync_once(&mut Ctx::new(&mut till, now, Lang::En))
        .expect("round")
        .expect("a till");
    let second = started.elapsed();
    assert_eq!(round.waiting, 0);
    assert_eq!(again.pushed, 0, "nothing new: {again:?}");
    println!(
        "{sales} sales rung at the till in {:.1} s; sync of the day ({} entries, {} pushed): {:.2} s; next round: {:.3} s",
        selling.as_secs_f64(),
        entries,
        round.pushed,
        first.as_secs_f64(),
        second.as_secs_f64()
    );
}
