//! The X and Z reports as printer blocks in the shop's language; the CLI prints the same blocks as text.

use crate::domain::catalog::Lang;
use crate::domain::day::{DayReport, ReportKind};
use crate::domain::money::{Som, group_decimal};
use crate::domain::payment::PaymentKind;
use crate::domain::tax::SalesTaxRates;
use rust_decimal::Decimal;
use usta_printer::{Align, Block};

struct Words {
    x: &'static str,
    z: &'static str,
    day: &'static str,
    opened: &'static str,
    at: &'static str,
    sales: &'static str,
    returns: &'static str,
    net: &'static str,
    discounts: &'static str,
    vat: &'static str,
    sales_tax: &'static str,
    vat_total: &'static str,
    sales_tax_total: &'static str,
    drawer: &'static str,
    float: &'static str,
    cash_sales: &'static str,
    refunds: &'static str,
    cash_in: &'static str,
    cash_out: &'static str,
    payouts: &'static str,
    expected: &'static str,
    counted: &'static str,
    variance: &'static str,
    cash: &'static str,
    card: &'static str,
    qr: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ky => Words {
            x: "X-ОТЧЁТ (күндү жаппайт)",
            z: "Z-ОТЧЁТ · КҮНДҮ ЖАБУУ",
            day: "Иш күнү",
            opened: "Ачылды",
            at: "Убакыт",
            sales: "Сатуулар",
            returns: "Кайтаруулар",
            net: "ТАЗА КИРЕШЕ",
            discounts: "Арзандатуулар",
            vat: "КНС",
            sales_tax: "Сатуудан салык",
            vat_total: "КНС БАРДЫГЫ",
            sales_tax_total: "Сатуудан салык бардыгы",
            drawer: "Кассадагы акча",
            float: "Баштапкы калдык",
            cash_sales: "Накталай сатуу",
            refunds: "Накталай кайтаруу",
            cash_in: "Салынды",
            cash_out: "Алынды",
            payouts: "Чеберлерге төлөм",
            expected: "Болушу керек",
            counted: "Саналды",
            variance: "Айырма",
            cash: "Накталай",
            card: "Карта",
            qr: "QR төлөм",
        },
        Lang::Ru => Words {
            x: "X-ОТЧЁТ (без гашения)",
            z: "Z-ОТЧЁТ · ЗАКРЫТИЕ ДНЯ",
            day: "Рабочий день",
            opened: "Открыт",
            at: "Время",
            sales: "Продажи",
            returns: "Возвраты",
            net: "ВЫРУЧКА",
            discounts: "Скидки",
            vat: "НДС",
            sales_tax: "Налог с продаж",
            vat_total: "ИТОГО НДС",
            sales_tax_total: "Итого налог с продаж",
            drawer: "Денежный ящик",
            float: "Размен на начало",
            cash_sales: "Наличные продажи",
            refunds: "Наличные возвраты",
            cash_in: "Внесение",
            cash_out: "Изъятие",
            payouts: "Выплаты мастерам",
            expected: "Должно быть",
            counted: "Пересчитано",
            variance: "Расхождение",
            cash: "Наличные",
            card: "Карта",
            qr: "QR-оплата",
        },
        Lang::En => Words {
            x: "X REPORT (day stays open)",
            z: "Z REPORT · DAY CLOSE",
            day: "Business day",
            opened: "Opened",
            at: "Time",
            sales: "Sales",
            returns: "Returns",
            net: "NET TAKINGS",
            discounts: "Discounts",
            vat: "VAT",
            sales_tax: "Sales tax",
            vat_total: "VAT TOTAL",
            sales_tax_total: "Sales tax total",
            drawer: "Cash drawer",
            float: "Opening float",
            cash_sales: "Cash sales",
            refunds: "Cash refunds",
            cash_in: "Cash in",
            cash_out: "Cash out",
            payouts: "Artisan payouts",
            expected: "Expected",
            counted: "Counted",
            variance: "Variance",
            cash: "Cash",
            card: "Card",
            qr: "QR payment",
        },
    }
}

fn som(s: Som) -> String {
    group_decimal(s.amount(), 2)
}

fn amount(d: Decimal) -> String {
    group_decimal(d, 2)
}

fn pair(left: impl Into<String>, right: impl Into<String>) -> Block {
    Block::Pair {
        left: left.into(),
        right: right.into(),
        bold: false,
    }
}

/// `12` for 12%, `0,5` for 0.5%.
fn pct(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// The payment kinds the shop's sales tax charges at `rate` ("Cash", "Card/QR payment"), so a tax line says whose it is.
fn kinds_at(rate: Decimal, rates: &SalesTaxRates, w: &Words) -> String {
    [
        (PaymentKind::Cash, rates.cash, w.cash),
        (PaymentKind::Card, rates.card, w.card),
        (PaymentKind::Qr, rates.qr, w.qr),
    ]
    .iter()
    .filter(|(_, r, _)| *r == rate)
    .map(|(_, _, name)| *name)
    .collect::<Vec<_>>()
    .join("/")
}

/// The report as printer blocks, ending with a cut. Each tax line is named by both its rates and, from the
/// shop's sales tax `rates` (read from the tax settings, never assumed), the payment kinds that rate is for;
/// the VAT and sales tax totals follow.
pub fn blocks(r: &DayReport, shop: &str, lang: Lang, rates: &SalesTaxRates) -> Vec<Block> {
    let w = words(lang);
    let mut out = vec![
        Block::Text {
            text: shop.to_string(),
            align: Align::Center,
            bold: true,
        },
        Block::Text {
            text: match r.kind {
                ReportKind::X => w.x,
                ReportKind::Z => w.z,
            }
            .to_string(),
            align: Align::Center,
            bold: true,
        },
        pair(w.day, r.day.format("%d.%m.%Y").to_string()),
        pair(w.opened, r.opened_at.replace('T', " ")),
        pair(w.at, r.at.replace('T', " ")),
        Block::Rule('-'),
        pair(format!("{} ({})", w.sales, r.sales_count), som(r.sales_total)),
        pair(format!("{} ({})", w.returns, r.returns_count), som(r.returns_total)),
        pair(w.discounts, som(r.discounts)),
        Block::Pair {
            left: w.net.to_string(),
            right: som(r.net),
            bold: true,
        },
        Block::Rule('-'),
    ];
    for k in &r.payments {
        let name = match k.kind {
            PaymentKind::Cash => w.cash,
            PaymentKind::Card => w.card,
            PaymentKind::Qr => w.qr,
        };
        out.push(pair(name, som(k.sales - k.refunds)));
    }
    if !r.tax.is_empty() {
        out.push(Block::Rule('-'));
    }
    for t in &r.tax {
        let kinds = kinds_at(t.sales_tax_pct, rates, &w);
        let kinds = if kinds.is_empty() {
            String::new()
        } else {
            format!(" · {kinds}")
        };
        out.push(Block::Text {
            text: format!(
                "{} {}% · {} {}%{kinds}",
                w.vat,
                pct(t.vat_pct),
                w.sales_tax.to_lowercase(),
                pct(t.sales_tax_pct)
            ),
            align: Align::Left,
            bold: false,
        });
        out.push(pair(format!("  {}", w.vat), som(t.vat)));
        out.push(pair(format!("  {}", w.sales_tax), som(t.sales_tax)));
    }
    if !r.tax.is_empty() {
        out.push(Block::Pair {
            left: w.vat_total.to_string(),
            right: som(r.tax.iter().map(|t| t.vat).sum()),
            bold: true,
        });
        out.push(pair(w.sales_tax_total, som(r.tax.iter().map(|t| t.sales_tax).sum())));
    }
    for line in &r.drawer {
        out.push(Block::Rule('-'));
        out.push(Block::Text {
            text: format!("{} · {}", w.drawer, line.currency.code()),
            align: Align::Left,
            bold: true,
        });
        let f = &line.flow;
        for (label, value) in [
            (w.float, f.float),
            (w.cash_sales, f.sales),
            (w.refunds, f.refunds),
            (w.cash_in, f.cash_in),
            (w.cash_out, f.cash_out),
            (w.payouts, f.payouts),
        ] {
            if !value.is_zero() {
                out.push(pair(label, amount(value)));
            }
        }
        out.push(Block::Pair {
            left: w.expected.to_string(),
            right: amount(line.expected),
            bold: true,
        });
        if let (Some(counted), Some(variance)) = (line.counted, line.variance) {
            out.push(pair(w.counted, amount(counted)));
            out.push(Block::Pair {
                left: w.variance.to_string(),
                right: amount(variance),
                bold: true,
            });
        }
    }
    out.push(Block::Feed(2));
    out.push(Block::Cut);
    out
}
