//! `usta ledger …`: the daily ledger for the association.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, ledger};
use crate::domain::ledger::Dialect;
use chrono::NaiveDate;
use clap::{Subcommand, ValueHint};
use std::path::PathBuf;

/// What a command writes for spreadsheets: its CSV (or text) as always, or also an XLSX workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Write a closed business day's ledger (CSV files, ledger.json, MANIFEST) into DIR, and optionally one .tar.gz
    #[command(group(clap::ArgGroup::new("days").required(true).args(["date", "from"])))]
    Export {
        /// The business day, YYYY-MM-DD
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Every business day from this one (YYYY-MM-DD) to --to, each into its own folder DIR/YYYY-MM-DD
        #[arg(long, requires = "to", conflicts_with_all = ["archive", "all_registers"])]
        from: Option<NaiveDate>,
        /// The last day of --from's range, included
        #[arg(long, requires = "from")]
        to: Option<NaiveDate>,
        /// Folder to write into (created if needed; built beside it and swapped in whole)
        #[arg(long, value_hint = ValueHint::DirPath)]
        out: PathBuf,
        /// Also write the same files as one .tar.gz archive to send over a mobile connection
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        archive: Option<PathBuf>,
        /// Replace the export already in the folder
        #[arg(long)]
        force: bool,
        /// CSV dialect: excel-ru (`;`, decimal comma, UTF-8 BOM, for Excel/1C) or plain (`,` and dot)
        #[arg(long, default_value = "excel-ru")]
        dialect: Dialect,
        /// Export a day that is still open, marked provisional
        #[arg(long)]
        provisional: bool,
        /// xlsx: also write ledger.xlsx into the folder, a typed view of the same rows (not in the MANIFEST)
        #[arg(long, value_enum, default_value = "csv")]
        format: SheetFormat,
        /// At the back office: every register's day, one folder per register inside --out
        #[arg(long, conflicts_with = "archive")]
        all_registers: bool,
    },
    /// Check a ledger folder or .tar.gz archive: checksums, the MANIFEST's seal, and that every file agrees with
    /// ledger.json (in any format version this program has written)
    Verify {
        /// The ledger folder or archive
        dir: PathBuf,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &LedgerCommand) -> anyhow::Result<()> {
    match command {
        LedgerCommand::Export {
            from: Some(from),
            to: Some(to),
            out,
            dialect,
            provisional,
            force,
            format,
            ..
        } => {
            if *format == SheetFormat::Xlsx {
                ctx.lang = cli.sheet_lang(ctx.store)?;
            }
            let mut bar = super::progress::Bar::new(cli.json, "ledger export");
            let done = ledger::export_days(
                ctx,
                *from,
                *to,
                out,
                *dialect,
                *provisional,
                *force,
                *format == SheetFormat::Xlsx,
                &mut bar,
            )?;
            if cli.json {
                return print_json(&done);
            }
            for d in &done.days {
                println!("{}", written(d, out));
            }
            if !done.without_a_day.is_empty() {
                let days: Vec<String> = done.without_a_day.iter().map(|d| d.to_string()).collect();
                println!("no business day on {}", days.join(", "));
            }
        }
        LedgerCommand::Export {
            date: Some(date),
            out,
            dialect,
            provisional,
            force,
            all_registers: true,
            ..
        } => {
            let done = crate::app::sync::export_all_registers(ctx, *date, out, *dialect, *provisional, *force)?;
            if cli.json {
                return print_json(&done);
            }
            for r in &done.registers {
                println!("{}", written(r, out));
            }
            if !done.without_the_day.is_empty() {
                println!("no day {} at register(s) {}", done.day, done.without_the_day.join(", "));
            }
        }
        LedgerCommand::Export {
            date: Some(date),
            out,
            archive,
            dialect,
            provisional,
            force,
            format,
            all_registers: false,
            ..
        } => {
            if *format == SheetFormat::Xlsx {
                ctx.lang = cli.sheet_lang(ctx.store)?;
            }
            let done = ledger::export_with_view(
                ctx,
                *date,
                Some(out.as_path()),
                archive.as_deref(),
                *dialect,
                *provisional,
                *force,
                *format == SheetFormat::Xlsx,
            )?;
            if cli.json {
                return print_json(&done);
            }
            let places: Vec<String> = done
                .dir
                .iter()
                .chain(&done.archive)
                .map(|p| p.display().to_string())
                .collect();
            println!(
                "ledger of {} ({}{}) written to {}: {}",
                done.day,
                done.shop_id,
                if done.provisional { ", PROVISIONAL" } else { "" },
                places.join(" and "),
                done.files.join(", ")
            );
        }
        LedgerCommand::Export { .. } => anyhow::bail!("give --date DAY, or --from DAY and --to DAY"),
        LedgerCommand::Verify { dir } => verify(cli, dir)?,
    }
    Ok(())
}

/// One folder of an export of several (days or registers): `ledger of DAY (SHOP) written to DIR`.
fn written(e: &ledger::Exported, out: &std::path::Path) -> String {
    format!(
        "ledger of {} ({}{}) written to {}",
        e.day,
        e.shop_id,
        if e.provisional { ", PROVISIONAL" } else { "" },
        e.dir.as_deref().unwrap_or(out).display()
    )
}

/// `usta ledger verify DIR` needs no shop database: an association's accountant runs it on files alone.
pub fn verify(cli: &Cli, dir: &std::path::Path) -> anyhow::Result<()> {
    let v = ledger::verify(dir)?;
    if cli.json {
        return print_json(&serde_json::json!({
            "ok": true,
            "shop_id": v.manifest.shop_id,
            "day": v.manifest.day.to_string(),
            "provisional": v.manifest.provisional,
            "format": v.manifest.format.tag(),
            "journal_head": v.manifest.journal_head,
            "dialect": v.manifest.dialect.code(),
            "files": v.manifest.files.len(),
            "net": v.ledger.summary.net,
        }));
    }
    println!(
        "OK: ledger of {} for shop {}{}, {} files, journal head {}",
        v.manifest.day,
        v.manifest.shop_id,
        if v.manifest.provisional { " (PROVISIONAL)" } else { "" },
        v.manifest.files.len(),
        v.manifest.journal_head
    );
    Ok(())
}
