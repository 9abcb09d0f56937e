//! The figures charts and pages show, read back from the tables.

use super::plot::SourceFigures;
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use polars::prelude::*;

/// Column as f64 values (nulls become NaN).
pub fn col_f64(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    let c = df
        .column(name)
        .map_err(Error::polars("report"))?
        .cast(&DataType::Float64)
        .map_err(Error::polars("report"))?;
    let ca = c.f64().map_err(Error::polars("report"))?;
    Ok((0..ca.len())
        .map(|i| ca.get(i).unwrap_or(f64::NAN))
        .collect())
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
    let names = col_str(df, "source")?;
    let n_docs = col_f64(df, "n_docs")?;
    let h = col_f64(df, "hedges_per_1k")?;
    let lo = col_f64(df, "hedges_per_1k_lo")?;
    let hi = col_f64(df, "hedges_per_1k_hi")?;
    let direct = col_f64(df, "direct_per_1k")?;
    let scare = col_f64(df, "scare_per_1k")?;
    let anon = col_f64(df, "anonymous_per_1k")?;
    let qs = col_f64(df, "quoted_share")?;
    let cats: Vec<Vec<f64>> = categories
        .iter()
        .map(|c| col_f64(df, &format!("{c}_per_1k")))
        .collect::<Result<_>>()?;
    let z = |v: f64| if v.is_finite() { v } else { 0.0 };
    let mut out: Vec<SourceFigures> = (0..names.len())
        .map(|i| SourceFigures {
            name: names[i].clone(),
            n_docs: n_docs[i] as u64,
            hedges_per_1k: z(h[i]),
            lo: z(lo[i]),
            hi: z(hi[i]),
            categories: cats.iter().map(|c| z(c[i])).collect(),
            direct_per_1k: z(direct[i]),
            scare_per_1k: z(scare[i]),
            anonymous_per_1k: z(anon[i]),
            quoted_share: z(qs[i]),
            color: 0,
        })
        .collect();
    out.sort_by(|a, b| b.n_docs.cmp(&a.n_docs).then(a.name.cmp(&b.name)));
    for (i, s) in out.iter_mut().enumerate() {
        s.color = i;
    }
    Ok(out)
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
    let mut dates: Vec<&str> = a
        .acc
        .docs
        .iter()
        .map(|d| d.date.as_str())
        .filter(|d| d.len() >= 10 && d.as_bytes()[4] == b'-')
        .collect();
    dates.sort_unstable();
    Summary {
        docs: a.acc.docs.len(),
        tokens: a.acc.docs.iter().map(|d| d.n_tokens).sum(),
        sources: a.tables.sources.height(),
        dates: dates
            .first()
            .zip(dates.last())
            .map(|(a, b)| (a.to_string(), b.to_string())),
        problems: a.acc.problems.len(),
        skipped: a.n_skipped(),
    }
}
