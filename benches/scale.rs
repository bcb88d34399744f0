//! Scale: search and scan on 100,000 and 1,000,000 products, and checkout, X report and day close on a shop with a
//! day of history and on one with 2 years (500,000 sales). Each figure is printed for the small and the big
//! database side by side; none should grow more than logarithmically with the table sizes.
//!
//! Run: `cargo bench --bench scale` (`USTA_BENCH_BIG_PRODUCTS`, `USTA_BENCH_BIG_SALES` change the big sizes; a
//! products size of 0 leaves the catalog part out). The
//! big databases are filled with direct SQL in one transaction (see `support/bulk.rs`): fast, and for timing only.

#[path = "support/bulk.rs"]
mod bulk;
#[path = "support/stats.rs"]
mod stats;

use chrono::TimeZone;
use rust_decimal::Decimal;
use stats::{Stats, measure, timed};
use std::path::{Path, PathBuf};
use std::time::Instant;
use usta::app::{Ctx, backup, checkout, day, demo};
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::{Cart, Som};
use usta::store::Store;

const QUERIES: [&str; 8] = [
    "шырдак",
    "kalpak",
    "felt slip",
    "тапочка кызыл",
    "ак калп",
    "боз үй",
    "leather wallet",
    "№4242",
];

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn now(day: u32, minute: u32) -> chrono::DateTime<chrono::FixedOffset> {
    usta::domain::bishkek()
        .with_ymd_and_hms(2026, 12, day, 12, minute % 60, 0)
        .single()
        .expect("time")
}

/// The demo shop (66 products) at `db`.
fn demo_shop(db: &Path) {
    let mut store = Store::open(db).expect("open");
    demo::create(&mut Ctx::new(&mut store, now(1, 0), Lang::Ky), 66).expect("demo");
}

fn products(dir: &Path, count: usize) -> Vec<Stats> {
    let db = dir.join(format!("products-{count}.db"));
    demo_shop(&db);
    let t = Instant::now();
    let codes = bulk::add_products(&db, count - 66);
    println!("{count} products made in {:.1?}", t.elapsed());
    let mut store = Store::open(&db).expect("open");
    let ctx = Ctx::new(&mut store, now(1, 0), Lang::Ky);
    let mut seed: u64 = 42;
    let picks: Vec<usize> = (0..10_000)
        .map(|_| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % codes.len()
        })
        .collect();
    let mut cart = Cart::new();
    let scan = measure(format!("{count} products: barcode lookup + add to cart"), 10_000, |i| {
        if i % 20 == 0 {
            cart = Cart::new();
        }
        checkout::scan(&ctx, &mut cart, &codes[picks[i]], Decimal::ONE).expect("scan");
    });
    let search = measure(format!("{count} products: name search (20 results)"), 2_000, |i| {
        let found = ctx.store.search(QUERIES[i % QUERIES.len()], 20).expect("search");
        assert!(!found.is_empty());
    });
    vec![scan, search]
}

fn history(dir: &Path, sales: usize, days: usize) -> Vec<Stats> {
    let db: PathBuf = dir.join(format!("history-{sales}.db"));
    demo_shop(&db);
    let t = Instant::now();
    bulk::add_history(&db, sales, days, now(2, 0).date_naive());
    // The small shop keeps the demo's 8 artisans and today's rates; the big one is a cooperative's two years.
    if days > 1 {
        bulk::add_artisans_and_rates(&db, 500, days, now(2, 0).date_naive());
    }
    println!("{sales} sales over {days} days made in {:.1?}", t.elapsed());
    let mut store = Store::open(&db).expect("open");
    let hat = store.search("kalpak", 1).expect("search")[0].product.barcodes[0].to_string();
    let tenders = [Tender::som(PaymentKind::Cash, Som::whole(1_000_000))];
    let label = |what: &str| format!("{sales} sales in history: {what}");
    let mut ctx = Ctx::new(&mut store, now(2, 0), Lang::Ky);
    let commit = measure(label("durable checkout commit"), 200, |i| {
        ctx.now = now(2, i as u32);
        checkout::sell(&mut ctx, &[(hat.clone(), Decimal::ONE)], &tenders).expect("sale");
    });
    let x = measure(label("X report (250 sales today)"), 200, |_| {
        day::x_report(&ctx).expect("x report");
    });
    let counted = [Money::new(Decimal::ZERO, Currency::Kgs)];
    // Each close ends a day with 20 sales; the next day opens with its first sale.
    let mut next_day = 3;
    // What each close costs: the Z report's own transaction, the use case the cashier waits for (it returns once
    // the Z report is committed), and the backup that follows it, which nobody waits for.
    let mut close = |how: u8| {
        ctx.now = now(next_day, 0);
        for k in 0..20 {
            ctx.now = now(next_day, k);
            checkout::sell(&mut ctx, &[(hat.clone(), Decimal::ONE)], &tenders).expect("sale");
        }
        next_day += 1;
        let t = Instant::now();
        if how == 0 {
            let register = ctx.store.register_id().expect("register");
            ctx.store.close_day(&ctx.now, &register, &counted).expect("close");
            return (t.elapsed(), None);
        }
        day::close(&mut ctx, &counted).expect("close");
        let closed = t.elapsed();
        let t = Instant::now();
        backup::automatic(&mut ctx, backup::DEFAULT_KEEP).expect("backup");
        (closed, Some(t.elapsed()))
    };
    let mut store_close = timed(label("day close (Z report in one transaction)"), 0, |_| {});
    let mut full_close = timed(label("day close as the cashier waits for it"), 0, |_| {});
    let mut after = timed(label("the closed day's backup, after the close"), 0, |_| {});
    for _ in 0..6 {
        store_close.samples.push(close(0).0);
        let (closed, backed_up) = close(1);
        full_close.samples.push(closed);
        after.samples.extend(backed_up);
    }
    vec![commit, x, store_close, full_close, after]
}

fn main() {
    if !stats::benching() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let big_products = env("USTA_BENCH_BIG_PRODUCTS", 1_000_000);
    let big_sales = env("USTA_BENCH_BIG_SALES", 500_000);
    let mut figures = Vec::new();
    // USTA_BENCH_BIG_PRODUCTS=0 leaves the catalog part out.
    for count in [100_000, big_products].into_iter().filter(|_| big_products > 0) {
        figures.extend(products(dir.path(), count));
    }
    for (sales, days) in [(700, 1), (big_sales, 730)] {
        figures.extend(history(dir.path(), sales, days));
    }
    println!();
    for s in &figures {
        s.print();
    }
}
