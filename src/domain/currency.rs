//! Currencies other than the som, for showing a tourist the total in money they know and, when the shop allows
//! it, for taking foreign cash. Rates are som per one unit of the currency, dated, entered by the manager or
//! imported from the National Bank's daily list.

use crate::domain::money::{Som, group_decimal};
use crate::domain::rounding::{SOM_SCALE, round_conversion};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The currencies Usta knows, with their ISO 4217 codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Kgs,
    Usd,
    Eur,
    Rub,
    Kzt,
}

impl Currency {
    pub const ALL: [Currency; 5] = [
        Currency::Kgs,
        Currency::Usd,
        Currency::Eur,
        Currency::Rub,
        Currency::Kzt,
    ];
    /// The currencies a total is shown in besides the som.
    pub const FOREIGN: [Currency; 4] = [Currency::Usd, Currency::Eur, Currency::Rub, Currency::Kzt];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Kgs => "KGS",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Rub => "RUB",
            Currency::Kzt => "KZT",
        }
    }

    pub fn numeric(self) -> u16 {
        match self {
            Currency::Kgs => 417,
            Currency::Usd => 840,
            Currency::Eur => 978,
            Currency::Rub => 643,
            Currency::Kzt => 398,
        }
    }

    pub fn minor_units(self) -> u32 {
        match self {
            Currency::Kgs => SOM_SCALE,
            _ => 2,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Kgs => "сом",
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Rub => "₽",
            Currency::Kzt => "₸",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurrencyError {
    #[error("unknown currency '{0}' (known: KGS, USD, EUR, RUB, KZT)")]
    Unknown(String),
    #[error("no exchange rate for {0}; enter today's rate first")]
    NoRate(Currency),
    #[error("exchange rate for {currency} must be positive, got {rate}")]
    BadRate { currency: Currency, rate: Decimal },
    #[error(transparent)]
    Limit(#[from] crate::domain::limits::LimitError),
}

impl FromStr for Currency {
    type Err = CurrencyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s.trim()) || c.numeric().to_string() == s.trim())
            .ok_or_else(|| CurrencyError::Unknown(s.to_string()))
    }
}

/// An amount in any currency. Only for display and foreign cash; the books are kept in `Som`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\u{a0}{}",
            group_decimal(self.amount, self.currency.minor_units()),
            self.currency.code()
        )
    }
}

/// Som per one unit of a currency on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRate {
    pub currency: Currency,
    #[serde(with = "rust_decimal::serde::str")]
    pub som_per_unit: Decimal,
    pub date: NaiveDate,
}

impl ExchangeRate {
    pub fn new(currency: Currency, som_per_unit: Decimal, date: NaiveDate) -> Result<Self, CurrencyError> {
        if som_per_unit <= Decimal::ZERO {
            return Err(CurrencyError::BadRate {
                currency,
                rate: som_per_unit,
            });
        }
        crate::domain::limits::check(
            &format!("{} rate", currency.code()),
            som_per_unit,
            crate::domain::limits::Bound::Rate,
        )?;
        Ok(ExchangeRate {
            currency,
            som_per_unit,
            date,
        })
    }
}

/// The rates in force for a day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rates {
    pub rates: Vec<ExchangeRate>,
}

impl Rates {
    pub fn new(rates: Vec<ExchangeRate>) -> Self {
        Rates { rates }
    }

    pub fn get(&self, currency: Currency) -> Option<&ExchangeRate> {
        self.rates.iter().find(|r| r.currency == currency)
    }

    /// A som amount in another currency, rounded to that currency's minor unit.
    pub fn from_som(&self, som: Som, currency: Currency) -> Result<Money, CurrencyError> {
        if currency == Currency::Kgs {
            return Ok(Money::new(som.amount(), Currency::Kgs));
        }
        let rate = self.get(currency).ok_or(CurrencyError::NoRate(currency))?;
        let amount = som
            .amount()
            .checked_div(rate.som_per_unit)
            .ok_or(CurrencyError::BadRate {
                currency,
                rate: rate.som_per_unit,
            })?;
        let amount = round_conversion(amount, currency.minor_units());
        Ok(Money::new(amount, currency))
    }

    /// A foreign amount in som, rounded to the tyiyn.
    pub fn to_som(&self, money: Money) -> Result<Som, CurrencyError> {
        if money.currency == Currency::Kgs {
            return Ok(Som(money.amount));
        }
        let rate = self.get(money.currency).ok_or(CurrencyError::NoRate(money.currency))?;
        let som = money.amount.checked_mul(rate.som_per_unit).ok_or_else(|| {
            crate::domain::limits::LimitError::too_large(
                "payment in som",
                &format!("{money} × {}", rate.som_per_unit),
                crate::domain::limits::Bound::Receipt,
            )
        })?;
        Ok(Som(round_conversion(som, SOM_SCALE)))
    }

    /// The date of the oldest rate when it is more than three days before `day`
    /// ([`crate::domain::nbkr::STALE_AFTER_DAYS`]): a total shown with it must say so.
    pub fn stale_on(&self, day: NaiveDate) -> Option<NaiveDate> {
        let oldest = self.rates.iter().map(|r| r.date).min()?;
        crate::domain::nbkr::stale(oldest, day).then_some(oldest)
    }

    /// The total shown in every foreign currency that has a rate.
    pub fn foreign_totals(&self, total: Som) -> Vec<Money> {
        Currency::FOREIGN
            .iter()
            .filter_map(|c| self.from_som(total, *c).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> Rates {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        Rates::new(vec![
            ExchangeRate::new(Currency::Usd, Decimal::new(8745, 2), day).expect("usd"),
            ExchangeRate::new(Currency::Kzt, Decimal::new(1745, 4), day).expect("kzt"),
        ])
    }

    #[test]
    fn converts_both_ways_with_rounding() {
        let r = rates();
        assert_eq!(
            r.from_som(Som::whole(1450), Currency::Usd),
            Ok(Money::new(Decimal::new(1658, 2), Currency::Usd))
        );
        assert_eq!(
            r.to_som(Money::new(Decimal::from(20), Currency::Usd)),
            Ok(Som::whole(1749))
        );
        assert_eq!(
            r.from_som(Som::whole(1000), Currency::Kzt).map(|m| m.amount),
            Ok(Decimal::new(573066, 2))
        );
        assert_eq!(
            r.from_som(Som::whole(1), Currency::Eur),
            Err(CurrencyError::NoRate(Currency::Eur))
        );
        assert_eq!(r.foreign_totals(Som::whole(100)).len(), 2);
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
        assert_eq!(r.stale_on(day(1)), None, "three days old is still fresh");
        assert_eq!(r.stale_on(day(2)), NaiveDate::from_ymd_opt(2026, 11, 28));
        assert_eq!(Rates::default().stale_on(day(2)), None);
    }

    #[test]
    fn parses_codes_and_numbers() {
        assert_eq!("usd".parse::<Currency>(), Ok(Currency::Usd));
        assert_eq!("417".parse::<Currency>(), Ok(Currency::Kgs));
        assert!("XYZ".parse::<Currency>().is_err());
    }

    #[test]
    fn refuses_non_positive_rates() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        assert!(ExchangeRate::new(Currency::Eur, Decimal::ZERO, day).is_err());
    }
}
