//! Reader flows over a real pseudo-terminal pair (the crate's fake): what a cashier's scanner does on the wire,
//! from plugging in to unplugging. Every wait is bounded.
#![cfg(unix)]

#[path = "support/gtin.rs"]
mod gtin;

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::sleep;
use std::time::{Duration, Instant};
use usta_scanner::fake::FakeScanner;
use usta_scanner::{AimIds, Event, PortError, Reader, RejectReason, Scan, ScannerConfig, Suffix, Symbology, Validator};

const WAIT: Duration = Duration::from_secs(10);

fn next(events: &Receiver<Event>, waiting_for: &str) -> Event {
    match events.recv_timeout(WAIT) {
        Ok(event) => event,
        Err(e) => panic!("no event while waiting for {waiting_for}: {e:?}"),
    }
}

fn expect_connected(events: &Receiver<Event>) -> String {
    match next(events, "Connected") {
        Event::Connected { port } => port,
        other => panic!("expected Connected, got {other:?}"),
    }
}

fn expect_scan(events: &Receiver<Event>) -> Scan {
    match next(events, "a scan") {
        Event::Scan(scan) => scan,
        other => panic!("expected a scan, got {other:?}"),
    }
}

fn expect_quiet(events: &Receiver<Event>, for_: Duration) {
    match events.recv_timeout(for_) {
        Err(RecvTimeoutError::Timeout) => {}
        other => panic!("expected no event, got {other:?}"),
    }
}

/// A reader on a fresh fake scanner, already connected.
fn start(configure: impl FnOnce(&mut ScannerConfig)) -> (FakeScanner, Reader, Receiver<Event>) {
    let fake = FakeScanner::new().expect("pty pair");
    let mut config = fake.config();
    configure(&mut config);
    let (reader, events) = Reader::spawn(config, gtin::validator()).expect("reader");
    let port = expect_connected(&events);
    assert_eq!(port, fake.path().to_string_lossy());
    (fake, reader, events)
}

#[test]
fn codes_arrive_with_each_suffix() {
    for suffix in [Suffix::Cr, Suffix::Lf, Suffix::CrLf, Suffix::Tab, Suffix::None] {
        let (mut fake, reader, events) = start(|c| {
            c.frame.suffix = suffix;
            c.frame.frame_timeout_ms = 50;
        });
        fake.scan("4006381333931", suffix).expect("write");
        let scan = expect_scan(&events);
        assert_eq!(
            (scan.code.as_str(), scan.symbology),
            ("4006381333931", Symbology::Ean13),
            "{suffix:?}"
        );
        fake.scan("SKU-KALPAK-01", suffix).expect("write");
        assert_eq!(expect_scan(&events).code, "SKU-KALPAK-01", "{suffix:?}");
        reader.stop();
    }
}

#[test]
fn frames_split_across_reads_and_merged_in_one_read() {
    let (mut fake, _reader, events) = start(|_| {});
    // Halves far enough apart to arrive in separate reads, well within the frame timeout.
    fake.send(b"40063").expect("write");
    sleep(Duration::from_millis(40));
    fake.send(b"81333").expect("write");
    sleep(Duration::from_millis(40));
    fake.send(b"931\r").expect("write");
    assert_eq!(expect_scan(&events).code, "4006381333931");

    fake.send(b"96385074\r036000291452\r]C0SHYRDAK-7\r").expect("write");
    let got: Vec<(String, Symbology)> = (0..3)
        .map(|_| expect_scan(&events))
        .map(|s| (s.code, s.symbology))
        .collect();
    assert_eq!(
        got,
        [
            ("96385074".to_string(), Symbology::Ean8),
            ("036000291452".to_string(), Symbology::UpcA),
            ("SHYRDAK-7".to_string(), Symbology::Code128),
        ]
    );
}

#[test]
fn bad_check_digit_is_rejected_with_a_clear_reason() {
    let (mut fake, _reader, events) = start(|_| {});
    fake.scan("4870001234561", Suffix::Cr).expect("write");
    match next(&events, "a rejection") {
        Event::Rejected(rejected) => {
            assert_eq!(rejected.raw, "4870001234561");
            assert_eq!(
                rejected.reason,
                RejectReason::Invalid("bad check digit in 4870001234561: expected 0, found 1".into())
            );
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    // The next good scan still comes through.
    fake.scan("4870001234560", Suffix::Cr).expect("write");
    assert_eq!(expect_scan(&events).code, "4870001234560");
}

#[test]
fn aim_ids_prefix_and_in_store_codes() {
    let (mut fake, _reader, events) = start(|c| {
        c.frame.prefix = "\u{2}".into();
        c.frame.aim = AimIds::Required;
        c.frame.suffix = Suffix::CrLf;
    });
    fake.send(b"\x02]E02100000000012\r\n\x02]E496385074\r\n")
        .expect("write");
    let in_store = expect_scan(&events);
    assert!(in_store.is_in_store(), "{in_store:?}");
    assert_eq!(in_store.aim.as_deref(), Some("]E0"));
    assert_eq!(expect_scan(&events).symbology, Symbology::Ean8);
    fake.send(b"\x0296385074\r\n").expect("write");
    assert!(matches!(
        next(&events, "a rejection"),
        Event::Rejected(r) if r.reason == RejectReason::MissingAim
    ));
}

#[test]
fn unplug_is_reported_and_scans_resume_after_replug() {
    let (mut fake, _reader, events) = start(|_| {});
    fake.scan("96385074", Suffix::Cr).expect("write");
    assert_eq!(expect_scan(&events).code, "96385074");

    for round in 0..2 {
        fake.unplug().expect("unplug");
        match next(&events, "Disconnected") {
            Event::Disconnected {
                reason: PortError::Unplugged { port },
            } => assert_eq!(port, fake.path().to_string_lossy()),
            other => panic!("round {round}: expected Disconnected, got {other:?}"),
        }
        // While it is away the reader retries quietly rather than repeating itself.
        expect_quiet(&events, Duration::from_millis(400));

        let replugged = Instant::now();
        fake.plug().expect("replug");
        expect_connected(&events);
        // Backoff is capped, and at this point it has grown for well under a second.
        assert!(
            replugged.elapsed() < Duration::from_secs(3),
            "reconnect took {:?}",
            replugged.elapsed()
        );
        fake.scan("4006381333931", Suffix::Cr).expect("write");
        assert_eq!(expect_scan(&events).code, "4006381333931", "round {round}");
    }
}

#[test]
fn a_scanner_plugged_in_after_start_is_picked_up() {
    let mut fake = FakeScanner::new().expect("pty pair");
    fake.unplug().expect("unplug");
    let (_reader, events) = Reader::spawn(fake.config(), Validator::permissive()).expect("reader");
    match next(&events, "Disconnected") {
        Event::Disconnected {
            reason: PortError::Open { port, .. },
        } => assert_eq!(port, fake.path().to_string_lossy()),
        other => panic!("expected Disconnected, got {other:?}"),
    }
    fake.plug().expect("plug");
    expect_connected(&events);
    fake.scan("96385074", Suffix::Cr).expect("write");
    assert_eq!(expect_scan(&events).code, "96385074");
}

#[test]
fn stopping_closes_the_port_so_it_can_be_opened_again() {
    let (mut fake, reader, events) = start(|_| {});
    let started = Instant::now();
    reader.stop();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "stop took {:?}",
        started.elapsed()
    );
    assert!(matches!(events.recv_timeout(WAIT), Err(RecvTimeoutError::Disconnected)));

    let (_again, events) = Reader::spawn(fake.config(), Validator::permissive()).expect("reader");
    expect_connected(&events);
    fake.scan("96385074", Suffix::Cr).expect("write");
    assert_eq!(expect_scan(&events).code, "96385074");
}

#[test]
fn a_second_reader_cannot_steal_an_open_scanner() {
    let (mut fake, _reader, events) = start(|_| {});
    let (_second, second_events) = Reader::spawn(fake.config(), Validator::permissive()).expect("reader");
    assert!(
        matches!(
            next(&second_events, "Disconnected"),
            Event::Disconnected {
                reason: PortError::Open { .. }
            }
        ),
        "the port is held exclusively"
    );
    fake.scan("96385074", Suffix::Cr).expect("write");
    assert_eq!(expect_scan(&events).code, "96385074");
}

#[test]
fn the_reader_stops_when_nobody_listens() {
    let (mut fake, reader, events) = start(|_| {});
    drop(events);
    // It learns that nobody listens when it next has something to say.
    fake.scan("96385074", Suffix::Cr).expect("write");
    let deadline = Instant::now() + WAIT;
    while reader.is_running() && Instant::now() < deadline {
        sleep(Duration::from_millis(10));
    }
    assert!(!reader.is_running());
}
