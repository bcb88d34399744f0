//! Who may do what: one table of every use case and the least role it needs. The command line checks it before it
//! runs a subcommand (`cli::use_case` names the use case of each command line), the use cases themselves keep
//! their own `users::authorize` checks (where the window offers a manager's approval), and a test keeps the two
//! in step. `tests/commands.rs` runs every subcommand of clap's command tree against this table.

use super::{AppError, Result};
use crate::domain::user::{Action, Actor, Role};

/// What a use case does to the books, for the help text and the README's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Reads and prints; writes no business fact.
    Read,
    /// Sells, receives goods or counts cash in: the cashier's own work.
    Sell,
    /// Takes money or goods back, changes prices, stock, settings or the day.
    Manage,
    /// Replaces, discards or resets data, or manages users.
    Administer,
}

macro_rules! use_cases {
    ($($case:ident => $code:literal, $role:ident, $kind:ident, $action:expr;)*) => {
        /// Every use case the command line (and the window) can start.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub enum UseCase { $($case),* }

        impl UseCase {
            /// Every use case, in the table's order.
            pub const ALL: &'static [UseCase] = &[$(UseCase::$case),*];

            /// The command line that starts it, e.g. `catalog import`.
            pub fn code(self) -> &'static str {
                match self { $(UseCase::$case => $code),* }
            }

            /// The least role that may start it.
            pub fn needs(self) -> Role {
                match self { $(UseCase::$case => Role::$role),* }
            }

            pub fn kind(self) -> Kind {
                match self { $(UseCase::$case => Kind::$kind),* }
            }

            /// The guarded action the use case itself checks with `users::authorize`, if any.
            pub fn action(self) -> Option<Action> {
                match self { $(UseCase::$case => $action),* }
            }
        }
    };
}

use_cases! {
    Window => "usta (the window)", Cashier, Sell, None;
    Status => "status", Cashier, Read, None;
    Verify => "verify", Cashier, Read, None;
    DemoNew => "demo", Cashier, Sell, None;
    DemoForce => "demo --force", Admin, Administer, None;
    CatalogImport => "catalog import", Manager, Manage, Some(Action::PriceChange);
    CatalogExport => "catalog export", Cashier, Read, None;
    CatalogFind => "catalog find", Cashier, Read, None;
    CatalogQuickKeys => "catalog quick-keys list", Cashier, Read, None;
    CatalogQuickKeysSet => "catalog quick-keys set", Manager, Manage, Some(Action::Settings);
    CatalogQuickKeysClear => "catalog quick-keys clear", Manager, Manage, Some(Action::Settings);
    CatalogPhoto => "catalog photo", Manager, Manage, Some(Action::PriceChange);
    CatalogFeed => "catalog feed", Cashier, Read, None;
    StockReceive => "stock receive", Cashier, Sell, None;
    StockAdjust => "stock adjust", Manager, Manage, Some(Action::StockAdjust);
    StockShow => "stock show", Cashier, Read, None;
    StockTransfer => "stock transfer", Manager, Manage, None;
    StockTransfers => "stock transfers", Cashier, Read, None;
    StockConfirm => "stock confirm", Cashier, Sell, None;
    StockConflicts => "stock conflicts", Cashier, Read, None;
    StockResolve => "stock resolve", Manager, Manage, Some(Action::StockAdjust);
    Sell => "sell", Cashier, Sell, None;
    Return => "return", Manager, Manage, Some(Action::Return);
    ReceiptShow => "receipt show", Cashier, Read, None;
    ReceiptPrint => "receipt print", Cashier, Read, None;
    PrinterSet => "printer set", Manager, Manage, Some(Action::Settings);
    PrinterQueue => "printer queue", Cashier, Read, None;
    PrinterRetry => "printer retry", Cashier, Read, None;
    PrinterTest => "printer test", Cashier, Read, None;
    PrinterLabel => "printer label", Cashier, Read, None;
    PrinterServe => "printer serve", Cashier, Read, None;
    PrinterList => "printer list", Cashier, Read, None;
    ScannerList => "scanner list", Cashier, Read, None;
    ScannerListen => "scanner listen", Cashier, Read, None;
    ScannerSave => "scanner listen --save", Manager, Manage, Some(Action::Settings);
    DayOpen => "day open", Cashier, Sell, None;
    DayX => "day x", Cashier, Read, None;
    DayClose => "day close", Manager, Manage, Some(Action::DayClose);
    DayCashIn => "day cash-in", Cashier, Sell, None;
    DayCashOut => "day cash-out", Manager, Manage, Some(Action::CashOut);
    LedgerExport => "ledger export", Cashier, Read, None;
    LedgerVerify => "ledger verify", Cashier, Read, None;
    ArtisansStatement => "artisans statement", Cashier, Read, None;
    ArtisansPay => "artisans pay", Manager, Manage, Some(Action::ArtisanPayout);
    PoolImport => "pool import", Cashier, Read, None;
    PoolReport => "pool report", Cashier, Read, None;
    TaxfreeCheck => "taxfree check", Cashier, Read, None;
    TaxfreeIssue => "taxfree issue", Cashier, Sell, None;
    TaxfreeShow => "taxfree show", Cashier, Read, None;
    TaxfreeVoid => "taxfree void", Manager, Manage, Some(Action::TaxFreeVoid);
    TaxfreeExport => "taxfree export", Cashier, Read, None;
    TaxfreePrint => "taxfree print", Cashier, Read, None;
    TaxfreeScheme => "taxfree scheme", Cashier, Read, None;
    TaxfreeSchemeSet => "taxfree scheme VALUE", Manager, Manage, Some(Action::Settings);
    FiscalPending => "fiscal pending", Cashier, Read, None;
    FiscalRetry => "fiscal retry", Cashier, Sell, None;
    FiscalShow => "fiscal show", Cashier, Read, None;
    FiscalSet => "fiscal set", Manager, Manage, Some(Action::Settings);
    RatesImport => "rates import", Manager, Manage, Some(Action::Settings);
    RatesList => "rates list", Cashier, Read, None;
    Backup => "backup", Cashier, Read, None;
    BackupPrune => "backup --keep N", Manager, Manage, None;
    Restore => "restore", Admin, Administer, None;
    UsersList => "users list", Admin, Administer, Some(Action::Users);
    UsersAdd => "users add", Admin, Administer, Some(Action::Users);
    UsersDeactivate => "users deactivate", Admin, Administer, Some(Action::Users);
    UsersPin => "users pin", Admin, Administer, Some(Action::Users);
    UsersUnlock => "users unlock", Admin, Administer, Some(Action::Users);
    HubServe => "hub serve", Manager, Manage, None;
    HubPair => "hub pair", Manager, Manage, None;
    HubTills => "hub tills", Cashier, Read, None;
    HubRevoke => "hub revoke", Manager, Manage, None;
    HubStock => "hub stock", Cashier, Read, None;
    HubDay => "hub day", Cashier, Read, None;
    TillJoin => "till join", Cashier, Sell, None;
    Sync => "sync", Cashier, Sell, None;
    ReportSales => "report sales", Manager, Read, None;
}

impl UseCase {
    pub fn allows(self, actor: &Actor) -> bool {
        actor.role >= self.needs()
    }
}

/// "an admin", "a manager".
pub fn article(role: Role) -> &'static str {
    match role {
        Role::Admin => "an admin",
        Role::Manager => "a manager",
        Role::Cashier => "a cashier",
    }
}

/// Refuses `case` to an actor whose role is below the table's, naming the role it needs.
pub fn check(actor: &Actor, case: UseCase) -> Result<()> {
    if case.allows(actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            case: case.code(),
            needs: case.needs(),
            who: match actor.id {
                Some(_) => actor.name.clone(),
                None => "an unnamed user".into(),
            },
            role: actor.role,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_every_guarded_action_and_names_each_use_case_once() {
        let mut codes = std::collections::HashSet::new();
        for case in UseCase::ALL {
            assert!(codes.insert(case.code()), "{case:?} named twice");
            if let Some(action) = case.action() {
                assert_eq!(case.needs(), action.needs(), "{case:?} and {action:?} disagree");
            }
            let expected = match case.needs() {
                Role::Cashier => [Kind::Read, Kind::Sell].contains(&case.kind()),
                // A manager's reading is fine: reports carry purchase costs, which are a manager's data.
                Role::Manager => [Kind::Read, Kind::Manage].contains(&case.kind()),
                Role::Admin => case.kind() == Kind::Administer,
            };
            assert!(expected, "{case:?}: {:?} for {}", case.kind(), case.needs());
        }
        // Every guarded action is started by some use case in the table, is the window's only, or is checked
        // inside another use case (a cash refund beyond the drawer, inside a return).
        for action in Action::ALL {
            let in_ui_only = matches!(
                action,
                Action::VoidPrintedLine
                    | Action::VoidCart
                    | Action::SellBeyondStock
                    | Action::Discount
                    | Action::PriceOverride
                    | Action::Stocktake
                    | Action::CashRefundOverDrawer
            );
            assert!(
                in_ui_only || UseCase::ALL.iter().any(|c| c.action() == Some(action)),
                "{action:?} has no use case"
            );
        }
    }

    #[test]
    fn a_refusal_names_the_role_needed() {
        let cashier = Actor {
            id: Some(3),
            name: "Бакыт".into(),
            role: Role::Cashier,
        };
        let e = check(&cashier, UseCase::Restore).expect_err("refused");
        assert_eq!(e.to_string(), "restore needs an admin; Бакыт is a cashier");
        assert!(check(&cashier, UseCase::Sell).is_ok());
        assert!(check(&Actor::system(), UseCase::Restore).is_ok());
    }
}
