//! The form for the refund operator, as JSON and as XML, with the same fields in both. The XML is written by hand:
//! it is one flat, fixed shape, and escaping the five XML specials (and refusing control characters) is all it
//! needs, which is less to keep than an XML writer crate.

use super::{FormRecord, LeftOut};
use crate::domain::catalog::Lang;
use serde::Serialize;

/// One form as the operator receives it. Amounts are in som with two decimals (`1450.00`), dates ISO 8601.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperatorForm {
    pub number: String,
    pub status: &'static str,
    pub void_reason: Option<String>,
    pub scheme: String,
    pub currency: &'static str,
    pub issued_at: String,
    pub purchase_at: String,
    pub shop_name: String,
    pub shop_address: String,
    pub shop_tin: String,
    pub register_reg_no: String,
    pub register: String,
    pub receipt_no: i64,
    pub traveller_name: String,
    pub passport_no: String,
    pub passport_country: String,
    pub residence_country: String,
    pub birth_date: String,
    pub goods: Vec<OperatorLine>,
    pub total_gross: String,
    pub total_vat: String,
    pub refund: String,
    pub export_deadline: String,
    pub replaces: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperatorLine {
    pub line_no: u32,
    pub name: String,
    pub category: String,
    pub qty: String,
    pub amount: String,
    pub vat_pct: String,
    pub vat: String,
}

impl OperatorForm {
    pub fn new(rec: &FormRecord) -> OperatorForm {
        let f = &rec.form;
        let stamp = |t: &chrono::DateTime<chrono::FixedOffset>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        OperatorForm {
            number: f.number.clone(),
            status: rec.status(),
            void_reason: rec.void.as_ref().map(|v| v.reason.clone()),
            scheme: f.scheme.clone(),
            currency: "KGS",
            issued_at: stamp(&f.issued_at),
            purchase_at: stamp(&f.purchase_at),
            shop_name: f.shop.name.clone(),
            shop_address: f.shop.address.clone(),
            shop_tin: f.shop.tin.clone(),
            register_reg_no: f.shop.register_reg_no.clone(),
            register: f.register.clone(),
            receipt_no: f.receipt_no,
            traveller_name: f.traveller.name.clone(),
            passport_no: f.traveller.passport_no.clone(),
            passport_country: f.traveller.passport_country.clone(),
            residence_country: f.traveller.residence_country.clone(),
            birth_date: f.traveller.birth.to_string(),
            goods: f
                .lines
                .iter()
                .map(|l| OperatorLine {
                    line_no: l.line_no,
                    name: l.names.get(Lang::En).to_string(),
                    category: l.category.clone(),
                    qty: l.qty.normalize().to_string(),
                    amount: l.amount.plain(),
                    vat_pct: l.vat_pct.normalize().to_string(),
                    vat: l.vat.plain(),
                })
                .collect(),
            total_gross: f.gross.plain(),
            total_vat: f.vat.plain(),
            refund: f.refund.plain(),
            export_deadline: f.deadline.to_string(),
            replaces: f.replaces.clone(),
        }
    }
}

/// Text content or attribute value with `& < > " '` escaped. Control characters other than tab and newline are
/// not allowed in XML 1.0 at all, so they are dropped rather than written into a file the operator cannot read.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn element(out: &mut String, indent: usize, name: &str, value: &str) {
    out.push_str(&" ".repeat(indent));
    out.push_str(&format!("<{name}>{}</{name}>\n", escape(value)));
}

/// The forms as one XML document: `<taxfree-forms><form>…</form></taxfree-forms>`, UTF-8.
pub fn to_xml(forms: &[OperatorForm]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<taxfree-forms>\n");
    for f in forms {
        out.push_str(&format!(
            "  <form number=\"{}\" status=\"{}\">\n",
            escape(&f.number),
            f.status
        ));
        if let Some(reason) = &f.void_reason {
            element(&mut out, 4, "void-reason", reason);
        }
        for (name, value) in [
            ("scheme", &f.scheme),
            ("currency", &f.currency.to_string()),
            ("issued-at", &f.issued_at),
            ("purchase-at", &f.purchase_at),
        ] {
            element(&mut out, 4, name, value);
        }
        out.push_str("    <shop>\n");
        for (name, value) in [
            ("name", &f.shop_name),
            ("address", &f.shop_address),
            ("tin", &f.shop_tin),
            ("register-reg-no", &f.register_reg_no),
            ("register", &f.register),
            ("receipt-no", &f.receipt_no.to_string()),
        ] {
            element(&mut out, 6, name, value);
        }
        out.push_str("    </shop>\n    <traveller>\n");
        for (name, value) in [
            ("name", &f.traveller_name),
            ("passport-no", &f.passport_no),
            ("passport-country", &f.passport_country),
            ("residence-country", &f.residence_country),
            ("birth-date", &f.birth_date),
        ] {
            element(&mut out, 6, name, value);
        }
        out.push_str("    </traveller>\n    <goods>\n");
        for l in &f.goods {
            out.push_str(&format!("      <line no=\"{}\">\n", l.line_no));
            for (name, value) in [
                ("name", &l.name),
                ("category", &l.category),
                ("qty", &l.qty),
                ("amount", &l.amount),
                ("vat-pct", &l.vat_pct),
                ("vat", &l.vat),
            ] {
                element(&mut out, 8, name, value);
            }
            out.push_str("      </line>\n");
        }
        out.push_str("    </goods>\n");
        for (name, value) in [
            ("total-gross", &f.total_gross),
            ("total-vat", &f.total_vat),
            ("refund", &f.refund),
            ("export-deadline", &f.export_deadline),
        ] {
            element(&mut out, 4, name, value);
        }
        if let Some(replaces) = &f.replaces {
            element(&mut out, 4, "replaces", replaces);
        }
        out.push_str("  </form>\n");
    }
    out.push_str("</taxfree-forms>\n");
    out
}

/// The reason a line was left off, in words for the cashier and the CLI.
pub fn left_out_text(why: LeftOut) -> &'static str {
    match why {
        LeftOut::Category => "category not covered by the scheme",
        LeftOut::NoVat => "no VAT charged",
        LeftOut::Returned => "returned",
    }
}
