//! terms.csv: counts per (source, term) with frequency, tf-idf and keyness derived from them.

use super::{sr, u};
use crate::count::Acc;
use crate::error::{Error, Result};
use polars::prelude::*;

/// Builds the terms table with frequencies, tf-idf and keyness (signed G² and log ratio).
pub fn terms(acc: &Acc, n_docs_total: u64, min_count: u64) -> Result<DataFrame> {
    let surfaces = acc.surfaces();
    // Totals are sums of counts, taken here in one pass over the counted data (grouping millions
    // of rows by a string key in polars costs seconds); every derived figure is a polars expression.
    // stems are dense ids, sources are ranked by name, n-gram sizes are 1 to 3: plain arrays
    let mut sources: Vec<(&str, &crate::count::TermCounts)> =
        acc.terms.iter().map(|(s, c)| (s.as_str(), c)).collect();
    sources.sort_unstable_by(|x, y| x.0.cmp(y.0));
    let mut stem_tot = vec![[0u64; 2]; surfaces.len()];
    let mut src_tot = vec![[0u64; 4]; sources.len()];
    let mut n_tot = [0u64; 4];
    for (si, (_, counts)) in sources.iter().enumerate() {
        for (k, [c, d]) in counts.iter() {
            let e = &mut stem_tot[k as usize];
            e[0] += c;
            e[1] += d;
            let n = acc.stem(k).1 as usize;
            src_tot[si][n] += c;
            n_tot[n] += c;
        }
    }
    // The rows kept, in output order (source, n-gram size, count descending, term): sorted here
    // on plain data, so polars never copies the table to sort it.
    let mut rows: Vec<(u32, u32, u64, u64)> = sources
        .iter()
        .enumerate()
        .flat_map(|(si, (_, counts))| {
            counts
                .iter()
                .filter(|&(_, [c, _])| c >= min_count)
                .map(move |(k, [c, d])| (si as u32, k, c, d))
        })
        .collect();
    // the alphabetical rank of every stem, so that rows sort on integers only
    let mut by_name: Vec<u32> = (0..surfaces.len() as u32).collect();
    by_name.sort_unstable_by(|&x, &y| acc.stem(x).0.cmp(acc.stem(y).0));
    let mut rank = vec![0u32; surfaces.len()];
    for (r, &k) in by_name.iter().enumerate() {
        rank[k as usize] = r as u32;
    }
    drop(by_name);
    rows.sort_unstable_by_key(|r| {
        (
            r.0,
            acc.stem(r.1).1,
            std::cmp::Reverse(r.2),
            rank[r.1 as usize],
        )
    });
    let n_of = |r: &(u32, u32, u64, u64)| acc.stem(r.1).1 as usize;
    let base = DataFrame::new(
        rows.len(),
        vec![
            sr(
                "source",
                rows.iter().map(|r| sources[r.0 as usize].0).collect(),
            ),
            sr("term", rows.iter().map(|r| acc.stem(r.1).0).collect()),
            sr(
                "surface",
                rows.iter().map(|r| surfaces[r.1 as usize]).collect(),
            ),
            u("n", rows.iter().map(|r| n_of(r) as u64).collect()),
            u("count", rows.iter().map(|r| r.2).collect()),
            u("doc_freq", rows.iter().map(|r| r.3).collect()),
            u(
                "c_tot",
                rows.iter()
                    .map(|r| src_tot[r.0 as usize][n_of(r)])
                    .collect(),
            ),
            u(
                "t_tot",
                rows.iter().map(|r| stem_tot[r.1 as usize][0]).collect(),
            ),
            u(
                "t_df",
                rows.iter().map(|r| stem_tot[r.1 as usize][1]).collect(),
            ),
            u("all_tot", rows.iter().map(|r| n_tot[n_of(r)]).collect()),
        ],
    )
    .map_err(Error::polars("terms"))?;
    drop(rows);
    let ln = |e: Expr| e.log(lit(std::f64::consts::E));
    let f = |n: &str| col(n).cast(DataType::Float64);
    // a: count in source; b: count elsewhere; c: source total; d: total elsewhere (per n-gram size).
    let lf = base
        .lazy()
        .with_columns([
            f("count").alias("a"),
            (f("t_tot") - f("count")).alias("b"),
            f("c_tot").alias("c"),
            (f("all_tot") - f("c_tot")).alias("d"),
        ])
        .with_columns([
            (col("c") * (col("a") + col("b")) / (col("c") + col("d"))).alias("e1"),
            (col("d") * (col("a") + col("b")) / (col("c") + col("d"))).alias("e2"),
        ])
        .with_columns([
            (lit(2.0)
                * (when(col("a").gt(lit(0.0)))
                    .then(col("a") * ln(col("a") / col("e1")))
                    .otherwise(lit(0.0))
                    + when(col("b").gt(lit(0.0)))
                        .then(col("b") * ln(col("b") / col("e2")))
                        .otherwise(lit(0.0))))
            .alias("g2_abs"),
            // Hardie's log ratio with 0.5 added to a zero frequency.
            when(col("d").gt(lit(0.0)))
                .then(
                    ln(((when(col("a").gt(lit(0.0)))
                        .then(col("a"))
                        .otherwise(lit(0.5)))
                        / col("c"))
                        / ((when(col("b").gt(lit(0.0)))
                            .then(col("b"))
                            .otherwise(lit(0.5)))
                            / col("d")))
                        / lit(std::f64::consts::LN_2),
                )
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("log_ratio"),
        ])
        .with_columns([
            when(col("d").gt(lit(0.0)))
                .then(
                    when((col("a") / col("c")).lt(col("b") / col("d")))
                        .then(-col("g2_abs"))
                        .otherwise(col("g2_abs")),
                )
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("g2"),
            (col("a") / col("c") * lit(10000.0)).alias("per_10k"),
            (col("a") * (lit(n_docs_total as f64) / f("t_df")).log(lit(10.0))).alias("tfidf"),
        ])
        .select([
            col("source"),
            col("term"),
            col("surface"),
            col("n"),
            col("count"),
            col("per_10k"),
            col("doc_freq"),
            col("tfidf"),
            col("g2"),
            col("log_ratio"),
        ]);
    lf.collect().map_err(Error::polars("terms"))
}
