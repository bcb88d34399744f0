//! Sales reports for the Reports screen and `usta report`: a range of business days (quick choices counted from
//! the open day), the best sellers with their margin where a purchase cost is known, totals by cashier and by
//! payment kind, and net sales by category or artisan.

use super::{Ctx, Result};
use crate::domain::catalog::Lang;
use crate::domain::money::Som;
use crate::domain::payment::PaymentKind;
use crate::domain::returns::ReasonKind;
use crate::domain::rounding::round_line;
use crate::domain::stock::from_milli;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// One bar: a display name and net sales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub name: String,
    pub net: Som,
}

/// A quick choice of range, counted from the business day (the open day, not the calendar's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Today,
    Yesterday,
    /// Monday to today.
    Week,
    /// The first of the month to today.
    Month,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::Today, Period::Yesterday, Period::Week, Period::Month];

    /// The days this period covers when `today` is the business day.
    pub fn range(self, today: NaiveDate) -> Range {
        let day = |d: Option<NaiveDate>| d.unwrap_or(today);
        match self {
            Period::Today => Range { from: today, to: today },
            Period::Yesterday => {
                let y = day(today.pred_opt());
                Range { from: y, to: y }
            }
            Period::Week => Range {
                from: day(today.checked_sub_days(chrono::Days::new(u64::from(today.weekday().num_days_from_monday())))),
                to: today,
            },
            Period::Month => Range {
                from: day(today.with_day(1)),
                to: today,
            },
        }
    }
}

impl std::str::FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "today" => Ok(Period::Today),
            "yesterday" => Ok(Period::Yesterday),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            other => Err(format!("unknown period '{other}': today, yesterday, week or month")),
        }
    }
}

/// Business days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The business day reports call "today": the open day, or the calendar day when none is open.
pub fn business_today(ctx: &Ctx<'_>) -> Result<NaiveDate> {
    Ok(ctx.store.open_day_record()?.map_or(ctx.now.date_naive(), |d| d.day))
}

/// One best seller: net of returns over the range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProductTotal {
    pub product_id: i64,
    pub name: String,
    pub qty: Decimal,
    pub revenue: Som,
    /// Quantity × today's purchase cost; `None` where the product has no cost (or the viewer may not see it).
    pub cost: Option<Som>,
    pub margin: Option<Som>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CashierTotal {
    pub cashier: String,
    pub sales: i64,
    pub sales_total: Som,
    pub returns: i64,
    pub returns_total: Som,
    pub net: Som,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PaymentTotal {
    pub kind: PaymentKind,
    pub sales: Som,
    pub refunds: Som,
    pub net: Som,
}

/// How many best sellers a report lists.
pub const TOP: usize = 20;

/// Sales over a range: the best sellers, every cashier, every payment kind, and the margin where costs are known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SalesReport {
    pub range: Range,
    /// The best [`TOP`] products by net revenue.
    pub products: Vec<ProductTotal>,
    /// Net revenue of every product in the range (not only the top).
    pub revenue: Som,
    /// Whether the viewer may see purchase costs (a manager or an admin); a cashier's report carries none.
    pub costs_shown: bool,
    /// Revenue, cost and margin of the products that have a cost.
    pub costed_revenue: Som,
    pub cost: Som,
    pub margin: Som,
    /// Products sold in the range that have no cost.
    pub uncosted: usize,
    pub cashiers: Vec<CashierTotal>,
    pub payments: Vec<PaymentTotal>,
    /// Returns by reason; those made without one (or before reasons were asked) under `None`.
    pub reasons: Vec<ReasonTotal>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReasonTotal {
    pub reason: Option<ReasonKind>,
    pub returns: i64,
    pub refunded: Som,
}

/// The sales report for `range`; purchase costs only for a manager or an admin.
pub fn sales(ctx: &Ctx<'_>, range: Range) -> Result<SalesReport> {
    if range.from > range.to {
        return Err(super::input::InputProblem::RangeReversed {
            from: range.from.to_string(),
            to: range.to.to_string(),
        }
        .into());
    }
    let costs_shown = super::catalog::sees_costs(ctx);
    let lang = match ctx.lang {
        Lang::Ky => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    };
    let mut report = SalesReport {
        range,
        products: Vec::new(),
        revenue: Som::ZERO,
        costs_shown,
        costed_revenue: Som::ZERO,
        cost: Som::ZERO,
        margin: Som::ZERO,
        uncosted: 0,
        cashiers: Vec::new(),
        payments: Vec::new(),
        reasons: Vec::new(),
    };
    for p in ctx.store.product_sales(range.from, range.to)? {
        let qty = from_milli(p.qty_milli);
        let cost = p
            .unit_cost
            .filter(|_| costs_shown)
            .and_then(|c| c.checked_mul(qty))
            .map(|c| Som::new(round_line(c.amount())));
        report.revenue += p.revenue;
        match cost {
            Some(c) => {
                report.costed_revenue += p.revenue;
                report.cost += c;
            }
            None => report.uncosted += 1,
        }
        if report.products.len() < TOP {
            let name = p.names[lang].clone();
            let name = if name.is_empty() {
                p.names.iter().find(|n| !n.is_empty()).cloned().unwrap_or_default()
            } else {
                name
            };
            report.products.push(ProductTotal {
                product_id: p.product_id,
                name,
                qty,
                revenue: p.revenue,
                cost,
                margin: cost.map(|c| p.revenue - c),
            });
        }
    }
    report.margin = report.costed_revenue - report.cost;
    if !costs_shown {
        report.uncosted = 0;
    }
    report.cashiers = ctx
        .store
        .cashier_sales(range.from, range.to)?
        .into_iter()
        .map(|c| CashierTotal {
            net: c.sales_total - c.returns_total,
            cashier: c.cashier,
            sales: c.sales,
            sales_total: c.sales_total,
            returns: c.returns,
            returns_total: c.returns_total,
        })
        .collect();
    report.payments = ctx
        .store
        .payment_sales(range.from, range.to)?
        .into_iter()
        .map(|p| PaymentTotal {
            kind: p.kind,
            sales: p.sales,
            refunds: p.refunds,
            net: p.sales - p.refunds,
        })
        .collect();
    report.reasons = ctx
        .store
        .reason_returns(range.from, range.to)?
        .into_iter()
        .map(|r| ReasonTotal {
            reason: r.reason,
            returns: r.returns,
            refunded: r.refunded,
        })
        .collect();
    Ok(report)
}

/// Net sales over `range` by category or by artisan, named in the chosen language.
pub fn bars(ctx: &Ctx<'_>, range: Range, by_artisan: bool) -> Result<Vec<Bar>> {
    let names: Vec<(String, String)> = if by_artisan {
        ctx.store.artisans()?.into_iter().map(|a| (a.code, a.name)).collect()
    } else {
        ctx.store
            .categories()?
            .into_iter()
            .map(|(code, names)| (code, names.get(ctx.lang).to_string()))
            .collect()
    };
    Ok(ctx
        .store
        .sales_by(range.from, range.to, by_artisan)?
        .into_iter()
        .map(|(code, net)| Bar {
            name: names.iter().find(|(c, _)| *c == code).map_or_else(
                || {
                    if code.is_empty() {
                        "—".to_string()
                    } else {
                        code.clone()
                    }
                },
                |(_, n)| n.clone(),
            ),
            net,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn quick_ranges_count_from_the_business_day() {
        // Wednesday 2 December 2026.
        let today = date("2026-12-02");
        let check = |p: Period, from: &str, to: &str| {
            assert_eq!(
                p.range(today),
                Range {
                    from: date(from),
                    to: date(to)
                },
                "{p:?}"
            );
        };
        check(Period::Today, "2026-12-02", "2026-12-02");
        check(Period::Yesterday, "2026-12-01", "2026-12-01");
        check(Period::Week, "2026-11-30", "2026-12-02");
        check(Period::Month, "2026-12-01", "2026-12-02");
        // On a Monday the week is that one day; on the first, the month is.
        assert_eq!(Period::Week.range(date("2026-11-30")).from, date("2026-11-30"));
        assert_eq!(Period::Month.range(date("2026-12-01")).from, date("2026-12-01"));
    }
}
