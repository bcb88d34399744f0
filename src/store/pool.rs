//! The association's pool: its own SQLite file (not a shop's database) holding every imported shop-day ledger
//! once, the conflicts it refused to merge, and the sold lines the reports sum.

use super::{Result, StoreError};
use crate::domain::ledger::Ledger;
use crate::domain::money::Som;
use crate::domain::stock::to_milli;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Marks a SQLite file as an Usta pool (`PRAGMA application_id`, "USTP").
pub const POOL_APPLICATION_ID: i32 = 0x5553_5450;

const SCHEMA: &str = r#"
    CREATE TABLE ledgers(
        id INTEGER PRIMARY KEY,
        shop_id TEXT NOT NULL, shop_name TEXT NOT NULL, day TEXT NOT NULL,
        digest TEXT NOT NULL,                                 -- SHA-256 of ledger.json: the facts, any dialect
        journal_head TEXT NOT NULL, source TEXT NOT NULL, imported_at TEXT NOT NULL,
        sales INTEGER NOT NULL, returns INTEGER NOT NULL,
        UNIQUE (shop_id, day)) STRICT;
    CREATE TABLE conflicts(
        id INTEGER PRIMARY KEY, shop_id TEXT NOT NULL, day TEXT NOT NULL, digest TEXT NOT NULL,
        source TEXT NOT NULL, seen_at TEXT NOT NULL, UNIQUE (shop_id, day, digest)) STRICT;
    CREATE TABLE pool_lines(
        ledger_id INTEGER NOT NULL REFERENCES ledgers(id),
        shop_id TEXT NOT NULL, day TEXT NOT NULL, month TEXT NOT NULL,
        category TEXT NOT NULL, artisan TEXT NOT NULL,
        qty_milli INTEGER NOT NULL, amount INTEGER NOT NULL) STRICT;   -- returns negative
    CREATE INDEX pool_lines_day ON pool_lines(day);
"#;

/// Version 2: the folders (or archives) already verified and pooled, by their MANIFEST's seal and a stamp of
/// their files, so a re-import recognises them without verifying them again.
const SEEN: &str = r#"
    CREATE TABLE seen(source TEXT PRIMARY KEY, seal TEXT NOT NULL, stamp TEXT NOT NULL) STRICT;
"#;

/// Version 3: each pooled line's craft technique (a code) and its artisan's region, from `usta-ledger/3` on; lines
/// pooled before, and lines of older ledgers, have them empty.
const CRAFT: &str = r#"
    ALTER TABLE pool_lines ADD COLUMN technique TEXT NOT NULL DEFAULT '';
    ALTER TABLE pool_lines ADD COLUMN region TEXT NOT NULL DEFAULT '';
"#;

/// Each schema version after the first and the statements that reach it from the one before.
const MIGRATIONS: [(i64, &str); 2] = [(2, SEEN), (3, CRAFT)];

/// What importing one ledger did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Imported {
    New {
        lines: usize,
    },
    /// The same facts were imported before: counted once.
    AlreadyImported,
    /// The shop-day was imported before with different facts: kept apart, not merged.
    Conflict {
        existing_digest: String,
    },
}

/// One aggregated row of a pool report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PoolRow {
    pub key: String,
    pub sales: Som,
    pub returns: Som,
    pub net: Som,
    pub items: i64,
}

pub struct Pool {
    conn: Connection,
}

impl Pool {
    /// Opens or creates a pool file; a shop database or another program's file is refused untouched.
    pub fn open(path: &Path) -> Result<Pool> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            source: Arc::new(e),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_err(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        }
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        super::keep_cached_plans(&conn)?;
        let foreign = || StoreError::Foreign {
            path: PathBuf::from(path),
        };
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|_| foreign())?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| {
            r.get(0)
        })?;
        if app_id != POOL_APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(foreign());
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        if tables == 0 {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(SCHEMA)?;
            tx.pragma_update(None, "application_id", POOL_APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", 1)?;
            tx.commit()?;
        }
        for (target, sql) in MIGRATIONS {
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version < target {
                // Read again inside the write lock: another process may have migrated in between.
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                if now < target {
                    tx.execute_batch(sql)?;
                    tx.pragma_update(None, "user_version", target)?;
                }
                tx.commit()?;
            }
        }
        Ok(Pool { conn })
    }

    /// Runs `f` in one write transaction (committed if it succeeds): many ledgers cost one commit, not one each.
    pub fn batch<T>(&mut self, f: impl FnOnce(&mut Pool) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// The MANIFEST seal and file stamp `source` was last verified and pooled with, if it was.
    pub fn seen_as(&self, source: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT seal, stamp FROM seen WHERE source = ?1")?
            .query_row([source], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Records that `source`, sealed and stamped so, verified and is pooled.
    pub fn remember(&mut self, source: &str, seal: &str, stamp: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO seen(source, seal, stamp) VALUES (?1, ?2, ?3)
                 ON CONFLICT(source) DO UPDATE SET seal = excluded.seal, stamp = excluded.stamp",
            )?
            .execute(params![source, seal, stamp])?;
        Ok(())
    }

    /// Imports one verified ledger, once: the same facts again are skipped, different facts for a shop-day
    /// already pooled are recorded as a conflict and not merged. A shop-day already pooled under another digest
    /// is the same facts when `same_facts` says so of that digest (the same day written in another version of
    /// the format that holds the same facts).
    /// Inside a [`Pool::batch`] it is a savepoint of it; alone, its own transaction.
    pub fn import(
        &mut self,
        ledger: &Ledger,
        digest: &str,
        same_facts: &dyn Fn(&str) -> bool,
        source: &str,
        at: &str,
    ) -> Result<Imported> {
        if self.conn.is_autocommit() {
            return self.batch(|pool| pool.import(ledger, digest, same_facts, source, at));
        }
        let tx = self.conn.savepoint()?;
        let existing: Option<String> = tx
            .query_row(
                "SELECT digest FROM ledgers WHERE shop_id = ?1 AND day = ?2",
                params![ledger.shop_id, ledger.day.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let outcome = match existing {
            Some(d) if d == digest || same_facts(&d) => Imported::AlreadyImported,
            Some(d) => {
                tx.execute(
                    "INSERT INTO conflicts(shop_id, day, digest, source, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT DO NOTHING",
                    params![ledger.shop_id, ledger.day.to_string(), digest, source, at],
                )?;
                Imported::Conflict { existing_digest: d }
            }
            None => {
                tx.execute(
                    "INSERT INTO ledgers(shop_id, shop_name, day, digest, journal_head, source, imported_at, sales,
                       returns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        ledger.shop_id,
                        ledger.shop_name,
                        ledger.day.to_string(),
                        digest,
                        ledger.journal_head,
                        source,
                        at,
                        ledger.summary.sales_total.tyiyn()?,
                        ledger.summary.returns_total.tyiyn()?
                    ],
                )?;
                let id = tx.last_insert_rowid();
                let day = ledger.day.to_string();
                let month = ledger.day.format("%Y-%m").to_string();
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO pool_lines(ledger_id, shop_id, day, month, category, artisan, technique, region,
                       qty_milli, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?;
                for l in &ledger.lines {
                    let sign = if l.kind == "return" { -1 } else { 1 };
                    stmt.execute(params![
                        id,
                        ledger.shop_id,
                        day,
                        month,
                        l.category,
                        l.artisan,
                        l.technique,
                        l.region,
                        sign * to_milli(l.qty)?,
                        sign * l.amount.tyiyn()?
                    ])?;
                }
                drop(stmt);
                Imported::New {
                    lines: ledger.lines.len(),
                }
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Sales, returns and net per `by` (shop, artisan, category, month, technique or region) over days `from..=to`.
    /// Lines without a technique or region (and every line of a ledger older than `usta-ledger/3`) group under
    /// the empty key.
    pub fn report(&self, by: &str, from: Option<&str>, to: Option<&str>) -> Result<Vec<PoolRow>> {
        let column = match by {
            "shop" => "shop_id",
            "artisan" => "artisan",
            "category" => "category",
            "month" => "month",
            "technique" => "technique",
            "region" => "region",
            other => return Err(StoreError::Conflict(format!("cannot group by '{other}'"))),
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {column}, sum(max(amount, 0)), -sum(min(amount, 0)), sum(amount), sum(qty_milli) / 1000
             FROM pool_lines WHERE day >= ?1 AND day <= ?2 GROUP BY {column} ORDER BY {column}"
        ))?;
        let rows = stmt.query_map(params![from.unwrap_or("0000-00-00"), to.unwrap_or("9999-99-99")], |r| {
            Ok(PoolRow {
                key: r.get(0)?,
                sales: Som::from_tyiyn(r.get(1)?),
                returns: Som::from_tyiyn(r.get(2)?),
                net: Som::from_tyiyn(r.get(3)?),
                items: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (ledgers pooled, conflicts recorded).
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok((
            self.conn.query_row("SELECT count(*) FROM ledgers", [], |r| r.get(0))?,
            self.conn
                .query_row("SELECT count(*) FROM conflicts", [], |r| r.get(0))?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool as the program made it before lines had a technique and a region (schema version 2), with one
    /// pooled sale line.
    fn version_2_pool(path: &Path) {
        let conn = Connection::open(path).expect("open");
        conn.execute_batch(SCHEMA).expect("schema");
        conn.execute_batch(SEEN).expect("seen");
        conn.pragma_update(None, "application_id", POOL_APPLICATION_ID)
            .expect("id");
        conn.pragma_update(None, "user_version", 2).expect("version");
        conn.execute_batch(
            "INSERT INTO ledgers VALUES (1, 'S-R1', 'Shop', '2026-11-28', 'd', 'h', 'src', 'now', 250000, 0);
             INSERT INTO pool_lines VALUES (1, 'S-R1', '2026-11-28', '2026-11', 'hats', 'A02', 2000, 250000);",
        )
        .expect("rows");
    }

    #[test]
    fn an_older_pool_gets_technique_and_region_empty_on_its_lines() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("pool.db");
        version_2_pool(&path);
        let pool = Pool::open(&path).expect("migrated");
        let version: i64 = pool
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 3);
        for by in ["technique", "region"] {
            let rows = pool.report(by, None, None).expect("report");
            assert_eq!(
                rows,
                vec![PoolRow {
                    key: String::new(),
                    sales: Som::whole(2500),
                    returns: Som::ZERO,
                    net: Som::whole(2500),
                    items: 2,
                }],
                "{by}"
            );
        }
        drop(pool);
        // Opening it again changes nothing.
        assert_eq!(
            Pool::open(&path)
                .expect("again")
                .report("region", None, None)
                .expect("rows")
                .len(),
            1
        );
    }
}
