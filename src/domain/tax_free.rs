//! Tax-free (VAT refund) forms for travellers. Kyrgyzstan publishes no operating scheme yet and its neighbours'
//! differ, so who is eligible, the minimum, the eligible goods, the refund rule, the export deadline and the form
//! number are a [`Scheme`] (TOML, with shipped presets), not code. A form is issued from a finished sale, never
//! edited; a void is recorded beside it.

pub mod countries;
pub mod export;

use crate::domain::catalog::{Lang, Names};
use crate::domain::money::Som;
use crate::domain::receipt::ShopInfo;
use crate::domain::returns::Returnable;
use crate::domain::rounding::{allocate, round_tax};
use crate::domain::sale::Sale;
use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A tax-free scheme as the shop configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub name: String,
    /// Minimum eligible amount per receipt, VAT included, in som.
    pub minimum: Som,
    /// Residents of these countries (ISO alpha-2) are refused.
    pub resident_countries: Vec<String>,
    /// Citizens of these countries are refused (e.g. the EAEU: AM BY KG KZ RU).
    #[serde(default)]
    pub excluded_citizenships: Vec<String>,
    /// Product categories that qualify; empty means every category not excluded.
    #[serde(default)]
    pub eligible_categories: Vec<String>,
    /// Product categories that never qualify (e.g. food).
    #[serde(default)]
    pub excluded_categories: Vec<String>,
    pub refund: Refund,
    pub deadline: Deadline,
    /// The form number: `{year}`, `{register}` and `{serial}` or `{serial:N}` (zero-padded to N digits).
    pub number_format: String,
}

/// How much of the VAT goes back to the traveller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Refund {
    /// A share of the VAT (e.g. 85%: the operator keeps 15%).
    VatShare { share_pct: Decimal },
    /// The VAT less a fixed fee per form.
    VatLessFee { fee: Som },
}

impl Refund {
    /// The refund for this much VAT, to the tyiyn; never negative.
    pub fn apply(&self, vat: Som) -> Som {
        let refund = match self {
            Refund::VatShare { share_pct } => Som(round_tax(vat.amount() * share_pct / Decimal::from(100))),
            Refund::VatLessFee { fee } => vat - *fee,
        };
        if refund.is_negative() { Som::ZERO } else { refund }
    }
}

/// The longest export deadline a scheme can set: ten years (real schemes give three months to a year).
pub const MAX_DEADLINE_MONTHS: u32 = 120;

/// When the goods must have left the country, counted from the day of purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub months: u32,
    /// True: the last day of the `months`-th month after the purchase month; false: the same day `months` later.
    #[serde(default)]
    pub end_of_month: bool,
}

impl Deadline {
    pub fn from(&self, purchase: NaiveDate) -> NaiveDate {
        if self.end_of_month {
            let first = purchase.with_day(1).unwrap_or(purchase);
            first
                .checked_add_months(Months::new(self.months + 1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(purchase)
        } else {
            purchase
                .checked_add_months(Months::new(self.months))
                .unwrap_or(purchase)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemeError {
    #[error("tax-free scheme: {0}")]
    Toml(String),
    #[error("tax-free scheme: {0}")]
    Invalid(String),
}

impl Scheme {
    /// Reads and checks a scheme written in TOML.
    pub fn from_toml(text: &str) -> Result<Scheme, SchemeError> {
        let scheme: Scheme = toml::from_str(text).map_err(|e| SchemeError::Toml(e.to_string()))?;
        scheme.check()?;
        Ok(scheme)
    }

    fn check(&self) -> Result<(), SchemeError> {
        use crate::domain::limits::{Bound, check};
        if self.minimum.is_negative() {
            return Err(SchemeError::Invalid("the minimum cannot be negative".into()));
        }
        check("minimum", self.minimum.amount(), Bound::Line).map_err(|e| SchemeError::Invalid(e.to_string()))?;
        if let Refund::VatLessFee { fee } = self.refund {
            if fee.is_negative() {
                return Err(SchemeError::Invalid("refund fee: the fee cannot be negative".into()));
            }
            check("refund fee", fee.amount(), Bound::Line).map_err(|e| SchemeError::Invalid(e.to_string()))?;
        }
        if self.deadline.months == 0 || self.deadline.months > MAX_DEADLINE_MONTHS {
            return Err(SchemeError::Invalid(format!(
                "deadline months: {} is not a deadline a scheme can have (1 to {MAX_DEADLINE_MONTHS} months)",
                self.deadline.months
            )));
        }
        if let Refund::VatShare { share_pct } = self.refund
            && (share_pct <= Decimal::ZERO || share_pct > Decimal::from(100))
        {
            return Err(SchemeError::Invalid(format!(
                "refund share_pct: {share_pct} is not a percent above 0, at most 100"
            )));
        }
        if !self.number_format.contains("{serial") {
            return Err(SchemeError::Invalid("number_format must contain {serial}".into()));
        }
        let sample = self.number(9999, "R1", 999_999);
        if !sample.is_ascii() || sample.chars().any(|c| c.is_ascii_control()) {
            // The number is printed as a Code128 barcode, which carries printable ASCII only.
            return Err(SchemeError::Invalid(
                "number_format must be printable ASCII (it becomes a barcode)".into(),
            ));
        }
        Ok(())
    }

    /// The form number for this serial.
    pub fn number(&self, year: i32, register: &str, serial: i64) -> String {
        let mut out = self
            .number_format
            .replace("{year}", &year.to_string())
            .replace("{register}", register);
        while let Some(start) = out.find("{serial") {
            let Some(len) = out[start..].find('}') else { break };
            let spec = &out[start + 7..start + len];
            let width = spec
                .strip_prefix(':')
                .and_then(|w| w.parse::<usize>().ok())
                .unwrap_or(0);
            out.replace_range(start..=start + len, &format!("{serial:0width$}"));
        }
        out
    }

    fn allows_category(&self, category: &str) -> bool {
        let listed = |list: &[String]| list.iter().any(|c| c.eq_ignore_ascii_case(category));
        !listed(&self.excluded_categories) && (self.eligible_categories.is_empty() || listed(&self.eligible_categories))
    }
}

/// The presets shipped with Usta: (name, TOML).
pub const PRESETS: &[(&str, &str)] = &[
    ("kg-demo", include_str!("../../assets/taxfree/kg-demo.toml")),
    ("uz-2023", include_str!("../../assets/taxfree/uz-2023.toml")),
    ("kz-2019", include_str!("../../assets/taxfree/kz-2019.toml")),
];

/// A shipped preset by name.
pub fn preset(name: &str) -> Result<Scheme, SchemeError> {
    let (_, text) = PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| SchemeError::Invalid(format!("no preset '{name}' (known: kg-demo, uz-2023, kz-2019)")))?;
    Scheme::from_toml(text)
}

/// A country as typed or read from a passport, as an upper-case ISO alpha-2 code where known.
pub fn country(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    countries::ISO3166
        .iter()
        .chain(countries::ICAO_EXTRA)
        .find(|(a3, _)| *a3 == code)
        .map_or(code, |(_, a2)| a2.to_string())
}

/// True for a country as [`country`] returns it that ISO 3166 (or ICAO's passport codes) knows.
pub fn is_known_country(code: &str) -> bool {
    countries::ISO3166
        .iter()
        .chain(countries::ICAO_EXTRA)
        .any(|(_, a2)| *a2 == code)
}

/// Checks what a traveller's data can be on the day of purchase `today`: the passport not expired (when its
/// expiry is known: always from an MRZ, when typed if given), a birth date neither in the future nor more than
/// 120 years ago, both countries ISO 3166 alpha-2 or alpha-3 (or a passport code of ICAO's).
pub fn check_traveller(t: &Traveller, today: NaiveDate, expiry: Option<NaiveDate>) -> Result<(), Refusal> {
    if let Some(expiry) = expiry
        && expiry < today
    {
        return Err(Refusal::Expired(expiry));
    }
    if t.birth > today {
        return Err(Refusal::Invalid {
            field: "date of birth",
            reason: format!("{} is in the future", t.birth),
        });
    }
    if today
        .checked_sub_months(Months::new(120 * 12))
        .is_some_and(|oldest| t.birth < oldest)
    {
        return Err(Refusal::Invalid {
            field: "date of birth",
            reason: format!("{} is more than 120 years ago", t.birth),
        });
    }
    for (field, code) in [
        ("passport country", &t.passport_country),
        ("country of residence", &t.residence_country),
    ] {
        if !is_known_country(code) {
            return Err(Refusal::Invalid {
                field,
                reason: format!("'{code}' is not an ISO 3166 country code (two letters like DE, or three like DEU)"),
            });
        }
    }
    Ok(())
}

/// Citizens of these countries get the Russian form; everyone else the English one (the Kyrgyz text is on both).
const RUSSIAN_READING: &[&str] = &[
    "RU", "BY", "KZ", "KG", "UZ", "TJ", "TM", "AZ", "AM", "GE", "UA", "MD", "MN",
];

/// The traveller as written on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traveller {
    pub name: String,
    pub passport_no: String,
    /// Issuing country / citizenship, ISO alpha-2 where known.
    pub passport_country: String,
    pub residence_country: String,
    pub birth: NaiveDate,
}

impl Traveller {
    /// Trims and normalises the country codes; refuses empty fields.
    pub fn new(
        name: &str,
        passport_no: &str,
        country_: &str,
        residence: &str,
        birth: NaiveDate,
    ) -> Result<Self, Refusal> {
        let t = Traveller {
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            passport_no: passport_no.trim().to_ascii_uppercase(),
            passport_country: country(country_),
            residence_country: country(residence),
            birth,
        };
        for (field, value) in [
            ("name", &t.name),
            ("passport number", &t.passport_no),
            ("passport country", &t.passport_country),
            ("country of residence", &t.residence_country),
        ] {
            if value.is_empty() {
                return Err(Refusal::Missing(field));
            }
        }
        Ok(t)
    }

    /// From a passport's MRZ; the country of residence is the passport's unless the traveller says otherwise.
    pub fn from_passport(p: &crate::domain::mrz::Passport, residence: Option<&str>) -> Result<Self, Refusal> {
        Traveller::new(
            &p.full_name(),
            &p.number,
            &p.nationality,
            residence.unwrap_or(&p.nationality),
            p.birth,
        )
    }

    /// The traveller's form language: Russian or English.
    pub fn lang(&self) -> Lang {
        if RUSSIAN_READING.contains(&self.passport_country.as_str()) {
            Lang::Ru
        } else {
            Lang::En
        }
    }
}

/// One line of the sale as far as tax-free cares: what is left of it after returns, and its VAT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    pub line_no: u32,
    pub names: Names,
    pub category: String,
    pub qty: Decimal,
    /// What the customer paid for the quantity left, VAT included, after discounts.
    pub amount: Som,
    pub vat_pct: Decimal,
    pub vat: Som,
}

/// Why a line is not on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOut {
    /// The scheme does not cover this category (e.g. food).
    Category,
    /// No VAT was charged on it, so there is nothing to refund.
    NoVat,
    /// All of it was returned.
    Returned,
}

/// The sale's lines less returns, each with its share of the receipt's VAT. The receipt's VAT at each rate is
/// spread over its lines by amount, so the form's VAT adds up to the receipt's; a partly returned line keeps the
/// part of its VAT that its remaining amount bears.
pub fn goods(sale: &Sale, returned: &[Returnable]) -> Vec<Goods> {
    let mut vat_of_line = vec![Som::ZERO; sale.lines.len()];
    let mut rates: Vec<Decimal> = sale.lines.iter().map(|l| l.vat_pct).collect();
    rates.sort();
    rates.dedup();
    for rate in rates {
        let idx: Vec<usize> = (0..sale.lines.len())
            .filter(|i| sale.lines[*i].vat_pct == rate)
            .collect();
        let vat: Som = sale.tax.iter().filter(|t| t.vat_pct == rate).map(|t| t.vat).sum();
        let weights: Vec<Decimal> = idx.iter().map(|i| sale.lines[*i].amount.amount()).collect();
        for (i, part) in idx.iter().zip(allocate(vat.amount(), &weights)) {
            vat_of_line[*i] = Som(part);
        }
    }
    sale.lines
        .iter()
        .zip(vat_of_line)
        .map(|(line, vat)| {
            let back = returned.iter().find(|r| r.line.id.is_some() && r.line.id == line.id);
            let (qty_back, amount_back) =
                back.map_or((Decimal::ZERO, Som::ZERO), |r| (r.returned_qty, r.returned_amount));
            let vat_back = if line.amount.is_zero() {
                Som::ZERO
            } else {
                Som(round_tax(vat.amount() * amount_back.amount() / line.amount.amount()))
            };
            Goods {
                line_no: line.line_no,
                names: line.names.clone(),
                category: line.category.clone(),
                qty: line.qty - qty_back,
                amount: line.amount - amount_back,
                vat_pct: line.vat_pct,
                vat: vat - vat_back,
            }
        })
        .collect()
}

/// Why no form can be issued. Every refusal says what the cashier can tell the traveller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("below the tax-free minimum of {minimum}: eligible goods come to {eligible}, {missing} more are needed")]
    BelowMinimum {
        minimum: Som,
        eligible: Som,
        missing: Som,
        left_out: Vec<(String, LeftOut)>,
    },
    #[error("residents of {0} cannot get a tax-free refund")]
    Resident(String),
    #[error("citizens of {0} are not covered by the tax-free scheme")]
    ExcludedCitizenship(String),
    #[error("no goods on this receipt qualify for tax-free")]
    NoEligibleGoods { left_out: Vec<(String, LeftOut)> },
    #[error("receipt {receipt_no} already has tax-free form {form}")]
    AlreadyIssued { receipt_no: i64, form: String },
    #[error("the receipt is a return, not a sale")]
    NotASale,
    #[error("the traveller's {0} is missing")]
    Missing(&'static str),
    #[error("the traveller's passport expiry date: the passport expired on {0}; a form needs a valid passport")]
    Expired(NaiveDate),
    #[error("the traveller's {field}: {reason}")]
    Invalid { field: &'static str, reason: String },
}

/// What a form would contain, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub lines: Vec<Goods>,
    /// Goods not on the form, by English name, and why.
    pub left_out: Vec<(String, LeftOut)>,
    pub gross: Som,
    pub vat: Som,
    pub refund: Som,
    pub deadline: NaiveDate,
}

/// Checks the traveller (when known yet) and the goods against the scheme.
pub fn assess(
    scheme: &Scheme,
    goods: &[Goods],
    traveller: Option<&Traveller>,
    purchase: NaiveDate,
) -> Result<Assessment, Refusal> {
    if let Some(t) = traveller {
        if scheme
            .resident_countries
            .iter()
            .any(|c| country(c) == t.residence_country)
        {
            return Err(Refusal::Resident(t.residence_country.clone()));
        }
        if scheme
            .excluded_citizenships
            .iter()
            .any(|c| country(c) == t.passport_country)
        {
            return Err(Refusal::ExcludedCitizenship(t.passport_country.clone()));
        }
    }
    let mut lines = Vec::new();
    let mut left_out = Vec::new();
    for g in goods {
        let why = if g.qty <= Decimal::ZERO || !g.amount.is_positive() {
            Some(LeftOut::Returned)
        } else if !scheme.allows_category(&g.category) {
            Some(LeftOut::Category)
        } else if g.vat_pct.is_zero() || !g.vat.is_positive() {
            Some(LeftOut::NoVat)
        } else {
            None
        };
        match why {
            Some(why) => left_out.push((g.names.get(Lang::En).to_string(), why)),
            None => lines.push(g.clone()),
        }
    }
    if lines.is_empty() {
        return Err(Refusal::NoEligibleGoods { left_out });
    }
    let gross: Som = lines.iter().map(|l| l.amount).sum();
    if gross < scheme.minimum {
        return Err(Refusal::BelowMinimum {
            minimum: scheme.minimum,
            eligible: gross,
            missing: scheme.minimum - gross,
            left_out,
        });
    }
    let vat: Som = lines.iter().map(|l| l.vat).sum();
    Ok(Assessment {
        refund: scheme.refund.apply(vat),
        deadline: scheme.deadline.from(purchase),
        lines,
        left_out,
        gross,
        vat,
    })
}

/// An issued form as it was printed and exported; stored whole and never changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub number: String,
    pub serial: i64,
    pub scheme: String,
    pub shop: ShopInfo,
    pub register: String,
    pub receipt_no: i64,
    pub purchase_at: DateTime<FixedOffset>,
    pub issued_at: DateTime<FixedOffset>,
    pub traveller: Traveller,
    pub lines: Vec<Goods>,
    pub gross: Som,
    pub vat: Som,
    pub refund: Som,
    pub deadline: NaiveDate,
    /// The form this one replaces after a partial return.
    pub replaces: Option<String>,
}

/// A void: who asked is the manager; why is the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Void {
    pub reason: String,
    pub at: DateTime<FixedOffset>,
}

/// The form and its state, as shown and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRecord {
    pub id: i64,
    pub form: Form,
    pub void: Option<Void>,
}

impl FormRecord {
    pub fn status(&self) -> &'static str {
        if self.void.is_some() { "void" } else { "issued" }
    }
}

#[cfg(test)]
mod tests;
