//! Product photos through the real binary: stored resized under the SHA-256 of their bytes in `photos/` beside the
//! database, once however often they are added, refused whole when a file is not a sane picture, read from the
//! catalog file's `photos` column, and carried by a backup and its restore.

mod support;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use support::{Shop, count, json, stderr};

const HAT: &str = "2100000000098";

/// A picture in `format` with a gradient, so resizing has something to do.
fn picture(dir: &Path, name: &str, width: u32, height: u32, format: image::ImageFormat) -> PathBuf {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut bytes), format)
        .expect("encode");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write picture");
    path
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    let bytes = std::fs::read(path).expect("read");
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn photo_files(shop: &Shop) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shop.dir.path().join("photos"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_photo_is_stored_resized_under_its_hash_once() {
    let shop = Shop::demo();
    let src = picture(shop.dir.path(), "hat.jpg", 2400, 1600, image::ImageFormat::Jpeg);
    let out = shop.usta(&["--json", "catalog", "photo", HAT, src.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["added"], 1);
    let photo = &report["photos"][0];
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(1200), Some(800))
    );
    assert_eq!(
        (photo["thumb_width"].as_u64(), photo["thumb_height"].as_u64()),
        (Some(160), Some(107))
    );
    let dir = shop.dir.path().join("photos");
    for (key, side) in [("sha256", 1200), ("thumb_sha256", 160)] {
        let name = photo[key].as_str().expect("name");
        let file = dir.join(format!("{name}.jpg"));
        assert_eq!(
            sha256(&file),
            name,
            "{key}: the file is named by the SHA-256 of its bytes"
        );
        let (w, h) = image::image_dimensions(&file).expect("a readable JPEG");
        assert_eq!(w.max(h), side, "{key}");
    }
    assert_eq!(photo_files(&shop).len(), 2);

    // The same picture again, and a PNG and a WebP copy of another: the first is stored once, and the product
    // shows each picture once.
    let png = picture(shop.dir.path(), "hat2.png", 300, 200, image::ImageFormat::Png);
    let webp = picture(shop.dir.path(), "hat3.webp", 300, 200, image::ImageFormat::WebP);
    let out = shop.usta(&[
        "--json",
        "catalog",
        "photo",
        HAT,
        src.to_str().expect("path"),
        png.to_str().expect("path"),
        webp.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(
        report["added"], 1,
        "the JPEG is already shown and the WebP is the PNG's picture"
    );
    assert_eq!(report["photos"].as_array().map(Vec::len), Some(2));
    assert_eq!(photo_files(&shop).len(), 4);
    assert_eq!(count(&shop.db, "photos"), 2);

    // Taken off: the link stays with its time, the product shows one photo.
    let first = photo["sha256"].as_str().expect("name");
    let out = shop.usta(&["--json", "catalog", "photo", HAT, "--remove", &first[..12]]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["photos"].as_array().map(Vec::len), Some(1));
    assert_eq!(count(&shop.db, "product_photos"), 2);
    let verify = shop.usta(&["verify"]);
    assert!(verify.status.success(), "{}", stderr(&verify));
}

#[test]
fn bad_files_are_refused_with_the_file_and_the_reason_and_nothing_is_stored() {
    let shop = Shop::demo();
    let dir = shop.dir.path();
    let good = picture(dir, "good.png", 64, 64, image::ImageFormat::Png);
    let text = dir.join("notes.jpg");
    std::fs::write(&text, "this is not a picture").expect("write");
    let whole = std::fs::read(picture(dir, "whole.jpg", 640, 480, image::ImageFormat::Jpeg)).expect("read");
    let truncated = dir.join("truncated.jpg");
    std::fs::write(&truncated, &whole[..whole.len() / 3]).expect("write");
    // A PNG whose header claims 20000×20000 pixels: decoding it would take 1.6 GB.
    let bomb = dir.join("bomb.png");
    {
        let file = std::fs::File::create(&bomb).expect("create");
        let mut encoder = png::Encoder::new(file, 20_000, 20_000);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().expect("header");
        let row = vec![0u8; 20_000 * 4 * 16];
        let mut stream = writer.stream_writer().expect("stream");
        use std::io::Write;
        stream.write_all(&row).expect("some rows");
        drop(stream);
    }
    let db = shop.db.clone();
    for (file, reason) in [
        (text, "not a JPEG, PNG or WebP"),
        (truncated, "cannot be read as Jpeg"),
        (bomb, "larger than any photo is read"),
        (db, "SQLite database"),
        (dir.join("missing.png"), "cannot read it"),
    ] {
        let out = shop.usta(&[
            "catalog",
            "photo",
            HAT,
            good.to_str().expect("path"),
            file.to_str().expect("path"),
        ]);
        assert!(!out.status.success(), "{} accepted", file.display());
        let err = stderr(&out);
        assert!(
            err.contains(&file.display().to_string()) && err.contains(reason),
            "{reason}: {err}"
        );
        assert!(photo_files(&shop).is_empty(), "nothing stored after {}", file.display());
        assert_eq!(count(&shop.db, "product_photos"), 0);
    }
}

#[test]
fn the_catalog_file_brings_photos_and_craft_data_and_a_backup_carries_the_photos() {
    let shop = Shop::demo();
    let dir = shop.dir.path();
    std::fs::create_dir(dir.join("pics")).expect("dir");
    picture(&dir.join("pics"), "horse.png", 500, 500, image::ImageFormat::Png);
    let csv = dir.join("new.csv");
    std::fs::write(
        &csv,
        "name_ky,name_en,category,price,technique,materials_en,sell_online,photos\n\
         Тулпар,Felt horse,toys,900,felt,sheep wool,yes,pics/horse.png\n",
    )
    .expect("csv");
    let out = shop.usta(&["catalog", "import", csv.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(photo_files(&shop).len(), 2);
    let store = shop.open();
    let horse = store
        .all_products()
        .expect("products")
        .into_iter()
        .rfind(|r| r.product.names.en == "Felt horse")
        .expect("imported");
    let id = horse.product.id.expect("id");
    let details = store.product_details(id).expect("details");
    assert_eq!(details.technique.as_deref(), Some("felt"));
    assert_eq!(details.materials.en, "sheep wool");
    assert!(details.sell_online);
    assert_eq!(store.product_photos(id).expect("photos").len(), 1);
    drop(store);

    // A missing photo in the file names its row and column, and nothing is imported.
    std::fs::write(
        &csv,
        "name_en,category,price,photos\nFelt camel,toys,900,pics/camel.png\n",
    )
    .expect("csv");
    let out = shop.usta(&["catalog", "import", csv.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("row 2, column photos"), "{}", stderr(&out));

    let backup = dir.join("copy.db");
    let out = shop.usta(&["backup", backup.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_dir(dir.join("copy.photos"))
            .expect("photos beside the backup")
            .count(),
        2
    );
    std::fs::remove_dir_all(dir.join("photos")).expect("photos lost");
    let out = shop.usta(&["restore", backup.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(photo_files(&shop).len(), 2, "the restore brings the photos back");
}
