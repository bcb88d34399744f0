//! The tax-free dialog, opened from the finished sale's receipt: the passport's MRZ scanned (the serial scanner
//! sends both lines as one frame) or pasted, or the traveller typed in; eligibility shown live as the data comes
//! in; issue, then print the traveller's and the shop's copies.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, field, notice, pair};
use crate::app::{AppError, taxfree};
use crate::domain::tax_free::{Assessment, FormRecord, LeftOut, Refusal, Traveller};
use chrono::NaiveDate;
use iced::widget::{Id, button, column, container, operation, row, scrollable, text};
use iced::{Element, Length, Task};

pub const MRZ: &str = "taxfree-mrz";
pub const NAME: &str = "taxfree-name";
pub const PASSPORT: &str = "taxfree-passport";
pub const COUNTRY: &str = "taxfree-country";
pub const BIRTH: &str = "taxfree-birth";
pub const EXPIRY: &str = "taxfree-expiry";

#[derive(Debug, Clone)]
pub enum Message {
    /// The MRZ field as typed or pasted (read once both lines are there).
    Mrz(String),
    /// A frame from the serial scanner: a passport's MRZ.
    Scanned(String),
    /// The traveller read from the MRZ, or why not.
    MrzRead(Result<Box<Traveller>, AppError>),
    /// The name field.
    Name(String),
    /// The passport number field.
    Passport(String),
    /// The citizenship field.
    Country(String),
    /// The country of residence field.
    Residence(String),
    /// The date of birth field.
    Birth(String),
    /// The passport's expiry date field (typed data; an MRZ carries its own).
    Expiry(String),
    /// The live eligibility check came back.
    Checked(Result<Box<Assessment>, AppError>),
    /// Issue the form.
    Issue,
    /// The form was issued, or why not.
    Issued(Result<Box<FormRecord>, AppError>),
    /// Print both copies of the issued form.
    Print,
    /// Back to the receipt.
    Close,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Queue and print this form's two copies.
    Print(i64),
    Close,
}

#[derive(Debug, Default)]
pub struct TaxFreeDialog {
    pub receipt_no: i64,
    mrz: String,
    name: String,
    passport: String,
    country: String,
    residence: String,
    birth: String,
    expiry: String,
    pub check: Option<Result<Assessment, AppError>>,
    pub notice: Option<Notice>,
    pub issued: Option<FormRecord>,
    issuing: bool,
}

/// `YYYY-MM-DD` or `DD.MM.YYYY`.
fn parse_birth(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
}

impl TaxFreeDialog {
    pub fn new(receipt_no: i64, services: &Services) -> (Self, Task<Message>) {
        let dialog = TaxFreeDialog {
            receipt_no,
            ..Default::default()
        };
        let check = dialog.recheck(services);
        (dialog, Task::batch([check, operation::focus(Id::new(MRZ))]))
    }

    /// The traveller when every field is filled in.
    fn traveller(&self) -> Option<Traveller> {
        let birth = parse_birth(&self.birth)?;
        let residence = if self.residence.trim().is_empty() {
            &self.country
        } else {
            &self.residence
        };
        Traveller::new(&self.name, &self.passport, &self.country, residence, birth).ok()
    }

    /// The typed expiry date, when one was given and reads as a date.
    fn expiry(&self) -> Option<NaiveDate> {
        parse_birth(&self.expiry)
    }

    fn recheck(&self, services: &Services) -> Task<Message> {
        let no = self.receipt_no;
        let traveller = self.traveller();
        let expiry = self.expiry();
        services.task(
            move |ctx| {
                // An expired passport is flagged as soon as its date is typed, like one read from an MRZ.
                if let Some(t) = &traveller {
                    taxfree::typed_traveller(ctx, t.clone(), expiry)?;
                }
                taxfree::check(ctx, no, traveller.as_ref()).map(Box::new)
            },
            Message::Checked,
        )
    }

    fn read_mrz(&self, text: String, services: &Services) -> Task<Message> {
        let residence = Some(self.residence.clone()).filter(|r| !r.trim().is_empty());
        services.task(
            move |ctx| taxfree::traveller_from_mrz(ctx, &text, residence.as_deref()).map(Box::new),
            Message::MrzRead,
        )
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        if self.issued.is_some() && !matches!(message, Message::Print | Message::Close | Message::Issued(_)) {
            return Action::None;
        }
        let edited = |this: &mut Self, set: fn(&mut Self) -> &mut String, value: String| {
            *set(this) = value;
            Action::Run(this.recheck(services))
        };
        match message {
            Message::Mrz(text) => {
                // Both lines are there once 88 MRZ characters are: read them then, not on every key.
                let ready = crate::domain::mrz::normalise(&text).len() >= 2 * crate::domain::mrz::LINE;
                self.mrz = text.clone();
                if ready {
                    Action::Run(self.read_mrz(text, services))
                } else {
                    Action::None
                }
            }
            Message::Scanned(code) => {
                self.mrz = code.clone();
                Action::Run(self.read_mrz(code, services))
            }
            Message::MrzRead(Ok(t)) => {
                let t = *t;
                self.name = t.name;
                self.passport = t.passport_no;
                self.country = t.passport_country;
                self.residence = t.residence_country;
                self.birth = t.birth.to_string();
                self.notice = Some(Notice::new(Tone::Good, "taxfree-mrz-read"));
                Action::Run(self.recheck(services))
            }
            Message::MrzRead(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Action::None
            }
            Message::Name(v) => edited(self, |s| &mut s.name, v),
            Message::Passport(v) => edited(self, |s| &mut s.passport, v),
            Message::Country(v) => edited(self, |s| &mut s.country, v),
            Message::Residence(v) => edited(self, |s| &mut s.residence, v),
            Message::Birth(v) => edited(self, |s| &mut s.birth, v),
            Message::Expiry(v) => edited(self, |s| &mut s.expiry, v),
            Message::Checked(result) => {
                self.check = Some(result.map(|a| *a));
                Action::None
            }
            Message::Issue => {
                let Some(traveller) = self.traveller() else {
                    self.notice = Some(Notice::new(Tone::Bad, "taxfree-incomplete"));
                    return Action::None;
                };
                if self.issuing {
                    return Action::None;
                }
                self.issuing = true;
                let no = self.receipt_no;
                let expiry = self.expiry();
                Action::Run(services.task(
                    move |ctx| {
                        let traveller = taxfree::typed_traveller(ctx, traveller, expiry)?;
                        taxfree::issue(ctx, no, &traveller).map(Box::new)
                    },
                    Message::Issued,
                ))
            }
            Message::Issued(result) => {
                self.issuing = false;
                match result {
                    Ok(rec) => {
                        self.notice =
                            Some(Notice::new(Tone::Good, "taxfree-issued").with("number", rec.form.number.clone()));
                        self.issued = Some(*rec);
                    }
                    // A refusal (another till issued a form meanwhile) shows where eligibility is shown, in words.
                    Err(e @ AppError::TaxFree(_)) => self.check = Some(Err(e)),
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Print => match &self.issued {
                Some(rec) => Action::Print(rec.id),
                None => Action::None,
            },
            Message::Close => Action::Close,
        }
    }

    /// A refusal in the cashier's language.
    fn refusal(e: &AppError, i18n: &I18n) -> String {
        super::errors::notice(e).text(i18n)
    }

    fn left_out(left: &[(String, LeftOut)], i18n: &I18n) -> Element<'static, Message> {
        left.iter()
            .fold(column![].spacing(2), |c, (name, why)| {
                let why = i18n.tr(match why {
                    LeftOut::Category => "taxfree-why-category",
                    LeftOut::NoVat => "taxfree-why-novat",
                    LeftOut::Returned => "taxfree-why-returned",
                });
                c.push(
                    text(i18n.tr_args("taxfree-left-out", &[("name", name.clone()), ("why", why)])).size(theme::SMALL),
                )
            })
            .into()
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let title = i18n.tr_args("taxfree-title", &[("number", self.receipt_no.to_string())]);
        let fields = column![
            field(i18n.tr("taxfree-mrz"), &self.mrz, Message::Mrz, Some(MRZ)),
            row![
                field(i18n.tr("taxfree-name"), &self.name, Message::Name, Some(NAME)),
                field(
                    i18n.tr("taxfree-passport"),
                    &self.passport,
                    Message::Passport,
                    Some(PASSPORT)
                ),
                field(i18n.tr("taxfree-expiry"), &self.expiry, Message::Expiry, Some(EXPIRY)),
            ]
            .spacing(12),
            row![
                field(
                    i18n.tr("taxfree-country"),
                    &self.country,
                    Message::Country,
                    Some(COUNTRY)
                ),
                field(i18n.tr("taxfree-residence"), &self.residence, Message::Residence, None),
                field(i18n.tr("taxfree-birth"), &self.birth, Message::Birth, Some(BIRTH)),
            ]
            .spacing(12),
        ]
        .spacing(10);
        let status: Element<'a, Message> = match &self.check {
            None => text("…").into(),
            Some(Ok(a)) => column![
                pair(i18n.tr("taxfree-eligible-goods"), i18n.money(a.gross), theme::TEXT),
                pair(i18n.tr("taxfree-vat"), i18n.money(a.vat), theme::TEXT),
                pair(i18n.tr("taxfree-refund"), i18n.money(a.refund), theme::BIG),
                pair(
                    i18n.tr("taxfree-deadline"),
                    a.deadline.format("%d.%m.%Y").to_string(),
                    theme::TEXT
                ),
                Self::left_out(&a.left_out, i18n),
            ]
            .spacing(6)
            .into(),
            Some(Err(e)) => {
                let mut c = column![text(Self::refusal(e, i18n)).size(theme::TEXT)].spacing(6);
                if let AppError::TaxFree(
                    Refusal::BelowMinimum { left_out, .. } | Refusal::NoEligibleGoods { left_out },
                ) = e
                {
                    c = c.push(Self::left_out(left_out, i18n));
                }
                container(c)
                    .padding(10)
                    .width(Length::Fill)
                    .style(theme::notice(Tone::Bad))
                    .into()
            }
        };
        let can_issue =
            self.issued.is_none() && !self.issuing && self.traveller().is_some() && matches!(self.check, Some(Ok(_)));
        let mut buttons = row![].spacing(10);
        if self.issued.is_some() {
            buttons = buttons.push(big(i18n.tr("taxfree-print"), Some(Message::Print)).style(button::success));
        } else {
            buttons =
                buttons.push(big(i18n.tr("taxfree-issue"), can_issue.then_some(Message::Issue)).style(button::success));
        }
        buttons = buttons.push(big(i18n.tr("taxfree-close"), Some(Message::Close)).style(button::secondary));
        let body = column![
            text(title).size(theme::BIG),
            fields,
            container(status).padding(12).style(theme::card).width(Length::Fill),
            notice(&self.notice, i18n),
            buttons,
        ]
        .spacing(14)
        .padding(16);
        scrollable(body).into()
    }
}
