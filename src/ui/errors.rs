//! Every error a use case can hand the window, as a Fluent message in the chosen language.
//!
//! How it works, and how to keep it whole: [`notice`] turns an [`AppError`] into a [`Notice`] (a Fluent key in
//! `assets/locales/{ky,ru,en}/records.ftl` plus its arguments). The matches below name every variant of
//! `AppError` and of every error it wraps, with no `_` arm, so a new variant does not compile until it gets a
//! key here. The tests then check, from this file's own text, that every `err-…` key it names exists in ky, ru
//! and en, and format one value of each variant in each language with no missing argument. A new variant
//! therefore needs: an arm here, its key in the three `records.ftl`, and a value in `tests::samples`.
//!
//! Every refusal is a typed reason with its own key; text that comes from outside (a library's or the system's
//! own words, a store conflict, an import's own reason) is an argument inside a translated sentence.

use super::i18n::key_arg;
use super::theme::Tone;
use super::widgets::Notice;
use crate::app::AppError;
use crate::app::StoreError;
use crate::app::input::{Document, InputProblem};
use crate::app::payment_qr::PaymentQrError;
use crate::domain::barcode::BarcodeError;
use crate::domain::cart::CartError;
use crate::domain::catalog::CatalogError;
use crate::domain::currency::CurrencyError;
use crate::domain::day::DayError;
use crate::domain::ledger::LedgerError;
use crate::domain::limits::{Bound, LimitError};
use crate::domain::money::{AmountError, Som};
use crate::domain::mrz::MrzError;
use crate::domain::payment::{PaymentError, PaymentKind};
use crate::domain::quick_keys::QuickKeyError;
use crate::domain::returns::ReturnError;
use crate::domain::sale::SaleError;
use crate::domain::stock::StockError;
use crate::domain::tax::TaxError;
use crate::domain::tax_free::{Refusal, SchemeError};
use crate::domain::user::{Action, Role, UserError};

/// A key and its arguments, before it becomes a [`Notice`].
type Msg = (&'static str, Vec<(&'static str, String)>);

fn msg(key: &'static str) -> Msg {
    (key, Vec::new())
}

fn with(key: &'static str, args: &[(&'static str, String)]) -> Msg {
    (key, args.to_vec())
}

fn som(s: &Som) -> String {
    super::i18n::money_arg(*s)
}

/// The one way a screen shows a use case's error: the message in the chosen language (see the module comment).
pub fn notice(e: &AppError) -> Notice {
    let (key, args) = app(e);
    args.into_iter()
        .fold(Notice::new(Tone::Bad, key), |n, (name, value)| n.with(name, value))
}

fn app(e: &AppError) -> Msg {
    match e {
        AppError::Store(e) => store(e),
        AppError::UnknownBarcode(code) => with("unknown-barcode", &[("code", code.clone())]),
        AppError::ReceiptNotFound(no, _) => with("receipt-not-found", &[("number", no.to_string())]),
        AppError::Import {
            file,
            row,
            column,
            message,
        } => with(
            "err-import",
            &[
                ("file", file.clone()),
                ("row", row.to_string()),
                ("column", column.clone()),
                ("reason", message.clone()),
            ],
        ),
        AppError::Invalid(p) => input(p),
        AppError::Write(e) => rooms::write(e),
        AppError::Photo(e) => rooms::photo(e),
        AppError::File(e) => rooms::file(e),
        AppError::Sync(e) => rooms::sync(e),
        AppError::NoPrinter => msg("err-no-printer"),
        AppError::NoOpenDay => msg("err-no-open-day"),
        AppError::AlreadyOpen(path) => with("err-already-open", &[("path", path.display().to_string())]),
        AppError::Cart(e) => cart(e),
        AppError::Sale(e) => sale(e),
        AppError::Payment(e) => payment(e),
        AppError::Return(e) => ret(e),
        AppError::Stock(e) => stock(e),
        AppError::Catalog(e) => catalog(e),
        AppError::Barcode(e) => barcode(e),
        AppError::Tax(e) => tax(e),
        AppError::Day(e) => day(e),
        AppError::Ledger(e) => ledger(e),
        AppError::TaxFree(e) => refusal(e),
        AppError::Mrz(e) => mrz(e),
        AppError::Scheme(e) => scheme(e),
        AppError::QuickKey(e) => quick_key(e),
        AppError::PaymentQr(e) => payment_qr(e),
        AppError::NotAllowed { action, role } => with(
            "err-not-allowed",
            &[
                ("action", action_key(*action)),
                ("needs", role_key(action.needs())),
                ("role", role_key(*role)),
            ],
        ),
        AppError::Forbidden { case, needs, who, role } => with(
            "err-forbidden",
            &[
                ("case", case.to_string()),
                ("needs", role_key(*needs)),
                ("who", who.clone()),
                ("role", role_key(*role)),
            ],
        ),
        AppError::RefundOverDrawer { refund, drawer, .. } => with(
            "refund-over-drawer",
            &[("refund", som(refund)), ("drawer", som(drawer))],
        ),
        AppError::MasterData { part, office } => with(
            "err-master-data",
            &[("part", key_arg(part.key())), ("office", office.clone())],
        ),
        AppError::SignIn(_) => msg("login-wrong"),
        AppError::Locked {
            name,
            failures,
            seconds,
        } => with(
            "login-locked",
            &[
                ("name", name.clone()),
                ("wait", crate::app::users::wait_text(*seconds)),
                ("count", failures.to_string()),
            ],
        ),
        AppError::User(e) => user(e),
    }
}

fn role_key(role: Role) -> String {
    key_arg(match role {
        Role::Cashier => "a-role-cashier",
        Role::Manager => "a-role-manager",
        Role::Admin => "a-role-admin",
    })
}

fn action_key(action: Action) -> String {
    key_arg(match action {
        Action::Return => "action-return",
        Action::CashRefundOverDrawer => "action-cash-refund-over-drawer",
        Action::VoidPrintedLine => "action-void-printed-line",
        Action::VoidCart => "action-void-cart",
        Action::SellBeyondStock => "action-sell-beyond-stock",
        Action::Discount => "action-discount",
        Action::PriceOverride => "action-price-override",
        Action::TaxFreeVoid => "action-taxfree-void",
        Action::CashOut => "action-cash-out",
        Action::ArtisanPayout => "action-artisan-payout",
        Action::DayClose => "action-day-close",
        Action::StockAdjust => "action-stock-adjust",
        Action::Stocktake => "action-stocktake",
        Action::PriceChange => "action-price-change",
        Action::Settings => "action-settings",
        Action::Users => "action-users",
    })
}

fn store(e: &StoreError) -> Msg {
    match e {
        StoreError::Open { path, .. } => with("err-store-open", &[("path", path.display().to_string())]),
        StoreError::Foreign { path } => with("err-store-foreign", &[("path", path.display().to_string())]),
        StoreError::Missing { path } => with("err-store-missing", &[("path", path.display().to_string())]),
        StoreError::TooNew { path, .. } => with("err-store-too-new", &[("path", path.display().to_string())]),
        StoreError::Busy => msg("err-store-busy"),
        StoreError::Sqlite(e) => with("err-store-sqlite", &[("reason", e.to_string())]),
        StoreError::Corrupt(why) => with("err-store-corrupt", &[("reason", why.clone())]),
        StoreError::Conflict(why) => with("error", &[("reason", why.clone())]),
        StoreError::BarcodeTaken { code } => with("err-store-barcode-taken", &[("code", code.clone())]),
    }
}

fn limit(e: &LimitError) -> Msg {
    let bound = |b: &Bound| {
        key_arg(match b {
            Bound::Line => "bound-line",
            Bound::Receipt => "bound-receipt",
            Bound::Qty => "bound-qty",
            Bound::Percent => "bound-percent",
            Bound::Rate => "bound-rate",
        })
    };
    match e {
        LimitError::TooLarge { field, value, bound: b } => with(
            "err-limit-large",
            &[("field", field.clone()), ("value", value.clone()), ("bound", bound(b))],
        ),
        LimitError::TooSmall { field, value, bound: b } => with(
            "err-limit-small",
            &[("field", field.clone()), ("value", value.clone()), ("bound", bound(b))],
        ),
        LimitError::Negative { field, value } => with(
            "err-limit-negative",
            &[("field", field.clone()), ("value", value.clone())],
        ),
        LimitError::Precision { field, value, decimals } => with(
            "err-limit-precision",
            &[
                ("field", field.clone()),
                ("value", value.clone()),
                ("decimals", decimals.to_string()),
            ],
        ),
        LimitError::NotANumber { field, value } => {
            with("err-limit-nan", &[("field", field.clone()), ("value", value.clone())])
        }
    }
}

fn cart(e: &CartError) -> Msg {
    match e {
        CartError::Quantity(q) => with("err-cart-quantity", &[("qty", q.to_string())]),
        CartError::QuantityPrecision(q) => with("err-cart-qty-precision", &[("qty", q.to_string())]),
        CartError::Discount(_) => msg("err-cart-discount"),
        CartError::NoLine(n) => with("err-cart-no-line", &[("line", n.to_string())]),
        CartError::Empty => msg("err-cart-empty"),
        CartError::Unsaved => msg("err-cart-unsaved"),
        CartError::Limit(e) => limit(e),
        CartError::Unit(e) => catalog(e),
        CartError::Product(name, e) => {
            // The limit's own sentence, about this product's field: "Shyrdak — price: … is more than …".
            let (key, mut args) = limit(e);
            for (arg, value) in args.iter_mut() {
                if *arg == "field" {
                    *value = format!("{name} — {value}");
                }
            }
            (key, args)
        }
    }
}

fn sale(e: &SaleError) -> Msg {
    match e {
        SaleError::Cart(e) => cart(e),
        SaleError::Payment(e) => payment(e),
        SaleError::Tax(e) => tax(e),
    }
}

fn kind_key(kind: &PaymentKind) -> String {
    key_arg(match kind {
        PaymentKind::Cash => "kind-cash",
        PaymentKind::Card => "kind-card",
        PaymentKind::Qr => "kind-qr",
    })
}

fn payment(e: &PaymentError) -> Msg {
    match e {
        PaymentError::UnknownKind(k) => with("err-pay-kind", &[("kind", k.clone())]),
        PaymentError::NotPositive(m) => with("err-pay-not-positive", &[("amount", m.to_string())]),
        PaymentError::Insufficient { due, paid, missing } => with(
            "err-pay-insufficient",
            &[("due", som(due)), ("paid", som(paid)), ("missing", som(missing))],
        ),
        PaymentError::NonCashOverpaid { due, non_cash } => {
            with("err-pay-noncash-over", &[("due", som(due)), ("paid", som(non_cash))])
        }
        PaymentError::ForeignCashOff(m) => with("err-pay-foreign-off", &[("amount", m.to_string())]),
        PaymentError::ForeignNonCash(k) => with("err-pay-foreign-noncash", &[("kind", kind_key(k))]),
        PaymentError::Currency(e) => currency(e),
        PaymentError::Limit(e) => limit(e),
    }
}

fn input(p: &InputProblem) -> Msg {
    use InputProblem as P;
    match p {
        P::SettingsLoading => msg("err-settings-loading"),
        P::Cancelled { job } => msg(match job {
            crate::app::progress::Job::CatalogImport => "err-cancelled-catalog-import",
            crate::app::progress::Job::Backup => "err-cancelled-backup",
            crate::app::progress::Job::FeedExport => "err-cancelled-feed-export",
        }),
        P::NotPercent { text } => with("err-not-percent", &[("text", text.clone())]),
        P::NoRegisterId => msg("err-no-register-id"),
        P::NotRate { currency, text } => with(
            "err-not-rate",
            &[("code", currency.code().into()), ("text", text.clone())],
        ),
        P::DiscountLimit { pct } => with("err-discount-limit", &[("pct", pct.clone())]),
        P::VoidThreshold { amount } => with("err-void-threshold", &[("amount", amount.clone())]),
        P::ShopExists => msg("err-shop-exists"),
        P::NoShopName => msg("err-no-shop-name"),
        P::BadTin { tin } => with("err-bad-tin", &[("tin", tin.clone())]),
        P::LabelCount { text, max } => with("err-label-count", &[("text", text.clone()), ("max", max.to_string())]),
        P::NotQuantity { text } => with("err-not-quantity", &[("text", text.clone())]),
        P::CategoryNeedsName => msg("err-category-needs-name"),
        P::CategoryExists { name } => with("err-category-exists", &[("name", name.clone())]),
        P::NoProduct { id } => with("err-no-product", &[("id", id.to_string())]),
        P::NoLabelBarcode { name } => with("err-no-label-barcode", &[("name", name.clone())]),
        P::NoEan13 { name } => with("err-no-ean13", &[("name", name.clone())]),
        P::CashMoveKind => msg("err-cash-move-kind"),
        P::CashMoveReason => msg("err-cash-move-reason"),
        P::NotPositive { amount } => with("err-not-positive", &[("amount", amount.clone())]),
        P::NoDay { day } => with("err-no-day", &[("day", day.clone())]),
        P::DayStillOpen { day } => with("err-day-still-open", &[("day", day.clone())]),
        P::NoZReport { day } => with("err-no-z-report", &[("day", day.clone())]),
        P::ZReportGone { id } => with("err-z-report-gone", &[("id", id.to_string())]),
        P::UnknownDocument { name, id } => with(
            "err-unknown-document",
            &[("name", name.clone()), ("id", id.to_string())],
        ),
        P::NoForm { number } => with("err-no-form", &[("number", number.clone())]),
        P::VoidReason => msg("err-void-reason"),
        P::PeriodReversed { from, to } => with("err-period-reversed", &[("from", from.clone()), ("to", to.clone())]),
        P::RangeReversed { from, to } => with("err-range-reversed", &[("from", from.clone()), ("to", to.clone())]),
        P::NoArtisan { code } => with("err-no-artisan", &[("code", code.clone())]),
        P::PayoutNotPositive { amount } => with("err-payout-not-positive", &[("amount", amount.clone())]),
        P::Overpay { code, owed, amount } => with(
            "err-overpay",
            &[
                ("code", code.clone()),
                ("owed", owed.clone()),
                ("amount", amount.clone()),
            ],
        ),
        P::PayoutGone { id } => with("err-payout-gone", &[("id", id.to_string())]),
        P::ArtisanGone { code } => with("err-artisan-gone", &[("code", code.clone())]),
        P::PrinterUri { uri, reason } => with("err-printer-uri", &[("uri", uri.clone()), ("reason", reason.clone())]),
        P::PrinterProfile { reason } => with("err-printer-profile", &[("reason", reason.clone())]),
        P::NotPrinted { reason } => with("err-not-printed", &[("reason", reason.clone())]),
        P::ScannerPort { reason } => with("err-scanner-port", &[("reason", reason.clone())]),
        P::UnknownFiscal { mode } => with("err-unknown-fiscal", &[("mode", mode.clone())]),
        P::BackupList { dir, reason } => with("err-backup-list", &[("dir", dir.clone()), ("reason", reason.clone())]),
        P::BackupRemove { path, reason } => with(
            "err-backup-remove",
            &[("path", path.clone()), ("reason", reason.clone())],
        ),
        P::LockPoisoned => msg("err-lock-poisoned"),
        P::ProductNotSaved { reason } => with("err-product-not-saved", &[("reason", reason.clone())]),
        P::NotImported { file, reason } => with(
            "err-not-imported",
            &[("file", file.clone()), ("reason", reason.clone())],
        ),
        P::DemoBroken { what, reason } => {
            with("err-demo-broken", &[("what", what.clone()), ("reason", reason.clone())])
        }
        P::DemoShopExists { path } => with("err-demo-shop-exists", &[("path", path.clone())]),
        P::ExportOpenDay { day } => with("err-export-open-day", &[("day", day.clone())]),
        P::DaysBackwards { from, to } => with("err-days-backwards", &[("from", from.clone()), ("to", to.clone())]),
        P::NoDaysBetween { from, to } => with("err-no-days-between", &[("from", from.clone()), ("to", to.clone())]),
        P::XlsxNeedsFolder => msg("err-xlsx-needs-folder"),
        P::NotWritten { what, reason } => with(
            "err-not-written",
            &[("what", document_key(*what)), ("reason", reason.clone())],
        ),
        P::FeedNoRate { currency } => with("err-feed-no-rate", &[("code", currency.code().into())]),
        P::PhotoMissing {
            name,
            product,
            dir,
            reason,
        } => with(
            "err-photo-missing",
            &[
                ("name", name.clone()),
                ("product", product.clone()),
                ("dir", dir.clone()),
                ("reason", reason.clone()),
            ],
        ),
        P::LabelBarcode { reason } => with("err-label-barcode", &[("reason", reason.clone())]),
        P::NotCommitted => msg("err-not-committed"),
        P::PinHash { reason } => with("err-pin-hash", &[("reason", reason.clone())]),
        P::RatesRefused { origin, reason } => with(
            "err-rates-refused",
            &[("source", origin.clone()), ("reason", reason.clone())],
        ),
        P::NotWebAddress { url } => with(
            "err-not-web-address",
            &[("url", url.clone()), ("example", crate::app::rates::DAILY_URL.into())],
        ),
        P::RatesOffline { url, reason } => {
            with("err-rates-offline", &[("url", url.clone()), ("reason", reason.clone())])
        }
        P::FormNotUpdated { receipt, form, reason } => with(
            "err-form-not-updated",
            &[
                ("number", receipt.to_string()),
                ("form", form.clone()),
                ("reason", reason.clone()),
            ],
        ),
        P::PrinterStatus { text } => with("err-printer-status", &[("text", text.clone())]),
        P::VirtualPrinter { reason } => with("err-virtual-printer", &[("reason", reason.clone())]),
        P::FlagNeeded { flag } => with("err-flag-needed", &[("flag", flag.clone())]),
        P::Amount(e) => amount(e),
        P::Rate(e) => currency(e),
        P::Limit(e) => limit(e),
    }
}

/// What a command could not write, as the sentence names it.
fn document_key(d: Document) -> String {
    key_arg(match d {
        Document::Catalog => "doc-catalog",
        Document::Feed => "doc-feed",
        Document::Report => "doc-report",
        Document::Statement => "doc-statement",
        Document::Workbook => "doc-workbook",
    })
}

fn amount(e: &AmountError) -> Msg {
    match e {
        AmountError::NotANumber(text) => with("err-not-amount", &[("text", text.clone())]),
        AmountError::TooPrecise(text) => with("err-amount-precise", &[("text", text.clone())]),
        AmountError::OutOfRange(text) => with("err-amount-range", &[("text", text.clone())]),
        AmountError::Limit(e) => limit(e),
    }
}

fn currency(e: &CurrencyError) -> Msg {
    match e {
        CurrencyError::Unknown(c) => with("err-currency-unknown", &[("code", c.clone())]),
        CurrencyError::NoRate(c) => with("err-currency-no-rate", &[("code", c.code().into())]),
        CurrencyError::BadRate { currency, rate } => with(
            "err-currency-bad-rate",
            &[("code", currency.code().into()), ("rate", rate.to_string())],
        ),
        CurrencyError::Limit(e) => limit(e),
    }
}

fn ret(e: &ReturnError) -> Msg {
    match e {
        ReturnError::MoreThanSold {
            name,
            sold,
            returned,
            requested,
            left,
        } => with(
            "err-return-more",
            &[
                ("name", name.clone()),
                ("sold", sold.normalize().to_string()),
                ("returned", returned.normalize().to_string()),
                ("requested", requested.normalize().to_string()),
                ("left", left.normalize().to_string()),
            ],
        ),
        ReturnError::NotOnReceipt(_) => msg("err-return-not-on-receipt"),
        ReturnError::NothingLeft => msg("err-return-nothing-left"),
        ReturnError::Quantity(q) => with("err-return-quantity", &[("qty", q.to_string())]),
        ReturnError::NoSuchLine(n) => with("err-return-no-line", &[("line", n.to_string())]),
        ReturnError::NotASale => msg("err-return-not-a-sale"),
        ReturnError::ReasonNeeded => msg("err-return-reason"),
    }
}

fn stock(e: &StockError) -> Msg {
    match e {
        StockError::Receive(q) => with("err-stock-receive", &[("qty", q.to_string())]),
        StockError::ZeroAdjust => msg("err-stock-zero"),
        StockError::NoReason => msg("err-stock-reason"),
        StockError::NegativeCount(q) => with("err-stock-negative", &[("qty", q.to_string())]),
        StockError::Precision(q) => with("err-cart-qty-precision", &[("qty", q.to_string())]),
        StockError::OutOfRange(q) => with("err-stock-range", &[("qty", q.to_string())]),
        StockError::Limit(e) => limit(e),
    }
}

fn catalog(e: &CatalogError) -> Msg {
    match e {
        CatalogError::NoName => msg("err-catalog-no-name"),
        CatalogError::Price(p) => with("err-catalog-price", &[("price", som(p))]),
        CatalogError::PricePrecision(p) => with("err-catalog-price-precision", &[("price", p.amount().to_string())]),
        CatalogError::Commission(c) => with("err-catalog-commission", &[("rate", c.to_string())]),
        CatalogError::Attribute(a) => with("err-catalog-attribute", &[("text", a.clone())]),
        CatalogError::UnknownLanguage(l) => with("err-catalog-language", &[("code", l.clone())]),
        CatalogError::TaxGroup => msg("err-catalog-tax-group"),
        CatalogError::UnknownUnit(u) => with("err-catalog-unit", &[("unit", u.clone())]),
        CatalogError::WholeOnly { name, qty } => with(
            "err-whole-only",
            &[("name", name.clone()), ("qty", qty.to_string().replace('.', ","))],
        ),
        CatalogError::Limit(e) => limit(e),
    }
}

fn barcode(e: &BarcodeError) -> Msg {
    match e {
        BarcodeError::Empty => msg("err-barcode-empty"),
        BarcodeError::CheckDigit { code, expected, found } => with(
            "err-barcode-check",
            &[
                ("code", code.clone()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
        ),
        BarcodeError::BadCharacters(c) => with("err-barcode-chars", &[("code", c.clone())]),
        BarcodeError::TooLong(c) => with("err-barcode-long", &[("code", c.clone())]),
        BarcodeError::Prefix(p) => with("err-barcode-prefix", &[("prefix", p.to_string())]),
        BarcodeError::ItemNumber(n) => with("err-barcode-item", &[("number", n.to_string())]),
    }
}

fn tax(e: &TaxError) -> Msg {
    match e {
        TaxError::UnknownGroup(g) => with("err-tax-group", &[("group", g.clone())]),
        TaxError::Limit(e) => limit(e),
    }
}

fn day(e: &DayError) -> Msg {
    match e {
        DayError::NotAnAmount(t) => with("err-day-amount", &[("text", t.clone())]),
        DayError::NotADenomination(d) => with("err-day-denomination", &[("value", d.to_string())]),
        DayError::Negative(t) => with("err-day-negative", &[("text", t.clone())]),
        DayError::Twice(c) => with("err-day-twice", &[("code", c.code().into())]),
        DayError::NotPositive(t) => with("err-day-not-positive", &[("text", t.clone())]),
        DayError::Limit(e) => limit(e),
    }
}

fn ledger(e: &LedgerError) -> Msg {
    match e {
        LedgerError::Dialect(d) => with("err-ledger-dialect", &[("name", d.clone())]),
        LedgerError::Bad { file, reason } => {
            with("err-ledger-bad", &[("file", file.clone()), ("reason", reason.clone())])
        }
    }
}

/// Why no tax-free form: each says what the cashier can tell the traveller.
pub fn refusal(e: &Refusal) -> Msg {
    match e {
        Refusal::BelowMinimum {
            minimum,
            eligible,
            missing,
            ..
        } => with(
            "err-tf-below-minimum",
            &[
                ("minimum", som(minimum)),
                ("eligible", som(eligible)),
                ("missing", som(missing)),
            ],
        ),
        Refusal::Resident(c) => with("err-tf-resident", &[("country", c.clone())]),
        Refusal::ExcludedCitizenship(c) => with("err-tf-citizenship", &[("country", c.clone())]),
        Refusal::NoEligibleGoods { .. } => msg("err-tf-no-goods"),
        Refusal::AlreadyIssued { receipt_no, form } => with(
            "err-tf-already",
            &[("number", receipt_no.to_string()), ("form", form.clone())],
        ),
        Refusal::NotASale => msg("err-tf-not-a-sale"),
        Refusal::Missing(field) => with("err-tf-missing", &[("field", field_key(field))]),
        Refusal::Expired(on) => with("err-tf-expired", &[("date", on.format("%d.%m.%Y").to_string())]),
        // The domain's reason is English; each field has one kind of wrong value, said in the chosen language.
        Refusal::Invalid { field, .. } => match *field {
            "date of birth" => msg("err-tf-birth"),
            _ => with("err-tf-country", &[("field", field_key(field))]),
        },
    }
}

/// The traveller's fields as the form's own labels name them (the domain names them in English).
fn field_key(field: &str) -> String {
    key_arg(match field {
        "name" => "taxfree-name",
        "passport number" => "taxfree-passport",
        "passport country" => "taxfree-country",
        "country of residence" => "taxfree-residence",
        _ => "taxfree-birth",
    })
}

fn mrz(e: &MrzError) -> Msg {
    match e {
        MrzError::Length(n) => with("err-mrz-length", &[("count", n.to_string())]),
        MrzError::NotAPassport => msg("err-mrz-not-passport"),
        MrzError::CheckDigit(what) => with("err-mrz-check", &[("field", mrz_field(what))]),
        MrzError::Date(what) => with("err-mrz-date", &[("field", mrz_field(what))]),
    }
}

/// The MRZ's fields (named in English by the parser) as the form's labels name them.
fn mrz_field(what: &str) -> String {
    key_arg(match what {
        "passport number" => "taxfree-passport",
        "date of birth" => "taxfree-birth",
        "expiry date" => "taxfree-expiry",
        "personal number" => "mrz-personal-number",
        _ => "mrz-whole",
    })
}

fn quick_key(e: &QuickKeyError) -> Msg {
    match e {
        QuickKeyError::Position(pos) => with(
            "err-till-quick-key-position",
            &[
                ("pos", pos.to_string()),
                ("max", crate::domain::quick_keys::MAX.to_string()),
            ],
        ),
    }
}

fn payment_qr(e: &PaymentQrError) -> Msg {
    match e {
        PaymentQrError::TooLong(chars) => with(
            "err-till-qr-too-long",
            &[
                ("chars", chars.to_string()),
                ("max", crate::app::payment_qr::MAX_PAYLOAD.to_string()),
            ],
        ),
        PaymentQrError::Unreadable { path, reason } => with(
            "err-till-qr-unreadable",
            &[("path", path.clone()), ("reason", reason.clone())],
        ),
        PaymentQrError::NotQr(path) => with("err-till-qr-not-qr", &[("path", path.clone())]),
    }
}

fn scheme(e: &SchemeError) -> Msg {
    match e {
        SchemeError::Toml(why) | SchemeError::Invalid(why) => with("err-tf-scheme", &[("reason", why.clone())]),
    }
}

fn user(e: &UserError) -> Msg {
    match e {
        UserError::Role(r) => with("err-user-role", &[("role", r.clone())]),
        UserError::Pin => msg("err-user-pin"),
        UserError::Name => msg("err-user-name"),
    }
}

mod rooms;

#[cfg(test)]
mod tests;
