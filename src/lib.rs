//! hedgerow: corpus statistics and lexical analysis of news text, source against source.
//!
//! The pipeline runs one way: [`corpus`] (loading) → [`tokenize`] → [`measures`] (hedges,
//! quotes, term counts) → [`frames`] (polars tables) → [`export`]. [`analyze`] runs it all.

pub mod batch;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod export;
pub mod frames;
pub mod hedges;
pub mod kwic;
pub mod measures;
pub mod plot;
pub mod quotes;
pub mod report;
pub mod stories;
pub mod tokenize;

pub use error::{Error, Result};

use corpus::{LoadOptions, Manifest, Pending};
use export::Format;
use measures::{Acc, Context};
use polars::prelude::IntoLazy;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;
use tokenize::{Normalizer, NormalizerOptions};

/// Everything `hedgerow analyze` can be told.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// Folders, text files, JSONL or CSV dumps.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Field mapping and limits for loading.
    pub load: LoadOptions,
    /// Language, stemming and stopwords.
    pub normalize: NormalizerOptions,
    /// Largest n-gram counted as a term (1 to 3).
    pub ngrams: usize,
    /// User lexicon file (CSV or TOML).
    pub lexicon: Option<PathBuf>,
    /// The user lexicon replaces the built-in one instead of adding to it.
    pub lexicon_replace: bool,
    /// Terms with a lower count in a source are left out of terms.csv.
    pub min_count: u64,
    /// Worker threads (default: RAYON_NUM_THREADS or the number of cores).
    pub threads: Option<usize>,
    /// Stop at the first bad input.
    pub strict: bool,
    /// Table formats.
    pub formats: Vec<Format>,
    /// No progress lines on stderr.
    pub quiet: bool,
    /// Draw a progress bar (stderr is a terminal) instead of sparse log lines.
    pub progress_bar: bool,
    /// Bootstrap resamples for intervals.
    pub bootstrap: usize,
    /// Seed for the bootstrap.
    pub seed: u64,
    /// Group documents into stories and align them (the story stage).
    pub stories: bool,
    /// Documents more than this many days apart are not one story (when both are dated).
    pub story_window: Option<i64>,
    /// Side-by-side pages written for the stories with most sources.
    pub story_pages: usize,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        Self {
            inputs: vec![],
            out: PathBuf::from("reports/out"),
            load: LoadOptions::default(),
            normalize: NormalizerOptions::default(),
            ngrams: 1,
            lexicon: None,
            lexicon_replace: false,
            min_count: 1,
            threads: None,
            strict: false,
            formats: vec![Format::Csv],
            quiet: true,
            progress_bar: false,
            bootstrap: 2000,
            seed: 20251124,
            stories: true,
            story_window: Some(3),
            story_pages: 5,
        }
    }
}

/// The default output folder: `reports/<name of first input>`.
pub fn default_out(inputs: &[PathBuf]) -> PathBuf {
    let name = inputs
        .first()
        .and_then(|p| {
            let p = if p.as_os_str() == "." {
                std::env::current_dir().ok()?
            } else {
                p.clone()
            };
            p.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "out".into());
    let name = name
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("out")
        .to_string();
    PathBuf::from("reports").join(name)
}

/// The lexicon in use: built-in, extended by or replaced with a user file.
pub fn load_lexicon(path: Option<&Path>, replace: bool) -> Result<hedges::Lexicon> {
    let builtin = hedges::Lexicon::builtin();
    match path {
        None => Ok(builtin),
        Some(p) => {
            let user = hedges::Lexicon::load(p)?;
            if replace {
                Ok(user)
            } else {
                builtin.extended(&user)
            }
        }
    }
}

/// Result of an analysis: the counts and the tables built from them.
pub struct Analysis {
    /// Merged counts.
    pub acc: Acc,
    /// Tables.
    pub tables: frames::Tables,
    /// The hedge lexicon used (its categories give the table columns, in order).
    pub lexicon: hedges::Lexicon,
    /// Occurrence tables already written while counting (see [`analyze_to`]).
    pub written: Vec<PathBuf>,
    /// Seconds spent counting (reading, tokenizing, matching).
    pub count_seconds: f64,
    /// Seconds spent building tables.
    pub table_seconds: f64,
    /// Bytes of article text analysed.
    pub bytes: u64,
    /// Seconds spent grouping and aligning stories.
    pub story_seconds: f64,
    /// Stories with two or more sources.
    pub multi_source_stories: usize,
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

/// With `HEDGEROW_TRACE` set, prints a stage mark on stderr with the seconds since the first mark
/// and the process's current and peak resident memory (Linux): how benchmark figures are explained.
pub fn trace(what: &str) {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    if std::env::var_os("HEDGEROW_TRACE").is_none() {
        return;
    }
    let t0 = *START.get_or_init(Instant::now);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    eprintln!(
        "trace {:7.2}s  rss {:5} MB  peak {:5} MB  {what}",
        t0.elapsed().as_secs_f64(),
        field("VmRSS:"),
        field("VmHWM:")
    );
}

/// Number of worker threads: the option, else RAYON_NUM_THREADS, else the cores.
pub fn thread_count(opt: Option<usize>) -> usize {
    opt.or_else(|| {
        std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
    })
    .filter(|&n| n > 0)
    .unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

/// Runs the counting stage over all inputs and builds the tables (nothing is written).
pub fn analyze(opts: &AnalyzeOptions) -> Result<Analysis> {
    analyze_to(opts, &export::ChunkDest::Memory)
}

/// Like [`analyze`], with the occurrence tables (hedges, quotes) sent to `dest` as counting
/// goes: with [`export::ChunkDest::Files`] they are written to the output folder batch by batch
/// and never held whole in memory (their frames in the result are then empty).
pub fn analyze_to(opts: &AnalyzeOptions, dest: &export::ChunkDest) -> Result<Analysis> {
    if !(1..=3).contains(&opts.ngrams) {
        return Err(Error::Usage(format!(
            "--ngrams must be 1, 2 or 3 (got {})",
            opts.ngrams
        )));
    }
    let normalizer = Normalizer::new(&opts.normalize).map_err(Error::Usage)?;
    let lexicon = load_lexicon(opts.lexicon.as_deref(), opts.lexicon_replace)?;
    let ctx = Context {
        normalizer,
        lexicon,
        cues: quotes::Cues::builtin(),
        ngrams: opts.ngrams,
        kwic_width: 40,
    };
    let manifest = match &opts.load.manifest {
        Some(p) => Some(Manifest::load(p)?),
        None => None,
    };
    let t0 = Instant::now();
    trace("counting starts");
    let n_threads = thread_count(opts.threads);
    let stop = AtomicBool::new(false);
    let strict_msg: Mutex<Option<String>> = Mutex::new(None);
    let sink = Mutex::new(export::ChunkSink::new(
        dest,
        vec![
            ("hedges", frames::hedges(&[])?),
            ("quotes", frames::quotes(&[])?),
        ],
    )?);
    let sink_error: Mutex<Option<Error>> = Mutex::new(None);
    let (tx, rx) = mpsc::sync_channel::<(u64, Vec<Pending>)>(n_threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let rx_workers = rx;
    let quiet = opts.quiet;
    let bytes_seen = std::sync::atomic::AtomicU64::new(0);
    let docs_seen = std::sync::atomic::AtomicU64::new(0);
    let (scan_result, accs) = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..n_threads {
            let rx = rx_workers.clone();
            let ctx = &ctx;
            let stop = &stop;
            let strict_msg = &strict_msg;
            let manifest = manifest.as_ref();
            let load = &opts.load;
            let strict = opts.strict;
            let bytes_seen = &bytes_seen;
            let docs_seen = &docs_seen;
            let sink = &sink;
            let sink_error = &sink_error;
            handles.push(scope.spawn(move || {
                let mut acc = Acc::new();
                loop {
                    let batch = match rx.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => break,
                    };
                    let Ok((batch_no, batch)) = batch else { break };
                    for p in batch {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let (doc, problems) = corpus::realize(p, load, manifest);
                        for pr in problems {
                            if strict && pr.skipped() {
                                stop.store(true, Ordering::Relaxed);
                                if let Ok(mut m) = strict_msg.lock() {
                                    m.get_or_insert_with(|| {
                                        format!(
                                            "{}{}: {}",
                                            pr.path,
                                            if pr.line > 0 {
                                                format!(":{}", pr.line)
                                            } else {
                                                String::new()
                                            },
                                            pr.problem
                                        )
                                    });
                                }
                            }
                            acc.problem(pr);
                        }
                        if let Some(d) = doc {
                            bytes_seen.fetch_add(d.text.len() as u64, Ordering::Relaxed);
                            docs_seen.fetch_add(1, Ordering::Relaxed);
                            // A defect on one document must not sink the run: report it and go on.
                            let (seq, origin) = (d.seq, d.origin.clone());
                            let (nh, nq) = (acc.hedges.len(), acc.quotes.len());
                            let res =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    acc.add(d, ctx)
                                }));
                            if let Err(e) = res {
                                let msg = e
                                    .downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                                    .unwrap_or_default();
                                // no rows of a document that is reported as skipped
                                acc.hedges.truncate(nh);
                                acc.quotes.truncate(nq);
                                acc.problem(corpus::Problem::skip(
                                    seq,
                                    origin,
                                    0,
                                    format!("internal error (please report): {msg}"),
                                ));
                            }
                        }
                    }
                    // this batch's occurrence rows leave the worker, in input order
                    let res = acc.take_occurrences().and_then(|frames| match sink.lock() {
                        Ok(mut s) => s.put(batch_no, frames),
                        Err(_) => Err(Error::Usage("occurrence writer failed".into())),
                    });
                    if let Err(e) = res {
                        stop.store(true, Ordering::Relaxed);
                        if let Ok(mut m) = sink_error.lock() {
                            m.get_or_insert(e);
                        }
                    }
                }
                acc
            }));
        }
        drop(rx_workers);
        let progress = Progress::new(quiet, opts.progress_bar);
        let mut batch_no = 0u64;
        let scan_result = corpus::scan(&opts.inputs, &opts.load, 1 << 20, &mut |batch| {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            progress.update(
                docs_seen.load(Ordering::Relaxed),
                bytes_seen.load(Ordering::Relaxed),
            );
            batch_no += 1;
            tx.send((batch_no - 1, batch))
                .map_err(|_| Error::Usage("worker threads stopped".into()))
        });
        drop(tx);
        let accs: Vec<Acc> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        progress.finish();
        (scan_result, accs)
    });
    scan_result?;
    if let Ok(Some(m)) = strict_msg.into_inner() {
        return Err(Error::Strict(m));
    }
    if let Ok(Some(e)) = sink_error.into_inner() {
        return Err(e);
    }
    let (mut occ, written) = sink
        .into_inner()
        .map_err(|_| Error::Usage("occurrence writer failed".into()))?
        .finish()?;
    trace("counted");
    let mut it = accs.into_iter();
    let mut acc = it.next().unwrap_or_default();
    for a in it {
        acc.merge(a);
    }
    acc.finish();
    trace("worker counts merged");
    let count_seconds = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let lexicon = ctx.lexicon;
    let quotes = occ.pop().unwrap_or_default();
    let hedges = occ.pop().unwrap_or_default();
    let tables = build_tables(&mut acc, hedges, quotes, &lexicon.categories, opts)?;
    trace("tables built");
    Ok(Analysis {
        acc,
        tables,
        written,
        lexicon,
        count_seconds,
        table_seconds: t1.elapsed().as_secs_f64(),
        bytes: bytes_seen.into_inner(),
        story_seconds: 0.0,
        multi_source_stories: 0,
    })
}

/// Builds every table from merged counts and the occurrence tables gathered while counting.
pub fn build_tables(
    acc: &mut Acc,
    hedges: polars::prelude::DataFrame,
    quotes: polars::prelude::DataFrame,
    categories: &[String],
    opts: &AnalyzeOptions,
) -> Result<frames::Tables> {
    let documents = frames::documents(acc, categories)?;
    trace("tables: documents");
    let types = frames::source_types(acc)?;
    let intervals = frames::hedge_intervals(acc, opts.bootstrap, opts.seed)?;
    trace("tables: source types and intervals");
    let sources = frames::sources(&documents, types, intervals, categories)?;
    let terms = frames::terms(acc, acc.docs.len() as u64, opts.min_count)?;
    trace("tables: sources and terms");
    Ok(frames::Tables {
        documents,
        sources,
        terms,
        hedges,
        quotes,
        errors: frames::errors(&acc.problems)?,
    })
}

/// Writes every table to the output folder; returns the files written. The hedges and quotes
/// tables (one row per occurrence) are emptied once written, to bound memory.
pub fn write_tables(
    analysis: &mut Analysis,
    dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    write_named(
        analysis,
        dir,
        formats,
        &[
            "documents",
            "sources",
            "terms",
            "hedges",
            "quotes",
            "errors",
        ],
    )
}

/// Writes the named tables (errors.csv is always CSV); hedges and quotes are emptied once written.
pub fn write_named(
    analysis: &mut Analysis,
    dir: &Path,
    formats: &[Format],
    names: &[&str],
) -> Result<Vec<PathBuf>> {
    let written = analysis.written.clone();
    let t = &mut analysis.tables;
    let mut files = Vec::new();
    for (name, df) in [
        ("documents", &mut t.documents),
        ("sources", &mut t.sources),
        ("terms", &mut t.terms),
        ("hedges", &mut t.hedges),
        ("quotes", &mut t.quotes),
        ("errors", &mut t.errors),
    ] {
        if !names.contains(&name) {
            continue;
        }
        let streamed: Vec<PathBuf> = written
            .iter()
            .filter(|p| p.file_stem().is_some_and(|s| s == name))
            .cloned()
            .collect();
        if !streamed.is_empty() {
            // written batch by batch while counting
            files.extend(streamed);
            continue;
        }
        // errors.csv is always CSV, the format people open first when something went wrong.
        let f: &[Format] = if name == "errors" {
            &[Format::Csv]
        } else {
            formats
        };
        files.extend(export::write_table(dir, name, df, f)?);
        if name == "hedges" || name == "quotes" {
            // not needed by the report: free the memory before stories and charts
            *df = polars::prelude::DataFrame::empty();
        }
    }
    Ok(files)
}

/// Draws the charts and writes `index.html`, `report.md` and `run.json`; returns the files written.
pub fn write_report(
    analysis: &Analysis,
    opts: &AnalyzeOptions,
    dir: &Path,
    top_sources: usize,
) -> Result<Vec<PathBuf>> {
    let t = Instant::now();
    let charts = report::charts(analysis, dir, top_sources.max(1))?;
    let mut files: Vec<PathBuf> = charts.iter().map(|c| dir.join(&c.file)).collect();
    files.extend(report::write_report(
        analysis,
        opts,
        dir,
        &charts,
        t.elapsed().as_secs_f64(),
        top_sources.max(1),
        &[],
    )?);
    Ok(files)
}

/// Progress on stderr: an indicatif bar on a terminal, a sparse log line (every 10 s) otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
    start: Instant,
    last: Mutex<Instant>,
}

impl Progress {
    fn new(quiet: bool, bar: bool) -> Self {
        let bar = (!quiet && bar).then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(200));
            b
        });
        Self {
            lines: !quiet && bar.is_none(),
            bar,
            start: Instant::now(),
            last: Mutex::new(Instant::now()),
        }
    }

    fn message(&self, docs: u64, bytes: u64) -> String {
        let s = self.start.elapsed().as_secs_f64().max(1e-6);
        format!(
            "{docs} documents ({:.0} docs/s), {:.1} MB ({:.1} MB/s)",
            docs as f64 / s,
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / s
        )
    }

    fn update(&self, docs: u64, bytes: u64) {
        if let Some(b) = &self.bar {
            b.set_message(self.message(docs, bytes));
        } else if self.lines {
            if let Ok(mut last) = self.last.lock() {
                if last.elapsed().as_secs() >= 10 {
                    *last = Instant::now();
                    eprintln!("hedgerow: {}", self.message(docs, bytes));
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Runs a whole analysis: checks the inputs and the output folder, counts, writes the tables and
/// (unless `report` is false) the charts and the report.
pub fn run(opts: &AnalyzeOptions, report: bool, top_sources: usize) -> Result<Analysis> {
    corpus::check_inputs(&opts.inputs)?;
    export::prepare_dir(&opts.out)?;
    let mut analysis = analyze_to(
        opts,
        &export::ChunkDest::Files {
            dir: opts.out.clone(),
            formats: opts.formats.clone(),
        },
    )?;
    write_named(
        &mut analysis,
        &opts.out,
        &opts.formats,
        &["hedges", "quotes", "errors"],
    )?;
    // The story stage (long, partly single-threaded) runs beside the writing of the two largest
    // tables and the drawing of the charts: none of them changes the analysis or depends on
    // another, so the outputs are the same as one after the other, in less wall time.
    let a = &analysis;
    let (stage, side) = std::thread::scope(|scope| {
        let side = scope.spawn(move || -> Result<Option<(Vec<report::ChartEntry>, f64)>> {
            for (name, df) in [
                ("documents", &a.tables.documents),
                ("terms", &a.tables.terms),
            ] {
                // a clone shares the columns; the writer only needs it mutable to rechunk
                export::write_table(&opts.out, name, &mut df.clone(), &opts.formats)?;
            }
            trace("documents and terms written");
            if !report {
                return Ok(None);
            }
            let t = Instant::now();
            let charts = report::charts(a, &opts.out, top_sources.max(1))?;
            trace("charts drawn");
            Ok(Some((charts, t.elapsed().as_secs_f64())))
        });
        let stage = if opts.stories {
            let t = Instant::now();
            compare::story_stage(a, opts, opts.story_window).and_then(|(st, aligned)| {
                let within = compare::within_story(a, &st.multi, opts.bootstrap, opts.seed)?;
                Ok(Some((st, aligned, within, t.elapsed().as_secs_f64())))
            })
        } else {
            Ok(None)
        };
        let side = side
            .join()
            .unwrap_or_else(|_| Err(Error::Usage("the table and chart writer failed".into())));
        (stage, side)
    });
    let charts = side?;
    let mut story_list = Vec::new();
    let stage = match stage? {
        Some((st, aligned, within, seconds)) => {
            analysis.tables.sources = std::mem::take(&mut analysis.tables.sources)
                .lazy()
                .left_join(
                    within.lazy(),
                    polars::prelude::col("source"),
                    polars::prelude::col("source"),
                )
                .collect()
                .map_err(|source| Error::Polars {
                    table: "sources".into(),
                    source,
                })?;
            analysis.story_seconds = seconds;
            analysis.multi_source_stories = st.multi.len();
            Some((st, aligned))
        }
        None => None,
    };
    write_named(&mut analysis, &opts.out, &opts.formats, &["sources"])?;
    trace("tables written");
    if let Some((mut st, aligned)) = stage {
        let t = Instant::now();
        story_list = compare::write_story_outputs(
            &analysis,
            &mut st,
            &aligned,
            &opts.out,
            &opts.formats,
            &analysis.lexicon,
            if report { opts.story_pages } else { 0 },
        )?;
        analysis.story_seconds += t.elapsed().as_secs_f64();
        trace("story tables and pages written");
    }
    if let Some((charts, chart_seconds)) = charts {
        let t = Instant::now();
        report::write_report(
            &analysis,
            opts,
            &opts.out,
            &charts,
            chart_seconds + t.elapsed().as_secs_f64(),
            top_sources.max(1),
            &story_list,
        )?;
        trace("charts and report written");
    }
    Ok(analysis)
}
