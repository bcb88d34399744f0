//! `usta sync`: one round with the back office; says what moved.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, sync};

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let round = sync::sync_once(ctx)?;
    let status = sync::status(ctx.store)?;
    if cli.json {
        return print_json(&serde_json::json!({ "round": round, "status": status }));
    }
    match round {
        None => println!("this database is standalone: nothing to sync"),
        Some(r) => {
            println!(
                "sent {} entries ({} the back office already held), took {} rows of master data; {} entries waiting",
                r.pushed, r.already_held, r.master_rows, r.waiting
            );
            for id in &r.counted_elsewhere {
                println!(
                    "transfer {id} was confirmed first at another till of this location: its goods are counted \
                     there, and this till's confirmation was undone"
                );
            }
        }
    }
    Ok(())
}
