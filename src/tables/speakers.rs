//! speakers.csv (who each source quotes) and the speaker columns of sources.csv.

use super::{s, u};
use crate::count::speakers::SpeakerCounts;
use crate::count::Acc;
use crate::error::{Error, Result};
use crate::text::quotes::SpeakerType;
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

/// The sources' speakers, each source's in order of quotations (then name), a surname merged
/// into the one full name of the source that ends with it ([`one_name_per_person`]).
fn ranked(acc: &Acc) -> Vec<(&str, Vec<(String, SpeakerCounts)>)> {
    let mut out: Vec<_> = acc
        .speakers
        .iter()
        .map(|(src, names)| {
            let mut v: Vec<_> = one_name_per_person(names).into_iter().collect();
            v.sort_by(|a, b| {
                let all = |c: &SpeakerCounts| c.n_quotes + c.n_indirect;
                b.1.n_quotes
                    .cmp(&a.1.n_quotes)
                    .then(all(&b.1).cmp(&all(&a.1)))
                    .then(a.0.cmp(&b.0))
            });
            (src.as_str(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out
}

/// One row per person within a source: a named speaker known by one word ("Romney") is counted
/// under the source's only named speaker of two words or more ending with it ("Mitt Romney");
/// when two end with it ("Barack Obama", "Michelle Obama") or none does, it stays as it is.
/// Within a document the resolver already gives the fullest name; this joins documents that
/// never wrote it in full. A document quoting both forms counts twice in `n_docs`.
fn one_name_per_person(
    names: &ahash::AHashMap<String, SpeakerCounts>,
) -> ahash::AHashMap<String, SpeakerCounts> {
    let named = |c: &SpeakerCounts| c.speaker_type() == SpeakerType::Named;
    let mut full_by_last: ahash::AHashMap<&str, Vec<&str>> = Default::default();
    for (n, c) in names {
        if let (true, Some((_, last))) = (named(c), n.rsplit_once(' ')) {
            full_by_last.entry(last).or_default().push(n);
        }
    }
    let mut out: ahash::AHashMap<String, SpeakerCounts> = Default::default();
    for (n, c) in names {
        let target = match full_by_last.get(n.as_str()).map(Vec::as_slice) {
            Some([one]) if named(c) && !n.contains(' ') => one,
            _ => n.as_str(),
        };
        out.entry(target.to_string()).or_default().add(c);
    }
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
                .filter(|(_, c)| c.speaker_type() == SpeakerType::Named)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(n: u64, type_index: usize) -> SpeakerCounts {
        let mut c = SpeakerCounts {
            n_quotes: n,
            n_docs: 1,
            ..Default::default()
        };
        c.types[type_index] = n;
        c
    }

    #[test]
    fn a_surname_joins_the_one_full_name_of_its_source() {
        let mut m: ahash::AHashMap<String, SpeakerCounts> = Default::default();
        m.insert("Romney".into(), counts(2, 0));
        m.insert("Mitt Romney".into(), counts(3, 0));
        m.insert("Obama".into(), counts(1, 0));
        m.insert("Barack Obama".into(), counts(1, 0));
        m.insert("Michelle Obama".into(), counts(1, 0));
        // an organisation's one word is no surname
        m.insert("Post".into(), counts(1, 2));
        m.insert("Emily Post".into(), counts(1, 0));
        let out = one_name_per_person(&m);
        assert_eq!(out["Mitt Romney"].n_quotes, 5);
        assert!(!out.contains_key("Romney"));
        assert_eq!(out["Obama"].n_quotes, 1, "two Obamas: left as it is");
        assert_eq!(out["Post"].n_quotes, 1);
    }
}
