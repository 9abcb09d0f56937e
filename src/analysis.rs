//! [`Analysis`]: what a run produced, assembled once when every stage is done and handed to the
//! report and to library users.

use crate::count::Acc;
use crate::tables::Tables;
use crate::text::hedges::Lexicon;

/// Seconds spent in each stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading, tokenizing, matching, merging the workers' counts.
    pub count: f64,
    /// Building the tables.
    pub tables: f64,
    /// Grouping and aligning stories, writing their tables and pages.
    pub stories: f64,
}

/// Result of an analysis: the counts, the tables built from them and what the story stage found.
pub struct Analysis {
    /// Merged counts: documents (with their rows), term counts per source, input problems.
    pub acc: Acc,
    /// Tables.
    pub tables: Tables,
    /// The hedge lexicon used (its categories give the table columns, in order).
    pub lexicon: Lexicon,
    /// Stories with two or more sources.
    pub multi_source_stories: usize,
    /// Side-by-side pages written for the report.
    pub story_pages: Vec<StoryLink>,
    /// Storyline pages written for the report.
    pub storyline_pages: Vec<StorylineLink>,
    /// Bytes of article text analysed.
    pub bytes: u64,
    /// Seconds per stage.
    pub timings: Timings,
    /// Warnings about the inputs or settings (also in `run.json`).
    pub warnings: Vec<String>,
}

impl Analysis {
    /// Documents analysed.
    pub fn n_docs(&self) -> usize {
        self.acc.docs.len()
    }
    /// Inputs reported and skipped.
    pub fn n_skipped(&self) -> usize {
        self.acc.problems.iter().filter(|p| p.skipped()).count()
    }
}

/// A story page written for the report: the story, its label, its number of sources and the
/// page's path relative to the output folder.
#[derive(Debug, Clone)]
pub struct StoryLink {
    /// Story id.
    pub id: String,
    /// Story label.
    pub label: String,
    /// Sources on the page.
    pub n_sources: usize,
    /// Documents of the story (copies included).
    pub n_docs: usize,
    /// The story's sources, `; `-separated.
    pub sources: String,
    /// `stories/S00001.html`.
    pub file: String,
    /// The story's storyline (`L00001`), or "" when its event is the only one of its storyline.
    pub storyline: String,
}

/// A storyline page written for the report: the events of one saga by day.
#[derive(Debug, Clone)]
pub struct StorylineLink {
    /// Storyline id (`L00001`).
    pub id: String,
    /// Its events (stories).
    pub n_events: usize,
    /// Documents of its events (copies included).
    pub n_docs: usize,
    /// Distinct sources of its documents.
    pub n_sources: usize,
    /// Its first date (`YYYY-MM-DD`, "" when undated).
    pub first_date: String,
    /// Its last date (`YYYY-MM-DD`, "" when undated).
    pub last_date: String,
    /// The labels of its events in date order, ` / `-separated.
    pub labels: String,
    /// `storylines/L00001.html`.
    pub file: String,
}
