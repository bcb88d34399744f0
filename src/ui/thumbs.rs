//! Product thumbnails for every screen that lists products (Inventory, the sale screen's search results, the
//! customer display, the quick keys). A task that lists products also calls [`load`] off the UI thread; a view
//! then asks [`product_thumbnail`], which only reads the cache, so drawing never touches the disk. Pictures are
//! cached by their content name: a picture never changes under its name, and a product's first photo is read
//! again with every listing. The cache belongs to the process, like the window and its one shop.

use crate::app::{Ctx, Result, photos};
use crate::domain::catalog::{Product, ProductId};
use iced::widget::image::Handle;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

#[derive(Default)]
struct Cache {
    /// A product's first photo's thumbnail name; no entry: no photo (or never loaded).
    first: HashMap<ProductId, String>,
    /// Decoded thumbnails by content name.
    pictures: HashMap<String, Handle>,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

/// Reads the thumbnails of `ids` into the cache (call inside a `Services::task`).
pub fn load(ctx: &Ctx<'_>, ids: &[ProductId]) -> Result<()> {
    let first = photos::first_thumbnails(ctx, ids)?;
    let missing: Vec<String> = {
        let Ok(cache) = CACHE.lock() else { return Ok(()) };
        first
            .values()
            .filter(|name| !cache.pictures.contains_key(*name))
            .cloned()
            .collect()
    };
    let decoded: Vec<(String, Handle)> = missing
        .into_iter()
        .filter_map(|name| {
            let t = photos::decode_thumbnail(ctx.store.path(), &name)?;
            Some((name, Handle::from_rgba(t.width, t.height, t.rgba)))
        })
        .collect();
    if let Ok(mut cache) = CACHE.lock() {
        for id in ids {
            match first.get(id) {
                Some(name) => cache.first.insert(*id, name.clone()),
                None => cache.first.remove(id),
            };
        }
        cache.pictures.extend(decoded);
    }
    Ok(())
}

/// The thumbnail of `product`'s first photo, if it has one and it was loaded.
pub fn product_thumbnail(product: &Product) -> Option<Handle> {
    let cache = CACHE.lock().ok()?;
    let name = cache.first.get(&product.id?)?;
    cache.pictures.get(name).cloned()
}

/// The id of the picture of product `id` in a list, so tests (and focus operations) can find it.
pub fn thumb_id(id: ProductId) -> String {
    format!("thumb-{}", id.0)
}

/// The thumbnail as a small square picture for a list row, or nothing when the product has none.
pub fn thumb_view<'a, M: 'a>(product: &Product, side: f32) -> Option<iced::Element<'a, M>> {
    let id = product.id?;
    product_thumbnail(product).map(|h| {
        iced::widget::container(
            iced::widget::image(h)
                .width(side)
                .height(side)
                .content_fit(iced::ContentFit::Contain),
        )
        .id(thumb_id(id))
        .into()
    })
}
