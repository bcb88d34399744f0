//! Quick keys: the grid of favourite products on the sale screen (one tap adds one), and the manager's editor in
//! Inventory that puts the picked product at a position or takes it off.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::Notice;
use crate::app::AppError;
use crate::app::quick_keys::{self, Shown};
use crate::domain::catalog::ProductId;
use crate::domain::quick_keys::MAX;
use crate::store::ProductRecord;
use iced::widget::{Row, button, column, container, image, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

/// A key's size: two lines of a name and the price, wide enough for a thumb.
const KEY_WIDTH: f32 = 136.0;
const KEY_HEIGHT: f32 = 76.0;
/// The grid's most height on the sale screen: three rows of keys.
pub const GRID_HEIGHT: f32 = 3.0 * KEY_HEIGHT + 2.0 * 6.0;
/// The position field's id in Inventory.
pub const POSITION: &str = "quick-key-position";

/// The product's photo for its key: the thumbnail [`load`] read with the keys (none when it has no photo).
pub fn quick_key_picture(record: &ProductRecord) -> Option<image::Handle> {
    super::thumbs::product_thumbnail(&record.product)
}

/// The grid: keys by position, wrapping to as many per row as the width holds.
pub fn grid<'a, M: Clone + 'a>(keys: &'a [Shown], i18n: &I18n, on_tap: impl Fn(ProductId) -> M) -> Element<'a, M> {
    let buttons = keys.iter().filter_map(|k| {
        let id = k.record.product.id?;
        // A long name keeps to the lines above the price: the rest is cut, never drawn over the price.
        let name = container(
            text(k.record.product.names.get(i18n.lang()).to_string())
                .size(theme::SMALL)
                .wrapping(text::Wrapping::WordOrGlyph),
        )
        .height(Length::Fill)
        .clip(true);
        let price = text(i18n.money(k.record.product.price)).size(theme::SMALL);
        let words = column![name, price].spacing(2).width(Length::Fill);
        let face: Element<'a, M> = match quick_key_picture(&k.record) {
            Some(picture) => row![image(picture).width(40).height(40), words]
                .spacing(6)
                .align_y(Alignment::Center)
                .into(),
            None => words.into(),
        };
        Some(
            button(container(face).clip(true))
                .width(KEY_WIDTH)
                .height(KEY_HEIGHT)
                .padding(6)
                .style(button::secondary)
                .on_press(on_tap(id))
                .into(),
        )
    });
    Row::with_children(buttons).spacing(6).wrap().vertical_spacing(6).into()
}

/// Loads the grid.
pub fn load<M: Send + 'static>(
    services: &Services,
    to: impl FnOnce(Result<Vec<Shown>, AppError>) -> M + Send + 'static,
) -> Task<M> {
    services.task(
        |ctx| {
            let keys = quick_keys::list(ctx)?;
            // The keys' photos are decoded here, off the window's thread, so the grid only reads the cache.
            let ids: Vec<ProductId> = keys.iter().filter_map(|k| k.record.product.id).collect();
            super::thumbs::load(ctx, &ids)?;
            Ok(keys)
        },
        to,
    )
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Where the picked product sits now (none: not a quick key).
    Position(Result<Option<u8>, AppError>),
    /// The position being typed.
    Text(String),
    /// Put the product at the typed position (the first free one when empty).
    Set,
    /// Take the product off the grid.
    Clear,
    /// The change was stored: the product's position now, and the product it replaced there.
    Saved(Result<(Option<u8>, Option<String>), AppError>),
}

/// The editor for the product picked in Inventory.
#[derive(Debug, Default)]
pub struct Editor {
    product: Option<ProductId>,
    pub pos: Option<u8>,
    text: String,
    pub notice: Option<Notice>,
}

impl Editor {
    /// A product was picked: read where it sits.
    pub fn pick(&mut self, product: Option<ProductId>, services: &Services) -> Task<Message> {
        *self = Editor {
            product,
            ..Editor::default()
        };
        match product {
            Some(id) => services.task(move |ctx| quick_keys::position(ctx, id), Message::Position),
            None => Task::none(),
        }
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        let Some(id) = self.product else {
            return Task::none();
        };
        match message {
            Message::Position(result) => {
                match result {
                    Ok(pos) => self.pos = pos,
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Task::none()
            }
            Message::Text(t) => {
                self.text = t.chars().filter(char::is_ascii_digit).take(3).collect();
                Task::none()
            }
            Message::Set => {
                let pos = self.text.parse::<u32>().ok();
                services.task(
                    move |ctx| {
                        let lang = ctx.lang;
                        let displaced = quick_keys::set(ctx, id, pos)?;
                        let now = quick_keys::position(ctx, id)?;
                        Ok((now, displaced.map(|d| d.product.names.get(lang).to_string())))
                    },
                    Message::Saved,
                )
            }
            Message::Clear => services.task(
                move |ctx| {
                    quick_keys::clear(ctx, id)?;
                    Ok((None, None))
                },
                Message::Saved,
            ),
            Message::Saved(result) => {
                if let Ok((pos, _)) = &result {
                    self.pos = *pos;
                    self.text.clear();
                }
                self.notice = Some(match result {
                    Ok((Some(pos), None)) => Notice::new(Tone::Good, "till-qk-set").with("pos", pos.to_string()),
                    Ok((Some(pos), Some(name))) => Notice::new(Tone::Good, "till-qk-replaced")
                        .with("pos", pos.to_string())
                        .with("name", name),
                    Ok((None, _)) => Notice::new(Tone::Good, "till-qk-cleared"),
                    Err(e) => Notice::error(&e),
                });
                Task::none()
            }
        }
    }

    /// The product's place on the grid and, where the grid is set here (not on a joined till, whose quick keys
    /// come from the back office), the controls that change it.
    pub fn view<'a>(&'a self, editable: bool, i18n: &I18n) -> Element<'a, Message> {
        let state = match self.pos {
            Some(pos) => i18n.tr_args("till-qk-at", &[("pos", pos.to_string())]),
            None => i18n.tr("till-qk-none"),
        };
        if !editable {
            return text(state).size(theme::TEXT).into();
        }
        let hint = i18n.tr_args("till-qk-hint", &[("max", MAX.to_string())]);
        let mut controls = row![
            text_input(&hint, &self.text)
                .id(POSITION)
                .on_input(Message::Text)
                .on_submit(Message::Set)
                .size(theme::TEXT)
                .padding(10)
                // Room for "Место 1–24" and "Position 1–24" inside the padding.
                .width(150),
            super::widgets::big(i18n.tr("till-qk-set-button"), Some(Message::Set)).style(button::primary),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.pos.is_some() {
            controls = controls.push(
                super::widgets::big(i18n.tr("till-qk-clear-button"), Some(Message::Clear)).style(button::secondary),
            );
        }
        let mut col = column![text(state).size(theme::TEXT), controls.wrap().vertical_spacing(8)].spacing(8);
        col = col.push(super::widgets::notice(&self.notice, i18n));
        col.into()
    }
}
