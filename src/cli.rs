//! The headless command line: every manager job without the GUI. Global `--db` (or `USTA_DB`) picks the
//! database, `--json` makes every command's output machine-readable.

mod artisans;
mod backup;
mod catalog;
mod day;
mod demo;
mod fiscal;
mod hub;
mod ledger;
mod output;
pub mod paths;
mod pool;
mod printer;
mod progress;
mod rates;
mod receipt;
mod report;
mod scanner;
mod sell;
mod stock;
mod sync;
mod taxfree;
mod till;
mod users;
mod verify;

use crate::app::Ctx;
use crate::app::permissions::UseCase;
use crate::domain::catalog::Lang;
use crate::store::Store;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "usta",
    version,
    about = "Usta — point of sale for Kyrgyz craft shops and tourist markets",
    long_about = "Usta — point of sale for Kyrgyz craft shops and tourist markets.\n\n\
        Without a subcommand it opens the point of sale on the database (creating the demo shop when there is none).\n\
        With a subcommand it does one manager job and exits: non-zero with a message when it refuses, and then it\n\
        has written nothing."
)]
pub struct Cli {
    /// Database file [default: usta.db in the user's data directory]
    #[arg(long, global = true, env = "USTA_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// When the database has no shop yet, create the demo shop first
    #[arg(long, global = true)]
    pub with_demo: bool,
    /// Language of names, receipts and refusals: ky, ru or en [default: ky, refusals in English; a spreadsheet
    /// (XLSX): the shop's language]
    #[arg(long = "lang", id = "lang", value_name = "LANG", global = true, env = "USTA_LANG", value_parser = parse_lang)]
    pub lang_given: Option<Lang>,
    /// Act as this user (needed for manager jobs once the shop has users)
    #[arg(long = "as", global = true, env = "USTA_USER", value_name = "USER")]
    pub user: Option<String>,
    /// The PIN of the --as user
    #[arg(long, global = true, env = "USTA_PIN", hide_env_values = true, value_name = "PIN")]
    pub pin: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The language of names, receipts and messages: `--lang`, or Kyrgyz.
    pub fn lang(&self) -> Lang {
        self.lang_given.unwrap_or(Lang::Ky)
    }

    /// The language of a spreadsheet (XLSX): `--lang`, or the shop's own (Settings), so a workbook reads like the
    /// shop's screens.
    pub fn sheet_lang(&self, store: &Store) -> anyhow::Result<Lang> {
        match self.lang_given {
            Some(lang) => Ok(lang),
            None => Ok(crate::app::xlsx::shop_lang(store)?),
        }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: crate::domain::catalog::CatalogError| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the demo shop in Bishkek: ~60 craft products, 8 artisans, today's rates, opening stock
    Demo(demo::DemoArgs),
    /// Import, export and search the product catalog
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    /// Receive, adjust and show stock
    #[command(subcommand)]
    Stock(stock::StockCommand),
    /// Sell items and print the receipt, e.g. `usta sell 2100000000012*2 --pay cash:5000`
    Sell(sell::SellArgs),
    /// Take goods back against a receipt, e.g. `usta return 12 2100000000012 --refund cash`
    Return(sell::ReturnArgs),
    /// Show stored receipts
    #[command(subcommand)]
    Receipt(receipt::ReceiptCommand),
    /// Set up the receipt printer, print tests and labels, work the print queue, run a virtual printer
    #[command(subcommand)]
    Printer(printer::PrinterCommand),
    /// Find serial barcode scanners and watch what they send
    #[command(subcommand)]
    Scanner(scanner::ScannerCommand),
    /// Open and close the business day, count the cash drawer, X and Z reports
    #[command(subcommand)]
    Day(day::DayCommand),
    /// Export a business day's ledger for the association, and verify a ledger folder
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// Artisan statements and payouts
    #[command(subcommand)]
    Artisans(artisans::ArtisansCommand),
    /// Pool member shops' ledgers into the association's database and report on them
    #[command(subcommand)]
    Pool(pool::PoolCommand),
    /// Re-check the hash-chained journal of every business event; names the first edited or missing entry
    Verify,
    /// Tax-free forms for travellers: check, issue (typed or MRZ), show, void, export, print, scheme
    #[command(subcommand)]
    Taxfree(taxfree::TaxfreeCommand),
    /// Fiscal registration of receipts: pending sales, retry, fields, register choice
    #[command(subcommand)]
    Fiscal(fiscal::FiscalCommand),
    /// Show the shop, the database and the last receipt number
    Status,
    /// Copy the database, consistently and integrity-checked, while the shop may keep selling
    Backup(backup::BackupArgs),
    /// Replace the database with a backup; refuses a damaged or foreign file and keeps the old database aside
    Restore(backup::RestoreArgs),
    /// Users and their roles (admin only): list, add, deactivate, unlock, pin
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// This PC is the back office: serve tills, pair, list and revoke them
    #[command(subcommand)]
    Hub(hub::HubCommand),
    /// Make this PC a till of a back office
    #[command(subcommand)]
    Till(till::TillCommand),
    /// One sync round with the back office: send this till's sales, take catalog and prices
    Sync,
    /// Sales reports over a range of business days (manager): best sellers, by cashier, by payment kind
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The National Bank's exchange rates: import its daily/weekly XML (file or web address), list them
    #[command(subcommand)]
    Rates(rates::RatesCommand),
}

/// The use case a command line starts, as the permissions table names it; `None` for the window (it signs in
/// on its own screen). Every subcommand is matched by name, so a new one does not compile until it has a row.
pub fn use_case(cli: &Cli) -> Option<UseCase> {
    use UseCase as U;
    let Some(command) = &cli.command else {
        return None;
    };
    Some(match command {
        Command::Demo(a) if a.force => U::DemoForce,
        Command::Demo(_) => U::DemoNew,
        Command::Catalog(c) => match c {
            catalog::CatalogCommand::Import { .. } => U::CatalogImport,
            catalog::CatalogCommand::Export { .. } => U::CatalogExport,
            catalog::CatalogCommand::Find { .. } => U::CatalogFind,
            catalog::CatalogCommand::QuickKeys(q) => match q {
                catalog::QuickKeysCommand::List => U::CatalogQuickKeys,
                catalog::QuickKeysCommand::Set { .. } => U::CatalogQuickKeysSet,
                catalog::QuickKeysCommand::Clear { .. } => U::CatalogQuickKeysClear,
            },
            catalog::CatalogCommand::Photo { .. } => U::CatalogPhoto,
            catalog::CatalogCommand::Feed { .. } => U::CatalogFeed,
        },
        Command::Stock(c) => match c {
            stock::StockCommand::Receive { .. } => U::StockReceive,
            stock::StockCommand::Adjust { .. } => U::StockAdjust,
            stock::StockCommand::Show { .. } => U::StockShow,
            stock::StockCommand::Transfer { .. } => U::StockTransfer,
            stock::StockCommand::Transfers { .. } => U::StockTransfers,
            stock::StockCommand::Confirm { .. } => U::StockConfirm,
            stock::StockCommand::Conflicts => U::StockConflicts,
            stock::StockCommand::Resolve { .. } => U::StockResolve,
        },
        Command::Sell(_) => U::Sell,
        Command::Return(_) => U::Return,
        Command::Receipt(c) => match c {
            receipt::ReceiptCommand::Show { .. } => U::ReceiptShow,
            receipt::ReceiptCommand::Print { .. } => U::ReceiptPrint,
        },
        Command::Printer(c) => match c {
            printer::PrinterCommand::Set { .. } => U::PrinterSet,
            printer::PrinterCommand::Queue { .. } => U::PrinterQueue,
            printer::PrinterCommand::Retry(_) => U::PrinterRetry,
            printer::PrinterCommand::Test(_) => U::PrinterTest,
            printer::PrinterCommand::Label { .. } => U::PrinterLabel,
            printer::PrinterCommand::Serve { .. } => U::PrinterServe,
            printer::PrinterCommand::List => U::PrinterList,
        },
        Command::Scanner(c) => match c {
            scanner::ScannerCommand::List => U::ScannerList,
            scanner::ScannerCommand::Listen { save: true, .. } => U::ScannerSave,
            scanner::ScannerCommand::Listen { .. } => U::ScannerListen,
        },
        Command::Day(c) => match c {
            day::DayCommand::Open { .. } => U::DayOpen,
            day::DayCommand::X { .. } => U::DayX,
            day::DayCommand::Close { .. } => U::DayClose,
            day::DayCommand::CashIn { .. } => U::DayCashIn,
            day::DayCommand::CashOut { .. } => U::DayCashOut,
        },
        Command::Ledger(c) => match c {
            ledger::LedgerCommand::Export { .. } => U::LedgerExport,
            ledger::LedgerCommand::Verify { .. } => U::LedgerVerify,
        },
        Command::Artisans(c) => match c {
            artisans::ArtisansCommand::Statement { .. } => U::ArtisansStatement,
            artisans::ArtisansCommand::Pay { .. } => U::ArtisansPay,
        },
        Command::Pool(c) => match c {
            pool::PoolCommand::Import { .. } => U::PoolImport,
            pool::PoolCommand::Report { .. } => U::PoolReport,
        },
        Command::Verify => U::Verify,
        Command::Taxfree(c) => match c {
            taxfree::TaxfreeCommand::Check { .. } => U::TaxfreeCheck,
            taxfree::TaxfreeCommand::Issue { .. } => U::TaxfreeIssue,
            taxfree::TaxfreeCommand::Show { .. } => U::TaxfreeShow,
            taxfree::TaxfreeCommand::Void { .. } => U::TaxfreeVoid,
            taxfree::TaxfreeCommand::Export { .. } => U::TaxfreeExport,
            taxfree::TaxfreeCommand::Print { .. } => U::TaxfreePrint,
            taxfree::TaxfreeCommand::Scheme { set: Some(_) } => U::TaxfreeSchemeSet,
            taxfree::TaxfreeCommand::Scheme { set: None } => U::TaxfreeScheme,
        },
        Command::Fiscal(c) => match c {
            fiscal::FiscalCommand::Pending => U::FiscalPending,
            fiscal::FiscalCommand::Retry => U::FiscalRetry,
            fiscal::FiscalCommand::Show { .. } => U::FiscalShow,
            fiscal::FiscalCommand::Set { .. } => U::FiscalSet,
        },
        Command::Status => U::Status,
        Command::Backup(a) if a.keep.is_some() => U::BackupPrune,
        Command::Backup(_) => U::Backup,
        Command::Restore(_) => U::Restore,
        Command::Users(c) => match c {
            users::UsersCommand::List => U::UsersList,
            users::UsersCommand::Add { .. } => U::UsersAdd,
            users::UsersCommand::Deactivate { .. } => U::UsersDeactivate,
            users::UsersCommand::Pin { .. } => U::UsersPin,
            users::UsersCommand::Unlock { .. } => U::UsersUnlock,
        },
        Command::Hub(c) => match c {
            hub::HubCommand::Serve { .. } => U::HubServe,
            hub::HubCommand::Pair { .. } => U::HubPair,
            hub::HubCommand::Tills => U::HubTills,
            hub::HubCommand::Revoke { .. } => U::HubRevoke,
            hub::HubCommand::Stock { .. } => U::HubStock,
            hub::HubCommand::Day { .. } => U::HubDay,
        },
        Command::Till(c) => match c {
            till::TillCommand::Join { .. } => U::TillJoin,
        },
        Command::Sync => U::Sync,
        Command::Report(c) => match c {
            report::ReportCommand::Sales { .. } => U::ReportSales,
        },
        Command::Rates(c) => match c {
            rates::RatesCommand::Import { .. } => U::RatesImport,
            rates::RatesCommand::List { .. } => U::RatesList,
        },
    })
}

/// Where the database lives when neither `--db` nor `USTA_DB` says.
/// On Windows that is `%APPDATA%\Usta`, the folder the installer names and never removes.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    #[cfg(windows)]
    {
        let dirs = directories::BaseDirs::new().context("cannot find the user's AppData folder; pass --db PATH")?;
        Ok(dirs.data_dir().join("Usta").join("usta.db"))
    }
    #[cfg(not(windows))]
    {
        let dirs = directories::ProjectDirs::from("kg", "Usta", "usta")
            .context("cannot find the user's data directory; pass --db PATH")?;
        Ok(dirs.data_dir().join("usta.db"))
    }
}

/// The shop clock, to the second, in Asia/Bishkek time.
pub fn shop_now() -> chrono::DateTime<chrono::FixedOffset> {
    let now = chrono::Utc::now().with_timezone(&crate::domain::bishkek());
    chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now)
}

/// Carries out the parsed command line. A refusal is said in the language `--lang` (or `USTA_LANG`) names, see
/// [`in_language`].
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let lang = cli.lang_given;
    run_command(cli).map_err(|e| in_language(e, lang))
}

/// A refusal in Kyrgyz or Russian when that language is asked for, the window's own sentence, with the command
/// line's English words after it in brackets (scripts and notes match those); without `--lang`, or in English,
/// the English words alone.
fn in_language(e: anyhow::Error, lang: Option<Lang>) -> anyhow::Error {
    let Some(lang) = lang.filter(|l| *l != Lang::En) else {
        return e;
    };
    let refusal = e.chain().find_map(|cause| {
        cause
            .downcast_ref::<crate::app::AppError>()
            .map(crate::ui::errors::notice)
            .or_else(|| {
                cause
                    .downcast_ref::<crate::app::input::InputProblem>()
                    .map(|p| crate::ui::errors::notice(&p.clone().into()))
            })
    });
    match refusal {
        Some(notice) => {
            let said = notice.text(&crate::ui::i18n::I18n::new(lang));
            anyhow::anyhow!("{said}\n({e:#})")
        }
        None => e,
    }
}

fn run_command(cli: Cli) -> anyhow::Result<()> {
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    };
    let case = use_case(&cli);
    if let Some(Command::Demo(args)) = &cli.command {
        if args.force {
            demo::check_force(&cli, &path)?;
        }
        return demo::run(&cli, &path, args);
    }
    if let Some(Command::Ledger(ledger::LedgerCommand::Verify { dir })) = &cli.command {
        return ledger::verify(&cli, dir);
    }
    if let Some(Command::Pool(c)) = &cli.command {
        return pool::run(&cli, &path, c);
    }
    if let Some(Command::Till(c)) = &cli.command {
        return till::run(&cli, &path, c);
    }
    if let Some(Command::Restore(args)) = &cli.command {
        backup::check_restore(&cli, &path, args)?;
        return backup::restore(&cli, &path, args);
    }
    // The window takes its lock before anything touches the database, so a second window changes nothing.
    let window_lock = match cli.command {
        None => Some(crate::app::instance::acquire(&path)?),
        Some(_) => None,
    };
    // Only the window (its first start) and `--with-demo` make a new shop; any other command on a missing file
    // says so and creates nothing.
    let mut store = if cli.command.is_none() || cli.with_demo {
        Store::open(&path)
    } else {
        Store::open_existing(&path)
    }
    .map_err(|e| advise(e.into(), &path))?;
    let now = shop_now();
    let mut ctx = Ctx::new(&mut store, now, cli.lang());
    // Signing in reads the journal (wrong-PIN lockout), so its errors take the same way as the command's.
    sign_in(&cli, &mut ctx, case)
        .map_err(users::explain)
        .map_err(|e| advise(e, &path))?;
    let result = match &cli.command {
        None => {
            drop(store);
            let lock = match window_lock {
                Some(lock) => lock,
                None => crate::app::instance::acquire(&path)?,
            };
            crate::ui::run_locked(&path, lock).map_err(|e| {
                anyhow::anyhow!("cannot open the window ({e}); without a display, use a subcommand (usta --help)")
            })
        }
        Some(Command::Printer(c)) => printer::run(&cli, &mut ctx, c),
        Some(Command::Scanner(c)) => scanner::run(&cli, &mut ctx, c),
        Some(Command::Status) => demo::status(&cli, &mut ctx),
        Some(Command::Demo(_)) | Some(Command::Pool(_)) | Some(Command::Restore(_)) | Some(Command::Till(_)) => Ok(()),
        Some(Command::Backup(a)) => backup::backup(&cli, &mut ctx, a),
        Some(Command::Catalog(c)) => catalog::run(&cli, &mut ctx, c),
        Some(Command::Stock(c)) => stock::run(&cli, &mut ctx, c),
        Some(Command::Sell(a)) => sell::sell(&cli, &mut ctx, a),
        Some(Command::Return(a)) => sell::return_items(&cli, &mut ctx, a),
        Some(Command::Receipt(c)) => receipt::run(&cli, &mut ctx, c),
        Some(Command::Day(c)) => day::run(&cli, &mut ctx, c),
        Some(Command::Ledger(c)) => ledger::run(&cli, &mut ctx, c),
        Some(Command::Artisans(c)) => artisans::run(&cli, &mut ctx, c),
        Some(Command::Verify) => verify::run(&cli, &mut ctx),
        Some(Command::Taxfree(c)) => taxfree::run(&cli, &mut ctx, c),
        Some(Command::Fiscal(c)) => fiscal::run(&cli, &mut ctx, c),
        Some(Command::Users(c)) => users::run(&cli, &mut ctx, c),
        Some(Command::Hub(c)) => hub::run(&cli, &mut ctx, c),
        Some(Command::Sync) => sync::run(&cli, &mut ctx),
        Some(Command::Report(c)) => report::run(&cli, &mut ctx, c),
        Some(Command::Rates(c)) => rates::run(&cli, &mut ctx, c),
    };
    result.map_err(users::explain).map_err(|e| advise(e, &path))
}

/// The advice for a damaged database, whichever command met the damage: restore a backup.
/// The demo shop when asked for, then who is acting, then whether they may run this use case.
fn sign_in(cli: &Cli, ctx: &mut Ctx<'_>, case: Option<crate::app::permissions::UseCase>) -> anyhow::Result<()> {
    if cli.with_demo {
        demo::ensure_shop(cli, ctx)?;
    }
    users::sign_in(cli, ctx)?;
    if let Some(case) = case {
        crate::app::permissions::check(&ctx.actor, case)?;
        crate::app::sync::refuse_on_till(ctx.store, case)?;
    }
    Ok(())
}

fn advise(e: anyhow::Error, db: &std::path::Path) -> anyhow::Error {
    use crate::store::StoreError;
    const ADVICE: &str = "restore a backup: `usta restore FILE`";
    let store_error = e.chain().find_map(|cause| {
        cause
            .downcast_ref::<StoreError>()
            .or_else(|| match cause.downcast_ref::<crate::app::AppError>() {
                Some(crate::app::AppError::Store(inner)) => Some(inner),
                _ => None,
            })
    });
    if let Some(StoreError::Foreign { path }) = store_error
        && path == db
    {
        // Another program's file, or the shop's database overwritten by one: the same cure.
        return e.context(format!("if {} was the shop's database, {ADVICE}", db.display()));
    }
    let damaged = match store_error {
        Some(StoreError::Corrupt(_)) => true,
        Some(StoreError::Sqlite(inner)) | Some(StoreError::Open { source: inner, .. }) => matches!(
            inner.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase)
        ),
        _ => false,
    };
    if damaged && !format!("{e:#}").contains("usta restore") {
        e.context(format!("{} is damaged; {ADVICE}", db.display()))
    } else {
        e
    }
}
