//! Usta: a point of sale for Kyrgyz craft shops and tourist markets.
//!
//! `domain` holds the pure rules, `store` the only SQL, `app` the use cases that join them, `cli` the headless
//! subcommands. See README.md, section Architecture.

pub mod app;
pub mod cli;
pub mod domain;
pub mod store;
pub mod sync;
pub mod ui;

pub use domain::{Cart, Product, Sale, Som};
