//! Progress of long jobs (a pool import of many ledgers, …), reported through one small trait so the command
//! line (a bar on a terminal) and the window (a progress line) show the same count. Reporting never changes what
//! a job does or writes.

/// Where a long job reports how far it is.
pub trait Progress {
    /// `done` of `total` steps are finished.
    fn step(&mut self, done: u64, total: u64);
    /// The job ended (whole or refused); a bar is cleared.
    fn finish(&mut self) {}
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
