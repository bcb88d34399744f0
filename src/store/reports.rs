//! The manager's sales reports over a range of business days. Each report is one query that starts from the
//! sales of the range through the business-day expression index (`sales_business_day`), so a week's report
//! after two years of trading reads that week's rows only; `tests` below holds the plan to it.

use super::day::SALE_DAY;
use super::{Result, Store, StoreError};
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::returns::{ReasonKind, ReturnReason};
use chrono::NaiveDate;

/// One product's net sales over the range (returns subtracted), named as the sale lines named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductSales {
    pub product_id: i64,
    pub names: [String; 3],
    /// Net quantity in thousandths (the unit's milli: pieces, metres, kilograms).
    pub qty_milli: i64,
    pub revenue: Som,
    /// The product's purchase cost per unit today, where the manager entered one.
    pub unit_cost: Option<Som>,
}

/// One cashier's receipts over the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashierSales {
    /// The signed-in user's name on the receipts; empty for sales from before users.
    pub cashier: String,
    pub sales: i64,
    pub sales_total: Som,
    pub returns: i64,
    pub returns_total: Som,
}

/// What came in and went back by one payment kind over the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSales {
    pub kind: PaymentKind,
    pub sales: Som,
    pub refunds: Som,
}

pub(crate) const BEST_SELLERS_SQL: &str = "
    SELECT l.product_id, max(l.name_ky), max(l.name_ru), max(l.name_en),
           sum(CASE s.kind WHEN 'sale' THEN l.qty_milli ELSE -l.qty_milli END),
           sum(CASE s.kind WHEN 'sale' THEN l.amount ELSE -l.amount END) AS revenue,
           p.cost
    FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN products p ON p.id = l.product_id
    WHERE {DAY} BETWEEN ?1 AND ?2
    GROUP BY l.product_id ORDER BY revenue DESC, l.product_id";

pub(crate) const CASHIERS_SQL: &str = "
    SELECT coalesce(s.user, ''),
           sum(s.kind = 'sale'), sum(CASE s.kind WHEN 'sale' THEN s.total ELSE 0 END),
           sum(s.kind = 'return'), sum(CASE s.kind WHEN 'return' THEN s.total ELSE 0 END)
    FROM sales s WHERE {DAY} BETWEEN ?1 AND ?2
    GROUP BY 1 ORDER BY 3 DESC, 1";

pub(crate) const PAYMENTS_SQL: &str = "
    SELECT p.kind, sum(CASE s.kind WHEN 'sale' THEN p.applied ELSE 0 END),
           sum(CASE s.kind WHEN 'return' THEN p.applied ELSE 0 END)
    FROM sales s JOIN payments p ON p.sale_id = s.id
    WHERE {DAY} BETWEEN ?1 AND ?2 GROUP BY p.kind";

fn sql(template: &str) -> String {
    template.replace("{DAY}", SALE_DAY)
}

/// Returns over the range by reason: how many receipts and what they refunded (returns from before reasons were
/// asked, or made without one, count under `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonReturns {
    pub reason: Option<ReasonKind>,
    pub returns: i64,
    pub refunded: Som,
}

pub(crate) const REASONS_SQL: &str = "
    SELECT r.reason, count(*), sum(s.total)
    FROM sales s LEFT JOIN return_reasons r ON r.sale_id = s.id
    WHERE {DAY} BETWEEN ?1 AND ?2 AND s.kind = 'return'
    GROUP BY 1 ORDER BY 3 DESC, 1";

/// Records why return `sale_id` came back, in the return's own transaction, journaled in an entry of its own.
pub(super) fn insert_reason(
    tx: &rusqlite::Transaction<'_>,
    sale_id: i64,
    reason: &ReturnReason,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO return_reasons(sale_id, reason, note) VALUES (?1, ?2, ?3)",
        rusqlite::params![sale_id, reason.kind.code(), reason.note],
    )?;
    super::journal::append(
        tx,
        Some(at),
        "return_reason",
        &sale_id.to_string(),
        &serde_json::json!({ "reason": reason.kind.code(), "note": reason.note }),
    )?;
    Ok(())
}

impl Store {
    /// Why a stored return came back, if it was said.
    pub fn return_reason(&self, sale_id: i64) -> Result<Option<ReturnReason>> {
        use rusqlite::OptionalExtension;
        let row = self
            .conn()
            .query_row(
                "SELECT reason, note FROM return_reasons WHERE sale_id = ?1",
                [sale_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?;
        row.map(|(kind, note)| {
            Ok(ReturnReason {
                kind: kind.parse().map_err(StoreError::Corrupt)?,
                note,
            })
        })
        .transpose()
    }

    /// Returns in the range by reason, the largest refunds first.
    pub fn reason_returns(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ReasonReturns>> {
        let mut stmt = self.conn().prepare_cached(&sql(REASONS_SQL))?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (reason, returns, refunded) = row?;
            out.push(ReasonReturns {
                reason: reason.map(|r| r.parse()).transpose().map_err(StoreError::Corrupt)?,
                returns,
                refunded: Som::from_tyiyn(refunded),
            });
        }
        Ok(out)
    }

    /// Every product sold in the range, best revenue first.
    pub fn product_sales(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ProductSales>> {
        let mut stmt = self.conn().prepare_cached(&sql(BEST_SELLERS_SQL))?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok(ProductSales {
                product_id: r.get(0)?,
                names: [r.get(1)?, r.get(2)?, r.get(3)?],
                qty_milli: r.get(4)?,
                revenue: Som::from_tyiyn(r.get(5)?),
                unit_cost: r.get::<_, Option<i64>>(6)?.map(Som::from_tyiyn),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Receipts per cashier in the range, the largest takings first.
    pub fn cashier_sales(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CashierSales>> {
        let mut stmt = self.conn().prepare_cached(&sql(CASHIERS_SQL))?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok(CashierSales {
                cashier: r.get(0)?,
                sales: r.get(1)?,
                sales_total: Som::from_tyiyn(r.get(2)?),
                returns: r.get(3)?,
                returns_total: Som::from_tyiyn(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Takings and refunds per payment kind in the range; every kind is listed, in the kinds' order.
    pub fn payment_sales(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<PaymentSales>> {
        let mut out: Vec<PaymentSales> = [PaymentKind::Cash, PaymentKind::Card, PaymentKind::Qr]
            .into_iter()
            .map(|kind| PaymentSales {
                kind,
                sales: Som::ZERO,
                refunds: Som::ZERO,
            })
            .collect();
        let mut stmt = self.conn().prepare_cached(&sql(PAYMENTS_SQL))?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })?;
        for row in rows {
            let (kind, sales, refunds) = row?;
            let kind: PaymentKind = kind
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("payment kind '{kind}'")))?;
            if let Some(slot) = out.iter_mut().find(|p| p.kind == kind) {
                slot.sales = Som::from_tyiyn(sales);
                slot.refunds = Som::from_tyiyn(refunds);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each report's plan starts from the sales of the range through the business-day index: no scan of every
    /// sale, line or payment.
    #[test]
    fn every_report_reads_its_range_through_the_business_day_index() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("shop.db")).expect("store");
        for template in [BEST_SELLERS_SQL, CASHIERS_SQL, PAYMENTS_SQL, REASONS_SQL] {
            let mut stmt = store
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {}", sql(template)))
                .expect("plan");
            let plan: Vec<String> = stmt
                .query_map(["2026-11-01", "2026-11-30"], |r| r.get::<_, String>(3))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("plan rows");
            let first = plan.iter().find(|d| d.starts_with("SEARCH") || d.starts_with("SCAN"));
            assert!(
                first.is_some_and(|d| d.contains("sales_business_day")),
                "{template}: {plan:#?}"
            );
            assert!(
                !plan.iter().any(|d| d.starts_with("SCAN") && !d.contains("USING")),
                "{template}: {plan:#?}"
            );
        }
    }
}
