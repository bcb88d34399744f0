//! The only place with SQL. One SQLite file in WAL mode with `synchronous=FULL`, foreign keys on, versioned
//! migrations, a busy timeout so a second Usta process waits instead of failing, and write transactions that
//! take the write lock up front (`BEGIN IMMEDIATE`) so a sale is either wholly in the file or not at all.

mod audit;
pub mod backup;
pub mod catalog;
mod day;
pub mod facts;
pub mod fiscal;
pub mod head;
pub(crate) mod journal;
mod ledger;
#[cfg(test)]
mod ledger_tests;
mod payouts;
pub mod photos;
pub mod pool;
pub mod printing;
pub mod rates;
pub mod reports;
mod sales;
mod schema;
pub(crate) mod settings;
#[cfg(test)]
mod statement_tests;
mod stock;
pub mod sync;
pub mod taxfree;
#[cfg(test)]
mod test_shop;
mod till;
pub mod transfer;
pub mod users;

pub use audit::Mismatch;
pub use backup::{BackupFile, backup_apart, backup_apart_steps, inspect};
pub use catalog::{CatalogRow, ChangedBy, ImportSummary, ProductFilter, ProductRecord};
pub use day::DayRecord;
pub use journal::JournalHead;
pub use payouts::PayoutRecord;
pub use photos::StoredPhoto;
pub use sales::ReceiptKey;
pub use stock::{MovementRecord, StockLevel};
pub use till::Parked;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Marks a SQLite file as Usta's (`PRAGMA application_id`, "USTA" in ASCII).
pub const APPLICATION_ID: i32 = 0x5553_5441;

/// How long a writer waits for another process holding the write lock before giving up with a clear message.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: Arc<rusqlite::Error>,
    },
    #[error(
        "{path} is not an Usta database (it is another kind of file or another program's database); nothing was changed"
    )]
    Foreign { path: PathBuf },
    #[error("no shop database at {}; create one with `usta demo` or open the window", .path.display())]
    Missing { path: PathBuf },
    #[error("{path} was written by a newer Usta (schema {found}, this program knows up to {known}); update Usta")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("the database is busy: another Usta process is writing to it; try again in a moment")]
    Busy,
    #[error("database error: {0}")]
    Sqlite(Arc<rusqlite::Error>),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Conflict(String),
    /// A product's barcode that another product already has.
    #[error("barcode {code} already belongs to another product")]
    BarcodeTaken { code: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(Arc::new(e)),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open Usta database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Managers' approvals waiting for the write they approve: journaled inside that write's transaction.
    staged_approvals: Vec<(String, serde_json::Value)>,
    /// The numbering high-water mark beside the file (`NAME.head`).
    head: head::Head,
}

/// Makes a cached statement run on the plan it was prepared with. Without SQLite's query planner stability
/// guarantee, a statement with `col = ?` or `LIMIT ?` is marked to be planned again whenever its values change,
/// and rusqlite clears a statement's values when it goes back to the cache, which expires it: every scan parsed and
/// planned its query again, 70% of its time. No plan here depends on a value: there are no statistics tables
/// (no ANALYZE) and no LIKE or GLOB with a bound pattern. `statement_tests` checks that no statement is re-prepared.
pub(crate) fn keep_cached_plans(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// The SQLite file at `path` opened read-only and as it is: nothing set on the connection, nothing checked.
fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags).map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        source: Arc::new(e),
    })
}

/// A second, read-only connection to the open database at `path`, for reading beside the store's own (as
/// [`Store::ledger_rows`] does): it waits for writers as the store does and keeps its cached plans, and it can
/// change nothing.
pub(crate) fn read_only(path: &Path) -> Result<Connection> {
    let conn = open_read_only(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    keep_cached_plans(&conn)?;
    Ok(conn)
}

impl Store {
    /// Opens the shop's existing database at `path`; a missing file is refused and nothing is created (a
    /// mistyped `--db` must not make an empty shop and its folders). Otherwise as [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Store::open(path)
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date: for what creates a
    /// shop (`usta demo`, the window's first start, restore); other commands use [`Store::open_existing`]. A
    /// file that is not SQLite, or another program's SQLite database, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                source: Arc::new(rusqlite::Error::ToSqlConversionFailure(Box::new(e))),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            source: Arc::new(e),
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            staged_approvals: Vec::new(),
            head: head::Head::new(path),
        };
        store.configure()?;
        schema::migrate(&mut store.conn, &store.path).map_err(|e| match e {
            StoreError::Sqlite(inner) if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                damaged(&store.path, &inner)
            }
            other => other,
        })?;
        facts::arm_connection(&store.conn)?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        let foreign = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign {
                path: self.path.clone(),
            },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => damaged(&self.path, &e),
            _ => StoreError::from(e),
        };
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(foreign)?;
        // Room for every hot statement (scan, search tiers, checkout inserts, journal, head) at once: rusqlite's
        // default of 16 evicted some of them between two scans, and preparing cost more than running.
        self.conn.set_prepared_statement_cache_capacity(128);
        keep_cached_plans(&self.conn)?;
        // Reading the application id is the first access to the file, so a non-SQLite file fails here.
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(foreign)?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| {
                r.get(0)
            })
            .map_err(foreign)?;
        if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a sale acknowledged to the cashier survives a power cut, WAL or not.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    /// Changes how long writes wait for another process's write lock (default [`BUSY_TIMEOUT`]).
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction that holds the write lock from the start; commits only if `f` succeeds.
    pub(crate) fn write<T, E>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        facts::open(&tx)?;
        head::name_new_database(&tx)?;
        // The approval is used up by this write whether it commits or not: a retry asks again.
        for (at, payload) in std::mem::take(&mut self.staged_approvals) {
            journal::append(&tx, Some(&at), "approval", "", &payload)?;
        }
        let value = f(&tx)?;
        journal::seal(&tx)?;
        facts::close(&tx)?;
        let issued = self.head.intent(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        self.head.committed(issued);
        Ok(value)
    }

    /// Journals `payload` (who approved what for whom) in the next write transaction, so an approval is on record
    /// exactly when the action it approved is.
    pub(crate) fn stage_approval(&mut self, at: String, payload: serde_json::Value) {
        self.staged_approvals.push((at, payload));
    }

    /// Drops an approval no write used (the use case refused before writing).
    pub(crate) fn clear_approval(&mut self) {
        self.staged_approvals.clear();
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Releases the numbers this process reserved and did not use (see `store::head`). It takes the write lock to
    /// read the counters while no write is in flight, writes nothing to the database and rolls back; a lock it
    /// cannot get soon leaves the reservation open, which only makes a later restore skip more numbers.
    fn release_reservation(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_millis(250))?;
        let lock = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.head.release(&lock)?;
        lock.rollback()?;
        Ok(())
    }

    /// `PRAGMA integrity_check`; `Ok(())` when SQLite finds nothing wrong.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(result))
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.head.holds_reservation() {
            // Best effort at close: an open reservation is safe, it only widens a restore's carry.
            let _best_effort = self.release_reservation();
        }
    }
}

/// The message for a damaged Usta file: it is left as it is, and a backup can replace it.
fn damaged(path: &Path, e: &rusqlite::Error) -> StoreError {
    StoreError::Corrupt(format!(
        "{} ({e}); nothing was changed; restore a backup with `usta restore FILE`",
        path.display()
    ))
}

/// The schema version this program writes (a till and its back office must agree on it: rows travel by column).
pub fn schema_version() -> i64 {
    schema::VERSION
}

/// Decimal columns are stored as text so no value ever passes through a float.
pub(crate) fn decimal(text: &str) -> Result<rust_decimal::Decimal> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("'{text}' is not a decimal")))
}

pub(crate) fn opt_decimal(text: Option<String>) -> Result<Option<rust_decimal::Decimal>> {
    text.as_deref().map(decimal).transpose()
}
