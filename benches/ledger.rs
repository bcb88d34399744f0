//! Day close and association benchmarks: exporting a 5,000-sale day from a real database (and again once the
//! database holds two years of history), formatting a year of ledgers with 1,000,000 lines, and pooling 100
//! shops × 365 days of generated ledgers (time and peak RSS). Each figure is one line `NAME … p50=… p99=…`.
//!
//! Run: `cargo bench --bench ledger`. `USTA_BENCH_SALES`, `USTA_BENCH_HISTORY`, `USTA_BENCH_LINES`,
//! `USTA_BENCH_SHOPS` and `USTA_BENCH_DAYS` change the sizes, `USTA_BENCH_RUNS` the runs per figure (21).
//! `USTA_BENCH_DB=PATH` keeps the exported day's shop database at PATH and, when that file exists, measures it
//! as it is instead of ringing the sales again (for profiling, e.g. under callgrind; the history phase still adds
//! `USTA_BENCH_HISTORY` older sales to it, so set that to 0 to keep it unchanged). Peak RSS is the process's high-water mark so far
//! (VmHWM), so the phases run from the lightest to the heaviest.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::path::Path;
use std::time::{Duration, Instant};
use usta::app::{Ctx, checkout, day, demo, ledger, pool};
use usta::domain::Som;
use usta::domain::artisan::totals_of;
use usta::domain::catalog::Lang;
use usta::domain::day::{DayFacts, ReportKind, report};
use usta::domain::ledger::{Dialect, FORMAT, Ledger, LineRow, PaymentRow};
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::sale::SaleKind;
use usta::store::Store;
use usta::store::pool::Pool;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// `p50=… p99=…` of some timings.
fn quantiles(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    format!("p50={:.2?} p99={:.2?}", at(0.5), at(0.99))
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|it| it.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

/// A synthetic closed ledger for one shop-day with `lines` sale lines.
fn synthetic(shop: usize, day: NaiveDate, lines: usize) -> Ledger {
    const CRAFTS: [&str; 8] = [
        "felt_footwear",
        "hats",
        "carpets",
        "toys",
        "scarves",
        "leather",
        "embroidery",
        "music",
    ];
    let mut rows = Vec::with_capacity(lines);
    let mut payments = Vec::with_capacity(lines / 2 + 1);
    let mut total = Som::ZERO;
    for i in 0..lines {
        let price = Som::whole(200 + ((shop * 7919 + i * 104_729) % 120) as i64 * 100);
        total += price;
        let receipt_no = (i / 2 + 1) as i64;
        rows.push(LineRow {
            register: "R1".into(),
            receipt_no,
            kind: "sale".into(),
            original_receipt_no: None,
            at: format!("{day}T12:00:00+06:00").into(),
            line_no: (i % 2 + 1) as u32,
            product_id: (i % 500) as i64 + 1,
            barcode: format!("21{:010}", i % 500).into(),
            name_ky: "Кийиз тапочка".into(),
            name_ru: "Войлочные тапочки".into(),
            category: CRAFTS[i % CRAFTS.len()].into(),
            artisan: format!("A{:02}", i % 8 + 1).into(),
            technique: Default::default(),
            region: Default::default(),
            commission_pct: Some(Decimal::from(25)),
            qty: Decimal::ONE,
            unit_price: price,
            gross: price,
            discount: Som::ZERO,
            amount: price,
            vat_pct: Decimal::from(12),
        });
        if i % 2 == 1 || i + 1 == lines {
            payments.push(PaymentRow {
                register: "R1".into(),
                receipt_no,
                kind: "sale".into(),
                method: "cash".into(),
                currency: "KGS".into(),
                tendered: price.amount(),
                tendered_som: price,
                applied: price,
            });
        }
    }
    let facts = DayFacts {
        sales_count: payments.len() as i64,
        sales_total: total,
        ..DayFacts::default()
    };
    let artisans = totals_of(
        rows.iter()
            .map(|r| (r.artisan.as_str(), SaleKind::Sale, r.qty, r.amount, Decimal::from(25))),
    );
    Ledger {
        format: FORMAT.into(),
        shop_id: format!("{:014}-R1", shop + 1),
        shop_name: format!("Shop {}", shop + 1),
        day,
        provisional: false,
        journal_head: format!("{:064x}", shop * 1_000_003 + day.ordinal() as usize),
        summary: report(ReportKind::Z, day, "R1", "", "", &facts, Some(&[])),
        lines: rows,
        payments,
        stock: Vec::new(),
        artisans,
    }
}

use chrono::Datelike;

/// The demo shop, `sales` sales of three lines each from 08:00, and the day closed.
fn ring_day(ctx: &mut Ctx<'_>, sales: usize) {
    let start = ctx.now;
    demo::create(ctx, 66).expect("demo");
    let codes: Vec<String> = ctx
        .store
        .all_products()
        .expect("products")
        .iter()
        .map(|p| p.product.barcodes[0].to_string())
        .collect();
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(1_000_000))];
    let t = Instant::now();
    for i in 0..sales {
        ctx.now = start + chrono::Duration::seconds(i as i64 * 7);
        let items: Vec<(String, Decimal)> = (0..3)
            .map(|k| (codes[(i * 3 + k * 11) % codes.len()].clone(), Decimal::ONE))
            .collect();
        // Stock may run out in the demo shop; the till sells anyway (stock goes negative, as it does in shops).
        checkout::sell(ctx, &items, &cash).expect("sale");
    }
    println!("setup: {sales} sales committed in {:.1?}", t.elapsed());
    day::close(ctx, &[]).expect("close");
}

fn export_real_day(sales: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = std::env::var_os("USTA_BENCH_DB").map_or_else(|| dir.path().join("shop.db"), Into::into);
    let reuse = db.exists();
    let mut store = Store::open(&db).expect("open");
    let start = usta::domain::bishkek()
        .with_ymd_and_hms_checked(2026, 11, 28, 8, 0, 0)
        .expect("time");
    let mut ctx = Ctx::new(&mut store, start, Lang::Ky);
    if reuse {
        println!("setup: {} reused as it is", db.display());
    } else {
        ring_day(&mut ctx, sales);
    }
    let runs = runs();
    let day = start.date_naive();
    let lines = sales * 3;
    let measure = |ctx: &Ctx<'_>, label: &str| {
        for dialect in [Dialect::ExcelRu, Dialect::Plain] {
            let out = dir.path().join(format!("{label}-{}", dialect.code()));
            let (mut export, mut verify) = (Vec::new(), Vec::new());
            for run in 0..runs {
                let t = Instant::now();
                ledger::export_to(ctx, day, Some(&out), None, dialect, false, run > 0).expect("export");
                export.push(t.elapsed());
                let t = Instant::now();
                ledger::verify(&out).expect("verify");
                verify.push(t.elapsed());
            }
            // Where an export's time goes: the store's queries, the encoding (every file and its checksum),
            // of which the checksums alone, and writing the folder with its fsyncs.
            let (mut query, mut encode, mut hash, mut write) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let (mut serial, mut read_lines, mut stepped) = (Vec::new(), Vec::new(), Vec::new());
            let (mut payments, mut stock) = (Vec::new(), Vec::new());
            let parts = dir.path().join(format!("{label}-{}-parts", dialect.code()));
            for _ in 0..runs {
                let t = Instant::now();
                let built = ledger::build(ctx, day, false).expect("build");
                query.push(t.elapsed());
                // Of the queries, the day's lines read into rows, and the same statement only stepped by SQLite.
                let t = Instant::now();
                std::hint::black_box(ctx.store.ledger_lines(day).expect("lines"));
                read_lines.push(t.elapsed());
                let t = Instant::now();
                std::hint::black_box(ctx.store.ledger_lines_stepped(day).expect("stepped"));
                stepped.push(t.elapsed());
                let t = Instant::now();
                std::hint::black_box(ctx.store.ledger_payments(day).expect("payments"));
                payments.push(t.elapsed());
                let t = Instant::now();
                std::hint::black_box(ctx.store.ledger_stock(day).expect("stock"));
                stock.push(t.elapsed());
                let t = Instant::now();
                let files = ledger::files(&built, dialect).expect("files");
                encode.push(t.elapsed());
                let t = Instant::now();
                for (_, b) in &files {
                    std::hint::black_box(usta::domain::journal::sha256_hex(b));
                }
                hash.push(t.elapsed());
                let t = Instant::now();
                usta::app::output::write_dir(ctx.store.path(), &parts, true, &files).expect("write");
                write.push(t.elapsed());
                // The same files written and fsync'd one after another, as exports did before, for the ratio.
                let one = dir.path().join(format!("{label}-{}-one-by-one", dialect.code()));
                let _ = std::fs::remove_dir_all(&one);
                let t = Instant::now();
                std::fs::create_dir(&one).expect("dir");
                for (name, bytes) in &files {
                    let mut f = std::fs::File::create(one.join(name)).expect("create");
                    std::io::Write::write_all(&mut f, bytes).expect("write");
                    f.sync_all().expect("fsync");
                }
                std::fs::File::open(&one).and_then(|d| d.sync_all()).expect("fsync dir");
                serial.push(t.elapsed());
            }
            println!(
                "ledger_export_parts {label} {sales} sales ({}): query {} | of which the lines {} | their statement \
                 stepped alone {} | the payments {} | the stock movements {} | encode {} | of which checksums {} | write + fsync {} | same files fsync'd one by one {}",
                dialect.code(),
                quantiles(&mut query),
                quantiles(&mut read_lines),
                quantiles(&mut stepped),
                quantiles(&mut payments),
                quantiles(&mut stock),
                quantiles(&mut encode),
                quantiles(&mut hash),
                quantiles(&mut write),
                quantiles(&mut serial)
            );
            let bytes = dir_bytes(&out);
            println!(
                "ledger_export {label} {sales} sales ({lines} lines, {}): {} {:.2} MB = {:.0} B/line, peak RSS {:.0} MB",
                dialect.code(),
                quantiles(&mut export),
                bytes as f64 / 1e6,
                bytes as f64 / lines as f64,
                peak_rss_mb()
            );
            println!(
                "ledger_verify {label} {sales} sales ({}): {}",
                dialect.code(),
                quantiles(&mut verify)
            );
        }
        let archive = dir.path().join(format!("{label}.tar.gz"));
        let mut times = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_file(&archive);
            let t = Instant::now();
            ledger::export_to(ctx, day, None, Some(&archive), Dialect::ExcelRu, false, true).expect("archive");
            times.push(t.elapsed());
        }
        let size = std::fs::metadata(&archive).map(|m| m.len()).unwrap_or(0);
        println!(
            "ledger_archive {label} {sales} sales (excel-ru .tar.gz): {} {:.2} MB = {:.0} B/line",
            quantiles(&mut times),
            size as f64 / 1e6,
            size as f64 / lines as f64
        );
    };
    measure(&ctx, "fresh");
    let history = env("USTA_BENCH_HISTORY", 500_000);
    if history > 0 {
        let t = Instant::now();
        add_history(&db, history, day);
        println!(
            "setup: {history} sales of history before {day} added in {:.1?}",
            t.elapsed()
        );
        measure(&ctx, "with-history");
    }
}

/// Runs per measured figure.
fn runs() -> usize {
    env("USTA_BENCH_RUNS", 21).max(1)
}

/// Two years of older sales (one line, one payment and one stock movement each) written straight into the
/// database on a connection of its own: a bench fixture, not business (no journal entries).
fn add_history(db: &Path, sales: usize, before: NaiveDate) {
    let mut conn = rusqlite::Connection::open(db).expect("raw");
    let tx = conn.transaction().expect("tx");
    tx.execute(
        "INSERT OR IGNORE INTO registers(id, last_receipt_no) VALUES ('H1', 0)",
        [],
    )
    .expect("register");
    let (id0, line0, pay0, move0): (i64, i64, i64, i64) = tx
        .query_row(
            "SELECT (SELECT max(id) FROM sales), (SELECT max(id) FROM sale_lines), (SELECT max(id) FROM payments),
                    (SELECT max(id) FROM stock_movements)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("ids");
    {
        let mut sale = tx
            .prepare(
                "INSERT INTO sales(id, kind, register, receipt_no, at, subtotal, discount, total, change, rounding, day)
                 VALUES (?1, 'sale', 'H1', ?2, ?3, 250000, 0, 250000, 0, 0, ?4)",
            )
            .expect("sale");
        let mut line = tx
            .prepare(
                "INSERT INTO sale_lines(id, sale_id, line_no, product_id, barcode, name_ky, name_ru, name_en, category,
                   qty_milli, unit_price, gross, discount, amount, tax_group, vat_pct, artisan, commission_pct)
                 VALUES (?1, ?2, 1, 1, '2100000000012', 'Кийиз', 'Войлок', 'Felt', 'toys', 1000, 250000, 250000, 0,
                   250000, 'standard', '12', 'A01', '25')",
            )
            .expect("line");
        let mut pay = tx
            .prepare(
                "INSERT INTO payments(id, sale_id, seq, kind, currency, tendered, tendered_som, applied)
                 VALUES (?1, ?2, 1, 'cash', 'KGS', '2500', 250000, 250000)",
            )
            .expect("pay");
        let mut stock = tx
            .prepare(
                "INSERT INTO stock_movements(id, product_id, kind, qty_milli, sale_id, at)
                 VALUES (?1, 1, 'sale', -1000, ?2, ?3)",
            )
            .expect("stock");
        let per_day = sales.div_ceil(730).max(1);
        for i in 0..sales {
            let d = before - Days::new(730 - (i / per_day) as u64 % 730);
            let at = format!(
                "{d}T{:02}:{:02}:00+06:00",
                9 + (i % per_day) / 60 % 10,
                (i % per_day) % 60
            );
            let id = id0 + 1 + i as i64;
            sale.execute(rusqlite::params![id, i as i64 + 1, at, d.to_string()])
                .expect("sale");
            line.execute(rusqlite::params![line0 + 1 + i as i64, id]).expect("line");
            pay.execute(rusqlite::params![pay0 + 1 + i as i64, id]).expect("pay");
            stock
                .execute(rusqlite::params![move0 + 1 + i as i64, id, at])
                .expect("stock");
        }
    }
    tx.commit().expect("commit");
    conn.execute_batch("ANALYZE").expect("analyze");
}

trait Hms {
    fn with_ymd_and_hms_checked(
        &self,
        y: i32,
        mo: u32,
        d: u32,
        h: u32,
        mi: u32,
        s: u32,
    ) -> Option<chrono::DateTime<chrono::FixedOffset>>;
}

impl Hms for chrono::FixedOffset {
    fn with_ymd_and_hms_checked(
        &self,
        y: i32,
        mo: u32,
        d: u32,
        h: u32,
        mi: u32,
        s: u32,
    ) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        chrono::TimeZone::with_ymd_and_hms(self, y, mo, d, h, mi, s).single()
    }
}

fn format_year(lines: usize) {
    let per_day = lines.div_ceil(365);
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let mut total = Duration::ZERO;
    let mut per = Vec::with_capacity(365);
    let mut bytes = 0usize;
    let mut by_file: std::collections::BTreeMap<String, usize> = Default::default();
    for d in 0..365 {
        let day = first.checked_add_days(Days::new(d)).expect("day");
        // Only the files are timed: the synthetic rows stand for what the store's query gives.
        let ledger = synthetic(0, day, per_day);
        let t = Instant::now();
        for (name, b) in ledger::files(&ledger, Dialect::ExcelRu).expect("files") {
            bytes += b.len();
            *by_file.entry(name).or_default() += b.len();
        }
        let took = t.elapsed();
        total += took;
        per.push(took);
    }
    println!(
        "ledger_year {} lines (365 days, excel-ru, in memory): total={:.2?} per day {} {:.0} MB = {:.0} B/line, \
         peak RSS {:.0} MB",
        per_day * 365,
        total,
        quantiles(&mut per),
        bytes as f64 / 1e6,
        bytes as f64 / (per_day * 365) as f64,
        peak_rss_mb()
    );
    let sizes: Vec<String> = by_file
        .iter()
        .map(|(name, b)| format!("{name} {:.1} MB", *b as f64 / 1e6))
        .collect();
    println!("ledger_year_files {}", sizes.join(", "));
}

fn pool_shops(shops: usize, days: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let t = Instant::now();
    let mut dirs = Vec::with_capacity(shops * days);
    for s in 0..shops {
        for d in 0..days {
            let day = first.checked_add_days(Days::new(d as u64)).expect("day");
            let ledger = synthetic(s, day, 10 + (s * 31 + d) % 30);
            let out = dir.path().join(format!("{s:03}-{day}"));
            std::fs::create_dir_all(&out).expect("dir");
            for (name, bytes) in ledger::files(&ledger, Dialect::Plain).expect("files") {
                std::fs::write(out.join(name), bytes).expect("write");
            }
            dirs.push(out);
        }
    }
    println!("setup: {} ledger folders written in {:.1?}", dirs.len(), t.elapsed());
    let mut pool = Pool::open(&dir.path().join("pool.db")).expect("pool");
    // The folders are read on reader threads ahead of the pooling and handed over a handful at a time, so the
    // time between two folders is no ledger's own: the figure per ledger is the run's mean.
    let timed = |pool: &mut Pool| {
        let t = Instant::now();
        let report = pool::import(pool, &dirs, "2027-01-01T00:00:00+06:00", |_, _| {}).expect("import");
        let total = t.elapsed();
        let mean = format!("mean={:.2?}", total / dirs.len().max(1) as u32);
        (report, total, mean)
    };
    let (report, first_run, first_q) = timed(&mut pool);
    assert_eq!(report.imported, dirs.len());
    println!(
        "pool_import {shops} shops × {days} days ({} ledgers): total={:.2?} per ledger {first_q} peak RSS {:.0} MB",
        dirs.len(),
        first_run,
        peak_rss_mb()
    );
    let (again, second_run, second_q) = timed(&mut pool);
    assert_eq!(again.already_imported, dirs.len());
    println!(
        "pool_reimport {} already pooled: total={:.2?} per ledger {second_q} peak RSS {:.0} MB",
        dirs.len(),
        second_run,
        peak_rss_mb()
    );
    let t = Instant::now();
    let html = pool::report(&pool, pool::By::Shop, None, None, pool::Format::Html).expect("report");
    println!(
        "pool_report HTML by shop: total={:.1?} ({} KB) peak RSS {:.0} MB",
        t.elapsed(),
        html.len() / 1024,
        peak_rss_mb()
    );
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // A size of 0 leaves that phase out.
    let sales = env("USTA_BENCH_SALES", 5_000);
    if sales > 0 {
        export_real_day(sales);
    }
    let lines = env("USTA_BENCH_LINES", 1_000_000);
    if lines > 0 {
        format_year(lines);
    }
    let (shops, days) = (env("USTA_BENCH_SHOPS", 100), env("USTA_BENCH_DAYS", 365));
    if shops > 0 && days > 0 {
        pool_shops(shops, days);
    }
}
