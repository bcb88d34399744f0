//! Blocks → ESC/POS bytes for one printer profile.
//!
//! Each text line goes out in a code page the profile has, preferring the page already selected and then the
//! profile's order; a line no single page covers is split into runs of different pages; a line with a character
//! no page has is drawn as a raster image. So every byte sent is one the printer prints as intended: no UTF-8
//! ever reaches the printer as text.
//!
//! The commands are written here rather than through the `escpos` crate: that crate sends UTF-8 for
//! characters a page lacks, has no Code128 and its drivers are not `Send`; the handful of commands a receipt
//! needs are simpler to write and to test byte for byte.

use crate::barcode::{self, BarcodeError};
use crate::layout::{Block, Line, TextSize, lines};
use crate::profile::{DrawerPin, Profile};
use crate::raster::{self, FontError};

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const FS: u8 = 0x1C;
const LF: u8 = 0x0A;

/// Dots the paper is fed past the head when there is no cutter: enough to clear the tear bar.
const TEAR_FEED_DOTS: u8 = 120;
/// Barcode bar height in dots (10 mm at 203 dpi): scanners read it at an angle.
const BARCODE_HEIGHT: u8 = 80;

/// A printout that cannot be turned into printer bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error(transparent)]
    Barcode(#[from] BarcodeError),
    #[error(transparent)]
    Font(#[from] FontError),
}

/// Encodes a whole job: printer reset, then the blocks. The job does not cut unless the blocks say so.
pub fn encode(blocks: &[Block], profile: &Profile) -> Result<Vec<u8>, EncodeError> {
    let mut encoder = Encoder::new(profile);
    encoder.reset();
    for line in lines(blocks, profile.columns()) {
        encoder.line(&line)?;
    }
    Ok(encoder.out)
}

/// How a text line goes out.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    /// Bytes per run, each with the `ESC t` number it needs (`None`: ASCII, fine in any page).
    Text(Vec<(Option<u8>, Vec<u8>)>),
    Raster,
}

struct Encoder<'p> {
    profile: &'p Profile,
    out: Vec<u8>,
    /// The `ESC t` number in force; unknown after a reset (the printer's power-on default).
    page: Option<u8>,
    bold: bool,
    size: TextSize,
}

impl<'p> Encoder<'p> {
    fn new(profile: &'p Profile) -> Self {
        Encoder {
            profile,
            out: Vec::new(),
            page: None,
            bold: false,
            size: TextSize::Normal,
        }
    }

    fn reset(&mut self) {
        self.out.extend_from_slice(&[ESC, b'@']);
        if self.profile.cancel_kanji {
            self.out.extend_from_slice(&[FS, b'.']);
        }
        // International character set USA: some printers default to sets that replace # $ @ [ \ ] with
        // national letters, which would corrupt receipt numbers and URLs printed as text.
        self.out.extend_from_slice(&[ESC, b'R', 0]);
        self.page = None;
        self.bold = false;
        self.size = TextSize::Normal;
    }

    fn line(&mut self, line: &Line) -> Result<(), EncodeError> {
        match line {
            Line::Text { text, bold, size } => self.text(text, *bold, *size)?,
            Line::Qr(content) => self.qr(content)?,
            Line::Code128(content) => self.code128(content)?,
            Line::Ean13(digits) => self.ean13(digits)?,
            Line::DrawerKick => {
                let m = match self.profile.drawer_pin {
                    DrawerPin::Pin2 => 0,
                    DrawerPin::Pin5 => 1,
                };
                // 50 ms on, 500 ms off: the pulse drawer solenoids are specified for.
                self.out.extend_from_slice(&[ESC, b'p', m, 25, 250]);
            }
            Line::Cut => {
                if self.profile.cutter {
                    // Function B: feed to the cutting position, then a partial cut that leaves the receipt
                    // hanging until the cashier tears it off.
                    self.out.extend_from_slice(&[GS, b'V', 66, 0]);
                } else {
                    self.out.extend_from_slice(&[ESC, b'J', TEAR_FEED_DOTS]);
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, text: &str, bold: bool, size: TextSize) -> Result<(), EncodeError> {
        // Control characters in shop data (a tab in a product name, an ESC pasted from somewhere) would be
        // taken as commands; on paper they are blanks.
        let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let text = text.trim_end();
        match plan(text, self.profile, self.page) {
            Plan::Text(runs) => {
                self.style(bold, size);
                for (n, bytes) in runs {
                    if let Some(n) = n
                        && self.page != Some(n)
                    {
                        self.out.extend_from_slice(&[ESC, b't', n]);
                        self.page = Some(n);
                    }
                    self.out.extend_from_slice(&bytes);
                }
                self.out.push(LF);
            }
            Plan::Raster => {
                let image = raster::text_line(text, self.profile.paper.dots(), self.profile.columns(), size, bold)?;
                self.out.extend_from_slice(&image.to_escpos());
            }
        }
        Ok(())
    }

    fn style(&mut self, bold: bool, size: TextSize) {
        if bold != self.bold {
            self.out.extend_from_slice(&[ESC, b'E', u8::from(bold)]);
            self.bold = bold;
        }
        if size != self.size {
            let font_b = |s: TextSize| s == TextSize::Small;
            if font_b(size) != font_b(self.size) {
                self.out.extend_from_slice(&[ESC, b'M', u8::from(font_b(size))]);
            }
            let magnify = |s: TextSize| match s {
                TextSize::Small | TextSize::Normal => 0x00,
                TextSize::Tall => 0x01,
                TextSize::Double => 0x11,
            };
            if magnify(size) != magnify(self.size) {
                self.out.extend_from_slice(&[GS, b'!', magnify(size)]);
            }
            self.size = size;
        }
    }

    fn centred(&mut self, body: impl FnOnce(&mut Vec<u8>)) {
        self.out.extend_from_slice(&[ESC, b'a', 1]);
        body(&mut self.out);
        self.out.extend_from_slice(&[ESC, b'a', 0]);
    }

    fn qr(&mut self, content: &str) -> Result<(), EncodeError> {
        let dots = self.profile.paper.dots();
        if !self.profile.native_qr {
            let image = raster::qr(content, dots)?;
            self.out.extend_from_slice(&image.to_escpos());
            return Ok(());
        }
        // The printer builds the symbol; its size (from the capacity table) is all the module size needs.
        let data = content.as_bytes();
        let width = barcode::qr_width_m(data.len())?;
        let module = u8::try_from(raster::qr_module_dots(width, dots)).unwrap_or(3);
        let store_len = u16::try_from(data.len() + 3)
            .map_err(|_| BarcodeError::QrTooLong(data.len()))?
            .to_le_bytes();
        self.centred(|out| {
            out.extend_from_slice(&[GS, b'(', b'k', 4, 0, 49, 65, 50, 0]); // model 2
            out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 67, module]); // module size
            out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 69, 49]); // error correction M
            out.extend_from_slice(&[GS, b'(', b'k', store_len[0], store_len[1], 49, 80, 48]);
            out.extend_from_slice(data);
            out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 81, 48]); // print
        });
        Ok(())
    }

    fn barcode_setup(out: &mut Vec<u8>, module: u8) {
        // Human-readable digits below the bars in font A, so a cashier can type the code if a scan fails.
        out.extend_from_slice(&[GS, b'H', 2, GS, b'f', 0, GS, b'h', BARCODE_HEIGHT, GS, b'w', module]);
    }

    fn code128(&mut self, content: &str) -> Result<(), EncodeError> {
        let modules = barcode::code128_modules(content)?;
        let dots = self.profile.paper.dots();
        // Wider bars scan better; fall back to thinner ones for long content, with 10-module quiet zones.
        let module = [3u8, 2]
            .into_iter()
            .find(|m| (modules + 20) * usize::from(*m) <= dots)
            .ok_or_else(|| BarcodeError::Code128TooWide {
                content: content.to_string(),
                dots,
            })?;
        // `{B` selects code set B; a literal `{` must be doubled because `{` starts these escapes.
        let mut data = b"{B".to_vec();
        for b in content.bytes() {
            if b == b'{' {
                data.push(b'{');
            }
            data.push(b);
        }
        let n = u8::try_from(data.len()).map_err(|_| BarcodeError::Code128TooWide {
            content: content.to_string(),
            dots,
        })?;
        self.centred(|out| {
            Self::barcode_setup(out, module);
            out.extend_from_slice(&[GS, b'k', 73, n]);
            out.extend_from_slice(&data);
        });
        Ok(())
    }

    fn ean13(&mut self, digits: &str) -> Result<(), EncodeError> {
        let full = barcode::ean13(digits)?;
        // Twelve digits: the printer adds the check digit itself, which every model does the same way.
        let first12 = &full.as_bytes()[..12];
        self.centred(|out| {
            Self::barcode_setup(out, 3);
            out.extend_from_slice(&[GS, b'k', 67, 12]);
            out.extend_from_slice(first12);
        });
        Ok(())
    }
}

/// Chooses code pages for a line: one page covering it all (the one in force first, then the profile's order),
/// else runs of pages, else a raster.
fn plan(text: &str, profile: &Profile, in_force: Option<u8>) -> Plan {
    let printable_ascii = |c: char| (' '..='~').contains(&c);
    // A blank line is a line feed on any printer, even one without usable character tables.
    if text.chars().all(|c| c == ' ') || (!profile.code_pages.is_empty() && text.chars().all(printable_ascii)) {
        return Plan::Text(vec![(None, text.as_bytes().to_vec())]);
    }
    if profile.code_pages.is_empty() {
        return Plan::Raster;
    }
    let slots = || {
        let current = profile.code_pages.iter().filter(move |s| Some(s.n) == in_force);
        current.chain(profile.code_pages.iter().filter(move |s| Some(s.n) != in_force))
    };
    let encode =
        |page: crate::CodePage, s: &str| -> Option<Vec<u8>> { s.chars().map(|c| page.encode_char(c)).collect() };
    if let Some((slot, bytes)) = slots().find_map(|s| encode(s.page, text).map(|b| (s, b))) {
        return Plan::Text(vec![(Some(slot.n), bytes)]);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<(Option<u8>, Vec<u8>)> = Vec::new();
    let mut active = slots().next().filter(|s| Some(s.n) == in_force).copied();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let byte = match active.and_then(|s| s.page.encode_char(c)) {
            Some(b) => b,
            None => {
                // Switch to the page that carries furthest from here, to keep switches few.
                let reach = |page: crate::CodePage| {
                    chars[i..]
                        .iter()
                        .take_while(|&&c| page.encode_char(c).is_some())
                        .count()
                };
                let Some(best) = profile
                    .code_pages
                    .iter()
                    .filter(|s| s.page.encode_char(c).is_some())
                    .max_by_key(|s| (reach(s.page), std::cmp::Reverse(position(profile, s.n))))
                else {
                    return Plan::Raster;
                };
                active = Some(*best);
                runs.push((Some(best.n), Vec::new()));
                match best.page.encode_char(c) {
                    Some(b) => b,
                    None => return Plan::Raster,
                }
            }
        };
        match runs.last_mut() {
            Some(run) => run.1.push(byte),
            None => runs.push((active.map(|s| s.n), vec![byte])),
        }
        i += 1;
    }
    Plan::Text(runs)
}

fn position(profile: &Profile, n: u8) -> usize {
    profile.code_pages.iter().position(|s| s.n == n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codepage::CodePage;
    use crate::profile::CodePageSlot;

    const RESET: &[u8] = &[ESC, b'@', ESC, b'R', 0];

    fn job(profile: &Profile, blocks: &[Block]) -> Vec<u8> {
        encode(blocks, profile).expect("encodes")
    }

    /// One data-driven check: the bytes after the reset preamble.
    fn check(profile: &Profile, blocks: &[Block], expected: &[u8]) {
        let bytes = job(profile, blocks);
        let preamble_len = if profile.cancel_kanji { 7 } else { 5 };
        assert_eq!(
            &bytes[preamble_len..],
            expected,
            "{blocks:?}\n got {:02X?}",
            &bytes[preamble_len..]
        );
    }

    #[test]
    fn epson_prints_kyrgyz_letters_in_kz1048() {
        check(
            &Profile::epson(),
            &[Block::text("Ң ң Ө ө Ү ү")],
            &[
                ESC, b't', 53, 0xBD, b' ', 0xBE, b' ', 0xA5, b' ', 0xB4, b' ', 0xAF, b' ', 0xBF, LF,
            ],
        );
    }

    #[test]
    fn ascii_lines_select_no_code_page() {
        check(&Profile::epson(), &[Block::text("TOTAL 12,50")], b"TOTAL 12,50\n");
        assert_eq!(&job(&Profile::epson(), &[])[..], RESET);
    }

    #[test]
    fn the_page_in_force_is_kept_while_it_covers_the_line() {
        // Russian is covered by KZ-1048 (first in the profile) and, once selected, stays selected.
        check(
            &Profile::epson(),
            &[Block::text("Чек"), Block::text("Итог"), Block::text("Ү")],
            &[
                ESC, b't', 53, 0xD7, 0xE5, 0xEA, LF, 0xC8, 0xF2, 0xEE, 0xE3, LF, 0xAF, LF,
            ],
        );
        // CP866 first in a profile: Russian goes out in CP866 bytes.
        let mut dos = Profile::generic58();
        dos.cancel_kanji = false;
        check(
            &dos,
            &[Block::text("Чек №1")],
            &[ESC, b't', 17, 0x97, 0xA5, 0xAA, b' ', 0xFC, b'1', LF],
        );
    }

    #[test]
    fn a_line_no_page_covers_alone_is_split_into_runs() {
        // "╔" exists only in CP866 and "Ү" only in KZ-1048: two runs, one page switch each.
        check(
            &Profile::epson(),
            &[Block::text("Ү╔")],
            &[ESC, b't', 53, 0xAF, ESC, b't', 17, 0xC9, LF],
        );
        // × is only in WPC1252; the rest of the line is ASCII, so one page for the whole line.
        check(
            &Profile::epson(),
            &[Block::text("2 × 150")],
            &[ESC, b't', 16, b'2', b' ', 0xD7, b' ', b'1', b'5', b'0', LF],
        );
    }

    #[test]
    fn generic58_rasters_kyrgyz_lines_and_prints_russian_as_text() {
        let bytes = job(&Profile::generic58(), &[Block::text("Итог"), Block::text("Өнөр")]);
        let head = [
            ESC, b'@', FS, b'.', ESC, b'R', 0, ESC, b't', 17, 0x88, 0xE2, 0xAE, 0xA3, LF,
        ];
        assert_eq!(&bytes[..head.len()], &head);
        let rest = &bytes[head.len()..];
        // 4 cells × 12 dots = 48 dots = 6 bytes wide, 30 rows.
        assert_eq!(&rest[..8], &[GS, b'v', b'0', 0, 6, 0, 30, 0]);
        assert_eq!(rest.len(), 8 + 6 * 30);
    }

    #[test]
    fn raster_only_profile_rasters_even_ascii() {
        let bytes = job(&Profile::raster_only(), &[Block::text("OK")]);
        assert_eq!(&bytes[RESET.len()..RESET.len() + 4], &[GS, b'v', b'0', 0]);
        assert!(!bytes.windows(2).any(|w| w == b"OK"));
    }

    #[test]
    fn style_commands_are_sent_only_on_change() {
        let centred = |pad: usize, c: u8| {
            let mut v = vec![b' '; pad];
            v.extend_from_slice(&[c, LF]);
            v
        };
        let expected = [
            vec![ESC, b'E', 1],
            centred(23, b'A'), // (48 - 1) / 2
            centred(23, b'B'),
            vec![ESC, b'E', 0, b'c', LF],
            vec![ESC, b'E', 1, GS, b'!', 0x11],
            centred(11, b'D'), // double width: 24 columns
            vec![ESC, b'E', 0, ESC, b'M', 1, GS, b'!', 0, b'e', LF],
        ]
        .concat();
        check(
            &Profile::epson(),
            &[
                Block::title("A"),
                Block::title("B"),
                Block::text("c"),
                Block::big("D"),
                Block::small("e"),
            ],
            &expected,
        );
    }

    #[test]
    fn qr_code128_ean13_cut_and_drawer_commands() {
        check(
            &Profile::epson(),
            &[Block::Qr("AB".into())],
            &[
                ESC, b'a', 1, //
                GS, b'(', b'k', 4, 0, 49, 65, 50, 0, //
                GS, b'(', b'k', 3, 0, 49, 67, 6, //
                GS, b'(', b'k', 3, 0, 49, 69, 49, //
                GS, b'(', b'k', 5, 0, 49, 80, 48, b'A', b'B', //
                GS, b'(', b'k', 3, 0, 49, 81, 48, //
                ESC, b'a', 0,
            ],
        );
        let setup = |m: u8| [GS, b'H', 2, GS, b'f', 0, GS, b'h', 80, GS, b'w', m];
        let mut code128 = vec![ESC, b'a', 1];
        code128.extend_from_slice(&setup(3));
        code128.extend_from_slice(&[GS, b'k', 73, 9, b'{', b'B', b'R', b'1', b'-', b'{', b'{', b'4', b'2']);
        code128.extend_from_slice(&[ESC, b'a', 0]);
        check(&Profile::epson(), &[Block::Barcode("R1-{42".into())], &code128);

        let mut ean = vec![ESC, b'a', 1];
        ean.extend_from_slice(&setup(3));
        ean.extend_from_slice(&[GS, b'k', 67, 12]);
        ean.extend_from_slice(b"200000000001");
        ean.extend_from_slice(&[ESC, b'a', 0]);
        check(&Profile::epson(), &[Block::Ean13("2000000000015".into())], &ean);

        check(
            &Profile::epson(),
            &[Block::DrawerKick, Block::Cut],
            &[ESC, b'p', 0, 25, 250, GS, b'V', 66, 0],
        );
        let mut pin5 = Profile::generic58();
        pin5.drawer_pin = DrawerPin::Pin5;
        check(
            &pin5,
            &[Block::DrawerKick, Block::Cut],
            &[ESC, b'p', 1, 25, 250, ESC, b'J', TEAR_FEED_DOTS],
        );
    }

    #[test]
    fn long_code128_falls_back_to_thin_bars_then_refuses() {
        let bytes = job(&Profile::generic58(), &[Block::Barcode("R12-000123".into())]);
        let w = bytes.windows(2).position(|w| w == [GS, b'w']).expect("GS w");
        assert_eq!(bytes[w + 2], 2, "thin bars on 58 mm");
        let err = encode(&[Block::Barcode("X".repeat(40))], &Profile::generic58());
        assert!(matches!(
            err,
            Err(EncodeError::Barcode(BarcodeError::Code128TooWide { .. }))
        ));
        assert!(encode(&[Block::Ean13("123".into())], &Profile::epson()).is_err());
    }

    #[test]
    fn qr_without_native_support_is_a_raster() {
        let bytes = job(&Profile::generic58(), &[Block::Qr("https://salyk.kg".into())]);
        assert!(!bytes.windows(3).any(|w| w == [GS, b'(', b'k']));
        assert_eq!(&bytes[7..11], &[GS, b'v', b'0', 0]);
        assert_eq!(&bytes[11..13], &[48, 0], "384 dots wide");
    }

    #[test]
    fn control_characters_in_shop_data_become_blanks() {
        check(&Profile::epson(), &[Block::text("a\tb\u{1b}@c")], b"a b @c\n");
    }

    #[test]
    fn run_planning_prefers_fewer_switches() {
        let profile = Profile {
            code_pages: vec![
                CodePageSlot {
                    page: CodePage::Wpc1252,
                    n: 16,
                },
                CodePageSlot {
                    page: CodePage::Pc866,
                    n: 17,
                },
            ],
            ..Profile::epson()
        };
        // "×" only in 1252, Cyrillic only in 866.
        assert_eq!(
            plan("Ак × 2", &profile, None),
            Plan::Text(vec![
                (Some(17), vec![0x80, 0xAA, b' ']),
                (Some(16), vec![0xD7, b' ', b'2']),
            ])
        );
        assert_eq!(plan("Ак Ң", &profile, None), Plan::Raster);
    }
}
