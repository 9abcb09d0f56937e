//! From a word as written to a term: lowercase, folded apostrophes, Snowball stem, stopwords.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;

/// Lowercases a token into `out`, folds curly and modifier apostrophes to `'` and composes it
/// (Unicode NFC), so that a composed and a decomposed "café" are one word.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{ff07}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    compose(out);
}

/// Composes `s` (Unicode NFC) unless it is composed already.
fn compose(s: &mut String) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        let composed: String = s.nfc().collect();
        *s = composed;
    }
}

/// Whether a normalized word is an abbreviation written with periods ("u.s", "e.g."): letters,
/// each followed by a period but perhaps the last.
fn is_dotted_abbreviation(w: &str) -> bool {
    let t = w.strip_suffix('.').unwrap_or(w);
    t.contains('.')
        && t.split('.').all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// Lowercased, apostrophe-folded form of a word.
pub fn normalize(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    normalize_into(word, &mut s);
    s
}

/// Languages with a Snowball stemmer and a built-in stopword list.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("arabic", "ar"),
    ("danish", "da"),
    ("dutch", "nl"),
    ("english", "en"),
    ("finnish", "fi"),
    ("french", "fr"),
    ("german", "de"),
    ("greek", "el"),
    ("hungarian", "hu"),
    ("italian", "it"),
    ("norwegian", "no"),
    ("portuguese", "pt"),
    ("romanian", "ro"),
    ("russian", "ru"),
    ("spanish", "es"),
    ("swedish", "sv"),
    ("tamil", "ta"),
    ("turkish", "tr"),
    ("ukrainian", "uk"),
    ("korean", "ko"),
];

/// Maps a language name or ISO code to its Snowball algorithm.
fn algorithm(lang: &str) -> Option<Algorithm> {
    let l = lang.to_ascii_lowercase();
    let name = LANGUAGES
        .iter()
        .find(|(n, c)| *n == l || *c == l)
        .map(|(n, _)| *n)?;
    Some(match name {
        "arabic" => Algorithm::Arabic,
        "danish" => Algorithm::Danish,
        "dutch" => Algorithm::Dutch,
        "english" => Algorithm::English,
        "finnish" => Algorithm::Finnish,
        "french" => Algorithm::French,
        "german" => Algorithm::German,
        "greek" => Algorithm::Greek,
        "hungarian" => Algorithm::Hungarian,
        "italian" => Algorithm::Italian,
        "norwegian" => Algorithm::Norwegian,
        "portuguese" => Algorithm::Portuguese,
        "romanian" => Algorithm::Romanian,
        "russian" => Algorithm::Russian,
        "spanish" => Algorithm::Spanish,
        "swedish" => Algorithm::Swedish,
        "tamil" => Algorithm::Tamil,
        "turkish" => Algorithm::Turkish,
        _ => return None,
    })
}

/// A stemmer: Snowball's, or the rules of a language pack without one (Ukrainian, Korean).
enum Stem {
    Snowball(Stemmer),
    Rules(fn(&str) -> String),
}

/// The stemmer of a language (name or ISO code), if it has one.
fn stemmer_for(lang: &str) -> Option<Stem> {
    match lang.to_ascii_lowercase().as_str() {
        "ukrainian" | "uk" => Some(Stem::Rules(crate::text::language::stem::ukrainian)),
        "korean" | "ko" => Some(Stem::Rules(crate::text::language::stem::korean)),
        l => algorithm(l).map(|a| Stem::Snowball(Stemmer::create(a))),
    }
}

/// The error of a language with no stemmer, naming those there are.
fn unknown_language(lang: &str) -> String {
    format!(
        "unknown language '{}'; choose one of: {}, or auto (each document's own)",
        lang,
        LANGUAGES
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The ISO code of a language (name or code); English's when it has none.
fn language_code(lang: &str) -> &'static str {
    let l = lang.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(n, c)| *n == l || *c == l)
        .map(|(_, c)| *c)
        .unwrap_or("en")
}

/// The stopwords of a normalizer, normalized: the `--stopwords` list, else the language's
/// built-in list and its pack's; then the `--stopwords-add` list.
fn stopwords(
    opts: &NormalizerOptions,
    pack: Option<&'static crate::text::language::Pack>,
) -> HashSet<String> {
    let mut stopwords: HashSet<String> = match &opts.stopwords {
        Some(list) => trimmed_words(list).collect(),
        None => stop_words::lookup(language_code(&opts.language))
            .unwrap_or(&[])
            .iter()
            .map(|w| normalize(w))
            .collect(),
    };
    if let (Some(p), None) = (pack, &opts.stopwords) {
        stopwords.extend(p.words.stopwords.iter().map(|w| normalize(w)));
    }
    stopwords.extend(trimmed_words(&opts.extra_stopwords));
    stopwords
}

/// The words of a user's list, trimmed and normalized, empty lines left out.
fn trimmed_words(list: &[String]) -> impl Iterator<Item = String> + '_ {
    list.iter()
        .map(|w| normalize(w.trim()))
        .filter(|w| !w.is_empty())
}

/// How words become terms: stemming and stopword removal for one language.
pub struct Normalizer {
    stemmer: Option<Stem>,
    stopwords: HashSet<String>,
    /// The language's pack (none for English): its sentence and word rules.
    pack: Option<&'static crate::text::language::Pack>,
    /// Whether stopwords are dropped from the term counts.
    pub drop_stopwords: bool,
}

/// Settings for [`Normalizer::new`].
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct NormalizerOptions {
    /// Language name or ISO code ("english", "en").
    pub language: String,
    /// Stem with Snowball (default true).
    pub stem: bool,
    /// Keep stopwords as terms.
    pub keep_stopwords: bool,
    /// Extra stopwords (one per line, from `--stopwords FILE`), replacing the built-in list.
    pub stopwords: Option<Vec<String>>,
    /// Stopwords added to the list in use (`--stopwords-add FILE`).
    pub extra_stopwords: Vec<String>,
}

impl Default for NormalizerOptions {
    fn default() -> Self {
        Self {
            language: "english".into(),
            stem: true,
            keep_stopwords: false,
            stopwords: None,
            extra_stopwords: Vec::new(),
        }
    }
}

impl Normalizer {
    /// Builds a normalizer; fails on an unknown language.
    pub fn new(opts: &NormalizerOptions) -> Result<Self, String> {
        let stem = stemmer_for(&opts.language).ok_or_else(|| unknown_language(&opts.language))?;
        let pack = crate::text::language::pack(&opts.language);
        Ok(Self {
            stemmer: opts.stem.then_some(stem),
            stopwords: stopwords(opts, pack),
            pack,
            drop_stopwords: !opts.keep_stopwords,
        })
    }

    /// Whether a normalized word is on the stopword list.
    pub fn is_stopword(&self, w: &str) -> bool {
        self.stopwords.contains(w)
    }

    /// Stem of a normalized word (the word itself with `--no-stem`). An abbreviation written with
    /// periods is a term of its own, never stemmed: "U.S." is `u.s.`, not `u.` nor the pronoun `us`.
    pub fn stem(&self, w: &str) -> String {
        if is_dotted_abbreviation(w) {
            let mut t = w.to_string();
            if !t.ends_with('.') {
                t.push('.');
            }
            return t;
        }
        match &self.stemmer {
            Some(Stem::Snowball(s)) => s.stem(w).into_owned(),
            Some(Stem::Rules(f)) => f(w),
            None => w.to_string(),
        }
    }

    /// The language pack in use (none for English).
    pub fn pack(&self) -> Option<&'static crate::text::language::Pack> {
        self.pack
    }

    /// Tokens and sentences of the body `text[body..]` by the rules of the language.
    pub fn tokenize_at(&self, text: &str, body: usize) -> super::Tokenized {
        crate::text::language::tokenize_at_for(text, body, self.pack)
    }

    /// Whether a normalized word counts as a term (it has a letter or digit and is not a dropped stopword).
    pub fn is_term(&self, w: &str) -> bool {
        !(self.drop_stopwords && self.is_stopword(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_are_one_word() {
        assert_eq!(normalize("Cafe\u{301}"), normalize("Caf\u{e9}"));
        assert_eq!(normalize("CAFÉ"), "café");
    }

    #[test]
    fn dotted_abbreviations_are_terms_of_their_own() {
        let n = Normalizer::new(&NormalizerOptions::default()).unwrap();
        assert_eq!(n.stem("u.s"), "u.s.");
        assert_eq!(n.stem("u.s."), "u.s.");
        assert_eq!(n.stem("e.g"), "e.g.");
        assert_eq!(n.stem("us"), "us");
        assert_eq!(n.stem("3.5"), "3.5");
        assert_eq!(n.stem("example.com"), n.stem("example.com"));
        assert!(!is_dotted_abbreviation("example.com"));
    }

    #[test]
    fn stemming_and_stopwords() {
        let n = Normalizer::new(&NormalizerOptions::default()).unwrap();
        assert_eq!(n.stem("reported"), "report");
        assert!(n.is_stopword("the"));
        assert!(!n.is_term("the"));
        assert!(n.is_term("troops"));
        assert!(Normalizer::new(&NormalizerOptions {
            language: "klingon".into(),
            ..Default::default()
        })
        .is_err());
        for (name, _) in LANGUAGES {
            let n = Normalizer::new(&NormalizerOptions {
                language: name.to_string(),
                ..Default::default()
            })
            .unwrap();
            assert!(!n.stopwords.is_empty(), "{name} has stopwords");
        }
    }
}
