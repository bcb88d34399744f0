//! The window's side of several tills: Settings' "Back office" section (serve the tills on a chosen LAN address,
//! pair a new till and show its code, list the tills with their last sync, revoke one), "Join a back office" on a
//! till's first start, the sync state in the top bar, and a round in the background every 30 seconds. A round
//! runs on a connection of its own (`app::sync::sync_beside`), so a sale never waits for the network.

use super::i18n::I18n;
use super::services::Services;
use super::theme;
use super::widgets::{Notice, big, field, notice};
use crate::app::AppError;
use crate::app::sync::{self as use_case, Paired, Serving, Status};
use crate::store::sync::TillRecord;
use crate::sync::till::{Joined, Round};
use chrono::{DateTime, FixedOffset};
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length, Task};

/// How often a joined till syncs on its own.
pub const EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

#[derive(Debug, Clone)]
pub enum Message {
    /// Read the state again (after boot, a round, a change).
    Refresh,
    /// What this database is, and the back office's tills.
    Loaded(Result<(Status, Vec<TillRecord>), AppError>),
    /// The LAN address to serve on, as typed.
    Listen(String),
    /// Start serving the tills.
    Serve,
    /// The server runs (its address and stop switch), or why not.
    Served(Result<Serving, AppError>),
    /// Stop serving.
    Stop,
    /// The new till's location, as typed.
    Location(String),
    /// Make a one-time code for a till at that location.
    Pair,
    Paired(Result<Paired, AppError>),
    /// Cut a till off.
    Revoke(String),
    Revoked(Result<(), AppError>),
    /// The back office's address, as typed on a new till.
    JoinUrl(String),
    /// The pairing code, as typed.
    JoinCode(String),
    /// Join with the address and code.
    Join,
    Joined(Result<Joined, AppError>),
    /// Sync now (the button, or the timer).
    SyncNow,
    /// What a round moved.
    Synced(Result<Option<Round>, AppError>),
}

/// What the parent does after an update.
pub enum Action {
    None,
    Run(Task<Message>),
    /// The till's books came from the back office: start as a shop.
    Joined,
}

#[derive(Debug, Default)]
pub struct SyncPanel {
    pub status: Option<Status>,
    tills: Vec<TillRecord>,
    listen: String,
    serving: Option<Serving>,
    location: String,
    code: Option<Paired>,
    join_url: String,
    join_code: String,
    /// A round is on its way.
    syncing: bool,
    last_try: Option<DateTime<FixedOffset>>,
    pub notice: Option<Notice>,
    pub join_notice: Option<Notice>,
}

/// "Products and prices are changed at the back office", over a read-only form.
pub fn read_only_notice<'a, M: 'a>(url: &str, i18n: &I18n) -> Element<'a, M> {
    notice(
        &Some(Notice::new(theme::Tone::Info, "sync-master-read-only").with("url", url.to_string())),
        i18n,
    )
}

fn load(services: &Services) -> Task<Message> {
    services.task(
        |ctx| Ok((use_case::status(ctx.store)?, use_case::tills(ctx.store)?)),
        Message::Loaded,
    )
}

/// `HH:MM` of a stored time.
fn clock(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

impl SyncPanel {
    pub fn boot(services: &Services) -> Task<Message> {
        load(services)
    }

    /// Where the window serves the tills, while it does.
    pub fn serving_at(&self) -> Option<String> {
        self.serving.as_ref().map(|s| s.addr.clone())
    }

    /// The pairing code made last, while it shows.
    pub fn pairing_code(&self) -> Option<&str> {
        self.code.as_ref().map(|p| p.code.as_str())
    }

    /// The back office where master data is changed, on a joined till.
    pub fn master_at(&self) -> Option<String> {
        self.status
            .as_ref()
            .filter(|s| s.role == "till")
            .map(|s| s.url.clone().unwrap_or_default())
    }

    /// The clock ticked: a joined till starts a round when the last one is 30 seconds old and none is running.
    pub fn tick(&mut self, now: DateTime<FixedOffset>, services: &Services) -> Task<Message> {
        let due = self.last_try.is_none_or(|t| now.signed_duration_since(t) >= EVERY);
        if self.master_at().is_none() || self.syncing || !due {
            return Task::none();
        }
        self.round(services)
    }

    fn round(&mut self, services: &Services) -> Task<Message> {
        self.syncing = true;
        self.last_try = Some(services.now());
        let at = services.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let path = services.call(|ctx| Ok(ctx.store.path().to_path_buf()));
        Task::perform(
            async move { path.and_then(|path| use_case::sync_beside(&path, &at)) },
            Message::Synced,
        )
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        match message {
            Message::Refresh => Action::Run(load(services)),
            Message::Loaded(Ok((status, tills))) => {
                self.status = Some(status);
                self.tills = tills;
                Action::None
            }
            Message::Loaded(Err(e)) | Message::Revoked(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Action::None
            }
            Message::Listen(v) => {
                self.listen = v;
                Action::None
            }
            Message::Serve => {
                let listen = self.listen.trim().to_string();
                if !use_case::listen_address_ok(&listen) {
                    self.notice = Some(Notice::new(theme::Tone::Bad, "sync-bad-listen").with("addr", listen));
                    return Action::None;
                }
                Action::Run(services.task(move |ctx| use_case::serve_in_background(ctx, &listen), Message::Served))
            }
            Message::Served(result) => {
                match result {
                    Ok(serving) => {
                        self.notice =
                            Some(Notice::new(theme::Tone::Good, "sync-serving").with("addr", serving.addr.clone()));
                        self.serving = Some(serving);
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::Run(load(services))
            }
            Message::Stop => {
                if let Some(serving) = self.serving.take() {
                    serving.stop();
                    self.notice = Some(Notice::new(theme::Tone::Info, "sync-stopped"));
                }
                Action::None
            }
            Message::Location(v) => {
                self.location = v;
                Action::None
            }
            Message::Pair => {
                let location = self.location.trim().to_string();
                if location.is_empty() {
                    self.notice = Some(Notice::new(theme::Tone::Bad, "sync-no-location"));
                    return Action::None;
                }
                Action::Run(services.task(move |ctx| use_case::pair(ctx, &location, None), Message::Paired))
            }
            Message::Paired(result) => {
                match result {
                    Ok(paired) => {
                        self.code = Some(paired);
                        self.location.clear();
                        self.notice = None;
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::Run(load(services))
            }
            Message::Revoke(register) => {
                Action::Run(services.task(move |ctx| use_case::revoke(ctx, &register), Message::Revoked))
            }
            Message::Revoked(Ok(())) => Action::Run(load(services)),
            Message::JoinUrl(v) => {
                self.join_url = v;
                self.join_notice = None;
                Action::None
            }
            Message::JoinCode(v) => {
                self.join_code = v;
                self.join_notice = None;
                Action::None
            }
            Message::Join => {
                let (url, code) = (self.join_url.trim().to_string(), self.join_code.trim().to_string());
                if let Some(key) = join_problem(&url, &code) {
                    self.join_notice = Some(Notice::new(theme::Tone::Bad, key));
                    return Action::None;
                }
                self.join_notice = Some(Notice::new(theme::Tone::Info, "sync-joining"));
                Action::Run(services.task(move |ctx| use_case::join_here(ctx, &url, &code), Message::Joined))
            }
            Message::Joined(Ok(joined)) => {
                self.join_notice = Some(
                    Notice::new(theme::Tone::Good, "sync-joined")
                        .with("register", joined.register)
                        .with("location", joined.location),
                );
                self.last_try = Some(services.now());
                Action::Joined
            }
            Message::Joined(Err(e)) => {
                self.join_notice = Some(Notice::error(&e));
                Action::None
            }
            Message::SyncNow => match self.syncing {
                true => Action::None,
                false => Action::Run(self.round(services)),
            },
            Message::Synced(result) => {
                self.syncing = false;
                match result {
                    Ok(_) => {
                        if self.notice.as_ref().is_some_and(|n| n.key == "sync-failed") {
                            self.notice = None;
                        }
                    }
                    // Kept for the Back office section; the top bar says "N waiting" and the till sells on.
                    Err(e) => {
                        self.notice = Some(Notice::new(theme::Tone::Bad, "sync-failed").with("reason", e.to_string()))
                    }
                }
                Action::Run(load(services))
            }
        }
    }

    /// The sync state for the top bar: nothing on a standalone shop.
    pub fn status_line(&self, i18n: &I18n) -> Option<String> {
        let status = self.status.as_ref()?;
        match status.role {
            "hub" => Some(match &self.serving {
                Some(s) => i18n.tr_args("sync-state-serving", &[("addr", s.addr.clone())]),
                None => i18n.tr("sync-state-hub"),
            }),
            "till" => Some(match (&status.last_sync, status.waiting) {
                (None, n) => i18n.tr_args("sync-state-never", &[("count", n.to_string())]),
                (Some(at), 0) => i18n.tr_args("sync-state-in-sync", &[("time", clock(at))]),
                (Some(at), n) => i18n.tr_args("sync-state-waiting", &[("count", n.to_string()), ("time", clock(at))]),
            }),
            _ => None,
        }
    }

    /// "Join a back office", for a till's first start.
    pub fn join_view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        column![
            text(i18n.tr("sync-join-title")).size(theme::BIG),
            text(i18n.tr("sync-join-help")).size(theme::SMALL),
            field(
                i18n.tr("sync-join-url"),
                &self.join_url,
                Message::JoinUrl,
                Some("sync-join-url")
            ),
            field(
                i18n.tr("sync-join-code"),
                &self.join_code,
                Message::JoinCode,
                Some("sync-join-code")
            ),
            big(i18n.tr("sync-join"), Some(Message::Join)).style(button::primary),
            notice(&self.join_notice, i18n),
        ]
        .spacing(8)
        .max_width(380)
        .into()
    }

    /// Settings' "Back office" section.
    pub fn settings_view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let mut col = column![text(i18n.tr("sync-back-office")).size(theme::BIG)].spacing(8);
        col = col.push(notice(&self.notice, i18n));
        let role = self.status.as_ref().map_or("standalone", |s| s.role);
        if role == "till" {
            let status = self.status.as_ref();
            let url = status.and_then(|s| s.url.clone()).unwrap_or_default();
            let location = status.and_then(|s| s.location.clone()).unwrap_or_default();
            let register = status.map(|s| s.register.clone()).unwrap_or_default();
            col = col.push(
                text(i18n.tr_args(
                    "sync-this-till",
                    &[("register", register), ("location", location), ("url", url)],
                ))
                .size(theme::TEXT),
            );
            if let Some(line) = self.status_line(i18n) {
                col = col.push(text(line).size(theme::TEXT));
            }
            col = col
                .push(big(i18n.tr("sync-now"), (!self.syncing).then_some(Message::SyncNow)).style(button::secondary));
            return container(col).padding(12).style(theme::card).into();
        }
        col = col.push(text(i18n.tr("sync-is-back-office")).size(theme::TEXT));
        let serve = match &self.serving {
            Some(s) => row![
                text(i18n.tr_args("sync-serving", &[("addr", s.addr.clone())]))
                    .size(theme::TEXT)
                    .width(Length::Fill),
                big(i18n.tr("sync-stop"), Some(Message::Stop)).style(button::secondary),
            ],
            None => row![
                field(
                    i18n.tr("sync-listen"),
                    &self.listen,
                    Message::Listen,
                    Some("sync-listen")
                ),
                big(i18n.tr("sync-serve"), Some(Message::Serve)).style(button::primary),
            ],
        };
        col = col.push(serve.spacing(8).align_y(Alignment::End));
        if role == "hub" {
            col = col.push(
                row![
                    field(
                        i18n.tr("sync-location"),
                        &self.location,
                        Message::Location,
                        Some("sync-location")
                    ),
                    big(i18n.tr("sync-pair"), Some(Message::Pair)).style(button::secondary),
                ]
                .spacing(8)
                .align_y(Alignment::End),
            );
        }
        if let Some(paired) = &self.code {
            col = col.push(
                text(i18n.tr_args(
                    "sync-code-for",
                    &[
                        ("register", paired.register.clone()),
                        ("location", paired.location.clone()),
                    ],
                ))
                .size(theme::TEXT),
            );
            col = col.push(text(paired.code.clone()).size(theme::BIG));
        }
        for t in &self.tills {
            let state = match (&t.revoked_at, &t.last_sync, &t.joined_at) {
                (Some(_), _, _) => i18n.tr("sync-till-revoked"),
                (None, Some(at), _) => i18n.tr_args("sync-till-last", &[("time", at.replace('T', " "))]),
                (None, None, Some(_)) => i18n.tr("sync-till-never"),
                (None, None, None) => i18n.tr("sync-till-code-unused"),
            };
            let mut line = row![
                text(format!("{}  {}", t.register, t.location))
                    .size(theme::TEXT)
                    .width(Length::Fill),
                text(state).size(theme::SMALL),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if t.revoked_at.is_none() {
                line = line.push(
                    button(text(i18n.tr("sync-revoke")).size(theme::SMALL))
                        .style(button::danger)
                        .on_press(Message::Revoke(t.register.clone())),
                );
            }
            col = col.push(line);
        }
        container(col).padding(12).style(theme::card).into()
    }
}

/// Why the join form cannot go out as typed (a Fluent key), before anything touches the network.
pub fn join_problem(url: &str, code: &str) -> Option<&'static str> {
    if url.is_empty() || code.is_empty() {
        return Some("sync-join-empty");
    }
    if crate::sync::net::authority(url).is_err() {
        return Some("sync-join-bad-url");
    }
    if crate::sync::till::parse_code(code).is_err() {
        return Some("sync-join-bad-code");
    }
    None
}
