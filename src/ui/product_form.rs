//! The product form of the Inventory screen: names in three languages, the price as the shop writes it
//! (`1 800,00`), and pick lists of the shop's own categories, tax groups, artisans and units in the chosen
//! language (nobody types an internal code). A new category is made on purpose, with its names in ky/ru/en. A
//! saved product's labels print from here.

use super::i18n::I18n;
use super::theme;
use super::widgets::{big, field};
use crate::app::AppError;
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Artisan, Lang, Names, Product, ProductId, Unit};
use crate::domain::craft::{ProductDetails, TECHNIQUES};
use crate::domain::money::{Som, group_decimal};
use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};
use rust_decimal::Decimal;

/// The purchase cost field (there for managers only).
pub const COST: &str = "product-cost";
/// How many labels the form offers to print at first: one for the item and spares for its bag and tag.
pub const DEFAULT_LABELS: u32 = 3;
/// The most labels one press prints (a roll of 58 mm labels is a few hundred; a typo of 300 should not use it up).
pub const MAX_LABELS: u32 = 99;

/// An entry of a pick list: what the user reads, and the code it stands for (none = all, or none chosen).
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

/// What the pick lists offer: the shop's categories (code, names), tax groups (code, VAT %) and artisans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub categories: Vec<(String, Names)>,
    pub tax_groups: Vec<(String, Decimal)>,
    pub artisans: Vec<Artisan>,
    /// Whether the signed-in user sees purchase costs (a manager's data; the field is not there for a cashier).
    pub costs: bool,
}

impl Options {
    pub fn category_choices(&self, lang: Lang) -> Vec<Choice> {
        self.categories
            .iter()
            .map(|(code, names)| Choice {
                label: names.get(lang).to_string(),
                code: Some(code.clone()),
            })
            .collect()
    }

    /// "Standard · VAT 12%": the group's name in the chosen language (its code when Usta has no words for it).
    pub fn tax_choices(&self, i18n: &I18n) -> Vec<Choice> {
        self.tax_groups
            .iter()
            .map(|(code, vat)| Choice {
                label: i18n.tr_args(
                    "tax-group-choice",
                    &[
                        ("group", tax_group_name(i18n, code)),
                        ("vat", vat.normalize().to_string()),
                    ],
                ),
                code: Some(code.clone()),
            })
            .collect()
    }

    pub fn artisan_choices(&self, i18n: &I18n) -> Vec<Choice> {
        let mut choices = vec![Choice {
            label: i18n.tr("no-artisan"),
            code: None,
        }];
        choices.extend(self.artisans.iter().map(|a| Choice {
            label: a.name.clone(),
            code: Some(a.code.clone()),
        }));
        choices
    }
}

/// What the attributes typed show a customer in the form's language, when they parse.
fn preview(attributes: &str, lang: Lang) -> Option<String> {
    let map = crate::domain::catalog::parse_attributes(attributes).ok()?;
    let values = crate::domain::catalog::localized_attributes(&map, lang);
    (!values.is_empty()).then(|| values.join(", "))
}

fn tax_group_name(i18n: &I18n, code: &str) -> String {
    let key = format!("tax-group-{code}");
    let name = i18n.tr(&key);
    if name == key { code.to_string() } else { name }
}

/// A unit in the chosen language: "piece", "metre", "kilogram".
pub fn unit_name(i18n: &I18n, unit: Unit) -> String {
    i18n.tr(&format!("unit-{}", unit.code()))
}

/// A quantity with its unit's short sign: "4 шт", "2,5 м".
pub fn quantity(i18n: &I18n, qty: Decimal, unit: Unit) -> String {
    let number = qty
        .normalize()
        .to_string()
        .replace('.', if i18n.lang() == Lang::En { "." } else { "," });
    i18n.tr_args(&format!("qty-{}", unit.code()), &[("qty", number)])
}

/// A unit as a pick-list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub unit: Unit,
    pub label: String,
}

impl std::fmt::Display for UnitChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The names of a category being made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCategory {
    pub ky: String,
    pub ru: String,
    pub en: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub id: Option<ProductId>,
    pub ky: String,
    pub ru: String,
    pub en: String,
    /// The price as typed; a stored price shows grouped with a decimal comma (`1 800,00`).
    pub price: String,
    /// The category's code, picked from the shop's categories (empty: none picked yet).
    pub category: String,
    /// The tax group's code, picked from the shop's tax settings.
    pub tax_group: String,
    pub barcode: String,
    pub artisan: Option<String>,
    pub unit: Unit,
    /// The purchase cost per unit as typed (empty: not known); shown to managers only, kept as loaded otherwise.
    pub cost: String,
    /// Variant attributes as the catalog file writes them: `size=58|colour=white|colour.ru=белый`.
    pub attributes: String,
    /// How many labels "Print labels" prints, as typed.
    pub labels: String,
    /// A category being made from the form, until it is created or cancelled.
    pub new_category: Option<NewCategory>,
    /// Technique, materials and the online flag (read when a product is picked, saved with it).
    pub details: ProductDetails,
    /// A picture file to add to the saved product, as typed.
    pub photo_path: String,
}

#[derive(Debug, Clone)]
pub enum FormField {
    Ky(String),
    Ru(String),
    En(String),
    Price(String),
    /// A category picked by its code.
    Category(String),
    /// A tax group picked by its code.
    TaxGroup(String),
    Barcode(String),
    /// An artisan picked by code (none: the shop's own goods).
    Artisan(Option<String>),
    Unit(Unit),
    /// The purchase cost per unit.
    Cost(String),
    Attributes(String),
    /// How many labels to print.
    Labels(String),
    /// A name of the category being made.
    CategoryName(Lang, String),
    /// A technique picked by code (none: not set).
    Technique(Option<String>),
    /// The materials in one language.
    Materials(Lang, String),
    SellOnline(bool),
    PhotoPath(String),
}

/// What the form asks its screen for, beyond editing itself.
#[derive(Debug, Clone)]
pub enum Request {
    /// Show the new-category fields.
    NewCategory,
    /// Hide them.
    CancelCategory,
    /// Create the category with the names typed.
    CreateCategory,
    Generate,
    Save,
    PrintLabels,
    /// Add the picture file typed to the saved product.
    AddPhoto,
}

impl Form {
    /// An empty form: standard tax, sold by the piece, and the first category when the shop has one.
    pub fn blank(options: &Options) -> Self {
        Form {
            tax_group: "standard".into(),
            category: options.categories.first().map(|(c, _)| c.clone()).unwrap_or_default(),
            labels: DEFAULT_LABELS.to_string(),
            ..Form::default()
        }
    }

    pub fn from(p: &Product) -> Self {
        Form {
            id: p.id,
            ky: p.names.ky.clone(),
            ru: p.names.ru.clone(),
            en: p.names.en.clone(),
            price: group_decimal(p.price.amount(), 2),
            category: p.category.clone(),
            tax_group: p.tax_group.clone(),
            barcode: p.barcodes.iter().map(Barcode::as_str).collect::<Vec<_>>().join(" "),
            artisan: p.artisan.clone(),
            unit: p.unit,
            cost: p.cost.map(|c| group_decimal(c.amount(), 2)).unwrap_or_default(),
            attributes: crate::domain::catalog::format_attributes(&p.attributes),
            labels: DEFAULT_LABELS.to_string(),
            new_category: None,
            details: ProductDetails::default(),
            photo_path: String::new(),
        }
    }

    pub fn edit(&mut self, field: FormField) {
        match field {
            FormField::Ky(v) => self.ky = v,
            FormField::Ru(v) => self.ru = v,
            FormField::En(v) => self.en = v,
            FormField::Price(v) => self.price = v,
            FormField::Category(v) => self.category = v,
            FormField::TaxGroup(v) => self.tax_group = v,
            FormField::Barcode(v) => self.barcode = v,
            FormField::Artisan(a) => self.artisan = a,
            FormField::Unit(u) => self.unit = u,
            FormField::Cost(v) => self.cost = v,
            FormField::Attributes(v) => self.attributes = v,
            FormField::Labels(v) => self.labels = v,
            FormField::Technique(t) => self.details.technique = t,
            FormField::Materials(lang, v) => match lang {
                Lang::Ky => self.details.materials.ky = v,
                Lang::Ru => self.details.materials.ru = v,
                Lang::En => self.details.materials.en = v,
            },
            FormField::SellOnline(on) => self.details.sell_online = on,
            FormField::PhotoPath(v) => self.photo_path = v,
            FormField::CategoryName(lang, v) => {
                let names = self.new_category.get_or_insert_with(NewCategory::default);
                match lang {
                    Lang::Ky => names.ky = v,
                    Lang::Ru => names.ru = v,
                    Lang::En => names.en = v,
                }
            }
        }
    }

    /// How many labels to print, or what is wrong with the number typed.
    pub fn label_count(&self) -> Result<u32, AppError> {
        match self.labels.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_LABELS).contains(&n) => Ok(n),
            _ => Err(AppError::Invalid(crate::app::input::InputProblem::LabelCount {
                text: self.labels.trim().to_string(),
                max: MAX_LABELS,
            })),
        }
    }

    /// The product the form describes, or what is wrong with it. `keep` is the stored product being edited:
    /// what the form does not show (the commission) stays as it was.
    pub fn product(&self, keep: Option<&Product>) -> Result<Product, AppError> {
        let price = Som::parse(&self.price).map_err(crate::app::input::InputProblem::from)?;
        let cost = match self.cost.trim() {
            "" => None,
            typed => {
                Some(crate::domain::catalog::check_cost(Som::parse(typed).map_err(|e| {
                    AppError::Invalid(crate::app::input::InputProblem::Amount(e))
                })?)?)
            }
        };
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
            attributes: crate::domain::catalog::parse_attributes(&self.attributes)?,
            artisan: self.artisan.clone(),
            commission_pct: keep.and_then(|p| p.commission_pct),
            unit: self.unit,
            cost,
        })
    }

    /// The form's fields and buttons; `saved` says whether the product is stored (labels print only then).
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        options: &Options,
        saved: bool,
        i18n: &I18n,
        on: impl Fn(FormField) -> M + Clone + 'a,
        ask: impl Fn(Request) -> M + 'a,
    ) -> Element<'a, M> {
        // Making a category is a step of its own: the form waits behind it, so nothing is typed into the wrong
        // fields, and its buttons are in sight on any screen.
        if let Some(names) = &self.new_category {
            let name = |label: &str, value: &'a str, lang: Lang| {
                let on = on.clone();
                field(
                    i18n.tr(label),
                    value,
                    move |v| on(FormField::CategoryName(lang, v)),
                    None,
                )
            };
            return column![
                text(i18n.tr("new-category-names")).size(theme::TEXT),
                name("name-ky", &names.ky, Lang::Ky),
                name("name-ru", &names.ru, Lang::Ru),
                name("name-en", &names.en, Lang::En),
                row![
                    big(i18n.tr("create-category"), Some(ask(Request::CreateCategory))).style(button::primary),
                    big(i18n.tr("cancel"), Some(ask(Request::CancelCategory))).style(button::secondary),
                ]
                .spacing(8),
            ]
            .spacing(10)
            .into();
        }
        let lang = i18n.lang();
        let categories = options.category_choices(lang);
        let category = categories
            .iter()
            .find(|c| c.code.as_deref() == Some(self.category.as_str()))
            .cloned();
        let taxes = options.tax_choices(i18n);
        let tax = taxes
            .iter()
            .find(|c| c.code.as_deref() == Some(self.tax_group.as_str()))
            .cloned();
        let artisans = options.artisan_choices(i18n);
        let artisan = artisans.iter().find(|c| c.code == self.artisan).cloned();
        let units: Vec<UnitChoice> = Unit::ALL
            .iter()
            .map(|u| UnitChoice {
                unit: *u,
                label: unit_name(i18n, *u),
            })
            .collect();
        let unit = units.iter().find(|u| u.unit == self.unit).cloned();
        let labelled = |label: String, widget: Element<'a, M>| -> Element<'a, M> {
            column![text(label).size(theme::SMALL), widget]
                .spacing(4)
                .width(Length::Fill)
                .into()
        };
        let pick = |choices: Vec<Choice>, chosen: Option<Choice>, to: fn(String) -> FormField| {
            let on = on.clone();
            pick_list(choices, chosen, move |c: Choice| on(to(c.code.unwrap_or_default())))
                .text_size(theme::TEXT)
                .padding(10)
                .width(Length::Fill)
        };
        let on_artisan = on.clone();
        let on_unit = on.clone();
        let text_field = |label: &str, value: &'a str, to: fn(String) -> FormField| {
            let on = on.clone();
            field(i18n.tr(label), value, move |v| on(to(v)), None)
        };
        // Save and the labels come first: below the fields they would fall out of sight on a 768-pixel screen.
        let mut actions = row![big(i18n.tr("save"), Some(ask(Request::Save))).style(button::success)]
            .spacing(8)
            .align_y(Alignment::Center);
        if saved {
            let count = self.label_count().ok();
            let on = on.clone();
            actions = actions.push(
                text_input("", &self.labels)
                    .on_input(move |v| on(FormField::Labels(v)))
                    .size(theme::TEXT)
                    .padding(10)
                    .width(56),
            );
            actions = actions.push(
                big(
                    i18n.tr_args(
                        "print-labels",
                        &[("count", count.unwrap_or(DEFAULT_LABELS).to_string())],
                    ),
                    count.map(|_| ask(Request::PrintLabels)),
                )
                .style(button::primary),
            );
        }
        let mut price_row = row![
            text_field("price", &self.price, FormField::Price),
            labelled(
                i18n.tr("unit"),
                pick_list(units, unit, move |u: UnitChoice| on_unit(FormField::Unit(u.unit)))
                    .text_size(theme::TEXT)
                    .padding(10)
                    .width(Length::Fill)
                    .into()
            ),
        ]
        .spacing(8);
        // Beside the price, where a manager compares the two; a cashier's form has no such field.
        if options.costs {
            let on = on.clone();
            price_row = price_row.push(field(
                i18n.tr("rep-cost-field"),
                &self.cost,
                move |v| on(FormField::Cost(v)),
                Some(COST),
            ));
        }
        let mut col = column![
            actions,
            text_field("name-ky", &self.ky, FormField::Ky),
            text_field("name-ru", &self.ru, FormField::Ru),
            text_field("name-en", &self.en, FormField::En),
            row![
                text_field("barcode", &self.barcode, FormField::Barcode),
                column![
                    text(" ").size(theme::SMALL),
                    big(i18n.tr("generate"), Some(ask(Request::Generate))).style(button::secondary)
                ]
                .spacing(4),
            ]
            .spacing(8),
            price_row,
            row![
                labelled(
                    i18n.tr("category"),
                    pick(categories, category, FormField::Category)
                        .placeholder(i18n.tr("pick-category"))
                        .into()
                ),
                column![
                    text(" ").size(theme::SMALL),
                    big(i18n.tr("new-category"), Some(ask(Request::NewCategory))).style(button::secondary)
                ]
                .spacing(4),
            ]
            .spacing(8),
        ]
        .spacing(10);
        col = col.push(text_field("attributes", &self.attributes, FormField::Attributes));
        if let Some(values) = preview(&self.attributes, lang) {
            col = col.push(text(values).size(theme::SMALL).style(theme::muted));
        }
        col = col.push(
            row![
                labelled(i18n.tr("tax-group"), pick(taxes, tax, FormField::TaxGroup).into()),
                labelled(
                    i18n.tr("artisan"),
                    pick_list(artisans, artisan, move |c: Choice| on_artisan(FormField::Artisan(
                        c.code
                    )))
                    .text_size(theme::TEXT)
                    .padding(10)
                    .width(Length::Fill)
                    .into(),
                ),
            ]
            .spacing(8),
        );
        col = col.push(self.craft_view(saved, i18n, on, ask));
        col.into()
    }

    /// Technique, materials, the online flag, and (once saved) adding a photo.
    fn craft_view<'a, M: Clone + 'a>(
        &'a self,
        saved: bool,
        i18n: &I18n,
        on: impl Fn(FormField) -> M + Clone + 'a,
        ask: impl Fn(Request) -> M + 'a,
    ) -> Element<'a, M> {
        let lang = i18n.lang();
        let mut techniques = vec![Choice {
            label: i18n.tr("cat-no-technique"),
            code: None,
        }];
        techniques.extend(TECHNIQUES.iter().map(|t| Choice {
            label: t.name(lang).to_string(),
            code: Some(t.code.to_string()),
        }));
        let chosen = techniques.iter().find(|c| c.code == self.details.technique).cloned();
        let on_technique = on.clone();
        let on_online = on.clone();
        let materials = |label: &str, value: &'a str, lang: Lang| {
            let on = on.clone();
            field(i18n.tr(label), value, move |v| on(FormField::Materials(lang, v)), None)
        };
        let mut col = column![
            column![
                text(i18n.tr("cat-technique")).size(theme::SMALL),
                pick_list(techniques, chosen, move |c: Choice| on_technique(FormField::Technique(
                    c.code
                )))
                .text_size(theme::TEXT)
                .padding(10)
                .width(Length::Fill),
            ]
            .spacing(4),
            materials("cat-materials-ky", &self.details.materials.ky, Lang::Ky),
            materials("cat-materials-ru", &self.details.materials.ru, Lang::Ru),
            materials("cat-materials-en", &self.details.materials.en, Lang::En),
            checkbox(self.details.sell_online)
                .label(i18n.tr("cat-sell-online"))
                .on_toggle(move |v| on_online(FormField::SellOnline(v)))
                .text_size(theme::TEXT),
        ]
        .spacing(10);
        if saved {
            let on = on.clone();
            col = col.push(
                row![
                    field(
                        i18n.tr("cat-photo-path"),
                        &self.photo_path,
                        move |v| on(FormField::PhotoPath(v)),
                        None
                    ),
                    column![
                        text(" ").size(theme::SMALL),
                        big(
                            i18n.tr("cat-add-photo"),
                            (!self.photo_path.trim().is_empty()).then(|| ask(Request::AddPhoto))
                        )
                        .style(button::secondary)
                    ]
                    .spacing(4),
                ]
                .spacing(8),
            );
        }
        col.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_price_shows_grouped_and_reads_back() {
        let mut p = crate::domain::cart::tests::product(1, 1800, "standard");
        p.unit = Unit::Metre;
        let form = Form::from(&p);
        assert_eq!(form.price, "1\u{a0}800,00");
        let back = form.product(Some(&p)).expect("reads back");
        assert_eq!(back.price, Som::whole(1800));
        assert_eq!(back.unit, Unit::Metre);
    }

    #[test]
    fn label_counts_are_one_to_ninety_nine() {
        let mut form = Form::blank(&Options::default());
        assert_eq!(form.label_count().ok(), Some(DEFAULT_LABELS));
        for (typed, ok) in [("1", true), ("99", true), ("0", false), ("100", false), ("три", false)] {
            form.labels = typed.into();
            assert_eq!(form.label_count().is_ok(), ok, "{typed}");
        }
    }

    #[test]
    fn quantities_carry_their_unit_in_each_language() {
        for (lang, expected) in [(Lang::Ky, "2,5 м"), (Lang::Ru, "2,5 м"), (Lang::En, "2.5 m")] {
            let i18n = I18n::new(lang);
            assert_eq!(quantity(&i18n, Decimal::new(25, 1), Unit::Metre), expected);
        }
    }
}
