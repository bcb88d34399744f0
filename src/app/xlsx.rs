//! XLSX workbooks from the spreadsheet views in [`crate::domain::sheet`]: one sheet per table, amounts as number
//! cells formatted `#,##0.00` (Excel shows that code in the reader's locale: `1 234,50` under ru-RU), times as
//! date-time cells, codes as text cells so leading zeros survive, the header row bold and frozen, columns as wide
//! as their contents, and a sums row at the bottom as live `SUM` formulas carrying their computed value (so a
//! reader that does not recalculate sees the same figure). Sheet names and headers in the chosen language.
//! The workbook's creation time is the report's own time, so the same rows give the same file.

use super::{AppError, Result};
use crate::domain::catalog::Lang;
use crate::domain::sheet::{Cell, Sheet};
use crate::ui::i18n::I18n;
use chrono::{Datelike, NaiveDateTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError};

/// The language a workbook is written in when none is asked for: the shop's own (Settings; Kyrgyz by default).
pub fn shop_lang(store: &crate::store::Store) -> Result<Lang> {
    Ok(store
        .setting::<super::settings::Preferences>(super::settings::PREFERENCES)?
        .unwrap_or_default()
        .lang)
}

/// The number format of amounts: thousands grouped, two decimals.
pub const MONEY_FORMAT: &str = "#,##0.00";

fn fail(e: XlsxError) -> AppError {
    super::input::InputProblem::NotWritten {
        what: super::input::Document::Workbook,
        reason: e.to_string(),
    }
    .into()
}

/// `acc-{prefix}-{key}` in the language, or the key itself when there is no such message.
fn word(i18n: &I18n, prefix: &str, key: &str) -> String {
    i18n.try_tr_args(&format!("acc-{prefix}-{key}"), &[])
        .unwrap_or_else(|_| key.to_string())
}

fn excel_time(t: NaiveDateTime) -> std::result::Result<ExcelDateTime, XlsxError> {
    let d = t.date();
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?.and_hms(
        t.hour() as u16,
        t.minute() as u8,
        t.second(),
    )
}

/// The text a cell shows, roughly, for the column width.
fn shown_len(cell: &Cell, i18n: &I18n) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(s) | Cell::Code(s) => s.chars().count(),
        Cell::Key(k) => word(i18n, "col", k).chars().count(),
        Cell::Int(v) => v.to_string().len(),
        Cell::Number(v) => v.to_string().len(),
        // Two decimals and a group separator every three digits.
        Cell::Money(v) => {
            let digits = v.trunc().abs().to_string().len();
            digits + digits / 3 + 4
        }
        Cell::Time(_) => 19,
        Cell::Date(_) => 10,
    }
}

struct Formats {
    header: Format,
    money: Format,
    time: Format,
    date: Format,
    text: Format,
    sums: Format,
    sums_money: Format,
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, i18n: &I18n, f: &Formats) -> std::result::Result<(), XlsxError> {
    // Excel limits sheet names to 31 characters.
    let name: String = word(i18n, "sheet", sheet.name).chars().take(31).collect();
    ws.set_name(name)?;
    let mut widths: Vec<usize> = Vec::with_capacity(sheet.columns.len());
    for (c, key) in sheet.columns.iter().enumerate() {
        let title = word(i18n, "col", key);
        widths.push(title.chars().count());
        ws.write_string_with_format(0, c as u16, title, &f.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown_len(cell, i18n));
            }
            match cell {
                Cell::Empty => continue,
                Cell::Text(s) => ws.write_string(r, col, s)?,
                Cell::Code(s) => ws.write_string_with_format(r, col, s, &f.text)?,
                Cell::Key(k) => ws.write_string(r, col, word(i18n, "col", k))?,
                Cell::Int(v) => ws.write_number(r, col, *v as f64)?,
                Cell::Number(v) => ws.write_number(r, col, to_f64(*v))?,
                Cell::Money(v) => ws.write_number_with_format(r, col, to_f64(*v), &f.money)?,
                Cell::Time(t) => ws.write_datetime_with_format(r, col, excel_time(*t)?, &f.time)?,
                Cell::Date(d) => {
                    let d = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, col, d, &f.date)?
                }
            };
        }
    }
    if !sheet.sums.is_empty() {
        let last = sheet.rows.len() as u32;
        let r = last + 1;
        let label_col = (0..sheet.columns.len()).find(|c| !sheet.sums.contains(c));
        if let Some(c) = label_col {
            ws.write_string_with_format(r, c as u16, word(i18n, "col", "sums"), &f.sums)?;
        }
        for &c in &sheet.sums {
            let letter = rust_xlsxwriter::utility::column_number_to_name(c as u16);
            let formula = if last == 0 {
                Formula::new("=0")
            } else {
                Formula::new(format!("=SUM({letter}2:{letter}{})", last + 1))
            };
            let money = sheet.rows.iter().any(|row| matches!(row.get(c), Some(Cell::Money(_))));
            let format = if money { &f.sums_money } else { &f.sums };
            ws.write_formula_with_format(r, c as u16, formula, format)?;
            ws.set_formula_result(r, c as u16, sheet.sum(c).normalize().to_string());
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Decimal amounts become the spreadsheet's doubles only here, at the file's edge; two-decimal amounts of any
/// shop's size are exact to the tyiyn in a double.
fn to_f64(v: rust_decimal::Decimal) -> f64 {
    v.to_string().parse().unwrap_or(0.0)
}

/// The workbook of `sheets` in `lang`, stamped `created`.
pub fn workbook(sheets: &[Sheet], lang: Lang, created: NaiveDateTime) -> Result<Vec<u8>> {
    let i18n = I18n::new(lang);
    let f = Formats {
        header: Format::new().set_bold(),
        money: Format::new().set_num_format(MONEY_FORMAT),
        time: Format::new().set_num_format("dd.mm.yyyy hh:mm:ss"),
        date: Format::new().set_num_format("dd.mm.yyyy"),
        text: Format::new().set_num_format("@"),
        sums: Format::new().set_bold(),
        sums_money: Format::new().set_bold().set_num_format(MONEY_FORMAT),
    };
    let mut book = Workbook::new();
    let stamp = excel_time(created).map_err(fail)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&stamp));
    for sheet in sheets {
        write_sheet(book.add_worksheet(), sheet, &i18n, &f).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// A report's time (RFC 3339) as the local time it names, for the workbook's stamp.
pub fn stamp(at: &str) -> NaiveDateTime {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.naive_local())
        .unwrap_or_default()
}
