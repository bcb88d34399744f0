//! The demo shop: a felt and leather crafts shop in Bishkek with ~60 real-looking products, 8 artisans,
//! today's exchange rates and opening stock; optionally padded with synthetic products for benchmarks.

use super::catalog::parse_csv;
use super::{AppError, Ctx, Result};
use crate::domain::catalog::{Artisan, Names, Product};
use crate::domain::currency::{Currency, ExchangeRate};
use crate::domain::money::Som;
use crate::domain::receipt::ShopInfo;
use crate::domain::user::Role;
use crate::store::CatalogRow;
use crate::store::settings as keys;
use rust_decimal::Decimal;

const CATEGORIES: &str = include_str!("../../assets/demo/categories.csv");
const ARTISANS: &str = include_str!("../../assets/demo/artisans.csv");
const CATALOG: &str = include_str!("../../assets/demo/catalog.csv");

/// The demo shop's users and their PINs (also in the README): an admin, a manager and a cashier.
pub const DEMO_USERS: &[(&str, Role, &str)] = &[
    ("Админ", Role::Admin, "9999"),
    ("Айгүл", Role::Manager, "1234"),
    ("Бакыт", Role::Cashier, "0000"),
];

/// What the demo created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub products: usize,
    pub artisans: usize,
    pub categories: usize,
}

pub fn shop() -> ShopInfo {
    ShopInfo {
        name: "Уста — кол өнөрчүлүк дүкөнү".into(),
        address: "Бишкек ш., Чүй пр. 150".into(),
        tin: "02811199610123".into(),
        register_reg_no: "0000417001".into(),
        phone: "+996 312 000 000".into(),
        footer: vec!["Рахмат! · Спасибо! · Thank you!".into()],
    }
}

fn demo_error(what: &str, e: impl std::fmt::Display) -> AppError {
    super::input::InputProblem::DemoBroken {
        what: what.to_string(),
        reason: e.to_string(),
    }
    .into()
}

fn categories() -> Result<Vec<(String, Names)>> {
    let mut reader = csv::Reader::from_reader(CATEGORIES.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| demo_error("categories", e))?;
            Ok((r[0].to_string(), Names::new(&r[1], &r[2], &r[3])))
        })
        .collect()
}

fn artisans() -> Result<Vec<Artisan>> {
    let mut reader = csv::Reader::from_reader(ARTISANS.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| demo_error("artisans", e))?;
            Ok(Artisan {
                id: None,
                code: r[0].to_string(),
                name: r[1].to_string(),
                village: r[2].to_string(),
                region: r[3].to_string(),
                commission_pct: r[4].parse().map_err(|e| demo_error("artisans", e))?,
                phone: r[5].to_string(),
            })
        })
        .collect()
}

/// Product kinds the synthetic catalog cycles through: names in ky, ru, en and the category code.
pub const SYNTHETIC_ITEMS: [(&str, &str, &str, &str); 8] = [
    ("Кийиз тапочка", "Войлочные тапочки", "Felt slippers", "felt_footwear"),
    ("Ак калпак", "Ак-калпак", "Ak-kalpak hat", "hats"),
    ("Шырдак", "Шырдак", "Shyrdak carpet", "carpets"),
    ("Кийиз оюнчук", "Войлочная игрушка", "Felt toy", "toys"),
    ("Жибек жоолук", "Шёлковый шарф", "Silk scarf", "scarves"),
    ("Тери капчык", "Кожаный кошелёк", "Leather wallet", "leather"),
    ("Туш кийиз", "Туш-кийиз", "Tush-kiyiz embroidery", "embroidery"),
    ("Кичинекей боз үй", "Мини-юрта", "Mini yurt", "yurts"),
];
/// Colours the synthetic catalog picks from, in ky, ru, en.
pub const SYNTHETIC_COLOURS: [(&str, &str, &str); 6] = [
    ("кызыл", "красный", "red"),
    ("көк", "синий", "blue"),
    ("ак", "белый", "white"),
    ("боз", "серый", "grey"),
    ("жашыл", "зелёный", "green"),
    ("күрөң", "коричневый", "brown"),
];

/// Synthetic products after the real ones: plausible names and prices, deterministic for a given count.
fn synthetic(count: usize, first_line: usize) -> Vec<CatalogRow> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    (0..count)
        .map(|i| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let (ky, ru, en, category) = SYNTHETIC_ITEMS[i % SYNTHETIC_ITEMS.len()];
            let (cky, cru, cen) = SYNTHETIC_COLOURS[(seed >> 33) as usize % SYNTHETIC_COLOURS.len()];
            let n = i + 1;
            let price = 200 + (seed >> 40) % 12_000 * 10;
            CatalogRow {
                line: first_line + i,
                product: Product {
                    id: None,
                    names: Names::new(
                        &format!("{ky} {cky} №{n}"),
                        &format!("{ru} {cru} №{n}"),
                        &format!("{en} {cen} #{n}"),
                    ),
                    category: category.into(),
                    price: Som::whole(price as i64),
                    tax_group: "standard".into(),
                    barcodes: Vec::new(),
                    attributes: Default::default(),
                    artisan: None,
                    commission_pct: None,
                    unit: Default::default(),
                    cost: None,
                },
                opening_stock: Decimal::from((seed >> 20) % 20 + 1),
                details: Default::default(),
                photos: vec![],
                cost_given: false,
            }
        })
        .collect()
}

/// Fills an empty database with the demo shop. `products` is the total number of products wanted: fewer than
/// the real demo set takes its first ones, more adds synthetic products.
pub fn create(ctx: &mut Ctx<'_>, products: usize) -> Result<DemoSummary> {
    if ctx.store.has_shop()? || ctx.store.product_count()? > 0 {
        return Err(super::input::InputProblem::DemoShopExists {
            path: ctx.store.path().display().to_string(),
        }
        .into());
    }
    let categories = categories()?;
    let artisans = artisans()?;
    let mut rows = parse_csv("assets/demo/catalog.csv", CATALOG.as_bytes())?;
    rows.truncate(products);
    let real = rows.len();
    rows.extend(synthetic(products.saturating_sub(real), real + 2));

    ctx.store.save_categories(&categories)?;
    ctx.store.save_artisans(&artisans)?;
    let stamp = ctx.stamp();
    ctx.store
        .import_catalog(&rows, &stamp, &super::users::changed_by(ctx))?;

    let today = ctx.now.date_naive();
    let rates = [
        (Currency::Usd, "87.45"),
        (Currency::Eur, "101.20"),
        (Currency::Rub, "1.08"),
        (Currency::Kzt, "0.1745"),
    ]
    .into_iter()
    .map(|(c, r)| ExchangeRate::new(c, r.parse().unwrap_or(Decimal::ONE), today).map_err(|e| demo_error("rates", e)))
    .collect::<Result<Vec<_>>>()?;
    ctx.store.set_rates(&rates, "demo")?;

    ctx.store
        .set_setting(keys::TAX, &crate::domain::tax::TaxConfig::default())?;
    ctx.store
        .set_setting(keys::PAYMENT, &crate::domain::payment::PaymentRules::default())?;
    ctx.store.set_setting(keys::REGISTER, &"R1")?;
    for (name, role, pin) in DEMO_USERS {
        if ctx.store.user_by_name(name)?.is_none() {
            super::users::add(ctx, name, *role, pin)?;
        }
    }
    // The shop setting goes last: its presence marks the demo as complete.
    ctx.store.set_setting(keys::SHOP, &shop())?;
    Ok(DemoSummary {
        products: rows.len(),
        artisans: artisans.len(),
        categories: categories.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_data_parses() {
        assert!(categories().expect("categories").len() >= 10);
        assert_eq!(artisans().expect("artisans").len(), 8);
        let rows = parse_csv("catalog.csv", CATALOG.as_bytes()).expect("catalog");
        assert!(rows.len() >= 60, "{} products", rows.len());
        let known: Vec<String> = categories().expect("categories").into_iter().map(|c| c.0).collect();
        for row in &rows {
            assert!(
                known.contains(&row.product.category),
                "row {} category {}",
                row.line,
                row.product.category
            );
            assert!(row.product.price >= Som::whole(200) && row.product.price <= Som::whole(120_000));
        }
    }

    #[test]
    fn synthetic_products_are_valid_and_deterministic() {
        let a = synthetic(500, 70);
        assert_eq!(a, synthetic(500, 70));
        assert!(a.iter().all(|r| r.product.validate().is_ok()));
    }
}
