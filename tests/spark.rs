//! The Spark job of `examples/spark/` in local mode: its merged output is one run's, byte for
//! byte. The test installs pyspark into a virtual environment of this checkout
//! (`target/spark-venv`) when it is missing (a few minutes, once); it needs Python 3 and Java 17.
//! It is skipped only when `HEDGEROW_SKIP_SPARK=1` says so.

mod common;

use common::{bin, root, walk};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The virtual environment's python, with pyspark installed in it.
fn spark_python() -> PathBuf {
    let venv = root().join("target/spark-venv");
    let py = venv.join("bin/python");
    let has = |py: &Path| {
        Command::new(py)
            .args(["-c", "import pyspark"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if has(&py) {
        return py;
    }
    eprintln!(
        "spark test: installing pyspark into {} (once)",
        venv.display()
    );
    let st = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .expect("python3 is needed for the Spark test (or set HEDGEROW_SKIP_SPARK=1)");
    assert!(st.success(), "python3 -m venv {} failed", venv.display());
    let st = Command::new(&py)
        .args(["-m", "pip", "install", "--quiet", "pyspark>=4,<5"])
        .status()
        .unwrap();
    assert!(st.success(), "pip install pyspark failed");
    assert!(has(&py), "pyspark does not import after installing it");
    py
}

/// Runs the Spark job on `inputs` and checks its output against one `hedgerow analyze`; with
/// `sql`, Spark SQL sums the terms tables and the merge finishes from its sums.
fn spark_matches_one_run(py: &Path, tmp: &Path, inputs: &[PathBuf], cut: &str, sql: bool) {
    let whole = tmp.join("whole/out");
    let o = bin()
        .arg("analyze")
        .args(inputs)
        .args(["-q", "--format", "csv,parquet", "--out"])
        .arg(&whole)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let merged = tmp.join("spark/out");
    let o = Command::new(py)
        .arg(root().join("examples/spark/hedgerow_spark.py"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_hedgerow"))
        .args(["--partitions", "3", "--cut", cut, "--master", "local[2]"])
        .args(sql.then_some("--sql"))
        .arg("--work")
        .arg(tmp.join("work"))
        .arg("--out")
        .arg(&merged)
        .args(inputs)
        .args(["--", "--format", "csv,parquet"])
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .expect("running the Spark job");
    assert!(
        o.status.success(),
        "the Spark job failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let files = walk(&whole);
    assert!(files.len() >= 20);
    for f in &files {
        let rel = f.strip_prefix(&whole).unwrap();
        if rel == Path::new("run.json") {
            continue;
        }
        let a = std::fs::read(f).unwrap();
        let b = std::fs::read(merged.join(rel))
            .unwrap_or_else(|_| panic!("{} missing from the Spark output", rel.display()));
        assert!(a == b, "{} differs ({cut} cut)", rel.display());
    }
    assert_eq!(walk(&merged).len(), files.len());
    // three parts were made
    assert_eq!(
        std::fs::read_dir(tmp.join("work/parts")).unwrap().count(),
        3
    );
    // the sums Spark SQL wrote, which the merge read instead of the parts' own
    let summed = tmp.join("work/summed/terms");
    assert_eq!(
        summed.exists(),
        sql,
        "summed terms {}",
        if sql { "missing" } else { "written unasked" }
    );
    if sql {
        assert!(walk(&summed)
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "parquet")));
    }
}

#[test]
fn spark_local_mode_merges_to_one_run() {
    if std::env::var("HEDGEROW_SKIP_SPARK").is_ok_and(|v| v == "1") {
        eprintln!("skipping the Spark test: HEDGEROW_SKIP_SPARK=1");
        return;
    }
    let java = Command::new("java").arg("-version").output();
    assert!(
        java.is_ok_and(|o| o.status.success()),
        "the Spark test needs Java 17 (java on PATH), or HEDGEROW_SKIP_SPARK=1 to skip it"
    );
    let py = spark_python();
    let tmp = tempfile::tempdir().unwrap();
    let sample = root().join("data/sample");
    // records K mod 3 of the sample folder
    // and the same with the terms and surfaces tables summed by Spark SQL, the merge finishing
    // from the sums
    for (dir, sql) in [("shard", false), ("sql", true)] {
        let inputs = std::slice::from_ref(&sample);
        spark_matches_one_run(&py, &tmp.path().join(dir), inputs, "shard", sql);
    }
    // whole files per partition: the sample's nine files, named one by one
    let mut files: Vec<PathBuf> = walk(&sample);
    files.retain(|f| f.extension().is_some_and(|e| e == "md" || e == "txt"));
    assert_eq!(files.len(), 9);
    spark_matches_one_run(&py, &tmp.path().join("files"), &files, "files", false);
}
