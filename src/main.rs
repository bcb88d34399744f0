//! `usta`: with a subcommand, a headless manager tool; without one, the point of sale itself.

// On Windows the window opens without a console window behind it; subcommands attach to the console they were
// typed in (see `usta_windows::console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use std::process::ExitCode;

/// The status a tool killed by SIGPIPE reports to the shell (128 + 13), as `cat` does under `| head`.
const BROKEN_PIPE_STATUS: i32 = 141;

fn main() -> ExitCode {
    let _ = usta::ui::STARTED.set(std::time::Instant::now());
    #[cfg(windows)]
    usta_windows::console::attach_parent_console();
    quiet_on_broken_pipe();
    let cli = usta::cli::Cli::parse();
    match usta::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if broken_pipe(&e) => ExitCode::from(BROKEN_PIPE_STATUS as u8),
        Err(e) => {
            eprintln!("usta: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A write to standard output that failed because the reader went away (a use case may have turned the
/// `io::Error` into its own message on the way up, so its text counts too).
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) || {
        let text = format!("{e:#}");
        text.contains("Broken pipe (os error 32)") || text.contains("(os error 232)") || text.contains("(os error 233)")
    }
}

/// `usta … | head`: once the reader has gone, `println!` panics ("failed printing to stdout: Broken pipe").
/// Every write to the database is committed or rolled back by SQLite, so the process just stops, silently,
/// with the status other tools have in a pipe; any other panic is reported as before.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let printing =
            message.starts_with("failed printing to stdout") || message.starts_with("failed printing to stderr");
        // Unix: EPIPE (os error 32); Windows: ERROR_NO_DATA "the pipe is being closed" (os error 232), and
        // ERROR_PIPE_NOT_CONNECTED (233) once the reader has gone (seen under Wine with `| head`).
        let closed = ["os error 32)", "os error 232)", "os error 233)"];
        if printing && closed.iter().any(|c| message.contains(c)) {
            std::process::exit(BROKEN_PIPE_STATUS);
        }
        default(info);
    }));
}
