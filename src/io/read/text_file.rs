//! One text file: bytes decoded (UTF-8, UTF-16 with BOM, else windows-1252; binary refused) and
//! front matter (`---` … `---`) read as metadata.

use super::{date_fields, too_big, Document, LoadOptions, Problem};
use std::collections::BTreeMap;
use std::path::Path;

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
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let line = text[pos..end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" {
            return (fields, end);
        }
        if let Some((k, v)) = line.split_once(':') {
            fields.extend(front_matter_field(k, v));
        } else if !line.trim().is_empty() {
            // Not front matter after all: a line that is not `key: value`.
            return (BTreeMap::new(), 0);
        }
        pos = end;
    }
    (BTreeMap::new(), 0)
}

/// A front matter field: its key in lower case, its value with quotes trimmed; `None` for an
/// empty key or one holding a space.
fn front_matter_field(k: &str, v: &str) -> Option<(String, String)> {
    let k = k.trim().to_ascii_lowercase();
    let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
    (!k.is_empty() && !k.contains(' ')).then_some((k, v))
}

/// Whether `text` opens front matter (`---`, then `key: value` lines) that is never closed: the
/// text goes on without a closing `---`, so the keys are read as the article's words.
pub fn front_matter_unclosed(text: &str) -> bool {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut keys = false;
    for line in lines.map(str::trim_end) {
        if line == "---" {
            return false;
        }
        match line.split_once(':') {
            Some((k, _)) if !k.trim().is_empty() && !k.trim().contains(' ') => keys = true,
            _ if line.trim().is_empty() => {}
            // prose: the front matter, if it was one, ended without `---`
            _ => return keys,
        }
    }
    keys
}

/// Decodes file bytes: UTF-8 (BOM stripped), UTF-16 with BOM, else Windows-1252 with a note.
/// Returns `Err(problem)` for binary content.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Option<String>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_after_bom(rest));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Ok(utf16(bytes));
    }
    if looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err("binary content (NUL or control bytes)".into());
    }
    Ok(utf8_or_1252(bytes))
}

/// A text after a UTF-8 byte order mark (bad bytes replaced, with a note).
fn utf8_after_bom(rest: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(rest) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(rest).into_owned(),
            Some("invalid UTF-8 after BOM; bad bytes replaced with U+FFFD".into()),
        ),
    }
}

/// A text in UTF-16, little- or big-endian by its byte order mark, with its note.
fn utf16(bytes: &[u8]) -> (String, Option<String>) {
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
    (s.into_owned(), Some(note.into()))
}

/// Whether the head of a file is binary: a NUL byte, or control bytes more than one in twenty.
fn looks_binary(head: &[u8]) -> bool {
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    memchr::memchr(0, head).is_some() || controls * 20 > head.len().max(1)
}

/// A text in UTF-8, else decoded as windows-1252 with a note.
fn utf8_or_1252(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = format!(
                "invalid UTF-8 at byte {}; decoded as windows-1252",
                e.valid_up_to()
            );
            (s.into_owned(), Some(note))
        }
    }
}

/// A text file read: its document and the problems noted on the way (a decoded encoding, an
/// empty text), which do not skip it.
#[derive(Debug)]
pub struct Loaded {
    /// The document.
    pub doc: Document,
    /// Problems noted.
    pub problems: Vec<Problem>,
}

/// Reads one text file into a document (front matter parsed, encoding decoded).
pub fn load_file(
    seq: u64,
    path: &Path,
    doc_id: &str,
    folder_source: Option<&str>,
    stem: &str,
    opts: &LoadOptions,
) -> std::result::Result<Loaded, Problem> {
    let path_s = path.display().to_string();
    let bytes = read_within(seq, path, &path_s, opts.max_doc_bytes)?;
    let (text, note) =
        decode(&bytes).map_err(|problem| Problem::skip(seq, path_s.clone(), 0, problem))?;
    let (fm, body) = front_matter(&text);
    let problems = load_notes(seq, &path_s, note, &text, body);
    let source = match folder_source {
        Some(s) => s.to_string(),
        None => front_matter_source(&fm, stem),
    };
    let fields = Fields { fm: &fm, source };
    let doc = fields.document(seq, doc_id, opts, path_s, text, body);
    Ok(Loaded { doc, problems })
}

/// The bytes of a text file; refused when it cannot be read or is over `max` bytes.
fn read_within(
    seq: u64,
    path: &Path,
    path_s: &str,
    max: usize,
) -> std::result::Result<Vec<u8>, Problem> {
    let fail = |problem: String| Problem::skip(seq, path_s, 0, problem);
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read: {e}")))?
        .len() as usize;
    if size > max {
        return Err(too_big(seq, path_s, 0, size, max));
    }
    std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))
}

/// The rows of what was noted loading a text file without skipping it: its encoding decoded,
/// front matter never closed, an empty text.
fn load_notes(
    seq: u64,
    path_s: &str,
    note: Option<String>,
    text: &str,
    body: usize,
) -> Vec<Problem> {
    let note_row = |problem: String, action: &str| Problem {
        seq,
        path: path_s.to_string(),
        line: 0,
        problem,
        action: action.into(),
    };
    let mut problems: Vec<Problem> = note.map(|n| note_row(n, "decoded")).into_iter().collect();
    if body == 0 && front_matter_unclosed(text) {
        let why = "front matter opened with '---' is never closed";
        problems.push(note_row(why.into(), "kept; its lines read as text"));
    }
    if text[body..].trim().is_empty() {
        problems.push(note_row("empty document".into(), "kept with 0 tokens"));
    }
    problems
}

/// The source a text file's front matter gives, else its stem.
fn front_matter_source(fm: &BTreeMap<String, String>, stem: &str) -> String {
    fm.get("source")
        .filter(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| stem.to_string())
}

/// A text file's front matter and the source its document is given.
struct Fields<'a> {
    fm: &'a BTreeMap<String, String>,
    source: String,
}

impl Fields<'_> {
    fn get(&self, k: &str) -> String {
        self.fm.get(k).cloned().unwrap_or_default()
    }

    fn document(
        self,
        seq: u64,
        doc_id: &str,
        opts: &LoadOptions,
        origin: String,
        text: String,
        body: usize,
    ) -> Document {
        let (date, bad_date) = date_fields(&self.get("date"));
        let author = self.fm.get("author").or(self.fm.get("authors"));
        Document {
            seq,
            doc_id: doc_id.to_string(),
            title: self.get("title"),
            date,
            bad_date,
            fields: opts.group_by.iter().map(|k| self.get(k)).collect(),
            group: String::new(),
            url: self.get("url"),
            author: author.cloned().unwrap_or_default(),
            story: self.get("story"),
            source: self.source,
            origin,
            text,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::read::parse_date;

    #[test]
    fn front_matter_is_parsed_and_skipped() {
        let t = "---\ntitle: A \"quoted\" title\nsource: Daily Planet\ndate: 2025-02-27T10:00\n---\nBody here.";
        let (fm, body) = front_matter(t);
        assert_eq!(fm["source"], "Daily Planet");
        assert_eq!(&t[body..], "Body here.");
        assert_eq!(parse_date(&fm["date"]).as_deref(), Ok("2025-02-27"));
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let (fm, body) = front_matter("---\ntitle: x\nno closing");
        assert!(fm.is_empty());
        assert_eq!(body, 0);
        let (fm, body) = front_matter("---\nThis is a line of prose.\n---\n");
        assert!(fm.is_empty() && body == 0);
        // the first is noted in errors.csv; the second is prose between rules
        assert!(front_matter_unclosed(
            "---\ntitle: x\ndate: 2025-01-01\n\nThe body."
        ));
        assert!(front_matter_unclosed("---\ntitle: x\n"));
        assert!(!front_matter_unclosed(
            "---\nThis is a line of prose.\n---\n"
        ));
        assert!(!front_matter_unclosed("---\ntitle: x\n---\nBody"));
        assert!(!front_matter_unclosed("Body only"));
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
}
