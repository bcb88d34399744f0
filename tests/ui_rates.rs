//! Settings' currency section in the window: "Update rates" imports the National Bank's file and the screen then
//! shows the rates' date; a bad file shows the refusal and stores nothing.

mod support;

use support::ui::{sees, send, till};
use support::{Shop, count};
use usta::ui::app::{Message, Screen};
use usta::ui::settings::Message as Set;

#[test]
fn update_rates_imports_the_file_and_shows_its_date() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Settings));
    assert!(!sees(&app, "101.2034"), "the demo's EUR rate is not the bank's");
    let bad = shop.dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?><CurrencyRates Date=\"28.11.2026\"></CurrencyRates>",
    )
    .expect("write");
    send(&mut app, Message::Settings(Set::RatesSource(bad.display().to_string())));
    send(&mut app, Message::Settings(Set::UpdateRates));
    let refusal = app.settings.notice.as_ref().map(|n| {
        (
            n.tone,
            n.args
                .iter()
                .any(|(_, v)| v.contains("line 1: the file holds no <Currency>")),
        )
    });
    assert_eq!(
        refusal,
        Some((usta::ui::theme::Tone::Bad, true)),
        "{:?}",
        app.settings.notice
    );
    assert_eq!(count(&shop.db, "imported_rates"), 0);

    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nbkr-daily.xml");
    send(&mut app, Message::Settings(Set::RatesSource(file.into())));
    send(&mut app, Message::Settings(Set::UpdateRates));
    assert_eq!(count(&shop.db, "imported_rates"), 5);
    assert!(sees(&app, "28.11.2026 күнкү курстар жүктөлдү: 5 валюта"));
    assert!(
        sees(&app, "28.11.2026 күнкү курстар"),
        "the section shows the rates' date"
    );
    assert!(sees(&app, "101.2034"), "the bank's EUR rate in its field");
}

/// The till on the demo shop, signed in, its clock `days` after the demo's rates were set (28 November).
fn till_after(shop: &Shop, days: i64) -> usta::ui::app::App {
    let now = support::at(12, 0) + chrono::Duration::days(days);
    let services = usta::ui::services::Services::with_clock(shop.open(), std::sync::Arc::new(move || now));
    let (mut app, task) = usta::ui::app::App::new(services);
    support::ui::settle(&mut app, task);
    support::ui::sign_in(&mut app, "Айгүл", "1234");
    assert!(!app.locked, "the demo manager signs in");
    support::ui::type_into(&mut app, usta::ui::sale::SCAN, "2100000000098");
    support::ui::enter(&mut app, usta::ui::sale::SCAN);
    assert!(!app.sale.cart.is_empty(), "the hat is rung up");
    app
}

/// Whether the customer display shows `text` now.
fn customer_sees(app: &mut usta::ui::app::App, text: &str) -> bool {
    let id = *app.customer.get_or_insert_with(iced::window::Id::unique);
    let mut ui = iced_test::Simulator::with_size(usta::ui::settings(), (900.0, 600.0), app.view(id));
    ui.find(text).is_ok()
}

#[test]
fn the_customer_display_says_when_the_rates_are_stale() {
    use usta::domain::catalog::Lang;
    use usta::domain::currency::Currency;
    let shop = Shop::demo();
    // Three days after the rates were set they are still current.
    let mut app = till_after(&shop, 3);
    assert!(
        customer_sees(&mut app, "~ 28,59\u{a0}USD"),
        "the total in dollars is shown"
    );
    assert!(
        !customer_sees(&mut app, "28.11.2026"),
        "no warning while the rates are current"
    );

    // Four days after, the foreign total says of which day its rate is, in the till's language.
    let mut app = till_after(&shop, 4);
    let warnings = [
        (Lang::Ky, "28.11.2026 күнкү курс: эскирген болушу мүмкүн"),
        (Lang::Ru, "Курс на 28.11.2026: может быть устаревшим"),
        (Lang::En, "Rate of 28.11.2026: it may be out of date"),
    ];
    for (lang, warning) in warnings {
        send(&mut app, Message::Lang(lang));
        assert!(customer_sees(&mut app, warning), "{lang:?}: {warning}");
    }
    // A total in som needs no rate and shows no warning.
    send(&mut app, Message::CustomerCurrency(Currency::Kgs));
    assert!(!customer_sees(&mut app, "Rate of 28.11.2026: it may be out of date"));
    send(&mut app, Message::CustomerCurrency(Currency::Eur));
    assert!(customer_sees(&mut app, "Rate of 28.11.2026: it may be out of date"));
}
