//! The back office's side: admitting a till with its one-time code, and taking a till's chain into that
//! register's replica. Every refusal is answered with a reason and noted in the back office's `sync_log`.

use super::wire::{ErrorReply, JoinReply, JoinRequest, SyncReply, SyncRequest};
use super::{Result, SyncError, net::Call};
use crate::store::Store;
use crate::store::sync::Refusal;
use crate::store::transfer::{News, Transfer};
use std::path::{Path, PathBuf};

/// The folder of a back office's replicas: `shop.db.tills/` beside `shop.db`.
pub fn replicas_dir(db: &Path) -> PathBuf {
    let name = db.file_name().unwrap_or_default().to_string_lossy().into_owned();
    db.with_file_name(format!("{name}.tills"))
}

/// One register's replica: `shop.db.tills/R2.db`.
pub fn replica_path(db: &Path, register: &str) -> PathBuf {
    replicas_dir(db).join(format!("{register}.db"))
}

/// Every replica the back office holds, by register.
pub fn replicas(db: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(replicas_dir(db))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
        .collect();
    out.sort();
    out
}

/// SHA-256 of a secret, as the back office keeps codes and tokens.
pub fn digest(secret: &str) -> String {
    crate::domain::journal::sha256_hex(secret.as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random secret, 2×N hex digits.
pub fn secret<const N: usize>() -> Result<String> {
    Ok(hex(&super::tls::random::<N>()?))
}

/// The back office while it serves.
pub struct Hub {
    pub store: Store,
    /// What the clock says now, in the shop's zone (passed in so tests and the server agree on one clock).
    pub clock: fn() -> String,
}

fn reply<T: serde::Serialize>(status: u16, body: &T) -> (u16, Vec<u8>) {
    (status, serde_json::to_vec(body).unwrap_or_default())
}

impl Hub {
    /// Answers one request.
    pub fn handle(&mut self, call: Call<'_>) -> (u16, Vec<u8>) {
        let result = match call.path {
            "/join" => self.join(&call),
            "/sync" => self.sync(&call),
            other => Err((404, None, format!("no such request {other}"), None)),
        };
        match result {
            Ok(ok) => ok,
            Err((status, register, error, head)) => {
                let at = (self.clock)();
                eprintln!("sync: refused {} from {}: {error}", call.path, call.peer);
                let event = match status {
                    401 => "unauthorised",
                    403 => "forbidden",
                    409 => "refused",
                    _ => "bad request",
                };
                let _logged = self.store.sync_log(
                    &at,
                    register.as_deref(),
                    event,
                    &format!("{} from {}: {error}", call.path, call.peer),
                );
                reply(status, &ErrorReply { error, head })
            }
        }
    }

    fn join(&mut self, call: &Call<'_>) -> std::result::Result<(u16, Vec<u8>), Refused> {
        let req: JoinRequest = read(call.body)?;
        schema(req.schema)?;
        let token = secret::<32>().map_err(internal)?;
        let at = (self.clock)();
        let master_seq = self.store.journal_head().map_err(store)?.seq;
        let master = self.store.master_rows().map_err(store)?;
        let Some((register, location)) = self
            .store
            .hub_join(&digest(&req.secret), &digest(&token), &at)
            .map_err(store)?
        else {
            return Err((
                401,
                None,
                "the pairing code is unknown, used already or revoked".into(),
                None,
            ));
        };
        let _logged = self.store.sync_log(
            &at,
            Some(&register),
            "joined",
            &format!("from {} at {location}", call.peer),
        );
        let news = news_for(&self.store, &location).map_err(internal)?;
        Ok(reply(
            200,
            &JoinReply {
                register,
                location,
                token,
                master,
                master_seq,
                news,
            },
        ))
    }

    fn sync(&mut self, call: &Call<'_>) -> std::result::Result<(u16, Vec<u8>), Refused> {
        let Some(token) = call.token else {
            return Err((401, None, "no token: this till is not paired".into(), None));
        };
        let Some(till) = self.store.hub_till_by_token(&digest(token)).map_err(store)? else {
            return Err((401, None, "unknown token: this till is not paired".into(), None));
        };
        let register = Some(till.register.clone());
        if let Some(when) = &till.revoked_at {
            return Err((
                401,
                register,
                format!("register {} was revoked at {when}", till.register),
                None,
            ));
        }
        let req: SyncRequest = read(call.body).map_err(|(s, _, e, h)| (s, register.clone(), e, h))?;
        schema(req.schema).map_err(|(s, _, e, h)| (s, register.clone(), e, h))?;
        if req.register != till.register {
            return Err((
                403,
                register,
                format!(
                    "register {}'s token pushed entries as register {}",
                    till.register, req.register
                ),
                None,
            ));
        }
        let path = replica_path(self.store.path(), &till.register);
        let mut replica = Store::open(&path).map_err(store)?;
        let applied = match replica
            .apply_chain(&till.register, &req.entries, &req.rows)
            .map_err(store)?
        {
            Ok(applied) => applied,
            Err(refusal) => {
                let head = match refusal {
                    Refusal::Gap { head, .. } => Some(head),
                    _ => None,
                };
                let status = if matches!(refusal, Refusal::Foreign(_)) {
                    403
                } else {
                    409
                };
                return Err((status, register, refusal.to_string(), head));
            }
        };
        let at = (self.clock)();
        if applied.applied == 0 && applied.duplicates > 0 {
            let _logged = self.store.sync_log(
                &at,
                Some(&till.register),
                "replay",
                &format!("{} entries already held; nothing applied", applied.duplicates),
            );
        }
        self.store
            .hub_synced(&till.register, applied.head.seq, &at)
            .map_err(store)?;
        let master_seq = self.store.journal_head().map_err(store)?.seq;
        let master = match master_seq == req.master_seq {
            true => None,
            false => Some(self.store.master_rows().map_err(store)?),
        };
        let news = news_for(&self.store, &till.location).map_err(internal)?;
        Ok(reply(
            200,
            &SyncReply {
                applied: applied.applied,
                duplicates: applied.duplicates,
                head: applied.head.seq,
                master,
                master_seq,
                news,
            },
        ))
    }
}

/// The cooperative's locations: the back office's own and every till's not revoked, each once.
pub fn locations(store: &Store) -> Result<Vec<String>> {
    let own = store.sync_link()?.map(|l| l.location);
    let mut out: Vec<String> = own
        .into_iter()
        .chain(
            store
                .hub_tills()?
                .into_iter()
                .filter(|t| t.revoked_at.is_none())
                .map(|t| t.location),
        )
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// Every transfer in the cooperative's books (the back office's own and every replica's), each with the receipt
/// that counts (the earliest) and the registers that confirmed it too.
pub fn transfers_across(store: &Store) -> Result<Vec<Transfer>> {
    let mut sent = store.sent_transfers()?;
    let mut receipts = store.transfer_receipts()?;
    for (_, path) in replicas(store.path()) {
        let replica = Store::open_existing(&path)?;
        sent.extend(replica.sent_transfers()?);
        receipts.extend(replica.transfer_receipts()?);
    }
    // Two registers at one location may both confirm a transfer while apart: the earliest receipt counts (ties
    // by register), the same answer whichever till syncs first, and the others are named so they undo theirs.
    receipts.sort_by(|a, b| (&a.received_at, &a.register).cmp(&(&b.received_at, &b.register)));
    for t in &mut sent {
        let mut these = receipts.iter().filter(|r| r.transfer_id == t.id);
        if let Some(r) = these.next() {
            t.received_at = Some(r.received_at.clone());
            t.received_by = Some(r.register.clone());
            t.also_confirmed_by = these.map(|r| r.register.clone()).collect();
        }
    }
    sent.sort_by(|a, b| (&a.sent_at, &a.id).cmp(&(&b.sent_at, &b.id)));
    Ok(sent)
}

/// What a till at `location` hears at a round.
pub fn news_for(store: &Store, location: &str) -> Result<News> {
    Ok(News {
        locations: locations(store)?,
        transfers: transfers_across(store)?
            .into_iter()
            .filter(|t| t.from == location || t.to == location)
            .collect(),
    })
}

/// Status, register (when known), reason, and the chain's head on a gap.
type Refused = (u16, Option<String>, String, Option<i64>);

fn read<T: serde::de::DeserializeOwned>(body: &[u8]) -> std::result::Result<T, Refused> {
    serde_json::from_slice(body).map_err(|e| (400, None, format!("unreadable request: {e}"), None))
}

fn schema(theirs: i64) -> std::result::Result<(), Refused> {
    let ours = crate::store::schema_version();
    if theirs == ours {
        Ok(())
    } else {
        Err((
            409,
            None,
            format!("the till runs schema {theirs}, the back office {ours}: run the same Usta version on both"),
            None,
        ))
    }
}

fn store(e: crate::store::StoreError) -> Refused {
    (500, None, e.to_string(), None)
}

fn internal(e: SyncError) -> Refused {
    (500, None, e.to_string(), None)
}

/// Serves the back office on `listener` until `stop` is set (and the server woken, `net::wake`).
pub fn serve(hub: &mut Hub, listener: std::net::TcpListener, stop: &std::sync::atomic::AtomicBool) -> Result<()> {
    let (cert, key) = super::tls::load_or_create(hub.store.path())?;
    let config = super::tls::server_config(cert, key)?;
    super::net::serve(listener, config, &mut |call| hub.handle(call), stop)
}
