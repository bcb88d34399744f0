//! Day close and association benchmarks: exporting a 5,000-sale day from a real database, formatting a year of
//! ledgers with 1,000,000 lines, and pooling 100 shops × 365 days of generated ledgers (time and peak RSS).
//!
//! Run: `cargo bench --bench ledger`. `USTA_BENCH_SALES`, `USTA_BENCH_LINES`, `USTA_BENCH_SHOPS` and
//! `USTA_BENCH_DAYS` change the sizes. Peak RSS is the process's high-water mark so far (VmHWM), so the phases
//! run from the lightest to the heaviest.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::path::Path;
use std::time::Instant;
use usta::app::{Ctx, checkout, day, demo, ledger, pool};
use usta::domain::Som;
use usta::domain::artisan::{ArtisanLine, totals};
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
            at: format!("{day}T12:00:00+06:00"),
            line_no: (i % 2 + 1) as u32,
            product_id: (i % 500) as i64 + 1,
            barcode: format!("21{:010}", i % 500),
            name_ky: "Кийиз тапочка".into(),
            name_ru: "Войлочные тапочки".into(),
            category: CRAFTS[i % CRAFTS.len()].into(),
            artisan: format!("A{:02}", i % 8 + 1),
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
    let artisan_lines: Vec<ArtisanLine> = rows
        .iter()
        .map(|r| ArtisanLine {
            artisan: r.artisan.clone(),
            kind: SaleKind::Sale,
            qty: r.qty,
            amount: r.amount,
            commission_pct: Decimal::from(25),
        })
        .collect();
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
        artisans: totals(&artisan_lines),
    }
}

use chrono::Datelike;

fn export_real_day(sales: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("shop.db")).expect("open");
    let start = usta::domain::bishkek()
        .with_ymd_and_hms_checked(2026, 11, 28, 8, 0, 0)
        .expect("time");
    let mut ctx = Ctx::new(&mut store, start, Lang::Ky);
    demo::create(&mut ctx, 66).expect("demo");
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
        checkout::sell(&mut ctx, &items, &cash).expect("sale");
    }
    println!("setup: {sales} sales committed in {:.1?}", t.elapsed());
    day::close(&mut ctx, &[]).expect("close");
    let day = start.date_naive();
    for dialect in [Dialect::ExcelRu, Dialect::Plain] {
        let out = dir.path().join(dialect.code());
        let t = Instant::now();
        ledger::export(&ctx, day, &out, dialect, false).expect("export");
        let export = t.elapsed();
        let t = Instant::now();
        ledger::verify(&out).expect("verify");
        println!(
            "export of a {sales}-sale day ({} lines, {}): {:.1?}, verify {:.1?}, {:.1} MB, peak RSS {:.0} MB",
            sales * 3,
            dialect.code(),
            export,
            t.elapsed(),
            dir_bytes(&out) as f64 / 1e6,
            peak_rss_mb()
        );
    }
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
    let t = Instant::now();
    let mut bytes = 0usize;
    for d in 0..365 {
        let day = first.checked_add_days(Days::new(d)).expect("day");
        let ledger = synthetic(0, day, per_day);
        for (_, b) in ledger::files(&ledger, Dialect::ExcelRu).expect("files") {
            bytes += b.len();
        }
    }
    println!(
        "ledger files for a year of {} lines (365 days, excel-ru, in memory): {:.1?}, {:.0} MB, peak RSS {:.0} MB",
        per_day * 365,
        t.elapsed(),
        bytes as f64 / 1e6,
        peak_rss_mb()
    );
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
    let t = Instant::now();
    let report = pool::import(&mut pool, &dirs, "2027-01-01T00:00:00+06:00", |_, _| {}).expect("import");
    let first_run = t.elapsed();
    assert_eq!(report.imported, dirs.len());
    let t = Instant::now();
    let again = pool::import(&mut pool, &dirs, "2027-01-01T00:00:00+06:00", |_, _| {}).expect("again");
    assert_eq!(again.already_imported, dirs.len());
    let second_run = t.elapsed();
    let t = Instant::now();
    let html = pool::report(&pool, pool::By::Shop, None, None, pool::Format::Html).expect("report");
    println!(
        "pool import of {shops} shops × {days} days ({} ledgers): {:.1?}; re-import (all skipped) {:.1?}; \
         HTML report {:.1?} ({} KB); peak RSS {:.0} MB",
        dirs.len(),
        first_run,
        second_run,
        t.elapsed(),
        html.len() / 1024,
        peak_rss_mb()
    );
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    export_real_day(env("USTA_BENCH_SALES", 5_000));
    format_year(env("USTA_BENCH_LINES", 1_000_000));
    pool_shops(env("USTA_BENCH_SHOPS", 100), env("USTA_BENCH_DAYS", 365));
}
