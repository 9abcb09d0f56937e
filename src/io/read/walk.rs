//! Walking input folders: the files to read, in a stable order, with unreadable entries and
//! symlink loops reported.

use super::Problem;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The kinds of record files (dumps), gzip looked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RecordKind {
    /// `.jsonl`, `.ndjson`: one JSON object a line.
    Jsonl,
    /// `.csv`: a header and records, comma-separated.
    Csv,
    /// `.tsv`: as CSV, tab-separated (read when named on the command line).
    Tsv,
    /// `.json`: an array of objects (read when named on the command line).
    JsonArray,
}

/// Whether a path is a JSONL or CSV dump (possibly gzipped), the dumps read in folders.
pub(super) fn is_record_file(p: &Path) -> bool {
    matches!(record_kind(p), Some(RecordKind::Jsonl | RecordKind::Csv))
}

/// The kind of dump a file name says, with gzip looked through (`None`: not a dump).
pub(super) fn record_kind(p: &Path) -> Option<RecordKind> {
    let name = p.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "jsonl" | "ndjson" => Some(RecordKind::Jsonl),
        "csv" => Some(RecordKind::Csv),
        "tsv" => Some(RecordKind::Tsv),
        "json" => Some(RecordKind::JsonArray),
        _ => None,
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
pub fn special_kind(m: &std::fs::Metadata) -> Option<&'static str> {
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

/// What a walk found: the files to read, sorted, and the problems met.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Files to read.
    pub files: Vec<PathBuf>,
    /// Entries reported (and not read).
    pub problems: Vec<Problem>,
}

/// Collects `.txt`/`.md` (and record) files below `dir`, following links once (loops reported).
/// Only regular files are read: FIFOs, sockets and devices are reported and skipped (reading one
/// would hang); a folder holding a hedgerow `run.json`, or named in `rules.skip`, is hedgerow's
/// output and is not read; a link whose target lies outside `root` is reported and skipped unless
/// `rules.follow_links`.
pub(super) fn walk(dir: &Path, root: &Path, rules: &WalkRules) -> Walked {
    let mut w = Walker {
        root,
        rules,
        seen: HashSet::new(),
        found: Walked::default(),
    };
    w.folder(dir);
    w.found.files.sort();
    w.found
}

/// A walk under way: the folders seen (a link loop visits one again) and what was found.
struct Walker<'a> {
    root: &'a Path,
    rules: &'a WalkRules,
    seen: HashSet<PathBuf>,
    found: Walked,
}

impl Walker<'_> {
    fn skip(&mut self, p: &Path, why: impl Into<String>) {
        let problem = Problem::skip(0, p.display().to_string(), 0, why);
        self.found.problems.push(problem);
    }

    /// Walks one folder's entries, in name order.
    fn folder(&mut self, dir: &Path) {
        let Some(entries) = self.entries(dir) else {
            return;
        };
        for p in entries {
            self.entry(p);
        }
    }

    /// The entries of a folder to walk, sorted; `None` (with its problem) for a folder that is
    /// not walked: unresolvable, hedgerow's output, visited before, unreadable.
    fn entries(&mut self, dir: &Path) -> Option<Vec<PathBuf>> {
        let canon = match std::fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => {
                self.skip(dir, format!("cannot resolve folder: {e}"));
                return None;
            }
        };
        if self.rules.skip.contains(&canon) || crate::io::output::is_output_folder(dir) {
            self.not_read(dir, "hedgerow output folder (holds run.json or is --out)");
            return None;
        }
        if !self.seen.insert(canon) {
            self.skip(dir, "symlink loop (folder already visited)");
            return None;
        }
        match sorted_entries(dir) {
            Ok(entries) => Some(entries),
            Err(e) => {
                self.skip(dir, format!("cannot read folder: {e}"));
                None
            }
        }
    }

    /// One entry: a folder walked, a file to read kept, anything else reported.
    fn entry(&mut self, p: PathBuf) {
        let is_link = std::fs::symlink_metadata(&p)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if is_link && !self.rules.follow_links && self.leads_out(&p) {
            return;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => self.folder(&p),
            Ok(m) => self.file(p, &m),
            Err(e) => {
                if readable_name(&p) || is_link {
                    self.skip(&p, unreadable(&e));
                }
            }
        }
    }

    /// A file met: kept when hedgerow reads its kind, reported when special or a `.json` array.
    fn file(&mut self, p: PathBuf, m: &std::fs::Metadata) {
        if let Some(kind) = special_kind(m) {
            self.skip(&p, kind);
        } else if readable_name(&p) {
            self.found.files.push(p);
        } else if record_kind(&p) == Some(RecordKind::JsonArray) {
            self.not_read(&p, "a .json file in a folder is not read (name it on the command line to read it as an array of records)");
        }
    }

    /// Reports an entry that is left unread.
    fn not_read(&mut self, p: &Path, why: &str) {
        self.found.problems.push(Problem {
            seq: 0,
            path: p.display().to_string(),
            line: 0,
            problem: why.into(),
            action: "not read".into(),
        });
    }

    /// Whether a link leads out of the input folder (reported when it leads to something that
    /// would be read): such links are not followed.
    fn leads_out(&mut self, p: &Path) -> bool {
        match std::fs::canonicalize(p) {
            Ok(target) if !target.starts_with(self.root) => {
                if readable_name(p) || target.is_dir() {
                    self.skip(
                        p,
                        format!(
                            "symbolic link to {} outside the input folder (not followed; --follow-links follows it)",
                            target.display()
                        ),
                    );
                }
                true
            }
            _ => false,
        }
    }
}

/// The entries of a folder, sorted.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir)?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    Ok(entries)
}

/// Why an entry cannot be read: a symbolic link loop, or the error.
fn unreadable(e: &std::io::Error) -> String {
    if e.raw_os_error() == Some(40) {
        "symlink loop".to_string()
    } else {
        format!("cannot read: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dump_kinds_by_name() {
        let k = |n: &str| record_kind(Path::new(n));
        assert_eq!(k("a.JSONL.gz"), Some(RecordKind::Jsonl));
        assert_eq!(k("a.tsv"), Some(RecordKind::Tsv));
        assert_eq!(k("a.json"), Some(RecordKind::JsonArray));
        assert_eq!(k("a.txt"), None);
        assert!(!is_record_file(Path::new("a.json")));
        assert!(is_record_file(Path::new("a.csv.gz")));
    }
}
