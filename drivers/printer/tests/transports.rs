//! Serial and USB-device transports against real pseudo-terminals (a pty slave is a character device like
//! /dev/usb/lp0 and a serial port like /dev/ttyUSB0), and the file transport.
#![cfg(unix)]

use serialport::{SerialPort, TTYPort};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use usta_printer::transport::{Device, Flow, Serial};
use usta_printer::{Block, PrintError, Printer, PrinterUri, Profile, Status, Timeouts, TransportError, decode, encode};

/// A printer on the master side of a pty: collects what arrives and answers each `DLE EOT n` with `replies`.
fn fake_printer(mut master: TTYPort, replies: [u8; 4], quiet_after: Duration) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let _ = master.set_timeout(Duration::from_millis(50));
        let mut seen = Vec::new();
        let mut interpreter = usta_printer::decode::Interpreter::new(&Profile::epson());
        let mut last = Instant::now();
        let mut buf = [0u8; 1024];
        while last.elapsed() < quiet_after {
            match master.read(&mut buf) {
                Ok(n) if n > 0 => {
                    last = Instant::now();
                    seen.extend_from_slice(&buf[..n]);
                    for q in interpreter.feed(&buf[..n]) {
                        let _ = master.write_all(&[replies[usize::from(q - 1)]]);
                    }
                }
                _ => {}
            }
        }
        seen
    })
}

fn pty() -> (TTYPort, TTYPort, PathBuf) {
    let (master, slave) = TTYPort::pair().expect("pty pair");
    let path = PathBuf::from(slave.name().expect("pty has a path"));
    (master, slave, path)
}

fn receipt() -> Vec<Block> {
    vec![
        Block::title("Өнөр үйү"),
        Block::pair("Ак калпак", "1 200,00"),
        Block::Cut,
    ]
}

#[test]
fn serial_printer_gets_the_job_and_reports_its_status() {
    let (master, _slave, path) = pty();
    let printer_side = fake_printer(master, Status::default().to_replies(), Duration::from_millis(400));
    let uri: PrinterUri = format!("serial:{}?baud=19200", path.display()).parse().expect("uri");
    assert!(matches!(
        uri,
        PrinterUri::Serial {
            baud: 19200,
            flow: Flow::None,
            ..
        }
    ));
    let mut printer = Printer::open(&uri, Profile::epson(), Timeouts::default()).expect("opens");
    assert_eq!(printer.name(), format!("serial printer {}", path.display()));
    let report = printer.print(&receipt()).expect("prints");
    assert_eq!(report.status, Some(Status::default()));
    drop(printer);
    let seen = printer_side.join().expect("printer thread");
    let job = encode(&receipt(), &Profile::epson()).expect("encodes");
    assert!(seen.windows(job.len()).any(|w| w == job), "job arrived byte for byte");
    assert!(decode(&seen, &Profile::epson()).text().contains("Өнөр үйү"));
}

#[test]
fn serial_printer_with_its_cover_open_is_not_sent_the_job() {
    let (master, _slave, path) = pty();
    let open = Status {
        cover_open: true,
        offline: true,
        ..Status::default()
    };
    let printer_side = fake_printer(master, open.to_replies(), Duration::from_millis(300));
    let transport = Serial::open(&path.display().to_string(), 9600, Flow::None, &Timeouts::default()).expect("opens");
    let mut printer = Printer::new(Profile::epson(), Box::new(transport));
    let err = printer.print(&receipt()).expect_err("cover open");
    assert!(
        err.to_string()
            .ends_with("has its cover open — close it, then print again"),
        "{err}"
    );
    drop(printer);
    let seen = printer_side.join().expect("printer thread");
    assert_eq!(
        seen,
        (1..=4).flat_map(|n| [0x10, 0x04, n]).collect::<Vec<u8>>(),
        "status queries only"
    );
}

#[test]
fn usb_device_file_prints_and_reads_status_back() {
    let (master, _slave, path) = pty();
    let near_end = Status {
        paper_near_end: true,
        ..Status::default()
    };
    let printer_side = fake_printer(master, near_end.to_replies(), Duration::from_millis(400));
    let uri: PrinterUri = format!("file:{}", path.display()).parse().expect("uri");
    assert_eq!(uri, PrinterUri::Device(path.clone()), "/dev paths are devices");
    let mut printer = Printer::open(&uri, Profile::epson(), Timeouts::default()).expect("opens");
    let report = printer.print(&receipt()).expect("prints");
    let status = report.status.expect("device answered");
    assert!(status.paper_near_end && status.ready());
    assert_eq!(
        status.warning(),
        Some("paper roll is nearly used up — have a new one ready")
    );
    drop(printer);
    let seen = printer_side.join().expect("printer thread");
    assert!(decode(&seen, &Profile::epson()).text().contains("Ак калпак"));
}

#[test]
fn usb_device_that_never_answers_still_prints() {
    let (mut master, _slave, path) = pty();
    let timeouts = Timeouts {
        status: Duration::from_millis(100),
        ..Timeouts::default()
    };
    let transport = Device::open(&path, &timeouts).expect("opens");
    let mut printer = Printer::new(Profile::epson(), Box::new(transport)).with_timeouts(timeouts);
    let report = printer.print(&[Block::text("ok")]).expect("prints without status");
    assert_eq!(report.status, None);
    assert!(matches!(
        printer.status(),
        Err(PrintError::Transport(TransportError::NoReply { .. }))
    ));
    let _ = master.set_timeout(Duration::from_millis(200));
    let mut got = vec![0u8; 64];
    let n = master.read(&mut got).expect("bytes arrived");
    assert!(got[..n].windows(3).any(|w| w == b"ok\n"));
}

#[test]
fn a_missing_usb_printer_is_reported_and_no_file_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("lp0");
    let err = Device::open(&missing, &Timeouts::default()).err().expect("missing");
    assert_eq!(
        err.to_string(),
        format!(
            "USB printer {} is not connected — is it plugged in and switched on?",
            missing.display()
        )
    );
    assert!(!missing.exists(), "opening must never create the device path");

    let regular = dir.path().join("lp1");
    std::fs::write(&regular, b"keep").expect("write");
    let err = Device::open(&regular, &Timeouts::default())
        .err()
        .expect("regular file");
    assert!(matches!(err, TransportError::NotADevice { .. }), "{err:?}");
    assert_eq!(std::fs::read(&regular).expect("read"), b"keep", "left untouched");

    let err = "file:/dev/usta-no-such-printer"
        .parse::<PrinterUri>()
        .expect("uri")
        .open(&Timeouts::default())
        .err()
        .expect("missing");
    assert!(matches!(err, TransportError::DeviceMissing { .. }));
    assert!(!std::path::Path::new("/dev/usta-no-such-printer").exists());
}

#[test]
fn file_transport_writes_exactly_the_job() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("receipt.bin");
    std::fs::write(&path, b"old job").expect("write");
    let uri: PrinterUri = format!("file:{}", path.display()).parse().expect("uri");
    let mut printer = Printer::open(&uri, Profile::generic58(), Timeouts::default()).expect("opens");
    let report = printer.print(&receipt()).expect("prints");
    assert_eq!(report.status, None, "a file cannot answer");
    drop(printer);
    let written = std::fs::read(&path).expect("read");
    assert_eq!(written, encode(&receipt(), &Profile::generic58()).expect("encodes"));
    assert_eq!(written.len(), report.bytes);
}
