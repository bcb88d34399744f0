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
    /// A 1-D barcode with this content.
    Barcode(String),
    /// Empty lines.
    Feed(u8),
    /// Paper cut.
    Cut,
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
}

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Splits `text` into lines of at most `width` characters, breaking at spaces where it can and inside a word only
/// when the word alone is wider than the line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut word: Vec<char> = word.chars().collect();
            loop {
                let used = width_of(&line);
                let sep = usize::from(used > 0);
                if used + sep + word.len() <= width {
                    if sep == 1 {
                        line.push(' ');
                    }
                    line.extend(word.iter());
                    break;
                }
                if used > 0 {
                    lines.push(std::mem::take(&mut line));
                    continue;
                }
                let rest = word.split_off(width);
                lines.push(word.iter().collect());
                word = rest;
            }
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

/// Renders blocks as plain text lines of at most `width` characters (codes are shown as their content).
pub fn render_text(blocks: &[Block], width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Text { text, align: how, .. } => out.extend(wrap(text, width).iter().map(|l| align(l, width, *how))),
            Block::Pair { left, right, .. } => out.extend(pair(left, right, width)),
            Block::Rule(c) => out.push(c.to_string().repeat(width)),
            Block::Qr(content) => out.extend(wrap(&format!("[QR] {content}"), width)),
            Block::Barcode(content) => out.push(align(&format!("||| {content} |||"), width, Align::Center)),
            Block::Feed(n) => out.extend((0..*n).map(|_| String::new())),
            Block::Cut => {}
        }
    }
    let mut text = out.iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n");
    text.push('\n');
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
}
