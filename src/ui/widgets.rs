//! Small view pieces the screens share: notices, big buttons, money rows, labelled fields.

use super::i18n::I18n;
use super::theme::{self, Tone};
use crate::app::AppError;
use crate::domain::catalog::CatalogError;
use iced::widget::{button, container, row, space, text, text_input};
use iced::{Alignment, Element, Length};

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

    /// An error from a use case: unknown barcodes get their own words, the rest shows the reason.
    pub fn error(e: &AppError) -> Self {
        match e {
            AppError::UnknownBarcode(code) => Notice::new(Tone::Bad, "unknown-barcode").with("code", code.clone()),
            AppError::ReceiptNotFound(no, _) => {
                Notice::new(Tone::Bad, "receipt-not-found").with("number", no.to_string())
            }
            AppError::Cart(crate::domain::cart::CartError::Unit(CatalogError::WholeOnly { name, qty }))
            | AppError::Catalog(CatalogError::WholeOnly { name, qty }) => Notice::new(Tone::Bad, "whole-only")
                .with("name", name.clone())
                .with("qty", qty.to_string().replace('.', ",")),
            other => Notice::new(Tone::Bad, "error").with("reason", other.to_string()),
        }
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
