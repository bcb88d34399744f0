//! Printouts this crate composes itself: price labels for handmade items and the printer test page. Words
//! come from the caller, so labels are in whatever language the shop uses.

use crate::barcode::{self, BarcodeError};
use crate::layout::{Align, Block, TextSize};
use crate::profile::Profile;

/// A price label for one item, printed on the receipt printer and cut off (or torn) for sticking on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceLabel {
    /// Product name; wraps over as many lines as it needs.
    pub name: String,
    /// The price as the shop shows it, e.g. "1 450,00 сом"; printed double size.
    pub price: String,
    /// 12 digits (check digit added) or 13; in-store codes use the 20–29 prefix.
    pub ean13: String,
    /// Shown as given under the barcode, e.g. "Уста: Айгүл Осмонова".
    pub artisan: Option<String>,
    /// Small print at the top, e.g. the shop's name.
    pub shop: Option<String>,
}

/// Blocks for one label; the barcode is checked here so a wrong code is reported before anything prints.
pub fn price_label(label: &PriceLabel) -> Result<Vec<Block>, BarcodeError> {
    let code = barcode::ean13(&label.ean13)?;
    let mut blocks = Vec::new();
    if let Some(shop) = label.shop.as_ref().filter(|s| !s.is_empty()) {
        blocks.push(Block::Sized {
            text: shop.clone(),
            align: Align::Center,
            bold: false,
            size: TextSize::Small,
        });
    }
    blocks.push(Block::title(label.name.clone()));
    blocks.push(Block::big(label.price.clone()));
    blocks.push(Block::Ean13(code));
    if let Some(artisan) = label.artisan.as_ref().filter(|s| !s.is_empty()) {
        blocks.push(Block::center(artisan.clone()));
    }
    blocks.push(Block::Feed(1));
    blocks.push(Block::Cut);
    Ok(blocks)
}

/// A page that shows whether a printer and its profile agree: every Kyrgyz and Russian letter, the code pages
/// the profile claims, sizes, a QR code and both barcodes. If Ң Ө Ү print right, receipts will too.
pub fn test_page(profile: &Profile) -> Vec<Block> {
    let pages = if profile.code_pages.is_empty() {
        "none: every line is a raster image".to_string()
    } else {
        profile
            .code_pages
            .iter()
            .map(|s| format!("{} (ESC t {})", s.page, s.n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        Block::title("USTA — ПРИНТЕР ТЕСТИ"),
        Block::center("printer test / тест принтера"),
        Block::Rule('='),
        Block::pair("Profile", profile.name.clone()),
        Block::pair(
            "Paper",
            format!("{} dots, {} columns", profile.paper.dots(), profile.columns()),
        ),
        Block::text(format!("Code pages: {pages}")),
        Block::pair("Native QR", if profile.native_qr { "yes" } else { "no" }),
        Block::pair("Cutter", if profile.cutter { "yes" } else { "no" }),
        Block::Rule('-'),
        Block::text("Кыргыз тамгалары:"),
        Block::title("Ң ң Ө ө Ү ү"),
        Block::text("АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ"),
        Block::text("абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"),
        Block::text("Русский: АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
        Block::text("0123456789 № « » — 1 234,50 сом"),
        Block::pair("Шырдак 3×4 м, оймо-чиймелүү", "120 000,00"),
        Block::Rule('-'),
        Block::title("Калың / Bold"),
        Block::big("Өнөр 1 450"),
        Block::small("Майда арип / small font: Ң Ө Ү"),
        Block::Qr("USTA TEST Ң Ө Ү".into()),
        Block::Barcode("TEST-0001".into()),
        Block::Ean13("200000000001".into()),
        Block::Feed(2),
        Block::Cut,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render_text;

    #[test]
    fn price_label_layout() {
        let label = PriceLabel {
            name: "Шырдак «Ак бата», 2×3 м".into(),
            price: "48 000 сом".into(),
            ean13: "200000000001".into(),
            artisan: Some("Уста: Айгүл Осмонова".into()),
            shop: Some("Кочкор аялдар кооперативи".into()),
        };
        let text = render_text(&price_label(&label).expect("valid"), 32);
        assert_eq!(
            text,
            "        Кочкор аялдар кооперативи\n    Шырдак «Ак бата», 2×3 м\n   48 000 сом\n\
             [EAN13 2000000000015]\n      Уста: Айгүл Осмонова\n\n"
        );
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        let label = PriceLabel {
            name: "Ак калпак".into(),
            price: "1 200 сом".into(),
            ean13: "2000000000016".into(),
            artisan: None,
            shop: None,
        };
        assert!(matches!(
            price_label(&label),
            Err(BarcodeError::Ean13Check { expected: '5', .. })
        ));
    }

    #[test]
    fn test_page_shows_every_kyrgyz_letter_and_the_profile() {
        for profile in [Profile::epson(), Profile::generic58()] {
            let text = render_text(&test_page(&profile), profile.columns());
            for c in ['Ң', 'ң', 'Ө', 'ө', 'Ү', 'ү'] {
                assert!(text.contains(c), "{c}");
            }
            assert!(text.contains(&profile.name));
        }
        let epson = render_text(&test_page(&Profile::epson()), 48);
        assert!(epson.contains("kz-1048 (ESC t 53)"), "{epson}");
    }
}
