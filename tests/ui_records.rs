//! The records screens driven headless with iced_test over a real SQLite file: what a return does to a tax-free
//! form is said on screen and the new form prints; a receipt that does not qualify says why; an expired passport
//! is flagged. Helpers as in tests/ui_flows.rs.

mod support;

use rust_decimal::Decimal;
use support::ui::{click, sees, send, till, type_into};
use support::{Shop, at};
use usta::app::{Ctx, checkout, taxfree};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::tax_free::{FormRecord, Traveller};
use usta::store::printing::JobKind;
use usta::ui::app::{Message, Screen};
use usta::ui::returns::Message as R;

const HAT: &str = "2100000000098"; // 2 500 som
const CARPET: &str = "2100000000142"; // 25 000 som

fn traveller() -> Traveller {
    Traveller::new(
        "ERIKSSON ANNA MARIA",
        "L898902C3",
        "UTO",
        "UTO",
        chrono::NaiveDate::from_ymd_opt(1974, 8, 12).expect("date"),
    )
    .expect("traveller")
}

/// A carpet and two hats by card, with a form: (receipt number, the form).
fn sale_with_form(shop: &Shop) -> (i64, FormRecord) {
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(11, 0), Lang::En);
    let sale = checkout::sell(
        &mut ctx,
        &[(CARPET.into(), Decimal::ONE), (HAT.into(), Decimal::from(2))],
        &[Tender::som(PaymentKind::Card, Som::whole(30_000))],
    )
    .expect("sale");
    let no = sale.receipt_no.expect("receipt");
    (no, taxfree::issue(&mut ctx, no, &traveller()).expect("form"))
}

/// The forms the queued print jobs are for, oldest first.
fn queued_forms(shop: &Shop) -> Vec<i64> {
    shop.open()
        .queued_prints()
        .expect("jobs")
        .into_iter()
        .filter_map(|j| match j.kind {
            JobKind::Document { name, ref_id, .. } if name == taxfree::DOCUMENT => Some(ref_id),
            _ => None,
        })
        .collect()
}

#[test]
fn a_return_says_which_form_is_void_and_which_to_print_and_printing_the_old_prints_the_new() {
    let shop = Shop::demo();
    let (no, first) = sale_with_form(&shop);
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Returns));
    send(&mut app, Message::Returns(R::Receipt(no.to_string())));
    send(&mut app, Message::Returns(R::Find));
    let hat_line = {
        let mut store = shop.open();
        let ctx = Ctx::new(&mut store, at(12, 0), Lang::En);
        let (sale, _) = usta::app::returns::lookup(&ctx, no).expect("receipt");
        sale.lines
            .iter()
            .find(|l| l.barcode.as_deref() == Some(HAT))
            .and_then(|l| l.id)
            .expect("the hat's line")
    };
    send(&mut app, Message::Returns(R::More(hat_line)));
    send(&mut app, Message::Returns(R::Refund(PaymentKind::Card)));
    send(
        &mut app,
        Message::Returns(R::Reason(usta::domain::returns::ReasonKind::ChangedMind)),
    );
    send(&mut app, Message::Returns(R::Confirm));

    let done = app.returns.done.clone().expect("the return is recorded");
    let change = done.form.expect("the form changed");
    assert_eq!(change.voided.id, first.id);
    let second = change.issued.expect("a form for the goods kept");
    assert_eq!(second.form.replaces.as_deref(), Some(first.form.number.as_str()));
    let (old, new) = (first.form.number.clone(), second.form.number.clone());
    let said = app.returns.notice.as_ref().expect("a notice").text(&app.i18n);
    assert!(said.contains(&old) && said.contains(&new), "{said}");
    assert!(
        said.contains("жокко чыгарылды") && said.contains("басып чыгарыңыз"),
        "{said}"
    );
    assert!(sees(&app, &said), "the notice is on screen");

    // The button prints the new form; printing the old one again prints the new one too.
    click(&mut app, &format!("{new} формасын басып чыгаруу"));
    assert_eq!(queued_forms(&shop), vec![second.id, second.id]);
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(13, 0), Lang::En);
        taxfree::enqueue_print(&mut ctx, first.id).expect("print again");
    }
    assert_eq!(
        queued_forms(&shop),
        vec![second.id; 4],
        "the voided form is never printed again"
    );
}

#[test]
fn a_receipt_that_does_not_qualify_says_how_much_more_is_needed() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    type_into(&mut app, usta::ui::sale::SCAN, HAT);
    support::ui::enter(&mut app, usta::ui::sale::SCAN);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    assert!(sees(&app, "Tax-free формасы"), "the button is there for every receipt");
    click(&mut app, "Tax-free формасы");
    let why = match app.taxfree.as_ref().and_then(|d| d.check.clone()) {
        Some(Err(e)) => usta::ui::errors::notice(&e).text(&app.i18n),
        other => panic!("a refusal, not {other:?}"),
    };
    assert!(why.contains("дагы 2\u{a0}500,00\u{a0}сом керек"), "{why}");
    assert!(sees(&app, &why), "said on screen: {why}");
}

#[test]
fn an_expired_passport_typed_by_hand_is_flagged_and_no_form_is_issued() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    type_into(&mut app, usta::ui::sale::SCAN, CARPET);
    support::ui::enter(&mut app, usta::ui::sale::SCAN);
    click(&mut app, "Төлөө (F3)");
    click(&mut app, "Так сумма");
    click(&mut app, "Төлөмдү ырастоо (Enter)");
    click(&mut app, "Tax-free формасы");
    use usta::ui::taxfree as dialog;
    type_into(&mut app, dialog::NAME, "Anna Eriksson");
    type_into(&mut app, dialog::PASSPORT, "L898902C3");
    type_into(&mut app, dialog::COUNTRY, "SWE");
    type_into(&mut app, dialog::BIRTH, "1974-08-12");
    assert!(matches!(
        app.taxfree.as_ref().and_then(|d| d.check.clone()),
        Some(Ok(_))
    ));
    type_into(&mut app, dialog::EXPIRY, "2020-01-01");
    assert!(sees(
        &app,
        "Паспорттун мөөнөтү 01.01.2020 бүткөн: форма үчүн жарактуу паспорт керек."
    ));
    assert!(matches!(
        app.taxfree.as_ref().and_then(|d| d.check.clone()),
        Some(Err(_))
    ));
}

#[test]
fn day_close_shows_the_signed_variance_asks_to_confirm_and_can_count_blind() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Day));
    type_into(&mut app, usta::ui::day::FLOAT, "5000");
    click(&mut app, "Күндү ачуу");
    assert!(app.day.open.is_some(), "{:?}", app.day.notice);
    assert_eq!(app.day.expected_som(), Some(Som::whole(5000)));

    // The manager turns the blind count on: the expected cash is no longer on screen.
    send(&mut app, Message::Day(usta::ui::day::Message::Blind(true)));
    assert!(app.day.blind);
    send(&mut app, Message::Go(Screen::Day));
    assert!(!sees(&app, "5\u{a0}000,00 KGS"), "the X report hides the expected cash");
    assert!(!sees(&app, "Кассада болушу керек"));
    assert!(sees(
        &app,
        "Сокур эсеп: күтүлгөн сумма эсеп киргизилгенден кийин көрүнөт («Күндү жабуу»)."
    ));

    // 4 700 counted: once entered, expected and a shortage with its sign show, and the close asks to confirm.
    type_into(&mut app, "count-2000", "2");
    type_into(&mut app, "count-500", "1");
    type_into(&mut app, "count-200", "1");
    assert!(
        !sees(&app, "\u{2212}300,00\u{a0}сом"),
        "blind until the count is entered"
    );
    click(&mut app, "Күндү жабуу");
    assert!(app.day.confirming && app.day.open.is_some());
    assert!(sees(&app, "Кассада болушу керек"));
    assert!(sees(&app, "\u{2212}300,00\u{a0}сом"), "the shortage with its sign");
    assert!(sees(&app, "Кассада ушунча акча жетпейт."));

    // Counting again hides the expected figure; the count is corrected to an overage.
    click(&mut app, "Кайра эсептөө");
    assert!(!app.day.confirming);
    // The 500 field is set anew (typing would append to the "1" already there).
    send(&mut app, Message::Day(usta::ui::day::Message::Pieces(3, "2".into())));
    type_into(&mut app, "count-100", "1");
    click(&mut app, "Күндү жабуу");
    assert!(sees(&app, "+300,00\u{a0}сом"), "an overage with its sign");
    click(&mut app, "Ооба, күндү жабуу");
    assert!(app.day.open.is_none());
    let z = app.day.report.as_ref().expect("Z report");
    assert_eq!(z.drawer[0].variance, Some(Decimal::from(300)));
}
