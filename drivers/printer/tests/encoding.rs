//! Code page selection and the promise that no text byte is misread: golden bytes per profile, every Cyrillic
//! letter on every profile, and random lines.

use proptest::prelude::*;
use usta_printer::{Block, Printed, Profile, decode, encode, render_text};

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const FS: u8 = 0x1C;

fn profiles() -> [Profile; 3] {
    [Profile::epson(), Profile::generic58(), Profile::raster_only()]
}

#[test]
fn golden_bytes_epson() {
    let blocks = [
        Block::title("ҮЙ"),
        Block::pair("Чек № 5", "ң"),
        Block::text("Ok"),
        Block::Cut,
    ];
    let mut expected = vec![ESC, b'@', ESC, b'R', 0];
    expected.extend_from_slice(&[ESC, b'E', 1]);
    // The page is chosen for the whole line, so ESC t comes before the centring spaces.
    expected.extend_from_slice(&[ESC, b't', 53]);
    expected.extend_from_slice(&[b' '; 23]);
    expected.extend_from_slice(&[0xAF, 0xC9, b'\n']);
    expected.extend_from_slice(&[ESC, b'E', 0, 0xD7, 0xE5, 0xEA, b' ', 0xB9, b' ', b'5']);
    expected.extend_from_slice(&[b' '; 40]);
    expected.extend_from_slice(&[0xBE, b'\n', b'O', b'k', b'\n', GS, b'V', 66, 0]);
    assert_eq!(encode(&blocks, &Profile::epson()).expect("encodes"), expected);
}

#[test]
fn golden_bytes_generic58() {
    let blocks = [Block::text("Чек № 5"), Block::text("Ок"), Block::text("Ү"), Block::Cut];
    let bytes = encode(&blocks, &Profile::generic58()).expect("encodes");
    let mut expected = vec![ESC, b'@', FS, b'.', ESC, b'R', 0];
    // CP866 first in this profile: Ч=97 е=A5 к=AA №=FC; "Ок" stays in CP866 without a new ESC t.
    expected.extend_from_slice(&[ESC, b't', 17, 0x97, 0xA5, 0xAA, b' ', 0xFC, b' ', b'5', b'\n']);
    expected.extend_from_slice(&[0x8E, 0xAA, b'\n']);
    // Ү is in neither CP866 nor WPC1251: a 12×30-dot image, 2 bytes wide.
    expected.extend_from_slice(&[GS, b'v', b'0', 0, 2, 0, 30, 0]);
    assert_eq!(&bytes[..expected.len()], &expected[..]);
    let image = &bytes[expected.len()..expected.len() + 60];
    assert!(image.iter().any(|&b| b != 0), "the letter has ink");
    assert_eq!(
        &bytes[expected.len() + 60..],
        &[ESC, b'J', 120],
        "no cutter: feed to the tear bar"
    );
}

/// Every letter of the Cyrillic block, on every profile, prints as that letter or as an image of it: never
/// as UTF-8, never as a look-alike from the wrong page.
#[test]
fn every_cyrillic_letter_is_text_in_a_page_that_has_it_or_a_raster() {
    let letters: Vec<char> = ('\u{0400}'..='\u{04FF}').filter(|c| c.is_alphabetic()).collect();
    assert!(letters.len() > 200);
    for profile in profiles() {
        let mut as_text = 0;
        for &c in &letters {
            let line = format!("Ж{c}ж");
            let bytes = encode(&[Block::text(line.clone())], &profile).expect("encodes");
            let job = decode(&bytes, &profile);
            match &job.printed[..] {
                [Printed::Text { text, .. }] => {
                    assert_eq!(text, &line, "{} {c} U+{:04X}", profile.name, u32::from(c));
                    let mut utf8 = [0u8; 4];
                    let utf8 = c.encode_utf8(&mut utf8).as_bytes();
                    assert!(
                        !bytes.windows(utf8.len()).any(|w| w == utf8),
                        "{} {c}: UTF-8 bytes sent as text",
                        profile.name
                    );
                    as_text += 1;
                }
                [Printed::Raster(image)] => assert!(image.ink() > 0, "{} {c}", profile.name),
                other => panic!("{} {c}: {other:?}", profile.name),
            }
        }
        let kyrgyz_as_text = ['Ң', 'ң', 'Ө', 'ө', 'Ү', 'ү'].iter().all(|c| {
            let bytes = encode(&[Block::text(c.to_string())], &profile).expect("encodes");
            matches!(&decode(&bytes, &profile).printed[..], [Printed::Text { .. }])
        });
        match profile.name.as_str() {
            "epson" => assert!(kyrgyz_as_text && as_text == 110, "epson: {as_text}"),
            "generic58" => assert!(!kyrgyz_as_text && as_text == 94, "generic58: {as_text}"),
            _ => assert_eq!(as_text, 0, "raster-only prints no text"),
        }
    }
}

fn line_strategy() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ\
                               abcXYZ0123456789 ,.-№«»—×\u{a0}╔é€ÿ"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 0..60).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the text, each printed line is either exactly the laid-out line or an image; nothing else.
    #[test]
    fn any_line_prints_exactly_or_as_an_image(lines in proptest::collection::vec(line_strategy(), 1..6), which in 0usize..3) {
        let profile = profiles()[which].clone();
        let blocks: Vec<Block> = lines.into_iter().map(Block::text).collect();
        let bytes = encode(&blocks, &profile).expect("encodes");
        let job = decode(&bytes, &profile);
        let expected = render_text(&blocks, profile.columns());
        let expected: Vec<&str> = expected.lines().collect();
        prop_assert_eq!(job.printed.len(), expected.len());
        for (printed, want) in job.printed.iter().zip(expected) {
            match printed {
                Printed::Text { text, .. } => prop_assert_eq!(text.as_str(), want),
                Printed::Raster(image) => prop_assert!(image.ink() > 0 && !want.trim().is_empty()),
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}
