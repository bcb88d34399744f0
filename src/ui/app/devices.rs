//! Where a serial scan goes: to whatever the screen is doing.

use super::*;

impl App {
    /// A scan goes to whatever the screen is doing: the cart, the count, the receipt to return, the product form.
    pub(super) fn scanner_event(&mut self, event: usta_scanner::Event) -> Task<Message> {
        use crate::ui::widgets::Notice;
        use usta_scanner::Event;
        match event {
            Event::Scan(_) if self.locked => Task::none(),
            Event::Scan(scan) => {
                self.scanner_notice = None;
                self.settings.last_scan = Some(scan.code.clone());
                self.route_scan(scan.code)
            }
            Event::Rejected(r) => {
                self.scanner_notice = Some(
                    Notice::new(theme::Tone::Bad, "scanner-rejected")
                        .with("code", r.raw.clone())
                        .with("reason", r.reason.to_string()),
                );
                Task::none()
            }
            Event::Disconnected { reason } => {
                self.scanner_notice =
                    Some(Notice::new(theme::Tone::Bad, "scanner-disconnected").with("reason", reason.to_string()));
                Task::none()
            }
            Event::Connected { port } => {
                self.scanner_notice = Some(Notice::new(theme::Tone::Good, "scanner-connected").with("port", port));
                Task::none()
            }
        }
    }
}

/// Events from the serial scanner, from a reader thread that lives as long as the subscription (its key is the
/// scanner's settings, so a settings change restarts it).
// `Subscription::run_with` hands the key back as `&String`; the signature has to match.
#[allow(clippy::ptr_arg)]
pub(super) fn scanner_events(config: &String) -> impl iced::futures::Stream<Item = usta_scanner::Event> + use<> {
    let config: Option<usta_scanner::ScannerConfig> = serde_json::from_str(config).ok();
    iced::stream::channel(
        16,
        async move |output: iced::futures::channel::mpsc::Sender<usta_scanner::Event>| {
            let Some(config) = config else { return };
            let sink = move |event| {
                iced::futures::executor::block_on(iced::futures::SinkExt::send(&mut output.clone(), event)).is_ok()
            };
            match crate::app::scanner::listen(config, sink) {
                Ok(_reader) => std::future::pending::<()>().await,
                Err(_) => std::future::pending::<()>().await,
            }
        },
    )
}

/// A tick every 15 seconds for the clock in the top bar, from a thread of its own so no pool worker sleeps.
pub(super) fn clock() -> impl iced::futures::Stream<Item = DateTime<FixedOffset>> {
    let (mut tx, rx) = iced::futures::channel::mpsc::channel(1);
    std::thread::spawn(move || {
        loop {
            if tx.try_send(crate::cli::shop_now()).is_err() && tx.is_closed() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_secs(15));
        }
    });
    rx
}
