//! The story tables of aligned pairs: alignment.csv, shared_quotes.csv, passages.csv. Each table
//! is one list of its columns (name, and how a cell is computed from its row).

use super::align::{scare_set, Aligned, Alignment, Passage, SharedQuote};
use crate::count::DocRow;
use crate::error::{Error, Result};
use crate::text::offsets::{floor_boundary, CharIndex};
use crate::text::quotes::Quote;
use polars::prelude::*;
use std::collections::HashMap;

/// One aligned pair: the story, the two documents (indices into the counted documents) and
/// their alignment.
pub(super) struct PairRow {
    /// Story id.
    pub story: String,
    /// Document A.
    pub a: usize,
    /// Document B.
    pub b: usize,
    pub alignment: Alignment,
}

/// How the cells of a column are computed from a row of type `R` (its view of the pair).
pub(super) enum Cells<R> {
    /// Text.
    Text(fn(&R) -> String),
    /// A count (UInt64).
    Count(fn(&R) -> u64),
    /// A measure (Float64).
    Real(fn(&R) -> f64),
    /// A measure a row may lack (Float64 with nulls).
    MaybeReal(fn(&R) -> Option<f64>),
}

impl<R> Cells<R> {
    /// The column `name` of `rows`.
    fn column(&self, name: &str, rows: &[R]) -> Column {
        match self {
            Cells::Text(f) => Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>()),
            Cells::Count(f) => Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>()),
            Cells::Real(f) => Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>()),
            Cells::MaybeReal(f) => Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>()),
        }
    }
}

/// The frame of `rows` with `columns`.
pub(super) fn frame<R>(table: &str, columns: &[(&str, Cells<R>)], rows: &[R]) -> Result<DataFrame> {
    let cols = columns
        .iter()
        .map(|(name, cells)| cells.column(name, rows))
        .collect();
    DataFrame::new(rows.len(), cols).map_err(Error::polars(table))
}

/// A character index for every document of `rows`, built once per document instead of once per
/// pair (a document is in many pairs).
fn char_indexes<'a>(
    al: &'a HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> HashMap<usize, CharIndex<'a>> {
    let mut out = HashMap::new();
    for r in rows {
        for i in [r.a, r.b] {
            if let Some(d) = al.get(&i) {
                out.entry(i).or_insert_with(|| CharIndex::new(&d.text));
            }
        }
    }
    out
}

fn join(v: &[String]) -> String {
    v.join(";")
}

/// A row of alignment.csv: a pair with its documents' rows and scare quotes.
struct PairView<'a> {
    r: &'a PairRow,
    a: &'a DocRow,
    b: &'a DocRow,
    scare_a: &'a [String],
    scare_b: &'a [String],
}

impl PairView<'_> {
    fn al(&self) -> &Alignment {
        &self.r.alignment
    }
}

/// The columns of alignment.csv.
fn alignment_columns<'a>() -> Vec<(&'static str, Cells<PairView<'a>>)> {
    vec![
        ("story_id", Cells::Text(|p| p.r.story.clone())),
        ("doc_a", Cells::Text(|p| p.a.doc_id.clone())),
        ("doc_b", Cells::Text(|p| p.b.doc_id.clone())),
        ("source_a", Cells::Text(|p| p.a.source.clone())),
        ("source_b", Cells::Text(|p| p.b.source.clone())),
        (
            "shared_quotes",
            Cells::Count(|p| p.al().shared_quotes.len() as u64),
        ),
        (
            "contained_quotes",
            Cells::Count(|p| p.al().contained_quotes.len() as u64),
        ),
        (
            "quotes_only_a",
            Cells::Count(|p| p.al().quotes_only_a as u64),
        ),
        (
            "quotes_only_b",
            Cells::Count(|p| p.al().quotes_only_b as u64),
        ),
        (
            "shared_numbers",
            Cells::Count(|p| p.al().shared_numbers.len() as u64),
        ),
        (
            "numbers_only_a",
            Cells::Count(|p| p.al().numbers_only_a.len() as u64),
        ),
        (
            "numbers_only_b",
            Cells::Count(|p| p.al().numbers_only_b.len() as u64),
        ),
        ("reused_share_a", Cells::Real(|p| p.al().reused_share_a)),
        ("reused_share_b", Cells::Real(|p| p.al().reused_share_b)),
        ("hedges_per_1k_a", Cells::Real(|p| hedge_rate(p.a))),
        ("hedges_per_1k_b", Cells::Real(|p| hedge_rate(p.b))),
        ("scare_quotes_a", Cells::Count(|p| p.a.quotes_by_kind[1])),
        ("scare_quotes_b", Cells::Count(|p| p.b.quotes_by_kind[1])),
        (
            "shared_number_list",
            Cells::Text(|p| join(&p.al().shared_numbers)),
        ),
        (
            "scare_shared",
            Cells::Text(|p| join_if(p.scare_a, |q| p.scare_b.contains(q))),
        ),
        (
            "scare_only_a",
            Cells::Text(|p| join_if(p.scare_a, |q| !p.scare_b.contains(q))),
        ),
        (
            "scare_only_b",
            Cells::Text(|p| join_if(p.scare_b, |q| !p.scare_a.contains(q))),
        ),
    ]
}

/// Hedges per 1,000 tokens of a document (NaN without tokens).
fn hedge_rate(d: &DocRow) -> f64 {
    if d.n_tokens > 0 {
        d.n_hedges as f64 / d.n_tokens as f64 * 1000.0
    } else {
        f64::NAN
    }
}

/// The strings of `v` that `keep`, joined.
fn join_if(v: &[String], keep: impl Fn(&String) -> bool) -> String {
    join(&v.iter().filter(|q| keep(q)).cloned().collect::<Vec<_>>())
}

pub(super) fn alignment_df(
    docs: &[DocRow],
    al: &HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> Result<DataFrame> {
    let scare_sets = scare_sets(al, rows);
    let scare = |i: usize| scare_sets.get(&i).map_or(&[][..], Vec::as_slice);
    let views: Vec<PairView> = rows
        .iter()
        .map(|r| PairView {
            r,
            a: &docs[r.a],
            b: &docs[r.b],
            scare_a: scare(r.a),
            scare_b: scare(r.b),
        })
        .collect();
    frame("alignment", &alignment_columns(), &views)
}

/// Each document's scare quotes, once, not once per pair and column.
fn scare_sets(al: &HashMap<usize, Aligned>, rows: &[PairRow]) -> HashMap<usize, Vec<String>> {
    rows.iter()
        .flat_map(|r| [r.a, r.b])
        .filter_map(|i| al.get(&i).map(|d| (i, scare_set(d))))
        .collect()
}

/// A row of shared_quotes.csv: a quotation found in both documents of a pair.
struct QuotePairView<'a> {
    r: &'a PairRow,
    a: &'a DocRow,
    b: &'a DocRow,
    da: &'a Aligned,
    db: &'a Aligned,
    ca: &'a CharIndex<'a>,
    cb: &'a CharIndex<'a>,
    sq: &'a SharedQuote,
    /// "same" or "contained" (a part of a longer quotation).
    relation: &'static str,
}

impl QuotePairView<'_> {
    fn qa(&self) -> &Quote {
        &self.da.quotes[self.sq.a]
    }

    fn qb(&self) -> &Quote {
        &self.db.quotes[self.sq.b]
    }
}

/// The columns of shared_quotes.csv.
fn shared_quote_columns<'a>() -> Vec<(&'static str, Cells<QuotePairView<'a>>)> {
    vec![
        ("story_id", Cells::Text(|p| p.r.story.clone())),
        ("doc_a", Cells::Text(|p| p.a.doc_id.clone())),
        ("doc_b", Cells::Text(|p| p.b.doc_id.clone())),
        ("source_a", Cells::Text(|p| p.a.source.clone())),
        ("source_b", Cells::Text(|p| p.b.source.clone())),
        ("start_char_a", Cells::Count(|p| p.ca.char_at(p.qa().start))),
        ("end_char_a", Cells::Count(|p| p.ca.char_at(p.qa().end))),
        ("start_char_b", Cells::Count(|p| p.cb.char_at(p.qb().start))),
        ("end_char_b", Cells::Count(|p| p.cb.char_at(p.qb().end))),
        ("relation", Cells::Text(|p| p.relation.to_string())),
        ("kind_a", Cells::Text(|p| p.qa().kind.as_str().to_string())),
        ("kind_b", Cells::Text(|p| p.qb().kind.as_str().to_string())),
        ("speaker_a", Cells::Text(|p| p.qa().speaker.clone())),
        ("speaker_b", Cells::Text(|p| p.qb().speaker.clone())),
        ("cue_a", Cells::Text(|p| p.qa().cue.clone())),
        ("cue_b", Cells::Text(|p| p.qb().cue.clone())),
        ("stance_a", Cells::Text(|p| stance(p.qa()))),
        ("stance_b", Cells::Text(|p| stance(p.qb()))),
        (
            "attribution_a",
            Cells::Text(|p| attribution(&p.da.text, p.qa())),
        ),
        (
            "attribution_b",
            Cells::Text(|p| attribution(&p.db.text, p.qb())),
        ),
        ("overlap", Cells::Real(|p| p.sq.overlap)),
        (
            "text_a",
            Cells::Text(|p| folded(&p.da.text[p.qa().start..p.qa().end])),
        ),
        (
            "text_b",
            Cells::Text(|p| folded(&p.db.text[p.qb().start..p.qb().end])),
        ),
    ]
}

/// A quote's stance, or nothing.
fn stance(q: &Quote) -> String {
    q.stance.map(|s| s.as_str().to_string()).unwrap_or_default()
}

/// Text with its runs of white space folded to one space.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn shared_quotes_df(
    docs: &[DocRow],
    al: &HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> Result<DataFrame> {
    let chars = char_indexes(al, rows);
    let mut views = Vec::new();
    for r in rows {
        for (sq, relation) in quote_relations(&r.alignment) {
            views.push(QuotePairView {
                r,
                a: &docs[r.a],
                b: &docs[r.b],
                da: &al[&r.a],
                db: &al[&r.b],
                ca: &chars[&r.a],
                cb: &chars[&r.b],
                sq,
                relation,
            });
        }
    }
    frame("shared_quotes", &shared_quote_columns(), &views)
}

/// A pair's shared quotations, "same" then "contained" (a part of a longer quotation).
fn quote_relations(al: &Alignment) -> impl Iterator<Item = (&SharedQuote, &'static str)> {
    let same = al.shared_quotes.iter().map(|q| (q, "same"));
    let parts = al.contained_quotes.iter().map(|q| (q, "contained"));
    same.chain(parts)
}

/// The words that attribute a quote, as written ("a source allegedly told JoongAng"), so that
/// hedged and plain attributions of the same quotation can be told apart.
fn attribution(text: &str, q: &Quote) -> String {
    let Some((cs, ce)) = q.cue_span else {
        return String::new();
    };
    let raw = if cs >= q.end {
        &text[q.end..attribution_end(text, ce)]
    } else {
        &text[attribution_start(text, cs)..q.start]
    };
    raw.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where an attribution after its quote ends: at the end of the clause after the cue (which
/// ends at `ce`), 60 bytes after the cue at most.
fn attribution_end(text: &str, ce: usize) -> usize {
    text[ce..]
        .find(['.', '\n', ';'])
        .map(|i| ce + i)
        .unwrap_or(text.len())
        .min(floor_boundary(text, ce + 60))
}

/// Where an attribution before its quote begins: after the last sentence or clause break in
/// the 80 bytes before the cue (which starts at `cs`), else after their first space.
fn attribution_start(text: &str, cs: usize) -> usize {
    let from = floor_boundary(text, cs.saturating_sub(80));
    match text[from..cs].rfind(['.', '\n', '”', '"', ',']) {
        Some(i) => from + i + text[from + i..].chars().next().map_or(1, char::len_utf8),
        None => text[from..cs]
            .find(' ')
            .map(|i| from + i + 1)
            .unwrap_or(from),
    }
}

/// A row of passages.csv: a reused passage of a pair, with its byte spans in both documents.
struct PassageView<'a> {
    r: &'a PairRow,
    a: &'a DocRow,
    b: &'a DocRow,
    x: &'a Aligned,
    ca: &'a CharIndex<'a>,
    cb: &'a CharIndex<'a>,
    p: &'a Passage,
    span_a: (usize, usize),
    span_b: (usize, usize),
}

/// The columns of passages.csv.
fn passage_columns<'a>() -> Vec<(&'static str, Cells<PassageView<'a>>)> {
    vec![
        ("story_id", Cells::Text(|p| p.r.story.clone())),
        ("doc_a", Cells::Text(|p| p.a.doc_id.clone())),
        ("doc_b", Cells::Text(|p| p.b.doc_id.clone())),
        ("start_char_a", Cells::Count(|p| p.ca.char_at(p.span_a.0))),
        ("end_char_a", Cells::Count(|p| p.ca.char_at(p.span_a.1))),
        ("start_char_b", Cells::Count(|p| p.cb.char_at(p.span_b.0))),
        ("end_char_b", Cells::Count(|p| p.cb.char_at(p.span_b.1))),
        ("n_tokens", Cells::Count(|p| p.p.len as u64)),
        (
            "text_a",
            Cells::Text(|p| folded(&p.x.text[p.span_a.0..p.span_a.1])),
        ),
    ]
}

/// Byte span of `len` tokens of a document from token `start`.
fn token_span(d: &Aligned, start: usize, len: usize) -> (usize, usize) {
    (
        d.tokens[start].0 as usize,
        d.tokens[start + len - 1].1 as usize,
    )
}

pub(super) fn passages_df(
    docs: &[DocRow],
    al: &HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> Result<DataFrame> {
    let chars = char_indexes(al, rows);
    let mut views = Vec::new();
    for r in rows {
        let (x, y) = (&al[&r.a], &al[&r.b]);
        for p in &r.alignment.passages {
            views.push(PassageView {
                r,
                a: &docs[r.a],
                b: &docs[r.b],
                x,
                ca: &chars[&r.a],
                cb: &chars[&r.b],
                p,
                span_a: token_span(x, p.a_start, p.len),
                span_b: token_span(y, p.b_start, p.len),
            });
        }
    }
    frame("passages", &passage_columns(), &views)
}
