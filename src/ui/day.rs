//! The Day screen: open the business day with a float, cash in and out, the X report, and the close with the
//! cash count (a som denomination helper and other currencies as CUR:AMOUNT).

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, field, notice, pair, total_row};
use crate::app::{AppError, backup, day};
use crate::domain::currency::{Currency, Money};
use crate::domain::day::{
    CashMoveKind, DayError, DayReport, SOM_DENOMINATIONS, count_som, parse_cash, parse_cash_list,
};
use crate::domain::money::{Som, group_decimal};
use crate::store::DayRecord;
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::Decimal;

pub const FLOAT: &str = "day-float";
pub const CASH_AMOUNT: &str = "day-cash-amount";
pub const CASH_REASON: &str = "day-cash-reason";
pub const OTHER: &str = "day-count-other";
/// The denomination fields, in [`SOM_DENOMINATIONS`] order.
pub const COUNT_IDS: [&str; 14] = [
    "count-5000",
    "count-2000",
    "count-1000",
    "count-500",
    "count-200",
    "count-100",
    "count-50",
    "count-20",
    "count-10",
    "count-5",
    "count-3",
    "count-1",
    "count-0.50",
    "count-0.10",
];

#[derive(Debug, Clone)]
pub enum Message {
    /// Read the open day and its X report again.
    Refresh,
    /// The open day (if any), its X report and whether the count is blind.
    Loaded(Result<(Option<DayRecord>, Option<DayReport>, bool), AppError>),
    /// The float field changed.
    Float(String),
    /// Open the day with the float.
    Open,
    /// The cash in/out amount changed.
    CashAmount(String),
    /// The cash in/out reason changed.
    CashReason(String),
    /// Put the amount into the drawer or take it out.
    Cash(CashMoveKind),
    /// A use case that changes the day finished.
    Done(Result<(), AppError>),
    /// The number of pieces of the denomination at this index changed.
    Pieces(usize, String),
    /// Foreign cash counted, as `USD:100 EUR:20`.
    Other(String),
    /// Check the count and show it against the expected cash, to confirm.
    Close,
    /// The count is right: close the day with it.
    ConfirmClose,
    /// Back to counting.
    Recount,
    /// A manager turns the blind count on or off.
    Blind(bool),
    /// The blind count preference was saved.
    BlindSaved(Result<bool, AppError>),
    /// The day closed: its Z report. Its backup starts now, in the background.
    Closed(Result<day::Closed, AppError>),
    /// The closed day's backup is written and checked, or why not (the day is closed either way).
    BackedUp(Result<Box<backup::BackupReport>, AppError>),
}

/// What the parent does after a message.
pub enum Action {
    None,
    Run(Task<Message>),
    /// The Z report was queued: print the queue.
    Print(Task<Message>),
}

#[derive(Debug, Default)]
pub struct DayScreen {
    pub open: Option<DayRecord>,
    /// The X report of the open day, or the Z report just printed.
    pub report: Option<DayReport>,
    float: String,
    cash_amount: String,
    cash_reason: String,
    pieces: [String; 14],
    other: String,
    pub notice: Option<Notice>,
    /// The expected cash is hidden until the count is entered.
    pub blind: bool,
    /// The count was entered and is shown against the expected cash, waiting for the confirmation.
    pub confirming: bool,
    /// Why the closed day's backup failed, shown inside the [`BACKUP_FAILED`] notice in the chosen language.
    pub backup_failure: Option<Notice>,
}

/// The notice while the closed day's backup runs, once it is made, and when it failed.
pub const BACKING_UP: &str = "day-closed-backing-up";
pub const BACKED_UP: &str = "day-closed-backed-up";
pub const BACKUP_FAILED: &str = "day-closed-backup-failed";

/// The closed day's backup, off the UI thread and off the till's connection: the copy is read on a connection
/// of its own (a large database takes seconds), so sales and scans go on while it runs; only choosing the
/// file's name and recording it hold the till's store.
fn backup_in_background(services: &Services) -> Task<Message> {
    let services = services.clone();
    Task::perform(
        async move {
            let planned = services.call(|ctx| backup::plan(ctx, None))?;
            let copied = backup::copy_apart(&planned)?;
            services
                .call(move |ctx| backup::finish(ctx, planned, copied, backup::DEFAULT_KEEP))
                .map(Box::new)
        },
        Message::BackedUp,
    )
}

/// A variance as people read it: `+1 200,00 сом` over, `−300,00 сом` short, `0,00 сом` even.
pub fn signed(i18n: &I18n, amount: Som) -> String {
    if amount.is_negative() {
        format!("\u{2212}{}", i18n.money(Som::ZERO - amount))
    } else if amount.is_positive() {
        format!("+{}", i18n.money(amount))
    } else {
        i18n.money(amount)
    }
}

fn variance_key(variance: Som) -> &'static str {
    if variance.is_negative() {
        "day-variance-short"
    } else if variance.is_positive() {
        "day-variance-over"
    } else {
        "day-variance-even"
    }
}

impl DayScreen {
    pub fn load(services: &Services) -> Task<Message> {
        services.task(
            |ctx| {
                let open = day::current(ctx)?;
                let report = match open {
                    Some(_) => Some(day::x_report(ctx)?),
                    None => None,
                };
                Ok((open, report, day::blind_count(ctx)?))
            },
            Message::Loaded,
        )
    }

    /// The som counted with the denomination helper.
    pub fn counted_som(&self) -> Result<Som, AppError> {
        let mut pieces = Vec::new();
        for (value, typed) in SOM_DENOMINATIONS.iter().zip(&self.pieces) {
            let t = typed.trim();
            if t.is_empty() {
                continue;
            }
            let n: u32 = t
                .parse()
                .map_err(|_| DayError::NotAnAmount(format!("{t} × {}", value.normalize())))?;
            pieces.push((*value, n));
        }
        Ok(count_som(&pieces)?)
    }

    fn counts(&self) -> Result<Vec<Money>, AppError> {
        let som = self.counted_som()?;
        let mut all = vec![format!("KGS:{}", som.plain())];
        all.extend(self.other.split_whitespace().map(str::to_string));
        Ok(parse_cash_list(&all)?)
    }

    /// The som the drawer should hold, from the X report.
    pub fn expected_som(&self) -> Option<Som> {
        let r = self
            .report
            .as_ref()
            .filter(|r| r.kind == crate::domain::day::ReportKind::X)?;
        r.drawer
            .iter()
            .find(|l| l.currency == Currency::Kgs)
            .map(|l| Som::new(l.expected))
    }

    /// The expected cash may be shown: not counting blind, or the count is entered.
    fn shows_expected(&self) -> bool {
        !self.blind || self.confirming
    }

    fn changed(
        services: &Services,
        job: impl FnOnce(&mut crate::app::Ctx<'_>) -> crate::app::Result<()> + Send + 'static,
    ) -> Action {
        Action::Run(services.task(job, Message::Done))
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        match message {
            Message::Refresh => Action::Run(Self::load(services)),
            Message::Loaded(Ok((open, report, blind))) => {
                self.blind = blind;
                if open.is_some()
                    || self
                        .report
                        .as_ref()
                        .is_none_or(|r| r.kind == crate::domain::day::ReportKind::X)
                {
                    self.report = report;
                }
                self.open = open;
                Action::None
            }
            Message::Loaded(Err(e)) | Message::Done(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Action::None
            }
            Message::Done(Ok(())) => Action::Run(Self::load(services)),
            Message::Float(t) => {
                self.float = t;
                Action::None
            }
            Message::Open => {
                let floats: Result<Vec<Money>, _> = if self.float.trim().is_empty() {
                    Ok(Vec::new())
                } else {
                    parse_cash_list(&self.float.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                };
                match floats {
                    Ok(floats) => {
                        self.float.clear();
                        self.report = None;
                        self.notice = Some(Notice::new(Tone::Good, "day-opened"));
                        Self::changed(services, move |ctx| day::open(ctx, &floats).map(|_| ()))
                    }
                    Err(e) => {
                        self.notice = Some(Notice::error(&e.into()));
                        Action::None
                    }
                }
            }
            Message::CashAmount(t) => {
                self.cash_amount = t;
                Action::None
            }
            Message::CashReason(t) => {
                self.cash_reason = t;
                Action::None
            }
            Message::Cash(kind) => match parse_cash(&self.cash_amount) {
                Ok(money) => {
                    let reason = self.cash_reason.clone();
                    self.cash_amount.clear();
                    self.cash_reason.clear();
                    self.notice = Some(
                        Notice::new(
                            Tone::Good,
                            if kind == CashMoveKind::In {
                                "cash-in-done"
                            } else {
                                "cash-out-done"
                            },
                        )
                        .with("amount", money.to_string()),
                    );
                    Self::changed(services, move |ctx| day::cash(ctx, kind, money, &reason).map(|_| ()))
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e.into()));
                    Action::None
                }
            },
            Message::Pieces(i, t) => {
                if let Some(slot) = self.pieces.get_mut(i) {
                    *slot = t;
                }
                // A changed count is confirmed again.
                self.confirming = false;
                Action::None
            }
            Message::Other(t) => {
                self.other = t;
                self.confirming = false;
                Action::None
            }
            Message::Close => match self.counts() {
                Ok(_) => {
                    self.confirming = true;
                    self.notice = None;
                    Action::None
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::None
                }
            },
            Message::Recount => {
                self.confirming = false;
                Action::None
            }
            Message::ConfirmClose => match self.counts() {
                Ok(counts) if self.confirming => {
                    Action::Run(services.task(move |ctx| day::close(ctx, &counts), Message::Closed))
                }
                Ok(_) => Action::None,
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::None
                }
            },
            Message::Blind(on) => {
                Action::Run(services.task(move |ctx| day::set_blind_count(ctx, on), Message::BlindSaved))
            }
            Message::BlindSaved(Ok(on)) => {
                self.blind = on;
                Action::None
            }
            Message::BlindSaved(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Action::None
            }
            Message::Closed(Ok(closed)) => {
                self.confirming = false;
                self.pieces = Default::default();
                self.other.clear();
                self.open = None;
                self.notice =
                    Some(Notice::new(Tone::Good, "day-closed-backing-up").with("day", closed.report.day.to_string()));
                self.backup_failure = None;
                self.report = Some(closed.report);
                Action::Print(backup_in_background(services))
            }
            Message::BackedUp(result) => {
                let day = self.report.as_ref().map(|r| r.day.to_string()).unwrap_or_default();
                match result {
                    Ok(report) => {
                        self.notice = Some(
                            Notice::new(Tone::Good, "day-closed-backed-up")
                                .with("day", day)
                                .with("path", report.file.path.display().to_string()),
                        );
                        self.backup_failure = None;
                    }
                    Err(e) => {
                        self.notice = Some(Notice::new(Tone::Bad, "day-closed-backup-failed").with("day", day));
                        self.backup_failure = Some(Notice::error(&e));
                    }
                }
                Action::None
            }
            Message::Closed(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Action::None
            }
        }
    }

    /// The notice as shown: a failed backup's reason is put into its line in the chosen language.
    pub fn shown_notice(&self, i18n: &I18n) -> Option<Notice> {
        match (&self.notice, &self.backup_failure) {
            (Some(n), Some(reason)) if n.key == BACKUP_FAILED => Some(n.clone().with("reason", reason.text(i18n))),
            _ => self.notice.clone(),
        }
    }

    fn report_view<'a>(r: &'a DayReport, i18n: &I18n, hide_expected: bool) -> Element<'a, Message> {
        let title = match r.kind {
            crate::domain::day::ReportKind::X => i18n.tr("x-report"),
            crate::domain::day::ReportKind::Z => i18n.tr("z-report"),
        };
        let mut col = column![
            text(format!("{title} · {}", r.day.format("%d.%m.%Y"))).size(theme::BIG),
            pair(
                format!("{} ({})", i18n.tr("day-sales"), r.sales_count),
                i18n.money(r.sales_total),
                theme::TEXT
            ),
            pair(
                format!("{} ({})", i18n.tr("day-returns"), r.returns_count),
                i18n.money(r.returns_total),
                theme::TEXT
            ),
            pair(i18n.tr("day-net"), i18n.money(r.net), theme::BIG),
        ]
        .spacing(6);
        for line in r.drawer.iter().filter(|_| !hide_expected) {
            let money = |d: Decimal| format!("{} {}", group_decimal(d, 2), line.currency.code());
            col = col.push(pair(
                format!("{} {}", i18n.tr("drawer-expected"), line.currency.code()),
                money(line.expected),
                theme::TEXT,
            ));
            if let (Some(c), Some(v)) = (line.counted, line.variance) {
                col = col.push(pair(i18n.tr("drawer-counted"), money(c), theme::TEXT));
                col = col.push(pair(i18n.tr("drawer-variance"), money(v), theme::TEXT));
            }
        }
        container(col).padding(12).style(theme::card).into()
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let status = match &self.open {
            Some(d) => i18n.tr_args(
                "day-open-since",
                &[
                    ("day", d.day.format("%d.%m.%Y").to_string()),
                    // "2026-11-28T20:51:30+06:00" → "20:51": the day is already named.
                    ("at", d.opened_at.get(11..16).unwrap_or(&d.opened_at).to_string()),
                ],
            ),
            None => i18n.tr("day-none-open"),
        };
        let mut left = column![
            text(i18n.tr("nav-day")).size(theme::BIG),
            text(status).size(theme::TEXT),
            notice(&self.shown_notice(i18n), i18n)
        ]
        .spacing(10);
        if self.open.is_none() {
            left = left.push(field(i18n.tr("day-float"), &self.float, Message::Float, Some(FLOAT)));
            left = left.push(big(i18n.tr("day-open"), Some(Message::Open)).style(button::success));
        }
        left = left
            .push(field(
                i18n.tr("cash-amount"),
                &self.cash_amount,
                Message::CashAmount,
                Some(CASH_AMOUNT),
            ))
            .push(field(
                i18n.tr("cash-reason"),
                &self.cash_reason,
                Message::CashReason,
                Some(CASH_REASON),
            ))
            .push(
                row![
                    big(i18n.tr("cash-in"), Some(Message::Cash(CashMoveKind::In))),
                    big(i18n.tr("cash-out"), Some(Message::Cash(CashMoveKind::Out))).style(button::secondary),
                    big(i18n.tr("x-report"), self.open.as_ref().map(|_| Message::Refresh)).style(button::secondary),
                ]
                .spacing(8),
            );
        if let Some(r) = &self.report {
            let hide = r.kind == crate::domain::day::ReportKind::X && !self.shows_expected();
            left = left.push(Self::report_view(r, i18n, hide));
        }

        let mut grid = column![text(i18n.tr("cash-count")).size(theme::BIG)].spacing(4);
        for (i, value) in SOM_DENOMINATIONS.iter().enumerate() {
            grid = grid.push(
                row![
                    text(format!(
                        "{} {}",
                        group_decimal(*value, if value.fract().is_zero() { 0 } else { 2 }),
                        Currency::Kgs.symbol()
                    ))
                    .size(theme::TEXT)
                    .width(110),
                    text("×").size(theme::TEXT),
                    text_input("0", &self.pieces[i])
                        .id(COUNT_IDS[i])
                        .on_input(move |t| Message::Pieces(i, t))
                        .size(theme::TEXT)
                        .padding(4)
                        .width(80),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let counted = self.counted_som();
        let counted_text = match &counted {
            Ok(s) => i18n.money(*s),
            Err(e) => Notice::error(e).text(i18n),
        };
        grid = grid
            .push(total_row(i18n.tr("drawer-counted"), counted_text, theme::BIG))
            .push(field(i18n.tr("count-other"), &self.other, Message::Other, Some(OTHER)));
        // The button stays where the eye expects it; the figures it confirms follow right below.
        if self.confirming {
            grid = grid
                // Side by side where they fit; at 1024×768 the second one's label does not, and it wraps below
                // the first instead of being cut.
                .push(
                    row![
                        big(i18n.tr("day-confirm-close"), Some(Message::ConfirmClose)).style(button::danger),
                        big(i18n.tr("day-recount"), Some(Message::Recount)).style(button::secondary),
                    ]
                    .spacing(8)
                    .wrap()
                    .vertical_spacing(8),
                )
                .push(text(i18n.tr("day-confirm-question")).size(theme::TEXT));
        } else {
            grid = grid.push(
                big(i18n.tr("day-close"), self.open.as_ref().map(|_| Message::Close))
                    .width(Length::Fill)
                    .style(button::danger),
            );
        }
        match (self.expected_som(), &counted) {
            (Some(expected), Ok(counted)) if self.shows_expected() => {
                grid = grid.push(pair(i18n.tr("day-expected"), i18n.money(expected), theme::TEXT));
                let variance = *counted - expected;
                grid = grid.push(total_row(i18n.tr("day-variance"), signed(i18n, variance), theme::BIG));
                grid = grid.push(text(i18n.tr(variance_key(variance))).size(theme::SMALL));
            }
            (Some(_), _) => grid = grid.push(text(i18n.tr("day-blind-hidden")).size(theme::SMALL)),
            (None, _) => {}
        }
        grid = grid.push(
            iced::widget::checkbox(self.blind)
                .label(i18n.tr("day-blind-count"))
                .on_toggle(Message::Blind)
                .size(22)
                .text_size(theme::SMALL),
        );
        row![
            scrollable(left).width(Length::FillPortion(3)),
            container(scrollable(grid))
                .padding(16)
                .style(theme::card)
                .width(Length::FillPortion(2)),
        ]
        .spacing(16)
        .padding(16)
        .into()
    }
}
