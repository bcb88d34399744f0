//! `usta receipt …`

use super::Cli;
use super::output::{print_json, sale_json};
use crate::app::{Ctx, checkout, receipt_text};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Show a stored receipt (sale or return) as it prints
    Show {
        receipt_no: i64,
        /// Characters per line: 32 for 58 mm paper, 48 for 80 mm
        #[arg(long, default_value_t = 48)]
        width: usize,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &ReceiptCommand) -> anyhow::Result<()> {
    match command {
        ReceiptCommand::Show { receipt_no, width } => {
            let sale = checkout::find_receipt(ctx, *receipt_no)?;
            if cli.json {
                return print_json(&sale_json(&sale, cli.lang));
            }
            let mut doc = checkout::receipt(ctx, &sale)?;
            doc.copy = true;
            print!("{}", receipt_text::render(&doc, *width));
            Ok(())
        }
    }
}
