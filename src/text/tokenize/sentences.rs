//! UAX #29 sentences (a direct implementation of the rules for classified characters, else
//! unicode-segmentation) joined again after abbreviations ("Mr.", "U.S." before a lowercase word).

use unicode_segmentation::UnicodeSegmentation;

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

/// Whether a lowercased word typically opens a sentence ("the", "but", "when"): capitalized at a
/// sentence start, it is no name.
pub fn is_sentence_opener(w: &str) -> bool {
    OPENERS.contains(&w)
}

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
        classify(text, &mut chars)?;
        Some(segments_of_classes(text, &chars))
    })
}

/// The class of every character of `text` into `chars` (byte offset, class), cleared first;
/// `None` at the first character with no class. ASCII goes through a table, the rest is decoded:
/// most news characters are ASCII.
fn classify(text: &str, chars: &mut Vec<(usize, Sb)>) -> Option<()> {
    chars.clear();
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
    Some(())
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
    let classes = Classes {
        chars,
        len: text.len(),
    };
    segments_at(text, classes.bounds())
}

/// The segments of `text` ending at `bounds` (ascending; empty segments skipped), and the rest.
fn segments_at(text: &str, bounds: Vec<usize>) -> Vec<(usize, &str)> {
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

/// Classified characters `(byte offset, class)` of a text `len` bytes long.
struct Classes<'a> {
    chars: &'a [(usize, Sb)],
    len: usize,
}

/// Where the scan goes on after a sentence terminator, and the break it found (if any).
struct Resume {
    /// Index of the next character to look at.
    at: usize,
    /// Byte offset of a sentence break.
    bound: Option<usize>,
}

impl Classes<'_> {
    /// Byte offset of character `k` (the text's end past the last).
    #[inline]
    fn end_of(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.len, |c| c.0)
    }

    #[inline]
    fn class(&self, k: usize) -> Sb {
        self.chars[k].1
    }

    /// The first index from `k` whose class is not `skip`.
    #[inline]
    fn skip(&self, mut k: usize, skip: Sb) -> usize {
        while k < self.chars.len() && self.class(k) == skip {
            k += 1;
        }
        k
    }

    /// The index past the line break at `k` (CR LF is one break).
    #[inline]
    fn past_break(&self, k: usize) -> usize {
        let crlf = self.class(k) == Sb::Cr && self.chars.get(k + 1).is_some_and(|c| c.1 == Sb::Lf);
        if crlf {
            k + 2
        } else {
            k + 1
        }
    }

    /// Byte offsets of the sentence breaks (SB4 after line breaks, SB11 after terminators).
    fn bounds(&self) -> Vec<usize> {
        let mut bounds = Vec::new();
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.class(i);
            if c == Sb::Lf || c == Sb::Cr {
                i = self.past_break(i);
                bounds.push(self.end_of(i));
            } else if is_term(c) {
                let Some(next) = self.after_terminator(i) else {
                    break;
                };
                bounds.extend(next.bound);
                i = next.at;
            } else {
                i += 1;
            }
        }
        bounds
    }

    /// What follows the terminator at `i` (SB9–SB11): closers and spaces, then a line break (the
    /// break after it) or a character that ends the sentence or not; none at the text's end.
    #[inline]
    fn after_terminator(&self, i: usize) -> Option<Resume> {
        let k = self.skip(self.skip(i + 1, Sb::Close), Sb::Sp);
        if k >= self.chars.len() {
            return None;
        }
        let next = self.class(k);
        if next == Sb::Lf || next == Sb::Cr {
            let at = self.past_break(k);
            return Some(Resume {
                at,
                bound: Some(self.end_of(at)),
            });
        }
        let bound = (!self.continues(i, k)).then(|| self.end_of(k));
        Some(Resume { at: k, bound })
    }

    /// Whether the sentence goes on past the terminator at `i` whose closers and spaces end at
    /// `k` (SB6, SB7, SB8, SB8a).
    #[inline]
    fn continues(&self, i: usize, k: usize) -> bool {
        let next = self.class(k);
        let aterm = self.class(i) == Sb::ATerm;
        let adjacent = k == i + 1;
        (aterm && adjacent && next == Sb::Numeric)
            || (aterm
                && adjacent
                && i > 0
                && matches!(self.class(i - 1), Sb::Upper | Sb::Lower)
                && next == Sb::Upper)
            || (aterm && self.lower_follows(k))
            || next == Sb::SContinue
            || is_term(next)
    }

    /// SB8: a lower-case letter comes from `k` on before any letter, line break or terminator.
    #[inline]
    fn lower_follows(&self, mut k: usize) -> bool {
        while k < self.chars.len() {
            match self.class(k) {
                Sb::Lower => return true,
                Sb::Upper | Sb::Lf | Sb::Cr | Sb::ATerm | Sb::STerm => return false,
                _ => k += 1,
            }
        }
        false
    }
}

/// A sentence terminator (`.`, `!`, `?`).
#[inline]
fn is_term(c: Sb) -> bool {
    c == Sb::ATerm || c == Sb::STerm
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
        let joined = out
            .last_mut()
            .filter(|last| join_next && goes_on(&text[last.0..last.1], s));
        if let Some(last) = joined {
            last.1 = end;
            join_next = ends_with_abbrev(&text[last.0..last.1]);
            continue;
        }
        out.push((off, end));
        join_next = ends_with_abbrev(s);
    }
    out
}

/// Whether the segment `s`, after a sentence `prev` ending with an abbreviation, goes on with it:
/// always after a never-final one, else unless `s` opens with a sentence opener.
fn goes_on(prev: &str, s: &str) -> bool {
    let next_word = s
        .unicode_words()
        .next()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    last_abbrev(prev).never || !OPENERS.contains(&next_word.as_str())
}

/// Whether a sentence piece ends with an abbreviation's full stop (and no line break after it).
fn ends_with_abbrev(s: &str) -> bool {
    let a = last_abbrev(s);
    a.never || a.maybe
}

/// The abbreviation a sentence piece ends with, as far as its last word tells.
#[derive(Default)]
struct Abbrev {
    /// Never ends a sentence ("Mr.", an initial).
    never: bool,
    /// May end one ("U.S.").
    maybe: bool,
}

/// Classifies the last word of a sentence piece ending in "." as never-final or maybe-final.
fn last_abbrev(s: &str) -> Abbrev {
    if s.ends_with('\n') || s.ends_with('\r') || s.ends_with('\u{2029}') {
        return Abbrev::default();
    }
    let t = s.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return Abbrev::default();
    };
    let word = &body[last_word_start(body)..];
    let w = word.to_lowercase();
    if w.is_empty() {
        return Abbrev::default();
    }
    // Single capital initials ("J. Smith") never end a sentence.
    let initial = w.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    Abbrev {
        never: NEVER_FINAL.contains(&w.as_str()) || initial,
        maybe: MAYBE_FINAL.contains(&w.as_str()),
    }
}

/// Byte offset of the last word of `body`: after its last space, parenthesis or opening quote.
fn last_word_start(body: &str) -> usize {
    body.char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(' || *c == '"' || *c == '\u{201c}')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0)
}
