//! Tax-free forms end to end on real database files and the real binary: issuing by MRZ and by hand, every
//! refusal, gapless numbers, voids, the operator's JSON and XML, what a return does to a form, and the printed
//! form through the virtual printer.

mod support;

use rust_decimal::Decimal;
use std::time::Duration;
use support::{Shop, at, count, json, stderr, stdout};
use usta::app::{Ctx, checkout, printing, returns, taxfree};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::tax_free::Traveller;
use usta_printer::{VirtualOptions, VirtualPrinter};

const HAT: &str = "2100000000098"; // 2 500 som
const CARPET: &str = "2100000000142"; // 25 000 som
const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const L2: &str = "L898902C36UTO7408122F3604155ZE184226B<<<<<16";

fn refused(out: &std::process::Output, why: &str) {
    assert!(!out.status.success(), "should be refused ({why}): {}", stdout(out));
    assert!(stderr(out).contains(why), "expected '{why}' in: {}", stderr(out));
}

#[test]
fn cli_issue_by_mrz_and_by_hand_refusals_gapless_numbers_void_and_export() {
    let shop = Shop::demo();
    let mrz = shop.dir.path().join("passport.txt");
    // One scanner frame: both lines with a separator between them.
    std::fs::write(&mrz, format!("{L1}|{L2}")).expect("mrz file");
    let mrz = mrz.to_str().expect("path");

    assert!(shop.usta(&["sell", HAT, "--pay", "card:2500"]).status.success());
    assert!(
        shop.usta(&["sell", &format!("{HAT}*2"), "--pay", "card:5000"])
            .status
            .success()
    );
    assert!(shop.usta(&["sell", CARPET, "--pay", "card:25000"]).status.success());

    // Below the minimum: how much more is needed.
    refused(
        &shop.usta(&["taxfree", "issue", "1", "--mrz", mrz]),
        "2\u{a0}500,00\u{a0}сом more are needed",
    );
    // Exactly the minimum qualifies.
    let first = json(&shop.usta(&["--json", "taxfree", "issue", "2", "--mrz", mrz]));
    let number1 = first["number"].as_str().expect("number").to_string();
    assert!(number1.starts_with("TF") && number1.ends_with("-000001"), "{number1}");
    assert_eq!(first["traveller_name"], "ERIKSSON ANNA MARIA");
    assert_eq!(first["passport_no"], "L898902C3");
    assert_eq!(first["total_gross"], "5000.00");
    assert_eq!(first["refund"], "455.35");
    refused(
        &shop.usta(&["taxfree", "issue", "2", "--mrz", mrz]),
        "already has tax-free form",
    );
    // EAEU citizens and Kyrgyz residents are refused; refusals take no number.
    let hand = |country: &str, residence: &str| {
        shop.usta(&[
            "--json",
            "taxfree",
            "issue",
            "3",
            "--name",
            "Hans Müller",
            "--passport",
            "C01X00T47",
            "--country",
            country,
            "--residence",
            residence,
            "--birth",
            "1985-03-04",
        ])
    };
    refused(&hand("RUS", "RUS"), "citizens of RU");
    refused(&hand("DE", "KG"), "residents of KG");
    let second = json(&hand("D", "DEU"));
    assert!(
        second["number"].as_str().expect("number").ends_with("-000002"),
        "{second}"
    );
    assert_eq!(
        (&second["passport_country"], &second["residence_country"]),
        (&"DE".into(), &"DE".into())
    );

    // Void: the form stays, marked, with the reason; the receipt can then get a new form with the next number.
    refused(&shop.usta(&["taxfree", "void", &number1, "--reason", " "]), "reason");
    let void = json(&shop.usta(&["--json", "taxfree", "void", &number1, "--reason", "wrong passport"]));
    assert_eq!(
        (&void["status"], &void["void_reason"]),
        (&"void".into(), &"wrong passport".into())
    );
    refused(
        &shop.usta(&["taxfree", "void", &number1, "--reason", "again"]),
        "already void",
    );
    let third = json(&shop.usta(&["--json", "taxfree", "issue", "2", "--mrz", mrz]));
    assert!(third["number"].as_str().expect("number").ends_with("-000003"));
    assert!(stdout(&shop.usta(&["taxfree", "show", &number1])).contains("VOID since"));
    assert_eq!(
        (count(&shop.db, "taxfree_forms"), count(&shop.db, "taxfree_voids")),
        (3, 1)
    );

    // The operator's export: every form of the day, field by field, in both formats.
    let exported = json(&shop.usta(&["--json", "taxfree", "export"]));
    let forms = exported.as_array().expect("array");
    assert_eq!(forms.len(), 3);
    let carpet = &forms[1];
    for (field, value) in [
        ("status", "issued"),
        ("currency", "KGS"),
        ("shop_tin", "02811199610123"),
        ("register_reg_no", "0000417001"),
        ("register", "R1"),
        ("traveller_name", "Hans Müller"),
        ("passport_no", "C01X00T47"),
        ("birth_date", "1985-03-04"),
        ("total_gross", "25000.00"),
        ("total_vat", "2678.57"),
        ("refund", "2276.78"),
    ] {
        assert_eq!(carpet[field], value, "{field}");
    }
    assert_eq!(carpet["receipt_no"], 3);
    assert_eq!(carpet["goods"][0]["name"], "Shyrdak carpet 100×150 cm");
    assert_eq!(carpet["goods"][0]["vat"], "2678.57");
    assert_eq!(forms[0]["status"], "void");
    let xml_path = shop.dir.path().join("forms.xml");
    let out = shop.usta(&[
        "taxfree",
        "export",
        "--format",
        "xml",
        "--out",
        xml_path.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = std::fs::read_to_string(&xml_path).expect("xml");
    for want in [
        format!("<form number=\"{number1}\" status=\"void\">"),
        "<void-reason>wrong passport</void-reason>".into(),
        "<passport-no>C01X00T47</passport-no>".into(),
        "<name>Hans Müller</name>".into(),
        "<total-vat>2678.57</total-vat>".into(),
        "<refund>2276.78</refund>".into(),
        "<receipt-no>3</receipt-no>".into(),
    ] {
        assert!(xml.contains(&want), "{want} missing:\n{xml}");
    }
    assert_eq!(xml.matches("<form ").count(), 3);
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
fn a_return_reissues_a_smaller_form_then_voids_it_when_too_little_is_left() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(11, 0), Lang::En);
    let sale = checkout::sell(
        &mut ctx,
        &[(CARPET.into(), Decimal::ONE), (HAT.into(), Decimal::from(2))],
        &[Tender::som(PaymentKind::Card, Som::whole(30_000))],
    )
    .expect("sale");
    let no = sale.receipt_no.expect("receipt");
    let first = taxfree::issue(&mut ctx, no, &traveller()).expect("form");
    assert_eq!(first.form.gross, Som::whole(30_000));

    // One hat back: the form is voided and a form for the goods kept replaces it.
    let ret = returns::return_items(&mut ctx, no, &[(HAT.into(), Decimal::ONE)], PaymentKind::Card).expect("return");
    let old = ctx.store.taxfree(first.id).expect("old form");
    let reason = &old.void.as_ref().expect("voided").reason;
    assert!(
        reason.contains(&format!("receipt {}", ret.receipt_no.expect("no"))),
        "{reason}"
    );
    let sale_id = sale.id.expect("id");
    let second = ctx
        .store
        .live_taxfree_for_sale(sale_id)
        .expect("read")
        .expect("replacement");
    assert_eq!(second.form.gross, Som::whole(27_500));
    assert_eq!(second.form.replaces.as_deref(), Some(first.form.number.as_str()));
    assert_eq!(second.form.serial, first.form.serial + 1);
    assert_eq!(second.form.lines[1].qty, Decimal::ONE);
    assert_eq!(second.form.traveller, first.form.traveller);

    // The carpet back: 2 500 left, below the minimum: the form is voided and nothing replaces it.
    returns::return_items(&mut ctx, no, &[(CARPET.into(), Decimal::ONE)], PaymentKind::Card).expect("return");
    let second = ctx.store.taxfree(second.id).expect("read");
    assert!(second.void.expect("voided").reason.contains("no longer eligible"));
    assert!(ctx.store.live_taxfree_for_sale(sale_id).expect("read").is_none());
    assert!(matches!(
        taxfree::check(&ctx, no, None),
        Err(usta::app::AppError::TaxFree(
            usta::domain::tax_free::Refusal::BelowMinimum { .. }
        ))
    ));
}

#[test]
fn forms_are_never_edited_in_the_file() {
    let shop = Shop::demo();
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(11, 0), Lang::En);
        let sale = checkout::sell(
            &mut ctx,
            &[(CARPET.into(), Decimal::ONE)],
            &[Tender::som(PaymentKind::Card, Som::whole(25_000))],
        )
        .expect("sale");
        taxfree::issue(&mut ctx, sale.receipt_no.expect("no"), &traveller()).expect("form");
    }
    let conn = rusqlite::Connection::open(&shop.db).expect("raw");
    let err = conn
        .execute("UPDATE taxfree_forms SET number = 'X'", [])
        .expect_err("no edits");
    assert!(err.to_string().contains("never edited"), "{err}");
    assert!(conn.execute("DELETE FROM taxfree_forms", []).is_err());
}

#[test]
fn the_printed_form_has_every_mandatory_field_in_both_copies() {
    let shop = Shop::demo();
    let options = VirtualOptions {
        png: false,
        ..VirtualOptions::default()
    };
    let printer = VirtualPrinter::start("127.0.0.1:0", shop.dir.path().join("jobs"), options).expect("printer");
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(12, 30), Lang::Ky);
    let sale = checkout::sell(
        &mut ctx,
        &[(CARPET.into(), Decimal::ONE), (HAT.into(), Decimal::ONE)],
        &[Tender::som(PaymentKind::Cash, Som::whole(27_500))],
    )
    .expect("sale");
    let no = sale.receipt_no.expect("no");
    let mrz = taxfree::traveller_from_mrz(&ctx, &format!("{L1}\n{L2}"), None).expect("mrz");
    let rec = taxfree::issue(&mut ctx, no, &mrz).expect("form");
    printing::save_settings(
        &mut ctx,
        &printing::PrinterSettings {
            uri: printer.uri().to_string(),
            profile: "epson".into(),
        },
    )
    .expect("printer");
    assert_eq!(taxfree::enqueue_print(&mut ctx, rec.id).expect("queued").len(), 2);
    let target = printing::target(&ctx, None, None).expect("target");
    let report = printing::print_queue(&mut ctx, &target).expect("printed");
    assert_eq!((report.printed.len(), report.failed), (2, None));
    let jobs = printer.wait_for_jobs(2, Duration::from_secs(10));
    let f = &rec.form;
    let mandatory = [
        f.number.clone(),
        format!("[CODE128 {}]", f.number),
        "Уста — кол өнөрчүлүк дүкөнү".into(),
        "Чүй пр. 150".into(),
        "02811199610123".into(),
        "0000417001".into(),
        format!("R1-{no}"),
        "ERIKSSON ANNA MARIA".into(),
        "L898902C3".into(),
        "12.08.1974".into(),
        "Country of residence".into(),
        "Shyrdak carpet 100×150 cm".into(),
        "Ak-kalpak felt hat".into(),
        // Paid in cash: 2% sales tax is in the price too, so the VAT is less than on a card sale.
        "2 631,58".into(),
        "27 500,00 сом".into(),
        "2 894,74 сом".into(),
        "2 460,53 сом".into(),
        "28.02.2027".into(),
        "Бажы белгиси / Customs validation".into(),
        "Саякатчынын колу / Traveller's signature".into(),
    ];
    for (job, heading) in jobs.iter().zip(["TRAVELLER'S COPY", "SHOP'S COPY"]) {
        let text = job.text.replace('\u{a0}', " ");
        assert!(text.contains(heading), "{heading}:\n{text}");
        assert!(
            !text.contains("[raster"),
            "Kyrgyz letters print as text on the epson profile:\n{text}"
        );
        for field in &mandatory {
            assert!(
                text.contains(&field.replace('\u{a0}', " ")),
                "'{field}' missing:\n{text}"
            );
        }
    }
}

#[test]
fn a_refused_issue_inside_the_transaction_takes_no_serial() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(11, 0), Lang::En);
    let pay = |som| [Tender::som(PaymentKind::Card, Som::whole(som))];
    let a = checkout::sell(&mut ctx, &[(CARPET.into(), Decimal::ONE)], &pay(25_000)).expect("sale");
    let b = checkout::sell(&mut ctx, &[(CARPET.into(), Decimal::ONE)], &pay(25_000)).expect("sale");
    let first = taxfree::issue(&mut ctx, a.receipt_no.expect("no"), &traveller()).expect("form");
    // Straight at the store, past the use case's own check: the transaction refuses a second live form for the
    // sale, and the serial it would have taken stays free.
    let form = first.form.clone();
    let err = ctx
        .store
        .issue_taxfree(a.id.expect("id"), None, Box::new(move |_| form))
        .expect_err("a second live form");
    assert!(err.to_string().contains("already has tax-free form"), "{err}");
    let second = taxfree::issue(&mut ctx, b.receipt_no.expect("no"), &traveller()).expect("form");
    assert_eq!((first.form.serial, second.form.serial), (1, 2));
    assert_eq!(count(&shop.db, "taxfree_forms"), 2);
}

#[test]
fn a_shop_scheme_from_toml_lists_the_goods_it_leaves_out() {
    let shop = Shop::demo();
    let toml = include_str!("../assets/taxfree/kg-demo.toml")
        .replace(
            r#"excluded_categories = ["food", "drinks", "tobacco"]"#,
            r#"excluded_categories = ["toys"]"#,
        )
        .replace(r#"minimum = "5000""#, r#"minimum = 3000"#);
    let path = shop.dir.path().join("scheme.toml");
    std::fs::write(&path, toml).expect("scheme file");
    let set = json(&shop.usta(&["--json", "taxfree", "scheme", path.to_str().expect("path")]));
    assert_eq!(
        (&set["minimum"], &set["excluded_categories"][0]),
        (&"3000".into(), &"toys".into())
    );
    let bad = shop.dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\nminimum = 1\n").expect("bad file");
    refused(
        &shop.usta(&["taxfree", "scheme", bad.to_str().expect("path")]),
        "tax-free scheme",
    );

    const CAMEL: &str = "2100000000210"; // Felt camel toy, 650 som
    let sold = shop.usta(&["sell", HAT, &format!("{CAMEL}*2"), "--pay", "card:3800"]);
    assert!(sold.status.success(), "{}", stderr(&sold));
    // 2 500 eligible (the toys are left out): 500 short of this scheme's 3 000, and the toys are named.
    refused(
        &shop.usta(&["taxfree", "check", "1"]),
        "500,00\u{a0}сом more are needed",
    );
    assert!(shop.usta(&["sell", HAT, "--pay", "card:2500"]).status.success());
    let sold = shop.usta(&["sell", &format!("{HAT}*2"), CAMEL, "--pay", "card:5650"]);
    assert!(sold.status.success(), "{}", stderr(&sold));
    let check = stdout(&shop.usta(&["--lang", "en", "taxfree", "check", "3"]));
    assert!(check.contains("Eligible goods: 5\u{a0}000,00\u{a0}сом"), "{check}");
    assert!(
        check.contains("Left out: Felt camel toy (category not covered by the scheme)"),
        "{check}"
    );
    let form = json(&shop.usta(&[
        "--json",
        "taxfree",
        "issue",
        "3",
        "--name",
        "A B",
        "--passport",
        "X1",
        "--country",
        "US",
        "--birth",
        "1990-01-01",
    ]));
    assert_eq!(
        form["goods"].as_array().map(Vec::len),
        Some(1),
        "only the hats are on the form"
    );
}

#[test]
fn issuing_and_voiding_a_form_are_journaled_and_verify() {
    let shop = support::Shop::demo();
    let sale = support::json(&shop.usta(&["--json", "sell", "2100000000166", "--pay", "card:68000"]));
    let number = sale["receipt_no"].as_i64().expect("receipt").to_string();
    let out = shop.usta(&[
        "taxfree",
        "issue",
        &number,
        "--name",
        "MUELLER HANS",
        "--passport",
        "C01X00T47",
        "--country",
        "DEU",
        "--birth",
        "1980-05-17",
    ]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let void = shop.usta(&[
        "taxfree",
        "void",
        "TF2026-000001",
        "--reason",
        "traveller changed plans",
    ]);
    assert!(void.status.success(), "{}", support::stderr(&void));
    let raw = rusqlite::Connection::open(&shop.db).expect("raw");
    let kinds: Vec<String> = raw
        .prepare("SELECT kind FROM journal WHERE kind LIKE 'taxfree%' ORDER BY seq")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("journal");
    assert_eq!(kinds, vec!["taxfree_issue", "taxfree_void"]);
    let verify = shop.usta(&["verify"]);
    assert!(verify.status.success(), "{}", support::stderr(&verify));
}
