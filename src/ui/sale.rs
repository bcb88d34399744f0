//! The sale screen, the till's home: a scan/search field that always has the focus, a type-ahead list, the
//! cart with big touch targets, running totals with the tax breakdown and the total in foreign currencies, and
//! parked carts, named, and the grid of quick keys. Every change of the cart is saved as a draft so a crash or
//! power cut loses nothing. Selling more than is on hand says how many are left; a one-of-a-kind piece sold
//! beyond its stock waits for a manager.

mod cart_view;
pub mod parked;
mod stock;

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, notice};
use crate::app::quick_keys::Shown;
use crate::app::{AppError, checkout, till};
use crate::domain::barcode::Barcode;
use crate::domain::cart::{Cart, Discount};
use crate::domain::catalog::ProductId;
use crate::domain::currency::Rates;
use crate::domain::money::{Som, parse_decimal};
use crate::domain::tax::TaxConfig;
use crate::store::{Parked, ProductRecord};
use iced::widget::{Id, button, column, container, operation, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The scan field's id: focus returns here after every action.
pub const SCAN: &str = "scan";
/// The cart's scrollable list.
pub const CART: &str = "cart";
/// The quick keys' grid.
pub const QUICK: &str = "quick-keys";

#[derive(Debug, Clone)]
pub enum Message {
    /// The scan/search field changed.
    Input(String),
    /// Enter in the scan field: a barcode (keyboard-wedge scanners end with Enter) or the first suggestion.
    Submit,
    /// A code arrived from a serial scanner.
    Scanned(String),
    /// The product for a scanned code, or why there is none.
    Found(String, Result<Box<ProductRecord>, AppError>),
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
    /// Park the cart for later: asks for its name first.
    Park,
    /// The name a parked cart gets when none is typed ("Cart 2"), the first one no parked cart has.
    ParkNaming(Result<String, AppError>),
    /// The parked cart's name being typed.
    ParkName(String),
    /// Park under the typed name (or the default).
    ParkConfirm,
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
    /// What is on hand now of each product in a cart that came back, for the stock warnings.
    StockRead(Result<Vec<ProductRecord>, AppError>),
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
    /// The quick keys for the grid.
    QuickKeys(Result<Vec<Shown>, AppError>),
    /// A quick key was tapped: one more of its product.
    Quick(ProductId),
    /// The tapped key's product as stored now (its stock too).
    QuickFound(Result<Option<ProductRecord>, AppError>),
    /// Show or fold the quick keys' grid.
    ToggleQuick,
    /// A manager's word on a cart that sells a one-of-a-kind piece beyond its stock.
    BeyondStock(Box<Cart>, Box<Notice>, Result<(), AppError>),
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
    /// Keeping this cart, which sells a one-of-a-kind piece beyond its stock (with the notice to show then).
    BeyondStock(Box<Cart>, Box<Notice>),
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
    /// The quick keys' grid.
    pub quick: Vec<Shown>,
    /// The grid is folded away (more room for the cart on a small screen).
    quick_folded: bool,
    /// What was on hand of each product when it was last scanned or tapped, for the stock warnings.
    on_hand: HashMap<ProductId, (Decimal, crate::domain::catalog::Unit)>,
    /// The parked cart's name being typed, and the name it gets if none is.
    naming: Option<parked::Naming>,
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
            super::quick_keys::load(services, Message::QuickKeys),
        ])
    }

    /// Reads the quick keys again (the manager may have changed them in Inventory).
    pub fn reload_quick(services: &Services) -> Task<Message> {
        super::quick_keys::load(services, Message::QuickKeys)
    }

    fn save(&self, services: &Services) -> Task<Message> {
        let cart = self.cart.clone();
        services.task(move |ctx| till::save_draft(ctx, &cart), Message::Saved)
    }

    fn lookup(&mut self, code: String, services: &Services) -> Task<Message> {
        let key = code.clone();
        services.task(
            move |ctx| {
                let found = checkout::lookup(ctx, &key)?;
                // The customer display shows the last scanned item's photo.
                super::thumbs::load(ctx, &found.product.id.into_iter().collect::<Vec<_>>())?;
                Ok(found)
            },
            move |r| Message::Found(code, r.map(Box::new)),
        )
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
                    move |ctx| {
                        let found = checkout::search(ctx, &query, 8)?;
                        let ids: Vec<_> = found.iter().filter_map(|r| r.product.id).collect();
                        super::thumbs::load(ctx, &ids)?;
                        Ok(found)
                    },
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
                    self.add(*record, barcode, services)
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
                let mut next = self.cart.clone();
                if let Some(qty) = self.qty_of(line) {
                    let _ = next.set_qty(line, qty + Decimal::ONE);
                }
                let product = self.product_of(line);
                self.apply(next, product, None, services)
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
                        Some(q) => {
                            let mut next = self.cart.clone();
                            match next.set_qty(line, q) {
                                Ok(()) => {
                                    let product = self.product_of(line);
                                    return self.apply(next, product, None, services);
                                }
                                Err(e) => Err(AppError::from(e)),
                            }
                        }
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
                Action::Run(services.task(parked::default_name, Message::ParkNaming))
            }
            Message::ParkNaming(result) => match result {
                Ok(default) => {
                    self.naming = Some(parked::Naming::new(default));
                    Action::Run(operation::focus(Id::new(parked::NAME)))
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::Run(focus())
                }
            },
            Message::ParkName(name) => {
                if let Some(naming) = &mut self.naming {
                    naming.typed = name;
                }
                Action::None
            }
            Message::ParkConfirm => {
                let Some(naming) = self.naming.take() else {
                    return Action::Run(focus());
                };
                if self.cart.is_empty() {
                    return Action::Run(focus());
                }
                let label = naming.label();
                let cart = std::mem::take(&mut self.cart);
                self.sale_discount.clear();
                Action::Run(Task::batch([
                    services.task(move |ctx| till::park(ctx, &cart, &label), Message::ParkDone),
                    focus(),
                ]))
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
                        // The cart was filled by scans this screen never saw (another session, before a crash):
                        // read what is on hand of its products now, so the next + warns at once.
                        let ids: Vec<ProductId> = cart.active_lines().filter_map(|l| l.product.id).collect();
                        self.cart = cart;
                        self.notice = Some(Notice::new(Tone::Info, "cart-restored"));
                        return Action::Run(Task::batch([
                            services.task(
                                move |ctx| {
                                    let mut found = Vec::with_capacity(ids.len());
                                    for id in ids {
                                        found.extend(crate::app::inventory::product(ctx, id)?);
                                    }
                                    Ok(found)
                                },
                                Message::StockRead,
                            ),
                            focus(),
                        ]));
                    }
                    Ok(None) => {}
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::Run(focus())
            }
            Message::StockRead(result) => {
                match result {
                    Ok(records) => {
                        for r in records {
                            if let Some(id) = r.product.id {
                                self.on_hand.insert(id, (r.on_hand, r.product.unit));
                            }
                        }
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
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
                self.naming = None;
                Action::Run(focus())
            }
            Message::Retry => match self.retry.take() {
                Some(Retry::SaleDiscount) => self.update(Message::SaleDiscountCommit, services),
                Some(Retry::Line(line, t)) => {
                    self.edit = Some(Edit::Discount(line, t));
                    self.update(Message::EditCommit, services)
                }
                Some(Retry::Void) => self.update(Message::VoidCart, services),
                Some(Retry::BeyondStock(cart, notice)) => self.keep_beyond_stock(*cart, *notice, services),
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
            Message::QuickKeys(result) => {
                match result {
                    Ok(keys) => self.quick = keys,
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Quick(id) => {
                Action::Run(services.task(move |ctx| crate::app::inventory::product(ctx, id), Message::QuickFound))
            }
            Message::QuickFound(result) => match result {
                Ok(Some(record)) => {
                    let barcode = record.product.barcodes.first().cloned();
                    self.add(record, barcode, services)
                }
                Ok(None) => Action::Run(Task::batch([Sale::reload_quick(services), focus()])),
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::Run(focus())
                }
            },
            Message::ToggleQuick => {
                self.quick_folded = !self.quick_folded;
                Action::Run(focus())
            }
            Message::BeyondStock(cart, notice, result) => match result {
                Ok(()) => {
                    self.cart = *cart;
                    self.retry = None;
                    self.notice = Some(*notice);
                    self.changed(services)
                }
                Err(AppError::NotAllowed { .. }) => {
                    self.notice = Some(Notice {
                        tone: Tone::Bad,
                        key: "till-stock-needs-manager",
                        args: notice.args.clone(),
                    });
                    self.retry = Some(Retry::BeyondStock(cart, notice));
                    Action::Run(focus())
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Action::Run(focus())
                }
            },
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

    /// The name of a cart about to be parked is being asked for.
    pub fn naming(&self) -> bool {
        self.naming.is_some()
    }

    /// The list of parked carts is open.
    pub fn parked_open(&self) -> bool {
        self.parked.is_some()
    }

    fn product_of(&self, line: u32) -> Option<ProductId> {
        self.cart
            .active_lines()
            .find(|l| l.line_no == line)
            .and_then(|l| l.product.id)
    }

    fn qty_of(&self, line: u32) -> Option<Decimal> {
        self.cart.active_lines().find(|l| l.line_no == line).map(|l| l.qty)
    }

    fn add(&mut self, record: ProductRecord, barcode: Option<Barcode>, services: &Services) -> Action {
        let name = record.product.names.clone();
        let id = record.product.id;
        if let Some(id) = id {
            self.on_hand.insert(id, (record.on_hand, record.product.unit));
        }
        let mut next = self.cart.clone();
        match next.add(record.product, barcode, Decimal::ONE) {
            Ok(_) => {
                let added = Notice::new(Tone::Good, "added").with("name", name.get(services.lang()).to_string());
                self.apply(next, id, Some(added), services)
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
        self.naming = None;
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
                    let name = r.product.shown_name(i18n.lang());
                    // The highlighted one is what Enter adds.
                    let style = if i == self.highlight {
                        button::primary
                    } else {
                        button::secondary
                    };
                    let thumb = super::thumbs::thumb_view(&r.product, 40.0);
                    col.push(
                        button(
                            row![text(name).width(Length::Fill), text(i18n.money(r.product.price))]
                                .push(thumb)
                                .spacing(12)
                                .align_y(Alignment::Center),
                        )
                        .width(Length::Fill)
                        .padding(10)
                        .style(style)
                        .on_press(Message::Pick(Box::new(r.clone()))),
                    )
                });
            left = left.push(container(list).style(theme::card).padding(4));
        }
        left = left.push(notice(&self.notice, i18n));
        if let Some(naming) = &self.naming {
            left = left.push(parked::naming_view(naming, i18n));
        }
        if let Some(list) = &self.parked {
            left = left.push(parked::list_view(list, i18n));
        }
        let cart = scrollable(self.lines_view(i18n)).id(CART);
        if self.quick.is_empty() {
            left = left.push(cart.height(Length::Fill));
        } else {
            // The grid keeps at most three rows in sight (it scrolls for more) and folds away, so at 1024×768
            // the cart keeps its room; the total is in the other column and never hidden.
            let fold = if self.quick_folded { "▸" } else { "▾" };
            left = left.push(
                button(text(format!("{fold} {}", i18n.tr("till-qk-title"))).size(theme::TEXT))
                    .style(button::text)
                    .padding([4, 0])
                    .on_press(Message::ToggleQuick),
            );
            if !self.quick_folded {
                left = left.push(
                    container(scrollable(super::quick_keys::grid(&self.quick, i18n, Message::Quick)).id(QUICK))
                        .max_height(super::quick_keys::GRID_HEIGHT),
                );
            }
            left = left.push(cart.height(Length::Fill));
        }

        let right = self.totals_view(i18n);
        row![left.width(Length::FillPortion(3)), right.width(Length::FillPortion(2))]
            .spacing(16)
            .padding(16)
            .into()
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
