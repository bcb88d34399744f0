//! The shop's payment QR: the text a bank's QR for the shop holds (an ELQR or MBank payload), or a PNG picture
//! of it, shown on the customer display when the cashier takes a QR payment. One setting, journaled.

use super::{Ctx, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The setting's key.
pub const PAYMENT_QR: &str = "payment_qr";
/// More text than a QR code holds at the error correction a phone reads off a screen.
pub const MAX_PAYLOAD: usize = 1200;
/// A picture of a QR is small; anything larger is not one.
pub const MAX_PICTURE: usize = 512 * 1024;

/// What the customer scans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "value")]
pub enum PaymentQr {
    /// The QR's text; the till draws the code itself.
    Payload(String),
    /// A PNG picture of the code, as the bank sent it (hex, so the setting stays JSON text).
    Png(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentQrError {
    #[error("the payment QR text is {0} characters long; a QR holds at most {MAX_PAYLOAD}")]
    TooLong(usize),
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{0}: not a PNG picture nor text a QR holds")]
    NotQr(String),
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl PaymentQr {
    /// The typed text as the shop's QR, refused when no QR can hold it.
    pub fn payload(text: &str) -> std::result::Result<PaymentQr, PaymentQrError> {
        let text = text.trim();
        let chars = text.chars().count();
        if chars > MAX_PAYLOAD || qrcode::QrCode::new(text.as_bytes()).is_err() {
            return Err(PaymentQrError::TooLong(chars));
        }
        Ok(PaymentQr::Payload(text.to_string()))
    }

    /// A file the bank gave: a PNG picture of the code is kept as it is, a text file is the QR's text.
    pub fn from_file(path: &Path) -> std::result::Result<PaymentQr, PaymentQrError> {
        let name = path.display().to_string();
        let unreadable = |reason: String| PaymentQrError::Unreadable {
            path: name.clone(),
            reason,
        };
        let size = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?.len();
        if size > MAX_PICTURE as u64 {
            return Err(PaymentQrError::NotQr(name));
        }
        let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        if bytes.starts_with(PNG_MAGIC) {
            return Ok(PaymentQr::Png(to_hex(&bytes)));
        }
        let text = String::from_utf8(bytes).map_err(|_| PaymentQrError::NotQr(name.clone()))?;
        if text.trim().is_empty() {
            return Err(PaymentQrError::NotQr(name));
        }
        PaymentQr::payload(&text)
    }
}

pub fn get(ctx: &Ctx<'_>) -> Result<Option<PaymentQr>> {
    Ok(ctx.store.setting(PAYMENT_QR)?)
}

/// Sets (or with `None` removes) the shop's payment QR: a manager's change to the settings.
pub fn set(ctx: &mut Ctx<'_>, qr: Option<&PaymentQr>) -> Result<()> {
    super::master::refuse(ctx.store, super::master::MasterPart::PaymentQr)?;
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    Ok(ctx.store.set_setting(PAYMENT_QR, &qr)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_odd_text() {
        assert_eq!(from_hex(&to_hex(b"\x89PNG\x00\xff")), Some(b"\x89PNG\x00\xff".to_vec()));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }

    #[test]
    fn a_payload_too_long_for_a_qr_is_refused() {
        assert!(PaymentQr::payload("00020101021132440012c2b.mbank.kg").is_ok());
        assert_eq!(
            PaymentQr::payload(&"x".repeat(5000)),
            Err(PaymentQrError::TooLong(5000))
        );
    }
}
