//! Every subcommand against the permissions table, generated from clap's command tree: each leaf runs on a fresh
//! copy of a demo shop with sales, a tax-free form, a closed day and its ledger, as the admin (the sample must
//! work), as the cashier Бакыт and as nobody (no --as). Where the table lets that role in, the command succeeds;
//! where it does not, it exits non-zero naming the role needed, and the database and the shop's folder are as
//! they were. A leaf without a sample fails the test, so a new subcommand cannot be left out.

mod support;

use clap::{CommandFactory, Parser};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{ADMIN, CASHIER, Shop, at};
use usta::app::permissions::{UseCase, article};
use usta::app::{Ctx, checkout, day, ledger, taxfree};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::tax_free::Traveller;
use usta::domain::user::Role;

const HAT: &str = "2100000000098"; // 2 500 som, an artisan's
const CARPET: &str = "2100000000142"; // 25 000 som

/// One way to run a leaf. `{dir}` in an argument is the run's own shop folder; `before` runs first as the
/// admin (to put the shop in the state the sample needs); `lasting` commands (a listener, a server) count as
/// accepted when they are still running after a while.
struct Sample {
    args: Vec<String>,
    before: Vec<Vec<String>>,
    lasting: bool,
}

fn sample(args: &[&str]) -> Sample {
    Sample {
        args: args.iter().map(|a| a.to_string()).collect(),
        before: vec![],
        lasting: false,
    }
}

impl Sample {
    fn after(mut self, before: &[&str]) -> Sample {
        self.before.push(before.iter().map(|a| a.to_string()).collect());
        self
    }

    fn lasting(mut self) -> Sample {
        self.lasting = true;
        self
    }
}

/// The sample arguments of every leaf, keyed by its path in the command tree.
fn samples(form: &str, artisan: &str, scanner_port: &str, hub: &str) -> BTreeMap<&'static str, Vec<Sample>> {
    let paper = "file:{dir}/paper.bin";
    let traveller = [
        "--name",
        "ERIKSSON ANNA MARIA",
        "--passport",
        "L898902C3",
        "--country",
        "DEU",
        "--birth",
        "1974-08-12",
    ];
    let issue: Vec<&str> = ["taxfree", "issue", "3"].into_iter().chain(traveller).collect();
    let port = free_port().to_string();
    let mut s: BTreeMap<&'static str, Vec<Sample>> = BTreeMap::new();
    let mut add = |leaf: &'static str, sample: Sample| s.entry(leaf).or_default().push(sample);
    add("demo", sample(&["demo", "--force"]));
    add("demo", sample(&["--db", "{dir}/new.db", "demo"]));
    add("catalog import", sample(&["catalog", "import", "{dir}/price.csv"]));
    add("catalog export", sample(&["catalog", "export", "{dir}/out.csv"]));
    add("catalog find", sample(&["catalog", "find", "kalpak"]));
    add("catalog quick-keys list", sample(&["catalog", "quick-keys", "list"]));
    add(
        "catalog quick-keys set",
        sample(&["catalog", "quick-keys", "set", HAT, "1"]),
    );
    add(
        "catalog quick-keys clear",
        sample(&["catalog", "quick-keys", "clear", HAT]).after(&["catalog", "quick-keys", "set", HAT, "2"]),
    );
    add("catalog photo", sample(&["catalog", "photo", HAT, "{dir}/hat.png"]));
    add(
        "catalog feed",
        sample(&["catalog", "feed", "--format", "google", "--out", "{dir}/feed"]),
    );
    add("stock receive", sample(&["stock", "receive", HAT, "1"]));
    add(
        "stock adjust",
        sample(&["stock", "adjust", HAT, "-1", "--reason", "lost"]),
    );
    add("stock show", sample(&["stock", "show"]));
    add(
        "stock transfer",
        sample(&["stock", "transfer", HAT, "1", "--to", "Osh bazaar"]).after(&[
            "hub",
            "pair",
            "--location",
            "Osh bazaar",
        ]),
    );
    add("stock transfers", sample(&["stock", "transfers", "--all"]));
    // The running back office sent transfer R1-1 to Karakol; a till joined there hears of it at joining.
    add(
        "stock confirm",
        sample(&["--db", "{dir}/till.db", "stock", "confirm", "R1-1"]).after(&[
            "--db",
            "{dir}/till.db",
            "till",
            "join",
            hub,
            "--code",
            "{code}",
        ]),
    );
    add("stock conflicts", sample(&["stock", "conflicts"]));
    add(
        "stock resolve",
        sample(&["stock", "resolve", HAT, "--reason", "found in the back room"]).after(&[
            "stock",
            "adjust",
            HAT,
            "-100",
            "--reason",
            "miscounted",
        ]),
    );
    add("sell", sample(&["sell", HAT, "--pay", "cash:2500"]));
    add("return", sample(&["return", "2", HAT, "--refund", "cash"]));
    add("receipt show", sample(&["receipt", "show", "1"]));
    add("receipt print", sample(&["receipt", "print", "1", "--printer", paper]));
    add("printer set", sample(&["printer", "set", paper]));
    add("printer queue", sample(&["printer", "queue"]));
    add("printer retry", sample(&["printer", "retry", "--printer", paper]));
    add("printer test", sample(&["printer", "test", "--printer", paper]));
    add("printer label", sample(&["printer", "label", HAT, "--printer", paper]));
    add(
        "printer serve",
        sample(&["printer", "serve", "--port", &port, "--out", "{dir}/jobs"]).lasting(),
    );
    add("printer list", sample(&["printer", "list"]));
    add("scanner list", sample(&["scanner", "list"]));
    add(
        "scanner listen",
        sample(&["scanner", "listen", "--port", scanner_port]).lasting(),
    );
    add(
        "scanner listen",
        sample(&["scanner", "listen", "--port", scanner_port, "--save"]).lasting(),
    );
    add("day open", sample(&["day", "open", "--float", "KGS:1000"]));
    add("day x", sample(&["day", "x"]).after(&["day", "open"]));
    add(
        "report sales",
        sample(&["report", "sales", "--period", "month", "--by", "cashier"]),
    );
    add(
        "day close",
        sample(&["day", "close", "--count", "KGS:0"]).after(&["day", "open"]),
    );
    add("day cash-in", sample(&["day", "cash-in", "500", "--reason", "change"]));
    add(
        "day cash-out",
        sample(&["day", "cash-out", "100", "--reason", "bank"]).after(&["day", "cash-in", "500", "--reason", "change"]),
    );
    add(
        "ledger export",
        sample(&["ledger", "export", "--date", "2026-11-28", "--out", "{dir}/ledger2"]),
    );
    add("ledger verify", sample(&["ledger", "verify", "{dir}/ledger"]));
    add(
        "artisans statement",
        sample(&["artisans", "statement", "--from", "2026-11-28", "--to", "2026-11-28"]),
    );
    add(
        "artisans pay",
        sample(&["artisans", "pay", artisan, "10"]).after(&["day", "cash-in", "500", "--reason", "change"]),
    );
    add(
        "pool import",
        sample(&["pool", "import", "{dir}/ledger", "--pool", "{dir}/pool.db"]),
    );
    add(
        "pool report",
        sample(&["pool", "report", "--pool", "{dir}/pool.db"]).after(&[
            "pool",
            "import",
            "{dir}/ledger",
            "--pool",
            "{dir}/pool.db",
        ]),
    );
    add("verify", sample(&["verify"]));
    add("taxfree check", sample(&["taxfree", "check", "3"]));
    add("taxfree issue", sample(&issue));
    add("taxfree show", sample(&["taxfree", "show", form]));
    add(
        "taxfree void",
        sample(&["taxfree", "void", form, "--reason", "wrong passport"]),
    );
    add("taxfree export", sample(&["taxfree", "export", "--from", "2026-11-28"]));
    add("taxfree print", sample(&["taxfree", "print", form, "--printer", paper]));
    add("taxfree scheme", sample(&["taxfree", "scheme"]));
    add("taxfree scheme", sample(&["taxfree", "scheme", "kg-demo"]));
    add("fiscal pending", sample(&["fiscal", "pending"]));
    add("fiscal retry", sample(&["fiscal", "retry"]));
    add("fiscal show", sample(&["fiscal", "show", "1"]));
    add("fiscal set", sample(&["fiscal", "set", "simulator"]));
    let rates = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nbkr-daily.xml");
    add("rates import", sample(&["rates", "import", rates]));
    add("rates list", sample(&["rates", "list"]));
    add("status", sample(&["status"]));
    add("backup", sample(&["backup"]));
    add("backup", sample(&["backup", "--keep", "1"]));
    add("restore", sample(&["restore", "{dir}/saved.db"]));
    add("users list", sample(&["users", "list"]));
    add(
        "users add",
        sample(&["users", "add", "Нурлан", "--role", "cashier", "--new-pin", "4321"]),
    );
    add("users deactivate", sample(&["users", "deactivate", "Айгүл"]));
    add("users pin", sample(&["users", "pin", "Айгүл", "--new-pin", "4321"]));
    add("users unlock", sample(&["users", "unlock", "Бакыт"]));
    add(
        "hub serve",
        sample(&["hub", "serve", "--listen", "127.0.0.1:0"]).lasting(),
    );
    add("hub pair", sample(&["hub", "pair", "--location", "Osh bazaar"]));
    add("hub tills", sample(&["hub", "tills"]));
    add(
        "hub revoke",
        sample(&["hub", "revoke", "R2"]).after(&["hub", "pair", "--location", "Osh bazaar"]),
    );
    add("hub stock", sample(&["hub", "stock"]));
    add("hub day", sample(&["hub", "day", "--date", "2026-11-28"]));
    // `{code}`: a fresh pairing code from the running back office (a code works once).
    add(
        "till join",
        sample(&["--db", "{dir}/till.db", "till", "join", hub, "--code", "{code}"]),
    );
    add("sync", sample(&["sync"]));
    s
}

/// A back office serving on 127.0.0.1 for the `till join` sample, stopped with the test.
struct BackOffice {
    dir: tempfile::TempDir,
    url: String,
    server: std::process::Child,
    _output: std::io::BufReader<std::process::ChildStdout>,
}

impl BackOffice {
    fn start(base: &Base) -> BackOffice {
        use std::io::BufRead;
        let dir = copy_of(base);
        let port = free_port();
        let mut server = command(
            dir.path(),
            Who::Admin,
            &[
                "hub".into(),
                "serve".into(),
                "--listen".into(),
                format!("127.0.0.1:{port}"),
            ],
        )
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
        let mut output = std::io::BufReader::new(server.stdout.take().expect("stdout"));
        let mut line = String::new();
        output.read_line(&mut line).expect("first line");
        assert!(line.contains("serving tills"), "{line}");
        let office = BackOffice {
            dir,
            url: format!("https://127.0.0.1:{port}"),
            server,
            _output: output,
        };
        // Goods on their way to Karakol, for the `stock confirm` sample.
        office.code();
        let args: Vec<String> = ["stock", "transfer", HAT, "1", "--to", "Karakol"]
            .map(String::from)
            .into();
        let out = command(office.dir.path(), Who::Admin, &args)
            .output()
            .expect("transfer");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        office
    }

    fn code(&self) -> String {
        let args: Vec<String> = ["--json", "hub", "pair", "--location", "Karakol"]
            .map(String::from)
            .into();
        let out = command(self.dir.path(), Who::Admin, &args).output().expect("pair");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let paired: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        paired["code"].as_str().expect("code").to_string()
    }
}

impl Drop for BackOffice {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Every leaf of the command tree (a subcommand without subcommands), as its path: `catalog import`.
fn leaves(command: &clap::Command, path: &str, out: &mut BTreeSet<String>) {
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("{path}{}{}", if path.is_empty() { "" } else { " " }, sub.get_name());
        if sub.get_subcommands().any(|c| c.get_name() != "help") {
            leaves(sub, &name, out);
        } else {
            out.insert(name);
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn traveller() -> Traveller {
    Traveller::new(
        "ERIKSSON ANNA MARIA",
        "L898902C3",
        "DEU",
        "DEU",
        chrono::NaiveDate::from_ymd_opt(1974, 8, 12).expect("date"),
    )
    .expect("traveller")
}

/// The shop every run starts from: the demo shop with a carpet sold by card (receipt 1, with a tax-free form),
/// two hats in cash (2) and another carpet by card (3), the day closed, its ledger exported to `ledger/`, a
/// backup `saved.db`, a one-row price list `price.csv` that sets the hat to 1 som and a photo `hat.png`.
struct Base {
    shop: Shop,
    form: String,
    artisan: String,
}

fn base() -> Base {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::En);
    let card = |som| [Tender::som(PaymentKind::Card, Som::whole(som))];
    checkout::sell(&mut ctx, &[(CARPET.into(), Decimal::ONE)], &card(25_000)).expect("carpet");
    checkout::sell(
        &mut ctx,
        &[(HAT.into(), Decimal::from(2))],
        &[Tender::som(PaymentKind::Cash, Som::whole(5_000))],
    )
    .expect("hats");
    checkout::sell(&mut ctx, &[(CARPET.into(), Decimal::ONE)], &card(25_000)).expect("carpet 2");
    let form = taxfree::issue(&mut ctx, 1, &traveller()).expect("form").form.number;
    let artisan = checkout::lookup(&ctx, HAT)
        .expect("hat")
        .product
        .artisan
        .expect("the hat is an artisan's");
    day::close(&mut ctx, &[]).expect("close");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    ledger::export(&ctx, date, &shop.dir.path().join("ledger"), Default::default(), false).expect("ledger");
    drop(ctx);
    store.backup_to(&shop.dir.path().join("saved.db")).expect("backup");
    drop(store);
    std::fs::write(
        shop.dir.path().join("price.csv"),
        format!("barcode,name_ru,price\n{HAT},Ак калпак,1.00\n"),
    )
    .expect("price list");
    image::RgbImage::from_pixel(32, 24, image::Rgb([200, 180, 150]))
        .save(shop.dir.path().join("hat.png"))
        .expect("photo");
    Base { shop, form, artisan }
}

/// A copy of the base shop's folder (database checkpointed into one file by the backup above).
fn copy_of(base: &Base) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(base.shop.dir.path(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Who {
    Admin,
    Cashier,
    Nobody,
}

impl Who {
    fn role(self) -> Role {
        match self {
            Who::Admin => Role::Admin,
            Who::Cashier | Who::Nobody => Role::Cashier,
        }
    }
}

fn command(dir: &Path, who: Who, args: &[String]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_usta"));
    c.env("USTA_DB", dir.join("shop.db"))
        .env_remove("USTA_LANG")
        .env_remove("USTA_USER")
        .env_remove("USTA_PIN")
        .env_remove("USTA_POOL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match who {
        Who::Admin => c.args(["--as", ADMIN.0, "--pin", ADMIN.1]),
        Who::Cashier => c.args(["--as", CASHIER.0, "--pin", CASHIER.1]),
        Who::Nobody => &mut c,
    };
    c.args(args.iter().map(|a| a.replace("{dir}", &dir.display().to_string())));
    c
}

/// Runs one command; `Ok` when it succeeded (or a lasting one was still running after two seconds), else the
/// exit code and standard error.
fn run(dir: &Path, who: Who, args: &[String], lasting: bool) -> Result<(), String> {
    let mut child = command(dir, who, args).spawn().expect("spawn usta");
    let deadline = Instant::now() + Duration::from_secs(if lasting { 2 } else { 60 });
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let out = child.wait_with_output().expect("output");
            return match status.success() {
                true => Ok(()),
                false => Err(format!("{status}: {}", String::from_utf8_lossy(&out.stderr))),
            };
        }
        if Instant::now() > deadline {
            child.kill().expect("kill");
            let out = child.wait_with_output().expect("output");
            return match lasting {
                true => Ok(()),
                false => Err(format!("timed out: {}", String::from_utf8_lossy(&out.stderr))),
            };
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every table's rows, read raw, so "unchanged" means unchanged in every column.
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("raw");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).expect("select");
        let n = stmt.column_count();
        let mut q = stmt.query([]).expect("query");
        while let Some(row) = q.next().expect("row") {
            let cells: Vec<String> = (0..n).map(|i| format!("{:?}", row.get_ref(i).expect("cell"))).collect();
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    rows.sort();
    rows
}

/// The files under `dir` (names only; SQLite's -wal/-shm come and go with every open).
fn files(dir: &Path) -> BTreeSet<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeSet<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            }
            let name = path.to_string_lossy();
            if !name.ends_with("-wal") && !name.ends_with("-shm") {
                out.insert(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn every_subcommand_is_refused_or_accepted_as_the_permissions_table_says() {
    let base = base();
    let scanner = usta_scanner::fake::FakeScanner::new().expect("pty");
    let port = scanner.path().display().to_string();
    let office = BackOffice::start(&base);
    let samples = samples(&base.form, &base.artisan, &port, &office.url);

    let mut tree = BTreeSet::new();
    leaves(&usta::cli::Cli::command(), "", &mut tree);
    let missing: Vec<&String> = tree.iter().filter(|l| !samples.contains_key(l.as_str())).collect();
    assert!(
        missing.is_empty(),
        "subcommands without a sample in tests/commands.rs: {missing:?}"
    );
    let unknown: Vec<&&str> = samples.keys().filter(|l| !tree.contains(**l)).collect();
    assert!(
        unknown.is_empty(),
        "samples for subcommands that no longer exist: {unknown:?}"
    );

    let mut refused = 0;
    let mut accepted = 0;
    let mut seen = BTreeSet::new();
    for (leaf, list) in &samples {
        for sample in list {
            let parsed = usta::cli::Cli::try_parse_from(std::iter::once("usta".to_string()).chain(sample.args.clone()))
                .unwrap_or_else(|e| panic!("{leaf}: the sample does not parse: {e}"));
            let case: UseCase = usta::cli::use_case(&parsed).unwrap_or_else(|| panic!("{leaf}: no use case"));
            seen.insert(case);
            for who in [Who::Admin, Who::Cashier, Who::Nobody] {
                let dir = copy_of(&base);
                for before in &sample.before {
                    let before: Vec<String> = before
                        .iter()
                        .map(|a| match a.contains("{code}") {
                            true => a.replace("{code}", &office.code()),
                            false => a.clone(),
                        })
                        .collect();
                    run(dir.path(), Who::Admin, &before, false)
                        .unwrap_or_else(|e| panic!("{leaf}: the step before, {before:?}, failed: {e}"));
                }
                let db = dir.path().join("shop.db");
                let (rows, listing) = (dump(&db), files(dir.path()));
                let args: Vec<String> = sample
                    .args
                    .iter()
                    .map(|a| match a.contains("{code}") {
                        true => a.replace("{code}", &office.code()),
                        false => a.clone(),
                    })
                    .collect();
                let result = run(dir.path(), who, &args, sample.lasting);
                let allowed = who.role() >= case.needs();
                match (allowed, result) {
                    (true, Ok(())) => accepted += 1,
                    (true, Err(e)) => panic!("{:?} as {who:?} should be accepted ({case:?}): {e}", sample.args),
                    (false, Ok(())) => panic!(
                        "{:?} as {who:?} should be refused: {case:?} needs {}",
                        sample.args,
                        case.needs()
                    ),
                    (false, Err(e)) => {
                        refused += 1;
                        let needs = format!("needs {}", article(case.needs()));
                        assert!(e.contains(&needs), "{:?} as {who:?}: '{needs}' not in {e}", sample.args);
                        assert!(
                            dump(&db) == rows,
                            "{:?} as {who:?}: refused but the database changed",
                            sample.args
                        );
                        assert_eq!(
                            files(dir.path()),
                            listing,
                            "{:?} as {who:?}: refused but files changed",
                            sample.args
                        );
                    }
                }
            }
        }
    }
    // The table's subcommand rows are all exercised (the window signs in on its own screen).
    let unexercised: Vec<&UseCase> = UseCase::ALL
        .iter()
        .filter(|c| **c != UseCase::Window && !seen.contains(*c))
        .collect();
    assert!(unexercised.is_empty(), "use cases no sample reaches: {unexercised:?}");
    eprintln!("{} leaves, {accepted} runs accepted, {refused} refused", tree.len());
    assert!(refused > 20 && accepted > 60, "{accepted} accepted, {refused} refused");
}
