//! The pipeline: [`run`] takes the options of one analysis through every stage and writes its
//! output folder: count ([`count`]) → tables → (story stage ‖ documents and terms written ‖
//! charts drawn) → sources with the within-story measures → story tables and pages → report.
//! [`analyze`] is the in-memory part (counts and tables) for library use.

pub mod count;
pub mod shards;

use crate::analysis::{Analysis, Timings};
use crate::error::{Error, Result};
use crate::io::chunk_sink::ChunkDest;
use crate::io::output;
use crate::io::read::{self, check_inputs};
use crate::io::write::{prepare_dir, write_table, write_table_chunks, Format};
use crate::options::AnalyzeOptions;
use crate::report::{self, story_page, ChartEntry, ChartInput};
use crate::stories::{self, Aligned, StoryTables};
use crate::tables::{self, Reference, Tables};
use crate::text::boilerplate::blank_lines;
use crate::text::hedges::BUILTIN_CATEGORIES;
use crate::trace::trace;
use count::Counted;
use polars::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

/// Counts every input and builds the tables in memory; nothing is written (no story stage).
pub fn analyze(opts: &AnalyzeOptions) -> Result<Analysis> {
    let reference = opts.keyness_reference()?;
    let counted = count::count(opts, &ChunkDest::Memory)?;
    let t = Instant::now();
    let tables = build_tables(&counted, opts, &reference)?;
    Ok(Analysis {
        tables,
        story_pages: Vec::new(),
        multi_source_stories: 0,
        bytes: counted.bytes,
        timings: Timings {
            count: counted.seconds,
            tables: t.elapsed().as_secs_f64(),
            stories: 0.0,
        },
        acc: counted.acc,
        lexicon: counted.lexicon,
        warnings: opts.language_warnings(),
    })
}

/// Builds every table from merged counts and the occurrence tables gathered while counting.
fn build_tables(c: &Counted, opts: &AnalyzeOptions, reference: &Reference) -> Result<Tables> {
    let acc = &c.acc;
    let categories = &c.lexicon.categories;
    let documents = tables::documents(acc, categories)?;
    trace("tables: documents");
    let types = tables::source_types(acc)?;
    let intervals = tables::hedge_intervals(acc, opts.bootstrap, opts.seed)?;
    trace("tables: source types and intervals");
    let speakers = tables::speakers(acc)?;
    let sources = tables::sources(
        &documents,
        types,
        intervals,
        tables::speaker_summary(acc)?,
        categories,
    )?;
    let terms = tables::terms(
        acc,
        acc.docs.len() as u64,
        opts.min_count,
        opts.alpha,
        reference,
    )?;
    trace("tables: sources and terms");
    Ok(Tables {
        documents,
        sources,
        terms,
        hedges: c.hedges.clone(),
        quotes: c.quotes.clone(),
        errors: tables::errors(&acc.problems)?,
        speakers,
        boilerplate: tables::boilerplate(acc, &c.boilerplate)?,
    })
}

/// What the story stage hands on: its tables, the prepared documents of the stories that get a
/// page, the sources' within-story measures and its seconds.
struct StoryOutcome {
    tables: StoryTables,
    aligned: HashMap<usize, Aligned>,
    within: DataFrame,
    seconds: f64,
}

/// Runs a whole analysis into `opts.out`: checks the inputs and the output folder, counts, writes
/// the tables and (unless `opts.report` is false) the charts and the report.
pub fn run(opts: &AnalyzeOptions) -> Result<Analysis> {
    if opts.load.shard.is_some() {
        return Err(Error::Usage(
            "--shard makes a part of an analysis: use it with --partial (then hedgerow merge)"
                .into(),
        ));
    }
    check_inputs(&opts.inputs)?;
    // the output folder is never read as input, even when it lies inside an input folder
    let mut opts = opts.clone();
    opts.load.skip_dirs.push(opts.out.clone());
    let opts = &opts;
    // field mapping and language checked before any work
    let mut warnings = read::preflight(&opts.inputs, &opts.load)?;
    warnings.extend(opts.language_warnings());
    opts.cues()?;
    opts.lexicon()?;
    let reference = opts.keyness_reference()?;
    prepare_dir(&opts.out)?;
    output::begin_run(&opts.out)?;
    let counted = count::count(
        opts,
        &ChunkDest::Files {
            dir: opts.out.clone(),
            formats: opts.formats.clone(),
        },
    )?;
    let reread = |wanted: &_| read::reread(&opts.inputs, &opts.load, wanted);
    finish(counted, opts, &reference, warnings, &reread)
}

/// Reads again the documents of the given input orders (the story stage's second pass).
type Rereader<'a> = dyn Fn(&std::collections::HashMap<u64, usize>) -> Result<read::Reread> + 'a;

/// Everything after counting, into `opts.out` (prepared, with its hedges and quotes tables
/// written): the tables, the story stage, the charts and the report. A run and a merge of shards
/// share it, so that they write the same.
fn finish(
    mut counted: Counted,
    opts: &AnalyzeOptions,
    reference: &Reference,
    warnings: Vec<String>,
    reread: &Rereader,
) -> Result<Analysis> {
    let t = Instant::now();
    let mut built = build_tables(&counted, opts, reference)?;
    // terms, the largest table, is handed to the writer and dropped once written and charted
    // (as hedges and quotes are streamed to files): the story stage runs beside it
    let columns_only = built.terms.clear();
    let terms = std::mem::replace(&mut built.terms, columns_only);
    if !opts.dfm {
        // the documents' term lists served dispersion; only doc_terms needs them after
        for d in &mut counted.acc.docs {
            d.terms = Vec::new();
        }
    }
    let counted = counted;
    let table_seconds = t.elapsed().as_secs_f64();
    trace("tables built");
    // errors.csv is always CSV, the format people open first when something went wrong
    write_table(
        &opts.out,
        "errors",
        &mut built.errors.clone(),
        &[Format::Csv],
    )?;
    write_table(
        &opts.out,
        "speakers",
        &mut grouped(&built.speakers, opts)?,
        &opts.formats,
    )?;
    if opts.collocation_window > 0 {
        let c = tables::collocations(&counted.acc, opts.collocation_window, opts.collocation_min)?;
        write_table(
            &opts.out,
            "collocations",
            &mut grouped(&c, opts)?,
            &opts.formats,
        )?;
    }
    if !opts.keep_boilerplate {
        write_table(
            &opts.out,
            "boilerplate",
            &mut built.boilerplate.clone(),
            &opts.formats,
        )?;
    }
    // The story stage (long, partly single-threaded) runs beside the writing of the two largest
    // tables and the drawing of the charts: none of them changes what another reads, so the
    // outputs are the same as one after the other, in less wall time.
    let (stage, charts) = std::thread::scope(|scope| {
        let side = scope.spawn(|| write_and_draw(&built, terms, &counted, opts));
        let stage = if opts.stories {
            story_stage(&counted, opts, reread).map(Some)
        } else {
            Ok(None)
        };
        let side = side
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the table and chart writer failed".into())));
        (stage, side)
    });
    let charts = charts?;
    let stage = stage?;
    let sources = match &stage {
        // the within-story measures are per outlet: they join sources.csv by source only
        Some(s) if opts.load.group_by.is_empty() => {
            tables::with_within_story(&built.sources, &s.within)?
        }
        _ => built.sources.clone(),
    };
    write_table(
        &opts.out,
        "sources",
        &mut grouped(&sources, opts)?,
        &opts.formats,
    )?;
    trace("tables written");
    let tables = Tables { sources, ..built };
    let (mut story_seconds, mut multi, mut pages) = (0.0, 0, Vec::new());
    if let Some(mut s) = stage {
        let t = Instant::now();
        for (name, df) in [
            ("stories", &mut s.tables.stories),
            ("alignment", &mut s.tables.alignment),
            ("shared_quotes", &mut s.tables.shared_quotes),
            ("passages", &mut s.tables.passages),
        ] {
            write_table(&opts.out, name, df, &opts.formats)?;
        }
        let n_pages = if opts.report { opts.story_pages } else { 0 };
        pages = story_page::write_pages(
            &counted.acc.docs,
            &s.tables.multi,
            &s.aligned,
            &opts.out,
            &counted.lexicon,
            n_pages,
        )?;
        multi = s.tables.multi.len();
        story_seconds = s.seconds + t.elapsed().as_secs_f64();
        trace("story tables and pages written");
    }
    let analysis = Analysis {
        tables,
        story_pages: pages,
        multi_source_stories: multi,
        bytes: counted.bytes,
        timings: Timings {
            count: counted.seconds,
            tables: table_seconds,
            stories: story_seconds,
        },
        acc: counted.acc,
        lexicon: counted.lexicon,
        warnings,
    };
    let mut chart_seconds = 0.0;
    if let Some((charts, seconds)) = charts {
        let t = Instant::now();
        report::html::write_report(&analysis, opts, &opts.out, &charts)?;
        chart_seconds = seconds + t.elapsed().as_secs_f64();
        trace("charts and report written");
    }
    // run.json last: the folder is complete and holds this run's files only
    output::finish_run(
        &opts.out,
        report::html::run_info(&analysis, opts, chart_seconds),
    )?;
    Ok(analysis)
}

/// A per-source table as written: by group (a `group` column and one per field) with
/// `--group-by`, else as it is.
fn grouped(df: &DataFrame, opts: &AnalyzeOptions) -> Result<DataFrame> {
    if opts.load.group_by.is_empty() {
        Ok(df.clone())
    } else {
        tables::by_group(df, &opts.load.group_by)
    }
}

/// Writes documents.csv and terms.csv and draws the charts (when a report is wanted): the work
/// done beside the story stage.
fn write_and_draw(
    t: &Tables,
    terms: DataFrame,
    c: &Counted,
    opts: &AnalyzeOptions,
) -> Result<Option<(Vec<ChartEntry>, f64)>> {
    let t = &Tables { terms, ..t.clone() };
    // a clone shares the columns; the writer only needs it mutable to rechunk
    write_table(
        &opts.out,
        "documents",
        &mut t.documents.clone(),
        &opts.formats,
    )?;
    write_table(
        &opts.out,
        "terms",
        &mut grouped(&t.terms, opts)?,
        &opts.formats,
    )?;
    trace("documents and terms written");
    if opts.dfm {
        let schema = tables::doc_terms_schema()?.schema().as_ref().clone();
        write_table_chunks(
            &opts.out,
            "doc_terms",
            &schema,
            &opts.formats,
            &mut |sink| tables::doc_terms(&c.acc, sink),
        )?;
        trace("doc_terms written");
    }
    if !opts.report {
        return Ok(None);
    }
    let clock = Instant::now();
    // the stacked hedge chart adds up to the headline rate: the built-in categories only
    let categories: Vec<String> = c
        .lexicon
        .categories
        .iter()
        .filter(|k| BUILTIN_CATEGORIES.contains(&k.as_str()))
        .cloned()
        .collect();
    let input = ChartInput {
        tables: t,
        docs: &c.acc.docs,
        categories: &categories,
        alpha: opts.alpha,
    };
    let charts = report::charts(&input, &opts.out, opts.top_sources.max(1))?;
    trace("charts drawn");
    Ok(Some((charts, clock.elapsed().as_secs_f64())))
}

/// The story stage: grouping on the counted fingerprints, the second read of the documents of
/// multi-source stories (here, so that the stage itself reads no file), alignment, and the
/// within-story measures.
fn story_stage(
    counted: &Counted,
    opts: &AnalyzeOptions,
    reread: &Rereader,
) -> Result<StoryOutcome> {
    let (acc, boilerplate) = (&counted.acc, &counted.boilerplate);
    let t = Instant::now();
    let grouping = stories::group_stories(acc, opts.story_window)?;
    let wanted = stories::wanted(acc, &grouping.multi);
    let mut found = reread(&wanted)?;
    trace(&format!(
        "stories: second pass found {} documents",
        found.len()
    ));
    // the texts as they were counted: boilerplate lines blanked
    let mut texts = |indices: &[usize]| {
        let mut texts = found.take(indices);
        if !boilerplate.lines.is_empty() {
            for d in texts.values_mut() {
                blank_lines(&d.source, &mut d.text, d.body, |k| boilerplate.contains(k));
            }
        }
        texts
    };
    let (tables, aligned) =
        stories::align_stories(acc, grouping, &mut texts, opts.story_pages, &counted.cues)?;
    let within = stories::within_story(&acc.docs, &tables.multi, opts.bootstrap, opts.seed)?;
    Ok(StoryOutcome {
        tables,
        aligned,
        within,
        seconds: t.elapsed().as_secs_f64(),
    })
}
