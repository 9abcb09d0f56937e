//! Counting: each document is tokenized once, its hedges and quotes found, and its term counts
//! added to per-source counts. Workers keep their own counts and are merged at the end, so the
//! result is the same whatever the number of threads; nothing is kept per token.

use crate::corpus::{Document, Problem};
use crate::hedges::{Hit, Lexicon, MatchToken};
use crate::quotes::{self, Cues, Kind, SpeakerType, Stance};
use crate::tokenize::{normalize_into, tokenize, Normalizer};
use ahash::AHashMap as HashMap;

/// Everything the counting stage needs, shared read-only by the workers.
pub struct Context {
    /// Stemming and stopwords.
    pub normalizer: Normalizer,
    /// Hedge lexicon.
    pub lexicon: Lexicon,
    /// Reporting verbs.
    pub cues: Cues,
    /// Largest n-gram size counted as a term (1 to 3).
    pub ngrams: usize,
    /// Characters of context on each side in KWIC columns.
    pub kwic_width: usize,
}

/// Per-document counts: one row of `documents.csv` (rates are derived later).
#[derive(Debug, Clone, Default)]
pub struct DocRow {
    /// Input order.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: String,
    /// URL.
    pub url: String,
    /// Author.
    pub author: String,
    /// User-given story id.
    pub story: String,
    /// Where it came from (file path, or `file:line`).
    pub origin: String,
    /// Characters of article text (front matter excluded).
    pub n_chars: u64,
    /// Word tokens.
    pub n_tokens: u64,
    /// Distinct lowercased words.
    pub n_types: u64,
    /// Sentences with at least one word.
    pub n_sentences: u64,
    /// Tokens that count as terms (not stopwords).
    pub n_terms: u64,
    /// Hedges found.
    pub n_hedges: u64,
    /// Hedges outside quotations.
    pub n_hedges_narration: u64,
    /// Hedges per category, in lexicon category order.
    pub hedges_by_category: Vec<u64>,
    /// Sentences holding at least one hedge.
    pub sentences_with_hedge: u64,
    /// Quotations of every kind.
    pub n_quotes: u64,
    /// Tokens inside quotations.
    pub quoted_tokens: u64,
    /// Quotes by kind: direct, scare, unattributed, title.
    pub quotes_by_kind: [u64; 4],
    /// Direct quotes by speaker type: named, role, organisation, anonymous, unknown.
    pub speakers: [u64; 5],
    /// Direct quotes by cue stance: neutral, distancing, endorsing, contesting.
    pub stances: [u64; 4],
    /// Tokens inside direct quotes.
    pub direct_tokens: u64,
    /// Quotes with no closing mark.
    pub n_unbalanced: u64,
    /// Anonymous attributions without quote marks ("sources said", "people familiar with").
    pub anonymous_attributions: u64,
    /// What story grouping needs: sampled shingles and distinctive numbers.
    pub profile: crate::stories::Profile,
    /// The document's most frequent terms (stem id, see [`Acc::stem`]; count), for story labels.
    pub top_terms: Vec<(u32, u32)>,
    /// Hash of the document's normalized word sequence: equal for copies of one text.
    pub content_hash: u64,
    /// Index (in input order) of an earlier document of the same source with the same words,
    /// when this one is a copy of it (re-crawls, repeated dumps); set by [`Acc::finish`].
    pub duplicate_of: Option<usize>,
}

/// One hedge occurrence: a row of `hedges.csv`.
#[derive(Debug, Clone)]
pub struct HedgeRow {
    /// Input order of the document.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// One-based sentence number in the document.
    pub sentence: u32,
    /// Character offset of the match in the document text.
    pub start_char: u64,
    /// Character offset just past the match.
    pub end_char: u64,
    /// The words matched, as written.
    pub matched: String,
    /// The lexicon pattern that matched.
    pub entry: String,
    /// Lexicon category.
    pub category: String,
    /// Inside a quotation (the speaker hedges) rather than narration (the outlet hedges).
    pub in_quote: bool,
    /// Left context.
    pub left: String,
    /// Right context.
    pub right: String,
}

/// One quotation: a row of `quotes.csv`.
#[derive(Debug, Clone)]
pub struct QuoteRow {
    /// Input order of the document.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// Character offsets (marks included).
    pub start_char: u64,
    /// Character offset just past the closing mark.
    pub end_char: u64,
    /// Byte offsets.
    pub start_byte: u64,
    /// Byte offset just past the closing mark.
    pub end_byte: u64,
    /// Word tokens inside.
    pub n_tokens: u64,
    /// The quotation with its attribution.
    pub quote: quotes::Quote,
    /// Quote text (marks included, whitespace folded).
    pub text: String,
}

/// What counting needs of a word for each of its tokens, in one record: a token costs one memory
/// access here besides the token cache (these were four arrays, four cache misses for a rare word).
#[derive(Clone, Copy)]
struct WordInfo {
    /// [`crate::stories::word_hash`] of the word (0 for n-gram surfaces, which are not tokens).
    hash: u64,
    /// Stem id, or [`NONE`] for a word that is not a term.
    stem: u32,
    /// Lexicon id (see [`crate::hedges::Lexicon::lex_id`]).
    lex: u32,
    /// Tokens of the word in the document being counted (0 between documents).
    seen: u32,
    /// Code of the word in [`ANON_WORDS`] plus one (0: in no anonymous-attribution phrase).
    anon: u8,
}

/// Per-source term counts: stem id → (count, documents).
pub type TermCounts = StemCounts;

/// Counts of one source by stem id: an open-addressing table of (stem, count, documents), so that
/// a document's stems can be prefetched before they are added (in a hash map each distinct stem
/// of a document was a cache miss, 6% of counting).
#[derive(Clone, Default)]
pub struct StemCounts {
    slots: Vec<StemSlot>,
    used: usize,
}

#[derive(Clone, Copy)]
struct StemSlot {
    /// Stem id, or [`NONE`] for an empty slot.
    stem: u32,
    counts: [u64; 2],
}

impl StemCounts {
    #[inline]
    fn first_slot(stem: u32, mask: usize) -> usize {
        ((stem as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    /// Asks for the cache line where `stem` is (or would be) kept.
    #[inline]
    fn prefetch(&self, stem: u32) {
        if !self.slots.is_empty() {
            let i = Self::first_slot(stem, self.slots.len() - 1);
            prefetch(self.slots.as_ptr().wrapping_add(i));
        }
    }

    /// Adds `count` tokens in `docs` documents to `stem`.
    pub fn add(&mut self, stem: u32, count: u64, docs: u64) {
        if (self.used + 1) * 4 > self.slots.len() * 3 {
            let grown = (self.slots.len() * 2).max(64);
            let empty = StemSlot {
                stem: NONE,
                counts: [0, 0],
            };
            let old = std::mem::replace(&mut self.slots, vec![empty; grown]);
            self.used = 0;
            for s in old.into_iter().filter(|s| s.stem != NONE) {
                self.add(s.stem, s.counts[0], s.counts[1]);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::first_slot(stem, mask);
        loop {
            let s = &mut self.slots[i];
            if s.stem == stem {
                s.counts[0] += count;
                s.counts[1] += docs;
                return;
            }
            if s.stem == NONE {
                *s = StemSlot {
                    stem,
                    counts: [count, docs],
                };
                self.used += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// The (count, documents) of `stem`, if any.
    pub fn get(&self, stem: u32) -> Option<[u64; 2]> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::first_slot(stem, mask);
        loop {
            let s = &self.slots[i];
            if s.stem == stem {
                return Some(s.counts);
            }
            if s.stem == NONE {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Every stem with its (count, documents), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, [u64; 2])> + '_ {
        self.slots
            .iter()
            .filter(|s| s.stem != NONE)
            .map(|s| (s.stem, s.counts))
    }

    /// Distinct stems counted.
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
}

/// Counts kept by one worker.
pub struct Acc {
    vocab: HashMap<Box<str>, u32>,
    words: Vec<WordInfo>,
    word_count: Vec<u64>,
    word_strs: Vec<Box<str>>,
    stems: HashMap<Box<str>, u32>,
    stem_strs: Vec<Box<str>>,
    stem_n: Vec<u8>,
    /// Whether a stem may be one of a document's top terms (a single word of 3+ characters).
    stem_top: Vec<bool>,
    /// Term counts per source.
    pub terms: HashMap<String, TermCounts>,
    /// Document rows.
    pub docs: Vec<DocRow>,
    /// Hedge rows.
    pub hedges: Vec<HedgeRow>,
    /// Quote rows.
    pub quotes: Vec<QuoteRow>,
    /// Problems with inputs.
    pub problems: Vec<Problem>,
    touched: Vec<u32>,
    /// Per token of the document being counted: its hash in the token cache (a reused buffer).
    slot_hash: Vec<u32>,
    raw: RawWords,
}

const NONE: u32 = u32::MAX;

/// Top terms kept per document (story labels and profiles).
const TOP_TERMS: usize = 8;

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

impl Acc {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self {
            vocab: HashMap::new(),
            words: Vec::new(),
            word_count: Vec::new(),
            word_strs: Vec::new(),
            stems: HashMap::new(),
            stem_strs: Vec::new(),
            stem_n: Vec::new(),
            stem_top: Vec::new(),
            terms: HashMap::new(),
            docs: Vec::new(),
            hedges: Vec::new(),
            quotes: Vec::new(),
            problems: Vec::new(),
            touched: Vec::new(),
            slot_hash: Vec::new(),
            raw: RawWords::default(),
        }
    }

    fn stem_id(&mut self, s: &str, n: u8) -> u32 {
        if let Some(&id) = self.stems.get(s) {
            return id;
        }
        let id = self.stem_strs.len() as u32;
        self.stems.insert(s.into(), id);
        self.stem_strs.push(s.into());
        self.stem_n.push(n);
        self.stem_top.push(n == 1 && s.chars().count() >= 3);
        id
    }

    fn word_id(&mut self, w: &str, ctx: &Context) -> u32 {
        if let Some(&id) = self.vocab.get(w) {
            return id;
        }
        let stem = if ctx.normalizer.is_term(w) {
            let s = ctx.normalizer.stem(w);
            self.stem_id(&s, 1)
        } else {
            NONE
        };
        let id = self.words.len() as u32;
        self.vocab.insert(w.into(), id);
        self.words.push(WordInfo {
            hash: crate::stories::word_hash(w),
            stem,
            lex: ctx.lexicon.lex_id(w),
            seen: 0,
            anon: anon_code(w),
        });
        self.word_count.push(0);
        self.word_strs.push(w.into());
        id
    }

    fn ngram_word_id(&mut self, surface: &str, stem: u32) -> u32 {
        if let Some(&id) = self.vocab.get(surface) {
            return id;
        }
        let id = self.words.len() as u32;
        self.vocab.insert(surface.into(), id);
        self.words.push(WordInfo {
            hash: 0,
            stem,
            lex: NONE,
            seen: 0,
            anon: 0,
        });
        self.word_count.push(0);
        self.word_strs.push(surface.into());
        id
    }

    /// Counts one document.
    pub fn add(&mut self, doc: Document, ctx: &Context) {
        let body_text = &doc.text[doc.body..];
        let base = doc.body as u32;
        let mut tk = tokenize(body_text);
        for t in &mut tk.tokens {
            t.start += base;
            t.end += base;
        }
        for s in &mut tk.sentences {
            s.0 += base;
            s.1 += base;
        }
        let text = doc.text.as_str();
        let n = tk.tokens.len();
        let mut wids = Vec::with_capacity(n);
        let mut mtoks = Vec::with_capacity(n);
        let mut hashes: Vec<u64> = Vec::with_capacity(n);
        let mut anon: Vec<u8> = Vec::with_capacity(n);
        self.touched.clear();
        let mut buf = String::new();
        // Three passes, so that the two look-ups of a token that miss the cache are requested
        // well before they are needed: a rare word's slot and record are far apart in memory.
        // 1. hash every token and prefetch its slot in the token cache
        let mut slot_hash = std::mem::take(&mut self.slot_hash);
        slot_hash.clear();
        slot_hash.extend(tk.tokens.iter().map(|t| {
            self.raw
                .hash_and_prefetch(text.as_bytes(), t.start as usize, t.end as usize)
        }));
        // 2. word ids (the slow path for tokens not cached), prefetching each word's record
        for (t, &h) in tk.tokens.iter().zip(&slot_hash) {
            let w = &text[t.start as usize..t.end as usize];
            let id = match self
                .raw
                .get_hashed(text.as_bytes(), t.start as usize, t.end as usize, h)
            {
                Some(id) => id,
                None => {
                    normalize_into(w, &mut buf);
                    let id = self.word_id(&buf, ctx);
                    self.raw.insert(w.as_bytes(), id);
                    id
                }
            };
            wids.push(id);
            prefetch(self.words.as_ptr().wrapping_add(id as usize));
        }
        self.slot_hash = slot_hash;
        // 3. per token: its word's record
        let mut prev_sentence = u32::MAX;
        for (t, &id) in tk.tokens.iter().zip(&wids) {
            let w = &text[t.start as usize..t.end as usize];
            let info = &mut self.words[id as usize];
            if info.seen == 0 {
                self.touched.push(id);
            }
            info.seen += 1;
            hashes.push(info.hash);
            anon.push(info.anon);
            let ss = t.sentence != prev_sentence;
            prev_sentence = t.sentence;
            mtoks.push(MatchToken {
                lex: info.lex,
                number: t.is_number,
                capitalized: w.chars().next().is_some_and(char::is_uppercase),
                sentence_start: ss,
            });
        }
        let n_types = self.touched.len() as u64;
        // Surface counts and term counts per stem.
        let mut n_terms = 0u64;
        let mut stem_counts: Vec<(u32, u32)> = Vec::with_capacity(self.touched.len());
        for &id in &self.touched {
            let info = &mut self.words[id as usize];
            let (c, stem) = (info.seen, info.stem);
            info.seen = 0;
            if stem != NONE {
                self.word_count[id as usize] += c as u64;
                n_terms += c as u64;
                stem_counts.push((stem, c));
            }
        }
        if ctx.ngrams > 1 {
            self.add_ngrams(&tk, &wids, ctx, &mut stem_counts);
        }
        stem_counts.sort_unstable_by_key(|x| x.0);
        if !self.terms.contains_key(&doc.source) {
            self.terms.insert(doc.source.clone(), StemCounts::default());
        }
        if let Some(src) = self.terms.get_mut(&doc.source) {
            for &(s, _) in &stem_counts {
                src.prefetch(s);
            }
            let mut i = 0;
            while i < stem_counts.len() {
                let s = stem_counts[i].0;
                let mut c = 0u64;
                while i < stem_counts.len() && stem_counts[i].0 == s {
                    c += stem_counts[i].1 as u64;
                    i += 1;
                }
                src.add(s, c, 1);
            }
        }

        // Quotes, then hedges (which need to know whether they fall inside a quote).
        let qs = quotes::find_quotes(text, doc.body, &tk, &ctx.cues);
        let mut hits: Vec<Hit> = Vec::new();
        ctx.lexicon.find(&mtoks, &mut hits);
        let chars = CharIndex::new(text);
        let mut row = DocRow {
            seq: doc.seq,
            doc_id: doc.doc_id.clone(),
            source: doc.source.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            url: doc.url.clone(),
            author: doc.author.clone(),
            story: doc.story.clone(),
            origin: doc.origin.clone(),
            n_chars: chars.char_at(text.len()) - chars.char_at(doc.body),
            n_tokens: n as u64,
            n_types,
            n_sentences: tk.sentences.len() as u64,
            n_terms,
            hedges_by_category: vec![0; ctx.lexicon.categories.len()],
            ..Default::default()
        };
        let mut last_hedged_sentence = u32::MAX;
        for h in &hits {
            let t0 = tk.tokens[h.first];
            let t1 = tk.tokens[h.last - 1];
            let (s, e) = (t0.start as usize, t1.end as usize);
            // quotes are sorted and never overlap: the candidate is the last one starting at or before s
            let k = qs.partition_point(|q| q.start <= s);
            let in_quote = k > 0 && e <= qs[k - 1].end;
            row.n_hedges += 1;
            if !in_quote {
                row.n_hedges_narration += 1;
            }
            row.hedges_by_category[ctx.lexicon.category_index(h.entry)] += 1;
            if t0.sentence != last_hedged_sentence {
                row.sentences_with_hedge += 1;
                last_hedged_sentence = t0.sentence;
            }
            self.hedges.push(HedgeRow {
                seq: doc.seq,
                doc_id: doc.doc_id.clone(),
                source: doc.source.clone(),
                sentence: t0.sentence + 1,
                start_char: chars.char_at(s),
                end_char: chars.char_at(e),
                matched: text[s..e].to_string(),
                entry: ctx.lexicon.entries[h.entry].pattern.clone(),
                category: ctx.lexicon.category_of(h.entry).to_string(),
                in_quote,
                left: kwic_left(text, doc.body, s, ctx.kwic_width),
                right: kwic_right(text, e, ctx.kwic_width),
            });
        }
        let quote_ranges: Vec<(usize, usize)> = qs
            .iter()
            .map(|q| {
                (
                    tk.tokens.partition_point(|t| (t.start as usize) < q.start),
                    tk.tokens.partition_point(|t| (t.start as usize) < q.end),
                )
            })
            .collect();
        for (q, &(a, b)) in qs.into_iter().zip(&quote_ranges) {
            let nt = (b - a) as u64;
            row.n_quotes += 1;
            row.quoted_tokens += nt;
            let ki = match q.kind {
                Kind::Direct => 0,
                Kind::Scare => 1,
                Kind::Unattributed => 2,
                Kind::Title => 3,
            };
            row.quotes_by_kind[ki] += 1;
            if q.kind == Kind::Direct {
                row.direct_tokens += nt;
                let si = match q.speaker_type {
                    SpeakerType::Named => 0,
                    SpeakerType::Role => 1,
                    SpeakerType::Organisation => 2,
                    SpeakerType::Anonymous => 3,
                    SpeakerType::Unknown => 4,
                };
                row.speakers[si] += 1;
                if let Some(st) = q.stance {
                    row.stances[Stance::ALL.iter().position(|x| *x == st).unwrap_or(0)] += 1;
                }
            }
            if q.unbalanced {
                row.n_unbalanced += 1;
            }
            self.quotes.push(QuoteRow {
                seq: doc.seq,
                doc_id: doc.doc_id.clone(),
                source: doc.source.clone(),
                start_char: chars.char_at(q.start),
                end_char: chars.char_at(q.end),
                start_byte: q.start as u64,
                end_byte: q.end as u64,
                n_tokens: nt,
                text: fold_whitespace(&text[q.start..q.end]),
                quote: q,
            });
        }
        row.anonymous_attributions = count_anonymous(&anon);
        row.content_hash = crate::stories::sequence_hash(&hashes);
        let numbers: Vec<String> = tk
            .tokens
            .iter()
            .filter(|t| t.is_number)
            .filter_map(|t| crate::stories::number_key(&text[t.start as usize..t.end as usize]))
            .collect();
        row.profile = crate::stories::profile_with_quotes(&hashes, numbers, &quote_ranges);
        // the 8 most frequent stems (ties: alphabetically first); a total order, so selecting
        // the first 8 and sorting only them gives the same list as sorting all
        let mut top: Vec<(u32, u32)> = stem_counts
            .iter()
            .copied()
            .filter(|&(s, _)| self.stem_top[s as usize])
            .collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| {
            b.1.cmp(&a.1)
                .then_with(|| self.stem_strs[a.0 as usize].cmp(&self.stem_strs[b.0 as usize]))
        };
        if top.len() > TOP_TERMS {
            // the 8th-highest count, found on counts alone: most stems of a document share the
            // lowest counts, and comparing their strings was most of the selection's cost
            let (_, kth, _) = top.select_nth_unstable_by(TOP_TERMS - 1, |a, b| b.1.cmp(&a.1));
            let least = kth.1;
            top.retain(|x| x.1 >= least);
            if top.len() > TOP_TERMS {
                top.select_nth_unstable_by(TOP_TERMS - 1, order);
                top.truncate(TOP_TERMS);
            }
        }
        top.sort_unstable_by(order);
        row.top_terms = top.to_vec(); // exactly sized: it is kept for every document
        self.docs.push(row);
    }

    fn add_ngrams(
        &mut self,
        tk: &crate::tokenize::Tokenized,
        wids: &[u32],
        ctx: &Context,
        out: &mut Vec<(u32, u32)>,
    ) {
        let mut key = String::new();
        let mut surf = String::new();
        let mut run: Vec<usize> = Vec::new(); // token indices of terms in the current sentence
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut flush = |acc: &mut Acc, run: &mut Vec<usize>, counts: &mut HashMap<u32, u32>| {
            for n in 2..=ctx.ngrams {
                if run.len() < n {
                    continue;
                }
                for w in run.windows(n) {
                    key.clear();
                    surf.clear();
                    for (k, &ti) in w.iter().enumerate() {
                        if k > 0 {
                            key.push(' ');
                            surf.push(' ');
                        }
                        let wid = wids[ti] as usize;
                        key.push_str(&acc.stem_strs[acc.words[wid].stem as usize]);
                        surf.push_str(&acc.word_strs[wid]);
                    }
                    let sid = acc.stem_id(&key, n as u8);
                    let wid = acc.ngram_word_id(&surf, sid);
                    acc.word_count[wid as usize] += 1;
                    *counts.entry(sid).or_insert(0) += 1;
                }
            }
            run.clear();
        };
        let mut sent = u32::MAX;
        for (i, t) in tk.tokens.iter().enumerate() {
            if t.sentence != sent {
                flush(self, &mut run, &mut counts);
                sent = t.sentence;
            }
            if self.words[wids[i] as usize].stem != NONE {
                run.push(i);
            }
        }
        flush(self, &mut run, &mut counts);
        out.extend(counts);
    }

    /// Takes the hedge and quote rows gathered so far as tables, sorted into input order (the
    /// counting stage hands them on after every batch, so rows never pile up in a worker).
    pub fn take_occurrences(&mut self) -> crate::Result<Vec<polars::prelude::DataFrame>> {
        self.sort_occurrences();
        let (h, q) = (
            std::mem::take(&mut self.hedges),
            std::mem::take(&mut self.quotes),
        );
        Ok(vec![crate::frames::hedges(&h)?, crate::frames::quotes(&q)?])
    }

    /// Records a problem with an input.
    pub fn problem(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Folds another worker's counts into this one (translating its word and stem ids).
    pub fn merge(&mut self, other: Acc) {
        let stem_map: Vec<u32> = other
            .stem_strs
            .iter()
            .zip(&other.stem_n)
            .map(|(s, &n)| self.stem_id(s, n))
            .collect();
        for (wi, w) in other.word_strs.iter().enumerate() {
            let info = other.words[wi];
            let id = match self.vocab.get(&**w) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.vocab.insert(w.clone(), id);
                    self.words.push(WordInfo {
                        stem: if info.stem == NONE {
                            NONE
                        } else {
                            stem_map[info.stem as usize]
                        },
                        ..info
                    });
                    self.word_count.push(0);
                    self.word_strs.push(w.clone());
                    id
                }
            };
            self.word_count[id as usize] += other.word_count[wi];
        }
        for (src, counts) in other.terms {
            let mine = self.terms.entry(src).or_default();
            for (s, [c, d]) in counts.iter() {
                mine.add(stem_map[s as usize], c, d);
            }
        }
        let mut docs = other.docs;
        for d in &mut docs {
            for t in &mut d.top_terms {
                t.0 = stem_map[t.0 as usize];
            }
        }
        self.docs.extend(docs);
        self.hedges.extend(other.hedges);
        self.quotes.extend(other.quotes);
        self.problems.extend(other.problems);
    }

    /// Sorts rows into input order so output does not depend on scheduling.
    pub fn finish(&mut self) {
        self.raw = RawWords::default(); // a counting cache, not needed after counting
        self.docs.sort_by_key(|d| d.seq);
        // copies: the same words from the same source as an earlier document (empty ones aside)
        let mut first: HashMap<(&str, u64), usize> = HashMap::new();
        let mut dup = vec![None; self.docs.len()];
        for (i, d) in self.docs.iter().enumerate() {
            if d.n_tokens > 0 {
                dup[i] = Some(
                    *first
                        .entry((d.source.as_str(), d.content_hash))
                        .or_insert(i),
                )
                .filter(|&j| j != i);
            }
        }
        for (d, x) in self.docs.iter_mut().zip(dup) {
            d.duplicate_of = x;
        }
        self.sort_occurrences();
        self.problems.sort();
    }

    /// Hedge and quote rows in input order (document, then position).
    fn sort_occurrences(&mut self) {
        self.hedges.sort_by_key(|h| (h.seq, h.start_char));
        self.quotes.sort_by_key(|q| (q.seq, q.start_byte));
    }

    /// Most frequent surface form for every stem (ties: alphabetically first), by stem id.
    pub fn surfaces(&self) -> Vec<&str> {
        let mut best: Vec<(u64, &str)> = vec![(0, ""); self.stem_strs.len()];
        for (wi, w) in self.word_strs.iter().enumerate() {
            let st = self.words[wi].stem;
            if st == NONE {
                continue;
            }
            let c = self.word_count[wi];
            let b = &mut best[st as usize];
            if c > b.0 || (c == b.0 && (b.1.is_empty() || &**w < b.1)) {
                *b = (c, w);
            }
        }
        best.into_iter().map(|(_, s)| s).collect()
    }

    /// Corpus document frequency of every unigram stem (summed over sources), by stem id
    /// (0 for n-grams).
    pub fn doc_freqs(&self) -> Vec<u64> {
        let mut out = vec![0; self.stem_strs.len()];
        for counts in self.terms.values() {
            for (k, c) in counts.iter() {
                if self.stem_n[k as usize] == 1 {
                    out[k as usize] += c[1];
                }
            }
        }
        out
    }

    /// Stem string and n-gram size of a stem id.
    pub fn stem(&self, id: u32) -> (&str, u8) {
        (&self.stem_strs[id as usize], self.stem_n[id as usize])
    }
}

impl Default for Acc {
    fn default() -> Self {
        Self::new()
    }
}

/// `s` with every run of white space folded to one space and none at the ends (one allocation).
fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A cache from a token as written to its word id, so that a token seen before costs one probe
/// of a flat table with the word stored inline: no lowercasing, no string hashing, no pointer to
/// follow. Tokens longer than [`RawWords::KEY`] bytes, and new tokens once the table is full,
/// take the slow path (normalize, then the vocabulary map); the ids are the same either way.
#[derive(Default)]
struct RawWords {
    slots: Vec<RawSlot>,
    used: usize,
}

#[derive(Clone, Copy, Default)]
struct RawSlot {
    key: [u64; 3],
    /// Key length plus one; 0 marks an empty slot.
    len: u32,
    id: u32,
}

impl RawWords {
    const KEY: usize = 24;
    /// Largest table: 2^20 slots of 32 bytes, 32 MiB per worker.
    const MAX_SLOTS: usize = 1 << 20;

    #[inline]
    fn key(w: &[u8]) -> Option<[u64; 3]> {
        if w.len() > Self::KEY {
            return None;
        }
        let mut b = [0u8; 24];
        b[..w.len()].copy_from_slice(w);
        Some([le_word(&b, 0), le_word(&b, 8), le_word(&b, 16)])
    }

    /// [`RawWords::key`] of `text[start..end]`, read as three words straight from the text and
    /// masked to the token's length when 24 bytes of text follow `start` (nearly always), instead
    /// of a byte copy into a zeroed buffer.
    #[inline]
    fn key_in(text: &[u8], start: usize, end: usize) -> Option<[u64; 3]> {
        let len = end - start;
        if len > Self::KEY {
            return None;
        }
        let Some(b) = text.get(start..start + 24) else {
            return Self::key(&text[start..end]);
        };
        let word = |i: usize| {
            let v = le_word(b, i);
            match len.saturating_sub(i) {
                0 => 0,
                n if n >= 8 => v,
                n => v & ((1u64 << (8 * n)) - 1),
            }
        };
        Some([word(0), word(8), word(16)])
    }

    /// The key's hash; its low bits (under the table's mask) give the first slot to probe.
    #[inline]
    fn hash(k: &[u64; 3], len: usize) -> u32 {
        let h = (k[0].wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ k[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(23)
            ^ k[2].wrapping_mul(0x1656_67B1_9E37_79F9).rotate_left(47)
            ^ len as u64)
            .wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        (h >> 32) as u32
    }

    #[inline]
    fn slot_of(k: &[u64; 3], len: usize, mask: usize) -> usize {
        Self::hash(k, len) as usize & mask
    }

    /// The hash of a token (0 for one too long to cache), with its first slot prefetched.
    #[inline]
    fn hash_and_prefetch(&self, text: &[u8], start: usize, end: usize) -> u32 {
        match Self::key_in(text, start, end) {
            Some(k) if !self.slots.is_empty() => {
                let h = Self::hash(&k, end - start);
                let i = h as usize & (self.slots.len() - 1);
                prefetch(self.slots.as_ptr().wrapping_add(i));
                h
            }
            _ => 0,
        }
    }

    #[cfg(test)]
    fn get(&self, w: &[u8]) -> Option<u32> {
        let h = Self::key(w).map_or(0, |k| Self::hash(&k, w.len()));
        self.get_hashed(w, 0, w.len(), h)
    }

    /// The id of a token whose hash is `h` (from [`RawWords::hash_and_prefetch`]; the table may
    /// have grown since, so the slot is taken under the current mask).
    #[inline]
    fn get_hashed(&self, text: &[u8], start: usize, end: usize, h: u32) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let k = Self::key_in(text, start, end)?;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return None;
            }
            if s.len as usize == end - start + 1 && s.key == k {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, w: &[u8], id: u32) {
        let Some(k) = Self::key(w) else { return };
        if (self.used + 1) * 2 > self.slots.len() {
            if self.slots.len() >= Self::MAX_SLOTS {
                return; // full: later new tokens take the slow path
            }
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![RawSlot::default(); (old.len() * 2).max(1 << 12)];
            self.used = 0;
            for s in old.into_iter().filter(|s| s.len > 0) {
                self.place(s);
            }
        }
        self.place(RawSlot {
            key: k,
            len: w.len() as u32 + 1,
            id,
        });
    }

    fn place(&mut self, s: RawSlot) {
        let mask = self.slots.len() - 1;
        let mut i = Self::slot_of(&s.key, s.len as usize - 1, mask);
        while self.slots[i].len != 0 {
            if self.slots[i].len == s.len && self.slots[i].key == s.key {
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = s;
        self.used += 1;
    }
}

/// The little-endian word at `b[i..i + 8]` (one unaligned load).
#[inline(always)]
fn le_word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Asks the processor to bring the cache line at `p` in, so that a later load finds it there.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 is only a hint: it loads nothing into a register and never faults,
    // whatever the address (`p` may be dangling); SSE is part of the x86_64 baseline.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

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
fn anon_code(w: &str) -> u8 {
    ANON_WORDS
        .iter()
        .position(|x| *x == w)
        .map_or(0, |i| i as u8 + 1)
}

/// Anonymous attributions in a document's words, matched on word codes (a phrase match is a
/// few byte comparisons per token, not a string comparison per phrase).
fn count_anonymous(codes: &[u8]) -> u64 {
    static PHRASES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let phrases = PHRASES.get_or_init(|| {
        ANON_PHRASES
            .iter()
            .map(|p| p.iter().map(|w| anon_code(w)).collect())
            .collect()
    });
    let mut n = 0;
    let mut i = 0;
    while i < codes.len() {
        let first = codes[i];
        if first == 0 {
            i += 1;
            continue;
        }
        let matched = phrases
            .iter()
            .find(|p| p[0] == first && codes[i..].starts_with(p))
            .map_or(0, |p| p.len());
        if matched > 0 {
            n += 1;
            i += matched;
        } else {
            i += 1;
        }
    }
    n
}

/// Left KWIC context: up to `width` characters before `s`, on one line.
pub fn kwic_left(text: &str, body: usize, s: usize, width: usize) -> String {
    let lo = text[body..s]
        .char_indices()
        .rev()
        .nth(width.saturating_sub(1))
        .map(|(i, _)| body + i)
        .unwrap_or(body);
    text[lo..s].replace(['\n', '\r', '\t'], " ")
}

/// Right KWIC context: up to `width` characters after `e`, on one line.
pub fn kwic_right(text: &str, e: usize, width: usize) -> String {
    let hi = text[e..]
        .char_indices()
        .nth(width)
        .map(|(i, _)| e + i)
        .unwrap_or(text.len());
    text[e..hi].replace(['\n', '\r', '\t'], " ")
}

/// Byte → character offset conversion, cheap for ASCII and block-indexed otherwise.
pub struct CharIndex<'a> {
    text: &'a str,
    blocks: Option<Vec<u64>>,
}

impl<'a> CharIndex<'a> {
    const BLOCK: usize = 256;
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Self { text, blocks: None };
        }
        let b = text.as_bytes();
        let mut blocks = Vec::with_capacity(b.len() / Self::BLOCK + 1);
        let mut acc = 0u64;
        for chunk in b.chunks(Self::BLOCK) {
            blocks.push(acc);
            acc += chunk.iter().filter(|&&c| (c as i8) >= -0x40).count() as u64;
        }
        Self {
            text,
            blocks: Some(blocks),
        }
    }
    /// Character offset of byte offset `byte` (which must be a char boundary).
    pub fn char_at(&self, byte: usize) -> u64 {
        match &self.blocks {
            None => byte as u64,
            Some(bl) => {
                let k = byte / Self::BLOCK;
                let start = k * Self::BLOCK;
                let base = bl
                    .get(k)
                    .copied()
                    .unwrap_or_else(|| self.text.chars().count() as u64);
                base + self.text.as_bytes()[start.min(self.text.len())..byte.min(self.text.len())]
                    .iter()
                    .filter(|&&c| (c as i8) >= -0x40)
                    .count() as u64
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_word_cache_finds_what_was_put_and_nothing_else() {
        let mut r = RawWords::default();
        assert_eq!(r.get(b"the"), None);
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            r.insert(w.as_bytes(), i as u32);
        }
        r.insert(b"The", 7);
        r.insert(b"a-very-long-token-of-more-than-24-bytes", 9);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(r.get(w.as_bytes()), Some(i as u32));
        }
        assert_eq!(r.get(b"The"), Some(7));
        assert_eq!(r.get(b"the"), None, "keys are the token as written");
        assert_eq!(r.get(b"The\0"), None, "length is part of the key");
        assert_eq!(r.get(b"a-very-long-token-of-more-than-24-bytes"), None);
    }

    #[test]
    fn key_read_from_the_text_is_the_copied_key() {
        let text = "Ab cdefghijklmnopqrstuvwxyz0123456789 «ÉTÉ» — end".as_bytes();
        for s in 0..text.len() {
            for e in s..text.len().min(s + 27) {
                assert_eq!(
                    RawWords::key_in(text, s, e),
                    RawWords::key(&text[s..e]),
                    "{s}..{e}"
                );
            }
        }
    }

    #[test]
    fn stem_counts_add_up_through_growth() {
        let mut c = StemCounts::default();
        assert!(c.is_empty() && c.get(7).is_none());
        // enough stems to grow the table several times, each added twice
        for round in 0..2u64 {
            for s in 0..1000u32 {
                c.add(s * 7919, s as u64 + round, 1);
            }
        }
        assert_eq!(c.len(), 1000);
        assert_eq!(c.get(5 * 7919), Some([11, 2]));
        assert_eq!(c.get(1), None);
        let total: u64 = c.iter().map(|(_, [n, _])| n).sum();
        assert_eq!(total, 2 * (0..1000u64).sum::<u64>() + 1000);
    }

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

    #[test]
    fn char_index_matches_chars() {
        let t = "a“b”c".repeat(200) + "é";
        let ci = CharIndex::new(&t);
        for (ch, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ci.char_at(b), ch as u64);
        }
        assert_eq!(ci.char_at(t.len()), t.chars().count() as u64);
    }

    #[test]
    fn kwic_contexts() {
        let t = "one two\nthree four";
        assert_eq!(kwic_left(t, 0, 8, 5), " two ");
        assert_eq!(kwic_right(t, 7, 3), " th");
    }
}
