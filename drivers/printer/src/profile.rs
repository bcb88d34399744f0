//! Printer profiles: what a printer model can do, as configuration. A shop picks a built-in profile by name or
//! writes its own TOML (see the crate docs); the encoder never guesses beyond what the profile says.

use crate::codepage::CodePage;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

/// What a printer can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Shown in messages and settings.
    pub name: String,
    pub paper: Paper,
    /// Code pages the printer has, most preferred first, each with its `ESC t n` number. Empty means every line
    /// prints as a raster image.
    #[serde(default)]
    pub code_pages: Vec<CodePageSlot>,
    /// The printer draws QR codes itself (`GS ( k`); otherwise they are sent as raster images.
    #[serde(default)]
    pub native_qr: bool,
    /// An auto-cutter is fitted; without one a cut becomes a feed so the receipt clears the tear bar.
    #[serde(default)]
    pub cutter: bool,
    /// The connector pin the cash drawer is wired to.
    #[serde(default)]
    pub drawer_pin: DrawerPin,
    /// Send `FS .` after reset: Chinese-market printers often power up in double-byte mode, where every byte
    /// above 0x7F starts a Chinese character and Cyrillic prints as hieroglyphs.
    #[serde(default)]
    pub cancel_kanji: bool,
    /// The printer answers `DLE EOT` status queries (paper, cover, offline) on transports that can read.
    #[serde(default = "yes")]
    pub status_readback: bool,
}

fn yes() -> bool {
    true
}

/// One code page of a printer and the number `ESC t n` selects it with on that model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodePageSlot {
    pub page: CodePage,
    pub n: u8,
}

/// Roll width. Columns are for the printer's standard 12-dot font A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Paper {
    #[serde(rename = "58mm")]
    Mm58,
    #[serde(rename = "80mm")]
    Mm80,
}

impl Paper {
    /// Characters per line in the normal font.
    pub fn columns(self) -> usize {
        match self {
            Paper::Mm58 => 32,
            Paper::Mm80 => 48,
        }
    }

    /// Printable width in dots (203 dpi heads).
    pub fn dots(self) -> usize {
        match self {
            Paper::Mm58 => 384,
            Paper::Mm80 => 576,
        }
    }
}

/// Drawer kick-out connector pin: `ESC p 0` pulses pin 2, `ESC p 1` pin 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum DrawerPin {
    #[default]
    Pin2,
    Pin5,
}

impl TryFrom<u8> for DrawerPin {
    type Error = String;

    fn try_from(pin: u8) -> Result<Self, Self::Error> {
        match pin {
            2 => Ok(DrawerPin::Pin2),
            5 => Ok(DrawerPin::Pin5),
            other => Err(format!("drawer_pin must be 2 or 5, not {other}")),
        }
    }
}

impl From<DrawerPin> for u8 {
    fn from(pin: DrawerPin) -> u8 {
        match pin {
            DrawerPin::Pin2 => 2,
            DrawerPin::Pin5 => 5,
        }
    }
}

/// A profile that cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ProfileError {
    #[error("there is no built-in printer profile '{0}' (built-in: epson, generic58, raster-only)")]
    UnknownBuiltin(String),
    #[error("printer profile {origin} is not valid: {message}")]
    Invalid { origin: String, message: String },
    #[error("cannot read printer profile {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: Arc<std::io::Error>,
    },
}

impl Profile {
    /// Names accepted by [`Profile::builtin`].
    pub const BUILTIN: [&'static str; 3] = ["epson", "generic58", "raster-only"];

    /// Epson TM-T20/TM-T88 class, 80 mm: KZ-1048 (so Kyrgyz prints as text), PC866, WPC1251, WPC1252, native QR,
    /// auto-cutter.
    pub fn epson() -> Profile {
        Profile {
            name: "epson".into(),
            paper: Paper::Mm80,
            code_pages: vec![
                slot(CodePage::Kz1048, 53),
                slot(CodePage::Pc866, 17),
                slot(CodePage::Wpc1251, 46),
                slot(CodePage::Wpc1252, 16),
            ],
            native_qr: true,
            cutter: true,
            drawer_pin: DrawerPin::Pin2,
            cancel_kanji: false,
            status_readback: true,
        }
    }

    /// XPrinter/GOOJPRT class, 58 mm: PC866 and WPC1251 only, so lines with Ң Ө Ү print as raster images; no
    /// native QR, no cutter.
    pub fn generic58() -> Profile {
        Profile {
            name: "generic58".into(),
            paper: Paper::Mm58,
            code_pages: vec![slot(CodePage::Pc866, 17), slot(CodePage::Wpc1251, 46)],
            native_qr: false,
            cutter: false,
            drawer_pin: DrawerPin::Pin2,
            cancel_kanji: true,
            status_readback: true,
        }
    }

    /// Any ESC/POS printer that prints raster images (`GS v 0`), 58 mm: every line, ASCII included, is an
    /// image, so nothing depends on the printer's character tables.
    pub fn raster_only() -> Profile {
        Profile {
            name: "raster-only".into(),
            paper: Paper::Mm58,
            code_pages: Vec::new(),
            native_qr: false,
            cutter: false,
            drawer_pin: DrawerPin::Pin2,
            cancel_kanji: false,
            status_readback: false,
        }
    }

    pub fn builtin(name: &str) -> Result<Profile, ProfileError> {
        match name {
            "epson" => Ok(Profile::epson()),
            "generic58" => Ok(Profile::generic58()),
            "raster-only" => Ok(Profile::raster_only()),
            other => Err(ProfileError::UnknownBuiltin(other.to_string())),
        }
    }

    /// Parses and checks a TOML profile; `origin` names it in errors (a file name, "settings").
    pub fn from_toml(text: &str, origin: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = toml::from_str(text).map_err(|e| ProfileError::Invalid {
            origin: origin.to_string(),
            message: e.message().to_string(),
        })?;
        profile.validate().map_err(|message| ProfileError::Invalid {
            origin: origin.to_string(),
            message,
        })?;
        Ok(profile)
    }

    /// A built-in name, or else a path to a TOML file.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        if Profile::BUILTIN.contains(&name_or_path) {
            return Profile::builtin(name_or_path);
        }
        let path = Path::new(name_or_path);
        let text = std::fs::read_to_string(path).map_err(|e| ProfileError::Read {
            path: path.display().to_string(),
            source: Arc::new(e),
        })?;
        Profile::from_toml(&text, &path.display().to_string())
    }

    /// The profile as TOML, e.g. to start a custom one from a built-in.
    pub fn to_toml(&self) -> String {
        let mut out = format!(
            "name = {:?}\npaper = \"{}\"\nnative_qr = {}\ncutter = {}\ndrawer_pin = {}\ncancel_kanji = {}\nstatus_readback = {}\ncode_pages = [",
            self.name,
            match self.paper {
                Paper::Mm58 => "58mm",
                Paper::Mm80 => "80mm",
            },
            self.native_qr,
            self.cutter,
            u8::from(self.drawer_pin),
            self.cancel_kanji,
            self.status_readback,
        );
        let slots: Vec<String> = self
            .code_pages
            .iter()
            .map(|s| format!("\n  {{ page = \"{}\", n = {} }},", s.page, s.n))
            .collect();
        out.push_str(&slots.concat());
        out.push_str(if slots.is_empty() { "]\n" } else { "\n]\n" });
        out
    }

    fn validate(&self) -> Result<(), String> {
        for (i, a) in self.code_pages.iter().enumerate() {
            for b in &self.code_pages[i + 1..] {
                if a.n == b.n {
                    return Err(format!("ESC t {} is given for both {} and {}", a.n, a.page, b.page));
                }
                if a.page == b.page {
                    return Err(format!("code page {} is listed twice", a.page));
                }
            }
        }
        Ok(())
    }

    /// The page `ESC t n` selects on this printer, if the profile knows it.
    pub fn page_for(&self, n: u8) -> Option<CodePage> {
        self.code_pages.iter().find(|s| s.n == n).map(|s| s.page)
    }

    /// Characters per line in the normal font.
    pub fn columns(&self) -> usize {
        self.paper.columns()
    }
}

fn slot(page: CodePage, n: u8) -> CodePageSlot {
    CodePageSlot { page, n }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_have_the_documented_code_page_numbers() {
        let epson = Profile::builtin("epson").expect("epson");
        assert_eq!(epson.page_for(53), Some(CodePage::Kz1048));
        assert_eq!(epson.page_for(17), Some(CodePage::Pc866));
        assert_eq!(epson.page_for(46), Some(CodePage::Wpc1251));
        assert!(epson.native_qr && epson.cutter);
        assert_eq!((epson.columns(), epson.paper.dots()), (48, 576));

        let cheap = Profile::builtin("generic58").expect("generic58");
        assert_eq!(cheap.page_for(53), None, "no KZ-1048 on cheap printers");
        assert!(!cheap.native_qr && !cheap.cutter);
        assert_eq!((cheap.columns(), cheap.paper.dots()), (32, 384));

        assert!(Profile::raster_only().code_pages.is_empty());
        assert!(matches!(Profile::builtin("star"), Err(ProfileError::UnknownBuiltin(_))));
    }

    #[test]
    fn loads_a_shop_profile_from_toml() {
        let text = r#"
            name = "XP-80C at the airport kiosk"
            paper = "80mm"
            cutter = true
            drawer_pin = 5
            code_pages = [ { page = "wpc1251", n = 73 }, { page = "kz1048", n = 59 } ]
        "#;
        let p = Profile::from_toml(text, "kiosk.toml").expect("valid");
        assert_eq!(p.paper, Paper::Mm80);
        assert_eq!(p.drawer_pin, DrawerPin::Pin5);
        assert_eq!(p.page_for(59), Some(CodePage::Kz1048));
        assert_eq!(p.code_pages[0].page, CodePage::Wpc1251, "order kept");
        assert!(!p.native_qr && p.status_readback, "defaults");
    }

    #[test]
    fn rejects_profiles_that_would_misprint() {
        let table = [
            (
                "name='x'\npaper='80mm'\ncode_pages=[{page='pc866',n=17},{page='wpc1251',n=17}]",
                "ESC t 17",
            ),
            ("name='x'\npaper='57mm'", "57mm"),
            ("name='x'\npaper='58mm'\ndrawer_pin=3", "2 or 5"),
            ("name='x'\npaper='58mm'\ncode_pages=[{page='cp437',n=0}]", "cp437"),
            ("name='x'\npaper='58mm'\ncuter=true", "cuter"),
        ];
        for (text, needle) in table {
            let err = Profile::from_toml(text, "test.toml").expect_err(text);
            let msg = err.to_string();
            assert!(msg.contains("test.toml") && msg.contains(needle), "{msg}");
        }
    }

    #[test]
    fn builtins_survive_a_toml_round_trip() {
        for name in Profile::BUILTIN {
            let p = Profile::builtin(name).expect("builtin");
            let back = Profile::from_toml(&p.to_toml(), name).expect("round trip");
            assert_eq!(back, p, "{}", p.to_toml());
        }
    }
}
