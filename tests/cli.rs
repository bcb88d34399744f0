//! The real `usta` binary, end to end: the demo shop, search, selling, returning, stock and the catalog file,
//! including every refusal (non-zero exit, a clear message, nothing written).

mod support;

use support::{Shop, count, json, stderr, stdout};

fn demo() -> Shop {
    let shop = Shop::empty();
    let out = shop.usta(&["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    shop
}

/// The first barcode `catalog find TEXT` returns, with its price and stock.
fn find(shop: &Shop, text: &str) -> (String, String, i64) {
    let found = json(&shop.usta(&["--json", "catalog", "find", text]));
    let first = &found[0];
    (
        first["barcode"].as_str().expect("barcode").to_string(),
        first["price"].as_str().expect("price").to_string(),
        first["on_hand"].as_i64().expect("on_hand"),
    )
}

fn refused(out: &std::process::Output, message: &str) {
    assert!(!out.status.success(), "should have failed: {}", stdout(out));
    assert!(
        stderr(out).contains(message),
        "expected '{message}' in: {}",
        stderr(out)
    );
}

#[test]
fn every_command_explains_itself() {
    let shop = Shop::empty();
    for args in [
        vec!["--help"],
        vec!["demo", "--help"],
        vec!["catalog", "--help"],
        vec!["catalog", "import", "--help"],
        vec!["catalog", "export", "--help"],
        vec!["catalog", "find", "--help"],
        vec!["stock", "--help"],
        vec!["stock", "receive", "--help"],
        vec!["stock", "adjust", "--help"],
        vec!["stock", "show", "--help"],
        vec!["sell", "--help"],
        vec!["return", "--help"],
        vec!["receipt", "show", "--help"],
        vec!["status", "--help"],
    ] {
        let out = shop.usta(&args);
        assert!(out.status.success(), "{args:?}");
        let text = stdout(&out);
        assert!(text.contains("Usage: usta"), "{args:?}: {text}");
        assert!(text.contains("--db"), "{args:?} lists the global options");
    }
    assert!(!shop.db.exists(), "help creates no database");
}

#[test]
fn demo_shop_has_real_products_and_refuses_to_overwrite() {
    let shop = demo();
    let all = json(&shop.usta(&["--json", "stock", "show"]));
    let all = all.as_array().expect("array");
    assert_eq!(all.len(), 66);
    for p in all {
        let code = p["barcode"].as_str().expect("barcode");
        assert!(code.len() == 13 && code.starts_with('2'), "in-store EAN-13: {code}");
        assert!(p["on_hand"].as_i64().expect("on_hand") > 0);
    }
    refused(&shop.usta(&["demo"]), "already holds a shop");
    let again = json(&shop.usta(&["--json", "demo", "--force"]));
    let previous = again["previous_db"].as_str().expect("previous db kept");
    assert!(
        std::path::Path::new(previous).exists(),
        "the old database is set aside, not deleted"
    );
}

#[test]
fn find_searches_cyrillic_and_latin_words() {
    let shop = demo();
    let found = json(&shop.usta(&["--json", "catalog", "find", "шырдак"]));
    let names: Vec<&str> = found
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["name_ru"].as_str().expect("name"))
        .collect();
    assert!(names.iter().any(|n| n.contains("Шырдак")), "{names:?}");
    let found = json(&shop.usta(&["--json", "catalog", "find", "kalpak"]));
    assert!(
        found
            .as_array()
            .expect("array")
            .iter()
            .any(|p| p["name_ru"] == "Ак-калпак (Ak-kalpak)")
    );
    for p in found.as_array().expect("array") {
        assert!(p["price"].as_str().expect("price is a decimal string").contains('.'));
    }
}

#[test]
fn sell_prints_a_receipt_and_moves_stock() {
    let shop = demo();
    let (code, price, stock) = find(&shop, "kalpak");
    assert_eq!(price, "2500.00");
    let sale = json(&shop.usta(&[
        "--json",
        "sell",
        &format!("{code}*2"),
        "--pay",
        "card:1000",
        "--pay",
        "cash:5000",
    ]));
    assert_eq!(sale["receipt_no"], 1);
    assert_eq!(sale["total"], "5000.00");
    assert_eq!(sale["change"], "1000.00");
    assert_eq!(find(&shop, "kalpak").2, stock - 2);

    let text = stdout(&shop.usta(&["sell", &code, "--pay", "qr:2500"]));
    assert!(text.contains("Чек № 2"), "{text}");
    assert!(text.contains("ЖАЛПЫ") && text.contains("2\u{a0}500,00 сом"), "{text}");
    assert!(
        text.contains("КНС 12%") && text.contains("267,86"),
        "VAT extracted from 2500 at 12%: {text}"
    );
    assert!(text.contains("TRAINING — NOT FISCAL"));
    let joined = text.replace('\n', "");
    assert!(
        joined.contains("operation_type=1") && joined.contains("sum=250000"),
        "the ticket QR: {text}"
    );

    let shown = stdout(&shop.usta(&["receipt", "show", "1"]));
    assert!(
        shown.contains("КӨЧҮРМӨ") && shown.contains("Чек № 1"),
        "a reprint says COPY: {shown}"
    );
    let shown = json(&shop.usta(&["--json", "receipt", "show", "1"]));
    assert_eq!(shown["total"], "5000.00");
}

#[test]
fn refused_sales_write_nothing() {
    let shop = demo();
    let (code, _, stock) = find(&shop, "kalpak");
    let moves = count(&shop.db, "stock_movements");
    refused(
        &shop.usta(&["sell", "2999999999992", "--pay", "cash:100"]),
        "unknown barcode 2999999999992",
    );
    refused(
        &shop.usta(&["sell", &code, "--pay", "cash:100"]),
        "2\u{a0}400,00\u{a0}сом missing",
    );
    refused(
        &shop.usta(&["sell", &format!("{code}*0"), "--pay", "cash:5000"]),
        "must be more than zero",
    );
    refused(
        &shop.usta(&["sell", &format!("{code}*-1"), "--pay", "cash:5000"]),
        "must be more than zero",
    );
    refused(
        &shop.usta(&["sell", &code, "--pay", "card:9000"]),
        "only cash gives change",
    );
    refused(
        &shop.usta(&["sell", &code, "--pay", "bitcoin:9000"]),
        "unknown payment kind",
    );
    refused(
        &shop.usta(&["sell", &code, "--pay", "cash:50:USD"]),
        "does not accept foreign cash",
    );
    assert_eq!(count(&shop.db, "sales"), 0);
    assert_eq!(count(&shop.db, "stock_movements"), moves);
    assert_eq!(find(&shop, "kalpak").2, stock);
    let sale = json(&shop.usta(&["--json", "sell", &code, "--pay", "cash:2500"]));
    assert_eq!(sale["receipt_no"], 1, "refusals took no receipt numbers");
}

#[test]
fn returns_never_exceed_what_was_sold() {
    let shop = demo();
    let (hat, _, hats) = find(&shop, "kalpak");
    let (toy, _, _) = find(&shop, "camel");
    json(&shop.usta(&["--json", "sell", &format!("{hat}*2"), &toy, "--pay", "cash:10000"]));

    let ret = json(&shop.usta(&["--json", "return", "1", &hat, "--refund", "cash"]));
    assert_eq!(ret["kind"], "return");
    assert_eq!(ret["original_receipt_no"], 1);
    assert_eq!(ret["total"], "2500.00");
    assert_eq!(find(&shop, "kalpak").2, hats - 1);

    let sales = count(&shop.db, "sales");
    refused(
        &shop.usta(&["return", "1", &format!("{hat}*2"), "--refund", "cash"]),
        "sold 2, already returned 1",
    );
    refused(
        &shop.usta(&["return", "77", "--refund", "cash"]),
        "receipt 77 not found",
    );
    refused(
        &shop.usta(&["return", "1", "2100000000999", "--refund", "cash"]),
        "unknown barcode",
    );
    assert_eq!(count(&shop.db, "sales"), sales);

    let rest = json(&shop.usta(&["--json", "return", "1", "--refund", "card"]));
    assert_eq!(
        rest["lines"].as_array().expect("lines").len(),
        2,
        "the remaining hat and the toy"
    );
    refused(
        &shop.usta(&["return", "1", "--refund", "cash"]),
        "already been returned",
    );
    assert_eq!(find(&shop, "kalpak").2, hats);
}

#[test]
fn stock_receive_adjust_and_show() {
    let shop = demo();
    let (code, _, stock) = find(&shop, "kalpak");
    let shown = json(&shop.usta(&["--json", "stock", "receive", &code, "5", "--note", "from A02"]));
    assert_eq!(shown["on_hand"].as_i64(), Some(stock + 5));
    let shown = json(&shop.usta(&["--json", "stock", "adjust", &code, "-2", "--reason", "moth damage"]));
    assert_eq!(shown["on_hand"].as_i64(), Some(stock + 3));
    let shown = json(&shop.usta(&["--json", "stock", "show", &code]));
    assert_eq!(
        (shown["barcode"].as_str(), shown["on_hand"].as_i64()),
        (Some(code.as_str()), Some(stock + 3))
    );
    refused(&shop.usta(&["stock", "receive", &code, "0"]), "more than zero");
    refused(
        &shop.usta(&["stock", "adjust", &code, "1", "--reason", " "]),
        "needs a reason",
    );
    refused(&shop.usta(&["stock", "show", "123"]), "unknown barcode 123");
}

#[test]
fn catalog_import_is_atomic_and_export_round_trips() {
    let shop = demo();
    let bad = shop.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "name_ky;name_ru;name_en;category;price\nКийиз куурчак;Кукла;Doll;toys;900\nКомуз;Комуз;Komuz;instruments;-5\n",
    )
    .expect("write");
    let products = count(&shop.db, "products");
    refused(
        &shop.usta(&["catalog", "import", bad.to_str().expect("path")]),
        "row 3, column price",
    );
    assert_eq!(count(&shop.db, "products"), products);
    refused(
        &shop.usta(&["catalog", "import", "/nonexistent/file.csv"]),
        "cannot read /nonexistent/file.csv",
    );

    let good = shop.dir.path().join("good.csv");
    std::fs::write(&good, "\u{feff}name_ky;name_ru;name_en;category;price;opening_stock\nЖаңы комуз;Новый комуз;New komuz;instruments;12 500,00;2\n")
        .expect("write");
    let summary = json(&shop.usta(&["--json", "catalog", "import", good.to_str().expect("path")]));
    assert_eq!(summary["created"], 1);
    let (code, price, stock) = find(&shop, "Жаңы комуз");
    assert_eq!((price.as_str(), stock), ("12500.00", 2));
    assert!(code.starts_with("21"));

    let exported = shop.dir.path().join("catalog.csv");
    let out = shop.usta(&["catalog", "export", exported.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = std::fs::read_to_string(&exported).expect("read");
    assert_eq!(first.lines().count(), 68, "header and 67 products");
    let summary = json(&shop.usta(&["--json", "catalog", "import", exported.to_str().expect("path")]));
    assert_eq!(
        (summary["created"].as_i64(), summary["updated"].as_i64()),
        (Some(0), Some(67))
    );
    let again = stdout(&shop.usta(&["catalog", "export"]));
    assert_eq!(again, first, "export → import → export is stable");
}

#[test]
fn with_demo_fills_a_new_database_and_status_reports_it() {
    let shop = Shop::empty();
    // Without --with-demo a missing database is refused, not created empty.
    let missing = shop.usta(&["--json", "status"]);
    assert!(!missing.status.success() && !shop.db.exists(), "{}", stderr(&missing));
    let status = json(&shop.usta(&["--with-demo", "--json", "status"]));
    assert_eq!(status["products"], 66);
    assert_eq!(status["last_receipt_no"], 0);
    let again = json(&shop.usta(&["--with-demo", "--json", "status"]));
    assert_eq!(again["products"], 66, "an existing shop is left alone");
    let out = shop.usta(&["status"]);
    assert!(stdout(&out).contains("Уста"), "{}", stdout(&out));
}

#[test]
fn a_foreign_file_is_refused_and_untouched() {
    let shop = Shop::empty();
    std::fs::write(&shop.db, "not a database").expect("write");
    refused(&shop.usta(&["stock", "show"]), "not an Usta database");
    assert_eq!(std::fs::read_to_string(&shop.db).expect("read"), "not a database");
}
