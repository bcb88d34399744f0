//! `usta report sales` on a real database: two business days, two cashiers, cash, card, QR and a mixed payment,
//! a return on the second day of a sale of the first; every figure checked, by product, cashier and payment kind.

mod support;

use chrono::TimeZone;
use rust_decimal::Decimal;
use serde_json::Value;
use support::{CASHIER, MANAGER, Shop, at, json, stderr, usta_on};
use usta::app::{Ctx, checkout, day, returns};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::user::Actor;

const HAT: &str = "2100000000098"; // 2 500 som
const CARPET: &str = "2100000000142"; // 25 000 som
const SLIPPERS: &str = "2100000000012"; // Кийиз тапочка боз 38, 1 350 som

fn on_27th(hour: u32) -> chrono::DateTime<chrono::FixedOffset> {
    usta::domain::bishkek()
        .with_ymd_and_hms(2026, 11, 27, hour, 0, 0)
        .single()
        .expect("time")
}

fn actor(store: &usta::store::Store, name: &str) -> Actor {
    let u = store.user_by_name(name).expect("users").expect("user");
    Actor {
        id: Some(u.id),
        name: u.name,
        role: u.role,
    }
}

/// 27.11: the cashier sells two hats for cash, the manager a carpet by card; the day is closed.
/// 28.11 (left open): the cashier sells slippers by QR and a hat paid 1 000 by card and 2 000 in cash (500
/// change); the manager takes one of the 27th's hats back in cash.
pub fn two_days() -> Shop {
    let shop = Shop::demo();
    let mut store = shop.open();
    let cashier = actor(&store, CASHIER.0);
    let manager = actor(&store, MANAGER.0);
    let one = |code: &str, n: i64| vec![(code.to_string(), Decimal::from(n))];
    {
        let mut ctx = Ctx::new(&mut store, on_27th(10), Lang::Ky).acting_as(cashier.clone());
        checkout::sell(
            &mut ctx,
            &one(HAT, 2),
            &[Tender::som(PaymentKind::Cash, Som::whole(5000))],
        )
        .expect("hats");
    }
    {
        let mut ctx = Ctx::new(&mut store, on_27th(11), Lang::Ky).acting_as(manager.clone());
        checkout::sell(
            &mut ctx,
            &one(CARPET, 1),
            &[Tender::som(PaymentKind::Card, Som::whole(25_000))],
        )
        .expect("carpet");
        let expected = returns::cash_in_drawer(&ctx).expect("drawer");
        day::close(&mut ctx, &[Money::new(expected.amount(), Currency::Kgs)]).expect("close the 27th");
    }
    {
        let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::Ky).acting_as(cashier);
        checkout::sell(
            &mut ctx,
            &one(SLIPPERS, 1),
            &[Tender::som(PaymentKind::Qr, Som::whole(1350))],
        )
        .expect("slippers");
        checkout::sell(
            &mut ctx,
            &one(HAT, 1),
            &[
                Tender::som(PaymentKind::Card, Som::whole(1000)),
                Tender::som(PaymentKind::Cash, Som::whole(2000)),
            ],
        )
        .expect("mixed");
    }
    {
        let mut ctx = Ctx::new(&mut store, at(12, 0), Lang::Ky).acting_as(manager);
        returns::return_items(&mut ctx, 1, &one(HAT, 1), PaymentKind::Cash).expect("return a hat");
    }
    shop
}

fn report(shop: &Shop, args: &[&str]) -> Value {
    let mut all = vec!["--json", "report", "sales"];
    all.extend_from_slice(args);
    json(&shop.usta(&all))
}

/// The rows as (first field, the money fields named) for comparing.
fn rows(v: &Value, key: &str, fields: &[&str]) -> Vec<Vec<String>> {
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let mut out = vec![r[key].as_str().map_or_else(|| r[key].to_string(), str::to_string)];
            out.extend(
                fields
                    .iter()
                    .map(|f| r[*f].as_str().map_or_else(|| r[*f].to_string(), str::to_string)),
            );
            out
        })
        .collect()
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

#[test]
fn sales_by_product_cashier_and_payment_over_two_days() {
    let shop = two_days();
    let range = ["--from", "2026-11-27", "--to", "2026-11-28"];

    let mut args = range.to_vec();
    args.extend(["--by", "product"]);
    let products = report(&shop, &args);
    assert_eq!(products["revenue"], "31350.00");
    assert_eq!(
        rows(&products, "name", &["qty", "revenue"]),
        strings(&[
            &["Шырдак 100×150 см", "1", "25000.00"],
            &["Ак калпак", "2", "5000.00"],
            &["Кийиз тапочка боз 38", "1", "1350.00"],
        ])
    );

    let mut args = range.to_vec();
    args.extend(["--by", "cashier"]);
    let cashiers = report(&shop, &args);
    assert_eq!(
        rows(
            &cashiers,
            "cashier",
            &["sales", "sales_total", "returns", "returns_total", "net"]
        ),
        strings(&[
            &[MANAGER.0, "1", "25000.00", "1", "2500.00", "22500.00"],
            &[CASHIER.0, "3", "8850.00", "0", "0.00", "8850.00"],
        ])
    );

    let mut args = range.to_vec();
    args.extend(["--by", "payment"]);
    let payments = report(&shop, &args);
    assert_eq!(
        rows(&payments, "kind", &["sales", "refunds", "net"]),
        strings(&[
            &["cash", "6500.00", "2500.00", "4000.00"],
            &["card", "26000.00", "0.00", "26000.00"],
            &["qr", "1350.00", "0.00", "1350.00"],
        ])
    );
}

#[test]
fn today_is_the_open_business_day_and_yesterday_the_one_before() {
    let shop = two_days();
    // The calendar says otherwise (the test runs on a real clock); the open day is the 28th.
    let today = report(&shop, &["--period", "today", "--by", "payment"]);
    assert_eq!(
        (today["from"].as_str(), today["to"].as_str()),
        (Some("2026-11-28"), Some("2026-11-28"))
    );
    assert_eq!(
        rows(&today, "kind", &["sales", "refunds"]),
        strings(&[
            &["cash", "1500.00", "2500.00"],
            &["card", "1000.00", "0.00"],
            &["qr", "1350.00", "0.00"]
        ])
    );
    let default = report(&shop, &["--by", "payment"]);
    assert_eq!(default["rows"], today["rows"], "no range is today's business day");
    let yesterday = report(&shop, &["--period", "yesterday"]);
    assert_eq!(yesterday["from"], "2026-11-27");
    assert_eq!(yesterday["revenue"], "30000.00");
    // The hat sold on the 28th came back the same day in number: net nothing; the 27th's hats are one.
    let hats = |v: &Value| {
        v["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["name"] == "Ак калпак")
            .map(|r| (r["qty"].clone(), r["revenue"].clone()))
    };
    let today = report(&shop, &["--period", "today"]);
    assert_eq!(hats(&today), Some((Value::from(0), Value::from("0.00"))));
}

#[test]
fn a_cashier_may_not_run_a_report_and_a_backwards_range_is_refused() {
    let shop = two_days();
    let out = usta_on(
        &shop.db,
        &[
            "--as", CASHIER.0, "--pin", CASHIER.1, "report", "sales", "--period", "today",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("report sales needs a manager"),
        "{}",
        stderr(&out)
    );
    let out = shop.usta(&["report", "sales", "--from", "2026-11-28", "--to", "2026-11-27"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("starts (2026-11-28) after it ends (2026-11-27)"),
        "{}",
        stderr(&out)
    );
}

mod window {
    use super::*;
    use support::ui::{click, sees, send, till, type_into};
    use usta::app::reports::{Period, Range};
    use usta::ui::app::{Message, Screen};
    use usta::ui::reports::{FROM, Message as R, TO, View};

    fn som(text: &str) -> String {
        format!("{}\u{a0}сом", text.replace(' ', "\u{a0}"))
    }

    fn date(s: &str) -> chrono::NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn the_range_and_the_view_toggles_show_what_is_highlighted() {
        let shop = two_days();
        let mut app = till(&shop);
        send(&mut app, Message::Go(Screen::Reports));
        // Today is the open business day; the best sellers are the first view.
        assert_eq!(app.reports.period, Some(Period::Today));
        assert_eq!(app.reports.view, View::Products);
        assert_eq!(
            app.reports.range(),
            Some(Range {
                from: date("2026-11-28"),
                to: date("2026-11-28")
            })
        );
        assert_eq!(app.reports.from, "28.11.2026");
        assert!(sees(&app, "Эң көп сатылгандар") && sees(&app, &som("1 350,00")));

        click(&mut app, "Кечээ");
        assert_eq!(app.reports.period, Some(Period::Yesterday));
        assert_eq!(app.reports.from, "27.11.2026");
        assert!(sees(&app, &som("30 000,00")), "the 27th's best sellers come to 30 000");

        // Typed dates: both days. (The simulator's click puts the cursor mid-field once the text reaches it, so
        // the fields get their text as the input sends it and one key typed at the end.)
        send(&mut app, Message::Reports(R::From("27.11.2026".into())));
        send(&mut app, Message::Reports(R::To(String::new())));
        type_into(&mut app, TO, "2");
        assert_eq!(app.reports.to, "2");
        send(&mut app, Message::Reports(R::To("28.11.2026".into())));
        click(&mut app, "Көрсөтүү");
        assert_eq!(app.reports.period, None, "no quick choice is this range");
        assert_eq!(
            app.reports.range(),
            Some(Range {
                from: date("2026-11-27"),
                to: date("2026-11-28")
            })
        );
        assert!(sees(&app, &som("31 350,00")));

        click(&mut app, "Кассир боюнча");
        assert_eq!(app.reports.view, View::Cashiers);
        assert!(sees(&app, "Бакыт") && sees(&app, &som("8 850,00")) && sees(&app, &som("22 500,00")));
        assert!(
            !sees(&app, "Шырдак 100×150 см"),
            "one view at a time: the best sellers are gone"
        );

        click(&mut app, "Төлөм түрү боюнча");
        assert_eq!(app.reports.view, View::Payments);
        assert!(sees(&app, &som("6 500,00")) && sees(&app, &som("26 000,00")));

        // The X report is the open day's, split into cash, card and QR whatever the range.
        click(&mut app, "X-отчёт");
        assert_eq!(app.reports.view, View::XReport);
        assert!(sees(&app, "X-отчёт · 28.11.2026"));
        assert!(sees(&app, "Накталай") && sees(&app, "Карта") && sees(&app, "QR"));
        assert!(sees(&app, &som("-1 000,00")), "cash: 1 500 taken, 2 500 refunded");
        assert!(sees(&app, &som("1 000,00")) && sees(&app, &som("1 350,00")));

        // A week: Monday 23rd to the business day; a date that is not one says so and keeps the range.
        click(&mut app, "Ушул жума");
        assert_eq!(
            app.reports.range(),
            Some(Range {
                from: date("2026-11-23"),
                to: date("2026-11-28")
            })
        );
        send(&mut app, Message::Reports(R::From(String::new())));
        type_into(&mut app, FROM, "3");
        assert_eq!(app.reports.from, "3", "the field takes what is typed");
        send(&mut app, Message::Reports(R::From("31.02.2026".into())));
        click(&mut app, "Көрсөтүү");
        assert!(sees(&app, "«31.02.2026» дата эмес: мындай жазыңыз: 28.11.2026."));
        assert_eq!(app.reports.period, Some(Period::Week));
    }
}

/// The hat gets a purchase cost of 1 500 som through the catalog file, as a manager keeps it in Excel.
fn cost_the_hat(shop: &Shop) {
    let file = shop.dir.path().join("catalog.csv");
    let out = shop.usta(&["catalog", "export", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).expect("export");
    assert!(
        text.lines().next().is_some_and(|h| h.ends_with(",on_hand,cost")),
        "{text}"
    );
    let costed: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with(HAT) {
                format!("{l}1500")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&file, costed.join("\n")).expect("write");
    let out = shop.usta(&["catalog", "import", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_purchase_cost_gives_the_margin_and_stays_a_managers_figure() {
    let shop = two_days();
    cost_the_hat(&shop);
    let found = json(&shop.usta(&["--json", "catalog", "find", HAT]));
    assert_eq!(found[0]["cost"], "1500.00");
    let found = json(&shop.usta(&["--json", "catalog", "find", CARPET]));
    assert_eq!(found[0]["cost"], Value::Null, "no cost is not a zero cost");

    let r = report(&shop, &["--from", "2026-11-27", "--to", "2026-11-28"]);
    let hat = r["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|p| p["name"] == "Ак калпак")
        .cloned()
        .expect("the hat");
    assert_eq!(
        (hat["cost"].clone(), hat["margin"].clone()),
        (Value::from("3000.00"), Value::from("2000.00"))
    );
    let carpet = &r["rows"][0];
    assert_eq!(
        (carpet["cost"].clone(), carpet["margin"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(
        (r["cost"].clone(), r["margin"].clone()),
        (Value::from("3000.00"), Value::from("2000.00"))
    );
    assert_eq!(
        (r["costed_revenue"].clone(), r["uncosted"].clone()),
        (Value::from("5000.00"), Value::from(2))
    );
    let text = support::stdout(&shop.usta(&["report", "sales", "--from", "2026-11-27"]));
    assert!(text.contains("no cost"), "{text}");

    // A price file without the cost column leaves the cost alone.
    let file = shop.dir.path().join("prices.csv");
    std::fs::write(
        &file,
        format!("barcode,name_ky,price,category\n{HAT},Ак калпак,2600,hats\n"),
    )
    .expect("write");
    let out = shop.usta(&["catalog", "import", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found = json(&shop.usta(&["--json", "catalog", "find", HAT]));
    assert_eq!(
        (found[0]["price"].clone(), found[0]["cost"].clone()),
        (Value::from("2600.00"), Value::from("1500.00"))
    );

    // A cashier's list, export and receipts never carry it.
    let as_cashier = |args: &[&str]| {
        let mut all = vec!["--as", CASHIER.0, "--pin", CASHIER.1];
        all.extend_from_slice(args);
        usta_on(&shop.db, &all)
    };
    let found = json(&as_cashier(&["--json", "catalog", "find", HAT]));
    assert!(found[0].get("cost").is_none(), "{found}");
    let out = as_cashier(&["catalog", "find", HAT]);
    assert!(!support::stdout(&out).contains("cost"), "{}", support::stdout(&out));
    let out = as_cashier(&["catalog", "export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = support::stdout(&out);
    assert!(csv.lines().next().is_some_and(|h| h.ends_with(",on_hand")), "{csv}");
    let hat = csv.lines().find(|l| l.starts_with(HAT)).expect("the hat's row");
    assert!(!hat.contains("1500"), "{hat}");
    let sale = json(&as_cashier(&["--json", "sell", HAT, "--pay", "cash:3000"]));
    let receipt = support::stdout(&as_cashier(&["receipt", "show", &sale["receipt_no"].to_string()]));
    assert!(
        receipt.contains("Ак калпак") && !receipt.contains("1 500") && !receipt.contains("1500"),
        "{receipt}"
    );
}

mod window_costs {
    use super::*;
    use iced_test::{Simulator, selector};
    use support::ui::{locked_till, sees, send, sign_in, till, type_into};
    use usta::ui::app::{App, Message, Screen};
    use usta::ui::inventory::Message as Inv;
    use usta::ui::product_form::{COST, Request};

    fn has_field(app: &App, id: &'static str) -> bool {
        let mut ui = Simulator::with_size(usta::ui::settings(), (1280.0, 800.0), app.view_main());
        ui.find(selector::id(id)).is_ok()
    }

    fn open_the_hat(app: &mut App, shop: &Shop) {
        send(app, Message::Go(Screen::Inventory));
        let hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
        send(app, Message::Inventory(Inv::Select(Box::new(hat))));
    }

    #[test]
    fn a_manager_types_the_cost_in_the_form_and_a_cashier_never_sees_it() {
        let shop = two_days();
        let mut app = till(&shop);
        open_the_hat(&mut app, &shop);
        assert!(has_field(&app, COST), "the manager's form has the cost");
        type_into(&mut app, COST, "1500");
        send(&mut app, Message::Inventory(Inv::Form(Request::Save)));
        let stored = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
        assert_eq!(
            stored.product.cost,
            Some(Som::whole(1500)),
            "{:?}",
            app.inventory.notice
        );

        send(&mut app, Message::Go(Screen::Reports));
        assert!(
            sees(&app, "Өздүк нарк") && sees(&app, "нарк жок"),
            "cost and 'no cost' for the manager"
        );

        let mut app = locked_till(&shop);
        sign_in(&mut app, CASHIER.0, CASHIER.1);
        open_the_hat(&mut app, &shop);
        assert!(!has_field(&app, COST), "a cashier's form has no cost");
        send(&mut app, Message::Go(Screen::Reports));
        assert!(sees(&app, "Эң көп сатылгандар") && sees(&app, "Ак калпак"));
        assert!(
            !sees(&app, "Өздүк нарк") && !sees(&app, "Маржа"),
            "no cost column for a cashier"
        );
        let loaded = app.reports.loaded.as_ref().expect("figures");
        assert!(
            loaded.sales.products.iter().all(|p| p.cost.is_none()),
            "the figures carry no cost either"
        );
    }
}

/// The Z printout through the queue to a virtual printer: each tax line names its VAT and sales tax rates and
/// the payment kinds the shop's sales tax setting charges at that rate, then the VAT total. The rates are the
/// shop's own (here 1,5% on cash), not the usual 2%.
#[test]
fn the_z_printout_names_both_rates_of_each_tax_line_and_totals_the_vat() {
    use usta::app::printing;
    use usta::domain::tax::{TaxConfig, extract};
    let shop = Shop::demo();
    let printer = shop.virtual_printer();
    let mut store = shop.open();
    let mut tax: TaxConfig = store.tax_config().expect("tax");
    tax.sales_tax_pct.cash = Decimal::new(15, 1);
    store.set_setting("tax", &tax).expect("rates");
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let one = |code: &str| vec![(code.to_string(), Decimal::ONE)];
    checkout::sell(&mut ctx, &one(HAT), &[Tender::som(PaymentKind::Cash, Som::whole(2500))]).expect("cash");
    checkout::sell(
        &mut ctx,
        &one(CARPET),
        &[Tender::som(PaymentKind::Card, Som::whole(25_000))],
    )
    .expect("card");
    let expected = returns::cash_in_drawer(&ctx).expect("drawer");
    day::close(&mut ctx, &[Money::new(expected.amount(), Currency::Kgs)]).expect("close");
    let target = printing::target(&ctx, None, None).expect("target");
    let printed = printing::print_queue(&mut ctx, &target).expect("printed");
    assert_eq!(printed.printed.len(), 1);
    let jobs = printer.wait_for_jobs(1, std::time::Duration::from_secs(10));
    let text = &jobs[0].text;
    let cash = extract(Som::whole(2500), Decimal::from(12), Decimal::new(15, 1));
    let card = extract(Som::whole(25_000), Decimal::from(12), Decimal::ZERO);
    let money = |s: Som| usta::domain::money::group_decimal(s.amount(), 2);
    assert!(text.contains("КНС 12% · сатуудан салык 1,5% · Накталай"), "{text}");
    assert!(text.contains("КНС 12% · сатуудан салык 0% · Карта/QR төлөм"), "{text}");
    assert!(
        text.contains(&money(cash.vat)) && text.contains(&money(card.vat)),
        "{text}"
    );
    assert!(text.contains(&money(cash.sales_tax)), "{text}");
    let total = text
        .lines()
        .find(|l| l.contains("КНС БАРДЫГЫ"))
        .expect("the VAT total line");
    assert!(total.contains(&money(cash.vat + card.vat)), "{total}");
}

mod window_returns {
    use super::*;
    use support::ui::{click, sees, send, till, type_into};
    use usta::ui::app::{Message, Screen};
    use usta::ui::reports::View;
    use usta::ui::returns::{Message as R, NOTE};

    fn reasons(shop: &Shop) -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open(&shop.db).expect("raw");
        let mut stmt = conn
            .prepare("SELECT reason, note FROM return_reasons ORDER BY sale_id")
            .expect("sql");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("reasons")
    }

    #[test]
    fn a_return_asks_why_stores_it_and_the_reports_count_returns_by_reason() {
        let shop = two_days();
        let mut app = till(&shop);
        send(&mut app, Message::Go(Screen::Returns));
        send(&mut app, Message::Returns(R::Receipt("3".into())));
        send(&mut app, Message::Returns(R::Find));
        click(&mut app, "Калганын баарын кайтаруу");
        assert!(sees(&app, "Эмне үчүн кайтарылат?"));
        let returns_before = support::count(&shop.db, "sales");
        click(&mut app, "Кайтарууну ырастоо");
        assert!(sees(&app, "Товар эмне үчүн кайтарыларын тандаңыз."));
        click(&mut app, "Башка");
        click(&mut app, "Кайтарууну ырастоо");
        assert!(sees(
            &app,
            "Товар эмне үчүн кайтарыларын сөз менен жазыңыз (себеби «Башка»)."
        ));
        assert_eq!(
            support::count(&shop.db, "sales"),
            returns_before,
            "nothing written without a reason"
        );
        type_into(&mut app, NOTE, "тар");
        click(&mut app, "Кайтарууну ырастоо");
        assert_eq!(
            support::count(&shop.db, "sales"),
            returns_before + 1,
            "{:?}",
            app.returns.notice
        );
        assert_eq!(reasons(&shop), vec![("other".to_string(), "тар".to_string())]);
        assert_eq!(app.returns.reason, None, "the next return asks again");

        send(&mut app, Message::Go(Screen::Reports));
        click(&mut app, "Кассир боюнча");
        assert_eq!(app.reports.view, View::Cashiers);
        assert!(sees(&app, "Себеби боюнча кайтаруулар"));
        let loaded = app.reports.loaded.as_ref().expect("figures");
        let by_reason: Vec<_> = loaded
            .sales
            .reasons
            .iter()
            .map(|r| (r.reason, r.returns, r.refunded))
            .collect();
        assert_eq!(
            by_reason,
            vec![
                (None, 1, Som::whole(2500)),
                (Some(usta::domain::returns::ReasonKind::Other), 1, Som::whole(1350))
            ]
        );
        assert!(sees(&app, "Айтылган жок") && sees(&app, "Башка"));
    }
}

#[test]
fn usta_return_takes_a_reason_and_report_counts_by_it() {
    let shop = two_days();
    let out = shop.usta(&["return", "2", CARPET, "--refund", "card", "--reason", "other"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("say in words why the goods came back"),
        "{}",
        stderr(&out)
    );
    let out = shop.usta(&["return", "2", CARPET, "--refund", "card", "--reason", "wrong-size"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = report(&shop, &["--by", "reason"]);
    assert_eq!(
        rows(&r, "reason", &["returns", "refunded"]),
        strings(&[&["wrong-size", "1", "25000.00"], &["null", "1", "2500.00"]])
    );
}
