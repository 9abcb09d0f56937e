//! The story stage and side-by-side pages: groups the counted documents into stories, reads the
//! documents of multi-source stories again, aligns every cross-source pair, builds the
//! `stories`, `alignment`, `shared_quotes` and `passages` tables, and renders HTML comparisons.

use crate::corpus;
use crate::error::{Error, Result};
use crate::export;
use crate::hedges::Lexicon;
use crate::measures::CharIndex;
use crate::quotes::{Cues, Kind};
use crate::stories::{self, Aligned, Alignment, StoryDoc};
use crate::{Analysis, AnalyzeOptions};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Story tables.
pub struct StoryTables {
    /// One row per document: its story.
    pub stories: DataFrame,
    /// One row per cross-source document pair within a story.
    pub alignment: DataFrame,
    /// One row per quotation found in both documents of a pair.
    pub shared_quotes: DataFrame,
    /// One row per reused passage.
    pub passages: DataFrame,
    /// Stories with two or more sources: (story id, label, doc indices into acc.docs), most sources first.
    pub multi: Vec<(String, String, Vec<usize>)>,
    /// Seconds spent.
    pub seconds: f64,
}

fn pe(t: &str) -> impl Fn(PolarsError) -> Error + '_ {
    move |source| Error::Polars {
        table: t.to_string(),
        source,
    }
}

/// Groups documents, aligns multi-source stories and builds the tables.
pub fn story_stage(
    a: &Analysis,
    opts: &AnalyzeOptions,
    window_days: Option<i64>,
) -> Result<(StoryTables, HashMap<usize, Aligned>)> {
    let t0 = std::time::Instant::now();
    let docs = &a.acc.docs;
    // A copy of an earlier document of the same source (see `DocRow::duplicate_of`) joins its
    // original's story without being grouped or aligned again: re-crawled or repeated articles
    // neither inflate the work (pairs grow with the square of the copies) nor the tables.
    let originals: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].duplicate_of.is_none())
        .collect();
    let sdocs: Vec<StoryDoc> = originals
        .iter()
        .map(|&i| {
            let d = &docs[i];
            StoryDoc {
                source: &d.source,
                date: &d.date,
                story: &d.story,
                profile: &d.profile,
            }
        })
        .collect();
    let group_of_original = stories::group(&sdocs, window_days, 3);
    drop(sdocs);
    let mut group = vec![0usize; docs.len()];
    for (k, &i) in originals.iter().enumerate() {
        group[i] = group_of_original[k];
    }
    for i in 0..docs.len() {
        if let Some(j) = docs[i].duplicate_of {
            group[i] = group[j];
        }
    }
    crate::trace("stories: grouped");
    let n_groups = group.iter().copied().max().map(|m| m + 1).unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
    for (i, &g) in group.iter().enumerate() {
        members[g].push(i);
    }
    // labels: terms frequent in the story, weighted by inverse document frequency
    let df = a.acc.doc_freqs();
    let surf = a.acc.surfaces();
    let n_docs = docs.len().max(1) as f64;
    let label_of = |m: &[usize]| -> String {
        let mut score: HashMap<u32, f64> = HashMap::new();
        for &i in m.iter().filter(|&&i| docs[i].duplicate_of.is_none()) {
            for &(t, c) in &docs[i].top_terms {
                let idf = (n_docs / df[t as usize].max(1) as f64).ln();
                *score.entry(t).or_insert(0.0) += c as f64 * idf;
            }
        }
        let mut v: Vec<(u32, f64)> = score.into_iter().collect();
        v.sort_by(|x, y| {
            y.1.total_cmp(&x.1)
                .then_with(|| a.acc.stem(x.0).0.cmp(a.acc.stem(y.0).0))
        });
        v.iter()
            .take(4)
            .map(|&(t, _)| surf[t as usize])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let story_id = |g: usize| format!("S{:05}", g + 1);
    crate::trace("stories: doc freqs and surfaces");
    let labels: Vec<String> = members.iter().map(|m| label_of(m)).collect();
    let n_sources: Vec<usize> = members
        .iter()
        .map(|m| {
            m.iter()
                .map(|&i| docs[i].source.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        })
        .collect();
    // stories.csv
    let mut c_story = Vec::new();
    let mut c_doc = Vec::new();
    let mut c_src = Vec::new();
    let mut c_title = Vec::new();
    let mut c_date = Vec::new();
    let mut c_label = Vec::new();
    let mut c_ns = Vec::new();
    let mut c_nd = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let g = group[i];
        c_story.push(story_id(g));
        c_doc.push(d.doc_id.clone());
        c_src.push(d.source.clone());
        c_title.push(d.title.clone());
        c_date.push(d.date.clone());
        c_label.push(labels[g].clone());
        c_ns.push(n_sources[g] as u64);
        c_nd.push(members[g].len() as u64);
    }
    let stories_df = DataFrame::new(
        docs.len(),
        vec![
            Column::new("story_id".into(), c_story),
            Column::new("doc_id".into(), c_doc),
            Column::new("source".into(), c_src),
            Column::new("title".into(), c_title),
            Column::new("date".into(), c_date),
            Column::new("label".into(), c_label),
            Column::new("n_sources".into(), c_ns),
            Column::new("n_docs".into(), c_nd),
        ],
    )
    .map_err(pe("stories"))?
    .lazy()
    .sort_by_exprs(
        [col("story_id"), col("source"), col("doc_id")],
        SortMultipleOptions::default(),
    )
    .collect()
    .map_err(pe("stories"))?;
    crate::trace("stories: labels and stories table");
    // multi-source stories, most sources first
    let mut multi: Vec<(String, String, Vec<usize>)> = (0..n_groups)
        .filter(|&g| n_sources[g] >= 2)
        .map(|g| (story_id(g), labels[g].clone(), members[g].clone()))
        .collect();
    multi.sort_by(|x, y| {
        n_sources[group[y.2[0]]]
            .cmp(&n_sources[group[x.2[0]]])
            .then(y.2.len().cmp(&x.2.len()))
            .then(x.0.cmp(&y.0))
    });
    // second pass: read the documents of multi-source stories again
    let wanted: HashMap<u64, usize> = multi
        .iter()
        .flat_map(|m| m.2.iter().map(|&i| (docs[i].seq, i)))
        .filter(|&(_, i)| docs[i].duplicate_of.is_none())
        .collect();
    let cues = Cues::builtin();
    let mut texts: HashMap<usize, corpus::Document> = HashMap::new();
    if !wanted.is_empty() {
        let mut pending: Vec<(usize, corpus::Pending)> = Vec::new();
        let manifest = match &opts.load.manifest {
            Some(p) => Some(corpus::Manifest::load(p)?),
            None => None,
        };
        corpus::scan(&opts.inputs, &opts.load, 1 << 20, &mut |batch| {
            for p in batch {
                let seq = match &p {
                    corpus::Pending::File { seq, .. } | corpus::Pending::Json { seq, .. } => *seq,
                    corpus::Pending::Ready(d) => d.seq,
                    corpus::Pending::Failed(_) => continue,
                };
                if let Some(&i) = wanted.get(&seq) {
                    pending.push((i, p));
                }
            }
            Ok(())
        })?;
        crate::trace("stories: second pass scanned");
        // parsed (or read, for files) on all cores
        use rayon::prelude::*;
        texts = pending
            .into_par_iter()
            .filter_map(|(i, p)| {
                corpus::realize(p, &opts.load, manifest.as_ref())
                    .0
                    .map(|d| (i, d))
            })
            .collect();
    }

    crate::trace(&format!(
        "stories: second pass read {} documents",
        texts.len()
    ));
    // documents shown on the side-by-side pages: their alignment data is kept for the pages
    let mut keep: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for (_, _, m) in multi.iter().take(opts.story_pages) {
        let mut seen = std::collections::BTreeSet::new();
        keep.extend(m.iter().filter(|&&i| seen.insert(docs[i].source.as_str())));
    }
    // Stories are aligned a slice at a time (about STORY_SLICE_DOCS documents): a document's
    // tokens, hashes and quotes live only while its story is aligned, and its text is dropped
    // then, so memory follows the slice rather than every story document of the corpus.
    use rayon::prelude::*;
    let mut kept: HashMap<usize, Aligned> = HashMap::new();
    // each table's slices: alignment, shared quotes, passages
    let mut parts: [Vec<DataFrame>; 3] = Default::default();
    let mut n_pairs = 0;
    let mut spent = [0.0f64; 3]; // preparing, aligning, building tables (for HEDGEROW_TRACE)
    let mut start = 0;
    while start < multi.len() {
        let mut end = start;
        let mut n = 0;
        while end < multi.len() && (end == start || n < STORY_SLICE_DOCS) {
            n += multi[end].2.len();
            end += 1;
        }
        let slice = &multi[start..end];
        start = end;
        let docs_here: Vec<(usize, corpus::Document)> = slice
            .iter()
            .flat_map(|m| m.2.iter())
            .filter_map(|&i| texts.remove(&i).map(|d| (i, d)))
            .collect();
        let clock = std::time::Instant::now();
        let aligned: HashMap<usize, Aligned> = docs_here
            .into_par_iter()
            .map(|(i, d)| {
                (
                    i,
                    stories::prepare(&d.doc_id, &d.source, &d.text, d.body, &cues),
                )
            })
            .collect();
        spent[0] += clock.elapsed().as_secs_f64();
        let clock = std::time::Instant::now();
        // pairs, aligned in parallel; the order of rows is the order of this list
        let mut pair_list: Vec<(&String, usize, usize)> = Vec::new();
        for (sid, _, m) in slice {
            for x in 0..m.len() {
                for y in x + 1..m.len() {
                    let (i, j) = (m[x], m[y]);
                    if docs[i].source != docs[j].source
                        && aligned.contains_key(&i)
                        && aligned.contains_key(&j)
                    {
                        pair_list.push((sid, i, j));
                    }
                }
            }
        }
        let al_rows: Vec<(String, usize, usize, Alignment)> = pair_list
            .par_iter()
            .map(|&(sid, i, j)| {
                (
                    sid.clone(),
                    i,
                    j,
                    stories::align(&aligned[&i], &aligned[&j]),
                )
            })
            .collect();
        n_pairs += al_rows.len();
        spent[1] += clock.elapsed().as_secs_f64();
        let clock = std::time::Instant::now();
        // the slice's three tables are built side by side
        let (al, (sq, pa)) = rayon::join(
            || alignment_df(a, &aligned, &al_rows),
            || {
                rayon::join(
                    || shared_quotes_df(a, &aligned, &al_rows),
                    || passages_df(a, &aligned, &al_rows),
                )
            },
        );
        parts[0].push(al?);
        parts[1].push(sq?);
        parts[2].push(pa?);
        kept.extend(aligned.into_iter().filter(|(i, _)| keep.contains(i)));
        spent[2] += clock.elapsed().as_secs_f64();
    }
    crate::trace(&format!(
        "stories: {n_pairs} pairs aligned (preparing {:.2}s, aligning {:.2}s, tables {:.2}s)",
        spent[0], spent[1], spent[2]
    ));
    // the empty tables give the schemas (and the result when no story has two sources)
    let none = Vec::<(String, usize, usize, Alignment)>::new();
    let empty = HashMap::new();
    let [al_parts, sq_parts, pa_parts] = parts;
    let alignment = export::stack("alignment", alignment_df(a, &empty, &none)?, al_parts)?;
    let shared_quotes = export::stack(
        "shared_quotes",
        shared_quotes_df(a, &empty, &none)?,
        sq_parts,
    )?;
    let passages = export::stack("passages", passages_df(a, &empty, &none)?, pa_parts)?;
    Ok((
        StoryTables {
            stories: stories_df,
            alignment,
            shared_quotes,
            passages,
            multi,
            seconds: t0.elapsed().as_secs_f64(),
        },
        kept,
    ))
}

/// Story documents aligned together at a time (whole stories; see `story_stage`).
const STORY_SLICE_DOCS: usize = 1000;

/// Documents per side-by-side page (one per source).
const PAGE_DOCS: usize = 4;

/// A character index for every document of `rows`, built once per document instead of once per
/// pair (a document is in many pairs).
fn char_indexes<'a>(
    al: &'a HashMap<usize, Aligned>,
    rows: &[(String, usize, usize, Alignment)],
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

fn alignment_df(
    a: &Analysis,
    al: &HashMap<usize, Aligned>,
    rows: &[(String, usize, usize, Alignment)],
) -> Result<DataFrame> {
    let d = &a.acc.docs;
    let rate = |i: usize| {
        if d[i].n_tokens > 0 {
            d[i].n_hedges as f64 / d[i].n_tokens as f64 * 1000.0
        } else {
            f64::NAN
        }
    };
    let s = |f: &dyn Fn(&(String, usize, usize, Alignment)) -> String| {
        rows.iter().map(f).collect::<Vec<String>>()
    };
    let u = |f: &dyn Fn(&(String, usize, usize, Alignment)) -> u64| {
        rows.iter().map(f).collect::<Vec<u64>>()
    };
    let fl = |f: &dyn Fn(&(String, usize, usize, Alignment)) -> f64| {
        rows.iter().map(f).collect::<Vec<f64>>()
    };
    // each document's scare quotes once, not once per pair and column
    let scare_sets: HashMap<usize, Vec<String>> = rows
        .iter()
        .flat_map(|r| [r.1, r.2])
        .filter_map(|i| al.get(&i).map(|d| (i, stories::scare_set(d))))
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
    .map_err(pe("alignment"))
}

fn shared_quotes_df(
    a: &Analysis,
    al: &HashMap<usize, Aligned>,
    rows: &[(String, usize, usize, Alignment)],
) -> Result<DataFrame> {
    let d = &a.acc.docs;
    let chars = char_indexes(al, rows);
    let mut cols: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut nums: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    let mut overlap = Vec::new();
    let mut n = 0;
    for (sid, i, j, alg) in rows {
        let (da, db) = (&al[i], &al[j]);
        let (ca, cb) = (&chars[i], &chars[j]);
        for sq in &alg.shared_quotes {
            let (qa, qb) = (&da.quotes[sq.a], &db.quotes[sq.b]);
            n += 1;
            for (k, v) in [
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
    DataFrame::new(n, columns).map_err(pe("shared_quotes"))
}

/// The words that attribute a quote, as written ("a source allegedly told JoongAng"), so that
/// hedged and plain attributions of the same quotation can be told apart.
fn attribution(text: &str, q: &crate::quotes::Quote) -> String {
    let Some((cs, ce)) = q.cue_span else {
        return String::new();
    };
    let raw = if cs >= q.end {
        let end = text[ce..]
            .find(['.', '\n', ';'])
            .map(|i| ce + i)
            .unwrap_or(text.len())
            .min(crate::quotes::floor_boundary(text, ce + 60));
        &text[q.end..end]
    } else {
        let from = crate::quotes::floor_boundary(text, cs.saturating_sub(80));
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

fn passages_df(
    a: &Analysis,
    al: &HashMap<usize, Aligned>,
    rows: &[(String, usize, usize, Alignment)],
) -> Result<DataFrame> {
    let d = &a.acc.docs;
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
    .map_err(pe("passages"))
}

const PALETTE: [&str; 10] = [
    "#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#ddd6fe", "#fbcfe8", "#a5f3fc", "#fed7aa",
    "#d9f99d", "#e5e7eb",
];
const HEDGE_COLORS: [&str; 8] = [
    "#1d4ed8", "#c2410c", "#b91c1c", "#0f766e", "#15803d", "#a16207", "#7e22ce", "#be185d",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders documents side by side: hedges by category, quotes by kind, shared quotations and
/// reused passages (relative to the first document) in the same colour on both sides, numbers.
pub fn compare_html(title: &str, docs: &[&Aligned], lexicon: &Lexicon) -> String {
    let first = docs[0];
    let aligns: Vec<Alignment> = docs[1..].iter().map(|d| stories::align(first, d)).collect();
    // colour of each quote: clusters of quotes linked through the first document
    let mut qcolor: Vec<HashMap<usize, usize>> = vec![HashMap::new(); docs.len()];
    let mut next = 0;
    for (k, al) in aligns.iter().enumerate() {
        for sq in &al.shared_quotes {
            let c = *qcolor[0].entry(sq.a).or_insert_with(|| {
                next += 1;
                next - 1
            });
            qcolor[k + 1].insert(sq.b, c);
        }
    }
    // passage colour per token
    let mut pcolor: Vec<Vec<Option<usize>>> =
        docs.iter().map(|d| vec![None; d.tokens.len()]).collect();
    let mut pnext = 0;
    for (k, al) in aligns.iter().enumerate() {
        for p in &al.passages {
            let c = pnext % PALETTE.len();
            pnext += 1;
            for t in 0..p.len {
                pcolor[0][p.a_start + t].get_or_insert(c);
                pcolor[k + 1][p.b_start + t] = Some(c);
            }
        }
    }
    let mut html = String::new();
    let _ = write!(html, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>
body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}
.cols{{display:grid;grid-template-columns:repeat({},1fr);gap:1.2em}}
.doc{{white-space:pre-wrap;line-height:1.55;border:1px solid #ddd;border-radius:6px;padding:1em;font-size:.95em}}
.q{{border-bottom:2px solid #1d4ed8}} .q.scare{{border-bottom:2px dashed #b91c1c}} .q.unattributed{{border-bottom:2px dotted #555}} .q.title{{border-bottom:2px double #555}}
.h{{font-weight:600;text-decoration:underline wavy}} .n{{outline:1px solid #0f766e;border-radius:2px}}
table{{border-collapse:collapse;margin:.5em 0 1em}} td,th{{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left}}
.legend{{display:flex;flex-wrap:wrap;gap:.3em 1.2em}} .legend span{{white-space:nowrap}}
</style></head><body><h1>{}</h1>\n", esc(title), docs.len(), esc(title));
    html.push_str("<h2>Alignment</h2><table><tr><th>pair</th><th>shared quotes</th><th>quotes only in each</th><th>shared numbers</th><th>numbers only in each</th><th>reused share</th></tr>\n");
    for (k, al) in aligns.iter().enumerate() {
        let _ = write!(
            html,
            "<tr><td>{} ↔ {}</td><td>{}</td><td>{} / {}</td><td>{} ({})</td><td>{} / {}</td><td>{:.0}% / {:.0}%</td></tr>\n",
            esc(&first.source),
            esc(&docs[k + 1].source),
            al.shared_quotes.len(),
            al.quotes_only_a,
            al.quotes_only_b,
            al.shared_numbers.len(),
            esc(&al.shared_numbers.join(", ")),
            al.numbers_only_a.len(),
            al.numbers_only_b.len(),
            al.reused_share_a * 100.0,
            al.reused_share_b * 100.0
        );
    }
    html.push_str("</table>\n<p class=\"legend\"><b>Legend:</b> <span><span class=\"q\">direct quote</span></span><span><span class=\"q scare\">scare quote</span></span><span><span class=\"q unattributed\">unattributed quote</span></span><span><span class=\"n\">number</span></span>");
    for (i, c) in lexicon.categories.iter().enumerate() {
        let _ = write!(
            html,
            "<span><span class=\"h\" style=\"color:{}\">hedge: {}</span></span>",
            HEDGE_COLORS[i % HEDGE_COLORS.len()],
            esc(&c.replace('_', " "))
        );
    }
    html.push_str("<span style=\"background:#fde68a\">same background on both sides: the same quotation or a reused passage</span></p>\n<div class=\"cols\">\n");
    for (k, d) in docs.iter().enumerate() {
        let _ = write!(
            html,
            "<div><h3>{} <small>{}</small></h3><div class=\"doc\">",
            esc(&d.source),
            esc(&d.doc_id)
        );
        // token classes
        let mut hedge_cat: Vec<Option<usize>> = vec![None; d.tokens.len()];
        {
            // tokens again (not kept for every aligned document, to save memory)
            let mut tk = crate::tokenize::tokenize(&d.text[d.body..]);
            for t in &mut tk.tokens {
                t.start += d.body as u32;
                t.end += d.body as u32;
            }
            let mt = lexicon.match_tokens(&d.text, &tk);
            let mut hits = Vec::new();
            lexicon.find(&mt, &mut hits);
            for h in hits {
                for t in h.first..h.last {
                    hedge_cat[t] = Some(lexicon.category_index(h.entry));
                }
            }
        }
        let numbers: std::collections::HashSet<usize> = d.numbers.iter().map(|n| n.1).collect();
        let mut pos = 0usize;
        let mut ti = 0usize;
        for (qi, q) in d.quotes.iter().enumerate() {
            // text before the quote
            render_tokens(
                &mut html, d, &mut pos, &mut ti, q.start, &hedge_cat, &numbers, &pcolor[k],
            );
            let kind = match q.kind {
                Kind::Direct => "",
                Kind::Scare => " scare",
                Kind::Unattributed => " unattributed",
                Kind::Title => " title",
            };
            let bg = qcolor[k]
                .get(&qi)
                .map(|c| format!(" style=\"background:{}\"", PALETTE[c % PALETTE.len()]))
                .unwrap_or_default();
            let tip = if q.speaker.is_empty() {
                q.kind.as_str().to_string()
            } else {
                format!("{}: {} ({})", q.kind.as_str(), q.speaker, q.cue)
            };
            let _ = write!(html, "<span class=\"q{kind}\"{bg} title=\"{}\">", esc(&tip));
            render_tokens(
                &mut html, d, &mut pos, &mut ti, q.end, &hedge_cat, &numbers, &pcolor[k],
            );
            html.push_str("</span>");
        }
        render_tokens(
            &mut html,
            d,
            &mut pos,
            &mut ti,
            d.text.len(),
            &hedge_cat,
            &numbers,
            &pcolor[k],
        );
        html.push_str("</div></div>\n");
    }
    html.push_str("</div></body></html>\n");
    html
}

#[allow(clippy::too_many_arguments)]
fn render_tokens(
    html: &mut String,
    d: &Aligned,
    pos: &mut usize,
    ti: &mut usize,
    until: usize,
    hedge: &[Option<usize>],
    numbers: &std::collections::HashSet<usize>,
    pcolor: &[Option<usize>],
) {
    while *ti < d.tokens.len() && d.tokens[*ti].1 as usize <= until {
        let (s, e) = (d.tokens[*ti].0 as usize, d.tokens[*ti].1 as usize);
        if s > *pos {
            html.push_str(&esc(&d.text[*pos..s]));
        }
        let mut style = String::new();
        let mut class = Vec::new();
        if let Some(c) = hedge.get(*ti).copied().flatten() {
            class.push("h");
            let _ = write!(style, "color:{};", HEDGE_COLORS[c % HEDGE_COLORS.len()]);
        }
        if numbers.contains(ti) {
            class.push("n");
        }
        if let Some(c) = pcolor.get(*ti).copied().flatten() {
            let _ = write!(style, "background:{};", PALETTE[c % PALETTE.len()]);
        }
        if class.is_empty() && style.is_empty() {
            html.push_str(&esc(&d.text[s..e]));
        } else {
            let _ = write!(
                html,
                "<span class=\"{}\" style=\"{}\">{}</span>",
                class.join(" "),
                style,
                esc(&d.text[s..e])
            );
        }
        *pos = e;
        *ti += 1;
    }
    if until > *pos {
        html.push_str(&esc(&d.text[*pos..until]));
        *pos = until;
    }
}

/// Writes the story tables and one side-by-side page for each of the `pages` stories with most
/// sources into `dir/stories/`; returns (story id, label, n sources, page file) for the report.
pub fn write_story_outputs(
    a: &Analysis,
    st: &mut StoryTables,
    aligned: &HashMap<usize, Aligned>,
    dir: &Path,
    formats: &[crate::export::Format],
    lexicon: &Lexicon,
    pages: usize,
) -> Result<Vec<(String, String, usize, String)>> {
    for (name, df) in [
        ("stories", &mut st.stories),
        ("alignment", &mut st.alignment),
        ("shared_quotes", &mut st.shared_quotes),
        ("passages", &mut st.passages),
    ] {
        crate::export::write_table(dir, name, df, formats)?;
    }
    let mut listed = Vec::new();
    let sdir = dir.join("stories");
    if !st.multi.is_empty() {
        std::fs::create_dir_all(&sdir).map_err(|e| Error::io(&sdir, e))?;
    }
    for (sid, label, members) in st.multi.iter().take(pages) {
        // one document per source (the first), so the page stays readable
        let mut seen = std::collections::BTreeSet::new();
        let docs: Vec<&Aligned> = members
            .iter()
            .filter(|&&i| seen.insert(a.acc.docs[i].source.clone()))
            .filter_map(|i| aligned.get(i))
            .take(PAGE_DOCS)
            .collect();
        if docs.len() < 2 {
            continue;
        }
        let file = format!("{sid}.html");
        let html = compare_html(&format!("{sid}: {label}"), &docs, lexicon);
        crate::export::write_atomic(&sdir.join(&file), html.as_bytes())?;
        listed.push((
            sid.clone(),
            label.clone(),
            seen.len(),
            format!("stories/{file}"),
        ));
    }
    Ok(listed)
}

/// `hedgerow compare A B [C…]`: loads text files and writes one side-by-side page.
pub fn compare_files(paths: &[PathBuf], out: &Path, lexicon: &Lexicon) -> Result<()> {
    let opts = corpus::LoadOptions::default();
    let cues = Cues::builtin();
    corpus::check_inputs(paths)?;
    let mut docs = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = p
            .parent()
            .and_then(|f| f.file_name())
            .map(|f| f.to_string_lossy().into_owned());
        let (d, _) = corpus::load_file(i as u64, p, &p.display().to_string(), None, &stem, &opts)
            .map_err(|pr| Error::parse(p, None, pr.problem))?;
        let source = if d.source == stem {
            folder.unwrap_or(stem)
        } else {
            d.source.clone()
        };
        docs.push(stories::prepare(&d.doc_id, &source, &d.text, d.body, &cues));
    }
    let refs: Vec<&Aligned> = docs.iter().collect();
    let title = format!(
        "Side by side: {}",
        docs.iter()
            .map(|d| d.source.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    );
    crate::export::write_atomic(out, compare_html(&title, &refs, lexicon).as_bytes())
}

/// Within-story measures per source: over the multi-source stories a source covers, the mean
/// difference of its hedges (quotes, scare quotes) per 1,000 tokens from the story's mean over
/// its sources, with the number of stories and a seeded bootstrap interval over stories.
pub fn within_story(
    a: &Analysis,
    multi: &[(String, String, Vec<usize>)],
    resamples: usize,
    seed: u64,
) -> Result<DataFrame> {
    let d = &a.acc.docs;
    // per source: list of (hedge diff, quote diff, scare diff)
    let mut diffs: BTreeMap<&str, Vec<[f64; 3]>> = BTreeMap::new();
    for (_, _, members) in multi {
        let mut per: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
        for &i in members {
            let e = per.entry(d[i].source.as_str()).or_default();
            e[0] += d[i].n_hedges;
            e[1] += d[i].n_quotes;
            e[2] += d[i].quotes_by_kind[1];
            e[3] += d[i].n_tokens;
        }
        let rates: Vec<(&str, [f64; 3])> = per
            .iter()
            .filter(|(_, v)| v[3] > 0)
            .map(|(s, v)| {
                (
                    *s,
                    [
                        v[0] as f64 / v[3] as f64 * 1000.0,
                        v[1] as f64 / v[3] as f64 * 1000.0,
                        v[2] as f64 / v[3] as f64 * 1000.0,
                    ],
                )
            })
            .collect();
        if rates.len() < 2 {
            continue;
        }
        let mut mean = [0.0; 3];
        for (_, r) in &rates {
            for k in 0..3 {
                mean[k] += r[k] / rates.len() as f64;
            }
        }
        for (s, r) in rates {
            diffs
                .entry(s)
                .or_default()
                .push([r[0] - mean[0], r[1] - mean[1], r[2] - mean[2]]);
        }
    }
    let mut src = Vec::new();
    let (mut n, mut h, mut lo, mut hi, mut q, mut sc) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (s, v) in &diffs {
        let m = |k: usize| v.iter().map(|x| x[k]).sum::<f64>() / v.len() as f64;
        let (l, u) = bootstrap_mean(
            &v.iter().map(|x| x[0]).collect::<Vec<_>>(),
            resamples,
            seed ^ s.len() as u64
                ^ s.bytes()
                    .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)),
        );
        src.push(s.to_string());
        n.push(v.len() as u64);
        h.push(m(0));
        lo.push(l);
        hi.push(u);
        q.push(m(1));
        sc.push(m(2));
    }
    DataFrame::new(
        src.len(),
        vec![
            Column::new("source".into(), src),
            Column::new("story_n".into(), n),
            Column::new("story_hedges_diff".into(), h),
            Column::new("story_hedges_diff_lo".into(), lo),
            Column::new("story_hedges_diff_hi".into(), hi),
            Column::new("story_quotes_diff".into(), q),
            Column::new("story_scare_diff".into(), sc),
        ],
    )
    .map_err(pe("sources"))
}

/// Percentile bootstrap interval of a mean (a single value gets no interval: null).
fn bootstrap_mean(v: &[f64], resamples: usize, seed: u64) -> (Option<f64>, Option<f64>) {
    if v.len() < 2 {
        return (None, None);
    }
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    };
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            (0..v.len())
                .map(|_| v[((next() >> 11) as u128 * v.len() as u128 >> 53) as usize])
                .sum::<f64>()
                / v.len() as f64
        })
        .collect();
    means.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| {
        means
            .get(((means.len() as f64 - 1.0) * p).round() as usize)
            .copied()
    };
    (q(0.025), q(0.975))
}
