//! Small view pieces the screens share: notices, big buttons, money rows, labelled fields.

use super::i18n::I18n;
use super::theme::{self, Tone};
use crate::app::AppError;
use iced::widget::{button, column, container, responsive, row, space, text, text_input};
use iced::{Alignment, Element, Length};

/// A product's thumbnail for any list (see `ui::thumbs`).
pub use super::thumbs::{product_thumbnail, thumb_view};

/// A message shown on a screen, kept as a key and arguments so it follows a language switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub tone: Tone,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Notice {
    pub fn new(tone: Tone, key: &'static str) -> Self {
        Notice {
            tone,
            key,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// An error from a use case, in the chosen language (see [`super::errors::notice`]).
    pub fn error(e: &AppError) -> Self {
        super::errors::notice(e)
    }

    pub fn text(&self, i18n: &I18n) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        i18n.tr_args(self.key, &args)
    }
}

pub fn notice<'a, M: 'a>(n: &Option<Notice>, i18n: &I18n) -> Element<'a, M> {
    match n {
        Some(n) => container(text(n.text(i18n)).size(theme::TEXT))
            .padding(10)
            .width(Length::Fill)
            .style(theme::notice(n.tone))
            .into(),
        None => space().height(0).into(),
    }
}

/// A button at least one finger tall.
pub fn big<'a, M: Clone + 'a>(label: String, on_press: Option<M>) -> button::Button<'a, M> {
    button(container(text(label).size(theme::TEXT)).center_y(Length::Fill))
        .height(theme::TOUCH)
        .padding([0, 16])
        .on_press_maybe(on_press)
}

/// `label ........ value` on one line; the label wraps, the value keeps its place.
pub fn pair<'a, M: 'a>(label: String, value: String, size: f32) -> Element<'a, M> {
    row![text(label).size(size).width(Length::Fill), text(value).size(size)]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
}

/// A total's label and its amount (Total, Change, Refund…), laid out so the amount never runs into the label
/// nor out of its box, up to 99 999 999,99 som at the smallest window: side by side when both fit the width
/// they get, else the label above the amount; the amount's type shrinks only when even a line of its own is too
/// narrow. The width is estimated from the characters (generously, so a guess errs towards stacking), because
/// the view cannot measure text.
pub fn total_row<'a, M: 'a>(label: String, amount: String, size: f32) -> Element<'a, M> {
    responsive(move |space| {
        let width = space.width;
        let gap = 12.0;
        let amount_width = estimated_width(&amount, size);
        if estimated_width(&label, size) + gap + amount_width <= width {
            return row![
                text(label.clone())
                    .size(size)
                    .wrapping(text::Wrapping::None)
                    .width(Length::Fill),
                text(amount.clone()).size(size).wrapping(text::Wrapping::None),
            ]
            .spacing(gap)
            .align_y(Alignment::Center)
            .into();
        }
        let fitted = fit_size(&amount, size, width);
        column![
            text(label.clone()).size(size.min(theme::TEXT)),
            container(text(amount.clone()).size(fitted).wrapping(text::Wrapping::None)).align_right(Length::Fill),
        ]
        .spacing(2)
        .into()
    })
    .height(Length::Shrink)
    .into()
}

/// The largest type size, up to `size`, at which `s` fits in `width` on one line.
pub fn fit_size(s: &str, size: f32, width: f32) -> f32 {
    let natural = estimated_width(s, size);
    if natural <= width {
        size
    } else {
        (size * width / natural).floor().max(1.0)
    }
}

/// A generous guess of how wide `s` is at `size` px in the bundled DejaVu Sans: digits are 0.64 em (they are
/// tabular), spaces and punctuation about a third, letters at most 0.75 em lower case and 1 em upper case.
pub fn estimated_width(s: &str, size: f32) -> f32 {
    let em: f32 = s
        .chars()
        .map(|c| match c {
            '0'..='9' => 0.64,
            ' ' | '\u{a0}' | '\u{202f}' | ',' | '.' | ':' | ';' | '\'' => 0.34,
            c if c.is_uppercase() => 1.0,
            _ => 0.75,
        })
        .sum();
    em * size
}

/// A labelled text field.
pub fn field<'a, M: Clone + 'a>(
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    id: Option<&'static str>,
) -> Element<'a, M> {
    let mut input = text_input("", value).on_input(on_input).size(theme::TEXT).padding(10);
    if let Some(id) = id {
        input = input.id(id);
    }
    iced::widget::column![text(label).size(theme::SMALL), input]
        .spacing(4)
        .into()
}
