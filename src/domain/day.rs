//! The business day: the cash drawer's float, cash in and out, what the drawer should hold per currency, what was
//! counted, the variance, and the X (any time) and Z (at close) reports built from the day's facts.

use crate::domain::currency::{Currency, Money};
use crate::domain::money::{Som, parse_decimal};
use crate::domain::payment::PaymentKind;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Som banknotes and coins in circulation, largest first, for the counting helper.
pub const SOM_DENOMINATIONS: [Decimal; 14] = [
    Decimal::from_parts(5000, 0, 0, false, 0),
    Decimal::from_parts(2000, 0, 0, false, 0),
    Decimal::from_parts(1000, 0, 0, false, 0),
    Decimal::from_parts(500, 0, 0, false, 0),
    Decimal::from_parts(200, 0, 0, false, 0),
    Decimal::from_parts(100, 0, 0, false, 0),
    Decimal::from_parts(50, 0, 0, false, 0),
    Decimal::from_parts(20, 0, 0, false, 0),
    Decimal::from_parts(10, 0, 0, false, 0),
    Decimal::from_parts(5, 0, 0, false, 0),
    Decimal::from_parts(3, 0, 0, false, 0),
    Decimal::from_parts(1, 0, 0, false, 0),
    Decimal::from_parts(50, 0, 0, false, 2),
    Decimal::from_parts(10, 0, 0, false, 2),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("'{0}' is not CURRENCY:AMOUNT (e.g. KGS:5000 or USD:100)")]
    NotAnAmount(String),
    #[error("{0} som is not a som banknote or coin")]
    NotADenomination(Decimal),
    #[error("a count cannot be negative ({0})")]
    Negative(String),
    #[error("{0} is listed twice")]
    Twice(Currency),
    #[error("an amount of cash must be positive ({0})")]
    NotPositive(String),
    #[error(transparent)]
    Limit(#[from] crate::domain::limits::LimitError),
}

/// Bounds an amount of cash given for `field` (a float, a cash move, a count) like any line amount, in its own
/// currency.
pub fn check_cash(field: &str, money: Money) -> Result<Money, DayError> {
    use crate::domain::limits::{Bound, check};
    let field = format!("{field} ({})", money.currency.code());
    check(
        &field,
        money.amount.round_dp(money.currency.minor_units().max(2)),
        Bound::Line,
    )?;
    Ok(money)
}

/// Reads `KGS:5000`, `usd:100`, `KGS:1 450,50` (a bare amount is som).
pub fn parse_cash(text: &str) -> Result<Money, DayError> {
    let bad = || DayError::NotAnAmount(text.to_string());
    let (currency, amount) = match text.split_once(':') {
        Some((c, a)) => (c.parse::<Currency>().map_err(|_| bad())?, a),
        None => (Currency::Kgs, text),
    };
    let amount = parse_decimal(amount).ok_or_else(bad)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(DayError::Negative(text.to_string()));
    }
    if amount.normalize().scale() > currency.minor_units() {
        return Err(bad());
    }
    Ok(Money::new(amount, currency))
}

/// Several `CUR:AMOUNT` into one amount per currency; a currency may appear once.
pub fn parse_cash_list(items: &[String]) -> Result<Vec<Money>, DayError> {
    let mut out: Vec<Money> = Vec::new();
    for item in items {
        let m = parse_cash(item)?;
        if out.iter().any(|o| o.currency == m.currency) {
            return Err(DayError::Twice(m.currency));
        }
        out.push(m);
    }
    out.sort_by_key(|m| m.currency);
    Ok(out)
}

/// The som in the drawer from a count of pieces per denomination.
pub fn count_som(pieces: &[(Decimal, u32)]) -> Result<Som, DayError> {
    let mut total = Decimal::ZERO;
    for (value, n) in pieces {
        if !SOM_DENOMINATIONS.contains(value) {
            return Err(DayError::NotADenomination(*value));
        }
        total += *value * Decimal::from(*n);
    }
    crate::domain::limits::check("counted cash", total, crate::domain::limits::Bound::Line)?;
    Ok(Som::new(total))
}

/// Why cash went into or out of the drawer other than a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CashMoveKind {
    /// The opening float.
    Float,
    In,
    Out,
    /// Cash handed to an artisan.
    Payout,
}

impl CashMoveKind {
    pub fn code(self) -> &'static str {
        match self {
            CashMoveKind::Float => "float",
            CashMoveKind::In => "in",
            CashMoveKind::Out => "out",
            CashMoveKind::Payout => "payout",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Float, Self::In, Self::Out, Self::Payout]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// +1 when cash comes in, -1 when it goes out.
    pub fn sign(self) -> Decimal {
        match self {
            CashMoveKind::Float | CashMoveKind::In => Decimal::ONE,
            CashMoveKind::Out | CashMoveKind::Payout => Decimal::NEGATIVE_ONE,
        }
    }
}

/// Cash of one currency through the drawer during the day.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CashFlow {
    #[serde(with = "rust_decimal::serde::str")]
    pub float: Decimal,
    /// Cash taken for sales, less the change given (change only in som).
    #[serde(with = "rust_decimal::serde::str")]
    pub sales: Decimal,
    /// Cash refunded on returns.
    #[serde(with = "rust_decimal::serde::str")]
    pub refunds: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub cash_in: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub cash_out: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub payouts: Decimal,
}

impl CashFlow {
    pub fn expected(&self) -> Decimal {
        self.float + self.sales - self.refunds + self.cash_in - self.cash_out - self.payouts
    }

    /// Adds a non-sale cash movement.
    pub fn add_move(&mut self, kind: CashMoveKind, amount: Decimal) {
        match kind {
            CashMoveKind::Float => self.float += amount,
            CashMoveKind::In => self.cash_in += amount,
            CashMoveKind::Out => self.cash_out += amount,
            CashMoveKind::Payout => self.payouts += amount,
        }
    }
}

/// One currency's line of the drawer: the flow, what it should hold, and (at close) what was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawerLine {
    pub currency: Currency,
    pub flow: CashFlow,
    #[serde(with = "rust_decimal::serde::str")]
    pub expected: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub counted: Option<Decimal>,
    /// Counted minus expected: negative is a shortage.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub variance: Option<Decimal>,
}

/// Money taken and refunded per payment kind (in som, as applied to the receipts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindTotal {
    pub kind: PaymentKind,
    pub sales: Som,
    pub refunds: Som,
}

/// Tax per rate pair, returns subtracted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxTotal {
    #[serde(with = "rust_decimal::serde::str")]
    pub vat_pct: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub sales_tax_pct: Decimal,
    pub gross: Som,
    pub vat: Som,
    pub sales_tax: Som,
    pub net: Som,
}

/// What the store reads about a day; the report is built from it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DayFacts {
    pub sales_count: i64,
    pub returns_count: i64,
    pub sales_total: Som,
    pub returns_total: Som,
    pub discounts: Som,
    pub payments: Vec<KindTotal>,
    pub tax: Vec<TaxTotal>,
    /// Cash flows per currency (sales cash and non-sale movements).
    pub cash: Vec<(Currency, CashFlow)>,
}

/// X (mid-day, changes nothing) or Z (the closing report, stored and printed once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    X,
    Z,
}

/// The X or Z report of a business day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayReport {
    pub kind: ReportKind,
    pub day: NaiveDate,
    pub register: String,
    pub opened_at: String,
    /// The moment of the report (the close for a Z report).
    pub at: String,
    pub sales_count: i64,
    pub returns_count: i64,
    pub sales_total: Som,
    pub returns_total: Som,
    /// Sales less returns.
    pub net: Som,
    pub discounts: Som,
    pub payments: Vec<KindTotal>,
    pub tax: Vec<TaxTotal>,
    pub drawer: Vec<DrawerLine>,
}

/// Builds the report; `counts` (for a Z report) are what was counted per currency. The som line is always there;
/// another currency appears when it moved or was counted. A currency not counted at close counts as zero.
pub fn report(
    kind: ReportKind,
    day: NaiveDate,
    register: &str,
    opened_at: &str,
    at: &str,
    facts: &DayFacts,
    counts: Option<&[Money]>,
) -> DayReport {
    let mut drawer = Vec::new();
    for currency in Currency::ALL {
        let flow = facts.cash.iter().find(|(c, _)| *c == currency).map(|(_, f)| f.clone());
        let counted = counts.map(|cs| {
            cs.iter()
                .find(|m| m.currency == currency)
                .map_or(Decimal::ZERO, |m| m.amount)
        });
        let was_counted = counts.is_some_and(|cs| cs.iter().any(|m| m.currency == currency));
        if currency != Currency::Kgs && flow.is_none() && !was_counted {
            continue;
        }
        let flow = flow.unwrap_or_default();
        let expected = flow.expected();
        drawer.push(DrawerLine {
            currency,
            expected,
            variance: counted.map(|c| c - expected),
            counted,
            flow,
        });
    }
    DayReport {
        kind,
        day,
        register: register.to_string(),
        opened_at: opened_at.to_string(),
        at: at.to_string(),
        sales_count: facts.sales_count,
        returns_count: facts.returns_count,
        sales_total: facts.sales_total,
        returns_total: facts.returns_total,
        net: facts.sales_total - facts.returns_total,
        discounts: facts.discounts,
        payments: facts.payments.clone(),
        tax: facts.tax.clone(),
        drawer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn check_cash(input: &str, expected: Result<(Currency, &str), ()>) {
        let got = parse_cash(input).map(|m| (m.currency, m.amount)).map_err(|_| ());
        assert_eq!(got, expected.map(|(c, a)| (c, dec(a))), "{input}");
    }

    #[test]
    fn cash_amounts_as_typed() {
        check_cash("KGS:5000", Ok((Currency::Kgs, "5000")));
        check_cash("usd:100", Ok((Currency::Usd, "100")));
        check_cash("KGS:1 450,50", Ok((Currency::Kgs, "1450.50")));
        check_cash("750", Ok((Currency::Kgs, "750")));
        check_cash("KGS:-5", Err(()));
        check_cash("XXX:5", Err(()));
        check_cash("KGS:1.555", Err(()));
        check_cash("KGS:", Err(()));
        assert_eq!(
            parse_cash_list(&["KGS:1".into(), "kgs:2".into()]),
            Err(DayError::Twice(Currency::Kgs))
        );
    }

    #[test]
    fn denomination_helper_adds_notes_and_coins() {
        let total = count_som(&[(dec("5000"), 2), (dec("200"), 3), (dec("3"), 1), (dec("0.50"), 3)]);
        assert_eq!(total, Ok(Som::new(dec("10604.50"))));
        assert_eq!(
            count_som(&[(dec("250"), 1)]),
            Err(DayError::NotADenomination(dec("250")))
        );
    }

    #[test]
    fn expected_cash_and_variance_per_currency() {
        let facts = DayFacts {
            cash: vec![
                (
                    Currency::Kgs,
                    CashFlow {
                        float: dec("5000"),
                        sales: dec("12400"),
                        refunds: dec("900"),
                        cash_in: dec("1000"),
                        cash_out: dec("300"),
                        payouts: dec("2000"),
                    },
                ),
                (
                    Currency::Usd,
                    CashFlow {
                        sales: dec("40"),
                        ..CashFlow::default()
                    },
                ),
            ],
            ..DayFacts::default()
        };
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let counts = [
            Money::new(dec("15150"), Currency::Kgs),
            Money::new(dec("20"), Currency::Eur),
        ];
        let z = report(ReportKind::Z, day, "R1", "a", "b", &facts, Some(&counts));
        let lines: Vec<_> = z
            .drawer
            .iter()
            .map(|l| (l.currency, l.expected, l.counted, l.variance))
            .collect();
        assert_eq!(
            lines,
            vec![
                (Currency::Kgs, dec("15200"), Some(dec("15150")), Some(dec("-50"))),
                (Currency::Usd, dec("40"), Some(dec("0")), Some(dec("-40"))),
                (Currency::Eur, dec("0"), Some(dec("20")), Some(dec("20"))),
            ]
        );
        let x = report(ReportKind::X, day, "R1", "a", "b", &facts, None);
        assert_eq!(x.drawer.len(), 2);
        assert!(x.drawer.iter().all(|l| l.counted.is_none() && l.variance.is_none()));
    }
}
