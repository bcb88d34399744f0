//! Settings: shop details, taxes, exchange rates, foreign cash, language, theme and UI scale, devices, the
//! cashier's limits, and users and PINs. Each section saves on its own, with the confirmation beside its button:
//! one Save at the bottom of a long page said "saved" out of sight and saved half-typed edits of other sections.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, field, notice};
use crate::app::master::MasterPart;
use crate::app::{AppError, backup, printing, scanner, settings};
use crate::domain::catalog::Lang;
use crate::domain::currency::{Currency, ExchangeRate};
use crate::domain::money::parse_decimal;
use iced::widget::{button, checkbox, column, container, pick_list, row, scrollable, text};
use iced::{Element, Length, Task};

#[derive(Debug, Clone)]
pub enum Field {
    Name(String),
    Address(String),
    Tin(String),
    RegNo(String),
    Phone(String),
    Register(String),
    Vat(String),
    SalesTaxCash(String),
    SalesTaxCard(String),
    SalesTaxQr(String),
    Rate(Currency, String),
    PrinterUri(String),
    ScannerPort(String),
    /// The discount (percent) a cashier may give alone.
    DiscountLimit(String),
    /// The cart total above which voiding the whole cart needs a manager.
    VoidAbove(String),
}

/// A part of the screen that saves on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Shop,
    Taxes,
    Currencies,
    Appearance,
    Devices,
    Limits,
}

impl Section {
    /// The part of master data the section edits; a joined till shows it read-only. No `_` arm.
    pub fn master_part(self) -> Option<MasterPart> {
        match self {
            Section::Shop => Some(MasterPart::Shop),
            Section::Taxes => Some(MasterPart::Taxes),
            Section::Currencies => Some(MasterPart::Currencies),
            Section::Limits => Some(MasterPart::CashierLimits),
            Section::Appearance | Section::Devices => None,
        }
    }
}

/// Settings with the devices: the printer, the scanner's port, and the serial ports found now.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub settings: settings::Settings,
    pub printer: Option<printing::PrinterSettings>,
    pub scanner_port: Option<String>,
    pub ports: Vec<String>,
    pub last_backup: Option<backup::LastBackup>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Settings as stored.
    Loaded(Result<Box<Loaded>, AppError>),
    /// A text field changed.
    Edit(Field),
    /// Foreign cash on or off.
    ForeignCash(bool),
    /// Interface language.
    Lang(Lang),
    /// Dark theme on or off.
    Dark(bool),
    /// UI scale.
    Scale(Scale),
    /// Minutes without input before the till locks (0: never).
    AutoLock(Minutes),
    /// Printer profile picked.
    PrinterProfile(String),
    /// A detected serial port picked for the scanner.
    PickPort(String),
    /// Print the test page.
    TestPrint,
    /// Save one section.
    Save(Section),
    /// A section saved (with the settings as stored now), or why not.
    Saved(Section, Result<Box<Loaded>, AppError>),
    /// The users and PINs section.
    Users(super::users::Message),
    /// Back the database up now, into the backups folder.
    BackUp,
    /// The backup is written and checked, or why not.
    BackedUp(Result<Box<backup::BackupReport>, AppError>),
    /// How far the running backup is: pages copied, pages.
    BackupProgress(u64, u64),
    /// Stop the running backup: its half-made copy is removed.
    CancelBackup,
    /// The shop's payment QR section.
    Qr(super::payment_qr::Message),
    /// The payment QR section's message after the window has taken a newly saved QR.
    QrShown(super::payment_qr::Message),
    /// Where "Update rates" reads the National Bank's rates: a saved file, or empty for its web address.
    RatesSource(String),
    /// Import the National Bank's rates now.
    UpdateRates,
    /// The rates are imported (or were already), or why not.
    RatesUpdated(Result<Box<crate::app::rates::Imported>, AppError>),
}

/// An auto-lock choice in minutes, with its words in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes(pub u32, pub String);

impl Minutes {
    pub fn new(minutes: u32, i18n: &I18n) -> Self {
        let label = if minutes == 0 {
            i18n.tr("lock-never")
        } else {
            i18n.tr_args("minutes", &[("n", minutes.to_string())])
        };
        Minutes(minutes, label)
    }
}

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// A UI scale choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale(pub f32);

impl std::fmt::Display for Scale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0}%", self.0 * 100.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangChoice(pub Lang);

impl std::fmt::Display for LangChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Lang::Ky => "Кыргызча",
            Lang::Ru => "Русский",
            Lang::En => "English",
        })
    }
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// New settings are in force: the app re-reads language, theme and scale.
    Applied(Box<settings::Settings>),
    /// Print the test page on the saved printer.
    TestPrint,
}

#[derive(Debug, Default)]
pub struct SettingsScreen {
    loaded: Option<settings::Settings>,
    fields: Vec<(String, String)>,
    printer_profile: String,
    ports: Vec<String>,
    pub notice: Option<Notice>,
    /// The code the serial scanner sent last: the test-scan indicator.
    pub last_scan: Option<String>,
    /// When the last backup was made.
    pub last_backup: Option<backup::LastBackup>,
    /// A backup is being written.
    pub backing_up: bool,
    /// The running backup's count and stop flag, while it runs.
    pub backup_job: Option<crate::app::progress::Shared>,
    /// The running backup's count as last shown: pages copied, pages.
    pub backup_count: (u64, u64),
    /// Foreign cash as ticked, until the currencies section is saved.
    foreign_cash: Option<bool>,
    /// The section saved last and when ("HH:MM"), shown beside its button until the next save.
    pub saved: Option<(Section, String)>,
    /// A section's save was refused: the message shows beside its button.
    pub refused: Option<(Section, Notice)>,
    pub users: super::users::Users,
    /// Whether the signed-in user may manage users (read when the screen loads).
    may_manage_users: bool,
    /// The shop's payment QR for the customer display.
    pub qr: super::payment_qr::Editor,
    /// The file "Update rates" reads; empty: the National Bank's web address.
    rates_source: String,
    /// Rates are being fetched and imported.
    pub updating_rates: bool,
    /// The back office where master data is changed, on a joined till: those sections are read-only here.
    pub master_at: Option<String>,
}

fn read(ctx: &mut crate::app::Ctx<'_>) -> crate::app::Result<Box<Loaded>> {
    let ports = scanner::ports();
    Ok(Box::new(Loaded {
        settings: settings::load(ctx)?,
        printer: printing::settings(ctx)?,
        scanner_port: scanner::settings(ctx)?.map(|c| c.port.to_string()),
        ports,
        last_backup: backup::last_backup(ctx)?,
    }))
}

/// The section a field belongs to.
fn section_of(key: &str) -> Option<Section> {
    match key {
        "name" | "address" | "tin" | "reg_no" | "phone" | "register" => Some(Section::Shop),
        "vat" | "st_cash" | "st_card" | "st_qr" => Some(Section::Taxes),
        "discount" | "void_above" => Some(Section::Limits),
        "printer_uri" | "scanner_port" => Some(Section::Devices),
        code if Currency::FOREIGN.iter().any(|c| c.code() == code) => Some(Section::Currencies),
        _ => None,
    }
}

const KEYS: [&str; 12] = [
    "name",
    "address",
    "tin",
    "reg_no",
    "phone",
    "register",
    "vat",
    "st_cash",
    "st_card",
    "st_qr",
    "discount",
    "void_above",
];

impl SettingsScreen {
    pub fn load(services: &Services) -> Task<Message> {
        Task::batch([
            services.task(read, Message::Loaded),
            super::users::Users::load(services).map(Message::Users),
            super::payment_qr::Editor::load(services).map(Message::Qr),
        ])
    }

    fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    fn set(&mut self, key: &str, value: String) {
        match self.fields.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.fields.push((key.to_string(), value)),
        }
    }

    fn take(&mut self, l: Loaded) {
        self.fill(&l.settings);
        self.set(
            "printer_uri",
            l.printer.as_ref().map(|p| p.uri.clone()).unwrap_or_default(),
        );
        self.printer_profile = l.printer.map_or_else(|| "epson".to_string(), |p| p.profile);
        self.set("scanner_port", l.scanner_port.unwrap_or_default());
        self.ports = l.ports;
        self.last_backup = l.last_backup;
        self.loaded = Some(l.settings);
    }

    /// Puts back what was typed in the sections other than `saved`.
    fn keep_typed(&mut self, saved: Section, typed: Vec<(String, String)>) {
        for (key, value) in typed {
            if section_of(&key) != Some(saved) {
                self.set(&key, value);
            }
        }
    }

    /// The Save button of a section, with its confirmation or refusal beside it.
    fn footer<'a>(&'a self, section: Section, i18n: &I18n) -> Element<'a, Message> {
        let mut line = row![].spacing(12).align_y(iced::Alignment::Center);
        if let (Some(_), Some(office)) = (section.master_part(), &self.master_at) {
            return text(i18n.tr_args("master-read-only", &[("office", office.clone())]))
                .size(theme::TEXT)
                .style(text::secondary)
                .width(Length::Fill)
                .into();
        }
        // The look saves as it is picked: it has a confirmation but no button.
        if section != Section::Appearance {
            line = line.push(big(i18n.tr("save"), Some(Message::Save(section))).style(button::success));
        }
        if let Some((_, refusal)) = self.refused.as_ref().filter(|(s, _)| *s == section) {
            line = line.push(
                text(refusal.text(i18n))
                    .size(theme::TEXT)
                    .style(text::danger)
                    .width(Length::Fill),
            );
        } else if let Some((_, at)) = self.saved.as_ref().filter(|(s, _)| *s == section) {
            line = line.push(
                text(i18n.tr_args("section-saved", &[("time", at.clone())]))
                    .size(theme::TEXT)
                    .style(text::success)
                    .width(Length::Fill),
            );
        }
        line.into()
    }

    fn fill(&mut self, s: &settings::Settings) {
        self.fields.clear();
        let values = [
            s.shop.name.clone(),
            s.shop.address.clone(),
            s.shop.tin.clone(),
            s.shop.register_reg_no.clone(),
            s.shop.phone.clone(),
            s.register.clone(),
            s.tax
                .vat_pct
                .get("standard")
                .map(|v| v.normalize().to_string())
                .unwrap_or_default(),
            s.tax.sales_tax_pct.cash.normalize().to_string(),
            s.tax.sales_tax_pct.card.normalize().to_string(),
            s.tax.sales_tax_pct.qr.normalize().to_string(),
            s.discount_limit.normalize().to_string(),
            crate::domain::money::group_decimal(s.preferences.void_cart_manager_above.amount(), 2),
        ];
        for (k, v) in KEYS.iter().zip(values) {
            self.set(k, v);
        }
        for c in Currency::FOREIGN {
            let rate = s
                .rates
                .get(c)
                .map(|r| r.som_per_unit.normalize().to_string())
                .unwrap_or_default();
            self.set(c.code(), rate);
        }
    }

    /// The settings as last stored with only `section`'s edits applied, or the first field that does not parse.
    pub fn edited(&self, section: Section, today: chrono::NaiveDate) -> Result<settings::Settings, AppError> {
        let mut s = self
            .loaded
            .clone()
            .ok_or(AppError::Invalid(crate::app::input::InputProblem::SettingsLoading))?;
        let pct = |key: &str| {
            parse_decimal(self.get(key))
                .filter(|d| *d >= rust_decimal::Decimal::ZERO && *d < rust_decimal::Decimal::from(100))
                .ok_or_else(|| {
                    AppError::Invalid(crate::app::input::InputProblem::NotPercent {
                        text: self.get(key).to_string(),
                    })
                })
        };
        match section {
            Section::Shop => {
                s.shop.name = self.get("name").trim().to_string();
                s.shop.address = self.get("address").trim().to_string();
                s.shop.tin = self.get("tin").trim().to_string();
                s.shop.register_reg_no = self.get("reg_no").trim().to_string();
                s.shop.phone = self.get("phone").trim().to_string();
                s.register = self.get("register").trim().to_string();
                if s.register.is_empty() {
                    return Err(AppError::Invalid(crate::app::input::InputProblem::NoRegisterId));
                }
            }
            Section::Taxes => {
                s.tax.vat_pct.insert("standard".into(), pct("vat")?);
                s.tax.sales_tax_pct.cash = pct("st_cash")?;
                s.tax.sales_tax_pct.card = pct("st_card")?;
                s.tax.sales_tax_pct.qr = pct("st_qr")?;
            }
            Section::Currencies => {
                let mut rates = Vec::new();
                for c in Currency::FOREIGN {
                    let text = self.get(c.code());
                    if text.trim().is_empty() {
                        continue;
                    }
                    let rate = parse_decimal(text).ok_or_else(|| {
                        AppError::Invalid(crate::app::input::InputProblem::NotRate {
                            currency: c,
                            text: text.to_string(),
                        })
                    })?;
                    rates.push(ExchangeRate::new(c, rate, today).map_err(crate::app::input::InputProblem::from)?);
                }
                s.rates = crate::domain::currency::Rates::new(rates);
                s.payment.accept_foreign_cash = self.foreign_cash.unwrap_or(s.payment.accept_foreign_cash);
            }
            Section::Limits => {
                let text = self.get("discount");
                s.discount_limit = parse_decimal(text)
                    .filter(|d| *d >= rust_decimal::Decimal::ZERO && *d <= rust_decimal::Decimal::from(100))
                    .ok_or_else(|| crate::app::input::InputProblem::NotPercent { text: text.to_string() })?;
                let text = self.get("void_above");
                s.preferences.void_cart_manager_above =
                    crate::domain::money::Som::parse(text).map_err(crate::app::input::InputProblem::from)?;
            }
            // Preferences are changed in `loaded` as they are picked; devices are saved beside the bundle.
            Section::Appearance | Section::Devices => {}
        }
        Ok(s)
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Action {
        match message {
            Message::Users(m) => Action::Run(self.users.update(m, services).map(Message::Users)),
            Message::Qr(m) | Message::QrShown(m) => Action::Run(self.qr.update(m, services).map(Message::Qr)),
            Message::Loaded(result) => {
                self.may_manage_users = services.actor().may(crate::domain::user::Action::Users);
                self.saved = None;
                self.refused = None;
                match result {
                    Ok(l) => self.take(*l),
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Edit(field) => {
                let (key, value) = match field {
                    Field::Name(v) => ("name", v),
                    Field::Address(v) => ("address", v),
                    Field::Tin(v) => ("tin", v),
                    Field::RegNo(v) => ("reg_no", v),
                    Field::Phone(v) => ("phone", v),
                    Field::Register(v) => ("register", v),
                    Field::Vat(v) => ("vat", v),
                    Field::SalesTaxCash(v) => ("st_cash", v),
                    Field::SalesTaxCard(v) => ("st_card", v),
                    Field::SalesTaxQr(v) => ("st_qr", v),
                    Field::Rate(c, v) => (c.code(), v),
                    Field::PrinterUri(v) => ("printer_uri", v),
                    Field::ScannerPort(v) => ("scanner_port", v),
                    Field::DiscountLimit(v) => ("discount", v),
                    Field::VoidAbove(v) => ("void_above", v),
                };
                self.set(key, value);
                Action::None
            }
            Message::ForeignCash(on) => {
                self.foreign_cash = Some(on);
                Action::None
            }
            Message::Lang(lang) => {
                if let Some(s) = &mut self.loaded {
                    s.preferences.lang = lang;
                }
                self.update(Message::Save(Section::Appearance), services)
            }
            Message::Dark(on) => {
                if let Some(s) = &mut self.loaded {
                    s.preferences.dark = on;
                }
                self.update(Message::Save(Section::Appearance), services)
            }
            Message::Scale(scale) => {
                if let Some(s) = &mut self.loaded {
                    s.preferences.scale = scale.0;
                }
                self.update(Message::Save(Section::Appearance), services)
            }
            Message::AutoLock(minutes) => {
                if let Some(s) = &mut self.loaded {
                    s.preferences.auto_lock_minutes = minutes.0;
                }
                self.update(Message::Save(Section::Appearance), services)
            }
            Message::PrinterProfile(p) => {
                self.printer_profile = p;
                Action::None
            }
            Message::PickPort(p) => {
                self.set("scanner_port", p);
                Action::None
            }
            Message::TestPrint => Action::TestPrint,
            Message::Save(section) => match self.edited(section, services.now().date_naive()) {
                Ok(s) => {
                    self.refused = None;
                    let uri = self.get("printer_uri").trim().to_string();
                    let printer = (!uri.is_empty()).then(|| printing::PrinterSettings {
                        uri,
                        profile: self.printer_profile.clone(),
                    });
                    let port = self.get("scanner_port").trim().to_string();
                    Action::Run(services.task(
                        move |ctx| {
                            settings::save(ctx, &s)?;
                            if section == Section::Devices {
                                if let Some(p) = &printer {
                                    printing::save_settings(ctx, p)?;
                                }
                                scanner::save_port(ctx, &port)?;
                            }
                            read(ctx)
                        },
                        move |result| Message::Saved(section, result),
                    ))
                }
                Err(e) => {
                    self.refused = Some((section, Notice::error(&e)));
                    Action::None
                }
            },
            Message::BackUp if self.backing_up => Action::None,
            Message::RatesSource(v) => {
                self.rates_source = v;
                Action::None
            }
            Message::UpdateRates => {
                self.updating_rates = true;
                let source = match self.rates_source.trim() {
                    "" => crate::app::rates::DAILY_URL.to_string(),
                    file => file.to_string(),
                };
                Action::Run(services.task(
                    move |ctx| crate::app::rates::import(ctx, &source).map(Box::new),
                    Message::RatesUpdated,
                ))
            }
            Message::RatesUpdated(result) => {
                self.updating_rates = false;
                match result {
                    Ok(done) => {
                        self.notice = Some(
                            Notice::new(Tone::Good, "acc-rates-updated")
                                .with("date", done.date.format("%d.%m.%Y").to_string())
                                .with("count", done.currencies.len().to_string()),
                        );
                        Action::Run(services.task(read, Message::Loaded))
                    }
                    Err(e) => {
                        self.notice = Some(Notice::error(&e));
                        Action::None
                    }
                }
            }
            Message::BackUp => {
                self.backing_up = true;
                let shared = crate::app::progress::Shared::new();
                self.backup_job = Some(shared.clone());
                self.backup_count = (0, 0);
                let watched = shared.clone();
                let job = services.task(
                    move |ctx| {
                        let mut progress = shared.clone();
                        let done = backup::backup_with(ctx, None, backup::DEFAULT_KEEP, &mut progress);
                        shared.end();
                        done.map(Box::new)
                    },
                    Message::BackedUp,
                );
                let count = super::services::watch(watched).map(|(done, total)| Message::BackupProgress(done, total));
                Action::Run(Task::batch([job, count]))
            }
            Message::BackupProgress(done, total) => {
                // A count that arrives after the result belongs to a backup that is over.
                if self.backup_job.is_some() {
                    self.backup_count = (done, total);
                }
                Action::None
            }
            Message::CancelBackup => {
                if let Some(job) = &self.backup_job {
                    job.cancel();
                }
                Action::None
            }
            Message::BackedUp(result) => {
                self.backing_up = false;
                self.backup_job = None;
                self.backup_count = (0, 0);
                match result {
                    Ok(report) => {
                        self.notice = Some(
                            Notice::new(Tone::Good, "backup-done").with("path", report.file.path.display().to_string()),
                        );
                        self.last_backup = Some(backup::LastBackup {
                            at: report.at,
                            path: report.file.path,
                        });
                    }
                    Err(e) => self.notice = Some(Notice::error(&e)),
                }
                Action::None
            }
            Message::Saved(section, result) => match result {
                Ok(l) => {
                    self.saved = Some((section, services.now().format("%H:%M").to_string()));
                    self.refused = None;
                    let s = l.settings.clone();
                    // Other sections keep what is being typed in them; only the saved one reads back.
                    let typed = std::mem::take(&mut self.fields);
                    let foreign_cash = self.foreign_cash.take();
                    self.take(*l);
                    self.keep_typed(section, typed);
                    if section != Section::Currencies {
                        self.foreign_cash = foreign_cash;
                    }
                    Action::Applied(Box::new(s))
                }
                Err(e) => {
                    self.refused = Some((section, Notice::error(&e)));
                    Action::None
                }
            },
        }
    }

    /// "Backing up: N / M" with the button that stops it (until it has been pressed).
    fn backup_line<'a>(&self, job: &crate::app::progress::Shared, i18n: &I18n) -> Element<'a, Message> {
        let (done, total) = self.backup_count;
        let line = i18n.tr_args(
            "backup-progress",
            &[("done", done.to_string()), ("total", total.to_string())],
        );
        row![
            text(line).size(theme::TEXT),
            big(
                i18n.tr("cancel-job"),
                (!job.is_cancelled()).then_some(Message::CancelBackup)
            )
            .style(button::danger),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center)
        .into()
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        scrollable(container(self.body(i18n)).padding(16).width(Length::Fill)).into()
    }

    /// The sections, unscrolled, for a parent that adds one of its own (the back office's).
    pub fn body<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let Some(s) = &self.loaded else {
            return text(i18n.tr("loading")).into();
        };
        let f = |label: &str, key: &str, make: fn(String) -> Field| -> Element<'a, Message> {
            field(i18n.tr(label), self.get(key), move |v| Message::Edit(make(v)), None)
        };
        let shop = column![
            text(i18n.tr("shop")).size(theme::BIG),
            f("shop-name", "name", Field::Name),
            f("address", "address", Field::Address),
            row![f("tin", "tin", Field::Tin), f("reg-no", "reg_no", Field::RegNo)].spacing(8),
            row![
                f("phone", "phone", Field::Phone),
                f("register", "register", Field::Register)
            ]
            .spacing(8),
            self.footer(Section::Shop, i18n),
        ]
        .spacing(8);
        let taxes = column![
            text(i18n.tr("taxes")).size(theme::BIG),
            f("vat-rate", "vat", Field::Vat),
            row![
                f("sales-tax-cash", "st_cash", Field::SalesTaxCash),
                f("sales-tax-card", "st_card", Field::SalesTaxCard),
                f("sales-tax-qr", "st_qr", Field::SalesTaxQr),
            ]
            .spacing(8),
            self.footer(Section::Taxes, i18n),
        ]
        .spacing(8);
        let mut rates = row![].spacing(8);
        for c in Currency::FOREIGN {
            let value = self.get(c.code());
            rates = rates.push(field(
                i18n.tr_args("rate-of", &[("currency", c.code().to_string())]),
                value,
                move |v| Message::Edit(Field::Rate(c, v)),
                None,
            ));
        }
        let rates_date = match s.rates.rates.iter().map(|r| r.date).max() {
            Some(d) => i18n.tr_args("acc-rates-date", &[("date", d.format("%d.%m.%Y").to_string())]),
            None => i18n.tr("acc-rates-none"),
        };
        let update = big(
            i18n.tr("acc-update-rates"),
            (!self.updating_rates && self.master_at.is_none()).then_some(Message::UpdateRates),
        );
        let bank = row![
            field(
                i18n.tr("acc-rates-file"),
                &self.rates_source,
                Message::RatesSource,
                Some("rates-file")
            ),
            update,
        ]
        .spacing(8)
        .align_y(iced::Alignment::End);
        let money = column![
            text(i18n.tr("currencies")).size(theme::BIG),
            rates,
            text(rates_date).size(theme::SMALL),
            bank,
            checkbox(self.foreign_cash.unwrap_or(s.payment.accept_foreign_cash))
                .label(i18n.tr("accept-foreign-cash"))
                .on_toggle(Message::ForeignCash)
                .size(24),
            self.footer(Section::Currencies, i18n),
        ]
        .spacing(8);
        let limits = column![
            text(i18n.tr("cashier-limits")).size(theme::BIG),
            row![
                f("discount-limit", "discount", Field::DiscountLimit),
                f("void-cart-above", "void_above", Field::VoidAbove),
            ]
            .spacing(8),
            self.footer(Section::Limits, i18n),
        ]
        .spacing(8);
        let langs = [LangChoice(Lang::Ky), LangChoice(Lang::Ru), LangChoice(Lang::En)];
        let scales = [Scale(0.8), Scale(1.0), Scale(1.25), Scale(1.5)];
        let look = column![
            text(i18n.tr("appearance")).size(theme::BIG),
            row![
                text(i18n.tr("language")).width(230),
                pick_list(langs, Some(LangChoice(s.preferences.lang)), |l: LangChoice| {
                    Message::Lang(l.0)
                })
                .text_size(theme::TEXT)
            ]
            .spacing(8),
            row![
                text(i18n.tr("ui-scale")).width(230),
                pick_list(scales, Some(Scale(s.preferences.scale)), Message::Scale).text_size(theme::TEXT)
            ]
            .spacing(8),
            checkbox(s.preferences.dark)
                .label(i18n.tr("dark-theme"))
                .on_toggle(Message::Dark)
                .size(24),
            row![
                text(i18n.tr("auto-lock")).width(230),
                pick_list(
                    [0, 2, 5, 10, 30].map(|m| Minutes::new(m, i18n)),
                    Some(Minutes::new(s.preferences.auto_lock_minutes, i18n)),
                    Message::AutoLock
                )
                .text_size(theme::TEXT)
            ]
            .spacing(8),
            self.footer(Section::Appearance, i18n),
        ]
        .spacing(8);
        let profiles: Vec<String> = printing::PROFILES.iter().map(|p| p.to_string()).collect();
        let mut devices = column![
            text(i18n.tr("devices")).size(theme::BIG),
            row![
                field(
                    i18n.tr("printer-uri"),
                    self.get("printer_uri"),
                    |v| Message::Edit(Field::PrinterUri(v)),
                    None
                ),
                column![
                    text(i18n.tr("printer-profile")).size(theme::SMALL),
                    pick_list(profiles, Some(self.printer_profile.clone()), Message::PrinterProfile)
                        .text_size(theme::TEXT)
                        .padding(10)
                ]
                .spacing(4),
            ]
            .spacing(8),
            big(i18n.tr("test-print"), Some(Message::TestPrint)).style(button::secondary),
            row![
                field(
                    i18n.tr("scanner-port"),
                    self.get("scanner_port"),
                    |v| Message::Edit(Field::ScannerPort(v)),
                    None
                ),
                column![
                    text(i18n.tr("detected-ports")).size(theme::SMALL),
                    pick_list(self.ports.clone(), None::<String>, Message::PickPort)
                        .placeholder(i18n.tr("none-found"))
                        .text_size(theme::TEXT)
                        .padding(10)
                ]
                .spacing(4),
            ]
            .spacing(8),
        ]
        .spacing(8);
        devices = devices.push(
            text(match &self.last_scan {
                Some(code) => i18n.tr_args("last-scan", &[("code", code.clone())]),
                None => i18n.tr("no-scan-yet"),
            })
            .size(theme::TEXT),
        );
        devices = devices.push(self.footer(Section::Devices, i18n));
        let when = self.last_backup.as_ref().map(|b| {
            chrono::DateTime::parse_from_rfc3339(&b.at)
                .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
                .unwrap_or_else(|_| b.at.clone())
        });
        let users = self
            .users
            .view(self.may_manage_users && self.master_at.is_none(), i18n)
            .map(Message::Users);
        let qr: Element<'a, Message> = match &self.master_at {
            None => self.qr.view(i18n).map(Message::Qr),
            Some(office) => column![
                text(i18n.tr("till-qr-title")).size(theme::BIG),
                text(i18n.tr_args("master-read-only", &[("office", office.clone())])).size(theme::TEXT),
            ]
            .spacing(8)
            .into(),
        };
        let backups = column![
            text(i18n.tr("backups")).size(theme::BIG),
            text(match when {
                Some(when) => i18n.tr_args("last-backup", &[("when", when)]),
                None => i18n.tr("no-backup-yet"),
            })
            .size(theme::TEXT),
            big(i18n.tr("back-up-now"), (!self.backing_up).then_some(Message::BackUp)).style(button::secondary),
        ]
        .push(self.backup_job.as_ref().map(|job| self.backup_line(job, i18n)))
        .spacing(8);
        let body = column![
            notice(&self.notice, i18n),
            // First on the screen: whether the shop's data is safe is the first thing a manager should see.
            container(backups).padding(12).style(theme::card),
            container(shop).padding(12).style(theme::card),
            container(taxes).padding(12).style(theme::card),
            container(money).padding(12).style(theme::card),
            container(look).padding(12).style(theme::card),
            container(limits).padding(12).style(theme::card),
            container(users).padding(12).style(theme::card),
            container(devices).padding(12).style(theme::card),
            container(qr).padding(12).style(theme::card),
        ]
        .spacing(12)
        .max_width(900);
        body.into()
    }
}
