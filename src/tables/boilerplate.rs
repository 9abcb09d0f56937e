//! boilerplate.csv: the lines left out of the counts as a source's furniture, with their counts.

use super::{s, u};
use crate::count::boilerplate::Boilerplate;
use crate::count::Acc;
use crate::error::{Error, Result};
use polars::prelude::*;

/// One row per boilerplate line that was left out: `source, line, n_docs` (distinct documents of
/// the source holding it), `source_docs` (distinct documents of the source), `share`, and
/// `n_removed` (documents it was left out of, copies included); by source, then most documents.
pub fn boilerplate(acc: &Acc, bp: &Boilerplate) -> Result<DataFrame> {
    let mut rows: Vec<(&str, &str, u32, u32, u64)> = acc
        .boilerplate
        .iter()
        .filter_map(|(k, (text, n))| {
            bp.lines.get(k).map(|l| {
                (
                    l.source.as_str(),
                    text.as_str(),
                    l.n_docs,
                    l.source_docs,
                    *n,
                )
            })
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    let df = DataFrame::new(
        rows.len(),
        vec![
            s("source", rows.iter().map(|r| r.0.to_string()).collect()),
            s("line", rows.iter().map(|r| r.1.to_string()).collect()),
            u("n_docs", rows.iter().map(|r| r.2 as u64).collect()),
            u("source_docs", rows.iter().map(|r| r.3 as u64).collect()),
            Column::new(
                "share".into(),
                rows.iter()
                    .map(|r| r.2 as f64 / r.3.max(1) as f64)
                    .collect::<Vec<f64>>(),
            ),
            u("n_removed", rows.iter().map(|r| r.4).collect()),
        ],
    )
    .map_err(Error::polars("boilerplate"))?;
    Ok(df)
}
