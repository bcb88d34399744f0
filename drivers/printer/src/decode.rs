//! ESC/POS bytes → what a printer would put on paper. The virtual printer runs every job through this, so a
//! test can read a receipt back as text; it is also how a captured job is checked by eye.
//!
//! It reads the commands this crate sends plus the common ones other POS software sends; anything else is kept
//! as an `[unknown …]` item rather than guessed at. Text bytes are decoded with the code page the job selected,
//! using the profile's `ESC t` numbers; a byte above 0x7F with no known page selected shows as `�`, so a job that
//! leaks UTF-8 or forgets `ESC t` is caught.

use crate::barcode;
use crate::codepage::CodePage;
use crate::layout::TextSize;
use crate::profile::{DrawerPin, Profile};
use crate::raster::Bitmap;

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const FS: u8 = 0x1C;
const DLE: u8 = 0x10;
const EOT: u8 = 0x04;

/// Commands claiming more data than this are not believed: the virtual printer must not buffer gigabytes
/// because of one bad length byte.
const MAX_COMMAND: usize = 8 << 20;

/// One thing on the paper, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    Text {
        text: String,
        bold: bool,
        size: TextSize,
    },
    Raster(Bitmap),
    Qr(String),
    Code128(String),
    Ean13(String),
    /// Another 1-D symbology (`GS k m`), by its ESC/POS number.
    Barcode {
        kind: u8,
        data: String,
    },
    Cut,
    DrawerKick(DrawerPin),
    /// Bytes this interpreter does not know.
    Unknown(Vec<u8>),
}

impl Printed {
    /// The item as one line of the job text.
    pub fn describe(&self) -> String {
        match self {
            Printed::Text { text, .. } => text.clone(),
            Printed::Raster(image) => format!("[raster {}x{}]", image.width(), image.height()),
            Printed::Qr(data) => format!("[QR {data}]"),
            Printed::Code128(data) => format!("[CODE128 {data}]"),
            Printed::Ean13(data) => format!("[EAN13 {data}]"),
            Printed::Barcode { kind, data } => format!("[BARCODE {kind} {data}]"),
            Printed::Cut => "[cut]".into(),
            Printed::DrawerKick(pin) => format!("[drawer kick pin {}]", u8::from(*pin)),
            Printed::Unknown(bytes) => {
                let hex: Vec<String> = bytes.iter().take(16).map(|b| format!("{b:02X}")).collect();
                format!("[unknown {}]", hex.join(" "))
            }
        }
    }
}

/// A decoded job.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Job {
    pub printed: Vec<Printed>,
    /// Status queries (`DLE EOT n`) the job contained, in order.
    pub status_queries: Vec<u8>,
}

impl Job {
    /// Every item, one per line, cuts and drawer kicks included: the virtual printer's `job-NNNN.txt`.
    pub fn text(&self) -> String {
        self.printed.iter().map(|p| p.describe() + "\n").collect::<String>()
    }

    /// What is printed on the paper, without cut and drawer markers: equal to
    /// [`render_text`](crate::render_text) of the blocks when every line went out as text.
    pub fn paper_text(&self) -> String {
        self.printed
            .iter()
            .filter(|p| !matches!(p, Printed::Cut | Printed::DrawerKick(_)))
            .map(|p| p.describe() + "\n")
            .collect::<String>()
    }

    /// Whether anything reached the paper or the drawer (a connection that only asked for status did not).
    pub fn is_empty(&self) -> bool {
        self.printed.is_empty()
    }
}

/// Decodes a complete job.
pub fn decode(bytes: &[u8], profile: &Profile) -> Job {
    let mut interpreter = Interpreter::new(profile);
    interpreter.feed(bytes);
    interpreter.finish()
}

/// A streaming interpreter: bytes arrive in arbitrary pieces, commands are taken only once complete, and status
/// queries are reported as soon as they are read so a server can answer them mid-job.
#[derive(Debug, Clone)]
pub struct Interpreter {
    profile: Profile,
    pending: Vec<u8>,
    line: String,
    /// `None` before any `ESC t`; `Some(None)` after an `ESC t` the profile does not know.
    page: Option<Option<CodePage>>,
    bold: bool,
    size: TextSize,
    qr: Vec<u8>,
    job: Job,
}

enum Step {
    /// The command is not complete yet.
    Need,
    /// Consumed this many bytes.
    Took(usize),
}

impl Interpreter {
    pub fn new(profile: &Profile) -> Self {
        Interpreter {
            profile: profile.clone(),
            pending: Vec::new(),
            line: String::new(),
            page: None,
            bold: false,
            size: TextSize::Normal,
            qr: Vec::new(),
            job: Job::default(),
        }
    }

    /// Takes more bytes; returns the `n` of each `DLE EOT n` status query completed by them.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        // The buffer is taken out while parsing so commands can be read from it and the state updated at once.
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend_from_slice(bytes);
        let before = self.job.status_queries.len();
        let mut pos = 0;
        while pos < buf.len() {
            match self.step(&buf[pos..]) {
                Step::Need => break,
                Step::Took(n) => pos += n.max(1),
            }
        }
        buf.drain(..pos.min(buf.len()));
        self.pending = buf;
        self.job.status_queries[before..].to_vec()
    }

    /// Ends the job (the client closed the connection): a partial line is printed, an unfinished command kept
    /// as unknown bytes.
    pub fn finish(mut self) -> Job {
        self.flush_line();
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.job.printed.push(Printed::Unknown(rest));
        }
        self.job
    }

    fn flush_line(&mut self) {
        if !self.line.is_empty() {
            self.new_line();
        }
    }

    fn new_line(&mut self) {
        let text = std::mem::take(&mut self.line);
        self.job.printed.push(Printed::Text {
            text,
            bold: self.bold,
            size: self.size,
        });
    }

    fn put(&mut self, item: Printed) {
        self.flush_line();
        self.job.printed.push(item);
    }

    fn unknown(&mut self, bytes: &[u8]) {
        self.put(Printed::Unknown(bytes.to_vec()));
    }

    fn step(&mut self, b: &[u8]) -> Step {
        let Some(&first) = b.first() else {
            return Step::Need;
        };
        match first {
            b'\n' => {
                self.new_line();
                Step::Took(1)
            }
            ESC => self.esc(b),
            GS => self.gs(b),
            FS => match b.get(1) {
                None => Step::Need,
                // Kanji mode on/off: text bytes stay single-byte in this interpreter either way.
                Some(b'.' | b'&') => Step::Took(2),
                Some(_) => {
                    self.unknown(&b[..2]);
                    Step::Took(2)
                }
            },
            DLE => self.dle(b),
            b'\t' => {
                self.line.push(' ');
                Step::Took(1)
            }
            0x00..=0x1F | 0x7F => Step::Took(1),
            byte => {
                let c = match self.page {
                    _ if byte < 0x80 => Some(char::from(byte)),
                    Some(Some(page)) => page.decode_byte(byte),
                    _ => None,
                };
                self.line.push(c.unwrap_or('\u{FFFD}'));
                Step::Took(1)
            }
        }
    }

    fn esc(&mut self, b: &[u8]) -> Step {
        let Some(&cmd) = b.get(1) else {
            return Step::Need;
        };
        let param = |len: usize| if b.len() < len { None } else { Some(b[len - 1]) };
        match cmd {
            b'@' => {
                self.line.clear();
                self.page = None;
                self.bold = false;
                self.size = TextSize::Normal;
                Step::Took(2)
            }
            b'2' | b'<' => Step::Took(2),
            b'E' | b'G' | b'M' | b't' | b'!' | b'd' | b'J' | b'a' | b'R' | b'-' | b'3' | b' ' | b'U' | b'{' | b'r'
            | b'V' | b'e' => {
                let Some(n) = param(3) else {
                    return Step::Need;
                };
                match cmd {
                    b'E' | b'G' => self.bold = n & 1 == 1,
                    b'M' => self.size = if n & 1 == 1 { TextSize::Small } else { TextSize::Normal },
                    b't' => self.page = Some(self.profile.page_for(n)),
                    b'd' => {
                        // Print the buffer and feed n lines: the current line, then n-1 blank ones.
                        for _ in 0..n {
                            self.new_line();
                        }
                    }
                    b'J' => self.flush_line(),
                    _ => {}
                }
                Step::Took(3)
            }
            b'p' => match param(5) {
                None => Step::Need,
                Some(_) => {
                    let pin = if b[2] & 1 == 1 {
                        DrawerPin::Pin5
                    } else {
                        DrawerPin::Pin2
                    };
                    self.put(Printed::DrawerKick(pin));
                    Step::Took(5)
                }
            },
            b'*' => {
                // Column-format bit image: m nL nH, then n columns of 1 or 3 bytes.
                if b.len() < 5 {
                    return Step::Need;
                }
                let columns = usize::from(b[3]) + 256 * usize::from(b[4]);
                let len = 5 + columns * if b[2] >= 32 { 3 } else { 1 };
                self.sized(b, len, |me, body| me.unknown(&body[..5]))
            }
            _ => {
                self.unknown(&b[..2]);
                Step::Took(2)
            }
        }
    }

    fn gs(&mut self, b: &[u8]) -> Step {
        let Some(&cmd) = b.get(1) else {
            return Step::Need;
        };
        match cmd {
            b'!' => match b.get(2) {
                None => Step::Need,
                Some(&n) => {
                    self.size = match (n >> 4 & 0x07, n & 0x07) {
                        (0, 0) => TextSize::Normal,
                        (0, _) => TextSize::Tall,
                        _ => TextSize::Double,
                    };
                    Step::Took(3)
                }
            },
            b'B' | b'H' | b'f' | b'h' | b'w' | b'a' | b'b' | b'r' | b'I' => {
                if b.len() < 3 {
                    Step::Need
                } else {
                    Step::Took(3)
                }
            }
            b'L' | b'W' | b'P' | b'$' | b'\\' => {
                if b.len() < 4 {
                    Step::Need
                } else {
                    Step::Took(4)
                }
            }
            b'V' => {
                let Some(&m) = b.get(2) else {
                    return Step::Need;
                };
                let len = if matches!(m, 65 | 66 | 97 | 98 | 103 | 104) {
                    4
                } else {
                    3
                };
                if b.len() < len {
                    return Step::Need;
                }
                self.put(Printed::Cut);
                Step::Took(len)
            }
            b'v' => {
                if b.len() < 8 {
                    return Step::Need;
                }
                let row_bytes = usize::from(b[4]) + 256 * usize::from(b[5]);
                let rows = usize::from(b[6]) + 256 * usize::from(b[7]);
                self.sized(b, 8 + row_bytes * rows, |me, body| {
                    me.put(Printed::Raster(Bitmap::from_rows(row_bytes, rows, &body[8..])));
                })
            }
            b'(' => {
                if b.len() < 5 {
                    return Step::Need;
                }
                let len = 5 + usize::from(b[3]) + 256 * usize::from(b[4]);
                let function = b[2];
                self.sized(b, len, |me, body| {
                    if function == b'k' {
                        me.symbol(&body[5..]);
                    }
                })
            }
            b'k' => self.barcode(b),
            _ => {
                self.unknown(&b[..2]);
                Step::Took(2)
            }
        }
    }

    /// Runs `then` on a command of `len` bytes once all of it has arrived.
    fn sized(&mut self, b: &[u8], len: usize, then: impl FnOnce(&mut Self, &[u8])) -> Step {
        if len > MAX_COMMAND {
            self.unknown(&b[..2]);
            return Step::Took(2);
        }
        if b.len() < len {
            return Step::Need;
        }
        then(self, &b[..len]);
        Step::Took(len)
    }

    /// `GS ( k` 2-D symbol functions; only QR (cn 49) store and print matter for the paper.
    fn symbol(&mut self, body: &[u8]) {
        match body {
            [49, 80, 48, data @ ..] => self.qr = data.to_vec(),
            [49, 81, 48, ..] => {
                let data = String::from_utf8_lossy(&self.qr).into_owned();
                self.put(Printed::Qr(data));
            }
            _ => {}
        }
    }

    fn barcode(&mut self, b: &[u8]) -> Step {
        let Some(&m) = b.get(2) else {
            return Step::Need;
        };
        let (data, len) = if m <= 6 {
            // Function A: data up to a NUL.
            match b[3..].iter().position(|&x| x == 0) {
                None if b.len() - 3 > 255 => {
                    self.unknown(&b[..3]);
                    return Step::Took(3);
                }
                None => return Step::Need,
                Some(end) => (&b[3..3 + end], 3 + end + 1),
            }
        } else {
            let Some(&n) = b.get(3) else {
                return Step::Need;
            };
            let len = 4 + usize::from(n);
            if b.len() < len {
                return Step::Need;
            }
            (&b[4..len], len)
        };
        let text = String::from_utf8_lossy(data).into_owned();
        let item = match m {
            73 => Printed::Code128(code128_text(data)),
            2 | 67 => match barcode::ean13(&text) {
                Ok(full) => Printed::Ean13(full),
                Err(_) => Printed::Barcode { kind: m, data: text },
            },
            _ => Printed::Barcode { kind: m, data: text },
        };
        self.put(item);
        Step::Took(len)
    }

    fn dle(&mut self, b: &[u8]) -> Step {
        let Some(&cmd) = b.get(1) else {
            return Step::Need;
        };
        let len = match cmd {
            EOT | 0x05 => 3,
            0x14 => 5,
            _ => {
                self.unknown(&b[..2]);
                return Step::Took(2);
            }
        };
        if b.len() < len {
            return Step::Need;
        }
        if cmd == EOT {
            self.job.status_queries.push(b[2]);
        }
        Step::Took(len)
    }
}

/// Code128 data as the scanner would read it: `{A` `{B` `{C` switch code sets, `{{` is a literal brace, other
/// `{x` pairs are function codes and carry no text; in code set C each byte is two digits.
fn code128_text(data: &[u8]) -> String {
    let mut out = String::new();
    let mut set_c = false;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == b'{' {
            match data.get(i + 1) {
                Some(b'C') => set_c = true,
                Some(b'A' | b'B') => set_c = false,
                Some(b'{') => out.push('{'),
                _ => {}
            }
            i += 2;
            continue;
        }
        if set_c {
            out.push_str(&format!("{b:02}"));
        } else {
            out.push(char::from(b));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, encode, render_text};

    #[test]
    fn decodes_text_in_the_selected_page() {
        let bytes = [
            &[ESC, b'@', ESC, b't', 53][..],
            &[0xBD, 0xBE, 0xA5, 0xB4, 0xAF, 0xBF, b'\n'],
            &[ESC, b't', 17, 0x80, 0xFC, b'\n'],
            &[ESC, b't', 99, 0x80, b'\n'],
            &[ESC, b'@', 0xC0, b'\n'],
        ]
        .concat();
        assert_eq!(
            decode(&bytes, &Profile::epson()).text(),
            "ҢңӨөҮү\nА№\n\u{FFFD}\n\u{FFFD}\n",
            "unknown page and no page both show as replacement characters"
        );
    }

    #[test]
    fn utf8_leaked_to_a_printer_is_visible() {
        let mut bytes = vec![ESC, b'@', ESC, b't', 46];
        bytes.extend_from_slice("Ң".as_bytes());
        let text = decode(&bytes, &Profile::epson()).text();
        assert_ne!(text, "Ң\n");
        assert_eq!(text, "Тў\n", "UTF-8 D2 A2 read as WPC1251 is mojibake");
    }

    #[test]
    fn graphics_codes_and_markers_are_described() {
        let bytes = [
            &[GS, b'v', b'0', 0, 2, 0, 1, 0, 0xFF, 0x00][..],
            &[GS, b'(', b'k', 4, 0, 49, 80, 48, b'Q'],
            &[GS, b'(', b'k', 3, 0, 49, 81, 48],
            &[GS, b'k', 73, 7, b'{', b'B', b'R', b'{', b'{', b'{', b'C'],
            &[GS, b'k', 67, 12],
            b"200000000001",
            &[GS, b'k', 2],
            b"4006381333931\0",
            &[ESC, b'p', 1, 25, 250, GS, b'V', 66, 0, ESC, b'z'],
        ]
        .concat();
        assert_eq!(
            decode(&bytes, &Profile::epson()).text(),
            "[raster 16x1]\n[QR Q]\n[CODE128 R{]\n[EAN13 2000000000015]\n[EAN13 4006381333931]\n\
             [drawer kick pin 5]\n[cut]\n[unknown 1B 7A]\n"
        );
    }

    #[test]
    fn status_queries_are_reported_as_soon_as_complete() {
        let mut it = Interpreter::new(&Profile::epson());
        assert_eq!(it.feed(&[b'a', DLE]), Vec::<u8>::new());
        assert_eq!(it.feed(&[EOT]), Vec::<u8>::new(), "n not yet here");
        assert_eq!(it.feed(&[1, DLE, EOT, 4]), vec![1, 4]);
        // A DLE EOT inside raster data is image data, not a query.
        assert_eq!(it.feed(&[GS, b'v', b'0', 0, 3, 0, 1, 0, DLE, EOT, 2]), Vec::<u8>::new());
        let job = it.finish();
        assert_eq!(job.status_queries, vec![1, 4]);
        assert_eq!(job.text(), "a\n[raster 24x1]\n");
    }

    #[test]
    fn commands_split_across_reads_are_reassembled() {
        let bytes = encode(
            &[Block::text("Өнөр"), Block::Qr("https://salyk.kg".into()), Block::Cut],
            &Profile::epson(),
        )
        .expect("encodes");
        let mut it = Interpreter::new(&Profile::epson());
        for byte in &bytes {
            it.feed(std::slice::from_ref(byte));
        }
        assert_eq!(it.finish(), decode(&bytes, &Profile::epson()));
        assert_eq!(
            decode(&bytes, &Profile::epson()).text(),
            "Өнөр\n[QR https://salyk.kg]\n[cut]\n"
        );
    }

    #[test]
    fn a_job_cut_short_keeps_what_arrived() {
        let job = decode(&[b'o', b'k', GS, b'v', b'0', 0, 48, 0], &Profile::epson());
        assert_eq!(job.text(), "ok\n[unknown 1D 76 30 00 30 00]\n");
    }

    #[test]
    fn feeds_and_styles() {
        let bytes = [
            &[ESC, b'E', 1, b'B', ESC, b'd', 2][..],
            &[ESC, b'E', 0, GS, b'!', 0x11, b'D', b'\n', GS, b'!', 0, ESC, b'J', 120],
        ]
        .concat();
        let job = decode(&bytes, &Profile::epson());
        assert_eq!(job.text(), "B\n\nD\n");
        assert_eq!(
            job.printed[0],
            Printed::Text {
                text: "B".into(),
                bold: true,
                size: TextSize::Normal
            }
        );
        assert!(matches!(
            job.printed[2],
            Printed::Text {
                size: TextSize::Double,
                ..
            }
        ));
    }

    #[test]
    fn epson_round_trip_equals_the_text_preview() {
        let blocks = [
            Block::title("Уста — Өнөрчүлөр дүкөнү"),
            Block::pair("Ак калпак × 2", "2 400,00"),
            Block::total("ЖАЛПЫ", "2 400,00 сом"),
            Block::Ean13("200000000001".into()),
            Block::DrawerKick,
            Block::Feed(2),
            Block::Cut,
        ];
        let job = decode(&encode(&blocks, &Profile::epson()).expect("encodes"), &Profile::epson());
        assert_eq!(job.paper_text(), render_text(&blocks, 48));
        assert!(job.text().ends_with("[drawer kick pin 2]\n\n\n[cut]\n"));
    }
}
