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

/// The folder of data beside the project: `HEDGEROW_SHARED` if set, else `<crate>/../shared`.
pub fn shared_root() -> PathBuf {
    match std::env::var_os("HEDGEROW_SHARED") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => root().join("../shared"),
    }
}

/// True when `HEDGEROW_REQUIRE_SHARED=1` (exactly): a missing shared file then fails the test.
pub fn shared_required() -> bool {
    flag_set("HEDGEROW_REQUIRE_SHARED")
}

/// True when the variable is set to exactly `1`; `0`, empty or anything else means unset.
pub fn flag_set(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| v == "1")
}

/// `rel` below the shared folder, or `None` after a stderr line naming `test` and the missing
/// path. Under `HEDGEROW_REQUIRE_SHARED=1` a missing path is a failure instead.
pub fn shared(rel: &str, test: &str) -> Option<PathBuf> {
    let p = shared_root().join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        !shared_required(),
        "{test}: {} not present and HEDGEROW_REQUIRE_SHARED=1",
        p.display()
    );
    eprintln!("skipping {test}: {} not present", p.display());
    None
}

/// The development corpus `abp_medium.jsonl` from the shared folder (see [`shared`]).
pub fn abp_medium(test: &str) -> Option<PathBuf> {
    shared("corpora/abp/abp_medium.jsonl", test)
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

/// The explorer's data, as explore.html embeds it.
pub fn explorer_data(html: &str) -> serde_json::Value {
    let start = html
        .find("<script id=\"data\" type=\"application/json\">")
        .unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..];
    let json = &body[..body.find("</script>").unwrap()];
    serde_json::from_str(&json.replace("<\\/", "</")).unwrap()
}

/// Copies data/sample (three outlet folders) into `to`, each file through `copy(from, to)`.
pub fn copy_sample_with(to: &Path, copy: &dyn Fn(&Path, &Path)) {
    for outlet in std::fs::read_dir(root().join("data/sample")).unwrap() {
        let outlet = outlet.unwrap().path();
        let dst = to.join(outlet.file_name().unwrap());
        std::fs::create_dir_all(&dst).unwrap();
        for f in std::fs::read_dir(&outlet).unwrap() {
            let f = f.unwrap().path();
            copy(&f, &dst.join(f.file_name().unwrap()));
        }
    }
}

/// Copies data/sample into `to` as it is.
pub fn copy_sample(to: &Path) {
    copy_sample_with(to, &|from, to| {
        std::fs::copy(from, to).unwrap();
    });
}

/// A copy of data/sample in a new temporary folder (the tests write inside it).
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    dir
}
