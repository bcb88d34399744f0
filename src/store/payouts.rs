//! Artisan payouts: a payout is a recorded movement of cash out of the drawer on the open business day, with its
//! journal entry, in one transaction.

use super::day::{current_or_open, insert_cash_move};
use super::journal::append;
use super::{Result, Store, StoreError};
use crate::domain::currency::{Currency, Money};
use crate::domain::day::CashMoveKind;
use crate::domain::money::Som;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::params;

/// A stored payout.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PayoutRecord {
    pub id: i64,
    pub artisan: String,
    pub amount: Som,
    pub day: NaiveDate,
    pub note: String,
    pub at: String,
}

impl Store {
    /// Pays `amount` som in cash to the artisan with `code` on the open business day (opening one if needed).
    /// `paid_before` is the artisan's total of payouts the caller's balance was computed from: if another till
    /// recorded a payout meanwhile, the payout is refused inside the transaction, so two tills can never
    /// together pay more than is owed.
    pub fn record_payout(
        &mut self,
        at: &DateTime<FixedOffset>,
        code: &str,
        amount: Som,
        note: &str,
        paid_before: Som,
    ) -> Result<PayoutRecord> {
        self.write(|tx| {
            let paid_now: i64 = tx.query_row(
                "SELECT coalesce(sum(amount), 0) FROM payouts WHERE artisan = ?1",
                [code],
                |r| r.get(0),
            )?;
            if paid_now != paid_before.tyiyn()? {
                return Err(StoreError::Conflict(format!(
                    "another payout to {code} was recorded meanwhile; look at the balance again before paying"
                )));
            }
            let known: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM artisans WHERE code = ?1)", [code], |r| {
                r.get(0)
            })?;
            if !known {
                return Err(StoreError::Conflict(format!("no artisan with code {code}")));
            }
            let day = current_or_open(tx, at)?;
            let stamp = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            tx.execute(
                "INSERT INTO payouts(artisan, amount, day, note, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![code, amount.tyiyn()?, day.to_string(), note, stamp],
            )?;
            let id = tx.last_insert_rowid();
            insert_cash_move(
                tx,
                day,
                CashMoveKind::Payout,
                Money::new(amount.amount(), Currency::Kgs),
                &format!("payout {id} to {code}"),
                &stamp,
            )?;
            append(
                tx,
                Some(&stamp),
                "payout",
                &id.to_string(),
                &serde_json::json!({ "artisan": code, "amount": amount, "day": day.to_string(), "note": note }),
            )?;
            Ok(PayoutRecord {
                id,
                artisan: code.to_string(),
                amount,
                day,
                note: note.to_string(),
                at: stamp,
            })
        })
    }

    pub fn payout(&self, id: i64) -> Result<Option<PayoutRecord>> {
        use rusqlite::OptionalExtension;
        let row = self
            .conn()
            .query_row(
                "SELECT id, artisan, amount, day, note, at FROM payouts WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(id, artisan, amount, day, note, at)| {
            Ok(PayoutRecord {
                id,
                artisan,
                amount: Som::from_tyiyn(amount),
                day: day
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("payout day '{day}'")))?,
                note,
                at,
            })
        })
        .transpose()
    }

    /// Paid to the artisan on business days `from..=to` (`from` None: since the beginning).
    pub fn paid_to(&self, code: &str, from: Option<NaiveDate>, to: NaiveDate) -> Result<Som> {
        let from = from.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string());
        let tyiyn: Option<i64> = self.conn().query_row(
            "SELECT sum(amount) FROM payouts WHERE artisan = ?1 AND day >= ?2 AND day <= ?3",
            params![code, from, to.to_string()],
            |r| r.get(0),
        )?;
        Ok(Som::from_tyiyn(tyiyn.unwrap_or(0)))
    }
}
