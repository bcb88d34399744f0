//! A committed sale (or return): the lines with what was paid for each, the payments, the change and the tax
//! breakdown. Built from a cart and a settlement; numbered and stored by the store in one transaction.

use crate::domain::cart::{Cart, CartError};
use crate::domain::catalog::{Names, ProductId};
use crate::domain::currency::Rates;
use crate::domain::money::Som;
use crate::domain::payment::{Payment, PaymentError, PaymentRules, Settlement, Tender, applied_by_kind, settle};
use crate::domain::tax::{TaxConfig, TaxError, TaxLine, breakdown};
use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whether a document sells or takes goods back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SaleKind {
    Sale,
    Return,
}

impl SaleKind {
    pub fn code(self) -> &'static str {
        match self {
            SaleKind::Sale => "sale",
            SaleKind::Return => "return",
        }
    }
}

/// One line of a committed sale or return. Amounts are positive for both; the kind gives the direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLine {
    /// Row id once stored.
    pub id: Option<i64>,
    pub line_no: u32,
    pub product_id: ProductId,
    pub barcode: Option<String>,
    pub names: Names,
    pub category: String,
    pub qty: Decimal,
    pub unit_price: Som,
    /// Price × quantity.
    pub gross: Som,
    /// Line and sale discount together.
    pub discount: Som,
    /// What the customer paid (or is refunded) for this line.
    pub amount: Som,
    pub tax_group: String,
    pub vat_pct: Decimal,
    pub artisan: Option<String>,
    pub commission_pct: Option<Decimal>,
    /// For a return line: the sale line it gives back.
    pub original_line_id: Option<i64>,
}

/// A sale or return, before or after it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sale {
    pub id: Option<i64>,
    pub kind: SaleKind,
    pub register: String,
    /// Gapless per register; assigned inside the commit transaction.
    pub receipt_no: Option<i64>,
    /// For a return: the receipt it returns goods from.
    pub original_receipt_no: Option<i64>,
    pub at: DateTime<FixedOffset>,
    pub lines: Vec<SaleLine>,
    pub payments: Vec<Payment>,
    pub subtotal: Som,
    pub discount: Som,
    pub total: Som,
    pub change: Som,
    pub rounding: Som,
    pub tax: Vec<TaxLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaleError {
    #[error(transparent)]
    Cart(#[from] CartError),
    #[error(transparent)]
    Payment(#[from] PaymentError),
    #[error(transparent)]
    Tax(#[from] TaxError),
}

/// Everything a sale needs to know about the shop at the moment of sale.
pub struct SaleContext<'a> {
    pub register: &'a str,
    pub at: DateTime<FixedOffset>,
    pub tax: &'a TaxConfig,
    pub rules: &'a PaymentRules,
    pub rates: &'a Rates,
    /// Artisan code → the shop's commission percent, for consignment lines without their own rate.
    pub artisan_commission: &'a BTreeMap<String, Decimal>,
}

impl Sale {
    /// Prices the cart, settles the tenders and extracts the tax: a sale ready to be committed.
    pub fn from_cart(cart: &Cart, tenders: &[Tender], ctx: &SaleContext<'_>) -> Result<Sale, SaleError> {
        if cart.is_empty() {
            return Err(CartError::Empty.into());
        }
        // A cart from an older draft may hold what today's limits refuse; bounded lines keep every sum below
        // overflow.
        cart.check_limits()?;
        let totals = cart.totals();
        let settlement: Settlement = settle(totals.total, tenders, ctx.rules, ctx.rates)?;
        let mut lines = Vec::new();
        for (line, t) in cart.active_lines().zip(&totals.lines) {
            let product_id = line.product.id.ok_or(CartError::Unsaved)?;
            let commission_pct = line.product.commission_pct.or_else(|| {
                line.product
                    .artisan
                    .as_ref()
                    .and_then(|a| ctx.artisan_commission.get(a).copied())
            });
            lines.push(SaleLine {
                id: None,
                line_no: lines.len() as u32 + 1,
                product_id,
                barcode: line.barcode.as_ref().map(|b| b.to_string()),
                names: line.product.names.clone(),
                category: line.product.category.clone(),
                qty: line.qty,
                unit_price: line.unit_price,
                gross: t.gross,
                discount: t.line_discount + t.sale_discount,
                amount: t.amount,
                tax_group: line.product.tax_group.clone(),
                vat_pct: ctx.tax.vat_for(&line.product.tax_group)?,
                artisan: line.product.artisan.clone(),
                commission_pct,
                original_line_id: None,
            });
        }
        let tax = breakdown(&gross_by_vat(&lines), &applied_by_kind(&settlement.payments), ctx.tax);
        Ok(Sale {
            id: None,
            kind: SaleKind::Sale,
            register: ctx.register.to_string(),
            receipt_no: None,
            original_receipt_no: None,
            at: ctx.at,
            lines,
            payments: settlement.payments,
            subtotal: totals.subtotal,
            discount: totals.discount,
            total: totals.total,
            change: settlement.change,
            rounding: settlement.rounding,
            tax,
        })
    }

    /// Total quantity of items, for the receipt footer.
    pub fn item_count(&self) -> Decimal {
        self.lines.iter().map(|l| l.qty).sum()
    }
}

/// Line amounts per VAT percent.
pub fn gross_by_vat(lines: &[SaleLine]) -> BTreeMap<Decimal, Som> {
    let mut by_vat = BTreeMap::new();
    for line in lines {
        *by_vat.entry(line.vat_pct).or_default() += line.amount;
    }
    by_vat
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Product;
    use crate::domain::payment::PaymentKind;
    use chrono::TimeZone;

    fn product(id: i64, price: i64, artisan: Option<&str>) -> Product {
        Product {
            id: Some(ProductId(id)),
            names: Names::new("Шырдак", "Шырдак", "Shyrdak"),
            category: "carpets".into(),
            price: Som::whole(price),
            tax_group: "standard".into(),
            barcodes: vec![],
            attributes: Default::default(),
            artisan: artisan.map(str::to_string),
            commission_pct: None,
            unit: Default::default(),
            cost: None,
        }
    }

    #[test]
    fn a_split_tender_sale_adds_up() {
        let tax = TaxConfig::default();
        let rules = PaymentRules::default();
        let rates = Rates::default();
        let mut commission = BTreeMap::new();
        commission.insert("A01".to_string(), Decimal::from(25));
        let ctx = SaleContext {
            register: "R1",
            at: crate::domain::bishkek()
                .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
                .single()
                .expect("time"),
            tax: &tax,
            rules: &rules,
            rates: &rates,
            artisan_commission: &commission,
        };
        let mut cart = Cart::new();
        cart.add(product(1, 25000, Some("A01")), None, Decimal::ONE)
            .expect("add");
        cart.add(product(2, 650, None), None, Decimal::from(2)).expect("add");
        let tenders = [
            Tender::som(PaymentKind::Card, Som::whole(20000)),
            Tender::som(PaymentKind::Cash, Som::whole(7000)),
        ];
        let sale = Sale::from_cart(&cart, &tenders, &ctx).expect("sale");
        assert_eq!(sale.total, Som::whole(26300));
        assert_eq!(sale.change, Som::whole(700));
        assert_eq!(sale.lines[0].commission_pct, Some(Decimal::from(25)));
        assert_eq!(sale.lines[1].commission_pct, None);
        assert_eq!(sale.tax.iter().map(|t| t.gross).sum::<Som>(), sale.total);
        assert_eq!(sale.tax.len(), 2, "card part at 0% sales tax, cash part at 2%");
        assert_eq!(
            Sale::from_cart(&Cart::new(), &tenders, &ctx),
            Err(SaleError::Cart(CartError::Empty))
        );
    }
}
