//! collocations.csv: pairs of terms within a sentence (adjacent, or within a window), per source,
//! with the counts behind each measure and PMI, t-score and G² derived from them.

use super::{s, u};
use crate::count::collocations::association;
use crate::count::Acc;
use crate::error::{Error, Result};
use polars::prelude::*;

/// One row per (source, w1, w2) seen at least `min_count` times: `source, w1, w2, count, f1, f2,
/// n` (term tokens of the source), `pmi` (bits), `t_score, g2`; by source, then count descending.
pub fn collocations(acc: &Acc, window: usize, min_count: u64) -> Result<DataFrame> {
    let rows = pair_rows(acc, min_count);
    let stats: Vec<(f64, f64, f64)> = rows
        .iter()
        .map(|r| association(r.count, r.f1, r.f2, r.n, window.max(1)))
        .collect();
    let words =
        |f: for<'r> fn(&'r PairRow<'r>) -> &'r str| rows.iter().map(|r| f(r).to_string()).collect();
    let counts = |f: fn(&PairRow) -> u64| rows.iter().map(f).collect();
    let stat = |f: fn(&(f64, f64, f64)) -> f64| stats.iter().map(f).collect::<Vec<f64>>();
    DataFrame::new(
        rows.len(),
        vec![
            s("source", words(|r| r.source)),
            s("w1", words(|r| r.w1)),
            s("w2", words(|r| r.w2)),
            u("count", counts(|r| r.count)),
            u("f1", counts(|r| r.f1)),
            u("f2", counts(|r| r.f2)),
            u("n", counts(|r| r.n)),
            Column::new("pmi".into(), stat(|x| x.0)),
            Column::new("t_score".into(), stat(|x| x.1)),
            Column::new("g2".into(), stat(|x| x.2)),
        ],
    )
    .map_err(Error::polars("collocations"))
}

/// A pair of terms of a source with the counts its measures come from.
struct PairRow<'a> {
    source: &'a str,
    w1: &'a str,
    w2: &'a str,
    /// Times the pair was seen.
    count: u64,
    /// Tokens of each word.
    f1: u64,
    f2: u64,
    /// Term tokens of the source.
    n: u64,
}

/// The pairs seen at least `min_count` times, by source, then count descending, then words.
fn pair_rows(acc: &Acc, min_count: u64) -> Vec<PairRow<'_>> {
    let mut rows = Vec::new();
    for (src, sp) in &acc.collocations {
        for (&(a, b), &c) in &sp.pairs {
            if c < min_count {
                continue;
            }
            rows.push(PairRow {
                source: src,
                w1: acc.word(a),
                w2: acc.word(b),
                count: c,
                f1: sp.words.get(&a).copied().unwrap_or(0),
                f2: sp.words.get(&b).copied().unwrap_or(0),
                n: sp.tokens,
            });
        }
    }
    rows.sort_unstable_by(|x, y| {
        x.source
            .cmp(y.source)
            .then(y.count.cmp(&x.count))
            .then(x.w1.cmp(y.w1))
            .then(x.w2.cmp(y.w2))
    });
    rows
}
