//! Committing sales and returns, and reading them back. A commit is one transaction: the receipt number, the
//! sale, its lines, payments, tax breakdown and stock movements are all written or none is.

use super::head::Marks;
use super::journal::append;
use super::stock::insert_movement;
use super::{Result, Store, StoreError, decimal, opt_decimal};
use crate::domain::catalog::{Names, ProductId};
use crate::domain::currency::{Currency, Money};
use crate::domain::money::Som;
use crate::domain::payment::{Payment, PaymentKind};
use crate::domain::returns::Returnable;
use crate::domain::sale::{Sale, SaleKind, SaleLine};
use crate::domain::stock::{Movement, MovementKind, from_milli, to_milli};
use crate::domain::tax::TaxLine;
use chrono::DateTime;
use rusqlite::{OptionalExtension, Transaction, params};

/// Identifies a receipt: the register that printed it and its number there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptKey {
    pub register: String,
    pub receipt_no: i64,
}

/// A fiscal register asked inside the sale's transaction: its mode and, for the sale as written, its fields
/// (ФН, ФД, ФП) or the error that leaves the sale pending.
pub type Registration<'a> = (
    &'a str,
    &'a mut dyn FnMut(&Sale) -> std::result::Result<(String, i64, String), String>,
);

fn corrupt(what: &str) -> impl Fn(String) -> StoreError + '_ {
    move |v| StoreError::Corrupt(format!("{what} '{v}'"))
}

impl Store {
    /// Writes the sale or return and assigns its receipt number (the next one on its register, with no gaps:
    /// the number is taken inside the same transaction, so a failed commit takes none). Sets `sale.id`,
    /// `sale.receipt_no` and the line ids.
    pub fn commit_sale(&mut self, sale: &mut Sale) -> Result<()> {
        self.commit_sale_by(sale, None)
    }

    /// [`Store::commit_sale`], recording who rang it up (`sales.user` and the journal entry).
    pub fn commit_sale_by(&mut self, sale: &mut Sale, user: Option<&str>) -> Result<()> {
        self.commit_sale_registered(sale, user, None, None)
    }

    /// [`Store::commit_sale_by`], with the sale's fiscal registration in the same transaction when `register` is
    /// given: a register that answers without IO (the training simulator) is asked for the sale as written, and
    /// its answer or error is stored with it, so a checkout costs one commit and one fsync, not two. A return's
    /// `reason` (why the goods came back) is written in the same transaction too.
    pub fn commit_sale_registered(
        &mut self,
        sale: &mut Sale,
        user: Option<&str>,
        register: Option<Registration<'_>>,
        reason: Option<&crate::domain::returns::ReturnReason>,
    ) -> Result<()> {
        // Read before the lock: what the head file beside the database says was issued on each register.
        let marks = self.head_marks()?;
        let committed = self.write(|tx| {
            let committed = commit(tx, sale, user, &marks)?;
            if let (Some(reason), Some(id)) = (reason, committed.id) {
                let at = committed.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                super::reports::insert_reason(tx, id, reason, &at)?;
            }
            if let (Some((mode, ask)), Some(sale_id)) = (register, committed.id) {
                let at = committed.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                match ask(&committed) {
                    Ok((fn_number, fd, sign)) => {
                        super::fiscal::record(tx, sale_id, mode, Ok((&fn_number, fd, &sign)), &at)?
                    }
                    Err(error) => super::fiscal::record(tx, sale_id, mode, Err(&error), &at)?,
                }
            }
            Ok::<_, StoreError>(committed)
        })?;
        *sale = committed;
        Ok(())
    }

    /// Who rang up a stored sale or return (none when no one was signed in).
    pub fn sale_user(&self, sale_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT user FROM sales WHERE id = ?1", [sale_id], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten())
    }

    pub fn sale_by_receipt(&self, register: &str, receipt_no: i64) -> Result<Option<Sale>> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM sales WHERE register = ?1 AND receipt_no = ?2")?
            .query_row(params![register, receipt_no], |r| r.get(0))
            .optional()?;
        id.map(|id| self.sale(id)).transpose()
    }

    pub fn last_receipt_no(&self, register: &str) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT last_receipt_no FROM registers WHERE id = ?1", [register], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(0))
    }

    pub fn sale(&self, id: i64) -> Result<Sale> {
        let conn = self.conn();
        let (kind, register, receipt_no, original, at, subtotal, discount, total, change, rounding): (
            String,
            String,
            i64,
            Option<i64>,
            String,
            i64,
            i64,
            i64,
            i64,
            i64,
        ) = conn
            .prepare_cached(
                "SELECT s.kind, s.register, s.receipt_no, o.receipt_no, s.at, s.subtotal, s.discount, s.total,
                        s.change, s.rounding FROM sales s LEFT JOIN sales o ON o.id = s.original_sale_id
                 WHERE s.id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
        let kind = match kind.as_str() {
            "sale" => SaleKind::Sale,
            "return" => SaleKind::Return,
            other => return Err(corrupt("sale kind")(other.to_string())),
        };
        let at = DateTime::parse_from_rfc3339(&at).map_err(|_| corrupt("sale time")(at.clone()))?;

        let mut stmt = conn.prepare_cached(
            "SELECT id, line_no, product_id, barcode, name_ky, name_ru, name_en, category, qty_milli, unit_price,
                    gross, discount, amount, tax_group, vat_pct, artisan, commission_pct, original_line_id
             FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no",
        )?;
        let raw = stmt.query_map([id], |r| {
            Ok((
                SaleLine {
                    id: Some(r.get(0)?),
                    line_no: r.get(1)?,
                    product_id: ProductId(r.get(2)?),
                    barcode: r.get(3)?,
                    names: Names {
                        ky: r.get(4)?,
                        ru: r.get(5)?,
                        en: r.get(6)?,
                    },
                    category: r.get(7)?,
                    qty: from_milli(r.get(8)?),
                    unit_price: Som::from_tyiyn(r.get(9)?),
                    gross: Som::from_tyiyn(r.get(10)?),
                    discount: Som::from_tyiyn(r.get(11)?),
                    amount: Som::from_tyiyn(r.get(12)?),
                    tax_group: r.get(13)?,
                    vat_pct: Default::default(),
                    artisan: r.get(15)?,
                    commission_pct: None,
                    original_line_id: r.get(17)?,
                },
                r.get::<_, String>(14)?,
                r.get::<_, Option<String>>(16)?,
            ))
        })?;
        let mut lines = Vec::new();
        for row in raw {
            let (mut line, vat, commission) = row?;
            line.vat_pct = decimal(&vat)?;
            line.commission_pct = opt_decimal(commission)?;
            lines.push(line);
        }

        let mut stmt = conn.prepare_cached(
            "SELECT kind, currency, tendered, tendered_som, applied FROM payments WHERE sale_id = ?1 ORDER BY seq",
        )?;
        let raw = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?;
        let mut payments = Vec::new();
        for row in raw {
            let (kind, currency, tendered, tendered_som, applied) = row?;
            let kind: PaymentKind = kind.parse().map_err(|_| corrupt("payment kind")(kind.clone()))?;
            let currency: Currency = currency.parse().map_err(|_| corrupt("currency")(currency.clone()))?;
            payments.push(Payment {
                kind,
                tendered: Money::new(decimal(&tendered)?, currency),
                tendered_som: Som::from_tyiyn(tendered_som),
                applied: Som::from_tyiyn(applied),
            });
        }

        let mut stmt = conn.prepare_cached(
            "SELECT vat_pct, sales_tax_pct, gross, vat, sales_tax, net FROM sale_taxes WHERE sale_id = ?1
             ORDER BY rowid",
        )?;
        let raw = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        let mut tax = Vec::new();
        for row in raw {
            let (vat_pct, st_pct, gross, vat, st, net) = row?;
            tax.push(TaxLine {
                vat_pct: decimal(&vat_pct)?,
                sales_tax_pct: decimal(&st_pct)?,
                gross: Som::from_tyiyn(gross),
                vat: Som::from_tyiyn(vat),
                sales_tax: Som::from_tyiyn(st),
                net: Som::from_tyiyn(net),
            });
        }

        Ok(Sale {
            id: Some(id),
            kind,
            register,
            receipt_no: Some(receipt_no),
            original_receipt_no: original,
            at,
            lines,
            payments,
            subtotal: Som::from_tyiyn(subtotal),
            discount: Som::from_tyiyn(discount),
            total: Som::from_tyiyn(total),
            change: Som::from_tyiyn(change),
            rounding: Som::from_tyiyn(rounding),
            tax,
        })
    }

    /// The sale's lines with what earlier returns already took back from each.
    pub fn returnable(&self, sale: &Sale) -> Result<Vec<Returnable>> {
        sale.lines
            .iter()
            .map(|line| {
                let (milli, amount): (i64, i64) = self
                    .conn()
                    .prepare_cached(
                        "SELECT coalesce(sum(qty_milli), 0), coalesce(sum(amount), 0) FROM sale_lines
                         WHERE original_line_id = ?1",
                    )?
                    .query_row([line.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(Returnable {
                    line: line.clone(),
                    returned_qty: from_milli(milli),
                    returned_amount: Som::from_tyiyn(amount),
                })
            })
            .collect()
    }
}

fn commit(tx: &Transaction<'_>, sale: &Sale, user: Option<&str>, marks: &Marks) -> Result<Sale> {
    let mut sale = sale.clone();
    tx.prepare_cached("INSERT INTO registers(id) VALUES (?1) ON CONFLICT(id) DO NOTHING")?
        .execute([&sale.register])?;
    let mut receipt_no: i64 = tx
        .prepare_cached(
            "UPDATE registers SET last_receipt_no = last_receipt_no + 1 WHERE id = ?1 RETURNING last_receipt_no",
        )?
        .query_row([&sale.register], |r| r.get(0))?;
    // A database rewound behind its head file (copied back by hand, its tail deleted) would issue a number that
    // went out already: carry the counter past everything that may have been issued, on record.
    let carried = marks.receipt_after_rewind(&sale.register, receipt_no);
    if carried != receipt_no {
        tx.prepare_cached("UPDATE registers SET last_receipt_no = ?2 WHERE id = ?1")?
            .execute(params![sale.register, carried])?;
        append(
            tx,
            Some(&sale.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "carry",
            &sale.register,
            &serde_json::json!({ "register": sale.register, "counter": receipt_no - 1, "carried_to": carried - 1,
                "why": "the database is behind its head file" }),
        )?;
        receipt_no = carried;
    }
    let original_sale_id: Option<i64> = match (sale.kind, sale.original_receipt_no) {
        (SaleKind::Return, Some(no)) => Some(
            tx.prepare_cached("SELECT id FROM sales WHERE register = ?1 AND receipt_no = ?2 AND kind = 'sale'")?
                .query_row(params![sale.register, no], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::Conflict(format!("receipt {no} to return from does not exist")))?,
        ),
        (SaleKind::Return, None) => {
            return Err(StoreError::Conflict("a return must name its original receipt".into()));
        }
        (SaleKind::Sale, _) => None,
    };
    let at = sale.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    // The open business day takes the sale (a closed day never does: see store::day).
    let day = super::day::current_or_open(tx, &sale.at)?.to_string();
    tx.prepare_cached("INSERT INTO sales(kind, register, receipt_no, original_sale_id, at, subtotal, discount, total, change, rounding,
           day, user)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?.execute(params![
            sale.kind.code(),
            sale.register,
            receipt_no,
            original_sale_id,
            at,
            sale.subtotal.tyiyn()?,
            sale.discount.tyiyn()?,
            sale.total.tyiyn()?,
            sale.change.tyiyn()?,
            sale.rounding.tyiyn()?,
            day,
            user
        ],
    )?;
    let sale_id = tx.last_insert_rowid();

    let mut line_stmt = tx.prepare_cached(
        "INSERT INTO sale_lines(sale_id, line_no, product_id, barcode, name_ky, name_ru, name_en, category, qty_milli,
           unit_price, gross, discount, amount, tax_group, vat_pct, artisan, commission_pct, original_line_id,
           technique, region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
           coalesce((SELECT technique FROM sale_lines WHERE id = ?18),
                    (SELECT technique FROM product_details WHERE product_id = ?3), ''),
           coalesce((SELECT region FROM sale_lines WHERE id = ?18), (SELECT region FROM artisans WHERE code = ?16), ''))",
    )?;
    for line in &mut sale.lines {
        if let Some(original) = line.original_line_id {
            check_returnable(tx, original_sale_id, original, line)?;
        }
        line_stmt.execute(params![
            sale_id,
            line.line_no,
            line.product_id.0,
            line.barcode,
            line.names.ky,
            line.names.ru,
            line.names.en,
            line.category,
            to_milli(line.qty)?,
            line.unit_price.tyiyn()?,
            line.gross.tyiyn()?,
            line.discount.tyiyn()?,
            line.amount.tyiyn()?,
            line.tax_group,
            line.vat_pct.to_string(),
            line.artisan,
            line.commission_pct.map(|c| c.to_string()),
            line.original_line_id,
        ])?;
        line.id = Some(tx.last_insert_rowid());
        let (kind, qty) = match sale.kind {
            SaleKind::Sale => (MovementKind::Sale, -line.qty),
            SaleKind::Return => (MovementKind::Return, line.qty),
        };
        insert_movement(
            tx,
            &Movement {
                product_id: line.product_id,
                kind,
                qty,
                reason: None,
            },
            Some(sale_id),
            &at,
        )?;
    }

    for (seq, p) in sale.payments.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO payments(sale_id, seq, kind, currency, tendered, tendered_som, applied)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            sale_id,
            seq as i64,
            p.kind.code(),
            p.tendered.currency.code(),
            p.tendered.amount.to_string(),
            p.tendered_som.tyiyn()?,
            p.applied.tyiyn()?
        ])?;
    }
    for t in &sale.tax {
        tx.prepare_cached(
            "INSERT INTO sale_taxes(sale_id, vat_pct, sales_tax_pct, gross, vat, sales_tax, net)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            sale_id,
            t.vat_pct.to_string(),
            t.sales_tax_pct.to_string(),
            t.gross.tyiyn()?,
            t.vat.tyiyn()?,
            t.sales_tax.tyiyn()?,
            t.net.tyiyn()?
        ])?;
    }
    if sale.kind == SaleKind::Sale {
        // The open cart became this sale: its crash-safety draft goes in the same transaction, so a restart can
        // never offer to sell it twice.
        tx.prepare_cached("DELETE FROM cart_drafts WHERE register = ?1")?
            .execute([&sale.register])?;
    }
    let payments: Vec<_> = sale
        .payments
        .iter()
        .map(|p| {
            serde_json::json!({ "kind": p.kind.code(), "currency": p.tendered.currency.code(),
            "tendered": p.tendered.amount.to_string(), "applied": p.applied })
        })
        .collect();
    append(
        tx,
        Some(&at),
        sale.kind.code(),
        &format!("{}-{receipt_no}", sale.register),
        &serde_json::json!({ "day": day, "original": original_sale_id, "lines": sale.lines.len(),
            "total": sale.total, "change": sale.change, "payments": payments, "subtotal": sale.subtotal,
            "discount": sale.discount, "rounding": sale.rounding,
            "amounts": sale.lines.iter().map(|l| l.amount).collect::<Vec<_>>(), "user": user }),
    )?;
    sale.id = Some(sale_id);
    sale.receipt_no = Some(receipt_no);
    Ok(sale)
}

/// Re-checks inside the transaction that a return line does not exceed what is left of its sale line, so two
/// tills returning the same receipt at once cannot both succeed.
fn check_returnable(tx: &Transaction<'_>, sale_id: Option<i64>, original: i64, line: &SaleLine) -> Result<()> {
    let (sold, owner): (i64, i64) = tx
        .prepare_cached("SELECT qty_milli, sale_id FROM sale_lines WHERE id = ?1")?
        .query_row([original], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if Some(owner) != sale_id {
        return Err(StoreError::Conflict(format!(
            "line {original} is not on the receipt being returned"
        )));
    }
    let returned: i64 = tx
        .prepare_cached("SELECT coalesce(sum(qty_milli), 0) FROM sale_lines WHERE original_line_id = ?1")?
        .query_row([original], |r| r.get(0))?;
    if returned + to_milli(line.qty)? > sold {
        return Err(StoreError::Conflict(format!(
            "cannot return {} × {}: sold {}, already returned {}",
            line.qty,
            line.names,
            from_milli(sold),
            from_milli(returned)
        )));
    }
    Ok(())
}
