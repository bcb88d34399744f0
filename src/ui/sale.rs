//! The sale screen, the till's home: a scan/search field that always has the focus, a type-ahead list, the
//! cart with big touch targets, running totals with the tax breakdown and the total in foreign currencies, and
//! parked carts. Every change of the cart is saved as a draft so a crash or power cut loses nothing.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice, total_row};
use crate::app::{AppError, checkout, till};
use crate::domain::barcode::Barcode;
use crate::domain::cart::{Cart, Discount};
use crate::domain::currency::Rates;
use crate::domain::money::{Som, parse_decimal};
use crate::domain::payment::PaymentKind;
use crate::domain::tax::TaxConfig;
use crate::store::{Parked, ProductRecord};
use iced::widget::{Id, button, column, container, operation, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::Decimal;

/// The scan field's id: focus returns here after every action.
pub const SCAN: &str = "scan";
/// The cart's scrollable list.
pub const CART: &str = "cart";

#[derive(Debug, Clone)]
pub enum Message {
    /// The scan/search field changed.
    Input(String),
    /// Enter in the scan field: a barcode (keyboard-wedge scanners end with Enter) or the first suggestion.
    Submit,
    /// A code arrived from a serial scanner.
    Scanned(String),
    /// The product for a scanned code, or why there is none.
    Found(String, Result<ProductRecord, AppError>),
    /// Type-ahead results for the text they were searched with.
    Suggestions(String, Result<Vec<ProductRecord>, AppError>),
    /// A suggestion was picked.
    Pick(Box<ProductRecord>),
    /// One more of a line.
    Increase(u32),
    /// One less of a line (at one, the line is removed).
    Decrease(u32),
    /// Remove a line.
    Remove(u32),
    /// Start typing a quantity for a line.
    EditQty(u32),
    /// Start typing a discount for a line (`10%` or an amount).
    EditDiscount(u32),
    /// Text of the quantity or discount being typed.
    EditText(String),
    /// Apply the typed quantity or discount.
    EditCommit,
    /// The sale discount field changed.
    SaleDiscountText(String),
    /// Apply the sale discount.
    SaleDiscountCommit,
    /// Park the cart for later.
    Park,
    /// The cart was parked.
    ParkDone(Result<i64, AppError>),
    /// Show or hide the list of parked carts.
    ToggleParked,
    /// Parked carts loaded.
    ParkedList(Result<Vec<Parked>, AppError>),
    /// Take a parked cart back.
    Resume(i64),
    /// A cart came back (from a parked cart or the draft).
    Restored(Result<Option<Cart>, AppError>),
    /// Tax settings and today's rates for the running totals.
    Context(Result<(TaxConfig, Rates), AppError>),
    /// The draft was saved.
    Saved(Result<(), AppError>),
    /// Go to payment.
    Pay,
    /// ↑/↓ moved the highlighted suggestion (Enter adds the highlighted one).
    Highlight(i32),
    /// Esc on the sale screen: drop the typed search and the open edit, back to the scan field.
    Escape,
    /// A manager approved: do again what waited for the approval.
    Retry,
    /// The discount limit was checked for this cart (with the discount typed) before it is applied.
    DiscountChecked(Box<Cart>, Retry, Result<(), AppError>),
    /// Void the whole cart (a manager's approval above the shop's amount).
    VoidCart,
    /// The cart was voided, or why not.
    Voided(Result<(), AppError>),
}

/// What to do again once a manager approves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retry {
    /// The sale discount in the field.
    SaleDiscount,
    /// A line's discount, as typed.
    Line(u32, String),
    /// Voiding the cart.
    Void,
}

/// What the sale screen asks of the app.
pub enum Action {
    None,
    Run(Task<Message>),
    /// Take this cart to the payment screen.
    Pay(Cart),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Edit {
    Qty(u32, String),
    Discount(u32, String),
}

#[derive(Debug, Default)]
pub struct Sale {
    pub cart: Cart,
    input: String,
    suggestions: Vec<ProductRecord>,
    pub notice: Option<Notice>,
    tax: TaxConfig,
    rates: Rates,
    parked: Option<Vec<Parked>>,
    edit: Option<Edit>,
    sale_discount: String,
    /// The suggestion Enter adds (↑/↓ move it).
    highlight: usize,
    /// What waits for a manager's approval.
    retry: Option<Retry>,
}

fn looks_like_code(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && !t.contains(' ') && t.chars().filter(|c| c.is_ascii_digit()).count() * 2 >= t.chars().count()
}

/// `10%` → 10 percent off; `150` or `150,50` → that many som off.
pub fn parse_discount(text: &str) -> Option<Discount> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.strip_suffix('%') {
        Some(p) => parse_decimal(p).map(Discount::Percent),
        None => Som::parse(t).ok().map(Discount::Amount),
    }
}

pub fn focus<T>() -> Task<T> {
    operation::focus(Id::new(SCAN))
}

impl Sale {
    /// Loads tax settings, rates and any cart left open by a crash.
    pub fn boot(services: &Services) -> Task<Message> {
        Task::batch([
            services.task(
                |ctx| Ok((ctx.store.tax_config()?, ctx.store.rates_on(ctx.now.date_naive())?)),
                Message::Context,
            ),
            services.task(|ctx| till::restore_draft(ctx), Message::Restored),
        ])
    }

    fn save(&self, services: &Services) -> Task<Message> {
        let cart = self.cart.clone();
        services.task(move |ctx| till::save_draft(ctx, &cart), Message::Saved)
    }

    fn lookup(&mut self, code: String, services: &Services) -> Task<Message> {
        let key = code.clone();
        services.task(move |ctx| checkout::lookup(ctx, &key), move |r| Message::Found(code, r))
    }

    fn changed(&mut self, services: &Services) -> Action {
        // The newest line is at the bottom of the cart: keep it in sight.
        Action::Run(Task::batch([
            self.save(services),
            focus(),
            operation::snap_to_end(Id::new(CART)),
        ]))
    }

    /// Applies a discount to a copy of the cart and asks whether the signed-in user may give it: a discount over
    /// the limit is refused here, when it is typed, not at the end of the payment.
    fn check_discount(&mut self, cart: Cart, retry: Retry, services: &Services) -> Action {
        let checked = cart.clone();
        Action::Run(services.task(
            move |ctx| checkout::check_discount(ctx, &checked),
            move |r| Message::DiscountChecked(Box::new(cart), retry, r),
        ))
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        match message {
            Message::Input(text) => {
                self.input = text.clone();
                if text.trim().chars().count() < 2 || looks_like_code(&text) {
                    self.suggestions.clear();
                    return Action::None;
                }
                let query = text.clone();
                Action::Run(services.task(
                    move |ctx| checkout::search(ctx, &query, 8),
                    move |r| Message::Suggestions(text, r),
                ))
            }
            Message::Suggestions(query, result) => {
                if query == self.input {
                    match result {
                        Ok(found) => {
                            self.suggestions = found;
                            self.highlight = 0;
                        }
                        Err(e) => self.notice = Some(Notice::error(&e)),
                    }
                }
                Action::None
            }
            Message::Submit => {
                let text = self.input.trim().to_string();
                if text.is_empty() {
                    return Action::Run(focus());
                }
                if !looks_like_code(&text)
                    && let Some(chosen) = self.suggestions.get(self.highlight).cloned()
                {
                    return self.update(Message::Pick(Box::new(chosen)), services);
                }
                self.input.clear();
                self.suggestions.clear();
                Action::Run(Task::batch([self.lookup(text, services), focus()]))
            }
            Message::Scanned(code) => Action::Run(self.lookup(code, services)),
            Message::Found(code, result) => match result {
                Ok(record) => {
                    let barcode = Barcode::parse(&code).ok();
                    self.add(record, barcode, services)
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::Run(focus())
                }
            },
            Message::Pick(record) => {
                self.input.clear();
                self.suggestions.clear();
                let barcode = record.product.barcodes.first().cloned();
                self.add(*record, barcode, services)
            }
            Message::Increase(line) => {
                if let Some(qty) = self.qty_of(line) {
                    let _ = self.cart.set_qty(line, qty + Decimal::ONE);
                }
                self.changed(services)
            }
            Message::Decrease(line) => {
                match self.qty_of(line) {
                    Some(qty) if qty > Decimal::ONE => {
                        let _ = self.cart.set_qty(line, qty - Decimal::ONE);
                    }
                    Some(_) => {
                        let _ = self.cart.void_line(line);
                    }
                    None => {}
                }
                self.changed(services)
            }
            Message::Remove(line) => {
                let _ = self.cart.void_line(line);
                self.changed(services)
            }
            Message::EditQty(line) => {
                // The field starts empty (the old quantity shows as its hint), so typing 5 over 2 gives 5.
                self.edit = Some(Edit::Qty(line, String::new()));
                Action::Run(operation::focus(Id::new("edit")))
            }
            Message::EditDiscount(line) => {
                self.edit = Some(Edit::Discount(line, String::new()));
                Action::Run(operation::focus(Id::new("edit")))
            }
            Message::EditText(t) => {
                match &mut self.edit {
                    Some(Edit::Qty(_, s)) | Some(Edit::Discount(_, s)) => *s = t,
                    None => {}
                }
                Action::None
            }
            Message::EditCommit => {
                let result = match self.edit.take() {
                    Some(Edit::Qty(_, t)) if t.trim().is_empty() => Ok(()),
                    Some(Edit::Qty(line, t)) => match parse_decimal(&t) {
                        Some(q) => self.cart.set_qty(line, q).map_err(AppError::from),
                        None => Err(AppError::Invalid(crate::app::input::InputProblem::NotQuantity {
                            text: t,
                        })),
                    },
                    Some(Edit::Discount(line, t)) => {
                        let d = if t.trim().is_empty() {
                            Ok(None)
                        } else {
                            parse_discount(&t).map(Some).ok_or(t.clone())
                        };
                        match d {
                            Ok(d) => {
                                let mut cart = self.cart.clone();
                                match cart.set_line_discount(line, d) {
                                    Ok(()) => return self.check_discount(cart, Retry::Line(line, t), services),
                                    Err(e) => Err(AppError::from(e)),
                                }
                            }
                            Err(_) => {
                                self.notice = Some(Notice::new(Tone::Bad, "bad-discount").with("text", t));
                                Ok(())
                            }
                        }
                    }
                    None => Ok(()),
                };
                if let Err(e) = result {
                    self.notice = Some(Notice::error(&e));
                }
                self.changed(services)
            }
            Message::SaleDiscountText(t) => {
                self.sale_discount = t;
                Action::None
            }
            Message::SaleDiscountCommit => {
                let text = self.sale_discount.trim().to_string();
                let discount = if text.is_empty() {
                    Some(None)
                } else {
                    parse_discount(&text).map(Some)
                };
                let mut cart = self.cart.clone();
                match discount.map(|d| cart.set_sale_discount(d)) {
                    Some(Ok(())) => return self.check_discount(cart, Retry::SaleDiscount, services),
                    Some(Err(e)) => self.notice = Some(Notice::error(&e.into())),
                    None => self.notice = Some(Notice::new(Tone::Bad, "bad-discount").with("text", text)),
                }
                self.changed(services)
            }
            Message::Park => {
                if self.cart.is_empty() {
                    return Action::Run(focus());
                }
                let cart = std::mem::take(&mut self.cart);
                self.sale_discount.clear();
                Action::Run(services.task(move |ctx| till::park(ctx, &cart, ""), Message::ParkDone))
            }
            Message::ParkDone(result) => {
                self.notice = Some(match result {
                    Ok(id) => Notice::new(Tone::Info, "parked").with("number", id.to_string()),
                    Err(e) => Notice::error(&e),
                });
                Action::Run(focus())
            }
            Message::ToggleParked => {
                if self.parked.take().is_some() {
                    return Action::Run(focus());
                }
                Action::Run(services.task(|ctx| till::parked(ctx), Message::ParkedList))
            }
            Message::ParkedList(result) => {
                match result {
                    Ok(list) => self.parked = Some(list),
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Resume(id) => {
                self.parked = None;
                if !self.cart.is_empty() {
                    self.notice = Some(Notice::new(Tone::Bad, "park-first"));
                    return Action::Run(focus());
                }
                Action::Run(services.task(move |ctx| till::resume(ctx, id).map(Some), Message::Restored))
            }
            Message::Restored(result) => {
                match result {
                    Ok(Some(cart)) => {
                        self.cart = cart;
                        self.notice = Some(Notice::new(Tone::Info, "cart-restored"));
                    }
                    Ok(None) => {}
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::Run(focus())
            }
            Message::Context(result) => {
                match result {
                    Ok((tax, rates)) => {
                        self.tax = tax;
                        self.rates = rates;
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Saved(result) => {
                if let Err(e) = result {
                    self.notice = Some(Notice::error(&e));
                }
                Action::None
            }
            Message::Pay => {
                if self.cart.is_empty() {
                    self.notice = Some(Notice::new(Tone::Info, "cart-empty"));
                    return Action::Run(focus());
                }
                Action::Pay(self.cart.clone())
            }
            Message::Highlight(step) => {
                if !self.suggestions.is_empty() {
                    let last = self.suggestions.len() as i64 - 1;
                    self.highlight = (self.highlight as i64 + i64::from(step)).clamp(0, last) as usize;
                }
                Action::None
            }
            Message::Escape => {
                self.input.clear();
                self.suggestions.clear();
                self.edit = None;
                self.parked = None;
                Action::Run(focus())
            }
            Message::Retry => match self.retry.take() {
                Some(Retry::SaleDiscount) => self.update(Message::SaleDiscountCommit, services),
                Some(Retry::Line(line, t)) => {
                    self.edit = Some(Edit::Discount(line, t));
                    self.update(Message::EditCommit, services)
                }
                Some(Retry::Void) => self.update(Message::VoidCart, services),
                None => Action::Run(focus()),
            },
            Message::DiscountChecked(cart, retry, result) => match result {
                Ok(()) => {
                    self.cart = *cart;
                    self.retry = None;
                    self.notice = None;
                    self.changed(services)
                }
                Err(AppError::NotAllowed { .. }) => {
                    self.retry = Some(retry);
                    self.notice = Some(Notice::new(Tone::Bad, "discount-needs-manager"));
                    Action::Run(focus())
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::Run(focus())
                }
            },
            Message::VoidCart => {
                if self.cart.is_empty() {
                    return Action::Run(focus());
                }
                let cart = self.cart.clone();
                Action::Run(services.task(move |ctx| till::void_cart(ctx, &cart), Message::Voided))
            }
            Message::Voided(result) => {
                match result {
                    Ok(()) => {
                        self.cart = Cart::new();
                        self.sale_discount.clear();
                        self.edit = None;
                        self.retry = None;
                        self.notice = Some(Notice::new(Tone::Info, "cart-voided"));
                    }
                    Err(AppError::NotAllowed { .. }) => {
                        self.retry = Some(Retry::Void);
                        self.notice = Some(Notice::new(Tone::Bad, "void-needs-manager"));
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::Run(focus())
            }
        }
    }

    /// The type-ahead results shown, in order.
    pub fn suggestions(&self) -> &[ProductRecord] {
        &self.suggestions
    }

    fn qty_of(&self, line: u32) -> Option<Decimal> {
        self.cart.active_lines().find(|l| l.line_no == line).map(|l| l.qty)
    }

    fn add(&mut self, record: ProductRecord, barcode: Option<Barcode>, services: &Services) -> Action {
        let name = record.product.names.clone();
        match self.cart.add(record.product, barcode, Decimal::ONE) {
            Ok(_) => {
                self.notice = Some(Notice::new(Tone::Good, "added").with("name", name.ky.clone()));
                self.changed(services)
            }
            Err(e) => {
                self.notice = Some(Notice::error(&e.into()));
                Action::Run(focus())
            }
        }
    }

    /// Called by the app after a sale is committed: a fresh, empty cart (the draft is cleared too).
    pub fn clear(&mut self, services: &Services) -> Task<Message> {
        self.cart = Cart::new();
        self.sale_discount.clear();
        self.edit = None;
        self.retry = None;
        self.notice = None;
        Task::batch([self.save(services), focus()])
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let scan = text_input(&i18n.tr("scan-placeholder"), &self.input)
            .id(SCAN)
            .on_input(Message::Input)
            .on_submit(Message::Submit)
            .size(theme::BIG)
            .padding(12);

        let mut left = column![scan].spacing(10);
        if !self.suggestions.is_empty() {
            let list = self
                .suggestions
                .iter()
                .enumerate()
                .fold(column![].spacing(2), |col, (i, r)| {
                    let name = r.product.names.get(i18n.lang()).to_string();
                    // The highlighted one is what Enter adds.
                    let style = if i == self.highlight {
                        button::primary
                    } else {
                        button::secondary
                    };
                    col.push(
                        button(row![text(name).width(Length::Fill), text(i18n.money(r.product.price))].spacing(12))
                            .width(Length::Fill)
                            .padding(10)
                            .style(style)
                            .on_press(Message::Pick(Box::new(r.clone()))),
                    )
                });
            left = left.push(container(list).style(theme::card).padding(4));
        }
        left = left.push(notice(&self.notice, i18n));
        if let Some(parked) = &self.parked {
            left = left.push(self.parked_view(parked, i18n));
        }
        left = left.push(scrollable(self.lines_view(i18n)).id(CART).height(Length::Fill));

        let right = self.totals_view(i18n);
        row![left.width(Length::FillPortion(3)), right.width(Length::FillPortion(2))]
            .spacing(16)
            .padding(16)
            .into()
    }

    fn lines_view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let totals = self.cart.totals();
        if totals.lines.is_empty() {
            return container(text(i18n.tr("cart-empty")).size(theme::BIG).style(theme::muted))
                .padding(24)
                .into();
        }
        let mut col = column![].spacing(8);
        for (line, total) in self.cart.active_lines().zip(&totals.lines) {
            let n = line.line_no;
            let mut name = line.product.names.get(i18n.lang()).to_string();
            if !line.product.attributes.is_empty() {
                let attrs = line.product.attribute_values(i18n.lang());
                name = format!("{name} ({})", attrs.join(", "));
            }
            let qty: Element<'a, Message> = match &self.edit {
                Some(Edit::Qty(l, t)) if *l == n => text_input(&line.qty.normalize().to_string(), t)
                    .id("edit")
                    .on_input(Message::EditText)
                    .on_submit(Message::EditCommit)
                    .width(80)
                    .size(theme::TEXT)
                    .padding(10)
                    .into(),
                _ => button(text(line.qty.normalize().to_string()).size(theme::BIG))
                    .on_press(Message::EditQty(n))
                    .style(button::text)
                    .height(theme::TOUCH)
                    .into(),
            };
            let discount: Element<'a, Message> = match &self.edit {
                Some(Edit::Discount(l, t)) if *l == n => text_input(&i18n.tr("discount-hint"), t)
                    .id("edit")
                    .on_input(Message::EditText)
                    .on_submit(Message::EditCommit)
                    .width(110)
                    .size(theme::TEXT)
                    .padding(10)
                    .into(),
                _ => button(
                    text("%")
                        .size(theme::TEXT)
                        .center()
                        .width(Length::Fill)
                        .height(Length::Fill),
                )
                .on_press(Message::EditDiscount(n))
                .style(button::secondary)
                .height(theme::TOUCH)
                .width(theme::TOUCH)
                .into(),
            };
            let mut amounts = column![text(i18n.money(total.amount)).size(theme::TEXT)].align_x(Alignment::End);
            if !(total.line_discount + total.sale_discount).is_zero() {
                amounts = amounts.push(
                    text(format!("−{}", i18n.money(total.line_discount + total.sale_discount)))
                        .size(theme::SMALL)
                        .style(theme::muted),
                );
            }
            let controls = row![
                button(text("−").size(theme::BIG))
                    .on_press(Message::Decrease(n))
                    .height(theme::TOUCH)
                    .width(theme::TOUCH),
                qty,
                button(text("+").size(theme::BIG))
                    .on_press(Message::Increase(n))
                    .height(theme::TOUCH)
                    .width(theme::TOUCH),
                discount,
                button(text("×").size(theme::BIG))
                    .on_press(Message::Remove(n))
                    .style(button::danger)
                    .height(theme::TOUCH)
                    .width(theme::TOUCH),
            ]
            .spacing(6)
            .align_y(Alignment::Center);
            let line_view = column![
                row![
                    column![
                        text(name).size(theme::TEXT),
                        text(format!("{} × {}", line.qty.normalize(), i18n.money(line.unit_price)))
                            .size(theme::SMALL)
                            .style(theme::muted)
                    ]
                    .width(Length::Fill),
                    amounts.width(Length::Shrink),
                ]
                .spacing(12),
                controls,
            ]
            .spacing(6);
            col = col.push(container(line_view).padding(10).width(Length::Fill).style(theme::card));
        }
        col.into()
    }

    fn parked_view<'a>(&'a self, parked: &'a [Parked], i18n: &I18n) -> Element<'a, Message> {
        let mut col = column![text(i18n.tr("parked-carts")).size(theme::TEXT)].spacing(6);
        if parked.is_empty() {
            col = col.push(text(i18n.tr("no-parked")).style(theme::muted));
        }
        for p in parked {
            let label = format!(
                "{} · {} · {}",
                p.label,
                p.cart.active_lines().count(),
                i18n.money(p.cart.totals().total)
            );
            // The first items tell the cashier whose cart it is ("the lady with the shyrdak").
            let items: Vec<String> = p
                .cart
                .active_lines()
                .take(3)
                .map(|l| l.product.names.get(i18n.lang()).to_string())
                .collect();
            col = col.push(
                button(column![
                    text(label).size(theme::TEXT),
                    text(items.join(", ")).size(theme::SMALL).style(theme::muted),
                ])
                .padding([6, 16])
                .width(Length::Fill)
                .style(button::secondary)
                .on_press(Message::Resume(p.id)),
            );
        }
        container(col).padding(10).style(theme::card).into()
    }

    fn totals_view<'a>(&'a self, i18n: &I18n) -> iced::widget::Column<'a, Message> {
        let totals = self.cart.totals();
        let mut card = column![].spacing(6);
        if !totals.discount.is_zero() {
            card = card.push(total_row(i18n.tr("subtotal"), i18n.money(totals.subtotal), theme::TEXT));
            card = card.push(total_row(
                i18n.tr("discount"),
                format!("−{}", i18n.money(totals.discount)),
                theme::TEXT,
            ));
        }
        card = card.push(total_row(i18n.tr("total"), i18n.money(totals.total), theme::HUGE));
        if let Ok(tax) = self.cart.tax_preview(&self.tax, PaymentKind::Cash) {
            for t in tax {
                let vat = i18n.tr_args("vat-line", &[("rate", t.vat_pct.normalize().to_string())]);
                card = card.push(total_row(vat, i18n.money(t.vat), theme::SMALL));
                if !t.sales_tax.is_zero() {
                    let st = i18n.tr_args("sales-tax-line", &[("rate", t.sales_tax_pct.normalize().to_string())]);
                    card = card.push(total_row(st, i18n.money(t.sales_tax), theme::SMALL));
                }
            }
        }
        let foreign = self.rates.foreign_totals(totals.total);
        if !foreign.is_empty() {
            let shown: Vec<String> = foreign.iter().map(|m| m.to_string()).collect();
            card = card.push(
                text(format!("≈ {}", shown.join(" · ")))
                    .size(theme::SMALL)
                    .style(theme::muted),
            );
        }
        let discount = row![
            text_input(&i18n.tr("sale-discount"), &self.sale_discount)
                .on_input(Message::SaleDiscountText)
                .on_submit(Message::SaleDiscountCommit)
                .size(theme::TEXT)
                .padding(10),
            big(i18n.tr("apply"), Some(Message::SaleDiscountCommit)).style(button::secondary),
        ]
        .spacing(6);
        let parked_label = i18n.tr("parked-carts");
        column![
            container(card).padding(16).style(theme::card).width(Length::Fill),
            discount,
            row![
                big(i18n.tr("park"), (!self.cart.is_empty()).then_some(Message::Park)).style(button::secondary),
                big(parked_label, Some(Message::ToggleParked)).style(button::secondary),
            ]
            .spacing(6)
            .wrap()
            .vertical_spacing(6),
            big(
                format!(
                    "{}{}",
                    i18n.tr("void-cart"),
                    super::app::keys::hint(super::app::keys::Command::VoidCart)
                ),
                (!self.cart.is_empty()).then_some(Message::VoidCart),
            )
            .style(button::danger),
            big(format!("{} (F3)", i18n.tr("pay")), Some(Message::Pay))
                .width(Length::Fill)
                .height(theme::TOUCH * 1.5)
                .style(button::success),
        ]
        .spacing(12)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discount_text() {
        assert_eq!(parse_discount("10%"), Some(Discount::Percent(Decimal::from(10))));
        assert_eq!(
            parse_discount(" 150,50 "),
            Some(Discount::Amount(Som::from_tyiyn(15050)))
        );
        assert_eq!(parse_discount("abc"), None);
        assert_eq!(parse_discount(""), None);
    }

    #[test]
    fn codes_and_words() {
        assert!(looks_like_code("2100000000012"));
        assert!(looks_like_code("R1-12"));
        assert!(!looks_like_code("ак калпак"));
        assert!(!looks_like_code("kalpak"));
    }
}
