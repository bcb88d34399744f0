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

    /// Makes `actor` the one every use case runs as.
    pub fn sign_in(&self, actor: crate::domain::user::Actor) {
        if let Ok(mut a) = self.actor.write() {
            *a = actor;
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
            .map_err(|_| AppError::Input("the database lock was poisoned".into()))?;
        let actor = self.actor();
        let mut ctx = Ctx::new(&mut store, now, lang);
        ctx.actor = actor;
        job(&mut ctx)
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
