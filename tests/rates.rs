//! The National Bank's rates through the real binary: the windows-1251 fixtures import as dated sets that are
//! never overwritten, a bad file is refused with its line and reason and stores nothing, the URL path fetches
//! from a local server (and says so offline), and a conversion uses the rates of the sale's date.

mod support;

use rust_decimal::Decimal;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use support::{Shop, at, count, json, stderr, stdout};
use usta::app::Ctx;
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::currency::Currency;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn text(p: &Path) -> String {
    p.to_str().expect("path").to_string()
}

#[test]
fn fixtures_import_as_dated_sets_never_overwritten() {
    let shop = Shop::demo();
    let o = shop.usta(&["rates", "import", &text(&fixture("nbkr-daily.xml"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("imported 5 rates of 2026-11-28"), "{}", stdout(&o));
    let o = shop.usta(&["rates", "import", &text(&fixture("nbkr-weekly.xml"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&shop.db, "imported_rates"), 10);

    // The same file again changes nothing.
    let o = shop.usta(&["--json", "rates", "import", &text(&fixture("nbkr-daily.xml"))]);
    assert_eq!(json(&o)["result"], "unchanged", "{}", stdout(&o));
    assert_eq!(count(&shop.db, "imported_rates"), 10);

    // A later list adds a set; the earlier one stays, and each day sees its own.
    let later = shop.dir.path().join("daily-29.xml");
    let bytes = std::fs::read(fixture("nbkr-daily.xml")).expect("read");
    let bytes = String::from_utf8_lossy(&bytes)
        .replace("28.11.2026", "29.11.2026")
        .replace("87,4500", "88,0000");
    std::fs::write(&later, bytes.as_bytes()).expect("write");
    assert!(shop.usta(&["rates", "import", &text(&later)]).status.success());
    assert_eq!(count(&shop.db, "imported_rates"), 15);
    let usd = |date: &str| -> serde_json::Value {
        let o = shop.usta(&["--json", "rates", "list", "--date", date]);
        json(&o)
            .as_array()
            .expect("list")
            .iter()
            .find(|r| r["currency"] == "USD")
            .cloned()
            .expect("USD")
    };
    assert_eq!(usd("2026-11-28")["value"], "87.4500");
    assert_eq!(usd("2026-11-30")["value"], "88.0000");
    let o = shop.usta(&["--json", "rates", "list", "--date", "2026-11-30"]);
    let jpy = json(&o)
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["currency"] == "JPY")
        .cloned()
        .expect("JPY from the weekly list");
    assert_eq!(
        (jpy["nominal"].as_u64(), jpy["som_per_unit"].as_str()),
        (Some(100), Some("0.56881"))
    );
    assert!(shop.usta(&["verify"]).status.success(), "every import is journaled");

    // Conversion by date: a total on 28 November uses that day's rate, on 30 November the later one.
    let mut store = shop.open();
    let ctx = Ctx::new(&mut store, at(12, 0), Lang::Ky);
    let on = |d: u32| {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        ctx.store.rates_on(day).expect("rates")
    };
    let total = Som::whole(8745);
    assert_eq!(
        on(28).from_som(total, Currency::Usd).map(|m| m.amount),
        Ok(Decimal::from(100))
    );
    assert_eq!(
        on(30).from_som(total, Currency::Usd).map(|m| m.amount),
        Ok(Decimal::new(9938, 2))
    );
    assert_eq!(
        on(30).get(Currency::Usd).map(|r| r.date.to_string()).as_deref(),
        Some("2026-11-29")
    );
    drop(ctx);

    // A receipt of 28 November shows the total at that day's rate; one shown with rates more than three days
    // older than its sale says of when they are.
    let mut ctx = Ctx::new(&mut store, at(12, 0), Lang::Ru);
    let cash = [usta::domain::payment::Tender::som(
        usta::domain::payment::PaymentKind::Cash,
        Som::whole(5000),
    )];
    let sale = usta::app::checkout::sell(&mut ctx, &[("2100000000098".into(), Decimal::ONE)], &cash).expect("sale");
    let doc = usta::app::checkout::receipt(&ctx, &sale).expect("receipt");
    let usd = doc
        .foreign_totals
        .iter()
        .find(|m| m.currency == Currency::Usd)
        .expect("USD total");
    assert_eq!(usd.amount, (sale.total.amount() / Decimal::new(874500, 4)).round_dp(2));
    assert_eq!(doc.stale_rates, None);
    let text = usta::app::receipt_text::render(&doc, 48);
    assert!(!text.contains("курс на"), "{text}");
    let mut late = sale.clone();
    late.at = at(12, 0) + chrono::Duration::days(5);
    let shop_info = ctx.store.shop().expect("shop");
    let rates = ctx.store.rates_on(at(9, 0).date_naive()).expect("rates");
    let doc = usta::domain::receipt::ReceiptDoc::new(&late, &shop_info, Lang::Ru, &rates, doc.fiscal.clone());
    assert_eq!(doc.stale_rates.map(|d| d.to_string()).as_deref(), Some("2026-11-28"));
    let text = usta::app::receipt_text::render(&doc, 48);
    assert!(text.contains("(курс на 28.11.2026)"), "{text}");
}

/// Writes a daily file with `body` for its currencies.
fn daily(dir: &Path, name: &str, date: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\r\n<CurrencyRates Name=\"Daily Exchange Rates\" Date=\"{date}\">\r\n{body}</CurrencyRates>\r\n"
    );
    std::fs::write(&path, xml.as_bytes()).expect("write");
    path
}

/// Runs `job` on the shop's calendar day as the binary reads it (`usta::cli::shop_now`, Bishkek time) and runs
/// it again if that day changed while it ran: a date computed from "today" is then the binary's today too,
/// even across midnight in Bishkek.
fn on_one_day<T>(mut job: impl FnMut(chrono::NaiveDate) -> T) -> (chrono::NaiveDate, T) {
    loop {
        let today = usta::cli::shop_now().date_naive();
        let done = job(today);
        if usta::cli::shop_now().date_naive() == today {
            return (today, done);
        }
    }
}

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

const USD: &str =
    "  <Currency ISOCode=\"USD\">\r\n    <Nominal>1</Nominal>\r\n    <Value>87,4500</Value>\r\n  </Currency>\r\n";

#[test]
fn bad_files_are_refused_with_the_line_and_store_nothing() {
    let shop = Shop::demo();
    let dir = shop.dir.path();
    let utf16 = dir.join("utf16.xml");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "<?xml version=\"1.0\"?><CurrencyRates/>".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).expect("write");
    let mut cases: Vec<(PathBuf, &str)> = vec![
        (utf16, "line 1: the file is UTF-16"),
        (
            daily(
                dir,
                "novalue.xml",
                "28.11.2026",
                "  <Currency ISOCode=\"EUR\">\r\n    <Nominal>1</Nominal>\r\n  </Currency>\r\n",
            ),
            "line 3: EUR has no <Value>",
        ),
        (
            daily(dir, "zero.xml", "28.11.2026", &USD.replace("87,4500", "0,0000")),
            "line 5: USD: Value 0,0000 is not positive",
        ),
        (
            daily(dir, "twice.xml", "28.11.2026", &format!("{USD}{USD}")),
            "line 7: USD appears twice",
        ),
    ];
    let latin = daily(dir, "latin.xml", "28.11.2026", USD);
    let xml = std::fs::read_to_string(&latin)
        .expect("read")
        .replace("windows-1251", "iso-8859-5");
    std::fs::write(&latin, xml).expect("write");
    cases.push((latin, "line 1: encoding iso-8859-5 is not the National Bank's"));
    for (path, want) in cases {
        let o = shop.usta(&["rates", "import", &text(&path)]);
        assert!(!o.status.success(), "{} accepted", path.display());
        let err = stderr(&o);
        assert!(
            err.contains(want) && err.contains("nothing was stored"),
            "{}: {err}",
            path.display()
        );
    }
    // A list dated the day after tomorrow, on the binary's own today.
    let (today, o) = on_one_day(|today| {
        let future = daily(dir, "future.xml", &dmy(today + chrono::Days::new(2)), USD);
        shop.usta(&["rates", "import", &text(&future)])
    });
    assert!(!o.status.success(), "a list two days ahead was accepted");
    let want = format!(
        "line 2: the rates are dated {}, after {}",
        today + chrono::Days::new(2),
        today + chrono::Days::new(1)
    );
    let err = stderr(&o);
    assert!(err.contains(&want) && err.contains("nothing was stored"), "{err}");
    assert_eq!(count(&shop.db, "imported_rates"), 0);
}

#[test]
fn tomorrows_rates_are_taken_but_wait_for_their_day() {
    // The bank's afternoon list for tomorrow is taken; one for the day after is refused with its line and why.
    // Both are dated from the binary's own today, on a fresh shop should midnight pass in between.
    let (today, (shop, taken, o)) = on_one_day(|today| {
        let shop = Shop::demo();
        let dir = shop.dir.path();
        let tomorrow = daily(dir, "tomorrow.xml", &dmy(today + chrono::Days::new(1)), USD);
        let taken = shop.usta(&["rates", "import", &text(&tomorrow)]);
        let later = daily(dir, "later.xml", &dmy(today + chrono::Days::new(2)), USD);
        let refused = shop.usta(&["rates", "import", &text(&later)]);
        (shop, taken, refused)
    });
    let dir = shop.dir.path();
    let day = |n: u64| today + chrono::Days::new(n);
    assert!(taken.status.success(), "{}", stderr(&taken));
    assert!(
        stdout(&taken).contains(&format!("imported 1 rates of {}", day(1))),
        "{}",
        stdout(&taken)
    );
    assert!(!o.status.success(), "a list two days ahead was accepted");
    let err = stderr(&o);
    let want = format!("line 2: the rates are dated {}, after {}", day(2), day(1));
    assert!(err.contains(&want) && err.contains("nothing was stored"), "{err}");
    assert_eq!(count(&shop.db, "imported_rates"), 1);

    // Through the use case at a fixed clock: on 28 November the list of the 29th is taken, the 30th's is not,
    // and a sale uses the rates of its own date, so the 29th's rates wait for the 29th.
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(15, 0), Lang::Ru);
    let file = |date: &str, value: &str| {
        let path = daily(dir, &format!("d-{date}.xml"), date, &USD.replace("87,4500", value));
        std::fs::read(path).expect("read")
    };
    usta::app::rates::import_bytes(&mut ctx, "today.xml", &file("28.11.2026", "87,4500")).expect("today's rates");
    let next = usta::app::rates::import_bytes(&mut ctx, "next.xml", &file("29.11.2026", "90,0000"));
    assert_eq!(next.map(|i| i.date.to_string()).ok().as_deref(), Some("2026-11-29"));
    let refused = usta::app::rates::import_bytes(&mut ctx, "far.xml", &file("30.11.2026", "95,0000"));
    let refused = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        refused.contains("far.xml: line 2: the rates are dated 2026-11-30, after 2026-11-29"),
        "{refused}"
    );
    let cash = [usta::domain::payment::Tender::som(
        usta::domain::payment::PaymentKind::Cash,
        Som::whole(5000),
    )];
    let usd_of = |ctx: &mut Ctx<'_>| {
        let sale = usta::app::checkout::sell(ctx, &[("2100000000098".into(), Decimal::ONE)], &cash).expect("sale");
        let doc = usta::app::checkout::receipt(ctx, &sale).expect("receipt");
        let usd = doc
            .foreign_totals
            .iter()
            .find(|m| m.currency == Currency::Usd)
            .expect("USD");
        (sale.total.amount(), usd.amount)
    };
    let (total, usd) = usd_of(&mut ctx);
    assert_eq!(
        usd,
        (total / Decimal::new(874500, 4)).round_dp(2),
        "today sells at today's rate"
    );
    drop(ctx);
    let mut ctx = Ctx::new(&mut store, at(15, 0) + chrono::Duration::days(1), Lang::Ru);
    let (total, usd) = usd_of(&mut ctx);
    assert_eq!(
        usd,
        (total / Decimal::from(90)).round_dp(2),
        "tomorrow sells at tomorrow's rate"
    );
}

/// Serves `body` once per connection on 127.0.0.1 for `n` requests.
fn serve(body: Vec<u8>, n: usize) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let handle = std::thread::spawn(move || {
        let mut requests = Vec::new();
        for _ in 0..n {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut buf = [0u8; 4096];
            let len = stream.read(&mut buf).expect("read");
            requests.push(String::from_utf8_lossy(&buf[..len]).into_owned());
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).expect("head");
            stream.write_all(&body).expect("body");
        }
        requests
    });
    (port, handle)
}

#[test]
fn a_web_address_is_fetched_and_offline_says_so() {
    let shop = Shop::demo();
    let (port, server) = serve(std::fs::read(fixture("nbkr-daily.xml")).expect("fixture"), 1);
    let url = format!("http://127.0.0.1:{port}/XML/daily.xml");
    let o = shop.usta(&["rates", "import", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let requests = server.join().expect("server");
    assert!(requests[0].starts_with("GET /XML/daily.xml HTTP/1.1"), "{requests:?}");
    assert_eq!(count(&shop.db, "imported_rates"), 5);

    // Nothing listens on a port just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let o = shop.usta(&["rates", "import", &format!("http://127.0.0.1:{port}/XML/daily.xml")]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is this PC online?"), "{}", stderr(&o));
    assert_eq!(count(&shop.db, "imported_rates"), 5);
}

#[test]
fn only_a_manager_imports_rates() {
    let shop = Shop::demo();
    let o = support::usta_unsigned(
        &shop.db,
        &[
            "--as",
            support::CASHIER.0,
            "--pin",
            support::CASHIER.1,
            "rates",
            "import",
            &text(&fixture("nbkr-daily.xml")),
        ],
    );
    assert!(!o.status.success(), "a cashier may not import rates");
    assert_eq!(count(&shop.db, "imported_rates"), 0);
}
