//! `explore.html`: one self-contained page (script, style and data inline; no network) where a
//! researcher plots the terms of any two groups (or one against the rest), searches and clicks a
//! term to read its concordance lines in both, and sorts and filters the tables of sources,
//! terms, speakers and stories.
//!
//! The page is kept small by design ([`Bounds`]): the [`EXPLORE_GROUPS`] groups with most
//! documents, each one's [`FREQUENT_TERMS`] most frequent and [`KEY_TERMS`] most over-used
//! terms, and at most [`LINES_PER_CELL`] concordance lines per term and group, of
//! [`CONTEXT_CHARS`] characters each side. Its size is held under [`SIZE_BUDGET`] bytes.
//!
//! The work is split in three so that none of it needs another pass over the input:
//! [`select`] chooses the terms and the documents to quote while the documents' term lists are
//! still in memory; [`find_lines`] cuts the lines from those documents' texts during the story
//! stage's second read; [`write`] writes the page once the story pages are known.

use super::figures::{col_f64, col_str};
use super::own_names::OwnNames;
use crate::analysis::StoryLink;
use crate::count::{Acc, Contexts, DocRow};
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::io::read::Document;
use crate::text::offsets::{kwic_left, kwic_right};
use crate::text::tokenize::normalize_into;
use polars::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Groups the explorer holds (those with most documents); the others count in "the rest".
pub const EXPLORE_GROUPS: usize = 30;
/// Each explorer group's most frequent terms plotted.
pub const FREQUENT_TERMS: usize = 60;
/// Each explorer group's most over-used terms (highest G²) plotted.
pub const KEY_TERMS: usize = 30;
/// Concordance lines kept per term and group.
pub const LINES_PER_CELL: usize = 2;
/// Characters of context on each side of a concordance line.
pub const CONTEXT_CHARS: usize = 45;
/// The size `explore.html` is held under: past it, concordance lines are dropped (the last
/// groups' first) and the page says so.
pub const SIZE_BUDGET: usize = 8 << 20;
/// Speakers listed per explorer group.
const SPEAKERS_PER_GROUP: usize = 25;

/// The explorer's bounds, as the page states them.
pub struct Bounds;

impl Bounds {
    /// One sentence for the page and the report.
    pub fn sentence() -> String {
        format!("the {EXPLORE_GROUPS} groups with most documents; each one's {FREQUENT_TERMS} most frequent and {KEY_TERMS} most over-used terms; up to {LINES_PER_CELL} concordance lines per term and group ({CONTEXT_CHARS} characters each side); page held under {} MB", SIZE_BUDGET >> 20)
    }
}

/// A plotted term: its stem (the term of terms.csv), its most frequent written form, its count
/// in the whole corpus, and its count in each explorer group.
#[derive(Debug, Clone)]
pub struct ExTerm {
    /// Stem (the term of terms.csv).
    pub stem: String,
    /// Most frequent written form.
    pub surface: String,
    /// Count in the whole corpus.
    pub total: u64,
    /// Count in each explorer group (by index).
    pub counts: BTreeMap<usize, u64>,
}

/// What the explorer shows, chosen from the tables and the documents' term lists.
#[derive(Debug, Default)]
pub struct Selection {
    /// Explorer groups, most documents first.
    pub groups: Vec<String>,
    /// Term tokens of each explorer group (the keyness denominator).
    pub group_totals: Vec<u64>,
    /// Term tokens of the whole corpus.
    pub corpus_total: u64,
    /// The plotted terms.
    pub terms: Vec<ExTerm>,
    /// Term index by stem.
    by_stem: HashMap<String, usize>,
    /// Term index by stem id of the counted documents.
    by_id: Vec<Option<usize>>,
    /// The documents to quote (input order → index into the counted documents).
    pub wanted: HashMap<u64, usize>,
    /// For each document to quote, the (term, group) cells it gives a line to.
    cells: HashMap<usize, Vec<(usize, usize)>>,
}

/// One concordance line: term, explorer group, document (index into the counted documents),
/// and the line's three parts.
#[derive(Debug, Clone, PartialEq)]
pub struct ExLine {
    /// Term index.
    pub term: usize,
    /// Explorer group index.
    pub group: usize,
    /// Index into the counted documents.
    pub doc: usize,
    /// Left context.
    pub left: String,
    /// The term as written.
    pub matched: String,
    /// Right context.
    pub right: String,
}

/// Chooses the groups, terms and documents of the explorer. Needs the documents' term lists
/// (before they are dropped) and the terms table (single-word rows: `source` is the group).
pub fn select(terms: &DataFrame, acc: &Acc) -> Result<Selection> {
    let groups = top_groups(&acc.docs);
    let gi = group_index(&groups);
    let rows = TermRows::read(terms)?;
    let mut sel = Selection {
        group_totals: vec![0; groups.len()],
        ..Selection::default()
    };
    pick_terms(&mut sel, &rows, &gi);
    count_terms(&mut sel, &rows, &gi);
    sel.groups = groups;
    pick_documents(&mut sel, acc);
    Ok(sel)
}

/// The index of each explorer group by name.
fn group_index(groups: &[String]) -> HashMap<&str, usize> {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.as_str(), i))
        .collect()
}

/// The [`EXPLORE_GROUPS`] groups with most documents (then by name).
fn top_groups(docs: &[DocRow]) -> Vec<String> {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        *n.entry(d.group.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = n.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter()
        .take(EXPLORE_GROUPS)
        .map(|(g, _)| g.to_string())
        .collect()
}

/// The single-word rows of the terms table, as read.
struct TermRows {
    source: Vec<String>,
    term: Vec<String>,
    surface: Vec<String>,
    count: Vec<f64>,
    total: Vec<f64>,
    g2: Vec<f64>,
    unigram: Vec<bool>,
}

impl TermRows {
    fn read(t: &DataFrame) -> Result<TermRows> {
        let n = col_f64(t, "n")?;
        Ok(TermRows {
            source: col_str(t, "source")?,
            term: col_str(t, "term")?,
            surface: col_str(t, "surface")?,
            count: col_f64(t, "count")?,
            total: col_f64(t, "total")?,
            g2: col_f64(t, "g2")?,
            unigram: n.iter().map(|&v| v == 1.0).collect(),
        })
    }

    fn len(&self) -> usize {
        self.source.len()
    }
}

/// Each explorer group's most frequent and most over-used terms, in first-chosen order.
fn pick_terms(sel: &mut Selection, rows: &TermRows, gi: &HashMap<&str, usize>) {
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); gi.len()];
    for i in 0..rows.len() {
        if let Some(&g) = gi.get(rows.source[i].as_str()) {
            if rows.unigram[i] {
                by_group[g].push(i);
            }
        }
    }
    for list in by_group {
        for i in rows.chosen(list) {
            sel.add_term(rows, i);
        }
    }
}

impl TermRows {
    /// Of a group's rows, the [`FREQUENT_TERMS`] most frequent, then the [`KEY_TERMS`] most
    /// over-used (ties in row order).
    fn chosen(&self, mut list: Vec<usize>) -> Vec<usize> {
        let mut freq = list.clone();
        freq.sort_by(|&a, &b| self.count[b].total_cmp(&self.count[a]).then(a.cmp(&b)));
        list.retain(|&i| self.g2[i] > 0.0);
        list.sort_by(|&a, &b| self.g2[b].total_cmp(&self.g2[a]).then(a.cmp(&b)));
        let key = list.into_iter().take(KEY_TERMS);
        freq.into_iter().take(FREQUENT_TERMS).chain(key).collect()
    }
}

impl Selection {
    /// Adds the term of row `i`, unless it is chosen already.
    fn add_term(&mut self, rows: &TermRows, i: usize) {
        if self.by_stem.contains_key(&rows.term[i]) {
            return;
        }
        self.by_stem.insert(rows.term[i].clone(), self.terms.len());
        self.terms.push(ExTerm {
            stem: rows.term[i].clone(),
            surface: rows.surface[i].clone(),
            total: 0,
            counts: BTreeMap::new(),
        });
    }
}

/// The chosen terms' counts in every explorer group and in the corpus, and the groups' totals.
fn count_terms(sel: &mut Selection, rows: &TermRows, gi: &HashMap<&str, usize>) {
    let mut seen_total: HashMap<&str, ()> = HashMap::new();
    for i in 0..rows.len() {
        if seen_total.insert(rows.source[i].as_str(), ()).is_none() && rows.total[i].is_finite() {
            sel.corpus_total += rows.total[i] as u64;
            if let Some(&g) = gi.get(rows.source[i].as_str()) {
                sel.group_totals[g] = rows.total[i] as u64;
            }
        }
        if !rows.unigram[i] {
            continue;
        }
        if let Some(&t) = sel.by_stem.get(&rows.term[i]) {
            let c = rows.count[i] as u64;
            sel.terms[t].total += c;
            if let Some(&g) = gi.get(rows.source[i].as_str()) {
                sel.terms[t].counts.insert(g, c);
            }
        }
    }
}

/// For each (term, group) cell, the first [`LINES_PER_CELL`] documents of the group (input
/// order, copies left out) that hold the term.
fn pick_documents(sel: &mut Selection, acc: &Acc) {
    sel.by_id = (0..acc.n_stems() as u32)
        .map(|id| sel.by_stem.get(acc.stem(id).0).copied())
        .collect();
    let groups = sel.groups.clone();
    let gi = group_index(&groups);
    let mut filled = vec![0u8; sel.terms.len() * sel.groups.len().max(1)];
    for (di, d) in acc.docs.iter().enumerate() {
        let Some(&g) = gi.get(d.group.as_str()) else {
            continue;
        };
        if d.duplicate_of.is_none() {
            sel.pick_cells(di, d, g, &mut filled);
        }
    }
}

impl Selection {
    /// Chooses document `di` (of explorer group `g`) for each cell of a chosen term it holds
    /// that has fewer than [`LINES_PER_CELL`] documents (`filled`: documents by cell).
    fn pick_cells(&mut self, di: usize, d: &DocRow, g: usize, filled: &mut [u8]) {
        for &(id, _) in &d.terms {
            let Some(t) = self.by_id.get(id as usize).copied().flatten() else {
                continue;
            };
            let k = t * self.groups.len() + g;
            if (filled[k] as usize) < LINES_PER_CELL {
                filled[k] += 1;
                self.cells.entry(di).or_default().push((t, g));
                self.wanted.insert(d.seq, di);
            }
        }
    }
}

/// The concordance lines of the chosen documents among `texts` (by index into the counted
/// documents): for each cell a document was chosen for, the term's first occurrence.
/// Each document is tokenized by the context it was counted in (its language's rules), so that
/// a term found here is the one counted.
pub fn find_lines(
    sel: &Selection,
    texts: &HashMap<usize, Document>,
    acc: &Acc,
    contexts: Contexts,
) -> Vec<ExLine> {
    use rayon::prelude::*;
    let docs: Vec<(&usize, &Document)> = texts
        .iter()
        .filter(|(i, _)| sel.cells.contains_key(i))
        .collect();
    let mut lines: Vec<ExLine> = docs
        .par_iter()
        .flat_map_iter(|(i, d)| lines_of(sel, **i, d, acc, contexts))
        .collect();
    lines.sort_by(|a, b| (a.term, a.group, a.doc).cmp(&(b.term, b.group, b.doc)));
    lines
}

/// One document's lines: the first occurrence of each term it was chosen for.
fn lines_of(
    sel: &Selection,
    di: usize,
    d: &Document,
    acc: &Acc,
    contexts: Contexts,
) -> Vec<ExLine> {
    let Some(cells) = sel.cells.get(&di) else {
        return Vec::new();
    };
    let mut open: HashMap<usize, usize> = cells.iter().map(|&(t, g)| (t, g)).collect();
    let mut out = Vec::new();
    let ctx = contexts.of(acc.docs[di].language.as_deref());
    let tk = ctx.normalizer.tokenize_at(&d.text, d.body);
    let mut w = String::new();
    for tok in &tk.tokens {
        if open.is_empty() {
            break;
        }
        let (s, e) = (tok.start as usize, tok.end as usize);
        normalize_into(&d.text[s..e], &mut w);
        let term = acc
            .term_of_word(&w)
            .and_then(|id| sel.by_id.get(id as usize).copied().flatten());
        let Some(t) = term else {
            continue;
        };
        if let Some(g) = open.remove(&t) {
            out.push(ExLine::at(d, s..e, (t, g, di)));
        }
    }
    out
}

impl ExLine {
    /// The line of the word at `span` of document `d`: term `t` of group `g` in document `di`.
    fn at(d: &Document, span: std::ops::Range<usize>, (t, g, di): (usize, usize, usize)) -> Self {
        ExLine {
            term: t,
            group: g,
            doc: di,
            left: kwic_left(&d.text, d.body, span.start, CONTEXT_CHARS),
            matched: d.text[span.clone()].to_string(),
            right: kwic_right(&d.text, span.end, CONTEXT_CHARS),
        }
    }
}

/// What the page is written from.
pub struct PageInput<'a> {
    /// The report's name.
    pub name: &'a str,
    /// `source`, or the `--group-by` fields joined by `, `.
    pub grouping: &'a str,
    /// What the explorer shows.
    pub sel: &'a Selection,
    /// The concordance lines found.
    pub lines: &'a [ExLine],
    /// The counted documents.
    pub docs: &'a [DocRow],
    /// sources.csv as built (one row per group).
    pub sources: &'a DataFrame,
    /// speakers.csv as built.
    pub speakers: &'a DataFrame,
    /// The story pages, most sources first.
    pub stories: &'a [StoryLink],
    /// The story page (with `#doc_id`) of each document shown on one.
    pub doc_pages: &'a HashMap<usize, String>,
    /// Keyness significance level (Bonferroni-corrected over the plotted terms in the page).
    pub alpha: f64,
    /// The groups' own names.
    pub own: &'a OwnNames,
}

/// Writes `explore.html` into `dir`; returns its size in bytes.
pub fn write(dir: &Path, p: &PageInput) -> Result<usize> {
    let mut kept = p.lines.len();
    loop {
        let data = page_data(p, &p.lines[..kept], kept < p.lines.len())?;
        let html = page_html(p, &data);
        if html.len() <= SIZE_BUDGET || kept == 0 {
            write_atomic(&dir.join("explore.html"), html.as_bytes())?;
            return Ok(html.len());
        }
        // over budget: keep lines of fewer cells (the lines are by term, so drop from the end)
        kept = kept * 3 / 4;
    }
}

/// The page: the style, the data as JSON (every `<` escaped) and the script, inline.
fn page_html(p: &PageInput, data: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>hedgerow explorer: {name}</title><style>{css}</style></head><body>\n{body}\n<script id=\"data\" type=\"application/json\">{data}</script>\n<script>{js}</script></body></html>\n",
        name = super::html::esc(p.name),
        css = include_str!("explore.css"),
        body = include_str!("explore_body.html"),
        js = include_str!("explore.js"),
    )
}

/// The page's data as JSON, with `</` written `<\/` so no string ends the script element.
fn page_data(p: &PageInput, lines: &[ExLine], trimmed: bool) -> Result<String> {
    let sel = p.sel;
    let doc_ix = doc_indexes(lines);
    let docs = doc_rows(p, &doc_ix);
    let v = json!({
        "name": p.name,
        "grouping": p.grouping,
        "bounds": Bounds::sentence(),
        "trimmed": trimmed,
        "groups": sel.groups,
        "groupTotals": sel.group_totals,
        "corpusTotal": sel.corpus_total,
        "crit": critical_g2(p.alpha, sel.terms.len().max(1)),
        "alpha": p.alpha,
        "terms": sel.terms.iter().map(|t| json!([t.surface, t.stem, t.total, t.counts.iter().map(|(g, c)| json!([g, c])).collect::<Vec<_>>()])).collect::<Vec<_>>(),
        "own": sel.groups.iter().map(|g| own_term_indices(sel, p.own, g)).collect::<Vec<_>>(),
        "docs": docs,
        "lines": lines.iter().map(|l| json!([l.term, l.group, doc_ix[&l.doc], l.left, l.matched, l.right])).collect::<Vec<_>>(),
        "sources": source_rows(p.sources)?,
        "speakers": speaker_rows(p.speakers, &sel.groups)?,
        "stories": p.stories.iter().map(|s| json!([s.id, s.label, s.n_sources, s.n_docs, s.sources, s.file])).collect::<Vec<_>>(),
    });
    let s =
        serde_json::to_string(&v).map_err(|e| Error::Internal(format!("explorer data: {e}")))?;
    // `<` only occurs inside JSON strings: written as \u003c, no text can open or close a tag
    // (nor a comment) in the script element
    Ok(s.replace('<', "\\u003c"))
}

/// The documents of the lines, numbered in order of their first line.
fn doc_indexes(lines: &[ExLine]) -> BTreeMap<usize, usize> {
    let mut doc_ix: BTreeMap<usize, usize> = BTreeMap::new();
    for l in lines {
        let n = doc_ix.len();
        doc_ix.entry(l.doc).or_insert(n);
    }
    doc_ix
}

/// The page's row of each document of the lines (by its number in `doc_ix`): id, source,
/// title, date and link.
fn doc_rows(p: &PageInput, doc_ix: &BTreeMap<usize, usize>) -> Vec<Value> {
    let mut docs = vec![Value::Null; doc_ix.len()];
    for (&di, &k) in doc_ix {
        let d = &p.docs[di];
        let link = doc_link(d, p.doc_pages.get(&di));
        docs[k] = json!([d.doc_id, d.source, d.title, d.date, link]);
    }
    docs
}

/// Where a concordance line links: the document on its story page, else its URL (http or https
/// only), else nowhere.
fn doc_link(d: &DocRow, page: Option<&String>) -> String {
    match page {
        Some(p) => p.clone(),
        None if d.url.starts_with("https://") || d.url.starts_with("http://") => d.url.clone(),
        None => String::new(),
    }
}

/// The plotted terms that are the group's own name.
fn own_term_indices(sel: &Selection, own: &OwnNames, group: &str) -> Vec<usize> {
    let words = own.words_of(group);
    sel.terms
        .iter()
        .enumerate()
        .filter(|(_, t)| words.matches(&t.stem, &t.surface))
        .map(|(i, _)| i)
        .collect()
}

/// The G² above which a term is key at `alpha`, Bonferroni-corrected over `n` terms: the
/// chi-square (one degree of freedom) quantile, by bisection on p = erfc(√(G²/2)).
pub fn critical_g2(alpha: f64, n: usize) -> f64 {
    let target = alpha / n as f64;
    let (mut lo, mut hi) = (0.0f64, 200.0f64);
    for _ in 0..100 {
        let mid = (lo + hi) / 2.0;
        if libm::erfc((mid / 2.0).sqrt()) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// One row per group: name, documents, tokens, hedges per 1k with its bootstrap interval, and
/// direct and scare quotes per 1k with a Poisson (normal approximation) 95% interval, quoted share.
fn source_rows(df: &DataFrame) -> Result<Vec<Value>> {
    let name = col_str(df, "source")?;
    let [docs, tokens, h, lo, hi, direct, scare, share] = [
        "n_docs",
        "n_tokens",
        "hedges_per_1k",
        "hedges_per_1k_lo",
        "hedges_per_1k_hi",
        "n_direct",
        "n_scare",
        "quoted_share",
    ]
    .map(|c| col_f64(df, c));
    let (docs, tokens, h, lo, hi) = (docs?, tokens?, h?, lo?, hi?);
    let (direct, scare, share) = (direct?, scare?, share?);
    Ok((0..name.len())
        .map(|i| {
            json!([
                name[i],
                docs[i],
                tokens[i],
                [r2(h[i]), r2(lo[i]), r2(hi[i])],
                poisson_rate(direct[i], tokens[i]),
                poisson_rate(scare[i], tokens[i]),
                r2(share[i])
            ])
        })
        .collect())
}

/// A count per 1,000 tokens with a 95% interval (count ± 1.96 √count, normal approximation to
/// the Poisson), as [rate, lo, hi].
pub fn poisson_rate(count: f64, tokens: f64) -> [f64; 3] {
    if !(tokens > 0.0) || !count.is_finite() {
        return [f64::NAN; 3];
    }
    let k = 1000.0 / tokens;
    let half = 1.96 * count.sqrt();
    [
        r2(count * k),
        r2((count - half).max(0.0) * k),
        r2((count + half) * k),
    ]
}

/// Rounded to two decimals (NaN stays NaN, written as null).
fn r2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The most-quoted speakers of each explorer group: group, speaker, type, quotes, documents.
fn speaker_rows(df: &DataFrame, groups: &[String]) -> Result<Vec<Value>> {
    let src = col_str(df, "source")?;
    let name = col_str(df, "speaker")?;
    let ty = col_str(df, "speaker_type")?;
    let nq = col_f64(df, "n_quotes")?;
    let nd = col_f64(df, "n_docs")?;
    let wanted: HashMap<&str, usize> = groups.iter().map(|g| (g.as_str(), 0)).collect();
    let mut taken = wanted;
    let mut out = Vec::new();
    // speakers.csv lists each source's speakers most-quoted first
    for i in 0..src.len() {
        if let Some(n) = taken.get_mut(src[i].as_str()) {
            if *n < SPEAKERS_PER_GROUP {
                *n += 1;
                out.push(json!([src[i], name[i], ty[i], nq[i], nd[i]]));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_g2_is_the_chi_square_quantile() {
        // chi-square(1) at p = 0.05 is 3.841; at 0.05 / 10 (Bonferroni) 7.879
        assert!((critical_g2(0.05, 1) - 3.841).abs() < 0.01);
        assert!((critical_g2(0.05, 10) - 7.879).abs() < 0.01);
    }

    #[test]
    fn poisson_rate_interval_brackets_the_rate() {
        let [r, lo, hi] = poisson_rate(100.0, 10_000.0);
        assert_eq!(r, 10.0);
        assert!((lo - 8.04).abs() < 0.01 && (hi - 11.96).abs() < 0.01);
        assert_eq!(poisson_rate(0.0, 1000.0), [0.0, 0.0, 0.0]);
    }

    #[test]
    fn top_groups_keep_those_with_most_documents() {
        let mk = |g: &str| DocRow {
            group: g.into(),
            ..DocRow::default()
        };
        let docs: Vec<DocRow> = ["a", "b", "b", "c", "c", "c"]
            .iter()
            .map(|g| mk(g))
            .collect();
        assert_eq!(top_groups(&docs), ["c", "b", "a"]);
    }
}
