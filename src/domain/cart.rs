//! The cart being rung up: lines added by barcode or product, quantities, line and sale discounts, voided lines,
//! and totals in which every tyiyn of a sale discount is assigned to a line (so returns refund exactly what was
//! paid per line and tax can be grouped per rate).

use crate::domain::barcode::Barcode;
use crate::domain::catalog::{CatalogError, Product};
use crate::domain::limits::{Bound, LimitError, check};
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::rounding::{allocate, round_line};
use crate::domain::tax::{TaxConfig, TaxError, TaxLine, breakdown};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A discount on a line or on the whole sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Discount {
    /// Percent off, 0–100.
    Percent(Decimal),
    /// A fixed amount off, never more than the amount it applies to.
    Amount(Som),
}

impl Discount {
    fn off(self, amount: Som) -> Som {
        match self {
            Discount::Percent(p) => Som(round_line(amount.amount() * p / Decimal::from(100))),
            Discount::Amount(a) => a.min(amount),
        }
    }

    fn validate(self) -> Result<Self, CartError> {
        if let Discount::Amount(a) = self {
            check("discount", a.amount(), Bound::Line)?;
        }
        match self {
            Discount::Percent(p) if p < Decimal::ZERO || p > Decimal::from(100) => Err(CartError::Discount(self)),
            Discount::Amount(a) if a.is_negative() => Err(CartError::Discount(self)),
            _ => Ok(self),
        }
    }
}

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    /// Stable number of the line within this cart (1, 2, …), kept when other lines are voided.
    pub line_no: u32,
    pub product: Product,
    /// The code that was scanned, if the line came from a scan.
    pub barcode: Option<Barcode>,
    pub qty: Decimal,
    pub unit_price: Som,
    pub discount: Option<Discount>,
    /// A voided line stays in the cart's history but counts for nothing.
    pub voided: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("quantity {0} must be more than zero")]
    Quantity(Decimal),
    #[error("quantity {0} has more than 3 decimals")]
    QuantityPrecision(Decimal),
    #[error("discount {0:?} is not valid (percent 0–100, amount not negative)")]
    Discount(Discount),
    #[error("the cart has no line {0}")]
    NoLine(u32),
    #[error("the cart is empty")]
    Empty,
    #[error("product has no id; save it to the catalog before selling it")]
    Unsaved,
    #[error(transparent)]
    Limit(#[from] LimitError),
    #[error("{0} cannot be sold: {1}")]
    Product(String, LimitError),
    /// A fraction of a product counted in pieces.
    #[error(transparent)]
    Unit(#[from] CatalogError),
}

/// The money on one line after discounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTotal {
    pub line_no: u32,
    /// Price × quantity.
    pub gross: Som,
    pub line_discount: Som,
    /// This line's share of the sale discount.
    pub sale_discount: Som,
    /// What the customer pays for the line.
    pub amount: Som,
}

/// The cart's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartTotals {
    pub lines: Vec<LineTotal>,
    /// Sum of gross line amounts.
    pub subtotal: Som,
    /// All discounts, line and sale.
    pub discount: Som,
    pub total: Som,
}

/// A cart in progress.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub sale_discount: Option<Discount>,
    next_line_no: u32,
}

use crate::domain::limits::QTY_SCALE;

fn check_qty(qty: Decimal) -> Result<Decimal, CartError> {
    if qty <= Decimal::ZERO {
        return Err(CartError::Quantity(qty));
    }
    if qty.normalize().scale() > QTY_SCALE {
        return Err(CartError::QuantityPrecision(qty));
    }
    Ok(check("quantity", qty, Bound::Qty)?)
}

/// A price stored by an older version beyond what a shop can have makes only that product unsellable, with a
/// message naming it, never an overflow further on.
fn check_price(product: &Product) -> Result<(), CartError> {
    check("price", product.price.amount(), Bound::Line)
        .map(|_| ())
        .map_err(|e| CartError::Product(product.names.to_string(), e))
}

/// Price × quantity of one line, bounded like any line amount.
fn line_gross(unit_price: Som, qty: Decimal) -> Result<Som, CartError> {
    let gross = unit_price.checked_mul(qty).ok_or_else(|| {
        LimitError::too_large(
            "line amount",
            &format!("{} × {}", unit_price.plain(), qty.normalize()),
            Bound::Line,
        )
    })?;
    Ok(Som(check("line amount", round_line(gross.amount()), Bound::Line)?))
}

impl Cart {
    pub fn new() -> Self {
        Cart::default()
    }

    /// Adds `qty` of a product. Scanning the same product again raises the quantity of its open line (when that
    /// line has no discount of its own) instead of adding a new line. Returns the line number.
    pub fn add(&mut self, product: Product, barcode: Option<Barcode>, qty: Decimal) -> Result<u32, CartError> {
        let qty = check_qty(qty)?;
        product.check_quantity(qty)?;
        if product.id.is_none() {
            return Err(CartError::Unsaved);
        }
        check_price(&product)?;
        if let Some(line) = self
            .lines
            .iter()
            .find(|l| !l.voided && l.product.id == product.id && l.discount.is_none() && l.unit_price == product.price)
        {
            let line_no = line.line_no;
            let new_qty = check_qty(line.qty + qty)?;
            self.set_qty(line_no, new_qty)?;
            return Ok(line_no);
        }
        self.check_total_with(Som::ZERO, line_gross(product.price, qty)?)?;
        self.next_line_no += 1;
        let line_no = self.next_line_no;
        let unit_price = product.price;
        self.lines.push(CartLine {
            line_no,
            product,
            barcode,
            qty,
            unit_price,
            discount: None,
            voided: false,
        });
        Ok(line_no)
    }

    fn line_mut(&mut self, line_no: u32) -> Result<&mut CartLine, CartError> {
        self.lines
            .iter_mut()
            .find(|l| l.line_no == line_no && !l.voided)
            .ok_or(CartError::NoLine(line_no))
    }

    pub fn set_qty(&mut self, line_no: u32, qty: Decimal) -> Result<(), CartError> {
        let qty = check_qty(qty)?;
        let line = self.line_mut(line_no)?;
        line.product.check_quantity(qty)?;
        let (old, new) = (
            line_gross(line.unit_price, line.qty)?,
            line_gross(line.unit_price, qty)?,
        );
        self.check_total_with(old, new)?;
        self.line_mut(line_no)?.qty = qty;
        Ok(())
    }

    /// Refuses a change that would take the cart's gross (one line's `old` gross replaced by `new`) beyond the
    /// largest receipt total.
    fn check_total_with(&self, old: Som, new: Som) -> Result<(), CartError> {
        let gross = Som::checked_sum(
            self.active_lines()
                .map(|l| line_gross(l.unit_price, l.qty))
                .collect::<Result<Vec<_>, _>>()?,
        )
        .and_then(|g| g.checked_sub(old))
        .and_then(|g| g.checked_add(new))
        .unwrap_or(Som(Bound::Receipt.max() + Decimal::ONE));
        check("receipt total", gross.amount(), Bound::Receipt)?;
        Ok(())
    }

    /// Checks every line and the total against the limits, for a cart that may come from an older draft.
    pub fn check_limits(&self) -> Result<(), CartError> {
        for line in self.active_lines() {
            check_qty(line.qty)?;
            check("price", line.unit_price.amount(), Bound::Line)
                .map_err(|e| CartError::Product(line.product.names.to_string(), e))?;
        }
        self.check_total_with(Som::ZERO, Som::ZERO)
    }

    pub fn set_line_discount(&mut self, line_no: u32, discount: Option<Discount>) -> Result<(), CartError> {
        let discount = discount.map(Discount::validate).transpose()?;
        self.line_mut(line_no)?.discount = discount;
        Ok(())
    }

    pub fn set_sale_discount(&mut self, discount: Option<Discount>) -> Result<(), CartError> {
        self.sale_discount = discount.map(Discount::validate).transpose()?;
        Ok(())
    }

    pub fn void_line(&mut self, line_no: u32) -> Result<(), CartError> {
        self.line_mut(line_no)?.voided = true;
        Ok(())
    }

    /// Lines that count.
    pub fn active_lines(&self) -> impl Iterator<Item = &CartLine> {
        self.lines.iter().filter(|l| !l.voided)
    }

    pub fn is_empty(&self) -> bool {
        self.active_lines().next().is_none()
    }

    pub fn totals(&self) -> CartTotals {
        let mut lines: Vec<LineTotal> = self
            .active_lines()
            .map(|l| {
                let gross = Som(round_line(l.unit_price.amount() * l.qty));
                let line_discount = l.discount.map_or(Som::ZERO, |d| d.off(gross));
                LineTotal {
                    line_no: l.line_no,
                    gross,
                    line_discount,
                    sale_discount: Som::ZERO,
                    amount: gross - line_discount,
                }
            })
            .collect();
        let after_lines: Som = lines.iter().map(|l| l.amount).sum();
        if let Some(discount) = self.sale_discount {
            let off = discount.off(after_lines);
            let weights: Vec<Decimal> = lines.iter().map(|l| l.amount.amount()).collect();
            for (line, share) in lines.iter_mut().zip(allocate(off.amount(), &weights)) {
                line.sale_discount = Som(share);
                line.amount -= Som(share);
            }
        }
        let subtotal = lines.iter().map(|l| l.gross).sum();
        let total: Som = lines.iter().map(|l| l.amount).sum();
        CartTotals {
            lines,
            subtotal,
            discount: subtotal - total,
            total,
        }
    }

    /// Gross after discounts per VAT percent.
    pub fn gross_by_vat(&self, config: &TaxConfig) -> Result<BTreeMap<Decimal, Som>, TaxError> {
        let totals = self.totals();
        let mut by_vat = BTreeMap::new();
        for (line, total) in self.active_lines().zip(&totals.lines) {
            *by_vat.entry(config.vat_for(&line.product.tax_group)?).or_default() += total.amount;
        }
        Ok(by_vat)
    }

    /// The tax the receipt would show if paid entirely with `kind`, for the running totals on screen.
    pub fn tax_preview(&self, config: &TaxConfig, kind: PaymentKind) -> Result<Vec<TaxLine>, TaxError> {
        let by_vat = self.gross_by_vat(config)?;
        Ok(breakdown(&by_vat, &[(kind, self.totals().total)], config))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::catalog::{Names, ProductId};

    pub(crate) fn product(id: i64, price: i64, group: &str) -> Product {
        Product {
            id: Some(ProductId(id)),
            names: Names::new(&format!("Буюм {id}"), "", ""),
            category: "felt".into(),
            price: Som::whole(price),
            tax_group: group.into(),
            barcodes: vec![],
            attributes: Default::default(),
            artisan: None,
            commission_pct: None,
            unit: Default::default(),
            cost: None,
        }
    }

    #[test]
    fn a_hat_is_never_sold_by_the_half_but_felt_is_sold_by_the_metre() {
        let half = Decimal::new(15, 1);
        let mut cart = Cart::new();
        assert!(matches!(
            cart.add(product(1, 2500, "standard"), None, half),
            Err(CartError::Unit(CatalogError::WholeOnly { .. }))
        ));
        assert!(cart.is_empty(), "nothing was added");
        let hat = cart.add(product(1, 2500, "standard"), None, qty(1)).expect("one hat");
        assert!(matches!(cart.set_qty(hat, half), Err(CartError::Unit(_))));
        assert_eq!(cart.totals().total, Som::whole(2500), "the line keeps its quantity");
        let mut felt = product(2, 1000, "standard");
        felt.unit = crate::domain::catalog::Unit::Metre;
        let line = cart.add(felt, None, half).expect("1.5 m of felt");
        cart.set_qty(line, Decimal::new(275, 2)).expect("2.75 m");
        assert_eq!(cart.totals().total, Som::whole(2500 + 2750));
    }

    fn qty(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn scanning_twice_raises_quantity() {
        let mut cart = Cart::new();
        let a = cart.add(product(1, 1450, "standard"), None, qty(1)).expect("add");
        let b = cart.add(product(1, 1450, "standard"), None, qty(2)).expect("add");
        assert_eq!(a, b);
        assert_eq!(cart.lines.len(), 1);
        assert_eq!(cart.totals().total, Som::whole(4350));
    }

    #[test]
    fn totals_with_discounts_table() {
        // (lines: price, qty, line discount), sale discount, expected (subtotal, discount, total)
        type Case = (
            Vec<(i64, i64, Option<Discount>)>,
            Option<Discount>,
            (i64, &'static str, &'static str),
        );
        let pct = |p: i64| Some(Discount::Percent(Decimal::from(p)));
        let amt = |a: i64| Some(Discount::Amount(Som::whole(a)));
        let cases: Vec<Case> = vec![
            (vec![(1450, 2, None)], None, (2900, "0", "2900")),
            (vec![(1450, 2, pct(10))], None, (2900, "290", "2610")),
            (vec![(1450, 1, amt(2000))], None, (1450, "1450", "0")),
            (vec![(1450, 1, None), (650, 3, None)], pct(5), (3400, "170", "3230")),
            (
                vec![(1450, 1, pct(10)), (650, 1, None)],
                amt(100),
                (2100, "245", "1855"),
            ),
            (
                vec![(333, 1, None), (333, 1, None), (334, 1, None)],
                amt(10),
                (1000, "10", "990"),
            ),
            (vec![(999, 1, pct(33))], pct(33), (999, "550.55", "448.45")),
        ];
        for (i, (lines, sale, (subtotal, discount, total))) in cases.into_iter().enumerate() {
            let mut cart = Cart::new();
            for (n, (price, q, d)) in lines.into_iter().enumerate() {
                let line = cart
                    .add(product(n as i64 + 1, price, "standard"), None, qty(q))
                    .expect("add");
                cart.set_line_discount(line, d).expect("discount");
            }
            cart.set_sale_discount(sale).expect("sale discount");
            let t = cart.totals();
            assert_eq!(t.subtotal, Som::whole(subtotal), "case {i}");
            assert_eq!(t.discount, Som::parse(discount).expect("amount"), "case {i}");
            assert_eq!(t.total, Som::parse(total).expect("amount"), "case {i}");
            assert_eq!(t.lines.iter().map(|l| l.amount).sum::<Som>(), t.total, "case {i}");
        }
    }

    #[test]
    fn void_and_edit_lines() {
        let mut cart = Cart::new();
        let a = cart.add(product(1, 1000, "standard"), None, qty(1)).expect("add");
        let mut felt = product(2, 500, "standard");
        felt.unit = crate::domain::catalog::Unit::Metre;
        let b = cart.add(felt, None, qty(1)).expect("add");
        cart.void_line(a).expect("void");
        assert_eq!(cart.totals().total, Som::whole(500));
        assert_eq!(cart.void_line(a), Err(CartError::NoLine(a)));
        cart.set_qty(b, Decimal::new(25, 1)).expect("qty");
        assert_eq!(cart.totals().total, Som::whole(1250));
        assert_eq!(cart.set_qty(b, Decimal::ZERO), Err(CartError::Quantity(Decimal::ZERO)));
        assert_eq!(
            cart.set_qty(b, Decimal::new(-1, 0)),
            Err(CartError::Quantity(Decimal::new(-1, 0)))
        );
        assert_eq!(
            cart.set_qty(b, Decimal::new(1, 4)),
            Err(CartError::QuantityPrecision(Decimal::new(1, 4)))
        );
        assert!(
            cart.set_line_discount(b, Some(Discount::Percent(Decimal::from(101))))
                .is_err()
        );
        let c = cart.add(product(3, 200, "standard"), None, qty(1)).expect("add");
        assert_eq!(c, 3, "line numbers are not reused after a void");
    }

    #[test]
    fn tax_preview_groups_by_vat() {
        let mut cart = Cart::new();
        cart.add(product(1, 1140, "standard"), None, qty(1)).expect("add");
        cart.add(product(2, 200, "exempt"), None, qty(1)).expect("add");
        let tax = cart.tax_preview(&TaxConfig::default(), PaymentKind::Cash).expect("tax");
        assert_eq!(tax.len(), 2);
        assert_eq!(tax[1].vat, Som::whole(120));
        assert_eq!(tax[1].sales_tax, Som::whole(20));
        assert_eq!(tax[0].vat, Som::ZERO);
        cart.add(product(3, 100, "luxury"), None, qty(1)).expect("add");
        assert!(cart.tax_preview(&TaxConfig::default(), PaymentKind::Cash).is_err());
    }
}
