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
    let mut columns = WithinColumns::default();
    for (s, v) in &differences_by_source(docs, multi) {
        let hedges: Vec<f64> = v.iter().map(|x| x[0]).collect();
        let interval = bootstrap_mean(&hedges, resamples, source_seed(seed, s));
        columns.push(s, v, interval);
    }
    columns.into_frame()
}

/// Each source's differences from the mean of its stories, story after story, by source name.
fn differences_by_source<'a>(docs: &'a [DocRow], multi: &[Story]) -> BTreeMap<&'a str, Vec<Rates>> {
    let mut diffs: BTreeMap<&str, Vec<Rates>> = BTreeMap::new();
    for story in multi {
        for (s, r) in story_differences(docs, story) {
            diffs.entry(s).or_default().push(r);
        }
    }
    diffs
}

/// The columns of the within-story measures, a row per source.
#[derive(Default)]
struct WithinColumns {
    source: Vec<String>,
    n: Vec<u64>,
    hedges: Vec<f64>,
    lo: Vec<Option<f64>>,
    hi: Vec<Option<f64>>,
    quotes: Vec<f64>,
    scare: Vec<f64>,
}

impl WithinColumns {
    /// Adds source `s`: its differences in each story `v`, with the hedges' interval `(lo, hi)`.
    fn push(&mut self, s: &str, v: &[Rates], (lo, hi): (Option<f64>, Option<f64>)) {
        let mean = |k: usize| v.iter().map(|x| x[k]).sum::<f64>() / v.len() as f64;
        self.source.push(s.to_string());
        self.n.push(v.len() as u64);
        self.hedges.push(mean(0));
        self.lo.push(lo);
        self.hi.push(hi);
        self.quotes.push(mean(1));
        self.scare.push(mean(2));
    }

    fn into_frame(self) -> Result<DataFrame> {
        DataFrame::new(
            self.source.len(),
            vec![
                Column::new("source".into(), self.source),
                Column::new("story_n".into(), self.n),
                Column::new("story_hedges_diff".into(), self.hedges),
                Column::new("story_hedges_diff_lo".into(), self.lo),
                Column::new("story_hedges_diff_hi".into(), self.hi),
                Column::new("story_quotes_diff".into(), self.quotes),
                Column::new("story_scare_diff".into(), self.scare),
            ],
        )
        .map_err(Error::polars("sources"))
    }
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
    let mean = mean_rates(&rates);
    rates
        .into_iter()
        .map(|(s, r)| (s, [r[0] - mean[0], r[1] - mean[1], r[2] - mean[2]]))
        .collect()
}

/// The mean of the sources' rates.
fn mean_rates(rates: &[(&str, Rates)]) -> Rates {
    let mut mean = [0.0; 3];
    for (_, r) in rates {
        for k in 0..3 {
            mean[k] += r[k] / rates.len() as f64;
        }
    }
    mean
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
    per.into_iter()
        .filter(|(_, v)| v[3] > 0)
        .map(|(s, v)| (s, rates_per_1k(v)))
        .collect()
}

/// Hedges, quotes and scare quotes per 1,000 tokens from the counts `[hedges, quotes, scare,
/// tokens]`.
fn rates_per_1k([hedges, quotes, scare, tokens]: [u64; 4]) -> Rates {
    let per_1k = |x: u64| x as f64 / tokens as f64 * 1000.0;
    [per_1k(hedges), per_1k(quotes), per_1k(scare)]
}
