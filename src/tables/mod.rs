//! Tables: the counted data handed to polars as DataFrames, with every rate derived from counts
//! by polars expressions (so tables from corpus shards can be merged by summing counts).

mod boilerplate;
mod collocations;
mod doc_terms;
mod documents;
mod keyness;
mod occurrences;
mod speakers;
mod terms;

pub use boilerplate::boilerplate;
pub use collocations::collocations;
pub use doc_terms::{doc_terms, doc_terms_schema};
pub use documents::{category_count_col, documents, hedge_intervals, ratio, source_types, sources};
pub use keyness::g2_p_value;
pub use occurrences::{errors, furniture, hedges, quotes};
pub use speakers::{speaker_summary, speakers};
pub use terms::{terms, Reference};

use crate::error::{Error, Result};
use polars::prelude::*;

/// All tables of one analysis.
#[derive(Clone)]
pub struct Tables {
    /// One row per document.
    pub documents: DataFrame,
    /// One row per source.
    pub sources: DataFrame,
    /// One row per (source, term); after [`crate::run`], which writes it to files and charts it,
    /// its columns only (the largest table, not kept in memory).
    pub terms: DataFrame,
    /// One row per hedge occurrence.
    pub hedges: DataFrame,
    /// One row per quotation.
    pub quotes: DataFrame,
    /// One row per input problem.
    pub errors: DataFrame,
    /// One row per (source, speaker).
    pub speakers: DataFrame,
    /// One row per boilerplate line left out of the counts.
    pub boilerplate: DataFrame,
    /// One row per page-furniture line left out of a document.
    pub furniture: DataFrame,
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

/// A per-source table as written with `--group-by`: its `source` column (which holds the group
/// labels, values joined by ` | `) becomes `group`, followed by one column per field (a field
/// whose name a column already has is prefixed `group_`).
pub fn by_group(df: &DataFrame, fields: &[String]) -> Result<DataFrame> {
    let pe = Error::polars("group");
    let labels = df
        .column("source")
        .and_then(|c| c.str().cloned())
        .map_err(&pe)?;
    let mut out = df.clone();
    out.rename("source", "group".into()).map_err(&pe)?;
    let mut cols: Vec<Column> = out.columns().to_vec();
    for (i, f) in fields.iter().enumerate().rev() {
        let values = label_parts(&labels, fields.len(), i);
        cols.insert(1, s(&group_field_name(df, f), values));
    }
    DataFrame::new(out.height(), cols).map_err(pe)
}

/// Part `i` of every group label (labels of `n` values joined by ` | `; empty where missing).
fn label_parts(labels: &StringChunked, n: usize, i: usize) -> Vec<String> {
    labels
        .iter()
        .map(|l| {
            l.unwrap_or("")
                .splitn(n, " | ")
                .nth(i)
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// The column name of a `--group-by` field: prefixed `group_` when the table has a column of
/// that name already (the source aside).
fn group_field_name(df: &DataFrame, f: &str) -> String {
    if df.column(f).is_ok() && f != "source" {
        format!("group_{f}")
    } else {
        f.to_string()
    }
}

/// sources.csv with the within-story measures (one row per source that shares stories) joined.
pub fn with_within_story(sources: &DataFrame, within: &DataFrame) -> Result<DataFrame> {
    sources
        .clone()
        .lazy()
        .left_join(within.clone().lazy(), col("source"), col("source"))
        .collect()
        .map_err(Error::polars("sources"))
}
