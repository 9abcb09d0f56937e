//! Tables: the counted data handed to polars as DataFrames, with every rate derived from counts
//! by polars expressions (so tables from corpus shards can be merged by summing counts).

use crate::corpus::Problem;
use crate::error::{Error, Result};
use crate::measures::{Acc, HedgeRow, QuoteRow};
use crate::quotes::Stance;
use polars::prelude::*;

/// All tables of one analysis.
pub struct Tables {
    /// One row per document.
    pub documents: DataFrame,
    /// One row per source.
    pub sources: DataFrame,
    /// One row per (source, term).
    pub terms: DataFrame,
    /// One row per hedge occurrence.
    pub hedges: DataFrame,
    /// One row per quotation.
    pub quotes: DataFrame,
    /// One row per input problem.
    pub errors: DataFrame,
}

fn pe(table: &str) -> impl Fn(PolarsError) -> Error + '_ {
    move |source| Error::Polars {
        table: table.to_string(),
        source,
    }
}

fn s(name: &str, v: Vec<String>) -> Column {
    Column::new(name.into(), v)
}
fn sr(name: &str, v: Vec<&str>) -> Column {
    Column::new(name.into(), v)
}
fn u(name: &str, v: Vec<u64>) -> Column {
    Column::new(name.into(), v)
}

/// `num / den * scale`, null when `den` is zero.
pub fn ratio(num: &str, den: &str, scale: f64) -> Expr {
    when(col(den).gt(lit(0)))
        .then(col(num).cast(DataType::Float64) / col(den).cast(DataType::Float64) * lit(scale))
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// Category column name of a lexicon category in documents.csv (`hedges_modal`).
pub fn category_count_col(cat: &str) -> String {
    format!("hedges_{cat}")
}

/// Builds the documents table from per-document counts.
pub fn documents(acc: &Acc, categories: &[String]) -> Result<DataFrame> {
    let d = &acc.docs;
    let strs = |f: fn(&crate::measures::DocRow) -> &String| {
        d.iter().map(|r| f(r).clone()).collect::<Vec<_>>()
    };
    let nums = |f: fn(&crate::measures::DocRow) -> u64| d.iter().map(f).collect::<Vec<_>>();
    let mut cols = vec![
        s("doc_id", strs(|r| &r.doc_id)),
        s("source", strs(|r| &r.source)),
        s("title", strs(|r| &r.title)),
        s("date", strs(|r| &r.date)),
        s("url", strs(|r| &r.url)),
        s("author", strs(|r| &r.author)),
        s("story", strs(|r| &r.story)),
        s(
            "duplicate_of",
            d.iter()
                .map(|r| {
                    r.duplicate_of
                        .map_or(String::new(), |j| d[j].doc_id.clone())
                })
                .collect(),
        ),
        u("n_chars", nums(|r| r.n_chars)),
        u("n_tokens", nums(|r| r.n_tokens)),
        u("n_types", nums(|r| r.n_types)),
        u("n_sentences", nums(|r| r.n_sentences)),
        u("n_terms", nums(|r| r.n_terms)),
        u("n_hedges", nums(|r| r.n_hedges)),
        u("n_hedges_narration", nums(|r| r.n_hedges_narration)),
        u("sentences_with_hedge", nums(|r| r.sentences_with_hedge)),
    ];
    for (ci, c) in categories.iter().enumerate() {
        cols.push(u(
            &category_count_col(c),
            d.iter()
                .map(|r| r.hedges_by_category.get(ci).copied().unwrap_or(0))
                .collect(),
        ));
    }
    cols.extend([
        u("n_quotes", nums(|r| r.n_quotes)),
        u("quoted_tokens", nums(|r| r.quoted_tokens)),
        u("n_direct", nums(|r| r.quotes_by_kind[0])),
        u("n_scare", nums(|r| r.quotes_by_kind[1])),
        u("n_unattributed", nums(|r| r.quotes_by_kind[2])),
        u("n_title", nums(|r| r.quotes_by_kind[3])),
        u("direct_tokens", nums(|r| r.direct_tokens)),
        u("n_named_speaker", nums(|r| r.speakers[0])),
        u("n_role_speaker", nums(|r| r.speakers[1])),
        u("n_organisation_speaker", nums(|r| r.speakers[2])),
        u("n_anonymous", nums(|r| r.speakers[3])),
        u(
            "n_anonymous_attributions",
            nums(|r| r.anonymous_attributions),
        ),
    ]);
    for (i, st) in Stance::ALL.iter().enumerate() {
        cols.push(u(
            &format!("n_{}", st.as_str()),
            d.iter().map(|r| r.stances[i]).collect(),
        ));
    }
    cols.push(u("n_unbalanced", nums(|r| r.n_unbalanced)));
    let df = DataFrame::new(d.len(), cols).map_err(pe("documents"))?;
    let df = df
        .lazy()
        .with_columns(rate_exprs(categories))
        .select(document_order(categories))
        .collect()
        .map_err(pe("documents"))?;
    Ok(df)
}

/// Rate columns derived from counts; used for documents and sources alike.
fn rate_exprs(categories: &[String]) -> Vec<Expr> {
    let mut v = vec![
        ratio("n_hedges", "n_tokens", 1000.0).alias("hedges_per_1k"),
        ratio("n_hedges_narration", "n_tokens", 1000.0).alias("narration_hedges_per_1k"),
        ratio("sentences_with_hedge", "n_sentences", 1.0).alias("hedged_sentence_share"),
        ratio("n_quotes", "n_tokens", 1000.0).alias("quotes_per_1k"),
        ratio("quoted_tokens", "n_tokens", 1.0).alias("quoted_share"),
        ratio("n_direct", "n_tokens", 1000.0).alias("direct_per_1k"),
        ratio("n_scare", "n_tokens", 1000.0).alias("scare_per_1k"),
        ratio("n_anonymous", "n_tokens", 1000.0).alias("anonymous_per_1k"),
        ratio("n_anonymous_attributions", "n_tokens", 1000.0)
            .alias("anonymous_attributions_per_1k"),
        ratio("n_named_speaker", "n_direct", 1.0).alias("named_speaker_share"),
        ratio("quoted_tokens", "n_quotes", 1.0).alias("mean_quote_tokens"),
    ];
    for c in categories {
        v.push(ratio(&category_count_col(c), "n_tokens", 1000.0).alias(format!("{c}_per_1k")));
    }
    let stance_total = Stance::ALL
        .iter()
        .map(|s| col(format!("n_{}", s.as_str())))
        .reduce(|a, b| a + b)
        .unwrap_or(lit(0));
    for st in Stance::ALL {
        let n = format!("n_{}", st.as_str());
        v.push(
            when(stance_total.clone().gt(lit(0)))
                .then(col(n).cast(DataType::Float64) / stance_total.clone().cast(DataType::Float64))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias(format!("{}_share", st.as_str())),
        );
    }
    v
}

fn count_cols(categories: &[String]) -> Vec<String> {
    let mut v: Vec<String> = [
        "n_tokens",
        "n_chars",
        "n_sentences",
        "n_terms",
        "n_hedges",
        "n_hedges_narration",
        "sentences_with_hedge",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(categories.iter().map(|c| category_count_col(c)));
    v.extend(
        [
            "n_quotes",
            "quoted_tokens",
            "n_direct",
            "n_scare",
            "n_unattributed",
            "n_title",
            "direct_tokens",
            "n_named_speaker",
            "n_role_speaker",
            "n_organisation_speaker",
            "n_anonymous",
            "n_anonymous_attributions",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    v.extend(Stance::ALL.iter().map(|s| format!("n_{}", s.as_str())));
    v.push("n_unbalanced".into());
    v
}

fn rate_names(categories: &[String]) -> Vec<String> {
    let mut v: Vec<String> = [
        "hedges_per_1k",
        "narration_hedges_per_1k",
        "hedged_sentence_share",
        "quotes_per_1k",
        "quoted_share",
        "direct_per_1k",
        "scare_per_1k",
        "anonymous_per_1k",
        "anonymous_attributions_per_1k",
        "named_speaker_share",
        "mean_quote_tokens",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(categories.iter().map(|c| format!("{c}_per_1k")));
    v.extend(Stance::ALL.iter().map(|s| format!("{}_share", s.as_str())));
    v
}

fn document_order(categories: &[String]) -> Vec<Expr> {
    let mut names: Vec<String> = [
        "doc_id",
        "source",
        "title",
        "date",
        "url",
        "author",
        "story",
        "duplicate_of",
        "n_chars",
        "n_tokens",
        "n_types",
        "n_sentences",
        "n_terms",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    names.extend(
        [
            "n_hedges",
            "hedges_per_1k",
            "n_quotes",
            "quoted_tokens",
            "quoted_share",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for c in count_cols(categories)
        .into_iter()
        .chain(rate_names(categories))
    {
        if !names.contains(&c) {
            names.push(c);
        }
    }
    names.into_iter().map(col).collect()
}

/// Builds the sources table: counts summed from documents, rates derived, intervals joined.
pub fn sources(
    documents: &DataFrame,
    types: DataFrame,
    intervals: DataFrame,
    categories: &[String],
) -> Result<DataFrame> {
    let mut aggs: Vec<Expr> = vec![len().cast(DataType::UInt64).alias("n_docs")];
    aggs.extend(count_cols(categories).into_iter().map(|c| col(c).sum()));
    let fixed = [
        "source",
        "n_docs",
        "n_tokens",
        "n_types",
        "hedges_per_1k",
        "hedges_per_1k_lo",
        "hedges_per_1k_hi",
        "quotes_per_1k",
        "quoted_share",
    ];
    let mut order: Vec<Expr> = fixed.iter().map(|s| col(*s)).collect();
    for c in rate_names(categories)
        .into_iter()
        .chain(count_cols(categories))
    {
        if !fixed.contains(&c.as_str()) {
            order.push(col(c));
        }
    }
    documents
        .clone()
        .lazy()
        .group_by([col("source")])
        .agg(aggs)
        .with_columns(rate_exprs(categories))
        .left_join(types.lazy(), col("source"), col("source"))
        .left_join(intervals.lazy(), col("source"), col("source"))
        .select(order)
        .sort(["source"], SortMultipleOptions::default())
        .collect()
        .map_err(pe("sources"))
}

/// Distinct unigram terms per source, for `sources.n_types`.
pub fn source_types(acc: &Acc) -> Result<DataFrame> {
    let mut src = Vec::new();
    let mut n = Vec::new();
    for (s, counts) in &acc.terms {
        src.push(s.clone());
        n.push(counts.iter().filter(|&(k, _)| acc.stem(k).1 == 1).count() as u64);
    }
    DataFrame::new(src.len(), vec![s("source", src), u("n_types", n)]).map_err(pe("sources"))
}

/// Builds the terms table with frequencies, tf-idf and keyness (signed G² and log ratio).
pub fn terms(acc: &Acc, n_docs_total: u64, min_count: u64) -> Result<DataFrame> {
    let surfaces = acc.surfaces();
    // Totals are sums of counts, taken here in one pass over the counted data (grouping millions
    // of rows by a string key in polars costs seconds); every derived figure is a polars expression.
    // stems are dense ids, sources are ranked by name, n-gram sizes are 1 to 3: plain arrays
    let mut sources: Vec<(&str, &crate::measures::TermCounts)> =
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
    .map_err(pe("terms"))?;
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
    lf.collect().map_err(pe("terms"))
}

/// Builds a hedges table (one row per occurrence) from rows; the counting stage calls it once
/// per input batch so that occurrence rows never pile up in memory.
pub fn hedges(h: &[HedgeRow]) -> Result<DataFrame> {
    let st = |f: fn(&HedgeRow) -> &str| h.iter().map(f).collect::<Vec<&str>>();
    DataFrame::new(
        h.len(),
        vec![
            sr("doc_id", st(|r| &r.doc_id)),
            sr("source", st(|r| &r.source)),
            u("sentence", h.iter().map(|r| r.sentence as u64).collect()),
            u("start_char", h.iter().map(|r| r.start_char).collect()),
            u("end_char", h.iter().map(|r| r.end_char).collect()),
            sr("match", st(|r| &r.matched)),
            sr("entry", st(|r| &r.entry)),
            sr("category", st(|r| &r.category)),
            sr(
                "voice",
                st(|r| if r.in_quote { "in_quote" } else { "narration" }),
            ),
            sr("left", st(|r| &r.left)),
            sr("right", st(|r| &r.right)),
        ],
    )
    .map_err(pe("hedges"))
}

/// Builds a quotes table (one row per quotation) from rows, like [`hedges`].
pub fn quotes(q: &[QuoteRow]) -> Result<DataFrame> {
    let st = |f: fn(&QuoteRow) -> &str| q.iter().map(f).collect::<Vec<&str>>();
    DataFrame::new(
        q.len(),
        vec![
            sr("doc_id", st(|r| &r.doc_id)),
            sr("source", st(|r| &r.source)),
            u("start_char", q.iter().map(|r| r.start_char).collect()),
            u("end_char", q.iter().map(|r| r.end_char).collect()),
            u("start_byte", q.iter().map(|r| r.start_byte).collect()),
            u("end_byte", q.iter().map(|r| r.end_byte).collect()),
            u("n_tokens", q.iter().map(|r| r.n_tokens).collect()),
            sr("kind", st(|r| r.quote.kind.as_str())),
            sr("cue", st(|r| &r.quote.cue)),
            sr("speaker", st(|r| &r.quote.speaker)),
            sr("speaker_resolved", st(|r| &r.quote.speaker_resolved)),
            sr("speaker_type", st(|r| r.quote.speaker_type.as_str())),
            sr(
                "stance",
                st(|r| r.quote.stance.map(|s| s.as_str()).unwrap_or_default()),
            ),
            Column::new(
                "unbalanced".into(),
                q.iter().map(|r| r.quote.unbalanced).collect::<Vec<_>>(),
            ),
            u(
                "paragraphs",
                q.iter().map(|r| r.quote.paragraphs as u64).collect(),
            ),
            Column::new(
                "continues".into(),
                q.iter().map(|r| r.quote.continues).collect::<Vec<_>>(),
            ),
            sr("text", st(|r| &r.text)),
        ],
    )
    .map_err(pe("quotes"))
}

/// Builds the errors table.
pub fn errors(problems: &[Problem]) -> Result<DataFrame> {
    DataFrame::new(
        problems.len(),
        vec![
            s("path", problems.iter().map(|p| p.path.clone()).collect()),
            u("line", problems.iter().map(|p| p.line).collect()),
            s(
                "problem",
                problems.iter().map(|p| p.problem.clone()).collect(),
            ),
            s(
                "action",
                problems.iter().map(|p| p.action.clone()).collect(),
            ),
        ],
    )
    .map_err(pe("errors"))
}

/// Per-source 95% interval of hedges per 1,000 tokens: a seeded bootstrap over documents (ratio of
/// sums), widened to at least the Poisson interval of the source's total count, so that a source
/// with one or few documents gets an honest wide interval instead of a point.
pub fn hedge_intervals(acc: &Acc, resamples: usize, seed: u64) -> Result<DataFrame> {
    let mut by_src: std::collections::BTreeMap<&str, Vec<(u64, u64)>> = Default::default();
    for d in &acc.docs {
        by_src
            .entry(&d.source)
            .or_default()
            .push((d.n_hedges, d.n_tokens));
    }
    // each source has its own seeded generator: computed in parallel, the same figures
    use rayon::prelude::*;
    let by_src: Vec<(&str, Vec<(u64, u64)>)> = by_src.into_iter().collect();
    let bounds: Vec<(Option<f64>, Option<f64>)> = by_src
        .par_iter()
        .map(|(name, docs)| bootstrap_rate(docs, resamples, seed ^ fnv(name)))
        .collect();
    let names: Vec<String> = by_src.iter().map(|(n, _)| n.to_string()).collect();
    let lo: Vec<Option<f64>> = bounds.iter().map(|b| b.0).collect();
    let hi: Vec<Option<f64>> = bounds.iter().map(|b| b.1).collect();
    DataFrame::new(
        names.len(),
        vec![
            s("source", names),
            Column::new("hedges_per_1k_lo".into(), lo),
            Column::new("hedges_per_1k_hi".into(), hi),
        ],
    )
    .map_err(pe("sources"))
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// SplitMix64: small, seeded, reproducible on every platform.
struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as u128 * n as u128 >> 53) as usize
    }
}

/// Percentile bootstrap of sum(hedges)/sum(tokens)×1000, widened to the Poisson interval.
pub fn bootstrap_rate(
    docs: &[(u64, u64)],
    resamples: usize,
    seed: u64,
) -> (Option<f64>, Option<f64>) {
    let tokens: u64 = docs.iter().map(|d| d.1).sum();
    if tokens == 0 {
        return (None, None);
    }
    let hedges: u64 = docs.iter().map(|d| d.0).sum();
    let mut rng = SplitMix(seed);
    let mut stats = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut h, mut t) = (0u64, 0u64);
        for _ in 0..docs.len() {
            let d = docs[rng.below(docs.len())];
            h += d.0;
            t += d.1;
        }
        if t > 0 {
            stats.push(h as f64 / t as f64 * 1000.0);
        }
    }
    stats.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| {
        stats
            .get(((stats.len() as f64 - 1.0) * p).round() as usize)
            .copied()
    };
    let (pl, ph) = poisson_interval(hedges);
    let pl = pl / tokens as f64 * 1000.0;
    let ph = ph / tokens as f64 * 1000.0;
    let lo = q(0.025).map(|b| b.min(pl)).unwrap_or(pl);
    let hi = q(0.975).map(|b| b.max(ph)).unwrap_or(ph);
    (Some(lo), Some(hi))
}

/// 95% interval for a Poisson count (Byar's approximation; exact 0 lower bound for 0).
pub fn poisson_interval(x: u64) -> (f64, f64) {
    let z = 1.959964;
    let xf = x as f64;
    let lo = if x == 0 {
        0.0
    } else {
        xf * (1.0 - 1.0 / (9.0 * xf) - z / (3.0 * xf.sqrt())).powi(3)
    };
    let x1 = xf + 1.0;
    let hi = x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3);
    (lo.max(0.0), hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_interval_is_close_to_exact() {
        // Exact Garwood interval for 10: (4.795, 18.39).
        let (l, h) = poisson_interval(10);
        assert!(
            (l - 4.795).abs() < 0.05 && (h - 18.39).abs() < 0.1,
            "{l} {h}"
        );
        assert_eq!(poisson_interval(0).0, 0.0);
    }

    #[test]
    fn one_document_gets_a_wide_interval() {
        let (l, h) = bootstrap_rate(&[(10, 1000)], 500, 1);
        let (l, h) = (l.unwrap(), h.unwrap());
        assert!(l < 6.0 && h > 15.0, "{l} {h}");
    }

    #[test]
    fn bootstrap_is_seeded() {
        let docs: Vec<(u64, u64)> = (0..30).map(|i| (i % 7, 500 + i * 13)).collect();
        assert_eq!(
            bootstrap_rate(&docs, 1000, 42),
            bootstrap_rate(&docs, 1000, 42)
        );
        let (l, h) = bootstrap_rate(&docs, 1000, 42);
        let point = docs.iter().map(|d| d.0).sum::<u64>() as f64
            / docs.iter().map(|d| d.1).sum::<u64>() as f64
            * 1000.0;
        assert!(l.unwrap() < point && point < h.unwrap());
    }
}
