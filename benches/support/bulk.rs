//! Big bench databases made fast: rows added with direct SQL in one transaction on a plain connection (Usta's own
//! connection refuses writes outside `Store::write`). The rows are shaped like the app's own, but the journal does
//! not commit to them, so a database made here is for timing only: `usta verify` would name them.
#![allow(dead_code)]

use rusqlite::{Connection, params};
use std::path::Path;
use usta::app::demo::{SYNTHETIC_COLOURS as COLOURS, SYNTHETIC_ITEMS as ITEMS};

/// Adds `count` synthetic products (names in three languages like the demo's, an in-store EAN-13 from prefix 29,
/// an opening stock movement) and returns their barcodes.
pub fn add_products(db: &Path, count: usize) -> Vec<String> {
    let mut conn = Connection::open(db).expect("bulk open");
    conn.pragma_update(None, "synchronous", "OFF").expect("pragma");
    let tx = conn.transaction().expect("bulk transaction");
    let mut codes = Vec::with_capacity(count);
    {
        let mut category = tx
            .prepare("INSERT INTO categories(code, name_ky, name_ru, name_en) VALUES (?1, ?1, ?1, ?1) ON CONFLICT DO NOTHING")
            .expect("sql");
        for (_, _, _, c) in ITEMS {
            category.execute([c]).expect("category");
        }
        let mut product = tx
            .prepare(
                "INSERT INTO products(name_ky, name_ru, name_en, category, price, tax_group, attributes)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'standard', '')",
            )
            .expect("sql");
        let mut barcode = tx
            .prepare("INSERT INTO barcodes(code, product_id) VALUES (?1, ?2)")
            .expect("sql");
        let mut stock = tx
            .prepare(
                "INSERT INTO stock_movements(product_id, kind, qty_milli, reason, at)
                 VALUES (?1, 'receive', ?2, 'opening stock', '2024-12-01T09:00:00+06:00')",
            )
            .expect("sql");
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..count {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let (ky, ru, en, cat) = ITEMS[i % ITEMS.len()];
            let (cky, cru, cen) = COLOURS[(seed >> 33) as usize % COLOURS.len()];
            let n = i + 1;
            product
                .execute(params![
                    format!("{ky} {cky} №{n}"),
                    format!("{ru} {cru} №{n}"),
                    format!("{en} {cen} #{n}"),
                    cat,
                    (200 + (seed >> 40) % 12_000 * 10) as i64 * 100
                ])
                .expect("product");
            let id = tx.last_insert_rowid();
            let code = usta::domain::barcode::in_store_ean13(29, n as u64)
                .expect("code")
                .to_string();
            barcode.execute(params![code, id]).expect("barcode");
            stock
                .execute(params![id, ((seed >> 20) % 20 + 1) as i64 * 1000])
                .expect("stock");
            codes.push(code);
        }
    }
    tx.commit().expect("bulk commit");
    codes
}

/// Adds `sales` one-line cash sales on register R1 spread over `days` closed business days ending the day before
/// `last_day` (YYYY-MM-DD), with their payments, tax rows, stock movements, fiscal documents and day closes, and
/// moves the register's counter past them.
pub fn add_history(db: &Path, sales: usize, days: usize, last_day: chrono::NaiveDate) {
    add_history_above(db, sales, days, last_day, None);
}

/// Like `add_history`, but with every row id and receipt number above the base of `above`, on its register (`(base, register)`), and the
/// register's counters left alone: for a back office's replica of a till, whose own next sale takes the ids and
/// the receipt number after its last, so the history must not sit where the till writes next.
pub fn add_history_above(
    db: &Path,
    sales: usize,
    days: usize,
    last_day: chrono::NaiveDate,
    above: Option<(i64, &str)>,
) {
    let base = above.map(|(b, _)| b);
    let id = |n: i64| base.map(|b| b + n);
    let mut conn = Connection::open(db).expect("bulk open");
    conn.pragma_update(None, "synchronous", "OFF").expect("pragma");
    let tx = conn.transaction().expect("bulk transaction");
    {
        let (product, name_ky, name_ru, name_en, category, price): (i64, String, String, String, String, i64) = tx
            .query_row(
                "SELECT id, name_ky, name_ru, name_en, category, price FROM products ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .expect("a product");
        let register = match above {
            None => {
                tx.execute("INSERT INTO registers(id) VALUES ('R1') ON CONFLICT DO NOTHING", [])
                    .expect("register");
                "R1"
            }
            Some((_, register)) => register,
        };
        let mut day_row = tx
            .prepare("INSERT INTO days(id, day, opened_at, implicit) VALUES (?3, ?1, ?2, 1)")
            .expect("sql");
        let mut close = tx
            .prepare("INSERT INTO day_closes(id, day, closed_at, report, journal_head) VALUES (?3, ?1, ?2, '{}', '')")
            .expect("sql");
        let mut sale = tx
            .prepare(
                "INSERT INTO sales(id, kind, register, receipt_no, at, subtotal, discount, total, change, rounding, day)
                 VALUES (?5, 'sale', ?6, ?1, ?2, ?3, 0, ?3, 0, 0, ?4)",
            )
            .expect("sql");
        let mut line = tx
            .prepare(
                "INSERT INTO sale_lines(id, sale_id, line_no, product_id, name_ky, name_ru, name_en, category, qty_milli,
                   unit_price, gross, discount, amount, tax_group, vat_pct)
                 VALUES (?8, ?1, 1, ?2, ?3, ?4, ?5, ?6, 1000, ?7, ?7, 0, ?7, 'standard', '12')",
            )
            .expect("sql");
        let mut payment = tx
            .prepare(
                "INSERT INTO payments(id, sale_id, seq, kind, currency, tendered, tendered_som, applied)
                 VALUES (?4, ?1, 0, 'cash', 'KGS', ?2, ?3, ?3)",
            )
            .expect("sql");
        let mut tax = tx
            .prepare(
                "INSERT INTO sale_taxes(id, sale_id, vat_pct, sales_tax_pct, gross, vat, sales_tax, net)
                 VALUES (?5, ?1, '12', '0', ?2, ?3, 0, ?4)",
            )
            .expect("sql");
        let mut movement = tx
            .prepare(
                "INSERT INTO stock_movements(id, product_id, kind, qty_milli, sale_id, at) VALUES (?4, ?1, 'sale', -1000, ?2, ?3)",
            )
            .expect("sql");
        let mut fiscal = tx
            .prepare(
                "INSERT INTO fiscal_documents(sale_id, status, mode, fn_number, fd_number, fiscal_sign, attempts, updated_at)
                 VALUES (?1, 'registered', 'simulator', '9999000000000001', ?2, '0000000000', 1, ?3)",
            )
            .expect("sql");
        let per_day = sales.div_ceil(days.max(1));
        let mut receipt = 0i64;
        for d in (1..=days).rev() {
            let day = last_day - chrono::Days::new(d as u64);
            let day_text = day.to_string();
            day_row
                .execute(params![day_text, format!("{day_text}T09:00:00+06:00"), id(d as i64)])
                .expect("day");
            for _ in 0..per_day {
                if receipt as usize == sales {
                    break;
                }
                receipt += 1;
                let no = base.unwrap_or(0) + receipt;
                let at = format!("{day_text}T{:02}:{:02}:00+06:00", 10 + receipt % 8, receipt % 60);
                sale.execute(params![no, at, price, day_text, id(receipt), register])
                    .expect("sale");
                let sale_id = tx.last_insert_rowid();
                line.execute(params![
                    sale_id,
                    product,
                    name_ky,
                    name_ru,
                    name_en,
                    category,
                    price,
                    id(receipt)
                ])
                .expect("line");
                let vat = price * 12 / 112;
                payment
                    .execute(params![sale_id, (price / 100).to_string(), price, id(receipt)])
                    .expect("payment");
                tax.execute(params![sale_id, price, vat, price - vat, id(receipt)])
                    .expect("tax");
                movement
                    .execute(params![product, sale_id, at, id(receipt)])
                    .expect("movement");
                fiscal.execute(params![sale_id, no, at]).expect("fiscal");
            }
            close
                .execute(params![day_text, format!("{day_text}T20:00:00+06:00"), id(d as i64)])
                .expect("close");
        }
        // A till's own counters travel with its rows: history above them leaves them alone.
        if base.is_none() {
            tx.execute("UPDATE registers SET last_receipt_no = ?1 WHERE id = 'R1'", [receipt])
                .expect("counter");
            tx.execute(
                "INSERT INTO fiscal_counters(mode, last_fd) VALUES ('simulator', ?1)
                 ON CONFLICT(mode) DO UPDATE SET last_fd = max(last_fd, excluded.last_fd)",
                [receipt],
            )
            .expect("fiscal counter");
        }
    }
    tx.commit().expect("bulk commit");
}

/// What two years of a cooperative's back office leave beside its sales: `artisans` more artisans (each with a
/// commission), and the rates a manager types, replacing the demo's: the dollar and the euro every day for `days`
/// days ending the day before `last_day`, the rouble every Monday, the tenge once, on the first day.
pub fn add_artisans_and_rates(db: &Path, artisans: usize, days: usize, last_day: chrono::NaiveDate) {
    use chrono::Datelike;
    let mut conn = Connection::open(db).expect("bulk open");
    conn.pragma_update(None, "synchronous", "OFF").expect("pragma");
    let tx = conn.transaction().expect("bulk transaction");
    {
        let mut artisan = tx
            .prepare(
                "INSERT INTO artisans(code, name, village, region, commission_pct, phone)
                 VALUES (?1, ?2, 'Кочкор', 'Нарын', '15', '+996 700 000 000')",
            )
            .expect("sql");
        for n in 0..artisans {
            artisan
                .execute(params![format!("COOP{n:04}"), format!("Уста №{n}")])
                .expect("artisan");
        }
        tx.execute("DELETE FROM exchange_rates", []).expect("rates");
        let mut rate = tx
            .prepare("INSERT INTO exchange_rates(date, currency, som_per_unit, source) VALUES (?1, ?2, ?3, 'typed')")
            .expect("sql");
        for d in (1..=days).rev() {
            let day = last_day - chrono::Days::new(d as u64);
            let text = day.to_string();
            rate.execute(params![text, "USD", "87.45"]).expect("rate");
            rate.execute(params![text, "EUR", "101.20"]).expect("rate");
            if day.weekday() == chrono::Weekday::Mon {
                rate.execute(params![text, "RUB", "1.08"]).expect("rate");
            }
            if d == days {
                rate.execute(params![text, "KZT", "0.1745"]).expect("rate");
            }
        }
    }
    tx.commit().expect("bulk commit");
}
