//! The catalog file: CSV that a manager keeps in Excel or exports from 1C. Import is all or nothing: the first bad
//! row stops it with the row and column named, and nothing is written.
//!
//! Columns (header names, any order; `;` or `,` separated, detected from the header; decimal comma or dot):
//! `barcode` (several joined with `|`; empty = a new in-store EAN-13 is assigned), `name_ky`, `name_ru`,
//! `name_en` (at least one), `category`, `price` (som, tax included), `tax_group` (default `standard`),
//! `artisan` (code), `commission_pct`, `attributes` (`size=42|colour=red`), `opening_stock` (received when the
//! row creates a product). Other columns, such as the `on_hand` an export writes, are ignored.

use super::{AppError, Ctx, Result};
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Names, Product, check_commission, format_attributes, parse_attributes};
use crate::domain::money::{Som, parse_decimal};
use crate::store::{CatalogRow, ImportSummary, ProductRecord};
use rust_decimal::Decimal;
use std::io::{Read, Write};

/// The columns an export writes and an import reads back; an import also takes `opening_stock`, an export adds
/// `on_hand` (informative, ignored on import).
const COLUMNS: [&str; 10] = [
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
];

/// Parses and validates a whole catalog file. `file` names it in messages.
pub fn parse_csv(file: &str, data: &[u8]) -> Result<Vec<CatalogRow>> {
    let data = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
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
                "the header needs a name column; known columns: {}, opening_stock",
                COLUMNS.join(", ")
            ),
        ));
    }
    if index("price").is_none() {
        return Err(err(1, "price", "the header has no price column".into()));
    }

    let mut rows = Vec::new();
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
            barcodes.push(Barcode::parse(code).map_err(|e| err(row, "barcode", e.to_string()))?);
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
            text => parse_decimal(text)
                .filter(|q| *q >= Decimal::ZERO)
                .ok_or_else(|| err(row, "opening_stock", format!("'{text}' is not a quantity")))?,
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
        };
        product.validate().map_err(|e| {
            let column = match e {
                crate::domain::catalog::CatalogError::NoName => "name_ky",
                crate::domain::catalog::CatalogError::Price(_)
                | crate::domain::catalog::CatalogError::PricePrecision(_) => "price",
                _ => "-",
            };
            err(row, column, e.to_string())
        })?;
        rows.push(CatalogRow {
            line: row,
            product,
            opening_stock,
        });
    }
    Ok(rows)
}

/// Imports a catalog file atomically; tax groups must be known to the shop's tax settings.
/// An import sets prices, tax groups, barcodes and opening stock, so it is a manager's (or approved) job; it is
/// refused before the file is even read into the shop.
pub fn import(ctx: &mut Ctx<'_>, file: &str, data: &[u8]) -> Result<ImportSummary> {
    super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    let rows = parse_csv(file, data)?;
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
    ctx.store.import_catalog(&rows, &stamp, &by).map_err(|e| match e {
        crate::store::StoreError::Conflict(text) => AppError::Input(format!("{file}: {text}; nothing was imported")),
        other => other.into(),
    })
}

/// Writes the catalog as CSV (comma, dot decimals, UTF-8) that `import` reads back unchanged.
pub fn export(ctx: &Ctx<'_>, out: impl Write) -> Result<usize> {
    let mut writer = csv::Writer::from_writer(out);
    let io = |e: csv::Error| AppError::Input(format!("cannot write the catalog: {e}"));
    writer.write_record(COLUMNS.iter().chain(&["on_hand"])).map_err(io)?;
    let products = ctx.store.all_products()?;
    for ProductRecord { product: p, on_hand } in &products {
        let codes: Vec<&str> = p.barcodes.iter().map(Barcode::as_str).collect();
        writer
            .write_record([
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
                on_hand.to_string(),
            ])
            .map_err(io)?;
    }
    writer
        .flush()
        .map_err(|e| AppError::Input(format!("cannot write the catalog: {e}")))?;
    Ok(products.len())
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
        .map_err(|e| AppError::Input(format!("cannot read {}: {e}", path.display())))?;
    Ok(data)
}
