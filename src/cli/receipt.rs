//! `usta receipt …`

use super::Cli;
use super::output::{print_json, sale_json};
use super::printer::{PrinterChoice, run_queue};
use crate::app::{Ctx, checkout, printing, receipt_text};
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
    /// Print a receipt on the receipt printer; a receipt printed before comes out marked COPY
    Print {
        receipt_no: i64,
        #[command(flatten)]
        choice: PrinterChoice,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &ReceiptCommand) -> anyhow::Result<()> {
    match command {
        ReceiptCommand::Show { receipt_no, width } => {
            let sale = checkout::find_receipt(ctx, *receipt_no)?;
            if cli.json {
                return print_json(&sale_json(&sale, cli.lang()));
            }
            let mut doc = checkout::receipt(ctx, &sale)?;
            doc.copy = true;
            print!("{}", receipt_text::render(&doc, *width));
            Ok(())
        }
        ReceiptCommand::Print { receipt_no, choice } => {
            let sale = checkout::find_receipt(ctx, *receipt_no)?;
            let id = sale
                .id
                .ok_or_else(|| anyhow::anyhow!("receipt {receipt_no} has no id"))?;
            let job = printing::enqueue_receipt(ctx, id)?;
            run_queue(cli, ctx, choice, Some(&[job])).map(|_| ())
        }
    }
}
