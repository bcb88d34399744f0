//! `usta hub …`: this PC is the back office. Serve tills over TLS, pair a new till, list and revoke tills.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, sync};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Serve the tills on ADDR (the LAN address the manager chooses, e.g. 192.168.1.10:8443) over TLS
    Serve {
        #[arg(long, value_name = "ADDR")]
        listen: String,
        /// Where the back office's own goods are
        #[arg(long, default_value = sync::OFFICE)]
        location: String,
    },
    /// Make a one-time code for a new till at LOCATION (it carries this back office's certificate fingerprint)
    Pair {
        #[arg(long)]
        location: String,
        /// The till's register id [default: the next free R2, R3…]
        #[arg(long)]
        register: Option<String>,
    },
    /// List the paired tills with their last sync
    Tills,
    /// Cut a till off: its token stops working at once
    Revoke { register: String },
    /// A shop day across every register: each register's X (Z once closed) and the total
    Day {
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
    /// Stock across the cooperative: per location and in total, after every register's sales
    Stock {
        /// Only the product with this barcode
        code: Option<String>,
    },
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &HubCommand) -> anyhow::Result<()> {
    match command {
        HubCommand::Serve { listen, location } => {
            let fingerprint = sync::prepare_hub(ctx.store, location)?;
            let listener =
                std::net::TcpListener::bind(listen).map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
            let addr = listener.local_addr()?;
            if cli.json {
                print_json(&serde_json::json!({ "listening": addr.to_string(), "fingerprint": fingerprint }))?;
            } else {
                println!("back office serving tills on https://{addr}");
                println!("certificate SHA-256 {fingerprint}");
            }
            use std::io::Write;
            std::io::stdout().flush()?;
            let path = ctx.store.path().to_path_buf();
            let store = crate::store::Store::open_existing(&path)?;
            sync::serve(store, listener, &std::sync::atomic::AtomicBool::new(false))?;
            Ok(())
        }
        HubCommand::Pair { location, register } => {
            let paired = sync::pair(ctx, location, register.as_deref())?;
            if cli.json {
                return print_json(&paired);
            }
            println!("till {} at {}: pairing code", paired.register, paired.location);
            println!("  {}", paired.code);
            println!(
                "on the till: usta --db till.db till join https://ADDR --code {} (ADDR: this PC's `hub serve --listen`)",
                paired.code
            );
            println!("the code works once; `usta hub revoke {}` cancels it", paired.register);
            Ok(())
        }
        HubCommand::Tills => {
            let tills = sync::tills(ctx.store)?;
            if cli.json {
                return print_json(&tills);
            }
            if tills.is_empty() {
                println!("no tills paired yet (`usta hub pair --location NAME`)");
            }
            for t in tills {
                let state = match (&t.revoked_at, &t.joined_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(_)) => "joined".to_string(),
                    (None, None) => "code not used yet".to_string(),
                };
                println!(
                    "{:<6} {:<20} {:<22} entries held {:>6}  last sync {}",
                    t.register,
                    t.location,
                    state,
                    t.pushed_seq,
                    t.last_sync.as_deref().unwrap_or("never")
                );
            }
            Ok(())
        }
        HubCommand::Day { date } => {
            let date = date.unwrap_or_else(|| ctx.now.date_naive());
            let day = sync::shop_day(ctx, date)?;
            if cli.json {
                return print_json(&day);
            }
            println!("shop day {}", day.day);
            for r in &day.registers {
                println!(
                    "  {:<6} {:?}  sales {:>4}  returns {:>3}  net {}",
                    r.register, r.kind, r.sales_count, r.returns_count, r.net
                );
            }
            println!(
                "  total         sales {:>4}  returns {:>3}  net {}",
                day.sales_count, day.returns_count, day.net
            );
            Ok(())
        }
        HubCommand::Stock { code } => {
            let mut rows = sync::stock_across(ctx.store)?;
            if let Some(code) = code {
                let code = crate::domain::barcode::normalize(code);
                rows.retain(|r| r.barcode.as_deref() == Some(code.as_str()));
            }
            if cli.json {
                return print_json(&rows);
            }
            for r in rows {
                let mut places: Vec<String> = r.by_location.iter().map(|(l, q)| format!("{l} {q}")).collect();
                if !r.in_transit.is_zero() {
                    places.push(format!("in transit {}", r.in_transit));
                }
                println!(
                    "{:<14} {:<32} total {:>6}  ({})",
                    r.barcode.unwrap_or_default(),
                    r.name,
                    r.total,
                    places.join(", ")
                );
            }
            Ok(())
        }
        HubCommand::Revoke { register } => {
            sync::revoke(ctx, register)?;
            if cli.json {
                return print_json(&serde_json::json!({ "revoked": register }));
            }
            println!("till {register} revoked: it can no longer sync");
            Ok(())
        }
    }
}
