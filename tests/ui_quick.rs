//! The till's quick keys, stock warnings, named parked carts and the shop's payment QR, driven headless.

mod support;

use support::Shop;
use support::ui::{click, enter, sees, send, sign_in, till, type_into};
use usta::store::ProductRecord;
use usta::ui::app::{App, Message, Screen};
use usta::ui::inventory::Message as Inv;

const CAMEL: &str = "2100000000210"; // Төө оюнчук, 650 som, 25 on hand
const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som, 20 on hand

fn product(shop: &Shop, code: &str) -> ProductRecord {
    shop.open().product_by_barcode(code).expect("lookup").expect("product")
}

/// The first product whose name starts with `words`.
fn named(shop: &Shop, words: &str) -> ProductRecord {
    shop.open().search(words, 1).expect("search").remove(0)
}

fn scan(app: &mut App, code: &str) {
    type_into(app, usta::ui::sale::SCAN, code);
    enter(app, usta::ui::sale::SCAN);
}

fn as_cashier(app: &mut App) {
    send(app, Message::SwitchUser);
    sign_in(app, support::CASHIER.0, support::CASHIER.1);
    assert!(!app.locked, "the cashier signs in");
}

fn window(app: &App, size: (f32, f32)) -> iced_test::Simulator<'_, Message> {
    iced_test::Simulator::with_size(usta::ui::settings(), size, app.view_main())
}

#[test]
fn the_manager_marks_two_quick_keys_and_the_cashier_taps_one_twice() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    // The camel at position 5, typed; the hat without a position takes the first free one.
    send(
        &mut app,
        Message::Inventory(Inv::Select(Box::new(product(&shop, CAMEL)))),
    );
    assert!(sees(&app, "Тез баскыч эмес"));
    type_into(&mut app, usta::ui::quick_keys::POSITION, "5");
    click(&mut app, "Тез баскыч кылуу");
    assert!(sees(&app, "5-тез баскыч коюлду: ал сатуу экранында."));
    send(&mut app, Message::Inventory(Inv::Select(Box::new(product(&shop, HAT)))));
    click(&mut app, "Тез баскыч кылуу");
    assert!(sees(&app, "Сатуу экранындагы 1-тез баскыч"));
    // A position off the grid is refused in the manager's language and changes nothing.
    type_into(&mut app, usta::ui::quick_keys::POSITION, "25");
    click(&mut app, "Тез баскыч кылуу");
    assert!(sees(&app, "Тез баскычтын орду 25 1ден 24 чейин болушу керек."));
    assert!(sees(&app, "Сатуу экранындагы 1-тез баскыч"));

    // Stored and journaled like any other setting: the command line lists them by position.
    let out = shop.usta(&["catalog", "quick-keys", "list"]);
    let listing = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = listing.lines().collect();
    assert!(out.status.success(), "{listing}");
    assert!(
        lines.len() == 2 && lines[0].contains(HAT) && lines[1].contains(CAMEL),
        "{listing}"
    );
    assert!(
        lines[0].trim_start().starts_with("1 ") && lines[1].trim_start().starts_with("5 "),
        "{listing}"
    );
    assert!(shop.usta(&["verify"]).status.success());

    as_cashier(&mut app);
    send(&mut app, Message::Go(Screen::Sale));
    assert!(sees(&app, "▾ Тез баскычтар"));
    click(&mut app, "Төө оюнчук");
    click(&mut app, "Төө оюнчук");
    let lines: Vec<_> = app.sale.cart.active_lines().collect();
    assert_eq!(lines.len(), 1, "one line");
    assert_eq!(lines[0].qty, rust_decimal::Decimal::from(2), "two camels");
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(1300));

    // At 1024×768 the grid, the cart and the total all have their place, and nothing runs over the total.
    let mut ui = window(&app, (1024.0, 768.0));
    let key = ui.find("Ак калпак").expect("the hat's key").bounds();
    let total = ui.find("1\u{a0}300,00\u{a0}сом").expect("the total").bounds();
    assert!(!key.intersects(&total), "{key:?} {total:?}");
    assert!(total.y + total.height <= 768.0 && key.y + key.height <= 768.0);
    drop(ui);
    // Folded away, the grid gives the cart its room.
    click(&mut app, "▾ Тез баскычтар");
    assert!(sees(&app, "▸ Тез баскычтар") && !sees(&app, "Ак калпак"));

    // The cashier may not change the grid, in the window or on the command line.
    let refused = app
        .services
        .call(|ctx| usta::app::quick_keys::clear(ctx, product(&shop, CAMEL).product.id.expect("id")));
    assert!(
        matches!(refused, Err(usta::app::AppError::NotAllowed { .. })),
        "{refused:?}"
    );
    let out = support::usta_unsigned(
        &shop.db,
        &[
            "--as",
            support::CASHIER.0,
            "--pin",
            support::CASHIER.1,
            "catalog",
            "quick-keys",
            "clear",
            CAMEL,
        ],
    );
    assert!(!out.status.success());
    let out = shop.usta(&["catalog", "quick-keys", "clear", CAMEL]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("no longer a quick key"));
}

fn code(record: &ProductRecord) -> String {
    record.product.barcodes[0].to_string()
}

#[test]
fn selling_more_than_is_on_hand_says_how_many_are_left_and_the_notice_goes_with_the_next_action() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    as_cashier(&mut app);
    let elechek = code(&named(&shop, "Элечек")); // 2 on hand
    scan(&mut app, &elechek);
    scan(&mut app, &elechek);
    assert!(!sees(
        &app,
        "Кампада Элечек болгону 2 калды: кошулду, текчени текшериңиз."
    ));
    scan(&mut app, &elechek);
    assert!(sees(
        &app,
        "Кампада Элечек болгону 2 калды: кошулду, текчени текшериңиз."
    ));
    assert_eq!(
        app.sale.cart.active_lines().next().map(|l| l.qty),
        Some(3.into()),
        "sold all the same"
    );
    // The + button counts as well, and in English the warning is English.
    send(&mut app, Message::Lang(usta::domain::catalog::Lang::En));
    let line = app.sale.cart.active_lines().next().expect("line").line_no;
    send(&mut app, Message::Sale(usta::ui::sale::Message::Increase(line)));
    assert!(sees(
        &app,
        "Only 2 of Elechek women's headdress on hand: added all the same, check the shelf."
    ));
    scan(&mut app, HAT);
    assert!(!sees(
        &app,
        "Only 2 of Elechek women's headdress on hand: added all the same, check the shelf."
    ));
}

#[test]
fn a_one_of_a_kind_piece_sold_beyond_its_stock_waits_for_a_manager() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    as_cashier(&mut app);
    let shyrdak = code(&named(&shop, "Чоң шырдак")); // the one 3×4 m shyrdak
    scan(&mut app, &shyrdak);
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(120_000));
    scan(&mut app, &shyrdak);
    assert_eq!(
        app.sale.cart.totals().total,
        usta::domain::Som::whole(120_000),
        "the second one is not added without a manager"
    );
    assert!(sees(
        &app,
        "Чоң шырдак 3×4 м жалгыз нуска, кампада 1: менеджер төмөндө ырастайт, анан товар кошулат."
    ));
    assert!(sees(&app, "Уруксат берүү"), "the approval strip is open");
    let approvals = |shop: &Shop| {
        let conn = rusqlite::Connection::open(&shop.db).expect("raw");
        conn.query_row("SELECT count(*) FROM journal WHERE kind = 'approval'", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("count")
    };
    let before = approvals(&shop);
    send(&mut app, Message::ApprovalName(support::MANAGER.0.into()));
    send(&mut app, Message::ApprovalPin(support::MANAGER.1.into()));
    send(&mut app, Message::Approve);
    assert_eq!(
        app.sale.cart.totals().total,
        usta::domain::Som::whole(240_000),
        "added once approved"
    );
    assert_eq!(approvals(&shop), before + 1, "the approval is on record");
    assert!(!sees(&app, "Уруксат берүү"), "the strip closes when used");
}

#[test]
fn a_parked_cart_gets_a_name_and_the_list_shows_it_with_the_time_and_first_items() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    scan(&mut app, CAMEL);
    // No name typed: "Чек 1".
    click(&mut app, "Кийинкиге калтыруу");
    assert!(sees(&app, "Калтырылган чектин аты (милдеттүү эмес)"));
    enter(&mut app, usta::ui::sale::parked::NAME);
    assert!(app.sale.cart.is_empty());
    // A name typed, in English: the default offered would have been "Cart 2".
    send(&mut app, Message::Lang(usta::domain::catalog::Lang::En));
    scan(&mut app, CAMEL);
    click(&mut app, "Park");
    assert!(sees(&app, "Cart 2"), "the next free default, in English");
    type_into(&mut app, usta::ui::sale::parked::NAME, "Lady in red");
    click(&mut app, "Park it (Enter)");
    click(&mut app, "Parked carts");
    assert!(
        sees(&app, "Чек 1 · 12:00 · 2 · 3,150.00\u{a0}som"),
        "name, time, lines, total"
    );
    assert!(
        sees(&app, "Ak-kalpak felt hat (white, 58), Felt camel toy (beige)"),
        "the first items"
    );
    assert!(sees(&app, "Lady in red · 12:00 · 1 · 650.00\u{a0}som"));
    click(&mut app, "Lady in red · 12:00 · 1 · 650.00\u{a0}som");
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(650));
    // Esc while naming parks nothing.
    click(&mut app, "Park");
    send(&mut app, Message::Sale(usta::ui::sale::Message::Escape));
    assert!(!sees(&app, "Name of the parked cart (optional)"));
    assert_eq!(app.sale.cart.totals().total, usta::domain::Som::whole(650));
}

#[test]
fn a_resumed_parked_cart_warns_about_its_stock_at_once() {
    let shop = Shop::demo();
    let elechek = code(&named(&shop, "Элечек")); // 2 on hand
    {
        let mut first = till(&shop);
        scan(&mut first, &elechek);
        scan(&mut first, &elechek);
        click(&mut first, "Кийинкиге калтыруу");
        enter(&mut first, usta::ui::sale::parked::NAME);
        assert!(first.sale.cart.is_empty(), "parked");
    }
    // Another window takes the cart back: it never saw the scans, yet the first + already says what is left.
    let mut app = till(&shop);
    send(&mut app, Message::Lang(usta::domain::catalog::Lang::En));
    click(&mut app, "Parked carts");
    let parked = app.services.call(|ctx| usta::app::till::parked(ctx)).expect("parked");
    send(&mut app, Message::Sale(usta::ui::sale::Message::Resume(parked[0].id)));
    assert_eq!(app.sale.cart.active_lines().count(), 1, "the cart is back");
    let line = app.sale.cart.active_lines().next().expect("line").line_no;
    send(&mut app, Message::Sale(usta::ui::sale::Message::Increase(line)));
    assert!(sees(
        &app,
        "Only 2 of Elechek women's headdress on hand: added all the same, check the shelf."
    ));
}

/// The customer display as it is now.
fn customer(app: &mut App) -> iced_test::Simulator<'_, Message> {
    let id = *app.customer.get_or_insert_with(iced::window::Id::unique);
    iced_test::Simulator::with_size(usta::ui::settings(), (900.0, 600.0), app.view(id))
}

fn qr(m: usta::ui::payment_qr::Message) -> Message {
    Message::Settings(usta::ui::settings::Message::Qr(m))
}

#[test]
fn a_qr_payment_shows_the_shops_payment_qr_and_the_amount_on_the_customer_display() {
    use usta::domain::payment::PaymentKind;
    use usta::ui::payment::Message as P;
    use usta::ui::payment_qr::{Message as Q, PICTURE};
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
    send(&mut app, Message::Payment(P::Kind(PaymentKind::Qr)));
    {
        let mut ui = customer(&mut app);
        assert!(
            ui.find("Дүкөндүн төлөм QR коду коюлган эмес (Жөндөөлөр → Төлөм QR).")
                .is_ok()
        );
        assert!(ui.find("2\u{a0}500,00\u{a0}сом").is_ok(), "the amount to pay");
        assert!(
            ui.find(iced_test::selector::id(PICTURE)).is_err(),
            "no QR without one set up"
        );
    }

    // The manager sets the shop's QR text in Settings; too long a text is refused and stores nothing.
    send(&mut app, Message::Payment(P::Back));
    send(&mut app, Message::Go(Screen::Settings));
    send(&mut app, qr(Q::Payload("x".repeat(5000))));
    send(&mut app, qr(Q::Save));
    assert!(sees(
        &app,
        "Төлөм QR тексти 5000 белгиден турат; QR эң көп 1200 белги батырат."
    ));
    assert!(app.payment_qr.is_none());
    send(
        &mut app,
        qr(Q::Payload(
            "00020101021132590012c2b.mbank.kg0102020210996555123451203MCC5204599953034175802KG6304ABCD".into(),
        )),
    );
    send(&mut app, qr(Q::Save));
    assert!(sees(&app, "Төлөм QR сакталды."));
    assert!(app.payment_qr.is_some(), "the customer display has it at once");

    send(&mut app, Message::Go(Screen::Sale));
    send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
    // Cash first: the display shows the cart; QR: the code and what is still due after 500 som in cash.
    send(&mut app, Message::Payment(P::Quick(500)));
    assert!(customer(&mut app).find(iced_test::selector::id(PICTURE)).is_err());
    send(&mut app, Message::Payment(P::Kind(PaymentKind::Qr)));
    {
        let mut ui = customer(&mut app);
        let code = ui.find(iced_test::selector::id(PICTURE)).expect("the QR").bounds();
        assert!(
            code.width >= 300.0 && code.height >= 300.0,
            "big enough to scan: {code:?}"
        );
        assert!(ui.find("Төлөө үчүн банк тиркемеси менен скандаңыз").is_ok());
        assert!(ui.find("2\u{a0}000,00\u{a0}сом").is_ok(), "what is still due");
    }
    // Stored and journaled as a setting; the journal still verifies.
    assert!(shop.usta(&["verify"]).status.success());

    // A PNG the bank sent works as well.
    let png = shop.dir.path().join("bank-qr.png");
    let file = std::fs::File::create(&png).expect("png file");
    let mut encoder = png::Encoder::new(file, 2, 2);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .expect("header")
        .write_image_data(&[0, 255, 255, 0])
        .expect("pixels");
    app.payment_qr = None;
    send(&mut app, Message::Go(Screen::Settings));
    send(&mut app, qr(Q::File(png.display().to_string())));
    send(&mut app, qr(Q::Save));
    assert!(sees(&app, "Төлөм QR сакталды.") && app.payment_qr.is_some());
    let stored = shop
        .open()
        .setting::<serde_json::Value>("payment_qr")
        .expect("setting")
        .expect("set");
    assert_eq!(stored["kind"], "png", "{stored}");
}

#[test]
fn every_amount_on_the_till_and_the_customer_display_is_written_one_way_per_language() {
    use usta::domain::catalog::Lang;
    use usta::domain::currency::Currency;
    use usta::ui::payment::Message as P;
    let shop = Shop::demo();
    let mut app = till(&shop);
    let today = support::at(12, 0).date_naive();
    let usd = shop
        .open()
        .rates_on(today)
        .expect("rates")
        .from_som(usta::domain::Som::whole(3150), Currency::Usd);
    let usd = usd.expect("the demo has a dollar rate").amount;
    for (lang, total, dollars, over) in [
        (
            Lang::Ky,
            "3\u{a0}150,00\u{a0}сом",
            format!("~ {}\u{a0}USD", format!("{usd:.2}").replace('.', ",")),
            "Карта менен төлөм кайтарым бербейт: 5\u{a0}000,00\u{a0}сом калган 3\u{a0}150,00\u{a0}сомдон көп.",
        ),
        (
            Lang::Ru,
            "3\u{a0}150,00\u{a0}сом",
            format!("~ {}\u{a0}USD", format!("{usd:.2}").replace('.', ",")),
            "Оплата картой не даёт сдачи: 5\u{a0}000,00\u{a0}сом больше, чем осталось оплатить (3\u{a0}150,00\u{a0}сом).",
        ),
        (
            Lang::En,
            "3,150.00\u{a0}som",
            format!("~ {usd:.2}\u{a0}USD"),
            "A card payment cannot give change: 5,000.00\u{a0}som is more than the 3,150.00\u{a0}som still due.",
        ),
    ] {
        send(&mut app, Message::Lang(lang));
        scan(&mut app, HAT);
        scan(&mut app, CAMEL);
        assert!(sees(&app, total), "{lang:?}: the sale's total {total}");
        {
            let mut ui = customer(&mut app);
            assert!(ui.find(total).is_ok(), "{lang:?}: the customer display's total {total}");
            assert!(
                ui.find(dollars.as_str()).is_ok(),
                "{lang:?}: {dollars} on the customer display"
            );
        }
        send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
        assert!(sees(&app, total), "{lang:?}: the payment's total");
        send(
            &mut app,
            Message::Payment(P::Kind(usta::domain::payment::PaymentKind::Card)),
        );
        send(&mut app, Message::Payment(P::Amount("5000".into())));
        send(&mut app, Message::Payment(P::Add));
        assert!(sees(&app, over), "{lang:?}: {over}");
        send(&mut app, Message::Payment(P::Back));
        click(
            &mut app,
            match lang {
                Lang::Ky => "Кийинкиге калтыруу",
                Lang::Ru => "Отложить",
                Lang::En => "Park",
            },
        );
        send(&mut app, Message::Sale(usta::ui::sale::Message::ParkConfirm));
        send(&mut app, Message::Sale(usta::ui::sale::Message::ToggleParked));
        // Every parked cart so far, each total written the way of the language shown now.
        let names = ["Чек 1", "Чек 2", "Cart 3"];
        let parked_so_far = match lang {
            Lang::Ky => 1,
            Lang::Ru => 2,
            Lang::En => 3,
        };
        for name in &names[..parked_so_far] {
            let entry = format!("{name} · 12:00 · 2 · {total}");
            assert!(sees(&app, &entry), "{lang:?}: {entry}");
        }
        send(&mut app, Message::Sale(usta::ui::sale::Message::ToggleParked));
    }
}
