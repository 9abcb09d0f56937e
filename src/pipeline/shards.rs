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

use super::count::{self as counting, finish_acc};
use super::{finish, Counted};
use crate::analysis::Analysis;
use crate::count::boilerplate::{BoilerLine, Boilerplate, CensusTexts};
use crate::count::{Acc, AccState, SharedShingles, ShingleCensus, SurfaceRow, TermRow};
use crate::error::{Error, Result};
use crate::io::chunk_sink::{unique_id, ChunkDest, Renamed};
use crate::io::output;
use crate::io::read::{self, check_inputs, Shard};
use crate::io::write::{prepare_dir, write_atomic, write_parquet, write_table, Format};
use crate::options::AnalyzeOptions;
use crate::tables;
use crate::text::hash::word_hash;
use crate::trace::trace;
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Version of the partial format: parts of another version are refused.
const FORMAT: u32 = 5;
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
    pub census: Vec<(Vec<PathBuf>, Option<Shard>)>,
    /// Fingerprint of the boilerplate lines left out.
    pub boilerplate: String,
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

/// Fingerprint of the lexicon and cue list (their files may differ between machines).
fn lexicon_fingerprint(opts: &AnalyzeOptions) -> Result<String> {
    let mut s = opts.lexicon()?.to_csv();
    if let Some(p) = &opts.cues {
        s.push_str(&std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?);
    }
    Ok(format!("{:016x}", word_hash(&s)))
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
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut ours = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if PART_FILES.contains(&name.as_str()) || name.starts_with(".hedgerow-tmp") {
            ours.push(e.path());
        } else {
            return Err(Error::Usage(format!(
                "{}: holds '{name}', which no part writes: give an empty folder (or one an earlier part wrote)",
                dir.display()
            )));
        }
    }
    // the header first: a folder without it is never taken for a finished part
    ours.sort_by_key(|p| !p.ends_with(HEADER));
    for p in ours {
        std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
    }
    Ok(())
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
    prepare_part(&opts.out)?;
    let (texts, shingles) = counting::census_texts(opts)?;
    write_blob(&opts.out.join(CENSUS), &(&texts, &shingles))?;
    let h = Header {
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
        n_docs: texts.texts.len() as u64,
        bytes: 0,
        skipped: 0,
        census: Vec::new(),
        boilerplate: String::new(),
    };
    write_header(&opts.out, &h)?;
    Ok(h)
}

/// `hedgerow analyze --partial`: the counts of the inputs (of one shard) into `opts.out`, with
/// the boilerplate decided from the census parts `census` of every shard.
pub fn write_partial(opts: &AnalyzeOptions, census: &[PathBuf]) -> Result<Header> {
    check_inputs(&opts.inputs)?;
    read::preflight(&opts.inputs, &opts.load)?;
    opts.cues()?;
    opts.keyness_reference()?;
    let mut census_parts = Vec::new();
    let mut shingles = Vec::new();
    let boilerplate = if opts.keep_boilerplate {
        None
    } else {
        if census.is_empty() {
            return Err(Error::Usage(
                "--partial leaves out boilerplate lines, which are decided over every shard: run `hedgerow census` on each shard first and pass their folders with --census (or give --keep-boilerplate)".into(),
            ));
        }
        let mine = census_settings(opts)?;
        let mut texts = Vec::new();
        for dir in census {
            let h = read_header(dir, "census")?;
            if h.settings != mine {
                return Err(Error::Usage(format!(
                    "{}: census taken with other reading options ({}) than this run",
                    dir.display(),
                    differing(&h.settings, &mine)
                )));
            }
            census_parts.push((h.inputs_abs.clone(), h.shard));
            let (t, s) = read_blob::<(CensusTexts, ShingleCensus)>(&dir.join(CENSUS))?;
            texts.push(t);
            shingles.push(s);
        }
        Some(CensusTexts::decide(texts))
    };
    // the shingles no other document holds link nothing: left out (every document is in one
    // of the censuses)
    let shared = (!shingles.is_empty()).then(|| SharedShingles::new(&shingles));
    drop(shingles);
    prepare_part(&opts.out)?;
    let mut raw = counting::count_raw(
        opts,
        &ChunkDest::Files {
            dir: opts.out.clone(),
            formats: vec![Format::Parquet],
        },
        boilerplate,
    )?;
    if let Some(shared) = &shared {
        for d in &mut raw.acc.docs {
            shared.filter(&mut d.profile);
        }
    }
    let n_docs = raw.acc.docs.len() as u64;
    let lines = raw.boilerplate.to_sorted();
    let h = Header {
        kind: "partial".into(),
        hedgerow_version: env!("CARGO_PKG_VERSION").into(),
        format: FORMAT,
        settings: settings(opts)?,
        lexicon: lexicon_fingerprint(opts)?,
        options: opts.clone(),
        inputs_abs: absolute(&opts.inputs),
        shard: opts.load.shard,
        last_seq: raw.scanned.last_seq,
        input_bytes: raw.scanned.bytes,
        n_docs,
        bytes: raw.bytes,
        skipped: raw.acc.problems.iter().filter(|p| p.skipped()).count() as u64,
        census: census_parts,
        boilerplate: boilerplate_fingerprint(&lines),
    };
    let (state, rows) = raw.acc.into_state();
    write_parquet("terms", term_frame(&rows.terms)?, &opts.out.join(TERMS))?;
    write_parquet(
        "surfaces",
        surface_frame(&rows.surfaces)?,
        &opts.out.join(SURFACES),
    )?;
    drop(rows);
    write_blob(&opts.out.join(COUNTS), &(state, lines))?;
    write_header(&opts.out, &h)?;
    Ok(h)
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
    let pe = Error::polars("terms");
    let col = |name: &str, f: &dyn Fn(&TermRow) -> i64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<i64>>())
    };
    DataFrame::new(
        rows.len(),
        vec![
            Column::new(
                "group".into(),
                rows.iter().map(|r| r.0.as_str()).collect::<Vec<&str>>(),
            ),
            Column::new(
                "term".into(),
                rows.iter().map(|r| r.1.as_str()).collect::<Vec<&str>>(),
            ),
            col("n", &|r| r.2 as i64),
            col("count", &|r| r.3 as i64),
            col("docs", &|r| r.4 as i64),
        ],
    )
    .map_err(pe)
}

/// The surface rows as a table: word, term, n, lex (empty where none), count.
fn surface_frame(rows: &[SurfaceRow]) -> Result<DataFrame> {
    let pe = Error::polars("surfaces");
    DataFrame::new(
        rows.len(),
        vec![
            Column::new(
                "word".into(),
                rows.iter().map(|r| r.0.as_str()).collect::<Vec<&str>>(),
            ),
            Column::new(
                "term".into(),
                rows.iter()
                    .map(|r| r.1.as_ref().map(|t| t.0.as_str()))
                    .collect::<Vec<Option<&str>>>(),
            ),
            Column::new(
                "n".into(),
                rows.iter()
                    .map(|r| r.1.as_ref().map(|t| t.1 as i64))
                    .collect::<Vec<Option<i64>>>(),
            ),
            Column::new(
                "lex".into(),
                rows.iter()
                    .map(|r| r.2.map(|l| l as i64))
                    .collect::<Vec<Option<i64>>>(),
            ),
            Column::new(
                "count".into(),
                rows.iter().map(|r| r.3 as i64).collect::<Vec<i64>>(),
            ),
        ],
    )
    .map_err(pe)
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

/// Checks that the parts fit together (same settings; shards of one cut complete, or inputs
/// apart) and gives each its offset in the input order of the whole.
fn plan(dirs: &[PathBuf]) -> Result<Vec<Part>> {
    if dirs.is_empty() {
        return Err(Error::Usage(
            "hedgerow merge needs at least one part".into(),
        ));
    }
    let mut parts = Vec::new();
    for d in dirs {
        parts.push(Part {
            dir: d.clone(),
            header: read_header(d, "partial")?,
            offset: 0,
        });
    }
    let first = parts[0].header.clone();
    for p in &parts[1..] {
        let h = &p.header;
        if h.settings != first.settings {
            return Err(Error::Usage(format!(
                "{} and {}: made with different options ({}): they cannot be merged",
                parts[0].dir.display(),
                p.dir.display(),
                differing(&h.settings, &first.settings)
            )));
        }
        if h.lexicon != first.lexicon {
            return Err(Error::Usage(format!(
                "{} and {}: made with different hedge lexicons or cue lists",
                parts[0].dir.display(),
                p.dir.display()
            )));
        }
        if h.boilerplate != first.boilerplate || h.census != first.census {
            return Err(Error::Usage(format!(
                "{} and {}: their boilerplate was decided from different censuses",
                parts[0].dir.display(),
                p.dir.display()
            )));
        }
    }
    let sharded = parts.iter().filter(|p| p.header.shard.is_some()).count();
    if sharded > 0 {
        if sharded < parts.len() {
            return Err(Error::Usage(
                "some parts were cut with --shard and some not: merge the parts of one cut".into(),
            ));
        }
        let n = first.shard.map(|s| s.n).unwrap_or(1);
        let mut seen = vec![false; n as usize];
        for p in &parts {
            let s = p.header.shard.unwrap_or(Shard { k: 0, n: 0 });
            if s.n != n || p.header.inputs_abs != first.inputs_abs {
                return Err(Error::Usage(format!(
                    "{}: shard {}/{} of other inputs or another cut than {} (shard of {n})",
                    p.dir.display(),
                    s.k,
                    s.n,
                    parts[0].dir.display()
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
        let missing: Vec<String> = (0..n)
            .filter(|k| !seen[*k as usize])
            .map(|k| format!("{k}/{n}"))
            .collect();
        if !missing.is_empty() {
            return Err(Error::Usage(format!(
                "shards missing: {} (every shard of the cut is needed)",
                missing.join(", ")
            )));
        }
    } else {
        let mut offset = 0;
        let mut inputs: Vec<&PathBuf> = Vec::new();
        for p in &mut parts {
            for i in &p.header.inputs_abs {
                if inputs.contains(&i) {
                    return Err(Error::Usage(format!(
                        "{}: reads {} again, which an earlier part read: parts without --shard must read different inputs",
                        p.dir.display(),
                        i.display()
                    )));
                }
            }
            p.offset = offset;
            offset += p.header.last_seq;
            inputs.extend(p.header.inputs_abs.iter());
        }
    }
    let census: Vec<(Vec<PathBuf>, Option<Shard>)> = parts
        .iter()
        .map(|p| (p.header.inputs_abs.clone(), p.header.shard))
        .collect();
    let sorted = |mut v: Vec<(Vec<PathBuf>, Option<Shard>)>| {
        v.sort_by(|a, b| (&a.0, a.1.map(|s| (s.k, s.n))).cmp(&(&b.0, b.1.map(|s| (s.k, s.n)))));
        v
    };
    if !first.options.keep_boilerplate && sorted(census) != sorted(first.census.clone()) {
        return Err(Error::Usage(
            "the census the parts used covers other inputs or shards than the parts merged: take the census of exactly these shards".into(),
        ));
    }
    Ok(parts)
}

/// Where a document's rows are: its part and its first hedge and quote rows there.
struct Place {
    seq: u64,
    part: usize,
    hedges: (usize, usize),
    quotes: (usize, usize),
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

/// The rows of `frames` (one per part) in the order of `places`, with the documents' final ids.
fn gather(
    name: &str,
    frames: Vec<DataFrame>,
    places: &[Place],
    span: impl Fn(&Place) -> (usize, usize),
    ids: &[String],
) -> Result<DataFrame> {
    let pe = Error::polars(name);
    let mut base = Vec::with_capacity(frames.len());
    let mut all: Option<DataFrame> = None;
    for f in frames {
        let start = all.as_ref().map(|a| a.height()).unwrap_or(0);
        base.push(start);
        match &mut all {
            None => all = Some(f),
            Some(a) => {
                a.vstack_mut(&f).map_err(&pe)?;
            }
        }
    }
    let all = all.unwrap_or_default();
    let mut idx: Vec<IdxSize> = Vec::with_capacity(all.height());
    let mut id_col: Vec<&str> = Vec::with_capacity(all.height());
    for (p, id) in places.iter().zip(ids) {
        let (start, n) = span(p);
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
    let parts = plan(&m.parts)?;
    let first = &parts[0].header;
    let mut opts = first.options.clone();
    opts.out = m.out.clone();
    opts.load.shard = None;
    opts.threads = m.threads;
    opts.quiet = m.quiet;
    if let Some(c) = m.min_count {
        opts.min_count = c;
    }
    opts.inputs = if first.shard.is_some() {
        first.options.inputs.clone()
    } else {
        parts
            .iter()
            .flat_map(|p| p.header.options.inputs.clone())
            .collect()
    };
    if lexicon_fingerprint(&opts)? != first.lexicon {
        return Err(Error::Usage(
            "the hedge lexicon or cue list files differ here from those the parts were made with"
                .into(),
        ));
    }
    let reference = opts.keyness_reference()?;
    prepare_dir(&opts.out)?;
    output::begin_run(&opts.out)?;
    // the counts, each part's documents located in its occurrence tables
    let mut acc: Option<Acc> = None;
    let mut places: Vec<Place> = Vec::new();
    let (mut hedge_frames, mut quote_frames) = (Vec::new(), Vec::new());
    let mut boilerplate = Boilerplate::default();
    let mut bytes = 0;
    for (i, p) in parts.iter().enumerate() {
        let (state, lines): (AccState, Vec<(u64, BoilerLine)>) = read_blob(&p.dir.join(COUNTS))?;
        if i == 0 {
            boilerplate = Boilerplate::from_sorted(lines);
        }
        let mut a = Acc::from_state(state);
        // a part's words, in its id order, before anything refers to them
        add_surfaces(&mut a, &p.dir.join(SURFACES), m.finish.is_none())?;
        if m.finish.is_none() {
            add_terms(&mut a, &p.dir.join(TERMS))?;
        }
        a.shift_seq(p.offset);
        let (hedges, quotes) = (read_rows(&p.dir, "hedges")?, read_rows(&p.dir, "quotes")?);
        let (mut h, mut q) = (0usize, 0usize);
        for d in &a.docs {
            places.push(Place {
                seq: d.seq,
                part: i,
                hedges: (h, d.n_hedges as usize),
                quotes: (q, d.n_quotes as usize),
                doc_id: d.doc_id.clone(),
                origin: d.origin.clone(),
            });
            h += d.n_hedges as usize;
            q += d.n_quotes as usize;
        }
        if h != hedges.height() || q != quotes.height() {
            return Err(Error::Usage(format!(
                "{}: its hedges or quotes table does not match its counts (a part altered or cut short?)",
                p.dir.display()
            )));
        }
        hedge_frames.push(hedges);
        quote_frames.push(quotes);
        bytes += p.header.bytes;
        match &mut acc {
            None => acc = Some(a),
            Some(all) => all.merge(a),
        }
    }
    let mut acc = acc.unwrap_or_default();
    if let Some(dir) = &m.finish {
        for f in summed_files(dir, "terms")? {
            add_terms(&mut acc, &f)?;
        }
        for f in summed_files(dir, "surfaces")? {
            add_surfaces(&mut acc, &f, true)?;
        }
        check_summed(&acc, dir)?;
    }
    trace("merge: parts read");
    places.sort_by_key(|p| p.seq);
    if let Some(w) = places.windows(2).find(|w| w[0].seq == w[1].seq) {
        return Err(Error::Usage(format!(
            "two parts hold the document of input order {} ({}): the parts overlap",
            w[0].seq, w[0].origin
        )));
    }
    // ids given twice are made unique as one run makes them: in input order, the first keeps it
    let mut taken: ahash::AHashSet<String> = Default::default();
    let mut renamed = Vec::new();
    let mut ids = Vec::with_capacity(places.len());
    for p in &places {
        let Some(new) = unique_id(&mut taken, &p.doc_id, &p.origin) else {
            ids.push(p.doc_id.clone());
            continue;
        };
        renamed.push(Renamed {
            seq: p.seq,
            old: p.doc_id.clone(),
            new: new.clone(),
            origin: p.origin.clone(),
        });
        ids.push(new);
    }
    finish_acc(&mut acc, &renamed);
    let mut hedges = gather("hedges", hedge_frames, &places, |p| p.hedges, &ids)?;
    let mut quotes = gather("quotes", quote_frames, &places, |p| p.quotes, &ids)?;
    write_table(&opts.out, "hedges", &mut hedges, &opts.formats)?;
    write_table(&opts.out, "quotes", &mut quotes, &opts.formats)?;
    drop((hedges, quotes));
    trace("merge: hedges and quotes written");
    let counted = Counted {
        acc,
        lexicon: opts.lexicon()?,
        cues: opts.cues()?,
        hedges: tables::hedges(&[])?,
        quotes: tables::quotes(&[])?,
        written: Vec::new(),
        boilerplate,
        bytes,
        seconds: t0.elapsed().as_secs_f64(),
    };
    // the second read of the story stage: each part's inputs, in their own input orders
    let mut sources: Vec<(Vec<PathBuf>, u64, u64)> = Vec::new();
    if first.shard.is_some() {
        sources.push((first.inputs_abs.clone(), 0, u64::MAX));
    } else {
        for p in &parts {
            sources.push((p.header.inputs_abs.clone(), p.offset, p.header.last_seq));
        }
    }
    let load = opts.load.clone();
    let reread = |wanted: &std::collections::HashMap<u64, usize>| {
        let mut found: Option<read::Reread> = None;
        for (inputs, offset, n) in &sources {
            let here: std::collections::HashMap<u64, usize> = wanted
                .iter()
                .filter(|(s, _)| **s > *offset && **s - *offset <= *n)
                .map(|(s, i)| (s - offset, *i))
                .collect();
            if here.is_empty() && found.is_some() {
                continue;
            }
            let r = read::reread(inputs, &load, &here)?;
            match &mut found {
                None => found = Some(r),
                Some(f) => f.extend(r),
            }
        }
        found.ok_or_else(|| Error::Internal("no part to read from".into()))
    };
    finish(counted, &opts, &reference, Vec::new(), &reread)
}
