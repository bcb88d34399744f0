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

/// Byte-mode capacity of a QR symbol at error correction M, versions 1 to 40 (ISO/IEC 18004, table 7).
const QR_BYTES_M: [u16; 40] = [
    14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
    997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

/// The width in modules of the QR symbol (error correction M) that holds `len` bytes, from the standard's
/// capacity table: a printer that draws the QR itself needs only the size to pick its module size, and building
/// the symbol just to measure it was nearly all of a receipt's encoding time. Byte mode is the worst case, so
/// the width is never smaller than the one the printer draws.
pub fn qr_width_m(len: usize) -> Result<usize, BarcodeError> {
    let version = QR_BYTES_M
        .iter()
        .position(|&cap| len <= usize::from(cap))
        .ok_or(BarcodeError::QrTooLong(len))?;
    Ok(17 + 4 * (version + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table gives the symbol the `qrcode` crate builds for every version at error correction M: the
    /// longest byte-mode content of each version fits it, one byte more needs the next.
    #[test]
    fn qr_capacity_table_matches_the_built_symbol() {
        let width = |len: usize| {
            // Lowercase letters are byte mode only, the case the table describes.
            qrcode::QrCode::with_error_correction_level(vec![b'a'; len], qrcode::EcLevel::M).map(|c| c.width())
        };
        for (i, &cap) in QR_BYTES_M.iter().enumerate() {
            let cap = usize::from(cap);
            assert_eq!(qr_width_m(cap), Ok(width(cap).expect("fits")), "version {}", i + 1);
            match width(cap + 1) {
                Ok(next) => assert_eq!(qr_width_m(cap + 1), Ok(next), "past version {}", i + 1),
                Err(_) => assert_eq!(qr_width_m(cap + 1), Err(BarcodeError::QrTooLong(cap + 1))),
            }
        }
        assert_eq!(qr_width_m(0), Ok(21));
    }

    /// A receipt's tax-service link: the table's width is never below the symbol built for it (mixed content
    /// can pack tighter than byte mode, never looser).
    #[test]
    fn qr_width_of_a_receipt_link_covers_the_built_symbol() {
        let link = "https://tax.salyk.kg/tax-web-control/client/api/v1/ticket?date=20261128T120000&type=3&\
                    operation_type=1&fn_number=9999000000417001&fd_number=42&fm=1234567890&tin=02811199610123&\
                    regNumber=0000417001&sum=1450000";
        let built = qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M)
            .expect("fits")
            .width();
        let table = qr_width_m(link.len()).expect("fits");
        assert!(table >= built && table <= built + 4, "table {table}, built {built}");
    }

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
