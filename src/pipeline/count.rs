//! The counting stage run on worker threads: one thread scans the inputs and hands batches to
//! the workers, each worker decodes, parses and counts its documents into its own accumulator and
//! hands the batch's occurrence rows to the chunk sink; the accumulators are merged at the end.

use crate::count::boilerplate::{Boilerplate, Census, CensusTexts, SeenTexts};
use crate::count::{census_shingles, Acc, Context, ShingleCensus};
use crate::error::{Error, Result};
use crate::io::chunk_sink::{BatchDoc, ChunkDest, ChunkSink, Renamed};
use crate::io::read::{self, Document, Manifest, Pending, Problem};
use crate::options::{thread_count, AnalyzeOptions};
use crate::tables;
use crate::text::boilerplate::blank_lines;
use crate::text::hedges::Lexicon;
use crate::text::quotes::Cues;
use crate::text::tokenize::Normalizer;
use crate::trace::trace;
use polars::prelude::DataFrame;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

/// What counting produced.
pub struct Counted {
    /// Merged counts, in input order.
    pub acc: Acc,
    /// The hedge lexicon used.
    pub lexicon: Lexicon,
    /// The reporting verbs used.
    pub cues: Cues,
    /// The hedges table (empty when it was streamed to files).
    pub hedges: DataFrame,
    /// The quotes table (empty when it was streamed to files).
    pub quotes: DataFrame,
    /// Files the occurrence tables were streamed to.
    pub written: Vec<PathBuf>,
    /// The boilerplate lines left out (none with `--keep-boilerplate`).
    pub boilerplate: Boilerplate,
    /// Bytes of article text counted.
    pub bytes: u64,
    /// Seconds spent.
    pub seconds: f64,
}

/// What the workers share: read-only context and the run's stop flag, first `--strict`
/// problem, first writer error and progress counters.
struct Shared<'a> {
    ctx: &'a Context,
    boilerplate: Option<&'a Boilerplate>,
    opts: &'a AnalyzeOptions,
    manifest: Option<&'a Manifest>,
    sink: &'a Mutex<ChunkSink>,
    stop: AtomicBool,
    strict_problem: Mutex<Option<String>>,
    sink_error: Mutex<Option<Error>>,
    bytes: AtomicU64,
    docs: AtomicU64,
}

/// The boilerplate census: a first pass over the inputs that only reads the documents and hashes
/// their lines, on all cores (see [`crate::count::boilerplate`]). Problems with inputs are left to
/// the counting pass, which reports them.
pub fn census(opts: &AnalyzeOptions) -> Result<Boilerplate> {
    Ok(census_pass(opts, false)?.0.decide())
}

/// The census of a shard (`hedgerow census`): its distinct texts, what
/// [`CensusTexts::decide`] turns into the boilerplate of the whole, and its documents' sampled
/// shingles, what [`crate::count::SharedShingles`] turns into those two documents may share.
pub fn census_texts(opts: &AnalyzeOptions) -> Result<(CensusTexts, ShingleCensus)> {
    let (_, texts, prefixes) = census_pass(opts, true)?;
    Ok((texts, ShingleCensus::from_prefixes(prefixes)))
}

/// The census pass; with `keep`, the distinct texts' line keys are kept too, and the shingle
/// prefixes of every document (see [`ShingleCensus::add_document`]).
fn census_pass(opts: &AnalyzeOptions, keep: bool) -> Result<(Census, CensusTexts, Vec<u32>)> {
    use crate::text::boilerplate::line_keys;
    use rayon::prelude::*;
    let manifest = match &opts.load.manifest {
        Some(p) => Some(Manifest::load(p)?),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(thread_count(opts.threads))
        .build()
        .map_err(|e| Error::Internal(format!("thread pool: {e}")))?;
    let seen = SeenTexts::default();
    let mut total = Census::default();
    let mut texts = CensusTexts::default();
    let mut prefixes = Vec::new();
    trace("boilerplate census starts");
    read::scan(&opts.inputs, &opts.load, 4 << 20, &mut |batch| {
        let (c, mut t, mut s) = pool.install(|| {
            batch
                .into_par_iter()
                .fold(
                    || (Census::default(), Vec::new(), Vec::new()),
                    |(mut c, mut t, mut s), p| {
                        if let (Some(d), _) = read::realize(p, &opts.load, manifest.as_ref()) {
                            let keys = line_keys(&d.source, &d.text, d.body);
                            if c.add_keys(&d.source, &keys, &seen) && keep {
                                t.push((d.source, keys));
                            }
                            // every document, copies too: a copy's shingles are shared
                            if keep {
                                ShingleCensus::add_document(
                                    &census_shingles(&d.text, d.body),
                                    &mut s,
                                );
                            }
                        }
                        (c, t, s)
                    },
                )
                .reduce(
                    || (Census::default(), Vec::new(), Vec::new()),
                    |(mut a, mut at, mut as_), (b, bt, bs)| {
                        a.merge(b);
                        at.extend(bt);
                        as_.extend(bs);
                        (a, at, as_)
                    },
                )
        });
        total.merge(c);
        texts.texts.append(&mut t);
        prefixes.append(&mut s);
        Ok(())
    })?;
    trace("boilerplate census");
    Ok((total, texts, prefixes))
}

/// Counts every input, sending the occurrence tables to `dest` as counting goes; unless
/// `--keep-boilerplate`, the census pass runs first and its lines are left out of every document.
pub fn count(opts: &AnalyzeOptions, dest: &ChunkDest) -> Result<Counted> {
    let boilerplate = (!opts.keep_boilerplate).then(|| census(opts)).transpose()?;
    Ok(count_raw(opts, dest, boilerplate)?.finish())
}

/// What counting produced before the steps that need every document (ids made unique, input
/// order, copies): a shard's part of the whole (`--partial`).
pub struct RawCount {
    /// The workers' counts merged, documents in no particular order, ids as given.
    pub acc: Acc,
    /// Documents whose id an earlier document of this count had (the occurrence tables already
    /// carry their new ids).
    pub renamed: Vec<Renamed>,
    /// The hedge lexicon used.
    pub lexicon: Lexicon,
    /// The reporting verbs used.
    pub cues: Cues,
    /// The occurrence tables (hedges, quotes), empty when streamed to files.
    pub occurrences: Vec<DataFrame>,
    /// Files the occurrence tables were streamed to.
    pub written: Vec<PathBuf>,
    /// The boilerplate lines left out.
    pub boilerplate: Boilerplate,
    /// Bytes of article text counted.
    pub bytes: u64,
    /// Seconds spent.
    pub seconds: f64,
    /// What the scan went through (the input order of the last input, of the whole with
    /// `--shard`; bytes read).
    pub scanned: read::Scanned,
}

impl RawCount {
    /// The steps that need every document: ids made unique, input order, copies found.
    pub fn finish(self) -> Counted {
        let RawCount {
            mut acc,
            renamed,
            lexicon,
            cues,
            mut occurrences,
            written,
            boilerplate,
            bytes,
            seconds,
            ..
        } = self;
        finish_acc(&mut acc, &renamed);
        let quotes = occurrences.pop().unwrap_or_default();
        let hedges = occurrences.pop().unwrap_or_default();
        Counted {
            acc,
            lexicon,
            cues,
            hedges,
            quotes,
            written,
            boilerplate,
            bytes,
            seconds,
        }
    }
}

/// Sorts merged counts into input order ([`Acc::finish`]) and gives the renamed documents their
/// new ids, each with a row in errors.csv.
pub fn finish_acc(acc: &mut Acc, renamed: &[Renamed]) {
    // a document id given twice: the later document was renamed in the streamed tables, and
    // is here, with a row in errors.csv
    for r in renamed {
        acc.problem(Problem::at_origin(
            r.seq,
            &r.origin,
            format!("duplicate doc_id '{}' (an earlier document has it)", r.old),
            format!("kept as '{}'", r.new),
        ));
    }
    acc.finish();
    if !renamed.is_empty() {
        let by_seq: std::collections::HashMap<u64, &str> =
            renamed.iter().map(|r| (r.seq, r.new.as_str())).collect();
        for d in &mut acc.docs {
            if let Some(new) = by_seq.get(&d.seq) {
                d.doc_id = new.to_string();
            }
        }
    }
    trace("worker counts merged");
}

/// Counts the inputs with the boilerplate lines given (see [`count`]), up to the steps that need
/// every document.
pub fn count_raw(
    opts: &AnalyzeOptions,
    dest: &ChunkDest,
    boilerplate: Option<Boilerplate>,
) -> Result<RawCount> {
    if !(1..=3).contains(&opts.ngrams) {
        return Err(Error::Usage(format!(
            "--ngrams must be 1, 2 or 3 (got {})",
            opts.ngrams
        )));
    }
    let ctx = Context {
        normalizer: Normalizer::new(&opts.normalize).map_err(Error::Usage)?,
        lexicon: opts.lexicon()?,
        cues: opts.cues()?,
        ngrams: opts.ngrams,
        kwic_width: 40,
        collocation_window: opts.collocation_window,
    };
    let manifest = match &opts.load.manifest {
        Some(p) => Some(Manifest::load(p)?),
        None => None,
    };
    let t0 = Instant::now();
    trace("counting starts");
    let sink = Mutex::new(ChunkSink::new(
        dest,
        vec![
            ("hedges", tables::hedges(&[])?),
            ("quotes", tables::quotes(&[])?),
        ],
    )?);
    let shared = Shared {
        ctx: &ctx,
        boilerplate: boilerplate.as_ref(),
        opts,
        manifest: manifest.as_ref(),
        sink: &sink,
        stop: AtomicBool::new(false),
        strict_problem: Mutex::new(None),
        sink_error: Mutex::new(None),
        bytes: AtomicU64::new(0),
        docs: AtomicU64::new(0),
    };
    let n_threads = thread_count(opts.threads);
    let (tx, rx) = mpsc::sync_channel::<(u64, Vec<Pending>)>(n_threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let (scan_result, accs) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n_threads)
            .map(|_| {
                let rx = rx.clone();
                let shared = &shared;
                scope.spawn(move || worker(&rx, shared))
            })
            .collect();
        drop(rx);
        let progress = Progress::new(opts.quiet, opts.progress_bar);
        let mut batch_no = 0u64;
        let scan_result = read::scan(&opts.inputs, &opts.load, 1 << 20, &mut |batch| {
            if shared.stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            progress.update(
                shared.docs.load(Ordering::Relaxed),
                shared.bytes.load(Ordering::Relaxed),
            );
            batch_no += 1;
            tx.send((batch_no - 1, batch))
                .map_err(|_| Error::Internal("worker threads stopped".into()))
        });
        drop(tx);
        let accs: Vec<Acc> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        progress.finish();
        (scan_result, accs)
    });
    let scanned = scan_result?;
    let Shared {
        strict_problem,
        sink_error,
        bytes,
        ..
    } = shared;
    if let Ok(Some(m)) = strict_problem.into_inner() {
        return Err(Error::Strict(m));
    }
    if let Ok(Some(e)) = sink_error.into_inner() {
        return Err(e);
    }
    let (occurrences, written, renamed) = sink
        .into_inner()
        .map_err(|_| Error::Internal("occurrence writer failed".into()))?
        .finish()?;
    trace("counted");
    let mut it = accs.into_iter();
    let mut acc = it.next().unwrap_or_default();
    for a in it {
        acc.merge(a);
    }
    Ok(RawCount {
        acc,
        renamed,
        lexicon: ctx.lexicon,
        cues: ctx.cues,
        occurrences,
        written,
        boilerplate: boilerplate.unwrap_or_default(),
        bytes: bytes.into_inner(),
        seconds: t0.elapsed().as_secs_f64(),
        scanned,
    })
}

/// One worker: counts the batches it receives until the channel closes.
fn worker(rx: &Mutex<mpsc::Receiver<(u64, Vec<Pending>)>>, sh: &Shared) -> Acc {
    let mut acc = Acc::new();
    loop {
        let batch = match rx.lock() {
            Ok(r) => r.recv(),
            Err(_) => break,
        };
        let Ok((batch_no, batch)) = batch else { break };
        let mut ids: Vec<BatchDoc> = Vec::with_capacity(batch.len());
        for p in batch {
            if sh.stop.load(Ordering::Relaxed) {
                break;
            }
            let (doc, problems) = read::realize(p, &sh.opts.load, sh.manifest);
            for pr in problems {
                if sh.opts.strict && pr.skipped() {
                    sh.stop.store(true, Ordering::Relaxed);
                    if let Ok(mut m) = sh.strict_problem.lock() {
                        m.get_or_insert_with(|| pr.to_string());
                    }
                }
                acc.problem(pr);
            }
            if let Some(mut d) = doc {
                if let Some(b) = sh.boilerplate {
                    let found = blank_lines(&d.source, &mut d.text, d.body, |k| b.contains(k));
                    if !found.is_empty() {
                        acc.left_out(found);
                    }
                }
                ids.push(BatchDoc {
                    seq: d.seq,
                    doc_id: d.doc_id.clone(),
                    origin: d.origin.clone(),
                    rows: Vec::new(),
                });
                sh.bytes.fetch_add(d.text.len() as u64, Ordering::Relaxed);
                sh.docs.fetch_add(1, Ordering::Relaxed);
                count_guarded(&mut acc, d, sh.ctx);
            }
        }
        // this batch's occurrence rows leave the worker, in input order
        let (hedges, quotes) = acc.take_occurrences();
        let hedge_seqs: Vec<u64> = hedges.iter().map(|h| h.seq).collect();
        let quote_seqs: Vec<u64> = quotes.iter().map(|q| q.seq).collect();
        for d in &mut ids {
            d.rows = vec![rows_of(&hedge_seqs, d.seq), rows_of(&quote_seqs, d.seq)];
        }
        let res = tables::hedges(&hedges)
            .and_then(|h| Ok(vec![h, tables::quotes(&quotes)?]))
            .and_then(|frames| match sh.sink.lock() {
                Ok(mut s) => s.put(batch_no, frames, ids),
                Err(_) => Err(Error::Internal("occurrence writer failed".into())),
            });
        if let Err(e) = res {
            sh.stop.store(true, Ordering::Relaxed);
            if let Ok(mut m) = sh.sink_error.lock() {
                m.get_or_insert(e);
            }
        }
    }
    acc
}

/// How many of `seqs` (sorted) are `seq`: a document's rows in a batch's table.
fn rows_of(seqs: &[u64], seq: u64) -> usize {
    seqs.partition_point(|&s| s <= seq) - seqs.partition_point(|&s| s < seq)
}

/// Counts one document; a defect on one document must not sink the run: it is reported as an
/// internal error in errors.csv (with none of its rows) and the run goes on.
fn count_guarded(acc: &mut Acc, d: Document, ctx: &Context) {
    let (seq, origin) = (d.seq, d.origin.clone());
    let (nh, nq) = (acc.hedges.len(), acc.quotes.len());
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| acc.add(d, ctx)));
    if let Err(e) = res {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        acc.hedges.truncate(nh);
        acc.quotes.truncate(nq);
        acc.problem(Problem::skip(
            seq,
            origin,
            0,
            format!("internal error (please report): {msg}"),
        ));
    }
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
