//! speakers.csv (who each source quotes) and the speaker columns of sources.csv.

use super::{s, u};
use crate::count::Acc;
use crate::error::{Error, Result};
use polars::prelude::*;
use std::collections::BTreeMap;

/// Direct quotations per source, the denominator of a speaker's share.
fn direct_per_source(acc: &Acc) -> BTreeMap<&str, u64> {
    let mut m = BTreeMap::new();
    for d in &acc.docs {
        *m.entry(d.group.as_str()).or_insert(0) += d.quotes_by_kind[0];
    }
    m
}

/// The sources' speakers, each source's in order of quotations (then name).
fn ranked(acc: &Acc) -> Vec<(&str, Vec<(&str, &crate::count::speakers::SpeakerCounts)>)> {
    let mut out: Vec<_> = acc
        .speakers
        .iter()
        .map(|(src, names)| {
            let mut v: Vec<_> = names.iter().map(|(n, c)| (n.as_str(), c)).collect();
            v.sort_by(|a, b| {
                let all = |c: &crate::count::speakers::SpeakerCounts| c.n_quotes + c.n_indirect;
                b.1.n_quotes
                    .cmp(&a.1.n_quotes)
                    .then(all(b.1).cmp(&all(a.1)))
                    .then(a.0.cmp(b.0))
            });
            (src.as_str(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out
}

/// speakers.csv: one row per (source, speaker) with the speaker's type, direct quotations
/// (`n_quotes`), indirect and mixed attributions (`n_indirect`), both (`n_attributions`),
/// documents, quoted tokens, share of the source's direct quotations and first and last document.
pub fn speakers(acc: &Acc) -> Result<DataFrame> {
    let direct = direct_per_source(acc);
    // documents are in input order after counting: a document by its seq
    let doc_id = |seq: u64| {
        let i = acc.docs.partition_point(|d| d.seq < seq);
        acc.docs
            .get(i)
            .filter(|d| d.seq == seq)
            .map_or(String::new(), |d| d.doc_id.clone())
    };
    let (mut src, mut name, mut ty) = (vec![], vec![], vec![]);
    let (mut nq, mut nd, mut qt, mut share, mut first, mut last) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut ni, mut na) = (vec![], vec![]);
    for (source, list) in ranked(acc) {
        let total = direct.get(source).copied().unwrap_or(0);
        for (n, c) in list {
            src.push(source.to_string());
            name.push(n.to_string());
            ty.push(c.speaker_type().as_str().to_string());
            nq.push(c.n_quotes);
            ni.push(c.n_indirect);
            na.push(c.n_quotes + c.n_indirect);
            nd.push(c.n_docs);
            qt.push(c.quoted_tokens);
            share.push((total > 0).then(|| c.n_quotes as f64 / total as f64));
            first.push(doc_id(c.first_seq));
            last.push(doc_id(c.last_seq));
        }
    }
    DataFrame::new(
        src.len(),
        vec![
            s("source", src),
            s("speaker", name),
            s("speaker_type", ty),
            u("n_quotes", nq),
            u("n_indirect", ni),
            u("n_attributions", na),
            u("n_docs", nd),
            u("quoted_tokens", qt),
            Column::new("share_of_source_quotes".into(), share),
            s("first_doc_id", first),
            s("last_doc_id", last),
        ],
    )
    .map_err(Error::polars("speakers"))
}

/// Speaker columns of sources.csv: distinct named speakers, and the share of the source's direct
/// quotations that come from its five most-quoted speakers (of any type).
pub fn speaker_summary(acc: &Acc) -> Result<DataFrame> {
    let direct = direct_per_source(acc);
    let (mut src, mut named, mut top5) = (vec![], vec![], vec![]);
    for (source, list) in ranked(acc) {
        let total = direct.get(source).copied().unwrap_or(0);
        src.push(source.to_string());
        named.push(
            list.iter()
                .filter(|(_, c)| c.speaker_type() == crate::text::quotes::SpeakerType::Named)
                .count() as u64,
        );
        let top: u64 = list.iter().take(5).map(|(_, c)| c.n_quotes).sum();
        top5.push((total > 0).then(|| top as f64 / total as f64));
    }
    DataFrame::new(
        src.len(),
        vec![
            s("source", src),
            u("n_named_speakers", named),
            Column::new("top5_speaker_share".into(), top5),
        ],
    )
    .map_err(Error::polars("sources"))
}
