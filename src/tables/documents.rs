//! documents.csv and sources.csv: per-document counts, per-source sums, rates derived from them,
//! and the bootstrap interval of each source's hedging rate.

use super::{s, u};
use crate::count::{Acc, DocRow};
use crate::error::{Error, Result};
use crate::stats::bootstrap_rate;
use crate::text::hash::word_hash;
use crate::text::quotes::Stance;
use polars::prelude::*;
use std::collections::BTreeMap;

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
    let optional = OptionalColumns::of(d);
    let mut cols = text_columns(d);
    cols.extend(count_columns(d, categories));
    cols.extend(optional.columns(d));
    let df = DataFrame::new(d.len(), cols).map_err(Error::polars("documents"))?;
    let mut order = document_order(categories);
    optional.place(&mut order);
    let df = df
        .lazy()
        .with_columns(rate_exprs(categories))
        .select(order)
        .collect()
        .map_err(Error::polars("documents"))?;
    Ok(df)
}

/// The text columns of documents.csv: [`TEXT_COLUMNS`], then `duplicate_of`.
fn text_columns(d: &[DocRow]) -> Vec<Column> {
    let mut cols: Vec<Column> = TEXT_COLUMNS
        .iter()
        .map(|(name, f)| s(name, d.iter().map(|r| f(r).clone()).collect()))
        .collect();
    cols.push(s("duplicate_of", duplicate_ids(d)));
    cols
}

/// The count columns of documents.csv: words and hedges, hedges per category, quotations,
/// quotations per stance, unbalanced quotes.
fn count_columns(d: &[DocRow], categories: &[String]) -> Vec<Column> {
    let mut cols = named_counts(d, WORD_COUNTS);
    cols.extend(indexed_counts(
        d,
        categories.iter().map(|c| category_count_col(c)),
        |r, i| r.hedges_by_category.get(i).copied().unwrap_or(0),
    ));
    cols.extend(named_counts(d, QUOTE_COUNTS));
    let stances = Stance::ALL.iter().map(|st| format!("n_{}", st.as_str()));
    cols.extend(indexed_counts(d, stances, |r, i| r.stances[i]));
    cols.push(u(
        "n_unbalanced",
        d.iter().map(|r| r.n_unbalanced).collect(),
    ));
    cols
}

/// One count column per (name, count of a row).
fn named_counts(d: &[DocRow], list: &[(&str, fn(&DocRow) -> u64)]) -> Vec<Column> {
    list.iter()
        .map(|(name, f)| u(name, d.iter().map(f).collect()))
        .collect()
}

/// The columns documents.csv has only in some runs, placed after the source.
struct OptionalColumns {
    /// Grouped by other fields than the source (`--group-by`): each document's group.
    grouped: bool,
    /// `--language auto`: the language each document was counted in.
    languages: bool,
}

impl OptionalColumns {
    /// The optional columns the documents `d` have.
    fn of(d: &[DocRow]) -> Self {
        OptionalColumns {
            grouped: d.iter().any(|r| r.group != r.source),
            languages: d.iter().any(|r| r.language.is_some()),
        }
    }

    /// The columns: `group`, then `language`, each when the run has it.
    fn columns(&self, d: &[DocRow]) -> Vec<Column> {
        let mut cols = Vec::new();
        if self.grouped {
            cols.push(s("group", d.iter().map(|r| r.group.clone()).collect()));
        }
        if self.languages {
            let lang = |r: &DocRow| r.language.clone().unwrap_or_default();
            cols.push(s("language", d.iter().map(lang).collect()));
        }
        cols
    }

    /// Places the columns in `order`, right after the source.
    fn place(&self, order: &mut Vec<Expr>) {
        if self.grouped {
            order.insert(2, col("group"));
        }
        if self.languages {
            order.insert(2 + usize::from(self.grouped), col("language"));
        }
    }
}

/// The text columns that open documents.csv.
const TEXT_COLUMNS: &[(&str, fn(&DocRow) -> &String)] = &[
    ("doc_id", |r| &r.doc_id),
    ("source", |r| &r.source),
    ("title", |r| &r.title),
    ("date", |r| &r.date),
    ("url", |r| &r.url),
    ("author", |r| &r.author),
    ("story", |r| &r.story),
];

/// The counts of words, sentences and hedges (before the counts per hedge category).
const WORD_COUNTS: &[(&str, fn(&DocRow) -> u64)] = &[
    ("n_chars", |r| r.n_chars),
    ("n_tokens", |r| r.n_tokens),
    ("n_types", |r| r.n_types),
    ("n_sentences", |r| r.n_sentences),
    ("n_terms", |r| r.n_terms),
    ("furniture_lines", |r| r.furniture_lines),
    ("n_hedges", |r| r.n_hedges),
    ("n_hedges_narration", |r| r.n_hedges_narration),
    ("sentences_with_hedge", |r| r.sentences_with_hedge),
];

/// The counts of quotations (before the counts per stance).
const QUOTE_COUNTS: &[(&str, fn(&DocRow) -> u64)] = &[
    ("n_quotes", |r| r.n_quotes),
    ("quoted_tokens", |r| r.quoted_tokens),
    ("n_direct", |r| r.quotes_by_kind[0]),
    ("n_scare", |r| r.quotes_by_kind[1]),
    ("n_unattributed", |r| r.quotes_by_kind[2]),
    ("n_title", |r| r.quotes_by_kind[3]),
    ("n_indirect", |r| r.quotes_by_kind[4]),
    ("n_mixed", |r| r.quotes_by_kind[5]),
    ("direct_tokens", |r| r.direct_tokens),
    ("n_named_speaker", |r| r.speakers[0]),
    ("n_role_speaker", |r| r.speakers[1]),
    ("n_organisation_speaker", |r| r.speakers[2]),
    ("n_anonymous", |r| r.speakers[3]),
    ("n_anonymous_attributions", |r| r.anonymous_attributions),
    ("n_female_speaker", |r| r.speaker_genders[0]),
    ("n_male_speaker", |r| r.speaker_genders[1]),
];

/// The id of the document each one copies (empty when it is no copy).
fn duplicate_ids(d: &[DocRow]) -> Vec<String> {
    d.iter()
        .map(|r| {
            r.duplicate_of
                .map_or(String::new(), |j| d[j].doc_id.clone())
        })
        .collect()
}

/// One count column per name, the `i`th from `count(row, i)`.
fn indexed_counts(
    d: &[DocRow],
    names: impl Iterator<Item = String>,
    count: impl Fn(&DocRow, usize) -> u64,
) -> Vec<Column> {
    names
        .enumerate()
        .map(|(i, name)| u(&name, d.iter().map(|r| count(r, i)).collect()))
        .collect()
}

/// The rates of documents.csv and sources.csv before the rates per hedge category and stance:
/// (numerator, denominator, scale, name).
const RATES: &[(&str, &str, f64, &str)] = &[
    ("n_hedges", "n_tokens", 1000.0, "hedges_per_1k"),
    (
        "n_hedges_narration",
        "n_tokens",
        1000.0,
        "narration_hedges_per_1k",
    ),
    (
        "sentences_with_hedge",
        "n_sentences",
        1.0,
        "hedged_sentence_share",
    ),
    ("n_quotes", "n_tokens", 1000.0, "quotes_per_1k"),
    ("quoted_tokens", "n_tokens", 1.0, "quoted_share"),
    ("n_direct", "n_tokens", 1000.0, "direct_per_1k"),
    ("n_scare", "n_tokens", 1000.0, "scare_per_1k"),
    ("n_indirect", "n_tokens", 1000.0, "indirect_per_1k"),
    ("n_mixed", "n_tokens", 1000.0, "mixed_per_1k"),
    ("n_anonymous", "n_tokens", 1000.0, "anonymous_per_1k"),
    (
        "n_anonymous_attributions",
        "n_tokens",
        1000.0,
        "anonymous_attributions_per_1k",
    ),
    ("n_named_speaker", "n_direct", 1.0, "named_speaker_share"),
    ("n_female_speaker", "n_direct", 1.0, "female_speaker_share"),
    ("n_male_speaker", "n_direct", 1.0, "male_speaker_share"),
    ("quoted_tokens", "n_quotes", 1.0, "mean_quote_tokens"),
];

/// Rate columns derived from counts; used for documents and sources alike.
fn rate_exprs(categories: &[String]) -> Vec<Expr> {
    let mut v: Vec<Expr> = RATES
        .iter()
        .map(|&(num, den, scale, name)| ratio(num, den, scale).alias(name))
        .collect();
    for c in categories {
        v.push(ratio(&category_count_col(c), "n_tokens", 1000.0).alias(format!("{c}_per_1k")));
    }
    let stance_total = Stance::ALL
        .iter()
        .map(|s| col(format!("n_{}", s.as_str())))
        .reduce(|a, b| a + b)
        .unwrap_or(lit(0));
    v.extend(
        Stance::ALL
            .iter()
            .map(|&st| stance_share(st, &stance_total)),
    );
    v
}

/// The share of a stance among the quotations with a stance (`total`), null when none has one.
fn stance_share(st: Stance, total: &Expr) -> Expr {
    let n = format!("n_{}", st.as_str());
    when(total.clone().gt(lit(0)))
        .then(col(n).cast(DataType::Float64) / total.clone().cast(DataType::Float64))
        .otherwise(lit(NULL).cast(DataType::Float64))
        .alias(format!("{}_share", st.as_str()))
}

/// The word and hedge counts summed per source (before the counts per hedge category).
const SUMMED_WORD_COUNTS: &[&str] = &[
    "n_tokens",
    "n_chars",
    "n_sentences",
    "n_terms",
    "furniture_lines",
    "n_hedges",
    "n_hedges_narration",
    "sentences_with_hedge",
];

/// The count columns summed per source, in their order in sources.csv.
fn count_cols(categories: &[String]) -> Vec<String> {
    let mut v: Vec<String> = SUMMED_WORD_COUNTS.iter().map(|s| s.to_string()).collect();
    v.extend(categories.iter().map(|c| category_count_col(c)));
    v.extend(QUOTE_COUNTS.iter().map(|(name, _)| name.to_string()));
    v.extend(Stance::ALL.iter().map(|s| format!("n_{}", s.as_str())));
    v.push("n_unbalanced".into());
    v
}

/// The names of the rate columns, in [`rate_exprs`]' order.
fn rate_names(categories: &[String]) -> Vec<String> {
    let mut v: Vec<String> = RATES.iter().map(|r| r.3.to_string()).collect();
    v.extend(categories.iter().map(|c| format!("{c}_per_1k")));
    v.extend(Stance::ALL.iter().map(|s| format!("{}_share", s.as_str())));
    v
}

/// The columns that open documents.csv, in order; the other counts and rates follow.
const DOCUMENT_HEAD: &[&str] = &[
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
    "n_hedges",
    "hedges_per_1k",
    "n_quotes",
    "quoted_tokens",
    "quoted_share",
];

/// The column order of documents.csv (optional columns aside).
fn document_order(categories: &[String]) -> Vec<Expr> {
    let mut names: Vec<String> = DOCUMENT_HEAD.iter().map(|s| s.to_string()).collect();
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
    speakers: DataFrame,
    categories: &[String],
) -> Result<DataFrame> {
    let mut aggs: Vec<Expr> = vec![len().cast(DataType::UInt64).alias("n_docs")];
    aggs.extend(count_cols(categories).into_iter().map(|c| col(c).sum()));
    let by = rows_by_group(documents)?;
    by.lazy()
        .group_by([col("source")])
        .agg(aggs)
        .with_columns(rate_exprs(categories))
        .left_join(types.lazy(), col("source"), col("source"))
        .left_join(intervals.lazy(), col("source"), col("source"))
        .left_join(speakers.lazy(), col("source"), col("source"))
        // a source that quotes nobody has no named speakers (a count, not a missing value)
        .with_column(col("n_named_speakers").fill_null(lit(0u64)))
        .select(source_order(categories))
        .sort(["source"], SortMultipleOptions::default())
        .collect()
        .map_err(Error::polars("sources"))
}

/// The column order of sources.csv.
fn source_order(categories: &[String]) -> Vec<Expr> {
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
    order.extend([col("n_named_speakers"), col("top5_speaker_share")]);
    order
}

/// The documents table with the rows' group as their source: with --group-by, sources.csv has a
/// row per group (the column is renamed when the table is written).
fn rows_by_group(documents: &DataFrame) -> Result<DataFrame> {
    if documents.column("group").is_err() {
        return Ok(documents.clone());
    }
    let mut d = documents.drop("source").map_err(Error::polars("sources"))?;
    d.rename("group", "source".into())
        .map_err(Error::polars("sources"))?;
    Ok(d)
}

/// Distinct unigram terms per source, for `sources.n_types`.
pub fn source_types(acc: &Acc) -> Result<DataFrame> {
    let mut src = Vec::new();
    let mut n = Vec::new();
    for (s, counts) in &acc.terms {
        src.push(s.clone());
        n.push(counts.iter().filter(|&(k, _)| acc.stem(k).1 == 1).count() as u64);
    }
    DataFrame::new(src.len(), vec![s("source", src), u("n_types", n)])
        .map_err(Error::polars("sources"))
}

/// Per-source 95% interval of hedges per 1,000 tokens: a seeded bootstrap over documents (ratio of
/// sums), widened to at least the Poisson interval of the source's total count, so that a source
/// with one or few documents gets an honest wide interval instead of a point.
pub fn hedge_intervals(acc: &Acc, resamples: usize, seed: u64) -> Result<DataFrame> {
    let by_src = hedges_and_tokens(acc);
    // each source has its own seeded generator: computed in parallel, the same figures
    use rayon::prelude::*;
    let by_src: Vec<(&str, Vec<(u64, u64)>)> = by_src.into_iter().collect();
    let bounds: Vec<(Option<f64>, Option<f64>)> = by_src
        .par_iter()
        .map(|(name, docs)| bootstrap_rate(docs, resamples, seed ^ word_hash(name)))
        .collect();
    let names: Vec<String> = by_src.iter().map(|(n, _)| n.to_string()).collect();
    interval_frame(names, &bounds)
}

/// Each document's (hedges, tokens) per group, groups in order.
fn hedges_and_tokens(acc: &Acc) -> BTreeMap<&str, Vec<(u64, u64)>> {
    let mut by_src: BTreeMap<&str, Vec<(u64, u64)>> = Default::default();
    for d in &acc.docs {
        by_src
            .entry(&d.group)
            .or_default()
            .push((d.n_hedges, d.n_tokens));
    }
    by_src
}

/// The intervals' table: a row per source with its bounds (lower, upper).
fn interval_frame(names: Vec<String>, bounds: &[(Option<f64>, Option<f64>)]) -> Result<DataFrame> {
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
    .map_err(Error::polars("sources"))
}
