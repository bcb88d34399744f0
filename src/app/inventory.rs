//! The manager's inventory jobs: the product list, adding and editing products, movement history, stocktake.

use super::{Ctx, Result};
use crate::domain::barcode::Barcode;
use crate::domain::catalog::{Names, Product, ProductId};
use crate::store::{MovementRecord, ProductFilter, ProductRecord};
use rust_decimal::Decimal;

pub fn list(ctx: &Ctx<'_>, filter: &ProductFilter) -> Result<Vec<ProductRecord>> {
    Ok(ctx.store.filter_products(filter)?)
}

/// Validates and stores a new or edited product; its tax group must be one the shop's tax settings know. A new
/// product, or a change of price, tax group, barcodes, artisan or commission, is a manager's (or approved) job:
/// what a sale charges and an artisan is owed. Names, category and attributes a cashier may correct alone.
pub fn save(ctx: &mut Ctx<'_>, product: &Product) -> Result<ProductRecord> {
    save_with(ctx, product, None)
}

/// [`save`] with the form's craft data, in the same transaction.
pub fn save_with(
    ctx: &mut Ctx<'_>,
    product: &Product,
    details: Option<&crate::domain::craft::ProductDetails>,
) -> Result<ProductRecord> {
    super::master::refuse(ctx.store, super::master::MasterPart::Catalog)?;
    product.validate()?;
    let old = match product.id {
        Some(id) => ctx.store.product(id)?,
        None => None,
    };
    let guarded = |p: &Product| {
        let mut codes: Vec<&str> = p.barcodes.iter().map(Barcode::as_str).collect();
        codes.sort_unstable();
        (
            p.price,
            p.tax_group.clone(),
            codes.join("|"),
            p.artisan.clone(),
            p.commission_pct,
            // The purchase cost is a manager's figure like the price.
            p.cost,
        )
    };
    if old.is_none_or(|old| guarded(&old.product) != guarded(product)) {
        super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    }
    ctx.store.tax_config()?.vat_for(&product.tax_group)?;
    let stamp = ctx.stamp();
    let by = super::users::changed_by(ctx);
    ctx.store
        .save_product_with(product, details, &[], &stamp, &by)
        .map_err(|e| match e {
            crate::store::StoreError::Conflict(reason) => super::input::InputProblem::ProductNotSaved { reason }.into(),
            other => other.into(),
        })
}

/// A fresh in-store EAN-13 for a handmade item.
pub fn new_in_store_code(ctx: &mut Ctx<'_>) -> Result<Barcode> {
    Ok(ctx.store.reserve_in_store_code()?)
}

pub fn history(ctx: &Ctx<'_>, product: ProductId) -> Result<Vec<MovementRecord>> {
    Ok(ctx.store.movements(product)?)
}

/// Applies counted quantities as count movements (expected is read at the moment of applying).
pub fn apply_stocktake(ctx: &mut Ctx<'_>, counts: &[(ProductId, Decimal)]) -> Result<usize> {
    super::users::authorize(ctx, crate::domain::user::Action::Stocktake)?;
    for (id, qty) in counts {
        if let Some(record) = ctx.store.product(*id)? {
            record.product.check_quantity(*qty)?;
        }
    }
    let stamp = ctx.stamp();
    Ok(ctx.store.apply_counts(counts, &stamp)?.len())
}

pub fn categories(ctx: &Ctx<'_>) -> Result<Vec<(String, crate::domain::catalog::Names)>> {
    Ok(ctx.store.categories()?)
}

pub fn artisans(ctx: &Ctx<'_>) -> Result<Vec<crate::domain::catalog::Artisan>> {
    Ok(ctx.store.artisans()?)
}

/// A product's craft data, for the form.
pub fn details(ctx: &Ctx<'_>, id: ProductId) -> Result<crate::domain::craft::ProductDetails> {
    Ok(ctx.store.product_details(id)?)
}

/// One product as stored now (the screen reads the picked product again after every change).
pub fn product(ctx: &Ctx<'_>, id: ProductId) -> Result<Option<ProductRecord>> {
    Ok(ctx.store.product(id)?)
}

/// The shop's tax groups with their VAT percent, for the product form's pick list.
pub fn tax_groups(ctx: &Ctx<'_>) -> Result<Vec<(String, Decimal)>> {
    Ok(ctx.store.tax_config()?.vat_pct.into_iter().collect())
}

/// Makes a category on purpose, with its names in the shop's languages; its code is made from the names, so
/// nobody types one. A category by the same name is refused (two "Hats" in a pick list cannot be told apart).
/// Categories are master data, like prices: a manager's (or approved) job.
pub fn add_category(ctx: &mut Ctx<'_>, names: &Names) -> Result<(String, Names)> {
    super::master::refuse(ctx.store, super::master::MasterPart::Catalog)?;
    if names.is_empty() {
        return Err(super::input::InputProblem::CategoryNeedsName.into());
    }
    let existing = ctx.store.categories()?;
    let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
    if let Some((_, old)) = existing
        .iter()
        .find(|(_, n)| same(&names.ky, &n.ky) || same(&names.ru, &n.ru) || same(&names.en, &n.en))
    {
        return Err(super::input::InputProblem::CategoryExists { name: old.to_string() }.into());
    }
    super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    let code = category_code(names, existing.iter().map(|(c, _)| c.as_str()));
    ctx.store.save_categories(&[(code.clone(), names.clone())])?;
    Ok((code, names.clone()))
}

/// A code for a new category: its English (else Russian, else Kyrgyz) name in lower-case ASCII words joined by
/// `_`, Cyrillic spelt in Latin letters; a number is added when the code is taken.
pub fn category_code<'a>(names: &Names, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: Vec<&str> = taken.collect();
    let source = [&names.en, &names.ru, &names.ky]
        .into_iter()
        .find(|n| !n.is_empty())
        .map_or("", |n| n.as_str());
    let mut code = String::new();
    for c in source.to_lowercase().chars() {
        let latin = match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            _ => latin(c).to_string(),
        };
        if latin.is_empty() || !latin.chars().all(|l| l.is_ascii_alphanumeric()) {
            if !code.ends_with('_') && !code.is_empty() {
                code.push('_');
            }
        } else {
            code.push_str(&latin);
        }
    }
    let base = match code.trim_matches('_') {
        "" => "category".to_string(),
        c => c.to_string(),
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate.as_str()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// Queues `copies` price labels of a saved product (the window then prints the queue).
pub fn queue_labels(ctx: &mut Ctx<'_>, id: ProductId, copies: u32) -> Result<Vec<i64>> {
    let record = ctx
        .store
        .product(id)?
        .ok_or(super::input::InputProblem::NoProduct { id: id.0 })?;
    let code = record
        .product
        .barcodes
        .first()
        .ok_or_else(|| super::input::InputProblem::NoLabelBarcode {
            name: record.product.names.to_string(),
        })?
        .to_string();
    (0..copies)
        .map(|_| super::printing::enqueue_label(ctx, &code))
        .collect()
}

/// Cyrillic letters of Kyrgyz and Russian in Latin letters, for codes only (never shown to a customer).
fn latin(c: char) -> &'static str {
    const TABLE: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "yo"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "y"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('ң', "ng"),
        ('о', "o"),
        ('ө', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ү', "u"),
        ('ф', "f"),
        ('х', "h"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "sch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "yu"),
        ('я', "ya"),
    ];
    TABLE.iter().find(|(k, _)| *k == c).map_or(" ", |(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_code_is_made_from_its_names() {
        let check = |ky: &str, ru: &str, en: &str, taken: &[&str], expected: &str| {
            assert_eq!(category_code(&Names::new(ky, ru, en), taken.iter().copied()), expected);
        };
        check("Кийиз", "Войлок", "Felt rugs", &[], "felt_rugs");
        check("Кийиз", "Войлок", "", &[], "voylok");
        check("Өрнөк кийиз", "", "", &[], "ornok_kiyiz");
        check("", "", "Hats", &["hats"], "hats_2");
        check("", "", "Hats", &["hats", "hats_2"], "hats_3");
        check("", "", "!!", &[], "category");
    }
}
