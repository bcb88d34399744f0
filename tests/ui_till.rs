//! The till's screens driven headless at the sizes shops really have (1024×768 and up): totals that never run into
//! their labels, the top bar that fits, scans that reach the cart whatever has the focus, the keys, the approval
//! strip, and the smaller things a cashier trips over on a first day.

mod support;

use iced::{Element, Rectangle};
use iced_test::Simulator;
use support::Shop;
use support::ui::{send, till};
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
