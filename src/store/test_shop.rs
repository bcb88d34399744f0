//! The store's own tests start from a demo shop whose business day is open, in a fresh database file.

use super::Store;
use crate::app::{Ctx, day, demo};
use crate::domain::catalog::Lang;
use chrono::{DateTime, FixedOffset};
use std::path::Path;

/// A new database at `path` holding the 66-product demo shop, its day opened at `now` if the demo left none open.
pub(super) fn demo_shop(path: &Path, now: DateTime<FixedOffset>) -> Store {
    let mut store = Store::open(path).expect("open");
    demo::create(&mut Ctx::new(&mut store, now, Lang::Ky), 66).expect("demo");
    if day::current(&Ctx::new(&mut store, now, Lang::Ky))
        .expect("day")
        .is_none()
    {
        day::open(&mut Ctx::new(&mut store, now, Lang::Ky), &[]).expect("open day");
    }
    store
}
