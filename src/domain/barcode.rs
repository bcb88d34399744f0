//! Barcodes: validation of the retail symbologies (EAN-13, EAN-8, UPC-A) and in-store EAN-13 codes for handmade
//! items, taken from the restricted-circulation range (prefix 20–29) that GS1 leaves to each shop.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of code a barcode is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Symbology {
    Ean13,
    Ean8,
    UpcA,
    /// Free text such as Code128 or Code39; no check digit to verify.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    #[error("barcode is empty")]
    Empty,
    #[error("barcode '{code}' has a wrong check digit: expected {expected}, found {found}")]
    CheckDigit { code: String, expected: u8, found: u8 },
    #[error("barcode '{0}' has characters a scanner cannot send (use digits, Latin letters and - . / space)")]
    BadCharacters(String),
    #[error("barcode '{0}' is longer than 48 characters")]
    TooLong(String),
    #[error("in-store prefix must be 20–29, got {0}")]
    Prefix(u8),
    #[error("in-store item number {0} does not fit in 10 digits")]
    ItemNumber(u64),
}

/// A validated barcode.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Barcode(String);

/// The one rule for a code as typed, scanned or imported, used wherever a barcode enters (catalog import, the
/// product form, the till's scan field, `usta sell`, returns, stock commands, labels): surrounding space is
/// dropped, and a code of digits only, grouped by spaces or hyphens as people copy them from a label
/// (`2100 0000 0009 8`, `4006-381-333931`), is the digits alone. Any other code is kept as written.
pub fn normalize(code: &str) -> String {
    let code = code.trim();
    let is_separator = |c: char| c.is_whitespace() || c == '-';
    let grouped_digits =
        code.chars().any(|c| c.is_ascii_digit()) && code.chars().all(|c| c.is_ascii_digit() || is_separator(c));
    if grouped_digits {
        code.chars().filter(char::is_ascii_digit).collect()
    } else {
        code.to_string()
    }
}

/// Several codes in one field (the product form): split at `|` or `,`; without those, a field that is one
/// spaced-out GTIN (`2100 0000 0009 8`) is that one code, otherwise each word is a code.
pub fn split_codes(text: &str) -> Vec<String> {
    if text.contains(['|', ',']) {
        return text
            .split(['|', ','])
            .map(normalize)
            .filter(|c| !c.is_empty())
            .collect();
    }
    let whole = normalize(text);
    if whole.is_empty() {
        return Vec::new();
    }
    if matches!(
        symbology(&whole),
        Ok(Symbology::Ean13 | Symbology::Ean8 | Symbology::UpcA)
    ) {
        return vec![whole];
    }
    text.split_whitespace().map(normalize).collect()
}

impl Barcode {
    /// Validates a code (after [`normalize`]): digits of GTIN length must carry a correct check digit; anything
    /// else must be printable ASCII a Code128 scanner can send.
    pub fn parse(code: &str) -> Result<Barcode, BarcodeError> {
        let code = normalize(code);
        symbology(&code)?;
        Ok(Barcode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn symbology(&self) -> Symbology {
        symbology(&self.0).unwrap_or(Symbology::Other)
    }

    /// True for EAN-13 codes from the restricted range 20–29 that shops assign themselves.
    pub fn is_in_store(&self) -> bool {
        self.symbology() == Symbology::Ean13 && matches!(self.0.as_bytes()[0], b'2')
    }
}

impl fmt::Display for Barcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Barcode {
    type Error = BarcodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Barcode::parse(&value)
    }
}

impl From<Barcode> for String {
    fn from(value: Barcode) -> Self {
        value.0
    }
}

/// The GTIN check digit (mod 10, weights 3 and 1 from the right) for the digits before it.
pub fn gtin_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Classifies and validates a code.
pub fn symbology(code: &str) -> Result<Symbology, BarcodeError> {
    if code.is_empty() {
        return Err(BarcodeError::Empty);
    }
    if code.len() > 48 {
        return Err(BarcodeError::TooLong(code.to_string()));
    }
    let all_digits = code.bytes().all(|b| b.is_ascii_digit());
    let kind = match (all_digits, code.len()) {
        (true, 13) => Symbology::Ean13,
        (true, 8) => Symbology::Ean8,
        (true, 12) => Symbology::UpcA,
        _ => {
            if code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'/' | b' ' | b'+'))
            {
                return Ok(Symbology::Other);
            }
            return Err(BarcodeError::BadCharacters(code.to_string()));
        }
    };
    let digits: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
    let (body, last) = digits.split_at(digits.len() - 1);
    let expected = gtin_check_digit(body);
    if expected != last[0] {
        return Err(BarcodeError::CheckDigit {
            code: code.to_string(),
            expected,
            found: last[0],
        });
    }
    Ok(kind)
}

/// Expands an 8-digit UPC-E code (number system, six digits, check digit) to its 12-digit UPC-A form, with the
/// check digit verified: UPC-E carries the check digit of the UPC-A code it stands for.
pub fn upc_e_to_upc_a(code: &str) -> Result<String, BarcodeError> {
    if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_digit()) || !matches!(code.as_bytes()[0], b'0' | b'1') {
        return Err(BarcodeError::BadCharacters(code.to_string()));
    }
    let d: Vec<char> = code.chars().collect();
    let (ns, m, last) = (d[0], &d[1..7], d[6]);
    let body: String = match last {
        '0'..='2' => [ns, m[0], m[1], last, '0', '0', '0', '0', m[2], m[3], m[4]]
            .iter()
            .collect(),
        '3' => [ns, m[0], m[1], m[2], '0', '0', '0', '0', '0', m[3], m[4]]
            .iter()
            .collect(),
        '4' => [ns, m[0], m[1], m[2], m[3], '0', '0', '0', '0', '0', m[4]]
            .iter()
            .collect(),
        _ => [ns, m[0], m[1], m[2], m[3], m[4], '0', '0', '0', '0', last]
            .iter()
            .collect(),
    };
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let expected = gtin_check_digit(&digits);
    let found = d[7] as u8 - b'0';
    if expected != found {
        return Err(BarcodeError::CheckDigit {
            code: code.to_string(),
            expected,
            found,
        });
    }
    Ok(format!("{body}{expected}"))
}

/// An in-store EAN-13: two-digit prefix 20–29, a ten-digit item number, the check digit.
pub fn in_store_ean13(prefix: u8, item: u64) -> Result<Barcode, BarcodeError> {
    if !(20..=29).contains(&prefix) {
        return Err(BarcodeError::Prefix(prefix));
    }
    if item > 9_999_999_999 {
        return Err(BarcodeError::ItemNumber(item));
    }
    let body = format!("{prefix:02}{item:010}");
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    Ok(Barcode(format!("{body}{}", gtin_check_digit(&digits))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, expected: Result<Symbology, BarcodeError>) {
        assert_eq!(symbology(code), expected, "{code}");
    }

    #[test]
    fn validates_real_codes() {
        check("4006381333931", Ok(Symbology::Ean13));
        check("5901234123457", Ok(Symbology::Ean13));
        check(
            "4870001234561",
            Err(BarcodeError::CheckDigit {
                code: "4870001234561".into(),
                expected: 0,
                found: 1,
            }),
        );
        check("96385074", Ok(Symbology::Ean8));
        check(
            "96385075",
            Err(BarcodeError::CheckDigit {
                code: "96385075".into(),
                expected: 4,
                found: 5,
            }),
        );
        check("036000291452", Ok(Symbology::UpcA));
        check(
            "036000291453",
            Err(BarcodeError::CheckDigit {
                code: "036000291453".into(),
                expected: 2,
                found: 3,
            }),
        );
        check("SKU-KALPAK-01", Ok(Symbology::Other));
        check("", Err(BarcodeError::Empty));
        check("шырдак", Err(BarcodeError::BadCharacters("шырдак".into())));
    }

    #[test]
    fn one_rule_for_typed_codes() {
        for (typed, code) in [
            ("2100 0000 0009 8", "2100000000098"),
            (" 2100000000098\t", "2100000000098"),
            ("2100\u{a0}0000\u{a0}0009\u{a0}8", "2100000000098"),
            ("4006-381-333931", "4006381333931"),
            ("SKU-KALPAK-01", "SKU-KALPAK-01"),
            ("SKU 01", "SKU 01"),
            ("-", "-"),
        ] {
            assert_eq!(normalize(typed), code, "{typed:?}");
        }
        assert_eq!(
            Barcode::parse("2100 0000 0009 8").map(String::from),
            Ok("2100000000098".to_string())
        );
        assert_eq!(split_codes("2100 0000 0009 8"), vec!["2100000000098"]);
        assert_eq!(
            split_codes("2100000000012 2100000000029"),
            vec!["2100000000012", "2100000000029"]
        );
        assert_eq!(
            split_codes("2100 0000 0001 2 | SKU 01"),
            vec!["2100000000012", "SKU 01"]
        );
    }

    #[test]
    fn check_digit_table() {
        for (body, digit) in [
            ("400638133393", 1),
            ("590123412345", 7),
            ("9638507", 4),
            ("03600029145", 2),
            ("200000000001", 5),
        ] {
            let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
            assert_eq!(gtin_check_digit(&digits), digit, "{body}");
        }
    }

    #[test]
    fn upc_e_expands_and_checks() {
        assert_eq!(upc_e_to_upc_a("04252614"), Ok("042100005264".to_string()));
        assert_eq!(upc_e_to_upc_a("01234565"), Ok("012345000065".to_string()));
        assert_eq!(upc_e_to_upc_a("11234538"), Ok("112300000458".to_string()));
        assert_eq!(
            upc_e_to_upc_a("04252615"),
            Err(BarcodeError::CheckDigit {
                code: "04252615".into(),
                expected: 4,
                found: 5
            })
        );
        assert!(upc_e_to_upc_a("24252614").is_err(), "number system 0 or 1 only");
        assert!(upc_e_to_upc_a("0425261").is_err());
        assert_eq!(symbology("042100005264"), Ok(Symbology::UpcA));
    }

    #[test]
    fn generates_valid_in_store_codes() {
        for prefix in 20..=29 {
            for item in [0, 1, 42, 9_999_999_999] {
                let code = in_store_ean13(prefix, item).expect("valid");
                assert_eq!(code.as_str().len(), 13);
                assert!(code.as_str().starts_with(&prefix.to_string()));
                assert_eq!(code.symbology(), Symbology::Ean13);
                assert!(code.is_in_store());
            }
        }
        assert_eq!(
            in_store_ean13(21, 1).map(|b| b.to_string()),
            Ok("2100000000012".to_string())
        );
        assert_eq!(in_store_ean13(19, 1), Err(BarcodeError::Prefix(19)));
        assert_eq!(in_store_ean13(30, 1), Err(BarcodeError::Prefix(30)));
        assert_eq!(
            in_store_ean13(20, 10_000_000_000),
            Err(BarcodeError::ItemNumber(10_000_000_000))
        );
        assert!(!Barcode::parse("4006381333931").expect("valid").is_in_store());
    }
}
