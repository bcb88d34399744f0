//! Use cases of several tills and a back office, for the command line now and the window next: what this
//! database is (standalone, back office, till), pairing, joining, one sync round, and which use cases a joined
//! till leaves to the back office. The protocol itself is `crate::sync`.

use super::permissions::UseCase;
use super::{AppError, Ctx, Result};
use crate::store::Store;
use crate::store::sync::{Role, TillRecord};
use crate::sync::problem::SyncProblem;
use crate::sync::{SyncError, hub, till, tls};
use std::path::{Path, PathBuf};

/// Where the back office keeps its own goods when the manager names no location.
pub const OFFICE: &str = "back office";

/// What the window's top bar and Settings show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    /// `standalone`, `hub` or `till`.
    pub role: &'static str,
    pub register: String,
    pub location: Option<String>,
    /// The back office a till syncs to.
    pub url: Option<String>,
    /// This till's entries the back office does not hold yet (0 in sync).
    pub waiting: i64,
    pub last_sync: Option<String>,
}

pub fn status(store: &Store) -> Result<Status> {
    let head = store.journal_head()?.seq;
    Ok(match store.sync_link()? {
        None => Status {
            role: "standalone",
            register: store.register_id()?,
            location: None,
            url: None,
            waiting: 0,
            last_sync: None,
        },
        Some(link) => Status {
            role: match link.role {
                Role::Hub => "hub",
                Role::Till => "till",
            },
            waiting: match link.role {
                Role::Till => head - link.pushed_seq,
                Role::Hub => 0,
            },
            register: link.register,
            location: Some(link.location),
            url: link.url,
            last_sync: link.last_sync,
        },
    })
}

/// A till the back office has just paired.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Paired {
    pub register: String,
    pub location: String,
    /// The one-time code, carrying the back office certificate's fingerprint.
    pub code: String,
    pub fingerprint: String,
}

/// Makes this database the back office (if it is not yet), its certificate (if none yet), and a one-time code
/// for a new till at `location`.
pub fn pair(ctx: &mut Ctx<'_>, location: &str, register: Option<&str>) -> Result<Paired> {
    let location = location.trim();
    if location.is_empty() {
        return Err(SyncProblem::NoLocation.into());
    }
    ctx.store.become_hub(OFFICE)?;
    let (cert, _) = tls::load_or_create(ctx.store.path())?;
    let fingerprint = tls::fingerprint(&cert);
    let register = match register {
        Some(r) => valid_register(r)?,
        None => ctx.store.hub_next_register()?,
    };
    let secret = hub::secret::<{ till::SECRET_BYTES }>()?;
    ctx.store
        .hub_pair(&register, location, &hub::digest(&secret), &ctx.stamp())?;
    Ok(Paired {
        code: till::make_code(&secret, &fingerprint),
        register,
        location: location.to_string(),
        fingerprint,
    })
}

fn valid_register(r: &str) -> Result<String> {
    let ok = !r.is_empty() && r.len() <= 16 && r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match ok {
        true => Ok(r.to_string()),
        false => Err(SyncProblem::BadRegister { id: r.to_string() }.into()),
    }
}

pub fn tills(store: &Store) -> Result<Vec<TillRecord>> {
    Ok(store.hub_tills()?)
}

/// Cuts a till off: its token stops working at once.
pub fn revoke(ctx: &mut Ctx<'_>, register: &str) -> Result<()> {
    let at = ctx.stamp();
    if !ctx.store.hub_revoke(register, &at)? {
        return Err(SyncProblem::NoTill {
            register: register.to_string(),
        }
        .into());
    }
    ctx.store.sync_log(&at, Some(register), "revoked", "by the manager")?;
    Ok(())
}

/// Joins the back office at `url` with a pairing code, creating the till's database at `db`.
pub fn join(db: &Path, url: &str, code: &str, at: &str) -> Result<till::Joined> {
    Ok(till::join(db, url, code, at)?)
}

/// One sync round; on a standalone shop, `None` (nothing to sync).
pub fn sync_once(ctx: &mut Ctx<'_>) -> Result<Option<till::Round>> {
    match ctx.store.sync_link()?.map(|l| l.role) {
        None => Ok(None),
        Some(Role::Hub) => Err(SyncProblem::IsBackOffice.into()),
        Some(Role::Till) => {
            let at = ctx.stamp();
            Ok(Some(till::round(ctx.store, &at)?))
        }
    }
}

/// Whether `case` changes master data, which on a joined till is the back office's (`app::master`).
pub fn changes_master_data(case: UseCase) -> bool {
    super::master::MasterPart::changed_by(case).is_some()
}

/// Refuses a master-data change on a joined till, naming the part and the back office where it is made.
pub fn refuse_on_till(store: &Store, case: UseCase) -> Result<()> {
    super::master::refuse_case(store, case)
}

/// The back office where master data is changed, when this database is a joined till.
pub fn master_data_at(store: &Store) -> Result<Option<String>> {
    super::master::changed_at(store)
}

/// Joins the back office from the window: the open database must still be empty (the first start of a till).
pub fn join_here(ctx: &mut Ctx<'_>, url: &str, code: &str) -> Result<till::Joined> {
    let at = ctx.stamp();
    Ok(till::join_into(ctx.store, url, code, &at)?)
}

/// One round on a connection of its own, so the window's store is never held while the network answers: a
/// sale rung meanwhile goes straight through.
pub fn sync_beside(db: &Path, at: &str) -> Result<Option<till::Round>> {
    let mut store = Store::open_existing(db)?;
    match store.sync_link()?.map(|l| l.role) {
        Some(Role::Till) => Ok(Some(till::round(&mut store, at)?)),
        _ => Ok(None),
    }
}

/// The replicas a back office holds, by register (none elsewhere).
pub fn replicas(db: &Path) -> Vec<(String, PathBuf)> {
    hub::replicas(db)
}

/// Serves the back office on `listener` until `stop` is set and the server woken (`crate::sync::net::wake`);
/// the caller prints where.
pub fn serve(store: Store, listener: std::net::TcpListener, stop: &std::sync::atomic::AtomicBool) -> Result<()> {
    let mut hub = hub::Hub {
        store,
        clock: || {
            chrono::Utc::now()
                .with_timezone(&crate::domain::bishkek())
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        },
    };
    Ok(hub::serve(&mut hub, listener, stop)?)
}

/// One product's stock across the cooperative.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StockRow {
    pub product_id: i64,
    pub barcode: Option<String>,
    pub name: String,
    /// On hand per location: the back office's own movements, and each till's as its replica holds them.
    pub by_location: std::collections::BTreeMap<String, rust_decimal::Decimal>,
    /// Sent from one location and not yet confirmed at the other: still the cooperative's, so in the total.
    pub in_transit: rust_decimal::Decimal,
    pub total: rust_decimal::Decimal,
}

/// Stock at a back office: opening and receipts here, minus everything every register sold, per location and
/// in total. Product ids agree everywhere: tills take the catalog verbatim from the back office.
pub fn stock_across(store: &Store) -> Result<Vec<StockRow>> {
    let own = store
        .sync_link()?
        .map(|l| l.location)
        .unwrap_or_else(|| OFFICE.to_string());
    let mut places = vec![(own, store.movement_totals()?)];
    for (register, path) in replicas(store.path()) {
        let replica = Store::open_existing(&path)?;
        let location = replica
            .sync_link()?
            .map(|l| l.location)
            .or_else(|| {
                store
                    .hub_tills()
                    .ok()?
                    .into_iter()
                    .find(|t| t.register == register)
                    .map(|t| t.location)
            })
            .unwrap_or(register);
        places.push((location, replica.movement_totals()?));
    }
    let milli = |q: i64| rust_decimal::Decimal::new(q, 3).normalize();
    let mut transit: std::collections::BTreeMap<i64, rust_decimal::Decimal> = Default::default();
    for t in hub::transfers_across(store)?
        .into_iter()
        .filter(|t| t.received_by.is_none())
    {
        *transit.entry(t.product_id).or_default() += t.qty;
    }
    let mut out = Vec::new();
    for (id, barcode, name) in store.product_names()? {
        let mut by_location = std::collections::BTreeMap::new();
        let in_transit = transit.get(&id).copied().unwrap_or_default().normalize();
        let mut total = 0;
        for (location, totals) in &places {
            let q = totals.get(&id).copied().unwrap_or(0);
            total += q;
            *by_location
                .entry(location.clone())
                .or_insert(rust_decimal::Decimal::ZERO) += milli(q);
        }
        out.push(StockRow {
            product_id: id,
            barcode,
            name,
            by_location,
            in_transit,
            total: (milli(total) + in_transit).normalize(),
        });
    }
    Ok(out)
}

/// A shop day across every register: each register's X (or Z, once closed) figures and their sum.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ShopDay {
    pub day: chrono::NaiveDate,
    /// One report per register that had the day (the back office's own first).
    pub registers: Vec<crate::domain::day::DayReport>,
    pub sales_count: i64,
    pub returns_count: i64,
    pub sales_total: crate::domain::Som,
    pub returns_total: crate::domain::Som,
    pub net: crate::domain::Som,
}

/// The shop day `day` at a back office, from its own books and every replica.
pub fn shop_day(ctx: &Ctx<'_>, day: chrono::NaiveDate) -> Result<ShopDay> {
    use crate::domain::day::{ReportKind, report};
    let mut stores = vec![];
    for (_, path) in replicas(ctx.store.path()) {
        stores.push(Store::open_existing(&path)?);
    }
    let mut registers = Vec::new();
    for store in std::iter::once(&*ctx.store).chain(stores.iter()) {
        let Some(record) = store.day_record(day)? else {
            continue;
        };
        let kind = match record.closed_at {
            Some(_) => ReportKind::Z,
            None => ReportKind::X,
        };
        let facts = store.day_facts(day)?;
        let at = record.closed_at.clone().unwrap_or_else(|| ctx.stamp());
        registers.push(report(
            kind,
            day,
            &store.register_id()?,
            &record.opened_at,
            &at,
            &facts,
            None,
        ));
    }
    let sum = |f: fn(&crate::domain::day::DayReport) -> crate::domain::Som| {
        registers.iter().map(f).fold(crate::domain::Som::ZERO, |a, b| a + b)
    };
    Ok(ShopDay {
        day,
        sales_count: registers.iter().map(|r| r.sales_count).sum(),
        returns_count: registers.iter().map(|r| r.returns_count).sum(),
        sales_total: sum(|r| r.sales_total),
        returns_total: sum(|r| r.returns_total),
        net: sum(|r| r.net),
        registers,
    })
}

/// Makes the database the back office and its certificate; returns the fingerprint.
pub fn prepare_hub(store: &mut Store, location: &str) -> Result<String> {
    store.become_hub(location)?;
    let (cert, _) = tls::load_or_create(store.path())?;
    Ok(tls::fingerprint(&cert))
}

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(s) => AppError::Store(s),
            SyncError::Input(p) => AppError::Sync(p),
            SyncError::Io(reason) => AppError::Sync(SyncProblem::Io { reason }),
            SyncError::Tls(reason) => AppError::Sync(SyncProblem::Tls { reason }),
            SyncError::Unreachable { url, reason } => AppError::Sync(SyncProblem::Unreachable { url, reason }),
            SyncError::Refused(reason) => AppError::Sync(SyncProblem::Refused { reason }),
            SyncError::Protocol(reason) => AppError::Sync(SyncProblem::Protocol { reason }),
        }
    }
}

/// Each register's ledger of `day`, for the association in one go: one folder per register inside `out`
/// (`out/R1`, `out/R2`…), each the same file set `usta ledger export` writes at that register, so each verifies on
/// its own. Registers without the day are left out and named; a register whose day is still open is refused
/// unless `provisional`. Every ledger is built before any folder is written.
pub fn export_all_registers(
    ctx: &mut Ctx<'_>,
    day: chrono::NaiveDate,
    out: &Path,
    dialect: crate::domain::ledger::Dialect,
    provisional: bool,
    force: bool,
) -> Result<AllRegisters> {
    if ctx.store.sync_link()?.map(|l| l.role) != Some(Role::Hub) {
        return Err(SyncProblem::AllRegistersHere.into());
    }
    super::output::Protected::new(ctx.store.path()).check_dir(out)?;
    let (now, lang) = (ctx.now, ctx.lang);
    let mut books: Vec<Store> = Vec::new();
    for (_, path) in replicas(ctx.store.path()) {
        books.push(Store::open_existing(&path)?);
    }
    let mut built = Vec::new();
    let mut without = Vec::new();
    for store in std::iter::once(&mut *ctx.store).chain(books.iter_mut()) {
        let register = store.register_id()?;
        if store.day_record(day)?.is_none() {
            without.push(register);
            continue;
        }
        let db = store.path().to_path_buf();
        let c = Ctx::new(store, now, lang);
        let ledger = super::ledger::build(&c, day, provisional).map_err(|e| SyncProblem::RegisterLedger {
            register: register.clone(),
            reason: e.to_string(),
        })?;
        let files = super::ledger::files(&ledger, dialect)?;
        built.push((register, db, ledger, files));
    }
    if built.is_empty() {
        return Err(SyncProblem::NoRegisterDay { day: day.to_string() }.into());
    }
    let mut written = Vec::new();
    for (register, db, ledger, files) in built {
        let dir = out.join(&register);
        super::output::Protected::new(ctx.store.path()).check_dir(&dir)?;
        super::output::write_dir(&db, &dir, force, &files)?;
        written.push(super::ledger::Exported {
            dir: Some(dir),
            archive: None,
            shop_id: ledger.shop_id,
            day,
            provisional: ledger.provisional,
            journal_head: ledger.journal_head,
            files: files.into_iter().map(|(n, _)| n).collect(),
        });
    }
    Ok(AllRegisters {
        day,
        registers: written,
        without_the_day: without,
    })
}

/// What an export for every register wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AllRegisters {
    pub day: chrono::NaiveDate,
    pub registers: Vec<super::ledger::Exported>,
    /// Registers whose books have no such day.
    pub without_the_day: Vec<String>,
}

/// A back office served from the window, with the switch that stops it.
#[derive(Debug, Clone)]
pub struct Serving {
    /// Where it listens, as the tills' address names it (`192.168.1.10:8443`).
    pub addr: String,
    pub fingerprint: String,
    socket: std::net::SocketAddr,
    flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Serving {
    /// Stops serving: the server sees its flag at the next connection, which this makes.
    pub fn stop(&self) {
        self.flag.store(true, std::sync::atomic::Ordering::SeqCst);
        crate::sync::net::wake(self.socket);
    }
}

/// Whether `listen` is an address and port to serve on (`192.168.1.10:8443`).
pub fn listen_address_ok(listen: &str) -> bool {
    listen.trim().parse::<std::net::SocketAddr>().is_ok()
}

/// Makes this database the back office and serves the tills on `listen` from a thread of its own, on its own
/// connection to the file, until [`Serving::stop`].
pub fn serve_in_background(ctx: &mut Ctx<'_>, listen: &str) -> Result<Serving> {
    let fingerprint = prepare_hub(ctx.store, OFFICE)?;
    let cannot = |e: std::io::Error| SyncProblem::Listen {
        address: listen.to_string(),
        reason: e.to_string(),
    };
    let listener = std::net::TcpListener::bind(listen.trim()).map_err(cannot)?;
    let socket = listener.local_addr().map_err(cannot)?;
    let store = Store::open_existing(ctx.store.path())?;
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop = flag.clone();
    std::thread::spawn(move || {
        if let Err(e) = serve(store, listener, &stop) {
            eprintln!("back office: {e}");
        }
    });
    Ok(Serving {
        addr: socket.to_string(),
        fingerprint,
        socket,
        flag,
    })
}
