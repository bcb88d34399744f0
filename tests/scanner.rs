//! Serial scanners end to end over a real pseudo-terminal: a scan typed by the "scanner" lands in a sale through
//! the app layer, a bad check digit is refused with its reason, an unplugged scanner comes back, and the CLI's
//! `scanner listen` prints what arrives.

mod support;

use rust_decimal::Decimal;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;
use support::{Shop, at, count};
use usta::app::{Ctx, checkout, scanner};
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::{Cart, Som};
use usta_scanner::fake::FakeScanner;
use usta_scanner::{Event, Reader, Suffix};

const WAIT: Duration = Duration::from_secs(10);

fn next(events: &Receiver<Event>) -> Event {
    events.recv_timeout(WAIT).expect("an event from the reader within 10 s")
}

fn connected(events: &Receiver<Event>) {
    loop {
        match next(events) {
            Event::Connected { .. } => return,
            Event::Disconnected { .. } => continue,
            other => panic!("expected Connected, got {other:?}"),
        }
    }
}

#[test]
fn a_scan_from_the_serial_port_adds_the_product_to_a_sale() {
    let shop = Shop::demo();
    let mut fake = FakeScanner::new().expect("pty");
    let (reader, events) = Reader::spawn(fake.config(), scanner::validator()).expect("reader");
    connected(&events);

    fake.scan("2100000000098", Suffix::Cr).expect("scan");
    fake.scan("2100000000029", Suffix::Cr).expect("scan");
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(10, 0), Lang::Ky);
    let mut cart = Cart::new();
    for _ in 0..2 {
        match next(&events) {
            Event::Scan(scan) => {
                checkout::scan(&ctx, &mut cart, &scan.code, Decimal::ONE).expect("known product");
            }
            other => panic!("expected a scan, got {other:?}"),
        }
    }
    assert_eq!(cart.totals().total, Som::whole(3850));
    let sale = checkout::commit(&mut ctx, &cart, &[Tender::som(PaymentKind::Cash, Som::whole(4000))]).expect("sale");
    assert_eq!(sale.change, Som::whole(150));
    assert_eq!(count(&shop.db, "sales"), 1);

    // A misread check digit never reaches the cart.
    fake.scan("2100000000099", Suffix::Cr).expect("scan");
    match next(&events) {
        Event::Rejected(r) => assert!(r.reason.to_string().contains("check digit"), "{}", r.reason),
        other => panic!("expected a rejection, got {other:?}"),
    }
    drop(reader);
}

#[test]
fn an_unplugged_scanner_is_reported_and_works_again_when_it_returns() {
    let mut fake = FakeScanner::new().expect("pty");
    let (_reader, events) = Reader::spawn(fake.config(), scanner::validator()).expect("reader");
    connected(&events);
    fake.unplug().expect("unplug");
    assert!(matches!(next(&events), Event::Disconnected { .. }));
    fake.plug().expect("plug");
    connected(&events);
    fake.scan("4006381333931", Suffix::Cr).expect("scan");
    match next(&events) {
        Event::Scan(scan) => assert_eq!(scan.code, "4006381333931"),
        other => panic!("expected a scan, got {other:?}"),
    }
}

#[test]
fn scanner_listen_prints_scans_and_rejections() {
    let shop = Shop::demo();
    let mut fake = FakeScanner::new().expect("pty");
    let port = fake.path().display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_usta"))
        .args(["--json", "scanner", "listen", "--port", &port, "--max", "2"])
        .env("USTA_DB", &shop.db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("usta scanner listen");
    // Wait until it says it is listening.
    let mut stderr = child.stderr.take().expect("stderr");
    let mut said = Vec::new();
    let deadline = std::time::Instant::now() + WAIT;
    while !String::from_utf8_lossy(&said).contains("Listening on") {
        assert!(
            std::time::Instant::now() < deadline,
            "usta never listened: {}",
            String::from_utf8_lossy(&said)
        );
        let mut buf = [0u8; 256];
        let n = stderr.read(&mut buf).expect("read stderr");
        said.extend_from_slice(&buf[..n]);
    }
    fake.scan("2100000000098", Suffix::Cr).expect("scan");
    fake.scan("5901234123458", Suffix::Cr).expect("scan");
    let out = child.wait_with_output().expect("exit");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["code"], "2100000000098");
    assert_eq!(lines[0]["in_store"], true);
    assert!(
        lines[1]["reason"].as_str().expect("reason").contains("check digit"),
        "{text}"
    );
}

#[test]
fn scanner_list_runs_without_hardware() {
    let shop = Shop::demo();
    let out = shop.usta(&["--json", "scanner", "list"]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .expect("json")
            .is_array()
    );
}
