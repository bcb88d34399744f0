//! Master data: the parts of a shop's books that the back office alone changes once tills have joined it. Each
//! part is named once here, with the settings it owns (they travel down at every sync) and the use cases that
//! change it (an exhaustive match: a new use case does not compile until it is classified). On a joined till a
//! change to any part is refused in the use case itself, naming the back office, and the window shows the part
//! read-only.

use super::permissions::UseCase;
use super::{AppError, Result};
use crate::store::Store;
use crate::store::sync::Role;

/// One part of master data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MasterPart {
    /// Products, prices, barcodes, categories, artisans, in-store codes.
    Catalog,
    /// Product photos.
    Photos,
    /// Users, roles and PINs.
    Users,
    /// The shop's name, address, TIN and registration.
    Shop,
    /// VAT and sales tax rates.
    Taxes,
    /// Whether foreign cash is accepted.
    Currencies,
    /// Exchange rates, entered or imported from the National Bank.
    Rates,
    /// The cashier's discount limit and the void-cart threshold.
    CashierLimits,
    /// The sale screen's quick keys.
    QuickKeys,
    /// The shop's payment QR for the customer display.
    PaymentQr,
    /// The tax-free scheme.
    TaxFree,
    /// The whole shop at once (a demo shop replacing it).
    WholeShop,
}

impl MasterPart {
    pub const ALL: &'static [MasterPart] = &[
        MasterPart::Catalog,
        MasterPart::Photos,
        MasterPart::Users,
        MasterPart::Shop,
        MasterPart::Taxes,
        MasterPart::Currencies,
        MasterPart::Rates,
        MasterPart::CashierLimits,
        MasterPart::QuickKeys,
        MasterPart::PaymentQr,
        MasterPart::TaxFree,
        MasterPart::WholeShop,
    ];

    /// The Fluent key of its name (`master-part-…` in `assets/locales/*/sync.ftl`).
    pub fn key(self) -> &'static str {
        match self {
            MasterPart::Catalog => "master-part-catalog",
            MasterPart::Photos => "master-part-photos",
            MasterPart::Users => "master-part-users",
            MasterPart::Shop => "master-part-shop",
            MasterPart::Taxes => "master-part-taxes",
            MasterPart::Currencies => "master-part-currencies",
            MasterPart::Rates => "master-part-rates",
            MasterPart::CashierLimits => "master-part-cashier-limits",
            MasterPart::QuickKeys => "master-part-quick-keys",
            MasterPart::PaymentQr => "master-part-payment-qr",
            MasterPart::TaxFree => "master-part-taxfree",
            MasterPart::WholeShop => "master-part-whole-shop",
        }
    }

    /// In English, for the command line.
    pub fn words(self) -> &'static str {
        match self {
            MasterPart::Catalog => "products and prices",
            MasterPart::Photos => "product photos",
            MasterPart::Users => "users and PINs",
            MasterPart::Shop => "the shop's details",
            MasterPart::Taxes => "tax rates",
            MasterPart::Currencies => "foreign cash",
            MasterPart::Rates => "exchange rates",
            MasterPart::CashierLimits => "the cashier's limits",
            MasterPart::QuickKeys => "quick keys",
            MasterPart::PaymentQr => "the payment QR",
            MasterPart::TaxFree => "the tax-free scheme",
            MasterPart::WholeShop => "the whole shop",
        }
    }

    /// The settings (rows of the `settings` table) that are this part; they travel down at every sync
    /// (`store::sync::MASTER_SETTINGS` is their union, which a test checks).
    pub fn settings(self) -> &'static [&'static str] {
        use crate::store::settings as keys;
        match self {
            MasterPart::Catalog => &[keys::IN_STORE_PREFIX, keys::NEXT_IN_STORE_ITEM],
            MasterPart::Shop => &[keys::SHOP],
            MasterPart::Taxes => &[keys::TAX],
            MasterPart::Currencies => &[keys::PAYMENT],
            MasterPart::CashierLimits => &[super::checkout::DISCOUNT_LIMIT, super::settings::VOID_CART_ABOVE],
            MasterPart::QuickKeys => &[keys::QUICK_KEYS],
            MasterPart::PaymentQr => &[super::payment_qr::PAYMENT_QR],
            MasterPart::TaxFree => &[super::taxfree::DOCUMENT],
            MasterPart::Photos | MasterPart::Users | MasterPart::Rates | MasterPart::WholeShop => &[],
        }
    }

    /// The part of master data `case` changes, if any. No `_` arm: every use case is classified here.
    pub fn changed_by(case: UseCase) -> Option<MasterPart> {
        use UseCase as U;
        match case {
            U::CatalogImport => Some(MasterPart::Catalog),
            U::CatalogPhoto => Some(MasterPart::Photos),
            U::CatalogQuickKeysSet | U::CatalogQuickKeysClear => Some(MasterPart::QuickKeys),
            U::UsersAdd | U::UsersDeactivate | U::UsersPin => Some(MasterPart::Users),
            U::TaxfreeSchemeSet => Some(MasterPart::TaxFree),
            U::RatesImport => Some(MasterPart::Rates),
            U::DemoForce => Some(MasterPart::WholeShop),
            // Read only, this register's own facts (sales, stock, days, drawer, tax-free forms, fiscal
            // documents), this PC's devices, or the cooperative's own plumbing: a till does them itself.
            U::Window
            | U::Status
            | U::Verify
            | U::DemoNew
            | U::CatalogExport
            | U::CatalogFind
            | U::CatalogQuickKeys
            | U::CatalogFeed
            | U::StockReceive
            | U::StockAdjust
            | U::StockShow
            | U::StockTransfer
            | U::StockTransfers
            | U::StockConfirm
            | U::StockConflicts
            | U::StockResolve
            | U::Sell
            | U::Return
            | U::ReceiptShow
            | U::ReceiptPrint
            | U::PrinterSet
            | U::PrinterQueue
            | U::PrinterRetry
            | U::PrinterTest
            | U::PrinterLabel
            | U::PrinterServe
            | U::PrinterList
            | U::ScannerList
            | U::ScannerListen
            | U::ScannerSave
            | U::DayOpen
            | U::DayX
            | U::DayClose
            | U::DayCashIn
            | U::DayCashOut
            | U::LedgerExport
            | U::LedgerVerify
            | U::ArtisansStatement
            | U::ArtisansPay
            | U::PoolImport
            | U::PoolReport
            | U::TaxfreeCheck
            | U::TaxfreeIssue
            | U::TaxfreeShow
            | U::TaxfreeVoid
            | U::TaxfreeExport
            | U::TaxfreePrint
            | U::TaxfreeScheme
            | U::FiscalPending
            | U::FiscalRetry
            | U::FiscalShow
            | U::FiscalSet
            | U::RatesList
            | U::Backup
            | U::BackupPrune
            | U::Restore
            | U::UsersList
            | U::UsersUnlock
            | U::HubServe
            | U::HubPair
            | U::HubTills
            | U::HubRevoke
            | U::HubStock
            | U::HubDay
            | U::TillJoin
            | U::Sync
            | U::ReportSales => None,
        }
    }
}

/// The back office where master data is changed, when this database is a joined till; `None` when it is
/// changed here.
pub fn changed_at(store: &Store) -> Result<Option<String>> {
    Ok(store
        .sync_link()?
        .filter(|l| l.role == Role::Till)
        .map(|l| l.url.unwrap_or_default()))
}

/// Refuses a change to `part` on a joined till, naming the back office where it is made.
pub fn refuse(store: &Store, part: MasterPart) -> Result<()> {
    match changed_at(store)? {
        None => Ok(()),
        Some(office) => Err(AppError::MasterData { part, office }),
    }
}

/// Refuses `case` on a joined till when it changes master data.
pub fn refuse_case(store: &Store, case: UseCase) -> Result<()> {
    match MasterPart::changed_by(case) {
        Some(part) => refuse(store, part),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_that_travel_are_exactly_the_parts_settings_each_owned_once() {
        let mut owned: Vec<&str> = MasterPart::ALL
            .iter()
            .flat_map(|p| p.settings().iter().copied())
            .collect();
        owned.sort();
        let before = owned.len();
        owned.dedup();
        assert_eq!(owned.len(), before, "a setting belongs to two parts");
        let mut travel: Vec<&str> = crate::store::sync::MASTER_SETTINGS.to_vec();
        travel.sort();
        assert_eq!(owned, travel);
    }

    #[test]
    fn every_part_is_listed_once_with_its_own_key() {
        let keys: std::collections::BTreeSet<&str> = MasterPart::ALL.iter().map(|p| p.key()).collect();
        assert_eq!(keys.len(), MasterPart::ALL.len());
    }
}
