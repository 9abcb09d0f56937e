//! Anonymous attributions without quote marks ("sources said", "people familiar with"), matched on
//! small word codes while counting.

/// Phrases that attribute to an unnamed source without quote marks.
const ANON_PHRASES: &[&[&str]] = &[
    &["sources", "said"],
    &["sources", "say"],
    &["sources", "told"],
    &["source", "said"],
    &["source", "told"],
    &["people", "familiar", "with"],
    &["sources", "familiar", "with"],
    &["person", "familiar", "with"],
    &["condition", "of", "anonymity"],
    &["anonymous", "source"],
    &["anonymous", "sources"],
    &["unnamed", "source"],
    &["unnamed", "sources"],
    &["unnamed", "official"],
    &["unnamed", "officials"],
    &["insiders", "said"],
    &["insider", "said"],
    &["sources", "close", "to"],
    &["declined", "to", "be", "named"],
    &["not", "authorized", "to", "speak"],
    &["not", "authorised", "to", "speak"],
];

/// The distinct words of [`ANON_PHRASES`].
const ANON_WORDS: &[&str] = &[
    "sources",
    "said",
    "say",
    "told",
    "source",
    "people",
    "familiar",
    "with",
    "person",
    "condition",
    "of",
    "anonymity",
    "anonymous",
    "unnamed",
    "official",
    "officials",
    "insiders",
    "insider",
    "close",
    "to",
    "declined",
    "be",
    "named",
    "not",
    "authorized",
    "speak",
    "authorised",
];

/// A word's code for phrase matching: its position in [`ANON_WORDS`] plus one, or 0.
pub(super) fn anon_code(w: &str) -> u8 {
    ANON_WORDS
        .iter()
        .position(|x| *x == w)
        .map_or(0, |i| i as u8 + 1)
}

/// Anonymous attributions in a document's words, matched on word codes (a phrase match is a
/// few byte comparisons per token, not a string comparison per phrase).
pub(super) fn count_anonymous(codes: &[u8]) -> u64 {
    let phrases = phrase_codes();
    let mut n = 0;
    let mut i = 0;
    while i < codes.len() {
        match phrase_at(phrases, &codes[i..]) {
            0 => i += 1,
            len => {
                n += 1;
                i += len;
            }
        }
    }
    n
}

/// [`ANON_PHRASES`] as word codes (made once).
fn phrase_codes() -> &'static [Vec<u8>] {
    static PHRASES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        ANON_PHRASES
            .iter()
            .map(|p| p.iter().map(|w| anon_code(w)).collect())
            .collect()
    })
}

/// The length of the first of `phrases` that `codes` starts with (0: none; a word with no code
/// starts none).
#[inline]
fn phrase_at(phrases: &[Vec<u8>], codes: &[u8]) -> usize {
    let first = codes[0];
    if first == 0 {
        return 0;
    }
    phrases
        .iter()
        .find(|p| p[0] == first && codes.starts_with(p))
        .map_or(0, |p| p.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_phrases_match_on_word_codes() {
        // every phrase word has a code (a word without one would match any unknown word)
        for p in ANON_PHRASES {
            assert!(p.iter().all(|w| anon_code(w) > 0), "{p:?}");
        }
        let words: Vec<&str> =
            "two sources said it and people familiar with the talks told a source in the know said"
                .split(' ')
                .collect();
        let codes: Vec<u8> = words.iter().map(|w| anon_code(w)).collect();
        // "sources said", "people familiar with"; "a source in the know said" is not a phrase
        assert_eq!(count_anonymous(&codes), 2);
    }
}
