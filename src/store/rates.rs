//! The National Bank's rates as imported: each import a new dated set with its source, kept as the bank gave it
//! (nominal and value) and as som per unit. The rate in force for a day and currency is the latest dated on or
//! before it, from an import or typed in Settings; on the same date an import (the bank's official rate) wins.

use super::journal::append;
use super::{Result, Store, StoreError, decimal};
use crate::domain::nbkr::NbkrSet;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// A rate as the bank gave it: currency, nominal, value (as stored).
type BankRate = (String, u32, String);

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum RatesImported {
    /// A new set, with its number and how many currencies.
    Added { import_id: i64, currencies: usize },
    /// The same rates for the same date were imported before: nothing written.
    Unchanged { import_id: i64 },
}

/// One imported rate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredRate {
    pub date: NaiveDate,
    pub currency: String,
    pub nominal: u32,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: rust_decimal::Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub som_per_unit: rust_decimal::Decimal,
    pub source: String,
    pub imported_at: String,
}

impl Store {
    /// Stores a set as one new import (one transaction, one journal entry), unless the latest import for its date
    /// holds exactly these rates.
    pub fn import_rates(&mut self, set: &NbkrSet, source: &str, at: &str) -> Result<RatesImported> {
        // Daily and weekly lists share a date, so every earlier set of the date is compared, not just the last.
        let mut want: Vec<BankRate> = set
            .rates
            .iter()
            .map(|r| (r.code.clone(), r.nominal, r.value.to_string()))
            .collect();
        want.sort();
        for (import_id, mut have) in self.rate_sets_on(set.date)? {
            have.sort();
            if have == want {
                return Ok(RatesImported::Unchanged { import_id });
            }
        }
        self.write(|tx| {
            let id: i64 = tx.query_row("SELECT coalesce(max(import_id), 0) + 1 FROM imported_rates", [], |r| r.get(0))?;
            for r in &set.rates {
                tx.execute(
                    "INSERT INTO imported_rates(import_id, date, currency, nominal, value, som_per_unit, source, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        id,
                        set.date.to_string(),
                        r.code,
                        r.nominal,
                        r.value.to_string(),
                        r.som_per_unit().to_string(),
                        source,
                        at
                    ],
                )?;
            }
            let payload = serde_json::json!({ "import_id": id, "date": set.date.to_string(), "source": source,
                "rates": set.rates });
            append(tx, Some(at), "rates_import", &id.to_string(), &payload)?;
            Ok(RatesImported::Added {
                import_id: id,
                currencies: set.rates.len(),
            })
        })
    }

    /// Every set imported for exactly `date`: its number and (currency, nominal, value) rows.
    fn rate_sets_on(&self, date: NaiveDate) -> Result<Vec<(i64, Vec<BankRate>)>> {
        let mut stmt = self.conn().prepare(
            "SELECT import_id, currency, nominal, value FROM imported_rates WHERE date = ?1 ORDER BY import_id",
        )?;
        let rows = stmt.query_map([date.to_string()], |r| {
            Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        let mut sets: Vec<(i64, Vec<BankRate>)> = Vec::new();
        for row in rows {
            let (id, rate) = row?;
            match sets.last_mut() {
                Some((last, rates)) if *last == id => rates.push(rate),
                _ => sets.push((id, vec![rate])),
            }
        }
        Ok(sets)
    }

    /// For each currency, its rate from the latest import dated on or before `date`.
    pub fn imported_rates_on(&self, date: NaiveDate) -> Result<Vec<StoredRate>> {
        self.stored_rates(
            "WHERE id IN (SELECT (SELECT i.id FROM imported_rates i WHERE i.currency = c.currency AND i.date <= ?1
                 ORDER BY i.date DESC, i.import_id DESC LIMIT 1) FROM (SELECT DISTINCT currency FROM imported_rates) c)",
            date,
        )
    }

    fn stored_rates(&self, filter: &str, date: NaiveDate) -> Result<Vec<StoredRate>> {
        let sql = format!(
            "SELECT date, currency, nominal, value, som_per_unit, source, imported_at FROM imported_rates {filter}
             ORDER BY currency"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([date.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (day, currency, nominal, value, per_unit, source, imported_at) = row?;
            out.push(StoredRate {
                date: day
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("imported rate date '{day}'")))?,
                currency,
                nominal,
                value: decimal(&value)?,
                som_per_unit: decimal(&per_unit)?,
                source,
                imported_at,
            });
        }
        Ok(out)
    }

    /// The latest imported rate of `currency` dated on or before `date`: (date, som per unit).
    pub(super) fn imported_rate(&self, currency: &str, date: NaiveDate) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached(LATEST_IMPORTED_RATE)?
            .query_row(params![currency, date.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}

/// A currency's latest imported rate on or before a date (the newest import of that day), through
/// `imported_rates_date`.
pub(super) const LATEST_IMPORTED_RATE: &str = "SELECT date, som_per_unit FROM imported_rates
     WHERE currency = ?1 AND date <= ?2 ORDER BY date DESC, import_id DESC LIMIT 1";
