//! `usta`: with a subcommand, a headless manager tool; without one, the point of sale itself.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let _ = usta::ui::STARTED.set(std::time::Instant::now());
    let cli = usta::cli::Cli::parse();
    match usta::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("usta: {e:#}");
            ExitCode::FAILURE
        }
    }
}
