//! The Reports screen: a range of business days (today = the open day; quick choices or typed dates), and one
//! view at a time, the highlighted toggle: best sellers with margin where a cost is known (managers only), totals
//! by cashier, by payment kind, net sales by category or artisan (with the artisans' statements and payouts),
//! and the open day's X report split into cash, card and QR.

use super::i18n::I18n;
use super::services::Services;
use super::theme;
use super::widgets::{Notice, notice, pair};
use crate::app::reports::{self, Bar, Period, Range, SalesReport};
use crate::app::{AppError, artisans, day};
use crate::domain::artisan::Statement;
use crate::domain::currency::Currency;
use crate::domain::day::DayReport;
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use chrono::NaiveDate;
use iced::widget::{button, column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::prelude::ToPrimitive;

pub const PAY_AMOUNT: &str = "payout-amount";
pub const FROM: &str = "report-from";
pub const TO: &str = "report-to";

/// What the screen shows below the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Products,
    Cashiers,
    Payments,
    Categories,
    Artisans,
    XReport,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Products,
        View::Cashiers,
        View::Payments,
        View::Categories,
        View::Artisans,
        View::XReport,
    ];

    fn key(self) -> &'static str {
        match self {
            View::Products => "rep-view-products",
            View::Cashiers => "rep-view-cashiers",
            View::Payments => "rep-view-payments",
            View::Categories => "by-category",
            View::Artisans => "by-artisan",
            View::XReport => "x-report",
        }
    }
}

fn period_key(p: Period) -> &'static str {
    match p {
        Period::Today => "rep-today",
        Period::Yesterday => "rep-yesterday",
        Period::Week => "rep-week",
        Period::Month => "rep-month",
    }
}

/// Everything the screen shows for one range.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub today: NaiveDate,
    pub range: Range,
    pub sales: SalesReport,
    pub categories: Vec<Bar>,
    pub artisans: Vec<Bar>,
    /// The artisans' statements over the range.
    pub statements: Vec<Statement>,
    /// The open day's X report; none when no day is open.
    pub x: Option<DayReport>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Read the figures again.
    Refresh,
    /// A quick range counted from the business day.
    Period(Period),
    /// The first day typed.
    From(String),
    /// The last day typed.
    To(String),
    /// Show the typed range.
    ApplyRange,
    /// Show this view.
    View(View),
    /// The figures of the range.
    Loaded(Result<Box<Loaded>, AppError>),
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
    pub view: View,
    /// The quick choice the range came from; `None` for typed dates.
    pub period: Option<Period>,
    /// The typed range, when the dates were typed.
    typed: Option<Range>,
    pub from: String,
    pub to: String,
    pub loaded: Option<Loaded>,
    pub pay_artisan: Option<String>,
    pay_amount: String,
    pub notice: Option<Notice>,
}

/// `28.11.2026` as people type it, or `2026-11-28`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

fn shown(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

impl Reports {
    /// The range on show, once loaded.
    pub fn range(&self) -> Option<Range> {
        self.loaded.as_ref().map(|l| l.range)
    }

    pub fn load(&self, services: &Services) -> Task<Message> {
        let period = self.period;
        let typed = self.typed;
        services.task(
            move |ctx| {
                let today = reports::business_today(ctx)?;
                let range = match typed {
                    Some(r) => r,
                    None => period.unwrap_or(Period::Today).range(today),
                };
                let x = match day::current(ctx)? {
                    Some(_) => Some(day::x_report(ctx)?),
                    None => None,
                };
                Ok(Box::new(Loaded {
                    today,
                    range,
                    sales: reports::sales(ctx, range)?,
                    categories: reports::bars(ctx, range, false)?,
                    artisans: reports::bars(ctx, range, true)?,
                    statements: artisans::statements(ctx, range.from, range.to, None)?,
                    x,
                }))
            },
            Message::Loaded,
        )
    }

    fn bad(&mut self, key: &'static str, args: &[(&'static str, String)]) {
        let mut n = Notice::new(theme::Tone::Bad, key);
        for (k, v) in args {
            n = n.with(k, v.clone());
        }
        self.notice = Some(n);
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Refresh => self.load(services),
            Message::Period(p) => {
                self.period = Some(p);
                self.typed = None;
                self.notice = None;
                self.load(services)
            }
            Message::From(t) => {
                self.from = t;
                Task::none()
            }
            Message::To(t) => {
                self.to = t;
                Task::none()
            }
            Message::ApplyRange => {
                let (Some(from), Some(to)) = (parse_date(&self.from), parse_date(&self.to)) else {
                    let wrong = if parse_date(&self.from).is_none() {
                        self.from.clone()
                    } else {
                        self.to.clone()
                    };
                    self.bad("rep-bad-date", &[("text", wrong)]);
                    return Task::none();
                };
                if from > to {
                    self.bad("rep-reversed", &[("from", shown(from)), ("to", shown(to))]);
                    return Task::none();
                }
                self.typed = Some(Range { from, to });
                self.period = None;
                self.notice = None;
                self.load(services)
            }
            Message::View(v) => {
                self.view = v;
                Task::none()
            }
            Message::Loaded(Ok(loaded)) => {
                self.from = shown(loaded.range.from);
                self.to = shown(loaded.range.to);
                // A typed range that is exactly a quick choice lights that choice.
                if self.period.is_none() {
                    self.period = Period::ALL.into_iter().find(|p| p.range(loaded.today) == loaded.range);
                }
                self.loaded = Some(*loaded);
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
    fn chart<'a>(title: String, bars: &'a [Bar], i18n: &I18n) -> Element<'a, Message> {
        let max = bars
            .iter()
            .map(|b| b.net.amount())
            .max()
            .and_then(|m| m.to_f32())
            .unwrap_or(0.0);
        let total: Som = bars.iter().map(|b| b.net).sum();
        let mut col = column![pair(title, i18n.money(total), theme::BIG)].spacing(6);
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
        card(col)
    }

    /// The range's artisan statements with a pay form for the picked artisan.
    fn payouts<'a>(&'a self, statements: &'a [Statement], i18n: &I18n) -> Element<'a, Message> {
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
        for s in statements {
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
        card(col)
    }

    /// The best sellers; cost and margin columns only for a viewer who may see costs.
    fn products<'a>(r: &'a SalesReport, i18n: &I18n) -> Element<'a, Message> {
        let no_cost = i18n.tr("rep-no-cost");
        let head = |k: &str| text(i18n.tr(k)).size(theme::SMALL);
        let mut header = row![
            head("rep-product").width(Length::Fill),
            head("rep-qty").width(80),
            head("rep-revenue").width(150)
        ]
        .spacing(8);
        if r.costs_shown {
            header = header
                .push(head("rep-cost").width(150))
                .push(head("rep-margin").width(150));
        }
        let mut col = column![
            pair(i18n.tr("rep-view-products"), i18n.money(r.revenue), theme::BIG),
            header
        ]
        .spacing(6);
        if r.products.is_empty() {
            col = col.push(text(i18n.tr("no-sales")).size(theme::TEXT));
        }
        for p in &r.products {
            let mut line = row![
                text(p.name.clone()).size(theme::TEXT).width(Length::Fill),
                text(p.qty.normalize().to_string().replace('.', ","))
                    .size(theme::TEXT)
                    .width(80),
                text(i18n.money(p.revenue)).size(theme::TEXT).width(150),
            ]
            .spacing(8);
            if r.costs_shown {
                let or_none = |s: Option<Som>| s.map_or_else(|| no_cost.clone(), |s| i18n.money(s));
                line = line
                    .push(text(or_none(p.cost)).size(theme::TEXT).width(150))
                    .push(text(or_none(p.margin)).size(theme::TEXT).width(150));
            }
            col = col.push(line);
        }
        if r.costs_shown {
            col = col.push(
                text(i18n.tr_args(
                    "rep-margin-summary",
                    &[
                        ("margin", crate::ui::i18n::money_arg(r.margin)),
                        ("revenue", crate::ui::i18n::money_arg(r.costed_revenue)),
                        ("uncosted", r.uncosted.to_string()),
                    ],
                ))
                .size(theme::SMALL),
            );
        }
        card(col)
    }

    fn cashiers<'a>(r: &'a SalesReport, i18n: &I18n) -> Element<'a, Message> {
        let head = |k: &str| text(i18n.tr(k)).size(theme::SMALL);
        let net: Som = r.cashiers.iter().map(|c| c.net).sum();
        let mut col = column![
            pair(i18n.tr("rep-view-cashiers"), i18n.money(net), theme::BIG),
            row![
                head("rep-cashier").width(Length::Fill),
                head("rep-receipts").width(80),
                head("rep-takings").width(150),
                head("rep-returns").width(80),
                head("rep-refunded").width(150),
                head("rep-net").width(150),
            ]
            .spacing(8)
        ]
        .spacing(6);
        if r.cashiers.is_empty() {
            col = col.push(text(i18n.tr("no-sales")).size(theme::TEXT));
        }
        for c in &r.cashiers {
            let name = if c.cashier.is_empty() {
                "—".to_string()
            } else {
                c.cashier.clone()
            };
            col = col.push(
                row![
                    text(name).size(theme::TEXT).width(Length::Fill),
                    text(c.sales.to_string()).size(theme::TEXT).width(80),
                    text(i18n.money(c.sales_total)).size(theme::TEXT).width(150),
                    text(c.returns.to_string()).size(theme::TEXT).width(80),
                    text(i18n.money(c.returns_total)).size(theme::TEXT).width(150),
                    text(i18n.money(c.net)).size(theme::TEXT).width(150),
                ]
                .spacing(8),
            );
        }
        card(col)
    }

    /// Returns by reason, beside the cashiers who took them back.
    fn reasons<'a>(r: &'a SalesReport, i18n: &I18n) -> Element<'a, Message> {
        let head = |k: &str| text(i18n.tr(k)).size(theme::SMALL);
        let mut col = column![
            text(i18n.tr("rep-reasons")).size(theme::BIG),
            row![
                space().width(Length::Fill),
                head("rep-returns").width(80),
                head("rep-refunded").width(150),
            ]
            .spacing(8)
        ]
        .spacing(6);
        if r.reasons.is_empty() {
            col = col.push(text(i18n.tr("rep-no-returns")).size(theme::TEXT));
        }
        for x in &r.reasons {
            col = col.push(
                row![
                    text(i18n.tr(super::returns::reason_key(x.reason)))
                        .size(theme::TEXT)
                        .width(Length::Fill),
                    text(x.returns.to_string()).size(theme::TEXT).width(80),
                    text(i18n.money(x.refunded)).size(theme::TEXT).width(150),
                ]
                .spacing(8),
            );
        }
        card(col)
    }

    fn payments<'a>(r: &'a SalesReport, i18n: &I18n) -> Element<'a, Message> {
        let head = |k: &str| text(i18n.tr(k)).size(theme::SMALL);
        let net: Som = r.payments.iter().map(|p| p.net).sum();
        let mut col = column![
            pair(i18n.tr("rep-view-payments"), i18n.money(net), theme::BIG),
            row![
                space().width(Length::Fill),
                head("rep-takings").width(150),
                head("rep-refunded").width(150),
                head("rep-net").width(150),
            ]
            .spacing(8)
        ]
        .spacing(6);
        for p in &r.payments {
            col = col.push(
                row![
                    text(i18n.tr(kind_key(p.kind))).size(theme::TEXT).width(Length::Fill),
                    text(i18n.money(p.sales)).size(theme::TEXT).width(150),
                    text(i18n.money(p.refunds)).size(theme::TEXT).width(150),
                    text(i18n.money(p.net)).size(theme::TEXT).width(150),
                ]
                .spacing(8),
            );
        }
        card(col)
    }

    /// The open day's X report: every payment kind on its own line (a kind not used today shows zero), the net
    /// takings and the cash the drawer should hold.
    fn x_report<'a>(x: Option<&'a DayReport>, i18n: &I18n) -> Element<'a, Message> {
        let Some(x) = x else {
            return card(column![text(i18n.tr("rep-no-open-day")).size(theme::TEXT)]);
        };
        let mut col = column![text(format!("{} · {}", i18n.tr("x-report"), shown(x.day))).size(theme::BIG)].spacing(6);
        for kind in [PaymentKind::Cash, PaymentKind::Card, PaymentKind::Qr] {
            let net = x
                .payments
                .iter()
                .filter(|k| k.kind == kind)
                .map(|k| k.sales - k.refunds)
                .sum::<Som>();
            col = col.push(pair(i18n.tr(kind_key(kind)), i18n.money(net), theme::TEXT));
        }
        col = col.push(pair(i18n.tr("day-net"), i18n.money(x.net), theme::BIG));
        if let Some(cash) = x.drawer.iter().find(|l| l.currency == Currency::Kgs) {
            col = col.push(pair(
                i18n.tr("day-expected"),
                i18n.money(Som::new(cash.expected)),
                theme::TEXT,
            ));
        }
        card(col)
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let toggle = |label: String, on: bool, message: Message| {
            button(text(label).size(theme::TEXT))
                .style(theme::nav(on))
                .padding([8, 12])
                .on_press(message)
        };
        let mut periods = row![text(i18n.tr("nav-reports")).size(theme::BIG)]
            .spacing(8)
            .align_y(Alignment::Center);
        for p in Period::ALL {
            periods = periods.push(toggle(
                i18n.tr(period_key(p)),
                self.period == Some(p),
                Message::Period(p),
            ));
        }
        let dates = row![
            text(i18n.tr("rep-from")).size(theme::TEXT),
            text_input("28.11.2026", &self.from)
                .id(FROM)
                .on_input(Message::From)
                .on_submit(Message::ApplyRange)
                .size(theme::TEXT)
                .padding(8)
                .width(140),
            text(i18n.tr("rep-to")).size(theme::TEXT),
            text_input("28.11.2026", &self.to)
                .id(TO)
                .on_input(Message::To)
                .on_submit(Message::ApplyRange)
                .size(theme::TEXT)
                .padding(8)
                .width(140),
            button(text(i18n.tr("rep-show")).size(theme::TEXT))
                .style(button::primary)
                .padding([8, 12])
                .on_press(Message::ApplyRange),
            space::horizontal(),
            button(text(i18n.tr("refresh")).size(theme::TEXT))
                .style(button::secondary)
                .padding([8, 12])
                .on_press(Message::Refresh),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut views = row![].spacing(8);
        for v in View::ALL {
            views = views.push(toggle(i18n.tr(v.key()), self.view == v, Message::View(v)));
        }
        let body: Element<'a, Message> = match &self.loaded {
            None => text(i18n.tr("no-sales")).size(theme::TEXT).into(),
            Some(l) => match self.view {
                View::Products => Self::products(&l.sales, i18n),
                View::Cashiers => column![Self::cashiers(&l.sales, i18n), Self::reasons(&l.sales, i18n)]
                    .spacing(16)
                    .into(),
                View::Payments => Self::payments(&l.sales, i18n),
                View::Categories => Self::chart(self.range_title(i18n), &l.categories, i18n),
                View::Artisans => column![
                    Self::chart(self.range_title(i18n), &l.artisans, i18n),
                    self.payouts(&l.statements, i18n)
                ]
                .spacing(16)
                .into(),
                View::XReport => Self::x_report(l.x.as_ref(), i18n),
            },
        };
        column![
            periods.wrap(),
            dates,
            views.wrap(),
            notice(&self.notice, i18n),
            scrollable(body)
        ]
        .spacing(12)
        .padding(16)
        .into()
    }

    /// "28.11.2026" or "01.11.2026 – 28.11.2026".
    fn range_title(&self, i18n: &I18n) -> String {
        match self.range() {
            Some(r) if r.from == r.to => shown(r.from),
            Some(r) => i18n.tr_args("rep-range", &[("from", shown(r.from)), ("to", shown(r.to))]),
            None => String::new(),
        }
    }
}

fn kind_key(kind: PaymentKind) -> &'static str {
    match kind {
        PaymentKind::Cash => "kind-cash",
        PaymentKind::Card => "kind-card",
        PaymentKind::Qr => "kind-qr",
    }
}

fn card<'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(12)
        .style(theme::card)
        .width(Length::Fill)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn dates_are_typed_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28);
        assert_eq!(parse_date("28.11.2026"), d);
        assert_eq!(parse_date(" 2026-11-28 "), d);
        assert_eq!(parse_date("28/11/2026"), None);
        assert_eq!(parse_date("31.02.2026"), None);
    }

    #[test]
    fn the_week_starts_on_monday() {
        assert_eq!(
            Period::Week
                .range(NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"))
                .from
                .weekday(),
            chrono::Weekday::Mon
        );
    }
}
