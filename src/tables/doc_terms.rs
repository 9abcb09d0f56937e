//! doc_terms: the document-term matrix in long form (`doc_id, term, n, count`), one row per term
//! of each document, in input order and alphabetically within a document: what
//! `tidytext::cast_dfm(x, doc_id, term, count)` or a scipy sparse matrix is made from.

use super::{sr, u};
use crate::count::Acc;
use crate::error::{Error, Result};
use polars::prelude::*;

/// Rows of doc_terms built at a time.
const CHUNK_ROWS: usize = 1 << 18;

/// The (empty) doc_terms frame: its schema.
pub fn doc_terms_schema() -> Result<DataFrame> {
    doc_terms_frame(&[], &[])
}

fn doc_terms_frame(ids: &[&str], rows: &[(&str, u64, u64)]) -> Result<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            sr("doc_id", ids.to_vec()),
            sr("term", rows.iter().map(|r| r.0).collect()),
            u("n", rows.iter().map(|r| r.1).collect()),
            u("count", rows.iter().map(|r| r.2).collect()),
        ],
    )
    .map_err(Error::polars("doc_terms"))
}

/// Hands doc_terms to `sink` in chunks of about 262,144 rows.
pub fn doc_terms(acc: &Acc, sink: &mut dyn FnMut(DataFrame) -> Result<()>) -> Result<()> {
    let rank = acc.stem_ranks();
    let mut chunk = Chunk {
        ids: Vec::with_capacity(CHUNK_ROWS),
        rows: Vec::with_capacity(CHUNK_ROWS),
    };
    let mut terms: Vec<(u32, u32)> = Vec::new();
    for d in &acc.docs {
        terms.clear();
        terms.extend_from_slice(&d.terms);
        terms.sort_unstable_by_key(|t| rank[t.0 as usize]);
        chunk.push_doc(acc, &d.doc_id, &terms);
        if chunk.rows.len() >= CHUNK_ROWS {
            chunk.flush(sink)?;
        }
    }
    chunk.flush(sink)
}

/// The rows of doc_terms gathered before they are handed on.
struct Chunk<'a> {
    /// The document id of each row.
    ids: Vec<&'a str>,
    /// Term, n-gram size and count of each row.
    rows: Vec<(&'a str, u64, u64)>,
}

impl<'a> Chunk<'a> {
    /// Adds the rows of a document's terms (stem id, count).
    fn push_doc(&mut self, acc: &'a Acc, doc_id: &'a str, terms: &[(u32, u32)]) {
        for &(k, c) in terms {
            let (term, n) = acc.stem(k);
            self.ids.push(doc_id);
            self.rows.push((term, n as u64, c as u64));
        }
    }

    /// Hands the rows gathered to `sink` (if any) and clears them.
    fn flush(&mut self, sink: &mut dyn FnMut(DataFrame) -> Result<()>) -> Result<()> {
        if !self.rows.is_empty() {
            sink(doc_terms_frame(&self.ids, &self.rows)?)?;
            self.ids.clear();
            self.rows.clear();
        }
        Ok(())
    }
}
