//! Helpers shared by the end-to-end tests: a fresh database file in a temporary folder, a demo shop in it, and
//! the real `usta` binary.
#![allow(dead_code)]

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

    /// Runs the real binary on this shop's database.
    pub fn usta(&self, args: &[&str]) -> Output {
        usta_on(&self.db, args)
    }
}

pub fn usta_on(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_usta"))
        .args(args)
        .env("USTA_DB", db)
        .env_remove("USTA_LANG")
        .output()
        .expect("run usta")
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
