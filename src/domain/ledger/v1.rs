//! The first file format, `usta-ledger/1`: every line carries its product's names, `ledger.json` is the
//! pretty-printed [`Ledger`], and the CSV files are rendered by the `csv` crate. Ledgers already sent in it keep
//! verifying and pooling, so this renderer stays exactly as it wrote them.

use super::{Dialect, Ledger, Table};

/// The format tag in its `ledger.json` and MANIFEST.
pub const FORMAT: &str = "usta-ledger/1";
/// Its CSV files, in MANIFEST order.
pub const CSV_FILES: [&str; 7] = [
    "day.csv",
    "sales.csv",
    "returns.csv",
    "payments.csv",
    "tax.csv",
    "stock.csv",
    "artisans.csv",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The CSV tables of a ledger in a dialect, in [`CSV_FILES`] order.
pub fn tables(l: &Ledger, d: Dialect) -> Vec<Table> {
    let s = &l.summary;
    let mut day = vec![
        vec!["shop_id".into(), l.shop_id.clone()],
        vec!["shop_name".into(), l.shop_name.clone()],
        vec!["day".into(), l.day.to_string()],
        vec![
            "status".into(),
            if l.provisional { "provisional" } else { "closed" }.into(),
        ],
        vec!["journal_head".into(), l.journal_head.clone()],
        vec!["sales_count".into(), s.sales_count.to_string()],
        vec!["returns_count".into(), s.returns_count.to_string()],
        vec!["sales_total".into(), d.money(s.sales_total)],
        vec!["returns_total".into(), d.money(s.returns_total)],
        vec!["net".into(), d.money(s.net)],
        vec!["discounts".into(), d.money(s.discounts)],
    ];
    for k in &s.payments {
        day.push(vec![format!("paid_{}", k.kind.code()), d.money(k.sales)]);
        day.push(vec![format!("refunded_{}", k.kind.code()), d.money(k.refunds)]);
    }
    for line in &s.drawer {
        let c = line.currency.code();
        day.push(vec![format!("cash_expected_{c}"), d.number(line.expected.round_dp(2))]);
        if let (Some(counted), Some(variance)) = (line.counted, line.variance) {
            day.push(vec![format!("cash_counted_{c}"), d.number(counted.round_dp(2))]);
            day.push(vec![format!("cash_variance_{c}"), d.number(variance.round_dp(2))]);
        }
    }
    let line_header = vec![
        "register",
        "receipt_no",
        "original_receipt_no",
        "at",
        "line_no",
        "product_id",
        "barcode",
        "name_ky",
        "name_ru",
        "category",
        "artisan",
        "commission_pct",
        "qty",
        "unit_price",
        "gross",
        "discount",
        "amount",
        "vat_pct",
    ];
    let line_rows = |kind: &str| -> Vec<Vec<String>> {
        l.lines
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| {
                vec![
                    r.register.to_string(),
                    r.receipt_no.to_string(),
                    opt(r.original_receipt_no),
                    r.at.to_string(),
                    r.line_no.to_string(),
                    r.product_id.to_string(),
                    r.barcode.to_string(),
                    r.name_ky.to_string(),
                    r.name_ru.to_string(),
                    r.category.to_string(),
                    r.artisan.to_string(),
                    r.commission_pct.map(|c| d.number(c.normalize())).unwrap_or_default(),
                    d.number(r.qty.normalize()),
                    d.money(r.unit_price),
                    d.money(r.gross),
                    d.money(r.discount),
                    d.money(r.amount),
                    d.number(r.vat_pct.normalize()),
                ]
            })
            .collect()
    };
    vec![
        Table {
            file: CSV_FILES[0],
            header: vec!["key", "value"],
            rows: day,
        },
        Table {
            file: CSV_FILES[1],
            header: line_header.clone(),
            rows: line_rows("sale"),
        },
        Table {
            file: CSV_FILES[2],
            header: line_header,
            rows: line_rows("return"),
        },
        Table {
            file: CSV_FILES[3],
            header: vec![
                "register",
                "receipt_no",
                "kind",
                "method",
                "currency",
                "tendered",
                "tendered_som",
                "applied",
            ],
            rows: l
                .payments
                .iter()
                .map(|p| {
                    vec![
                        p.register.to_string(),
                        p.receipt_no.to_string(),
                        p.kind.to_string(),
                        p.method.to_string(),
                        p.currency.to_string(),
                        d.number(p.tendered.round_dp(2)),
                        d.money(p.tendered_som),
                        d.money(p.applied),
                    ]
                })
                .collect(),
        },
        Table {
            file: CSV_FILES[4],
            header: vec!["vat_pct", "sales_tax_pct", "gross", "vat", "sales_tax", "net"],
            rows: s
                .tax
                .iter()
                .map(|t| {
                    vec![
                        d.number(t.vat_pct.normalize()),
                        d.number(t.sales_tax_pct.normalize()),
                        d.money(t.gross),
                        d.money(t.vat),
                        d.money(t.sales_tax),
                        d.money(t.net),
                    ]
                })
                .collect(),
        },
        Table {
            file: CSV_FILES[5],
            header: vec![
                "id",
                "at",
                "product_id",
                "barcode",
                "kind",
                "qty",
                "reason",
                "receipt_no",
            ],
            rows: l
                .stock
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.at.to_string(),
                        m.product_id.to_string(),
                        m.barcode.to_string(),
                        m.kind.to_string(),
                        d.number(m.qty.normalize()),
                        m.reason.to_string(),
                        opt(m.receipt_no),
                    ]
                })
                .collect(),
        },
        Table {
            file: CSV_FILES[6],
            header: vec![
                "artisan",
                "items_sold",
                "items_returned",
                "sales",
                "returns",
                "gross",
                "commission",
                "owed",
            ],
            rows: l
                .artisans
                .iter()
                .map(|a| {
                    vec![
                        a.artisan.clone(),
                        d.number(a.items_sold.normalize()),
                        d.number(a.items_returned.normalize()),
                        d.money(a.sales),
                        d.money(a.returns),
                        d.money(a.gross),
                        d.money(a.commission),
                        d.money(a.owed),
                    ]
                })
                .collect(),
        },
    ]
}
