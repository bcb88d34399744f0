//! `usta verify` checks the journal against the tables: someone with the database file who drops the
//! append-only triggers and edits a sale, a line, a payment or a payout with raw SQL is named by entry.

mod support;

use rust_decimal::Decimal;
use support::{Shop, at, json, stderr};
use usta::app::{Ctx, artisans, checkout};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};

const HAT: &str = "2100000000098"; // 2 500 som

fn tamper(shop: &Shop, sql: &str) {
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    // What an attacker with the file would do first: the triggers refuse UPDATE and INSERT without a journal.
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS sales_no_update; DROP TRIGGER IF EXISTS sale_lines_no_update;
         DROP TRIGGER IF EXISTS payments_no_update; DROP TRIGGER IF EXISTS payouts_no_update;",
    )
    .expect("drop guards");
    conn.execute_batch(sql).expect("tamper");
}

fn seq_of(shop: &Shop, kind: &str, reference: &str) -> i64 {
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    conn.query_row(
        "SELECT seq FROM journal WHERE kind = ?1 AND ref = ?2",
        [kind, reference],
        |r| r.get(0),
    )
    .expect("entry")
}

/// `usta verify` fails and its message names `entry` and `what`.
fn refused(shop: &Shop, entry: &str, what: &str) {
    let out = shop.usta(&["verify"]);
    assert!(!out.status.success(), "verify should fail for {what}");
    let err = stderr(&out);
    assert!(
        err.contains("do not match the journal") && err.contains(entry) && err.contains(what),
        "{err}"
    );
}

#[test]
fn an_edited_sale_line_payment_or_cashier_and_an_unjournaled_sale_are_named_by_usta_verify() {
    let shop = Shop::demo();
    for pay in ["cash:3000", "card:2500", "cash:2500"] {
        assert!(shop.usta(&["sell", HAT, "--pay", pay]).status.success());
    }
    assert!(shop.usta(&["return", "1", "--refund", "cash"]).status.success());
    let ok = json(&shop.usta(&["--json", "verify"]));
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(ok["compared_with_tables"], 4, "three sales and a return: {ok}");

    let sale2 = seq_of(&shop, "sale", "R1-2");
    let entry = format!("journal entry {sale2} (sale R1-2)");
    tamper(&shop, "UPDATE sales SET total = 100 WHERE receipt_no = 2");
    refused(&shop, &entry, "total");
    tamper(&shop, "UPDATE sales SET total = 250000 WHERE receipt_no = 2");
    assert!(shop.usta(&["verify"]).status.success(), "restored");

    tamper(
        &shop,
        "UPDATE sale_lines SET amount = 1 WHERE sale_id = (SELECT id FROM sales WHERE receipt_no = 2)",
    );
    refused(&shop, &entry, "line 1's amount");
    tamper(
        &shop,
        "UPDATE sale_lines SET amount = 250000 WHERE sale_id = (SELECT id FROM sales WHERE receipt_no = 2)",
    );

    tamper(
        &shop,
        "UPDATE payments SET kind = 'cash' WHERE sale_id = (SELECT id FROM sales WHERE receipt_no = 2)",
    );
    refused(&shop, &entry, "payment 1");
    tamper(
        &shop,
        "UPDATE payments SET kind = 'card' WHERE sale_id = (SELECT id FROM sales WHERE receipt_no = 2)",
    );

    tamper(&shop, "UPDATE sales SET user = 'someone else' WHERE receipt_no = 3");
    refused(
        &shop,
        &format!("journal entry {} (sale R1-3)", seq_of(&shop, "sale", "R1-3")),
        "user",
    );
    tamper(&shop, "UPDATE sales SET user = 'Админ' WHERE receipt_no = 3");
    assert!(shop.usta(&["verify"]).status.success(), "restored");

    // A sale slipped into the tables without its journal entry.
    tamper(
        &shop,
        "INSERT INTO sales(kind, register, receipt_no, at, subtotal, discount, total, change, rounding, day)
         SELECT kind, register, 99, at, subtotal, discount, total, change, rounding, day FROM sales WHERE receipt_no = 3",
    );
    refused(&shop, "R1-99", "not in the journal");
}

#[test]
fn an_edited_stock_adjustment_or_a_sale_movement_is_named_by_usta_verify() {
    let shop = Shop::demo();
    assert!(shop.usta(&["sell", HAT, "--pay", "cash:2500"]).status.success());
    assert!(
        shop.usta(&["stock", "adjust", HAT, "-1", "--reason", "moth"])
            .status
            .success()
    );
    assert!(shop.usta(&["verify"]).status.success());
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let seq: i64 = conn
        .query_row("SELECT max(seq) FROM journal WHERE kind = 'stock'", [], |r| r.get(0))
        .expect("stock entry");
    drop(conn);
    tamper(
        &shop,
        "DROP TRIGGER stock_no_update; UPDATE stock_movements SET qty_milli = -5000 WHERE kind = 'adjust'",
    );
    refused(&shop, &format!("journal entry {seq} (stock )"), "adjust movement");
    tamper(
        &shop,
        "UPDATE stock_movements SET qty_milli = -1000 WHERE kind = 'adjust'",
    );
    assert!(shop.usta(&["verify"]).status.success(), "restored");
    tamper(&shop, "UPDATE stock_movements SET qty_milli = 0 WHERE kind = 'sale'");
    refused(
        &shop,
        &format!("journal entry {} (sale R1-1)", seq_of(&shop, "sale", "R1-1")),
        "stock movement",
    );
}

#[test]
fn an_edited_payout_is_named_by_usta_verify() {
    let shop = Shop::demo();
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::En);
        let cash = [Tender::som(PaymentKind::Cash, Som::whole(10_000))];
        let sale = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::TWO)], &cash).expect("sale");
        let artisan = sale.lines[0].artisan.clone().expect("the hat is an artisan's");
        artisans::pay(&mut ctx, &artisan, Som::whole(10), "part").expect("payout");
    }
    assert!(shop.usta(&["verify"]).status.success());
    tamper(&shop, "UPDATE payouts SET amount = 100000");
    refused(
        &shop,
        &format!("journal entry {} (payout 1)", seq_of(&shop, "payout", "1")),
        "payout",
    );
}
