//! The customer display: a second window facing the customer with the lines as they are scanned, the total in
//! som and in the currency the tourist picks, the shop's payment QR while a QR payment is taken, and thanks in
//! three languages after payment. Amounts are written the way the till shows them (`1,234.50 som` in English).
//! A foreign total shown with a rate more than three days older than the sale says of which day the rate is.

use super::i18n::I18n;
use super::theme;
use super::widgets::fit_size;
use crate::domain::cart::Cart;
use crate::domain::catalog::Lang;
use crate::domain::currency::{Currency, Rates};
use crate::domain::money::Som;
use iced::widget::{center, column, container, image, pick_list, responsive, row, scrollable, text};
use iced::{Alignment, Element, Length};

pub const THANKS: &str = "Рахмат! · Спасибо! · Thank you!";

/// The cashier takes a QR payment: the shop's code (none when it is not set up) and what is to pay.
pub struct QrDue<'a> {
    pub picture: Option<&'a image::Handle>,
    pub due: Som,
}

/// What the customer sees.
pub struct Display<'a> {
    pub cart: &'a Cart,
    pub rates: &'a Rates,
    pub currency: Currency,
    /// Set right after a payment: the amount paid.
    pub paid: Option<Som>,
    /// Set while the cashier takes a QR payment.
    pub qr: Option<QrDue<'a>>,
    /// The till's language: amounts are formatted as on the till.
    pub i18n: &'a I18n,
    /// The sale's date: a foreign total with an older rate than three days before it says so.
    pub day: chrono::NaiveDate,
}

/// The date of the rate a foreign total is shown with, when it is stale on `day`
/// ([`crate::domain::nbkr::STALE_AFTER_DAYS`]); none for som or a currency without a rate.
pub fn stale_rate(rates: &Rates, currency: Currency, day: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    if currency == Currency::Kgs {
        return None;
    }
    let rate = rates.get(currency)?;
    crate::domain::nbkr::stale(rate.date, day).then_some(rate.date)
}

/// The total as large as the window allows: a shyrdak's price must not run off the customer's screen.
fn total_amount<'a, M: 'a>(amount: String) -> Element<'a, M> {
    responsive(move |space| {
        let size = fit_size(&amount, theme::HUGE * 1.5, space.width);
        container(text(amount.clone()).size(size).wrapping(text::Wrapping::None))
            .align_right(Length::Fill)
            .into()
    })
    .height(Length::Shrink)
    .into()
}

pub fn view<'a, M: Clone + 'a>(d: Display<'a>, on_currency: impl Fn(Currency) -> M + 'a) -> Element<'a, M> {
    let i18n = d.i18n;
    if let Some(paid) = d.paid {
        return center(
            column![text(THANKS).size(theme::HUGE), text(i18n.money(paid)).size(theme::BIG),]
                .spacing(24)
                .align_x(Alignment::Center),
        )
        .into();
    }
    if let Some(qr) = d.qr {
        return super::payment_qr::customer_view(qr.picture, i18n.money(qr.due), i18n);
    }
    let totals = d.cart.totals();
    let mut lines = column![].spacing(8);
    for (line, t) in d.cart.active_lines().zip(&totals.lines) {
        lines = lines.push(
            row![
                text(line.product.shown_name(Lang::En))
                    .size(theme::BIG)
                    .width(Length::Fill),
                text(format!("{} ×", line.qty.normalize())).size(theme::BIG),
                text(i18n.money(t.amount)).size(theme::BIG),
            ]
            .spacing(16),
        );
    }
    // The last scanned item's photo, large enough for the customer to see what was rung up.
    let last_photo = d
        .cart
        .active_lines()
        .last()
        .and_then(|line| super::thumbs::thumb_view(&line.product, 160.0));
    let lines = row![scrollable(lines).height(Length::Fill).width(Length::Fill)]
        .push(last_photo)
        .spacing(16);
    let mut currencies = vec![Currency::Kgs];
    currencies.extend(Currency::FOREIGN.iter().filter(|c| d.rates.get(**c).is_some()));
    let foreign = match d.rates.from_som(totals.total, d.currency) {
        Ok(m) if d.currency != Currency::Kgs => text(format!("~ {}", i18n.amount(m))).size(theme::BIG),
        _ => text(""),
    };
    let stale = stale_rate(d.rates, d.currency, d.day).map(|on| {
        text(i18n.tr_args("cust-rates-stale", &[("date", on.format("%d.%m.%Y").to_string())]))
            .size(theme::TEXT)
            .style(text::warning)
    });
    column![
        container(lines).height(Length::Fill),
        container(
            column![
                total_amount(i18n.money(totals.total)),
                row![
                    foreign,
                    pick_list(currencies, Some(d.currency), on_currency).text_size(theme::TEXT)
                ]
                .spacing(16)
                .align_y(Alignment::Center),
            ]
            .push(stale)
            .spacing(8)
            .align_x(Alignment::End),
        )
        .width(Length::Fill)
        .padding(16)
        .style(theme::card),
    ]
    .padding(24)
    .spacing(16)
    .into()
}
