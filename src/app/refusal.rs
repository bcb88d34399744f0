//! Why a file, a folder or a photo was refused, as typed reasons with their parts: the command line prints the
//! English it always printed (`Display`), the window says the same in the chosen language (`src/ui/errors.rs`
//! maps every variant to a key of `refusals.ftl`). Paths, names and the operating system's own words travel as
//! arguments.

/// What an existing SQLite file is, in the user's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DbKind {
    #[error("an SQLite database")]
    Database,
    #[error("an SQLite write-ahead log")]
    Wal,
}

/// A file beside the shop's database that belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Companion {
    #[error("write-ahead log")]
    Wal,
    #[error("shared-memory index")]
    Shm,
    #[error("rollback journal")]
    Journal,
    #[error("lock file")]
    Lock,
    #[error("numbering high-water file")]
    Head,
}

/// The step of writing that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Step {
    #[error("create a temporary file beside it")]
    CreateTemp,
    #[error("write")]
    Write,
    #[error("put the file in place")]
    PlaceFile,
    #[error("create its folder")]
    CreateParent,
    #[error("create a folder beside it")]
    CreateBeside,
    #[error("put the folder in place")]
    PlaceFolder,
    #[error("swap the new folder in")]
    SwapIn,
    #[error("set the old folder aside")]
    SetAside,
}

/// Why nothing was written at a target (the rule of `app::output`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WriteWhy {
    #[error("it is a folder, not a file")]
    Folder,
    #[error("it is a file, not a folder")]
    File,
    #[error("it already exists; a backup never replaces a file")]
    BackupExists,
    #[error("refusing to replace it: it is {0} (never replaced, even with --force)")]
    Database(DbKind),
    #[error("refusing to replace it: it is {0}")]
    DatabaseDir(DbKind),
    #[error("it already exists; pass --force to replace it")]
    Exists,
    #[error("the folder {folder} does not exist")]
    NoFolder { folder: String },
    #[error("refusing to write over the shop's database {db}")]
    ShopDatabase { db: String },
    #[error("refusing to write over the {what} of the shop's database {db}")]
    Companion { what: Companion, db: String },
    #[error("refusing to write into the backups folder of the shop's database {db} (only `usta backup` writes there)")]
    Backups { db: String },
    #[error(
        "the folder holds {first} and {others} other file(s) that are not part of this export; choose a new or empty folder"
    )]
    Foreign { first: String, others: usize },
    #[error("the folder already holds an export; pass --force to replace it")]
    ExportExists,
    #[error("cannot {step} ({reason})")]
    Io { step: Step, reason: String },
}

/// A file or folder a command did not write, and why; `printer` names the printer whose path it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{target}: {why}; nothing was written", printer.as_ref().map(|p| format!("printer {p}: ")).unwrap_or_default())]
pub struct WriteRefusal {
    pub target: String,
    pub printer: Option<String>,
    pub why: WriteWhy,
}

/// Why a picture was not taken as a product's photo.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PhotoWhy {
    #[error("cannot read it ({reason})")]
    Unreadable { reason: String },
    #[error("it is not a file")]
    NotFile,
    #[error("it is {0}, not a picture")]
    Database(DbKind),
    #[error("{mb} MB is more than a photo may be ({max_mb} MB)")]
    TooBig { mb: u64, max_mb: u64 },
    /// The picture library's own words on a file it could not start to read.
    #[error("{reason}")]
    Format { reason: String },
    #[error("it is not a JPEG, PNG or WebP picture")]
    NotPicture,
    #[error("it cannot be read as {format} ({reason})")]
    Undecodable { format: String, reason: String },
    #[error("it cannot be read as Jpeg (the file ends before the picture does)")]
    Truncated,
    #[error("it is larger than any photo is read")]
    TooLargeToRead,
    #[error("{}", crate::domain::craft::too_large(*.width, *.height).unwrap_or_default())]
    Pixels { width: u32, height: u32 },
    #[error("cannot encode it ({reason})")]
    Encode { reason: String },
}

/// A picture that was not stored, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {why}; no photo was stored")]
pub struct PhotoRefusal {
    pub path: String,
    pub why: PhotoWhy,
}

/// Why a backup was not restored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RestoreWhy {
    #[error("no such file")]
    NoFile,
    #[error("cannot copy it: {reason}")]
    Copy { reason: String },
    #[error("cannot copy its WAL: {reason}")]
    CopyWal { reason: String },
    #[error("cannot create {dir}: {reason}")]
    Create { dir: String, reason: String },
    #[error("it is not an Usta database (another kind of file or another program's database)")]
    NotUsta,
    /// The database's own check of the backup (a store error, with the backup's path in it).
    #[error("{reason}")]
    Check { reason: String },
}

/// A file or folder that could not be used, with the operating system's words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileProblem {
    #[error("cannot create {path}: {reason}")]
    Create { path: String, reason: String },
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error("cannot copy {path}: {reason}")]
    Copy { path: String, reason: String },
    #[error("cannot open the lock file {path}: {reason}")]
    OpenLock { path: String, reason: String },
    #[error("cannot lock {path}: {reason}")]
    Lock { path: String, reason: String },
    #[error("cannot restore {backup}: {why}; nothing was changed")]
    Restore { backup: String, why: RestoreWhy },
    #[error("cannot set {path} aside: {reason}; restore stopped")]
    SetAside { path: String, reason: String },
    #[error("cannot put the backup in place: {reason}; nothing was changed")]
    PlaceBackup { reason: String },
    #[error("{path}: cannot read it ({reason})")]
    RateFile { path: String, reason: String },
    #[error("{path}: too large for a rate file")]
    RateFileSize { path: String },
}
