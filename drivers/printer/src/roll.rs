//! A picture of the paper roll for a decoded job: text in the bundled font on the printer's cell grid, raster
//! images as sent, QR codes and barcodes drawn as a printer draws them. The virtual printer saves it as PNG so a
//! person (or the README) can see a receipt without a printer.

use crate::decode::{Job, Printed};
use crate::layout::TextSize;
use crate::profile::Profile;
use crate::raster::{self, Bitmap, FontError};

/// White space above the first and below the last line, in dots.
const MARGIN: usize = 16;
/// Bar height, as the encoder asks the printer for (`GS h 80`).
const BAR_HEIGHT: usize = 80;

/// The roll picture could not be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RollError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("cannot encode the receipt picture as PNG: {0}")]
    Png(String),
}

/// Draws the job on paper as wide as the profile's.
pub fn render(job: &Job, profile: &Profile) -> Result<Bitmap, RollError> {
    let dots = profile.paper.dots();
    let columns = profile.columns();
    let line = |text: &str, size: TextSize, bold: bool| raster::text_line(text, dots, columns, size, bold);
    let centred = |image: &Bitmap| dots.saturating_sub(image.width()) / 2;
    let mut pieces: Vec<(Bitmap, usize)> = Vec::new();
    for item in &job.printed {
        match item {
            Printed::Text { text, bold, size } => pieces.push((line(text, *size, *bold)?, 0)),
            Printed::Raster(image) => pieces.push((image.clone(), 0)),
            Printed::Qr(data) => match raster::qr(data, dots) {
                Ok(image) => pieces.push((image, 0)),
                Err(_) => pieces.push((line("[QR too long]", TextSize::Normal, false)?, 0)),
            },
            Printed::Code128(data) | Printed::Ean13(data) => {
                let modules = match item {
                    Printed::Code128(_) => code128_modules(data),
                    _ => ean13_modules(data),
                };
                let Some(modules) = modules else {
                    pieces.push((line(&item.describe(), TextSize::Normal, false)?, 0));
                    continue;
                };
                // The module width the encoder picks: 3 dots where the code fits with quiet zones, else 2.
                let module = if (modules.len() + 20) * 3 <= dots { 3 } else { 2 };
                let bars = bars(&modules, module);
                let x = centred(&bars);
                pieces.push((bars, x));
                let digits = line(data, TextSize::Normal, false)?;
                let x = centred(&digits);
                pieces.push((digits, x));
            }
            Printed::Barcode { .. } => pieces.push((line(&item.describe(), TextSize::Normal, false)?, 0)),
            Printed::Cut => {
                let mut cut = Bitmap::new(dots, 12);
                for x in (0..dots).filter(|x| x % 12 < 6) {
                    cut.set(x, 6);
                }
                pieces.push((cut, 0));
            }
            Printed::DrawerKick(_) | Printed::Unknown(_) => {}
        }
    }
    let height = pieces.iter().map(|(p, _)| p.height()).sum::<usize>() + 2 * MARGIN;
    let mut roll = Bitmap::new(dots, height);
    let mut y = MARGIN;
    for (piece, x) in &pieces {
        roll.paste(piece, *x, y);
        y += piece.height();
    }
    Ok(roll)
}

/// A 1-bit grayscale PNG, black ink on white paper.
pub fn to_png(image: &Bitmap) -> Result<Vec<u8>, RollError> {
    let error = |e: png::EncodingError| RollError::Png(e.to_string());
    let width = u32::try_from(image.width()).map_err(|e| RollError::Png(e.to_string()))?;
    let height = u32::try_from(image.height()).map_err(|e| RollError::Png(e.to_string()))?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().map_err(error)?;
    // In 1-bit grayscale a 0 bit is black, the opposite of a printer's dot.
    let data: Vec<u8> = image.rows().iter().map(|b| !b).collect();
    writer.write_image_data(&data).map_err(error)?;
    writer.finish().map_err(error)?;
    Ok(out)
}

/// Bars of `module` dots each, `BAR_HEIGHT` tall.
fn bars(modules: &[bool], module: usize) -> Bitmap {
    let mut image = Bitmap::new(modules.len() * module, BAR_HEIGHT + 4);
    for (i, _) in modules.iter().enumerate().filter(|(_, dark)| **dark) {
        for x in i * module..(i + 1) * module {
            for y in 0..BAR_HEIGHT {
                image.set(x, y);
            }
        }
    }
    image
}

/// Code128 bar/space widths for symbol values 0..=105 (bar first), then the stop symbol.
const CODE128: [u32; 107] = [
    212222, 222122, 222221, 121223, 121322, 131222, 122213, 122312, 132212, 221213, 221312, 231212, 112232, 122132,
    122231, 113222, 123122, 123221, 223211, 221132, 221231, 213212, 223112, 312131, 311222, 321122, 321221, 312212,
    322112, 322211, 212123, 212321, 232121, 111323, 131123, 131321, 112313, 132113, 132311, 211313, 231113, 231311,
    112133, 112331, 132131, 113123, 113321, 133121, 313121, 211331, 231131, 213113, 213311, 213131, 311123, 311321,
    331121, 312113, 312311, 332111, 314111, 221411, 431111, 111224, 111422, 121124, 121421, 141122, 141221, 112214,
    112412, 122114, 122411, 142112, 142211, 241211, 221114, 413111, 241112, 134111, 111242, 121142, 121241, 114212,
    124112, 124211, 411212, 421112, 421211, 212141, 214121, 412121, 111143, 111341, 131141, 114113, 114311, 411113,
    411311, 113141, 114131, 311141, 411131, 211412, 211214, 211232, 2331112,
];
const START_B: usize = 104;
const STOP: usize = 106;

fn push_widths(out: &mut Vec<bool>, pattern: u32) {
    let digits: Vec<u32> = pattern.to_string().bytes().map(|b| u32::from(b - b'0')).collect();
    for (i, width) in digits.into_iter().enumerate() {
        out.extend(std::iter::repeat_n(i % 2 == 0, width as usize));
    }
}

/// Modules (true = bar) of `data` in code set B, with check symbol; `None` outside printable ASCII.
fn code128_modules(data: &str) -> Option<Vec<bool>> {
    let values: Vec<usize> = data
        .bytes()
        .map(|b| (0x20..0x7F).contains(&b).then(|| usize::from(b - 0x20)))
        .collect::<Option<_>>()?;
    let check = (START_B + values.iter().enumerate().map(|(i, v)| (i + 1) * v).sum::<usize>()) % 103;
    let mut out = Vec::new();
    for symbol in std::iter::once(START_B).chain(values).chain([check, STOP]) {
        push_widths(&mut out, CODE128[symbol]);
    }
    Some(out)
}

/// EAN-13 left-hand odd-parity (L) patterns; G is R reversed and R is L inverted.
const EAN_L: [&str; 10] = [
    "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011",
];
/// Which of the six left digits use G patterns, by the first digit (which is not drawn but encoded in these).
const EAN_PARITY: [&str; 10] = [
    "LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL",
];

fn ean13_modules(data: &str) -> Option<Vec<bool>> {
    let full = crate::barcode::ean13(data).ok()?;
    let digits: Vec<usize> = full.bytes().map(|b| usize::from(b - b'0')).collect();
    let bits = |s: &str| s.bytes().map(|b| b == b'1').collect::<Vec<bool>>();
    let mut out = bits("101");
    let parity = EAN_PARITY[digits[0]].as_bytes();
    for (i, &d) in digits[1..7].iter().enumerate() {
        let l = bits(EAN_L[d]);
        if parity[i] == b'G' {
            out.extend(l.iter().rev().map(|b| !b));
        } else {
            out.extend(l);
        }
    }
    out.extend(bits("01010"));
    for &d in &digits[7..] {
        out.extend(bits(EAN_L[d]).into_iter().map(|b| !b));
    }
    out.extend(bits("101"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, decode, encode};

    fn hex(modules: &[bool]) -> String {
        modules
            .chunks(4)
            .map(|nibble| {
                let v = nibble
                    .iter()
                    .enumerate()
                    .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (3 - i)));
                format!("{v:X}")
            })
            .collect()
    }

    #[test]
    fn code128_table_is_well_formed() {
        for (i, pattern) in CODE128.iter().enumerate() {
            let digits: Vec<u32> = pattern.to_string().bytes().map(|b| u32::from(b - b'0')).collect();
            let bars: u32 = digits.iter().step_by(2).sum();
            let total: u32 = digits.iter().sum();
            assert_eq!(total, if i == STOP { 13 } else { 11 }, "symbol {i}");
            assert_eq!(bars % 2, 0, "symbol {i}: bar modules are even in Code128");
        }
        let mut sorted = CODE128.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), CODE128.len());
    }

    #[test]
    fn barcodes_match_an_independent_encoder() {
        // Module dumps from zint 2.11 (`zint --dump -b 20 -d …`, `-b 13`), padded to whole hex digits.
        assert_eq!(
            hex(&code128_modules("R1-42").expect("ascii")),
            "D218BA734DCC9D9CBC963AC"
        );
        assert_eq!(
            hex(&code128_modules("Ak-Kalpak 7").expect("ascii")),
            "D21463094DCB1D2C32853C96184B6676E8BD8EB"
        );
        assert_eq!(
            hex(&ean13_modules("200000000001").expect("valid")),
            "A346A74E353AB972E5CB34EA"
        );
        assert_eq!(
            hex(&ean13_modules("590123412345").expect("valid")),
            "A2D3B326F4EAB36C8572744A"
        );
        assert!(code128_modules("Чек").is_none());
    }

    #[test]
    fn roll_has_every_item_and_encodes_as_png() {
        let blocks = [
            Block::title("Өнөр үйү"),
            Block::Qr("https://salyk.kg".into()),
            Block::Barcode("R1-42".into()),
            Block::Cut,
        ];
        let profile = Profile::generic58();
        let job = decode(&encode(&blocks, &profile).expect("encodes"), &profile);
        let roll = render(&job, &profile).expect("renders");
        assert_eq!(roll.width(), 384);
        let qr = raster::qr("https://salyk.kg", 384).expect("qr");
        // Title raster + QR + bars + digits between margins; no cut line, this printer has no cutter.
        assert_eq!(roll.height(), 2 * MARGIN + 30 + qr.height() + BAR_HEIGHT + 4 + 30);
        assert!(roll.ink() > qr.ink());
        let png = to_png(&roll).expect("png");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().expect("valid png");
        assert_eq!((reader.info().width, reader.info().height), (384, roll.height() as u32));
    }
}
