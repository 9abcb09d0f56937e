//! Alignment of two documents of one story: shared quotations (despite different marks,
//! ellipses, a changed word or a split), shared numbers, reused passages (runs of 8+ words).

use super::intersect_count;
use crate::count::Context;
use crate::text::hash::{sequence_hash, word_hash};
use crate::text::numbers::number_key;
use crate::text::quotes::{Kind, Quote};
use crate::text::tokenize::{normalize_into, Token};

/// Minimum run of identical normalized words counted as a reused passage.
pub const PASSAGE_WORDS: usize = 8;

/// A document prepared for alignment.
#[derive(Debug, Clone)]
pub struct Aligned {
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// Title, date and URL, shown above the text on a page (empty when unknown).
    pub meta: Meta,
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
    /// The language it was counted in under `--language auto` (its row's), none otherwise: a
    /// page reads it again with that language's rules.
    pub language: Option<&'static str>,
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

/// A document's metadata shown as a page header.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Date (`YYYY-MM-DD`).
    pub date: String,
    /// URL.
    pub url: String,
}

/// Tokenizes a document and finds its quotes and numbers for alignment, by the rules of `ctx`
/// (the context it was counted in).
pub fn prepare(doc_id: &str, source: &str, text: &str, body: usize, ctx: &Context) -> Aligned {
    let tk = ctx.normalizer.tokenize_at(text, body);
    let words = WordKeys::of(text, &tk.tokens);
    let quotes = ctx.direct_quotes(text, body, &tk);
    let quote_keys = quotes
        .iter()
        .map(|q| quote_key(&text[q.start..q.end]))
        .collect();
    let windows = window_hashes(&words.hashes);
    Aligned {
        grams: gram_index(&windows),
        windows,
        quote_keys,
        doc_id: doc_id.into(),
        source: source.into(),
        meta: Meta::default(),
        text: text.into(),
        tokens: tk.tokens.iter().map(|t| (t.start, t.end)).collect(),
        hashes: words.hashes,
        quotes,
        numbers: words.numbers,
        body,
        language: ctx.language,
    }
}

/// A document's normalized word hash per token, and its distinctive numbers with their token
/// index.
struct WordKeys {
    hashes: Vec<u64>,
    numbers: Vec<(String, usize)>,
}

impl WordKeys {
    fn of(text: &str, tokens: &[Token]) -> Self {
        let mut buf = String::new();
        let mut keys = WordKeys {
            hashes: Vec::with_capacity(tokens.len()),
            numbers: Vec::new(),
        };
        for (i, t) in tokens.iter().enumerate() {
            let w = &text[t.start as usize..t.end as usize];
            normalize_into(w, &mut buf);
            keys.hashes.push(word_hash(&buf));
            if t.is_number {
                keys.numbers.extend(number_key(w).map(|k| (k, i)));
            }
        }
        keys
    }
}

/// A quote's words as sorted word hashes (see [`quote_words`]).
fn quote_key(quote: &str) -> Vec<u64> {
    let mut v: Vec<u64> = quote_words(quote).iter().map(|w| word_hash(w)).collect();
    v.sort_unstable();
    v
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
    /// Shared quotations, one to one: each quotation of A or B is in at most one.
    pub shared_quotes: Vec<SharedQuote>,
    /// Short quotations of one document that are a part of a longer one of the other (a split
    /// quotation, a fragment quoted again), each short one at most once: kept apart from
    /// `shared_quotes`.
    pub contained_quotes: Vec<SharedQuote>,
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

/// Whether two quotations (sorted word hashes) say the same words: the words in common reach
/// 3/4 of the shorter quote (all of a 5-word one, and a quote of 4 words or fewer, such as a
/// scare quote, must be equal). Returns the words in common. The walk stops once too many are
/// missing, as most pairs share almost nothing.
fn quote_match(wa: &[u64], wb: &[u64]) -> Option<usize> {
    let short = wa.len().min(wb.len());
    if short == 0 {
        return None;
    }
    let ok = if short <= 4 {
        wa == wb
    } else {
        common_at_least(wa, wb, words_needed(short))
    };
    ok.then(|| intersect_count(wa, wb))
}

/// The words in common that make two quotations of 5 words or more (the shorter has `short`)
/// the same: all of a 5-word one, else 3/4.
fn words_needed(short: usize) -> usize {
    if short >= 6 {
        (3 * short).div_ceil(4)
    } else {
        short
    }
}

/// A matched pair is the same quotation when the words in common also cover most of the
/// longer one; below that, the shorter is a part of the longer.
const SAME_SHARE_OF_LONGER: f64 = 0.6;

/// Pairs the quotations of two documents one to one: every matching pair is a candidate, the
/// best (share of the longer quote covered, then words in common, then text order) wins and
/// takes both quotations out of the running. A short quotation inside a longer one is a
/// `contained` relation instead, each short one in at most one.
fn pair_quotes(qa: &[Vec<u64>], qb: &[Vec<u64>]) -> QuotePairs {
    let cand = quote_matches(qa, qb);
    let shared_quote = |m: &QuoteMatch| SharedQuote {
        a: m.i,
        b: m.j,
        overlap: sorted_overlap(&qa[m.i], &qb[m.j]),
    };
    let (mut in_a, mut in_b) = (vec![false; qa.len()], vec![false; qb.len()]);
    let mut shared = Vec::new();
    for m in cand.iter().filter(|m| m.share >= SAME_SHARE_OF_LONGER) {
        if !in_a[m.i] && !in_b[m.j] {
            in_a[m.i] = true;
            in_b[m.j] = true;
            shared.push(shared_quote(m));
        }
    }
    let mut contained: Vec<SharedQuote> = contained_parts(&cand, qa, qb, &in_a, &in_b)
        .into_iter()
        .map(shared_quote)
        .collect();
    shared.sort_by_key(|q| (q.a, q.b));
    contained.sort_by_key(|q| (q.a, q.b));
    for q in &contained {
        in_a[q.a] = true;
        in_b[q.b] = true;
    }
    let only = |v: &[bool]| v.iter().filter(|u| !**u).count();
    QuotePairs {
        only_a: only(&in_a),
        only_b: only(&in_b),
        shared,
        contained,
    }
}

/// The quotations of two documents paired (see [`pair_quotes`]).
struct QuotePairs {
    /// The same quotation in both.
    shared: Vec<SharedQuote>,
    /// A part of a longer quotation of the other.
    contained: Vec<SharedQuote>,
    /// Quotations of A, and of B, in neither.
    only_a: usize,
    only_b: usize,
}

/// Two quotations that match: the share of the longer their words in common cover, how many
/// those are, and the quotations' indices in A and B.
struct QuoteMatch {
    share: f64,
    common: usize,
    i: usize,
    j: usize,
}

/// Every matching pair of quotations, best first (share of the longer, words in common, text
/// order).
fn quote_matches(qa: &[Vec<u64>], qb: &[Vec<u64>]) -> Vec<QuoteMatch> {
    let mut cand: Vec<QuoteMatch> = Vec::new();
    for (i, wa) in qa.iter().enumerate() {
        for (j, wb) in qb.iter().enumerate() {
            if let Some(common) = quote_match(wa, wb) {
                let share = common as f64 / wa.len().max(wb.len()) as f64;
                cand.push(QuoteMatch {
                    share,
                    common,
                    i,
                    j,
                });
            }
        }
    }
    cand.sort_by(|x, y| {
        y.share
            .total_cmp(&x.share)
            .then(y.common.cmp(&x.common))
            .then(x.i.cmp(&y.i))
            .then(x.j.cmp(&y.j))
    });
    cand
}

/// The matches that make a part: below the share of the same quotation, the shorter quotation
/// in no shared pair yet (`in_a`, `in_b`) and in no other part; the longer may hold several.
fn contained_parts<'c>(
    cand: &'c [QuoteMatch],
    qa: &[Vec<u64>],
    qb: &[Vec<u64>],
    in_a: &[bool],
    in_b: &[bool],
) -> Vec<&'c QuoteMatch> {
    let (mut part_a, mut part_b) = (vec![false; qa.len()], vec![false; qb.len()]);
    let mut out = Vec::new();
    for m in cand.iter().filter(|m| m.share < SAME_SHARE_OF_LONGER) {
        let (paired, part) = if qa[m.i].len() <= qb[m.j].len() {
            (in_a[m.i], &mut part_a[m.i])
        } else {
            (in_b[m.j], &mut part_b[m.j])
        };
        if !paired && !*part {
            *part = true;
            out.push(m);
        }
    }
    out
}

/// Aligns two documents: shared quotes, numbers and passages.
pub fn align(a: &Aligned, b: &Aligned) -> Alignment {
    let quotes = pair_quotes(&a.quote_keys, &b.quote_keys);
    let na: std::collections::BTreeSet<&String> = a.numbers.iter().map(|n| &n.0).collect();
    let nb: std::collections::BTreeSet<&String> = b.numbers.iter().map(|n| &n.0).collect();
    let strings = |it: &mut dyn Iterator<Item = &&String>| it.map(|s| s.to_string()).collect();
    // passages: maximal runs of identical word hashes of at least PASSAGE_WORDS
    let passages = if any_common_key(&a.grams, &b.grams) {
        passages_with(&a.hashes, &b.hashes, &a.windows, &b.grams)
    } else {
        Vec::new()
    };
    Alignment {
        quotes_only_a: quotes.only_a,
        quotes_only_b: quotes.only_b,
        shared_quotes: quotes.shared,
        contained_quotes: quotes.contained,
        shared_numbers: strings(&mut na.intersection(&nb)),
        numbers_only_a: strings(&mut na.difference(&nb)),
        numbers_only_b: strings(&mut nb.difference(&na)),
        reused_share_a: reused_share(a.hashes.len(), passages.iter().map(|p| (p.a_start, p.len))),
        reused_share_b: reused_share(b.hashes.len(), passages.iter().map(|p| (p.b_start, p.len))),
        passages,
    }
}

/// The share of a document's `n` tokens covered by passages (first token, length).
fn reused_share(n: usize, passages: impl Iterator<Item = (usize, usize)>) -> f64 {
    let mut covered = vec![false; n];
    for (start, len) in passages {
        covered[start..start + len]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    if covered.is_empty() {
        0.0
    } else {
        covered.iter().filter(|x| **x).count() as f64 / covered.len() as f64
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
        match longest_passage_at(a, b, i, a_windows[i], b_grams) {
            Some(p) => {
                i += p.len;
                out.push(p);
            }
            None => i += 1,
        }
    }
    out
}

/// The longest passage starting at token `i` of A (its window hash `key`), the first in B's text
/// order among the longest.
fn longest_passage_at(
    a: &[u64],
    b: &[u64],
    i: usize,
    key: u64,
    b_grams: &[(u64, u32)],
) -> Option<Passage> {
    let k = PASSAGE_WORDS;
    let mut best: Option<Passage> = None;
    let from = b_grams.partition_point(|g| g.0 < key);
    // candidates in B in text order, as the windows are sorted by (hash, position)
    let same_key = b_grams[from..].iter().take_while(|g| g.0 == key);
    for j in same_key.map(|g| g.1 as usize) {
        if a[i..i + k] != b[j..j + k] {
            continue;
        }
        let len = k + common_run(&a[i + k..], &b[j + k..]);
        if best.is_none_or(|p| len > p.len) {
            best = Some(Passage {
                a_start: i,
                b_start: j,
                len,
            });
        }
    }
    best
}

/// The number of equal elements at the start of both.
fn common_run(a: &[u64], b: &[u64]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
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
    use crate::stories::intersect_count;

    fn prep(t: &str) -> Aligned {
        prepare("d", "s", t, 0, &Context::english())
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
        assert!(
            al.shared_quotes.is_empty(),
            "no part is the whole quotation"
        );
        assert_eq!(
            al.contained_quotes.len(),
            2,
            "both parts are in the whole one"
        );
        assert_eq!((al.quotes_only_a, al.quotes_only_b), (0, 0));
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
}
