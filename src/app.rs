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
pub mod fiscal;
pub mod instance;
pub mod inventory;
pub mod ledger;
pub mod pool;
pub mod printing;
pub mod receipt_text;
pub mod reports;
pub mod returns;
pub mod scanner;
pub mod settings;
pub mod stock;
pub mod taxfree;
pub mod taxfree_text;
pub mod till;

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
use crate::store::{Store, StoreError};
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
    #[error("{0}")]
    Input(String),
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
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// What every use case borrows: the open store, the moment of the action, and the language for documents.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub now: DateTime<FixedOffset>,
    pub lang: Lang,
}

impl<'a> Ctx<'a> {
    pub fn new(store: &'a mut Store, now: DateTime<FixedOffset>, lang: Lang) -> Self {
        Ctx { store, now, lang }
    }

    pub(crate) fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}
