//! Categories, artisans, products and their barcodes; name search through FTS5.

mod heads;

use super::journal::append;
use super::settings::{IN_STORE_PREFIX, NEXT_IN_STORE_ITEM, get_setting_tx, put_setting};
use super::{Result, Store, StoreError, decimal, opt_decimal};
use crate::domain::barcode::{Barcode, in_store_ean13};
use crate::domain::catalog::{
    Artisan, ArtisanId, Names, Product, ProductId, Unit, format_attributes, parse_attributes,
};
use crate::domain::money::Som;
use crate::domain::stock::{from_milli, to_milli};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

impl From<crate::domain::money::AmountError> for StoreError {
    /// An amount that cannot be stored is refused whole, never written saturated.
    fn from(e: crate::domain::money::AmountError) -> Self {
        StoreError::Conflict(e.to_string())
    }
}

impl From<crate::domain::stock::StockError> for StoreError {
    /// A quantity that cannot be stored is refused whole, never written saturated.
    fn from(e: crate::domain::stock::StockError) -> Self {
        StoreError::Conflict(e.to_string())
    }
}

/// A product with its stock on hand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProductRecord {
    pub product: Product,
    pub on_hand: Decimal,
    /// Why `on_hand` cannot be trusted: a stored movement beyond what any quantity can be (written saturated by an
    /// older version). Only this product is affected; every other product reads as usual.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stock_problem: Option<String>,
}

/// The largest thousandths a stored movement can hold and still be summed: far beyond any quantity a shop can
/// enter (see `domain::limits`), far below where 9 000 such rows would overflow SQLite's 64-bit sum.
pub const MOVEMENT_MILLI_BOUND: i64 = 1_000_000_000_000_000;

/// What the inventory list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductFilter {
    pub text: String,
    pub category: Option<String>,
    pub artisan: Option<String>,
    /// Only products with at most this many on hand.
    pub low_stock: Option<Decimal>,
    pub limit: usize,
}

/// One validated row of a catalog file, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogRow {
    /// Line in the source file, for messages.
    pub line: usize,
    pub product: Product,
    /// Received as stock when the row creates a new product.
    pub opening_stock: Decimal,
    /// The craft columns the file has.
    pub details: crate::domain::craft::DetailsPatch,
    /// Photos added to the product (already in the photos folder).
    pub photos: Vec<super::photos::StoredPhoto>,
    /// Whether the row says the purchase cost (a file without a `cost` column leaves costs as they are).
    pub cost_given: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    /// The text encoding the file was read in (`UTF-8`, `UTF-8 with BOM`, `Windows-1251`), set by the app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
}

const PRODUCT_COLUMNS: &str = "p.id, p.name_ky, p.name_ru, p.name_en, p.category, p.price, p.tax_group, a.code,
     p.commission_pct, p.attributes,
     (SELECT group_concat(code, '|') FROM (SELECT code FROM barcodes b WHERE b.product_id = p.id ORDER BY code)),
     (SELECT coalesce(sum(qty_milli), 0) FROM stock_movements m WHERE m.product_id = p.id
        AND m.qty_milli BETWEEN -1000000000000000 AND 1000000000000000),
     (SELECT count(*) FROM stock_movements m WHERE m.product_id = p.id
        AND m.qty_milli NOT BETWEEN -1000000000000000 AND 1000000000000000),
     p.unit, p.cost";

/// A product row before its text columns are parsed: product, on-hand thousandths, commission, attributes, codes,
/// and how many of its movements are beyond summing.
type RawProduct = (Product, i64, Option<String>, String, Option<String>, i64);

fn product_row(row: &Row<'_>) -> rusqlite::Result<RawProduct> {
    let mut product = Product {
        id: Some(ProductId(row.get(0)?)),
        names: Names {
            ky: row.get(1)?,
            ru: row.get(2)?,
            en: row.get(3)?,
        },
        category: row.get(4)?,
        price: Som::from_tyiyn(row.get(5)?),
        tax_group: row.get(6)?,
        barcodes: Vec::new(),
        attributes: BTreeMap::new(),
        artisan: row.get(7)?,
        commission_pct: None,
        unit: Unit::Piece,
        cost: row.get::<_, Option<i64>>(14)?.map(Som::from_tyiyn),
    };
    // The column's CHECK keeps it to the known codes; anything else reads as what it was before units.
    product.unit = row.get::<_, String>(13)?.parse().unwrap_or_default();
    Ok((
        product,
        row.get(11)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(12)?,
    ))
}

fn finish(raw: RawProduct) -> Result<ProductRecord> {
    let (mut product, milli, commission, attributes, barcodes, damaged) = raw;
    product.commission_pct = opt_decimal(commission)?;
    product.attributes = parse_attributes(&attributes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    product.barcodes = barcodes
        .unwrap_or_default()
        .split('|')
        .filter(|c| !c.is_empty())
        .map(|c| Barcode::parse(c).map_err(|e| StoreError::Corrupt(e.to_string())))
        .collect::<Result<_>>()?;
    let stock_problem = (damaged > 0).then(|| {
        format!(
            "{damaged} stock movement(s) of this product hold a quantity no shop can have (stored by an older \
             version); its stock on hand is unknown until a manager counts it"
        )
    });
    Ok(ProductRecord {
        product,
        on_hand: from_milli(milli),
        stock_problem,
    })
}

/// Turns what a cashier types into an FTS5 query: every word becomes a quoted prefix term, all must match.
/// Words are split where the unicode61 tokenizer splits them (anything but letters and digits).
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = heads::words(text).iter().map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The FTS5 queries of a name search, best tier first: names (in any language) that start with the first word,
/// then names holding every word anywhere. Each tier is read in rowid order and stops at the limit, so a word
/// that half the catalog matches costs as little as a rare one: no rank is computed over every match (bm25 over
/// 12,500 matches of "калпак" was most of a 100k-catalog search).
pub fn fts_tiers(text: &str) -> Option<[String; 2]> {
    let anywhere = fts_query(text)?;
    Some([format!("^{anywhere}"), anywhere])
}

impl Store {
    pub fn product(&self, id: ProductId) -> Result<Option<ProductRecord>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN artisans a ON a.id = p.artisan_id WHERE p.id = ?1"
        );
        self.conn()
            .query_row(&sql, [id.0], product_row)
            .optional()?
            .map(finish)
            .transpose()
    }

    /// Indexed exact lookup of a scanned code.
    pub fn product_by_barcode(&self, code: &str) -> Result<Option<ProductRecord>> {
        // Cached: a scan is the hottest query of the till, and preparing it cost more than running it.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM barcodes b0 JOIN products p ON p.id = b0.product_id
             LEFT JOIN artisans a ON a.id = p.artisan_id WHERE b0.code = ?1"
        ))?;
        stmt.query_row([crate::domain::barcode::normalize(code)], product_row)
            .optional()?
            .map(finish)
            .transpose()
    }

    /// Products whose names (any language) contain words starting with each word of `text`, best first: a name
    /// that starts with the first word before one that has it later, then older products first. A scanned or
    /// typed barcode finds its product too, ahead of everything.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<ProductRecord>> {
        let mut found = Vec::new();
        if let Some(exact) = self.product_by_barcode(text)? {
            found.push(exact);
        }
        let Some([first_word, anywhere]) = fts_tiers(text) else {
            return Ok(found);
        };
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM products_fts f JOIN products p ON p.id = f.rowid
             LEFT JOIN artisans a ON a.id = p.artisan_id
             WHERE products_fts MATCH ?1 AND p.active = 1 ORDER BY f.rowid LIMIT ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let add = |found: &mut Vec<ProductRecord>, record: ProductRecord| {
            if found.iter().all(|f| f.product.id != record.product.id) {
                found.push(record);
            }
        };
        // Names starting with the first word, from the index of first words; FTS5's `^` only for a prefix so
        // short that it starts too many different first words.
        let mut fts = vec![anywhere];
        match self.search_heads(&heads::words(text), limit)? {
            Some(heads) => heads.into_iter().for_each(|r| add(&mut found, r)),
            None => fts.insert(0, first_word),
        }
        for query in fts {
            if found.len() >= limit {
                break;
            }
            // The later tier holds the earlier one's rows too: read past them.
            let wanted = i64::try_from(limit + found.len()).unwrap_or(i64::MAX);
            for raw in stmt.query_map(params![query, wanted], product_row)? {
                add(&mut found, finish(raw?)?);
            }
        }
        found.truncate(limit);
        Ok(found)
    }

    /// Every product in id order, for export and stock listings.
    pub fn all_products(&self) -> Result<Vec<ProductRecord>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN artisans a ON a.id = p.artisan_id ORDER BY p.id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], product_row)?;
        rows.map(|r| finish(r?)).collect()
    }

    /// Products for the inventory list: name/barcode text (empty = all), category, artisan, and at most
    /// `low_stock` on hand; ordered by name.
    pub fn filter_products(&self, filter: &ProductFilter) -> Result<Vec<ProductRecord>> {
        // Filters run in SQL with a LIMIT, so a 100k catalog is never loaded whole for one screen of rows.
        let query = fts_query(&filter.text);
        let source = if query.is_some() {
            "products_fts f JOIN products p ON p.id = f.rowid LEFT JOIN artisans a ON a.id = p.artisan_id"
        } else {
            "products p LEFT JOIN artisans a ON a.id = p.artisan_id"
        };
        let (order, text_match) = if query.is_some() {
            ("f.rank, p.id", "products_fts MATCH ?1")
        } else {
            ("p.id", "?1 IS NULL")
        };
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM {source}
             WHERE p.active = 1
               AND {text_match}
               AND (?2 IS NULL OR p.category = ?2)
               AND (?3 IS NULL OR a.code = ?3)
               AND (?4 IS NULL OR (SELECT coalesce(sum(qty_milli), 0) FROM stock_movements m WHERE m.product_id = p.id
                      AND m.qty_milli BETWEEN -1000000000000000 AND 1000000000000000) <= ?4)
             ORDER BY {order} LIMIT ?5"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                query,
                filter.category,
                filter.artisan,
                filter.low_stock.map(to_milli).transpose()?,
                filter.limit as i64
            ],
            product_row,
        )?;
        let mut records: Vec<ProductRecord> = rows.map(|r| finish(r?)).collect::<Result<_>>()?;
        if records.is_empty()
            && let Some(exact) = self.product_by_barcode(&filter.text)?
        {
            records.push(exact);
        }
        Ok(records)
    }

    /// Category codes with their names, by code.
    pub fn categories(&self) -> Result<Vec<(String, Names)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT code, name_ky, name_ru, name_en FROM categories ORDER BY code")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                Names {
                    ky: r.get(1)?,
                    ru: r.get(2)?,
                    en: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a product (no id) or updates one (with id), in one transaction. A product without barcodes gets a
    /// new in-store EAN-13; an edited product's barcode list replaces its old one. Returns the stored product.
    /// Creates or edits one product (the product form); the journal entry holds its old and new values and
    /// `by` (who changed it, and who approved).
    pub fn save_product(&mut self, product: &Product, at: &str, by: &ChangedBy) -> Result<ProductRecord> {
        self.save_product_with(product, None, &[], at, by)
    }

    /// [`Store::save_product`] with the product form's craft data and new photos, in the same transaction.
    pub fn save_product_with(
        &mut self,
        product: &Product,
        details: Option<&crate::domain::craft::ProductDetails>,
        photos: &[super::photos::StoredPhoto],
        at: &str,
        by: &ChangedBy,
    ) -> Result<ProductRecord> {
        let id = self.write(|tx| {
            let id = save_product_tx(tx, product, at, by)?;
            let mut extra = serde_json::Map::new();
            if let Some(d) = details
                && super::photos::put_details(tx, id, d)?
            {
                extra.insert("details".into(), serde_json::json!(d));
            }
            if super::photos::link_photos(tx, id, photos, at)? > 0 {
                let names: Vec<&str> = photos.iter().map(|p| p.sha256.as_str()).collect();
                extra.insert("photos_added".into(), serde_json::json!(names));
            }
            if !extra.is_empty() {
                extra.insert("by".into(), serde_json::json!(by.user));
                extra.insert("approved_by".into(), serde_json::json!(by.approver));
                append(tx, Some(at), "product_details", &id.0.to_string(), &extra.into())?;
            }
            Ok::<_, StoreError>(id)
        })?;
        self.product(id)?
            .ok_or_else(|| StoreError::Conflict(format!("product {} vanished", id.0)))
    }
}

/// The product form's write of the product itself (see [`Store::save_product`]).
fn save_product_tx(tx: &Transaction<'_>, product: &Product, at: &str, by: &ChangedBy) -> Result<ProductId> {
    let Some(id) = product.id else {
        let row = CatalogRow {
            line: 1,
            product: product.clone(),
            opening_stock: Decimal::ZERO,
            details: Default::default(),
            photos: vec![],
            cost_given: true,
        };
        for code in &product.barcodes {
            let taken: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM barcodes WHERE code = ?1)",
                [code.as_str()],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::BarcodeTaken { code: code.to_string() });
            }
        }
        let (id, _) = upsert_product(tx, &row, at)?;
        let id = ProductId(id);
        journal_product(tx, at, id, None, by)?;
        return Ok(id);
    };
    let before = snapshot(tx, id.0)?;
    tx.execute(
        "INSERT INTO categories(code, name_ky, name_ru, name_en) VALUES (?1, ?1, ?1, ?1)
                 ON CONFLICT(code) DO NOTHING",
        [&product.category],
    )?;
    let artisan = product
        .artisan
        .as_deref()
        .map(|code| artisan_id(tx, code))
        .transpose()?;
    let changed = tx.execute(
        "UPDATE products SET name_ky = ?1, name_ru = ?2, name_en = ?3, category = ?4, price = ?5,
                   tax_group = ?6, artisan_id = ?7, commission_pct = ?8, attributes = ?9, unit = ?11, cost = ?12
                 WHERE id = ?10",
        params![
            product.names.ky,
            product.names.ru,
            product.names.en,
            product.category,
            product.price.tyiyn()?,
            product.tax_group,
            artisan,
            product.commission_pct.map(|c| c.to_string()),
            format_attributes(&product.attributes),
            id.0,
            product.unit.code(),
            product.cost.map(|c| c.tyiyn()).transpose()?,
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::Conflict(format!("product {} does not exist", id.0)));
    }
    for code in &product.barcodes {
        let owner: Option<i64> = barcode_owner(tx, code)?;
        match owner {
            Some(other) if other != id.0 => {
                return Err(StoreError::BarcodeTaken { code: code.to_string() });
            }
            Some(_) => {}
            None => {
                tx.execute(
                    "INSERT INTO barcodes(code, product_id) VALUES (?1, ?2)",
                    params![code.as_str(), id.0],
                )?;
            }
        }
    }
    let keep: Vec<&str> = product.barcodes.iter().map(Barcode::as_str).collect();
    let old: Vec<String> = {
        let mut stmt = tx.prepare("SELECT code FROM barcodes WHERE product_id = ?1")?;
        let rows = stmt.query_map([id.0], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for code in old.iter().filter(|c| !keep.contains(&c.as_str())) {
        tx.execute("DELETE FROM barcodes WHERE code = ?1", [code])?;
    }
    if keep.is_empty() {
        let code = next_in_store_code(tx)?;
        tx.execute(
            "INSERT INTO barcodes(code, product_id) VALUES (?1, ?2)",
            params![code.as_str(), id.0],
        )?;
    }
    journal_product(tx, at, id, before, by)?;
    Ok(id)
}

impl Store {
    /// Reserves the next in-store EAN-13 for a product being edited (the GUI's "generate" button).
    pub fn reserve_in_store_code(&mut self) -> Result<Barcode> {
        self.write(next_in_store_code)
    }

    pub fn product_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM products", [], |r| r.get(0))?)
    }

    pub fn artisans(&self) -> Result<Vec<Artisan>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, name, village, region, commission_pct, phone FROM artisans ORDER BY code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get::<_, String>(5)?,
                r.get(6)?,
            ))
        })?;
        rows.map(|row| {
            let (id, code, name, village, region, pct, phone) = row?;
            Ok(Artisan {
                id: Some(ArtisanId(id)),
                code,
                name,
                village,
                region,
                commission_pct: decimal(&pct)?,
                phone,
            })
        })
        .collect()
    }

    /// Artisan code → the shop's commission percent, for the artisans named (an unknown code is left out).
    pub fn artisan_commissions<'a>(
        &self,
        codes: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, Decimal>> {
        // One indexed lookup per artisan in the cart: a checkout costs the same with 8 artisans or a
        // cooperative's 500.
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT commission_pct FROM artisans WHERE code = ?1")?;
        let mut out = BTreeMap::new();
        for code in codes {
            if out.contains_key(code) {
                continue;
            }
            let pct: Option<String> = stmt.query_row([code], |r| r.get(0)).optional()?;
            if let Some(pct) = pct {
                out.insert(code.to_string(), decimal(&pct)?);
            }
        }
        Ok(out)
    }

    /// Adds or updates artisans by code.
    pub fn save_artisans(&mut self, artisans: &[Artisan]) -> Result<()> {
        self.write(|tx| {
            for a in artisans {
                tx.execute(
                    "INSERT INTO artisans(code, name, village, region, commission_pct, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(code) DO UPDATE SET name = excluded.name, village = excluded.village,
                       region = excluded.region, commission_pct = excluded.commission_pct, phone = excluded.phone",
                    params![a.code, a.name, a.village, a.region, a.commission_pct.to_string(), a.phone],
                )?;
            }
            let codes: Vec<_> = artisans
                .iter()
                .map(|a| serde_json::json!({ "code": a.code, "commission_pct": a.commission_pct.to_string() }))
                .collect();
            append(tx, None, "artisans", "", &serde_json::Value::Array(codes))?;
            Ok(())
        })
    }

    /// Adds or renames categories by code.
    pub fn save_categories(&mut self, categories: &[(String, Names)]) -> Result<()> {
        self.write(|tx| {
            for (code, names) in categories {
                tx.execute(
                    "INSERT INTO categories(code, name_ky, name_ru, name_en) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(code) DO UPDATE SET name_ky = excluded.name_ky, name_ru = excluded.name_ru,
                       name_en = excluded.name_en",
                    params![code, names.ky, names.ru, names.en],
                )?;
            }
            let codes: Vec<_> = categories.iter().map(|(code, _)| code.as_str()).collect();
            append(tx, None, "categories", "", &serde_json::json!(codes))?;
            Ok(())
        })
    }

    /// Writes a whole catalog file in one transaction: rows whose barcode is known update that product, others
    /// create a product (with a new in-store EAN-13 when the row has no barcode) and receive its opening stock.
    /// Any failing row rolls back everything and is named in the error.
    /// Imports rows all or nothing. The one journal entry names `by` (who imported, who approved) and, for each
    /// product the file created or changed, its old and new values (only the fields that changed, for an
    /// existing product) and its opening stock; rows that change nothing are only counted.
    pub fn import_catalog(&mut self, rows: &[CatalogRow], at: &str, by: &ChangedBy) -> Result<ImportSummary> {
        let summary = self.import_catalog_steps(rows, at, by, &mut |_, _| true)?;
        Ok(summary.unwrap_or_default())
    }

    /// [`Store::import_catalog`], calling `steps(rows stored, rows)` after each row; when it returns `false` the
    /// transaction is rolled back and `None` returned: the catalog is exactly as it was.
    pub fn import_catalog_steps(
        &mut self,
        rows: &[CatalogRow],
        at: &str,
        by: &ChangedBy,
        steps: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Option<ImportSummary>> {
        /// Why the write ended early: a store error, or the caller asked to stop (the transaction rolls back).
        enum Ended {
            Failed(StoreError),
            Stopped,
        }
        impl From<StoreError> for Ended {
            fn from(e: StoreError) -> Self {
                Ended::Failed(e)
            }
        }
        let total = rows.len() as u64;
        let result = self.write(|tx| -> std::result::Result<ImportSummary, Ended> {
            let mut summary = ImportSummary::default();
            let mut changes = Vec::new();
            for (done, row) in (1..).zip(rows) {
                let conflict = |e| StoreError::Conflict(format!("row {}: {}", row.line, conflict_text(e)));
                let before = match existing_owner(tx, &row.product.barcodes).map_err(conflict)? {
                    Some(id) => snapshot(tx, id)?,
                    None => None,
                };
                let (id, created) = upsert_product(tx, row, at).map_err(conflict)?;
                if !row.details.is_empty() {
                    let current = super::photos::details_tx(tx, ProductId(id))?;
                    super::photos::put_details(tx, ProductId(id), &row.details.apply(&current))?;
                }
                super::photos::link_photos(tx, ProductId(id), &row.photos, at)?;
                if created {
                    summary.created += 1
                } else {
                    summary.updated += 1
                }
                let after = snapshot(tx, id)?;
                let (old, new) = difference(before.as_ref(), after.as_ref());
                if created || !new.is_empty() {
                    changes.push(serde_json::json!({
                        "product": id,
                        "old": if created { serde_json::Value::Null } else { old.into() },
                        "new": new,
                        "opening_stock": (created && row.opening_stock > Decimal::ZERO)
                            .then(|| row.opening_stock.normalize().to_string()),
                    }));
                }
                if !steps(done, total) {
                    return Err(Ended::Stopped);
                }
            }
            append(
                tx,
                Some(at),
                "catalog_import",
                "",
                &serde_json::json!({ "rows": rows.len(), "created": summary.created, "updated": summary.updated,
                    "by": by.user, "approved_by": by.approver, "changes": changes }),
            )?;
            Ok(summary)
        });
        match result {
            Ok(summary) => Ok(Some(summary)),
            Err(Ended::Stopped) => Ok(None),
            Err(Ended::Failed(e)) => Err(e),
        }
    }
}

/// Who changes the catalog, as the journal records it: the user, and the manager who approved if someone did.
#[derive(Debug, Clone, Default)]
pub struct ChangedBy {
    pub user: String,
    pub approver: Option<String>,
}

/// Everything a product's journal entry records about it, from the rows as stored: names, category, price
/// (tyiyn), tax group, barcodes (sorted), artisan code, commission, attributes and whether it is active.
fn snapshot(tx: &Transaction<'_>, id: i64) -> Result<Option<serde_json::Map<String, serde_json::Value>>> {
    let row = tx
        .query_row(
            "SELECT p.name_ky, p.name_ru, p.name_en, p.category, p.price, p.tax_group, a.code, p.commission_pct,
                    p.attributes, p.active, p.unit, p.cost
             FROM products p LEFT JOIN artisans a ON a.id = p.artisan_id WHERE p.id = ?1",
            [id],
            |r| {
                Ok(serde_json::json!({
                    "name_ky": r.get::<_, String>(0)?, "name_ru": r.get::<_, String>(1)?,
                    "name_en": r.get::<_, String>(2)?, "category": r.get::<_, String>(3)?,
                    "price_tyiyn": r.get::<_, i64>(4)?, "tax_group": r.get::<_, String>(5)?,
                    "artisan": r.get::<_, Option<String>>(6)?, "commission_pct": r.get::<_, Option<String>>(7)?,
                    "attributes": r.get::<_, String>(8)?, "active": r.get::<_, i64>(9)? != 0,
                    "unit": r.get::<_, String>(10)?, "cost_tyiyn": r.get::<_, Option<i64>>(11)?,
                }))
            },
        )
        .optional()?;
    let Some(serde_json::Value::Object(mut map)) = row else {
        return Ok(None);
    };
    let mut stmt = tx.prepare("SELECT code FROM barcodes WHERE product_id = ?1 ORDER BY code")?;
    let codes = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    map.insert("barcodes".into(), codes.into());
    Ok(Some(map))
}

type Fields = serde_json::Map<String, serde_json::Value>;

/// The fields that differ between two snapshots: (old values, new values). With no old snapshot every new field
/// counts as changed.
fn difference(old: Option<&Fields>, new: Option<&Fields>) -> (Fields, Fields) {
    let (mut was, mut is) = (Fields::new(), Fields::new());
    for (key, value) in new.into_iter().flatten() {
        let before = old.and_then(|o| o.get(key));
        if before != Some(value) {
            if let Some(before) = before {
                was.insert(key.clone(), before.clone());
            }
            is.insert(key.clone(), value.clone());
        }
    }
    (was, is)
}

/// The existing product the barcodes of an import row name, if any (the row then updates it).
fn existing_owner(tx: &Transaction<'_>, codes: &[Barcode]) -> Result<Option<i64>> {
    for code in codes {
        if let Some(id) = barcode_owner(tx, code)? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

fn journal_product(tx: &Transaction<'_>, at: &str, id: ProductId, old: Option<Fields>, by: &ChangedBy) -> Result<()> {
    let new = snapshot(tx, id.0)?;
    let (was, is) = difference(old.as_ref(), new.as_ref());
    append(
        tx,
        Some(at),
        "product",
        &id.0.to_string(),
        &serde_json::json!({ "old": old.map(|_| was), "new": is, "by": by.user, "approved_by": by.approver }),
    )?;
    Ok(())
}

fn conflict_text(e: StoreError) -> String {
    match e {
        StoreError::Conflict(text) => text,
        other => other.to_string(),
    }
}

/// The product a barcode belongs to, if any.
fn barcode_owner(tx: &Transaction<'_>, code: &Barcode) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT product_id FROM barcodes WHERE code = ?1",
            [code.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

fn artisan_id(tx: &Transaction<'_>, code: &str) -> Result<i64> {
    tx.query_row("SELECT id FROM artisans WHERE code = ?1", [code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Conflict(format!("column artisan: unknown artisan '{code}'")))
}

/// Next in-store EAN-13 from the shop's counter, skipping codes already taken.
pub(crate) fn next_in_store_code(tx: &Transaction<'_>) -> Result<Barcode> {
    let prefix: u8 = get_setting_tx(tx, IN_STORE_PREFIX)?.unwrap_or(21);
    let mut item: u64 = get_setting_tx(tx, NEXT_IN_STORE_ITEM)?.unwrap_or(1);
    loop {
        let code = in_store_ean13(prefix, item).map_err(|e| StoreError::Conflict(e.to_string()))?;
        item += 1;
        let taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM barcodes WHERE code = ?1)",
            [code.as_str()],
            |r| r.get(0),
        )?;
        if !taken {
            put_setting(tx, NEXT_IN_STORE_ITEM, &item)?;
            return Ok(code);
        }
    }
}

fn upsert_product(tx: &Transaction<'_>, row: &CatalogRow, at: &str) -> Result<(i64, bool)> {
    let p = &row.product;
    tx.execute(
        "INSERT INTO categories(code, name_ky, name_ru, name_en) VALUES (?1, ?1, ?1, ?1) ON CONFLICT(code) DO NOTHING",
        [&p.category],
    )?;
    let artisan = p.artisan.as_deref().map(|code| artisan_id(tx, code)).transpose()?;
    let mut owners: Vec<i64> = Vec::new();
    for code in &p.barcodes {
        let owner: Option<i64> = barcode_owner(tx, code)?;
        if let Some(id) = owner.filter(|id| !owners.contains(id)) {
            owners.push(id);
        }
    }
    if owners.len() > 1 {
        return Err(StoreError::Conflict(format!(
            "column barcode: the codes belong to {} different products already",
            owners.len()
        )));
    }
    let values = params![
        p.names.ky,
        p.names.ru,
        p.names.en,
        p.category,
        p.price.tyiyn()?,
        p.tax_group,
        artisan,
        p.commission_pct.map(|c| c.to_string()),
        format_attributes(&p.attributes),
        p.unit.code(),
        p.cost.map(|c| c.tyiyn()).transpose()?,
        row.cost_given,
    ];
    let (id, created) = match owners.first() {
        Some(id) => {
            tx.execute(
                "UPDATE products SET name_ky = ?1, name_ru = ?2, name_en = ?3, category = ?4, price = ?5,
                   tax_group = ?6, artisan_id = ?7, commission_pct = ?8, attributes = ?9, unit = ?10,
                   cost = CASE WHEN ?12 THEN ?11 ELSE cost END WHERE id = ?13",
                rusqlite::params_from_iter(values.iter().copied().chain([id as &dyn rusqlite::ToSql])),
            )?;
            (*id, false)
        }
        None => {
            tx.execute(
                "INSERT INTO products(name_ky, name_ru, name_en, category, price, tax_group, artisan_id,
                   commission_pct, attributes, unit, cost) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                // A new product takes the row's cost as it is (none when the file has no cost column).
                rusqlite::params_from_iter(values[..11].iter().copied()),
            )?;
            (tx.last_insert_rowid(), true)
        }
    };
    let mut codes = p.barcodes.clone();
    if codes.is_empty() && created {
        codes.push(next_in_store_code(tx)?);
    }
    for code in codes {
        tx.execute(
            "INSERT INTO barcodes(code, product_id) VALUES (?1, ?2) ON CONFLICT(code) DO NOTHING",
            params![code.as_str(), id],
        )?;
    }
    if created && row.opening_stock > Decimal::ZERO {
        tx.execute(
            "INSERT INTO stock_movements(product_id, kind, qty_milli, reason, at) VALUES (?1, 'receive', ?2, 'opening stock', ?3)",
            params![id, to_milli(row.opening_stock)?, at],
        )?;
    }
    Ok((id, created))
}
