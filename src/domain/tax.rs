//! Tax extraction from tax-inclusive prices. Kyrgyz shelf prices include VAT and the sales tax, so a receipt
//! does not add tax: it extracts it, per rate, from the receipt's gross. The sales tax rate depends on how the
//! customer paid (cash or not), so a receipt paid partly in cash and partly by card is split in proportion to the
//! payments first. All rates are configuration.

use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::rounding::{allocate, round_tax};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shop's tax rates, in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxConfig {
    /// VAT percent per tax group code (e.g. `standard` → 12, `exempt` → 0).
    pub vat_pct: BTreeMap<String, Decimal>,
    /// Sales tax percent per payment kind.
    pub sales_tax_pct: SalesTaxRates,
}

/// Sales tax percent for each way of paying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesTaxRates {
    pub cash: Decimal,
    pub card: Decimal,
    pub qr: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxError {
    #[error("unknown tax group '{0}'; known groups are set in the shop's tax settings")]
    UnknownGroup(String),
    #[error(transparent)]
    Limit(#[from] crate::domain::limits::LimitError),
}

impl Default for TaxConfig {
    /// VAT 12% on the standard group, 0% on exempt goods; sales tax 2% on cash, 0% on card and QR payments.
    fn default() -> Self {
        let mut vat_pct = BTreeMap::new();
        vat_pct.insert("standard".to_string(), Decimal::from(12));
        vat_pct.insert("exempt".to_string(), Decimal::ZERO);
        TaxConfig {
            vat_pct,
            sales_tax_pct: SalesTaxRates {
                cash: Decimal::from(2),
                card: Decimal::ZERO,
                qr: Decimal::ZERO,
            },
        }
    }
}

impl TaxConfig {
    /// Every rate is a percent from 0 to 100.
    pub fn validate(&self) -> Result<(), TaxError> {
        use crate::domain::limits::{Bound, LimitError, check};
        let rates = self
            .vat_pct
            .iter()
            .map(|(g, p)| (format!("VAT rate of {g}"), *p))
            .chain([
                ("sales tax on cash".to_string(), self.sales_tax_pct.cash),
                ("sales tax on card".to_string(), self.sales_tax_pct.card),
                ("sales tax on QR".to_string(), self.sales_tax_pct.qr),
            ]);
        for (field, pct) in rates {
            check(&field, pct, Bound::Percent)?;
            if pct.is_sign_negative() && !pct.is_zero() {
                return Err(LimitError::Negative {
                    field,
                    value: pct.normalize().to_string(),
                }
                .into());
            }
        }
        Ok(())
    }

    pub fn vat_for(&self, group: &str) -> Result<Decimal, TaxError> {
        self.vat_pct
            .get(group)
            .copied()
            .ok_or_else(|| TaxError::UnknownGroup(group.to_string()))
    }

    pub fn sales_tax_for(&self, kind: PaymentKind) -> Decimal {
        match kind {
            PaymentKind::Cash => self.sales_tax_pct.cash,
            PaymentKind::Card => self.sales_tax_pct.card,
            PaymentKind::Qr => self.sales_tax_pct.qr,
        }
    }
}

/// Tax extracted from the part of a receipt that shares one VAT rate and one sales tax rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxLine {
    pub vat_pct: Decimal,
    pub sales_tax_pct: Decimal,
    /// Tax-inclusive amount this line covers.
    pub gross: Som,
    pub vat: Som,
    pub sales_tax: Som,
    /// Gross less both taxes.
    pub net: Som,
}

/// Extracts VAT and sales tax from one tax-inclusive amount: with VAT `v`% and sales tax `s`% both levied on the
/// net price, VAT = gross × v / (100 + v + s) and sales tax = gross × s / (100 + v + s), each rounded to the tyiyn.
pub fn extract(gross: Som, vat_pct: Decimal, sales_tax_pct: Decimal) -> TaxLine {
    let vat_pct = vat_pct.clamp(Decimal::ZERO, crate::domain::limits::Bound::Percent.max());
    let sales_tax_pct = sales_tax_pct.clamp(Decimal::ZERO, crate::domain::limits::Bound::Percent.max());
    let divisor = Decimal::from(100) + vat_pct + sales_tax_pct;
    // Exact when the product fits (every bounded amount); otherwise through the rate's share, which is below one.
    let part = |pct: Decimal| {
        gross
            .amount()
            .checked_mul(pct)
            .and_then(|p| p.checked_div(divisor))
            .unwrap_or_else(|| gross.amount() * (pct / divisor))
    };
    let vat = Som(round_tax(part(vat_pct)));
    let sales_tax = Som(round_tax(part(sales_tax_pct)));
    TaxLine {
        vat_pct,
        sales_tax_pct,
        gross,
        vat,
        sales_tax,
        net: gross - vat - sales_tax,
    }
}

/// The tax breakdown of a receipt: `by_vat` is the gross per VAT percent (after all discounts), `paid` the amount
/// each payment kind covered (after change). Each VAT group is split over the sales tax rates in proportion to the
/// payments, then tax is extracted once per (VAT, sales tax) pair. Lines come out ordered by rate.
pub fn breakdown(by_vat: &BTreeMap<Decimal, Som>, paid: &[(PaymentKind, Som)], config: &TaxConfig) -> Vec<TaxLine> {
    let mut by_sales_tax: BTreeMap<Decimal, Som> = BTreeMap::new();
    for (kind, amount) in paid {
        *by_sales_tax.entry(config.sales_tax_for(*kind)).or_default() += *amount;
    }
    if by_sales_tax.values().all(|a| a.is_zero()) {
        by_sales_tax.clear();
        by_sales_tax.insert(config.sales_tax_for(PaymentKind::Cash), Som::whole(1));
    }
    let st_rates: Vec<Decimal> = by_sales_tax.keys().copied().collect();
    let weights: Vec<Decimal> = by_sales_tax.values().map(|a| a.amount().abs()).collect();

    let mut cells: BTreeMap<(Decimal, Decimal), Som> = BTreeMap::new();
    for (vat_pct, gross) in by_vat {
        for (st, part) in st_rates.iter().zip(allocate(gross.amount(), &weights)) {
            *cells.entry((*vat_pct, *st)).or_default() += Som(part);
        }
    }
    cells
        .into_iter()
        .filter(|(_, gross)| !gross.is_zero())
        .map(|((vat_pct, st), gross)| extract(gross, vat_pct, st))
        .collect()
}

/// The tax a return gives back from one VAT group of its sale. `charged` are the sale's tax lines of that group
/// (one per sales tax rate its payments had), `group` what the group's lines took in, `before` what earlier
/// returns took back from them and `now` what this return takes. The share of everything returned so far is
/// rounded once and the earlier share subtracted, so a sale returned in any number of parts gives back exactly
/// the VAT and sales tax it charged: no tyiyn lost or invented, whatever each refund's method.
pub fn reverse(charged: &[TaxLine], group: Som, before: Som, now: Som) -> Vec<TaxLine> {
    let was = returned_share(charged, group, before);
    returned_share(charged, group, before + now)
        .into_iter()
        .zip(was)
        .map(|(upto, was)| TaxLine {
            gross: upto.gross - was.gross,
            vat: upto.vat - was.vat,
            sales_tax: upto.sales_tax - was.sales_tax,
            net: upto.net - was.net,
            ..upto
        })
        .filter(|t| !(t.gross.is_zero() && t.vat.is_zero() && t.sales_tax.is_zero()))
        .collect()
}

/// `charged` scaled to `returned` of `group`: all of it once everything came back, otherwise the gross spread
/// over the rate pairs as the sale spread it and each tax scaled with its pair's gross, to the tyiyn.
fn returned_share(charged: &[TaxLine], group: Som, returned: Som) -> Vec<TaxLine> {
    if returned >= group || group.is_zero() {
        return charged.to_vec();
    }
    let charged_gross: Som = charged.iter().map(|t| t.gross).sum();
    let target = round_tax(charged_gross.amount() * returned.amount() / group.amount());
    let weights: Vec<Decimal> = charged.iter().map(|t| t.gross.amount().abs()).collect();
    charged
        .iter()
        .zip(allocate(target, &weights))
        .map(|(t, part)| {
            let scale = |tax: Som| {
                if t.gross.is_zero() {
                    Som::ZERO
                } else {
                    Som(round_tax(tax.amount() * part / t.gross.amount()))
                }
            };
            let (vat, sales_tax) = (scale(t.vat), scale(t.sales_tax));
            TaxLine {
                gross: Som(part),
                vat,
                sales_tax,
                net: Som(part) - vat - sales_tax,
                ..t.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn som(s: &str) -> Som {
        Som(Decimal::from_str(s).expect("decimal"))
    }

    fn pct(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn extraction_table() {
        // gross, vat %, sales tax %, expected vat, expected sales tax, expected net
        let cases = [
            ("1140", "12", "2", "120.00", "20.00", "1000.00"),
            ("1120", "12", "0", "120.00", "0.00", "1000.00"),
            ("1450", "12", "2", "152.63", "25.44", "1271.93"),
            ("1450", "12", "0", "155.36", "0.00", "1294.64"),
            ("1450", "12", "1", "153.98", "12.83", "1283.19"),
            ("200", "0", "2", "0.00", "3.92", "196.08"),
            ("120000", "12", "2", "12631.58", "2105.26", "105263.16"),
            ("0.01", "12", "2", "0.00", "0.00", "0.01"),
            ("-1450", "12", "2", "-152.63", "-25.44", "-1271.93"),
        ];
        for (gross, v, s, vat, st, net) in cases {
            let line = extract(som(gross), pct(v), pct(s));
            assert_eq!(
                (line.vat, line.sales_tax, line.net),
                (som(vat), som(st), som(net)),
                "{gross} at {v}%+{s}%"
            );
            assert_eq!(line.vat + line.sales_tax + line.net, som(gross));
        }
    }

    #[test]
    fn split_tender_splits_sales_tax() {
        let config = TaxConfig::default();
        let mut by_vat = BTreeMap::new();
        by_vat.insert(pct("12"), som("3000"));
        let lines = breakdown(
            &by_vat,
            &[(PaymentKind::Cash, som("1000")), (PaymentKind::Card, som("2000"))],
            &config,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], extract(som("2000"), pct("12"), pct("0")));
        assert_eq!(lines[1], extract(som("1000"), pct("12"), pct("2")));
        assert_eq!(lines.iter().map(|l| l.gross).sum::<Som>(), som("3000"));
    }

    #[test]
    fn several_vat_groups_and_one_payment() {
        let config = TaxConfig::default();
        let mut by_vat = BTreeMap::new();
        by_vat.insert(pct("0"), som("450"));
        by_vat.insert(pct("12"), som("2500"));
        let lines = breakdown(&by_vat, &[(PaymentKind::Qr, som("2950"))], &config);
        assert_eq!(
            lines,
            vec![
                extract(som("450"), pct("0"), pct("0")),
                extract(som("2500"), pct("12"), pct("0"))
            ]
        );
        assert_eq!(lines[0].vat, Som::ZERO);
    }

    #[test]
    fn split_with_uneven_tyiyn_keeps_group_totals() {
        let config = TaxConfig::default();
        let mut by_vat = BTreeMap::new();
        by_vat.insert(pct("12"), som("100.01"));
        by_vat.insert(pct("0"), som("33.33"));
        let paid = [(PaymentKind::Cash, som("66.67")), (PaymentKind::Qr, som("66.67"))];
        let lines = breakdown(&by_vat, &paid, &config);
        let per_vat = |v: &str| {
            lines
                .iter()
                .filter(|l| l.vat_pct == pct(v))
                .map(|l| l.gross)
                .sum::<Som>()
        };
        assert_eq!(per_vat("12"), som("100.01"));
        assert_eq!(per_vat("0"), som("33.33"));
    }

    #[test]
    fn no_payment_yet_assumes_cash() {
        let config = TaxConfig::default();
        let mut by_vat = BTreeMap::new();
        by_vat.insert(pct("12"), som("1140"));
        assert_eq!(
            breakdown(&by_vat, &[], &config),
            vec![extract(som("1140"), pct("12"), pct("2"))]
        );
    }

    fn sum(lines: &[TaxLine]) -> (Som, Som, Som, Som) {
        lines.iter().fold((Som::ZERO, Som::ZERO, Som::ZERO, Som::ZERO), |a, t| {
            (a.0 + t.gross, a.1 + t.vat, a.2 + t.sales_tax, a.3 + t.net)
        })
    }

    /// Returns `parts` of a group one after another and checks each part's lines and that together they give
    /// back exactly what the sale charged, per rate pair.
    fn check_reverse(charged: &[TaxLine], parts: &[&str]) {
        let group: Som = charged.iter().map(|t| t.gross).sum();
        let mut before = Som::ZERO;
        let mut back: BTreeMap<(Decimal, Decimal), (Som, Som, Som, Som)> = BTreeMap::new();
        for part in parts {
            let now = som(part);
            let lines = reverse(charged, group, before, now);
            assert_eq!(sum(&lines).0, now, "part {part} of {parts:?}: gross is what comes back");
            for t in &lines {
                assert_eq!(t.gross, t.vat + t.sales_tax + t.net);
                let e = back.entry((t.vat_pct, t.sales_tax_pct)).or_default();
                *e = (e.0 + t.gross, e.1 + t.vat, e.2 + t.sales_tax, e.3 + t.net);
            }
            before += now;
        }
        assert_eq!(before, group, "the parts cover the group");
        for t in charged {
            assert_eq!(
                back.get(&(t.vat_pct, t.sales_tax_pct)).copied().unwrap_or_default(),
                (t.gross, t.vat, t.sales_tax, t.net),
                "{parts:?} at {}%+{}%",
                t.vat_pct,
                t.sales_tax_pct
            );
        }
    }

    #[test]
    fn a_return_gives_back_the_sales_own_tax() {
        // The 2,500 som card sale: VAT 267.86, no sales tax. Returned whole (by cash or anything) it reverses
        // exactly that, not the cash rates' 263.16 + 43.86.
        let card = vec![extract(som("2500"), pct("12"), pct("0"))];
        assert_eq!((card[0].vat, card[0].sales_tax), (som("267.86"), som("0")));
        assert_eq!(reverse(&card, som("2500"), Som::ZERO, som("2500")), card);
        // Half of it: half the VAT, to the tyiyn.
        let half = reverse(&card, som("2500"), Som::ZERO, som("1250"));
        assert_eq!(
            (half[0].gross, half[0].vat, half[0].sales_tax),
            (som("1250"), som("133.93"), som("0"))
        );
        assert_eq!(half[0].sales_tax_pct, pct("0"));
    }

    #[test]
    fn parts_add_up_to_exactly_what_was_charged() {
        let config = TaxConfig::default();
        let mut by_vat = BTreeMap::new();
        by_vat.insert(pct("12"), som("3000"));
        // Split tender: 1000 cash (sales tax 2%) and 2000 card (0%).
        let split = breakdown(
            &by_vat,
            &[(PaymentKind::Cash, som("1000")), (PaymentKind::Card, som("2000"))],
            &config,
        );
        let awkward = vec![
            extract(som("100.01"), pct("12"), pct("0")),
            extract(som("33.34"), pct("12"), pct("2")),
            extract(som("0.01"), pct("12"), pct("1")),
        ];
        let single = vec![extract(som("1450"), pct("12"), pct("2"))];
        let cases: [(&[TaxLine], &[&str]); 9] = [
            (&split, &["3000"]),
            (&split, &["1000", "1000", "1000"]),
            (&split, &["0.01", "2999.99"]),
            (&split, &["2999.99", "0.01"]),
            (&split, &["333.33", "333.33", "333.34", "2000"]),
            (&awkward, &["0.01", "0.01", "0.01", "133.33"]),
            (&awkward, &["44.45", "44.45", "44.46"]),
            (&single, &["483.33", "483.33", "483.34"]),
            (&single, &["0.01", "0.01", "1449.98"]),
        ];
        for (charged, parts) in cases {
            check_reverse(charged, parts);
        }
    }

    #[test]
    fn unknown_group_is_an_error() {
        assert_eq!(
            TaxConfig::default().vat_for("luxury"),
            Err(TaxError::UnknownGroup("luxury".into()))
        );
    }
}
