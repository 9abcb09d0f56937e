//! The counts of a shard as data: what `hedgerow analyze --partial` writes and `hedgerow merge`
//! reads back. Everything in it adds up: merging the states of the shards with
//! [`Acc::merge`] gives the counts of one run over all of them, whatever the sharding.

use super::collocations::SourcePairs;
use super::speakers::SpeakerCounts;
use super::{entry_of, Acc, DocRow, WordInfo, NONE};
use crate::io::read::Problem;
use serde::{Deserialize, Serialize};

/// An accumulator's counts, with its tables as lists (sorted where they came from hash maps, so
/// that one count always serializes to the same bytes).
#[derive(Serialize, Deserialize)]
pub struct AccState {
    stems: Vec<(Box<str>, u8)>,
    docs: Vec<DocRow>,
    problems: Vec<Problem>,
    speakers: Vec<(String, Vec<(String, SpeakerCounts)>)>,
    collocations: Vec<PairsState>,
    boilerplate: Vec<(u64, String, u64)>,
    #[serde(default)]
    furniture: Vec<super::FurnitureRow>,
}

/// One row of the per-group term counts, the table a part writes apart (`terms.parquet`) so
/// that any engine can sum it: group, term, n-gram size, count, documents holding it.
pub type TermRow = (String, String, u8, u64, u64);

/// One row of the surface forms (`surfaces.parquet`), summable by word like [`TermRow`]: the
/// word, its term with the term's n-gram size (none: not a term), its lexicon id, its count.
/// In a part, rows are in the order of the part's word ids (its collocations refer to them).
pub type SurfaceRow = (String, Option<(String, u8)>, Option<u32>, u64);

/// What a part writes as tables rather than in its state: the rows an engine can sum.
#[derive(Debug, Default)]
pub struct SummableRows {
    /// Per-group term counts, sorted.
    pub terms: Vec<TermRow>,
    /// Surface forms, in word id order.
    pub surfaces: Vec<SurfaceRow>,
}

/// One source's word pairs ([`SourcePairs`]): source, pairs, words, tokens.
type PairsState = (String, Vec<((u32, u32), u64)>, Vec<(u32, u64)>, u64);

/// Lists of 64-bit hashes as 8 bytes each: a varint takes 10 for a random 64-bit value.
pub(crate) mod hashes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = v.iter().flat_map(|h| h.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let bytes: &[u8] = Deserialize::deserialize(d)?;
        if !bytes.len().is_multiple_of(8) {
            return Err(serde::de::Error::custom(
                "hash list not a multiple of 8 bytes",
            ));
        }
        Ok(bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}

/// Lists led by an id, sorted by it, written as differences from the previous id: small numbers,
/// which take one or two bytes where an id takes three. Any order reads back as written (the
/// differences wrap).
mod deltas {
    /// An item whose first field is an id.
    pub trait Id: Copy {
        fn id(self) -> u32;
        fn with_id(self, id: u32) -> Self;
    }

    impl Id for u32 {
        fn id(self) -> u32 {
            self
        }
        fn with_id(self, id: u32) -> Self {
            id
        }
    }

    impl Id for (u32, u32) {
        fn id(self) -> u32 {
            self.0
        }
        fn with_id(self, id: u32) -> Self {
            (id, self.1)
        }
    }

    /// Each id replaced by its difference from the one before.
    pub fn encode<T: Id>(v: &[T]) -> Vec<T> {
        let mut prev = 0u32;
        v.iter()
            .map(|&x| {
                let d = x.id().wrapping_sub(prev);
                prev = x.id();
                x.with_id(d)
            })
            .collect()
    }

    /// The ids back from their differences.
    pub fn decode<T: Id>(v: &mut [T]) {
        let mut prev = 0u32;
        for x in v {
            prev = prev.wrapping_add(x.id());
            *x = x.with_id(prev);
        }
    }
}

/// A document's (stem id, count) list, sorted by id, as differences (see [`deltas`]).
pub(crate) mod id_counts {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &[(u32, u32)], s: S) -> Result<S::Ok, S::Error> {
        super::deltas::encode(v).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(u32, u32)>, D::Error> {
        let mut v: Vec<(u32, u32)> = Deserialize::deserialize(d)?;
        super::deltas::decode(&mut v);
        Ok(v)
    }
}

/// A sorted list of ids as differences (see [`deltas`]).
pub(crate) mod ids {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &[u32], s: S) -> Result<S::Ok, S::Error> {
        super::deltas::encode(v).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let mut v: Vec<u32> = Deserialize::deserialize(d)?;
        super::deltas::decode(&mut v);
        Ok(v)
    }
}

/// The entries of a hash map as a list sorted by key.
fn sorted<K: Ord + Clone, V: Clone>(it: impl Iterator<Item = (K, V)>) -> Vec<(K, V)> {
    let mut v: Vec<(K, V)> = it.collect();
    v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Word pairs per group as data, sorted by group (pairs and words sorted by key).
fn collocation_state(collocations: ahash::AHashMap<String, SourcePairs>) -> Vec<PairsState> {
    let mut v: Vec<_> = collocations
        .into_iter()
        .map(|(src, p)| {
            (
                src,
                sorted(p.pairs.into_iter()),
                sorted(p.words.into_iter()),
                p.tokens,
            )
        })
        .collect();
    v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Boilerplate lines as data (key, text, times left out), sorted.
fn boilerplate_state(boilerplate: ahash::AHashMap<u64, (String, u64)>) -> Vec<(u64, String, u64)> {
    let mut v: Vec<(u64, String, u64)> = boilerplate
        .into_iter()
        .map(|(k, (t, n))| (k, t, n))
        .collect();
    v.sort_unstable();
    v
}

/// A group's word pairs read back from their state.
fn source_pairs((src, pairs, words, tokens): PairsState) -> (String, SourcePairs) {
    let pairs = SourcePairs {
        pairs: pairs.into_iter().collect(),
        words: words.into_iter().collect(),
        tokens,
    };
    (src, pairs)
}

impl Acc {
    /// The counts as data: the state, and the rows an engine can sum (per-group term counts
    /// sorted by group and term; surface forms in word id order). Occurrence rows are not part
    /// of it (they leave the workers batch by batch); documents are in input order.
    pub fn into_state(mut self) -> (AccState, SummableRows) {
        self.sort_for_state();
        let rows = SummableRows {
            terms: self.term_rows(),
            surfaces: self.surface_rows(),
        };
        let speakers = sorted(
            self.speakers
                .into_iter()
                .map(|(src, names)| (src, sorted(names.into_iter()))),
        );
        let state = AccState {
            stems: self.stem_strs.into_iter().zip(self.stem_n).collect(),
            docs: self.docs,
            problems: self.problems,
            speakers,
            collocations: collocation_state(self.collocations),
            boilerplate: boilerplate_state(self.boilerplate),
            furniture: self.furniture,
        };
        (state, rows)
    }

    /// Sorts documents into input order, each one's terms by id, and the problems.
    fn sort_for_state(&mut self) {
        self.docs.sort_by_key(|d| d.seq);
        for d in &mut self.docs {
            // worker merges leave them in the order of the ids they had (see `id_counts`)
            d.terms.sort_unstable_by_key(|t| t.0);
        }
        self.problems.sort();
    }

    /// The term (stem and n-gram size) of a stem id.
    fn term_of(&self, stem: u32) -> (String, u8) {
        let i = stem as usize;
        (self.stem_strs[i].to_string(), self.stem_n[i])
    }

    /// Per-group term counts, sorted by group and term.
    fn term_rows(&self) -> Vec<TermRow> {
        let mut terms: Vec<TermRow> = Vec::new();
        for (group, counts) in &self.terms {
            terms.extend(counts.iter().map(|(s, [c, d])| {
                let (term, n) = self.term_of(s);
                (group.clone(), term, n, c, d)
            }));
        }
        terms.sort_unstable();
        terms
    }

    /// Surface forms in word id order: the word, its term (stem and size), lexicon id and count.
    fn surface_rows(&self) -> Vec<SurfaceRow> {
        self.word_strs
            .iter()
            .zip(&self.words)
            .zip(&self.word_count)
            .map(|((w, info), &c)| {
                let term = (info.stem != NONE).then(|| self.term_of(info.stem));
                (
                    w.to_string(),
                    term,
                    (info.lex != NONE).then_some(info.lex),
                    c,
                )
            })
            .collect()
    }

    /// Adds rows of surface forms (a part's, in its word id order, or the sums of many): a word
    /// met before gets the count added, a new one its record.
    pub fn add_surface_rows<'a>(
        &mut self,
        rows: impl IntoIterator<Item = (&'a str, Option<(&'a str, u8)>, Option<u32>, u64)>,
    ) {
        for (w, term, lex, c) in rows {
            if let Some(&id) = self.vocab.get(w) {
                self.word_count[id as usize] += c;
                continue;
            }
            let info = self.surface_info(w, term, lex);
            let id = self.push_word(w.into(), info);
            self.word_count[id as usize] = c;
        }
    }

    /// The record of a surface form read back from a row (its term's stem id made here).
    fn surface_info(&mut self, w: &str, term: Option<(&str, u8)>, lex: Option<u32>) -> WordInfo {
        let stem = term.map_or(NONE, |(t, n)| self.stem_id(t, n));
        // n-gram surfaces are the words whose term is an n-gram
        match term {
            Some((_, n)) if n > 1 => WordInfo::of_ngram(stem),
            _ => WordInfo::of_word(w, stem, lex.unwrap_or(NONE)),
        }
    }

    /// Adds rows of per-group term counts (a part's, or the sums of many) to these counts.
    pub fn add_term_rows<'a>(
        &mut self,
        rows: impl IntoIterator<Item = (&'a str, &'a str, u8, u64, u64)>,
    ) {
        for (group, term, n, c, d) in rows {
            let id = self.stem_id(term, n);
            entry_of(&mut self.terms, group).add(id, c, d);
        }
    }

    /// An accumulator holding these counts, ready to be merged into another once its surface
    /// forms ([`Acc::add_surface_rows`], before anything else) and term counts
    /// ([`Acc::add_term_rows`]) are added back.
    pub fn from_state(s: AccState) -> Acc {
        let mut acc = Acc::new();
        for (st, n) in s.stems {
            acc.stem_id(&st, n);
        }
        let mut docs = s.docs;
        for d in &mut docs {
            acc.rebuild_top_terms(d);
        }
        acc.docs = docs;
        acc.problems = s.problems;
        for (src, names) in s.speakers {
            acc.speakers.insert(src, names.into_iter().collect());
        }
        acc.collocations = s.collocations.into_iter().map(source_pairs).collect();
        for (k, t, n) in s.boilerplate {
            acc.boilerplate.insert(k, (t, n));
        }
        acc.furniture = s.furniture;
        acc
    }

    /// Moves every input order by `offset`: the documents of a shard that read other inputs than
    /// the shards before it come after theirs.
    pub fn shift_seq(&mut self, offset: u64) {
        if offset == 0 {
            return;
        }
        for d in &mut self.docs {
            d.seq += offset;
        }
        for p in &mut self.problems {
            p.seq += offset;
        }
        for f in &mut self.furniture {
            f.seq += offset;
        }
        for c in self
            .speakers
            .values_mut()
            .flat_map(|names| names.values_mut())
        {
            c.first_seq += offset;
            c.last_seq += offset;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::Context;
    use crate::io::read::Document;
    use crate::text::tokenize::{Normalizer, NormalizerOptions};

    fn ctx() -> Context {
        Context::english()
    }

    fn doc(seq: u64, source: &str, text: &str) -> Document {
        Document {
            seq,
            doc_id: format!("d{seq}"),
            source: source.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    /// Rows of (source, term, count, documents) and of (document, tokens, its terms, its top
    /// terms, its profile's terms).
    type Summary = (
        Vec<(String, String, u64, u64)>,
        Vec<(u64, u64, Vec<String>, Vec<String>, Vec<String>)>,
    );

    /// What the merged counts hold, in a form independent of ids.
    fn summary(mut a: Acc) -> Summary {
        a.finish();
        let mut terms: Vec<(String, String, u64, u64)> = a
            .terms
            .iter()
            .flat_map(|(src, c)| {
                c.iter()
                    .map(|(s, [n, d])| (src.clone(), a.stem(s).0.to_string(), n, d))
                    .collect::<Vec<_>>()
            })
            .collect();
        terms.sort();
        let mut by_rank: Vec<&str> = (0..a.n_stems() as u32).map(|s| a.stem(s).0).collect();
        by_rank.sort_unstable();
        let docs = a
            .docs
            .iter()
            .map(|d| {
                let mut t: Vec<String> = d
                    .terms
                    .iter()
                    .map(|(s, c)| format!("{}:{c}", a.stem(*s).0))
                    .collect();
                t.sort();
                // rebuilt from the term counts when read back: they must come out the same
                let top: Vec<String> = d
                    .top_terms
                    .iter()
                    .map(|(s, c)| format!("{}:{c}", a.stem(*s).0))
                    .collect();
                // profiles hold stem ranks (alphabetical order) after `finish`
                let profile: Vec<String> = d
                    .profile
                    .terms
                    .iter()
                    .map(|(r, c)| format!("{}:{c}", by_rank[*r as usize]))
                    .collect();
                (d.seq, d.n_tokens, t, top, profile)
            })
            .collect();
        (terms, docs)
    }

    /// A text of many lines, long enough for sampled shingles in every line.
    fn long_text() -> String {
        let words = [
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
            "lambda", "mu", "nu", "xi", "omicron", "pi",
        ];
        (0..30)
            .map(|i| {
                let line: Vec<String> = words.iter().map(|w| format!("{w}{i}")).collect();
                line.join(" ") + "."
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn census_shingles_are_those_counting_finds() {
        let ctx = ctx();
        let text = long_text();
        let mut acc = Acc::new();
        acc.add(doc(1, "A", &text), &ctx);
        let counted = &acc.docs[0].profile.shingles;
        assert!(
            counted.len() > 10,
            "too few shingles to test: {}",
            counted.len()
        );
        assert_eq!(
            counted,
            &crate::count::census_shingles(&text, 0, &ctx.normalizer)
        );
    }

    /// A French text with elisions ("l'armée", "d'abord"): its pack splits them, and the census
    /// must tokenize as counting does, else a shard's census leaves out shingles counting keeps
    /// (a French corpus cut in two shards then grouped other stories than one run).
    #[test]
    fn census_shingles_follow_the_documents_language() {
        let mut ctx = ctx();
        ctx.normalizer = Normalizer::new(&NormalizerOptions {
            language: "french".into(),
            ..Default::default()
        })
        .unwrap();
        let text: String = (0..40)
            .map(|i| format!("l'armée{i} d'abord{i} qu'elle{i} l'État{i} s'est{i} rendue{i}."))
            .collect::<Vec<_>>()
            .join("\n");
        let mut acc = Acc::new();
        acc.add(doc(1, "A", &text), &ctx);
        let counted = &acc.docs[0].profile.shingles;
        assert!(counted.len() > 10, "too few shingles: {}", counted.len());
        assert_eq!(
            counted,
            &crate::count::census_shingles(&text, 0, &ctx.normalizer)
        );
        let english = Normalizer::new(&NormalizerOptions::default()).unwrap();
        assert_ne!(counted, &crate::count::census_shingles(&text, 0, &english));
    }

    #[test]
    fn leaving_out_a_boilerplate_line_makes_no_shingle_the_census_lacks() {
        let ctx = ctx();
        let text = long_text();
        let census = crate::count::census_shingles(&text, 0, &ctx.normalizer);
        // the lines' keys, in order (blanking every line returns them)
        let keys: Vec<u64> =
            crate::text::boilerplate::blank_lines("A", &mut text.clone(), 0, |_| true)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
        // every inner line left out in turn: the windows across the gap it leaves would be new
        for (line, &key) in keys.iter().enumerate().take(29).skip(1) {
            let mut blanked = text.clone();
            crate::text::boilerplate::blank_lines("A", &mut blanked, 0, |k| k == key);
            let mut acc = Acc::new();
            acc.add(doc(1, "A", &blanked), &ctx);
            let counted = &acc.docs[0].profile.shingles;
            assert!(counted.len() <= census.len());
            assert!(
                counted.iter().all(|h| census.binary_search(h).is_ok()),
                "line {line}"
            );
        }
    }

    #[test]
    fn shards_written_and_read_back_merge_to_the_whole() {
        let ctx = ctx();
        let texts = [
            (
                "A",
                "Officials reportedly said the talks may resume, sources said.",
            ),
            (
                "B",
                "The talks resumed on Monday, officials said, “finally”.",
            ),
            ("A", "Nothing was said about the talks at all."),
            (
                "B",
                "Approximately 40 officials attended the resumed talks.",
            ),
        ];
        let mut whole = Acc::new();
        let mut shards = [Acc::new(), Acc::new()];
        for (i, (src, t)) in texts.iter().enumerate() {
            let seq = i as u64 + 1;
            whole.add(doc(seq, src, t), &ctx);
            shards[i % 2].add(doc(seq, src, t), &ctx);
        }
        whole.take_occurrences();
        let mut merged: Option<Acc> = None;
        for mut s in shards {
            s.take_occurrences();
            let (state, rows) = s.into_state();
            let bytes = postcard::to_stdvec(&state).unwrap();
            let mut back = Acc::from_state(postcard::from_bytes(&bytes).unwrap());
            back.add_surface_rows(rows.surfaces.iter().map(|(w, t, l, c)| {
                (
                    w.as_str(),
                    t.as_ref().map(|(t, n)| (t.as_str(), *n)),
                    *l,
                    *c,
                )
            }));
            back.add_term_rows(
                rows.terms
                    .iter()
                    .map(|(g, t, n, c, d)| (g.as_str(), t.as_str(), *n, *c, *d)),
            );
            match &mut merged {
                None => merged = Some(back),
                Some(m) => m.merge(back),
            }
        }
        assert_eq!(summary(merged.unwrap()), summary(whole));
    }
}
