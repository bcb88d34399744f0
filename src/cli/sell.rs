//! `usta sell` and `usta return`.

use super::Cli;
use super::output::{print_json, sale_json};
use crate::app::{Ctx, checkout, printing, receipt_text, returns};
use crate::domain::currency::{Currency, Money};
use crate::domain::limits::{self, Bound};
use crate::domain::payment::{PaymentKind, Tender};
use clap::Args;
use rust_decimal::Decimal;

#[derive(Debug, Args)]
pub struct SellArgs {
    /// Items as CODE or CODE*QTY (barcode, times quantity; quantity may be fractional: 1.5 or 1,5)
    #[arg(required = true, value_parser = parse_item)]
    pub items: Vec<(String, Decimal)>,
    /// Payment as KIND:AMOUNT (KIND: cash, card, qr), repeat for split tender; foreign cash as cash:20:USD
    #[arg(long = "pay", required = true, value_parser = parse_tender)]
    pub pay: Vec<Tender>,
    /// Characters per receipt line: 32 for 58 mm paper, 48 for 80 mm
    #[arg(long, default_value_t = 48)]
    pub width: usize,
}

#[derive(Debug, Args)]
pub struct ReturnArgs {
    /// Number of the receipt the goods were sold on
    pub receipt_no: i64,
    /// Items to return as CODE or CODE*QTY; the whole receipt when none are given
    #[arg(value_parser = parse_item)]
    pub items: Vec<(String, Decimal)>,
    /// How the money goes back: cash, card or qr
    #[arg(long, value_parser = parse_kind)]
    pub refund: PaymentKind,
    /// Why the goods came back: defective, wrong-size, changed-mind or other (other needs --note)
    #[arg(long)]
    pub reason: Option<crate::domain::returns::ReasonKind>,
    /// The reason in words
    #[arg(long, default_value = "", requires = "reason")]
    pub note: String,
    /// Characters per receipt line
    #[arg(long, default_value_t = 48)]
    pub width: usize,
}

/// `CODE` or `CODE*QTY`.
pub fn parse_item(s: &str) -> Result<(String, Decimal), String> {
    let (code, qty) = match s.split_once('*') {
        Some((code, qty)) => {
            let qty = limits::parse(&format!("quantity in '{s}'"), qty, Bound::Qty).map_err(|e| e.to_string())?;
            (code, qty)
        }
        None => (s, Decimal::ONE),
    };
    if code.trim().is_empty() {
        return Err(format!("'{s}' has no barcode before the quantity"));
    }
    if qty <= Decimal::ZERO {
        return Err(format!("quantity in '{s}' must be more than zero"));
    }
    Ok((code.trim().to_string(), qty))
}

fn parse_kind(s: &str) -> Result<PaymentKind, String> {
    s.parse()
        .map_err(|e: crate::domain::payment::PaymentError| e.to_string())
}

/// `KIND:AMOUNT` or `KIND:AMOUNT:CURRENCY`.
pub fn parse_tender(s: &str) -> Result<Tender, String> {
    let mut parts = s.splitn(3, ':');
    let kind = parse_kind(parts.next().unwrap_or_default())?;
    let amount_text = parts
        .next()
        .ok_or_else(|| format!("'{s}' should look like cash:1500"))?;
    let amount = limits::parse(&format!("payment '{s}'"), amount_text, Bound::Receipt).map_err(|e| e.to_string())?;
    if amount <= Decimal::ZERO {
        return Err(format!("payment '{s}' must be more than zero"));
    }
    if amount.normalize().scale() > 2 {
        return Err(format!("payment '{s}' has more than two decimals"));
    }
    let currency = match parts.next() {
        Some(c) => c.parse::<Currency>().map_err(|e| e.to_string())?,
        None => Currency::Kgs,
    };
    Ok(Tender {
        kind,
        amount: Money::new(amount, currency),
    })
}

/// After a sale or return is in the books: its receipt is queued and, when a printer is set up, tried once
/// with a short deadline. A printer problem is a warning naming the sale's own job, never a failure: the sale
/// stands and the job stays queued.
fn print_if_set_up(ctx: &mut Ctx<'_>, sale: &crate::domain::sale::Sale) {
    let Some(id) = sale.id else { return };
    match printing::receipt_after_sale(ctx, id) {
        Ok((_, Some(report))) => {
            if let Some((job, error)) = report.failed {
                eprintln!("usta: the receipt did not print ({error}); job {job} stays queued: usta printer retry");
            }
        }
        Ok((_, None)) => {}
        Err(e) => eprintln!("usta: the receipt did not print ({e}); the sale is saved"),
    }
}

pub fn sell(cli: &Cli, ctx: &mut Ctx<'_>, args: &SellArgs) -> anyhow::Result<()> {
    let sale = checkout::sell(ctx, &args.items, &args.pay)?;
    print_if_set_up(ctx, &sale);
    if cli.json {
        return print_json(&sale_json(&sale, cli.lang()));
    }
    print!("{}", receipt_text::render(&checkout::receipt(ctx, &sale)?, args.width));
    Ok(())
}

pub fn return_items(cli: &Cli, ctx: &mut Ctx<'_>, args: &ReturnArgs) -> anyhow::Result<()> {
    let reason = args
        .reason
        .map(|kind| crate::domain::returns::ReturnReason::new(kind, &args.note))
        .transpose()?;
    let ret = returns::return_items_because(ctx, args.receipt_no, &args.items, args.refund, reason.as_ref())?;
    if args.refund == PaymentKind::Cash {
        let drawer = returns::cash_in_drawer(ctx)?;
        if drawer.is_negative() {
            eprintln!(
                "usta: warning: the refund took more cash than the drawer held; it should now hold {drawer} (approved by {})",
                ctx.approval
                    .as_ref()
                    .map_or(ctx.actor.name.as_str(), |a| a.by.name.as_str())
            );
        }
    }
    print_if_set_up(ctx, &ret);
    if cli.json {
        return print_json(&sale_json(&ret, cli.lang()));
    }
    print!("{}", receipt_text::render(&checkout::receipt(ctx, &ret)?, args.width));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_tenders_parse() {
        assert_eq!(
            parse_item("2100000000012*2"),
            Ok(("2100000000012".into(), Decimal::from(2)))
        );
        assert_eq!(
            parse_item("2100000000012*1,5"),
            Ok(("2100000000012".into(), Decimal::new(15, 1)))
        );
        assert_eq!(parse_item("2100000000012"), Ok(("2100000000012".into(), Decimal::ONE)));
        assert!(parse_item("2100000000012*0").is_err());
        assert!(parse_item("2100000000012*-1").is_err());
        assert!(parse_item("*2").is_err());
        assert!(parse_item("x*abc").is_err());
        let t = parse_tender("cash:1 500,50").expect("tender");
        assert_eq!(
            (t.kind, t.amount.amount, t.amount.currency),
            (PaymentKind::Cash, Decimal::new(150050, 2), Currency::Kgs)
        );
        assert_eq!(
            parse_tender("cash:20:usd").map(|t| t.amount.currency),
            Ok(Currency::Usd)
        );
        assert!(parse_tender("cash").is_err());
        assert!(parse_tender("cash:-5").is_err());
        assert!(parse_tender("gold:5").is_err());
        assert!(parse_tender("card:1.001").is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        /// Whatever is typed after `usta sell`, a value or a message, never a panic; a value is what was typed.
        #[test]
        fn any_item_argument(text in "\\PC{0,24}") {
            match parse_item(&text) {
                Ok((code, qty)) => {
                    proptest::prop_assert!(!code.is_empty() && qty > Decimal::ZERO);
                    proptest::prop_assert!(text.contains(&code));
                }
                Err(message) => proptest::prop_assert!(!message.is_empty()),
            }
        }

        #[test]
        fn any_tender_argument(text in "(cash|card|qr|gold)?:?\\PC{0,12}(:usd|:EUR|:xyz)?") {
            match parse_tender(&text) {
                Ok(t) => {
                    proptest::prop_assert!(t.amount.amount > Decimal::ZERO);
                    proptest::prop_assert!(t.amount.amount.normalize().scale() <= 2);
                }
                Err(message) => proptest::prop_assert!(!message.is_empty()),
            }
        }

        #[test]
        fn typed_quantities_round_trip(milli in 1i64..100_000_000, comma in proptest::prelude::any::<bool>()) {
            let qty = Decimal::new(milli, 3);
            let mut text = qty.to_string();
            if comma {
                text = text.replace('.', ",");
            }
            proptest::prop_assert_eq!(parse_item(&format!("2100000000012*{text}")), Ok(("2100000000012".to_string(), qty)));
        }
    }
}
