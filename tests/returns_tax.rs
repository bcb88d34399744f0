//! Returns give back the tax their sale charged, through the real binary: a card sale refunded in cash, and a
//! split-tender sale returned in three parts by three methods, leave the day with zero VAT, zero sales tax and
//! zero net, in `usta day x` and in the day's ledger.

mod support;

use support::{Shop, json, stderr};

const HAT: &str = "2100000000098";

/// Every rate pair's gross, VAT, sales tax and net in a day report's `tax`, as text.
fn tax_rows(report: &serde_json::Value) -> Vec<(String, String, String, String, String)> {
    report["tax"]
        .as_array()
        .expect("tax lines")
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap_or_default().to_string();
            (
                format!("{}+{}", s("vat_pct"), s("sales_tax_pct")),
                s("gross"),
                s("vat"),
                s("sales_tax"),
                s("net"),
            )
        })
        .collect()
}

fn assert_all_zero(report: &serde_json::Value, when: &str) {
    assert_eq!(report["net"], "0.00", "{when}: net takings");
    let rows = tax_rows(report);
    assert!(!rows.is_empty(), "{when}: the day had taxed sales");
    for (rates, gross, vat, sales_tax, net) in rows {
        assert_eq!(
            (gross.as_str(), vat.as_str(), sales_tax.as_str(), net.as_str()),
            ("0.00", "0.00", "0.00", "0.00"),
            "{when}: rate pair {rates}"
        );
    }
}

#[test]
fn returned_receipts_leave_zero_tax_and_zero_net_for_the_day_and_its_ledger() {
    let shop = Shop::demo();

    // The case: 2 500 som by card (VAT 267.86, no sales tax), refunded in cash.
    let sale = json(&shop.usta(&["--json", "sell", HAT, "--pay", "card:2500"]));
    let ret = json(&shop.usta(&["--json", "return", "1", "--refund", "cash"]));
    assert_eq!(sale["tax"], ret["tax"], "the return reverses the sale's own tax lines");
    assert_eq!(ret["tax"][0]["vat"], "267.86");
    assert_eq!(ret["tax"][0]["sales_tax"], "0.00");
    assert_all_zero(&json(&shop.usta(&["--json", "day", "x"])), "card sale refunded in cash");

    // Three hats, 2 000 in cash (sales tax 2%) and 5 500 by card, returned one by one: cash, card, QR.
    let split = json(&shop.usta(&[
        "--json",
        "sell",
        &format!("{HAT}*3"),
        "--pay",
        "cash:2000",
        "--pay",
        "card:5500",
    ]));
    let receipt = split["receipt_no"].as_i64().expect("receipt number").to_string();
    assert_eq!(
        split["tax"].as_array().map(Vec::len),
        Some(2),
        "two sales tax rates: {}",
        split["tax"]
    );
    for (refund, items) in [("cash", vec![HAT]), ("card", vec![HAT]), ("qr", vec![])] {
        let mut args = vec!["--json", "return", receipt.as_str()];
        args.extend(items);
        args.extend(["--refund", refund]);
        let out = shop.usta(&args);
        assert!(out.status.success(), "return by {refund}: {}", stderr(&out));
    }
    let x = json(&shop.usta(&["--json", "day", "x"]));
    assert_all_zero(&x, "split-tender sale returned in parts");
    assert_eq!(x["returns_count"], 4);

    // The closed day's ledger says the same.
    let closed = shop.usta(&["--json", "day", "close", "--count", "KGS:0"]);
    let closed = json(&closed);
    assert_all_zero(&closed["report"], "Z report");
    let day = closed["report"]["day"].as_str().expect("day").to_string();
    let out = shop.dir.path().join("ledger");
    let exported = shop.usta(&[
        "ledger",
        "export",
        "--date",
        &day,
        "--out",
        &out.display().to_string(),
        "--dialect",
        "plain",
    ]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let tax_csv = std::fs::read_to_string(out.join("tax.csv")).expect("tax.csv");
    let mut rows = tax_csv.lines();
    assert_eq!(rows.next(), Some("vat_pct,sales_tax_pct,gross,vat,sales_tax,net"));
    let rows: Vec<&str> = rows.collect();
    assert!(!rows.is_empty(), "{tax_csv}");
    for row in rows {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(
            &cells[2..],
            &["0.00", "0.00", "0.00", "0.00"],
            "ledger tax.csv: {tax_csv}"
        );
    }
    let ledger: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("ledger.json")).expect("ledger.json")).expect("json");
    assert_all_zero(&ledger["summary"], "ledger.json");
}

#[test]
fn a_cash_refund_beyond_the_drawer_needs_a_manager_and_says_both_amounts() {
    const SLIPPERS: &str = "2100000000012"; // 1 350 som
    let shop = Shop::demo();
    let card = json(&shop.usta(&["--json", "sell", HAT, "--pay", "card:2500"]));
    assert_eq!(card["receipt_no"], 1);
    assert!(shop.usta(&["sell", SLIPPERS, "--pay", "cash:1350"]).status.success());
    // The drawer holds the 1 350 som of cash takings; refunding the hat in cash would take 2 500.
    let sales = support::count(&shop.db, "sales");
    // A return is a manager's job at the command line, so nobody and a cashier are refused before the drawer is
    // even asked (the window's cashier gets the drawer warning with both amounts: tests/ui_flows.rs).
    let refused_by = |out: &std::process::Output, who: &str| {
        assert!(!out.status.success(), "{who}: refused");
        let e = stderr(out);
        assert!(e.contains("needs a manager"), "{who}: names the role: {e}");
        assert!(e.contains("--as"), "{who}: says how to sign in: {e}");
    };
    refused_by(
        &support::usta_unsigned(&shop.db, &["return", "1", "--refund", "cash"]),
        "nobody",
    );
    let (cashier, pin) = support::CASHIER;
    refused_by(
        &support::usta_unsigned(
            &shop.db,
            &["--as", cashier, "--pin", pin, "return", "1", "--refund", "cash"],
        ),
        "a cashier",
    );
    assert_eq!(support::count(&shop.db, "sales"), sales, "a refusal writes nothing");
    // A card refund takes nothing from the drawer: no drawer question (the return itself still needs a manager).
    let by_card = support::usta_unsigned(&shop.db, &["return", "1", "--refund", "card"]);
    assert!(
        !by_card.status.success() && !stderr(&by_card).contains("drawer"),
        "{}",
        stderr(&by_card)
    );

    let (manager, pin) = support::MANAGER;
    let done = support::usta_unsigned(
        &shop.db,
        &[
            "--json", "--as", manager, "--pin", pin, "return", "1", "--refund", "cash",
        ],
    );
    assert!(done.status.success(), "a manager may: {}", stderr(&done));
    assert!(
        stderr(&done).contains("warning") && stderr(&done).contains("-1\u{a0}150,00"),
        "the manager is warned what the drawer now holds: {}",
        stderr(&done)
    );
    let x = json(&shop.usta(&["--json", "day", "x"]));
    assert_eq!(x["drawer"][0]["expected"], "-1150.00");
}
