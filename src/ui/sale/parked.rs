//! Parked carts: the name a cart is parked under (typed, or "Cart 2" in the language shown) and the list to
//! take one back, each with its name, when it was parked and its first items.

use super::Message;
use crate::app::{Ctx, till};
use crate::store::Parked;
use crate::ui::i18n::I18n;
use crate::ui::theme;
use crate::ui::widgets::big;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

/// The name field's id.
pub const NAME: &str = "park-name";

/// The name being typed for the cart about to be parked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    pub typed: String,
    default: String,
}

impl Naming {
    pub fn new(default: String) -> Self {
        Naming {
            typed: String::new(),
            default,
        }
    }

    /// What the cart is parked as: the typed name, or the default when nothing is typed.
    pub fn label(&self) -> String {
        match self.typed.trim() {
            "" => self.default.clone(),
            typed => typed.to_string(),
        }
    }
}

/// "Cart N" in the till's language, with the smallest N no cart parked now is named in any language (a cart
/// parked as "Чек 1" before a switch to English makes the next one "Cart 2").
pub fn default_name(ctx: &mut Ctx<'_>) -> crate::app::Result<String> {
    use crate::domain::catalog::Lang;
    let parked = till::parked(ctx)?;
    let languages = [Lang::Ky, Lang::Ru, Lang::En].map(I18n::new);
    let name = |i18n: &I18n, n: usize| i18n.tr_args("till-park-default", &[("number", n.to_string())]);
    let free = (1..)
        .find(|n| {
            languages
                .iter()
                .all(|i18n| parked.iter().all(|p| p.label != name(i18n, *n)))
        })
        .unwrap_or(1);
    Ok(name(&I18n::new(ctx.lang), free))
}

/// The name field with its confirmation, shown after "Park".
pub fn naming_view<'a>(naming: &'a Naming, i18n: &I18n) -> Element<'a, Message> {
    let field = text_input(&naming.default, &naming.typed)
        .id(NAME)
        .on_input(Message::ParkName)
        .on_submit(Message::ParkConfirm)
        .size(theme::TEXT)
        .padding(10)
        .width(Length::Fill);
    let col = column![
        text(i18n.tr("till-park-name")).size(theme::TEXT),
        row![
            field,
            big(i18n.tr("till-park-confirm"), Some(Message::ParkConfirm)).style(button::primary),
            big(i18n.tr("approval-cancel"), Some(Message::Escape)).style(button::secondary),
        ]
        .spacing(6)
        .align_y(Alignment::Center),
    ]
    .spacing(6);
    container(col).padding(10).style(theme::card).into()
}

/// When a cart was parked, as the shop's clock showed it (`12:05`).
fn time_of(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

/// The parked carts, each a button that takes it back.
pub fn list_view<'a>(parked: &'a [Parked], i18n: &I18n) -> Element<'a, Message> {
    let mut col = column![text(i18n.tr("parked-carts")).size(theme::TEXT)].spacing(6);
    if parked.is_empty() {
        col = col.push(text(i18n.tr("no-parked")).style(theme::muted));
    }
    for p in parked {
        let label = format!(
            "{} · {} · {} · {}",
            p.label,
            time_of(&p.parked_at),
            p.cart.active_lines().count(),
            i18n.money(p.cart.totals().total)
        );
        // The first items tell the cashier whose cart it is ("the lady with the shyrdak").
        let items: Vec<String> = p
            .cart
            .active_lines()
            .take(3)
            .map(|l| l.product.shown_name(i18n.lang()))
            .collect();
        col = col.push(
            button(column![
                text(label).size(theme::TEXT),
                text(items.join(", ")).size(theme::SMALL).style(theme::muted),
            ])
            .padding([6, 16])
            .width(Length::Fill)
            .style(button::secondary)
            .on_press(Message::Resume(p.id)),
        );
    }
    container(col).padding(10).style(theme::card).into()
}
