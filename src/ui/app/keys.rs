//! The till's keys, in one table: each key means one thing wherever it works (F9 is cash on the payment screen
//! and nothing anywhere else, never Day), buttons show their key from here, and Help lists this table for the
//! screen on show. Also the keyboard-wedge catcher: a scanner that types digits then Enter faster than a person
//! can is a scan, even when no scan field has the focus.

use super::{Message, Returns, Screen, Stocktake, inventory, payment, returns, sale, stocktake, taxfree_dialog};
use crate::domain::payment::PaymentKind;
use iced::Task;
use iced::keyboard::{self, Key, Modifiers, key::Named};
use std::time::{Duration, Instant};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Help,
    Go(Screen),
    CustomerDisplay,
    /// The payment kind for the next amount (payment screen only).
    PayKind(PaymentKind),
    /// Back one step: close Help or a dialog, cancel an approval, payment → cart, any other screen → sale.
    Back,
    /// Void the whole cart (sale screen only).
    VoidCart,
}

/// A key (with Ctrl or not) as the table and the buttons name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub key: Named,
    pub ctrl: bool,
}

/// One row of the table: the key, what it does, the words Help shows for it, and the screens where it works
/// (every screen when empty).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub chord: Chord,
    pub command: Command,
    pub meaning: &'static str,
    pub screens: &'static [Screen],
}

const fn key(key: Named, command: Command, meaning: &'static str, screens: &'static [Screen]) -> Binding {
    Binding {
        chord: Chord { key, ctrl: false },
        command,
        meaning,
        screens,
    }
}

const ALL: &[Screen] = &[];
const PAYMENT: &[Screen] = &[Screen::Payment];
const SALE: &[Screen] = &[Screen::Sale];

/// Every key of the till. A key appears once: that is what "one meaning per key" means.
pub const TABLE: &[Binding] = &[
    key(Named::F1, Command::Help, "help", ALL),
    key(Named::F2, Command::Go(Screen::Sale), "nav-sale", ALL),
    key(Named::F3, Command::Go(Screen::Payment), "pay", ALL),
    key(Named::F4, Command::Go(Screen::Returns), "nav-returns", ALL),
    key(Named::F5, Command::Go(Screen::Inventory), "nav-inventory", ALL),
    key(Named::F6, Command::Go(Screen::Stocktake), "nav-stocktake", ALL),
    key(Named::F7, Command::Go(Screen::Settings), "nav-settings", ALL),
    key(Named::F8, Command::CustomerDisplay, "customer-display", ALL),
    key(Named::F9, Command::PayKind(PaymentKind::Cash), "pay-cash", PAYMENT),
    key(Named::F10, Command::PayKind(PaymentKind::Card), "pay-card", PAYMENT),
    key(Named::F11, Command::PayKind(PaymentKind::Qr), "pay-qr", PAYMENT),
    key(Named::F12, Command::Go(Screen::Day), "nav-day", ALL),
    Binding {
        chord: Chord {
            key: Named::F12,
            ctrl: true,
        },
        command: Command::Go(Screen::Reports),
        meaning: "nav-reports",
        screens: ALL,
    },
    Binding {
        chord: Chord {
            key: Named::Delete,
            ctrl: true,
        },
        command: Command::VoidCart,
        meaning: "void-cart",
        screens: SALE,
    },
    key(Named::Escape, Command::Back, "key-back", ALL),
];

/// Keys the fields handle themselves, listed in Help so the cashier finds them.
pub const FIELD_KEYS: &[(&str, &str, &[Screen])] = &[("Enter", "help-enter", ALL), ("↑ ↓", "help-arrows", SALE)];

impl Chord {
    /// How a button or Help writes the key: `F9`, `Ctrl+F12`.
    pub fn label(&self) -> String {
        let name = match self.key {
            Named::Escape => "Esc".to_string(),
            Named::Delete => "Del".to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("Ctrl+{name}") } else { name }
    }
}

impl Binding {
    pub fn works_on(&self, screen: Screen) -> bool {
        self.screens.is_empty() || self.screens.contains(&screen)
    }
}

/// The keys that work on `screen`: Help's list, and what the test walks.
pub fn table(screen: Screen) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = TABLE
        .iter()
        .filter(|b| b.works_on(screen))
        .map(|b| (b.chord.label(), b.meaning))
        .collect();
    rows.extend(
        FIELD_KEYS
            .iter()
            .filter(|(_, _, s)| s.is_empty() || s.contains(&screen))
            .map(|(k, m, _)| (k.to_string(), *m)),
    );
    rows
}

/// What a pressed key does on `screen`, if anything.
pub fn command(key: &Key, modifiers: Modifiers, screen: Screen) -> Option<Command> {
    let Key::Named(named) = key else {
        return None;
    };
    TABLE
        .iter()
        .find(|b| b.chord.key == *named && b.chord.ctrl == modifiers.control() && b.works_on(screen))
        .map(|b| b.command)
}

/// The key a button for `command` shows (`(F9)`), from the table so the two cannot disagree.
pub fn hint(command: Command) -> String {
    TABLE
        .iter()
        .find(|b| b.command == command)
        .map(|b| format!(" ({})", b.chord.label()))
        .unwrap_or_default()
}

/// A person types a digit every 100 ms at best; a wedge scanner sends one every few milliseconds. Anything
/// slower than this between two keys is typing, not a scan.
pub const SCAN_GAP: Duration = Duration::from_millis(40);

/// The shortest code a wedge scan can be (EAN-8).
const SHORTEST: usize = 8;

/// Digits typed with no field to take them, with when the last one came.
#[derive(Debug, Default)]
pub struct Wedge {
    digits: String,
    last: Option<Instant>,
}

impl Wedge {
    /// Feeds one key; returns the code when the key was the Enter that ends a scan.
    pub fn key(&mut self, key: &Key, text: Option<&str>, at: Instant) -> Option<String> {
        let fast = self
            .last
            .is_some_and(|last| at.saturating_duration_since(last) <= SCAN_GAP);
        if matches!(key, Key::Named(Named::Enter)) {
            let digits = std::mem::take(&mut self.digits);
            self.last = None;
            return (fast && digits.len() >= SHORTEST).then_some(digits);
        }
        let digit = text
            .filter(|t| t.chars().count() == 1)
            .and_then(|t| t.chars().next())
            .filter(char::is_ascii_digit);
        match digit {
            Some(c) => {
                if !fast {
                    self.digits.clear();
                }
                self.digits.push(c);
                self.last = Some(at);
            }
            _ => {
                self.digits.clear();
                self.last = None;
            }
        }
        None
    }
}

impl super::App {
    /// A key no widget took: a wedge scan on its way, or one of the table's keys.
    pub(super) fn on_key(&mut self, event: keyboard::Event, at: Option<Instant>) -> Task<Message> {
        let keyboard::Event::KeyPressed {
            key, modifiers, text, ..
        } = event
        else {
            return Task::none();
        };
        if let Some(at) = at
            && !self.locked
            && let Some(code) = self.wedge.key(&key, text.as_deref(), at)
        {
            return self.route_scan(code);
        }
        if self.locked {
            // The sign-in card: ↑ ↓ pick who signs in (← → too when the PIN field does not hold the focus), then the
            // PIN and Enter, all without a mouse.
            let step = match key {
                Key::Named(Named::ArrowLeft | Named::ArrowUp) => -1,
                Key::Named(Named::ArrowRight | Named::ArrowDown) => 1,
                _ => return Task::none(),
            };
            return self.update(Message::Login(super::super::login::Message::Step(step)));
        }
        match command(&key, modifiers, self.screen) {
            Some(Command::Help) => self.update(Message::Help),
            Some(Command::Go(screen)) => self.go(screen),
            Some(Command::CustomerDisplay) => self.update(Message::ToggleCustomer),
            Some(Command::PayKind(kind)) if self.payment.as_ref().is_some_and(|p| p.done.is_none()) => {
                self.update(Message::Payment(payment::Message::Kind(kind)))
            }
            Some(Command::PayKind(_)) => Task::none(),
            Some(Command::Back) => self.back(),
            Some(Command::VoidCart) => self.update(Message::Sale(sale::Message::VoidCart)),
            None => match key {
                // Not while the tax-free dialog is open: Enter there belongs to its fields.
                Key::Named(Named::Enter)
                    if self.taxfree.is_none() && self.payment.as_ref().is_some_and(|p| p.done.is_some()) =>
                {
                    self.update(Message::Payment(payment::Message::NewSale))
                }
                Key::Named(Named::ArrowUp) if self.screen == Screen::Sale => {
                    self.update(Message::Sale(sale::Message::Highlight(-1)))
                }
                Key::Named(Named::ArrowDown) if self.screen == Screen::Sale => {
                    self.update(Message::Sale(sale::Message::Highlight(1)))
                }
                _ => Task::none(),
            },
        }
    }

    /// Esc: one step back.
    fn back(&mut self) -> Task<Message> {
        if self.help {
            self.help = false;
            return self.refocus();
        }
        if self.taxfree.is_some() {
            self.taxfree = None;
            return self.refocus();
        }
        if self.services.approval_wanted().is_some() {
            return self.cancel_approval();
        }
        match self.screen {
            Screen::Payment if self.payment.as_ref().is_some_and(|p| p.done.is_some()) => {
                self.update(Message::Payment(payment::Message::NewSale))
            }
            Screen::Payment => self.update(Message::Payment(payment::Message::Back)),
            Screen::Sale => self.update(Message::Sale(sale::Message::Escape)),
            _ => self.go(Screen::Sale),
        }
    }

    /// Closes the approval strip without an approval.
    pub(super) fn cancel_approval(&mut self) -> Task<Message> {
        self.services.cancel_request();
        self.approval_name = None;
        self.approval_pin.clear();
        self.approval_refused = None;
        self.refocus()
    }

    /// Gives the focus back to the field a scanner types into on this screen.
    pub(super) fn refocus(&self) -> Task<Message> {
        match self.screen {
            Screen::Sale => sale::focus(),
            Screen::Payment => iced::widget::operation::focus(iced::widget::Id::new(payment::AMOUNT)),
            Screen::Returns => Returns::focus(),
            Screen::Stocktake => Stocktake::focus(),
            _ => Task::none(),
        }
    }

    /// A scan, from the serial scanner or caught from the keyboard: to the screen that takes it.
    pub(super) fn route_scan(&mut self, code: String) -> Task<Message> {
        if self.locked {
            return Task::none();
        }
        let task = match self.screen {
            Screen::Sale => self.update(Message::Sale(sale::Message::Scanned(code))),
            Screen::Stocktake => self.update(Message::Stocktake(stocktake::Message::Scanned(code))),
            Screen::Returns => self.update(Message::Returns(returns::Message::Scanned(code))),
            Screen::Inventory => self.update(Message::Inventory(inventory::Message::Scanned(code))),
            // With the tax-free dialog open, a scan is the passport's MRZ.
            _ if self.taxfree.is_some() => self.update(Message::TaxFree(taxfree_dialog::Message::Scanned(code))),
            Screen::Payment if self.payment.as_ref().is_some_and(|p| p.done.is_some()) => {
                // The next customer's first item: start the new sale with it.
                let task = self.update(Message::Payment(payment::Message::NewSale));
                Task::batch([task, self.update(Message::Sale(sale::Message::Scanned(code)))])
            }
            Screen::Payment | Screen::Settings | Screen::Setup | Screen::Day | Screen::Reports => Task::none(),
        };
        Task::batch([task, self.refocus()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(w: &mut Wedge, keys: &str, start: Instant, gap: Duration) -> Option<String> {
        let mut at = start;
        let mut out = None;
        for c in keys.chars() {
            let (key, text) = if c == '\n' {
                (Key::Named(Named::Enter), None)
            } else {
                (Key::Character(c.to_string().into()), Some(c.to_string()))
            };
            out = w.key(&key, text.as_deref(), at);
            at += gap;
        }
        out
    }

    #[test]
    fn fast_digits_then_enter_are_a_scan_and_typing_is_not() {
        let now = Instant::now();
        let mut w = Wedge::default();
        let fast = Duration::from_millis(5);
        assert_eq!(feed(&mut w, "2100000000098\n", now, fast), Some("2100000000098".into()));
        let slow = Duration::from_millis(150);
        assert_eq!(feed(&mut w, "2100000000098\n", now, slow), None, "a person typing");
        assert_eq!(feed(&mut w, "150\n", now, fast), None, "too short for a code");
        assert_eq!(
            feed(&mut w, "2100000a00098\n", now, fast),
            None,
            "a letter breaks the burst"
        );
    }

    #[test]
    fn every_key_has_one_meaning_on_every_screen() {
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i + 1..] {
                assert_ne!(a.chord, b.chord, "{:?} is bound twice", a.chord.label());
            }
        }
    }
}
