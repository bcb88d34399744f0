//! `usta catalog feed`: the products marked "sell online" as the file an online channel imports (Shopify,
//! WooCommerce, Google Merchant Center, Etsy), with their photos copied beside it under their content names.
//! Prices in another currency use the latest stored rates; without a rate the feed is refused, never written in
//! som under a dollar sign. The folder is written under the output rule (`app::output::write_dir`).

use super::input::{Document, InputProblem};
use super::{AppError, Ctx, Result};
use crate::domain::catalog::Lang;
use crate::domain::craft::content_name;
use crate::domain::currency::Currency;
use crate::domain::feed::{Channel, Feed, Item, Missing, Options, build};
use std::path::Path;

/// What a feed export did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FeedReport {
    pub format: Channel,
    pub file: String,
    /// Rows written (a variable product's parent row counts).
    pub rows: usize,
    pub photos: usize,
    /// Products marked "sell online" left out, with the field the channel needs and they lack.
    pub missing: Vec<Missing>,
    pub currency: Currency,
    /// The date of the rate used, for a currency other than som.
    pub rate_date: Option<String>,
}

/// The items the feed offers, in product order.
fn items(ctx: &Ctx<'_>, lang: Lang, currency: Currency) -> Result<(Vec<Item>, Option<String>)> {
    let rates = ctx.store.rates_on(ctx.now.date_naive())?;
    let rate_date = match currency {
        Currency::Kgs => None,
        c => Some(
            rates
                .get(c)
                .ok_or(InputProblem::FeedNoRate { currency: c })?
                .date
                .to_string(),
        ),
    };
    let details = ctx.store.all_product_details()?;
    let mut photos = ctx.store.all_product_photos()?;
    let artisans = ctx.store.artisans()?;
    let categories = ctx.store.categories()?;
    let mut out = Vec::new();
    for record in ctx.store.all_products()? {
        let Some(id) = record.product.id else { continue };
        let Some(d) = details.get(&id).filter(|d| d.sell_online) else {
            continue;
        };
        let price = rates
            .from_som(record.product.price, currency)
            .map_err(InputProblem::Rate)?;
        out.push(Item {
            artisan: artisans
                .iter()
                .find(|a| Some(&a.code) == record.product.artisan.as_ref())
                .cloned(),
            category: categories
                .iter()
                .find(|(code, _)| *code == record.product.category)
                .map_or(record.product.category.clone(), |(_, names)| {
                    names.get(lang).to_string()
                }),
            details: d.clone(),
            on_hand: record.on_hand,
            price,
            photos: photos
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|p| content_name(&p.sha256))
                .collect(),
            product: record.product,
        });
    }
    Ok((out, rate_date))
}

/// The feed's rows (for tests and `--json`), without writing anything.
pub fn feed(
    ctx: &Ctx<'_>,
    channel: Channel,
    base_url: Option<&str>,
    currency: Currency,
    lang: Lang,
) -> Result<(Feed, Vec<Item>, Option<String>)> {
    let (items, rate_date) = items(ctx, lang, currency)?;
    let opts = Options {
        lang,
        base_url: base_url.map(str::to_string),
        shop_name: ctx.store.shop()?.name,
    };
    Ok((build(channel, &items, &opts), items, rate_date))
}

/// Writes the feed file and the photos it links into `out` (replaced only with `force`).
pub fn export(
    ctx: &Ctx<'_>,
    channel: Channel,
    out: &Path,
    force: bool,
    base_url: Option<&str>,
    currency: Currency,
    lang: Lang,
) -> Result<FeedReport> {
    export_with(
        ctx,
        Target {
            channel,
            out,
            force,
            base_url,
            currency,
            lang,
        },
        &mut super::progress::Silent,
    )
}

/// Where and how [`export_with`] writes a feed: the arguments of [`export`].
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub channel: Channel,
    pub out: &'a Path,
    pub force: bool,
    pub base_url: Option<&'a str>,
    pub currency: Currency,
    pub lang: Lang,
}

/// [`export`], reporting each product's photos read to `progress` (products offered in all). Everything is
/// gathered before the folder is written, so a stop asked for through `progress` refuses with nothing written.
pub fn export_with(
    ctx: &Ctx<'_>,
    target: Target<'_>,
    progress: &mut dyn super::progress::Progress,
) -> Result<FeedReport> {
    let result = export_steps(ctx, target, progress);
    progress.finish();
    result
}

fn export_steps(ctx: &Ctx<'_>, target: Target<'_>, progress: &mut dyn super::progress::Progress) -> Result<FeedReport> {
    let Target {
        channel,
        out,
        force,
        base_url,
        currency,
        lang,
    } = target;
    let (feed, items, rate_date) = feed(ctx, channel, base_url, currency, lang)?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(channel.delimiter())
        .from_writer(Vec::new());
    let io = |e: csv::Error| not_written(e.to_string());
    writer.write_record(channel.header()).map_err(io)?;
    for row in &feed.rows {
        writer.write_record(row).map_err(io)?;
    }
    let bytes = writer.into_inner().map_err(|e| not_written(e.to_string()))?;
    let mut files = vec![(channel.file().to_string(), bytes)];
    let dir = super::photos::photos_dir(ctx.store.path());
    let left_out: Vec<&str> = feed.missing.iter().map(|m| m.barcode.as_str()).collect();
    let offered: Vec<&Item> = items
        .iter()
        .filter(|i| !left_out.contains(&i.product.barcodes.first().map_or("", |b| b.as_str())))
        .collect();
    let total = offered.len() as u64;
    progress.step(0, total);
    for (done, item) in (1..).zip(offered) {
        if progress.cancelled() {
            return Err(super::progress::stopped(super::progress::Job::FeedExport));
        }
        for name in &item.photos {
            if files.iter().any(|(n, _)| n == name) {
                continue;
            }
            let bytes = std::fs::read(dir.join(name)).map_err(|e| InputProblem::PhotoMissing {
                name: name.clone(),
                product: item.product.names.to_string(),
                dir: dir.display().to_string(),
                reason: e.to_string(),
            })?;
            files.push((name.clone(), bytes));
        }
        progress.step(done, total);
    }
    if progress.cancelled() {
        return Err(super::progress::stopped(super::progress::Job::FeedExport));
    }
    super::output::write_dir(ctx.store.path(), out, force, &files)?;
    Ok(FeedReport {
        format: channel,
        file: channel.file().to_string(),
        rows: feed.rows.len(),
        photos: files.len() - 1,
        missing: feed.missing,
        currency,
        rate_date,
    })
}

/// A feed that could not be put into bytes.
fn not_written(reason: String) -> AppError {
    InputProblem::NotWritten {
        what: Document::Feed,
        reason,
    }
    .into()
}
