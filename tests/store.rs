//! The store on a real SQLite file: atomic checkout, gapless receipt numbers, the stock ledger, search, import
//! atomicity, append-only books, foreign files and a second process.

mod support;

use rust_decimal::Decimal;
use std::time::Duration;
use support::{Shop, at, count};
use usta::app::{AppError, Ctx, catalog, checkout, returns};
use usta::domain::catalog::{Lang, ProductId};
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::returns::{ReturnRequest, plan};
use usta::domain::{Som, stock};
use usta::store::{Store, StoreError};

fn cash(som: i64) -> Vec<Tender> {
    vec![Tender::som(PaymentKind::Cash, Som::whole(som))]
}

fn first_code(store: &Store, text: &str) -> String {
    let found = store.search(text, 1).expect("search");
    found[0].product.barcodes[0].to_string()
}

#[test]
fn receipt_numbers_are_gapless_even_when_sales_fail() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let code = first_code(&store, "kalpak");
    let mut numbers = Vec::new();
    for i in 0..30 {
        let mut ctx = Ctx::new(&mut store, at(11, i), Lang::Ky);
        // Every third attempt is refused: not enough money, or an unknown code.
        let attempt = match i % 3 {
            0 => checkout::sell(&mut ctx, &[(code.clone(), Decimal::ONE)], &cash(10)),
            1 => checkout::sell(&mut ctx, &[("2999999999999".into(), Decimal::ONE)], &cash(5000)),
            _ => checkout::sell(&mut ctx, &[(code.clone(), Decimal::ONE)], &cash(5000)),
        };
        match attempt {
            Ok(sale) => numbers.push(sale.receipt_no.expect("numbered")),
            Err(AppError::Sale(_)) | Err(AppError::UnknownBarcode(_)) => {}
            Err(other) => panic!("unexpected error {other}"),
        }
    }
    assert_eq!(numbers, (1..=10).collect::<Vec<i64>>());
    assert_eq!(count(&shop.db, "sales"), 10);
    assert_eq!(store.last_receipt_no("R1").expect("last"), 10);
}

#[test]
fn a_failing_commit_writes_nothing_and_takes_no_number() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let code = first_code(&store, "kalpak");
    let mut ctx = Ctx::new(&mut store, at(12, 0), Lang::Ky);
    let good = checkout::sell(&mut ctx, &[(code.clone(), Decimal::ONE)], &cash(2500)).expect("sale");
    assert_eq!(good.receipt_no, Some(1));
    let (sales, lines, payments, moves) = (
        count(&shop.db, "sales"),
        count(&shop.db, "sale_lines"),
        count(&shop.db, "payments"),
        count(&shop.db, "stock_movements"),
    );

    // A sale whose second line points at a product that does not exist fails inside the transaction, after the
    // receipt number, the sale row and the first line were written.
    let mut broken = good.clone();
    broken.id = None;
    broken.receipt_no = None;
    let mut ghost = broken.lines[0].clone();
    ghost.line_no = 2;
    ghost.product_id = ProductId(9_999_999);
    broken.lines.push(ghost);
    let err = store.commit_sale(&mut broken).expect_err("foreign key violation");
    assert!(matches!(err, StoreError::Sqlite(_)), "{err}");

    assert_eq!(count(&shop.db, "sales"), sales);
    assert_eq!(count(&shop.db, "sale_lines"), lines);
    assert_eq!(count(&shop.db, "payments"), payments);
    assert_eq!(count(&shop.db, "stock_movements"), moves);
    let mut ctx = Ctx::new(&mut store, at(12, 5), Lang::Ky);
    let next = checkout::sell(&mut ctx, &[(code, Decimal::ONE)], &cash(2500)).expect("sale");
    assert_eq!(next.receipt_no, Some(2), "the failed commit took no number");
}

#[test]
fn checkout_writes_sale_lines_payments_taxes_and_stock_together() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let hat = store.search("kalpak", 1).expect("search").remove(0);
    let code = hat.product.barcodes[0].to_string();
    let mut ctx = Ctx::new(&mut store, at(13, 0), Lang::Ky);
    let tenders = vec![
        Tender::som(PaymentKind::Card, Som::whole(3000)),
        Tender::som(PaymentKind::Cash, Som::whole(2500)),
    ];
    let sale = checkout::sell(&mut ctx, &[(code.clone(), Decimal::from(2))], &tenders).expect("sale");
    assert_eq!(sale.total, Som::whole(5000));
    assert_eq!(sale.change, Som::whole(500));

    let stored = store.sale_by_receipt("R1", 1).expect("load").expect("exists");
    assert_eq!(stored, sale, "what was committed reads back identically");
    assert_eq!(stored.tax.iter().map(|t| t.gross).sum::<Som>(), Som::whole(5000));
    let after = store.product_by_barcode(&code).expect("lookup").expect("exists");
    assert_eq!(after.on_hand, hat.on_hand - Decimal::from(2));
    for level in store.stock_levels().expect("levels") {
        let moves = store.movements(level.product_id).expect("movements");
        assert_eq!(level.on_hand, moves.iter().map(|m| m.qty).sum::<Decimal>());
    }
}

#[test]
fn returns_are_checked_again_inside_the_transaction() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let code = first_code(&store, "kalpak");
    let mut ctx = Ctx::new(&mut store, at(14, 0), Lang::Ky);
    checkout::sell(&mut ctx, &[(code.clone(), Decimal::from(2))], &cash(5000)).expect("sale");

    // Two tills plan a return of both hats from the same snapshot; only the first may commit.
    let original = store.sale_by_receipt("R1", 1).expect("load").expect("exists");
    let snapshot = store.returnable(&original).expect("returnable");
    let tax = store.tax_config().expect("tax");
    let mut first = plan(
        &original,
        &snapshot,
        &ReturnRequest::Whole,
        PaymentKind::Cash,
        &tax,
        "R1",
        at(14, 5),
    )
    .expect("plan");
    let mut second = first.clone();
    store.commit_sale(&mut first).expect("first return");
    let err = store.commit_sale(&mut second).expect_err("second return refused");
    assert!(err.to_string().contains("already returned 2"), "{err}");

    let mut ctx = Ctx::new(&mut store, at(14, 10), Lang::Ky);
    let err = returns::return_items(&mut ctx, 1, &[(code, Decimal::ONE)], PaymentKind::Cash).expect_err("over-return");
    assert!(err.to_string().contains("cannot return"), "{err}");
    assert_eq!(count(&shop.db, "sales"), 2);
}

#[test]
fn search_is_case_insensitive_for_cyrillic_and_latin_and_by_word_prefix() {
    let shop = Shop::demo();
    let store = shop.open();
    let names = |text: &str| -> Vec<String> {
        store
            .search(text, 50)
            .expect("search")
            .into_iter()
            .map(|r| format!("{:?}", r.product.names))
            .collect()
    };
    let check = |text: &str, expected: &str| {
        let found = names(text);
        assert!(
            found.iter().any(|n| n.contains(expected)),
            "'{text}' should find '{expected}', found {found:?}"
        );
    };
    check("шырдак", "Шырдак 2×3 м");
    check("ШЫРДАК", "Шырдак 2×3 м");
    check("шыр", "Шырдак 2×3 м");
    check("kalpak", "Ак-калпак (Ak-kalpak)");
    check("KALP", "Ak-kalpak felt hat");
    check("ак калп", "Ак-калпак (Ak-kalpak)");
    check("ӨТҮК", "Кийиз өтүк");
    check("үй", "боз үй");
    check("Felt slip", "Felt slippers");
    assert!(names("zzzz").is_empty());
    assert!(names("\"*()-").is_empty(), "FTS syntax in the input is not an error");
    let by_code = store.search("2100000000012", 5).expect("search");
    assert_eq!(by_code[0].product.barcodes[0].as_str(), "2100000000012");
}

#[test]
fn a_bad_row_imports_nothing_and_names_row_and_column() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let before = store.product_count().expect("count");
    let moves = count(&shop.db, "stock_movements");
    let file = "name_ky;name_ru;name_en;category;price;opening_stock\n\
                Жаңы тапочка;Новые тапочки;New slippers;felt_footwear;1 450,50;5\n\
                Жаңы калпак;Новый калпак;New hat;hats;2500;3\n\
                Жаңы шырдак;Новый шырдак;New shyrdak;carpets;много;1\n";
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let err = catalog::import(&mut ctx, "new.csv", file.as_bytes()).expect_err("bad price");
    assert_eq!(
        err.to_string(),
        "new.csv: row 4, column price: 'много' is not an amount (expected e.g. 1450 or 1450,50)"
    );
    assert_eq!(store.product_count().expect("count"), before);

    // A row that fails only in the database (unknown artisan) also rolls back the rows before it.
    let file = "name_en,price,artisan\nGood one,100,A01\nBad one,100,A99\n";
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let err = catalog::import(&mut ctx, "artisans.csv", file.as_bytes()).expect_err("unknown artisan");
    assert!(
        err.to_string().contains("row 3: column artisan: unknown artisan 'A99'"),
        "{err}"
    );
    assert_eq!(store.product_count().expect("count"), before);
    assert_eq!(count(&shop.db, "stock_movements"), moves);

    let good = "name_ky;name_ru;name_en;category;price;opening_stock\n\
                Жаңы тапочка;Новые тапочки;New slippers;felt_footwear;1 450,50;5\n";
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let summary = catalog::import(&mut ctx, "good.csv", good.as_bytes()).expect("imports");
    assert_eq!((summary.created, summary.updated), (1, 0));
    let found = store.search("Жаңы тапочка", 1).expect("search").remove(0);
    assert_eq!(found.product.price, Som::from_tyiyn(145_050));
    assert_eq!(found.on_hand, Decimal::from(5));
    assert!(found.product.barcodes[0].is_in_store());
}

#[test]
fn export_then_import_changes_nothing() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let mut first = Vec::new();
    catalog::export(&ctx, &mut first).expect("export");
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let summary = catalog::import(&mut ctx, "export.csv", &first).expect("re-import");
    assert_eq!(summary.created, 0);
    assert_eq!(summary.updated, 66);
    let ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let mut second = Vec::new();
    catalog::export(&ctx, &mut second).expect("export");
    assert_eq!(
        String::from_utf8(first).expect("utf8"),
        String::from_utf8(second).expect("utf8")
    );
}

#[test]
fn the_books_are_append_only() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let code = first_code(&store, "kalpak");
    let mut ctx = Ctx::new(&mut store, at(15, 0), Lang::Ky);
    checkout::sell(&mut ctx, &[(code, Decimal::ONE)], &cash(2500)).expect("sale");
    let raw = rusqlite::Connection::open(&shop.db).expect("raw");
    for sql in [
        "UPDATE sales SET total = 1",
        "DELETE FROM sales",
        "UPDATE sale_lines SET amount = 1",
        "DELETE FROM payments",
        "UPDATE stock_movements SET qty_milli = 0",
        "DELETE FROM stock_movements",
    ] {
        let err = raw.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn foreign_files_are_refused_and_left_untouched() {
    let shop = Shop::empty();
    std::fs::write(&shop.db, "this is a price list, not a database\n".repeat(200)).expect("write");
    let before = std::fs::read(&shop.db).expect("read");
    let err = Store::open(&shop.db).err().expect("refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("not an Usta database"));
    assert_eq!(std::fs::read(&shop.db).expect("read"), before);

    let other = shop.dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .expect("raw")
        .execute_batch("CREATE TABLE notes(x)")
        .expect("create");
    let before = std::fs::read(&other).expect("read");
    assert!(matches!(Store::open(&other), Err(StoreError::Foreign { .. })));
    assert_eq!(std::fs::read(&other).expect("read"), before);
}

#[test]
fn database_settings_hold_after_reopen() {
    let shop = Shop::demo();
    let store = shop.open();
    let mode: String = rusqlite::Connection::open(&shop.db)
        .expect("raw")
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(mode, "wal");
    store.integrity_check().expect("integrity");
    assert_eq!(store.product_count().expect("count"), 66);
    assert!(store.has_shop().expect("shop"));
}

#[test]
fn a_second_process_waits_for_the_write_lock_or_says_busy() {
    let shop = Shop::demo();
    let code = first_code(&shop.open(), "kalpak");
    let hold = |millis: u64| {
        let db = shop.db.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || {
            let mut raw = rusqlite::Connection::open(db).expect("raw");
            let t = raw
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .expect("lock");
            tx.send(()).expect("signal");
            std::thread::sleep(Duration::from_millis(millis));
            t.commit().expect("release");
        });
        rx.recv().expect("locked");
        handle
    };

    // A short lock: the sale waits and goes through.
    let mut store = shop.open();
    let holder = hold(300);
    let mut ctx = Ctx::new(&mut store, at(16, 0), Lang::Ky);
    checkout::sell(&mut ctx, &[(code.clone(), Decimal::ONE)], &cash(2500)).expect("waited and sold");
    holder.join().expect("holder");

    // A lock held longer than the timeout: a clear refusal, nothing written.
    store.set_busy_timeout(Duration::from_millis(100)).expect("timeout");
    let holder = hold(1500);
    let mut ctx = Ctx::new(&mut store, at(16, 5), Lang::Ky);
    let err = checkout::sell(&mut ctx, &[(code, Decimal::ONE)], &cash(2500)).expect_err("busy");
    assert!(err.to_string().contains("another Usta process is writing"), "{err}");
    holder.join().expect("holder");
    assert_eq!(count(&shop.db, "sales"), 1);
}

#[test]
fn stock_movements_need_reasons_and_sum_up() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let code = first_code(&store, "kalpak");
    let id = store
        .product_by_barcode(&code)
        .expect("lookup")
        .expect("exists")
        .product
        .id
        .expect("id");
    let start = store.on_hand(id).expect("on hand");
    let mut ctx = Ctx::new(&mut store, at(8, 0), Lang::Ky);
    usta::app::stock::receive_stock(&mut ctx, &code, Decimal::from(10), Some("from A02".into())).expect("receive");
    let err = usta::app::stock::adjust_stock(&mut ctx, &code, Decimal::from(-1), " ").expect_err("no reason");
    assert!(matches!(err, AppError::Stock(stock::StockError::NoReason)));
    usta::app::stock::adjust_stock(&mut ctx, &code, Decimal::from(-1), "moth damage").expect("adjust");
    assert_eq!(store.on_hand(id).expect("on hand"), start + Decimal::from(9));
    let kinds: Vec<String> = store
        .movements(id)
        .expect("moves")
        .iter()
        .map(|m| m.kind.to_string())
        .collect();
    assert_eq!(kinds, vec!["receive", "receive", "adjust"]);
}

#[test]
fn the_inventory_filters_run_in_the_database() {
    use usta::store::ProductFilter;
    let shop = Shop::demo();
    let store = shop.open();
    let all = store
        .filter_products(&ProductFilter {
            limit: 10,
            ..Default::default()
        })
        .expect("list");
    assert_eq!(all.len(), 10, "the limit applies");
    let carpets = store.filter_products(&ProductFilter {
        category: Some("carpets".into()),
        limit: 100,
        ..Default::default()
    });
    let carpets = carpets.expect("carpets");
    assert!(!carpets.is_empty() && carpets.iter().all(|r| r.product.category == "carpets"));
    let a01 = store.filter_products(&ProductFilter {
        artisan: Some("A01".into()),
        limit: 100,
        ..Default::default()
    });
    assert!(
        a01.expect("A01")
            .iter()
            .all(|r| r.product.artisan.as_deref() == Some("A01"))
    );
    let low = store
        .filter_products(&ProductFilter {
            low_stock: Some(Decimal::from(2)),
            limit: 100,
            ..Default::default()
        })
        .expect("low stock");
    assert!(!low.is_empty() && low.iter().all(|r| r.on_hand <= Decimal::from(2)));
    let text = store
        .filter_products(&ProductFilter {
            text: "шырдак".into(),
            category: Some("carpets".into()),
            limit: 100,
            ..Default::default()
        })
        .expect("text and category");
    assert!(
        !text.is_empty()
            && text
                .iter()
                .all(|r| r.product.names.ky.to_lowercase().contains("шырдак"))
    );
    let by_code = store
        .filter_products(&ProductFilter {
            text: "2100000000098".into(),
            limit: 5,
            ..Default::default()
        })
        .expect("barcode");
    assert_eq!(by_code[0].product.barcodes[0].as_str(), "2100000000098");
}
