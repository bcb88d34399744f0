//! Stocktake: scan each item (every scan counts one) or type a quantity, see expected against counted and the
//! variance in pieces and in money, then apply the differences as count movements.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice, pair};
use crate::app::{AppError, checkout, inventory};
use crate::domain::catalog::ProductId;
use crate::domain::money::{Som, parse_decimal};
use crate::domain::rounding::round_line;
use crate::store::ProductRecord;
use iced::widget::{Id, button, column, container, operation, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::Decimal;

pub const SCAN: &str = "count-scan";

#[derive(Debug, Clone)]
pub enum Message {
    /// The scan field changed.
    Input(String),
    /// Enter in the scan field.
    Submit,
    /// A code from a serial scanner.
    Scanned(String),
    /// The product for a code: counted one more.
    Found(Result<Box<ProductRecord>, AppError>),
    /// A quantity typed for a product.
    SetQty(ProductId, String),
    /// Apply all differences as count movements.
    Apply,
    /// How many movements were written.
    Applied(Result<usize, AppError>),
    /// Forget this count and start again.
    Clear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub record: ProductRecord,
    pub counted: Decimal,
    pub typed: String,
}

impl Counted {
    pub fn variance(&self) -> Decimal {
        self.counted - self.record.on_hand
    }

    pub fn variance_money(&self) -> Som {
        Som(round_line(self.variance() * self.record.product.price.amount()))
    }
}

#[derive(Debug, Default)]
pub struct Stocktake {
    input: String,
    pub counts: Vec<Counted>,
    pub notice: Option<Notice>,
}

impl Stocktake {
    pub fn focus<T>() -> Task<T> {
        operation::focus(Id::new(SCAN))
    }

    fn lookup(&self, code: String, services: &Services) -> Task<Message> {
        services.task(
            move |ctx| checkout::lookup(ctx, &code),
            |r| Message::Found(r.map(Box::new)),
        )
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Input(t) => {
                self.input = t;
                Task::none()
            }
            Message::Submit => {
                let code = std::mem::take(&mut self.input).trim().to_string();
                if code.is_empty() {
                    return Self::focus();
                }
                Task::batch([self.lookup(code, services), Self::focus()])
            }
            Message::Scanned(code) => self.lookup(code, services),
            Message::Found(result) => {
                match result {
                    Ok(record) => {
                        let name = record.product.names.ky.clone();
                        match self
                            .counts
                            .iter_mut()
                            .find(|c| c.record.product.id == record.product.id)
                        {
                            Some(c) => {
                                c.counted += Decimal::ONE;
                                c.typed = c.counted.normalize().to_string();
                            }
                            None => self.counts.insert(
                                0,
                                Counted {
                                    record: *record,
                                    counted: Decimal::ONE,
                                    typed: "1".into(),
                                },
                            ),
                        }
                        self.notice = Some(Notice::new(Tone::Good, "counted").with("name", name));
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Self::focus()
            }
            Message::SetQty(id, t) => {
                if let Some(c) = self.counts.iter_mut().find(|c| c.record.product.id == Some(id)) {
                    if let Some(q) = parse_decimal(&t).filter(|q| *q >= Decimal::ZERO) {
                        c.counted = q;
                    }
                    c.typed = t;
                }
                Task::none()
            }
            Message::Apply => {
                let counts: Vec<(ProductId, Decimal)> = self
                    .counts
                    .iter()
                    .filter_map(|c| Some((c.record.product.id?, c.counted)))
                    .collect();
                if counts.is_empty() {
                    return Self::focus();
                }
                services.task(move |ctx| inventory::apply_stocktake(ctx, &counts), Message::Applied)
            }
            Message::Applied(result) => {
                match result {
                    Ok(n) => {
                        self.counts.clear();
                        self.notice = Some(Notice::new(Tone::Good, "stocktake-applied").with("count", n.to_string()));
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Self::focus()
            }
            Message::Clear => {
                *self = Stocktake::default();
                Self::focus()
            }
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let scan = text_input(&i18n.tr("count-placeholder"), &self.input)
            .id(SCAN)
            .on_input(Message::Input)
            .on_submit(Message::Submit)
            .size(theme::BIG)
            .padding(12);
        let header = row![
            text(i18n.tr("product")).size(theme::SMALL).width(Length::Fill),
            text(i18n.tr("expected")).size(theme::SMALL).width(110),
            text(i18n.tr("counted-header")).size(theme::SMALL).width(100),
            // Wide enough for "Расхождение" at this size (90 px cut it).
            text(i18n.tr("variance")).size(theme::SMALL).width(120),
            text(i18n.tr("variance-money")).size(theme::SMALL).width(150),
        ]
        .spacing(8);
        let mut list = column![header].spacing(6);
        for c in &self.counts {
            let Some(id) = c.record.product.id else { continue };
            let variance = c.variance();
            let v = text(format!("{:+}", variance.normalize())).size(theme::TEXT).width(120);
            let v = if variance.is_zero() { v } else { v.style(text::danger) };
            list = list.push(
                container(
                    row![
                        text(c.record.product.shown_name(i18n.lang()))
                            .size(theme::TEXT)
                            .width(Length::Fill),
                        text(c.record.on_hand.normalize().to_string())
                            .size(theme::TEXT)
                            .width(110),
                        text_input("", &c.typed)
                            .on_input(move |t| Message::SetQty(id, t))
                            .size(theme::TEXT)
                            .padding(8)
                            .width(100),
                        v,
                        text(i18n.money(c.variance_money())).size(theme::TEXT).width(150),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                )
                .padding(6)
                .style(theme::card),
            );
        }
        let total: Som = self.counts.iter().map(Counted::variance_money).sum();
        let summary = column![
            pair(i18n.tr("items-counted"), self.counts.len().to_string(), theme::TEXT),
            text(i18n.tr("variance-money")).size(theme::TEXT),
            text(i18n.money(total)).size(theme::BIG),
            big(
                i18n.tr("apply-count"),
                (!self.counts.is_empty()).then_some(Message::Apply)
            )
            .width(Length::Fill)
            .style(button::success),
            big(i18n.tr("cancel"), Some(Message::Clear))
                .width(Length::Fill)
                .style(button::secondary),
        ]
        .spacing(10);
        row![
            column![
                text(i18n.tr("stocktake")).size(theme::BIG),
                scan,
                notice(&self.notice, i18n),
                scrollable(list)
            ]
            .spacing(10)
            .width(Length::FillPortion(3)),
            // Wide enough for "Провести инвентаризацию" on one line; a quarter of 1024 px wrapped it.
            container(summary)
                .padding(16)
                .style(theme::card)
                .width(Length::Fixed(330.0)),
        ]
        .spacing(16)
        .padding(16)
        .into()
    }
}
