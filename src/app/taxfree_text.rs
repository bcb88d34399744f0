//! The tax-free form as printer blocks: every label in Kyrgyz and in the traveller's language (Russian or
//! English), the goods with their VAT, the refund, the deadline, the form number as a Code128 barcode, and boxes
//! for the customs stamp and the traveller's signature. Two copies: the traveller's and the shop's.

use crate::domain::catalog::Lang;
use crate::domain::money::{Som, group_decimal};
use crate::domain::tax_free::FormRecord;
use usta_printer::Block;

/// One label in Kyrgyz, Russian and English.
struct Label(&'static str, &'static str, &'static str);

const TITLE: Label = Label(
    "TAX FREE: КНС КАЙТАРУУ ФОРМАСЫ",
    "TAX FREE: ФОРМА ВОЗВРАТА НДС",
    "TAX FREE: VAT REFUND FORM",
);
const FORM_NO: Label = Label("Форма №", "Форма №", "Form no");
const TRAVELLER_COPY: Label = Label("САЯКАТЧЫНЫН НУСКАСЫ", "ЭКЗЕМПЛЯР ПУТЕШЕСТВЕННИКА", "TRAVELLER'S COPY");
const SHOP_COPY: Label = Label("ДҮКӨНДҮН НУСКАСЫ", "ЭКЗЕМПЛЯР МАГАЗИНА", "SHOP'S COPY");
const VOID: Label = Label("ЖОККО ЧЫГАРЫЛДЫ", "АННУЛИРОВАНА", "VOID");
const SELLER: Label = Label("Сатуучу", "Продавец", "Seller");
const TIN: Label = Label("ИСН", "ИНН", "TIN");
const REG_NO: Label = Label("ККМ кат. №", "Рег. № ККМ", "Register reg. no");
const RECEIPT: Label = Label("Чек", "Чек", "Receipt");
const TRAVELLER: Label = Label("Саякатчы", "Путешественник", "Traveller");
const PASSPORT: Label = Label("Паспорт", "Паспорт", "Passport");
const COUNTRY: Label = Label("Жарандыгы", "Гражданство", "Citizenship");
const RESIDENCE: Label = Label("Жашаган өлкөсү", "Страна проживания", "Country of residence");
const BIRTH: Label = Label("Туулган күнү", "Дата рождения", "Date of birth");
const GOODS: Label = Label("Товарлар (КНС менен)", "Товары (с НДС)", "Goods (VAT included)");
const VAT: Label = Label("КНС", "НДС", "VAT");
const TOTAL: Label = Label("Жалпы", "Итого", "Total");
const REFUND: Label = Label("Кайтарылуучу сумма", "Сумма к возврату", "Refund");
const DEADLINE: Label = Label("Чет өлкөгө чыгаруу мөөнөтү", "Вывезти до", "Export by");
const CUSTOMS: Label = Label("Бажы белгиси", "Отметка таможни", "Customs validation");
const SIGNATURE: Label = Label("Саякатчынын колу", "Подпись путешественника", "Traveller's signature");
const REPLACES: Label = Label("Алмаштырат", "Заменяет", "Replaces");
const ISSUED: Label = Label("Берилди", "Выдана", "Issued");

/// `Kyrgyz / other` (just the Kyrgyz when the traveller's language is Kyrgyz).
fn say(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::Ky => l.0.to_string(),
        Lang::Ru if l.0 == l.1 => l.0.to_string(),
        Lang::Ru => format!("{} / {}", l.0, l.1),
        Lang::En => format!("{} / {}", l.0, l.2),
    }
}

fn money(s: Som) -> String {
    format!("{} сом", group_decimal(s.amount(), 2))
}

/// The form as blocks; `shop_copy` picks the copy's heading.
pub fn blocks(rec: &FormRecord, shop_copy: bool) -> Vec<Block> {
    let f = &rec.form;
    let lang = f.traveller.lang();
    let say = |l: &Label| say(l, lang);
    let mut b = vec![Block::title(say(&TITLE))];
    b.push(Block::center(say(if shop_copy { &SHOP_COPY } else { &TRAVELLER_COPY })));
    if rec.void.is_some() {
        b.push(Block::title(say(&VOID)));
    }
    b.push(Block::Rule('='));
    b.push(Block::pair(say(&FORM_NO), f.number.clone()));
    b.push(Block::pair(
        say(&ISSUED),
        f.issued_at.format("%d.%m.%Y %H:%M").to_string(),
    ));
    if let Some(old) = &f.replaces {
        b.push(Block::pair(say(&REPLACES), old.clone()));
    }
    b.push(Block::Rule('-'));
    b.push(Block::text(format!("{}: {}", say(&SELLER), f.shop.name)));
    if !f.shop.address.is_empty() {
        b.push(Block::text(f.shop.address.clone()));
    }
    b.push(Block::pair(say(&TIN), f.shop.tin.clone()));
    b.push(Block::pair(say(&REG_NO), f.shop.register_reg_no.clone()));
    b.push(Block::pair(
        format!("{} № {}-{}", say(&RECEIPT), f.register, f.receipt_no),
        f.purchase_at.format("%d.%m.%Y %H:%M").to_string(),
    ));
    b.push(Block::Rule('-'));
    b.push(Block::text(format!("{}: {}", say(&TRAVELLER), f.traveller.name)));
    b.push(Block::pair(say(&PASSPORT), f.traveller.passport_no.clone()));
    b.push(Block::pair(say(&COUNTRY), f.traveller.passport_country.clone()));
    b.push(Block::pair(say(&RESIDENCE), f.traveller.residence_country.clone()));
    b.push(Block::pair(
        say(&BIRTH),
        f.traveller.birth.format("%d.%m.%Y").to_string(),
    ));
    b.push(Block::Rule('-'));
    b.push(Block::text(say(&GOODS)));
    for line in &f.lines {
        let name = match lang {
            Lang::Ky => line.names.ky.clone(),
            other => format!("{} / {}", line.names.ky, line.names.get(other)),
        };
        b.push(Block::text(name));
        b.push(Block::pair(
            format!("  {} : {}", line.qty.normalize(), money(line.amount)),
            format!(
                "{} {}% {}",
                say(&VAT),
                line.vat_pct.normalize(),
                group_decimal(line.vat.amount(), 2)
            ),
        ));
    }
    b.push(Block::Rule('-'));
    b.push(Block::pair(say(&TOTAL), money(f.gross)));
    b.push(Block::pair(say(&VAT), money(f.vat)));
    b.push(Block::total(say(&REFUND), money(f.refund)));
    b.push(Block::pair(say(&DEADLINE), f.deadline.format("%d.%m.%Y").to_string()));
    b.push(Block::text(f.scheme.clone()));
    b.push(Block::Rule('='));
    b.push(Block::Barcode(f.number.clone()));
    b.push(Block::text(say(&CUSTOMS)));
    b.push(Block::Feed(4));
    b.push(Block::Rule('.'));
    b.push(Block::text(say(&SIGNATURE)));
    b.push(Block::Feed(2));
    b.push(Block::Rule('.'));
    b.push(Block::Feed(2));
    b.push(Block::Cut);
    b
}

/// The form as plain text `width` characters wide (the CLI's `usta taxfree show`).
pub fn render(rec: &FormRecord, width: usize) -> String {
    usta_printer::render_text(&blocks(rec, false), width)
}
