//! `usta taxfree …`: check a receipt, issue a form (passport data typed or from an MRZ file), show, void, export
//! for the operator, print, and set the scheme.

use super::Cli;
use super::output::print_json;
use super::printer::{PrinterChoice, run_queue};
use crate::app::input::InputProblem;
use crate::app::{AppError, Ctx, taxfree, taxfree_text};
use crate::domain::tax_free::export::{OperatorForm, left_out_text, to_xml};
use crate::domain::tax_free::{Assessment, Traveller};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TaxfreeCommand {
    /// Say whether a receipt qualifies and what the refund would be (nothing is written)
    Check {
        /// Receipt number on this register
        receipt_no: i64,
        #[command(flatten)]
        traveller: TravellerArgs,
    },
    /// Issue a form for a finished sale, e.g. `usta taxfree issue 12 --mrz passport.txt`
    Issue {
        /// Receipt number on this register
        receipt_no: i64,
        #[command(flatten)]
        traveller: TravellerArgs,
        /// Also print the traveller's and the shop's copies
        #[arg(long)]
        print: bool,
        #[command(flatten)]
        choice: PrinterChoice,
    },
    /// Show a form as it prints
    Show {
        /// Form number, e.g. TF2026-000001
        number: String,
        /// Characters per line: 32 for 58 mm paper, 48 for 80 mm
        #[arg(long, default_value_t = 48)]
        width: usize,
    },
    /// Void a form (it stays on file, marked void, with the reason)
    Void {
        /// Form number, e.g. TF2026-000001
        number: String,
        /// Why (kept with the form and exported)
        #[arg(long)]
        reason: String,
    },
    /// Export the forms issued in a period for the refund operator
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// First day, YYYY-MM-DD [default: today]
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day, YYYY-MM-DD [default: the first day]
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Write to this file instead of standard output
        #[arg(long, value_hint = clap::ValueHint::FilePath)]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists (never a database)
        #[arg(long)]
        force: bool,
    },
    /// Print both copies of a form
    Print {
        /// Form number, e.g. TF2026-000001
        number: String,
        #[command(flatten)]
        choice: PrinterChoice,
    },
    /// Show the scheme in force, or set it from a preset (kg-demo, uz-2023, kz-2019) or a TOML file
    Scheme {
        /// A preset name or a TOML file
        #[arg(value_name = "NAME|FILE")]
        set: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Xml,
}

/// The traveller: from a passport MRZ (file, or `-` for standard input) or typed field by field.
#[derive(Debug, Args, Clone, Default)]
pub struct TravellerArgs {
    /// A file with the passport's two MRZ lines (as scanned or pasted), `-` for standard input
    #[arg(long, value_name = "FILE", conflicts_with_all = ["name", "passport", "country", "birth"])]
    pub mrz: Option<PathBuf>,
    /// Full name as in the passport
    #[arg(long)]
    pub name: Option<String>,
    /// Passport number
    #[arg(long)]
    pub passport: Option<String>,
    /// Passport country (citizenship), ISO code: DE, DEU, US…
    #[arg(long)]
    pub country: Option<String>,
    /// Country of residence [default: the passport country]
    #[arg(long)]
    pub residence: Option<String>,
    /// Date of birth, YYYY-MM-DD
    #[arg(long)]
    pub birth: Option<NaiveDate>,
    /// The passport's date of expiry, YYYY-MM-DD (an expired passport is refused)
    #[arg(long, conflicts_with = "mrz")]
    pub expiry: Option<NaiveDate>,
}

impl TravellerArgs {
    fn given(&self) -> bool {
        self.mrz.is_some() || self.name.is_some() || self.passport.is_some()
    }

    fn traveller(&self, ctx: &Ctx<'_>) -> anyhow::Result<Traveller> {
        if let Some(path) = &self.mrz {
            let text = if path.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())?
            } else {
                std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
            };
            return Ok(taxfree::traveller_from_mrz(ctx, &text, self.residence.as_deref())?);
        }
        let need = |v: &Option<String>, flag: &str| {
            v.clone()
                .ok_or_else(|| InputProblem::FlagNeeded { flag: flag.to_string() })
        };
        let country = need(&self.country, "--country")?;
        let birth = self.birth.ok_or_else(|| InputProblem::FlagNeeded {
            flag: "--birth YYYY-MM-DD".into(),
        })?;
        let traveller = Traveller::new(
            &need(&self.name, "--name")?,
            &need(&self.passport, "--passport")?,
            &country,
            self.residence.as_deref().unwrap_or(&country),
            birth,
        )
        .map_err(AppError::from)?;
        Ok(taxfree::typed_traveller(ctx, traveller, self.expiry)?)
    }
}

fn print_assessment(a: &Assessment) {
    println!("Eligible goods: {} (VAT {})", a.gross, a.vat);
    println!("Refund: {}; goods must leave the country by {}", a.refund, a.deadline);
    for (name, why) in &a.left_out {
        println!("Left out: {name} ({})", left_out_text(*why));
    }
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &TaxfreeCommand) -> anyhow::Result<()> {
    match command {
        TaxfreeCommand::Check { receipt_no, traveller } => {
            let t = if traveller.given() {
                Some(traveller.traveller(ctx)?)
            } else {
                None
            };
            let a = taxfree::check(ctx, *receipt_no, t.as_ref())?;
            if cli.json {
                return print_json(&a);
            }
            print_assessment(&a);
            Ok(())
        }
        TaxfreeCommand::Issue {
            receipt_no,
            traveller,
            print,
            choice,
        } => {
            let t = traveller.traveller(ctx)?;
            let rec = taxfree::issue(ctx, *receipt_no, &t)?;
            if *print {
                let jobs = taxfree::enqueue_print(ctx, rec.id)?;
                run_queue(cli, ctx, choice, Some(&jobs))?;
            }
            if cli.json {
                return print_json(&OperatorForm::new(&rec));
            }
            print!("{}", taxfree_text::render(&rec, 48));
            Ok(())
        }
        TaxfreeCommand::Show { number, width } => {
            let rec = taxfree::show(ctx, number)?;
            if cli.json {
                return print_json(&OperatorForm::new(&rec));
            }
            print!("{}", taxfree_text::render(&rec, *width));
            if let Some(v) = &rec.void {
                println!("VOID since {}: {}", v.at.format("%Y-%m-%d %H:%M"), v.reason);
            }
            Ok(())
        }
        TaxfreeCommand::Void { number, reason } => {
            let rec = taxfree::void(ctx, number, reason)?;
            if cli.json {
                return print_json(&OperatorForm::new(&rec));
            }
            println!("Form {} is void: {}", rec.form.number, reason.trim());
            Ok(())
        }
        TaxfreeCommand::Export {
            format,
            from,
            to,
            out,
            force,
        } => {
            let db = ctx.store.path().to_path_buf();
            if let Some(path) = out {
                crate::app::output::Protected::new(&db).check_file(path, crate::app::output::Writer::File, *force)?;
            }
            let from = from.unwrap_or_else(|| ctx.now.date_naive());
            let forms = taxfree::export(ctx, from, to.unwrap_or(from))?;
            let text = match format {
                Format::Json => format!("{}\n", serde_json::to_string_pretty(&forms)?),
                Format::Xml => to_xml(&forms),
            };
            match out {
                Some(path) => {
                    crate::app::output::write_file(&db, path, *force, text.as_bytes())?;
                    eprintln!("{} form(s) written to {}", forms.len(), path.display());
                }
                None => print!("{text}"),
            }
            Ok(())
        }
        TaxfreeCommand::Print { number, choice } => {
            let rec = taxfree::show(ctx, number)?;
            let jobs = taxfree::enqueue_print(ctx, rec.id)?;
            run_queue(cli, ctx, choice, Some(&jobs)).map(|_| ())
        }
        TaxfreeCommand::Scheme { set } => {
            let scheme = match set {
                Some(value) => {
                    let path = std::path::Path::new(value);
                    let text = if path.is_file() {
                        std::fs::read_to_string(path).with_context(|| format!("cannot read {value}"))?
                    } else {
                        value.clone()
                    };
                    taxfree::set_scheme(ctx, &text)?
                }
                None => taxfree::scheme(ctx)?,
            };
            if cli.json {
                return print_json(&scheme);
            }
            println!("{}", scheme.name);
            println!(
                "Minimum: {}; residents of {} and citizens of {} excluded",
                scheme.minimum,
                scheme.resident_countries.join(" "),
                scheme.excluded_citizenships.join(" ")
            );
            Ok(())
        }
    }
}
