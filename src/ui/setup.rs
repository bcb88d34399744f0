//! First start on an empty database: open the demo shop, or set up a real one in a few fields (shop name, TIN,
//! address, language, first administrator).

use super::i18n::I18n;
use super::services::Services;
use super::settings::LangChoice;
use super::theme;
use super::widgets::{Notice, big, field, notice};
use crate::app::settings::Preferences;
use crate::app::{AppError, demo, settings};
use crate::domain::catalog::Lang;
use crate::domain::receipt::ShopInfo;
use iced::widget::{button, center, column, container, pick_list, row, text};
use iced::{Element, Length, Task};

#[derive(Debug, Clone)]
pub enum Message {
    /// Fill the database with the demo shop.
    Demo,
    /// Show the set-up form.
    SetUp,
    Name(String),
    Tin(String),
    Address(String),
    Admin(String),
    Lang(Lang),
    /// Create the shop from the form.
    Create,
    /// The shop exists now (demo or real), or why not.
    Done(Result<Lang, AppError>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The shop is ready in this language: go to the sale screen.
    Ready(Lang),
}

#[derive(Debug, Default)]
pub struct Setup {
    form: bool,
    name: String,
    tin: String,
    address: String,
    admin: String,
    lang: Lang,
    busy: bool,
    pub notice: Option<Notice>,
}

impl Setup {
    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        match message {
            Message::Demo => {
                self.busy = true;
                Action::Run(services.task(|ctx| demo::create(ctx, 66).map(|_| Lang::Ky), Message::Done))
            }
            Message::SetUp => {
                self.form = true;
                Action::None
            }
            Message::Name(v) => {
                self.name = v;
                Action::None
            }
            Message::Tin(v) => {
                self.tin = v;
                Action::None
            }
            Message::Address(v) => {
                self.address = v;
                Action::None
            }
            Message::Admin(v) => {
                self.admin = v;
                Action::None
            }
            Message::Lang(l) => {
                self.lang = l;
                Action::None
            }
            Message::Create => {
                let shop = ShopInfo {
                    name: self.name.trim().to_string(),
                    address: self.address.trim().to_string(),
                    tin: self.tin.trim().to_string(),
                    footer: vec!["Рахмат! · Спасибо! · Thank you!".into()],
                    ..ShopInfo::default()
                };
                let preferences = Preferences {
                    lang: self.lang,
                    admin: self.admin.trim().to_string(),
                    ..Preferences::default()
                };
                let lang = self.lang;
                self.busy = true;
                Action::Run(services.task(
                    move |ctx| settings::set_up_shop(ctx, &shop, &preferences).map(|_| lang),
                    Message::Done,
                ))
            }
            Message::Done(result) => {
                self.busy = false;
                match result {
                    Ok(lang) => Action::Ready(lang),
                    Err(e) => {
                        self.notice = Some(Notice::error(&e));
                        Action::None
                    }
                }
            }
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let mut col = column![
            text(i18n.tr("welcome")).size(theme::HUGE),
            text(i18n.tr("welcome-text")).size(theme::TEXT)
        ]
        .spacing(16)
        .max_width(640);
        let idle = !self.busy;
        if self.form {
            let langs = [LangChoice(Lang::Ky), LangChoice(Lang::Ru), LangChoice(Lang::En)];
            col = col
                .push(field(
                    i18n.tr("shop-name"),
                    &self.name,
                    Message::Name,
                    Some("setup-name"),
                ))
                .push(field(i18n.tr("tin"), &self.tin, Message::Tin, None))
                .push(field(i18n.tr("address"), &self.address, Message::Address, None))
                .push(field(i18n.tr("admin-name"), &self.admin, Message::Admin, None))
                .push(
                    row![
                        text(i18n.tr("language")).width(160),
                        pick_list(langs, Some(LangChoice(self.lang)), |l: LangChoice| Message::Lang(l.0))
                            .text_size(theme::TEXT)
                    ]
                    .spacing(8),
                )
                .push(big(i18n.tr("create-shop"), idle.then_some(Message::Create)).style(button::success));
        } else {
            col = col.push(
                row![
                    big(i18n.tr("open-demo"), idle.then_some(Message::Demo)).style(button::primary),
                    big(i18n.tr("set-up-shop"), idle.then_some(Message::SetUp)).style(button::secondary),
                ]
                .spacing(12),
            );
        }
        col = col.push(notice(&self.notice, i18n));
        center(container(col).padding(32).style(theme::card))
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}
