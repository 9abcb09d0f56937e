//! Record files: JSONL (one object a line, parsed on the workers, text borrowed while parsing)
//! and CSV (quoted newlines allowed), plain or gzipped; one [`Pending`] per record.

use super::walk::record_kind;
use super::{date_fields, too_big, Document, LoadOptions, Pending, Problem};
use crate::error::Result;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A record file (JSONL or CSV) whose records become documents.
#[derive(Debug)]
pub struct RecordFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Fallback source when a record has none.
    pub stem: String,
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
pub(super) fn read_records(
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
            let why = format!("cannot open: {e}");
            let problem = Problem::skip(*seq, path.display().to_string(), 0, why);
            return push(Pending::Failed(problem), 0);
        }
    };
    if record_kind(path) == Some(true) {
        read_jsonl(reader, &file, opts.max_doc_bytes, seq, push)
    } else {
        read_csv(reader, &file, opts, seq, push)
    }
}

/// A line read by [`read_line_bounded`]: its length on disk and whether it passed the limit
/// (then only its first `max` bytes were kept).
struct LineRead {
    /// Bytes the line took in the input, its newline included (0 at the end of the input).
    n: usize,
    /// Whether the line was longer than the limit.
    over: bool,
}

/// Reads one line into `buf`, keeping at most `max` bytes of it: the rest of a longer line
/// is read and dropped, so memory stays bounded by `--max-doc-bytes`, inside gzip too.
fn read_line_bounded(
    rdr: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<LineRead> {
    let mut n = 0;
    loop {
        let avail = rdr.fill_buf()?;
        if avail.is_empty() {
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&avail[..take.min(room)]);
        rdr.consume(take);
        n += take;
        if done {
            break;
        }
    }
    Ok(LineRead { n, over: n > max })
}

/// The longest JSONL line kept in memory for a `--max-doc-bytes` of `max`: twice the limit and
/// 64 KiB (a record's line holds its text escaped and its other fields), so a text within the
/// limit is never refused by its line's length.
fn line_limit(max: usize) -> usize {
    max.saturating_mul(2).saturating_add(1 << 16)
}

/// Strips a UTF-8 byte order mark from the start of a file's first line.
fn strip_bom(buf: &mut Vec<u8>) {
    if buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
}

/// Reads JSONL lines (blank lines skipped), each handed on unparsed; a line over
/// `--max-doc-bytes` is not kept but reported.
fn read_jsonl(
    reader: Box<dyn Read + Send>,
    file: &Arc<RecordFile>,
    max: usize,
    seq: &mut u64,
    push: &mut dyn FnMut(Pending, usize) -> Result<()>,
) -> Result<()> {
    let mut rdr = BufReader::with_capacity(1 << 20, reader);
    let (mut line_no, mut record, mut last_len) = (0u64, 0u64, 0);
    let line_max = line_limit(max);
    loop {
        // sized like the previous line: one allocation per record, not a doubling series
        let mut buf = Vec::with_capacity(last_len.min(line_max) + 256);
        match read_line_bounded(&mut rdr, &mut buf, line_max) {
            Ok(LineRead { n: 0, .. }) => return Ok(()),
            Ok(LineRead { n, over }) => {
                last_len = n;
                line_no += 1;
                if line_no == 1 {
                    strip_bom(&mut buf);
                }
                if buf.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                record += 1;
                *seq += 1;
                if over {
                    let path = file.path.display().to_string();
                    let why = format!("line of {n} bytes exceeds {line_max} bytes (twice --max-doc-bytes {max} and 64 KiB): not read");
                    let problem = Problem::skip(*seq, path, line_no, why);
                    push(Pending::Failed(problem), 0)?;
                    continue;
                }
                let json = Pending::Json {
                    seq: *seq,
                    file: file.clone(),
                    line: line_no,
                    record,
                    raw: buf,
                };
                push(json, n)?;
            }
            Err(e) => {
                *seq += 1;
                let problem = Problem {
                    seq: *seq,
                    path: file.path.display().to_string(),
                    line: line_no + 1,
                    problem: format!("read error (truncated or corrupt file?): {e}"),
                    action: "skipped rest of file".into(),
                };
                return push(Pending::Failed(problem), 0);
            }
        }
    }
}

/// The columns of a CSV file that hold the fields the mapping names.
struct CsvColumns {
    text: Option<usize>,
    id: Option<usize>,
    source: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    author: Option<usize>,
    story: Option<usize>,
    /// The `--group-by` fields, in order.
    group: Vec<Option<usize>>,
}

impl CsvColumns {
    fn new(headers: &csv::ByteRecord, opts: &LoadOptions) -> Self {
        let col = |name: &str| headers.iter().position(|h| h == name.as_bytes());
        CsvColumns {
            text: col(&opts.text_field),
            id: col(&opts.id_field),
            source: col(&opts.source_field),
            title: col(&opts.title_field),
            date: col(&opts.date_field),
            url: col("url"),
            author: col("author"),
            story: col(&opts.story_field),
            group: opts.group_by.iter().map(|g| col(g)).collect(),
        }
    }

    /// The document of a record, its text decoded.
    fn document(&self, rec: &csv::ByteRecord, at: &CsvAt, text: String) -> Document {
        let get = |c: Option<usize>| -> Option<String> {
            c.and_then(|c| rec.get(c))
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        let (date, bad_date) = date_fields(&get(self.date).unwrap_or_default());
        Document {
            seq: at.seq,
            fields: self
                .group
                .iter()
                .map(|c| get(*c).unwrap_or_default())
                .collect(),
            group: String::new(),
            doc_id: get(self.id)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| at.record.to_string()),
            source: get(self.source)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| at.file.stem.clone()),
            title: get(self.title).unwrap_or_default(),
            date,
            bad_date,
            url: get(self.url).unwrap_or_default(),
            author: get(self.author).unwrap_or_default(),
            story: get(self.story).unwrap_or_default(),
            origin: format!("{}:{}", at.path, at.line),
            body: 0,
            text,
        }
    }
}

/// Where a CSV record is: its file, line, number in the file and input order.
struct CsvAt<'a> {
    file: &'a RecordFile,
    path: &'a str,
    line: u64,
    record: u64,
    seq: u64,
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
            let why = format!("cannot read CSV header: {e}");
            return push(Pending::Failed(Problem::skip(*seq, path_s, 1, why)), 0);
        }
    };
    let cols = CsvColumns::new(&headers, opts);
    let mut record = 0u64;
    let mut rec = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                record += 1;
                *seq += 1;
                let at = CsvAt {
                    file,
                    path: &path_s,
                    line,
                    record,
                    seq: *seq,
                };
                csv_record(&rec, &cols, &at, opts, push)?;
            }
            Err(e) => {
                *seq += 1;
                let line = e.position().map(|p| p.line()).unwrap_or(line);
                let why = format!("malformed CSV record: {e}");
                push(Pending::Failed(Problem::skip(*seq, &path_s, line, why)), 0)?;
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Ok(());
                }
            }
        }
    }
}

/// One CSV record handed on: its document, or the problem that skips it (no text field, too
/// big); a text not in UTF-8 is decoded as windows-1252, with a row saying so.
fn csv_record(
    rec: &csv::ByteRecord,
    cols: &CsvColumns,
    at: &CsvAt,
    opts: &LoadOptions,
    push: &mut dyn FnMut(Pending, usize) -> Result<()>,
) -> Result<()> {
    let Some(raw_text) = cols.text.and_then(|c| rec.get(c)) else {
        let why = format!("record has no field '{}'", opts.text_field);
        let problem = Problem::skip(at.seq, at.path, at.line, why);
        return push(Pending::Failed(problem), 0);
    };
    if raw_text.len() > opts.max_doc_bytes {
        let problem = too_big(at.seq, at.path, at.line, raw_text.len(), opts.max_doc_bytes);
        return push(Pending::Failed(problem), 0);
    }
    let text = match std::str::from_utf8(raw_text) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let problem = Problem {
                seq: at.seq,
                path: at.path.to_string(),
                line: at.line,
                problem: "invalid UTF-8 in text field; decoded as windows-1252".into(),
                action: "decoded".into(),
            };
            push(Pending::Failed(problem), 0)?;
            encoding_rs::WINDOWS_1252.decode(raw_text).0.into_owned()
        }
    };
    let doc = cols.document(rec, at, text);
    let n = doc.text.len();
    push(Pending::Ready(Box::new(doc)), n)
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
        d.deserialize_any(ScalarVisitor)
    }
}

/// Reads a scalar JSON value as text (a list of strings joined; null and objects give `None`).
struct ScalarVisitor;
impl<'de> Visitor<'de> for ScalarVisitor {
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
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<Self::Value, A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar(None))
    }
}

/// A record parsed: its document, and the row saying its text was decoded as windows-1252 (not
/// UTF-8), if it was.
#[derive(Debug)]
pub struct Parsed {
    /// The document.
    pub doc: Document,
    /// The problem row of a decoded text.
    pub note: Option<Problem>,
}

/// Where a JSONL record is: its file, line, number in the file and input order.
struct JsonAt<'a> {
    file: &'a RecordFile,
    path: String,
    line: u64,
    record: u64,
    seq: u64,
}

impl JsonAt<'_> {
    fn fail(&self, problem: String) -> Problem {
        Problem::skip(self.seq, self.path.clone(), self.line, problem)
    }
}

/// The places of the fields in [`json_keys`]: the `--group-by` fields follow the last.
const TEXT: usize = 0;
const ID: usize = 1;
const SOURCE: usize = 2;
const TITLE: usize = 3;
const DATE: usize = 4;
const URL: usize = 5;
const AUTHORS: usize = 6;
const STORY: usize = 7;
const GROUP_FIELDS: usize = 8;

/// The keys a JSONL record's fields are picked by, in the order of the constants above.
fn json_keys(opts: &LoadOptions) -> Vec<&str> {
    let mut keys: Vec<&str> = vec![
        &opts.text_field,
        &opts.id_field,
        &opts.source_field,
        &opts.title_field,
        &opts.date_field,
        "url",
        "authors",
        &opts.story_field,
    ];
    keys.extend(opts.group_by.iter().map(String::as_str));
    keys
}

/// Parses one JSONL record into a document, borrowing the text while parsing.
pub fn parse_json_record(
    raw: &[u8],
    file: &RecordFile,
    line: u64,
    record: u64,
    seq: u64,
    opts: &LoadOptions,
) -> std::result::Result<Parsed, Problem> {
    let at = JsonAt {
        file,
        path: file.path.display().to_string(),
        line,
        record,
        seq,
    };
    let (s, decoded): (Cow<str>, bool) = match std::str::from_utf8(raw) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (encoding_rs::WINDOWS_1252.decode(raw).0, true),
    };
    let keys = json_keys(opts);
    let mut de = serde_json::Deserializer::from_str(s.trim_end());
    let vals = Picked { keys: &keys }
        .deserialize(&mut de)
        .map_err(|e| at.fail(format!("invalid JSON: {e}")))?;
    de.end()
        .map_err(|e| at.fail(format!("invalid JSON: {e}")))?;
    let doc = json_document(vals, &at, opts)?;
    let note = decoded.then(|| Problem {
        seq,
        path: at.path.clone(),
        line,
        problem: "invalid UTF-8 in record; decoded as windows-1252".into(),
        action: "decoded".into(),
    });
    Ok(Parsed { doc, note })
}

/// The document of a record's picked fields; refused without a text, or with one too big.
fn json_document(
    mut vals: Vec<Option<Cow<str>>>,
    at: &JsonAt,
    opts: &LoadOptions,
) -> std::result::Result<Document, Problem> {
    // the text moves out (an unescaped text is already an owned copy: not copied again)
    let Some(text) = vals[TEXT].take() else {
        let why = format!("record has no text field '{}'", opts.text_field);
        return Err(at.fail(why));
    };
    let max = opts.max_doc_bytes;
    if text.len() > max {
        return Err(too_big(at.seq, &at.path, at.line, text.len(), max));
    }
    let get = |i: usize| vals[i].as_deref().unwrap_or("").to_string();
    let (date, bad_date) = date_fields(&get(DATE));
    Ok(Document {
        fields: (GROUP_FIELDS..vals.len()).map(get).collect(),
        group: String::new(),
        seq: at.seq,
        doc_id: vals[ID]
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| at.record.to_string()),
        source: vals[SOURCE]
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| at.file.stem.clone()),
        title: get(TITLE),
        date,
        bad_date,
        url: get(URL),
        author: get(AUTHORS),
        story: get(STORY),
        origin: format!("{}:{}", at.path, at.line),
        text: text.into_owned(),
        body: 0,
    })
}

/// Records looked at by [`check_fields`].
const FIELD_CHECK_RECORDS: usize = 50;

/// The field names of the first records of a JSONL or CSV file (in order of first appearance),
/// and how many records were looked at.
fn first_fields(path: &Path, max: usize) -> std::io::Result<(Vec<String>, usize)> {
    let reader = open_maybe_gz(path)?;
    let mut names: Vec<String> = Vec::new();
    let mut n = 0;
    if record_kind(path) == Some(true) {
        let mut rdr = BufReader::new(reader);
        let line_max = line_limit(max);
        loop {
            let mut line = Vec::new();
            let got = read_line_bounded(&mut rdr, &mut line, line_max)?;
            if got.n == 0 {
                break;
            }
            if n == 0 {
                strip_bom(&mut line);
            }
            if got.over || line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            n += 1;
            if let Ok(serde_json::Value::Object(m)) = serde_json::from_slice(&line) {
                for k in m.keys() {
                    if !names.contains(k) {
                        names.push(k.clone());
                    }
                }
            }
            if n >= FIELD_CHECK_RECORDS {
                break;
            }
        }
    } else {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        if let Ok(h) = rdr.headers() {
            names = h.iter().map(str::to_string).collect();
        }
        n = 1;
    }
    Ok((names, n))
}

/// Checks the field mapping against the first records of each JSONL/CSV input before any work:
/// a text field (or a named id field) absent from all of them is an error listing the fields that
/// exist; an absent source field (every document would be filed under the file name) or named
/// date, title or story field is a warning, returned.
pub fn check_fields(files: &[PathBuf], opts: &LoadOptions) -> Result<Vec<String>> {
    let defaults = LoadOptions::default();
    let mut warnings = Vec::new();
    for path in files {
        let Ok((names, n)) = first_fields(path, opts.max_doc_bytes) else {
            continue; // unreadable files are reported as problem rows when read
        };
        if n == 0 || names.is_empty() {
            continue; // empty or unparsable: the per-record problems say why
        }
        let has = |f: &str| names.iter().any(|k| k == f);
        let listing = names.join(", ");
        let first = if record_kind(path) == Some(true) {
            format!("the first {n} records")
        } else {
            "the CSV header".to_string()
        };
        if !has(&opts.text_field) {
            return Err(crate::error::Error::parse(
                path,
                None,
                format!(
                    "no text field '{}' in {first}; the fields are: {listing} (choose one with --text-field)",
                    opts.text_field
                ),
            ));
        }
        if opts.id_field != defaults.id_field && !has(&opts.id_field) {
            return Err(crate::error::Error::parse(
                path,
                None,
                format!(
                    "no id field '{}' in {first}; the fields are: {listing} (choose one with --id-field)",
                    opts.id_field
                ),
            ));
        }
        if !has(&opts.source_field) {
            warnings.push(format!(
                "{}: no source field '{}' in {first}, so every document's source is the file name; the fields are: {listing} (--source-field)",
                path.display(),
                opts.source_field
            ));
        }
        for (flag, field, default) in [
            ("--date-field", &opts.date_field, &defaults.date_field),
            ("--title-field", &opts.title_field, &defaults.title_field),
            ("--story-field", &opts.story_field, &defaults.story_field),
        ] {
            if field != default && !has(field) {
                warnings.push(format!(
                    "{}: no field '{field}' ({flag}) in {first}; the fields are: {listing}",
                    path.display()
                ));
            }
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_past_the_limit_is_read_but_not_kept() {
        let mut r = std::io::Cursor::new(b"aaaaaaaaaa\nbb\n".to_vec());
        let mut buf = Vec::new();
        let l = read_line_bounded(&mut r, &mut buf, 4).unwrap();
        assert!(l.over && l.n == 11 && buf.len() == 4);
        buf.clear();
        let l = read_line_bounded(&mut r, &mut buf, 4).unwrap();
        assert!(!l.over && l.n == 3 && buf == b"bb\n");
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap().n, 0);
    }

    #[test]
    fn a_bom_is_stripped() {
        let mut b = b"\xEF\xBB\xBF{}".to_vec();
        strip_bom(&mut b);
        assert_eq!(b, b"{}");
    }

    #[test]
    fn json_records() {
        let f = RecordFile {
            path: "x.jsonl".into(),
            stem: "x".into(),
        };
        let o = LoadOptions::default();
        let d = parse_json_record(
            br#"{"id": 7, "text": "He said \"hi\".", "source": "A", "extra": {"a": [1]}}"#,
            &f,
            3,
            1,
            1,
            &o,
        )
        .unwrap()
        .doc;
        assert_eq!(d.doc_id, "7");
        assert_eq!(d.text, "He said \"hi\".");
        let e =
            parse_json_record(br#"{"id": 7, "text": "unterminated"#, &f, 3, 1, 1, &o).unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse_json_record(br#"{"id": 7}"#, &f, 4, 1, 1, &o).unwrap_err();
        assert!(e.problem.contains("no text field"));
    }
}
