//! Receipts through the print queue to a real TCP socket: the virtual printer's text equals the receipt, a
//! printer that is off or hangs up keeps the sale and queues the job with a clear error, and a reprint says COPY.

mod support;

use rust_decimal::Decimal;
use std::time::Duration;
use support::{Shop, at, count, json, stderr, stdout};
use usta::app::{Ctx, checkout, printing, receipt_text};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta_printer::{VirtualOptions, VirtualPrinter};

const HAT: &str = "2100000000098";

fn virtual_printer(dir: &std::path::Path) -> VirtualPrinter {
    let options = VirtualOptions {
        png: false,
        ..VirtualOptions::default()
    };
    VirtualPrinter::start("127.0.0.1:0", dir.join("jobs"), options).expect("virtual printer")
}

#[test]
fn receipt_bytes_come_back_as_the_receipt_text() {
    let shop = Shop::demo();
    let printer = virtual_printer(shop.dir.path());
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(11, 0), Lang::Ky);
    let tenders = [Tender::som(PaymentKind::Cash, Som::whole(10_000))];
    // Kyrgyz letters on the receipt: "Кийиз өтүк" and the shop name with ө and ү.
    let boots = ctx.store.search("өтүк", 1).expect("search")[0].product.barcodes[0].to_string();
    let sale = checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE), (boots, Decimal::ONE)], &tenders).expect("sale");
    printing::save_settings(
        &mut ctx,
        &printing::PrinterSettings {
            uri: printer.uri().to_string(),
            profile: "epson".into(),
        },
    )
    .expect("printer set");
    printing::enqueue_receipt(&mut ctx, sale.id.expect("id")).expect("queued");
    let target = printing::target(&ctx, None, None).expect("target");
    let report = printing::print_queue(&mut ctx, &target).expect("printed");
    assert_eq!((report.printed.len(), report.failed), (1, None));

    let jobs = printer.wait_for_jobs(1, Duration::from_secs(10));
    let expected = receipt_text::render(&checkout::receipt(&ctx, &sale).expect("doc"), 48);
    // Every line went out as text; only the codes and the drawer/cut show as markers.
    let printed: String = jobs[0]
        .text
        .lines()
        .filter(|l| !l.starts_with('['))
        .map(|l| format!("{l}\n"))
        .collect();
    let wanted: String = expected
        .lines()
        .filter(|l| !l.starts_with('['))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!jobs[0].text.contains("[raster"), "{}", jobs[0].text);
    assert_eq!(printed.trim_end(), wanted.trim_end());
    assert!(
        printed.contains("Кийиз өтүк") && printed.contains("өнөрчүлүк"),
        "Kyrgyz letters as text: {printed}"
    );
    assert!(
        jobs[0].text.contains("[drawer kick"),
        "the drawer opens after a cash sale: {}",
        jobs[0].text
    );
    assert!(jobs[0].text.contains("[QR https://tax.salyk.kg/"), "{}", jobs[0].text);
}

#[test]
fn a_printer_that_is_off_keeps_the_sale_and_queues_the_job_then_retry_and_reprint() {
    let shop = Shop::demo();
    // A port with nobody listening: bind, note the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let uri = format!("tcp://127.0.0.1:{port}");
    let out = shop.usta(&["printer", "set", &uri]);
    assert!(out.status.success(), "{}", stderr(&out));

    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "the sale stands: {}", stderr(&sale));
    assert!(
        stderr(&sale).contains("does not answer") && stderr(&sale).contains("stays queued"),
        "{}",
        stderr(&sale)
    );
    assert_eq!(json(&sale)["receipt_no"], 1);
    assert_eq!(count(&shop.db, "sales"), 1);

    let queue = json(&shop.usta(&["--json", "printer", "queue"]));
    let job = &queue["jobs"][0];
    assert_eq!(job["status"], "queued");
    assert!(
        job["last_error"]
            .as_str()
            .expect("error")
            .contains("connection refused"),
        "{job}"
    );

    let retry = shop.usta(&["printer", "retry"]);
    assert!(
        !retry.status.success(),
        "retry with the printer still off fails clearly"
    );
    assert!(stderr(&retry).contains("stays queued"), "{}", stderr(&retry));

    // The printer comes back on that port.
    let jobs_dir = shop.dir.path().join("jobs");
    let options = VirtualOptions {
        png: false,
        ..VirtualOptions::default()
    };
    let printer = VirtualPrinter::start(format!("127.0.0.1:{port}"), &jobs_dir, options).expect("printer back");
    let retry = shop.usta(&["printer", "retry"]);
    assert!(retry.status.success(), "{}", stderr(&retry));
    let jobs = printer.wait_for_jobs(1, Duration::from_secs(10));
    assert!(jobs[0].text.contains("Чек № 1") && !jobs[0].text.contains("КӨЧҮРМӨ"));

    let reprint = shop.usta(&["receipt", "print", "1"]);
    assert!(reprint.status.success(), "{}", stderr(&reprint));
    let jobs = printer.wait_for_jobs(2, Duration::from_secs(10));
    assert!(
        jobs[1].text.contains("КӨЧҮРМӨ") && jobs[1].text.contains("Чек № 1"),
        "a reprint says COPY"
    );
    assert!(
        !jobs[1].text.contains("[drawer kick"),
        "a copy does not open the drawer"
    );
    assert_eq!(count(&shop.db, "sales"), 1, "printing never makes a new receipt number");
    let queue = stdout(&shop.usta(&["printer", "queue"]));
    assert!(queue.contains("printed"), "{queue}");
}

#[test]
fn a_printer_that_hangs_up_mid_job_leaves_the_job_queued() {
    let shop = Shop::demo();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Accepts each connection, reads a few bytes and drops it: paper jammed, cable pulled.
    let hangup = std::thread::spawn(move || {
        for _ in 0..2 {
            if let Ok((mut conn, _)) = listener.accept() {
                let mut buf = [0u8; 16];
                let _ = std::io::Read::read(&mut conn, &mut buf);
            }
        }
    });
    assert!(
        shop.usta(&["printer", "set", &format!("tcp://127.0.0.1:{port}")])
            .status
            .success()
    );
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "card:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    assert!(stderr(&sale).contains("stays queued"), "{}", stderr(&sale));
    let queue = json(&shop.usta(&["--json", "printer", "queue"]));
    assert_eq!(queue["jobs"][0]["status"], "queued");
    assert_eq!(count(&shop.db, "sales"), 1);
    drop(hangup);
}

#[test]
fn labels_and_test_pages_print_with_kyrgyz_letters() {
    let shop = Shop::demo();
    let printer = virtual_printer(shop.dir.path());
    let uri = printer.uri().to_string();
    let out = shop.usta(&["printer", "test", "--printer", &uri, "--profile", "generic58"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = shop.usta(&["printer", "label", HAT, "--copies", "2", "--printer", &uri]);
    assert!(out.status.success(), "{}", stderr(&out));
    let jobs = printer.wait_for_jobs(3, Duration::from_secs(10));
    assert!(
        jobs[0].text.contains("[raster"),
        "generic58 rasters the Kyrgyz letters: {}",
        jobs[0].text
    );
    assert!(
        jobs[1].text.contains("[EAN13 2100000000098]") && jobs[1].text.contains("2\u{a0}500,00 сом"),
        "{}",
        jobs[1].text
    );
    let refused = shop.usta(&["printer", "label", "2999999999992", "--printer", &uri]);
    assert!(!refused.status.success() && stderr(&refused).contains("unknown barcode"));
}

/// A port nobody listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// The print queue as the binary lists it.
fn queue(shop: &Shop) -> Vec<serde_json::Value> {
    json(&shop.usta(&["--json", "printer", "queue", "--limit", "100"]))["jobs"]
        .as_array()
        .expect("jobs")
        .clone()
}

#[test]
fn a_printer_that_never_reads_does_not_hold_a_sale_and_nothing_is_taken_for_printed() {
    let shop = Shop::demo();
    // 33 older receipts wait in the queue: sales made while no printer was set up.
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::Ky);
        for _ in 0..33 {
            let sale = checkout::sell(
                &mut ctx,
                &[(HAT.into(), Decimal::ONE)],
                &[Tender::som(PaymentKind::Card, Som::whole(2500))],
            )
            .expect("sale");
            let (_, tried) = printing::receipt_after_sale(&mut ctx, sale.id.expect("id")).expect("queued");
            assert_eq!(tried, None, "no printer: queued, not tried");
        }
    }
    assert_eq!(queue(&shop).len(), 33);
    // A printer that accepts the connection and never reads a byte (jammed, or its buffer full).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while let Ok((conn, _)) = listener.accept() {
            held.push(conn);
        }
    });
    assert!(
        shop.usta(&["printer", "set", &format!("tcp://127.0.0.1:{port}")])
            .status
            .success()
    );

    let started = std::time::Instant::now();
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "card:2500"]);
    let took = started.elapsed();
    eprintln!("usta sell with 33 queued jobs and a printer that never reads took {took:?}");
    assert!(sale.status.success(), "the sale stands: {}", stderr(&sale));
    assert!(
        took < Duration::from_secs(15),
        "the sale waited {took:?} for the printer"
    );

    let jobs = queue(&shop);
    assert_eq!(jobs.len(), 34);
    assert!(
        jobs.iter().all(|j| j["status"] == "queued"),
        "no byte was read, so nothing printed: {jobs:?}"
    );
    // Newest first: the sale's own job, the only one tried, with its error; the warning names it.
    let own = &jobs[0];
    let own_id = own["id"].as_i64().expect("id");
    assert!(
        own["last_error"]
            .as_str()
            .unwrap_or_default()
            .contains("did not confirm"),
        "{own}"
    );
    assert!(
        stderr(&sale).contains(&format!("job {own_id} stays queued")),
        "the warning names the sale's own job {own_id}: {}",
        stderr(&sale)
    );
    assert!(
        jobs[1..].iter().all(|j| j["attempts"] == 0),
        "older jobs are left to the background: {jobs:?}"
    );
}

#[test]
fn a_raster_only_printer_that_hangs_up_mid_job_leaves_the_job_queued() {
    let shop = Shop::demo();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Takes the start of the job and hangs up, the rest unread.
    std::thread::spawn(move || {
        while let Ok((mut conn, _)) = listener.accept() {
            let mut start = [0u8; 64];
            let _ = std::io::Read::read_exact(&mut conn, &mut start);
        }
    });
    let set = shop.usta(&[
        "printer",
        "set",
        &format!("tcp://127.0.0.1:{port}"),
        "--profile",
        "raster-only",
    ]);
    assert!(set.status.success(), "{}", stderr(&set));
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    assert!(stderr(&sale).contains("stays queued"), "{}", stderr(&sale));
    let jobs = queue(&shop);
    assert_eq!(jobs[0]["status"], "queued", "{jobs:?}");
    assert_eq!(jobs[0]["attempts"], 1);
}

#[test]
fn a_sale_without_a_printer_is_queued_and_prints_as_the_original_once_one_is_set() {
    let shop = Shop::demo();
    let sale = shop.usta(&["--json", "sell", HAT, "--pay", "cash:2500"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    let jobs = queue(&shop);
    assert_eq!(jobs.len(), 1, "queued though no printer is set up");
    assert_eq!(
        (jobs[0]["status"].as_str(), jobs[0]["attempts"].as_i64()),
        (Some("queued"), Some(0))
    );
    // A reprint asked for while the printer is off: queued too, behind the first.
    let off = format!("tcp://127.0.0.1:{}", closed_port());
    let reprint = shop.usta(&["receipt", "print", "1", "--printer", &off]);
    assert!(!reprint.status.success(), "the printer is off");
    assert_eq!(queue(&shop).len(), 2);

    let printer = virtual_printer(shop.dir.path());
    assert!(
        shop.usta(&["printer", "set", &printer.uri().to_string()])
            .status
            .success()
    );
    let retry = shop.usta(&["printer", "retry"]);
    assert!(retry.status.success(), "{}", stderr(&retry));
    let printed = printer.wait_for_jobs(2, Duration::from_secs(10));
    assert_eq!(printed.len(), 2);
    assert!(
        printed[0].text.contains("Чек № 1") && !printed[0].text.contains("КӨЧҮРМӨ"),
        "the first print is the original: {}",
        printed[0].text
    );
    assert!(printed[0].text.contains("[drawer kick"), "{}", printed[0].text);
    assert!(
        printed[1].text.contains("КӨЧҮРМӨ") && !printed[1].text.contains("[drawer kick"),
        "the second is the copy: {}",
        printed[1].text
    );
    assert!(queue(&shop).iter().all(|j| j["status"] == "printed"));

    // A cash refund: its receipt prints at once and opens the drawer.
    let ret = shop.usta(&["return", "1", "--refund", "cash"]);
    assert!(ret.status.success(), "{}", stderr(&ret));
    let printed = printer.wait_for_jobs(3, Duration::from_secs(10));
    assert_eq!(printed.len(), 3, "the return's receipt printed");
    assert!(
        printed[2].text.contains("[drawer kick"),
        "a cash refund opens the drawer: {}",
        printed[2].text
    );
}
