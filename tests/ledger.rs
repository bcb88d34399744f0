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
                .filter(|r| &r[3] == kind)
                .map(|r| dialect.parse_number(&r[4]).expect("qty"))
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
        let products = std::fs::read_to_string(dir.join("products.csv")).expect("utf8");
        assert!(
            products.contains("Ак калпак") || products.contains("Ак-калпак"),
            "Cyrillic kept as UTF-8"
        );
        assert_eq!(
            products.matches("Ак калпак").count(),
            1,
            "each product named once: {products}"
        );
        let raw = std::fs::read_to_string(dir.join("sales.csv")).expect("utf8");
        assert!(!raw.contains("Ак калпак"), "lines carry item numbers, not names");
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
    support::same_ledger_files(&a, &b, "two exports of the same day");
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
    // A 2 500 som line's discount (the last number of its array, in tyiyn) made 100 som: it now comes to 2 400.
    let forged = json_text.replacen(",250000,0]", ",250000,10000]", 1);
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

/// The ledger folders of the formats today's replaced (`usta-ledger/1`, names on every line, `usta-ledger/2`,
/// without technique and region, and `usta-ledger/3`, every line with its gross and amount), as the program wrote
/// them then: they keep verifying, in both dialects, and one changed byte is still caught.
#[test]
fn ledgers_in_earlier_formats_still_verify() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let shop = Shop::empty();
    for (version, net, dialect) in [
        (1, "72800.00", "excel-ru"),
        (1, "72800.00", "plain"),
        (2, "31800.00", "excel-ru"),
        (2, "31800.00", "plain"),
        (3, "110900.00", "excel-ru"),
        (3, "110900.00", "plain"),
    ] {
        let dir = fixtures.join(format!("ledger-v{version}-{dialect}"));
        let ok = json(&shop.usta(&["--json", "ledger", "verify", dir.to_str().expect("utf8")]));
        let format = format!("usta-ledger/{version}");
        assert_eq!(
            (ok["format"].as_str(), ok["dialect"].as_str(), ok["net"].as_str()),
            (Some(format.as_str()), Some(dialect), Some(net)),
            "{ok}"
        );
        // One changed byte is still caught in the old format.
        let copy = shop.dir.path().join(format!("v{version}-{dialect}"));
        std::fs::create_dir_all(&copy).expect("dir");
        for entry in std::fs::read_dir(&dir).expect("list") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), copy.join(entry.file_name())).expect("copy");
        }
        let mut bytes = std::fs::read(copy.join("sales.csv")).expect("sales");
        let at = bytes.iter().rposition(|b| b.is_ascii_digit()).expect("a digit");
        bytes[at] = if bytes[at] == b'9' { b'8' } else { bytes[at] + 1 };
        std::fs::write(copy.join("sales.csv"), bytes).expect("tamper");
        refused_naming(&shop, &copy, "sales.csv", "checksum");
    }
}

#[test]
fn the_archive_holds_the_same_files_and_verifies_like_the_folder() {
    let shop = Shop::demo();
    closed_day(&shop);
    let dir = shop.dir.path().join("day");
    let archive = shop.dir.path().join("day.tar.gz");
    let done = json(&shop.usta(&[
        "--json",
        "ledger",
        "export",
        "--date",
        "2026-11-28",
        "--out",
        dir.to_str().expect("utf8"),
        "--archive",
        archive.to_str().expect("utf8"),
    ]));
    assert_eq!(done["files"].as_array().map(Vec::len), Some(10), "{done}");
    let ok = json(&shop.usta(&["--json", "ledger", "verify", archive.to_str().expect("utf8")]));
    assert_eq!(
        (ok["ok"].as_bool(), ok["format"].as_str()),
        (Some(true), Some("usta-ledger/4"))
    );
    // The archive is the folder's files, byte for byte, and the same day archives to the same bytes.
    let source = ledger::Source::open(&archive).expect("open");
    for (name, _) in ledger::verify(&archive).expect("verify").manifest.files {
        assert_eq!(
            source.read(&name).expect("entry"),
            std::fs::read(dir.join(&name)).expect("file"),
            "{name}"
        );
    }
    let again = shop.dir.path().join("again.tar.gz");
    let only = shop.usta(&[
        "ledger",
        "export",
        "--date",
        "2026-11-28",
        "--out",
        shop.dir.path().join("day-again").to_str().expect("utf8"),
        "--archive",
        again.to_str().expect("utf8"),
    ]);
    assert!(only.status.success(), "{}", stderr(&only));
    assert_eq!(std::fs::read(&archive).expect("a"), std::fs::read(&again).expect("b"));
    let exists = shop.usta(&[
        "ledger",
        "export",
        "--date",
        "2026-11-28",
        "--out",
        shop.dir.path().join("day-third").to_str().expect("utf8"),
        "--archive",
        again.to_str().expect("utf8"),
    ]);
    assert!(!exists.status.success(), "an existing archive needs --force");
    assert!(
        !shop.dir.path().join("day-third").exists(),
        "refused before anything is written"
    );

    // A damaged archive is refused with the reason; so is a file that is no archive.
    let mut bytes = std::fs::read(&archive).expect("archive");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&again, &bytes).expect("damage");
    let bad = shop.usta(&["ledger", "verify", again.to_str().expect("utf8")]);
    assert!(!bad.status.success(), "a damaged archive verified");
    std::fs::write(&again, "not a ledger").expect("write");
    let bad = shop.usta(&["ledger", "verify", again.to_str().expect("utf8")]);
    assert!(
        stderr(&bad).contains("not a ledger folder or .tar.gz archive"),
        "{}",
        stderr(&bad)
    );
}

/// The sheet cells LibreOffice Calc makes of an excel-ru CSV under ru-RU, read from its flat XML (`.fods`):
/// (value type, text) per cell, row by row.
fn calc_cells(csv: &Path, out: &Path) -> Option<Vec<Vec<(String, String)>>> {
    let ran = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1049,false,true",
            "--convert-to",
            "fods",
            "--outdir",
        ])
        .arg(out)
        .arg(csv)
        .env("HOME", out)
        .output()
        .ok()?;
    assert!(
        ran.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let name = csv.with_extension("fods");
    let xml = std::fs::read_to_string(out.join(name.file_name()?)).expect("fods");
    let mut rows = Vec::new();
    for row in xml.split("<table:table-row").skip(1) {
        let row = row.split("</table:table-row>").next().unwrap_or_default();
        let mut cells = Vec::new();
        for cell in row.split("<table:table-cell").skip(1) {
            let kind = cell
                .split("office:value-type=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("empty")
                .to_string();
            let attr = |name: &str| {
                cell.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .map(str::to_string)
            };
            // Equal neighbours are written once with a repeat count.
            let repeat: usize = attr("table:number-columns-repeated")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1)
                .min(64);
            // A date's and a number's value as Calc holds it, not as its default format shows it.
            if let Some(value) = attr("office:date-value").or_else(|| attr("office:value")) {
                cells.extend(std::iter::repeat_n((kind, value), repeat));
                continue;
            }
            let text = cell
                .split("<text:p>")
                .nth(1)
                .and_then(|r| r.split("</text:p>").next())
                .unwrap_or_default()
                .to_string();
            cells.extend(std::iter::repeat_n((kind, text), repeat));
        }
        rows.push(cells);
    }
    Some(rows)
}

/// The excel-ru dialect opens typed in LibreOffice Calc (ru-RU): times are date-times, amounts numbers with
/// two decimals, barcodes and the shop id text with their leading zeros. Skipped where LibreOffice is absent.
#[test]
fn excel_ru_opens_typed_in_libreoffice() {
    if std::process::Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("LibreOffice (soffice) is not installed: skipped");
        return;
    }
    let shop = Shop::demo();
    closed_day(&shop);
    let dir = shop.dir.path().join("calc");
    std::fs::create_dir_all(&dir).expect("dir");
    {
        let mut store = shop.open();
        let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
        let mut day = ledger::build(&ctx, at(9, 0).date_naive(), false).expect("ledger");
        // A bought-in product's EAN-13 with leading zeros, which a bare CSV cell loses.
        day.lines[0].barcode = "0036000291452".into();
        for (name, bytes) in ledger::files(&day, Dialect::ExcelRu).expect("files") {
            std::fs::write(dir.join(name), bytes).expect("write");
        }
    }
    let out = shop.dir.path().join("calc-out");
    let sales = calc_cells(&dir.join("sales.csv"), &out).expect("soffice ran");
    let header: Vec<&str> = sales[0].iter().map(|(_, t)| t.as_str()).collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let first = &sales[1];
    assert_eq!(
        first[col("at")],
        ("date".to_string(), "2026-11-28T09:00:00".to_string()),
        "the local time, typed: {first:?}"
    );
    for amount in ["unit_price", "gross", "amount"] {
        assert_eq!(first[col(amount)].0, "float", "{amount}: {first:?}");
    }
    let amounts: Decimal = sales[1..]
        .iter()
        .filter(|r| r.len() > 1)
        .map(|r| r[col("amount")].1.parse::<Decimal>().expect("a number"))
        .sum();
    let z = {
        let mut store = shop.open();
        day::z_report(&Ctx::new(&mut store, at(20, 0), Lang::Ky), at(9, 0).date_naive()).expect("z")
    };
    assert_eq!(amounts, z.sales_total.amount(), "Calc's sum is the Z report's");
    let products = calc_cells(&dir.join("products.csv"), &out).expect("products");
    let codes: Vec<&(String, String)> = products[1..].iter().filter(|r| r.len() > 2).map(|r| &r[2]).collect();
    assert!(
        codes.iter().all(|(kind, text)| kind == "string" && text.len() == 13),
        "barcodes stay 13-character text: {codes:?}"
    );
    assert!(codes.iter().any(|(_, text)| text == "0036000291452"), "{codes:?}");
    let day = calc_cells(&dir.join("day.csv"), &out).expect("day");
    let shop_id = day.iter().find(|r| r[0].1 == "shop_id").expect("shop id");
    assert_eq!(shop_id[1], ("string".to_string(), "02811199610123-R1".to_string()));
}

/// The exact bytes of a real day's ledger in `usta-ledger/2`, in both dialects, fixed by their digests: the format
/// is checksummed and verified by older versions, so reading the rows or writing the files faster must not change
/// one byte. The journal head (a fresh database's random identity runs into it) is replaced by a fixed text before
/// hashing.
#[test]
fn a_days_files_keep_their_exact_bytes() {
    let shop = Shop::demo();
    closed_day(&shop);
    let mut store = shop.open();
    let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
    let mut day = ledger::build(&ctx, at(9, 0).date_naive(), false).expect("ledger");
    assert_eq!(day.format, "usta-ledger/4", "built in the current format");
    day.format = "usta-ledger/2".into();
    let files = ledger::files(&day, Dialect::ExcelRu)
        .into_iter()
        .chain(ledger::files(&day, Dialect::Plain))
        .collect::<Vec<_>>();
    let mut got = String::new();
    for (dialect, files) in [Dialect::ExcelRu, Dialect::Plain].into_iter().zip(files) {
        for (name, bytes) in files.iter().filter(|(n, _)| n != "MANIFEST") {
            let text = String::from_utf8(bytes.clone()).expect("utf8");
            let fixed = text.replace(&day.journal_head, "JOURNAL-HEAD");
            got.push_str(&format!(
                "{} {name} {}\n",
                dialect.code(),
                usta::domain::journal::sha256_hex(fixed.as_bytes())
            ));
        }
    }
    assert_eq!(got, DAY_DIGESTS, "got:\n{got}");
}

/// Gives the shyrdak and the leather wallet their techniques in the catalog, as a manager does.
fn set_techniques(shop: &Shop) {
    let mut store = shop.open();
    for (word, code) in [("шырдак", "shyrdak"), ("капчык", "leather")] {
        support::set_technique(&mut store, word, code, "2026-11-28T08:00:00+06:00");
    }
}

/// `dialect name digest` of each of a ledger's files but its MANIFEST, the journal head replaced by a fixed text.
fn digests_of<'a>(dialect: Dialect, files: impl IntoIterator<Item = (&'a str, Vec<u8>)>, head: &str) -> String {
    let mut got = String::new();
    for (name, bytes) in files.into_iter().filter(|(n, _)| *n != "MANIFEST") {
        let fixed = String::from_utf8(bytes).expect("utf8").replace(head, "JOURNAL-HEAD");
        got.push_str(&format!(
            "{} {name} {}\n",
            dialect.code(),
            usta::domain::journal::sha256_hex(fixed.as_bytes())
        ));
    }
    got
}

/// The same real day in `usta-ledger/3`, with two products' techniques set, fixed by their digests the same way:
/// what v3 adds to v2 is in the product rows (and the format line, and ledger.json); every line file is v2's.
#[test]
fn a_days_v3_files_keep_their_exact_bytes() {
    let shop = Shop::demo();
    set_techniques(&shop);
    closed_day(&shop);
    let mut store = shop.open();
    let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
    let mut day = ledger::build(&ctx, at(9, 0).date_naive(), false).expect("ledger");
    day.format = "usta-ledger/3".into();
    let mut got = String::new();
    for dialect in [Dialect::ExcelRu, Dialect::Plain] {
        let files = ledger::files(&day, dialect).expect("files");
        got += &digests_of(
            dialect,
            files.iter().map(|(n, b)| (n.as_str(), b.clone())),
            &day.journal_head,
        );
    }
    assert_eq!(got, DAY_DIGESTS_V3, "got:\n{got}");
    for (v2, v3) in DAY_DIGESTS.lines().zip(DAY_DIGESTS_V3.lines()) {
        let name = v2.split(' ').nth(1).expect("name");
        assert_eq!(
            v2 == v3,
            !["day.csv", "products.csv", "ledger.json"].contains(&name),
            "{v2} / {v3}"
        );
    }
}

/// The same real day exported by the binary in `usta-ledger/4`, with two products' techniques set: each product
/// row carries its technique code and its artisan's region, and the bytes are fixed by their digests the same way.
/// What v4 changes from v3 is ledger.json (shorter: its lines without the gross and amount that follow from the
/// rest) and the format line of day.csv; every other file is v3's.
#[test]
fn a_days_v4_files_keep_their_exact_bytes() {
    let shop = Shop::demo();
    set_techniques(&shop);
    closed_day(&shop);
    let mut got = String::new();
    for dialect in [Dialect::ExcelRu, Dialect::Plain] {
        let dir = shop.dir.path().join(format!("v4-{}", dialect.code()));
        let done = json(&shop.usta(&[
            "--json",
            "ledger",
            "export",
            "--date",
            "2026-11-28",
            "--dialect",
            dialect.code(),
            "--out",
            dir.to_str().expect("utf8"),
        ]));
        let head = done["journal_head"].as_str().expect("head");
        let manifest = std::fs::read_to_string(dir.join("MANIFEST")).expect("manifest");
        assert!(manifest.starts_with("usta-ledger/4\n"), "{manifest}");
        let products = read_csv(&dir.join("products.csv"), dialect);
        let craft = |word: &str| {
            products
                .iter()
                .find(|r| r[4].contains(word))
                .map(|r| (r[9].to_string(), r[10].to_string()))
                .unwrap_or_else(|| panic!("{word} in products.csv"))
        };
        assert_eq!(craft("Шырдак"), ("shyrdak".into(), "Нарын облусу".into()));
        assert_eq!(craft("Кожаный"), ("leather".into(), "Ысык-Көл облусу".into()));
        assert_eq!(
            craft("сапожки"),
            (String::new(), "Нарын облусу".into()),
            "no technique given"
        );
        let files = CSV_FILES
            .iter()
            .chain(&["ledger.json"])
            .map(|name| (*name, std::fs::read(dir.join(name)).expect("file")));
        got += &digests_of(dialect, files, head);
        // Every line of the demo day has the gross its quantity and price make, and the amount that less its
        // discount: each is written with five elements, where v3 wrote seven.
        let facts: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("ledger.json")).expect("json")).expect("ledger.json");
        let lines: Vec<&serde_json::Value> = facts["receipts"]
            .as_array()
            .expect("receipts")
            .iter()
            .flat_map(|r| r[5].as_array().expect("lines"))
            .collect();
        assert!(lines.len() > 5, "{facts}");
        assert!(lines.iter().all(|l| l.as_array().map(Vec::len) == Some(5)), "{lines:?}");
    }
    assert_eq!(got, DAY_DIGESTS_V4, "got:\n{got}");
    for (v3, v4) in DAY_DIGESTS_V3.lines().zip(DAY_DIGESTS_V4.lines()) {
        let name = v3.split(' ').nth(1).expect("name");
        assert_eq!(v3 == v4, !["day.csv", "ledger.json"].contains(&name), "{v3} / {v4}");
    }
}

const DAY_DIGESTS_V4: &str = concat!(
    "excel-ru day.csv 07c2d416a2d2e5feb0a4ea8939d7b0608294bfc049c69e3489edcf121c508a13\n",
    "excel-ru products.csv 1b6e175a6a58cff4ce082e0164b668f29a77a3f625c55481549d6e245730b86c\n",
    "excel-ru sales.csv c0021b04e8e17923f0fc1650c1833c9f1f7ae52d760d2a64e3e715772392be6d\n",
    "excel-ru returns.csv 5325c6d5d8d1e51ac91b128d0ffcfb9d9f10801d7a32bc420bf80469659b3079\n",
    "excel-ru payments.csv f699767bb9057049ed9b46f84a6b0bed618f30fee9d21fe0f0034c09eef85e46\n",
    "excel-ru tax.csv 271fc0dbb77aa7929093cf2d927da66e6afed404dfd049d321b1f8f0ae7f9422\n",
    "excel-ru stock.csv 6b5353c5e033fcecd02b78aa29eb806a4b94aff3a17b756b021d85a3ec551cef\n",
    "excel-ru artisans.csv 1829f64cf64f930eb16092eaa1c78bf9c0ffcff80c0ccc852f4ecd16617b0d23\n",
    "excel-ru ledger.json 5c3cecfa52f787167098b5be3d32ee62c4a574431274089af13fa70f724dc27a\n",
    "plain day.csv dbbf4133350d7b3d44541d951d6da47f6612b0dae6c37451fd825253877824d4\n",
    "plain products.csv fdcbb8bc730cca67693a880dcee99b37ba41b6a207413b099ba37e819db9f49d\n",
    "plain sales.csv e333d411301a0118b347fe5a26e77d4d27227d71ac16cc7e767966ac829ec054\n",
    "plain returns.csv 8e5322f91b9e3721d357c657a195a9a316fd11e5993f6eef730803259d8875d2\n",
    "plain payments.csv 77f0c8b16996209eb4c8806a59c54b375c171ecad58ea91be2d26ca198c2f3f9\n",
    "plain tax.csv a6467093276d795e3279b6579e519c0fde79921d00fb0c018c183f2d9497c9f1\n",
    "plain stock.csv 37d9bf7a7cd9cb913d2c1aaa1dc2b4f0c614ff6826c473454749c5f6067aff75\n",
    "plain artisans.csv 118a13a7da1a579b2d9b3ae9103d11e78db8340bda39bf6aa93ca701830c1d6d\n",
    "plain ledger.json 5c3cecfa52f787167098b5be3d32ee62c4a574431274089af13fa70f724dc27a\n",
);

const DAY_DIGESTS_V3: &str = concat!(
    "excel-ru day.csv 56674d0ce3b561dd942ef9aba4c8f22e7054bc321fbb3dcb55ea096dd51b8440\n",
    "excel-ru products.csv 1b6e175a6a58cff4ce082e0164b668f29a77a3f625c55481549d6e245730b86c\n",
    "excel-ru sales.csv c0021b04e8e17923f0fc1650c1833c9f1f7ae52d760d2a64e3e715772392be6d\n",
    "excel-ru returns.csv 5325c6d5d8d1e51ac91b128d0ffcfb9d9f10801d7a32bc420bf80469659b3079\n",
    "excel-ru payments.csv f699767bb9057049ed9b46f84a6b0bed618f30fee9d21fe0f0034c09eef85e46\n",
    "excel-ru tax.csv 271fc0dbb77aa7929093cf2d927da66e6afed404dfd049d321b1f8f0ae7f9422\n",
    "excel-ru stock.csv 6b5353c5e033fcecd02b78aa29eb806a4b94aff3a17b756b021d85a3ec551cef\n",
    "excel-ru artisans.csv 1829f64cf64f930eb16092eaa1c78bf9c0ffcff80c0ccc852f4ecd16617b0d23\n",
    "excel-ru ledger.json 4630f68ac654e31ed0b77ea7bf84367928cafff44aa2907777836bb15c3110b1\n",
    "plain day.csv 4545872864f710c612b6990de99057e34adcc9a34abc3c469ddb91ee37ddbed2\n",
    "plain products.csv fdcbb8bc730cca67693a880dcee99b37ba41b6a207413b099ba37e819db9f49d\n",
    "plain sales.csv e333d411301a0118b347fe5a26e77d4d27227d71ac16cc7e767966ac829ec054\n",
    "plain returns.csv 8e5322f91b9e3721d357c657a195a9a316fd11e5993f6eef730803259d8875d2\n",
    "plain payments.csv 77f0c8b16996209eb4c8806a59c54b375c171ecad58ea91be2d26ca198c2f3f9\n",
    "plain tax.csv a6467093276d795e3279b6579e519c0fde79921d00fb0c018c183f2d9497c9f1\n",
    "plain stock.csv 37d9bf7a7cd9cb913d2c1aaa1dc2b4f0c614ff6826c473454749c5f6067aff75\n",
    "plain artisans.csv 118a13a7da1a579b2d9b3ae9103d11e78db8340bda39bf6aa93ca701830c1d6d\n",
    "plain ledger.json 4630f68ac654e31ed0b77ea7bf84367928cafff44aa2907777836bb15c3110b1\n",
);

const DAY_DIGESTS: &str = concat!(
    "excel-ru day.csv 0f32f613b935efa00876fa3bbfc279b7fbeb5ab4c6dcaea87cd43afb87eb7878\n",
    "excel-ru products.csv 2c9337b1fb0062e3cbfdb676e83ca9edbaad048d93b83a460f3ee18b48fa95c9\n",
    "excel-ru sales.csv c0021b04e8e17923f0fc1650c1833c9f1f7ae52d760d2a64e3e715772392be6d\n",
    "excel-ru returns.csv 5325c6d5d8d1e51ac91b128d0ffcfb9d9f10801d7a32bc420bf80469659b3079\n",
    "excel-ru payments.csv f699767bb9057049ed9b46f84a6b0bed618f30fee9d21fe0f0034c09eef85e46\n",
    "excel-ru tax.csv 271fc0dbb77aa7929093cf2d927da66e6afed404dfd049d321b1f8f0ae7f9422\n",
    "excel-ru stock.csv 6b5353c5e033fcecd02b78aa29eb806a4b94aff3a17b756b021d85a3ec551cef\n",
    "excel-ru artisans.csv 1829f64cf64f930eb16092eaa1c78bf9c0ffcff80c0ccc852f4ecd16617b0d23\n",
    "excel-ru ledger.json 3cc12151df927110d0a94026c46f8250f001cbab707250becc964f4c3d248b12\n",
    "plain day.csv 743f092c2304cee5e0b802d4b55eed62e944e76ff302de18aefcba0415d06834\n",
    "plain products.csv f2c43bf9066511f7a4224b2beae2c85c1f37193838da8a9b56895c5c9e360e20\n",
    "plain sales.csv e333d411301a0118b347fe5a26e77d4d27227d71ac16cc7e767966ac829ec054\n",
    "plain returns.csv 8e5322f91b9e3721d357c657a195a9a316fd11e5993f6eef730803259d8875d2\n",
    "plain payments.csv 77f0c8b16996209eb4c8806a59c54b375c171ecad58ea91be2d26ca198c2f3f9\n",
    "plain tax.csv a6467093276d795e3279b6579e519c0fde79921d00fb0c018c183f2d9497c9f1\n",
    "plain stock.csv 37d9bf7a7cd9cb913d2c1aaa1dc2b4f0c614ff6826c473454749c5f6067aff75\n",
    "plain artisans.csv 118a13a7da1a579b2d9b3ae9103d11e78db8340bda39bf6aa93ca701830c1d6d\n",
    "plain ledger.json 3cc12151df927110d0a94026c46f8250f001cbab707250becc964f4c3d248b12\n",
);

/// `ledger export --from --to`: one folder per business day, each the same bytes as that day exported alone and
/// verifying on its own; the calendar days without a business day are named; whatever would refuse (an open day,
/// a day's folder already written, a range backwards) refuses before the first folder is written.
#[test]
fn a_range_of_days_exports_one_verified_folder_per_day() {
    let shop = Shop::demo();
    closed_day(&shop);
    let root = shop.dir.path().to_path_buf();
    let out = root.join("month");
    let range_into = |out: &Path, extra: &[&str]| {
        let mut args = vec![
            "--json",
            "ledger",
            "export",
            "--from",
            "2026-11-27",
            "--to",
            "2026-11-30",
            "--out",
            out.to_str().expect("utf8"),
        ];
        args.extend_from_slice(extra);
        shop.usta(&args)
    };
    let range = |extra: &[&str]| range_into(&out, extra);

    let open = range(&[]);
    assert!(!open.status.success());
    assert!(stderr(&open).contains("2026-11-29 is still open"), "{}", stderr(&open));
    assert!(!out.exists(), "a refused range wrote nothing");

    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
        day::close(&mut ctx, &[Money::new(Decimal::from(1000), Currency::Kgs)]).expect("close the second day");
    }
    let onto_the_database = range_into(&shop.db, &[]);
    assert!(!onto_the_database.status.success());
    assert!(
        stderr(&onto_the_database).contains("nothing was written"),
        "{}",
        stderr(&onto_the_database)
    );
    assert!(shop.db.is_file(), "the database is still a file");
    assert_eq!(
        shop.open()
            .day_record(at(9, 0).date_naive())
            .expect("day")
            .map(|d| d.day),
        Some(at(9, 0).date_naive()),
        "and still opens with its days"
    );
    let backwards = shop.usta(&[
        "--lang",
        "ky",
        "ledger",
        "export",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-27",
        "--out",
        "x",
    ]);
    assert!(!backwards.status.success());
    assert!(stderr(&backwards).contains("алмаштырыңыз"), "{}", stderr(&backwards));

    let done = json(&range(&[]));
    let days: Vec<&str> = done["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["day"].as_str().expect("day"))
        .collect();
    assert_eq!(days, ["2026-11-28", "2026-11-29"]);
    assert_eq!(done["without_a_day"], serde_json::json!(["2026-11-27", "2026-11-30"]));
    for day in days {
        let dir = out.join(day);
        let verified = json(&shop.usta(&["--json", "ledger", "verify", dir.to_str().expect("utf8")]));
        assert_eq!(verified["day"], day);
        assert_eq!(verified["provisional"], false);
        let alone = root.join(format!("alone-{day}"));
        shop.usta(&[
            "ledger",
            "export",
            "--date",
            day,
            "--out",
            alone.to_str().expect("utf8"),
        ]);
        support::same_ledger_files(&dir, &alone, &format!("{day} in a range and alone"));
    }

    // A later day's folder already written: refused without --force before the first day is written again.
    let later = out.join("2026-11-29").join("sales.csv");
    let stamp = std::fs::metadata(&later).expect("sales.csv").modified().expect("mtime");
    std::fs::remove_dir_all(out.join("2026-11-28")).expect("remove the first day");
    let again = range(&[]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("2026-11-29"), "{}", stderr(&again));
    assert!(
        !out.join("2026-11-28").exists(),
        "the refusal came before the first folder"
    );
    assert_eq!(
        std::fs::metadata(&later).expect("kept").modified().expect("mtime"),
        stamp
    );
    let forced = json(&range(&["--force"]));
    assert_eq!(forced["days"].as_array().expect("days").len(), 2);
    assert!(out.join("2026-11-28").join("MANIFEST").exists());

    let none = shop.usta(&[
        "ledger",
        "export",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
        "--out",
        "y",
    ]);
    assert!(
        stderr(&none).contains("no business day from 2025-01-01 to 2025-01-31"),
        "{}",
        stderr(&none)
    );
}
