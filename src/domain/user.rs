//! Users, roles and what needs a manager: pure rules, no hashing and no storage (the PIN hash lives in `app`).

use crate::domain::cart::Cart;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A user's role, in increasing rights: a manager may do all a cashier does, an admin all a manager does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Cashier,
    Manager,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Role {
    type Err = UserError;
    fn from_str(s: &str) -> Result<Self, UserError> {
        match s.trim().to_lowercase().as_str() {
            "cashier" => Ok(Role::Cashier),
            "manager" => Ok(Role::Manager),
            "admin" => Ok(Role::Admin),
            _ => Err(UserError::Role(s.to_string())),
        }
    }
}

/// Everything a cashier may not do alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Return,
    /// A cash refund larger than the cash the drawer should hold.
    CashRefundOverDrawer,
    VoidPrintedLine,
    Discount,
    PriceOverride,
    TaxFreeVoid,
    CashOut,
    ArtisanPayout,
    DayClose,
    StockAdjust,
    Stocktake,
    PriceChange,
    Settings,
    Users,
    /// Voiding a whole cart above the shop's amount.
    VoidCart,
    /// Selling a one-of-a-kind item (one on hand, or none left) beyond its stock.
    SellBeyondStock,
}

impl Action {
    /// Every action that needs more than a cashier (for tests and the help text).
    pub const ALL: [Action; 16] = [
        Action::Return,
        Action::CashRefundOverDrawer,
        Action::VoidPrintedLine,
        Action::Discount,
        Action::PriceOverride,
        Action::TaxFreeVoid,
        Action::CashOut,
        Action::ArtisanPayout,
        Action::DayClose,
        Action::StockAdjust,
        Action::Stocktake,
        Action::PriceChange,
        Action::Settings,
        Action::Users,
        Action::VoidCart,
        Action::SellBeyondStock,
    ];

    /// The least role that may do this without anyone's approval.
    pub fn needs(self) -> Role {
        match self {
            Action::Users => Role::Admin,
            _ => Role::Manager,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Action::Return => "return",
            Action::CashRefundOverDrawer => "cash_refund_over_drawer",
            Action::VoidPrintedLine => "void_printed_line",
            Action::Discount => "discount",
            Action::PriceOverride => "price_override",
            Action::TaxFreeVoid => "taxfree_void",
            Action::CashOut => "cash_out",
            Action::ArtisanPayout => "artisan_payout",
            Action::DayClose => "day_close",
            Action::StockAdjust => "stock_adjust",
            Action::Stocktake => "stocktake",
            Action::PriceChange => "price_change",
            Action::Settings => "settings",
            Action::Users => "users",
            Action::VoidCart => "void_cart",
            Action::SellBeyondStock => "sell_beyond_stock",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Return => "a return",
            Action::CashRefundOverDrawer => "a cash refund larger than the drawer holds",
            Action::VoidPrintedLine => "voiding a printed line",
            Action::Discount => "a discount above the limit",
            Action::PriceOverride => "a price override",
            Action::TaxFreeVoid => "voiding a tax-free form",
            Action::CashOut => "cash out of the drawer",
            Action::ArtisanPayout => "an artisan payout",
            Action::DayClose => "closing the day",
            Action::StockAdjust => "a stock adjustment",
            Action::Stocktake => "applying a stocktake",
            Action::PriceChange => "changing prices, tax groups, barcodes or opening stock",
            Action::Settings => "changing settings",
            Action::Users => "managing users",
            Action::VoidCart => "voiding the whole cart",
            Action::SellBeyondStock => "selling a one-of-a-kind item beyond its stock",
        })
    }
}

/// Who is doing something: a signed-in user, or the program itself (setup, the demo, a database without users).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// `None` for the system actor.
    pub id: Option<i64>,
    pub name: String,
    pub role: Role,
}

impl Actor {
    /// The program itself: full rights, used where no user exists yet.
    pub fn system() -> Actor {
        Actor {
            id: None,
            name: "system".into(),
            role: Role::Admin,
        }
    }

    pub fn may(&self, action: Action) -> bool {
        self.role >= action.needs()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    #[error("unknown role '{0}' (cashier, manager or admin)")]
    Role(String),
    #[error("a PIN is 4 to 8 digits")]
    Pin,
    #[error("a user's name must not be empty")]
    Name,
}

/// A PIN is 4–8 ASCII digits: typed on a pad, so nothing else.
pub fn check_pin(pin: &str) -> Result<(), UserError> {
    if (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(UserError::Pin)
    }
}

/// The discount limit a cashier may give alone, in percent, when the shop has not set one.
pub fn default_discount_limit() -> Decimal {
    Decimal::from(10)
}

/// What in this cart needs a manager: a price typed over the catalog's (override), or a discount (a line's or
/// the whole sale's) above `limit_pct` of what it applies to.
pub fn cart_needs(cart: &Cart, limit_pct: Decimal) -> Vec<Action> {
    let mut needs = Vec::new();
    if cart.active_lines().any(|l| l.unit_price != l.product.price) {
        needs.push(Action::PriceOverride);
    }
    let totals = cart.totals();
    let over = |off: Decimal, of: Decimal| of > Decimal::ZERO && off * Decimal::from(100) > limit_pct * of;
    let line_over = totals
        .lines
        .iter()
        .any(|l| over(l.line_discount.amount(), l.gross.amount()));
    if line_over || over(totals.discount.amount(), totals.subtotal.amount()) {
        needs.push(Action::Discount);
    }
    needs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::{Discount, tests::product};

    #[test]
    fn roles_are_ordered_and_actions_need_a_manager_or_admin() {
        let cashier = Actor {
            id: Some(1),
            name: "B".into(),
            role: Role::Cashier,
        };
        let manager = Actor {
            role: Role::Manager,
            ..cashier.clone()
        };
        for action in Action::ALL {
            assert!(!cashier.may(action), "{action}");
            assert_eq!(manager.may(action), action != Action::Users, "{action}");
            assert!(Actor::system().may(action));
        }
        assert_eq!("Manager".parse::<Role>(), Ok(Role::Manager));
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        for (pin, ok) in [
            ("1234", true),
            ("12345678", true),
            ("123", false),
            ("123456789", false),
            ("12a4", false),
        ] {
            assert_eq!(check_pin(pin).is_ok(), ok, "{pin}");
        }
    }

    #[test]
    fn discounts_above_the_limit_and_overrides_need_a_manager() {
        let limit = Decimal::from(10);
        let mut cart = Cart::new();
        let line = cart.add(product(1, 1000, "standard"), None, Decimal::ONE).expect("add");
        assert!(cart_needs(&cart, limit).is_empty());
        cart.set_line_discount(line, Some(Discount::Percent(Decimal::from(10))))
            .expect("10%");
        assert!(cart_needs(&cart, limit).is_empty(), "exactly the limit is allowed");
        cart.set_line_discount(line, Some(Discount::Percent(Decimal::from(11))))
            .expect("11%");
        assert_eq!(cart_needs(&cart, limit), vec![Action::Discount]);
        cart.set_line_discount(line, None).expect("none");
        cart.set_sale_discount(Some(Discount::Amount(crate::domain::Som::whole(200))))
            .expect("sale");
        assert_eq!(cart_needs(&cart, limit), vec![Action::Discount]);
        cart.set_sale_discount(None).expect("none");
        cart.lines[0].unit_price = crate::domain::Som::whole(900);
        assert_eq!(cart_needs(&cart, limit), vec![Action::PriceOverride]);
    }
}
