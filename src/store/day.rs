//! Business days and the cash drawer. A sale belongs to the day that is open when it commits; with no open day
//! the sale opens one itself (a tourist is never turned away because the manager forgot to open the day): the
//! calendar day of the sale, or the day after the last closed one when that is later. So a closed day never
//! receives another sale: later sales go to the next day. A trigger refuses a sale or a cash movement on a
//! closed day even if this logic were bypassed.

use super::journal::{append, head_tx};
use super::{Result, Store, StoreError, decimal};
use crate::domain::currency::{Currency, Money};
use crate::domain::day::{CashFlow, CashMoveKind, DayFacts, DayReport, KindTotal, ReportKind, TaxTotal, report};
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::json;

/// Which business day a sale row belongs to (sales from before days existed: their calendar day).
pub(crate) const SALE_DAY: &str = "coalesce(s.day, substr(s.at, 1, 10))";

/// A business day as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DayRecord {
    pub id: i64,
    pub day: NaiveDate,
    pub opened_at: String,
    /// Opened by a sale or cash movement rather than by the manager.
    pub implicit: bool,
    pub closed_at: Option<String>,
    /// The Z report's row (for printing) once closed.
    pub close_id: Option<i64>,
    /// The journal's head hash written with the close.
    pub journal_head: Option<String>,
}

fn parse_day(text: &str) -> Result<NaiveDate> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("business day '{text}'")))
}

fn record(conn: &Connection, filter: &str, arg: &str) -> Result<Option<DayRecord>> {
    let sql = format!("{DAY_SELECT} WHERE {filter} ORDER BY d.day DESC LIMIT 1");
    conn.prepare_cached(&sql)?
        .query_row([arg], day_row)
        .optional()?
        .map(day_record)
        .transpose()
}

/// The business days from `from` to `to`, both included, oldest first.
fn records_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayRecord>> {
    let sql = format!("{DAY_SELECT} WHERE d.day BETWEEN ?1 AND ?2 ORDER BY d.day");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([from.to_string(), to.to_string()], day_row)?;
    rows.map(|r| day_record(r?)).collect()
}

const DAY_SELECT: &str = "SELECT d.id, d.day, d.opened_at, d.implicit, c.closed_at, c.id, c.journal_head
         FROM days d LEFT JOIN day_closes c ON c.day = d.day";

type DayRow = (i64, String, String, bool, Option<String>, Option<i64>, Option<String>);

fn day_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DayRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn day_record((id, day, opened_at, implicit, closed_at, close_id, journal_head): DayRow) -> Result<DayRecord> {
    Ok(DayRecord {
        id,
        day: parse_day(&day)?,
        opened_at,
        implicit,
        closed_at,
        close_id,
        journal_head,
    })
}

fn open_record(conn: &Connection) -> Result<Option<DayRecord>> {
    record(conn, "c.id IS NULL AND ?1 = ?1", "")
}

/// The day a new day would be: the calendar day of `at`, or the day after the last closed day if later.
fn next_day(conn: &Connection, at: &DateTime<FixedOffset>) -> Result<NaiveDate> {
    let last: Option<String> = conn.query_row("SELECT max(day) FROM day_closes", [], |r| r.get(0))?;
    let after_last = last.map(|d| parse_day(&d)).transpose()?.and_then(|d| d.succ_opt());
    Ok(after_last.map_or(at.date_naive(), |d| d.max(at.date_naive())))
}

fn stamp(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn insert_day(tx: &Transaction<'_>, day: NaiveDate, at: &str, implicit: bool) -> Result<()> {
    tx.execute(
        "INSERT INTO days(day, opened_at, implicit) VALUES (?1, ?2, ?3)",
        params![day.to_string(), at, implicit],
    )?;
    append(
        tx,
        Some(at),
        "day_open",
        &day.to_string(),
        &json!({ "day": day.to_string(), "implicit": implicit }),
    )?;
    Ok(())
}

/// The open business day, opening one implicitly when there is none. Called inside the writing transaction.
pub(crate) fn current_or_open(tx: &Transaction<'_>, at: &DateTime<FixedOffset>) -> Result<NaiveDate> {
    if let Some(open) = open_record(tx)? {
        return Ok(open.day);
    }
    let day = next_day(tx, at)?;
    insert_day(tx, day, &stamp(at), true)?;
    Ok(day)
}

pub(crate) fn insert_cash_move(
    tx: &Transaction<'_>,
    day: NaiveDate,
    kind: CashMoveKind,
    money: Money,
    reason: &str,
    at: &str,
) -> Result<i64> {
    if money.amount <= rust_decimal::Decimal::ZERO {
        return Err(StoreError::Conflict(format!("cash amount {money} must be positive")));
    }
    tx.execute(
        "INSERT INTO cash_moves(day, kind, currency, amount, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            day.to_string(),
            kind.code(),
            money.currency.code(),
            money.amount.to_string(),
            reason,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    append(
        tx,
        Some(at),
        &format!("cash_{}", kind.code()),
        &id.to_string(),
        &json!({ "day": day.to_string(), "currency": money.currency.code(), "amount": money.amount.to_string(),
                 "reason": reason }),
    )?;
    Ok(id)
}

impl Store {
    /// Opens the next business day with the counted float per currency. Refused while a day is open.
    pub fn open_day(&mut self, at: &DateTime<FixedOffset>, floats: &[Money]) -> Result<DayRecord> {
        self.write(|tx| {
            if let Some(open) = open_record(tx)? {
                return Err(StoreError::Conflict(format!(
                    "business day {} is already open (since {}); close it first, or use cash-in to add money",
                    open.day, open.opened_at
                )));
            }
            let day = next_day(tx, at)?;
            let stamp = stamp(at);
            insert_day(tx, day, &stamp, false)?;
            for f in floats.iter().filter(|f| !f.amount.is_zero()) {
                insert_cash_move(tx, day, CashMoveKind::Float, *f, "float", &stamp)?;
            }
            open_record(tx)?.ok_or_else(|| StoreError::Conflict("the day just opened is gone".into()))
        })
    }

    /// The open business day, if any.
    pub fn open_day_record(&self) -> Result<Option<DayRecord>> {
        open_record(self.conn())
    }

    /// A business day by date.
    pub fn day_record(&self, day: NaiveDate) -> Result<Option<DayRecord>> {
        record(self.conn(), "d.day = ?1", &day.to_string())
    }

    /// The business days from `from` to `to`, both included, oldest first (a day the shop did not open has none).
    pub fn days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayRecord>> {
        records_between(self.conn(), from, to)
    }

    /// The Z report stored with a close.
    pub fn z_report(&self, close_id: i64) -> Result<Option<DayReport>> {
        let text: Option<String> = self
            .conn()
            .query_row("SELECT report FROM day_closes WHERE id = ?1", [close_id], |r| r.get(0))
            .optional()?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("Z report {close_id}: {e}"))))
            .transpose()
    }

    /// Cash into or out of the drawer of the open day (opening one implicitly). Returns the day.
    pub fn cash_move(
        &mut self,
        at: &DateTime<FixedOffset>,
        kind: CashMoveKind,
        money: Money,
        reason: &str,
    ) -> Result<NaiveDate> {
        self.write(|tx| {
            let day = current_or_open(tx, at)?;
            insert_cash_move(tx, day, kind, money, reason, &stamp(at))?;
            Ok(day)
        })
    }

    /// The facts of a day's report, read now.
    pub fn day_facts(&self, day: NaiveDate) -> Result<DayFacts> {
        facts(self.conn(), day)
    }

    /// Closes the open day: builds the Z report from the day's facts and the counts inside one transaction (so no
    /// sale can slip in between), stores it with the journal head, and returns it with its row id.
    pub fn close_day(
        &mut self,
        at: &DateTime<FixedOffset>,
        register: &str,
        counts: &[Money],
    ) -> Result<(i64, DayReport)> {
        self.write(|tx| {
            let open = open_record(tx)?.ok_or_else(|| StoreError::Conflict("no business day is open".into()))?;
            let stamp = stamp(at);
            let facts = facts(tx, open.day)?;
            let z = report(
                ReportKind::Z,
                open.day,
                register,
                &open.opened_at,
                &stamp,
                &facts,
                Some(counts),
            );
            let text = serde_json::to_string(&z).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let drawer: Vec<_> = z
                .drawer
                .iter()
                .map(|l| {
                    json!({ "currency": l.currency.code(), "expected": l.expected.to_string(),
                    "counted": l.counted.map(|c| c.to_string()), "variance": l.variance.map(|v| v.to_string()) })
                })
                .collect();
            // The head of every fact up to the close; the close's own entry then commits to this row.
            let head = head_tx(tx)?;
            tx.execute(
                "INSERT INTO day_closes(day, closed_at, report, journal_head) VALUES (?1, ?2, ?3, ?4)",
                params![open.day.to_string(), stamp, text, head.hash],
            )?;
            let id = tx.last_insert_rowid();
            append(
                tx,
                Some(&stamp),
                "day_close",
                &open.day.to_string(),
                &json!({ "day": open.day.to_string(), "net": z.net, "sales": z.sales_count,
                         "returns": z.returns_count, "drawer": drawer }),
            )?;
            Ok((id, z))
        })
    }
}

fn som_sum(conn: &Connection, sql: &str, day: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([day], |r| r.get::<_, Option<i64>>(0))?
        .unwrap_or(0))
}

fn facts(conn: &Connection, day: NaiveDate) -> Result<DayFacts> {
    let d = day.to_string();
    let mut f = DayFacts::default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.kind, count(*), sum(s.total), sum(s.discount) FROM sales s WHERE {SALE_DAY} = ?1 GROUP BY s.kind"
    ))?;
    let rows = stmt.query_map([&d], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    for row in rows {
        let (kind, n, total, discount): (String, i64, i64, i64) = row?;
        if kind == "sale" {
            f.sales_count = n;
            f.sales_total = Som::from_tyiyn(total);
            f.discounts = Som::from_tyiyn(discount);
        } else {
            f.returns_count = n;
            f.returns_total = Som::from_tyiyn(total);
        }
    }

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.kind, sum(CASE s.kind WHEN 'sale' THEN p.applied ELSE 0 END),
                sum(CASE s.kind WHEN 'return' THEN p.applied ELSE 0 END)
         FROM payments p JOIN sales s ON s.id = p.sale_id WHERE {SALE_DAY} = ?1 GROUP BY p.kind ORDER BY p.kind"
    ))?;
    let rows = stmt.query_map([&d], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
    for row in rows {
        let (kind, sales, refunds): (String, i64, i64) = row?;
        let kind: PaymentKind = kind
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("payment kind '{kind}'")))?;
        f.payments.push(KindTotal {
            kind,
            sales: Som::from_tyiyn(sales),
            refunds: Som::from_tyiyn(refunds),
        });
    }
    f.payments.sort_by_key(|k| k.kind);

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.vat_pct, t.sales_tax_pct,
                sum(CASE s.kind WHEN 'sale' THEN t.gross ELSE -t.gross END),
                sum(CASE s.kind WHEN 'sale' THEN t.vat ELSE -t.vat END),
                sum(CASE s.kind WHEN 'sale' THEN t.sales_tax ELSE -t.sales_tax END),
                sum(CASE s.kind WHEN 'sale' THEN t.net ELSE -t.net END)
         FROM sale_taxes t JOIN sales s ON s.id = t.sale_id WHERE {SALE_DAY} = ?1
         GROUP BY t.vat_pct, t.sales_tax_pct"
    ))?;
    let rows = stmt.query_map([&d], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    for row in rows {
        let (vat_pct, st_pct, gross, vat, st, net) = row?;
        f.tax.push(TaxTotal {
            vat_pct: decimal(&vat_pct)?,
            sales_tax_pct: decimal(&st_pct)?,
            gross: Som::from_tyiyn(gross),
            vat: Som::from_tyiyn(vat),
            sales_tax: Som::from_tyiyn(st),
            net: Som::from_tyiyn(net),
        });
    }
    f.tax.sort_by_key(|t| (t.vat_pct, t.sales_tax_pct));

    let mut cash: Vec<(Currency, CashFlow)> = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.kind, p.currency, p.tendered FROM payments p JOIN sales s ON s.id = p.sale_id
         WHERE p.kind = 'cash' AND {SALE_DAY} = ?1 ORDER BY p.id"
    ))?;
    let rows = stmt.query_map([&d], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut rows_seen = Vec::new();
    for row in rows {
        rows_seen.push(row?);
    }
    for (kind, currency, tendered) in rows_seen {
        let currency: Currency = currency
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("currency '{currency}'")))?;
        let amount = decimal(&tendered)?;
        let slot = flow(&mut cash, currency);
        if kind == "sale" {
            slot.sales += amount;
        } else {
            slot.refunds += amount;
        }
    }
    // Change is always given in som, from the drawer.
    let change = som_sum(
        conn,
        &format!(
            "SELECT sum(CASE s.kind WHEN 'sale' THEN s.change ELSE -s.change END) FROM sales s WHERE {SALE_DAY} = ?1"
        ),
        &d,
    )?;
    if change != 0 {
        flow(&mut cash, Currency::Kgs).sales -= Som::from_tyiyn(change).amount();
    }
    let mut stmt = conn.prepare_cached("SELECT kind, currency, amount FROM cash_moves WHERE day = ?1 ORDER BY id")?;
    let rows = stmt.query_map([&d], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut moves = Vec::new();
    for row in rows {
        moves.push(row?);
    }
    for (kind, currency, amount) in moves {
        let kind = CashMoveKind::from_code(&kind).ok_or_else(|| StoreError::Corrupt(format!("cash move '{kind}'")))?;
        let currency: Currency = currency
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("currency '{currency}'")))?;
        flow(&mut cash, currency).add_move(kind, decimal(&amount)?);
    }
    cash.sort_by_key(|(c, _)| *c);
    f.cash = cash;
    Ok(f)
}

fn flow(cash: &mut Vec<(Currency, CashFlow)>, currency: Currency) -> &mut CashFlow {
    let i = match cash.iter().position(|(c, _)| *c == currency) {
        Some(i) => i,
        None => {
            cash.push((currency, CashFlow::default()));
            cash.len() - 1
        }
    };
    &mut cash[i].1
}
