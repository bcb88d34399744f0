//! The JSON bodies of the two requests, `POST /join` and `POST /sync`.

use crate::store::sync::{ChainEntry, Images, Master};
use crate::store::transfer::News;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The pairing code's secret part (its fingerprint part never leaves the till).
    pub secret: String,
    /// Both ends must run the same schema: rows travel column by column.
    pub schema: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JoinReply {
    pub register: String,
    pub location: String,
    pub token: String,
    pub master: Master,
    pub master_seq: i64,
    /// The cooperative's locations and the transfers touching the till's.
    #[serde(default)]
    pub news: News,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SyncRequest {
    pub register: String,
    pub schema: i64,
    pub entries: Vec<ChainEntry>,
    pub rows: Images,
    /// The back office's journal head when this till last took master data.
    pub master_seq: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SyncReply {
    pub applied: usize,
    pub duplicates: usize,
    /// The back office holds this register's chain up to here.
    pub head: i64,
    /// Master data, when it may have changed since `master_seq`.
    pub master: Option<Master>,
    pub master_seq: i64,
    /// The cooperative's locations and the transfers touching the till's, as of this round.
    #[serde(default)]
    pub news: News,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ErrorReply {
    pub error: String,
    /// On a gap: where the back office's copy of the chain ends, so the till sends from there.
    pub head: Option<i64>,
}
