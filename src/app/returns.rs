//! Taking goods back against a receipt.

use super::checkout::{self, find_receipt};
use super::{AppError, Ctx, Result};
use crate::domain::currency::Currency;
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::returns::ReturnReason;
use crate::domain::returns::{ReturnRequest, Returnable, plan};
use crate::domain::sale::Sale;
use crate::domain::user::Action;
use rust_decimal::Decimal;

/// Returns `items` (codes and quantities; everything left on the receipt when empty) from receipt `receipt_no`,
/// refunding through `refund`. Refused, with nothing written, when more would come back than was sold, and
/// without a manager when a cash refund is more than the drawer should hold.
pub fn return_items(
    ctx: &mut Ctx<'_>,
    receipt_no: i64,
    items: &[(String, Decimal)],
    refund: PaymentKind,
) -> Result<Sale> {
    return_items_because(ctx, receipt_no, items, refund, None)
}

/// The products of `items` on `original` (an empty list: everything left).
fn item_request(ctx: &Ctx<'_>, original: &Sale, items: &[(String, Decimal)]) -> Result<ReturnRequest> {
    Ok(if items.is_empty() {
        ReturnRequest::Whole
    } else {
        let mut wanted = Vec::new();
        for (code, qty) in items {
            let id = match original
                .lines
                .iter()
                .find(|l| l.barcode.as_deref() == Some(crate::domain::barcode::normalize(code).as_str()))
            {
                Some(line) => line.product_id,
                None => checkout::lookup(ctx, code)?
                    .product
                    .id
                    .ok_or_else(|| super::AppError::UnknownBarcode(code.clone()))?,
            };
            wanted.push((id, *qty));
        }
        ReturnRequest::Items(wanted)
    })
}

/// A receipt and what can still come back from each of its lines, for the returns screen.
pub fn lookup(ctx: &Ctx<'_>, receipt_no: i64) -> Result<(Sale, Vec<Returnable>)> {
    let original = find_receipt(ctx, receipt_no)?;
    if original.kind != crate::domain::sale::SaleKind::Sale {
        return Err(crate::domain::returns::ReturnError::NotASale.into());
    }
    let returnable = ctx.store.returnable(&original)?;
    Ok((original, returnable))
}

/// Returns picked quantities of particular lines of receipt `receipt_no`.
pub fn return_lines(ctx: &mut Ctx<'_>, receipt_no: i64, lines: &[(i64, Decimal)], refund: PaymentKind) -> Result<Sale> {
    return_lines_because(ctx, receipt_no, lines, refund, None)
}

/// [`return_lines`] with why the goods came back, stored with the return.
pub fn return_lines_because(
    ctx: &mut Ctx<'_>,
    receipt_no: i64,
    lines: &[(i64, Decimal)],
    refund: PaymentKind,
    reason: Option<&ReturnReason>,
) -> Result<Sale> {
    let wanted = |ctx: &Ctx<'_>| -> Result<(Sale, ReturnRequest)> {
        Ok((find_receipt(ctx, receipt_no)?, ReturnRequest::Lines(lines.to_vec())))
    };
    commit_return(ctx, wanted, refund, reason)
}

/// [`return_items`] with why the goods came back, stored with the return.
pub fn return_items_because(
    ctx: &mut Ctx<'_>,
    receipt_no: i64,
    items: &[(String, Decimal)],
    refund: PaymentKind,
    reason: Option<&ReturnReason>,
) -> Result<Sale> {
    let wanted = |ctx: &Ctx<'_>| -> Result<(Sale, ReturnRequest)> {
        let original = find_receipt(ctx, receipt_no)?;
        let request = item_request(ctx, &original, items)?;
        Ok((original, request))
    };
    commit_return(ctx, wanted, refund, reason)
}

/// The som the drawer should hold now: the open day's float, cash taken less change, cash refunds, cash in and
/// out and payouts. Zero when no day is open (the next sale or refund opens one with nothing counted in).
pub fn cash_in_drawer(ctx: &Ctx<'_>) -> Result<Som> {
    let Some(open) = ctx.store.open_day_record()? else {
        return Ok(Som::ZERO);
    };
    let facts = ctx.store.day_facts(open.day)?;
    Ok(Som::new(
        facts
            .cash
            .iter()
            .find(|(currency, _)| *currency == Currency::Kgs)
            .map_or(Decimal::ZERO, |(_, flow)| flow.expected()),
    ))
}

/// Cash the return hands out.
fn cash_refund(ret: &Sale) -> Som {
    ret.payments
        .iter()
        .filter(|p| p.kind == PaymentKind::Cash)
        .map(|p| p.applied)
        .sum()
}

/// A cash refund beyond what the drawer should hold needs a manager; the refusal gives both amounts.
fn check_drawer(ctx: &mut Ctx<'_>, ret: &Sale) -> Result<()> {
    let refund = cash_refund(ret);
    if refund.is_zero() {
        return Ok(());
    }
    let drawer = cash_in_drawer(ctx)?;
    if refund <= drawer {
        return Ok(());
    }
    super::users::authorize(ctx, Action::CashRefundOverDrawer).map_err(|e| match e {
        AppError::NotAllowed { role, .. } => AppError::RefundOverDrawer { refund, drawer, role },
        other => other,
    })
}

/// Plans the return `wanted` names, checks who may make it, and commits it with what follows.
fn commit_return(
    ctx: &mut Ctx<'_>,
    wanted: impl Fn(&Ctx<'_>) -> Result<(Sale, ReturnRequest)>,
    refund: PaymentKind,
    reason: Option<&ReturnReason>,
) -> Result<Sale> {
    let planned = |ctx: &Ctx<'_>| -> Result<(Sale, Sale)> {
        let (original, request) = wanted(ctx)?;
        let returnable = ctx.store.returnable(&original)?;
        let tax = ctx.store.tax_config()?;
        let register = ctx.store.register_id()?;
        let ret = plan(&original, &returnable, &request, refund, &tax, &register, ctx.now)?;
        Ok((original, ret))
    };
    if let Err(refused) = super::users::authorize(ctx, Action::Return) {
        // Someone who may not return alone is told when the refund also empties the drawer, with the amounts,
        // so the manager asked to approve knows what she approves.
        if let Ok((_, ret)) = planned(ctx)
            && let Err(over @ AppError::RefundOverDrawer { .. }) = check_drawer(ctx, &ret)
        {
            return Err(over);
        }
        return Err(refused);
    }
    let (original, mut ret) = planned(ctx)?;
    check_drawer(ctx, &ret)?;
    let user = super::users::recorded_name(ctx);
    // Like a checkout: the return, its refund and, with an in-process register, its fiscal registration and the reason in one
    // transaction (one fsync); a register over the wire registers it after the commit.
    super::fiscal::commit_registered(ctx, &mut ret, user.as_deref(), reason)?;
    // The tax-free form of the original sale, voided or reissued for the goods kept.
    super::taxfree::after_return(ctx, &original, &ret)?;
    Ok(ret)
}

/// Reads a receipt number as typed or scanned: `12`, or the receipt's own barcode `R1-12`.
pub fn parse_receipt_ref(text: &str) -> Option<i64> {
    let t = text.trim();
    let number = t.rsplit_once('-').map_or(t, |(_, n)| n);
    number.parse().ok().filter(|n: &i64| *n > 0)
}
