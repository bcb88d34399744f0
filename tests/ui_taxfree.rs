//! The tax-free dialog driven headless with iced_test over a real SQLite file: the button on the finished sale,
//! eligibility shown live (a refusal while the traveller is an EAEU citizen), the passport's MRZ from the serial
//! scanner (a pseudo-terminal fake) filling the traveller in, issuing, and printing both copies to the virtual
//! printer. Helpers as in tests/ui_flows.rs.

mod support;

use std::sync::Arc;
use std::time::Duration;
use support::ui::{click, enter, sees, send, settle, type_into};
use support::{Shop, at, count};
use usta::ui::app::{App, Message, Screen};
use usta::ui::services::Services;
use usta::ui::taxfree as dialog;
use usta_printer::{VirtualOptions, VirtualPrinter};

const CARPET: &str = "2100000000142"; // Шырдак 100×150 см, 25 000 som
const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som
const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const L2: &str = "L898902C36UTO7408122F3604155ZE184226B<<<<<16";

fn sell(app: &mut App, code: &str) {
    type_into(app, usta::ui::sale::SCAN, code);
    enter(app, usta::ui::sale::SCAN);
    click(app, "Төлөө (F3)");
    click(app, "Так сумма");
    click(app, "Төлөмдү ырастоо (Enter)");
}

#[test]
fn tax_free_from_the_receipt_live_refusal_mrz_scan_issue_and_print() {
    use usta_scanner::fake::FakeScanner;
    use usta_scanner::{Reader, Suffix};
    let shop = Shop::demo();
    let options = VirtualOptions {
        png: false,
        ..VirtualOptions::default()
    };
    let printer = VirtualPrinter::start("127.0.0.1:0", shop.dir.path().join("jobs"), options).expect("printer");
    {
        let mut store = shop.open();
        let mut ctx = usta::app::Ctx::new(&mut store, at(9, 0), usta::domain::catalog::Lang::Ky);
        usta::app::printing::save_settings(
            &mut ctx,
            &usta::app::printing::PrinterSettings {
                uri: printer.uri().to_string(),
                profile: "epson".into(),
            },
        )
        .expect("printer set");
    }
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    let (mut app, task) = App::new(services);
    settle(&mut app, task);
    unlock(&mut app);

    // A hat alone is below the minimum: the button is there, and the form says why not.
    sell(&mut app, HAT);
    assert!(!app.payment.as_ref().expect("payment").taxfree_offer);
    click(&mut app, "Tax-free формасы");
    assert!(sees(
        &app,
        "Азырынча tax-free эмес: ылайыктуу товарлар 2\u{a0}500,00\u{a0}сом; минимум 5\u{a0}000,00\u{a0}сом, дагы 2\u{a0}500,00\u{a0}сом керек."
    ));
    click(&mut app, "Жабуу");
    click(&mut app, "Жаңы сатуу (Enter)");

    sell(&mut app, CARPET);
    assert!(sees(&app, "Tax-free формасы"), "the button shows for an eligible sale");
    click(&mut app, "Tax-free формасы");
    assert_eq!(app.screen, Screen::Payment);
    assert!(sees(&app, "№ 2 чек боюнча tax-free формасы"));
    // Paid in cash (2% sales tax in the price): VAT 2 631,58, 85% of it back.
    assert!(
        sees(&app, "2\u{a0}236,84\u{a0}сом"),
        "the refund is shown before the passport is read"
    );

    // Typed by hand: a Russian citizen is refused, live.
    type_into(&mut app, dialog::NAME, "Ivan Petrov");
    type_into(&mut app, dialog::PASSPORT, "751234567");
    type_into(&mut app, dialog::COUNTRY, "RUS");
    type_into(&mut app, dialog::BIRTH, "1980-01-02");
    assert!(
        sees(&app, "RU жарандары tax-free схемасына кирбейт."),
        "refusal shown live"
    );
    assert!(
        matches!(app.taxfree.as_ref().and_then(|d| d.check.as_ref()), Some(Err(_))),
        "the form cannot be issued"
    );

    // The passport is scanned: one frame with both lines and a separator between them.
    let mut fake = FakeScanner::new().expect("pty");
    let (_reader, events) = Reader::spawn(fake.config(), usta::app::scanner::validator()).expect("reader");
    let wait = Duration::from_secs(10);
    assert!(matches!(
        events.recv_timeout(wait),
        Ok(usta_scanner::Event::Connected { .. })
    ));
    fake.scan(&format!("{L1}|{L2}"), Suffix::Cr).expect("scan");
    send(
        &mut app,
        Message::Scanner(events.recv_timeout(wait).expect("scan event")),
    );
    let check = app.taxfree.as_ref().and_then(|d| d.check.clone());
    let assessment = check.expect("checked").expect("eligible with the scanned passport");
    assert_eq!(
        assessment.refund,
        usta::domain::Som::new(rust_decimal::Decimal::new(223_684, 2))
    );
    assert!(sees(&app, "Паспорт окулду, бардык текшерүү сандары туура."));

    click(&mut app, "Форманы берүү");
    let issued = app.taxfree.as_ref().and_then(|d| d.issued.clone()).expect("issued");
    assert_eq!(issued.form.traveller.name, "ERIKSSON ANNA MARIA");
    assert_eq!(issued.form.receipt_no, 2);
    assert_eq!(count(&shop.db, "taxfree_forms"), 1);
    assert!(sees(
        &app,
        &format!(
            "{} формасы берилди. Эки нусканы тең басып чыгарыңыз: саякатчыга жана дүкөнгө.",
            issued.form.number
        )
    ));

    click(&mut app, "Эки нусканы тең басып чыгаруу");
    // Two receipts printed after the sales, then the form's two copies.
    let jobs = printer.wait_for_jobs(4, Duration::from_secs(10));
    assert!(jobs[2].text.contains("САЯКАТЧЫНЫН НУСКАСЫ") && jobs[2].text.contains(&issued.form.number));
    assert!(jobs[3].text.contains("ДҮКӨНДҮН НУСКАСЫ") && jobs[3].text.contains("ERIKSSON ANNA MARIA"));

    click(&mut app, "Жабуу");
    assert!(app.taxfree.is_none());
    assert!(sees(&app, "Сатуу аяктады — чек 2"), "back on the receipt");
}

#[test]
fn a_sale_the_register_could_not_take_shows_a_strip_and_registers_on_retry() {
    let shop = Shop::demo();
    {
        let mut store = shop.open();
        let mut ctx = usta::app::Ctx::new(&mut store, at(9, 0), usta::domain::catalog::Lang::Ky);
        let offline = usta::app::fiscal::FiscalSettings {
            mode: "simulator".into(),
            offline: true,
        };
        usta::app::fiscal::save_settings(&mut ctx, &offline).expect("offline");
    }
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    let (mut app, task) = App::new(services);
    settle(&mut app, task);
    unlock(&mut app);
    sell(&mut app, HAT);
    assert_eq!(count(&shop.db, "sales"), 1, "the sale is saved");
    assert_eq!(app.fiscal_pending.0, 1);
    assert!(sees(&app, "Азыр каттоо"), "the strip with its retry button");
    {
        let mut store = shop.open();
        let mut ctx = usta::app::Ctx::new(&mut store, at(12, 5), usta::domain::catalog::Lang::Ky);
        let online = usta::app::fiscal::FiscalSettings {
            mode: "simulator".into(),
            offline: false,
        };
        usta::app::fiscal::save_settings(&mut ctx, &online).expect("online");
    }
    click(&mut app, "Азыр каттоо");
    assert_eq!(app.fiscal_pending.0, 0);
    assert!(!sees(&app, "Азыр каттоо"));
}

#[test]
fn a_form_can_be_issued_later_from_the_receipt_looked_up_on_the_returns_screen() {
    let shop = Shop::demo();
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    let (mut app, task) = App::new(services);
    settle(&mut app, task);
    unlock(&mut app);
    sell(&mut app, CARPET);
    click(&mut app, "Жаңы сатуу (Enter)");

    send(&mut app, Message::Go(Screen::Returns));
    type_into(&mut app, usta::ui::returns::RECEIPT, "R1-1");
    enter(&mut app, usta::ui::returns::RECEIPT);
    click(&mut app, "Tax-free формасы");
    assert!(sees(&app, "№ 1 чек боюнча tax-free формасы"));
    // A paste of both lines arrives as one edit of the field (typing 88 characters by clicking the field each
    // time would put the cursor mid-text once the line is wider than the box).
    send(&mut app, Message::TaxFree(dialog::Message::Mrz(format!("{L1}\n{L2}"))));
    assert!(sees(&app, "Паспорт окулду, бардык текшерүү сандары туура."));
    click(&mut app, "Форманы берүү");
    let issued = app.taxfree.as_ref().and_then(|d| d.issued.clone()).expect("issued");
    assert_eq!(
        (issued.form.traveller.passport_no.as_str(), issued.form.receipt_no),
        ("L898902C3", 1)
    );
    assert_eq!(count(&shop.db, "taxfree_forms"), 1);
    click(&mut app, "Жабуу");
    assert_eq!(app.screen, Screen::Returns);
    assert!(sees(&app, "Кайтаруу"), "back on the returns screen");
}

/// The demo shop has users: its manager signs in, as the till would start the day.
fn unlock(app: &mut App) {
    use usta::ui::login::Message as Login;
    if app.locked {
        send(app, Message::Login(Login::Pick("Айгүл".into())));
        send(app, Message::Login(Login::Pin("1234".into())));
        send(app, Message::Login(Login::Submit));
    }
    assert!(!app.locked, "the demo manager signs in");
}
