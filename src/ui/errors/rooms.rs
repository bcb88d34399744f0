//! The refusals of the rooms that write files, keep photos and sync (`app::refusal`, `sync::SyncProblem`), as
//! keys of `refusals.ftl`; every variant has its arm and no `_` arm, like the rest of `errors.rs`.

use super::{Msg, msg, with};
use crate::app::refusal::{Companion, DbKind, Step, WriteRefusal, WriteWhy};
use crate::ui::i18n::key_arg;

pub(super) fn db_kind(k: DbKind) -> String {
    key_arg(match k {
        DbKind::Database => "db-kind-database",
        DbKind::Wal => "db-kind-wal",
    })
}

fn companion(c: Companion) -> String {
    key_arg(match c {
        Companion::Wal => "companion-wal",
        Companion::Shm => "companion-shm",
        Companion::Journal => "companion-journal",
        Companion::Lock => "companion-lock",
        Companion::Head => "companion-head",
    })
}

fn step(s: Step) -> String {
    key_arg(match s {
        Step::CreateTemp => "write-step-create-temp",
        Step::Write => "write-step-write",
        Step::PlaceFile => "write-step-place-file",
        Step::CreateParent => "write-step-create-parent",
        Step::CreateBeside => "write-step-create-beside",
        Step::PlaceFolder => "write-step-place-folder",
        Step::SwapIn => "write-step-swap-in",
        Step::SetAside => "write-step-set-aside",
    })
}

pub(super) fn write(e: &WriteRefusal) -> Msg {
    // A printer's URI names its path (`file:…`, `/dev/usb/lp0`), so it stands for the target.
    let target = ("target", e.printer.clone().unwrap_or_else(|| e.target.clone()));
    let (key, mut args) = match &e.why {
        WriteWhy::Folder => msg("err-write-folder"),
        WriteWhy::File => msg("err-write-file"),
        WriteWhy::BackupExists => msg("err-write-backup-exists"),
        WriteWhy::Database(k) | WriteWhy::DatabaseDir(k) => with("err-write-database", &[("kind", db_kind(*k))]),
        WriteWhy::Exists => msg("err-write-exists"),
        WriteWhy::NoFolder { folder } => with("err-write-no-folder", &[("folder", folder.clone())]),
        WriteWhy::ShopDatabase { db } => with("err-write-shop-database", &[("db", db.clone())]),
        WriteWhy::Companion { what, db } => {
            with("err-write-companion", &[("what", companion(*what)), ("db", db.clone())])
        }
        WriteWhy::Backups { db } => with("err-write-backups", &[("db", db.clone())]),
        WriteWhy::Foreign { first, others } => with(
            "err-write-foreign",
            &[("first", first.clone()), ("others", others.to_string())],
        ),
        WriteWhy::ExportExists => msg("err-write-export-exists"),
        WriteWhy::Io { step: s, reason } => with("err-write-io", &[("step", step(*s)), ("reason", reason.clone())]),
    };
    args.insert(0, target);
    (key, args)
}
