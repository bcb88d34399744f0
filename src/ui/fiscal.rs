//! The fiscal register's state in the window: a strip under the top bar while sales wait for registration (the
//! register was down), with a button that registers them now. The sales themselves are saved either way.

use super::i18n::I18n;
use super::services::Services;
use super::theme;
use crate::app::{AppError, fiscal};
use iced::widget::{button, container, row, text};
use iced::{Alignment, Element, Length, Task};

/// How many sales wait, and the register's last error.
pub type Pending = (usize, Option<String>);

/// Counts the sales waiting for registration.
pub fn pending<M: Send + 'static>(
    services: &Services,
    message: impl FnOnce(Result<Pending, AppError>) -> M + Send + 'static,
) -> Task<M> {
    services.task(
        |ctx| {
            let pending = fiscal::pending(ctx)?;
            let reason = pending.iter().rev().find_map(|p| p.last_error.clone());
            Ok((pending.len(), reason))
        },
        message,
    )
}

/// Registers every waiting sale, then counts what is left.
pub fn retry<M: Send + 'static>(
    services: &Services,
    message: impl FnOnce(Result<Pending, AppError>) -> M + Send + 'static,
) -> Task<M> {
    services.task(
        |ctx| {
            let report = fiscal::retry(ctx)?;
            Ok((report.still_pending, report.last_error))
        },
        message,
    )
}

/// The strip, when anything waits.
pub fn banner<'a, M: Clone + 'a>(pending: &Pending, i18n: &I18n, on_retry: M) -> Option<Element<'a, M>> {
    let (count @ 1.., reason) = pending else {
        return None;
    };
    let strip = row![
        text(i18n.tr_args(
            "fiscal-pending",
            &[
                ("count", count.to_string()),
                ("reason", reason.clone().unwrap_or_default())
            ]
        ))
        .size(theme::SMALL)
        .width(Length::Fill),
        button(text(i18n.tr("fiscal-retry")).size(theme::SMALL))
            .style(button::secondary)
            .on_press(on_retry),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    Some(
        container(strip)
            .padding([6, 12])
            .width(Length::Fill)
            .style(theme::notice(theme::Tone::Bad))
            .into(),
    )
}
