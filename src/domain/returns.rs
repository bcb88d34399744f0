//! Returns: goods come back against the lines of the original receipt, never more than was sold (counting
//! earlier returns), and the refund is what the customer actually paid for them, discounts included.

use crate::domain::catalog::ProductId;
use crate::domain::money::Som;
use crate::domain::payment::{Payment, PaymentKind, applied_by_kind};
use crate::domain::rounding::round_line;
use crate::domain::sale::{Sale, SaleKind, SaleLine, gross_by_vat};
use crate::domain::tax::{TaxConfig, TaxLine, breakdown, reverse};
use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A line of the original sale with what has already been returned from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returnable {
    pub line: SaleLine,
    pub returned_qty: Decimal,
    pub returned_amount: Som,
}

impl Returnable {
    pub fn remaining_qty(&self) -> Decimal {
        self.line.qty - self.returned_qty
    }
}

/// What the customer brings back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnRequest {
    /// Everything still returnable on the receipt.
    Whole,
    /// Quantities of products; lines of the same product are used in receipt order.
    Items(Vec<(ProductId, Decimal)>),
    /// Quantities of particular receipt lines (by line id), as picked on screen.
    Lines(Vec<(i64, Decimal)>),
}

/// Why the goods came back, from the shop's short list; "other" says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    Defective,
    WrongSize,
    ChangedMind,
    Other,
}

impl ReasonKind {
    pub const ALL: [ReasonKind; 4] = [
        ReasonKind::Defective,
        ReasonKind::WrongSize,
        ReasonKind::ChangedMind,
        ReasonKind::Other,
    ];

    /// The code stored and typed on the command line: `defective`, `wrong-size`, `changed-mind`, `other`.
    pub fn code(self) -> &'static str {
        match self {
            ReasonKind::Defective => "defective",
            ReasonKind::WrongSize => "wrong-size",
            ReasonKind::ChangedMind => "changed-mind",
            ReasonKind::Other => "other",
        }
    }
}

impl std::str::FromStr for ReasonKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        ReasonKind::ALL
            .into_iter()
            .find(|k| k.code() == s.trim())
            .ok_or_else(|| format!("unknown return reason '{s}': defective, wrong-size, changed-mind or other"))
    }
}

/// A return's reason: the kind, and the words (needed for "other", optional for the rest).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReturnReason {
    pub kind: ReasonKind,
    pub note: String,
}

impl ReturnReason {
    /// The reason, refused when "other" comes without words.
    pub fn new(kind: ReasonKind, note: &str) -> Result<Self, ReturnError> {
        let note = note.trim().to_string();
        if kind == ReasonKind::Other && note.is_empty() {
            return Err(ReturnError::ReasonNeeded);
        }
        Ok(ReturnReason { kind, note })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReturnError {
    #[error("cannot return {requested} × {name}: sold {sold}, already returned {returned}, at most {left} left")]
    MoreThanSold {
        name: String,
        sold: Decimal,
        returned: Decimal,
        requested: Decimal,
        left: Decimal,
    },
    #[error("product {0:?} is not on this receipt")]
    NotOnReceipt(ProductId),
    #[error("everything on this receipt has already been returned")]
    NothingLeft,
    #[error("return quantity {0} must be more than zero")]
    Quantity(Decimal),
    #[error("line {0} is not on this receipt")]
    NoSuchLine(i64),
    #[error("a return can only reference a sale, not another return")]
    NotASale,
    #[error("say in words why the goods came back (the reason is \"other\")")]
    ReasonNeeded,
}

/// Builds the return document. Refund per line = paid amount × returned share, rounded to the tyiyn; the last
/// units of a line refund exactly what is left of it, so a line never refunds more or less than it took in.
/// The tax the return gives back is the sale's own (see [`returned_tax`]), never worked out again at the refund
/// method's rates; a sale paid in cash rounded to a coin step refunds its share of that rounding too, so a whole
/// receipt refunds exactly what the customer paid.
pub fn plan(
    original: &Sale,
    returnable: &[Returnable],
    request: &ReturnRequest,
    refund: PaymentKind,
    tax: &TaxConfig,
    register: &str,
    at: DateTime<FixedOffset>,
) -> Result<Sale, ReturnError> {
    if original.kind != SaleKind::Sale {
        return Err(ReturnError::NotASale);
    }
    let take = pick(returnable, request)?;
    let lines = return_lines(returnable, &take);
    let total: Som = lines.iter().map(|l| l.amount).sum();
    let subtotal: Som = lines.iter().map(|l| l.gross).sum();
    let rounding = rounding_share(original, returnable, total);
    let tax = returned_tax(original, returnable, &lines, tax);
    let refunded = total + rounding;
    let payment = Payment {
        kind: refund,
        tendered: crate::domain::currency::Money::new(refunded.amount(), crate::domain::currency::Currency::Kgs),
        tendered_som: refunded,
        applied: refunded,
    };
    Ok(Sale {
        id: None,
        kind: SaleKind::Return,
        register: register.to_string(),
        receipt_no: None,
        original_receipt_no: original.receipt_no,
        at,
        lines,
        payments: vec![payment],
        subtotal,
        discount: subtotal - total,
        total,
        change: Som::ZERO,
        rounding,
        tax,
    })
}

/// What the customer gets back for `request`: the lines' share of what was paid, with the sale's cash rounding
/// share ([`plan`]'s refund, for a screen to show before the return is made).
pub fn refund_amount(original: &Sale, returnable: &[Returnable], request: &ReturnRequest) -> Result<Som, ReturnError> {
    let lines = return_lines(returnable, &pick(returnable, request)?);
    let total: Som = lines.iter().map(|l| l.amount).sum();
    Ok(total + rounding_share(original, returnable, total))
}

/// Which returnable lines (by index) give back how much.
fn pick(returnable: &[Returnable], request: &ReturnRequest) -> Result<BTreeMap<usize, Decimal>, ReturnError> {
    let mut take: BTreeMap<usize, Decimal> = BTreeMap::new();
    match request {
        ReturnRequest::Whole => {
            for (i, r) in returnable.iter().enumerate() {
                if r.remaining_qty() > Decimal::ZERO {
                    take.insert(i, r.remaining_qty());
                }
            }
            if take.is_empty() {
                return Err(ReturnError::NothingLeft);
            }
        }
        ReturnRequest::Lines(picked) => {
            for (line_id, qty) in picked {
                if *qty <= Decimal::ZERO {
                    return Err(ReturnError::Quantity(*qty));
                }
                let i = returnable
                    .iter()
                    .position(|r| r.line.id == Some(*line_id))
                    .ok_or(ReturnError::NoSuchLine(*line_id))?;
                let r = &returnable[i];
                let already = take.get(&i).copied().unwrap_or_default();
                if already + *qty > r.remaining_qty() {
                    return Err(ReturnError::MoreThanSold {
                        name: r.line.names.to_string(),
                        sold: r.line.qty,
                        returned: r.returned_qty,
                        requested: already + *qty,
                        left: r.remaining_qty(),
                    });
                }
                *take.entry(i).or_default() += *qty;
            }
            if take.is_empty() {
                return Err(ReturnError::NothingLeft);
            }
        }
        ReturnRequest::Items(items) => {
            let mut wanted: Vec<(ProductId, Decimal)> = Vec::new();
            for (product, qty) in items {
                if *qty <= Decimal::ZERO {
                    return Err(ReturnError::Quantity(*qty));
                }
                match wanted.iter_mut().find(|(p, _)| p == product) {
                    Some((_, q)) => *q += *qty,
                    None => wanted.push((*product, *qty)),
                }
            }
            for (product, qty) in wanted {
                let lines: Vec<usize> = returnable
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.line.product_id == product)
                    .map(|(i, _)| i)
                    .collect();
                if lines.is_empty() {
                    return Err(ReturnError::NotOnReceipt(product));
                }
                let left: Decimal = lines.iter().map(|i| returnable[*i].remaining_qty()).sum();
                if qty > left {
                    let first = &returnable[lines[0]];
                    return Err(ReturnError::MoreThanSold {
                        name: first.line.names.to_string(),
                        sold: lines.iter().map(|i| returnable[*i].line.qty).sum(),
                        returned: lines.iter().map(|i| returnable[*i].returned_qty).sum(),
                        requested: qty,
                        left,
                    });
                }
                let mut need = qty;
                for i in lines {
                    let q = need.min(returnable[i].remaining_qty());
                    if q > Decimal::ZERO {
                        *take.entry(i).or_default() += q;
                        need -= q;
                    }
                }
            }
        }
    }
    Ok(take)
}

/// The return's lines for the picked quantities.
fn return_lines(returnable: &[Returnable], take: &BTreeMap<usize, Decimal>) -> Vec<SaleLine> {
    let mut lines = Vec::new();
    for (&i, &qty) in take {
        let r = &returnable[i];
        let left_amount = r.line.amount - r.returned_amount;
        let amount = if qty == r.remaining_qty() {
            left_amount
        } else {
            Som(round_line(r.line.amount.amount() * qty / r.line.qty)).min(left_amount)
        };
        let gross = Som(round_line(r.line.unit_price.amount() * qty));
        lines.push(SaleLine {
            id: None,
            line_no: lines.len() as u32 + 1,
            qty,
            gross,
            discount: gross - amount,
            amount,
            original_line_id: r.line.id,
            ..r.line.clone()
        });
    }
    lines
}

/// The return's share of the sale's cash rounding (what the customer paid less the lines' total): the share of
/// everything returned so far less the share of what earlier returns took, so the parts add up to the rounding.
fn rounding_share(original: &Sale, returnable: &[Returnable], now: Som) -> Som {
    if original.rounding.is_zero() {
        return Som::ZERO;
    }
    let before: Som = returnable.iter().map(|r| r.returned_amount).sum();
    let upto = |returned: Som| {
        if returned >= original.total || original.total.is_zero() {
            original.rounding
        } else {
            Som(round_line(
                original.rounding.amount() * returned.amount() / original.total.amount(),
            ))
        }
    };
    upto(before + now) - upto(before)
}

/// The VAT and sales tax the return gives back: for each VAT group of its lines, its share of what the sale
/// charged that group (the sale's tax lines, at the sale's rates, split by the sale's payments), whatever the
/// refund method. A group the sale's stored lines do not cover is worked out again from the sale's own
/// payments.
fn returned_tax(original: &Sale, returnable: &[Returnable], lines: &[SaleLine], config: &TaxConfig) -> Vec<TaxLine> {
    let sold = gross_by_vat(&original.lines);
    let recomputed = breakdown(&sold, &applied_by_kind(&original.payments), config);
    let mut out = Vec::new();
    for (vat_pct, now) in gross_by_vat(lines) {
        let in_group = |t: &&TaxLine| t.vat_pct == vat_pct;
        let mut charged: Vec<TaxLine> = original.tax.iter().filter(in_group).cloned().collect();
        if charged.is_empty() {
            charged = recomputed.iter().filter(in_group).cloned().collect();
        }
        let before: Som = returnable
            .iter()
            .filter(|r| r.line.vat_pct == vat_pct)
            .map(|r| r.returned_amount)
            .sum();
        let group = sold.get(&vat_pct).copied().unwrap_or(now);
        out.extend(reverse(&charged, group, before, now));
    }
    out.sort_by_key(|t| (t.vat_pct, t.sales_tax_pct));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Names;
    use chrono::TimeZone;

    fn line(id: i64, product: i64, qty: i64, amount: &str) -> SaleLine {
        SaleLine {
            id: Some(id),
            line_no: id as u32,
            product_id: ProductId(product),
            barcode: None,
            names: Names::new("Кийиз тапочка", "", ""),
            category: "felt_footwear".into(),
            qty: Decimal::from(qty),
            unit_price: Som::whole(1000),
            gross: Som::whole(1000 * qty),
            discount: Som::whole(1000 * qty) - Som::parse(amount).expect("amount"),
            amount: Som::parse(amount).expect("amount"),
            tax_group: "standard".into(),
            vat_pct: Decimal::from(12),
            artisan: None,
            commission_pct: None,
            original_line_id: None,
        }
    }

    fn sale(lines: Vec<SaleLine>) -> Sale {
        let total = lines.iter().map(|l| l.amount).sum();
        Sale {
            id: Some(1),
            kind: SaleKind::Sale,
            register: "R1".into(),
            receipt_no: Some(12),
            original_receipt_no: None,
            at: at(),
            lines,
            payments: vec![],
            subtotal: total,
            discount: Som::ZERO,
            total,
            change: Som::ZERO,
            rounding: Som::ZERO,
            tax: vec![],
        }
    }

    fn at() -> DateTime<FixedOffset> {
        crate::domain::bishkek()
            .with_ymd_and_hms(2026, 11, 28, 15, 30, 0)
            .single()
            .expect("time")
    }

    fn returnable(s: &Sale, returned: &[(i64, &str)]) -> Vec<Returnable> {
        s.lines
            .iter()
            .enumerate()
            .map(|(i, l)| Returnable {
                line: l.clone(),
                returned_qty: returned.get(i).map_or(Decimal::ZERO, |r| Decimal::from(r.0)),
                returned_amount: returned.get(i).map_or(Som::ZERO, |r| Som::parse(r.1).expect("amount")),
            })
            .collect()
    }

    fn run(s: &Sale, r: &[Returnable], req: ReturnRequest) -> Result<Sale, ReturnError> {
        plan(s, r, &req, PaymentKind::Cash, &TaxConfig::default(), "R1", at())
    }

    #[test]
    fn partial_returns_refund_paid_share_and_the_rest_exactly() {
        // 3 slippers at 1000 with a discount: paid 2900 for the line.
        let s = sale(vec![line(1, 10, 3, "2900")]);
        let first = run(
            &s,
            &returnable(&s, &[]),
            ReturnRequest::Items(vec![(ProductId(10), Decimal::ONE)]),
        )
        .expect("return one");
        assert_eq!(first.total, Som::parse("966.67").expect("amount"));
        let second = run(&s, &returnable(&s, &[(1, "966.67")]), ReturnRequest::Whole).expect("return the rest");
        assert_eq!(second.lines[0].qty, Decimal::from(2));
        assert_eq!(second.total, Som::parse("1933.33").expect("amount"));
        assert_eq!(first.total + second.total, Som::whole(2900));
        assert_eq!(first.lines[0].original_line_id, Some(1));
        assert_eq!(first.original_receipt_no, Some(12));
        assert_eq!(first.tax.iter().map(|t| t.gross).sum::<Som>(), first.total);
    }

    #[test]
    fn never_more_than_sold() {
        let s = sale(vec![line(1, 10, 2, "2000"), line(2, 11, 1, "1000")]);
        let r = returnable(&s, &[(1, "1000")]);
        let err = run(&s, &r, ReturnRequest::Items(vec![(ProductId(10), Decimal::from(2))]));
        assert_eq!(
            err,
            Err(ReturnError::MoreThanSold {
                name: "Кийиз тапочка".into(),
                sold: Decimal::from(2),
                returned: Decimal::ONE,
                requested: Decimal::from(2),
                left: Decimal::ONE,
            })
        );
        // The same product asked twice counts together.
        let err = run(
            &s,
            &r,
            ReturnRequest::Items(vec![(ProductId(10), Decimal::ONE), (ProductId(10), Decimal::ONE)]),
        );
        assert!(matches!(err, Err(ReturnError::MoreThanSold { .. })));
        assert_eq!(
            run(&s, &r, ReturnRequest::Items(vec![(ProductId(99), Decimal::ONE)])),
            Err(ReturnError::NotOnReceipt(ProductId(99)))
        );
        assert_eq!(
            run(&s, &r, ReturnRequest::Items(vec![(ProductId(11), Decimal::ZERO)])),
            Err(ReturnError::Quantity(Decimal::ZERO))
        );
        let all = returnable(&s, &[(2, "2000"), (1, "1000")]);
        assert_eq!(run(&s, &all, ReturnRequest::Whole), Err(ReturnError::NothingLeft));
    }

    #[test]
    fn picked_lines_are_checked_per_line() {
        let s = sale(vec![line(1, 10, 2, "2000"), line(2, 11, 1, "1000")]);
        let r = returnable(&s, &[(1, "1000")]);
        let ret = run(&s, &r, ReturnRequest::Lines(vec![(2, Decimal::ONE), (1, Decimal::ONE)])).expect("return");
        assert_eq!(ret.total, Som::whole(2000));
        assert!(matches!(
            run(&s, &r, ReturnRequest::Lines(vec![(1, Decimal::from(2))])),
            Err(ReturnError::MoreThanSold { .. })
        ));
        assert_eq!(
            run(&s, &r, ReturnRequest::Lines(vec![(9, Decimal::ONE)])),
            Err(ReturnError::NoSuchLine(9))
        );
        assert_eq!(run(&s, &r, ReturnRequest::Lines(vec![])), Err(ReturnError::NothingLeft));
    }

    /// A sale of `lines` paid by `paid`, its tax worked out as checkout does.
    fn paid_sale(lines: Vec<SaleLine>, paid: &[(PaymentKind, &str)], rounding: &str) -> Sale {
        let mut s = sale(lines);
        let rounding = Som::parse(rounding).expect("rounding");
        s.rounding = rounding;
        s.payments = paid
            .iter()
            .map(|(kind, amount)| {
                let som = Som::parse(amount).expect("amount");
                Payment {
                    kind: *kind,
                    tendered: crate::domain::currency::Money::new(som.amount(), crate::domain::currency::Currency::Kgs),
                    tendered_som: som,
                    applied: som,
                }
            })
            .collect();
        s.tax = breakdown(
            &gross_by_vat(&s.lines),
            &applied_by_kind(&s.payments),
            &TaxConfig::default(),
        );
        s
    }

    /// What is left to return after `ret`.
    fn after(mut r: Vec<Returnable>, ret: &Sale) -> Vec<Returnable> {
        for line in &ret.lines {
            let back = r
                .iter_mut()
                .find(|x| x.line.id == line.original_line_id)
                .expect("returned line is on the sale");
            back.returned_qty += line.qty;
            back.returned_amount += line.amount;
        }
        r
    }

    /// Per rate pair: gross, VAT, sales tax.
    fn tax_of(sales: &[&Sale]) -> BTreeMap<(Decimal, Decimal), (Som, Som, Som)> {
        let mut out: BTreeMap<(Decimal, Decimal), (Som, Som, Som)> = BTreeMap::new();
        for s in sales {
            for t in &s.tax {
                let e = out.entry((t.vat_pct, t.sales_tax_pct)).or_default();
                *e = (e.0 + t.gross, e.1 + t.vat, e.2 + t.sales_tax);
            }
        }
        out
    }

    fn back(s: &Sale, r: &[Returnable], req: ReturnRequest, refund: PaymentKind) -> Sale {
        plan(s, r, &req, refund, &TaxConfig::default(), "R1", at()).expect("return")
    }

    #[test]
    fn a_card_sale_refunded_in_cash_reverses_the_tax_it_charged() {
        let mut l = line(1, 10, 1, "2500");
        l.unit_price = Som::whole(2500);
        l.gross = Som::whole(2500);
        l.discount = Som::ZERO;
        let s = paid_sale(vec![l], &[(PaymentKind::Card, "2500")], "0");
        assert_eq!(
            (s.tax[0].vat, s.tax[0].sales_tax),
            (Som::parse("267.86").expect("vat"), Som::ZERO)
        );
        for refund in PaymentKind::ALL {
            let ret = back(&s, &returnable(&s, &[]), ReturnRequest::Whole, refund);
            assert_eq!(ret.tax, s.tax, "refund by {refund:?}");
            assert_eq!(ret.payments[0].applied, Som::whole(2500));
        }
    }

    #[test]
    fn a_split_tender_sale_returned_in_parts_gives_back_exactly_its_tax() {
        // Three lines, 1000 paid in cash (sales tax 2%) and 2000 by card; an exempt line too.
        let mut exempt = line(3, 12, 1, "450");
        exempt.vat_pct = Decimal::ZERO;
        exempt.tax_group = "exempt".into();
        let s = paid_sale(
            vec![line(1, 10, 3, "2900"), line(2, 11, 1, "1000"), exempt],
            &[(PaymentKind::Cash, "1350"), (PaymentKind::Card, "3000")],
            "0",
        );
        assert_eq!(s.tax.len(), 4, "two VAT groups × two sales tax rates: {:?}", s.tax);
        let r = returnable(&s, &[]);
        let one = back(&s, &r, ReturnRequest::Lines(vec![(1, Decimal::ONE)]), PaymentKind::Cash);
        let r = after(r, &one);
        let two = back(
            &s,
            &r,
            ReturnRequest::Lines(vec![(1, Decimal::ONE), (3, Decimal::ONE)]),
            PaymentKind::Qr,
        );
        let r = after(r, &two);
        let three = back(&s, &r, ReturnRequest::Whole, PaymentKind::Card);
        assert_eq!(tax_of(&[&one, &two, &three]), tax_of(&[&s]));
        assert_eq!(one.total + two.total + three.total, s.total);
        for part in [&one, &two, &three] {
            assert_eq!(part.tax.iter().map(|t| t.gross).sum::<Som>(), part.total);
        }
    }

    #[test]
    fn a_cash_sale_rounded_to_the_coin_refunds_what_was_paid() {
        // Lines total 1450.40; paid 1450.00 in cash with rounding to the som.
        let mut l = line(1, 10, 3, "1450.40");
        l.discount = Som::whole(3000) - l.amount;
        let s = paid_sale(vec![l], &[(PaymentKind::Cash, "1450")], "-0.40");
        let whole = back(&s, &returnable(&s, &[]), ReturnRequest::Whole, PaymentKind::Cash);
        assert_eq!((whole.total, whole.rounding), (s.total, s.rounding));
        assert_eq!(whole.payments[0].applied, Som::whole(1450));
        assert_eq!(
            refund_amount(&s, &returnable(&s, &[]), &ReturnRequest::Whole),
            Ok(Som::whole(1450))
        );
        // In three parts, by different methods: together exactly what was paid.
        let r = returnable(&s, &[]);
        let mut parts = Vec::new();
        let mut r2 = r.clone();
        for refund in [PaymentKind::Cash, PaymentKind::Card, PaymentKind::Cash] {
            let req = ReturnRequest::Lines(vec![(1, Decimal::ONE)]);
            let expected = refund_amount(&s, &r2, &req).expect("refund");
            let ret = back(&s, &r2, req, refund);
            assert_eq!(ret.payments[0].applied, expected);
            r2 = after(r2, &ret);
            parts.push(ret);
        }
        let refunded: Som = parts.iter().map(|p| p.payments[0].applied).sum();
        assert_eq!(refunded, Som::whole(1450));
        assert_eq!(parts.iter().map(|p| p.rounding).sum::<Som>(), s.rounding);
        assert_eq!(tax_of(&parts.iter().collect::<Vec<_>>()), tax_of(&[&s]));
    }

    #[test]
    fn a_product_on_two_lines_is_taken_in_order() {
        let s = sale(vec![line(1, 10, 1, "1000"), line(2, 10, 2, "1800")]);
        let ret = run(
            &s,
            &returnable(&s, &[]),
            ReturnRequest::Items(vec![(ProductId(10), Decimal::from(2))]),
        )
        .expect("return");
        assert_eq!(ret.lines.len(), 2);
        assert_eq!(ret.total, Som::whole(1900));
    }
}
