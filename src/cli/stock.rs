//! `usta stock …`

use super::Cli;
use super::output::{cell, print_json, product_json};
use crate::app::{Ctx, locations, stock};
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
    /// Send QTY of CODE to another location of the cooperative: it leaves here now, and joins the other
    /// location's stock when that location confirms it (`usta stock confirm`)
    Transfer {
        code: String,
        #[arg(value_parser = parse_qty)]
        qty: Decimal,
        /// The receiving location, as the back office names it
        #[arg(long, value_name = "LOCATION")]
        to: String,
    },
    /// Transfers on their way from or to this location (at the back office: the whole cooperative's)
    Transfers {
        /// Also those already confirmed
        #[arg(long)]
        all: bool,
    },
    /// Confirm that the goods of a transfer arrived here (its id, e.g. R1-3): they join this location's stock
    Confirm { transfer: String },
    /// Goods the cooperative sold more of than it had (one-of-a-kind items sold at two tills while apart)
    Conflicts,
    /// Settle a stock conflict at the back office: the adjustment that brings it back to zero, with the reason
    Resolve {
        code: String,
        #[arg(long)]
        reason: String,
    },
}

pub fn parse_qty(s: &str) -> Result<Decimal, String> {
    crate::domain::limits::parse("quantity", s, crate::domain::limits::Bound::Qty).map_err(|e| e.to_string())
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &StockCommand) -> anyhow::Result<()> {
    let records = match command {
        StockCommand::Transfer { code, qty, to } => {
            let sent = locations::transfer(ctx, code, *qty, to)?;
            return transfers_out(cli, &[sent], true);
        }
        StockCommand::Confirm { transfer } => {
            let got = locations::confirm(ctx, transfer)?;
            return transfers_out(cli, &[got], true);
        }
        StockCommand::Transfers { all } => {
            let mut rows = locations::transfers(ctx.store)?;
            rows.retain(|t| *all || t.on_its_way());
            return transfers_out(cli, &rows, false);
        }
        StockCommand::Conflicts => return conflicts_out(cli, &locations::conflicts(ctx.store)?),
        StockCommand::Resolve { code, reason } => vec![locations::resolve(ctx, code, reason)?],
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
        let values: Vec<_> = records.iter().map(|r| product_json(r, cli.lang())).collect();
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
            cell(r.product.names.get(cli.lang()), 48),
            super::output::on_hand_cell(r, cli.lang())
        );
    }
    Ok(())
}

fn transfers_out(cli: &Cli, rows: &[locations::TransferRow], single: bool) -> anyhow::Result<()> {
    if cli.json {
        return match (single, rows.first()) {
            (true, Some(row)) => print_json(row),
            _ => print_json(&rows),
        };
    }
    if rows.is_empty() {
        println!("no transfers on their way");
    }
    for r in rows {
        let t = &r.transfer;
        let state = match (&t.received_by, &t.received_at) {
            (Some(by), Some(at)) => format!("confirmed by {by} at {at}"),
            _ => "on its way".to_string(),
        };
        println!(
            "{:<8} {}  {}  {:>6}  {} → {}  sent {}  {state}",
            t.id,
            cell(r.barcode.as_deref().unwrap_or("-"), 13),
            cell(&r.name, 32),
            t.qty,
            t.from,
            t.to,
            t.sent_at
        );
    }
    Ok(())
}

fn conflicts_out(cli: &Cli, conflicts: &[locations::Conflict]) -> anyhow::Result<()> {
    if cli.json {
        return print_json(&conflicts);
    }
    if conflicts.is_empty() {
        println!("no stock conflicts: no product is below zero across the cooperative");
    }
    for c in conflicts {
        let places: Vec<String> = c.stock.by_location.iter().map(|(l, q)| format!("{l} {q}")).collect();
        println!(
            "{}  {}  total {}  ({})",
            cell(c.stock.barcode.as_deref().unwrap_or("-"), 13),
            cell(&c.stock.name, 32),
            c.stock.total,
            places.join(", ")
        );
        for s in &c.sold {
            println!(
                "    sold {} at register {} receipt {} at {}",
                s.qty, s.register, s.receipt_no, s.at
            );
        }
    }
    if !conflicts.is_empty() {
        println!("settle each with `usta stock resolve CODE --reason TEXT` (or `usta stock adjust`)");
    }
    Ok(())
}
