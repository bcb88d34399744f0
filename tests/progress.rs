//! Progress bars appear only on a terminal: a piped `pool import` of several ledgers or `catalog import` writes
//! exactly its report lines and nothing on standard error, with or without `--json`. The long jobs report
//! counts that only climb and end at their total, and a job stopped on request leaves the shop as it was: a
//! catalog import rolls back, a backup leaves no file.

mod support;

use support::{Shop, at, count, stderr, stdout};
use usta::app::input::InputProblem;
use usta::app::progress::{Job, Progress};
use usta::app::{AppError, Ctx, backup, catalog, day, ledger};
use usta::domain::catalog::Lang;

/// Remembers every step; asks to stop once `stop_after` steps past zero were reported.
#[derive(Default)]
struct Recording {
    steps: Vec<(u64, u64)>,
    stop_after: Option<usize>,
    finished: bool,
}

impl Progress for Recording {
    fn step(&mut self, done: u64, total: u64) {
        self.steps.push((done, total));
    }
    fn finish(&mut self) {
        self.finished = true;
    }
    fn cancelled(&self) -> bool {
        self.stop_after
            .is_some_and(|n| self.steps.iter().filter(|(done, _)| *done > 0).count() >= n)
    }
}

/// Counts that never go back, of one total, ending at that total.
fn climbs_to_the_total(steps: &[(u64, u64)]) -> u64 {
    let total = steps.last().expect("some steps").1;
    assert!(total > 0, "{steps:?}");
    assert!(steps.iter().all(|(_, t)| *t == total), "one total: {steps:?}");
    assert!(steps.windows(2).all(|w| w[0].0 <= w[1].0), "never back: {steps:?}");
    assert_eq!(steps.last().map(|s| s.0), Some(total), "{steps:?}");
    total
}

/// A file that sets every product's price to 1 som and adds one product.
fn price_file(shop: &Shop) -> String {
    let store = shop.open();
    let mut file = String::from("barcode,name_en,price\n");
    for record in store.all_products().expect("products") {
        let code = record.product.barcodes[0].as_str().to_string();
        let name = record.product.names.en.replace('"', "\"\"");
        file.push_str(&format!("{code},\"{name}\",1.00\n"));
    }
    file.push_str(",A new bag,900\n");
    file
}

#[test]
fn catalog_import_counts_its_rows_up_to_the_last() {
    let shop = Shop::demo();
    let file = price_file(&shop);
    let mut store = shop.open();
    let products = store.product_count().expect("count");
    let mut progress = Recording::default();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::En);
    let summary = catalog::import_with(&mut ctx, "prices.csv", file.as_bytes(), &mut progress).expect("import");
    assert_eq!((summary.created, summary.updated), (1, products as usize));
    assert_eq!(
        climbs_to_the_total(&progress.steps),
        products as u64 + 1,
        "one step a row"
    );
    assert!(progress.finished);
    assert_eq!(store.product_count().expect("count"), products + 1);
}

#[test]
fn a_cancelled_catalog_import_leaves_the_catalog_as_it_was() {
    let shop = Shop::demo();
    let file = price_file(&shop);
    let mut store = shop.open();
    let hat = store.all_products().expect("products").remove(0).product;
    let code = hat.barcodes[0].as_str().to_string();
    let tables = ["products", "barcodes", "journal", "stock_movements"].map(|t| count(&shop.db, t));
    let mut progress = Recording {
        stop_after: Some(1),
        ..Default::default()
    };
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::En);
    let err = catalog::import_with(&mut ctx, "prices.csv", file.as_bytes(), &mut progress).expect_err("stopped");
    assert!(
        matches!(
            err,
            AppError::Invalid(InputProblem::Cancelled {
                job: Job::CatalogImport
            })
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "the catalog import was cancelled; nothing was changed");
    // It stopped inside the write, after the first row was stored: that row was rolled back too.
    assert_eq!(progress.steps.last().map(|s| s.0), Some(1), "{:?}", progress.steps);
    assert!(progress.finished);
    assert_eq!(
        ["products", "barcodes", "journal", "stock_movements"].map(|t| count(&shop.db, t)),
        tables
    );
    let after = store.product_by_barcode(&code).expect("read").expect("product");
    assert_eq!(after.product.price, hat.price, "the first row's price is not kept");
}

/// A shop whose database is several backup steps long (1024 pages a step).
fn big_shop() -> Shop {
    let shop = Shop::demo();
    let conn = rusqlite::Connection::open(&shop.db).expect("raw connection");
    conn.execute_batch(
        "CREATE TABLE ballast (b BLOB); INSERT INTO ballast SELECT zeroblob(4000) FROM generate_series(1, 3000);",
    )
    .or_else(|_| {
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS ballast (b BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
                 INSERT INTO ballast SELECT zeroblob(4000) FROM n;",
        )
    })
    .expect("ballast");
    shop
}

#[test]
fn backup_counts_its_pages_up_to_the_last() {
    let shop = big_shop();
    let mut store = shop.open();
    let target = shop.dir.path().join("copy.db");
    let mut progress = Recording::default();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::En);
    let report = backup::backup_with(&mut ctx, Some(&target), 10, &mut progress).expect("backup");
    assert_eq!(report.file.path, target);
    let pages = climbs_to_the_total(&progress.steps);
    assert!(progress.steps.len() >= 3, "several steps: {:?}", progress.steps);
    let conn = rusqlite::Connection::open(&target).expect("copy");
    let copied: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).expect("pages");
    assert_eq!(copied as u64, pages, "the total is the database's pages");
    assert_eq!(count(&target, "ballast"), 3000);
}

#[test]
fn a_cancelled_backup_leaves_no_file() {
    let shop = big_shop();
    let mut store = shop.open();
    let target = shop.dir.path().join("copy.db");
    let mut progress = Recording {
        stop_after: Some(1),
        ..Default::default()
    };
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::En);
    let err = backup::backup_with(&mut ctx, Some(&target), 10, &mut progress).expect_err("stopped");
    assert!(
        matches!(err, AppError::Invalid(InputProblem::Cancelled { job: Job::Backup })),
        "{err:?}"
    );
    assert_eq!(
        progress.steps.len(),
        1,
        "stopped after the first step: {:?}",
        progress.steps
    );
    let (done, total) = progress.steps[0];
    assert!(done < total, "the copy was half made: {:?}", progress.steps);
    let left: Vec<_> = std::fs::read_dir(shop.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("copy"))
        .collect();
    assert!(left.is_empty(), "nothing at the target, no partial copy: {left:?}");
    let ctx = Ctx::new(&mut store, at(9, 0), Lang::En);
    assert_eq!(backup::last_backup(&ctx).expect("read"), None, "no backup recorded");
}

#[test]
fn a_backup_apart_keeps_one_snapshot_while_the_till_writes() {
    let shop = big_shop();
    let mut store = shop.open();
    let target = shop.dir.path().join("apart.db");
    let planned = backup::plan(&Ctx::new(&mut store, at(9, 0), Lang::En), Some(&target)).expect("plan");
    let writer = rusqlite::Connection::open(&shop.db).expect("raw connection");
    let mut steps = Vec::new();
    let mut progress = |done: u64, total: u64| {
        // A sale elsewhere between the steps: the copy neither restarts nor takes it in.
        writer
            .execute("INSERT INTO ballast VALUES (zeroblob(4000))", [])
            .expect("write between steps");
        steps.push((done, total));
    };
    backup::copy_apart_with(&planned, &mut progress).expect("copy");
    climbs_to_the_total(&steps);
    assert!(steps.len() >= 3, "several steps: {steps:?}");
    assert_eq!(
        count(&target, "ballast"),
        3000,
        "the copy is the snapshot it started from"
    );
    assert_eq!(count(&shop.db, "ballast"), 3000 + steps.len() as i64);
}

#[test]
fn piped_catalog_import_prints_no_bar() {
    let shop = Shop::demo();
    let file = shop.dir.path().join("prices.csv");
    std::fs::write(&file, price_file(&shop)).expect("write");
    let file = file.to_str().expect("path");
    let o = shop.usta(&["catalog", "import", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no bar on a pipe");
    let out = stdout(&o);
    assert!(
        out.starts_with("Imported ") && out.ends_with(": 1 new, 66 updated.\n"),
        "{out}"
    );
    assert!(
        !out.contains('\r') && !out.contains('\u{1b}'),
        "no terminal control codes"
    );
    let o = shop.usta(&["--json", "catalog", "import", file]);
    assert_eq!(stderr(&o), "");
    let _: serde_json::Value = serde_json::from_slice(&o.stdout).expect("only JSON on stdout");
}

#[test]
fn piped_pool_import_prints_no_bar() {
    let shop = Shop::demo();
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
        day::open(&mut ctx, &[]).expect("open");
        ctx.now = at(19, 0);
        day::close(&mut ctx, &[]).expect("close");
        let a = shop.dir.path().join("a");
        ledger::export(&ctx, at(9, 0).date_naive(), &a, Default::default(), false).expect("export");
        let b = shop.dir.path().join("b");
        ledger::export(&ctx, at(9, 0).date_naive(), &b, Default::default(), false).expect("export");
    }
    let dirs = ["a", "b"].map(|d| shop.dir.path().join(d).to_str().expect("path").to_string());
    let pool = shop.dir.path().join("pool.db");
    let pool = pool.to_str().expect("path");
    let o = shop.usta(&["pool", "import", &dirs[0], &dirs[1], "--pool", pool]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no bar on a pipe");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("imported   ") && lines[1].starts_with("unchanged  "),
        "{out}"
    );
    assert_eq!(lines[2], "1 imported, 1 already pooled, 0 conflicts, 0 rejected");
    assert!(
        !out.contains('\r') && !out.contains('\u{1b}'),
        "no terminal control codes"
    );
    let o = shop.usta(&["--json", "pool", "import", &dirs[0], &dirs[1], "--pool", pool]);
    assert_eq!(stderr(&o), "");
    let _: serde_json::Value = serde_json::from_slice(&o.stdout).expect("only JSON on stdout");
}

#[test]
fn restore_counts_its_stages_up_to_the_last() {
    let shop = Shop::demo();
    let copy = shop.dir.path().join("copy.db");
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::En);
        backup::backup(&mut ctx, Some(&copy), 10).expect("backup");
    }
    let db = shop.dir.path().join("restored").join("shop.db");
    let mut progress = Recording {
        // A restore is never stopped: asking changes nothing.
        stop_after: Some(1),
        ..Default::default()
    };
    let report = backup::restore_with(&db, &copy, "20261128-090000", &mut progress).expect("restore");
    assert_eq!(climbs_to_the_total(&progress.steps), 5, "{:?}", progress.steps);
    assert!(progress.finished);
    assert_eq!(report.restored.products, 66);
    assert_eq!(count(&db, "products"), 66);
}

#[test]
fn a_range_export_counts_its_days_and_prints_no_bar_on_a_pipe() {
    let shop = Shop::demo();
    let out = shop.dir.path().join("days");
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
        for hour in [9, 11, 13] {
            ctx.now = at(hour, 0);
            day::open(&mut ctx, &[]).expect("open");
            ctx.now = at(hour + 1, 0);
            day::close(&mut ctx, &[]).expect("close");
        }
        let from = at(9, 0).date_naive();
        let to = from + chrono::Days::new(4);
        let mut progress = Recording::default();
        let done = ledger::export_days(
            &ctx,
            from,
            to,
            &out,
            Default::default(),
            false,
            false,
            false,
            &mut progress,
        )
        .expect("export the days");
        assert_eq!(done.days.len(), 3);
        assert_eq!(done.without_a_day.len(), 2);
        assert_eq!(climbs_to_the_total(&progress.steps), 3, "{:?}", progress.steps);
        assert!(progress.finished);
    }
    let o = shop.usta(&[
        "ledger",
        "export",
        "--from",
        "2026-11-28",
        "--to",
        "2026-11-30",
        "--out",
        out.to_str().expect("utf8"),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no bar on a pipe");
    assert_eq!(stdout(&o).lines().count(), 3, "one line per day: {}", stdout(&o));
}
