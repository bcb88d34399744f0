//! No statement the till runs is parsed and planned again once it is in the statement cache: a till's hot
//! statements (scan, search, checkout, reports, returns) are traced through a whole round of work twice, and the
//! second round may not re-prepare any of them. The check covers every statement the round runs, so a new query
//! with a bound value is covered without being named here.

use super::Store;
use crate::app::{Ctx, checkout, day, returns};
use crate::domain::catalog::Lang;
use crate::domain::payment::{PaymentKind, Tender};
use crate::domain::{Cart, Som};
use rusqlite::StatementStatus;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// What the trace saw of each statement, by its SQL.
#[derive(Default)]
struct Seen {
    /// How often it had been re-prepared, the last time it finished.
    reprepared: BTreeMap<String, i32>,
    /// Those that finished their first run on a prepared statement since this was last cleared: prepared afresh.
    fresh: BTreeSet<String>,
}

type Counts = Arc<Mutex<Seen>>;

fn trace(store: &mut Store) -> Counts {
    let counts = Counts::default();
    let seen = counts.clone();
    store
        .conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_PROFILE,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Profile(stmt, _) = event {
                    let sql = stmt.sql().into_owned();
                    let mut seen = seen.lock().unwrap();
                    if stmt.get_status(StatementStatus::Run) == 1 {
                        seen.fresh.insert(sql.clone());
                    }
                    seen.reprepared.insert(sql, stmt.get_status(StatementStatus::RePrepare));
                }
            }),
        )
        .expect("trace");
    counts
}

/// One round of a till's work: scans, name searches, a sale, an X report, a return of the sale's first line.
fn round(store: &mut Store, codes: &[String]) {
    let now = crate::cli::shop_now();
    let mut ctx = Ctx::new(store, now, Lang::Ky);
    let mut cart = Cart::new();
    for code in codes {
        checkout::scan(&ctx, &mut cart, code, Decimal::ONE).expect("scan");
        checkout::lookup(&ctx, code).expect("lookup");
    }
    for words in ["шырдак", "kalpak", "ак калп"] {
        assert!(!ctx.store.search(words, 20).expect("search").is_empty(), "{words}");
    }
    let sale = checkout::commit(
        &mut ctx,
        &cart,
        &[Tender::som(PaymentKind::Cash, Som::whole(1_000_000))],
    )
    .expect("sale");
    day::x_report(&ctx).expect("x report");
    let receipt = sale.receipt_no.expect("numbered");
    let (_, returnable) = returns::lookup(&ctx, receipt).expect("returnable");
    let first = &returnable[0].line;
    returns::return_lines(
        &mut ctx,
        receipt,
        &[(first.id.expect("stored"), Decimal::ONE)],
        PaymentKind::Cash,
    )
    .expect("return");
}

#[test]
fn a_second_round_of_a_tills_work_prepares_no_statement_again() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = super::test_shop::demo_shop(&dir.path().join("shop.db"), crate::cli::shop_now());
    let codes: Vec<String> = store.all_products().expect("products")[..5]
        .iter()
        .map(|p| p.product.barcodes[0].to_string())
        .collect();
    let counts = trace(&mut store);

    round(&mut store, &codes);
    let first = {
        let mut seen = counts.lock().unwrap();
        seen.fresh.clear();
        seen.reprepared.clone()
    };
    round(&mut store, &codes);
    let (second, fresh) = {
        let seen = counts.lock().unwrap();
        (seen.reprepared.clone(), seen.fresh.clone())
    };

    assert!(
        second.keys().any(|sql| sql.contains("FROM barcodes b0")),
        "the scan's statement was traced: {:?}",
        second.keys().collect::<Vec<_>>()
    );
    assert!(
        second.len() > 20,
        "a round runs the till's statements: {}",
        second.len()
    );
    let one_line = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let again: Vec<_> = second
        .iter()
        .filter(|(sql, n)| **n > first.get(*sql).copied().unwrap_or(0))
        .map(|(sql, n)| format!("{n}× {}", one_line(sql)))
        .collect();
    assert!(
        again.is_empty(),
        "prepared again in the second round:\n{}",
        again.join("\n")
    );
    // A statement prepared afresh (not taken from the cache) finishes its first run: one the cache kept from the
    // first round has run before. Checked at every run, so the same SQL kept in the cache by one caller and
    // prepared afresh by another is caught too. Only a transaction's own BEGIN, COMMIT and savepoints, which
    // SQLite parses in no time, are prepared each time.
    let control = |sql: &str| {
        ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]
            .iter()
            .any(|word| sql.trim_start().starts_with(word))
    };
    let fresh: Vec<_> = fresh
        .iter()
        .filter(|sql| !control(sql) && first.contains_key(*sql))
        .map(|sql| one_line(sql))
        .collect();
    assert!(
        fresh.is_empty(),
        "prepared afresh in the second round, not taken from the statement cache:\n{}",
        fresh.join("\n")
    );
}

/// The most VM steps one run of each statement took while `work` ran, by its SQL (the steps of a statement's
/// triggers included): the work a statement does, which no machine's speed changes.
fn steps_of(store: &mut Store, work: impl FnOnce(&mut Store)) -> BTreeMap<String, i32> {
    type Steps = Arc<Mutex<(BTreeMap<String, i32>, BTreeMap<String, i32>)>>;
    let steps = Steps::default();
    let seen = steps.clone();
    store
        .conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_PROFILE,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Profile(stmt, _) = event {
                    let sql = stmt.sql().into_owned();
                    // The count runs on over a cached statement's runs; a smaller one is a statement prepared anew.
                    let total = stmt.get_status(StatementStatus::VmStep);
                    let (last, most) = &mut *seen.lock().unwrap();
                    let before = last.insert(sql.clone(), total).unwrap_or(0);
                    let run = if total >= before { total - before } else { total };
                    let most = most.entry(sql).or_default();
                    *most = (*most).max(run);
                }
            }),
        )
        .expect("trace");
    work(store);
    store
        .conn
        .trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)
        .expect("untrace");
    std::mem::take(&mut steps.lock().unwrap().1)
}

/// A checkout in a shop's second year costs what it cost on its first day: every statement a checkout runs takes
/// as many steps in a shop with thousands of past sales, a cooperative's 300 artisans and a year of typed rates
/// (the tenge typed once, at the start) as in the new demo shop. A statement a later change adds is measured too;
/// one that reads history (all artisans, a year of rates) fails here, whatever machine runs it.
#[test]
fn a_checkouts_statements_take_as_many_steps_with_years_of_history_as_on_the_first_day() {
    let now = crate::cli::shop_now();
    let checkout_steps = |history: bool| {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("shop.db");
        let mut store = super::test_shop::demo_shop(&path, now);
        if history {
            let raw = rusqlite::Connection::open(&path).expect("raw");
            // Past sales without their days and lines: for the steps only (the till's own connection would refuse
            // these writes outside a journaled transaction, and verify would name them).
            raw.execute_batch(
                "PRAGMA foreign_keys = OFF;
                 BEGIN;
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                 INSERT INTO artisans(code, name, commission_pct) SELECT 'COOP' || i, 'Уста ' || i, '15' FROM n;
                 DELETE FROM exchange_rates;
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 365)
                 INSERT INTO exchange_rates(date, currency, som_per_unit, source)
                     SELECT date('now', '-' || i || ' days'), c, '87.45', 'typed' FROM n, (SELECT 'USD' c UNION SELECT 'EUR')
                     UNION ALL SELECT date('now', '-400 days'), 'KZT', '0.1745', 'typed';
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                 INSERT INTO sales(kind, register, receipt_no, at, subtotal, discount, total, change, rounding, day)
                     SELECT 'sale', 'R1', 1000000 + i, date('now', '-' || (1 + i / 20) || ' days') || 'T12:00:00+06:00',
                            10000, 0, 10000, 0, 0, date('now', '-' || (1 + i / 20) || ' days') FROM n;
                 COMMIT;",
            )
            .expect("history");
        }
        let codes: Vec<String> = store.all_products().expect("products")[..3]
            .iter()
            .map(|p| p.product.barcodes[0].to_string())
            .collect();
        let mut ctx = Ctx::new(&mut store, now, Lang::Ky);
        let mut carts = Vec::new();
        for _ in 0..2 {
            let mut cart = Cart::new();
            for code in &codes {
                checkout::scan(&ctx, &mut cart, code, Decimal::ONE).expect("scan");
            }
            carts.push(cart);
        }
        let tenders = [Tender::som(PaymentKind::Cash, Som::whole(1_000_000))];
        // The first checkout prepares the statements; the second is measured.
        checkout::commit(&mut ctx, &carts[0], &tenders).expect("first sale");
        steps_of(&mut store, |store| {
            let mut ctx = Ctx::new(store, now, Lang::Ky);
            checkout::commit(&mut ctx, &carts[1], &tenders).expect("sale");
        })
    };
    let first_day = checkout_steps(false);
    let second_year = checkout_steps(true);
    assert!(
        first_day.len() > 15,
        "a checkout's statements were traced: {first_day:?}"
    );
    let one_line = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let grown: Vec<_> = second_year
        .iter()
        .filter(|(sql, steps)| **steps > 2 * first_day.get(*sql).copied().unwrap_or(0) + 100)
        .map(|(sql, steps)| {
            format!(
                "{} → {steps} steps: {}",
                first_day.get(sql).copied().unwrap_or(0),
                one_line(sql)
            )
        })
        .collect();
    assert!(
        grown.is_empty(),
        "a checkout's statements that grew with history:\n{}",
        grown.join("\n")
    );
}
