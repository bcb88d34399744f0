//! The SQL of several tills and a back office: how a database is wired (`sync_link`), a till's chain read out with
//! the rows it describes, a register's replica applied entry by entry at the back office, the master data that
//! flows down, and the back office's list of tills. The protocol around it lives in `src/sync`.
//!
//! A replica keeps the till's own row ids and its journal entries verbatim (same seq, same hashes), so the very
//! code that verifies a till verifies its replica. A batch carries each touched row as it stands when the batch is
//! read; a row is applied at the last new entry that touched it and must hash to exactly that entry's digest
//! (`domain::journal::row_hash`), so a forged or edited row is refused with the whole batch.

use super::facts::{self, FactTable, fact_tables};
use super::head;
use super::journal::{self, JournalHead};
use super::settings::put_setting;
use super::{Result, Store, StoreError};
use crate::domain::journal::{Cell, Entry, entry_hash, row_hash};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// One row as it travels: every column in the table's order with its stored value (a blob as `{"blob": hex}`).
pub type Image = Vec<(String, Value)>;
/// `{table: {key: row, or None when the row is gone}}`.
pub type Images = BTreeMap<String, BTreeMap<String, Option<Image>>>;
/// Master data as the back office holds it: `{table: [(key, row)]}`.
pub type Master = BTreeMap<String, Vec<(String, Image)>>;

/// Tables only the back office writes once a till has joined, in the order their references need.
pub const MASTER_TABLES: &[&str] = &[
    "categories",
    "artisans",
    "products",
    "barcodes",
    "users",
    "exchange_rates",
    "imported_rates",
    "settings",
];

/// Settings that are the shop's (the back office's; `app::master::MasterPart::settings` says which part each is); the others are the PC's own (its register id, printer,
/// scanner, fiscal register, window preferences, last backup) and never travel.
pub const MASTER_SETTINGS: &[&str] = &[
    "shop",
    "tax",
    "payment",
    "in_store_prefix",
    "next_in_store_item",
    "discount_limit_pct",
    "void_cart_manager_above",
    "taxfree",
    "quick_keys",
    "payment_qr",
];

/// A journal entry exactly as stored, links included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainEntry {
    #[serde(flatten)]
    pub entry: Entry,
    pub prev_hash: String,
    pub hash: String,
}

/// What this database is in a cooperative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Hub,
    Till,
}

/// The `sync_link` row; none on a standalone shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub role: Role,
    pub register: String,
    pub location: String,
    pub url: Option<String>,
    pub fingerprint: Option<String>,
    #[serde(skip)]
    pub token: Option<String>,
    pub pushed_seq: i64,
    pub master_seq: i64,
    pub last_sync: Option<String>,
}

/// A till the back office paired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TillRecord {
    pub register: String,
    pub location: String,
    pub paired_at: String,
    pub joined_at: Option<String>,
    pub revoked_at: Option<String>,
    pub last_sync: Option<String>,
    pub pushed_seq: i64,
}

/// What applying a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub applied: usize,
    pub duplicates: usize,
    pub head: JournalHead,
}

/// Why a batch was refused; nothing of it was applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("entries are missing: the back office holds this register up to entry {head}, the batch starts at {first}")]
    Gap { head: i64, first: i64 },
    #[error("forged or edited entry: {0}")]
    Forged(String),
    #[error("another register's entries: {0}")]
    Foreign(String),
}

impl Role {
    fn code(self) -> &'static str {
        match self {
            Role::Hub => "hub",
            Role::Till => "till",
        }
    }
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => serde_json::json!({ "blob": b.iter().map(|x| format!("{x:02x}")).collect::<String>() }),
    }
}

fn blob(v: &Value) -> Option<Vec<u8>> {
    let hex = v.as_object()?.get("blob")?.as_str()?;
    (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect()
}

fn to_sql(table: &str, v: &Value) -> Result<SqlValue> {
    Ok(match v {
        Value::Null => SqlValue::Null,
        Value::Number(n) if n.is_i64() => SqlValue::Integer(n.as_i64().unwrap_or_default()),
        Value::Number(n) => SqlValue::Real(n.as_f64().unwrap_or_default()),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Blob(
            blob(other).ok_or_else(|| StoreError::Corrupt(format!("{table}: a value that is no column: {other}")))?,
        ),
    })
}

/// The digest of a travelling row, as `facts` computes it from a stored one.
fn image_hash(table: &str, key: &str, image: &Image) -> Result<String> {
    let values: Vec<SqlValue> = image.iter().map(|(_, v)| to_sql(table, v)).collect::<Result<_>>()?;
    let cells: Vec<(&str, Cell<'_>)> = image
        .iter()
        .zip(&values)
        .map(|((name, _), v)| {
            let cell = match v {
                SqlValue::Null => Cell::Null,
                SqlValue::Integer(i) => Cell::Integer(*i),
                SqlValue::Real(f) => Cell::Real(*f),
                SqlValue::Text(s) => Cell::Text(s),
                SqlValue::Blob(b) => Cell::Blob(b),
            };
            (name.as_str(), cell)
        })
        .collect();
    Ok(row_hash(table, key, &cells))
}

/// A row of `t` by its key, as it travels; `None` when there is none.
fn read_image(conn: &rusqlite::Connection, t: &FactTable, key: &str) -> Result<Option<Image>> {
    let mut stmt = conn.prepare_cached(&t.select_sql(&t.by_key_sql()))?;
    let names: Vec<String> = stmt.column_names().skip(1).map(|n| n.to_string()).collect();
    let mut rows = stmt.query([key])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut image = Vec::with_capacity(names.len());
    for (i, name) in names.into_iter().enumerate() {
        image.push((name, to_json(row.get_ref(i + 1)?)));
    }
    Ok(Some(image))
}

/// Every row of `t`, as it travels.
fn read_all(conn: &rusqlite::Connection, t: &FactTable) -> Result<Vec<(String, Image)>> {
    let mut stmt = conn.prepare(&t.select_sql(""))?;
    let names: Vec<String> = stmt.column_names().skip(1).map(|n| n.to_string()).collect();
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let mut image = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            image.push((name.clone(), to_json(row.get_ref(i + 1)?)));
        }
        out.push((key, image));
    }
    Ok(out)
}

/// Writes a travelling row over the row with its key (or as a new row).
fn upsert(tx: &Transaction<'_>, t: &FactTable, key: &str, image: &Image) -> Result<()> {
    let values: Vec<SqlValue> = image.iter().map(|(_, v)| to_sql(&t.name, v)).collect::<Result<_>>()?;
    let columns: Vec<String> = image
        .iter()
        .map(|(c, _)| format!("\"{}\"", c.replace('"', "")))
        .collect();
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = if t.key.is_empty() {
        tx.execute(&format!("DELETE FROM main.\"{}\" {}", t.name, t.by_key_sql()), [key])?;
        format!(
            "INSERT INTO main.\"{}\"(rowid, {}) VALUES (CAST(?{} AS INTEGER), {})",
            t.name,
            columns.join(", "),
            values.len() + 1,
            marks.join(", ")
        )
    } else {
        let updates: Vec<String> = columns
            .iter()
            .filter(|c| !t.key.iter().any(|k| format!("\"{k}\"") == **c))
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let action = if updates.is_empty() {
            "NOTHING".to_string()
        } else {
            format!("UPDATE SET {}", updates.join(", "))
        };
        let target: Vec<String> = t.key.iter().map(|k| format!("\"{k}\"")).collect();
        format!(
            "INSERT INTO main.\"{}\"({}) VALUES ({}) ON CONFLICT({}) DO {action}",
            t.name,
            columns.join(", "),
            marks.join(", "),
            target.join(", ")
        )
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut params: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
    if t.key.is_empty() {
        params.push(&key);
    }
    stmt.execute(params.as_slice())?;
    Ok(())
}

fn parse_rows(e: &Entry) -> std::result::Result<BTreeMap<String, BTreeMap<String, Option<String>>>, Refusal> {
    if e.rows.is_empty() {
        return Ok(BTreeMap::new());
    }
    serde_json::from_str(&e.rows).map_err(|_| Refusal::Forged(format!("entry {}: its rows are not readable", e.seq)))
}

fn tables_by_name(conn: &rusqlite::Connection) -> Result<HashMap<String, FactTable>> {
    Ok(fact_tables(conn)?.into_iter().map(|t| (t.name.clone(), t)).collect())
}

impl Store {
    /// How this database is wired; `None` on a standalone shop.
    pub fn sync_link(&self) -> Result<Option<Link>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT role, register, location, url, fingerprint, token, pushed_seq, master_seq, last_sync
                 FROM sync_link WHERE id = 1",
                [],
                |r| {
                    Ok(Link {
                        role: if r.get::<_, String>(0)? == "hub" {
                            Role::Hub
                        } else {
                            Role::Till
                        },
                        register: r.get(1)?,
                        location: r.get(2)?,
                        url: r.get(3)?,
                        fingerprint: r.get(4)?,
                        token: r.get(5)?,
                        pushed_seq: r.get(6)?,
                        master_seq: r.get(7)?,
                        last_sync: r.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    /// Makes this database the back office (kept as it is when it already is one).
    pub fn become_hub(&mut self, location: &str) -> Result<Link> {
        if let Some(link) = self.sync_link()? {
            if link.role == Role::Till {
                return Err(StoreError::Conflict(format!(
                    "this database is a till joined to {}; a till cannot be a back office",
                    link.url.unwrap_or_default()
                )));
            }
            return Ok(link);
        }
        let register = self.register_id()?;
        self.conn().execute(
            "INSERT INTO sync_link(id, role, register, location) VALUES (1, 'hub', ?1, ?2)",
            params![register, location],
        )?;
        self.sync_link()?
            .ok_or_else(|| StoreError::Corrupt("the back office's link was not kept".into()))
    }

    /// A till's chain after entry `after`, with every row those entries touched as it stands now, read in one
    /// snapshot so rows and entries agree.
    pub fn chain_after(&self, after: i64) -> Result<(Vec<ChainEntry>, Images)> {
        let tx = self.conn().unchecked_transaction()?;
        let mut stmt = tx.prepare(
            "SELECT seq, at, kind, ref, payload, row_digests, prev_hash, hash FROM journal WHERE seq > ?1 ORDER BY seq",
        )?;
        let entries: Vec<ChainEntry> = stmt
            .query_map([after], |r| {
                Ok(ChainEntry {
                    entry: Entry {
                        seq: r.get(0)?,
                        at: r.get(1)?,
                        kind: r.get(2)?,
                        reference: r.get(3)?,
                        payload: r.get(4)?,
                        rows: r.get(5)?,
                    },
                    prev_hash: r.get(6)?,
                    hash: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let tables = tables_by_name(&tx)?;
        let mut images = Images::new();
        for e in &entries {
            let rows = parse_rows(&e.entry).map_err(|r| StoreError::Corrupt(r.to_string()))?;
            for (table, keys) in rows {
                let Some(t) = tables.get(&table) else {
                    return Err(StoreError::Corrupt(format!(
                        "journal entry {} names no table {table}",
                        e.entry.seq
                    )));
                };
                for key in keys.into_keys() {
                    if images.get(&table).is_some_and(|m| m.contains_key(&key)) {
                        continue;
                    }
                    let image = read_image(&tx, t, &key)?;
                    images.entry(table.clone()).or_default().insert(key, image);
                }
            }
        }
        Ok((entries, images))
    }

    /// Applies a register's batch to this replica in one transaction: entries already held must be the very same
    /// (else forged), new ones must continue the chain, and each row must hash to the digest of the last new
    /// entry that touched it. `register`: the register the batch must belong to.
    pub fn apply_chain(
        &mut self,
        register: &str,
        entries: &[ChainEntry],
        images: &Images,
    ) -> Result<std::result::Result<Applied, Refusal>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let head = journal::head_tx(&tx)?;
        let mut tip = head.clone();
        let mut duplicates = 0;
        let mut new: Vec<&ChainEntry> = Vec::new();
        for e in entries {
            let seq = e.entry.seq;
            if seq <= head.seq {
                let held: Option<String> = tx
                    .query_row("SELECT hash FROM journal WHERE seq = ?1", [seq], |r| r.get(0))
                    .optional()?;
                if held.as_deref() != Some(e.hash.as_str()) {
                    return Ok(Err(Refusal::Forged(format!(
                        "entry {seq} differs from the entry {seq} already received"
                    ))));
                }
                duplicates += 1;
                continue;
            }
            if seq != tip.seq + 1 {
                return Ok(Err(Refusal::Gap {
                    head: head.seq,
                    first: seq,
                }));
            }
            if e.prev_hash != tip.hash {
                return Ok(Err(Refusal::Forged(format!(
                    "entry {seq} does not link to entry {}",
                    tip.seq
                ))));
            }
            if entry_hash(&e.prev_hash, &e.entry) != e.hash {
                return Ok(Err(Refusal::Forged(format!(
                    "entry {seq}: its hash does not match its contents"
                ))));
            }
            tip = JournalHead {
                seq,
                hash: e.hash.clone(),
            };
            new.push(e);
        }
        if new.is_empty() {
            return Ok(Ok(Applied {
                applied: 0,
                duplicates,
                head,
            }));
        }
        // Each row goes in at the last new entry that touched it: that entry's digest is the row as it stands.
        let mut last: BTreeMap<(String, String), (usize, Option<String>)> = BTreeMap::new();
        for (i, e) in new.iter().enumerate() {
            let rows = match parse_rows(&e.entry) {
                Ok(rows) => rows,
                Err(refusal) => return Ok(Err(refusal)),
            };
            for (table, keys) in rows {
                for (key, digest) in keys {
                    last.insert((table.clone(), key), (i, digest));
                }
            }
        }
        let mut at_entry: Vec<Vec<(&str, &str, Option<&str>)>> = vec![Vec::new(); new.len()];
        for ((table, key), (i, digest)) in &last {
            at_entry[*i].push((table, key, digest.as_deref()));
        }
        let tables = tables_by_name(&tx)?;
        facts::open(&tx)?;
        // Rows of one entry arrive in table order, not in the order their references need.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for (e, rows) in new.iter().zip(&at_entry) {
            let seq = e.entry.seq;
            for (table, key, digest) in rows {
                let Some(t) = tables.get(*table) else {
                    return Ok(Err(Refusal::Forged(format!("entry {seq} names no table {table}"))));
                };
                let Some(digest) = digest else {
                    tx.execute(&format!("DELETE FROM main.\"{table}\" {}", t.by_key_sql()), [key])?;
                    continue;
                };
                let Some(Some(image)) = images.get(*table).and_then(|m| m.get(*key)) else {
                    return Ok(Err(Refusal::Forged(format!(
                        "entry {seq}: row {table} {key} was not sent"
                    ))));
                };
                if image_hash(table, key, image)? != *digest {
                    return Ok(Err(Refusal::Forged(format!(
                        "entry {seq}: row {table} {key} is not the row the entry committed to"
                    ))));
                }
                let named = |column: &str| image.iter().find(|(c, _)| c == column).and_then(|(_, v)| v.as_str());
                let owner = match *table {
                    "sales" => named("register"),
                    "registers" => Some(*key),
                    // A transfer's id starts with the register that sent it.
                    "stock_transfers" => key.rsplit_once('-').map(|(r, _)| r),
                    _ => None,
                };
                if let Some(owner) = owner.filter(|o| *o != register) {
                    return Ok(Err(Refusal::Foreign(format!(
                        "entry {seq} carries register {owner}'s {table}, pushed as register {register}"
                    ))));
                }
                upsert(&tx, t, key, image)?;
            }
            tx.prepare_cached(
                "INSERT INTO journal(seq, at, kind, ref, payload, prev_hash, hash, row_digests)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                seq,
                e.entry.at,
                e.entry.kind,
                e.entry.reference,
                e.entry.payload,
                e.prev_hash,
                e.hash,
                e.entry.rows
            ])?;
        }
        // The entries themselves commit to these rows: no `rows` entry of the replica's own may follow.
        tx.execute("DELETE FROM journal_touched", [])?;
        facts::close(&tx)?;
        let issued = self.head.intent(&tx)?;
        tx.commit()?;
        self.head.committed(issued);
        Ok(Ok(Applied {
            applied: new.len(),
            duplicates,
            head: tip,
        }))
    }

    /// The master data as it stands here, for a till.
    pub fn master_rows(&self) -> Result<Master> {
        let tables = tables_by_name(self.conn())?;
        let mut out = Master::new();
        for name in MASTER_TABLES {
            let Some(t) = tables.get(*name) else { continue };
            let mut rows = read_all(self.conn(), t)?;
            if *name == "settings" {
                rows.retain(|(key, _)| MASTER_SETTINGS.contains(&key.as_str()));
            }
            out.insert(name.to_string(), rows);
        }
        Ok(out)
    }

    /// Brings master data up to the back office's, row by row where the digests differ, in one journaled
    /// write; returns how many rows changed (no entry when none did).
    pub fn apply_master(&mut self, master: &Master, at: &str, hub_seq: i64) -> Result<usize> {
        self.write(|tx| apply_master_tx(tx, master, at, hub_seq))
    }

    /// Creates a joined till's books in one write: its identity, the back office's master data, its register id
    /// and the link (token included) to the back office.
    pub fn join_till(&mut self, master: &Master, link: &Link, at: &str, hub_seq: i64) -> Result<usize> {
        self.write(|tx| {
            let changed = apply_master_tx(tx, master, at, hub_seq)?;
            put_setting(tx, super::settings::REGISTER, &link.register)?;
            journal::append(
                tx,
                Some(at),
                "join",
                &link.register,
                &serde_json::json!({ "url": link.url, "fingerprint": link.fingerprint, "location": link.location }),
            )?;
            tx.execute(
                "INSERT INTO sync_link(id, role, register, location, url, fingerprint, token, master_seq)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    link.role.code(),
                    link.register,
                    link.location,
                    link.url,
                    link.fingerprint,
                    link.token,
                    hub_seq
                ],
            )?;
            Ok(changed)
        })
    }

    /// After a round: the back office holds this till's chain up to `pushed`, master data up to `master`.
    pub fn record_sync(&mut self, pushed: i64, master: i64, at: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE sync_link SET pushed_seq = ?1, master_seq = ?2, last_sync = ?3 WHERE id = 1",
            params![pushed, master, at],
        )?;
        Ok(())
    }

    /// Records a till the back office is about to admit, with the digest of its one-time secret.
    pub fn hub_pair(&mut self, register: &str, location: &str, code_hash: &str, at: &str) -> Result<()> {
        let taken: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM hub_tills WHERE register = ?1) OR ?1 = (SELECT register FROM sync_link)",
            [register],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Conflict(format!("register {register} is already paired")));
        }
        self.conn().execute(
            "INSERT INTO hub_tills(register, location, code_hash, paired_at) VALUES (?1, ?2, ?3, ?4)",
            params![register, location, code_hash, at],
        )?;
        Ok(())
    }

    /// The next free register id, `R2`, `R3`…
    pub fn hub_next_register(&self) -> Result<String> {
        let mut n = 2;
        loop {
            let id = format!("R{n}");
            let taken: bool = self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM hub_tills WHERE register = ?1) OR ?1 = (SELECT register FROM sync_link)",
                [&id],
                |r| r.get(0),
            )?;
            if !taken {
                return Ok(id);
            }
            n += 1;
        }
    }

    pub fn hub_tills(&self) -> Result<Vec<TillRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT register, location, paired_at, joined_at, revoked_at, last_sync, pushed_seq FROM hub_tills
             ORDER BY register",
        )?;
        let rows = stmt.query_map([], till_record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Cuts a till off: its token and any unused code stop working. False when no such till.
    pub fn hub_revoke(&mut self, register: &str, at: &str) -> Result<bool> {
        let n = self.conn().execute(
            "UPDATE hub_tills SET revoked_at = coalesce(revoked_at, ?2), code_hash = NULL WHERE register = ?1",
            params![register, at],
        )?;
        Ok(n > 0)
    }

    /// Spends a one-time code: the till it was made for gets its token. `None`: no such unused code.
    pub fn hub_join(&mut self, code_hash: &str, token_hash: &str, at: &str) -> Result<Option<(String, String)>> {
        // One statement: the code is spent exactly once even with two joins racing.
        let till: Option<(String, String)> = self
            .conn()
            .query_row(
                "UPDATE hub_tills SET code_hash = NULL, token_hash = ?2, joined_at = ?3
                 WHERE code_hash = ?1 AND revoked_at IS NULL AND joined_at IS NULL RETURNING register, location",
                params![code_hash, token_hash, at],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(till)
    }

    /// The till a token belongs to, revoked or not (the caller refuses a revoked one, and says so).
    pub fn hub_till_by_token(&self, token_hash: &str) -> Result<Option<TillRecord>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT register, location, paired_at, joined_at, revoked_at, last_sync, pushed_seq FROM hub_tills
                 WHERE token_hash = ?1",
                [token_hash],
                till_record,
            )
            .optional()?)
    }

    pub fn hub_synced(&mut self, register: &str, pushed: i64, at: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE hub_tills SET pushed_seq = ?2, last_sync = ?3 WHERE register = ?1",
            params![register, pushed, at],
        )?;
        Ok(())
    }

    /// Notes what the back office refused or noticed.
    pub fn sync_log(&mut self, at: &str, register: Option<&str>, event: &str, detail: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO sync_log(at, register, event, detail) VALUES (?1, ?2, ?3, ?4)",
            params![at, register, event, detail],
        )?;
        Ok(())
    }

    /// The log, oldest first.
    pub fn sync_log_entries(&self) -> Result<Vec<SyncLogEntry>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT at, register, event, detail FROM sync_log ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each product's stock movements summed (thousandths), as this database holds them: at a back office its
    /// own; in a replica, that register's.
    pub fn movement_totals(&self) -> Result<BTreeMap<i64, i64>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT product_id, sum(qty_milli) FROM stock_movements GROUP BY product_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `(id, first barcode, English name)` of every product.
    pub fn product_names(&self) -> Result<Vec<(i64, Option<String>, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.id, (SELECT min(code) FROM barcodes b WHERE b.product_id = p.id),
                    coalesce(nullif(p.name_ky, ''), nullif(p.name_ru, ''), p.name_en) FROM products p
             ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The database's identity (see `store::head`), to tell one register's replica from another's.
    pub fn identity(&self) -> Result<Option<String>> {
        head::identity(self.conn())
    }
}

/// One line of the back office's sync log: `(at, register, event, detail)`.
pub type SyncLogEntry = (String, Option<String>, String, String);

/// A `hub_tills` row read as `register, location, paired_at, joined_at, revoked_at, last_sync, pushed_seq`.
fn till_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<TillRecord> {
    Ok(TillRecord {
        register: r.get(0)?,
        location: r.get(1)?,
        paired_at: r.get(2)?,
        joined_at: r.get(3)?,
        revoked_at: r.get(4)?,
        last_sync: r.get(5)?,
        pushed_seq: r.get(6)?,
    })
}

fn apply_master_tx(tx: &Transaction<'_>, master: &Master, at: &str, hub_seq: i64) -> Result<usize> {
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let tables = tables_by_name(tx)?;
    let mut changed = 0;
    for name in MASTER_TABLES {
        let (Some(t), Some(rows)) = (tables.get(*name), master.get(*name)) else {
            continue;
        };
        let held: HashMap<String, String> = facts::table_digests(tx, t)?.into_iter().collect();
        for (key, image) in rows {
            if *name == "settings" && !MASTER_SETTINGS.contains(&key.as_str()) {
                continue;
            }
            if held.get(key) != Some(&image_hash(name, key, image)?) {
                upsert(tx, t, key, image)?;
                changed += 1;
            }
        }
    }
    if changed > 0 {
        journal::append(
            tx,
            Some(at),
            "master",
            &hub_seq.to_string(),
            &serde_json::json!({ "rows": changed, "back_office_entry": hub_seq }),
        )?;
    }
    Ok(changed)
}
