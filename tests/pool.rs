//! The association's pool through the real binary: two shops' ledgers imported once, a re-import counted once,
//! a changed re-export reported as a conflict, a tampered or provisional ledger rejected with the file named,
//! and reports per shop and craft in CSV, JSON and HTML with charts.

mod support;

use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use support::{Shop, at, json, stderr, stdout, usta_on};
use usta::app::{Ctx, checkout, day, ledger};
use usta::domain::Som;
use usta::domain::catalog::Lang;
use usta::domain::ledger::Dialect;
use usta::domain::payment::{PaymentKind, Tender};
use usta::domain::receipt::ShopInfo;

const HAT: &str = "2100000000098";

/// A demo shop with its own TIN that sells `hats` hats on 28 November and closes the day. Returns the net.
fn shop_with_day(tin: &str, hats: i64) -> (Shop, Som) {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut info: ShopInfo = store.shop().expect("shop");
    info.tin = tin.into();
    store.set_setting("shop", &info).expect("tin");
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(100_000))];
    checkout::sell(&mut ctx, &[(HAT.into(), Decimal::from(hats))], &cash).expect("sale");
    ctx.now = at(19, 0);
    let closed = day::close(&mut ctx, &[]).expect("close");
    (shop, closed.report.net)
}

fn export(shop: &Shop, name: &str, dialect: Dialect) -> PathBuf {
    let dir = shop.dir.path().join(name);
    let mut store = shop.open();
    let ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
    ledger::export(&ctx, at(9, 0).date_naive(), &dir, dialect, false).expect("export");
    dir
}

fn pool_cmd(pool: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--json", "pool"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--pool", pool.to_str().expect("utf8")]);
    // The pool never touches a shop database: point USTA_DB at a path that must stay absent.
    usta_on(&pool.with_extension("no-shop.db"), &all)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

#[test]
fn import_once_conflicts_and_rejections_then_reports() {
    let (a, net_a) = shop_with_day("01111111111111", 2);
    let (b, net_b) = shop_with_day("02222222222222", 3);
    let pool_dir = tempfile::tempdir().expect("dir");
    let pool = pool_dir.path().join("association.db");
    let la = export(&a, "a", Dialect::ExcelRu);
    let lb = export(&b, "b", Dialect::Plain);

    let first = json(&pool_cmd(&pool, &["import", s(&la), s(&lb)]));
    assert_eq!(
        (first["imported"].as_u64(), first["rejected"].as_u64()),
        (Some(2), Some(0))
    );
    // The same ledgers again, one of them in the other dialect: the same facts, counted once.
    let la_plain = export(&a, "a-plain", Dialect::Plain);
    let again = json(&pool_cmd(&pool, &["import", s(&la), s(&la_plain), s(&lb)]));
    assert_eq!(
        (again["imported"].as_u64(), again["already_imported"].as_u64()),
        (Some(0), Some(3))
    );

    // Shop A renames itself and re-exports the same day: the facts differ, so it is a conflict, not a merge.
    {
        let mut store = a.open();
        let mut info: ShopInfo = store.shop().expect("shop");
        info.name = "Уста-2".into();
        store.set_setting("shop", &info).expect("rename");
    }
    let changed = export(&a, "a-changed", Dialect::ExcelRu);
    let out = pool_cmd(&pool, &["import", s(&changed)]);
    assert!(!out.status.success(), "a conflict fails the run");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["conflicts"], 1);
    assert_eq!(report["lines"][0]["outcome"], "conflict");
    assert!(stderr(&out).contains("conflict"), "{}", stderr(&out));

    // A tampered file set is rejected, naming the file; a good one in the same run still imports nothing new.
    let bad = a.dir.path().join("tampered");
    std::fs::create_dir_all(&bad).expect("dir");
    for entry in std::fs::read_dir(&lb).expect("list") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), bad.join(entry.file_name())).expect("copy");
    }
    let pay = std::fs::read_to_string(bad.join("payments.csv")).expect("payments");
    std::fs::write(bad.join("payments.csv"), pay.replace("cash", "card")).expect("tamper");
    let out = pool_cmd(&pool, &["import", s(&bad), s(&lb)]);
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let reason = report["lines"][0]["reason"].as_str().expect("reason");
    assert!(
        reason.starts_with("payments.csv:") && reason.contains("checksum"),
        "{reason}"
    );
    assert_eq!(report["already_imported"], 1);

    // Rejected in text mode too, with the folder and file named.
    let text = usta_on(
        &pool.with_extension("no-shop.db"),
        &["pool", "import", s(&bad), "--pool", s(&pool)],
    );
    assert!(stdout(&text).contains("REJECTED") && stdout(&text).contains("payments.csv"));
    assert!(
        !pool.with_extension("no-shop.db").exists(),
        "no shop database was created"
    );

    let by_shop = json(&pool_cmd(&pool, &["report", "--by", "shop", "--format", "json"]));
    let rows = by_shop["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["key"], "01111111111111-R1");
    assert_eq!(rows[0]["net"].as_str(), Some(net_a.amount().to_string().as_str()));
    assert_eq!(rows[1]["net"].as_str(), Some(net_b.amount().to_string().as_str()));
    assert_eq!(rows[1]["items"], 3);

    let csv = pool_cmd(&pool, &["report", "--by", "month", "--format", "csv"]);
    let text = stdout(&csv);
    assert!(text.starts_with("month,sales,returns,net,items"), "{text}");
    assert!(text.contains(&format!("2026-11,{}", (net_a + net_b).plain())), "{text}");

    let html = pool_dir.path().join("report.html");
    let out = pool_cmd(
        &pool,
        &[
            "report",
            "--by",
            "artisan",
            "--format",
            "html",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            s(&html),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(
        page.starts_with("<!DOCTYPE html>") && page.matches("<svg").count() == 2,
        "two charts"
    );
    assert!(
        page.contains("Net sales by craft") && page.contains("hats"),
        "the hats category: {page}"
    );
    let empty = json(&pool_cmd(
        &pool,
        &["report", "--from", "2027-01-01", "--format", "json"],
    ));
    assert_eq!(empty["rows"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_provisional_ledger_is_not_pooled() {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(5000))];
    checkout::sell(&mut ctx, &[(HAT.into(), Decimal::ONE)], &cash).expect("sale");
    let dir = shop.dir.path().join("prov");
    ledger::export(&ctx, at(9, 0).date_naive(), &dir, Dialect::Plain, true).expect("export");
    let pool = shop.dir.path().join("pool.db");
    let out = pool_cmd(&pool, &["import", s(&dir)]);
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        report["lines"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("provisional")),
        "{report}"
    );
    // A shop database is not a pool.
    let refused = pool_cmd(&shop.db, &["report"]);
    assert!(!refused.status.success() && stderr(&refused).contains("not an Usta database"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// Changes one byte of a file in place, keeping its size.
fn flip_a_digit(file: &Path) {
    let mut bytes = std::fs::read(file).expect("read");
    let at = bytes.iter().rposition(|b| b.is_ascii_digit()).expect("a digit");
    bytes[at] = if bytes[at] == b'9' { b'8' } else { bytes[at] + 1 };
    std::fs::write(file, bytes).expect("write");
}

#[test]
fn a_pooled_folder_is_recognised_by_its_seal_and_a_changed_byte_is_still_caught() {
    let (a, _) = shop_with_day("01111111111111", 2);
    let folder = export(&a, "a", Dialect::ExcelRu);
    let archive = a.dir.path().join("a.tar.gz");
    let beside = a.dir.path().join("a-beside-archive");
    let written = a.usta(&[
        "ledger",
        "export",
        "--date",
        "2026-11-28",
        "--out",
        s(&beside),
        "--archive",
        s(&archive),
    ]);
    assert!(written.status.success(), "{}", stderr(&written));
    // A ledger sent in the first format pools beside the new ones.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let old = a.dir.path().join("v1");
    copy_dir(&fixtures.join("ledger-v1-excel-ru"), &old);
    let pool = a.dir.path().join("association.db");
    let all = [s(&folder), s(&archive), s(&old)];
    let mut args = vec!["import"];
    args.extend(all);

    let first = json(&pool_cmd(&pool, &args));
    assert_eq!(
        (first["imported"].as_u64(), first["already_imported"].as_u64()),
        (Some(2), Some(1)),
        "the archive holds the folder's facts: {first}"
    );
    let again = json(&pool_cmd(&pool, &args));
    assert_eq!(again["already_imported"].as_u64(), Some(3), "{again}");
    let lines = again["lines"].as_array().expect("lines");
    assert!(
        lines.iter().all(|l| l["verified"] == false),
        "recognised by the seal, not verified again: {again}"
    );

    // One byte of a pooled folder's line file changed, its MANIFEST untouched: verified in full, and refused.
    flip_a_digit(&folder.join("sales.csv"));
    flip_a_digit(&old.join("stock.csv"));
    let out = pool_cmd(&pool, &args);
    assert!(!out.status.success(), "a changed folder fails the run");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let lines = report["lines"].as_array().expect("lines");
    let reason = |i: usize| lines[i]["reason"].as_str().unwrap_or_default().to_string();
    assert!(
        reason(0).starts_with("sales.csv:") && reason(0).contains("checksum"),
        "{report}"
    );
    assert!(
        reason(2).starts_with("stock.csv:") && reason(2).contains("checksum"),
        "{report}"
    );
    assert_eq!(
        (lines[1]["outcome"].as_str(), lines[1]["verified"].as_bool()),
        (Some("already_imported"), Some(false)),
        "the untouched archive is still recognised"
    );
    let (ledgers, conflicts) = usta::store::pool::Pool::open(&pool)
        .expect("pool")
        .counts()
        .expect("counts");
    assert_eq!((ledgers, conflicts), (2, 0), "the pool itself is unchanged");
}

/// What one craft shop sold on 28 November, by the groups the pool reports on.
struct CraftDay {
    shop: Shop,
    /// The shyrdak (technique `shyrdak`, artisan A01 of Нарын облусу).
    shyrdak: Som,
    /// Two leather wallets sold and one returned (technique `leather`, A06 of Ысык-Көл облусу).
    wallet: Som,
    wallet_returned: Som,
    /// Ak-kalpak hats, no technique given (A02 of Ысык-Көл облусу).
    hats: Som,
    net: Som,
}

/// A demo shop with its own TIN whose shyrdak and leather wallet have their techniques set in the catalog (the
/// hat has none), selling each on its own receipt, taking one wallet back, and closing the day.
fn craft_day(tin: &str, hats: i64) -> CraftDay {
    let shop = Shop::demo();
    let mut store = shop.open();
    let mut info: ShopInfo = store.shop().expect("shop");
    info.tin = tin.into();
    store.set_setting("shop", &info).expect("tin");
    let mut codes = Vec::new();
    for (word, technique) in [("шырдак", "shyrdak"), ("капчык", "leather")] {
        let product = support::set_technique(&mut store, word, technique, "2026-11-28T08:00:00+06:00");
        codes.push(product.barcodes[0].to_string());
    }
    let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
    let cash = [Tender::som(PaymentKind::Cash, Som::whole(100_000))];
    let sell = |ctx: &mut Ctx<'_>, code: &str, qty: i64| {
        checkout::sell(ctx, &[(code.into(), Decimal::from(qty))], &cash).expect("sale")
    };
    let shyrdak = sell(&mut ctx, &codes[0], 1).total;
    let wallets = sell(&mut ctx, &codes[1], 2);
    let hats = sell(&mut ctx, HAT, hats).total;
    let back = usta::app::returns::return_items(
        &mut ctx,
        wallets.receipt_no.expect("no"),
        &[(codes[1].clone(), Decimal::ONE)],
        PaymentKind::Cash,
    )
    .expect("return")
    .total;
    ctx.now = at(19, 0);
    let net = day::close(&mut ctx, &[]).expect("close").report.net;
    drop(store);
    CraftDay {
        shop,
        shyrdak,
        wallet: wallets.total,
        wallet_returned: back,
        hats,
        net,
    }
}

/// The report rows as (key, label, sales, returns, net), from `pool report --format json`.
fn rows_of(report: &serde_json::Value) -> Vec<(String, String, Decimal, Decimal, Decimal)> {
    let money = |v: &serde_json::Value| -> Decimal { v.as_str().expect("amount").parse().expect("decimal") };
    report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["key"].as_str().expect("key").to_string(),
                r["label"].as_str().unwrap_or_default().to_string(),
                money(&r["sales"]),
                money(&r["returns"]),
                money(&r["net"]),
            )
        })
        .collect()
}

/// Two shops' days exported by the binary in `usta-ledger/4` (one in each dialect) and a shop's `usta-ledger/2`
/// ledger pooled beside them: by technique and by region the pool sums each group's sales as sold, puts the v2
/// ledger's lines and the hats without a technique into the named "not given" groups, and every grouping adds up
/// to the same total as by shop.
#[test]
fn pooled_by_technique_and_region_the_sums_are_the_sales() {
    let a = craft_day("01111111111111", 2);
    let b = craft_day("02222222222222", 3);
    let pool_dir = tempfile::tempdir().expect("dir");
    let pool = pool_dir.path().join("association.db");
    let mut dirs = Vec::new();
    for (day, dialect) in [(&a, "excel-ru"), (&b, "plain")] {
        let dir = day.shop.dir.path().join("ledger");
        let out = day.shop.usta(&[
            "ledger",
            "export",
            "--date",
            "2026-11-28",
            "--dialect",
            dialect,
            "--out",
            s(&dir),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let ok = json(&day.shop.usta(&["--json", "ledger", "verify", s(&dir)]));
        assert_eq!(ok["format"], "usta-ledger/4", "{ok}");
        dirs.push(dir);
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let v2 = pool_dir.path().join("v2");
    copy_dir(&fixtures.join("ledger-v2-plain"), &v2);
    let v2_net: Decimal = json(&a.shop.usta(&["--json", "ledger", "verify", s(&v2)]))["net"]
        .as_str()
        .expect("net")
        .parse()
        .expect("decimal");
    dirs.push(v2);
    let mut args = vec!["import"];
    args.extend(dirs.iter().map(|d| s(d)));
    let imported = json(&pool_cmd(&pool, &args));
    assert_eq!(imported["imported"], 3, "{imported}");

    let report = |by: &str, lang: &str| {
        let mut all = vec![
            "--lang", lang, "--json", "pool", "report", "--by", by, "--format", "json",
        ];
        all.extend_from_slice(&["--pool", s(&pool)]);
        let out = usta_on(&pool.with_extension("no-shop.db"), &all);
        rows_of(&json(&out))
    };
    let total = |rows: &[(String, String, Decimal, Decimal, Decimal)]| rows.iter().map(|r| r.4).sum::<Decimal>();
    let by_shop = report("shop", "en");
    let everything = a.net.amount() + b.net.amount() + v2_net;
    assert_eq!(total(&by_shop), everything);

    let both = |f: fn(&CraftDay) -> Som| f(&a).amount() + f(&b).amount();
    let hats = both(|d| d.hats);
    let (wallets, wallets_back) = (both(|d| d.wallet), both(|d| d.wallet_returned));
    assert!(hats > Decimal::ZERO && wallets_back > Decimal::ZERO);
    let by_technique = report("technique", "en");
    assert_eq!(
        by_technique,
        vec![
            (
                "".into(),
                "No technique given".into(),
                hats + v2_net,
                Decimal::ZERO,
                hats + v2_net
            ),
            (
                "leather".into(),
                "Leatherwork".into(),
                wallets,
                wallets_back,
                wallets - wallets_back
            ),
            (
                "shyrdak".into(),
                "Shyrdak (mosaic felt)".into(),
                both(|d| d.shyrdak),
                Decimal::ZERO,
                both(|d| d.shyrdak)
            ),
        ]
    );
    assert_eq!(total(&by_technique), everything, "by technique adds up to by shop");

    let by_region = report("region", "ru");
    let nets: Vec<(&str, &str, Decimal)> = by_region.iter().map(|r| (r.0.as_str(), r.1.as_str(), r.4)).collect();
    assert_eq!(
        nets,
        vec![
            ("", "Регион не указан", v2_net),
            ("Нарын облусу", "", both(|d| d.shyrdak)),
            ("Ысык-Көл облусу", "", hats + wallets - wallets_back),
        ]
    );
    assert_eq!(total(&by_region), everything, "by region adds up to by shop");

    // CSV and HTML show the technique by its name in the report's language (Kyrgyz unless --lang says).
    let csv = stdout(&pool_cmd(&pool, &["report", "--by", "technique", "--format", "csv"]));
    assert!(csv.starts_with("technique,sales,returns,net,items\n"), "{csv}");
    for name in ["Ыкма көрсөтүлгөн эмес,", "Тери иштетүү,", "\nШырдак,"] {
        assert!(csv.contains(name), "{name} in {csv}");
    }
    let html = pool_dir.path().join("region.html");
    let out = usta_on(
        &pool.with_extension("no-shop.db"),
        &[
            "--lang",
            "en",
            "pool",
            "report",
            "--by",
            "region",
            "--format",
            "html",
            "--out",
            s(&html),
            "--pool",
            s(&pool),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(
        page.contains("Нарын облусу") && page.contains("No region given"),
        "{page}"
    );

    // The workbook: the technique's name as text in the shop's language when --lang is not given, sums = by shop.
    let book_path = pool_dir.path().join("technique.xlsx");
    let out = usta_on(
        &a.shop.db,
        &[
            "pool",
            "report",
            "--by",
            "technique",
            "--format",
            "xlsx",
            "--out",
            s(&book_path),
            "--pool",
            s(&pool),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&book_path).expect("workbook");
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).expect("sheet");
    let rows: Vec<Vec<calamine::Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0].to_string(), "Кол өнөр ыкмасы", "{:?}", rows[0]);
    let labels: Vec<String> = rows[1..rows.len() - 1].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(labels, ["Ыкма көрсөтүлгөн эмес", "Тери иштетүү", "Шырдак"]);
    let net = match &rows[rows.len() - 1][3] {
        calamine::Data::Float(v) => Decimal::try_from(*v).expect("decimal").round_dp(2),
        other => panic!("{other:?}"),
    };
    assert_eq!(net, everything, "the workbook's sums row");
}

/// A sale line keeps the technique and region it was sold with: after the manager changes the shyrdak's
/// technique and its artisan's region, the closed day exports to the same bytes (so the pool does not see a
/// conflicting re-export), and a return of a wallet the next day books the technique the wallet was sold with.
#[test]
fn a_day_exported_again_after_the_catalog_changed_is_the_same_ledger() {
    let day = craft_day("01234567890123", 1);
    let shop = &day.shop;
    let first = shop.dir.path().join("first");
    let again = shop.dir.path().join("again");
    let export = |dir: &std::path::Path| {
        let o = shop.usta(&[
            "ledger",
            "export",
            "--date",
            "2026-11-28",
            "--out",
            dir.to_str().expect("utf8"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    export(&first);
    let wallet_receipt;
    {
        let mut store = shop.open();
        support::set_technique(&mut store, "шырдак", "felt", "2026-11-29T08:00:00+06:00");
        let wallet = support::set_technique(&mut store, "капчык", "felt", "2026-11-29T08:00:00+06:00");
        let mut artisans = store.artisans().expect("artisans");
        for a in &mut artisans {
            a.region = "Кара-Кулжа айылы".into();
        }
        store.save_artisans(&artisans).expect("regions");
        let conn = rusqlite::Connection::open(&shop.db).expect("raw");
        wallet_receipt = conn
            .query_row(
                "SELECT s.receipt_no FROM sales s JOIN sale_lines l ON l.sale_id = s.id
                 JOIN barcodes b ON b.product_id = l.product_id
                 WHERE s.kind = 'sale' AND b.code = ?1",
                [wallet.barcodes[0].to_string()],
                |r| r.get::<_, i64>(0),
            )
            .expect("the wallets' receipt");
        let mut ctx = Ctx::new(&mut store, at(20, 0), Lang::Ky);
        usta::app::returns::return_items(
            &mut ctx,
            wallet_receipt,
            &[(wallet.barcodes[0].to_string(), Decimal::ONE)],
            PaymentKind::Cash,
        )
        .expect("the second wallet back");
    }
    export(&again);
    support::same_ledger_files(&first, &again, "exported before and after the catalog changed");
    let products = std::fs::read_to_string(first.join("products.csv")).expect("products.csv");
    assert!(products.contains("shyrdak"), "{products}");
    assert!(!products.contains("felt"), "{products}");

    let lines: Vec<(String, String, String)> = {
        let conn = rusqlite::Connection::open(&shop.db).expect("raw");
        let mut stmt = conn
            .prepare(
                "SELECT s.kind, l.technique, l.region FROM sale_lines l JOIN sales s ON s.id = l.sale_id
                 WHERE s.receipt_no = ?1 OR s.original_sale_id = (SELECT id FROM sales WHERE receipt_no = ?1)
                 ORDER BY l.id",
            )
            .expect("prepare");
        stmt.query_map([wallet_receipt], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("lines")
            .map(|r| r.expect("line"))
            .collect()
    };
    let (sold, back) = (&lines[0], lines.last().expect("the return line"));
    assert_eq!((sold.0.as_str(), back.0.as_str()), ("sale", "return"), "{lines:?}");
    assert_eq!(sold.1, "leather");
    assert_eq!(
        back.1, "leather",
        "the return books the technique the wallet was sold with: {lines:?}"
    );
    assert_eq!(back.2, sold.2, "and the region it was sold with");
    assert_ne!(back.2, "Кара-Кулжа айылы");
    let verified = shop.usta(&["verify"]);
    assert!(
        verified.status.success(),
        "the journal covers the lines' new columns: {}",
        stderr(&verified)
    );
}

/// A day pooled from the `usta-ledger/3` folder an earlier version wrote and sent again by this one in
/// `usta-ledger/4` (the same facts, its lines written shorter) is already pooled, not a conflict; the same day in
/// `usta-ledger/4` with one fact changed still is one.
#[test]
fn a_day_pooled_in_v3_and_sent_again_in_v4_is_already_pooled() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().expect("dir");
    let pool = dir.path().join("association.db");
    let v3 = dir.path().join("v3");
    copy_dir(&fixtures.join("ledger-v3-plain"), &v3);
    let write_v4 = |name: &str, change: &dyn Fn(&mut usta::domain::ledger::Ledger)| {
        let bytes = std::fs::read(v3.join("ledger.json")).expect("ledger.json");
        let mut facts = usta::domain::ledger::v2::parse_json(&bytes).expect("v3 facts");
        facts.format = "usta-ledger/4".into();
        change(&mut facts);
        let out = dir.path().join(name);
        std::fs::create_dir(&out).expect("dir");
        for (file, bytes) in ledger::files(&facts, Dialect::Plain).expect("files") {
            std::fs::write(out.join(file), bytes).expect("write");
        }
        let ok = json(&usta_on(
            &dir.path().join("no-shop.db"),
            &["--json", "ledger", "verify", s(&out)],
        ));
        assert_eq!(
            (ok["ok"].as_bool(), ok["format"].as_str()),
            (Some(true), Some("usta-ledger/4")),
            "{ok}"
        );
        out
    };
    let same = write_v4("v4", &|_| ());
    let changed = write_v4("v4-changed", &|l| l.shop_name = "Уста, другой".into());
    assert_ne!(
        std::fs::read(v3.join("ledger.json")).expect("v3"),
        std::fs::read(same.join("ledger.json")).expect("v4"),
        "two encodings of one day"
    );

    let first = json(&pool_cmd(&pool, &["import", s(&v3)]));
    assert_eq!(first["imported"].as_u64(), Some(1), "{first}");
    let again = json(&pool_cmd(&pool, &["import", s(&same)]));
    assert_eq!(
        (again["already_imported"].as_u64(), again["conflicts"].as_u64()),
        (Some(1), Some(0)),
        "{again}"
    );
    let out = pool_cmd(&pool, &["import", s(&changed)]);
    let other: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(other["conflicts"].as_u64(), Some(1), "{other}");
    // And the other way round: pooled from v4 first, the v3 folder is the same day.
    let pool2 = dir.path().join("second.db");
    json(&pool_cmd(&pool2, &["import", s(&same)]));
    let back = json(&pool_cmd(&pool2, &["import", s(&v3)]));
    assert_eq!(back["already_imported"].as_u64(), Some(1), "{back}");
}

/// More folders than the import's readers take at once, mixed: new days, the same facts again, days changed in
/// the same run (a conflict), tampered folders. Whatever thread reads a folder, the report lists every folder in
/// the order given with its own outcome, the pool holds exactly the new days, and a second run recognises every
/// pooled folder unread.
#[test]
fn many_folders_pool_in_their_order_with_their_own_outcomes() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().expect("dir");
    let pool = dir.path().join("association.db");
    let facts = usta::domain::ledger::v2::parse_json(
        &std::fs::read(fixtures.join("ledger-v3-plain/ledger.json")).expect("ledger.json"),
    )
    .expect("facts");
    let write = |name: String, day: u64, shop_name: &str| {
        let mut l = facts.clone();
        l.format = "usta-ledger/4".into();
        l.day = facts.day.checked_add_days(chrono::Days::new(day)).expect("day");
        l.shop_name = shop_name.into();
        let out = dir.path().join(name);
        std::fs::create_dir(&out).expect("dir");
        for (file, bytes) in ledger::files(&l, Dialect::Plain).expect("files") {
            std::fs::write(out.join(file), bytes).expect("write");
        }
        out
    };
    // (folder, the outcome it must have, the number of its day), the outcome from what the folders before pooled.
    let mut pooled: std::collections::HashMap<u64, &str> = std::collections::HashMap::new();
    let mut folders: Vec<(PathBuf, &str, u64)> = Vec::new();
    for i in 0..90u64 {
        let (n, name, tampered) = match i {
            // The facts of the day before again, or that day with other facts.
            _ if i % 7 == 6 => (i - 1, facts.shop_name.as_str(), false),
            _ if i % 13 == 12 => (i - 1, "Уста, другой", false),
            _ if i % 11 == 10 => (i, facts.shop_name.as_str(), true),
            _ => (i, facts.shop_name.as_str(), false),
        };
        let folder = write(format!("{i:03}"), n, name);
        let want = if tampered {
            flip_a_digit(&folder.join("sales.csv"));
            "rejected"
        } else {
            match pooled.get(&n) {
                None => {
                    pooled.insert(n, name);
                    "new"
                }
                Some(first) if *first == name => "already_imported",
                Some(_) => "conflict",
            }
        };
        folders.push((folder, want, n));
    }
    for want in ["new", "already_imported", "conflict", "rejected"] {
        assert!(
            folders.iter().filter(|f| f.1 == want).count() > 2,
            "the run has several {want}"
        );
    }
    let mut args = vec!["import"];
    args.extend(folders.iter().map(|(f, _, _)| s(f)));
    let out = pool_cmd(&pool, &args);
    assert!(!out.status.success(), "the tampered folders fail the run");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let lines = report["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), folders.len(), "{report}");
    let day = |n: u64| {
        facts
            .day
            .checked_add_days(chrono::Days::new(n))
            .expect("day")
            .to_string()
    };
    for ((folder, want, n), line) in folders.iter().zip(lines) {
        assert_eq!(line["dir"].as_str(), Some(s(folder)), "in the order given: {line}");
        let got = line["outcome"].as_str().or(line["status"].as_str());
        assert_eq!(got, Some(*want), "{line}");
        assert_eq!(line["day"].as_str(), Some(day(*n).as_str()), "{line}");
        if *want == "rejected" {
            assert!(
                line["reason"].as_str().unwrap_or_default().starts_with("sales.csv:"),
                "{line}"
            );
        }
    }
    let count = |what: &str| folders.iter().filter(|(_, w, _)| *w == what).count() as u64;
    assert_eq!(
        (report["imported"].as_u64(), report["already_imported"].as_u64()),
        (Some(count("new")), Some(count("already_imported"))),
        "{report}"
    );
    assert_eq!(
        (report["conflicts"].as_u64(), report["rejected"].as_u64()),
        (Some(count("conflict")), Some(count("rejected"))),
        "{report}"
    );
    let (ledgers, conflicts) = usta::store::pool::Pool::open(&pool)
        .expect("pool")
        .counts()
        .expect("counts");
    assert_eq!((ledgers as u64, conflicts as u64), (count("new"), count("conflict")));

    // Again, the pooled folders only: each is recognised by its seal and stamp, none read again.
    let pooled: Vec<&str> = folders
        .iter()
        .filter(|(_, w, _)| ["new", "already_imported"].contains(w))
        .map(|(f, _, _)| s(f))
        .collect();
    let mut args = vec!["import"];
    args.extend(pooled.iter().copied());
    let again = json(&pool_cmd(&pool, &args));
    let lines = again["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), pooled.len());
    for (folder, line) in pooled.iter().zip(lines) {
        assert_eq!(
            (
                line["dir"].as_str(),
                line["outcome"].as_str(),
                line["verified"].as_bool()
            ),
            (Some(*folder), Some("already_imported"), Some(false)),
            "{line}"
        );
    }
}
