//! The frame decoder: turns the raw byte stream of a serial scanner into scans and rejected frames.
//!
//! Pure: no IO, and time is passed in (`now`, a [`Duration`] since any fixed origin) so the reader thread owns
//! the clock and tests can play any timing. The buffer never holds more than `max_len` bytes: a longer frame is
//! reported at once and the rest of it is skipped until the next terminator (or pause), where the decoder is in
//! step with the scanner again.

use crate::symbology::{Scan, Validator, classify, split_aim};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// What the scanner sends after each code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Suffix {
    #[default]
    Cr,
    Lf,
    CrLf,
    Tab,
    /// Nothing: a pause of `frame_timeout_ms` ends the frame.
    None,
}

impl fmt::Display for Suffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Cr => "CR",
            Self::Lf => "LF",
            Self::CrLf => "CR LF",
            Self::Tab => "Tab",
            Self::None => "none",
        })
    }
}

impl Suffix {
    /// The bytes a scanner configured this way appends; handy for fakes and the settings screen's help.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Self::Cr => b"\r",
            Self::Lf => b"\n",
            Self::CrLf => b"\r\n",
            Self::Tab => b"\t",
            Self::None => b"",
        }
    }
}

/// How AIM symbology identifiers (`]E0`, `]C0`, …) at the start of a frame are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AimIds {
    /// Parse one when the frame starts with something shaped like it; otherwise classify by shape.
    #[default]
    Auto,
    /// Never parse: a leading `]` is data.
    Off,
    /// Reject frames without one; protects against line noise when the scanner is set to always send them.
    Required,
}

/// How frames are delimited and cleaned. Part of [`crate::ScannerConfig`] (flattened into it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrameConfig {
    pub suffix: Suffix,
    /// Stripped from the start of a frame when present (scanners can be set to send e.g. `STX` or `#`).
    pub prefix: String,
    pub aim: AimIds,
    /// A pause this long after the last byte ends a frame when `suffix` is `none`; with a suffix it abandons a
    /// partial frame (reported as incomplete), so noise on plugging in cannot spoil the next scan. 0 turns that
    /// off for suffixed frames.
    pub frame_timeout_ms: u64,
    /// Longest frame accepted, in bytes, before the suffix.
    pub max_len: usize,
}

impl FrameConfig {
    pub const DEFAULT_MAX_LEN: usize = 512;
    /// Bounds for `max_len`: below this an EAN-13 with AIM id and prefix no longer fits; above it a QR code is not.
    pub const MAX_LEN_RANGE: (usize, usize) = (32, 8192);
    /// A scanner sends a whole frame in one burst (about 1 ms per byte at 9600 baud), so 200 ms is a clear gap.
    pub const DEFAULT_TIMEOUT_MS: u64 = 200;
    /// Without a suffix, a shorter pause would cut frames apart when the reader thread is briefly descheduled.
    pub const MIN_UNSUFFIXED_TIMEOUT_MS: u64 = 20;
}

impl Default for FrameConfig {
    fn default() -> Self {
        Self {
            suffix: Suffix::Cr,
            prefix: String::new(),
            aim: AimIds::Auto,
            frame_timeout_ms: Self::DEFAULT_TIMEOUT_MS,
            max_len: Self::DEFAULT_MAX_LEN,
        }
    }
}

/// Why a frame did not become a scan. The wording is meant for the cashier; the app may translate by variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    #[error("empty scan")]
    Empty,
    #[error("longer than {max} bytes; check that the scanner's suffix is set to {suffix}")]
    TooLong { max: usize, suffix: Suffix },
    #[error("incomplete scan: no {suffix} within {timeout_ms} ms; check the scanner's suffix setting")]
    Incomplete { suffix: Suffix, timeout_ms: u64 },
    #[error("not UTF-8 text; the scanner may be sending a legacy code page")]
    InvalidUtf8,
    #[error("contains characters that cannot be printed")]
    NotPrintable,
    #[error("no AIM symbology identifier (like ]E0) although the scanner is set to send one")]
    MissingAim,
    #[error("{0}")]
    Shape(#[from] crate::symbology::ShapeError),
    /// The injected validator's own message, e.g. "bad check digit".
    #[error("{0}")]
    Invalid(String),
}

/// A frame that was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// What arrived, as text with control bytes shown as escapes (`\r`, `\x02`); invalid UTF-8 is replaced.
    pub raw: String,
    pub reason: RejectReason,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({:?})", self.reason, self.raw)
    }
}

/// What the decoder makes of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Scan(Scan),
    Rejected(Rejected),
}

/// Incremental frame decoder; see the module documentation.
#[derive(Debug)]
pub struct Decoder {
    config: FrameConfig,
    validator: Validator,
    timeout: Option<Duration>,
    buf: Vec<u8>,
    /// CR seen in CR LF mode, waiting to learn whether LF follows.
    pending_cr: bool,
    /// Skipping the tail of a frame that was already rejected as too long.
    discarding: bool,
    last_byte_at: Duration,
}

impl Decoder {
    /// Out-of-range settings are clamped rather than refused, so a decoder always exists; `max_len` to
    /// [`FrameConfig::MAX_LEN_RANGE`], and an unsuffixed timeout to at least
    /// [`FrameConfig::MIN_UNSUFFIXED_TIMEOUT_MS`].
    pub fn new(mut config: FrameConfig, validator: Validator) -> Self {
        let (lo, hi) = FrameConfig::MAX_LEN_RANGE;
        config.max_len = config.max_len.clamp(lo, hi);
        if config.suffix == Suffix::None {
            config.frame_timeout_ms = config.frame_timeout_ms.max(FrameConfig::MIN_UNSUFFIXED_TIMEOUT_MS);
        }
        let timeout = (config.frame_timeout_ms > 0).then(|| Duration::from_millis(config.frame_timeout_ms));
        Self {
            buf: Vec::with_capacity(config.max_len),
            config,
            validator,
            timeout,
            pending_cr: false,
            discarding: false,
            last_byte_at: Duration::ZERO,
        }
    }

    pub fn config(&self) -> &FrameConfig {
        &self.config
    }

    /// Bytes currently held for an unfinished frame; never more than `config().max_len`.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// When [`Decoder::poll`] should next be called, if a partial frame is waiting for its timeout.
    pub fn deadline(&self) -> Option<Duration> {
        let timeout = self.timeout?;
        self.is_mid_frame().then(|| self.last_byte_at.saturating_add(timeout))
    }

    /// Feeds bytes that arrived at `now`.
    pub fn feed(&mut self, bytes: &[u8], now: Duration) -> Vec<Decoded> {
        // A pause before these bytes ends the previous frame even if nobody polled in between.
        let mut out: Vec<Decoded> = self.poll(now).into_iter().collect();
        if bytes.is_empty() {
            return out;
        }
        for &byte in bytes {
            self.push(byte, &mut out);
        }
        self.last_byte_at = now;
        out
    }

    /// Ends a frame whose timeout has passed by `now`; call when a read timed out with no bytes.
    pub fn poll(&mut self, now: Duration) -> Option<Decoded> {
        if now < self.deadline()? {
            return None;
        }
        if self.pending_cr {
            self.pending_cr = false;
            self.store(b'\r', &mut Vec::new());
        }
        let discarding = std::mem::replace(&mut self.discarding, false);
        // Content-free leftovers (a stray LF after a CR-terminated frame, line noise) are dropped silently:
        // reporting them would flash an error at the cashier for nothing.
        let has_content = self.buf.iter().any(|b| !b.is_ascii_control() && *b != b' ');
        let decoded = match self.config.suffix {
            _ if discarding || !has_content => None,
            Suffix::None => Some(finish(&self.config, &self.validator, &self.buf)),
            suffix => Some(Decoded::Rejected(Rejected {
                raw: preview(&self.buf),
                reason: RejectReason::Incomplete {
                    suffix,
                    timeout_ms: self.config.frame_timeout_ms,
                },
            })),
        };
        self.buf.clear();
        decoded
    }

    /// Forgets any partial frame, e.g. after the port was reopened.
    pub fn reset(&mut self) {
        self.buf.clear();
        self.pending_cr = false;
        self.discarding = false;
    }

    fn is_mid_frame(&self) -> bool {
        !self.buf.is_empty() || self.pending_cr || self.discarding
    }

    fn push(&mut self, byte: u8, out: &mut Vec<Decoded>) {
        let terminator = match self.config.suffix {
            Suffix::Cr => b'\r',
            Suffix::Lf => b'\n',
            Suffix::Tab => b'\t',
            Suffix::None => {
                self.store(byte, out);
                return;
            }
            Suffix::CrLf => {
                // A CR is held back until the next byte shows whether it starts the suffix; CR LF may be
                // split across two reads.
                if std::mem::replace(&mut self.pending_cr, false) {
                    if byte == b'\n' {
                        self.end_frame(out);
                        return;
                    }
                    self.store(b'\r', out);
                }
                if byte == b'\r' {
                    self.pending_cr = true;
                } else {
                    self.store(byte, out);
                }
                return;
            }
        };
        if byte == terminator {
            self.end_frame(out);
        } else {
            self.store(byte, out);
        }
    }

    fn store(&mut self, byte: u8, out: &mut Vec<Decoded>) {
        if self.discarding {
            return;
        }
        if self.buf.len() >= self.config.max_len {
            // Reported now rather than at the terminator: with a wrong suffix setting the terminator never
            // comes, and the cashier should still learn why nothing is scanned.
            out.push(Decoded::Rejected(Rejected {
                raw: preview(&self.buf),
                reason: RejectReason::TooLong {
                    max: self.config.max_len,
                    suffix: self.config.suffix,
                },
            }));
            self.buf.clear();
            self.discarding = true;
            return;
        }
        self.buf.push(byte);
    }

    fn end_frame(&mut self, out: &mut Vec<Decoded>) {
        if !std::mem::replace(&mut self.discarding, false) {
            out.push(finish(&self.config, &self.validator, &self.buf));
        }
        self.buf.clear();
    }
}

/// Turns one complete frame (without its suffix) into a scan or a rejection.
fn finish(config: &FrameConfig, validator: &Validator, frame: &[u8]) -> Decoded {
    let reject = |reason| {
        Decoded::Rejected(Rejected {
            raw: preview(frame),
            reason,
        })
    };
    let body = frame.strip_prefix(config.prefix.as_bytes()).unwrap_or(frame);
    // ASCII control bytes cannot be part of a multi-byte UTF-8 sequence, so dropping them keeps valid text valid.
    let cleaned: Vec<u8> = body.iter().copied().filter(|b| !b.is_ascii_control()).collect();
    let Ok(text) = std::str::from_utf8(&cleaned) else {
        return reject(RejectReason::InvalidUtf8);
    };
    let text = text.trim();
    if text.is_empty() {
        return reject(RejectReason::Empty);
    }
    if text.chars().any(char::is_control) {
        return reject(RejectReason::NotPrintable);
    }
    let (aim, code) = match (config.aim, split_aim(text)) {
        (AimIds::Off, _) => (None, text),
        (_, Some((aim, code))) => (Some(aim), code.trim()),
        (AimIds::Auto, None) => (None, text),
        (AimIds::Required, None) => return reject(RejectReason::MissingAim),
    };
    if code.is_empty() {
        return reject(RejectReason::Empty);
    }
    let symbology = match classify(aim, code) {
        Ok(symbology) => symbology,
        Err(shape) => return reject(shape.into()),
    };
    let scan = Scan {
        code: code.to_string(),
        symbology,
        aim: aim.map(str::to_string),
    };
    match validator.check(&scan) {
        Ok(()) => Decoded::Scan(scan),
        Err(message) => reject(RejectReason::Invalid(message)),
    }
}

/// Frame bytes as readable text for messages: lossy UTF-8 with control characters escaped.
fn preview(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for c in String::from_utf8_lossy(bytes).chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbology::Symbology;
    use proptest::prelude::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn config(suffix: Suffix) -> FrameConfig {
        FrameConfig {
            suffix,
            ..FrameConfig::default()
        }
    }

    fn describe(decoded: &Decoded) -> String {
        match decoded {
            Decoded::Scan(scan) => format!("{} {}", scan.symbology, scan.code),
            Decoded::Rejected(r) => format!("rejected '{}': {}", r.raw, r.reason),
        }
    }

    /// Feeds `(bytes, at_ms)` chunks, then polls far in the future so timed-out frames come out too.
    fn run(config: FrameConfig, chunks: &[(&[u8], u64)]) -> Vec<String> {
        let mut decoder = Decoder::new(config, crate::test_gtin::validator());
        let mut out = Vec::new();
        let mut last = 0;
        for &(bytes, at) in chunks {
            out.extend(decoder.feed(bytes, ms(at)));
            assert!(decoder.buffered() <= decoder.config().max_len);
            last = at;
        }
        out.extend(decoder.poll(ms(last + 10_000)));
        assert_eq!(decoder.buffered(), 0, "a frame was left behind");
        out.iter().map(describe).collect()
    }

    fn check(config: FrameConfig, chunks: &[(&[u8], u64)], expected: &[&str]) {
        assert_eq!(run(config, chunks), expected, "{chunks:?}");
    }

    #[test]
    fn each_suffix_ends_a_frame() {
        let ean = ["EAN-13 4006381333931"];
        check(config(Suffix::Cr), &[(b"4006381333931\r", 0)], &ean);
        check(config(Suffix::Lf), &[(b"4006381333931\n", 0)], &ean);
        check(config(Suffix::CrLf), &[(b"4006381333931\r\n", 0)], &ean);
        check(config(Suffix::Tab), &[(b"4006381333931\t", 0)], &ean);
        check(config(Suffix::None), &[(b"4006381333931", 0)], &ean);
    }

    #[test]
    fn frames_split_byte_by_byte_come_out_whole() {
        for suffix in [Suffix::Cr, Suffix::Lf, Suffix::CrLf, Suffix::Tab] {
            let stream = [b"96385074".as_slice(), suffix.bytes(), b"KALPAK-01", suffix.bytes()].concat();
            let chunks: Vec<(&[u8], u64)> = stream.chunks(1).map(|c| (c, 0)).collect();
            check(config(suffix), &chunks, &["EAN-8 96385074", "other KALPAK-01"]);
        }
        // CR at the end of one read, LF at the start of the next.
        check(
            config(Suffix::CrLf),
            &[(b"0360002", 0), (b"91452\r", 1), (b"\n", 2)],
            &["UPC-A 036000291452"],
        );
    }

    #[test]
    fn several_frames_in_one_read() {
        check(
            config(Suffix::Cr),
            &[(b"4006381333931\r96385074\rSKU-1\r5901234", 0), (b"123457\r", 3)],
            &[
                "EAN-13 4006381333931",
                "EAN-8 96385074",
                "other SKU-1",
                "EAN-13 5901234123457",
            ],
        );
    }

    #[test]
    fn without_suffix_a_pause_ends_the_frame() {
        let cfg = FrameConfig {
            suffix: Suffix::None,
            frame_timeout_ms: 50,
            ..FrameConfig::default()
        };
        check(
            cfg.clone(),
            &[(b"400638", 0), (b"1333931", 10), (b"96385074", 100)],
            &["EAN-13 4006381333931", "EAN-8 96385074"],
        );
        let mut decoder = Decoder::new(cfg, Validator::permissive());
        assert!(decoder.feed(b"96385074", ms(5)).is_empty());
        assert_eq!(decoder.deadline(), Some(ms(55)));
        assert_eq!(decoder.poll(ms(54)), None);
        assert_eq!(
            decoder.poll(ms(55)).as_ref().map(describe).as_deref(),
            Some("EAN-8 96385074")
        );
        assert_eq!(decoder.deadline(), None);
    }

    #[test]
    fn prefix_control_bytes_and_spaces_are_stripped() {
        let cfg = FrameConfig {
            prefix: "#".into(),
            ..FrameConfig::default()
        };
        check(
            cfg.clone(),
            &[(b"#4006381333931\r\x02 96385074 \x03\r\n\x00SKU-1\r#\r", 0)],
            &[
                "EAN-13 4006381333931",
                "EAN-8 96385074",
                "other SKU-1",
                "rejected '#': empty scan",
            ],
        );
        // A frame without the prefix is still taken: scanners set to send one always do.
        check(cfg, &[(b"96385074\r", 0)], &["EAN-8 96385074"]);
    }

    #[test]
    fn aim_identifiers_name_the_symbology() {
        check(
            config(Suffix::Cr),
            &[(
                b"]E04006381333931\r]E496385074\r]C04006381333931\r]A0KALPAK\r]Q1https://t.kg/?a=1\r]E004252614\r",
                0,
            )],
            &[
                "EAN-13 4006381333931",
                "EAN-8 96385074",
                "Code 128 4006381333931",
                "Code 39 KALPAK",
                "QR Code https://t.kg/?a=1",
                "UPC-E 04252614",
            ],
        );
        let off = FrameConfig {
            aim: AimIds::Off,
            ..FrameConfig::default()
        };
        check(off, &[(b"]C0AB\r", 0)], &["other ]C0AB"]);
        let required = FrameConfig {
            aim: AimIds::Required,
            ..FrameConfig::default()
        };
        check(
            required,
            &[(b"4006381333931\r]E0\r]E4123\r", 0)],
            &[
                "rejected '4006381333931': no AIM symbology identifier (like ]E0) although the scanner is set to send one",
                "rejected ']E0': empty scan",
                "rejected ']E4123': EAN-8 data must be 8 digits",
            ],
        );
    }

    #[test]
    fn bad_check_digit_is_rejected_with_the_validators_reason() {
        check(
            config(Suffix::Cr),
            &[(b"4870001234561\r]E496385075\r", 0)],
            &[
                "rejected '4870001234561': bad check digit in 4870001234561: expected 0, found 1",
                "rejected ']E496385075': bad check digit in 96385075: expected 4, found 5",
            ],
        );
    }

    #[test]
    fn in_store_codes_are_recognised() {
        let mut decoder = Decoder::new(FrameConfig::default(), crate::test_gtin::validator());
        let out = decoder.feed(b"2100000000012\r", Duration::ZERO);
        assert!(matches!(&out[..], [Decoded::Scan(s)] if s.is_in_store() && s.symbology == Symbology::Ean13));
    }

    #[test]
    fn garbage_is_rejected_with_a_reason() {
        check(
            config(Suffix::Cr),
            &[(b"\xff\xfe12\rx\xc2\x85y\r\r\x00\x01\r   \r", 0)],
            &[
                "rejected '\u{fffd}\u{fffd}12': not UTF-8 text; the scanner may be sending a legacy code page",
                "rejected 'x\\u{85}y': contains characters that cannot be printed",
                "rejected '': empty scan",
                "rejected '\\0\\u{1}': empty scan",
                "rejected '   ': empty scan",
            ],
        );
        // Text beyond ASCII is fine when it is valid UTF-8, e.g. a QR code with Kyrgyz letters.
        check(config(Suffix::Cr), &[("]Q1Ңөү\r".as_bytes(), 0)], &["QR Code Ңөү"]);
    }

    #[test]
    fn an_endless_stream_is_rejected_once_and_the_decoder_resyncs() {
        let cfg = FrameConfig {
            max_len: 32,
            frame_timeout_ms: 0,
            ..FrameConfig::default()
        };
        let mut decoder = Decoder::new(cfg, Validator::permissive());
        let mut rejected = 0;
        for i in 0..1000 {
            for event in decoder.feed(&[b'7'; 100], ms(i)) {
                assert!(matches!(
                    event,
                    Decoded::Rejected(Rejected {
                        reason: RejectReason::TooLong { max: 32, .. },
                        ..
                    })
                ));
                rejected += 1;
            }
            assert!(decoder.buffered() <= 32);
        }
        assert_eq!(rejected, 1);
        let out = decoder.feed(b"77\r96385074\r", ms(2000));
        assert_eq!(out.iter().map(describe).collect::<Vec<_>>(), ["EAN-8 96385074"]);
        assert_eq!(
            RejectReason::TooLong {
                max: 32,
                suffix: Suffix::Cr
            }
            .to_string(),
            "longer than 32 bytes; check that the scanner's suffix is set to CR"
        );
    }

    #[test]
    fn a_stalled_partial_frame_is_reported_but_stray_control_bytes_are_not() {
        check(
            config(Suffix::Tab),
            &[(b"40063", 0), (b"96385074\t", 500)],
            &[
                "rejected '40063': incomplete scan: no Tab within 200 ms; check the scanner's suffix setting",
                "EAN-8 96385074",
            ],
        );
        // A CR LF scanner on a CR setting leaves an LF behind after every code.
        check(
            config(Suffix::Cr),
            &[(b"96385074\r\n", 0), (b"96385074\r\n", 500)],
            &["EAN-8 96385074", "EAN-8 96385074"],
        );
        // A CR-only scanner on a CR LF setting: each scan is reported, never silently lost.
        check(
            config(Suffix::CrLf),
            &[(b"96385074\r", 0)],
            &["rejected '96385074\\r': incomplete scan: no CR LF within 200 ms; check the scanner's suffix setting"],
        );
    }

    #[test]
    fn time_going_backwards_does_not_panic_or_lose_frames() {
        check(
            config(Suffix::Cr),
            &[(b"963", 1000), (b"85074\r", 0)],
            &["EAN-8 96385074"],
        );
    }

    #[test]
    fn settings_out_of_range_are_clamped() {
        let decoder = Decoder::new(
            FrameConfig {
                suffix: Suffix::None,
                frame_timeout_ms: 0,
                max_len: 0,
                ..FrameConfig::default()
            },
            Validator::permissive(),
        );
        assert_eq!(decoder.config().max_len, FrameConfig::MAX_LEN_RANGE.0);
        assert_eq!(
            decoder.config().frame_timeout_ms,
            FrameConfig::MIN_UNSUFFIXED_TIMEOUT_MS
        );
    }

    fn any_config() -> impl Strategy<Value = FrameConfig> {
        let suffix = prop_oneof![
            Just(Suffix::Cr),
            Just(Suffix::Lf),
            Just(Suffix::CrLf),
            Just(Suffix::Tab),
            Just(Suffix::None),
        ];
        let aim = prop_oneof![Just(AimIds::Auto), Just(AimIds::Off), Just(AimIds::Required)];
        (
            suffix,
            aim,
            prop_oneof![Just(""), Just("#"), Just("\u{2}")],
            0u64..300,
            0usize..100,
        )
            .prop_map(|(suffix, aim, prefix, frame_timeout_ms, max_len)| FrameConfig {
                suffix,
                prefix: prefix.to_string(),
                aim,
                frame_timeout_ms,
                max_len,
            })
    }

    /// Skews uniform bytes towards what matters to the decoder (terminators, digits, `]`) by remapping part of
    /// the range; cheaper to generate than a weighted union per byte, which keeps 10,000 cases fast.
    fn skew(b: u8) -> u8 {
        match b {
            128..=159 => b'0' + b % 10,
            160..=175 => b"\r\n\t]#\x02"[usize::from(b % 6)],
            _ => b,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_streams_never_panic_and_stay_bounded(
            config in any_config(),
            stream in prop::collection::vec(any::<u8>(), 0..600),
            cuts in prop::collection::vec((1usize..90, 0u64..400), 1..12),
        ) {
            let stream: Vec<u8> = stream.into_iter().map(skew).collect();
            let mut decoder = Decoder::new(config, crate::test_gtin::validator());
            let max = decoder.config().max_len;
            let mut now = Duration::ZERO;
            let mut rest = stream.as_slice();
            // The last cut takes whatever is left, so every byte is fed.
            for (i, &(len, gap)) in cuts.iter().enumerate() {
                let len = if i + 1 == cuts.len() { rest.len() } else { len.min(rest.len()) };
                let (bytes, tail) = rest.split_at(len);
                rest = tail;
                now += ms(gap);
                for event in decoder.feed(bytes, now) {
                    if let Decoded::Scan(scan) = event {
                        prop_assert!(!scan.code.is_empty() && scan.code.len() <= max);
                        prop_assert!(!scan.code.chars().any(char::is_control), "{:?}", scan.code);
                    }
                }
                prop_assert!(decoder.buffered() <= max, "buffered {} > {}", decoder.buffered(), max);
            }
            let _ = decoder.poll(now + Duration::from_secs(60));
            if decoder.config().frame_timeout_ms > 0 {
                prop_assert_eq!(decoder.buffered(), 0);
                prop_assert_eq!(decoder.deadline(), None);
            }
        }
    }
}
