//! `usta pool …`: the association pools its member shops' daily ledgers and reports on them. Works on the
//! association's own database (`--pool`), never on a shop's.

use super::Cli;
use super::output::print_json;
use crate::app::pool::{self, By, Format, ImportResult};
use crate::store::pool::{Imported, Pool};
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// Verify ledger folders and import each shop-day once; a changed re-export is reported as a conflict
    Import {
        /// Ledger folders written by `usta ledger export`
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// The pool database [default: pool.db in the user's data directory]
        #[arg(long, env = "USTA_POOL", value_name = "PATH")]
        pool: Option<PathBuf>,
    },
    /// Sales, returns and net per shop, artisan, category, month, technique or region, as CSV, JSON, HTML with
    /// charts or XLSX
    Report {
        #[arg(long)]
        from: Option<NaiveDate>,
        #[arg(long)]
        to: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "shop")]
        by: By,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        out: Option<PathBuf>,
        /// Replace the --out FILE if it exists (never a database)
        #[arg(long)]
        force: bool,
        /// The pool database [default: pool.db in the user's data directory]
        #[arg(long, env = "USTA_POOL", value_name = "PATH")]
        pool: Option<PathBuf>,
    },
}

fn pool_path(given: &Option<PathBuf>) -> anyhow::Result<PathBuf> {
    Ok(match given {
        Some(p) => p.clone(),
        None => {
            let db = super::default_db_path()?;
            pool::default_pool_path(db.parent())
        }
    })
}

/// `db` is the shop's database (`--db`): a pool file or a report never goes over it.
pub fn run(cli: &Cli, db: &std::path::Path, command: &PoolCommand) -> anyhow::Result<()> {
    match command {
        PoolCommand::Import { dirs, pool: path } => {
            let path = pool_path(path)?;
            crate::app::output::Protected::new(db).check_database(&path)?;
            let mut pool = Pool::open(&path)?;
            let at = super::shop_now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let mut bar = super::progress::Bar::new(cli.json || dirs.len() < 2, "pool import");
            let report = pool::import(&mut pool, dirs, &at, |done, total| {
                crate::app::progress::Progress::step(&mut bar, done as u64, total as u64)
            })?;
            crate::app::progress::Progress::finish(&mut bar);
            if cli.json {
                print_json(&report)?;
            } else {
                for line in &report.lines {
                    let what = format!(
                        "{} {}",
                        line.shop_id.as_deref().unwrap_or("?"),
                        line.day.as_deref().unwrap_or("?")
                    );
                    match &line.result {
                        ImportResult::Done(Imported::New { lines }) => {
                            println!("imported   {what}: {lines} lines ({})", line.dir.display())
                        }
                        ImportResult::Done(Imported::AlreadyImported) => {
                            println!("unchanged  {what}: already pooled ({})", line.dir.display())
                        }
                        ImportResult::Done(Imported::Conflict { .. }) => println!(
                            "CONFLICT   {what}: {} differs from the ledger already pooled for this shop and day; not merged",
                            line.dir.display()
                        ),
                        ImportResult::Rejected { reason } => {
                            println!("REJECTED   {}: {reason}", line.dir.display())
                        }
                    }
                }
                println!(
                    "{} imported, {} already pooled, {} conflicts, {} rejected",
                    report.imported, report.already_imported, report.conflicts, report.rejected
                );
            }
            if report.rejected + report.conflicts > 0 {
                anyhow::bail!(
                    "{} ledger(s) rejected and {} conflict(s): see above",
                    report.rejected,
                    report.conflicts
                );
            }
        }
        PoolCommand::Report {
            from,
            to,
            by,
            format,
            out,
            force,
            pool: path,
        } => {
            let protected = crate::app::output::Protected::new(db);
            if let Some(file) = out {
                protected.check_file(file, crate::app::output::Writer::File, *force)?;
            }
            let path = pool_path(path)?;
            protected.check_database(&path)?;
            let pool = Pool::open(&path)?;
            let from = from.map(|d| d.to_string());
            let to = to.map(|d| d.to_string());
            if *format == Format::Xlsx && out.is_none() {
                anyhow::bail!("an XLSX report is a file: give --out FILE");
            }
            // A workbook is in the shop's language when --lang is not given (Kyrgyz without a shop here).
            let lang = match (*format, cli.lang_given) {
                (Format::Xlsx, None) if db.exists() => cli.sheet_lang(&crate::store::Store::open_existing(db)?)?,
                _ => cli.lang(),
            };
            let bytes = pool::report_in(&pool, *by, from.as_deref(), to.as_deref(), *format, lang)?;
            match out {
                Some(file) => crate::app::output::write_file(db, file, *force, &bytes)?,
                None => std::io::stdout().write_all(&bytes)?,
            }
        }
    }
    Ok(())
}
