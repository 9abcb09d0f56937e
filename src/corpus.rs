//! Loading: folders of `.txt`/`.md` files with optional front matter, JSONL and CSV dumps (plain or
//! gzip), a manifest that overrides sources; decoding of odd encodings; every problem reported.

use crate::error::{Error, Result};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// A record file (JSONL or CSV) whose records become documents.
#[derive(Debug)]
pub struct RecordFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Fallback source when a record has none.
    pub stem: String,
}

/// Manifest rows keyed by path or id.
#[derive(Debug, Default)]
pub struct Manifest {
    rows: HashMap<String, BTreeMap<String, String>>,
}

impl Manifest {
    /// Reads a manifest CSV with a `path` or `id` column.
    pub fn load(path: &Path) -> Result<Self> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .map_err(|e| Error::parse(path, None, format!("cannot read manifest: {e}")))?;
        let headers = rdr
            .headers()
            .map_err(|e| Error::parse(path, Some(1), e.to_string()))?
            .clone();
        let key = headers
            .iter()
            .position(|h| h == "path" || h == "id" || h == "doc_id")
            .ok_or_else(|| Error::parse(path, Some(1), "manifest needs a 'path' or 'id' column"))?;
        let mut rows = HashMap::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| Error::parse(path, Some(i as u64 + 2), e.to_string()))?;
            let mut m = BTreeMap::new();
            for (h, v) in headers.iter().zip(rec.iter()) {
                m.insert(h.to_string(), v.to_string());
            }
            if let Some(k) = rec.get(key) {
                rows.insert(k.replace('\\', "/").trim_start_matches("./").to_string(), m);
            }
        }
        Ok(Self { rows })
    }

    /// Applies the row for a document, if any: source and metadata fields override.
    pub fn apply(&self, doc: &mut Document) {
        let row = self
            .rows
            .get(&doc.doc_id)
            .or_else(|| self.rows.get(&doc.origin));
        if let Some(row) = row {
            for (k, v) in row {
                if v.is_empty() {
                    continue;
                }
                match k.as_str() {
                    "source" => doc.source = v.clone(),
                    "title" => doc.title = v.clone(),
                    "date" => doc.date = normalize_date(v),
                    "url" => doc.url = v.clone(),
                    "author" => doc.author = v.clone(),
                    "story" => doc.story = v.clone(),
                    _ => {}
                }
            }
        }
    }
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

/// Front matter found at the top of a text: `(fields, body byte offset)`.
///
/// Lines between a first line `---` and the next `---` are `key: value` pairs; without a closing
/// `---` there is no front matter and the whole text is the body.
pub fn front_matter(text: &str) -> (BTreeMap<String, String>, usize) {
    let mut fields = BTreeMap::new();
    let first_len = match text.find('\n') {
        Some(i) if text[..i].trim_end_matches('\r').trim_end() == "---" => i + 1,
        _ => return (fields, 0),
    };
    let mut pos = first_len;
    let mut pending = BTreeMap::new();
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let line = text[pos..end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" {
            fields.append(&mut pending);
            return (fields, end);
        }
        if let Some((k, v)) = line.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
            if !k.is_empty() && !k.contains(' ') {
                pending.insert(k, v);
            }
        } else if !line.trim().is_empty() {
            // Not front matter after all: a line that is not `key: value`.
            return (BTreeMap::new(), 0);
        }
        pos = end;
    }
    (BTreeMap::new(), 0)
}

/// Decodes file bytes: UTF-8 (BOM stripped), UTF-16 with BOM, else Windows-1252 with a note.
/// Returns `Err(problem)` for binary content.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Option<String>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), None)),
            Err(_) => Ok((
                String::from_utf8_lossy(rest).into_owned(),
                Some("invalid UTF-8 after BOM; bad bytes replaced with U+FFFD".into()),
            )),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (s, _, had_errors) = enc.decode(bytes);
        let note = if had_errors {
            "decoded as UTF-16 (BOM) with replacements"
        } else {
            "decoded as UTF-16 (BOM)"
        };
        return Ok((s.into_owned(), Some(note.into())));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if memchr::memchr(0, head).is_some() || controls * 20 > head.len().max(1) {
        return Err("binary content (NUL or control bytes)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                s.into_owned(),
                Some(format!(
                    "invalid UTF-8 at byte {}; decoded as windows-1252",
                    e.valid_up_to()
                )),
            ))
        }
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

/// Whether a path is a JSONL or CSV dump (possibly gzipped).
fn is_record_file(p: &Path) -> bool {
    record_kind(p).is_some()
}

/// `Some(true)` for JSONL, `Some(false)` for CSV, with gzip looked through.
fn record_kind(p: &Path) -> Option<bool> {
    let name = p.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(true)
    } else if name.ends_with(".csv") {
        Some(false)
    } else {
        None
    }
}

/// Collects `.txt`/`.md` (and record) files below `dir`, following links once (loops reported).
fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let canon = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            problems.push(Problem::skip(
                0,
                dir.display().to_string(),
                0,
                format!("cannot resolve folder: {e}"),
            ));
            return;
        }
    };
    if !seen.insert(canon) {
        problems.push(Problem::skip(
            0,
            dir.display().to_string(),
            0,
            "symlink loop (folder already visited)",
        ));
        return;
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            problems.push(Problem::skip(
                0,
                dir.display().to_string(),
                0,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, seen, files, problems),
            Ok(_) => {
                let ext = p
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                if ext == "txt" || ext == "md" || is_record_file(&p) {
                    files.push(p);
                }
            }
            Err(e) => {
                let ext = p
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                let msg = if e.raw_os_error() == Some(40) {
                    "symlink loop".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                if ext == "txt"
                    || ext == "md"
                    || std::fs::symlink_metadata(&p)
                        .map(|m| m.file_type().is_symlink())
                        .unwrap_or(false)
                {
                    problems.push(Problem::skip(0, p.display().to_string(), 0, msg));
                }
            }
        }
    }
}

/// Opens a file, looking through gzip when the name ends in `.gz`.
fn open_maybe_gz(path: &Path) -> std::io::Result<Box<dyn Read + Send>> {
    let f = std::fs::File::open(path)?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(
            BufReader::with_capacity(1 << 20, f),
        )))
    } else {
        Ok(Box::new(f))
    }
}

/// Reads a JSONL or CSV file, handing each record on as [`Pending`].
fn read_records(
    path: &Path,
    opts: &LoadOptions,
    seq: &mut u64,
    push: &mut dyn FnMut(Pending, usize) -> Result<()>,
) -> Result<()> {
    let stem = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or_default().to_string();
    let file = Arc::new(RecordFile {
        path: path.to_path_buf(),
        stem,
    });
    let reader = match open_maybe_gz(path) {
        Ok(r) => r,
        Err(e) => {
            *seq += 1;
            return push(
                Pending::Failed(Problem::skip(
                    *seq,
                    path.display().to_string(),
                    0,
                    format!("cannot open: {e}"),
                )),
                0,
            );
        }
    };
    if record_kind(path) == Some(true) {
        let mut rdr = BufReader::with_capacity(1 << 20, reader);
        let mut line_no = 0u64;
        let mut record = 0u64;
        let mut last_len = 0;
        loop {
            // sized like the previous line: one allocation per record, not a doubling series
            let mut buf = Vec::with_capacity(last_len + 256);
            match rdr.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    last_len = n;
                    line_no += 1;
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    record += 1;
                    *seq += 1;
                    push(
                        Pending::Json {
                            seq: *seq,
                            file: file.clone(),
                            line: line_no,
                            record,
                            raw: buf,
                        },
                        n,
                    )?;
                }
                Err(e) => {
                    *seq += 1;
                    push(
                        Pending::Failed(Problem {
                            seq: *seq,
                            path: path.display().to_string(),
                            line: line_no + 1,
                            problem: format!("read error (truncated or corrupt file?): {e}"),
                            action: "skipped rest of file".into(),
                        }),
                        0,
                    )?;
                    break;
                }
            }
        }
    } else {
        read_csv(reader, &file, opts, seq, push)?;
    }
    Ok(())
}

/// Reads CSV records (quoted newlines allowed) into documents.
fn read_csv(
    reader: Box<dyn Read + Send>,
    file: &Arc<RecordFile>,
    opts: &LoadOptions,
    seq: &mut u64,
    push: &mut dyn FnMut(Pending, usize) -> Result<()>,
) -> Result<()> {
    let path_s = file.path.display().to_string();
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            *seq += 1;
            return push(
                Pending::Failed(Problem::skip(
                    *seq,
                    path_s,
                    1,
                    format!("cannot read CSV header: {e}"),
                )),
                0,
            );
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name.as_bytes());
    let text_col = col(&opts.text_field);
    let cols = [
        col(&opts.id_field),
        col(&opts.source_field),
        col(&opts.title_field),
        col(&opts.date_field),
        col("url"),
        col("author"),
        col(&opts.story_field),
    ];
    let mut record = 0u64;
    let mut rec = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                record += 1;
                *seq += 1;
                let get = |c: Option<usize>| -> Option<String> {
                    c.and_then(|c| rec.get(c))
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                };
                let Some(raw_text) = text_col.and_then(|c| rec.get(c)) else {
                    push(
                        Pending::Failed(Problem::skip(
                            *seq,
                            path_s.clone(),
                            line,
                            format!("record has no field '{}'", opts.text_field),
                        )),
                        0,
                    )?;
                    continue;
                };
                if raw_text.len() > opts.max_doc_bytes {
                    push(
                        Pending::Failed(too_big(
                            *seq,
                            &path_s,
                            line,
                            raw_text.len(),
                            opts.max_doc_bytes,
                        )),
                        0,
                    )?;
                    continue;
                }
                let (text, note) = match std::str::from_utf8(raw_text) {
                    Ok(s) => (s.to_string(), None),
                    Err(_) => (
                        encoding_rs::WINDOWS_1252.decode(raw_text).0.into_owned(),
                        Some("invalid UTF-8 in text field; decoded as windows-1252"),
                    ),
                };
                if let Some(n) = note {
                    push(
                        Pending::Failed(Problem {
                            seq: *seq,
                            path: path_s.clone(),
                            line,
                            problem: n.into(),
                            action: "decoded".into(),
                        }),
                        0,
                    )?;
                }
                let doc = Document {
                    seq: *seq,
                    doc_id: get(cols[0])
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| record.to_string()),
                    source: get(cols[1])
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| file.stem.clone()),
                    title: get(cols[2]).unwrap_or_default(),
                    date: get(cols[3]).map(|d| normalize_date(&d)).unwrap_or_default(),
                    url: get(cols[4]).unwrap_or_default(),
                    author: get(cols[5]).unwrap_or_default(),
                    story: get(cols[6]).unwrap_or_default(),
                    origin: format!("{path_s}:{line}"),
                    body: 0,
                    text,
                };
                let n = doc.text.len();
                push(Pending::Ready(Box::new(doc)), n)?;
            }
            Err(e) => {
                *seq += 1;
                let line = e.position().map(|p| p.line()).unwrap_or(line);
                push(
                    Pending::Failed(Problem::skip(
                        *seq,
                        path_s.clone(),
                        line,
                        format!("malformed CSV record: {e}"),
                    )),
                    0,
                )?;
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
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

/// A JSON value picked from a record: strings borrowed where possible, numbers as text.
struct Picked<'a> {
    /// Wanted keys in order.
    keys: &'a [&'a str],
}

impl<'de> DeserializeSeed<'de> for Picked<'_> {
    type Value = Vec<Option<Cow<'de, str>>>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Picked<'_> {
    type Value = Vec<Option<Cow<'de, str>>>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = vec![None; self.keys.len()];
        while let Some(k) = map.next_key::<Cow<'de, str>>()? {
            match self.keys.iter().position(|w| *w == k) {
                Some(i) => out[i] = map.next_value::<Scalar<'de>>()?.0,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A scalar JSON value as text (null and nested values give `None`).
struct Scalar<'a>(Option<Cow<'a, str>>);

impl<'de> serde::Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v))))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Scalar(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                // A list of strings (authors) is joined with "; ".
                let mut parts = Vec::new();
                while let Some(v) = s.next_element::<serde_json::Value>()? {
                    if let serde_json::Value::String(t) = v {
                        parts.push(t);
                    }
                }
                Ok(Scalar(
                    (!parts.is_empty()).then(|| Cow::Owned(parts.join("; "))),
                ))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses one JSONL record into a document, borrowing the text while parsing.
pub fn parse_json_record(
    raw: &[u8],
    file: &RecordFile,
    line: u64,
    record: u64,
    seq: u64,
    opts: &LoadOptions,
) -> std::result::Result<(Document, Option<Problem>), Problem> {
    let path_s = file.path.display().to_string();
    let fail = |problem: String| Problem::skip(seq, path_s.clone(), line, problem);
    let (s, note): (Cow<str>, Option<&str>) = match std::str::from_utf8(raw) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => (
            encoding_rs::WINDOWS_1252.decode(raw).0,
            Some("invalid UTF-8 in record; decoded as windows-1252"),
        ),
    };
    let keys: [&str; 8] = [
        &opts.text_field,
        &opts.id_field,
        &opts.source_field,
        &opts.title_field,
        &opts.date_field,
        "url",
        "authors",
        &opts.story_field,
    ];
    let mut de = serde_json::Deserializer::from_str(s.trim_end());
    let mut vals = Picked { keys: &keys }
        .deserialize(&mut de)
        .map_err(|e| fail(format!("invalid JSON: {e}")))?;
    de.end().map_err(|e| fail(format!("invalid JSON: {e}")))?;
    // the text moves out (an unescaped text is already an owned copy: not copied again)
    let Some(text) = vals[0].take() else {
        return Err(fail(format!(
            "record has no text field '{}'",
            opts.text_field
        )));
    };
    if text.len() > opts.max_doc_bytes {
        return Err(too_big(seq, &path_s, line, text.len(), opts.max_doc_bytes));
    }
    let get = |i: usize| vals[i].as_deref().unwrap_or("").to_string();
    let doc = Document {
        seq,
        doc_id: vals[1]
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| record.to_string()),
        source: vals[2]
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| file.stem.clone()),
        title: get(3),
        date: normalize_date(&get(4)),
        url: get(5),
        author: get(6),
        story: get(7),
        origin: format!("{path_s}:{line}"),
        text: text.into_owned(),
        body: 0,
    };
    let problem = note.map(|n| Problem {
        seq,
        path: path_s.clone(),
        line,
        problem: n.into(),
        action: "decoded".into(),
    });
    Ok((doc, problem))
}

/// Reads one text file into a document (front matter parsed, encoding decoded).
pub fn load_file(
    seq: u64,
    path: &Path,
    doc_id: &str,
    folder_source: Option<&str>,
    stem: &str,
    opts: &LoadOptions,
) -> std::result::Result<(Document, Vec<Problem>), Problem> {
    let path_s = path.display().to_string();
    let fail = |problem: String| Problem::skip(seq, path_s.clone(), 0, problem);
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read: {e}")))?
        .len() as usize;
    if size > opts.max_doc_bytes {
        return Err(too_big(seq, &path_s, 0, size, opts.max_doc_bytes));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let (text, note) = decode(&bytes).map_err(fail)?;
    let mut problems = Vec::new();
    if let Some(n) = note {
        problems.push(Problem {
            seq,
            path: path_s.clone(),
            line: 0,
            problem: n,
            action: "decoded".into(),
        });
    }
    let (fm, body) = front_matter(&text);
    let g = |k: &str| fm.get(k).cloned().unwrap_or_default();
    let source = match folder_source {
        Some(s) => s.to_string(),
        None => fm
            .get("source")
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| stem.to_string()),
    };
    if text[body..].trim().is_empty() {
        problems.push(Problem {
            seq,
            path: path_s.clone(),
            line: 0,
            problem: "empty document".into(),
            action: "kept with 0 tokens".into(),
        });
    }
    let doc = Document {
        seq,
        doc_id: doc_id.to_string(),
        source,
        title: g("title"),
        date: normalize_date(&g("date")),
        url: g("url"),
        author: fm
            .get("author")
            .or(fm.get("authors"))
            .cloned()
            .unwrap_or_default(),
        story: g("story"),
        origin: path_s,
        text,
        body,
    };
    Ok((doc, problems))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_parsed_and_skipped() {
        let t = "---\ntitle: A \"quoted\" title\nsource: Daily Planet\ndate: 2025-02-27T10:00\n---\nBody here.";
        let (fm, body) = front_matter(t);
        assert_eq!(fm["source"], "Daily Planet");
        assert_eq!(&t[body..], "Body here.");
        assert_eq!(normalize_date(&fm["date"]), "2025-02-27");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let (fm, body) = front_matter("---\ntitle: x\nno closing");
        assert!(fm.is_empty());
        assert_eq!(body, 0);
        let (fm, body) = front_matter("---\nThis is a line of prose.\n---\n");
        assert!(fm.is_empty() && body == 0);
    }

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().0, "hi");
        let (s, note) = decode(b"caf\xE9 \x93x\x94").unwrap();
        assert_eq!(s, "café “x”");
        assert!(note.unwrap().contains("windows-1252"));
        let (s, _) = decode(b"\xFF\xFEh\0i\0").unwrap();
        assert_eq!(s, "hi");
        assert!(decode(b"\x00\x01\x02binary").is_err());
    }

    #[test]
    fn json_records() {
        let f = RecordFile {
            path: "x.jsonl".into(),
            stem: "x".into(),
        };
        let o = LoadOptions::default();
        let (d, _) = parse_json_record(
            br#"{"id": 7, "text": "He said \"hi\".", "source": "A", "extra": {"a": [1]}}"#,
            &f,
            3,
            1,
            1,
            &o,
        )
        .unwrap();
        assert_eq!(d.doc_id, "7");
        assert_eq!(d.text, "He said \"hi\".");
        let e =
            parse_json_record(br#"{"id": 7, "text": "unterminated"#, &f, 3, 1, 1, &o).unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse_json_record(br#"{"id": 7}"#, &f, 4, 1, 1, &o).unwrap_err();
        assert!(e.problem.contains("no text field"));
    }
}
