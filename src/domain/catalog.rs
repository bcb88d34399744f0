//! The catalog: products with names in Kyrgyz, Russian and English, their price (tax included), tax group,
//! barcodes, variant attributes, and, for consignment goods, the artisan who made them and the shop's commission.

use crate::domain::barcode::Barcode;
use crate::domain::limits::{Bound, LimitError, check};
use crate::domain::money::Som;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A product's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProductId(pub i64);

/// An artisan's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArtisanId(pub i64);

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ky,
    Ru,
    En,
}

impl std::str::FromStr for Lang {
    type Err = CatalogError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ky" | "kg" => Ok(Lang::Ky),
            "ru" => Ok(Lang::Ru),
            "en" => Ok(Lang::En),
            other => Err(CatalogError::UnknownLanguage(other.to_string())),
        }
    }
}

/// A name in the shop's three languages; any may be empty but not all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Names {
    pub ky: String,
    pub ru: String,
    pub en: String,
}

impl Names {
    pub fn new(ky: &str, ru: &str, en: &str) -> Self {
        Names {
            ky: ky.trim().to_string(),
            ru: ru.trim().to_string(),
            en: en.trim().to_string(),
        }
    }

    /// The name in `lang`, falling back to the others (ky → ru → en) so a label is never blank.
    pub fn get(&self, lang: Lang) -> &str {
        let preferred = match lang {
            Lang::Ky => &self.ky,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        };
        [preferred, &self.ky, &self.ru, &self.en]
            .into_iter()
            .find(|n| !n.is_empty())
            .map_or("", |n| n.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.ky.is_empty() && self.ru.is_empty() && self.en.is_empty()
    }
}

impl fmt::Display for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(Lang::Ky))
    }
}

/// An artisan who sells through the shop on consignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artisan {
    pub id: Option<ArtisanId>,
    /// Short code the shop uses on labels and in files (e.g. `A01`).
    pub code: String,
    pub name: String,
    pub village: String,
    pub region: String,
    /// The shop's commission in percent of the sale price.
    pub commission_pct: Decimal,
    pub phone: String,
}

/// What a product is counted in. Only divisible units take fractional quantities: felt by the metre, wool by the
/// kilogram, but never half a hat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Piece,
    Metre,
    Kilogram,
}

impl Unit {
    pub const ALL: [Unit; 3] = [Unit::Piece, Unit::Metre, Unit::Kilogram];

    /// The code stored in the database and written to the catalog file.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Piece => "piece",
            Unit::Metre => "metre",
            Unit::Kilogram => "kilogram",
        }
    }

    /// Whether a quantity of this unit may have a fractional part.
    pub fn divisible(self) -> bool {
        !matches!(self, Unit::Piece)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Unit {
    type Err = CatalogError;
    /// The codes, and the short forms a manager types in Excel in any of the shop's languages.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().trim_end_matches('.') {
            "" | "piece" | "pcs" | "pc" | "шт" | "даана" => Ok(Unit::Piece),
            "metre" | "meter" | "m" | "м" | "метр" => Ok(Unit::Metre),
            "kilogram" | "kg" | "кг" | "килограмм" => Ok(Unit::Kilogram),
            _ => Err(CatalogError::UnknownUnit(s.trim().to_string())),
        }
    }
}

/// A product as sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: Option<ProductId>,
    pub names: Names,
    /// Category code (e.g. `carpets`).
    pub category: String,
    /// Shelf price, tax included.
    pub price: Som,
    /// Tax group code, mapped to a VAT rate by the shop's tax settings.
    pub tax_group: String,
    pub barcodes: Vec<Barcode>,
    /// Variant attributes such as size and colour.
    pub attributes: BTreeMap<String, String>,
    /// Artisan code for consignment goods.
    pub artisan: Option<String>,
    /// Commission override for this product; the artisan's rate applies when absent.
    pub commission_pct: Option<Decimal>,
    /// What the product is counted in; carts saved before units existed read as pieces.
    #[serde(default)]
    pub unit: Unit,
    /// What the shop paid for one unit, where the manager knows it (for margins; never on a receipt or a
    /// cashier's screen). `None` is "not known", never zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Som>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("product has no name in any language")]
    NoName,
    #[error("price {0} must be positive")]
    Price(Som),
    #[error("price {0} has fractions of a tyiyn")]
    PricePrecision(Som),
    #[error("commission {0}% must be between 0 and 100")]
    Commission(Decimal),
    #[error("attribute '{0}' must look like key=value")]
    Attribute(String),
    #[error("unknown language '{0}' (use ky, ru or en)")]
    UnknownLanguage(String),
    #[error("tax group is empty")]
    TaxGroup,
    #[error("unknown unit '{0}' (use piece, metre or kilogram)")]
    UnknownUnit(String),
    #[error("{name} is sold by the piece: {qty} is not a whole number")]
    WholeOnly { name: String, qty: Decimal },
    #[error(transparent)]
    Limit(#[from] LimitError),
}

impl Product {
    /// Checks the rules every product must keep before it is stored.
    pub fn validate(&self) -> Result<(), CatalogError> {
        if self.names.is_empty() {
            return Err(CatalogError::NoName);
        }
        if !self.price.is_positive() {
            return Err(CatalogError::Price(self.price));
        }
        if self.price.amount().normalize().scale() > 2 {
            return Err(CatalogError::PricePrecision(self.price));
        }
        check("price", self.price.amount(), Bound::Line)?;
        if let Some(c) = self.commission_pct {
            check_commission(c)?;
        }
        if self.tax_group.trim().is_empty() {
            return Err(CatalogError::TaxGroup);
        }
        if let Some(cost) = self.cost {
            check_cost(cost)?;
        }
        Ok(())
    }

    /// The attribute values as a customer reads them in `lang`: `colour=grey|colour.ru=серый` shows "серый" in
    /// Russian and "grey" where no translation is given. The translations (`key.ky`, `key.ru`, `key.en`) ride in
    /// the same attributes, so the catalog file carries them in its `attributes` column.
    pub fn attribute_values(&self, lang: Lang) -> Vec<String> {
        localized_attributes(&self.attributes, lang)
    }

    /// The product as every screen lists it in `lang`: its name, then its attribute values in brackets
    /// ("Кийиз тапочка боз 38 (боз, 38)"), so a cart line, a search result and the customer display agree.
    pub fn shown_name(&self, lang: Lang) -> String {
        let name = self.names.get(lang);
        let values = self.attribute_values(lang);
        if values.is_empty() {
            name.to_string()
        } else {
            format!("{name} ({})", values.join(", "))
        }
    }

    /// Refuses a fractional quantity of a product counted in pieces (in a cart, an import or a stock movement).
    pub fn check_quantity(&self, qty: Decimal) -> Result<Decimal, CatalogError> {
        if !self.unit.divisible() && !qty.fract().is_zero() {
            return Err(CatalogError::WholeOnly {
                name: self.names.to_string(),
                qty: qty.normalize(),
            });
        }
        Ok(qty)
    }
}

/// A purchase cost: not negative, to the tyiyn, no more than a line can hold.
pub fn check_cost(cost: Som) -> Result<Som, CatalogError> {
    if cost.is_negative() {
        return Err(crate::domain::limits::LimitError::Negative {
            field: "cost".into(),
            value: cost.amount().normalize().to_string(),
        }
        .into());
    }
    check("cost", cost.amount(), Bound::Line)?;
    Ok(cost)
}

pub fn check_commission(pct: Decimal) -> Result<Decimal, CatalogError> {
    if pct < Decimal::ZERO || pct > Decimal::from(100) {
        return Err(CatalogError::Commission(pct));
    }
    Ok(pct)
}

/// Attribute values in `lang` (see [`Product::attribute_values`]): the shop's own translation, else the
/// dictionary's word ([`crate::domain::attribute_words`]), else the value as written.
pub fn localized_attributes(attributes: &BTreeMap<String, String>, lang: Lang) -> Vec<String> {
    let suffix = match lang {
        Lang::Ky => "ky",
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    attributes
        .iter()
        .filter(|(key, _)| !is_translation(key))
        .map(
            |(key, value)| match attributes.get(&format!("{key}.{suffix}")).filter(|v| !v.is_empty()) {
                Some(given) => given.clone(),
                None => {
                    crate::domain::attribute_words::translate(value, lang).map_or_else(|| value.clone(), str::to_string)
                }
            },
        )
        .collect()
}

/// Whether an attribute key is a translation of another (`colour.ru`).
fn is_translation(key: &str) -> bool {
    [".ky", ".ru", ".en"].iter().any(|s| key.ends_with(s))
}

/// Parses `size=42|colour=red` (the catalog file's attribute column).
pub fn parse_attributes(text: &str) -> Result<BTreeMap<String, String>, CatalogError> {
    let mut map = BTreeMap::new();
    for pair in text.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| CatalogError::Attribute(pair.to_string()))?;
        if k.trim().is_empty() {
            return Err(CatalogError::Attribute(pair.to_string()));
        }
        map.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(map)
}

/// The inverse of [`parse_attributes`].
pub fn format_attributes(map: &BTreeMap<String, String>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product() -> Product {
        Product {
            id: None,
            names: Names::new("Ак калпак", "Ак-калпак (Ak-kalpak)", "Ak-kalpak felt hat"),
            category: "hats".into(),
            price: Som::whole(2500),
            tax_group: "standard".into(),
            barcodes: vec![],
            attributes: BTreeMap::new(),
            artisan: None,
            commission_pct: None,
            unit: Unit::Piece,
            cost: None,
        }
    }

    #[test]
    fn only_divisible_units_take_fractions() {
        let half = Decimal::new(15, 1);
        let mut hat = product();
        assert_eq!(hat.check_quantity(Decimal::from(2)), Ok(Decimal::from(2)));
        assert_eq!(
            hat.check_quantity(half),
            Err(CatalogError::WholeOnly {
                name: "Ак калпак".into(),
                qty: half
            })
        );
        for unit in [Unit::Metre, Unit::Kilogram] {
            hat.unit = unit;
            assert_eq!(hat.check_quantity(half), Ok(half), "{unit}");
        }
        for (text, unit) in [
            ("шт", Unit::Piece),
            ("", Unit::Piece),
            ("м", Unit::Metre),
            ("KG", Unit::Kilogram),
        ] {
            assert_eq!(text.parse::<Unit>(), Ok(unit), "{text}");
        }
        for unit in Unit::ALL {
            assert_eq!(unit.code().parse::<Unit>(), Ok(unit));
        }
        assert_eq!("litre".parse::<Unit>(), Err(CatalogError::UnknownUnit("litre".into())));
    }

    #[test]
    fn attribute_values_show_in_the_chosen_language() {
        let mut p = product();
        p.attributes = parse_attributes("size=58|colour=white|colour.ky=ак|colour.ru=белый").expect("parses");
        assert_eq!(p.attribute_values(Lang::Ky), vec!["ак", "58"]);
        assert_eq!(p.attribute_values(Lang::Ru), vec!["белый", "58"]);
        assert_eq!(p.attribute_values(Lang::En), vec!["white", "58"]);
    }

    #[test]
    fn attribute_values_fall_back_to_the_dictionary_then_to_the_value() {
        let mut p = product();
        p.attributes = parse_attributes("colour=grey|size=large|pattern=kochkor muyuz").expect("parses");
        // Keys sort: colour, pattern, size.
        assert_eq!(p.attribute_values(Lang::Ky), vec!["боз", "kochkor muyuz", "чоң"]);
        assert_eq!(p.attribute_values(Lang::Ru), vec!["серый", "kochkor muyuz", "большой"]);
        assert_eq!(p.attribute_values(Lang::En), vec!["grey", "kochkor muyuz", "large"]);
        // The shop's own word beats the dictionary's.
        p.attributes = parse_attributes("colour=grey|colour.ky=күл түстүү").expect("parses");
        assert_eq!(p.attribute_values(Lang::Ky), vec!["күл түстүү"]);
        assert_eq!(p.attribute_values(Lang::Ru), vec!["серый"]);
    }

    #[test]
    fn the_shown_name_carries_the_attributes_in_the_language() {
        let mut p = product();
        assert_eq!(p.shown_name(Lang::En), p.names.get(Lang::En));
        p.attributes = parse_attributes("size=38|colour=red").expect("parses");
        assert_eq!(
            p.shown_name(Lang::Ru),
            format!("{} (красный, 38)", p.names.get(Lang::Ru))
        );
    }

    #[test]
    fn names_fall_back() {
        let n = Names::new("", "Шырдак", "Shyrdak");
        assert_eq!(n.get(Lang::Ky), "Шырдак");
        assert_eq!(n.get(Lang::En), "Shyrdak");
        assert_eq!(Names::new("", "", "Komuz").get(Lang::Ru), "Komuz");
    }

    #[test]
    fn validation_table() {
        type Case = (Box<dyn Fn(&mut Product)>, Result<(), CatalogError>);
        let cases: Vec<Case> = vec![
            (Box::new(|_| {}), Ok(())),
            (Box::new(|p| p.names = Names::default()), Err(CatalogError::NoName)),
            (Box::new(|p| p.price = Som::ZERO), Err(CatalogError::Price(Som::ZERO))),
            (
                Box::new(|p| p.price = Som(Decimal::new(10005, 3))),
                Err(CatalogError::PricePrecision(Som(Decimal::new(10005, 3)))),
            ),
            (
                Box::new(|p| p.commission_pct = Some(Decimal::from(101))),
                Err(CatalogError::Commission(Decimal::from(101))),
            ),
            (Box::new(|p| p.tax_group = " ".into()), Err(CatalogError::TaxGroup)),
            (Box::new(|p| p.price = Som(Decimal::new(9_999_999_999, 2))), Ok(())),
            (
                Box::new(|p| p.price = Som(Decimal::new(10_000_000_000, 2))),
                Err(CatalogError::Limit(LimitError::TooLarge {
                    field: "price".into(),
                    value: "100000000".into(),
                    bound: Bound::Line,
                })),
            ),
        ];
        for (i, (change, expected)) in cases.into_iter().enumerate() {
            let mut p = product();
            change(&mut p);
            assert_eq!(p.validate(), expected, "case {i}");
        }
    }

    #[test]
    fn attributes_round_trip() {
        let map = parse_attributes("size=42| colour = red ").expect("parses");
        assert_eq!(map.get("colour").map(String::as_str), Some("red"));
        assert_eq!(format_attributes(&map), "colour=red|size=42");
        assert_eq!(parse_attributes("size"), Err(CatalogError::Attribute("size".into())));
        assert_eq!(parse_attributes(""), Ok(BTreeMap::new()));
    }
}
