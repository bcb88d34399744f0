//! Core benchmarks on a 100,000-product catalog: barcode lookup + add to cart, name search, and a durable
//! checkout commit measured against a raw one-row rusqlite insert with the same pragmas in the same run.
//!
//! Run: `cargo bench --bench core` (set `USTA_BENCH_PRODUCTS` for another catalog size). Figures go into
//! README's Performance section. The machine is shared and noisy, so compare the ratio, not absolute times.

use rust_decimal::Decimal;
use std::time::{Duration, Instant};
use usta::app::{Ctx, checkout, demo};
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::{Cart, Som};
use usta::store::Store;

struct Stats {
    name: &'static str,
    samples: Vec<Duration>,
}

impl Stats {
    fn pct(&self, p: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * p).round() as usize;
        s[i]
    }

    fn print(&self) {
        println!(
            "{:<44} n={:<6} p50={:>10.1?} p99={:>10.1?}",
            self.name,
            self.samples.len(),
            self.pct(0.50),
            self.pct(0.99)
        );
    }
}

fn measure(name: &'static str, n: usize, mut f: impl FnMut(usize)) -> Stats {
    for i in 0..n.min(50) {
        f(i); // warm caches and prepared statements
    }
    let samples = (0..n)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    Stats { name, samples }
}

fn main() {
    // `cargo test --benches` runs bench targets too; only do the work under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let products: usize = std::env::var("USTA_BENCH_PRODUCTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    let mut store = Store::open(&db).expect("open");
    let now = usta::cli::shop_now();
    let t = Instant::now();
    demo::create(&mut Ctx::new(&mut store, now, Lang::Ky), products).expect("demo");
    println!(
        "catalog: {products} products created in {:.1?} ({})",
        t.elapsed(),
        db.display()
    );

    let codes: Vec<String> = store
        .all_products()
        .expect("products")
        .iter()
        .map(|p| p.product.barcodes[0].to_string())
        .collect();
    let mut seed: u64 = 42;
    let mut pick = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize
    };
    let picks: Vec<usize> = (0..20_000).map(|_| pick() % codes.len()).collect();

    let ctx = Ctx::new(&mut store, now, Lang::Ky);
    let mut cart = Cart::new();
    let lookup = measure("barcode lookup + add to cart", 10_000, |i| {
        if i % 20 == 0 {
            cart = Cart::new();
        }
        checkout::scan(&ctx, &mut cart, &codes[picks[i]], Decimal::ONE).expect("scan");
    });

    let queries = [
        "шырдак",
        "kalpak",
        "felt slip",
        "тапочка кызыл",
        "ак калп",
        "боз үй",
        "leather wallet",
        "№4242",
    ];
    let search = measure("name search (20 results)", 2_000, |i| {
        let found = ctx.store.search(queries[i % queries.len()], 20).expect("search");
        assert!(!found.is_empty());
    });

    let mut ctx = Ctx::new(&mut store, now, Lang::Ky);
    let tenders = [Tender::som(PaymentKind::Cash, Som::whole(1_000_000))];
    // The carts are rung up before the clock starts: the figure is the commit alone, like the raw insert's.
    let carts: Vec<Cart> = (0..350)
        .map(|i| {
            let mut cart = Cart::new();
            for k in 0..3 {
                checkout::scan(&ctx, &mut cart, &codes[picks[(i * 3 + k) % picks.len()]], Decimal::ONE).expect("scan");
            }
            cart
        })
        .collect();
    let mut next = 0;
    let commit = measure("durable checkout commit (3 lines)", 300, |_| {
        checkout::commit(&mut ctx, &carts[next], &tenders).expect("commit");
        next += 1;
    });

    // The floor: the cheapest durable write SQLite can do on this disk with the same pragmas.
    let raw_db = dir.path().join("raw.db");
    let raw = rusqlite::Connection::open(&raw_db).expect("raw");
    raw.pragma_update(None, "journal_mode", "WAL").expect("wal");
    raw.pragma_update(None, "synchronous", "FULL").expect("full");
    raw.execute_batch("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        .expect("table");
    let insert = measure("raw rusqlite one-row insert (same pragmas)", 300, |i| {
        raw.execute("INSERT INTO t(v) VALUES (?1)", [i.to_string()])
            .expect("insert");
    });

    println!();
    for s in [&lookup, &search, &commit, &insert] {
        s.print();
    }
    let ratio = commit.pct(0.5).as_secs_f64() / insert.pct(0.5).as_secs_f64();
    println!("\ncheckout commit / raw insert (p50 ratio): {ratio:.2}");
}
