//! A till's day of sales synced to its back office: a demo back office served in-process on 127.0.0.1 over real
//! TLS, one till joined to it, `USTA_BENCH_SALES` (2,000) sales rung at the till, then one sync round timed (the
//! push of every entry with its rows, checked and applied into the register's replica), and a second, empty one.
//!
//! Then a back office holding `USTA_BENCH_TILLS` (10) tills' replicas, each with a year of sales
//! (`USTA_BENCH_YEAR_SALES`, 36,500: a hundred a day, added with direct SQL like `benches/scale.rs`, so for timing
//! only): the cost of one more sync round of a till with one new sale, and of the back office's verify walking
//! every replica (chain, every row's digest).
//!
//! Run: `cargo bench --bench sync`.

#[path = "support/bulk.rs"]
mod bulk;
#[path = "support/stats.rs"]
mod stats;

use rust_decimal::Decimal;
use std::time::Instant;
use usta::app::{Ctx, checkout, demo, sync};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::store::Store;

/// Where the synthetic year starts in every replica: ids and receipt numbers no till reaches in a bench.
const HISTORY_BASE: i64 = 1_000_000_000;

const CODES: [&str; 3] = ["2100000000098", "2100000000357", "2100000000142"];

fn main() {
    if !stats::benching() {
        return;
    }
    one_day();
    back_office_of_a_year();
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn cash_sale(store: &mut Store, now: chrono::DateTime<chrono::FixedOffset>, i: usize) {
    let item = (CODES[i % CODES.len()].to_string(), Decimal::ONE);
    checkout::sell(
        &mut Ctx::new(store, now, Lang::En),
        &[item],
        &[Tender::som(PaymentKind::Cash, Som::whole(200_000))],
    )
    .expect("sale");
}

/// A demo back office served in-process on 127.0.0.1; returns its database and address.
fn serve_office(dir: &std::path::Path, now: chrono::DateTime<chrono::FixedOffset>) -> (std::path::PathBuf, String) {
    let office_db = dir.join("office.db");
    let mut office = Store::open(&office_db).expect("office");
    demo::create(&mut Ctx::new(&mut office, now, Lang::En), 66).expect("demo");
    sync::prepare_hub(&mut office, sync::OFFICE).expect("hub");
    drop(office);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let url = format!("https://{}", listener.local_addr().expect("addr"));
    let serving = Store::open_existing(&office_db).expect("office");
    let stop = Box::leak(Box::new(std::sync::atomic::AtomicBool::new(false)));
    std::thread::spawn(move || sync::serve(serving, listener, stop));
    (office_db, url)
}

fn back_office_of_a_year() {
    let tills = env("USTA_BENCH_TILLS", 10);
    let year = env("USTA_BENCH_YEAR_SALES", 36_500);
    let dir = tempfile::tempdir().expect("dir");
    let now = usta::cli::shop_now();
    let (office_db, url) = serve_office(dir.path(), now);
    let mut stores = Vec::new();
    for t in 0..tills {
        let code = {
            let mut office = Store::open_existing(&office_db).expect("office");
            sync::pair(&mut Ctx::new(&mut office, now, Lang::En), &format!("stall {t}"), None)
                .expect("pair")
                .code
        };
        let db = dir.path().join(format!("till{t}.db"));
        sync::join(&db, &url, &code, &now.to_rfc3339()).expect("join");
        let mut till = Store::open_existing(&db).expect("till");
        cash_sale(&mut till, now, t);
        sync::sync_once(&mut Ctx::new(&mut till, now, Lang::En)).expect("round");
        stores.push(till);
    }
    let started = Instant::now();
    for (register, replica) in sync::replicas(&office_db) {
        // Above the ids and receipt numbers the till writes next: its next sale must land beside the history,
        // not on it (payments are append-only, so a clash is refused).
        bulk::add_history_above(&replica, year, 365, now.date_naive(), Some((HISTORY_BASE, &register)));
    }
    println!(
        "{tills} replicas with {year} sales each built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let till = &mut stores[0];
    let mut i = 0;
    stats::measure("sync round, 1 new sale, back office of 10 tills x 1 year", 20, |_| {
        i += 1;
        cash_sale(till, now, i);
        let round = sync::sync_once(&mut Ctx::new(till, now, Lang::En))
            .expect("round")
            .expect("a till");
        assert_eq!(round.waiting, 0);
    })
    .print();
    stats::timed("verify at the back office: its books and every replica", 3, |_| {
        let mut books = vec![office_db.clone()];
        books.extend(sync::replicas(&office_db).into_iter().map(|(_, p)| p));
        for db in books {
            let store = Store::open_existing(&db).expect("books");
            store.integrity_check().expect("integrity");
            store.verify_journal().expect("journal").expect("the chain holds");
            // Every row against its entry; the bulk rows are not journaled, so this names them (the same walk).
            let _named = store.verify_rows().expect("rows");
        }
    })
    .print();
}

fn one_day() {
    let sales: usize = std::env::var("USTA_BENCH_SALES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let dir = tempfile::tempdir().expect("dir");
    let now = usta::cli::shop_now();
    let (office_db, url) = serve_office(dir.path(), now);
    let code = {
        let mut office = Store::open_existing(&office_db).expect("office");
        sync::pair(&mut Ctx::new(&mut office, now, Lang::En), "Osh bazaar", None)
            .expect("pair")
            .code
    };

    let till_db = dir.path().join("till.db");
    let at = now.to_rfc3339();
    sync::join(&till_db, &url, &code, &at).expect("join");
    let mut till = Store::open_existing(&till_db).expect("till");
    let started = Instant::now();
    for i in 0..sales {
        cash_sale(&mut till, now, i);
    }
    let selling = started.elapsed();
    let entries = till.journal_head().expect("head").seq;

    let started = Instant::now();
    let round = sync::sync_once(&mut Ctx::new(&mut till, now, Lang::En))
        .expect("round")
        .expect("a till");
    let first = started.elapsed();
    assert_eq!(round.waiting, 0);
    println!(
        "{sales} sales rung at the till in {:.1} s ({entries} entries); the day's round pushed {}",
        selling.as_secs_f64(),
        round.pushed
    );
    stats::Stats {
        name: format!("sync of a day of {sales} sales (one round)"),
        samples: vec![first],
    }
    .print();
    stats::timed("next round, nothing new", 20, |_| {
        let again = sync::sync_once(&mut Ctx::new(&mut till, now, Lang::En))
            .expect("round")
            .expect("a till");
        assert_eq!(again.pushed, 0, "nothing new: {again:?}");
    })
    .print();
}
