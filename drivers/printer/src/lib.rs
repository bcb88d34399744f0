//! Receipt printing for Usta: printer-independent [`Block`]s → ESC/POS bytes for a printer [`Profile`] → a
//! [`Transport`] (TCP, USB device file, serial, file, in-memory capture), plus a [`VirtualPrinter`] that
//! receives jobs over TCP and writes them back out as text.
//!
//! # The promise
//! Every character of every receipt prints correctly on every printer. Each text line goes out in a code page
//! the profile has (KZ-1048 on Epsons, so Ң ң Ө ө Ү ү print as text); a line with a character no page has —
//! Kyrgyz letters on a cheap 58 mm printer — is drawn with the bundled DejaVu Sans Mono and sent as a raster
//! image (`GS v 0`). No UTF-8 and no byte from the wrong page ever reaches the printer as text.
//!
//! # Using it from the app
//! ```no_run
//! use usta_printer::{Block, Printer, PrinterUri, Profile, Timeouts};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Settings: a profile (built-in name or a TOML file) and a printer URI.
//! let profile = Profile::load("generic58")?;
//! let uri: PrinterUri = "tcp://192.168.1.50:9100".parse()?;
//!
//! // A receipt, as the app's receipt_text::blocks builds it; DrawerKick after a cash payment.
//! let blocks = vec![Block::title("Өнөр үйү"), Block::total("ЖАЛПЫ", "1 450,00 сом"), Block::DrawerKick, Block::Cut];
//!
//! // One job = open, print, close. Errors are Clone and worded for the cashier.
//! match usta_printer::print_job(&uri, &profile, &blocks, Timeouts::default()) {
//!     Ok(report) => {
//!         if let Some(note) = report.status.and_then(|s| s.warning()) {
//!             println!("{note}");
//!         }
//!     }
//!     Err(e) if e.is_transient() => println!("queued: {e}"), // retry later, the sale stays
//!     Err(e) => println!("printer setting needs fixing: {e}"),
//! }
//! # Ok(()) }
//! ```
//!
//! Main entry points:
//! - Layout: [`Block`] (text, pair, rule, QR, Code128 [`Block::Barcode`], [`Block::Ean13`], feed, cut,
//!   [`Block::DrawerKick`], [`Block::Sized`] for small/tall/double text) and [`render_text`] for previews.
//! - Profiles: [`Profile::load`] (built-in name or TOML path), [`Profile::builtin`], [`Profile::from_toml`],
//!   [`Profile::to_toml`]; built-ins `epson`, `generic58`, `raster-only`.
//! - Encoding: [`encode()`] (blocks → bytes; fails only on bad barcode content) and [`decode()`] (bytes → [`Job`],
//!   what a printer would print).
//! - Printing: [`PrinterUri`] (`FromStr`/`Display`), [`print_job`], or [`Printer`] (`open`, `print`, `send`
//!   for stored bytes, `status`). [`PrintError::is_transient`] tells a queue whether to retry.
//! - Status: [`Status`] from `DLE EOT 1..4` (paper out, near end, cover open, offline, drawer, error) with
//!   [`Status::problem`] and [`Status::warning`] texts.
//! - Printouts: [`price_label`] for [`PriceLabel`]s, [`test_page`] with every Kyrgyz letter.
//! - Virtual printer: [`VirtualPrinter::start`] (`addr`, output folder, [`VirtualOptions`]) →
//!   [`VirtualPrinter::addr`], [`VirtualPrinter::uri`], [`VirtualPrinter::set_status`],
//!   [`VirtualPrinter::wait_for_jobs`], [`VirtualPrinter::stop`] / [`VirtualPrinter::wait`] (for
//!   `usta printer serve`). Each job is written as `job-NNNN.bin`, `job-NNNN.txt` and (unless turned off)
//!   `job-NNNN.png`, a picture of the paper roll ([`roll::render`], [`roll::to_png`]).
//!
//! Threads: a [`Printer`] and every [`Transport`] are `Send`; keep one printer on the print queue's worker
//! thread. Nothing here blocks longer than its [`Timeouts`] (the USB transport runs its writes on a helper
//! thread because the kernel driver has no timeout of its own).
//!
//! # Printer URIs
//! `tcp://HOST[:PORT]` (port 9100 by default), `usb:/dev/usb/lp0` (also `file:/dev/…` or a bare `/dev/…`
//! path; the device is opened, never created), `serial:/dev/ttyUSB0?baud=19200&flow=hardware`, and
//! `file:PATH` for a regular file (created or truncated).
//!
//! # Profile TOML
//! ```toml
//! name = "XP-58 at the bazaar stall"
//! paper = "58mm"                 # or "80mm": 32 or 48 columns, 384 or 576 dots
//! native_qr = false              # GS ( k; otherwise QR codes are rastered
//! cutter = false                 # otherwise a cut becomes a feed to the tear bar
//! drawer_pin = 2                 # 2 or 5
//! cancel_kanji = true            # send FS . (Chinese-market printers start in double-byte mode)
//! status_readback = true         # the printer answers DLE EOT
//! # Most preferred first; n is the printer's own ESC t number (see its self-test page).
//! code_pages = [ { page = "pc866", n = 17 }, { page = "wpc1251", n = 46 } ]
//! ```
//! Known pages: `kz-1048`, `pc866`, `wpc1251`, `wpc1252`.
//!
//! # Virtual printer job text
//! One line per printed line; images as `[raster WxH]` (dots), codes as `[QR data]`, `[CODE128 data]`,
//! `[EAN13 digits]`, and `[cut]`, `[drawer kick pin N]`, `[unknown …]` markers. [`Job::paper_text`] leaves the
//! markers out and equals [`render_text`] of the blocks when every line printed as text.

pub mod barcode;
pub mod codepage;
pub mod decode;
pub mod encode;
pub mod label;
pub mod layout;
pub mod printer;
pub mod profile;
pub mod raster;
pub mod roll;
pub mod status;
pub mod transport;
pub mod virtual_printer;

pub use codepage::CodePage;
pub use decode::{Job, Printed, decode};
pub use encode::{EncodeError, encode};
pub use label::{PriceLabel, price_label, test_page};
pub use layout::{Align, Block, TextSize, render_text};
pub use printer::{PrintError, PrintReport, Printer, print_job};
pub use profile::{CodePageSlot, DrawerPin, Paper, Profile, ProfileError};
pub use status::Status;
pub use transport::{PrinterUri, Timeouts, Transport, TransportError};
pub use virtual_printer::{JobRecord, VirtualError, VirtualOptions, VirtualPrinter, VirtualStatus};
