//! The print queue's rows. Jobs name what to print (a receipt by sale, a label by product); the bytes are made
//! when the job prints, so a reprint always matches the stored sale.

use super::{Result, Store, StoreError};
use rusqlite::{OptionalExtension, params};

/// What a job prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum JobKind {
    Receipt {
        sale_id: i64,
        copy: bool,
    },
    Label {
        product_id: i64,
    },
    Test,
    /// A document of another kind (`name`), identified by a row id in its own table.
    Document {
        name: &'static str,
        ref_id: i64,
        copy: bool,
    },
}

/// A queued or finished job.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrintJob {
    pub id: i64,
    #[serde(flatten)]
    pub kind: JobKind,
    pub created_at: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub printed_at: Option<String>,
}

const COLUMNS: &str =
    "id, kind, sale_id, product_id, copy, created_at, status, attempts, last_error, printed_at, ref_id";

/// Document kinds the queue knows besides receipts, labels and test pages; a kind must be listed here to be
/// read back (the names are stored as text).
pub const DOCUMENTS: &[&str] = &["zreport", "payout", "taxfree"];

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(PrintJob, String)> {
    let kind: String = r.get(1)?;
    let sale: Option<i64> = r.get(2)?;
    let product: Option<i64> = r.get(3)?;
    let copy: bool = r.get(4)?;
    let ref_id: Option<i64> = r.get(10)?;
    let job_kind = match (kind.as_str(), sale, product, ref_id) {
        ("receipt", Some(sale_id), _, _) => JobKind::Receipt { sale_id, copy },
        ("label", _, Some(product_id), _) => JobKind::Label { product_id },
        (other, _, _, Some(ref_id)) => match DOCUMENTS.iter().find(|d| **d == other) {
            Some(name) => JobKind::Document { name, ref_id, copy },
            None => JobKind::Test,
        },
        _ => JobKind::Test,
    };
    Ok((
        PrintJob {
            id: r.get(0)?,
            kind: job_kind,
            created_at: r.get(5)?,
            status: r.get(6)?,
            attempts: r.get(7)?,
            last_error: r.get(8)?,
            printed_at: r.get(9)?,
        },
        kind,
    ))
}

impl Store {
    pub fn enqueue_print(&mut self, kind: JobKind, at: &str) -> Result<i64> {
        let (name, sale, product, ref_id, copy) = match kind {
            JobKind::Receipt { sale_id, copy } => ("receipt", Some(sale_id), None, None, copy),
            JobKind::Label { product_id } => ("label", None, Some(product_id), None, false),
            JobKind::Test => ("test", None, None, None, false),
            JobKind::Document { name, ref_id, copy } => (name, None, None, Some(ref_id), copy),
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO print_jobs(kind, sale_id, product_id, ref_id, copy, created_at, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued')",
                params![name, sale, product, ref_id, copy, at],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Jobs waiting to print, oldest first.
    pub fn queued_prints(&self) -> Result<Vec<PrintJob>> {
        self.print_jobs("WHERE status = 'queued' ORDER BY id")
    }

    /// The latest jobs, newest first.
    pub fn recent_prints(&self, limit: usize) -> Result<Vec<PrintJob>> {
        self.print_jobs(&format!("ORDER BY id DESC LIMIT {limit}"))
    }

    fn print_jobs(&self, tail: &str) -> Result<Vec<PrintJob>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM print_jobs {tail}"))?;
        let rows = stmt.query_map([], row)?;
        rows.map(|r| Ok(r?.0)).collect()
    }

    pub fn print_job(&self, id: i64) -> Result<Option<PrintJob>> {
        let sql = format!("SELECT {COLUMNS} FROM print_jobs WHERE id = ?1");
        Ok(self.conn().query_row(&sql, [id], row).optional()?.map(|r| r.0))
    }

    /// Records the outcome of one attempt: printed, or still queued with the error.
    pub fn record_print(&mut self, id: i64, outcome: std::result::Result<(), String>, at: &str) -> Result<()> {
        self.write(|tx| {
            let changed = match &outcome {
                Ok(()) => tx.execute(
                    "UPDATE print_jobs SET status = 'printed', printed_at = ?2, attempts = attempts + 1, last_error = NULL
                     WHERE id = ?1",
                    params![id, at],
                )?,
                Err(e) => tx.execute(
                    "UPDATE print_jobs SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
                    params![id, e],
                )?,
            };
            if changed == 0 {
                return Err(StoreError::Conflict(format!("print job {id} does not exist")));
            }
            Ok(())
        })
    }

    pub fn cancel_print(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE print_jobs SET status = 'cancelled' WHERE id = ?1 AND status = 'queued'",
                [id],
            )?;
            Ok(())
        })
    }

    /// True when this sale's receipt has come out of a printer before (so the next one is a copy).
    pub fn receipt_printed(&self, sale_id: i64) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS(SELECT 1 FROM print_jobs WHERE kind = 'receipt' AND sale_id = ?1 AND status = 'printed')",
            [sale_id],
            |r| r.get(0),
        )?)
    }
}
