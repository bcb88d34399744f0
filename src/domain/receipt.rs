//! The receipt as a printer-independent document: what a sale or return says to the customer. Printers, the
//! screen preview and the CLI all render this one document, so they cannot disagree.

use crate::domain::catalog::Lang;
use crate::domain::currency::{Money, Rates};
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::sale::{Sale, SaleKind};
use crate::domain::tax::TaxLine;
use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The shop as it appears on every receipt.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShopInfo {
    pub name: String,
    pub address: String,
    /// Taxpayer identification number (ИНН), 14 digits in Kyrgyzstan.
    pub tin: String,
    /// The cash register's registration number with the tax service.
    pub register_reg_no: String,
    pub phone: String,
    /// Lines printed under the receipt, e.g. thanks in the shop's languages.
    pub footer: Vec<String>,
}

/// The fiscal stamp of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Fiscal {
    /// No fiscal register: the receipt says "TRAINING — NOT FISCAL".
    Training,
    /// Registered with the built-in training simulator: fiscal fields as a real register gives them, and the
    /// receipt still says "TRAINING — NOT FISCAL".
    Simulated {
        fn_number: String,
        fd_number: String,
        fiscal_sign: String,
    },
    Registered {
        fn_number: String,
        fd_number: String,
        fiscal_sign: String,
    },
}

/// One line as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub name: String,
    pub qty: Decimal,
    pub unit_price: Som,
    pub discount: Som,
    pub amount: Som,
    pub vat_pct: Decimal,
}

/// One payment as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptPayment {
    pub kind: PaymentKind,
    pub tendered: Money,
    pub amount: Som,
}

/// Everything a receipt shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptDoc {
    pub shop: ShopInfo,
    pub lang: Lang,
    pub kind: SaleKind,
    pub register: String,
    pub receipt_no: i64,
    pub original_receipt_no: Option<i64>,
    pub at: DateTime<FixedOffset>,
    pub lines: Vec<ReceiptLine>,
    pub subtotal: Som,
    pub discount: Som,
    pub rounding: Som,
    pub total: Som,
    pub tax: Vec<TaxLine>,
    pub payments: Vec<ReceiptPayment>,
    pub change: Som,
    /// The total in other currencies at the day's rates, for information.
    pub foreign_totals: Vec<Money>,
    /// The date of the rates behind `foreign_totals` when it is more than three days before the sale, so the
    /// receipt says how old they are.
    #[serde(default)]
    pub stale_rates: Option<chrono::NaiveDate>,
    pub fiscal: Fiscal,
    /// The text of the receipt's QR code (the tax service's ticket link).
    pub qr_payload: String,
    /// Set on reprints.
    pub copy: bool,
    /// Who rang the sale up (the signed-in user), when anyone was signed in.
    #[serde(default)]
    pub cashier: Option<String>,
}

impl ReceiptDoc {
    /// The document for a committed sale or return (`sale.receipt_no` must be set).
    pub fn new(sale: &Sale, shop: &ShopInfo, lang: Lang, rates: &Rates, fiscal: Fiscal) -> ReceiptDoc {
        let receipt_no = sale.receipt_no.unwrap_or_default();
        let (fn_number, fd_number, fm) = match &fiscal {
            Fiscal::Training => (String::new(), receipt_no.to_string(), String::new()),
            Fiscal::Registered {
                fn_number,
                fd_number,
                fiscal_sign,
            }
            | Fiscal::Simulated {
                fn_number,
                fd_number,
                fiscal_sign,
            } => (fn_number.clone(), fd_number.clone(), fiscal_sign.clone()),
        };
        let qr_payload = ticket_url(&TicketRef {
            at: sale.at,
            kind: sale.kind,
            fn_number: &fn_number,
            fd_number: &fd_number,
            fiscal_sign: &fm,
            tin: &shop.tin,
            reg_no: &shop.register_reg_no,
            total: sale.total + sale.rounding,
        });
        ReceiptDoc {
            shop: shop.clone(),
            lang,
            kind: sale.kind,
            register: sale.register.clone(),
            receipt_no,
            original_receipt_no: sale.original_receipt_no,
            at: sale.at,
            lines: sale
                .lines
                .iter()
                .map(|l| ReceiptLine {
                    name: l.names.get(lang).to_string(),
                    qty: l.qty,
                    unit_price: l.unit_price,
                    discount: l.discount,
                    amount: l.amount,
                    vat_pct: l.vat_pct,
                })
                .collect(),
            subtotal: sale.subtotal,
            discount: sale.discount,
            rounding: sale.rounding,
            total: sale.total,
            tax: sale.tax.clone(),
            payments: sale
                .payments
                .iter()
                .map(|p| ReceiptPayment {
                    kind: p.kind,
                    tendered: p.tendered,
                    amount: p.tendered_som,
                })
                .collect(),
            change: sale.change,
            foreign_totals: rates.foreign_totals(sale.total + sale.rounding),
            stale_rates: rates.stale_on(sale.at.date_naive()),
            fiscal,
            qr_payload,
            copy: false,
            cashier: None,
        }
    }
}

/// What the tax service's ticket link identifies.
pub struct TicketRef<'a> {
    pub at: DateTime<FixedOffset>,
    pub kind: SaleKind,
    pub fn_number: &'a str,
    pub fd_number: &'a str,
    pub fiscal_sign: &'a str,
    pub tin: &'a str,
    pub reg_no: &'a str,
    pub total: Som,
}

/// The ККМ-online ticket link printed as the receipt's QR code: date in local time, operation type 1 for a sale
/// and 2 for a return, the sum in tyiyn.
pub fn ticket_url(t: &TicketRef<'_>) -> String {
    let operation = match t.kind {
        SaleKind::Sale => 1,
        SaleKind::Return => 2,
    };
    format!(
        "https://tax.salyk.kg/tax-web-control/client/api/v1/ticket?date={}&type=3&operation_type={operation}\
         &fn_number={}&fd_number={}&fm={}&tin={}&regNumber={}&sum={}",
        t.at.format("%Y%m%dT%H%M%S"),
        t.fn_number,
        t.fd_number,
        t.fiscal_sign,
        t.tin,
        t.reg_no,
        t.total.tyiyn_text()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ticket_link_format() {
        let at = crate::domain::bishkek()
            .with_ymd_and_hms(2026, 11, 28, 9, 5, 7)
            .single()
            .expect("time");
        let url = ticket_url(&TicketRef {
            at,
            kind: SaleKind::Return,
            fn_number: "0000000000012345",
            fd_number: "42",
            fiscal_sign: "3366177710",
            tin: "01234567890123",
            reg_no: "0000123456",
            total: Som::from_tyiyn(145_050),
        });
        assert_eq!(
            url,
            "https://tax.salyk.kg/tax-web-control/client/api/v1/ticket?date=20261128T090507&type=3&operation_type=2\
             &fn_number=0000000000012345&fd_number=42&fm=3366177710&tin=01234567890123&regNumber=0000123456&sum=145050"
        );
    }
}
