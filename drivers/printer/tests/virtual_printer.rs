//! Receipts over a real TCP socket on 127.0.0.1 to the virtual printer, and the failures a shop meets: printer
//! off, out of paper, connection dropped mid-job.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;
use usta_printer::{
    Block, PrintError, Printer, PrinterUri, Profile, Timeouts, TransportError, VirtualOptions, VirtualPrinter,
    VirtualStatus, encode, render_text,
};

const WAIT: Duration = Duration::from_secs(5);

/// A receipt as the app builds it, with Kyrgyz letters in the shop name, item names and footer.
fn receipt() -> Vec<Block> {
    vec![
        Block::title("Өнөрчү кооперативи"),
        Block::center("Бишкек, Чүй пр. 1"),
        Block::Rule('='),
        Block::title("САТУУ ЧЕГИ"),
        Block::pair("Чек № 42", "01.03.2025 14:05"),
        Block::Rule('-'),
        Block::text("Шырдак «Көк-Ала», 2×3 м, Нарындын устасы"),
        Block::pair("  1 × 48 000,00", "48 000,00"),
        Block::text("Ак калпак"),
        Block::pair("  2 × 1 200,00", "2 400,00"),
        Block::Rule('-'),
        Block::total("ЖАЛПЫ", "50 400,00 сом"),
        Block::pair("КНС 12%", "5 400,00"),
        Block::pair("Накталай", "51 000,00"),
        Block::total("Кайтарым", "600,00"),
        Block::Qr("https://tax.salyk.kg/tax-web-control/client/api/v1/ticket?date=20250301T140500&type=3&operation_type=1&sum=5040000".into()),
        Block::Barcode("R1-42".into()),
        Block::center("Рахмат! Кайра келиңиз! Үйүңүзгө ырыс!"),
        Block::title("ҢӨҮ: КАЙРА КЕЛИҢИЗ, ӨНӨР ҮЙҮ"),
        Block::DrawerKick,
        Block::Feed(2),
        Block::Cut,
    ]
}

fn start(dir: &std::path::Path, profile: Profile) -> VirtualPrinter {
    VirtualPrinter::start(
        "127.0.0.1:0",
        dir,
        VirtualOptions {
            profile,
            ..VirtualOptions::default()
        },
    )
    .expect("virtual printer starts")
}

fn without_markers(text: &str) -> String {
    text.lines()
        .filter(|l| *l != "[cut]" && !l.starts_with("[drawer kick"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn epson_receipt_round_trips_as_text_with_kyrgyz_letters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vp = start(dir.path(), Profile::epson());
    let blocks = receipt();
    let mut printer = Printer::open(&vp.uri(), Profile::epson(), Timeouts::default()).expect("connects");
    let report = printer.print(&blocks).expect("prints");
    assert_eq!(report.status.map(|s| s.ready()), Some(true));
    drop(printer);

    let jobs = vp.wait_for_jobs(1, WAIT);
    assert_eq!(jobs.len(), 1);
    let txt = std::fs::read_to_string(dir.path().join("job-0001.txt")).expect("txt written");
    let png = std::fs::read(dir.path().join("job-0001.png")).expect("png written");
    assert_eq!(jobs[0].png.as_deref(), Some(dir.path().join("job-0001.png").as_path()));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000);
    assert_eq!(txt, jobs[0].text);
    for line in [
        "Өнөрчү кооперативи",
        "Шырдак «Көк-Ала», 2×3 м,",
        "Рахмат! Кайра келиңиз!",
    ] {
        assert!(txt.contains(line), "{line} in\n{txt}");
    }
    assert!(txt.contains("[QR https://tax.salyk.kg/") && txt.contains("[CODE128 R1-42]"));
    assert!(txt.ends_with("[drawer kick pin 2]\n\n\n[cut]\n"), "{txt}");
    // Everything on paper is exactly the receipt's text: no letter was lost or replaced.
    assert_eq!(without_markers(&txt), render_text(&blocks, 48));

    // The raw bytes are the encoded job between the status checks, and hold KZ-1048 letters, not UTF-8.
    let bin = std::fs::read(dir.path().join("job-0001.bin")).expect("bin written");
    let job = encode(&blocks, &Profile::epson()).expect("encodes");
    assert!(bin.windows(job.len()).any(|w| w == job));
    for (letter, byte) in [
        ('Ң', 0xBD),
        ('ң', 0xBE),
        ('Ө', 0xA5),
        ('ө', 0xB4),
        ('Ү', 0xAF),
        ('ү', 0xBF),
    ] {
        assert!(txt.contains(letter), "{letter} printed");
        assert!(bin.contains(&byte), "{letter} sent as KZ-1048 {byte:#04X}");
        let mut utf8 = [0u8; 4];
        let utf8 = letter.encode_utf8(&mut utf8).as_bytes();
        assert!(!bin.windows(utf8.len()).any(|w| w == utf8), "{letter} never as UTF-8");
    }
    assert!(bin.windows(3).any(|w| w == [0x1B, b't', 53]), "KZ-1048 selected");
    vp.stop().expect("stops cleanly");
}

#[test]
fn generic58_rasters_kyrgyz_lines_and_keeps_the_rest_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vp = start(dir.path(), Profile::generic58());
    let blocks = vec![
        Block::text("Итого к оплате"),
        Block::text("Көк-Ала шырдак"),
        Block::pair("Наличные", "1 450,00"),
        Block::Qr("https://salyk.kg".into()),
        Block::Cut,
    ];
    usta_printer::print_job(&vp.uri(), &Profile::generic58(), &blocks, Timeouts::default()).expect("prints");
    let jobs = vp.wait_for_jobs(1, WAIT);
    let lines: Vec<&str> = jobs[0].text.lines().collect();
    assert_eq!(lines[0], "Итого к оплате");
    // 14 characters × 12 dots = 168 dots, 30 rows (24-dot glyphs and line spacing).
    assert_eq!(lines[1], "[raster 168x30]");
    assert_eq!(lines[2], "Наличные                1 450,00");
    assert!(lines[3].starts_with("[raster 384x"), "QR as an image: {}", lines[3]);
    assert!(!jobs[0].text.contains("[cut]"), "no cutter: the paper is fed instead");
    assert!(!jobs[0].text.contains('\u{FFFD}'));
}

#[test]
fn jobs_are_numbered_and_a_status_only_connection_is_no_job() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vp = start(dir.path(), Profile::epson());
    let mut printer = Printer::open(&vp.uri(), Profile::epson(), Timeouts::default()).expect("connects");
    assert!(printer.status().expect("answers").ready());
    drop(printer);
    for word in ["бир", "эки"] {
        usta_printer::print_job(&vp.uri(), &Profile::epson(), &[Block::text(word)], Timeouts::default())
            .expect("prints");
    }
    let jobs = vp.wait_for_jobs(2, WAIT);
    assert_eq!(jobs.iter().map(|j| j.number).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(jobs[1].text, "эки\n");
    assert!(dir.path().join("job-0002.bin").exists() && !dir.path().join("job-0003.bin").exists());
}

#[test]
fn paper_out_keeps_the_job_back_and_a_reprint_works_after_reloading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vp = start(dir.path(), Profile::epson());
    vp.set_status(VirtualStatus::PaperOut);
    let blocks = [Block::title("КӨЧҮРМӨ"), Block::text("Чек № 7")];
    let err =
        usta_printer::print_job(&vp.uri(), &Profile::epson(), &blocks, Timeouts::default()).expect_err("paper out");
    let addr = vp.addr();
    assert_eq!(
        err.to_string(),
        format!("printer at {addr} is out of paper — load a new roll, then print again")
    );
    assert!(matches!(err, PrintError::NotReady { status, .. } if status.paper_out));
    assert!(err.is_transient());
    vp.set_status(VirtualStatus::Ok);
    usta_printer::print_job(&vp.uri(), &Profile::epson(), &blocks, Timeouts::default()).expect("prints after reload");
    let jobs = vp.wait_for_jobs(1, WAIT);
    assert_eq!(jobs.len(), 1, "the refused attempt wrote no job");
    assert!(jobs[0].text.contains("КӨЧҮРМӨ"));
}

#[test]
fn a_printer_that_is_off_gives_a_clear_error() {
    // A port that was free a moment ago: nothing listens there now.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let uri: PrinterUri = format!("tcp://127.0.0.1:{port}").parse().expect("uri");
    let err = Printer::open(&uri, Profile::epson(), Timeouts::default())
        .err()
        .expect("refused");
    assert_eq!(
        err.to_string(),
        format!("printer at 127.0.0.1:{port} does not answer (connection refused) — is it switched on?")
    );
    assert!(matches!(err, PrintError::Transport(TransportError::Unreachable { .. })));
    assert!(err.is_transient());
    let unknown: PrinterUri = "tcp://no-such-printer.invalid".parse().expect("uri");
    let err = Printer::open(&unknown, Profile::epson(), Timeouts::default())
        .err()
        .expect("no such host");
    assert!(
        err.to_string()
            .contains("cannot find the printer address 'no-such-printer.invalid'")
    );
}

#[test]
fn a_printer_dropping_the_connection_mid_job_is_reported() {
    // A printer that answers the first status check, takes a little data and then hangs up.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        for n in 1..=4u8 {
            let mut query = [0u8; 3];
            stream.read_exact(&mut query).expect("status query");
            assert_eq!(query, [0x10, 0x04, n]);
            stream.write_all(&[0x12]).expect("ready");
        }
        let mut some = [0u8; 40];
        stream.read_exact(&mut some).expect("start of the job");
        // Dropping the stream hangs up with the rest of the job unread.
    });
    let uri: PrinterUri = format!("tcp://{addr}").parse().expect("uri");
    let timeouts = Timeouts {
        status: Duration::from_secs(2),
        ..Timeouts::default()
    };
    let mut printer = Printer::open(&uri, Profile::epson(), timeouts).expect("connects");
    let long: Vec<Block> = (0..200).map(|i| Block::text(format!("Сап {i}"))).collect();
    let err = printer.print(&long).expect_err("dropped mid-job");
    server.join().expect("server");
    assert!(
        matches!(err, PrintError::Transport(TransportError::Interrupted { .. })),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("printer at {addr} stopped taking data mid-job")),
        "{err}"
    );
}

#[test]
fn a_printer_that_never_reads_is_not_taken_for_printed_and_the_job_keeps_its_deadline() {
    // Accepts and holds the connection without reading: the job sits in socket buffers, nothing is on paper.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while let Ok((conn, _)) = listener.accept() {
            held.push(conn);
        }
    });
    let uri: PrinterUri = format!("tcp://{addr}").parse().expect("uri");
    for profile in [Profile::raster_only(), Profile::epson()] {
        let started = std::time::Instant::now();
        let err = usta_printer::print_job(
            &uri,
            &profile,
            &[Block::text("Чек № 1")],
            Timeouts::within(Duration::from_secs(2)),
        )
        .expect_err("not confirmed");
        assert!(
            matches!(err, PrintError::Transport(TransportError::Unconfirmed { .. })),
            "{}: {err:?}",
            profile.name
        );
        assert!(err.is_transient());
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }
}
