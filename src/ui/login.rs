//! Signing in at the till: pick who you are, type your PIN. The window starts here whenever the shop has users,
//! and returns here on "switch user"; what the signed-in user may do is checked in the use cases.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice};
use crate::app::{AppError, users};
use crate::domain::user::Actor;
use iced::widget::{Id, button, center, column, container, operation, row, text, text_input};
use iced::{Element, Length, Task};

pub const PIN: &str = "login-pin";

#[derive(Debug, Clone)]
pub enum Message {
    /// The active users' names.
    Names(Result<Vec<String>, AppError>),
    /// A user was picked.
    Pick(String),
    /// ↓ or ↑ on the keyboard: the next (or previous) name is picked, for a till without a touch screen.
    Step(i32),
    /// The PIN being typed (shown as dots).
    Pin(String),
    /// Sign in with the picked user and the PIN (Enter).
    Submit,
    /// The signed-in user, or why not.
    SignedIn(Result<Actor, AppError>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Someone signed in: unlock the till as them.
    SignedIn(Actor),
}

#[derive(Debug, Default)]
pub struct Login {
    names: Vec<String>,
    pub picked: Option<String>,
    pin: String,
    pub notice: Option<Notice>,
}

impl Login {
    /// Who may sign in (or approve).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Loads who may sign in and puts the cursor in the PIN field.
    pub fn start(&mut self, services: &Services) -> Task<Message> {
        self.pin.clear();
        Task::batch([
            services.task(|ctx| users::names(ctx), Message::Names),
            operation::focus(Id::new(PIN)),
        ])
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        match message {
            Message::Names(result) => {
                match result {
                    Ok(names) => self.names = names,
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Pick(name) => {
                self.picked = Some(name);
                self.notice = None;
                Action::Run(operation::focus(Id::new(PIN)))
            }
            Message::Step(by) => {
                if let Some(name) = stepped(&self.names, self.picked.as_deref(), by) {
                    self.picked = Some(name.to_string());
                    self.notice = None;
                }
                Action::Run(operation::focus(Id::new(PIN)))
            }
            Message::Pin(pin) => {
                self.pin = pin.chars().filter(char::is_ascii_digit).take(8).collect();
                Action::None
            }
            Message::Submit => {
                let Some(name) = self.picked.clone() else {
                    self.notice = Some(Notice::new(Tone::Info, "login-pick"));
                    return Action::None;
                };
                let pin = std::mem::take(&mut self.pin);
                Action::Run(services.task(move |ctx| users::sign_in(ctx, &name, &pin), Message::SignedIn))
            }
            Message::SignedIn(result) => match result {
                Ok(actor) => {
                    self.notice = None;
                    Action::SignedIn(actor)
                }
                Err(e) => {
                    self.notice = Some(refusal(&e));
                    Action::Run(operation::focus(Id::new(PIN)))
                }
            },
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let people = self.names.iter().fold(row![].spacing(8), |r, name| {
            let style = if self.picked.as_deref() == Some(name) {
                button::primary
            } else {
                button::secondary
            };
            r.push(big(name.clone(), Some(Message::Pick(name.clone()))).style(style))
        });
        let pin = text_input(&i18n.tr("login-pin"), &self.pin)
            .id(PIN)
            .secure(true)
            .on_input(Message::Pin)
            .on_submit(Message::Submit)
            .size(theme::BIG)
            .padding(12)
            .width(Length::Fixed(260.0));
        let col = column![
            text(i18n.tr("login-title")).size(theme::HUGE),
            text(i18n.tr("login-who")).size(theme::TEXT),
            people,
            text(i18n.tr("login-keys")).size(theme::SMALL).style(theme::muted),
            pin,
            big(i18n.tr("login-sign-in"), Some(Message::Submit)).style(button::success),
            notice(&self.notice, i18n),
        ]
        .spacing(16)
        .max_width(720);
        center(container(col).padding(32).style(theme::card))
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}

/// The name `by` places after `picked` (before it when negative), wrapping around; with none picked, → starts at
/// the first name and ← at the last.
fn stepped<'a>(names: &'a [String], picked: Option<&str>, by: i32) -> Option<&'a str> {
    let len = i64::try_from(names.len()).ok().filter(|&n| n > 0)?;
    let at = picked.and_then(|p| names.iter().position(|n| n == p));
    let next = match at {
        Some(i) => (i64::try_from(i).ok()? + i64::from(by)).rem_euclid(len),
        None if by < 0 => len - 1,
        None => 0,
    };
    names.get(usize::try_from(next).ok()?).map(String::as_str)
}

/// Why a sign-in or an approval was refused: a locked-out user hears for how long; anything else is "wrong name
/// or PIN", never saying which of the two was wrong.
pub fn refusal(e: &AppError) -> Notice {
    match e {
        AppError::Locked {
            name,
            failures,
            seconds,
        } => Notice::new(Tone::Bad, "login-locked")
            .with("name", name.clone())
            .with("wait", users::wait_text(*seconds))
            .with("count", failures.to_string()),
        _ => Notice::new(Tone::Bad, "login-wrong"),
    }
}

#[cfg(test)]
mod tests {
    use super::stepped;

    #[test]
    fn arrows_walk_the_names_and_wrap() {
        let names: Vec<String> = ["Бакыт", "Айгүл", "Нурлан"].map(String::from).to_vec();
        assert_eq!(stepped(&names, None, 1), Some("Бакыт"));
        assert_eq!(stepped(&names, None, -1), Some("Нурлан"));
        assert_eq!(stepped(&names, Some("Бакыт"), 1), Some("Айгүл"));
        assert_eq!(stepped(&names, Some("Нурлан"), 1), Some("Бакыт"));
        assert_eq!(stepped(&names, Some("Бакыт"), -1), Some("Нурлан"));
        assert_eq!(stepped(&names, Some("gone"), 1), Some("Бакыт"));
        assert_eq!(stepped(&[], None, 1), None);
    }
}
