//! The file encodings `usta-ledger/2`, `usta-ledger/3` and `usta-ledger/4`, in the version the ledger's `format`
//! names. Lines carry
//! an item number instead of their product's names: each distinct product of the day (id, barcode, names,
//! category, artisan, commission, VAT as the lines recorded them) is named once in `products.csv`.
//! `usta-ledger/3` adds two columns at the end of each product's row, and two elements at the end of each item
//! in `ledger.json`: the product's craft technique (a code of the dictionary, the same in every shop) and its
//! artisan's region (text), empty when not given; the rest is the same bytes as `usta-ledger/2`.
//! `usta-ledger/4` is `usta-ledger/3` with a line of `ledger.json` five elements long (number, item, quantity,
//! unit price, discount) where its gross is its quantity times its unit price and its amount that gross less
//! the discount, as on almost every line; a line where either is not so keeps all seven. Its CSV files are the
//! `usta-ledger/3` bytes but for the format line of `day.csv`.
//!
//! `ledger.json` holds the same facts compactly: receipts with their lines and payments as arrays, amounts in
//! tyiyn, a stock movement's time and barcode left out where its receipt and item already say them. The files
//! are written field by field into one buffer per file, with no per-row allocation.
//!
//! `excel-ru` cells open typed in Excel and LibreOffice Calc (ru-RU): times as local `ДД.ММ.ГГГГ ЧЧ:ММ:СС` (the
//! UTC offset once, in `day.csv`), every amount with two decimals and a decimal comma, and codes (barcodes, the
//! shop id, the journal head) as `="0036000291452"`, the one form both keep as text with its leading zeros (a
//! leading apostrophe stays visible in Calc; a bare code loses its zeros). `plain` stays machine-friendly: ISO
//! times, a dot, bare codes.

use super::{Dialect, Ledger, LedgerError, LineRow, PaymentRow, StockRow, Text, Texts, bad};
use crate::domain::artisan::ArtisanTotals;
use crate::domain::day::DayReport;
use crate::domain::money::Som;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The format tag in its `ledger.json` and MANIFEST.
pub const FORMAT: &str = "usta-ledger/2";
/// The format tag of the version with technique and region.
pub const FORMAT_V3: &str = "usta-ledger/3";
/// The format tag of the version with technique and region and short lines.
pub const FORMAT_V4: &str = "usta-ledger/4";
/// Its CSV files, in MANIFEST order.
pub const CSV_FILES: [&str; 8] = [
    "day.csv",
    "products.csv",
    "sales.csv",
    "returns.csv",
    "payments.csv",
    "tax.csv",
    "stock.csv",
    "artisans.csv",
];

/// The distinct products of a day's lines, numbered from 1 in order of first appearance.
struct Items<'a> {
    /// The first line of each item (its names and rates).
    first: Vec<&'a LineRow>,
    /// The item number of each line, in line order.
    of_line: Vec<u32>,
    /// Products only moved in stock (not sold or returned): (product id, barcode), numbered after the items.
    stock_only: Vec<(i64, &'a str)>,
    /// The barcode of each product's first item, which a stock movement of it need not repeat.
    barcode_of: HashMap<i64, &'a str>,
}

/// What makes two lines the same item: their product as the lines recorded it.
fn same_item(a: &LineRow, b: &LineRow) -> bool {
    a.product_id == b.product_id
        && a.barcode == b.barcode
        && a.name_ky == b.name_ky
        && a.name_ru == b.name_ru
        && a.category == b.category
        && a.artisan == b.artisan
        && a.technique == b.technique
        && a.region == b.region
        // Decimals compare by value (25 == 25.0), as the rates were matched before.
        && a.commission_pct == b.commission_pct
        && a.vat_pct == b.vat_pct
}

fn items(l: &Ledger) -> Items<'_> {
    // Looked up by product id, then compared field by field: hashing every line's names cost more than the rest
    // of the numbering (a product almost always has one item, so the list is one long).
    let mut by_product: HashMap<i64, Vec<u32>> = HashMap::new();
    let mut first: Vec<&LineRow> = Vec::new();
    let mut of_line = Vec::with_capacity(l.lines.len());
    let mut barcode_of = HashMap::new();
    for line in &l.lines {
        let known = by_product.entry(line.product_id).or_default();
        let n = match known.iter().find(|&&n| same_item(first[n as usize - 1], line)) {
            Some(&n) => n,
            None => {
                // A product's first line always starts an item: its barcode is the product's first.
                barcode_of.entry(line.product_id).or_insert(line.barcode.as_str());
                first.push(line);
                let n = first.len() as u32;
                known.push(n);
                n
            }
        };
        of_line.push(n);
    }
    let mut stock_only = Vec::new();
    let mut seen: HashMap<i64, ()> = HashMap::new();
    for m in &l.stock {
        if !barcode_of.contains_key(&m.product_id) && seen.insert(m.product_id, ()).is_none() {
            stock_only.push((m.product_id, m.barcode.as_str()));
        }
    }
    Items {
        first,
        of_line,
        stock_only,
        barcode_of,
    }
}

/// What a version of this encoding holds.
#[derive(Clone, Copy)]
struct Version {
    tag: &'static str,
    /// Each product with its technique and region (`usta-ledger/3` on).
    craft: bool,
    /// A line without its gross and amount where they follow from the rest (`usta-ledger/4` on).
    short_lines: bool,
}

/// The version a ledger is encoded in, by its `format`; any other is not this encoder's.
fn version(format: &str) -> Result<Version, LedgerError> {
    let (tag, craft, short_lines) = match format {
        FORMAT => (FORMAT, false, false),
        FORMAT_V3 => (FORMAT_V3, true, false),
        FORMAT_V4 => (FORMAT_V4, true, true),
        other => {
            return Err(bad(
                super::JSON,
                format!("format '{other}' is not {FORMAT}, {FORMAT_V3} or {FORMAT_V4}"),
            ));
        }
    };
    Ok(Version {
        tag,
        craft,
        short_lines,
    })
}

/// The UTC offset of the day's times: that of its first timestamp, else Asia/Bishkek's.
pub(crate) fn day_offset(l: &Ledger) -> FixedOffset {
    let stamps = l
        .lines
        .iter()
        .map(|r| r.at.as_str())
        .chain(l.stock.iter().map(|m| m.at.as_str()))
        .chain([l.summary.opened_at.as_str(), l.summary.at.as_str()]);
    stamps
        .filter_map(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| *t.offset())
        .next()
        .unwrap_or_else(crate::domain::bishkek)
}

/// The decimal digits of `v`, as `Display` writes them, without going through the formatter.
fn digits(out: &mut Vec<u8>, v: u64) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(ascii_digits(v, &mut buf).as_bytes());
}

/// `v`'s decimal digits written at the end of `buf`.
fn ascii_digits(mut v: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// One CSV file being written: a separator before every field but the first of a row, quoting only where needed.
struct Csv {
    out: Vec<u8>,
    dialect: Dialect,
    delimiter: u8,
    row_started: bool,
    /// The day's offset as text (`+06:00`) and as a value, for local times.
    offset: FixedOffset,
    offset_text: String,
    scratch: String,
}

impl Csv {
    fn new(dialect: Dialect, offset: FixedOffset, capacity: usize) -> Csv {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(dialect.preamble());
        Csv {
            out,
            dialect,
            delimiter: dialect.delimiter(),
            row_started: false,
            offset,
            offset_text: offset.to_string(),
            scratch: String::with_capacity(64),
        }
    }

    fn sep(&mut self) {
        if self.row_started {
            self.out.push(self.delimiter);
        }
        self.row_started = true;
    }

    fn end(&mut self) {
        self.out.extend_from_slice(b"\r\n");
        self.row_started = false;
    }

    fn header(&mut self, names: &[&str]) {
        for n in names {
            self.text(n);
        }
        self.end();
    }

    /// A text cell, quoted when it holds the separator, a quote or a line break.
    fn text(&mut self, s: &str) {
        self.sep();
        let d = self.delimiter;
        if s.bytes().any(|b| b == d || b == b'"' || b == b'\r' || b == b'\n') {
            self.out.push(b'"');
            for b in s.bytes() {
                if b == b'"' {
                    self.out.push(b'"');
                }
                self.out.push(b);
            }
            self.out.push(b'"');
        } else {
            self.out.extend_from_slice(s.as_bytes());
        }
    }

    /// A code that must stay text (leading zeros, long digit runs): `="…"` in excel-ru, bare in plain.
    fn code(&mut self, s: &str) {
        match self.dialect {
            Dialect::Plain => self.text(s),
            Dialect::ExcelRu if s.is_empty() => self.sep(),
            Dialect::ExcelRu => {
                self.scratch.clear();
                self.scratch.push_str("=\"");
                for c in s.chars() {
                    if c == '"' {
                        self.scratch.push('"');
                    }
                    self.scratch.push(c);
                }
                self.scratch.push('"');
                let cell = std::mem::take(&mut self.scratch);
                self.text(&cell);
                self.scratch = cell;
            }
        }
    }

    fn int(&mut self, v: i64) {
        self.sep();
        if v < 0 {
            self.out.push(b'-');
        }
        digits(&mut self.out, v.unsigned_abs());
    }

    fn opt_int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int(v),
            None => self.sep(),
        }
    }

    /// An amount in tyiyn with two decimals.
    fn tyiyn(&mut self, t: i64) {
        self.sep();
        if t < 0 {
            self.out.push(b'-');
        }
        let a = t.unsigned_abs();
        digits(&mut self.out, a / 100);
        let cents = (a % 100) as u8;
        self.out
            .push(if self.dialect == Dialect::ExcelRu { b',' } else { b'.' });
        self.out.extend_from_slice(&[b'0' + cents / 10, b'0' + cents % 10]);
    }

    fn money(&mut self, v: Som) -> Result<(), LedgerError> {
        let t = v.tyiyn().map_err(|e| bad("ledger", e.to_string()))?;
        self.tyiyn(t);
        Ok(())
    }

    /// Any decimal amount (a foreign currency, a drawer count) with two decimals.
    fn amount(&mut self, v: Decimal) {
        self.scratch.clear();
        let _ = write!(self.scratch, "{:.2}", v.round_dp(2));
        self.number_from_scratch();
    }

    /// A quantity or a rate as it is, without trailing zeros.
    fn number(&mut self, v: Decimal) {
        let v = v.normalize();
        // Most quantities are whole pieces: written as the integer they are, the same text as `Display` gives.
        if v.scale() == 0
            && !v.is_sign_negative()
            && let Ok(whole) = i64::try_from(v.mantissa())
        {
            return self.int(whole);
        }
        self.scratch.clear();
        let _ = write!(self.scratch, "{v}");
        self.number_from_scratch();
    }

    fn number_from_scratch(&mut self) {
        self.sep();
        let comma = self.dialect == Dialect::ExcelRu;
        for b in self.scratch.bytes() {
            self.out.push(if comma && b == b'.' { b',' } else { b });
        }
    }

    /// A timestamp: as stored (RFC 3339) in plain; in excel-ru the local `ДД.ММ.ГГГГ ЧЧ:ММ:СС` at the day's
    /// offset, which Calc and Excel read as a date-time.
    fn time(&mut self, at: &str) {
        if self.dialect == Dialect::Plain {
            return self.text(at);
        }
        let b = at.as_bytes();
        // The common case, a time already at the day's offset, is cut and pasted without parsing.
        if b.len() == 25 && b[10] == b'T' && at.get(19..) == Some(self.offset_text.as_str()) {
            self.sep();
            let o = &mut self.out;
            o.extend_from_slice(&b[8..10]);
            o.push(b'.');
            o.extend_from_slice(&b[5..7]);
            o.push(b'.');
            o.extend_from_slice(&b[0..4]);
            o.push(b' ');
            o.extend_from_slice(&b[11..19]);
            return;
        }
        match DateTime::parse_from_rfc3339(at) {
            Ok(t) => {
                self.scratch.clear();
                let _ = write!(
                    self.scratch,
                    "{}",
                    t.with_timezone(&self.offset).format("%d.%m.%Y %H:%M:%S")
                );
                let cell = std::mem::take(&mut self.scratch);
                self.text(&cell);
                self.scratch = cell;
            }
            Err(_) => self.text(at),
        }
    }
}

/// Named CSV files' bytes.
pub type CsvFiles = Vec<(&'static str, Vec<u8>)>;

/// The CSV files of a ledger in a dialect, in [`CSV_FILES`] order.
pub fn csv_files(l: &Ledger, d: Dialect) -> Result<Vec<(&'static str, Vec<u8>)>, LedgerError> {
    csv_files_of(l, &items(l), d)
}

/// The CSV files and `ledger.json` together, the day's items numbered once for both.
pub fn csv_and_json(l: &Ledger, d: Dialect) -> Result<(CsvFiles, Vec<u8>), LedgerError> {
    let items = items(l);
    Ok((csv_files_of(l, &items, d)?, json_of(l, &items, version(&l.format)?)?))
}

fn csv_files_of(l: &Ledger, items: &Items<'_>, d: Dialect) -> Result<Vec<(&'static str, Vec<u8>)>, LedgerError> {
    let v = version(&l.format)?;
    let craft = v.craft;
    let offset = day_offset(l);
    let s = &l.summary;
    let mut out = Vec::with_capacity(CSV_FILES.len());

    let mut day = Csv::new(d, offset, 1024);
    day.header(&["key", "value"]);
    let offset_text = day.offset_text.clone();
    let pairs: [(&str, &str); 4] = [
        ("format", v.tag),
        ("shop_name", &l.shop_name),
        ("status", if l.provisional { "provisional" } else { "closed" }),
        ("utc_offset", &offset_text),
    ];
    day.text("shop_id");
    day.code(&l.shop_id);
    day.end();
    for (k, v) in pairs {
        day.text(k);
        day.text(v);
        day.end();
    }
    day.text("day");
    match d {
        Dialect::ExcelRu => day.text(&l.day.format("%d.%m.%Y").to_string()),
        Dialect::Plain => day.text(&l.day.to_string()),
    }
    day.end();
    day.text("journal_head");
    day.code(&l.journal_head);
    day.end();
    for (k, v) in [("sales_count", s.sales_count), ("returns_count", s.returns_count)] {
        day.text(k);
        day.int(v);
        day.end();
    }
    for (k, v) in [
        ("sales_total", s.sales_total),
        ("returns_total", s.returns_total),
        ("net", s.net),
        ("discounts", s.discounts),
    ] {
        day.text(k);
        day.money(v)?;
        day.end();
    }
    for k in &s.payments {
        for (prefix, v) in [("paid_", k.sales), ("refunded_", k.refunds)] {
            day.text(&format!("{prefix}{}", k.kind.code()));
            day.money(v)?;
            day.end();
        }
    }
    for line in &s.drawer {
        let c = line.currency.code();
        day.text(&format!("cash_expected_{c}"));
        day.amount(line.expected);
        day.end();
        if let (Some(counted), Some(variance)) = (line.counted, line.variance) {
            for (k, v) in [("counted", counted), ("variance", variance)] {
                day.text(&format!("cash_{k}_{c}"));
                day.amount(v);
                day.end();
            }
        }
    }
    out.push((CSV_FILES[0], day.out));

    let mut products = Csv::new(d, offset, 96 * (items.first.len() + items.stock_only.len()) + 128);
    let header = [
        "item",
        "product_id",
        "barcode",
        "name_ky",
        "name_ru",
        "category",
        "artisan",
        "commission_pct",
        "vat_pct",
        "technique",
        "region",
    ];
    products.header(if craft { &header } else { &header[..9] });
    for (i, r) in items.first.iter().enumerate() {
        products.int(i as i64 + 1);
        products.int(r.product_id);
        products.code(&r.barcode);
        products.text(&r.name_ky);
        products.text(&r.name_ru);
        products.text(&r.category);
        products.text(&r.artisan);
        match r.commission_pct {
            Some(c) => products.number(c),
            None => products.sep(),
        }
        products.number(r.vat_pct);
        if craft {
            products.text(&r.technique);
            products.text(&r.region);
        }
        products.end();
    }
    for (i, (id, barcode)) in items.stock_only.iter().enumerate() {
        products.int((items.first.len() + i) as i64 + 1);
        products.int(*id);
        products.code(barcode);
        for _ in 0..if craft { 8 } else { 6 } {
            products.sep();
        }
        products.end();
    }
    out.push((CSV_FILES[1], products.out));

    for (file, kind) in [(CSV_FILES[2], "sale"), (CSV_FILES[3], "return")] {
        let mut w = Csv::new(d, offset, 72 * l.lines.len() + 128);
        w.header(&[
            "register",
            "receipt_no",
            "original_receipt_no",
            "at",
            "line_no",
            "item",
            "qty",
            "unit_price",
            "gross",
            "discount",
            "amount",
        ]);
        for (r, item) in l.lines.iter().zip(&items.of_line) {
            if r.kind != kind {
                continue;
            }
            w.text(&r.register);
            w.int(r.receipt_no);
            w.opt_int(r.original_receipt_no);
            w.time(&r.at);
            w.int(i64::from(r.line_no));
            w.int(i64::from(*item));
            w.number(r.qty);
            for v in [r.unit_price, r.gross, r.discount, r.amount] {
                w.money(v)?;
            }
            w.end();
        }
        out.push((file, w.out));
    }

    let mut w = Csv::new(d, offset, 64 * l.payments.len() + 128);
    w.header(&[
        "register",
        "receipt_no",
        "kind",
        "method",
        "currency",
        "tendered",
        "tendered_som",
        "applied",
    ]);
    for p in &l.payments {
        w.text(&p.register);
        w.int(p.receipt_no);
        w.text(&p.kind);
        w.text(&p.method);
        w.text(&p.currency);
        w.amount(p.tendered);
        w.money(p.tendered_som)?;
        w.money(p.applied)?;
        w.end();
    }
    out.push((CSV_FILES[4], w.out));

    let mut w = Csv::new(d, offset, 256);
    w.header(&["vat_pct", "sales_tax_pct", "gross", "vat", "sales_tax", "net"]);
    for t in &s.tax {
        w.number(t.vat_pct);
        w.number(t.sales_tax_pct);
        for v in [t.gross, t.vat, t.sales_tax, t.net] {
            w.money(v)?;
        }
        w.end();
    }
    out.push((CSV_FILES[5], w.out));

    let mut w = Csv::new(d, offset, 48 * l.stock.len() + 128);
    w.header(&["id", "at", "product_id", "kind", "qty", "reason", "receipt_no"]);
    for m in &l.stock {
        w.int(m.id);
        w.time(&m.at);
        w.int(m.product_id);
        w.text(&m.kind);
        w.number(m.qty);
        w.text(&m.reason);
        w.opt_int(m.receipt_no);
        w.end();
    }
    out.push((CSV_FILES[6], w.out));

    let mut w = Csv::new(d, offset, 128 * l.artisans.len() + 128);
    w.header(&[
        "artisan",
        "items_sold",
        "items_returned",
        "sales",
        "returns",
        "gross",
        "commission",
        "owed",
    ]);
    for a in &l.artisans {
        w.text(&a.artisan);
        w.number(a.items_sold);
        w.number(a.items_returned);
        for v in [a.sales, a.returns, a.gross, a.commission, a.owed] {
            w.money(v)?;
        }
        w.end();
    }
    out.push((CSV_FILES[7], w.out));
    Ok(out)
}

type Str<'a> = Cow<'a, str>;

/// A decimal as a JSON string, the text `Display` gives (as `rust_decimal::serde::str` writes it): whole
/// non-negative quantities, nearly all of them, written from their digits without an allocation each.
mod dec_str {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        if v.scale() == 0
            && !v.is_sign_negative()
            && let Ok(whole) = u64::try_from(v.mantissa())
        {
            let mut buf = [0u8; 20];
            return s.serialize_str(super::ascii_digits(whole, &mut buf));
        }
        rust_decimal::serde::str::serialize(v, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        rust_decimal::serde::str::deserialize(d)
    }
}

/// `products[i]`: product id, barcode, names, category, artisan, commission %, VAT %, and in `usta-ledger/3`
/// technique and region (absent in `usta-ledger/2`).
#[derive(Serialize, Deserialize)]
struct Item<'a>(
    i64,
    #[serde(borrow)] Str<'a>,
    #[serde(borrow)] Str<'a>,
    #[serde(borrow)] Str<'a>,
    #[serde(borrow)] Str<'a>,
    #[serde(borrow)] Str<'a>,
    #[serde(with = "rust_decimal::serde::str_option")] Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")] Decimal,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")] Option<Str<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")] Option<Str<'a>>,
);

/// A line: line number, item number (from 1), quantity, unit price, gross, discount, amount (tyiyn); from
/// `usta-ledger/4` on, where the gross is the quantity times the unit price and the amount the gross less the
/// discount, only line number, item number, quantity, unit price and discount.
#[derive(Serialize, Deserialize)]
struct Line(
    u32,
    u32,
    #[serde(with = "dec_str")] Decimal,
    i64,
    i64,
    #[serde(default, skip_serializing_if = "Option::is_none")] Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")] Option<i64>,
);

/// The gross of `qty` at `unit` tyiyn, when it is a whole number of tyiyn.
fn gross_of(qty: Decimal, unit: i64) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    let gross = qty.checked_mul(Decimal::from(unit))?;
    if gross.fract().is_zero() { gross.to_i64() } else { None }
}

/// Whether a line's gross is `qty` times `unit` and its amount that gross less its discount: then
/// `usta-ledger/4` writes it without the two.
fn follows(qty: Decimal, unit: i64, (gross, discount, amount): (i64, i64, i64)) -> bool {
    gross_of(qty, unit) == Some(gross) && gross.checked_sub(discount) == Some(amount)
}

impl Line {
    /// The line as `v` writes it, from its gross, discount and amount (tyiyn): short where its gross and amount
    /// follow from the rest.
    fn new(
        v: Version,
        no: u32,
        item: u32,
        qty: Decimal,
        unit: i64,
        (gross, discount, amount): (i64, i64, i64),
    ) -> Line {
        if v.short_lines && follows(qty, unit, (gross, discount, amount)) {
            Line(no, item, qty, unit, discount, None, None)
        } else {
            Line(no, item, qty, unit, gross, Some(discount), Some(amount))
        }
    }

    /// Gross, discount and amount (tyiyn), if the line is written as `v` writes it.
    fn amounts(&self, v: Version) -> Option<(i64, i64, i64)> {
        match (self.5, self.6) {
            (Some(discount), Some(amount)) => {
                let amounts = (self.4, discount, amount);
                (!(v.short_lines && follows(self.2, self.3, amounts))).then_some(amounts)
            }
            (None, None) if v.short_lines => {
                let gross = gross_of(self.2, self.3)?;
                Some((gross, self.4, gross.checked_sub(self.4)?))
            }
            _ => None,
        }
    }
}

/// A payment: method, currency, tendered (in its currency), tendered in som, applied (tyiyn).
#[derive(Serialize, Deserialize)]
struct Pay<'a>(
    #[serde(borrow)] Str<'a>,
    #[serde(borrow)] Str<'a>,
    #[serde(with = "dec_str")] Decimal,
    i64,
    i64,
);

/// A receipt: register, number, kind, original receipt, time, lines, payments.
#[derive(Serialize, Deserialize)]
struct Receipt<'a>(
    #[serde(borrow)] Str<'a>,
    i64,
    #[serde(borrow)] Str<'a>,
    Option<i64>,
    #[serde(borrow)] Str<'a>,
    Vec<Line>,
    #[serde(borrow)] Vec<Pay<'a>>,
);

/// A stock movement: id, time (null: its receipt's), product, barcode (null: its product's first item's), kind,
/// quantity, reason, receipt.
#[derive(Serialize, Deserialize)]
struct Move<'a>(
    i64,
    #[serde(borrow)] Option<Str<'a>>,
    i64,
    #[serde(borrow)] Option<Str<'a>>,
    #[serde(borrow)] Str<'a>,
    #[serde(with = "dec_str")] Decimal,
    #[serde(borrow)] Str<'a>,
    Option<i64>,
);

#[derive(Serialize, Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    format: Str<'a>,
    #[serde(borrow)]
    shop_id: Str<'a>,
    #[serde(borrow)]
    shop_name: Str<'a>,
    day: NaiveDate,
    provisional: bool,
    #[serde(borrow)]
    journal_head: Str<'a>,
    summary: Cow<'a, DayReport>,
    #[serde(borrow)]
    products: Vec<Item<'a>>,
    #[serde(borrow)]
    receipts: Vec<Receipt<'a>>,
    #[serde(borrow)]
    stock: Vec<Move<'a>>,
    artisans: Cow<'a, [ArtisanTotals]>,
}

fn tyiyn(v: Som) -> Result<i64, LedgerError> {
    v.tyiyn().map_err(|e| bad(super::JSON, e.to_string()))
}

/// Receipt numbers that name one receipt only in this ledger (several registers may reuse a number), with its time.
fn unique_receipt_times<'a>(receipts: impl Iterator<Item = (i64, &'a str)>) -> HashMap<i64, Option<&'a str>> {
    let mut at: HashMap<i64, Option<&str>> = HashMap::new();
    for (no, t) in receipts {
        at.entry(no).and_modify(|e| *e = None).or_insert(Some(t));
    }
    at
}

/// `ledger.json`: the ledger's facts, compact, one line.
pub fn json(l: &Ledger) -> Result<Vec<u8>, LedgerError> {
    json_of(l, &items(l), version(&l.format)?)
}

/// `ledger.json` of the same facts in another version of this encoding, `format`.
pub fn json_in(l: &Ledger, format: &str) -> Result<Vec<u8>, LedgerError> {
    json_of(l, &items(l), version(format)?)
}

fn json_of(l: &Ledger, items: &Items<'_>, v: Version) -> Result<Vec<u8>, LedgerError> {
    let craft = v.craft;
    let mut receipts: Vec<Receipt<'_>> = Vec::new();
    let mut index: HashMap<(&str, i64), usize> = HashMap::new();
    // Lines come receipt by receipt: the receipt of the line before is looked up without hashing.
    let mut last: Option<(&str, i64, usize)> = None;
    for (r, item) in l.lines.iter().zip(&items.of_line) {
        let i = match last {
            Some((reg, no, i)) if no == r.receipt_no && r.register == reg => i,
            _ => *index.entry((r.register.as_str(), r.receipt_no)).or_insert_with(|| {
                receipts.push(Receipt(
                    Cow::Borrowed(&r.register),
                    r.receipt_no,
                    Cow::Borrowed(&r.kind),
                    r.original_receipt_no,
                    Cow::Borrowed(&r.at),
                    Vec::new(),
                    Vec::new(),
                ));
                receipts.len() - 1
            }),
        };
        last = Some((r.register.as_str(), r.receipt_no, i));
        let amounts = (tyiyn(r.gross)?, tyiyn(r.discount)?, tyiyn(r.amount)?);
        receipts[i]
            .5
            .push(Line::new(v, r.line_no, *item, r.qty, tyiyn(r.unit_price)?, amounts));
    }
    for p in &l.payments {
        let i = *index.entry((p.register.as_str(), p.receipt_no)).or_insert_with(|| {
            receipts.push(Receipt(
                Cow::Borrowed(&p.register),
                p.receipt_no,
                Cow::Borrowed(&p.kind),
                None,
                Cow::Borrowed(""),
                Vec::new(),
                Vec::new(),
            ));
            receipts.len() - 1
        });
        receipts[i].6.push(Pay(
            Cow::Borrowed(&p.method),
            Cow::Borrowed(&p.currency),
            p.tendered,
            tyiyn(p.tendered_som)?,
            tyiyn(p.applied)?,
        ));
    }
    let times = unique_receipt_times(receipts.iter().map(|r| (r.1, r.4.as_ref())));
    let stock = l
        .stock
        .iter()
        .map(|m| {
            let receipt_at = m.receipt_no.and_then(|n| times.get(&n).copied().flatten());
            Move(
                m.id,
                (receipt_at != Some(m.at.as_str())).then_some(Cow::Borrowed(m.at.as_str())),
                m.product_id,
                (items.barcode_of.get(&m.product_id).copied() != Some(m.barcode.as_str()))
                    .then_some(Cow::Borrowed(m.barcode.as_str())),
                Cow::Borrowed(&m.kind),
                m.qty,
                Cow::Borrowed(&m.reason),
                m.receipt_no,
            )
        })
        .collect();
    let file = File {
        format: Cow::Borrowed(v.tag),
        shop_id: Cow::Borrowed(&l.shop_id),
        shop_name: Cow::Borrowed(&l.shop_name),
        day: l.day,
        provisional: l.provisional,
        journal_head: Cow::Borrowed(&l.journal_head),
        summary: Cow::Borrowed(&l.summary),
        products: items
            .first
            .iter()
            .map(|r| {
                Item(
                    r.product_id,
                    Cow::Borrowed(&r.barcode),
                    Cow::Borrowed(&r.name_ky),
                    Cow::Borrowed(&r.name_ru),
                    Cow::Borrowed(&r.category),
                    Cow::Borrowed(&r.artisan),
                    r.commission_pct,
                    r.vat_pct,
                    craft.then_some(Cow::Borrowed(&r.technique)),
                    craft.then_some(Cow::Borrowed(&r.region)),
                )
            })
            .collect(),
        receipts,
        stock,
        artisans: Cow::Borrowed(&l.artisans),
    };
    let mut out = Vec::with_capacity(100 * l.lines.len() + 4096);
    serde_json::to_writer(&mut out, &file).map_err(|e| bad(super::JSON, e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// The texts of one listed item, shared by its lines.
struct ItemTexts {
    barcode: Text,
    name_ky: Text,
    name_ru: Text,
    category: Text,
    artisan: Text,
    technique: Text,
    region: Text,
}

/// Reads a `ledger.json` written by [`json`] back into the ledger.
pub fn parse_json(bytes: &[u8]) -> Result<Ledger, LedgerError> {
    let f: File<'_> = serde_json::from_slice(bytes).map_err(|e| bad(super::JSON, format!("not a ledger ({e})")))?;
    let v = version(&f.format)?;
    // Each item has technique and region exactly when the format says so, and each line is as long as the format
    // writes it: a ledger holds one version's facts, in the one way that version writes them.
    let craft = v.craft;
    if let Some(p) = f
        .products
        .iter()
        .find(|p| p.8.is_some() != craft || p.9.is_some() != craft)
    {
        return Err(bad(
            super::JSON,
            format!("product {} does not have the items of {}", p.0, f.format),
        ));
    }
    // Every line of a product shares its item's texts, and every row of a receipt the receipt's.
    let mut texts = Texts::default();
    let items: Vec<ItemTexts> = f
        .products
        .iter()
        .map(|p| ItemTexts {
            barcode: Text::from(p.1.as_ref()),
            name_ky: Text::from(p.2.as_ref()),
            name_ru: Text::from(p.3.as_ref()),
            category: texts.get(&p.4),
            artisan: texts.get(&p.5),
            technique: texts.get(p.8.as_deref().unwrap_or_default()),
            region: texts.get(p.9.as_deref().unwrap_or_default()),
        })
        .collect();
    let line_count = f.receipts.iter().map(|r| r.5.len()).sum();
    let mut lines = Vec::with_capacity(line_count);
    let mut payments = Vec::new();
    for r in &f.receipts {
        let register = texts.get(&r.0);
        let kind = texts.get(&r.2);
        let at = Text::from(r.4.as_ref());
        for x in &r.5 {
            let n = (x.1 as usize).wrapping_sub(1);
            let (Some(item), Some(t)) = (f.products.get(n), items.get(n)) else {
                return Err(bad(
                    super::JSON,
                    format!("receipt {} names item {}, which is not listed", r.1, x.1),
                ));
            };
            let Some((gross, discount, amount)) = x.amounts(v) else {
                return Err(bad(
                    super::JSON,
                    format!("line {} of receipt {} is not a line of {}", x.0, r.1, f.format),
                ));
            };
            lines.push(LineRow {
                register: register.clone(),
                receipt_no: r.1,
                kind: kind.clone(),
                original_receipt_no: r.3,
                at: at.clone(),
                line_no: x.0,
                product_id: item.0,
                barcode: t.barcode.clone(),
                name_ky: t.name_ky.clone(),
                name_ru: t.name_ru.clone(),
                category: t.category.clone(),
                artisan: t.artisan.clone(),
                technique: t.technique.clone(),
                region: t.region.clone(),
                commission_pct: item.6,
                qty: x.2,
                unit_price: Som::from_tyiyn(x.3),
                gross: Som::from_tyiyn(gross),
                discount: Som::from_tyiyn(discount),
                amount: Som::from_tyiyn(amount),
                vat_pct: item.7,
            });
        }
        for p in &r.6 {
            payments.push(PaymentRow {
                register: register.clone(),
                receipt_no: r.1,
                kind: kind.clone(),
                method: texts.get(&p.0),
                currency: texts.get(&p.1),
                tendered: p.2,
                tendered_som: Som::from_tyiyn(p.3),
                applied: Som::from_tyiyn(p.4),
            });
        }
    }
    let times = unique_receipt_times(f.receipts.iter().map(|r| (r.1, r.4.as_ref())));
    let mut barcode_of: HashMap<i64, &Text> = HashMap::new();
    for (p, t) in f.products.iter().zip(&items) {
        barcode_of.entry(p.0).or_insert(&t.barcode);
    }
    let mut stock = Vec::with_capacity(f.stock.len());
    for m in &f.stock {
        let at = match &m.1 {
            Some(at) => at.as_ref(),
            None => {
                m.7.and_then(|n| times.get(&n).copied().flatten())
                    .ok_or_else(|| bad(super::JSON, format!("stock movement {} has no time", m.0)))?
            }
        };
        let barcode = match &m.3 {
            Some(b) => Text::from(b.as_ref()),
            None => barcode_of
                .get(&m.2)
                .map(|b| (*b).clone())
                .ok_or_else(|| bad(super::JSON, format!("stock movement {} has no barcode", m.0)))?,
        };
        stock.push(StockRow {
            id: m.0,
            at: texts.get(at),
            product_id: m.2,
            barcode,
            kind: texts.get(&m.4),
            qty: m.5,
            reason: texts.get(&m.6),
            receipt_no: m.7,
        });
    }
    Ok(Ledger {
        format: f.format.into_owned(),
        shop_id: f.shop_id.into_owned(),
        shop_name: f.shop_name.into_owned(),
        day: f.day,
        provisional: f.provisional,
        journal_head: f.journal_head.into_owned(),
        summary: f.summary.into_owned(),
        lines,
        payments,
        stock,
        artisans: f.artisans.into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::day::{DayFacts, ReportKind, report};

    fn line(receipt_no: i64, register: &str, product_id: i64, name: &str, at: &str) -> LineRow {
        LineRow {
            register: register.into(),
            receipt_no,
            kind: "sale".into(),
            original_receipt_no: None,
            at: at.into(),
            line_no: 1,
            product_id,
            barcode: format!("00{product_id:011}").into(),
            name_ky: name.into(),
            name_ru: "Шырдак; \"большой\"".into(),
            category: "carpets".into(),
            artisan: "A01".into(),
            technique: Text::default(),
            region: Text::default(),
            commission_pct: Some(Decimal::from(25)),
            qty: "0.5".parse().expect("qty"),
            unit_price: Som::whole(2500),
            gross: Som::whole(1250),
            discount: Som::ZERO,
            amount: Som::whole(1250),
            vat_pct: Decimal::from(12),
        }
    }

    fn ledger() -> Ledger {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("day");
        let at = "2026-11-28T12:00:07+06:00";
        let lines = vec![
            line(1, "R1", 7, "Шырдак", at),
            line(1, "R2", 7, "Шырдак", "2026-11-28T06:30:00Z"),
            // Renamed during the day: a second item for the same product.
            line(2, "R1", 7, "Тегерек шырдак", at),
        ];
        let stock = vec![
            StockRow {
                id: 10,
                at: at.into(),
                product_id: 7,
                barcode: "0000000000007".into(),
                kind: "sale".into(),
                qty: "-0.5".parse().expect("qty"),
                reason: Text::default(),
                receipt_no: Some(2),
            },
            StockRow {
                id: 11,
                at: "2026-11-28T13:00:00+06:00".into(),
                product_id: 9,
                barcode: "2100000000098".into(),
                kind: "receive".into(),
                qty: Decimal::from(5),
                reason: "delivery".into(),
                receipt_no: None,
            },
            StockRow {
                id: 12,
                at: at.into(),
                product_id: 7,
                barcode: "2000000000007".into(),
                kind: "sale".into(),
                qty: Decimal::NEGATIVE_ONE,
                reason: Text::default(),
                receipt_no: Some(1),
            },
        ];
        let payments = vec![PaymentRow {
            register: "R1".into(),
            receipt_no: 1,
            kind: "sale".into(),
            method: "cash".into(),
            currency: "USD".into(),
            tendered: Decimal::from(100),
            tendered_som: Som::whole(8700),
            applied: Som::whole(1250),
        }];
        let facts = DayFacts::default();
        Ledger {
            format: FORMAT.into(),
            shop_id: "02811199610123-R1".into(),
            shop_name: "Уста".into(),
            day,
            provisional: false,
            journal_head: "0".repeat(64),
            summary: report(ReportKind::Z, day, "R1", at, at, &facts, Some(&[])),
            lines,
            payments,
            stock,
            artisans: Vec::new(),
        }
    }

    /// The fixture ledger with a return and a refund added.
    fn ledger_with_return() -> Ledger {
        let mut l = ledger();
        let mut back = line(3, "R1", 7, "Шырдак", "2026-11-28T15:45:10+06:00");
        back.kind = "return".into();
        back.original_receipt_no = Some(1);
        back.qty = "0.25".parse().expect("qty");
        back.gross = Som::from_tyiyn(62_500);
        back.amount = Som::from_tyiyn(62_500);
        l.lines.push(back);
        l.payments.push(PaymentRow {
            register: "R1".into(),
            receipt_no: 3,
            kind: "return".into(),
            method: "card".into(),
            currency: "KGS".into(),
            tendered: "625.5".parse().expect("tendered"),
            tendered_som: Som::from_tyiyn(62_550),
            applied: Som::from_tyiyn(-62_500),
        });
        l
    }

    /// The same, in `usta-ledger/3`: the product's technique and region on its lines, the renamed item without a
    /// technique and with a region that needs quoting.
    fn ledger_v3() -> Ledger {
        let mut l = ledger_with_return();
        l.format = FORMAT_V3.into();
        for (line, (technique, region)) in l.lines.iter_mut().zip([
            ("shyrdak", "Нарын облусу"),
            ("shyrdak", "Нарын облусу"),
            ("", "Ысык-Көл; Каракол"),
            ("shyrdak", "Нарын облусу"),
        ]) {
            line.technique = technique.into();
            line.region = region.into();
        }
        l
    }

    /// `name dialect digest` of every file of `l` in both dialects.
    fn digests(l: &Ledger) -> String {
        let mut got = String::new();
        for d in [Dialect::ExcelRu, Dialect::Plain] {
            let (csv, json) = csv_and_json(l, d).expect("files");
            assert_eq!(
                csv_files(l, d).expect("csv"),
                csv,
                "the CSV files alone are the same bytes"
            );
            for (name, bytes) in csv.iter().chain([&("ledger.json", json)]) {
                let _ = writeln!(got, "{} {name} {}", d.code(), crate::domain::journal::sha256_hex(bytes));
            }
        }
        got
    }

    /// The digests of every file of the fixture ledger, in both dialects. The format is checksummed and verified
    /// by older versions: a changed digest here is a format change.
    #[test]
    fn the_files_keep_their_exact_bytes() {
        let got = digests(&ledger_with_return());
        assert_eq!(got, WANT_DIGESTS, "got:\n{got}");
        // Technique and region set on the lines change nothing in `usta-ledger/2`, which has no place for them.
        let mut v2 = ledger_v3();
        v2.format = FORMAT.into();
        assert_eq!(digests(&v2), WANT_DIGESTS);
    }

    /// The same for `usta-ledger/3`: every file but `day.csv` (its format line), `products.csv` and `ledger.json`
    /// is byte for byte the `usta-ledger/2` one.
    #[test]
    fn the_v3_files_keep_their_exact_bytes() {
        let got = digests(&ledger_v3());
        assert_eq!(got, WANT_DIGESTS_V3, "got:\n{got}");
        let changed = ["day.csv", "products.csv", "ledger.json"];
        for (v2, v3) in WANT_DIGESTS.lines().zip(got.lines()) {
            let name = v2.split(' ').nth(1).expect("name");
            assert_eq!(v2 == v3, !changed.contains(&name), "{v2} / {v3}");
        }
    }

    /// The `usta-ledger/3` fixture in `usta-ledger/4`, with one line whose gross is its price times a quantity
    /// rounded to the tyiyn (0.333 × 25.01 = 8.33) and which was discounted.
    fn ledger_v4() -> Ledger {
        let mut l = ledger_v3();
        l.format = FORMAT_V4.into();
        let odd = &mut l.lines[2];
        odd.qty = "0.333".parse().expect("qty");
        odd.unit_price = Som::from_tyiyn(2501);
        odd.gross = Som::from_tyiyn(833);
        odd.discount = Som::from_tyiyn(33);
        odd.amount = Som::from_tyiyn(800);
        l
    }

    /// `usta-ledger/4` changes `ledger.json` and the format line of `day.csv` only: every other file is the
    /// `usta-ledger/3` one, byte for byte, and the lines whose gross and amount follow are five elements long.
    #[test]
    fn the_v4_files_keep_their_exact_bytes_and_only_json_is_shorter() {
        let l = ledger_v4();
        let got = digests(&l);
        assert_eq!(got, WANT_DIGESTS_V4, "got:\n{got}");
        let mut v3 = l.clone();
        v3.format = FORMAT_V3.into();
        for (v3, v4) in digests(&v3).lines().zip(got.lines()) {
            let name = v3.split(' ').nth(1).expect("name");
            assert_eq!(v3 == v4, !["day.csv", "ledger.json"].contains(&name), "{v3} / {v4}");
        }
        let (short, long) = (json(&l).expect("v4"), json(&v3).expect("v3"));
        assert_eq!(parse_json(&short).expect("parse v4"), l, "every fact comes back");
        let text = String::from_utf8(short).expect("utf8");
        assert_eq!(text.matches(r#""0.5",250000,0]"#).count(), 2, "{text}");
        assert!(text.contains(r#"[1,1,"0.25",250000,0]"#), "the return too: {text}");
        assert!(
            text.contains(r#"[1,2,"0.333",2501,833,33,800]"#),
            "a rounded gross stays: {text}"
        );
        // Four lines, three of them short by two amounts each: ",125000,125000" twice and ",62500,62500".
        assert_eq!(long.len() - text.len(), 2 * 14 + 12, "{text}");
    }

    /// A `usta-ledger/4` line is read only as that version writes it: short exactly where its gross and amount
    /// follow; a short line in an older version, or one whose gross is not a whole tyiyn, is not a ledger's.
    #[test]
    fn v4_lines_are_read_only_as_written() {
        let text = String::from_utf8(json(&ledger_v4()).expect("v4")).expect("utf8");
        let parse = |t: String| parse_json(t.as_bytes()).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(parse(text.clone()), Ok(()));
        let v3 = text.replacen(FORMAT_V4, FORMAT_V3, 1);
        assert!(
            parse(v3)
                .expect_err("short lines in v3")
                .contains("is not a line of usta-ledger/3")
        );
        let long = text.replacen(r#"[1,1,"0.25",250000,0]"#, r#"[1,1,"0.25",250000,62500,0,62500]"#, 1);
        assert!(
            parse(long)
                .expect_err("long where short")
                .contains("line 1 of receipt 3")
        );
        let odd = text.replacen(r#"[1,1,"0.25",250000,0]"#, r#"[1,1,"0.25",250001,0]"#, 1);
        assert!(parse(odd).expect_err("quarter tyiyn").contains("line 1 of receipt 3"));
        let half = text.replacen(r#"[1,1,"0.25",250000,0]"#, r#"[1,1,"0.25",250000,0,62500]"#, 1);
        assert!(parse(half).is_err(), "six elements are no line");
        // A discount larger than the gross (a negative amount) still follows from the rest, and reads back.
        let mut l = ledger_v4();
        l.lines[0].discount = Som::whole(1300);
        l.lines[0].amount = Som::whole(-50);
        let bytes = json(&l).expect("json");
        assert!(String::from_utf8_lossy(&bytes).contains(r#"[1,1,"0.5",250000,130000]"#));
        assert_eq!(parse_json(&bytes).expect("parse"), l);
    }

    const WANT_DIGESTS_V4: &str = concat!(
        "excel-ru day.csv 8ab42e07510e19dae0426bd748903f71793faf0e662f5ac6aa7dd20858463506\n",
        "excel-ru products.csv 3572958e9d0a8c621aa4d7bdbe89c66e32b138c4f12a3a7be0b8003f8b4a2a03\n",
        "excel-ru sales.csv d8c1c6a4de54a610a25035a7427e5594adc4f031a95d49d00696c08c03c3ea6c\n",
        "excel-ru returns.csv 4a67643766685dee8250dd0e58aff89053bcbca784cef0754e751cc070228463\n",
        "excel-ru payments.csv 452e2d93e871e20d52b07f867a302009c86876c541ff3c02878e2b22e89b83a7\n",
        "excel-ru tax.csv cc09f60937385fcec4f3d34027739594525c91d0db4706df6e2e03b63827926f\n",
        "excel-ru stock.csv 98b43b78aff89e01bba7a30dc75d5a42c43805d98edeb206fc77136c8d7286ff\n",
        "excel-ru artisans.csv dc112e85c1e2aa188481c9cbb1b9d563e48540cf5cba821e13868c1580ec7cc6\n",
        "excel-ru ledger.json dea7cfe43c58019809f8ba70096dea26499f854b8a02b4c52d733f449ae9fbf4\n",
        "plain day.csv 49184c0c409fcf153f7330a4515834fb63083ec1666240dbee7170aee096609a\n",
        "plain products.csv 8a4cba4d5d001ca7eda3ed9c6c60d40fb3566073df2670964a83e2bce8e44bd4\n",
        "plain sales.csv e8cea55f57815335f4ec343f6288e9aa11e32e36e164cfaa5a56b9d92d810bd5\n",
        "plain returns.csv 0f82453026897d4147e44320ab3ec1565277c1b7c76683799f287e15c7c6071b\n",
        "plain payments.csv 566dba1b1526c81cc35cae525bfac7073e2bfb3231bc1ba213ac75e7583d2e8a\n",
        "plain tax.csv 0fbf13cbd25524d172a8e3f8eb813521bb0a21ac29b802324287eb68069cf28d\n",
        "plain stock.csv 1e6f4e1706757756e3b93e07990154158355e61eaca9af57d95134c0f10e407e\n",
        "plain artisans.csv 6c188fa1aa1f3aea9ef39a39a46792490c5caa5f1410844492c24ba7db4725f7\n",
        "plain ledger.json dea7cfe43c58019809f8ba70096dea26499f854b8a02b4c52d733f449ae9fbf4\n",
    );

    const WANT_DIGESTS_V3: &str = concat!(
        "excel-ru day.csv b0b88d23e997df0f1a47d59d90e7e4b3cbe51c21b751a519227a3da2044ffb2a\n",
        "excel-ru products.csv 3572958e9d0a8c621aa4d7bdbe89c66e32b138c4f12a3a7be0b8003f8b4a2a03\n",
        "excel-ru sales.csv 7bc77eab6730c92c8b0a9761f93ad87d525f2e88b17185782166355b8fcef23f\n",
        "excel-ru returns.csv 4a67643766685dee8250dd0e58aff89053bcbca784cef0754e751cc070228463\n",
        "excel-ru payments.csv 452e2d93e871e20d52b07f867a302009c86876c541ff3c02878e2b22e89b83a7\n",
        "excel-ru tax.csv cc09f60937385fcec4f3d34027739594525c91d0db4706df6e2e03b63827926f\n",
        "excel-ru stock.csv 98b43b78aff89e01bba7a30dc75d5a42c43805d98edeb206fc77136c8d7286ff\n",
        "excel-ru artisans.csv dc112e85c1e2aa188481c9cbb1b9d563e48540cf5cba821e13868c1580ec7cc6\n",
        "excel-ru ledger.json df77bc7465d43c446a067a854a6e92d5296a3022bce0a4d611e01548f4988886\n",
        "plain day.csv 00940f944578841a6541a17618fadcf5d3d2bc2beec05faf4526a75dde2b1504\n",
        "plain products.csv 8a4cba4d5d001ca7eda3ed9c6c60d40fb3566073df2670964a83e2bce8e44bd4\n",
        "plain sales.csv d66de56d8d4661a7ed44fce47cd830fe4fc8ec7388b55b67f85aef22df195dea\n",
        "plain returns.csv 0f82453026897d4147e44320ab3ec1565277c1b7c76683799f287e15c7c6071b\n",
        "plain payments.csv 566dba1b1526c81cc35cae525bfac7073e2bfb3231bc1ba213ac75e7583d2e8a\n",
        "plain tax.csv 0fbf13cbd25524d172a8e3f8eb813521bb0a21ac29b802324287eb68069cf28d\n",
        "plain stock.csv 1e6f4e1706757756e3b93e07990154158355e61eaca9af57d95134c0f10e407e\n",
        "plain artisans.csv 6c188fa1aa1f3aea9ef39a39a46792490c5caa5f1410844492c24ba7db4725f7\n",
        "plain ledger.json df77bc7465d43c446a067a854a6e92d5296a3022bce0a4d611e01548f4988886\n",
    );

    #[test]
    fn v3_json_round_trips_technique_and_region_and_v2_refuses_them() {
        let l = ledger_v3();
        let bytes = json(&l).expect("json");
        assert_eq!(parse_json(&bytes).expect("parse"), l);
        let text = String::from_utf8(bytes).expect("utf8");
        assert!(
            text.contains(r#""12","shyrdak","Нарын облусу"]"#),
            "technique and region close the item: {text}"
        );
        // A v2 ledger.json whose items carry the v3 elements (or the reverse) is not a ledger of either.
        let forged = text.replacen(FORMAT_V3, FORMAT, 1);
        assert!(parse_json(forged.as_bytes()).is_err());
        let v2 = String::from_utf8(json(&ledger()).expect("v2")).expect("utf8");
        assert!(parse_json(v2.replacen(FORMAT, FORMAT_V3, 1).as_bytes()).is_err());
        let products = csv(&csv_files(&l, Dialect::ExcelRu).expect("excel"), "products.csv").to_string();
        assert!(
            products.starts_with("\u{feff}item;product_id;barcode;name_ky;name_ru;category;artisan;commission_pct;vat_pct;technique;region\r\n"),
            "{products}"
        );
        assert!(products.contains(";25;12;;\"Ысык-Көл; Каракол\"\r\n"), "{products}");
        assert!(products.contains(";;;;;;;;\r\n"), "a stock-only product: {products}");
        let plain = csv_files(&l, Dialect::Plain).expect("plain");
        assert!(csv(&plain, "products.csv").contains(",25,12,shyrdak,Нарын облусу\r\n"));
        assert!(csv(&plain, "day.csv").contains("format,usta-ledger/3\r\n"));
    }

    const WANT_DIGESTS: &str = concat!(
        "excel-ru day.csv 07e47c0bccfa8d623bae8cd9aacc4c763366263459723d7619f35ac08059c64c\n",
        "excel-ru products.csv aaf0f8ba5451c6febf0093a73c302715b377d2a97e1d0d60edee83de4c75d9d2\n",
        "excel-ru sales.csv 7bc77eab6730c92c8b0a9761f93ad87d525f2e88b17185782166355b8fcef23f\n",
        "excel-ru returns.csv 4a67643766685dee8250dd0e58aff89053bcbca784cef0754e751cc070228463\n",
        "excel-ru payments.csv 452e2d93e871e20d52b07f867a302009c86876c541ff3c02878e2b22e89b83a7\n",
        "excel-ru tax.csv cc09f60937385fcec4f3d34027739594525c91d0db4706df6e2e03b63827926f\n",
        "excel-ru stock.csv 98b43b78aff89e01bba7a30dc75d5a42c43805d98edeb206fc77136c8d7286ff\n",
        "excel-ru artisans.csv dc112e85c1e2aa188481c9cbb1b9d563e48540cf5cba821e13868c1580ec7cc6\n",
        "excel-ru ledger.json 736999caa46124edf1fed3fed84961139972b82e069309afd7268a40095f82e0\n",
        "plain day.csv 37cc2201ada07231dfd70d901de9e953bfee128c4f724ea910432de3d3fd725f\n",
        "plain products.csv fbe0a25b6d5082e92afcc4cce1ff8b525ac31d67cb3b048930a3c72f12c0d548\n",
        "plain sales.csv d66de56d8d4661a7ed44fce47cd830fe4fc8ec7388b55b67f85aef22df195dea\n",
        "plain returns.csv 0f82453026897d4147e44320ab3ec1565277c1b7c76683799f287e15c7c6071b\n",
        "plain payments.csv 566dba1b1526c81cc35cae525bfac7073e2bfb3231bc1ba213ac75e7583d2e8a\n",
        "plain tax.csv 0fbf13cbd25524d172a8e3f8eb813521bb0a21ac29b802324287eb68069cf28d\n",
        "plain stock.csv 1e6f4e1706757756e3b93e07990154158355e61eaca9af57d95134c0f10e407e\n",
        "plain artisans.csv 6c188fa1aa1f3aea9ef39a39a46792490c5caa5f1410844492c24ba7db4725f7\n",
        "plain ledger.json 736999caa46124edf1fed3fed84961139972b82e069309afd7268a40095f82e0\n",
    );

    #[test]
    fn a_number_is_written_as_display_gives_it() {
        for text in [
            "1", "0", "-0", "12", "1.000", "0.5", "-3", "25.50", "1000000", "-0.000", "7.250",
        ] {
            let v: Decimal = text.parse().expect("decimal");
            for d in [Dialect::Plain, Dialect::ExcelRu] {
                let mut w = Csv::new(d, crate::domain::bishkek(), 16);
                let start = w.out.len();
                w.number(v);
                let mut want = v.normalize().to_string();
                if d == Dialect::ExcelRu {
                    want = want.replace('.', ",");
                }
                assert_eq!(std::str::from_utf8(&w.out[start..]).expect("utf-8"), want, "{text}");
            }
        }
    }

    #[test]
    fn json_round_trips_every_fact() {
        let l = ledger();
        let bytes = json(&l).expect("json");
        assert_eq!(parse_json(&bytes).expect("parse"), l);
        let text = String::from_utf8(bytes).expect("utf8");
        assert_eq!(text.matches("Тегерек шырдак").count(), 1, "names once per item: {text}");
    }

    fn csv<'a>(files: &'a [(&str, Vec<u8>)], name: &str) -> &'a str {
        let bytes = &files.iter().find(|(n, _)| *n == name).expect("file").1;
        std::str::from_utf8(bytes).expect("utf8")
    }

    #[test]
    fn excel_ru_cells_are_typed_and_plain_stays_iso() {
        let l = ledger();
        let excel = csv_files(&l, Dialect::ExcelRu).expect("excel");
        let sales = csv(&excel, "sales.csv");
        assert!(
            sales.contains("R1;1;;28.11.2026 12:00:07;1;1;0,5;2500,00;1250,00;0,00;1250,00\r\n"),
            "{sales}"
        );
        assert!(
            sales.contains("R2;1;;28.11.2026 12:30:00;"),
            "UTC converted to the day's offset: {sales}"
        );
        let products = csv(&excel, "products.csv");
        assert!(
            products.contains(";\"=\"\"0000000000007\"\"\";"),
            "codes as text: {products}"
        );
        assert!(products.contains("\"Шырдак; \"\"большой\"\"\""), "quoted: {products}");
        assert!(
            products.contains("\r\n3;9;\"=\"\"2100000000098\"\"\";;;;;;\r\n"),
            "{products}"
        );
        assert!(csv(&excel, "payments.csv").contains(";USD;100,00;8700,00;1250,00"));
        let day = csv(&excel, "day.csv");
        assert!(
            day.contains("utc_offset;+06:00\r\n") && day.contains("day;28.11.2026\r\n"),
            "{day}"
        );
        let plain = csv_files(&l, Dialect::Plain).expect("plain");
        assert!(csv(&plain, "sales.csv").contains("R1,1,,2026-11-28T12:00:07+06:00,1,1,0.5,2500.00,"));
        assert!(csv(&plain, "products.csv").contains(",0000000000007,"));
        assert!(csv(&plain, "payments.csv").contains(",USD,100.00,8700.00,"));
    }
}
