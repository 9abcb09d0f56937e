//! terms.csv: counts per (source, term) with frequency, tf-idf and keyness derived from them.
//!
//! The table is made in three steps: sums over the counted data ([`Totals`]), one [`TermLine`]
//! per (source, term) kept, in output order, with the counts of its reference, and then the
//! columns, each computed from its line by the one list of columns, [`COLUMNS`] (the keyness
//! measures are the pure functions of [`super::keyness`]).

use super::keyness::{self, Contingency};
use super::{sr, u};
use crate::count::{Acc, TermCounts};
use crate::error::{Error, Result};
use polars::prelude::*;
use rayon::prelude::*;

/// What a source's terms are compared with for keyness.
#[derive(Debug, Clone, Default)]
pub enum Reference {
    /// The rest of the corpus (every other source or group).
    #[default]
    Rest,
    /// One named source or group (its own rows get no keyness).
    Group(String),
    /// An external frequency list: term (normalized and stemmed like the corpus) → count, and
    /// the list's total. Only single words are compared.
    List(ahash::AHashMap<String, u64>, u64),
}

/// Builds the terms table with frequencies, dispersion, tf-idf and keyness with its evidence:
/// the counts behind it, signed G² with its p-value and BIC, log ratio, %DIFF, and whether the
/// term is key at `alpha` with Bonferroni's correction over the terms of its size in its source.
pub fn terms(
    acc: &Acc,
    n_docs_total: u64,
    min_count: u64,
    alpha: f64,
    reference: &Reference,
) -> Result<DataFrame> {
    let totals = Totals::new(acc);
    let ref_group = reference_group(reference, &totals.sources)?;
    let mut rows = totals.lines(min_count);
    sort_lines(acc, &mut rows);
    let dp = dispersion(acc, &totals, &rows);
    for (r, dp) in rows.iter_mut().zip(dp) {
        r.dp = dp;
        (r.ref_count, r.ref_total) = totals.reference_of(acc, r, reference, ref_group);
        r.g2 = keyness::log_likelihood(&totals.contingency(acc, r));
    }
    let columns = columns(
        Sheet {
            acc,
            totals,
            surfaces: acc.surfaces(),
            n_docs: n_docs_total,
            alpha,
        },
        &rows,
    );
    DataFrame::new(rows.len(), columns).map_err(Error::polars("terms"))
}

/// The columns of terms.csv, each from its line by [`COLUMNS`] (in parallel).
fn columns(sheet: Sheet, rows: &[TermLine]) -> Vec<Column> {
    COLUMNS
        .par_iter()
        .map(|(name, cells)| cells.column(name, &sheet, rows))
        .collect()
}

/// The columns of terms.csv, in order: name, and how its cells are computed from a row (the
/// kind of [`Cells`] gives the column's type).
const COLUMNS: &[(&str, Cells)] = &[
    (
        "source",
        Cells::Text(|s, r| s.totals.sources[r.source as usize].name),
    ),
    ("term", Cells::Text(|s, r| s.acc.stem(r.stem).0)),
    // the most frequent surface form of the term
    ("surface", Cells::Text(|s, r| s.surfaces[r.stem as usize])),
    ("n", Cells::Count(|s, r| s.acc.stem(r.stem).1 as u64)),
    ("count", Cells::Count(|_, r| r.count)),
    ("per_10k", Cells::Real(|s, r| per_10k(&s.contingency(r)))),
    ("doc_freq", Cells::Count(|_, r| r.doc_freq)),
    ("dp", Cells::Real(|_, r| r.dp)),
    ("tfidf", Cells::Real(|s, r| s.tf_idf(r))),
    (
        "g2",
        Cells::MaybeReal(|s, r| keyness::signed_g2(&s.contingency(r), r.g2)),
    ),
    ("p_value", Cells::MaybeReal(|s, r| s.p_value(r))),
    (
        "bic",
        Cells::MaybeReal(|s, r| keyness::bic(&s.contingency(r), r.g2)),
    ),
    (
        "log_ratio",
        Cells::MaybeReal(|s, r| keyness::log_ratio(&s.contingency(r))),
    ),
    (
        "pct_diff",
        Cells::MaybeReal(|s, r| keyness::pct_diff(&s.contingency(r))),
    ),
    ("significant", Cells::MaybeFlag(|s, r| s.significant(r))),
    ("count_ref", Cells::Count(|_, r| r.ref_count)),
    // tokens of the term's n-gram size in the source, and in the reference
    ("total", Cells::Count(|s, r| s.totals.source_size(s.acc, r))),
    ("total_ref", Cells::Count(|_, r| r.ref_total)),
];

/// Occurrences per 10,000 tokens of the source.
fn per_10k(k: &Contingency) -> f64 {
    keyness::per_10k(k.a, k.c)
}

/// How the cells of a column are computed from a row of the table.
enum Cells {
    /// Text (UTF-8).
    Text(for<'t> fn(&Sheet<'t>, &TermLine) -> &'t str),
    /// A count (UInt64).
    Count(fn(&Sheet, &TermLine) -> u64),
    /// A measure (Float64).
    Real(fn(&Sheet, &TermLine) -> f64),
    /// A measure that a row may lack (Float64 with nulls).
    MaybeReal(fn(&Sheet, &TermLine) -> Option<f64>),
    /// A yes or no that a row may lack (Boolean with nulls).
    MaybeFlag(fn(&Sheet, &TermLine) -> Option<bool>),
}

impl Cells {
    /// The column `name` of `rows`.
    fn column(&self, name: &str, sheet: &Sheet, rows: &[TermLine]) -> Column {
        match self {
            Cells::Text(f) => sr(name, rows.iter().map(|r| f(sheet, r)).collect()),
            Cells::Count(f) => u(name, rows.iter().map(|r| f(sheet, r)).collect()),
            Cells::Real(f) => {
                let v: Vec<f64> = rows.iter().map(|r| f(sheet, r)).collect();
                Column::new(name.into(), v)
            }
            Cells::MaybeReal(f) => {
                let v: Vec<Option<f64>> = rows.iter().map(|r| f(sheet, r)).collect();
                Column::new(name.into(), v)
            }
            Cells::MaybeFlag(f) => {
                let v: Vec<Option<bool>> = rows.iter().map(|r| f(sheet, r)).collect();
                Column::new(name.into(), v)
            }
        }
    }
}

/// What the columns are computed from besides their rows.
struct Sheet<'t> {
    acc: &'t Acc,
    totals: Totals<'t>,
    /// Most frequent surface form of every stem.
    surfaces: Vec<&'t str>,
    /// Documents in the corpus (tf-idf).
    n_docs: u64,
    /// Significance level before Bonferroni's correction.
    alpha: f64,
}

impl Sheet<'_> {
    fn contingency(&self, r: &TermLine) -> Contingency {
        self.totals.contingency(self.acc, r)
    }

    fn tf_idf(&self, r: &TermLine) -> f64 {
        keyness::tf_idf(r.count, self.n_docs, self.totals.stems[r.stem as usize][1])
    }

    /// The p-value of the row's G², when it has a reference.
    fn p_value(&self, r: &TermLine) -> Option<f64> {
        (r.ref_total > 0).then(|| keyness::g2_p_value(r.g2))
    }

    /// Whether the term is key at `alpha` with Bonferroni's correction over the terms tested of
    /// its size in its source.
    fn significant(&self, r: &TermLine) -> Option<bool> {
        let family = self.totals.tested[r.source as usize][self.acc.stem(r.stem).1 as usize];
        self.p_value(r)
            .map(|p| keyness::significant(p, self.alpha, family.max(1) as f64))
    }
}

/// A source (or `--group-by` group) with its term counts.
struct Source<'a> {
    name: &'a str,
    counts: &'a TermCounts,
}

/// Sums over the counted data, taken in one pass (grouping millions of rows by a string key in
/// polars costs seconds): stems are dense ids, sources are ranked by name, n-gram sizes are 1 to
/// 3, so these are plain arrays.
struct Totals<'a> {
    /// The sources, by name.
    sources: Vec<Source<'a>>,
    /// Per stem: its count and its document frequency over all sources.
    stems: Vec<[u64; 2]>,
    /// Per source and n-gram size: term tokens.
    source: Vec<[u64; 4]>,
    /// Per n-gram size: term tokens of all sources.
    all: [u64; 4],
    /// Per source and n-gram size: terms tested (the Bonferroni family).
    tested: Vec<[u64; 4]>,
}

impl<'a> Totals<'a> {
    fn new(acc: &'a Acc) -> Self {
        let mut sources: Vec<Source> = acc
            .terms
            .iter()
            .map(|(name, counts)| Source { name, counts })
            .collect();
        sources.sort_unstable_by(|x, y| x.name.cmp(y.name));
        let mut t = Totals {
            stems: vec![[0; 2]; acc.n_stems()],
            source: vec![[0; 4]; sources.len()],
            all: [0; 4],
            tested: vec![[0; 4]; sources.len()],
            sources,
        };
        for si in 0..t.sources.len() {
            t.add_source(acc, si);
        }
        t
    }

    /// Adds the counts of source `si` to the sums.
    fn add_source(&mut self, acc: &Acc, si: usize) {
        for (k, [c, d]) in self.sources[si].counts.iter() {
            let n = acc.stem(k).1 as usize;
            self.stems[k as usize][0] += c;
            self.stems[k as usize][1] += d;
            self.source[si][n] += c;
            self.all[n] += c;
            self.tested[si][n] += 1;
        }
    }

    /// The rows kept (counted at least `min_count` times in their source), in no order.
    fn lines(&self, min_count: u64) -> Vec<TermLine> {
        let mut out = Vec::new();
        for (si, src) in self.sources.iter().enumerate() {
            let kept = src.counts.iter().filter(|&(_, [c, _])| c >= min_count);
            out.extend(kept.map(|(stem, [count, doc_freq])| TermLine {
                source: si as u32,
                stem,
                count,
                doc_freq,
                ..Default::default()
            }));
        }
        out
    }

    /// Term tokens of the row's n-gram size in its source.
    fn source_size(&self, acc: &Acc, r: &TermLine) -> u64 {
        self.source[r.source as usize][acc.stem(r.stem).1 as usize]
    }

    /// The four counts the row's keyness compares.
    fn contingency(&self, acc: &Acc, r: &TermLine) -> Contingency {
        Contingency::new(r.count, r.ref_count, self.source_size(acc, r), r.ref_total)
    }

    /// The row's reference: (count there, total there); a zero total gives no keyness.
    /// `ref_group` is the index of the source a [`Reference::Group`] names.
    fn reference_of(
        &self,
        acc: &Acc,
        r: &TermLine,
        reference: &Reference,
        ref_group: Option<usize>,
    ) -> (u64, u64) {
        let (term, n) = acc.stem(r.stem);
        let n = n as usize;
        match (reference, ref_group) {
            (Reference::Group(_), Some(gi)) if gi == r.source as usize => (0, 0),
            (Reference::Group(_), Some(gi)) => {
                let c = self.sources[gi].counts.get(r.stem).map_or(0, |x| x[0]);
                (c, self.source[gi][n])
            }
            (Reference::List(list, total), _) if n == 1 => {
                (list.get(term).copied().unwrap_or(0), *total)
            }
            (Reference::List(..), _) => (0, 0),
            _ => (
                self.stems[r.stem as usize][0] - r.count,
                self.all[n] - self.source[r.source as usize][n],
            ),
        }
    }
}

/// The index of the source a [`Reference::Group`] names (none for other references); an error
/// when it names none.
fn reference_group(reference: &Reference, sources: &[Source]) -> Result<Option<usize>> {
    let Reference::Group(g) = reference else {
        return Ok(None);
    };
    let found = sources.iter().position(|s| s.name == g);
    found.map(Some).ok_or_else(|| no_such_group(g, sources))
}

/// The error of a `--reference` group `g` that is none of `sources`, naming a few of them.
fn no_such_group(g: &str, sources: &[Source]) -> Error {
    Error::Usage(format!(
        "--reference '{g}' names no source or group of this corpus (for example: {})",
        sources
            .iter()
            .take(5)
            .map(|s| s.name)
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// One row of the terms table before its columns are made: a term of a source, with the counts
/// of its reference, its dispersion and its (unsigned) G².
#[derive(Debug, Clone, Copy, Default)]
struct TermLine {
    /// Index in [`Totals::sources`].
    source: u32,
    /// Stem id.
    stem: u32,
    /// Count in the source.
    count: u64,
    /// Documents of the source holding the term.
    doc_freq: u64,
    /// Count in the reference.
    ref_count: u64,
    /// Term tokens of the term's size in the reference (0: no keyness).
    ref_total: u64,
    /// Gries' DP (see [`dispersion`]).
    dp: f64,
    /// [`keyness::log_likelihood`].
    g2: f64,
}

/// Sorts the rows into output order (source, n-gram size, count descending, term): sorted here on
/// plain data, so polars never copies the table to sort it.
fn sort_lines(acc: &Acc, rows: &mut [TermLine]) {
    let rank = acc.stem_ranks();
    rows.sort_unstable_by_key(|r| {
        (
            r.source,
            acc.stem(r.stem).1,
            std::cmp::Reverse(r.count),
            rank[r.stem as usize],
        )
    });
}

/// Gries' DP of every row (source, term): how unevenly a term is spread over the documents of its
/// source, against the documents' sizes (0: in proportion to size everywhere; near 1: all in a
/// small document). DP = ½ Σ |vᵢ − sᵢ| over the source's documents, vᵢ the document's share of
/// the term's count and sᵢ its share of the source's terms (of that n-gram size); the documents
/// without the term add their sᵢ, so only the documents holding it are visited:
/// DP = ½ (1 + Σ_{i holds it} (|vᵢ − sᵢ| − sᵢ)). From per-document counts, so it merges across
/// shards. `rows` are sorted by source. Sources are independent: each is summed on its own.
fn dispersion(acc: &Acc, totals: &Totals, rows: &[TermLine]) -> Vec<f64> {
    let by_source = docs_by_source(acc, &totals.sources);
    let starts = source_starts(rows, totals.sources.len());
    let parts: Vec<Vec<f64>> = by_source
        .par_iter()
        .enumerate()
        .map_init(
            || vec![0f64; acc.n_stems()],
            |scratch, (si, docs)| {
                let src = SourceDocs {
                    acc,
                    totals,
                    si,
                    docs,
                };
                src.dispersion(&rows[starts[si]..starts[si + 1]], scratch)
            },
        )
        .collect();
    parts.concat()
}

/// The documents (indices in `acc.docs`) of every source.
fn docs_by_source(acc: &Acc, sources: &[Source]) -> Vec<Vec<usize>> {
    let index: ahash::AHashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name, i))
        .collect();
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (i, d) in acc.docs.iter().enumerate() {
        if let Some(&si) = index.get(d.group.as_str()) {
            by_source[si].push(i);
        }
    }
    by_source
}

/// Where each source's rows start in `rows` (sorted by source), and past the last.
fn source_starts(rows: &[TermLine], n_sources: usize) -> Vec<usize> {
    let mut starts = vec![0usize; n_sources + 1];
    for r in rows {
        starts[r.source as usize + 1] += 1;
    }
    for i in 0..n_sources {
        starts[i + 1] += starts[i];
    }
    starts
}

/// The documents of one source, for its dispersion.
/// A document's term tokens by n-gram size, from its terms (stem id, count).
fn doc_size(acc: &Acc, terms: &[(u32, u32)]) -> [u64; 4] {
    let mut size = [0u64; 4];
    for &(k, c) in terms {
        size[acc.stem(k).1 as usize] += c as u64;
    }
    size
}

struct SourceDocs<'a> {
    acc: &'a Acc,
    totals: &'a Totals<'a>,
    /// Index of the source.
    si: usize,
    docs: &'a [usize],
}

impl SourceDocs<'_> {
    /// The DP of each of the source's lines `rows` (`scratch`: zeros, left so).
    fn dispersion(&self, rows: &[TermLine], scratch: &mut [f64]) -> Vec<f64> {
        self.sum_deviations(scratch);
        let out = rows
            .iter()
            .map(|r| (0.5 * (1.0 + scratch[r.stem as usize])).clamp(0.0, 1.0))
            .collect();
        self.clear(scratch);
        out
    }

    /// Adds `|vᵢ − sᵢ| − sᵢ` of every document and term to `scratch` (by stem id).
    fn sum_deviations(&self, scratch: &mut [f64]) {
        let (acc, counts) = (self.acc, self.totals.sources[self.si].counts);
        let src_tot = &self.totals.source[self.si];
        for &di in self.docs {
            let d = &acc.docs[di];
            let size = doc_size(acc, &d.terms);
            for &(k, c) in &d.terms {
                let n = acc.stem(k).1 as usize;
                let total = counts.get(k).map_or(0, |x| x[0]);
                if total == 0 || src_tot[n] == 0 {
                    continue;
                }
                let v = c as f64 / total as f64;
                let share = size[n] as f64 / src_tot[n] as f64;
                scratch[k as usize] += (v - share).abs() - share;
            }
        }
    }

    /// Sets back to 0 what [`Self::sum_deviations`] wrote.
    fn clear(&self, scratch: &mut [f64]) {
        for &di in self.docs {
            for &(k, _) in &self.acc.docs[di].terms {
                scratch[k as usize] = 0.0;
            }
        }
    }
}
