//! Single-byte code pages of ESC/POS printers. Bytes 0x00–0x7F are ASCII in every page here; the tables give the
//! upper half. A character is encodable only if a table lists it: anything else must not reach the printer as
//! bytes (it would print as some other letter), so the encoder rasters it instead.

use serde::{Deserialize, Serialize};

/// A printer character table. The `ESC t n` number that selects it differs between printer models, so it lives
/// in the [`Profile`](crate::Profile), not here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodePage {
    /// IBM/DOS Cyrillic (Epson "PC866 Cyrillic #2"): Russian letters, no Kyrgyz ones.
    Pc866,
    /// Windows-1251 Cyrillic: Russian letters, №, typographic quotes and dashes, no Kyrgyz ones.
    Wpc1251,
    /// KZ-1048 (Kazakh, based on Windows-1251): has Ң ң Ө ө Ү ү, so a whole Kyrgyz receipt prints as text.
    #[serde(rename = "kz-1048", alias = "kz1048")]
    Kz1048,
    /// Windows-1252 Latin: × and accented Latin letters for lines without Cyrillic.
    Wpc1252,
}

impl CodePage {
    pub const ALL: [CodePage; 4] = [CodePage::Kz1048, CodePage::Pc866, CodePage::Wpc1251, CodePage::Wpc1252];

    /// The name used in profiles and messages.
    pub fn name(self) -> &'static str {
        match self {
            CodePage::Pc866 => "pc866",
            CodePage::Wpc1251 => "wpc1251",
            CodePage::Kz1048 => "kz-1048",
            CodePage::Wpc1252 => "wpc1252",
        }
    }

    fn upper_half(self) -> &'static [u16; 128] {
        match self {
            CodePage::Pc866 => &PC866,
            CodePage::Wpc1251 => &WPC1251,
            CodePage::Kz1048 => &KZ1048,
            CodePage::Wpc1252 => &WPC1252,
        }
    }

    /// The byte for `c`, or `None` when this page cannot print it. Control characters are never encodable: in
    /// a text line they would be taken as printer commands.
    pub fn encode_char(self, c: char) -> Option<u8> {
        let code = u32::from(c);
        if (0x20..0x7F).contains(&code) {
            return u8::try_from(code).ok();
        }
        let wanted = u16::try_from(code).ok().filter(|&w| w >= 0xA0)?;
        let index = self.upper_half().iter().position(|&u| u == wanted)?;
        u8::try_from(0x80 + index).ok()
    }

    /// Whether every character of `text` is printable in this page.
    pub fn covers(self, text: &str) -> bool {
        text.chars().all(|c| self.encode_char(c).is_some())
    }

    /// The character a printer in this page prints for `byte`; `None` for control bytes and unassigned slots.
    pub fn decode_byte(self, byte: u8) -> Option<char> {
        match byte {
            0x20..=0x7E => Some(char::from(byte)),
            0x80..=0xFF => {
                let code = self.upper_half()[usize::from(byte - 0x80)];
                if code == 0 {
                    None
                } else {
                    char::from_u32(u32::from(code))
                }
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for CodePage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

// Upper halves (0x80–0xFF) as Unicode code points, 0 where the page has no character. They follow the published
// mappings of each page; KZ-1048 is Windows-1251 with sixteen Kazakh letters in place of Ќ Ћ ќ ћ Ў ў Ј Ґ Є Ї ґ є ј
// Ѕ ѕ ї, which is where the Kyrgyz Ң ң Ө ө Ү ү come from.
const PC866: [u16; 128] = [
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, // 80
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, // 88
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, // 90
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, // 98
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, // A0
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, // A8
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, // B0
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, // B8
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, // C0
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, // C8
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, // D0
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, // D8
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, // E0
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, // E8
    0x0401, 0x0451, 0x0404, 0x0454, 0x0407, 0x0457, 0x040E, 0x045E, // F0
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x2116, 0x00A4, 0x25A0, 0x00A0, // F8
];
const WPC1251: [u16; 128] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, // 98
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, // A0
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, // B0
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, // B8
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, // C0
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, // C8
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, // D0
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, // D8
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, // E0
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, // E8
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, // F0
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, // F8
];
const KZ1048: [u16; 128] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x049A, 0x04BA, 0x040F, // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x049B, 0x04BB, 0x045F, // 98
    0x00A0, 0x04B0, 0x04B1, 0x04D8, 0x00A4, 0x04E8, 0x00A6, 0x00A7, // A0
    0x0401, 0x00A9, 0x0492, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x04AE, // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x04E9, 0x00B5, 0x00B6, 0x00B7, // B0
    0x0451, 0x2116, 0x0493, 0x00BB, 0x04D9, 0x04A2, 0x04A3, 0x04AF, // B8
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, // C0
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, // C8
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, // D0
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, // D8
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, // E0
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, // E8
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, // F0
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, // F8
];
const WPC1252: [u16; 128] = [
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000, // 88
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178, // 98
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, // A0
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, // A8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, // B0
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, // B8
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, // C0
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, // C8
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, // D0
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, // D8
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, // E0
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, // E8
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, // F0
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF, // F8
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(page: CodePage, table: &[(char, u8)]) {
        for &(c, byte) in table {
            assert_eq!(page.encode_char(c), Some(byte), "{page} encodes {c}");
            assert_eq!(page.decode_byte(byte), Some(c), "{page} decodes {byte:#04X}");
        }
    }

    #[test]
    fn kz1048_has_the_kyrgyz_letters_where_epson_expects_them() {
        check(
            CodePage::Kz1048,
            &[
                ('Ң', 0xBD),
                ('ң', 0xBE),
                ('Ө', 0xA5),
                ('ө', 0xB4),
                ('Ү', 0xAF),
                ('ү', 0xBF),
                ('Қ', 0x8D),
                ('Ә', 0xA3),
                ('Ғ', 0xAA),
                ('Ұ', 0xA1),
                ('А', 0xC0),
                ('я', 0xFF),
                ('Ё', 0xA8),
                ('ё', 0xB8),
                ('№', 0xB9),
                ('—', 0x97),
                ('\u{a0}', 0xA0),
            ],
        );
        // The Windows-1251 letters KZ-1048 replaced are gone: sending their 1251 bytes would print Kazakh letters.
        for c in ['Ѕ', 'ѕ', 'Ґ', 'ґ', 'Ї', 'ї', 'Ў', 'ў'] {
            assert_eq!(CodePage::Kz1048.encode_char(c), None, "{c}");
        }
    }

    #[test]
    fn russian_pages_have_russian_letters_at_their_own_bytes() {
        check(
            CodePage::Pc866,
            &[
                ('А', 0x80),
                ('Я', 0x9F),
                ('а', 0xA0),
                ('п', 0xAF),
                ('р', 0xE0),
                ('я', 0xEF),
                ('Ё', 0xF0),
                ('ё', 0xF1),
                ('№', 0xFC),
                ('─', 0xC4),
                ('\u{a0}', 0xFF),
            ],
        );
        check(
            CodePage::Wpc1251,
            &[
                ('А', 0xC0),
                ('я', 0xFF),
                ('Ё', 0xA8),
                ('ё', 0xB8),
                ('№', 0xB9),
                ('Ѕ', 0xBD),
                ('Ї', 0xAF),
                ('—', 0x97),
                ('«', 0xAB),
            ],
        );
        check(CodePage::Wpc1252, &[('×', 0xD7), ('é', 0xE9), ('€', 0x80)]);
    }

    #[test]
    fn kyrgyz_letters_are_missing_from_cp866_and_cp1251() {
        for page in [CodePage::Pc866, CodePage::Wpc1251, CodePage::Wpc1252] {
            for c in ['Ң', 'ң', 'Ө', 'ө', 'Ү', 'ү'] {
                assert_eq!(page.encode_char(c), None, "{page} must not claim {c}");
            }
        }
    }

    #[test]
    fn control_characters_never_encode() {
        for page in CodePage::ALL {
            for c in ['\u{1b}', '\u{1d}', '\u{10}', '\n', '\t', '\u{7f}', '\u{85}'] {
                assert_eq!(page.encode_char(c), None, "{page} {c:?}");
            }
            assert_eq!(page.decode_byte(0x1B), None);
        }
    }

    #[test]
    fn every_byte_round_trips_through_its_page() {
        for page in CodePage::ALL {
            for byte in 0x20..=0xFF_u8 {
                if let Some(c) = page.decode_byte(byte) {
                    assert_eq!(page.encode_char(c), Some(byte), "{page} {byte:#04X} {c}");
                }
            }
        }
    }
}
