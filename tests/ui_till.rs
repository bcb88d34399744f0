//! The till's screens driven headless at the sizes shops really have (1024×768 and up): totals that never run into
//! their labels, the top bar that fits, scans that reach the cart whatever has the focus, the keys, the approval
//! strip, and the smaller things a cashier trips over on a first day.

mod support;

use iced::keyboard::key::Named;
use iced::{Element, Rectangle};
use iced_test::Simulator;
use std::time::{Duration, Instant};
use support::Shop;
use support::ui::{click, enter, sees, send, sign_in, till, type_into};
use usta::domain::Som;
use usta::ui::app::{App, Message, Screen};

const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som

/// The sizes a till must work at.
const SIZES: [(f32, f32); 3] = [(1024.0, 768.0), (1366.0, 768.0), (1920.0, 1080.0)];

fn window(app: &App, size: (f32, f32)) -> Simulator<'_, Message> {
    Simulator::with_size(usta::ui::settings(), size, app.view_main())
}

/// How wide `text` is at `size` px with room to spare: what it needs not to be cut or run over.
fn natural_width(text: &str, size: f32) -> f32 {
    let view: Element<'_, ()> = iced::widget::text(text.to_string())
        .size(size)
        .wrapping(iced::widget::text::Wrapping::None)
        .into();
    let mut ui = Simulator::with_size(usta::ui::settings(), (20_000.0, 400.0), view);
    ui.find(text).expect("the text alone").bounds().width
}

/// The text's box on screen, checked to hold the whole text on one line inside the window.
fn whole(ui: &mut Simulator<'_, Message>, text: &str, size: (f32, f32)) -> Rectangle {
    let bounds = ui
        .find(text)
        .unwrap_or_else(|e| panic!("'{text}' not shown at {size:?}: {e:?}"))
        .bounds();
    // One line of text is 1.3 × its type size tall (iced's default line height).
    let px = bounds.height / 1.3;
    let needs = natural_width(text, px);
    assert!(
        bounds.width + 0.5 >= needs,
        "'{text}' squeezed into {} px of the {needs} px it needs at {size:?}",
        bounds.width
    );
    assert!(
        bounds.x >= 0.0 && bounds.x + bounds.width <= size.0 + 0.5,
        "'{text}' leaves the window at {size:?}: {bounds:?}"
    );
    bounds
}

fn apart(ui: &mut Simulator<'_, Message>, label: &str, amount: &str, size: (f32, f32)) {
    let l = whole(ui, label, size);
    let a = whole(ui, amount, size);
    assert!(
        !l.intersects(&a),
        "'{label}' {l:?} and '{amount}' {a:?} overlap at {size:?}"
    );
}

/// A cart worth the most the till must show: 99 999 999,99 som.
fn biggest_cart(shop: &Shop, app: &mut App) {
    let mut hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    hat.product.price = Som::from_tyiyn(9_999_999_999);
    app.sale
        .cart
        .add(hat.product, None, rust_decimal::Decimal::ONE)
        .expect("added");
}

const BIGGEST: &str = "99\u{a0}999\u{a0}999,99\u{a0}сом";

#[test]
fn the_largest_total_and_change_never_overlap_their_labels() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    biggest_cart(&shop, &mut app);
    for size in SIZES {
        apart(&mut window(&app, size), "Жалпы", BIGGEST, size);
    }
    send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
    assert_eq!(app.screen, Screen::Payment);
    send(
        &mut app,
        Message::Payment(usta::ui::payment::Message::Amount("150000000".into())),
    );
    send(&mut app, Message::Payment(usta::ui::payment::Message::Add));
    for size in SIZES {
        let mut ui = window(&app, size);
        apart(&mut ui, "Жалпы", BIGGEST, size);
        apart(&mut ui, "Кайтарым", "50\u{a0}000\u{a0}000,01\u{a0}сом", size);
    }
}

fn key_event(key: iced::keyboard::Key, text: Option<&str>, ctrl: bool) -> iced::keyboard::Event {
    iced::keyboard::Event::KeyPressed {
        modified_key: key.clone(),
        key,
        physical_key: iced::keyboard::key::Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
        location: iced::keyboard::Location::Standard,
        modifiers: if ctrl {
            iced::keyboard::Modifiers::CTRL
        } else {
            iced::keyboard::Modifiers::empty()
        },
        text: text.map(Into::into),
        repeat: false,
    }
}

fn named(key: Named) -> Message {
    Message::Key(key_event(iced::keyboard::Key::Named(key), None, false), Instant::now())
}

/// A keyboard-wedge scanner: the code's digits then Enter, `gap` apart, with no field taking them.
fn wedge(app: &mut App, code: &str, gap: Duration) {
    let mut at = Instant::now();
    for c in code.chars() {
        let s = c.to_string();
        let key = iced::keyboard::Key::Character(s.clone().into());
        send(app, Message::Key(key_event(key, Some(&s), false), at));
        at += gap;
    }
    let enter = key_event(iced::keyboard::Key::Named(Named::Enter), None, false);
    send(app, Message::Key(enter, at));
}

fn scan(app: &mut App, code: &str) {
    type_into(app, usta::ui::sale::SCAN, code);
    enter(app, usta::ui::sale::SCAN);
}

#[test]
fn the_top_bar_keeps_clock_languages_and_help_at_1024_and_1366() {
    let shop = Shop::demo();
    let app = till(&shop);
    for size in [(1024.0, 768.0), (1366.0, 768.0)] {
        let mut ui = window(&app, size);
        for t in ["28.11 12:00", "KY", "RU", "EN", "?", "Сатуу", "Кайтаруу", "Отчёттор"] {
            let b = whole(&mut ui, t, size);
            assert!(b.y + b.height <= 130.0, "'{t}' is pushed down to {b:?} at {size:?}");
        }
        let scan = ui
            .find(iced_test::selector::id(usta::ui::sale::SCAN))
            .expect("scan field")
            .bounds();
        assert!(scan.width > 200.0, "the scan field keeps room: {scan:?}");
    }
}

#[test]
fn a_wedge_scan_after_a_click_on_a_language_lands_in_the_cart() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    // The click takes the focus off the scan field; the scanner then types into no field at all.
    click(&mut app, "RU");
    wedge(&mut app, HAT, Duration::from_millis(4));
    assert_eq!(app.sale.cart.totals().total, Som::whole(2500), "the hat was added");
    // A person typing the same digits slowly with nothing focused is not a scan.
    wedge(&mut app, HAT, Duration::from_millis(200));
    assert_eq!(app.sale.cart.totals().total, Som::whole(2500));
    // On Stocktake too.
    send(&mut app, Message::Go(Screen::Stocktake));
    wedge(&mut app, HAT, Duration::from_millis(4));
    assert_eq!(app.stocktake.counts.len(), 1, "counted");
}

#[test]
fn every_key_means_one_thing_on_every_screen_and_help_lists_them() {
    use std::collections::HashMap;
    let screens = [
        Screen::Sale,
        Screen::Payment,
        Screen::Returns,
        Screen::Inventory,
        Screen::Stocktake,
        Screen::Settings,
        Screen::Day,
        Screen::Reports,
    ];
    let mut meaning: HashMap<String, &str> = HashMap::new();
    for screen in screens {
        let table = usta::ui::app::keys::table(screen);
        let mut seen = std::collections::HashSet::new();
        for (key, what) in table {
            assert!(seen.insert(key.clone()), "{key} twice on {screen:?}");
            let first = *meaning.entry(key.clone()).or_insert(what);
            assert_eq!(
                first, what,
                "{key} means {first} on one screen and {what} on {screen:?}"
            );
        }
    }
    // Mid-sale, the payment keys stay on the payment screen: F10 is the card, never Reports.
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    send(&mut app, named(Named::F10));
    assert_eq!(app.screen, Screen::Sale, "F10 does nothing off the payment screen");
    send(&mut app, named(Named::F3));
    assert_eq!(app.screen, Screen::Payment);
    send(&mut app, named(Named::F10));
    assert_eq!(app.screen, Screen::Payment, "F10 picks the card, it does not leave");
    assert!(sees(&app, "Карта (F10)"), "the key is on the button");
    send(&mut app, named(Named::F1));
    assert!(sees(&app, "Бул экрандын баскычтары"));
    assert!(
        sees(&app, "F9") && sees(&app, "Накталай"),
        "help lists the payment keys here"
    );
    send(&mut app, named(Named::Escape));
    assert!(!app.help);
    // Esc goes back one step: payment → cart, the cart kept.
    send(&mut app, named(Named::Escape));
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(app.sale.cart.totals().total, Som::whole(2500));
}

/// The till on a clock the test moves (minutes after noon), signed in as `who`.
fn till_on_clock(shop: &Shop, who: (&str, &str)) -> (App, std::sync::Arc<std::sync::atomic::AtomicU32>) {
    use std::sync::atomic::{AtomicU32, Ordering};
    let minutes = std::sync::Arc::new(AtomicU32::new(0));
    let clock = minutes.clone();
    let services = usta::ui::services::Services::with_clock(
        shop.open(),
        std::sync::Arc::new(move || support::at(12, clock.load(Ordering::SeqCst))),
    );
    let (mut app, task) = App::new(services);
    support::ui::settle(&mut app, task);
    sign_in(&mut app, who.0, who.1);
    assert!(!app.locked);
    (app, minutes)
}

#[test]
fn a_discount_over_the_limit_is_refused_when_typed_and_approved_right_there() {
    use usta::ui::sale::Message as S;
    let shop = Shop::demo();
    let (mut app, minutes) = till_on_clock(&shop, support::CASHIER);
    scan(&mut app, HAT);
    let scan_field = |app: &App| {
        window(app, (1024.0, 768.0))
            .find(iced_test::selector::id(usta::ui::sale::SCAN))
            .expect("scan field")
            .bounds()
    };
    let before = scan_field(&app);
    send(&mut app, Message::Sale(S::SaleDiscountText("20%".into())));
    send(&mut app, Message::Sale(S::SaleDiscountCommit));
    assert!(
        app.sale.cart.totals().discount.is_zero(),
        "not applied without a manager"
    );
    assert!(
        sees(
            &app,
            "Бул арзандатуу сиздин чектен ашат: менеджер төмөндө ырастайт, анан арзандатуу колдонулат."
        ),
        "refused at once, in Kyrgyz"
    );
    assert!(sees(&app, "Уруксат берүү"), "the approval strip is open");
    assert_eq!(scan_field(&app), before, "the strip pushes nothing down");
    // Only those who can approve are offered: the cashier is not.
    let approvers = app
        .services
        .call(|ctx| usta::app::users::approvers(ctx))
        .expect("approvers");
    assert!(approvers.contains(&"Айгүл".to_string()) && !approvers.contains(&"Бакыт".to_string()));

    // Cancelled: the strip closes.
    send(&mut app, Message::CancelApproval);
    assert!(!sees(&app, "Уруксат берүү"));
    // Asked again and left alone for over two minutes: it closes by itself.
    send(&mut app, Message::Sale(S::SaleDiscountCommit));
    assert!(sees(&app, "Уруксат берүү"));
    minutes.store(3, std::sync::atomic::Ordering::SeqCst);
    send(&mut app, Message::Tick(support::at(12, 3)));
    assert!(!sees(&app, "Уруксат берүү"), "a request nobody answered is forgotten");

    // Asked again; the manager approves and the discount is applied there and then.
    send(&mut app, Message::Sale(S::SaleDiscountCommit));
    send(&mut app, Message::ApprovalName("Айгүл".into()));
    send(&mut app, Message::ApprovalPin("1234".into()));
    send(&mut app, Message::Approve);
    assert_eq!(app.sale.cart.totals().total, Som::whole(2000), "20% off the hat");
    // The payment goes through with the approval (used and journaled at the commit).
    send(&mut app, Message::Sale(S::Pay));
    send(&mut app, Message::Payment(usta::ui::payment::Message::Exact));
    send(&mut app, Message::Payment(usta::ui::payment::Message::Confirm));
    assert_eq!(
        support::count(&shop.db, "sales"),
        1,
        "{:?}",
        app.payment.as_ref().and_then(|p| p.notice.clone())
    );
    send(&mut app, Message::Payment(usta::ui::payment::Message::NewSale));
    assert!(
        !sees(&app, "Уруксат берүү"),
        "the approval was used: the strip is closed"
    );
}

#[test]
fn a_new_sale_starts_clean() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, "2999999999992");
    assert!(app.sale.notice.is_some());
    scan(&mut app, HAT);
    send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
    send(&mut app, Message::Payment(usta::ui::payment::Message::Exact));
    send(&mut app, Message::Payment(usta::ui::payment::Message::Confirm));
    send(&mut app, Message::Payment(usta::ui::payment::Message::NewSale));
    assert_eq!(app.screen, Screen::Sale);
    assert!(app.sale.notice.is_none(), "{:?}", app.sale.notice);
    assert!(!sees(&app, "2999999999992"), "no word of the last sale");
}

#[test]
fn typing_a_quantity_replaces_the_old_one() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    scan(&mut app, HAT);
    send(&mut app, Message::Sale(usta::ui::sale::Message::EditQty(1)));
    type_into(&mut app, "edit", "5");
    enter(&mut app, "edit");
    assert_eq!(app.sale.cart.totals().total, Som::whole(12_500), "5 hats, not 25");
}

#[test]
fn arrows_choose_the_search_result_that_enter_adds() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    type_into(&mut app, usta::ui::sale::SCAN, "кийиз");
    let shown = app.sale.suggestions().to_vec();
    assert!(shown.len() >= 2, "several felt things: {}", shown.len());
    send(&mut app, named(Named::ArrowDown));
    enter(&mut app, usta::ui::sale::SCAN);
    assert_eq!(
        app.sale.cart.totals().total,
        shown[1].product.price,
        "the second, as chosen"
    );
}

#[test]
fn payment_enter_on_nothing_records_nothing_and_a_card_overpayment_is_refused_at_once() {
    use usta::ui::payment::{AMOUNT, Message as P};
    let shop = Shop::demo();
    let mut app = till(&shop);
    scan(&mut app, HAT);
    send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
    enter(&mut app, AMOUNT);
    assert!(
        app.payment.as_ref().expect("payment").tenders.is_empty(),
        "no cash never handed over"
    );
    assert_eq!(support::count(&shop.db, "sales"), 0);
    send(
        &mut app,
        Message::Payment(P::Kind(usta::domain::payment::PaymentKind::Card)),
    );
    type_into(&mut app, AMOUNT, "5000");
    enter(&mut app, AMOUNT);
    assert!(app.payment.as_ref().expect("payment").tenders.is_empty());
    assert!(sees(
        &app,
        "Карта менен төлөм кайтарым бербейт: 5\u{a0}000,00\u{a0}сом калган 2\u{a0}500,00\u{a0}сомдон көп."
    ));
}

#[test]
fn voiding_a_large_cart_takes_a_manager_a_small_one_does_not() {
    use usta::ui::sale::Message as S;
    let shop = Shop::demo();
    let (mut app, _) = till_on_clock(&shop, support::CASHIER);
    scan(&mut app, HAT);
    send(
        &mut app,
        Message::Key(
            key_event(iced::keyboard::Key::Named(Named::Delete), None, true),
            Instant::now(),
        ),
    );
    assert!(app.sale.cart.is_empty(), "2 500 som: under the 5 000 som limit");
    for _ in 0..3 {
        scan(&mut app, HAT);
    }
    send(&mut app, Message::Sale(S::VoidCart));
    assert_eq!(
        app.sale.cart.totals().total,
        Som::whole(7500),
        "kept until a manager approves"
    );
    assert!(sees(&app, "Уруксат берүү"));
    send(&mut app, Message::ApprovalName("Айгүл".into()));
    send(&mut app, Message::ApprovalPin("1234".into()));
    send(&mut app, Message::Approve);
    assert!(app.sale.cart.is_empty(), "voided once approved");
    let restored = shop
        .open()
        .load_draft(&shop.open().register_id().expect("register"))
        .expect("draft");
    assert!(restored.is_none_or(|c| c.is_empty()), "the draft is empty too");
}

#[test]
fn the_receipt_names_the_cashier() {
    let shop = Shop::demo();
    let (mut app, _) = till_on_clock(&shop, support::CASHIER);
    scan(&mut app, HAT);
    send(&mut app, Message::Sale(usta::ui::sale::Message::Pay));
    send(&mut app, Message::Payment(usta::ui::payment::Message::Exact));
    send(&mut app, Message::Payment(usta::ui::payment::Message::Confirm));
    let receipt = &app.payment.as_ref().expect("payment").done.as_ref().expect("done").1;
    assert!(receipt.contains("Кассир: Бакыт"), "{receipt}");
}

/// Attribute values follow the chosen language everywhere a product is listed: the demo's slippers carry
/// `colour=grey` with no translation, and the dictionary gives "боз" and "серый"; the customer display, for
/// tourists, shows English.
#[test]
fn attribute_values_show_in_the_chosen_language_in_cart_search_and_customer_display() {
    use usta::domain::catalog::Lang;
    let shop = Shop::demo();
    let slippers = shop
        .open()
        .search("тапочка боз 38", 1)
        .expect("search")
        .pop()
        .expect("the grey slippers");
    assert_eq!(
        slippers.product.attributes.get("colour").map(String::as_str),
        Some("grey")
    );
    let code = slippers.product.barcodes[0].to_string();
    let mut app = till(&shop);
    scan(&mut app, &code);
    for (lang, shown) in [
        (Lang::Ky, "Кийиз тапочка боз 38 (боз, 38)"),
        (Lang::Ru, "Войлочные тапочки серые 38 (серый, 38)"),
        (Lang::En, "Felt slippers grey 38 (grey, 38)"),
    ] {
        send(&mut app, Message::Lang(lang));
        assert!(sees(&app, shown), "the cart line in {lang:?}: '{shown}'");
    }
    // Search results list the same name.
    send(&mut app, Message::Lang(Lang::Ru));
    type_into(&mut app, usta::ui::sale::SCAN, "тапочки серые 40");
    assert!(
        sees(&app, "Войлочные тапочки серые 40 (серый, 40)"),
        "the search result in Russian"
    );
    // The customer display speaks English whatever the cashier chose.
    let display = iced::window::Id::unique();
    app.customer = Some(display);
    let mut ui = Simulator::with_size(usta::ui::settings(), (1024.0, 768.0), app.view(display));
    assert!(
        ui.find("Felt slippers grey 38 (grey, 38)").is_ok(),
        "the customer display"
    );
}

/// A till without a touch screen signs in from the keyboard: ↓ walks the names on the sign-in card (the PIN field
/// keeps the focus and lets ↑ ↓ through), then the PIN and Enter.
#[test]
fn the_keyboard_alone_picks_the_user_and_signs_in() {
    use support::{CASHIER, MANAGER};
    let shop = Shop::demo();
    let mut app = support::ui::locked_till(&shop);
    assert!(app.locked);
    let names = app.login.names().to_vec();
    assert!(names.len() >= 2 && names.contains(&MANAGER.0.to_string()), "{names:?}");
    let down = || key_event(iced::keyboard::Key::Named(Named::ArrowDown), None, false);
    let up = || key_event(iced::keyboard::Key::Named(Named::ArrowUp), None, false);
    send(&mut app, Message::Key(down(), Instant::now()));
    assert_eq!(
        app.login.picked.as_deref(),
        Some(names[0].as_str()),
        "↓ starts at the first name"
    );
    send(&mut app, Message::Key(up(), Instant::now()));
    assert_eq!(
        app.login.picked.as_deref(),
        Some(names[names.len() - 1].as_str()),
        "↑ wraps to the last"
    );
    while app.login.picked.as_deref() != Some(MANAGER.0) {
        send(&mut app, Message::Key(down(), Instant::now()));
    }
    assert!(
        sees(&app, "↑ ↓ өзүңүздү тандаңыз, анан PIN терип, Enter басыңыз"),
        "the card says how"
    );
    type_into(&mut app, usta::ui::login::PIN, MANAGER.1);
    enter(&mut app, usta::ui::login::PIN);
    assert!(!app.locked, "signed in");
    assert_ne!(MANAGER.0, CASHIER.0);
    assert_eq!(app.services.actor().name, MANAGER.0, "as the manager picked by keys");
}
