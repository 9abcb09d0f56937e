//! The figures charts and pages show, read back from the tables.

use super::plot::SourceFigures;
use crate::analysis::Analysis;
use crate::count::DocRow;
use crate::error::{Error, Result};
use polars::prelude::*;

/// Column as f64 values (nulls become NaN).
pub fn col_f64(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    let pe = Error::polars("report");
    let c = df.column(name).map_err(&pe)?;
    let c = c.cast(&DataType::Float64).map_err(&pe)?;
    let ca = c.f64().map_err(&pe)?;
    Ok(ca.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
}

/// Column as strings (nulls become empty).
pub fn col_str(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    let c = df.column(name).map_err(Error::polars("report"))?;
    let ca = c.str().map_err(Error::polars("report"))?;
    Ok((0..ca.len())
        .map(|i| ca.get(i).unwrap_or("").to_string())
        .collect())
}

/// Per-source figures for all sources, ordered by documents (desc) then name; colours by that rank.
pub fn source_figures(df: &DataFrame, categories: &[String]) -> Result<Vec<SourceFigures>> {
    let columns = FigureColumns::read(df, categories)?;
    let mut out: Vec<SourceFigures> = (0..columns.names.len()).map(|i| columns.row(i)).collect();
    out.sort_by(|a, b| b.n_docs.cmp(&a.n_docs).then(a.name.cmp(&b.name)));
    for (i, s) in out.iter_mut().enumerate() {
        s.color = i;
    }
    Ok(out)
}

/// The columns of sources.csv the figures are read from.
struct FigureColumns {
    names: Vec<String>,
    n_docs: Vec<f64>,
    h: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    direct: Vec<f64>,
    scare: Vec<f64>,
    anon: Vec<f64>,
    qs: Vec<f64>,
    /// Hedges per 1,000 tokens of each category.
    cats: Vec<Vec<f64>>,
}

impl FigureColumns {
    fn read(df: &DataFrame, categories: &[String]) -> Result<Self> {
        Ok(FigureColumns {
            names: col_str(df, "source")?,
            n_docs: col_f64(df, "n_docs")?,
            h: col_f64(df, "hedges_per_1k")?,
            lo: col_f64(df, "hedges_per_1k_lo")?,
            hi: col_f64(df, "hedges_per_1k_hi")?,
            direct: col_f64(df, "direct_per_1k")?,
            scare: col_f64(df, "scare_per_1k")?,
            anon: col_f64(df, "anonymous_per_1k")?,
            qs: col_f64(df, "quoted_share")?,
            cats: categories
                .iter()
                .map(|c| col_f64(df, &format!("{c}_per_1k")))
                .collect::<Result<_>>()?,
        })
    }

    /// Row `i`'s figures (a value that is not finite as 0; the colour assigned later).
    fn row(&self, i: usize) -> SourceFigures {
        SourceFigures {
            name: self.names[i].clone(),
            n_docs: self.n_docs[i] as u64,
            hedges_per_1k: finite_or_zero(self.h[i]),
            lo: finite_or_zero(self.lo[i]),
            hi: finite_or_zero(self.hi[i]),
            categories: self.cats.iter().map(|c| finite_or_zero(c[i])).collect(),
            direct_per_1k: finite_or_zero(self.direct[i]),
            scare_per_1k: finite_or_zero(self.scare[i]),
            anonymous_per_1k: finite_or_zero(self.anon[i]),
            quoted_share: finite_or_zero(self.qs[i]),
            color: 0,
        }
    }
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// Summary figures of the run.
pub struct Summary {
    /// Documents analysed.
    pub docs: usize,
    /// Word tokens.
    pub tokens: u64,
    /// Sources.
    pub sources: usize,
    /// Earliest and latest date.
    pub dates: Option<(String, String)>,
    /// Problems reported.
    pub problems: usize,
    /// Inputs skipped.
    pub skipped: usize,
}

/// Computes the summary of an analysis.
pub fn summary(a: &Analysis) -> Summary {
    Summary {
        docs: a.acc.docs.len(),
        tokens: a.acc.docs.iter().map(|d| d.n_tokens).sum(),
        sources: a.tables.sources.height(),
        dates: date_span(&a.acc.docs),
        problems: a.acc.problems.len(),
        skipped: a.n_skipped(),
    }
}

/// The earliest and latest of the documents' dates (`YYYY-MM-DD…`), if any.
fn date_span(docs: &[DocRow]) -> Option<(String, String)> {
    let mut dates: Vec<&str> = docs
        .iter()
        .map(|d| d.date.as_str())
        .filter(|d| d.len() >= 10 && d.as_bytes()[4] == b'-')
        .collect();
    dates.sort_unstable();
    let span = dates.first().zip(dates.last());
    span.map(|(a, b)| (a.to_string(), b.to_string()))
}
