//! The words a craft shop's attributes are written in (colours, sizes, materials), in Kyrgyz, Russian and English,
//! so `colour=grey` shows "боз" to a Kyrgyz cashier and "серый" to a Russian one without the catalog file
//! spelling out `colour.ky=боз|colour.ru=серый` on every row. A translation the shop gives for a product wins over
//! this dictionary; a word the dictionary does not know is shown as written.
//!
//! Russian forms are the masculine nominative a catalog uses after "Цвет:"; a product's name carries the agreed
//! form ("Войлочные тапочки серые").

use crate::domain::catalog::Lang;

/// One word in the three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub en: &'static str,
    pub ky: &'static str,
    pub ru: &'static str,
}

impl Word {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ky => self.ky,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }

    fn forms(&self) -> [&'static str; 3] {
        [self.en, self.ky, self.ru]
    }
}

const fn w(en: &'static str, ky: &'static str, ru: &'static str) -> Word {
    Word { en, ky, ru }
}

/// Every word the dictionary knows. A form may be written in any of the three languages in a catalog file.
pub const WORDS: &[Word] = &[
    // Colours, with the felt makers' natural wool shades first.
    w("white", "ак", "белый"),
    w("black", "кара", "чёрный"),
    w("grey", "боз", "серый"),
    w("brown", "күрөң", "коричневый"),
    w("beige", "беж", "бежевый"),
    w("natural", "табигый", "натуральный"),
    w("red", "кызыл", "красный"),
    w("blue", "көк", "синий"),
    w("light blue", "ачык көк", "голубой"),
    w("green", "жашыл", "зелёный"),
    w("yellow", "сары", "жёлтый"),
    w("orange", "кызгылт сары", "оранжевый"),
    w("pink", "кызгылт", "розовый"),
    w("purple", "кызгылт көк", "фиолетовый"),
    w("gold", "алтын түстүү", "золотой"),
    w("silver", "күмүш түстүү", "серебряный"),
    w("multicolour", "түркүн түстүү", "разноцветный"),
    // Sizes in words (numbers and S/M/L are the same in every language).
    w("small", "кичине", "маленький"),
    w("medium", "орто", "средний"),
    w("large", "чоң", "большой"),
    w("one size", "бир өлчөм", "один размер"),
    w("children's", "балдардыкы", "детский"),
    // Materials.
    w("wool", "жүн", "шерсть"),
    w("felt", "кийиз", "войлок"),
    w("leather", "тери", "кожа"),
    w("silk", "жибек", "шёлк"),
    w("cotton", "пахта", "хлопок"),
    w("wood", "жыгач", "дерево"),
];

/// Other spellings of a word a catalog may use: American English, Russian without "ё".
const ALIASES: &[(&str, &str)] = &[
    ("gray", "grey"),
    ("multicolor", "multicolour"),
    ("черный", "black"),
    ("зеленый", "green"),
    ("желтый", "yellow"),
    ("шелк", "silk"),
];

/// The word `value` is in the dictionary, written in any of its languages (case and surrounding spaces ignored).
pub fn find(value: &str) -> Option<&'static Word> {
    let value = value.trim().to_lowercase();
    let value = ALIASES
        .iter()
        .find(|(alias, _)| *alias == value)
        .map_or(value.as_str(), |(_, word)| word);
    WORDS.iter().find(|word| word.forms().contains(&value))
}

/// `value` in `lang`, when the dictionary knows it.
pub fn translate(value: &str, lang: Lang) -> Option<&'static str> {
    find(value).map(|word| word.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_in_any_language_shows_in_the_chosen_one() {
        for value in ["grey", "Gray", " боз ", "Серый"] {
            assert_eq!(translate(value, Lang::Ky), Some("боз"), "{value}");
            assert_eq!(translate(value, Lang::Ru), Some("серый"), "{value}");
            assert_eq!(translate(value, Lang::En), Some("grey"), "{value}");
        }
        assert_eq!(translate("черный", Lang::Ru), Some("чёрный"));
        assert_eq!(translate("light blue", Lang::Ky), Some("ачык көк"));
    }

    #[test]
    fn unknown_words_and_numbers_are_not_translated() {
        assert_eq!(translate("58", Lang::Ru), None);
        assert_eq!(translate("XL", Lang::Ky), None);
        assert_eq!(translate("ultramarine", Lang::Ky), None);
        assert_eq!(translate("", Lang::Ky), None);
    }

    /// A form that belonged to two words would translate one of them wrongly; every form is lower case so the
    /// lookup finds it, and every word has all three forms.
    #[test]
    fn every_form_names_one_word() {
        let mut seen = std::collections::HashMap::new();
        for word in WORDS {
            for form in word.forms() {
                assert!(!form.is_empty(), "{word:?}");
                assert_eq!(form, form.to_lowercase(), "{word:?}");
                if let Some(other) = seen.insert(form, word) {
                    assert_eq!(other, word, "'{form}' names two words");
                }
            }
        }
        for (alias, word) in ALIASES {
            assert!(!seen.contains_key(alias), "alias '{alias}' is itself a word");
            assert!(WORDS.iter().any(|w| w.en == *word), "alias '{alias}' points at no word");
        }
    }
}
