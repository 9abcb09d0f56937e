//! Counting: each document is tokenized once, its hedges and quotes found, and its term counts
//! added to per-source counts. Workers keep their own [`Acc`] and are merged at the end, so the
//! result is the same whatever the number of threads; nothing is kept per token.

mod anonymous;
pub mod boilerplate;
pub mod collocations;
mod profile;
mod rows;
pub mod speakers;
mod state;
mod stem_counts;
mod word_cache;

pub use profile::{
    census_shingles, line_breaks, profile, profile_with_quotes, Profile, SharedShingles,
    ShingleCensus,
};
pub use rows::{DocRow, FurnitureRow, HedgeRow, QuoteRow};
pub use state::{AccState, SummableRows, SurfaceRow, TermRow};
pub use stem_counts::{StemCounts, TermCounts};

use crate::io::read::{Document, Problem};
use crate::text::furniture::FurnitureLine;
use crate::text::hash::{sequence_hash, word_hash};
use crate::text::hedges::{ends_ing, opens_clause, Hit, Lexicon, MatchToken};
use crate::text::kind;
use crate::text::numbers::number_key;
use crate::text::offsets::{kwic_left, kwic_right, CharIndex};
use crate::text::quotes::{self, Cues, Kind, Quote, SpeakerType, Stance};
use crate::text::tokenize::{normalize_into, Normalizer, Tokenized};
use ahash::AHashMap as HashMap;
use anonymous::{anon_code, count_anonymous};
use word_cache::{prefetch, RawWords};

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
    /// Collocations: pairs of terms up to this many terms apart are counted (0: none).
    pub collocation_window: usize,
    /// Page furniture stays in the text (`--keep-furniture`); else it is blanked before counting.
    pub keep_furniture: bool,
    /// The language of this context under `--language auto` (recorded in each document's row);
    /// none in a run of one language.
    pub language: Option<&'static str>,
}

impl Context {
    /// English with the built-in lexicon and cues, bigrams, collocations 3 apart (unit tests).
    #[cfg(test)]
    pub(crate) fn english() -> Context {
        use crate::text::tokenize::NormalizerOptions;
        Context {
            normalizer: Normalizer::new(&NormalizerOptions::default()).unwrap(),
            lexicon: crate::load_lexicon(None, false).unwrap(),
            cues: Cues::builtin(),
            ngrams: 2,
            kwic_width: 40,
            collocation_window: 3,
            keep_furniture: false,
            language: None,
        }
    }

    /// The direct quotations of a document tokenized as `tk` by this context, by the rules of its
    /// language (what counting reports as direct quotes; English's indirect speech left out).
    pub fn direct_quotes(&self, text: &str, body: usize, tk: &Tokenized) -> Vec<Quote> {
        match self.normalizer.pack() {
            Some(p) => quotes::find_quotes_lang(text, body, tk, &self.cues, p),
            None => quotes::find_quotes(text, body, tk, &self.cues),
        }
    }

    /// The quotations of a document tokenized as `tk` and its reported speech, as counting
    /// counts them: indirect speech has English rules only, so other languages report direct
    /// quotations and no reported speech.
    fn quotes_and_reported(
        &self,
        text: &str,
        body: usize,
        tk: &Tokenized,
    ) -> (Vec<Quote>, Vec<Quote>) {
        match self.normalizer.pack() {
            Some(p) => (
                quotes::find_quotes_lang(text, body, tk, &self.cues, p),
                Vec::new(),
            ),
            None => quotes::find_quotes_and_indirect(text, body, tk, &self.cues),
        }
    }
}

/// The counting contexts of a run, by language: what a stage after counting reads a document
/// again with (its tokenizer, quote rules, cues and lexicon), so that a word, a quotation or a
/// hedge found later is the one counting found.
#[derive(Clone, Copy)]
pub struct Contexts<'a> {
    /// The run's context (English's under `--language auto`).
    pub one: &'a Context,
    /// `--language auto`: one context per language told apart; empty otherwise.
    pub by_language: &'a [Context],
}

impl<'a> Contexts<'a> {
    /// The context a document was counted in, by its row's `language` (none in a run of one
    /// language, or a language no context has: the run's own).
    pub fn of(&self, language: Option<&str>) -> &'a Context {
        language
            .and_then(|l| self.by_language.iter().find(|c| c.language == Some(l)))
            .unwrap_or(self.one)
    }

    /// The context of the text `text` (an article body) as counting chose it: its detected
    /// language's under `--language auto`, else the run's.
    pub fn for_text(&self, text: &str) -> (usize, &'a Context) {
        if self.by_language.is_empty() {
            return (0, self.one);
        }
        let code = crate::text::language::detect::detect(text, "en");
        let i = self
            .by_language
            .iter()
            .position(|c| c.language == Some(code))
            .unwrap_or(0);
        (i, &self.by_language[i])
    }
}

/// What counting needs of a word for each of its tokens, in one record: a token costs one memory
/// access here besides the token cache (these were four arrays, four cache misses for a rare word).
#[derive(Clone, Copy)]
struct WordInfo {
    /// [`crate::text::hash::word_hash`] of the word (0 for n-gram surfaces, which are not tokens).
    hash: u64,
    /// Stem id, or [`NONE`] for a word that is not a term.
    stem: u32,
    /// Lexicon id (see [`crate::text::hedges::Lexicon::lex_id`]).
    lex: u32,
    /// Tokens of the word in the document being counted (0 between documents).
    seen: u32,
    /// The word ends in -ing (a class of the hedge rules).
    ing: bool,
    /// Code of the word in [`ANON_WORDS`] plus one (0: in no anonymous-attribution phrase).
    anon: u8,
}

impl WordInfo {
    /// The record of a word: what follows from the word itself, its stem and its lexicon id.
    fn of_word(w: &str, stem: u32, lex: u32) -> Self {
        WordInfo {
            hash: word_hash(w),
            stem,
            lex,
            seen: 0,
            ing: ends_ing(w),
            anon: anon_code(w),
        }
    }

    /// The record of a word from another worker, its stem id mapped to ours by `stem_map`.
    fn mapped(self, stem_map: &[u32]) -> Self {
        let stem = match self.stem {
            NONE => NONE,
            s => stem_map[s as usize],
        };
        WordInfo { stem, ..self }
    }

    /// The record of an n-gram surface, which is no token.
    fn of_ngram(stem: u32) -> Self {
        WordInfo {
            hash: 0,
            stem,
            lex: NONE,
            seen: 0,
            ing: false,
            anon: 0,
        }
    }
}

/// Counts kept by one worker.
#[derive(Default)]
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
    /// Direct quotations per source and speaker.
    pub speakers: speakers::Speakers,
    /// Word pairs per source (when collocations are asked for).
    pub collocations: HashMap<String, collocations::SourcePairs>,
    /// Boilerplate lines left out of the counts: key → (text, times left out).
    pub boilerplate: HashMap<u64, (String, u64)>,
    /// Page furniture left out of the documents (see [`crate::text::furniture`]).
    pub furniture: Vec<FurnitureRow>,
    touched: Vec<u32>,
    /// Per token of the document being counted: its hash in the token cache (a reused buffer).
    slot_hash: Vec<u32>,
    raw: RawWords,
}

const NONE: u32 = u32::MAX;

/// Top terms kept per document (story labels).
const TOP_TERMS: usize = 8;

/// Content terms kept per document for grouping stories by content.
const PROFILE_TERMS: usize = 120;

impl Acc {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
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
        let stem = self.term_stem(w, ctx);
        self.push_word(w.into(), WordInfo::of_word(w, stem, ctx.lexicon.lex_id(w)))
    }

    /// The stem id of a normalized word that is a term, else [`NONE`].
    fn term_stem(&mut self, w: &str, ctx: &Context) -> u32 {
        if !ctx.normalizer.is_term(w) {
            return NONE;
        }
        let s = ctx.normalizer.stem(w);
        self.stem_id(&s, 1)
    }

    fn ngram_word_id(&mut self, surface: &str, stem: u32) -> u32 {
        if let Some(&id) = self.vocab.get(surface) {
            return id;
        }
        self.push_word(surface.into(), WordInfo::of_ngram(stem))
    }

    /// Adds a word not in the vocabulary with its record (counted 0 times); returns its id.
    fn push_word(&mut self, w: Box<str>, info: WordInfo) -> u32 {
        let id = self.words.len() as u32;
        self.vocab.insert(w.clone(), id);
        self.words.push(info);
        self.word_count.push(0);
        self.word_strs.push(w);
        id
    }

    /// Counts one document: its words and terms, then its quotes and hedges, then what story
    /// grouping needs of it.
    pub fn add(&mut self, mut doc: Document, ctx: &Context) {
        let furniture = take_furniture(&mut doc, ctx);
        let tk = ctx.normalizer.tokenize_at(&doc.text, doc.body);
        let text = doc.text.as_str();
        let wids = self.word_ids(text, &tk, ctx);
        let toks = self.token_records(text, &tk, &wids);
        let group = count_group(&doc);
        let seen = self.count_terms(group, &tk, &wids, ctx);
        let terms = self.add_source_terms(group, seen.stems);
        // Quotes, then hedges (which need to know whether they fall inside a quote).
        let (qs, reported) = ctx.quotes_and_reported(text, doc.body, &tk);
        let mut hits: Vec<Hit> = Vec::new();
        ctx.lexicon.find(&toks.matches, &mut hits);
        let chars = CharIndex::new(text);
        let at = Counted {
            doc: &doc,
            tk: &tk,
            chars: &chars,
            ctx,
        };
        let mut row = at.new_row(group, seen.n_types, seen.n_terms);
        self.add_hedges(&at, &hits, &qs, &reported, &mut row);
        let quote_ranges = token_ranges(&tk, &qs);
        self.add_quotes(&at, group, qs, &quote_ranges, reported, &mut row);
        row.furniture_lines = furniture.len() as u64;
        self.add_furniture(&doc, furniture);
        row.anonymous_attributions = count_anonymous(&toks.anon);
        row.content_hash = sequence_hash(&toks.hashes);
        row.profile = at.profile(&toks.hashes, &quote_ranges);
        // the 8 most frequent stems, for labels; the PROFILE_TERMS most frequent, by stem id,
        // for grouping by content
        row.terms = terms.all;
        self.set_top_terms(&mut row, terms.content);
        self.set_story_keys(&mut row, toks.names, &at);
        self.docs.push(row);
    }

    /// Takes the counts of the words of a document (see [`Self::take_seen_counts`]), adds its
    /// n-grams to them and counts its word pairs for collocations, as `ctx` asks.
    #[inline]
    fn count_terms(
        &mut self,
        group: &str,
        tk: &Tokenized,
        wids: &[u32],
        ctx: &Context,
    ) -> SeenCounts {
        let mut seen = self.take_seen_counts();
        if ctx.ngrams > 1 {
            self.add_ngrams(tk, wids, ctx, &mut seen.stems);
        }
        if ctx.collocation_window > 0 {
            self.add_pairs(group, tk, wids, ctx.collocation_window);
        }
        seen
    }

    /// Notes the page furniture lines left out of a document.
    fn add_furniture(&mut self, doc: &Document, furniture: Vec<FurnitureLine>) {
        self.furniture
            .extend(furniture.into_iter().map(|line| FurnitureRow {
                seq: doc.seq,
                doc_id: doc.doc_id.clone(),
                line,
            }));
    }

    /// What story grouping reads of a document besides its terms and shingles: the names in it,
    /// its title's stems, whether it is opinion, and its facts.
    fn set_story_keys(&mut self, row: &mut DocRow, names: Vec<u32>, at: &Counted) {
        let doc = at.doc;
        row.profile.names = self.names(names);
        row.profile.title = self.title_stems(&doc.title, at.ctx);
        row.profile.opinion = kind::is_opinion(&doc.source, &doc.title, &doc.url);
        row.profile.facts = crate::text::facts::facts(&doc.text, &at.tk.tokens);
    }

    /// The word id of every token. Two passes, so that the two look-ups of a token that miss the
    /// cache are requested well before they are needed: a rare word's slot and record are far
    /// apart in memory. 1. hash every token and prefetch its slot in the token cache; 2. word ids
    /// (the slow path for tokens not cached), prefetching each word's record.
    #[inline]
    fn word_ids(&mut self, text: &str, tk: &Tokenized, ctx: &Context) -> Vec<u32> {
        let mut wids = Vec::with_capacity(tk.tokens.len());
        let mut buf = String::new();
        let mut slot_hash = std::mem::take(&mut self.slot_hash);
        self.hash_tokens(text, tk, &mut slot_hash);
        for (t, &h) in tk.tokens.iter().zip(&slot_hash) {
            let (start, end) = (t.start as usize, t.end as usize);
            let id = match self.raw.get_hashed(text.as_bytes(), start, end, h) {
                Some(id) => id,
                None => self.cache_word(&text[start..end], &mut buf, ctx),
            };
            wids.push(id);
            prefetch(self.words.as_ptr().wrapping_add(id as usize));
        }
        self.slot_hash = slot_hash;
        wids
    }

    /// Pass 1 of [`Self::word_ids`]: the token-cache hash of every token into `slot_hash`, its
    /// slot prefetched.
    #[inline]
    fn hash_tokens(&self, text: &str, tk: &Tokenized, slot_hash: &mut Vec<u32>) {
        slot_hash.clear();
        slot_hash.extend(tk.tokens.iter().map(|t| {
            self.raw
                .hash_and_prefetch(text.as_bytes(), t.start as usize, t.end as usize)
        }));
    }

    /// The slow path of a token not in the token cache: its word id (normalized into `buf`),
    /// now cached.
    #[inline(never)]
    fn cache_word(&mut self, w: &str, buf: &mut String, ctx: &Context) -> u32 {
        normalize_into(w, buf);
        let id = self.word_id(buf, ctx);
        self.raw.insert(w.as_bytes(), id);
        id
    }

    /// The third pass: per token, its word's record (noting the words seen in this document).
    #[inline]
    fn token_records(&mut self, text: &str, tk: &Tokenized, wids: &[u32]) -> TokenRecords {
        let mut out = TokenRecords::with_capacity(tk.tokens.len());
        self.touched.clear();
        let mut prev_sentence = u32::MAX;
        let mut prev_end = 0usize;
        for (t, &id) in tk.tokens.iter().zip(wids) {
            let info = self.see_word(id);
            out.hashes.push(info.hash);
            out.anon.push(info.anon);
            let ss = t.sentence != prev_sentence;
            prev_sentence = t.sentence;
            let gap = &text.as_bytes()[prev_end.min(t.start as usize)..t.start as usize];
            prev_end = t.end as usize;
            let capitalized = starts_upper(&text[t.start as usize..t.end as usize]);
            if capitalized && !ss && info.stem != NONE {
                out.names.push(info.stem);
            }
            out.matches.push(MatchToken {
                lex: info.lex,
                number: t.is_number,
                capitalized,
                sentence_start: ss,
                clause_start: ss || opens_clause(gap),
                ing: info.ing,
            });
        }
        out
    }

    /// The record of word `id`, seen once more in this document (noted as touched the first time).
    #[inline]
    fn see_word(&mut self, id: u32) -> WordInfo {
        let info = &mut self.words[id as usize];
        if info.seen == 0 {
            self.touched.push(id);
        }
        info.seen += 1;
        *info
    }

    /// Takes the counts of the words seen in this document (clearing them for the next): the
    /// surface counts are added to the corpus', the term counts returned per stem.
    #[inline]
    fn take_seen_counts(&mut self) -> SeenCounts {
        let mut out = SeenCounts {
            n_types: self.touched.len() as u64,
            n_terms: 0,
            stems: Vec::with_capacity(self.touched.len()),
        };
        for &id in &self.touched {
            let info = &mut self.words[id as usize];
            let (c, stem) = (info.seen, info.stem);
            info.seen = 0;
            if stem != NONE {
                self.word_count[id as usize] += c as u64;
                out.n_terms += c as u64;
                out.stems.push((stem, c));
            }
        }
        out
    }

    /// Adds a document's term counts (stem, count; a stem may come more than once) to its
    /// group's, each stem counted once towards document frequency. Returns the document's terms
    /// by stem id, and those that can head a story.
    #[inline]
    fn add_source_terms(&mut self, group: &str, mut stem_counts: Vec<(u32, u32)>) -> DocTerms {
        stem_counts.sort_unstable_by_key(|x| x.0);
        let mut out = DocTerms {
            all: Vec::with_capacity(stem_counts.len()),
            content: Vec::with_capacity(stem_counts.len()),
        };
        let src = entry_of(&mut self.terms, group);
        for &(s, _) in &stem_counts {
            src.prefetch(s);
        }
        for run in stem_counts.chunk_by(|a, b| a.0 == b.0) {
            let s = run[0].0;
            let c: u64 = run.iter().map(|x| x.1 as u64).sum();
            src.add(s, c, 1);
            let c = c.min(u32::MAX as u64) as u32;
            out.all.push((s, c));
            if self.stem_top[s as usize] {
                out.content.push((s, c));
            }
        }
        out
    }

    /// Adds a document's hedge rows and tallies its hedges in `row`.
    fn add_hedges(
        &mut self,
        at: &Counted,
        hits: &[Hit],
        qs: &[Quote],
        reported: &[Quote],
        row: &mut DocRow,
    ) {
        let mut last_hedged_sentence = u32::MAX;
        for h in hits {
            let sentence = at.tk.tokens[h.first].sentence;
            let (s, e) = at.span_of(h);
            let in_quote = inside_quote(qs, s, e);
            let tally = HedgeTally {
                entry: h.entry,
                sentence,
                in_quote,
            };
            tally.add_to(row, &at.ctx.lexicon, &mut last_hedged_sentence);
            let mut hr = at.hedge_row(h, sentence, in_quote);
            // inside reported speech (not in marks): the speaker's voice, as the outlet reports it
            hr.reported = !in_quote && reported.iter().any(|q| q.start <= s && e <= q.end);
            self.hedges.push(hr);
        }
    }

    /// Adds a document's quote rows and its speakers, and tallies its quotes in `row`.
    /// `ranges` are the token ranges of the quotes.
    fn add_quotes(
        &mut self,
        at: &Counted,
        group: &str,
        qs: Vec<Quote>,
        ranges: &[(usize, usize)],
        reported: Vec<Quote>,
        row: &mut DocRow,
    ) {
        let reported_ranges = token_ranges(at.tk, &reported);
        let held = held_quotes(&qs, &reported);
        let all = qs
            .into_iter()
            .zip(ranges.iter().copied())
            .zip(held)
            .map(|((q, r), h)| (q, r, h));
        let reported = reported
            .into_iter()
            .zip(reported_ranges)
            .map(|(q, r)| (q, r, false));
        let mut quoted: Vec<speakers::Quoted> = Vec::new();
        for (q, (a, b), held) in all.chain(reported) {
            let n_tokens = (b - a) as u64;
            if held {
                row.held_quotes += 1;
            } else {
                quoted.extend(quoted_speaker(&q, n_tokens));
                tally_quote(row, &q, n_tokens);
            }
            self.quotes.push(at.quote_row(q, n_tokens));
        }
        speakers::add_document(&mut self.speakers, group, at.doc.seq, &quoted);
    }

    /// The stems written capitalized inside a sentence that can head a story, sorted and unique
    /// (names, weighted up in story grouping).
    fn names(&self, mut names: Vec<u32>) -> Vec<u32> {
        names.sort_unstable();
        names.dedup();
        names.retain(|&s| self.stem_top[s as usize]);
        names.shrink_to_fit();
        names
    }

    /// A document's most frequent content stems, for labels and for story grouping, from its
    /// `content` (the stems of `row.terms` that can head a story, with their counts).
    fn set_top_terms(&self, row: &mut DocRow, content: Vec<(u32, u32)>) {
        row.top_terms = self.most_frequent(content.clone(), TOP_TERMS);
        let mut terms = self.most_frequent(content, PROFILE_TERMS);
        terms.sort_unstable_by_key(|t| t.0);
        row.profile.terms = terms
            .into_iter()
            .map(|(s, c)| (s, c.min(u16::MAX as u32) as u16))
            .collect();
    }

    /// Rebuilds what [`Self::set_top_terms`] derives from a document's term counts, for
    /// documents read back from a part (which does not carry it).
    pub(crate) fn rebuild_top_terms(&self, row: &mut DocRow) {
        let content: Vec<(u32, u32)> = row
            .terms
            .iter()
            .copied()
            .filter(|&(s, _)| self.stem_top[s as usize])
            .collect();
        self.set_top_terms(row, content);
    }

    /// The `k` most frequent of a document's stems, most frequent first (ties: alphabetically
    /// first): a total order, so selecting the first `k` and sorting only them gives the same
    /// list as sorting all, whatever the worker's stem ids.
    fn most_frequent(&self, mut top: Vec<(u32, u32)>, k: usize) -> Vec<(u32, u32)> {
        let order = |a: &(u32, u32), b: &(u32, u32)| self.most_first(a, b);
        if top.len() > k {
            keep_top_counts(&mut top, k);
            if top.len() > k {
                top.select_nth_unstable_by(k - 1, order);
                top.truncate(k);
            }
        }
        top.sort_unstable_by(order);
        top.shrink_to_fit(); // kept for every document: exactly sized
        top
    }

    /// Stems (stem id, count) most frequent first, then alphabetically.
    fn most_first(&self, a: &(u32, u32), b: &(u32, u32)) -> std::cmp::Ordering {
        b.1.cmp(&a.1)
            .then_with(|| self.stem_strs[a.0 as usize].cmp(&self.stem_strs[b.0 as usize]))
    }

    /// The content stems of a title, sorted and unique (the title is metadata, not counted).
    fn title_stems(&mut self, title: &str, ctx: &Context) -> Vec<u32> {
        if title.is_empty() {
            return Vec::new();
        }
        let tk = crate::text::tokenize::tokenize(title);
        let mut buf = String::new();
        let mut out: Vec<u32> = Vec::new();
        for t in &tk.tokens {
            normalize_into(&title[t.start as usize..t.end as usize], &mut buf);
            out.extend(self.top_stem(&buf, ctx));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The stem of a normalized word when it can head a story.
    fn top_stem(&mut self, w: &str, ctx: &Context) -> Option<u32> {
        let id = self.word_id(w, ctx);
        let stem = self.words[id as usize].stem;
        (stem != NONE && self.stem_top[stem as usize]).then_some(stem)
    }

    /// Counts the word pairs of a document's sentences (terms only, in order) for collocations.
    fn add_pairs(&mut self, source: &str, tk: &Tokenized, wids: &[u32], window: usize) {
        let sp = entry_of(&mut self.collocations, source);
        let mut run: Vec<u32> = Vec::new();
        let mut sent = u32::MAX;
        for (t, &w) in tk.tokens.iter().zip(wids) {
            if t.sentence != sent {
                sp.add_sentence(&run, window);
                run.clear();
                sent = t.sentence;
            }
            if self.words[w as usize].stem != NONE && !t.is_number {
                run.push(w);
            }
        }
        sp.add_sentence(&run, window);
    }

    /// The stem id of a normalized word counted as a term (none for a word never seen, or not a
    /// term): what the report's explorer looks its concordance words up by, without stemming.
    pub fn term_of_word(&self, w: &str) -> Option<u32> {
        let id = *self.vocab.get(w)?;
        let stem = self.words[id as usize].stem;
        (stem != NONE).then_some(stem)
    }

    /// The word (lowercased as written) of a word id.
    pub fn word(&self, id: u32) -> &str {
        &self.word_strs[id as usize]
    }

    /// Counts the n-grams (2 to `ctx.ngrams` terms in a row within a sentence) of a document,
    /// adding (stem id, count) pairs to `out`.
    fn add_ngrams(
        &mut self,
        tk: &Tokenized,
        wids: &[u32],
        ctx: &Context,
        out: &mut Vec<(u32, u32)>,
    ) {
        let mut g = Ngrams::default();
        let mut sent = u32::MAX;
        for (i, t) in tk.tokens.iter().enumerate() {
            if t.sentence != sent {
                self.count_run(&mut g, wids, ctx.ngrams);
                sent = t.sentence;
            }
            if self.words[wids[i] as usize].stem != NONE {
                g.run.push(i);
            }
        }
        self.count_run(&mut g, wids, ctx.ngrams);
        out.extend(g.counts);
    }

    /// Counts the n-grams of a run of terms (`g.run`, token indices) and clears it.
    fn count_run(&mut self, g: &mut Ngrams, wids: &[u32], max_n: usize) {
        for n in 2..=max_n.min(g.run.len()) {
            for w in g.run.windows(n) {
                self.join_ngram(w, wids, &mut g.key, &mut g.surf);
                let sid = self.stem_id(&g.key, n as u8);
                let wid = self.ngram_word_id(&g.surf, sid);
                self.word_count[wid as usize] += 1;
                *g.counts.entry(sid).or_insert(0) += 1;
            }
        }
        g.run.clear();
    }

    /// Writes the stems (`key`) and the words as written (`surf`) of the n-gram of the tokens
    /// `window`, joined by spaces.
    fn join_ngram(&self, window: &[usize], wids: &[u32], key: &mut String, surf: &mut String) {
        key.clear();
        surf.clear();
        for (k, &ti) in window.iter().enumerate() {
            if k > 0 {
                key.push(' ');
                surf.push(' ');
            }
            let wid = wids[ti] as usize;
            key.push_str(&self.stem_strs[self.words[wid].stem as usize]);
            surf.push_str(&self.word_strs[wid]);
        }
    }

    /// Takes the hedge and quote rows gathered so far, sorted into input order (the counting
    /// stage hands them on after every batch, so rows never pile up in a worker).
    pub fn take_occurrences(&mut self) -> (Vec<HedgeRow>, Vec<QuoteRow>) {
        self.sort_occurrences();
        (
            std::mem::take(&mut self.hedges),
            std::mem::take(&mut self.quotes),
        )
    }

    /// Notes the boilerplate lines left out of a document (key and text, from
    /// [`crate::text::boilerplate::blank_lines`]).
    pub fn left_out(&mut self, lines: Vec<(u64, String)>) {
        for (k, text) in lines {
            self.boilerplate.entry(k).or_insert((text, 0)).1 += 1;
        }
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
        let word_map = self.merge_words(&other, &stem_map);
        for (src, pairs) in other.collocations {
            self.collocations
                .entry(src)
                .or_default()
                .merge(pairs, &word_map);
        }
        self.merge_terms(other.terms, &stem_map);
        let mut docs = other.docs;
        for d in &mut docs {
            remap_stems(d, &stem_map);
        }
        self.docs.extend(docs);
        self.hedges.extend(other.hedges);
        self.quotes.extend(other.quotes);
        self.problems.extend(other.problems);
        self.furniture.extend(other.furniture);
        for (k, (text, n)) in other.boilerplate {
            self.boilerplate.entry(k).or_insert((text, 0)).1 += n;
        }
        speakers::merge(&mut self.speakers, other.speakers);
    }

    /// Adds another worker's term counts per source (its stems mapped to ours by `stem_map`).
    fn merge_terms(&mut self, terms: HashMap<String, TermCounts>, stem_map: &[u32]) {
        for (src, counts) in terms {
            let mine = self.terms.entry(src).or_default();
            for (s, [c, d]) in counts.iter() {
                mine.add(stem_map[s as usize], c, d);
            }
        }
    }

    /// Adds another worker's words and their counts (its stems already mapped to ours by
    /// `stem_map`); returns our id of each of its word ids.
    fn merge_words(&mut self, other: &Acc, stem_map: &[u32]) -> Vec<u32> {
        let mut word_map: Vec<u32> = Vec::with_capacity(other.word_strs.len());
        for (wi, w) in other.word_strs.iter().enumerate() {
            let id = match self.vocab.get(&**w) {
                Some(&id) => id,
                None => self.push_word(w.clone(), other.words[wi].mapped(stem_map)),
            };
            self.word_count[id as usize] += other.word_count[wi];
            word_map.push(id);
        }
        word_map
    }

    /// Sorts rows into input order so output does not depend on scheduling.
    pub fn finish(&mut self) {
        self.raw = RawWords::default(); // a counting cache, not needed after counting
        self.docs.sort_by_key(|d| d.seq);
        self.furniture.sort_by_key(|f| (f.seq, f.line.line));
        // Stem ids depend on which worker met a stem first; the story stage breaks ties and
        // sums in id order, so profiles get ids that are the same in every run: stem ranks.
        let rank = self.stem_ranks();
        for d in &mut self.docs {
            d.profile.remap(&rank);
        }
        mark_duplicates(&mut self.docs);
        self.sort_occurrences();
        self.problems.sort();
    }

    /// The alphabetical rank of every stem, by stem id.
    pub(crate) fn stem_ranks(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.stem_strs.len() as u32).collect();
        order
            .sort_unstable_by(|&a, &b| self.stem_strs[a as usize].cmp(&self.stem_strs[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
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
        for (k, c) in self.terms.values().flat_map(|counts| counts.iter()) {
            if self.stem_n[k as usize] == 1 {
                out[k as usize] += c[1];
            }
        }
        out
    }

    /// Stem string and n-gram size of a stem id.
    pub fn stem(&self, id: u32) -> (&str, u8) {
        (&self.stem_strs[id as usize], self.stem_n[id as usize])
    }

    /// Tokens counted as surface forms of single-word terms (n-gram surfaces aside): the sum of
    /// the documents' term tokens, whatever the sharding.
    pub fn unigram_surface_count(&self) -> u64 {
        self.words
            .iter()
            .zip(&self.word_count)
            .filter(|(w, _)| w.stem != NONE && self.stem_n[w.stem as usize] == 1)
            .map(|(_, c)| c)
            .sum()
    }

    /// Number of distinct terms (stems and n-grams): stem ids run from 0 to this.
    pub fn n_stems(&self) -> usize {
        self.stem_strs.len()
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

/// Keeps the stems (stem id, count) whose count is at least the `k`-th highest (`top` holds more
/// than `k`). Found on counts alone: most stems of a document share the lowest counts, and
/// comparing their strings was most of the selection's cost.
fn keep_top_counts(top: &mut Vec<(u32, u32)>, k: usize) {
    let (_, kth, _) = top.select_nth_unstable_by(k - 1, |a, b| b.1.cmp(&a.1));
    let least = kth.1;
    top.retain(|x| x.1 >= least);
}

/// Maps the stem ids of a document row from another worker's to ours (`stem_map`).
fn remap_stems(d: &mut DocRow, stem_map: &[u32]) {
    for t in d.top_terms.iter_mut().chain(d.terms.iter_mut()) {
        t.0 = stem_map[t.0 as usize];
    }
    d.profile.remap(stem_map);
}

/// Sets the document each one copies, if any (documents in input order).
fn mark_duplicates(docs: &mut [DocRow]) {
    let dup = duplicates(docs);
    for (d, x) in docs.iter_mut().zip(dup) {
        d.duplicate_of = x;
    }
}

/// The earlier document each one copies (documents in input order): the same words from the
/// same source (empty ones aside).
fn duplicates(docs: &[DocRow]) -> Vec<Option<usize>> {
    let mut first: HashMap<(&str, u64), usize> = HashMap::new();
    let mut dup = vec![None; docs.len()];
    for (i, d) in docs.iter().enumerate() {
        if d.n_tokens > 0 {
            dup[i] = Some(
                *first
                    .entry((d.source.as_str(), d.content_hash))
                    .or_insert(i),
            )
            .filter(|&j| j != i);
        }
    }
    dup
}

/// The n-grams of a document being counted, with reused buffers.
#[derive(Default)]
struct Ngrams {
    /// Stems of an n-gram joined by spaces.
    key: String,
    /// Its words as written.
    surf: String,
    /// Token indices of the terms of the current sentence.
    run: Vec<usize>,
    /// Count per n-gram stem id.
    counts: HashMap<u32, u32>,
}

/// What counting keeps of a document's tokens besides their word ids, one entry per token.
struct TokenRecords {
    /// What the hedge matcher reads of each token.
    matches: Vec<MatchToken>,
    /// Word hash of each token (content hash and shingles).
    hashes: Vec<u64>,
    /// Anonymous-attribution word code of each token.
    anon: Vec<u8>,
    /// Stems written capitalized inside a sentence (repeated, unsorted).
    names: Vec<u32>,
}

impl TokenRecords {
    /// Empty records for a document of `n` tokens.
    fn with_capacity(n: usize) -> Self {
        TokenRecords {
            matches: Vec::with_capacity(n),
            hashes: Vec::with_capacity(n),
            anon: Vec::with_capacity(n),
            names: Vec::new(),
        }
    }
}

/// The counts of the words a document holds, taken from the word records.
struct SeenCounts {
    /// Distinct words.
    n_types: u64,
    /// Tokens that are terms.
    n_terms: u64,
    /// Term tokens per stem (stem id, count), a stem once per surface form.
    stems: Vec<(u32, u32)>,
}

/// A document's terms (stem id, count), sorted by stem id.
struct DocTerms {
    /// Every term: the document's row of the document-term matrix.
    all: Vec<(u32, u32)>,
    /// The terms that can head a story (single words of 3+ characters).
    content: Vec<(u32, u32)>,
}

/// A document being counted, with what its rows are made from.
struct Counted<'a> {
    doc: &'a Document,
    tk: &'a Tokenized,
    chars: &'a CharIndex<'a>,
    ctx: &'a Context,
}

impl Counted<'_> {
    /// The document's row before its hedges and quotes are tallied.
    fn new_row(&self, group: &str, n_types: u64, n_terms: u64) -> DocRow {
        let doc = self.doc;
        DocRow {
            seq: doc.seq,
            doc_id: doc.doc_id.clone(),
            source: doc.source.clone(),
            group: group.to_string(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            url: doc.url.clone(),
            author: doc.author.clone(),
            story: doc.story.clone(),
            origin: doc.origin.clone(),
            language: self.ctx.language.map(str::to_string),
            n_chars: self.chars.char_at(doc.text.len()) - self.chars.char_at(doc.body),
            n_tokens: self.tk.tokens.len() as u64,
            n_types,
            n_sentences: self.tk.sentences.len() as u64,
            n_terms,
            hedges_by_category: vec![0; self.ctx.lexicon.categories.len()],
            ..Default::default()
        }
    }

    /// Byte span of a hedge match: from its first token's start to its last token's end.
    fn span_of(&self, h: &Hit) -> (usize, usize) {
        let t0 = self.tk.tokens[h.first];
        let t1 = self.tk.tokens[h.last - 1];
        (t0.start as usize, t1.end as usize)
    }

    /// The row of a hedge match (`sentence`: zero-based sentence of its first token).
    fn hedge_row(&self, h: &Hit, sentence: u32, in_quote: bool) -> HedgeRow {
        let (doc, text, lexicon) = (self.doc, self.doc.text.as_str(), &self.ctx.lexicon);
        let (s, e) = self.span_of(h);
        HedgeRow {
            seq: doc.seq,
            doc_id: doc.doc_id.clone(),
            source: doc.source.clone(),
            sentence: sentence + 1,
            start_char: self.chars.char_at(s),
            end_char: self.chars.char_at(e),
            matched: text[s..e].to_string(),
            entry: lexicon.entries[h.entry].pattern.clone(),
            category: lexicon.category_of(h.entry).to_string(),
            in_quote,
            reported: false,
            left: kwic_left(text, doc.body, s, self.ctx.kwic_width),
            right: kwic_right(text, e, self.ctx.kwic_width),
        }
    }

    /// The document's profile from its word hashes (`hashes`, one per token) and its quotations'
    /// token ranges; terms, names, title and facts are set later.
    fn profile(&self, hashes: &[u64], quote_ranges: &[(usize, usize)]) -> Profile {
        let text = self.doc.text.as_str();
        let breaks = profile::line_breaks(text, &self.tk.tokens);
        profile_with_quotes(hashes, &breaks, number_keys(self.tk, text), quote_ranges)
    }

    /// The row of a quotation holding `n_tokens` tokens.
    fn quote_row(&self, q: Quote, n_tokens: u64) -> QuoteRow {
        let doc = self.doc;
        QuoteRow {
            seq: doc.seq,
            doc_id: doc.doc_id.clone(),
            source: doc.source.clone(),
            start_char: self.chars.char_at(q.start),
            end_char: self.chars.char_at(q.end),
            start_byte: q.start as u64,
            end_byte: q.end as u64,
            n_tokens,
            text: fold_whitespace(&doc.text[q.start..q.end]),
            quote: q,
        }
    }
}

/// The value of `key` in `map`, inserted empty when missing (the key is copied only then).
fn entry_of<'m, V: Default>(map: &'m mut HashMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// Blanks a document's page furniture (unless `ctx` keeps it) and returns the lines blanked.
fn take_furniture(doc: &mut Document, ctx: &Context) -> Vec<FurnitureLine> {
    if ctx.keep_furniture {
        Vec::new()
    } else {
        crate::text::furniture::blank_furniture(&mut doc.text, doc.body)
    }
}

/// What the per-source tables are keyed by: the source, or its `--group-by` group.
fn count_group(doc: &Document) -> &str {
    if doc.group.is_empty() {
        &doc.source
    } else {
        &doc.group
    }
}

/// Whether the byte span `s..e` lies inside one of `qs`: quotes are sorted and never overlap, so
/// the candidate is the last one starting at or before `s`.
fn inside_quote(qs: &[Quote], s: usize, e: usize) -> bool {
    let k = qs.partition_point(|q| q.start <= s);
    k > 0 && e <= qs[k - 1].end
}

/// The token range (first, past the last) of every quote.
fn token_ranges(tk: &Tokenized, qs: &[Quote]) -> Vec<(usize, usize)> {
    let first_from = |byte: usize| tk.tokens.partition_point(|t| (t.start as usize) < byte);
    qs.iter()
        .map(|q| (first_from(q.start), first_from(q.end)))
        .collect()
}

/// A hedge match as its document's row tallies it.
struct HedgeTally {
    /// Its lexicon entry.
    entry: usize,
    /// Zero-based sentence of its first token.
    sentence: u32,
    /// Whether it is inside a quotation.
    in_quote: bool,
}

impl HedgeTally {
    /// Tallies the hedge in `row`: by category, and, when it counts as a hedge, in the headline
    /// counts (`last_sentence`: the sentence of the last hedge counted so, updated).
    fn add_to(&self, row: &mut DocRow, lexicon: &Lexicon, last_sentence: &mut u32) {
        row.hedges_by_category[lexicon.category_index(self.entry)] += 1;
        // a user lexicon's own categories get their columns, not the headline rate
        if !lexicon.counts_as_hedge(self.entry) {
            return;
        }
        row.n_hedges += 1;
        if !self.in_quote {
            row.n_hedges_narration += 1;
        }
        if self.sentence != *last_sentence {
            row.sentences_with_hedge += 1;
            *last_sentence = self.sentence;
        }
    }
}

/// Which of `qs` are held by reported speech: a quotation in marks the direct pass found inside
/// its speaker's reported clause (`mixed`) is the partial quotation of the indirect attribution
/// holding it, when the indirect pass found that one: counted once, as that attribution.
fn held_quotes(qs: &[Quote], reported: &[Quote]) -> Vec<bool> {
    qs.iter().map(|q| is_held(q, reported)).collect()
}

/// Whether a mixed quotation is the partial quotation of a mixed attribution of `reported`.
fn is_held(q: &Quote, reported: &[Quote]) -> bool {
    q.kind == Kind::Mixed
        && reported
            .iter()
            .any(|r| r.kind == Kind::Mixed && quotes::holds(r, q))
}

/// The speaker of a quotation of `n_tokens` tokens, when it has one.
fn quoted_speaker(q: &Quote, n_tokens: u64) -> Option<speakers::Quoted> {
    let (name, ty) = speakers::speaker_of(q)?;
    Some(speakers::Quoted {
        name: name.to_string(),
        type_index: ty,
        tokens: n_tokens,
        indirect: q.kind != Kind::Direct,
    })
}

/// Tallies a quotation of `n_tokens` tokens in its document's row: by kind, and a direct one by
/// speaker type and stance.
fn tally_quote(row: &mut DocRow, q: &Quote, n_tokens: u64) {
    row.quotes_by_kind[kind_index(q.kind)] += 1;
    if matches!(q.kind, Kind::Indirect | Kind::Mixed) {
        // reported speech: counted by kind only, never among the quotations in marks
        return;
    }
    row.n_quotes += 1;
    row.quoted_tokens += n_tokens;
    if q.kind == Kind::Direct {
        tally_direct(row, q, n_tokens);
    }
    if q.unbalanced {
        row.n_unbalanced += 1;
    }
}

/// Tallies a direct quotation: its tokens, speaker type and gender, and stance.
fn tally_direct(row: &mut DocRow, q: &Quote, n_tokens: u64) {
    row.direct_tokens += n_tokens;
    row.speakers[speaker_type_index(q.speaker_type)] += 1;
    row.speaker_genders[q.speaker_gender as usize] += 1;
    if let Some(st) = q.stance {
        row.stances[Stance::ALL.iter().position(|x| *x == st).unwrap_or(0)] += 1;
    }
}

/// Column of a quote kind in [`DocRow::quotes_by_kind`].
fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Direct => 0,
        Kind::Scare => 1,
        Kind::Unattributed => 2,
        Kind::Title => 3,
        Kind::Indirect => 4,
        Kind::Mixed => 5,
    }
}

/// Column of a speaker type in [`DocRow::speakers`].
fn speaker_type_index(ty: SpeakerType) -> usize {
    match ty {
        SpeakerType::Named => 0,
        SpeakerType::Role => 1,
        SpeakerType::Organisation => 2,
        SpeakerType::Anonymous => 3,
        SpeakerType::Unknown | SpeakerType::Unresolved => 4,
    }
}

/// Whether a word's first character is upper case.
fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The keys of a document's number tokens (see [`number_key`]), in text order.
fn number_keys(tk: &Tokenized, text: &str) -> Vec<String> {
    tk.tokens
        .iter()
        .filter(|t| t.is_number)
        .filter_map(|t| number_key(&text[t.start as usize..t.end as usize]))
        .collect()
}
