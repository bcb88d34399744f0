//! The receipt document as printer blocks, with its words in the receipt's language. The CLI prints these as
//! text; the printer driver encodes the same blocks for paper.

use crate::domain::catalog::Lang;
use crate::domain::money::{Som, group_decimal};
use crate::domain::payment::PaymentKind;
use crate::domain::receipt::{Fiscal, ReceiptDoc};
use crate::domain::sale::SaleKind;
use rust_decimal::Decimal;
use usta_printer::Block;

struct Words {
    sale: &'static str,
    sale_return: &'static str,
    from_receipt: &'static str,
    receipt: &'static str,
    tin: &'static str,
    reg_no: &'static str,
    discount: &'static str,
    subtotal: &'static str,
    total: &'static str,
    rounding: &'static str,
    vat: &'static str,
    sales_tax: &'static str,
    change: &'static str,
    /// Before the date of rates older than the sale by more than three days.
    rates_of: &'static str,
    cash: &'static str,
    card: &'static str,
    qr: &'static str,
    refund: &'static str,
    copy: &'static str,
    cashier: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ky => Words {
            sale: "САТУУ ЧЕГИ",
            sale_return: "КАЙТАРУУ ЧЕГИ",
            from_receipt: "Чек боюнча",
            receipt: "Чек",
            tin: "ИСН",
            reg_no: "ККМ кат. №",
            discount: "арзандатуу",
            subtotal: "Арзандатууга чейин",
            total: "ЖАЛПЫ",
            rounding: "Тегеректөө",
            vat: "КНС",
            sales_tax: "Сатуудан салык",
            change: "Кайтарым",
            rates_of: "курстун күнү",
            cash: "Накталай",
            card: "Карта",
            qr: "QR төлөм",
            refund: "Кайтарылды",
            copy: "КӨЧҮРМӨ",
            cashier: "Кассир",
        },
        Lang::Ru => Words {
            sale: "КАССОВЫЙ ЧЕК / ПРИХОД",
            sale_return: "ВОЗВРАТ ПРИХОДА",
            from_receipt: "По чеку",
            receipt: "Чек",
            tin: "ИНН",
            reg_no: "Рег. № ККМ",
            discount: "скидка",
            subtotal: "До скидки",
            total: "ИТОГ",
            rounding: "Округление",
            vat: "НДС",
            sales_tax: "НсП",
            change: "Сдача",
            rates_of: "курс на",
            cash: "Наличные",
            card: "Карта",
            qr: "QR-оплата",
            refund: "Возвращено",
            copy: "КОПИЯ",
            cashier: "Кассир",
        },
        Lang::En => Words {
            sale: "SALES RECEIPT",
            sale_return: "RETURN RECEIPT",
            from_receipt: "For receipt",
            receipt: "Receipt",
            tin: "TIN",
            reg_no: "Register reg. no",
            discount: "discount",
            subtotal: "Before discount",
            total: "TOTAL",
            rounding: "Rounding",
            vat: "VAT",
            sales_tax: "Sales tax",
            change: "Change",
            rates_of: "rates of",
            cash: "Cash",
            card: "Card",
            qr: "QR payment",
            refund: "Refunded",
            copy: "COPY",
            cashier: "Cashier",
        },
    }
}

fn amount(s: Som) -> String {
    group_decimal(s.amount(), 2)
}

fn qty(q: Decimal) -> String {
    let q = q.normalize();
    if q.scale() == 0 {
        q.to_string()
    } else {
        group_decimal(q, q.scale())
    }
}

/// The receipt as blocks, top to bottom.
pub fn blocks(doc: &ReceiptDoc) -> Vec<Block> {
    let w = words(doc.lang);
    let mut b = Vec::new();
    if doc.copy {
        b.push(Block::title(w.copy));
    }
    b.push(Block::title(doc.shop.name.clone()));
    for line in [doc.shop.address.clone(), doc.shop.phone.clone()] {
        if !line.is_empty() {
            b.push(Block::center(line));
        }
    }
    if !doc.shop.tin.is_empty() {
        b.push(Block::center(format!("{} {}", w.tin, doc.shop.tin)));
    }
    b.push(Block::Rule('='));
    b.push(Block::title(match doc.kind {
        SaleKind::Sale => w.sale,
        SaleKind::Return => w.sale_return,
    }));
    b.push(Block::pair(
        format!("{} № {}", w.receipt, doc.receipt_no),
        doc.at.format("%d.%m.%Y %H:%M").to_string(),
    ));
    if let Some(original) = doc.original_receipt_no {
        b.push(Block::text(format!("{} № {original}", w.from_receipt)));
    }
    if let Some(cashier) = &doc.cashier {
        b.push(Block::text(format!("{}: {cashier}", w.cashier)));
    }
    b.push(Block::Rule('-'));
    for line in &doc.lines {
        b.push(Block::text(line.name.clone()));
        b.push(Block::pair(
            // "x", not "×": the multiplication sign is missing from the code pages of cheap 58 mm printers.
            format!("  {} x {}", qty(line.qty), amount(line.unit_price)),
            amount(line.amount + line.discount),
        ));
        if !line.discount.is_zero() {
            b.push(Block::pair(
                format!("  {}", w.discount),
                format!("-{}", amount(line.discount)),
            ));
        }
    }
    b.push(Block::Rule('-'));
    if !doc.discount.is_zero() {
        b.push(Block::pair(w.subtotal, amount(doc.subtotal)));
        b.push(Block::pair(w.discount, format!("-{}", amount(doc.discount))));
    }
    if !doc.rounding.is_zero() {
        b.push(Block::pair(w.rounding, amount(doc.rounding)));
    }
    b.push(Block::total(
        w.total,
        format!("{} сом", amount(doc.total + doc.rounding)),
    ));
    // The breakdown is extracted per (VAT, sales tax) pair; the receipt shows one line per rate of each tax.
    let mut vat: std::collections::BTreeMap<Decimal, Som> = Default::default();
    let mut sales_tax: std::collections::BTreeMap<Decimal, Som> = Default::default();
    for t in &doc.tax {
        *vat.entry(t.vat_pct).or_default() += t.vat;
        if !t.sales_tax_pct.is_zero() {
            *sales_tax.entry(t.sales_tax_pct).or_default() += t.sales_tax;
        }
    }
    for (pct, sum) in vat {
        b.push(Block::pair(format!("{} {}%", w.vat, pct.normalize()), amount(sum)));
    }
    for (pct, sum) in sales_tax {
        b.push(Block::pair(
            format!("{} {}%", w.sales_tax, pct.normalize()),
            amount(sum),
        ));
    }
    b.push(Block::Rule('-'));
    for p in &doc.payments {
        let label = match p.kind {
            PaymentKind::Cash => w.cash,
            PaymentKind::Card => w.card,
            PaymentKind::Qr => w.qr,
        };
        let label = if doc.kind == SaleKind::Return {
            format!("{} ({label})", w.refund)
        } else {
            label.to_string()
        };
        let value = if p.tendered.currency == crate::domain::currency::Currency::Kgs {
            amount(p.amount)
        } else {
            format!("{} = {}", p.tendered, amount(p.amount))
        };
        b.push(Block::pair(label, value));
    }
    if !doc.change.is_zero() {
        b.push(Block::total(w.change, amount(doc.change)));
    }
    if !doc.foreign_totals.is_empty() {
        let shown: Vec<String> = doc.foreign_totals.iter().map(ToString::to_string).collect();
        // Plain "~": "≈" is in no receipt code page and would print as an image.
        b.push(Block::center(format!("~ {}", shown.join(" · "))));
        if let Some(day) = doc.stale_rates {
            b.push(Block::center(format!("({} {})", w.rates_of, day.format("%d.%m.%Y"))));
        }
    }
    b.push(Block::Rule('='));
    if !doc.shop.register_reg_no.is_empty() {
        b.push(Block::text(format!("{}: {}", w.reg_no, doc.shop.register_reg_no)));
    }
    match &doc.fiscal {
        Fiscal::Training => b.push(Block::title("TRAINING — NOT FISCAL")),
        Fiscal::Registered {
            fn_number,
            fd_number,
            fiscal_sign,
        } => {
            b.push(Block::text(format!("ФН {fn_number}  ФД {fd_number}  ФП {fiscal_sign}")));
        }
        Fiscal::Simulated {
            fn_number,
            fd_number,
            fiscal_sign,
        } => {
            b.push(Block::text(format!("ФН {fn_number}  ФД {fd_number}  ФП {fiscal_sign}")));
            b.push(Block::title("TRAINING — NOT FISCAL"));
        }
    }
    b.push(Block::Qr(doc.qr_payload.clone()));
    b.push(Block::Barcode(format!("{}-{}", doc.register, doc.receipt_no)));
    for line in &doc.shop.footer {
        b.push(Block::center(line.clone()));
    }
    b.push(Block::Feed(2));
    b.push(Block::Cut);
    b
}

/// The receipt as plain text `width` characters wide (32 for 58 mm paper, 48 for 80 mm).
pub fn render(doc: &ReceiptDoc, width: usize) -> String {
    usta_printer::render_text(&blocks(doc), width)
}
