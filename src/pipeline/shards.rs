//! Shards: an analysis cut into parts that run apart (SLURM job arrays, Spark partitions) and are
//! merged into the tables of one run over everything.
//!
//! 1. [`write_census`] (`hedgerow census`): a shard's distinct texts as line keys, from which the
//!    boilerplate of the whole is decided (it needs every shard before anything is counted), and
//!    which story shingles its documents hold once or more, from which a part knows those no
//!    other document holds and leaves them out;
//! 2. [`write_partial`] (`hedgerow analyze --partial`): a shard's counts, all of them additive
//!    (its terms and surface forms as Parquet tables any engine can sum), and its hedge and
//!    quote rows;
//! 3. [`merge`] (`hedgerow merge`, or `--finish` from terms and surfaces summed elsewhere):
//!    the counts summed, put back in input order, and finished by the same code as one run
//!    (tables, story stage reading back only the texts it aligns, charts, report).

use super::count::{self as counting, finish_acc, RawCount, ShardCensus};
use super::plan::{Plan, Reading};
use super::{finish, Counted};
use crate::analysis::Analysis;
use crate::count::boilerplate::{BoilerLine, Boilerplate, CensusTexts};
use crate::count::{Acc, AccState, SharedShingles, SurfaceRow, TermRow};
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::io::chunk_sink::{unique_id, ChunkDest, Renamed};
use crate::io::output;
use crate::io::read::{self, check_inputs, Shard};
use crate::io::write::{prepare_dir, write_parquet, write_table, Format};
use crate::options::AnalyzeOptions;
use crate::tables;
use crate::trace::trace;
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Version of the partial format: parts of another version are refused.
const FORMAT: u32 = 6;
const HEADER: &str = "header.json";
const COUNTS: &str = "counts.bin.zst";
const CENSUS: &str = "census.bin.zst";
/// A part's per-group term counts, the table any engine can sum (see [`TermRow`]).
const TERMS: &str = "terms.parquet";
/// A part's surface forms with their counts, summable by word (see [`SurfaceRow`]).
const SURFACES: &str = "surfaces.parquet";
/// Every file a part folder may hold.
const PART_FILES: [&str; 7] = [
    HEADER,
    COUNTS,
    CENSUS,
    TERMS,
    SURFACES,
    "hedges.parquet",
    "quotes.parquet",
];

/// What a part folder is: written last, so a folder without it is an unfinished part.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// `census` or `partial`.
    pub kind: String,
    /// hedgerow version that wrote it.
    pub hedgerow_version: String,
    /// Partial format version.
    pub format: u32,
    /// The options that decide what a part holds (all but inputs, output, threads, progress and
    /// shard): parts to be merged must have the same.
    pub settings: serde_json::Value,
    /// Fingerprint of the hedge lexicon and cue list in use.
    pub lexicon: String,
    /// The options of the run, as given.
    pub options: AnalyzeOptions,
    /// The inputs as absolute paths (for the merge's second read).
    pub inputs_abs: Vec<PathBuf>,
    /// `--shard`, if given.
    pub shard: Option<Shard>,
    /// Input order of the last input scanned.
    pub last_seq: u64,
    /// Bytes of the inputs the part read (its records' lines; text files' sizes).
    pub input_bytes: u64,
    /// Documents counted (partial) or distinct texts (census).
    pub n_docs: u64,
    /// Bytes of article text counted.
    pub bytes: u64,
    /// Inputs skipped (rows of errors.csv that left a document out).
    pub skipped: u64,
    /// The census parts the boilerplate was decided from (their inputs and shards).
    pub census: Vec<CensusOf>,
    /// Fingerprint of the boilerplate lines left out.
    pub boilerplate: String,
    /// Every input file as it was when the part read it: the merge refuses a file changed or
    /// replaced since, or seen otherwise by another part.
    #[serde(default)]
    pub input_files: Vec<InputPrint>,
    /// Checksum of every other file of the part, by name: the merge refuses an altered part.
    #[serde(default)]
    pub checksums: std::collections::BTreeMap<String, String>,
}

/// An input file as a part saw it: its canonical path, size and modification time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputPrint {
    /// Canonical path.
    pub path: PathBuf,
    /// Size in bytes.
    pub bytes: u64,
    /// Modification time, nanoseconds since the epoch (0 where the system gives none).
    pub mtime_ns: u128,
    /// Checksum of its first and last 64 KiB (a file replaced with one of the same size and
    /// time, `cp -p`, differs there as a rule; the whole file is not hashed, to keep parts cheap).
    #[serde(default)]
    pub sample: String,
}

/// Bytes hashed at each end of an input for [`InputPrint::sample`].
const SAMPLE_BYTES: u64 = 64 << 10;

/// The checksum of a file's first and last [`SAMPLE_BYTES`] (empty when it cannot be read).
fn sample_checksum(path: &Path, len: u64) -> String {
    sample_bytes(path, len)
        .map(|b| checksum(&b))
        .unwrap_or_default()
}

/// The first and last [`SAMPLE_BYTES`] of a file of `len` bytes (all of it when it is shorter
/// than both).
fn sample_bytes(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    (&mut f).take(SAMPLE_BYTES).read_to_end(&mut buf)?;
    if len > 2 * SAMPLE_BYTES {
        f.seek(SeekFrom::Start(len - SAMPLE_BYTES))?;
        f.take(SAMPLE_BYTES).read_to_end(&mut buf)?;
    } else {
        f.read_to_end(&mut buf)?;
    }
    Ok(buf)
}

impl InputPrint {
    /// The file as it is now (`None`: gone or unreadable).
    fn of(path: &Path) -> Option<Self> {
        let m = std::fs::metadata(path).ok()?;
        Some(Self {
            path: path.to_path_buf(),
            bytes: m.len(),
            mtime_ns: mtime_ns(&m),
            sample: sample_checksum(path, m.len()),
        })
    }
}

/// A file's modification time in nanoseconds since the epoch (0 where the system gives none).
fn mtime_ns(m: &std::fs::Metadata) -> u128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// The fingerprints of every file the inputs hold.
fn input_prints(opts: &AnalyzeOptions) -> Vec<InputPrint> {
    read::input_files(&opts.inputs, &opts.load)
        .iter()
        .filter_map(|p| InputPrint::of(p))
        .collect()
}

/// FNV-1a, 64 bits: a checksum of a part file (a flipped bit changes it).
fn checksum(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The checksums of a part's files (all but its header).
fn part_checksums(dir: &Path) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for name in PART_FILES.iter().filter(|n| **n != HEADER) {
        let p = dir.join(name);
        if p.is_file() {
            out.insert(name.to_string(), checksum(&read_file(&p)?));
        }
    }
    Ok(out)
}

/// The bytes of a file (an error names it).
fn read_file(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).map_err(|e| Error::io(p, e))
}

/// Refuses a part whose files differ from the checksums its header holds.
fn check_part_files(dir: &Path, h: &Header) -> Result<()> {
    for (name, sum) in &h.checksums {
        let p = dir.join(name);
        if checksum(&read_file(&p)?) != *sum {
            return Err(Error::Usage(format!(
                "{}: its checksum differs from the one in {} (the part was altered or damaged): make the part again",
                p.display(),
                dir.join(HEADER).display()
            )));
        }
    }
    Ok(())
}

/// Refuses parts whose inputs changed: a file two parts saw differently, or that differs now
/// from what a part saw (the merge reads texts again for the stories).
fn check_inputs_unchanged(parts: &[Part]) -> Result<()> {
    let mut seen: HashMap<&Path, (&InputPrint, &Path)> = HashMap::new();
    for p in parts {
        for f in &p.header.input_files {
            if let Some((other, dir)) = seen.get(f.path.as_path()) {
                if *other != f {
                    return Err(changed_between(&f.path, dir, &p.dir));
                }
                continue;
            }
            if InputPrint::of(&f.path).as_ref() != Some(f) {
                return Err(changed_since(&f.path, &p.dir));
            }
            seen.insert(&f.path, (f, &p.dir));
        }
    }
    Ok(())
}

/// The error of an input two parts saw differently.
fn changed_between(path: &Path, one: &Path, other: &Path) -> Error {
    Error::Usage(format!(
        "{}: changed or replaced between the parts {} and {} (size, time or content differ): make the parts again from the same files",
        path.display(),
        one.display(),
        other.display()
    ))
}

/// The error of an input that differs now from what a part saw.
fn changed_since(path: &Path, part: &Path) -> Error {
    Error::Usage(format!(
        "{}: changed, replaced or removed since the part {} read it (size, time or content differ): make the parts again",
        path.display(),
        part.display()
    ))
}

/// The options that decide what a part holds, as JSON: everything but where it reads and writes
/// and how (inputs, output, threads, progress, shard).
fn settings(opts: &AnalyzeOptions) -> Result<serde_json::Value> {
    let mut o = opts.clone();
    o.inputs = Vec::new();
    o.out = PathBuf::new();
    o.threads = None;
    o.quiet = true;
    o.progress_bar = false;
    o.load.shard = None;
    o.load.skip_dirs = Vec::new();
    // applied after the merge
    o.min_count = 1;
    serde_json::to_value(&o).map_err(|e| Error::Internal(format!("settings: {e}")))
}

/// The options a census depends on: how documents are read.
fn census_settings(opts: &AnalyzeOptions) -> Result<serde_json::Value> {
    let mut load = opts.load.clone();
    load.shard = None;
    load.skip_dirs = Vec::new();
    load.group_by = Vec::new();
    serde_json::to_value(&load).map_err(|e| Error::Internal(format!("settings: {e}")))
}

fn boilerplate_fingerprint(lines: &[(u64, BoilerLine)]) -> String {
    let keys: Vec<u64> = lines.iter().map(|(k, _)| *k).collect();
    format!("{:016x}", crate::text::hash::sequence_hash(&keys))
}

fn absolute(inputs: &[PathBuf]) -> Vec<PathBuf> {
    inputs
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect()
}

/// Makes `dir` ready for a part: created, and holding nothing but an earlier part's files (which
/// are removed), so a part never mixes two runs.
fn prepare_part(dir: &Path) -> Result<()> {
    prepare_dir(dir)?;
    let mut ours = earlier_part_files(dir)?;
    // the header first: a folder without it is never taken for a finished part
    ours.sort_by_key(|p| !p.ends_with(HEADER));
    for p in ours {
        std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
    }
    Ok(())
}

/// The files of an earlier part in `dir`; refused when it holds anything else.
fn earlier_part_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut ours = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(PART_FILES.contains(&name.as_str()) || name.starts_with(".hedgerow-tmp")) {
            return Err(Error::Usage(format!(
                "{}: holds '{name}', which no part writes: give an empty folder (or one an earlier part wrote)",
                dir.display()
            )));
        }
        ours.push(e.path());
    }
    Ok(ours)
}

fn write_blob<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes = postcard::to_stdvec(value)
        .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))?;
    let packed = zstd::encode_all(bytes.as_slice(), 3).map_err(|e| Error::io(path, e))?;
    write_atomic(path, &packed)
}

fn read_blob<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let packed = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = zstd::decode_all(packed.as_slice()).map_err(|e| Error::io(path, e))?;
    postcard::from_bytes(&bytes).map_err(|e| {
        Error::Usage(format!(
            "{}: not a part this hedgerow can read ({e})",
            path.display()
        ))
    })
}

fn write_header(dir: &Path, h: &Header) -> Result<()> {
    let s = serde_json::to_string_pretty(h).map_err(|e| Error::Internal(format!("header: {e}")))?;
    write_atomic(&dir.join(HEADER), s.as_bytes())
}

/// Reads a part's header and checks it is a finished part of this format and kind.
pub fn read_header(dir: &Path, kind: &str) -> Result<Header> {
    let p = dir.join(HEADER);
    let s = std::fs::read_to_string(&p).map_err(|_| {
        Error::Usage(format!(
            "{}: no {HEADER}: not a finished {kind} part (its run may have stopped)",
            dir.display()
        ))
    })?;
    let h: Header = serde_json::from_str(&s)
        .map_err(|e| Error::Usage(format!("{}: not a hedgerow part header: {e}", p.display())))?;
    if h.format != FORMAT || h.hedgerow_version != env!("CARGO_PKG_VERSION") {
        return Err(Error::Usage(format!(
            "{}: written by hedgerow {} (part format {}); this is hedgerow {} (format {FORMAT}): make the parts again",
            dir.display(),
            h.hedgerow_version,
            h.format,
            env!("CARGO_PKG_VERSION")
        )));
    }
    if h.kind != kind {
        return Err(Error::Usage(format!(
            "{}: a {} part where a {kind} part is needed",
            dir.display(),
            h.kind
        )));
    }
    Ok(h)
}

/// The keys on which two settings differ, for the error that refuses a part.
fn differing(a: &serde_json::Value, b: &serde_json::Value) -> String {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (a.as_object(), b.as_object()) {
        for (k, v) in a {
            if b.get(k) != Some(v) {
                out.push(k.clone());
            }
        }
    }
    if out.is_empty() {
        "settings".into()
    } else {
        out.join(", ")
    }
}

/// `hedgerow census`: the census of the inputs (of one shard) into `opts.out`.
pub fn write_census(opts: &AnalyzeOptions) -> Result<Header> {
    check_inputs(&opts.inputs)?;
    read::preflight(&opts.inputs, &opts.load)?;
    // the plan's contexts tokenize each document as counting will (its language's rules)
    let plan = Plan::new(opts)?;
    prepare_part(&opts.out)?;
    let census = counting::census_texts(&plan.reading, plan.contexts())?;
    write_blob(&opts.out.join(CENSUS), &census)?;
    let h = census_header(opts, census.texts.texts.len() as u64)?;
    let h = Header {
        checksums: part_checksums(&opts.out)?,
        ..h
    };
    write_header(&opts.out, &h)?;
    Ok(h)
}

/// The header of a census part of `n_docs` distinct texts (its checksums to come).
fn census_header(opts: &AnalyzeOptions, n_docs: u64) -> Result<Header> {
    Ok(Header {
        kind: "census".into(),
        hedgerow_version: env!("CARGO_PKG_VERSION").into(),
        format: FORMAT,
        settings: census_settings(opts)?,
        lexicon: String::new(),
        options: opts.clone(),
        inputs_abs: absolute(&opts.inputs),
        shard: opts.load.shard,
        last_seq: 0,
        input_bytes: 0,
        n_docs,
        bytes: 0,
        skipped: 0,
        census: Vec::new(),
        boilerplate: String::new(),
        input_files: input_prints(opts),
        checksums: Default::default(),
    })
}

/// The inputs and shard of a census part, as a part header lists the censuses its boilerplate
/// was decided from (a pair, for the header's format).
type CensusOf = (Vec<PathBuf>, Option<Shard>);

/// What the census parts decide for a partial run.
#[derive(Default)]
struct Decided {
    /// The boilerplate lines of the whole (`None` with `--keep-boilerplate`).
    boilerplate: Option<Boilerplate>,
    /// The census parts it was decided from.
    census: Vec<CensusOf>,
    /// The story shingles some two documents of the whole share (the others link nothing).
    shared: Option<SharedShingles>,
}

/// Reads the census parts `census` of every shard (refusing those taken with other reading
/// options) and decides the boilerplate of the whole and the shingles documents share.
fn decide_from_censuses(opts: &AnalyzeOptions, census: &[PathBuf]) -> Result<Decided> {
    if opts.keep_boilerplate {
        return Ok(Decided::default());
    }
    if census.is_empty() {
        return Err(Error::Usage(
            "--partial leaves out boilerplate lines, which are decided over every shard: run `hedgerow census` on each shard first and pass their folders with --census (or give --keep-boilerplate)".into(),
        ));
    }
    let mine = census_settings(opts)?;
    let (mut texts, mut shingles, mut parts) = (Vec::new(), Vec::new(), Vec::new());
    for dir in census {
        let h = read_census_header(dir, &mine)?;
        parts.push((h.inputs_abs.clone(), h.shard));
        let c = read_blob::<ShardCensus>(&dir.join(CENSUS))?;
        texts.push(c.texts);
        shingles.push(c.shingles);
    }
    // every document is in one of the censuses
    Ok(Decided {
        boilerplate: Some(CensusTexts::decide(texts)),
        census: parts,
        shared: (!shingles.is_empty()).then(|| SharedShingles::new(&shingles)),
    })
}

/// The header of a census part; refused when the census was taken with reading options other
/// than `mine`.
fn read_census_header(dir: &Path, mine: &serde_json::Value) -> Result<Header> {
    let h = read_header(dir, "census")?;
    if h.settings != *mine {
        return Err(Error::Usage(format!(
            "{}: census taken with other reading options ({}) than this run",
            dir.display(),
            differing(&h.settings, mine)
        )));
    }
    Ok(h)
}

/// `hedgerow analyze --partial`: the counts of the inputs (of one shard) into `opts.out`, with
/// the boilerplate decided from the census parts `census` of every shard.
pub fn write_partial(opts: &AnalyzeOptions, census: &[PathBuf]) -> Result<Header> {
    let plan = Plan::checked(opts)?;
    output::check_apart(&opts.out, census, "census part")?;
    let decided = decide_from_censuses(opts, census)?;
    // taken before reading: a file changed while the part read it differs at the merge
    let prints = input_prints(opts);
    prepare_part(&opts.out)?;
    let dest = ChunkDest::Files {
        dir: opts.out.clone(),
        formats: vec![Format::Parquet],
    };
    let mut raw = counting::count_raw(&plan, &dest, decided.boilerplate)?;
    // the shingles no other document holds link nothing: left out
    if let Some(shared) = &decided.shared {
        for d in &mut raw.acc.docs {
            shared.filter(&mut d.profile);
        }
    }
    let lines = raw.boilerplate.to_sorted();
    let mut h = partial_header(&plan, &raw, decided.census, &lines)?;
    write_counts(raw.acc, lines, &opts.out)?;
    h.input_files = prints;
    h.checksums = part_checksums(&opts.out)?;
    write_header(&opts.out, &h)?;
    Ok(h)
}

/// The header of a partial part.
fn partial_header(
    plan: &Plan,
    raw: &RawCount,
    census: Vec<CensusOf>,
    lines: &[(u64, BoilerLine)],
) -> Result<Header> {
    let opts = &plan.opts;
    Ok(Header {
        kind: "partial".into(),
        hedgerow_version: env!("CARGO_PKG_VERSION").into(),
        format: FORMAT,
        settings: settings(opts)?,
        lexicon: plan.lists.clone(),
        options: opts.clone(),
        inputs_abs: absolute(&opts.inputs),
        shard: opts.load.shard,
        last_seq: raw.scanned.last_seq,
        input_bytes: raw.scanned.bytes,
        n_docs: raw.acc.docs.len() as u64,
        bytes: raw.bytes,
        skipped: raw.acc.problems.iter().filter(|p| p.skipped()).count() as u64,
        census,
        boilerplate: boilerplate_fingerprint(lines),
        input_files: Vec::new(),
        checksums: Default::default(),
    })
}

/// A part's counts: its terms and surfaces as Parquet tables, the rest (and its boilerplate
/// lines) as one blob.
fn write_counts(acc: Acc, lines: Vec<(u64, BoilerLine)>, dir: &Path) -> Result<()> {
    let (state, rows) = acc.into_state();
    write_parquet("terms", term_frame(&rows.terms)?, &dir.join(TERMS))?;
    write_parquet(
        "surfaces",
        surface_frame(&rows.surfaces)?,
        &dir.join(SURFACES),
    )?;
    drop(rows);
    write_blob(&dir.join(COUNTS), &(state, lines))
}

/// What `hedgerow merge` is told.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// Part folders written by `analyze --partial`. Parts of different inputs (no `--shard`) are
    /// taken in this order, as one run takes its inputs.
    pub parts: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// `--min-count` for terms.csv, if not the parts' own.
    pub min_count: Option<u64>,
    /// Worker threads.
    pub threads: Option<usize>,
    /// No progress output.
    pub quiet: bool,
    /// A folder holding the parts' terms and surfaces tables already summed (`terms.parquet`, or
    /// a `terms/` folder of Parquet files as Spark writes them; the same for surfaces): the
    /// parts' own counts in them are then not read.
    pub finish: Option<PathBuf>,
}

/// The terms rows as a table: group, term, n, count, docs (counts as Int64, which Spark and R
/// read as integers).
fn term_frame(rows: &[TermRow]) -> Result<DataFrame> {
    let columns = vec![
        str_column("group", rows, |r| &r.0),
        str_column("term", rows, |r| &r.1),
        i64_column("n", rows, |r| r.2 as i64),
        i64_column("count", rows, |r| r.3 as i64),
        i64_column("docs", rows, |r| r.4 as i64),
    ];
    DataFrame::new(rows.len(), columns).map_err(Error::polars("terms"))
}

/// The surface rows as a table: word, term, n, lex (empty where none), count.
fn surface_frame(rows: &[SurfaceRow]) -> Result<DataFrame> {
    let columns = vec![
        str_column("word", rows, |r| &r.0),
        optional_str_column("term", rows, |r| r.1.as_ref().map(|t| t.0.as_str())),
        optional_i64_column("n", rows, |r| r.1.as_ref().map(|t| t.1 as i64)),
        optional_i64_column("lex", rows, |r| r.2.map(|l| l as i64)),
        i64_column("count", rows, |r| r.3 as i64),
    ];
    DataFrame::new(rows.len(), columns).map_err(Error::polars("surfaces"))
}

/// A text column of `rows`.
fn str_column<'a, R>(name: &str, rows: &'a [R], f: impl Fn(&'a R) -> &'a str) -> Column {
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<&str>>())
}

/// A text column of `rows`, null where `f` gives none.
fn optional_str_column<'a, R>(
    name: &str,
    rows: &'a [R],
    f: impl Fn(&'a R) -> Option<&'a str>,
) -> Column {
    Column::new(
        name.into(),
        rows.iter().map(f).collect::<Vec<Option<&str>>>(),
    )
}

/// An Int64 column of `rows`.
fn i64_column<R>(name: &str, rows: &[R], f: impl Fn(&R) -> i64) -> Column {
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<i64>>())
}

/// An Int64 column of `rows`, null where `f` gives none.
fn optional_i64_column<R>(name: &str, rows: &[R], f: impl Fn(&R) -> Option<i64>) -> Column {
    Column::new(
        name.into(),
        rows.iter().map(f).collect::<Vec<Option<i64>>>(),
    )
}

/// A Parquet table read for the merge, with its columns as text and integers; errors name the
/// file and say it is not the `what` table.
struct Table {
    path: PathBuf,
    what: &'static str,
    df: DataFrame,
}

impl Table {
    fn read(path: &Path, what: &'static str) -> Result<Table> {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut t = Table {
            path: path.to_path_buf(),
            what,
            df: DataFrame::empty(),
        };
        t.df = ParquetReader::new(f)
            .finish()
            .map_err(|e| t.bad(e.to_string()))?;
        Ok(t)
    }

    fn bad(&self, why: String) -> Error {
        Error::Usage(format!(
            "{}: not a {} table ({why})",
            self.path.display(),
            self.what
        ))
    }

    /// Column `name` cast to `dtype` (an engine may have written integers of another width).
    fn column(&self, name: &str, dtype: &DataType) -> Result<Column> {
        let c = self.df.column(name).map_err(|e| self.bad(e.to_string()))?;
        c.cast(dtype).map_err(|e| self.bad(e.to_string()))
    }

    fn text(&self, name: &str) -> Result<StringChunked> {
        let c = self.column(name, &DataType::String)?;
        Ok(c.str().map_err(|e| self.bad(e.to_string()))?.clone())
    }

    fn int(&self, name: &str) -> Result<Int64Chunked> {
        let c = self.column(name, &DataType::Int64)?;
        Ok(c.i64().map_err(|e| self.bad(e.to_string()))?.clone())
    }
}

/// Reads a surfaces table (a part's, or summed ones) into `acc`; `counts: false` takes the words
/// alone (a part's words, whose summed counts come from elsewhere).
fn add_surfaces(acc: &mut Acc, path: &Path, counts: bool) -> Result<()> {
    let t = Table::read(path, "surfaces")?;
    let (word, term) = (t.text("word")?, t.text("term")?);
    let (n, lex, count) = (t.int("n")?, t.int("lex")?, t.int("count")?);
    let mut rows = Vec::with_capacity(t.df.height());
    for i in 0..t.df.height() {
        let (Some(w), Some(c)) = (word.get(i), count.get(i)) else {
            return Err(t.bad(format!("row {} has no word or count", i + 1)));
        };
        let term = match (term.get(i), n.get(i)) {
            (Some(s), Some(n)) if (1..=u8::MAX as i64).contains(&n) => Some((s, n as u8)),
            (None, None) => None,
            _ => return Err(t.bad(format!("row {} has a term without its size", i + 1))),
        };
        let lex = match lex.get(i) {
            Some(l) => Some(u32::try_from(l).map_err(|_| t.bad(format!("row {}: lex", i + 1)))?),
            None => None,
        };
        if c < 0 {
            return Err(t.bad(format!("row {} has a negative count", i + 1)));
        }
        rows.push((w, term, lex, if counts { c as u64 } else { 0 }));
    }
    acc.add_surface_rows(rows);
    Ok(())
}

/// Reads a terms table (a part's, or summed ones) into `acc`, refusing a table that is not one.
fn add_terms(acc: &mut Acc, path: &Path) -> Result<()> {
    let t = Table::read(path, "terms")?;
    let (group, term) = (t.text("group")?, t.text("term")?);
    let (n, count, docs) = (t.int("n")?, t.int("count")?, t.int("docs")?);
    let mut rows = Vec::with_capacity(t.df.height());
    for i in 0..t.df.height() {
        let (Some(g), Some(term), Some(n), Some(c), Some(d)) = (
            group.get(i),
            term.get(i),
            n.get(i),
            count.get(i),
            docs.get(i),
        ) else {
            return Err(t.bad(format!("row {} has an empty cell", i + 1)));
        };
        if !(1..=u8::MAX as i64).contains(&n) || c < 0 || d < 0 {
            return Err(t.bad(format!("row {} has an impossible n, count or docs", i + 1)));
        }
        rows.push((g, term, n as u8, c as u64, d as u64));
    }
    acc.add_term_rows(rows);
    Ok(())
}

/// The files of a summed table `name` in `dir`: `name.parquet`, or the Parquet files of a
/// `name/` folder (Spark writes one per task), in name order.
fn summed_files(dir: &Path, name: &str) -> Result<Vec<PathBuf>> {
    let one = dir.join(format!("{name}.parquet"));
    if one.is_file() {
        return Ok(vec![one]);
    }
    let folder = dir.join(name);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
            .collect(),
        Err(_) => Vec::new(),
    };
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no {name}.parquet nor a {name}/ folder of Parquet files (the parts' {name} tables summed)",
            dir.display()
        )));
    }
    files.sort();
    Ok(files)
}

/// Checks summed terms and surfaces against the parts' documents: each group's word count is the
/// sum of its documents' term tokens, so tables summed from other parts, or from some of them,
/// are refused.
fn check_summed(acc: &Acc, dir: &Path) -> Result<()> {
    let mut tokens: std::collections::BTreeMap<&str, (u64, u64)> = Default::default();
    for d in &acc.docs {
        tokens.entry(d.group.as_str()).or_default().0 += d.n_terms;
    }
    for (group, counts) in &acc.terms {
        let e = tokens.entry(group.as_str()).or_default();
        e.1 += counts
            .iter()
            .filter(|(s, _)| acc.stem(*s).1 == 1)
            .map(|(_, [c, _])| c)
            .sum::<u64>();
    }
    if let Some((g, (docs, table))) = tokens.iter().find(|(_, (a, b))| a != b) {
        return Err(Error::Usage(format!(
            "{}: the summed terms count {table} words of {g:?} where the parts' documents hold {docs}: not the sums of these parts",
            dir.display()
        )));
    }
    // and the surface forms of words (not n-grams) add up to every document's term tokens
    let all: u64 = acc.docs.iter().map(|d| d.n_terms).sum();
    let surfaces = acc.unigram_surface_count();
    if surfaces != all {
        return Err(Error::Usage(format!(
            "{}: the summed surfaces count {surfaces} words where the parts' documents hold {all}: not the sums of these parts",
            dir.display()
        )));
    }
    Ok(())
}

/// One part as the merge sees it.
struct Part {
    dir: PathBuf,
    header: Header,
    /// Added to its input orders.
    offset: u64,
}

/// A part's header, its files checked against the checksums it holds.
fn read_part(dir: &Path) -> Result<Part> {
    let header = read_header(dir, "partial")?;
    check_part_files(dir, &header)?;
    Ok(Part {
        dir: dir.to_path_buf(),
        header,
        offset: 0,
    })
}

/// Checks that the parts fit together (same settings; shards of one cut complete, or inputs
/// apart) and gives each its offset in the input order of the whole.
fn fit_parts(dirs: &[PathBuf]) -> Result<Vec<Part>> {
    if dirs.is_empty() {
        return Err(Error::Usage(
            "hedgerow merge needs at least one part".into(),
        ));
    }
    let mut parts = dirs
        .iter()
        .map(|d| read_part(d))
        .collect::<Result<Vec<_>>>()?;
    check_made_alike(&parts)?;
    check_inputs_unchanged(&parts)?;
    if parts.iter().any(|p| p.header.shard.is_some()) {
        check_one_cut(&parts)?;
    } else {
        offset_by_inputs(&mut parts)?;
    }
    check_census_covers(&parts)?;
    Ok(parts)
}

/// Every part was made with the first one's options, lists and boilerplate.
fn check_made_alike(parts: &[Part]) -> Result<()> {
    let first = &parts[0];
    let (a, f) = (first.dir.display(), &first.header);
    for p in &parts[1..] {
        let (b, h) = (p.dir.display(), &p.header);
        if h.settings != f.settings {
            return Err(Error::Usage(format!(
                "{a} and {b}: made with different options ({}): they cannot be merged",
                differing(&h.settings, &f.settings)
            )));
        }
        if h.lexicon != f.lexicon {
            return Err(Error::Usage(format!(
                "{a} and {b}: made with different hedge lexicons or cue lists"
            )));
        }
        if h.boilerplate != f.boilerplate || h.census != f.census {
            return Err(Error::Usage(format!(
                "{a} and {b}: their boilerplate was decided from different censuses"
            )));
        }
    }
    Ok(())
}

/// Parts cut with `--shard`: all of them, shards of one cut of the same inputs, each once.
fn check_one_cut(parts: &[Part]) -> Result<()> {
    if parts.iter().any(|p| p.header.shard.is_none()) {
        return Err(Error::Usage(
            "some parts were cut with --shard and some not: merge the parts of one cut".into(),
        ));
    }
    let first = &parts[0];
    let n = first.header.shard.map(|s| s.n).unwrap_or(1);
    let mut seen = vec![false; n as usize];
    for p in parts {
        let s = p.header.shard.unwrap_or(Shard { k: 0, n: 0 });
        if s.n != n || p.header.inputs_abs != first.header.inputs_abs {
            return Err(Error::Usage(format!(
                "{}: shard {}/{} of other inputs or another cut than {} (shard of {n})",
                p.dir.display(),
                s.k,
                s.n,
                first.dir.display()
            )));
        }
        if std::mem::replace(&mut seen[s.k as usize], true) {
            return Err(Error::Usage(format!(
                "shard {}/{n} given twice ({})",
                s.k,
                p.dir.display()
            )));
        }
    }
    check_no_shard_missing(&seen)
}

/// Refuses a cut whose shards (`seen`, by number) are not all given.
fn check_no_shard_missing(seen: &[bool]) -> Result<()> {
    let n = seen.len();
    let missing: Vec<String> = (0..n)
        .filter(|k| !seen[*k])
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(Error::Usage(format!(
            "shards missing: {} (every shard of the cut is needed)",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Parts of different inputs (no `--shard`): each reads inputs no earlier part read, and its
/// input orders follow those of the parts before it.
fn offset_by_inputs(parts: &mut [Part]) -> Result<()> {
    let mut offset = 0;
    let mut inputs: Vec<PathBuf> = Vec::new();
    for p in parts {
        if let Some(i) = p.header.inputs_abs.iter().find(|i| inputs.contains(i)) {
            return Err(Error::Usage(format!(
                "{}: reads {} again, which an earlier part read: parts without --shard must read different inputs",
                p.dir.display(),
                i.display()
            )));
        }
        p.offset = offset;
        offset += p.header.last_seq;
        inputs.extend(p.header.inputs_abs.iter().cloned());
    }
    Ok(())
}

/// The census the parts' boilerplate was decided from covers exactly the parts merged.
fn check_census_covers(parts: &[Part]) -> Result<()> {
    let first = &parts[0].header;
    if first.options.keep_boilerplate {
        return Ok(());
    }
    let sorted = |mut v: Vec<CensusOf>| {
        v.sort_by(|a, b| (&a.0, a.1.map(|s| (s.k, s.n))).cmp(&(&b.0, b.1.map(|s| (s.k, s.n)))));
        v
    };
    let merged: Vec<CensusOf> = parts
        .iter()
        .map(|p| (p.header.inputs_abs.clone(), p.header.shard))
        .collect();
    if sorted(merged) != sorted(first.census.clone()) {
        return Err(Error::Usage(
            "the census the parts used covers other inputs or shards than the parts merged: take the census of exactly these shards".into(),
        ));
    }
    Ok(())
}

/// A document's rows in one of its part's occurrence tables: the first and how many.
#[derive(Debug, Clone, Copy)]
struct Rows {
    start: usize,
    n: usize,
}

/// Where a document's rows are: its part and its hedge and quote rows there.
struct Place {
    seq: u64,
    part: usize,
    hedges: Rows,
    quotes: Rows,
    doc_id: String,
    origin: String,
}

/// Reads a part's occurrence table, its strings as counting made them (Parquet holds an empty
/// string as null, for other readers).
fn read_rows(dir: &Path, name: &str) -> Result<DataFrame> {
    let p = dir.join(format!("{name}.parquet"));
    let f = std::fs::File::open(&p).map_err(|e| Error::io(&p, e))?;
    let pe = Error::polars(name);
    let df = ParquetReader::new(f).finish().map_err(&pe)?;
    let cols = df
        .columns()
        .iter()
        .map(|c| match c.dtype() {
            DataType::String => {
                let v: StringChunked = c
                    .str()?
                    .iter()
                    .map(|v| Some(v.unwrap_or_default()))
                    .collect();
                Ok(v.with_name(c.name().clone()).into_column())
            }
            _ => Ok(c.clone()),
        })
        .collect::<PolarsResult<Vec<Column>>>()
        .map_err(&pe)?;
    DataFrame::new(df.height(), cols).map_err(&pe)
}

/// Frames stacked into one, with the row each starts at.
fn stacked(frames: Vec<DataFrame>) -> PolarsResult<(DataFrame, Vec<usize>)> {
    let mut base = Vec::with_capacity(frames.len());
    let mut all: Option<DataFrame> = None;
    for f in frames {
        let start = all.as_ref().map(|a| a.height()).unwrap_or(0);
        base.push(start);
        match &mut all {
            None => all = Some(f),
            Some(a) => {
                a.vstack_mut(&f)?;
            }
        }
    }
    Ok((all.unwrap_or_default(), base))
}

/// The rows of `frames` (one per part) in the order of `places`, with the documents' final ids.
fn gather(
    name: &str,
    frames: Vec<DataFrame>,
    places: &[Place],
    rows: impl Fn(&Place) -> Rows,
    ids: &[String],
) -> Result<DataFrame> {
    let pe = Error::polars(name);
    let (all, base) = stacked(frames).map_err(&pe)?;
    let mut idx: Vec<IdxSize> = Vec::with_capacity(all.height());
    let mut id_col: Vec<&str> = Vec::with_capacity(all.height());
    for (p, id) in places.iter().zip(ids) {
        let Rows { start, n } = rows(p);
        let b = base[p.part] + start;
        idx.extend((b..b + n).map(|i| i as IdxSize));
        id_col.extend(std::iter::repeat_n(id.as_str(), n));
    }
    let idx = IdxCa::from_vec("idx".into(), idx);
    let mut df = all.take(&idx).map_err(&pe)?;
    df.with_column(Column::new("doc_id".into(), id_col))
        .map_err(&pe)?;
    Ok(df)
}

/// `hedgerow merge`: the parts summed and finished into `m.out`, the same tables, charts and
/// report as one `hedgerow analyze` over all their inputs.
pub fn merge(m: &MergeOptions) -> Result<Analysis> {
    let t0 = Instant::now();
    let parts = fit_parts(&m.parts)?;
    let plan = merge_plan(&parts, m)?;
    prepare_dir(&plan.opts.out)?;
    let _run = output::begin_run(&plan.opts.out)?;
    let mut read = read_parts(&parts, m.finish.is_none())?;
    if let Some(dir) = &m.finish {
        add_summed(&mut read.acc, dir)?;
    }
    trace("merge: parts read");
    let named = name_documents(&mut read.places)?;
    finish_acc(&mut read.acc, &named.renamed);
    write_occurrences(read.hedges, read.quotes, &read.places, &named.ids, &plan)?;
    let counted = merged_counts(read.acc, read.boilerplate, read.bytes, t0)?;
    let inputs = part_inputs(&parts);
    finish(counted, &plan, &|wanted| {
        reread_parts(&inputs, &plan.reading, wanted)
    })
}

/// The plan of the merge: the options of the first part, with the merge's output, threads,
/// progress and `--min-count`, and every part's inputs (for the second read); the lexicon and
/// cue list must be those the parts were made with.
fn merge_plan(parts: &[Part], m: &MergeOptions) -> Result<Plan> {
    let first = &parts[0].header;
    let mut opts = first.options.clone();
    opts.out = m.out.clone();
    opts.load.shard = None;
    opts.threads = m.threads;
    opts.quiet = m.quiet;
    if let Some(c) = m.min_count {
        opts.min_count = c;
    }
    opts.inputs = merged_inputs(parts);
    let mut plan = Plan::new(&opts)?;
    if plan.lists != first.lexicon {
        return Err(Error::Usage(
            "the hedge lexicon or cue list files differ here from those the parts were made with"
                .into(),
        ));
    }
    // the parts' runs said their warnings
    plan.warnings = Vec::new();
    Ok(plan)
}

/// The parts' counts summed, each part's documents located in its occurrence tables.
#[derive(Default)]
struct PartsRead {
    acc: Acc,
    places: Vec<Place>,
    hedges: Vec<DataFrame>,
    quotes: Vec<DataFrame>,
    boilerplate: Boilerplate,
    bytes: u64,
}

/// A part's counts, its words added and its documents put in the input order of the whole.
fn part_acc(state: AccState, p: &Part, counts: bool) -> Result<Acc> {
    let mut a = Acc::from_state(state);
    // a part's words, in its id order, before anything refers to them
    add_surfaces(&mut a, &p.dir.join(SURFACES), counts)?;
    if counts {
        add_terms(&mut a, &p.dir.join(TERMS))?;
    }
    a.shift_seq(p.offset);
    Ok(a)
}

/// Refuses parts that hold the same document (`places` in input order).
fn check_no_overlap(places: &[Place]) -> Result<()> {
    match places.windows(2).find(|w| w[0].seq == w[1].seq) {
        Some(w) => Err(Error::Usage(format!(
            "two parts hold the document of input order {} ({}): the parts overlap",
            w[0].seq, w[0].origin
        ))),
        None => Ok(()),
    }
}

/// The inputs of the whole: those of the cut the shards were taken from, else every part's.
fn merged_inputs(parts: &[Part]) -> Vec<PathBuf> {
    let first = &parts[0].header;
    if first.shard.is_some() {
        first.options.inputs.clone()
    } else {
        parts
            .iter()
            .flat_map(|p| p.header.options.inputs.clone())
            .collect()
    }
}

/// The parts' counts merged, as a run's counting hands them on (its occurrence tables written).
fn merged_counts(acc: Acc, boilerplate: Boilerplate, bytes: u64, t0: Instant) -> Result<Counted> {
    Ok(Counted {
        acc,
        hedges: tables::hedges(&[])?,
        quotes: tables::quotes(&[])?,
        written: Vec::new(),
        boilerplate,
        bytes,
        seconds: t0.elapsed().as_secs_f64(),
    })
}

/// Reads every part; `counts: false` takes the parts' words without their counts (which come
/// summed from elsewhere, `--finish`).
fn read_parts(parts: &[Part], counts: bool) -> Result<PartsRead> {
    let mut read = PartsRead::default();
    for (i, p) in parts.iter().enumerate() {
        let (state, lines): (AccState, Vec<(u64, BoilerLine)>) = read_blob(&p.dir.join(COUNTS))?;
        if i == 0 {
            read.boilerplate = Boilerplate::from_sorted(lines);
        }
        let a = part_acc(state, p, counts)?;
        let (hedges, quotes) = (read_rows(&p.dir, "hedges")?, read_rows(&p.dir, "quotes")?);
        let places = place_documents(&a, i);
        check_rows(&places, &hedges, &quotes, &p.dir)?;
        read.places.extend(places);
        read.hedges.push(hedges);
        read.quotes.push(quotes);
        read.bytes += p.header.bytes;
        if i == 0 {
            read.acc = a;
        } else {
            read.acc.merge(a);
        }
    }
    Ok(read)
}

/// Where the documents of part `part` have their rows: one after the other, in its order.
fn place_documents(a: &Acc, part: usize) -> Vec<Place> {
    let (mut h, mut q) = (0usize, 0usize);
    let mut places = Vec::with_capacity(a.docs.len());
    for d in &a.docs {
        let (nh, nq) = (d.n_hedges as usize, d.quote_rows() as usize);
        places.push(Place {
            seq: d.seq,
            part,
            hedges: Rows { start: h, n: nh },
            quotes: Rows { start: q, n: nq },
            doc_id: d.doc_id.clone(),
            origin: d.origin.clone(),
        });
        h += nh;
        q += nq;
    }
    places
}

/// A part's occurrence tables hold exactly the rows its documents count.
fn check_rows(places: &[Place], hedges: &DataFrame, quotes: &DataFrame, dir: &Path) -> Result<()> {
    let end = |r: Rows| r.start + r.n;
    let h = places.last().map(|p| end(p.hedges)).unwrap_or(0);
    let q = places.last().map(|p| end(p.quotes)).unwrap_or(0);
    if h != hedges.height() || q != quotes.height() {
        return Err(Error::Usage(format!(
            "{}: its hedges or quotes table does not match its counts (a part altered or cut short?)",
            dir.display()
        )));
    }
    Ok(())
}

/// Adds the terms and surfaces tables summed elsewhere (`--finish`), checked against the parts.
fn add_summed(acc: &mut Acc, dir: &Path) -> Result<()> {
    for f in summed_files(dir, "terms")? {
        add_terms(acc, &f)?;
    }
    for f in summed_files(dir, "surfaces")? {
        add_surfaces(acc, &f, true)?;
    }
    check_summed(acc, dir)
}

/// The documents' final ids, in input order, and those renamed.
struct Named {
    ids: Vec<String>,
    renamed: Vec<Renamed>,
}

/// Puts the documents in input order (refusing parts that overlap) and makes ids given twice
/// unique as one run makes them: in input order, the first keeps it.
fn name_documents(places: &mut [Place]) -> Result<Named> {
    places.sort_by_key(|p| p.seq);
    check_no_overlap(places)?;
    let mut taken: ahash::AHashSet<String> = Default::default();
    let mut named = Named {
        ids: Vec::with_capacity(places.len()),
        renamed: Vec::new(),
    };
    for p in places.iter() {
        let Some(new) = unique_id(&mut taken, &p.doc_id, &p.origin) else {
            named.ids.push(p.doc_id.clone());
            continue;
        };
        named.renamed.push(Renamed {
            seq: p.seq,
            old: p.doc_id.clone(),
            new: new.clone(),
            origin: p.origin.clone(),
        });
        named.ids.push(new);
    }
    Ok(named)
}

/// Writes the hedges and quotes tables of the whole: the parts' rows in input order.
fn write_occurrences(
    hedges: Vec<DataFrame>,
    quotes: Vec<DataFrame>,
    places: &[Place],
    ids: &[String],
    plan: &Plan,
) -> Result<()> {
    let (out, formats) = (&plan.opts.out, &plan.formats);
    let mut hedges = gather("hedges", hedges, places, |p| p.hedges, ids)?;
    write_table(out, "hedges", &mut hedges, formats)?;
    drop(hedges);
    let mut quotes = gather("quotes", quotes, places, |p| p.quotes, ids)?;
    write_table(out, "quotes", &mut quotes, formats)?;
    trace("merge: hedges and quotes written");
    Ok(())
}

/// The inputs a part read, for the second read: their input orders in the whole are `offset`
/// plus theirs, up to `offset + last_seq`.
struct PartInputs {
    inputs: Vec<PathBuf>,
    offset: u64,
    last_seq: u64,
}

/// What the story stage reads again: the inputs of the cut, or each part's inputs in their own
/// input orders.
fn part_inputs(parts: &[Part]) -> Vec<PartInputs> {
    let first = &parts[0].header;
    if first.shard.is_some() {
        return vec![PartInputs {
            inputs: first.inputs_abs.clone(),
            offset: 0,
            last_seq: u64::MAX,
        }];
    }
    parts
        .iter()
        .map(|p| PartInputs {
            inputs: p.header.inputs_abs.clone(),
            offset: p.offset,
            last_seq: p.header.last_seq,
        })
        .collect()
}

/// The second read of the story stage over the parts' inputs.
fn reread_parts<'a>(
    sources: &[PartInputs],
    reading: &'a Reading,
    wanted: &HashMap<u64, usize>,
) -> Result<read::Reread<'a>> {
    let manifest = reading.manifest.as_ref();
    let mut found: Option<read::Reread> = None;
    for s in sources {
        let here: HashMap<u64, usize> = wanted
            .iter()
            .filter(|(q, _)| **q > s.offset && **q - s.offset <= s.last_seq)
            .map(|(q, i)| (q - s.offset, *i))
            .collect();
        if here.is_empty() && found.is_some() {
            continue;
        }
        let r = read::reread(&s.inputs, &reading.load, manifest, &here)?;
        match &mut found {
            None => found = Some(r),
            Some(f) => f.extend(r),
        }
    }
    found.ok_or_else(|| Error::Internal("no part to read from".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flipped_bit_changes_the_checksum() {
        assert_ne!(checksum(b"Dems"), checksum(b"Deus"));
        assert_eq!(checksum(b""), "cbf29ce484222325");
    }

    #[test]
    fn the_sample_sees_both_ends_of_a_file() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("x");
        let mut bytes = vec![b'a'; 3 * SAMPLE_BYTES as usize];
        std::fs::write(&p, &bytes).unwrap();
        let first = sample_checksum(&p, bytes.len() as u64);
        let last = bytes.len() - 1;
        bytes[last] = b'b';
        std::fs::write(&p, &bytes).unwrap();
        assert_ne!(sample_checksum(&p, bytes.len() as u64), first);
    }
}
