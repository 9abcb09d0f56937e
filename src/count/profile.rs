//! A document's story fingerprint, taken while counting: sampled word 5-gram shingles, the 5-grams
//! inside its quotations, and its distinctive numbers.

use crate::text::hash::{sequence_hash, word_hash};

/// Only shingles whose hash falls in 1/SAMPLE of the space are indexed: the same ones in every
/// document, so two documents sharing many passages share many sampled shingles.
const SAMPLE: u64 = 6;

/// Word n-gram size for story shingles.
const SHINGLE: usize = 5;

/// What story grouping needs of a document, computed while counting.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    /// Sampled 5-gram shingle hashes, sorted and unique.
    #[serde(with = "super::state::hashes")]
    pub shingles: Vec<u64>,
    /// Hashes of the distinctive numbers (their keys, see `text::numbers`), sorted and unique.
    #[serde(with = "super::state::hashes")]
    pub numbers: Vec<u64>,
    /// Every 5-gram inside quotations (the 120 smallest hashes), sorted and unique: a shared quotation links
    /// two reports of one story even when the rest is rewritten.
    #[serde(with = "super::state::hashes")]
    pub quote_shingles: Vec<u64>,
    /// The document's most frequent content stems with their counts, sorted by id: what
    /// independent reports of one event share. Ids are the accumulator's while counting and
    /// stem ranks (alphabetical order, the same in every run) after `Acc::finish`. Not written
    /// to a part: it follows from the document's term counts.
    #[serde(skip)]
    pub terms: Vec<(u32, u16)>,
    /// Content stems written capitalized inside a sentence (names), sorted.
    #[serde(with = "super::state::ids")]
    pub names: Vec<u32>,
    /// Content stems of the title, sorted.
    #[serde(with = "super::state::ids")]
    pub title: Vec<u32>,
    /// The piece reads as opinion (see `text::kind`): words in common do not tie it to one
    /// event.
    pub opinion: bool,
}

impl Profile {
    /// Translates the stem ids of another worker's accumulator (`map[old] = new`) and sorts
    /// again.
    pub fn remap(&mut self, map: &[u32]) {
        for t in &mut self.terms {
            t.0 = map[t.0 as usize];
        }
        self.terms.sort_unstable_by_key(|t| t.0);
        for list in [&mut self.names, &mut self.title] {
            for s in list.iter_mut() {
                *s = map[*s as usize];
            }
            list.sort_unstable();
        }
    }
}

/// Builds a document's profile from its normalized word hashes, number tokens and the token
/// ranges of its quotations.
pub fn profile_with_quotes(
    word_hashes: &[u64],
    numbers: Vec<String>,
    quote_ranges: &[(usize, usize)],
) -> Profile {
    let mut p = profile(word_hashes, numbers);
    let mut q = Vec::new();
    for &(a, b) in quote_ranges {
        if b - a >= SHINGLE {
            for w in word_hashes[a..b].windows(SHINGLE) {
                q.push(sequence_hash(w));
            }
        }
    }
    q.sort_unstable();
    q.dedup();
    q.truncate(120);
    q.shrink_to_fit(); // kept for every document until the story stage: no spare capacity
    p.quote_shingles = q;
    p
}

/// Builds a document's profile from its normalized word hashes and number tokens.
pub fn profile(word_hashes: &[u64], numbers: Vec<String>) -> Profile {
    let mut sh = Vec::new();
    if word_hashes.len() >= SHINGLE {
        for w in word_hashes.windows(SHINGLE) {
            let h = sequence_hash(w);
            if h.is_multiple_of(SAMPLE) {
                sh.push(h);
            }
        }
    }
    sh.sort_unstable();
    sh.dedup();
    sh.shrink_to_fit();
    let mut numbers: Vec<u64> = numbers.iter().map(|n| word_hash(n)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.shrink_to_fit();
    Profile {
        shingles: sh,
        numbers,
        ..Default::default()
    }
}
