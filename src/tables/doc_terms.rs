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
    let n_stems = acc.n_stems();
    let mut by_name: Vec<u32> = (0..n_stems as u32).collect();
    by_name.sort_unstable_by(|&x, &y| acc.stem(x).0.cmp(acc.stem(y).0));
    let mut rank = vec![0u32; n_stems];
    for (r, &k) in by_name.iter().enumerate() {
        rank[k as usize] = r as u32;
    }
    let mut ids: Vec<&str> = Vec::with_capacity(CHUNK_ROWS);
    let mut rows: Vec<(&str, u64, u64)> = Vec::with_capacity(CHUNK_ROWS);
    let mut terms: Vec<(u32, u32)> = Vec::new();
    for d in &acc.docs {
        terms.clear();
        terms.extend_from_slice(&d.terms);
        terms.sort_unstable_by_key(|t| rank[t.0 as usize]);
        for &(k, c) in &terms {
            let (term, n) = acc.stem(k);
            ids.push(&d.doc_id);
            rows.push((term, n as u64, c as u64));
        }
        if rows.len() >= CHUNK_ROWS {
            sink(doc_terms_frame(&ids, &rows)?)?;
            ids.clear();
            rows.clear();
        }
    }
    if !rows.is_empty() {
        sink(doc_terms_frame(&ids, &rows)?)?;
    }
    Ok(())
}
