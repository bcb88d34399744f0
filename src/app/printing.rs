//! Printing through the queue: receipts, reprints (marked COPY), price labels and test pages go into the queue
//! first and out to the printer after, so a printer that is off, out of paper or unplugged never blocks or undoes
//! a sale; failed jobs stay queued with their error until a retry prints them.

use super::{AppError, Ctx, Result, checkout, receipt_text};
use crate::domain::money::group_decimal;
use crate::domain::payment::PaymentKind;
use crate::store::printing::{JobKind, PrintJob};
use serde::{Deserialize, Serialize};
use usta_printer::{Block, PrinterUri, Profile, Timeouts};

/// Where receipts go: a printer URI (`tcp://…`, `usb:/dev/usb/lp0`, `serial:…`, `file:…`) and a profile (a
/// built-in name or a TOML file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrinterSettings {
    pub uri: String,
    pub profile: String,
}

const SETTING: &str = "printer";

/// The built-in printer profiles, for the settings screen.
pub const PROFILES: [&str; 3] = Profile::BUILTIN;

/// A printer ready to be used.
#[derive(Debug, Clone)]
pub struct Target {
    pub uri: PrinterUri,
    pub profile: Profile,
}

impl PrinterSettings {
    pub fn target(&self) -> Result<Target> {
        let uri = self.uri.parse().map_err(|e| super::input::InputProblem::PrinterUri {
            uri: self.uri.clone(),
            reason: format!("{e}"),
        })?;
        let profile = Profile::load(&self.profile)
            .map_err(|e| super::input::InputProblem::PrinterProfile { reason: e.to_string() })?;
        Ok(Target { uri, profile })
    }
}

pub fn settings(ctx: &Ctx<'_>) -> Result<Option<PrinterSettings>> {
    Ok(ctx.store.setting(SETTING)?)
}

/// Checks and saves the printer settings.
pub fn save_settings(ctx: &mut Ctx<'_>, s: &PrinterSettings) -> Result<()> {
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    super::output::check_printer(ctx.store.path(), &s.target()?.uri)?;
    Ok(ctx.store.set_setting(SETTING, s)?)
}

/// The configured printer, or the one given for this command (`--printer`, `--profile`).
pub fn target(ctx: &Ctx<'_>, uri: Option<&str>, profile: Option<&str>) -> Result<Target> {
    let saved = settings(ctx)?;
    let uri = uri
        .map(str::to_string)
        .or_else(|| saved.as_ref().map(|s| s.uri.clone()));
    let Some(uri) = uri else {
        return Err(AppError::NoPrinter);
    };
    let profile = profile
        .map(str::to_string)
        .or_else(|| saved.map(|s| s.profile))
        .unwrap_or_else(|| "epson".to_string());
    let target = PrinterSettings { uri, profile }.target()?;
    super::output::check_printer(ctx.store.path(), &target.uri)?;
    Ok(target)
}

/// Queues the receipt of a stored sale or return; it is a copy when it has been printed before.
pub fn enqueue_receipt(ctx: &mut Ctx<'_>, sale_id: i64) -> Result<i64> {
    let copy = ctx.store.receipt_printed(sale_id)?;
    let stamp = ctx.stamp();
    Ok(ctx.store.enqueue_print(JobKind::Receipt { sale_id, copy }, &stamp)?)
}

/// Queues a price label for the product with this barcode.
pub fn enqueue_label(ctx: &mut Ctx<'_>, code: &str) -> Result<i64> {
    let record = checkout::lookup(ctx, code)?;
    let id = record
        .product
        .id
        .ok_or_else(|| AppError::UnknownBarcode(code.to_string()))?;
    let stamp = ctx.stamp();
    Ok(ctx.store.enqueue_print(JobKind::Label { product_id: id.0 }, &stamp)?)
}

pub fn enqueue_test(ctx: &mut Ctx<'_>) -> Result<i64> {
    let stamp = ctx.stamp();
    Ok(ctx.store.enqueue_print(JobKind::Test, &stamp)?)
}

/// The whole of one try at the receipt of a sale the cashier has just made: connecting, sending and the
/// printer's confirmation. A printer that takes longer leaves the job queued for the background.
pub const SALE_RECEIPT_DEADLINE: std::time::Duration = std::time::Duration::from_secs(3);

/// A job turned into blocks, ready to send.
#[derive(Debug, Clone)]
pub struct Ready {
    pub id: i64,
    pub blocks: Vec<Block>,
    /// How long the printer may take for it.
    pub timeouts: Timeouts,
}

/// `copy` is decided when the job prints, not when it was queued: the first receipt of a sale that comes out of
/// a printer is the original, whatever was asked for.
fn blocks_for(ctx: &Ctx<'_>, job: &PrintJob, profile: &Profile, copy: bool) -> Result<Vec<Block>> {
    match job.kind {
        JobKind::Receipt { sale_id, .. } => {
            let sale = ctx.store.sale(sale_id)?;
            let mut doc = checkout::receipt(ctx, &sale)?;
            doc.copy = copy;
            let mut blocks = receipt_text::blocks(&doc);
            // The drawer opens once, for the original receipt of a sale that took cash or a return that paid
            // cash out.
            if !copy && sale.payments.iter().any(|p| p.kind == PaymentKind::Cash) {
                blocks.insert(0, Block::DrawerKick);
            }
            Ok(blocks)
        }
        JobKind::Label { product_id } => {
            let record = ctx
                .store
                .product(crate::domain::catalog::ProductId(product_id))?
                .ok_or(super::input::InputProblem::NoProduct { id: product_id })?;
            let p = &record.product;
            let ean13 = p
                .barcodes
                .iter()
                .find(|b| b.symbology() == crate::domain::barcode::Symbology::Ean13)
                .ok_or_else(|| super::input::InputProblem::NoEan13 {
                    name: p.names.to_string(),
                })?;
            let artisan = match &p.artisan {
                Some(code) => ctx
                    .store
                    .artisans()?
                    .into_iter()
                    .find(|a| &a.code == code)
                    .map(|a| a.name),
                None => None,
            };
            let label = usta_printer::PriceLabel {
                name: p.names.get(ctx.lang).to_string(),
                price: format!("{} сом", group_decimal(p.price.amount(), 2)),
                ean13: ean13.to_string(),
                artisan,
                shop: Some(ctx.store.shop()?.name).filter(|n| !n.is_empty()),
            };
            usta_printer::price_label(&label)
                .map_err(|e| super::input::InputProblem::LabelBarcode { reason: e.to_string() }.into())
        }
        JobKind::Test => Ok(usta_printer::test_page(profile)),
        JobKind::Document { name, ref_id, copy } => document_blocks(ctx, name, ref_id, copy),
    }
}

/// Printouts of other documents (tax-free forms, Z reports, artisan statements), by the name their job was
/// queued under (listed in `store::printing::DOCUMENTS`).
fn document_blocks(ctx: &Ctx<'_>, name: &str, ref_id: i64, copy: bool) -> Result<Vec<Block>> {
    match name {
        super::day::ZREPORT => {
            let report = ctx
                .store
                .z_report(ref_id)?
                .ok_or(super::input::InputProblem::ZReportGone { id: ref_id })?;
            let rates = ctx.store.tax_config()?.sales_tax_pct;
            Ok(super::day_text::blocks(
                &report,
                &ctx.store.shop()?.name,
                ctx.lang,
                &rates,
            ))
        }
        super::artisans::PAYOUT => {
            let (payout, statement) = super::artisans::payout_statement(ctx, ref_id)?;
            let from = chrono::Datelike::with_day(&payout.day, 1).unwrap_or(payout.day);
            let shop = ctx.store.shop()?.name;
            Ok(super::artisan_text::payout_blocks(
                &payout, &statement, from, &shop, ctx.lang,
            ))
        }
        // Tax-free forms: `copy` false is the traveller's copy, true the shop's.
        super::taxfree::DOCUMENT => Ok(super::taxfree_text::blocks(&ctx.store.taxfree(ref_id)?, copy)),
        _ => Err(super::input::InputProblem::UnknownDocument {
            name: name.to_string(),
            id: ref_id,
        }
        .into()),
    }
}

/// The queued jobs as blocks for this printer, oldest first. Runs with the store; sends nothing.
pub fn prepare(ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Ready>> {
    prepare_first(ctx, target, None)
}

/// [`prepare`], with the job `first` (the receipt of the sale just made) moved to the front and given
/// [`SALE_RECEIPT_DEADLINE`]; the older jobs follow with the usual timeouts.
pub fn prepare_first(ctx: &Ctx<'_>, target: &Target, first: Option<i64>) -> Result<Vec<Ready>> {
    let mut queued = ctx.store.queued_prints()?;
    if let Some(i) = first.and_then(|id| queued.iter().position(|j| j.id == id)) {
        let job = queued.remove(i);
        queued.insert(0, job);
    }
    ready(ctx, target, &queued, first)
}

/// Only the queued jobs `ids` (a test page, labels, one reprint), in that order.
pub fn prepare_only(ctx: &Ctx<'_>, target: &Target, ids: &[i64]) -> Result<Vec<Ready>> {
    let queued = ctx.store.queued_prints()?;
    let jobs: Vec<PrintJob> = ids
        .iter()
        .filter_map(|id| queued.iter().find(|j| j.id == *id).cloned())
        .collect();
    ready(ctx, target, &jobs, None)
}

fn ready(ctx: &Ctx<'_>, target: &Target, jobs: &[PrintJob], urgent: Option<i64>) -> Result<Vec<Ready>> {
    // Again at print time: the file may have become a database since the printer was set.
    super::output::check_printer(ctx.store.path(), &target.uri)?;
    let mut originals = std::collections::BTreeSet::new();
    jobs.iter()
        .map(|job| {
            let copy = match job.kind {
                // The first receipt of a sale sent this run is the original unless one has printed before.
                JobKind::Receipt { sale_id, .. } => !originals.insert(sale_id) || ctx.store.receipt_printed(sale_id)?,
                JobKind::Document { copy, .. } => copy,
                _ => false,
            };
            Ok(Ready {
                id: job.id,
                blocks: blocks_for(ctx, job, &target.profile, copy)?,
                timeouts: if Some(job.id) == urgent {
                    Timeouts::within(SALE_RECEIPT_DEADLINE)
                } else {
                    Timeouts::default()
                },
            })
        })
        .collect()
}

/// Sends jobs in order and stops at the first failure (the printer is off or out of paper: later jobs would
/// fail the same way). A job counts as printed only when the printer confirmed all of it. Needs no store, so
/// the store is free while the printer works.
pub fn send(target: &Target, jobs: &[Ready]) -> Vec<(i64, std::result::Result<(), String>)> {
    let mut results = Vec::new();
    for job in jobs {
        match usta_printer::print_job(&target.uri, &target.profile, &job.blocks, job.timeouts) {
            Ok(_) => results.push((job.id, Ok(()))),
            Err(e) => {
                results.push((job.id, Err(e.to_string())));
                break;
            }
        }
    }
    results
}

/// Prints a manager's document straight away (a statement looked at in the back office): nothing is lost if the
/// printer is off, so it needs no queue; the error says what is wrong.
pub fn print_now(target: &Target, blocks: &[Block]) -> Result<()> {
    usta_printer::print_job(&target.uri, &target.profile, blocks, Timeouts::default())
        .map(|_| ())
        .map_err(|e| super::input::InputProblem::NotPrinted { reason: e.to_string() }.into())
}

/// What an attempt at the queue did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QueueReport {
    pub printed: Vec<i64>,
    /// The job that failed and why; it and the jobs after it stay queued.
    pub failed: Option<(i64, String)>,
    pub still_queued: usize,
}

/// Writes the outcome of `send` back to the queue.
pub fn record(ctx: &mut Ctx<'_>, results: &[(i64, std::result::Result<(), String>)]) -> Result<QueueReport> {
    let stamp = ctx.stamp();
    let mut report = QueueReport::default();
    for (id, outcome) in results {
        ctx.store.record_print(*id, outcome.clone(), &stamp)?;
        match outcome {
            Ok(()) => report.printed.push(*id),
            Err(e) => report.failed = Some((*id, e.clone())),
        }
    }
    report.still_queued = ctx.store.queued_prints()?.len();
    Ok(report)
}

/// Prepares, sends and records in one go (`usta printer retry`; the GUI splits the steps so the store is not
/// held while the printer works).
pub fn print_queue(ctx: &mut Ctx<'_>, target: &Target) -> Result<QueueReport> {
    let jobs = prepare(ctx, target)?;
    let results = send(target, &jobs);
    record(ctx, &results)
}

/// Prints only the jobs `ids` (a command's own test page, labels or reprint); the rest of the queue waits.
pub fn print_only(ctx: &mut Ctx<'_>, target: &Target, ids: &[i64]) -> Result<QueueReport> {
    let jobs = prepare_only(ctx, target, ids)?;
    let results = send(target, &jobs);
    record(ctx, &results)
}

/// After a sale or return is in the books: its receipt is queued (with or without a printer, so it prints once
/// one is set up) and, when a printer is set up, tried once within [`SALE_RECEIPT_DEADLINE`]. Older jobs are
/// left to the background (the window's print worker, `usta printer retry`), so they never hold a sale.
pub fn receipt_after_sale(ctx: &mut Ctx<'_>, sale_id: i64) -> Result<(i64, Option<QueueReport>)> {
    let job = enqueue_receipt(ctx, sale_id)?;
    if settings(ctx)?.is_none() {
        return Ok((job, None));
    }
    let target = target(ctx, None, None)?;
    let jobs = prepare_first(ctx, &target, Some(job))?;
    let results = send(&target, &jobs[..jobs.len().min(1)]);
    Ok((job, Some(record(ctx, &results)?)))
}

pub fn jobs(ctx: &Ctx<'_>, limit: usize) -> Result<Vec<PrintJob>> {
    Ok(ctx.store.recent_prints(limit)?)
}

pub fn cancel(ctx: &mut Ctx<'_>, id: i64) -> Result<()> {
    Ok(ctx.store.cancel_print(id)?)
}
