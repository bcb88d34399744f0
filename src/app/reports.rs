//! Sales at a glance for the Reports screen: today's business day and this month, by category or artisan.

use super::{Ctx, Result};
use crate::domain::money::Som;
use chrono::{Datelike, NaiveDate};

/// One bar: a display name and net sales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub name: String,
    pub net: Som,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub day: Option<NaiveDate>,
    pub today: Vec<Bar>,
    pub month: Vec<Bar>,
}

impl Summary {
    pub fn today_total(&self) -> Som {
        self.today.iter().map(|b| b.net).sum()
    }

    pub fn month_total(&self) -> Som {
        self.month.iter().map(|b| b.net).sum()
    }
}

/// Today is the open business day (or the calendar day when none is open); the month runs from its first day.
pub fn summary(ctx: &Ctx<'_>, by_artisan: bool) -> Result<Summary> {
    let today = ctx.store.open_day_record()?.map_or(ctx.now.date_naive(), |d| d.day);
    let first = today.with_day(1).unwrap_or(today);
    let names: Vec<(String, String)> = if by_artisan {
        ctx.store.artisans()?.into_iter().map(|a| (a.code, a.name)).collect()
    } else {
        ctx.store
            .categories()?
            .into_iter()
            .map(|(code, names)| (code, names.get(ctx.lang).to_string()))
            .collect()
    };
    let bars = |rows: Vec<(String, Som)>| -> Vec<Bar> {
        rows.into_iter()
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
            .collect()
    };
    Ok(Summary {
        day: Some(today),
        today: bars(ctx.store.sales_by(today, today, by_artisan)?),
        month: bars(ctx.store.sales_by(first, today, by_artisan)?),
    })
}
