//! `Som`: an amount of the legal tender. Every amount on a sale, a payment, a return or a ledger is a `Som`, so
//! the type system keeps foreign currency (see `currency`) out of the books.

use crate::domain::rounding::{SOM_SCALE, round_line};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

/// An amount in Kyrgyz som (ISO 4217 KGS, numeric 417), exact to the tyiyn once rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Som(pub Decimal);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("'{0}' is not an amount (expected e.g. 1450 or 1450,50)")]
    NotANumber(String),
    #[error("'{0}' has more than two decimals; som are counted to the tyiyn")]
    TooPrecise(String),
    #[error("{0} som is beyond what an amount can hold")]
    OutOfRange(String),
    #[error(transparent)]
    Limit(#[from] crate::domain::limits::LimitError),
}

impl Som {
    pub const ZERO: Som = Som(Decimal::ZERO);

    pub fn new(amount: Decimal) -> Self {
        Som(amount)
    }

    /// Whole som, for literals and tests.
    pub fn whole(som: i64) -> Self {
        Som(Decimal::from(som))
    }

    /// From tyiyn, as the database and the ticket QR keep it.
    pub fn from_tyiyn(tyiyn: i64) -> Self {
        Som(Decimal::new(tyiyn, SOM_SCALE))
    }

    /// Tyiyn as an integer; the amount is rounded to the tyiyn first. An amount too large for an i64 is an error,
    /// never a panic and never a silently saturated number.
    pub fn tyiyn(self) -> Result<i64, AmountError> {
        // Amounts read from the books are already whole tyiyn (scale 2, or whole som): no rounding to do.
        if self.0.scale() <= SOM_SCALE
            && let Ok(m) = i64::try_from(self.0.mantissa())
            && let Some(t) = m.checked_mul(10i64.pow(SOM_SCALE - self.0.scale()))
        {
            return Ok(t);
        }
        let out_of_range = || AmountError::OutOfRange(self.0.normalize().to_string());
        let scaled = round_line(self.0)
            .checked_mul(Decimal::from(100))
            .ok_or_else(out_of_range)?;
        i64::try_from(scaled.trunc()).map_err(|_| out_of_range())
    }

    /// Tyiyn as decimal digits (`-5`, `250000`), for text such as the ticket QR: exact for any amount.
    pub fn tyiyn_text(self) -> String {
        let plain = self.plain();
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let digits = digits.replace('.', "");
        let digits = digits.trim_start_matches('0');
        match digits {
            "" => "0".to_string(),
            d => format!("{sign}{d}"),
        }
    }

    /// `self + rhs`, or `None` when the sum does not fit in a decimal.
    pub fn checked_add(self, rhs: Som) -> Option<Som> {
        self.0.checked_add(rhs.0).map(Som)
    }

    /// `self - rhs`, or `None` when the difference does not fit in a decimal.
    pub fn checked_sub(self, rhs: Som) -> Option<Som> {
        self.0.checked_sub(rhs.0).map(Som)
    }

    /// `self × factor`, or `None` when the product does not fit in a decimal.
    pub fn checked_mul(self, factor: Decimal) -> Option<Som> {
        self.0.checked_mul(factor).map(Som)
    }

    /// The sum of `amounts`, or `None` when it does not fit in a decimal.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Som>) -> Option<Som> {
        amounts.into_iter().try_fold(Som::ZERO, Som::checked_add)
    }

    /// Parses what a person typed for `field` and bounds it: at most `bound`, to the tyiyn.
    pub fn parse_for(
        field: &str,
        text: &str,
        bound: crate::domain::limits::Bound,
    ) -> Result<Som, crate::domain::limits::LimitError> {
        crate::domain::limits::parse(field, text, bound).map(Som)
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    /// Parses what a person types: `1450`, `1450.50`, `1450,50`, `1 450,50`, `1 450.50 сом`.
    pub fn parse(text: &str) -> Result<Som, AmountError> {
        let amount = parse_decimal(text).ok_or_else(|| AmountError::NotANumber(text.to_string()))?;
        if amount.normalize().scale() > SOM_SCALE {
            return Err(AmountError::TooPrecise(text.to_string()));
        }
        Ok(Som(amount))
    }

    /// Plain machine form with a dot and two decimals: `1450.50`.
    pub fn plain(self) -> String {
        format!("{:.2}", round_line(self.0))
    }
}

/// Parses a decimal as people and spreadsheets write it: dot or comma decimal separator, spaces (including
/// no-break spaces) as thousands separators, an optional trailing currency word.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let trimmed = text.trim();
    let trimmed = ["сом", "som", "KGS", "с"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed);
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() || cleaned.matches('.').count() > 1 {
        return None;
    }
    if !cleaned
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
    {
        return None;
    }
    Decimal::from_str(&cleaned).ok()
}

/// Groups the integer part in threes with a no-break space and uses a decimal comma, as Kyrgyz and Russian
/// receipts do: `1 234,50`.
pub fn group_decimal(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    match frac_part {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl fmt::Display for Som {
    /// `1 234,50 сом` with a no-break space between thousands.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\u{a0}сом", group_decimal(self.0, SOM_SCALE))
    }
}

impl Add for Som {
    type Output = Som;
    fn add(self, rhs: Som) -> Som {
        Som(self.0 + rhs.0)
    }
}

impl AddAssign for Som {
    fn add_assign(&mut self, rhs: Som) {
        self.0 += rhs.0;
    }
}

impl Sub for Som {
    type Output = Som;
    fn sub(self, rhs: Som) -> Som {
        Som(self.0 - rhs.0)
    }
}

impl SubAssign for Som {
    fn sub_assign(&mut self, rhs: Som) {
        self.0 -= rhs.0;
    }
}

impl Neg for Som {
    type Output = Som;
    fn neg(self) -> Som {
        Som(-self.0)
    }
}

impl Sum for Som {
    fn sum<I: Iterator<Item = Som>>(iter: I) -> Som {
        iter.fold(Som::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tyiyn_of_whole_tyiyn_is_the_rounded_value() {
        for text in [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "1",
            "-1",
            "12.5",
            "-12.50",
            "2500.00",
            "0.01",
            "-0.01",
            "0.005",
            "-0.005",
            "1.234",
            "92233720368547758.07",
            "-92233720368547758.08",
            "92233720368547758.08",
            "1e3",
        ] {
            let Ok(v) = text.parse::<Decimal>().or_else(|_| Decimal::from_scientific(text)) else {
                panic!("{text}")
            };
            let slow = round_line(v)
                .checked_mul(Decimal::from(100))
                .and_then(|s| i64::try_from(s.trunc()).ok());
            assert_eq!(Som::new(v).tyiyn().ok(), slow, "{text}");
        }
    }

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("1450", "1450.00"),
            ("1450.5", "1450.50"),
            ("1450,50", "1450.50"),
            ("1 450,50", "1450.50"),
            ("1\u{a0}450,50 сом", "1450.50"),
            ("120000 som", "120000.00"),
            ("0,01", "0.01"),
        ];
        for (input, expected) in cases {
            assert_eq!(Som::parse(input).map(Som::plain), Ok(expected.to_string()), "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert!(matches!(Som::parse("abc"), Err(AmountError::NotANumber(_))));
        assert!(matches!(Som::parse("1.2.3"), Err(AmountError::NotANumber(_))));
        assert!(matches!(Som::parse(""), Err(AmountError::NotANumber(_))));
        assert!(matches!(Som::parse("1-2"), Err(AmountError::NotANumber(_))));
        assert!(matches!(Som::parse("1.005"), Err(AmountError::TooPrecise(_))));
    }

    #[test]
    fn displays_kyrgyz_style() {
        assert_eq!(Som::from_tyiyn(123450).to_string(), "1\u{a0}234,50\u{a0}сом");
        assert_eq!(Som::whole(120000).to_string(), "120\u{a0}000,00\u{a0}сом");
        assert_eq!(Som::whole(200).to_string(), "200,00\u{a0}сом");
        assert_eq!(Som::from_tyiyn(-5).to_string(), "-0,05\u{a0}сом");
    }

    #[test]
    fn tyiyn_round_trip() {
        for t in [0, 1, 99, 100, 123_456_789, -250, i64::MAX, i64::MIN] {
            assert_eq!(Som::from_tyiyn(t).tyiyn(), Ok(t));
        }
    }

    #[test]
    fn tyiyn_text_is_exact() {
        for t in [0, 1, -5, 99, 250_000, i64::MAX, i64::MIN] {
            assert_eq!(Som::from_tyiyn(t).tyiyn_text(), t.to_string());
        }
        assert_eq!(Som(Decimal::MAX).tyiyn_text(), format!("{}00", Decimal::MAX));
    }

    #[test]
    fn tyiyn_beyond_i64_is_an_error_not_a_saturation() {
        for amount in [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from(i64::MAX),
            Decimal::from_str("1000000000000000000000000000").expect("d"),
        ] {
            assert!(
                matches!(Som(amount).tyiyn(), Err(AmountError::OutOfRange(_))),
                "{amount}"
            );
        }
    }
}
