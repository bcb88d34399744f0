//! `usta till join`: make this PC a till of a back office.

use super::Cli;
use super::output::print_json;
use clap::Subcommand;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum TillCommand {
    /// Create this till's database (--db) from the back office at URL (https://HOST:PORT), with the manager's code
    Join {
        url: String,
        #[arg(long)]
        code: String,
    },
}

pub fn run(cli: &Cli, db: &Path, command: &TillCommand) -> anyhow::Result<()> {
    match command {
        TillCommand::Join { url, code } => {
            let at = super::shop_now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let joined = crate::app::sync::join(db, url, code, &at)?;
            if cli.json {
                return print_json(&joined);
            }
            println!(
                "{} is till {} at {}, joined to {url}: {} rows of catalog, users and settings taken",
                db.display(),
                joined.register,
                joined.location,
                joined.master_rows
            );
            Ok(())
        }
    }
}
