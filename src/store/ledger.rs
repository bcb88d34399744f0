//! Reading a business day's rows for the ledger export, and an artisan's sold lines and payouts for statements.

use super::day::SALE_DAY;
use super::{Result, Store, StoreError, decimal, opt_decimal};
use crate::domain::artisan::ArtisanLine;
use crate::domain::ledger::{LineRow, PaymentRow, StockRow, Text, Texts};
use crate::domain::money::Som;
use crate::domain::sale::SaleKind;
use crate::domain::stock::from_milli;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use std::collections::HashMap;

impl FromSql for Text {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Text> {
        value.as_str().map(Text::from)
    }
}

impl ToSql for Text {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// Column `i` of `r` as text, the copy `texts` already holds when an earlier row said the same.
fn shared(texts: &mut Texts, r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Text> {
    let value = r.get_ref(i)?;
    let s = value
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e)))?;
    Ok(texts.get(s))
}

/// A product's columns as a line of the day first recorded them: where its first line is, and its rates' stored
/// text.
struct SeenItem {
    line: usize,
    commission: Option<String>,
    vat: String,
}

/// Whether the line in `r` (columns as [`Store::ledger_lines`] selects them) stores exactly the text `seen`'s first
/// line did for its barcode, names, category, artisan, rates, technique and region: then it has the same values,
/// without reading them again.
fn same_text(first: &LineRow, seen: &SeenItem, r: &rusqlite::Row<'_>) -> rusqlite::Result<bool> {
    let text = |i: usize| r.get_ref(i).map(|v| v.as_bytes().ok());
    Ok(text(8)? == Some(first.barcode.as_bytes())
        && text(9)? == Some(first.name_ky.as_bytes())
        && text(10)? == Some(first.name_ru.as_bytes())
        && text(11)? == Some(first.category.as_bytes())
        && text(12)? == Some(first.artisan.as_bytes())
        && r.get_ref(13)?.as_bytes_or_null().ok().flatten() == seen.commission.as_deref().map(str::as_bytes)
        && text(19)? == Some(seen.vat.as_bytes())
        && text(20)? == Some(first.technique.as_bytes())
        && text(21)? == Some(first.region.as_bytes()))
}

/// The statement [`Store::ledger_lines`] steps through. A line's technique and region are looked up in the catalog
/// only when the line recorded none (lines sold before lines recorded them): `coalesce` evaluates its subquery only
/// then, where a join would look up every line's product and artisan.
fn lines_sql() -> String {
    format!(
        "SELECT s.id, s.register, s.receipt_no, s.kind, o.receipt_no, s.at, l.line_no, l.product_id,
                coalesce(l.barcode, ''), l.name_ky, l.name_ru, l.category, coalesce(l.artisan, ''),
                l.commission_pct, l.qty_milli, l.unit_price, l.gross, l.discount, l.amount, l.vat_pct,
                coalesce(l.technique, (SELECT technique FROM product_details WHERE product_id = l.product_id), ''),
                coalesce(l.region, (SELECT region FROM artisans WHERE code = l.artisan), '')
         FROM sale_lines l JOIN sales s ON s.id = l.sale_id LEFT JOIN sales o ON o.id = s.original_sale_id
         WHERE {SALE_DAY} = ?1 ORDER BY s.id, l.line_no"
    )
}

impl Store {
    /// Steps through the statement of [`Store::ledger_lines`] and touches every column's stored value without
    /// converting it, returning the row count: what SQLite alone costs for the day's lines, the floor the bench
    /// sets the lines' reading against.
    pub fn ledger_lines_stepped(&self, day: NaiveDate) -> Result<u64> {
        let mut stmt = self.conn().prepare_cached(&lines_sql())?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([day.to_string()])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            for i in 0..columns {
                std::hint::black_box(r.get_ref(i)?);
            }
            n += 1;
        }
        Ok(n)
    }

    /// Every sale and return line of the business day, by receipt and line, with its product's technique and its
    /// artisan's region as the line recorded them at the sale (a line sold before lines recorded them takes the
    /// catalog's values now).
    ///
    /// One pass over the day's lines by index. A receipt's columns are read once per receipt and a product's (names,
    /// rates) once per item: the lines that repeat them copy the values already read instead of decoding, checking
    /// and parsing the same text again.
    pub fn ledger_lines(&self, day: NaiveDate) -> Result<Vec<LineRow>> {
        let mut stmt = self.conn().prepare_cached(&lines_sql())?;
        let mut rows = stmt.query([day.to_string()])?;
        let mut out: Vec<LineRow> = Vec::new();
        // Each product's columns as read so far, by product id (a product almost always has one such item).
        let mut items: HashMap<i64, Vec<SeenItem>> = HashMap::new();
        let mut texts = Texts::default();
        let mut sale_id = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let product_id: i64 = r.get(7)?;
            let (register, kind, original_receipt_no, at) = match out.last() {
                Some(prev) if sale_id == Some(id) => (
                    prev.register.clone(),
                    prev.kind.clone(),
                    prev.original_receipt_no,
                    prev.at.clone(),
                ),
                _ => (
                    shared(&mut texts, r, 1)?,
                    shared(&mut texts, r, 3)?,
                    r.get(4)?,
                    r.get(5)?,
                ),
            };
            sale_id = Some(id);
            let known = items.entry(product_id).or_default();
            let mut same = None;
            for seen in known.iter() {
                if same_text(&out[seen.line], seen, r)? {
                    same = Some(seen.line);
                    break;
                }
            }
            let (barcode, name_ky, name_ru, category, artisan, commission_pct, vat_pct, technique, region) = match same
            {
                Some(i) => {
                    let f = &out[i];
                    (
                        f.barcode.clone(),
                        f.name_ky.clone(),
                        f.name_ru.clone(),
                        f.category.clone(),
                        f.artisan.clone(),
                        f.commission_pct,
                        f.vat_pct,
                        f.technique.clone(),
                        f.region.clone(),
                    )
                }
                None => {
                    let commission: Option<String> = r.get(13)?;
                    let vat: String = r.get(19)?;
                    let values = (
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                        shared(&mut texts, r, 11)?,
                        shared(&mut texts, r, 12)?,
                        opt_decimal(commission.clone())?,
                        decimal(&vat)?,
                        shared(&mut texts, r, 20)?,
                        shared(&mut texts, r, 21)?,
                    );
                    known.push(SeenItem {
                        line: out.len(),
                        commission,
                        vat,
                    });
                    values
                }
            };
            out.push(LineRow {
                register,
                receipt_no: r.get(2)?,
                kind,
                original_receipt_no,
                at,
                line_no: r.get(6)?,
                product_id,
                barcode,
                name_ky,
                name_ru,
                category,
                artisan,
                technique,
                region,
                commission_pct,
                qty: from_milli(r.get(14)?),
                unit_price: Som::from_tyiyn(r.get(15)?),
                gross: Som::from_tyiyn(r.get(16)?),
                discount: Som::from_tyiyn(r.get(17)?),
                amount: Som::from_tyiyn(r.get(18)?),
                vat_pct,
            });
        }
        Ok(out)
    }

    /// Every payment and refund of the business day.
    pub fn ledger_payments(&self, day: NaiveDate) -> Result<Vec<PaymentRow>> {
        payments(self.conn(), day)
    }

    /// Stock movements of the business day: those of its receipts, and the others made while it was the current
    /// day (after the previous day closed and, once it is closed, up to its close). So every movement belongs to
    /// exactly one day, and a closed day's list never changes. Each movement is listed with its product's first
    /// barcode, looked up once per product of the day.
    pub fn ledger_stock(&self, day: NaiveDate) -> Result<Vec<StockRow>> {
        stock(self.conn(), day)
    }

    /// The day's lines, payments and stock movements, as [`Store::ledger_lines`], [`Store::ledger_payments`] and
    /// [`Store::ledger_stock`] give them, read at the same time: the payments and the stock movements on a
    /// read-only connection of their own, on a thread of its own, while this connection reads the lines. On two
    /// cores the export waits for the longer of the two reads instead of their sum.
    ///
    /// The two connections read two snapshots, which for a closed day are the same rows: a receipt after the close
    /// belongs to the next day, a return is a receipt of its own day, and the stock list ends at the close. An open
    /// day's provisional ledger was never one snapshot (its report and each of its tables are separate reads), and
    /// is not made one here.
    pub fn ledger_rows(&self, day: NaiveDate) -> Result<(Vec<LineRow>, Vec<PaymentRow>, Vec<StockRow>)> {
        let path = self.path.as_path();
        std::thread::scope(|scope| {
            let others = scope.spawn(move || -> Result<_> {
                let conn = super::read_only(path)?;
                Ok((payments(&conn, day)?, stock(&conn, day)?))
            });
            let lines = self.ledger_lines(day);
            let (payments, stock) = others.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Ok((lines?, payments, stock))
        })
    }
}

/// See [`Store::ledger_payments`].
fn payments(conn: &rusqlite::Connection, day: NaiveDate) -> Result<Vec<PaymentRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.register, s.receipt_no, s.kind, p.kind, p.currency, p.tendered, p.tendered_som, p.applied
             FROM payments p JOIN sales s ON s.id = p.sale_id WHERE {SALE_DAY} = ?1 ORDER BY s.id, p.seq"
    ))?;
    let mut rows = stmt.query([day.to_string()])?;
    let mut out: Vec<PaymentRow> = Vec::new();
    let mut texts = Texts::default();
    let mut sale_id = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let (register, kind) = match out.last() {
            Some(prev) if sale_id == Some(id) => (prev.register.clone(), prev.kind.clone()),
            _ => (shared(&mut texts, r, 1)?, shared(&mut texts, r, 3)?),
        };
        sale_id = Some(id);
        out.push(PaymentRow {
            register,
            receipt_no: r.get(2)?,
            kind,
            method: shared(&mut texts, r, 4)?,
            currency: shared(&mut texts, r, 5)?,
            tendered: decimal(
                r.get_ref(6)?
                    .as_str()
                    .map_err(|e| StoreError::Corrupt(format!("payment tendered: {e}")))?,
            )?,
            tendered_som: Som::from_tyiyn(r.get(7)?),
            applied: Som::from_tyiyn(r.get(8)?),
        });
    }
    Ok(out)
}

/// See [`Store::ledger_stock`].
fn stock(conn: &rusqlite::Connection, day: NaiveDate) -> Result<Vec<StockRow>> {
    let d = day.to_string();
    let after: Option<String> = conn
        .prepare_cached("SELECT max(closed_at) FROM day_closes WHERE day < ?1")?
        .query_row([&d], |r| r.get(0))?;
    let until: Option<String> = conn
        .prepare_cached("SELECT closed_at FROM day_closes WHERE day = ?1")?
        .query_row([&d], |r| r.get(0))
        .optional()?;
    // Two arms by index (the day's sales, then the unsold movements by time), not one OR over every movement.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.at, m.product_id, m.kind, m.qty_milli, coalesce(m.reason, ''), s.receipt_no
             FROM sales s CROSS JOIN stock_movements m ON m.sale_id = s.id
             WHERE {SALE_DAY} = ?1
             UNION ALL
             SELECT m.id, m.at, m.product_id, m.kind, m.qty_milli, coalesce(m.reason, ''), NULL
             FROM stock_movements m INDEXED BY stock_movements_unsold_at
             WHERE m.sale_id IS NULL AND m.at > coalesce(?2, '') AND m.at <= coalesce(?3, '9999')"
    ))?;
    let mut barcode = conn.prepare_cached("SELECT coalesce(min(code), '') FROM barcodes WHERE product_id = ?1")?;
    let mut barcodes: HashMap<i64, Text> = HashMap::new();
    let mut texts = Texts::default();
    let mut rows = stmt.query(rusqlite::params![d, after, until])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let product_id: i64 = r.get(2)?;
        let code = match barcodes.get(&product_id) {
            Some(code) => code.clone(),
            None => {
                let code: Text = barcode.query_row([product_id], |b| b.get(0))?;
                barcodes.insert(product_id, code.clone());
                code
            }
        };
        out.push(StockRow {
            id: r.get(0)?,
            at: shared(&mut texts, r, 1)?,
            product_id,
            barcode: code,
            kind: shared(&mut texts, r, 3)?,
            qty: from_milli(r.get(4)?),
            reason: shared(&mut texts, r, 5)?,
            receipt_no: r.get(6)?,
        });
    }
    // By id, as the day's movements happened: the arms come each in index order, almost always already
    // sorted, which a stable sort checks in one pass.
    out.sort_by_key(|m| m.id);
    Ok(out)
}

impl Store {
    /// Sold and returned lines of artisans' work on business days `from..=to` (all artisans when `artisan` is
    /// None). `from` None means from the beginning.
    pub fn artisan_lines(
        &self,
        from: Option<NaiveDate>,
        to: NaiveDate,
        artisan: Option<&str>,
    ) -> Result<Vec<ArtisanLine>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT l.artisan, s.kind, l.qty_milli, l.amount, coalesce(l.commission_pct, '0')
             FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE l.artisan IS NOT NULL AND {SALE_DAY} >= ?1 AND {SALE_DAY} <= ?2
               AND (?3 IS NULL OR l.artisan = ?3)
             ORDER BY s.id, l.line_no"
        ))?;
        let from = from.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string());
        let rows = stmt.query_map(rusqlite::params![from, to.to_string(), artisan], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (artisan, kind, qty, amount, pct) = row?;
            out.push(ArtisanLine {
                artisan,
                kind: match kind.as_str() {
                    "sale" => SaleKind::Sale,
                    "return" => SaleKind::Return,
                    other => return Err(StoreError::Corrupt(format!("sale kind '{other}'"))),
                },
                qty: from_milli(qty),
                amount: Som::from_tyiyn(amount),
                commission_pct: decimal(&pct)?,
            });
        }
        Ok(out)
    }
}

impl Store {
    /// Net sales (sales less returns) and net items per category or artisan over business days `from..=to`,
    /// largest first. Lines without an artisan group under the empty code.
    pub fn sales_by(&self, from: NaiveDate, to: NaiveDate, by_artisan: bool) -> Result<Vec<(String, Som)>> {
        let column = if by_artisan {
            "coalesce(l.artisan, '')"
        } else {
            "l.category"
        };
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {column}, sum(CASE s.kind WHEN 'sale' THEN l.amount ELSE -l.amount END) AS net
             FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE {SALE_DAY} >= ?1 AND {SALE_DAY} <= ?2 GROUP BY 1 ORDER BY net DESC, 1"
        ))?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, Som::from_tyiyn(r.get(1)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
