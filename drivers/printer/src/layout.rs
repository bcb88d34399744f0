//! Column layout of printouts. Widths are counted in characters: receipt fonts are monospaced and Cyrillic,
//! including the Kyrgyz letters, takes one cell like Latin.

/// Horizontal alignment of a text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One element of a printout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Text wrapped at word boundaries to the paper width.
    Text { text: String, align: Align, bold: bool },
    /// A label on the left and a value on the right; the label wraps, the value is never cut.
    Pair { left: String, right: String, bold: bool },
    /// A full-width line of one character.
    Rule(char),
    /// A QR code with this content.
    Qr(String),
    /// A Code128 barcode (printable ASCII), e.g. a receipt number so a return starts with a scan.
    Barcode(String),
    /// Empty lines.
    Feed(u8),
    /// Paper cut; on a printer without a cutter, a feed past the tear bar.
    Cut,
    /// Text in another size; the width available shrinks or grows with it (see [`TextSize::columns`]).
    Sized {
        text: String,
        align: Align,
        bold: bool,
        size: TextSize,
    },
    /// An EAN-13 barcode: 12 digits (the check digit is added) or 13 with a correct check digit.
    Ean13(String),
    /// Open the cash drawer (a pulse on the profile's drawer pin).
    DrawerKick,
}

/// Character size of a [`Block::Sized`] line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSize {
    /// The printer's small font B (9 dots wide): fine print such as legal lines on labels.
    Small,
    /// The normal 12-dot font A.
    Normal,
    /// Double height, normal width: totals that stand out but keep every column.
    Tall,
    /// Double height and width: prices on labels, the shop name.
    Double,
}

impl TextSize {
    /// Characters per line at this size when the normal font gives `width`.
    pub fn columns(self, width: usize) -> usize {
        match self {
            // Font B is 9 dots against font A's 12: 32 → 42 and 48 → 64 columns.
            TextSize::Small => width * 4 / 3,
            TextSize::Normal | TextSize::Tall => width,
            TextSize::Double => (width / 2).max(1),
        }
    }
}

impl Block {
    pub fn text(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            align: Align::Left,
            bold: false,
        }
    }

    pub fn center(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            align: Align::Center,
            bold: false,
        }
    }

    pub fn title(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            align: Align::Center,
            bold: true,
        }
    }

    pub fn pair(left: impl Into<String>, right: impl Into<String>) -> Block {
        Block::Pair {
            left: left.into(),
            right: right.into(),
            bold: false,
        }
    }

    pub fn total(left: impl Into<String>, right: impl Into<String>) -> Block {
        Block::Pair {
            left: left.into(),
            right: right.into(),
            bold: true,
        }
    }

    /// Double-size bold centred text.
    pub fn big(text: impl Into<String>) -> Block {
        Block::Sized {
            text: text.into(),
            align: Align::Center,
            bold: true,
            size: TextSize::Double,
        }
    }

    /// Small-font left-aligned text.
    pub fn small(text: impl Into<String>) -> Block {
        Block::Sized {
            text: text.into(),
            align: Align::Left,
            bold: false,
            size: TextSize::Small,
        }
    }
}

/// One printed line or element after layout: what both the text preview and the ESC/POS encoder walk, so the
/// two cannot disagree about wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    Text { text: String, bold: bool, size: TextSize },
    Qr(&'a str),
    Code128(&'a str),
    Ean13(&'a str),
    DrawerKick,
    Cut,
}

impl Line<'_> {
    fn plain(text: String, bold: bool) -> Self {
        Line::Text {
            text,
            bold,
            size: TextSize::Normal,
        }
    }
}

/// Lays blocks out for a paper `width` characters wide (normal font). Text lines carry their alignment as
/// leading spaces and no trailing spaces.
pub(crate) fn lines(blocks: &[Block], width: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let text = |out: &mut Vec<Line>, s: String, bold: bool, size: TextSize| {
        out.push(Line::Text {
            text: s.trim_end().to_string(),
            bold,
            size,
        })
    };
    for block in blocks {
        match block {
            Block::Text {
                text: t,
                align: how,
                bold,
            } => {
                for l in wrap(t, width) {
                    text(&mut out, align(&l, width, *how), *bold, TextSize::Normal);
                }
            }
            Block::Sized {
                text: t,
                align: how,
                bold,
                size,
            } => {
                let cols = size.columns(width);
                for l in wrap(t, cols) {
                    text(&mut out, align(&l, cols, *how), *bold, *size);
                }
            }
            Block::Pair { left, right, bold } => {
                for l in pair(left, right, width) {
                    text(&mut out, l, *bold, TextSize::Normal);
                }
            }
            Block::Rule(c) => out.push(Line::plain(c.to_string().repeat(width), false)),
            Block::Qr(content) => out.push(Line::Qr(content)),
            Block::Barcode(content) => out.push(Line::Code128(content)),
            Block::Ean13(digits) => out.push(Line::Ean13(digits)),
            Block::Feed(n) => out.extend((0..*n).map(|_| Line::plain(String::new(), false))),
            Block::Cut => out.push(Line::Cut),
            Block::DrawerKick => out.push(Line::DrawerKick),
        }
    }
    out
}

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Splits `text` into lines of at most `width` characters, breaking at spaces where it can and inside a word only
/// when the word alone is wider than the line. Leading spaces of a paragraph are kept as its first line's indent
/// (receipt item lines are indented under the item name); continuation lines start at the margin.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let indent = paragraph.len() - paragraph.trim_start_matches(' ').len();
        let mut line = " ".repeat(indent.min(width.saturating_sub(1)));
        // Whether `line` holds a word yet or only the indent: a separator is needed only after a word.
        let mut has_word = false;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut word: Vec<char> = word.chars().collect();
            loop {
                let used = width_of(&line);
                let sep = usize::from(has_word);
                if used + sep + word.len() <= width {
                    if has_word {
                        line.push(' ');
                    }
                    line.extend(word.iter());
                    has_word = true;
                    break;
                }
                if has_word {
                    lines.push(std::mem::take(&mut line));
                    has_word = false;
                    continue;
                }
                if !line.is_empty() {
                    // Only the indent is in the way: it gives way before a word is cut.
                    line.clear();
                    continue;
                }
                let rest = word.split_off(width);
                lines.push(word.iter().collect());
                word = rest;
            }
        }
        if !has_word {
            line.clear();
        }
        lines.push(line);
    }
    lines
}

fn align(text: &str, width: usize, how: Align) -> String {
    let pad = width.saturating_sub(width_of(text));
    match how {
        Align::Left => text.to_string(),
        Align::Right => format!("{}{text}", " ".repeat(pad)),
        Align::Center => format!("{}{text}", " ".repeat(pad / 2)),
    }
}

/// Lays out a label and a value: the value sits right-aligned on the label's last line when both fit, otherwise
/// on a line of its own. A value wider than the paper is printed whole on its own line rather than cut.
pub fn pair(left: &str, right: &str, width: usize) -> Vec<String> {
    let right_w = width_of(right);
    let mut lines = if left.is_empty() {
        vec![String::new()]
    } else {
        wrap(left, width)
    };
    let last = lines.pop().unwrap_or_default();
    if width_of(&last) + 1 + right_w <= width {
        let gap = width - width_of(&last) - right_w;
        lines.push(format!("{last}{}{right}", " ".repeat(gap)));
    } else {
        if !last.is_empty() {
            lines.push(last);
        }
        lines.push(align(right, width, Align::Right));
    }
    lines
}

/// Renders blocks as plain text lines of at most `width` characters. Codes show as `[QR content]`,
/// `[CODE128 content]` and `[EAN13 digits]` lines, whole, exactly as the virtual printer's job text shows them;
/// cuts and drawer kicks leave no trace.
pub fn render_text(blocks: &[Block], width: usize) -> String {
    let mut text = String::new();
    for line in lines(blocks, width) {
        let shown = match line {
            Line::Text { text, .. } => text,
            Line::Qr(content) => format!("[QR {content}]"),
            Line::Code128(content) => format!("[CODE128 {content}]"),
            Line::Ean13(digits) => format!(
                "[EAN13 {}]",
                crate::barcode::ean13(digits).unwrap_or_else(|_| digits.to_string())
            ),
            Line::DrawerKick | Line::Cut => continue,
        };
        text.push_str(&shown);
        text.push('\n');
    }
    if text.is_empty() {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_kyrgyz_names_at_words() {
        let lines = wrap("Жибек-кийиз жоолук көгүлтүр түстөгү узун", 16);
        assert_eq!(lines, vec!["Жибек-кийиз", "жоолук көгүлтүр", "түстөгү узун"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 16));
        assert_eq!(wrap("ABCDEFGHIJ", 4), vec!["ABCD", "EFGH", "IJ"]);
        assert_eq!(wrap("ABCDEFGH", 4), vec!["ABCD", "EFGH"]);
    }

    #[test]
    fn leading_spaces_indent_the_first_line() {
        assert_eq!(wrap("  2 × 1 200,00", 32), vec!["  2 × 1 200,00"]);
        assert_eq!(wrap("  aaa bbb", 6), vec!["  aaa", "bbb"]);
        assert_eq!(wrap("  ABCDEFGH", 4), vec!["ABCD", "EFGH"]);
        assert_eq!(wrap("  ABCD", 4), vec!["ABCD"]);
        assert_eq!(wrap("   ", 4), vec![""]);
        assert_eq!(
            pair("  2 × 1 200,00", "2 400,00", 32),
            vec!["  2 × 1 200,00          2 400,00"]
        );
    }

    #[test]
    fn a_price_is_never_cut() {
        let table = [
            ("Шырдак", "120 000,00", 32, vec!["Шырдак                120 000,00"]),
            (
                "Чоң шырдак 3×4 м оймо-чиймелүү",
                "120 000,00",
                32,
                vec!["Чоң шырдак 3×4 м оймо-чиймелүү", "                      120 000,00"],
            ),
            (
                "Ак калпак",
                "12 345 678 901 234,00",
                16,
                vec!["Ак калпак", "12 345 678 901 234,00"],
            ),
        ];
        for (left, right, width, expected) in table {
            let lines = pair(left, right, width);
            assert_eq!(lines, expected, "{left}");
            assert!(lines.iter().any(|l| l.contains(right)), "value kept whole");
        }
    }

    #[test]
    fn renders_blocks_to_width() {
        let text = render_text(
            &[
                Block::title("УСТА"),
                Block::Rule('-'),
                Block::pair("ЖАЛПЫ", "1 450,00"),
                Block::Feed(1),
                Block::Cut,
            ],
            20,
        );
        assert_eq!(text, "        УСТА\n--------------------\nЖАЛПЫ       1 450,00\n\n");
    }

    #[test]
    fn sized_text_wraps_to_its_own_column_count() {
        let text = render_text(
            &[
                Block::big("1 450 сом"),
                Block::small("Кол менен жасалган буюм, Нарын облусу, Кочкор айылы"),
                Block::Ean13("200000000001".into()),
                Block::Qr("https://tax.salyk.kg/x".into()),
                Block::Barcode("R1-42".into()),
                Block::DrawerKick,
            ],
            32,
        );
        assert_eq!(
            text,
            "   1 450 сом\nКол менен жасалган буюм, Нарын облусу,\nКочкор айылы\n[EAN13 2000000000015]\n\
             [QR https://tax.salyk.kg/x]\n[CODE128 R1-42]\n"
        );
        assert_eq!(TextSize::Small.columns(48), 64);
        assert_eq!(TextSize::Double.columns(32), 16);
    }
}
