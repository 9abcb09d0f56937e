//! The counting stage run on worker threads: one thread scans the inputs and hands batches to
//! the workers, each worker decodes, parses and counts its documents into its own accumulator and
//! hands the batch's occurrence rows to the chunk sink; the accumulators are merged at the end.

use super::plan::{Plan, Reading};
use crate::count::boilerplate::{Boilerplate, Census, CensusTexts, SeenTexts};
use crate::count::{census_shingles, Acc, Context, Contexts, HedgeRow, QuoteRow, ShingleCensus};
use crate::error::{Error, Result};
use crate::io::chunk_sink::{BatchDoc, ChunkDest, ChunkSink, Renamed, SinkOutput};
use crate::io::read::{self, Document, Pending, Problem, Scanned};
use crate::tables;
use crate::text::boilerplate::{blank_lines, line_keys};
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

/// What the workers share: the plan, the run's stop flag, first `--strict` problem, first
/// writer error and progress counters.
struct Shared<'a> {
    plan: &'a Plan,
    boilerplate: Option<&'a Boilerplate>,
    sink: &'a Mutex<ChunkSink>,
    stop: AtomicBool,
    strict_problem: Mutex<Option<String>>,
    sink_error: Mutex<Option<Error>>,
    bytes: AtomicU64,
    docs: AtomicU64,
}

/// A batch of inputs on its way to a worker, with its number (the sink writes batches in order).
struct Batch {
    no: u64,
    inputs: Vec<Pending>,
}

/// The boilerplate census: a first pass over the inputs that only reads the documents and hashes
/// their lines, on all cores (see [`crate::count::boilerplate`]). Problems with inputs are left to
/// the counting pass, which reports them.
pub fn census(reading: &Reading) -> Result<Boilerplate> {
    Ok(census_pass(reading, None)?.census.decide())
}

/// The census of a shard (`hedgerow census`).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ShardCensus {
    /// Its distinct texts, what [`CensusTexts::decide`] turns into the boilerplate of the whole.
    pub texts: CensusTexts,
    /// Its documents' sampled shingles, what [`crate::count::SharedShingles`] turns into those
    /// two documents may share.
    pub shingles: ShingleCensus,
}

/// The census of a shard (`hedgerow census`): its distinct texts and its shingles, each
/// document's tokenized by its counting context among `contexts`.
pub fn census_texts(reading: &Reading, contexts: Contexts) -> Result<ShardCensus> {
    let pass = census_pass(reading, Some(contexts))?;
    Ok(ShardCensus {
        texts: CensusTexts { texts: pass.texts },
        shingles: ShingleCensus::from_prefixes(pass.prefixes),
    })
}

/// What the census pass gathers (from a batch, then from every batch): the census, and with
/// `keep` the distinct texts' line keys and the shingle prefixes of every document (see
/// [`ShingleCensus::add_document`]).
#[derive(Default)]
struct CensusPass {
    census: Census,
    texts: Vec<(String, Vec<u64>)>,
    prefixes: Vec<u32>,
}

impl CensusPass {
    /// Adds a document; with `shingles` (a shard's census) its shingles too, tokenized by the
    /// context counting will choose for it.
    fn add(&mut self, d: Document, shingles: Option<Contexts>, seen: &SeenTexts) {
        let keys = line_keys(&d.source, &d.text, d.body);
        if self.census.add_keys(&d.source, &keys, seen) && shingles.is_some() {
            self.texts.push((d.source, keys));
        }
        // every document, copies too: a copy's shingles are shared
        if let Some(contexts) = shingles {
            let (_, ctx) = contexts.for_text(&d.text[d.body..]);
            let found = census_shingles(&d.text, d.body, &ctx.normalizer);
            ShingleCensus::add_document(&found, &mut self.prefixes);
        }
    }

    fn absorb(&mut self, other: CensusPass) {
        self.census.merge(other.census);
        self.texts.extend(other.texts);
        self.prefixes.extend(other.prefixes);
    }
}

/// The census pass over every input, on a pool of the plan's threads.
fn census_pass(reading: &Reading, shingles: Option<Contexts>) -> Result<CensusPass> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(reading.threads)
        .build()
        .map_err(|e| Error::Internal(format!("thread pool: {e}")))?;
    let seen = SeenTexts::default();
    let mut total = CensusPass::default();
    trace("boilerplate census starts");
    read::scan(&reading.inputs, &reading.load, 4 << 20, &mut |batch| {
        total.absorb(pool.install(|| census_batch(batch, reading, shingles, &seen)));
        Ok(())
    })?;
    trace("boilerplate census");
    Ok(total)
}

/// The census of one batch of inputs, read and added on all the pool's threads.
fn census_batch(
    batch: Vec<Pending>,
    reading: &Reading,
    shingles: Option<Contexts>,
    seen: &SeenTexts,
) -> CensusPass {
    use rayon::prelude::*;
    batch
        .into_par_iter()
        .fold(CensusPass::default, |mut c, p| {
            let manifest = reading.manifest.as_ref();
            if let Some(d) = read::realize(p, &reading.load, manifest).doc {
                c.add(d, shingles, seen);
            }
            c
        })
        .reduce(CensusPass::default, |mut a, b| {
            a.absorb(b);
            a
        })
}

/// Counts every input, sending the occurrence tables to `dest` as counting goes; unless
/// `--keep-boilerplate`, the census pass runs first and its lines are left out of every document.
pub fn count(plan: &Plan, dest: &ChunkDest) -> Result<Counted> {
    let boilerplate = (!plan.opts.keep_boilerplate)
        .then(|| census(&plan.reading))
        .transpose()?;
    Ok(count_raw(plan, dest, boilerplate)?.finish())
}

/// What counting produced before the steps that need every document (ids made unique, input
/// order, copies): a shard's part of the whole (`--partial`).
pub struct RawCount {
    /// The workers' counts merged, documents in no particular order, ids as given.
    pub acc: Acc,
    /// Documents whose id an earlier document of this count had (the occurrence tables already
    /// carry their new ids).
    pub renamed: Vec<Renamed>,
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
    pub scanned: Scanned,
}

impl RawCount {
    /// The steps that need every document: ids made unique, input order, copies found.
    pub fn finish(self) -> Counted {
        let RawCount {
            mut acc,
            renamed,
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
        give_new_ids(acc, renamed);
    }
    trace("worker counts merged");
}

/// Gives the renamed documents their new ids.
fn give_new_ids(acc: &mut Acc, renamed: &[Renamed]) {
    let by_seq: std::collections::HashMap<u64, &str> =
        renamed.iter().map(|r| (r.seq, r.new.as_str())).collect();
    for d in &mut acc.docs {
        if let Some(new) = by_seq.get(&d.seq) {
            d.doc_id = new.to_string();
        }
    }
}

/// Counts the inputs with the boilerplate lines given (see [`count`]), up to the steps that need
/// every document.
pub fn count_raw(
    plan: &Plan,
    dest: &ChunkDest,
    boilerplate: Option<Boilerplate>,
) -> Result<RawCount> {
    let t0 = Instant::now();
    trace("counting starts");
    let occurrence_tables = vec![
        ("hedges", tables::hedges(&[])?),
        ("quotes", tables::quotes(&[])?),
    ];
    let sink = Mutex::new(ChunkSink::new(dest, occurrence_tables)?);
    let shared = Shared::new(plan, boilerplate.as_ref(), &sink);
    let (scanned, accs) = count_on_workers(&shared);
    let scanned = scanned?;
    let bytes = shared.outcome()?;
    let SinkOutput {
        frames,
        written,
        renamed,
    } = finish_sink(sink)?;
    trace("counted");
    Ok(RawCount {
        acc: merged(accs),
        renamed,
        occurrences: frames,
        written,
        boilerplate: boilerplate.unwrap_or_default(),
        bytes,
        seconds: t0.elapsed().as_secs_f64(),
        scanned,
    })
}

/// Finishes the occurrence tables' sink once the workers are done.
fn finish_sink(sink: Mutex<ChunkSink>) -> Result<SinkOutput> {
    sink.into_inner()
        .map_err(|_| Error::Internal("occurrence writer failed".into()))?
        .finish()
}

/// The workers' accumulators merged into one.
fn merged(accs: Vec<Acc>) -> Acc {
    let mut it = accs.into_iter();
    let mut acc = it.next().unwrap_or_default();
    for a in it {
        acc.merge(a);
    }
    acc
}

/// Scans the inputs on this thread and counts them on the plan's worker threads; returns what
/// the scan went through and the workers' accumulators.
fn count_on_workers(sh: &Shared) -> (Result<Scanned>, Vec<Acc>) {
    let n_threads = sh.plan.reading.threads;
    let (tx, rx) = mpsc::sync_channel::<Batch>(n_threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n_threads)
            .map(|_| {
                let rx = rx.clone();
                scope.spawn(move || worker(&rx, sh))
            })
            .collect();
        drop(rx);
        let total = known_size(&sh.plan.reading.inputs);
        let progress = Progress::new(sh.plan.opts.quiet, sh.plan.opts.progress_bar, total);
        let scanned = feed(sh, tx, &progress);
        let accs: Vec<Acc> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        progress.finish();
        (scanned, accs)
    })
}

/// The scan: hands the inputs to the workers in numbered batches until the inputs end or the
/// run stops (the channel closes when this returns).
fn feed(sh: &Shared, tx: mpsc::SyncSender<Batch>, progress: &Progress) -> Result<Scanned> {
    let reading = &sh.plan.reading;
    let mut no = 0u64;
    read::scan(&reading.inputs, &reading.load, 1 << 20, &mut |inputs| {
        if sh.stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        progress.scanned(inputs.iter().map(pending_bytes).sum());
        progress.update(
            sh.docs.load(Ordering::Relaxed),
            sh.bytes.load(Ordering::Relaxed),
        );
        no += 1;
        tx.send(Batch { no: no - 1, inputs })
            .map_err(|_| Error::Internal("worker threads stopped".into()))
    })
}

impl<'a> Shared<'a> {
    fn new(
        plan: &'a Plan,
        boilerplate: Option<&'a Boilerplate>,
        sink: &'a Mutex<ChunkSink>,
    ) -> Self {
        Shared {
            plan,
            boilerplate,
            sink,
            stop: AtomicBool::new(false),
            strict_problem: Mutex::new(None),
            sink_error: Mutex::new(None),
            bytes: AtomicU64::new(0),
            docs: AtomicU64::new(0),
        }
    }

    /// With `--strict`, a problem that skips an input stops the run (the first one is its error).
    fn note(&self, pr: &Problem) {
        if self.plan.opts.strict && pr.skipped() {
            self.stop.store(true, Ordering::Relaxed);
            if let Ok(mut m) = self.strict_problem.lock() {
                m.get_or_insert_with(|| pr.to_string());
            }
        }
    }

    /// A writer error stops the run (the first one is its error).
    fn fail(&self, e: Error) {
        self.stop.store(true, Ordering::Relaxed);
        if let Ok(mut m) = self.sink_error.lock() {
            m.get_or_insert(e);
        }
    }

    /// How the run ended: the first `--strict` problem or writer error, else the bytes counted.
    fn outcome(self) -> Result<u64> {
        if let Ok(Some(m)) = self.strict_problem.into_inner() {
            return Err(Error::Strict(m));
        }
        if let Ok(Some(e)) = self.sink_error.into_inner() {
            return Err(e);
        }
        Ok(self.bytes.into_inner())
    }
}

/// One worker: counts the batches it receives until the channel closes.
fn worker(rx: &Mutex<mpsc::Receiver<Batch>>, sh: &Shared) -> Acc {
    // one accumulator per counting context: a word's stem and lexicon id are its language's
    let mut accs: Vec<Acc> = (0..sh.plan.by_language.len().max(1))
        .map(|_| Acc::new())
        .collect();
    while let Some(batch) = next_batch(rx) {
        let ids = count_batch(&mut accs, batch.inputs, sh);
        hand_over(&mut accs, batch.no, ids, sh);
    }
    merged(accs)
}

/// The next batch, `None` when the channel is closed.
fn next_batch(rx: &Mutex<mpsc::Receiver<Batch>>) -> Option<Batch> {
    rx.lock().ok()?.recv().ok()
}

/// Counts a batch's inputs into `accs` (their problems into the first); returns the documents
/// counted, in input order, for the sink.
fn count_batch(accs: &mut [Acc], inputs: Vec<Pending>, sh: &Shared) -> Vec<BatchDoc> {
    let reading = &sh.plan.reading;
    let mut ids: Vec<BatchDoc> = Vec::with_capacity(inputs.len());
    for p in inputs {
        if sh.stop.load(Ordering::Relaxed) {
            break;
        }
        let found = read::realize(p, &reading.load, reading.manifest.as_ref());
        for pr in found.problems {
            sh.note(&pr);
            accs[0].problem(pr);
        }
        if let Some(d) = found.doc {
            ids.push(count_document(accs, d, sh));
        }
    }
    ids
}

/// Counts one document, its boilerplate lines blanked first, into the accumulator of its
/// counting context.
fn count_document(accs: &mut [Acc], mut d: Document, sh: &Shared) -> BatchDoc {
    let (i, ctx) = sh.plan.context_for(&d.text[d.body..]);
    let acc = &mut accs[i];
    if let Some(b) = sh.boilerplate {
        let found = blank_lines(&d.source, &mut d.text, d.body, |k| b.contains(k));
        if !found.is_empty() {
            acc.left_out(found);
        }
    }
    let id = BatchDoc {
        seq: d.seq,
        doc_id: d.doc_id.clone(),
        origin: d.origin.clone(),
        rows: Vec::new(),
    };
    sh.bytes.fetch_add(d.text.len() as u64, Ordering::Relaxed);
    sh.docs.fetch_add(1, Ordering::Relaxed);
    count_guarded(acc, d, ctx);
    id
}

/// This batch's occurrence rows leave the worker, in input order, for the sink.
fn hand_over(accs: &mut [Acc], batch_no: u64, mut ids: Vec<BatchDoc>, sh: &Shared) {
    let (hedges, quotes) = occurrences(accs);
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
        sh.fail(e);
    }
}

/// The occurrence rows of every accumulator, in input order (a stable sort: one document's rows
/// are all in one accumulator, in their order).
fn occurrences(accs: &mut [Acc]) -> (Vec<HedgeRow>, Vec<QuoteRow>) {
    let (mut hedges, mut quotes) = accs[0].take_occurrences();
    if accs.len() > 1 {
        for acc in &mut accs[1..] {
            let (h, q) = acc.take_occurrences();
            hedges.extend(h);
            quotes.extend(q);
        }
        hedges.sort_by_key(|h| h.seq);
        quotes.sort_by_key(|q| q.seq);
    }
    (hedges, quotes)
}

/// How many of `seqs` (sorted) are `seq`: a document's rows in a batch's table.
fn rows_of(seqs: &[u64], seq: u64) -> usize {
    seqs.partition_point(|&s| s <= seq) - seqs.partition_point(|&s| s < seq)
}

/// What a panic said (its message, when it is text).
fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Counts one document; a defect on one document must not sink the run: it is reported as an
/// internal error in errors.csv (with none of its rows) and the run goes on.
fn count_guarded(acc: &mut Acc, d: Document, ctx: &Context) {
    let (seq, origin) = (d.seq, d.origin.clone());
    let (nh, nq) = (acc.hedges.len(), acc.quotes.len());
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| acc.add(d, ctx)));
    if let Err(e) = res {
        let msg = panic_message(e.as_ref());
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

/// Progress on stderr: an indicatif bar on a terminal (with the percentage and the time left
/// when the input's size is known), a sparse log line (every 10 s) otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
    start: Instant,
    last: Mutex<Instant>,
    /// Bytes of input the whole scan will read, when known.
    total: Option<u64>,
    /// Bytes of input scanned so far.
    done: std::sync::atomic::AtomicU64,
}

impl Progress {
    fn new(quiet: bool, bar: bool, total: Option<u64>) -> Self {
        let bar = (!quiet && bar).then(|| progress_bar(total));
        Self {
            lines: !quiet && bar.is_none(),
            bar,
            start: Instant::now(),
            last: Mutex::new(Instant::now()),
            total,
            done: Default::default(),
        }
    }

    /// Notes `bytes` more of the input scanned.
    fn scanned(&self, bytes: u64) {
        let done = self.done.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if let (Some(b), Some(t)) = (&self.bar, self.total) {
            b.set_position(done.min(t));
        }
    }

    fn message(&self, docs: u64, bytes: u64) -> String {
        let s = self.start.elapsed().as_secs_f64().max(1e-6);
        format!(
            "counting: {docs} documents ({:.0} docs/s), {:.1} MB ({:.1} MB/s)",
            docs as f64 / s,
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / s
        )
    }

    fn update(&self, docs: u64, bytes: u64) {
        if let Some(b) = &self.bar {
            b.set_message(self.message(docs, bytes));
        } else if self.lines {
            self.line_every_10s(docs, bytes);
        }
    }

    /// Says the progress on a line of its own, at most every ten seconds.
    fn line_every_10s(&self, docs: u64, bytes: u64) {
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if last.elapsed().as_secs() >= 10 {
            *last = Instant::now();
            let done = self.done.load(Ordering::Relaxed);
            let share = eta_text(done, self.total, self.start.elapsed().as_secs_f64());
            eprintln!("hedgerow: {share}{}", self.message(docs, bytes));
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// The counting's progress bar: with the share done and the time left when the total is known,
/// else a spinner.
fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    let (b, template) = match total {
        Some(t) => (
            indicatif::ProgressBar::new(t),
            "{spinner} {elapsed_precise} [{bar:24}] {percent}% ETA {eta} {msg}",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {elapsed_precise} {msg}",
        ),
    };
    b.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    b.enable_steady_tick(std::time::Duration::from_millis(200));
    b
}

/// "45% (about 30 s left), " from the bytes scanned of a known total after `secs`; empty when
/// the total is unknown.
fn eta_text(done: u64, total: Option<u64>, secs: f64) -> String {
    match total {
        Some(t) if t > 0 => {
            let f = (done as f64 / t as f64).min(0.99);
            format!("{:.0}%{}, ", f * 100.0, time_left(f, secs))
        }
        _ => String::new(),
    }
}

/// " (about 30 s left)" when a share `f` done took `secs`; empty when nothing is done yet.
fn time_left(f: f64, secs: f64) -> String {
    let left = if f > 0.0 {
        secs * (1.0 - f) / f
    } else {
        f64::NAN
    };
    if left.is_finite() {
        format!(" (about {left:.0} s left)")
    } else {
        String::new()
    }
}

/// Bytes of input a scanned item stands for (a record's line; a document's text; a file's size
/// is not asked for: folders have no known total).
fn pending_bytes(p: &read::Pending) -> u64 {
    match p {
        read::Pending::Json { raw, .. } => raw.len() as u64 + 1,
        read::Pending::Ready(d) => d.text.len() as u64,
        _ => 0,
    }
}

/// The bytes the scan will read, when known: every input a regular file (not a folder), a
/// gzip file by the uncompressed size its trailer records.
fn known_size(inputs: &[std::path::PathBuf]) -> Option<u64> {
    inputs.iter().map(|p| file_size(p)).sum()
}

/// A regular file's size as read: a `.gz` file's uncompressed size (its last four bytes,
/// trusted below 4 GiB compressed ratio permitting), else its length.
fn file_size(p: &std::path::Path) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let meta = std::fs::metadata(p).ok().filter(|m| m.is_file())?;
    if p.extension().is_some_and(|e| e == "gz") {
        let mut f = std::fs::File::open(p).ok()?;
        f.seek(SeekFrom::End(-4)).ok()?;
        let mut b = [0u8; 4];
        f.read_exact(&mut b).ok()?;
        gzip_size(meta.len(), u32::from_le_bytes(b))
    } else {
        Some(meta.len())
    }
}

/// A gzip file's uncompressed size from its trailer's ISIZE (the size modulo 2³²): trusted when
/// the compressed file is under 1 GiB and ISIZE is no smaller than it (text compresses; a
/// wrapped size would look small).
fn gzip_size(compressed: u64, isize: u32) -> Option<u64> {
    (compressed < 1 << 30 && isize as u64 >= compressed).then_some(isize as u64)
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    #[test]
    fn eta_says_share_and_time_left_only_with_a_total() {
        assert_eq!(eta_text(50, Some(200), 10.0), "25% (about 30 s left), ");
        assert_eq!(eta_text(50, None, 10.0), "");
        // never 100% before the end
        assert!(eta_text(300, Some(200), 10.0).starts_with("99%"));
    }

    #[test]
    fn gzip_trailer_is_trusted_only_when_plausible() {
        assert_eq!(gzip_size(60_000_000, 243_000_000), Some(243_000_000));
        assert_eq!(gzip_size(60_000_000, 1_000), None);
        assert_eq!(gzip_size(2 << 30, 4_000_000_000), None);
    }
}
