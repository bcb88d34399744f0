//! Photos and craft data in the window: a product with a photo shows its picture in Inventory's list and in the
//! sale screen's search results, a photo is added from the product form, and the form saves the technique,
//! materials and the online flag.

mod support;

use iced_test::{Simulator, selector};
use std::io::Cursor;
use support::ui::{send, till};
use support::{Shop, stderr};
use usta::ui::app::{App, Message, Screen};
use usta::ui::inventory::{FormField, Message as Inv};
use usta::ui::product_form::Request;

/// The window's thumbnail cache belongs to the process (one shop per window); the tests here take turns.
static ONE_SHOP_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

const HAT: &str = "2100000000098"; // Ак калпак
const CARPET: &str = "2100000000142";

fn picture(shop: &Shop, name: &str) -> std::path::PathBuf {
    let img = image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 60]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .expect("encode");
    let path = shop.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn shows_thumbnail(app: &App, barcode: &str, shop: &Shop) -> bool {
    let id = shop
        .open()
        .product_by_barcode(barcode)
        .expect("lookup")
        .and_then(|r| r.product.id)
        .expect("product");
    let mut ui = Simulator::with_size(usta::ui::settings(), (1280.0, 800.0), app.view_main());
    ui.find(selector::id(usta::ui::thumbs::thumb_id(id))).is_ok()
}

#[test]
fn a_product_with_a_photo_shows_its_picture_in_inventory_and_in_search_results() {
    let _turn = ONE_SHOP_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let shop = Shop::demo();
    let photo = picture(&shop, "hat.png");
    let out = shop.usta(&["catalog", "photo", HAT, photo.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    assert!(shows_thumbnail(&app, HAT, &shop), "the hat's photo in the list");
    assert!(!shows_thumbnail(&app, CARPET, &shop), "the carpet has no photo");

    send(&mut app, Message::Go(Screen::Sale));
    send(&mut app, Message::Sale(usta::ui::sale::Message::Input("калпак".into())));
    assert!(!app.sale.suggestions().is_empty());
    assert!(
        shows_thumbnail(&app, HAT, &shop),
        "the hat's photo in the search results"
    );
}

#[test]
fn the_product_form_adds_a_photo_and_saves_the_craft_data() {
    let _turn = ONE_SHOP_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let shop = Shop::demo();
    let mut app = till(&shop);
    send(&mut app, Message::Go(Screen::Inventory));
    let carpet = shop.open().product_by_barcode(CARPET).expect("lookup").expect("carpet");
    let id = carpet.product.id.expect("id");
    send(&mut app, Message::Inventory(Inv::Select(Box::new(carpet))));
    for field in [
        FormField::Technique(Some("shyrdak".into())),
        FormField::Materials(usta::domain::catalog::Lang::En, "sheep wool, natural dyes".into()),
        FormField::SellOnline(true),
    ] {
        send(&mut app, Message::Inventory(Inv::Field(field)));
    }
    send(&mut app, Message::Inventory(Inv::Form(Request::Save)));
    let details = shop.open().product_details(id).expect("details");
    assert_eq!(details.technique.as_deref(), Some("shyrdak"));
    assert_eq!(details.materials.en, "sheep wool, natural dyes");
    assert!(details.sell_online);
    // Picked again, the form shows what was stored.
    let carpet = shop.open().product(id).expect("read").expect("carpet");
    send(&mut app, Message::Inventory(Inv::Select(Box::new(carpet))));
    assert_eq!(app.inventory.form.as_ref().map(|f| f.details.clone()), Some(details));

    let photo = picture(&shop, "carpet.png");
    send(
        &mut app,
        Message::Inventory(Inv::Field(FormField::PhotoPath(photo.display().to_string()))),
    );
    send(&mut app, Message::Inventory(Inv::Form(Request::AddPhoto)));
    assert_eq!(app.inventory.notice.as_ref().map(|n| n.key), Some("cat-photo-added"));
    assert_eq!(shop.open().product_photos(id).expect("photos").len(), 1);
    let listed = app
        .inventory
        .list
        .iter()
        .find(|r| r.product.id == Some(id))
        .expect("listed");
    assert!(
        usta::ui::thumbs::product_thumbnail(&listed.product).is_some(),
        "loaded with the list"
    );
    assert!(shows_thumbnail(&app, CARPET, &shop), "the new photo shows in the list");

    // A file that is not a picture is refused in the window too, and nothing is stored.
    let text = shop.dir.path().join("notes.png");
    std::fs::write(&text, "not a picture").expect("write");
    send(
        &mut app,
        Message::Inventory(Inv::Field(FormField::PhotoPath(text.display().to_string()))),
    );
    send(&mut app, Message::Inventory(Inv::Form(Request::AddPhoto)));
    assert_eq!(
        app.inventory.notice.as_ref().map(|n| n.key),
        Some("err-photo-not-picture")
    );
    assert_eq!(shop.open().product_photos(id).expect("photos").len(), 1);
}
