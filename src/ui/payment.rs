//! Payment: cash, card or QR-mobile, split tender, quick cash buttons, change in som, foreign cash only when the
//! shop allows it. Confirming commits the sale in one transaction and shows the receipt as it will print.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice, total_row};
use crate::app::{AppError, checkout, receipt_text, taxfree};
use crate::domain::cart::Cart;
use crate::domain::currency::{Currency, Money, Rates};
use crate::domain::money::{Som, parse_decimal};
use crate::domain::payment::{PaymentKind, PaymentRules, Settlement, Tender, settle};
use crate::domain::receipt::ReceiptDoc;
use crate::domain::sale::Sale;
use iced::widget::{Id, button, column, container, operation, pick_list, row, scrollable, text, text_input};
use iced::{Alignment, Element, Font, Length, Task};

pub const AMOUNT: &str = "amount";

#[derive(Debug, Clone)]
pub enum Message {
    /// The payment kind for the next tender.
    Kind(PaymentKind),
    /// The amount being typed.
    Amount(String),
    /// The currency of foreign cash (only when the shop takes it).
    Currency(Currency),
    /// Add the typed amount as a tender (Enter in the amount field).
    Add,
    /// Pay what is still due with the chosen kind.
    Exact,
    /// A quick cash button: this many som in cash.
    Quick(i64),
    /// Remove a tender.
    RemoveTender(usize),
    /// Commit the sale.
    Confirm,
    /// The sale was committed (with its receipt and whether it qualifies for tax-free), or why not.
    Committed(Result<Box<(Sale, ReceiptDoc, bool)>, AppError>),
    /// Back to the cart without paying.
    Back,
    /// Start the next sale.
    NewSale,
    /// Print the receipt again (it comes out marked COPY).
    Reprint,
    /// Open the tax-free dialog for the finished sale.
    TaxFree,
    /// Payment rules and today's rates.
    Context(Result<(PaymentRules, Rates), AppError>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Back to the sale screen with the cart untouched.
    Back,
    /// The sale is in the books: clear the cart, tell the customer display.
    Completed(Box<Sale>),
    /// The cashier starts the next sale.
    NewSale,
    /// Print this stored sale's receipt again.
    Reprint(i64),
    /// Open the tax-free dialog for this receipt number.
    TaxFree(i64),
}

#[derive(Debug)]
pub struct Payment {
    cart: Cart,
    pub total: Som,
    kind: PaymentKind,
    amount: String,
    currency: Currency,
    pub tenders: Vec<Tender>,
    rules: PaymentRules,
    rates: Rates,
    pub notice: Option<Notice>,
    committing: bool,
    /// The committed sale and its receipt text.
    pub done: Option<(Sale, String)>,
    /// The finished sale's goods qualify for a tax-free form (its button shows then).
    pub taxfree_offer: bool,
}

impl Payment {
    pub fn new(cart: Cart, services: &Services) -> (Self, Task<Message>) {
        let total = cart.totals().total;
        let state = Payment {
            cart,
            total,
            kind: PaymentKind::Cash,
            amount: String::new(),
            currency: Currency::Kgs,
            tenders: Vec::new(),
            rules: PaymentRules::default(),
            rates: Rates::default(),
            notice: None,
            committing: false,
            done: None,
            taxfree_offer: false,
        };
        let load = services.task(
            |ctx| Ok((ctx.store.payment_rules()?, ctx.store.rates_on(ctx.now.date_naive())?)),
            Message::Context,
        );
        (state, Task::batch([load, operation::focus(Id::new(AMOUNT))]))
    }

    fn paid(&self) -> Som {
        self.tenders
            .iter()
            .filter_map(|t| self.rates.to_som(t.amount).ok())
            .sum()
    }

    /// The payment kind chosen for the next tender (the customer display shows the shop's QR for QR).
    pub fn kind(&self) -> PaymentKind {
        self.kind
    }

    /// Still to pay (never negative).
    pub fn remaining(&self) -> Som {
        (self.total - self.paid()).max(Som::ZERO)
    }

    /// The settlement if the tenders cover the total.
    pub fn settlement(&self) -> Option<Settlement> {
        settle(self.total, &self.tenders, &self.rules, &self.rates).ok()
    }

    /// Adds a tender after the checks that do not depend on the total (those come at confirmation).
    fn push(&mut self, tender: Tender) {
        use crate::domain::payment::PaymentError;
        let refusal = if tender.amount.currency == Currency::Kgs {
            None
        } else if tender.kind != PaymentKind::Cash {
            Some(PaymentError::ForeignNonCash(tender.kind))
        } else if !self.rules.accept_foreign_cash {
            Some(PaymentError::ForeignCashOff(tender.amount))
        } else {
            self.rates.to_som(tender.amount).err().map(PaymentError::from)
        };
        // A card or QR payment cannot give change: more than is still due is refused now, with the reason, not
        // when the sale is confirmed.
        let due = self.remaining();
        if refusal.is_none()
            && tender.kind != PaymentKind::Cash
            && let Ok(som) = self.rates.to_som(tender.amount)
            && som > due
        {
            self.notice = Some(
                Notice::new(Tone::Bad, "non-cash-over")
                    .with("kind", tender.kind.code())
                    .with("amount", crate::ui::i18n::money_arg(som))
                    .with("due", crate::ui::i18n::money_arg(due)),
            );
            return;
        }
        match refusal {
            Some(e) => self.notice = Some(Notice::error(&AppError::Payment(e))),
            None => {
                self.notice = None;
                self.tenders.push(tender);
            }
        }
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        if self.done.is_some()
            && !matches!(
                message,
                Message::NewSale | Message::Committed(_) | Message::Reprint | Message::TaxFree
            )
        {
            return Action::None;
        }
        match message {
            Message::Kind(kind) => {
                self.kind = kind;
                if kind != PaymentKind::Cash {
                    self.currency = Currency::Kgs;
                }
                Action::Run(operation::focus(Id::new(AMOUNT)))
            }
            Message::Amount(text) => {
                self.amount = text;
                Action::None
            }
            Message::Currency(c) => {
                self.currency = c;
                Action::None
            }
            Message::Add => {
                if self.amount.trim().is_empty() {
                    // Enter on an empty field records no money never handed over; once the tenders cover the
                    // total it confirms.
                    return if self.settlement().is_some() {
                        self.update(Message::Confirm, services)
                    } else {
                        Action::Run(operation::focus(Id::new(AMOUNT)))
                    };
                }
                match parse_decimal(&self.amount) {
                    Some(a) if a > rust_decimal::Decimal::ZERO => {
                        self.push(Tender {
                            kind: self.kind,
                            amount: Money::new(a, self.currency),
                        });
                        self.amount.clear();
                    }
                    _ => {
                        self.notice = Some(Notice::new(Tone::Bad, "bad-amount").with("text", self.amount.clone()));
                    }
                }
                Action::Run(operation::focus(Id::new(AMOUNT)))
            }
            Message::Exact => {
                let rest = self.remaining();
                if rest.is_positive() {
                    self.push(Tender::som(self.kind, rest));
                }
                Action::Run(operation::focus(Id::new(AMOUNT)))
            }
            Message::Quick(som) => {
                self.push(Tender::som(PaymentKind::Cash, Som::whole(som)));
                Action::Run(operation::focus(Id::new(AMOUNT)))
            }
            Message::RemoveTender(i) => {
                if i < self.tenders.len() {
                    self.tenders.remove(i);
                }
                Action::None
            }
            Message::Confirm => {
                if self.committing {
                    return Action::None;
                }
                if let Err(e) = settle(self.total, &self.tenders, &self.rules, &self.rates) {
                    self.notice = Some(Notice::error(&AppError::Payment(e)));
                    return Action::None;
                }
                self.committing = true;
                let cart = self.cart.clone();
                let tenders = self.tenders.clone();
                Action::Run(services.task(
                    move |ctx| {
                        let sale = checkout::commit(ctx, &cart, &tenders)?;
                        let doc = checkout::receipt(ctx, &sale)?;
                        let offer = sale.receipt_no.is_some_and(|no| taxfree::offer_for(ctx, no));
                        Ok(Box::new((sale, doc, offer)))
                    },
                    Message::Committed,
                ))
            }
            Message::Committed(result) => {
                self.committing = false;
                match result.map(|b| *b) {
                    Ok((sale, doc, offer)) => {
                        let text = receipt_text::render(&doc, 42);
                        self.taxfree_offer = offer;
                        self.done = Some((sale.clone(), text));
                        self.notice = None;
                        Action::Completed(Box::new(sale))
                    }
                    Err(e) => {
                        self.notice = Some(Notice::error(&e));
                        Action::None
                    }
                }
            }
            Message::Reprint => match self.done.as_ref().and_then(|(sale, _)| sale.id) {
                Some(id) => Action::Reprint(id),
                None => Action::None,
            },
            Message::TaxFree => match self.done.as_ref().and_then(|(sale, _)| sale.receipt_no) {
                Some(no) => Action::TaxFree(no),
                _ => Action::None,
            },
            Message::Back => Action::Back,
            Message::NewSale => Action::NewSale,
            Message::Context(result) => {
                match result {
                    Ok((rules, rates)) => {
                        self.rules = rules;
                        self.rates = rates;
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        if let Some((sale, receipt)) = &self.done {
            return self.receipt_view(sale, receipt, i18n);
        }
        let kinds = PaymentKind::ALL.iter().fold(row![].spacing(6), |r, k| {
            let label = i18n.tr(match k {
                PaymentKind::Cash => "pay-cash",
                PaymentKind::Card => "pay-card",
                PaymentKind::Qr => "pay-qr",
            });
            let style = if *k == self.kind {
                button::primary
            } else {
                button::secondary
            };
            let hint = crate::ui::app::keys::hint(crate::ui::app::keys::Command::PayKind(*k));
            r.push(big(format!("{label}{hint}"), Some(Message::Kind(*k))).style(style))
        });
        let mut entry = row![
            text_input(&i18n.tr("amount"), &self.amount)
                .id(AMOUNT)
                .on_input(Message::Amount)
                .on_submit(Message::Add)
                .size(theme::BIG)
                .padding(10)
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        if self.rules.accept_foreign_cash && self.kind == PaymentKind::Cash {
            entry = entry.push(pick_list(Currency::ALL, Some(self.currency), Message::Currency).text_size(theme::TEXT));
        }
        entry = entry.push(big(i18n.tr("add"), Some(Message::Add)).style(button::secondary));
        let quick = [500, 1000, 5000].iter().fold(
            row![big(i18n.tr("exact"), Some(Message::Exact)).style(button::secondary)].spacing(6),
            |r, som| r.push(big(i18n.money(Som::whole(*som)), Some(Message::Quick(*som))).style(button::secondary)),
        );
        // At 1024×768 the four buttons are wider than the column: the last one goes to a second line, uncut.
        let quick = quick.wrap();
        let mut tenders = column![].spacing(4);
        for (i, t) in self.tenders.iter().enumerate() {
            let som = self.rates.to_som(t.amount).unwrap_or_default();
            let shown = if t.amount.currency == Currency::Kgs {
                i18n.money(som)
            } else {
                format!("{} = {}", i18n.amount(t.amount), i18n.money(som))
            };
            tenders = tenders.push(
                row![
                    text(i18n.tr(&format!("pay-{}", t.kind.code())))
                        .size(theme::TEXT)
                        .width(Length::Fill),
                    text(shown).size(theme::TEXT),
                    button(text("×"))
                        .on_press(Message::RemoveTender(i))
                        .style(button::danger)
                        .padding([6, 14]),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        let mut summary = column![total_row(i18n.tr("total"), i18n.money(self.total), theme::HUGE)].spacing(6);
        summary = summary.push(total_row(i18n.tr("paid"), i18n.money(self.paid()), theme::TEXT));
        match self.settlement() {
            Some(s) => {
                summary = summary.push(total_row(i18n.tr("change"), i18n.money(s.change), theme::HUGE));
                if !s.rounding.is_zero() {
                    summary = summary.push(total_row(i18n.tr("rounding"), i18n.money(s.rounding), theme::SMALL));
                }
            }
            None => {
                summary = summary.push(total_row(
                    i18n.tr("remaining"),
                    i18n.money(self.remaining()),
                    theme::BIG,
                ))
            }
        }
        let confirm = big(
            format!("{} (Enter)", i18n.tr("confirm")),
            (self.settlement().is_some() && !self.committing).then_some(Message::Confirm),
        )
        .width(Length::Fill)
        .height(theme::TOUCH * 1.5)
        .style(button::success);
        let left = column![
            text(i18n.tr("payment")).size(theme::BIG),
            kinds,
            entry,
            quick,
            notice(&self.notice, i18n),
            tenders,
        ]
        .spacing(12)
        .width(Length::FillPortion(3));
        let right = column![
            container(summary).padding(16).style(theme::card).width(Length::Fill),
            confirm,
            big(
                format!(
                    "{}{}",
                    i18n.tr("back-to-cart"),
                    crate::ui::app::keys::hint(crate::ui::app::keys::Command::Back)
                ),
                Some(Message::Back)
            )
            .style(button::secondary),
        ]
        .spacing(12)
        .width(Length::FillPortion(2));
        row![left, right].spacing(16).padding(16).into()
    }

    fn receipt_view<'a>(&'a self, sale: &'a Sale, receipt: &'a str, i18n: &I18n) -> Element<'a, Message> {
        let paper = container(scrollable(
            text(receipt)
                .font(Font::MONOSPACE)
                .size(theme::SMALL)
                .wrapping(text::Wrapping::WordOrGlyph),
        ))
        .padding(16)
        .style(theme::card)
        .width(Length::Fixed(470.0));
        let done = column![
            text(i18n.tr_args(
                "sale-done",
                &[("number", sale.receipt_no.unwrap_or_default().to_string())]
            ))
            .size(theme::BIG),
            total_row(i18n.tr("total"), i18n.money(sale.total + sale.rounding), theme::HUGE),
            total_row(i18n.tr("change"), i18n.money(sale.change), theme::HUGE),
            big(format!("{} (Enter)", i18n.tr("new-sale")), Some(Message::NewSale))
                .width(Length::Fill)
                .height(theme::TOUCH * 1.5)
                .style(button::success),
            big(i18n.tr("reprint"), Some(Message::Reprint)).style(button::secondary),
        ]
        .spacing(12)
        .width(Length::FillPortion(2));
        // Always there: a receipt that does not qualify opens the form to say why ("700,00 som more are needed").
        let style = if self.taxfree_offer {
            button::primary
        } else {
            button::secondary
        };
        let done = done.push(big(i18n.tr("taxfree"), Some(Message::TaxFree)).style(style));
        row![paper, done].spacing(24).padding(16).into()
    }
}
