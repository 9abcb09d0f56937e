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
    let mut rows: Vec<(&str, &str, &str, u64, u64, u64, u64)> = Vec::new();
    for (src, sp) in &acc.collocations {
        for (&(a, b), &c) in &sp.pairs {
            if c < min_count {
                continue;
            }
            let f1 = sp.words.get(&a).copied().unwrap_or(0);
            let f2 = sp.words.get(&b).copied().unwrap_or(0);
            rows.push((src, acc.word(a), acc.word(b), c, f1, f2, sp.tokens));
        }
    }
    rows.sort_unstable_by(|x, y| {
        x.0.cmp(y.0)
            .then(y.3.cmp(&x.3))
            .then(x.1.cmp(y.1))
            .then(x.2.cmp(y.2))
    });
    let stats: Vec<(f64, f64, f64)> = rows
        .iter()
        .map(|r| association(r.3, r.4, r.5, r.6, window.max(1)))
        .collect();
    DataFrame::new(
        rows.len(),
        vec![
            s("source", rows.iter().map(|r| r.0.to_string()).collect()),
            s("w1", rows.iter().map(|r| r.1.to_string()).collect()),
            s("w2", rows.iter().map(|r| r.2.to_string()).collect()),
            u("count", rows.iter().map(|r| r.3).collect()),
            u("f1", rows.iter().map(|r| r.4).collect()),
            u("f2", rows.iter().map(|r| r.5).collect()),
            u("n", rows.iter().map(|r| r.6).collect()),
            Column::new(
                "pmi".into(),
                stats.iter().map(|x| x.0).collect::<Vec<f64>>(),
            ),
            Column::new(
                "t_score".into(),
                stats.iter().map(|x| x.1).collect::<Vec<f64>>(),
            ),
            Column::new("g2".into(), stats.iter().map(|x| x.2).collect::<Vec<f64>>()),
        ],
    )
    .map_err(Error::polars("collocations"))
}
