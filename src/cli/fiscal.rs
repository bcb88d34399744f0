//! `usta fiscal …`: sales waiting for fiscal registration, retrying them, and choosing the register.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, fiscal};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum FiscalCommand {
    /// List sales and returns not registered with the fiscal register yet, with the last error
    Pending,
    /// Register every pending sale now (after the register is back)
    Retry,
    /// Show a receipt's fiscal fields
    Show {
        /// Receipt number on this register
        receipt_no: i64,
    },
    /// Choose the fiscal register: `simulator` (training, built in); --offline makes it fail, for practice
    Set {
        /// The register: `simulator`
        #[arg(default_value = "simulator")]
        mode: String,
        /// Make the simulator fail as if unplugged (sales then wait as pending)
        #[arg(long)]
        offline: bool,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &FiscalCommand) -> anyhow::Result<()> {
    match command {
        FiscalCommand::Pending => {
            let list = fiscal::pending(ctx)?;
            if cli.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("Every sale is registered.");
            }
            for p in &list {
                println!(
                    "{} {}-{}: {} attempt(s){}",
                    p.kind,
                    p.register,
                    p.receipt_no,
                    p.attempts,
                    p.last_error
                        .as_deref()
                        .map(|e| format!(", last error: {e}"))
                        .unwrap_or_default()
                );
            }
            Ok(())
        }
        FiscalCommand::Retry => {
            let report = fiscal::retry(ctx)?;
            if cli.json {
                print_json(&report)?;
            } else {
                println!(
                    "Registered {}; {} still pending.",
                    report.registered.len(),
                    report.still_pending
                );
            }
            match report.last_error {
                Some(e) => anyhow::bail!("the fiscal register still fails: {e}"),
                None => Ok(()),
            }
        }
        FiscalCommand::Show { receipt_no } => {
            let sale = crate::app::checkout::find_receipt(ctx, *receipt_no)?;
            let row = match sale.id {
                Some(id) => ctx.store.fiscal(id)?,
                None => None,
            };
            if cli.json {
                return print_json(&row);
            }
            match row {
                Some(r) => println!(
                    "{} ({}): ФН {} ФД {} ФП {}",
                    r.status,
                    r.mode,
                    r.fn_number.unwrap_or_default(),
                    r.fd_number.map(|n| n.to_string()).unwrap_or_default(),
                    r.fiscal_sign.unwrap_or_default()
                ),
                None => println!("not registered yet"),
            }
            Ok(())
        }
        FiscalCommand::Set { mode, offline } => {
            fiscal::save_settings(
                ctx,
                &fiscal::FiscalSettings {
                    mode: mode.clone(),
                    offline: *offline,
                },
            )?;
            println!("Fiscal register: {mode}{}", if *offline { " (offline)" } else { "" });
            Ok(())
        }
    }
}
