//! The Reports screen: today's and this month's net sales by category or by artisan, with a bar chart.

use super::i18n::I18n;
use super::services::Services;
use super::theme;
use super::widgets::{Notice, notice, pair};
use crate::app::AppError;
use crate::app::reports::{self, Bar, Summary};
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::prelude::ToPrimitive;

#[derive(Debug, Clone)]
pub enum Message {
    /// Read the figures again.
    Refresh,
    /// Group by artisan (true) or by category (false).
    ByArtisan(bool),
    /// The figures.
    Loaded(Result<Summary, AppError>),
}

#[derive(Debug, Default)]
pub struct Reports {
    pub by_artisan: bool,
    pub summary: Summary,
    pub notice: Option<Notice>,
}

impl Reports {
    pub fn load(&self, services: &Services) -> Task<Message> {
        let by_artisan = self.by_artisan;
        services.task(move |ctx| reports::summary(ctx, by_artisan), Message::Loaded)
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Refresh => self.load(services),
            Message::ByArtisan(b) => {
                self.by_artisan = b;
                self.load(services)
            }
            Message::Loaded(Ok(summary)) => {
                self.summary = summary;
                self.notice = None;
                Task::none()
            }
            Message::Loaded(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Task::none()
            }
        }
    }

    /// Bars scaled to the largest; a row of text, a bar and the amount.
    fn chart<'a>(title: String, total: String, bars: &'a [Bar], i18n: &I18n) -> Element<'a, Message> {
        let max = bars
            .iter()
            .map(|b| b.net.amount())
            .max()
            .and_then(|m| m.to_f32())
            .unwrap_or(0.0);
        let mut col = column![pair(title, total, theme::BIG)].spacing(6);
        if bars.is_empty() {
            col = col.push(text(i18n.tr("no-sales")).size(theme::TEXT));
        }
        for b in bars {
            let share = if max > 0.0 {
                (b.net.amount().to_f32().unwrap_or(0.0) / max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let fill = (share * 100.0).round() as u16;
            let bar = row![
                container(space().height(18))
                    .width(Length::FillPortion(fill.max(1)))
                    .style(theme::bar),
                space().width(Length::FillPortion(100 - fill.min(99))),
            ];
            col = col.push(
                row![
                    text(b.name.clone()).size(theme::SMALL).width(220),
                    container(bar).width(Length::Fill),
                    text(i18n.money(b.net)).size(theme::SMALL).width(140),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        container(col).padding(12).style(theme::card).width(Length::Fill).into()
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let toggle = |label: String, artisan: bool| {
            button(text(label).size(theme::TEXT))
                .style(theme::nav(self.by_artisan == artisan))
                .padding([8, 12])
                .on_press(Message::ByArtisan(artisan))
        };
        let s = &self.summary;
        let day = s.day.map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_default();
        column![
            row![
                text(i18n.tr("nav-reports")).size(theme::BIG),
                space::horizontal(),
                toggle(i18n.tr("by-category"), false),
                toggle(i18n.tr("by-artisan"), true),
                button(text(i18n.tr("refresh")).size(theme::TEXT))
                    .style(button::secondary)
                    .padding([8, 12])
                    .on_press(Message::Refresh),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            notice(&self.notice, i18n),
            scrollable(
                column![
                    Self::chart(
                        format!("{} {day}", i18n.tr("report-today")),
                        i18n.money(s.today_total()),
                        &s.today,
                        i18n
                    ),
                    Self::chart(i18n.tr("report-month"), i18n.money(s.month_total()), &s.month, i18n),
                ]
                .spacing(16)
            ),
        ]
        .spacing(12)
        .padding(16)
        .into()
    }
}
