//! Raster images for what the printer's character tables cannot show: text lines drawn with the bundled
//! DejaVu Sans Mono, and QR codes for printers without native QR. Images go out as `GS v 0`, which every
//! ESC/POS printer of the last twenty years understands.

use crate::layout::TextSize;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use std::sync::OnceLock;

/// DejaVu Sans Mono covers Cyrillic including Ң Ө Ү and is monospaced, so a rastered line keeps the columns of
/// the text lines around it. Licence: assets/fonts/DejaVuSansMono-LICENSE.txt.
static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf");

/// Rows per `GS v 0` command: some cheap printers read only the low byte of the height or have small
/// buffers, so tall images go out in bands.
const BAND_ROWS: usize = 255;

/// The embedded font could not be parsed (a broken build, not a shop problem).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the bundled printer font is damaged; reinstall Usta")]
pub struct FontError;

fn font() -> Result<&'static FontRef<'static>, FontError> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
        .ok_or(FontError)
}

/// A 1-bit image, rows packed MSB-first as `GS v 0` wants them; a set bit is a black dot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    width: usize,
    height: usize,
    bits: Vec<u8>,
}

impl Bitmap {
    /// A white image; the width is rounded up to whole bytes.
    pub fn new(width: usize, height: usize) -> Bitmap {
        let width = width.div_ceil(8) * 8;
        Bitmap {
            width,
            height,
            bits: vec![0; width / 8 * height],
        }
    }

    /// An image from `GS v 0` row data: `row_bytes` bytes per row, MSB-first; missing bytes stay white.
    pub fn from_rows(row_bytes: usize, height: usize, data: &[u8]) -> Bitmap {
        let mut bitmap = Bitmap::new(row_bytes * 8, height);
        let n = bitmap.bits.len().min(data.len());
        bitmap.bits[..n].copy_from_slice(&data[..n]);
        bitmap
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    pub fn set(&mut self, x: usize, y: usize) {
        if x < self.width && y < self.height {
            self.bits[y * self.width / 8 + x / 8] |= 0x80 >> (x % 8);
        }
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.bits[y * self.width / 8 + x / 8] & (0x80 >> (x % 8)) != 0
    }

    /// Draws `other`'s black dots onto this image with its top-left corner at (`x`, `y`); dots falling outside
    /// are dropped.
    pub fn paste(&mut self, other: &Bitmap, x: usize, y: usize) {
        for oy in 0..other.height {
            for ox in 0..other.width {
                if other.get(ox, oy) {
                    self.set(x + ox, y + oy);
                }
            }
        }
    }

    /// Rows packed MSB-first, `width / 8` bytes each; a set bit is black.
    pub fn rows(&self) -> &[u8] {
        &self.bits
    }

    /// Number of black dots, for tests and sanity checks.
    pub fn ink(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }

    /// `GS v 0 0 xL xH yL yH d…` commands printing this image at normal density, in bands of at most 255 rows.
    pub fn to_escpos(&self) -> Vec<u8> {
        let row_bytes = self.width / 8;
        let mut out = Vec::with_capacity(self.bits.len() + 8 * self.height.div_ceil(BAND_ROWS));
        if row_bytes == 0 {
            return out;
        }
        for band in self.bits.chunks(row_bytes * BAND_ROWS) {
            let rows = band.len() / row_bytes;
            out.extend_from_slice(&[0x1D, b'v', b'0', 0]);
            out.extend_from_slice(&le16(row_bytes));
            out.extend_from_slice(&le16(rows));
            out.extend_from_slice(band);
        }
        out
    }
}

fn le16(v: usize) -> [u8; 2] {
    // Widths and heights here are bounded by the paper (576 dots) and BAND_ROWS, far below 65536.
    let v = u16::try_from(v).unwrap_or(u16::MAX);
    v.to_le_bytes()
}

/// Dot geometry of one character cell at a size: width, glyph box height, and line pitch.
fn cell(paper_dots: usize, columns: usize, size: TextSize) -> (usize, usize, usize) {
    let width = paper_dots / size.columns(columns).max(1);
    let glyph_h = match size {
        TextSize::Small => 17,
        TextSize::Normal => 24,
        TextSize::Tall | TextSize::Double => 48,
    };
    // The printer's default line spacing leaves about six dots between normal lines; keep the same rhythm.
    let pitch = glyph_h + if glyph_h > 24 { 12 } else { 6 };
    (width, glyph_h, pitch)
}

/// Draws one laid-out text line as the printer would print it in its own font: same cell grid, so columns line
/// up with the text lines around it. The image is only as wide as the text.
pub fn text_line(
    text: &str,
    paper_dots: usize,
    columns: usize,
    size: TextSize,
    bold: bool,
) -> Result<Bitmap, FontError> {
    let font = font()?;
    let (cell_w, glyph_h, pitch) = cell(paper_dots, columns, size);
    let chars = text.chars().count();
    let mut bitmap = Bitmap::new((chars * cell_w).clamp(8, paper_dots), pitch);
    let advance = font.h_advance_unscaled(font.glyph_id('0'));
    if advance <= 0.0 {
        return Err(FontError);
    }
    // PxScale.x is relative to the font height, so this makes one advance exactly one cell wide.
    let scale = PxScale {
        x: cell_w as f32 * font.height_unscaled() / advance,
        y: glyph_h as f32,
    };
    let scaled = font.as_scaled(scale);
    let baseline = scaled.ascent() + (pitch - glyph_h) as f32 / 2.0;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        let glyph = font
            .glyph_id(c)
            .with_scale_and_position(scale, point((i * cell_w) as f32, baseline));
        let Some(outlined) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outlined.px_bounds();
        outlined.draw(|x, y, coverage| {
            if coverage >= 0.5 {
                let px = bounds.min.x + x as f32;
                let py = bounds.min.y + y as f32;
                if px >= 0.0 && py >= 0.0 {
                    bitmap.set(px as usize, py as usize);
                }
            }
        });
    }
    if bold {
        embolden(&mut bitmap, if cell_w >= 20 { 2 } else { 1 });
    }
    Ok(bitmap)
}

/// Thickens strokes to the right, as printers do for emphasised text, without a second font file.
fn embolden(bitmap: &mut Bitmap, by: usize) {
    let source = bitmap.clone();
    for y in 0..source.height {
        for x in 0..source.width {
            if (1..=by).any(|d| x >= d && source.get(x - d, y)) {
                bitmap.set(x, y);
            }
        }
    }
}

/// QR module size in dots for a symbol `modules` wide on `paper_dots` paper: as large as fits with quiet zones,
/// capped at 6 dots (0.75 mm), which phones read easily from a receipt.
pub fn qr_module_dots(modules: usize, paper_dots: usize) -> usize {
    (paper_dots / (modules + 8)).clamp(1, 6)
}

/// A QR code (error correction M) as a full-paper-width image with the symbol centred.
pub fn qr(content: &str, paper_dots: usize) -> Result<Bitmap, crate::barcode::BarcodeError> {
    let code = qr_symbol(content)?;
    let modules = code.width();
    let dot = qr_module_dots(modules, paper_dots);
    let quiet = 2 * dot;
    let mut bitmap = Bitmap::new(paper_dots, modules * dot + 2 * quiet);
    let left = paper_dots.saturating_sub(modules * dot) / 2;
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (mx, my) = (i % modules, i / modules);
            for dy in 0..dot {
                for dx in 0..dot {
                    bitmap.set(left + mx * dot + dx, quiet + my * dot + dy);
                }
            }
        }
    }
    Ok(bitmap)
}

/// The QR symbol the printer would draw for `content` (same error correction as `GS ( k` is told to use).
pub fn qr_symbol(content: &str) -> Result<qrcode::QrCode, crate::barcode::BarcodeError> {
    qrcode::QrCode::with_error_correction_level(content.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| crate::barcode::BarcodeError::QrTooLong(content.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gs_v_0_header_and_bands() {
        let mut b = Bitmap::new(10, 2);
        b.set(0, 0);
        b.set(9, 1);
        assert_eq!(b.width(), 16, "rounded up to bytes");
        assert_eq!(
            b.to_escpos(),
            vec![0x1D, b'v', b'0', 0, 2, 0, 2, 0, 0x80, 0x00, 0x00, 0x40]
        );
        let tall = Bitmap::new(8, 300).to_escpos();
        assert_eq!(&tall[..8], &[0x1D, b'v', b'0', 0, 1, 0, 255, 0]);
        assert_eq!(&tall[8 + 255..8 + 255 + 8], &[0x1D, b'v', b'0', 0, 1, 0, 45, 0]);
        assert_eq!(tall.len(), 2 * 8 + 300);
    }

    #[test]
    fn kyrgyz_line_is_drawn_on_the_printer_grid() {
        let line = text_line("Ң Ө Ү", 384, 32, TextSize::Normal, false).expect("font");
        assert_eq!((line.width(), line.height()), (64, 30), "5 cells of 12 dots");
        // Each letter has ink only inside its own 12-dot cell; the spaces between stay white.
        for cell in [0, 2, 4] {
            let ink = (cell * 12..cell * 12 + 12)
                .flat_map(|x| (0..30).map(move |y| (x, y)))
                .filter(|&(x, y)| line.get(x, y))
                .count();
            assert!(ink > 20, "cell {cell} has a letter ({ink} dots)");
        }
        for x in 12..24 {
            assert!((0..30).all(|y| !line.get(x, y)), "space cell is blank");
        }
        // Ң has a descender below the baseline that Н lacks: the two must not rasterise alike.
        let en = text_line("Н", 384, 32, TextSize::Normal, false).expect("font");
        let eng = text_line("Ң", 384, 32, TextSize::Normal, false).expect("font");
        assert_ne!(en, eng);
        assert!(eng.ink() > en.ink());
    }

    #[test]
    fn bold_and_double_size_add_ink() {
        let plain = text_line("Өнөр", 576, 48, TextSize::Normal, false).expect("font");
        let bold = text_line("Өнөр", 576, 48, TextSize::Normal, true).expect("font");
        assert!(bold.ink() > plain.ink() + plain.ink() / 5);
        let double = text_line("Өнөр", 576, 48, TextSize::Double, false).expect("font");
        assert_eq!((double.width(), double.height()), (96, 60));
        assert!(double.ink() > 3 * plain.ink());
    }

    #[test]
    fn qr_raster_is_centred_and_square() {
        let url = "https://tax.salyk.kg/tax-web-control/client/api/v1/ticket?date=20250101T120000&type=3";
        let img = qr(url, 384).expect("fits");
        let modules = qr_symbol(url).expect("fits").width();
        let dot = qr_module_dots(modules, 384);
        assert_eq!(img.width(), 384);
        assert_eq!(img.height(), modules * dot + 4 * dot);
        let left = (384 - modules * dot) / 2;
        // The top-left finder pattern is a solid dark row of 7 modules.
        assert!((0..7 * dot).all(|x| img.get(left + x, 2 * dot)));
        assert!(!img.get(left - 1, 2 * dot), "quiet zone left of the symbol");
        assert!(qr(&"x".repeat(5000), 384).is_err());
    }
}
