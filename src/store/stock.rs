//! The stock ledger. On-hand is the sum of a product's movements, summed exactly over integer thousandths.

use super::journal::append;
use super::{Result, Store};
use crate::domain::catalog::ProductId;
use crate::domain::stock::{Movement, MovementKind, from_milli, to_milli};
use rusqlite::{Transaction, params};
use rust_decimal::Decimal;

/// A product's stock position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StockLevel {
    pub product_id: ProductId,
    pub on_hand: Decimal,
}

/// A product's on-hand in thousandths. A movement stored saturated by an older version makes this product's stock
/// an error naming it (never an integer overflow that would stop every query).
fn on_hand_milli(conn: &rusqlite::Connection, product: ProductId) -> Result<i64> {
    let bound = super::catalog::MOVEMENT_MILLI_BOUND;
    let (milli, damaged): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(CASE WHEN qty_milli BETWEEN -?2 AND ?2 THEN qty_milli END), 0),
                count(CASE WHEN qty_milli NOT BETWEEN -?2 AND ?2 THEN 1 END)
         FROM stock_movements WHERE product_id = ?1",
        params![product.0, bound],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if damaged > 0 {
        return Err(super::StoreError::Conflict(format!(
            "product {}: {damaged} stock movement(s) hold a quantity no shop can have (stored by an older version); \
             its stock on hand is unknown",
            product.0
        )));
    }
    Ok(milli)
}

/// One stored movement, for history views.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MovementRecord {
    pub id: i64,
    pub kind: MovementKind,
    pub qty: Decimal,
    pub reason: Option<String>,
    pub sale_id: Option<i64>,
    pub at: String,
}

impl Store {
    /// Appends movements in one transaction.
    pub fn record_movements(&mut self, movements: &[Movement], at: &str) -> Result<()> {
        self.write(|tx| {
            for m in movements {
                insert_movement(tx, m, None, at)?;
            }
            append(tx, Some(at), "stock", "", &movements_json(movements))?;
            Ok(())
        })
    }

    /// Applies a stocktake: for each product, the difference between what was counted and what the ledger
    /// holds at this moment (read inside the same transaction) becomes a count movement. Returns the movements.
    pub fn apply_counts(&mut self, counts: &[(ProductId, Decimal)], at: &str) -> Result<Vec<Movement>> {
        self.write(|tx| {
            let mut applied = Vec::new();
            for (product, counted) in counts {
                let milli = on_hand_milli(tx, *product)?;
                let movement = crate::domain::stock::count(*product, from_milli(milli), *counted)
                    .map_err(|e| super::StoreError::Conflict(e.to_string()))?;
                if let Some(m) = movement {
                    insert_movement(tx, &m, None, at)?;
                    applied.push(m);
                }
            }
            append(tx, Some(at), "stock_count", "", &movements_json(&applied))?;
            Ok(applied)
        })
    }

    pub fn on_hand(&self, product: ProductId) -> Result<Decimal> {
        Ok(from_milli(on_hand_milli(self.conn(), product)?))
    }

    pub fn movements(&self, product: ProductId) -> Result<Vec<MovementRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, kind, qty_milli, reason, sale_id, at FROM stock_movements WHERE product_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([product.0], |r| {
            let kind: String = r.get(1)?;
            Ok(MovementRecord {
                id: r.get(0)?,
                kind: MovementKind::from_code(&kind).unwrap_or(MovementKind::Adjust),
                qty: from_milli(r.get(2)?),
                reason: r.get(3)?,
                sale_id: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Products whose on-hand differs from the sum of their movements would be a bug; this recomputes the sum
    /// for every product the slow way, for checks and tests.
    pub fn stock_levels(&self) -> Result<Vec<StockLevel>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.id, coalesce(sum(CASE WHEN m.qty_milli BETWEEN -?1 AND ?1 THEN m.qty_milli END), 0)
             FROM products p LEFT JOIN stock_movements m ON m.product_id = p.id GROUP BY p.id ORDER BY p.id",
        )?;
        let rows = stmt.query_map([super::catalog::MOVEMENT_MILLI_BOUND], |r| {
            Ok(StockLevel {
                product_id: ProductId(r.get(0)?),
                on_hand: from_milli(r.get(1)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn insert_movement(tx: &Transaction<'_>, m: &Movement, sale_id: Option<i64>, at: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO stock_movements(product_id, kind, qty_milli, reason, sale_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        m.product_id.0,
        m.kind.code(),
        to_milli(m.qty)?,
        m.reason,
        sale_id,
        at
    ])?;
    Ok(())
}

fn movements_json(movements: &[Movement]) -> serde_json::Value {
    movements
        .iter()
        .map(|m| {
            serde_json::json!({ "product": m.product_id.0, "kind": m.kind.code(), "qty": m.qty.to_string(),
            "reason": m.reason })
        })
        .collect()
}
