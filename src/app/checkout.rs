//! Ringing up and committing a sale.

use super::{AppError, Ctx, Result};
use crate::domain::barcode::Barcode;
use crate::domain::cart::Cart;
use crate::domain::payment::Tender;
use crate::domain::receipt::ReceiptDoc;
use crate::domain::sale::{Sale, SaleContext};
use crate::store::ProductRecord;
use rust_decimal::Decimal;

/// Finds the product for a scanned or typed code.
pub fn lookup(ctx: &Ctx<'_>, code: &str) -> Result<ProductRecord> {
    ctx.store
        .product_by_barcode(code)?
        .ok_or_else(|| AppError::UnknownBarcode(crate::domain::barcode::normalize(code)))
}

/// Adds `qty` of the product with `code` to the cart.
pub fn scan(ctx: &Ctx<'_>, cart: &mut Cart, code: &str, qty: Decimal) -> Result<u32> {
    let record = lookup(ctx, code)?;
    let barcode = Barcode::parse(code).ok();
    Ok(cart.add(record.product, barcode, qty)?)
}

/// The setting: the discount in percent a cashier may give without a manager (default 10).
pub const DISCOUNT_LIMIT: &str = "discount_limit_pct";

/// Whether the signed-in user may give the discounts in `cart`, asked when a discount is typed: over the limit it
/// takes a manager, or an approval given at the till (used, and journaled, when the sale is committed).
pub fn check_discount(ctx: &Ctx<'_>, cart: &Cart) -> Result<()> {
    use crate::domain::user::Action;
    let limit = super::settings::discount_limit(ctx)?;
    if !crate::domain::user::cart_needs(cart, limit).contains(&Action::Discount) || ctx.actor.may(Action::Discount) {
        return Ok(());
    }
    match &ctx.approval {
        Some(approval) if approval.by.may(Action::Discount) => Ok(()),
        _ => Err(AppError::NotAllowed {
            action: Action::Discount,
            role: ctx.actor.role,
        }),
    }
}

/// Prices, settles and commits the cart in one transaction; returns the stored sale with its receipt number.
pub fn commit(ctx: &mut Ctx<'_>, cart: &Cart, tenders: &[Tender]) -> Result<Sale> {
    let limit = super::settings::discount_limit(ctx)?;
    for action in crate::domain::user::cart_needs(cart, limit) {
        super::users::authorize(ctx, action)?;
    }
    let tax = ctx.store.tax_config()?;
    let rules = ctx.store.payment_rules()?;
    let rates = ctx.store.rates_on(ctx.now.date_naive())?;
    let commissions = ctx
        .store
        .artisan_commissions(cart.active_lines().filter_map(|l| l.product.artisan.as_deref()))?;
    let register = ctx.store.register_id()?;
    let sale_ctx = SaleContext {
        register: &register,
        at: ctx.now,
        tax: &tax,
        rules: &rules,
        rates: &rates,
        artisan_commission: &commissions,
    };
    let mut sale = Sale::from_cart(cart, tenders, &sale_ctx)?;
    let user = super::users::recorded_name(ctx);
    super::fiscal::commit_registered(ctx, &mut sale, user.as_deref(), None)?;
    Ok(sale)
}

/// Scans every `(code, qty)` into a new cart and commits it: the CLI's `usta sell`. Nothing is written unless
/// every code is known and the payment covers the total.
pub fn sell(ctx: &mut Ctx<'_>, items: &[(String, Decimal)], tenders: &[Tender]) -> Result<Sale> {
    let mut cart = Cart::new();
    for (code, qty) in items {
        scan(ctx, &mut cart, code, *qty)?;
    }
    commit(ctx, &cart, tenders)
}

/// The receipt document of a stored sale or return.
pub fn receipt(ctx: &Ctx<'_>, sale: &Sale) -> Result<ReceiptDoc> {
    let shop = ctx.store.shop()?;
    let rates = ctx.store.rates_on(sale.at.date_naive())?;
    let fiscal = super::fiscal::stamp_of(ctx, sale.id)?;
    let mut doc = ReceiptDoc::new(sale, &shop, ctx.lang, &rates, fiscal);
    doc.cashier = match sale.id {
        Some(id) => ctx.store.sale_user(id)?,
        None => None,
    };
    Ok(doc)
}

/// Finds a stored sale or return by its number on this register.
pub fn find_receipt(ctx: &Ctx<'_>, receipt_no: i64) -> Result<Sale> {
    let register = ctx.store.register_id()?;
    ctx.store
        .sale_by_receipt(&register, receipt_no)?
        .ok_or(AppError::ReceiptNotFound(receipt_no, register))
}

/// Type-ahead: products whose names start with the typed words, or the product with this barcode.
pub fn search(ctx: &Ctx<'_>, text: &str, limit: usize) -> Result<Vec<ProductRecord>> {
    Ok(ctx.store.search(text, limit)?)
}
