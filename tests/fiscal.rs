//! The fiscal register adapter with the built-in training simulator: its fields on the receipt and in the QR
//! link, returns as operation type 2, and a register that is down: the sale stands, stays pending, is listed and
//! registered on retry.

mod support;

use rust_decimal::Decimal;
use support::{Shop, at, count, json, stderr, stdout};
use usta::app::{Ctx, checkout, receipt_text, returns};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::receipt::Fiscal;

const HAT: &str = "2100000000098";

#[test]
fn simulator_fields_are_on_the_receipt_and_in_its_qr() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(11, 5), Lang::Ru);
    let pay = |som| [Tender::som(PaymentKind::Card, Som::whole(som))];
    let first = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &pay(2500)).expect("sale");
    let second = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::from(2))], &pay(5000)).expect("sale");
    let doc = checkout::receipt(&ctx, &second).expect("receipt");
    let Fiscal::Simulated {
        fn_number,
        fd_number,
        fiscal_sign,
    } = &doc.fiscal
    else {
        panic!("registered with the simulator: {:?}", doc.fiscal)
    };
    assert_eq!((fn_number.as_str(), fd_number.as_str()), ("9999000000417001", "2"));
    assert_eq!(fiscal_sign.len(), 10);
    assert_eq!(
        doc.qr_payload,
        format!(
            "https://tax.salyk.kg/tax-web-control/client/api/v1/ticket?date=20261128T110500&type=3&operation_type=1\
             &fn_number=9999000000417001&fd_number=2&fm={fiscal_sign}&tin=02811199610123&regNumber=0000417001&sum=500000"
        )
    );
    let text = receipt_text::render(&doc, 48);
    assert!(
        text.contains(&format!("ФН 9999000000417001 ФД 2 ФП {fiscal_sign}")),
        "{text}"
    );
    assert!(text.contains("TRAINING — NOT FISCAL"), "{text}");
    assert!(text.contains(&format!("[QR {}]", doc.qr_payload)), "{text}");

    let ret = returns::return_items(&mut ctx, first.receipt_no.expect("no"), &[], PaymentKind::Card).expect("return");
    let doc = checkout::receipt(&ctx, &ret).expect("receipt");
    assert!(
        doc.qr_payload
            .contains("operation_type=2&fn_number=9999000000417001&fd_number=3&"),
        "{}",
        doc.qr_payload
    );
}

#[test]
fn a_register_that_is_down_keeps_the_sale_pending_until_retry() {
    let shop = Shop::demo();
    assert!(shop.usta(&["fiscal", "set", "simulator", "--offline"]).status.success());
    let sale = shop.usta(&["--lang", "en", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "the sale stands: {}", stderr(&sale));
    assert!(stdout(&sale).contains("TRAINING — NOT FISCAL"));
    assert_eq!(count(&shop.db, "sales"), 1);

    let pending = json(&shop.usta(&["--json", "fiscal", "pending"]));
    assert_eq!(pending.as_array().map(Vec::len), Some(1));
    assert_eq!(pending[0]["receipt_no"], 1);
    assert!(
        pending[0]["last_error"].as_str().expect("error").contains("offline"),
        "{pending}"
    );

    let retry = shop.usta(&["fiscal", "retry"]);
    assert!(
        !retry.status.success() && stderr(&retry).contains("still fails"),
        "{}",
        stderr(&retry)
    );

    assert!(shop.usta(&["fiscal", "set", "simulator"]).status.success());
    let retry = json(&shop.usta(&["--json", "fiscal", "retry"]));
    assert_eq!(
        (retry["registered"].as_array().map(Vec::len), &retry["still_pending"]),
        (Some(1), &0.into())
    );
    assert_eq!(
        json(&shop.usta(&["--json", "fiscal", "pending"])),
        serde_json::json!([])
    );
    let shown = json(&shop.usta(&["--json", "fiscal", "show", "1"]));
    assert_eq!(
        (&shown["status"], &shown["fd_number"], &shown["attempts"]),
        (&"registered".into(), &1.into(), &3.into())
    );
    let receipt = stdout(&shop.usta(&["receipt", "show", "1"]));
    assert!(
        receipt.contains("ФД 1") && receipt.contains("fd_number=1&"),
        "{receipt}"
    );
}
