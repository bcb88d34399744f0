//! The daily ledger on real files: CSV in both dialects parses back to the day's totals, the same day exports to
//! the same bytes, an open day needs --provisional, and `usta ledger verify` names the tampered file.

mod support;

use rust_decimal::Decimal;
use std::path::Path;
use support::{Shop, at, json, stderr};
use usta::app::{Ctx, checkout, day, ledger, returns};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::ledger::{CSV_FILES, Dialect};
use usta::domain::payment::{PaymentKind, Tender};

const HAT: &str = "2100000000098";

/// A closed day with artisan goods sold in cash and by card, one return, and an open next day with a sale.
fn closed_day(shop: &Shop) {
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    day::open(&mut ctx, &[Money::new(Decimal::from(5000), Currency::Kgs)]).expect("open");
    let codes: Vec<String> = ["өтүк", "шырдак", "капчык", "komuz"]
        .iter()
        .map(|t| ctx.store.search(t, 1).expect("search")[0].product.barcodes[0].to_string())
        .collect();
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(200_000))];
    let mut first = None;
    for (i, code) in codes.iter().enumerate() {
        let items = vec![
            (code.clone(), Decimal::from(i as i64 + 1)),
            (HAT.to_string(), Decimal::ONE),
        ];
        let sale = checkout::sell(&mut ctx, &items, &cash).expect("sale");
        first.get_or_insert(sale.receipt_no.expect("no"));
    }
    returns::return_items(&mut ctx, first.expect("first"), &[], PaymentKind::Cash).expect("return");
    ctx.now = at(19, 0);
    day::close(&mut ctx, &[Money::new(Decimal::from(1000), Currency::Kgs)]).expect("close");
    ctx.now = at(19, 30);
    checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &cash).expect("next day's sale");
}

fn read_csv(path: &Path, dialect: Dialect) -> Vec<csv::StringRecord> {
    let bytes = std::fs::read(path).expect("read csv");
    let body = match dialect {
        Dialect::ExcelRu => {
            assert!(
                bytes.starts_with(b"\xEF\xBB\xBF"),
                "{} starts with the BOM",
                path.display()
            );
            &bytes[3..]
        }
        Dialect::Plain => {
            assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
            &bytes[..]
        }
    };
    csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .from_reader(body)
        .records()
        .map(|r| r.expect("record"))
        .collect()
}

fn column_sum(path: &Path, dialect: Dialect, column: &str) -> Decimal {
    let bytes = std::fs::read(path).expect("read");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .from_reader(body);
    let index = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("{column} in {}", path.display()));
    reader
        .records()
        .map(|r| {
            let text = r.expect("record")[index].to_string();
            dialect
                .parse_number(&text)
                .unwrap_or_else(|| panic!("'{text}' is a {dialect:?} number"))
        })
        .sum()
}

fn day_value(dir: &Path, dialect: Dialect, key: &str) -> String {
    read_csv(&dir.join("day.csv"), dialect)
        .into_iter()
        .find(|r| &r[0] == key)
        .map(|r| r[1].to_string())
        .unwrap_or_else(|| panic!("{key} in day.csv"))
}

#[test]
fn csv_in_both_dialects_parses_back_to_the_days_totals() {
    let shop = Shop::demo();
    closed_day(&shop);
    let mut store = shop.open();
    let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
    let day = at(9, 0).date_naive();
    let z = day::z_report(&ctx, day).expect("z");
    assert!(z.returns_count == 1 && z.sales_count == 4, "{z:?}");
    for dialect in [Dialect::ExcelRu, Dialect::Plain] {
        let dir = shop.dir.path().join(format!("ledger-{}", dialect.code()));
        ledger::export(&ctx, day, &dir, dialect, false).expect("export");
        let sum = |file: &str, column: &str| column_sum(&dir.join(file), dialect, column);
        assert_eq!(sum("sales.csv", "amount"), z.sales_total.amount(), "{dialect:?}");
        assert_eq!(sum("returns.csv", "amount"), z.returns_total.amount());
        assert_eq!(sum("tax.csv", "gross"), z.net.amount());
        let vat: Som = z.tax.iter().map(|t| t.vat).sum();
        assert_eq!(sum("tax.csv", "vat"), vat.amount());
        let paid: Som = z.payments.iter().map(|k| k.sales).sum();
        assert_eq!(
            sum("payments.csv", "applied"),
            paid.amount() + z.returns_total.amount(),
            "payments and refunds are all listed"
        );
        assert_eq!(
            sum("artisans.csv", "gross"),
            sum("sales.csv", "amount") - sum("returns.csv", "amount"),
            "every demo product sold here is an artisan's"
        );
        let stock = read_csv(&dir.join("stock.csv"), dialect);
        let qty_of = |kind: &str| -> Decimal {
            stock
                .iter()
                .filter(|r| &r[4] == kind)
                .map(|r| dialect.parse_number(&r[5]).expect("qty"))
                .sum()
        };
        assert_eq!(qty_of("sale"), -sum("sales.csv", "qty"), "sales took stock out");
        assert_eq!(qty_of("return"), sum("returns.csv", "qty"), "the return put it back");
        let net = day_value(&dir, dialect, "net");
        assert_eq!(dialect.parse_number(&net), Some(z.net.amount()));
        assert_eq!(
            net.contains(','),
            dialect == Dialect::ExcelRu,
            "decimal comma only in excel-ru: {net}"
        );
        let raw = std::fs::read_to_string(dir.join("sales.csv")).expect("utf8");
        assert!(
            raw.contains("Ак калпак") || raw.contains("Ак-калпак"),
            "Cyrillic kept as UTF-8"
        );
        let first_line = raw.lines().next().expect("header");
        assert_eq!(first_line.contains(';'), dialect == Dialect::ExcelRu, "{first_line}");
        assert_eq!(day_value(&dir, dialect, "status"), "closed");
    }
}

#[test]
fn the_same_day_exports_to_the_same_bytes() {
    let shop = Shop::demo();
    closed_day(&shop);
    let day = "2026-11-28";
    let a = shop.dir.path().join("a");
    let b = shop.dir.path().join("b");
    json(&shop.usta(&[
        "--json",
        "ledger",
        "export",
        "--date",
        day,
        "--out",
        a.to_str().expect("utf8"),
    ]));
    // More business after the close, even on the same calendar day, changes nothing in the closed day's ledger.
    let more = shop.usta(&["sell", HAT, "--pay", "card:2500"]);
    assert!(more.status.success(), "{}", stderr(&more));
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(21, 0), Lang::Ky);
        usta::app::stock::receive_stock(&mut ctx, HAT, Decimal::from(5), Some("evening delivery".into()))
            .expect("receive after the close");
        let next = ledger::build(&ctx, at(9, 0).date_naive().succ_opt().expect("29th"), true).expect("29th");
        assert!(
            next.stock
                .iter()
                .any(|m| m.kind == "receive" && m.reason == "evening delivery"),
            "the evening delivery belongs to the next business day"
        );
    }
    json(&shop.usta(&[
        "--json",
        "ledger",
        "export",
        "--date",
        day,
        "--out",
        b.to_str().expect("utf8"),
    ]));
    for name in CSV_FILES.iter().chain(&["ledger.json", "MANIFEST"]) {
        let x = std::fs::read(a.join(name)).expect("a");
        let y = std::fs::read(b.join(name)).expect("b");
        assert!(x == y, "{name} differs between two exports");
    }
    let manifest = std::fs::read_to_string(a.join("MANIFEST")).expect("manifest");
    assert!(
        manifest.contains("status closed") && manifest.contains("shop 02811199610123-R1"),
        "{manifest}"
    );
}

#[test]
fn an_open_day_needs_provisional() {
    let shop = Shop::demo();
    closed_day(&shop);
    let out = shop.dir.path().join("open");
    let out = out.to_str().expect("utf8");
    let refused = shop.usta(&["ledger", "export", "--date", "2026-11-29", "--out", out]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("still open"), "{}", stderr(&refused));
    let done = json(&shop.usta(&[
        "--json",
        "ledger",
        "export",
        "--date",
        "2026-11-29",
        "--out",
        out,
        "--provisional",
    ]));
    assert_eq!(done["provisional"], true);
    let verified = json(&shop.usta(&["--json", "ledger", "verify", out]));
    assert_eq!(verified["provisional"], true);
    let none = shop.usta(&["ledger", "export", "--date", "2026-01-01", "--out", out]);
    assert!(
        stderr(&none).contains("no business day 2026-01-01"),
        "{}",
        stderr(&none)
    );
}

fn refused_naming(shop: &Shop, dir: &Path, file: &str, reason: &str) {
    let out = shop.usta(&["ledger", "verify", dir.to_str().expect("utf8")]);
    assert!(!out.status.success(), "verify should fail for {file}");
    let err = stderr(&out);
    assert!(
        err.contains(file) && err.contains(reason),
        "expected {file}: {reason} in {err}"
    );
}

#[test]
fn verify_names_the_tampered_file() {
    let shop = Shop::demo();
    closed_day(&shop);
    let good = shop.dir.path().join("good");
    let good_s = good.to_str().expect("utf8");
    json(&shop.usta(&[
        "--json",
        "ledger",
        "export",
        "--date",
        "2026-11-28",
        "--out",
        good_s,
        "--dialect",
        "plain",
    ]));
    let ok = json(&shop.usta(&["--json", "ledger", "verify", good_s]));
    assert_eq!(
        (ok["ok"].as_bool(), ok["dialect"].as_str()),
        (Some(true), Some("plain"))
    );

    let copy = |name: &str| {
        let dir = shop.dir.path().join(name);
        std::fs::create_dir_all(&dir).expect("dir");
        for entry in std::fs::read_dir(&good).expect("list") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
        }
        dir
    };

    let dir = copy("csv");
    let sales = std::fs::read_to_string(dir.join("sales.csv")).expect("sales");
    std::fs::write(dir.join("sales.csv"), sales.replacen("2500.00", "250.00", 1)).expect("tamper");
    refused_naming(&shop, &dir, "sales.csv", "checksum");

    let dir = copy("manifest");
    let m = std::fs::read_to_string(dir.join("MANIFEST")).expect("manifest");
    std::fs::write(dir.join("MANIFEST"), m.replace("day 2026-11-28", "day 2026-11-27")).expect("tamper");
    refused_naming(&shop, &dir, "MANIFEST", "edited");

    let dir = copy("missing");
    std::fs::remove_file(dir.join("tax.csv")).expect("remove");
    refused_naming(&shop, &dir, "tax.csv", "cannot read");

    // A forger who edits ledger.json and re-seals the MANIFEST still leaves the CSV disagreeing.
    let dir = copy("resealed");
    let json_text = std::fs::read_to_string(dir.join("ledger.json")).expect("json");
    let forged = json_text.replacen("\"amount\": \"2500.00\"", "\"amount\": \"2400.00\"", 1);
    assert_ne!(forged, json_text);
    std::fs::write(dir.join("ledger.json"), &forged).expect("forge");
    let m = std::fs::read_to_string(dir.join("MANIFEST")).expect("manifest");
    let old = usta::domain::journal::sha256_hex(json_text.as_bytes());
    let new = usta::domain::journal::sha256_hex(forged.as_bytes());
    let body: String = m
        .replace(&old, &new)
        .lines()
        .filter(|l| !l.starts_with("manifest-sha256"))
        .map(|l| format!("{l}\n"))
        .collect();
    let seal = usta::domain::journal::sha256_hex(body.as_bytes());
    std::fs::write(dir.join("MANIFEST"), format!("{body}manifest-sha256 {seal}\n")).expect("reseal");
    refused_naming(&shop, &dir, "sales.csv", "does not match ledger.json");
}
