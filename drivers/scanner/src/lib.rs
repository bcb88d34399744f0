//! Serial barcode scanners for Usta: RS-232 scanners, and USB scanners in "virtual COM" (CDC-ACM) mode or behind
//! a USB-serial adapter (`/dev/ttyACM*`, `/dev/ttyUSB*`, `COM*`). Scans arrive over a channel, independent of
//! keyboard layout and focus, which is why the till prefers them to keyboard-wedge mode.
//!
//! # Pieces
//! - [`Decoder`] (pure): bytes → [`Decoded`] frames. Suffix CR / LF / CR LF / Tab / none (a pause ends the
//!   frame), optional prefix, AIM identifiers, frames split over reads or several per read, a bounded buffer,
//!   control bytes stripped, garbage rejected with a [`RejectReason`].
//! - [`Symbology`]: from the AIM identifier or the shape of the data; [`Scan::is_in_store`] for a shop's own
//!   EAN-13 codes (prefix 20–29). Check digits are **not** computed here: the app injects a [`Validator`].
//! - [`Reader`]: a thread that owns the port, reports [`Event`]s, and reopens the port by itself after an
//!   unplug (backoff 100 ms doubling to 5 s).
//! - [`list_ports`]: serial ports with USB VID:PID, serial number, product, driver and stable path.
//! - `fake` (cargo feature `fake`, Unix): [`fake::FakeScanner`], a real pseudo-terminal behind a stable
//!   symlink, with unplug and replug, for tests in this crate and in the app.
//!
//! # Using it from the app
//!
//! **Validator.** Build one from the domain, checking digits only where the symbology has one. Dispatch on
//! [`Scan::symbology`] rather than re-classifying the text: 8 digits are EAN-8 by shape, but UPC-E when the
//! scanner said `]E0`, and QR or Code 128 data (a receipt's link) may hold characters a product code may not.
//!
//! ```ignore
//! use usta::domain::barcode;
//! let validator = usta_scanner::Validator::new(|scan| match scan.symbology {
//!     Symbology::Ean13 | Symbology::Ean8 | Symbology::UpcA => {
//!         barcode::symbology(&scan.code).map(|_| ()).map_err(|e| e.to_string())
//!     }
//!     Symbology::UpcE => barcode::check_upc_e(&scan.code).map_err(|e| e.to_string()),
//!     _ => Ok(()),
//! });
//! ```
//!
//! **Config.** [`ScannerConfig`] is serde, flat, and all but `port` default (9600 8N1, CR suffix, AIM ids
//! auto-detected). The port is a [`PortSelector`], parsed from a string: a path (`/dev/usta-scanner` from the
//! shipped udev rule, `/dev/serial/by-id/…`, `/dev/ttyACM0`, `COM3`) or `usb:VID:PID[:SERIAL]`.
//!
//! ```
//! let config = usta_scanner::ScannerConfig::new("usb:0c2e:0b61".parse()?);
//! assert_eq!(config.serial.baud_rate, 9600);
//! # Ok::<(), usta_scanner::ConfigError>(())
//! ```
//!
//! **`usta scanner list`**: `for port in list_ports()? { println!("{port}") }` — [`PortInfo`]'s `Display` is
//! one line (path, `usb:vid:pid`, maker and product, serial, driver, stable path); [`PortInfo::selector`] is
//! what the settings screen should store for a picked port.
//!
//! **`usta scanner listen [--port P]`**: start a reader and print events until Ctrl-C.
//!
//! ```no_run
//! use usta_scanner::{Event, Reader, ScannerConfig, Validator};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let (_reader, events) = Reader::spawn(ScannerConfig::new("/dev/ttyACM0".parse()?), Validator::permissive())?;
//! for event in events {
//!     match event {
//!         Event::Connected { port } => eprintln!("listening on {port}"),
//!         Event::Scan(scan) => println!("{} {}", scan.symbology, scan.code),
//!         Event::Rejected(rejected) => eprintln!("rejected {:?}: {}", rejected.raw, rejected.reason),
//!         Event::Disconnected { reason } => eprintln!("scanner disconnected: {reason}"),
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! **GUI.** Wrap a reader in an iced subscription keyed by the config, so changing settings restarts it and
//! leaving the screen stops it. [`Reader::spawn_with`] hands events to a closure on the reader thread, which may
//! block; that lets it push into the subscription's async channel without a bridge thread:
//!
//! ```ignore
//! Subscription::run_with(config, |config| iced::stream::channel(16, move |output| async move {
//!     // Held for as long as the subscription lives; dropping it stops the thread.
//!     let _reader = Reader::spawn_with(config.clone(), validator(), move |event| {
//!         iced::futures::executor::block_on(output.clone().send(Message::Scanner(event))).is_ok()
//!     });
//!     std::future::pending::<()>().await
//! }))
//! ```
//!
//! # Events
//! - [`Event::Connected`] each time the port opens.
//! - [`Event::Scan`] / [`Event::Rejected`] per frame. Show the rejection reason to the cashier; its variants
//!   can be translated, and [`RejectReason::Invalid`] carries the validator's own text.
//! - [`Event::Disconnected`] when the connection is lost, and at start when the port cannot be opened. The
//!   reader then retries quietly; a new kind of failure (e.g. permission denied once the device is back) is
//!   reported again.
//!
//! Dropping the [`Reader`] (or [`Reader::stop`]) stops the thread within about 100 ms and closes the port. If
//! the event receiver is dropped, the reader stops at its next event. Ports are opened exclusively, so a
//! second reader on the same port reports [`PortError::Open`] rather than stealing scans.
//!
//! # Testing the app with the fake
//! Add `usta-scanner = { path = "drivers/scanner", features = ["fake"] }` to the app's dev-dependencies, then:
//! `let mut fake = FakeScanner::new()?; Reader::spawn(fake.config(), validator)`; wait for
//! [`Event::Connected`]; `fake.scan("4006381333931", Suffix::Cr)?`; `fake.unplug()?` / `fake.plug()?`.

pub mod config;
pub mod decoder;
pub mod error;
#[cfg(all(unix, feature = "fake"))]
pub mod fake;
pub mod ports;
pub mod reader;
pub mod symbology;

pub use config::{FlowControl, Parity, PortSelector, ScannerConfig, SerialSettings};
pub use decoder::{AimIds, Decoded, Decoder, FrameConfig, RejectReason, Rejected, Suffix};
pub use error::{ConfigError, PortError, StartError};
pub use ports::{PortInfo, UsbInfo, find_usb, list_ports};
pub use reader::{Event, Reader};
pub use symbology::{Scan, ShapeError, Symbology, Validator};

// Lets the shared test helpers name this crate the same way from unit and integration tests.
#[cfg(test)]
extern crate self as usta_scanner;

#[cfg(test)]
#[path = "../tests/support/gtin.rs"]
mod test_gtin;
