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

/// What the walk leaves out: folders not to read (the run's own output folder) and whether
/// symbolic links leading out of the input folder are followed.
#[derive(Debug, Clone, Default)]
pub(super) struct WalkRules {
    /// Canonical paths of folders never read (the output folder of the run).
    pub skip: Vec<PathBuf>,
    /// Follow links whose target lies outside the input folder (`--follow-links`).
    pub follow_links: bool,
}

/// Whether an entry's extension is one hedgerow reads as a document or dump.
fn readable_name(p: &Path) -> bool {
    let ext = p
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    ext == "txt" || ext == "md" || is_record_file(p)
}

/// The problem row's text for a special file (`None`: a regular file or folder, which is read).
pub(super) fn special_kind(m: &std::fs::Metadata) -> Option<&'static str> {
    let t = m.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe), not a regular file");
        } else if t.is_socket() {
            return Some("a socket, not a regular file");
        } else if t.is_block_device() || t.is_char_device() {
            return Some("a device, not a regular file");
        }
    }
    Some("not a regular file")
}

/// Collects `.txt`/`.md` (and record) files below `dir`, following links once (loops reported).
/// Only regular files are read: FIFOs, sockets and devices are reported and skipped (reading one
/// would hang); a folder holding a hedgerow `run.json`, or named in `rules.skip`, is hedgerow's
/// output and is not read; a link whose target lies outside `root` is reported and skipped unless
/// `rules.follow_links`.
pub(super) fn walk(
    dir: &Path,
    root: &Path,
    rules: &WalkRules,
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
    if rules.skip.contains(&canon) || crate::io::output::is_output_folder(dir) {
        problems.push(Problem {
            seq: 0,
            path: dir.display().to_string(),
            line: 0,
            problem: "hedgerow output folder (holds run.json or is --out)".into(),
            action: "not read".into(),
        });
        return;
    }
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
        let is_link = std::fs::symlink_metadata(&p)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if is_link && !rules.follow_links {
            match std::fs::canonicalize(&p) {
                Ok(target) if !target.starts_with(root) => {
                    if readable_name(&p) || target.is_dir() {
                        problems.push(Problem::skip(
                            0,
                            p.display().to_string(),
                            0,
                            format!(
                                "symbolic link to {} outside the input folder (not followed; --follow-links follows it)",
                                target.display()
                            ),
                        ));
                    }
                    continue;
                }
                _ => {}
            }
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, root, rules, seen, files, problems),
            Ok(m) => {
                if let Some(kind) = special_kind(&m) {
                    problems.push(Problem::skip(0, p.display().to_string(), 0, kind));
                } else if readable_name(&p) {
                    files.push(p);
                }
            }
            Err(e) => {
                let msg = if e.raw_os_error() == Some(40) {
                    "symlink loop".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                if readable_name(&p) || is_link {
                    problems.push(Problem::skip(0, p.display().to_string(), 0, msg));
                }
            }
        }
    }
}
