//! The business day on a real SQLite file and through the real binary: float, cash in and out, the X report, the
//! close with the count, the Z report's totals against the day's receipts, a closed day taking no more sales,
//! the Z report on paper, and the hash-chained journal written with every event.

mod support;

use rust_decimal::Decimal;
use std::time::Duration;
use support::{Shop, at, count, json, stderr};
use usta::app::{AppError, Ctx, checkout, day, printing, returns};
use usta::domain::catalog::Lang;
use usta::domain::currency::{Currency, Money};
use usta::domain::day::{CashMoveKind, ReportKind};
use usta::domain::payment::{PaymentKind, PaymentRules, Tender};
use usta::domain::sale::{Sale, SaleKind};
use usta::domain::{Som, journal};
use usta::store::StoreError;
use usta_printer::{VirtualOptions, VirtualPrinter};

const HAT: &str = "2100000000098";

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn kgs(s: &str) -> Money {
    Money::new(dec(s), Currency::Kgs)
}

fn first_code(ctx: &Ctx<'_>, text: &str) -> String {
    ctx.store.search(text, 1).expect("search")[0].product.barcodes[0].to_string()
}

/// A day with cash, card, foreign cash, a cash return, cash in and cash out. Returns the receipts.
fn busy_day(ctx: &mut Ctx<'_>) -> Vec<Sale> {
    ctx.store
        .set_setting(
            "payment",
            &PaymentRules {
                accept_foreign_cash: true,
                ..PaymentRules::default()
            },
        )
        .expect("foreign cash on");
    day::open(ctx, &[kgs("5000"), Money::new(dec("20"), Currency::Usd)]).expect("open");
    let boots = first_code(ctx, "өтүк");
    let boots_price = checkout::lookup(ctx, &boots).expect("boots").product.price;
    let one = |code: &str| vec![(code.to_string(), Decimal::ONE)];
    let sales = vec![
        checkout::sell(ctx, &one(HAT), &[Tender::som(PaymentKind::Cash, Som::whole(3000))]).expect("cash sale"),
        checkout::sell(ctx, &one(&boots), &[Tender::som(PaymentKind::Card, boots_price)]).expect("card sale"),
        checkout::sell(
            ctx,
            &one(HAT),
            &[Tender {
                kind: PaymentKind::Cash,
                amount: Money::new(dec("50"), Currency::Usd),
            }],
        )
        .expect("dollar sale"),
    ];
    let hat_receipt = sales[0].receipt_no.expect("no");
    let mut sales = sales;
    sales.push(returns::return_items(ctx, hat_receipt, &[], PaymentKind::Cash).expect("return"));
    day::cash(ctx, CashMoveKind::In, kgs("1000"), "change from the bank").expect("cash in");
    day::cash(ctx, CashMoveKind::Out, kgs("300"), "tea and bread").expect("cash out");
    sales
}

#[test]
fn z_report_totals_equal_the_days_receipts_per_currency() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let sales = busy_day(&mut ctx);

    let sum = |kind: SaleKind| -> Som { sales.iter().filter(|s| s.kind == kind).map(|s| s.total).sum() };
    let cash_in = |kind: SaleKind, currency: Currency| -> Decimal {
        sales
            .iter()
            .filter(|s| s.kind == kind)
            .flat_map(|s| &s.payments)
            .filter(|p| p.kind == PaymentKind::Cash && p.tendered.currency == currency)
            .map(|p| p.tendered.amount)
            .sum()
    };
    let change: Som = sales
        .iter()
        .filter(|s| s.kind == SaleKind::Sale)
        .map(|s| s.change)
        .sum();
    let by_kind = |kind: SaleKind, pk: PaymentKind| -> Som {
        sales
            .iter()
            .filter(|s| s.kind == kind)
            .flat_map(|s| &s.payments)
            .filter(|p| p.kind == pk)
            .map(|p| p.applied)
            .sum()
    };

    let x = day::x_report(&ctx).expect("x");
    assert_eq!(x.kind, ReportKind::X);
    assert_eq!(count(&shop.db, "day_closes"), 0, "an X report closes nothing");

    let expected_kgs = dec("5000") + cash_in(SaleKind::Sale, Currency::Kgs)
        - change.amount()
        - cash_in(SaleKind::Return, Currency::Kgs)
        + dec("1000")
        - dec("300");
    let expected_usd = dec("20") + cash_in(SaleKind::Sale, Currency::Usd);
    assert!(expected_usd > dec("20"), "the dollar sale took dollars");

    ctx.now = at(19, 0);
    let counted = [
        kgs(&(expected_kgs - dec("50")).to_string()),
        Money::new(expected_usd, Currency::Usd),
    ];
    let closed = day::close(&mut ctx, &counted).expect("close");
    let z = &closed.report;
    assert_eq!(z.kind, ReportKind::Z);
    assert_eq!(z.sales_total, sum(SaleKind::Sale));
    assert_eq!(z.returns_total, sum(SaleKind::Return));
    assert_eq!(z.net, sum(SaleKind::Sale) - sum(SaleKind::Return));
    assert_eq!(
        z.sales_count,
        sales.iter().filter(|s| s.kind == SaleKind::Sale).count() as i64
    );
    assert_eq!(z.returns_count, 1);
    for k in &z.payments {
        assert_eq!(k.sales, by_kind(SaleKind::Sale, k.kind), "{:?}", k.kind);
        assert_eq!(k.refunds, by_kind(SaleKind::Return, k.kind), "{:?}", k.kind);
    }
    let tax_gross: Som = z.tax.iter().map(|t| t.gross).sum();
    assert_eq!(tax_gross, z.net, "tax lines cover the net takings");

    let line = |c: Currency| z.drawer.iter().find(|l| l.currency == c).expect("drawer line");
    assert_eq!(line(Currency::Kgs).expected, expected_kgs);
    assert_eq!(line(Currency::Kgs).variance, Some(dec("-50")), "50 som short");
    assert_eq!(line(Currency::Usd).expected, expected_usd);
    assert_eq!(line(Currency::Usd).variance, Some(Decimal::ZERO));
    assert_eq!(
        ctx.store.z_report(closed.close_id).expect("read").as_ref(),
        Some(z),
        "the Z report is stored as closed"
    );
    assert_eq!(
        x.sales_total, z.sales_total,
        "the X report showed the same takings before the close"
    );
}

#[test]
fn a_closed_day_takes_no_more_sales_they_go_to_the_next_day() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    day::open(&mut ctx, &[kgs("5000")]).expect("open");
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(3000))];
    checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &cash).expect("sale");
    ctx.now = at(18, 0);
    let closed = day::close(&mut ctx, &[kgs("7500")]).expect("close");
    assert_eq!(closed.report.day.to_string(), "2026-11-28");
    assert!(matches!(
        day::close(&mut ctx, &[kgs("0")]),
        Err(AppError::Store(StoreError::Conflict(m))) if m.contains("no business day is open")
    ));

    // Same evening, same calendar day: the sale opens the next business day by itself.
    ctx.now = at(18, 30);
    let late = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &cash).expect("late sale");
    let open = day::current(&ctx).expect("read").expect("a day is open");
    assert_eq!(open.day.to_string(), "2026-11-29");
    assert!(open.implicit);
    let x = day::x_report(&ctx).expect("x");
    assert_eq!((x.sales_count, x.sales_total), (1, late.total));
    assert_eq!(
        ctx.store
            .z_report(closed.close_id)
            .expect("z")
            .expect("stored")
            .sales_count,
        1,
        "the closed day's report is unchanged"
    );

    // Bypassing the app: the database itself refuses a sale on the closed day.
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let refused = conn.execute(
        "INSERT INTO sales(kind, register, receipt_no, at, subtotal, discount, total, change, rounding, day)
         VALUES ('sale', 'R1', 99, '2026-11-28T18:45:00+06:00', 100, 0, 100, 0, 0, '2026-11-28')",
        [],
    );
    assert!(
        refused.is_err_and(|e| e.to_string().contains("the business day is closed")),
        "trigger"
    );

    // Opening while a day is open is refused with the reason.
    assert!(matches!(
        day::open(&mut ctx, &[]),
        Err(AppError::Store(StoreError::Conflict(m))) if m.contains("already open")
    ));
}

#[test]
fn every_business_event_is_chained_in_the_journal_and_an_edit_is_found() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let before = ctx.store.journal_head().expect("head").seq;
    assert!(before > 0, "the demo's catalog, settings and stock are journaled");
    busy_day(&mut ctx);
    ctx.now = at(19, 0);
    let closed = day::close(&mut ctx, &[kgs("0")]).expect("close");
    let kinds: Vec<String> = ctx
        .store
        .journal_kinds()
        .expect("kinds")
        .into_iter()
        .map(|(_, k, _)| k)
        .collect();
    for kind in [
        "setting",
        "catalog_import",
        "day_open",
        "cash_float",
        "sale",
        "return",
        "cash_in",
        "cash_out",
        "day_close",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
    let head = ctx.store.verify_journal().expect("read").expect("intact");
    // The close records the head of every fact before it; its own entry, the last, commits to that record.
    let before_close: String = rusqlite::Connection::open(&shop.db)
        .expect("raw")
        .query_row("SELECT prev_hash FROM journal WHERE kind = 'day_close'", [], |r| {
            r.get(0)
        })
        .expect("close entry");
    assert_eq!(before_close, closed.journal_head, "the close records the journal head");
    assert_ne!(head.hash, closed.journal_head);
    drop(store);

    // Someone edits a sale's journal entry with raw SQL (dropping the guard first).
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    assert!(
        conn.execute("UPDATE journal SET payload = '{}' WHERE kind = 'sale'", [])
            .is_err(),
        "the journal is append-only"
    );
    let seq: i64 = conn
        .query_row("SELECT min(seq) FROM journal WHERE kind = 'sale'", [], |r| r.get(0))
        .expect("seq");
    conn.execute_batch("DROP TRIGGER journal_no_update")
        .expect("drop guard");
    conn.execute(
        "UPDATE journal SET payload = replace(payload, '\"lines\":1', '\"lines\":2') WHERE seq = ?1",
        [seq],
    )
    .expect("tamper");
    let store = shop.open();
    assert_eq!(
        store.verify_journal().expect("read"),
        Err(journal::ChainError::Hash { seq })
    );
}

#[test]
fn z_report_prints_in_kyrgyz_through_the_queue() {
    let shop = Shop::demo();
    let options = VirtualOptions {
        png: false,
        ..VirtualOptions::default()
    };
    let printer = VirtualPrinter::start("127.0.0.1:0", shop.dir.path().join("jobs"), options).expect("printer");
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    day::open(&mut ctx, &[kgs("5000")]).expect("open");
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(3000))];
    checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &cash).expect("sale");
    ctx.now = at(18, 0);
    day::close(&mut ctx, &[kgs("7400")]).expect("close");
    printing::save_settings(
        &mut ctx,
        &printing::PrinterSettings {
            uri: printer.uri().to_string(),
            profile: "epson".into(),
        },
    )
    .expect("printer set");
    let target = printing::target(&ctx, None, None).expect("target");
    let report = printing::print_queue(&mut ctx, &target).expect("printed");
    assert_eq!((report.printed.len(), report.failed), (1, None));
    let jobs = printer.wait_for_jobs(1, Duration::from_secs(10));
    let text = &jobs[0].text;
    assert!(text.contains("Z-ОТЧЁТ · КҮНДҮ ЖАБУУ"), "{text}");
    assert!(text.contains("28.11.2026"), "{text}");
    // The hat costs 2 500 som: the drawer should hold 7 500, 7 400 were counted.
    assert!(text.contains("7\u{a0}500,00") && text.contains("-100,00"), "{text}");
    assert!(text.contains("Чеберлерге") || text.contains("Айырма"), "{text}");
}

#[test]
fn day_commands_through_the_binary() {
    let shop = Shop::demo();
    let opened = json(&shop.usta(&["--json", "day", "open", "--float", "KGS:5000", "USD:100"]));
    assert_eq!(opened["float"][1]["currency"], "USD");
    let again = shop.usta(&["day", "open", "--float", "KGS:1"]);
    assert!(!again.status.success() && stderr(&again).contains("already open"));
    let sale = json(&shop.usta(&["--json", "sell", HAT, "--pay", "cash:3000"]));
    assert_eq!(sale["change"], "500.00");
    assert!(
        shop.usta(&["day", "cash-out", "200", "--reason", "bread"])
            .status
            .success()
    );
    let bad = shop.usta(&["day", "cash-in", "KGS:abc", "--reason", "x"]);
    assert!(!bad.status.success() && stderr(&bad).contains("CURRENCY:AMOUNT"));
    let x = json(&shop.usta(&["--json", "day", "x"]));
    assert_eq!(x["kind"], "X");
    assert_eq!(x["sales_total"], "2500.00");

    let closed = json(&shop.usta(&["day", "close", "--count", "KGS:7300", "USD:90", "--json"]));
    let drawer = closed["drawer"].as_array().expect("drawer");
    assert_eq!(drawer[0]["currency"], "KGS");
    assert_eq!(drawer[0]["expected"], "7300.00");
    assert_eq!(drawer[0]["counted"], "7300.00");
    assert_eq!(drawer[0]["variance"], "0.00");
    assert_eq!(drawer[1]["currency"], "USD");
    assert_eq!(drawer[1]["variance"], "-10.00");
    assert_eq!(count(&shop.db, "day_closes"), 1);
    let x = shop.usta(&["day", "x"]);
    assert!(!x.status.success() && stderr(&x).contains("no business day is open"));
    let text = shop.usta(&["day", "--help"]);
    assert!(text.status.success());
}

#[test]
fn usta_verify_checks_the_journal_and_names_the_edited_entry() {
    let shop = Shop::demo();
    let sale = json(&shop.usta(&["--json", "sell", HAT, "--pay", "cash:3000"]));
    assert_eq!(sale["receipt_no"], 1);
    let ok = json(&shop.usta(&["--json", "verify"]));
    assert_eq!(ok["ok"], true);
    assert!(ok["entries"].as_i64().expect("entries") > 2);

    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    conn.execute_batch("DROP TRIGGER journal_no_update")
        .expect("drop guard");
    let seq: i64 = conn
        .query_row("SELECT seq FROM journal WHERE kind = 'sale'", [], |r| r.get(0))
        .expect("sale entry");
    conn.execute(
        "UPDATE journal SET at = '2026-01-01T00:00:00+06:00' WHERE seq = ?1",
        [seq],
    )
    .expect("tamper");
    drop(conn);
    let out = shop.usta(&["verify"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("journal entry {seq}:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_new_commands_explain_themselves() {
    let shop = Shop::empty();
    for args in [
        vec!["day", "--help"],
        vec!["day", "open", "--help"],
        vec!["day", "close", "--help"],
        vec!["day", "cash-in", "--help"],
        vec!["ledger", "export", "--help"],
        vec!["ledger", "verify", "--help"],
        vec!["artisans", "statement", "--help"],
        vec!["artisans", "pay", "--help"],
        vec!["pool", "import", "--help"],
        vec!["pool", "report", "--help"],
        vec!["verify", "--help"],
    ] {
        let out = shop.usta(&args);
        assert!(out.status.success(), "{args:?}");
        assert!(support::stdout(&out).contains("Usage: usta"), "{args:?}");
    }
    assert!(!shop.db.exists(), "help creates no database");
}

/// Makes the `backups` folder beside the database impossible: a plain file takes its name.
fn block_backups(shop: &Shop) -> std::path::PathBuf {
    let blocker = shop.dir.path().join("backups");
    std::fs::write(&blocker, b"not a folder").expect("blocker");
    blocker
}

#[test]
fn the_close_is_reported_first_and_a_failed_backup_never_fails_it() {
    let shop = Shop::demo();
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    let blocker = block_backups(&shop);

    let closed = shop.usta(&["day", "close", "--count", "KGS:2500"]);
    assert!(
        closed.status.success(),
        "a failed backup fails no close: {}",
        stderr(&closed)
    );
    let out = support::stdout(&closed);
    let z = out.find("Z-").expect("the Z report is printed");
    let line = out.find("is closed").expect("the close is said");
    assert!(z < line, "{out}");
    assert!(!out.contains("backup: "), "{out}");
    assert!(
        stderr(&closed).contains("the day is closed but the automatic backup failed"),
        "{}",
        stderr(&closed)
    );
    assert_eq!(count(&shop.db, "day_closes"), 1, "the Z report stays committed");
    let x = shop.usta(&["day", "x"]);
    assert!(!x.status.success() && stderr(&x).contains("no business day is open"));

    // The same through --json: the close succeeds, the backup's failure is a field.
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    let closed = json(&shop.usta(&["--json", "day", "close", "--count", "KGS:2500"]));
    assert!(closed["backup"].is_null(), "{closed}");
    assert!(closed["backup_error"].is_string(), "{closed}");
    assert_eq!(count(&shop.db, "day_closes"), 2);

    // With the folder free again, the backup comes after the close's lines and holds the day's sales.
    std::fs::remove_file(&blocker).expect("unblock");
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    let closed = shop.usta(&["day", "close", "--count", "KGS:2500"]);
    assert!(closed.status.success(), "{}", stderr(&closed));
    let out = support::stdout(&closed);
    let line = out.find("is closed").expect("the close is said");
    let backup = out.find("backup: ").expect("the backup is said");
    assert!(line < backup, "the close is printed before the backup: {out}");
    let path = out[backup + "backup: ".len()..].lines().next().expect("path").trim();
    let raw = rusqlite::Connection::open(path).expect("open the backup");
    let sales: i64 = raw
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))
        .expect("count");
    assert_eq!(sales, 3);
}

/// Runs a day screen task to its end and feeds every message back, as the window's runtime does.
fn run_day_task(
    screen: &mut usta::ui::day::DayScreen,
    services: &usta::ui::services::Services,
    task: iced::Task<usta::ui::day::Message>,
) {
    support::ui::settle_with(task, |message| match screen.update(message, services) {
        usta::ui::day::Action::Run(t) | usta::ui::day::Action::Print(t) => Some(t),
        usta::ui::day::Action::None => None,
    });
}

#[test]
fn the_window_closes_the_day_then_backs_up_in_the_background() {
    use usta::ui::day::{Action, BACKED_UP, BACKING_UP, BACKUP_FAILED, DayScreen, Message};
    use usta::ui::i18n::I18n;
    let shop = Shop::demo();
    let services = usta::ui::services::Services::with_clock(shop.open(), std::sync::Arc::new(|| at(18, 0)));
    let blocker = block_backups(&shop);
    let mut screen = DayScreen::default();
    for (round, blocked) in [(1, true), (2, false)] {
        services
            .call(|ctx| {
                checkout::sell(
                    ctx,
                    &[(HAT.to_string(), Decimal::ONE)],
                    &[Tender::som(PaymentKind::Cash, Som::whole(2500))],
                )
            })
            .expect("sale");
        if !blocked {
            std::fs::remove_file(&blocker).expect("unblock");
        }
        let closed = services.call(|ctx| day::close(ctx, &[kgs("2500")]));
        let Action::Print(backup) = screen.update(Message::Closed(closed), &services) else {
            panic!("a close prints its Z report");
        };
        // The close is shown at once, before the backup has run.
        assert_eq!(screen.notice.as_ref().map(|n| n.key), Some(BACKING_UP));
        assert!(screen.open.is_none() && screen.report.is_some());
        assert_eq!(count(&shop.db, "day_closes"), round);
        run_day_task(&mut screen, &services, backup);
        let shown = screen.notice.as_ref().expect("a notice");
        for lang in [Lang::Ky, Lang::Ru, Lang::En] {
            let i18n = I18n::new(lang);
            assert!(!shown.text(&i18n).contains(shown.key), "{lang:?} has {}", shown.key);
        }
        if blocked {
            assert_eq!(shown.key, BACKUP_FAILED);
            assert_eq!(shown.tone, usta::ui::theme::Tone::Bad);
            let text = screen
                .shown_notice(&I18n::new(Lang::En))
                .expect("shown")
                .text(&I18n::new(Lang::En));
            assert!(text.contains("is closed") && text.contains("Backup failed: "), "{text}");
            let reason = screen
                .backup_failure
                .as_ref()
                .expect("reason")
                .text(&I18n::new(Lang::En));
            assert!(!reason.is_empty() && text.ends_with(&reason), "{text}");
        } else {
            assert_eq!(shown.key, BACKED_UP, "{shown:?}");
            let path = &shown.args.iter().find(|(k, _)| *k == "path").expect("path").1;
            let raw = rusqlite::Connection::open(path).expect("open the backup");
            let sales: i64 = raw
                .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))
                .expect("count");
            assert_eq!(sales, 2, "the copy holds both days' sales");
            let last = services
                .call(|ctx| usta::app::backup::last_backup(ctx))
                .expect("last")
                .expect("recorded");
            assert_eq!(last.path.display().to_string(), *path);
        }
    }
}
