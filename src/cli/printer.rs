//! `usta printer …`: set up the receipt printer, print test pages and labels, work the print queue, and run a
//! virtual network printer.

use super::Cli;
use super::output::print_json;
use crate::app::Ctx;
use crate::app::input::InputProblem;
use crate::app::printing::{self, PrinterSettings, QueueReport};
use clap::{Args, Subcommand, ValueHint};
use std::path::PathBuf;

/// Choosing a printer for one command instead of the saved one.
#[derive(Debug, Args, Clone, Default)]
pub struct PrinterChoice {
    /// Printer URI: tcp://HOST[:9100], usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200 (serial:COM3 on
    /// Windows), winprint:QUEUE (a Windows print queue), file:PATH
    #[arg(long, value_name = "URI")]
    pub printer: Option<String>,
    /// Printer profile: epson, generic58, raster-only, or a TOML file
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PrinterCommand {
    /// Save the receipt printer: a URI and a profile
    Set {
        /// tcp://HOST[:9100], usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200 (serial:COM3 on Windows),
        /// winprint:QUEUE (a Windows print queue, e.g. "winprint:POS-80"), file:PATH
        uri: String,
        /// epson (KZ-1048, 80 mm), generic58 (58 mm without Kyrgyz letters: they print as images), raster-only,
        /// or a TOML profile file
        #[arg(long, default_value = "epson")]
        profile: String,
    },
    /// Show the printer setting and the latest print jobs with their errors
    Queue {
        /// How many jobs to list
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Print everything still queued (after the printer is back on or has paper)
    Retry(PrinterChoice),
    /// Print a test page with every Kyrgyz letter
    Test(PrinterChoice),
    /// Print price labels for a product (name, price, EAN-13, artisan)
    Label {
        /// The product's barcode
        code: String,
        /// How many labels
        #[arg(long, default_value_t = 1)]
        copies: u32,
        #[command(flatten)]
        choice: PrinterChoice,
    },
    /// List the printers this computer can print to: Windows print queues (for winprint:), USB printer devices
    List,
    /// Run a virtual network printer: each job received is saved as .bin, .txt and a .png of the paper roll
    Serve {
        /// TCP port to listen on
        #[arg(long, default_value_t = 9100)]
        port: u16,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Folder for the received jobs (existing jobs in it are kept; new ones are numbered after them)
        #[arg(long, value_hint = ValueHint::DirPath)]
        out: PathBuf,
        /// Profile whose code page numbers the jobs use
        #[arg(long, default_value = "epson")]
        profile: String,
        /// Status to answer: ok, paper-out, cover-open, offline
        #[arg(long, default_value = "ok")]
        status: String,
    },
}

/// One printer `usta printer list` found: the URI to give `printer set`, and where it leads.
#[derive(Debug, serde::Serialize)]
struct Found {
    uri: String,
    port: String,
}

/// `usta printer list`: the Windows print queues (each as `winprint:NAME` with its port), and the USB printer
/// device files the kernel made (`/dev/usb/lp*`) elsewhere.
fn list(cli: &Cli) -> anyhow::Result<()> {
    let mut found: Vec<Found> = usta_printer::transport::windows_queues()?
        .into_iter()
        .map(|(queue, port)| Found {
            uri: usta_printer::PrinterUri::WinPrint { queue }.to_string(),
            port,
        })
        .collect();
    if let Ok(dir) = std::fs::read_dir("/dev/usb") {
        let mut devices: Vec<Found> = dir
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("lp"))
            .map(|e| Found {
                uri: format!("usb:{}", e.path().display()),
                port: "USB".into(),
            })
            .collect();
        devices.sort_by(|a, b| a.uri.cmp(&b.uri));
        found.extend(devices);
    }
    if cli.json {
        return print_json(&found);
    }
    if found.is_empty() {
        println!(
            "No printer found. A network printer is tcp://ADDRESS; a serial one serial:PORT (see usta scanner list)."
        );
    }
    for f in &found {
        println!("{:<40} {}", f.uri, f.port);
    }
    Ok(())
}

/// Prints the whole queue with the chosen printer (`usta printer retry`), or only the jobs `only` (a command's
/// own test page, labels or reprint: the rest waits for a retry); a failure is an error naming the job, which
/// stays queued.
pub fn run_queue(
    cli: &Cli,
    ctx: &mut Ctx<'_>,
    choice: &PrinterChoice,
    only: Option<&[i64]>,
) -> anyhow::Result<QueueReport> {
    let target = printing::target(ctx, choice.printer.as_deref(), choice.profile.as_deref())?;
    let report = match only {
        Some(ids) => printing::print_only(ctx, &target, ids)?,
        None => printing::print_queue(ctx, &target)?,
    };
    if cli.json {
        print_json(&report)?;
    } else if !report.printed.is_empty() {
        eprintln!("Printed {} job(s) on {}.", report.printed.len(), target.uri);
    }
    if let Some((id, error)) = &report.failed {
        anyhow::bail!(
            "print job {id} failed: {error}; it stays queued with {} job(s) in all (usta printer retry)",
            report.still_queued
        );
    }
    Ok(report)
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &PrinterCommand) -> anyhow::Result<()> {
    match command {
        PrinterCommand::Set { uri, profile } => {
            printing::save_settings(
                ctx,
                &PrinterSettings {
                    uri: uri.clone(),
                    profile: profile.clone(),
                },
            )?;
            println!("Receipts now print on {uri} ({profile}). Try: usta printer test");
            Ok(())
        }
        PrinterCommand::Queue { limit } => {
            let setting = printing::settings(ctx)?;
            let jobs = printing::jobs(ctx, *limit)?;
            if cli.json {
                return print_json(&serde_json::json!({ "printer": setting, "jobs": jobs }));
            }
            match setting {
                Some(s) => println!("Printer: {} ({})", s.uri, s.profile),
                None => println!("No printer set up (usta printer set URI)."),
            }
            for j in jobs {
                let what = match j.kind {
                    crate::store::printing::JobKind::Receipt { sale_id, copy } => {
                        format!("receipt (sale {sale_id}){}", if copy { ", copy" } else { "" })
                    }
                    crate::store::printing::JobKind::Label { product_id } => format!("label (product {product_id})"),
                    crate::store::printing::JobKind::Test => "test page".to_string(),
                    crate::store::printing::JobKind::Document { name, ref_id, copy } => {
                        format!("{name} {ref_id}{}", if copy { ", copy" } else { "" })
                    }
                };
                let error = j.last_error.map(|e| format!(" — {e}")).unwrap_or_default();
                println!("#{:<5} {:<9} {what} · {} attempt(s){error}", j.id, j.status, j.attempts);
            }
            Ok(())
        }
        PrinterCommand::List => list(cli),
        PrinterCommand::Retry(choice) => run_queue(cli, ctx, choice, None).map(|_| ()),
        PrinterCommand::Test(choice) => {
            let job = printing::enqueue_test(ctx)?;
            run_queue(cli, ctx, choice, Some(&[job])).map(|_| ())
        }
        PrinterCommand::Label { code, copies, choice } => {
            let mut jobs = Vec::new();
            for _ in 0..*copies {
                jobs.push(printing::enqueue_label(ctx, code)?);
            }
            run_queue(cli, ctx, choice, Some(&jobs)).map(|_| ())
        }
        PrinterCommand::Serve {
            port,
            bind,
            out,
            profile,
            status,
        } => {
            crate::app::output::Protected::new(ctx.store.path()).check_dir(out)?;
            let profile = usta_printer::Profile::load(profile)
                .map_err(|e| InputProblem::PrinterProfile { reason: e.to_string() })?;
            let status = status
                .parse()
                .map_err(|_: String| InputProblem::PrinterStatus { text: status.clone() })?;
            let options = usta_printer::VirtualOptions {
                profile,
                status,
                ..Default::default()
            };
            let printer = usta_printer::VirtualPrinter::start(format!("{bind}:{port}"), out.clone(), options)
                .map_err(|e| InputProblem::VirtualPrinter { reason: e.to_string() })?;
            eprintln!(
                "Virtual printer listening on {} — jobs go to {}. Stop with Ctrl-C.",
                printer.uri(),
                out.display()
            );
            printer
                .wait()
                .map_err(|e| InputProblem::VirtualPrinter { reason: e.to_string() })?;
            Ok(())
        }
    }
}
