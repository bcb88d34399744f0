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
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &CatalogCommand) -> anyhow::Result<()> {
    match command {
        CatalogCommand::Import { file } => {
            let data = catalog::read_file(file)?;
            let summary = catalog::import(ctx, &file.display().to_string(), &data)?;
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
        CatalogCommand::Find { text, limit } => {
            let found = catalog::find(ctx, text, *limit)?;
            // The purchase cost is a manager's data: a cashier's list never carries it.
            let costs = catalog::sees_costs(ctx);
            if cli.json {
                let rows: Vec<_> = found
                    .iter()
                    .map(|r| {
                        let mut v = product_json(r, cli.lang);
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
                    cell(p.names.get(cli.lang), 44),
                    p.price.to_string(),
                    super::output::on_hand_cell(r, cli.lang)
                );
            }
            Ok(())
        }
    }
}
