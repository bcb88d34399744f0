//! `usta backup [PATH]` and `usta restore PATH`.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, backup};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file, or a folder); default: the `backups` folder beside the database
    pub path: Option<PathBuf>,
    /// How many backups the default folder keeps, older ones are removed (a manager's job) [default: 10, and
    /// only a manager's backup removes any]
    #[arg(long, value_parser = keep)]
    pub keep: Option<usize>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to restore; the current database is kept beside it as DB.<time>.before-restore
    pub path: PathBuf,
}

fn keep(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("'{s}' is not a number of backups (1 or more)")),
    }
}

pub fn backup(cli: &Cli, ctx: &mut Ctx<'_>, args: &BackupArgs) -> anyhow::Result<()> {
    let mut bar = super::progress::Bar::new(cli.json, "backup");
    let keep = args.keep.unwrap_or(backup::DEFAULT_KEEP);
    let report = backup::backup_with(ctx, args.path.as_deref(), keep, &mut bar)?;
    if cli.json {
        return print_json(&report);
    }
    println!(
        "Backed up to {} ({} sales, {} products; integrity checked).",
        report.file.path.display(),
        report.file.sales,
        report.file.products
    );
    for old in &report.removed {
        println!("Removed the old backup {}.", old.display());
    }
    Ok(())
}

/// Restore needs an admin: of the current database when it opens, else (damaged or missing) of the backup
/// being restored, checked on a private copy of it.
pub fn check_restore(cli: &Cli, db: &Path, args: &RestoreArgs) -> anyhow::Result<()> {
    let case = crate::app::permissions::UseCase::Restore;
    if db.is_file()
        && let Ok(mut store) = crate::store::Store::open(db)
    {
        return super::users::check_on(cli, &mut store, case);
    }
    backup::with_backup_copy(db, &args.path, |store| super::users::check_on(cli, store, case))
}

pub fn restore(cli: &Cli, db: &Path, args: &RestoreArgs) -> anyhow::Result<()> {
    let stamp = super::shop_now().format("%Y%m%d-%H%M%S").to_string();
    let mut bar = super::progress::Bar::new(cli.json, "restore");
    let report = backup::restore_with(db, &args.path, &stamp, &mut bar)?;
    if cli.json {
        return print_json(&report);
    }
    println!(
        "Restored {} into {} ({} sales, {} products).",
        args.path.display(),
        db.display(),
        report.restored.sales,
        report.restored.products
    );
    let carried = &report.carried;
    for (register, (restored, to)) in &carried.receipts {
        if to > restored {
            println!(
                "Register {register}: receipt numbering carried forward from {restored} to {to} ({} records it).",
                carried.head.display()
            );
        }
    }
    let (restored, to) = carried.fiscal_document;
    if to > restored {
        println!("Fiscal document numbering carried forward from {restored} to {to}.");
    }
    if let Some(previous) = &report.previous {
        println!("The database it replaced is kept as {}.", previous.display());
    }
    Ok(())
}
