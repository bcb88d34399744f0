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
///
/// Reading and verifying a folder needs only its files, so reader threads (one per core) do it while this one
/// pools the folders read before, in their order: the report and the pool are as a one-by-one import leaves them.
pub fn import(
    pool: &mut Pool,
    dirs: &[PathBuf],
    at: &str,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    // The reading is most of the work: one reader per core, each taking every so many handfuls of folders in
    // turn, with what each folder was last pooled as (looked up here, so a reader needs no pool); this thread
    // takes their outcomes in the same turn, so the folders are pooled in their order.
    let readers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, MAX_READERS));
    let mut work: Vec<Vec<Handful<'_>>> = (0..readers).map(|_| Vec::new()).collect();
    for (i, handful) in dirs.chunks(HANDFUL).enumerate() {
        let known = handful
            .iter()
            .map(|dir| pool.seen_as(&dir.display().to_string()))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        work[i % readers].push((handful, known));
    }
    let mut report = ImportReport::default();
    let mut done = 0;
    std::thread::scope(|scope| {
        let queues: Vec<_> = work
            .into_iter()
            .map(|handfuls| {
                // A bounded queue of a few handfuls: a reader stays a little ahead, never a whole run's ledgers
                // in memory, and it meets this thread once per handful of folders, not once per folder.
                let (send, queue) = std::sync::mpsc::sync_channel::<Vec<Read>>(READ_AHEAD);
                scope.spawn(move || {
                    for (dirs, known) in handfuls {
                        let outcomes = dirs
                            .iter()
                            .zip(known)
                            .map(|(dir, known)| read_one(dir, known))
                            .collect();
                        if send.send(outcomes).is_err() {
                            // The pooling side stopped (an error it returns): nothing more to read.
                            return;
                        }
                    }
                });
                queue
            })
            .collect();
        let mut outcomes = (0..)
            .map_while(|handful| queues[handful % readers].recv().ok())
            .flatten();
        for chunk in dirs.chunks(BATCH) {
            pool.batch(|pool| {
                for dir in chunk {
                    // The reader sends one outcome per folder, in order, unless it panicked (which the scope
                    // raises again once this returns).
                    let Some(outcome) = outcomes.next() else {
                        return Err(crate::store::StoreError::Conflict(format!(
                            "{}: the ledger reader stopped",
                            dir.display()
                        )));
                    };
                    let line = pool_one(pool, dir, outcome, at)?;
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
    })
}

/// How many folders a reader reads before it hands them over, how many such handfuls it may be ahead, and the
/// most readers an import starts.
const HANDFUL: usize = 16;
const READ_AHEAD: usize = 4;
const MAX_READERS: usize = 4;

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

/// The MANIFEST seal and file stamp a folder was pooled with.
type Pooled = (String, String);

/// Folders a reader reads together, each with what it was pooled as, if it was.
type Handful<'a> = (&'a [PathBuf], Vec<Option<Pooled>>);

/// A ledger's files by name, in memory.
type Files = Vec<(String, Vec<u8>)>;

/// A folder as its files say, before it meets the pool.
enum Read {
    /// It cannot be pooled: why, and the shop and day when its MANIFEST names them.
    Rejected(Option<(String, String)>, String),
    /// Unchanged since it was verified and pooled with this seal and stamp.
    Unchanged(String, String),
    /// Verified in full, with the MANIFEST's seal and the files' stamp (None when they cannot be stamped).
    Verified(Box<super::ledger::Verified>, String, Option<String>),
}

/// Reads and verifies one folder or archive, unless its seal and stamp are `known`, what it was last pooled as.
fn read_one(dir: &Path, known: Option<Pooled>) -> Read {
    let opened = Source::open(dir).and_then(|source| {
        let (text, metadata) = source.read_with_metadata(MANIFEST)?;
        let manifest = Manifest::parse(&String::from_utf8_lossy(&text))?;
        Ok((source, text, metadata, manifest))
    });
    let (source, text, metadata, manifest) = match opened {
        Ok(v) => v,
        Err(e) => return Read::Rejected(None, e.to_string()),
    };
    let seal = sha256_hex(&text);
    // Unchanged since it was pooled: recognised by the seal, then a stamp of its files, none of them read.
    if let Some((known_seal, known_stamp)) = &known
        && *known_seal == seal
        && stamp(dir, &source, &manifest).as_ref() == Some(known_stamp)
    {
        return Read::Unchanged(manifest.shop_id, manifest.day.to_string());
    }
    // Otherwise a folder's files are each read once, stamped from the handle they were read through, and
    // verified from memory; a file that cannot be read is named by the folder's own verification.
    let (source, stamp) = match source {
        Source::Dir(folder) => match read_folder(&folder, text, metadata, &manifest) {
            Some((files, stamp)) => (Source::Archive(files), Some(stamp)),
            None => (Source::Dir(folder), None),
        },
        archive => {
            let stamp = stamp(dir, &archive, &manifest);
            (archive, stamp)
        }
    };
    let shop_day = Some((manifest.shop_id.clone(), manifest.day.to_string()));
    match verify_source(&source) {
        Ok(v) if v.ledger.provisional => Read::Rejected(
            shop_day,
            "MANIFEST: the ledger is provisional (exported before the day closed)".into(),
        ),
        Ok(v) => Read::Verified(Box::new(v), seal, stamp),
        Err(e) => Read::Rejected(shop_day, e.to_string()),
    }
}

/// Every file of a folder its MANIFEST (already read, as `text` with its `metadata`) lists, by name, and the
/// folder's stamp from the same reads; None when one cannot be read or stamped.
fn read_folder(
    folder: &Path,
    text: Vec<u8>,
    metadata: Option<std::fs::Metadata>,
    manifest: &Manifest,
) -> Option<(Files, String)> {
    let source = Source::Dir(folder.to_path_buf());
    let mut stamps = String::new();
    stamp_line(&mut stamps, &folder.join(MANIFEST), &metadata?)?;
    let mut files = Vec::with_capacity(manifest.files.len() + 1);
    files.push((MANIFEST.to_string(), text));
    for (name, _) in &manifest.files {
        let (bytes, metadata) = source.read_with_metadata(name).ok()?;
        stamp_line(&mut stamps, &folder.join(name), &metadata?)?;
        files.push((name.clone(), bytes));
    }
    Some((files, sha256_hex(stamps.as_bytes())))
}

/// Pools one folder as [`read_one`] found it.
fn pool_one(
    pool: &mut Pool,
    dir: &Path,
    read: Read,
    at: &str,
) -> std::result::Result<ImportLine, crate::store::StoreError> {
    let (v, seal, stamp) = match read {
        Read::Rejected(shop_day, reason) => return Ok(rejected(dir, shop_day, reason)),
        Read::Unchanged(shop_id, day) => {
            return Ok(ImportLine {
                dir: dir.to_path_buf(),
                shop_id: Some(shop_id),
                day: Some(day),
                verified: false,
                result: ImportResult::Done(Imported::AlreadyImported),
            });
        }
        Read::Verified(v, seal, stamp) => (v, seal, stamp),
    };
    let shop_day = || Some((v.manifest.shop_id.clone(), v.manifest.day.to_string()));
    let Some(digest) = v.manifest.files.iter().find(|(n, _)| n == JSON).map(|(_, d)| d.clone()) else {
        return Ok(rejected(dir, shop_day(), format!("MANIFEST lists no {JSON}")));
    };
    let source_name = dir.display().to_string();
    let outcome = pool.import(&v.ledger, &digest, &|d| same_facts(&v.ledger, d), &source_name, at)?;
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
    let mut add = |p: &Path| stamp_line(&mut text, p, &std::fs::metadata(p).ok()?);
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

/// One file's line of a stamp: its path, size, modification time and (on Unix) change time, inode and device.
fn stamp_line(text: &mut String, p: &Path, m: &std::fs::Metadata) -> Option<()> {
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
