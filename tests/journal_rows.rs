//! The journal commits to every column of every row of every fact table, and `usta verify` re-derives them all.
//! The cases are generated from the schema: every fact table (`usta::store::facts::fact_tables`, i.e. every table
//! but the few named operational) and every column of it, so a column or table added later is covered without
//! anyone remembering to. A shop that runs every writer is built once; then, on fresh copies of it, each column
//! of a row of each table is edited in turn, each row deleted, and an extra row slipped in, the way someone with
//! the file and the sqlite3 shell would (triggers dropped, checks off), and verify must name what broke.

mod support;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use support::{Shop, at, json, stderr};
use usta::app::{Ctx, inventory};
use usta::domain::catalog::Lang;
use usta::store::Store;
use usta::store::facts::{HISTORY, OPERATIONAL, fact_tables};

const HAT: &str = "2100000000098"; // 2 500 som
const CARPET: &str = "2100000000142"; // 25 000 som

fn ok(shop: &Shop, args: &[&str]) {
    let out = shop.usta(args);
    assert!(out.status.success(), "usta {args:?}: {}", stderr(&out));
}

/// A shop in which every writer has run: sales in cash, card and split, a return, stock received, adjusted and
/// counted, cash in and out, an artisan payout, a tax-free form and its void, users added, changed and
/// deactivated, settings and rates, a catalog import, the fiscal register, a closed day, a backup and its restore.
fn busy_shop() -> Shop {
    let shop = Shop::demo();
    ok(&shop, &["day", "open", "--float", "KGS:5000"]);
    ok(&shop, &["sell", HAT, "--pay", "cash:3000"]);
    ok(
        &shop,
        &["sell", &format!("{HAT}*2"), "--pay", "card:1000", "--pay", "cash:4000"],
    );
    ok(&shop, &["sell", CARPET, "--pay", "card:25000"]);
    ok(
        &shop,
        &["return", "2", HAT, "--refund", "cash", "--reason", "defective"],
    );
    ok(&shop, &["stock", "receive", HAT, "10", "--note", "from A02"]);
    ok(&shop, &["stock", "adjust", HAT, "-1", "--reason", "moth damage"]);
    ok(&shop, &["day", "cash-in", "500", "--reason", "change from the bank"]);
    ok(&shop, &["day", "cash-out", "300", "--reason", "tea"]);
    ok(&shop, &["artisans", "pay", "A01", "100"]);
    ok(
        &shop,
        &[
            "taxfree",
            "issue",
            "3",
            "--name",
            "Hans Müller",
            "--passport",
            "C01X00T47",
            "--country",
            "DE",
            "--birth",
            "1985-03-04",
        ],
    );
    let form: String = raw(&shop.db)
        .query_row("SELECT number FROM taxfree_forms", [], |r| r.get(0))
        .expect("form");
    ok(&shop, &["taxfree", "void", &form, "--reason", "wrong passport"]);
    ok(
        &shop,
        &["users", "add", "Нурлан", "--role", "cashier", "--new-pin", "4321"],
    );
    ok(&shop, &["users", "pin", "Нурлан", "--new-pin", "5555"]);
    ok(&shop, &["users", "deactivate", "Нурлан"]);
    let rates = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nbkr-daily.xml");
    ok(&shop, &["rates", "import", rates]);
    let csv = shop.dir.path().join("new.csv");
    image::RgbImage::from_pixel(40, 30, image::Rgb([120, 80, 40]))
        .save(shop.dir.path().join("horse.png"))
        .expect("photo");
    std::fs::write(
        &csv,
        "barcode,name_ky,name_ru,name_en,category,price,tax_group,opening_stock,technique,sell_online,photos\n\
         ,Жаңы тулпар,Новый тулпар,New horse,toys,900,standard,4,felt,yes,horse.png\n",
    )
    .expect("csv");
    ok(&shop, &["catalog", "import", csv.to_str().expect("path")]);
    ok(&shop, &["printer", "set", "tcp://127.0.0.1:9", "--profile", "epson"]);
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(18, 0), Lang::Ky);
        let hat = usta::app::checkout::lookup(&ctx, HAT)
            .expect("hat")
            .product
            .id
            .expect("id");
        inventory::apply_stocktake(&mut ctx, &[(hat, Decimal::from(7))]).expect("stocktake");
        // Goods sent to another location of a cooperative, and goods received from one.
        let out = usta::domain::stock::adjust(hat, Decimal::from(-2), "transfer").expect("movement");
        let stamp = "2026-11-28T18:05:00+06:00";
        store
            .send_transfer(&out, "back office", "Osh bazaar", stamp)
            .expect("transfer");
        let incoming = usta::store::transfer::Transfer {
            id: "R2-1".into(),
            product_id: hat.0,
            qty: Decimal::ONE,
            from: "Osh bazaar".into(),
            to: "back office".into(),
            sent_at: stamp.into(),
            received_at: None,
            received_by: None,
            also_confirmed_by: Vec::new(),
        };
        store
            .receive_transfer(&incoming, "back office", stamp)
            .expect("receipt");
    }
    ok(&shop, &["day", "close", "--count", "KGS:5000"]);
    // A restore of the newest backup carries the numbering forward (the fiscal counter is written only then).
    let backup = shop.dir.path().join("now.db");
    ok(&shop, &["backup", backup.to_str().expect("path")]);
    ok(&shop, &["restore", backup.to_str().expect("path")]);
    shop
}

fn raw(db: &Path) -> Connection {
    Connection::open(db).expect("raw connection")
}

/// The file as one self-contained copy (WAL folded in), so each tampering starts from the same bytes.
fn snapshot(shop: &Shop) -> Vec<u8> {
    raw(&shop.db)
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    std::fs::read(&shop.db).expect("read db")
}

/// Writes `bytes` as a fresh database, lets `edit` change it as an attacker would, and returns verify's findings.
fn tampered(dir: &Path, bytes: &[u8], edit: impl FnOnce(&Connection)) -> Vec<usta::store::Mismatch> {
    let db = dir.join("copy.db");
    for f in ["copy.db", "copy.db-wal", "copy.db-shm"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    std::fs::write(&db, bytes).expect("copy");
    {
        let conn = raw(&db);
        let triggers: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("triggers");
        for t in triggers {
            conn.execute_batch(&format!("DROP TRIGGER \"{t}\""))
                .expect("drop trigger");
        }
        conn.execute_batch("PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF")
            .expect("checks off");
        edit(&conn);
    }
    Store::open(&db).expect("open tampered").verify_rows().expect("verify")
}

/// The entry that last committed to each (table, key), read from the journal.
fn committed_by(db: &Path) -> BTreeMap<(String, String), i64> {
    let conn = raw(db);
    let mut stmt = conn
        .prepare("SELECT seq, row_digests FROM journal WHERE row_digests <> '' ORDER BY seq")
        .expect("journal");
    let mut out = BTreeMap::new();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .expect("rows");
    for row in rows {
        let (seq, digests) = row.expect("row");
        let digests: BTreeMap<String, BTreeMap<String, Option<String>>> =
            serde_json::from_str(&digests).expect("digests");
        for (table, keys) in digests {
            for key in keys.into_keys() {
                out.insert((table.clone(), key), seq);
            }
        }
    }
    out
}

/// A value of the same storage class that differs from `v` (an attacker keeps the types STRICT tables demand).
fn changed(v: &Value, declared: &str) -> Value {
    match v {
        Value::Integer(i) => Value::Integer(i.wrapping_add(1)),
        Value::Real(f) => Value::Real(f + 1.0),
        Value::Text(s) => Value::Text(format!("{s}x")),
        Value::Blob(b) => Value::Blob([b.as_slice(), b"x"].concat()),
        Value::Null if declared.eq_ignore_ascii_case("INTEGER") => Value::Integer(1),
        Value::Null => Value::Text("x".into()),
    }
}

struct Column {
    name: String,
    declared: String,
}

fn columns(conn: &Connection, table: &str) -> Vec<Column> {
    conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok(Column {
                    name: r.get("name")?,
                    declared: r.get("type")?,
                })
            })?
            .collect()
        })
        .expect("columns")
}

/// Columns of `table` that some UNIQUE index or constraint covers (a copied row must change them too).
fn unique_columns(conn: &Connection, table: &str) -> Vec<String> {
    let indexes: Vec<(String, bool)> = conn
        .prepare(&format!("PRAGMA index_list(\"{table}\")"))
        .and_then(|mut s| s.query_map([], |r| Ok((r.get("name")?, r.get("unique")?)))?.collect())
        .expect("indexes");
    let mut out = Vec::new();
    for (index, unique) in indexes {
        if unique {
            let cols: Vec<String> = conn
                .prepare(&format!("PRAGMA index_info(\"{index}\")"))
                .and_then(|mut s| s.query_map([], |r| r.get("name"))?.collect())
                .expect("index columns");
            out.extend(cols);
        }
    }
    out
}

/// Edits each column of the table's last row, deletes the row and slips in an extra one, each on a fresh copy of
/// `bytes`, and returns how many column edits were made and what verify failed to name.
fn check_table(
    conn: &Connection,
    table: &usta::store::facts::FactTable,
    bytes: &[u8],
    committed: &BTreeMap<(String, String), i64>,
    work: &Path,
) -> (usize, Vec<String>) {
    let mut edits = 0;
    let mut failures = Vec::new();
    let name = &table.name;
    // The row to tamper with: the last by key, so the shop's latest writes are covered.
    let key_sql = table.key_sql("");
    let order = match table.key.as_slice() {
        [] => "rowid".to_string(),
        keys => keys.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "),
    };
    let Some(key) = conn
        .query_row(
            &format!("SELECT {key_sql} FROM \"{name}\" ORDER BY {order} DESC LIMIT 1"),
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()
        .expect("key")
    else {
        failures.push(format!("{name}: no row; make busy_shop() run the writer of this table"));
        return (edits, failures);
    };
    let this_row = format!("WHERE {key_sql} = ?1");
    let Some(&seq) = committed.get(&(name.clone(), key.clone())) else {
        failures.push(format!("{name} row {key}: no journal entry commits to it"));
        return (edits, failures);
    };
    let row_names = format!("{name} row {key}");
    for column in columns(conn, name) {
        let current: Value = conn
            .query_row(
                &format!("SELECT \"{}\" FROM \"{name}\" {this_row}", column.name),
                [&key],
                |r| r.get(0),
            )
            .expect("value");
        let new = changed(&current, &column.declared);
        let found = tampered(work, bytes, |c| {
            c.execute(
                &format!("UPDATE \"{name}\" SET \"{}\" = ?2 {this_row}", column.name),
                params![key, new],
            )
            .expect("edit");
        });
        edits += 1;
        let key_column = table.key.contains(&column.name);
        let named = found.iter().any(|m| {
            if key_column {
                // The row is gone under its key: named as missing by the entry that wrote it.
                m.seq == seq && m.what.contains(&row_names) && m.what.contains("missing")
            } else {
                m.seq == seq && m.what.contains(&row_names)
            }
        });
        if !named {
            failures.push(format!(
                "{name}.{}: edit not named by entry {seq}: {found:?}",
                column.name
            ));
        }
    }
    let found = tampered(work, bytes, |c| {
        c.execute(&format!("DELETE FROM \"{name}\" {this_row}"), [&key])
            .expect("delete");
    });
    if !found
        .iter()
        .any(|m| m.seq == seq && m.what.contains(&row_names) && m.what.contains("missing"))
    {
        failures.push(format!("{name}: deleted row {key} not named: {found:?}"));
    }
    // An extra row: a copy of this one under a new key.
    let found = tampered(work, bytes, |c| {
        let cols = columns(c, name);
        let unique = unique_columns(c, name);
        let list = cols
            .iter()
            .map(|k| format!("\"{}\"", k.name))
            .collect::<Vec<_>>()
            .join(", ");
        let select = cols
            .iter()
            .map(|k| {
                if table.key.contains(&k.name) || unique.contains(&k.name) {
                    if k.declared.eq_ignore_ascii_case("INTEGER") {
                        format!("(SELECT max(\"{0}\") + 1000 FROM \"{name}\")", k.name)
                    } else {
                        format!("\"{}\" || '-extra'", k.name)
                    }
                } else {
                    format!("\"{}\"", k.name)
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        // Tables keyed by rowid alone get a new rowid by themselves.
        c.execute(
            &format!("INSERT INTO \"{name}\"({list}) SELECT {select} FROM \"{name}\" {this_row}"),
            [&key],
        )
        .map_err(|e| format!("{name}: {e}"))
        .expect("extra row");
    });
    if !found
        .iter()
        .any(|m| m.seq == 0 && m.kind == *name && m.what.contains("in no journal entry"))
    {
        failures.push(format!("{name}: an extra row is not named: {found:?}"));
    }
    (edits, failures)
}

#[test]
fn every_column_of_every_fact_table_is_committed_and_verify_names_each_edit() {
    let shop = busy_shop();
    let out = shop.usta(&["--json", "verify"]);
    assert!(out.status.success(), "the busy shop verifies: {}", stderr(&out));
    assert_eq!(json(&out)["ok"], true);

    let bytes = snapshot(&shop);
    let tables = fact_tables(&raw(&shop.db)).expect("fact tables");
    let committed = committed_by(&shop.db);
    // Each table on its own copy of the file, the tables shared out among the cores.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4);
    let (mut edits, mut failures) = (0, Vec::new());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (tables, bytes, committed, db) = (&tables, &bytes, &committed, &shop.db);
                scope.spawn(move || {
                    let work = tempfile::tempdir().expect("work dir");
                    let conn = raw(db);
                    let mut done = (0, Vec::new());
                    for table in tables.iter().skip(w).step_by(workers) {
                        let (n, f) = check_table(&conn, table, bytes, committed, work.path());
                        done.0 += n;
                        done.1.extend(f);
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            let (n, f) = h.join().expect("worker");
            edits += n;
            failures.extend(f);
        }
    });
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {edits} edits:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The class really is the whole schema: the tables the issue names are all in it.
    for t in [
        "sales",
        "sale_lines",
        "sale_taxes",
        "payments",
        "stock_movements",
        "cash_moves",
        "payouts",
        "days",
        "day_closes",
        "taxfree_forms",
        "taxfree_voids",
        "products",
        "barcodes",
        "users",
        "settings",
        "fiscal_documents",
    ] {
        assert!(tables.iter().any(|f| f.name == t), "{t} is a fact table");
    }
    assert!(edits > 100, "{edits} column edits");
}

#[test]
fn every_history_table_refuses_updates_and_deletes_and_every_other_table_is_classified() {
    let shop = busy_shop();
    let conn = raw(&shop.db);
    let tables = fact_tables(&conn).expect("fact tables");
    for history in HISTORY {
        assert!(tables.iter().any(|t| t.name == *history), "{history} is a fact table");
        let first = &columns(&conn, history)[0].name;
        let update = conn.execute(&format!("UPDATE \"{history}\" SET \"{first}\" = \"{first}\""), []);
        assert!(update.is_err(), "{history}: an UPDATE went through");
        let delete = conn.execute(&format!("DELETE FROM \"{history}\""), []);
        assert!(delete.is_err(), "{history}: a DELETE went through");
    }
    // Every table of the file is either a fact table or named operational with its reason.
    let all: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE 'products_fts%'",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    for name in all {
        let operational = OPERATIONAL.iter().find(|(t, _)| *t == name);
        assert!(
            tables.iter().any(|t| t.name == name) || operational.is_some_and(|(_, why)| !why.is_empty()),
            "{name} is neither a fact table nor operational"
        );
    }
}

#[test]
fn usta_verify_names_an_unjournaled_cash_movement_and_a_repriced_product() {
    let shop = Shop::demo();
    ok(&shop, &["sell", HAT, "--pay", "cash:3000"]);
    let conn = raw(&shop.db);
    conn.execute_batch(
        "DROP TRIGGER cash_moves_no_update;
         INSERT INTO cash_moves(day, kind, currency, amount, reason, at)
             SELECT day, 'out', 'KGS', '900', 'x', opened_at FROM days;",
    )
    .expect("unjournaled cash out");
    let out = shop.usta(&["verify"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("cash_moves row"), "{}", stderr(&out));

    let shop = Shop::demo();
    raw(&shop.db)
        .execute("UPDATE products SET price = 100 WHERE id = 1", [])
        .expect("reprice");
    let out = shop.usta(&["verify"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("products row 1 differs"), "{err}");
}

/// A shop written by the release before row digests (schema 6: the demo shop, two sales, a return, a receive
/// and a closed day) upgrades with every row committed by one `restate` entry, keeps verifying, keeps selling,
/// and from then on an edit of any of its old rows is named.
#[test]
fn a_shop_from_before_row_digests_upgrades_and_its_old_rows_are_committed() {
    let shop = Shop::empty();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shop-schema6.sqlite"),
        &shop.db,
    )
    .expect("fixture");
    let out = shop.usta(&["verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (kind, reason): (String, String) = raw(&shop.db)
        .query_row(
            "SELECT kind, payload FROM journal WHERE row_digests <> '' ORDER BY seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("first entry with rows");
    assert_eq!(kind, "restate", "{reason}");
    ok(&shop, &["sell", HAT, "--pay", "cash:3000"]);
    ok(&shop, &["verify"]);
    let conn = raw(&shop.db);
    conn.execute_batch("DROP TRIGGER sale_lines_no_update; UPDATE sale_lines SET vat_pct = '0' WHERE id = 1")
        .expect("edit an old line");
    let out = shop.usta(&["verify"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("restate") && err.contains("sale_lines row 1 differs"),
        "{err}"
    );
}
