//! speakers.csv (who each source quotes) and the speaker columns of sources.csv.

use super::{s, u};
use crate::count::speakers::SpeakerCounts;
use crate::count::Acc;
use crate::error::{Error, Result};
use crate::text::quotes::SpeakerType;
use polars::prelude::*;
use std::cmp::Ordering;
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
            v.sort_by(|a, b| most_quoted_first(a, b));
            (src.as_str(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out
}

/// Speakers by direct quotations, then all attributions, most first; then by name.
fn most_quoted_first(a: &(String, SpeakerCounts), b: &(String, SpeakerCounts)) -> Ordering {
    let all = |c: &SpeakerCounts| c.n_quotes + c.n_indirect;
    b.1.n_quotes
        .cmp(&a.1.n_quotes)
        .then(all(&b.1).cmp(&all(&a.1)))
        .then(a.0.cmp(&b.0))
}

/// One row per person within a source: a named speaker known by one word ("Romney") is counted
/// under the source's only named speaker of two words or more ending with it ("Mitt Romney");
/// when two end with it ("Barack Obama", "Michelle Obama") or none does, it stays as it is.
/// Within a document the resolver already gives the fullest name; this joins documents that
/// never wrote it in full. A document quoting both forms counts twice in `n_docs`.
fn one_name_per_person(
    names: &ahash::AHashMap<String, SpeakerCounts>,
) -> ahash::AHashMap<String, SpeakerCounts> {
    let full_by_last = full_names_by_surname(names);
    let mut out: ahash::AHashMap<String, SpeakerCounts> = Default::default();
    for (n, c) in names {
        let target = match full_by_last.get(n.as_str()).map(Vec::as_slice) {
            Some([one]) if is_named(c) && !n.contains(' ') => one,
            _ => n.as_str(),
        };
        out.entry(target.to_string()).or_default().add(c);
    }
    out
}

/// The named speakers of two words or more, by their last word.
fn full_names_by_surname(
    names: &ahash::AHashMap<String, SpeakerCounts>,
) -> ahash::AHashMap<&str, Vec<&str>> {
    let mut full_by_last: ahash::AHashMap<&str, Vec<&str>> = Default::default();
    for (n, c) in names {
        if let (true, Some((_, last))) = (is_named(c), n.rsplit_once(' ')) {
            full_by_last.entry(last).or_default().push(n);
        }
    }
    full_by_last
}

/// Whether a speaker is a named person.
fn is_named(c: &SpeakerCounts) -> bool {
    c.speaker_type() == SpeakerType::Named
}

/// A row of speakers.csv.
struct SpeakerRow<'a> {
    source: &'a str,
    name: String,
    counts: SpeakerCounts,
    /// Share of the source's direct quotations.
    share: Option<f64>,
}

/// The rows of speakers.csv: each source's speakers, ranked.
fn speaker_rows(acc: &Acc) -> Vec<SpeakerRow<'_>> {
    let direct = direct_per_source(acc);
    let mut rows = Vec::new();
    for (source, list) in ranked(acc) {
        let total = direct.get(source).copied().unwrap_or(0);
        rows.extend(list.into_iter().map(|(name, counts)| SpeakerRow {
            source,
            share: share_of(counts.n_quotes, total),
            name,
            counts,
        }));
    }
    rows
}

/// `n / total`, none when `total` is 0.
fn share_of(n: u64, total: u64) -> Option<f64> {
    (total > 0).then(|| n as f64 / total as f64)
}

/// The id of the document numbered `seq` (documents are in input order after counting); empty
/// when there is none.
fn doc_id_of(acc: &Acc, seq: u64) -> String {
    let i = acc.docs.partition_point(|d| d.seq < seq);
    acc.docs
        .get(i)
        .filter(|d| d.seq == seq)
        .map_or(String::new(), |d| d.doc_id.clone())
}

/// speakers.csv: one row per (source, speaker) with the speaker's type, direct quotations
/// (`n_quotes`), indirect and mixed attributions (`n_indirect`), both (`n_attributions`),
/// documents, quoted tokens, share of the source's direct quotations and first and last document.
pub fn speakers(acc: &Acc) -> Result<DataFrame> {
    let rows = speaker_rows(acc);
    let strs = |f: &dyn Fn(&SpeakerRow) -> String| rows.iter().map(f).collect::<Vec<_>>();
    let counts = |f: fn(&SpeakerCounts) -> u64| rows.iter().map(|r| f(&r.counts)).collect();
    let shares: Vec<Option<f64>> = rows.iter().map(|r| r.share).collect();
    DataFrame::new(
        rows.len(),
        vec![
            s("source", strs(&|r| r.source.to_string())),
            s("speaker", strs(&|r| r.name.clone())),
            s(
                "speaker_type",
                strs(&|r| r.counts.speaker_type().as_str().to_string()),
            ),
            u("n_quotes", counts(|c| c.n_quotes)),
            u("n_indirect", counts(|c| c.n_indirect)),
            u("n_attributions", counts(|c| c.n_quotes + c.n_indirect)),
            u("n_docs", counts(|c| c.n_docs)),
            u("quoted_tokens", counts(|c| c.quoted_tokens)),
            Column::new("share_of_source_quotes".into(), shares),
            s(
                "first_doc_id",
                strs(&|r| doc_id_of(acc, r.counts.first_seq)),
            ),
            s("last_doc_id", strs(&|r| doc_id_of(acc, r.counts.last_seq))),
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
        named.push(list.iter().filter(|(_, c)| is_named(c)).count() as u64);
        let top: u64 = list.iter().take(5).map(|(_, c)| c.n_quotes).sum();
        top5.push(share_of(top, total));
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
