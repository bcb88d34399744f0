//! The top-level state: which screen is showing, the language and theme, the windows, and the routing of every
//! screen's messages and actions.

use super::customer;
use super::i18n::I18n;
use super::inventory::{self, Inventory};
use super::payment::{self, Payment};
use super::returns::{self, Returns};
use super::sale::{self, Sale};
use super::services::Services;
use super::settings::{self as settings_screen, SettingsScreen};
use super::setup::{self, Setup};
use super::stocktake::{self, Stocktake};
use super::theme;
use crate::app::AppError;
use crate::app::settings::Preferences;
use crate::domain::catalog::Lang;
use crate::domain::currency::{Currency, Rates};
use crate::domain::money::Som;
use chrono::{DateTime, FixedOffset};
use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, column, container, row, space, text};
use iced::{Alignment, Element, Length, Subscription, Task, Theme, window};

/// The screens of the main window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Setup,
    Sale,
    Payment,
    Returns,
    Inventory,
    Stocktake,
    Settings,
}

#[derive(Debug, Clone)]
pub enum Message {
    Sale(sale::Message),
    Payment(payment::Message),
    Returns(returns::Message),
    Inventory(inventory::Message),
    Stocktake(stocktake::Message),
    Settings(settings_screen::Message),
    Setup(setup::Message),
    /// Switch screen (top bar or F-key).
    Go(Screen),
    /// A key no widget used: F-keys and Escape.
    Keyboard(keyboard::Event),
    /// Show or hide the shortcut list (F1).
    Help,
    /// Switch the interface language.
    Lang(Lang),
    /// The clock in the top bar.
    Tick(DateTime<FixedOffset>),
    /// Shop name, preferences and rates after boot or a settings change.
    Loaded(Result<(String, Preferences, Rates), AppError>),
    /// Open or close the customer display.
    ToggleCustomer,
    /// A window opened.
    Opened(window::Id),
    /// A window closed.
    Closed(window::Id),
    /// The tourist picked a currency on the customer display.
    CustomerCurrency(Currency),
}

pub struct App {
    pub services: Services,
    pub i18n: I18n,
    pub screen: Screen,
    pub sale: Sale,
    pub payment: Option<Payment>,
    pub returns: Returns,
    pub inventory: Inventory,
    pub stocktake: Stocktake,
    pub settings: SettingsScreen,
    pub setup: Setup,
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
}

fn load(services: &Services) -> Task<Message> {
    services.task(
        |ctx| {
            let s = crate::app::settings::load(ctx)?;
            Ok((s.shop.name, s.preferences, s.rates))
        },
        Message::Loaded,
    )
}

impl App {
    /// The state and its first tasks, without opening windows (the headless tests start here).
    pub fn new(services: Services) -> (App, Task<Message>) {
        let has_shop = services.call(|ctx| Ok(ctx.store.has_shop()?)).unwrap_or(false);
        let now = services.now();
        let app = App {
            i18n: I18n::new(Lang::Ky),
            screen: if has_shop { Screen::Sale } else { Screen::Setup },
            sale: Sale::default(),
            payment: None,
            returns: Returns::default(),
            inventory: Inventory::default(),
            stocktake: Stocktake::default(),
            settings: SettingsScreen::default(),
            setup: Setup::default(),
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
            services,
        };
        let task = if has_shop {
            Task::batch([load(&app.services), Sale::boot(&app.services).map(Message::Sale)])
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
        Subscription::batch([
            keyboard::listen().map(Message::Keyboard),
            window::close_events().map(Message::Closed),
            Subscription::run(clock).map(Message::Tick),
        ])
    }

    fn go(&mut self, screen: Screen) -> Task<Message> {
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
        self.screen = screen;
        self.help = false;
        match screen {
            Screen::Sale => sale::focus(),
            Screen::Returns => Returns::focus(),
            Screen::Inventory => self.inventory.refresh(&self.services).map(Message::Inventory),
            Screen::Stocktake => Stocktake::focus(),
            Screen::Settings => SettingsScreen::load(&self.services).map(Message::Settings),
            Screen::Setup | Screen::Payment => Task::none(),
        }
    }

    fn set_lang(&mut self, lang: Lang) {
        self.i18n = I18n::new(lang);
        self.services.set_lang(lang);
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
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
                        self.sale.clear(&self.services).map(Message::Sale)
                    }
                    payment::Action::NewSale => {
                        self.payment = None;
                        self.screen = Screen::Sale;
                        sale::focus()
                    }
                }
            }
            Message::Returns(m) => self.returns.update(m, &self.services).map(Message::Returns),
            Message::Inventory(m) => self.inventory.update(m, &self.services).map(Message::Inventory),
            Message::Stocktake(m) => self.stocktake.update(m, &self.services).map(Message::Stocktake),
            Message::Settings(m) => match self.settings.update(m, &self.services) {
                settings_screen::Action::None => Task::none(),
                settings_screen::Action::Run(t) => t.map(Message::Settings),
                settings_screen::Action::Applied(s) => {
                    self.set_lang(s.preferences.lang);
                    self.dark = s.preferences.dark;
                    self.scale = s.preferences.scale;
                    self.shop = s.shop.name.clone();
                    self.rates = s.rates.clone();
                    Sale::boot(&self.services).map(Message::Sale)
                }
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
            Message::Go(screen) => self.go(screen),
            Message::Keyboard(keyboard::Event::KeyPressed {
                key: Key::Named(named), ..
            }) => {
                let screen = match named {
                    Named::F1 => return self.update(Message::Help),
                    Named::F2 => Screen::Sale,
                    Named::F3 => Screen::Payment,
                    Named::F4 => Screen::Returns,
                    Named::F5 => Screen::Inventory,
                    Named::F6 => Screen::Stocktake,
                    Named::F7 => Screen::Settings,
                    Named::F8 => return self.update(Message::ToggleCustomer),
                    Named::Escape => {
                        if self.help {
                            self.help = false;
                            return Task::none();
                        }
                        if self.screen == Screen::Payment {
                            return self.update(Message::Payment(payment::Message::Back));
                        }
                        Screen::Sale
                    }
                    Named::Enter if self.payment.as_ref().is_some_and(|p| p.done.is_some()) => {
                        return self.update(Message::Payment(payment::Message::NewSale));
                    }
                    _ => return Task::none(),
                };
                self.go(screen)
            }
            Message::Keyboard(_) => Task::none(),
            Message::Help => {
                self.help = !self.help;
                Task::none()
            }
            Message::Lang(lang) => {
                self.set_lang(lang);
                Task::none()
            }
            Message::Tick(now) => {
                self.now = now;
                Task::none()
            }
            Message::Loaded(result) => {
                match result {
                    Ok((shop, prefs, rates)) => {
                        self.shop = shop;
                        self.set_lang(prefs.lang);
                        self.dark = prefs.dark;
                        self.scale = prefs.scale;
                        self.user = prefs.admin;
                        self.rates = rates;
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
            Message::CustomerCurrency(c) => {
                self.customer_currency = c;
                Task::none()
            }
        }
    }

    pub fn view(&self, window: window::Id) -> Element<'_, Message> {
        if Some(window) == self.customer {
            let display = customer::Display {
                cart: &self.sale.cart,
                rates: &self.rates,
                currency: self.customer_currency,
                paid: self.paid.filter(|_| self.sale.cart.is_empty()),
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
        } else {
            match self.screen {
                Screen::Setup => self.setup.view(i18n).map(Message::Setup),
                Screen::Sale => self.sale.view(i18n).map(Message::Sale),
                Screen::Payment => match &self.payment {
                    Some(p) => p.view(i18n).map(Message::Payment),
                    None => self.sale.view(i18n).map(Message::Sale),
                },
                Screen::Returns => self.returns.view(i18n).map(Message::Returns),
                Screen::Inventory => self.inventory.view(i18n).map(Message::Inventory),
                Screen::Stocktake => self.stocktake.view(i18n).map(Message::Stocktake),
                Screen::Settings => self.settings.view(i18n).map(Message::Settings),
            }
        };
        if self.screen == Screen::Setup {
            return body;
        }
        column![self.top_bar(), container(body).height(Length::Fill)].into()
    }

    fn top_bar(&self) -> Element<'_, Message> {
        let i18n = &self.i18n;
        let nav = |screen: Screen, key: &str, f: &'static str| {
            let active = self.screen == screen || (screen == Screen::Sale && self.screen == Screen::Payment);
            button(
                container(
                    row![text(i18n.tr(key)).size(theme::TEXT), text(f).size(theme::SMALL - 3.0)]
                        .spacing(4)
                        .align_y(Alignment::Center),
                )
                .center_y(Length::Fill),
            )
            .height(44)
            .padding([0, 10])
            .style(theme::nav(active))
            .on_press(Message::Go(screen))
        };
        let lang = |l: Lang, label: &'static str| {
            button(container(text(label).size(theme::SMALL)).center_y(Length::Fill))
                .height(44)
                .padding([0, 8])
                .style(theme::nav(self.i18n.lang() == l))
                .on_press(Message::Lang(l))
        };
        container(
            row![
                nav(Screen::Sale, "nav-sale", "F2"),
                nav(Screen::Returns, "nav-returns", "F4"),
                nav(Screen::Inventory, "nav-inventory", "F5"),
                nav(Screen::Stocktake, "nav-stocktake", "F6"),
                nav(Screen::Settings, "nav-settings", "F7"),
                space::horizontal(),
                button(container(text(i18n.tr("customer-display")).size(theme::SMALL)).center_y(Length::Fill))
                    .height(44)
                    .width(Length::Shrink)
                    .padding([0, 8])
                    .style(theme::nav(self.customer.is_some()))
                    .on_press(Message::ToggleCustomer),
                text(self.user.clone()).size(theme::SMALL),
                text(self.now.format("%d.%m %H:%M").to_string())
                    .size(theme::SMALL)
                    .wrapping(text::Wrapping::None),
                lang(Lang::Ky, "KY"),
                lang(Lang::Ru, "RU"),
                lang(Lang::En, "EN"),
                button(container(text("?").size(theme::TEXT)).center_y(Length::Fill))
                    .height(44)
                    .padding([0, 14])
                    .style(theme::nav(self.help))
                    .on_press(Message::Help),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        )
        .padding([4, 8])
        .style(theme::bar)
        .into()
    }

    fn help_view(&self) -> Element<'_, Message> {
        let i18n = &self.i18n;
        let keys = [
            ("F1", "help"),
            ("F2", "nav-sale"),
            ("F3", "pay"),
            ("F4", "nav-returns"),
            ("F5", "nav-inventory"),
            ("F6", "nav-stocktake"),
            ("F7", "nav-settings"),
            ("F8", "customer-display"),
            ("Enter", "help-enter"),
            ("Esc", "help-escape"),
        ];
        let list = keys.iter().fold(
            column![text(i18n.tr("shortcuts")).size(theme::BIG)].spacing(10),
            |c, (k, key)| {
                c.push(
                    row![
                        text(*k).size(theme::TEXT).width(90),
                        text(i18n.tr(key)).size(theme::TEXT)
                    ]
                    .spacing(16),
                )
            },
        );
        container(container(list).padding(24).style(theme::card))
            .padding(24)
            .into()
    }
}

/// A tick every 15 seconds for the clock in the top bar, from a thread of its own so no pool worker sleeps.
fn clock() -> impl iced::futures::Stream<Item = DateTime<FixedOffset>> {
    let (mut tx, rx) = iced::futures::channel::mpsc::channel(1);
    std::thread::spawn(move || {
        loop {
            if tx.try_send(crate::cli::shop_now()).is_err() && tx.is_closed() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_secs(15));
        }
    });
    rx
}
