//! `usta verify`: re-checks the journal's hash chain (and SQLite's own integrity), then the journal against the
//! tables: every column of every row of every fact table against the entry that committed to it, and the older
//! entries' own payloads (sales, lines, payments, payouts, tax-free forms); then the journal and the numbering
//! against the head file beside the database (`NAME.head`). Names the first broken entry and lists the other
//! rows that differ.

use super::Cli;
use super::output::print_json;
use crate::app::Ctx;

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    // At a back office, each register's replica is checked by this same code, after the back office's own books.
    let replicas = crate::app::sync::replicas(ctx.store.path());
    if replicas.is_empty() {
        return check(cli, ctx);
    }
    check(cli, ctx)?;
    let mut failed = Vec::new();
    for (register, path) in replicas {
        let mut store = crate::store::Store::open_existing(&path)?;
        let mut replica = Ctx::new(&mut store, ctx.now, ctx.lang);
        if !cli.json {
            println!("register {register} ({}):", path.display());
        }
        if let Err(e) = check(cli, &mut replica) {
            failed.push(format!("register {register}: {e}"));
        }
    }
    if !failed.is_empty() {
        anyhow::bail!("{}", failed.join("\n"));
    }
    Ok(())
}

fn check(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
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
                        "OK: {} journal entries, head {}; every row of every fact table matches the entry that wrote it \
                         ({compared} sales, returns, payouts and tax-free forms also re-checked field by field)",
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
            Err(mismatch) => {
                // A journal cut short explains the rows it leaves unjournaled: say that first.
                let mut text = match &head.error {
                    Some(error) => format!("{error}\n  and the tables do not match the journal: {mismatch}"),
                    None => format!("the tables do not match the journal: {mismatch}"),
                };
                let others: Vec<_> = ctx
                    .store
                    .verify_rows()?
                    .into_iter()
                    .filter(|m| *m != mismatch)
                    .collect();
                for m in others.iter().take(20) {
                    text.push_str(&format!("\n  also: {m}"));
                }
                if others.len() > 20 {
                    text.push_str(&format!("\n  … and {} more", others.len() - 20));
                }
                text
            }
        },
        Err(broken) => format!("the journal does not verify: {broken}"),
    };
    if cli.json {
        print_json(&serde_json::json!({ "ok": false, "error": failure, "head_file": head }))?;
    }
    anyhow::bail!("{failure}")
}
