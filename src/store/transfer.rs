//! The SQL of goods moving between a cooperative's locations: a transfer with its outgoing movement in the
//! sending register's books, a receipt with its incoming movement in the receiving register's, and the till's
//! cache of what the back office last said about the other registers' transfers.

use super::journal::append;
use super::stock::insert_movement;
use super::{Result, Store, StoreError};
use crate::domain::catalog::ProductId;
use crate::domain::stock::{Movement, from_milli, to_milli};
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One transfer as the books hold it, with its receipt once some register confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub id: String,
    pub product_id: i64,
    pub qty: Decimal,
    pub from: String,
    pub to: String,
    pub sent_at: String,
    pub received_at: Option<String>,
    /// The register that confirmed it.
    pub received_by: Option<String>,
    /// Registers that confirmed it too, while apart from the one that counts: their receipts are undone in
    /// their own books at their next sync, so the goods are counted once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_confirmed_by: Vec<String>,
}

/// What the back office tells a till at each round: the cooperative's locations and the transfers that leave
/// or reach the till's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct News {
    pub locations: Vec<String>,
    pub transfers: Vec<Transfer>,
}

/// A receipt of a transfer, as the receiving register's books hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub transfer_id: String,
    pub register: String,
    pub received_at: String,
}

/// One sale line of a product, for a conflict's story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoldLine {
    pub register: String,
    pub receipt_no: i64,
    pub at: String,
    pub qty: Decimal,
}

impl Store {
    /// Sends goods: the outgoing movement here and the transfer naming where they go, in one journaled write.
    /// The id is this register's own next number, so it is unique across the cooperative.
    pub fn send_transfer(&mut self, out: &Movement, from: &str, to: &str, at: &str) -> Result<Transfer> {
        let register = self.register_id()?;
        let qty = -out.qty;
        self.write(|tx| {
            let n: i64 = tx.query_row("SELECT count(*) + 1 FROM stock_transfers", [], |r| r.get(0))?;
            let id = format!("{register}-{n}");
            let out = Movement {
                reason: Some(format!("transfer {id} to {to}")),
                ..out.clone()
            };
            insert_movement(tx, &out, None, at)?;
            let movement = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO stock_transfers(id, product_id, qty_milli, from_location, to_location, sent_at,
                 movement_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, out.product_id.0, to_milli(qty)?, from, to, at, movement],
            )?;
            append(
                tx,
                Some(at),
                "transfer",
                &id,
                &serde_json::json!({ "product": out.product_id.0, "qty": qty.to_string(), "from": from, "to": to }),
            )?;
            Ok(Transfer {
                id,
                product_id: out.product_id.0,
                qty,
                from: from.to_string(),
                to: to.to_string(),
                sent_at: at.to_string(),
                received_at: None,
                received_by: None,
                also_confirmed_by: Vec::new(),
            })
        })
    }

    /// Confirms goods sent here: the incoming movement and the receipt, once per transfer in these books.
    pub fn receive_transfer(&mut self, transfer: &Transfer, location: &str, at: &str) -> Result<()> {
        self.write(|tx| {
            let held: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM stock_transfer_receipts WHERE transfer_id = ?1)",
                [&transfer.id],
                |r| r.get(0),
            )?;
            if held {
                return Err(StoreError::Conflict(format!(
                    "transfer {} was received here already",
                    transfer.id
                )));
            }
            let incoming = Movement {
                product_id: ProductId(transfer.product_id),
                kind: crate::domain::stock::MovementKind::Receive,
                qty: transfer.qty,
                reason: Some(format!("transfer {} from {}", transfer.id, transfer.from)),
            };
            insert_movement(tx, &incoming, None, at)?;
            let movement = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO stock_transfer_receipts(transfer_id, location, received_at, movement_id)
                 VALUES (?1, ?2, ?3, ?4)",
                params![transfer.id, location, at, movement],
            )?;
            append(
                tx,
                Some(at),
                "transfer_in",
                &transfer.id,
                &serde_json::json!({ "product": transfer.product_id, "qty": transfer.qty.to_string(),
                    "from": transfer.from, "at": location }),
            )?;
            Ok(())
        })
    }

    /// Undoes this register's receipt of every transfer the back office says another register confirmed first
    /// (two tills at one location both confirmed it while apart): a movement out for each, with the journal
    /// entry `transfer_twice`, once per transfer. Returns the transfers undone now.
    pub fn undo_receipts_counted_elsewhere(&mut self, news: &News, at: &str) -> Result<Vec<String>> {
        let register = self.register_id()?;
        let mine: Vec<String> = self.transfer_receipts()?.into_iter().map(|r| r.transfer_id).collect();
        let elsewhere: Vec<(Transfer, String)> = news
            .transfers
            .iter()
            .filter(|t| mine.contains(&t.id))
            .filter_map(|t| match &t.received_by {
                Some(by) if *by != register => Some((t.clone(), by.clone())),
                _ => None,
            })
            .collect();
        if elsewhere.is_empty() {
            return Ok(Vec::new());
        }
        self.write(|tx| {
            let mut undone = Vec::new();
            for (t, by) in &elsewhere {
                let done: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM journal WHERE kind = 'transfer_twice' AND ref = ?1)",
                    [&t.id],
                    |r| r.get(0),
                )?;
                if done {
                    continue;
                }
                let out = Movement {
                    product_id: ProductId(t.product_id),
                    kind: crate::domain::stock::MovementKind::Adjust,
                    qty: -t.qty,
                    reason: Some(format!(
                        "transfer {} was confirmed first by register {by}: counted once",
                        t.id
                    )),
                };
                insert_movement(tx, &out, None, at)?;
                append(
                    tx,
                    Some(at),
                    "transfer_twice",
                    &t.id,
                    &serde_json::json!({ "product": t.product_id, "qty": t.qty.to_string(), "counted_by": by }),
                )?;
                undone.push(t.id.clone());
            }
            Ok(undone)
        })
    }

    /// The transfers these books undid their receipt of (see `undo_receipts_counted_elsewhere`).
    pub fn receipts_undone(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT ref FROM journal WHERE kind = 'transfer_twice' ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The transfers these books sent, without receipts (those are in the receivers' books).
    pub fn sent_transfers(&self) -> Result<Vec<Transfer>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, product_id, qty_milli, from_location, to_location, sent_at FROM stock_transfers ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Transfer {
                id: r.get(0)?,
                product_id: r.get(1)?,
                qty: from_milli(r.get(2)?),
                from: r.get(3)?,
                to: r.get(4)?,
                sent_at: r.get(5)?,
                received_at: None,
                received_by: None,
                also_confirmed_by: Vec::new(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The receipts these books hold.
    pub fn transfer_receipts(&self) -> Result<Vec<Receipt>> {
        let register = self.register_id()?;
        let mut stmt = self
            .conn()
            .prepare("SELECT transfer_id, received_at FROM stock_transfer_receipts ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            Ok(Receipt {
                transfer_id: r.get(0)?,
                register: register.clone(),
                received_at: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps what the back office said at this round (replacing what it said before).
    pub fn keep_news(&mut self, news: &News, at: &str) -> Result<()> {
        let json = serde_json::to_string(news).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.conn().execute(
            "INSERT INTO sync_inbox(id, news, at) VALUES (1, ?1, ?2)
             ON CONFLICT(id) DO UPDATE SET news = excluded.news, at = excluded.at",
            params![json, at],
        )?;
        Ok(())
    }

    /// What the back office said at the last round; empty before the first.
    pub fn news(&self) -> Result<News> {
        let json: Option<String> = self
            .conn()
            .query_row("SELECT news FROM sync_inbox WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        match json {
            None => Ok(News::default()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("the back office's last news is unreadable: {e}"))),
        }
    }

    /// Every sale line of a product in these books (returns left out), oldest first.
    pub fn sold_lines(&self, product: i64) -> Result<Vec<SoldLine>> {
        let mut stmt = self.conn().prepare(
            "SELECT s.register, s.receipt_no, s.at, l.qty_milli FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE l.product_id = ?1 AND s.kind = 'sale' ORDER BY s.id, l.line_no",
        )?;
        let rows = stmt.query_map([product], |r| {
            Ok(SoldLine {
                register: r.get(0)?,
                receipt_no: r.get(1)?,
                at: r.get(2)?,
                qty: from_milli(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
