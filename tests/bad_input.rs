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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A passport's machine-readable zone from a scanner or a paste: any text gives a passport or a clear error.
    #[test]
    fn mrz_text_never_panics(text in "[A-Z0-9<\\n\\r ]{0,120}|\\PC{0,120}") {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        match usta::domain::mrz::parse(&text, today) {
            Ok(p) => prop_assert!(!p.number.is_empty()),
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
        }
    }

    /// Two lines of 44 MRZ characters with random content: check digits decide, nothing panics.
    #[test]
    fn mrz_shaped_lines_are_judged_by_their_check_digits(a in "[A-Z0-9<]{44}", b in "[A-Z0-9<]{44}") {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let _ = usta::domain::mrz::parse(&format!("{a}\n{b}"), today);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A ledger folder with a damaged file (random bytes in place of one of its files) is refused, naming the
    /// file, never a panic and never "verified".
    #[test]
    fn a_damaged_ledger_folder_is_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400), which in 0usize..9) {
        let dir = ledger_fixture();
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").path()).collect();
        files.sort();
        let victim = &files[which % files.len()];
        let before = std::fs::read(victim).expect("read");
        prop_assume!(before != bytes);
        std::fs::write(victim, &bytes).expect("write");
        let name = victim.file_name().expect("name").to_string_lossy().into_owned();
        match usta::app::ledger::verify(dir.path()) {
            Ok(_) => prop_assert!(false, "a damaged {name} verified"),
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
        }
    }
}

/// One exported ledger day, copied fresh for each case.
fn ledger_fixture() -> tempfile::TempDir {
    use std::sync::OnceLock;
    static SOURCE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    let (_keep, folder) = SOURCE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let db = dir.path().join("shop.db");
        let run = |args: &[&str]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_usta"))
                .args(args)
                .env("USTA_DB", &db)
                .env("USTA_USER", "Админ")
                .env("USTA_PIN", "9999")
                .output()
                .expect("usta");
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out
        };
        run(&["demo"]);
        run(&["sell", "2100000000098", "--pay", "cash:2500"]);
        let closed = run(&["--json", "day", "close", "--count", "KGS:2500"]);
        let day: serde_json::Value = serde_json::from_slice(&closed.stdout).expect("json");
        let folder = dir.path().join("ledger");
        run(&[
            "ledger",
            "export",
            "--date",
            day["day"].as_str().expect("day"),
            "--out",
            folder.to_str().expect("path"),
        ]);
        (dir, folder)
    });
    let copy = tempfile::tempdir().expect("temp");
    for entry in std::fs::read_dir(folder).expect("ledger") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, copy.path().join(path.file_name().expect("name"))).expect("copy");
    }
    copy
}
