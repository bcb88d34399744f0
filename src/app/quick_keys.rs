//! The sale screen's quick keys: which favourite products sit where on its grid. The manager chooses them (in
//! Inventory or with `usta catalog quick-keys`); the choice is one setting, written and journaled like any other.

use super::{AppError, Ctx, Result};
use crate::domain::catalog::ProductId;
use crate::domain::quick_keys::QuickKeys;
use crate::store::ProductRecord;
use crate::store::settings::QUICK_KEYS;

/// A key as the grid shows it: its position and the product as stored now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Shown {
    pub pos: u8,
    pub record: ProductRecord,
}

fn stored(ctx: &Ctx<'_>) -> Result<QuickKeys> {
    Ok(ctx.store.setting(QUICK_KEYS)?.unwrap_or_default())
}

/// The quick keys by position, each with its product; a product since removed from the catalog is left out.
pub fn list(ctx: &Ctx<'_>) -> Result<Vec<Shown>> {
    let mut shown = Vec::new();
    for key in stored(ctx)?.keys() {
        if let Some(record) = ctx.store.product(key.product)? {
            shown.push(Shown { pos: key.pos, record });
        }
    }
    Ok(shown)
}

/// Where `product` sits on the grid, if it is a quick key.
pub fn position(ctx: &Ctx<'_>, product: ProductId) -> Result<Option<u8>> {
    Ok(stored(ctx)?.position_of(product))
}

fn product_by_code(ctx: &Ctx<'_>, code: &str) -> Result<ProductRecord> {
    ctx.store
        .product_by_barcode(code)?
        .ok_or_else(|| AppError::UnknownBarcode(crate::domain::barcode::normalize(code)))
}

/// Puts the product at `pos` (1–24; none: the first free one), a manager's change; returns the product that held
/// that position before, if another did.
pub fn set(ctx: &mut Ctx<'_>, product: ProductId, pos: Option<u32>) -> Result<Option<ProductRecord>> {
    super::master::refuse(ctx.store, super::master::MasterPart::QuickKeys)?;
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    let mut keys = stored(ctx)?;
    let pos = match pos {
        Some(p) => p,
        None => keys
            .first_free()
            .map(u32::from)
            .ok_or(crate::domain::quick_keys::QuickKeyError::Position(
                u32::from(crate::domain::quick_keys::MAX) + 1,
            ))?,
    };
    let displaced = keys.set(product, pos)?.filter(|d| *d != product);
    ctx.store.set_setting(QUICK_KEYS, &keys)?;
    Ok(displaced.map(|id| ctx.store.product(id)).transpose()?.flatten())
}

/// Takes the product off the grid; false when it was not a quick key (nothing is written then).
pub fn clear(ctx: &mut Ctx<'_>, product: ProductId) -> Result<bool> {
    super::master::refuse(ctx.store, super::master::MasterPart::QuickKeys)?;
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    let mut keys = stored(ctx)?;
    if !keys.clear(product) {
        return Ok(false);
    }
    ctx.store.set_setting(QUICK_KEYS, &keys)?;
    Ok(true)
}

/// [`set`] for a product named by its barcode (the command line).
pub fn set_code(ctx: &mut Ctx<'_>, code: &str, pos: u32) -> Result<(ProductRecord, Option<ProductRecord>)> {
    let record = product_by_code(ctx, code)?;
    let id = record
        .product
        .id
        .ok_or_else(|| AppError::UnknownBarcode(code.to_string()))?;
    let displaced = set(ctx, id, Some(pos))?;
    Ok((record, displaced))
}

/// [`clear`] for a product named by its barcode.
pub fn clear_code(ctx: &mut Ctx<'_>, code: &str) -> Result<(ProductRecord, bool)> {
    let record = product_by_code(ctx, code)?;
    let id = record
        .product
        .id
        .ok_or_else(|| AppError::UnknownBarcode(code.to_string()))?;
    let cleared = clear(ctx, id)?;
    Ok((record, cleared))
}
