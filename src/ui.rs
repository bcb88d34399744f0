//! The desktop point of sale (iced, CPU renderer). `app` holds the top-level state and routing; each screen is
//! a module with its own state, `Message` and `Action`; screens borrow [`services::Services`] and never touch
//! the store or a device themselves.

pub mod app;
pub mod customer;
pub mod day;
pub mod errors;
pub mod fiscal;
pub mod i18n;
pub mod inventory;
pub mod login;
pub mod payment;
pub mod payment_qr;
pub mod product_form;
pub mod quick_keys;
pub mod reports;
pub mod returns;
pub mod sale;
pub mod services;
pub mod settings;
pub mod setup;
pub mod stocktake;
pub mod sync;
pub mod taxfree;
pub mod theme;
pub mod thumbs;
pub mod users;
pub mod widgets;

use std::path::Path;

/// The bundled UI font: DejaVu Sans has every Kyrgyz letter (Ң Ө Ү), unlike many system fonts.
pub const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
pub const FONT_MONO: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono.ttf");

/// The app icon (a ram's-horn motif from shyrdak felt), also in assets/icons as SVG.
const ICON: &[u8] = include_bytes!("../assets/icons/usta-256.png");

/// The window icon, decoded from the bundled PNG; none if it cannot be read (the window opens all the same).
pub fn icon() -> Option<iced::window::Icon> {
    let decoder = png::Decoder::new(std::io::Cursor::new(ICON));
    let mut reader = decoder.read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut rgba).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    rgba.truncate(info.buffer_size());
    iced::window::icon::from_rgba(rgba, info.width, info.height).ok()
}

pub const DEFAULT_FONT: iced::Font = iced::Font::with_name("DejaVu Sans");

/// iced settings with the bundled fonts; also used by the headless UI tests.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![FONT.into(), FONT_BOLD.into(), FONT_MONO.into()],
        default_font: DEFAULT_FONT,
        default_text_size: iced::Pixels(theme::TEXT),
        ..iced::Settings::default()
    }
}

/// When the process started, for the start-up benchmark.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// `USTA_REPORT_FIRST_FRAME=1` makes the window print the time from process start to its first frame and the
/// resident memory, then exit: the start-up benchmark (`benches/startup.rs`) reads that line.
pub fn report_first_frame() -> bool {
    std::env::var_os("USTA_REPORT_FIRST_FRAME").is_some_and(|v| v == "1")
}

/// `first_frame_ms=… rss_kb=…`, measured now.
pub fn startup_report() -> String {
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .unwrap_or_else(|| "0".into());
    format!("first_frame_ms={ms} rss_kb={rss}")
}

/// Opens the point of sale on the database at `path` (creating the file when needed). Blocks until the main
/// window closes. A second window on the same database is refused: "Usta is already open on PATH".
pub fn run(path: &Path) -> anyhow::Result<()> {
    run_locked(path, crate::app::instance::acquire(path)?)
}

/// [`run`] with the database's instance lock already taken; it is held until the window closes.
pub fn run_locked(path: &Path, _lock: crate::app::instance::InstanceLock) -> anyhow::Result<()> {
    let services = services::Services::open(path)?;
    iced::daemon(
        move || app::App::boot(services.clone()),
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .theme(app::App::theme)
    .scale_factor(app::App::scale_factor)
    .subscription(app::App::subscription)
    .settings(settings())
    .run()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_icon_decodes() {
        assert!(super::icon().is_some(), "assets/icons/usta-256.png must be 8-bit RGBA");
    }
}
