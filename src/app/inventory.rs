//! The manager's inventory jobs: the product list, adding and editing products, movement history, stocktake.

use super::{AppError, Ctx, Result};
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Product, ProductId};
use crate::store::{MovementRecord, ProductFilter, ProductRecord};
use rust_decimal::Decimal;

pub fn list(ctx: &Ctx<'_>, filter: &ProductFilter) -> Result<Vec<ProductRecord>> {
    Ok(ctx.store.filter_products(filter)?)
}

/// Validates and stores a new or edited product; its tax group must be one the shop's tax settings know. A new
/// product, or a change of price, tax group, barcodes, artisan or commission, is a manager's (or approved) job:
/// what a sale charges and an artisan is owed. Names, category and attributes a cashier may correct alone.
pub fn save(ctx: &mut Ctx<'_>, product: &Product) -> Result<ProductRecord> {
    product.validate()?;
    let old = match product.id {
        Some(id) => ctx.store.product(id)?,
        None => None,
    };
    let guarded = |p: &Product| {
        let mut codes: Vec<&str> = p.barcodes.iter().map(Barcode::as_str).collect();
        codes.sort_unstable();
        (
            p.price,
            p.tax_group.clone(),
            codes.join("|"),
            p.artisan.clone(),
            p.commission_pct,
        )
    };
    if old.is_none_or(|old| guarded(&old.product) != guarded(product)) {
        super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    }
    ctx.store.tax_config()?.vat_for(&product.tax_group)?;
    let stamp = ctx.stamp();
    let by = super::users::changed_by(ctx);
    ctx.store.save_product(product, &stamp, &by).map_err(|e| match e {
        crate::store::StoreError::Conflict(text) => AppError::Input(text),
        other => other.into(),
    })
}

/// A fresh in-store EAN-13 for a handmade item.
pub fn new_in_store_code(ctx: &mut Ctx<'_>) -> Result<Barcode> {
    Ok(ctx.store.reserve_in_store_code()?)
}

pub fn history(ctx: &Ctx<'_>, product: ProductId) -> Result<Vec<MovementRecord>> {
    Ok(ctx.store.movements(product)?)
}

/// Applies counted quantities as count movements (expected is read at the moment of applying).
pub fn apply_stocktake(ctx: &mut Ctx<'_>, counts: &[(ProductId, Decimal)]) -> Result<usize> {
    super::users::authorize(ctx, crate::domain::user::Action::Stocktake)?;
    let stamp = ctx.stamp();
    Ok(ctx.store.apply_counts(counts, &stamp)?.len())
}

pub fn categories(ctx: &Ctx<'_>) -> Result<Vec<(String, crate::domain::catalog::Names)>> {
    Ok(ctx.store.categories()?)
}

pub fn artisans(ctx: &Ctx<'_>) -> Result<Vec<crate::domain::catalog::Artisan>> {
    Ok(ctx.store.artisans()?)
}
