//! The machine-readable zone of a passport (ICAO Doc 9303, part 4: TD3, two lines of 44 characters), read from a
//! scanner frame or pasted text. Every check digit is verified, so a misread character is refused instead of
//! landing on a tax-free form.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Characters per TD3 line.
pub const LINE: usize = 44;

/// What the MRZ says about its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passport {
    /// Issuing state (ICAO three-letter code, e.g. `UTO`, `DEU`, `D` padded as `D<<`).
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub number: String,
    pub nationality: String,
    pub birth: NaiveDate,
    pub sex: char,
    pub expiry: NaiveDate,
}

impl Passport {
    /// Name as printed on forms: surname, then given names.
    pub fn full_name(&self) -> String {
        if self.given_names.is_empty() {
            self.surname.clone()
        } else {
            format!("{} {}", self.surname, self.given_names)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzError {
    #[error("a passport MRZ has two lines of 44 characters (88 in all); found {0} MRZ characters")]
    Length(usize),
    #[error("the MRZ does not start with P (not a passport)")]
    NotAPassport,
    #[error("the MRZ check digit of the {0} does not match: misread or altered; scan again or type the data")]
    CheckDigit(&'static str),
    #[error("the {0} in the MRZ is not a date")]
    Date(&'static str),
}

/// Weights 7, 3, 1 repeating; digits count as themselves, A–Z as 10–35, the filler `<` as 0.
pub fn check_digit(field: &str) -> u32 {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    field
        .chars()
        .zip(WEIGHTS.iter().cycle())
        .map(|(c, w)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            v * w
        })
        .sum::<u32>()
        % 10
}

fn verify(field: &str, digit: char, what: &'static str) -> Result<(), MrzError> {
    match digit.to_digit(10) {
        Some(d) if d == check_digit(field) => Ok(()),
        // An empty optional field may carry `<` as its check digit.
        None if digit == '<' && field.chars().all(|c| c == '<') => Ok(()),
        _ => Err(MrzError::CheckDigit(what)),
    }
}

/// The MRZ characters of `text`, upper-cased, with line breaks and any separator a scanner puts between the two
/// lines (CR, LF, tab, `|`, GS…) dropped: both the two-line layout and one 88-character frame give the same 88.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<')
        .collect()
}

fn clean(field: &str) -> String {
    field.trim_end_matches('<').replace('<', " ").trim().to_string()
}

/// `YYMMDD`; a two-digit year is put in the century that makes a birth date not later than `today` (and an
/// expiry date not more than 50 years before it).
fn date(field: &str, today: NaiveDate, birth: bool, what: &'static str) -> Result<NaiveDate, MrzError> {
    let num = |r: std::ops::Range<usize>| field.get(r).and_then(|s| s.parse::<i32>().ok());
    let (Some(yy), Some(mm), Some(dd)) = (num(0..2), num(2..4), num(4..6)) else {
        return Err(MrzError::Date(what));
    };
    let century = today.year() / 100 * 100;
    let mut year = century + yy;
    if birth && year > today.year() {
        year -= 100;
    }
    if !birth && year < today.year() - 50 {
        year += 100;
    }
    NaiveDate::from_ymd_opt(year, mm as u32, dd as u32).ok_or(MrzError::Date(what))
}

/// Parses a TD3 passport MRZ and checks every check digit (number, birth, expiry, personal number, composite).
pub fn parse(text: &str, today: NaiveDate) -> Result<Passport, MrzError> {
    let all = normalise(text);
    if all.len() != 2 * LINE {
        return Err(MrzError::Length(all.len()));
    }
    let (l1, l2) = all.split_at(LINE);
    if !l1.starts_with('P') {
        return Err(MrzError::NotAPassport);
    }
    let ch = |s: &str, i: usize| s.as_bytes()[i] as char;
    verify(&l2[0..9], ch(l2, 9), "passport number")?;
    verify(&l2[13..19], ch(l2, 19), "date of birth")?;
    verify(&l2[21..27], ch(l2, 27), "expiry date")?;
    verify(&l2[28..42], ch(l2, 42), "personal number")?;
    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    verify(&composite, ch(l2, 43), "whole line (composite)")?;

    let (surname, given) = l1[5..].split_once("<<").unwrap_or((&l1[5..], ""));
    Ok(Passport {
        issuing_state: clean(&l1[2..5]),
        surname: clean(surname),
        given_names: clean(given),
        number: clean(&l2[0..9]),
        nationality: clean(&l2[10..13]),
        birth: date(&l2[13..19], today, true, "date of birth")?,
        sex: ch(l2, 20),
        expiry: date(&l2[21..27], today, false, "expiry date")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specimen of ICAO Doc 9303 part 4 (Utopia, Anna Maria Eriksson).
    const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
    }

    #[test]
    fn the_icao_specimen_parses() {
        let p = parse(&format!("{L1}\n{L2}"), today()).expect("specimen");
        assert_eq!(p.issuing_state, "UTO");
        assert_eq!(p.surname, "ERIKSSON");
        assert_eq!(p.given_names, "ANNA MARIA");
        assert_eq!(p.full_name(), "ERIKSSON ANNA MARIA");
        assert_eq!(p.number, "L898902C3");
        assert_eq!(p.nationality, "UTO");
        assert_eq!(p.birth, NaiveDate::from_ymd_opt(1974, 8, 12).expect("date"));
        assert_eq!(p.sex, 'F');
        assert_eq!(p.expiry, NaiveDate::from_ymd_opt(2012, 4, 15).expect("date"));
    }

    #[test]
    fn every_line_layout_a_scanner_or_a_paste_gives() {
        let expected = parse(&format!("{L1}\n{L2}"), today()).expect("specimen");
        for text in [
            format!("{L1}{L2}"),
            format!("{L1}\r\n{L2}\r\n"),
            format!("{L1}\t{L2}"),
            format!("{L1}|{L2}"),
            format!("{L1}\u{1d}{L2}"),
            format!("  {}\n{}  ", L1.to_lowercase(), L2),
        ] {
            assert_eq!(parse(&text, today()).as_ref(), Ok(&expected), "{text:?}");
        }
    }

    #[test]
    fn check_digits_of_the_specimen_fields() {
        assert_eq!(check_digit("L898902C3"), 6);
        assert_eq!(check_digit("740812"), 2);
        assert_eq!(check_digit("120415"), 9);
        assert_eq!(check_digit("ZE184226B<<<<<"), 1);
    }

    #[test]
    fn corrupted_check_digits_and_misreads_are_refused() {
        let cases: [(usize, char, &str); 6] = [
            (9, '7', "passport number"),
            (2, '0', "passport number"),
            (19, '3', "date of birth"),
            (27, '0', "expiry date"),
            (42, '2', "personal number"),
            (43, '1', "whole line (composite)"),
        ];
        for (pos, c, what) in cases {
            let mut l2: Vec<char> = L2.chars().collect();
            l2[pos] = c;
            let l2: String = l2.into_iter().collect();
            assert_eq!(
                parse(&format!("{L1}\n{l2}"), today()),
                Err(MrzError::CheckDigit(what)),
                "position {pos}"
            );
        }
        assert_eq!(parse(L1, today()), Err(MrzError::Length(44)));
        assert_eq!(parse(&format!("{L2}{L1}"), today()), Err(MrzError::NotAPassport));
    }

    #[test]
    fn two_digit_years_get_their_century() {
        let t = today();
        assert_eq!(
            date("740812", t, true, "x"),
            NaiveDate::from_ymd_opt(1974, 8, 12).ok_or(MrzError::Date("x"))
        );
        assert_eq!(
            date("050101", t, true, "x"),
            NaiveDate::from_ymd_opt(2005, 1, 1).ok_or(MrzError::Date("x"))
        );
        assert_eq!(
            date("310101", t, false, "x"),
            NaiveDate::from_ymd_opt(2031, 1, 1).ok_or(MrzError::Date("x"))
        );
        assert_eq!(date("991301", t, true, "x"), Err(MrzError::Date("x")));
    }
}
