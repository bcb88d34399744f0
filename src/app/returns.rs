//! Taking goods back against a receipt.

use super::checkout::{find_receipt, lookup};
use super::{Ctx, Result};
use crate::domain::payment::PaymentKind;
use crate::domain::returns::{ReturnRequest, plan};
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
    let original = find_receipt(ctx, receipt_no)?;
    let request = if items.is_empty() {
        ReturnRequest::Whole
    } else {
        let mut wanted = Vec::new();
        for (code, qty) in items {
            let id = match original
                .lines
                .iter()
                .find(|l| l.barcode.as_deref() == Some(code.trim()))
            {
                Some(line) => line.product_id,
                None => lookup(ctx, code)?
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
    ctx.store.commit_sale(&mut ret)?;
    Ok(ret)
}
