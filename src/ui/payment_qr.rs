//! The shop's payment QR in the window: drawn from its text (or taken from the bank's PNG) for the customer
//! display, and the Settings part where a manager pastes the text or names the file.

use super::i18n::I18n;
use super::services::Services;
use super::theme::{self, Tone};
use super::widgets::{Notice, big, notice};
use crate::app::AppError;
use crate::app::payment_qr::{self, PaymentQr};
use iced::widget::{button, column, container, image, row, text, text_input};
use iced::{Element, Length, Task};

/// The QR's id on the customer display.
pub const PICTURE: &str = "payment-qr";
/// Pixels per module: a phone reads it across a counter.
const MODULE: u32 = 8;
/// The quiet zone around the code, in modules, as the QR standard asks.
const QUIET: u32 = 4;

/// The picture the customer scans, or none when the stored QR cannot be shown.
pub fn picture(qr: &PaymentQr) -> Option<image::Handle> {
    match qr {
        PaymentQr::Payload(text) => drawn(text),
        PaymentQr::Png(hex) => decoded(&payment_qr::from_hex(hex)?),
    }
}

/// The code drawn black on white from its text.
fn drawn(text: &str) -> Option<image::Handle> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = u32::try_from(code.width()).ok()?;
    let dark = code.to_colors();
    let side = (width + 2 * QUIET) * MODULE;
    let mut rgba = Vec::with_capacity((side * side * 4) as usize);
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / MODULE).checked_sub(QUIET), (y / MODULE).checked_sub(QUIET));
            let black = match (mx, my) {
                (Some(mx), Some(my)) if mx < width && my < width => {
                    dark.get((my * width + mx) as usize) == Some(&qrcode::Color::Dark)
                }
                _ => false,
            };
            let v = if black { 0 } else { 255 };
            rgba.extend_from_slice(&[v, v, v, 255]);
        }
    }
    Some(image::Handle::from_rgba(side, side, rgba))
}

/// The bank's PNG as pixels (grey, grey with alpha, RGB or RGBA at 8 bits, palettes expanded).
fn decoded(bytes: &[u8]) -> Option<image::Handle> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buffer = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buffer).ok()?;
    buffer.truncate(info.buffer_size());
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => buffer,
        png::ColorType::Rgb => buffer.chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        png::ColorType::GrayscaleAlpha => buffer.chunks(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
        png::ColorType::Grayscale => buffer.iter().flat_map(|g| [*g, *g, *g, 255]).collect(),
        png::ColorType::Indexed => return None,
    };
    Some(image::Handle::from_rgba(info.width, info.height, rgba))
}

/// The customer display while the cashier takes a QR payment: the shop's code and the amount to pay, or that
/// no code is set up (the cashier then takes the payment another way).
pub fn customer_view<'a, M: 'a>(picture: Option<&image::Handle>, due: String, i18n: &I18n) -> Element<'a, M> {
    let body: Element<'a, M> = match picture {
        Some(handle) => column![
            text(i18n.tr("till-qr-scan")).size(theme::BIG),
            container(
                image(handle.clone())
                    .width(Length::Fixed(320.0))
                    .height(Length::Fixed(320.0))
            )
            .id(PICTURE),
            text(due).size(theme::HUGE),
        ]
        .spacing(16)
        .align_x(iced::Alignment::Center)
        .into(),
        None => column![
            text(i18n.tr("till-qr-missing")).size(theme::BIG),
            text(due).size(theme::HUGE)
        ]
        .spacing(16)
        .align_x(iced::Alignment::Center)
        .into(),
    };
    iced::widget::center(body).padding(24).into()
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The stored QR, when Settings opens.
    Loaded(Result<Option<PaymentQr>, AppError>),
    /// The QR's text being typed or pasted.
    Payload(String),
    /// The path of a file holding it.
    File(String),
    /// Save the typed text (or, when a file is named, the file).
    Save,
    /// Remove the shop's QR.
    Clear,
    /// Stored (what is stored now), or why not.
    Saved(Result<Option<PaymentQr>, AppError>),
}

/// The Settings section.
#[derive(Debug, Default)]
pub struct Editor {
    payload: String,
    file: String,
    stored: Option<PaymentQr>,
    pub notice: Option<Notice>,
}

impl Editor {
    pub fn load(services: &Services) -> Task<Message> {
        services.task(|ctx| payment_qr::get(ctx), Message::Loaded)
    }

    pub fn update(&mut self, message: Message, services: &Services) -> Task<Message> {
        match message {
            Message::Loaded(Ok(qr)) => {
                self.payload = match &qr {
                    Some(PaymentQr::Payload(text)) => text.clone(),
                    _ => String::new(),
                };
                self.stored = qr;
                Task::none()
            }
            Message::Loaded(Err(e)) => {
                self.notice = Some(Notice::error(&e));
                Task::none()
            }
            Message::Payload(t) => {
                self.payload = t;
                Task::none()
            }
            Message::File(t) => {
                self.file = t;
                Task::none()
            }
            Message::Save => {
                let (file, payload) = (self.file.trim().to_string(), self.payload.clone());
                services.task(
                    move |ctx| {
                        let qr = if file.is_empty() {
                            PaymentQr::payload(&payload)?
                        } else {
                            PaymentQr::from_file(std::path::Path::new(&file))?
                        };
                        payment_qr::set(ctx, Some(&qr))?;
                        Ok(Some(qr))
                    },
                    Message::Saved,
                )
            }
            Message::Clear => services.task(
                |ctx| {
                    payment_qr::set(ctx, None)?;
                    Ok(None)
                },
                Message::Saved,
            ),
            Message::Saved(result) => {
                self.notice = Some(match &result {
                    Ok(Some(_)) => Notice::new(Tone::Good, "till-qr-saved"),
                    Ok(None) => Notice::new(Tone::Good, "till-qr-cleared"),
                    Err(e) => Notice::error(e),
                });
                if let Ok(qr) = result {
                    self.file.clear();
                    return self.update(Message::Loaded(Ok(qr)), services);
                }
                Task::none()
            }
        }
    }

    pub fn view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let mut buttons = row![big(i18n.tr("save"), Some(Message::Save)).style(button::success)].spacing(8);
        if self.stored.is_some() {
            buttons = buttons.push(big(i18n.tr("till-qr-remove"), Some(Message::Clear)).style(button::secondary));
        }
        column![
            text(i18n.tr("till-qr-title")).size(theme::BIG),
            text_input(&i18n.tr("till-qr-payload"), &self.payload)
                .on_input(Message::Payload)
                .size(theme::TEXT)
                .padding(10),
            text_input(&i18n.tr("till-qr-file"), &self.file)
                .on_input(Message::File)
                .size(theme::TEXT)
                .padding(10),
            buttons,
            notice(&self.notice, i18n),
        ]
        .spacing(8)
        .into()
    }
}
