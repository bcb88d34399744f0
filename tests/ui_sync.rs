//! The window's side of several tills, driven headless: the join form refuses what is not an address or a
//! pairing code before anything touches the network, the top bar tells a till's sync state in the chosen
//! language, a background round that cannot reach the back office leaves the till selling, and a joined till's
//! product form is read-only and says where to change it.

mod support;

use std::sync::Arc;
use support::ui::{click, interact, sees, send, settle, type_into};
use support::{Shop, at};
use usta::store::Store;
use usta::store::sync::{Link, Role};
use usta::ui::app::{App, Message, Screen};
use usta::ui::inventory::{FormField, Message as Inv};
use usta::ui::product_form::Request;
use usta::ui::services::Services;
use usta::ui::sync::Message as Sync;

const HAT: &str = "2100000000098";

fn app_on(shop: &Shop) -> App {
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    let (mut app, task) = App::new(services);
    settle(&mut app, task);
    app
}

/// A till joined to the demo shop's back office at `url`, made with the same store calls a join makes (no
/// network: these tests are about the window).
fn joined_till(url: &str) -> Shop {
    let office = Shop::demo();
    let master = office.open().master_rows().expect("master data");
    let till = Shop::empty();
    let mut store = till.open();
    let link = Link {
        role: Role::Till,
        register: "R2".into(),
        location: "Osh bazaar".into(),
        url: Some(url.into()),
        fingerprint: Some("00".repeat(16)),
        token: Some("ab".repeat(32)),
        pushed_seq: 0,
        master_seq: 1,
        last_sync: None,
    };
    store
        .join_till(&master, &link, "2026-11-28T11:00:00+06:00", 1)
        .expect("join");
    drop(office);
    till
}

fn signed_in(shop: &Shop) -> App {
    let mut app = app_on(shop);
    if app.locked {
        support::ui::sign_in(&mut app, "Айгүл", "1234");
    }
    assert!(!app.locked);
    app
}

#[test]
fn the_join_form_refuses_what_is_not_an_address_or_a_code_and_writes_nothing() {
    let shop = Shop::empty();
    let mut app = app_on(&shop);
    assert_eq!(app.screen, Screen::Setup);
    let title = app.i18n.tr("sync-join-title");
    assert!(sees(&app, &title), "the first start offers to join a back office");
    let join = app.i18n.tr("sync-join");

    click(&mut app, &join);
    assert!(sees(&app, &app.i18n.tr("sync-join-empty")));

    type_into(&mut app, "sync-join-url", "192.168.1.10");
    type_into(&mut app, "sync-join-code", "1234-5678");
    click(&mut app, &join);
    assert!(sees(&app, &app.i18n.tr("sync-join-bad-url")));

    send(
        &mut app,
        Message::Sync(Sync::JoinUrl("https://192.168.1.10:8443".into())),
    );
    click(&mut app, &join);
    assert!(sees(&app, &app.i18n.tr("sync-join-bad-code")));

    // Russian too: the refusal follows the chosen language.
    send(&mut app, Message::Lang(usta::domain::catalog::Lang::Ru));
    let join = app.i18n.tr("sync-join");
    click(&mut app, &join);
    assert!(sees(
        &app,
        "Это не код подключения: в нём 52 цифры и буквы A–F группами по четыре. Попросите у менеджера новый."
    ));

    assert_eq!(app.screen, Screen::Setup);
    let store = Store::open_existing(&shop.db).expect("db");
    assert!(store.sync_link().expect("link").is_none(), "nothing joined");
    assert_eq!(store.journal_head().expect("head").seq, 0, "nothing written");
}

#[test]
fn the_top_bar_tells_a_tills_sync_state_and_a_round_that_fails_leaves_it_selling() {
    // Nothing listens on port 9: every round fails at once.
    let shop = joined_till("https://127.0.0.1:9");
    let mut app = signed_in(&shop);
    let waiting = Store::open_existing(&shop.db)
        .expect("db")
        .journal_head()
        .expect("head")
        .seq;
    let never = app.i18n.tr_args("sync-state-never", &[("count", waiting.to_string())]);
    assert!(sees(&app, &never), "{never}");

    // The clock ticks: a round starts in the background, fails, and the sale goes on.
    send(&mut app, Message::Tick(at(12, 1)));
    send(&mut app, Message::Go(Screen::Settings));
    assert!(
        sees(&app, &app.i18n.tr("sync-back-office")),
        "Settings has the Back office section"
    );
    let failed = app.sync.notice.as_ref().map(|n| n.key);
    assert_eq!(failed, Some("sync-failed"));
    send(&mut app, Message::Go(Screen::Sale));
    let before = support::count(&shop.db, "sales");
    let out = usta_sells(&shop);
    assert!(out, "a sale goes through while the back office is away");
    assert_eq!(support::count(&shop.db, "sales"), before + 1);

    // After a round the back office took everything: "in sync" with its time, in the chosen language.
    {
        let mut store = Store::open_existing(&shop.db).expect("db");
        let head = store.journal_head().expect("head").seq;
        store
            .record_sync(head - 2, 1, "2026-11-28T12:05:00+06:00")
            .expect("a round");
    }
    send(&mut app, Message::Sync(Sync::Refresh));
    let two = app
        .i18n
        .tr_args("sync-state-waiting", &[("count", "2".into()), ("time", "12:05".into())]);
    assert!(sees(&app, &two), "{two}");
    {
        let mut store = Store::open_existing(&shop.db).expect("db");
        let head = store.journal_head().expect("head").seq;
        store
            .record_sync(head, 1, "2026-11-28T12:06:00+06:00")
            .expect("a round");
    }
    send(&mut app, Message::Lang(usta::domain::catalog::Lang::En));
    send(&mut app, Message::Sync(Sync::Refresh));
    assert!(sees(&app, "In sync · 12:06"));
}

/// A sale rung through the CLI on the same file while the window holds it open.
fn usta_sells(shop: &Shop) -> bool {
    shop.usta(&["sell", HAT, "--pay", "cash:2500"]).status.success()
}

#[test]
fn a_joined_tills_product_form_is_read_only_and_says_where_to_change_it() {
    let url = "https://192.168.1.10:8443";
    let shop = joined_till(url);
    let mut app = signed_in(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    let record = shop.open().product_by_barcode(HAT).expect("lookup").expect("the hat");
    let name = record.product.names.ky.clone();
    send(&mut app, Message::Inventory(Inv::Select(Box::new(record))));
    let said = app.i18n.tr_args("sync-master-read-only", &[("url", url.to_string())]);
    assert!(sees(&app, &said), "{said}");
    // The quick key's place shows, and the controls that change it do not: the grid is set at the back office.
    assert!(sees(&app, &app.i18n.tr("till-qk-none")), "the quick-key state shows");
    for control in ["till-qk-set-button", "till-qk-clear-button"] {
        assert!(!sees(&app, &app.i18n.tr(control)), "{control} is not offered on a till");
    }

    send(
        &mut app,
        Message::Inventory(Inv::Field(FormField::Ky("Башка ат".into()))),
    );
    assert_eq!(app.inventory.form.as_ref().map(|f| f.ky.clone()), Some(name.clone()));
    interact(&mut app, |_| {});
    send(&mut app, Message::Inventory(Inv::Form(Request::Save)));
    let stored = shop.open().product_by_barcode(HAT).expect("lookup").expect("hat");
    assert_eq!(stored.product.names.ky, name, "nothing saved on the till");

    // The use case refuses too, whatever asks it.
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    let refused = services
        .call(|ctx| usta::app::inventory::save(ctx, &stored.product))
        .expect_err("refused on a till");
    assert!(refused.to_string().contains(url), "{refused}");
}

#[test]
fn the_window_serves_the_tills_pairs_one_that_joins_and_stops_serving() {
    let shop = Shop::demo();
    let mut app = signed_in(&shop);
    send(&mut app, Message::Go(Screen::Settings));
    assert!(sees(&app, &app.i18n.tr("sync-is-back-office")));
    send(&mut app, Message::Sync(Sync::Listen("here".into())));
    send(&mut app, Message::Sync(Sync::Serve));
    assert_eq!(app.sync.notice.as_ref().map(|n| n.key), Some("sync-bad-listen"));
    send(&mut app, Message::Sync(Sync::Listen(String::new())));
    type_into(&mut app, "sync-listen", "127.0.0.1:0");
    let serve = app.i18n.tr("sync-serve");
    click(&mut app, &serve);
    let addr = app
        .sync
        .serving_at()
        .unwrap_or_else(|| panic!("not serving: {:?}", app.sync.notice));
    assert!(sees(
        &app,
        &app.i18n.tr_args("sync-state-serving", &[("addr", addr.clone())])
    ));

    type_into(&mut app, "sync-location", "Osh bazaar");
    let pair = app.i18n.tr("sync-pair");
    click(&mut app, &pair);
    let code = app.sync.pairing_code().expect("a code").to_string();
    assert!(sees(&app, &code));
    let till = shop.dir.path().join("bazaar.db");
    let out = support::usta_on(&till, &["till", "join", &format!("https://{addr}"), "--code", &code]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    send(&mut app, Message::Sync(Sync::Refresh));
    assert!(sees(&app, "R2  Osh bazaar"));

    let stop = app.i18n.tr("sync-stop");
    click(&mut app, &stop);
    assert!(app.sync.serving_at().is_none());
    let out = support::usta_on(&till, &["sync"]);
    assert!(!out.status.success(), "the back office stopped serving");
    assert!(
        support::stderr(&out).contains("cannot reach"),
        "{}",
        support::stderr(&out)
    );
}

/// Every part of master data, changed through its own use case on a joined till: each is refused with the part
/// and the back office named, and the till's books stay as they were. The match has no `_` arm, so a new part
/// does not compile until it is tried here.
#[test]
fn every_part_of_master_data_is_refused_on_a_joined_till_naming_the_back_office() {
    use usta::app::master::MasterPart;
    use usta::app::{AppError, catalog, payment_qr, photos, quick_keys, settings, taxfree, users};
    let url = "https://192.168.1.10:8443";
    let shop = joined_till(url);
    let head = shop.open().journal_head().expect("head");
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    for &part in MasterPart::ALL {
        let tried: Result<(), AppError> = match part {
            MasterPart::Catalog => services
                .call(|ctx| catalog::import(ctx, "prices.csv", format!("barcode,price\n{HAT},1.00\n").as_bytes()))
                .map(drop),
            MasterPart::Photos => services.call(|ctx| photos::add(ctx, HAT, &[])).map(drop),
            MasterPart::Users => services
                .call(|ctx| users::add(ctx, "Нурлан", usta::domain::user::Role::Cashier, "4321"))
                .map(drop),
            MasterPart::Shop | MasterPart::Taxes | MasterPart::Currencies | MasterPart::Rates => services.call(|ctx| {
                let mut s = settings::load(ctx)?;
                match part {
                    MasterPart::Shop => s.shop.name = "Башка дүкөн".into(),
                    MasterPart::Taxes => s.tax.sales_tax_pct.cash = rust_decimal::Decimal::from(3),
                    MasterPart::Currencies => s.payment.accept_foreign_cash = !s.payment.accept_foreign_cash,
                    _ => {
                        s.rates = usta::domain::currency::Rates::new(vec![
                            usta::domain::currency::ExchangeRate::new(
                                usta::domain::currency::Currency::Usd,
                                rust_decimal::Decimal::from(90),
                                at(12, 0).date_naive(),
                            )
                            .expect("rate"),
                        ])
                    }
                }
                settings::save(ctx, &s)
            }),
            MasterPart::CashierLimits => {
                services.call(|ctx| settings::set_discount_limit(ctx, rust_decimal::Decimal::from(7)))
            }
            MasterPart::QuickKeys => services.call(|ctx| quick_keys::set_code(ctx, HAT, 1)).map(drop),
            MasterPart::PaymentQr => services.call(|ctx| payment_qr::set(ctx, None)),
            MasterPart::TaxFree => services.call(|ctx| taxfree::set_scheme(ctx, "kg-demo")).map(drop),
            MasterPart::WholeShop => {
                let out = support::usta_on(
                    &shop.db,
                    &["--as", support::ADMIN.0, "--pin", support::ADMIN.1, "demo", "--force"],
                );
                assert!(!out.status.success(), "demo --force replaced a joined till");
                let said = support::stderr(&out);
                assert!(said.contains("the whole shop") && said.contains(url), "{said}");
                continue;
            }
        };
        match tried {
            Err(AppError::MasterData { part: refused, office }) => {
                assert_eq!((refused, office.as_str()), (part, url));
            }
            other => panic!("{part:?} on a joined till: {other:?}"),
        }
    }
    assert_eq!(shop.open().journal_head().expect("head"), head, "nothing was written");
    assert!(shop.open().sync_link().expect("link").is_some(), "still a joined till");

    // Its own preferences are still the till's to change.
    services
        .call(|ctx| {
            let mut s = settings::load(ctx)?;
            s.preferences.dark = true;
            settings::save(ctx, &s)
        })
        .expect("a till keeps its own look");
}

/// From the permissions table: every use case is classified, and exactly those that change master data are
/// refused on a joined till (the command line asks this gate before it runs any of them), naming the part.
#[test]
fn every_use_case_that_changes_master_data_is_refused_on_a_till_and_only_those() {
    use usta::app::master::{MasterPart, refuse_case};
    use usta::app::permissions::UseCase;
    let url = "https://192.168.1.10:8443";
    let till = joined_till(url).open();
    let office = Shop::demo();
    let standalone = office.open();
    let mut refused = 0;
    for &case in UseCase::ALL {
        assert!(
            refuse_case(&standalone, case).is_ok(),
            "{case:?} refused on a standalone shop"
        );
        match (MasterPart::changed_by(case), refuse_case(&till, case)) {
            (None, Ok(())) => {}
            (Some(part), Err(usta::app::AppError::MasterData { part: said, office })) => {
                assert_eq!((said, office.as_str()), (part, url), "{case:?}");
                refused += 1;
            }
            (part, result) => panic!("{case:?} ({part:?}) on a till: {result:?}"),
        }
    }
    assert!(refused >= 9, "only {refused} use cases change master data?");
}

#[test]
fn a_joined_tills_settings_show_master_data_read_only_and_keep_its_own_preferences() {
    let url = "https://192.168.1.10:8443";
    let shop = joined_till(url);
    let mut app = signed_in(&shop);
    send(&mut app, Message::Go(Screen::Settings));
    let said = app.i18n.tr_args("master-read-only", &[("office", url.to_string())]);
    assert!(sees(&app, &said), "{said}");
    let tax = shop.open().tax_config().expect("tax");
    send(
        &mut app,
        Message::Settings(usta::ui::settings::Message::Edit(usta::ui::settings::Field::Vat(
            "15".into(),
        ))),
    );
    send(
        &mut app,
        Message::Settings(usta::ui::settings::Message::Save(usta::ui::settings::Section::Taxes)),
    );
    assert_eq!(shop.open().tax_config().expect("tax"), tax, "nothing saved on the till");
    let refusal = app.settings.refused.as_ref().map(|(_, n)| n.key);
    assert_eq!(refusal, Some("err-master-data"));
}

#[test]
fn joining_in_the_window_asks_for_sign_in_and_carries_no_session_over() {
    let shop = Shop::empty();
    let mut app = app_on(&shop);
    assert_eq!(app.screen, Screen::Setup);
    // The join as the window's own use case makes it (the back office's answer, without the network).
    let office = Shop::demo();
    let master = office.open().master_rows().expect("master data");
    let link = Link {
        role: Role::Till,
        register: "R2".into(),
        location: "Osh bazaar".into(),
        url: Some("https://192.168.1.10:8443".into()),
        fingerprint: Some("00".repeat(16)),
        token: Some("ab".repeat(32)),
        pushed_seq: 0,
        master_seq: 1,
        last_sync: None,
    };
    shop.open()
        .join_till(&master, &link, "2026-11-28T11:00:00+06:00", 1)
        .expect("join");
    let joined = usta::sync::till::Joined {
        register: "R2".into(),
        location: "Osh bazaar".into(),
        master_rows: 1,
    };
    send(&mut app, Message::Sync(Sync::Joined(Ok(joined))));
    assert!(app.locked, "a joined till asks who is at it");
    let actor = app.services.actor();
    assert_eq!(
        (actor.id, actor.role),
        (None, usta::domain::user::Role::Cashier),
        "{actor:?}"
    );
    support::ui::sign_in(&mut app, "Айгүл", "1234");
    assert!(!app.locked);
}
