//! UI strings in Kyrgyz, Russian and English from Fluent files (`assets/locales/{ky,ru,en}/*.ftl`, one file per
//! area of the program, the same files in every language), switchable at run time. A missing key shows as the key
//! itself, and a test fails if any language lacks one or two files define the same key.

use crate::domain::catalog::Lang;
use crate::domain::money::{Som, group_decimal};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

/// The Fluent files of one language, named by area; every language has the same list.
macro_rules! sources {
    ($lang:literal: $($file:literal),+) => {
        &[$(($file, include_str!(concat!("../../assets/locales/", $lang, "/", $file, ".ftl")))),+]
    };
}

/// `(file, text)` of every Fluent file per language. A new area gets its file in all three lists.
pub const KY: &[(&str, &str)] =
    sources!("ky": "usta", "till", "manager", "records", "accounts", "catalog", "errors", "sync", "refusals");
pub const RU: &[(&str, &str)] =
    sources!("ru": "usta", "till", "manager", "records", "accounts", "catalog", "errors", "sync", "refusals");
pub const EN: &[(&str, &str)] =
    sources!("en": "usta", "till", "manager", "records", "accounts", "catalog", "errors", "sync", "refusals");

/// Marks an argument that is an amount of som, so [`I18n::tr_args`] formats it in the language shown.
const MONEY: &str = "\u{1}som:";

/// A money argument for a message kept as key and arguments (a `Notice`): the amount is formatted when the
/// text is made, so `1 234,50 сом` becomes `1,234.50 som` when the cashier switches to English.
pub fn money_arg(amount: Som) -> String {
    format!("{MONEY}{}", amount.amount())
}

/// Marks an argument that is itself a message key (a role, an action, a field's name), shown translated.
const KEY: &str = "\u{1}key:";

/// An argument that is the message `key`, so a sentence can name a role or a field in the language shown.
pub fn key_arg(key: &str) -> String {
    format!("{KEY}{key}")
}

/// The active language's strings.
pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("lang", &self.lang).finish()
    }
}

pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Ky => KY,
        Lang::Ru => RU,
        Lang::En => EN,
    }
}

fn tag(lang: Lang) -> unic_langid::LanguageIdentifier {
    let code = match lang {
        Lang::Ky => "ky",
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    code.parse().unwrap_or_default()
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        let mut bundle = FluentBundle::new(vec![tag(lang)]);
        // Isolation marks around arguments would show as boxes in receipts and labels.
        bundle.set_use_isolating(false);
        // The files are part of the build and checked by tests; a broken entry is skipped, not fatal.
        for (_, source) in sources(lang) {
            let resource = match FluentResource::try_new(source.to_string()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            let _ = bundle.add_resource(resource);
        }
        I18n { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The string for `key`.
    pub fn tr(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The string for `key` with named arguments.
    pub fn tr_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(self.arg(value)));
        }
        self.format(key, Some(&fluent_args))
    }

    /// An argument as shown: money and keys (see [`money_arg`], [`key_arg`]) in this language, the rest as is.
    fn arg(&self, value: &str) -> String {
        if let Some(m) = value
            .strip_prefix(MONEY)
            .and_then(|v| v.parse::<rust_decimal::Decimal>().ok())
        {
            self.money(Som::new(m))
        } else if let Some(key) = value.strip_prefix(KEY) {
            self.tr(key)
        } else {
            value.to_string()
        }
    }

    /// Like [`I18n::tr_args`], but says what went wrong: the key is missing or an argument the text uses is not
    /// given (for the tests that every message can be shown in every language).
    pub fn try_tr_args(&self, key: &str, args: &[(&str, String)]) -> Result<String, String> {
        let pattern = self
            .bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("{:?} has no message {key}", self.lang))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            if let Some(inner) = value.strip_prefix(KEY) {
                self.try_tr_args(inner, &[])?;
            }
            fluent_args.set(*name, FluentValue::from(self.arg(value)));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(format!("{:?} {key}: {errors:?}", self.lang))
        }
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// Money as people read it here: `1 234,50 сом` in Kyrgyz and Russian, `1,234.50 som` in English. The one
    /// formatter of som on every screen of the till and on the customer display.
    pub fn money(&self, amount: Som) -> String {
        let unit = match self.lang {
            Lang::Ky | Lang::Ru => "сом",
            Lang::En => "som",
        };
        format!("{}\u{a0}{unit}", self.number(amount.amount(), 2))
    }

    /// A foreign amount the same way: `12,50 USD`, or `12.50 USD` in English.
    pub fn amount(&self, money: crate::domain::currency::Money) -> String {
        format!(
            "{}\u{a0}{}",
            self.number(money.amount, money.currency.minor_units()),
            money.currency.code()
        )
    }

    /// A grouped decimal in this language: `1 234,50`, `1,234.50` in English.
    fn number(&self, value: rust_decimal::Decimal, decimals: u32) -> String {
        let text = group_decimal(value, decimals);
        match self.lang {
            Lang::Ky | Lang::Ru => text,
            // group_decimal writes `1 234,50`; English wants `1,234.50`.
            Lang::En => text.replace(',', ".").replace('\u{a0}', ","),
        }
    }
}

/// Message ids defined in all of a language's Fluent files.
pub fn all_keys(lang: Lang) -> Vec<String> {
    sources(lang).iter().flat_map(|(_, source)| keys(source)).collect()
}

/// Message ids defined in a Fluent source.
pub fn keys(source: &str) -> Vec<String> {
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_language_has_every_key_and_parses() {
        for (name, files) in [("ky", KY), ("ru", RU), ("en", EN)] {
            for (file, src) in files.iter() {
                assert!(
                    FluentResource::try_new(src.to_string()).is_ok(),
                    "{name}/{file}.ftl has syntax errors"
                );
            }
        }
        for lang in [Lang::Ky, Lang::Ru, Lang::En] {
            let mut seen = BTreeSet::new();
            let twice: Vec<_> = all_keys(lang).into_iter().filter(|k| !seen.insert(k.clone())).collect();
            assert!(twice.is_empty(), "{lang:?} defines these keys in two places: {twice:?}");
        }
        let en: BTreeSet<String> = all_keys(Lang::En).into_iter().collect();
        assert!(en.len() > 50, "English has {} keys", en.len());
        for (name, lang) in [("ky", Lang::Ky), ("ru", Lang::Ru)] {
            let other: BTreeSet<String> = all_keys(lang).into_iter().collect();
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            assert!(extra.is_empty(), "{name} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn every_key_the_code_uses_exists() {
        let en: BTreeSet<String> = all_keys(Lang::En).into_iter().collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut files = Vec::new();
        let mut dirs = vec![dir];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(&d).expect("src/ui") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if !path.ends_with("i18n.rs") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 15, "the screens' sources: {files:?}");
        let mut missing = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("source");
            let uses = text.match_indices(".tr(\"").chain(text.match_indices(".tr_args(\""));
            for (i, _) in uses.chain(text.match_indices("Notice::new(Tone::")) {
                let rest = &text[i..];
                let start = rest.find('"').map_or(0, |q| q + 1);
                let key: String = rest[start..].chars().take_while(|c| *c != '"').collect();
                if !en.contains(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
    }

    #[test]
    fn money_per_locale() {
        let amount = Som::from_tyiyn(123_450);
        assert_eq!(I18n::new(Lang::Ky).money(amount), "1\u{a0}234,50\u{a0}сом");
        assert_eq!(I18n::new(Lang::Ru).money(amount), "1\u{a0}234,50\u{a0}сом");
        assert_eq!(I18n::new(Lang::En).money(amount), "1,234.50\u{a0}som");
        let usd = crate::domain::currency::Money::new(
            rust_decimal::Decimal::new(123_450, 2),
            crate::domain::currency::Currency::Usd,
        );
        assert_eq!(I18n::new(Lang::Ru).amount(usd), "1\u{a0}234,50\u{a0}USD");
        assert_eq!(I18n::new(Lang::En).amount(usd), "1,234.50\u{a0}USD");
    }

    #[test]
    fn switching_language_changes_strings() {
        assert_ne!(I18n::new(Lang::Ky).tr("nav-sale"), I18n::new(Lang::En).tr("nav-sale"));
        assert_eq!(I18n::new(Lang::En).tr("no-such-key"), "no-such-key");
    }
}
