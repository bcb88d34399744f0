//! Goods across a cooperative's locations: a transfer leaves its location at once and reaches the other when that
//! location confirms it; a one-of-a-kind item sold at two tills while they were apart becomes a conflict the
//! manager settles at the back office with an adjustment that names the reason. A movement's location is its
//! register's (each database is one till at one location, or the back office at its own).

use super::checkout::lookup;
use super::sync::{StockRow, stock_across};
use super::{AppError, Ctx, Result};
use crate::store::sync::Role;
use crate::store::transfer::{SoldLine, Transfer};
use crate::store::{ProductRecord, Store};
use crate::sync::hub;
use crate::sync::problem::SyncProblem;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A transfer as the lists show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TransferRow {
    #[serde(flatten)]
    pub transfer: Transfer,
    pub barcode: Option<String>,
    pub name: String,
}

impl TransferRow {
    pub fn on_its_way(&self) -> bool {
        self.transfer.received_by.is_none()
    }
}

/// This database's role and location; a standalone shop has one location and nothing to move.
fn here(store: &Store) -> Result<(Role, String)> {
    match store.sync_link()? {
        Some(link) => Ok((link.role, link.location)),
        None => Err(SyncProblem::NoCooperative.into()),
    }
}

fn rows(store: &Store, transfers: Vec<Transfer>) -> Result<Vec<TransferRow>> {
    let names: BTreeMap<i64, (Option<String>, String)> = store
        .product_names()?
        .into_iter()
        .map(|(id, code, name)| (id, (code, name)))
        .collect();
    Ok(transfers
        .into_iter()
        .map(|t| {
            let (barcode, name) = names.get(&t.product_id).cloned().unwrap_or_default();
            TransferRow {
                transfer: t,
                barcode,
                name,
            }
        })
        .collect())
}

/// Every transfer this database knows of: at the back office, the whole cooperative's; at a till, its own and
/// those the back office said touch its location at the last sync, with its own receipts over what it heard.
pub fn transfers(store: &Store) -> Result<Vec<TransferRow>> {
    let all = match store.sync_link()?.map(|l| l.role) {
        None => store.sent_transfers()?,
        Some(Role::Hub) => hub::transfers_across(store)?,
        Some(Role::Till) => {
            let mut by_id: BTreeMap<String, Transfer> = BTreeMap::new();
            for t in store.news()?.transfers.into_iter().chain(store.sent_transfers()?) {
                // What the back office said wins over this till's own copy: it knows the receipt.
                by_id.entry(t.id.clone()).or_insert(t);
            }
            // This till's own receipts, where the back office has not heard of one yet (when it has, its
            // answer names the receipt that counts).
            for r in store.transfer_receipts()? {
                if let Some(t) = by_id.get_mut(&r.transfer_id).filter(|t| t.received_by.is_none()) {
                    t.received_at = Some(r.received_at);
                    t.received_by = Some(r.register);
                }
            }
            let mut all: Vec<Transfer> = by_id.into_values().collect();
            all.sort_by(|a, b| (&a.sent_at, &a.id).cmp(&(&b.sent_at, &b.id)));
            all
        }
    };
    rows(store, all)
}

/// Sends `qty` of the product with `code` to the location `to`: it leaves this location's stock now.
pub fn transfer(ctx: &mut Ctx<'_>, code: &str, qty: Decimal, to: &str) -> Result<TransferRow> {
    let (role, from) = here(ctx.store)?;
    let to = to.trim();
    if to == from {
        return Err(SyncProblem::SameLocation { here: from }.into());
    }
    let known = match role {
        Role::Hub => hub::locations(ctx.store)?,
        Role::Till => ctx.store.news()?.locations,
    };
    if !known.iter().any(|l| l == to) {
        return Err(SyncProblem::NoSuchLocation {
            to: to.to_string(),
            heard: role == Role::Till,
            known: known.join(", "),
        }
        .into());
    }
    if qty <= Decimal::ZERO {
        return Err(SyncProblem::TransferQty { qty: qty.to_string() }.into());
    }
    let record = lookup(ctx, code)?;
    let id = record
        .product
        .id
        .ok_or_else(|| AppError::UnknownBarcode(code.to_string()))?;
    record.product.check_quantity(qty)?;
    let out = crate::domain::stock::adjust(id, -qty, "transfer")?;
    let sent = ctx.store.send_transfer(&out, &from, to, &ctx.stamp())?;
    Ok(rows(ctx.store, vec![sent])?.remove(0))
}

/// Confirms that the goods of transfer `id` arrived here: they join this location's stock, once.
pub fn confirm(ctx: &mut Ctx<'_>, id: &str) -> Result<TransferRow> {
    let (role, location) = here(ctx.store)?;
    let id = id.trim();
    let Some(row) = transfers(ctx.store)?.into_iter().find(|t| t.transfer.id == id) else {
        return Err(SyncProblem::NoTransfer {
            id: id.to_string(),
            on_till: role == Role::Till,
        }
        .into());
    };
    if row.transfer.to != location {
        return Err(SyncProblem::NotHere {
            id: id.to_string(),
            to: row.transfer.to,
            here: location,
        }
        .into());
    }
    if let (Some(by), Some(at)) = (&row.transfer.received_by, &row.transfer.received_at) {
        return Err(SyncProblem::Received {
            id: id.to_string(),
            by: by.clone(),
            at: at.clone(),
        }
        .into());
    }
    let at = ctx.stamp();
    ctx.store.receive_transfer(&row.transfer, &location, &at)?;
    let register = ctx.store.register_id()?;
    Ok(TransferRow {
        transfer: Transfer {
            received_at: Some(at),
            received_by: Some(register),
            ..row.transfer
        },
        ..row
    })
}

/// A product the cooperative sold more of than it had: registers sold it while they were apart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    #[serde(flatten)]
    pub stock: StockRow,
    /// Every sale of it, register by register.
    pub sold: Vec<SoldLine>,
}

fn back_office_only(store: &Store, refusal: SyncProblem) -> Result<()> {
    match store.sync_link()?.map(|l| l.role) {
        Some(Role::Till) => Err(refusal.into()),
        _ => Ok(()),
    }
}

/// Products whose stock across the cooperative (every location and what is in transit) is below zero.
pub fn conflicts(store: &Store) -> Result<Vec<Conflict>> {
    back_office_only(store, SyncProblem::ConflictsHere)?;
    let below: Vec<StockRow> = stock_across(store)?
        .into_iter()
        .filter(|r| r.total < Decimal::ZERO)
        .collect();
    if below.is_empty() {
        return Ok(Vec::new());
    }
    let mut books = Vec::new();
    for (_, path) in hub::replicas(store.path()) {
        books.push(Store::open_existing(&path)?);
    }
    let mut out = Vec::new();
    for stock in below {
        let mut sold = store.sold_lines(stock.product_id)?;
        for replica in &books {
            sold.extend(replica.sold_lines(stock.product_id)?);
        }
        sold.sort_by(|a, b| (&a.at, &a.register).cmp(&(&b.at, &b.register)));
        out.push(Conflict { stock, sold });
    }
    Ok(out)
}

/// Settles the conflict of the product with `code`: an adjustment here that brings the cooperative's stock of it
/// back to zero, with the manager's reason.
pub fn resolve(ctx: &mut Ctx<'_>, code: &str, reason: &str) -> Result<ProductRecord> {
    back_office_only(ctx.store, SyncProblem::SettleHere)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(SyncProblem::SettleReason.into());
    }
    let code = crate::domain::barcode::normalize(code);
    let Some(conflict) = conflicts(ctx.store)?
        .into_iter()
        .find(|c| c.stock.barcode.as_deref() == Some(code.as_str()))
    else {
        return Err(SyncProblem::NotInConflict { code }.into());
    };
    super::stock::adjust_stock(
        ctx,
        &code,
        -conflict.stock.total,
        &format!("stock conflict settled: {reason}"),
    )
}
