//! `usta verify`: re-checks the journal's hash chain (and SQLite's own integrity) and names the first broken
//! entry.

use super::Cli;
use super::output::print_json;
use crate::app::Ctx;

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    ctx.store.integrity_check()?;
    match ctx.store.verify_journal()? {
        Ok(head) => {
            if cli.json {
                return print_json(&serde_json::json!({ "ok": true, "entries": head.seq, "head": head.hash }));
            }
            println!("OK: {} journal entries, head {}", head.seq, head.hash);
            Ok(())
        }
        Err(broken) => {
            if cli.json {
                print_json(&serde_json::json!({ "ok": false, "error": broken.to_string() }))?;
            }
            anyhow::bail!("the journal does not verify: {broken}")
        }
    }
}
