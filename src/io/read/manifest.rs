//! A manifest CSV (`path` or `id` column, `source` and any metadata) that overrides what the
//! inputs say about their documents.

use super::{date_fields, Document};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

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
    pub fn apply(&self, doc: &mut Document, group_by: &[String]) {
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
                    "date" => (doc.date, doc.bad_date) = date_fields(v),
                    "url" => doc.url = v.clone(),
                    "author" => doc.author = v.clone(),
                    "story" => doc.story = v.clone(),
                    other => {
                        if let Some(i) = group_by.iter().position(|g| g == other) {
                            doc.fields.resize(group_by.len(), String::new());
                            doc.fields[i] = v.clone();
                        }
                    }
                }
            }
        }
    }
}
