//! The journal: every committed business event, appended in the same transaction as the event itself and
//! chained by SHA-256 (see `domain::journal`), so `verify` finds any later edit of the journal.

use super::{Result, Store, facts};
use crate::domain::journal::{ChainError, Entry, GENESIS, entry_hash, verify};
use rusqlite::{OptionalExtension, Transaction, params};

/// The last entry of the chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JournalHead {
    pub seq: i64,
    pub hash: String,
}

/// Appends one event. `at` is the event's time as the business stamps it; events without one (settings written
/// outside a use case) take the database clock. The entry commits to every fact row the transaction wrote since
/// the previous entry (see `store::facts`).
pub(crate) fn append(
    tx: &Transaction<'_>,
    at: Option<&str>,
    kind: &str,
    reference: &str,
    payload: &serde_json::Value,
) -> Result<String> {
    let rows = facts::take_touched(tx)?;
    insert(tx, at, kind, reference, payload, rows)
}

/// Rows a transaction wrote after its last entry are committed by one more entry, `rows`, naming the entry it
/// follows; so nothing a transaction writes escapes the journal. Called by `Store::write` before it commits.
pub(crate) fn seal(tx: &Transaction<'_>) -> Result<()> {
    if !facts::any_touched(tx)? {
        return Ok(());
    }
    let follows = head_tx(tx)?.seq;
    append(tx, None, "rows", &follows.to_string(), &serde_json::json!({}))?;
    Ok(())
}

/// One entry committing to every row of every fact table as it stands: written when a file whose rows predate
/// row commitments is migrated, so from then on every row is committed by some entry.
pub(crate) fn restate_all(tx: &Transaction<'_>, reason: &str) -> Result<()> {
    let rows = facts::all_rows(tx)?;
    if rows.is_empty() {
        return Ok(());
    }
    insert(tx, None, "restate", "", &serde_json::json!({ "reason": reason }), rows)?;
    Ok(())
}

fn insert(
    tx: &Transaction<'_>,
    at: Option<&str>,
    kind: &str,
    reference: &str,
    payload: &serde_json::Value,
    rows: String,
) -> Result<String> {
    let (seq, prev_hash): (i64, String) = tx
        .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let at = match at {
        Some(at) => at.to_string(),
        None => tx
            .prepare_cached("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")?
            .query_row([], |r| r.get(0))?,
    };
    let entry = Entry {
        seq: seq + 1,
        at,
        kind: kind.to_string(),
        reference: reference.to_string(),
        payload: payload.to_string(),
        rows,
    };
    let hash = entry_hash(&prev_hash, &entry);
    tx.prepare_cached(
        "INSERT INTO journal(seq, at, kind, ref, payload, prev_hash, hash, row_digests)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        entry.seq,
        entry.at,
        entry.kind,
        entry.reference,
        entry.payload,
        prev_hash,
        hash,
        entry.rows
    ])?;
    Ok(hash)
}

pub(crate) fn head_tx(tx: &Transaction<'_>) -> Result<JournalHead> {
    Ok(tx
        .query_row("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok(JournalHead {
                seq: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or(JournalHead {
            seq: 0,
            hash: GENESIS.to_string(),
        }))
}

impl Store {
    /// The journal's last entry (seq 0 and the genesis hash when empty).
    pub fn journal_head(&self) -> Result<JournalHead> {
        Ok(self
            .conn()
            .query_row("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok(JournalHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            })
            .optional()?
            .unwrap_or(JournalHead {
                seq: 0,
                hash: GENESIS.to_string(),
            }))
    }

    /// Entries of one kind, oldest first (for tests and reports).
    pub fn journal_kinds(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn().prepare("SELECT seq, kind, ref FROM journal ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Re-checks the whole chain; `Ok(Err(..))` names the first broken entry.
    pub fn verify_journal(&self) -> Result<std::result::Result<JournalHead, ChainError>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT seq, at, kind, ref, payload, prev_hash, hash, row_digests FROM journal ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Entry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    kind: r.get(2)?,
                    reference: r.get(3)?,
                    payload: r.get(4)?,
                    rows: r.get(7)?,
                },
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let rows: Vec<(Entry, String, String)> = rows.collect::<rusqlite::Result<_>>()?;
        let seq = rows.last().map_or(0, |r| r.0.seq);
        Ok(verify(rows.iter().map(|(e, p, h)| (e, p.as_str(), h.as_str()))).map(|hash| JournalHead { seq, hash }))
    }
}
