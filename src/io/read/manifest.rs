//! A manifest CSV (`path` or `id` column, `source` and any metadata) that overrides what the
//! inputs say about their documents.

use super::{date_fields, Document};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Manifest rows keyed by path or id.
#[derive(Debug, Default)]
pub struct Manifest {
    /// The file read.
    path: std::path::PathBuf,
    rows: HashMap<String, BTreeMap<String, String>>,
    /// Documents a row was applied to (a manifest matching none is said).
    matched: std::sync::atomic::AtomicU64,
}

/// A manifest row's key as documents are matched: `\` as `/`, without a leading `./`.
fn key_of(raw: &str) -> String {
    raw.replace('\\', "/").trim_start_matches("./").to_string()
}

/// The column a manifest's rows are keyed by: `path`, `id` or `doc_id`.
fn key_column(headers: &csv::StringRecord) -> Option<usize> {
    headers
        .iter()
        .position(|h| h == "path" || h == "id" || h == "doc_id")
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
        let key = key_column(&headers)
            .ok_or_else(|| Error::parse(path, Some(1), "manifest needs a 'path' or 'id' column"))?;
        let mut rows = HashMap::new();
        let mut lines: HashMap<String, u64> = HashMap::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map(|p| p.line());
                Error::parse(path, line, e.to_string())
            })?;
            let line = rec.position().map(|p| p.line()).unwrap_or(0);
            let Some(k) = rec.get(key).map(key_of) else {
                continue;
            };
            if let Some(first) = lines.insert(k.clone(), line) {
                return Err(Error::parse(
                    path,
                    Some(line),
                    format!("manifest row for '{k}' given twice, on line {first} and line {line}: keep one"),
                ));
            }
            rows.insert(k, row_fields(&headers, &rec));
        }
        Ok(Self {
            path: path.to_path_buf(),
            rows,
            matched: Default::default(),
        })
    }

    /// The warning for a manifest whose rows matched no document of the run, if so.
    pub fn unmatched_warning(&self) -> Option<String> {
        if self.rows.is_empty() || self.matched.load(std::sync::atomic::Ordering::Relaxed) > 0 {
            return None;
        }
        let example = self.rows.keys().min().cloned().unwrap_or_default();
        Some(format!(
            "{}: manifest matched no document: none of its {} rows (e.g. '{example}') is a document's id or path relative to its input folder",
            self.path.display(),
            self.rows.len()
        ))
    }

    /// Applies the row for a document, if any: source and metadata fields override.
    pub fn apply(&self, doc: &mut Document, group_by: &[String]) {
        let row = self
            .rows
            .get(&doc.doc_id)
            .or_else(|| self.rows.get(&doc.origin));
        let Some(row) = row else {
            return;
        };
        self.matched
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        for (k, v) in row.iter().filter(|(_, v)| !v.is_empty()) {
            set_field(doc, k, v, group_by);
        }
    }
}

/// A manifest row's values by column name.
fn row_fields(headers: &csv::StringRecord, rec: &csv::StringRecord) -> BTreeMap<String, String> {
    headers
        .iter()
        .zip(rec.iter())
        .map(|(h, v)| (h.to_string(), v.to_string()))
        .collect()
}

/// Sets a document's field `k` (a metadata field or a `--group-by` field) to a manifest's value.
fn set_field(doc: &mut Document, k: &str, v: &str, group_by: &[String]) {
    match k {
        "source" => doc.source = v.to_string(),
        "title" => doc.title = v.to_string(),
        "date" => (doc.date, doc.bad_date) = date_fields(v),
        "url" => doc.url = v.to_string(),
        "author" => doc.author = v.to_string(),
        "story" => doc.story = v.to_string(),
        other => {
            if let Some(i) = group_by.iter().position(|g| g == other) {
                doc.fields.resize(group_by.len(), String::new());
                doc.fields[i] = v.to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_paths_with_slashes_and_no_leading_dot() {
        assert_eq!(key_of(".\\S\\a.txt"), "S/a.txt");
        assert_eq!(key_of("./a0"), "a0");
    }

    #[test]
    fn a_key_given_twice_names_both_lines() {
        let t = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(t.path(), "id,source\na0,Z\na1,Y\n./a0,Q\n").unwrap();
        let e = Manifest::load(t.path()).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("line 4"), "{e}");
    }
}
