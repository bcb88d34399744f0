//! One window per database: an advisory lock on `DB.lock` beside the database, held for the window's lifetime.
//! The CLI's subcommands do not take it (SQLite's busy timeout already serialises their writes with the window's);
//! restore does, because it replaces the file under whoever has it open.

use super::refusal::FileProblem;
use super::{AppError, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while the window is open; dropping it releases the lock (the OS also releases it if the process dies).
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `usta.db.lock` for `usta.db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db.with_file_name(name)
}

/// Takes the lock for `db`, or says that Usta is already open on it.
pub fn acquire(db: &Path) -> Result<InstanceLock> {
    let path = lock_path(db);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::File(FileProblem::Create {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })
        })?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            AppError::File(FileProblem::OpenLock {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        })?;
    match file.try_lock() {
        Ok(()) => Ok(InstanceLock { _file: file, path }),
        Err(TryLockError::WouldBlock) => Err(AppError::AlreadyOpen(db.to_path_buf())),
        Err(TryLockError::Error(e)) => Err(AppError::File(FileProblem::Lock {
            path: path.display().to_string(),
            reason: e.to_string(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("shop.db");
        let first = acquire(&db).expect("first");
        let second = acquire(&db).expect_err("second must be refused");
        assert_eq!(second.to_string(), format!("Usta is already open on {}", db.display()));
        drop(first);
        // A process spawned by another test thread may share the descriptor between fork and exec: retry briefly.
        let free = (0..250).any(|_| {
            let ok = acquire(&db).is_ok();
            if !ok {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            ok
        });
        assert!(free, "free again once the first window closed");
    }
}
