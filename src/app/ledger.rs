//! The daily ledger: export a business day as a deterministic file set for the association (a folder, or one
//! `.tar.gz` archive a shop can send over a mobile connection), and verify one in either form and in any format
//! version it has been written in.

use super::input::InputProblem;
use super::{AppError, Ctx, Result};
use crate::domain::artisan::totals_of;
use crate::domain::day::{ReportKind, report};
use crate::domain::journal::sha256_hex;
use crate::domain::ledger::{
    CSV_FILES, Dialect, FORMAT, Format, JSON, Ledger, LedgerError, MANIFEST, Manifest, v1, v2,
};
use crate::domain::sale::SaleKind;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The shop's id in ledgers: its TIN and register, so two tills of one taxpayer stay apart.
pub fn shop_id(ctx: &Ctx<'_>) -> Result<String> {
    let shop = ctx.store.shop()?;
    let register = ctx.store.register_id()?;
    let tin = if shop.tin.is_empty() {
        "no-tin".to_string()
    } else {
        shop.tin
    };
    Ok(format!("{tin}-{register}"))
}

/// The ledger of a business day. An open day is refused unless `provisional`.
pub fn build(ctx: &Ctx<'_>, day: NaiveDate, provisional: bool) -> Result<Ledger> {
    let record = ctx
        .store
        .day_record(day)?
        .ok_or_else(|| InputProblem::NoDay { day: day.to_string() })?;
    let (lines, payments, stock) = ctx.store.ledger_rows(day)?;
    let (summary, journal_head, provisional) = match (record.close_id, provisional) {
        (Some(id), _) => {
            let z = ctx
                .store
                .z_report(id)?
                .ok_or_else(|| InputProblem::NoZReport { day: day.to_string() })?;
            (z, record.journal_head.unwrap_or_default(), false)
        }
        (None, true) => {
            // No export time in the file: the report is stamped with the day's last receipt (or its opening), so
            // a provisional export of an unchanged day repeats byte for byte too.
            let at = lines
                .iter()
                .map(|l| l.at.as_str())
                .max()
                .unwrap_or(&record.opened_at)
                .to_string();
            let facts = ctx.store.day_facts(day)?;
            let register = ctx.store.register_id()?;
            let x = report(ReportKind::X, day, &register, &record.opened_at, &at, &facts, None);
            (x, ctx.store.journal_head()?.hash, true)
        }
        (None, false) => {
            return Err(InputProblem::ExportOpenDay { day: day.to_string() }.into());
        }
    };
    let artisans = totals_of(lines.iter().filter(|l| !l.artisan.is_empty()).map(|l| {
        let kind = if l.kind == "return" {
            SaleKind::Return
        } else {
            SaleKind::Sale
        };
        (
            l.artisan.as_str(),
            kind,
            l.qty,
            l.amount,
            l.commission_pct.unwrap_or_default(),
        )
    }));
    Ok(Ledger {
        format: FORMAT.to_string(),
        shop_id: shop_id(ctx)?,
        shop_name: ctx.store.shop()?.name,
        day,
        provisional,
        journal_head,
        summary,
        payments,
        stock,
        artisans,
        lines,
    })
}

fn io(path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::Ledger(LedgerError::Bad {
        file: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// One CSV file in a dialect: its preamble (the BOM for Excel), the separator, CRLF line ends. Ledger tables and
/// artisan statements are both written through here, so they open alike in Excel and 1C.
pub fn dialect_csv<R: AsRef<[String]>>(
    dialect: Dialect,
    header: &[&str],
    rows: &[R],
) -> std::result::Result<Vec<u8>, csv::Error> {
    let mut bytes = dialect.preamble().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(dialect.delimiter())
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        w.write_record(header)?;
        for row in rows {
            w.write_record(row.as_ref())?;
        }
        w.flush()?;
    }
    Ok(bytes)
}

/// The bytes of every file of a ledger in the format its `format` names ([`build`] gives the current one,
/// `usta-ledger/4`; a ledger read back keeps its own), MANIFEST last.
pub fn files(ledger: &Ledger, dialect: Dialect) -> Result<Vec<(String, Vec<u8>)>> {
    let format = Format::from_tag(&ledger.format).ok_or_else(|| {
        io(
            Path::new(JSON),
            format!("format '{}' is not one this program writes", ledger.format),
        )
    })?;
    if format == Format::V1 {
        return files_v1(ledger, dialect);
    }
    let (csv, json) = v2::csv_and_json(ledger, dialect)?;
    let mut out: Vec<(String, Vec<u8>)> = csv.into_iter().map(|(n, b)| (n.to_string(), b)).collect();
    out.push((JSON.to_string(), json));
    seal(ledger, dialect, format, out)
}

/// Appends the MANIFEST over the files.
fn seal(
    ledger: &Ledger,
    dialect: Dialect,
    format: Format,
    mut out: Vec<(String, Vec<u8>)>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let manifest = Manifest {
        format,
        shop_id: ledger.shop_id.clone(),
        day: ledger.day,
        provisional: ledger.provisional,
        journal_head: ledger.journal_head.clone(),
        dialect,
        files: out.iter().map(|(n, b)| (n.clone(), sha256_hex(b))).collect(),
    };
    out.push((MANIFEST.to_string(), manifest.render().into_bytes()));
    Ok(out)
}

/// The files of a ledger in the first format, `usta-ledger/1`, exactly as it wrote them: what a ledger sent in it
/// is checked against.
pub fn files_v1(ledger: &Ledger, dialect: Dialect) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for table in v1::tables(ledger, dialect) {
        let bytes = dialect_csv(dialect, &table.header, &table.rows).map_err(|e| io(Path::new(table.file), e))?;
        out.push((table.file.to_string(), bytes));
    }
    let mut json = serde_json::to_vec_pretty(ledger).map_err(|e| io(Path::new(JSON), e))?;
    json.push(b'\n');
    out.push((JSON.to_string(), json));
    seal(ledger, dialect, Format::V1, out)
}

/// One `.tar.gz` holding the files in order: fixed times, owner and mode, so the same ledger gives the same bytes.
pub fn archive(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let fail = |e: std::io::Error| io(Path::new("archive"), e);
    let gz = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for (name, bytes) in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, name, bytes.as_slice()).map_err(fail)?;
    }
    tar.into_inner().map_err(fail)?.finish().map_err(fail)
}

/// A ledger file set as received: a folder, or a `.tar.gz` archive read into memory.
pub enum Source {
    Dir(PathBuf),
    /// The files by name, in memory: an archive's entries, or a folder's files already read (the pool reads each
    /// once, stamping it as it goes).
    Archive(Vec<(String, Vec<u8>)>),
}

/// The largest archive entry accepted: far above any day's ledger, so a hostile archive cannot exhaust memory.
const MAX_ENTRY: u64 = 1 << 30;

impl Source {
    /// A folder as it is; a file is read as a `.tar.gz` archive (names without folders only).
    pub fn open(path: &Path) -> Result<Source> {
        if path.is_dir() {
            return Ok(Source::Dir(path.to_path_buf()));
        }
        let file = std::fs::File::open(path).map_err(|e| io(path, format!("cannot read it ({e})")))?;
        let not_archive = |e: std::io::Error| io(path, format!("not a ledger folder or .tar.gz archive ({e})"));
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(std::io::BufReader::new(file)));
        let mut entries = Vec::new();
        for entry in tar.entries().map_err(not_archive)? {
            let mut entry = entry.map_err(not_archive)?;
            let name = entry.path().map_err(not_archive)?.to_string_lossy().into_owned();
            if entry.header().entry_type() != tar::EntryType::Regular || entry.size() > MAX_ENTRY {
                return Err(io(path, format!("{name}: not a plain file of a ledger")));
            }
            let mut bytes = Vec::with_capacity(entry.size() as usize);
            std::io::Read::read_to_end(&mut entry, &mut bytes).map_err(not_archive)?;
            entries.push((name, bytes));
        }
        Ok(Source::Archive(entries))
    }

    /// One file of the set by its MANIFEST name.
    pub fn read(&self, name: &str) -> std::result::Result<Vec<u8>, LedgerError> {
        self.read_with_metadata(name).map(|(bytes, _)| bytes)
    }

    /// [`Source::read`], with a folder's file's metadata taken from the handle it was read through (an archive's
    /// entry has none of its own).
    pub fn read_with_metadata(
        &self,
        name: &str,
    ) -> std::result::Result<(Vec<u8>, Option<std::fs::Metadata>), LedgerError> {
        let missing = |reason: String| LedgerError::Bad {
            file: name.to_string(),
            reason,
        };
        match self {
            Source::Dir(dir) => {
                let read = || -> std::io::Result<_> {
                    let mut file = std::fs::File::open(dir.join(name))?;
                    let metadata = file.metadata()?;
                    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
                    std::io::Read::read_to_end(&mut file, &mut bytes)?;
                    Ok((bytes, Some(metadata)))
                };
                read().map_err(|e| missing(format!("cannot read it ({e})")))
            }
            Source::Archive(entries) => entries
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| (b.clone(), None))
                .ok_or_else(|| missing("cannot read it (not in the archive)".into())),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    pub dir: Option<PathBuf>,
    /// The `.tar.gz` written, if asked for.
    pub archive: Option<PathBuf>,
    pub shop_id: String,
    pub day: NaiveDate,
    pub provisional: bool,
    pub journal_head: String,
    pub files: Vec<String>,
}

/// Writes the day's ledger as the folder `dir`, which must be new or empty; see [`export_to`].
pub fn export(ctx: &Ctx<'_>, day: NaiveDate, dir: &Path, dialect: Dialect, provisional: bool) -> Result<Exported> {
    export_to(ctx, day, Some(dir), None, dialect, provisional, false)
}

/// Writes the day's ledger as the folder `dir` and/or the single archive file `archive`, under the output rule
/// ([`super::output`]): the folder built whole beside it and swapped in, so it is never a mix of two exports, the
/// archive through a temporary file; an existing export is replaced only with `force`. Both paths are checked
/// before anything is written.
pub fn export_to(
    ctx: &Ctx<'_>,
    day: NaiveDate,
    dir: Option<&Path>,
    archive_file: Option<&Path>,
    dialect: Dialect,
    provisional: bool,
    force: bool,
) -> Result<Exported> {
    export_with_view(ctx, day, dir, archive_file, dialect, provisional, force, false)
}

/// The name of the XLSX view written into a ledger folder: not in the MANIFEST, so never verified or pooled.
pub const XLSX_VIEW: &str = "ledger.xlsx";

/// The day's ledger as XLSX in the context's language: the same rows as the CSV files, typed.
pub fn xlsx(ctx: &Ctx<'_>, ledger: &Ledger) -> Result<Vec<u8>> {
    let sheets = crate::domain::sheet::ledger(ledger, ctx.lang != crate::domain::catalog::Lang::Ky);
    super::xlsx::workbook(&sheets, ctx.lang, super::xlsx::stamp(&ledger.summary.at))
}

/// [`export_to`], and with `xlsx` also the XLSX view [`XLSX_VIEW`] in the folder beside the verified files (in
/// the archive only the verified files travel).
#[allow(clippy::too_many_arguments)]
pub fn export_with_view(
    ctx: &Ctx<'_>,
    day: NaiveDate,
    dir: Option<&Path>,
    archive_file: Option<&Path>,
    dialect: Dialect,
    provisional: bool,
    force: bool,
    xlsx: bool,
) -> Result<Exported> {
    if xlsx && dir.is_none() {
        return Err(InputProblem::XlsxNeedsFolder.into());
    }
    let protected = super::output::Protected::new(ctx.store.path());
    if let Some(dir) = dir {
        protected.check_dir(dir)?;
    }
    if let Some(file) = archive_file {
        protected.check_file(file, super::output::Writer::File, force)?;
    }
    let ledger = build(ctx, day, provisional)?;
    let files = files(&ledger, dialect)?;
    let mut files = files;
    let verified = files.len();
    if xlsx {
        files.push((XLSX_VIEW.to_string(), self::xlsx(ctx, &ledger)?));
    }
    if let Some(dir) = dir {
        super::output::write_dir(ctx.store.path(), dir, force, &files)?;
    }
    if let Some(file) = archive_file {
        super::output::write_file(ctx.store.path(), file, force, &archive(&files[..verified])?)?;
    }
    let names: Vec<String> = files.into_iter().map(|(n, _)| n).collect();
    Ok(Exported {
        dir: dir.map(Path::to_path_buf),
        archive: archive_file.map(Path::to_path_buf),
        shop_id: ledger.shop_id,
        day,
        provisional: ledger.provisional,
        journal_head: ledger.journal_head,
        files: names,
    })
}

/// What an export of several days wrote: one folder per business day inside the folder asked for, named by the
/// day (`2026-11-28`), and the calendar days of the range the shop had no business day.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportedDays {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<Exported>,
    pub without_a_day: Vec<NaiveDate>,
}

/// Writes the ledger of every business day from `from` to `to` (both included) as `out/YYYY-MM-DD`, each folder
/// built and swapped in whole as [`export_with_view`] does for one day. Everything that would refuse is checked
/// before the first folder is written: a day still open (unless `provisional`, then only the open day is marked
/// so), a day's folder already holding an export (unless `force`), a folder that is or holds the database. A
/// disk that fails part way leaves the days already written whole and the rest untouched. `progress` counts days.
#[allow(clippy::too_many_arguments)]
pub fn export_days(
    ctx: &Ctx<'_>,
    from: NaiveDate,
    to: NaiveDate,
    out: &Path,
    dialect: Dialect,
    provisional: bool,
    force: bool,
    xlsx: bool,
    progress: &mut dyn super::progress::Progress,
) -> Result<ExportedDays> {
    if to < from {
        return Err(InputProblem::DaysBackwards {
            from: from.to_string(),
            to: to.to_string(),
        }
        .into());
    }
    let protected = super::output::Protected::new(ctx.store.path());
    protected.check_dir(out)?;
    let records = ctx.store.days_between(from, to)?;
    if records.is_empty() {
        return Err(InputProblem::NoDaysBetween {
            from: from.to_string(),
            to: to.to_string(),
        }
        .into());
    }
    for r in &records {
        if r.close_id.is_none() && !provisional {
            return Err(InputProblem::ExportOpenDay { day: r.day.to_string() }.into());
        }
        let dir = out.join(r.day.to_string());
        protected.check_dir(&dir)?;
        super::output::check_export_free(&dir, force, &|name| {
            name == MANIFEST || name == JSON || CSV_FILES.contains(&name) || (xlsx && name == XLSX_VIEW)
        })?;
    }
    let had: std::collections::BTreeSet<NaiveDate> = records.iter().map(|r| r.day).collect();
    let without_a_day = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| !had.contains(d))
        .collect();
    let total = records.len() as u64;
    progress.step(0, total);
    let mut days = Vec::with_capacity(records.len());
    for (done, r) in records.iter().enumerate() {
        let dir = out.join(r.day.to_string());
        days.push(export_with_view(
            ctx,
            r.day,
            Some(&dir),
            None,
            dialect,
            provisional,
            force,
            xlsx,
        )?);
        progress.step(done as u64 + 1, total);
    }
    progress.finish();
    Ok(ExportedDays {
        from,
        to,
        days,
        without_a_day,
    })
}

/// A file set that passed every check.
#[derive(Debug, Clone)]
pub struct Verified {
    pub manifest: Manifest,
    pub ledger: Ledger,
    /// SHA-256 of the MANIFEST: the identity of this exact export.
    pub digest: String,
}

/// Checks a ledger folder or archive: the MANIFEST's own seal, every file's checksum, that `ledger.json` names the
/// same shop, day and journal head, and that each CSV is exactly what `ledger.json` gives in the MANIFEST's dialect
/// and format version. The error names the file and the reason.
pub fn verify(path: &Path) -> Result<Verified> {
    verify_source(&Source::open(path)?)
}

/// [`verify`] over a file set already opened.
pub fn verify_source(source: &Source) -> Result<Verified> {
    let text = source.read(MANIFEST)?;
    let text = String::from_utf8(text).map_err(|_| io(Path::new(MANIFEST), "not UTF-8 text"))?;
    let manifest = Manifest::parse(&text)?;
    let mut contents = Vec::with_capacity(manifest.files.len());
    for (name, _) in &manifest.files {
        let bytes = source.read(name)?;
        manifest.check_file(name, &bytes)?;
        contents.push((name.clone(), bytes));
    }
    let json = contents
        .iter()
        .find(|(n, _)| n == JSON)
        .map(|(_, b)| b)
        .ok_or_else(|| io(Path::new(JSON), "missing"))?;
    let (ledger, derived) = match manifest.format {
        Format::V1 => {
            let ledger: Ledger =
                serde_json::from_slice(json).map_err(|e| io(Path::new(JSON), format!("not a ledger ({e})")))?;
            let derived = files_v1(&ledger, manifest.dialect)?;
            (ledger, derived)
        }
        Format::V2 | Format::V3 | Format::V4 => {
            let ledger = v2::parse_json(json)?;
            let derived = v2::csv_files(&ledger, manifest.dialect)?
                .into_iter()
                .map(|(n, b)| (n.to_string(), b))
                .collect();
            (ledger, derived)
        }
    };
    manifest.check_ledger(&ledger)?;
    for name in manifest.format.csv_files() {
        let want = derived.iter().find(|(n, _)| n == name).map(|(_, b)| b);
        let got = contents.iter().find(|(n, _)| n == name).map(|(_, b)| b);
        if want != got {
            return Err(io(Path::new(name), "does not match ledger.json"));
        }
    }
    Ok(Verified {
        manifest,
        ledger,
        digest: sha256_hex(text.as_bytes()),
    })
}
