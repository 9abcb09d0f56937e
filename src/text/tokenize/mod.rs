//! Tokens and sentences: UAX #29 words and sentences (byte-level fast paths for the characters of
//! most news text, proven equal to unicode-segmentation by property tests), abbreviation fix-ups,
//! and the normalisation of words into terms (lowercasing, apostrophes, Snowball stems, stopwords).

mod normalize;
mod sentences;
mod words;

pub use normalize::{normalize, normalize_into, Normalizer, NormalizerOptions, LANGUAGES};
pub use sentences::{
    fast_sentence_segments, is_never_final_abbrev, is_sentence_opener, sentence_spans,
};
pub use words::fast_words;

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

/// Splits `text` into word tokens and sentences.
///
/// Words follow UAX #29 (so "1,000-3,000" gives "1,000" and "3,000", and "don't" stays whole);
/// sentences follow UAX #29 with fix-ups so "Mr. Smith" and "U.S. officials" do not end one.
pub fn tokenize(text: &str) -> Tokenized {
    tokenize_sentences(text, sentence_spans(text))
}

/// Splits the sentences `sentences` (byte spans of `text`, in order) into word tokens; the
/// sentences without a word are dropped.
pub fn tokenize_sentences(text: &str, sentences: Vec<(usize, usize)>) -> Tokenized {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut kept: Vec<(u32, u32)> = Vec::with_capacity(sentences.len());
    for (s, e) in sentences {
        let before = tokens.len();
        push_words(&mut tokens, &text[s..e], s, kept.len() as u32);
        if tokens.len() > before {
            kept.push((s as u32, e as u32));
        }
    }
    Tokenized {
        tokens,
        sentences: kept,
    }
}

/// Appends the word tokens of the sentence `slice`, at byte `s` of the text, its number `sid`.
#[inline]
fn push_words(tokens: &mut Vec<Token>, slice: &str, s: usize, sid: u32) {
    let fast = fast_words(slice, |a, b| {
        tokens.push(Token {
            start: (s + a) as u32,
            end: (s + b) as u32,
            sentence: sid,
            is_number: slice.as_bytes()[a].is_ascii_digit(),
        })
    });
    if !fast {
        push_unicode_words(tokens, slice, s, sid);
    }
}

/// [`push_words`] for a sentence off the fast path: unicode-segmentation's words.
fn push_unicode_words(tokens: &mut Vec<Token>, slice: &str, s: usize, sid: u32) {
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

/// Tokenizes the article body `text[body..]` with offsets into the whole `text` (front matter
/// before `body` is metadata, not text): the one place token offsets are shifted past it.
pub fn tokenize_at(text: &str, body: usize) -> Tokenized {
    let mut tk = tokenize(&text[body..]);
    shift(&mut tk, body);
    tk
}

/// Moves the offsets of a body's tokens and sentences `body` bytes on, into the whole text.
pub fn shift(tk: &mut Tokenized, body: usize) {
    if body > 0 {
        let base = body as u32;
        for t in &mut tk.tokens {
            t.start += base;
            t.end += base;
        }
        for s in &mut tk.sentences {
            s.0 += base;
            s.1 += base;
        }
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
}
