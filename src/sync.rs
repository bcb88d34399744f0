//! Several tills and a back office on one set of books. Each register is the only writer of its own journal
//! chain; a till ships its chain to the back office entry by entry with the rows each entry committed to, and the
//! back office keeps one replica database per register beside its own file (`shop.db.tills/R2.db`), holding that
//! register's rows under the till's own ids and its entries verbatim, so `usta verify` checks a replica with the
//! same code as the till itself. Master data (catalog, prices, users, shop settings) has one writer, the back
//! office, and flows down at every round. A till that cannot reach the back office sells on and syncs later:
//! nothing here is on the path of a sale.
//!
//! Wire: HTTP/1 over TLS (hyper, rustls on ring), JSON bodies. The back office's certificate is self-signed and
//! pinned by the SHA-256 in the pairing code; each till then holds its own token, which the back office keeps only
//! as a digest and can revoke.

pub mod hub;
pub mod net;
pub mod problem;
pub mod till;
pub mod tls;
pub mod wire;

use crate::store::StoreError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("cannot reach the back office at {url}: {reason}; the till keeps selling and syncs later")]
    Unreachable { url: String, reason: String },
    #[error("the back office refused: {0}")]
    Refused(String),
    #[error(transparent)]
    Input(#[from] problem::SyncProblem),
    #[error("the back office answered something unreadable: {0}")]
    Protocol(String),
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;
