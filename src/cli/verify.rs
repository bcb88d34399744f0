//! `usta verify`: re-checks the journal's hash chain (and SQLite's own integrity), then the journal against the
//! tables (sales, lines, payments, payouts, tax-free forms), and names the first broken entry.

use super::Cli;
use super::output::print_json;
use crate::app::Ctx;

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    ctx.store.integrity_check()?;
    let failure = match ctx.store.verify_journal()? {
        Ok(head) => match ctx.store.verify_tables()? {
            Ok(compared) => {
                if cli.json {
                    return print_json(&serde_json::json!({
                        "ok": true, "entries": head.seq, "head": head.hash, "compared_with_tables": compared,
                    }));
                }
                println!(
                    "OK: {} journal entries, head {}; {compared} sales, returns, payouts and tax-free forms match their tables",
                    head.seq, head.hash
                );
                return Ok(());
            }
            Err(mismatch) => format!("the tables do not match the journal: {mismatch}"),
        },
        Err(broken) => format!("the journal does not verify: {broken}"),
    };
    if cli.json {
        print_json(&serde_json::json!({ "ok": false, "error": failure }))?;
    }
    anyhow::bail!("{failure}")
}
