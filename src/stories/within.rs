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
    let mut diffs: BTreeMap<&str, Vec<Rates>> = BTreeMap::new();
    for story in multi {
        for (s, r) in story_differences(docs, story) {
            diffs.entry(s).or_default().push(r);
        }
    }
    let mut src = Vec::new();
    let (mut n, mut h, mut lo, mut hi, mut q, mut sc) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (s, v) in &diffs {
        let m = |k: usize| v.iter().map(|x| x[k]).sum::<f64>() / v.len() as f64;
        let hedges: Vec<f64> = v.iter().map(|x| x[0]).collect();
        let (l, u) = bootstrap_mean(&hedges, resamples, source_seed(seed, s));
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

/// Hedges, quotes and scare quotes per 1,000 tokens (or their differences from a mean).
type Rates = [f64; 3];

/// The bootstrap seed of a source: the run's seed mixed with a hash of the name.
fn source_seed(seed: u64, s: &str) -> u64 {
    seed ^ s.len() as u64
        ^ s.bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
}

/// Each source's rates in a story minus the story's mean over its sources (none for a story
/// with fewer than two sources with tokens).
fn story_differences<'a>(d: &'a [DocRow], story: &Story) -> Vec<(&'a str, Rates)> {
    let rates = source_rates(d, story);
    if rates.len() < 2 {
        return Vec::new();
    }
    let mut mean = [0.0; 3];
    for (_, r) in &rates {
        for k in 0..3 {
            mean[k] += r[k] / rates.len() as f64;
        }
    }
    rates
        .into_iter()
        .map(|(s, r)| (s, [r[0] - mean[0], r[1] - mean[1], r[2] - mean[2]]))
        .collect()
}

/// The rates of each source (with tokens) in a story, by source name.
fn source_rates<'a>(d: &'a [DocRow], story: &Story) -> Vec<(&'a str, Rates)> {
    let mut per: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
    for &i in &story.members {
        let e = per.entry(d[i].source.as_str()).or_default();
        e[0] += d[i].n_hedges;
        e[1] += d[i].n_quotes;
        e[2] += d[i].quotes_by_kind[1];
        e[3] += d[i].n_tokens;
    }
    let per_1k = |x: u64, tokens: u64| x as f64 / tokens as f64 * 1000.0;
    per.into_iter()
        .filter(|(_, v)| v[3] > 0)
        .map(|(s, v)| {
            (
                s,
                [per_1k(v[0], v[3]), per_1k(v[1], v[3]), per_1k(v[2], v[3])],
            )
        })
        .collect()
}
