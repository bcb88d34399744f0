//! The pure rules of a craft shop's till: money, tax, catalog, cart, payment, sale, returns, stock, barcodes and
//! the receipt document. Nothing here touches a file, a socket, the database, the GUI or the clock; time is passed
//! in by the caller. `tests/domain_purity.rs` enforces that.

pub mod artisan;
pub mod attribute_words;
pub mod barcode;
pub mod cart;
pub mod catalog;
pub mod craft;
pub mod currency;
pub mod day;
pub mod feed;
pub mod journal;
pub mod ledger;
pub mod limits;
pub mod money;
pub mod mrz;
pub mod nbkr;
pub mod payment;
pub mod quick_keys;
pub mod receipt;
pub mod report;
pub mod returns;
pub mod rounding;
pub mod sale;
pub mod sheet;
pub mod stock;
pub mod tax;
pub mod tax_free;
pub mod user;

pub use barcode::{Barcode, BarcodeError, Symbology};
pub use cart::{Cart, CartError, CartLine, Discount};
pub use catalog::{Artisan, Names, Product, ProductId};
pub use currency::{Currency, ExchangeRate, Money, Rates};
pub use money::Som;
pub use payment::{PaymentKind, PaymentRules, Settlement, Tender};
pub use sale::{Sale, SaleLine};
pub use tax::{TaxConfig, TaxLine};

/// Kyrgyzstan keeps UTC+6 all year (no daylight saving since 2005), so a fixed offset is exact for Asia/Bishkek.
pub fn bishkek() -> chrono::FixedOffset {
    match chrono::FixedOffset::east_opt(6 * 3600) {
        Some(offset) => offset,
        None => unreachable!("6 hours is a valid offset"),
    }
}
