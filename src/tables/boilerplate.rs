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
    let rows = boilerplate_rows(acc, bp);
    let df = DataFrame::new(
        rows.len(),
        vec![
            s(
                "source",
                rows.iter().map(|r| r.source.to_string()).collect(),
            ),
            s("line", rows.iter().map(|r| r.line.to_string()).collect()),
            u("n_docs", rows.iter().map(|r| r.n_docs as u64).collect()),
            u(
                "source_docs",
                rows.iter().map(|r| r.source_docs as u64).collect(),
            ),
            Column::new(
                "share".into(),
                rows.iter()
                    .map(|r| r.n_docs as f64 / r.source_docs.max(1) as f64)
                    .collect::<Vec<f64>>(),
            ),
            u("n_removed", rows.iter().map(|r| r.n_removed).collect()),
        ],
    )
    .map_err(Error::polars("boilerplate"))?;
    Ok(df)
}

/// A boilerplate line of a source, with its counts.
struct LineRow<'a> {
    source: &'a str,
    line: &'a str,
    /// Documents of the source holding it.
    n_docs: u32,
    /// Documents of the source.
    source_docs: u32,
    /// Documents it was left out of.
    n_removed: u64,
}

/// The lines left out, by source, then most documents, then text.
fn boilerplate_rows<'a>(acc: &'a Acc, bp: &'a Boilerplate) -> Vec<LineRow<'a>> {
    let mut rows: Vec<LineRow> = acc
        .boilerplate
        .iter()
        .filter_map(|(k, (text, n))| {
            bp.lines.get(k).map(|l| LineRow {
                source: l.source.as_str(),
                line: text.as_str(),
                n_docs: l.n_docs,
                source_docs: l.source_docs,
                n_removed: *n,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        a.source
            .cmp(b.source)
            .then(b.n_docs.cmp(&a.n_docs))
            .then(a.line.cmp(b.line))
    });
    rows
}
