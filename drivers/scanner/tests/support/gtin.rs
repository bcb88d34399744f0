//! A minimal GTIN check digit rule for this crate's own tests. Production validation is injected by the app
//! from its domain (`usta::domain::barcode`), so the crate itself never carries a second copy of the rule.

use usta_scanner::{Scan, Symbology, Validator};

/// Verifies EAN-13, EAN-8 and UPC-A check digits; everything else passes.
pub fn validator() -> Validator {
    Validator::new(|scan: &Scan| match scan.symbology {
        Symbology::Ean13 | Symbology::Ean8 | Symbology::UpcA => check_digit(&scan.code),
        _ => Ok(()),
    })
}

fn check_digit(code: &str) -> Result<(), String> {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    let Some((found, body)) = digits.split_last() else {
        return Err("no digits".into());
    };
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| d * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    let expected = (10 - sum % 10) % 10;
    if expected == *found {
        Ok(())
    } else {
        Err(format!("bad check digit in {code}: expected {expected}, found {found}"))
    }
}
