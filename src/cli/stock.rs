//! `usta stock …`

use super::Cli;
use super::output::{cell, print_json, product_json};
use crate::app::{Ctx, stock};
use clap::Subcommand;
use rust_decimal::Decimal;

#[derive(Debug, Subcommand)]
pub enum StockCommand {
    /// Receive goods: add QTY to the stock of the product with barcode CODE
    Receive {
        code: String,
        #[arg(value_parser = parse_qty)]
        qty: Decimal,
        /// Where the goods came from (artisan, delivery note)
        #[arg(long)]
        note: Option<String>,
    },
    /// Correct stock by QTY (negative takes away), with a reason
    Adjust {
        code: String,
        #[arg(value_parser = parse_qty, allow_hyphen_values = true)]
        qty: Decimal,
        /// Why: damaged, lost, found…
        #[arg(long)]
        reason: String,
    },
    /// Show stock on hand for one product or all
    Show { code: Option<String> },
}

pub fn parse_qty(s: &str) -> Result<Decimal, String> {
    crate::domain::limits::parse("quantity", s, crate::domain::limits::Bound::Qty).map_err(|e| e.to_string())
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &StockCommand) -> anyhow::Result<()> {
    let records = match command {
        StockCommand::Receive { code, qty, note } => {
            vec![stock::receive_stock(ctx, code, *qty, note.clone())?]
        }
        StockCommand::Adjust { code, qty, reason } => {
            vec![stock::adjust_stock(ctx, code, *qty, reason)?]
        }
        StockCommand::Show { code } => stock::show(ctx, code.as_deref())?,
    };
    let single = !matches!(command, StockCommand::Show { code: None });
    if cli.json {
        let values: Vec<_> = records.iter().map(|r| product_json(r, cli.lang)).collect();
        return match (single, values.first()) {
            (true, Some(v)) => print_json(v),
            _ => print_json(&values),
        };
    }
    for r in &records {
        let code = r.product.barcodes.first().map_or("-", |b| b.as_str());
        println!(
            "{}  {}  {:>8}",
            cell(code, 13),
            cell(r.product.names.get(cli.lang), 48),
            super::output::on_hand_cell(r, cli.lang)
        );
    }
    Ok(())
}
