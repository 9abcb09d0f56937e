//! Reading inputs: folders of `.txt`/`.md` files with front matter, JSONL and CSV dumps (plain or
//! gzip) and a manifest, decoded and turned into [`Document`]s; every problem is a [`Problem`] row,
//! never an abort. Reading is sequential ([`scan`]), decoding and parsing run on the workers
//! ([`realize`]); [`reread`] is the second pass that fetches chosen documents again.

mod manifest;
mod records;
mod text_file;
mod walk;

pub use manifest::Manifest;
pub use records::{check_fields, parse_json_record, Parsed, RecordFile};
pub use text_file::{decode, front_matter, load_file, Loaded};

pub use crate::dates::{day_number, parse_date};
use crate::error::{Error, Result};
use records::read_records;
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use walk::special_kind;
use walk::{is_record_file, record_kind, walk, WalkRules, Walked};

/// One article with its metadata; `text` is the content as read (after a BOM), front matter included,
/// and `body` the byte offset where the article text proper starts.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Order of the document in the input (files sorted by path, records in file order).
    pub seq: u64,
    /// Path relative to the input folder, or the record's id.
    pub doc_id: String,
    /// The outlet.
    pub source: String,
    /// Title from front matter or the title field.
    pub title: String,
    /// Date as `YYYY-MM-DD` (see [`parse_date`]); empty when none was given or it was invalid.
    pub date: String,
    /// A date given but refused as invalid (reported in errors.csv), else empty.
    pub bad_date: String,
    /// Values of the `--group-by` fields that are not built-in metadata (front matter keys,
    /// record fields, manifest columns), in the order of [`LoadOptions::group_by`].
    pub fields: Vec<String>,
    /// The document's group (`--group-by`): its fields' values joined by ` | `; empty when
    /// grouping by source.
    pub group: String,
    /// URL, when known.
    pub url: String,
    /// Author(s), when known.
    pub author: String,
    /// Story id given by the user (front matter `story:` or `--story-field`).
    pub story: String,
    /// Where it came from: a file path, or `file:line` for a record.
    pub origin: String,
    /// The text as read.
    pub text: String,
    /// Byte offset of the article body in `text` (after front matter).
    pub body: usize,
}

/// A problem with one input: a row of `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Input order, so the table is sorted like the inputs.
    pub seq: u64,
    /// File involved.
    pub path: String,
    /// One-based line (record) number, 0 when not applicable.
    pub line: u64,
    /// What is wrong.
    pub problem: String,
    /// What hedgerow did about it (`skipped`, `decoded as windows-1252`, `kept with 0 tokens`).
    pub action: String,
}

impl Problem {
    /// A problem that made hedgerow leave an input out (action `skipped`).
    pub fn skip(seq: u64, path: impl Into<String>, line: u64, problem: impl Into<String>) -> Self {
        Problem {
            seq,
            path: path.into(),
            line,
            problem: problem.into(),
            action: "skipped".into(),
        }
    }

    /// A problem with a document known by its origin (`file:line` for a record, else a path).
    pub fn at_origin(
        seq: u64,
        origin: &str,
        problem: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        let (path, line) = match origin.rsplit_once(':') {
            Some((p, l)) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => {
                (p.to_string(), l.parse().unwrap_or(0))
            }
            _ => (origin.to_string(), 0),
        };
        Problem {
            seq,
            path,
            line,
            problem: problem.into(),
            action: action.into(),
        }
    }

    /// Whether the document was left out of the analysis.
    pub fn skipped(&self) -> bool {
        self.action.starts_with("skipped")
    }
}

impl std::fmt::Display for Problem {
    /// `path[:line]: problem`, as a one-line message names it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// How records map to documents and what limits apply.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LoadOptions {
    /// Field holding the article text.
    pub text_field: String,
    /// Field holding the document id (else the record number).
    pub id_field: String,
    /// Field holding the outlet.
    pub source_field: String,
    /// Field holding the date.
    pub date_field: String,
    /// Field holding the title.
    pub title_field: String,
    /// Field holding a user-given story id.
    pub story_field: String,
    /// Documents larger than this are reported and skipped.
    pub max_doc_bytes: usize,
    /// Manifest CSV overriding sources and adding metadata.
    pub manifest: Option<PathBuf>,
    /// Follow symbolic links that lead out of an input folder.
    pub follow_links: bool,
    /// Folders never read (the run's output folder).
    pub skip_dirs: Vec<PathBuf>,
    /// Fields that group documents for sources.csv and terms.csv (`--group-by`); empty: source.
    pub group_by: Vec<String>,
    /// Only this shard of the records (`--shard K/N`); `None`: all of them.
    pub shard: Option<Shard>,
}

/// `--shard K/N`: the records whose input order, counted from 0, is K modulo N. Every shard
/// walks the same inputs in the same order, so the N shards partition the records and keep their
/// places in the whole (the merge puts them back in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// Which shard, from 0.
    pub k: u64,
    /// How many shards.
    pub n: u64,
}

impl Shard {
    /// Parses `K/N` with `0 <= K < N`.
    pub fn parse(s: &str) -> std::result::Result<Self, String> {
        let bad = || format!("--shard takes K/N with 0 <= K < N (e.g. 0/4), got '{s}'");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u64 = k.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        if n == 0 || k >= n {
            return Err(bad());
        }
        Ok(Self { k, n })
    }

    /// Whether the input with this order (`seq`, from 1) belongs to the shard.
    pub fn takes(&self, seq: u64) -> bool {
        seq.wrapping_sub(1) % self.n == self.k
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            text_field: "text".into(),
            id_field: "id".into(),
            source_field: "source".into(),
            date_field: "date".into(),
            title_field: "title".into(),
            story_field: "story".into(),
            max_doc_bytes: 64 << 20,
            manifest: None,
            follow_links: false,
            skip_dirs: Vec::new(),
            group_by: Vec::new(),
            shard: None,
        }
    }
}

/// A document not yet decoded: reading is sequential, decoding and parsing run in parallel.
#[derive(Debug)]
pub enum Pending {
    /// A text file found in a folder or named on the command line.
    File {
        /// Input order.
        seq: u64,
        /// Path on disk.
        path: PathBuf,
        /// Document id (path relative to the input folder).
        doc_id: String,
        /// Source from the first-level subfolder, if any.
        folder_source: Option<String>,
        /// Fallback source (file stem).
        stem: String,
    },
    /// One JSONL line.
    Json {
        /// Input order.
        seq: u64,
        /// File and field mapping shared by its lines.
        file: Arc<RecordFile>,
        /// One-based line number.
        line: u64,
        /// Record number within the file (one-based).
        record: u64,
        /// Raw bytes of the line.
        raw: Vec<u8>,
    },
    /// A document already built (CSV records are parsed while reading).
    Ready(Box<Document>),
    /// An input that failed while reading.
    Failed(Problem),
}

impl Pending {
    /// Its order in the input.
    pub fn seq(&self) -> u64 {
        match self {
            Pending::File { seq, .. } | Pending::Json { seq, .. } => *seq,
            Pending::Ready(d) => d.seq,
            Pending::Failed(p) => p.seq,
        }
    }
}

/// A document's date from the text given: `(date, refused)`, the date as `YYYY-MM-DD` (empty
/// when none or refused) and the text refused (empty when the date was fine or absent).
pub fn date_fields(raw: &str) -> (String, String) {
    if raw.trim().is_empty() {
        return (String::new(), String::new());
    }
    match parse_date(raw) {
        Ok(d) => (d, String::new()),
        Err(_) => (String::new(), raw.trim().to_string()),
    }
}

/// The value of one `--group-by` field of a document (`i`: its place in the list): `source`,
/// `year` and `month` (from the date), `date`, `title`, `author`, `story`, `url`, or any front
/// matter key, record field or manifest column.
fn field_value(d: &Document, name: &str, i: usize) -> String {
    let v = match name {
        "source" => d.source.clone(),
        "year" => d.date.get(..4).unwrap_or("").to_string(),
        "month" => d.date.get(..7).unwrap_or("").to_string(),
        "date" => d.date.clone(),
        "title" => d.title.clone(),
        "author" => d.author.clone(),
        "story" => d.story.clone(),
        "url" => d.url.clone(),
        _ => d.fields.get(i).cloned().unwrap_or_default(),
    };
    v.trim().to_string()
}

/// A document's group label: its `--group-by` values joined by ` | ` (an empty value is `(none)`).
fn group_label(d: &Document, names: &[String]) -> String {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| or_none(field_value(d, n, i)))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A group value as its label shows it: `(none)` when empty.
fn or_none(v: String) -> String {
    if v.is_empty() {
        "(none)".to_string()
    } else {
        v
    }
}

/// Fails with [`Error::MissingInput`] naming the first input path that does not exist.
pub fn check_inputs(inputs: &[PathBuf]) -> Result<()> {
    match inputs
        .iter()
        .find(|p| std::fs::symlink_metadata(p).is_err())
    {
        Some(p) => Err(Error::MissingInput { path: p.clone() }),
        None => Ok(()),
    }
}

/// The walk rules of `opts`: the folders never read and whether outside links are followed.
fn walk_rules(opts: &LoadOptions) -> WalkRules {
    WalkRules {
        skip: opts
            .skip_dirs
            .iter()
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .collect(),
        follow_links: opts.follow_links,
    }
}

/// The files below an input folder, sorted, and the problems met walking it.
fn walk_input(input: &PathBuf, rules: &WalkRules) -> Walked {
    let root = std::fs::canonicalize(input).unwrap_or_else(|_| input.clone());
    walk(input, &root, rules)
}

/// The JSONL and CSV dumps among the inputs, named or found in their folders.
pub fn record_files(inputs: &[PathBuf], opts: &LoadOptions) -> Vec<PathBuf> {
    let rules = walk_rules(opts);
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let files = walk_input(input, &rules).files;
            out.extend(files.into_iter().filter(|f| is_record_file(f)));
        } else if record_kind(input).is_some() && input.is_file() {
            out.push(input.clone());
        }
    }
    out
}

/// Every file the inputs name or hold (what a scan reads), each once, by canonical path.
pub fn input_files(inputs: &[PathBuf], opts: &LoadOptions) -> Vec<PathBuf> {
    let rules = walk_rules(opts);
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            out.extend(walk_input(input, &rules).files);
        } else if input.is_file() {
            out.push(input.clone());
        }
    }
    canonical_set(&out)
}

/// Canonical paths of files, sorted, each once.
fn canonical_set(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut canon: Vec<PathBuf> = files
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    canon.sort();
    canon.dedup();
    canon
}

/// Checks before any work that the inputs' fields fit the mapping (see [`check_fields`]);
/// returns the warnings.
pub fn preflight(inputs: &[PathBuf], opts: &LoadOptions) -> Result<Vec<String>> {
    check_fields(&record_files(inputs, opts), opts)
}

/// Walks the inputs in a stable order and hands documents to `sink` in batches of about
/// `batch_bytes`, so memory follows the batch, not the corpus. With `--shard K/N`, only the
/// shard's inputs are handed on, with the order they have in the whole.
pub fn scan(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    batch_bytes: usize,
    sink: &mut dyn FnMut(Vec<Pending>) -> Result<()>,
) -> Result<Scanned> {
    check_inputs(inputs)?;
    let mut s = Scanner {
        opts,
        seq: 0,
        read: Default::default(),
        out: Batcher::new(opts.shard, batch_bytes, sink),
    };
    let rules = walk_rules(opts);
    for input in inputs {
        s.input(input, &rules)?;
    }
    if !s.out.batch.is_empty() {
        (s.out.sink)(s.out.batch)?;
    }
    Ok(Scanned {
        last_seq: s.seq,
        bytes: s.out.taken,
    })
}

/// A scan under way: the input order given so far and the batch being filled.
struct Scanner<'a> {
    opts: &'a LoadOptions,
    /// Input order of the last input met.
    seq: u64,
    /// Canonical paths of the files read so far: inputs that overlap (`fo fo/S`, `x.jsonl
    /// ./x.jsonl`) read each file once.
    read: std::collections::HashSet<PathBuf>,
    out: Batcher<'a>,
}

/// Fills batches and hands each on when it holds `batch_bytes`; leaves out the inputs of other
/// shards.
struct Batcher<'a> {
    shard: Option<Shard>,
    batch_bytes: usize,
    sink: &'a mut dyn FnMut(Vec<Pending>) -> Result<()>,
    batch: Vec<Pending>,
    bytes: usize,
    /// Bytes of the inputs handed on.
    taken: u64,
}

impl<'a> Batcher<'a> {
    fn new(
        shard: Option<Shard>,
        batch_bytes: usize,
        sink: &'a mut dyn FnMut(Vec<Pending>) -> Result<()>,
    ) -> Self {
        Batcher {
            shard,
            batch_bytes,
            sink,
            batch: Vec::new(),
            bytes: 0,
            taken: 0,
        }
    }

    fn push(&mut self, item: Pending, size: usize) -> Result<()> {
        if self.shard.is_some_and(|s| !s.takes(item.seq())) {
            return Ok(());
        }
        self.taken += size as u64;
        self.batch.push(item);
        self.bytes += size;
        if self.bytes >= self.batch_bytes {
            self.bytes = 0;
            (self.sink)(std::mem::take(&mut self.batch))?;
        }
        Ok(())
    }
}

impl Scanner<'_> {
    /// One input: a folder, a special file (reported), a dump of records or a text file.
    fn input(&mut self, input: &PathBuf, rules: &WalkRules) -> Result<()> {
        let meta = std::fs::metadata(input);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            return self.folder(input, rules);
        }
        if let Some(kind) = meta.as_ref().ok().and_then(special_kind) {
            self.seq += 1;
            let problem = Problem::skip(self.seq, input.display().to_string(), 0, kind);
            return self.out.push(Pending::Failed(problem), 0);
        }
        if self.read_before(input)? {
            return Ok(());
        }
        // a dump named on the command line: JSONL, CSV, TSV or a JSON array
        if record_kind(input).is_some() {
            return self.records(input);
        }
        let size = meta.map(|m| m.len() as usize).unwrap_or(0);
        self.named_file(input, size)
    }

    /// A text file named as an input: its id is its name.
    fn named_file(&mut self, input: &Path, size: usize) -> Result<()> {
        self.seq += 1;
        let file = Pending::File {
            seq: self.seq,
            path: input.to_path_buf(),
            doc_id: file_name(input),
            folder_source: None,
            stem: file_stem(input),
        };
        self.out.push(file, size.min(self.out.batch_bytes))
    }

    /// An input folder: its walk's problems, then its files in order.
    fn folder(&mut self, input: &Path, rules: &WalkRules) -> Result<()> {
        let walked = walk_input(&input.to_path_buf(), rules);
        for pr in walked.problems {
            self.seq += 1;
            let seq = self.seq;
            self.out.push(Pending::Failed(Problem { seq, ..pr }), 0)?;
        }
        for f in walked.files {
            if self.read_before(&f)? {
                continue;
            }
            self.seq += 1;
            if is_record_file(&f) {
                self.records(&f)?;
            } else {
                self.file_in_folder(input, f)?;
            }
        }
        Ok(())
    }

    /// Whether a file was read before in this scan (by another input naming it or a folder
    /// holding it): then it is not read again, and a row says so.
    fn read_before(&mut self, f: &Path) -> Result<bool> {
        let canon = std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf());
        if self.read.insert(canon) {
            return Ok(false);
        }
        self.seq += 1;
        self.out.push(Pending::Failed(read_once(self.seq, f)), 0)?;
        Ok(true)
    }

    /// The records of a dump, each numbered in input order.
    fn records(&mut self, path: &Path) -> Result<()> {
        let out = &mut self.out;
        read_records(path, self.opts, &mut self.seq, &mut |item, size| {
            out.push(item, size)
        })
    }

    /// A text file of an input folder: its id is its path in the folder, its source the first
    /// subfolder (if any).
    fn file_in_folder(&mut self, input: &Path, f: PathBuf) -> Result<()> {
        let rel = f.strip_prefix(input).unwrap_or(&f);
        let doc_id = rel.to_string_lossy().replace('\\', "/");
        let folder_source = first_folder(rel);
        let size = std::fs::metadata(&f).map(|m| m.len() as usize).unwrap_or(0);
        let file = Pending::File {
            seq: self.seq,
            stem: file_stem(&f),
            path: f,
            doc_id,
            folder_source,
        };
        self.out.push(file, size.min(self.out.batch_bytes))
    }
}

/// The row of a file read before in the scan: it is read once.
fn read_once(seq: u64, f: &Path) -> Problem {
    Problem {
        seq,
        path: f.display().to_string(),
        line: 0,
        problem: "the same file as an earlier input (inputs overlap): read once".into(),
        action: "skipped (read once)".into(),
    }
}

/// The first folder of a path relative to an input folder (none for a file at its top).
fn first_folder(rel: &Path) -> Option<String> {
    let comps: Vec<_> = rel.components().collect();
    (comps.len() > 1).then(|| comps[0].as_os_str().to_string_lossy().into_owned())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What [`scan`] went through.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scanned {
    /// Input order of the last input (inputs are numbered from 1; of the whole, with a shard).
    pub last_seq: u64,
    /// Bytes of the inputs handed on, as read (a record's line; a text file's size, counted up
    /// to the batch size).
    pub bytes: u64,
}

/// The problem row for a document over `--max-doc-bytes`.
fn too_big(seq: u64, path: &str, line: u64, size: usize, max: usize) -> Problem {
    Problem::skip(
        seq,
        path,
        line,
        format!("document of {size} bytes exceeds --max-doc-bytes {max}"),
    )
}

/// A pending input made a document: the document (none when a problem skipped it) and the
/// problems met.
#[derive(Debug, Default)]
pub struct Realized {
    /// The document, unless it was skipped.
    pub doc: Option<Document>,
    /// Problems met (rows of errors.csv).
    pub problems: Vec<Problem>,
}

impl Realized {
    /// A document and the problems noted making it.
    fn of(doc: Document, problems: Vec<Problem>) -> Self {
        Realized {
            doc: Some(doc),
            problems,
        }
    }

    /// No document: a problem skipped it.
    fn skipped(pr: Problem) -> Self {
        Realized {
            doc: None,
            problems: vec![pr],
        }
    }
}

/// Turns a pending input into a document (or the problem that stopped it), applying the manifest.
pub fn realize(p: Pending, opts: &LoadOptions, manifest: Option<&Manifest>) -> Realized {
    let mut r = parse_pending(p, opts);
    if let Some(d) = &mut r.doc {
        if let Some(m) = manifest {
            m.apply(d, &opts.group_by);
        }
        if !opts.group_by.is_empty() {
            d.group = group_label(d, &opts.group_by);
        }
        if !d.bad_date.is_empty() {
            r.problems.push(bad_date_row(d));
        }
    }
    r
}

/// The row of a document whose date was refused (it is kept, its date left empty).
fn bad_date_row(d: &Document) -> Problem {
    let why = parse_date(&d.bad_date).err().unwrap_or_default();
    Problem::at_origin(d.seq, &d.origin, why, "kept; date left empty")
}

/// A pending input read and parsed: a text file, a JSONL record, a CSV record (already a
/// document) or a problem.
fn parse_pending(p: Pending, opts: &LoadOptions) -> Realized {
    let skipped = Realized::skipped;
    match p {
        Pending::File {
            seq,
            path,
            doc_id,
            folder_source,
            stem,
        } => match load_file(seq, &path, &doc_id, folder_source.as_deref(), &stem, opts) {
            Ok(l) => Realized::of(l.doc, l.problems),
            Err(pr) => skipped(pr),
        },
        Pending::Json {
            seq,
            file,
            line,
            record,
            raw,
        } => match parse_json_record(&raw, &file, line, record, seq, opts) {
            Ok(p) => Realized::of(p.doc, p.note.into_iter().collect()),
            Err(pr) => skipped(pr),
        },
        Pending::Ready(d) => Realized::of(*d, Vec::new()),
        Pending::Failed(pr) => skipped(pr),
    }
}

/// The second pass: finds again the documents whose input order (`seq`) is a key of `wanted`,
/// keyed by the index `wanted` gives, as records not yet parsed ([`Reread::take`] parses them).
/// The story stage needs the texts of a few documents after counting, and keeping every text
/// would cost memory.
pub fn reread<'m>(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    manifest: Option<&'m Manifest>,
    wanted: &std::collections::HashMap<u64, usize>,
) -> Result<Reread<'m>> {
    let mut found = Reread {
        pending: Default::default(),
        opts: opts.clone(),
        manifest,
    };
    if wanted.is_empty() {
        return Ok(found);
    }
    scan(inputs, opts, 1 << 20, &mut |batch| {
        found.keep(batch, wanted);
        Ok(())
    })?;
    crate::trace::trace("stories: second pass scanned");
    Ok(found)
}

/// Documents found again by [`reread`], parsed when taken: a caller working through them a
/// group at a time holds the texts of one group, not of all.
pub struct Reread<'m> {
    pending: std::collections::HashMap<usize, Pending>,
    opts: LoadOptions,
    manifest: Option<&'m Manifest>,
}

impl Reread<'_> {
    /// Keeps the inputs of a batch that are `wanted` (problems aside), by their index.
    fn keep(&mut self, batch: Vec<Pending>, wanted: &std::collections::HashMap<u64, usize>) {
        for p in batch
            .into_iter()
            .filter(|p| !matches!(p, Pending::Failed(_)))
        {
            if let Some(&i) = wanted.get(&p.seq()) {
                self.pending.insert(i, p);
            }
        }
    }

    /// Adds the documents another pass found (the merge reads each shard's inputs apart).
    pub fn extend(&mut self, other: Self) {
        self.pending.extend(other.pending);
        if self.manifest.is_none() {
            self.manifest = other.manifest;
        }
    }

    /// Documents found.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Whether none was found.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Parses and hands over the documents of these indices (on all cores); an index not found,
    /// or taken before, is left out.
    pub fn take(&mut self, indices: &[usize]) -> std::collections::HashMap<usize, Document> {
        let here: Vec<(usize, Pending)> = indices
            .iter()
            .filter_map(|i| self.pending.remove(i).map(|p| (*i, p)))
            .collect();
        let (opts, manifest) = (&self.opts, self.manifest);
        use rayon::prelude::*;
        here.into_par_iter()
            .filter_map(|(i, p)| realize(p, opts, manifest).doc.map(|d| (i, d)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_that_are_refused_are_kept_as_text() {
        assert_eq!(date_fields(" "), (String::new(), String::new()));
        assert_eq!(
            date_fields("2025-13-45"),
            (String::new(), "2025-13-45".into())
        );
    }
}
