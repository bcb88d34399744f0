//! Shapes of the CLI's JSON output and small text helpers. Amounts are decimal strings with two decimals so no
//! consumer ever parses money as a float.

use crate::domain::catalog::Lang;
use crate::domain::sale::Sale;
use crate::store::ProductRecord;
use serde::Serialize;
use serde_json::{Value, json};

pub fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Quantities (not money) as JSON numbers: whole pieces as integers, fractions (metres, kilograms) as decimals.
pub fn quantity(q: rust_decimal::Decimal) -> Value {
    serde_json::from_str(&q.normalize().to_string()).unwrap_or(Value::Null)
}

pub fn product_json(r: &ProductRecord, lang: Lang) -> Value {
    let p = &r.product;
    json!({
        "id": p.id.map(|i| i.0),
        "barcode": p.barcodes.first().map(|b| b.as_str()),
        "barcodes": p.barcodes.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
        "name": p.names.get(lang),
        "name_ky": p.names.ky,
        "name_ru": p.names.ru,
        "name_en": p.names.en,
        "category": p.category,
        "price": p.price.plain(),
        "tax_group": p.tax_group,
        "artisan": p.artisan,
        "on_hand": if r.stock_problem.is_some() { Value::Null } else { quantity(r.on_hand) },
        "stock_problem": r.stock_problem,
    })
}

/// On-hand as a list shows it: the number, or `?` when a damaged stored movement makes it unknown (the reason
/// goes to standard error, naming the product, so the rest of the list stays usable).
pub fn on_hand_cell(r: &crate::store::ProductRecord, lang: Lang) -> String {
    match &r.stock_problem {
        Some(problem) => {
            let code = r.product.barcodes.first().map_or("-", |b| b.as_str());
            eprintln!("usta: {code} {}: {problem}", r.product.names.get(lang));
            "?".to_string()
        }
        None => r.on_hand.normalize().to_string(),
    }
}

pub fn sale_json(s: &Sale, lang: Lang) -> Value {
    json!({
        "kind": s.kind.code(),
        "register": s.register,
        "receipt_no": s.receipt_no,
        "original_receipt_no": s.original_receipt_no,
        "at": s.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "subtotal": s.subtotal.plain(),
        "discount": s.discount.plain(),
        "total": s.total.plain(),
        "rounding": s.rounding.plain(),
        "change": s.change.plain(),
        "lines": s.lines.iter().map(|l| json!({
            "line_no": l.line_no,
            "product_id": l.product_id.0,
            "barcode": l.barcode,
            "name": l.names.get(lang),
            "qty": l.qty.normalize().to_string(),
            "unit_price": l.unit_price.plain(),
            "discount": l.discount.plain(),
            "amount": l.amount.plain(),
            "vat_pct": l.vat_pct.normalize().to_string(),
            "artisan": l.artisan,
        })).collect::<Vec<_>>(),
        "payments": s.payments.iter().map(|p| json!({
            "kind": p.kind.code(),
            "currency": p.tendered.currency.code(),
            "tendered": p.tendered.amount.to_string(),
            "tendered_som": p.tendered_som.plain(),
            "applied": p.applied.plain(),
        })).collect::<Vec<_>>(),
        "tax": s.tax.iter().map(|t| json!({
            "vat_pct": t.vat_pct.normalize().to_string(),
            "sales_tax_pct": t.sales_tax_pct.normalize().to_string(),
            "gross": t.gross.plain(),
            "vat": t.vat.plain(),
            "sales_tax": t.sales_tax.plain(),
            "net": t.net.plain(),
        })).collect::<Vec<_>>(),
    })
}

/// Pads or cuts `text` to `width` characters for table output.
pub fn cell(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count > width {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        format!("{text}{}", " ".repeat(width - count))
    }
}
