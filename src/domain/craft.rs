//! What the online channels and the association want to know about a handmade product beyond its price: the craft
//! technique (a fixed dictionary with names in the shop's three languages, so pooled reports from many shops
//! group by the same codes), the materials in ky/ru/en, whether it is offered online, and the rules for its
//! photos (sizes, the content name they are stored under).

use crate::domain::catalog::{Lang, Names};
use serde::{Deserialize, Serialize};

/// One craft technique of the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Technique {
    /// The code stored and written to files (`shyrdak`).
    pub code: &'static str,
    pub ky: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

impl Technique {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ky => self.ky,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// The techniques of Kyrgyz crafts a product may be made in. Codes are never renamed: pooled ledgers and feeds
/// carry them.
pub const TECHNIQUES: &[Technique] = &[
    Technique {
        code: "felt",
        ky: "Кийиз басуу",
        ru: "Валяние войлока",
        en: "Felt making",
    },
    Technique {
        code: "shyrdak",
        ky: "Шырдак",
        ru: "Шырдак (мозаичный войлок)",
        en: "Shyrdak (mosaic felt)",
    },
    Technique {
        code: "ala-kiyiz",
        ky: "Ала кийиз",
        ru: "Ала-кийиз (валяный узор)",
        en: "Ala-kiyiz (pressed felt)",
    },
    Technique {
        code: "felt-on-silk",
        ky: "Жибекке кийиз",
        ru: "Войлок на шёлке",
        en: "Nuno felt on silk",
    },
    Technique {
        code: "leather",
        ky: "Тери иштетүү",
        ru: "Обработка кожи",
        en: "Leatherwork",
    },
    Technique {
        code: "embroidery",
        ky: "Саюу (тушкийиз)",
        ru: "Вышивка (тушкийиз)",
        en: "Embroidery (tush-kiyiz)",
    },
    Technique {
        code: "weaving",
        ky: "Токуу (терме)",
        ru: "Ткачество (терме)",
        en: "Weaving (terme)",
    },
    Technique {
        code: "chiy",
        ky: "Чий",
        ru: "Чий (циновка из чия)",
        en: "Chiy (reed screen)",
    },
    Technique {
        code: "wood",
        ky: "Жыгач оймо",
        ru: "Резьба по дереву",
        en: "Woodcarving",
    },
    Technique {
        code: "ceramics",
        ky: "Карапа",
        ru: "Керамика",
        en: "Ceramics",
    },
    Technique {
        code: "jewellery",
        ky: "Зергерчилик",
        ru: "Ювелирное дело",
        en: "Jewellery",
    },
    Technique {
        code: "instrument",
        ky: "Музыкалык аспап жасоо",
        ru: "Музыкальные инструменты",
        en: "Instrument making",
    },
    Technique {
        code: "knitting",
        ky: "Токуу (жүн)",
        ru: "Вязание",
        en: "Knitting",
    },
];

/// The technique with `code` (case-insensitive, also by its English or Russian name as a manager may type it).
pub fn technique(code: &str) -> Option<&'static Technique> {
    let wanted = code.trim().to_lowercase();
    TECHNIQUES.iter().find(|t| {
        t.code == wanted
            || t.en.to_lowercase() == wanted
            || t.ru.to_lowercase() == wanted
            || t.ky.to_lowercase() == wanted
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CraftError {
    #[error("unknown technique '{0}'; known: {known}", known = codes())]
    UnknownTechnique(String),
    #[error("'{0}' is not yes or no")]
    NotAFlag(String),
}

fn codes() -> String {
    TECHNIQUES.iter().map(|t| t.code).collect::<Vec<_>>().join(", ")
}

/// A product's craft data; a product without a row reads as the default (no technique, not sold online).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProductDetails {
    /// A code of [`TECHNIQUES`].
    pub technique: Option<String>,
    /// What it is made of, in the three languages ("sheep wool, natural dyes").
    pub materials: Names,
    /// Offered in the online catalog feeds.
    pub sell_online: bool,
}

impl ProductDetails {
    /// Checks the technique against the dictionary and stores its code.
    pub fn with_technique(mut self, text: &str) -> Result<Self, CraftError> {
        self.technique = match text.trim() {
            "" => None,
            t => Some(
                technique(t)
                    .ok_or_else(|| CraftError::UnknownTechnique(t.to_string()))?
                    .code
                    .to_string(),
            ),
        };
        Ok(self)
    }

    /// The technique's name in `lang`, empty when none is set.
    pub fn technique_name(&self, lang: Lang) -> &'static str {
        self.technique
            .as_deref()
            .and_then(technique)
            .map_or("", |t| t.name(lang))
    }
}

/// The craft columns a catalog file has: each one present replaces that part of the product's data, an absent
/// one keeps what the product had (a price list without craft columns leaves the craft data alone).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetailsPatch {
    pub technique: Option<Option<String>>,
    pub materials_ky: Option<String>,
    pub materials_ru: Option<String>,
    pub materials_en: Option<String>,
    pub sell_online: Option<bool>,
}

impl DetailsPatch {
    pub fn is_empty(&self) -> bool {
        *self == DetailsPatch::default()
    }

    /// `current` with the columns present replaced.
    pub fn apply(&self, current: &ProductDetails) -> ProductDetails {
        let mut d = current.clone();
        if let Some(t) = &self.technique {
            d.technique = t.clone();
        }
        for (new, old) in [
            (&self.materials_ky, &mut d.materials.ky),
            (&self.materials_ru, &mut d.materials.ru),
            (&self.materials_en, &mut d.materials.en),
        ] {
            if let Some(text) = new {
                *old = text.trim().to_string();
            }
        }
        if let Some(flag) = self.sell_online {
            d.sell_online = flag;
        }
        d
    }
}

/// Reads a yes/no column as a manager writes it in any of the shop's languages.
pub fn parse_flag(text: &str) -> Result<bool, CraftError> {
    match text.trim().to_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" | "нет" | "жок" => Ok(false),
        "1" | "yes" | "y" | "true" | "да" | "ооба" => Ok(true),
        _ => Err(CraftError::NotAFlag(text.trim().to_string())),
    }
}

/// The longest side of a stored photo, in pixels.
pub const PHOTO_SIDE: u32 = 1200;
/// The longest side of a thumbnail.
pub const THUMB_SIDE: u32 = 160;
/// The largest picture that is decoded at all: a camera's 50-megapixel photo fits, a decompression bomb does not.
pub const MAX_SOURCE_SIDE: u32 = 12_000;
pub const MAX_SOURCE_PIXELS: u64 = 80_000_000;
/// The largest photo file read.
pub const MAX_SOURCE_BYTES: u64 = 40 * 1024 * 1024;

/// The size a `width`×`height` picture is stored at so that its longest side is at most `side`; never enlarged.
pub fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= side || longest == 0 {
        return (width, height);
    }
    let scale = |v: u32| ((u64::from(v) * u64::from(side) + u64::from(longest) / 2) / u64::from(longest)).max(1);
    (scale(width) as u32, scale(height) as u32)
}

/// Why a picture is too large to decode, if it is.
pub fn too_large(width: u32, height: u32) -> Option<String> {
    if width.max(height) > MAX_SOURCE_SIDE || u64::from(width) * u64::from(height) > MAX_SOURCE_PIXELS {
        return Some(format!(
            "{width}×{height} pixels is larger than any photo is read ({MAX_SOURCE_SIDE} px a side, \
             {} megapixels)",
            MAX_SOURCE_PIXELS / 1_000_000
        ));
    }
    None
}

/// The file name a stored picture gets: its SHA-256 in hex and the format's extension, so the same picture is
/// stored once and a name never points at other content.
pub fn content_name(sha256_hex: &str) -> String {
    format!("{sha256_hex}.jpg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_fit_their_longest_side_and_are_never_enlarged() {
        for (w, h, side, expected) in [
            (4000, 3000, 1200, (1200, 900)),
            (3000, 4000, 1200, (900, 1200)),
            (800, 600, 1200, (800, 600)),
            (1200, 1200, 160, (160, 160)),
            (20000, 10, 160, (160, 1)),
            (1201, 1, 1200, (1200, 1)),
        ] {
            assert_eq!(fit(w, h, side), expected, "{w}×{h} into {side}");
        }
        assert!(too_large(20_000, 20_000).is_some());
        assert!(too_large(9_000, 9_000).is_some(), "81 megapixels");
        assert!(too_large(8_000, 6_000).is_none());
    }

    #[test]
    fn techniques_are_found_by_code_or_name_and_unknown_ones_refused() {
        let d = ProductDetails::default();
        assert_eq!(
            d.clone().with_technique("Shyrdak").map(|d| d.technique),
            Ok(Some("shyrdak".into()))
        );
        assert_eq!(
            d.clone().with_technique("Керамика").map(|d| d.technique),
            Ok(Some("ceramics".into()))
        );
        assert_eq!(d.clone().with_technique(" ").map(|d| d.technique), Ok(None));
        assert!(matches!(d.with_technique("plastic"), Err(CraftError::UnknownTechnique(t)) if t == "plastic"));
        for t in TECHNIQUES {
            assert!(!t.ky.is_empty() && !t.ru.is_empty() && !t.en.is_empty(), "{}", t.code);
            assert_eq!(technique(t.code).map(|f| f.code), Some(t.code));
        }
    }

    #[test]
    fn flags_read_in_every_language() {
        for (text, expected) in [
            ("yes", true),
            ("Да", true),
            ("ооба", true),
            ("1", true),
            ("", false),
            ("жок", false),
        ] {
            assert_eq!(parse_flag(text), Ok(expected), "{text}");
        }
        assert_eq!(parse_flag("maybe"), Err(CraftError::NotAFlag("maybe".into())));
    }
}
