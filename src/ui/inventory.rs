//! Inventory: the product list with search and filters (category, artisan, low stock), adding and editing
//! products (names in three languages, price, tax group, barcode scanned or generated in-store), receiving
//! stock, adjusting with a reason, and each product's movement history.

use super::i18n::I18n;
use super::product_form::{Options, Request, quantity};
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice};
use crate::app::{AppError, inventory, stock};
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Names, ProductId};
use crate::domain::craft::ProductDetails;
use crate::domain::money::parse_decimal;
use crate::store::{MovementRecord, ProductFilter, ProductRecord};
use iced::widget::{button, checkbox, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::Decimal;

/// The search field's id.
pub const SEARCH: &str = "inventory-search";

/// Products at or below this many on hand count as low stock.
pub const LOW_STOCK: i64 = 3;

pub use super::product_form::{Choice, Form, FormField};

/// The product list, what the filters and the form's pick lists offer, and the picked product read again.
#[derive(Debug, Clone)]
pub struct Listing {
    pub products: Vec<ProductRecord>,
    pub options: Options,
    /// The product shown in the form, as stored now (its on-hand may have changed since it was picked).
    pub selected: Option<ProductRecord>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Search text changed.
    Search(String),
    /// Category filter picked.
    Category(Choice),
    /// Artisan filter picked.
    Artisan(Choice),
    /// Low-stock filter toggled.
    LowStock(bool),
    /// The list, with categories and artisans for the filters.
    Listed(Result<Listing, AppError>),
    /// A product was picked from the list.
    Select(Box<ProductRecord>),
    /// The picked product's movements.
    History(Result<Vec<MovementRecord>, AppError>),
    /// Open an empty form for a new product.
    New,
    /// A form field changed.
    Field(FormField),
    /// A button of the form.
    Form(Request),
    /// The category made from the form.
    CategoryCreated(Result<(String, Names), AppError>),
    /// The generated code.
    Generated(Result<Barcode, AppError>),
    /// A scanned code lands in the form's barcode field (or searches when no form is open).
    Scanned(String),
    /// The saved product.
    Saved(Result<ProductRecord, AppError>),
    /// Quantity to receive / adjust.
    Qty(String),
    /// Reason for an adjustment or note for a receipt.
    Reason(String),
    /// Receive the quantity.
    Receive,
    /// Adjust by the quantity (negative takes away).
    Adjust,
    /// The product after a stock change.
    Moved(Result<ProductRecord, AppError>),
    /// Labels were queued: how many, and whether a printer is set up (the window then prints the queue).
    LabelsQueued(Result<(u32, bool), AppError>),
    /// The picked product's quick key (its place on the sale screen's grid).
    Quick(super::quick_keys::Message),
    /// The picked product's craft data.
    Details(ProductId, Result<ProductDetails, AppError>),
    /// A photo was added to the picked product.
    PhotoAdded(Result<crate::app::photos::PhotoReport, AppError>),
}

#[derive(Debug, Default)]
pub struct Inventory {
    search: String,
    category: Option<Choice>,
    artisan: Option<Choice>,
    low_stock: bool,
    pub list: Vec<ProductRecord>,
    pub options: Options,
    pub selected: Option<ProductRecord>,
    history: Vec<MovementRecord>,
    pub form: Option<Form>,
    qty: String,
    reason: String,
    pub notice: Option<Notice>,
    /// The picked product's quick key.
    pub quick: super::quick_keys::Editor,
    /// On a joined till: the back office where products and prices are changed; the form is read-only here.
    pub master_at: Option<String>,
}

fn all(i18n: &I18n) -> Choice {
    Choice {
        label: i18n.tr("all"),
        code: None,
    }
}

impl Inventory {
    /// The screen is opened: yesterday's "stock now 4" would contradict today's list, so old notices go and every
    /// number is read again.
    pub fn enter(&mut self, services: &Services) -> Task<Message> {
        self.notice = None;
        self.refresh(services)
    }

    /// Reads the list, the pick lists and the picked product again (after every change, and on entering).
    pub fn refresh(&self, services: &Services) -> Task<Message> {
        let selected = self.selected.as_ref().and_then(|r| r.product.id);
        let filter = ProductFilter {
            text: self.search.clone(),
            category: self.category.as_ref().and_then(|c| c.code.clone()),
            artisan: self.artisan.as_ref().and_then(|c| c.code.clone()),
            low_stock: self.low_stock.then_some(Decimal::from(LOW_STOCK)),
            limit: 300,
        };
        services.task(
            move |ctx| {
                let products = inventory::list(ctx, &filter)?;
                let ids: Vec<_> = products.iter().filter_map(|r| r.product.id).collect();
                super::thumbs::load(ctx, &ids)?;
                Ok(Listing {
                    products,
                    options: Options {
                        categories: inventory::categories(ctx)?,
                        tax_groups: inventory::tax_groups(ctx)?,
                        artisans: inventory::artisans(ctx)?,
                        costs: crate::app::catalog::sees_costs(ctx),
                    },
                    selected: selected.map(|id| inventory::product(ctx, id)).transpose()?.flatten(),
                })
            },
            Message::Listed,
        )
    }

    fn select(&mut self, record: ProductRecord, services: &Services) -> Task<Message> {
        let id = record.product.id;
        self.form = Some(Form::from(&record.product));
        self.selected = Some(record);
        let quick = self.quick.pick(id, services).map(Message::Quick);
        match id {
            Some(id) => Task::batch([
                services.task(move |ctx| inventory::history(ctx, id), Message::History),
                services.task(move |ctx| inventory::details(ctx, id), move |r| Message::Details(id, r)),
                quick,
            ]),
            None => quick,
        }
    }

    fn code(&self) -> Option<String> {
        self.selected
            .as_ref()
            .and_then(|r| r.product.barcodes.first())
            .map(|b| b.to_string())
    }

    fn request(&mut self, request: Request, services: &Services) -> Task<Message> {
        let Some(form) = &mut self.form else {
            return Task::none();
        };
        if self.master_at.is_some() && !matches!(request, Request::PrintLabels) {
            return Task::none();
        }
        match request {
            Request::NewCategory => {
                form.new_category.get_or_insert_with(Default::default);
                Task::none()
            }
            Request::CancelCategory => {
                form.new_category = None;
                Task::none()
            }
            Request::CreateCategory => {
                let Some(names) = &form.new_category else {
                    return Task::none();
                };
                let names = Names::new(&names.ky, &names.ru, &names.en);
                services.task(
                    move |ctx| inventory::add_category(ctx, &names),
                    Message::CategoryCreated,
                )
            }
            Request::Generate => services.task(inventory::new_in_store_code, Message::Generated),
            Request::Save => match form.product(self.selected.as_ref().map(|r| &r.product)) {
                Ok(product) => {
                    let details = form.details.clone();
                    services.task(
                        move |ctx| inventory::save_with(ctx, &product, Some(&details)),
                        Message::Saved,
                    )
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Task::none()
                }
            },
            Request::AddPhoto => {
                let file = std::path::PathBuf::from(form.photo_path.trim());
                let Some(code) = self.code() else {
                    return Task::none();
                };
                services.task(
                    move |ctx| crate::app::photos::add(ctx, &code, &[file]),
                    Message::PhotoAdded,
                )
            }
            Request::PrintLabels => {
                let Some(id) = self.selected.as_ref().and_then(|r| r.product.id) else {
                    return Task::none();
                };
                match form.label_count() {
                    Ok(count) => services.task(
                        move |ctx| {
                            inventory::queue_labels(ctx, id, count)?;
                            Ok((count, crate::app::printing::settings(ctx)?.is_some()))
                        },
                        Message::LabelsQueued,
                    ),
                    Err(e) => {
                        self.notice = Some(Notice::error(&e));
                        Task::none()
                    }
                }
            }
        }
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Search(t) => {
                self.search = t;
                self.refresh(services)
            }
            Message::Category(c) => {
                self.category = Some(c);
                self.refresh(services)
            }
            Message::Artisan(c) => {
                self.artisan = Some(c);
                self.refresh(services)
            }
            Message::LowStock(on) => {
                self.low_stock = on;
                self.refresh(services)
            }
            Message::Listed(result) => {
                match result {
                    Ok(listing) => {
                        self.list = listing.products;
                        self.options = listing.options;
                        // Only the stored figures are replaced; what is being typed in the form stays.
                        if let Some(fresh) = listing.selected
                            && self.selected.as_ref().is_some_and(|s| s.product.id == fresh.product.id)
                        {
                            self.selected = Some(fresh);
                        }
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Task::none()
            }
            Message::Select(record) => self.select(*record, services),
            Message::History(result) => {
                match result {
                    Ok(h) => self.history = h,
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Task::none()
            }
            Message::New => {
                self.selected = None;
                self.quick = Default::default();
                self.history.clear();
                self.form = Some(Form::blank(&self.options));
                Task::none()
            }
            Message::Field(f) => {
                if let Some(form) = self.form.as_mut().filter(|_| self.master_at.is_none()) {
                    form.edit(f);
                }
                Task::none()
            }
            Message::Form(request) => self.request(request, services),
            Message::Quick(m) => self.quick.update(m, services).map(Message::Quick),
            Message::CategoryCreated(result) => {
                match result {
                    Ok((code, names)) => {
                        if let Some(form) = &mut self.form {
                            form.category = code.clone();
                            form.new_category = None;
                        }
                        if !self.options.categories.iter().any(|(c, _)| *c == code) {
                            self.options.categories.push((code, names));
                        }
                        self.notice = Some(Notice::new(Tone::Good, "category-created"));
                        return self.refresh(services);
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Task::none()
            }
            Message::LabelsQueued(result) => {
                self.notice = Some(match result {
                    Ok((count, true)) => Notice::new(Tone::Good, "labels-queued").with("count", count.to_string()),
                    Ok((count, false)) => {
                        Notice::new(Tone::Bad, "labels-queued-no-printer").with("count", count.to_string())
                    }
                    Err(e) => Notice::error(&e),
                });
                Task::none()
            }
            Message::Generated(result) => {
                match (result, &mut self.form) {
                    (Ok(code), Some(form)) => form.barcode = code.to_string(),
                    (Err(e), _) => self.notice = Some(Notice::error(&e)),
                    _ => {}
                }
                Task::none()
            }
            Message::Scanned(code) => {
                match &mut self.form {
                    Some(form) => form.barcode = code,
                    None => return self.update(Message::Search(code), services),
                }
                Task::none()
            }
            Message::Details(id, result) => {
                match result {
                    Ok(details) => {
                        if let Some(form) = self.form.as_mut().filter(|f| f.id == Some(id)) {
                            form.details = details;
                        }
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Task::none()
            }
            Message::PhotoAdded(result) => match result {
                Ok(report) => {
                    if let Some(form) = &mut self.form {
                        form.photo_path.clear();
                    }
                    self.notice = Some(
                        Notice::new(Tone::Good, "cat-photo-added")
                            .with("count", report.added.to_string())
                            .with("shown", report.photos.len().to_string()),
                    );
                    self.refresh(services)
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Task::none()
                }
            },
            Message::Saved(result) => match result {
                Ok(record) => {
                    self.notice = Some(Notice::new(Tone::Good, "product-saved"));
                    Task::batch([self.select(record, services), self.refresh(services)])
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Task::none()
                }
            },
            Message::Qty(t) => {
                self.qty = t;
                Task::none()
            }
            Message::Reason(t) => {
                self.reason = t;
                Task::none()
            }
            Message::Receive | Message::Adjust => {
                let Some(code) = self.code() else { return Task::none() };
                let Some(qty) = parse_decimal(&self.qty) else {
                    self.notice = Some(Notice::new(Tone::Bad, "bad-quantity").with("text", self.qty.clone()));
                    return Task::none();
                };
                let reason = self.reason.clone();
                if matches!(message, Message::Receive) {
                    let note = Some(reason).filter(|r| !r.trim().is_empty());
                    services.task(move |ctx| stock::receive_stock(ctx, &code, qty, note), Message::Moved)
                } else {
                    services.task(move |ctx| stock::adjust_stock(ctx, &code, qty, &reason), Message::Moved)
                }
            }
            Message::Moved(result) => match result {
                Ok(record) => {
                    self.qty.clear();
                    self.reason.clear();
                    self.notice =
                        Some(Notice::new(Tone::Good, "stock-now").with("qty", record.on_hand.normalize().to_string()));
                    Task::batch([self.select(record, services), self.refresh(services)])
                }
                Err(e) => {
                    self.notice = Some(Notice::error(&e));
                    Task::none()
                }
            },
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let lang = i18n.lang();
        let mut categories = vec![all(i18n)];
        categories.extend(self.options.category_choices(lang));
        let mut artisans = vec![all(i18n)];
        artisans.extend(self.options.artisans.iter().map(|a| Choice {
            label: a.name.clone(),
            code: Some(a.code.clone()),
        }));
        // The search has a row of its own: beside four filters it was squeezed to a sliver at 1024×768.
        let search = row![
            text_input(&i18n.tr("search"), &self.search)
                .id(SEARCH)
                .on_input(Message::Search)
                .size(theme::TEXT)
                .padding(10)
                .width(Length::Fill),
            big(i18n.tr("new-product"), Some(Message::New)).style(button::primary),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let filters = row![
            pick_list(
                categories,
                Some(self.category.clone().unwrap_or_else(|| all(i18n))),
                Message::Category
            )
            .text_size(theme::TEXT)
            .padding(10)
            .width(Length::FillPortion(2)),
            pick_list(
                artisans,
                Some(self.artisan.clone().unwrap_or_else(|| all(i18n))),
                Message::Artisan
            )
            .text_size(theme::TEXT)
            .padding(10)
            .width(Length::FillPortion(2)),
            container(
                checkbox(self.low_stock)
                    .label(i18n.tr("low-stock"))
                    .on_toggle(Message::LowStock)
                    .size(24)
            )
            // As wide as its label: a share of the row wrapped "Кампада аз калды" at 1024×768.
            .width(Length::Shrink),
        ]
        .spacing(8)
        .align_y(Alignment::Center);

        let list = self.list.iter().fold(column![].spacing(2), |col, r| {
            let selected = self.selected.as_ref().is_some_and(|s| s.product.id == r.product.id);
            let low = r.on_hand <= Decimal::from(LOW_STOCK);
            let qty = text(quantity(i18n, r.on_hand, r.product.unit)).size(theme::TEXT);
            col.push(
                button(
                    row![
                        container(super::thumbs::thumb_view(&r.product, 48.0)).width(48),
                        text(r.product.shown_name(lang)).size(theme::TEXT).width(Length::Fill),
                        text(i18n.money(r.product.price)).size(theme::TEXT),
                        // Room for "1 000 даана" on one line: 80 px wrapped "12 даана".
                        container(if low { qty.style(text::danger) } else { qty })
                            .width(100)
                            .align_right(100),
                    ]
                    .spacing(12)
                    .align_y(Alignment::Center),
                )
                .width(Length::Fill)
                .padding(8)
                .style(if selected { button::primary } else { button::text })
                .on_press(Message::Select(Box::new(r.clone()))),
            )
        });

        let detail: Element<'a, Message> = match &self.form {
            Some(form) => self.form_view(form, i18n),
            None => text(i18n.tr("pick-product")).style(theme::muted).into(),
        };
        column![
            text(i18n.tr("inventory")).size(theme::BIG),
            search,
            filters,
            notice(&self.notice, i18n),
            row![
                scrollable(list).height(Length::Fill).width(Length::FillPortion(1)),
                scrollable(detail).height(Length::Fill).width(Length::FillPortion(1))
            ]
            .spacing(16)
        ]
        .spacing(10)
        .padding(16)
        .into()
    }

    fn form_view<'a>(&'a self, form: &'a Form, i18n: &I18n) -> Element<'a, Message> {
        // The quick key first: it is what a manager setting up the sale screen's grid comes for.
        let quick: Element<'a, Message> = match self.selected.as_ref().and_then(|r| r.product.id) {
            Some(_) => self.quick.view(self.master_at.is_none(), i18n).map(Message::Quick),
            None => iced::widget::space().height(0).into(),
        };
        let mut col = column![].spacing(10);
        if let Some(url) = &self.master_at {
            col = col.push(super::sync::read_only_notice(url, i18n));
        }
        let mut col = col.push(quick).push(form.view(
            &self.options,
            self.selected.is_some(),
            i18n,
            Message::Field,
            Message::Form,
        ));
        if let Some(record) = &self.selected {
            col = col.push(
                text(i18n.tr_args(
                    "on-hand",
                    &[("qty", quantity(i18n, record.on_hand, record.product.unit))],
                ))
                .size(theme::BIG),
            );
            col = col.push(
                row![
                    text_input(&i18n.tr("quantity"), &self.qty)
                        .on_input(Message::Qty)
                        .size(theme::TEXT)
                        .padding(10),
                    text_input(&i18n.tr("reason"), &self.reason)
                        .on_input(Message::Reason)
                        .size(theme::TEXT)
                        .padding(10),
                ]
                .spacing(8),
            );
            col = col.push(
                row![
                    big(i18n.tr("receive"), Some(Message::Receive)).style(button::primary),
                    big(i18n.tr("adjust"), Some(Message::Adjust)).style(button::secondary),
                ]
                .spacing(8),
            );
            col = col.push(text(i18n.tr("history")).size(theme::TEXT));
            for m in self.history.iter().rev() {
                col = col.push(
                    row![
                        text(m.at.get(..16).unwrap_or(&m.at).replace('T', " "))
                            .size(theme::SMALL)
                            .width(Length::FillPortion(3)),
                        text(i18n.tr(&format!("move-{}", m.kind.code())))
                            .size(theme::SMALL)
                            .width(Length::FillPortion(2)),
                        text(format!("{:+}", m.qty.normalize()))
                            .size(theme::SMALL)
                            .width(Length::FillPortion(1)),
                        text(m.reason.clone().unwrap_or_default())
                            .size(theme::SMALL)
                            .style(theme::muted)
                            .width(Length::FillPortion(3)),
                    ]
                    .spacing(8),
                );
            }
        }
        container(col).padding(12).style(theme::card).into()
    }
}
