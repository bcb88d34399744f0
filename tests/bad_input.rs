//! Bad input never panics: whatever bytes a catalog file, a typed amount, a scanned code, a discount field or a
//! damaged setting holds, the answer is a value or a clear error. A few thousand generated cases each.

use proptest::prelude::*;
use rust_decimal::Decimal;
use usta::app::AppError;
use usta::app::catalog::parse_csv;
use usta::domain::barcode::{Barcode, gtin_check_digit};
use usta::domain::cart::Discount;
use usta::domain::money::{Som, parse_decimal};
use usta::store::StoreError;
use usta::ui::sale::parse_discount;

/// Checks an import error names a row, a column and a reason.
fn clear(result: Result<Vec<usta::store::CatalogRow>, AppError>) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => Ok(()),
        Err(AppError::Import {
            file,
            row,
            column,
            message,
        }) => {
            prop_assert_eq!(file, "catalog.csv");
            prop_assert!(row >= 1, "row {}", row);
            prop_assert!(!column.is_empty() && !message.trim().is_empty());
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!("not an import error: {other}"))),
    }
}

/// Cells that tend to break parsers: quotes, separators, signs, exponents, huge and odd numbers, Cyrillic.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\"".to_string()),
        Just("\"a;b\"".to_string()),
        Just("1 450,50".to_string()),
        Just("-0".to_string()),
        Just("1e9".to_string()),
        Just("99999999999999999999999999999999".to_string()),
        Just("0,001".to_string()),
        Just("2100000000012".to_string()),
        Just("2100000000013|".to_string()),
        Just("size=42|colour".to_string()),
        Just("Ак калпак ӨҢҮ".to_string()),
        "[0-9 ,.\\-+]{0,12}",
        "\\PC{0,16}",
    ]
}

fn header() -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(
        vec![
            "barcode",
            "name_ky",
            "name_ru",
            "name_en",
            "category",
            "price",
            "tax_group",
            "artisan",
            "commission_pct",
            "attributes",
            "opening_stock",
            "on_hand",
        ],
        0..12,
    )
    .prop_map(|h| h.into_iter().map(String::from).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_a_catalog_file(data in prop::collection::vec(any::<u8>(), 0..600)) {
        clear(parse_csv("catalog.csv", &data))?;
    }

    #[test]
    fn catalog_files_with_real_columns_and_bad_cells(
        header in header(),
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..14), 0..6),
        semicolon in any::<bool>(),
    ) {
        let sep = if semicolon { ";" } else { "," };
        let mut text = header.join(sep);
        for row in &rows {
            text.push('\n');
            text.push_str(&row.join(sep));
        }
        clear(parse_csv("catalog.csv", text.as_bytes()))?;
    }

    #[test]
    fn any_text_as_an_amount(text in "\\PC{0,24}") {
        if let Ok(som) = Som::parse(&text) {
            prop_assert!(som.amount().normalize().scale() <= 2, "{} from {:?}", som.amount(), text);
            prop_assert_eq!(Some(som.amount()), parse_decimal(&text));
        }
    }

    #[test]
    fn amounts_as_people_type_them(tyiyn in -10_000_000_000i64..10_000_000_000, comma in any::<bool>(), spaces in any::<bool>()) {
        let value = Decimal::new(tyiyn, 2);
        let mut text = value.to_string();
        if comma {
            text = text.replace('.', ",");
        }
        if spaces {
            text = format!(" {text} сом");
        }
        prop_assert_eq!(parse_decimal(&text), Some(value));
        prop_assert_eq!(Som::parse(&text).map(|s| s.amount()), Ok(value));
    }

    #[test]
    fn digit_soup_as_an_amount(text in "[-+]?[0-9 ,.\u{a0}']{0,40}") {
        if let Some(d) = parse_decimal(&text) {
            // What was accepted is made of what was typed: its digits, nothing invented.
            let typed: String = text.chars().filter(char::is_ascii_digit).collect();
            let kept: String = d.abs().to_string().chars().filter(char::is_ascii_digit).collect();
            prop_assert!(typed.trim_start_matches('0').contains(kept.trim_start_matches('0').trim_end_matches('0')), "{} → {}", text, d);
        }
    }

    #[test]
    fn any_text_as_a_barcode(text in "\\PC{0,20}") {
        if let Ok(code) = Barcode::parse(&text) {
            prop_assert_eq!(code.as_str(), text.trim());
            prop_assert!(!code.as_str().is_empty());
        }
    }

    #[test]
    fn gtin_codes_need_their_check_digit(digits in prop::collection::vec(0u8..10, 12), wrong in 1u8..10) {
        let check = gtin_check_digit(&digits);
        let body: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let good = format!("{body}{check}");
        prop_assert!(Barcode::parse(&good).is_ok(), "{}", good);
        let bad = format!("{body}{}", (check + wrong) % 10);
        prop_assert!(Barcode::parse(&bad).is_err(), "{}", bad);
    }

    #[test]
    fn any_text_as_a_discount(text in "\\PC{0,16}%?") {
        match parse_discount(&text) {
            None => {}
            Some(Discount::Percent(p)) => {
                let number = text.trim().strip_suffix('%');
                prop_assert!(number.is_some(), "percent without % in {:?}", text);
                prop_assert_eq!(parse_decimal(number.unwrap_or_default()), Some(p));
            }
            Some(Discount::Amount(a)) => prop_assert_eq!(Som::parse(&text), Ok(a)),
        }
    }
}

#[test]
fn damaged_settings_json_is_reported_not_a_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db");
    let store = usta::store::Store::open(&db).expect("store");
    let raw = rusqlite::Connection::open(&db).expect("raw");
    // Only this test writes here, and durability is not what it checks.
    raw.pragma_update(None, "synchronous", "OFF").expect("pragma");
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 2000,
        ..ProptestConfig::default()
    });
    let strategy = prop_oneof![
        "\\PC{0,40}",
        Just("{\"vat_pct\": {\"standard\": \"12\"}".to_string()),
        Just("{\"vat_pct\": 12}".to_string()),
        Just("null".to_string()),
        Just("[]".to_string()),
        Just(String::new()),
        Just("{\"name\": 5}".to_string()),
    ];
    let corrupt = std::cell::Cell::new(0);
    runner
        .run(&strategy, |text| {
            for key in ["tax", "shop", "payment", "register"] {
                raw.execute(
                    "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, text.as_str()],
                )
                .expect("write setting");
            }
            let results = [
                store.tax_config().map(|_| ()),
                store.shop().map(|_| ()),
                store.payment_rules().map(|_| ()),
                store.register_id().map(|_| ()),
            ];
            for r in results {
                match r {
                    Ok(()) => {}
                    Err(StoreError::Corrupt(message)) => {
                        prop_assert!(message.starts_with("setting '"), "{}", message);
                        corrupt.set(corrupt.get() + 1);
                    }
                    Err(other) => return Err(TestCaseError::fail(format!("{other}"))),
                }
            }
            Ok(())
        })
        .expect("every damaged setting is StoreError::Corrupt");
    assert!(
        corrupt.get() > 1000,
        "the generator produced damaged JSON ({} refusals)",
        corrupt.get()
    );
}
