//! A document's story fingerprint, taken while counting: sampled word 5-gram shingles, the 5-grams
//! inside its quotations, and its distinctive numbers.

use crate::text::hash::{sequence_hash, word_hash};
use crate::text::tokenize::{normalize_into, Normalizer, Token};

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
    /// The weekdays, years and figures of its lead (see `text::facts`): what tells one event
    /// from a look-alike.
    #[serde(default)]
    pub facts: crate::text::facts::Facts,
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
            list.iter_mut().for_each(|s| *s = map[*s as usize]);
            list.sort_unstable();
        }
    }
}

/// Sorts `v` and leaves out its repeats.
fn sort_unique<T: Ord>(v: &mut Vec<T>) {
    v.sort_unstable();
    v.dedup();
}

/// Builds a document's profile from its normalized word hashes, number tokens and the token
/// ranges of its quotations.
pub fn profile_with_quotes(
    word_hashes: &[u64],
    breaks: &[usize],
    numbers: Vec<String>,
    quote_ranges: &[(usize, usize)],
) -> Profile {
    let mut p = profile(word_hashes, breaks, numbers);
    p.quote_shingles = quote_shingles(word_hashes, quote_ranges);
    p
}

/// The first 120 shingles (by hash) inside the quotations, sorted and unique.
fn quote_shingles(word_hashes: &[u64], quote_ranges: &[(usize, usize)]) -> Vec<u64> {
    let mut q = Vec::new();
    for &(a, b) in quote_ranges {
        if b - a >= SHINGLE {
            q.extend(word_hashes[a..b].windows(SHINGLE).map(sequence_hash));
        }
    }
    sort_unique(&mut q);
    q.truncate(120);
    q.shrink_to_fit(); // kept for every document until the story stage: no spare capacity
    q
}

/// The indices of the tokens that begin a line (a line break lies between them and the token
/// before). Shingles stay inside a line: leaving out a boilerplate line then never makes new
/// ones, so the shingles of a text before boilerplate is decided hold those counted after it
/// (what a census of shards relies on, see [`census_shingles`]).
pub fn line_breaks(text: &str, tokens: &[Token]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let gap =
        |a: &Token, b: &Token| &bytes[(a.end as usize).min(b.start as usize)..b.start as usize];
    tokens
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| memchr::memchr(b'\n', gap(&pair[0], &pair[1])).is_some())
        .map(|(i, _)| i + 1)
        .collect()
}

/// The sampled shingles of a token sequence, windows inside one line (`breaks`: see
/// [`line_breaks`]), in order of appearance, repeats included.
fn sampled_shingles(word_hashes: &[u64], breaks: &[usize], out: &mut Vec<u64>) {
    let mut start = 0;
    for end in breaks.iter().copied().chain([word_hashes.len()]) {
        if end >= start + SHINGLE {
            let hashes = word_hashes[start..end].windows(SHINGLE).map(sequence_hash);
            out.extend(hashes.filter(|h| h.is_multiple_of(SAMPLE)));
        }
        start = end;
    }
}

/// The sampled shingles of a document as counting will find them, from its text alone (before
/// boilerplate is decided: a superset of what counting keeps), sorted and unique; `normalizer`
/// is the one counting tokenizes the document with (its language's).
pub fn census_shingles(text: &str, body: usize, normalizer: &Normalizer) -> Vec<u64> {
    let tk = normalizer.tokenize_at(text, body);
    let mut sh = Vec::new();
    let hashes = word_hashes(text, &tk.tokens);
    sampled_shingles(&hashes, &line_breaks(text, &tk.tokens), &mut sh);
    sort_unique(&mut sh);
    sh
}

/// The word hash of every token, normalized (as counting hashes them).
fn word_hashes(text: &str, tokens: &[Token]) -> Vec<u64> {
    let mut buf = String::new();
    tokens
        .iter()
        .map(|t| {
            normalize_into(&text[t.start as usize..t.end as usize], &mut buf);
            word_hash(&buf)
        })
        .collect()
}

/// What a census of a shard knows of its documents' sampled shingles (see [`census_shingles`]),
/// by the top 32 bits of each hash: those in at least one document and those in at least two.
/// Over every shard this tells which shingles may be shared; a shingle in one document alone
/// links nothing, and a part leaves it out ([`SharedShingles`]).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ShingleCensus {
    /// Prefixes in at least one document, sorted.
    #[serde(with = "super::state::ids")]
    once: Vec<u32>,
    /// Prefixes in at least two documents, sorted.
    #[serde(with = "super::state::ids")]
    twice: Vec<u32>,
}

/// The top 32 bits of a shingle hash: what the census keeps of it.
fn prefix(h: u64) -> u32 {
    (h >> 32) as u32
}

impl ShingleCensus {
    /// The census of documents given the prefixes of each one's shingles (each document's
    /// list without repeats, the lists one after the other).
    pub fn from_prefixes(mut all: Vec<u32>) -> Self {
        all.sort_unstable();
        let mut c = ShingleCensus::default();
        for run in all.chunk_by(|a, b| a == b) {
            c.once.push(run[0]);
            if run.len() > 1 {
                c.twice.push(run[0]);
            }
        }
        c
    }

    /// Appends to `out` the prefixes of one document's shingles (sorted, as
    /// [`census_shingles`] gives them), each once.
    pub fn add_document(shingles: &[u64], out: &mut Vec<u32>) {
        let mut last = None;
        for &h in shingles {
            let p = prefix(h);
            if last != Some(p) {
                out.push(p);
                last = Some(p);
            }
        }
    }
}

/// The shingle prefixes that may be in two documents of the whole corpus, from the censuses of
/// all its shards: in two documents of one shard, or in documents of two shards. Every shingle
/// two documents share passes; one in a single document passes only when its prefix collides.
#[derive(Debug, Default)]
pub struct SharedShingles(Vec<u32>);

impl SharedShingles {
    /// From the censuses of every shard (each document in exactly one of them).
    pub fn new(parts: &[ShingleCensus]) -> Self {
        let mut all: Vec<u32> = parts.iter().flat_map(|p| p.once.iter().copied()).collect();
        all.sort_unstable();
        let mut shared: Vec<u32> = all
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() > 1)
            .map(|run| run[0])
            .collect();
        shared.extend(parts.iter().flat_map(|p| p.twice.iter().copied()));
        sort_unique(&mut shared);
        SharedShingles(shared)
    }

    /// Leaves out of a profile the sampled shingles no other document can hold.
    pub fn filter(&self, p: &mut Profile) {
        p.shingles
            .retain(|&h| self.0.binary_search(&prefix(h)).is_ok());
        p.shingles.shrink_to_fit();
    }
}

/// Builds a document's profile from its normalized word hashes (`breaks`: the tokens that begin
/// a line, see [`line_breaks`]) and number tokens.
pub fn profile(word_hashes: &[u64], breaks: &[usize], numbers: Vec<String>) -> Profile {
    let mut sh = Vec::new();
    sampled_shingles(word_hashes, breaks, &mut sh);
    sort_unique(&mut sh);
    sh.shrink_to_fit();
    let mut numbers: Vec<u64> = numbers.iter().map(|n| word_hash(n)).collect();
    sort_unique(&mut numbers);
    numbers.shrink_to_fit();
    Profile {
        shingles: sh,
        numbers,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize_at;

    /// A hash with top 32 bits `p`.
    fn h(p: u32, low: u32) -> u64 {
        ((p as u64) << 32) | low as u64
    }

    #[test]
    fn shingles_in_one_document_alone_are_left_out() {
        // shard A: document 1 holds p1, p2; document 2 holds p2; shard B: document 3 holds p1, p3
        let mut a = Vec::new();
        ShingleCensus::add_document(&[h(1, 5), h(2, 5), h(2, 9)], &mut a);
        ShingleCensus::add_document(&[h(2, 5)], &mut a);
        let mut b = Vec::new();
        ShingleCensus::add_document(&[h(1, 5), h(3, 5)], &mut b);
        let shared = SharedShingles::new(&[
            ShingleCensus::from_prefixes(a),
            ShingleCensus::from_prefixes(b),
        ]);
        let mut p = Profile {
            shingles: vec![h(1, 5), h(2, 5), h(2, 9), h(3, 5), h(4, 5)],
            ..Default::default()
        };
        shared.filter(&mut p);
        // p1 in both shards, p2 twice in shard A; p3 in one document, p4 in none
        assert_eq!(p.shingles, vec![h(1, 5), h(2, 5), h(2, 9)]);
    }

    #[test]
    fn shingles_stay_inside_a_line() {
        let text = "one two three four five\nsix seven eight nine ten";
        let tk = tokenize_at(text, 0);
        assert_eq!(line_breaks(text, &tk.tokens), vec![5]);
        let hashes: Vec<u64> = (0..10).collect();
        let mut all = Vec::new();
        let mut start = 0;
        for end in [5, 10] {
            for w in hashes[start..end].windows(SHINGLE) {
                all.push(sequence_hash(w));
            }
            start = end;
        }
        let mut got = Vec::new();
        sampled_shingles(&hashes, &[5], &mut got);
        let sampled: Vec<u64> = all
            .into_iter()
            .filter(|h| h.is_multiple_of(SAMPLE))
            .collect();
        assert_eq!(got, sampled);
    }
}
