//! Core benchmarks on a 100,000-product catalog: barcode lookup + add to cart, name search, and a durable
//! checkout commit measured against a raw one-row rusqlite insert with the same pragmas in the same run, and against
//! a raw commit of as many pages as a checkout commits (SQLite's own minimum for what it makes durable).
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
    let carts: Vec<Cart> = (0..400)
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
    // How many pages a checkout commits: the WAL emptied before each of the last checkouts, then the frames it
    // appended counted.
    let pages = {
        let probe = rusqlite::Connection::open(&db).expect("probe");
        let page_size: i64 = probe
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size");
        let wal = db.with_extension("db-wal");
        let mut frames: Vec<u64> = carts[next..]
            .iter()
            .map(|cart| {
                let busy: i64 = probe
                    .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
                    .expect("checkpoint");
                assert_eq!(busy, 0, "the WAL could not be emptied");
                checkout::commit(&mut ctx, cart, &tenders).expect("commit");
                // A WAL is a 32-byte header and one 24-byte header + page per frame.
                std::fs::metadata(&wal).expect("wal").len().saturating_sub(32) / (page_size as u64 + 24)
            })
            .collect();
        frames.sort_unstable();
        let median = frames[frames.len() / 2] as usize;
        println!(
            "a checkout commits {median} pages (median of {} checkouts; {}..={})",
            frames.len(),
            frames[0],
            frames[frames.len() - 1]
        );
        median
    };

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

    // SQLite's own minimum for what a checkout makes durable: one commit of as many pages, each page a row
    // rewritten in place (no parsing of new rows, no index, no trigger), same pragmas, same disk.
    let pages_db = dir.path().join("pages.db");
    let raw_pages = rusqlite::Connection::open(&pages_db).expect("raw pages");
    raw_pages.pragma_update(None, "journal_mode", "WAL").expect("wal");
    raw_pages.pragma_update(None, "synchronous", "FULL").expect("full");
    let rows = pages.max(1) * 8;
    raw_pages
        .execute_batch(&format!(
            "CREATE TABLE p(id INTEGER PRIMARY KEY, b BLOB NOT NULL);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
             INSERT INTO p SELECT i, zeroblob(3500) FROM n;"
        ))
        .expect("pages table");
    let same_pages = measure("raw commit of as many pages", 300, |i| {
        let tx = raw_pages.unchecked_transaction().expect("begin");
        {
            // 3,500 and 3,501 bytes in turn: SQLite writes nothing for a row rewritten unchanged.
            let mut update = tx
                .prepare_cached("UPDATE p SET b = zeroblob(7001 - length(b)) WHERE id = ?1")
                .expect("update");
            for k in 0..pages.max(1) {
                // Each transaction rewrites a different set of rows, one per page.
                let id = (i * pages.max(1) + k) % rows + 1;
                assert_eq!(update.execute([id as i64]).expect("row"), 1);
            }
        }
        tx.commit().expect("commit");
    });

    println!();
    for s in [&lookup, &search, &commit, &insert, &same_pages] {
        s.print();
    }
    let ratio = commit.pct(0.5).as_secs_f64() / insert.pct(0.5).as_secs_f64();
    println!("\ncheckout commit / raw insert (p50 ratio): {ratio:.2}");
    let floor = commit.pct(0.5).as_secs_f64() / same_pages.pct(0.5).as_secs_f64();
    println!("checkout commit / raw commit of its {pages} pages (p50 ratio): {floor:.2}");
}
