//! Segmentation and normalisation: UAX #29 words and sentences (with abbreviation fix-ups),
//! lowercasing, apostrophe folding, Snowball stemming and stopword lists.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// One word token: byte offsets into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// True when the token starts with a digit ("1,000", "2025", "3rd").
    pub is_number: bool,
}

/// A document's tokens and sentence spans.
#[derive(Debug, Default, Clone)]
pub struct Tokenized {
    /// Word tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentence byte spans `(start, end)`; only sentences holding at least one word are kept.
    pub sentences: Vec<(u32, u32)>,
}

/// Abbreviations after which a full stop never ends a sentence (titles, months, "No.", "vs.").
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "rev", "hon", "pres", "supt", "insp", "det", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v",
    "approx", "est", "fig", "vol", "pp", "jr", "sr", "mt", "ft", "e.g", "i.e", "cf", "etc.,",
];

/// Whether a lowercased word is a title or other abbreviation whose full stop never ends a sentence.
pub fn is_never_final_abbrev(w: &str) -> bool {
    NEVER_FINAL.contains(&w)
}

/// Abbreviations that may end a sentence; joined only when the next word is not a usual sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "inc", "corp", "ltd", "co", "etc",
];

/// Words that typically open a sentence; after "U.S." they mean the sentence really ended.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "in",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "on",
    "at",
    "as",
    "for",
    "if",
    "when",
    "while",
    "after",
    "before",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "what",
    "why",
    "how",
    "who",
    "one",
    "some",
    "many",
    "most",
    "last",
    "since",
    "according",
];

/// Splits `text` into word tokens and sentences.
///
/// Words follow UAX #29 (so "1,000-3,000" gives "1,000" and "3,000", and "don't" stays whole);
/// sentences follow UAX #29 with fix-ups so "Mr. Smith" and "U.S. officials" do not end one.
pub fn tokenize(text: &str) -> Tokenized {
    let sentences = sentence_spans(text);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut kept: Vec<(u32, u32)> = Vec::with_capacity(sentences.len());
    for (s, e) in sentences {
        let slice = &text[s..e];
        let sid = kept.len() as u32;
        let before = tokens.len();
        if !fast_words(slice, |a, b| {
            tokens.push(Token {
                start: (s + a) as u32,
                end: (s + b) as u32,
                sentence: sid,
                is_number: slice.as_bytes()[a].is_ascii_digit(),
            })
        }) {
            for (off, w) in slice.unicode_word_indices() {
                let start = (s + off) as u32;
                tokens.push(Token {
                    start,
                    end: start + w.len() as u32,
                    sentence: sid,
                    is_number: w.as_bytes()[0].is_ascii_digit()
                        || w.chars().next().is_some_and(|c| c.is_numeric()),
                });
            }
        }
        if tokens.len() > before {
            kept.push((s as u32, e as u32));
        }
    }
    Tokenized {
        tokens,
        sentences: kept,
    }
}

/// Word_Break classes of UAX #29 for the characters of the word fast path: ASCII plus the curly
/// quotes, dashes, guillemets and no-break space of news text. `O` is every class that neither
/// joins nor is joined (Other, spaces, line breaks, and the double quote outside Hebrew).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter.
    L,
    /// Numeric.
    N,
    /// ExtendNumLet (`_`).
    E,
    /// MidLetter (`:`).
    Ml,
    /// MidNum (`,` `;`).
    Mn,
    /// MidNumLet and Single_Quote (`.` `'` `‘` `’`): MidNumLetQ in the rules.
    Q,
    /// Anything else on the fast path.
    O,
}

const fn ascii_wb_table() -> [Wb; 128] {
    let mut t = [Wb::O; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            Wb::L
        } else if b.is_ascii_digit() {
            Wb::N
        } else {
            match b {
                b'_' => Wb::E,
                b':' => Wb::Ml,
                b',' | b';' => Wb::Mn,
                b'.' | b'\'' => Wb::Q,
                _ => Wb::O,
            }
        };
        i += 1;
    }
    t
}

static ASCII_WB: [Wb; 128] = ascii_wb_table();

/// Class and byte width of the character at `i`, or `None` off the fast path.
#[inline]
fn wb_at(b: &[u8], i: usize) -> Option<(Wb, usize)> {
    let c = b[i];
    if c < 0x80 {
        return Some((ASCII_WB[c as usize], 1));
    }
    match (c, b.get(i + 1), b.get(i + 2)) {
        // U+2018 U+2019 single quotation marks (MidNumLet)
        (0xE2, Some(0x80), Some(0x98 | 0x99)) => Some((Wb::Q, 3)),
        // U+201C U+201D double quotation marks, U+2013 U+2014 dashes (Other)
        (0xE2, Some(0x80), Some(0x9C | 0x9D | 0x93 | 0x94)) => Some((Wb::O, 3)),
        // U+00A0 no-break space, U+00AB U+00BB guillemets (Other)
        (0xC2, Some(0xA0 | 0xAB | 0xBB), _) => Some((Wb::O, 2)),
        _ => None,
    }
}

/// Word tokens of `s` by the UAX #29 word rules, for text made only of fast-path characters
/// (see [`Wb`]): calls `emit(start, end)` for every word and returns true, or returns false
/// without calling it when `s` holds another character (the caller then uses
/// unicode-segmentation). The same words as `unicode_word_indices`, proven by property tests on
/// random and real text; faster, as no character goes through the Unicode tables.
pub fn fast_words(s: &str, mut emit: impl FnMut(usize, usize)) -> bool {
    let b = s.as_bytes();
    if !s.is_ascii() {
        let mut i = 0;
        while i < b.len() {
            match wb_at(b, i) {
                Some((_, w)) => i += w,
                None => return false,
            }
        }
    }
    let n = b.len();
    // every character is on the fast path from here on
    let cls = |i: usize| wb_at(b, i).unwrap_or((Wb::O, 1));
    let mut i = 0;
    while i < n {
        let (c, w) = cls(i);
        if !matches!(c, Wb::L | Wb::N | Wb::E) {
            i += w;
            continue;
        }
        let start = i;
        let mut last = c;
        let mut alnum = c != Wb::E;
        i += w;
        while i < n {
            let (k, kw) = cls(i);
            match (last, k) {
                // WB5, WB8, WB9, WB10, WB13a, WB13b
                (Wb::L | Wb::N, Wb::L | Wb::N)
                | (Wb::L | Wb::N | Wb::E, Wb::E)
                | (Wb::E, Wb::L | Wb::N) => {
                    alnum |= k != Wb::E;
                    last = k;
                    i += kw;
                }
                // WB6/WB7: letter (MidLetter | MidNumLetQ) letter;
                // WB11/WB12: digit (MidNum | MidNumLetQ) digit
                (Wb::L, Wb::Ml | Wb::Q) | (Wb::N, Wb::Mn | Wb::Q) if i + kw < n => {
                    let (k2, k2w) = cls(i + kw);
                    if k2 == last {
                        i += kw + k2w;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if alnum {
            emit(start, i);
        }
    }
    true
}

/// Sentence_Break classes of UAX #29 (the ones that occur in the characters classified below).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// The class of common news characters (ASCII, curly quotes, guillemets, dashes, NBSP, Latin-1
/// letters); `None` for anything else, which sends the paragraph to unicode-segmentation.
const fn sb_class(c: char) -> Option<Sb> {
    Some(match c {
        '\r' => Sb::Cr,
        '\n' => Sb::Lf,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' => Sb::Sp,
        'a'..='z' | '\u{DF}'..='\u{F6}' | '\u{F8}'..='\u{FF}' => Sb::Lower,
        'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => Sb::Upper,
        '0'..='9' => Sb::Numeric,
        '.' => Sb::ATerm,
        '!' | '?' => Sb::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{201C}' | '\u{201D}' | '\u{2018}'
        | '\u{2019}' | '\u{AB}' | '\u{BB}' => Sb::Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => Sb::SContinue,
        c if c.is_ascii() && c != '\u{7F}' && !c.is_ascii_control() => Sb::Other,
        '\u{00}'..='\u{08}' | '\u{0E}'..='\u{1F}' | '\u{7F}' => Sb::Other,
        _ => return None,
    })
}

/// UAX #29 sentence segments computed directly from the rules SB3–SB11, for text whose characters
/// all have a known class (see `sb_class`); `None` otherwise. A property test checks it against
/// unicode-segmentation on random and real text.
pub fn fast_sentence_segments(text: &str) -> Option<Vec<(usize, &str)>> {
    thread_local! {
        static CHARS: std::cell::RefCell<Vec<(usize, Sb)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    CHARS.with(|buf| {
        let mut chars = buf.borrow_mut();
        chars.clear();
        // ASCII through a table, the rest decoded: most news characters are ASCII
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] < 0x80 {
                chars.push((i, ASCII_SB[b[i] as usize]?));
                i += 1;
            } else {
                let c = text[i..].chars().next()?;
                chars.push((i, sb_class(c)?));
                i += c.len_utf8();
            }
        }
        Some(segments_of_classes(text, &chars))
    })
}

const fn ascii_sb_table() -> [Option<Sb>; 128] {
    let mut t = [None; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = sb_class(i as u8 as char);
        i += 1;
    }
    t
}

static ASCII_SB: [Option<Sb>; 128] = ascii_sb_table();

/// The sentence rules SB3–SB11 over classified characters `(byte offset, class)`.
fn segments_of_classes<'t>(text: &'t str, chars: &[(usize, Sb)]) -> Vec<(usize, &'t str)> {
    let n = chars.len();
    let end_of = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let is_term = |c: Sb| c == Sb::ATerm || c == Sb::STerm;
    let sb8 = |mut k: usize| {
        while k < n {
            match chars[k].1 {
                Sb::Lower => return true,
                Sb::Upper | Sb::Lf | Sb::Cr | Sb::ATerm | Sb::STerm => return false,
                _ => k += 1,
            }
        }
        false
    };
    let mut bounds = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c == Sb::Lf {
            bounds.push(end_of(i + 1));
            i += 1;
        } else if c == Sb::Cr {
            let e = if i + 1 < n && chars[i + 1].1 == Sb::Lf {
                i + 2
            } else {
                i + 1
            };
            bounds.push(end_of(e));
            i = e;
        } else if is_term(c) {
            let mut j = i + 1;
            while j < n && chars[j].1 == Sb::Close {
                j += 1;
            }
            let mut k = j;
            while k < n && chars[k].1 == Sb::Sp {
                k += 1;
            }
            if k >= n {
                break;
            }
            let next = chars[k].1;
            if next == Sb::Lf || next == Sb::Cr {
                let e = if next == Sb::Cr && k + 1 < n && chars[k + 1].1 == Sb::Lf {
                    k + 2
                } else {
                    k + 1
                };
                bounds.push(end_of(e));
                i = e;
                continue;
            }
            let aterm = c == Sb::ATerm;
            let adjacent = k == i + 1;
            let keep = (aterm && adjacent && next == Sb::Numeric)
                || (aterm
                    && adjacent
                    && i > 0
                    && matches!(chars[i - 1].1, Sb::Upper | Sb::Lower)
                    && next == Sb::Upper)
                || (aterm && sb8(k))
                || next == Sb::SContinue
                || is_term(next);
            if !keep {
                bounds.push(end_of(k));
            }
            i = k;
        } else {
            i += 1;
        }
    }
    let mut out = Vec::with_capacity(bounds.len() + 1);
    let mut start = 0;
    for e in bounds {
        if e > start {
            out.push((start, &text[start..e]));
            start = e;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// UAX #29 sentence segments, paragraph by paragraph (a break always follows a line feed and no
/// rule looks across one): the direct implementation where every character is classified, else
/// unicode-segmentation.
fn sentence_segments(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut off = 0;
    for para in text.split_inclusive('\n') {
        match fast_sentence_segments(para) {
            Some(v) => out.extend(v.into_iter().map(|(o, s)| (off + o, s))),
            None => out.extend(
                para.split_sentence_bound_indices()
                    .map(|(o, s)| (off + o, s)),
            ),
        }
        off += para.len();
    }
    out
}

/// Sentence byte spans by UAX #29 plus abbreviation fix-ups.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut join_next = false;
    for (off, s) in sentence_segments(text) {
        let end = off + s.len();
        if join_next {
            if let Some(last) = out.last_mut() {
                let next_word = s
                    .unicode_words()
                    .next()
                    .map(|w| w.to_lowercase())
                    .unwrap_or_default();
                let (never, _) = last_abbrev(&text[last.0..last.1]);
                if never || !OPENERS.contains(&next_word.as_str()) {
                    last.1 = end;
                    join_next = ends_with_abbrev(&text[last.0..last.1]);
                    continue;
                }
            }
        }
        out.push((off, end));
        join_next = ends_with_abbrev(s);
    }
    out
}

/// Whether a sentence piece ends with an abbreviation's full stop (and no line break after it).
fn ends_with_abbrev(s: &str) -> bool {
    let (never, maybe) = last_abbrev(s);
    never || maybe
}

/// Classifies the last word of a sentence piece ending in "." as never-final or maybe-final.
fn last_abbrev(s: &str) -> (bool, bool) {
    if s.ends_with('\n') || s.ends_with('\r') || s.ends_with('\u{2029}') {
        return (false, false);
    }
    let t = s.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return (false, false);
    };
    let word_start = body
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(' || *c == '"' || *c == '\u{201c}')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let w = body[word_start..].to_lowercase();
    if w.is_empty() {
        return (false, false);
    }
    // Single capital initials ("J. Smith") never end a sentence.
    let initial = w.chars().count() == 1 && body[word_start..].chars().all(|c| c.is_uppercase());
    (
        NEVER_FINAL.contains(&w.as_str()) || initial,
        MAYBE_FINAL.contains(&w.as_str()),
    )
}

/// Lowercases a token into `out` and folds curly and modifier apostrophes to `'`.
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
            c => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
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

/// How words become terms: stemming and stopword removal for one language.
pub struct Normalizer {
    stemmer: Option<Stemmer>,
    stopwords: HashSet<String>,
    /// Whether stopwords are dropped from the term counts.
    pub drop_stopwords: bool,
}

/// Settings for [`Normalizer::new`].
#[derive(Debug, Clone)]
pub struct NormalizerOptions {
    /// Language name or ISO code ("english", "en").
    pub language: String,
    /// Stem with Snowball (default true).
    pub stem: bool,
    /// Keep stopwords as terms.
    pub keep_stopwords: bool,
    /// Extra stopwords (one per line, from `--stopwords FILE`), replacing the built-in list.
    pub stopwords: Option<Vec<String>>,
}

impl Default for NormalizerOptions {
    fn default() -> Self {
        Self {
            language: "english".into(),
            stem: true,
            keep_stopwords: false,
            stopwords: None,
        }
    }
}

impl Normalizer {
    /// Builds a normalizer; fails on an unknown language.
    pub fn new(opts: &NormalizerOptions) -> Result<Self, String> {
        let alg = algorithm(&opts.language).ok_or_else(|| {
            format!(
                "unknown language '{}'; choose one of: {}",
                opts.language,
                LANGUAGES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        let code = LANGUAGES
            .iter()
            .find(|(n, c)| {
                *n == opts.language.to_ascii_lowercase() || *c == opts.language.to_ascii_lowercase()
            })
            .map(|(_, c)| *c)
            .unwrap_or("en");
        let stopwords: HashSet<String> = match &opts.stopwords {
            Some(list) => list
                .iter()
                .map(|w| normalize(w.trim()))
                .filter(|w| !w.is_empty())
                .collect(),
            None => stop_words::lookup(code)
                .unwrap_or(&[])
                .iter()
                .map(|w| normalize(w))
                .collect(),
        };
        Ok(Self {
            stemmer: opts.stem.then(|| Stemmer::create(alg)),
            stopwords,
            drop_stopwords: !opts.keep_stopwords,
        })
    }

    /// Whether a normalized word is on the stopword list.
    pub fn is_stopword(&self, w: &str) -> bool {
        self.stopwords.contains(w)
    }

    /// Stem of a normalized word (the word itself with `--no-stem`).
    pub fn stem(&self, w: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(w).into_owned(),
            None => w.to_string(),
        }
    }

    /// Whether a normalized word counts as a term (it has a letter or digit and is not a dropped stopword).
    pub fn is_term(&self, w: &str) -> bool {
        !(self.drop_stopwords && self.is_stopword(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t)
            .tokens
            .iter()
            .map(|k| &t[k.start as usize..k.end as usize])
            .collect()
    }

    #[test]
    fn numbers_are_tokens_and_ranges_split() {
        assert_eq!(
            words("Between 1,000-3,000 troops"),
            vec!["Between", "1,000", "3,000", "troops"]
        );
        assert!(tokenize("about 11,000 men").tokens[1].is_number);
    }

    #[test]
    fn contractions_stay_whole() {
        assert_eq!(words("don’t stop, it's"), vec!["don’t", "stop", "it's"]);
        assert_eq!(normalize("Don’t"), "don't");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "Mr. Smith met Dr. Jones in Jan. 2024 at noon. U.S. officials agreed. The end.";
        let s = tokenize(t).sentences;
        assert_eq!(
            s.len(),
            3,
            "{:?}",
            s.iter()
                .map(|(a, b)| &t[*a as usize..*b as usize])
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn us_at_end_of_sentence_still_ends_it() {
        let t = "He moved to the U.S. The move was hard.";
        assert_eq!(tokenize(t).sentences.len(), 2);
        let t2 = "The U.S. President spoke.";
        assert_eq!(tokenize(t2).sentences.len(), 1);
    }

    #[test]
    fn paragraphs_end_sentences() {
        let t = "Headline without stop\nBody text here.";
        assert_eq!(tokenize(t).sentences.len(), 2);
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
