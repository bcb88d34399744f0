//! A day's lines in the ledger carry the technique and region each line recorded when it was sold; a line stored
//! before lines recorded them (both NULL) takes its product's technique and its artisan's region from the catalog
//! as they are now.

use super::Store;
use super::catalog::ChangedBy;
use crate::app::{Ctx, checkout, day};
use crate::domain::catalog::Lang;
use crate::domain::craft::ProductDetails;
use crate::domain::payment::{PaymentKind, Tender};
use crate::domain::{Cart, Som};
use rust_decimal::Decimal;

#[test]
fn a_lines_technique_and_region_are_as_recorded_and_else_the_catalogs() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.db");
    let now = crate::cli::shop_now();
    let mut store = super::test_shop::demo_shop(&path, now);
    let product = store
        .all_products()
        .expect("products")
        .into_iter()
        .map(|p| p.product)
        .find(|p| p.artisan.is_some())
        .expect("a demo product of an artisan");
    let artisan = product.artisan.clone().expect("artisan");
    let by = ChangedBy {
        user: "admin".into(),
        approver: None,
    };
    let felt = ProductDetails::default().with_technique("felt").expect("felt");
    store
        .set_product_details(product.id.expect("id"), &felt, &now.to_rfc3339(), &by)
        .expect("details");
    let set_region = |store: &mut Store, region: &str| {
        let mut artisans = store.artisans().expect("artisans");
        artisans
            .iter_mut()
            .find(|a| a.code == artisan)
            .expect("the product's artisan")
            .region = region.to_string();
        store.save_artisans(&artisans).expect("save artisans");
    };
    set_region(&mut store, "Нарын");

    let mut ctx = Ctx::new(&mut store, now, Lang::Ky);
    let mut cart = Cart::new();
    checkout::scan(&ctx, &mut cart, &product.barcodes[0].to_string(), Decimal::ONE).expect("scan");
    checkout::commit(
        &mut ctx,
        &cart,
        &[Tender::som(PaymentKind::Cash, Som::whole(1_000_000))],
    )
    .expect("sale");
    let today = day::current(&ctx).expect("day").expect("open").day;

    // The catalog changes after the sale: the line keeps what it recorded.
    set_region(&mut store, "Ысык-Көл");
    let bark = ProductDetails::default()
        .with_technique("embroidery")
        .expect("technique");
    store
        .set_product_details(product.id.expect("id"), &bark, &now.to_rfc3339(), &by)
        .expect("details");
    let lines = store.ledger_lines(today).expect("lines");
    let line = lines
        .iter()
        .find(|l| l.product_id == product.id.expect("id").0)
        .expect("the sold line");
    assert_eq!((line.technique.as_str(), line.region.as_str()), ("felt", "Нарын"));

    // A line from before lines recorded them takes the catalog's values now.
    drop(store);
    {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.execute_batch("DROP TRIGGER sale_lines_no_update; UPDATE sale_lines SET technique = NULL, region = NULL;")
            .expect("clear the recorded values");
    }
    let store = Store::open(&path).expect("reopen");
    let lines = store.ledger_lines(today).expect("lines");
    let line = lines
        .iter()
        .find(|l| l.product_id == product.id.expect("id").0)
        .expect("the sold line");
    assert_eq!(
        (line.technique.as_str(), line.region.as_str()),
        ("embroidery", "Ысык-Көл")
    );
}

/// The ledger's rows read on two connections at once are the rows each read gives alone, for a closed day and for
/// the open day after it, receipts and stock movements without a receipt alike.
#[test]
fn a_days_rows_read_side_by_side_are_the_rows_read_one_by_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.db");
    let now = crate::cli::shop_now();
    let mut store = super::test_shop::demo_shop(&path, now);
    let codes: Vec<String> = store
        .all_products()
        .expect("products")
        .iter()
        .map(|p| p.product.barcodes[0].to_string())
        .collect();
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(1_000_000))];
    let ring = |ctx: &mut Ctx<'_>, from: usize| {
        for i in from..from + 4 {
            let mut cart = Cart::new();
            for code in codes.iter().skip(i * 2).take(2) {
                checkout::scan(ctx, &mut cart, code, Decimal::ONE).expect("scan");
            }
            checkout::commit(ctx, &cart, &cash).expect("sale");
        }
        crate::app::stock::receive_stock(ctx, &codes[from], Decimal::from(5), None).expect("receive");
    };
    let mut ctx = Ctx::new(&mut store, now, Lang::Ky);
    ring(&mut ctx, 0);
    let closed = day::current(&ctx).expect("day").expect("open").day;
    day::close(&mut ctx, &[]).expect("close");
    ctx.now = now + chrono::Duration::days(1);
    ring(&mut ctx, 4);
    let open = day::current(&ctx).expect("day").expect("open").day;
    assert_ne!(closed, open);
    for day in [closed, open] {
        let (lines, payments, stock) = store.ledger_rows(day).expect("rows side by side");
        assert_eq!(lines.len(), 8, "{day}: two lines on each of four receipts");
        assert_eq!(payments.len(), 4, "{day}");
        assert!(
            stock.iter().any(|m| m.receipt_no.is_none()),
            "{day}: the received stock"
        );
        assert_eq!(lines, store.ledger_lines(day).expect("lines"), "{day}");
        assert_eq!(payments, store.ledger_payments(day).expect("payments"), "{day}");
        assert_eq!(stock, store.ledger_stock(day).expect("stock"), "{day}");
    }
}
