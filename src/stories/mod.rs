//! The story stage: one event told by several outlets. [`group()`] links documents into stories
//! from the fingerprints taken while counting; the documents of multi-source stories, handed in
//! by the caller (the stage reads no file), are then prepared and every cross-source pair
//! aligned ([`align()`]) into the story tables (alignment, shared quotes, passages);
//! [`within_story`] gives each source's within-story differences.

pub mod align;
pub mod group;
mod tables;
mod within;

pub use align::{align, prepare, Aligned, Alignment, Meta};
pub use group::{by, group, Grouped, Link, StoryDoc};
pub use within::within_story;

use crate::count::{Acc, Contexts, DocRow};
use crate::error::{Error, Result};
use crate::frames::stack;
use crate::io::read::Document;
use crate::trace::trace;
use polars::prelude::*;
use std::collections::HashMap;
use tables::{alignment_df, passages_df, shared_quotes_df, Cells, PairRow};

/// A story with two or more sources: its id, label and documents (indices into the counted
/// documents).
#[derive(Debug, Clone)]
pub struct Story {
    /// `S00001`, …: numbered in the order of each story's first document.
    pub id: String,
    /// The story's most distinctive terms.
    pub label: String,
    /// Indices of its documents in input order.
    pub members: Vec<usize>,
    /// Its storyline (`L00001`), or "" when its event is the only one of its storyline.
    pub storyline: String,
}

/// A storyline of two or more stories: the events of one saga, by day.
#[derive(Debug, Clone)]
pub struct Storyline {
    /// `L00001`, …: numbered in order of each storyline's first story.
    pub id: String,
    /// Its stories, ordered by their first day (undated last), then id.
    pub events: Vec<Event>,
}

/// One story of a storyline.
#[derive(Debug, Clone)]
pub struct Event {
    /// The story's id.
    pub story_id: String,
    /// The story's label.
    pub label: String,
    /// The earliest date of its documents (`YYYY-MM-DD`), or "".
    pub first_date: String,
    /// Distinct sources of its documents.
    pub n_sources: usize,
    /// Its documents (indices into the counted documents) in input order.
    pub members: Vec<usize>,
}

/// What grouping decided: the stories table and the multi-source stories, most sources first.
pub struct Grouping {
    /// One row per document: its story.
    pub stories: DataFrame,
    /// One row per story of a storyline of two or more stories, by day.
    pub storylines: DataFrame,
    /// Stories with two or more sources, most sources first.
    pub multi: Vec<Story>,
    /// Storylines of two or more stories, in order of their ids.
    pub lines: Vec<Storyline>,
}

/// What is done with each slice of aligned stories and their prepared documents (by index into
/// the counted documents) before they are dropped: the report writes their side-by-side pages.
pub type SlicePages<'a> = dyn FnMut(&[Story], &HashMap<usize, Aligned>) -> Result<()> + 'a;

/// Story tables.
pub struct StoryTables {
    /// One row per document: its story.
    pub stories: DataFrame,
    /// One row per story of a storyline of two or more stories, by day.
    pub storylines: DataFrame,
    /// One row per cross-source document pair within a story.
    pub alignment: DataFrame,
    /// One row per quotation found in both documents of a pair.
    pub shared_quotes: DataFrame,
    /// One row per reused passage.
    pub passages: DataFrame,
    /// Stories with two or more sources, most sources first.
    pub multi: Vec<Story>,
    /// Storylines of two or more stories, in order of their ids.
    pub lines: Vec<Storyline>,
}

/// Groups the counted documents into stories (from the profiles taken while counting) and
/// labels them; builds the stories table.
pub fn group_stories(acc: &Acc, window_days: Option<i64>) -> Result<Grouping> {
    let docs = &acc.docs;
    let grouped = story_of_each(docs, window_days);
    trace(&format!(
        "stories: grouped ({} candidate pairs)",
        grouped.candidates
    ));
    let members = members_of(&grouped.story);
    trace("stories: doc freqs and surfaces");
    let found = Found {
        docs,
        labels: labels(acc, &members),
        n_sources: members.iter().map(|m| count_sources(docs, m)).collect(),
        lines: Storylines::of(&grouped.storyline, &members, docs),
        members,
    };
    let stories = stories_df(&found, &grouped)?;
    let storylines = storylines_df(&found)?;
    trace("stories: labels, stories and storylines tables");
    Ok(Grouping {
        stories,
        storylines,
        multi: found.multi_source(),
        lines: found.listed(),
    })
}

/// The documents of each story, in input order, from each document's story.
fn members_of(story: &[usize]) -> Vec<Vec<usize>> {
    let n_groups = story.iter().copied().max().map(|m| m + 1).unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
    for (i, &g) in story.iter().enumerate() {
        members[g].push(i);
    }
    members
}

/// The stories found, by story index: their documents, labels, sources and storylines.
struct Found<'a> {
    docs: &'a [DocRow],
    members: Vec<Vec<usize>>,
    labels: Vec<String>,
    /// Distinct sources of each story's documents.
    n_sources: Vec<usize>,
    lines: Storylines,
}

/// Distinct sources of a story's documents.
fn count_sources(docs: &[DocRow], members: &[usize]) -> usize {
    members
        .iter()
        .map(|&i| docs[i].source.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

impl Found<'_> {
    /// The stories with two or more sources, most sources first (then most documents, then id).
    fn multi_source(&self) -> Vec<Story> {
        let mut multi: Vec<(usize, Story)> = (0..self.members.len())
            .filter(|&g| self.n_sources[g] >= 2)
            .map(|g| (g, self.story(g)))
            .collect();
        multi.sort_by(|(gx, x), (gy, y)| {
            self.n_sources[*gy]
                .cmp(&self.n_sources[*gx])
                .then(y.members.len().cmp(&x.members.len()))
                .then(x.id.cmp(&y.id))
        });
        multi.into_iter().map(|(_, s)| s).collect()
    }

    fn story(&self, g: usize) -> Story {
        Story {
            id: story_id(g),
            label: self.labels[g].clone(),
            members: self.members[g].clone(),
            storyline: self.lines.id_of(g),
        }
    }

    /// Every storyline with its events, for the storyline pages.
    fn listed(&self) -> Vec<Storyline> {
        let line = |stories: &Vec<usize>| Storyline {
            id: self.lines.id_of(stories[0]),
            events: stories.iter().map(|&g| self.event(g)).collect(),
        };
        self.lines.stories.iter().map(line).collect()
    }

    /// Story `g` as an event of its storyline.
    fn event(&self, g: usize) -> Event {
        Event {
            story_id: story_id(g),
            label: self.labels[g].clone(),
            first_date: self.first_day(g).unwrap_or("").to_string(),
            n_sources: self.n_sources[g],
            members: self.members[g].clone(),
        }
    }

    /// The earliest date of story `g`'s documents, if any is dated.
    fn first_day(&self, g: usize) -> Option<&str> {
        first_day(self.docs, &self.members[g])
    }
}

/// The story index of every document. A copy of an earlier document of the same source (see
/// `DocRow::duplicate_of`) joins its original's story without being grouped again: re-crawled or
/// repeated articles neither inflate the work (pairs grow with the square of the copies) nor the
/// tables.
fn story_of_each(docs: &[DocRow], window_days: Option<i64>) -> Grouped {
    let originals: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].duplicate_of.is_none())
        .collect();
    let sdocs: Vec<StoryDoc> = originals.iter().map(|&i| story_doc(&docs[i])).collect();
    let grouped = group(&sdocs, window_days);
    drop(sdocs);
    with_copies(docs, &originals, grouped)
}

/// A counted document as story grouping sees it.
fn story_doc(d: &DocRow) -> StoryDoc<'_> {
    StoryDoc {
        source: &d.source,
        date: &d.date,
        story: &d.story,
        profile: &d.profile,
    }
}

/// The grouping of the `originals` spread to every document: a copy takes its original's story
/// and link.
fn with_copies(docs: &[DocRow], originals: &[usize], grouped: Grouped) -> Grouped {
    let mut story = vec![0usize; docs.len()];
    let mut link = vec![Link::default(); docs.len()];
    for (k, &i) in originals.iter().enumerate() {
        story[i] = grouped.story[k];
        link[i] = grouped.link[k];
    }
    for i in 0..docs.len() {
        if let Some(j) = docs[i].duplicate_of {
            story[i] = story[j];
            link[i] = link[j];
        }
    }
    Grouped {
        story,
        link,
        ..grouped
    }
}

/// The storylines of two or more stories: each story's storyline number, if it has one, and
/// their ids.
struct Storylines {
    /// By story index: the index of its storyline among those of two or more stories.
    of_story: Vec<Option<usize>>,
    /// By storyline: its stories, ordered by their first day (undated last), then id.
    stories: Vec<Vec<usize>>,
}

impl Storylines {
    /// From each story's storyline (`line_of_story`), keeping lines of two or more stories,
    /// numbered in order of their first story.
    fn of(line_of_story: &[usize], members: &[Vec<usize>], docs: &[DocRow]) -> Self {
        let mut of_story = vec![None; line_of_story.len()];
        let mut stories = Vec::new();
        for mut line in members_of(line_of_story)
            .into_iter()
            .filter(|l| l.len() >= 2)
        {
            line.sort_by_key(|&g| {
                (
                    first_day(docs, &members[g]).is_none(),
                    first_day(docs, &members[g]),
                    g,
                )
            });
            for &g in &line {
                of_story[g] = Some(stories.len());
            }
            stories.push(line);
        }
        Storylines { of_story, stories }
    }

    /// The storyline id of a story, or "" when its event is the only one of its storyline.
    fn id_of(&self, story: usize) -> String {
        self.of_story[story].map_or(String::new(), |l| format!("L{:05}", l + 1))
    }
}

/// The earliest date (`YYYY-MM-DD`) of a story's documents, if any is dated.
fn first_day<'a>(docs: &'a [DocRow], members: &[usize]) -> Option<&'a str> {
    members
        .iter()
        .map(|&i| docs[i].date.as_str())
        .filter(|d| !d.is_empty())
        .min()
}

/// A row of storylines.csv: one story of a storyline.
struct LineStory<'a> {
    line: String,
    story: usize,
    first_date: &'a str,
    n_docs: usize,
    n_sources: usize,
    label: &'a str,
}

/// storylines.csv: one row per story of a storyline of two or more stories, the stories of a
/// storyline by day: the events of one saga, for comparing outlets across it.
fn storylines_df(f: &Found) -> Result<DataFrame> {
    let stories = f.lines.stories.iter().flat_map(|line| line.iter());
    let rows: Vec<LineStory> = stories.map(|&g| f.line_story(g)).collect();
    tables::frame("storylines", &storyline_columns(), &rows)
}

impl Found<'_> {
    /// Story `g`'s row of storylines.csv.
    fn line_story(&self, g: usize) -> LineStory<'_> {
        LineStory {
            line: self.lines.id_of(g),
            story: g,
            first_date: self.first_day(g).unwrap_or(""),
            n_docs: self.members[g].len(),
            n_sources: self.n_sources[g],
            label: &self.labels[g],
        }
    }

    /// Document `i`'s row of stories.csv (`grouped`: each document's story and link).
    fn doc_story(&self, i: usize, grouped: &Grouped) -> DocStory<'_> {
        let g = grouped.story[i];
        DocStory {
            d: &self.docs[i],
            story: g,
            link: grouped.link[i],
            label: &self.labels[g],
            n_sources: self.n_sources[g],
            n_docs: self.members[g].len(),
            storyline: self.lines.id_of(g),
        }
    }
}

/// The columns of storylines.csv.
fn storyline_columns<'a>() -> Vec<(&'static str, Cells<LineStory<'a>>)> {
    vec![
        ("storyline", Cells::Text(|r| r.line.clone())),
        ("story_id", Cells::Text(|r| story_id(r.story))),
        ("first_date", Cells::Text(|r| r.first_date.to_string())),
        ("n_docs", Cells::Count(|r| r.n_docs as u64)),
        ("n_sources", Cells::Count(|r| r.n_sources as u64)),
        ("label", Cells::Text(|r| r.label.to_string())),
    ]
}

/// A story's label: the terms frequent in its documents, weighted by inverse document frequency.
fn labels(acc: &Acc, members: &[Vec<usize>]) -> Vec<String> {
    let df = acc.doc_freqs();
    let surf = acc.surfaces();
    let label_of = |m: &Vec<usize>| -> String {
        let mut v: Vec<(u32, f64)> = term_scores(&acc.docs, &df, m).into_iter().collect();
        v.sort_by(|x, y| {
            y.1.total_cmp(&x.1)
                .then_with(|| acc.stem(x.0).0.cmp(acc.stem(y.0).0))
        });
        let top: Vec<&str> = v.iter().take(4).map(|&(t, _)| surf[t as usize]).collect();
        top.join(" ")
    };
    members.iter().map(label_of).collect()
}

/// The weight of each frequent term of a story's documents (copies aside): its counts times
/// its inverse document frequency (`df`, by stem id).
fn term_scores(docs: &[DocRow], df: &[u64], m: &[usize]) -> HashMap<u32, f64> {
    let n_docs = docs.len().max(1) as f64;
    let mut score: HashMap<u32, f64> = HashMap::new();
    for &i in m.iter().filter(|&&i| docs[i].duplicate_of.is_none()) {
        for &(t, c) in &docs[i].top_terms {
            let idf = (n_docs / df[t as usize].max(1) as f64).ln();
            *score.entry(t).or_insert(0.0) += c as f64 * idf;
        }
    }
    score
}

fn story_id(g: usize) -> String {
    format!("S{:05}", g + 1)
}

/// stories.csv: one row per document, sorted by story, source and document.
fn stories_df(f: &Found, grouped: &Grouped) -> Result<DataFrame> {
    let rows: Vec<DocStory> = (0..f.docs.len()).map(|i| f.doc_story(i, grouped)).collect();
    tables::frame("stories", &story_columns(), &rows)?
        .lazy()
        .sort_by_exprs(
            [col("story_id"), col("source"), col("doc_id")],
            SortMultipleOptions::default(),
        )
        .collect()
        .map_err(Error::polars("stories"))
}

/// A row of stories.csv: a document, its story and its strongest link there.
struct DocStory<'a> {
    d: &'a DocRow,
    /// Story index.
    story: usize,
    link: Link,
    label: &'a str,
    n_sources: usize,
    n_docs: usize,
    /// Its story's storyline id, or "".
    storyline: String,
}

impl DocStory<'_> {
    /// Alone in its story.
    fn alone(&self) -> bool {
        self.n_docs < 2
    }

    /// The pair score that put it in its story (none alone or in a given story).
    fn link_score(&self) -> Option<f64> {
        (!self.alone() && self.link.evidence != by::GIVEN).then_some(self.link.score as f64)
    }

    /// Why it is in its story: "copy" for a copy of an earlier document, else the evidence.
    fn linked_by(&self) -> String {
        if self.alone() {
            String::new()
        } else if self.d.duplicate_of.is_some() {
            "copy".to_string()
        } else {
            self.link.evidence_names()
        }
    }
}

/// The columns of stories.csv.
fn story_columns<'a>() -> Vec<(&'static str, Cells<DocStory<'a>>)> {
    vec![
        ("story_id", Cells::Text(|r| story_id(r.story))),
        ("doc_id", Cells::Text(|r| r.d.doc_id.clone())),
        ("source", Cells::Text(|r| r.d.source.clone())),
        ("title", Cells::Text(|r| r.d.title.clone())),
        ("date", Cells::Text(|r| r.d.date.clone())),
        ("kind", Cells::Text(|r| kind_of(r.d).to_string())),
        ("label", Cells::Text(|r| r.label.to_string())),
        ("n_sources", Cells::Count(|r| r.n_sources as u64)),
        ("n_docs", Cells::Count(|r| r.n_docs as u64)),
        ("link_score", Cells::MaybeReal(|r| r.link_score())),
        ("linked_by", Cells::Text(|r| r.linked_by())),
        ("storyline", Cells::Text(|r| r.storyline.clone())),
    ]
}

/// "opinion" or "report".
fn kind_of(d: &DocRow) -> &'static str {
    if d.profile.opinion {
        "opinion"
    } else {
        "report"
    }
}

/// The documents the alignment needs: those of multi-source stories that are not copies, as
/// (input order `seq`, index into the counted documents).
pub fn wanted(acc: &Acc, multi: &[Story]) -> HashMap<u64, usize> {
    let docs = &acc.docs;
    multi
        .iter()
        .flat_map(|m| m.members.iter().map(|&i| (docs[i].seq, i)))
        .filter(|&(_, i)| docs[i].duplicate_of.is_none())
        .collect()
}

/// Aligns every cross-source pair of the multi-source stories and builds the story tables.
/// `texts` gives the documents of a slice of stories when asked (by index into the counted
/// documents, as [`wanted`] listed them), so that only one slice's texts are held at a time.
/// `pages` is handed each slice of stories with its prepared documents (to write their pages)
/// before they are dropped.
pub fn align_stories(
    acc: &Acc,
    grouping: Grouping,
    texts: &mut dyn FnMut(&[usize]) -> HashMap<usize, Document>,
    pages: &mut SlicePages,
    contexts: Contexts,
) -> Result<StoryTables> {
    let docs = &acc.docs;
    let multi = grouping.multi;
    // Stories are aligned a slice at a time (about STORY_SLICE_DOCS documents): a document's
    // text, tokens, hashes and quotes live only while its story is aligned, so memory follows
    // the slice rather than every story document of the corpus.
    let mut aligner = Aligner {
        docs,
        contexts,
        parts: TableParts::default(),
        spent: Spent::default(),
    };
    for range in story_slices(&multi) {
        aligner.slice(&multi[range], texts, pages)?;
    }
    aligner.spent.trace(aligner.parts.n_pairs);
    let (alignment, shared_quotes, passages) = aligner.parts.stack(docs)?;
    let tables = StoryTables {
        stories: grouping.stories,
        storylines: grouping.storylines,
        alignment,
        shared_quotes,
        passages,
        multi,
        lines: grouping.lines,
    };
    Ok(tables)
}

/// The alignment under way: the pair tables built so far and the seconds spent.
struct Aligner<'a> {
    docs: &'a [DocRow],
    contexts: Contexts<'a>,
    parts: TableParts,
    spent: Spent,
}

impl Aligner<'_> {
    /// Aligns a slice of stories: reads their documents' texts, prepares them, aligns every
    /// cross-source pair, adds the pairs' rows to the tables and hands the slice to `pages`.
    fn slice(
        &mut self,
        slice: &[Story],
        texts: &mut dyn FnMut(&[usize]) -> HashMap<usize, Document>,
        pages: &mut SlicePages,
    ) -> Result<()> {
        let (docs, contexts, spent) = (self.docs, self.contexts, &mut self.spent);
        let members: Vec<usize> = slice
            .iter()
            .flat_map(|m| m.members.iter().copied())
            .collect();
        let texts_here = timed(&mut spent.reading, || texts(&members));
        let aligned = timed(&mut spent.preparing, || {
            prepare_slice(docs, texts_here, contexts)
        });
        let rows = timed(&mut spent.aligning, || align_pairs(docs, slice, &aligned));
        let parts = &mut self.parts;
        timed(&mut spent.tables, || parts.add(docs, &aligned, &rows))?;
        timed(&mut spent.pages, || pages(slice, &aligned))
    }
}

/// The stories aligned together: whole stories, up to about [`STORY_SLICE_DOCS`] documents a
/// slice (a larger story alone).
fn story_slices(multi: &[Story]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < multi.len() {
        let mut end = start;
        let mut n = 0;
        while end < multi.len() && (end == start || n < STORY_SLICE_DOCS) {
            n += multi[end].members.len();
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// The documents of a slice of stories (by index into the counted documents) prepared for
/// alignment, in parallel, each by the rules of the context it was counted in.
fn prepare_slice(
    docs: &[DocRow],
    texts: HashMap<usize, Document>,
    contexts: Contexts,
) -> HashMap<usize, Aligned> {
    use rayon::prelude::*;
    texts
        .into_par_iter()
        .map(|(i, d)| (i, prepare_doc(&docs[i], d, contexts)))
        .collect()
}

/// A story document prepared for alignment by the rules of the context it was counted in,
/// under its counted id (a document whose id was given twice has been renamed).
fn prepare_doc(counted: &DocRow, d: Document, contexts: Contexts) -> Aligned {
    let ctx = contexts.of(counted.language.as_deref());
    let mut a = prepare(&counted.doc_id, &d.source, &d.text, d.body, ctx);
    a.meta = Meta {
        title: d.title,
        date: d.date,
        url: d.url,
    };
    a
}

/// Every cross-source pair of a slice's stories whose documents were prepared, aligned in
/// parallel; rows in the order of stories, then pairs.
fn align_pairs(
    docs: &[DocRow],
    slice: &[Story],
    aligned: &HashMap<usize, Aligned>,
) -> Vec<PairRow> {
    use rayon::prelude::*;
    let mut pairs: Vec<(&String, usize, usize)> = Vec::new();
    for m in slice {
        let cross = cross_source_pairs(docs, &m.members, aligned);
        pairs.extend(cross.map(|(i, j)| (&m.id, i, j)));
    }
    pairs
        .par_iter()
        .map(|&(story, a, b)| PairRow {
            story: story.clone(),
            a,
            b,
            alignment: align(&aligned[&a], &aligned[&b]),
        })
        .collect()
}

/// The pairs of a story's documents (`members`, in order) of different sources whose documents
/// were both prepared.
fn cross_source_pairs<'a>(
    docs: &'a [DocRow],
    members: &'a [usize],
    aligned: &'a HashMap<usize, Aligned>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let later = move |x: usize| members[x + 1..].iter().map(move |&j| (members[x], j));
    let pairs = (0..members.len()).flat_map(later);
    pairs.filter(|&(i, j)| {
        docs[i].source != docs[j].source && aligned.contains_key(&i) && aligned.contains_key(&j)
    })
}

/// Runs `step` and adds the seconds it took to `spent`.
fn timed<T>(spent: &mut f64, step: impl FnOnce() -> T) -> T {
    let clock = std::time::Instant::now();
    let out = step();
    *spent += clock.elapsed().as_secs_f64();
    out
}

/// Seconds spent on the story tables' steps (for HEDGEROW_TRACE).
#[derive(Default)]
struct Spent {
    reading: f64,
    preparing: f64,
    aligning: f64,
    tables: f64,
    pages: f64,
}

impl Spent {
    /// Traces the pairs aligned and the seconds of each step.
    fn trace(&self, n_pairs: usize) {
        trace(&format!(
            "stories: {} pairs aligned (texts {:.2}s, preparing {:.2}s, aligning {:.2}s, tables {:.2}s, pages {:.2}s)",
            n_pairs, self.reading, self.preparing, self.aligning, self.tables, self.pages
        ));
    }
}

/// The slices of the three pair tables built so far.
#[derive(Default)]
struct TableParts {
    alignment: Vec<DataFrame>,
    shared_quotes: Vec<DataFrame>,
    passages: Vec<DataFrame>,
    n_pairs: usize,
}

impl TableParts {
    /// Builds a slice's three tables side by side.
    fn add(
        &mut self,
        docs: &[DocRow],
        aligned: &HashMap<usize, Aligned>,
        rows: &[PairRow],
    ) -> Result<()> {
        let (al, (sq, pa)) = rayon::join(
            || alignment_df(docs, aligned, rows),
            || {
                rayon::join(
                    || shared_quotes_df(docs, aligned, rows),
                    || passages_df(docs, aligned, rows),
                )
            },
        );
        self.alignment.push(al?);
        self.shared_quotes.push(sq?);
        self.passages.push(pa?);
        self.n_pairs += rows.len();
        Ok(())
    }

    /// The three tables: alignment, shared quotes, passages. The empty tables give the schemas
    /// (and the result when no story has two sources).
    fn stack(self, docs: &[DocRow]) -> Result<(DataFrame, DataFrame, DataFrame)> {
        let (none, empty) = (Vec::<PairRow>::new(), HashMap::new());
        Ok((
            stack(
                "alignment",
                alignment_df(docs, &empty, &none)?,
                self.alignment,
            )?,
            stack(
                "shared_quotes",
                shared_quotes_df(docs, &empty, &none)?,
                self.shared_quotes,
            )?,
            stack("passages", passages_df(docs, &empty, &none)?, self.passages)?,
        ))
    }
}

/// Story documents aligned together at a time (whole stories; see [`align_stories`]).
const STORY_SLICE_DOCS: usize = 1000;

fn intersect_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
