//! `usta verify`: re-checks the journal's hash chain (and SQLite's own integrity), then the journal against the
//! tables (sales, lines, payments, payouts, tax-free forms), then the journal and the numbering against the head
//! file beside the database (`NAME.head`), and names the first broken entry.

use super::Cli;
use super::output::print_json;
use crate::app::Ctx;

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    ctx.store.integrity_check()?;
    let head = ctx.store.check_head()?;
    for warning in &head.warnings {
        eprintln!("warning: {warning}");
    }
    let failure = match ctx.store.verify_journal()? {
        Ok(journal) => match ctx.store.verify_tables()? {
            Ok(compared) => match &head.error {
                None => {
                    if cli.json {
                        return print_json(&serde_json::json!({
                            "ok": true, "entries": journal.seq, "head": journal.hash, "compared_with_tables": compared,
                            "head_file": head,
                        }));
                    }
                    println!(
                        "OK: {} journal entries, head {}; {compared} sales, returns, payouts and tax-free forms match their tables",
                        journal.seq, journal.hash
                    );
                    if let Some((seq, at)) = &head.checked {
                        println!(
                            "{} agrees: entry {seq}, committed at {at}, is in the journal",
                            head.path.display()
                        );
                    }
                    return Ok(());
                }
                Some(error) => error.clone(),
            },
            Err(mismatch) => format!("the tables do not match the journal: {mismatch}"),
        },
        Err(broken) => format!("the journal does not verify: {broken}"),
    };
    if cli.json {
        print_json(&serde_json::json!({ "ok": false, "error": failure, "head_file": head }))?;
    }
    anyhow::bail!("{failure}")
}
