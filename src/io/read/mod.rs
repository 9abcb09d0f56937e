//! Reading inputs: folders of `.txt`/`.md` files with front matter, JSONL and CSV dumps (plain or
//! gzip) and a manifest, decoded and turned into [`Document`]s; every problem is a [`Problem`] row,
//! never an abort. Reading is sequential ([`scan`]), decoding and parsing run on the workers
//! ([`realize`]); [`reread`] is the second pass that fetches chosen documents again.

mod manifest;
mod records;
mod text_file;
mod walk;

pub use manifest::Manifest;
pub use records::{parse_json_record, RecordFile};
pub use text_file::{decode, front_matter, load_file};

use crate::error::{Error, Result};
use records::read_records;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use walk::{is_record_file, walk};

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
    /// Date as given (ISO dates keep their `YYYY-MM-DD` prefix).
    pub date: String,
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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Debug, Clone)]
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

/// Keeps the `YYYY-MM-DD` prefix of ISO-like dates, else the trimmed value.
pub fn normalize_date(s: &str) -> String {
    let t = s.trim();
    let b = t.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
    {
        return t[..10].to_string();
    }
    t.to_string()
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

/// Walks the inputs in a stable order and hands documents to `sink` in batches of about
/// `batch_bytes`, so memory follows the batch, not the corpus.
pub fn scan(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    batch_bytes: usize,
    sink: &mut dyn FnMut(Vec<Pending>) -> Result<()>,
) -> Result<()> {
    check_inputs(inputs)?;
    let mut seq = 0u64;
    let mut batch: Vec<Pending> = Vec::new();
    let mut bytes = 0usize;
    let mut push =
        |item: Pending, size: usize, batch: &mut Vec<Pending>, bytes: &mut usize| -> Result<()> {
            batch.push(item);
            *bytes += size;
            if *bytes >= batch_bytes {
                *bytes = 0;
                sink(std::mem::take(batch))?;
            }
            Ok(())
        };
    for input in inputs {
        let meta = std::fs::metadata(input);
        let is_dir = meta.as_ref().map(|m| m.is_dir()).unwrap_or(false);
        if is_dir {
            let mut files = Vec::new();
            let mut problems = Vec::new();
            walk(input, &mut HashSet::new(), &mut files, &mut problems);
            files.sort();
            for pr in problems {
                seq += 1;
                push(
                    Pending::Failed(Problem { seq, ..pr }),
                    0,
                    &mut batch,
                    &mut bytes,
                )?;
            }
            for f in files {
                seq += 1;
                if is_record_file(&f) {
                    read_records(&f, opts, &mut seq, &mut |item, size| {
                        push(item, size, &mut batch, &mut bytes)
                    })?;
                    continue;
                }
                let rel = f.strip_prefix(input).unwrap_or(&f);
                let doc_id = rel.to_string_lossy().replace('\\', "/");
                let comps: Vec<_> = rel.components().collect();
                let folder_source =
                    (comps.len() > 1).then(|| comps[0].as_os_str().to_string_lossy().into_owned());
                let stem = f
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let size = std::fs::metadata(&f).map(|m| m.len() as usize).unwrap_or(0);
                push(
                    Pending::File {
                        seq,
                        path: f,
                        doc_id,
                        folder_source,
                        stem,
                    },
                    size.min(batch_bytes),
                    &mut batch,
                    &mut bytes,
                )?;
            }
        } else if is_record_file(input) {
            read_records(input, opts, &mut seq, &mut |item, size| {
                push(item, size, &mut batch, &mut bytes)
            })?;
        } else {
            seq += 1;
            let doc_id = input
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = input
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let size = meta.map(|m| m.len() as usize).unwrap_or(0);
            push(
                Pending::File {
                    seq,
                    path: input.clone(),
                    doc_id,
                    folder_source: None,
                    stem,
                },
                size.min(batch_bytes),
                &mut batch,
                &mut bytes,
            )?;
        }
    }
    if !batch.is_empty() {
        sink(batch)?;
    }
    Ok(())
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

/// Turns a pending input into a document (or the problem that stopped it), applying the manifest.
pub fn realize(
    p: Pending,
    opts: &LoadOptions,
    manifest: Option<&Manifest>,
) -> (Option<Document>, Vec<Problem>) {
    let (doc, problems) = match p {
        Pending::File {
            seq,
            path,
            doc_id,
            folder_source,
            stem,
        } => match load_file(seq, &path, &doc_id, folder_source.as_deref(), &stem, opts) {
            Ok((d, pr)) => (Some(d), pr),
            Err(pr) => (None, vec![pr]),
        },
        Pending::Json {
            seq,
            file,
            line,
            record,
            raw,
        } => match parse_json_record(&raw, &file, line, record, seq, opts) {
            Ok((d, pr)) => (Some(d), pr.into_iter().collect()),
            Err(pr) => (None, vec![pr]),
        },
        Pending::Ready(d) => (Some(*d), vec![]),
        Pending::Failed(pr) => (None, vec![pr]),
    };
    let doc = doc.map(|mut d| {
        if let Some(m) = manifest {
            m.apply(&mut d);
        }
        d
    });
    (doc, problems)
}

/// The second pass: reads again the documents whose input order (`seq`) is a key of `wanted`,
/// parsing them on all cores; returns them by the index `wanted` gives. The story stage needs
/// the texts of a few documents after counting, and keeping every text would cost memory.
pub fn reread(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    wanted: &std::collections::HashMap<u64, usize>,
) -> Result<std::collections::HashMap<usize, Document>> {
    if wanted.is_empty() {
        return Ok(Default::default());
    }
    let manifest = match &opts.manifest {
        Some(p) => Some(Manifest::load(p)?),
        None => None,
    };
    let mut pending: Vec<(usize, Pending)> = Vec::new();
    scan(inputs, opts, 1 << 20, &mut |batch| {
        for p in batch {
            let seq = match &p {
                Pending::File { seq, .. } | Pending::Json { seq, .. } => *seq,
                Pending::Ready(d) => d.seq,
                Pending::Failed(_) => continue,
            };
            if let Some(&i) = wanted.get(&seq) {
                pending.push((i, p));
            }
        }
        Ok(())
    })?;
    crate::trace::trace("stories: second pass scanned");
    use rayon::prelude::*;
    Ok(pending
        .into_par_iter()
        .filter_map(|(i, p)| realize(p, opts, manifest.as_ref()).0.map(|d| (i, d)))
        .collect())
}
