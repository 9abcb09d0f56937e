//! Walking input folders: the files to read, in a stable order, with unreadable entries and
//! symlink loops reported.

use super::Problem;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Whether a path is a JSONL or CSV dump (possibly gzipped).
pub(super) fn is_record_file(p: &Path) -> bool {
    record_kind(p).is_some()
}

/// `Some(true)` for JSONL, `Some(false)` for CSV, with gzip looked through.
pub(super) fn record_kind(p: &Path) -> Option<bool> {
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
pub(super) fn walk(
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
