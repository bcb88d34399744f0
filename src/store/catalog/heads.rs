//! The first tier of a name search: products one of whose names starts with the first word typed, found through
//! the index of every name's first word (`products_fts_heads`, kept by triggers on `products`). FTS5's `^` found
//! the same rows by checking the word's position in every product that holds it anywhere: 125,000 rows for
//! "kalpak" in a 1,000,000-product catalog, where no name starts with it.

use super::{PRODUCT_COLUMNS, ProductRecord, finish, product_row};
use crate::store::{Result, Store};
use rusqlite::{OptionalExtension, params};

/// More distinct first words than this under one prefix (a one- or two-letter prefix): the caller asks FTS5.
const MAX_HEADS: usize = 32;
/// First-word rows read per word at most while looking for names that also hold the other words typed: the tier
/// only puts the best matches first, and the FTS5 tier after it still finds every match.
const MAX_READ: i64 = 2_000;

/// The words of a search as FTS5's unicode61 tokenizer splits and folds them (letters and digits, lower case).
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether every word starts some word of one of the product's names (FTS5's AND of prefix terms).
fn holds_all(names: [&str; 3], wanted: &[String]) -> bool {
    let held: Vec<String> = names.iter().flat_map(|n| words(n)).collect();
    wanted.iter().all(|w| held.iter().any(|h| h.starts_with(w.as_str())))
}

impl Store {
    /// The active products with a name starting with `words[0]` and holding the other words, oldest first, at most
    /// `limit`; `None` when too many first words start with `words[0]` to read each one.
    pub(super) fn search_heads(&self, words: &[String], limit: usize) -> Result<Option<Vec<ProductRecord>>> {
        let Some((first, rest)) = words.split_first() else {
            return Ok(Some(Vec::new()));
        };
        let conn = self.conn();
        // Skip-scan of the distinct first words in the prefix's range, one index seek each.
        let upper = format!("{first}\u{10FFFF}");
        let mut heads: Vec<String> = Vec::new();
        loop {
            let (sql, from) = match heads.last() {
                None => (
                    "SELECT word FROM products_fts_heads WHERE word >= ?1 AND word < ?2 ORDER BY word LIMIT 1",
                    first,
                ),
                Some(last) => (
                    "SELECT word FROM products_fts_heads WHERE word > ?1 AND word < ?2 ORDER BY word LIMIT 1",
                    last,
                ),
            };
            let word: Option<String> = conn
                .prepare_cached(sql)?
                .query_row(params![from, upper], |r| r.get(0))
                .optional()?;
            let Some(word) = word else { break };
            if heads.len() == MAX_HEADS {
                return Ok(None);
            }
            heads.push(word);
        }
        let mut rows = conn.prepare_cached(
            "SELECT p.id, p.name_ky, p.name_ru, p.name_en FROM products_fts_heads h JOIN products p ON p.id = h.product_id
             WHERE h.word = ?1 AND p.active = 1 ORDER BY h.product_id LIMIT ?2",
        )?;
        let mut ids: Vec<i64> = Vec::new();
        for head in &heads {
            let mut found = 0;
            let mut read = rows.query(params![head, MAX_READ])?;
            while let Some(row) = read.next()? {
                let (ky, ru, en): (String, String, String) = (row.get(1)?, row.get(2)?, row.get(3)?);
                if holds_all([&ky, &ru, &en], rest) {
                    ids.push(row.get(0)?);
                    found += 1;
                    if found == limit {
                        break;
                    }
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.truncate(limit);
        let mut one = conn.prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN artisans a ON a.id = p.artisan_id WHERE p.id = ?1"
        ))?;
        let records = ids
            .into_iter()
            .map(|id| finish(one.query_row([id], product_row)?))
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(records))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_like_the_tokenizer() {
        assert_eq!(words("Ак-калпак  №42"), ["ак", "калпак", "42"]);
        assert_eq!(words("ШЫРДАК Ңөү"), ["шырдак", "ңөү"]);
    }

    #[test]
    fn every_word_must_start_a_word_of_some_name() {
        let names = ["Ак калпак", "Ак-калпак", "Ak-kalpak hat"];
        assert!(holds_all(names, &words("калп ha")));
        assert!(!holds_all(names, &words("алпак")));
        assert!(holds_all(names, &[]));
    }
}
