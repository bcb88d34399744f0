//! What screens borrow to get work done: the store behind a lock and the shop clock. Every use case runs off the
//! UI thread as a `Task` on iced's thread pool, so a slow disk never freezes the till.

use crate::app::{AppError, Ctx};
use crate::domain::catalog::Lang;
use crate::store::Store;
use chrono::{DateTime, FixedOffset};
use iced::Task;
use std::sync::{Arc, Mutex, RwLock};

type Clock = Arc<dyn Fn() -> DateTime<FixedOffset> + Send + Sync>;

#[derive(Clone)]
pub struct Services {
    store: Arc<Mutex<Store>>,
    clock: Clock,
    lang: Arc<RwLock<Lang>>,
    /// Who is signed in at the till; every use case runs as them (the system until someone signs in, which
    /// only a database without users allows: the window starts locked otherwise).
    actor: Arc<RwLock<crate::domain::user::Actor>>,
    /// A manager's approval given at the till for the next action that needs it (spent when used, stale after
    /// two minutes), and whether the last refusal asked for one.
    approval: Arc<Mutex<Approvals>>,
}

#[derive(Debug, Default)]
struct Approvals {
    given: Option<(crate::app::users::Approval, DateTime<FixedOffset>)>,
    /// Why the last action was refused (the error itself, so the strip says it in the chosen language) and when,
    /// until an approval is given.
    wanted: Option<(AppError, DateTime<FixedOffset>)>,
}

/// An approval, or a request for one, lives two minutes.
fn fresh(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> bool {
    now.signed_duration_since(at) <= chrono::TimeDelta::minutes(2)
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services").finish_non_exhaustive()
    }
}

impl Services {
    /// Opens the database for the window, on the real shop clock.
    pub fn open(path: &std::path::Path) -> Result<Self, AppError> {
        Ok(Self::new(Store::open(path)?))
    }

    /// Services on the real shop clock.
    pub fn new(store: Store) -> Self {
        Self::with_clock(store, Arc::new(crate::cli::shop_now))
    }

    /// Services on a given clock (tests use a fixed one).
    pub fn with_clock(store: Store, clock: Clock) -> Self {
        Services {
            store: Arc::new(Mutex::new(store)),
            clock,
            lang: Arc::new(RwLock::new(Lang::Ky)),
            actor: Arc::new(RwLock::new(crate::domain::user::Actor::system())),
            approval: Arc::new(Mutex::new(Approvals::default())),
        }
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)()
    }

    /// The language documents (receipts) are made in.
    pub fn set_lang(&self, lang: Lang) {
        if let Ok(mut l) = self.lang.write() {
            *l = lang;
        }
    }

    /// The language chosen at the till (names in a screen's notices are given in it).
    pub fn lang(&self) -> Lang {
        self.lang.read().map(|l| *l).unwrap_or_default()
    }

    /// Makes `actor` the one every use case runs as.
    pub fn sign_in(&self, actor: crate::domain::user::Actor) {
        if let Ok(mut a) = self.actor.write() {
            *a = actor;
        }
    }

    /// Holds a manager's approval for the next action that needs one.
    pub fn give_approval(&self, approval: crate::app::users::Approval) {
        let now = self.now();
        if let Ok(mut a) = self.approval.lock() {
            a.given = Some((approval, now));
            a.wanted = None;
        }
    }

    /// The approval waiting to be used, by whom (for two minutes at most).
    pub fn approval_by(&self) -> Option<String> {
        let now = self.now();
        self.approval.lock().ok().and_then(|a| {
            a.given
                .as_ref()
                .filter(|(_, at)| fresh(*at, now))
                .map(|(g, _)| g.by.name.clone())
        })
    }

    /// What the last refused action needed, while no approval has been given; a request nobody answered in two
    /// minutes is forgotten (the customer has gone, the strip must not wait for the next one).
    pub fn approval_wanted(&self) -> Option<AppError> {
        let now = self.now();
        self.approval.lock().ok().and_then(|a| {
            a.wanted
                .as_ref()
                .filter(|(_, at)| fresh(*at, now))
                .map(|(w, _)| w.clone())
        })
    }

    /// Forgets a request for approval and an approval not yet used (the strip was cancelled, a new sale began,
    /// the screen changed).
    pub fn cancel_request(&self) {
        self.clear_approval();
    }

    /// Forgets a pending request and approval (a user signs in or out).
    pub fn clear_approval(&self) {
        if let Ok(mut a) = self.approval.lock() {
            *a = Approvals::default();
        }
    }

    pub fn actor(&self) -> crate::domain::user::Actor {
        self.actor
            .read()
            .map(|a| a.clone())
            .unwrap_or_else(|_| crate::domain::user::Actor::system())
    }

    /// Runs a use case against the store, now, on the calling thread.
    pub fn call<T>(&self, job: impl FnOnce(&mut Ctx<'_>) -> crate::app::Result<T>) -> Result<T, AppError> {
        let lang = self.lang.read().map(|l| *l).unwrap_or_default();
        let now = self.now();
        let mut store = self
            .store
            .lock()
            .map_err(|_| AppError::Invalid(crate::app::input::InputProblem::LockPoisoned))?;
        let actor = self.actor();
        let given = self.approval.lock().ok().and_then(|a| a.given.clone());
        let mut ctx = Ctx::new(&mut store, now, lang);
        ctx.actor = actor;
        ctx.approval = given.filter(|(_, at)| fresh(*at, now)).map(|(approval, _)| approval);
        let result = job(&mut ctx);
        if let Ok(mut a) = self.approval.lock() {
            match &result {
                Ok(_) if ctx.approval_used => a.given = None,
                Err(e) if e.wants_approval() => a.wanted = Some((e.clone(), now)),
                _ => {}
            }
        }
        result
    }

    /// Runs a use case off the UI thread and turns its result into a message.
    pub fn task<T, M>(
        &self,
        job: impl FnOnce(&mut Ctx<'_>) -> crate::app::Result<T> + Send + 'static,
        message: impl FnOnce(Result<T, AppError>) -> M + Send + 'static,
    ) -> Task<M>
    where
        T: Send + 'static,
        M: Send + 'static,
    {
        let services = self.clone();
        Task::perform(async move { services.call(job) }, message)
    }
}

/// A long job's count as messages, about ten a second, from a thread of its own (no pool worker sleeps) until
/// the job has [ended](crate::app::progress::Shared::end).
pub fn watch(progress: crate::app::progress::Shared) -> Task<(u64, u64)> {
    let (mut tx, rx) = iced::futures::channel::mpsc::channel(1);
    std::thread::spawn(move || {
        while !progress.is_ended() {
            // A full channel means the screen has not drawn the last count yet: this one is skipped.
            if tx.try_send(progress.count()).is_err() && tx.is_closed() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    });
    Task::run(rx, |count| count)
}
