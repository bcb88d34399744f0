//! Catalog feeds for online channels: the rows each channel's product import reads, made from the products a shop
//! marks "sell online". Pure: prices arrive converted, photos as their content names, and the caller writes the
//! file. A product that lacks a field the channel requires is reported with the field instead of being dropped
//! silently or sent half-empty.

use crate::domain::catalog::{Artisan, Lang, Product};
use crate::domain::craft::ProductDetails;
use crate::domain::currency::Money;
use rust_decimal::Decimal;
use serde::Serialize;

/// An online channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Shopify,
    Woocommerce,
    Google,
    Etsy,
}

impl std::str::FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Channel::ALL
            .into_iter()
            .find(|c| c.code() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown feed format '{s}' (use shopify, woocommerce, google or etsy)"))
    }
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Shopify, Channel::Woocommerce, Channel::Google, Channel::Etsy];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Shopify => "shopify",
            Channel::Woocommerce => "woocommerce",
            Channel::Google => "google",
            Channel::Etsy => "etsy",
        }
    }

    /// The file the feed is written to.
    pub fn file(self) -> &'static str {
        match self {
            Channel::Shopify => "shopify-products.csv",
            Channel::Woocommerce => "woocommerce-products.csv",
            Channel::Google => "google-merchant.tsv",
            Channel::Etsy => "etsy-listings.csv",
        }
    }

    pub fn delimiter(self) -> u8 {
        if self == Channel::Google { b'\t' } else { b',' }
    }

    /// The columns, in order, as the channel's product import names them.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Channel::Shopify => &[
                "Handle",
                "Title",
                "Body (HTML)",
                "Vendor",
                "Type",
                "Tags",
                "Published",
                "Option1 Name",
                "Option1 Value",
                "Option2 Name",
                "Option2 Value",
                "Variant SKU",
                "Variant Inventory Tracker",
                "Variant Inventory Qty",
                "Variant Inventory Policy",
                "Variant Fulfillment Service",
                "Variant Price",
                "Variant Requires Shipping",
                "Variant Taxable",
                "Variant Barcode",
                "Image Src",
                "Image Position",
                "Image Alt Text",
                "Status",
            ],
            Channel::Woocommerce => &[
                "ID",
                "Type",
                "SKU",
                "Name",
                "Published",
                "Short description",
                "Description",
                "In stock?",
                "Stock",
                "Regular price",
                "Categories",
                "Tags",
                "Images",
                "Parent",
                "Attribute 1 name",
                "Attribute 1 value(s)",
                "Attribute 1 visible",
                "Attribute 1 global",
                "Attribute 2 name",
                "Attribute 2 value(s)",
                "Attribute 2 visible",
                "Attribute 2 global",
            ],
            Channel::Google => &[
                "id",
                "title",
                "description",
                "link",
                "image_link",
                "additional_image_link",
                "availability",
                "price",
                "condition",
                "brand",
                "gtin",
                "identifier_exists",
                "product_type",
                "item_group_id",
                "color",
                "size",
                "material",
            ],
            Channel::Etsy => &[
                "title",
                "description",
                "price",
                "currency_code",
                "quantity",
                "sku",
                "who_made",
                "when_made",
                "taxonomy_id",
                "materials",
                "tags",
                "image1",
                "image2",
                "image3",
            ],
        }
    }

    /// The columns every row must fill for the channel to accept it.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Channel::Shopify => &["Handle", "Title", "Variant Price"],
            Channel::Woocommerce => &["Type", "SKU", "Name"],
            Channel::Google => &[
                "id",
                "title",
                "description",
                "link",
                "image_link",
                "availability",
                "price",
                "condition",
                "brand",
            ],
            Channel::Etsy => &[
                "title",
                "description",
                "price",
                "quantity",
                "who_made",
                "when_made",
                "taxonomy_id",
            ],
        }
    }
}

/// One product offered online, with what the feed needs around it.
#[derive(Debug, Clone)]
pub struct Item {
    pub product: Product,
    pub details: ProductDetails,
    pub artisan: Option<Artisan>,
    /// The category's name in the feed's language.
    pub category: String,
    pub on_hand: Decimal,
    /// The price in the feed's currency.
    pub price: Money,
    /// The photos' content names, in order.
    pub photos: Vec<String>,
}

/// A product the channel would refuse: which field it lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub barcode: String,
    pub name: String,
    pub field: String,
}

/// What a feed holds: its rows, and the products left out with the field they lack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub channel: Channel,
    pub rows: Vec<Vec<String>>,
    pub missing: Vec<Missing>,
}

/// The options of a feed.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// The shop's web address; links and image links are made from it.
    pub base_url: Option<String>,
    /// Whose name stands as the brand/vendor when a product has no artisan.
    pub shop_name: String,
}

/// A URL-safe name made of the Latin letters and digits of `text` (Cyrillic transliterated), for handles.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let t = match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            'а' => "a".into(),
            'б' => "b".into(),
            'в' => "v".into(),
            'г' => "g".into(),
            'д' => "d".into(),
            'е' | 'э' => "e".into(),
            'ё' => "yo".into(),
            'ж' => "zh".into(),
            'з' => "z".into(),
            'и' | 'й' | 'ы' => "i".into(),
            'к' => "k".into(),
            'л' => "l".into(),
            'м' => "m".into(),
            'н' => "n".into(),
            'ң' => "ng".into(),
            'о' => "o".into(),
            'ө' => "o".into(),
            'п' => "p".into(),
            'р' => "r".into(),
            'с' => "s".into(),
            'т' => "t".into(),
            'у' | 'ү' => "u".into(),
            'ф' => "f".into(),
            'х' => "kh".into(),
            'ц' => "ts".into(),
            'ч' => "ch".into(),
            'ш' | 'щ' => "sh".into(),
            'ю' => "yu".into(),
            'я' => "ya".into(),
            _ => "-".into(),
        };
        out.push_str(&t);
    }
    out.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

/// The size and colour of a variant (in the feed's language), from the product's attributes.
fn option(item: &Item, key: &str, lang: Lang) -> Option<String> {
    let a = &item.product.attributes;
    let suffix = match lang {
        Lang::Ky => "ky",
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    let value = a.get(&format!("{key}.{suffix}")).or_else(|| a.get(key))?;
    (!value.trim().is_empty()).then(|| value.trim().to_string())
}

const OPTIONS: [(&str, &str); 2] = [("size", "Size"), ("colour", "Color")];

/// The title of the product a variant belongs to: its name without the variant's own values.
fn group_title(item: &Item, lang: Lang) -> String {
    let mut title = item.product.names.get(lang).to_string();
    for (key, _) in OPTIONS {
        if let Some(v) = option(item, key, lang) {
            title = title.replace(&v, "");
        }
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = title
        .trim_matches(|c: char| c == ',' || c == '-' || c.is_whitespace())
        .to_string();
    if title.is_empty() {
        item.product.names.get(lang).to_string()
    } else {
        title
    }
}

fn description(item: &Item, lang: Lang) -> String {
    let mut parts = vec![item.product.names.get(lang).to_string()];
    let technique = item.details.technique_name(lang);
    if !technique.is_empty() {
        parts.push(technique.to_string());
    }
    let materials = item.details.materials.get(lang);
    if !materials.is_empty() {
        parts.push(materials.to_string());
    }
    if let Some(a) = &item.artisan {
        let place: Vec<&str> = [a.village.as_str(), a.region.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        parts.push(if place.is_empty() {
            a.name.clone()
        } else {
            format!("{} ({})", a.name, place.join(", "))
        });
    }
    parts.join(". ")
}

fn barcode(item: &Item) -> String {
    item.product.barcodes.first().map(|b| b.to_string()).unwrap_or_default()
}

fn price(item: &Item) -> String {
    format!("{:.2}", item.price.amount)
}

fn quantity(item: &Item) -> String {
    item.on_hand.max(Decimal::ZERO).trunc().to_string()
}

fn image(opts: &Options, name: &str) -> String {
    match &opts.base_url {
        Some(base) => format!("{}/{}", base.trim_end_matches('/'), name),
        None => String::new(),
    }
}

fn brand(item: &Item, opts: &Options) -> String {
    item.artisan.as_ref().map_or(opts.shop_name.clone(), |a| a.name.clone())
}

/// Products grouped into the channel's products: variants (same title, differing size or colour) share one.
fn groups(items: &[Item], lang: Lang) -> Vec<(String, Vec<&Item>)> {
    let mut out: Vec<(String, Vec<&Item>)> = Vec::new();
    for item in items {
        let has_options = OPTIONS.iter().any(|(k, _)| option(item, k, lang).is_some());
        let handle = if has_options {
            slug(&group_title(item, Lang::En))
        } else {
            format!("{}-{}", slug(item.product.names.get(Lang::En)), barcode(item))
        };
        match out.iter_mut().find(|(h, _)| *h == handle) {
            Some((_, members)) => members.push(item),
            None => out.push((handle, vec![item])),
        }
    }
    out
}

/// The feed of `items` for `channel`.
pub fn build(channel: Channel, items: &[Item], opts: &Options) -> Feed {
    let lang = opts.lang;
    let header = channel.header();
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    let mut push = |item: &Item, row: Vec<(&str, String)>| {
        let lacking: Vec<&str> = channel
            .required()
            .iter()
            .copied()
            .filter(|field| {
                row.iter()
                    .find(|(k, _)| k == field)
                    .is_none_or(|(_, v)| v.trim().is_empty())
            })
            .collect();
        if let Some(field) = lacking.first() {
            missing.push(Missing {
                barcode: barcode(item),
                name: item.product.names.get(lang).to_string(),
                field: field.to_string(),
            });
            return false;
        }
        rows.push(
            header
                .iter()
                .map(|h| {
                    row.iter()
                        .find(|(k, _)| k == h)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect(),
        );
        true
    };
    for (handle, members) in groups(items, lang) {
        let first = members[0];
        let title = if members.len() > 1 {
            group_title(first, lang)
        } else {
            first.product.names.get(lang).to_string()
        };
        let tags: Vec<String> = [first.details.technique_name(lang).to_string(), first.category.clone()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        match channel {
            Channel::Shopify => {
                for (i, item) in members.iter().enumerate() {
                    let mut row = vec![("Handle", handle.clone()), ("Variant Price", price(item))];
                    if i == 0 {
                        row.extend([
                            ("Title", title.clone()),
                            ("Body (HTML)", format!("<p>{}</p>", html(&description(item, lang)))),
                            ("Vendor", brand(item, opts)),
                            ("Type", item.category.clone()),
                            ("Tags", tags.join(", ")),
                            ("Published", "TRUE".into()),
                            ("Status", "active".into()),
                        ]);
                    } else {
                        row.push(("Title", title.clone()));
                    }
                    let mut n = 1;
                    for (key, name) in OPTIONS {
                        if let Some(v) = option(item, key, lang) {
                            row.push((if n == 1 { "Option1 Name" } else { "Option2 Name" }, name.into()));
                            row.push((if n == 1 { "Option1 Value" } else { "Option2 Value" }, v));
                            n += 1;
                        }
                    }
                    if n == 1 {
                        row.extend([
                            ("Option1 Name", "Title".into()),
                            ("Option1 Value", "Default Title".into()),
                        ]);
                    }
                    row.extend([
                        ("Variant SKU", barcode(item)),
                        ("Variant Inventory Tracker", "shopify".into()),
                        ("Variant Inventory Qty", quantity(item)),
                        ("Variant Inventory Policy", "deny".into()),
                        ("Variant Fulfillment Service", "manual".into()),
                        ("Variant Requires Shipping", "TRUE".into()),
                        ("Variant Taxable", "TRUE".into()),
                        ("Variant Barcode", barcode(item)),
                    ]);
                    if let Some(photo) = item.photos.first() {
                        row.extend([
                            ("Image Src", image(opts, photo)),
                            ("Image Position", (i + 1).to_string()),
                            ("Image Alt Text", item.product.names.get(lang).to_string()),
                        ]);
                    }
                    push(item, row);
                }
            }
            Channel::Woocommerce => {
                let variable = members.len() > 1;
                let images = |item: &Item| {
                    item.photos
                        .iter()
                        .map(|p| image(opts, p))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let common = |item: &Item| {
                    vec![
                        ("Published", "1".to_string()),
                        ("Short description", description(item, lang)),
                        ("Description", description(item, lang)),
                        ("Categories", item.category.clone()),
                        ("Tags", tags.join(", ")),
                    ]
                };
                let attributes = |item: Option<&Item>| {
                    let mut row = Vec::new();
                    for (n, (key, name)) in OPTIONS.iter().enumerate() {
                        let values: Vec<String> = match item {
                            Some(item) => option(item, key, lang).into_iter().collect(),
                            None => {
                                let mut all: Vec<String> =
                                    members.iter().filter_map(|m| option(m, key, lang)).collect();
                                all.dedup();
                                all
                            }
                        };
                        if values.is_empty() {
                            continue;
                        }
                        let [k, v, vis, global] = if n == 0 {
                            [
                                "Attribute 1 name",
                                "Attribute 1 value(s)",
                                "Attribute 1 visible",
                                "Attribute 1 global",
                            ]
                        } else {
                            [
                                "Attribute 2 name",
                                "Attribute 2 value(s)",
                                "Attribute 2 visible",
                                "Attribute 2 global",
                            ]
                        };
                        row.extend([
                            (k, name.to_string()),
                            (v, values.join(", ")),
                            (vis, "1".into()),
                            (global, "1".into()),
                        ]);
                    }
                    row
                };
                if variable {
                    let mut parent = vec![
                        ("Type", "variable".to_string()),
                        ("SKU", handle.clone()),
                        ("Name", title.clone()),
                    ];
                    parent.extend(common(first));
                    parent.push(("Images", images(first)));
                    parent.extend(attributes(None));
                    if !push(first, parent) {
                        continue;
                    }
                }
                for item in &members {
                    let mut row = vec![
                        ("Type", if variable { "variation" } else { "simple" }.to_string()),
                        ("SKU", barcode(item)),
                        ("Name", item.product.names.get(lang).to_string()),
                        ("In stock?", if item.on_hand > Decimal::ZERO { "1" } else { "0" }.into()),
                        ("Stock", quantity(item)),
                        ("Regular price", price(item)),
                        ("Images", images(item)),
                    ];
                    if variable {
                        row.push(("Parent", handle.clone()));
                        row.push(("Published", "1".into()));
                    } else {
                        row.extend(common(item));
                    }
                    row.extend(attributes(Some(item)));
                    push(item, row);
                }
            }
            Channel::Google => {
                for item in &members {
                    let code = barcode(item);
                    // Handmade goods carry the shop's own in-store codes, which are no GTIN.
                    let gtin = item
                        .product
                        .barcodes
                        .first()
                        .filter(|b| !b.is_in_store())
                        .map(|b| b.to_string());
                    let mut row = vec![
                        ("id", code.clone()),
                        ("title", item.product.names.get(lang).to_string()),
                        ("description", description(item, lang)),
                        (
                            "availability",
                            if item.on_hand > Decimal::ZERO {
                                "in_stock"
                            } else {
                                "out_of_stock"
                            }
                            .into(),
                        ),
                        ("price", format!("{} {}", price(item), item.price.currency.code())),
                        ("condition", "new".into()),
                        ("brand", brand(item, opts)),
                        ("identifier_exists", if gtin.is_some() { "yes" } else { "no" }.into()),
                        ("gtin", gtin.unwrap_or_default()),
                        (
                            "product_type",
                            [item.category.as_str(), item.details.technique_name(lang)]
                                .iter()
                                .filter(|t| !t.is_empty())
                                .copied()
                                .collect::<Vec<_>>()
                                .join(" > "),
                        ),
                        ("material", item.details.materials.get(lang).to_string()),
                    ];
                    if let Some(base) = &opts.base_url {
                        row.push(("link", format!("{}/products/{handle}", base.trim_end_matches('/'))));
                    }
                    if let Some(photo) = item.photos.first() {
                        row.push(("image_link", image(opts, photo)));
                    }
                    let more: Vec<String> = item.photos.iter().skip(1).map(|p| image(opts, p)).collect();
                    row.push(("additional_image_link", more.join(",")));
                    if members.len() > 1 {
                        row.push(("item_group_id", handle.clone()));
                    }
                    if let Some(c) = option(item, "colour", lang) {
                        row.push(("color", c));
                    }
                    if let Some(s) = option(item, "size", lang) {
                        row.push(("size", s));
                    }
                    push(item, row);
                }
            }
            Channel::Etsy => {
                for item in &members {
                    let made_to_order = item.on_hand <= Decimal::ZERO;
                    let mut row = vec![
                        ("title", item.product.names.get(lang).to_string()),
                        ("description", description(item, lang)),
                        ("price", price(item)),
                        ("currency_code", item.price.currency.code().to_string()),
                        // Etsy lists a made-to-order item with a quantity of at least one.
                        ("quantity", if made_to_order { "1".into() } else { quantity(item) }),
                        ("sku", barcode(item)),
                        // A member artisan of the cooperative made it: the shop's collective; the shop's own work: i_did.
                        (
                            "who_made",
                            if item.artisan.is_some() { "collective" } else { "i_did" }.into(),
                        ),
                        (
                            "when_made",
                            if made_to_order { "made_to_order" } else { "2020_2026" }.into(),
                        ),
                        // Etsy's category number is the shop's to choose: an attribute `etsy_taxonomy=…` of the product.
                        (
                            "taxonomy_id",
                            item.product
                                .attributes
                                .get("etsy_taxonomy")
                                .cloned()
                                .unwrap_or_default(),
                        ),
                        ("materials", item.details.materials.get(lang).to_string()),
                        ("tags", tags.join(",")),
                    ];
                    for (i, key) in ["image1", "image2", "image3"].into_iter().enumerate() {
                        if let Some(p) = item.photos.get(i) {
                            row.push((key, image(opts, p)));
                        }
                    }
                    push(item, row);
                }
            }
        }
    }
    Feed { channel, rows, missing }
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_latin_and_url_safe() {
        assert_eq!(slug("Ак калпак (Ak-kalpak)"), "ak-kalpak-ak-kalpak");
        assert_eq!(slug("Шырдак, 2×3 м"), "shirdak-2-3-m");
        assert_eq!(slug("Felt slippers"), "felt-slippers");
    }
}
