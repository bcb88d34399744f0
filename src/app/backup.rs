//! Backups and restore. A backup is a checked, self-contained copy made with SQLite's online backup API while the
//! shop keeps selling; the default place is a `backups` folder beside the database, keeping the newest N.
//! Restore refuses a damaged or foreign file, sets the current database aside (never deletes it) and only then
//! puts the copy in its place.
//!
//! Day close calls [`automatic`] after its Z report is committed (the window: [`plan`], [`copy_apart`] off its
//! connection, [`finish`]).

use super::refusal::{FileProblem, RestoreWhy};
use super::{AppError, Ctx, Result, instance};
use crate::store::{self, BackupFile, Store};
use std::path::{Path, PathBuf};

/// How many backups the default folder keeps.
pub const DEFAULT_KEEP: usize = 10;

/// The setting that remembers the last backup, for display.
const LAST_BACKUP: &str = "last_backup";

/// When and where the last backup was made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LastBackup {
    /// RFC 3339, shop time.
    pub at: String,
    pub path: PathBuf,
}

/// What a backup did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    pub file: BackupFile,
    /// When it was made, RFC 3339 shop time.
    pub at: String,
    /// Older backups removed from the default folder to keep the newest N.
    pub removed: Vec<PathBuf>,
    /// Product photos copied into the folder beside the backup ([`photos_beside`]).
    pub photos: usize,
}

/// The folder of product photos that goes with the backup `file`: `usta-20261128-183000.photos` beside
/// `usta-20261128-183000.db`.
pub fn photos_beside(file: &Path) -> PathBuf {
    file.with_extension("photos")
}

/// The default backups folder: `backups` beside the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or_else(|| Path::new(".")).join("backups")
}

/// `usta-20261128-183000.db` for a database named `usta.db`: names sort by time.
fn file_prefix(db: &Path) -> String {
    format!("{}-", db.file_stem().unwrap_or_default().to_string_lossy())
}

fn is_backup_name(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && name.ends_with(".db")
}

/// Where a backup goes, decided (and checked against the output rule) before anything is copied.
#[derive(Debug, Clone)]
pub struct Planned {
    db: PathBuf,
    path: PathBuf,
    /// The default folder, when the backup goes there (and older copies may be pruned from it).
    dir: Option<PathBuf>,
}

/// The copy made for a [`Planned`] backup, not yet recorded.
#[derive(Debug, Clone)]
pub struct Copied {
    file: BackupFile,
    photos: usize,
}

/// Decides where a backup into `target` (a file path that must not exist, or a folder), or into the default
/// folder, goes.
pub fn plan(ctx: &Ctx<'_>, target: Option<&Path>) -> Result<Planned> {
    let db = ctx.store.path().to_path_buf();
    let name = format!("{}{}.db", file_prefix(&db), ctx.now.format("%Y%m%d-%H%M%S"));
    let (dir, path) = match target {
        Some(t) if t.is_dir() => (None, t.join(&name)),
        Some(t) => (None, t.to_path_buf()),
        None => {
            let dir = backup_dir(&db);
            let mut path = dir.join(&name);
            // Two backups within one second: number the later one so neither is lost; `~` sorts after `.`, so
            // names still sort by time.
            let mut n = 2;
            while path.exists() {
                path = dir.join(format!("{}~{n:02}.db", name.trim_end_matches(".db")));
                n += 1;
            }
            (Some(dir), path)
        }
    };
    super::output::Protected::new(&db).check_file(&path, super::output::Writer::Backup, false)?;
    Ok(Planned { db, path, dir })
}

/// Makes the planned copy on a connection of its own, holding no [`Ctx`]: the till's connection stays free
/// for selling while a large database is copied (the window's backup after a day close).
pub fn copy_apart(planned: &Planned) -> Result<Copied> {
    copy_apart_with(planned, &mut super::progress::Silent)
}

/// [`copy_apart`], reporting pages copied to `progress`; a stop asked for through it removes the half-made copy
/// and refuses: nothing is left at the planned path.
pub fn copy_apart_with(planned: &Planned, progress: &mut dyn super::progress::Progress) -> Result<Copied> {
    let file = store::backup_apart_steps(&planned.db, &planned.path, &mut super::progress::go_on(progress));
    progress.finish();
    let file = file?.ok_or_else(|| super::progress::stopped(super::progress::Job::Backup))?;
    photos_for(planned, file)
}

/// The product photos go beside the copy: without them a restored shop would show no pictures.
fn photos_for(planned: &Planned, file: BackupFile) -> Result<Copied> {
    let photos = super::photos::copy_folder(&super::photos::photos_dir(&planned.db), &photos_beside(&planned.path))?;
    Ok(Copied { file, photos })
}

/// Records a finished copy as the last backup and prunes the default folder to the newest `keep`.
pub fn finish(ctx: &mut Ctx<'_>, planned: Planned, copied: Copied, keep: usize) -> Result<BackupReport> {
    // Discarding old backups is a manager's call (`permissions`): anyone else's backup adds a copy, removes none.
    let may_prune = super::permissions::UseCase::BackupPrune.allows(&ctx.actor);
    let removed = match planned.dir {
        Some(dir) if may_prune => prune(&dir, &file_prefix(&planned.db), keep.max(1))?,
        _ => vec![],
    };
    let last = LastBackup {
        at: ctx.stamp(),
        path: copied.file.path.clone(),
    };
    ctx.store.set_note(LAST_BACKUP, &last)?;
    Ok(BackupReport {
        file: copied.file,
        at: last.at,
        removed,
        photos: copied.photos,
    })
}

/// Backs the database up into `target` (a file path that must not exist, or a folder), or into the default
/// folder keeping the newest `keep` backups there.
pub fn backup(ctx: &mut Ctx<'_>, target: Option<&Path>, keep: usize) -> Result<BackupReport> {
    backup_with(ctx, target, keep, &mut super::progress::Silent)
}

/// [`backup`], reporting the pages copied to `progress`. The copy is built under a temporary name, so a stop
/// asked for through `progress` removes it and refuses: nothing is left at the target, no old backup is pruned
/// and the last backup stays what it was.
pub fn backup_with(
    ctx: &mut Ctx<'_>,
    target: Option<&Path>,
    keep: usize,
    progress: &mut dyn super::progress::Progress,
) -> Result<BackupReport> {
    let planned = plan(ctx, target)?;
    let file = ctx
        .store
        .backup_to_steps(&planned.path, &mut super::progress::go_on(progress));
    progress.finish();
    let file = file?.ok_or_else(|| super::progress::stopped(super::progress::Job::Backup))?;
    let copied = photos_for(&planned, file)?;
    finish(ctx, planned, copied, keep)
}

/// The backup a day close makes once its Z report is committed: into the default folder, keeping the newest
/// `keep`. Its failure never undoes or fails the close.
pub fn automatic(ctx: &mut Ctx<'_>, keep: usize) -> Result<BackupReport> {
    backup(ctx, None, keep)
}

/// Removes all but the newest `keep` backups (by name) of this database from `dir`.
fn prune(dir: &Path, prefix: &str, keep: usize) -> Result<Vec<PathBuf>> {
    let list = |e: std::io::Error| super::input::InputProblem::BackupList {
        dir: dir.display().to_string(),
        reason: e.to_string(),
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(list)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_backup_name(n, prefix))
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(keep);
    let mut removed = stale_partials(dir, prefix);
    for name in names.into_iter().take(excess) {
        let path = dir.join(name);
        std::fs::remove_file(&path).map_err(|e| super::input::InputProblem::BackupRemove {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let _ = std::fs::remove_dir_all(photos_beside(&path));
        removed.push(path);
    }
    Ok(removed)
}

/// Copies left half-made by a backup that was killed (`*.db.partial`, never a backup's name): removed once they
/// are an hour old, so one running right now is left alone. Best effort: a leftover costs disk, not data.
fn stale_partials(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let hour = std::time::Duration::from_secs(3600);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(prefix)
                && name.ends_with(".db.partial")
                && e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > hour))
        })
        .map(|e| e.path())
        .filter(|p| std::fs::remove_file(p).is_ok())
        .collect()
}

/// When the last backup was made, if ever.
pub fn last_backup(ctx: &Ctx<'_>) -> Result<Option<LastBackup>> {
    Ok(ctx.store.setting(LAST_BACKUP)?)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RestoreReport {
    pub restored: BackupFile,
    /// Where the database that was replaced now lives (with its -wal/-shm), if there was one.
    pub previous: Option<PathBuf>,
    /// The receipt and fiscal document numbering carried forward from the head file beside the database.
    pub carried: store::head::Carried,
    /// Product photos brought back from the folder beside the backup.
    pub photos: usize,
}

/// `PATH` + suffix, keeping the whole file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn remove_with_companions(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", ".head"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// Runs `job` on a private copy of the backup at `source` (beside `db`, removed afterwards), so a restore into a
/// database that cannot be opened can still check the admin's name and PIN against the users of the backup it
/// installs. The backup itself is never opened for writing.
pub fn with_backup_copy<T, E: From<AppError>>(
    db: &Path,
    source: &Path,
    job: impl FnOnce(&mut store::Store) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let refuse = |why: RestoreWhy| {
        AppError::File(FileProblem::Restore {
            backup: source.display().to_string(),
            why,
        })
    };
    if !source.is_file() {
        return Err(refuse(RestoreWhy::NoFile).into());
    }
    let copy = with_suffix(db, ".signin-check");
    remove_with_companions(&copy);
    let copied = std::fs::copy(source, &copy).map(|_| ()).and_then(|()| {
        let wal = with_suffix(source, "-wal");
        match wal.is_file() {
            true => std::fs::copy(&wal, with_suffix(&copy, "-wal")).map(|_| ()),
            false => Ok(()),
        }
    });
    let result = match copied {
        Err(e) => Err(refuse(RestoreWhy::Copy { reason: e.to_string() }).into()),
        Ok(()) => match store::Store::open(&copy) {
            Ok(mut store) => job(&mut store),
            Err(e) => Err(refuse(RestoreWhy::Check {
                reason: e
                    .to_string()
                    .replace(&copy.display().to_string(), &source.display().to_string()),
            })
            .into()),
        },
    };
    remove_with_companions(&copy);
    result
}

/// Replaces the database at `db` with the backup at `source`. It reports no progress and cannot be stopped:
/// once the current database is set aside, stopping half way would leave the shop without its database. Needs the database closed: it takes the same lock
/// as the window, so it refuses while Usta is open on `db`. `stamp` names the set-aside copy
/// (`usta.db.<stamp>.before-restore`). Nothing is deleted: the old database is renamed, with its -wal/-shm.
pub fn restore(db: &Path, source: &Path, stamp: &str) -> Result<RestoreReport> {
    restore_with(db, source, stamp, &mut super::progress::Silent)
}

/// The stages of a restore that [`restore_with`] reports: copied, checked, numbering carried, swapped, photos.
const RESTORE_STAGES: u64 = 5;

/// [`restore`], reporting each of its stages to `progress`. A restore is never stopped part way, whatever
/// `progress` says: once the current database is being set aside, stopping would leave the shop without one.
pub fn restore_with(
    db: &Path,
    source: &Path,
    stamp: &str,
    progress: &mut dyn super::progress::Progress,
) -> Result<RestoreReport> {
    let result = restore_stages(db, source, stamp, &mut |stage| progress.step(stage, RESTORE_STAGES));
    progress.finish();
    result
}

fn restore_stages(db: &Path, source: &Path, stamp: &str, stage: &mut dyn FnMut(u64)) -> Result<RestoreReport> {
    stage(0);
    let _lock = instance::acquire(db)?;
    let refuse = |why: RestoreWhy| {
        AppError::File(FileProblem::Restore {
            backup: source.display().to_string(),
            why,
        })
    };
    if !source.is_file() {
        return Err(refuse(RestoreWhy::NoFile));
    }
    // Check a private copy, so what is installed is exactly what was checked and the source is never touched.
    let staged = with_suffix(db, ".restoring");
    remove_with_companions(&staged);
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            refuse(RestoreWhy::Create {
                dir: dir.display().to_string(),
                reason: e.to_string(),
            })
        })?;
    }
    std::fs::copy(source, &staged).map_err(|e| refuse(RestoreWhy::Copy { reason: e.to_string() }))?;
    let source_wal = with_suffix(source, "-wal");
    if source_wal.is_file() {
        std::fs::copy(&source_wal, with_suffix(&staged, "-wal"))
            .map_err(|e| refuse(RestoreWhy::CopyWal { reason: e.to_string() }))?;
    }
    stage(1);
    let checked = store::inspect(&staged).and_then(|info| {
        // Written to for the sync: Windows refuses to flush a handle opened read-only ("Access denied").
        std::fs::OpenOptions::new()
            .write(true)
            .open(&staged)
            .and_then(|f| f.sync_all())
            .map_err(|e| store::StoreError::Corrupt(format!("cannot sync the copy: {e}")))?;
        Ok(info)
    });
    let restored = match checked {
        Ok(info) => info,
        Err(e) => {
            remove_with_companions(&staged);
            let why = match e {
                store::StoreError::Foreign { .. } => RestoreWhy::NotUsta,
                // Name the file the user gave, not the private copy the checks ran on.
                other => RestoreWhy::Check {
                    reason: other
                        .to_string()
                        .replace(&staged.display().to_string(), &source.display().to_string()),
                },
            };
            return Err(refuse(why));
        }
    };
    stage(2);
    // The numbering goes forward on the checked copy before it takes the database's place, so a restored
    // database never issues a number again: a kill before the swap leaves the current database in place.
    let carried = match carry_forward(db, &staged, source) {
        Ok(carried) => carried,
        Err(e) => {
            remove_with_companions(&staged);
            return Err(refuse(RestoreWhy::Check {
                reason: e
                    .to_string()
                    .replace(&staged.display().to_string(), &source.display().to_string()),
            }));
        }
    };
    stage(3);
    // A read-only check leaves a WAL the source had beside the staged copy; it moves in with it below.
    let previous = if db.exists() {
        let aside = with_suffix(db, &format!(".{stamp}.before-restore"));
        for suffix in ["", "-wal", "-shm"] {
            let from = with_suffix(db, suffix);
            if from.exists() {
                std::fs::rename(&from, with_suffix(&aside, suffix)).map_err(|e| {
                    AppError::File(FileProblem::SetAside {
                        path: from.display().to_string(),
                        reason: e.to_string(),
                    })
                })?;
            }
        }
        Some(aside)
    } else {
        None
    };
    for suffix in ["", "-wal"] {
        let from = with_suffix(&staged, suffix);
        if from.exists()
            && let Err(e) = std::fs::rename(&from, with_suffix(db, suffix))
        {
            // Put the old database back where it was.
            if let Some(aside) = &previous {
                for s in ["", "-wal", "-shm"] {
                    let _ = std::fs::rename(with_suffix(aside, s), with_suffix(db, s));
                }
            }
            return Err(AppError::File(FileProblem::PlaceBackup { reason: e.to_string() }));
        }
    }
    let _ = std::fs::remove_file(with_suffix(&staged, "-shm"));
    stage(4);
    // Photos come back beside the restored database; pictures are named by their content, so one already there
    // is the same picture and stays.
    let photos = super::photos::copy_folder(&photos_beside(source), &super::photos::photos_dir(db))?;
    // Opening brings the schema up to date and proves the restored file works.
    Store::open(db)?;
    stage(RESTORE_STAGES);
    Ok(RestoreReport {
        restored: BackupFile {
            path: source.to_path_buf(),
            ..restored
        },
        previous,
        carried,
        photos,
    })
}

/// Raises the staged copy's counters to the high-water mark in `db`'s head file, journaled as a `restore` entry,
/// and leaves the copy a single synced file again.
fn carry_forward(db: &Path, staged: &Path, source: &Path) -> store::Result<store::head::Carried> {
    let at = chrono::Utc::now()
        .with_timezone(&crate::domain::bishkek())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut copy = Store::open(staged)?;
    let carried = copy.carry_forward(db, source, &at)?;
    copy.checkpoint()?;
    drop(copy);
    // Written to for the sync: Windows refuses to flush a handle opened read-only ("Access denied").
    std::fs::OpenOptions::new()
        .write(true)
        .open(staged)
        .and_then(|f| f.sync_all())
        .map_err(|e| store::StoreError::Corrupt(format!("cannot sync the copy: {e}")))?;
    Ok(carried)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_databases_backups_are_pruned() {
        let dir = tempfile::tempdir().expect("dir");
        for name in [
            "usta-20261101-100000.db",
            "usta-20261102-100000.db",
            "usta-20261103-100000.db",
            "other-1.db",
            "usta-notes.txt",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        let old_partial = dir.path().join("usta-20261101-090000.db.partial");
        let fresh_partial = dir.path().join("usta-20261103-110000.db.partial");
        for p in [&old_partial, &fresh_partial] {
            std::fs::write(p, "half").expect("write");
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&old_partial)
            .and_then(|f| f.set_modified(two_hours_ago))
            .expect("age the partial copy");
        let removed = prune(dir.path(), "usta-", 2).expect("prune");
        assert_eq!(removed, vec![old_partial, dir.path().join("usta-20261101-100000.db")]);
        assert!(fresh_partial.exists(), "a copy being made right now is left alone");
        assert!(dir.path().join("other-1.db").exists());
        assert!(dir.path().join("usta-notes.txt").exists());
        assert!(dir.path().join("usta-20261103-100000.db").exists());
    }
}
