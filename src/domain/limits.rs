//! The largest numbers a shop can have, defined once. Every amount and quantity that enters Usta (typed at the
//! till or the command line, imported from a catalog file, configured in settings or a tax-free scheme) is checked
//! against these bounds before it reaches the books, so the arithmetic on it can never overflow and no stored row
//! is ever saturated.
//!
//! | what                                                         | largest                        |
//! |--------------------------------------------------------------|--------------------------------|
//! | a price, a line amount, a discount, a cash move, a float, a payout, a fee or minimum | 99 999 999,99 som |
//! | a payment (what is tendered) and a receipt total             | 999 999 999,99 som             |
//! | a quantity (sold, received, adjusted, counted, opening stock) | 1 000 000 pieces, 3 decimals  |
//! | a percent (tax rate, discount, commission, refund share)      | 100                            |
//! | an exchange rate                                              | 1 000 000 som per unit, 6 decimals |
//! | a tax-free deadline                                           | 120 months                     |

use crate::domain::money::{group_decimal, parse_decimal};
use crate::domain::rounding::SOM_SCALE;
use rust_decimal::Decimal;

/// Quantities are kept to the thousandth (grams, millimetres) at most.
pub const QTY_SCALE: u32 = 3;

/// A kind of number, with its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A price or anything of the size of one line: 99 999 999,99 som.
    Line,
    /// A payment or a receipt total: 999 999 999,99 som.
    Receipt,
    /// A quantity of goods: 1 000 000 pieces.
    Qty,
    /// A percent: 100.
    Percent,
    /// Som per unit of a foreign currency: 1 000 000, to 6 decimals.
    Rate,
}

impl Bound {
    /// The largest value of this kind.
    pub fn max(self) -> Decimal {
        match self {
            Bound::Line => Decimal::new(9_999_999_999, SOM_SCALE),
            Bound::Receipt => Decimal::new(99_999_999_999, SOM_SCALE),
            Bound::Qty => Decimal::from(1_000_000),
            Bound::Percent => Decimal::from(100),
            Bound::Rate => Decimal::from(1_000_000),
        }
    }

    pub fn what(self) -> &'static str {
        match self {
            Bound::Line => "price or line amount",
            Bound::Receipt => "payment or receipt total",
            Bound::Qty => "quantity",
            Bound::Percent => "percent",
            Bound::Rate => "exchange rate",
        }
    }

    /// The bound as people read it: `99 999 999,99 som`, `1 000 000 pieces`, `100%`.
    pub fn limit_text(self) -> String {
        match self {
            Bound::Line | Bound::Receipt => {
                format!("{} som", group_decimal(self.max(), SOM_SCALE).replace('\u{a0}', " "))
            }
            Bound::Qty => format!("{} pieces", group_decimal(self.max(), 0).replace('\u{a0}', " ")),
            Bound::Percent => "100%".to_string(),
            Bound::Rate => "1 000 000 som per unit".to_string(),
        }
    }

    fn decimals(self) -> u32 {
        match self {
            Bound::Line | Bound::Receipt => SOM_SCALE,
            Bound::Qty => QTY_SCALE,
            Bound::Percent => 4,
            Bound::Rate => 6,
        }
    }
}

/// A number outside what a shop can have, named by the field it was given for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("{field}: {value} is more than a shop can have; the largest {} is {}", .bound.what(), .bound.limit_text())]
    TooLarge { field: String, value: String, bound: Bound },
    #[error("{field}: {value} is less than a shop can have; the smallest {} is -{}", .bound.what(), .bound.limit_text())]
    TooSmall { field: String, value: String, bound: Bound },
    #[error("{field}: {value} cannot be negative")]
    Negative { field: String, value: String },
    #[error("{field}: {value} has more than {decimals} decimals")]
    Precision {
        field: String,
        value: String,
        decimals: u32,
    },
    #[error("{field}: '{value}' is not a number")]
    NotANumber { field: String, value: String },
}

impl LimitError {
    /// `value` (as text) is beyond `bound`, e.g. a product that did not fit in a decimal at all.
    pub fn too_large(field: &str, value: &str, bound: Bound) -> Self {
        LimitError::TooLarge {
            field: field.to_string(),
            value: value.trim().to_string(),
            bound,
        }
    }
}

/// Checks `value` (given for `field`) against `bound`: its magnitude at most the bound, no more decimals than the
/// kind keeps. The sign is the caller's rule (a price must be positive, an adjustment may be negative).
pub fn check(field: &str, value: Decimal, bound: Bound) -> Result<Decimal, LimitError> {
    let max = bound.max();
    if value > max {
        return Err(LimitError::too_large(field, &value.normalize().to_string(), bound));
    }
    if value < -max {
        return Err(LimitError::TooSmall {
            field: field.to_string(),
            value: value.normalize().to_string(),
            bound,
        });
    }
    if value.normalize().scale() > bound.decimals() {
        return Err(LimitError::Precision {
            field: field.to_string(),
            value: value.normalize().to_string(),
            decimals: bound.decimals(),
        });
    }
    Ok(value)
}

/// Parses what a person typed for `field` and checks it against `bound`. A number too long to hold at all is
/// "more than the largest", not "not a number", so the message says what is wrong.
pub fn parse(field: &str, text: &str, bound: Bound) -> Result<Decimal, LimitError> {
    match parse_decimal(text) {
        Some(value) => check(field, value, bound),
        None => {
            let digits = text.trim().trim_start_matches(['-', '+']);
            if !digits.is_empty()
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
            {
                if text.trim().starts_with('-') {
                    return Err(LimitError::TooSmall {
                        field: field.to_string(),
                        value: text.trim().to_string(),
                        bound,
                    });
                }
                return Err(LimitError::too_large(field, text, bound));
            }
            Err(LimitError::NotANumber {
                field: field.to_string(),
                value: text.trim().to_string(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(field: &str, text: &str, bound: Bound) -> Result<String, String> {
        parse(field, text, bound)
            .map(|d| d.normalize().to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn bounds_table() {
        let cases: [(&str, Bound, Result<&str, &str>); 10] = [
            ("99999999.99", Bound::Line, Ok("99999999.99")),
            (
                "99999999999999999999",
                Bound::Line,
                Err(
                    "price: 99999999999999999999 is more than a shop can have; the largest price or line amount is 99 999 999,99 som",
                ),
            ),
            (
                "1000000000000000000000000000000000",
                Bound::Line,
                Err(
                    "price: 1000000000000000000000000000000000 is more than a shop can have; the largest price or line amount is 99 999 999,99 som",
                ),
            ),
            ("999 999 999,99", Bound::Receipt, Ok("999999999.99")),
            (
                "1000000000",
                Bound::Receipt,
                Err(
                    "price: 1000000000 is more than a shop can have; the largest payment or receipt total is 999 999 999,99 som",
                ),
            ),
            ("1000000", Bound::Qty, Ok("1000000")),
            (
                "1000000.001",
                Bound::Qty,
                Err("price: 1000000.001 is more than a shop can have; the largest quantity is 1 000 000 pieces"),
            ),
            (
                "-1000001",
                Bound::Qty,
                Err("price: -1000001 is less than a shop can have; the smallest quantity is -1 000 000 pieces"),
            ),
            ("0,0001", Bound::Qty, Err("price: 0.0001 has more than 3 decimals")),
            ("abc", Bound::Percent, Err("price: 'abc' is not a number")),
        ];
        for (text, bound, expected) in cases {
            assert_eq!(
                check_text("price", text, bound),
                expected.map(str::to_string).map_err(str::to_string),
                "{text}"
            );
        }
    }
}
