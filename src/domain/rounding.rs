//! Every rounding rule of the till, one named function each, so a receipt, a return and a ledger always agree.
//!
//! Kyrgyz som has 100 tyiyn. Line amounts, tax amounts and currency conversions round to the tyiyn, half away from
//! zero (the rule cashiers and 1C use). Cash payable may additionally round to a coin step set by the shop.

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places of the som (tyiyn).
pub const SOM_SCALE: u32 = 2;

/// A line amount (price × quantity, a discount) to the tyiyn.
pub fn round_line(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(SOM_SCALE, RoundingStrategy::MidpointAwayFromZero)
}

/// A tax amount extracted from a tax-inclusive sum, to the tyiyn.
pub fn round_tax(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(SOM_SCALE, RoundingStrategy::MidpointAwayFromZero)
}

/// Cash payable to the nearest coin `step` (e.g. 1 som when tyiyn coins are not handed out); a step of one tyiyn
/// or less leaves the amount as it is (to the tyiyn).
pub fn round_cash(amount: Decimal, step: Decimal) -> Decimal {
    let tyiyn = Decimal::new(1, SOM_SCALE);
    if step <= tyiyn {
        return round_line(amount);
    }
    // An amount so large that its count of steps overflows is left to the tyiyn (no such amount passes the limits).
    let Some(units) = amount.checked_div(step) else {
        return round_line(amount);
    };
    let units = units.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    units.checked_mul(step).map_or_else(|| round_line(amount), round_line)
}

/// A conversion between som and another currency, to that currency's minor unit.
pub fn round_conversion(amount: Decimal, minor_units: u32) -> Decimal {
    amount.round_dp_with_strategy(minor_units, RoundingStrategy::MidpointAwayFromZero)
}

/// Splits `total` (to the tyiyn) in proportion to `weights` so that the parts add up to `total` exactly: each part
/// is floored to the tyiyn and the tyiyn left over go to the largest remainders (ties to the earliest part).
/// Used to spread a sale discount over lines and a receipt over payment kinds. Zero weights get nothing; when all
/// weights are zero the whole total goes to the first part.
pub fn allocate(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    if weights.is_empty() {
        return Vec::new();
    }
    let total = round_line(total);
    // Weights so large that their sum overflows are scaled down by their count first: only proportions matter.
    let positive = || weights.iter().copied().filter(|w| *w > Decimal::ZERO);
    // One more than their count, so that the scaled weights' sum stays below the largest decimal.
    let count = Decimal::from(weights.len() + 1);
    let (weights, sum): (Vec<Decimal>, Decimal) = match positive().try_fold(Decimal::ZERO, Decimal::checked_add) {
        Some(sum) => (weights.to_vec(), sum),
        None => {
            let scaled: Vec<Decimal> = weights.iter().map(|w| *w / count).collect();
            let sum = scaled
                .iter()
                .copied()
                .filter(|w| *w > Decimal::ZERO)
                .fold(Decimal::ZERO, |a, w| a + w);
            (scaled, sum)
        }
    };
    let weights = weights.as_slice();
    if sum.is_zero() {
        let mut parts = vec![Decimal::ZERO; weights.len()];
        parts[0] = total;
        return parts;
    }
    let tyiyn = Decimal::new(1, SOM_SCALE);
    let sign = if total.is_sign_negative() {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    let magnitude = total.abs();
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = if *w > Decimal::ZERO {
            // Exact when the product fits; otherwise through the weight's share, which is at most one.
            magnitude
                .checked_mul(*w)
                .and_then(|p| p.checked_div(sum))
                .unwrap_or_else(|| magnitude * (*w / sum))
        } else {
            Decimal::ZERO
        };
        let floored = exact.round_dp_with_strategy(SOM_SCALE, RoundingStrategy::ToZero);
        parts.push(floored);
        remainders.push((exact - floored, i));
    }
    let given = parts
        .iter()
        .try_fold(Decimal::ZERO, |a, p| a.checked_add(*p))
        .unwrap_or(magnitude);
    let mut left = magnitude.checked_sub(given).unwrap_or(Decimal::ZERO);
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().cycle() {
        if left < tyiyn {
            break;
        }
        if weights[*i] > Decimal::ZERO {
            parts[*i] += tyiyn;
            left -= tyiyn;
        }
    }
    parts.into_iter().map(|p| p * sign).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal literal")
    }

    fn check(f: fn(Decimal) -> Decimal, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(f(d(input)), d(expected), "input {input}");
        }
    }

    #[test]
    fn line_rounds_half_away_from_zero_to_tyiyn() {
        check(
            round_line,
            &[
                ("1.005", "1.01"),
                ("1.004", "1.00"),
                ("-1.005", "-1.01"),
                ("1450", "1450.00"),
                ("0.125", "0.13"),
                ("33.333333", "33.33"),
            ],
        );
    }

    #[test]
    fn tax_rounds_to_tyiyn() {
        check(
            round_tax,
            &[("120.535714", "120.54"), ("0.004999", "0.00"), ("10.715", "10.72")],
        );
    }

    #[test]
    fn cash_rounds_to_coin_step() {
        let cases = [
            ("1450.49", "1", "1450"),
            ("1450.50", "1", "1451"),
            ("1450.24", "0.5", "1450.0"),
            ("1450.25", "0.5", "1450.5"),
            ("1450.37", "0.01", "1450.37"),
            ("1450.375", "0", "1450.38"),
            ("7", "5", "5"),
            ("7.5", "5", "10"),
        ];
        for (amount, step, expected) in cases {
            assert_eq!(round_cash(d(amount), d(step)), d(expected), "{amount} step {step}");
        }
    }

    #[test]
    fn allocation_adds_up_exactly() {
        let cases: [(&str, &[&str], &[&str]); 6] = [
            ("100", &["1", "1", "1"], &["33.34", "33.33", "33.33"]),
            ("10", &["1450", "650", "0"], &["6.90", "3.10", "0.00"]),
            ("0.05", &["1", "1"], &["0.03", "0.02"]),
            ("-100", &["1", "1", "1"], &["-33.34", "-33.33", "-33.33"]),
            ("7", &["0", "0"], &["7.00", "0.00"]),
            ("1000", &["2500", "68000", "650"], &["35.14", "955.73", "9.13"]),
        ];
        for (total, weights, expected) in cases {
            let weights: Vec<Decimal> = weights.iter().map(|w| d(w)).collect();
            let parts = allocate(d(total), &weights);
            let expected: Vec<Decimal> = expected.iter().map(|e| d(e)).collect();
            assert_eq!(parts, expected, "{total} over {weights:?}");
            assert_eq!(parts.iter().copied().sum::<Decimal>(), d(total));
        }
    }

    #[test]
    fn conversion_uses_minor_units() {
        assert_eq!(round_conversion(d("16.5678"), 2), d("16.57"));
        assert_eq!(round_conversion(d("5801.5"), 0), d("5802"));
    }
}
