//! A day's ledger as an association receives it: rows of sales and return lines, payments, stock movements, tax
//! per rate, artisan totals and the day summary, written as CSV in a dialect (`excel-ru`: `;`, decimal comma,
//! local times, codes kept as text, UTF-8 with BOM, as Excel, LibreOffice and 1C open it under a Russian locale;
//! `plain`: `,`, a dot and ISO times) plus `ledger.json`, and a MANIFEST with a SHA-256 per file and the journal
//! head. Everything here is derived from stored rows only (no export time), so the same day exported twice gives
//! the same bytes.
//!
//! The in-memory [`Ledger`] is one shape; its file encoding has a version ([`Format`]): `usta-ledger/4` (written
//! now) is `usta-ledger/3` with a shorter line in `ledger.json` where its gross and amount follow from its
//! quantity, price and discount; `usta-ledger/3` is `usta-ledger/2` with each product's craft technique and its
//! artisan's region. All three are encoded by [`v2`], which names each product once in `products.csv` and keeps
//! `ledger.json` compact, in the version the ledger's `format` names. `usta-ledger/3`, `usta-ledger/2` and
//! `usta-ledger/1` ([`v1`]) are still read and verified.

pub mod v1;
pub mod v2;

use crate::domain::artisan::ArtisanTotals;
use crate::domain::day::DayReport;
use crate::domain::journal::sha256_hex;
use crate::domain::money::Som;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt::Write;
use std::sync::Arc;

/// The format tag this program writes in `ledger.json` and the MANIFEST.
pub const FORMAT: &str = v2::FORMAT_V4;
pub const MANIFEST: &str = "MANIFEST";
pub const JSON: &str = "ledger.json";
/// The CSV files of a ledger as this program writes it, in MANIFEST order.
pub const CSV_FILES: [&str; 8] = v2::CSV_FILES;

/// The version of a ledger's file encoding, from the first line of its MANIFEST.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Format {
    /// `usta-ledger/1`: names on every line, pretty JSON.
    V1,
    /// `usta-ledger/2`: products once, compact JSON, typed excel-ru cells.
    V2,
    /// `usta-ledger/3`: as `usta-ledger/2`, each product also with its technique code and its artisan's region.
    V3,
    /// `usta-ledger/4`: as `usta-ledger/3`, a line of `ledger.json` without its gross and amount where they are
    /// its quantity times its price and that less its discount.
    #[default]
    V4,
}

impl Format {
    pub fn tag(self) -> &'static str {
        match self {
            Format::V1 => v1::FORMAT,
            Format::V2 => v2::FORMAT,
            Format::V3 => v2::FORMAT_V3,
            Format::V4 => v2::FORMAT_V4,
        }
    }

    pub fn from_tag(tag: &str) -> Option<Format> {
        [Format::V1, Format::V2, Format::V3, Format::V4]
            .into_iter()
            .find(|f| f.tag() == tag)
    }

    /// The CSV files this version holds, in MANIFEST order.
    pub fn csv_files(self) -> &'static [&'static str] {
        match self {
            Format::V1 => &v1::CSV_FILES,
            Format::V2 | Format::V3 | Format::V4 => &v2::CSV_FILES,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    #[default]
    ExcelRu,
    Plain,
}

impl std::str::FromStr for Dialect {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "excel-ru" | "excel" | "1c" => Ok(Dialect::ExcelRu),
            "plain" => Ok(Dialect::Plain),
            other => Err(LedgerError::Dialect(other.to_string())),
        }
    }
}

impl Dialect {
    pub fn code(self) -> &'static str {
        match self {
            Dialect::ExcelRu => "excel-ru",
            Dialect::Plain => "plain",
        }
    }

    pub fn delimiter(self) -> u8 {
        match self {
            Dialect::ExcelRu => b';',
            Dialect::Plain => b',',
        }
    }

    /// Bytes before the first row: the UTF-8 BOM that makes Excel read Cyrillic right.
    pub fn preamble(self) -> &'static [u8] {
        match self {
            Dialect::ExcelRu => b"\xEF\xBB\xBF",
            Dialect::Plain => b"",
        }
    }

    /// A number as the dialect writes it: no thousands separator, decimal comma or dot.
    pub fn number(self, value: Decimal) -> String {
        let text = value.to_string();
        match self {
            Dialect::ExcelRu => text.replace('.', ","),
            Dialect::Plain => text,
        }
    }

    /// Money always with two decimals.
    pub fn money(self, value: Som) -> String {
        let text = format!("{:.2}", value.amount().round_dp(2));
        match self {
            Dialect::ExcelRu => text.replace('.', ","),
            Dialect::Plain => text,
        }
    }

    /// Reads a number written by [`Dialect::number`].
    pub fn parse_number(self, text: &str) -> Option<Decimal> {
        let t = match self {
            Dialect::ExcelRu => text.replace(',', "."),
            Dialect::Plain => text.to_string(),
        };
        t.parse().ok()
    }
}

/// A text of a ledger row (a register, a kind, a time, a product's names, a payment method). Rows that say the
/// same share one copy: a day of 15,000 lines names a few hundred products and a few thousand receipts, so reading
/// it allocates once per distinct text, not once per row and column. Serialized as a plain string.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::from(s))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// The texts read so far, each kept once: [`Texts::get`] gives the copy already held for an equal text.
#[derive(Debug, Default)]
pub struct Texts(HashSet<Text>);

impl Texts {
    pub fn get(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t = Text::from(s);
        self.0.insert(t.clone());
        t
    }
}

/// A sale or return line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRow {
    pub register: Text,
    pub receipt_no: i64,
    /// `sale` or `return`.
    pub kind: Text,
    pub original_receipt_no: Option<i64>,
    pub at: Text,
    pub line_no: u32,
    pub product_id: i64,
    pub barcode: Text,
    pub name_ky: Text,
    pub name_ru: Text,
    pub category: Text,
    pub artisan: Text,
    /// The product's craft technique, a code of [`crate::domain::craft::TECHNIQUES`]; empty when not given.
    /// Carried from `usta-ledger/3` on (absent, so empty, in older ledgers).
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub technique: Text,
    /// The region of the line's artisan as the shop records it; empty when none. From `usta-ledger/3` on.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub region: Text,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub commission_pct: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    pub qty: Decimal,
    pub unit_price: Som,
    pub gross: Som,
    pub discount: Som,
    pub amount: Som,
    #[serde(with = "rust_decimal::serde::str")]
    pub vat_pct: Decimal,
}

/// A payment or refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRow {
    pub register: Text,
    pub receipt_no: i64,
    pub kind: Text,
    pub method: Text,
    pub currency: Text,
    #[serde(with = "rust_decimal::serde::str")]
    pub tendered: Decimal,
    pub tendered_som: Som,
    pub applied: Som,
}

/// A stock movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockRow {
    pub id: i64,
    pub at: Text,
    pub product_id: i64,
    pub barcode: Text,
    pub kind: Text,
    #[serde(with = "rust_decimal::serde::str")]
    pub qty: Decimal,
    pub reason: Text,
    pub receipt_no: Option<i64>,
}

/// The facts of one shop-day, as `ledger.json` holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub format: String,
    pub shop_id: String,
    pub shop_name: String,
    pub day: NaiveDate,
    /// Exported before the day was closed; an association should not import it as final.
    pub provisional: bool,
    /// The journal's head hash when the day closed (or at export, when provisional).
    pub journal_head: String,
    pub summary: DayReport,
    pub lines: Vec<LineRow>,
    pub payments: Vec<PaymentRow>,
    pub stock: Vec<StockRow>,
    pub artisans: Vec<ArtisanTotals>,
}

/// One CSV file's contents before quoting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub file: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Why a ledger file set is refused; always names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("unknown CSV dialect '{0}' (use excel-ru or plain)")]
    Dialect(String),
    #[error("{file}: {reason}")]
    Bad { file: String, reason: String },
}

pub(crate) fn bad(file: &str, reason: impl Into<String>) -> LedgerError {
    LedgerError::Bad {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// The MANIFEST of a ledger file set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// The file encoding's version (the MANIFEST's first line).
    pub format: Format,
    pub shop_id: String,
    pub day: NaiveDate,
    pub provisional: bool,
    pub journal_head: String,
    pub dialect: Dialect,
    /// (file name, SHA-256) in order.
    pub files: Vec<(String, String)>,
}

impl Manifest {
    /// The MANIFEST text; its last line is the SHA-256 of everything before it, so an edited MANIFEST fails.
    pub fn render(&self) -> String {
        let mut body = String::new();
        let _ = writeln!(body, "{}", self.format.tag());
        let _ = writeln!(body, "shop {}", self.shop_id);
        let _ = writeln!(body, "day {}", self.day);
        let _ = writeln!(
            body,
            "status {}",
            if self.provisional { "provisional" } else { "closed" }
        );
        let _ = writeln!(body, "journal-head {}", self.journal_head);
        let _ = writeln!(body, "dialect {}", self.dialect.code());
        for (name, sum) in &self.files {
            let _ = writeln!(body, "sha256 {sum} {name}");
        }
        let seal = sha256_hex(body.as_bytes());
        let _ = writeln!(body, "manifest-sha256 {seal}");
        body
    }

    pub fn parse(text: &str) -> Result<Manifest, LedgerError> {
        let m = |reason: &str| bad(MANIFEST, reason);
        let (body, seal_line) = text
            .trim_end_matches('\n')
            .rsplit_once('\n')
            .ok_or_else(|| m("too short"))?;
        let body = format!("{body}\n");
        let seal = seal_line
            .strip_prefix("manifest-sha256 ")
            .ok_or_else(|| m("the last line is not manifest-sha256"))?;
        if sha256_hex(body.as_bytes()) != seal {
            return Err(m("its own checksum does not match: the MANIFEST was edited"));
        }
        let mut lines = body.lines();
        let format = lines
            .next()
            .and_then(Format::from_tag)
            .ok_or_else(|| m("not an Usta ledger of a known format (first line)"))?;
        let mut field = |key: &str| -> Result<String, LedgerError> {
            lines
                .next()
                .and_then(|l| l.strip_prefix(key))
                .and_then(|l| l.strip_prefix(' '))
                .map(str::to_string)
                .ok_or_else(|| bad(MANIFEST, format!("missing '{key}'")))
        };
        let shop_id = field("shop")?;
        let day = field("day")?.parse().map_err(|_| m("bad day"))?;
        let provisional = match field("status")?.as_str() {
            "closed" => false,
            "provisional" => true,
            _ => return Err(m("bad status")),
        };
        let journal_head = field("journal-head")?;
        let dialect = field("dialect")?.parse()?;
        let mut files = Vec::new();
        for l in lines {
            let rest = l.strip_prefix("sha256 ").ok_or_else(|| m("bad file line"))?;
            let (sum, name) = rest.split_once(' ').ok_or_else(|| m("bad file line"))?;
            if name.contains('/') || name.contains('\\') || name.starts_with('.') {
                return Err(bad(MANIFEST, format!("file name '{name}' leaves the folder")));
            }
            files.push((name.to_string(), sum.to_string()));
        }
        for required in format.csv_files().iter().chain([&JSON]) {
            if !files.iter().any(|(n, _)| n == required) {
                return Err(bad(MANIFEST, format!("does not list {required}")));
            }
        }
        Ok(Manifest {
            format,
            shop_id,
            day,
            provisional,
            journal_head,
            dialect,
            files,
        })
    }

    /// Checks one listed file's bytes against its checksum.
    pub fn check_file(&self, name: &str, bytes: &[u8]) -> Result<(), LedgerError> {
        let expected = self
            .files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s)
            .ok_or_else(|| bad(name, "not listed in the MANIFEST"))?;
        if &sha256_hex(bytes) != expected {
            return Err(bad(name, "checksum does not match the MANIFEST: the file was changed"));
        }
        Ok(())
    }

    /// Checks that `ledger.json` says the same shop, day, status and journal head as the MANIFEST.
    pub fn check_ledger(&self, ledger: &Ledger) -> Result<(), LedgerError> {
        let mismatch = |what: &str| bad(JSON, format!("{what} differs from the MANIFEST"));
        if ledger.format != self.format.tag() {
            return Err(bad(
                JSON,
                format!("format '{}' is not {}", ledger.format, self.format.tag()),
            ));
        }
        if ledger.shop_id != self.shop_id {
            return Err(mismatch("shop id"));
        }
        if ledger.day != self.day {
            return Err(mismatch("day"));
        }
        if ledger.provisional != self.provisional {
            return Err(mismatch("status"));
        }
        if ledger.journal_head != self.journal_head {
            return Err(mismatch("journal head"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn dialects_write_and_read_numbers() {
        for (dialect, value, text) in [
            (Dialect::ExcelRu, "1450.5", "1450,5"),
            (Dialect::Plain, "1450.5", "1450.5"),
            (Dialect::ExcelRu, "-3", "-3"),
        ] {
            assert_eq!(dialect.number(d(value)), text);
            assert_eq!(dialect.parse_number(text), Some(d(value)));
        }
        assert_eq!(Dialect::ExcelRu.money(Som::whole(2500)), "2500,00");
        assert_eq!(Dialect::Plain.money(Som::new(d("0.5"))), "0.50");
        assert_eq!(Dialect::ExcelRu.delimiter(), b';');
        assert_eq!(Dialect::ExcelRu.preamble(), b"\xEF\xBB\xBF");
        assert!("tsv".parse::<Dialect>().is_err());
    }

    fn manifest() -> Manifest {
        Manifest {
            format: Format::V2,
            shop_id: "02811199610123-R1".into(),
            day: NaiveDate::from_ymd_opt(2026, 11, 28).expect("day"),
            provisional: false,
            journal_head: "ab".repeat(32),
            dialect: Dialect::Plain,
            files: CSV_FILES
                .iter()
                .chain([&JSON])
                .map(|f| (f.to_string(), sha256_hex(f.as_bytes())))
                .collect(),
        }
    }

    #[test]
    fn manifest_round_trips_and_refuses_edits() {
        let m = manifest();
        let text = m.render();
        assert_eq!(Manifest::parse(&text), Ok(m.clone()));
        let edited = text.replace("day 2026-11-28", "day 2026-11-29");
        assert!(
            matches!(Manifest::parse(&edited), Err(LedgerError::Bad { file, reason })
            if file == MANIFEST && reason.contains("edited"))
        );
        assert_eq!(m.check_file("tax.csv", b"tax.csv"), Ok(()));
        assert!(
            matches!(m.check_file("tax.csv", b"tax.csv!"), Err(LedgerError::Bad { file, .. }) if file == "tax.csv")
        );
    }
}
