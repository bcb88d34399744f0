//! XLSX views written by the real binary and read back with an independent reader (calamine): amounts are number
//! cells, times are date-time cells, a barcode with a leading zero is a text cell, the sums row adds up to the Z
//! report (VAT and sales tax included), sheet names and headers follow `--lang`, and the ledger folder with its
//! workbook still verifies (the workbook is not in the MANIFEST).

mod support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use std::path::Path;
use support::{Shop, at, stderr};
use usta::app::{Ctx, catalog, checkout, day, returns};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::payment::{PaymentKind, Tender};

const HAT: &str = "2100000000098";
/// A real EAN-13 whose leading zero a spreadsheet drops when it takes the code for a number.
const ZERO: &str = "0036000291452";

/// A closed day (cash and card sales, a return, the leading-zero product sold) and an open next day with a sale.
fn closed_day(shop: &Shop) {
    let csv = format!("barcode;name_ky;name_ru;name_en;category;price;opening_stock\n{ZERO};Чай;Чай;Tea;food;150;20\n");
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(8, 0), Lang::Ky);
    catalog::import(&mut ctx, "zero.csv", csv.as_bytes()).expect("import");
    ctx.now = at(9, 0);
    day::open(&mut ctx, &[Money::new(Decimal::from(5000), Currency::Kgs)]).expect("open");
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(200_000))];
    let card = [Tender::som(PaymentKind::Card, Som::whole(2650))];
    let first = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::from(2))], &cash).expect("sale");
    checkout::sell(
        &mut ctx,
        &[(HAT.into(), Decimal::ONE), (ZERO.into(), Decimal::ONE)],
        &card,
    )
    .expect("card");
    let shyrdak = ctx.store.search("шырдак", 1).expect("search")[0].product.barcodes[0].to_string();
    checkout::sell(&mut ctx, &[(shyrdak, Decimal::ONE)], &cash).expect("sale");
    returns::return_items(&mut ctx, first.receipt_no.expect("no"), &[], PaymentKind::Cash).expect("return");
    ctx.now = at(19, 0);
    day::close(&mut ctx, &[Money::new(Decimal::from(1000), Currency::Kgs)]).expect("close");
    ctx.now = at(19, 30);
    checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &cash).expect("next day's sale");
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sheet's cells by header: rows below the header, the last (sums) row apart.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Data>>,
    sums: Vec<Data>,
}

fn table(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str, sums: bool) -> Table {
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}; sheets: {:?}", book.sheet_names()));
    let mut rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = rows.remove(0).iter().map(|c| c.to_string()).collect();
    let sums = if sums {
        rows.pop().expect("sums row")
    } else {
        Vec::new()
    };
    Table { header, rows, sums }
}

impl Table {
    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name} in {:?}", self.header))
    }

    /// The sums row's value of a column, as the tyiyn it is.
    fn sum(&self, name: &str) -> Decimal {
        number(&self.sums[self.col(name)])
    }
}

fn number(cell: &Data) -> Decimal {
    match cell {
        Data::Float(v) => Decimal::try_from(*v).expect("decimal").round_dp(2),
        Data::Int(v) => Decimal::from(*v),
        other => panic!("{other:?} is not a number cell"),
    }
}

fn run(shop: &Shop, args: &[&str]) {
    let o = shop.usta(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

#[test]
fn every_workbook_is_typed_and_sums_to_the_z_report() {
    let shop = Shop::demo();
    closed_day(&shop);
    let day = at(9, 0).date_naive();
    let z = {
        let mut store = shop.open();
        let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
        day::z_report(&ctx, day).expect("z")
    };
    assert!(z.sales_count == 3 && z.returns_count == 1, "{z:?}");
    let vat: Som = z.tax.iter().map(|t| t.vat).sum();
    let sales_tax: Som = z.tax.iter().map(|t| t.sales_tax).sum();
    assert!(
        vat > Som::ZERO && sales_tax > Som::ZERO,
        "the day has both taxes: {z:?}"
    );

    // The ledger, in Russian.
    let dir = shop.dir.path().join("ledger");
    let out = dir.to_str().expect("path");
    let date = day.to_string();
    run(
        &shop,
        &[
            "--lang", "ru", "ledger", "export", "--date", &date, "--out", out, "--format", "xlsx",
        ],
    );
    run(&shop, &["ledger", "verify", out]);
    let mut book = open(&dir.join("ledger.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["День", "Продажи", "Возвраты", "Оплаты", "Налоги", "Склад", "Мастера"]
    );
    let sales = table(&mut book, "Продажи", true);
    assert_eq!(sales.sum("Сумма к оплате"), z.sales_total.amount());
    let barcode = sales.col("Штрихкод");
    let zero_row = sales
        .rows
        .iter()
        .find(|r| r[barcode] == Data::String(ZERO.into()))
        .unwrap_or_else(|| panic!("{ZERO} kept as text: {:?}", sales.rows));
    assert!(
        matches!(zero_row[sales.col("Время")], Data::DateTime(t) if t.is_datetime()),
        "a time is a date-time cell: {:?}",
        zero_row[sales.col("Время")]
    );
    assert!(matches!(zero_row[sales.col("Цена")], Data::Float(_)));
    assert_eq!(number(&zero_row[sales.col("Цена")]), Decimal::from(150));
    let returns = table(&mut book, "Возвраты", true);
    assert_eq!(returns.sum("Сумма к оплате"), z.returns_total.amount());
    let tax = table(&mut book, "Налоги", true);
    assert_eq!(tax.sum("Сумма"), z.net.amount());
    assert_eq!(tax.sum("НДС"), vat.amount());
    assert_eq!(tax.sum("Налог с продаж"), sales_tax.amount());
    let day_sheet = table(&mut book, "День", false);
    let net_row = day_sheet
        .rows
        .iter()
        .find(|r| r[0] == Data::String("Итого нетто".into()))
        .expect("net row");
    assert_eq!(number(&net_row[1]), z.net.amount());

    // The X report of the open day and the Z report of its close, in Kyrgyz (the default).
    let x = shop.dir.path().join("x.xlsx");
    run(
        &shop,
        &["day", "x", "--format", "xlsx", "--out", x.to_str().expect("path")],
    );
    let mut book = open(&x);
    assert_eq!(book.sheet_names(), ["Отчёт", "Салыктар", "Касса"]);
    let tax = table(&mut book, "Салыктар", true);
    assert!(tax.sum("Сумма") > Decimal::ZERO);
    let zfile = shop.dir.path().join("z.xlsx");
    let zpath = zfile.to_str().expect("path");
    run(
        &shop,
        &["day", "close", "--count", "KGS:0", "--format", "xlsx", "--out", zpath],
    );
    let mut book = open(&zfile);
    let summary = table(&mut book, "Отчёт", false);
    assert!(
        matches!(summary.rows[0][1], Data::DateTime(d) if !d.is_datetime() || d.as_f64().fract() == 0.0),
        "the day is a date cell: {:?}",
        summary.rows[0]
    );

    // Artisans' statements and the pool report, in English.
    let st = shop.dir.path().join("statement.xlsx");
    let stp = st.to_str().expect("path");
    run(
        &shop,
        &[
            "--lang",
            "en",
            "artisans",
            "statement",
            "--from",
            &date,
            "--to",
            &date,
            "--xlsx",
            stp,
        ],
    );
    let mut book = open(&st);
    let s = table(&mut book, "Statements", true);
    assert!(matches!(s.rows[0][s.col("Artisan")], Data::String(_)));
    assert!(matches!(s.rows[0][s.col("From")], Data::DateTime(_)));
    let artisans = {
        let mut store = shop.open();
        let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
        usta::app::artisans::statements(&ctx, day, day, None).expect("statements")
    };
    let owed: Som = artisans.iter().map(|a| a.totals.owed).sum();
    assert_eq!(s.sum("Owed"), owed.amount());

    let pool = shop.dir.path().join("pool.db");
    let pool = pool.to_str().expect("path");
    run(&shop, &["pool", "import", out, "--pool", pool]);
    let report = shop.dir.path().join("pool.xlsx");
    let rp = report.to_str().expect("path");
    run(
        &shop,
        &[
            "--lang", "en", "pool", "report", "--format", "xlsx", "--out", rp, "--pool", pool,
        ],
    );
    let mut book = open(&report);
    let p = table(&mut book, "Pool", true);
    assert_eq!(p.header, ["Shop", "Sales", "Returns", "Net", "Items"]);
    assert_eq!(p.sum("Net"), z.net.amount());
    assert!(matches!(p.rows[0][0], Data::String(_)));
}

#[test]
fn an_xlsx_needs_a_file_and_refuses_the_database() {
    let shop = Shop::demo();
    closed_day(&shop);
    let o = shop.usta(&["pool", "report", "--format", "xlsx"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--out FILE"), "{}", stderr(&o));
    let db = shop.db.to_str().expect("path");
    let o = shop.usta(&["day", "x", "--format", "xlsx", "--out", db, "--force"]);
    assert!(!o.status.success(), "the database is never an output");
    assert!(shop.open().shop().is_ok(), "the database is untouched");
}

#[test]
fn without_lang_a_workbook_is_in_the_shops_language() {
    let shop = Shop::demo();
    closed_day(&shop);
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
        let mut settings = usta::app::settings::load(&ctx).expect("settings");
        settings.preferences.lang = Lang::En;
        usta::app::settings::save(&mut ctx, &settings).expect("the shop speaks English");
    }
    let dir = shop.dir.path();
    let sheets = |path: &Path| open(path).sheet_names();
    let ledger = dir.join("ledger");
    let out = ledger.to_str().expect("path");
    run(
        &shop,
        &[
            "ledger",
            "export",
            "--date",
            "2026-11-28",
            "--out",
            out,
            "--format",
            "xlsx",
        ],
    );
    assert_eq!(
        sheets(&ledger.join("ledger.xlsx")),
        ["Day", "Sales", "Returns", "Payments", "Tax", "Stock", "Artisans"]
    );
    let x = dir.join("x.xlsx");
    let xp = x.to_str().expect("path");
    run(&shop, &["day", "x", "--format", "xlsx", "--out", xp]);
    assert_eq!(sheets(&x), ["Report", "Tax", "Drawer"]);
    // --lang still wins.
    run(
        &shop,
        &["--lang", "ky", "day", "x", "--format", "xlsx", "--out", xp, "--force"],
    );
    assert_eq!(sheets(&x), ["Отчёт", "Салыктар", "Касса"]);
    let st = dir.join("statement.xlsx");
    let stp = st.to_str().expect("path");
    run(
        &shop,
        &[
            "artisans",
            "statement",
            "--from",
            "2026-11-28",
            "--to",
            "2026-11-28",
            "--xlsx",
            stp,
        ],
    );
    assert_eq!(sheets(&st), ["Statements"]);
    let pool = dir.join("pool.db");
    let pool = pool.to_str().expect("path");
    run(&shop, &["pool", "import", out, "--pool", pool]);
    let report = dir.join("pool.xlsx");
    let rp = report.to_str().expect("path");
    run(
        &shop,
        &["pool", "report", "--format", "xlsx", "--out", rp, "--pool", pool],
    );
    assert_eq!(sheets(&report), ["Pool"]);
}
