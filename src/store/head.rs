//! The numbering high-water mark, kept outside the database file: `NAME.head` beside `NAME` (`shop.db.head` for
//! `shop.db`), an append-only file of one compact JSON line per write transaction that issued a number or extended
//! the journal. A restored older backup, a file copied back by hand or a deleted tail rewinds the database, never
//! this file, so receipt and fiscal document numbers carry on past everything that may have been issued, and
//! `usta verify` sees that the journal lost entries it had committed.
//!
//! Numbers are reserved in blocks: an *intent*, fsync'd before the commit that needs it, names the numbers the
//! database may issue up to, [`RESERVE`] past the transaction's own (so a number that may have gone out on paper
//! is never issued again, even after a kill right after the commit); the writes that follow inside that range
//! need no intent of their own, so a checkout costs SQLite's one fsync and the intent's is shared by
//! [`RESERVE`] receipts. Each write appends a *commit* record after it (not fsync'd: so verify knows what was
//! committed; one lost to a power cut only makes verify less strict about the last writes, and a kill between an
//! intent and its commit raises no alarm: the journal then simply ends before it). A clean close appends a
//! *release* record, fsync'd, with the write lock held: the numbers the database really holds, so the unused rest
//! of a reservation is not skipped by a later restore (only a killed process leaves a reservation open, and a
//! restore then carries past all of it). A restore's own commit is a *restore* record: it starts a new epoch,
//! because the restored journal legitimately ends before what was committed earlier.
//!
//! Records name the database by its identity, the first 16 hex digits of its journal's first entry hash (for a
//! database created by this version, an entry holding a random id): every backup of a shop shares it, another
//! shop's file does not. Records of other identities (a head file copied from
//! another shop, a demo shop recreated on the same path) never raise this database's numbers.

use super::{Result, Store, StoreError};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many receipt numbers (per register) and fiscal document numbers one intent reserves: one head-file fsync
/// per this many checkouts; after a kill and a restore, numbering may skip up to this many.
pub const RESERVE: i64 = 64;

/// How many hex digits of the journal's first hash name a database.
const IDENTITY_LEN: usize = 16;

/// `shop.db.head` for `shop.db`.
pub fn head_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".head");
    db.with_file_name(name)
}

/// What a record says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Written before the commit: these numbers may be issued.
    #[serde(rename = "i")]
    Intent,
    /// Written after the commit: these numbers and this journal entry are in the database.
    #[serde(rename = "c")]
    Commit,
    /// A restore committed: the journal starts a new epoch at this entry.
    #[serde(rename = "r")]
    Restore,
    /// A clean close, taken with the write lock: these numbers are all the database issued; reservations end.
    #[serde(rename = "x")]
    Release,
}

/// One line of the head file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub k: Kind,
    /// The database's identity (see the module notes).
    pub db: String,
    /// The journal head after the transaction.
    pub seq: i64,
    pub hash: String,
    /// The last fiscal document number.
    pub fd: i64,
    /// Each register's last receipt number.
    pub rc: BTreeMap<String, i64>,
    /// When the record was written (UTC).
    pub at: String,
}

/// The numbers a database holds at one moment (inside a transaction: what it is about to commit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub db: String,
    pub seq: i64,
    pub hash: String,
    pub fd: i64,
    pub rc: BTreeMap<String, i64>,
}

/// The high-water marks the head file holds for one database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Marks {
    /// Receipt numbers surely committed, per register.
    pub committed_rc: BTreeMap<String, i64>,
    /// Receipt numbers that may have been issued (intents included), per register.
    pub issued_rc: BTreeMap<String, i64>,
    pub committed_fd: i64,
    pub issued_fd: i64,
}

impl Marks {
    fn add(&mut self, r: &Record) {
        if r.k == Kind::Release {
            // Read under the write lock, so nothing past these numbers can be in flight: what was reserved beyond
            // them was never issued.
            for (register, &no) in &r.rc {
                let committed = self.committed_rc.entry(register.clone()).or_default();
                raise(committed, no);
                self.issued_rc.insert(register.clone(), *committed);
            }
            raise(&mut self.committed_fd, r.fd);
            self.issued_fd = self.committed_fd;
            return;
        }
        let committed = r.k != Kind::Intent;
        for (register, &no) in &r.rc {
            raise(self.issued_rc.entry(register.clone()).or_default(), no);
            if committed {
                raise(self.committed_rc.entry(register.clone()).or_default(), no);
            }
        }
        raise(&mut self.issued_fd, r.fd);
        if committed {
            raise(&mut self.committed_fd, r.fd);
        }
    }

    /// The number to issue after `next` would have been issued on `register`: `next` itself, unless the head file
    /// records it as committed already (the database was rewound), then the first number past everything that
    /// may have been issued.
    pub fn receipt_after_rewind(&self, register: &str, next: i64) -> i64 {
        match self.committed_rc.get(register) {
            Some(&committed) if next <= committed => self.issued_rc.get(register).copied().unwrap_or(committed) + 1,
            _ => next,
        }
    }

    /// The last fiscal document number to count on from, given the database's own `last`.
    pub fn fd_after_rewind(&self, last: i64) -> i64 {
        if last < self.committed_fd { self.issued_fd } else { last }
    }
}

fn raise(slot: &mut i64, value: i64) {
    *slot = (*slot).max(value);
}

/// What has been read of the file so far (other processes append to it too, so each use reads on from here).
#[derive(Debug, Default)]
struct Cache {
    offset: u64,
    marks: BTreeMap<String, Marks>,
    /// The last commit or restore record per identity: a write that changes nothing writes no record.
    last: BTreeMap<String, Snapshot>,
    /// This process wrote an intent reserving numbers: it releases what it did not use when it closes.
    reserved: bool,
}

/// The head file of one database.
#[derive(Debug)]
pub(crate) struct Head {
    path: PathBuf,
    cache: Mutex<Cache>,
    /// The next commit record is a restore's.
    restoring: bool,
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> StoreError {
    StoreError::Conflict(format!(
        "cannot {what} {} (the numbering high-water mark beside the database): {e}; nothing was changed",
        path.display()
    ))
}

impl Head {
    pub(crate) fn new(db: &Path) -> Head {
        Head {
            path: head_path(db),
            cache: Mutex::new(Cache::default()),
            restoring: false,
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads what was appended since the last read. A missing file reads as empty; a damaged line is skipped here
    /// (`usta verify` reports it).
    fn refresh(&self, cache: &mut Cache) -> Result<()> {
        let mut file = match std::fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_error(&self.path, "read", e)),
        };
        let len = file.metadata().map_err(|e| io_error(&self.path, "read", e))?.len();
        if len < cache.offset {
            // The file was replaced by a shorter one: read it again from the start.
            *cache = Cache {
                reserved: cache.reserved,
                ..Cache::default()
            };
        }
        file.seek(SeekFrom::Start(cache.offset))
            .map_err(|e| io_error(&self.path, "read", e))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| io_error(&self.path, "read", e))?;
        // Only whole lines: a line being appended right now is read next time.
        let Some(end) = bytes.iter().rposition(|&b| b == b'\n') else {
            return Ok(());
        };
        for (_, record) in lines(&bytes[..end]) {
            if let Ok(record) = record {
                cache.marks.entry(record.db.clone()).or_default().add(&record);
                if record.k != Kind::Intent {
                    cache.last.insert(record.db.clone(), snapshot_of(&record));
                }
            }
        }
        cache.offset += end as u64 + 1;
        Ok(())
    }

    /// The marks recorded for the database with `identity`.
    pub(crate) fn marks(&self, identity: &str) -> Result<Marks> {
        let mut cache = self.cache();
        self.refresh(&mut cache)?;
        Ok(cache.marks.get(identity).cloned().unwrap_or_default())
    }

    fn append(&self, kind: Kind, snap: &Snapshot) -> Result<()> {
        let record = Record {
            k: kind,
            db: snap.db.clone(),
            seq: snap.seq,
            hash: snap.hash.clone(),
            fd: snap.fd,
            rc: snap.rc.clone(),
            at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        let mut line = serde_json::to_vec(&record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        line.push(b'\n');
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(&self.path)
            .map_err(|e| io_error(&self.path, "write", e))?;
        // A line torn by a power cut stays on its own line, so the next record is whole.
        let len = file.metadata().map_err(|e| io_error(&self.path, "write", e))?.len();
        if len > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))
                .and_then(|_| file.read_exact(&mut last))
                .map_err(|e| io_error(&self.path, "read", e))?;
            if last[0] != b'\n' {
                line.insert(0, b'\n');
            }
        }
        // One write call per record: appends from several processes never interleave within a line. Only what
        // may be issued must survive a power cut before the commit: an intent (and a restore's epoch, and a
        // release, which lowers what counts as issued) is fsync'd; a commit record rides along with the next
        // fsync, and a lost one only makes verify less strict about the last writes.
        file.write_all(&line)
            .and_then(|_| if kind == Kind::Commit { Ok(()) } else { file.sync_data() })
            .map_err(|e| io_error(&self.path, "write", e))?;
        let mut cache = self.cache();
        cache.marks.entry(record.db.clone()).or_default().add(&record);
        if kind != Kind::Intent {
            cache.last.insert(record.db.clone(), snap.clone());
        }
        Ok(())
    }

    /// Before the commit, with the write lock held: makes sure the numbers the transaction is about to issue are
    /// reserved, writing (fsync'd) an intent for the next block when they are not. Returns what the commit record
    /// will say; `None` when the transaction changes nothing (or the database has no journal yet), and then no
    /// record is written at all.
    pub(crate) fn intent(&self, conn: &Connection) -> Result<Option<Snapshot>> {
        let Some(snap) = snapshot(conn)? else {
            return Ok(None);
        };
        let reservation = {
            let mut cache = self.cache();
            // Read on under the lock: another process's reservation or release counts from here.
            self.refresh(&mut cache)?;
            if cache.last.get(&snap.db) == Some(&snap) {
                return Ok(None);
            }
            reservation(cache.marks.get(&snap.db).unwrap_or(&Marks::default()), &snap)
        };
        if let Some(reserved) = reservation {
            self.append(Kind::Intent, &reserved)?;
            self.cache().reserved = true;
        }
        Ok(Some(snap))
    }

    /// Whether this process reserved numbers it may not have used.
    pub(crate) fn holds_reservation(&self) -> bool {
        self.cache().reserved
    }

    /// At a clean close, with the write lock held (no write is in flight anywhere): records the numbers the
    /// database holds, so the rest of every reservation is released. Skipped when the database is behind what the
    /// head file records as committed (copied back by hand: those numbers stay issued) or nothing is reserved.
    pub(crate) fn release(&self, conn: &Connection) -> Result<()> {
        let Some(snap) = snapshot(conn)? else {
            return Ok(());
        };
        let marks = self.marks(&snap.db)?;
        let below = |marks: &BTreeMap<String, i64>| {
            marks
                .iter()
                .any(|(register, &no)| snap.rc.get(register).copied().unwrap_or(0) < no)
        };
        let behind = snap.fd < marks.committed_fd || below(&marks.committed_rc);
        let open = snap.fd < marks.issued_fd || below(&marks.issued_rc);
        if !behind && open {
            self.append(Kind::Release, &snap)?;
        }
        self.cache().reserved = false;
        Ok(())
    }

    /// After the commit: records what surely is in the database. Best effort: the transaction has committed, so
    /// failing here must not report the write as failed; verify only relies on commit records it finds.
    pub(crate) fn committed(&self, snap: Option<Snapshot>) {
        if let Some(snap) = snap {
            let kind = if self.restoring { Kind::Restore } else { Kind::Commit };
            let _best_effort = self.append(kind, &snap);
        }
    }
}

/// The intent a transaction about to commit `snap` needs: `None` when every number it issues is reserved already,
/// otherwise the next block past its own numbers (for each register and the fiscal document counter it moves).
fn reservation(marks: &Marks, snap: &Snapshot) -> Option<Snapshot> {
    let issued = |register: &str| marks.issued_rc.get(register).copied().unwrap_or(0);
    let covered = snap.fd <= marks.issued_fd && snap.rc.iter().all(|(register, &no)| no <= issued(register));
    if covered {
        return None;
    }
    let mut reserved = snap.clone();
    for (register, no) in &mut reserved.rc {
        if *no > marks.committed_rc.get(register).copied().unwrap_or(0) {
            *no = (*no + RESERVE - 1).max(issued(register));
        }
    }
    if snap.fd > marks.committed_fd {
        reserved.fd = (snap.fd + RESERVE - 1).max(marks.issued_fd);
    }
    Some(reserved)
}

fn snapshot_of(r: &Record) -> Snapshot {
    Snapshot {
        db: r.db.clone(),
        seq: r.seq,
        hash: r.hash.clone(),
        fd: r.fd,
        rc: r.rc.clone(),
    }
}

/// Opens a new database's journal with an entry holding a random id, so its identity (that entry's hash) is its
/// own even when two shops are set up alike in the same second. A database with entries keeps its first one.
pub(crate) fn name_new_database(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let empty: bool = tx
        .prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM journal)")?
        .query_row([], |r| r.get(0))?;
    if empty {
        let id: String = tx
            .prepare_cached("SELECT lower(hex(randomblob(16)))")?
            .query_row([], |r| r.get(0))?;
        super::journal::append(tx, None, "database", "", &serde_json::json!({ "id": id }))?;
    }
    Ok(())
}

/// The database's identity: the start of its first journal entry's hash; `None` while the journal is empty.
pub(crate) fn identity(conn: &Connection) -> Result<Option<String>> {
    let first: Option<String> = conn
        .prepare_cached("SELECT hash FROM journal WHERE seq = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(first.map(|h| h.chars().take(IDENTITY_LEN).collect()))
}

/// The last fiscal document number the database knows: issued, or carried forward by a restore.
pub(crate) fn last_fd(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT max(coalesce((SELECT max(fd_number) FROM fiscal_documents), 0),
                    coalesce((SELECT max(last_fd) FROM fiscal_counters), 0))",
        )?
        .query_row([], |r| r.get(0))?)
}

/// The numbers and journal head the database holds (inside a transaction: what it is about to commit).
pub(crate) fn snapshot(conn: &Connection) -> Result<Option<Snapshot>> {
    let Some(db) = identity(conn)? else {
        return Ok(None);
    };
    let (seq, hash): (i64, String) = conn
        .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut stmt = conn.prepare_cached("SELECT id, last_receipt_no FROM registers ORDER BY id")?;
    let rc = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
    Ok(Some(Snapshot {
        db,
        seq,
        hash,
        fd: last_fd(conn)?,
        rc,
    }))
}

/// What a restore carried forward.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Carried {
    /// Per register: the restored counter and the counter it was raised to.
    pub receipts: BTreeMap<String, (i64, i64)>,
    /// The restored last fiscal document number and the one it was raised to.
    pub fiscal_document: (i64, i64),
    /// The head file the numbers came from.
    pub head: PathBuf,
}

/// What `usta verify` found comparing the database with its head file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HeadCheck {
    pub path: PathBuf,
    /// The commit record the journal was checked against: (entry, when committed).
    pub checked: Option<(i64, String)>,
    /// Something to look into that does not make the books wrong (a missing file, a damaged line).
    pub warnings: Vec<String>,
    /// The books lost or changed something the head file records.
    pub error: Option<String>,
}

/// Reads every record of the file at `path`; damaged lines come back as warnings naming the line.
fn read_all(path: &Path) -> std::io::Result<(Vec<Record>, Vec<String>)> {
    let text = std::fs::read(path)?;
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (n, record) in lines(&text) {
        match record {
            Ok(r) => records.push(r),
            Err(e) => warnings.push(format!(
                "line {n} of {} is damaged and was ignored ({e})",
                path.display()
            )),
        }
    }
    Ok((records, warnings))
}

/// The records of head-file bytes with their line numbers (from 1); empty lines (a torn line's end) skipped.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, serde_json::Result<Record>)> + '_ {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(n, line)| (n + 1, serde_json::from_slice::<Record>(line)))
}

/// The journal's hash at `seq`, if it has that entry.
fn hash_at(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT hash FROM journal WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// The head file beside this database.
    pub fn head_path(&self) -> &Path {
        self.head.path()
    }

    /// The high-water marks the head file records for this database.
    pub fn head_marks(&self) -> Result<Marks> {
        match identity(self.conn())? {
            Some(id) => self.head.marks(&id),
            None => Ok(Marks::default()),
        }
    }

    /// Raises this database's receipt and fiscal document counters to everything the head file beside `live_db`
    /// records as possibly issued, and journals a `restore` entry saying what was carried forward, in one
    /// transaction. Called on the checked private copy of a backup before it replaces `live_db`; the head records
    /// it writes go to `live_db`'s head file. Refuses when that file records only another database.
    pub(crate) fn carry_forward(&mut self, live_db: &Path, source: &Path, at: &str) -> Result<Carried> {
        let head = Head::new(live_db);
        let path = head.path().to_path_buf();
        let (records, _damaged) = match read_all(&path) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (vec![], vec![]),
            Err(e) => return Err(io_error(&path, "read", e)),
        };
        let ours = identity(self.conn())?;
        // A backup with an empty journal has no identity yet: it takes the numbering the path last had.
        let wanted = ours.clone().or_else(|| records.last().map(|r| r.db.clone()));
        let mut marks = Marks::default();
        for r in records.iter().filter(|r| Some(&r.db) == wanted.as_ref()) {
            marks.add(r);
        }
        if let (Some(ours), Some(other)) = (&ours, records.last())
            && !records.iter().any(|r| &r.db == ours)
        {
            return Err(StoreError::Conflict(format!(
                "{} records the numbering of another database (its journal begins {}…, this backup's {ours}…), so \
                 this backup is not that shop's; if it really should replace it, move {} aside first",
                path.display(),
                other.db,
                path.display()
            )));
        }
        self.head = Head {
            restoring: true,
            ..head
        };
        let source_name = source.display().to_string();
        let result = self.write(|tx| {
            let mut carried = Carried {
                head: path.clone(),
                ..Carried::default()
            };
            for (register, &issued) in &marks.issued_rc {
                tx.prepare_cached("INSERT INTO registers(id) VALUES (?1) ON CONFLICT(id) DO NOTHING")?
                    .execute([register])?;
                let before: i64 = tx
                    .prepare_cached("SELECT last_receipt_no FROM registers WHERE id = ?1")?
                    .query_row([register], |r| r.get(0))?;
                let after = before.max(issued);
                tx.prepare_cached("UPDATE registers SET last_receipt_no = ?2 WHERE id = ?1")?
                    .execute(rusqlite::params![register, after])?;
                carried.receipts.insert(register.clone(), (before, after));
            }
            let before = last_fd(tx)?;
            let after = before.max(marks.issued_fd);
            tx.prepare_cached(
                "INSERT INTO fiscal_counters(mode, last_fd) VALUES ('simulator', ?1)
                 ON CONFLICT(mode) DO UPDATE SET last_fd = max(last_fd, excluded.last_fd)",
            )?
            .execute([after])?;
            carried.fiscal_document = (before, after);
            let receipts: serde_json::Map<String, serde_json::Value> = carried
                .receipts
                .iter()
                .map(|(r, (b, a))| (r.clone(), serde_json::json!({ "restored": b, "carried_to": a })))
                .collect();
            super::journal::append(
                tx,
                Some(at),
                "restore",
                &source_name,
                &serde_json::json!({ "from": source_name, "receipts": receipts,
                    "fiscal_document": { "restored": before, "carried_to": after },
                    "head": path.display().to_string() }),
            )?;
            Ok::<_, StoreError>(carried)
        });
        self.head.restoring = false;
        result
    }

    /// Folds the WAL into the file and leaves it a single self-contained file (the restore's staged copy).
    pub(crate) fn checkpoint(&self) -> Result<()> {
        self.conn().pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// Compares the database with its head file for `usta verify`.
    pub fn check_head(&self) -> Result<HeadCheck> {
        let path = self.head.path().to_path_buf();
        let mut check = HeadCheck {
            path: path.clone(),
            ..HeadCheck::default()
        };
        let (records, damaged) = match read_all(&path) {
            Ok(read) => read,
            Err(e) => {
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "is missing".to_string()
                } else {
                    format!("cannot be read ({e})")
                };
                check.warnings.push(format!(
                    "{} {why}: receipt and fiscal numbers cannot be checked against it. Usta starts a new one \
                     with the next sale; if the database was copied or restored by hand, restore it with \
                     `usta restore FILE` instead, which carries the numbering forward",
                    path.display()
                ));
                return Ok(check);
            }
        };
        check.warnings.extend(damaged);
        let Some(ours) = identity(self.conn())? else {
            return Ok(check);
        };
        let mine: Vec<&Record> = records.iter().filter(|r| r.db == ours).collect();
        if mine.is_empty() {
            match records.last() {
                Some(other) => {
                    check.error = Some(format!(
                        "{} belongs to another database (its journal begins {}…, this one's {ours}…): the \
                         numbering of this shop cannot be checked, and this file may not be the database that \
                         belongs here",
                        path.display(),
                        other.db
                    ));
                }
                None => check.warnings.push(format!("{} holds no records yet", path.display())),
            }
            return Ok(check);
        }
        let conn = self.conn();
        // The epoch: from the last restore that is in this journal. A restore record whose entry is not in the
        // journal was prepared but never put in place: the database is still the one from before it.
        let mut start = 0;
        let mut unplaced = None;
        for (i, r) in mine.iter().enumerate() {
            if r.k == Kind::Restore {
                if hash_at(conn, r.seq)?.as_deref() == Some(r.hash.as_str()) {
                    start = i;
                    unplaced = None;
                } else {
                    unplaced = Some(*r);
                }
            }
        }
        if let Some(r) = unplaced {
            check.warnings.push(format!(
                "a restore was prepared at {} but not put in place; the database is still the one from before it",
                r.at
            ));
        }
        // In the epoch, only its own restore record (the first) is in the journal; later ones were never placed.
        let latest = mine[start..]
            .iter()
            .enumerate()
            .filter(|(i, r)| matches!(r.k, Kind::Commit | Kind::Release) || (r.k == Kind::Restore && *i == 0))
            .map(|(_, r)| *r)
            .max_by_key(|r| r.seq);
        let Some(latest) = latest else {
            return Ok(check);
        };
        let (db_seq, _) = conn
            .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let name = path.display();
        check.error = if db_seq < latest.seq {
            Some(format!(
                "the journal ends at entry {db_seq} but {name} records entry {} committed at {}: the entries \
                 after {db_seq} (and what they recorded) were deleted; restore the latest backup with `usta \
                 restore FILE`",
                latest.seq, latest.at
            ))
        } else if hash_at(conn, latest.seq)?.as_deref() != Some(latest.hash.as_str()) {
            Some(format!(
                "journal entry {} is not the one {name} records as committed at {}: the journal was rewritten",
                latest.seq, latest.at
            ))
        } else {
            let mut behind = None;
            for (register, &no) in &latest.rc {
                let now: i64 = conn
                    .query_row("SELECT last_receipt_no FROM registers WHERE id = ?1", [register], |r| {
                        r.get(0)
                    })
                    .optional()?
                    .unwrap_or(0);
                if now < no {
                    behind = Some(format!(
                        "register {register} is at receipt {now} but {name} records receipt {no} committed at {}",
                        latest.at
                    ));
                    break;
                }
            }
            behind
        };
        check.checked = Some((latest.seq, latest.at.clone()));
        Ok(check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(k: Kind, seq: i64, rc: i64, fd: i64) -> Record {
        Record {
            k,
            db: "abc".into(),
            seq,
            hash: format!("h{seq}"),
            fd,
            rc: BTreeMap::from([("R1".to_string(), rc)]),
            at: "2026-11-28T04:00:00Z".into(),
        }
    }

    /// Intents count as possibly issued, never as committed; a rewound counter jumps past every intent.
    #[test]
    fn marks_keep_intents_apart_from_commits() {
        let mut marks = Marks::default();
        for r in [
            record(Kind::Intent, 40, 12, 7),
            record(Kind::Commit, 40, 12, 7),
            record(Kind::Intent, 41, 13, 8),
        ] {
            marks.add(&r);
        }
        assert_eq!(marks.committed_rc["R1"], 12);
        assert_eq!(marks.issued_rc["R1"], 13);
        assert_eq!(
            marks.receipt_after_rewind("R1", 13),
            13,
            "the live database goes on gapless"
        );
        assert_eq!(
            marks.receipt_after_rewind("R1", 3),
            14,
            "a rewound one jumps past the intent"
        );
        assert_eq!(marks.receipt_after_rewind("R2", 1), 1);
        assert_eq!(marks.fd_after_rewind(7), 7);
        assert_eq!(marks.fd_after_rewind(2), 8);
    }

    /// A record is one short line; the file stays small.
    #[test]
    fn a_record_is_one_compact_line() {
        let mut r = record(Kind::Commit, 52, 31, 30);
        r.hash = "0".repeat(64);
        let line = serde_json::to_string(&r).expect("json");
        assert!(!line.contains('\n'));
        assert!(line.len() < 160, "{} bytes: {line}", line.len());
        assert_eq!(serde_json::from_str::<Record>(&line).expect("back"), r);
    }
}
