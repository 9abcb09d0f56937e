//! Within-story measures: how a source's hedging and quoting differ from the other sources of
//! the same stories, the fair comparison of outlets.

use super::Story;
use crate::count::DocRow;
use crate::error::{Error, Result};
use crate::stats::bootstrap_mean;
use polars::prelude::*;
use std::collections::BTreeMap;

/// Within-story measures per source: over the multi-source stories a source covers, the mean
/// difference of its hedges (quotes, scare quotes) per 1,000 tokens from the story's mean over
/// its sources, with the number of stories and a seeded bootstrap interval over stories.
pub fn within_story(
    docs: &[DocRow],
    multi: &[Story],
    resamples: usize,
    seed: u64,
) -> Result<DataFrame> {
    let d = docs;
    // per source: list of (hedge diff, quote diff, scare diff)
    let mut diffs: BTreeMap<&str, Vec<[f64; 3]>> = BTreeMap::new();
    for story in multi {
        let mut per: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
        for &i in &story.members {
            let e = per.entry(d[i].source.as_str()).or_default();
            e[0] += d[i].n_hedges;
            e[1] += d[i].n_quotes;
            e[2] += d[i].quotes_by_kind[1];
            e[3] += d[i].n_tokens;
        }
        let rates: Vec<(&str, [f64; 3])> = per
            .iter()
            .filter(|(_, v)| v[3] > 0)
            .map(|(s, v)| {
                (
                    *s,
                    [
                        v[0] as f64 / v[3] as f64 * 1000.0,
                        v[1] as f64 / v[3] as f64 * 1000.0,
                        v[2] as f64 / v[3] as f64 * 1000.0,
                    ],
                )
            })
            .collect();
        if rates.len() < 2 {
            continue;
        }
        let mut mean = [0.0; 3];
        for (_, r) in &rates {
            for k in 0..3 {
                mean[k] += r[k] / rates.len() as f64;
            }
        }
        for (s, r) in rates {
            diffs
                .entry(s)
                .or_default()
                .push([r[0] - mean[0], r[1] - mean[1], r[2] - mean[2]]);
        }
    }
    let mut src = Vec::new();
    let (mut n, mut h, mut lo, mut hi, mut q, mut sc) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (s, v) in &diffs {
        let m = |k: usize| v.iter().map(|x| x[k]).sum::<f64>() / v.len() as f64;
        let (l, u) = bootstrap_mean(
            &v.iter().map(|x| x[0]).collect::<Vec<_>>(),
            resamples,
            seed ^ s.len() as u64
                ^ s.bytes()
                    .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)),
        );
        src.push(s.to_string());
        n.push(v.len() as u64);
        h.push(m(0));
        lo.push(l);
        hi.push(u);
        q.push(m(1));
        sc.push(m(2));
    }
    DataFrame::new(
        src.len(),
        vec![
            Column::new("source".into(), src),
            Column::new("story_n".into(), n),
            Column::new("story_hedges_diff".into(), h),
            Column::new("story_hedges_diff_lo".into(), lo),
            Column::new("story_hedges_diff_hi".into(), hi),
            Column::new("story_quotes_diff".into(), q),
            Column::new("story_scare_diff".into(), sc),
        ],
    )
    .map_err(Error::polars("sources"))
}
