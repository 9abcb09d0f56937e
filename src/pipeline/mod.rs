//! The pipeline: [`run`] takes the options of one analysis, checks and loads them once into a
//! [`Plan`], and takes the plan through every stage into its output folder: count ([`count`]) →
//! tables → (story stage ‖ documents and terms written ‖ charts drawn) → sources with the
//! within-story measures → story tables and pages → report. [`analyze`] is the in-memory part
//! (counts and tables) for library use.

pub mod count;
pub mod plan;
pub mod shards;

pub use plan::{Plan, Reading};

use crate::analysis::{Analysis, StoryLink, StorylineLink, Timings};
use crate::error::{Error, Result};
use crate::io::chunk_sink::ChunkDest;
use crate::io::output;
use crate::io::read::Reread;
use crate::io::write::{prepare_dir, write_table, write_table_chunks, Format};
use crate::options::AnalyzeOptions;
use crate::report::explore::{self, ExLine, Selection};
use crate::report::own_names::OwnNames;
use crate::report::{self, story_page, storyline_page, ChartEntry, ChartInput};
use crate::stories::{self, StoryTables};
use crate::tables::{self, Tables};
use crate::text::boilerplate::blank_lines;
use crate::text::hedges::BUILTIN_CATEGORIES;
use crate::trace::{stage, trace};
use count::Counted;
use polars::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

/// Counts every input and builds the tables in memory; nothing is written (no story stage).
pub fn analyze(opts: &AnalyzeOptions) -> Result<Analysis> {
    let plan = Plan::new(opts)?;
    let counted = count::count(&plan, &ChunkDest::Memory)?;
    let t = Instant::now();
    let tables = build_tables(&counted, &plan)?;
    Ok(Analysis {
        tables,
        story_pages: Vec::new(),
        storyline_pages: Vec::new(),
        multi_source_stories: 0,
        bytes: counted.bytes,
        timings: Timings {
            count: counted.seconds,
            tables: t.elapsed().as_secs_f64(),
            stories: 0.0,
        },
        acc: counted.acc,
        lexicon: plan.count.lexicon,
        warnings: plan.warnings,
    })
}

/// Builds every table from merged counts and the occurrence tables gathered while counting.
fn build_tables(c: &Counted, plan: &Plan) -> Result<Tables> {
    let (acc, opts) = (&c.acc, &plan.opts);
    let categories = &plan.lexicon().categories;
    let documents = tables::documents(acc, categories)?;
    trace("tables: documents");
    let types = tables::source_types(acc)?;
    let intervals = tables::hedge_intervals(acc, opts.bootstrap, opts.seed)?;
    trace("tables: source types and intervals");
    let speakers = tables::speakers(acc)?;
    let speaker_summary = tables::speaker_summary(acc)?;
    let sources = tables::sources(&documents, types, intervals, speaker_summary, categories)?;
    let n_docs = acc.docs.len() as u64;
    let terms = tables::terms(acc, n_docs, opts.min_count, opts.alpha, &plan.reference)?;
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
        furniture: tables::furniture(&acc.furniture)?,
    })
}

/// What the story stage hands on: its tables, the story pages it wrote, the explorer's
/// concordance lines cut from the texts it read, the sources' within-story measures and its
/// seconds.
struct StoryOutcome {
    tables: StoryTables,
    pages: Vec<StoryLink>,
    lines: Vec<ExLine>,
    within: DataFrame,
    seconds: f64,
}

/// The charts drawn for the report, and the seconds they took.
struct Drawn {
    charts: Vec<ChartEntry>,
    seconds: f64,
}

/// What the story stage and the work beside it gave (and the explorer's lines, read by the
/// story stage, or alone without it).
struct Beside {
    stage: Option<StoryOutcome>,
    drawn: Option<Drawn>,
    lines: Vec<ExLine>,
}

/// The plan of a whole analysis into `opts.out`: `--shard` refused (it makes parts), the output
/// folder never read as input (even inside an input folder), the inputs checked, the settings
/// loaded.
pub fn prepare(opts: &AnalyzeOptions) -> Result<Plan> {
    if opts.load.shard.is_some() {
        return Err(Error::Usage(
            "--shard makes a part of an analysis: use it with --partial (then hedgerow merge)"
                .into(),
        ));
    }
    let mut opts = opts.clone();
    opts.load.skip_dirs.push(opts.out.clone());
    Plan::checked(&opts)
}

/// Runs a whole analysis into `opts.out`: checks the inputs and the output folder, counts, writes
/// the tables and (unless `opts.report` is false) the charts and the report.
pub fn run(opts: &AnalyzeOptions) -> Result<Analysis> {
    run_plan(&prepare(opts)?)
}

/// Runs the analysis a plan (from [`prepare`]) describes into its output folder.
pub fn run_plan(plan: &Plan) -> Result<Analysis> {
    let out = &plan.opts.out;
    prepare_dir(out)?;
    let _run = output::begin_run(out)?;
    let dest = ChunkDest::Files {
        dir: out.clone(),
        formats: plan.formats.clone(),
    };
    let counted = count::count(plan, &dest)?;
    output::journal(out)?;
    crate::trace::stages_start(plan.opts.quiet, plan.opts.progress_bar);
    let done = finish(counted, plan, &|wanted| plan.reading.reread(wanted));
    crate::trace::stages_end();
    done
}

/// Reads again the documents of the given input orders (the story stage's second pass).
type Rereader<'a> = dyn Fn(&HashMap<u64, usize>) -> Result<Reread<'a>> + 'a;

/// Everything after counting, into the plan's output folder (prepared, with its hedges and quotes
/// tables written): the tables, the story stage, the charts and the report. A run and a merge of
/// shards share it, so that they write the same.
fn finish(mut counted: Counted, plan: &Plan, reread: &Rereader) -> Result<Analysis> {
    stage("building the tables");
    let Built {
        tables: built,
        terms,
        explore,
        seconds: table_seconds,
    } = built_for_writing(&mut counted, plan)?;
    let counted = counted;
    write_small_tables(&built, &counted, plan)?;
    let sel = explore.as_ref();
    stage(beside_stage(plan));
    let Beside {
        stage,
        drawn,
        mut lines,
    } = stories_beside(&built, terms, &counted, plan, reread, sel)?;
    output::journal(&plan.opts.out)?;
    let sources = write_sources(&built.sources, stage.as_ref(), plan)?;
    let tables = Tables { sources, ..built };
    let mut stories = write_stories(stage, &counted, plan)?;
    lines.append(&mut stories.lines);
    output::journal(&plan.opts.out)?;
    if let Some(sel) = sel {
        crate::trace::stage("writing explore.html");
        write_explorer(sel, &lines, &tables, &stories, &counted, plan)?;
    }
    let analysis = finished(tables, stories, counted, table_seconds, plan);
    write_report(&analysis, plan, drawn)?;
    Ok(analysis)
}

/// What the stage after the tables does, as the progress line says it.
fn beside_stage(plan: &Plan) -> &'static str {
    match (plan.opts.stories, plan.opts.report) {
        (true, true) => "grouping and aligning stories, writing their pages; writing the tables and drawing the charts beside",
        (true, false) => "grouping and aligning stories; writing the tables beside",
        (false, _) => "writing the tables and drawing the charts",
    }
}

/// The analysis a run hands back, from its tables, stories and counts.
fn finished(
    tables: Tables,
    stories: StoriesWritten,
    counted: Counted,
    table_seconds: f64,
    plan: &Plan,
) -> Analysis {
    Analysis {
        tables,
        story_pages: stories.pages,
        storyline_pages: stories.storyline_pages,
        multi_source_stories: stories.multi,
        bytes: counted.bytes,
        timings: Timings {
            count: counted.seconds,
            tables: table_seconds,
            stories: stories.seconds,
        },
        acc: counted.acc,
        lexicon: plan.lexicon().clone(),
        warnings: after_warnings(plan),
    }
}

/// The plan's warnings and those only the run could tell (a manifest that matched nothing).
fn after_warnings(plan: &Plan) -> Vec<String> {
    let mut w = plan.warnings.clone();
    let manifest = plan.reading.manifest.as_ref();
    w.extend(manifest.and_then(|m| m.unmatched_warning()));
    w
}

/// The tables built, with terms apart, what the explorer shows (when it is written), and the
/// seconds it took.
struct Built {
    tables: Tables,
    terms: DataFrame,
    explore: Option<Selection>,
    seconds: f64,
}

/// Builds the tables and takes terms, the largest, out of them: it is handed to the writer and
/// dropped once written and charted (as hedges and quotes are streamed to files) while the story
/// stage runs beside it. Without `--dfm`, the documents' term lists are dropped: they served
/// dispersion, and only doc_terms needs them after.
fn built_for_writing(counted: &mut Counted, plan: &Plan) -> Result<Built> {
    let t = Instant::now();
    let mut tables = build_tables(counted, plan)?;
    // the explorer chooses its documents from their term lists, before they are dropped
    let explore = if plan.opts.report && plan.opts.explore {
        Some(explore::select(&tables.terms, &counted.acc)?)
    } else {
        None
    };
    trace("explorer terms and documents chosen");
    let columns_only = tables.terms.clear();
    let terms = std::mem::replace(&mut tables.terms, columns_only);
    if !plan.opts.dfm {
        for d in &mut counted.acc.docs {
            d.terms = Vec::new();
        }
    }
    let seconds = t.elapsed().as_secs_f64();
    trace("tables built");
    Ok(Built {
        tables,
        terms,
        explore,
        seconds,
    })
}

/// The small tables written before the story stage: errors, speakers, collocations (when asked)
/// and boilerplate (unless kept).
fn write_small_tables(built: &Tables, counted: &Counted, plan: &Plan) -> Result<()> {
    let (out, opts, formats) = (&plan.opts.out, &plan.opts, &plan.formats);
    // errors.csv is always CSV, the format people open first when something went wrong
    write_table(out, "errors", &mut built.errors.clone(), &[Format::Csv])?;
    write_table(
        out,
        "speakers",
        &mut grouped(&built.speakers, plan)?,
        formats,
    )?;
    if opts.collocation_window > 0 {
        let c = tables::collocations(&counted.acc, opts.collocation_window, opts.collocation_min)?;
        write_table(out, "collocations", &mut grouped(&c, plan)?, formats)?;
    }
    if !opts.keep_boilerplate {
        write_table(out, "boilerplate", &mut built.boilerplate.clone(), formats)?;
    }
    if !opts.keep_furniture {
        write_table(out, "furniture", &mut built.furniture.clone(), formats)?;
    }
    Ok(())
}

/// The story stage (long, partly single-threaded) run beside the writing of the two largest
/// tables and the drawing of the charts: none of them changes what another reads, so the outputs
/// are the same as one after the other, in less wall time.
fn stories_beside(
    built: &Tables,
    terms: DataFrame,
    counted: &Counted,
    plan: &Plan,
    reread: &Rereader,
    sel: Option<&Selection>,
) -> Result<Beside> {
    let (stage, drawn) = std::thread::scope(|scope| {
        let side = scope.spawn(|| write_and_draw(built, terms, counted, plan));
        let stage = if plan.opts.stories {
            story_stage(counted, plan, reread, sel).map(Some)
        } else {
            Ok(None)
        };
        let side = side
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the table and chart writer failed".into())));
        (stage, side)
    });
    let drawn = drawn?;
    let stage = stage?;
    let lines = match (sel, &stage) {
        (Some(sel), None) => explorer_lines_alone(sel, counted, reread, plan)?,
        _ => Vec::new(),
    };
    Ok(Beside {
        stage,
        drawn,
        lines,
    })
}

/// Writes sources.csv, with the within-story measures; returns the table.
fn write_sources(
    sources: &DataFrame,
    stage: Option<&StoryOutcome>,
    plan: &Plan,
) -> Result<DataFrame> {
    let sources = sources_with_within(sources, stage, plan)?;
    let formats = &plan.formats;
    write_table(
        &plan.opts.out,
        "sources",
        &mut grouped(&sources, plan)?,
        formats,
    )?;
    trace("tables written");
    Ok(sources)
}

/// sources.csv with the story stage's within-story measures, which are per outlet: they join
/// sources.csv by source only (not with `--group-by`).
fn sources_with_within(
    sources: &DataFrame,
    stage: Option<&StoryOutcome>,
    plan: &Plan,
) -> Result<DataFrame> {
    match stage {
        Some(s) if plan.opts.load.group_by.is_empty() => {
            tables::with_within_story(sources, &s.within)
        }
        _ => Ok(sources.clone()),
    }
}

/// What the story stage's written outputs give the analysis (and the explorer: its lines and
/// the story page of each document shown on one).
#[derive(Default)]
struct StoriesWritten {
    pages: Vec<StoryLink>,
    storyline_pages: Vec<StorylineLink>,
    multi: usize,
    seconds: f64,
    lines: Vec<ExLine>,
    doc_pages: HashMap<usize, String>,
}

/// Writes the story tables and (when a report is wanted) the storyline pages; the side-by-side
/// pages were written as the stories were aligned.
fn write_stories(
    stage: Option<StoryOutcome>,
    counted: &Counted,
    plan: &Plan,
) -> Result<StoriesWritten> {
    let Some(mut s) = stage else {
        return Ok(StoriesWritten::default());
    };
    let t = Instant::now();
    let out = &plan.opts.out;
    write_story_tables(&mut s.tables, plan)?;
    let docs = &counted.acc.docs;
    let doc_pages = story_page::doc_pages(docs, &s.tables.multi, &s.pages);
    trace("story tables written");
    let storyline_pages = match plan.opts.report {
        true => storyline_page::write_pages(docs, &s.tables.lines, &s.pages, out)?,
        false => Vec::new(),
    };
    let seconds = s.seconds + t.elapsed().as_secs_f64();
    trace(&format!(
        "storyline pages written: {}",
        storyline_pages.len()
    ));
    Ok(StoriesWritten {
        pages: s.pages,
        storyline_pages,
        multi: s.tables.multi.len(),
        seconds,
        lines: s.lines,
        doc_pages,
    })
}

/// Writes the tables of the story stage.
fn write_story_tables(tables: &mut StoryTables, plan: &Plan) -> Result<()> {
    for (name, df) in [
        ("stories", &mut tables.stories),
        ("storylines", &mut tables.storylines),
        ("alignment", &mut tables.alignment),
        ("shared_quotes", &mut tables.shared_quotes),
        ("passages", &mut tables.passages),
    ] {
        write_table(&plan.opts.out, name, df, &plan.formats)?;
    }
    Ok(())
}

/// Writes `index.html` and `report.md` (when charts were drawn), then `run.json`, last: the
/// folder is complete and holds this run's files only.
fn write_report(analysis: &Analysis, plan: &Plan, drawn: Option<Drawn>) -> Result<()> {
    let (opts, out) = (&plan.opts, &plan.opts.out);
    let mut chart_seconds = 0.0;
    if let Some(d) = drawn {
        let t = Instant::now();
        report::html::write_report(analysis, opts, out, &d.charts)?;
        chart_seconds = d.seconds + t.elapsed().as_secs_f64();
        trace("charts and report written");
    }
    output::finish_run(out, report::html::run_info(analysis, opts, chart_seconds))
}

/// A per-source table as written: by group (a `group` column and one per field) with
/// `--group-by`, else as it is.
fn grouped(df: &DataFrame, plan: &Plan) -> Result<DataFrame> {
    let group_by = &plan.opts.load.group_by;
    if group_by.is_empty() {
        Ok(df.clone())
    } else {
        tables::by_group(df, group_by)
    }
}

/// Writes documents.csv and terms.csv (and doc_terms) and draws the charts (when a report is
/// wanted): the work done beside the story stage.
fn write_and_draw(t: &Tables, terms: DataFrame, c: &Counted, plan: &Plan) -> Result<Option<Drawn>> {
    let t = &Tables { terms, ..t.clone() };
    let (out, formats) = (&plan.opts.out, &plan.formats);
    // a clone shares the columns; the writer only needs it mutable to rechunk
    write_table(out, "documents", &mut t.documents.clone(), formats)?;
    write_table(out, "terms", &mut grouped(&t.terms, plan)?, formats)?;
    trace("documents and terms written");
    if plan.opts.dfm {
        let schema = tables::doc_terms_schema()?.schema().as_ref().clone();
        write_table_chunks(out, "doc_terms", &schema, formats, &mut |sink| {
            tables::doc_terms(&c.acc, sink)
        })?;
        trace("doc_terms written");
    }
    if !plan.opts.report {
        return Ok(None);
    }
    draw(t, c, plan).map(Some)
}

/// Draws the charts of the report.
fn draw(t: &Tables, c: &Counted, plan: &Plan) -> Result<Drawn> {
    let clock = Instant::now();
    let categories = charted_categories(plan);
    let names = figures_names(&t.sources)?;
    let own = OwnNames::new(
        plan.own_names,
        names.iter().map(String::as_str),
        plan.normalizer(),
    );
    let grouping = grouping_label(plan);
    let input = ChartInput {
        tables: t,
        docs: &c.acc.docs,
        categories: &categories,
        alpha: plan.opts.alpha,
        grouping: &grouping,
        own: &own,
    };
    let charts = report::charts(&input, &plan.opts.out, plan.opts.top_sources.max(1))?;
    trace("charts drawn");
    Ok(Drawn {
        charts,
        seconds: clock.elapsed().as_secs_f64(),
    })
}

/// The hedge categories charted: the built-in ones only, since the stacked hedge chart adds up
/// to the headline rate.
fn charted_categories(plan: &Plan) -> Vec<String> {
    plan.lexicon()
        .categories
        .iter()
        .filter(|k| BUILTIN_CATEGORIES.contains(&k.as_str()))
        .cloned()
        .collect()
}

/// The story stage: grouping on the counted fingerprints, the second read of the documents of
/// multi-source stories (here, so that the stage itself reads no file) and of the documents the
/// explorer quotes, alignment with the story pages written a slice at a time, the explorer's
/// lines, and the within-story measures.
fn story_stage(
    counted: &Counted,
    plan: &Plan,
    reread: &Rereader,
    sel: Option<&Selection>,
) -> Result<StoryOutcome> {
    let (acc, opts) = (&counted.acc, &plan.opts);
    let t = Instant::now();
    let grouping = stories::group_stories(acc, opts.story_window)?;
    let story_docs = stories::wanted(acc, &grouping.multi);
    let found = reread(&wanted_again(&story_docs, sel))?;
    trace(&format!(
        "stories: second pass found {} documents",
        found.len()
    ));
    let mut texts = StoryTexts {
        found,
        lines: Vec::new(),
        sel,
        counted,
        plan,
    };
    let mut writer = page_writer(counted, plan)?;
    let mut pages = |slice: &[stories::Story], aligned: &HashMap<usize, stories::Aligned>| {
        writer.as_mut().map_or(Ok(()), |w| w.slice(slice, aligned))
    };
    let mut take = |indices: &[usize]| texts.take(indices);
    let tables = stories::align_stories(acc, grouping, &mut take, &mut pages, plan.contexts())?;
    if let Some(sel) = sel {
        texts.take(&quoted_outside(sel, &story_docs));
    }
    trace("stories aligned, pages and explorer lines written");
    let within = stories::within_story(&acc.docs, &tables.multi, opts.bootstrap, opts.seed)?;
    Ok(StoryOutcome {
        tables,
        pages: writer.map(|w| w.links).unwrap_or_default(),
        lines: texts.lines,
        within,
        seconds: t.elapsed().as_secs_f64(),
    })
}

/// The documents the story stage reads again, handed over as they were counted (boilerplate
/// and furniture lines blanked), with the explorer's lines cut from those it chose as they pass.
struct StoryTexts<'a> {
    found: Reread<'a>,
    lines: Vec<ExLine>,
    sel: Option<&'a Selection>,
    counted: &'a Counted,
    plan: &'a Plan,
}

impl StoryTexts<'_> {
    /// The documents of these indices, as counted.
    fn take(&mut self, indices: &[usize]) -> HashMap<usize, crate::io::read::Document> {
        let (counted, plan) = (self.counted, self.plan);
        let texts = as_counted(self.found.take(indices), counted, plan.opts.keep_furniture);
        if let Some(sel) = self.sel {
            let lines = explore::find_lines(sel, &texts, &counted.acc, plan.contexts());
            self.lines.extend(lines);
        }
        texts
    }
}

/// The documents the story stage reads again: those of multi-source stories and those the
/// explorer quotes.
fn wanted_again(story_docs: &HashMap<u64, usize>, sel: Option<&Selection>) -> HashMap<u64, usize> {
    let mut wanted = story_docs.clone();
    if let Some(sel) = sel {
        wanted.extend(sel.wanted.iter().map(|(k, v)| (*k, *v)));
    }
    wanted
}

/// The writer of the story pages, when a report is wanted.
fn page_writer<'a>(
    counted: &'a Counted,
    plan: &'a Plan,
) -> Result<Option<story_page::PageWriter<'a>>> {
    if !plan.opts.report {
        return Ok(None);
    }
    let writer = story_page::PageWriter::new(&counted.acc.docs, &plan.opts.out, plan.contexts())?;
    Ok(Some(writer))
}

/// The documents the explorer quotes that are in no multi-source story.
fn quoted_outside(sel: &Selection, story_docs: &HashMap<u64, usize>) -> Vec<usize> {
    let in_stories: std::collections::HashSet<usize> = story_docs.values().copied().collect();
    sel.wanted
        .values()
        .copied()
        .filter(|i| !in_stories.contains(i))
        .collect()
}

/// Documents read again, as they were counted: boilerplate lines blanked.
fn as_counted(
    mut texts: HashMap<usize, crate::io::read::Document>,
    counted: &Counted,
    keep_furniture: bool,
) -> HashMap<usize, crate::io::read::Document> {
    use rayon::prelude::*;
    let boilerplate = &counted.boilerplate;
    // each document on its own (on all cores: the story stage waits for this)
    texts.par_iter_mut().for_each(|(_, d)| {
        if !boilerplate.lines.is_empty() {
            blank_lines(&d.source, &mut d.text, d.body, |k| boilerplate.contains(k));
        }
        if !keep_furniture {
            crate::text::furniture::blank_furniture(&mut d.text, d.body);
        }
    });
    texts
}

/// The explorer's lines when there is no story stage: its own second read.
fn explorer_lines_alone(
    sel: &Selection,
    counted: &Counted,
    reread: &Rereader,
    plan: &Plan,
) -> Result<Vec<ExLine>> {
    let mut found = reread(&sel.wanted)?;
    let indices: Vec<usize> = sel.wanted.values().copied().collect();
    let texts = as_counted(found.take(&indices), counted, plan.opts.keep_furniture);
    Ok(explore::find_lines(
        sel,
        &texts,
        &counted.acc,
        plan.contexts(),
    ))
}

/// Writes `explore.html` (its size is traced, and checked against the budget by the tests).
fn write_explorer(
    sel: &Selection,
    lines: &[ExLine],
    tables: &Tables,
    stories: &StoriesWritten,
    counted: &Counted,
    plan: &Plan,
) -> Result<()> {
    let own = OwnNames::new(
        plan.own_names,
        sel.groups.iter().map(String::as_str),
        plan.normalizer(),
    );
    let name = folder_name(plan);
    let grouping = grouping_label(plan);
    let input = explore::PageInput {
        name: &name,
        grouping: &grouping,
        sel,
        lines,
        docs: &counted.acc.docs,
        sources: &tables.sources,
        speakers: &tables.speakers,
        stories: &stories.pages,
        doc_pages: &stories.doc_pages,
        alpha: plan.opts.alpha,
        own: &own,
    };
    let size = explore::write(&plan.opts.out, &input)?;
    trace(&format!(
        "explore.html written: {size} bytes, {} lines",
        lines.len()
    ));
    Ok(())
}

/// The name of the output folder (the explorer's title).
fn folder_name(plan: &Plan) -> String {
    let name = plan.opts.out.file_name();
    name.map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The group names of a sources table.
fn figures_names(sources: &DataFrame) -> Result<Vec<String>> {
    report::figures::col_str(sources, "source")
}

/// What the groups are: `source`, or the `--group-by` fields joined by `, `.
pub fn grouping_label(plan: &Plan) -> String {
    let g = &plan.opts.load.group_by;
    if g.is_empty() {
        "source".into()
    } else {
        g.join(", ")
    }
}
