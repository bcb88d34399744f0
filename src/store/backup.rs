//! Copies of the database made with SQLite's online backup API (a consistent snapshot while the shop keeps
//! selling), and the checks a file must pass before it may replace the shop's database.

use super::{APPLICATION_ID, Result, Store, StoreError, schema};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What a checked backup file holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    pub schema_version: i64,
    pub sales: i64,
    pub products: i64,
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        source: Arc::new(rusqlite::Error::ToSqlConversionFailure(Box::new(e))),
    }
}

/// `PATH.partial`: where a copy is built before it takes its final name.
fn partial(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

impl Store {
    /// Writes a consistent copy of the whole database to `path` (which must not exist) while other connections
    /// may keep writing. The copy is built under a temporary name, checked, made a single self-contained file
    /// (no WAL beside it) and fsync'd, then renamed into place, so `path` is either a whole checked copy or absent.
    pub fn backup_to(&self, path: &Path) -> Result<BackupFile> {
        let copied = self.backup_to_steps(path, &mut |_, _| true)?;
        copied.ok_or_else(|| StoreError::Conflict("the backup stopped".into()))
    }

    /// [`Store::backup_to`], calling `steps(pages copied, pages)` after each step of the copy; when it returns
    /// `false` the half-made copy is removed and `None` returned: nothing is left at `path`.
    pub fn backup_to_steps(&self, path: &Path, steps: &mut dyn FnMut(u64, u64) -> bool) -> Result<Option<BackupFile>> {
        // Small steps, sleeping between them, let a checkout slip in during a long copy.
        copy_from(&self.conn, path, 1024, Duration::from_millis(5), steps)
    }
}

/// The same copy as [`Store::backup_to`], made on a connection of its own to the database at `db`, so the
/// caller's connection stays free while it runs (the window keeps selling during the backup after a day close).
/// The pages are read under one read snapshot held across the steps: in WAL mode a reader blocks no writer, and
/// without the held snapshot a copy read in steps would start over each time another connection commits.
pub fn backup_apart(db: &Path, path: &Path) -> Result<BackupFile> {
    backup_apart_steps(db, path, &mut |_, _| true)?.ok_or_else(|| StoreError::Conflict("the backup stopped".into()))
}

/// [`backup_apart`], calling `steps(pages copied, pages)` after each step; `false` stops it as
/// [`Store::backup_to_steps`] does.
pub fn backup_apart_steps(
    db: &Path,
    path: &Path,
    steps: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Option<BackupFile>> {
    let conn = super::open_read_only(db)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // The read transaction pins one snapshot for every step: commits elsewhere neither show in the copy nor
    // restart it.
    conn.execute_batch("BEGIN DEFERRED")?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
    let copied = copy_from(&conn, path, 1024, Duration::ZERO, steps);
    let _ = conn.execute_batch("COMMIT");
    copied
}

fn copy_from(
    source: &Connection,
    path: &Path,
    pages_per_step: std::os::raw::c_int,
    pause: Duration,
    steps: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Option<BackupFile>> {
    if path.exists() {
        return Err(StoreError::Conflict(format!(
            "{} already exists; nothing was written",
            path.display()
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(path, e))?;
    }
    let tmp = partial(path);
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut dst = Connection::open(&tmp)?;
        let whole = {
            let backup = rusqlite::backup::Backup::new(source, &mut dst)?;
            copy_steps(&backup, pages_per_step, pause, steps)?
        };
        if whole {
            dst.pragma_update(None, "journal_mode", "DELETE")?;
        }
        dst.close().map_err(|(_, e)| e)?;
        Ok::<_, StoreError>(whole)
    })();
    match result {
        Ok(true) => {}
        Ok(false) => {
            let _ = std::fs::remove_file(&tmp);
            return Ok(None);
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    }
    let checked = inspect(&tmp).and_then(|info| {
        // Opened for writing: Windows refuses to flush a handle opened read-only ("Access denied").
        std::fs::OpenOptions::new()
            .write(true)
            .open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io(path, e))?;
        Ok(info)
    });
    match checked {
        Ok(info) => Ok(Some(BackupFile {
            path: path.to_path_buf(),
            ..info
        })),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Copies `backup` step by step, reporting `(pages copied, pages)` after each step; `false` from `steps` stops
/// it (returns `Ok(false)`). The count never goes back, even if SQLite starts the copy over.
fn copy_steps(
    backup: &rusqlite::backup::Backup<'_, '_>,
    pages_per_step: std::os::raw::c_int,
    pause: Duration,
    steps: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<bool> {
    use rusqlite::backup::StepResult;
    let mut shown = 0;
    loop {
        let result = backup.step(pages_per_step)?;
        let p = backup.progress();
        let total = p.pagecount.max(0) as u64;
        let done = match result {
            StepResult::Done => total,
            _ => total.saturating_sub(p.remaining.max(0) as u64),
        };
        shown = done.max(shown).min(total);
        if !steps(shown, total) {
            return Ok(false);
        }
        match result {
            StepResult::Done => return Ok(true),
            StepResult::More => {}
            // Busy, locked: another connection holds the database a moment; the next step tries again.
            _ => std::thread::sleep(pause.max(Duration::from_millis(5))),
        }
        if !pause.is_zero() {
            std::thread::sleep(pause);
        }
    }
}

/// Checks that `path` is a whole Usta database this program can open: SQLite, Usta's application id, a schema
/// no newer than ours, and a clean `PRAGMA integrity_check`. Opened read-only; the file is not changed.
pub fn inspect(path: &Path) -> Result<BackupFile> {
    if !path.is_file() {
        return Err(StoreError::Corrupt(format!("{} is not a file", path.display())));
    }
    let foreign = || StoreError::Foreign {
        path: path.to_path_buf(),
    };
    let conn = super::open_read_only(path)?;
    let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => foreign(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(format!("{}: {e}", path.display())),
        _ => StoreError::from(e),
    };
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(not_db)?;
    if app_id != APPLICATION_ID {
        return Err(foreign());
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_db)?;
    if version > schema::VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: schema::VERSION,
        });
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(not_db)?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(not_db)?;
    if problems != ["ok"] {
        return Err(StoreError::Corrupt(format!(
            "{} fails SQLite's integrity check: {}",
            path.display(),
            problems.join("; ")
        )));
    }
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(not_db)
    };
    Ok(BackupFile {
        path: path.to_path_buf(),
        schema_version: version,
        sales: count("sales")?,
        products: count("products")?,
    })
}
