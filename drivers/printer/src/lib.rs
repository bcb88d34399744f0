//! Printing for Usta. A printout is a list of [`Block`]s, independent of any printer; this crate lays them out
//! for a paper width. Today it renders plain text (the CLI and the screen preview use it); ESC/POS encoding,
//! code pages and transports build on the same blocks.

pub mod layout;

pub use layout::{Align, Block, render_text};
