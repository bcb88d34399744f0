//! Use cases: what a cashier or manager does, joining the domain rules, the store and (later) devices. The CLI
//! and the GUI call these and nothing below them.

pub mod artisan_text;
pub mod artisans;
pub mod backup;
pub mod catalog;
pub mod checkout;
pub mod day;
pub mod day_text;
pub mod demo;
pub mod feed;
pub mod fiscal;
pub mod input;
pub mod instance;
pub mod inventory;
pub mod ledger;
pub mod locations;
pub mod master;
pub mod output;
pub mod payment_qr;
pub mod permissions;
pub mod photos;
pub mod pool;
pub mod printing;
pub mod progress;
pub mod quick_keys;
pub mod rates;
pub mod receipt_text;
pub mod refusal;
pub mod reports;
pub mod returns;
pub mod scanner;
pub mod settings;
pub mod stock;
pub mod sync;
pub mod taxfree;
pub mod taxfree_text;
pub mod till;
pub mod users;
pub mod xlsx;

use crate::domain::barcode::BarcodeError;
use crate::domain::cart::CartError;
use crate::domain::catalog::{CatalogError, Lang};
use crate::domain::mrz::MrzError;
use crate::domain::payment::PaymentError;
use crate::domain::returns::ReturnError;
use crate::domain::sale::SaleError;
use crate::domain::stock::StockError;
use crate::domain::tax::TaxError;
use crate::domain::tax_free::{Refusal, SchemeError};
use crate::domain::user::Actor;
use crate::store::Store;
/// The store's errors reach the window inside [`AppError`]; the window names them from here, never from `store`.
pub use crate::store::StoreError;
use chrono::{DateTime, FixedOffset};

/// Why a use case refused or failed. Cloneable so it can travel in GUI messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("unknown barcode {0}: no product has this code")]
    UnknownBarcode(String),
    #[error("receipt {0} not found on register {1}")]
    ReceiptNotFound(i64, String),
    #[error("{file}: row {row}, column {column}: {message}")]
    Import {
        file: String,
        row: usize,
        column: String,
        message: String,
    },
    /// Input refused for a named reason (said in the user's language in the window).
    #[error(transparent)]
    Invalid(#[from] input::InputProblem),
    /// A file or folder a command did not write.
    #[error(transparent)]
    Write(#[from] refusal::WriteRefusal),
    /// A picture that was not taken as a photo.
    #[error(transparent)]
    Photo(#[from] refusal::PhotoRefusal),
    /// A file or folder that could not be used (read, created, locked, restored).
    #[error(transparent)]
    File(#[from] refusal::FileProblem),
    /// A sync, pairing or transfer refusal.
    #[error(transparent)]
    Sync(#[from] crate::sync::problem::SyncProblem),
    #[error("Usta is already open on {}", .0.display())]
    AlreadyOpen(std::path::PathBuf),
    #[error(transparent)]
    Cart(#[from] CartError),
    #[error(transparent)]
    Sale(#[from] SaleError),
    #[error(transparent)]
    Payment(#[from] PaymentError),
    #[error(transparent)]
    Return(#[from] ReturnError),
    #[error(transparent)]
    Stock(#[from] StockError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Barcode(#[from] BarcodeError),
    #[error(transparent)]
    Tax(#[from] TaxError),
    #[error(transparent)]
    Day(#[from] crate::domain::day::DayError),
    #[error(transparent)]
    Ledger(#[from] crate::domain::ledger::LedgerError),
    #[error(transparent)]
    TaxFree(#[from] Refusal),
    #[error(transparent)]
    Mrz(#[from] MrzError),
    #[error(transparent)]
    Scheme(#[from] SchemeError),
    #[error(transparent)]
    QuickKey(#[from] crate::domain::quick_keys::QuickKeyError),
    #[error(transparent)]
    PaymentQr(#[from] payment_qr::PaymentQrError),
    #[error("{action} needs {}'s approval (PIN); {role} may not do it alone", permissions::article(.action.needs()))]
    NotAllowed {
        action: crate::domain::user::Action,
        role: crate::domain::user::Role,
    },
    #[error("{case} needs {}; {who} is {}", permissions::article(*.needs), permissions::article(*.role))]
    Forbidden {
        case: &'static str,
        needs: crate::domain::user::Role,
        who: String,
        role: crate::domain::user::Role,
    },
    #[error(
        "a cash refund of {refund} is more than the {drawer} the drawer should hold (it would go to {}): it needs {}'s approval (PIN); {role} may not do it alone",
        *.drawer - *.refund,
        permissions::article(crate::domain::user::Action::CashRefundOverDrawer.needs())
    )]
    RefundOverDrawer {
        refund: crate::domain::money::Som,
        drawer: crate::domain::money::Som,
        role: crate::domain::user::Role,
    },
    #[error(
        "{} are master data, changed only at the back office ({office}): make the change there; it reaches this till \
         at its next sync",
        .part.words()
    )]
    MasterData { part: master::MasterPart, office: String },
    #[error("{0}")]
    SignIn(String),
    #[error("{name} is locked for {} after {failures} wrong PINs", users::wait_text(*.seconds))]
    Locked { name: String, failures: u32, seconds: i64 },
    #[error(transparent)]
    User(#[from] crate::domain::user::UserError),
    #[error("no printer is set up: `usta printer set URI` or Settings → Printer")]
    NoPrinter,
    #[error("no business day is open: `usta day open` or make a sale")]
    NoOpenDay,
}

impl AppError {
    /// A refusal a manager's approval (PIN) would lift: the window asks for one, the command line says `--as`.
    pub fn wants_approval(&self) -> bool {
        matches!(self, AppError::NotAllowed { .. } | AppError::RefundOverDrawer { .. })
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// What every use case borrows: the open store, the moment of the action, the language for documents, who is
/// acting and, for one action, a manager's approval.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub now: DateTime<FixedOffset>,
    pub lang: Lang,
    /// Who does it: [`Actor::system`] unless the caller signs someone in (the CLI's `--as`, the GUI's login).
    pub actor: Actor,
    /// A manager's approval (from [`users::approve`]) for what this actor may not do alone.
    pub approval: Option<users::Approval>,
    /// Set when a use case relied on `approval`, so a one-time approval can be spent.
    pub approval_used: bool,
}

impl<'a> Ctx<'a> {
    /// A context acting as the system (setup, the demo, a database without users); see [`Ctx::acting_as`].
    pub fn new(store: &'a mut Store, now: DateTime<FixedOffset>, lang: Lang) -> Self {
        // An approval staged by an earlier context that never wrote must not ride along with this one's writes.
        store.clear_approval();
        Ctx {
            store,
            now,
            lang,
            actor: Actor::system(),
            approval: None,
            approval_used: false,
        }
    }

    /// The same context, acting as `actor`.
    pub fn acting_as(mut self, actor: Actor) -> Self {
        self.actor = actor;
        self
    }

    /// The same context, carrying a manager's approval.
    pub fn approved_by(mut self, approval: users::Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    pub(crate) fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// A database failure as SQLite reports one, for the window's message tests (the UI never names rusqlite).
#[cfg(test)]
pub(crate) fn sqlite_failure() -> std::sync::Arc<rusqlite::Error> {
    std::sync::Arc::new(rusqlite::Error::InvalidQuery)
}
