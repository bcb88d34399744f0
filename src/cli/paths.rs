//! Every command-line argument that names a file, a folder or a printer, and what the command does with it.
//! `tests/outputs.rs` walks clap's whole command tree: an argument that takes a path and is missing here fails
//! the test, and every output listed here is run against the shop's database, its companions, the backups
//! folder and other databases, so a new writer cannot skip the output rule (`app::output`).

/// What a command does with a path it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRole {
    /// Only read.
    Input,
    /// A file the command writes (under `app::output`, `--force` to replace).
    OutputFile,
    /// A folder the command writes files into.
    OutputDir,
    /// A backup copy: may go into `backups/`, never replaces anything.
    Backup,
    /// A printer URI: `file:PATH` and device paths are written to.
    PrinterUri,
    /// The shop's own database (`--db`).
    ShopDatabase,
    /// The association's pool database: opened or created, never the shop's files.
    PoolDatabase,
}

/// (subcommand path, argument id, role); `*` matches every subcommand (global and flattened arguments).
pub const PATH_ARGS: &[(&str, &str, PathRole)] = &[
    ("*", "db", PathRole::ShopDatabase),
    ("*", "printer", PathRole::PrinterUri),
    ("*", "profile", PathRole::Input),
    ("catalog import", "file", PathRole::Input),
    ("catalog export", "file", PathRole::OutputFile),
    ("catalog photo", "files", PathRole::Input),
    ("catalog feed", "out", PathRole::OutputDir),
    ("printer set", "uri", PathRole::PrinterUri),
    ("printer serve", "out", PathRole::OutputDir),
    ("ledger export", "out", PathRole::OutputDir),
    ("ledger export", "archive", PathRole::OutputFile),
    ("ledger verify", "dir", PathRole::Input),
    ("day x", "out", PathRole::OutputFile),
    ("day close", "out", PathRole::OutputFile),
    ("artisans statement", "xlsx", PathRole::OutputFile),
    ("artisans statement", "csv", PathRole::OutputFile),
    ("pool import", "dirs", PathRole::Input),
    ("pool import", "pool", PathRole::PoolDatabase),
    ("pool report", "out", PathRole::OutputFile),
    ("pool report", "pool", PathRole::PoolDatabase),
    ("taxfree check", "mrz", PathRole::Input),
    ("taxfree issue", "mrz", PathRole::Input),
    ("taxfree export", "out", PathRole::OutputFile),
    ("taxfree scheme", "set", PathRole::Input),
    ("backup", "path", PathRole::Backup),
    ("restore", "path", PathRole::Input),
];

/// The role of argument `id` of the subcommand `command` (names joined by spaces, e.g. `ledger export`).
pub fn role(command: &str, id: &str) -> Option<PathRole> {
    PATH_ARGS
        .iter()
        .find(|(c, a, _)| (*c == command || *c == "*") && *a == id)
        .map(|(_, _, r)| *r)
}
