//! Barcode content checks. A printer given bad barcode data either prints nothing or a code that scans as
//! something else, so content is checked before any byte is sent.

/// Barcode content that cannot be printed as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    #[error("EAN-13 '{0}' must be 12 or 13 digits")]
    Ean13Shape(String),
    #[error("EAN-13 '{code}' has check digit {given}, but it should be {expected}")]
    Ean13Check { code: String, given: char, expected: char },
    #[error("Code128 '{0}' may contain only printable ASCII (letters, digits, - / . and the like)")]
    Code128Chars(String),
    #[error("Code128 '{content}' is too long to fit on {dots}-dot paper")]
    Code128TooWide { content: String, dots: usize },
    #[error("QR content of {0} bytes is too long for a QR code")]
    QrTooLong(usize),
}

/// The EAN-13 check digit of 12 digits (weights 1,3,1,3… from the left).
pub fn ean13_check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    // sum % 10 is 0..=9, so the digit is too.
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

/// The full 13 digits for 12 digits (check digit appended) or 13 digits (check digit verified).
pub fn ean13(code: &str) -> Result<String, BarcodeError> {
    let digits: Vec<u8> = code
        .bytes()
        .map(|b| b.wrapping_sub(b'0'))
        .take_while(|d| *d < 10)
        .collect();
    if digits.len() != code.len() || !(12..=13).contains(&digits.len()) {
        return Err(BarcodeError::Ean13Shape(code.to_string()));
    }
    let mut first12 = [0u8; 12];
    first12.copy_from_slice(&digits[..12]);
    let expected = ean13_check_digit(&first12);
    if let Some(&given) = digits.get(12)
        && given != expected
    {
        return Err(BarcodeError::Ean13Check {
            code: code.to_string(),
            given: char::from(b'0' + given),
            expected: char::from(b'0' + expected),
        });
    }
    Ok(format!("{}{expected}", &code[..12]))
}

/// Checks Code128 content for code set B and returns its width in modules (start, data, check, stop, quiet
/// zones not counted).
pub fn code128_modules(content: &str) -> Result<usize, BarcodeError> {
    if content.is_empty() || !content.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Err(BarcodeError::Code128Chars(content.to_string()));
    }
    // Start B + one symbol per character + check symbol are 11 modules each; the stop symbol is 13.
    Ok(11 * (content.len() + 2) + 13)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ean13_check_digits() {
        let table = [
            ("200000000001", Ok("2000000000015".to_string())),
            ("4006381333931", Ok("4006381333931".to_string())),
            ("5901234123457", Ok("5901234123457".to_string())),
            (
                "5901234123458",
                Err(BarcodeError::Ean13Check {
                    code: "5901234123458".into(),
                    given: '8',
                    expected: '7',
                }),
            ),
            ("20000000001", Err(BarcodeError::Ean13Shape("20000000001".into()))),
            ("20000000000A", Err(BarcodeError::Ean13Shape("20000000000A".into()))),
            ("２00000000001", Err(BarcodeError::Ean13Shape("２00000000001".into()))),
        ];
        for (input, expected) in table {
            assert_eq!(ean13(input), expected, "{input}");
        }
    }

    #[test]
    fn code128_accepts_printable_ascii_only() {
        assert_eq!(code128_modules("R1-42"), Ok(11 * 7 + 13));
        for bad in ["", "Чек-1", "a\u{1d}b", "ü"] {
            assert!(code128_modules(bad).is_err(), "{bad:?}");
        }
    }
}
