//! The till between sales: the open cart's draft and parked carts.

use super::{Ctx, Result};
use crate::domain::cart::Cart;
use crate::store::Parked;

/// Saves the open cart so a crash or power cut loses nothing.
pub fn save_draft(ctx: &mut Ctx<'_>, cart: &Cart) -> Result<()> {
    let register = ctx.store.register_id()?;
    let stamp = ctx.stamp();
    Ok(ctx.store.save_draft(&register, cart, &stamp)?)
}

/// The cart that was open when the till last stopped, if any.
pub fn restore_draft(ctx: &Ctx<'_>) -> Result<Option<Cart>> {
    let register = ctx.store.register_id()?;
    Ok(ctx.store.load_draft(&register)?)
}

/// Parks the cart (a customer steps away to fetch money); the till starts an empty cart.
pub fn park(ctx: &mut Ctx<'_>, cart: &Cart, label: &str) -> Result<i64> {
    let register = ctx.store.register_id()?;
    let stamp = ctx.stamp();
    let label = if label.trim().is_empty() {
        ctx.now.format("%H:%M").to_string()
    } else {
        label.trim().to_string()
    };
    Ok(ctx.store.park(&register, &label, cart, &stamp)?)
}

/// Voids the whole open cart (the customer changed their mind): above the shop's amount only with a manager,
/// and the approval is journaled with the emptied draft.
pub fn void_cart(ctx: &mut Ctx<'_>, cart: &Cart) -> Result<()> {
    if cart.totals().total > super::settings::void_cart_manager_above(ctx)? {
        super::users::authorize(ctx, crate::domain::user::Action::VoidCart)?;
    }
    save_draft(ctx, &Cart::new())
}

/// Keeps a cart that sells a one-of-a-kind piece beyond its stock (it may be sold twice): only with a manager,
/// and the approval is journaled with the cart's draft.
pub fn sell_beyond_stock(ctx: &mut Ctx<'_>, cart: &Cart) -> Result<()> {
    super::users::authorize(ctx, crate::domain::user::Action::SellBeyondStock)?;
    save_draft(ctx, cart)
}

pub fn parked(ctx: &Ctx<'_>) -> Result<Vec<Parked>> {
    let register = ctx.store.register_id()?;
    Ok(ctx.store.parked(&register)?)
}

pub fn resume(ctx: &mut Ctx<'_>, id: i64) -> Result<Cart> {
    let stamp = ctx.stamp();
    Ok(ctx.store.resume(id, &stamp)?)
}
