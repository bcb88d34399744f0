//! Backups and restore on real files and the real binary, the one-window lock, and what happens when the database
//! at start is damaged or another program's: a clear message and the file left exactly as it was.

mod support;

use std::path::Path;
use support::{Shop, at, count, json, stderr, stdout};
use usta::app::{Ctx, backup, instance};
use usta::domain::catalog::Lang;

fn refused(out: &std::process::Output, message: &str) {
    assert!(!out.status.success(), "should have failed: {}", stdout(out));
    assert!(
        stderr(out).contains(message),
        "expected '{message}' in: {}",
        stderr(out)
    );
}

fn sell_one(shop: &Shop) -> i64 {
    let code: String = rusqlite::Connection::open(&shop.db)
        .expect("raw")
        .query_row("SELECT code FROM barcodes ORDER BY code LIMIT 1", [], |r| r.get(0))
        .expect("code");
    let sale = json(&shop.usta(&["--json", "sell", &code, "--pay", "cash:200000"]));
    sale["receipt_no"].as_i64().expect("receipt_no")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn backups_go_beside_the_database_keep_the_newest_and_are_remembered() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(18, 0), Lang::Ky);
    assert_eq!(backup::last_backup(&ctx).expect("last"), None);
    let first = backup::backup(&mut ctx, None, 2).expect("backup");
    assert_eq!(first.file.path, shop.dir.path().join("backups/shop-20261128-180000.db"));
    assert_eq!(first.file.products, 66);
    let again = backup::backup(&mut ctx, None, 2).expect("same second");
    assert_eq!(
        again.file.path,
        shop.dir.path().join("backups/shop-20261128-180000~02.db")
    );
    let mut ctx = Ctx::new(&mut store, at(19, 0), Lang::Ky);
    let third = backup::automatic(&mut ctx, 2).expect("day close backup");
    assert_eq!(third.removed, vec![first.file.path.clone()], "the oldest goes, by name");
    assert_eq!(
        files_in(&shop.dir.path().join("backups")),
        ["shop-20261128-180000~02.db", "shop-20261128-190000.db"]
    );
    assert_eq!(third.at, "2026-11-28T19:00:00+06:00");
    let last = backup::last_backup(&ctx).expect("last").expect("recorded");
    assert_eq!(
        (last.at.as_str(), last.path),
        ("2026-11-28T19:00:00+06:00", third.file.path.clone())
    );
    // A backup is a whole, self-contained Usta database: no WAL beside it, and it passes the restore checks.
    assert!(!Path::new(&format!("{}-wal", third.file.path.display())).exists());
    assert_eq!(usta::store::inspect(&third.file.path).expect("checks").products, 66);
    let exists = backup::backup(&mut ctx, Some(&third.file.path), 2).expect_err("never overwrites");
    assert!(exists.to_string().contains("already exists"), "{exists}");
}

#[test]
fn backup_and_restore_through_the_binary_never_lose_data() {
    let shop = Shop::demo();
    assert_eq!(sell_one(&shop), 1);
    let copy = shop.dir.path().join("copy.db");
    let made = json(&shop.usta(&["--json", "backup", copy.to_str().expect("path")]));
    assert_eq!(made["file"]["sales"], 1);
    let default = json(&shop.usta(&["--json", "backup"]));
    assert!(
        default["file"]["path"]
            .as_str()
            .expect("path")
            .contains("/backups/shop-")
    );
    assert_eq!(sell_one(&shop), 2);

    let restored = json(&shop.usta(&["--json", "restore", copy.to_str().expect("path")]));
    assert_eq!(restored["restored"]["sales"], 1);
    assert_eq!(count(&shop.db, "sales"), 1, "the database is the backup now");
    let previous = restored["previous"].as_str().expect("the old database is kept");
    assert!(previous.ends_with(".before-restore"), "{previous}");
    assert_eq!(
        count(Path::new(previous), "sales"),
        2,
        "the replaced database still has both sales"
    );
    assert_eq!(
        sell_one(&shop),
        3,
        "receipt 2 went out before the restore: numbering carries on past it (shop.db.head)"
    );
    assert!(copy.exists(), "the backup itself is untouched");
    assert!(
        !files_in(shop.dir.path()).iter().any(|n| n.contains(".restoring")),
        "no staging copy left"
    );
}

#[test]
fn restore_refuses_foreign_damaged_and_missing_files_and_changes_nothing() {
    let shop = Shop::demo();
    sell_one(&shop);
    let mut before = files_in(shop.dir.path());
    before.retain(|n| !n.ends_with("-wal") && !n.ends_with("-shm"));
    let text = shop.dir.path().join("notes.db");
    std::fs::write(&text, "not a database").expect("write");
    refused(
        &shop.usta(&["restore", text.to_str().expect("path")]),
        "is not an Usta database",
    );
    let other = shop.dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);"))
        .expect("foreign db");
    refused(
        &shop.usta(&["restore", other.to_str().expect("path")]),
        "is not an Usta database",
    );
    // A real backup with its pages torn in the middle.
    let torn = shop.dir.path().join("torn.db");
    json(&shop.usta(&["--json", "backup", torn.to_str().expect("path")]));
    let mut bytes = std::fs::read(&torn).expect("read");
    let page = 4096;
    for b in &mut bytes[page * 2..page * 6] {
        *b = 0x5a;
    }
    std::fs::write(&torn, &bytes).expect("tear");
    let out = shop.usta(&["restore", torn.to_str().expect("path")]);
    refused(&out, "nothing was changed");
    assert!(
        stderr(&out).contains("integrity") || stderr(&out).contains("damaged"),
        "{}",
        stderr(&out)
    );
    refused(&shop.usta(&["restore", "/nonexistent/backup.db"]), "no such file");
    let mut after = files_in(shop.dir.path());
    // SQLite's -wal/-shm companions come and go with connections; they are not files restore set aside.
    after.retain(|n| {
        !["notes.db", "other.db", "torn.db", "shop.db.lock"].contains(&n.as_str())
            && !n.ends_with("-wal")
            && !n.ends_with("-shm")
    });
    assert_eq!(after, before, "no file set aside, no staging copy left");
    assert_eq!(count(&shop.db, "sales"), 1, "the shop's database is as it was");
    assert_eq!(
        std::fs::read(&torn).expect("read"),
        bytes,
        "the refused file is not touched either"
    );
}

#[test]
fn a_second_window_on_the_same_database_is_refused() {
    let shop = Shop::empty();
    let held = instance::acquire(&shop.db).expect("the first window's lock");
    let out = shop.usta(&[]);
    refused(&out, &format!("Usta is already open on {}", shop.db.display()));
    assert!(
        !shop.db.exists(),
        "the refused window did not create or touch the database"
    );
    // Nor does a command on the missing file create it: only the window's first start, demo and restore do.
    refused(&shop.usta(&["status"]), "no shop database at");
    assert!(!shop.db.exists(), "status created the database");
    drop(shop.open());
    // The CLI keeps working beside the window; restore does not, it would swap the file under the window.
    let status = json(&shop.usta(&["--json", "status"]));
    assert_eq!(status["products"], 0);
    let copy = shop.dir.path().join("copy.db");
    json(&shop.usta(&["--json", "backup", copy.to_str().expect("path")]));
    refused(
        &shop.usta(&["restore", copy.to_str().expect("path")]),
        "Usta is already open on",
    );
    drop(held);
    // Another test thread may be spawning a process at this moment: between fork and exec the child briefly
    // shares the lock file's descriptor (flock follows it), so allow a moment before judging.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let err = loop {
        let attempt = instance::acquire(&shop.db).map(|_| ()).map_err(|e| e.to_string());
        if attempt.is_ok() || std::time::Instant::now() > deadline {
            break attempt;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(err, Ok(()), "free once the first window is gone");
}

/// A damaged Usta file: page 1's schema b-tree overwritten (the file header itself is intact).
fn damage(db: &Path) {
    let mut bytes = std::fs::read(db).expect("read");
    for b in &mut bytes[100..4096] {
        *b = 0xa5;
    }
    std::fs::write(db, bytes).expect("write");
}

#[test]
fn a_damaged_or_foreign_database_at_start_is_refused_by_the_window_and_the_cli() {
    for (what, make) in [
        (
            "foreign",
            (|db: &Path| std::fs::write(db, "SQLite format 3\0 but not really").expect("write")) as fn(&Path),
        ),
        ("another program's", |db: &Path| {
            rusqlite::Connection::open(db)
                .and_then(|c| c.execute_batch("CREATE TABLE accounts(id); INSERT INTO accounts VALUES (7);"))
                .expect("foreign db")
        }),
        ("damaged", |db: &Path| {
            drop(usta::store::Store::open(db).expect("create"));
            damage(db)
        }),
    ] {
        let shop = Shop::empty();
        make(&shop.db);
        let before = std::fs::read(&shop.db).expect("read");
        let gui = usta::ui::services::Services::open(&shop.db)
            .map(|_| ())
            .expect_err(what)
            .to_string();
        assert!(
            gui.contains("nothing was changed") && gui.contains(&shop.db.display().to_string()),
            "{what}: {gui}"
        );
        for args in [&[][..], &["status"][..]] {
            let out = shop.usta(args);
            refused(&out, "nothing was changed");
        }
        assert_eq!(
            std::fs::read(&shop.db).expect("read"),
            before,
            "{what}: the file is untouched"
        );
    }
}

#[test]
fn backup_and_restore_explain_themselves() {
    let shop = Shop::empty();
    let out = shop.usta(&["backup", "--help"]);
    assert!(
        stdout(&out).contains("--keep") && stdout(&out).contains("backups"),
        "{}",
        stdout(&out)
    );
    let out = shop.usta(&["restore", "--help"]);
    assert!(stdout(&out).contains("before-restore"), "{}", stdout(&out));
    refused(&shop.usta(&["backup", "--keep", "0"]), "1 or more");
    assert!(!shop.db.exists(), "help and a refused argument create no database");
}

#[test]
fn closing_the_day_makes_a_backup() {
    let shop = support::Shop::demo();
    let sale = shop.usta(&["--json", "sell", "2100000000098", "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", support::stderr(&sale));
    let closed = support::json(&shop.usta(&["--json", "day", "close", "--count", "KGS:2500"]));
    let path = closed["backup"].as_str().expect("a backup path");
    assert!(std::path::Path::new(path).exists(), "{path}");
    assert!(
        path.contains("backups"),
        "it goes to the backups folder beside the database: {path}"
    );
    // The copy holds the day's sale and passes the restore checks.
    let raw = rusqlite::Connection::open(path).expect("open backup");
    let sales: i64 = raw
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))
        .expect("count");
    assert_eq!(sales, 1);
    let ok: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(ok, "ok");
}
