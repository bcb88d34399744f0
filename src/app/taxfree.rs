//! Tax-free forms: the shop's scheme, checking a receipt, issuing a form from a finished sale, voiding it,
//! exporting forms for the refund operator, printing the two copies, and what a return does to a form.

use super::{AppError, Ctx, Result, checkout};
use crate::domain::mrz;
use crate::domain::sale::{Sale, SaleKind};
use crate::domain::tax_free::export::OperatorForm;
use crate::domain::tax_free::{self, Assessment, Form, FormRecord, Refusal, Scheme, Traveller};
use crate::store::printing::JobKind;
use crate::store::taxfree::Replace;

/// The setting holding the scheme's TOML text; without it the demo preset applies.
const SETTING: &str = "taxfree_scheme";

/// The name print jobs of forms are queued under (listed in `store::printing::DOCUMENTS`).
pub const DOCUMENT: &str = "taxfree";

/// The shop's scheme: its own TOML if set, else the shipped `kg-demo` preset.
pub fn scheme(ctx: &Ctx<'_>) -> Result<Scheme> {
    match ctx.store.setting::<String>(SETTING)? {
        Some(text) => Ok(Scheme::from_toml(&text)?),
        None => Ok(tax_free::preset("kg-demo")?),
    }
}

/// Sets the scheme from a preset name or TOML text; checked before it is saved.
pub fn set_scheme(ctx: &mut Ctx<'_>, preset_or_toml: &str) -> Result<Scheme> {
    super::master::refuse(ctx.store, super::master::MasterPart::TaxFree)?;
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    let text = match tax_free::PRESETS.iter().find(|(n, _)| *n == preset_or_toml.trim()) {
        Some((_, text)) => text.to_string(),
        None => preset_or_toml.to_string(),
    };
    let scheme = Scheme::from_toml(&text)?;
    ctx.store.set_setting(SETTING, &text)?;
    Ok(scheme)
}

/// The traveller as typed, with the passport's expiry date when it was given: refused like an MRZ when expired.
pub fn typed_traveller(ctx: &Ctx<'_>, traveller: Traveller, expiry: Option<chrono::NaiveDate>) -> Result<Traveller> {
    tax_free::check_traveller(&traveller, ctx.now.date_naive(), expiry)?;
    Ok(traveller)
}

/// The traveller from a passport MRZ as scanned or pasted (both line layouts).
pub fn traveller_from_mrz(ctx: &Ctx<'_>, text: &str, residence: Option<&str>) -> Result<Traveller> {
    let today = ctx.now.date_naive();
    let passport = mrz::parse(text, today)?;
    let traveller = Traveller::from_passport(&passport, residence)?;
    tax_free::check_traveller(&traveller, today, Some(passport.expiry))?;
    Ok(traveller)
}

/// A sale that can carry a form: a sale (not a return) by receipt number.
fn sale_for(ctx: &Ctx<'_>, receipt_no: i64) -> Result<(Sale, i64)> {
    let sale = checkout::find_receipt(ctx, receipt_no)?;
    if sale.kind != SaleKind::Sale {
        return Err(Refusal::NotASale.into());
    }
    let id = sale
        .id
        .ok_or(AppError::ReceiptNotFound(receipt_no, sale.register.clone()))?;
    Ok((sale, id))
}

fn assess_sale(ctx: &Ctx<'_>, scheme: &Scheme, sale: &Sale, traveller: Option<&Traveller>) -> Result<Assessment> {
    let returned = ctx.store.returnable(sale)?;
    let goods = tax_free::goods(sale, &returned);
    Ok(tax_free::assess(scheme, &goods, traveller, sale.at.date_naive())?)
}

/// What a form for this receipt would hold, or the refusal; the traveller may be unknown yet (the GUI shows
/// eligibility while the passport is being read).
pub fn check(ctx: &Ctx<'_>, receipt_no: i64, traveller: Option<&Traveller>) -> Result<Assessment> {
    if let Some(t) = traveller {
        // Typed data (the window's form, the command line) meets the same rules as a read MRZ; the passport's
        // expiry is checked where it is known.
        tax_free::check_traveller(t, ctx.now.date_naive(), None)?;
    }
    let (sale, id) = sale_for(ctx, receipt_no)?;
    if let Some(rec) = ctx.store.live_taxfree_for_sale(id)? {
        return Err(Refusal::AlreadyIssued {
            receipt_no,
            form: rec.form.number,
        }
        .into());
    }
    assess_sale(ctx, &scheme(ctx)?, &sale, traveller)
}

/// True when a finished sale's goods qualify (the payment screen shows its Tax-free button then).
pub fn offer_for(ctx: &Ctx<'_>, receipt_no: i64) -> bool {
    check(ctx, receipt_no, None).is_ok()
}

fn build(
    ctx: &Ctx<'_>,
    scheme: &Scheme,
    sale: &Sale,
    traveller: &Traveller,
    a: Assessment,
    replaces: Option<String>,
) -> Result<impl FnOnce(i64) -> Form + use<>> {
    let shop = ctx.store.shop()?;
    let now = ctx.now;
    let scheme = scheme.clone();
    let sale = sale.clone();
    let traveller = traveller.clone();
    Ok(move |serial: i64| Form {
        number: scheme.number(chrono::Datelike::year(&now), &sale.register, serial),
        serial,
        scheme: scheme.name.clone(),
        shop,
        register: sale.register.clone(),
        receipt_no: sale.receipt_no.unwrap_or_default(),
        purchase_at: sale.at,
        issued_at: now,
        traveller,
        lines: a.lines,
        gross: a.gross,
        vat: a.vat,
        refund: a.refund,
        deadline: a.deadline,
        replaces,
    })
}

/// Issues a form for receipt `receipt_no`: every refusal is explicit, and the serial is gapless per shop.
pub fn issue(ctx: &mut Ctx<'_>, receipt_no: i64, traveller: &Traveller) -> Result<FormRecord> {
    let a = check(ctx, receipt_no, Some(traveller))?;
    let (sale, id) = sale_for(ctx, receipt_no)?;
    let scheme = scheme(ctx)?;
    let fill = build(ctx, &scheme, &sale, traveller, a, None)?;
    Ok(ctx.store.issue_taxfree(id, None, Box::new(fill))?)
}

/// A form by its number.
pub fn show(ctx: &Ctx<'_>, number: &str) -> Result<FormRecord> {
    ctx.store.taxfree_by_number(number)?.ok_or_else(|| {
        super::input::InputProblem::NoForm {
            number: number.trim().to_string(),
        }
        .into()
    })
}

/// Voids a form with the manager's reason; the form stays as it was, marked void.
pub fn void(ctx: &mut Ctx<'_>, number: &str, reason: &str) -> Result<FormRecord> {
    super::users::authorize(ctx, crate::domain::user::Action::TaxFreeVoid)?;
    let rec = show(ctx, number)?;
    if reason.trim().is_empty() {
        return Err(super::input::InputProblem::VoidReason.into());
    }
    let now = ctx.now;
    ctx.store.void_taxfree(rec.id, reason, &now, None)?;
    Ok(ctx.store.taxfree(rec.id)?)
}

/// Forms issued from `from` up to and including `to`, for the operator.
pub fn export(ctx: &Ctx<'_>, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Vec<OperatorForm>> {
    let end = to.succ_opt().unwrap_or(to);
    Ok(ctx
        .store
        .taxfree_forms(&from.to_string(), &end.to_string())?
        .iter()
        .map(OperatorForm::new)
        .collect())
}

/// What a return did to its sale's form: the form voided, and the one issued for the goods kept (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormChange {
    pub voided: FormRecord,
    pub issued: Option<FormRecord>,
}

/// The change the return `return_sale_id` made to a tax-free form, if its sale had one.
pub fn change_for_return(ctx: &Ctx<'_>, return_sale_id: i64) -> Result<Option<FormChange>> {
    Ok(ctx
        .store
        .taxfree_change_for_return(return_sale_id)?
        .map(|(voided, issued)| FormChange { voided, issued }))
}

/// Queues the two copies of the form that stands for `form_id` now (a form a return replaced prints as its
/// successor: the voided one is no use to the traveller): the traveller's, then the shop's.
pub fn enqueue_print(ctx: &mut Ctx<'_>, form_id: i64) -> Result<Vec<i64>> {
    let form_id = ctx.store.current_taxfree(form_id)?.id;
    let stamp = ctx.stamp();
    let mut jobs = Vec::new();
    for copy in [false, true] {
        jobs.push(ctx.store.enqueue_print(
            JobKind::Document {
                name: DOCUMENT,
                ref_id: form_id,
                copy,
            },
            &stamp,
        )?);
    }
    Ok(jobs)
}

/// After goods came back from a sale with a form: the form is voided, and when what is kept still qualifies, a
/// new form for it replaces the old one in the same transaction (forms are never edited). Runs after the return
/// committed; an error says so, and the return stands.
pub fn after_return(ctx: &mut Ctx<'_>, original: &Sale, ret: &Sale) -> Result<Option<FormRecord>> {
    let Some(sale_id) = original.id else { return Ok(None) };
    let Some(live) = ctx.store.live_taxfree_for_sale(sale_id)? else {
        return Ok(None);
    };
    let ret_no = ret.receipt_no.unwrap_or_default();
    let outcome = (|| {
        let scheme = scheme(ctx)?;
        let traveller = live.form.traveller.clone();
        let now = ctx.now;
        match assess_sale(ctx, &scheme, original, Some(&traveller)) {
            Ok(a) => {
                let fill = build(ctx, &scheme, original, &traveller, a, Some(live.form.number.clone()))?;
                let replace = Replace {
                    form_id: live.id,
                    reason: format!("goods returned on receipt {ret_no}; replaced by a form for the goods kept"),
                    at: now,
                    return_sale_id: ret.id,
                };
                Ok(Some(ctx.store.issue_taxfree(sale_id, Some(replace), Box::new(fill))?))
            }
            Err(AppError::TaxFree(refusal)) => {
                let reason = format!("goods returned on receipt {ret_no}; no longer eligible: {refusal}");
                ctx.store.void_taxfree(live.id, &reason, &now, ret.id)?;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    })();
    outcome.map_err(|e: AppError| {
        super::input::InputProblem::FormNotUpdated {
            receipt: ret_no,
            form: live.form.number.clone(),
            reason: e.to_string(),
        }
        .into()
    })
}
