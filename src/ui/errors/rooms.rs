//! The refusals of the rooms that write files, keep photos and sync (`app::refusal`, `sync::SyncProblem`), as
//! keys of `refusals.ftl`; every variant has its arm and no `_` arm, like the rest of `errors.rs`.

use super::{Msg, msg, with};
use crate::app::refusal::{
    Companion, DbKind, FileProblem, PhotoRefusal, PhotoWhy, RestoreWhy, Step, WriteRefusal, WriteWhy,
};
use crate::sync::problem::SyncProblem;
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

pub(super) fn photo(e: &PhotoRefusal) -> Msg {
    let (key, mut args) = match &e.why {
        PhotoWhy::Unreadable { reason } => with("err-photo-unreadable", &[("reason", reason.clone())]),
        PhotoWhy::NotFile => msg("err-photo-not-file"),
        PhotoWhy::Database(k) => with("err-photo-database", &[("kind", db_kind(*k))]),
        PhotoWhy::TooBig { mb, max_mb } => with(
            "err-photo-too-big",
            &[("mb", mb.to_string()), ("max", max_mb.to_string())],
        ),
        PhotoWhy::Format { reason } => with("err-photo-format", &[("reason", reason.clone())]),
        PhotoWhy::NotPicture => msg("err-photo-not-picture"),
        PhotoWhy::Undecodable { format, reason } => with(
            "err-photo-undecodable",
            &[("format", format.clone()), ("reason", reason.clone())],
        ),
        PhotoWhy::Truncated => msg("err-photo-truncated"),
        PhotoWhy::TooLargeToRead => msg("err-photo-too-large"),
        PhotoWhy::Pixels { width, height } => with(
            "err-photo-pixels",
            &[("width", width.to_string()), ("height", height.to_string())],
        ),
        PhotoWhy::Encode { reason } => with("err-photo-encode", &[("reason", reason.clone())]),
    };
    args.insert(0, ("path", e.path.clone()));
    (key, args)
}

fn restore(why: &RestoreWhy) -> Msg {
    match why {
        RestoreWhy::NoFile => msg("err-restore-no-file"),
        RestoreWhy::Copy { reason } => with("err-restore-copy", &[("reason", reason.clone())]),
        RestoreWhy::CopyWal { reason } => with("err-restore-copy-wal", &[("reason", reason.clone())]),
        RestoreWhy::Create { dir, reason } => with(
            "err-restore-create",
            &[("dir", dir.clone()), ("reason", reason.clone())],
        ),
        RestoreWhy::NotUsta => msg("err-restore-not-usta"),
        RestoreWhy::Check { reason } => with("err-restore-check", &[("reason", reason.clone())]),
    }
}

pub(super) fn file(e: &FileProblem) -> Msg {
    let at = |key, path: &String, reason: &String| with(key, &[("path", path.clone()), ("reason", reason.clone())]);
    match e {
        FileProblem::Create { path, reason } => at("err-file-create", path, reason),
        FileProblem::Read { path, reason } => at("err-file-read", path, reason),
        FileProblem::Write { path, reason } => at("err-file-write", path, reason),
        FileProblem::Copy { path, reason } => at("err-file-copy", path, reason),
        FileProblem::OpenLock { path, reason } => at("err-file-open-lock", path, reason),
        FileProblem::Lock { path, reason } => at("err-file-lock", path, reason),
        FileProblem::Restore { backup, why } => {
            let (key, mut args) = restore(why);
            args.insert(0, ("backup", backup.clone()));
            (key, args)
        }
        FileProblem::SetAside { path, reason } => at("err-file-set-aside", path, reason),
        FileProblem::PlaceBackup { reason } => with("err-file-place-backup", &[("reason", reason.clone())]),
        FileProblem::RateFile { path, reason } => at("err-rate-file", path, reason),
        FileProblem::RateFileSize { path } => with("err-rate-file-size", &[("path", path.clone())]),
    }
}

pub(super) fn sync(e: &SyncProblem) -> Msg {
    use SyncProblem as S;
    let s = |v: &String| v.clone();
    match e {
        S::NoLocation => msg("err-sync-no-location"),
        S::BadRegister { id } => with("err-sync-bad-register", &[("id", s(id))]),
        S::NoTill { register } => with("err-sync-no-till", &[("register", s(register))]),
        S::IsBackOffice => msg("err-sync-is-back-office"),
        S::Standalone => msg("err-sync-standalone"),
        S::AllRegistersHere => msg("err-sync-all-registers"),
        S::RegisterLedger { register, reason } => with(
            "err-sync-register-ledger",
            &[("register", s(register)), ("reason", s(reason))],
        ),
        S::NoRegisterDay { day } => with("err-sync-no-register-day", &[("day", s(day))]),
        S::Listen { address, reason } => with("err-sync-listen", &[("address", s(address)), ("reason", s(reason))]),
        S::NotPairingCode { code, digits } => with(
            "err-sync-pairing-code",
            &[("code", s(code)), ("digits", digits.to_string())],
        ),
        S::DatabaseExists { path } => with("err-sync-db-exists", &[("path", s(path))]),
        S::NotEmpty => msg("err-sync-not-empty"),
        S::NotAddress { url } => with("err-sync-not-address", &[("url", s(url))]),
        S::NoCooperative => msg("err-sync-no-cooperative"),
        S::SameLocation { here } => with("err-sync-same-location", &[("here", s(here))]),
        S::NoSuchLocation { to, heard: _, known } => {
            with("err-sync-no-such-location", &[("to", s(to)), ("known", s(known))])
        }
        S::TransferQty { qty } => with("err-sync-transfer-qty", &[("qty", s(qty))]),
        S::NoTransfer { id, on_till } => with(
            match on_till {
                true => "err-sync-no-transfer-till",
                false => "err-sync-no-transfer-office",
            },
            &[("id", s(id))],
        ),
        S::NotHere { id, to, here } => with("err-sync-not-here", &[("id", s(id)), ("to", s(to)), ("here", s(here))]),
        S::Received { id, by, at } => with("err-sync-received", &[("id", s(id)), ("by", s(by)), ("at", s(at))]),
        S::ConflictsHere => msg("err-sync-conflicts-here"),
        S::SettleHere => msg("err-sync-settle-here"),
        S::SettleReason => msg("err-sync-settle-reason"),
        S::NotInConflict { code } => with("err-sync-not-in-conflict", &[("code", s(code))]),
        S::Io { reason } => with("err-sync-io", &[("reason", s(reason))]),
        S::Tls { reason } => with("err-sync-tls", &[("reason", s(reason))]),
        S::Unreachable { url, reason } => with("err-sync-unreachable", &[("url", s(url)), ("reason", s(reason))]),
        S::Refused { reason } => with("err-sync-refused", &[("reason", s(reason))]),
        S::Protocol { reason } => with("err-sync-protocol", &[("reason", s(reason))]),
    }
}
