//! `usta demo` and what `usta` without a subcommand does today.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, demo};
use crate::store::Store;
use anyhow::Context;
use clap::Args;
use std::path::Path;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Total number of products; above the ~60 real ones, synthetic products are added (for benchmarks)
    #[arg(long, default_value_t = 66)]
    pub products: usize,
    /// Set an existing database aside (renamed to PATH.<time>.bak) and start a fresh demo shop
    #[arg(long)]
    pub force: bool,
}

/// Renames the database and its WAL/SHM companions so nothing of the old shop is lost.
fn set_aside(path: &Path) -> anyhow::Result<Option<std::path::PathBuf>> {
    if !path.exists() {
        return Ok(None);
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let backup = path.with_file_name(format!(
        "{}.{stamp}.bak",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    for suffix in ["", "-wal", "-shm"] {
        let from = format!("{}{suffix}", path.display());
        if Path::new(&from).exists() {
            std::fs::rename(&from, format!("{}{suffix}", backup.display()))
                .with_context(|| format!("cannot set {from} aside"))?;
        }
    }
    Ok(Some(backup))
}

/// Setting a shop aside for a fresh demo needs an admin of that shop; a database that cannot be opened cannot
/// say who its admin is, so it is left for `usta restore` (which checks against the backup).
pub fn check_force(cli: &Cli, path: &Path) -> anyhow::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let mut store = Store::open(path).map_err(|e| {
        anyhow::anyhow!("{e}; demo --force cannot check who may replace it: restore a backup with `usta restore`")
    })?;
    super::users::check_on(cli, &mut store, crate::app::permissions::UseCase::DemoForce)
}

pub fn run(cli: &Cli, path: &Path, args: &DemoArgs) -> anyhow::Result<()> {
    let backup = if args.force { set_aside(path)? } else { None };
    let mut store = Store::open(path)?;
    let now = super::shop_now();
    let mut ctx = Ctx::new(&mut store, now, cli.lang());
    let summary = demo::create(&mut ctx, args.products)?;
    if cli.json {
        print_json(&serde_json::json!({
            "db": path.display().to_string(),
            "products": summary.products,
            "artisans": summary.artisans,
            "categories": summary.categories,
            "previous_db": backup.map(|b| b.display().to_string()),
        }))
    } else {
        if let Some(b) = backup {
            println!("The previous database was set aside as {}", b.display());
        }
        println!(
            "Demo shop created in {}: {} products, {} artisans, {} categories.",
            path.display(),
            summary.products,
            summary.artisans,
            summary.categories
        );
        println!("Try: usta catalog find шырдак   ·   usta stock show   ·   usta sell CODE --pay cash:5000");
        Ok(())
    }
}

/// `--with-demo`: an empty database gets the demo shop.
pub fn ensure_shop(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    if !ctx.store.has_shop()? && ctx.store.product_count()? == 0 {
        let summary = demo::create(ctx, 66)?;
        if !cli.json {
            eprintln!("No shop yet: opened the demo shop ({} products).", summary.products);
        }
    }
    Ok(())
}

/// `usta status`: the shop, the database and where the register stands.
pub fn status(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    let shop = ctx.store.shop()?;
    let register = ctx.store.register_id()?;
    let last = ctx.store.last_receipt_no(&register)?;
    let products = ctx.store.product_count()?;
    if cli.json {
        return print_json(&serde_json::json!({
            "shop": shop.name, "db": ctx.store.path().display().to_string(), "register": register,
            "products": products, "last_receipt_no": last,
        }));
    }
    if shop.name.is_empty() {
        println!(
            "No shop in {} yet: run `usta demo` or open the window (`usta`) to set one up.",
            ctx.store.path().display()
        );
    } else {
        println!("{} — {}", shop.name, shop.address);
    }
    println!(
        "Database {} · register {register} · {products} products · last receipt {last}",
        ctx.store.path().display()
    );
    Ok(())
}
