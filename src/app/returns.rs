//! Taking goods back against a receipt.

use super::checkout::{self, find_receipt};
use super::{Ctx, Result};
use crate::domain::payment::PaymentKind;
use crate::domain::returns::{ReturnRequest, Returnable, plan};
use crate::domain::sale::Sale;
use rust_decimal::Decimal;

/// Returns `items` (codes and quantities; everything left on the receipt when empty) from receipt `receipt_no`,
/// refunding through `refund`. Refused, with nothing written, when more would come back than was sold.
pub fn return_items(
    ctx: &mut Ctx<'_>,
    receipt_no: i64,
    items: &[(String, Decimal)],
    refund: PaymentKind,
) -> Result<Sale> {
    super::users::authorize(ctx, crate::domain::user::Action::Return)?;
    let original = find_receipt(ctx, receipt_no)?;
    let request = if items.is_empty() {
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
    };
    let returnable = ctx.store.returnable(&original)?;
    let tax = ctx.store.tax_config()?;
    let register = ctx.store.register_id()?;
    let mut ret = plan(&original, &returnable, &request, refund, &tax, &register, ctx.now)?;
    let user = super::users::recorded_name(ctx);
    ctx.store.commit_sale_by(&mut ret, user.as_deref())?;
    after_return(ctx, &original, &ret)?;
    Ok(ret)
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
    super::users::authorize(ctx, crate::domain::user::Action::Return)?;
    let original = find_receipt(ctx, receipt_no)?;
    let returnable = ctx.store.returnable(&original)?;
    let tax = ctx.store.tax_config()?;
    let register = ctx.store.register_id()?;
    let request = ReturnRequest::Lines(lines.to_vec());
    let mut ret = plan(&original, &returnable, &request, refund, &tax, &register, ctx.now)?;
    let user = super::users::recorded_name(ctx);
    ctx.store.commit_sale_by(&mut ret, user.as_deref())?;
    after_return(ctx, &original, &ret)?;
    Ok(ret)
}

/// What follows a committed return: its fiscal registration (which never fails the return) and the tax-free
/// form of the original sale, voided or reissued for the goods kept.
fn after_return(ctx: &mut Ctx<'_>, original: &Sale, ret: &Sale) -> Result<()> {
    super::fiscal::after_commit(ctx, ret);
    super::taxfree::after_return(ctx, original, ret)?;
    Ok(())
}

/// Reads a receipt number as typed or scanned: `12`, or the receipt's own barcode `R1-12`.
pub fn parse_receipt_ref(text: &str) -> Option<i64> {
    let t = text.trim();
    let number = t.rsplit_once('-').map_or(t, |(_, n)| n);
    number.parse().ok().filter(|n: &i64| *n > 0)
}
