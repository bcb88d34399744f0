//! The desktop point of sale (iced, CPU renderer). `app` holds the top-level state and routing; each screen is
//! a module with its own state, `Message` and `Action`; screens borrow [`services::Services`] and never touch
//! the store or a device themselves.

pub mod app;
pub mod customer;
pub mod i18n;
pub mod inventory;
pub mod payment;
pub mod returns;
pub mod sale;
pub mod services;
pub mod settings;
pub mod setup;
pub mod stocktake;
pub mod theme;
pub mod widgets;

use crate::store::Store;
use std::path::Path;

/// The bundled UI font: DejaVu Sans has every Kyrgyz letter (Ң Ө Ү), unlike many system fonts.
pub const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
pub const FONT_MONO: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono.ttf");

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

/// Opens the point of sale on the database at `path` (creating the file when needed). Blocks until the main
/// window closes.
pub fn run(path: &Path) -> anyhow::Result<()> {
    let store = Store::open(path)?;
    let services = services::Services::new(store);
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
