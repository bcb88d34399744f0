//! The fiscal register adapter. After a sale or return commits it is registered with the fiscal register, which
//! answers with the fiscal storage (ФН) number, the fiscal document (ФД) number and the fiscal sign (ФП) that go
//! on the receipt and into its QR link. A register that is down never loses or blocks a sale: the sale stays
//! pending, is retried (`usta fiscal retry`, the GUI's banner), and its receipt says TRAINING until registered.

use super::{Ctx, Result};
use crate::domain::receipt::{Fiscal, ShopInfo};
use crate::domain::sale::{Sale, SaleKind};
use crate::store::fiscal::{FiscalRow, Pending};
use serde::{Deserialize, Serialize};

/// What a fiscal register gives a registered sale or return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiscalFields {
    pub fn_number: String,
    pub fd_number: i64,
    pub fiscal_sign: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiscalError {
    #[error("the fiscal register does not answer: {0}")]
    Unreachable(String),
    #[error("the fiscal register refused the document: {0}")]
    Refused(String),
}

/// A fiscal register: registers one committed sale or return.
pub trait FiscalRegister {
    /// Stored with each registration, e.g. `simulator`.
    fn mode(&self) -> &'static str;
    fn register(&mut self, sale: &Sale, shop: &ShopInfo) -> std::result::Result<FiscalFields, FiscalError>;
    /// Answers in-process without IO (the simulator), so it can be asked inside the sale's own transaction; a
    /// device on a wire is asked after the commit, never while the write lock is held.
    fn in_process(&self) -> bool {
        false
    }
}

/// The built-in training register: deterministic numbers (ФН from the register's registration number, ФД
/// counting up from the last one, ФП a checksum of the document), and every receipt says TRAINING — NOT FISCAL.
/// `offline` makes it fail like an unplugged register, to practise (and test) the pending path.
#[derive(Debug, Clone)]
pub struct Simulator {
    pub last_fd: i64,
    pub offline: bool,
}

impl Simulator {
    /// The ФН the simulator reports for a shop: 16 digits, `9999` and the register's number.
    pub fn fn_number(shop: &ShopInfo) -> String {
        let digits: String = shop.register_reg_no.chars().filter(char::is_ascii_digit).collect();
        let tail = format!("{digits:0>12}");
        format!("9999{}", &tail[tail.len() - 12..])
    }
}

/// FNV-1a: a fixed, dependency-free checksum, so the same document always gets the same simulated sign.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl FiscalRegister for Simulator {
    fn mode(&self) -> &'static str {
        "simulator"
    }

    fn in_process(&self) -> bool {
        true
    }

    fn register(&mut self, sale: &Sale, shop: &ShopInfo) -> std::result::Result<FiscalFields, FiscalError> {
        if self.offline {
            return Err(FiscalError::Unreachable("training simulator set offline".into()));
        }
        let fn_number = Simulator::fn_number(shop);
        let fd_number = self.last_fd + 1;
        let kind = match sale.kind {
            SaleKind::Sale => 1,
            SaleKind::Return => 2,
        };
        let document = format!(
            "{fn_number}|{fd_number}|{kind}|{}|{}|{}",
            sale.at.format("%Y%m%dT%H%M%S"),
            (sale.total + sale.rounding).tyiyn_text(),
            shop.tin
        );
        self.last_fd = fd_number;
        Ok(FiscalFields {
            fn_number,
            fd_number,
            fiscal_sign: format!("{:010}", fnv1a(&document) % 10_000_000_000),
        })
    }
}

/// Which register the shop uses (setting `fiscal`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalSettings {
    /// Only the training simulator is built in; a real register's adapter plugs in beside it.
    pub mode: String,
    /// The simulator answers nothing (practice for a register that is down).
    #[serde(default)]
    pub offline: bool,
}

const SETTING: &str = "fiscal";

pub fn settings(ctx: &Ctx<'_>) -> Result<FiscalSettings> {
    let mut s: FiscalSettings = ctx.store.setting(SETTING)?.unwrap_or_default();
    if s.mode.is_empty() {
        s.mode = "simulator".into();
    }
    Ok(s)
}

pub fn save_settings(ctx: &mut Ctx<'_>, s: &FiscalSettings) -> Result<()> {
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    if s.mode != "simulator" {
        return Err(super::input::InputProblem::UnknownFiscal { mode: s.mode.clone() }.into());
    }
    Ok(ctx.store.set_setting(SETTING, s)?)
}

/// The configured register.
pub fn register_device(ctx: &Ctx<'_>) -> Result<Box<dyn FiscalRegister>> {
    let s = settings(ctx)?;
    Ok(Box::new(Simulator {
        last_fd: ctx.store.last_fd_number("simulator")?,
        offline: s.offline,
    }))
}

/// Registers a committed sale after its commit. Never fails the sale: a register error is recorded and the sale
/// stays pending; only a store error comes back.
pub fn register_committed(ctx: &mut Ctx<'_>, sale: &Sale) -> Result<Option<FiscalFields>> {
    let Some(sale_id) = sale.id else {
        return Err(super::input::InputProblem::NotCommitted.into());
    };
    let mut device = register_device(ctx)?;
    register_with(ctx, device.as_mut(), sale_id, sale)
}

/// Registers a sale that has just committed, and then its effect on a tax-free form. The sale is in the books
/// already: whatever happens here (register down, even a store error) leaves it there, and a sale without a
/// registered row is listed as pending and retried.
pub fn after_commit(ctx: &mut Ctx<'_>, sale: &Sale) {
    // Deliberately not propagated: the sale is committed; a failure here shows up in `usta fiscal pending`.
    let _registered = register_committed(ctx, sale).ok();
}

/// Commits a sale or a return (with its reason) and registers it: in the same transaction when the register answers in-process (one fsync
/// for the sale and its fiscal document), after the commit otherwise ([`after_commit`]).
pub fn commit_registered(
    ctx: &mut Ctx<'_>,
    sale: &mut Sale,
    user: Option<&str>,
    reason: Option<&crate::domain::returns::ReturnReason>,
) -> Result<()> {
    let mut device = register_device(ctx)?;
    if !device.in_process() {
        ctx.store.commit_sale_registered(sale, user, None, reason)?;
        after_commit(ctx, sale);
        return Ok(());
    }
    let shop = ctx.store.shop()?;
    let mode = device.mode();
    let mut ask = |s: &Sale| {
        device
            .register(s, &shop)
            .map(|f| (f.fn_number, f.fd_number, f.fiscal_sign))
            .map_err(|e| e.to_string())
    };
    ctx.store
        .commit_sale_registered(sale, user, Some((mode, &mut ask)), reason)?;
    Ok(())
}

fn register_with(
    ctx: &mut Ctx<'_>,
    device: &mut dyn FiscalRegister,
    sale_id: i64,
    sale: &Sale,
) -> Result<Option<FiscalFields>> {
    let stamp = ctx.stamp();
    let mode = device.mode();
    // No separate "pending" write first: a sale without a registered row is pending already (see
    // `Store::fiscal_pending_list`), so one write per attempt is enough, and a checkout pays for one, not two.
    let shop = ctx.store.shop()?;
    match device.register(sale, &shop) {
        Ok(fields) => {
            ctx.store.fiscal_result(
                sale_id,
                mode,
                Ok((&fields.fn_number, fields.fd_number, &fields.fiscal_sign)),
                &stamp,
            )?;
            Ok(Some(fields))
        }
        Err(e) => {
            ctx.store.fiscal_result(sale_id, mode, Err(&e.to_string()), &stamp)?;
            Ok(None)
        }
    }
}

/// Sales and returns waiting for registration.
pub fn pending(ctx: &Ctx<'_>) -> Result<Vec<Pending>> {
    Ok(ctx.store.fiscal_pending_list()?)
}

/// What a retry did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RetryReport {
    pub registered: Vec<i64>,
    pub still_pending: usize,
    pub last_error: Option<String>,
}

/// Registers every pending sale in order; stops at the first failure (the register is still down).
pub fn retry(ctx: &mut Ctx<'_>) -> Result<RetryReport> {
    let mut device = register_device(ctx)?;
    let mut report = RetryReport::default();
    for p in ctx.store.fiscal_pending_list()? {
        let sale = ctx.store.sale(p.sale_id)?;
        match register_with(ctx, device.as_mut(), p.sale_id, &sale)? {
            Some(_) => report.registered.push(p.sale_id),
            None => {
                report.last_error = ctx.store.fiscal(p.sale_id)?.and_then(|r| r.last_error);
                break;
            }
        }
    }
    report.still_pending = ctx.store.fiscal_pending_list()?.len();
    Ok(report)
}

/// The fiscal stamp a receipt prints for this sale: the register's fields once registered, TRAINING before.
pub fn stamp_of(ctx: &Ctx<'_>, sale_id: Option<i64>) -> Result<Fiscal> {
    let row: Option<FiscalRow> = match sale_id {
        Some(id) => ctx.store.fiscal(id)?,
        None => None,
    };
    Ok(match row {
        Some(FiscalRow {
            status,
            mode,
            fn_number: Some(fn_number),
            fd_number: Some(fd),
            fiscal_sign: Some(fiscal_sign),
            ..
        }) if status == "registered" => {
            if mode == "simulator" {
                Fiscal::Simulated {
                    fn_number,
                    fd_number: fd.to_string(),
                    fiscal_sign,
                }
            } else {
                Fiscal::Registered {
                    fn_number,
                    fd_number: fd.to_string(),
                    fiscal_sign,
                }
            }
        }
        _ => Fiscal::Training,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Som;
    use chrono::TimeZone;

    fn sale(kind: SaleKind, tyiyn: i64) -> Sale {
        Sale {
            id: Some(1),
            kind,
            register: "R1".into(),
            receipt_no: Some(1),
            original_receipt_no: None,
            at: crate::domain::bishkek()
                .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
                .single()
                .expect("time"),
            lines: vec![],
            payments: vec![],
            subtotal: Som::from_tyiyn(tyiyn),
            discount: Som::ZERO,
            total: Som::from_tyiyn(tyiyn),
            change: Som::ZERO,
            rounding: Som::ZERO,
            tax: vec![],
        }
    }

    #[test]
    fn the_simulator_is_deterministic_and_counts_documents() {
        let shop = ShopInfo {
            register_reg_no: "0000417001".into(),
            tin: "02811199610123".into(),
            ..Default::default()
        };
        let mut a = Simulator {
            last_fd: 41,
            offline: false,
        };
        let mut b = Simulator {
            last_fd: 41,
            offline: false,
        };
        let first = a.register(&sale(SaleKind::Sale, 145_000), &shop).expect("registered");
        assert_eq!(
            first,
            b.register(&sale(SaleKind::Sale, 145_000), &shop).expect("registered")
        );
        assert_eq!(first.fn_number, "9999000000417001");
        assert_eq!(first.fd_number, 42);
        assert_eq!(first.fiscal_sign.len(), 10);
        let second = a.register(&sale(SaleKind::Return, 145_000), &shop).expect("registered");
        assert_eq!(second.fd_number, 43);
        assert_ne!(
            second.fiscal_sign, first.fiscal_sign,
            "the sign depends on the document"
        );
        let mut off = Simulator {
            last_fd: 0,
            offline: true,
        };
        assert!(matches!(
            off.register(&sale(SaleKind::Sale, 1), &shop),
            Err(FiscalError::Unreachable(_))
        ));
    }
}
