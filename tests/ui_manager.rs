//! The manager's side of the window and the catalog file: units (only metres and kilograms take fractions, in
//! the window, `usta sell`, stock and the catalog file), the inventory at 1024×768 with numbers read again after
//! every change, the product form's pick lists and labels, and the per-section settings with users and PINs.

mod support;

use iced_test::{Simulator, selector};
use rust_decimal::Decimal;
use support::ui::{click, sees, send, till};
use support::{Shop, count, stderr, stdout};
use usta::domain::catalog::Unit;
use usta::ui::app::{App, Message, Screen};
use usta::ui::inventory::{FormField, Message as Inv};
use usta::ui::product_form::Request;

const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som

fn inv(app: &mut App, m: Inv) {
    send(app, Message::Inventory(m));
}

/// A felt product sold by the metre, made through the catalog file (with 10,5 m received).
fn felt_by_the_metre(shop: &Shop) -> String {
    let file = shop.dir.path().join("felt.csv");
    std::fs::write(
        &file,
        "barcode;name_ky;name_ru;name_en;category;price;unit;opening_stock\n\
         2100000009992;Кийиз кездеме;Войлок отрезной;Felt by the metre;carpets;1200;м;10,5\n",
    )
    .expect("write csv");
    let out = shop.usta(&["catalog", "import", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    "2100000009992".into()
}

#[test]
fn a_hat_is_never_sold_by_the_half_but_felt_is_sold_by_the_metre() {
    let shop = Shop::demo();
    let out = shop.usta(&["sell", &format!("{HAT}*1.5"), "--pay", "cash:5000"]);
    assert!(!out.status.success(), "1.5 hats sold: {}", stdout(&out));
    assert!(stderr(&out).contains("sold by the piece"), "{}", stderr(&out));
    assert_eq!(count(&shop.db, "sales"), 0, "nothing was sold");

    let felt = felt_by_the_metre(&shop);
    let out = shop.usta(&["sell", &format!("{felt}*1,5"), "--pay", "cash:1800"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stored = shop.open().product_by_barcode(&felt).expect("lookup").expect("felt");
    assert_eq!(stored.product.unit, Unit::Metre);
    assert_eq!(stored.on_hand, Decimal::new(90, 1), "10,5 m less 1,5 m");

    // Stock of pieces moves in whole pieces too.
    let out = shop.usta(&["stock", "receive", HAT, "0.5"]);
    assert!(!out.status.success(), "half a hat received");
    assert!(stderr(&out).contains("sold by the piece"), "{}", stderr(&out));
}

#[test]
fn the_catalog_file_carries_the_unit_and_refuses_what_does_not_fit_it() {
    let shop = Shop::demo();
    felt_by_the_metre(&shop);
    let export = shop.dir.path().join("out.csv");
    let out = shop.usta(&["catalog", "export", export.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&export).expect("export");
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let unit = header.iter().position(|h| *h == "unit").expect("a unit column");
    let units: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(unit).expect("a unit"))
        .collect();
    assert!(units.contains(&"metre") && units.contains(&"piece"), "{units:?}");
    // What was exported reads back unchanged.
    let out = shop.usta(&["catalog", "import", export.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));

    for (row, column) in [
        ("2100000009985;Шапка;;;hats;900;litre;1", "unit"),
        ("2100000009985;Шапка;;;hats;900;шт;2,5", "opening_stock"),
    ] {
        let file = shop.dir.path().join("bad.csv");
        std::fs::write(
            &file,
            format!("barcode;name_ky;name_ru;name_en;category;price;unit;opening_stock\n{row}\n"),
        )
        .expect("write");
        let before = count(&shop.db, "products");
        let out = shop.usta(&["catalog", "import", file.to_str().expect("path")]);
        assert!(!out.status.success(), "{row} imported");
        let message = stderr(&out);
        assert!(message.contains("row 2") && message.contains(column), "{message}");
        assert_eq!(count(&shop.db, "products"), before, "nothing was imported");
    }
}

#[test]
fn the_sale_screen_refuses_half_a_hat_in_the_shops_language() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    support::ui::type_into(&mut app, usta::ui::sale::SCAN, HAT);
    support::ui::enter(&mut app, usta::ui::sale::SCAN);
    let line = app.sale.cart.lines[0].line_no;
    use usta::ui::sale::Message as S;
    for m in [S::EditQty(line), S::EditText("1,5".into()), S::EditCommit] {
        send(&mut app, Message::Sale(m));
    }
    assert_eq!(app.sale.cart.lines[0].qty, Decimal::ONE, "the hat stays one hat");
    let notice = app.sale.notice.as_ref().expect("a notice");
    assert_eq!(notice.key, "err-whole-only");
    let text = notice.text(&app.i18n);
    assert_eq!(text, "Ак калпак даана менен сатылат: 1,5 бүтүн сан эмес.");
    assert!(sees(&app, &text));
}

/// The window's view at a given size.
fn at_size(app: &App, size: (f32, f32)) -> Simulator<'_, Message> {
    Simulator::with_size(usta::ui::settings(), size, app.view_main())
}

#[test]
fn the_inventory_search_is_usable_at_1024_by_768() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    let mut ui = at_size(&app, (1024.0, 768.0));
    let search = ui
        .find(selector::id(usta::ui::inventory::SEARCH))
        .expect("the search field");
    assert!(
        search.bounds().width >= 400.0,
        "the search is {} px wide at 1024×768",
        search.bounds().width
    );
    assert!(search.bounds().x + search.bounds().width <= 1024.0, "inside the window");
}

#[test]
fn on_hand_is_read_again_when_the_inventory_opens_after_a_sale() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    let hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    let before = hat.on_hand;
    inv(&mut app, Inv::Select(Box::new(hat)));
    inv(&mut app, Inv::Qty("2".into()));
    inv(&mut app, Inv::Receive);
    let received = before + Decimal::from(2);
    assert_eq!(app.inventory.selected.as_ref().map(|r| r.on_hand), Some(received));

    // Two hats are sold at the till (here by another process on the same file) while the manager looks away.
    send(&mut app, Message::Go(Screen::Sale));
    let out = shop.usta(&["sell", &format!("{HAT}*2"), "--pay", "cash:5000"]);
    assert!(out.status.success(), "{}", stderr(&out));
    send(&mut app, Message::Go(Screen::Inventory));
    let listed = app
        .inventory
        .list
        .iter()
        .find(|r| r.product.barcodes.iter().any(|b| b.as_str() == HAT))
        .map(|r| r.on_hand);
    let shown = app.inventory.selected.as_ref().map(|r| r.on_hand);
    assert_eq!(listed, Some(before), "the list is read again");
    assert_eq!(
        shown,
        Some(before),
        "the picked product's on-hand is read again, not left at {received}"
    );
    assert!(app.inventory.notice.is_none(), "the old 'stock now' notice is gone");
    assert!(sees(&app, &format!("Кампада: {} даана", before.normalize())));
}

#[test]
fn the_product_form_picks_the_shops_own_values_and_makes_a_category_on_purpose() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    // A stored price shows as the shop writes it.
    let hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    inv(&mut app, Inv::Select(Box::new(hat)));
    assert_eq!(
        app.inventory.form.as_ref().map(|f| f.price.as_str()),
        Some("2\u{a0}500,00")
    );
    // The pick lists offer the shop's values by their names in the chosen language, not their codes.
    let label_of = |choices: Vec<usta::ui::product_form::Choice>, code: &str| {
        choices
            .into_iter()
            .find(|c| c.code.as_deref() == Some(code))
            .map(|c| c.label)
    };
    let form = app.inventory.form.as_ref().expect("form");
    let options = &app.inventory.options;
    assert_eq!(
        label_of(options.category_choices(app.i18n.lang()), &form.category).as_deref(),
        Some("Баш кийимдер")
    );
    assert_eq!(
        label_of(options.tax_choices(&app.i18n), &form.tax_group).as_deref(),
        Some("Негизги · КНС 12%")
    );

    click(&mut app, "Жаңы товар");
    inv(&mut app, Inv::Field(FormField::Ky("Кийиз кездеме".into())));
    inv(&mut app, Inv::Field(FormField::Price("1 200,50".into())));
    inv(&mut app, Inv::Field(FormField::Unit(Unit::Metre)));
    click(&mut app, "Жаңы категория");
    inv(
        &mut app,
        Inv::Field(FormField::CategoryName(
            usta::domain::catalog::Lang::Ky,
            "Кездемелер".into(),
        )),
    );
    inv(
        &mut app,
        Inv::Field(FormField::CategoryName(usta::domain::catalog::Lang::Ru, "Ткани".into())),
    );
    inv(
        &mut app,
        Inv::Field(FormField::CategoryName(
            usta::domain::catalog::Lang::En,
            "Fabrics".into(),
        )),
    );
    click(&mut app, "Категорияны түзүү");
    assert_eq!(app.inventory.notice.as_ref().map(|n| n.key), Some("category-created"));
    assert_eq!(
        app.inventory.form.as_ref().map(|f| f.category.as_str()),
        Some("fabrics")
    );
    let categories = shop.open().categories().expect("categories");
    let (_, names) = categories.iter().find(|(c, _)| c == "fabrics").expect("made");
    assert_eq!((names.ky.as_str(), names.ru.as_str()), ("Кездемелер", "Ткани"));
    // The same name again is refused, so the pick list never shows two "Fabrics".
    inv(&mut app, Inv::Form(Request::NewCategory));
    inv(
        &mut app,
        Inv::Field(FormField::CategoryName(
            usta::domain::catalog::Lang::En,
            "fabrics".into(),
        )),
    );
    inv(&mut app, Inv::Form(Request::CreateCategory));
    assert_eq!(
        app.inventory.notice.as_ref().map(|n| n.key),
        Some("err-category-exists")
    );
    inv(&mut app, Inv::Form(Request::CancelCategory));

    inv(
        &mut app,
        Inv::Field(FormField::Attributes(
            "colour=red|colour.ky=кызыл|colour.ru=красный".into(),
        )),
    );
    click(&mut app, "Ички код түзүү");
    click(&mut app, "Сактоо");
    assert_eq!(app.inventory.notice.as_ref().map(|n| n.key), Some("product-saved"));
    let code = app.inventory.form.as_ref().expect("form").barcode.clone();
    let stored = shop.open().product_by_barcode(&code).expect("lookup").expect("saved");
    assert_eq!(stored.product.category, "fabrics");
    assert_eq!(
        stored.product.attribute_values(usta::domain::catalog::Lang::Ky),
        vec!["кызыл"],
        "the colour in Kyrgyz"
    );
    assert_eq!(
        stored.product.attribute_values(usta::domain::catalog::Lang::En),
        vec!["red"]
    );
    assert_eq!(stored.product.unit, Unit::Metre);
    assert_eq!(
        stored.product.price,
        usta::domain::Som::parse("1200.50").expect("amount")
    );
    assert_eq!(
        label_of(app.inventory.options.category_choices(app.i18n.lang()), "fabrics").as_deref(),
        Some("Кездемелер"),
        "the new category is in the pick list"
    );
}

#[test]
fn a_new_handmade_product_gets_its_code_then_three_labels_print() {
    let shop = Shop::demo();
    let printer = shop.virtual_printer();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    click(&mut app, "Жаңы товар");
    assert!(
        !sees(&app, "3 этикетка басып чыгаруу"),
        "no labels before the product is saved"
    );
    inv(&mut app, Inv::Field(FormField::Ky("Кол саймалуу жаздык".into())));
    inv(&mut app, Inv::Field(FormField::Price("1 800".into())));
    click(&mut app, "Ички код түзүү");
    click(&mut app, "Сактоо");
    let code = app.inventory.form.as_ref().expect("form").barcode.clone();
    assert!(
        usta::domain::barcode::Barcode::parse(&code)
            .expect("EAN-13")
            .is_in_store()
    );
    click(&mut app, "3 этикетка басып чыгаруу");
    let jobs = printer.wait_for_jobs(3, std::time::Duration::from_secs(10));
    assert_eq!(jobs.len(), 3, "three labels");
    for job in &jobs {
        assert!(job.text.contains("Кол саймалуу жаздык"), "{}", job.text);
    }
    assert_eq!(app.inventory.notice.as_ref().map(|n| n.key), Some("labels-queued"));
    assert_eq!(app.print_notice.as_ref().map(|n| n.key), Some("printed"));
}

fn settings(app: &mut App, m: usta::ui::settings::Message) {
    send(app, Message::Settings(m));
}

#[test]
fn each_settings_section_saves_alone_with_its_confirmation_beside_it() {
    use usta::ui::settings::{Field, Message as Set, Section};
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Settings));
    settings(&mut app, Set::Edit(Field::Name("Уста Ош".into())));
    settings(&mut app, Set::Edit(Field::Vat("13".into())));
    settings(&mut app, Set::Save(Section::Shop));
    let ctx_store = |shop: &Shop| {
        let mut store = shop.open();
        let ctx = usta::app::Ctx::new(&mut store, support::at(12, 0), usta::domain::catalog::Lang::Ky);
        usta::app::settings::load(&ctx).expect("settings")
    };
    let stored = ctx_store(&shop);
    assert_eq!(stored.shop.name, "Уста Ош");
    assert_eq!(
        stored.tax.vat_pct.get("standard"),
        Some(&Decimal::from(12)),
        "the VAT typed in another section is not saved with the shop"
    );
    assert_eq!(app.settings.saved.as_ref().map(|(s, _)| *s), Some(Section::Shop));
    assert!(sees(&app, "12:00 сакталды."), "the confirmation is shown");
    let vat_still_typed = {
        let mut ui = Simulator::with_size(usta::ui::settings(), (1280.0, 800.0), app.view_main());
        ui.find("13").is_ok()
    };
    assert!(vat_still_typed, "what was typed in the taxes section stays on screen");

    // The cashier's limits: the discount limit and the void-cart threshold (5 000 som until set).
    assert!(sees(&app, "5\u{a0}000,00"), "the default void-cart threshold is shown");
    settings(&mut app, Set::Edit(Field::DiscountLimit("abc".into())));
    settings(&mut app, Set::Save(Section::Limits));
    assert_eq!(app.settings.refused.as_ref().map(|(s, _)| *s), Some(Section::Limits));
    settings(&mut app, Set::Edit(Field::DiscountLimit("15".into())));
    settings(&mut app, Set::Edit(Field::VoidAbove("7 000".into())));
    settings(&mut app, Set::Save(Section::Limits));
    assert!(app.settings.refused.is_none());
    let stored = ctx_store(&shop);
    assert_eq!(stored.discount_limit, Decimal::from(15));
    assert_eq!(
        stored.preferences.void_cart_manager_above,
        usta::domain::Som::whole(7000)
    );
    assert_eq!(stored.tax.vat_pct.get("standard"), Some(&Decimal::from(12)));
    let mut store = shop.open();
    let ctx = usta::app::Ctx::new(&mut store, support::at(12, 0), usta::domain::catalog::Lang::Ky);
    assert_eq!(
        usta::app::settings::void_cart_manager_above(&ctx).expect("read"),
        usta::domain::Som::whole(7000)
    );
}

#[test]
fn auto_lock_times_are_in_the_chosen_language() {
    use usta::ui::settings::Minutes;
    for (lang, five, never) in [
        (usta::domain::catalog::Lang::Ky, "5 мүн", "Эч качан"),
        (usta::domain::catalog::Lang::Ru, "5 мин", "Никогда"),
        (usta::domain::catalog::Lang::En, "5 min", "Never"),
    ] {
        let i18n = usta::ui::i18n::I18n::new(lang);
        assert_eq!(Minutes::new(5, &i18n).to_string(), five);
        assert_eq!(Minutes::new(0, &i18n).to_string(), never);
    }
}

#[test]
fn an_admin_adds_a_user_resets_a_pin_and_deactivates_in_settings() {
    use usta::ui::users::Message as U;
    let shop = Shop::demo();
    // A manager sees the section but not the users.
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Settings));
    assert!(sees(
        &app,
        "Колдонуучуларды кошуп, PIN-коддорду администратор гана алмаштырат."
    ));
    assert!(app.settings.users.list.is_empty(), "a manager is not shown the users");

    let mut app = support::ui::locked_till(&shop);
    support::ui::sign_in(&mut app, support::ADMIN.0, support::ADMIN.1);
    assert!(!app.locked);
    send(&mut app, Message::Go(Screen::Settings));
    assert!(
        app.settings.users.list.iter().any(|u| u.name == "Бакыт"),
        "the users are listed"
    );
    let user = |m| Message::Settings(usta::ui::settings::Message::Users(m));
    send(&mut app, user(U::Name("Нурлан".into())));
    send(&mut app, user(U::Pin("12".into())));
    send(&mut app, user(U::Add));
    assert_eq!(
        app.settings.users.notice.as_ref().map(|n| n.key),
        Some("err-user-pin"),
        "a 2-digit PIN"
    );
    send(&mut app, user(U::Pin("4321".into())));
    send(&mut app, user(U::Add));
    assert_eq!(app.settings.users.notice.as_ref().map(|n| n.key), Some("user-added"));
    assert!(sees(&app, "Нурлан"));
    let signs_in = |pin: &str| {
        let mut store = shop.open();
        let mut ctx = usta::app::Ctx::new(&mut store, support::at(12, 0), usta::domain::catalog::Lang::Ky);
        usta::app::users::sign_in(&mut ctx, "Нурлан", pin).is_ok()
    };
    assert!(signs_in("4321"), "the new cashier signs in with the PIN");

    // The users section is far down the page: driven by its messages, as its buttons send them.
    send(&mut app, user(U::ResetPin("Нурлан".into())));
    send(&mut app, user(U::ResetText("5555".into())));
    send(&mut app, user(U::ResetConfirm));
    assert_eq!(app.settings.users.notice.as_ref().map(|n| n.key), Some("pin-reset"));
    assert!(signs_in("5555") && !signs_in("4321"), "the PIN is replaced");

    send(&mut app, user(U::Deactivate("Нурлан".into())));
    assert_eq!(
        app.settings.users.notice.as_ref().map(|n| n.key),
        Some("user-deactivated")
    );
    assert!(!signs_in("5555"), "a deactivated user cannot sign in");
    assert!(
        app.settings.users.list.iter().any(|u| u.name == "Нурлан" && !u.active),
        "kept, never deleted"
    );
}
