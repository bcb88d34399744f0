//! Artisan statements and payouts on a real database: commission per line, returns giving commission back,
//! partial payouts carried into the next period, overpaying refused, the slip on paper and the CSV.

mod support;

use chrono::{DateTime, FixedOffset, TimeZone};
use rust_decimal::Decimal;
use std::time::Duration;
use support::{Shop, at, json, stderr};
use usta::app::{Ctx, artisans, checkout, day, printing, returns};
use usta::domain::Som;
use usta::domain::artisan::commission;
use usta::domain::catalog::Lang;
use usta::domain::ledger::Dialect;
use usta::domain::payment::{PaymentKind, Tender};
use usta_printer::{VirtualOptions, VirtualPrinter};

const HAT: &str = "2100000000098";

fn next_day(hour: u32) -> DateTime<FixedOffset> {
    usta::domain::bishkek()
        .with_ymd_and_hms(2026, 11, 29, hour, 0, 0)
        .single()
        .expect("time")
}

fn date(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// Day 1: two hats sold, one returned, day closed. Returns (artisan code, commission %, hat price).
fn first_day(ctx: &mut Ctx<'_>) -> (String, Decimal, Som) {
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(10_000))];
    let sale = checkout::sell(ctx, &[(HAT.into(), Decimal::TWO)], &cash).expect("sale");
    let line = &sale.lines[0];
    let artisan = line.artisan.clone().expect("the hat is an artisan's");
    let pct = line.commission_pct.expect("commission recorded on the line");
    let unit = line.unit_price;
    returns::return_items(
        ctx,
        sale.receipt_no.expect("no"),
        &[(HAT.into(), Decimal::ONE)],
        PaymentKind::Cash,
    )
    .expect("return");
    ctx.now = at(19, 0);
    day::close(ctx, &[]).expect("close");
    (artisan, pct, unit)
}

#[test]
fn statement_math_with_commission_returns_and_partial_payouts() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let (code, pct, price) = first_day(&mut ctx);
    let per_hat = commission(price, pct);
    assert!(per_hat.is_positive());

    let s = &artisans::statements(&ctx, date(28), date(28), Some(&code)).expect("statement")[0];
    let t = &s.totals;
    assert_eq!((t.items_sold, t.items_returned), (Decimal::TWO, Decimal::ONE));
    assert_eq!(t.gross, price);
    // 2 hats' commission (rounded on the sold line) less the returned hat's.
    let two = commission(Som::new(price.amount() * Decimal::TWO), pct);
    assert_eq!(t.commission, two - per_hat);
    assert_eq!(t.owed, price - per_hat);
    assert_eq!(
        (s.brought_forward, s.already_paid, s.balance),
        (Som::ZERO, Som::ZERO, t.owed)
    );

    ctx.now = next_day(10);
    day::open(&mut ctx, &[]).expect("open day 2");
    let too_much = artisans::pay(&mut ctx, &code, t.owed + Som::whole(1), "");
    assert!(
        matches!(&too_much, Err(e) if e.to_string().contains("would pay too much")),
        "{too_much:?}"
    );
    let paid = artisans::pay(&mut ctx, &code, Som::whole(1000), "first part").expect("pay");
    assert_eq!(paid.balance_after, t.owed - Som::whole(1000));
    assert_eq!(paid.payout.day, date(29));

    let s2 = &artisans::statements(&ctx, date(29), date(29), Some(&code)).expect("statement")[0];
    assert_eq!(s2.brought_forward, t.owed, "day 1's earnings are carried in");
    assert_eq!(s2.already_paid, Som::whole(1000));
    assert_eq!(s2.balance, t.owed - Som::whole(1000));
    let both = &artisans::statements(&ctx, date(28), date(29), Some(&code)).expect("statement")[0];
    assert_eq!((both.totals.owed, both.balance), (t.owed, s2.balance));

    // The payout left the drawer: day 2's X report counts it.
    let x = day::x_report(&ctx).expect("x");
    let kgs = &x.drawer[0];
    assert_eq!(kgs.flow.payouts, Decimal::from(1000));
    assert_eq!(kgs.expected, Decimal::from(-1000));
    let kinds = ctx.store.journal_kinds().expect("journal");
    assert!(kinds.iter().any(|(_, k, _)| k == "payout"));
    assert!(matches!(
        artisans::statements(&ctx, date(28), date(29), Some("NOPE")),
        Err(e) if e.to_string().contains("no artisan")
    ));
}

#[test]
fn payout_slip_prints_in_kyrgyz_and_statement_csv_parses_back() {
    let shop = Shop::demo();
    let printer = VirtualPrinter::start(
        "127.0.0.1:0",
        shop.dir.path().join("jobs"),
        VirtualOptions {
            png: false,
            ..VirtualOptions::default()
        },
    )
    .expect("printer");
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let (code, pct, price) = first_day(&mut ctx);
    let per_hat = commission(price, pct);
    ctx.now = next_day(10);
    artisans::pay(&mut ctx, &code, Som::whole(500), "").expect("pay");
    printing::save_settings(
        &mut ctx,
        &printing::PrinterSettings {
            uri: printer.uri().to_string(),
            profile: "epson".into(),
        },
    )
    .expect("printer");
    let target = printing::target(&ctx, None, None).expect("target");
    // The Z report of day 1 and the payout slip.
    let report = printing::print_queue(&mut ctx, &target).expect("print");
    assert_eq!((report.printed.len(), report.failed), (2, None));
    let jobs = printer.wait_for_jobs(2, Duration::from_secs(10));
    let slip = &jobs[1].text;
    assert!(slip.contains("ЧЕБЕРГЕ ТӨЛӨМ"), "{slip}");
    assert!(slip.contains("500,00 сом"), "{slip}");
    let balance = price - per_hat - Som::whole(500);
    assert!(
        slip.contains(&usta::domain::money::group_decimal(balance.amount(), 2)),
        "balance {balance} on {slip}"
    );
    drop(store);

    let file = shop.dir.path().join("statement.csv");
    let out = shop.usta(&[
        "--json",
        "artisans",
        "statement",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--csv",
        file.to_str().expect("utf8"),
        "--dialect",
        "excel-ru",
    ]);
    let rows = json(&out);
    assert_eq!(
        rows.as_array().expect("rows").len(),
        8,
        "every artisan of the demo shop"
    );
    let bytes = std::fs::read(&file).expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let row = reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| r[0] == *code)
        .expect("the hat's artisan");
    assert_eq!(Dialect::ExcelRu.parse_number(&row[13]), Some(balance.amount()));
    assert_eq!(Dialect::ExcelRu.parse_number(&row[12]), Some(Decimal::from(500)));

    let over = shop.usta(&["artisans", "pay", &code, "999999"]);
    assert!(!over.status.success() && stderr(&over).contains("would pay too much"));
    let paid = json(&shop.usta(&["--json", "artisans", "pay", &code, "100"]));
    assert_eq!(paid["payout"]["amount"], "100");
}

#[test]
fn two_tills_cannot_together_pay_more_than_is_owed() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::Ky);
    checkout::sell(
        &mut ctx,
        &[(HAT.into(), Decimal::ONE)],
        &[Tender::som(PaymentKind::Cash, Som::whole(2500))],
    )
    .expect("sale");
    let owed = artisans::balance(&ctx, "A02").expect("balance");
    assert!(owed.is_positive());
    // Till 1 read the balance (nothing paid yet); till 2 pays all of it first.
    let paid_before = Som::ZERO;
    artisans::pay(&mut ctx, "A02", owed, "till 2").expect("till 2 pays");
    let late = ctx.store.record_payout(&at(10, 5), "A02", owed, "till 1", paid_before);
    assert!(
        late.is_err_and(|e| e.to_string().contains("recorded meanwhile")),
        "the stale payout is refused"
    );
    assert_eq!(artisans::balance(&ctx, "A02").expect("balance"), Som::ZERO);
}

#[test]
fn statements_print_in_kyrgyz_on_the_receipt_printer() {
    let shop = Shop::demo();
    let printer = VirtualPrinter::start(
        "127.0.0.1:0",
        shop.dir.path().join("jobs"),
        VirtualOptions {
            png: false,
            ..VirtualOptions::default()
        },
    )
    .expect("virtual printer");
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    let today = chrono::Utc::now()
        .with_timezone(&usta::domain::bishkek())
        .date_naive()
        .to_string();
    let out = shop.usta(&[
        "artisans",
        "statement",
        "--from",
        "2026-01-01",
        "--to",
        &today,
        "--artisan",
        "A02",
        "--print",
        "--printer",
        &printer.uri().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let jobs = printer.wait_for_jobs(1, Duration::from_secs(10));
    assert!(jobs[0].text.contains("Бактыгүл Осмонова"), "{}", jobs[0].text);
    assert!(
        !jobs[0].text.contains("[raster"),
        "Kyrgyz letters print as text on the epson profile"
    );
}
