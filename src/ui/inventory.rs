//! Inventory: the product list with search and filters (category, artisan, low stock), adding and editing
//! products (names in three languages, price, tax group, barcode scanned or generated in-store), receiving
//! stock, adjusting with a reason, and each product's movement history.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, field, notice};
use crate::app::{AppError, inventory, stock};
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Artisan, Names, Product};
use crate::domain::money::{Som, parse_decimal};
use crate::store::{MovementRecord, ProductFilter, ProductRecord};
use iced::widget::{button, checkbox, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use rust_decimal::Decimal;

/// Products at or below this many on hand count as low stock.
pub const LOW_STOCK: i64 = 3;

/// An entry of a filter list: a label and the code it stands for (none = all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub code: Option<String>,
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The product list with what the filters offer.
pub type Listing = (Vec<ProductRecord>, Vec<Choice>, Vec<Artisan>);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub id: Option<crate::domain::catalog::ProductId>,
    pub ky: String,
    pub ru: String,
    pub en: String,
    pub price: String,
    pub category: String,
    pub tax_group: String,
    pub barcode: String,
    pub artisan: Option<String>,
}

#[derive(Debug, Clone)]
pub enum FormField {
    Ky(String),
    Ru(String),
    En(String),
    Price(String),
    Category(String),
    TaxGroup(String),
    Barcode(String),
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
    /// Artisan picked in the form.
    FormArtisan(Choice),
    /// Generate an in-store EAN-13 for the form.
    Generate,
    /// The generated code.
    Generated(Result<Barcode, AppError>),
    /// A scanned code lands in the form's barcode field (or searches when no form is open).
    Scanned(String),
    /// Save the form.
    Save,
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
}

#[derive(Debug, Default)]
pub struct Inventory {
    search: String,
    category: Option<Choice>,
    artisan: Option<Choice>,
    low_stock: bool,
    pub list: Vec<ProductRecord>,
    categories: Vec<Choice>,
    artisans: Vec<Artisan>,
    pub selected: Option<ProductRecord>,
    history: Vec<MovementRecord>,
    pub form: Option<Form>,
    qty: String,
    reason: String,
    pub notice: Option<Notice>,
}

fn all(i18n: &I18n) -> Choice {
    Choice {
        label: i18n.tr("all"),
        code: None,
    }
}

impl Form {
    fn from(p: &Product) -> Self {
        Form {
            id: p.id,
            ky: p.names.ky.clone(),
            ru: p.names.ru.clone(),
            en: p.names.en.clone(),
            price: p.price.plain(),
            category: p.category.clone(),
            tax_group: p.tax_group.clone(),
            barcode: p.barcodes.iter().map(Barcode::as_str).collect::<Vec<_>>().join(" "),
            artisan: p.artisan.clone(),
        }
    }

    /// The product the form describes, or what is wrong with it.
    pub fn product(&self, keep: Option<&Product>) -> Result<Product, AppError> {
        let price = Som::parse(&self.price).map_err(|e| AppError::Input(e.to_string()))?;
        let barcodes = crate::domain::barcode::split_codes(&self.barcode)
            .iter()
            .map(|c| Barcode::parse(c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Product {
            id: self.id,
            names: Names::new(&self.ky, &self.ru, &self.en),
            category: if self.category.trim().is_empty() {
                "other".into()
            } else {
                self.category.trim().into()
            },
            price,
            tax_group: if self.tax_group.trim().is_empty() {
                "standard".into()
            } else {
                self.tax_group.trim().into()
            },
            barcodes,
            attributes: keep.map(|p| p.attributes.clone()).unwrap_or_default(),
            artisan: self.artisan.clone(),
            commission_pct: keep.and_then(|p| p.commission_pct),
        })
    }
}

impl Inventory {
    pub fn refresh(&self, services: &Services) -> Task<Message> {
        let filter = ProductFilter {
            text: self.search.clone(),
            category: self.category.as_ref().and_then(|c| c.code.clone()),
            artisan: self.artisan.as_ref().and_then(|c| c.code.clone()),
            low_stock: self.low_stock.then_some(Decimal::from(LOW_STOCK)),
            limit: 300,
        };
        services.task(
            move |ctx| {
                let list = inventory::list(ctx, &filter)?;
                let categories = inventory::categories(ctx)?
                    .into_iter()
                    .map(|(code, names)| Choice {
                        label: names.ky.clone(),
                        code: Some(code),
                    })
                    .collect();
                Ok((list, categories, inventory::artisans(ctx)?))
            },
            Message::Listed,
        )
    }

    fn select(&mut self, record: ProductRecord, services: &Services) -> Task<Message> {
        let id = record.product.id;
        self.form = Some(Form::from(&record.product));
        self.selected = Some(record);
        match id {
            Some(id) => services.task(move |ctx| inventory::history(ctx, id), Message::History),
            None => Task::none(),
        }
    }

    fn code(&self) -> Option<String> {
        self.selected
            .as_ref()
            .and_then(|r| r.product.barcodes.first())
            .map(|b| b.to_string())
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
                    Ok((list, categories, artisans)) => {
                        self.list = list;
                        self.categories = categories;
                        self.artisans = artisans;
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
                self.history.clear();
                self.form = Some(Form {
                    tax_group: "standard".into(),
                    ..Form::default()
                });
                Task::none()
            }
            Message::Field(f) => {
                if let Some(form) = &mut self.form {
                    match f {
                        FormField::Ky(v) => form.ky = v,
                        FormField::Ru(v) => form.ru = v,
                        FormField::En(v) => form.en = v,
                        FormField::Price(v) => form.price = v,
                        FormField::Category(v) => form.category = v,
                        FormField::TaxGroup(v) => form.tax_group = v,
                        FormField::Barcode(v) => form.barcode = v,
                    }
                }
                Task::none()
            }
            Message::FormArtisan(c) => {
                if let Some(form) = &mut self.form {
                    form.artisan = c.code;
                }
                Task::none()
            }
            Message::Generate => services.task(inventory::new_in_store_code, Message::Generated),
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
            Message::Save => {
                let Some(form) = &self.form else { return Task::none() };
                match form.product(self.selected.as_ref().map(|r| &r.product)) {
                    Ok(product) => services.task(move |ctx| inventory::save(ctx, &product), Message::Saved),
                    Err(e) => {
                        self.notice = Some(Notice::error(&e));
                        Task::none()
                    }
                }
            }
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
        let mut categories = vec![all(i18n)];
        categories.extend(self.categories.iter().cloned());
        let mut artisans = vec![all(i18n)];
        artisans.extend(self.artisans.iter().map(|a| Choice {
            label: a.name.clone(),
            code: Some(a.code.clone()),
        }));
        let filters = row![
            text_input(&i18n.tr("search"), &self.search)
                .on_input(Message::Search)
                .size(theme::TEXT)
                .padding(10),
            pick_list(
                categories,
                Some(self.category.clone().unwrap_or_else(|| all(i18n))),
                Message::Category
            )
            .text_size(theme::TEXT)
            .padding(10),
            pick_list(
                artisans.clone(),
                Some(self.artisan.clone().unwrap_or_else(|| all(i18n))),
                Message::Artisan
            )
            .text_size(theme::TEXT)
            .padding(10),
            checkbox(self.low_stock)
                .label(i18n.tr("low-stock"))
                .on_toggle(Message::LowStock)
                .size(24),
            big(i18n.tr("new-product"), Some(Message::New)).style(button::primary),
        ]
        .spacing(8)
        .align_y(Alignment::Center);

        let list = self.list.iter().fold(column![].spacing(2), |col, r| {
            let selected = self.selected.as_ref().is_some_and(|s| s.product.id == r.product.id);
            let low = r.on_hand <= Decimal::from(LOW_STOCK);
            let qty = text(r.on_hand.normalize().to_string()).size(theme::TEXT).width(60);
            col.push(
                button(
                    row![
                        text(r.product.names.get(i18n.lang()).to_string())
                            .size(theme::TEXT)
                            .width(Length::Fill),
                        text(i18n.money(r.product.price)).size(theme::TEXT),
                        if low { qty.style(text::danger) } else { qty },
                    ]
                    .spacing(12),
                )
                .width(Length::Fill)
                .padding(8)
                .style(if selected { button::primary } else { button::text })
                .on_press(Message::Select(Box::new(r.clone()))),
            )
        });

        let detail: Element<'a, Message> = match &self.form {
            Some(form) => self.form_view(form, artisans, i18n),
            None => text(i18n.tr("pick-product")).style(theme::muted).into(),
        };
        column![
            text(i18n.tr("inventory")).size(theme::BIG),
            filters,
            notice(&self.notice, i18n),
            row![
                scrollable(list).height(Length::Fill).width(Length::FillPortion(3)),
                scrollable(detail).height(Length::Fill).width(Length::FillPortion(2))
            ]
            .spacing(16)
        ]
        .spacing(10)
        .padding(16)
        .into()
    }

    fn form_view<'a>(&'a self, form: &'a Form, artisans: Vec<Choice>, i18n: &I18n) -> Element<'a, Message> {
        let artisan = artisans.iter().find(|c| c.code == form.artisan).cloned();
        let mut col = column![
            field(i18n.tr("name-ky"), &form.ky, |v| Message::Field(FormField::Ky(v)), None),
            field(i18n.tr("name-ru"), &form.ru, |v| Message::Field(FormField::Ru(v)), None),
            field(i18n.tr("name-en"), &form.en, |v| Message::Field(FormField::En(v)), None),
            row![
                field(
                    i18n.tr("price"),
                    &form.price,
                    |v| Message::Field(FormField::Price(v)),
                    None
                ),
                field(
                    i18n.tr("category"),
                    &form.category,
                    |v| Message::Field(FormField::Category(v)),
                    None
                ),
                field(
                    i18n.tr("tax-group"),
                    &form.tax_group,
                    |v| Message::Field(FormField::TaxGroup(v)),
                    None
                ),
            ]
            .spacing(8),
            row![
                field(
                    i18n.tr("barcode"),
                    &form.barcode,
                    |v| Message::Field(FormField::Barcode(v)),
                    None
                ),
                column![
                    text(" ").size(theme::SMALL),
                    big(i18n.tr("generate"), Some(Message::Generate)).style(button::secondary)
                ],
            ]
            .spacing(8),
            column![
                text(i18n.tr("artisan")).size(theme::SMALL),
                pick_list(artisans, artisan, Message::FormArtisan)
                    .text_size(theme::TEXT)
                    .padding(10)
            ]
            .spacing(4),
            big(i18n.tr("save"), Some(Message::Save)).style(button::success),
        ]
        .spacing(10);
        if let Some(record) = &self.selected {
            col = col.push(
                text(i18n.tr_args("on-hand", &[("qty", record.on_hand.normalize().to_string())])).size(theme::BIG),
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
                            .width(150),
                        text(i18n.tr(&format!("move-{}", m.kind.code())))
                            .size(theme::SMALL)
                            .width(110),
                        text(format!("{:+}", m.qty.normalize())).size(theme::SMALL).width(60),
                        text(m.reason.clone().unwrap_or_default())
                            .size(theme::SMALL)
                            .style(theme::muted),
                    ]
                    .spacing(8),
                );
            }
        }
        container(col).padding(12).style(theme::card).into()
    }
}
