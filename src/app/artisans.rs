//! Artisan statements and payouts for the cooperative manager.

use super::{Ctx, Result};
use crate::domain::artisan::{ArtisanTotals, Statement, statement, totals};
use crate::domain::ledger::Dialect;
use crate::domain::money::Som;
use crate::store::PayoutRecord;
use crate::store::printing::JobKind;
use chrono::{Datelike, NaiveDate};

/// Name of the payout slip (with the artisan's statement) in the print queue.
pub const PAYOUT: &str = "payout";

/// Statements over business days `from..=to`, one per artisan (or just `artisan`), ordered by code.
pub fn statements(ctx: &Ctx<'_>, from: NaiveDate, to: NaiveDate, artisan: Option<&str>) -> Result<Vec<Statement>> {
    if from > to {
        return Err(super::input::InputProblem::PeriodReversed {
            from: from.to_string(),
            to: to.to_string(),
        }
        .into());
    }
    let artisans = ctx.store.artisans()?;
    if let Some(code) = artisan
        && !artisans.iter().any(|a| a.code == code)
    {
        return Err(super::input::InputProblem::NoArtisan { code: code.to_string() }.into());
    }
    let before = from.pred_opt();
    let mut out = Vec::new();
    for a in artisans.iter().filter(|a| artisan.is_none_or(|c| c == a.code)) {
        let period = totals(&ctx.store.artisan_lines(Some(from), to, Some(&a.code))?)
            .into_iter()
            .next()
            .unwrap_or_else(|| ArtisanTotals {
                artisan: a.code.clone(),
                ..ArtisanTotals::default()
            });
        let brought_forward = match before {
            Some(before) => {
                let earned: Som = totals(&ctx.store.artisan_lines(None, before, Some(&a.code))?)
                    .iter()
                    .map(|t| t.owed)
                    .sum();
                earned - ctx.store.paid_to(&a.code, None, before)?
            }
            None => Som::ZERO,
        };
        let paid = ctx.store.paid_to(&a.code, Some(from), to)?;
        out.push(statement(&a.name, period, brought_forward, paid));
    }
    Ok(out)
}

/// What the artisan is owed now: everything earned less everything paid, up to today.
pub fn balance(ctx: &Ctx<'_>, code: &str) -> Result<Som> {
    let today = ctx
        .now
        .date_naive()
        .max(ctx.store.open_day_record()?.map_or(ctx.now.date_naive(), |d| d.day));
    let all = statements(ctx, NaiveDate::MIN, today, Some(code))?;
    Ok(all.first().map_or(Som::ZERO, |s| s.balance))
}

/// A payout and the balance it leaves.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Paid {
    pub payout: PayoutRecord,
    pub balance_after: Som,
    pub print_job: i64,
}

/// Pays an artisan in cash from the drawer. Refused when it would pay more than the artisan is owed (an advance
/// is not a payout: record it as cash out with a reason). Queues the payout slip for printing.
pub fn pay(ctx: &mut Ctx<'_>, code: &str, amount: Som, note: &str) -> Result<Paid> {
    super::users::authorize(ctx, crate::domain::user::Action::ArtisanPayout)?;
    crate::domain::limits::check("payout", amount.amount(), crate::domain::limits::Bound::Line)
        .map_err(super::input::InputProblem::from)?;
    if !amount.is_positive() {
        return Err(super::input::InputProblem::PayoutNotPositive {
            amount: amount.to_string(),
        }
        .into());
    }
    let paid_before = ctx.store.paid_to(
        code,
        None,
        NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX),
    )?;
    let owed = balance(ctx, code)?;
    if amount > owed {
        return Err(super::input::InputProblem::Overpay {
            code: code.to_string(),
            owed: owed.plain(),
            amount: amount.plain(),
        }
        .into());
    }
    let payout = ctx.store.record_payout(&ctx.now, code, amount, note, paid_before)?;
    let stamp = ctx.stamp();
    let print_job = ctx.store.enqueue_print(
        JobKind::Document {
            name: PAYOUT,
            ref_id: payout.id,
            copy: false,
        },
        &stamp,
    )?;
    Ok(Paid {
        balance_after: owed - amount,
        payout,
        print_job,
    })
}

/// The statement a payout slip shows: the payout's month up to its day.
pub fn payout_statement(ctx: &Ctx<'_>, payout_id: i64) -> Result<(PayoutRecord, Statement)> {
    let payout = ctx
        .store
        .payout(payout_id)?
        .ok_or(super::input::InputProblem::PayoutGone { id: payout_id })?;
    let from = payout.day.with_day(1).unwrap_or(payout.day);
    let s = statements(ctx, from, payout.day, Some(&payout.artisan))?
        .into_iter()
        .next()
        .ok_or_else(|| super::input::InputProblem::ArtisanGone {
            code: payout.artisan.clone(),
        })?;
    Ok((payout, s))
}

/// Statements as an XLSX workbook in the context's language, stamped with the period's last day.
pub fn statements_xlsx(ctx: &Ctx<'_>, rows: &[Statement], from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
    let sheets = crate::domain::sheet::statements(rows, from, to);
    super::xlsx::workbook(&sheets, ctx.lang, to.and_time(chrono::NaiveTime::MIN))
}

/// Statements as CSV in a dialect (for Excel/1C or machines).
pub fn statements_csv(rows: &[Statement], from: NaiveDate, to: NaiveDate, dialect: Dialect) -> Result<Vec<u8>> {
    let header = crate::domain::sheet::STATEMENT_COLUMNS;
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            let t = &s.totals;
            vec![
                s.artisan.clone(),
                s.name.clone(),
                from.to_string(),
                to.to_string(),
                dialect.number(t.items_sold.normalize()),
                dialect.number(t.items_returned.normalize()),
                dialect.money(t.sales),
                dialect.money(t.returns),
                dialect.money(t.gross),
                dialect.money(t.commission),
                dialect.money(t.owed),
                dialect.money(s.brought_forward),
                dialect.money(s.already_paid),
                dialect.money(s.balance),
            ]
        })
        .collect();
    super::ledger::dialect_csv(dialect, &header, &lines).map_err(|e| {
        super::input::InputProblem::NotWritten {
            what: super::input::Document::Statement,
            reason: e.to_string(),
        }
        .into()
    })
}
