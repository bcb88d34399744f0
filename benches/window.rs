//! The window, headless on the tiny-skia CPU renderer: from a scan message to the next frame drawn (update, the
//! lookup task it starts, view, layout and draw of the whole 1280×800 window) with a 40-line cart and a 100,000-
//! product catalog. Goal: < 8 ms p99.
//!
//! Run: `cargo bench --bench window` (`USTA_BENCH_PRODUCTS` changes the catalog size). The catalog is the demo
//! shop plus synthetic products added with direct SQL (`support/bulk.rs`).

#[path = "support/bulk.rs"]
mod bulk;
#[path = "support/stats.rs"]
mod stats;
#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use iced_test::Simulator;
use stats::measure;
use std::time::Instant;
use support::ui::{send, till};
use usta::ui::app::{App, Message};

const LINES: usize = 40;

fn scan(app: &mut App, code: &str) {
    send(app, Message::Sale(usta::ui::sale::Message::Scanned(code.to_string())));
}

fn draw(app: &App, theme: &iced::Theme) {
    let mut ui = Simulator::with_size(usta::ui::settings(), (1280.0, 800.0), app.view_main());
    ui.snapshot(theme).expect("draw the frame");
}

fn main() {
    if !stats::benching() {
        return;
    }
    let products: usize = std::env::var("USTA_BENCH_PRODUCTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let shop = support::Shop::demo();
    let t = Instant::now();
    let codes = bulk::add_products(&shop.db, products.saturating_sub(66));
    println!("{products} products made in {:.1?}", t.elapsed());
    let mut app = till(&shop);
    for code in codes.iter().take(LINES) {
        scan(&mut app, code);
    }
    println!(
        "the last scanned line (№{LINES}) is on screen: {}",
        support::ui::sees(&app, &format!("№{LINES}"))
    );
    let theme = app.theme(iced::window::Id::unique());
    let frame = measure(
        format!("scan → next frame drawn, {LINES}-line cart, {products} products"),
        300,
        |i| {
            // Scanning a product already in the cart again: the cart stays at 40 lines.
            scan(&mut app, &codes[i % LINES]);
            draw(&app, &theme);
        },
    );
    let update = measure("  of which update + lookup task", 300, |i| {
        scan(&mut app, &codes[i % LINES])
    });
    let view = measure("  of which view + layout + draw", 300, |_| draw(&app, &theme));
    println!();
    for s in [&frame, &update, &view] {
        s.print();
    }
}
