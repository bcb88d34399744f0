//! The window, headless on the tiny-skia CPU renderer: from a scan message to the next frame drawn with a 40-line
//! cart and a 100,000-product catalog. Goal: < 8 ms p99.
//!
//! Run: `cargo bench --bench window` (`USTA_BENCH_PRODUCTS` changes the catalog size). The catalog is the demo
//! shop plus synthetic products added with direct SQL (`support/bulk.rs`).
//!
//! Each frame does what the real window's event loop does (iced_winit + the tiny-skia compositor): update, then
//! `UserInterface::build` of the new view on the widget-state cache the last frame left (so unchanged text is not
//! shaped again), a redraw event, `draw` into layers, and the compositor's present: the layers are diffed against
//! the previous frame's and only the damaged rectangles are rasterised into the same 1280×800 pixel buffer
//! (softbuffer on X11 reports a buffer age of 1 once a frame was presented, so the real window does the same).
//! `iced_test::Simulator::snapshot` instead makes a new renderer, reloads the fonts, lays out from an empty cache
//! and rasterises the whole window at scale factor 2 (2560×1600) every time: that is also measured, as the
//! "whole-window snapshot" line, to show what the earlier version of this bench timed.

#[path = "support/bulk.rs"]
mod bulk;
#[path = "support/stats.rs"]
mod stats;
#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use iced::Task;
use iced::Theme;
use iced_runtime::user_interface::{Cache, UserInterface};
use iced_test::Simulator;
use iced_test::futures::futures::StreamExt;
use iced_test::runtime::Action;
use iced_tiny_skia::core::renderer::Style;
use iced_tiny_skia::core::theme::Base;
use iced_tiny_skia::core::widget::Operation;
use iced_tiny_skia::core::widget::operation::Outcome;
use iced_tiny_skia::core::{Event, Rectangle, Size, clipboard, mouse};
use iced_tiny_skia::graphics::{Viewport, damage};
use iced_tiny_skia::{Layer, Renderer};
use stats::{measure, measure_part};
use std::time::{Duration, Instant};
use support::ui::{send, till};
use usta::ui::app::{App, Message};

const LINES: usize = 40;
const SIZE: Size = Size::new(1280.0, 800.0);

fn scan(app: &mut App, code: &str) {
    send(app, Message::Sale(usta::ui::sale::Message::Scanned(code.to_string())));
}

/// Runs `task` to its end: the messages it produced and the widget operations it asked for.
fn run(task: Task<Message>) -> (Vec<Message>, Vec<Box<dyn Operation>>) {
    let (mut messages, mut operations) = (Vec::new(), Vec::new());
    if let Some(stream) = iced_test::runtime::task::into_stream(task) {
        for action in iced_test::futures::futures::executor::block_on(stream.collect::<Vec<_>>()) {
            match action {
                Action::Output(m) => messages.push(m),
                Action::Widget(op) => operations.push(op),
                _ => {}
            }
        }
    }
    (messages, operations)
}

/// A scan as the window lives it: the scan message, its lookup task, the found product's message, then the next
/// frame. The task that message starts (the cart's draft saved to the database, focus, the cart snapped to its
/// end) runs on the runtime's thread pool while the frame is drawn, so here it runs after the frame, timed apart;
/// its widget operations are applied on the next frame's build (the cart is at its end already in this loop).
/// Returns (frame, background).
fn scan_frame(app: &mut App, window: &mut Window, theme: &Theme, code: &str) -> (Duration, Duration) {
    let t = Instant::now();
    let (found, ops) = run(app.update(Message::Sale(usta::ui::sale::Message::Scanned(code.to_string()))));
    window.operations.extend(ops);
    let background: Vec<Task<Message>> = found.into_iter().map(|m| app.update(m)).collect();
    window.frame(app, theme);
    let frame = t.elapsed();
    let t = Instant::now();
    for task in background {
        let (messages, ops) = run(task);
        window.operations.extend(ops);
        for m in messages {
            send(app, m);
        }
    }
    (frame, t.elapsed())
}

/// The window's renderer, its widget-state cache, its pixel buffer and the layers presented last.
struct Window {
    renderer: Renderer,
    cache: Option<Cache>,
    pixels: tiny_skia::Pixmap,
    mask: tiny_skia::Mask,
    viewport: Viewport,
    presented: Option<Vec<Layer>>,
    /// Pixels rasterised by the last present (damaged area), for the report.
    damaged: f32,
    /// Area of the quads the last present filled (each whole, once per damaged rectangle it touches).
    repainted: f32,
    /// Print the next present's damaged rectangles and the quads each repaints (`USTA_BENCH_DAMAGE`).
    dump: bool,
    /// Widget operations the last messages asked for (focus, snap the cart to its end), applied on the next build
    /// as the runtime applies them.
    operations: Vec<Box<dyn Operation>>,
}

impl Window {
    fn new() -> Self {
        let settings = usta::ui::settings();
        // The runtime loads the application's fonts once, at start-up.
        for font in settings.fonts {
            iced_tiny_skia::graphics::text::font_system()
                .write()
                .expect("font system")
                .load_font(font);
        }
        let viewport = Viewport::with_physical_size(Size::new(SIZE.width as u32, SIZE.height as u32), 1.0);
        let physical = viewport.physical_size();
        Window {
            renderer: Renderer::new(settings.default_font, settings.default_text_size),
            cache: Some(Cache::default()),
            pixels: tiny_skia::Pixmap::new(physical.width, physical.height).expect("pixel buffer"),
            mask: tiny_skia::Mask::new(physical.width, physical.height).expect("clip mask"),
            viewport,
            presented: None,
            damaged: 0.0,
            repainted: 0.0,
            dump: false,
            operations: Vec::new(),
        }
    }

    /// View, layout, the redraw event and draw into layers.
    fn layers(&mut self, app: &App, theme: &Theme) {
        let mut ui = UserInterface::build(
            app.view_main(),
            SIZE,
            self.cache.take().unwrap_or_default(),
            &mut self.renderer,
        );
        for mut operation in self.operations.drain(..) {
            loop {
                ui.operate(&self.renderer, operation.as_mut());
                match operation.finish() {
                    Outcome::Chain(next) => operation = next,
                    _ => break,
                }
            }
        }
        let mut messages = Vec::new();
        let _ = ui.update(
            &[Event::Window(iced_tiny_skia::core::window::Event::RedrawRequested(
                Instant::now(),
            ))],
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        let base = Base::base(theme);
        ui.draw(
            &mut self.renderer,
            theme,
            &Style {
                text_color: base.text_color,
            },
            mouse::Cursor::Unavailable,
        );
        self.cache = Some(ui.into_cache());
    }

    /// The tiny-skia compositor's present: rasterise only what differs from the frame presented last
    /// (`whole` forces the whole window, as after a resize).
    fn present(&mut self, theme: &Theme, whole: bool) {
        let background = Base::base(theme).background_color;
        let full = Rectangle::with_size(self.viewport.logical_size());
        let layers = self.renderer.layers();
        let damage = match (&self.presented, whole) {
            (Some(last), false) => damage::diff(last, layers, |layer| vec![layer.bounds], Layer::damage),
            _ => vec![full],
        };
        self.damaged = 0.0;
        if damage.is_empty() {
            return;
        }
        self.presented = Some(layers.to_vec());
        let damage = damage::group(damage, full);
        self.damaged = damage.iter().map(|r| r.width * r.height).sum();
        // tiny-skia fills every quad that touches a damaged rectangle over its whole area (through a clip
        // mask), once per rectangle: this, not the damaged area, is what a present costs in quads.
        self.repainted = damage
            .iter()
            .flat_map(|r| repainted_quads(layers, r))
            .map(|q| q.width * q.height)
            .sum();
        if self.dump {
            self.dump = false;
            for r in &damage {
                println!("damaged {r:?}");
                for q in repainted_quads(layers, r) {
                    println!("  repaints quad {q:?} ({:.0} px²)", q.width * q.height);
                }
            }
        }
        self.renderer.draw(
            &mut self.pixels.as_mut(),
            &mut self.mask,
            &self.viewport,
            &damage,
            background,
        );
    }

    fn frame(&mut self, app: &App, theme: &Theme) {
        self.layers(app, theme);
        self.present(theme, false);
    }
}

fn snapshot(app: &App, theme: &Theme) {
    let mut ui = Simulator::with_size(usta::ui::settings(), SIZE, app.view_main());
    ui.snapshot(theme).expect("draw the frame");
}

/// The bounds of every quad a present fills for the damaged rectangle `r`: each quad of a layer that the part of `r`
/// inside the layer touches, whole.
fn repainted_quads<'a>(layers: &'a [Layer], r: &'a Rectangle) -> impl Iterator<Item = Rectangle> + 'a {
    layers.iter().flat_map(move |layer| {
        let clip = r.intersection(&layer.bounds);
        layer
            .quads
            .iter()
            .filter(move |(q, _)| clip.is_some_and(|c| c.intersects(&q.bounds)))
            .map(|(q, _)| q.bounds)
    })
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
    let theme = app.theme(iced::window::Id::unique());
    let mut window = Window::new();
    window.frame(&app, &theme);
    let mut area = Vec::new();
    let mut repainted = Vec::new();
    window.dump = std::env::var_os("USTA_BENCH_DAMAGE").is_some();
    let mut background = Vec::new();
    let frame = measure_part(
        format!("scan → next frame drawn, {LINES}-line cart, {products} products"),
        300,
        |i| {
            // Scanning a product already in the cart again: the cart stays at 40 lines, one quantity changes.
            let (frame, behind) = scan_frame(&mut app, &mut window, &theme, &codes[i % LINES]);
            area.push(window.damaged);
            repainted.push(window.repainted);
            background.push(behind);
            frame
        },
    );
    let background = stats::Stats {
        name: "  after it, on the thread pool: the cart's draft saved".into(),
        samples: background.split_off(background.len() - 300),
    };
    let update = measure(
        "  scan message + lookup + draft save, all tasks (old bench)",
        300,
        |i| scan(&mut app, &codes[i % LINES]),
    );
    let view = measure("  of which view + layout + draw into layers", 300, |_| {
        window.layers(&app, &theme)
    });
    let changed = measure_part("  of which view + layout + draw into layers after a scan", 300, |i| {
        scan(&mut app, &codes[i % LINES]);
        let t = Instant::now();
        window.layers(&app, &theme);
        let took = t.elapsed();
        window.present(&theme, false);
        took
    });
    let damaged = measure_part("  of which present, damaged area only", 300, |i| {
        scan(&mut app, &codes[i % LINES]);
        window.layers(&app, &theme);
        let t = Instant::now();
        window.present(&theme, false);
        t.elapsed()
    });
    let whole = measure("whole window rasterised (a resize), 1280×800", 100, |_| {
        window.present(&theme, true)
    });
    let old = measure("whole-window snapshot, scale 2, fresh renderer (old bench)", 50, |_| {
        snapshot(&app, &theme)
    });
    area.sort_by(f32::total_cmp);
    repainted.sort_by(f32::total_cmp);
    println!();
    for s in [&frame, &background, &update, &view, &changed, &damaged, &whole, &old] {
        s.print();
    }
    println!(
        "damaged area per scan frame: p50={:.0} px² of {:.0} px² (whole window)",
        area[area.len() / 2],
        SIZE.width * SIZE.height
    );
    println!(
        "quads filled per scan frame (whole, once per damaged rectangle they touch): p50={:.0} px²",
        repainted[repainted.len() / 2]
    );
}
