//! Helpers shared by the integration tests: the built binary, the crate root, CSV rows.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `hedgerow` binary cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hedgerow"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a CSV into header-keyed rows.
pub fn read_csv(p: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            h.iter()
                .zip(rec.unwrap().iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

pub fn analyze(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let out = tempfile::tempdir().unwrap();
    let mut c = bin();
    c.arg("analyze")
        .args(inputs)
        .arg("--out")
        .arg(out.path())
        .arg("-q")
        .args(extra);
    let o = c.output().unwrap();
    (out, o)
}

/// The development corpus `../shared/corpora/abp/abp_medium.jsonl`, or `None` (with a line
/// saying the test is skipped) where `../shared` is absent.
pub fn abp_medium() -> Option<PathBuf> {
    let src = root().join("../shared/corpora/abp/abp_medium.jsonl");
    if src.exists() {
        Some(src)
    } else {
        eprintln!("skipping: {} not present", src.display());
        None
    }
}

/// The field mapping of the ABP dumps.
pub const ABP_FIELDS: [&str; 4] = ["--id-field", "ID", "--text-field", "content_original"];

/// Every file below `d`, sorted.
pub fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
