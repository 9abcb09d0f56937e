//! One row per occurrence: hedges.csv, quotes.csv, and errors.csv (one row per input problem).

use super::{s, sr, u};
use crate::count::{HedgeRow, QuoteRow};
use crate::error::{Error, Result};
use crate::io::read::Problem;
use polars::prelude::*;

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
            Column::new(
                "reported".into(),
                h.iter().map(|r| r.reported).collect::<Vec<_>>(),
            ),
            sr("left", st(|r| &r.left)),
            sr("right", st(|r| &r.right)),
        ],
    )
    .map_err(Error::polars("hedges"))
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
            sr("speaker_gender", st(|r| r.quote.speaker_gender.as_str())),
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
    .map_err(Error::polars("quotes"))
}

/// Builds furniture.csv: one row per line left out as page furniture (`doc_id`, one-based
/// `line` number in the document, `reason` (the rule of [`crate::text::furniture::RULES`]),
/// `text`), in input order.
pub fn furniture(rows: &[crate::count::FurnitureRow]) -> Result<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("doc_id", rows.iter().map(|r| r.doc_id.clone()).collect()),
            u("line", rows.iter().map(|r| r.line.line as u64).collect()),
            s(
                "reason",
                rows.iter().map(|r| r.line.reason.clone()).collect(),
            ),
            s("text", rows.iter().map(|r| r.line.text.clone()).collect()),
        ],
    )
    .map_err(Error::polars("furniture"))
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
    .map_err(Error::polars("errors"))
}
