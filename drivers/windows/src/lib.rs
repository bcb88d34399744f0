//! The few Win32 calls Usta needs on Windows, each behind a safe function, so that no other crate of the
//! workspace needs `unsafe`: attaching to the console a subcommand was started from, sending a RAW job through
//! the print spooler, and listing the installed print queues. On other systems the crate is empty.

#[cfg(windows)]
pub mod console;
#[cfg(windows)]
pub mod spooler;
