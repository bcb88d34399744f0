//! Shop settings (JSON values under fixed keys) and the dated exchange rates.

use super::journal::append;
use super::{Result, Store, StoreError, decimal};
use crate::domain::currency::{Currency, ExchangeRate, Rates};
use crate::domain::payment::PaymentRules;
use crate::domain::receipt::ShopInfo;
use crate::domain::tax::TaxConfig;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub const SHOP: &str = "shop";
pub const TAX: &str = "tax";
pub const PAYMENT: &str = "payment";
pub const REGISTER: &str = "register";
pub const IN_STORE_PREFIX: &str = "in_store_prefix";
pub const NEXT_IN_STORE_ITEM: &str = "next_in_store_item";
/// The sale screen's quick keys (`domain::quick_keys::QuickKeys`).
pub const QUICK_KEYS: &str = "quick_keys";

impl Store {
    pub fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        get_setting_tx(self.conn(), key)
    }

    pub fn set_setting<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        self.write(|tx| {
            put_setting(tx, key, value)?;
            let value =
                serde_json::to_value(value).map_err(|e| StoreError::Corrupt(format!("setting '{key}': {e}")))?;
            append(tx, None, "setting", key, &value)?;
            Ok(())
        })
    }

    /// Records housekeeping (when the last backup was made): stored like a setting and, like every row of the
    /// settings table, committed by a journal entry of its own kind.
    pub fn set_note<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        self.write(|tx| {
            put_setting(tx, key, value)?;
            let value = serde_json::to_value(value).map_err(|e| StoreError::Corrupt(format!("note '{key}': {e}")))?;
            append(tx, None, "note", key, &value)?;
            Ok(())
        })
    }

    /// True once a shop has been set up (demo or real).
    pub fn has_shop(&self) -> Result<bool> {
        Ok(self.setting::<ShopInfo>(SHOP)?.is_some())
    }

    pub fn shop(&self) -> Result<ShopInfo> {
        Ok(self.setting(SHOP)?.unwrap_or_default())
    }

    pub fn tax_config(&self) -> Result<TaxConfig> {
        Ok(self.setting(TAX)?.unwrap_or_default())
    }

    pub fn payment_rules(&self) -> Result<PaymentRules> {
        Ok(self.setting(PAYMENT)?.unwrap_or_default())
    }

    /// This till's register id; receipt numbers run per register.
    pub fn register_id(&self) -> Result<String> {
        Ok(self.setting(REGISTER)?.unwrap_or_else(|| "R1".to_string()))
    }

    /// Records rates for their dates (replacing rates already entered for the same day and currency).
    pub fn set_rates(&mut self, rates: &[ExchangeRate], source: &str) -> Result<()> {
        self.write(|tx| {
            for r in rates {
                tx.execute(
                    "INSERT INTO exchange_rates(date, currency, som_per_unit, source) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(date, currency) DO UPDATE SET som_per_unit = excluded.som_per_unit, source = excluded.source",
                    params![r.date.to_string(), r.currency.code(), r.som_per_unit.to_string(), source],
                )?;
            }
            let rates: Vec<_> = rates
                .iter()
                .map(|r| serde_json::json!({ "date": r.date.to_string(), "currency": r.currency.code(),
                    "som_per_unit": r.som_per_unit.to_string() }))
                .collect();
            append(tx, None, "rates", source, &serde_json::Value::Array(rates))?;
            Ok(())
        })
    }

    /// For each currency, the latest rate dated on or before `date`.
    pub fn rates_on(&self, date: NaiveDate) -> Result<Rates> {
        let mut rates = Vec::new();
        for currency in Currency::FOREIGN {
            let row: Option<(String, String)> = self
                .conn()
                .prepare_cached(LATEST_TYPED_RATE)?
                .query_row(params![currency.code(), date.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            // An import of the same date or later is the bank's official rate: it wins over a typed one.
            let row = match (row, self.imported_rate(currency.code(), date)?) {
                (Some(typed), Some(imported)) => Some(if imported.0 >= typed.0 { imported } else { typed }),
                (typed, imported) => imported.or(typed),
            };
            if let Some((day, rate)) = row {
                let day = day
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("rate date '{day}'")))?;
                let rate = ExchangeRate::new(currency, decimal(&rate)?, day)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                rates.push(rate);
            }
        }
        Ok(Rates::new(rates))
    }
}

/// A currency's latest rate typed on or before a date, found through `exchange_rates_currency`.
const LATEST_TYPED_RATE: &str = "SELECT date, som_per_unit FROM exchange_rates WHERE currency = ?1 AND date <= ?2
     ORDER BY date DESC LIMIT 1";

pub(crate) fn put_setting<T: Serialize>(tx: &Transaction<'_>, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("setting '{key}': {e}")))?;
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, text],
    )?;
    Ok(())
}

/// A setting read on `conn`: the store's connection, or a write transaction's before it writes.
pub(crate) fn get_setting_tx<T: DeserializeOwned>(tx: &rusqlite::Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> = tx
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("setting '{key}': {e}"))))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::LATEST_TYPED_RATE;

    /// A checkout looks up each currency's latest rate: by an index on the currency, so a currency typed once two
    /// years ago costs no more than one typed today (through the (date, currency) key every later rate was read).
    #[test]
    fn a_currencys_latest_rate_is_searched_by_currency_not_scanned_by_date() {
        let dir = tempfile::tempdir().expect("dir");
        let store = super::Store::open(&dir.path().join("shop.db")).expect("open");
        for (sql, index) in [
            (LATEST_TYPED_RATE, "exchange_rates_currency"),
            (super::super::rates::LATEST_IMPORTED_RATE, "imported_rates_date"),
        ] {
            let plan: Vec<String> = store
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .expect("plan")
                .query_map(["USD", "2026-12-01"], |r| r.get(3))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("plan rows");
            let plan = plan.join("; ");
            assert!(
                plan.contains(&format!("USING INDEX {index} (currency=? AND date<?)")),
                "{sql}: {plan}"
            );
            // Only a day's imports are sorted (by import), never every rate since.
            assert!(
                !plan.contains("TEMP B-TREE FOR ORDER BY"),
                "sorted afresh: {sql}: {plan}"
            );
        }
    }
}
