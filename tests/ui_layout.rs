//! Every screen of the window (`Screen::ALL`) and everything a screen can show over or inside itself
//! (`Overlay::ALL`: dialogs, strips, the approval strip, the type-ahead, parked carts), laid out headless at
//! 1024×768, 1280×800 and 1920×1080 in Kyrgyz, Russian and English, filled the way a busy day fills them (a
//! 40-line cart of the largest amounts, a paid receipt, a return, a return that replaced a tax-free form, counted
//! stock, every settings section): no text
//! may overflow its box, leave the window or lie on another text or field, and no text field's placeholder may be
//! cut (see tests/support/layout.rs for how it is measured).
//!
//! With `USTA_SCREENSHOTS=<dir>` set, the same views are also written there as PNGs (the CPU renderer's snapshot),
//! which is what `scripts/screenshots` does.

mod support;

use iced::widget::{container, text};
use iced::{Element, Length};
use iced_test::Simulator;
use support::layout::{Problem, SIZES, check, lay_out};
use support::ui::{locked_till, send, sign_in};
use support::{ADMIN, CASHIER, MANAGER, Shop};
use usta::domain::catalog::Lang;
use usta::domain::currency::Rates;
use usta::ui::app::{App, Message, Overlay, Screen};
use usta::ui::day::Message as Day;
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
fn screen<'a, M: Send + 'a>(walk: &mut Walk, name: &str, shoot: bool, view: impl Fn() -> Element<'a, M>) {
    walk.report.extend(check(name, &walk.names, &view));
    // Kyrgyz pictures only (the other languages are checked all the same): a third of the time.
    if let Some(dir) = shots_dir().filter(|_| shoot && walk.lang == Lang::Ky) {
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

/// A small sale paid in cash, the receipt showing; its receipt number.
fn paid_sale(app: &mut App) -> i64 {
    send(app, Message::Go(Screen::Sale));
    send(app, Message::Sale(SaleMsg::Scanned(HAT.into())));
    send(app, Message::Sale(SaleMsg::Scanned(CARPET.into())));
    send(app, Message::Sale(SaleMsg::Pay));
    send(app, Message::Payment(Pay::Exact));
    send(app, Message::Payment(Pay::Confirm));
    app.payment
        .as_ref()
        .and_then(|p| p.done.as_ref())
        .and_then(|(sale, _)| sale.receipt_no)
        .expect("the sale is paid")
}

fn as_user(app: &mut App, (name, pin): (&str, &str), lang: Lang) {
    send(app, Message::SwitchUser);
    sign_in(app, name, pin);
    assert!(!app.locked, "{name} signs in");
    send(app, Message::Lang(lang));
}

/// The name a screen's check and pictures go by.
fn screen_name(screen: Screen) -> &'static str {
    match screen {
        Screen::Setup => "setup",
        Screen::Sale => "sale",
        Screen::Payment => "payment",
        Screen::Returns => "returns",
        Screen::Inventory => "inventory",
        Screen::Stocktake => "stocktake",
        Screen::Settings => "settings",
        Screen::Day => "day",
        Screen::Reports => "reports",
    }
}

/// Fills a screen the way a busy day fills it and shows it. The match has no catch-all: a new screen does not
/// compile here until it says how it is filled.
fn arrange(app: &mut App, shop: &Shop, screen: Screen, lang: Lang) {
    match screen {
        // The first start of a till with no shop yet: the set-up form beside the join form.
        Screen::Setup => app.screen = Screen::Setup,
        Screen::Sale => {
            send(app, Message::Go(Screen::Sale));
            if app.sale.cart.is_empty() {
                fill_cart(app, shop);
            }
        }
        Screen::Payment => {
            arrange(app, shop, Screen::Sale, lang);
            send(app, Message::Sale(SaleMsg::Pay));
            assert_eq!(app.screen, Screen::Payment);
            send(app, Message::Payment(Pay::Amount("99999999.99".into())));
            send(app, Message::Payment(Pay::Add));
        }
        Screen::Returns => {
            let receipt = {
                // The 40-line cart waits, parked, while a sale is made to return.
                send(app, Message::Go(Screen::Sale));
                let parked = !app.sale.cart.is_empty();
                if parked {
                    send(app, Message::Sale(SaleMsg::Park));
                    send(app, Message::Sale(SaleMsg::ParkConfirm));
                }
                let receipt = paid_sale(app);
                send(app, Message::Payment(Pay::NewSale));
                receipt
            };
            send(app, Message::Go(Screen::Returns));
            send(app, Message::Returns(Ret::Receipt(receipt.to_string())));
            send(app, Message::Returns(Ret::Find));
            send(app, Message::Returns(Ret::All));
        }
        Screen::Inventory => send(app, Message::Go(Screen::Inventory)),
        Screen::Stocktake => {
            send(app, Message::Go(Screen::Stocktake));
            for code in [HAT, HAT, CARPET] {
                send(app, Message::Stocktake(Count::Scanned(code.into())));
            }
        }
        // Every section, the users and PINs among them, as the admin sees them.
        Screen::Settings => {
            as_user(app, ADMIN, lang);
            send(app, Message::Go(Screen::Settings));
            assert!(!app.settings.users.list.is_empty(), "the admin sees the users");
        }
        Screen::Day => send(app, Message::Go(Screen::Day)),
        Screen::Reports => send(app, Message::Go(Screen::Reports)),
    }
}

/// After a screen's check: back to the manager at the till.
fn leave(app: &mut App, screen: Screen, lang: Lang) {
    match screen {
        Screen::Setup => app.screen = Screen::Sale,
        Screen::Payment => send(app, Message::Payment(Pay::Back)),
        Screen::Settings => as_user(app, MANAGER, lang),
        Screen::Sale | Screen::Returns | Screen::Inventory | Screen::Stocktake | Screen::Day | Screen::Reports => {}
    }
}

/// The name an overlay's check and pictures go by.
fn overlay_name(overlay: Overlay) -> &'static str {
    match overlay {
        Overlay::Login => "login",
        Overlay::Help => "help",
        Overlay::Receipt => "receipt",
        Overlay::TaxFree => "tax-free",
        Overlay::ApprovalWanted => "approval-wanted",
        Overlay::ApprovalGiven => "approval-given",
        Overlay::PrintNotice => "print-notice",
        Overlay::FiscalPending => "fiscal-pending",
        Overlay::ScannerNotice => "scanner-notice",
        Overlay::Suggestions => "suggestions",
        Overlay::ParkNaming => "park-naming",
        Overlay::ParkedList => "parked-list",
        Overlay::ProductForm => "product-form",
        Overlay::CloseConfirm => "close-confirm",
    }
}

/// Pictures are kept of the screens and of these (the others are checked all the same).
const SHOT_OVERLAYS: &[Overlay] = &[
    Overlay::Login,
    Overlay::Help,
    Overlay::Receipt,
    Overlay::TaxFree,
    Overlay::ProductForm,
];

/// Opens an overlay the way the till does (the manager signed in, the sale screen's cart empty). No catch-all:
/// a new overlay does not compile here until it says how it is opened.
fn open(app: &mut App, overlay: Overlay) {
    use usta::ui::theme::Tone;
    use usta::ui::widgets::Notice;
    send(app, Message::Go(Screen::Sale));
    match overlay {
        Overlay::Login => send(app, Message::SwitchUser),
        Overlay::Help => send(app, Message::Help),
        Overlay::Receipt => {
            paid_sale(app);
        }
        Overlay::TaxFree => {
            paid_sale(app);
            send(app, Message::Payment(Pay::TaxFree));
        }
        // A cashier sells the one big shyrdak twice: a manager must approve.
        Overlay::ApprovalWanted => {
            let lang = app.i18n.lang();
            as_user(app, CASHIER, lang);
            let shyrdak = app
                .services
                .call(|ctx| Ok(ctx.store.search("Чоң шырдак", 1)?))
                .expect("search");
            let code = shyrdak[0].product.barcodes[0].to_string();
            send(app, Message::Sale(SaleMsg::Scanned(code.clone())));
            send(app, Message::Sale(SaleMsg::Scanned(code)));
        }
        Overlay::ApprovalGiven => {
            let approval = app
                .services
                .call(|ctx| usta::app::users::approve(ctx, MANAGER.0, MANAGER.1))
                .expect("the manager approves");
            app.services.give_approval(approval);
        }
        Overlay::PrintNotice => {
            app.print_notice = Some(
                Notice::new(Tone::Bad, "print-failed")
                    .with(
                        "reason",
                        "tcp://192.168.100.250:9100: Connection refused (os error 111)",
                    )
                    .with("count", "12"),
            )
        }
        Overlay::FiscalPending => {
            app.fiscal_pending = (
                128,
                Some("https://kkm.salyk.kg: connection timed out (os error 110)".into()),
            )
        }
        Overlay::ScannerNotice => send(
            app,
            Message::Scanner(usta_scanner::Event::Connected {
                port: "/dev/serial/by-id/usb-Honeywell_Imaging_Metrologic_1900-if00".into(),
            }),
        ),
        Overlay::Suggestions => send(app, Message::Sale(SaleMsg::Input("калпак".into()))),
        Overlay::ParkNaming => {
            send(app, Message::Sale(SaleMsg::Scanned(HAT.into())));
            send(app, Message::Sale(SaleMsg::Park));
        }
        Overlay::ParkedList => {
            send(app, Message::Sale(SaleMsg::Scanned(CARPET.into())));
            send(app, Message::Sale(SaleMsg::Park));
            send(app, Message::Sale(SaleMsg::ParkConfirm));
            send(app, Message::Sale(SaleMsg::ToggleParked));
        }
        Overlay::ProductForm => {
            send(app, Message::Go(Screen::Inventory));
            let hat = app
                .services
                .call(|ctx| Ok(ctx.store.product_by_barcode(HAT)?))
                .expect("lookup");
            send(
                app,
                Message::Inventory(usta::ui::inventory::Message::Select(Box::new(hat.expect("hat")))),
            );
        }
        Overlay::CloseConfirm => {
            send(app, Message::Go(Screen::Day));
            send(app, Message::Day(Day::Pieces(0, "3".into())));
            send(app, Message::Day(Day::Close));
        }
    }
}

/// Closes it again, back to the manager at an empty sale screen.
fn close(app: &mut App, overlay: Overlay) {
    let lang = app.i18n.lang();
    match overlay {
        Overlay::Login => {
            sign_in(app, MANAGER.0, MANAGER.1);
            send(app, Message::Lang(lang));
        }
        Overlay::Help => send(app, Message::Help),
        Overlay::Receipt => send(app, Message::Payment(Pay::NewSale)),
        Overlay::TaxFree => {
            app.taxfree = None;
            send(app, Message::Payment(Pay::NewSale));
        }
        Overlay::ApprovalWanted => {
            send(app, Message::CancelApproval);
            as_user(app, MANAGER, lang);
            let task = app.sale.clear(&app.services);
            support::ui::settle(app, task.map(Message::Sale));
        }
        Overlay::ApprovalGiven => app.services.cancel_request(),
        Overlay::PrintNotice => app.print_notice = None,
        Overlay::FiscalPending => app.fiscal_pending = (0, None),
        Overlay::ScannerNotice => app.scanner_notice = None,
        Overlay::Suggestions | Overlay::ParkNaming => {
            send(app, Message::Sale(SaleMsg::Escape));
            let task = app.sale.clear(&app.services);
            support::ui::settle(app, task.map(Message::Sale));
        }
        Overlay::ParkedList => send(app, Message::Sale(SaleMsg::ToggleParked)),
        Overlay::ProductForm => send(app, Message::Go(Screen::Sale)),
        Overlay::CloseConfirm => {
            send(app, Message::Day(Day::Recount));
            send(app, Message::Go(Screen::Sale));
        }
    }
}

/// Walks every overlay, then every screen, in one language and returns what does not fit.
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
    sign_in(&mut app, MANAGER.0, MANAGER.1);
    assert!(!app.locked, "the demo manager signs in");
    send(&mut app, Message::Lang(lang));

    for &overlay in Overlay::ALL {
        open(&mut app, overlay);
        assert!(
            app.overlays().contains(&overlay),
            "{overlay:?} is showing: {:?}",
            app.overlays()
        );
        let name = overlay_name(overlay);
        let shoot = SHOT_OVERLAYS.contains(&overlay);
        screen(&mut report, name, shoot, || view_of(&app));
        close(&mut app, overlay);
        assert!(!app.overlays().contains(&overlay), "{overlay:?} closed");
    }

    for &s in Screen::ALL {
        arrange(&mut app, &shop, s, lang);
        screen(&mut report, screen_name(s), true, || view_of(&app));
        if s == Screen::Sale {
            let rates = Rates::new(vec![]);
            screen(&mut report, "customer-display", true, || {
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
        }
        leave(&mut app, s, lang);
    }
    return_with_form(&mut app);
    screen(&mut report, "returns-taxfree", false, || view_of(&app));
    report.report
}

/// A return of one hat from a carpet-and-two-hats sale with a tax-free form: the Returns screen then says which
/// form is void and which is issued, offers to print the new one and shows the return's receipt.
fn return_with_form(app: &mut App) {
    use rust_decimal::Decimal;
    use usta::domain::payment::{PaymentKind, Tender};
    send(app, Message::Go(Screen::Sale));
    if !app.sale.cart.is_empty() {
        send(app, Message::Sale(SaleMsg::Park));
        send(app, Message::Sale(SaleMsg::ParkConfirm));
    }
    let traveller = usta::domain::tax_free::Traveller::new(
        "ERIKSSON ANNA MARIA",
        "L898902C3",
        "UTO",
        "UTO",
        chrono::NaiveDate::from_ymd_opt(1974, 8, 12).expect("date"),
    )
    .expect("traveller");
    let (no, hat_line) = app
        .services
        .call(|ctx| {
            let sale = usta::app::checkout::sell(
                ctx,
                &[(CARPET.into(), Decimal::ONE), (HAT.into(), Decimal::from(2))],
                &[Tender::som(PaymentKind::Card, usta::domain::Som::whole(30_000))],
            )?;
            let no = sale.receipt_no.expect("receipt");
            usta::app::taxfree::issue(ctx, no, &traveller)?;
            let (sale, _) = usta::app::returns::lookup(ctx, no)?;
            let hat = sale.lines.iter().find(|l| l.barcode.as_deref() == Some(HAT));
            Ok((no, hat.and_then(|l| l.id).expect("the hat's line")))
        })
        .expect("a sale with a form");
    send(app, Message::Go(Screen::Returns));
    send(app, Message::Returns(Ret::Receipt(no.to_string())));
    send(app, Message::Returns(Ret::Find));
    send(app, Message::Returns(Ret::More(hat_line)));
    send(app, Message::Returns(Ret::Refund(PaymentKind::Card)));
    send(
        app,
        Message::Returns(Ret::Reason(usta::domain::returns::ReasonKind::ChangedMind)),
    );
    send(app, Message::Returns(Ret::Confirm));
    let issued = app
        .returns
        .done
        .as_ref()
        .and_then(|d| d.form.as_ref())
        .and_then(|f| f.issued.as_ref());
    assert!(
        issued.is_some(),
        "the return replaced the form: {:?}",
        app.returns.notice
    );
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

#[test]
fn every_screen_fits_every_size_in_english() {
    assert_fits(Lang::En);
}

/// A text field's placeholder wider than the room inside the field is caught, and the same field wide enough
/// is not.
#[test]
fn a_cut_placeholder_is_caught() {
    let hint = "Штрихкодду сканерлеңиз же аталышын териңиз";
    let field = |width: f32| -> Element<'static, ()> {
        container(
            iced::widget::text_input(hint, "")
                .size(26)
                .padding(12)
                .width(Length::Fixed(width)),
        )
        .into()
    };
    let narrow = lay_out(field(300.0), (1024.0, 768.0)).problems();
    assert!(
        narrow
            .iter()
            .any(|p| matches!(p, Problem::FieldCut { text, .. } if text == hint)),
        "a 300 px field cuts the hint: {narrow:?}"
    );
    let wide = lay_out(field(900.0), (1024.0, 768.0)).problems();
    assert!(wide.is_empty(), "900 px is enough: {wide:?}");
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
