//! What kind of barcode a frame carries: read from the AIM symbology identifier when the scanner sends one
//! (ISO/IEC 15424, `]` + code letter + modifier), otherwise guessed from the shape of the data. Check digits are
//! not computed here: the app injects its domain's rules as a [`Validator`], so there is one source of truth.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// The barcode family a scan came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Symbology {
    Ean13,
    Ean8,
    UpcA,
    /// Zero-suppressed UPC; only recognised when the scanner says so with `]E0`, because 8 bare digits are EAN-8.
    UpcE,
    Code128,
    Code39,
    Code93,
    Codabar,
    /// Interleaved 2 of 5.
    Itf,
    Qr,
    DataMatrix,
    Pdf417,
    Gs1DataBar,
    Aztec,
    /// Anything else: text without an AIM identifier, or an identifier this crate does not name.
    Other,
}

impl Symbology {
    /// True for the GTIN family whose last digit is a check digit the validator should verify.
    pub fn has_check_digit(self) -> bool {
        matches!(self, Self::Ean13 | Self::Ean8 | Self::UpcA | Self::UpcE)
    }
}

impl fmt::Display for Symbology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ean13 => "EAN-13",
            Self::Ean8 => "EAN-8",
            Self::UpcA => "UPC-A",
            Self::UpcE => "UPC-E",
            Self::Code128 => "Code 128",
            Self::Code39 => "Code 39",
            Self::Code93 => "Code 93",
            Self::Codabar => "Codabar",
            Self::Itf => "ITF",
            Self::Qr => "QR Code",
            Self::DataMatrix => "Data Matrix",
            Self::Pdf417 => "PDF417",
            Self::Gs1DataBar => "GS1 DataBar",
            Self::Aztec => "Aztec",
            Self::Other => "other",
        })
    }
}

/// One decoded barcode.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scan {
    /// The data without prefix, AIM identifier, suffix or control bytes.
    pub code: String,
    pub symbology: Symbology,
    /// The AIM identifier as sent (e.g. `]E0`), kept so `usta scanner listen` can show what the scanner said.
    pub aim: Option<String>,
}

impl Scan {
    /// True for EAN-13 codes from the restricted-circulation range 20–29 that a shop assigns to its own items.
    pub fn is_in_store(&self) -> bool {
        self.symbology == Symbology::Ean13 && self.code.starts_with('2')
    }
}

impl fmt::Display for Scan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// Accepts or rejects a classified scan; the error text is shown to the cashier as the rejection reason.
///
/// The app builds one from its domain (e.g. the GTIN check digit rules); [`Validator::permissive`] accepts
/// everything and is the default.
#[derive(Clone)]
pub struct Validator(Arc<CheckFn>);

type CheckFn = dyn Fn(&Scan) -> Result<(), String> + Send + Sync;

impl Validator {
    pub fn new(check: impl Fn(&Scan) -> Result<(), String> + Send + Sync + 'static) -> Self {
        Self(Arc::new(check))
    }

    pub fn permissive() -> Self {
        Self::new(|_| Ok(()))
    }

    pub fn check(&self, scan: &Scan) -> Result<(), String> {
        (self.0)(scan)
    }
}

impl Default for Validator {
    fn default() -> Self {
        Self::permissive()
    }
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Validator(..)")
    }
}

/// Why a frame's data does not fit the symbology its AIM identifier announced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{family} data must be {expected}")]
pub struct ShapeError {
    /// The family the identifier announced, e.g. "EAN-8" or "EAN/UPC".
    pub family: &'static str,
    pub expected: &'static str,
}

/// Splits a leading AIM identifier off `text` when it looks like one: `]`, an ASCII letter, an ASCII
/// alphanumeric modifier. Returns the identifier and the rest.
pub fn split_aim(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if bytes.len() >= 3 && bytes[0] == b']' && bytes[1].is_ascii_alphabetic() && bytes[2].is_ascii_alphanumeric() {
        // The first three bytes are ASCII, so index 3 is a char boundary.
        Some(text.split_at(3))
    } else {
        None
    }
}

/// Classifies `code` given the AIM identifier the scanner sent, if any.
pub fn classify(aim: Option<&str>, code: &str) -> Result<Symbology, ShapeError> {
    let all_digits = !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit());
    let Some(aim) = aim else {
        return Ok(match (all_digits, code.len()) {
            (true, 13) => Symbology::Ean13,
            (true, 8) => Symbology::Ean8,
            (true, 12) => Symbology::UpcA,
            _ => Symbology::Other,
        });
    };
    let mut chars = aim.chars().skip(1);
    let letter = chars.next().unwrap_or(' ');
    let modifier = chars.next().unwrap_or(' ');
    Ok(match letter {
        // E0 is EAN-13/UPC-A/UPC-E and E4 EAN-8. E1–E3 may append a 2- or 5-digit add-on; with one attached the
        // data fits no GTIN length, and passing it as Other is better than checking the wrong digit.
        'E' if modifier == '4' => {
            if all_digits && code.len() == 8 {
                Symbology::Ean8
            } else {
                return Err(ShapeError {
                    family: "EAN-8",
                    expected: "8 digits",
                });
            }
        }
        'E' => match (all_digits, code.len()) {
            (true, 13) => Symbology::Ean13,
            (true, 12) => Symbology::UpcA,
            (true, 6..=8) => Symbology::UpcE,
            _ if modifier == '0' => {
                return Err(ShapeError {
                    family: "EAN/UPC",
                    expected: "13 digits (EAN-13), 12 (UPC-A) or 6–8 (UPC-E)",
                });
            }
            _ => Symbology::Other,
        },
        'C' => Symbology::Code128,
        'A' => Symbology::Code39,
        'G' => Symbology::Code93,
        'F' => Symbology::Codabar,
        'I' => Symbology::Itf,
        'Q' => Symbology::Qr,
        'd' => Symbology::DataMatrix,
        'L' => Symbology::Pdf417,
        'e' => Symbology::Gs1DataBar,
        'z' => Symbology::Aztec,
        _ => Symbology::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(aim: Option<&str>, code: &str, expected: Result<Symbology, &str>) {
        let got = classify(aim, code).map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_string), "{aim:?} {code}");
    }

    #[test]
    fn classifies_by_shape_without_aim() {
        check(None, "4006381333931", Ok(Symbology::Ean13));
        check(None, "96385074", Ok(Symbology::Ean8));
        check(None, "036000291452", Ok(Symbology::UpcA));
        check(None, "0425261", Ok(Symbology::Other));
        check(None, "SKU-KALPAK-01", Ok(Symbology::Other));
        check(None, "400638133393a", Ok(Symbology::Other));
    }

    #[test]
    fn classifies_by_aim() {
        check(Some("]E0"), "4006381333931", Ok(Symbology::Ean13));
        check(Some("]E0"), "036000291452", Ok(Symbology::UpcA));
        check(Some("]E0"), "04252614", Ok(Symbology::UpcE));
        check(Some("]E0"), "425261", Ok(Symbology::UpcE));
        check(Some("]E4"), "96385074", Ok(Symbology::Ean8));
        check(Some("]C0"), "4006381333931", Ok(Symbology::Code128));
        check(Some("]C1"), "0104006381333931", Ok(Symbology::Code128));
        check(Some("]A0"), "KALPAK-01", Ok(Symbology::Code39));
        check(Some("]Q1"), "https://tax.salyk.kg/x", Ok(Symbology::Qr));
        check(Some("]d2"), "0104006381333931", Ok(Symbology::DataMatrix));
        check(Some("]X0"), "anything", Ok(Symbology::Other));
    }

    #[test]
    fn rejects_data_that_contradicts_its_aim_id() {
        check(Some("]E4"), "9638507", Err("EAN-8 data must be 8 digits"));
        check(
            Some("]E0"),
            "40063813339",
            Err("EAN/UPC data must be 13 digits (EAN-13), 12 (UPC-A) or 6–8 (UPC-E)"),
        );
        check(
            Some("]E0"),
            "KALPAK",
            Err("EAN/UPC data must be 13 digits (EAN-13), 12 (UPC-A) or 6–8 (UPC-E)"),
        );
    }

    #[test]
    fn splits_aim_only_when_it_looks_like_one() {
        assert_eq!(split_aim("]E04006381333931"), Some(("]E0", "4006381333931")));
        assert_eq!(split_aim("]Q1шырдак"), Some(("]Q1", "шырдак")));
        assert_eq!(split_aim("]E"), None);
        assert_eq!(split_aim("]1A23"), None);
        assert_eq!(split_aim("]E-1"), None);
        assert_eq!(split_aim("]Eш"), None);
        assert_eq!(split_aim("E04006381333931"), None);
    }

    #[test]
    fn in_store_codes_are_ean13_with_prefix_20_to_29() {
        let scan = |code: &str, symbology| Scan {
            code: code.into(),
            symbology,
            aim: None,
        };
        assert!(scan("2100000000012", Symbology::Ean13).is_in_store());
        assert!(scan("2900000000017", Symbology::Ean13).is_in_store());
        assert!(!scan("4006381333931", Symbology::Ean13).is_in_store());
        assert!(!scan("2100000000012", Symbology::Code128).is_in_store());
    }

    #[test]
    fn validator_passes_scans_through_the_injected_rule() {
        let scan = Scan {
            code: "4006381333932".into(),
            symbology: Symbology::Ean13,
            aim: None,
        };
        assert_eq!(Validator::default().check(&scan), Ok(()));
        let strict = Validator::new(|s: &Scan| {
            if s.code.ends_with('1') {
                Ok(())
            } else {
                Err("bad check digit".into())
            }
        });
        assert_eq!(strict.check(&scan), Err("bad check digit".to_string()));
        assert!(Symbology::UpcE.has_check_digit());
        assert!(!Symbology::Code128.has_check_digit());
        assert_eq!(Symbology::UpcA.to_string(), "UPC-A");
    }
}
