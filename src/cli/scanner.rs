//! `usta scanner …`: find serial scanners and watch what they send.

use super::Cli;
use crate::app::{Ctx, scanner};
use clap::Subcommand;
use usta_scanner::{Event, Reader, ScannerConfig};

#[derive(Debug, Subcommand)]
pub enum ScannerCommand {
    /// List serial ports with their USB ids (VID:PID), maker and product
    List,
    /// Print each decoded scan (and each rejected frame with its reason) until Ctrl-C
    Listen {
        /// Port: a path such as /dev/ttyACM0 or usb:VID:PID; the saved scanner when omitted
        #[arg(long)]
        port: Option<String>,
        /// Save this port as the shop's scanner
        #[arg(long)]
        save: bool,
        /// Stop after this many scans or rejections
        #[arg(long)]
        max: Option<usize>,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &ScannerCommand) -> anyhow::Result<()> {
    match command {
        ScannerCommand::List => {
            let ports = usta_scanner::list_ports()?;
            if cli.json {
                let list: Vec<_> = ports
                    .iter()
                    .map(|p| serde_json::json!({ "port": p.to_string(), "selector": p.selector().to_string() }))
                    .collect();
                return super::output::print_json(&list);
            }
            if ports.is_empty() {
                println!("No serial ports found. Plug the scanner in and set it to USB COM (CDC-ACM) or RS-232 mode.");
            }
            for p in ports {
                println!("{p}");
            }
            Ok(())
        }
        ScannerCommand::Listen { port, save, max } => {
            let config = match port {
                Some(p) if *save => scanner::save_port(ctx, p)?.ok_or_else(|| anyhow::anyhow!("no port given"))?,
                Some(p) => ScannerConfig::new(p.parse().map_err(|e| anyhow::anyhow!("--port {p}: {e}"))?),
                None => scanner::settings(ctx)?
                    .ok_or_else(|| anyhow::anyhow!("no scanner set up: give --port (see `usta scanner list`)"))?,
            };
            let (_reader, events) = Reader::spawn(config, scanner::validator())?;
            let mut seen = 0;
            for event in events {
                match event {
                    Event::Connected { port } => eprintln!("Listening on {port}. Stop with Ctrl-C."),
                    Event::Disconnected { reason } => {
                        eprintln!("scanner disconnected: {reason} (waiting for it to return)")
                    }
                    Event::Scan(scan) => {
                        seen += 1;
                        if cli.json {
                            println!(
                                "{}",
                                serde_json::json!({ "code": scan.code, "symbology": scan.symbology.to_string(), "in_store": scan.is_in_store() })
                            );
                        } else {
                            println!(
                                "{}  {}{}",
                                scan.code,
                                scan.symbology,
                                if scan.is_in_store() { "  (in-store)" } else { "" }
                            );
                        }
                    }
                    Event::Rejected(rejected) => {
                        seen += 1;
                        if cli.json {
                            println!(
                                "{}",
                                serde_json::json!({ "rejected": rejected.raw, "reason": rejected.reason.to_string() })
                            );
                        } else {
                            println!("rejected {:?}: {}", rejected.raw, rejected.reason);
                        }
                    }
                }
                if max.is_some_and(|m| seen >= m) {
                    break;
                }
            }
            Ok(())
        }
    }
}
