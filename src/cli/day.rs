//! `usta day …`: open the business day with a float, cash in and out, the X report, the close with the count.

use super::Cli;
use super::output::print_json;
use crate::app::{Ctx, backup, day, day_text};
use crate::domain::currency::Money;
use crate::domain::day::{CashMoveKind, DayReport, parse_cash, parse_cash_list};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum DayCommand {
    /// Open the business day with the float counted into the drawer, e.g. `--float KGS:5000 USD:100`
    Open {
        /// Cash in the drawer at opening, per currency (CUR:AMOUNT; a bare amount is som)
        #[arg(long, num_args = 1.., value_name = "CUR:AMOUNT")]
        float: Vec<String>,
    },
    /// The X report: the open day's takings and the cash the drawer should hold; closes nothing
    X {
        #[command(flatten)]
        sheet: ReportFile,
    },
    /// Close the day with the cash counted per currency; stores and prints the Z report. Later sales go to the
    /// next day
    Close {
        /// Cash counted in the drawer, per currency (CUR:AMOUNT); a currency not given counts as zero
        #[arg(long, num_args = 1.., value_name = "CUR:AMOUNT", required = true)]
        count: Vec<String>,
        #[command(flatten)]
        sheet: ReportFile,
    },
    /// Put cash into the drawer (change from the bank, …)
    CashIn {
        /// AMOUNT or CUR:AMOUNT
        amount: String,
        /// Why the cash comes in
        #[arg(long)]
        reason: String,
    },
    /// Take cash out of the drawer (to the bank, expenses, …)
    CashOut {
        /// AMOUNT or CUR:AMOUNT
        amount: String,
        /// Why the cash goes out
        #[arg(long)]
        reason: String,
    },
}

/// The report also as an XLSX workbook (summary, tax, drawer).
#[derive(Debug, clap::Args)]
pub struct ReportFile {
    /// xlsx: also write the report as a workbook to --out FILE
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
    /// The XLSX file to write (implies --format xlsx)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath, required_if_eq("format", "xlsx"))]
    out: Option<std::path::PathBuf>,
    /// Replace the --out FILE if it exists (never a database)
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Xlsx,
}

impl ReportFile {
    /// The file to write, checked against the output rule before the report changes anything.
    fn target(&self, ctx: &Ctx<'_>) -> anyhow::Result<Option<&std::path::Path>> {
        // `--out` alone means the workbook too: the text report goes to standard output either way.
        let Some(out) = self.out.as_deref() else {
            return Ok(None);
        };
        crate::app::output::Protected::new(ctx.store.path()).check_file(
            out,
            crate::app::output::Writer::File,
            self.force,
        )?;
        Ok(Some(out))
    }

    fn write(
        &self,
        cli: &Cli,
        ctx: &mut Ctx<'_>,
        out: Option<&std::path::Path>,
        report: &DayReport,
    ) -> anyhow::Result<()> {
        if let Some(out) = out {
            let lang = std::mem::replace(&mut ctx.lang, cli.sheet_lang(ctx.store)?);
            let bytes = day::report_xlsx(ctx, report);
            ctx.lang = lang;
            let bytes = bytes?;
            crate::app::output::write_file(ctx.store.path(), out, self.force, &bytes)?;
        }
        Ok(())
    }
}

fn print_report(cli: &Cli, ctx: &Ctx<'_>, report: &DayReport) -> anyhow::Result<()> {
    let shop = ctx.store.shop()?.name;
    let rates = ctx.store.tax_config()?.sales_tax_pct;
    print!(
        "{}",
        usta_printer::render_text(&day_text::blocks(report, &shop, cli.lang(), &rates), 48)
    );
    Ok(())
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &DayCommand) -> anyhow::Result<()> {
    match command {
        DayCommand::Open { float } => {
            let floats = parse_cash_list(float)?;
            let record = day::open(ctx, &floats)?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "day": record.day.to_string(),
                    "opened_at": record.opened_at,
                    "float": floats.iter().map(money_json).collect::<Vec<_>>(),
                }));
            }
            println!("business day {} is open", record.day);
        }
        DayCommand::X { sheet } => {
            let out = sheet.target(ctx)?;
            let report = day::x_report(ctx)?;
            sheet.write(cli, ctx, out, &report)?;
            if cli.json {
                return print_json(&report);
            }
            print_report(cli, ctx, &report)?;
        }
        DayCommand::Close { count, sheet } => {
            let counts = parse_cash_list(count)?;
            let out = sheet.target(ctx)?;
            let closed = day::close(ctx, &counts)?;
            sheet.write(cli, ctx, out, &closed.report)?;
            // The closed day is the natural restore point; its backup comes after the close (the Z report is
            // printed first) and a failed backup (disk full, folder not writable) never fails the close.
            if cli.json {
                let backup = backup::automatic(ctx, backup::DEFAULT_KEEP).map_err(|e| e.to_string());
                let drawer: Vec<_> = closed
                    .report
                    .drawer
                    .iter()
                    .map(|l| {
                        serde_json::json!({
                            "currency": l.currency.code(),
                            "expected": format!("{:.2}", l.expected),
                            "counted": l.counted.map(|c| format!("{c:.2}")),
                            "variance": l.variance.map(|v| format!("{v:.2}")),
                        })
                    })
                    .collect();
                return print_json(&serde_json::json!({
                    "day": closed.report.day.to_string(),
                    "drawer": drawer,
                    "report": closed.report,
                    "print_job": closed.print_job,
                    "journal_head": closed.journal_head,
                    "backup": backup.as_ref().ok().map(|b| b.file.path.display().to_string()),
                    "backup_error": backup.as_ref().err(),
                }));
            }
            print_report(cli, ctx, &closed.report)?;
            println!(
                "business day {} is closed; Z report queued for printing (job {}); later sales go to the next day",
                closed.report.day, closed.print_job
            );
            println!("backing up the closed day…");
            std::io::Write::flush(&mut std::io::stdout())?;
            match backup::automatic(ctx, backup::DEFAULT_KEEP) {
                Ok(b) => println!("backup: {}", b.file.path.display()),
                Err(e) => eprintln!("usta: the day is closed but the automatic backup failed: {e}"),
            }
        }
        DayCommand::CashIn { amount, reason } | DayCommand::CashOut { amount, reason } => {
            let kind = match command {
                DayCommand::CashIn { .. } => CashMoveKind::In,
                _ => CashMoveKind::Out,
            };
            let money = parse_cash(amount)?;
            let day = day::cash(ctx, kind, money, reason)?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "day": day.to_string(), "kind": kind.code(), "amount": money_json(&money), "reason": reason,
                }));
            }
            println!("cash {} {money} ({reason}) on business day {day}", kind.code());
        }
    }
    Ok(())
}

fn money_json(m: &Money) -> serde_json::Value {
    serde_json::json!({ "currency": m.currency.code(), "amount": format!("{:.2}", m.amount) })
}
