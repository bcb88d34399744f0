//! The daily ledger: export a business day as a deterministic file set for the association, and verify one.

use super::{AppError, Ctx, Result};
use crate::domain::artisan::{ArtisanLine, totals};
use crate::domain::day::{ReportKind, report};
use crate::domain::journal::sha256_hex;
use crate::domain::ledger::{CSV_FILES, Dialect, FORMAT, JSON, Ledger, LedgerError, MANIFEST, Manifest, tables};
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
        .ok_or_else(|| AppError::Input(format!("there is no business day {day} in this database")))?;
    let lines = ctx.store.ledger_lines(day)?;
    let (summary, journal_head, provisional) = match (record.close_id, provisional) {
        (Some(id), _) => {
            let z = ctx
                .store
                .z_report(id)?
                .ok_or_else(|| AppError::Input(format!("the Z report of {day} is missing")))?;
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
            return Err(AppError::Input(format!(
                "business day {day} is still open: close it first (`usta day close`), or export with --provisional"
            )));
        }
    };
    let artisan_lines: Vec<ArtisanLine> = lines
        .iter()
        .filter(|l| !l.artisan.is_empty())
        .map(|l| ArtisanLine {
            artisan: l.artisan.clone(),
            kind: if l.kind == "return" {
                SaleKind::Return
            } else {
                SaleKind::Sale
            },
            qty: l.qty,
            amount: l.amount,
            commission_pct: l.commission_pct.unwrap_or_default(),
        })
        .collect();
    Ok(Ledger {
        format: FORMAT.to_string(),
        shop_id: shop_id(ctx)?,
        shop_name: ctx.store.shop()?.name,
        day,
        provisional,
        journal_head,
        summary,
        payments: ctx.store.ledger_payments(day)?,
        stock: ctx.store.ledger_stock(day)?,
        artisans: totals(&artisan_lines),
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

/// The bytes of every file of a ledger, MANIFEST last.
pub fn files(ledger: &Ledger, dialect: Dialect) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for table in tables(ledger, dialect) {
        let bytes = dialect_csv(dialect, &table.header, &table.rows).map_err(|e| io(Path::new(table.file), e))?;
        out.push((table.file.to_string(), bytes));
    }
    let mut json = serde_json::to_vec_pretty(ledger).map_err(|e| io(Path::new(JSON), e))?;
    json.push(b'\n');
    out.push((JSON.to_string(), json));
    let manifest = Manifest {
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

/// What an export wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    pub dir: PathBuf,
    pub shop_id: String,
    pub day: NaiveDate,
    pub provisional: bool,
    pub journal_head: String,
    pub files: Vec<String>,
}

/// Writes the day's ledger as the folder `dir`, which must be new or empty; see [`export_to`].
pub fn export(ctx: &Ctx<'_>, day: NaiveDate, dir: &Path, dialect: Dialect, provisional: bool) -> Result<Exported> {
    export_to(ctx, day, dir, dialect, provisional, false)
}

/// Writes the day's ledger as the folder `dir` under the output rule ([`super::output::write_dir`]): built
/// whole beside it and swapped in, so `dir` is never a mix of two exports; an existing export is replaced only
/// with `force`.
pub fn export_to(
    ctx: &Ctx<'_>,
    day: NaiveDate,
    dir: &Path,
    dialect: Dialect,
    provisional: bool,
    force: bool,
) -> Result<Exported> {
    super::output::Protected::new(ctx.store.path()).check_dir(dir)?;
    let ledger = build(ctx, day, provisional)?;
    let files = files(&ledger, dialect)?;
    super::output::write_dir(ctx.store.path(), dir, force, &files)?;
    Ok(Exported {
        dir: dir.to_path_buf(),
        shop_id: ledger.shop_id,
        day,
        provisional: ledger.provisional,
        journal_head: ledger.journal_head,
        files: files.into_iter().map(|(n, _)| n).collect(),
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

/// Checks a ledger folder: the MANIFEST's own seal, every file's checksum, that `ledger.json` names the same
/// shop, day and journal head, and that each CSV is exactly what `ledger.json` gives in the MANIFEST's dialect.
/// The error names the file and the reason.
pub fn verify(dir: &Path) -> Result<Verified> {
    let manifest_path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| io(&manifest_path, e))?;
    let manifest = Manifest::parse(&text)?;
    let mut contents = Vec::new();
    for (name, _) in &manifest.files {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| {
            AppError::Ledger(LedgerError::Bad {
                file: name.clone(),
                reason: format!("cannot read it ({e})"),
            })
        })?;
        manifest.check_file(name, &bytes)?;
        contents.push((name.clone(), bytes));
    }
    let json = contents
        .iter()
        .find(|(n, _)| n == JSON)
        .map(|(_, b)| b)
        .ok_or_else(|| {
            AppError::Ledger(LedgerError::Bad {
                file: JSON.into(),
                reason: "missing".into(),
            })
        })?;
    let ledger: Ledger = serde_json::from_slice(json).map_err(|e| {
        AppError::Ledger(LedgerError::Bad {
            file: JSON.into(),
            reason: format!("not a ledger ({e})"),
        })
    })?;
    manifest.check_ledger(&ledger)?;
    let derived = files(&ledger, manifest.dialect)?;
    for name in CSV_FILES {
        let want = derived.iter().find(|(n, _)| n == name).map(|(_, b)| b);
        let got = contents.iter().find(|(n, _)| n == name).map(|(_, b)| b);
        if want != got {
            return Err(AppError::Ledger(LedgerError::Bad {
                file: name.to_string(),
                reason: "does not match ledger.json".into(),
            }));
        }
    }
    Ok(Verified {
        manifest,
        ledger,
        digest: sha256_hex(text.as_bytes()),
    })
}
