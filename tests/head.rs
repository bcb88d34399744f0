//! The numbering high-water mark outside the database (`shop.db.head`): a restored older backup, a database copied
//! back by hand or one whose tail was deleted never issues a receipt or fiscal document number again, and
//! `usta verify` names a journal that lost entries the head file saw committed. All on real files with the real
//! binary.

mod support;

use rust_decimal::Decimal;
use std::path::Path;
use support::{Shop, at, json, stderr, stdout};
use usta::app::{Ctx, checkout};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::store::head::RESERVE;

const HAT: &str = "2100000000098"; // 2 500 som

fn head_of(shop: &Shop) -> std::path::PathBuf {
    shop.dir.path().join("shop.db.head")
}

/// Sells one hat with the real binary; its receipt number and fiscal document number.
fn sell(shop: &Shop) -> (i64, i64) {
    let sale = json(&shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]));
    let receipt = sale["receipt_no"].as_i64().expect("receipt number");
    (receipt, fd_of(&shop.db, receipt))
}

fn fd_of(db: &Path, receipt: i64) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("raw");
    conn.query_row(
        "SELECT f.fd_number FROM fiscal_documents f JOIN sales s ON s.id = f.sale_id
         WHERE s.receipt_no = ?1 AND f.status = 'registered'",
        [receipt],
        |r| r.get(0),
    )
    .expect("a registered fiscal document")
}

fn backup(shop: &Shop, name: &str) -> std::path::PathBuf {
    let path = shop.dir.path().join(name);
    let out = shop.usta(&["backup", path.to_str().expect("path")]);
    assert!(out.status.success(), "backup: {}", stderr(&out));
    path
}

fn restore(shop: &Shop, file: &Path) -> std::process::Output {
    shop.usta(&["restore", file.to_str().expect("path")])
}

fn records(shop: &Shop) -> Vec<serde_json::Value> {
    std::fs::read_to_string(head_of(shop))
        .expect("head file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a head record"))
        .collect()
}

fn verify_ok(shop: &Shop) -> serde_json::Value {
    let out = shop.usta(&["--json", "verify"]);
    assert!(out.status.success(), "verify: {}\n{}", stderr(&out), stdout(&out));
    serde_json::from_slice(&out.stdout).expect("verify JSON")
}

/// Appends the record a process killed between its intent and its commit leaves: the next receipt and fiscal
/// document may have been issued, the commit never happened.
fn leave_an_intent(shop: &Shop) -> (i64, i64) {
    let mut last = records(shop)
        .into_iter()
        .rev()
        .find(|r| r["k"] == "c")
        .expect("a commit record");
    let receipt = last["rc"]["R1"].as_i64().expect("R1") + 1;
    let fd = last["fd"].as_i64().expect("fd") + 1;
    last["k"] = "i".into();
    last["seq"] = (last["seq"].as_i64().expect("seq") + 1).into();
    last["hash"] = "f".repeat(64).into();
    last["rc"]["R1"] = receipt.into();
    last["fd"] = fd.into();
    let mut text = std::fs::read_to_string(head_of(shop)).expect("head");
    text.push_str(&format!("{last}\n"));
    std::fs::write(head_of(shop), text).expect("append the intent");
    (receipt, fd)
}

#[test]
fn restoring_an_older_backup_carries_receipt_and_fiscal_numbering_forward() {
    let shop = Shop::demo();
    let old = backup(&shop, "before.db");
    assert_eq!(sell(&shop), (1, 1));
    assert_eq!(sell(&shop), (2, 2));

    let out = restore(&shop, &old);
    assert!(out.status.success(), "restore: {}", stderr(&out));
    assert!(
        stdout(&out).contains("receipt numbering carried forward from 0 to 2"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        sell(&shop),
        (3, 3),
        "receipt 1 and 2, ФД 1 and 2 went out on paper already"
    );

    // The carry is on record in the restored database's journal, and verify agrees with the head file.
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let payload: String = conn
        .query_row("SELECT payload FROM journal WHERE kind = 'restore'", [], |r| r.get(0))
        .expect("a restore entry");
    let payload: serde_json::Value = serde_json::from_str(&payload).expect("json");
    assert_eq!(payload["receipts"]["R1"]["carried_to"], 2, "{payload}");
    assert_eq!(payload["fiscal_document"]["carried_to"], 2, "{payload}");
    let ok = verify_ok(&shop);
    assert_eq!(ok["head_file"]["error"], serde_json::Value::Null, "{ok}");
}

#[test]
fn a_database_copied_back_by_hand_still_never_issues_a_number_twice() {
    let shop = Shop::demo();
    let old = backup(&shop, "before.db");
    assert_eq!(sell(&shop), (1, 1));
    assert_eq!(sell(&shop), (2, 2));
    // Not `usta restore`: the old file copied over the database.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", shop.db.display()));
    }
    std::fs::copy(&old, &shop.db).expect("copy back");
    let out = shop.usta(&["verify"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("records entry") && stderr(&out).contains("shop.db.head"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sell(&shop), (3, 3));
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let carries: i64 = conn
        .query_row("SELECT count(*) FROM journal WHERE kind = 'carry'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(carries, 1, "the jump is journaled with the sale");
}

#[test]
fn verify_names_a_deleted_tail_of_sales_and_journal() {
    let shop = Shop::demo();
    for _ in 0..3 {
        sell(&shop);
    }
    let last_seq = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .expect("raw")
            .query_row("SELECT max(seq) FROM journal", [], |r| r.get(0))
            .expect("seq")
    };
    let committed = last_seq(&shop.db);
    verify_ok(&shop);
    // What someone with the file does to make the last two sales disappear.
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%no_delete%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("triggers");
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {t}")).expect("drop");
    }
    let keep: i64 = conn
        .query_row(
            "SELECT seq FROM journal WHERE kind = 'sale' AND ref = 'R1-1'",
            [],
            |r| r.get(0),
        )
        .expect("first sale's entry");
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE gone AS SELECT id FROM sales WHERE receipt_no > 1;
         DELETE FROM fiscal_documents WHERE sale_id IN gone;
         DELETE FROM print_jobs WHERE sale_id IN gone;
         DELETE FROM stock_movements WHERE sale_id IN gone;
         DELETE FROM payments WHERE sale_id IN gone;
         DELETE FROM sale_taxes WHERE sale_id IN gone;
         DELETE FROM sale_lines WHERE sale_id IN gone;
         DELETE FROM sales WHERE id IN gone;
         DROP TRIGGER IF EXISTS registers_no_rewind;
         UPDATE registers SET last_receipt_no = 1;
         DELETE FROM journal WHERE seq > {keep};"
    ))
    .expect("delete the tail");
    drop(conn);

    let out = shop.usta(&["verify"]);
    assert!(!out.status.success(), "verify must fail: {}", stdout(&out));
    let expected = format!("the journal ends at entry {keep} but");
    let err = stderr(&out);
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains(&format!("records entry {committed} committed at")),
        "{err}"
    );
    assert!(err.contains("shop.db.head"), "{err}");
    // And the till does not hand out receipts 2 and 3 again.
    assert_eq!(sell(&shop).0, 4);
}

#[test]
fn the_head_file_of_another_shop_is_reported_by_verify_and_refused_by_restore() {
    let ours = Shop::demo();
    sell(&ours);
    let old = backup(&ours, "ours.db");
    // Another shop, created at another moment, with its own head file.
    let theirs = Shop::empty();
    assert!(theirs.usta(&["demo"]).status.success());
    assert!(theirs.usta(&["sell", HAT, "--pay", "cash:2500"]).status.success());
    std::fs::copy(head_of(&theirs), head_of(&ours)).expect("their head file beside our database");

    let out = ours.usta(&["verify"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("belongs to another database"), "{}", stderr(&out));

    let before = std::fs::read(&ours.db).expect("db bytes");
    let out = restore(&ours, &old);
    assert!(!out.status.success(), "restore must refuse: {}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("records the numbering of another database") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&ours.db).expect("db bytes"),
        before,
        "the database is untouched"
    );
}

#[test]
fn a_kill_between_intent_and_commit_raises_no_alarm_and_restore_carries_past_it() {
    // On the live database: the intent was never committed, verify passes, numbering stays gapless.
    let shop = Shop::demo();
    assert_eq!(sell(&shop), (1, 1));
    assert_eq!(leave_an_intent(&shop), (2, 2));
    verify_ok(&shop);
    assert_eq!(sell(&shop), (2, 2));
    verify_ok(&shop);

    // After a restore, numbering goes past the number that may have gone out.
    let shop = Shop::demo();
    let old = backup(&shop, "before.db");
    assert_eq!(sell(&shop), (1, 1));
    assert_eq!(leave_an_intent(&shop), (2, 2));
    let out = restore(&shop, &old);
    assert!(out.status.success(), "restore: {}", stderr(&out));
    assert_eq!(sell(&shop), (3, 3));
    verify_ok(&shop);
}

#[test]
fn a_missing_head_file_is_a_warning_and_the_next_write_starts_one() {
    let shop = Shop::demo();
    sell(&shop);
    std::fs::remove_file(head_of(&shop)).expect("remove the head file (as an upgrade finds it)");
    let out = shop.usta(&["verify"]);
    assert!(out.status.success(), "a warning, not a failure: {}", stderr(&out));
    assert!(
        stderr(&out).contains("warning:") && stderr(&out).contains("shop.db.head is missing"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sell(&shop), (2, 2));
    assert!(head_of(&shop).is_file(), "the sale started a new head file");
    let ok = verify_ok(&shop);
    assert!(
        ok["head_file"]["warnings"].as_array().is_some_and(|w| w.is_empty()),
        "{ok}"
    );
}

/// Every writer is covered, because there is one: each command that extends the journal leaves a commit record
/// naming exactly the journal head it committed.
#[test]
fn every_command_that_journals_leaves_the_head_file_at_the_journal_head() {
    let shop = Shop::demo();
    let commands: &[&[&str]] = &[
        &["sell", HAT, "--pay", "cash:3000"],
        &["return", "1", "--refund", "cash"],
        &["stock", "receive", HAT, "5"],
        &["day", "close", "--count", "KGS:500"],
        &["backup"],
    ];
    for args in commands {
        let out = shop.usta(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let conn = rusqlite::Connection::open(&shop.db).expect("raw");
        let (seq, hash): (i64, String) = conn
            .query_row("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("journal head");
        let last = records(&shop)
            .into_iter()
            .rev()
            .find(|r| r["k"] != "i")
            .expect("a commit record");
        assert_eq!(
            (last["seq"].as_i64(), last["hash"].as_str()),
            (Some(seq), Some(hash.as_str())),
            "{args:?}"
        );
        verify_ok(&shop);
    }
}

/// The class of writers, from the source: the shop database is written only in transactions `Store::write`
/// opens, and that function records the head file around its commit. A new transaction opened anywhere else in
/// `src/store` (the pool database and migrations aside) fails this test.
/// Whether the opener at `sync.rs:N` is inside `apply_chain`.
fn openers_in_apply_chain(sync: &str, opener: &str) -> bool {
    let line: usize = opener.trim_start_matches("sync.rs:").parse().unwrap_or(0);
    let start = sync
        .lines()
        .position(|l| l.contains("pub fn apply_chain("))
        .unwrap_or(usize::MAX);
    let end = sync
        .lines()
        .position(|l| l.contains("pub fn master_rows("))
        .unwrap_or(0);
    line > start && line < end
}

#[test]
fn every_write_transaction_goes_through_the_head_hooks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    // The store's files and those of its submodules (`catalog/heads.rs` beside `catalog.rs`).
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("src/store")
        .map(|e| e.expect("entry").path())
        .flat_map(|p| match std::fs::read_dir(&p) {
            Ok(sub) => sub.map(|e| e.expect("entry").path()).collect(),
            Err(_) => vec![p],
        })
        .collect();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store.rs"));
    let mut openers = Vec::new();
    for file in files {
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        if ["pool.rs", "schema.rs"].contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source");
        for (n, line) in text.lines().enumerate() {
            if line.contains("transaction_with_behavior(") || line.contains(".transaction()") {
                openers.push(format!("{name}:{}", n + 1));
            }
        }
    }
    // A register's replica at a back office (src/store/sync.rs, `apply_chain`) is written with the till's entries
    // verbatim, so it cannot take `Store::write`'s own entries; it calls the same head hooks itself.
    let sync = std::fs::read_to_string(dir.join("sync.rs")).expect("sync.rs");
    assert!(sync.contains("self.head.intent(&tx)?") && sync.contains("self.head.committed(issued)"));
    openers.retain(|o| !(o.starts_with("sync.rs:") && openers_in_apply_chain(&sync, o)));
    // Store::write, and the lock a clean close takes to release a reservation (it writes nothing, rolls back).
    assert_eq!(openers.len(), 2, "two places open transactions: {openers:?}");
    let store = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store.rs")).expect("store");
    let release = store
        .split("fn release_reservation(")
        .nth(1)
        .and_then(|rest| rest.split("\n    }\n").next())
        .expect("Store::release_reservation");
    assert!(
        release.contains("transaction_with_behavior(")
            && release.contains(".rollback()")
            && !release.contains("commit"),
        "{release}"
    );
    let write = store
        .split("pub(crate) fn write<")
        .nth(1)
        .and_then(|rest| rest.split("\n    }\n").next())
        .expect("Store::write");
    assert!(write.contains("transaction_with_behavior("), "{write}");
    let intent = write.find("self.head.intent(").expect("the intent before the commit");
    let commit = write.find("tx.commit()").expect("the commit");
    let committed = write.find("self.head.committed(").expect("the commit record after it");
    assert!(intent < commit && commit < committed, "{write}");
}

/// Sells `n` hats in this process on `store`, as a till does between opening and closing.
fn sell_in_process(store: &mut usta::store::Store, n: u32) {
    for i in 0..n {
        let mut ctx = Ctx::new(store, at(11, i), Lang::Ky);
        let tenders = [Tender::som(PaymentKind::Cash, Som::whole(2500))];
        checkout::sell(&mut ctx, &[(HAT.to_string(), Decimal::ONE)], &tenders).expect("sale");
    }
}

fn kinds(shop: &Shop, kind: &str) -> usize {
    records(shop).iter().filter(|r| r["k"] == kind).count()
}

/// A till's checkouts share one fsync'd intent per block of numbers: ten sales write one intent, one commit
/// record each, and a release when the till closes cleanly, which gives back the numbers it did not use, so a
/// restore goes on right after the last receipt that went out.
#[test]
fn a_block_of_checkouts_shares_one_intent_and_a_clean_close_releases_the_rest() {
    let shop = Shop::demo();
    let old = backup(&shop, "before.db");
    let before = (kinds(&shop, "i"), kinds(&shop, "c"));
    {
        let mut store = shop.open();
        sell_in_process(&mut store, 10);
    }
    assert_eq!(kinds(&shop, "i") - before.0, 1, "one intent for ten sales");
    assert_eq!(kinds(&shop, "c") - before.1, 10, "a commit record per sale");
    let intent = records(&shop)
        .into_iter()
        .rev()
        .find(|r| r["k"] == "i")
        .expect("intent");
    assert_eq!(intent["rc"]["R1"], RESERVE, "the intent reserves a block: {intent}");
    let last = records(&shop).pop().expect("a record");
    assert_eq!(
        (last["k"].as_str(), last["rc"]["R1"].as_i64()),
        (Some("x"), Some(10)),
        "{last}"
    );
    verify_ok(&shop);

    let out = restore(&shop, &old);
    assert!(out.status.success(), "restore: {}", stderr(&out));
    assert_eq!(sell(&shop), (11, 11), "receipts 1–10 went out, nothing past them");
    verify_ok(&shop);
}

/// A till killed while it holds a reservation leaves the whole block issued: the live till goes on gapless, and
/// a restore of an older backup carries past every number of the block, so none that may have gone out on paper
/// is issued again.
#[test]
fn a_killed_till_leaves_its_reservation_and_a_restore_carries_past_all_of_it() {
    let shop = Shop::demo();
    let old = backup(&shop, "before.db");
    let mut store = shop.open();
    sell_in_process(&mut store, 3);
    // What a kill leaves: the store is never closed, so nothing is released.
    std::mem::forget(store);
    assert_eq!(records(&shop).pop().expect("a record")["k"], "c");
    verify_ok(&shop);

    let out = restore(&shop, &old);
    assert!(out.status.success(), "restore: {}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("receipt numbering carried forward from 0 to {RESERVE}")),
        "{}",
        stdout(&out)
    );
    assert_eq!(sell(&shop), (RESERVE + 1, RESERVE + 1));
    verify_ok(&shop);

    // Live, without a restore: the next till process goes on at the next number.
    let shop = Shop::demo();
    let mut store = shop.open();
    sell_in_process(&mut store, 3);
    std::mem::forget(store);
    assert_eq!(sell(&shop), (4, 4));
    verify_ok(&shop);
}

/// A return is one transaction like a checkout: the return, its refund and its fiscal registration by the
/// in-process register write one commit record (they were two: the return, then its registration).
#[test]
fn a_return_and_its_fiscal_registration_commit_once() {
    let shop = Shop::demo();
    let mut store = shop.open();
    sell_in_process(&mut store, 1);
    let register = store.register_id().expect("register");
    let receipt = store.last_receipt_no(&register).expect("last receipt");
    let before = kinds(&shop, "c");
    let mut ctx = Ctx::new(&mut store, at(12, 0), Lang::Ky);
    let ret =
        usta::app::returns::return_items(&mut ctx, receipt, &[(HAT.to_string(), Decimal::ONE)], PaymentKind::Cash)
            .expect("return");
    assert_eq!(
        kinds(&shop, "c") - before,
        1,
        "one commit record for the return and its registration"
    );
    let row = ctx
        .store
        .fiscal(ret.id.expect("return id"))
        .expect("fiscal row")
        .expect("registered");
    assert_eq!(row.status, "registered", "the return is registered");
    drop(ctx);
    drop(store);
    verify_ok(&shop);
}
