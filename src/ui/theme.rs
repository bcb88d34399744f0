//! The look: calm, high-contrast light and dark themes with the colours of shyrdak felt (deep red, ochre), type
//! readable at arm's length, touch targets of at least 44 px.

use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Theme, color};

/// Smallest height of anything a finger has to hit.
pub const TOUCH: f32 = 48.0;
pub const TEXT: f32 = 18.0;
pub const SMALL: f32 = 15.0;
pub const BIG: f32 = 26.0;
pub const HUGE: f32 = 40.0;

pub const SHYRDAK_RED: Color = color!(0x9e1b32);
pub const OCHRE: Color = color!(0xc8902e);

pub fn light() -> Theme {
    Theme::custom(
        "Usta light",
        iced::theme::Palette {
            background: color!(0xfaf7f2),
            text: color!(0x1e1a17),
            primary: SHYRDAK_RED,
            success: color!(0x2e7d32),
            warning: OCHRE,
            danger: color!(0xb3261e),
        },
    )
}

pub fn dark() -> Theme {
    Theme::custom(
        "Usta dark",
        iced::theme::Palette {
            background: color!(0x1b1715),
            text: color!(0xf3ede4),
            primary: color!(0xd0455a),
            success: color!(0x66bb6a),
            warning: color!(0xe0a84a),
            danger: color!(0xef5350),
        },
    )
}

/// A raised panel.
pub fn card(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weak.color)),
        border: Border {
            radius: 8.0.into(),
            width: 1.0,
            color: p.background.strong.color,
        },
        ..container::Style::default()
    }
}

/// The top bar.
pub fn bar(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.primary.base.color)),
        text_color: Some(p.primary.base.text),
        ..container::Style::default()
    }
}

/// What kind of message a notice carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

pub fn notice(tone: Tone) -> impl Fn(&Theme) -> container::Style {
    move |theme: &Theme| {
        let p = theme.extended_palette();
        let pair = match tone {
            Tone::Info => p.secondary.weak,
            Tone::Good => p.success.weak,
            Tone::Bad => p.danger.base,
        };
        container::Style {
            background: Some(Background::Color(pair.color)),
            text_color: Some(pair.text),
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        }
    }
}

/// Top-bar navigation buttons: the active screen stands out.
pub fn nav(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme: &Theme, status: button::Status| {
        let p = theme.extended_palette();
        let base = if active { p.background.base } else { p.primary.base };
        let background = match status {
            button::Status::Hovered | button::Status::Pressed if !active => p.primary.strong.color,
            _ => base.color,
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: base.text,
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}

pub fn muted(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().background.strong.text.scale_alpha(0.7)),
    }
}
