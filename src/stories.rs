//! Same story, several outlets: documents grouped into stories by shared distinctive content
//! (sampled word 5-gram shingles through an inverted index, shared numbers, a date window), then
//! every cross-source pair in a story aligned: shared quotations (despite different marks,
//! ellipses, a changed word or a split), shared numbers, reused passages (runs of 8+ words).

use crate::quotes::{find_quotes, Cues, Kind, Quote};
use crate::tokenize::{normalize_into, tokenize};
use ahash::AHashMap as HashMap;
use std::collections::BTreeMap;

/// Only shingles whose hash falls in 1/SAMPLE of the space are indexed: the same ones in every
/// document, so two documents sharing many passages share many sampled shingles.
const SAMPLE: u64 = 6;
/// Shingles found in more documents than this are boilerplate, not evidence of one story.
const MAX_SHINGLE_DF: usize = 25;
/// Largest story found automatically (documents); bigger clusters are chains, not one event.
pub const MAX_STORY: usize = 30;
/// Word n-gram size for story shingles.
const SHINGLE: usize = 5;
/// Minimum run of identical normalized words counted as a reused passage.
pub const PASSAGE_WORDS: usize = 8;

fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517cc1b727220a95)
}

/// Hash of a sequence of word hashes (a shingle, an 8-word window, a whole document), stable
/// across runs and platforms.
pub fn sequence_hash(words: &[u64]) -> u64 {
    words.iter().fold(0u64, |h, &x| fx(h, x))
}

/// Hash of a normalized word (stable across runs and platforms).
pub fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Normalized form of a number token ("11,000" → "11000"); `None` for years and small numbers,
/// which say little about a story.
pub fn number_key(tok: &str) -> Option<String> {
    let digits: String = tok
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.').to_string();
    if digits.is_empty() || !tok.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let int_part = digits.split('.').next().unwrap_or("");
    let v: f64 = digits.parse().unwrap_or(0.0);
    let year_like = int_part.len() == 4 && (1900.0..=2100.0).contains(&v) && !tok.contains(',');
    if year_like || (v < 100.0 && !digits.contains('.')) {
        return None;
    }
    Some(digits)
}

/// What story grouping needs of a document, computed while counting.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Sampled 5-gram shingle hashes, sorted and unique.
    pub shingles: Vec<u64>,
    /// Distinctive numbers, sorted and unique.
    pub numbers: Vec<String>,
    /// Every 5-gram inside quotations (the 120 smallest hashes), sorted and unique: a shared quotation links
    /// two reports of one story even when the rest is rewritten.
    pub quote_shingles: Vec<u64>,
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
            if h % SAMPLE == 0 {
                sh.push(h);
            }
        }
    }
    sh.sort_unstable();
    sh.dedup();
    sh.shrink_to_fit();
    let mut numbers = numbers;
    numbers.sort();
    numbers.dedup();
    numbers.shrink_to_fit();
    Profile {
        shingles: sh,
        numbers,
        quote_shingles: Vec::new(),
    }
}

/// A document as story grouping sees it.
#[derive(Debug, Clone)]
pub struct StoryDoc<'a> {
    /// Outlet.
    pub source: &'a str,
    /// Date `YYYY-MM-DD` or empty.
    pub date: &'a str,
    /// User-given story id or empty.
    pub story: &'a str,
    /// Profile.
    pub profile: &'a Profile,
}

fn day_number(d: &str) -> Option<i64> {
    let b = d.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: i64 = d[5..7].parse().ok()?;
    let dd: i64 = d[8..10].parse().ok()?;
    // days from civil (Howard Hinnant)
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups documents into stories; returns a story index per document (0-based, in order of
/// each story's first document). Documents with a user-given story are grouped by it alone.
///
/// Two documents from different sources are linked when they share at least `min_shared`
/// sampled shingles (about 6×min_shared identical 5-grams), or at least one and two distinctive
/// numbers, within `window_days` when both are dated. Cost is linear in the corpus: candidates
/// come from an inverted index of sampled shingles, never from all pairs.
pub fn group(docs: &[StoryDoc], window_days: Option<i64>, min_shared: usize) -> Vec<usize> {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // user-given stories
    let mut by_story: HashMap<&str, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if !d.story.is_empty() {
            match by_story.get(d.story) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    by_story.insert(d.story, i);
                }
            }
        }
    }
    let days: Vec<Option<i64>> = docs.iter().map(|d| day_number(d.date)).collect();
    // Candidate pairs with the evidence that links them. A pair that fails the test below can
    // never be merged, so only linked pairs are kept: memory follows the links, not the far more
    // numerous pairs that share a single shingle.
    let linked = |a: usize, b: usize, c: usize, q: usize| -> bool {
        let both_dated = days[a].is_some() && days[b].is_some();
        if let (Some(w), Some(da), Some(db)) = (window_days, days[a], days[b]) {
            if (da - db).abs() > w {
                return false;
            }
        }
        let shared_numbers = intersect_count(&docs[a].profile.numbers, &docs[b].profile.numbers);
        // Without both dates nothing rules out a famous quotation or stock phrase repeated years
        // later, so the evidence must be twice as strong.
        let k = if both_dated { 1 } else { 2 };
        c >= min_shared * k
            || (c >= k && shared_numbers >= 2 * k)
            || (q >= 6 * k && (c >= 1 || shared_numbers >= 1))
    };
    // one index after the other: built together they would hold both sort buffers at once
    let shingles = Index::new(docs, |p| &p.shingles);
    let quote_grams = Index::new(docs, |p| &p.quote_shingles);
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    let source: Vec<u32> = docs
        .iter()
        .map(|d| {
            let k = source_ids.len() as u32;
            *source_ids.entry(d.source).or_insert(k)
        })
        .collect();
    use rayon::prelude::*;
    let chunks: Vec<Vec<(u32, u32, u32, u32)>> = (0..n)
        .collect::<Vec<_>>()
        .par_chunks(1024)
        .map(|chunk| {
            // shared shingles and quotation shingles of document a with each later document
            let mut counts = vec![[0u32; 2]; n];
            let mut touched: Vec<u32> = Vec::new();
            let mut out = Vec::new();
            for &a in chunk {
                for (slot, index) in [(0, &shingles), (1, &quote_grams)] {
                    for list in index.lists(a) {
                        for &b in list.iter().filter(|&&b| b as usize > a) {
                            if source[b as usize] == source[a] {
                                continue;
                            }
                            let e = &mut counts[b as usize];
                            if *e == [0, 0] {
                                touched.push(b);
                            }
                            e[slot] += 1;
                        }
                    }
                }
                for &b in &touched {
                    let [c, q] = std::mem::take(&mut counts[b as usize]);
                    if linked(a, b as usize, c as usize, q as usize) {
                        out.push((a as u32, b, c, q));
                    }
                }
                touched.clear();
            }
            out
        })
        .collect();
    // strongest links first, so a story grows around its core; a merge that would make a story
    // larger than MAX_STORY documents is refused (chains of weak links otherwise join unrelated
    // events into one giant story)
    let mut ranked: Vec<(u32, u32, u32)> = chunks
        .into_iter()
        .flatten()
        .map(|(a, b, c, q)| (c + q, a, b))
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut size = vec![0usize; n];
    for i in 0..n {
        let r = find(&mut parent, i);
        size[r] += 1;
    }
    for (_, a, b) in ranked {
        let (ra, rb) = (find(&mut parent, a as usize), find(&mut parent, b as usize));
        if ra != rb && size[ra] + size[rb] <= MAX_STORY {
            let (keep, gone) = (ra.min(rb), ra.max(rb));
            parent[gone] = keep;
            size[keep] += size[gone];
        }
    }
    let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = find(&mut parent, i);
        let next = ids.len();
        out.push(*ids.entry(r).or_insert(next));
    }
    out
}

/// An inverted index over one kind of profile key: for each document, the lists of documents
/// sharing each of its keys. Keys held by one document, or by more than [`MAX_SHINGLE_DF`]
/// (boilerplate), are left out.
struct Index {
    /// Documents holding each kept key, key after key (`offsets` delimits them).
    members: Vec<u32>,
    offsets: Vec<usize>,
    /// For each document, the keys (as positions in `offsets`) it holds.
    doc_keys: Vec<u32>,
    doc_offsets: Vec<usize>,
}

impl Index {
    fn new(docs: &[StoryDoc], key_of: fn(&Profile) -> &Vec<u64>) -> Self {
        // sorted (key, document) pairs: no allocation per key
        let mut v: Vec<(u64, u32)> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            if d.story.is_empty() {
                v.extend(key_of(d.profile).iter().map(|&s| (s, i as u32)));
            }
        }
        // (key, document) pairs are all distinct: any sort gives the same order
        rayon::slice::ParallelSliceMut::par_sort_unstable(&mut v[..]);
        let (mut offsets, mut members) = (vec![0], Vec::new());
        let mut per_doc = vec![0usize; docs.len() + 1];
        let mut start = 0;
        while start < v.len() {
            let mut end = start;
            while end < v.len() && v[end].0 == v[start].0 {
                end += 1;
            }
            if (2..=MAX_SHINGLE_DF).contains(&(end - start)) {
                for p in &v[start..end] {
                    members.push(p.1);
                    per_doc[p.1 as usize + 1] += 1;
                }
                offsets.push(members.len());
            }
            start = end;
        }
        drop(v);
        // the same entries grouped by document (a counting sort)
        for i in 0..docs.len() {
            per_doc[i + 1] += per_doc[i];
        }
        let mut fill = per_doc.clone();
        let mut doc_keys = vec![0u32; members.len()];
        for j in 0..offsets.len() - 1 {
            for &d in &members[offsets[j]..offsets[j + 1]] {
                doc_keys[fill[d as usize]] = j as u32;
                fill[d as usize] += 1;
            }
        }
        Self {
            members,
            offsets,
            doc_keys,
            doc_offsets: per_doc,
        }
    }

    /// The document lists of document `i`'s keys.
    fn lists(&self, i: usize) -> impl Iterator<Item = &[u32]> + '_ {
        self.doc_keys[self.doc_offsets[i]..self.doc_offsets[i + 1]]
            .iter()
            .map(move |&j| &self.members[self.offsets[j as usize]..self.offsets[j as usize + 1]])
    }
}

fn intersect_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A document prepared for alignment.
#[derive(Debug, Clone)]
pub struct Aligned {
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// Text as read.
    pub text: String,
    /// Token byte spans.
    pub tokens: Vec<(u32, u32)>,
    /// Normalized word hashes per token.
    pub hashes: Vec<u64>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Distinctive numbers with their token index.
    pub numbers: Vec<(String, usize)>,
    /// Byte offset of the article body (after front matter).
    pub body: usize,
    /// Each quote's words as sorted word hashes (for fast matching) and their count.
    pub quote_keys: Vec<Vec<u64>>,
    /// Hash of the 8-word window starting at each token, by position (hashed once per document,
    /// not once per pair it is aligned in).
    pub windows: Vec<u64>,
    /// Every 8-word window as (hash, first token), sorted: two documents without a common hash
    /// share no passage (one merge decides it), and a shared passage is found by binary search
    /// instead of an index built for every pair.
    pub grams: Vec<(u64, u32)>,
}

/// Tokenizes a document and finds its quotes and numbers for alignment.
pub fn prepare(doc_id: &str, source: &str, text: &str, body: usize, cues: &Cues) -> Aligned {
    let mut tk = tokenize(&text[body..]);
    for t in &mut tk.tokens {
        t.start += body as u32;
        t.end += body as u32;
    }
    for s in &mut tk.sentences {
        s.0 += body as u32;
        s.1 += body as u32;
    }
    let mut buf = String::new();
    let mut hashes = Vec::with_capacity(tk.tokens.len());
    let mut numbers = Vec::new();
    for (i, t) in tk.tokens.iter().enumerate() {
        let w = &text[t.start as usize..t.end as usize];
        normalize_into(w, &mut buf);
        hashes.push(word_hash(&buf));
        if t.is_number {
            if let Some(k) = number_key(w) {
                numbers.push((k, i));
            }
        }
    }
    let quotes = find_quotes(text, body, &tk, cues);
    let quote_keys = quotes
        .iter()
        .map(|q| {
            let mut v: Vec<u64> = quote_words(&text[q.start..q.end])
                .iter()
                .map(|w| word_hash(w))
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    let windows = window_hashes(&hashes);
    Aligned {
        grams: gram_index(&windows),
        windows,
        quote_keys,
        doc_id: doc_id.into(),
        source: source.into(),
        text: text.into(),
        tokens: tk.tokens.iter().map(|t| (t.start, t.end)).collect(),
        hashes,
        quotes,
        numbers,
        body,
    }
}

/// Words of a quote for matching: lowercase, apostrophes folded, marks, punctuation and ellipses gone.
pub fn quote_words(s: &str) -> Vec<String> {
    let mut buf = String::new();
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            normalize_into(w.trim_matches(['\'', '’']), &mut buf);
            buf.clone()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How well two quotes match, on their sorted word hashes: the share of the shorter one's words
/// also in the longer one (a multiset intersection by merging). 1.0 for the same words; high for
/// a split part or a changed word.
pub fn sorted_overlap(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    intersect_count(a, b) as f64 / a.len().min(b.len()) as f64
}

/// Whether two sorted lists share at least `need` elements (as multisets, like
/// `intersect_count`), giving up as soon as the shorter one has missed too many.
fn common_at_least(a: &[u64], b: &[u64], need: usize) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some(allowed) = s.len().checked_sub(need) else {
        return false;
    };
    let (mut i, mut j, mut missed) = (0, 0, 0);
    while i < s.len() {
        if j >= l.len() || s[i] < l[j] {
            missed += 1;
            if missed > allowed {
                return false;
            }
            i += 1;
        } else if s[i] > l[j] {
            j += 1;
        } else {
            i += 1;
            j += 1;
        }
    }
    true
}

/// One shared quotation between two documents.
#[derive(Debug, Clone)]
pub struct SharedQuote {
    /// Index of the quote in document A.
    pub a: usize,
    /// Index of the quote in document B.
    pub b: usize,
    /// Word overlap (1.0 = same words).
    pub overlap: f64,
}

/// A reused passage: token ranges in A and B.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// First token in A.
    pub a_start: usize,
    /// First token in B.
    pub b_start: usize,
    /// Length in tokens.
    pub len: usize,
}

/// Alignment of a document pair.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Shared quotations.
    pub shared_quotes: Vec<SharedQuote>,
    /// Quotes of A matched by nothing in B.
    pub quotes_only_a: usize,
    /// Quotes of B matched by nothing in A.
    pub quotes_only_b: usize,
    /// Numbers in both.
    pub shared_numbers: Vec<String>,
    /// Numbers only in A.
    pub numbers_only_a: Vec<String>,
    /// Numbers only in B.
    pub numbers_only_b: Vec<String>,
    /// Reused passages.
    pub passages: Vec<Passage>,
    /// Share of A's tokens inside reused passages.
    pub reused_share_a: f64,
    /// Share of B's tokens inside reused passages.
    pub reused_share_b: f64,
}

/// Aligns two documents: shared quotes, numbers and passages.
pub fn align(a: &Aligned, b: &Aligned) -> Alignment {
    // quotes: every pair with at least 0.75 of the shorter quote's words in the longer one; short
    // quotes (scare quotes) must match exactly
    let (qa, qb) = (&a.quote_keys, &b.quote_keys);
    let mut shared = Vec::new();
    let mut used_a = vec![false; qa.len()];
    let mut used_b = vec![false; qb.len()];
    for (i, wa) in qa.iter().enumerate() {
        for (j, wb) in qb.iter().enumerate() {
            let short = wa.len().min(wb.len());
            if short == 0 {
                continue;
            }
            // the words in common must reach 3/4 of the shorter quote (all of a 5-word one);
            // the walk stops once too many are missing, as most pairs share almost nothing
            let ok = if short <= 4 {
                wa == wb
            } else {
                let need = if short >= 6 {
                    (3 * short).div_ceil(4)
                } else {
                    short
                };
                common_at_least(wa, wb, need)
            };
            if ok {
                shared.push(SharedQuote {
                    a: i,
                    b: j,
                    overlap: sorted_overlap(wa, wb),
                });
                used_a[i] = true;
                used_b[j] = true;
            }
        }
    }
    // numbers
    let na: std::collections::BTreeSet<&String> = a.numbers.iter().map(|n| &n.0).collect();
    let nb: std::collections::BTreeSet<&String> = b.numbers.iter().map(|n| &n.0).collect();
    let shared_numbers = na.intersection(&nb).map(|s| s.to_string()).collect();
    let numbers_only_a = na.difference(&nb).map(|s| s.to_string()).collect();
    let numbers_only_b = nb.difference(&na).map(|s| s.to_string()).collect();
    // passages: maximal runs of identical word hashes of at least PASSAGE_WORDS
    let passages = if any_common_key(&a.grams, &b.grams) {
        passages_with(&a.hashes, &b.hashes, &a.windows, &b.grams)
    } else {
        Vec::new()
    };
    let mut cov_a = vec![false; a.hashes.len()];
    let mut cov_b = vec![false; b.hashes.len()];
    for p in &passages {
        cov_a[p.a_start..p.a_start + p.len]
            .iter_mut()
            .for_each(|x| *x = true);
        cov_b[p.b_start..p.b_start + p.len]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    let share = |c: &[bool]| {
        if c.is_empty() {
            0.0
        } else {
            c.iter().filter(|x| **x).count() as f64 / c.len() as f64
        }
    };
    Alignment {
        quotes_only_a: used_a.iter().filter(|u| !**u).count(),
        quotes_only_b: used_b.iter().filter(|u| !**u).count(),
        shared_quotes: shared,
        shared_numbers,
        numbers_only_a,
        numbers_only_b,
        reused_share_a: share(&cov_a),
        reused_share_b: share(&cov_b),
        passages,
    }
}

/// Maximal common runs of at least [`PASSAGE_WORDS`] tokens (each A position used once).
pub fn passages(a: &[u64], b: &[u64]) -> Vec<Passage> {
    passages_with(a, b, &window_hashes(a), &gram_index(&window_hashes(b)))
}

/// The hash of every [`PASSAGE_WORDS`]-word window of `h`, by first token.
fn window_hashes(h: &[u64]) -> Vec<u64> {
    h.windows(PASSAGE_WORDS).map(sequence_hash).collect()
}

/// Window hashes (from [`window_hashes`]) as (hash, first token), sorted.
fn gram_index(windows: &[u64]) -> Vec<(u64, u32)> {
    let mut v: Vec<(u64, u32)> = windows
        .iter()
        .enumerate()
        .map(|(j, &h)| (h, j as u32))
        .collect();
    v.sort_unstable();
    v
}

fn any_common_key(a: &[(u64, u32)], b: &[(u64, u32)]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// [`passages`] with A's window hashes and B's window index already built.
fn passages_with(a: &[u64], b: &[u64], a_windows: &[u64], b_grams: &[(u64, u32)]) -> Vec<Passage> {
    let k = PASSAGE_WORDS;
    if a.len() < k || b.len() < k {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + k <= a.len() {
        let mut best: Option<(usize, usize)> = None;
        let key = a_windows[i];
        let from = b_grams.partition_point(|g| g.0 < key);
        // candidates in B in text order, as the windows are sorted by (hash, position)
        for j in b_grams[from..]
            .iter()
            .take_while(|g| g.0 == key)
            .map(|g| g.1 as usize)
        {
            if a[i..i + k] != b[j..j + k] {
                continue;
            }
            let mut len = k;
            while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] {
                len += 1;
            }
            if best.is_none_or(|(_, l)| len > l) {
                best = Some((j, len));
            }
        }
        match best {
            Some((j, len)) => {
                out.push(Passage {
                    a_start: i,
                    b_start: j,
                    len,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// Scare quotes of a document as normalized word strings.
pub fn scare_set(d: &Aligned) -> Vec<String> {
    let mut v: Vec<String> = d
        .quotes
        .iter()
        .filter(|q| q.kind == Kind::Scare)
        .map(|q| quote_words(&d.text[q.start..q.end]).join(" "))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(t: &str) -> Aligned {
        prepare("d", "s", t, 0, &Cues::builtin())
    }

    #[test]
    fn common_at_least_agrees_with_the_full_count() {
        let lists: Vec<Vec<u64>> = vec![
            vec![],
            vec![1],
            vec![1, 1, 2],
            vec![1, 2, 3, 4, 5, 6, 7, 8],
            vec![2, 3, 4, 5, 6, 7, 8, 9],
            vec![1, 1, 1, 5, 9, 9],
            vec![0, 2, 4, 6, 8, 10, 12],
        ];
        for a in &lists {
            for b in &lists {
                for need in 0..10 {
                    assert_eq!(
                        common_at_least(a, b, need),
                        intersect_count(a, b) >= need && need <= a.len().min(b.len()),
                        "{a:?} {b:?} {need}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_keep_distinctive_ones() {
        assert_eq!(number_key("11,000").as_deref(), Some("11000"));
        assert_eq!(number_key("2025"), None);
        assert_eq!(number_key("40"), None);
        assert_eq!(number_key("3.5"), Some("3.5".into()));
    }

    #[test]
    fn quotes_match_despite_marks_ellipsis_changed_word_and_split() {
        let a = prep("“The Russian military has continuously requested the transfer of the bodies,” a source said.");
        let b = prep("\"The Russian military has ... requested the transfer of the bodies,\" a source told JoongAng.");
        assert_eq!(align(&a, &b).shared_quotes.len(), 1, "marks and ellipsis");
        let c = prep(
            "“The Russian army has continuously requested the transfer of the bodies,” he said.",
        );
        assert_eq!(align(&a, &c).shared_quotes.len(), 1, "a changed word");
        let whole = prep("“Following a lull, troops were placed back in the frontline. It appears that there has been a deployment of additional troops,” the NIS stated.");
        let split = prep("“Following a lull, troops were placed back in the frontline,” the agency said. “It appears that there has been a deployment of additional troops.”");
        let al = align(&whole, &split);
        assert_eq!(
            al.shared_quotes.len(),
            2,
            "a split quote matches both parts"
        );
        let other = prep("“We will never surrender our land to anyone at all,” he said.");
        assert!(align(&a, &other).shared_quotes.is_empty());
    }

    #[test]
    fn scare_quotes_match_exactly() {
        let a = prep("Putin announced a “special operation” and spoke of “ice burial”.");
        let b = prep("The \"special operation\" continued; \"annexing\" was next.");
        let al = align(&a, &b);
        assert_eq!(al.shared_quotes.len(), 1);
        assert_eq!(
            scare_set(&b),
            vec!["annexing".to_string(), "special operation".to_string()]
        );
    }

    #[test]
    fn passages_are_maximal_runs() {
        let w = |s: &str| s.split_whitespace().map(word_hash).collect::<Vec<_>>();
        let a = w("x y one two three four five six seven eight nine z");
        let b = w("q one two three four five six seven eight nine r s");
        assert_eq!(
            passages(&a, &b),
            vec![Passage {
                a_start: 2,
                b_start: 1,
                len: 9
            }]
        );
        assert!(
            passages(&w("a b c d e f g"), &w("a b c d e f g")).is_empty(),
            "under 8 words"
        );
    }

    #[test]
    fn grouping_links_shared_passages_across_sources_only() {
        let text = "north korean troops were placed back in the frontline region of kursk starting in the first week of february after a lull";
        let other = "the city council approved a new budget for schools and roads on tuesday after a long debate about taxes and parking fees";
        let hashes = |t: &str| t.split_whitespace().map(word_hash).collect::<Vec<_>>();
        let p1 = profile(&hashes(&format!("{text} alpha")), vec![]);
        let p2 = profile(&hashes(&format!("beta {text}")), vec![]);
        let p3 = profile(&hashes(other), vec![]);
        let docs = vec![
            StoryDoc {
                source: "a",
                date: "2025-02-27",
                story: "",
                profile: &p1,
            },
            StoryDoc {
                source: "b",
                date: "2025-02-28",
                story: "",
                profile: &p2,
            },
            StoryDoc {
                source: "c",
                date: "2025-02-28",
                story: "",
                profile: &p3,
            },
            StoryDoc {
                source: "a",
                date: "2025-02-27",
                story: "",
                profile: &p2,
            },
        ];
        let g = group(&docs, Some(3), 2);
        assert_eq!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        // a date window keeps far-apart documents apart
        let far = vec![
            StoryDoc {
                source: "a",
                date: "2025-02-27",
                story: "",
                profile: &p1,
            },
            StoryDoc {
                source: "b",
                date: "2025-06-28",
                story: "",
                profile: &p2,
            },
        ];
        let g = group(&far, Some(3), 2);
        assert_ne!(g[0], g[1]);
        // user-given stories win
        let given = vec![
            StoryDoc {
                source: "a",
                date: "",
                story: "s1",
                profile: &p1,
            },
            StoryDoc {
                source: "b",
                date: "",
                story: "s1",
                profile: &p3,
            },
        ];
        assert_eq!(group(&given, None, 2), vec![0, 0]);
    }
}
