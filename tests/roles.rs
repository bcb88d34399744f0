//! Users and roles in the use cases themselves: every action that needs a manager is refused to a cashier,
//! passes with a manager's approval (journaled with the action) and passes for a manager; sales name their
//! cashier; the command line signs in with `--as NAME --pin PIN`.

mod support;

use rust_decimal::Decimal;
use support::{ADMIN, CASHIER, MANAGER, Shop, at, json, stderr, usta_unsigned};
use usta::app::{AppError, Ctx, artisans, checkout, day, fiscal, inventory, returns, settings, stock, taxfree, users};
use usta::domain::Som;
use usta::domain::cart::{Cart, Discount};
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::day::CashMoveKind;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::tax_free::Traveller;
use usta::domain::user::{Action, Actor, Role};
use usta::store::Store;

const HAT: &str = "2100000000098"; // 2 500 som, an artisan's
const CARPET: &str = "2100000000142"; // 25 000 som

fn sign_in(store: &mut Store, (name, pin): (&str, &str)) -> Actor {
    users::sign_in(&mut Ctx::new(store, at(9, 0), Lang::En), name, pin).expect("sign in")
}

fn approvals(store: &Store) -> usize {
    store
        .journal_kinds()
        .expect("journal")
        .iter()
        .filter(|(_, kind, _)| kind == "approval")
        .count()
}

/// Runs `job` as a cashier (refused for `action`, nothing journaled), as the cashier with the manager's
/// approval (passes, one approval entry naming the manager) and, when `again`, as the manager (passes, no
/// approval entry needed).
fn guarded<T: std::fmt::Debug>(
    store: &mut Store,
    action: Action,
    again: bool,
    mut job: impl FnMut(&mut Ctx<'_>) -> usta::app::Result<T>,
) {
    let cashier = sign_in(store, CASHIER);
    let manager = sign_in(store, MANAGER);
    let approval = users::approve(&mut Ctx::new(store, at(9, 0), Lang::En), MANAGER.0, MANAGER.1).expect("approve");
    let head = store.journal_head().expect("head");

    let refused = job(&mut Ctx::new(store, at(12, 0), Lang::En).acting_as(cashier.clone()));
    match refused {
        Err(e @ AppError::NotAllowed { .. }) => {
            assert!(
                matches!(e, AppError::NotAllowed { action: a, role: Role::Cashier } if a == action),
                "{action:?}: {e:?}"
            );
            assert!(e.to_string().contains("needs a manager's approval (PIN)"), "{e}");
        }
        other => panic!("{action:?}: a cashier alone should be refused, got {other:?}"),
    }
    assert_eq!(
        store.journal_head().expect("head"),
        head,
        "{action:?}: a refusal writes nothing"
    );

    let before = approvals(store);
    job(&mut Ctx::new(store, at(12, 0), Lang::En)
        .acting_as(cashier)
        .approved_by(approval))
    .unwrap_or_else(|e| panic!("{action:?} with approval: {e}"));
    assert_eq!(approvals(store), before + 1, "{action:?}: the approval is journaled");
    let conn = rusqlite::Connection::open(store.path()).expect("raw");
    let payload: String = conn
        .query_row(
            "SELECT payload FROM journal WHERE kind = 'approval' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("approval entry");
    assert!(
        payload.contains(MANAGER.0) && payload.contains(CASHIER.0) && payload.contains(action.code()),
        "{payload}"
    );

    if again {
        job(&mut Ctx::new(store, at(12, 0), Lang::En).acting_as(manager))
            .unwrap_or_else(|e| panic!("{action:?} as a manager: {e}"));
        assert_eq!(approvals(store), before + 1, "{action:?}: a manager needs no approval");
    }
}

fn cash(amount: i64) -> [Tender; 1] {
    [Tender::som(PaymentKind::Cash, Som::whole(amount))]
}

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

#[test]
fn every_manager_action_is_refused_to_a_cashier_and_passes_with_approval() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let (receipt, carpet_receipt) = {
        let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::En);
        let sale = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::from(5))], &cash(20_000)).expect("sale");
        let carpet = checkout::sell(
            &mut ctx,
            &[(CARPET.into(), Decimal::ONE)],
            &[Tender::som(PaymentKind::Card, Som::whole(25_000))],
        )
        .expect("carpet");
        (sale.receipt_no.expect("no"), carpet.receipt_no.expect("no"))
    };
    let hat = {
        let ctx = Ctx::new(&mut store, at(10, 0), Lang::En);
        checkout::lookup(&ctx, HAT).expect("hat")
    };
    let hat_id = hat.product.id.expect("id");
    let artisan = hat.product.artisan.clone().expect("the hat is an artisan's");

    guarded(&mut store, Action::Return, true, |ctx| {
        returns::return_items(ctx, receipt, &[(HAT.into(), Decimal::ONE)], PaymentKind::Cash)
    });
    guarded(&mut store, Action::Return, false, |ctx| {
        let (sale, _) = returns::lookup(ctx, receipt)?;
        let line = sale.lines[0].id.expect("line id");
        returns::return_lines(ctx, receipt, &[(line, Decimal::ONE)], PaymentKind::Cash)
    });
    guarded(&mut store, Action::StockAdjust, true, |ctx| {
        stock::adjust_stock(ctx, HAT, Decimal::NEGATIVE_ONE, "damaged")
    });
    guarded(&mut store, Action::Stocktake, true, |ctx| {
        inventory::apply_stocktake(ctx, &[(hat_id, Decimal::from(7))])
    });
    guarded(&mut store, Action::PriceChange, true, |ctx| {
        let mut product = checkout::lookup(ctx, HAT)?.product;
        product.price += Som::whole(100);
        inventory::save(ctx, &product)
    });
    guarded(&mut store, Action::Settings, true, |ctx| {
        let s = settings::load(ctx)?;
        settings::save(ctx, &s)
    });
    guarded(&mut store, Action::Settings, true, |ctx| {
        taxfree::set_scheme(ctx, usta::domain::tax_free::PRESETS[0].0)
    });
    guarded(&mut store, Action::Settings, true, |ctx| {
        let s = fiscal::settings(ctx)?;
        fiscal::save_settings(ctx, &s)
    });
    guarded(&mut store, Action::Settings, true, |ctx| {
        settings::set_discount_limit(ctx, Decimal::from(10))
    });
    guarded(&mut store, Action::CashOut, true, |ctx| {
        day::cash(
            ctx,
            CashMoveKind::Out,
            Money::new(Decimal::from(100), Currency::Kgs),
            "change for the bank",
        )
    });
    guarded(&mut store, Action::ArtisanPayout, true, |ctx| {
        artisans::pay(ctx, &artisan, Som::whole(10), "part")
    });
    guarded(&mut store, Action::Discount, true, |ctx| {
        let mut cart = Cart::new();
        let line = checkout::scan(ctx, &mut cart, HAT, Decimal::ONE)?;
        cart.set_line_discount(line, Some(Discount::Percent(Decimal::from(25))))?;
        checkout::commit(ctx, &cart, &cash(5_000))
    });
    guarded(&mut store, Action::PriceOverride, true, |ctx| {
        let mut cart = Cart::new();
        checkout::scan(ctx, &mut cart, HAT, Decimal::ONE)?;
        cart.lines[0].unit_price = Som::whole(100);
        checkout::commit(ctx, &cart, &cash(5_000))
    });
    let form = {
        let mut ctx = Ctx::new(&mut store, at(11, 0), Lang::En);
        taxfree::issue(&mut ctx, carpet_receipt, &traveller()).expect("form")
    };
    guarded(&mut store, Action::TaxFreeVoid, false, |ctx| {
        taxfree::void(ctx, &form.form.number, "typed the wrong passport")
    });
    guarded(&mut store, Action::DayClose, false, |ctx| day::close(ctx, &[]));

    // A discount within the limit is the cashier's own, and the sale names its cashier.
    let cashier = sign_in(&mut store, CASHIER);
    let mut ctx = Ctx::new(&mut store, at(13, 0), Lang::En).acting_as(cashier);
    let mut cart = Cart::new();
    let line = checkout::scan(&ctx, &mut cart, HAT, Decimal::ONE).expect("scan");
    cart.set_line_discount(line, Some(Discount::Percent(Decimal::from(10))))
        .expect("10%");
    let sale = checkout::commit(&mut ctx, &cart, &cash(5_000)).expect("within the limit");
    drop(ctx);
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let user: Option<String> = conn
        .query_row("SELECT user FROM sales WHERE id = ?1", [sale.id.expect("id")], |r| {
            r.get(0)
        })
        .expect("sale row");
    assert_eq!(user.as_deref(), Some(CASHIER.0));
    assert!(store.verify_journal().expect("verify").is_ok());
}

#[test]
fn a_manager_raises_the_discount_limit_and_then_a_cashier_gives_that_much_alone() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let cashier = sign_in(&mut store, CASHIER);
    let manager = sign_in(&mut store, MANAGER);
    let sell_at_25 = |ctx: &mut Ctx<'_>| {
        let mut cart = Cart::new();
        let line = checkout::scan(ctx, &mut cart, HAT, Decimal::ONE)?;
        cart.set_line_discount(line, Some(Discount::Percent(Decimal::from(25))))?;
        checkout::commit(ctx, &cart, &cash(5_000))
    };
    let refused = sell_at_25(&mut Ctx::new(&mut store, at(10, 0), Lang::En).acting_as(cashier.clone()));
    assert!(
        matches!(
            refused,
            Err(AppError::NotAllowed {
                action: Action::Discount,
                ..
            })
        ),
        "{refused:?}"
    );
    let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::En).acting_as(manager);
    assert!(settings::set_discount_limit(&mut ctx, Decimal::from(101)).is_err());
    settings::set_discount_limit(&mut ctx, Decimal::from(30)).expect("manager sets the limit");
    assert_eq!(settings::discount_limit(&ctx).expect("limit"), Decimal::from(30));
    drop(ctx);
    sell_at_25(&mut Ctx::new(&mut store, at(10, 5), Lang::En).acting_as(cashier)).expect("within the new limit");
}

#[test]
fn one_approval_covering_a_discount_and_a_price_override_journals_both() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let cashier = sign_in(&mut store, CASHIER);
    let approval =
        users::approve(&mut Ctx::new(&mut store, at(9, 0), Lang::En), MANAGER.0, MANAGER.1).expect("approve");
    let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::En)
        .acting_as(cashier)
        .approved_by(approval);
    let mut cart = Cart::new();
    let line = checkout::scan(&ctx, &mut cart, HAT, Decimal::ONE).expect("scan");
    cart.lines[0].unit_price = Som::whole(2000);
    cart.set_line_discount(line, Some(Discount::Percent(Decimal::from(50))))
        .expect("50%");
    checkout::commit(&mut ctx, &cart, &cash(5_000)).expect("approved sale");
    drop(ctx);
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let actions: Vec<String> = conn
        .prepare("SELECT json_extract(payload, '$.action') FROM journal WHERE kind = 'approval' ORDER BY seq")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("actions");
    assert_eq!(actions, ["price_override", "discount"]);
}

#[test]
fn users_are_managed_by_an_admin_only_and_pins_are_checked() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let manager = sign_in(&mut store, MANAGER);
    let admin = sign_in(&mut store, ADMIN);
    assert_eq!((manager.role, admin.role), (Role::Manager, Role::Admin));
    let wrong = users::sign_in(&mut Ctx::new(&mut store, at(9, 0), Lang::En), MANAGER.0, "9998");
    assert!(matches!(wrong, Err(AppError::SignIn(_))), "{wrong:?}");
    let not_manager = users::approve(&mut Ctx::new(&mut store, at(9, 0), Lang::En), CASHIER.0, CASHIER.1);
    assert!(matches!(not_manager, Err(AppError::SignIn(_))), "{not_manager:?}");

    let refused = users::add(
        &mut Ctx::new(&mut store, at(9, 0), Lang::En).acting_as(manager),
        "Нурлан",
        Role::Cashier,
        "4321",
    );
    assert!(
        matches!(
            refused,
            Err(AppError::NotAllowed {
                action: Action::Users,
                ..
            })
        ),
        "{refused:?}"
    );
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::En).acting_as(admin);
    users::add(&mut ctx, "Нурлан", Role::Cashier, "4321").expect("admin adds");
    users::set_pin(&mut ctx, "Нурлан", "5555").expect("new pin");
    assert!(
        users::sign_in(&mut ctx, "Нурлан", "4321").is_err(),
        "the old PIN no longer works"
    );
    assert!(users::sign_in(&mut ctx, "Нурлан", "5555").is_ok());
    users::deactivate(&mut ctx, "Нурлан").expect("deactivate");
    assert!(
        users::sign_in(&mut ctx, "Нурлан", "5555").is_err(),
        "a deactivated user cannot sign in"
    );
    drop(ctx);
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let hashes: Vec<String> = conn
        .prepare("SELECT pin_hash FROM users")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("hashes");
    assert_eq!(hashes.len(), 4, "deactivated, not deleted");
    assert!(
        hashes
            .iter()
            .all(|h| h.starts_with("$argon2id$") && !h.contains("5555"))
    );
    assert!(
        conn.execute("DELETE FROM users", []).is_err(),
        "users are never deleted"
    );
}

#[test]
fn the_command_line_signs_in_with_as_and_pin() {
    let shop = Shop::demo();
    assert!(shop.usta(&["sell", HAT, "--pay", "cash:2500"]).status.success());
    // Unsigned on a shop with users: a cashier, refused with advice.
    let out = usta_unsigned(&shop.db, &["stock", "adjust", HAT, "-1", "--reason", "lost"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("needs a manager") && stderr(&out).contains("--as"),
        "{}",
        stderr(&out)
    );
    let out = usta_unsigned(
        &shop.db,
        &[
            "--as", CASHIER.0, "--pin", CASHIER.1, "return", "1", HAT, "--refund", "cash",
        ],
    );
    assert!(!out.status.success(), "a cashier cannot return alone");
    let out = usta_unsigned(
        &shop.db,
        &["--as", MANAGER.0, "--pin", "0000", "return", "1", "--refund", "cash"],
    );
    assert!(stderr(&out).contains("wrong user or PIN"), "{}", stderr(&out));
    let out = usta_unsigned(&shop.db, &["--as", MANAGER.0, "return", "1", "--refund", "cash"]);
    assert!(stderr(&out).contains("needs --pin"), "{}", stderr(&out));
    let out = usta_unsigned(
        &shop.db,
        &["--as", MANAGER.0, "--pin", MANAGER.1, "return", "1", "--refund", "cash"],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // Users: admin only; the environment signs in too.
    let out = usta_unsigned(&shop.db, &["--as", MANAGER.0, "--pin", MANAGER.1, "users", "list"]);
    assert!(!out.status.success());
    let list = json(&shop.usta(&["--json", "users", "list"]));
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert_eq!(names.len(), 3, "{list}");
    assert!(
        list.to_string().contains("manager") && !list.to_string().contains("argon2"),
        "{list}"
    );
    assert!(
        shop.usta(&["users", "add", "Нурлан", "--role", "cashier", "--new-pin", "4321"])
            .status
            .success()
    );
    assert!(shop.usta(&["users", "deactivate", "Нурлан"]).status.success());
    let out = usta_unsigned(&shop.db, &["--as", "Нурлан", "--pin", "4321", "status"]);
    assert!(!out.status.success(), "a deactivated user cannot sign in");
}

fn last_entry(db: &std::path::Path, kind: &str) -> serde_json::Value {
    let conn = rusqlite::Connection::open(db).expect("raw");
    let payload: String = conn
        .query_row(
            "SELECT payload FROM journal WHERE kind = ?1 ORDER BY seq DESC LIMIT 1",
            [kind],
            |r| r.get(0),
        )
        .expect("entry");
    serde_json::from_str(&payload).expect("json")
}

fn hat_price(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("raw");
    conn.query_row(
        "SELECT p.price FROM products p JOIN barcodes b ON b.product_id = p.id WHERE b.code = ?1",
        [HAT],
        |r| r.get(0),
    )
    .expect("hat")
}

#[test]
fn a_cashier_cannot_reprice_by_import_and_a_managers_import_journals_old_and_new_values() {
    let shop = Shop::demo();
    let file = shop.dir.path().join("price.csv");
    std::fs::write(&file, format!("barcode,name_ru,price\n{HAT},Ак калпак,1.00\n")).expect("csv");
    let file = file.display().to_string();
    let before = hat_price(&shop.db);
    let head = shop.open().journal_head().expect("head");
    for args in [
        vec!["--as", CASHIER.0, "--pin", CASHIER.1, "catalog", "import", &file],
        vec!["catalog", "import", &file],
    ] {
        let out = usta_unsigned(&shop.db, &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(stderr(&out).contains("needs a manager"), "{}", stderr(&out));
        assert_eq!(hat_price(&shop.db), before, "{args:?} repriced the hat");
        assert_eq!(
            shop.open().journal_head().expect("head"),
            head,
            "{args:?} wrote to the journal"
        );
    }
    let out = usta_unsigned(
        &shop.db,
        &["--as", MANAGER.0, "--pin", MANAGER.1, "catalog", "import", &file],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(hat_price(&shop.db), 100);
    let entry = last_entry(&shop.db, "catalog_import");
    assert_eq!(entry["by"], MANAGER.0, "{entry}");
    let changes = entry["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{entry}");
    assert_eq!(changes[0]["old"]["price_tyiyn"], before, "{entry}");
    assert_eq!(changes[0]["new"]["price_tyiyn"], 100, "{entry}");
    assert!(
        changes[0]["old"].get("barcodes").is_none(),
        "only what changed: {entry}"
    );

    // The product form: a cashier's price change needs an approval, and the entry names both.
    let mut store = shop.open();
    let cashier = sign_in(&mut store, CASHIER);
    let approval = users::approve(&mut Ctx::new(&mut store, at(9, 0), Lang::En), MANAGER.0, MANAGER.1).expect("ok");
    let mut ctx = Ctx::new(&mut store, at(12, 0), Lang::En).acting_as(cashier.clone());
    let mut hat = checkout::lookup(&ctx, HAT).expect("hat").product;
    hat.tax_group = "standard".into();
    hat.price = Som::whole(3000);
    let refused = inventory::save(&mut ctx, &hat);
    assert!(matches!(refused, Err(AppError::NotAllowed { .. })), "{refused:?}");
    drop(ctx);
    let mut ctx = Ctx::new(&mut store, at(12, 0), Lang::En)
        .acting_as(cashier)
        .approved_by(approval);
    inventory::save(&mut ctx, &hat).expect("approved");
    drop(ctx);
    let entry = last_entry(&shop.db, "product");
    assert_eq!(entry["old"]["price_tyiyn"], 100, "{entry}");
    assert_eq!(entry["new"]["price_tyiyn"], 300_000, "{entry}");
    assert_eq!(
        (entry["by"].as_str(), entry["approved_by"].as_str()),
        (Some(CASHIER.0), Some(MANAGER.0))
    );
}

#[test]
fn restore_needs_an_admin_checked_against_the_backup_when_the_database_is_damaged() {
    let shop = Shop::demo();
    let saved = shop.dir.path().join("saved.db");
    assert!(shop.usta(&["backup", &saved.display().to_string()]).status.success());
    let saved = saved.display().to_string();
    let out = usta_unsigned(&shop.db, &["--as", CASHIER.0, "--pin", CASHIER.1, "restore", &saved]);
    assert!(stderr(&out).contains("restore needs an admin"), "{}", stderr(&out));
    let out = usta_unsigned(&shop.db, &["--as", CASHIER.0, "--pin", CASHIER.1, "demo", "--force"]);
    assert!(stderr(&out).contains("needs an admin"), "{}", stderr(&out));

    // Damaged: the current database cannot say who its admin is, so the backup's users decide.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", shop.db.display()));
    }
    std::fs::write(&shop.db, vec![0x5a; 8192]).expect("damage");
    let damaged = std::fs::read(&shop.db).expect("read");
    for args in [
        vec!["--as", CASHIER.0, "--pin", CASHIER.1, "restore", &saved],
        vec!["restore", &saved],
        vec!["--as", ADMIN.0, "--pin", "0001", "restore", &saved],
    ] {
        let out = usta_unsigned(&shop.db, &args);
        assert!(!out.status.success(), "{args:?} restored");
        assert_eq!(
            std::fs::read(&shop.db).expect("read"),
            damaged,
            "{args:?} touched the database"
        );
    }
    let out = usta_unsigned(&shop.db, &["--as", ADMIN.0, "--pin", ADMIN.1, "restore", &saved]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(shop.usta(&["status"]).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(shop.dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("signin-check"))
        .collect();
    assert!(leftovers.is_empty(), "the private copy is removed: {leftovers:?}");
}

#[test]
fn five_wrong_pins_lock_a_user_for_a_growing_delay_and_the_right_pin_is_refused_meanwhile() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let try_pin = |store: &mut Store, pin: &str, when: chrono::DateTime<chrono::FixedOffset>| {
        users::sign_in(&mut Ctx::new(store, when, Lang::En), CASHIER.0, pin)
    };
    let t = at(12, 0);
    for n in 1..=4 {
        let e = try_pin(&mut store, "1111", t).expect_err("wrong");
        assert!(matches!(e, AppError::SignIn(_)), "{n}: {e:?}");
    }
    let e = try_pin(&mut store, "1111", t).expect_err("fifth");
    assert_eq!(e.to_string(), "Бакыт is locked for 30 s after 5 wrong PINs");
    let e = try_pin(&mut store, CASHIER.1, t + chrono::Duration::seconds(10)).expect_err("locked");
    assert_eq!(e.to_string(), "Бакыт is locked for 20 s after 5 wrong PINs");
    // Other users are not affected.
    users::sign_in(&mut Ctx::new(&mut store, t, Lang::En), MANAGER.0, MANAGER.1).expect("manager");
    // After the delay one more wrong PIN locks for twice as long.
    let later = t + chrono::Duration::seconds(30);
    let e = try_pin(&mut store, "2222", later).expect_err("sixth");
    assert_eq!(e.to_string(), "Бакыт is locked for 60 s after 6 wrong PINs");
    let after = later + chrono::Duration::seconds(60);
    try_pin(&mut store, CASHIER.1, after).expect("the right PIN after the delay");
    // The right PIN ends the run: one wrong PIN is just wrong again.
    let e = try_pin(&mut store, "1111", after).expect_err("wrong");
    assert!(matches!(e, AppError::SignIn(_)), "{e:?}");
    let failures = store
        .journal_kinds()
        .expect("journal")
        .iter()
        .filter(|(_, kind, name)| kind == "pin_failed" && name == CASHIER.0)
        .count();
    assert_eq!(failures, 7, "every wrong PIN is journaled");
    assert!(store.verify_journal().expect("verify").is_ok());
}

#[test]
fn separate_processes_share_the_lockout_and_an_admin_unlocks() {
    let shop = Shop::demo();
    // Six wrong PINs at once from six processes: each one's failure is committed, so together they lock.
    let children: Vec<_> = (0..6)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_usta"))
                .args(["--as", CASHIER.0, "--pin", "1111", "status"])
                .env("USTA_DB", &shop.db)
                .env_remove("USTA_USER")
                .env_remove("USTA_PIN")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        assert!(!child.wait_with_output().expect("wait").status.success());
    }
    let out = usta_unsigned(&shop.db, &["--as", CASHIER.0, "--pin", CASHIER.1, "status"]);
    assert!(!out.status.success(), "the right PIN during the lockout");
    assert!(
        stderr(&out).contains("Бакыт is locked for") && stderr(&out).contains("after 6 wrong PINs"),
        "{}",
        stderr(&out)
    );
    let out = usta_unsigned(
        &shop.db,
        &["--as", MANAGER.0, "--pin", MANAGER.1, "users", "unlock", CASHIER.0],
    );
    assert!(stderr(&out).contains("needs an admin"), "{}", stderr(&out));
    let out = usta_unsigned(
        &shop.db,
        &["--as", ADMIN.0, "--pin", ADMIN.1, "users", "unlock", CASHIER.0],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = usta_unsigned(&shop.db, &["--as", CASHIER.0, "--pin", CASHIER.1, "status"]);
    assert!(out.status.success(), "unlocked: {}", stderr(&out));
    assert_eq!(last_entry(&shop.db, "user_unlock")["by"], ADMIN.0);
}

#[test]
fn the_last_active_admin_cannot_be_deactivated() {
    let shop = Shop::demo();
    let out = shop.usta(&["users", "deactivate", ADMIN.0]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("last active admin"), "{}", stderr(&out));
    assert!(
        usta_unsigned(&shop.db, &["--as", ADMIN.0, "--pin", ADMIN.1, "users", "list"])
            .status
            .success()
    );
    assert!(
        shop.usta(&["users", "add", "Нурлан", "--role", "admin", "--new-pin", "4321"])
            .status
            .success()
    );
    assert!(
        shop.usta(&["users", "deactivate", ADMIN.0]).status.success(),
        "another admin remains"
    );
    let out = usta_unsigned(
        &shop.db,
        &["--as", "Нурлан", "--pin", "4321", "users", "deactivate", "Нурлан"],
    );
    assert!(stderr(&out).contains("last active admin"), "{}", stderr(&out));
}
