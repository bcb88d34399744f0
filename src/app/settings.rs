//! Shop settings as one bundle the settings screen edits, and first-start setup.

use super::master::MasterPart;
use super::{Ctx, Result};
use crate::domain::catalog::Lang;
use crate::domain::currency::{ExchangeRate, Rates};
use crate::domain::payment::PaymentRules;
use crate::domain::receipt::ShopInfo;
use crate::domain::tax::TaxConfig;
use crate::store::settings as keys;
use serde::{Deserialize, Serialize};

/// How the till looks and speaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub lang: Lang,
    pub dark: bool,
    /// UI scale factor (1.0 = 100%).
    pub scale: f32,
    /// Name of the first administrator entered at setup.
    pub admin: String,
    /// Lock the till after this many minutes without input (0: never), when the shop has users.
    #[serde(default = "default_auto_lock")]
    pub auto_lock_minutes: u32,
    /// Voiding a whole cart worth more than this needs a manager (a cashier voids a small one alone).
    #[serde(default = "default_void_cart_manager_above")]
    pub void_cart_manager_above: crate::domain::money::Som,
}

fn default_auto_lock() -> u32 {
    5
}

/// Preferences saved before the setting existed read as 5 000 som.
pub fn default_void_cart_manager_above() -> crate::domain::money::Som {
    crate::domain::money::Som::whole(5000)
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            lang: Lang::Ky,
            dark: false,
            scale: 1.0,
            auto_lock_minutes: default_auto_lock(),
            void_cart_manager_above: default_void_cart_manager_above(),
            admin: String::new(),
        }
    }
}

pub(crate) const PREFERENCES: &str = "preferences";

/// The void-cart threshold as the shop's own setting (master data, so it travels to every till); preferences
/// saved before it was one still carry it and are read when it is absent.
pub const VOID_CART_ABOVE: &str = "void_cart_manager_above";

/// Everything the settings screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub shop: ShopInfo,
    pub register: String,
    pub tax: TaxConfig,
    pub payment: PaymentRules,
    pub rates: Rates,
    pub preferences: Preferences,
    /// The discount, in percent, a cashier may give without a manager's approval.
    pub discount_limit: rust_decimal::Decimal,
}

pub fn load(ctx: &Ctx<'_>) -> Result<Settings> {
    let mut preferences: Preferences = ctx.store.setting(PREFERENCES)?.unwrap_or_default();
    preferences.void_cart_manager_above = void_cart_manager_above(ctx)?;
    Ok(Settings {
        shop: ctx.store.shop()?,
        register: ctx.store.register_id()?,
        tax: ctx.store.tax_config()?,
        payment: ctx.store.payment_rules()?,
        rates: ctx.store.rates_on(ctx.now.date_naive())?,
        preferences,
        discount_limit: discount_limit(ctx)?,
    })
}

/// Saves the bundle; rates are recorded for today.
pub fn save(ctx: &mut Ctx<'_>, s: &Settings) -> Result<()> {
    let stored = load(ctx)?;
    if let Some(part) = changed_parts(&stored, s).first() {
        super::master::refuse(ctx.store, *part)?;
    }
    if s.register != stored.register {
        // A joined till's register id is the back office's to give: its chain and replica are named by it.
        super::master::refuse(ctx.store, MasterPart::Shop)?;
    }
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    s.tax.validate()?;
    s.payment.validate()?;
    check_discount_limit(s.discount_limit)?;
    check_void_threshold(s.preferences.void_cart_manager_above)?;
    for r in &s.rates.rates {
        ExchangeRate::new(r.currency, r.som_per_unit, r.date).map_err(super::input::InputProblem::from)?;
    }
    ctx.store.set_setting(PREFERENCES, &s.preferences)?;
    if s.preferences.void_cart_manager_above != stored.preferences.void_cart_manager_above {
        ctx.store
            .set_setting(VOID_CART_ABOVE, &s.preferences.void_cart_manager_above)?;
    }
    if super::master::changed_at(ctx.store)?.is_some() {
        // A joined till: only its own preferences were saved (master data is unchanged, or refused above).
        return Ok(());
    }
    ctx.store.set_setting(keys::TAX, &s.tax)?;
    ctx.store.set_setting(keys::PAYMENT, &s.payment)?;
    ctx.store.set_setting(keys::REGISTER, &s.register)?;
    let today = ctx.now.date_naive();
    let rates: Vec<ExchangeRate> = s
        .rates
        .rates
        .iter()
        .map(|r| ExchangeRate { date: today, ..*r })
        .collect();
    ctx.store.set_rates(&rates, "manager")?;
    ctx.store.set_setting(keys::SHOP, &s.shop)?;
    if s.discount_limit != discount_limit(ctx)? {
        ctx.store
            .set_setting(super::checkout::DISCOUNT_LIMIT, &s.discount_limit)?;
    }
    Ok(())
}

/// The parts of master data `new` changes against `old` (rates by currency and value, not by date).
pub fn changed_parts(old: &Settings, new: &Settings) -> Vec<MasterPart> {
    let rates = |s: &Settings| {
        let mut r: Vec<(String, rust_decimal::Decimal)> = s
            .rates
            .rates
            .iter()
            .map(|r| (r.currency.code().to_string(), r.som_per_unit.normalize()))
            .collect();
        r.sort();
        r
    };
    let mut parts = Vec::new();
    if old.shop != new.shop {
        parts.push(MasterPart::Shop);
    }
    if old.tax != new.tax {
        parts.push(MasterPart::Taxes);
    }
    if old.payment != new.payment {
        parts.push(MasterPart::Currencies);
    }
    if rates(old) != rates(new) {
        parts.push(MasterPart::Rates);
    }
    if old.discount_limit != new.discount_limit
        || old.preferences.void_cart_manager_above != new.preferences.void_cart_manager_above
    {
        parts.push(MasterPart::CashierLimits);
    }
    parts
}

fn check_discount_limit(pct: rust_decimal::Decimal) -> Result<()> {
    if pct < rust_decimal::Decimal::ZERO || pct > rust_decimal::Decimal::from(100) {
        return Err(super::input::InputProblem::DiscountLimit { pct: pct.to_string() }.into());
    }
    Ok(())
}

/// The void-cart threshold is an amount a cart can have: not negative, within a receipt's bound, whole tyiyn.
fn check_void_threshold(amount: crate::domain::money::Som) -> Result<()> {
    if amount.is_negative() || amount.amount().normalize().scale() > 2 {
        return Err(super::input::InputProblem::VoidThreshold { amount: amount.plain() }.into());
    }
    crate::domain::limits::check(
        "void-cart threshold",
        amount.amount(),
        crate::domain::limits::Bound::Receipt,
    )
    .map_err(super::input::InputProblem::from)?;
    Ok(())
}

/// The cart total above which voiding a whole cart needs a manager's approval.
pub fn void_cart_manager_above(ctx: &Ctx<'_>) -> Result<crate::domain::money::Som> {
    if let Some(amount) = ctx.store.setting(VOID_CART_ABOVE)? {
        return Ok(amount);
    }
    Ok(ctx
        .store
        .setting::<Preferences>(PREFERENCES)?
        .unwrap_or_default()
        .void_cart_manager_above)
}

/// The discount, in percent of what it applies to, a cashier may give without a manager's approval.
pub fn discount_limit(ctx: &Ctx<'_>) -> Result<rust_decimal::Decimal> {
    Ok(ctx
        .store
        .setting(super::checkout::DISCOUNT_LIMIT)?
        .unwrap_or_else(crate::domain::user::default_discount_limit))
}

/// Sets the cashier's discount limit (0–100 %); a settings change, so a manager's.
pub fn set_discount_limit(ctx: &mut Ctx<'_>, pct: rust_decimal::Decimal) -> Result<()> {
    super::master::refuse(ctx.store, MasterPart::CashierLimits)?;
    check_discount_limit(pct)?;
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    Ok(ctx.store.set_setting(super::checkout::DISCOUNT_LIMIT, &pct)?)
}

/// First start, "Set up my shop": records the shop and its first administrator on an empty database.
pub fn set_up_shop(ctx: &mut Ctx<'_>, shop: &ShopInfo, preferences: &Preferences) -> Result<()> {
    if ctx.store.has_shop()? {
        return Err(super::input::InputProblem::ShopExists.into());
    }
    if shop.name.trim().is_empty() {
        return Err(super::input::InputProblem::NoShopName.into());
    }
    if !shop.tin.is_empty() && (shop.tin.len() != 14 || !shop.tin.bytes().all(|b| b.is_ascii_digit())) {
        return Err(super::input::InputProblem::BadTin { tin: shop.tin.clone() }.into());
    }
    ctx.store.set_setting(keys::TAX, &TaxConfig::default())?;
    ctx.store.set_setting(keys::PAYMENT, &PaymentRules::default())?;
    ctx.store.set_setting(keys::REGISTER, &"R1")?;
    ctx.store.set_setting(PREFERENCES, preferences)?;
    ctx.store.set_setting(keys::SHOP, shop)?;
    Ok(())
}
