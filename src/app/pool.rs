//! The association's side: pool many shops' verified daily ledgers into one database and report on them.

use super::ledger::{Source, verify_source};
use super::{AppError, Result};
use crate::domain::journal::sha256_hex;
use crate::domain::ledger::{Format as LedgerFormat, JSON, Ledger, MANIFEST, Manifest, v2};
use crate::domain::money::Som;
use crate::domain::report::{HtmlTable, bar_chart_svg, html_page};
use crate::store::pool::{Imported, Pool, PoolRow};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One ledger folder's fate.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportLine {
    pub dir: PathBuf,
    pub shop_id: Option<String>,
    pub day: Option<String>,
    /// Checked in full in this run; false when recognised, unchanged, by the MANIFEST seal it was pooled with.
    pub verified: bool,
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

/// How many folders share one pool transaction: a kill loses at most this many imports, never half of one.
const BATCH: usize = 512;

/// Verifies and imports each folder or archive; one that fails is named with its reason and the others go on.
/// A folder already verified and pooled is recognised by its MANIFEST's seal and a stamp of its files (size,
/// times, inode) without verifying it again; any change to either verifies it fully. `progress(done, total)` is
/// called after each folder.
pub fn import(
    pool: &mut Pool,
    dirs: &[PathBuf],
    at: &str,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut done = 0;
    for chunk in dirs.chunks(BATCH) {
        pool.batch(|pool| {
            for dir in chunk {
                let line = import_one(pool, dir, at)?;
                match &line.result {
                    ImportResult::Done(Imported::New { .. }) => report.imported += 1,
                    ImportResult::Done(Imported::AlreadyImported) => report.already_imported += 1,
                    ImportResult::Done(Imported::Conflict { .. }) => report.conflicts += 1,
                    ImportResult::Rejected { .. } => report.rejected += 1,
                }
                report.lines.push(line);
                done += 1;
                progress(done, dirs.len());
            }
            Ok(())
        })?;
    }
    Ok(report)
}

fn rejected(dir: &Path, shop_day: Option<(String, String)>, reason: String) -> ImportLine {
    let (shop_id, day) = shop_day.unzip();
    ImportLine {
        dir: dir.to_path_buf(),
        shop_id,
        day,
        verified: true,
        result: ImportResult::Rejected { reason },
    }
}

fn import_one(pool: &mut Pool, dir: &Path, at: &str) -> std::result::Result<ImportLine, crate::store::StoreError> {
    let source_name = dir.display().to_string();
    let opened = Source::open(dir).and_then(|source| {
        let text = source.read(MANIFEST)?;
        let manifest = Manifest::parse(&String::from_utf8_lossy(&text))?;
        Ok((source, sha256_hex(&text), manifest))
    });
    let (source, seal, manifest) = match opened {
        Ok(v) => v,
        Err(e) => return Ok(rejected(dir, None, e.to_string())),
    };
    let shop_day = || Some((manifest.shop_id.clone(), manifest.day.to_string()));
    let stamp = stamp(dir, &source, &manifest);
    if let Some(stamp) = &stamp
        && pool.seen(&source_name, &seal, stamp)?
    {
        let (shop_id, day) = shop_day().unzip();
        return Ok(ImportLine {
            dir: dir.to_path_buf(),
            shop_id,
            day,
            verified: false,
            result: ImportResult::Done(Imported::AlreadyImported),
        });
    }
    let v = match verify_source(&source) {
        Ok(v) => v,
        Err(e) => return Ok(rejected(dir, shop_day(), e.to_string())),
    };
    if v.ledger.provisional {
        return Ok(rejected(
            dir,
            shop_day(),
            "MANIFEST: the ledger is provisional (exported before the day closed)".into(),
        ));
    }
    let Some(digest) = v.manifest.files.iter().find(|(n, _)| n == JSON).map(|(_, d)| d.clone()) else {
        return Ok(rejected(dir, shop_day(), format!("MANIFEST lists no {JSON}")));
    };
    let outcome = pool.import_recognising(&v.ledger, &digest, &|d| same_facts(&v.ledger, d), &source_name, at)?;
    if let (Imported::New { .. } | Imported::AlreadyImported, Some(stamp)) = (&outcome, &stamp) {
        pool.remember(&source_name, &seal, stamp)?;
    }
    Ok(ImportLine {
        dir: dir.to_path_buf(),
        shop_id: Some(v.ledger.shop_id.clone()),
        day: Some(v.ledger.day.to_string()),
        verified: true,
        result: ImportResult::Done(outcome),
    })
}

/// Whether `digest` is that of the `ledger.json` of `ledger`'s facts in the other version that holds all of them:
/// `usta-ledger/3` and `usta-ledger/4` differ only in how a line is written, so a day pooled from one and sent
/// again in the other is the same day. (A `usta-ledger/2` ledger has no technique or region, so it is not.)
fn same_facts(ledger: &Ledger, digest: &str) -> bool {
    let other = match LedgerFormat::from_tag(&ledger.format) {
        Some(LedgerFormat::V3) => LedgerFormat::V4,
        Some(LedgerFormat::V4) => LedgerFormat::V3,
        _ => return false,
    };
    v2::json_in(ledger, other.tag()).is_ok_and(|json| sha256_hex(&json) == digest)
}

/// What changes when any byte of a file is rewritten: per file its size, modification and (on Unix) change time
/// and inode (a change time cannot be set back by a program). None when a file cannot be looked at: then the
/// folder is verified in full.
fn stamp(path: &Path, source: &Source, manifest: &Manifest) -> Option<String> {
    let mut text = String::new();
    let mut add = |p: &Path| -> Option<()> {
        let m = std::fs::metadata(p).ok()?;
        let modified = m
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let _ = write!(text, "{}:{}:{modified}", p.display(), m.len());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = write!(text, ":{}.{}:{}:{}", m.ctime(), m.ctime_nsec(), m.ino(), m.dev());
        }
        text.push('\n');
        Some(())
    };
    match source {
        Source::Archive(_) => add(path)?,
        Source::Dir(dir) => {
            add(&dir.join(MANIFEST))?;
            for (name, _) in &manifest.files {
                add(&dir.join(name))?;
            }
        }
    }
    Some(sha256_hex(text.as_bytes()))
}

/// Report output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Html,
    /// A workbook (needs `--out`): typed cells, a sums row; sheet and headers in `lang`.
    Xlsx,
}

/// Grouping of a pool report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Shop,
    Artisan,
    Category,
    Month,
    /// The product's craft technique, shown by its name in the report's language.
    Technique,
    /// The artisan's region, as the shops wrote it.
    Region,
}

impl By {
    pub fn code(self) -> &'static str {
        match self {
            By::Shop => "shop",
            By::Artisan => "artisan",
            By::Category => "category",
            By::Month => "month",
            By::Technique => "technique",
            By::Region => "region",
        }
    }

    /// What a row's key is shown as, where it is not shown as it is: a technique by its name in `i18n`'s
    /// language (a code this program does not know, from a newer shop, as the code), and the empty key of a
    /// technique or region (not given, or a ledger older than `usta-ledger/3`) as a group of its own, named so.
    fn label(self, key: &str, i18n: &crate::ui::i18n::I18n) -> Option<String> {
        match (self, key) {
            (By::Technique, "") => Some(i18n.tr("acc-col-no_technique")),
            (By::Region, "") => Some(i18n.tr("acc-col-no_region")),
            (By::Technique, code) => Some(
                crate::domain::craft::TECHNIQUES
                    .iter()
                    .find(|t| t.code == code)
                    .map_or(code, |t| t.name(i18n.lang()))
                    .to_string(),
            ),
            _ => None,
        }
    }
}

/// A report row with the label its key is shown as (see [`By::label`]).
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    row: &'a PoolRow,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

fn rows_table(rows: &[Shown<'_>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|Shown { row: r, label }| {
            vec![
                match label {
                    Some(label) => label.clone(),
                    None if r.key.is_empty() => "—".to_string(),
                    None => r.key.clone(),
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
    report_in(pool, by, from, to, format, crate::domain::catalog::Lang::En)
}

/// [`report`] in `lang`: the XLSX sheet and headers, and the names of techniques and of the groups without a
/// technique or region in every format.
pub fn report_in(
    pool: &Pool,
    by: By,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
    lang: crate::domain::catalog::Lang,
) -> Result<Vec<u8>> {
    let rows = pool.report(by.code(), from, to)?;
    let i18n = crate::ui::i18n::I18n::new(lang);
    let shown: Vec<Shown<'_>> = rows
        .iter()
        .map(|row| Shown {
            row,
            label: by.label(&row.key, &i18n),
        })
        .collect();
    Ok(match format {
        Format::Xlsx => {
            let lines = shown
                .iter()
                .map(|Shown { row: r, label }| crate::domain::sheet::PoolLine {
                    key: label.as_deref().unwrap_or(&r.key),
                    sales: r.sales,
                    returns: r.returns,
                    net: r.net,
                    items: r.items,
                });
            let sheets = crate::domain::sheet::pool(by.code(), lines);
            super::xlsx::workbook(&sheets, lang, chrono::NaiveDateTime::default())?
        }
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&serde_json::json!({
                "by": by.code(), "from": from, "to": to, "rows": shown,
                "total": rows.iter().map(|r| r.net).sum::<Som>(),
            }))
            .map_err(|e| not_written(e.to_string()))?;
            v.push(b'\n');
            v
        }
        Format::Csv => {
            let mut bytes = Vec::new();
            {
                let mut w = csv::Writer::from_writer(&mut bytes);
                let fail = |e: csv::Error| not_written(e.to_string());
                w.write_record([by.code(), "sales", "returns", "net", "items"])
                    .map_err(fail)?;
                for r in rows_table(&shown) {
                    w.write_record(&r).map_err(fail)?;
                }
                w.flush().map_err(|e| not_written(e.to_string()))?;
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
                    rows: rows_table(&shown),
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

/// A report that could not be put into bytes.
fn not_written(reason: String) -> AppError {
    super::input::InputProblem::NotWritten {
        what: super::input::Document::Report,
        reason,
    }
    .into()
}
