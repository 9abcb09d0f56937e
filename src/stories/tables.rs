//! The story tables of aligned pairs: alignment.csv, shared_quotes.csv, passages.csv.

use super::align::{scare_set, Aligned, Alignment};
use crate::count::DocRow;
use crate::error::{Error, Result};
use crate::text::offsets::{floor_boundary, CharIndex};
use crate::text::quotes::Quote;
use polars::prelude::*;

/// One aligned pair: story id, the two documents (indices into the counted documents) and
/// their alignment.
pub(super) type PairRow = (String, usize, usize, Alignment);
use std::collections::{BTreeMap, HashMap};

/// A character index for every document of `rows`, built once per document instead of once per
/// pair (a document is in many pairs).
fn char_indexes<'a>(
    al: &'a HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> HashMap<usize, CharIndex<'a>> {
    let mut out = HashMap::new();
    for r in rows {
        for i in [r.1, r.2] {
            if let Some(d) = al.get(&i) {
                out.entry(i).or_insert_with(|| CharIndex::new(&d.text));
            }
        }
    }
    out
}

fn join(v: &[String]) -> String {
    v.join(";")
}

pub(super) fn alignment_df(
    docs: &[DocRow],
    al: &HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> Result<DataFrame> {
    let d = docs;
    let rate = |i: usize| {
        if d[i].n_tokens > 0 {
            d[i].n_hedges as f64 / d[i].n_tokens as f64 * 1000.0
        } else {
            f64::NAN
        }
    };
    let s = |f: &dyn Fn(&PairRow) -> String| rows.iter().map(f).collect::<Vec<String>>();
    let u = |f: &dyn Fn(&PairRow) -> u64| rows.iter().map(f).collect::<Vec<u64>>();
    let fl = |f: &dyn Fn(&PairRow) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
    // each document's scare quotes once, not once per pair and column
    let scare_sets: HashMap<usize, Vec<String>> = rows
        .iter()
        .flat_map(|r| [r.1, r.2])
        .filter_map(|i| al.get(&i).map(|d| (i, scare_set(d))))
        .collect();
    let none: Vec<String> = Vec::new();
    let scare = |i: usize| scare_sets.get(&i).unwrap_or(&none);
    DataFrame::new(
        rows.len(),
        vec![
            Column::new("story_id".into(), s(&|r| r.0.clone())),
            Column::new("doc_a".into(), s(&|r| d[r.1].doc_id.clone())),
            Column::new("doc_b".into(), s(&|r| d[r.2].doc_id.clone())),
            Column::new("source_a".into(), s(&|r| d[r.1].source.clone())),
            Column::new("source_b".into(), s(&|r| d[r.2].source.clone())),
            Column::new(
                "shared_quotes".into(),
                u(&|r| r.3.shared_quotes.len() as u64),
            ),
            Column::new(
                "contained_quotes".into(),
                u(&|r| r.3.contained_quotes.len() as u64),
            ),
            Column::new("quotes_only_a".into(), u(&|r| r.3.quotes_only_a as u64)),
            Column::new("quotes_only_b".into(), u(&|r| r.3.quotes_only_b as u64)),
            Column::new(
                "shared_numbers".into(),
                u(&|r| r.3.shared_numbers.len() as u64),
            ),
            Column::new(
                "numbers_only_a".into(),
                u(&|r| r.3.numbers_only_a.len() as u64),
            ),
            Column::new(
                "numbers_only_b".into(),
                u(&|r| r.3.numbers_only_b.len() as u64),
            ),
            Column::new("reused_share_a".into(), fl(&|r| r.3.reused_share_a)),
            Column::new("reused_share_b".into(), fl(&|r| r.3.reused_share_b)),
            Column::new("hedges_per_1k_a".into(), fl(&|r| rate(r.1))),
            Column::new("hedges_per_1k_b".into(), fl(&|r| rate(r.2))),
            Column::new("scare_quotes_a".into(), u(&|r| d[r.1].quotes_by_kind[1])),
            Column::new("scare_quotes_b".into(), u(&|r| d[r.2].quotes_by_kind[1])),
            Column::new(
                "shared_number_list".into(),
                s(&|r| join(&r.3.shared_numbers)),
            ),
            Column::new(
                "scare_shared".into(),
                s(&|r| {
                    let (x, y) = (scare(r.1), scare(r.2));
                    join(
                        &x.iter()
                            .filter(|q| y.contains(q))
                            .cloned()
                            .collect::<Vec<_>>(),
                    )
                }),
            ),
            Column::new(
                "scare_only_a".into(),
                s(&|r| {
                    let (x, y) = (scare(r.1), scare(r.2));
                    join(
                        &x.iter()
                            .filter(|q| !y.contains(q))
                            .cloned()
                            .collect::<Vec<_>>(),
                    )
                }),
            ),
            Column::new(
                "scare_only_b".into(),
                s(&|r| {
                    let (x, y) = (scare(r.1), scare(r.2));
                    join(
                        &y.iter()
                            .filter(|q| !x.contains(q))
                            .cloned()
                            .collect::<Vec<_>>(),
                    )
                }),
            ),
        ],
    )
    .map_err(Error::polars("alignment"))
}

pub(super) fn shared_quotes_df(
    docs: &[DocRow],
    al: &HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> Result<DataFrame> {
    let d = docs;
    let chars = char_indexes(al, rows);
    let mut cols: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut nums: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    let mut overlap = Vec::new();
    let mut n = 0;
    for (sid, i, j, alg) in rows {
        let (da, db) = (&al[i], &al[j]);
        let (ca, cb) = (&chars[i], &chars[j]);
        let same = alg.shared_quotes.iter().map(|q| (q, "same"));
        let parts = alg.contained_quotes.iter().map(|q| (q, "contained"));
        for (sq, relation) in same.chain(parts) {
            let (qa, qb) = (&da.quotes[sq.a], &db.quotes[sq.b]);
            n += 1;
            for (k, v) in [
                ("relation", relation.to_string()),
                ("story_id", sid.clone()),
                ("doc_a", d[*i].doc_id.clone()),
                ("doc_b", d[*j].doc_id.clone()),
                ("source_a", d[*i].source.clone()),
                ("source_b", d[*j].source.clone()),
                ("kind_a", qa.kind.as_str().to_string()),
                ("kind_b", qb.kind.as_str().to_string()),
                ("speaker_a", qa.speaker.clone()),
                ("speaker_b", qb.speaker.clone()),
                ("cue_a", qa.cue.clone()),
                ("cue_b", qb.cue.clone()),
                (
                    "stance_a",
                    qa.stance
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                ),
                (
                    "stance_b",
                    qb.stance
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                ),
                ("attribution_a", attribution(&da.text, qa)),
                ("attribution_b", attribution(&db.text, qb)),
                (
                    "text_a",
                    da.text[qa.start..qa.end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                (
                    "text_b",
                    db.text[qb.start..qb.end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            ] {
                cols.entry(k).or_default().push(v);
            }
            for (k, v) in [
                ("start_char_a", ca.char_at(qa.start)),
                ("end_char_a", ca.char_at(qa.end)),
                ("start_char_b", cb.char_at(qb.start)),
                ("end_char_b", cb.char_at(qb.end)),
            ] {
                nums.entry(k).or_default().push(v);
            }
            overlap.push(sq.overlap);
        }
    }
    let order = [
        "story_id",
        "doc_a",
        "doc_b",
        "source_a",
        "source_b",
        "start_char_a",
        "end_char_a",
        "start_char_b",
        "end_char_b",
        "relation",
        "kind_a",
        "kind_b",
        "speaker_a",
        "speaker_b",
        "cue_a",
        "cue_b",
        "stance_a",
        "stance_b",
        "attribution_a",
        "attribution_b",
        "overlap",
        "text_a",
        "text_b",
    ];
    let columns: Vec<Column> = order
        .iter()
        .map(|k| {
            if let Some(v) = cols.remove(k) {
                Column::new((*k).into(), v)
            } else if let Some(v) = nums.remove(k) {
                Column::new((*k).into(), v)
            } else if *k == "overlap" {
                Column::new("overlap".into(), overlap.clone())
            } else if k.starts_with("start") || k.starts_with("end") {
                Column::new((*k).into(), Vec::<u64>::new())
            } else {
                Column::new((*k).into(), Vec::<String>::new())
            }
        })
        .collect();
    DataFrame::new(n, columns).map_err(Error::polars("shared_quotes"))
}

/// The words that attribute a quote, as written ("a source allegedly told JoongAng"), so that
/// hedged and plain attributions of the same quotation can be told apart.
fn attribution(text: &str, q: &Quote) -> String {
    let Some((cs, ce)) = q.cue_span else {
        return String::new();
    };
    let raw = if cs >= q.end {
        let end = text[ce..]
            .find(['.', '\n', ';'])
            .map(|i| ce + i)
            .unwrap_or(text.len())
            .min(floor_boundary(text, ce + 60));
        &text[q.end..end]
    } else {
        let from = floor_boundary(text, cs.saturating_sub(80));
        let from = match text[from..cs].rfind(['.', '\n', '”', '"', ',']) {
            Some(i) => from + i + text[from + i..].chars().next().map_or(1, char::len_utf8),
            None => text[from..cs]
                .find(' ')
                .map(|i| from + i + 1)
                .unwrap_or(from),
        };
        &text[from..q.start]
    };
    raw.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn passages_df(
    docs: &[DocRow],
    al: &HashMap<usize, Aligned>,
    rows: &[PairRow],
) -> Result<DataFrame> {
    let d = docs;
    let chars = char_indexes(al, rows);
    let (mut sid, mut da_, mut db_, mut sa, mut ea, mut sb, mut eb, mut nt, mut tx) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    for (s, i, j, alg) in rows {
        let (x, y) = (&al[i], &al[j]);
        let (cx, cy) = (&chars[i], &chars[j]);
        for p in &alg.passages {
            let (a0, a1) = (
                x.tokens[p.a_start].0 as usize,
                x.tokens[p.a_start + p.len - 1].1 as usize,
            );
            let (b0, b1) = (
                y.tokens[p.b_start].0 as usize,
                y.tokens[p.b_start + p.len - 1].1 as usize,
            );
            sid.push(s.clone());
            da_.push(d[*i].doc_id.clone());
            db_.push(d[*j].doc_id.clone());
            sa.push(cx.char_at(a0));
            ea.push(cx.char_at(a1));
            sb.push(cy.char_at(b0));
            eb.push(cy.char_at(b1));
            nt.push(p.len as u64);
            tx.push(
                x.text[a0..a1]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    DataFrame::new(
        sid.len(),
        vec![
            Column::new("story_id".into(), sid),
            Column::new("doc_a".into(), da_),
            Column::new("doc_b".into(), db_),
            Column::new("start_char_a".into(), sa),
            Column::new("end_char_a".into(), ea),
            Column::new("start_char_b".into(), sb),
            Column::new("end_char_b".into(), eb),
            Column::new("n_tokens".into(), nt),
            Column::new("text_a".into(), tx),
        ],
    )
    .map_err(Error::polars("passages"))
}
