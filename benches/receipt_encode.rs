//! Receipt encoding against a peer: the demo receipt (Kyrgyz names with Ң Ө Ү, paid partly in cash) turned into
//! ESC/POS bytes for the Epson profile by `usta_printer::encode`, and the same printed lines rendered by
//! python-escpos's `Dummy` printer (`benches/escpos_peer.py`) the same number of times, in the same run.
//!
//! Run: `cargo bench --bench receipt_encode` (`USTA_BENCH_RECEIPTS` sets the number of receipts, 5000 by
//! default). The peer needs `pip install python-escpos`; without it that part is skipped with a note. The machine
//! is shared and noisy, so compare the ratio, not absolute times.

use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use usta::app::{Ctx, checkout, demo, receipt_text};
use usta::domain::catalog::Lang;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::{Cart, Som};
use usta::store::Store;
use usta_printer::{Printed, Profile, TextSize, decode, encode};

/// Demo products by name prefix, and how many of each: between them Ң, Ө and Ү.
const ITEMS: [(&str, u32); 4] = [
    ("ак калпак", 2),
    ("кийиз өтүк", 1),
    ("жаңы жылдык", 1),
    ("кичинекей боз үй", 1),
];
/// Som paid in cash; the card pays the rest.
const CASH: i64 = 5_000;
const KYRGYZ: [char; 6] = ['Ң', 'ң', 'Ө', 'ө', 'Ү', 'ү'];

fn main() {
    // `cargo test --benches` runs bench targets too; only do the work under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: usize = std::env::var("USTA_BENCH_RECEIPTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(5_000);

    let dir = tempfile::tempdir().expect("temp dir");
    let blocks = demo_receipt(&dir.path().join("receipt.db"));
    let profile = Profile::builtin("epson").expect("epson profile");

    let bytes = encode(&blocks, &profile).expect("encode the demo receipt");
    let job = decode(&bytes, &profile);
    let kyrgyz = |text: &str| text.chars().filter(|c| KYRGYZ.contains(c)).count();
    let wanted = kyrgyz(&usta_printer::render_text(&blocks, profile.columns()));
    let printed = kyrgyz(&job.text());
    let rasters = job.printed.iter().filter(|p| matches!(p, Printed::Raster(_))).count();
    println!(
        "demo receipt: {} blocks, {} printed items, {} bytes for the epson profile; {wanted} Kyrgyz letters \
         (Ң Ө Ү, either case) in the receipt, {printed} read back from the bytes as text; raster lines: {rasters}",
        blocks.len(),
        job.printed.len(),
        bytes.len(),
    );

    // usta_printer: layout + code page choice + ESC/POS, one fresh buffer per receipt.
    let mut samples = time_each(n, || encode(&blocks, &profile).expect("encode"));
    let total: Duration = samples.iter().sum();
    samples.sort();
    let ours_p50 = samples[samples.len() / 2];
    let ours_mean = total / u32::try_from(n).expect("receipt count fits u32");
    println!(
        "usta_printer::encode   n={n:<6} p50={:>9.1} µs  mean={:>9.1} µs  p99={:>9.1} µs",
        micros(ours_p50),
        micros(ours_mean),
        micros(samples[(samples.len() - 1) * 99 / 100]),
    );

    // Where the time goes: the same receipt without its QR block (the encoder builds the QR symbol to size it).
    let no_qr: Vec<usta_printer::Block> = blocks
        .iter()
        .filter(|b| !matches!(b, usta_printer::Block::Qr(_)))
        .cloned()
        .collect();
    let mut rest = time_each(n, || encode(&no_qr, &profile).expect("encode"));
    rest.sort();
    let ours_no_qr = rest[rest.len() / 2];
    println!("  of which without QR   n={n:<6} p50={:>9.1} µs", micros(ours_no_qr));

    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/escpos_peer.py");
    let has_escpos = Command::new("python3")
        .args(["-c", "import escpos"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_escpos {
        println!("python-escpos peer: SKIPPED — `python3 -c \"import escpos\"` failed.");
        println!("  Install it with `pip install python-escpos` (PyPI) and run this bench again.");
        return;
    }

    let lines_path = dir.path().join("receipt.json");
    let doc = json!({ "iterations": n, "items": job.printed.iter().filter_map(item).collect::<Vec<_>>() });
    std::fs::write(&lines_path, serde_json::to_vec_pretty(&doc).expect("json")).expect("write receipt json");
    let out = Command::new("python3")
        .arg(&peer)
        .arg(&lines_path)
        .output()
        .expect("run benches/escpos_peer.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        println!("python-escpos peer: FAILED ({})", out.status);
        println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
        return;
    }
    print!("{stdout}");
    let field = |key: &str| -> Option<f64> {
        stdout
            .split_whitespace()
            .find_map(|w| w.trim_matches(['[', ']']).strip_prefix(key)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
    };
    match (field("p50_us"), field("mean_us"), field("p50_no_qr_us")) {
        (Some(p50), Some(mean), Some(p50_no_qr)) => {
            println!(
                "python-escpos / usta_printer per receipt: p50 {:.1}×, mean {:.1}×; without QR: p50 {:.1}×",
                p50 / micros(ours_p50),
                mean / micros(ours_mean),
                p50_no_qr / micros(ours_no_qr),
            );
            if let Some(lost) = field("question_marks") {
                println!(
                    "Kyrgyz letters in the receipt: {wanted}; usta_printer sent {printed} as text, \
                     python-escpos sent {lost} characters as '?'"
                );
            }
        }
        _ => println!("python-escpos peer: could not read its timing line"),
    }
}

/// Runs `f` a few times to warm up, then `n` times, timing each call.
fn time_each<T>(n: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..n.min(200) {
        std::hint::black_box(f());
    }
    (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect()
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// One printed item for the peer, in the JSON `benches/escpos_peer.py` reads.
fn item(p: &Printed) -> Option<Value> {
    Some(match p {
        Printed::Text { text, bold, size } => {
            let size = match size {
                TextSize::Small => "small",
                TextSize::Normal => "normal",
                TextSize::Tall => "tall",
                TextSize::Double => "double",
            };
            json!({ "kind": "text", "text": text, "bold": bold, "size": size })
        }
        Printed::Qr(data) => json!({ "kind": "qr", "data": data }),
        Printed::Code128(data) => json!({ "kind": "code128", "data": data }),
        Printed::Ean13(data) => json!({ "kind": "ean13", "data": data }),
        Printed::Cut => json!({ "kind": "cut" }),
        Printed::DrawerKick(_) => json!({ "kind": "drawer" }),
        Printed::Raster(_) | Printed::Barcode { .. } | Printed::Unknown(_) => return None,
    })
}

/// Creates the demo shop in `db`, sells [`ITEMS`] (cash [`CASH`] som, the rest by card) and returns the
/// receipt's blocks as the app prints them.
fn demo_receipt(db: &Path) -> Vec<usta_printer::Block> {
    let mut store = Store::open(db).expect("open store");
    let now = usta::cli::shop_now();
    let mut ctx = Ctx::new(&mut store, now, Lang::Ky);
    demo::create(&mut ctx, 66).expect("demo shop");
    let mut cart = Cart::new();
    for (name, qty) in ITEMS {
        let found = checkout::search(&ctx, name, 1).expect("search");
        let product = found.first().unwrap_or_else(|| panic!("no demo product named {name}…"));
        let code = product.product.barcodes[0].to_string();
        checkout::scan(&ctx, &mut cart, &code, Decimal::from(qty)).expect("scan");
    }
    let total = cart.totals().total;
    let cash = Som::whole(CASH);
    assert!(total > cash, "the demo sale must cost more than the cash part");
    let tenders = [
        Tender::som(PaymentKind::Cash, cash),
        Tender::som(PaymentKind::Card, total - cash),
    ];
    let sale = checkout::commit(&mut ctx, &cart, &tenders).expect("commit");
    let doc = checkout::receipt(&ctx, &sale).expect("receipt");
    receipt_text::blocks(&doc)
}
