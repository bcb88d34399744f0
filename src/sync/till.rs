//! The till's side: joining a back office with a pairing code, and one sync round (push this register's new
//! entries with their rows, take master data when it changed).

use super::problem::SyncProblem;
use super::wire::{ErrorReply, JoinReply, JoinRequest, SyncReply, SyncRequest};
use super::{Result, SyncError, net, tls};
use crate::store::Store;
use crate::store::sync::{Link, Role};
use std::path::Path;

/// Hex digits of the one-time secret in a pairing code (80 bits: it is good for one join only).
const SECRET_LEN: usize = 20;

/// A pairing code: the one-time secret, then the first 128 bits of the back office certificate's SHA-256, in
/// groups of four so it can be read out and typed.
pub fn make_code(secret: &str, fingerprint: &str) -> String {
    let raw: String = format!(
        "{secret}{}",
        &fingerprint[..tls::FINGERPRINT_LEN.min(fingerprint.len())]
    );
    raw.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_uppercase())
        .collect::<Vec<_>>()
        .join("-")
}

/// `(secret, fingerprint)` from a code as typed (dashes, spaces and case do not matter).
pub fn parse_code(code: &str) -> Result<(String, String)> {
    let raw: String = code
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if raw.len() != SECRET_LEN + tls::FINGERPRINT_LEN || !raw.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(SyncError::Input(SyncProblem::NotPairingCode {
            code: code.to_string(),
            digits: SECRET_LEN + tls::FINGERPRINT_LEN,
        }));
    }
    let (secret, fingerprint) = raw.split_at(SECRET_LEN);
    Ok((secret.to_string(), fingerprint.to_string()))
}

/// The length of a fresh secret in bytes.
pub const SECRET_BYTES: usize = SECRET_LEN / 2;

fn refused(status: u16, body: &[u8]) -> SyncError {
    match serde_json::from_slice::<ErrorReply>(body) {
        Ok(e) => SyncError::Refused(e.error),
        Err(_) => SyncError::Refused(format!("status {status}")),
    }
}

/// What joining made.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Joined {
    pub register: String,
    pub location: String,
    pub master_rows: usize,
}

/// Creates the till's database at `db` from the back office's master data. Nothing is created unless the back
/// office admitted the code.
pub fn join(db: &Path, url: &str, code: &str, at: &str) -> Result<Joined> {
    if db.exists() {
        return Err(SyncError::Input(SyncProblem::DatabaseExists {
            path: db.display().to_string(),
        }));
    }
    let reply = ask_to_join(url, code)?;
    let mut store = Store::open(db)?;
    admit(&mut store, url, reply, at)
}

/// Joins with the database already open, which must still be empty (a till's first start in the window).
pub fn join_into(store: &mut Store, url: &str, code: &str, at: &str) -> Result<Joined> {
    if store.sync_link()?.is_some() || store.journal_head()?.seq > 0 {
        return Err(SyncError::Input(SyncProblem::NotEmpty));
    }
    let reply = ask_to_join(url, code)?;
    admit(store, url, reply, at)
}

/// Checks the address and the code as typed, before anything goes on the network.
pub fn check_join(url: &str, code: &str) -> Result<()> {
    net::authority(url)?;
    parse_code(code).map(|_| ())
}

fn ask_to_join(url: &str, code: &str) -> Result<(JoinReply, String)> {
    net::authority(url)?;
    let (secret, pin) = parse_code(code)?;
    let body = serde_json::to_vec(&JoinRequest {
        secret,
        schema: crate::store::schema_version(),
    })
    .map_err(|e| SyncError::Protocol(e.to_string()))?;
    let (status, body) = net::post(url, &pin, "/join", None, body)?;
    if status != 200 {
        return Err(refused(status, &body));
    }
    let reply: JoinReply = serde_json::from_slice(&body).map_err(|e| SyncError::Protocol(e.to_string()))?;
    Ok((reply, pin))
}

fn admit(store: &mut Store, url: &str, (reply, pin): (JoinReply, String), at: &str) -> Result<Joined> {
    let link = Link {
        role: Role::Till,
        register: reply.register.clone(),
        location: reply.location.clone(),
        url: Some(url.trim_end_matches('/').to_string()),
        fingerprint: Some(pin),
        token: Some(reply.token),
        pushed_seq: 0,
        master_seq: reply.master_seq,
        last_sync: None,
    };
    let master_rows = store.join_till(&reply.master, &link, at, reply.master_seq)?;
    store.keep_news(&reply.news, at)?;
    Ok(Joined {
        register: reply.register,
        location: reply.location,
        master_rows,
    })
}

/// What one round moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Round {
    /// Entries of this register the back office took now.
    pub pushed: usize,
    /// Entries it already held (a round that was cut off before its answer arrived).
    pub already_held: usize,
    /// Master data rows that changed here.
    pub master_rows: usize,
    /// The back office holds this register's chain up to this entry.
    pub back_office_head: i64,
    /// Entries of this register not yet at the back office after the round.
    pub waiting: i64,
    /// Transfers this till confirmed that another register at its location had confirmed first: the back
    /// office counts that one, so this till's receipt was undone now (and the undoing sent in the same round).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counted_elsewhere: Vec<String>,
}

/// One round. A refused batch changes nothing on either side. When the back office's answer says a transfer
/// this till confirmed was confirmed first by another register, the receipt here is undone and the undoing sent
/// at once, so the cooperative counts the goods once.
pub fn round(store: &mut Store, at: &str) -> Result<Round> {
    let mut done = push(store, at)?;
    if !done.counted_elsewhere.is_empty() {
        let again = push(store, at)?;
        done.pushed += again.pushed;
        done.already_held += again.already_held;
        done.master_rows += again.master_rows;
        done.back_office_head = again.back_office_head;
        done.waiting = again.waiting;
    }
    Ok(done)
}

fn push(store: &mut Store, at: &str) -> Result<Round> {
    let Some(link) = store.sync_link()? else {
        return Err(SyncError::Input(SyncProblem::Standalone));
    };
    let (Role::Till, Some(url), Some(pin), Some(token)) = (link.role, &link.url, &link.fingerprint, &link.token) else {
        return Err(SyncError::Input(SyncProblem::IsBackOffice));
    };
    let mut from = link.pushed_seq;
    // At most twice: when the back office holds less than this till believes (its replica was restored from a
    // backup), it says where its copy ends and the round sends from there.
    for _ in 0..2 {
        let (entries, rows) = store.chain_after(from)?;
        let body = serde_json::to_vec(&SyncRequest {
            register: link.register.clone(),
            schema: crate::store::schema_version(),
            entries,
            rows,
            master_seq: link.master_seq,
        })
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
        let (status, body) = net::post(url, pin, "/sync", Some(token), body)?;
        if status == 409
            && let Ok(ErrorReply { head: Some(head), .. }) = serde_json::from_slice::<ErrorReply>(&body)
            && head < from
        {
            from = head;
            continue;
        }
        if status != 200 {
            return Err(refused(status, &body));
        }
        let reply: SyncReply = serde_json::from_slice(&body).map_err(|e| SyncError::Protocol(e.to_string()))?;
        let master_rows = match &reply.master {
            Some(master) => store.apply_master(master, at, reply.master_seq)?,
            None => 0,
        };
        store.record_sync(reply.head, reply.master_seq, at)?;
        store.keep_news(&reply.news, at)?;
        let counted_elsewhere = store.undo_receipts_counted_elsewhere(&reply.news, at)?;
        let waiting = store.journal_head()?.seq - reply.head;
        return Ok(Round {
            pushed: reply.applied,
            already_held: reply.duplicates,
            master_rows,
            back_office_head: reply.head,
            waiting,
            counted_elsewhere,
        });
    }
    Err(SyncError::Refused(
        "the back office's copy of this register does not continue this till's chain".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_carries_its_secret_and_fingerprint_however_it_is_typed() {
        let secret = "0123456789abcdef0123";
        let fp = "ffeeddccbbaa99887766554433221100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let code = make_code(secret, fp);
        assert_eq!(code.len(), 52 + 12);
        assert_eq!(
            parse_code(&code).expect("code"),
            (secret.to_string(), fp[..32].to_string())
        );
        assert_eq!(
            parse_code(&code.to_lowercase().replace('-', " ")).expect("code").0,
            secret
        );
        assert!(parse_code("1234").is_err());
        assert!(parse_code(&code.replace('F', "G")).is_err());
    }
}
