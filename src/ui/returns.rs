//! Returns: scan the receipt's barcode or type its number, pick lines and quantities, choose how the money goes
//! back. Refusals (more than sold, receipt not found) are shown plainly and nothing is written.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice, total_row};
use crate::app::{AppError, receipt_text, returns, taxfree};
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::returns::{ReturnRequest, Returnable, refund_amount};
use crate::domain::sale::Sale;
use iced::widget::{Id, button, column, container, operation, row, scrollable, text, text_input};
use iced::{Alignment, Element, Font, Length, Task};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub const RECEIPT: &str = "return-receipt";

#[derive(Debug, Clone)]
pub enum Message {
    /// The receipt number field changed.
    Receipt(String),
    /// Look the receipt up (Enter, or a scanned receipt barcode).
    Find,
    /// A scanned code (receipt barcode).
    Scanned(String),
    /// The receipt, its returnable lines and the som the drawer should hold.
    Loaded(Result<(Sale, Vec<Returnable>, Som), AppError>),
    /// One more of a line to return.
    More(i64),
    /// One less of a line to return.
    Less(i64),
    /// All that is left of every line.
    All,
    /// How the money goes back.
    Refund(PaymentKind),
    /// Commit the return.
    Confirm,
    /// The return was committed, with its receipt text and what it did to a tax-free form.
    Done(Result<Box<Returned>, AppError>),
    /// Print the tax-free form a return issued in place of the voided one (the app queues it).
    PrintForm(i64),
    /// Start over.
    Clear,
    /// Issue a tax-free form for the loaded receipt later than at payment (the app opens the dialog).
    TaxFree(i64),
}

/// A committed return as the screen shows it.
#[derive(Debug, Clone)]
pub struct Returned {
    pub sale: Sale,
    /// The return receipt as printed.
    pub receipt: String,
    /// The tax-free form the return voided and the one issued for the goods kept.
    pub form: Option<taxfree::FormChange>,
}

#[derive(Debug, Default)]
pub struct Returns {
    receipt: String,
    loaded: Option<(Sale, Vec<Returnable>)>,
    picked: BTreeMap<i64, Decimal>,
    refund: Option<PaymentKind>,
    /// The som the drawer should hold, when the receipt was loaded.
    drawer: Som,
    pub notice: Option<Notice>,
    pub done: Option<Returned>,
}

impl Returns {
    pub fn focus<T>() -> Task<T> {
        operation::focus(Id::new(RECEIPT))
    }

    fn left(&self, id: i64) -> Decimal {
        self.loaded
            .as_ref()
            .and_then(|(_, lines)| lines.iter().find(|r| r.line.id == Some(id)))
            .map_or(Decimal::ZERO, Returnable::remaining_qty)
    }

    /// The refund the picked quantities would give (the rule the return itself uses).
    pub fn refund_total(&self) -> Som {
        let Some((sale, lines)) = &self.loaded else {
            return Som::ZERO;
        };
        let picked: Vec<(i64, Decimal)> = self.picked.iter().map(|(k, v)| (*k, *v)).collect();
        if picked.is_empty() {
            return Som::ZERO;
        }
        refund_amount(sale, lines, &ReturnRequest::Lines(picked)).unwrap_or(Som::ZERO)
    }

    /// A cash refund larger than the drawer should hold: the refund and the drawer, to warn before confirming
    /// (the return then needs a manager's approval).
    pub fn over_drawer(&self) -> Option<(Som, Som)> {
        let refund = self.refund_total();
        (self.refund == Some(PaymentKind::Cash) && refund > self.drawer).then_some((refund, self.drawer))
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Receipt(t) => {
                self.receipt = t;
                Task::none()
            }
            Message::TaxFree(_) | Message::PrintForm(_) => Task::none(),
            Message::Scanned(code) => {
                self.receipt = code;
                self.update(Message::Find, services)
            }
            Message::Find => {
                self.done = None;
                let Some(number) = returns::parse_receipt_ref(&self.receipt) else {
                    self.notice = Some(Notice::new(Tone::Bad, "bad-receipt-number").with("text", self.receipt.clone()));
                    return Self::focus();
                };
                services.task(
                    move |ctx| {
                        let (sale, lines) = returns::lookup(ctx, number)?;
                        Ok((sale, lines, returns::cash_in_drawer(ctx)?))
                    },
                    Message::Loaded,
                )
            }
            Message::Loaded(result) => {
                self.picked.clear();
                match result {
                    Ok((sale, lines, drawer)) => {
                        let all_back = lines.iter().all(|r| r.remaining_qty().is_zero());
                        self.notice = all_back.then(|| Notice::new(Tone::Info, "all-returned"));
                        self.refund = sale.payments.first().map(|p| p.kind);
                        self.drawer = drawer;
                        self.loaded = Some((sale, lines));
                    }
                    Err(e) => {
                        self.loaded = None;
                        self.notice = Some(Notice::error(&e));
                    }
                }
                Self::focus()
            }
            Message::More(id) => {
                let now = self.picked.get(&id).copied().unwrap_or_default();
                if now + Decimal::ONE <= self.left(id) {
                    self.picked.insert(id, now + Decimal::ONE);
                    self.notice = None;
                } else {
                    self.notice = Some(Notice::new(Tone::Bad, "more-than-sold"));
                }
                Task::none()
            }
            Message::Less(id) => {
                let now = self.picked.get(&id).copied().unwrap_or_default();
                if now > Decimal::ONE {
                    self.picked.insert(id, now - Decimal::ONE);
                } else {
                    self.picked.remove(&id);
                }
                Task::none()
            }
            Message::All => {
                if let Some((_, lines)) = &self.loaded {
                    self.picked = lines
                        .iter()
                        .filter(|r| r.remaining_qty() > Decimal::ZERO)
                        .filter_map(|r| Some((r.line.id?, r.remaining_qty())))
                        .collect();
                }
                Task::none()
            }
            Message::Refund(kind) => {
                self.refund = Some(kind);
                Task::none()
            }
            Message::Confirm => {
                let (Some((sale, _)), Some(refund)) = (&self.loaded, self.refund) else {
                    self.notice = Some(Notice::new(Tone::Bad, "pick-refund"));
                    return Task::none();
                };
                if self.picked.is_empty() {
                    self.notice = Some(Notice::new(Tone::Bad, "pick-lines"));
                    return Task::none();
                }
                let number = sale.receipt_no.unwrap_or_default();
                let lines: Vec<(i64, Decimal)> = self.picked.iter().map(|(k, v)| (*k, *v)).collect();
                services.task(
                    move |ctx| {
                        let ret = returns::return_lines(ctx, number, &lines, refund)?;
                        let doc = crate::app::checkout::receipt(ctx, &ret)?;
                        let form = match ret.id {
                            Some(id) => taxfree::change_for_return(ctx, id)?,
                            None => None,
                        };
                        Ok(Box::new(Returned {
                            receipt: receipt_text::render(&doc, 42),
                            sale: ret,
                            form,
                        }))
                    },
                    Message::Done,
                )
            }
            Message::Done(result) => {
                match result {
                    Ok(done) => {
                        let number = done.sale.receipt_no.unwrap_or_default().to_string();
                        // A form the return changed is said in words: the traveller needs the new one.
                        self.notice = Some(match &done.form {
                            Some(taxfree::FormChange {
                                voided,
                                issued: Some(issued),
                            }) => Notice::new(Tone::Info, "return-done-form-replaced")
                                .with("number", number)
                                .with("voided", voided.form.number.clone())
                                .with("issued", issued.form.number.clone()),
                            Some(taxfree::FormChange { voided, issued: None }) => {
                                Notice::new(Tone::Info, "return-done-form-void")
                                    .with("number", number)
                                    .with("voided", voided.form.number.clone())
                            }
                            None => Notice::new(Tone::Good, "return-done").with("number", number),
                        });
                        self.done = Some(*done);
                        self.loaded = None;
                        self.picked.clear();
                        self.receipt.clear();
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Self::focus()
            }
            Message::Clear => {
                *self = Returns::default();
                Self::focus()
            }
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let find = row![
            text_input(&i18n.tr("receipt-number"), &self.receipt)
                .id(RECEIPT)
                .on_input(Message::Receipt)
                .on_submit(Message::Find)
                .size(theme::BIG)
                .padding(10),
            big(i18n.tr("find"), Some(Message::Find)).style(button::secondary),
        ]
        .spacing(6);
        let mut left = column![
            text(i18n.tr("returns")).size(theme::BIG),
            find,
            notice(&self.notice, i18n)
        ]
        .spacing(12);
        if let Some((sale, lines)) = &self.loaded {
            left = left.push(
                row![
                    text(i18n.tr_args(
                        "receipt-of",
                        &[
                            ("number", sale.receipt_no.unwrap_or_default().to_string()),
                            ("date", sale.at.format("%d.%m.%Y %H:%M").to_string()),
                        ],
                    ))
                    .size(theme::TEXT)
                    .width(Length::Fill),
                    big(i18n.tr("taxfree"), sale.receipt_no.map(Message::TaxFree)).style(button::secondary),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
            let mut list = column![].spacing(6);
            for r in lines {
                let Some(id) = r.line.id else { continue };
                let picked = self.picked.get(&id).copied().unwrap_or_default();
                let info = i18n.tr_args(
                    "return-line",
                    &[
                        ("sold", r.line.qty.normalize().to_string()),
                        ("returned", r.returned_qty.normalize().to_string()),
                        ("paid", i18n.money(r.line.amount)),
                    ],
                );
                list = list.push(
                    container(
                        row![
                            column![
                                text(r.line.names.get(i18n.lang()).to_string()).size(theme::TEXT),
                                text(info).size(theme::SMALL).style(theme::muted)
                            ]
                            .width(Length::Fill),
                            button(text("−").size(theme::BIG))
                                .on_press(Message::Less(id))
                                .height(theme::TOUCH)
                                .width(theme::TOUCH),
                            text(picked.normalize().to_string()).size(theme::BIG).width(48).center(),
                            button(text("+").size(theme::BIG))
                                .on_press(Message::More(id))
                                .height(theme::TOUCH)
                                .width(theme::TOUCH),
                        ]
                        .spacing(8)
                        .align_y(Alignment::Center),
                    )
                    .padding(10)
                    .style(theme::card),
                );
            }
            left = left.push(scrollable(list).height(Length::Fill));
        }
        let mut right = column![].spacing(12).width(Length::FillPortion(2));
        if self.loaded.is_some() {
            let kinds = PaymentKind::ALL.iter().fold(row![].spacing(6), |r, k| {
                let style = if Some(*k) == self.refund {
                    button::primary
                } else {
                    button::secondary
                };
                r.push(big(i18n.tr(&format!("pay-{}", k.code())), Some(Message::Refund(*k))).style(style))
            });
            right = right
                .push(big(i18n.tr("return-all"), Some(Message::All)).style(button::secondary))
                .push(text(i18n.tr("refund-by")).size(theme::SMALL))
                .push(kinds)
                .push(
                    container(total_row(
                        i18n.tr("refund"),
                        i18n.money(self.refund_total()),
                        theme::HUGE,
                    ))
                    .padding(16)
                    .style(theme::card),
                );
            if let Some((refund, drawer)) = self.over_drawer() {
                let warning = Notice::new(Tone::Bad, "refund-over-drawer")
                    .with("refund", i18n.money(refund))
                    .with("drawer", i18n.money(drawer));
                right = right.push(notice(&Some(warning), i18n));
            }
            right = right
                .push(
                    big(
                        i18n.tr("confirm-return"),
                        (!self.picked.is_empty()).then_some(Message::Confirm),
                    )
                    .width(Length::Fill)
                    .height(theme::TOUCH * 1.5)
                    .style(button::danger),
                )
                .push(big(i18n.tr("cancel"), Some(Message::Clear)).style(button::secondary));
        }
        if let Some(issued) = self
            .done
            .as_ref()
            .and_then(|d| d.form.as_ref())
            .and_then(|f| f.issued.as_ref())
        {
            right = right.push(
                big(
                    i18n.tr_args("return-print-form", &[("form", issued.form.number.clone())]),
                    Some(Message::PrintForm(issued.id)),
                )
                .style(button::primary),
            );
        }
        if let Some(Returned { receipt, .. }) = &self.done {
            right = right.push(
                container(scrollable(
                    text(receipt)
                        .font(Font::MONOSPACE)
                        .size(theme::SMALL)
                        .wrapping(text::Wrapping::WordOrGlyph),
                ))
                .padding(12)
                .style(theme::card),
            );
        }
        row![left.width(Length::FillPortion(3)), right]
            .spacing(16)
            .padding(16)
            .into()
    }
}
