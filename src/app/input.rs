//! Why typed or stored input was refused, as a reason with its parts rather than a finished sentence: the
//! command line prints it in English (`Display`, the same words as before), the window says it in the chosen
//! language (`src/ui/errors.rs` maps every variant to an `err-` key of `errors.ftl`). Text that comes from
//! outside (a parse error's own words, a name the shop typed) travels as an argument.

use crate::domain::currency::{Currency, CurrencyError};
use crate::domain::limits::LimitError;
use crate::domain::money::AmountError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputProblem {
    #[error("settings are still loading")]
    SettingsLoading,
    /// A long job stopped on request at a point where stopping leaves everything as it was.
    #[error("the {job} was cancelled; nothing was changed")]
    Cancelled { job: super::progress::Job },
    #[error("'{text}' is not a percentage from 0 to 100")]
    NotPercent { text: String },
    #[error("the register needs an id")]
    NoRegisterId,
    #[error("{currency}: '{text}' is not a rate")]
    NotRate { currency: Currency, text: String },
    #[error("a discount limit is 0 to 100 %, not {pct}")]
    DiscountLimit { pct: String },
    #[error("a void-cart threshold of {amount} som is not an amount")]
    VoidThreshold { amount: String },
    #[error("this database already has a shop")]
    ShopExists,
    #[error("the shop needs a name")]
    NoShopName,
    #[error("TIN '{tin}' must be 14 digits")]
    BadTin { tin: String },
    #[error("'{text}' labels: print 1 to {max} at a time")]
    LabelCount { text: String, max: u32 },
    #[error("'{text}' is not a quantity")]
    NotQuantity { text: String },
    #[error("the new category needs a name in at least one language")]
    CategoryNeedsName,
    #[error("the category '{name}' already exists")]
    CategoryExists { name: String },
    #[error("product {id} does not exist")]
    NoProduct { id: i64 },
    #[error("{name} has no barcode for a label")]
    NoLabelBarcode { name: String },
    #[error("{name} has no EAN-13 barcode for a label")]
    NoEan13 { name: String },
    #[error("cash in or cash out only")]
    CashMoveKind,
    #[error("say why the cash moves (--reason)")]
    CashMoveReason,
    #[error("the amount must be positive, not {amount}")]
    NotPositive { amount: String },
    #[error("no business day {day}")]
    NoDay { day: String },
    #[error("business day {day} is still open")]
    DayStillOpen { day: String },
    #[error("the Z report of {day} is missing")]
    NoZReport { day: String },
    #[error("Z report {id} is gone")]
    ZReportGone { id: i64 },
    #[error("this version of Usta cannot print '{name}' documents (job for row {id})")]
    UnknownDocument { name: String, id: i64 },
    #[error("no tax-free form {number}")]
    NoForm { number: String },
    #[error("a void needs a reason")]
    VoidReason,
    #[error("the period starts ({from}) after it ends ({to})")]
    PeriodReversed { from: String, to: String },
    #[error("the range starts ({from}) after it ends ({to})")]
    RangeReversed { from: String, to: String },
    #[error("no artisan with code {code}")]
    NoArtisan { code: String },
    #[error("a payout must be more than zero, not {amount}")]
    PayoutNotPositive { amount: String },
    #[error("artisan {code} is owed {owed} som; paying {amount} som would pay too much")]
    Overpay { code: String, owed: String, amount: String },
    #[error("payout {id} is gone")]
    PayoutGone { id: i64 },
    #[error("artisan {code} is gone")]
    ArtisanGone { code: String },
    #[error("printer '{uri}': {reason}")]
    PrinterUri { uri: String, reason: String },
    #[error("printer profile: {reason}")]
    PrinterProfile { reason: String },
    #[error("the printer did not print: {reason}")]
    NotPrinted { reason: String },
    #[error("scanner port: {reason}")]
    ScannerPort { reason: String },
    #[error("unknown fiscal register '{mode}': this version has 'simulator'")]
    UnknownFiscal { mode: String },
    #[error("cannot list {dir}: {reason}")]
    BackupList { dir: String, reason: String },
    #[error("cannot remove the old backup {path}: {reason}")]
    BackupRemove { path: String, reason: String },
    #[error("the database lock was poisoned: restart Usta")]
    LockPoisoned,
    #[error("the product was not saved: {reason}")]
    ProductNotSaved { reason: String },
    #[error("{file}: {reason}; nothing was imported")]
    NotImported { file: String, reason: String },
    #[error("built-in demo data ({what}) is broken: {reason}")]
    DemoBroken { what: String, reason: String },
    #[error("{path} already holds a shop; use --force to set it aside and start a fresh demo")]
    DemoShopExists { path: String },
    #[error("business day {day} is still open: close it first (`usta day close`), or export with --provisional")]
    ExportOpenDay { day: String },
    #[error("--from {from} is after --to {to}")]
    DaysBackwards { from: String, to: String },
    #[error("no business day from {from} to {to}")]
    NoDaysBetween { from: String, to: String },
    #[error("the XLSX view is written into the ledger folder: give --out DIR")]
    XlsxNeedsFolder,
    #[error("cannot write {what}: {reason}")]
    NotWritten { what: Document, reason: String },
    #[error("no {} rate is stored: set the day's rates (Settings → Rates) or write the feed in KGS", .currency.code())]
    FeedNoRate { currency: Currency },
    #[error("photo {name} of {product} is missing from {dir}: {reason}")]
    PhotoMissing {
        name: String,
        product: String,
        dir: String,
        reason: String,
    },
    #[error("the price label cannot carry its barcode: {reason}")]
    LabelBarcode { reason: String },
    #[error("a sale must be committed before it is registered")]
    NotCommitted,
    #[error("cannot hash the PIN: {reason}")]
    PinHash { reason: String },
    #[error("{origin}: {reason}; nothing was stored")]
    RatesRefused { origin: String, reason: String },
    #[error("{url} is not a web address like {}", crate::app::rates::DAILY_URL)]
    NotWebAddress { url: String },
    #[error("cannot fetch {url} ({reason}): is this PC online? Import the file instead: usta rates import daily.xml")]
    RatesOffline { url: String, reason: String },
    #[error(
        "the return is recorded (receipt {receipt}), but tax-free form {form} could not be updated: {reason}; void \
         it with `usta taxfree void`"
    )]
    FormNotUpdated { receipt: i64, form: String, reason: String },
    #[error("--status: unknown printer state '{text}' (ok, paper-out, cover-open, offline)")]
    PrinterStatus { text: String },
    #[error("virtual printer: {reason}")]
    VirtualPrinter { reason: String },
    #[error("{flag} is needed (or --mrz FILE)")]
    FlagNeeded { flag: String },
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error(transparent)]
    Rate(#[from] CurrencyError),
    #[error(transparent)]
    Limit(#[from] LimitError),
}

/// What a command could not write (named in the user's language in the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Catalog,
    Feed,
    Report,
    Statement,
    Workbook,
}

impl Document {
    pub const ALL: [Document; 5] = [
        Document::Catalog,
        Document::Feed,
        Document::Report,
        Document::Statement,
        Document::Workbook,
    ];
}

impl std::fmt::Display for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Document::Catalog => "the catalog",
            Document::Feed => "the feed",
            Document::Report => "the report",
            Document::Statement => "the artisan statement",
            Document::Workbook => "the spreadsheet (XLSX)",
        })
    }
}
