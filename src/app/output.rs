//! One rule for every file a command writes. A command that writes a file or a folder (catalog export, artisan
//! statements, tax-free export, pool reports, ledger export, backups, the printer's `file:` transport, the
//! virtual printer's job folder) asks this module first, with the path of the shop's database:
//!
//! - never the database itself, its `-wal`, `-shm`, `-journal`, `.lock` or `.head` companions, whatever path
//!   names them (relative, `..`, symlinks: paths are compared after resolving their folders);
//! - never an existing file that is an SQLite database or write-ahead log, even with `--force`;
//! - never inside the `backups` folder beside the database (only `usta backup` writes there);
//! - an existing file is replaced only with `--force`.
//!
//! Files are written to a temporary file in the same folder, fsync'd and renamed over the target, so a kill
//! leaves the old file or the new one, never half of one. A folder of files (the daily ledger) is built beside
//! its target and swapped in, so a kill leaves the old export or the new one, never a mix of both.

use super::refusal::{Companion, DbKind, Step, WriteRefusal, WriteWhy};
use super::{AppError, Result};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// The first 16 bytes of every SQLite database file.
pub const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The magic numbers a SQLite write-ahead log starts with (big- and little-endian checksums).
const WAL_MAGIC: [[u8; 4]; 2] = [[0x37, 0x7f, 0x06, 0x82], [0x37, 0x7f, 0x06, 0x83]];

/// The files beside a database that belong to it, with what they are in the user's words.
pub const COMPANIONS: [(&str, Companion); 5] = [
    ("-wal", Companion::Wal),
    ("-shm", Companion::Shm),
    ("-journal", Companion::Journal),
    (".lock", Companion::Lock),
    (".head", Companion::Head),
];

/// Where the files of a writer go, checked against the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// Any file a command writes (exports, reports, statements, the printer's `file:` transport).
    File,
    /// `usta backup`: the one writer allowed into the `backups` folder.
    Backup,
}

/// `PATH` + suffix, keeping the whole file name (`shop.db` → `shop.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// `path` made absolute with every existing folder resolved (symlinks, `.`, `..`); the parts that do not exist
/// yet are appended as written, with `..` taken lexically (a folder that does not exist cannot be a symlink).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    if let Ok(real) = std::fs::canonicalize(&absolute) {
        return real;
    }
    // Walk up to the nearest ancestor that exists, then put the rest back on.
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    loop {
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
                if let Ok(real) = std::fs::canonicalize(base) {
                    return append(real, rest.iter().rev().map(|n| Component::Normal(n)));
                }
            }
            _ => return append(PathBuf::new(), absolute.components()),
        }
    }
}

fn append<'a>(mut base: PathBuf, parts: impl Iterator<Item = Component<'a>>) -> PathBuf {
    for part in parts {
        match part {
            Component::ParentDir => {
                base.pop();
            }
            Component::CurDir => {}
            other => base.push(other.as_os_str()),
        }
    }
    base
}

/// The resolved file name of `target`, its folder resolved; a name ending in `..` or `.` is resolved whole.
fn resolve_file(target: &Path) -> PathBuf {
    match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            resolve(parent).join(name)
        }
        _ => resolve(target),
    }
}

/// The shop's database and everything beside it that no writer may touch.
#[derive(Debug, Clone)]
pub struct Protected {
    /// The database as the user named it, for messages.
    db: PathBuf,
    /// The database's own paths: as named (folder resolved) and fully resolved (a symlinked database).
    files: Vec<(PathBuf, Option<Companion>)>,
    backups: Vec<PathBuf>,
}

impl Protected {
    pub fn new(db: &Path) -> Protected {
        let mut files = Vec::new();
        let mut backups = Vec::new();
        for base in [resolve_file(db), resolve(db)] {
            files.push((base.clone(), None));
            for (suffix, what) in COMPANIONS {
                files.push((with_suffix(&base, suffix), Some(what)));
            }
            // `shop.head` as well as `shop.db.head`: both name the high-water file of `shop.db`.
            files.push((base.with_extension("head"), Some(Companion::Head)));
            backups.push(super::backup::backup_dir(&base));
        }
        Protected {
            db: db.to_path_buf(),
            files,
            backups,
        }
    }

    /// Checks that `target` may be written as a file by `writer`; `force` allows replacing an existing file that
    /// is not a database. Nothing is written.
    pub fn check_file(&self, target: &Path, writer: Writer, force: bool) -> Result<()> {
        let refuse = |why: WriteWhy| refusal(target, why);
        let resolved = resolve_file(target);
        let real = resolve(target);
        for candidate in [&resolved, &real] {
            self.check_name(target, candidate)?;
            if writer != Writer::Backup {
                self.check_not_in_backups(target, candidate)?;
            }
        }
        match std::fs::metadata(target) {
            Ok(meta) if meta.is_dir() => return Err(refuse(WriteWhy::Folder)),
            Ok(_) => {
                if writer == Writer::Backup {
                    return Err(refuse(WriteWhy::BackupExists));
                }
                if let Some(kind) = database_kind(target) {
                    return Err(refuse(WriteWhy::Database(kind)));
                }
                if !force {
                    return Err(refuse(WriteWhy::Exists));
                }
            }
            Err(_) => {}
        }
        // A backup makes its folder (`backups/` on the first backup); other writers need an existing one.
        if let Some(parent) = resolved.parent()
            && writer != Writer::Backup
            && !parent.is_dir()
        {
            return Err(refuse(WriteWhy::NoFolder {
                folder: parent.display().to_string(),
            }));
        }
        Ok(())
    }

    /// Checks that `dir` may be written as a folder of files: never one of the database's files, never the
    /// `backups` folder or inside it, never a file. Nothing is written.
    pub fn check_dir(&self, dir: &Path) -> Result<()> {
        let resolved = resolve(dir);
        self.check_name(dir, &resolved)?;
        self.check_name(dir, &resolve_file(dir))?;
        self.check_not_in_backups(dir, &resolved)?;
        if dir.exists() && !dir.is_dir() {
            let why = match database_kind(dir) {
                Some(kind) => WriteWhy::DatabaseDir(kind),
                None => WriteWhy::File,
            };
            return Err(refusal(dir, why));
        }
        Ok(())
    }

    /// Checks that another database (the association's pool) may be opened or created at `path`: never the
    /// shop's database, its companions or anything in `backups/`.
    pub fn check_database(&self, path: &Path) -> Result<()> {
        for candidate in [resolve_file(path), resolve(path)] {
            self.check_name(path, &candidate)?;
            self.check_not_in_backups(path, &candidate)?;
        }
        Ok(())
    }

    fn check_name(&self, target: &Path, candidate: &Path) -> Result<()> {
        for (file, what) in &self.files {
            if candidate == file {
                let db = self.db.display().to_string();
                let why = match what {
                    None => WriteWhy::ShopDatabase { db },
                    Some(what) => WriteWhy::Companion { what: *what, db },
                };
                return Err(refusal(target, why));
            }
        }
        Ok(())
    }

    fn check_not_in_backups(&self, target: &Path, candidate: &Path) -> Result<()> {
        if self.backups.iter().any(|b| candidate.starts_with(b)) {
            return Err(self.backups_refusal(target));
        }
        Ok(())
    }

    fn backups_refusal(&self, target: &Path) -> AppError {
        refusal(
            target,
            WriteWhy::Backups {
                db: self.db.display().to_string(),
            },
        )
    }
}

fn refusal(target: &Path, why: WriteWhy) -> AppError {
    AppError::Write(WriteRefusal {
        target: target.display().to_string(),
        printer: None,
        why,
    })
}

/// Checks a printer's path (`file:PATH`, a device path, a serial port) against the rule, when it is set and
/// before every job: the `file:` transport rewrites its file and a device path is written from its first byte,
/// so `file:shop.db` would wipe the shop. An existing plain file is a print file and may be rewritten.
pub fn check_printer(db: &Path, uri: &usta_printer::PrinterUri) -> Result<()> {
    let path = match uri {
        usta_printer::PrinterUri::File(p) | usta_printer::PrinterUri::Device(p) => p.clone(),
        usta_printer::PrinterUri::Serial { path, .. } => PathBuf::from(path),
        usta_printer::PrinterUri::Tcp { .. } | usta_printer::PrinterUri::WinPrint { .. } => return Ok(()),
    };
    Protected::new(db)
        .check_file(&path, Writer::File, true)
        .map_err(|e| match e {
            AppError::Write(refused) => AppError::Write(WriteRefusal {
                printer: Some(uri.to_string()),
                ..refused
            }),
            other => other,
        })
}

/// `Some("an SQLite database")` when the regular file at `path` starts like one (or like its write-ahead log).
/// Devices are never read: reading a printer's device file could block or eat its status bytes.
pub fn database_kind(path: &Path) -> Option<DbKind> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut head = [0u8; 16];
    let mut file = std::fs::File::open(path).ok()?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    if read == head.len() && &head == SQLITE_HEADER {
        Some(DbKind::Database)
    } else if read >= 4 && WAL_MAGIC.iter().any(|m| head[..4] == m[..]) {
        Some(DbKind::Wal)
    } else {
        None
    }
}

fn io(target: &Path, step: Step, e: std::io::Error) -> AppError {
    refusal(
        target,
        WriteWhy::Io {
            step,
            reason: e.to_string(),
        },
    )
}

/// A name in `dir` for work in progress, unique to this process: `.NAME.usta-PID.SUFFIX`.
fn temp_beside(target: &Path, suffix: &str) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.usta-{}.{suffix}", std::process::id()))
}

/// Flushes a folder's entry list to disk, so a rename in it survives a power cut (no-op where unsupported).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes the file `target` with `fill`, through a temporary file in the same folder, fsync'd and renamed over
/// the target, after [`Protected::check_file`]. On any error the target is as it was.
pub fn write_file_with(
    db: &Path,
    target: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let protected = Protected::new(db);
    protected.check_file(target, Writer::File, force)?;
    let tmp = temp_beside(target, "tmp");
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| io(target, Step::CreateTemp, e))?;
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| io(target, Step::Write, e.into_error()))?;
        file.sync_all().map_err(|e| io(target, Step::Write, e))?;
        drop(file);
        // Checked again just before the rename: the target may have appeared (or become a database) meanwhile.
        protected.check_file(target, Writer::File, force)?;
        std::fs::rename(&tmp, target).map_err(|e| io(target, Step::PlaceFile, e))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    sync_dir(target.parent().unwrap_or(Path::new(".")));
    Ok(())
}

/// [`write_file_with`] for bytes already made.
pub fn write_file(db: &Path, target: &Path, force: bool, bytes: &[u8]) -> Result<()> {
    write_file_with(db, target, force, |out| {
        out.write_all(bytes).map_err(|e| io(target, Step::Write, e))
    })
}

/// Writes a folder of `files` (name, bytes) at `dir`: built complete beside it, fsync'd, then swapped in. An
/// existing folder is replaced only with `force`, and only when it holds nothing but files named in `files`
/// (another export of the same kind): other files in it would be lost. After a kill `dir` is the old folder or
/// the new one; a leftover `.NAME.usta-PID.new` folder beside it is removed by the next export.
/// Whether the export folder `dir` may be written: it does not exist or is empty, or holds only files `ours`
/// names and `force` is given. A file of anyone else's is never replaced, even with `force`.
pub fn check_export_free(dir: &Path, force: bool, ours: &dyn Fn(&str) -> bool) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let foreign: Vec<&String> = names.iter().filter(|n| !ours(n)).collect();
    if let Some(first) = foreign.first() {
        return Err(refusal(
            dir,
            WriteWhy::Foreign {
                first: first.to_string(),
                others: foreign.len() - 1,
            },
        ));
    }
    if !names.is_empty() && !force {
        return Err(refusal(dir, WriteWhy::ExportExists));
    }
    Ok(())
}

pub fn write_dir(db: &Path, dir: &Path, force: bool, files: &[(String, Vec<u8>)]) -> Result<()> {
    let protected = Protected::new(db);
    protected.check_dir(dir)?;
    check_export_free(dir, force, &|name| files.iter().any(|(f, _)| f == name))?;
    let existed = std::fs::read_dir(dir).is_ok();
    let parent = resolve(dir).parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(&parent).map_err(|e| io(dir, Step::CreateParent, e))?;
    clean_leftovers(dir);
    let new = temp_beside(dir, "new");
    let _ = std::fs::remove_dir_all(&new);
    let built = (|| {
        std::fs::create_dir(&new).map_err(|e| io(dir, Step::CreateBeside, e))?;
        let mut written = Vec::with_capacity(files.len());
        for (name, bytes) in files {
            let path = new.join(name);
            let mut f = std::fs::File::create(&path).map_err(|e| io(dir, Step::Write, e))?;
            f.write_all(bytes).map_err(|e| io(dir, Step::Write, e))?;
            written.push(f);
        }
        sync_together(&written).map_err(|e| io(dir, Step::Write, e))?;
        sync_dir(&new);
        swap_in(&new, dir, existed)
    })();
    let _ = std::fs::remove_dir_all(&new);
    built?;
    sync_dir(&parent);
    Ok(())
}

/// Flushes every file to disk, all at once: each on a thread of its own, so the file system commits them in
/// one journal transaction where it can (ext4 joins concurrent fsyncs), not one commit per file in turn.
fn sync_together(files: &[std::fs::File]) -> std::io::Result<()> {
    let Some((first, rest)) = files.split_first() else {
        return Ok(());
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = rest.iter().map(|f| scope.spawn(move || f.sync_all())).collect();
        let mut result = first.sync_all();
        for other in others {
            let done = other
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("a file's flush stopped")));
            result = result.and(done);
        }
        result
    })
}

/// Removes `.NAME.usta-*.new` / `.old` folders that a killed export left beside `dir`.
fn clean_leftovers(dir: &Path) {
    let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let prefix = format!(".{name}.usta-");
    let Some(parent) = dir.parent() else { return };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && (n.ends_with(".new") || n.ends_with(".old")) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts the folder `new` at `dir`. On Linux an existing folder is exchanged with `new` in one atomic rename
/// (`RENAME_EXCHANGE`), so `dir` always holds a whole export; the old export then sits at `new` and is removed.
#[cfg(target_os = "linux")]
fn swap_in(new: &Path, dir: &Path, exists: bool) -> Result<()> {
    if !exists {
        return std::fs::rename(new, dir).map_err(|e| io(dir, Step::PlaceFolder, e));
    }
    rustix::fs::renameat_with(
        rustix::fs::CWD,
        new,
        rustix::fs::CWD,
        dir,
        rustix::fs::RenameFlags::EXCHANGE,
    )
    .map_err(|e| io(dir, Step::SwapIn, std::io::Error::from(e)))
}

/// Elsewhere: the old folder is renamed aside, the new one in, the old one removed.
#[cfg(not(target_os = "linux"))]
fn swap_in(new: &Path, dir: &Path, exists: bool) -> Result<()> {
    if exists {
        let old = temp_beside(dir, "old");
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(dir, &old).map_err(|e| io(dir, Step::SetAside, e))?;
        if let Err(e) = std::fs::rename(new, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(io(dir, Step::PlaceFolder, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    } else {
        std::fs::rename(new, dir).map_err(|e| io(dir, Step::PlaceFolder, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("shop.db");
        let conn = rusqlite::Connection::open(&db).expect("db");
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .expect("table");
        (dir, db)
    }

    fn refused(db: &Path, target: &Path, force: bool, words: &str) {
        let e = Protected::new(db)
            .check_file(target, Writer::File, force)
            .expect_err("refused");
        let text = e.to_string();
        assert!(
            text.contains(words) && text.contains("nothing was written"),
            "{}: {text}",
            target.display()
        );
    }

    #[test]
    fn the_database_and_its_companions_are_refused_by_any_name() {
        let (dir, db) = shop();
        refused(&db, &db, true, "the shop's database");
        for (suffix, what) in COMPANIONS {
            refused(&db, &with_suffix(&db, suffix), true, &what.to_string());
        }
        refused(&db, &dir.path().join("shop.head"), true, "high-water");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("sub");
        refused(&db, &sub.join("..").join("shop.db-wal"), true, "write-ahead log");
        refused(
            &db,
            &dir.path().join("missing").join("..").join("shop.db"),
            true,
            "database",
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&db, &link).expect("symlink");
            refused(&db, &link, true, "the shop's database");
            let linked_dir = dir.path().join("here");
            std::os::unix::fs::symlink(dir.path(), &linked_dir).expect("symlink");
            refused(&db, &linked_dir.join("shop.db-shm"), true, "shared-memory");
        }
    }

    #[test]
    fn backups_other_databases_and_existing_files() {
        let (dir, db) = shop();
        let backups = dir.path().join("backups");
        refused(&db, &backups.join("x.csv"), true, "backups folder");
        let other = dir.path().join("other.bin");
        std::fs::copy(&db, &other).expect("copy");
        refused(&db, &other, true, "an SQLite database");
        let plain = dir.path().join("plain.csv");
        std::fs::write(&plain, "keep").expect("write");
        refused(&db, &plain, false, "--force");
        Protected::new(&db)
            .check_file(&plain, Writer::File, true)
            .expect("--force replaces a plain file");
        Protected::new(&db)
            .check_file(&backups.join("shop-1.db"), Writer::Backup, false)
            .expect("the backup writer may write into backups/");
        refused(&db, &dir.path().join("nowhere").join("x.csv"), false, "does not exist");
    }

    #[test]
    fn a_written_file_replaces_the_old_one_whole_and_leaves_no_temporary_file() {
        let (dir, db) = shop();
        let target = dir.path().join("out.csv");
        write_file(&db, &target, false, b"one").expect("write");
        assert!(write_file(&db, &target, false, b"two").is_err());
        assert_eq!(std::fs::read(&target).expect("read"), b"one");
        write_file(&db, &target, true, b"two").expect("force");
        assert_eq!(std::fs::read(&target).expect("read"), b"two");
        let failed = write_file_with(&db, &target, true, |out| {
            out.write_all(b"half").map_err(|e| io(&target, Step::Write, e))?;
            Err(AppError::NoOpenDay)
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&target).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("usta-")), "{names:?}");
    }

    #[test]
    fn a_folder_is_swapped_whole_and_other_files_are_never_lost() {
        let (dir, db) = shop();
        let out = dir.path().join("ledger");
        let files = |v: &str| vec![("a.csv".to_string(), v.as_bytes().to_vec())];
        write_dir(&db, &out, false, &files("1")).expect("new folder");
        assert!(write_dir(&db, &out, false, &files("2")).is_err());
        write_dir(&db, &out, true, &files("2")).expect("swap");
        assert_eq!(std::fs::read(out.join("a.csv")).expect("read"), b"2");
        std::fs::write(out.join("notes.txt"), "mine").expect("write");
        assert!(write_dir(&db, &out, true, &files("3")).is_err());
        assert_eq!(std::fs::read(out.join("notes.txt")).expect("read"), b"mine");
        assert!(write_dir(&db, &dir.path().join("backups").join("l"), true, &files("1")).is_err());
        assert!(write_dir(&db, dir.path(), true, &files("1")).is_err());
    }
}
