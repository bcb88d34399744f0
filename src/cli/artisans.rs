//! `usta artisans …`: statements over a period and cash payouts to consignment artisans.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, artisan_text, artisans};
use crate::domain::ledger::Dialect;
use crate::domain::money::Som;
use chrono::NaiveDate;
use clap::{Subcommand, ValueHint};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ArtisansCommand {
    /// What each artisan sold, got back, earned after commission, was paid and is still owed over a period
    Statement {
        /// First business day, YYYY-MM-DD
        #[arg(long)]
        from: NaiveDate,
        /// Last business day, YYYY-MM-DD
        #[arg(long)]
        to: NaiveDate,
        /// Only this artisan (code, e.g. A01)
        #[arg(long)]
        artisan: Option<String>,
        /// Also write the statements as CSV to FILE
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        csv: Option<PathBuf>,
        /// Also write the statements as an XLSX workbook to FILE (typed cells, sums row)
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        xlsx: Option<PathBuf>,
        /// Replace the --csv or --xlsx FILE if it exists (never a database)
        #[arg(long)]
        force: bool,
        /// CSV dialect: excel-ru or plain
        #[arg(long, default_value = "excel-ru")]
        dialect: Dialect,
        /// Print each statement on the receipt printer (in the interface language; Kyrgyz by default)
        #[arg(long)]
        print: bool,
        #[command(flatten)]
        choice: super::printer::PrinterChoice,
    },
    /// Pay an artisan AMOUNT som in cash from the drawer; prints a payout slip with the statement
    Pay {
        /// Artisan code, e.g. A01
        id: String,
        /// Som, e.g. 3500 or 3500,50
        #[arg(value_parser = parse_som)]
        amount: Som,
        /// A note for the books
        #[arg(long, default_value = "")]
        note: String,
    },
}

fn parse_som(s: &str) -> Result<Som, String> {
    Som::parse_for("payout", s, crate::domain::limits::Bound::Line).map_err(|e| e.to_string())
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &ArtisansCommand) -> anyhow::Result<()> {
    match command {
        ArtisansCommand::Statement {
            from,
            to,
            artisan,
            csv,
            xlsx,
            force,
            dialect,
            print,
            choice,
        } => {
            let db = ctx.store.path().to_path_buf();
            for path in csv.iter().chain(xlsx) {
                // Refused before anything is printed, so a bad path costs no paper.
                crate::app::output::Protected::new(&db).check_file(path, crate::app::output::Writer::File, *force)?;
            }
            let rows = artisans::statements(ctx, *from, *to, artisan.as_deref())?;
            if *print {
                let target = crate::app::printing::target(ctx, choice.printer.as_deref(), choice.profile.as_deref())?;
                for s in &rows {
                    let blocks = artisan_text::statement_blocks(s, *from, *to, cli.lang());
                    crate::app::printing::print_now(&target, &blocks)?;
                }
                eprintln!("Printed {} statement(s) on {}.", rows.len(), target.uri);
            }
            if let Some(path) = csv {
                let bytes = artisans::statements_csv(&rows, *from, *to, *dialect)?;
                crate::app::output::write_file(&db, path, *force, &bytes)?;
            }
            if let Some(path) = xlsx {
                let lang = std::mem::replace(&mut ctx.lang, cli.sheet_lang(ctx.store)?);
                let bytes = artisans::statements_xlsx(ctx, &rows, *from, *to);
                ctx.lang = lang;
                let bytes = bytes?;
                crate::app::output::write_file(&db, path, *force, &bytes)?;
            }
            if cli.json {
                return print_json(&rows);
            }
            for s in &rows {
                let blocks = artisan_text::statement_blocks(s, *from, *to, cli.lang());
                println!("{}", usta_printer::render_text(&blocks, 48));
            }
        }
        ArtisansCommand::Pay { id, amount, note } => {
            let paid = artisans::pay(ctx, id, *amount, note)?;
            if cli.json {
                return print_json(&paid);
            }
            println!(
                "paid {} som to {} (payout {}, business day {}); still owed {} som; slip queued (job {})",
                paid.payout.amount.plain(),
                paid.payout.artisan,
                paid.payout.id,
                paid.payout.day,
                paid.balance_after.plain(),
                paid.print_job
            );
        }
    }
    Ok(())
}
