//! The journal against the tables: each sale, return, payout and tax-free form as journaled must match the rows
//! it describes, and every sale row must have its journal entry. The hash chain proves the journal unedited;
//! this proves the tables agree with it, so an edit of a sale with raw SQL is found too.

use super::{Result, Store, facts};
use crate::domain::stock::to_milli;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// The first journal entry whose table rows differ from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("journal entry {seq} ({kind} {reference}): {what}")]
pub struct Mismatch {
    pub seq: i64,
    pub kind: String,
    pub reference: String,
    pub what: String,
}

/// Money in a payload ("2500.00") against tyiyn in a table.
fn same_money(payload: &Value, tyiyn: i64) -> bool {
    payload
        .as_str()
        .and_then(|s| s.parse::<Decimal>().ok())
        .or_else(|| payload.as_i64().map(Decimal::from))
        .is_some_and(|d| d == Decimal::new(tyiyn, 2))
}

/// The entry that last committed to a row, and the digest it gave (None: it deleted the row).
struct Commit {
    entry: std::rc::Rc<(i64, String, String)>,
    digest: Option<String>,
}

impl Commit {
    fn mismatch(&self, what: String) -> Mismatch {
        Mismatch {
            seq: self.entry.0,
            kind: self.entry.1.clone(),
            reference: self.entry.2.clone(),
            what,
        }
    }
}

struct SaleRow {
    id: i64,
    subtotal: i64,
    discount: i64,
    total: i64,
    change: i64,
    rounding: i64,
    user: Option<String>,
}

impl Store {
    /// Re-checks every sale, return, payout and tax-free form against its journal entry; `Ok(Err(..))` names the
    /// first entry that differs, `Ok(Ok(n))` says how many entries were compared.
    pub fn verify_tables(&self) -> Result<std::result::Result<usize, Mismatch>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT seq, kind, ref, payload, at FROM journal ORDER BY seq")?;
        let entries = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut compared = 0;
        let mut journaled_sales = std::collections::BTreeSet::new();
        for (seq, kind, reference, payload, at) in entries {
            let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
            let found = match kind.as_str() {
                "sale" | "return" => self.check_sale(&kind, &reference, &payload, &mut journaled_sales)?,
                "payout" => self.check_payout(&reference, &payload)?,
                "taxfree_issue" => self.check_taxfree(&reference, &payload)?,
                "stock" | "stock_count" => self.check_movements(&at, &payload)?,
                _ => continue,
            };
            compared += 1;
            if let Some(what) = found {
                return Ok(Err(Mismatch {
                    seq,
                    kind,
                    reference,
                    what,
                }));
            }
        }
        let mut stmt = self
            .conn()
            .prepare("SELECT id, kind, register || '-' || receipt_no FROM sales ORDER BY id")?;
        let sales = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if let Some((_, kind, reference)) = sales.into_iter().find(|(id, _, _)| !journaled_sales.contains(id)) {
            return Ok(Err(Mismatch {
                seq: 0,
                kind,
                reference,
                what: "this sale is in the tables but not in the journal".into(),
            }));
        }
        if let Some(first) = self.verify_rows()?.into_iter().next() {
            return Ok(Err(first));
        }
        Ok(Ok(compared))
    }

    /// Every row of every fact table against the entry that last committed to it (`store::facts`): an edited
    /// column names that entry, a missing row too, and a row no entry committed to is named by its table and key.
    /// Entries first, oldest first; rows in no entry after them.
    pub fn verify_rows(&self) -> Result<Vec<Mismatch>> {
        let mut committed: HashMap<(String, String), Commit> = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare("SELECT seq, kind, ref, row_digests FROM journal WHERE row_digests <> '' ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        let mut found = Vec::new();
        while let Some(r) = rows.next()? {
            let (seq, kind, reference): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let digests: BTreeMap<String, BTreeMap<String, Option<String>>> =
                match serde_json::from_str(r.get_ref(3)?.as_str().unwrap_or_default()) {
                    Ok(d) => d,
                    Err(e) => {
                        found.push(Mismatch {
                            seq,
                            kind,
                            reference,
                            what: format!("its row digests cannot be read ({e})"),
                        });
                        continue;
                    }
                };
            let entry = std::rc::Rc::new((seq, kind, reference));
            for (table, keys) in digests {
                for (key, digest) in keys {
                    committed.insert(
                        (table.clone(), key),
                        Commit {
                            entry: entry.clone(),
                            digest,
                        },
                    );
                }
            }
        }
        let mut unjournaled = Vec::new();
        for table in facts::fact_tables(self.conn())? {
            for (key, digest) in facts::table_digests(self.conn(), &table)? {
                match committed.remove(&(table.name.clone(), key.clone())) {
                    Some(c) if c.digest.as_deref() == Some(digest.as_str()) => {}
                    Some(c) => {
                        let what = match c.digest {
                            Some(_) => format!(
                                "{} row {key} differs from what this entry wrote (a column was edited)",
                                table.name
                            ),
                            None => format!("{} row {key} was deleted by this entry but is back", table.name),
                        };
                        found.push(c.mismatch(what));
                    }
                    None => unjournaled.push(Mismatch {
                        seq: 0,
                        kind: table.name.clone(),
                        reference: key.clone(),
                        what: format!("{} row {key} is in no journal entry (written outside Usta)", table.name),
                    }),
                }
            }
        }
        for ((table, key), c) in committed {
            if c.digest.is_some() {
                found.push(c.mismatch(format!("{table} row {key} is missing")));
            }
        }
        found.sort_by(|a, b| (a.seq, &a.what).cmp(&(b.seq, &b.what)));
        found.extend(unjournaled);
        Ok(found)
    }

    fn check_sale(
        &self,
        kind: &str,
        reference: &str,
        p: &Value,
        seen: &mut std::collections::BTreeSet<i64>,
    ) -> Result<Option<String>> {
        let Some((register, no)) = reference.rsplit_once('-') else {
            return Ok(Some("the reference names no receipt".into()));
        };
        let row = self
            .conn()
            .query_row(
                "SELECT id, subtotal, discount, total, change, rounding, user FROM sales
                 WHERE register = ?1 AND receipt_no = ?2 AND kind = ?3",
                params![register, no.parse::<i64>().unwrap_or(-1), kind],
                |r| {
                    Ok(SaleRow {
                        id: r.get(0)?,
                        subtotal: r.get(1)?,
                        discount: r.get(2)?,
                        total: r.get(3)?,
                        change: r.get(4)?,
                        rounding: r.get(5)?,
                        user: r.get(6)?,
                    })
                },
            )
            .optional()?;
        let Some(row) = row else {
            return Ok(Some("its sale row is missing".into()));
        };
        seen.insert(row.id);
        for (field, value) in [
            ("total", row.total),
            ("change", row.change),
            ("subtotal", row.subtotal),
            ("discount", row.discount),
            ("rounding", row.rounding),
        ] {
            // Entries written before a field was journaled simply do not carry it.
            if let Some(journaled) = p.get(field)
                && !same_money(journaled, value)
            {
                return Ok(Some(format!(
                    "the sale's {field} differs from the journal ({journaled})"
                )));
            }
        }
        if let Some(user) = p.get("user")
            && user.as_str() != row.user.as_deref()
        {
            return Ok(Some(format!("the sale's user differs from the journal ({user})")));
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT amount FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no")?;
        let amounts = stmt
            .query_map([row.id], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if p.get("lines").and_then(Value::as_u64) != Some(amounts.len() as u64) {
            return Ok(Some(format!(
                "the sale has {} lines, the journal says {}",
                amounts.len(),
                p["lines"]
            )));
        }
        if let Some(journaled) = p.get("amounts").and_then(Value::as_array)
            && let Some(i) = (0..amounts.len()).find(|&i| !journaled.get(i).is_some_and(|j| same_money(j, amounts[i])))
        {
            return Ok(Some(format!("line {}'s amount differs from the journal", i + 1)));
        }
        let sign = if kind == "sale" { -1 } else { 1 };
        let unmoved: i64 = self.conn().query_row(
            "SELECT count(*) FROM sale_lines l WHERE l.sale_id = ?1 AND NOT EXISTS (SELECT 1 FROM stock_movements m
               WHERE m.sale_id = l.sale_id AND m.product_id = l.product_id AND m.qty_milli = ?2 * l.qty_milli)",
            params![row.id, sign],
            |r| r.get(0),
        )?;
        if unmoved > 0 {
            return Ok(Some("a line's stock movement differs from the sale".into()));
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT kind, currency, tendered, applied FROM payments WHERE sale_id = ?1 ORDER BY seq")?;
        let payments = stmt
            .query_map([row.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let journaled = p.get("payments").and_then(Value::as_array).cloned().unwrap_or_default();
        if journaled.len() != payments.len() {
            return Ok(Some(format!(
                "the sale has {} payments, the journal {}",
                payments.len(),
                journaled.len()
            )));
        }
        for (i, ((kind, currency, tendered, applied), j)) in payments.iter().zip(&journaled).enumerate() {
            let same = j["kind"].as_str() == Some(kind.as_str())
                && j["currency"].as_str() == Some(currency.as_str())
                && j["tendered"].as_str().and_then(|t| t.parse::<Decimal>().ok()) == tendered.parse::<Decimal>().ok()
                && same_money(&j["applied"], *applied);
            if !same {
                return Ok(Some(format!("payment {} differs from the journal", i + 1)));
            }
        }
        Ok(None)
    }

    /// Each journaled receive, adjustment or count has its movement row, same product, kind, quantity and time.
    fn check_movements(&self, at: &str, p: &Value) -> Result<Option<String>> {
        let mut wanted: std::collections::BTreeMap<(i64, String, i64), i64> = Default::default();
        for m in p.as_array().into_iter().flatten() {
            let qty = m["qty"]
                .as_str()
                .and_then(|q| q.parse::<Decimal>().ok())
                .and_then(|q| to_milli(q).ok());
            let (Some(product), Some(kind), Some(qty)) = (m["product"].as_i64(), m["kind"].as_str(), qty) else {
                return Ok(Some("a journaled movement cannot be read".into()));
            };
            *wanted.entry((product, kind.to_string(), qty)).or_default() += 1;
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT count(*) FROM stock_movements
             WHERE product_id = ?1 AND kind = ?2 AND qty_milli = ?3 AND at = ?4 AND sale_id IS NULL",
        )?;
        for ((product, kind, qty), n) in wanted {
            let found: i64 = stmt.query_row(params![product, kind, qty, at], |r| r.get(0))?;
            if found < n {
                return Ok(Some(format!(
                    "product {product}'s {kind} movement differs from the journal"
                )));
            }
        }
        Ok(None)
    }

    fn check_payout(&self, reference: &str, p: &Value) -> Result<Option<String>> {
        let row: Option<(String, i64)> = self
            .conn()
            .query_row(
                "SELECT artisan, amount FROM payouts WHERE id = ?1",
                [reference.parse::<i64>().unwrap_or(-1)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match row {
            None => Some("its payout row is missing".into()),
            Some((artisan, amount))
                if p["artisan"].as_str() != Some(artisan.as_str()) || !same_money(&p["amount"], amount) =>
            {
                Some("the payout differs from the journal".into())
            }
            Some(_) => None,
        })
    }

    fn check_taxfree(&self, number: &str, p: &Value) -> Result<Option<String>> {
        let document: Option<String> = self
            .conn()
            .query_row("SELECT document FROM taxfree_forms WHERE number = ?1", [number], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(match document {
            None => Some("its tax-free form row is missing".into()),
            Some(d) if p["form"].as_str() != Some(d.as_str()) => {
                Some("the tax-free form differs from the journal".into())
            }
            Some(_) => None,
        })
    }
}
