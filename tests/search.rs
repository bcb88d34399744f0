//! Name search on the demo shop's real SQLite file: the best match first.

mod support;

use support::Shop;

/// The names (Kyrgyz) a search finds, in order.
fn names(shop: &Shop, text: &str) -> Vec<String> {
    let store = shop.open();
    store
        .search(text, 50)
        .expect("search")
        .into_iter()
        .map(|r| r.product.names.ky)
        .collect()
}

fn position(found: &[String], name: &str) -> usize {
    found
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("{name} not found in {found:?}"))
}

/// "калпак" offers the hat first, not the 250 som keychain whose name also holds the word.
#[test]
fn the_hat_comes_before_the_keychain() {
    let shop = Shop::demo();
    let found = names(&shop, "калпак");
    assert_eq!(found[0], "Ак калпак", "{found:?}");
    assert!(
        position(&found, "Ак калпак") < position(&found, "Ак калпак брелок"),
        "{found:?}"
    );
}

/// A name that starts with the word beats one that has it later, in every language the shop names things in.
#[test]
fn a_name_starting_with_the_word_comes_first() {
    let shop = Shop::demo();
    let cases = [
        ("шырдак", "Шырдак оюм-чийимдүү жаздык кап", "Чоң шырдак 3×4 м"),
        ("шырдак", "Шырдак 2×3 м", "Тегерек шырдак"),
        ("кийиз", "Кийиз мончок", "Ала кийиз 100×150 см"),
        ("felt", "Кийиз мончок", "Жибек-кийиз жоолук көгүлтүр"),
        ("komuz", "Комуз", "Темир комуз"),
        ("leather", "Тери капчык", "Оймо-чиймелүү тери капчык"),
    ];
    for (word, first, later) in cases {
        let found = names(&shop, word);
        assert!(
            position(&found, first) < position(&found, later),
            "{word}: {first} should come before {later}: {found:?}"
        );
    }
}

/// The index of first words follows a rename, whoever writes it: a product renamed to start with the word comes
/// first, ahead of older products that hold the word later in their names.
#[test]
fn a_renamed_product_moves_with_its_new_first_word() {
    let shop = Shop::demo();
    // A plain connection, like any other writer of the file: the triggers keep the index, not Usta's code.
    let conn = rusqlite::Connection::open(&shop.db).expect("open");
    conn.execute(
        "UPDATE products SET name_ky = 'Калпак брелок' WHERE name_ky = 'Ак калпак брелок'",
        [],
    )
    .expect("rename");
    drop(conn);
    let found = names(&shop, "калпак");
    assert_eq!(found[0], "Калпак брелок", "{found:?}");
}
