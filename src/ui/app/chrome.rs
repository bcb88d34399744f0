//! The window's chrome around the screens: the top bar, the shortcut list and the manager-approval strip.

use super::*;
use iced::widget::column;

impl App {
    /// A manager approves on the spot what the signed-in user may not do alone; the approval waits for the
    /// cashier to do the action again.
    pub(super) fn approval_strip(&self) -> Option<Element<'_, Message>> {
        let i18n = &self.i18n;
        if let Some(by) = self.services.approval_by() {
            let line = text(i18n.tr_args("approval-given", &[("name", by)])).size(theme::SMALL);
            return Some(
                container(line)
                    .padding([6, 12])
                    .width(Length::Fill)
                    .style(theme::notice(theme::Tone::Good))
                    .into(),
            );
        }
        let wanted = self.services.approval_wanted()?;
        let mut strip = row![
            text(i18n.tr_args(
                "approval-wanted",
                &[("reason", crate::ui::errors::notice(&wanted).text(i18n))]
            ))
            .size(theme::SMALL)
            .width(Length::Fill),
            iced::widget::pick_list(
                self.approvers.clone(),
                self.approval_name.clone(),
                Message::ApprovalName
            )
            .placeholder(i18n.tr("approval-manager"))
            .text_size(theme::SMALL),
            iced::widget::text_input(&i18n.tr("login-pin"), &self.approval_pin)
                .id("approval-pin")
                .secure(true)
                .on_input(Message::ApprovalPin)
                .on_submit(Message::Approve)
                .size(theme::SMALL)
                .width(Length::Fixed(120.0)),
            button(text(i18n.tr("approve")).size(theme::SMALL))
                .style(button::success)
                .on_press(Message::Approve),
            button(
                text(format!(
                    "{}{}",
                    i18n.tr("approval-cancel"),
                    keys::hint(keys::Command::Back)
                ))
                .size(theme::SMALL)
            )
            .style(button::secondary)
            .on_press(Message::CancelApproval),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if let Some(refused) = &self.approval_refused {
            strip = strip.push(text(refused.text(i18n)).size(theme::SMALL));
        }
        Some(
            container(strip)
                .padding([6, 12])
                .width(Length::Fill)
                .style(theme::notice(theme::Tone::Info))
                .into(),
        )
    }

    pub(super) fn top_bar(&self) -> Element<'_, Message> {
        let i18n = &self.i18n;
        let nav = |screen: Screen, key: &str, f: String| {
            let active = self.screen == screen || (screen == Screen::Sale && self.screen == Screen::Payment);
            button(
                // The key under the name, not beside it: the whole bar fits one line at 1280 px.
                container(
                    column![
                        text(i18n.tr(key)).size(theme::TEXT - 2.0),
                        text(f).size(theme::SMALL - 4.0)
                    ]
                    .align_x(Alignment::Center),
                )
                .center_y(Length::Fill),
            )
            .height(44)
            .padding([0, 6])
            .style(theme::nav(active))
            .on_press(Message::Go(screen))
        };
        let lang = |l: Lang, label: &'static str| {
            button(container(text(label).size(theme::SMALL)).center_y(Length::Fill))
                .height(44)
                .padding([0, 8])
                .style(theme::nav(self.i18n.lang() == l))
                .on_press(Message::Lang(l))
        };
        let go = |screen: Screen| {
            keys::hint(keys::Command::Go(screen))
                .trim()
                .trim_matches(['(', ')'])
                .to_string()
        };
        // The screens wrap onto a second line when the window is narrow; the clock, the languages and Help keep
        // their place on the right at every size (1024×768 included).
        let screens = row![
            nav(Screen::Sale, "nav-sale", go(Screen::Sale)),
            nav(Screen::Returns, "nav-returns", go(Screen::Returns)),
            nav(Screen::Inventory, "nav-inventory", go(Screen::Inventory)),
            nav(Screen::Stocktake, "nav-stocktake", go(Screen::Stocktake)),
            nav(Screen::Settings, "nav-settings", go(Screen::Settings)),
            nav(Screen::Day, "nav-day", go(Screen::Day)),
            nav(Screen::Reports, "nav-reports", go(Screen::Reports)),
            button(
                container(
                    column![
                        text(i18n.tr("customer-display")).size(theme::SMALL),
                        text(
                            keys::hint(keys::Command::CustomerDisplay)
                                .trim()
                                .trim_matches(['(', ')'])
                                .to_string()
                        )
                        .size(theme::SMALL - 4.0)
                    ]
                    .align_x(Alignment::Center)
                )
                .center_y(Length::Fill)
            )
            .height(44)
            .padding([0, 8])
            .style(theme::nav(self.customer.is_some()))
            .on_press(Message::ToggleCustomer),
            button(
                container(
                    text(if self.user.is_empty() {
                        i18n.tr("switch-user")
                    } else {
                        self.user.clone()
                    })
                    .size(theme::SMALL)
                )
                .center_y(Length::Fill)
            )
            .height(44)
            .padding([0, 8])
            .style(theme::nav(false))
            .on_press(Message::SwitchUser),
        ]
        .spacing(4)
        .align_y(Alignment::Center)
        .width(Length::Fill)
        .wrap()
        .vertical_spacing(4);
        let sync_state = self.sync.status_line(i18n).map(|line| {
            button(container(text(line).size(theme::SMALL - 2.0)).center_y(Length::Fill))
                .height(44)
                .padding([0, 6])
                .style(theme::nav(false))
                .on_press(Message::Sync(crate::ui::sync::Message::SyncNow))
        });
        let fixed = row![
            text(self.now.format("%d.%m %H:%M").to_string())
                .size(theme::SMALL)
                .wrapping(text::Wrapping::None),
            lang(Lang::Ky, "KY"),
            lang(Lang::Ru, "RU"),
            lang(Lang::En, "EN"),
            button(container(text("?").size(theme::TEXT)).center_y(Length::Fill))
                .height(44)
                .padding([0, 14])
                .style(theme::nav(self.help))
                .on_press(Message::Help),
        ]
        .spacing(4)
        .align_y(Alignment::Center);
        let fixed = match sync_state {
            Some(state) => row![state, fixed].spacing(4).align_y(Alignment::Center),
            None => fixed,
        };
        container(row![screens, fixed].spacing(8).align_y(Alignment::Start))
            .padding([4, 8])
            .style(theme::bar)
            .into()
    }

    pub(super) fn help_view(&self) -> Element<'_, Message> {
        let i18n = &self.i18n;
        let keys = keys::table(self.screen);
        let list = keys.iter().fold(
            column![text(i18n.tr("keys-on-screen")).size(theme::BIG)].spacing(10),
            |c, (k, key)| {
                c.push(
                    row![
                        text(k.clone()).size(theme::TEXT).width(140),
                        text(i18n.tr(key)).size(theme::TEXT)
                    ]
                    .spacing(16),
                )
            },
        );
        container(container(list).padding(24).style(theme::card))
            .padding(24)
            .into()
    }
}
