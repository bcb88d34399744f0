//! Consignment artisans' money: the shop keeps a commission on each line it sells for an artisan (the rate in
//! force when the line was sold), returns give the commission back, and what is left is owed to the artisan
//! until a payout settles it.

use crate::domain::money::Som;
use crate::domain::rounding::round_line;
use crate::domain::sale::SaleKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shop's commission on a line amount, to the tyiyn (half away from zero).
pub fn commission(amount: Som, pct: Decimal) -> Som {
    Som::new(round_line(amount.amount() * pct / Decimal::ONE_HUNDRED))
}

/// One sold or returned line of an artisan's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtisanLine {
    pub artisan: String,
    pub kind: SaleKind,
    pub qty: Decimal,
    /// What the customer paid (or got back) for the line.
    pub amount: Som,
    pub commission_pct: Decimal,
}

/// An artisan's sales over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArtisanTotals {
    pub artisan: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub items_sold: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub items_returned: Decimal,
    pub sales: Som,
    pub returns: Som,
    /// Sales less returns.
    pub gross: Som,
    /// The shop's commission on sales less the commission given back on returns.
    pub commission: Som,
    /// Gross less commission: what the period earned the artisan.
    pub owed: Som,
}

/// Totals per artisan, ordered by artisan code. Commission is rounded per line, as each line was sold.
pub fn totals(lines: &[ArtisanLine]) -> Vec<ArtisanTotals> {
    totals_of(
        lines
            .iter()
            .map(|l| (l.artisan.as_str(), l.kind, l.qty, l.amount, l.commission_pct)),
    )
}

/// [`totals`] of lines given as (artisan code, kind, quantity, amount, commission %), for callers that hold lines
/// in another shape (a ledger's rows) and need not copy them.
pub fn totals_of<'a>(
    lines: impl IntoIterator<Item = (&'a str, SaleKind, Decimal, Som, Decimal)>,
) -> Vec<ArtisanTotals> {
    let mut by: BTreeMap<&str, ArtisanTotals> = BTreeMap::new();
    for (artisan, kind, qty, amount, pct) in lines {
        let t = by.entry(artisan).or_insert_with(|| ArtisanTotals {
            artisan: artisan.to_string(),
            ..ArtisanTotals::default()
        });
        let c = commission(amount, pct);
        match kind {
            SaleKind::Sale => {
                t.items_sold += qty;
                t.sales += amount;
                t.commission += c;
            }
            SaleKind::Return => {
                t.items_returned += qty;
                t.returns += amount;
                t.commission -= c;
            }
        }
        t.gross = t.sales - t.returns;
        t.owed = t.gross - t.commission;
    }
    by.into_values().collect()
}

/// An artisan's statement: the period's totals, what was paid out in the period, and the balance still owed
/// over all time up to the end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub artisan: String,
    pub name: String,
    #[serde(flatten)]
    pub totals: ArtisanTotals,
    /// Owed from before the period (earned less paid), carried in.
    pub brought_forward: Som,
    /// Paid out during the period.
    pub already_paid: Som,
    /// Brought forward + owed − paid.
    pub balance: Som,
}

/// Builds a statement from the period's totals, what was owed before it, and the payouts in it.
pub fn statement(name: &str, totals: ArtisanTotals, brought_forward: Som, paid: Som) -> Statement {
    let balance = brought_forward + totals.owed - paid;
    Statement {
        artisan: totals.artisan.clone(),
        name: name.to_string(),
        totals,
        brought_forward,
        already_paid: paid,
        balance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn line(artisan: &str, kind: SaleKind, qty: &str, amount: &str, pct: &str) -> ArtisanLine {
        ArtisanLine {
            artisan: artisan.into(),
            kind,
            qty: d(qty),
            amount: Som::new(d(amount)),
            commission_pct: d(pct),
        }
    }

    #[test]
    fn commission_rounds_each_line_to_the_tyiyn() {
        for (amount, pct, expected) in [
            ("2500", "25", "625"),
            ("1333.33", "15", "200.00"),
            ("10.05", "10", "1.01"),
            ("0", "30", "0"),
        ] {
            assert_eq!(
                commission(Som::new(d(amount)), d(pct)),
                Som::new(d(expected)),
                "{amount} × {pct}%"
            );
        }
    }

    #[test]
    fn returns_give_back_sales_and_commission() {
        let t = totals(&[
            line("A01", SaleKind::Sale, "2", "5000", "25"),
            line("A02", SaleKind::Sale, "1", "1200", "30"),
            line("A01", SaleKind::Return, "1", "2500", "25"),
            line("A01", SaleKind::Sale, "1", "2400", "20"),
        ]);
        assert_eq!(t.len(), 2);
        let a = &t[0];
        assert_eq!((a.items_sold, a.items_returned), (d("3"), d("1")));
        assert_eq!(a.gross, Som::whole(4900));
        // 1250 + 480 − 625
        assert_eq!(a.commission, Som::whole(1105));
        assert_eq!(a.owed, Som::whole(3795));
        assert_eq!(t[1].owed, Som::whole(840));
    }

    #[test]
    fn statement_balance_after_partial_payouts() {
        let t = totals(&[line("A01", SaleKind::Sale, "2", "5000", "25")]);
        let s = statement("Айгүл", t[0].clone(), Som::whole(1000), Som::whole(3000));
        assert_eq!(s.totals.owed, Som::whole(3750));
        assert_eq!(s.balance, Som::whole(1750));
    }
}
