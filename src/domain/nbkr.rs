//! The National Bank of the Kyrgyz Republic's rate files: `daily.xml` (USD, EUR, RUB, KZT, …) and `weekly.xml`
//! (the other currencies), both `<CurrencyRates Date="dd.mm.yyyy">` with a `<Currency ISOCode="…">` holding a
//! `<Nominal>` and a `<Value>` with a decimal comma: som per Nominal units. Files come as windows-1251 (as the bank
//! serves them) or UTF-8; anything else, a missing field, a date after the latest one allowed (the bank publishes
//! tomorrow's rates in the afternoon, so the caller allows the shop's next day), a non-positive value or a currency
//! twice is refused with the line and the reason, so nothing half-read is ever stored.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Why a rate file was refused, and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct NbkrError {
    pub line: u32,
    pub reason: String,
}

fn refuse(line: u32, reason: impl Into<String>) -> NbkrError {
    NbkrError {
        line,
        reason: reason.into(),
    }
}

/// One currency's rate as the bank gives it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NbkrRate {
    /// ISO 4217 letter code.
    pub code: String,
    pub nominal: u32,
    /// Som per `nominal` units.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
}

impl NbkrRate {
    /// Som per one unit.
    pub fn som_per_unit(&self) -> Decimal {
        (self.value / Decimal::from(self.nominal)).normalize()
    }
}

/// A file's rates for its date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NbkrSet {
    pub date: NaiveDate,
    pub rates: Vec<NbkrRate>,
}

/// The text of a rate file: the encoding its XML declaration names (windows-1251 or UTF-8; none means UTF-8),
/// checked byte for byte.
pub fn decode(bytes: &[u8]) -> Result<String, NbkrError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(refuse(
            1,
            "the file is UTF-16; the National Bank's files are windows-1251 or UTF-8",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let head_end = bytes.iter().position(|b| *b == b'>').unwrap_or(0);
    let head = String::from_utf8_lossy(&bytes[..head_end]).to_ascii_lowercase();
    let declared = head
        .split("encoding=")
        .nth(1)
        .and_then(|rest| rest.trim_start_matches(['"', '\'']).split(['"', '\'']).next())
        .map(str::to_string);
    let line_of = |at: usize| 1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u32;
    match declared.as_deref() {
        Some("windows-1251" | "cp1251") => {
            // 0x98 is the one byte windows-1251 leaves undefined.
            if let Some(at) = bytes.iter().position(|b| *b == 0x98) {
                return Err(refuse(line_of(at), "a byte that is not windows-1251 text"));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            Ok(text.into_owned())
        }
        None | Some("utf-8" | "utf8") => String::from_utf8(bytes.to_vec()).map_err(|e| {
            refuse(
                line_of(e.utf8_error().valid_up_to()),
                "not UTF-8 text (and no windows-1251 declaration)",
            )
        }),
        Some(other) => Err(refuse(
            1,
            format!("encoding {other} is not the National Bank's (windows-1251 or UTF-8)"),
        )),
    }
}

/// Reads a rate file's text; `latest` is the last date a set may carry (the shop's next business day: the bank
/// publishes tomorrow's rates the afternoon before). A set dated later is refused.
pub fn parse(text: &str, latest: NaiveDate) -> Result<NbkrSet, NbkrError> {
    let doc = roxmltree::Document::parse(text).map_err(|e| refuse(e.pos().row, format!("not XML ({e})")))?;
    let line = |n: roxmltree::Node<'_, '_>| doc.text_pos_at(n.range().start).row;
    let root = doc.root_element();
    if root.tag_name().name() != "CurrencyRates" {
        return Err(refuse(
            line(root),
            format!(
                "<{}> is not the National Bank's <CurrencyRates>",
                root.tag_name().name()
            ),
        ));
    }
    let date_text = root
        .attribute("Date")
        .ok_or_else(|| refuse(line(root), "<CurrencyRates> has no Date"))?;
    let date = NaiveDate::parse_from_str(date_text.trim(), "%d.%m.%Y")
        .map_err(|_| refuse(line(root), format!("Date \"{date_text}\" is not dd.mm.yyyy")))?;
    if date > latest {
        return Err(refuse(
            line(root),
            format!(
                "the rates are dated {date}, after {latest}: the National Bank publishes at most the next day's rates"
            ),
        ));
    }
    let mut rates: Vec<NbkrRate> = Vec::new();
    for c in root.children().filter(|n| n.has_tag_name("Currency")) {
        let at = line(c);
        let code = c
            .attribute("ISOCode")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| refuse(at, "<Currency> has no ISOCode"))?;
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(refuse(at, format!("ISOCode \"{code}\" is not a currency code")));
        }
        if rates.iter().any(|r| r.code == code) {
            return Err(refuse(at, format!("{code} appears twice")));
        }
        let field = |name: &str| -> Result<(u32, String), NbkrError> {
            let node = c
                .children()
                .find(|n| n.has_tag_name(name))
                .ok_or_else(|| refuse(at, format!("{code} has no <{name}>")))?;
            let text = node.text().map(str::trim).unwrap_or_default();
            if text.is_empty() {
                return Err(refuse(line(node), format!("{code}: <{name}> is empty")));
            }
            Ok((line(node), text.to_string()))
        };
        let (nominal_line, nominal_text) = field("Nominal")?;
        let nominal: u32 = nominal_text.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            refuse(
                nominal_line,
                format!("{code}: Nominal \"{nominal_text}\" is not a positive whole number"),
            )
        })?;
        let (value_line, value_text) = field("Value")?;
        let value: Decimal = value_text
            .replace(',', ".")
            .parse()
            .map_err(|_| refuse(value_line, format!("{code}: Value \"{value_text}\" is not a number")))?;
        if value <= Decimal::ZERO {
            return Err(refuse(
                value_line,
                format!("{code}: Value {value_text} is not positive"),
            ));
        }
        rates.push(NbkrRate {
            code: code.to_string(),
            nominal,
            value,
        });
    }
    if rates.is_empty() {
        return Err(refuse(line(root), "the file holds no <Currency>"));
    }
    Ok(NbkrSet { date, rates })
}

/// How many days old rates may be before a total shown with them says so.
pub const STALE_AFTER_DAYS: i64 = 3;

/// Whether rates dated `rates` are too old to show a total on `day` without saying so.
pub fn stale(rates: NaiveDate, day: NaiveDate) -> bool {
    (day - rates).num_days() > STALE_AFTER_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    fn file(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CurrencyRates Name=\"Daily\" Date=\"01.12.2026\">\n{body}</CurrencyRates>\n"
        )
    }

    fn check(body: &str, want: Result<(), (u32, &str)>) {
        let got = parse(&file(body), today());
        match (got, want) {
            (Ok(_), Ok(())) => {}
            (Err(e), Err((line, reason))) => {
                assert_eq!(e.line, line, "{e}");
                assert!(e.reason.contains(reason), "{e}");
            }
            (got, want) => panic!("{body}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn reads_and_refuses_with_the_line() {
        let usd = "<Currency ISOCode=\"USD\">\n<Nominal>1</Nominal>\n<Value>87,4500</Value>\n</Currency>\n";
        check(usd, Ok(()));
        check(&format!("{usd}{usd}"), Err((7, "USD appears twice")));
        check(
            "<Currency ISOCode=\"KZT\">\n<Nominal>1</Nominal>\n</Currency>\n",
            Err((3, "has no <Value>")),
        );
        check(
            "<Currency ISOCode=\"EUR\">\n<Nominal>1</Nominal>\n<Value>-1,5</Value>\n</Currency>\n",
            Err((5, "not positive")),
        );
        check(
            "<Currency ISOCode=\"EUR\">\n<Nominal>x</Nominal>\n<Value>1,5</Value>\n</Currency>\n",
            Err((4, "Nominal")),
        );
        check("", Err((2, "no <Currency>")));
        let tomorrow = file(usd).replace("01.12.2026", "03.12.2026");
        assert!(parse(&tomorrow, today().succ_opt().expect("d")).is_ok());
        let later = file(usd).replace("01.12.2026", "04.12.2026");
        let refused = parse(&later, today().succ_opt().expect("d"));
        assert!(refused.is_err_and(|e| e.line == 2 && e.reason.contains("after 2026-12-03")));
    }

    #[test]
    fn nominal_divides_the_value() {
        let r = NbkrRate {
            code: "KZT".into(),
            nominal: 100,
            value: "17,4500".replace(',', ".").parse().expect("decimal"),
        };
        assert_eq!(r.som_per_unit(), Decimal::new(1745, 4));
    }

    #[test]
    fn encodings_are_checked() {
        let cp = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<a>\xd1\xee\xec</a>";
        assert_eq!(decode(cp).map(|t| t.contains("Сом")), Ok(true));
        let bad = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<a>\x98</a>";
        assert_eq!(decode(bad).map_err(|e| e.line), Err(2));
        let latin = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a/>";
        assert!(decode(latin).is_err());
        assert!(decode(b"<a>\xd1</a>").is_err(), "undeclared bytes must be UTF-8");
        assert!(stale(NaiveDate::from_ymd_opt(2026, 11, 28).expect("d"), today()));
        assert!(!stale(NaiveDate::from_ymd_opt(2026, 11, 29).expect("d"), today()));
    }
}
