//! The association's side: pool many shops' verified daily ledgers into one database and report on them.

use super::{AppError, Result};
use crate::domain::ledger::JSON;
use crate::domain::money::Som;
use crate::domain::report::{HtmlTable, bar_chart_svg, html_page};
use crate::store::pool::{Imported, Pool, PoolRow};
use std::path::{Path, PathBuf};

/// One ledger folder's fate.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportLine {
    pub dir: PathBuf,
    pub shop_id: Option<String>,
    pub day: Option<String>,
    #[serde(flatten)]
    pub result: ImportResult,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum ImportResult {
    Done(Imported),
    /// Did not verify: the file and the reason.
    Rejected {
        reason: String,
    },
}

/// What an import run did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub already_imported: usize,
    pub conflicts: usize,
    pub rejected: usize,
    pub lines: Vec<ImportLine>,
}

/// Verifies and imports each folder; a folder that fails is named with its reason and the others go on.
/// `progress(done, total)` is called after each folder.
pub fn import(
    pool: &mut Pool,
    dirs: &[PathBuf],
    at: &str,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    for (i, dir) in dirs.iter().enumerate() {
        let line = match super::ledger::verify(dir) {
            Err(e) => {
                report.rejected += 1;
                ImportLine {
                    dir: dir.clone(),
                    shop_id: None,
                    day: None,
                    result: ImportResult::Rejected { reason: e.to_string() },
                }
            }
            Ok(v) if v.ledger.provisional => {
                report.rejected += 1;
                ImportLine {
                    dir: dir.clone(),
                    shop_id: Some(v.ledger.shop_id.clone()),
                    day: Some(v.ledger.day.to_string()),
                    result: ImportResult::Rejected {
                        reason: "MANIFEST: the ledger is provisional (exported before the day closed)".into(),
                    },
                }
            }
            Ok(v) => {
                let digest = v
                    .manifest
                    .files
                    .iter()
                    .find(|(n, _)| n == JSON)
                    .map(|(_, d)| d.clone())
                    .ok_or_else(|| AppError::Input(format!("{}: MANIFEST lists no {JSON}", dir.display())))?;
                let outcome = pool.import(&v.ledger, &digest, &dir.display().to_string(), at)?;
                match &outcome {
                    Imported::New { .. } => report.imported += 1,
                    Imported::AlreadyImported => report.already_imported += 1,
                    Imported::Conflict { .. } => report.conflicts += 1,
                }
                ImportLine {
                    dir: dir.clone(),
                    shop_id: Some(v.ledger.shop_id.clone()),
                    day: Some(v.ledger.day.to_string()),
                    result: ImportResult::Done(outcome),
                }
            }
        };
        report.lines.push(line);
        progress(i + 1, dirs.len());
    }
    Ok(report)
}

/// Report output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Html,
}

/// Grouping of a pool report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Shop,
    Artisan,
    Category,
    Month,
}

impl By {
    pub fn code(self) -> &'static str {
        match self {
            By::Shop => "shop",
            By::Artisan => "artisan",
            By::Category => "category",
            By::Month => "month",
        }
    }
}

fn rows_table(rows: &[PoolRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                if r.key.is_empty() {
                    "—".to_string()
                } else {
                    r.key.clone()
                },
                r.sales.plain(),
                r.returns.plain(),
                r.net.plain(),
                r.items.to_string(),
            ]
        })
        .collect()
}

/// The report bytes in a format. HTML always carries charts of net sales by month and by craft (category).
pub fn report(pool: &Pool, by: By, from: Option<&str>, to: Option<&str>, format: Format) -> Result<Vec<u8>> {
    let rows = pool.report(by.code(), from, to)?;
    Ok(match format {
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&serde_json::json!({
                "by": by.code(), "from": from, "to": to, "rows": rows,
                "total": rows.iter().map(|r| r.net).sum::<Som>(),
            }))
            .map_err(|e| AppError::Input(e.to_string()))?;
            v.push(b'\n');
            v
        }
        Format::Csv => {
            let mut bytes = Vec::new();
            {
                let mut w = csv::Writer::from_writer(&mut bytes);
                let fail = |e: csv::Error| AppError::Input(format!("report CSV: {e}"));
                w.write_record([by.code(), "sales", "returns", "net", "items"])
                    .map_err(fail)?;
                for r in rows_table(&rows) {
                    w.write_record(&r).map_err(fail)?;
                }
                w.flush().map_err(|e| AppError::Input(e.to_string()))?;
            }
            bytes
        }
        Format::Html => {
            let bars = |rows: Vec<PoolRow>| rows.into_iter().map(|r| (r.key, r.net)).collect::<Vec<_>>();
            let by_month = bars(pool.report("month", from, to)?);
            let by_craft = bars(pool.report("category", from, to)?);
            let charts = [
                bar_chart_svg("Net sales by month, som", &by_month),
                bar_chart_svg("Net sales by craft, som", &by_craft),
            ];
            let title = format!(
                "Usta pool: sales by {}{}",
                by.code(),
                match (from, to) {
                    (None, None) => String::new(),
                    (f, t) => format!(" ({} – {})", f.unwrap_or("…"), t.unwrap_or("…")),
                }
            );
            html_page(
                &title,
                &charts,
                &[HtmlTable {
                    title: by.code(),
                    header: &[by.code(), "sales", "returns", "net", "items"],
                    rows: rows_table(&rows),
                }],
            )
            .into_bytes()
        }
    })
}

/// Default pool file: `pool.db` beside the shop database's default place.
pub fn default_pool_path(shop_db_dir: Option<&Path>) -> PathBuf {
    shop_db_dir.map_or_else(|| PathBuf::from("pool.db"), |d| d.join("pool.db"))
}
