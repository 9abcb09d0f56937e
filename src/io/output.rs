//! One output folder, one run: which files in it are hedgerow's own (the manifest in `run.json`),
//! removing an earlier run's files before a new run writes, the temporary files a signal must
//! clean up (listed in [`crate::files`]), and `run.json` written first as incomplete and last as complete.
//!
//! A run starts by reading the folder's `run.json`: the files it lists (or, for a folder without
//! a list, every name hedgerow writes) are removed, with stale `.NAME.tmp-PID` files; then
//! `run.json` is written with `"complete": false`. When the run ends, `run.json` is written again
//! with `"complete": true` and the exact list of files written. Files that are not hedgerow's stay.

use crate::error::{Error, Result};
use crate::files::{remove_own, write_atomic};
use std::path::{Path, PathBuf};

/// The manifest file of an output folder.
pub const RUN_JSON: &str = "run.json";

/// Every table hedgerow writes (each as `.csv` and `.parquet`).
pub const TABLES: &[&str] = &[
    "documents",
    "sources",
    "terms",
    "hedges",
    "quotes",
    "errors",
    "speakers",
    "stories",
    "alignment",
    "shared_quotes",
    "passages",
    "boilerplate",
    "doc_terms",
    "collocations",
];

/// Other files of a run: charts and pages (`stories/S*.html` are the side-by-side pages).
pub const OTHER_FILES: &[&str] = &[
    "hedges_by_source.png",
    "hedges_over_time.png",
    "keyness.png",
    "quote_profile.png",
    "quotes_vs_hedges.png",
    "speakers.png",
    "top_terms.png",
    "index.html",
    "report.md",
    "stories/S*.html",
];

/// Every name pattern hedgerow writes in an output folder (`*` stands for any characters).
pub fn own_patterns() -> Vec<String> {
    let mut v: Vec<String> = TABLES
        .iter()
        .flat_map(|t| [format!("{t}.csv"), format!("{t}.parquet")])
        .collect();
    v.extend(OTHER_FILES.iter().map(|s| s.to_string()));
    v
}

/// Whether `name` matches `pattern`, where `*` in the pattern matches any characters.
fn glob(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.len() >= head.len() + tail.len()
                && name.starts_with(head)
                && name.ends_with(tail)
                && !tail.contains('*')
        }
    }
}

/// Files in `dir` (one level of subfolder at most, as the patterns say) matching `pattern`; a
/// pattern that leaves the folder (`..`, an absolute path) matches nothing.
fn matches(dir: &Path, pattern: &str) -> Vec<PathBuf> {
    let rel = Path::new(pattern);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Vec::new();
    }
    let (sub, name) = match pattern.rsplit_once('/') {
        Some((s, n)) => (dir.join(s), n),
        None => (dir.to_path_buf(), pattern),
    };
    if !name.contains('*') {
        let p = sub.join(name);
        return if p.is_file() || is_dataset_folder(&p) {
            vec![p]
        } else {
            Vec::new()
        };
    }
    let Ok(rd) = std::fs::read_dir(&sub) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter(|e| glob(name, &e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Whether `p` is a Parquet dataset folder hedgerow writes (`doc_terms.parquet/part-*.parquet`
/// and nothing else).
fn is_dataset_folder(p: &Path) -> bool {
    p.is_dir()
        && std::fs::read_dir(p).is_ok_and(|rd| {
            rd.filter_map(|e| e.ok()).all(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with("part-") && n.ends_with(".parquet")
            })
        })
}

/// Stale temporary files of hedgerow (`.NAME.tmp-PID`) in `dir` and its `stories/` folder.
fn stale_temporaries(dir: &Path) -> Vec<PathBuf> {
    let names: Vec<String> = own_patterns()
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .chain([RUN_JSON.to_string()])
        .collect();
    let mut out = Vec::new();
    for d in [dir.to_path_buf(), dir.join("stories")] {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            let name = e.file_name().to_string_lossy().into_owned();
            let own = name
                .strip_prefix('.')
                .and_then(|n| n.rsplit_once(".tmp-"))
                .is_some_and(|(base, pid)| {
                    !pid.is_empty()
                        && pid.bytes().all(|b| b.is_ascii_digit())
                        && names.iter().any(|p| glob(p, base))
                });
            if own {
                out.push(e.path());
            }
        }
    }
    out
}

/// The folder's `run.json`, when it is hedgerow's (it names a hedgerow version).
fn read_run_json(dir: &Path) -> Option<serde_json::Value> {
    std::fs::read_to_string(dir.join(RUN_JSON))
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .filter(|v| v.get("hedgerow_version").is_some())
}

/// Whether `dir` holds the output of a hedgerow run (its `run.json` says so).
pub fn is_output_folder(dir: &Path) -> bool {
    read_run_json(dir).is_some()
}

/// What an earlier run left in `dir` that is hedgerow's own: the files its `run.json` lists (every
/// name hedgerow writes when the list is missing), and stale temporary files.
pub fn earlier_run_files(dir: &Path) -> Vec<PathBuf> {
    let listed: Option<Vec<String>> =
        read_run_json(dir).map(|v| match v.get("files").and_then(|f| f.as_array()) {
            Some(list) => list
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            None => own_patterns(),
        });
    let mut out: Vec<PathBuf> = listed
        .unwrap_or_default()
        .iter()
        .flat_map(|p| matches(dir, p))
        .collect();
    out.extend(stale_temporaries(dir));
    out.sort();
    out.dedup();
    out
}

/// Starts a run in `dir`: removes the earlier run's own files and writes `run.json` marked
/// incomplete (listing every name this run may write, so that a killed run is cleaned up by the
/// next one). Returns the files removed.
pub fn begin_run(dir: &Path) -> Result<Vec<PathBuf>> {
    let old = earlier_run_files(dir);
    for p in &old {
        remove_own(p).map_err(|e| Error::io(p, e))?;
    }
    // an empty stories/ folder left by the removal goes too
    let _ = std::fs::remove_dir(dir.join("stories"));
    let v = serde_json::json!({
        "hedgerow_version": env!("CARGO_PKG_VERSION"),
        "complete": false,
        "files": own_patterns(),
    });
    write_atomic(&dir.join(RUN_JSON), pretty(&v).as_bytes())?;
    Ok(old)
}

/// Ends a run in `dir`: writes `run.json` with `info`'s fields, `"complete": true` and the list of
/// hedgerow files now in the folder (all written by this run, since [`begin_run`] removed the rest).
pub fn finish_run(dir: &Path, info: serde_json::Value) -> Result<()> {
    let mut files: Vec<String> = own_patterns()
        .iter()
        .flat_map(|p| matches(dir, p))
        .filter_map(|p| {
            p.strip_prefix(dir)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    files.sort();
    let mut v = match info {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    v.insert("hedgerow_version".into(), env!("CARGO_PKG_VERSION").into());
    v.insert("complete".into(), true.into());
    v.insert("files".into(), files.into());
    write_atomic(
        &dir.join(RUN_JSON),
        pretty(&serde_json::Value::Object(v)).as_bytes(),
    )
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("S*.html", "S00001.html"));
        assert!(!glob("S*.html", "notes.html"));
        assert!(glob("terms.csv", "terms.csv"));
        assert!(!glob("terms.csv", "terms.csv.bak"));
    }

    #[test]
    fn an_earlier_run_is_removed_and_foreign_files_stay() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        std::fs::write(dir.join("terms.csv"), "old").unwrap();
        // no run.json: not hedgerow's folder, nothing removed
        assert!(begin_run(dir).unwrap().is_empty());
        assert!(dir.join("terms.csv").exists());
        std::fs::create_dir_all(dir.join("stories")).unwrap();
        std::fs::write(dir.join("stories/S00001.html"), "old").unwrap();
        std::fs::write(dir.join("documents.parquet"), "old").unwrap();
        std::fs::write(dir.join(".documents.csv.tmp-123"), "half").unwrap();
        finish_run(dir, serde_json::json!({})).unwrap();
        let removed = begin_run(dir).unwrap();
        assert_eq!(removed.len(), 4, "{removed:?}");
        assert!(dir.join("notes.txt").exists());
        assert!(!dir.join("stories").exists());
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(RUN_JSON)).unwrap()).unwrap();
        assert_eq!(run["complete"], false);
        // a list naming a path outside the folder removes nothing there
        assert!(matches(dir, "../x").is_empty());
    }
}
