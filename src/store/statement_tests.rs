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
