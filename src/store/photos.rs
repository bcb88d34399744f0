//! Product photos and craft data. A picture's row is written once under the SHA-256 of its stored bytes (the file
//! itself lives in `photos/` beside the database, written by `app::photos`); a product links to pictures in
//! order, and taking a photo off a product stamps the link, never deletes it.

use super::catalog::ChangedBy;
use super::journal::append;
use super::{Result, Store, StoreError};
use crate::domain::catalog::{Names, ProductId};
use crate::domain::craft::ProductDetails;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// A stored picture: the photo and its thumbnail, each named by the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredPhoto {
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
    pub thumb_sha256: String,
    pub thumb_width: u32,
    pub thumb_height: u32,
}

const PHOTO_COLUMNS: &str =
    "ph.sha256, ph.width, ph.height, ph.bytes, ph.thumb_sha256, ph.thumb_width, ph.thumb_height";

fn photo_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StoredPhoto> {
    Ok(StoredPhoto {
        sha256: r.get(at)?,
        width: r.get(at + 1)?,
        height: r.get(at + 2)?,
        bytes: r.get(at + 3)?,
        thumb_sha256: r.get(at + 4)?,
        thumb_width: r.get(at + 5)?,
        thumb_height: r.get(at + 6)?,
    })
}

fn details_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<ProductDetails> {
    Ok(ProductDetails {
        technique: r.get(at)?,
        materials: Names {
            ky: r.get(at + 1)?,
            ru: r.get(at + 2)?,
            en: r.get(at + 3)?,
        },
        sell_online: r.get::<_, i64>(at + 4)? != 0,
    })
}

fn exists(tx: &Transaction<'_>, id: ProductId) -> Result<()> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM products WHERE id = ?1", [id.0], |r| r.get(0))
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| StoreError::Conflict(format!("product {} does not exist", id.0)))
}

/// Writes a product's craft data (inside the caller's transaction); true when it changed.
pub(crate) fn put_details(tx: &Transaction<'_>, id: ProductId, d: &ProductDetails) -> Result<bool> {
    let before = details_tx(tx, id)?;
    if before == *d {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO product_details(product_id, technique, materials_ky, materials_ru, materials_en, sell_online)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(product_id) DO UPDATE SET technique = excluded.technique, materials_ky = excluded.materials_ky,
           materials_ru = excluded.materials_ru, materials_en = excluded.materials_en,
           sell_online = excluded.sell_online",
        params![
            id.0,
            d.technique,
            d.materials.ky,
            d.materials.ru,
            d.materials.en,
            i64::from(d.sell_online)
        ],
    )?;
    Ok(true)
}

pub(crate) fn details_tx(tx: &rusqlite::Connection, id: ProductId) -> Result<ProductDetails> {
    Ok(tx
        .query_row(
            "SELECT technique, materials_ky, materials_ru, materials_en, sell_online FROM product_details
             WHERE product_id = ?1",
            [id.0],
            |r| details_row(r, 0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Links `photos` to a product after its current ones (inside the caller's transaction); a photo it already shows
/// is left where it is. Returns how many were added.
pub(crate) fn link_photos(tx: &Transaction<'_>, id: ProductId, photos: &[StoredPhoto], at: &str) -> Result<usize> {
    let mut added = 0;
    for p in photos {
        tx.execute(
            "INSERT INTO photos(sha256, width, height, bytes, thumb_sha256, thumb_width, thumb_height, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(sha256) DO NOTHING",
            params![
                p.sha256,
                p.width,
                p.height,
                p.bytes,
                p.thumb_sha256,
                p.thumb_width,
                p.thumb_height,
                at
            ],
        )?;
        let active: Option<Option<String>> = tx
            .query_row(
                "SELECT removed_at FROM product_photos WHERE product_id = ?1 AND photo = ?2",
                params![id.0, p.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if matches!(active, Some(None)) {
            continue;
        }
        let next: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM product_photos WHERE product_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO product_photos(product_id, photo, position, added_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(product_id, photo) DO UPDATE SET removed_at = NULL, position = excluded.position,
               added_at = excluded.added_at",
            params![id.0, p.sha256, next, at],
        )?;
        added += 1;
    }
    Ok(added)
}

impl Store {
    /// A product's craft data (the default when none was ever set).
    pub fn product_details(&self, id: ProductId) -> Result<ProductDetails> {
        details_tx(self.conn(), id)
    }

    /// Every product's craft data, by product.
    pub fn all_product_details(&self) -> Result<HashMap<ProductId, ProductDetails>> {
        let mut stmt = self.conn().prepare(
            "SELECT product_id, technique, materials_ky, materials_ru, materials_en, sell_online FROM product_details",
        )?;
        let rows = stmt.query_map([], |r| Ok((ProductId(r.get(0)?), details_row(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a product's craft data, journaled with who changed it.
    pub fn set_product_details(&mut self, id: ProductId, d: &ProductDetails, at: &str, by: &ChangedBy) -> Result<()> {
        self.write(|tx| {
            exists(tx, id)?;
            if put_details(tx, id, d)? {
                append(
                    tx,
                    Some(at),
                    "product_details",
                    &id.0.to_string(),
                    &serde_json::json!({ "details": d, "by": by.user, "approved_by": by.approver }),
                )?;
            }
            Ok(())
        })
    }

    /// The photos a product shows, in order.
    pub fn product_photos(&self, id: ProductId) -> Result<Vec<StoredPhoto>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PHOTO_COLUMNS} FROM product_photos pp JOIN photos ph ON ph.sha256 = pp.photo
             WHERE pp.product_id = ?1 AND pp.removed_at IS NULL ORDER BY pp.position"
        ))?;
        let rows = stmt.query_map([id.0], |r| photo_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The thumbnail name of the first photo of each of `ids` that has one.
    pub fn first_thumbnails(&self, ids: &[ProductId]) -> Result<HashMap<ProductId, String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT ph.thumb_sha256 FROM product_photos pp JOIN photos ph ON ph.sha256 = pp.photo
             WHERE pp.product_id = ?1 AND pp.removed_at IS NULL ORDER BY pp.position LIMIT 1",
        )?;
        let mut out = HashMap::new();
        for id in ids {
            if let Some(name) = stmt.query_row([id.0], |r| r.get::<_, String>(0)).optional()? {
                out.insert(*id, name);
            }
        }
        Ok(out)
    }

    /// Every product's photos, in order, by product.
    pub fn all_product_photos(&self) -> Result<HashMap<ProductId, Vec<StoredPhoto>>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT pp.product_id, {PHOTO_COLUMNS} FROM product_photos pp JOIN photos ph ON ph.sha256 = pp.photo
             WHERE pp.removed_at IS NULL ORDER BY pp.product_id, pp.position"
        ))?;
        let mut all: HashMap<ProductId, Vec<StoredPhoto>> = HashMap::new();
        let rows = stmt.query_map([], |r| Ok((ProductId(r.get(0)?), photo_row(r, 1)?)))?;
        for row in rows {
            let (id, photo) = row?;
            all.entry(id).or_default().push(photo);
        }
        Ok(all)
    }

    /// Adds photos (already written to the photos folder) to a product; returns how many were new to it.
    pub fn add_photos(&mut self, id: ProductId, photos: &[StoredPhoto], at: &str, by: &ChangedBy) -> Result<usize> {
        self.write(|tx| {
            exists(tx, id)?;
            let added = link_photos(tx, id, photos, at)?;
            if added > 0 {
                let names: Vec<&str> = photos.iter().map(|p| p.sha256.as_str()).collect();
                append(
                    tx,
                    Some(at),
                    "product_photos",
                    &id.0.to_string(),
                    &serde_json::json!({ "added": names, "by": by.user, "approved_by": by.approver }),
                )?;
            }
            Ok(added)
        })
    }

    /// Takes photos off a product (the rows stay, stamped); `shas` are full names or unambiguous prefixes of the
    /// product's photos. Returns the photos taken off.
    pub fn remove_photos(&mut self, id: ProductId, shas: &[String], at: &str, by: &ChangedBy) -> Result<Vec<String>> {
        let current = self.product_photos(id)?;
        let mut names = Vec::new();
        for wanted in shas {
            let wanted = wanted.trim().trim_end_matches(".jpg").to_ascii_lowercase();
            let matching: Vec<&StoredPhoto> = current
                .iter()
                .filter(|p| !wanted.is_empty() && p.sha256.starts_with(&wanted))
                .collect();
            match matching.as_slice() {
                [one] => names.push(one.sha256.clone()),
                [] => {
                    return Err(StoreError::Conflict(format!(
                        "product {} shows no photo named {wanted}",
                        id.0
                    )));
                }
                _ => {
                    return Err(StoreError::Conflict(format!(
                        "{wanted} names {} photos of product {}; give more of the name",
                        matching.len(),
                        id.0
                    )));
                }
            }
        }
        self.write(|tx| {
            for name in &names {
                tx.execute(
                    "UPDATE product_photos SET removed_at = ?3 WHERE product_id = ?1 AND photo = ?2",
                    params![id.0, name, at],
                )?;
            }
            append(
                tx,
                Some(at),
                "product_photos",
                &id.0.to_string(),
                &serde_json::json!({ "removed": names, "by": by.user, "approved_by": by.approver }),
            )?;
            Ok::<_, StoreError>(())
        })?;
        Ok(names)
    }
}
