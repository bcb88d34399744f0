//! The hash chain of the journal: each entry's hash covers the previous entry's hash and the entry itself, so
//! editing, removing or reordering any committed entry breaks every hash after it.

use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One journal entry as it is hashed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub kind: String,
    pub reference: String,
    /// Compact JSON of the event's facts.
    pub payload: String,
    /// Compact JSON of the rows the event's transaction wrote, `{table: {key: row hash or null when deleted}}`
    /// (see [`row_hash`]); empty on entries written before the journal committed to rows.
    pub rows: String,
}

/// SHA-256 over the previous hash and the entry's fields, each field length-prefixed so no two different
/// entries can hash the same text. The rows field joins only when there are rows, so entries from before the
/// journal committed to rows keep the hashes they were written with.
pub fn entry_hash(prev_hash: &str, e: &Entry) -> String {
    let mut h = Sha256::new();
    let seq = e.seq.to_string();
    let rows = (!e.rows.is_empty()).then_some(e.rows.as_str());
    for field in [prev_hash, seq.as_str(), &e.at, &e.kind, &e.reference, &e.payload]
        .into_iter()
        .chain(rows)
    {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex(&h.finalize())
}

/// One stored value of a row, as SQLite keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// The canonical digest of one table row: the table, the row's key and every non-NULL column as (name, type,
/// value), in the table's column order, each part length-prefixed. NULL columns are left out so a migration
/// that adds a nullable column keeps every older row's digest; any other change of any column changes it.
/// 128 bits of SHA-256 (32 hex digits): finding a second row with the same digest stays out of reach, and the
/// journal stays small.
pub fn row_hash(table: &str, key: &str, columns: &[(&str, Cell<'_>)]) -> String {
    let mut h = Sha256::new();
    let mut part = |tag: u8, bytes: &[u8]| {
        h.update([tag]);
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    part(b't', table.as_bytes());
    part(b'k', key.as_bytes());
    for (name, cell) in columns {
        let (tag, bytes): (u8, std::borrow::Cow<'_, [u8]>) = match cell {
            Cell::Null => continue,
            Cell::Integer(i) => (b'i', i.to_be_bytes().to_vec().into()),
            Cell::Real(f) => (b'r', f.to_bits().to_be_bytes().to_vec().into()),
            Cell::Text(s) => (b's', s.as_bytes().into()),
            Cell::Blob(b) => (b'b', (*b).into()),
        };
        part(b'c', name.as_bytes());
        part(tag, &bytes);
    }
    let digest = h.finalize();
    hex(&digest[..16])
}

/// Lowercase hex SHA-256 of bytes (ledger file checksums).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Why a chain does not verify, naming the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("journal entry {seq}: its prev_hash does not match entry {prev}'s hash (an entry was removed or edited)")]
    Link { seq: i64, prev: i64 },
    #[error("journal entry {seq}: its hash does not match its contents (the entry was edited)")]
    Hash { seq: i64 },
    #[error("journal entry {seq} follows entry {prev}: entries are missing")]
    Gap { seq: i64, prev: i64 },
}

/// Checks stored `(entry, prev_hash, hash)` rows in order; returns the head hash.
pub fn verify<'a>(rows: impl IntoIterator<Item = (&'a Entry, &'a str, &'a str)>) -> Result<String, ChainError> {
    let mut head = GENESIS.to_string();
    let mut prev_seq = 0;
    for (e, prev_hash, hash) in rows {
        if e.seq != prev_seq + 1 {
            return Err(ChainError::Gap {
                seq: e.seq,
                prev: prev_seq,
            });
        }
        if prev_hash != head {
            return Err(ChainError::Link {
                seq: e.seq,
                prev: prev_seq,
            });
        }
        if entry_hash(prev_hash, e) != hash {
            return Err(ChainError::Hash { seq: e.seq });
        }
        head = hash.to_string();
        prev_seq = e.seq;
    }
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, payload: &str) -> Entry {
        Entry {
            seq,
            at: "2026-11-28T10:00:00+06:00".into(),
            kind: "sale".into(),
            reference: format!("R1-{seq}"),
            payload: payload.into(),
            rows: String::new(),
        }
    }

    fn chain(n: i64) -> Vec<(Entry, String, String)> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let e = entry(seq, &format!("{{\"total\":\"{seq}00.00\"}}"));
                let h = entry_hash(&prev, &e);
                let row = (e, prev.clone(), h.clone());
                prev = h;
                row
            })
            .collect()
    }

    fn check(rows: &[(Entry, String, String)]) -> Result<String, ChainError> {
        verify(rows.iter().map(|(e, p, h)| (e, p.as_str(), h.as_str())))
    }

    #[test]
    fn an_intact_chain_verifies_to_its_last_hash() {
        let rows = chain(5);
        assert_eq!(check(&rows), Ok(rows[4].2.clone()));
        assert_eq!(check(&[]), Ok(GENESIS.to_string()));
    }

    #[test]
    fn edits_removals_and_relinks_name_the_first_bad_entry() {
        let mut edited = chain(5);
        edited[2].0.payload = "{\"total\":\"1.00\"}".into();
        assert_eq!(check(&edited), Err(ChainError::Hash { seq: 3 }));

        let mut removed = chain(5);
        removed.remove(3);
        assert_eq!(check(&removed), Err(ChainError::Gap { seq: 5, prev: 3 }));

        let mut relinked = chain(5);
        relinked[1].1 = "ff".repeat(32);
        assert_eq!(check(&relinked), Err(ChainError::Link { seq: 2, prev: 1 }));
    }

    #[test]
    fn field_boundaries_matter() {
        let a = Entry {
            kind: "ab".into(),
            reference: "c".into(),
            ..entry(1, "{}")
        };
        let b = Entry {
            kind: "a".into(),
            reference: "bc".into(),
            ..entry(1, "{}")
        };
        assert_ne!(entry_hash(GENESIS, &a), entry_hash(GENESIS, &b));
    }

    #[test]
    fn rows_join_the_hash_only_when_present() {
        let plain = entry(1, "{}");
        let with_rows = Entry {
            rows: r#"{"sales":{"1":"00"}}"#.into(),
            ..entry(1, "{}")
        };
        assert_ne!(entry_hash(GENESIS, &plain), entry_hash(GENESIS, &with_rows));
        // An entry without rows hashes exactly as entries did before rows existed.
        let mut h = Sha256::new();
        for field in [GENESIS, "1", &plain.at, &plain.kind, &plain.reference, &plain.payload] {
            h.update((field.len() as u64).to_be_bytes());
            h.update(field.as_bytes());
        }
        assert_eq!(entry_hash(GENESIS, &plain), hex(&h.finalize()));
    }

    #[test]
    fn a_row_digest_changes_with_any_column_but_not_with_an_added_null() {
        let row = [
            ("id", Cell::Integer(7)),
            ("price", Cell::Integer(250_000)),
            ("name", Cell::Text("Ак калпак")),
        ];
        let base = row_hash("products", "7", &row);
        assert_eq!(base.len(), 32);
        let mut edited = row;
        edited[1].1 = Cell::Integer(100);
        assert_ne!(row_hash("products", "7", &edited), base);
        let mut retyped = row;
        retyped[1].1 = Cell::Text("250000");
        assert_ne!(row_hash("products", "7", &retyped), base);
        assert_ne!(row_hash("products", "8", &row), base);
        assert_ne!(row_hash("sales", "7", &row), base);
        let with_null = [row[0], row[1], row[2], ("note", Cell::Null)];
        assert_eq!(row_hash("products", "7", &with_null), base);
        let renamed = [row[0], ("cost", Cell::Integer(250_000)), row[2]];
        assert_ne!(row_hash("products", "7", &renamed), base);
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
