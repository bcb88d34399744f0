//! Users (name, role, argon2 PIN hash, active) and the journal entries for approvals. Users are never deleted:
//! a trigger refuses it; they are deactivated.

use super::journal::append;
use super::{Result, Store, StoreError};
use crate::domain::user::Role;
use rusqlite::{OptionalExtension, params};

/// A stored user; `pin_hash` is an argon2 PHC string, never the PIN.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UserRecord {
    pub id: i64,
    pub name: String,
    pub role: Role,
    #[serde(skip)]
    pub pin_hash: String,
    pub active: bool,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String, bool)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn record((id, name, role, pin_hash, active): (i64, String, String, String, bool)) -> Result<UserRecord> {
    let role = role
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("user {name} has role '{role}'")))?;
    Ok(UserRecord {
        id,
        name,
        role,
        pin_hash,
        active,
    })
}

impl Store {
    /// Every user, active or not, by name.
    pub fn users(&self) -> Result<Vec<UserRecord>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name, role, pin_hash, active FROM users ORDER BY name")?;
        let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(record).collect()
    }

    /// Whether any active user exists: a database without users has no sign-in.
    pub fn has_users(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM users WHERE active = 1)", [], |r| r.get(0))?)
    }

    pub fn user_by_name(&self, name: &str) -> Result<Option<UserRecord>> {
        self.conn()
            .query_row(
                "SELECT id, name, role, pin_hash, active FROM users WHERE name = ?1",
                [name.trim()],
                row,
            )
            .optional()?
            .map(record)
            .transpose()
    }

    /// Adds a user; the journal records who and which role (not the hash).
    pub fn add_user(&mut self, name: &str, role: Role, pin_hash: &str, at: &str, by: &str) -> Result<UserRecord> {
        let name = name.trim().to_string();
        self.write(|tx| {
            let taken: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)", [&name], |r| {
                r.get(0)
            })?;
            if taken {
                return Err(StoreError::Conflict(format!("a user named {name} already exists")));
            }
            tx.execute(
                "INSERT INTO users(name, role, pin_hash, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
                params![name, role.code(), pin_hash, at],
            )?;
            let id = tx.last_insert_rowid();
            append(
                tx,
                Some(at),
                "user_add",
                &name,
                &serde_json::json!({ "role": role, "by": by }),
            )?;
            Ok(UserRecord {
                id,
                name: name.clone(),
                role,
                pin_hash: pin_hash.to_string(),
                active: true,
            })
        })
    }

    /// Replaces a user's PIN hash.
    pub fn set_user_pin(&mut self, name: &str, pin_hash: &str, at: &str, by: &str) -> Result<()> {
        self.update_user(name, "pin_hash = ?2", pin_hash, "user_pin", at, by)
    }

    /// Deactivates a user: they can no longer sign in or approve; their sales keep their name. The last active
    /// admin is refused, so the shop always keeps someone who can manage users and restore backups.
    pub fn deactivate_user(&mut self, name: &str, at: &str, by: &str) -> Result<()> {
        self.update_user(name, "active = 0 + ?2", "0", "user_deactivate", at, by)
    }

    fn update_user(&mut self, name: &str, set: &str, value: &str, kind: &str, at: &str, by: &str) -> Result<()> {
        let name = name.trim().to_string();
        self.write(|tx| {
            let n = tx.execute(&format!("UPDATE users SET {set} WHERE name = ?1"), params![name, value])?;
            if n == 0 {
                return Err(StoreError::Conflict(format!("no user named {name}")));
            }
            // Checked after the update, inside the transaction, so two admins deactivating each other from two
            // processes cannot both pass: the second sees the first's write.
            let admins: i64 = tx.query_row(
                "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1",
                [],
                |r| r.get(0),
            )?;
            if admins == 0 {
                return Err(StoreError::Conflict(format!(
                    "{name} is the last active admin; add another admin first"
                )));
            }
            append(tx, Some(at), kind, &name, &serde_json::json!({ "by": by }))?;
            Ok(())
        })
    }

    /// Journals a wrong PIN for `name` at `at`, committed on its own so it stays although the sign-in fails.
    pub fn record_pin_failure(&mut self, name: &str, at: &str) -> Result<()> {
        self.write(|tx| {
            append(tx, Some(at), PIN_FAILED, name.trim(), &serde_json::json!({}))?;
            Ok(())
        })
    }

    /// Ends a run of wrong PINs: `kind` is [`PIN_OK`] (the right PIN after some wrong ones) or [`USER_UNLOCK`]
    /// (an admin's unlock, `by` naming them).
    pub fn reset_pin_failures(&mut self, name: &str, kind: &str, at: &str, by: &str) -> Result<()> {
        let name = name.trim().to_string();
        self.write(|tx| {
            let known: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)", [&name], |r| {
                r.get(0)
            })?;
            if !known {
                return Err(StoreError::Conflict(format!("no user named {name}")));
            }
            append(tx, Some(at), kind, &name, &serde_json::json!({ "by": by }))?;
            Ok(())
        })
    }

    /// The wrong PINs for `name` since their last right PIN or unlock, read from the journal: how many, and the
    /// stamp of the latest. Every process reads the same entries, so they share the count.
    pub fn pin_failures(&self, name: &str) -> Result<(u32, Option<String>)> {
        let mut stmt = self
            .conn()
            .prepare("SELECT kind, at FROM journal WHERE ref = ?1 AND kind IN (?2, ?3, ?4) ORDER BY seq DESC")?;
        let mut rows = stmt.query(params![name.trim(), PIN_FAILED, PIN_OK, USER_UNLOCK])?;
        let (mut count, mut last) = (0u32, None);
        while let Some(row) = rows.next()? {
            let kind: String = row.get(0)?;
            if kind != PIN_FAILED {
                break;
            }
            if last.is_none() {
                last = Some(row.get(1)?);
            }
            count = count.saturating_add(1);
        }
        Ok((count, last))
    }
}

/// Journal kinds of the PIN lockout.
pub const PIN_FAILED: &str = "pin_failed";
pub const PIN_OK: &str = "pin_ok";
pub const USER_UNLOCK: &str = "user_unlock";
