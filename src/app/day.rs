//! The business day: open with a float, cash in and out, the X report, and the close with the cash count, the
//! stored Z report and its printout.

use super::{AppError, Ctx, Result};
use crate::domain::currency::Money;
use crate::domain::day::{CashMoveKind, DayReport, ReportKind, report};
use crate::store::DayRecord;
use crate::store::printing::JobKind;
use chrono::NaiveDate;

/// Name of the Z report in the print queue (`store::printing::DOCUMENTS`).
pub const ZREPORT: &str = "zreport";

/// An X or Z report as an XLSX workbook in the context's language: summary, tax per rate, drawer.
pub fn report_xlsx(ctx: &Ctx<'_>, report: &DayReport) -> Result<Vec<u8>> {
    let sheets = crate::domain::sheet::day_report(report);
    super::xlsx::workbook(&sheets, ctx.lang, super::xlsx::stamp(&report.at))
}

/// Opens the next business day with the float counted into the drawer.
pub fn open(ctx: &mut Ctx<'_>, floats: &[Money]) -> Result<DayRecord> {
    for m in floats {
        crate::domain::day::check_cash("float", *m)?;
    }
    Ok(ctx.store.open_day(&ctx.now, floats)?)
}

/// The open day, if any.
/// The preference that hides the expected cash on the Day screen until the count is entered, so the count is
/// what is in the drawer and not what the screen said should be.
const BLIND_COUNT: &str = "blind_count";

/// Whether the cashier counts blind (off unless a manager turned it on).
pub fn blind_count(ctx: &Ctx<'_>) -> Result<bool> {
    Ok(ctx.store.setting::<bool>(BLIND_COUNT)?.unwrap_or(false))
}

/// Turns the blind count on or off: a manager's choice, like the close itself.
pub fn set_blind_count(ctx: &mut Ctx<'_>, on: bool) -> Result<bool> {
    super::users::authorize(ctx, crate::domain::user::Action::DayClose)?;
    ctx.store.set_setting(BLIND_COUNT, &on)?;
    Ok(on)
}

pub fn current(ctx: &Ctx<'_>) -> Result<Option<DayRecord>> {
    Ok(ctx.store.open_day_record()?)
}

/// Puts cash into the drawer (`In`) or takes it out (`Out`) with a reason; opens the day if none is open.
pub fn cash(ctx: &mut Ctx<'_>, kind: CashMoveKind, money: Money, reason: &str) -> Result<NaiveDate> {
    if !matches!(kind, CashMoveKind::In | CashMoveKind::Out) {
        return Err(super::input::InputProblem::CashMoveKind.into());
    }
    if reason.trim().is_empty() {
        return Err(super::input::InputProblem::CashMoveReason.into());
    }
    let field = if kind == CashMoveKind::In {
        "cash in"
    } else {
        "cash out"
    };
    crate::domain::day::check_cash(field, money)?;
    if money.amount <= rust_decimal::Decimal::ZERO {
        return Err(super::input::InputProblem::NotPositive {
            amount: money.to_string(),
        }
        .into());
    }
    if kind == CashMoveKind::Out {
        super::users::authorize(ctx, crate::domain::user::Action::CashOut)?;
    }
    Ok(ctx.store.cash_move(&ctx.now, kind, money, reason.trim())?)
}

/// The X report of the open day: the same figures as the Z report would show now, with nothing written.
pub fn x_report(ctx: &Ctx<'_>) -> Result<DayReport> {
    let open = ctx.store.open_day_record()?.ok_or(AppError::NoOpenDay)?;
    let facts = ctx.store.day_facts(open.day)?;
    let register = ctx.store.register_id()?;
    Ok(report(
        ReportKind::X,
        open.day,
        &register,
        &open.opened_at,
        &ctx.stamp(),
        &facts,
        None,
    ))
}

/// What closing a day gives back.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Closed {
    pub report: DayReport,
    /// The stored report's row, for reprints.
    pub close_id: i64,
    /// The queued Z report printout.
    pub print_job: i64,
    pub journal_head: String,
}

/// Closes the open day with the cash counted per currency: stores the Z report with the journal head, and
/// queues its printout. After this, sales go to the next day. It returns as soon as the Z report is committed:
/// the closed day's backup ([`super::backup::automatic`]) comes after, and its failure never fails the close.
pub fn close(ctx: &mut Ctx<'_>, counts: &[Money]) -> Result<Closed> {
    super::users::authorize(ctx, crate::domain::user::Action::DayClose)?;
    for m in counts {
        crate::domain::day::check_cash("counted cash", *m)?;
    }
    let register = ctx.store.register_id()?;
    let (close_id, report) = ctx.store.close_day(&ctx.now, &register, counts)?;
    let journal_head = ctx
        .store
        .day_record(report.day)?
        .and_then(|d| d.journal_head)
        .unwrap_or_default();
    let stamp = ctx.stamp();
    let print_job = ctx.store.enqueue_print(
        JobKind::Document {
            name: ZREPORT,
            ref_id: close_id,
            copy: false,
        },
        &stamp,
    )?;
    Ok(Closed {
        report,
        close_id,
        print_job,
        journal_head,
    })
}

/// The stored Z report of a closed day.
pub fn z_report(ctx: &Ctx<'_>, day: NaiveDate) -> Result<DayReport> {
    let record = ctx
        .store
        .day_record(day)?
        .ok_or_else(|| super::input::InputProblem::NoDay { day: day.to_string() })?;
    let id = record
        .close_id
        .ok_or_else(|| super::input::InputProblem::DayStillOpen { day: day.to_string() })?;
    ctx.store
        .z_report(id)?
        .ok_or_else(|| super::input::InputProblem::NoZReport { day: day.to_string() }.into())
}
