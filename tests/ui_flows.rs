//! The GUI driven headless with iced_test on the CPU renderer, over a real SQLite file: what a cashier clicks and
//! types, and what the screen then shows. Tasks (the use cases run off the UI thread) are executed for real.

mod support;

use iced::keyboard::key::Named;
use iced_test::Simulator;
use support::ui::{click, enter, interact, locked_till, sees, send, sign_in, till, type_into};
use support::{Shop, at, count};
use usta::domain::catalog::Lang;
use usta::ui::app::{App, Message, Screen};

const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som
const SLIPPERS: &str = "2100000000029"; // Кийиз тапочка боз 40, 1 350 som

fn scan(app: &mut App, code: &str) {
    type_into(app, usta::ui::sale::SCAN, code);
    enter(app, usta::ui::sale::SCAN);
}

#[test]
fn scan_pay_cash_with_change_and_see_the_receipt() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    assert_eq!(app.screen, Screen::Sale);
    scan(&mut app, HAT);
    scan(&mut app, SLIPPERS);
    assert!(sees(&app, "3\u{a0}850,00\u{a0}сом"), "running total shown");
    assert!(sees(&app, "КНС 12%"), "tax breakdown shown");

    click(&mut app, "Төлөө (F3)");
    assert_eq!(app.screen, Screen::Payment);
    click(&mut app, "5\u{a0}000,00\u{a0}сом");
    assert!(sees(&app, "1\u{a0}150,00\u{a0}сом"), "change shown before confirming");
    click(&mut app, "Төлөмдү ырастоо (Enter)");

    assert!(sees(&app, "Сатуу аяктады — чек 1"), "receipt preview after commit");
    let receipt = &app.payment.as_ref().expect("payment").done.as_ref().expect("done").1;
    assert!(
        receipt.contains("ЖАЛПЫ") && receipt.contains("3\u{a0}850,00 сом"),
        "{receipt}"
    );
    assert!(
        receipt.contains("Кайтарым") && receipt.contains("1\u{a0}150,00"),
        "{receipt}"
    );
    assert_eq!(count(&shop.db, "sales"), 1);
    assert!(app.sale.cart.is_empty(), "the next sale starts empty");

    click(&mut app, "Жаңы сатуу (Enter)");
    assert_eq!(app.screen, Screen::Sale);
    assert!(sees(&app, "Себет бош. Баштоо үчүн товарды скандаңыз."));
}

#[test]
fn unknown_barcode_shows_a_message_with_the_code() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, "2999999999992");
    let notice = app.sale.notice.as_ref().expect("a notice").text(&app.i18n);
    assert!(notice.contains("2999999999992"), "{notice}");
    assert!(sees(&app, &notice));
    assert!(app.sale.cart.is_empty());
}

#[test]
fn type_ahead_finds_by_latin_word_and_enter_adds_the_first() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    type_into(&mut app, usta::ui::sale::SCAN, "kalpak");
    assert!(
        sees(&app, "Ак калпак (ак, 58)"),
        "suggestion listed, with its attributes"
    );
    enter(&mut app, usta::ui::sale::SCAN);
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(2500));
}

#[test]
fn split_payment_card_and_cash() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Карта (F10)");
    type_into(&mut app, usta::ui::payment::AMOUNT, "1000");
    enter(&mut app, usta::ui::payment::AMOUNT);
    click(&mut app, "Накталай (F9)");
    click(&mut app, "5\u{a0}000,00\u{a0}сом");
    assert_eq!(app.payment.as_ref().expect("payment").tenders.len(), 2);
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    let stored = shop.open().sale_by_receipt("R1", 1).expect("load").expect("sale");
    let kinds: Vec<&str> = stored.payments.iter().map(|p| p.kind.code()).collect();
    assert_eq!(kinds, vec!["card", "cash"]);
    assert_eq!(stored.change, usta::domain::Som::whole(3500));
}

#[test]
fn return_one_line_and_refusal_of_more_than_sold() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    scan(&mut app, SLIPPERS);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    click(&mut app, "Жаңы сатуу (Enter)");

    send(&mut app, Message::Go(Screen::Returns));
    type_into(&mut app, usta::ui::returns::RECEIPT, "R1-1");
    enter(&mut app, usta::ui::returns::RECEIPT);
    assert!(sees(&app, "Ак калпак"), "the receipt's lines are listed");
    // The hat is the first line: one + picks it; a second + would be more than sold.
    interact(&mut app, |ui| {
        ui.click("+").expect("a + button");
    });
    interact(&mut app, |ui| {
        ui.click("+").expect("a + button");
    });
    assert!(sees(&app, "Сатылгандан көптү кайтарууга болбойт."), "refusal shown");
    assert_eq!(app.returns.refund_total(), usta::domain::Som::whole(2500));
    click(&mut app, "Бузук");
    click(&mut app, "Кайтарууну ырастоо");
    assert!(sees(&app, "Кайтаруу 2 чеги менен жазылды."));
    assert_eq!(count(&shop.db, "sales"), 2);
}

#[test]
fn switching_language_changes_visible_labels() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    assert!(sees(&app, "Сатуу"));
    click(&mut app, "EN");
    assert_eq!(app.i18n.lang(), Lang::En);
    assert!(sees(&app, "Sale") && !sees(&app, "Сатуу"));
    assert!(sees(&app, "Pay (F3)"));
    click(&mut app, "RU");
    assert!(sees(&app, "Оплата (F3)"));
}

#[test]
fn stocktake_shows_variance_and_applies_it() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Stocktake));
    let expected = shop
        .open()
        .product_by_barcode(HAT)
        .expect("lookup")
        .expect("hat")
        .on_hand;
    for _ in 0..3 {
        type_into(&mut app, usta::ui::stocktake::SCAN, HAT);
        enter(&mut app, usta::ui::stocktake::SCAN);
    }
    let counted = &app.stocktake.counts[0];
    assert_eq!(counted.counted, rust_decimal::Decimal::from(3));
    assert_eq!(counted.variance(), rust_decimal::Decimal::from(3) - expected);
    assert!(sees(&app, &format!("{:+}", counted.variance())), "variance shown");
    click(&mut app, "Эсепке алууну жүргүзүү");
    assert!(app.stocktake.counts.is_empty());
    let after = shop
        .open()
        .product_by_barcode(HAT)
        .expect("lookup")
        .expect("hat")
        .on_hand;
    assert_eq!(after, rust_decimal::Decimal::from(3));
}

#[test]
fn an_open_cart_survives_a_restart() {
    let shop = Shop::demo();
    {
        let mut app = till(&shop);
        scan(&mut app, HAT);
        scan(&mut app, HAT);
    }
    let app = till(&shop);
    assert_eq!(
        app.sale.cart.totals().total,
        usta::domain::Som::whole(5000),
        "the draft came back"
    );
}

#[test]
fn first_start_offers_demo_or_set_up() {
    let shop = Shop::empty();
    let mut app = till(&shop);
    assert_eq!(app.screen, Screen::Setup);
    assert!(sees(&app, "Демо-дүкөндү ачуу"));
    click(&mut app, "Менин дүкөнүмдү жөндөө");
    type_into(&mut app, "setup-name", "Кийиз үйү");
    click(&mut app, "Дүкөн түзүү");
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(shop.open().shop().expect("shop").name, "Кийиз үйү");
}

#[test]
fn a_serial_scan_lands_in_the_cart_of_the_sale_screen() {
    use usta_scanner::fake::FakeScanner;
    use usta_scanner::{Event, Reader, Suffix};
    let shop = Shop::demo();
    let mut app = till(&shop);
    let mut fake = FakeScanner::new().expect("pty");
    let (_reader, events) = Reader::spawn(fake.config(), usta::app::scanner::validator()).expect("reader");
    let wait = std::time::Duration::from_secs(10);
    assert!(matches!(events.recv_timeout(wait), Ok(Event::Connected { .. })));
    fake.scan(HAT, Suffix::Cr).expect("scan");
    fake.scan("2100000000099", Suffix::Cr)
        .expect("scan with a bad check digit");
    for _ in 0..2 {
        let event = events.recv_timeout(wait).expect("event");
        send(&mut app, Message::Scanner(event));
    }
    assert_eq!(
        app.sale.cart.totals().total,
        usta::domain::Som::whole(2500),
        "the good scan is in the cart"
    );
    let notice = app
        .scanner_notice
        .as_ref()
        .expect("the bad scan is reported")
        .text(&app.i18n);
    assert!(
        notice.contains("2100000000099") && notice.contains("check digit"),
        "{notice}"
    );

    // On the stocktake screen the same scanner counts instead.
    send(&mut app, Message::Go(Screen::Stocktake));
    fake.scan(HAT, Suffix::Cr).expect("scan");
    let event = events.recv_timeout(wait).expect("event");
    send(&mut app, Message::Scanner(event));
    assert_eq!(app.stocktake.counts.len(), 1);
    assert_eq!(
        app.sale.cart.totals().total,
        usta::domain::Som::whole(2500),
        "the cart is untouched"
    );
}

#[test]
fn after_payment_the_receipt_prints_and_a_reprint_says_copy() {
    let shop = Shop::demo();
    let printer = shop.virtual_printer();
    let mut app = till(&shop);
    assert!(app.printer, "the till knows a printer is set up");
    scan(&mut app, HAT);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    let jobs = printer.wait_for_jobs(1, std::time::Duration::from_secs(10));
    assert!(
        jobs[0].text.contains("Чек № 1") && !jobs[0].text.contains("КӨЧҮРМӨ"),
        "{}",
        jobs[0].text
    );
    assert_eq!(app.print_notice.as_ref().map(|n| n.key), Some("printed"));

    click(&mut app, "Көчүрмөсүн басып чыгаруу");
    let jobs = printer.wait_for_jobs(2, std::time::Duration::from_secs(10));
    assert!(
        jobs[1].text.contains("КӨЧҮРМӨ") && jobs[1].text.contains("Чек № 1"),
        "{}",
        jobs[1].text
    );

    // The printer goes away: the next sale is still made, the job waits with its error shown.
    printer.stop().expect("stop");
    click(&mut app, "Жаңы сатуу (Enter)");
    scan(&mut app, HAT);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    assert_eq!(count(&shop.db, "sales"), 2);
    assert_eq!(app.print_notice.as_ref().map(|n| n.key), Some("print-failed"));
    assert!(sees(&app, "Кайра басуу"), "a retry button is offered");
}

#[test]
fn a_new_handmade_product_gets_an_in_store_code_and_sells() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    assert!(sees(&app, "Ак калпак (ак, 58)"), "the product list is shown");
    click(&mut app, "Жаңы товар");
    send(
        &mut app,
        Message::Inventory(usta::ui::inventory::Message::Field(usta::ui::inventory::FormField::Ky(
            "Кол саймалуу жаздык".into(),
        ))),
    );
    send(
        &mut app,
        Message::Inventory(usta::ui::inventory::Message::Field(
            usta::ui::inventory::FormField::Price("1 800".into()),
        )),
    );
    click(&mut app, "Ички код түзүү");
    let code = app.inventory.form.as_ref().expect("form").barcode.clone();
    let parsed = usta::domain::barcode::Barcode::parse(&code).expect("a valid EAN-13");
    assert!(parsed.is_in_store(), "{code}");
    click(&mut app, "Сактоо");
    assert_eq!(app.inventory.notice.as_ref().map(|n| n.key), Some("product-saved"));
    let stored = shop.open().product_by_barcode(&code).expect("lookup").expect("saved");
    assert_eq!(stored.product.names.ky, "Кол саймалуу жаздык");

    send(&mut app, Message::Go(Screen::Sale));
    scan(&mut app, &code);
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(1800));
}

#[test]
fn the_customer_display_shows_the_total_and_thanks() {
    use usta::domain::currency::{Currency, ExchangeRate, Rates};
    use usta::ui::customer::{Display, THANKS, view};
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let rates = Rates::new(vec![
        ExchangeRate::new(Currency::Usd, rust_decimal::Decimal::new(8745, 2), day).expect("rate"),
    ]);
    let display = Display {
        cart: &app.sale.cart,
        rates: &rates,
        currency: Currency::Usd,
        paid: None,
        qr: None,
        i18n: &app.i18n,
        day,
    };
    let mut ui = Simulator::with_size(usta::ui::settings(), (900.0, 600.0), view(display, |_| ()));
    assert!(ui.find("2\u{a0}500,00\u{a0}сом").is_ok(), "the total in som");
    assert!(
        ui.find("~ 28,59\u{a0}USD").is_ok(),
        "the total in the tourist's currency"
    );
    let display = Display {
        cart: &app.sale.cart,
        rates: &rates,
        currency: Currency::Usd,
        paid: Some(usta::domain::Som::whole(2500)),
        qr: None,
        i18n: &app.i18n,
        day,
    };
    let mut ui = Simulator::with_size(usta::ui::settings(), (900.0, 600.0), view(display, |_| ()));
    assert!(ui.find(THANKS).is_ok());
}

#[test]
fn discounts_and_park_then_resume_a_cart() {
    use usta::ui::sale::Message as Sale;
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    scan(&mut app, SLIPPERS);
    let hat_line = app.sale.cart.active_lines().next().expect("line").line_no;
    send(&mut app, Message::Sale(Sale::EditDiscount(hat_line)));
    send(&mut app, Message::Sale(Sale::EditText("10%".into())));
    send(&mut app, Message::Sale(Sale::EditCommit));
    send(&mut app, Message::Sale(Sale::SaleDiscountText("100".into())));
    send(&mut app, Message::Sale(Sale::SaleDiscountCommit));
    // 2 500 - 10% = 2 250, + 1 350 = 3 600, - 100 = 3 500.
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(3500));
    assert!(sees(&app, "3\u{a0}500,00\u{a0}сом"));

    click(&mut app, "Кийинкиге калтыруу");
    click(&mut app, "Калтыруу (Enter)");
    assert!(app.sale.cart.is_empty(), "parking empties the till");
    scan(&mut app, SLIPPERS);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    click(&mut app, "Жаңы сатуу (Enter)");

    click(&mut app, "Калтырылган чектер");
    assert!(app.sale.cart.is_empty());
    // Parked at 12:00 (the test clock) under the default name, two lines, 3 500 som.
    click(&mut app, "Чек 1 · 12:00 · 2 · 3\u{a0}500,00\u{a0}сом");
    assert_eq!(
        app.sale.cart.totals().total,
        usta::domain::Som::whole(3500),
        "the parked cart is back, discounts too"
    );
}

#[test]
fn day_screen_opens_with_a_float_counts_with_the_denomination_helper_and_closes() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Keyboard(f_key(Named::F12)));
    assert_eq!(app.screen, Screen::Day);
    assert!(sees(
        &app,
        "Иш күнү ачыла элек. Биринчи сатуу аны өзү ачат, же бул жерден баштапкы калдык менен ачыңыз."
    ));
    type_into(&mut app, usta::ui::day::FLOAT, "5000");
    click(&mut app, "Күндү ачуу");
    assert!(app.day.open.is_some(), "{:?}", app.day.notice);

    // A sale through the till: 2 500 som paid with 3 000 in cash.
    send(&mut app, Message::Go(Screen::Sale));
    scan(&mut app, HAT);
    click(&mut app, "Төлөө (F3)");
    type_into(&mut app, usta::ui::payment::AMOUNT, "3000");
    enter(&mut app, usta::ui::payment::AMOUNT);
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    assert_eq!(count(&shop.db, "sales"), 1);

    send(&mut app, Message::Go(Screen::Day));
    assert!(sees(&app, "7\u{a0}500,00 KGS"), "expected cash: float + takings");
    type_into(&mut app, usta::ui::day::CASH_AMOUNT, "200");
    type_into(&mut app, usta::ui::day::CASH_REASON, "нан");
    click(&mut app, "Кассадан алуу");
    assert!(sees(&app, "7\u{a0}300,00 KGS"), "cash out lowers the drawer");

    // 5000 + 2×1000 + 200 + 100 = 7 300 counted.
    type_into(&mut app, "count-5000", "1");
    type_into(&mut app, "count-1000", "2");
    type_into(&mut app, "count-200", "1");
    type_into(&mut app, "count-100", "1");
    assert!(sees(&app, "7\u{a0}300,00\u{a0}сом"), "the helper adds up the notes");
    click(&mut app, "Күндү жабуу");
    assert!(app.day.open.is_some(), "the close asks to confirm first");
    click(&mut app, "Ооба, күндү жабуу");
    assert!(app.day.open.is_none());
    assert_eq!(count(&shop.db, "day_closes"), 1);
    let z = app.day.report.as_ref().expect("Z report");
    assert_eq!(z.drawer[0].variance, Some(rust_decimal::Decimal::ZERO));
    assert!(sees(&app, "Z-отчёт · 28.11.2026"));

    send(&mut app, Message::Keyboard(ctrl_key(Named::F12)));
    assert_eq!(app.screen, Screen::Reports);
    click(&mut app, "Категория боюнча");
    let loaded = app.reports.loaded.as_ref().expect("figures");
    assert_eq!(
        loaded.categories.first().map(|b| (b.name.as_str(), b.net)),
        Some(("Баш кийимдер", usta::domain::Som::whole(2500)))
    );
    assert!(sees(&app, "Баш кийимдер"));
    click(&mut app, "Чебер боюнча");
    assert_eq!(app.reports.view, usta::ui::reports::View::Artisans);
    let loaded = app.reports.loaded.as_ref().expect("figures");
    assert_eq!(loaded.artisans.len(), 1, "one artisan sold today");

    // The manager pays the hat's artisan part of what is owed.
    let owed = app
        .reports
        .loaded
        .iter()
        .flat_map(|l| &l.statements)
        .find(|s| s.totals.owed.is_positive())
        .cloned()
        .expect("the hat's artisan is owed money");
    click(&mut app, &format!("{} · {}", owed.artisan, owed.name));
    type_into(&mut app, usta::ui::reports::PAY_AMOUNT, "500");
    click(&mut app, "Накталай төлөө");
    assert_eq!(count(&shop.db, "payouts"), 1, "{:?}", app.reports.notice);
    let after = app
        .reports
        .loaded
        .iter()
        .flat_map(|l| &l.statements)
        .find(|s| s.artisan == owed.artisan)
        .expect("statement");
    assert_eq!(after.balance, owed.balance - usta::domain::Som::whole(500));
    let notice = app.reports.notice.as_ref().expect("notice").text(&app.i18n);
    assert!(
        notice.contains(&format!("{} чеберге 500.00 сом төлөндү", owed.artisan)),
        "{notice}"
    );
    assert!(sees(&app, &notice));
}

fn f_key(named: Named) -> iced::keyboard::Event {
    iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(named),
        modified_key: iced::keyboard::Key::Named(named),
        physical_key: iced::keyboard::key::Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::empty(),
        text: None,
        repeat: false,
    }
}

fn ctrl_key(named: Named) -> iced::keyboard::Event {
    match f_key(named) {
        iced::keyboard::Event::KeyPressed {
            key,
            modified_key,
            physical_key,
            location,
            text,
            repeat,
            ..
        } => iced::keyboard::Event::KeyPressed {
            key,
            modified_key,
            physical_key,
            location,
            modifiers: iced::keyboard::Modifiers::CTRL,
            text,
            repeat,
        },
        other => other,
    }
}

#[test]
fn the_reports_screen_shows_todays_sales_when_opened() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    send(&mut app, Message::Keyboard(f_key(Named::F12)));
    assert_eq!(
        app.screen,
        Screen::Day,
        "F12 leaves the finished payment for the day screen"
    );
    send(&mut app, Message::Keyboard(ctrl_key(Named::F12)));
    assert_eq!(app.screen, Screen::Reports);
    assert!(
        sees(&app, "Ак калпак"),
        "today's best sellers are listed without pressing refresh"
    );
}

#[test]
fn settings_show_the_last_backup_and_back_up_now() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    click(&mut app, "EN");
    send(&mut app, Message::Go(Screen::Settings));
    assert!(sees(&app, "No backup has been made yet."));
    click(&mut app, "Back up now");
    let path = shop.dir.path().join("backups/shop-20261128-120000.db");
    assert!(path.exists(), "the backup file is written");
    assert!(sees(&app, "Last backup: 28.11.2026 12:00"));
    assert!(sees(&app, &format!("Backed up to {}", path.display())));
    // Reopened, the screen reads when the last backup was made from the database.
    let mut app = till(&shop);
    click(&mut app, "RU");
    send(&mut app, Message::Go(Screen::Settings));
    assert!(sees(&app, "Последняя резервная копия: 28.11.2026 12:00"));
}

#[test]
fn a_running_backup_shows_its_count_and_cancel_keeps_no_copy() {
    use usta::ui::settings::{Action, Message as Set};
    let shop = Shop::demo();
    let mut app = till(&shop);
    click(&mut app, "EN");
    send(&mut app, Message::Go(Screen::Settings));
    assert!(!sees(&app, "Backing up: "), "no line before a backup runs");
    let services = app.services.clone();
    let Action::Run(task) = app.settings.update(Set::BackUp, &services) else {
        panic!("the backup starts a task");
    };
    assert!(
        sees(&app, "Backing up: 0 / 0 pages"),
        "the line shows as soon as it starts"
    );
    send(&mut app, Message::Settings(Set::BackupProgress(3, 7)));
    assert!(sees(&app, "Backing up: 3 / 7 pages"));
    click(&mut app, "Cancel");
    assert!(
        app.settings.backup_job.as_ref().is_some_and(|job| job.is_cancelled()),
        "pressing Cancel asks the running backup to stop"
    );
    support::ui::settle_with(task, |m| match app.settings.update(m, &services) {
        Action::Run(t) => Some(t),
        _ => None,
    });
    assert!(app.settings.backup_job.is_none() && !app.settings.backing_up);
    assert!(!sees(&app, "Backing up: "), "the finished job's line is gone");
    assert!(sees(&app, "The backup was cancelled; no copy was kept."));
    assert!(sees(&app, "No backup has been made yet."));
    let dir = shop.dir.path().join("backups");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "no copy, whole or partial: {left:?}");

    // Not cancelled, the same button backs up, and the line is gone once it is done.
    click(&mut app, "Back up now");
    assert!(shop.dir.path().join("backups/shop-20261128-120000.db").exists());
    assert!(!sees(&app, "Backing up: "));
}

#[test]
fn the_till_opens_locked_and_a_cashier_needs_a_manager_for_a_return() {
    let shop = Shop::demo();
    let mut app = locked_till(&shop);
    assert!(app.locked, "a shop with users opens on the sign-in screen");
    assert!(sees(&app, "Кассада ким турат?"));
    send(&mut app, Message::Go(Screen::Settings));
    assert!(app.locked, "nothing opens before someone signs in");

    sign_in(&mut app, "Бакыт", "1111");
    assert!(app.locked);
    assert!(
        sees(&app, "Аты же PIN-код туура эмес."),
        "a wrong PIN is refused plainly"
    );
    sign_in(&mut app, "Бакыт", "0000");
    assert!(!app.locked);
    assert!(sees(&app, "Бакыт"), "the top bar names the cashier");

    scan(&mut app, HAT);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    let sold_by: String = rusqlite::Connection::open(&shop.db)
        .expect("raw")
        .query_row("SELECT user FROM sales WHERE receipt_no = 1", [], |r| r.get(0))
        .expect("sale");
    assert_eq!(sold_by, "Бакыт", "the sale records its cashier");
    click(&mut app, "Жаңы сатуу (Enter)");

    // The cashier tries a return: refused in the use case, with words that say what is needed.
    send(&mut app, Message::Go(Screen::Returns));
    type_into(&mut app, usta::ui::returns::RECEIPT, "1");
    enter(&mut app, usta::ui::returns::RECEIPT);
    if sees(&app, "Калганын баарын кайтаруу") {
        click(&mut app, "Калганын баарын кайтаруу");
        click(&mut app, "Оюн өзгөрттү");
        click(&mut app, "Кайтарууну ырастоо");
    }
    assert_eq!(count(&shop.db, "sales"), 1, "no return was written");
    let refusal = app.returns.notice.as_ref().expect("a refusal").text(&app.i18n);
    assert!(refusal.contains("менеджер"), "{refusal}");

    // The manager takes over the till and does it.
    send(&mut app, Message::SwitchUser);
    assert!(app.locked);
    sign_in(&mut app, "Айгүл", "1234");
    send(&mut app, Message::Go(Screen::Returns));
    send(&mut app, Message::Returns(usta::ui::returns::Message::Clear));
    type_into(&mut app, usta::ui::returns::RECEIPT, "1");
    enter(&mut app, usta::ui::returns::RECEIPT);
    click(&mut app, "Калганын баарын кайтаруу");
    click(&mut app, "Оюн өзгөрттү");
    click(&mut app, "Кайтарууну ырастоо");
    assert_eq!(count(&shop.db, "sales"), 2, "the manager's return is written");
}

#[test]
fn the_till_locks_itself_after_minutes_without_input() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    assert!(!app.locked);
    // The demo's default: five minutes. Four minutes of quiet keep it open, six lock it.
    send(&mut app, Message::Tick(at(12, 4)));
    assert!(!app.locked, "four minutes is not yet idle enough");
    send(&mut app, Message::Tick(at(12, 6)));
    assert!(app.locked, "six minutes without input locks the till");
    assert!(sees(&app, "Кассада ким турат?"));
    sign_in(&mut app, "Айгүл", "1234");
    assert!(!app.locked);
}

#[test]
fn a_manager_approves_a_cashiers_stock_adjustment_on_the_spot() {
    use usta::ui::inventory::Message as Inv;
    let shop = Shop::demo();
    let mut app = locked_till(&shop);
    sign_in(&mut app, "Бакыт", "0000");
    let before = shop
        .open()
        .product_by_barcode(HAT)
        .expect("lookup")
        .expect("hat")
        .on_hand;
    send(&mut app, Message::Go(Screen::Inventory));
    let hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    send(&mut app, Message::Inventory(Inv::Select(Box::new(hat))));
    send(&mut app, Message::Inventory(Inv::Qty("-1".into())));
    send(&mut app, Message::Inventory(Inv::Reason("moth damage".into())));
    send(&mut app, Message::Inventory(Inv::Adjust));
    let wanted = app
        .services
        .approval_wanted()
        .expect("the refusal asks for an approval")
        .to_string();
    assert!(wanted.contains("manager"), "{wanted}");
    assert!(sees(&app, "Уруксат берүү"), "the approval strip is shown");
    // The strip gives the reason in the chosen language, not the command line's English.
    let reason = usta::ui::errors::notice(&app.services.approval_wanted().expect("wanted")).text(&app.i18n);
    let strip = app.i18n.tr_args("approval-wanted", &[("reason", reason)]);
    assert!(sees(&app, &strip), "the strip says: {strip}");
    assert!(!strip.contains("manager"), "{strip}");
    let stock = |shop: &Shop| {
        shop.open()
            .product_by_barcode(HAT)
            .expect("lookup")
            .expect("hat")
            .on_hand
    };
    assert_eq!(stock(&shop), before, "refused: nothing written");

    // A wrong PIN approves nothing.
    send(&mut app, Message::ApprovalName("Айгүл".into()));
    send(&mut app, Message::ApprovalPin("9999".into()));
    send(&mut app, Message::Approve);
    assert!(sees(&app, "Аты же PIN-код туура эмес."));
    // The manager types her PIN; the cashier does it again, once.
    send(&mut app, Message::ApprovalName("Айгүл".into()));
    send(&mut app, Message::ApprovalPin("1234".into()));
    send(&mut app, Message::Approve);
    assert!(sees(&app, "Айгүл уруксат берди: аракетти кайталаңыз."));
    send(&mut app, Message::Inventory(Inv::Qty("-1".into())));
    send(&mut app, Message::Inventory(Inv::Reason("moth damage".into())));
    send(&mut app, Message::Inventory(Inv::Adjust));
    assert_eq!(
        stock(&shop),
        before - rust_decimal::Decimal::ONE,
        "the approved adjustment is written"
    );
    let approvals: i64 = rusqlite::Connection::open(&shop.db)
        .expect("raw")
        .query_row("SELECT count(*) FROM journal WHERE kind = 'approval'", [], |r| r.get(0))
        .expect("journal");
    assert_eq!(approvals, 1, "the approval is journaled");
    // Spent: a second adjustment is refused again.
    send(&mut app, Message::Inventory(Inv::Qty("-1".into())));
    send(&mut app, Message::Inventory(Inv::Reason("again".into())));
    send(&mut app, Message::Inventory(Inv::Adjust));
    assert_eq!(
        stock(&shop),
        before - rust_decimal::Decimal::ONE,
        "one approval allows one action"
    );
}

#[test]
fn a_cash_refund_beyond_the_drawer_is_warned_and_approved_by_a_manager() {
    use usta::ui::returns::Message as Ret;
    let shop = Shop::demo();
    {
        let mut store = shop.open();
        let mut ctx = usta::app::Ctx::new(&mut store, support::at(10, 0), Lang::Ky);
        let card = [usta::domain::payment::Tender::som(
            usta::domain::payment::PaymentKind::Card,
            usta::domain::Som::whole(2500),
        )];
        usta::app::checkout::sell(&mut ctx, &[(HAT.into(), rust_decimal::Decimal::ONE)], &card).expect("card sale");
    }
    let mut app = locked_till(&shop);
    sign_in(&mut app, "Бакыт", "0000");
    send(&mut app, Message::Go(Screen::Returns));
    type_into(&mut app, usta::ui::returns::RECEIPT, "R1-1");
    enter(&mut app, usta::ui::returns::RECEIPT);
    interact(&mut app, |ui| {
        ui.click("+").expect("a + button");
    });
    assert_eq!(
        app.returns.over_drawer(),
        None,
        "a card refund takes nothing from the drawer"
    );
    send(
        &mut app,
        Message::Returns(Ret::Refund(usta::domain::payment::PaymentKind::Cash)),
    );
    assert_eq!(
        app.returns.over_drawer(),
        Some((usta::domain::Som::whole(2500), usta::domain::Som::ZERO))
    );
    let warning = app.i18n.tr_args(
        "refund-over-drawer",
        &[
            ("refund", app.i18n.money(usta::domain::Som::whole(2500))),
            ("drawer", app.i18n.money(usta::domain::Som::ZERO)),
        ],
    );
    assert!(warning.contains("менеджердин уруксаты"), "{warning}");
    assert!(
        sees(&app, &warning),
        "the cashier is warned before confirming: {warning}"
    );
    send(
        &mut app,
        Message::Returns(Ret::Reason(usta::domain::returns::ReasonKind::Defective)),
    );
    send(&mut app, Message::Returns(Ret::Confirm));
    let wanted = app
        .services
        .approval_wanted()
        .expect("the refusal asks for an approval")
        .to_string();
    assert!(
        wanted.contains("drawer") && wanted.contains("2\u{a0}500,00"),
        "{wanted}"
    );
    assert!(sees(&app, "Уруксат берүү"), "the approval strip is shown");
    assert_eq!(count(&shop.db, "sales"), 1, "refused: nothing written");

    send(&mut app, Message::ApprovalName("Айгүл".into()));
    send(&mut app, Message::ApprovalPin("1234".into()));
    send(&mut app, Message::Approve);
    send(&mut app, Message::Returns(Ret::Confirm));
    assert_eq!(count(&shop.db, "sales"), 2, "the approved return is written");
    let approved: Vec<String> = {
        let conn = rusqlite::Connection::open(&shop.db).expect("raw");
        let mut stmt = conn
            .prepare("SELECT payload FROM journal WHERE kind = 'approval' ORDER BY seq")
            .expect("query");
        stmt.query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("payloads")
    };
    assert!(
        approved.iter().any(|p| p.contains("cash_refund_over_drawer")),
        "the manager's approval of the refund beyond the drawer is journaled: {approved:?}"
    );
}
