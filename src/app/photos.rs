//! Product photos: a JPEG, PNG or WebP file is checked (a real picture of a sane size, not the database or a
//! truncated file), turned upright, resized to 1200 px on its longest side plus a 160 px thumbnail, both stored as
//! JPEG in `photos/` beside the database under the SHA-256 of their bytes, and linked to the product through the
//! journal. The same picture added twice is stored once. A bad file is refused with its name and the reason, and
//! nothing of the batch is stored.

use super::refusal::{FileProblem, PhotoRefusal, PhotoWhy};
use super::{AppError, Ctx, Result};
use crate::domain::catalog::ProductId;
use crate::domain::craft::{MAX_SOURCE_BYTES, MAX_SOURCE_SIDE, PHOTO_SIDE, THUMB_SIDE, content_name, fit, too_large};
use crate::store::StoredPhoto;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage};
use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

/// The folder the pictures of the database at `db` live in.
pub fn photos_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or_else(|| Path::new(".")).join("photos")
}

/// A checked, resized picture ready to be written.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The file it came from, for messages.
    pub source: PathBuf,
    pub photo: StoredPhoto,
    large: Vec<u8>,
    thumb: Vec<u8>,
}

fn refuse(path: &Path, why: PhotoWhy) -> AppError {
    AppError::Photo(PhotoRefusal {
        path: path.display().to_string(),
        why,
    })
}

fn file(make: fn(String, String) -> FileProblem, path: &Path, e: std::io::Error) -> AppError {
    AppError::File(make(path.display().to_string(), e.to_string()))
}

/// Checks and resizes the picture at `path`; nothing is written.
pub fn prepare(path: &Path) -> Result<Prepared> {
    let meta = std::fs::metadata(path).map_err(|e| refuse(path, PhotoWhy::Unreadable { reason: e.to_string() }))?;
    if !meta.is_file() {
        return Err(refuse(path, PhotoWhy::NotFile));
    }
    if let Some(kind) = super::output::database_kind(path) {
        return Err(refuse(path, PhotoWhy::Database(kind)));
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(refuse(
            path,
            PhotoWhy::TooBig {
                mb: meta.len() >> 20,
                max_mb: MAX_SOURCE_BYTES >> 20,
            },
        ));
    }
    let data = super::catalog::read_file(path)?;
    prepare_bytes(path, &data)
}

fn prepare_bytes(path: &Path, data: &[u8]) -> Result<Prepared> {
    let reader = ImageReader::new(Cursor::new(data))
        .with_guessed_format()
        .map_err(|e| refuse(path, PhotoWhy::Format { reason: e.to_string() }))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ => return Err(refuse(path, PhotoWhy::NotPicture)),
    };
    let unreadable = |e: image::ImageError| {
        refuse(
            path,
            PhotoWhy::Undecodable {
                format: format!("{format:?}"),
                reason: e.to_string(),
            },
        )
    };
    if format == ImageFormat::Jpeg && !jpeg_complete(data) {
        return Err(refuse(path, PhotoWhy::Truncated));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(MAX_SOURCE_SIDE as u64 * 4 * 8_000);
    let mut reader = reader;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => refuse(path, PhotoWhy::TooLargeToRead),
        e => unreadable(e),
    })?;
    let (width, height) = decoder.dimensions();
    if too_large(width, height).is_some() {
        return Err(refuse(path, PhotoWhy::Pixels { width, height }));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => refuse(path, PhotoWhy::TooLargeToRead),
        e => unreadable(e),
    })?;
    picture.apply_orientation(orientation);
    let flat = on_white(&picture);
    let (large, large_size) = encode(path, &flat, PHOTO_SIDE)?;
    let (thumb, thumb_size) = encode(path, &flat, THUMB_SIDE)?;
    Ok(Prepared {
        source: path.to_path_buf(),
        photo: StoredPhoto {
            sha256: hex(&large),
            width: large_size.0,
            height: large_size.1,
            bytes: large.len() as i64,
            thumb_sha256: hex(&thumb),
            thumb_width: thumb_size.0,
            thumb_height: thumb_size.1,
        },
        large,
        thumb,
    })
}

/// Whether a JPEG's last scan is followed by its end marker. The decoder fills a cut-off picture with grey
/// rather than failing, so a half-copied file would be stored as if it were whole. An embedded EXIF thumbnail has
/// its own end marker, but before the main picture's last scan.
fn jpeg_complete(data: &[u8]) -> bool {
    let last = |marker: u8| data.windows(2).rposition(|w| w == [0xFF, marker]);
    match (last(0xDA), last(0xD9)) {
        (Some(scan), Some(end)) => end > scan,
        _ => false,
    }
}

/// JPEG has no transparency: a transparent PNG is laid on white, as a web shop shows it.
fn on_white(picture: &DynamicImage) -> RgbImage {
    let rgba = picture.to_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(p[3]);
        for c in 0..3 {
            o[c] = ((u16::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

fn encode(path: &Path, picture: &RgbImage, side: u32) -> Result<(Vec<u8>, (u32, u32))> {
    let (w, h) = fit(picture.width(), picture.height(), side);
    let resized;
    let source = if (w, h) == picture.dimensions() {
        picture
    } else {
        resized = image::imageops::resize(picture, w, h, image::imageops::FilterType::Triangle);
        &resized
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(source)
        .map_err(|e| refuse(path, PhotoWhy::Encode { reason: e.to_string() }))?;
    Ok((out, (w, h)))
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes a prepared picture's two files into the photos folder (a file already there has the same content by
/// its name, and is left alone).
pub fn write(db: &Path, prepared: &Prepared) -> Result<()> {
    let dir = photos_dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| file(|path, reason| FileProblem::Create { path, reason }, &dir, e))?;
    for (name, bytes) in [
        (&prepared.photo.sha256, &prepared.large),
        (&prepared.photo.thumb_sha256, &prepared.thumb),
    ] {
        let target = dir.join(content_name(name));
        if target.is_file() {
            continue;
        }
        let tmp = dir.join(format!(".{}.{}.tmp", content_name(name), std::process::id()));
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
            .and_then(|()| std::fs::rename(&tmp, &target));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(file(|path, reason| FileProblem::Write { path, reason }, &target, e));
        }
    }
    Ok(())
}

/// Checks every file, then writes them all: one bad file stores nothing.
pub fn prepare_all(db: &Path, files: &[PathBuf]) -> Result<Vec<StoredPhoto>> {
    let prepared = files.iter().map(|f| prepare(f)).collect::<Result<Vec<_>>>()?;
    for p in &prepared {
        write(db, p)?;
    }
    Ok(prepared.into_iter().map(|p| p.photo).collect())
}

/// What `usta catalog photo` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PhotoReport {
    pub product: ProductId,
    /// How many photos were new to the product.
    pub added: usize,
    /// The photos taken off.
    pub removed: Vec<String>,
    /// What the product shows now, in order.
    pub photos: Vec<StoredPhoto>,
}

/// Adds photos to the product with barcode `code`, a manager's job like any catalog change.
pub fn add(ctx: &mut Ctx<'_>, code: &str, files: &[PathBuf]) -> Result<PhotoReport> {
    super::master::refuse(ctx.store, super::master::MasterPart::Photos)?;
    super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    let id = product_id(ctx, code)?;
    let photos = prepare_all(ctx.store.path(), files)?;
    let (stamp, by) = (ctx.stamp(), super::users::changed_by(ctx));
    let added = ctx.store.add_photos(id, &photos, &stamp, &by)?;
    report(ctx, id, added, vec![])
}

/// Takes photos off the product with barcode `code` (by content name or a prefix of it).
pub fn remove(ctx: &mut Ctx<'_>, code: &str, names: &[String]) -> Result<PhotoReport> {
    super::master::refuse(ctx.store, super::master::MasterPart::Photos)?;
    super::users::authorize(ctx, crate::domain::user::Action::PriceChange)?;
    let id = product_id(ctx, code)?;
    let (stamp, by) = (ctx.stamp(), super::users::changed_by(ctx));
    let removed = ctx.store.remove_photos(id, names, &stamp, &by)?;
    report(ctx, id, 0, removed)
}

fn report(ctx: &Ctx<'_>, id: ProductId, added: usize, removed: Vec<String>) -> Result<PhotoReport> {
    Ok(PhotoReport {
        product: id,
        added,
        removed,
        photos: ctx.store.product_photos(id)?,
    })
}

fn product_id(ctx: &Ctx<'_>, code: &str) -> Result<ProductId> {
    ctx.store
        .product_by_barcode(code)?
        .and_then(|r| r.product.id)
        .ok_or_else(|| AppError::UnknownBarcode(code.to_string()))
}

/// A thumbnail decoded for the window: RGBA pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The content name of each product's first photo's thumbnail, for those of `ids` that have a photo.
pub fn first_thumbnails(ctx: &Ctx<'_>, ids: &[ProductId]) -> Result<std::collections::HashMap<ProductId, String>> {
    Ok(ctx.store.first_thumbnails(ids)?)
}

/// A stored thumbnail decoded to RGBA; `None` when its file is missing or unreadable (a database copied without
/// its photos folder still opens and sells).
pub fn decode_thumbnail(db: &Path, name: &str) -> Option<Thumbnail> {
    let data = std::fs::read(photos_dir(db).join(content_name(name))).ok()?;
    let decoded = image::load_from_memory_with_format(&data, ImageFormat::Jpeg)
        .ok()?
        .to_rgba8();
    Some(Thumbnail {
        width: decoded.width(),
        height: decoded.height(),
        rgba: decoded.into_raw(),
    })
}

/// The first photo's thumbnail of a product, decoded; `None` when it has no photo or the file is missing (a
/// copied database without its photos folder still opens and sells).
pub fn thumbnail(ctx: &Ctx<'_>, id: ProductId) -> Result<Option<Thumbnail>> {
    let first = ctx.store.first_thumbnails(&[id])?;
    Ok(first.get(&id).and_then(|name| decode_thumbnail(ctx.store.path(), name)))
}

/// Copies every stored picture from the photos folder `from` into `to` (hard links where the file system allows:
/// a stored picture never changes), leaving files already there. Returns how many were copied.
pub fn copy_folder(from: &Path, to: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(0);
    };
    std::fs::create_dir_all(to).map_err(|e| file(|path, reason| FileProblem::Create { path, reason }, to, e))?;
    let mut copied = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text.starts_with('.') || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let target = to.join(&name);
        if target.exists() {
            continue;
        }
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| file(|path, reason| FileProblem::Copy { path, reason }, &entry.path(), e))?;
        }
        copied += 1;
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_fn(width, height, |x, y| image::Rgba([x as u8, y as u8, 90, 255]));
        let mut out = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_picture_is_resized_and_named_by_its_content() {
        let path = Path::new("felt.png");
        let p = prepare_bytes(path, &png(2400, 1200)).expect("prepared");
        assert_eq!((p.photo.width, p.photo.height), (1200, 600));
        assert_eq!((p.photo.thumb_width, p.photo.thumb_height), (160, 80));
        assert_eq!(p.photo.sha256, hex(&p.large));
        let again = prepare_bytes(path, &png(2400, 1200)).expect("prepared");
        assert_eq!(again.photo, p.photo, "the same picture gets the same name");
    }

    #[test]
    fn bad_pictures_are_refused_with_the_reason() {
        let path = Path::new("bad.png");
        let whole = png(64, 64);
        for (data, reason) in [
            (b"hello, not a picture".to_vec(), "not a JPEG, PNG or WebP"),
            (whole[..whole.len() / 2].to_vec(), "cannot be read as Png"),
        ] {
            let e = prepare_bytes(path, &data).expect_err("refused").to_string();
            assert!(e.contains(reason) && e.starts_with("bad.png"), "{e}");
        }
    }
}
