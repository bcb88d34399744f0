//! `usta report …`: the Reports screen's figures on the command line, for a manager.

use super::Cli;
use super::output::{print_json, quantity};
use crate::app::Ctx;
use crate::app::reports::{self, Period, Range, SalesReport};
use crate::domain::money::Som;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Sales over a range of business days: best sellers (with cost and margin where known), by cashier or by
    /// payment kind. Without --from/--to/--period: today's business day (the open day)
    Sales {
        /// First business day, YYYY-MM-DD
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last business day, YYYY-MM-DD [default: --from, or today]
        #[arg(long)]
        to: Option<NaiveDate>,
        /// A range from the business day: today, yesterday, week (from Monday), month (from the 1st)
        #[arg(long, conflicts_with_all = ["from", "to"])]
        period: Option<Period>,
        /// What to list
        #[arg(long, value_enum, default_value = "product")]
        by: By,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// The best sellers: quantity, revenue, cost and margin
    Product,
    /// Receipts and takings per cashier
    Cashier,
    /// Takings and refunds per payment kind: cash, card, QR
    Payment,
    /// Returns by reason: defective, wrong size, changed mind, other (none: not said)
    Reason,
}

fn range(
    ctx: &Ctx<'_>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    period: Option<Period>,
) -> anyhow::Result<Range> {
    let today = reports::business_today(ctx)?;
    Ok(match (from, to) {
        (None, None) => period.unwrap_or(Period::Today).range(today),
        (Some(from), to) => Range {
            from,
            to: to.unwrap_or(today.max(from)),
        },
        (None, Some(to)) => Range { from: to, to },
    })
}

fn cost_text(cost: Option<Som>) -> String {
    cost.map_or_else(|| "no cost".to_string(), |c| c.plain())
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &ReportCommand) -> anyhow::Result<()> {
    let ReportCommand::Sales { from, to, period, by } = command;
    let range = range(ctx, *from, *to, *period)?;
    let report = reports::sales(ctx, range)?;
    if cli.json {
        return print_json(&as_json(&report, *by));
    }
    println!("sales {} .. {}", range.from, range.to);
    match by {
        By::Product => {
            println!(
                "{:<32} {:>8} {:>14} {:>14} {:>14}",
                "product", "qty", "revenue", "cost", "margin"
            );
            for p in &report.products {
                println!(
                    "{:<32} {:>8} {:>14} {:>14} {:>14}",
                    p.name,
                    p.qty.normalize(),
                    p.revenue.plain(),
                    cost_text(p.cost),
                    cost_text(p.margin)
                );
            }
            println!("revenue {}", report.revenue.plain());
            if report.costs_shown {
                println!(
                    "cost {} · margin {} on {} of revenue; {} product(s) have no cost",
                    report.cost.plain(),
                    report.margin.plain(),
                    report.costed_revenue.plain(),
                    report.uncosted
                );
            }
        }
        By::Cashier => {
            println!(
                "{:<24} {:>6} {:>14} {:>8} {:>14} {:>14}",
                "cashier", "sales", "takings", "returns", "refunded", "net"
            );
            for c in &report.cashiers {
                println!(
                    "{:<24} {:>6} {:>14} {:>8} {:>14} {:>14}",
                    if c.cashier.is_empty() { "—" } else { &c.cashier },
                    c.sales,
                    c.sales_total.plain(),
                    c.returns,
                    c.returns_total.plain(),
                    c.net.plain()
                );
            }
        }
        By::Reason => {
            println!("{:<14} {:>8} {:>14}", "reason", "returns", "refunded");
            for r in &report.reasons {
                println!(
                    "{:<14} {:>8} {:>14}",
                    r.reason.map_or("none", |k| k.code()),
                    r.returns,
                    r.refunded.plain()
                );
            }
        }
        By::Payment => {
            println!("{:<8} {:>14} {:>14} {:>14}", "kind", "takings", "refunded", "net");
            for p in &report.payments {
                println!(
                    "{:<8} {:>14} {:>14} {:>14}",
                    p.kind.code(),
                    p.sales.plain(),
                    p.refunds.plain(),
                    p.net.plain()
                );
            }
        }
    }
    Ok(())
}

fn as_json(r: &SalesReport, by: By) -> serde_json::Value {
    let money = |s: Som| s.plain();
    let opt = |s: Option<Som>| s.map(|s| s.plain());
    let rows: Vec<serde_json::Value> = match by {
        By::Product => r
            .products
            .iter()
            .map(|p| {
                json!({
                    "product_id": p.product_id,
                    "name": p.name,
                    "qty": quantity(p.qty),
                    "revenue": money(p.revenue),
                    "cost": opt(p.cost),
                    "margin": opt(p.margin),
                })
            })
            .collect(),
        By::Cashier => r
            .cashiers
            .iter()
            .map(|c| {
                json!({
                    "cashier": c.cashier,
                    "sales": c.sales,
                    "sales_total": money(c.sales_total),
                    "returns": c.returns,
                    "returns_total": money(c.returns_total),
                    "net": money(c.net),
                })
            })
            .collect(),
        By::Payment => r
            .payments
            .iter()
            .map(|p| {
                json!({
                    "kind": p.kind.code(),
                    "sales": money(p.sales),
                    "refunds": money(p.refunds),
                    "net": money(p.net),
                })
            })
            .collect(),
        By::Reason => r
            .reasons
            .iter()
            .map(|x| {
                json!({
                    "reason": x.reason.map(|k| k.code()),
                    "returns": x.returns,
                    "refunded": money(x.refunded),
                })
            })
            .collect(),
    };
    let mut out = json!({
        "from": r.range.from.to_string(),
        "to": r.range.to.to_string(),
        "revenue": money(r.revenue),
        "rows": rows,
    });
    if r.costs_shown {
        out["cost"] = json!(money(r.cost));
        out["margin"] = json!(money(r.margin));
        out["costed_revenue"] = json!(money(r.costed_revenue));
        out["uncosted"] = json!(r.uncosted);
    }
    out
}
