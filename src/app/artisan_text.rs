//! The payout slip with the artisan's statement, as printer blocks in the shop's language.

use crate::domain::artisan::Statement;
use crate::domain::catalog::Lang;
use crate::domain::money::{Som, group_decimal};
use crate::store::PayoutRecord;
use chrono::NaiveDate;
use usta_printer::{Align, Block};

struct Words {
    title: &'static str,
    artisan: &'static str,
    period: &'static str,
    sold: &'static str,
    returned: &'static str,
    gross: &'static str,
    commission: &'static str,
    owed: &'static str,
    brought_forward: &'static str,
    paid: &'static str,
    this_payout: &'static str,
    balance: &'static str,
    signature: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ky => Words {
            title: "ЧЕБЕРГЕ ТӨЛӨМ",
            artisan: "Чебер",
            period: "Мезгил",
            sold: "Сатылды, даана",
            returned: "Кайтарылды, даана",
            gross: "Сатуу (кайтаруусуз)",
            commission: "Дүкөндүн комиссиясы",
            owed: "Чеберге тиешелүү",
            brought_forward: "Мурунку калдык",
            paid: "Төлөндү (мезгилде)",
            this_payout: "Ушул төлөм",
            balance: "КАЛДЫК (карыз)",
            signature: "Алдым: ____________",
        },
        Lang::Ru => Words {
            title: "ВЫПЛАТА МАСТЕРУ",
            artisan: "Мастер",
            period: "Период",
            sold: "Продано, шт.",
            returned: "Возвращено, шт.",
            gross: "Продажи за вычетом возвратов",
            commission: "Комиссия магазина",
            owed: "Причитается мастеру",
            brought_forward: "Остаток на начало",
            paid: "Выплачено за период",
            this_payout: "Эта выплата",
            balance: "ОСТАТОК К ВЫПЛАТЕ",
            signature: "Получил(а): ____________",
        },
        Lang::En => Words {
            title: "ARTISAN PAYOUT",
            artisan: "Artisan",
            period: "Period",
            sold: "Items sold",
            returned: "Items returned",
            gross: "Sales less returns",
            commission: "Shop commission",
            owed: "Owed to the artisan",
            brought_forward: "Brought forward",
            paid: "Paid in the period",
            this_payout: "This payout",
            balance: "BALANCE OWED",
            signature: "Received: ____________",
        },
    }
}

fn som(s: Som) -> String {
    format!("{} сом", group_decimal(s.amount(), 2))
}

fn pair(left: &str, right: String, bold: bool) -> Block {
    Block::Pair {
        left: left.to_string(),
        right,
        bold,
    }
}

/// Statement lines for one artisan over a period.
pub fn statement_blocks(s: &Statement, from: NaiveDate, to: NaiveDate, lang: Lang) -> Vec<Block> {
    let w = words(lang);
    let t = &s.totals;
    vec![
        pair(w.artisan, format!("{} ({})", s.name, s.artisan), true),
        pair(
            w.period,
            format!("{} – {}", from.format("%d.%m.%Y"), to.format("%d.%m.%Y")),
            false,
        ),
        pair(w.sold, t.items_sold.normalize().to_string(), false),
        pair(w.returned, t.items_returned.normalize().to_string(), false),
        pair(w.gross, som(t.gross), false),
        pair(w.commission, som(t.commission), false),
        pair(w.owed, som(t.owed), false),
        pair(w.brought_forward, som(s.brought_forward), false),
        pair(w.paid, som(s.already_paid), false),
        pair(w.balance, som(s.balance), true),
    ]
}

/// The payout slip: the payout, then the artisan's statement for the payout's month, and a line to sign.
pub fn payout_blocks(p: &PayoutRecord, s: &Statement, from: NaiveDate, shop: &str, lang: Lang) -> Vec<Block> {
    let w = words(lang);
    let mut out = vec![
        Block::Text {
            text: shop.to_string(),
            align: Align::Center,
            bold: true,
        },
        Block::Text {
            text: format!("{} № {}", w.title, p.id),
            align: Align::Center,
            bold: true,
        },
        Block::Text {
            text: p.at.replace('T', " "),
            align: Align::Center,
            bold: false,
        },
        Block::Rule('-'),
        pair(w.this_payout, som(p.amount), true),
        Block::Rule('-'),
    ];
    out.extend(statement_blocks(s, from, p.day, lang));
    out.push(Block::Feed(2));
    out.push(Block::Text {
        text: w.signature.to_string(),
        align: Align::Left,
        bold: false,
    });
    out.push(Block::Feed(2));
    out.push(Block::Cut);
    out
}
