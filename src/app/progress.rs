//! Progress of long jobs (a pool import of many ledgers, a catalog import, a feed export, a backup), reported
//! through one small trait so the command line (a bar on a terminal) and the window (a progress line) show the
//! same count. Reporting never changes what a job does or writes; asking to stop does, only where stopping is
//! safe, and the job then says that nothing was changed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Where a long job reports how far it is.
pub trait Progress {
    /// `done` of `total` steps are finished.
    fn step(&mut self, done: u64, total: u64);
    /// The job ended (whole or refused); a bar is cleared.
    fn finish(&mut self) {}
    /// Whether the job should stop at its next safe point. A job that can be stopped checks it between steps and
    /// then leaves everything as it was; one that cannot never asks.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Reports nowhere: piped output, `--json`, tests.
pub struct Silent;

impl Progress for Silent {
    fn step(&mut self, _done: u64, _total: u64) {}
}

impl<F: FnMut(u64, u64)> Progress for F {
    fn step(&mut self, done: u64, total: u64) {
        self(done, total)
    }
}

/// A job's progress shared between the thread that runs it and a screen that shows it: the count is read, and
/// a stop asked for, from the screen while the job runs elsewhere. Clones share the same count and flag.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    ended: Arc<AtomicBool>,
}

impl Shared {
    pub fn new() -> Shared {
        Shared::default()
    }

    /// `(done, total)` as last reported; `total` is 0 until the job has counted its steps.
    pub fn count(&self) -> (u64, u64) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    /// Asks the job to stop at its next safe point.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether a stop has been asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The job is over, whatever its result: whoever watches the count may stop.
    pub fn end(&self) {
        self.ended.store(true, Ordering::Relaxed);
    }

    pub fn is_ended(&self) -> bool {
        self.ended.load(Ordering::Relaxed)
    }
}

impl Progress for Shared {
    fn step(&mut self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.is_cancelled()
    }
}

/// Reports `(done, total)` to `progress` and says whether the job may go on: the store's steps take this form,
/// so the store needs nothing of this module.
pub fn go_on(progress: &mut dyn Progress) -> impl FnMut(u64, u64) -> bool + '_ {
    move |done, total| {
        progress.step(done, total);
        !progress.cancelled()
    }
}

/// A job that can be stopped part way, as a refusal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    CatalogImport,
    Backup,
    FeedExport,
}

impl std::fmt::Display for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Job::CatalogImport => "catalog import",
            Job::Backup => "backup",
            Job::FeedExport => "feed export",
        })
    }
}

/// The refusal of a job stopped on request: nothing it would have written was kept.
pub fn stopped(job: Job) -> super::AppError {
    super::input::InputProblem::Cancelled { job }.into()
}
