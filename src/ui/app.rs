//! The top-level state: which screen is showing, the language and theme, the windows, and the routing of every
//! screen's messages and actions.

mod chrome;
mod devices;
pub mod keys;
mod overlays;

pub use overlays::Overlay;

use devices::{clock, scanner_events};

use super::customer;
use super::day::{self as day_screen, DayScreen};
use super::i18n::I18n;
use super::inventory::{self, Inventory};
use super::payment::{self, Payment};
use super::reports::{self, Reports};
use super::returns::{self, Returns};
use super::sale::{self, Sale};
use super::services::Services;
use super::settings::{self as settings_screen, SettingsScreen};
use super::setup::{self, Setup};
use super::stocktake::{self, Stocktake};
use super::sync::{self as sync_panel, SyncPanel};
use super::taxfree::{self as taxfree_dialog, TaxFreeDialog};
use super::theme;
use crate::app::settings::Preferences;
use crate::app::{AppError, printing};
use crate::domain::catalog::Lang;
use crate::domain::currency::{Currency, Rates};
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use chrono::{DateTime, FixedOffset};
use iced::keyboard;
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length, Subscription, Task, Theme, window};

/// Declares an enum and its `ALL` from one list, so a variant added later is in `ALL`, and in every check that
/// walks it, by being declared.
macro_rules! listed {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$doc:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$doc])* $variant),+ }
        impl $name {
            /// Every one, in the order declared.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
        }
    };
}
pub(crate) use listed;

listed! {
    /// The screens of the main window.
    pub enum Screen {
        Setup,
        Sale,
        Payment,
        Returns,
        Inventory,
        Stocktake,
        Settings,
        /// Open and close the business day, count the drawer.
        Day,
        /// Sales by category and artisan.
        Reports,
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Sale(sale::Message),
    Payment(payment::Message),
    /// The tax-free dialog over the finished sale.
    TaxFree(taxfree_dialog::Message),
    Returns(returns::Message),
    Inventory(inventory::Message),
    Stocktake(stocktake::Message),
    Settings(settings_screen::Message),
    Setup(setup::Message),
    /// The sign-in screen.
    Login(super::login::Message),
    /// Lock the till and let another user sign in.
    SwitchUser,
    /// The manager approving an action on the spot.
    ApprovalName(String),
    /// The approving manager's PIN.
    ApprovalPin(String),
    /// Check the manager's PIN and hold the approval for the next action.
    Approve,
    /// The approval, or why not.
    Approved(Result<crate::app::users::Approval, AppError>),
    /// The Day screen.
    Day(day_screen::Message),
    /// The Reports screen.
    Reports(reports::Message),
    /// Switch screen (top bar or F-key).
    Go(Screen),
    /// A key no widget used: F-keys and Escape.
    Keyboard(keyboard::Event),
    /// A key no widget used, with when it came (a wedge scanner types faster than a person).
    Key(keyboard::Event, std::time::Instant),
    /// Cancel the manager approval asked for.
    CancelApproval,
    /// Show or hide the shortcut list (F1).
    Help,
    /// Switch the interface language.
    Lang(Lang),
    /// The clock in the top bar.
    Tick(DateTime<FixedOffset>),
    /// Shop name, preferences, rates and whether a printer is set up, after boot or a settings change.
    Loaded(Result<Loaded, AppError>),
    /// Open or close the customer display.
    ToggleCustomer,
    /// A window opened.
    Opened(window::Id),
    /// A window closed.
    Closed(window::Id),
    /// The tourist picked a currency on the customer display.
    CustomerCurrency(Currency),
    /// A frame was drawn (only listened to for the start-up benchmark).
    FirstFrame,
    /// Queue a print job (or none, just retry the queue) and print what is queued.
    Print(PrintRequest),
    /// The queued jobs are ready to send to this printer.
    PrintPrepared(Result<(printing::Target, Vec<printing::Ready>), AppError>),
    /// What the printer did with each job.
    PrintSent(Vec<(i64, Result<(), String>)>),
    /// The queue after recording the outcome.
    PrintRecorded(Result<printing::QueueReport, AppError>),
    /// A job was queued while another run was printing.
    PrintQueued(Result<(), AppError>),
    /// Something from the serial scanner.
    Scanner(usta_scanner::Event),
    /// How many sales wait for fiscal registration, and the last error.
    FiscalPending(Result<(usize, Option<String>), AppError>),
    /// Register the pending sales now.
    FiscalRetry,
    /// The back office, joining one, and the background sync.
    Sync(sync_panel::Message),
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintRequest {
    /// A stored sale's receipt (a copy when printed before).
    Receipt(i64),
    /// Both copies of a tax-free form.
    TaxFree(i64),
    /// The test page with every Kyrgyz letter.
    Test,
    /// Nothing new: print what is queued.
    Retry,
}

pub struct App {
    pub services: Services,
    pub i18n: I18n,
    pub screen: Screen,
    pub sale: Sale,
    pub payment: Option<Payment>,
    /// The tax-free dialog, open over the finished sale's receipt.
    pub taxfree: Option<TaxFreeDialog>,
    pub returns: Returns,
    pub inventory: Inventory,
    pub stocktake: Stocktake,
    pub settings: SettingsScreen,
    pub setup: Setup,
    pub login: super::login::Login,
    /// When a person last did something at the till, for the auto-lock.
    last_input: DateTime<FixedOffset>,
    auto_lock_minutes: u32,
    has_users: bool,
    approval_name: Option<String>,
    approval_pin: String,
    approval_refused: Option<crate::ui::widgets::Notice>,
    /// Who may approve (managers and admins): the only names the approval strip offers.
    approvers: Vec<String>,
    /// Digits typed while no field had the focus: a wedge scan on its way.
    wedge: keys::Wedge,
    /// The till waits for someone to sign in (the shop has users and no one is signed in).
    pub locked: bool,
    pub day: DayScreen,
    pub reports: Reports,
    pub help: bool,
    dark: bool,
    scale: f32,
    shop: String,
    user: String,
    now: DateTime<FixedOffset>,
    rates: Rates,
    main: Option<window::Id>,
    pub customer: Option<window::Id>,
    customer_currency: Currency,
    /// The amount last paid, shown with thanks on the customer display until the next scan.
    paid: Option<Som>,
    frame_reported: bool,
    /// A printer is set up (receipts print after each sale).
    pub printer: bool,
    printing: bool,
    print_again: bool,
    /// The last print outcome, shown under the top bar.
    pub print_notice: Option<super::widgets::Notice>,
    /// The serial scanner's settings (JSON), when one is set up.
    scanner: Option<String>,
    /// What the scanner last reported about itself (disconnected, a rejected frame).
    pub scanner_notice: Option<super::widgets::Notice>,
    /// Sales not yet registered with the fiscal register (shown with a retry button), and the last error.
    pub fiscal_pending: super::fiscal::Pending,
    /// The shop's payment QR as the customer display shows it (none: not set up).
    pub payment_qr: Option<iced::widget::image::Handle>,
    /// Back office and tills: Settings' section, the join form, the top bar's sync state.
    pub sync: SyncPanel,
}

/// What the app reads from the settings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub shop: String,
    pub preferences: Preferences,
    pub rates: Rates,
    pub printer: bool,
    /// The serial scanner's settings as JSON (the key of its subscription), if one is set up.
    pub scanner: Option<String>,
    /// The shop's payment QR, if one is set up.
    pub payment_qr: Option<crate::app::payment_qr::PaymentQr>,
}

fn load(services: &Services) -> Task<Message> {
    services.task(
        |ctx| {
            let s = crate::app::settings::load(ctx)?;
            let scanner = crate::app::scanner::settings(ctx)?.and_then(|c| serde_json::to_string(&c).ok());
            Ok(Loaded {
                shop: s.shop.name,
                preferences: s.preferences,
                rates: s.rates,
                printer: printing::settings(ctx)?.is_some(),
                scanner,
                payment_qr: crate::app::payment_qr::get(ctx)?,
            })
        },
        Message::Loaded,
    )
}

impl App {
    /// The receipt of a sale or return just made: printed when a printer is set up, queued either way so it
    /// prints once one is.
    fn receipt_after_sale(&mut self, sale_id: i64) -> Task<Message> {
        if self.printer {
            self.update(Message::Print(PrintRequest::Receipt(sale_id)))
        } else {
            self.services.task(
                move |ctx| printing::enqueue_receipt(ctx, sale_id).map(|_| ()),
                Message::PrintQueued,
            )
        }
    }

    /// The state and its first tasks, without opening windows (the headless tests start here).
    pub fn new(services: Services) -> (App, Task<Message>) {
        let has_shop = services.call(|ctx| Ok(ctx.store.has_shop()?)).unwrap_or(false);
        let now = services.now();
        let app = App {
            i18n: I18n::new(Lang::Ky),
            screen: if has_shop { Screen::Sale } else { Screen::Setup },
            sale: Sale::default(),
            payment: None,
            taxfree: None,
            returns: Returns::default(),
            inventory: Inventory::default(),
            stocktake: Stocktake::default(),
            settings: SettingsScreen::default(),
            setup: Setup::default(),
            login: super::login::Login::default(),
            last_input: now,
            auto_lock_minutes: 0,
            has_users: false,
            approval_name: None,
            approval_pin: String::new(),
            approval_refused: None,
            approvers: Vec::new(),
            wedge: keys::Wedge::default(),
            locked: false,
            day: DayScreen::default(),
            reports: Reports::default(),
            help: false,
            dark: false,
            scale: 1.0,
            shop: String::new(),
            user: String::new(),
            now,
            rates: Rates::default(),
            main: None,
            customer: None,
            customer_currency: Currency::Usd,
            paid: None,
            frame_reported: false,
            printer: false,
            printing: false,
            print_again: false,
            print_notice: None,
            scanner: None,
            scanner_notice: None,
            fiscal_pending: (0, None),
            payment_qr: None,
            sync: SyncPanel::default(),
            services,
        };
        let has_users = app
            .services
            .call(|ctx| Ok(!crate::app::users::names(ctx)?.is_empty()))
            .unwrap_or(false);
        let mut app = app;
        app.has_users = has_users;
        app.approvers = app
            .services
            .call(|ctx| crate::app::users::approvers(ctx))
            .unwrap_or_default();
        let sign_in = if has_shop && has_users {
            // A shop with users opens locked; until someone signs in, use cases run as a nameless cashier.
            app.lock()
        } else {
            Task::none()
        };
        let task = if has_shop {
            Task::batch([
                sign_in,
                load(&app.services),
                Sale::boot(&app.services).map(Message::Sale),
                super::fiscal::pending(&app.services, Message::FiscalPending),
                SyncPanel::boot(&app.services).map(Message::Sync),
            ])
        } else {
            Task::none()
        };
        (app, task)
    }

    /// Boots the real program: state plus the main window.
    pub fn boot(services: Services) -> (App, Task<Message>) {
        let (mut app, task) = App::new(services);
        let (id, open) = window::open(window::Settings {
            size: iced::Size::new(1280.0, 800.0),
            min_size: Some(iced::Size::new(960.0, 600.0)),
            icon: super::icon(),
            ..window::Settings::default()
        });
        app.main = Some(id);
        (app, Task::batch([task, open.map(Message::Opened)]))
    }

    pub fn title(&self, window: window::Id) -> String {
        if Some(window) == self.customer {
            return "Usta — customer display".to_string();
        }
        if self.shop.is_empty() {
            "Usta".to_string()
        } else {
            format!("Usta — {}", self.shop)
        }
    }

    pub fn theme(&self, _window: window::Id) -> Theme {
        if self.dark { theme::dark() } else { theme::light() }
    }

    pub fn scale_factor(&self, window: window::Id) -> f32 {
        if Some(window) == self.customer { 1.0 } else { self.scale }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let first_frame = if super::report_first_frame() && !self.frame_reported {
            window::frames().map(|_| Message::FirstFrame)
        } else {
            Subscription::none()
        };
        let scanner = match &self.scanner {
            Some(config) => Subscription::run_with(config.clone(), scanner_events).map(Message::Scanner),
            None => Subscription::none(),
        };
        Subscription::batch([
            scanner,
            iced::event::listen_with(|event, status, _| match (event, status) {
                (iced::Event::Keyboard(e), iced::event::Status::Ignored) => {
                    Some(Message::Key(e, std::time::Instant::now()))
                }
                _ => None,
            }),
            window::close_events().map(Message::Closed),
            Subscription::run(clock).map(Message::Tick),
            first_frame,
        ])
    }

    /// The tax-free dialog for a receipt, over the current screen (the finished sale, or a receipt looked up).
    fn open_taxfree(&mut self, receipt_no: i64) -> Task<Message> {
        let (dialog, task) = TaxFreeDialog::new(receipt_no, &self.services);
        self.taxfree = Some(dialog);
        task.map(Message::TaxFree)
    }

    /// Locks the till: the sign-in screen shows, and nothing runs with the last user's rights.
    fn lock(&mut self) -> Task<Message> {
        self.locked = true;
        self.services.clear_approval();
        self.services.sign_in(crate::domain::user::Actor {
            id: None,
            name: String::new(),
            role: crate::domain::user::Role::Cashier,
        });
        self.login.start(&self.services).map(Message::Login)
    }

    fn go(&mut self, screen: Screen) -> Task<Message> {
        if self.locked {
            return Task::none();
        }
        self.taxfree = None;
        if self.screen == Screen::Setup {
            return Task::none();
        }
        if self.screen == Screen::Payment
            && screen != Screen::Payment
            && self.payment.as_ref().is_some_and(|p| p.done.is_some())
        {
            self.payment = None;
        }
        if screen == Screen::Payment {
            return self.update(Message::Sale(sale::Message::Pay));
        }
        if screen != self.screen {
            // An approval asked for on one screen is not carried to the next.
            self.services.cancel_request();
        }
        self.screen = screen;
        self.help = false;
        match screen {
            Screen::Sale => Task::batch([sale::focus(), Sale::reload_quick(&self.services).map(Message::Sale)]),
            Screen::Returns => Returns::focus(),
            Screen::Inventory => self.inventory.enter(&self.services).map(Message::Inventory),
            Screen::Stocktake => Stocktake::focus(),
            Screen::Settings => SettingsScreen::load(&self.services).map(Message::Settings),
            Screen::Day => DayScreen::load(&self.services).map(Message::Day),
            Screen::Reports => self.reports.load(&self.services).map(Message::Reports),
            Screen::Setup | Screen::Payment => Task::none(),
        }
    }

    fn set_lang(&mut self, lang: Lang) {
        self.i18n = I18n::new(lang);
        self.services.set_lang(lang);
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        // What a person does keeps the till unlocked; clocks, scans and finished tasks do not count.
        if matches!(
            message,
            Message::Keyboard(_)
                | Message::Key(..)
                | Message::Go(_)
                | Message::Lang(_)
                | Message::Help
                | Message::SwitchUser
        ) || matches!(&message, Message::Sale(m) if !matches!(m, sale::Message::Saved(_) | sale::Message::Context(_)))
            || matches!(
                message,
                Message::Payment(_)
                    | Message::Returns(_)
                    | Message::Inventory(_)
                    | Message::Stocktake(_)
                    | Message::Settings(_)
            )
        {
            self.last_input = self.services.now();
        }
        match message {
            Message::Sale(m) => {
                if matches!(m, sale::Message::Found(_, Ok(_)) | sale::Message::Pick(_)) {
                    self.paid = None;
                }
                match self.sale.update(m, &self.services) {
                    sale::Action::None => Task::none(),
                    sale::Action::Run(t) => t.map(Message::Sale),
                    sale::Action::Pay(cart) => {
                        let (payment, task) = Payment::new(cart, &self.services);
                        self.payment = Some(payment);
                        self.screen = Screen::Payment;
                        task.map(Message::Payment)
                    }
                }
            }
            Message::Payment(m) => {
                let Some(payment) = &mut self.payment else {
                    return Task::none();
                };
                match payment.update(m, &self.services) {
                    payment::Action::None => Task::none(),
                    payment::Action::Run(t) => t.map(Message::Payment),
                    payment::Action::Back => {
                        self.payment = None;
                        self.screen = Screen::Sale;
                        sale::focus()
                    }
                    payment::Action::Completed(sale) => {
                        self.paid = Some(sale.total + sale.rounding);
                        let clear = self.sale.clear(&self.services).map(Message::Sale);
                        let fiscal = super::fiscal::pending(&self.services, Message::FiscalPending);
                        match sale.id {
                            Some(id) => Task::batch([clear, fiscal, self.receipt_after_sale(id)]),
                            None => Task::batch([clear, fiscal]),
                        }
                    }
                    payment::Action::Reprint(id) => self.update(Message::Print(PrintRequest::Receipt(id))),
                    payment::Action::TaxFree(no) => self.open_taxfree(no),
                    payment::Action::NewSale => {
                        // The next customer sees nothing of the last sale: no notice, no approval waiting.
                        self.sale.notice = None;
                        self.services.cancel_request();
                        self.taxfree = None;
                        self.payment = None;
                        self.screen = Screen::Sale;
                        sale::focus()
                    }
                }
            }
            Message::TaxFree(m) => {
                let Some(dialog) = &mut self.taxfree else {
                    return Task::none();
                };
                match dialog.update(m, &self.services) {
                    taxfree_dialog::Action::None => Task::none(),
                    taxfree_dialog::Action::Run(t) => t.map(Message::TaxFree),
                    taxfree_dialog::Action::Print(id) => self.update(Message::Print(PrintRequest::TaxFree(id))),
                    taxfree_dialog::Action::Close => {
                        self.taxfree = None;
                        Task::none()
                    }
                }
            }
            Message::FiscalPending(result) => {
                match result {
                    Ok(pending) => self.fiscal_pending = pending,
                    Err(e) => self.print_notice = Some(super::widgets::Notice::error(&e)),
                }
                Task::none()
            }
            Message::FiscalRetry => super::fiscal::retry(&self.services, Message::FiscalPending),
            Message::Returns(returns::Message::TaxFree(no)) => self.open_taxfree(no),
            Message::Returns(returns::Message::PrintForm(id)) => self.update(Message::Print(PrintRequest::TaxFree(id))),
            Message::Returns(m) => {
                // A return's receipt prints like a sale's (its original opens the drawer for a cash refund).
                let printed = match &m {
                    returns::Message::Done(Ok(done)) => done.sale.id,
                    _ => None,
                };
                let task = self.returns.update(m, &self.services).map(Message::Returns);
                match printed {
                    Some(id) => Task::batch([task, self.receipt_after_sale(id)]),
                    None => task,
                }
            }
            Message::Inventory(m) => {
                // Labels queued from the product form print through the window's one print run.
                let print = matches!(m, inventory::Message::LabelsQueued(Ok((_, true))));
                let task = self.inventory.update(m, &self.services).map(Message::Inventory);
                if print {
                    Task::batch([task, self.update(Message::Print(PrintRequest::Retry))])
                } else {
                    task
                }
            }
            Message::Stocktake(m) => self.stocktake.update(m, &self.services).map(Message::Stocktake),
            Message::Day(m) => match self.day.update(m, &self.services) {
                day_screen::Action::None => Task::none(),
                day_screen::Action::Run(t) => t.map(Message::Day),
                day_screen::Action::Print(t) if self.printer => {
                    Task::batch([t.map(Message::Day), self.update(Message::Print(PrintRequest::Retry))])
                }
                day_screen::Action::Print(t) => t.map(Message::Day),
            },
            Message::Reports(m) => self.reports.update(m, &self.services).map(Message::Reports),
            // A new payment QR goes to the customer display at once.
            Message::Settings(settings_screen::Message::Qr(super::payment_qr::Message::Saved(Ok(qr)))) => {
                self.payment_qr = qr.as_ref().and_then(super::payment_qr::picture);
                let saved = super::payment_qr::Message::Saved(Ok(qr));
                self.update(Message::Settings(settings_screen::Message::QrShown(saved)))
            }
            Message::Settings(m) => match self.settings.update(m, &self.services) {
                settings_screen::Action::None => Task::none(),
                settings_screen::Action::Run(t) => t.map(Message::Settings),
                settings_screen::Action::Applied(s) => {
                    self.set_lang(s.preferences.lang);
                    self.dark = s.preferences.dark;
                    self.scale = s.preferences.scale;
                    self.shop = s.shop.name.clone();
                    self.rates = s.rates.clone();
                    Task::batch([load(&self.services), Sale::boot(&self.services).map(Message::Sale)])
                }
                settings_screen::Action::TestPrint => self.update(Message::Print(PrintRequest::Test)),
            },
            Message::Setup(m) => match self.setup.update(m, &self.services) {
                setup::Action::None => Task::none(),
                setup::Action::Run(t) => t.map(Message::Setup),
                setup::Action::Ready(lang) => {
                    self.set_lang(lang);
                    self.screen = Screen::Sale;
                    Task::batch([load(&self.services), Sale::boot(&self.services).map(Message::Sale)])
                }
            },
            Message::Login(m) => match self.login.update(m, &self.services) {
                super::login::Action::None => Task::none(),
                super::login::Action::Run(t) => t.map(Message::Login),
                super::login::Action::SignedIn(actor) => {
                    self.services.clear_approval();
                    self.user = actor.name.clone();
                    self.services.sign_in(actor);
                    self.locked = false;
                    self.screen = Screen::Sale;
                    self.approvers = self
                        .services
                        .call(|ctx| crate::app::users::approvers(ctx))
                        .unwrap_or_default();
                    sale::focus()
                }
            },
            Message::SwitchUser => self.lock(),
            Message::ApprovalName(name) => {
                self.approval_name = Some(name);
                Task::none()
            }
            Message::ApprovalPin(pin) => {
                self.approval_pin = pin.chars().filter(char::is_ascii_digit).take(8).collect();
                Task::none()
            }
            Message::Approve => {
                let Some(name) = self.approval_name.clone() else {
                    return Task::none();
                };
                let pin = std::mem::take(&mut self.approval_pin);
                self.services.task(
                    move |ctx| crate::app::users::approve(ctx, &name, &pin),
                    Message::Approved,
                )
            }
            Message::Approved(result) => {
                match result {
                    Ok(approval) => {
                        self.approval_refused = None;
                        self.approval_name = None;
                        self.services.give_approval(approval);
                        // The sale screen does again what waited for the approval (a discount over the limit).
                        if self.screen == Screen::Sale {
                            return self.update(Message::Sale(sale::Message::Retry));
                        }
                    }
                    Err(e) => {
                        self.approval_refused = Some(crate::ui::login::refusal(&e));
                        return Task::none();
                    }
                }
                self.refocus()
            }
            Message::Go(screen) => self.go(screen),
            Message::Keyboard(event) => self.on_key(event, None),
            Message::Key(event, at) => self.on_key(event, Some(at)),
            Message::CancelApproval => self.cancel_approval(),
            Message::Help => {
                self.help = !self.help;
                Task::none()
            }
            Message::Lang(lang) => {
                self.set_lang(lang);
                self.refocus()
            }
            Message::Tick(now) => {
                self.now = now;
                let idle = now.signed_duration_since(self.last_input);
                if !self.locked
                    && self.auto_lock_minutes > 0
                    && self.has_users
                    && idle >= chrono::TimeDelta::minutes(i64::from(self.auto_lock_minutes))
                {
                    return self.lock();
                }
                self.sync.tick(now, &self.services).map(Message::Sync)
            }
            Message::Sync(m) => {
                let task = match self.sync.update(m, &self.services) {
                    sync_panel::Action::None => Task::none(),
                    sync_panel::Action::Run(t) => t.map(Message::Sync),
                    sync_panel::Action::Joined => {
                        let start = self.update(Message::Setup(setup::Message::Done(Ok(self.i18n.lang()))));
                        // The join brought the back office's users: whoever runs the window signs in as one of
                        // them (the first start's session is nobody's and is not carried over).
                        self.has_users = self
                            .services
                            .call(|ctx| Ok(!crate::app::users::names(ctx)?.is_empty()))
                            .unwrap_or(false);
                        self.approvers = self
                            .services
                            .call(|ctx| crate::app::users::approvers(ctx))
                            .unwrap_or_default();
                        let sign_in = match self.has_users {
                            true => self.lock(),
                            false => Task::none(),
                        };
                        Task::batch([start, sign_in, SyncPanel::boot(&self.services).map(Message::Sync)])
                    }
                };
                self.inventory.master_at = self.sync.master_at();
                self.settings.master_at = self.sync.master_at();
                task
            }
            Message::Loaded(result) => {
                match result {
                    Ok(loaded) => {
                        self.printer = loaded.printer;
                        self.scanner = loaded.scanner;
                        self.shop = loaded.shop;
                        self.set_lang(loaded.preferences.lang);
                        self.dark = loaded.preferences.dark;
                        self.scale = loaded.preferences.scale;
                        self.auto_lock_minutes = loaded.preferences.auto_lock_minutes;
                        if !self.has_users {
                            self.user = loaded.preferences.admin;
                        }
                        self.rates = loaded.rates;
                        self.payment_qr = loaded.payment_qr.as_ref().and_then(super::payment_qr::picture);
                    }
                    Err(e) => self.sale.notice = Some(super::widgets::Notice::error(&e)),
                }
                Task::none()
            }
            Message::ToggleCustomer => match self.customer.take() {
                Some(id) => window::close(id),
                None => {
                    let (id, open) = window::open(window::Settings {
                        size: iced::Size::new(900.0, 600.0),
                        icon: super::icon(),
                        ..window::Settings::default()
                    });
                    self.customer = Some(id);
                    open.map(Message::Opened)
                }
            },
            Message::Opened(_) => sale::focus(),
            Message::Closed(id) => {
                if Some(id) == self.customer {
                    self.customer = None;
                    Task::none()
                } else if Some(id) == self.main {
                    iced::exit()
                } else {
                    Task::none()
                }
            }
            Message::Print(request) => {
                let enqueue = move |ctx: &mut crate::app::Ctx<'_>| match request {
                    PrintRequest::Receipt(id) => printing::enqueue_receipt(ctx, id).map(Some),
                    PrintRequest::Test => printing::enqueue_test(ctx).map(|_| None),
                    PrintRequest::TaxFree(id) => crate::app::taxfree::enqueue_print(ctx, id).map(|_| None),
                    PrintRequest::Retry => Ok(None),
                };
                if self.printing {
                    // One run at a time, so no job prints twice; this one goes out when the current run ends.
                    self.print_again = true;
                    return self
                        .services
                        .task(move |ctx| enqueue(ctx).map(|_| ()), Message::PrintQueued);
                }
                self.printing = true;
                self.services.task(
                    move |ctx| {
                        // A receipt just asked for goes first, with the short deadline; older jobs follow.
                        let first = enqueue(ctx)?;
                        let target = printing::target(ctx, None, None)?;
                        let ready = printing::prepare_first(ctx, &target, first)?;
                        Ok((target, ready))
                    },
                    Message::PrintPrepared,
                )
            }
            Message::PrintPrepared(result) => match result {
                Ok((target, ready)) => {
                    // The printer may take seconds (or time out): the store is not held meanwhile.
                    Task::perform(async move { printing::send(&target, &ready) }, Message::PrintSent)
                }
                Err(e) => {
                    self.printing = false;
                    self.print_notice = Some(super::widgets::Notice::error(&e));
                    Task::none()
                }
            },
            Message::PrintSent(results) => self
                .services
                .task(move |ctx| printing::record(ctx, &results), Message::PrintRecorded),
            Message::Scanner(event) => self.scanner_event(event),
            Message::PrintQueued(result) => {
                if let Err(e) = result {
                    self.print_notice = Some(super::widgets::Notice::error(&e));
                }
                Task::none()
            }
            Message::PrintRecorded(result) => {
                self.printing = false;
                self.print_notice = Some(match result {
                    Ok(report) => match report.failed {
                        Some((_, error)) => super::widgets::Notice::new(theme::Tone::Bad, "print-failed")
                            .with("reason", error)
                            .with("count", report.still_queued.to_string()),
                        None => super::widgets::Notice::new(theme::Tone::Good, "printed")
                            .with("count", report.printed.len().to_string()),
                    },
                    Err(e) => super::widgets::Notice::error(&e),
                });
                if std::mem::take(&mut self.print_again) {
                    return self.update(Message::Print(PrintRequest::Retry));
                }
                Task::none()
            }
            Message::FirstFrame => {
                if self.frame_reported {
                    return Task::none();
                }
                self.frame_reported = true;
                println!("{}", super::startup_report());
                iced::exit()
            }
            Message::CustomerCurrency(c) => {
                self.customer_currency = c;
                Task::none()
            }
        }
    }

    pub fn view(&self, window: window::Id) -> Element<'_, Message> {
        if Some(window) == self.customer {
            // A QR payment being taken shows the shop's code and what is due.
            let qr = self
                .payment
                .as_ref()
                .filter(|p| self.screen == Screen::Payment && p.done.is_none() && p.kind() == PaymentKind::Qr)
                .map(|p| customer::QrDue {
                    picture: self.payment_qr.as_ref(),
                    due: p.remaining(),
                });
            let display = customer::Display {
                cart: &self.sale.cart,
                rates: &self.rates,
                currency: self.customer_currency,
                paid: self.paid.filter(|_| self.sale.cart.is_empty()),
                qr,
                i18n: &self.i18n,
                day: self.services.now().date_naive(),
            };
            return customer::view(display, Message::CustomerCurrency);
        }
        self.view_main()
    }

    /// The main window's content.
    pub fn view_main(&self) -> Element<'_, Message> {
        let i18n = &self.i18n;
        let body: Element<'_, Message> = if self.help {
            self.help_view()
        } else if let Some(dialog) = &self.taxfree {
            dialog.view(i18n).map(Message::TaxFree)
        } else {
            match self.screen {
                // Beside the demo and the set-up, not under them: the set-up form keeps its full height.
                Screen::Setup => row![
                    self.setup.view(i18n).map(Message::Setup),
                    container(self.sync.join_view(i18n).map(Message::Sync))
                        .padding(24)
                        .center_y(Length::Fill),
                ]
                .into(),
                Screen::Sale => self.sale.view(i18n).map(Message::Sale),
                Screen::Payment => match &self.payment {
                    Some(p) => p.view(i18n).map(Message::Payment),
                    None => self.sale.view(i18n).map(Message::Sale),
                },
                Screen::Returns => self.returns.view(i18n).map(Message::Returns),
                Screen::Inventory => self.inventory.view(i18n).map(Message::Inventory),
                Screen::Stocktake => self.stocktake.view(i18n).map(Message::Stocktake),
                Screen::Settings => iced::widget::scrollable(
                    container(
                        column![
                            container(self.sync.settings_view(i18n).map(Message::Sync)).max_width(900),
                            self.settings.body(i18n).map(Message::Settings),
                        ]
                        .spacing(12),
                    )
                    .padding(16)
                    .width(Length::Fill),
                )
                .into(),
                Screen::Day => self.day.view(i18n).map(Message::Day),
                Screen::Reports => self.reports.view(i18n).map(Message::Reports),
            }
        };
        if self.screen == Screen::Setup {
            return body;
        }
        if self.locked {
            return self.login.view(i18n).map(Message::Login);
        }
        let mut page = column![self.top_bar()];
        if let Some(n) = &self.print_notice {
            let mut strip = row![text(n.text(i18n)).size(theme::SMALL).width(Length::Fill)]
                .spacing(8)
                .align_y(Alignment::Center);
            if n.tone == theme::Tone::Bad {
                strip = strip.push(
                    button(text(i18n.tr("retry-print")).size(theme::SMALL))
                        .style(button::secondary)
                        .on_press(Message::Print(PrintRequest::Retry)),
                );
            }
            page = page.push(
                container(strip)
                    .padding([6, 12])
                    .width(Length::Fill)
                    .style(theme::notice(n.tone)),
            );
        }
        if let Some(strip) = super::fiscal::banner(&self.fiscal_pending, i18n, Message::FiscalRetry) {
            page = page.push(strip);
        }
        if let Some(n) = &self.scanner_notice {
            page = page.push(
                container(text(n.text(i18n)).size(theme::SMALL))
                    .padding([6, 12])
                    .width(Length::Fill)
                    .style(theme::notice(n.tone)),
            );
        }
        let page = page.push(container(body).height(Length::Fill));
        match self.approval_strip() {
            // Over the screen's bottom edge, not above it: nothing moves under the cashier's finger when a
            // manager is asked for.
            Some(strip) => iced::widget::stack![
                page,
                container(container(strip).max_width(820.0))
                    .align_bottom(Length::Fill)
                    .align_left(Length::Fill)
                    .padding(12),
            ]
            .into(),
            None => page.into(),
        }
    }
}
