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
