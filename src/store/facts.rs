//! Which tables hold the shop's facts, and the journal's commitment to every row of them.
//!
//! The class is the schema itself: every table in the file is a fact table unless [`OPERATIONAL`] names it with
//! the reason, so a table a later migration adds is journaled and verified without anyone remembering to. On
//! Usta's own connection, TEMP triggers (made at open from that list) note each row a transaction inserts,
//! updates or deletes in a fact table, and refuse the write outright outside `Store::write`; the next journal
//! entry of the transaction commits to the full content of those rows (`domain::journal::row_hash`), so
//! `usta verify` can re-derive every column of every table from the journal and name the entry a raw edit broke.
//!
//! Rows are keyed by their INTEGER PRIMARY KEY or their declared primary key (never by a bare rowid, which
//! VACUUM may renumber), or by rowid in a table that declares no key at all.

use super::{Result, StoreError};
use crate::domain::journal::{Cell, row_hash};
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use std::collections::BTreeMap;

/// Tables that hold no business fact, each with the reason: the journal does not commit to their rows.
pub const OPERATIONAL: &[(&str, &str)] = &[
    ("journal", "the journal itself: its own hash chain covers every entry"),
    (
        "cart_drafts",
        "the open cart, saved so a crash loses nothing; the sale it becomes is journaled",
    ),
    (
        "parked_carts",
        "carts waiting for their customer; nothing is sold until checkout",
    ),
    (
        "print_jobs",
        "the print queue: what should still come out of the printer",
    ),
    (
        "sync_link",
        "how this PC reaches its back office (or that it is one): wiring, not the books",
    ),
    (
        "hub_tills",
        "the back office's paired tills and their token digests: who may connect, not the books",
    ),
    (
        "sync_log",
        "what the back office refused or noted while syncing: a log for the manager, not the books",
    ),
    (
        "sync_inbox",
        "what the back office last told a till about locations and transfers: a cache of other registers' books",
    ),
];

/// Fact tables whose rows are never updated or deleted; a trigger refuses both (checked by `tests/journal_rows.rs`).
pub const HISTORY: &[&str] = &[
    "sales",
    "sale_lines",
    "payments",
    "sale_taxes",
    "stock_movements",
    "days",
    "day_closes",
    "cash_moves",
    "payouts",
    "taxfree_forms",
    "taxfree_voids",
    "return_reasons",
    "imported_rates",
    "stock_transfers",
    "stock_transfer_receipts",
];

/// How a fact table's rows are named in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactTable {
    pub name: String,
    /// Its primary-key columns; empty for a table keyed by rowid.
    pub key: Vec<String>,
    /// Whether the single key column is an INTEGER PRIMARY KEY (the rowid itself).
    integer_key: bool,
}

impl FactTable {
    /// SQL naming a row's key as text, with `prefix` (`NEW.`, `OLD.` or nothing) before each column: the key the
    /// journal names the row by.
    pub fn key_sql(&self, prefix: &str) -> String {
        match self.key.as_slice() {
            [] => format!("CAST({prefix}rowid AS TEXT)"),
            [one] => format!("CAST({prefix}\"{one}\" AS TEXT)"),
            many => format!(
                "json_array({})",
                many.iter()
                    .map(|c| format!("{prefix}\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// `SELECT key, * FROM table` with a WHERE clause, if given.
    pub(super) fn select_sql(&self, filter: &str) -> String {
        format!("SELECT {}, * FROM main.\"{}\" {filter}", self.key_sql(""), self.name)
    }

    /// The WHERE clause that finds one row by the key as text; composite keys bind each part.
    pub(super) fn by_key_sql(&self) -> String {
        match self.key.as_slice() {
            [] => "WHERE rowid = CAST(?1 AS INTEGER)".to_string(),
            [one] if self.integer_key => format!("WHERE \"{one}\" = CAST(?1 AS INTEGER)"),
            [one] => format!("WHERE \"{one}\" = ?1"),
            many => format!(
                "WHERE {}",
                many.iter()
                    .enumerate()
                    .map(|(i, c)| format!("\"{c}\" = json_extract(?1, '$[{i}]')"))
                    .collect::<Vec<_>>()
                    .join(" AND ")
            ),
        }
    }
}

/// Every fact table of the open file, in name order: all tables but SQLite's own, virtual tables and their shadow
/// tables, and [`OPERATIONAL`].
pub fn fact_tables(conn: &Connection) -> Result<Vec<FactTable>> {
    let mut stmt = conn.prepare("SELECT name, sql FROM main.sqlite_schema WHERE type = 'table' ORDER BY name")?;
    let all: Vec<(String, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default()))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let virtual_tables: Vec<&str> = all
        .iter()
        .filter(|(_, sql)| {
            sql.trim_start()
                .to_ascii_uppercase()
                .starts_with("CREATE VIRTUAL TABLE")
        })
        .map(|(name, _)| name.as_str())
        .collect();
    let mut tables = Vec::new();
    for (name, _) in &all {
        let shadow = virtual_tables
            .iter()
            .any(|v| name == v || name.strip_prefix(v).is_some_and(|rest| rest.starts_with('_')));
        if name.starts_with("sqlite_") || shadow || OPERATIONAL.iter().any(|(t, _)| t == name) {
            continue;
        }
        let mut info = conn.prepare(&format!("PRAGMA main.table_info(\"{name}\")"))?;
        let mut key: Vec<(i64, String, String)> = info
            .query_map([], |r| Ok((r.get::<_, i64>("pk")?, r.get("name")?, r.get("type")?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(pk, _, _)| *pk > 0)
            .collect();
        key.sort();
        let integer_key = matches!(key.as_slice(), [(_, _, ty)] if ty.eq_ignore_ascii_case("INTEGER"));
        tables.push(FactTable {
            name: name.clone(),
            key: key.into_iter().map(|(_, column, _)| column).collect(),
            integer_key,
        });
    }
    Ok(tables)
}

/// Creates, on this connection only, the TEMP tables and triggers that note every fact row a transaction
/// writes. Run after the migrations, so the triggers cover the schema as it now is.
pub(super) fn arm_connection(conn: &Connection) -> Result<()> {
    let mut sql = String::from(
        "PRAGMA temp_store = MEMORY;
         CREATE TEMP TABLE IF NOT EXISTS journal_touched(tbl TEXT NOT NULL, key TEXT NOT NULL,
             PRIMARY KEY (tbl, key)) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS journal_open(open INTEGER NOT NULL);
         CREATE TEMP TABLE IF NOT EXISTS journal_tables(tbl TEXT PRIMARY KEY, read_sql TEXT NOT NULL);
         DELETE FROM journal_tables;",
    );
    for t in fact_tables(conn)? {
        let name = &t.name;
        let refuse = format!(
            "SELECT RAISE(ABORT, 'usta: {name} is written only inside a journaled transaction')
             WHERE NOT EXISTS (SELECT 1 FROM journal_open);"
        );
        // Not INSERT OR IGNORE: the outer statement's conflict clause (an upsert, OR REPLACE) overrides a trigger's.
        let touch = |prefix: &str| {
            let key = t.key_sql(prefix);
            format!(
                "INSERT INTO journal_touched SELECT '{name}', {key}
                 WHERE NOT EXISTS (SELECT 1 FROM journal_touched WHERE tbl = '{name}' AND key = {key});"
            )
        };
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS temp.\"journal_{name}_insert\";
             CREATE TEMP TRIGGER \"journal_{name}_insert\" AFTER INSERT ON main.\"{name}\" BEGIN {refuse} {new} END;
             DROP TRIGGER IF EXISTS temp.\"journal_{name}_update\";
             CREATE TEMP TRIGGER \"journal_{name}_update\" AFTER UPDATE ON main.\"{name}\" BEGIN {refuse} {old} {new} END;
             DROP TRIGGER IF EXISTS temp.\"journal_{name}_delete\";
             CREATE TEMP TRIGGER \"journal_{name}_delete\" AFTER DELETE ON main.\"{name}\" BEGIN {refuse} {old} END;
             INSERT INTO journal_tables VALUES ('{name}', '{read}');",
            new = touch("NEW."),
            old = touch("OLD."),
            read = t.select_sql(&t.by_key_sql()).replace('\'', "''"),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Opens the connection's journaled transaction: fact writes are allowed until [`close`].
pub(super) fn open(conn: &Connection) -> Result<()> {
    conn.prepare_cached("INSERT INTO journal_open VALUES (1)")?
        .execute([])?;
    Ok(())
}

/// Ends the journaled part of the transaction, before its commit.
pub(super) fn close(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM journal_open")?.execute([])?;
    Ok(())
}

/// Whether fact rows were written since the last journal entry took them.
pub(super) fn any_touched(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM journal_touched)")?
        .query_row([], |r| r.get(0))?)
}

/// The rows written since the last entry, as the entry's `rows` field (empty when none), and forgets them.
pub(super) fn take_touched(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.tbl, t.key, s.read_sql FROM journal_touched t JOIN journal_tables s USING (tbl) ORDER BY 1, 2",
    )?;
    let touched: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if touched.is_empty() {
        return Ok(String::new());
    }
    let mut rows: BTreeMap<String, BTreeMap<String, Option<String>>> = BTreeMap::new();
    for (table, key, read_sql) in touched {
        let mut read = conn.prepare_cached(&read_sql)?;
        let mut found = read.query([&key])?;
        let digest = match found.next()? {
            Some(row) => Some(digest_row(&table, row)?),
            None => None,
        };
        rows.entry(table).or_default().insert(key, digest);
    }
    conn.prepare_cached("DELETE FROM journal_touched")?.execute([])?;
    serde_json::to_string(&rows).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Every row of every fact table, as one entry's `rows` field: the starting point for a file whose rows were
/// written before the journal committed to rows.
pub(super) fn all_rows(conn: &Connection) -> Result<String> {
    let mut rows: BTreeMap<String, BTreeMap<String, Option<String>>> = BTreeMap::new();
    for t in fact_tables(conn)? {
        for (key, digest) in table_digests(conn, &t)? {
            rows.entry(t.name.clone()).or_default().insert(key, Some(digest));
        }
    }
    if rows.is_empty() {
        return Ok(String::new());
    }
    serde_json::to_string(&rows).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// `(key, digest)` of every row of one table, by key.
pub(super) fn table_digests(conn: &Connection, t: &FactTable) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(&t.select_sql(""))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        out.push((key, digest_row(&t.name, row)?));
    }
    Ok(out)
}

/// The digest of a row read as `SELECT key, * …`.
fn digest_row(table: &str, row: &rusqlite::Row<'_>) -> Result<String> {
    let stmt = row.as_ref();
    let key: String = row.get(0)?;
    let mut columns = Vec::with_capacity(stmt.column_count());
    for i in 1..stmt.column_count() {
        let cell = match row.get_ref(i)? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(v) => Cell::Integer(v),
            ValueRef::Real(v) => Cell::Real(v),
            ValueRef::Text(v) => Cell::Text(
                std::str::from_utf8(v)
                    .map_err(|_| StoreError::Corrupt(format!("{table} row {key}: a text column is not UTF-8")))?,
            ),
            ValueRef::Blob(v) => Cell::Blob(v),
        };
        columns.push((stmt.column_name(i)?, cell));
    }
    Ok(row_hash(table, &key, &columns))
}

#[cfg(test)]
mod tests {
    use super::super::Store;

    #[test]
    fn usta_itself_cannot_write_a_fact_outside_a_journaled_transaction() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("shop.db")).expect("open");
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO categories(code, name_ky, name_ru, name_en) VALUES ('hats', 'Баш кийим', 'Шапки', 'Hats')",
                    [],
                )?;
                super::super::journal::append(tx, None, "categories", "", &serde_json::json!(["hats"]))?;
                Ok::<_, super::super::StoreError>(())
            })
            .expect("journaled write");
        let outside = store.conn().execute("UPDATE categories SET name_en = 'Caps'", []);
        let err = outside.expect_err("a fact written outside Store::write");
        assert!(err.to_string().contains("only inside a journaled transaction"), "{err}");
        // A write that forgot its entry is journaled anyway, by the `rows` entry that seals the transaction.
        store
            .write(|tx| {
                tx.execute("UPDATE categories SET name_en = 'Caps'", [])?;
                Ok::<_, super::super::StoreError>(())
            })
            .expect("write");
        assert!(store.verify_rows().expect("verify").is_empty());
        let last: String = store
            .conn()
            .query_row("SELECT kind FROM journal ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
            .expect("kind");
        assert_eq!(last, "rows");
    }
}
