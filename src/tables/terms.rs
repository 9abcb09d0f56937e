//! terms.csv: counts per (source, term) with frequency, tf-idf and keyness derived from them.

use super::{sr, u};
use crate::count::Acc;
use crate::error::{Error, Result};
use polars::prelude::*;

/// Gries' DP of every row (source, term): how unevenly a term is spread over the documents of its
/// source, against the documents' sizes (0: in proportion to size everywhere; near 1: all in a
/// small document). DP = ½ Σ |vᵢ − sᵢ| over the source's documents, vᵢ the document's share of
/// the term's count and sᵢ its share of the source's terms (of that n-gram size); the documents
/// without the term add their sᵢ, so only the documents holding it are visited:
/// DP = ½ (1 + Σ_{i holds it} (|vᵢ − sᵢ| − sᵢ)). From per-document counts, so it merges across
/// shards. `rows` are (source index, stem, ..) sorted by source.
fn dispersion(
    acc: &Acc,
    sources: &[(&str, &crate::count::TermCounts)],
    src_tot: &[[u64; 4]],
    rows: &[(u32, u32, u64, u64)],
) -> Vec<f64> {
    let index: ahash::AHashMap<&str, usize> =
        sources.iter().enumerate().map(|(i, s)| (s.0, i)).collect();
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (i, d) in acc.docs.iter().enumerate() {
        if let Some(&si) = index.get(d.group.as_str()) {
            by_source[si].push(i);
        }
    }
    // sources are independent: each is summed on its own (rows of a source are contiguous)
    use rayon::prelude::*;
    let mut starts = vec![0usize; sources.len() + 1];
    for r in rows {
        starts[r.0 as usize + 1] += 1;
    }
    for i in 0..sources.len() {
        starts[i + 1] += starts[i];
    }
    let parts: Vec<Vec<f64>> = by_source
        .par_iter()
        .enumerate()
        .map_init(
            || vec![0f64; acc.n_stems()],
            |scratch, (si, docs)| {
                let counts = sources[si].1;
                for &di in docs {
                    let d = &acc.docs[di];
                    let mut size = [0u64; 4];
                    for &(k, c) in &d.terms {
                        size[acc.stem(k).1 as usize] += c as u64;
                    }
                    for &(k, c) in &d.terms {
                        let n = acc.stem(k).1 as usize;
                        let total = counts.get(k).map_or(0, |x| x[0]);
                        if total == 0 || src_tot[si][n] == 0 {
                            continue;
                        }
                        let v = c as f64 / total as f64;
                        let share = size[n] as f64 / src_tot[si][n] as f64;
                        scratch[k as usize] += (v - share).abs() - share;
                    }
                }
                let out: Vec<f64> = rows[starts[si]..starts[si + 1]]
                    .iter()
                    .map(|r| (0.5 * (1.0 + scratch[r.1 as usize])).clamp(0.0, 1.0))
                    .collect();
                for &di in docs {
                    for &(k, _) in &acc.docs[di].terms {
                        scratch[k as usize] = 0.0;
                    }
                }
                out
            },
        )
        .collect();
    parts.concat()
}

/// p-value of a G² statistic (chi-square, one degree of freedom).
pub fn g2_p_value(g2: f64) -> f64 {
    if g2.is_nan() {
        return f64::NAN;
    }
    libm::erfc((g2.max(0.0) / 2.0).sqrt())
}

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
    // terms tested per (source, n-gram size): the Bonferroni family
    let mut tested = vec![[0u64; 4]; sources.len()];
    for (si, (_, counts)) in sources.iter().enumerate() {
        for (k, _) in counts.iter() {
            tested[si][acc.stem(k).1 as usize] += 1;
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
    let dp = dispersion(acc, &sources, &src_tot, &rows);
    // the reference of each row: (count there, total there); a zero total gives no keyness
    let ref_group =
        match reference {
            Reference::Group(g) => {
                Some(sources.iter().position(|s| s.0 == g).ok_or_else(|| {
                    Error::Usage(format!(
                "--reference '{g}' names no source or group of this corpus (for example: {})",
                sources.iter().take(5).map(|s| s.0).collect::<Vec<_>>().join(", ")
            ))
                })?)
            }
            _ => None,
        };
    let refs: Vec<(u64, u64)> = rows
        .iter()
        .map(|r| {
            let n = acc.stem(r.1).1 as usize;
            match (reference, ref_group) {
                (Reference::Group(_), Some(gi)) => {
                    if gi == r.0 as usize {
                        (0, 0)
                    } else {
                        let c = sources[gi].1.get(r.1).map_or(0, |x| x[0]);
                        (c, src_tot[gi][n])
                    }
                }
                (Reference::List(list, total), _) => {
                    if n == 1 {
                        (list.get(acc.stem(r.1).0).copied().unwrap_or(0), *total)
                    } else {
                        (0, 0)
                    }
                }
                _ => (
                    stem_tot[r.1 as usize][0] - r.2,
                    n_tot[n] - src_tot[r.0 as usize][n],
                ),
            }
        })
        .collect();
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
            u("ref_count", refs.iter().map(|x| x.0).collect()),
            u("ref_total", refs.iter().map(|x| x.1).collect()),
            Column::new("dp".into(), dp),
            Column::new(
                "family".into(),
                rows.iter()
                    .map(|r| tested[r.0 as usize][n_of(r)].max(1) as f64)
                    .collect::<Vec<f64>>(),
            ),
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
            f("ref_count").alias("b"),
            f("c_tot").alias("c"),
            f("ref_total").alias("d"),
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
            // Wilson's BIC approximation: G² − ln N (one degree of freedom); >2 positive, >6
            // strong, >10 very strong evidence
            when(col("d").gt(lit(0.0)))
                .then(col("g2_abs") - ln(col("c") + col("d")))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("bic"),
            // Gabrielatos and Marchi's %DIFF of normalised frequencies (none when the term is
            // absent from the reference)
            when(col("b").gt(lit(0.0)).and(col("d").gt(lit(0.0))))
                .then(
                    ((col("a") / col("c")) - (col("b") / col("d"))) / (col("b") / col("d"))
                        * lit(100.0),
                )
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("pct_diff"),
            col("ref_count").alias("count_ref"),
            col("c_tot").alias("total"),
            col("ref_total").alias("total_ref"),
        ])
        .select([
            col("source"),
            col("term"),
            col("surface"),
            col("n"),
            col("count"),
            col("per_10k"),
            col("doc_freq"),
            col("dp"),
            col("tfidf"),
            col("g2"),
            col("log_ratio"),
            col("count_ref"),
            col("total"),
            col("total_ref"),
            col("bic"),
            col("pct_diff"),
            col("g2_abs"),
            col("family"),
        ]);
    let mut df = lf.collect().map_err(Error::polars("terms"))?;
    // p-values (erfc is no polars expression) and significance at alpha / family
    let (p, sig): (Vec<Option<f64>>, Vec<Option<bool>>) = {
        let g = df
            .column("g2_abs")
            .and_then(|c| c.f64().cloned())
            .map_err(Error::polars("terms"))?;
        let fam = df
            .column("family")
            .and_then(|c| c.f64().cloned())
            .map_err(Error::polars("terms"))?;
        let lr = df
            .column("g2")
            .and_then(|c| c.f64().cloned())
            .map_err(Error::polars("terms"))?;
        g.iter()
            .zip(fam.iter())
            .zip(lr.iter())
            .map(|((g, m), signed)| match (g, m, signed) {
                (Some(g), Some(m), Some(_)) => {
                    let p = g2_p_value(g);
                    (Some(p), Some(p < alpha / m))
                }
                _ => (None, None),
            })
            .unzip()
    };
    let pe = Error::polars("terms");
    df.with_column(Column::new("p_value".into(), p))
        .map_err(&pe)?;
    df.with_column(Column::new("significant".into(), sig))
        .map_err(&pe)?;
    df.select([
        "source",
        "term",
        "surface",
        "n",
        "count",
        "per_10k",
        "doc_freq",
        "dp",
        "tfidf",
        "g2",
        "p_value",
        "bic",
        "log_ratio",
        "pct_diff",
        "significant",
        "count_ref",
        "total",
        "total_ref",
    ])
    .map_err(pe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_p_values_are_chi_square_one_df() {
        // 3.841 is the 0.05 critical value, 6.635 the 0.01, 10.828 the 0.001
        assert!((g2_p_value(3.841459) - 0.05).abs() < 1e-6);
        assert!((g2_p_value(6.634897) - 0.01).abs() < 1e-7);
        assert!((g2_p_value(10.827566) - 0.001).abs() < 1e-8);
        assert_eq!(g2_p_value(0.0), 1.0);
    }
}
