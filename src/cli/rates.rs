//! `usta rates …`: the National Bank's rates, imported from its XML files (or their web address) and listed.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, rates};
use crate::store::rates::RatesImported;
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum RatesCommand {
    /// Import the National Bank's daily.xml or weekly.xml from a file or a web address (new dated set; never
    /// overwrites an earlier one)
    Import {
        /// A file, or a web address such as https://www.nbkr.kg/XML/daily.xml
        source: String,
    },
    /// The imported rates in force on a day (each currency's latest set dated on or before it)
    List {
        /// The day, YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<NaiveDate>,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &RatesCommand) -> anyhow::Result<()> {
    match command {
        RatesCommand::Import { source } => {
            let done = rates::import(ctx, source)?;
            if cli.json {
                return print_json(&done);
            }
            match done.result {
                RatesImported::Added { import_id, currencies } => println!(
                    "imported {currencies} rates of {} from {} (set {import_id}): {}",
                    done.date,
                    done.source,
                    done.currencies.join(", ")
                ),
                RatesImported::Unchanged { import_id } => println!(
                    "unchanged: the rates of {} in {} are already imported (set {import_id})",
                    done.date, done.source
                ),
            }
        }
        RatesCommand::List { date } => {
            let day = date.unwrap_or_else(|| ctx.now.date_naive());
            let list = rates::list(ctx, day)?;
            if cli.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("no imported rates on or before {day}");
            }
            for r in &list {
                println!(
                    "{}  {:>5} = {:>10} som  ({} som per unit)  of {}  from {}",
                    r.currency, r.nominal, r.value, r.som_per_unit, r.date, r.source
                );
            }
        }
    }
    Ok(())
}
