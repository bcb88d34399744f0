//! Driving the real window headless (iced_test on the CPU renderer): build the view as it is now, click and
//! type into it, feed the messages back, and run every task those messages start to the end.
#![allow(dead_code)]

use super::{Shop, at};
use iced::keyboard::key::Named;
use iced_test::futures::futures::StreamExt;
use iced_test::{Simulator, selector};
use std::sync::Arc;
use usta::ui::app::{App, Message};
use usta::ui::services::Services;

/// Runs a task and everything its messages lead to, to the end.
pub fn settle(app: &mut App, task: iced::Task<Message>) {
    settle_with(task, |message| Some(app.update(message)));
}

/// Runs a task to its end, handing every message it yields to `feed`, which may start more tasks, as the
/// window's runtime does.
pub fn settle_with<M: Send + 'static>(task: iced::Task<M>, mut feed: impl FnMut(M) -> Option<iced::Task<M>>) {
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(stream) = iced_test::runtime::task::into_stream(task) else {
            continue;
        };
        let actions: Vec<_> = iced_test::futures::futures::executor::block_on(stream.collect());
        for action in actions {
            if let iced_test::runtime::Action::Output(message) = action {
                pending.extend(feed(message));
            }
        }
    }
}

pub fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    settle(app, task);
}

/// Builds the main window as it is now, lets `f` interact with it, then feeds the resulting messages back.
pub fn interact(app: &mut App, f: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(usta::ui::settings(), (1280.0, 800.0), app.view_main());
        f(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        send(app, m);
    }
}

pub fn click(app: &mut App, label: &str) {
    interact(app, |ui| {
        ui.click(label)
            .unwrap_or_else(|e| panic!("no '{label}' to click: {e:?}"));
    });
}

/// Types into the field with `id` one key at a time, the way the real runtime rebuilds the view between keys.
pub fn type_into(app: &mut App, id: &'static str, text: &str) {
    for c in text.chars() {
        interact(app, |ui| {
            ui.click(selector::id(id))
                .unwrap_or_else(|e| panic!("no field '{id}': {e:?}"));
            ui.typewrite(&c.to_string());
        });
    }
}

pub fn enter(app: &mut App, id: &'static str) {
    interact(app, |ui| {
        ui.click(selector::id(id))
            .unwrap_or_else(|e| panic!("no field '{id}': {e:?}"));
        ui.tap_key(Named::Enter);
    });
}

pub fn sees(app: &App, text: &str) -> bool {
    let mut ui = Simulator::with_size(usta::ui::settings(), (1280.0, 800.0), app.view_main());
    ui.find(text).is_ok()
}

/// The till as it opens; the demo shop has users, so the manager signs in (as a shop would start the day).
pub fn till(shop: &Shop) -> App {
    let mut app = locked_till(shop);
    if app.locked {
        sign_in(&mut app, "Айгүл", "1234");
        assert!(!app.locked, "the demo manager signs in");
    }
    app
}

pub fn locked_till(shop: &Shop) -> App {
    let services = Services::with_clock(shop.open(), Arc::new(|| at(12, 0)));
    let (mut app, task) = App::new(services);
    settle(&mut app, task);
    app
}

pub fn sign_in(app: &mut App, name: &str, pin: &str) {
    click(app, name);
    type_into(app, usta::ui::login::PIN, pin);
    enter(app, usta::ui::login::PIN);
}
