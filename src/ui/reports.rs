//! The Reports screen: today's and this month's net sales by category or by artisan, with a bar chart.

use super::i18n::I18n;
use super::services::Services;
use super::theme;
use super::widgets::{Notice, notice, pair};
use crate::app::reports::{self, Bar, Summary};
use crate::app::{AppError, artisans};
use crate::domain::artisan::Statement;
use crate::domain::money::Som;
use chrono::Datelike;
use iced::widget::{button, column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::prelude::ToPrimitive;

pub const PAY_AMOUNT: &str = "payout-amount";

#[derive(Debug, Clone)]
pub enum Message {
    /// Read the figures again.
    Refresh,
    /// Group by artisan (true) or by category (false).
    ByArtisan(bool),
    /// The figures, with this month's artisan statements.
    Loaded(Result<(Summary, Vec<Statement>), AppError>),
    /// Pick the artisan to pay.
    PickArtisan(String),
    /// The payout amount changed.
    PayAmount(String),
    /// Pay the picked artisan in cash from the drawer.
    Pay,
    /// The payout was recorded (its slip is queued for printing).
    Paid(Result<artisans::Paid, AppError>),
}

#[derive(Debug, Default)]
pub struct Reports {
    pub by_artisan: bool,
    pub summary: Summary,
    /// This month's statements, one per artisan.
    pub statements: Vec<Statement>,
    pub pay_artisan: Option<String>,
    pay_amount: String,
    pub notice: Option<Notice>,
}

impl Reports {
    pub fn load(&self, services: &Services) -> Task<Message> {
        let by_artisan = self.by_artisan;
        services.task(
            move |ctx| {
                let summary = reports::summary(ctx, by_artisan)?;
                let to = summary.day.unwrap_or(ctx.now.date_naive());
                let from = to.with_day(1).unwrap_or(to);
                Ok((summary, artisans::statements(ctx, from, to, None)?))
            },
            Message::Loaded,
        )
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Refresh => self.load(services),
            Message::ByArtisan(b) => {
                self.by_artisan = b;
                self.load(services)
            }
            Message::Loaded(Ok((summary, statements))) => {
                self.summary = summary;
                self.statements = statements;
                Task::none()
            }
            Message::Loaded(Err(e)) | Message::Paid(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Task::none()
            }
            Message::PickArtisan(code) => {
                self.pay_artisan = Some(code);
                Task::none()
            }
            Message::PayAmount(t) => {
                self.pay_amount = t;
                Task::none()
            }
            Message::Pay => {
                let Some(code) = self.pay_artisan.clone() else {
                    return Task::none();
                };
                match Som::parse(&self.pay_amount) {
                    Ok(amount) => services.task(move |ctx| artisans::pay(ctx, &code, amount, ""), Message::Paid),
                    Err(e) => {
                        self.notice = Some(Notice::new(theme::Tone::Bad, "error").with("reason", e.to_string()));
                        Task::none()
                    }
                }
            }
            Message::Paid(Ok(paid)) => {
                self.pay_amount.clear();
                self.notice = Some(
                    Notice::new(theme::Tone::Good, "payout-done")
                        .with("amount", paid.payout.amount.plain())
                        .with("artisan", paid.payout.artisan.clone())
                        .with("balance", paid.balance_after.plain()),
                );
                self.load(services)
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

    /// This month's statements with a pay form for the picked artisan.
    fn payouts<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let mut col = column![
            row![
                text(i18n.tr("artisan-statements")).size(theme::BIG).width(Length::Fill),
                text(i18n.tr("statement-owed")).size(theme::SMALL).width(140),
                text(i18n.tr("statement-paid")).size(theme::SMALL).width(140),
                text(i18n.tr("statement-balance")).size(theme::SMALL).width(140),
            ]
            .spacing(8)
        ]
        .spacing(6);
        for s in &self.statements {
            let picked = self.pay_artisan.as_deref() == Some(s.artisan.as_str());
            col = col.push(
                button(
                    row![
                        text(format!("{} · {}", s.artisan, s.name))
                            .size(theme::TEXT)
                            .width(Length::Fill),
                        text(i18n.money(s.totals.owed)).size(theme::TEXT).width(140),
                        text(i18n.money(s.already_paid)).size(theme::TEXT).width(140),
                        text(i18n.money(s.balance)).size(theme::TEXT).width(140),
                    ]
                    .spacing(8),
                )
                .style(theme::nav(picked))
                .width(Length::Fill)
                .on_press(Message::PickArtisan(s.artisan.clone())),
            );
        }
        if self.pay_artisan.is_some() {
            col = col.push(
                row![
                    text_input(&i18n.tr("payout-amount"), &self.pay_amount)
                        .id(PAY_AMOUNT)
                        .on_input(Message::PayAmount)
                        .on_submit(Message::Pay)
                        .size(theme::TEXT)
                        .padding(8)
                        .width(200),
                    button(text(i18n.tr("payout-pay")).size(theme::TEXT))
                        .style(button::success)
                        .padding([8, 12])
                        .on_press(Message::Pay),
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
                    self.payouts(i18n),
                ]
                .spacing(16)
            ),
        ]
        .spacing(12)
        .padding(16)
        .into()
    }
}
