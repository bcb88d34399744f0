//! Every error the window can show has its text in ky, ru and en, with every argument it uses.

use super::*;
use crate::app::refusal::{FileProblem, PhotoRefusal, WriteRefusal};
use crate::domain::catalog::{Lang, ProductId};
use crate::domain::currency::{Currency, Money};
use crate::domain::limits::Bound;
use crate::ui::i18n::I18n;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn limits() -> Vec<LimitError> {
    let (field, value) = ("price".to_string(), "1e12".to_string());
    let mut all: Vec<LimitError> = [Bound::Line, Bound::Receipt, Bound::Qty, Bound::Percent, Bound::Rate]
        .into_iter()
        .map(|bound| LimitError::TooLarge {
            field: field.clone(),
            value: value.clone(),
            bound,
        })
        .collect();
    all.push(LimitError::TooSmall {
        field: field.clone(),
        value: value.clone(),
        bound: Bound::Line,
    });
    all.push(LimitError::Negative {
        field: field.clone(),
        value: value.clone(),
    });
    all.push(LimitError::Precision {
        field: field.clone(),
        value: value.clone(),
        decimals: 2,
    });
    all.push(LimitError::NotANumber { field, value });
    all
}

/// One value of every variant of `InputProblem` (and of what it wraps).
fn input_problems() -> Vec<InputProblem> {
    let text = || "1,2,3".to_string();
    let day = || "2026-11-28".to_string();
    let mut all = vec![
        InputProblem::SettingsLoading,
        InputProblem::Cancelled {
            job: crate::app::progress::Job::CatalogImport,
        },
        InputProblem::Cancelled {
            job: crate::app::progress::Job::Backup,
        },
        InputProblem::Cancelled {
            job: crate::app::progress::Job::FeedExport,
        },
        InputProblem::NotPercent { text: text() },
        InputProblem::NoRegisterId,
        InputProblem::NotRate {
            currency: Currency::Usd,
            text: text(),
        },
        InputProblem::DiscountLimit { pct: "150".into() },
        InputProblem::VoidThreshold { amount: "-5".into() },
        InputProblem::ShopExists,
        InputProblem::NoShopName,
        InputProblem::BadTin { tin: "123".into() },
        InputProblem::LabelCount {
            text: "500".into(),
            max: 99,
        },
        InputProblem::NotQuantity { text: text() },
        InputProblem::CategoryNeedsName,
        InputProblem::CategoryExists {
            name: "Шырдак".into()
        },
        InputProblem::NoProduct { id: 7 },
        InputProblem::NoLabelBarcode {
            name: "Ак калпак".into(),
        },
        InputProblem::NoEan13 {
            name: "Ак калпак".into(),
        },
        InputProblem::CashMoveKind,
        InputProblem::CashMoveReason,
        InputProblem::NotPositive {
            amount: "0,00 KGS".into(),
        },
        InputProblem::NoDay { day: day() },
        InputProblem::DayStillOpen { day: day() },
        InputProblem::NoZReport { day: day() },
        InputProblem::ZReportGone { id: 3 },
        InputProblem::UnknownDocument {
            name: "poster".into(),
            id: 4,
        },
        InputProblem::NoForm {
            number: "TF-R1-000001".into(),
        },
        InputProblem::VoidReason,
        InputProblem::PeriodReversed {
            from: day(),
            to: "2026-11-01".into(),
        },
        InputProblem::RangeReversed {
            from: day(),
            to: "2026-11-01".into(),
        },
        InputProblem::NoArtisan { code: "A09".into() },
        InputProblem::PayoutNotPositive {
            amount: "0,00 KGS".into(),
        },
        InputProblem::Overpay {
            code: "A01".into(),
            owed: "700.00".into(),
            amount: "900.00".into(),
        },
        InputProblem::PayoutGone { id: 5 },
        InputProblem::ArtisanGone { code: "A01".into() },
        InputProblem::PrinterUri {
            uri: "lpt:9".into(),
            reason: "unknown scheme".into(),
        },
        InputProblem::PrinterProfile { reason: "x".into() },
        InputProblem::NotPrinted {
            reason: "timed out".into(),
        },
        InputProblem::ScannerPort { reason: "x".into() },
        InputProblem::UnknownFiscal { mode: "atol".into() },
        InputProblem::BackupList {
            dir: "/backups".into(),
            reason: "denied".into(),
        },
        InputProblem::BackupRemove {
            path: "/backups/a.db".into(),
            reason: "denied".into(),
        },
        InputProblem::LockPoisoned,
        InputProblem::ProductNotSaved {
            reason: "barcode 2100000000015 already belongs to another product".into(),
        },
        InputProblem::NotImported {
            file: "catalog.csv".into(),
            reason: "row 3: x".into(),
        },
        InputProblem::DemoBroken {
            what: "catalog.csv".into(),
            reason: "x".into(),
        },
        InputProblem::DemoShopExists {
            path: "/shop/usta.db".into(),
        },
        InputProblem::ExportOpenDay { day: day() },
        InputProblem::DaysBackwards {
            from: "2026-11-30".into(),
            to: day(),
        },
        InputProblem::NoDaysBetween {
            from: day(),
            to: "2026-11-30".into(),
        },
        InputProblem::XlsxNeedsFolder,
        InputProblem::FeedNoRate {
            currency: Currency::Usd,
        },
        InputProblem::PhotoMissing {
            name: "ab12.jpg".into(),
            product: "Ак калпак".into(),
            dir: "/shop/photos".into(),
            reason: "No such file or directory".into(),
        },
        InputProblem::LabelBarcode {
            reason: "EAN-13 '12' must be 12 or 13 digits".into(),
        },
        InputProblem::NotCommitted,
        InputProblem::PinHash { reason: "x".into() },
        InputProblem::RatesRefused {
            origin: "daily.xml".into(),
            reason: "x".into(),
        },
        InputProblem::NotWebAddress { url: "ftp://x".into() },
        InputProblem::RatesOffline {
            url: "https://www.nbkr.kg/XML/daily.xml".into(),
            reason: "timed out".into(),
        },
        InputProblem::FormNotUpdated {
            receipt: 8,
            form: "TF-R1-000001".into(),
            reason: "x".into(),
        },
        InputProblem::PrinterStatus { text: "jammed".into() },
        InputProblem::VirtualPrinter { reason: "x".into() },
        InputProblem::FlagNeeded {
            flag: "--country".into(),
        },
        InputProblem::Amount(AmountError::NotANumber(text())),
        InputProblem::Amount(AmountError::TooPrecise("1,234".into())),
        InputProblem::Amount(AmountError::OutOfRange("1e30".into())),
        InputProblem::Rate(crate::domain::currency::CurrencyError::NoRate(Currency::Eur)),
    ];
    all.extend(limits().into_iter().map(InputProblem::Limit));
    all.extend(crate::app::input::Document::ALL.map(|what| InputProblem::NotWritten {
        what,
        reason: "x".into(),
    }));
    all
}

/// One value of every variant of a file or folder refusal (and every kind, companion and step).
fn write_refusals() -> Vec<WriteRefusal> {
    use crate::app::refusal::{Companion, DbKind, Step, WriteWhy};
    let db = || "/shop/usta.db".to_string();
    let mut whys = vec![
        WriteWhy::Folder,
        WriteWhy::File,
        WriteWhy::BackupExists,
        WriteWhy::Database(DbKind::Database),
        WriteWhy::DatabaseDir(DbKind::Wal),
        WriteWhy::Exists,
        WriteWhy::NoFolder { folder: "/out".into() },
        WriteWhy::ShopDatabase { db: db() },
        WriteWhy::Backups { db: db() },
        WriteWhy::Foreign {
            first: "notes.txt".into(),
            others: 2,
        },
        WriteWhy::ExportExists,
    ];
    whys.extend(
        [
            Companion::Wal,
            Companion::Shm,
            Companion::Journal,
            Companion::Lock,
            Companion::Head,
        ]
        .map(|what| WriteWhy::Companion { what, db: db() }),
    );
    whys.extend(
        [
            Step::CreateTemp,
            Step::Write,
            Step::PlaceFile,
            Step::CreateParent,
            Step::CreateBeside,
            Step::PlaceFolder,
            Step::SwapIn,
            Step::SetAside,
        ]
        .map(|step| WriteWhy::Io {
            step,
            reason: "No space left on device".into(),
        }),
    );
    let mut all: Vec<WriteRefusal> = whys
        .into_iter()
        .map(|why| WriteRefusal {
            target: "/out/catalog.csv".into(),
            printer: None,
            why,
        })
        .collect();
    all.push(WriteRefusal {
        target: "/shop/usta.db".into(),
        printer: Some("file:/shop/usta.db".into()),
        why: WriteWhy::ShopDatabase { db: db() },
    });
    all
}

/// One value of every variant of a photo refusal.
fn photo_refusals() -> Vec<PhotoRefusal> {
    use crate::app::refusal::{DbKind, PhotoWhy};
    let reason = || "denied".to_string();
    [
        PhotoWhy::Unreadable { reason: reason() },
        PhotoWhy::NotFile,
        PhotoWhy::Database(DbKind::Database),
        PhotoWhy::TooBig { mb: 80, max_mb: 40 },
        PhotoWhy::Format { reason: reason() },
        PhotoWhy::NotPicture,
        PhotoWhy::Undecodable {
            format: "Png".into(),
            reason: reason(),
        },
        PhotoWhy::Truncated,
        PhotoWhy::TooLargeToRead,
        PhotoWhy::Pixels {
            width: 20_000,
            height: 20_000,
        },
        PhotoWhy::Encode { reason: reason() },
    ]
    .into_iter()
    .map(|why| PhotoRefusal {
        path: "/photos/hat.png".into(),
        why,
    })
    .collect()
}

/// One value of every variant of a file problem (and every reason a restore gives).
fn file_problems() -> Vec<FileProblem> {
    use crate::app::refusal::RestoreWhy;
    let (path, reason) = (|| "/shop/x".to_string(), || "denied".to_string());
    let mut all = vec![
        FileProblem::Create {
            path: path(),
            reason: reason(),
        },
        FileProblem::Read {
            path: path(),
            reason: reason(),
        },
        FileProblem::Write {
            path: path(),
            reason: reason(),
        },
        FileProblem::Copy {
            path: path(),
            reason: reason(),
        },
        FileProblem::OpenLock {
            path: path(),
            reason: reason(),
        },
        FileProblem::Lock {
            path: path(),
            reason: reason(),
        },
        FileProblem::SetAside {
            path: path(),
            reason: reason(),
        },
        FileProblem::PlaceBackup { reason: reason() },
        FileProblem::RateFile {
            path: path(),
            reason: reason(),
        },
        FileProblem::RateFileSize { path: path() },
    ];
    all.extend(
        [
            RestoreWhy::NoFile,
            RestoreWhy::Copy { reason: reason() },
            RestoreWhy::CopyWal { reason: reason() },
            RestoreWhy::Create {
                dir: path(),
                reason: reason(),
            },
            RestoreWhy::NotUsta,
            RestoreWhy::Check { reason: reason() },
        ]
        .map(|why| FileProblem::Restore { backup: path(), why }),
    );
    all
}

/// One value of every sync, pairing and transfer refusal.
fn sync_problems() -> Vec<crate::sync::problem::SyncProblem> {
    use crate::sync::problem::SyncProblem as S;
    let t = || "R2".to_string();
    vec![
        S::NoLocation,
        S::BadRegister { id: t() },
        S::NoTill { register: t() },
        S::IsBackOffice,
        S::Standalone,
        S::AllRegistersHere,
        S::RegisterLedger {
            register: t(),
            reason: t(),
        },
        S::NoRegisterDay { day: t() },
        S::Listen {
            address: t(),
            reason: t(),
        },
        S::NotPairingCode { code: t(), digits: 52 },
        S::DatabaseExists { path: t() },
        S::NotEmpty,
        S::NotAddress { url: t() },
        S::NoCooperative,
        S::SameLocation { here: t() },
        S::NoSuchLocation {
            to: t(),
            heard: true,
            known: t(),
        },
        S::TransferQty { qty: "0".into() },
        S::NoTransfer { id: t(), on_till: true },
        S::NoTransfer {
            id: t(),
            on_till: false,
        },
        S::NotHere {
            id: t(),
            to: t(),
            here: t(),
        },
        S::Received {
            id: t(),
            by: t(),
            at: t(),
        },
        S::ConflictsHere,
        S::SettleHere,
        S::SettleReason,
        S::NotInConflict { code: t() },
        S::Io { reason: t() },
        S::Tls { reason: t() },
        S::Unreachable { url: t(), reason: t() },
        S::Refused { reason: t() },
        S::Protocol { reason: t() },
    ]
}

/// One value of every variant of `AppError` and of what it wraps (and every role, action, bound and kind).
fn samples() -> Vec<AppError> {
    let d = Decimal::new(15, 1);
    let som = Som::from_tyiyn(70_000);
    let path = PathBuf::from("/shop/usta.db");
    let sqlite = crate::app::sqlite_failure();
    let mut all = vec![
        AppError::UnknownBarcode("2000000000015".into()),
        AppError::ReceiptNotFound(7, "R1".into()),
        AppError::Import {
            file: "catalog.csv".into(),
            row: 3,
            column: "price".into(),
            message: "x".into(),
        },
        AppError::NoPrinter,
        AppError::NoOpenDay,
        AppError::AlreadyOpen(path.clone()),
        AppError::RefundOverDrawer {
            refund: som,
            drawer: som,
            role: Role::Cashier,
        },
        AppError::SignIn("x".into()),
        AppError::Locked {
            name: "Aigul".into(),
            failures: 5,
            seconds: 60,
        },
    ];
    all.extend(
        crate::app::master::MasterPart::ALL
            .iter()
            .map(|&part| AppError::MasterData {
                part,
                office: "https://192.168.1.10:8443".into(),
            }),
    );
    for role in [Role::Cashier, Role::Manager, Role::Admin] {
        all.push(AppError::Forbidden {
            case: "day-close",
            needs: Role::Manager,
            who: "Aigul".into(),
            role,
        });
    }
    all.extend(Action::ALL.into_iter().map(|action| AppError::NotAllowed {
        action,
        role: Role::Cashier,
    }));
    all.extend(
        [
            StoreError::Open {
                path: path.clone(),
                source: sqlite.clone(),
            },
            StoreError::Foreign { path: path.clone() },
            StoreError::Missing { path: path.clone() },
            StoreError::TooNew {
                path,
                found: 99,
                known: 1,
            },
            StoreError::Busy,
            StoreError::Sqlite(sqlite),
            StoreError::Corrupt("x".into()),
            StoreError::Conflict("x".into()),
            StoreError::BarcodeTaken {
                code: "2100000000015".into(),
            },
        ]
        .map(AppError::Store),
    );
    let mut carts = vec![
        CartError::Quantity(Decimal::ZERO),
        CartError::QuantityPrecision(d),
        CartError::Discount(crate::domain::cart::Discount::Percent(d)),
        CartError::NoLine(3),
        CartError::Empty,
        CartError::Unsaved,
        CartError::Unit(CatalogError::WholeOnly {
            name: "Ак калпак".into(),
            qty: Decimal::new(15, 1),
        }),
        CartError::Product("Shyrdak".into(), limits().remove(0)),
    ];
    carts.extend(limits().into_iter().map(CartError::Limit));
    all.extend(carts.into_iter().map(AppError::Cart));
    let money = Money::new(d, Currency::Usd);
    let mut payments = vec![
        PaymentError::UnknownKind("x".into()),
        PaymentError::NotPositive(money),
        PaymentError::Insufficient {
            due: som,
            paid: som,
            missing: som,
        },
        PaymentError::NonCashOverpaid {
            due: som,
            non_cash: som,
        },
        PaymentError::ForeignCashOff(money),
        PaymentError::Currency(CurrencyError::Unknown("x".into())),
        PaymentError::Currency(CurrencyError::NoRate(Currency::Usd)),
        PaymentError::Currency(CurrencyError::BadRate {
            currency: Currency::Usd,
            rate: d,
        }),
        PaymentError::Currency(CurrencyError::Limit(limits().remove(0))),
        PaymentError::Limit(limits().remove(0)),
    ];
    payments.extend(PaymentKind::ALL.map(PaymentError::ForeignNonCash));
    all.extend(payments.into_iter().map(AppError::Payment));
    all.extend(
        [
            SaleError::Cart(CartError::Empty),
            SaleError::Payment(PaymentError::UnknownKind("x".into())),
            SaleError::Tax(TaxError::UnknownGroup("x".into())),
        ]
        .map(AppError::Sale),
    );
    all.extend(
        [
            ReturnError::MoreThanSold {
                name: "Kalpak".into(),
                sold: d,
                returned: d,
                requested: d,
                left: d,
            },
            ReturnError::NotOnReceipt(ProductId(1)),
            ReturnError::NothingLeft,
            ReturnError::Quantity(d),
            ReturnError::NoSuchLine(2),
            ReturnError::NotASale,
            ReturnError::ReasonNeeded,
        ]
        .map(AppError::Return),
    );
    all.extend(
        [
            StockError::Receive(d),
            StockError::ZeroAdjust,
            StockError::NoReason,
            StockError::NegativeCount(d),
            StockError::Precision(d),
            StockError::OutOfRange(d),
            StockError::Limit(limits().remove(0)),
        ]
        .map(AppError::Stock),
    );
    all.extend(
        [
            CatalogError::NoName,
            CatalogError::Price(som),
            CatalogError::PricePrecision(som),
            CatalogError::Commission(d),
            CatalogError::Attribute("x".into()),
            CatalogError::UnknownLanguage("x".into()),
            CatalogError::TaxGroup,
            CatalogError::UnknownUnit("x".into()),
            CatalogError::WholeOnly {
                name: "Ак калпак".into(),
                qty: Decimal::new(15, 1),
            },
            CatalogError::Limit(limits().remove(0)),
        ]
        .map(AppError::Catalog),
    );
    all.extend(
        [
            BarcodeError::Empty,
            BarcodeError::CheckDigit {
                code: "x".into(),
                expected: 1,
                found: 2,
            },
            BarcodeError::BadCharacters("x".into()),
            BarcodeError::TooLong("x".into()),
            BarcodeError::Prefix(1),
            BarcodeError::ItemNumber(1),
        ]
        .map(AppError::Barcode),
    );
    all.extend([TaxError::UnknownGroup("x".into()), TaxError::Limit(limits().remove(0))].map(AppError::Tax));
    all.extend(
        [
            DayError::NotAnAmount("x".into()),
            DayError::NotADenomination(d),
            DayError::Negative("x".into()),
            DayError::Twice(Currency::Usd),
            DayError::NotPositive("x".into()),
            DayError::Limit(limits().remove(0)),
        ]
        .map(AppError::Day),
    );
    all.extend(
        [
            LedgerError::Dialect("x".into()),
            LedgerError::Bad {
                file: "x".into(),
                reason: "x".into(),
            },
        ]
        .map(AppError::Ledger),
    );
    let mut refusals = vec![
        Refusal::BelowMinimum {
            minimum: som,
            eligible: som,
            missing: som,
            left_out: Vec::new(),
        },
        Refusal::Resident("KG".into()),
        Refusal::ExcludedCitizenship("KG".into()),
        Refusal::NoEligibleGoods { left_out: Vec::new() },
        Refusal::AlreadyIssued {
            receipt_no: 1,
            form: "TF1".into(),
        },
        Refusal::NotASale,
        Refusal::Expired(chrono::NaiveDate::from_ymd_opt(2012, 4, 15).expect("date")),
        Refusal::Invalid {
            field: "date of birth",
            reason: "x".into(),
        },
    ];
    for field in ["name", "passport number", "passport country", "country of residence"] {
        refusals.push(Refusal::Missing(field));
        refusals.push(Refusal::Invalid {
            field,
            reason: "x".into(),
        });
    }
    all.extend(refusals.into_iter().map(AppError::TaxFree));
    let mut mrz = vec![MrzError::Length(3), MrzError::NotAPassport];
    for what in [
        "passport number",
        "date of birth",
        "expiry date",
        "personal number",
        "whole line (composite)",
    ] {
        mrz.push(MrzError::CheckDigit(what));
        mrz.push(MrzError::Date(what));
    }
    all.extend(mrz.into_iter().map(AppError::Mrz));
    all.extend([SchemeError::Toml("x".into()), SchemeError::Invalid("x".into())].map(AppError::Scheme));
    all.extend([UserError::Role("x".into()), UserError::Pin, UserError::Name].map(AppError::User));
    all.push(AppError::QuickKey(QuickKeyError::Position(25)));
    all.extend(
        [
            PaymentQrError::TooLong(5000),
            PaymentQrError::Unreadable {
                path: "qr.png".into(),
                reason: "x".into(),
            },
            PaymentQrError::NotQr("qr.bin".into()),
        ]
        .map(AppError::PaymentQr),
    );
    all.extend(input_problems().into_iter().map(AppError::Invalid));
    all.extend(write_refusals().into_iter().map(AppError::Write));
    all.extend(photo_refusals().into_iter().map(AppError::Photo));
    all.extend(file_problems().into_iter().map(AppError::File));
    all.extend(sync_problems().into_iter().map(AppError::Sync));
    all
}

/// The keys this file's own text names (`"err-…"`, `"role-…"`…): every one must exist and be reached.
fn keys_in_source() -> BTreeSet<String> {
    let source = [include_str!("../errors.rs"), include_str!("rooms.rs")].concat();
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('-')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !s.starts_with('-')
        })
        .chain(["error", "unknown-barcode", "receipt-not-found"])
        .filter(|s| *s != "day-close")
        .map(String::from)
        .collect()
}

#[test]
fn every_error_has_a_message_in_every_language() {
    let mut reached = BTreeSet::new();
    let mut problems = Vec::new();
    for lang in [Lang::Ky, Lang::Ru, Lang::En] {
        let i18n = I18n::new(lang);
        for e in samples() {
            let n = notice(&e);
            reached.insert(n.key.to_string());
            for (_, v) in &n.args {
                if let Some(k) = v.strip_prefix("\u{1}key:") {
                    reached.insert(k.to_string());
                }
            }
            let args: Vec<(&str, String)> = n.args.iter().map(|(k, v)| (*k, v.clone())).collect();
            match i18n.try_tr_args(n.key, &args) {
                Ok(text) if text.contains('\u{1}') => problems.push(format!("{lang:?} {e:?}: raw argument in {text}")),
                Ok(_) => {}
                Err(why) => problems.push(format!("{e:?}: {why}")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "errors without a full message:\n{}",
        problems.join("\n")
    );
    let named = keys_in_source();
    let unreached: Vec<_> = named.difference(&reached).collect();
    assert!(
        unreached.is_empty(),
        "keys in errors.rs no sample reaches (add a value of the new variant to samples()): {unreached:?}"
    );
}

#[test]
fn the_named_refusals_are_in_the_cashiers_language() {
    let ky = I18n::new(Lang::Ky);
    let en = I18n::new(Lang::En);
    let cases = [
        AppError::Cart(CartError::Quantity(Decimal::ZERO)),
        AppError::NotAllowed {
            action: Action::Discount,
            role: Role::Cashier,
        },
        AppError::NoPrinter,
    ];
    for e in cases {
        let n = notice(&e);
        let (k, t) = (n.text(&ky), n.text(&en));
        assert_ne!(k, t, "{e:?} reads the same in Kyrgyz and English");
        assert_ne!(k, e.to_string(), "{e:?} shows the command line's English text");
        assert!(!k.contains("usta "), "{e:?} sends a cashier to the command line: {k}");
    }
    let n = notice(&AppError::NotAllowed {
        action: Action::Discount,
        role: Role::Cashier,
    });
    assert_eq!(
        n.text(&en),
        "A discount above the limit needs the approval of a manager (PIN); a cashier may not do it alone."
    );
    let below = notice(&AppError::TaxFree(Refusal::BelowMinimum {
        minimum: Som::whole(3000),
        eligible: Som::whole(2300),
        missing: Som::whole(700),
        left_out: Vec::new(),
    }));
    assert!(below.text(&ky).contains("700,00\u{a0}сом"), "{}", below.text(&ky));
    assert!(below.text(&en).contains("700.00\u{a0}som"), "{}", below.text(&en));
}

#[test]
fn every_input_problem_is_said_in_the_chosen_language_and_the_command_line_keeps_its_words() {
    let ky = I18n::new(Lang::Ky);
    let ru = I18n::new(Lang::Ru);
    let en = I18n::new(Lang::En);
    for p in input_problems() {
        let e = AppError::Invalid(p.clone());
        let n = notice(&e);
        assert_ne!(n.key, "error", "{p:?} is shown as free English text");
        let (k, r) = (n.text(&ky), n.text(&ru));
        assert_ne!(k, n.text(&en), "{p:?} reads the same in Kyrgyz and English");
        assert_ne!(r, n.text(&en), "{p:?} reads the same in Russian and English");
        assert!(
            !k.contains(&e.to_string()),
            "{p:?} shows the command line's English: {k}"
        );
    }
    // The command line prints the words it printed before the reasons got names.
    assert_eq!(InputProblem::NoShopName.to_string(), "the shop needs a name");
    assert_eq!(
        AppError::Invalid(InputProblem::BadTin { tin: "123".into() }).to_string(),
        "TIN '123' must be 14 digits"
    );
    assert_eq!(
        InputProblem::LabelCount {
            text: "500".into(),
            max: 99
        }
        .to_string(),
        "'500' labels: print 1 to 99 at a time"
    );
    let n = notice(&AppError::Invalid(InputProblem::NotQuantity { text: "абв".into() }));
    assert_eq!(n.text(&ky), "«абв» — сан эмес.");
}
