//! Tax-free forms: issuing (the serial number is taken inside the transaction, so numbers have no gaps), voiding
//! (a row beside the form; the form itself never changes) and reading back.

use super::{Result, Store, StoreError};
use crate::domain::tax_free::{Form, FormRecord, Void};
use chrono::DateTime;
use rusqlite::{OptionalExtension, Transaction, params};

/// Builds the form once its serial number is known (the number format needs it).
pub type Fill<'a> = dyn FnOnce(i64) -> Form + 'a;

/// A void to write in the same transaction as an issue: the form a return reduced.
#[derive(Debug, Clone)]
pub struct Replace {
    pub form_id: i64,
    pub reason: String,
    pub at: DateTime<chrono::FixedOffset>,
    pub return_sale_id: Option<i64>,
}

fn stamp(at: &DateTime<chrono::FixedOffset>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Issues a form for `sale_id`: refuses when the sale already has a form that is not void, takes the next
    /// serial, and writes the form, all in one transaction. `replace` voids an earlier form in the same
    /// transaction (a return reduced it), so the sale is never without its form in between.
    pub fn issue_taxfree(&mut self, sale_id: i64, replace: Option<Replace>, fill: Box<Fill<'_>>) -> Result<FormRecord> {
        self.write(|tx| {
            if let Some(r) = &replace {
                insert_void(tx, r.form_id, &r.reason, &stamp(&r.at), r.return_sale_id)?;
            }
            if let Some(number) = live_form_number(tx, sale_id)? {
                return Err(StoreError::Conflict(format!(
                    "the receipt already has tax-free form {number}"
                )));
            }
            let serial: i64 = tx.query_row("SELECT coalesce(max(serial), 0) + 1 FROM taxfree_forms", [], |r| {
                r.get(0)
            })?;
            let form = fill(serial);
            let document = serde_json::to_string(&form).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let replaces_id = replace.as_ref().map(|r| r.form_id);
            tx.execute(
                "INSERT INTO taxfree_forms(serial, number, sale_id, issued_at, replaces_id, document)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    serial,
                    form.number,
                    sale_id,
                    stamp(&form.issued_at),
                    replaces_id,
                    document
                ],
            )?;
            let id = tx.last_insert_rowid();
            // The journal holds the whole form as issued, so an edit of the stored document is caught too.
            let payload = serde_json::json!({ "sale_id": sale_id, "serial": serial, "form": document });
            super::journal::append(
                tx,
                Some(&stamp(&form.issued_at)),
                "taxfree_issue",
                &form.number,
                &payload,
            )?;
            Ok(FormRecord { id, form, void: None })
        })
    }

    /// Voids a form (by the manager, or because `return_sale` took goods back); a form already void is refused:
    /// the first reason stands.
    pub fn void_taxfree(
        &mut self,
        form_id: i64,
        reason: &str,
        at: &DateTime<chrono::FixedOffset>,
        return_sale: Option<i64>,
    ) -> Result<()> {
        self.write(|tx| insert_void(tx, form_id, reason, &stamp(at), return_sale))
    }

    /// The form that is not void for this sale, if any.
    pub fn live_taxfree_for_sale(&self, sale_id: i64) -> Result<Option<FormRecord>> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached(
                "SELECT f.id FROM taxfree_forms f LEFT JOIN taxfree_voids v ON v.form_id = f.id
                 WHERE f.sale_id = ?1 AND v.form_id IS NULL",
            )?
            .query_row([sale_id], |r| r.get(0))
            .optional()?;
        id.map(|id| self.taxfree(id)).transpose()
    }

    pub fn taxfree_by_number(&self, number: &str) -> Result<Option<FormRecord>> {
        let id: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM taxfree_forms WHERE number = ?1", [number.trim()], |r| {
                r.get(0)
            })
            .optional()?;
        id.map(|id| self.taxfree(id)).transpose()
    }

    pub fn taxfree(&self, id: i64) -> Result<FormRecord> {
        let (document, reason, at): (String, Option<String>, Option<String>) = self.conn().query_row(
            "SELECT f.document, v.reason, v.at FROM taxfree_forms f LEFT JOIN taxfree_voids v ON v.form_id = f.id
             WHERE f.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let form: Form =
            serde_json::from_str(&document).map_err(|e| StoreError::Corrupt(format!("tax-free form {id}: {e}")))?;
        let void = match (reason, at) {
            (Some(reason), Some(at)) => Some(Void {
                reason,
                at: DateTime::parse_from_rfc3339(&at).map_err(|_| StoreError::Corrupt(format!("void time '{at}'")))?,
            }),
            _ => None,
        };
        Ok(FormRecord { id, form, void })
    }

    /// The form that stands for `form_id` now: the form itself, or the last form of the chain that replaced it
    /// (a return voids a form and issues its successor with `replaces_id` pointing back).
    pub fn current_taxfree(&self, form_id: i64) -> Result<FormRecord> {
        let mut id = form_id;
        // A chain is at most as long as the forms table; the bound stops a damaged loop from hanging the till.
        for _ in 0..10_000 {
            let next: Option<i64> = self
                .conn()
                .query_row("SELECT id FROM taxfree_forms WHERE replaces_id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            match next {
                Some(n) => id = n,
                None => break,
            }
        }
        self.taxfree(id)
    }

    /// The form a return voided, and the one issued in its place if the goods kept still qualified.
    pub fn taxfree_change_for_return(&self, return_sale_id: i64) -> Result<Option<(FormRecord, Option<FormRecord>)>> {
        let voided: Option<i64> = self
            .conn()
            .query_row(
                "SELECT form_id FROM taxfree_voids WHERE return_sale_id = ?1",
                [return_sale_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(voided) = voided else { return Ok(None) };
        let successor: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM taxfree_forms WHERE replaces_id = ?1", [voided], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(Some((
            self.taxfree(voided)?,
            successor.map(|id| self.taxfree(id)).transpose()?,
        )))
    }

    /// Forms issued on or after `from` and before `to` (RFC 3339 prefixes such as `2026-11-01`), by serial.
    pub fn taxfree_forms(&self, from: &str, to: &str) -> Result<Vec<FormRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT id FROM taxfree_forms WHERE substr(issued_at, 1, 10) >= ?1 AND substr(issued_at, 1, 10) < ?2
             ORDER BY serial",
        )?;
        let ids = stmt
            .query_map(params![from, to], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|id| self.taxfree(id)).collect()
    }
}

fn live_form_number(tx: &Transaction<'_>, sale_id: i64) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT f.number FROM taxfree_forms f LEFT JOIN taxfree_voids v ON v.form_id = f.id
             WHERE f.sale_id = ?1 AND v.form_id IS NULL",
            [sale_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn insert_void(tx: &Transaction<'_>, form_id: i64, reason: &str, at: &str, return_sale: Option<i64>) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(StoreError::Conflict("a void needs a reason".into()));
    }
    let exists: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM taxfree_forms WHERE id = ?1)",
        [form_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(StoreError::Conflict(format!("tax-free form {form_id} does not exist")));
    }
    let changed = tx.execute(
        "INSERT INTO taxfree_voids(form_id, reason, at, return_sale_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(form_id) DO NOTHING",
        params![form_id, reason.trim(), at, return_sale],
    )?;
    if changed == 0 {
        return Err(StoreError::Conflict(format!("tax-free form {form_id} is already void")));
    }
    let payload = serde_json::json!({ "form_id": form_id, "reason": reason.trim(), "return_sale_id": return_sale });
    super::journal::append(tx, Some(at), "taxfree_void", &form_id.to_string(), &payload)?;
    Ok(())
}
