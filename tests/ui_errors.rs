//! Input refused in the window is said in the chosen language, not in the command line's English: typed in the
//! real views headless over a real SQLite file (helpers in tests/support/ui.rs).

mod support;

use support::Shop;
use support::ui::{sees, send, till};
use usta::domain::catalog::Lang;
use usta::ui::app::{Message, Screen};

const HAT: &str = "2100000000098"; // Ак калпак, 2 500 som

#[test]
fn a_quantity_that_is_not_a_number_is_refused_in_kyrgyz_and_russian() {
    use usta::ui::sale::Message as S;
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Sale(S::Scanned(HAT.into())));
    let line = app.sale.cart.lines[0].line_no;
    for m in [S::EditQty(line), S::EditText("абв".into()), S::EditCommit] {
        send(&mut app, Message::Sale(m));
    }
    let notice = app.sale.notice.clone().expect("a notice");
    assert_eq!(notice.key, "err-not-quantity");
    assert_eq!(notice.text(&app.i18n), "«абв» — сан эмес.");
    assert!(sees(&app, "«абв» — сан эмес."));
    send(&mut app, Message::Lang(Lang::Ru));
    assert!(sees(&app, "«абв» — не количество."), "the notice follows the language");
}

#[test]
fn a_label_count_out_of_range_is_refused_in_the_chosen_language() {
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    let hat = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    send(
        &mut app,
        Message::Inventory(usta::ui::inventory::Message::Select(Box::new(hat))),
    );
    let form = app.inventory.form.as_mut().expect("the product form");
    form.labels = "500".into();
    let refused = form.label_count().expect_err("500 labels are refused");
    let text = usta::ui::errors::notice(&refused).text(&app.i18n);
    assert_eq!(text, "«500» этикетка: бир жолу 1ден 99гө чейин басыңыз.");
    assert_eq!(
        refused.to_string(),
        "'500' labels: print 1 to 99 at a time",
        "the CLI keeps its words"
    );
}

#[test]
fn the_command_line_says_a_refusal_in_the_language_asked_for() {
    use support::stderr;
    let shop = Shop::demo();
    let out = shop.dir.path().join("ledger");
    let out = out.to_str().expect("utf-8 path");
    let export = |lang: Option<&str>| {
        let mut args = lang.map_or_else(Vec::new, |l| vec!["--lang", l]);
        args.extend(["ledger", "export", "--date", "2001-01-01", "--out", out]);
        let o = shop.usta(&args);
        assert!(!o.status.success(), "a day that is not there is refused");
        stderr(&o)
    };
    let ru = export(Some("ru"));
    assert!(ru.starts_with("usta: Рабочего дня 2001-01-01 нет."), "{ru}");
    assert!(
        ru.contains("(no business day 2001-01-01)"),
        "the English words follow: {ru}"
    );
    let ky = export(Some("ky"));
    assert!(ky.starts_with("usta: 2001-01-01 иш күнү жок."), "{ky}");
    let plain = export(None);
    assert_eq!(
        plain.trim_end(),
        "usta: no business day 2001-01-01",
        "without --lang, English alone"
    );
    assert_eq!(export(Some("en")), plain, "in English the command line's own words");
    assert!(
        !out.is_empty() && !std::path::Path::new(out).exists(),
        "nothing was written"
    );
}

#[test]
fn a_barcode_another_product_has_is_refused_by_name_not_as_free_text() {
    use usta::app::{AppError, Ctx, StoreError, inventory};
    use usta::domain::barcode::Barcode;
    use usta::ui::i18n::I18n;
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, support::at(11, 0), Lang::Ky);
    let other = ctx
        .store
        .all_products()
        .expect("products")
        .into_iter()
        .map(|r| r.product)
        .find(|p| p.barcodes.iter().all(|b| b.as_str() != HAT))
        .expect("a product without the hat's code");
    let mut edited = other.clone();
    edited.barcodes.push(Barcode::parse(HAT).expect("code"));
    let refused = inventory::save(&mut ctx, &edited).expect_err("the hat's code is taken");
    assert!(
        matches!(&refused, AppError::Store(StoreError::BarcodeTaken { code }) if code == HAT),
        "{refused:?}"
    );
    let n = usta::ui::errors::notice(&refused);
    assert_eq!(
        n.text(&I18n::new(Lang::Ru)),
        format!("Штрихкод {HAT} уже есть у другого товара; ничего не сохранено.")
    );
    assert_eq!(
        n.text(&I18n::new(Lang::Ky)),
        format!("{HAT} штрихкоду башка товарга таандык; эч нерсе сакталган жок.")
    );
    assert_eq!(
        refused.to_string(),
        format!("barcode {HAT} already belongs to another product")
    );
    let id = other.id.expect("saved product");
    assert_eq!(
        ctx.store.product(id).expect("read").expect("there").product.barcodes,
        other.barcodes
    );
}
