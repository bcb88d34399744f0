//! Percentiles and the one-line figure every bench prints: `NAME … p50=… p99=…`.
#![allow(dead_code)]

use std::time::{Duration, Instant};

pub struct Stats {
    pub name: String,
    pub samples: Vec<Duration>,
}

impl Stats {
    pub fn pct(&self, p: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * p).round() as usize;
        s[i]
    }

    pub fn print(&self) {
        println!(
            "{:<58} n={:<6} p50={:>10.1?} p99={:>10.1?}",
            self.name,
            self.samples.len(),
            self.pct(0.50),
            self.pct(0.99)
        );
    }
}

/// Times `f` `n` times after a warm-up of up to 50 calls (caches, prepared statements).
pub fn measure(name: impl Into<String>, n: usize, mut f: impl FnMut(usize)) -> Stats {
    for i in 0..n.min(50) {
        f(i);
    }
    timed(name, n, f)
}

/// Like `measure`, but `f` does setup of its own and returns the time of the part that counts.
pub fn measure_part(name: impl Into<String>, n: usize, mut f: impl FnMut(usize) -> Duration) -> Stats {
    for i in 0..n.min(50) {
        f(i);
    }
    Stats {
        name: name.into(),
        samples: (0..n).map(f).collect(),
    }
}

/// Times `f` `n` times with no warm-up (for steps that change the state, like a day close).
pub fn timed(name: impl Into<String>, n: usize, mut f: impl FnMut(usize)) -> Stats {
    let samples = (0..n)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    Stats {
        name: name.into(),
        samples,
    }
}

/// Whether the process runs under `cargo bench` (`cargo test --benches` runs bench targets too: then do nothing).
pub fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}
