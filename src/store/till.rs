//! What the till keeps besides the books: the open cart as a draft (so a crash or power cut loses nothing) and
//! parked carts.

use super::{Result, Store, StoreError};
use crate::domain::cart::Cart;
use rusqlite::{OptionalExtension, params};

/// A parked cart as listed for resuming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parked {
    pub id: i64,
    pub label: String,
    pub parked_at: String,
    pub cart: Cart,
}

fn to_json(cart: &Cart) -> Result<String> {
    serde_json::to_string(cart).map_err(|e| StoreError::Corrupt(format!("cart: {e}")))
}

fn from_json(text: &str) -> Result<Cart> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("saved cart: {e}")))
}

impl Store {
    /// Saves the register's open cart; an empty cart clears the draft.
    pub fn save_draft(&mut self, register: &str, cart: &Cart, at: &str) -> Result<()> {
        let json = to_json(cart)?;
        self.write(|tx| {
            if cart.is_empty() {
                tx.execute("DELETE FROM cart_drafts WHERE register = ?1", [register])?;
            } else {
                tx.execute(
                    "INSERT INTO cart_drafts(register, cart, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(register) DO UPDATE SET cart = excluded.cart, updated_at = excluded.updated_at",
                    params![register, json, at],
                )?;
            }
            Ok(())
        })
    }

    pub fn load_draft(&self, register: &str) -> Result<Option<Cart>> {
        let text: Option<String> = self
            .conn()
            .query_row("SELECT cart FROM cart_drafts WHERE register = ?1", [register], |r| {
                r.get(0)
            })
            .optional()?;
        text.as_deref().map(from_json).transpose()
    }

    /// Parks the cart under a label and clears the register's draft, in one transaction.
    pub fn park(&mut self, register: &str, label: &str, cart: &Cart, at: &str) -> Result<i64> {
        let json = to_json(cart)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO parked_carts(register, label, cart, parked_at) VALUES (?1, ?2, ?3, ?4)",
                params![register, label, json, at],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute("DELETE FROM cart_drafts WHERE register = ?1", [register])?;
            Ok(id)
        })
    }

    pub fn parked(&self, register: &str) -> Result<Vec<Parked>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, label, parked_at, cart FROM parked_carts WHERE register = ?1 AND resumed_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([register], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (id, label, parked_at, cart) = row?;
            Ok(Parked {
                id,
                label,
                parked_at,
                cart: from_json(&cart)?,
            })
        })
        .collect()
    }

    /// Takes a parked cart back; it becomes the register's draft.
    pub fn resume(&mut self, id: i64, at: &str) -> Result<Cart> {
        self.write(|tx| {
            let (register, text): (String, String) = tx
                .query_row(
                    "SELECT register, cart FROM parked_carts WHERE id = ?1 AND resumed_at IS NULL",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::Conflict(format!("parked cart {id} is gone or already resumed")))?;
            tx.execute("UPDATE parked_carts SET resumed_at = ?2 WHERE id = ?1", params![id, at])?;
            tx.execute(
                "INSERT INTO cart_drafts(register, cart, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(register) DO UPDATE SET cart = excluded.cart, updated_at = excluded.updated_at",
                params![register, text, at],
            )?;
            from_json(&text)
        })
    }
}
