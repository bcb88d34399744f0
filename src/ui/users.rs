//! Users and PINs, a section of Settings for an administrator: add a user with a role and PIN, reset a PIN,
//! deactivate a user (never delete: sales keep naming their cashier). Everything goes through `app::users`, whose
//! role gate refuses anyone but an admin; the section says so instead of asking for what it cannot do.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, field, notice};
use crate::app::{AppError, users};
use crate::domain::user::{Action, Role};
use crate::store::users::UserRecord;
use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

/// The new user's PIN field (typed hidden).
pub const NEW_PIN: &str = "users-new-pin";

#[derive(Debug, Clone)]
pub enum Message {
    /// The users as stored, or why not.
    Loaded(Result<Vec<UserRecord>, AppError>),
    /// The new user's name.
    Name(String),
    /// The new user's role.
    Role(RoleChoice),
    /// The new user's PIN.
    Pin(String),
    /// Add the new user.
    Add,
    /// Start resetting this user's PIN.
    ResetPin(String),
    /// The new PIN being typed for the reset.
    ResetText(String),
    /// Set the typed PIN.
    ResetConfirm,
    /// Leave the reset.
    ResetCancel,
    /// Deactivate this user.
    Deactivate(String),
    /// A change was made (the notice key to show) or refused; the list is read again either way.
    Done(Result<&'static str, AppError>),
}

/// A role in the chosen language, for the pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChoice {
    pub role: Role,
    pub label: String,
}

impl std::fmt::Display for RoleChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

fn role_name(i18n: &I18n, role: Role) -> String {
    i18n.tr(&format!("role-{}", role.code()))
}

#[derive(Debug, Default)]
pub struct Users {
    pub list: Vec<UserRecord>,
    name: String,
    role: Option<Role>,
    pin: String,
    /// The user whose PIN is being reset, and the new PIN typed.
    reset: Option<(String, String)>,
    pub notice: Option<Notice>,
}

impl Users {
    /// Reads the users when the signed-in user may manage them; nobody else is asked for a PIN to look.
    pub fn load(services: &Services) -> Task<Message> {
        if !services.actor().may(Action::Users) {
            return Task::none();
        }
        services.task(users::list, Message::Loaded)
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Loaded(result) => {
                match result {
                    Ok(list) => self.list = list,
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Task::none()
            }
            Message::Name(v) => {
                self.name = v;
                Task::none()
            }
            Message::Role(r) => {
                self.role = Some(r.role);
                Task::none()
            }
            Message::Pin(v) => {
                self.pin = v;
                Task::none()
            }
            Message::Add => {
                let (name, pin) = (self.name.trim().to_string(), self.pin.clone());
                let role = self.role.unwrap_or(Role::Cashier);
                services.task(
                    move |ctx| users::add(ctx, &name, role, &pin).map(|_| "user-added"),
                    Message::Done,
                )
            }
            Message::ResetPin(name) => {
                self.reset = Some((name, String::new()));
                Task::none()
            }
            Message::ResetText(v) => {
                if let Some((_, pin)) = &mut self.reset {
                    *pin = v;
                }
                Task::none()
            }
            Message::ResetCancel => {
                self.reset = None;
                Task::none()
            }
            Message::ResetConfirm => {
                let Some((name, pin)) = self.reset.clone() else {
                    return Task::none();
                };
                services.task(
                    move |ctx| users::set_pin(ctx, &name, &pin).map(|_| "pin-reset"),
                    Message::Done,
                )
            }
            Message::Deactivate(name) => services.task(
                move |ctx| users::deactivate(ctx, &name).map(|_| "user-deactivated"),
                Message::Done,
            ),
            Message::Done(result) => {
                match result {
                    Ok(key) => {
                        self.notice = Some(Notice::new(Tone::Good, key));
                        // What was typed is done with; a PIN never stays on screen.
                        if key == "user-added" {
                            self.name.clear();
                        }
                        self.pin.clear();
                        self.reset = None;
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Users::load(services)
            }
        }
    }

    pub fn view<'a>(&'a self, may_manage: bool, i18n: &I18n) -> Element<'a, Message> {
        let title = text(i18n.tr("users-and-pins")).size(theme::BIG);
        if !may_manage {
            return column![title, text(i18n.tr("users-admin-only")).style(theme::muted)]
                .spacing(8)
                .into();
        }
        let mut list = column![].spacing(6);
        for user in &self.list {
            let mut line = row![
                text(user.name.clone()).size(theme::TEXT).width(Length::FillPortion(3)),
                text(role_name(i18n, user.role))
                    .size(theme::TEXT)
                    .width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if !user.active {
                line = line.push(
                    text(i18n.tr("user-inactive"))
                        .style(theme::muted)
                        .width(Length::FillPortion(3)),
                );
            } else if self.reset.as_ref().is_some_and(|(n, _)| *n == user.name) {
                let pin = self.reset.as_ref().map_or("", |(_, p)| p.as_str());
                line = line
                    .push(
                        text_input(&i18n.tr("new-pin"), pin)
                            .secure(true)
                            .on_input(Message::ResetText)
                            .on_submit(Message::ResetConfirm)
                            .size(theme::TEXT)
                            .padding(10)
                            .width(Length::FillPortion(2)),
                    )
                    .push(big(i18n.tr("set-pin"), Some(Message::ResetConfirm)).style(button::primary))
                    .push(big(i18n.tr("cancel"), Some(Message::ResetCancel)).style(button::secondary));
            } else {
                line = line
                    .push(
                        big(i18n.tr("reset-pin"), Some(Message::ResetPin(user.name.clone()))).style(button::secondary),
                    )
                    .push(
                        big(i18n.tr("deactivate"), Some(Message::Deactivate(user.name.clone()))).style(button::danger),
                    );
            }
            list = list.push(line);
        }
        let roles: Vec<RoleChoice> = [Role::Cashier, Role::Manager, Role::Admin]
            .into_iter()
            .map(|role| RoleChoice {
                role,
                label: role_name(i18n, role),
            })
            .collect();
        let role = self.role.unwrap_or(Role::Cashier);
        let chosen = roles.iter().find(|r| r.role == role).cloned();
        let add = row![
            field(i18n.tr("user-name"), &self.name, Message::Name, None),
            column![
                text(i18n.tr("role")).size(theme::SMALL),
                pick_list(roles, chosen, Message::Role)
                    .text_size(theme::TEXT)
                    .padding(10)
                    .width(Length::Fill)
            ]
            .spacing(4)
            .width(Length::Fill),
            column![
                text(i18n.tr("pin")).size(theme::SMALL),
                text_input("", &self.pin)
                    .id(NEW_PIN)
                    .secure(true)
                    .on_input(Message::Pin)
                    .on_submit(Message::Add)
                    .size(theme::TEXT)
                    .padding(10)
            ]
            .spacing(4)
            .width(Length::Fill),
            column![
                text(" ").size(theme::SMALL),
                big(i18n.tr("add-user"), Some(Message::Add)).style(button::primary)
            ]
            .spacing(4),
        ]
        .spacing(8);
        column![title, notice(&self.notice, i18n), list, add].spacing(10).into()
    }
}
