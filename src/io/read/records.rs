//! Record files: JSONL (one object a line, parsed on the workers, text borrowed while parsing)
//! and CSV (quoted newlines allowed), plain or gzipped; one [`Pending`] per record.

use super::walk::{record_kind, RecordKind};
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

/// Where a record file's records go: the input-order counter and the consumer.
struct Sink<'a> {
    seq: &'a mut u64,
    push: &'a mut dyn FnMut(Pending, usize) -> Result<()>,
}

impl Sink<'_> {
    /// The next number in input order.
    fn next_seq(&mut self) -> u64 {
        *self.seq += 1;
        *self.seq
    }

    /// Hands on a pending input of `size` bytes.
    fn push(&mut self, pending: Pending, size: usize) -> Result<()> {
        (self.push)(pending, size)
    }

    /// Hands on a problem row.
    fn failed(&mut self, problem: Problem) -> Result<()> {
        self.push(Pending::Failed(problem), 0)
    }

    /// Hands on a row that skips a record (or a file), numbered next in input order.
    fn skip(&mut self, path: &str, line: u64, why: String) -> Result<()> {
        let seq = self.next_seq();
        self.failed(Problem::skip(seq, path, line, why))
    }
}

/// Reads a JSONL or CSV file, handing each record on as [`Pending`].
pub(super) fn read_records(
    path: &Path,
    opts: &LoadOptions,
    seq: &mut u64,
    push: &mut dyn FnMut(Pending, usize) -> Result<()>,
) -> Result<()> {
    let file = Arc::new(RecordFile {
        path: path.to_path_buf(),
        stem: file_stem(path),
    });
    let out = &mut Sink { seq, push };
    let reader = match open_maybe_gz(path) {
        Ok(r) => r,
        Err(e) => return out.skip(&path.display().to_string(), 0, format!("cannot open: {e}")),
    };
    match record_kind(path) {
        Some(RecordKind::Jsonl) => read_jsonl(reader, &file, opts.max_doc_bytes, out),
        Some(RecordKind::JsonArray) => read_json_array(reader, &file, opts, out),
        Some(RecordKind::Tsv) => read_csv(reader, &file, opts, b'\t', out),
        _ => read_csv(reader, &file, opts, b',', out),
    }
}

/// A record file's fallback source: its name up to the first dot.
fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or_default().to_string()
}

/// The lines of one `\n`-ended read: itself, or its pieces (each with its ending) where it holds
/// a lone CR, the line ending of classic Mac files. JSON never holds a raw CR inside a string,
/// so a lone CR ends a record.
fn cr_lines(buf: Vec<u8>) -> Vec<Vec<u8>> {
    let lone_cr = |i: usize| buf[i] == b'\r' && buf.get(i + 1) != Some(&b'\n');
    if !(0..buf.len()).any(lone_cr) {
        return vec![buf];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..buf.len() {
        if lone_cr(i) {
            out.push(buf[start..=i].to_vec());
            start = i + 1;
        }
    }
    if start < buf.len() {
        out.push(buf[start..].to_vec());
    }
    out
}

/// A JSON error as a problem row says it: serde's message without its position in the record
/// parsed alone (always line 1), with the column; the row gives the file's line.
fn json_error(e: &serde_json::Error) -> String {
    let m = e.to_string();
    let m = m
        .rsplit_once(" at line ")
        .map_or(m.as_str(), |(msg, _)| msg);
    format!("invalid JSON at column {}: {m}", e.column())
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

/// Lines and records of a JSONL file read so far.
#[derive(Default)]
struct JsonlCount {
    line: u64,
    record: u64,
}

/// Reads JSONL lines (blank lines skipped), each handed on unparsed; a line over
/// `--max-doc-bytes` is not kept but reported.
fn read_jsonl(
    reader: Box<dyn Read + Send>,
    file: &Arc<RecordFile>,
    max: usize,
    out: &mut Sink,
) -> Result<()> {
    let mut rdr = BufReader::with_capacity(1 << 20, reader);
    let (mut count, mut last_len) = (JsonlCount::default(), 0);
    let line_max = line_limit(max);
    loop {
        // sized like the previous line: one allocation per record, not a doubling series
        let mut buf = Vec::with_capacity(last_len.min(line_max) + 256);
        let n = match read_line_bounded(&mut rdr, &mut buf, line_max) {
            Ok(LineRead { n: 0, .. }) => return Ok(()),
            Ok(LineRead { n, over: true }) => {
                count.line += 1;
                count.record += 1;
                let why = format!("line of {n} bytes exceeds {line_max} bytes (twice --max-doc-bytes {max} and 64 KiB): not read");
                out.skip(&file.path.display().to_string(), count.line, why)?;
                n
            }
            Ok(LineRead { n, over: false }) => {
                if count.line == 0 {
                    strip_bom(&mut buf);
                }
                push_json_lines(buf, file, &mut count, out)?;
                n
            }
            Err(e) => return read_error_row(out, &file.path, count.line + 1, &e),
        };
        last_len = n;
    }
}

/// Hands on the records of one line as read (its pieces at lone CRs), blank ones skipped.
fn push_json_lines(
    buf: Vec<u8>,
    file: &Arc<RecordFile>,
    count: &mut JsonlCount,
    out: &mut Sink,
) -> Result<()> {
    for raw in cr_lines(buf) {
        count.line += 1;
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        count.record += 1;
        let size = raw.len();
        let json = Pending::Json {
            seq: out.next_seq(),
            file: file.clone(),
            line: count.line,
            record: count.record,
            raw,
        };
        out.push(json, size)?;
    }
    Ok(())
}

/// Hands on the row of a read error, which ends the reading of the file.
fn read_error_row(out: &mut Sink, path: &Path, line: u64, e: &std::io::Error) -> Result<()> {
    let seq = out.next_seq();
    out.failed(Problem {
        seq,
        path: path.display().to_string(),
        line,
        problem: format!("read error (truncated or corrupt file?): {e}"),
        action: "skipped rest of file".into(),
    })
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

/// Reads a `.json` dump, an array of objects, whole; each object is a record handed on as a
/// JSONL line would be, numbered by the line it starts on.
fn read_json_array(
    reader: Box<dyn Read + Send>,
    file: &Arc<RecordFile>,
    opts: &LoadOptions,
    out: &mut Sink,
) -> Result<()> {
    let path_s = file.path.display().to_string();
    let bytes = match read_dump(reader) {
        Ok(b) => b,
        Err(why) => return out.skip(&path_s, 0, why),
    };
    let items = match json_array_items(&bytes) {
        Ok(v) => v,
        Err(why) => return out.skip(&path_s, 0, why),
    };
    let mut lines = LinesTo {
        bytes: &bytes,
        line: 1,
        from: 0,
    };
    for (i, item) in items.iter().enumerate() {
        let raw = item.get().as_bytes();
        let line = lines.line_of(raw);
        if raw.len() > line_limit(opts.max_doc_bytes) {
            let why = format!(
                "record of {} bytes exceeds twice --max-doc-bytes",
                raw.len()
            );
            out.skip(&path_s, line, why)?;
            continue;
        }
        let json = Pending::Json {
            seq: out.next_seq(),
            file: file.clone(),
            line,
            record: i as u64 + 1,
            raw: raw.to_vec(),
        };
        out.push(json, raw.len())?;
    }
    Ok(())
}

/// The whole of a `.json` dump, its byte order mark stripped, or why it could not be read.
fn read_dump(mut reader: Box<dyn Read + Send>) -> std::result::Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Err(format!("read error (truncated or corrupt file?): {e}"));
    }
    strip_bom(&mut bytes);
    Ok(bytes)
}

/// The records of a JSON dump, or why it is not an array of records.
fn json_array_items(
    bytes: &[u8],
) -> std::result::Result<Vec<&serde_json::value::RawValue>, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("not a JSON array of records ({e}); a .json dump holds [{{...}}, ...] (one object a line: name it .jsonl)"))
}

/// Counts lines forward through a JSON dump, to the start of each of its records in turn.
struct LinesTo<'a> {
    bytes: &'a [u8],
    /// The line reached.
    line: u64,
    /// The byte reached.
    from: usize,
}

impl LinesTo<'_> {
    /// The line `raw`, a slice of the dump after the previous one asked, starts on.
    fn line_of(&mut self, raw: &[u8]) -> u64 {
        let at = (raw.as_ptr() as usize).saturating_sub(self.bytes.as_ptr() as usize);
        let to = at.max(self.from);
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.from..to]).count() as u64;
        self.from = to;
        self.line
    }
}

/// Where a CSV line leaves its record, byte by byte as the csv crate reads it (a quote opens a
/// quoted field only at the start of a field, `""` inside one is a quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field.
    FieldStart,
    /// In a field not quoted.
    Bare,
    /// Inside a quoted field: a newline here belongs to the field.
    Quoted,
    /// A quote met inside a quoted field: it closes the field, or a second one makes a quote.
    QuoteInQuoted,
}

/// The quoting state after the bytes of one line (its newline included), and whether a quoted
/// field was closed by a quote followed by text (`"a"b`: the csv crate keeps it, RFC 4180 does
/// not allow it; in a record over several lines it shows a quote left open before).
fn quoting_after(mut q: Quoting, line: &[u8], delim: u8) -> (Quoting, bool) {
    use Quoting::*;
    let mut stray = false;
    for &b in line {
        if q == QuoteInQuoted && b != b'"' && b != delim && b != b'\n' && b != b'\r' {
            stray = true;
        }
        q = match (q, b) {
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) => Quoted,
            (QuoteInQuoted, b'"') => Quoted,
            (FieldStart, b'"') => Quoted,
            (_, b'\n' | b'\r') => FieldStart,
            (_, d) if d == delim => FieldStart,
            _ => Bare,
        };
    }
    (q, stray)
}

/// A CSV record as read: its physical lines (the first line's number) and whether its last
/// quote was left open at the end of the input.
#[derive(Default)]
struct CsvLines {
    first: u64,
    lines: Vec<Vec<u8>>,
    unterminated: bool,
    /// Whether a quoted field closed with text after its quote.
    stray: bool,
}

impl CsvLines {
    /// Adds line `n`, read from quoting state `q`; returns the state after it.
    fn push(&mut self, n: u64, l: Vec<u8>, q: Quoting, delim: u8) -> Quoting {
        if self.lines.is_empty() {
            self.first = n;
        }
        let (after, stray) = quoting_after(q, &l, delim);
        self.stray |= stray;
        self.lines.push(l);
        after
    }
}

/// Reads CSV records line by line, so that a malformed record can be given up and the lines
/// after its first read again (see [`read_csv`]).
struct CsvSource<R> {
    rdr: R,
    delim: u8,
    /// Longest record kept in memory.
    max: usize,
    line_no: u64,
    /// Lines given back to be read again, in order.
    again: std::collections::VecDeque<(u64, Vec<u8>)>,
    /// A line too long to keep met inside a record, said after it.
    long: Option<(u64, usize)>,
}

/// A line of a CSV source: its number and bytes, or a line too long to keep.
enum CsvLine {
    Line(u64, Vec<u8>),
    TooLong(u64, usize),
}

impl<R: BufRead> CsvSource<R> {
    fn new(rdr: R, delim: u8, max: usize) -> Self {
        CsvSource {
            rdr,
            delim,
            max,
            line_no: 0,
            again: Default::default(),
            long: None,
        }
    }

    fn line(&mut self) -> std::io::Result<Option<CsvLine>> {
        if let Some((n, l)) = self.again.pop_front() {
            return Ok(Some(CsvLine::Line(n, l)));
        }
        if let Some((n, size)) = self.long.take() {
            return Ok(Some(CsvLine::TooLong(n, size)));
        }
        let mut buf = Vec::new();
        let got = read_line_bounded(&mut self.rdr, &mut buf, self.max)?;
        if got.n == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        if self.line_no == 1 {
            strip_bom(&mut buf);
        }
        Ok(Some(if got.over {
            CsvLine::TooLong(self.line_no, got.n)
        } else {
            CsvLine::Line(self.line_no, buf)
        }))
    }

    /// The next record's lines (blank lines between records skipped); `Err` names a line too
    /// long to keep (its record is given up).
    fn record(&mut self) -> std::io::Result<Option<std::result::Result<CsvLines, (u64, usize)>>> {
        let mut rec = CsvLines::default();
        let (mut q, mut bytes) = (Quoting::FieldStart, 0usize);
        loop {
            let (n, l) = match self.line()? {
                Some(CsvLine::Line(n, l)) => (n, l),
                end => return Ok(self.cut_short(rec, end)),
            };
            if rec.lines.is_empty() && l.iter().all(|b| *b == b'\n' || *b == b'\r') {
                continue;
            }
            bytes += l.len();
            q = rec.push(n, l, q, self.delim);
            // after a line's newline the state is Quoted (the record goes on) or FieldStart
            if q != Quoting::Quoted {
                return Ok(Some(Ok(rec)));
            }
            if bytes > self.max {
                rec.unterminated = true;
                return Ok(Some(Ok(rec)));
            }
        }
    }

    /// A record cut short by the end of the input or by a line too long to keep: nothing when
    /// no line was read, the long line when it came first, else the record unterminated.
    fn cut_short(
        &mut self,
        mut rec: CsvLines,
        end: Option<CsvLine>,
    ) -> Option<std::result::Result<CsvLines, (u64, usize)>> {
        match end {
            None if rec.lines.is_empty() => return None,
            Some(CsvLine::TooLong(n, size)) if rec.lines.is_empty() => return Some(Err((n, size))),
            // the record is given up; the long line is said after it
            Some(CsvLine::TooLong(n, size)) => self.long = Some((n, size)),
            _ => {}
        }
        rec.unterminated = true;
        Some(Ok(rec))
    }

    /// Gives back the lines of a record after its first, to be read again (resync).
    fn give_back(&mut self, rec: &mut CsvLines) {
        let first = rec.first;
        for (i, l) in rec.lines.drain(..).enumerate().skip(1).rev() {
            self.again.push_front((first + i as u64, l));
        }
    }
}

/// Why a CSV record of `width` fields is malformed, if it is: a quote left open to the end, a
/// field count other than the header's, or (over several lines) a quote closed before text.
fn malformed(rec: &CsvLines, width: usize, header: usize) -> Option<String> {
    let why = if rec.unterminated {
        "a quote opened here is never closed".to_string()
    } else if width != header {
        format!("{width} fields where the header has {header}")
    } else if rec.lines.len() > 1 && rec.stray {
        "a quote opened here closes on a later line before text (a quote left open?)".to_string()
    } else {
        return None;
    };
    Some(format!("malformed CSV record: {why}"))
}

/// Parses the lines of one record into its fields.
fn parse_csv_record(lines: &[Vec<u8>], delim: u8) -> Option<csv::ByteRecord> {
    let bytes = lines.concat();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(bytes.as_slice());
    let mut rec = csv::ByteRecord::new();
    rdr.read_byte_record(&mut rec).ok()?.then_some(rec)
}

/// Reads CSV (or TSV) records into documents; quoted newlines allowed. Every record ends as a
/// document or a row: a record whose field count differs from the header's is a row, and when
/// it spans several lines (an unterminated quote swallowing the records after it) only its
/// first line is given up: reading resumes at the next line.
fn read_csv(
    reader: Box<dyn Read + Send>,
    file: &Arc<RecordFile>,
    opts: &LoadOptions,
    delim: u8,
    out: &mut Sink,
) -> Result<()> {
    let path_s = file.path.display().to_string();
    let rdr = BufReader::with_capacity(1 << 20, reader);
    let mut src = CsvSource::new(rdr, delim, line_limit(opts.max_doc_bytes));
    let Some(headers) = csv_header(&mut src, &path_s, out)? else {
        return Ok(());
    };
    let cols = CsvColumns::new(&headers, opts);
    let mut record = 0u64;
    while let Some(mut rec) = next_csv_record(&mut src, &path_s, out)? {
        let Some(fields) = well_formed(&mut src, &mut rec, headers.len(), &path_s, out)? else {
            continue;
        };
        record += 1;
        let at = CsvAt {
            file,
            path: &path_s,
            line: rec.first,
            record,
            seq: out.next_seq(),
        };
        csv_record(&fields, &cols, &at, opts, out)?;
    }
    Ok(())
}

/// The next record of a CSV file, lines too long to keep reported and passed over; `None` at
/// the end of the input, or after a read error (reported).
fn next_csv_record<R: BufRead>(
    src: &mut CsvSource<R>,
    path: &str,
    out: &mut Sink,
) -> Result<Option<CsvLines>> {
    loop {
        match src.record() {
            Ok(None) => return Ok(None),
            Ok(Some(Ok(r))) => return Ok(Some(r)),
            Ok(Some(Err((line, size)))) => {
                let why = format!("line of {size} bytes exceeds {} bytes (twice --max-doc-bytes and 64 KiB): not read", src.max);
                out.skip(path, line, why)?;
            }
            Err(e) => {
                let why = format!("read error (truncated or corrupt file?): {e}");
                return out.skip(path, src.line_no + 1, why).map(|()| None);
            }
        }
    }
}

/// The fields of a well-formed record; a malformed one is reported as a row and, when it spans
/// several lines, its lines after the first are given back to be read again.
fn well_formed<R: BufRead>(
    src: &mut CsvSource<R>,
    rec: &mut CsvLines,
    header: usize,
    path: &str,
    out: &mut Sink,
) -> Result<Option<csv::ByteRecord>> {
    let fields = parse_csv_record(&rec.lines, src.delim);
    let width = fields.as_ref().map(|f| f.len()).unwrap_or(0);
    let Some(why) = malformed(rec, width, header) else {
        return Ok(fields);
    };
    out.skip(path, rec.first, why)?;
    if rec.lines.len() > 1 {
        src.give_back(rec);
    }
    Ok(None)
}

/// The header record of a CSV file; `None` when the file ends before it or it could not be
/// read (a row handed on says why).
fn csv_header<R: BufRead>(
    src: &mut CsvSource<R>,
    path: &str,
    out: &mut Sink,
) -> Result<Option<csv::ByteRecord>> {
    let (line, why) = match src.record() {
        Ok(Some(Ok(h))) => {
            return Ok(Some(
                parse_csv_record(&h.lines, src.delim).unwrap_or_default(),
            ))
        }
        Ok(None) => return Ok(None),
        Ok(Some(Err((line, _)))) => (line, "CSV header line too long".to_string()),
        Err(e) => (1, format!("cannot read CSV header: {e}")),
    };
    out.skip(path, line, why).map(|()| None)
}

/// One CSV record handed on: its document, or the problem that skips it (no text field, too
/// big); a text not in UTF-8 is decoded as windows-1252, with a row saying so.
fn csv_record(
    rec: &csv::ByteRecord,
    cols: &CsvColumns,
    at: &CsvAt,
    opts: &LoadOptions,
    out: &mut Sink,
) -> Result<()> {
    let Some(raw_text) = cols.text.and_then(|c| rec.get(c)) else {
        let why = format!("record has no field '{}'", opts.text_field);
        return out.failed(Problem::skip(at.seq, at.path, at.line, why));
    };
    if raw_text.len() > opts.max_doc_bytes {
        let problem = too_big(at.seq, at.path, at.line, raw_text.len(), opts.max_doc_bytes);
        return out.failed(problem);
    }
    let text = match std::str::from_utf8(raw_text) {
        Ok(s) => s.to_string(),
        Err(_) => {
            out.failed(decoded_note(at.seq, at.path, at.line, "text field"))?;
            encoding_rs::WINDOWS_1252.decode(raw_text).0.into_owned()
        }
    };
    let doc = cols.document(rec, at, text);
    let n = doc.text.len();
    out.push(Pending::Ready(Box::new(doc)), n)
}

/// The row of a record (or its `what`) not in UTF-8, decoded as windows-1252.
fn decoded_note(seq: u64, path: &str, line: u64, what: &str) -> Problem {
    Problem {
        seq,
        path: path.to_string(),
        line,
        problem: format!("invalid UTF-8 in {what}; decoded as windows-1252"),
        action: "decoded".into(),
    }
}

/// A JSON value picked from a record: strings borrowed where possible, numbers as text.
struct Picked<'a> {
    /// Wanted keys in order.
    keys: &'a [&'a str],
}

impl<'de> DeserializeSeed<'de> for Picked<'_> {
    type Value = PickedFields<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

/// A record's picked fields, and what its text field held when that was no string.
struct PickedFields<'de> {
    vals: Vec<Option<Cow<'de, str>>>,
    /// "a number", "a list", ... when the text field held no string (null aside).
    text_not_string: Option<&'static str>,
}

impl<'de> Visitor<'de> for Picked<'_> {
    type Value = PickedFields<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = PickedFields {
            vals: vec![None; self.keys.len()],
            text_not_string: None,
        };
        while let Some(k) = map.next_key::<Cow<'de, str>>()? {
            match self.keys.iter().position(|w| *w == k) {
                Some(i) => {
                    let v = map.next_value::<Scalar<'de>>()?;
                    if i == TEXT && !matches!(v.kind, "a string" | "null") {
                        out.text_not_string = Some(v.kind);
                    }
                    out.vals[i] = v.text;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A scalar JSON value as text (null and nested values give `None`), and what kind of value it
/// was ("a string", "a number", "a list", ...).
struct Scalar<'a> {
    text: Option<Cow<'a, str>>,
    kind: &'static str,
}

impl<'a> Scalar<'a> {
    fn new(text: Option<Cow<'a, str>>, kind: &'static str) -> Self {
        Scalar { text, kind }
    }
}

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
        Ok(Scalar::new(Some(Cow::Borrowed(v)), "a string"))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(Some(Cow::Owned(v.to_string())), "a string"))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(Some(Cow::Owned(v)), "a string"))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(Some(Cow::Owned(v.to_string())), "a number"))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(Some(Cow::Owned(v.to_string())), "a number"))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(Some(Cow::Owned(v.to_string())), "a number"))
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(Some(Cow::Owned(v.to_string())), "a boolean"))
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::new(None, "null"))
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
        let text = (!parts.is_empty()).then(|| Cow::Owned(parts.join("; ")));
        Ok(Scalar::new(text, "a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<Self::Value, A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::new(None, "an object"))
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
    let vals = picked_fields(&s, &at, opts)?;
    let doc = json_document(vals, &at, opts)?;
    let note = decoded.then(|| decoded_note(seq, &at.path, line, "record"));
    Ok(Parsed { doc, note })
}

/// The wanted fields of a record's JSON; refused when it is no JSON object or its text field
/// holds something other than a string.
fn picked_fields<'de>(
    s: &'de str,
    at: &JsonAt,
    opts: &LoadOptions,
) -> std::result::Result<Vec<Option<Cow<'de, str>>>, Problem> {
    let keys = json_keys(opts);
    let mut de = serde_json::Deserializer::from_str(s.trim_end());
    let vals = Picked { keys: &keys }
        .deserialize(&mut de)
        .map_err(|e| at.fail(json_error(&e)))?;
    de.end().map_err(|e| at.fail(json_error(&e)))?;
    if let Some(kind) = vals.text_not_string {
        let why = format!(
            "text field '{}' holds {kind}, not a string",
            opts.text_field
        );
        return Err(at.fail(why));
    }
    Ok(vals.vals)
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
        doc_id: json_doc_id(vals[ID].as_deref(), at),
        source: json_source(vals[SOURCE].as_deref(), at),
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

/// A record's id: its id field, else its number in the file.
fn json_doc_id(id: Option<&str>, at: &JsonAt) -> String {
    id.filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| at.record.to_string())
}

/// A record's source: its source field trimmed, else the file's stem.
fn json_source(source: Option<&str>, at: &JsonAt) -> String {
    source
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| at.file.stem.clone())
}

/// Records looked at by [`check_fields`].
const FIELD_CHECK_RECORDS: usize = 50;

/// The field names of the first records of a JSONL or CSV file (in order of first appearance),
/// and how many records were looked at.
struct FirstFields {
    names: Vec<String>,
    records: usize,
}

impl FirstFields {
    /// Adds the keys of a JSON object not met before (a line holding no object adds none).
    fn add_keys(&mut self, line: &[u8]) {
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_slice(line) {
            for k in m.keys() {
                if !self.names.contains(k) {
                    self.names.push(k.clone());
                }
            }
        }
    }
}

/// The field names of the first records of a JSONL or CSV file.
fn first_fields(path: &Path, max: usize) -> std::io::Result<FirstFields> {
    let reader = open_maybe_gz(path)?;
    match record_kind(path) {
        // each record's problems say why
        Some(RecordKind::JsonArray) => Ok(FirstFields {
            names: Vec::new(),
            records: 0,
        }),
        Some(RecordKind::Jsonl) => jsonl_fields(BufReader::new(reader), max),
        Some(RecordKind::Tsv) => Ok(csv_header_fields(reader, b'\t')),
        _ => Ok(csv_header_fields(reader, b',')),
    }
}

/// The keys of the first [`FIELD_CHECK_RECORDS`] records of a JSONL file.
fn jsonl_fields(mut rdr: impl BufRead, max: usize) -> std::io::Result<FirstFields> {
    let mut first = FirstFields {
        names: Vec::new(),
        records: 0,
    };
    let line_max = line_limit(max);
    while first.records < FIELD_CHECK_RECORDS {
        let mut line = Vec::new();
        let got = read_line_bounded(&mut rdr, &mut line, line_max)?;
        if got.n == 0 {
            break;
        }
        if first.records == 0 {
            strip_bom(&mut line);
        }
        if got.over || line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        first.records += 1;
        first.add_keys(&line);
    }
    Ok(first)
}

/// The names in a CSV file's header (none when it cannot be read), one record looked at.
fn csv_header_fields(reader: impl Read, delim: u8) -> FirstFields {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delim)
        .from_reader(reader);
    let names = rdr
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default();
    FirstFields { names, records: 1 }
}

/// Checks the field mapping against the first records of each JSONL/CSV input before any work:
/// a text field (or a named id field) absent from all of them is an error listing the fields that
/// exist; an absent source field (every document would be filed under the file name) or named
/// date, title or story field is a warning, returned.
pub fn check_fields(files: &[PathBuf], opts: &LoadOptions) -> Result<Vec<String>> {
    let defaults = LoadOptions::default();
    let mut warnings = Vec::new();
    for path in files {
        let Ok(first) = first_fields(path, opts.max_doc_bytes) else {
            continue; // unreadable files are reported as problem rows when read
        };
        if first.records == 0 || first.names.is_empty() {
            continue; // empty or unparsable: the per-record problems say why
        }
        let seen = Seen::new(path, &first);
        check_needed_fields(&seen, opts, &defaults)?;
        warnings.extend(field_warnings(&seen, opts, &defaults));
    }
    Ok(warnings)
}

/// The fields a file's first records showed, as the field checks word them.
struct Seen<'a> {
    path: &'a Path,
    names: &'a [String],
    /// The names, comma-separated.
    listing: String,
    /// What was looked at: "the first N records" or "the CSV header".
    first: String,
}

impl<'a> Seen<'a> {
    fn new(path: &'a Path, fields: &'a FirstFields) -> Self {
        let first = if record_kind(path) == Some(RecordKind::Jsonl) {
            format!("the first {} records", fields.records)
        } else {
            "the CSV header".to_string()
        };
        Seen {
            path,
            names: &fields.names,
            listing: fields.names.join(", "),
            first,
        }
    }

    fn has(&self, field: &str) -> bool {
        self.names.iter().any(|k| k == field)
    }

    /// The error of a needed field (`kind` "text" or "id", chosen with `flag`) not seen.
    fn missing(&self, kind: &str, field: &str, flag: &str) -> crate::error::Error {
        let (first, listing) = (&self.first, &self.listing);
        crate::error::Error::parse(
            self.path,
            None,
            format!("no {kind} field '{field}' in {first}; the fields are: {listing} (choose one with {flag})"),
        )
    }
}

/// Fails on a text field, or a named id field, not seen.
fn check_needed_fields(seen: &Seen, opts: &LoadOptions, defaults: &LoadOptions) -> Result<()> {
    if !seen.has(&opts.text_field) {
        return Err(seen.missing("text", &opts.text_field, "--text-field"));
    }
    if opts.id_field != defaults.id_field && !seen.has(&opts.id_field) {
        return Err(seen.missing("id", &opts.id_field, "--id-field"));
    }
    Ok(())
}

/// The warnings of a source field, or a named date, title or story field, not seen.
fn field_warnings(seen: &Seen, opts: &LoadOptions, defaults: &LoadOptions) -> Vec<String> {
    let (path, first, listing) = (seen.path.display(), &seen.first, &seen.listing);
    let mut warnings = Vec::new();
    if !seen.has(&opts.source_field) {
        warnings.push(format!(
            "{path}: no source field '{}' in {first}, so every document's source is the file name; the fields are: {listing} (--source-field)",
            opts.source_field
        ));
    }
    for (flag, field, default) in [
        ("--date-field", &opts.date_field, &defaults.date_field),
        ("--title-field", &opts.title_field, &defaults.title_field),
        ("--story-field", &opts.story_field, &defaults.story_field),
    ] {
        if field != default && !seen.has(field) {
            warnings.push(format!(
                "{path}: no field '{field}' ({flag}) in {first}; the fields are: {listing}"
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_records() {
        assert_eq!(cr_lines(b"{}\r\n".to_vec()), vec![b"{}\r\n".to_vec()]);
        assert_eq!(
            cr_lines(b"{\"a\":1}\r{\"a\":2}\r".to_vec()),
            vec![b"{\"a\":1}\r".to_vec(), b"{\"a\":2}\r".to_vec()]
        );
        assert_eq!(cr_lines(b"{}\r{}".to_vec()).len(), 2);
    }

    #[test]
    fn json_errors_give_the_column_not_the_line_of_the_record_alone() {
        let e = serde_json::from_str::<serde_json::Value>(r#"{"text": "a \ud800 b"}"#).unwrap_err();
        let m = json_error(&e);
        assert!(
            m.starts_with("invalid JSON at column ") && !m.contains("line 1"),
            "{m}"
        );
    }

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
    fn quoting_follows_the_csv_rules() {
        use Quoting::*;
        assert_eq!(quoting_after(FieldStart, b"a,\"b\n", b','), (Quoted, false));
        assert_eq!(quoting_after(Quoted, b"c\",d\n", b','), (FieldStart, false));
        let escaped = b"a,\"b \"\"x\"\" c\"\n";
        assert_eq!(
            quoting_after(FieldStart, escaped, b','),
            (FieldStart, false)
        );
        // a quote inside a bare field is a character
        assert_eq!(
            quoting_after(FieldStart, b"5\" screen,x\n", b','),
            (FieldStart, false)
        );
        assert_eq!(
            quoting_after(FieldStart, b"a\t\"b\n", b'\t'),
            (Quoted, false)
        );
        // a quote closing a field before text
        assert_eq!(
            quoting_after(Quoted, b"x,\"Seven\"\n", b','),
            (FieldStart, true)
        );
    }

    fn csv_source(text: &str) -> CsvSource<std::io::Cursor<Vec<u8>>> {
        CsvSource {
            rdr: std::io::Cursor::new(text.as_bytes().to_vec()),
            delim: b',',
            max: 1 << 20,
            line_no: 0,
            again: Default::default(),
            long: None,
        }
    }

    #[test]
    fn a_record_spans_lines_only_inside_quotes() {
        let mut src = csv_source("a,\"b\nc\"\n\nd,e\n");
        let r = src.record().unwrap().unwrap().ok().unwrap();
        assert_eq!((r.first, r.lines.len(), r.unterminated), (1, 2, false));
        let r = src.record().unwrap().unwrap().ok().unwrap();
        assert_eq!((r.first, r.lines.len()), (4, 1));
        assert!(src.record().unwrap().is_none());
    }

    #[test]
    fn an_unterminated_record_gives_back_its_later_lines() {
        let mut src = csv_source("a,\"b\nc,d\ne,f\n");
        let mut r = src.record().unwrap().unwrap().ok().unwrap();
        assert!(r.unterminated && r.lines.len() == 3);
        src.give_back(&mut r);
        let r = src.record().unwrap().unwrap().ok().unwrap();
        assert_eq!((r.first, r.lines.len()), (2, 1));
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
