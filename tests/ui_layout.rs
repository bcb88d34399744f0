//! Every screen of the window laid out headless at 1024×768, 1280×800 and 1920×1080, in Kyrgyz and Russian (the
//! longest words), filled the way a busy day fills them (a 40-line cart of the largest amounts, a paid receipt, a
//! return, counted stock, every settings section): no text may overflow its box, leave the window or lie on
//! another text or field (see tests/support/layout.rs for how it is measured).
//!
//! With `USTA_SCREENSHOTS=<dir>` set, the same views are also written there as PNGs (the CPU renderer's snapshot),
//! which is what `scripts/screenshots` does.

mod support;

use iced::widget::{container, text};
use iced::{Element, Length};
use iced_test::Simulator;
use support::layout::{Problem, SIZES, check, lay_out};
use support::ui::{locked_till, send, sign_in};
use support::{ADMIN, Shop};
use usta::domain::catalog::Lang;
use usta::domain::currency::Rates;
use usta::ui::app::{App, Message, Screen};
use usta::ui::payment::Message as Pay;
use usta::ui::returns::Message as Ret;
use usta::ui::sale::Message as SaleMsg;
use usta::ui::stocktake::Message as Count;

const CARPET: &str = "2100000000142"; // Шырдак 100×150 см, 25 000 som
const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som

/// Where the screenshots go, when asked for.
fn shots_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("USTA_SCREENSHOTS").map(std::path::PathBuf::from)
}

/// Checks a view at every size (and shoots it when asked), adding what is wrong to `report`.
fn screen<'a, M: Send + 'a>(walk: &mut Walk, name: &str, view: impl Fn() -> Element<'a, M>) {
    walk.report.extend(check(name, &walk.names, &view));
    // Kyrgyz pictures only (the Russian layout is checked all the same): half the time.
    if let Some(dir) = shots_dir().filter(|_| walk.lang == Lang::Ky) {
        for (w, h) in SIZES {
            let mut ui = Simulator::with_size(support::layout::load_fonts(), (w, h), view());
            let snapshot = ui.snapshot(&usta::ui::theme::light()).expect("snapshot");
            let lang = format!("{:?}", walk.lang).to_lowercase();
            let name = format!("{name}-{lang}-{w}x{h}");
            let path = dir.join(&name);
            // The snapshot writes the file only when it is not there yet.
            let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
            snapshot.matches_image(&path).expect("write the screenshot");
        }
    }
}

/// What a walk through the screens found, and the shop's product names (which may wrap onto two lines).
struct Walk {
    lang: Lang,
    report: Vec<String>,
    names: std::collections::HashSet<String>,
}

fn view_of(app: &App) -> Element<'_, Message> {
    app.view_main()
}

/// A cart of 40 different products at prices of up to the largest a line can have.
fn fill_cart(app: &mut App, shop: &Shop) {
    let mut products = shop.open().all_products().expect("products");
    assert!(products.len() >= 20, "the demo shop has products");
    let mut lines = 0;
    let mut round = 0;
    while lines < 40 {
        for p in products.iter_mut().take(40 - lines) {
            let mut p = p.clone();
            if round > 0 {
                // The demo shop has fewer than 40 products: the rest of the lines are priced copies.
                p.product.id = p
                    .product
                    .id
                    .map(|id| usta::domain::catalog::ProductId(id.0 + 10_000 * round));
                p.product.barcodes.clear();
            }
            p.product.price = if lines == 0 {
                usta::domain::Som::new(rust_decimal::Decimal::new(9_999_999_999, 2))
            } else {
                usta::domain::Som::new(rust_decimal::Decimal::new(2_222_222_222, 2))
            };
            send(app, Message::Sale(SaleMsg::Pick(Box::new(p))));
            lines += 1;
        }
        round += 1;
    }
    assert_eq!(app.sale.cart.lines.len(), 40, "40 lines in the cart");
}

/// Walks every screen in one language and returns what does not fit.
fn walk(lang: Lang) -> Vec<String> {
    let shop = Shop::demo();
    let names = shop
        .open()
        .all_products()
        .expect("products")
        .iter()
        .flat_map(|p| [Lang::Ky, Lang::Ru, Lang::En].map(|l| p.product.names.get(l).to_string()))
        .collect();
    let mut report = Walk {
        lang,
        report: Vec::new(),
        names,
    };
    let mut app = locked_till(&shop);
    send(&mut app, Message::Lang(lang));
    screen(&mut report, "login", || view_of(&app));
    sign_in(&mut app, "Айгүл", "1234");
    assert!(!app.locked, "the demo manager signs in");
    send(&mut app, Message::Lang(lang));

    // A real sale to return and to issue a tax-free form for.
    send(&mut app, Message::Sale(SaleMsg::Scanned(HAT.into())));
    send(&mut app, Message::Sale(SaleMsg::Scanned(CARPET.into())));
    send(&mut app, Message::Sale(SaleMsg::Pay));
    send(&mut app, Message::Payment(Pay::Exact));
    send(&mut app, Message::Payment(Pay::Confirm));
    let receipt = app
        .payment
        .as_ref()
        .and_then(|p| p.done.as_ref())
        .and_then(|(sale, _)| sale.receipt_no)
        .expect("the sale is paid");
    screen(&mut report, "receipt", || view_of(&app));
    send(&mut app, Message::Payment(Pay::TaxFree));
    assert!(app.taxfree.is_some(), "the tax-free dialog opens");
    screen(&mut report, "tax-free", || view_of(&app));
    app.taxfree = None;
    send(&mut app, Message::Payment(Pay::NewSale));

    fill_cart(&mut app, &shop);
    screen(&mut report, "sale", || view_of(&app));
    let rates = Rates::new(vec![]);
    screen(&mut report, "customer-display", || {
        usta::ui::customer::view(
            usta::ui::customer::Display {
                cart: &app.sale.cart,
                rates: &rates,
                currency: usta::domain::currency::Currency::Kgs,
                paid: None,
                qr: None,
                i18n: &app.i18n,
                day: support::at(12, 0).date_naive(),
            },
            |_| (),
        )
    });
    send(&mut app, Message::Sale(SaleMsg::Pay));
    assert_eq!(app.screen, Screen::Payment);
    send(&mut app, Message::Payment(Pay::Amount("99999999.99".into())));
    send(&mut app, Message::Payment(Pay::Add));
    screen(&mut report, "payment", || view_of(&app));
    send(&mut app, Message::Payment(Pay::Back));

    send(&mut app, Message::Go(Screen::Returns));
    send(&mut app, Message::Returns(Ret::Receipt(receipt.to_string())));
    send(&mut app, Message::Returns(Ret::Find));
    send(&mut app, Message::Returns(Ret::All));
    screen(&mut report, "returns", || view_of(&app));

    send(&mut app, Message::Go(Screen::Reports));
    screen(&mut report, "reports", || view_of(&app));
    send(&mut app, Message::Go(Screen::Day));
    screen(&mut report, "day", || view_of(&app));

    send(&mut app, Message::Go(Screen::Inventory));
    screen(&mut report, "inventory", || view_of(&app));
    let hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    send(
        &mut app,
        Message::Inventory(usta::ui::inventory::Message::Select(Box::new(hat))),
    );
    assert!(app.inventory.form.is_some(), "the product form opens");
    screen(&mut report, "product-form", || view_of(&app));

    send(&mut app, Message::Go(Screen::Stocktake));
    for code in [HAT, HAT, CARPET] {
        send(&mut app, Message::Stocktake(Count::Scanned(code.into())));
    }
    screen(&mut report, "stocktake", || view_of(&app));

    send(&mut app, Message::Help);
    assert!(app.help, "help is open");
    screen(&mut report, "help", || view_of(&app));
    send(&mut app, Message::Help);

    // Settings with every section, the users and PINs among them, as the admin sees them.
    send(&mut app, Message::SwitchUser);
    sign_in(&mut app, ADMIN.0, ADMIN.1);
    assert!(!app.locked, "the admin signs in");
    send(&mut app, Message::Lang(lang));
    send(&mut app, Message::Go(Screen::Settings));
    assert!(!app.settings.users.list.is_empty(), "the admin sees the users");
    screen(&mut report, "settings", || view_of(&app));
    report.report
}

fn assert_fits(lang: Lang) {
    let report = walk(lang);
    assert!(
        report.is_empty(),
        "{} layout problems in {lang:?}:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn every_screen_fits_every_size_in_kyrgyz() {
    assert_fits(Lang::Ky);
}

#[test]
fn every_screen_fits_every_size_in_russian() {
    assert_fits(Lang::Ru);
}

/// The check itself: a label in a box too narrow for it is caught, and the same label in a wide box is not.
#[test]
fn a_too_narrow_box_is_caught() {
    let label = "Жалпы: 99\u{a0}999\u{a0}999,99\u{a0}сом";
    let boxed =
        |width: f32| -> Element<'static, ()> { container(text(label).size(26)).width(Length::Fixed(width)).into() };
    let narrow = lay_out(boxed(120.0), (1024.0, 768.0)).problems();
    assert!(
        narrow
            .iter()
            .any(|p| matches!(p, Problem::WordTooWide { text, .. } if text == label)),
        "a 120 px box is too narrow: {narrow:?}"
    );
    let wide = lay_out(boxed(600.0), (1024.0, 768.0)).problems();
    assert!(wide.is_empty(), "600 px is enough: {wide:?}");
}

#[test]
fn a_label_wrapped_onto_two_lines_is_caught() {
    let view = || -> Element<'static, ()> {
        container(text("Провести инвентаризацию").size(26))
            .width(Length::Fixed(250.0))
            .into()
    };
    let problems = lay_out(view(), (1024.0, 768.0)).problems();
    assert!(
        problems.iter().any(|p| matches!(p, Problem::Wrapped { .. })),
        "{problems:?}"
    );
}

#[test]
fn two_texts_on_top_of_each_other_are_caught() {
    let view = || -> Element<'static, ()> {
        iced::widget::stack![text("Жалпы").size(26), text("155\u{a0}800,00").size(26)].into()
    };
    let problems = lay_out(view(), (1024.0, 768.0)).problems();
    assert!(
        problems.iter().any(|p| matches!(p, Problem::Overlap { .. })),
        "{problems:?}"
    );
}

#[test]
fn a_text_beyond_the_window_edge_is_caught() {
    let view = || -> Element<'static, ()> {
        iced::widget::row![
            iced::widget::Space::new().width(Length::Fixed(1000.0)),
            text("F12").size(26).wrapping(iced::widget::text::Wrapping::None)
        ]
        .into()
    };
    let problems = lay_out(view(), (1024.0, 768.0)).problems();
    assert!(!problems.is_empty(), "{problems:?}");
}
