//! `usta catalog feed` through the real binary: each channel's file has only columns the channel's own import
//! documents, every row fills what the channel requires, only products marked "sell online" are in it, a product
//! lacking a required field is named with the field, prices convert at the stored rate, and the photos are copied
//! beside the feed under the names its image links end with.

mod support;

use std::collections::HashMap;
use support::{Shop, json, stderr};

/// Shopify's product CSV template (help.shopify.com, "Using CSV files to import and export products").
const SHOPIFY: &[&str] = &[
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option2 Name",
    "Option2 Value",
    "Option3 Name",
    "Option3 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Qty",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Variant Barcode",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Gift Card",
    "SEO Title",
    "SEO Description",
    "Variant Image",
    "Variant Weight Unit",
    "Variant Tax Code",
    "Cost per item",
    "Status",
];

/// WooCommerce's product CSV importer schema (woocommerce.com, "Product CSV Import Schema").
const WOOCOMMERCE: &[&str] = &[
    "ID",
    "Type",
    "SKU",
    "Name",
    "Published",
    "Is featured?",
    "Visibility in catalog",
    "Short description",
    "Description",
    "Date sale price starts",
    "Date sale price ends",
    "Tax status",
    "Tax class",
    "In stock?",
    "Stock",
    "Backorders allowed?",
    "Sold individually?",
    "Weight (kg)",
    "Length (cm)",
    "Width (cm)",
    "Height (cm)",
    "Allow customer reviews?",
    "Purchase note",
    "Sale price",
    "Regular price",
    "Categories",
    "Tags",
    "Shipping class",
    "Images",
    "Parent",
    "Grouped products",
    "Upsells",
    "Cross-sells",
    "External URL",
    "Button text",
    "Position",
    "Attribute 1 name",
    "Attribute 1 value(s)",
    "Attribute 1 visible",
    "Attribute 1 global",
    "Attribute 2 name",
    "Attribute 2 value(s)",
    "Attribute 2 visible",
    "Attribute 2 global",
];

/// Google Merchant Center product data specification (attribute names of a TSV feed).
const GOOGLE: &[&str] = &[
    "id",
    "title",
    "description",
    "link",
    "image_link",
    "additional_image_link",
    "mobile_link",
    "availability",
    "price",
    "sale_price",
    "google_product_category",
    "product_type",
    "brand",
    "gtin",
    "mpn",
    "identifier_exists",
    "condition",
    "adult",
    "multipack",
    "is_bundle",
    "age_group",
    "color",
    "gender",
    "material",
    "pattern",
    "size",
    "item_group_id",
    "shipping",
    "shipping_weight",
];
const GOOGLE_REQUIRED: &[&str] = &[
    "id",
    "title",
    "description",
    "link",
    "image_link",
    "availability",
    "price",
    "condition",
    "brand",
];

/// Etsy's listing fields (Open API v3 createDraftListing: title, description, price, quantity, who_made,
/// when_made, taxonomy_id are required), with the image columns of Etsy's bulk-listing CSV.
const ETSY: &[&str] = &[
    "title",
    "description",
    "price",
    "currency_code",
    "quantity",
    "sku",
    "who_made",
    "when_made",
    "taxonomy_id",
    "materials",
    "tags",
    "image1",
    "image2",
    "image3",
    "image4",
    "image5",
];
const ETSY_REQUIRED: &[&str] = &[
    "title",
    "description",
    "price",
    "quantity",
    "who_made",
    "when_made",
    "taxonomy_id",
];

fn picture(shop: &Shop, name: &str, blue: u8) {
    image::RgbImage::from_fn(200, 150, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, blue]))
        .save(shop.dir.path().join(name))
        .expect("photo");
}

/// The demo shop with slippers in two sizes (one product with variants online), a shyrdak with a photo and an
/// Etsy category, a felt toy marked for sale online but with no photo, and a hat not offered online.
fn online_shop() -> Shop {
    let shop = Shop::demo();
    picture(&shop, "slippers.png", 30);
    picture(&shop, "shyrdak.png", 200);
    let csv = shop.dir.path().join("online.csv");
    std::fs::write(
        &csv,
        "barcode,name_ky,name_ru,name_en,category,price,artisan,attributes,technique,materials_en,sell_online,photos,opening_stock\n\
         2100000090013,Кийиз тапичке 38,Войлочные тапочки 38,Felt slippers 38,felt_footwear,1800,A01,size=38|colour=grey,felt,sheep wool,yes,slippers.png,4\n\
         2100000090020,Кийиз тапичке 40,Войлочные тапочки 40,Felt slippers 40,felt_footwear,1800,A01,size=40|colour=grey,felt,sheep wool,yes,slippers.png,2\n\
         2100000090037,Шырдак,Шырдак,Shyrdak rug,carpets,45000,A02,etsy_taxonomy=1041,shyrdak,\"wool, natural dyes\",yes,shyrdak.png,1\n\
         2100000090044,Кийиз ат,Войлочная лошадка,Felt horse,toys,900,,,felt,wool,yes,,3\n\
         2100000090051,Калпак,Калпак,Hat offline,hats,2500,,,felt,wool,no,,3\n",
    )
    .expect("csv");
    let out = shop.usta(&["catalog", "import", csv.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    shop
}

/// Runs a feed; returns the JSON report and the file's rows as header → value maps.
fn feed(shop: &Shop, format: &str, extra: &[&str]) -> (serde_json::Value, Vec<String>, Vec<HashMap<String, String>>) {
    let out_dir = shop.dir.path().join(format);
    let mut args = vec!["--json", "--lang", "en", "catalog", "feed", "--format", format, "--out"];
    let out_text = out_dir.display().to_string();
    args.push(&out_text);
    args.extend(extra);
    let out = shop.usta(&args);
    assert!(out.status.success(), "{format}: {}", stderr(&out));
    let report = json(&out);
    let file = out_dir.join(report["file"].as_str().expect("file"));
    let delimiter = if format == "google" { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(&file)
        .expect("feed file");
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect();
    (report, header, rows)
}

fn check_columns(
    format: &str,
    header: &[String],
    published: &[&str],
    required: &[&str],
    rows: &[HashMap<String, String>],
) {
    for column in header {
        assert!(
            published.contains(&column.as_str()),
            "{format}: '{column}' is not a column the channel documents"
        );
    }
    for column in required {
        assert!(
            header.iter().any(|h| h == column),
            "{format}: the required column '{column}' is missing"
        );
        for row in rows {
            assert!(
                !row[*column].trim().is_empty(),
                "{format}: a row has no {column}: {row:?}"
            );
        }
    }
}

#[test]
fn each_feed_has_the_channels_columns_and_required_fields() {
    let shop = online_shop();
    let base = ["--base-url", "https://shop.example.kg/img"];

    let (report, header, rows) = feed(&shop, "shopify", &base);
    check_columns(
        "shopify",
        &header,
        SHOPIFY,
        &["Handle", "Title", "Variant Price", "Variant SKU"],
        &rows,
    );
    let slippers: Vec<_> = rows
        .iter()
        .filter(|r| r["Variant SKU"].starts_with("210000009001") || r["Variant SKU"] == "2100000090020")
        .collect();
    assert_eq!(slippers.len(), 2, "two sizes");
    assert_eq!(slippers[0]["Handle"], slippers[1]["Handle"], "variants of one product");
    assert_eq!(slippers[0]["Option1 Name"], "Size");
    assert_eq!(
        (
            slippers[0]["Option1 Value"].as_str(),
            slippers[1]["Option1 Value"].as_str()
        ),
        ("38", "40")
    );
    assert_eq!(slippers[0]["Variant Inventory Qty"], "4");
    assert_eq!(slippers[0]["Variant Price"], "1800.00");
    assert!(!slippers[0]["Vendor"].is_empty(), "the artisan is the vendor");
    assert!(
        rows.iter().all(|r| r["Variant SKU"] != "2100000090051"),
        "a product not offered online stays out"
    );
    // The photos are copied beside the feed under the names the image links end with.
    for r in rows.iter().filter(|r| !r["Image Src"].is_empty()) {
        let name = r["Image Src"].rsplit('/').next().expect("name");
        assert!(r["Image Src"].starts_with("https://shop.example.kg/img/"));
        assert!(
            shop.dir.path().join("shopify").join(name).is_file(),
            "{name} beside the feed"
        );
    }
    assert_eq!(report["photos"], 2);

    let (_, header, rows) = feed(&shop, "woocommerce", &base);
    check_columns("woocommerce", &header, WOOCOMMERCE, &["Type", "SKU", "Name"], &rows);
    let parent = rows
        .iter()
        .find(|r| r["Type"] == "variable")
        .expect("a variable product");
    assert_eq!(parent["Attribute 1 name"], "Size");
    assert_eq!(parent["Attribute 1 value(s)"], "38, 40");
    let variations: Vec<_> = rows.iter().filter(|r| r["Type"] == "variation").collect();
    assert_eq!(variations.len(), 2);
    assert!(
        variations
            .iter()
            .all(|v| v["Parent"] == parent["SKU"] && !v["Regular price"].is_empty())
    );
    assert!(
        rows.iter()
            .any(|r| r["Type"] == "simple" && r["SKU"] == "2100000090037")
    );

    let (report, header, rows) = feed(&shop, "google", &[&base[..], &["--currency", "USD"]].concat());
    check_columns("google", &header, GOOGLE, GOOGLE_REQUIRED, &rows);
    let rug = rows.iter().find(|r| r["id"] == "2100000090037").expect("the shyrdak");
    // 45 000 som at the demo's 87.45 som per dollar.
    assert_eq!(rug["price"], "514.58 USD");
    assert_eq!(rug["condition"], "new");
    assert_eq!(rug["identifier_exists"], "no", "an in-store code is no GTIN");
    assert!(rug["product_type"].contains("Shyrdak"), "{}", rug["product_type"]);
    assert!(rug["link"].starts_with("https://shop.example.kg/img/products/"));
    let missing = report["missing"].as_array().expect("missing");
    assert!(
        missing
            .iter()
            .any(|m| m["barcode"] == "2100000090044" && m["field"] == "image_link"),
        "the horse without a photo is named with the field: {missing:?}"
    );
    assert!(rows.iter().all(|r| r["id"] != "2100000090044"));

    let (report, header, rows) = feed(&shop, "etsy", &base);
    check_columns("etsy", &header, ETSY, ETSY_REQUIRED, &rows);
    let rug = rows.iter().find(|r| r["sku"] == "2100000090037").expect("the shyrdak");
    assert_eq!(
        (rug["who_made"].as_str(), rug["when_made"].as_str()),
        ("collective", "2020_2026")
    );
    assert_eq!(rug["taxonomy_id"], "1041");
    let missing = report["missing"].as_array().expect("missing");
    assert!(missing.iter().any(|m| m["field"] == "taxonomy_id"), "{missing:?}");
}

#[test]
fn a_feed_without_base_url_names_the_missing_links_and_a_currency_without_rate_is_refused() {
    let shop = online_shop();
    let out = shop.usta(&[
        "catalog",
        "feed",
        "--format",
        "google",
        "--out",
        shop.dir.path().join("g").to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("2100000090037") && err.contains("has no link"), "{err}");
    let out = shop.usta(&[
        "catalog",
        "feed",
        "--format",
        "shopify",
        "--currency",
        "EUR",
        "--out",
        shop.dir.path().join("s").to_str().expect("path"),
    ]);
    assert!(out.status.success(), "the demo has a EUR rate: {}", stderr(&out));
    let db = shop.db.display().to_string();
    let out = shop.usta(&["catalog", "feed", "--format", "etsy", "--out", &db]);
    assert!(!out.status.success(), "the database is never a feed folder");
}

/// Counts the products whose photos a feed gathers, and stops when asked once `stop_after` are done.
struct Counting {
    steps: Vec<(u64, u64)>,
    stop_after: Option<u64>,
}

impl usta::app::progress::Progress for Counting {
    fn step(&mut self, done: u64, total: u64) {
        self.steps.push((done, total));
    }
    fn cancelled(&self) -> bool {
        self.stop_after
            .is_some_and(|n| self.steps.last().is_some_and(|(done, _)| *done >= n))
    }
}

#[test]
fn a_feed_counts_its_products_and_a_cancelled_one_writes_nothing() {
    use usta::app::feed::{Target, export_with};
    let shop = online_shop();
    let mut store = shop.open();
    let ctx = usta::app::Ctx::new(&mut store, support::at(12, 0), usta::domain::catalog::Lang::En);
    let target = |out| Target {
        channel: "shopify".parse().expect("channel"),
        out,
        force: false,
        base_url: Some("https://shop.example.kg/img"),
        currency: usta::domain::currency::Currency::Kgs,
        lang: usta::domain::catalog::Lang::En,
    };
    let stopped_at = shop.dir.path().join("stopped");
    let mut progress = Counting {
        steps: vec![],
        stop_after: Some(1),
    };
    let err = export_with(&ctx, target(&stopped_at), &mut progress).expect_err("stopped");
    assert_eq!(err.to_string(), "the feed export was cancelled; nothing was changed");
    assert_eq!(progress.steps.last().map(|s| s.0), Some(1), "{:?}", progress.steps);
    assert!(!stopped_at.exists(), "no folder is written");

    let out = shop.dir.path().join("whole");
    let mut progress = Counting {
        steps: vec![],
        stop_after: None,
    };
    let report = export_with(&ctx, target(&out), &mut progress).expect("feed");
    let total = progress.steps[0].1;
    assert!(total >= 2, "{:?}", progress.steps);
    assert!(progress.steps.windows(2).all(|w| w[0].0 < w[1].0 && w[1].1 == total));
    assert_eq!(progress.steps.last(), Some(&(total, total)));
    assert_eq!(report.photos, 2);
    assert!(out.join(&report.file).is_file());
}
