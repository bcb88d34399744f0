//! Helpers shared by the end-to-end tests: a fresh database file in a temporary folder, a demo shop in it, and
//! the real `usta` binary.
#![allow(dead_code)]

pub mod layout;
pub mod ui;

use chrono::{DateTime, FixedOffset, TimeZone};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use usta::app::Ctx;
use usta::domain::catalog::Lang;
use usta::store::Store;

pub struct Shop {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Shop {
    /// An empty database file.
    pub fn empty() -> Shop {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("shop.db");
        Shop { dir, db }
    }

    /// A database with the demo shop.
    pub fn demo() -> Shop {
        let shop = Shop::empty();
        let mut store = shop.open();
        usta::app::demo::create(&mut Ctx::new(&mut store, at(10, 0), Lang::Ky), 66).expect("demo shop");
        shop
    }

    pub fn open(&self) -> Store {
        Store::open(&self.db).expect("open store")
    }

    /// A virtual receipt printer on a free local port (no PNGs), set up as this shop's printer.
    pub fn virtual_printer(&self) -> usta_printer::VirtualPrinter {
        let options = usta_printer::VirtualOptions {
            png: false,
            ..Default::default()
        };
        let printer = usta_printer::VirtualPrinter::start("127.0.0.1:0", self.dir.path().join("jobs"), options)
            .expect("virtual printer");
        let out = self.usta(&["printer", "set", &printer.uri().to_string()]);
        assert!(out.status.success(), "{}", stderr(&out));
        printer
    }

    /// Runs the real binary on this shop's database.
    pub fn usta(&self, args: &[&str]) -> Output {
        usta_on(&self.db, args)
    }
}

/// Runs the real binary; on a database with users it signs in as the demo admin (USTA_USER/USTA_PIN), as a
/// shop's owner would, unless the arguments name someone with `--as`.
pub fn usta_on(db: &Path, args: &[&str]) -> Output {
    let mut command = usta_command(db, args);
    if has_users(db) {
        command.env("USTA_USER", ADMIN.0).env("USTA_PIN", ADMIN.1);
    }
    command.output().expect("run usta")
}

/// Runs the real binary signed in as nobody (no USTA_USER/USTA_PIN).
pub fn usta_unsigned(db: &Path, args: &[&str]) -> Output {
    usta_command(db, args).output().expect("run usta")
}

fn usta_command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_usta"));
    command
        .args(args)
        .env("USTA_DB", db)
        .env_remove("USTA_LANG")
        .env_remove("USTA_USER")
        .env_remove("USTA_PIN");
    command
}

/// The demo shop's admin, manager and cashier with their PINs (as in the README).
pub const ADMIN: (&str, &str) = ("Админ", "9999");
pub const MANAGER: (&str, &str) = ("Айгүл", "1234");
pub const CASHIER: (&str, &str) = ("Бакыт", "0000");

/// Whether the database file has any user (read raw, so a missing file or table means none).
pub fn has_users(db: &Path) -> bool {
    if !db.exists() {
        return false;
    }
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM users", [], |r| r.get::<_, i64>(0)))
        .is_ok_and(|n| n > 0)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses JSON output, failing the test with both streams when it is not.
pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "usta failed: {}\n{}", stderr(o), stdout(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// A moment on 28 November 2026 in Bishkek.
pub fn at(hour: u32, minute: u32) -> DateTime<FixedOffset> {
    usta::domain::bishkek()
        .with_ymd_and_hms(2026, 11, 28, hour, minute, 0)
        .single()
        .expect("time")
}

/// Number of rows in a table, read with a separate raw connection.
pub fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("raw connection");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// Asserts that two ledger folders hold the same bytes in every file their MANIFEST seals (`what` says which
/// exports they are, for the failure).
pub fn same_ledger_files(a: &Path, b: &Path, what: &str) {
    for name in usta::domain::ledger::CSV_FILES
        .iter()
        .chain(&["ledger.json", "MANIFEST"])
    {
        let x = std::fs::read(a.join(name)).unwrap_or_else(|e| panic!("{}: {e}", a.join(name).display()));
        let y = std::fs::read(b.join(name)).unwrap_or_else(|e| panic!("{}: {e}", b.join(name).display()));
        assert!(x == y, "{name} differs: {what}");
    }
}

/// Gives the first product a search for `word` finds the craft technique `code`, as a manager does in the
/// product form (at `at`, by admin), and returns that product.
pub fn set_technique(
    store: &mut usta::store::Store,
    word: &str,
    code: &str,
    at: &str,
) -> usta::domain::catalog::Product {
    let product = store.search(word, 1).expect("search")[0].product.clone();
    let details = usta::domain::craft::ProductDetails::default()
        .with_technique(code)
        .expect("technique");
    let by = usta::store::catalog::ChangedBy {
        user: "admin".into(),
        approver: None,
    };
    store
        .set_product_details(product.id.expect("id"), &details, at, &by)
        .expect("details");
    product
}
