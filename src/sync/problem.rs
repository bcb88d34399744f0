//! Why a sync, a pairing or a transfer was refused, as a typed reason: the command line prints the English it
//! always printed (`Display`), the window says it in the chosen language (`src/ui/errors/rooms.rs`). The network's
//! and the back office's own words, names, paths and addresses travel as arguments.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncProblem {
    #[error("name the till's location, e.g. --location \"Osh bazaar\"")]
    NoLocation,
    #[error("'{id}' is not a register id: up to 16 letters, digits or dashes, e.g. R2")]
    BadRegister { id: String },
    #[error("no till {register} is paired here (see `usta hub tills`)")]
    NoTill { register: String },
    #[error("this database is the back office: tills sync to it (`usta hub serve`)")]
    IsBackOffice,
    #[error("this database is standalone: join a back office first (`usta till join`)")]
    Standalone,
    #[error(
        "--all-registers is for the back office, which holds every register's books; here, export this register's \
         day without it"
    )]
    AllRegistersHere,
    /// One register's ledger failed; `reason` is that failure's own sentence.
    #[error("register {register}: {reason}")]
    RegisterLedger { register: String, reason: String },
    #[error("no register has a business day {day} in the back office's books (have the tills synced?)")]
    NoRegisterDay { day: String },
    #[error("cannot listen on {address}: {reason}")]
    Listen { address: String, reason: String },
    #[error(
        "'{code}' is not a pairing code: it has {digits} digits and letters A–F in groups of four; ask the manager \
         for a new one (`usta hub pair` at the back office)"
    )]
    NotPairingCode { code: String, digits: usize },
    #[error("{path} already exists: a till joins with a new database (pass another --db)")]
    DatabaseExists { path: String },
    #[error("this database already holds a shop: a till joins a back office with a new, empty database")]
    NotEmpty,
    #[error("{url} is not a back office address like https://192.168.1.10:8443")]
    NotAddress { url: String },
    #[error(
        "this shop is standalone: transfers move goods between a cooperative's locations; make this PC the back \
         office first (`usta hub pair --location NAME`)"
    )]
    NoCooperative,
    #[error("the goods are at {here} already: name another location with --to")]
    SameLocation { here: String },
    #[error("no location '{to}' in this cooperative{}; the locations are: {known}", if *.heard { " (as the back office said at the last sync)" } else { "" })]
    NoSuchLocation { to: String, heard: bool, known: String },
    #[error("a transfer moves a quantity above zero, not {qty}")]
    TransferQty { qty: String },
    #[error("no transfer {id} is known here{}", if *.on_till { ": the back office tells a till of new transfers at each sync (`usta sync`)" } else { ": the till that sent it must sync first" })]
    NoTransfer { id: String, on_till: bool },
    #[error("transfer {id} goes to {to}, not to {here}")]
    NotHere { id: String, to: String, here: String },
    #[error("transfer {id} was confirmed already by register {by} at {at}: its goods are counted once")]
    Received { id: String, by: String, at: String },
    #[error("the list of stock conflicts is the back office's: only it holds every register's sales")]
    ConflictsHere,
    #[error("settling a stock conflict is the back office's: only it holds every register's sales")]
    SettleHere,
    #[error("say why with --reason, e.g. \"the second felt bag was a similar one from the same artisan\"")]
    SettleReason,
    #[error("{code} is not in conflict: its stock across the cooperative is not below zero (`usta stock conflicts`)")]
    NotInConflict { code: String },
    /// The operating system's words on a file or a socket.
    #[error("{reason}")]
    Io { reason: String },
    #[error("TLS: {reason}")]
    Tls { reason: String },
    #[error("cannot reach the back office at {url}: {reason}; the till keeps selling and syncs later")]
    Unreachable { url: String, reason: String },
    /// The back office's own words.
    #[error("the back office refused: {reason}")]
    Refused { reason: String },
    #[error("the back office answered something unreadable: {reason}")]
    Protocol { reason: String },
}
