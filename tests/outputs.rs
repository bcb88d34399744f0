//! The output rule and the missing/damaged-database rules, checked over clap's whole command tree with the real
//! binary: every argument that takes a path is classified in `usta::cli::paths::PATH_ARGS`; every output is
//! pointed at the shop's database, its WAL, the backups folder, another SQLite file and an existing file, and
//! must be refused with the database byte-for-byte unchanged and still verifying. Every command on a missing
//! `--db` creates nothing; every command on a damaged one advises a restore. A killed `ledger export --force`
//! leaves the old export or the new one, never a folder `ledger verify` rejects.

mod support;

use clap::CommandFactory;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::{ADMIN, Shop, at, stderr};
use usta::app::{Ctx, checkout, day};
use usta::cli::paths::{PathRole, role};
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::money::Som;
use usta::domain::payment::{PaymentKind, Tender};

/// Every leaf subcommand with its path (`ledger export`) and its clap definition.
fn leaves() -> Vec<(String, clap::Command)> {
    fn walk(c: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        let subs: Vec<_> = c.get_subcommands().filter(|s| s.get_name() != "help").collect();
        if subs.is_empty() && !path.is_empty() {
            out.push((path.to_string(), c.clone()));
        }
        for s in subs {
            let p = format!("{path} {}", s.get_name()).trim().to_string();
            walk(s, &p, out);
        }
    }
    let mut cmd = usta::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

/// Whether an argument names a file, folder, device or printer, judged from its clap definition alone.
fn takes_path(a: &clap::Arg) -> bool {
    use clap::ValueHint::*;
    if !a.get_action().takes_values() {
        return false;
    }
    let hinted = matches!(a.get_value_hint(), AnyPath | FilePath | DirPath | ExecutablePath);
    let named = a.get_value_names().unwrap_or_default().iter().any(|n| {
        let n = n.to_uppercase();
        ["FILE", "PATH", "DIR", "URI", "FOLDER"].iter().any(|w| n.contains(w))
    });
    hinted || named
}

#[test]
fn every_argument_that_takes_a_path_is_classified() {
    let mut unclassified = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, cmd) in leaves() {
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            match role(&path, id) {
                Some(_) => {
                    seen.insert((path.clone(), id.to_string()));
                }
                None if takes_path(a) => unclassified.push(format!("{path} --{id}")),
                None => {}
            }
        }
    }
    assert!(
        unclassified.is_empty(),
        "arguments taking a path without a role in usta::cli::paths::PATH_ARGS (input or output?): {unclassified:?}"
    );
    for (command, id, _) in usta::cli::paths::PATH_ARGS {
        assert!(
            *command == "*" || seen.contains(&(command.to_string(), id.to_string())),
            "PATH_ARGS names `{command} {id}`, which the command tree does not have"
        );
    }
}

/// A demo shop with one sale on 28 November, a backup in `backups/`, another SQLite file and a plain file.
struct Fixture {
    shop: Shop,
    other_db: PathBuf,
    plain: PathBuf,
    a_backup: PathBuf,
    code: String,
}

impl Fixture {
    fn new() -> Fixture {
        let shop = Shop::demo();
        let code;
        {
            let mut store = shop.open();
            let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
            day::open(&mut ctx, &[Money::new(Decimal::from(5000), Currency::Kgs)]).expect("open day");
            code = ctx.store.search("шырдак", 1).expect("search")[0].product.barcodes[0].to_string();
            let cash = [Tender::som(PaymentKind::Cash, Som::whole(200_000))];
            checkout::sell(&mut ctx, &[(code.clone(), Decimal::ONE)], &cash).expect("sale");
        }
        let done = shop.usta(&["backup"]);
        assert!(done.status.success(), "{}", stderr(&done));
        let backups = usta::app::backup::backup_dir(&shop.db);
        let a_backup = std::fs::read_dir(&backups)
            .expect("backups")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "db"))
            .expect("a backup");
        let other_db = shop.dir.path().join("other.db");
        rusqlite::Connection::open(&other_db)
            .and_then(|c| c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (42);"))
            .expect("other database");
        let plain = shop.dir.path().join("notes.txt");
        std::fs::write(&plain, "the manager's notes").expect("plain file");
        checkpoint(&shop.db);
        Fixture {
            shop,
            other_db,
            plain,
            a_backup,
            code,
        }
    }

    /// A value for a required argument, so a command gets past clap to the rule under test.
    fn sample(&self, command: &str, id: &str) -> Option<String> {
        let date = "2026-11-28".to_string();
        Some(match id {
            "date" | "from" | "to" => date,
            "receipt_no" => "1".into(),
            "transfer" => "R1-1".into(),
            "code" => self.code.clone(),
            "items" => self.code.clone(),
            "pay" => "cash:200000".into(),
            "refund" => "cash".into(),
            "float" | "count" => "KGS:5000".into(),
            "out" => "never-written".into(),
            "number" => "TF2026-000001".into(),
            "text" => "шырдак".into(),
            "qty" | "pos" => "1".into(),
            "reason" | "note" => "test".into(),
            "amount" => "100".into(),
            "id" => "A01".into(),
            "name" => "Test".into(),
            "role" => "cashier".into(),
            "new_pin" => "4321".into(),
            "mode" => "simulator".into(),
            "listen" => "127.0.0.1:0".into(),
            "location" => "bazaar".into(),
            "register" => "R9".into(),
            "url" => "https://127.0.0.1:9".into(),
            "uri" => "file:/dev/null".into(),
            "format" if command == "catalog feed" => "google".into(),
            "source" if command == "rates import" => {
                concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nbkr-daily.xml").into()
            }
            "file" if command == "catalog import" => self.plain.display().to_string(),
            "path" if command == "restore" => self.a_backup.display().to_string(),
            "dir" => self.shop.dir.path().join("no-ledger").display().to_string(),
            "dirs" => self.shop.dir.path().join("no-ledger").display().to_string(),
            _ => return None,
        })
    }
}

/// Folds the WAL into the database so its bytes are the whole state (and a later write would show).
fn checkpoint(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("raw");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

/// The bytes of the database and of each companion that exists.
fn snapshot(db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-journal"]
        .iter()
        .map(|s| {
            let p = format!("{}{s}", db.display());
            let bytes = std::fs::read(&p).ok().filter(|b| !b.is_empty());
            (p, bytes)
        })
        .collect()
}

/// Runs the real binary with a deadline (a `printer serve` that slipped past the rule would run forever).
fn run(cwd: &Path, db: &Path, args: &[String]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_usta"))
        .args(args)
        .current_dir(cwd)
        .env("USTA_DB", db)
        .env("USTA_USER", ADMIN.0)
        .env("USTA_PIN", ADMIN.1)
        .env("HOME", cwd)
        .env("XDG_DATA_HOME", cwd.join("xdg"))
        .env_remove("USTA_POOL")
        .env_remove("USTA_LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run usta");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// The argv of `command` with every required argument (and the first of each required group) filled from the
/// samples, except `skip`.
fn base_args(fx: &Fixture, command: &str, cmd: &clap::Command, skip: &str) -> Vec<String> {
    let mut args: Vec<String> = command.split(' ').map(String::from).collect();
    // A required group (one of --date or --from) is filled by its first argument.
    let first_of_groups: Vec<&clap::Id> = cmd
        .get_groups()
        .filter(|g| g.is_required_set())
        .filter_map(|g| g.get_args().next())
        .collect();
    for a in cmd
        .get_arguments()
        .filter(|a| (a.is_required_set() || first_of_groups.contains(&a.get_id())) && a.get_id() != skip)
    {
        let id = a.get_id().as_str();
        let value = fx.sample(command, id).unwrap_or_else(|| {
            panic!("add a sample value for `{command}`'s required argument {id} in tests/outputs.rs")
        });
        match a.get_long() {
            Some(long) => args.extend([format!("--{long}"), value]),
            None => args.push(value),
        }
    }
    args
}

fn with_value(mut args: Vec<String>, a: &clap::Arg, value: &str, force: bool, cmd: &clap::Command) -> Vec<String> {
    match a.get_long() {
        Some(long) => args.extend([format!("--{long}"), value.to_string()]),
        None => args.push(value.to_string()),
    }
    if force && cmd.get_arguments().any(|x| x.get_id() == "force") {
        args.push("--force".into());
    }
    // A printer given for a command that prints only on request (`artisans statement --print`).
    if a.get_id() == "printer" && cmd.get_arguments().any(|x| x.get_id() == "print") {
        args.push("--print".into());
    }
    args
}

#[test]
fn no_output_argument_can_touch_the_database_its_companions_backups_or_another_database() {
    let fx = Fixture::new();
    let db = fx.shop.db.clone();
    let dir = fx.shop.dir.path().to_path_buf();
    let backups = usta::app::backup::backup_dir(&db);
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    std::fs::create_dir_all(dir.join("sub")).expect("sub");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&db, dir.join("link.csv")).expect("symlink");
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for (command, cmd) in leaves() {
        for a in cmd.get_arguments() {
            let Some(r) = role(&command, a.get_id().as_str()) else {
                continue;
            };
            let db_s = db.display().to_string();
            // (value, with --force): each must be refused.
            let mut cases: Vec<(String, bool)> = vec![
                (db_s.clone(), true),
                (wal.display().to_string(), true),
                ("sub/../shop.db".into(), true),
                ("./shop.db-shm".into(), true),
                (fx.other_db.display().to_string(), true),
            ];
            #[cfg(unix)]
            cases.push(("link.csv".into(), true));
            match r {
                PathRole::OutputFile => {
                    cases.push((backups.join("new.csv").display().to_string(), true));
                    cases.push((fx.a_backup.display().to_string(), true));
                    cases.push((fx.plain.display().to_string(), false));
                }
                PathRole::OutputDir => {
                    cases.push((backups.display().to_string(), true));
                    cases.push((backups.join("sub").display().to_string(), true));
                    cases.push((fx.plain.display().to_string(), true));
                }
                PathRole::Backup => {
                    cases.push((fx.a_backup.display().to_string(), true));
                    cases.push((fx.plain.display().to_string(), false));
                }
                PathRole::PoolDatabase => {
                    cases.retain(|(v, _)| *v != fx.other_db.display().to_string());
                    cases.push((backups.join("pool.db").display().to_string(), true));
                }
                PathRole::PrinterUri => {
                    cases = cases
                        .into_iter()
                        .flat_map(|(v, f)| [(format!("file:{v}"), f), (format!("usb:{v}"), f)])
                        .collect();
                    cases.push((format!("file:{}", backups.join("job.bin").display()), true));
                }
                PathRole::Input | PathRole::ShopDatabase => continue,
            }
            covered.insert(format!("{command} --{}", a.get_id()));
            let base = base_args(&fx, &command, &cmd, a.get_id().as_str());
            for (value, force) in cases {
                let before = snapshot(&db);
                let others: Vec<_> = [&fx.other_db, &fx.plain, &fx.a_backup]
                    .iter()
                    .map(|p| std::fs::read(p).expect("read"))
                    .collect();
                let args = with_value(base.clone(), a, &value, force, &cmd);
                let out = run(&dir, &db, &args);
                let err = stderr(&out);
                let what = format!("usta {}", args.join(" "));
                if out.status.success() {
                    failures.push(format!("{what}: accepted"));
                } else if r != PathRole::PrinterUri && !err.contains("nothing was written") {
                    failures.push(format!("{what}: refused without saying nothing was written: {err}"));
                }
                if r != PathRole::PrinterUri && snapshot(&db) != before {
                    failures.push(format!("{what}: the database's bytes changed"));
                }
                let after: Vec<_> = [&fx.other_db, &fx.plain, &fx.a_backup]
                    .iter()
                    .map(|p| std::fs::read(p).expect("read"))
                    .collect();
                if after != others {
                    failures.push(format!("{what}: another database, the plain file or a backup changed"));
                }
                if std::fs::read_dir(&backups).expect("backups").count() != 1 {
                    failures.push(format!("{what}: wrote into backups/"));
                }
                // Unchanged bytes verify as before; a changed database is verified at once, to name the case.
                if snapshot(&db) != before {
                    let verified = run(&dir, &db, &["verify".to_string()]);
                    if !verified.status.success() {
                        failures.push(format!(
                            "{what}: the database no longer verifies: {}",
                            stderr(&verified)
                        ));
                    }
                }
            }
            // And once per argument, whatever its cases did (the journal's mark outside the file included).
            let verified = run(&dir, &db, &["verify".to_string()]);
            if !verified.status.success() {
                failures.push(format!(
                    "after the cases of usta {command} --{}: the database no longer verifies: {}",
                    a.get_id(),
                    stderr(&verified)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    for expected in [
        "catalog export --file",
        "artisans statement --csv",
        "taxfree export --out",
        "pool report --out",
        "ledger export --out",
        "backup --path",
        "printer set --uri",
        "printer serve --out",
        "printer retry --printer",
        "pool report --pool",
    ] {
        assert!(covered.contains(expected), "{expected} was not exercised: {covered:?}");
    }
}

#[test]
fn a_refused_printer_file_is_refused_again_when_a_job_is_written() {
    let fx = Fixture::new();
    let db = fx.shop.db.clone();
    let sink = fx.shop.dir.path().join("sink.bin");
    let set = fx.shop.usta(&["printer", "set", &format!("file:{}", sink.display())]);
    assert!(set.status.success(), "{}", stderr(&set));
    // The file the printer was set to becomes a database afterwards: no job may truncate it.
    std::fs::copy(&fx.other_db, &sink).expect("copy");
    let before = std::fs::read(&sink).expect("read");
    let test = fx.shop.usta(&["printer", "test"]);
    assert!(!test.status.success());
    assert!(stderr(&test).contains("SQLite database"), "{}", stderr(&test));
    assert_eq!(std::fs::read(&sink).expect("read"), before);
    let set = fx.shop.usta(&["printer", "set", &format!("file:{}", db.display())]);
    assert!(!set.status.success());
    assert!(
        stderr(&set).contains("refusing to write over the shop's database"),
        "{}",
        stderr(&set)
    );
    let verified = fx.shop.usta(&["verify"]);
    assert!(verified.status.success(), "{}", stderr(&verified));
}

#[test]
fn an_output_is_written_whole_and_replaced_only_with_force() {
    let fx = Fixture::new();
    let dir = fx.shop.dir.path();
    let out = dir.join("catalog.csv");
    let args = |force: bool| {
        let mut a = vec!["catalog".to_string(), "export".into(), "catalog.csv".into()];
        if force {
            a.push("--force".into());
        }
        a
    };
    let first = run(dir, &fx.shop.db, &args(false));
    assert!(first.status.success(), "{}", stderr(&first));
    std::fs::write(&out, "old").expect("write");
    let again = run(dir, &fx.shop.db, &args(false));
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "old");
    let forced = run(dir, &fx.shop.db, &args(true));
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(&out).expect("read").starts_with("barcode,"));
    no_temporary_files(dir);
}

/// Lists every file and folder under `dir`.
fn tree(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.insert(p);
        }
    }
    out
}

/// Commands that create a shop (`demo`, `restore`) or never open the shop's database (they work on ledger
/// folders and the association's pool database).
/// `till join` makes a new till database from the back office (and refuses one that exists).
const NOT_ON_THE_SHOP_DATABASE: [&str; 6] = [
    "demo",
    "restore",
    "ledger verify",
    "pool import",
    "pool report",
    "till join",
];

#[test]
fn no_command_but_demo_restore_and_the_window_creates_a_missing_database() {
    let fx = Fixture::new();
    let scratch = tempfile::tempdir().expect("scratch");
    let missing = scratch.path().join("typo").join("shpo.db");
    let mut failures = Vec::new();
    let mut ran = 0;
    for (command, cmd) in leaves() {
        if NOT_ON_THE_SHOP_DATABASE.contains(&command.as_str()) {
            continue;
        }
        let before = tree(scratch.path());
        let args = base_args(&fx, &command, &cmd, "");
        let out = run(scratch.path(), &missing, &args);
        ran += 1;
        let err = stderr(&out);
        if out.status.success() || !err.contains("no shop database at") || !err.contains("usta demo") {
            failures.push(format!("usta {}: {err}", args.join(" ")));
        }
        let after = tree(scratch.path());
        if after != before {
            failures.push(format!(
                "usta {}: left {:?}",
                args.join(" "),
                after.difference(&before).collect::<Vec<_>>()
            ));
        }
    }
    assert!(ran > 40, "only {ran} commands were run");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The shop's database damaged two ways: page 1 (the schema: every command meets it on open), and the first
/// pages of `products`, `stock_movements` and `journal` (a command meets it only when it reads them, so the advice
/// must come from wherever the damage surfaces, not only from opening).
fn damaged_copies(db: &Path) -> Vec<(&'static str, Vec<u8>)> {
    checkpoint(db);
    let roots: Vec<i64> = {
        let conn = rusqlite::Connection::open(db).expect("raw");
        ["products", "stock_movements", "journal"]
            .iter()
            .map(|t| {
                conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = ?1", [t], |r| r.get(0))
                    .expect("root page")
            })
            .collect()
    };
    let clean = std::fs::read(db).expect("read");
    let page_size = 4096;
    let mut schema = clean.clone();
    schema[100..page_size].fill(0xA5);
    let mut tables = clean;
    for root in roots {
        let start = (root as usize - 1) * page_size;
        tables[start + 8..start + page_size].fill(0xA5);
    }
    vec![("schema page", schema), ("table pages", tables)]
}

/// Commands that serve until stopped.
const LONG_RUNNING: [&str; 2] = ["printer serve", "scanner listen"];

#[test]
fn every_command_on_a_damaged_database_advises_a_restore() {
    let fx = Fixture::new();
    let mut failures = Vec::new();
    for (kind, bytes) in damaged_copies(&fx.shop.db) {
        let damaged_dir = tempfile::tempdir().expect("dir");
        let db = damaged_dir.path().join("shop.db");
        let (mut failed, mut ran) = (0, 0);
        for (command, cmd) in leaves() {
            if NOT_ON_THE_SHOP_DATABASE.contains(&command.as_str()) {
                continue;
            }
            // Services run until stopped when they never read the damaged tables.
            if kind == "table pages" && LONG_RUNNING.contains(&command.as_str()) {
                continue;
            }
            // A fresh damaged copy each time: a command that never met the damage may have written to it.
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
            }
            std::fs::write(&db, &bytes).expect("write");
            let args = base_args(&fx, &command, &cmd, "");
            let out = run(damaged_dir.path(), &db, &args);
            ran += 1;
            let err = stderr(&out);
            if out.status.success() {
                // Only a command that never read the damaged pages may succeed.
                if kind == "schema page" {
                    failures.push(format!("{kind}: usta {}: succeeded", args.join(" ")));
                }
                continue;
            }
            // With only some tables damaged a command may refuse for its own reasons (no printer, no such
            // form); whenever it met the damage, it must say what to do.
            let met = kind == "schema page" || err.contains("malformed") || err.contains("damaged");
            if !met {
                continue;
            }
            failed += 1;
            if !err.contains("restore a backup") || !err.contains("usta restore") {
                failures.push(format!("{kind}: usta {}: {err}", args.join(" ")));
            }
            if kind == "schema page" && std::fs::read(&db).expect("read") != bytes {
                failures.push(format!(
                    "{kind}: usta {}: refused, yet changed the file",
                    args.join(" ")
                ));
            }
        }
        assert!(failed >= 8, "{kind}: only {failed} of {ran} commands met the damage");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_command_whose_reader_went_away_exits_quietly() {
    let fx = Fixture::new();
    for args in [
        vec!["--json", "catalog", "find", "шырдак", "--limit", "100"],
        vec!["catalog", "export"],
        vec!["stock", "show"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_usta"))
            .args(&args)
            .env("USTA_DB", &fx.shop.db)
            .env("USTA_USER", ADMIN.0)
            .env("USTA_PIN", ADMIN.1)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Closing the reader before the child writes: its first write meets a broken pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = stderr(&out);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe") && err.trim().is_empty(),
            "usta {}: {err}",
            args.join(" ")
        );
        assert_eq!(
            out.status.code(),
            Some(141),
            "usta {}: {:?}",
            args.join(" "),
            out.status
        );
    }
}

/// `ledger export --force` killed at random moments over an existing export: the folder is always a whole
/// export that `ledger verify` accepts (the old one or the new one), and the next export succeeds.
#[test]
fn a_killed_ledger_export_leaves_the_old_export_or_the_new_one() {
    let fx = Fixture::new();
    let dir = fx.shop.dir.path();
    let out = dir.join("ledger");
    let args: Vec<String> = [
        "ledger",
        "export",
        "--date",
        "2026-11-28",
        "--provisional",
        "--out",
        "ledger",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let first = run(dir, &fx.shop.db, &args);
    assert!(first.status.success(), "{}", stderr(&first));
    let mut forced = args.clone();
    forced.push("--force".into());
    let start = Instant::now();
    let whole = run(dir, &fx.shop.db, &forced);
    let full = start.elapsed();
    assert!(whole.status.success(), "{}", stderr(&whole));
    let mut seed: u64 = 0x5eed_1e06;
    let (mut kills, mut attempts) = (0, 0);
    while kills < 25 && attempts < 200 {
        attempts += 1;
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % (full.as_micros() as u64 * 5 / 4).max(1000));
        let mut child = Command::new(env!("CARGO_BIN_EXE_usta"))
            .args(&forced)
            .current_dir(dir)
            .env("USTA_DB", &fx.shop.db)
            .env("USTA_USER", ADMIN.0)
            .env("USTA_PIN", ADMIN.1)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let killed = child.try_wait().expect("wait").is_none() && child.kill().is_ok();
        let _ = child.wait();
        if killed {
            kills += 1;
        }
        if let Err(e) = usta::app::ledger::verify(&out) {
            panic!("after a kill at {delay:?} the export folder does not verify: {e}");
        }
    }
    assert!(kills >= 10, "only {kills} kills in {attempts} runs");
    let last = run(dir, &fx.shop.db, &forced);
    assert!(last.status.success(), "{}", stderr(&last));
    no_temporary_files(dir);
    eprintln!(
        "outputs/ledger swap: {kills} kills in {attempts} runs of a {} ms export; every folder verified",
        full.as_millis()
    );
}

/// No temporary file of a writer (`.usta-…`) is left in `dir`.
fn no_temporary_files(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".usta-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
