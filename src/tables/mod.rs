//! Tables: the counted data handed to polars as DataFrames, with every rate derived from counts
//! by polars expressions (so tables from corpus shards can be merged by summing counts).

mod boilerplate;
mod collocations;
mod doc_terms;
mod documents;
mod occurrences;
mod speakers;
mod terms;

pub use boilerplate::boilerplate;
pub use collocations::collocations;
pub use doc_terms::{doc_terms, doc_terms_schema};
pub use documents::{category_count_col, documents, hedge_intervals, ratio, source_types, sources};
pub use occurrences::{errors, hedges, quotes};
pub use speakers::{speaker_summary, speakers};
pub use terms::terms;

use crate::error::{Error, Result};
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
    /// One row per (source, speaker).
    pub speakers: DataFrame,
    /// One row per boilerplate line left out of the counts.
    pub boilerplate: DataFrame,
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

/// sources.csv with the within-story measures (one row per source that shares stories) joined.
pub fn with_within_story(sources: &DataFrame, within: &DataFrame) -> Result<DataFrame> {
    sources
        .clone()
        .lazy()
        .left_join(within.clone().lazy(), col("source"), col("source"))
        .collect()
        .map_err(Error::polars("sources"))
}
