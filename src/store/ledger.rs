//! Reading a business day's rows for the ledger export, and an artisan's sold lines and payouts for statements.

use super::day::SALE_DAY;
use super::{Result, Store, StoreError, decimal, opt_decimal};
use crate::domain::artisan::ArtisanLine;
use crate::domain::ledger::{LineRow, PaymentRow, StockRow};
use crate::domain::money::Som;
use crate::domain::sale::SaleKind;
use crate::domain::stock::from_milli;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

impl Store {
    /// Every sale and return line of the business day, by receipt and line.
    pub fn ledger_lines(&self, day: NaiveDate) -> Result<Vec<LineRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT s.register, s.receipt_no, s.kind, o.receipt_no, s.at, l.line_no, l.product_id,
                    coalesce(l.barcode, ''), l.name_ky, l.name_ru, l.category, coalesce(l.artisan, ''),
                    l.commission_pct, l.qty_milli, l.unit_price, l.gross, l.discount, l.amount, l.vat_pct
             FROM sale_lines l JOIN sales s ON s.id = l.sale_id LEFT JOIN sales o ON o.id = s.original_sale_id
             WHERE {SALE_DAY} = ?1 ORDER BY s.id, l.line_no"
        ))?;
        let rows = stmt.query_map([day.to_string()], |r| {
            Ok((
                LineRow {
                    register: r.get(0)?,
                    receipt_no: r.get(1)?,
                    kind: r.get(2)?,
                    original_receipt_no: r.get(3)?,
                    at: r.get(4)?,
                    line_no: r.get(5)?,
                    product_id: r.get(6)?,
                    barcode: r.get(7)?,
                    name_ky: r.get(8)?,
                    name_ru: r.get(9)?,
                    category: r.get(10)?,
                    artisan: r.get(11)?,
                    commission_pct: None,
                    qty: from_milli(r.get(13)?),
                    unit_price: Som::from_tyiyn(r.get(14)?),
                    gross: Som::from_tyiyn(r.get(15)?),
                    discount: Som::from_tyiyn(r.get(16)?),
                    amount: Som::from_tyiyn(r.get(17)?),
                    vat_pct: Default::default(),
                },
                r.get::<_, Option<String>>(12)?,
                r.get::<_, String>(18)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut line, commission, vat) = row?;
            line.commission_pct = opt_decimal(commission)?;
            line.vat_pct = decimal(&vat)?;
            out.push(line);
        }
        Ok(out)
    }

    /// Every payment and refund of the business day.
    pub fn ledger_payments(&self, day: NaiveDate) -> Result<Vec<PaymentRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT s.register, s.receipt_no, s.kind, p.kind, p.currency, p.tendered, p.tendered_som, p.applied
             FROM payments p JOIN sales s ON s.id = p.sale_id WHERE {SALE_DAY} = ?1 ORDER BY s.id, p.seq"
        ))?;
        let rows = stmt.query_map([day.to_string()], |r| {
            Ok((
                PaymentRow {
                    register: r.get(0)?,
                    receipt_no: r.get(1)?,
                    kind: r.get(2)?,
                    method: r.get(3)?,
                    currency: r.get(4)?,
                    tendered: Default::default(),
                    tendered_som: Som::from_tyiyn(r.get(6)?),
                    applied: Som::from_tyiyn(r.get(7)?),
                },
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut p, tendered) = row?;
            p.tendered = decimal(&tendered)?;
            out.push(p);
        }
        Ok(out)
    }

    /// Stock movements of the business day: those of its receipts, and the others made while it was the current
    /// day (after the previous day closed and, once it is closed, up to its close). So every movement belongs to
    /// exactly one day, and a closed day's list never changes.
    pub fn ledger_stock(&self, day: NaiveDate) -> Result<Vec<StockRow>> {
        let d = day.to_string();
        let after: Option<String> =
            self.conn()
                .query_row("SELECT max(closed_at) FROM day_closes WHERE day < ?1", [&d], |r| {
                    r.get(0)
                })?;
        let until: Option<String> = self
            .conn()
            .query_row("SELECT closed_at FROM day_closes WHERE day = ?1", [&d], |r| r.get(0))
            .optional()?;
        // Two arms by index (the day's sales, then the unsold movements by time), not one OR over every movement.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT m.id, m.at, m.product_id,
                    coalesce((SELECT min(code) FROM barcodes b WHERE b.product_id = m.product_id), ''),
                    m.kind, m.qty_milli, coalesce(m.reason, ''), s.receipt_no
             FROM sales s CROSS JOIN stock_movements m ON m.sale_id = s.id
             WHERE {SALE_DAY} = ?1
             UNION ALL
             SELECT m.id, m.at, m.product_id,
                    coalesce((SELECT min(code) FROM barcodes b WHERE b.product_id = m.product_id), ''),
                    m.kind, m.qty_milli, coalesce(m.reason, ''), NULL
             FROM stock_movements m INDEXED BY stock_movements_unsold_at
             WHERE m.sale_id IS NULL AND m.at > coalesce(?2, '') AND m.at <= coalesce(?3, '9999')
             ORDER BY 1"
        ))?;
        let rows = stmt.query_map(rusqlite::params![d, after, until], |r| {
            Ok(StockRow {
                id: r.get(0)?,
                at: r.get(1)?,
                product_id: r.get(2)?,
                barcode: r.get(3)?,
                kind: r.get(4)?,
                qty: from_milli(r.get(5)?),
                reason: r.get(6)?,
                receipt_no: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

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
