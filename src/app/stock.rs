//! Receiving goods and correcting stock.

use super::checkout::lookup;
use super::{Ctx, Result};
use crate::domain::stock::{adjust, receive};
use crate::store::ProductRecord;
use rust_decimal::Decimal;

/// Receives `qty` of the product with `code`; returns the product with its new on-hand.
pub fn receive_stock(ctx: &mut Ctx<'_>, code: &str, qty: Decimal, note: Option<String>) -> Result<ProductRecord> {
    let record = lookup(ctx, code)?;
    let id = record
        .product
        .id
        .ok_or_else(|| super::AppError::UnknownBarcode(code.to_string()))?;
    record.product.check_quantity(qty)?;
    let movement = receive(id, qty, note)?;
    ctx.store.record_movements(&[movement], &ctx.stamp())?;
    lookup(ctx, code)
}

/// Corrects stock by `delta` (negative takes away) with a reason.
pub fn adjust_stock(ctx: &mut Ctx<'_>, code: &str, delta: Decimal, reason: &str) -> Result<ProductRecord> {
    super::users::authorize(ctx, crate::domain::user::Action::StockAdjust)?;
    let record = lookup(ctx, code)?;
    let id = record
        .product
        .id
        .ok_or_else(|| super::AppError::UnknownBarcode(code.to_string()))?;
    record.product.check_quantity(delta)?;
    let movement = adjust(id, delta, reason)?;
    ctx.store.record_movements(&[movement], &ctx.stamp())?;
    lookup(ctx, code)
}

/// One product's stock, or every product's.
pub fn show(ctx: &Ctx<'_>, code: Option<&str>) -> Result<Vec<ProductRecord>> {
    match code {
        Some(code) => Ok(vec![lookup(ctx, code)?]),
        None => Ok(ctx.store.all_products()?),
    }
}
