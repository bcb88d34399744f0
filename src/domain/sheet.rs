//! Spreadsheet views of the books: a table is a named sheet of typed columns, so a writer can give each cell its
//! real type (a number an accountant can add up, a date-time, a code kept as text with its leading zeros) and a
//! sums row. Sheet and column names are message keys (`acc-sheet-…`, `acc-col-…`), put in the reader's language
//! by the writer. Views only: the verified, checksummed files stay the CSV and JSON of the ledger.

use crate::domain::artisan::Statement;
use crate::domain::day::DayReport;
use crate::domain::ledger::Ledger;
use crate::domain::money::Som;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

/// One cell's value and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// Free text (names, reasons).
    Text(String),
    /// A code that must stay text: barcodes, the shop id, a hash.
    Code(String),
    /// A message key shown translated (a row label of a summary sheet); an unknown key is shown as it is.
    Key(String),
    Int(i64),
    /// A quantity or a rate, shown as it is.
    Number(Decimal),
    /// An amount with two decimals.
    Money(Decimal),
    /// A local date-time (at the day's UTC offset).
    Time(NaiveDateTime),
    Date(NaiveDate),
}

impl Cell {
    fn money(v: Som) -> Cell {
        Cell::Money(v.amount())
    }

    /// The cell's number, for sums.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Cell::Int(v) => Some(Decimal::from(*v)),
            Cell::Number(v) | Cell::Money(v) => Some(*v),
            _ => None,
        }
    }
}

/// A sheet: its name key, its columns' keys, its rows, and which columns get a sum at the bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub sums: Vec<usize>,
}

impl Sheet {
    fn new(name: &'static str, columns: &[&'static str], sums: &[&str]) -> Sheet {
        Sheet {
            name,
            columns: columns.to_vec(),
            rows: Vec::new(),
            sums: columns
                .iter()
                .enumerate()
                .filter(|(_, c)| sums.contains(c))
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The sum of column `col` over every row (what the sums row holds).
    pub fn sum(&self, col: usize) -> Decimal {
        self.rows.iter().filter_map(|r| r.get(col)?.value()).sum()
    }
}

/// A stored RFC 3339 time as a local date-time at `offset`; an unreadable one stays text.
fn time(at: &str, offset: FixedOffset) -> Cell {
    match DateTime::parse_from_rfc3339(at) {
        Ok(t) => Cell::Time(t.with_timezone(&offset).naive_local()),
        Err(_) => Cell::Text(at.to_string()),
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn opt_int(v: Option<i64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Int)
}

/// The day's summary rows of an X/Z report: counts and totals, payments per kind, the drawer per currency.
fn summary(r: &DayReport, offset: FixedOffset, sheet: &mut Sheet) {
    let mut put = |key: &str, value: Cell| sheet.rows.push(vec![Cell::Key(key.to_string()), value]);
    put("day", Cell::Date(r.day));
    put("register", Cell::Code(r.register.to_string()));
    put("opened_at", time(&r.opened_at, offset));
    put("at", time(&r.at, offset));
    put("sales_count", Cell::Int(r.sales_count));
    put("returns_count", Cell::Int(r.returns_count));
    put("sales_total", Cell::money(r.sales_total));
    put("returns_total", Cell::money(r.returns_total));
    put("net", Cell::money(r.net));
    put("discounts", Cell::money(r.discounts));
    for k in &r.payments {
        put(&format!("paid_{}", k.kind.code()), Cell::money(k.sales));
        put(&format!("refunded_{}", k.kind.code()), Cell::money(k.refunds));
    }
}

fn tax_sheet(r: &DayReport) -> Sheet {
    let cols = ["vat_pct", "sales_tax_pct", "gross", "vat", "sales_tax", "net"];
    let mut s = Sheet::new("tax", &cols, &cols[2..]);
    for t in &r.tax {
        s.rows.push(vec![
            Cell::Number(t.vat_pct.normalize()),
            Cell::Number(t.sales_tax_pct.normalize()),
            Cell::money(t.gross),
            Cell::money(t.vat),
            Cell::money(t.sales_tax),
            Cell::money(t.net),
        ]);
    }
    s
}

fn drawer_sheet(r: &DayReport) -> Sheet {
    let cols = [
        "currency",
        "float",
        "cash_sales",
        "refunds",
        "cash_in",
        "cash_out",
        "payouts",
        "expected",
    ];
    let mut cols = cols.to_vec();
    cols.extend(["counted", "variance"]);
    let mut s = Sheet::new("drawer", &cols, &[]);
    for d in &r.drawer {
        let f = &d.flow;
        s.rows.push(vec![
            Cell::Code(d.currency.code().to_string()),
            Cell::Money(f.float),
            Cell::Money(f.sales),
            Cell::Money(f.refunds),
            Cell::Money(f.cash_in),
            Cell::Money(f.cash_out),
            Cell::Money(f.payouts),
            Cell::Money(d.expected),
            d.counted.map_or(Cell::Empty, Cell::Money),
            d.variance.map_or(Cell::Empty, Cell::Money),
        ]);
    }
    s
}

/// An X or Z report: the summary, tax per rate (with sums), the drawer per currency.
pub fn day_report(r: &DayReport) -> Vec<Sheet> {
    let offset = DateTime::parse_from_rfc3339(&r.at)
        .map(|t| *t.offset())
        .unwrap_or_else(|_| crate::domain::bishkek());
    let mut s = Sheet::new("summary", &["key", "value"], &[]);
    summary(r, offset, &mut s);
    vec![s, tax_sheet(r), drawer_sheet(r)]
}

/// A ledger: the day, sales, returns, payments, tax, stock and artisans, one sheet each, with a product's barcode
/// and name on each line (the CSV's item number spelled out).
pub fn ledger(l: &Ledger, names_ru: bool) -> Vec<Sheet> {
    let offset = super::ledger::v2::day_offset(l);
    let mut day = Sheet::new("day", &["key", "value"], &[]);
    day.rows
        .push(vec![Cell::Key("shop_id".into()), Cell::Code(l.shop_id.clone())]);
    day.rows.push(vec![Cell::Key("shop_name".into()), text(&l.shop_name)]);
    let status = if l.provisional { "provisional" } else { "closed" };
    day.rows
        .push(vec![Cell::Key("status".into()), Cell::Key(status.into())]);
    day.rows
        .push(vec![Cell::Key("utc_offset".into()), Cell::Text(offset.to_string())]);
    day.rows.push(vec![
        Cell::Key("journal_head".into()),
        Cell::Code(l.journal_head.clone()),
    ]);
    summary(&l.summary, offset, &mut day);
    let mut sheets = vec![day];

    let cols = [
        "receipt_no",
        "original_receipt_no",
        "at",
        "line_no",
        "barcode",
        "name",
        "category",
        "artisan",
        "qty",
        "unit_price",
        "gross",
        "discount",
        "amount",
        "vat_pct",
    ];
    for (name, kind) in [("sales", "sale"), ("returns", "return")] {
        let mut s = Sheet::new(name, &cols, &["qty", "gross", "discount", "amount"]);
        for r in l.lines.iter().filter(|r| r.kind == kind) {
            let name = if names_ru && !r.name_ru.is_empty() {
                &r.name_ru
            } else {
                &r.name_ky
            };
            s.rows.push(vec![
                Cell::Int(r.receipt_no),
                opt_int(r.original_receipt_no),
                time(&r.at, offset),
                Cell::Int(i64::from(r.line_no)),
                Cell::Code(r.barcode.to_string()),
                text(name),
                text(&r.category),
                text(&r.artisan),
                Cell::Number(r.qty.normalize()),
                Cell::money(r.unit_price),
                Cell::money(r.gross),
                Cell::money(r.discount),
                Cell::money(r.amount),
                Cell::Number(r.vat_pct.normalize()),
            ]);
        }
        sheets.push(s);
    }

    let cols = [
        "receipt_no",
        "kind",
        "method",
        "currency",
        "tendered",
        "tendered_som",
        "applied",
    ];
    let mut s = Sheet::new("payments", &cols, &["tendered_som", "applied"]);
    for p in &l.payments {
        s.rows.push(vec![
            Cell::Int(p.receipt_no),
            Cell::Key(p.kind.to_string()),
            Cell::Key(p.method.to_string()),
            Cell::Code(p.currency.to_string()),
            Cell::Money(p.tendered),
            Cell::money(p.tendered_som),
            Cell::money(p.applied),
        ]);
    }
    sheets.push(s);
    sheets.push(tax_sheet(&l.summary));

    let cols = ["id", "at", "barcode", "kind", "qty", "reason", "receipt_no"];
    let mut s = Sheet::new("stock", &cols, &[]);
    for m in &l.stock {
        s.rows.push(vec![
            Cell::Int(m.id),
            time(&m.at, offset),
            Cell::Code(m.barcode.to_string()),
            Cell::Key(m.kind.to_string()),
            Cell::Number(m.qty.normalize()),
            text(&m.reason),
            opt_int(m.receipt_no),
        ]);
    }
    sheets.push(s);

    let cols = [
        "artisan",
        "items_sold",
        "items_returned",
        "sales",
        "returns",
        "gross",
        "commission",
        "owed",
    ];
    let mut s = Sheet::new("artisans", &cols, &cols[1..]);
    for a in &l.artisans {
        s.rows.push(vec![
            Cell::Code(a.artisan.clone()),
            Cell::Number(a.items_sold.normalize()),
            Cell::Number(a.items_returned.normalize()),
            Cell::money(a.sales),
            Cell::money(a.returns),
            Cell::money(a.gross),
            Cell::money(a.commission),
            Cell::money(a.owed),
        ]);
    }
    sheets.push(s);
    sheets
}

/// The columns of an artisans' statement, in the CSV and the workbook alike.
pub const STATEMENT_COLUMNS: [&str; 14] = [
    "artisan",
    "name",
    "from",
    "to",
    "items_sold",
    "items_returned",
    "sales",
    "returns",
    "gross",
    "commission",
    "owed",
    "brought_forward",
    "already_paid",
    "balance",
];

/// Artisans' statements over a period, one row per artisan.
pub fn statements(rows: &[Statement], from: NaiveDate, to: NaiveDate) -> Vec<Sheet> {
    let cols = STATEMENT_COLUMNS;
    let mut s = Sheet::new("statements", &cols, &cols[4..]);
    for r in rows {
        let t = &r.totals;
        s.rows.push(vec![
            Cell::Code(r.artisan.to_string()),
            text(&r.name),
            Cell::Date(from),
            Cell::Date(to),
            Cell::Number(t.items_sold.normalize()),
            Cell::Number(t.items_returned.normalize()),
            Cell::money(t.sales),
            Cell::money(t.returns),
            Cell::money(t.gross),
            Cell::money(t.commission),
            Cell::money(t.owed),
            Cell::money(r.brought_forward),
            Cell::money(r.already_paid),
            Cell::money(r.balance),
        ]);
    }
    vec![s]
}

/// One row of a pool report: its key (a shop, an artisan, a category or a month), sales, returns, net, items.
pub struct PoolLine<'a> {
    pub key: &'a str,
    pub sales: Som,
    pub returns: Som,
    pub net: Som,
    pub items: i64,
}

/// A pool report grouped by `by` (`shop`, `artisan`, `category`, `month`).
pub fn pool<'a>(by: &'static str, rows: impl IntoIterator<Item = PoolLine<'a>>) -> Vec<Sheet> {
    let cols = [by, "sales", "returns", "net", "items"];
    let mut s = Sheet::new("pool", &cols, &cols[1..]);
    for r in rows {
        s.rows.push(vec![
            if by == "shop" || by == "artisan" {
                Cell::Code(r.key.to_string())
            } else {
                text(r.key)
            },
            Cell::money(r.sales),
            Cell::money(r.returns),
            Cell::money(r.net),
            Cell::Int(r.items),
        ]);
    }
    vec![s]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_local_at_the_offset_and_bad_ones_stay_text() {
        let offset = crate::domain::bishkek();
        let want = NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(0, 35, 9))
            .map(Cell::Time);
        assert_eq!(Some(time("2026-12-01T18:35:09Z", offset)), want);
        assert_eq!(time("yesterday", offset), Cell::Text("yesterday".into()));
    }

    #[test]
    fn sums_add_numbers_only() {
        let mut s = Sheet::new("t", &["a", "b"], &["b"]);
        s.rows
            .push(vec![Cell::Text("x".into()), Cell::Money(Decimal::new(150, 2))]);
        s.rows.push(vec![Cell::Empty, Cell::Int(2)]);
        assert_eq!(s.sums, vec![1]);
        assert_eq!(s.sum(1), Decimal::new(350, 2));
        assert_eq!(s.sum(0), Decimal::ZERO);
    }
}
