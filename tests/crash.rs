//! Crash safety, proven on the real binary: `usta sell` and `usta catalog import` are killed with SIGKILL at
//! random moments, and after every kill the database must be whole: integrity check ok, every sale the process
//! acknowledged (printed its receipt JSON) is there complete, no partial sale, gapless receipt numbers, stock on
//! hand equal to the sum of its movements, and a catalog import either wholly in or wholly out.
//!
//! Bounded: the number of kills and attempts is capped and every wait has a deadline. The figures are printed at
//! the end (`cargo test --test crash -- --nocapture`) and recorded in README's Reliability section.

mod support;

use rusqlite::Connection;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::Shop;

/// Checkout kills wanted, and the most attempts made to get them (some runs finish before their kill moment).
const SALE_KILLS: usize = 60;
const SALE_ATTEMPTS: usize = 400;
/// Catalog import kills wanted, and attempts.
const IMPORT_KILLS: usize = 8;
const IMPORT_ATTEMPTS: usize = 30;
const IMPORT_ROWS: usize = 5_000;
/// Backup kills wanted, and attempts.
const BACKUP_KILLS: usize = 8;
const BACKUP_ATTEMPTS: usize = 30;
/// Day close kills wanted, and attempts.
const CLOSE_KILLS: usize = 8;
const CLOSE_ATTEMPTS: usize = 30;
/// No single `usta` run may take longer than this.
const RUN_DEADLINE: Duration = Duration::from_secs(60);

/// xorshift64*: a small seeded generator so a failing run can be repeated (`USTA_CRASH_SEED`).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn seed() -> u64 {
    std::env::var("USTA_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5553_5441_2026)
        | 1
}

fn spawn(db: &Path, args: &[String]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_usta"))
        .args(args)
        .env("USTA_DB", db)
        // The demo shop has users: sign in as its admin, so day close and the rest are allowed.
        .env("USTA_USER", "Админ")
        .env("USTA_PIN", "9999")
        .env_remove("USTA_LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start usta")
}

/// Waits for the child to end (failing the test at the deadline) and returns its stdout.
fn finish(mut child: Child) -> String {
    let start = Instant::now();
    loop {
        match child.try_wait().expect("wait") {
            Some(_) => break,
            None if start.elapsed() > RUN_DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("usta ran longer than {RUN_DEADLINE:?}");
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    let mut out = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    out
}

/// Runs `args` to completion and returns how long it took and whether it succeeded.
fn timed(db: &Path, args: &[String]) -> (Duration, bool, String) {
    let start = Instant::now();
    let mut child = spawn(db, args);
    let mut err = String::new();
    let deadline = Instant::now() + RUN_DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "usta ran longer than {RUN_DEADLINE:?}");
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = start.elapsed();
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    (elapsed, status.success(), err)
}

/// Starts `args`, kills it with SIGKILL after `delay` if it is still running. Returns (killed, stdout).
fn run_and_kill(db: &Path, args: &[String], delay: Duration) -> (bool, String) {
    let mut child = spawn(db, args);
    std::thread::sleep(delay);
    let running = child.try_wait().expect("wait").is_none();
    if running {
        child.kill().expect("SIGKILL");
    }
    (running, finish(child))
}

/// What a run acknowledged: its receipt number, line count and total, from the JSON it printed.
#[derive(Debug, Clone, PartialEq)]
struct Ack {
    receipt_no: i64,
    lines: usize,
    total_tyiyn: i64,
}

fn ack(stdout: &str) -> Option<Ack> {
    let v: serde_json::Value = serde_json::from_str(stdout).ok()?;
    let total: rust_decimal::Decimal = v["total"].as_str()?.parse().ok()?;
    Some(Ack {
        receipt_no: v["receipt_no"].as_i64()?,
        lines: v["lines"].as_array()?.len(),
        total_tyiyn: (total * rust_decimal::Decimal::ONE_HUNDRED).trunc().try_into().ok()?,
    })
}

fn scalar(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> i64 {
    conn.query_row(sql, params, |r| r.get(0)).expect(sql)
}

fn integrity(conn: &Connection) -> Vec<String> {
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    if ok == "ok" {
        vec![]
    } else {
        vec![format!("integrity_check: {ok}")]
    }
}

/// Every rule a checkout must keep after a crash; returns the violations found and the number of sales checked.
fn check_sales(db: &Path, acked: &BTreeMap<i64, Ack>, opening: &BTreeMap<i64, i64>) -> (Vec<String>, usize) {
    let conn = Connection::open(db).expect("raw connection");
    let mut bad = integrity(&conn);
    // Acknowledged sales are there, complete and as printed.
    for (no, a) in acked {
        let row: Option<(i64, i64)> = conn
            .query_row(
                "SELECT id, total FROM sales WHERE kind = 'sale' AND receipt_no = ?1",
                [no],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let Some((id, total)) = row else {
            bad.push(format!("acknowledged receipt {no} is missing"));
            continue;
        };
        let lines = scalar(&conn, "SELECT count(*) FROM sale_lines WHERE sale_id = ?1", [id]);
        let moves = scalar(&conn, "SELECT count(*) FROM stock_movements WHERE sale_id = ?1", [id]);
        if lines != a.lines as i64 || moves != a.lines as i64 || total != a.total_tyiyn {
            bad.push(format!(
                "receipt {no}: {lines} lines, {moves} movements, total {total}; printed {a:?}"
            ));
        }
    }
    // No partial sale: every sale has lines, payments, tax rows and one stock movement per line.
    let mut stmt = conn
        .prepare(
            "SELECT s.receipt_no,
                (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id),
                (SELECT count(*) FROM payments p WHERE p.sale_id = s.id),
                (SELECT count(*) FROM sale_taxes t WHERE t.sale_id = s.id),
                (SELECT count(*) FROM stock_movements m WHERE m.sale_id = s.id),
                (SELECT coalesce(sum(applied), 0) FROM payments p WHERE p.sale_id = s.id), s.total
             FROM sales s ORDER BY s.receipt_no",
        )
        .expect("prepare");
    let sales: Vec<(i64, i64, i64, i64, i64, i64, i64)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .expect("sales")
        .collect::<Result<_, _>>()
        .expect("rows");
    for (no, lines, payments, taxes, moves, applied, total) in &sales {
        if *lines == 0 || *payments == 0 || *taxes == 0 || moves != lines || applied != total {
            bad.push(format!(
                "partial sale {no}: {lines} lines, {payments} payments ({applied} of {total}), {taxes} tax rows, {moves} movements"
            ));
        }
    }
    // Receipt numbers 1..N without a gap, and the register's counter at N.
    let numbers: Vec<i64> = sales.iter().map(|s| s.0).collect();
    if numbers != (1..=numbers.len() as i64).collect::<Vec<_>>() {
        bad.push(format!("receipt numbers are not 1..N: {numbers:?}"));
    }
    let counter = scalar(&conn, "SELECT coalesce(max(last_receipt_no), 0) FROM registers", []);
    if counter != numbers.len() as i64 {
        bad.push(format!("register counter {counter}, but {} sales", numbers.len()));
    }
    // Stock: on hand (what Usta shows) = sum of movements = opening stock − everything sold.
    let sold: BTreeMap<i64, i64> = conn
        .prepare("SELECT product_id, sum(qty_milli) FROM sale_lines GROUP BY product_id")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("sold");
    let moved: BTreeMap<i64, i64> = conn
        .prepare("SELECT product_id, sum(qty_milli) FROM stock_movements GROUP BY product_id")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("moved");
    drop(stmt);
    drop(conn);
    let store = usta::store::Store::open(db).expect("Usta opens the database after the kill");
    for level in store.stock_levels().expect("stock levels") {
        let id = level.product_id.0;
        let milli = |d: rust_decimal::Decimal| -> i64 {
            (d * rust_decimal::Decimal::from(1000))
                .trunc()
                .try_into()
                .unwrap_or(i64::MIN)
        };
        let on_hand = milli(store.on_hand(level.product_id).expect("on hand"));
        let expected = opening.get(&id).copied().unwrap_or(0) - sold.get(&id).copied().unwrap_or(0);
        let movements = moved.get(&id).copied().unwrap_or(0);
        if on_hand != movements || on_hand != expected {
            bad.push(format!(
                "product {id}: on hand {on_hand}, movements {movements}, opening − sold {expected} (milli)"
            ));
        }
    }
    (bad, acked.len())
}

fn opening_stock(db: &Path) -> BTreeMap<i64, i64> {
    let conn = Connection::open(db).expect("raw connection");
    conn.prepare("SELECT product_id, sum(qty_milli) FROM stock_movements GROUP BY product_id")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("opening stock")
}

fn cheapest_codes(db: &Path, n: usize) -> Vec<String> {
    let conn = Connection::open(db).expect("raw connection");
    conn.prepare(
        "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id ORDER BY p.price, b.code LIMIT ?1",
    )
    .and_then(|mut s| s.query_map([n as i64], |r| r.get(0))?.collect())
    .expect("codes")
}

struct Figures {
    kills: usize,
    attempts: usize,
    checked: usize,
    violations: Vec<String>,
}

fn checkouts(rng: &mut Rng) -> Figures {
    let shop = Shop::demo();
    let codes = cheapest_codes(&shop.db, 4);
    let opening = opening_stock(&shop.db);
    let args = |rng: &mut Rng| -> Vec<String> {
        let mut a = vec!["--json".to_string(), "sell".to_string()];
        for code in codes.iter().take(1 + rng.below(codes.len() as u64) as usize) {
            a.push(format!("{code}*{}", 1 + rng.below(3)));
        }
        a.extend(["--pay".to_string(), "cash:100000".to_string()]);
        a
    };
    // How long a whole checkout takes here decides the window the kill moments are drawn from.
    let mut acked = BTreeMap::new();
    let mut times = Vec::new();
    for _ in 0..5 {
        let a = args(rng);
        let start = Instant::now();
        let out = finish(spawn(&shop.db, &a));
        times.push(start.elapsed());
        let done = ack(&out).unwrap_or_else(|| panic!("a checkout without a kill must succeed: {a:?} → {out}"));
        acked.insert(done.receipt_no, done);
    }
    times.sort();
    let full = times[times.len() / 2];
    let first_window = (full.as_micros() as u64 * 5 / 4).max(1_000);
    let mut window = first_window;
    let mut figures = Figures {
        kills: 0,
        attempts: 0,
        checked: 0,
        violations: vec![],
    };
    while figures.kills < SALE_KILLS && figures.attempts < SALE_ATTEMPTS {
        figures.attempts += 1;
        let delay = Duration::from_micros(rng.below(window));
        let (killed, out) = run_and_kill(&shop.db, &args(rng), delay);
        if let Some(done) = ack(&out) {
            let no = done.receipt_no;
            if acked.insert(no, done).is_some() {
                figures.violations.push(format!("receipt {no} was printed twice"));
            }
        }
        // Keep about half the runs killed whatever the machine's speed: the kill moments then spread over the whole
        // run (start-up, the commit, printing the receipt) rather than bunching before the database is opened.
        window = if killed {
            (window * 11 / 10).min(first_window * 4)
        } else {
            (window * 9 / 10).max(1_000)
        };
        if killed {
            figures.kills += 1;
            let (bad, checked) = check_sales(&shop.db, &acked, &opening);
            figures.checked += checked;
            figures
                .violations
                .extend(bad.into_iter().map(|b| format!("after kill {}: {b}", figures.kills)));
            // The head file beside the database agrees with it whatever moment the kill hit (between the intent
            // and the commit, or between the commit and its record): no false alarm.
            let (_, verified, err) = timed(&shop.db, &["verify".into()]);
            if !verified {
                figures
                    .violations
                    .push(format!("after kill {}: usta verify: {err}", figures.kills));
            }
        }
    }
    let (bad, _) = check_sales(&shop.db, &acked, &opening);
    figures.violations.extend(bad);
    eprintln!(
        "crash/checkout: {} kills in {} runs (kill window {} µs at first, {} µs at the end), {} sales in the book, {} acknowledged, {} acknowledged-sale checks",
        figures.kills,
        figures.attempts,
        first_window,
        window,
        support::count(&shop.db, "sales"),
        acked.len(),
        figures.checked
    );
    figures
}

fn catalog_csv(rows: usize) -> String {
    let mut csv = String::from("barcode;name_ky;name_ru;name_en;category;price;opening_stock\n");
    for i in 0..rows {
        let code = usta::domain::barcode::in_store_ean13(29, 100_000 + i as u64).expect("code");
        csv.push_str(&format!(
            "{};Кийиз буюм {i};Войлочное изделие {i};Felt item {i};toys;{},50;{}\n",
            code.as_str(),
            200 + i % 5000,
            1 + i % 7
        ));
    }
    csv
}

/// Runs `args` on fresh copies of the shop at `base` (checkpointed first), SIGKILLing each run at a random moment
/// until `wanted` runs were killed (at most `attempts` runs). After each kill `check(kill number, database,
/// connection)` returns the violations it found, besides a failed integrity check. Returns the figures and how long
/// a whole run takes. The copies are removed as it goes.
fn kill_on_copies(
    base: &Shop,
    tag: &str,
    args: &[String],
    (wanted, attempts): (usize, usize),
    rng: &mut Rng,
    mut check: impl FnMut(usize, &Path, &Connection) -> Vec<String>,
) -> (Figures, Duration) {
    {
        let conn = Connection::open(&base.db).expect("raw");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
    }
    let fresh = |n: usize| -> PathBuf {
        let db = base.dir.path().join(format!("{tag}-{n}.db"));
        std::fs::copy(&base.db, &db).expect("copy database");
        db
    };
    let (full, ok, err) = timed(&fresh(0), args);
    assert!(ok, "{tag} without a kill must succeed: {err}");
    let window = (full.as_micros() as u64 * 5 / 4).max(1_000);
    let mut figures = Figures {
        kills: 0,
        attempts: 0,
        checked: 0,
        violations: vec![],
    };
    while figures.kills < wanted && figures.attempts < attempts {
        figures.attempts += 1;
        let db = fresh(figures.attempts);
        let (killed, _) = run_and_kill(&db, args, Duration::from_micros(rng.below(window)));
        if !killed {
            let _ = std::fs::remove_file(&db);
            continue;
        }
        figures.kills += 1;
        let conn = Connection::open(&db).expect("raw connection");
        figures.violations.extend(integrity(&conn));
        figures.violations.extend(check(figures.kills, &db, &conn));
        figures.checked += 1;
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    (figures, full)
}

fn catalog_imports(rng: &mut Rng) -> Figures {
    let base = Shop::demo();
    let file = base.dir.path().join("big.csv");
    std::fs::write(&file, catalog_csv(IMPORT_ROWS)).expect("write csv");
    let products = support::count(&base.db, "products");
    let movements = support::count(&base.db, "stock_movements");
    let args = vec![
        "--json".to_string(),
        "catalog".to_string(),
        "import".to_string(),
        file.display().to_string(),
    ];
    let (mut all, mut none) = (0, 0);
    let (figures, full) = kill_on_copies(
        &base,
        "import",
        &args,
        (IMPORT_KILLS, IMPORT_ATTEMPTS),
        rng,
        |kill, _, conn| {
            let mut violations = Vec::new();
            let p = scalar(conn, "SELECT count(*) FROM products", []) - products;
            let m = scalar(conn, "SELECT count(*) FROM stock_movements", []) - movements;
            let b = scalar(conn, "SELECT count(*) FROM barcodes WHERE code LIKE '29%'", []);
            let fts = conn.execute("INSERT INTO products_fts(products_fts) VALUES ('integrity-check')", []);
            let n = IMPORT_ROWS as i64;
            match (p, m, b) {
                (0, 0, 0) => none += 1,
                (p, m, b) if p == n && m == n && b == n => all += 1,
                _ => violations.push(format!(
                    "import kill {kill}: {p} products, {m} movements, {b} barcodes of {n}"
                )),
            }
            if let Err(e) = fts {
                violations.push(format!("import kill {kill}: search index: {e}"));
            }
            violations
        },
    );
    eprintln!(
        "crash/import: {} kills in {} runs of a {IMPORT_ROWS}-row import ({} ms whole): {all} all in, {none} none in",
        figures.kills,
        figures.attempts,
        full.as_millis()
    );
    figures
}

/// `usta backup` killed at random moments: every file that carries a backup's name is a whole, checked Usta
/// database (half-written copies only ever exist as `*.partial`), and the shop's database is unharmed.
fn backups(rng: &mut Rng) -> Figures {
    let shop = Shop::demo();
    let file = shop.dir.path().join("big.csv");
    std::fs::write(&file, catalog_csv(IMPORT_ROWS)).expect("write csv");
    let (_, ok, err) = timed(
        &shop.db,
        &["catalog".into(), "import".into(), file.display().to_string()],
    );
    assert!(ok, "{err}");
    let args = vec![
        "--json".to_string(),
        "backup".to_string(),
        "--keep".to_string(),
        "3".to_string(),
    ];
    let (full, ok, err) = timed(&shop.db, &args);
    assert!(ok, "a backup without a kill must succeed: {err}");
    let window = (full.as_micros() as u64 * 5 / 4).max(1_000);
    let dir = usta::app::backup::backup_dir(&shop.db);
    let mut figures = Figures {
        kills: 0,
        attempts: 0,
        checked: 0,
        violations: vec![],
    };
    while figures.kills < BACKUP_KILLS && figures.attempts < BACKUP_ATTEMPTS {
        figures.attempts += 1;
        let (killed, _) = run_and_kill(&shop.db, &args, Duration::from_micros(rng.below(window)));
        if !killed {
            continue;
        }
        figures.kills += 1;
        let conn = Connection::open(&shop.db).expect("raw connection");
        figures.violations.extend(integrity(&conn));
        drop(conn);
        for entry in std::fs::read_dir(&dir).expect("backups folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "db") {
                figures.checked += 1;
                if let Err(e) = usta::store::inspect(&path) {
                    figures
                        .violations
                        .push(format!("backup kill {}: {}: {e}", figures.kills, path.display()));
                }
            }
        }
    }
    eprintln!(
        "crash/backup: {} kills in {} runs of `usta backup` ({} ms whole), {} backup files checked",
        figures.kills,
        figures.attempts,
        full.as_millis(),
        figures.checked
    );
    figures
}

/// `usta day close` killed at random moments, each on a fresh copy of a shop with a day of sales: the day is
/// either closed whole (one Z report with its journal head, the journal verifies) or still open with nothing of
/// the close written, and no sale is touched.
fn day_closes(rng: &mut Rng) -> Figures {
    let base = Shop::demo();
    for _ in 0..10 {
        let (_, ok, err) = timed(
            &base.db,
            &[
                "sell".into(),
                "2100000000098".into(),
                "--pay".into(),
                "cash:2500".into(),
            ],
        );
        assert!(ok, "{err}");
    }
    let sales = support::count(&base.db, "sales");
    let args: Vec<String> = ["--json", "day", "close", "--count", "KGS:25000"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (mut closed, mut open) = (0, 0);
    let (figures, full) = kill_on_copies(
        &base,
        "close",
        &args,
        (CLOSE_KILLS, CLOSE_ATTEMPTS),
        rng,
        |kill, db, conn| {
            let mut violations = Vec::new();
            let closes = scalar(conn, "SELECT count(*) FROM day_closes", []);
            let with_head = scalar(
                conn,
                "SELECT count(*) FROM day_closes WHERE journal_head <> '' AND report <> ''",
                [],
            );
            let journaled = scalar(conn, "SELECT count(*) FROM journal WHERE kind LIKE '%close%'", []);
            match (closes, with_head) {
                (0, 0) if journaled == 0 => open += 1,
                (1, 1) if journaled >= 1 => closed += 1,
                _ => violations.push(format!(
                    "close kill {kill}: {closes} closes ({with_head} with report and head), {journaled} journal entries"
                )),
            }
            let now = scalar(conn, "SELECT count(*) FROM sales", []);
            if now != sales {
                violations.push(format!("close kill {kill}: {now} sales instead of {sales}"));
            }
            let (_, verified, err) = timed(db, &["verify".into()]);
            if !verified {
                violations.push(format!("close kill {kill}: usta verify: {err}"));
            }
            violations
        },
    );
    eprintln!(
        "crash/close: {} kills in {} runs of `usta day close` ({} ms whole): {closed} closed whole, {open} still open",
        figures.kills,
        figures.attempts,
        full.as_millis()
    );
    figures
}

#[test]
fn sigkill_never_loses_or_splits_a_sale_or_an_import() {
    let started = Instant::now();
    let mut rng = Rng(seed());
    let sales = checkouts(&mut rng);
    let imports = catalog_imports(&mut rng);
    let copies = backups(&mut rng);
    let closes = day_closes(&mut rng);
    let violations: Vec<&String> = sales
        .violations
        .iter()
        .chain(&imports.violations)
        .chain(&copies.violations)
        .chain(&closes.violations)
        .collect();
    eprintln!(
        "crash harness: {} kills ({} checkout, {} import, {} backup, {} day close), {} acknowledged sales checked, \
         {} imports checked, {} backup files checked, {} day closes checked, violations = {}, {:.1} s",
        sales.kills + imports.kills + copies.kills + closes.kills,
        sales.kills,
        imports.kills,
        copies.kills,
        closes.kills,
        sales.checked,
        imports.checked,
        copies.checked,
        closes.checked,
        violations.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        violations.is_empty(),
        "{} violations, the first: {:#?}",
        violations.len(),
        &violations[..violations.len().min(20)]
    );
    assert!(
        sales.kills >= 50,
        "only {} checkout kills in {} runs",
        sales.kills,
        sales.attempts
    );
    assert!(
        imports.kills >= 3,
        "only {} import kills in {} runs",
        imports.kills,
        imports.attempts
    );
}
