//! Paying for a sale: split tender over cash, card and QR-mobile; change is always given in som and only from
//! cash; foreign cash only when the shop enables it.

use crate::domain::currency::{Currency, CurrencyError, Money, Rates};
use crate::domain::money::Som;
use crate::domain::rounding::{round_cash, round_line};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How the customer pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentKind {
    Cash,
    Card,
    /// QR-mobile payment (ELQR, bank apps).
    Qr,
}

impl PaymentKind {
    pub const ALL: [PaymentKind; 3] = [PaymentKind::Cash, PaymentKind::Card, PaymentKind::Qr];

    pub fn code(self) -> &'static str {
        match self {
            PaymentKind::Cash => "cash",
            PaymentKind::Card => "card",
            PaymentKind::Qr => "qr",
        }
    }
}

impl fmt::Display for PaymentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for PaymentKind {
    type Err = PaymentError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cash" => Ok(PaymentKind::Cash),
            "card" => Ok(PaymentKind::Card),
            "qr" | "mobile" | "qr-mobile" => Ok(PaymentKind::Qr),
            other => Err(PaymentError::UnknownKind(other.to_string())),
        }
    }
}

/// The shop's rules for taking money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRules {
    /// Taking USD/EUR/RUB/KZT banknotes at the day's rate; off by default.
    pub accept_foreign_cash: bool,
    /// Coin step for cash payable (0.01 = to the tyiyn, 1 = whole som).
    pub cash_step: Decimal,
}

impl PaymentRules {
    /// The coin step is positive, to the tyiyn, and no larger than a line amount.
    pub fn validate(&self) -> Result<(), PaymentError> {
        use crate::domain::limits::{Bound, check};
        if self.cash_step <= Decimal::ZERO {
            return Err(PaymentError::NotPositive(Money::new(self.cash_step, Currency::Kgs)));
        }
        check("cash rounding step", self.cash_step, Bound::Line)?;
        Ok(())
    }
}

impl Default for PaymentRules {
    fn default() -> Self {
        PaymentRules {
            accept_foreign_cash: false,
            cash_step: Decimal::new(1, 2),
        }
    }
}

/// What the customer hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    pub kind: PaymentKind,
    pub amount: Money,
}

impl Tender {
    pub fn som(kind: PaymentKind, amount: Som) -> Self {
        Tender {
            kind,
            amount: Money::new(amount.amount(), Currency::Kgs),
        }
    }
}

/// One recorded payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub kind: PaymentKind,
    /// What was handed over, in its own currency.
    pub tendered: Money,
    /// The som value of what was handed over (at the day's rate for foreign cash).
    pub tendered_som: Som,
    /// The part of the sale this payment covers (tendered less any change it produced).
    pub applied: Som,
}

/// The outcome of paying a total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub payments: Vec<Payment>,
    /// Change handed back, always in som.
    pub change: Som,
    /// Cash rounding to the coin step: what the customer pays minus the sale total (may be negative).
    pub rounding: Som,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    #[error("unknown payment kind '{0}' (use cash, card or qr)")]
    UnknownKind(String),
    #[error("payment of {0} is not positive")]
    NotPositive(Money),
    #[error("not enough paid: {paid} of {due}, {missing} missing")]
    Insufficient { due: Som, paid: Som, missing: Som },
    #[error("card and QR payments ({non_cash}) exceed the amount due ({due}); only cash gives change")]
    NonCashOverpaid { due: Som, non_cash: Som },
    #[error("the shop does not accept foreign cash ({0}); enable it in settings or take som")]
    ForeignCashOff(Money),
    #[error("{0} can only be paid in som")]
    ForeignNonCash(PaymentKind),
    #[error(transparent)]
    Currency(#[from] CurrencyError),
    #[error(transparent)]
    Limit(#[from] crate::domain::limits::LimitError),
}

/// Settles `total` with the tenders: non-cash pays first and never beyond the amount due; cash pays the rest and
/// gives change in som. When every tender is cash, the amount due is rounded to the shop's coin step.
pub fn settle(total: Som, tenders: &[Tender], rules: &PaymentRules, rates: &Rates) -> Result<Settlement, PaymentError> {
    use crate::domain::limits::{Bound, check};
    check("receipt total", total.amount(), Bound::Receipt)?;
    let mut valued = Vec::with_capacity(tenders.len());
    for tender in tenders {
        if tender.amount.amount <= Decimal::ZERO {
            return Err(PaymentError::NotPositive(tender.amount));
        }
        check("payment", tender.amount.amount.round_dp(2), Bound::Receipt)?;
        if tender.amount.currency != Currency::Kgs {
            if tender.kind != PaymentKind::Cash {
                return Err(PaymentError::ForeignNonCash(tender.kind));
            }
            if !rules.accept_foreign_cash {
                return Err(PaymentError::ForeignCashOff(tender.amount));
            }
        }
        let som = rates.to_som(tender.amount)?;
        let som = check("payment in som", round_line(som.amount()), Bound::Receipt)?;
        valued.push((tender, Som(som)));
    }
    if Som::checked_sum(valued.iter().map(|(_, s)| *s)).is_none_or(|paid| paid.amount() > Bound::Receipt.max()) {
        let paid: Vec<String> = valued.iter().map(|(_, s)| s.plain()).collect();
        return Err(crate::domain::limits::LimitError::too_large("payments", &paid.join(" + "), Bound::Receipt).into());
    }

    let all_cash = !valued.is_empty() && valued.iter().all(|(t, _)| t.kind == PaymentKind::Cash);
    let due = if all_cash {
        Som(round_cash(total.amount(), rules.cash_step))
    } else {
        total
    };
    let rounding = due - total;

    let non_cash: Som = valued
        .iter()
        .filter(|(t, _)| t.kind != PaymentKind::Cash)
        .map(|(_, s)| *s)
        .sum();
    if non_cash > due {
        return Err(PaymentError::NonCashOverpaid { due, non_cash });
    }
    let paid: Som = valued.iter().map(|(_, s)| *s).sum();
    if paid < due {
        return Err(PaymentError::Insufficient {
            due,
            paid,
            missing: due - paid,
        });
    }

    let mut change = paid - due;
    let mut payments: Vec<Payment> = valued
        .iter()
        .map(|(t, s)| Payment {
            kind: t.kind,
            tendered: t.amount,
            tendered_som: *s,
            applied: *s,
        })
        .collect();
    // Change comes out of cash, last cash tender first.
    for payment in payments.iter_mut().rev().filter(|p| p.kind == PaymentKind::Cash) {
        let taken = change.min(payment.applied);
        payment.applied -= taken;
        change -= taken;
    }
    Ok(Settlement {
        payments,
        change: paid - due,
        rounding,
    })
}

/// What each payment kind covered, for the tax breakdown.
pub fn applied_by_kind(payments: &[Payment]) -> Vec<(PaymentKind, Som)> {
    PaymentKind::ALL
        .iter()
        .map(|k| {
            (
                *k,
                payments.iter().filter(|p| p.kind == *k).map(|p| p.applied).sum::<Som>(),
            )
        })
        .filter(|(_, s)| !s.is_zero())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn cash(som: i64) -> Tender {
        Tender::som(PaymentKind::Cash, Som::whole(som))
    }
    fn card(som: i64) -> Tender {
        Tender::som(PaymentKind::Card, Som::whole(som))
    }
    fn rules() -> PaymentRules {
        PaymentRules::default()
    }
    fn rates() -> Rates {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        Rates::new(vec![
            crate::domain::currency::ExchangeRate::new(Currency::Usd, Decimal::new(8745, 2), day).expect("rate"),
        ])
    }

    #[test]
    fn change_table() {
        // total, tenders, expected change
        let cases: [(i64, Vec<Tender>, Result<i64, ()>); 6] = [
            (1450, vec![cash(2000)], Ok(550)),
            (1450, vec![cash(1450)], Ok(0)),
            (1450, vec![card(1000), cash(500)], Ok(50)),
            (
                1450,
                vec![card(450), Tender::som(PaymentKind::Qr, Som::whole(1000))],
                Ok(0),
            ),
            (1450, vec![cash(1000)], Err(())),
            (1450, vec![card(1500)], Err(())),
        ];
        for (total, tenders, expected) in cases {
            let got = settle(Som::whole(total), &tenders, &rules(), &Rates::default());
            assert_eq!(
                got.as_ref().map(|s| s.change).map_err(|_| ()),
                expected.map(Som::whole),
                "{total} {tenders:?}"
            );
            if let Ok(s) = got {
                assert_eq!(s.payments.iter().map(|p| p.applied).sum::<Som>(), Som::whole(total));
            }
        }
    }

    #[test]
    fn insufficient_names_missing_amount() {
        let err = settle(Som::whole(1450), &[cash(1000), card(200)], &rules(), &Rates::default());
        assert_eq!(
            err,
            Err(PaymentError::Insufficient {
                due: Som::whole(1450),
                paid: Som::whole(1200),
                missing: Som::whole(250)
            })
        );
    }

    #[test]
    fn split_change_comes_from_cash_only() {
        let s = settle(
            Som::whole(3000),
            &[cash(1000), card(1500), cash(1000)],
            &rules(),
            &Rates::default(),
        )
        .expect("settles");
        assert_eq!(s.change, Som::whole(500));
        let applied: Vec<Som> = s.payments.iter().map(|p| p.applied).collect();
        assert_eq!(applied, vec![Som::whole(1000), Som::whole(1500), Som::whole(500)]);
        assert_eq!(
            applied_by_kind(&s.payments),
            vec![
                (PaymentKind::Cash, Som::whole(1500)),
                (PaymentKind::Card, Som::whole(1500))
            ]
        );
    }

    #[test]
    fn foreign_cash_needs_the_setting_and_gives_som_change() {
        let usd = Tender {
            kind: PaymentKind::Cash,
            amount: Money::new(Decimal::from(20), Currency::Usd),
        };
        assert!(matches!(
            settle(Som::whole(1450), &[usd], &rules(), &rates()),
            Err(PaymentError::ForeignCashOff(_))
        ));
        let on = PaymentRules {
            accept_foreign_cash: true,
            ..rules()
        };
        let s = settle(Som::whole(1450), &[usd], &on, &rates()).expect("settles");
        assert_eq!(s.change, Som::whole(299));
        let usd_card = Tender {
            kind: PaymentKind::Card,
            amount: usd.amount,
        };
        assert_eq!(
            settle(Som::whole(1450), &[usd_card], &on, &rates()),
            Err(PaymentError::ForeignNonCash(PaymentKind::Card))
        );
    }

    #[test]
    fn cash_rounding_applies_to_all_cash_only() {
        let whole = PaymentRules {
            cash_step: Decimal::ONE,
            ..rules()
        };
        let total = Som::from_tyiyn(145_040);
        let s = settle(total, &[cash(1500)], &whole, &Rates::default()).expect("settles");
        assert_eq!((s.change, s.rounding), (Som::whole(50), Som::from_tyiyn(-40)));
        let s = settle(total, &[card(1450), cash(1)], &whole, &Rates::default()).expect("settles");
        assert_eq!((s.change, s.rounding), (Som::from_tyiyn(60), Som::ZERO));
    }

    #[test]
    fn refuses_zero_and_unknown() {
        assert!(matches!(
            settle(Som::whole(1), &[cash(0)], &rules(), &Rates::default()),
            Err(PaymentError::NotPositive(_))
        ));
        assert!(matches!(
            "bitcoin".parse::<PaymentKind>(),
            Err(PaymentError::UnknownKind(_))
        ));
    }
}
