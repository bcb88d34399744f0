//! The catalog file: CSV that a manager keeps in Excel or exports from 1C. Import is all or nothing: the first bad
//! row stops it with the row and column named, and nothing is written.
//!
//! Columns (header names, any order; `;` or `,` separated, detected from the header; decimal comma or dot):
//! `barcode` (several joined with `|`; empty = a new in-store EAN-13 is assigned), `name_ky`, `name_ru`,
//! `name_en` (at least one), `category`, `price` (som, tax included), `tax_group` (default `standard`),
//! `artisan` (code), `commission_pct`, `attributes` (`size=42|colour=red`), `unit` (`piece`, `metre` or
//! `kilogram`, also `шт`, `м`, `кг`; default `piece`), `opening_stock` (received when the row creates a product;
//! whole for pieces), the craft columns `technique` (a code of `domain::craft::TECHNIQUES`, or its name),
//! `materials_ky`, `materials_ru`, `materials_en`, `sell_online` (yes/no; offered in the online feeds) and
//! `photos` (picture files relative to the catalog file, joined with `|`; checked, resized and stored like
//! `usta catalog photo`), `cost` (the purchase cost per unit in som, optional: empty = not known; a file
//! without the column leaves every product's cost as it was). A craft column the file lacks leaves that data of the product as it was. Other
//! columns, such as the `on_hand` an export writes, are ignored.

use super::{AppError, Ctx, Result};
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Names, Product, check_commission, check_cost, format_attributes, parse_attributes};
use crate::domain::craft::{DetailsPatch, ProductDetails, parse_flag};
use crate::domain::limits::{self, Bound};
use crate::domain::money::{Som, parse_decimal};
use crate::store::{CatalogRow, ImportSummary, ProductRecord};
use rust_decimal::Decimal;
use std::io::{Read, Write};

/// The columns an export writes and an import reads back; an import also takes `opening_stock`, an export adds
/// `on_hand` (informative, ignored on import).
const COLUMNS: [&str; 11] = [
    "barcode",
    "name_ky",
    "name_ru",
    "name_en",
    "category",
    "price",
    "tax_group",
    "artisan",
    "commission_pct",
    "attributes",
    "unit",
];

/// The craft columns an export writes after [`COLUMNS`]; an import also takes `photos` (picture files relative to
/// the catalog file, joined with `|`).
const CRAFT_COLUMNS: [&str; 5] = [
    "technique",
    "materials_ky",
    "materials_ru",
    "materials_en",
    "sell_online",
];

/// The text encodings a catalog file may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    #[serde(rename = "UTF-8")]
    Utf8,
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    /// What Excel on a Russian-language Windows saves "CSV" as.
    #[serde(rename = "Windows-1251")]
    Windows1251,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Windows1251 => "Windows-1251",
        }
    }
}

/// Reads a catalog file's bytes as text: UTF-8 (with or without BOM) as it is; bytes that are not UTF-8 but
/// decode cleanly as Windows-1251 as that; anything else is refused, naming the line of the first bad byte.
pub fn decode(file: &str, data: &[u8]) -> Result<(String, Encoding)> {
    if let Some(rest) = data.strip_prefix("\u{feff}".as_bytes()) {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_string(), Encoding::Utf8Bom)),
            Err(e) => Err(not_text(file, rest, e.valid_up_to(), "it starts with a UTF-8 BOM")),
        };
    }
    let utf8_error = match std::str::from_utf8(data) {
        Ok(text) => return Ok((text.to_string(), Encoding::Utf8)),
        Err(e) => e,
    };
    match encoding_rs::WINDOWS_1251.decode_without_bom_handling_and_without_replacement(data) {
        Some(text) => Ok((text.into_owned(), Encoding::Windows1251)),
        None => Err(not_text(
            file,
            data,
            utf8_error.valid_up_to(),
            "it is neither UTF-8 nor Windows-1251",
        )),
    }
}

fn not_text(file: &str, data: &[u8], at: usize, why: &str) -> AppError {
    let row = data[..at.min(data.len())].iter().filter(|b| **b == b'\n').count() + 1;
    AppError::Import {
        file: file.to_string(),
        row,
        column: "-".into(),
        message: format!("byte {at} cannot be read as text ({why}); save the file as CSV UTF-8"),
    }
}

/// Parses and validates a whole catalog file. `file` names it in messages; photo files are not read.
pub fn parse_csv(file: &str, data: &[u8]) -> Result<Vec<CatalogRow>> {
    let (text, _) = decode(file, data)?;
    Ok(parse_text(file, &text)?.into_iter().map(|p| p.row).collect())
}

/// A row with the photo file names its `photos` column gives (relative to the catalog file).
struct ParsedRow {
    row: CatalogRow,
    photo_files: Vec<String>,
}

/// The craft columns of one row: only those the header has.
fn details_patch(column: &dyn Fn(&str) -> Option<String>) -> std::result::Result<DetailsPatch, (&'static str, String)> {
    let technique = match column("technique") {
        None => None,
        Some(t) => Some(
            ProductDetails::default()
                .with_technique(&t)
                .map_err(|e| ("technique", e.to_string()))?
                .technique,
        ),
    };
    let text = |name: &str| column(name);
    let sell_online = match column("sell_online") {
        None => None,
        Some(flag) => Some(parse_flag(&flag).map_err(|e| ("sell_online", e.to_string()))?),
    };
    Ok(DetailsPatch {
        technique,
        materials_ky: text("materials_ky"),
        materials_ru: text("materials_ru"),
        materials_en: text("materials_en"),
        sell_online,
    })
}

fn parse_text(file: &str, text: &str) -> Result<Vec<ParsedRow>> {
    let data = text.as_bytes();
    let first_line = data.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let err = |row: usize, column: &str, message: String| AppError::Import {
        file: file.to_string(),
        row,
        column: column.to_string(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(data);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| err(1, "-", e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let index = |name: &str| headers.iter().position(|h| h == name);
    if !["name_ky", "name_ru", "name_en"].iter().any(|n| index(n).is_some()) {
        return Err(err(
            1,
            "name_ky",
            format!(
                "the header needs a name column; known columns: {}, {}, photos, opening_stock, cost",
                COLUMNS.join(", "),
                CRAFT_COLUMNS.join(", ")
            ),
        ));
    }
    if index("price").is_none() {
        return Err(err(1, "price", "the header has no price column".into()));
    }

    let mut rows = Vec::new();
    let mut seen: std::collections::HashMap<Barcode, usize> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e.position().map_or(0, |p| p.line() as usize);
            err(row, "-", e.to_string())
        })?;
        let row = record.position().map_or(rows.len() + 2, |p| p.line() as usize);
        let get = |name: &str| index(name).and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut barcodes = Vec::new();
        for code in get("barcode").split('|').map(str::trim).filter(|c| !c.is_empty()) {
            let code = Barcode::parse(code).map_err(|e| err(row, "barcode", e.to_string()))?;
            // The same code twice would merge two rows into one product and lose the first row's stock.
            if let Some(first) = seen.insert(code.clone(), row) {
                return Err(err(
                    row,
                    "barcode",
                    format!("barcode {code} is on row {first} and on row {row}; each code belongs to one product"),
                ));
            }
            barcodes.push(code);
        }
        let price_text = get("price");
        let price = Som::parse(price_text).map_err(|e| err(row, "price", e.to_string()))?;
        let commission_pct = match get("commission_pct") {
            "" => None,
            text => Some(
                parse_decimal(text)
                    .ok_or_else(|| err(row, "commission_pct", format!("'{text}' is not a percentage")))
                    .and_then(|c| check_commission(c).map_err(|e| err(row, "commission_pct", e.to_string())))?,
            ),
        };
        let opening_stock = match get("opening_stock") {
            "" => Decimal::ZERO,
            text => {
                // More decimals than a quantity keeps is refused, never rounded (1,0004 would become 1).
                let qty = limits::parse("opening_stock", text, Bound::Qty)
                    .map_err(|e| err(row, "opening_stock", e.to_string()))?;
                if qty < Decimal::ZERO {
                    return Err(err(row, "opening_stock", format!("'{text}' is not a quantity")));
                }
                qty
            }
        };
        let attributes = parse_attributes(get("attributes")).map_err(|e| err(row, "attributes", e.to_string()))?;
        let category = match get("category") {
            "" => "other".to_string(),
            c => c.to_string(),
        };
        let tax_group = match get("tax_group") {
            "" => "standard".to_string(),
            g => g.to_string(),
        };
        let unit = get("unit")
            .parse::<crate::domain::catalog::Unit>()
            .map_err(|e| err(row, "unit", e.to_string()))?;
        let cost = match get("cost") {
            "" => None,
            text => Some(
                Som::parse(text)
                    .map_err(|e| err(row, "cost", e.to_string()))
                    .and_then(|c| check_cost(c).map_err(|e| err(row, "cost", e.to_string())))?,
            ),
        };
        let product = Product {
            id: None,
            names: Names::new(get("name_ky"), get("name_ru"), get("name_en")),
            category,
            price,
            tax_group,
            barcodes,
            attributes,
            artisan: Some(get("artisan").to_string()).filter(|a| !a.is_empty()),
            commission_pct,
            unit,
            cost,
        };
        product
            .check_quantity(opening_stock)
            .map_err(|e| err(row, "opening_stock", e.to_string()))?;
        product.validate().map_err(|e| {
            let column = match e {
                crate::domain::catalog::CatalogError::NoName => "name_ky",
                crate::domain::catalog::CatalogError::Price(_)
                | crate::domain::catalog::CatalogError::PricePrecision(_)
                | crate::domain::catalog::CatalogError::Limit(_) => "price",
                _ => "-",
            };
            err(row, column, e.to_string())
        })?;
        let column = |name: &str| index(name).map(|_| get(name).to_string());
        let details = details_patch(&column).map_err(|(column, e)| err(row, column, e))?;
        let photo_files = get("photos")
            .split('|')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        rows.push(ParsedRow {
            row: CatalogRow {
                line: row,
                product,
                opening_stock,
                details,
                photos: vec![],
                cost_given: index("cost").is_some(),
            },
            photo_files,
        });
    }
    Ok(rows)
}

/// Imports a catalog file atomically; tax groups must be known to the shop's tax settings.
/// An import sets prices, tax groups, barcodes and opening stock, so it is a manager's (or approved) job; it is
/// refused before the file is even read into the shop.
pub fn import(ctx: &mut Ctx<'_>, file: &str, data: &[u8]) -> Result<ImportSummary> {
    import_with(ctx, file, data, &mut super::progress::Silent)
}

/// [`import`], reporting each row stored to `progress` (rows of the file in all). A stop asked for through
/// `progress` while the photos are read or the rows stored refuses the import: the transaction is rolled back,
/// so the catalog is exactly as it was (photo files already stored are named by their content and linked to no
/// product).
pub fn import_with(
    ctx: &mut Ctx<'_>,
    file: &str,
    data: &[u8],
    progress: &mut dyn super::progress::Progress,
) -> Result<ImportSummary> {
    let result = import_steps(ctx, file, data, progress);
    progress.finish();
    result
}

fn import_steps(
    ctx: &mut Ctx<'_>,
    file: &str,
    data: &[u8],
    progress: &mut dyn super::progress::Progress,
) -> Result<ImportSummary> {
    use super::progress::{Job, go_on, stopped};
    super::master::refuse(ctx.store, super::master::MasterPart::Catalog)?;
    super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    let (text, encoding) = decode(file, data)?;
    let parsed = parse_text(file, &text)?;
    // Photos are checked before anything is stored: one bad picture refuses the file, naming its row.
    let base = std::path::Path::new(file).parent().unwrap_or(std::path::Path::new("."));
    let db = ctx.store.path().to_path_buf();
    let mut prepared = Vec::new();
    progress.step(0, parsed.len() as u64);
    for p in &parsed {
        if progress.cancelled() {
            return Err(stopped(Job::CatalogImport));
        }
        let mut row_photos = Vec::new();
        for name in &p.photo_files {
            let photo = super::photos::prepare(&base.join(name)).map_err(|e| AppError::Import {
                file: file.to_string(),
                row: p.row.line,
                column: "photos".into(),
                message: e.to_string(),
            })?;
            row_photos.push(photo);
        }
        prepared.push(row_photos);
    }
    let mut rows = Vec::new();
    for (p, photos) in parsed.into_iter().zip(prepared) {
        for photo in &photos {
            super::photos::write(&db, photo)?;
        }
        rows.push(CatalogRow {
            photos: photos.into_iter().map(|p| p.photo).collect(),
            ..p.row
        });
    }
    let tax = ctx.store.tax_config()?;
    for row in &rows {
        tax.vat_for(&row.product.tax_group).map_err(|e| AppError::Import {
            file: file.to_string(),
            row: row.line,
            column: "tax_group".into(),
            message: e.to_string(),
        })?;
    }
    let stamp = ctx.stamp();
    let by = super::users::changed_by(ctx);
    if progress.cancelled() {
        return Err(stopped(Job::CatalogImport));
    }
    let summary = ctx
        .store
        .import_catalog_steps(&rows, &stamp, &by, &mut go_on(progress))
        .map_err(|e| match e {
            crate::store::StoreError::Conflict(reason) => AppError::from(super::input::InputProblem::NotImported {
                file: file.to_string(),
                reason,
            }),
            other => other.into(),
        })?
        .ok_or_else(|| stopped(Job::CatalogImport))?;
    Ok(ImportSummary {
        encoding: Some(encoding.name()),
        ..summary
    })
}

/// Whether `ctx`'s user may see purchase costs: a manager's data, never a cashier's.
pub fn sees_costs(ctx: &Ctx<'_>) -> bool {
    ctx.actor.role >= crate::domain::user::Role::Manager
}

/// Writes the catalog as CSV (comma, dot decimals, UTF-8) that `import` reads back unchanged. A manager's export
/// carries the purchase costs; a cashier's has no `cost` column at all (so importing it changes no cost).
pub fn export(ctx: &Ctx<'_>, out: impl Write) -> Result<usize> {
    let mut writer = csv::Writer::from_writer(out);
    let io = |e: csv::Error| not_written(e.to_string());
    let costs = sees_costs(ctx);
    let extra: &[&str] = if costs { &["on_hand", "cost"] } else { &["on_hand"] };
    writer
        .write_record(COLUMNS.iter().chain(&CRAFT_COLUMNS).chain(extra))
        .map_err(io)?;
    let products = ctx.store.all_products()?;
    let details = ctx.store.all_product_details()?;
    for ProductRecord {
        product: p,
        on_hand,
        stock_problem,
    } in &products
    {
        let codes: Vec<&str> = p.barcodes.iter().map(Barcode::as_str).collect();
        let d = p.id.and_then(|id| details.get(&id)).cloned().unwrap_or_default();
        let mut record = vec![
            codes.join("|"),
            p.names.ky.clone(),
            p.names.ru.clone(),
            p.names.en.clone(),
            p.category.clone(),
            p.price.plain(),
            p.tax_group.clone(),
            p.artisan.clone().unwrap_or_default(),
            p.commission_pct.map(|c| c.to_string()).unwrap_or_default(),
            format_attributes(&p.attributes),
            p.unit.code().to_string(),
            d.technique.clone().unwrap_or_default(),
            d.materials.ky.clone(),
            d.materials.ru.clone(),
            d.materials.en.clone(),
            if d.sell_online { "yes" } else { "no" }.to_string(),
            // An on-hand that cannot be trusted is left empty rather than written as a number.
            if stock_problem.is_some() {
                String::new()
            } else {
                on_hand.to_string()
            },
        ];
        if costs {
            record.push(p.cost.map(Som::plain).unwrap_or_default());
        }
        writer.write_record(record).map_err(io)?;
    }
    writer.flush().map_err(|e| not_written(e.to_string()))?;
    Ok(products.len())
}

fn not_written(reason: String) -> AppError {
    super::input::InputProblem::NotWritten {
        what: super::input::Document::Catalog,
        reason,
    }
    .into()
}

/// Name or barcode search.
pub fn find(ctx: &Ctx<'_>, text: &str, limit: usize) -> Result<Vec<ProductRecord>> {
    Ok(ctx.store.search(text, limit)?)
}

/// Reads a file fully, naming it on failure.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let mut data = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut data))
        .map_err(|e| {
            AppError::File(super::refusal::FileProblem::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        })?;
    Ok(data)
}
