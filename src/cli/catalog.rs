//! `usta catalog …`

use super::Cli;
use super::output::{cell, print_json, product_json};
use crate::app::{Ctx, catalog};
use clap::{Subcommand, ValueHint};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Import products from CSV, all or nothing (columns: barcode, name_ky, name_ru, name_en, category, price,
    /// tax_group, artisan, commission_pct, attributes, unit, opening_stock; `,` or `;`; decimal dot or comma)
    Import {
        /// The CSV file
        file: PathBuf,
    },
    /// Export the catalog as CSV (to FILE, or standard output)
    Export {
        /// Where to write; standard output when omitted
        #[arg(value_hint = ValueHint::FilePath)]
        file: Option<PathBuf>,
        /// Replace FILE if it exists (never a database)
        #[arg(long)]
        force: bool,
    },
    /// Find products by any word prefix of their names (Kyrgyz, Russian, English) or by barcode
    Find {
        /// Words to look for, e.g. `шырдак` or `kalpak`
        text: String,
        /// At most this many results
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Add photos (JPEG, PNG, WebP) to the product with barcode CODE, stored resized in `photos/` beside the
    /// database; or take photos off it with --remove
    Photo {
        /// The product's barcode
        code: String,
        /// Picture files to add, in the order the product shows them
        #[arg(value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        /// Take this photo off the product (its content name, or the start of it, as `--json` lists them)
        #[arg(long, value_name = "NAME")]
        remove: Vec<String>,
    },
    /// Write the products marked "sell online" as an online channel's product import, with their photos beside
    /// it; titles and descriptions in --lang
    Feed {
        /// shopify, woocommerce, google (Merchant Center TSV) or etsy
        #[arg(long, value_parser = |s: &str| s.parse::<crate::domain::feed::Channel>())]
        format: crate::domain::feed::Channel,
        /// The folder to write (replaced only with --force)
        #[arg(long, value_hint = ValueHint::DirPath)]
        out: PathBuf,
        /// The shop's web address the photos will be uploaded to; image links are this plus the photo's name
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// The feed's currency: KGS, or USD/EUR converted at the latest stored exchange rate
        #[arg(long, default_value = "KGS", value_parser = |s: &str| s.parse::<crate::domain::currency::Currency>().map_err(|e| e.to_string()))]
        currency: crate::domain::currency::Currency,
        /// Replace the folder of an earlier feed
        #[arg(long)]
        force: bool,
    },
    /// The sale screen's quick keys: list them, put a product at a position (1-24), take one off
    #[command(subcommand)]
    QuickKeys(QuickKeysCommand),
}

#[derive(Debug, Subcommand)]
pub enum QuickKeysCommand {
    /// The quick keys by position
    List,
    /// Put the product with barcode CODE at position POS (1 is the top left); the product there loses its key
    Set {
        /// The product's barcode
        code: String,
        /// 1 to 24
        pos: u32,
    },
    /// Take the product with barcode CODE off the grid
    Clear {
        /// The product's barcode
        code: String,
    },
}

fn quick_keys(cli: &Cli, ctx: &mut Ctx<'_>, command: &QuickKeysCommand) -> anyhow::Result<()> {
    use crate::app::quick_keys;
    match command {
        QuickKeysCommand::List => {
            let keys = quick_keys::list(ctx)?;
            if cli.json {
                return print_json(
                    &keys
                        .iter()
                        .map(|k| serde_json::json!({ "pos": k.pos, "product": product_json(&k.record, cli.lang()) }))
                        .collect::<Vec<_>>(),
                );
            }
            if keys.is_empty() {
                println!("No quick keys yet: `usta catalog quick-keys set CODE POS`.");
            }
            for k in &keys {
                let p = &k.record.product;
                println!(
                    "{:>2}  {}  {}  {:>12}",
                    k.pos,
                    cell(p.barcodes.first().map_or("-", |b| b.as_str()), 13),
                    cell(p.names.get(cli.lang()), 44),
                    p.price.to_string()
                );
            }
            Ok(())
        }
        QuickKeysCommand::Set { code, pos } => {
            let (record, displaced) = quick_keys::set_code(ctx, code, *pos)?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "pos": pos,
                    "product": product_json(&record, cli.lang()),
                    "replaced": displaced.as_ref().map(|d| product_json(d, cli.lang())),
                }));
            }
            println!("Quick key {pos}: {}.", record.product.names.get(cli.lang()));
            if let Some(d) = displaced {
                println!(
                    "It replaces {}, which is no longer a quick key.",
                    d.product.names.get(cli.lang())
                );
            }
            Ok(())
        }
        QuickKeysCommand::Clear { code } => {
            let (record, cleared) = quick_keys::clear_code(ctx, code)?;
            let name = record.product.names.get(cli.lang());
            if cli.json {
                return print_json(
                    &serde_json::json!({ "product": product_json(&record, cli.lang()), "cleared": cleared }),
                );
            }
            if cleared {
                println!("{name} is no longer a quick key.");
            } else {
                println!("{name} was not a quick key; nothing changed.");
            }
            Ok(())
        }
    }
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &CatalogCommand) -> anyhow::Result<()> {
    match command {
        CatalogCommand::Import { file } => {
            let data = catalog::read_file(file)?;
            let mut bar = super::progress::Bar::new(cli.json, "catalog import");
            let summary = catalog::import_with(ctx, &file.display().to_string(), &data, &mut bar)?;
            if cli.json {
                print_json(&summary)
            } else {
                println!(
                    "Imported {} (read as {}): {} new, {} updated.",
                    file.display(),
                    summary.encoding.unwrap_or("UTF-8"),
                    summary.created,
                    summary.updated
                );
                Ok(())
            }
        }
        CatalogCommand::Export { file, force } => {
            let count = match file {
                Some(path) => {
                    let db = ctx.store.path().to_path_buf();
                    let mut count = 0;
                    crate::app::output::write_file_with(&db, path, *force, |out| {
                        count = catalog::export(ctx, out)?;
                        Ok(())
                    })?;
                    count
                }
                None => catalog::export(ctx, std::io::stdout().lock())?,
            };
            if let Some(path) = file {
                eprintln!("Exported {count} products to {}.", path.display());
            }
            Ok(())
        }
        CatalogCommand::QuickKeys(command) => quick_keys(cli, ctx, command),
        CatalogCommand::Find { text, limit } => {
            let found = catalog::find(ctx, text, *limit)?;
            // The purchase cost is a manager's data: a cashier's list never carries it.
            let costs = catalog::sees_costs(ctx);
            if cli.json {
                let rows: Vec<_> = found
                    .iter()
                    .map(|r| {
                        let mut v = product_json(r, cli.lang());
                        if costs {
                            v["cost"] = r.product.cost.map(|c| c.plain()).into();
                        }
                        v
                    })
                    .collect();
                return print_json(&rows);
            }
            if found.is_empty() {
                println!("Nothing found for '{text}'.");
            }
            for r in &found {
                let p = &r.product;
                let cost = if costs {
                    format!("  cost {}", p.cost.map_or_else(|| "none".to_string(), |c| c.plain()))
                } else {
                    String::new()
                };
                println!(
                    "{}  {}  {:>12}  {:>5} pcs{cost}",
                    cell(p.barcodes.first().map_or("-", |b| b.as_str()), 13),
                    cell(p.names.get(cli.lang()), 44),
                    p.price.to_string(),
                    super::output::on_hand_cell(r, cli.lang())
                );
            }
            Ok(())
        }
        CatalogCommand::Photo { code, files, remove } => {
            if files.is_empty() && remove.is_empty() {
                anyhow::bail!("name a picture file to add, or --remove NAME");
            }
            let mut report = None;
            if !remove.is_empty() {
                report = Some(crate::app::photos::remove(ctx, code, remove)?);
            }
            if !files.is_empty() {
                let added = crate::app::photos::add(ctx, code, files)?;
                report = Some(crate::app::photos::PhotoReport {
                    removed: report.map(|r| r.removed).unwrap_or_default(),
                    ..added
                });
            }
            let Some(report) = report else { return Ok(()) };
            if cli.json {
                return print_json(&report);
            }
            let name = ctx
                .store
                .product(report.product)?
                .map(|r| r.product.names.get(cli.lang()).to_string())
                .unwrap_or_default();
            println!(
                "{code} {name}: {} photo(s) added, {} taken off; it shows {}:",
                report.added,
                report.removed.len(),
                report.photos.len()
            );
            for p in &report.photos {
                println!(
                    "  {}  {}×{}",
                    crate::domain::craft::content_name(&p.sha256),
                    p.width,
                    p.height
                );
            }
            Ok(())
        }
        CatalogCommand::Feed {
            format,
            out,
            base_url,
            currency,
            force,
        } => {
            let target = crate::app::feed::Target {
                channel: *format,
                out,
                force: *force,
                base_url: base_url.as_deref(),
                currency: *currency,
                lang: cli.lang(),
            };
            let mut bar = super::progress::Bar::new(cli.json, "feed export");
            let report = crate::app::feed::export_with(ctx, target, &mut bar)?;
            for m in &report.missing {
                eprintln!("usta: {} {}: left out, it has no {}", m.barcode, m.name, m.field);
            }
            if cli.json {
                return print_json(&report);
            }
            println!(
                "Wrote {} ({} rows) and {} photo(s) to {}; {} product(s) left out.",
                report.file,
                report.rows,
                report.photos,
                out.display(),
                report.missing.len()
            );
            Ok(())
        }
    }
}
