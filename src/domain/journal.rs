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
}

/// SHA-256 over the previous hash and the entry's fields, each field length-prefixed so no two different
/// entries can hash the same text.
pub fn entry_hash(prev_hash: &str, e: &Entry) -> String {
    let mut h = Sha256::new();
    let seq = e.seq.to_string();
    for field in [prev_hash, seq.as_str(), &e.at, &e.kind, &e.reference, &e.payload] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex(&h.finalize())
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
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
