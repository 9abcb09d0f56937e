//! Issue 28, outputs and options: a run writes and deletes only what it owns in its output folder
//! (never through a link, never an input), one run at a time; options and messages are checked
//! before any work. Each test failed on the binary built before the fix (run them against another
//! build with `HEDGEROW_TEST_BIN=/path/to/hedgerow`).

mod common;

use common::{copy_sample, read_csv, root, sample_copy};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test: this build, or the one `HEDGEROW_TEST_BIN` names.
fn bin() -> Command {
    match std::env::var_os("HEDGEROW_TEST_BIN") {
        Some(p) => Command::new(p),
        None => common::bin(),
    }
}

fn analyze(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("analyze")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(["-q", "--bootstrap", "20"])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

fn listed(out: &Path) -> Vec<String> {
    run_json(out)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

// 1. Charts are written like tables: a link at a chart's name is replaced, its target untouched.
#[test]
fn charts_are_never_written_through_a_link() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    std::fs::create_dir_all(&out).unwrap();
    let theirs = top.path().join("v.png");
    std::fs::write(&theirs, "the user's picture").unwrap();
    for chart in ["top_terms.png", "keyness.png", "hedges_by_source.png"] {
        std::os::unix::fs::symlink(&theirs, out.join(chart)).unwrap();
    }
    let o = analyze(&[corpus.path()], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&theirs).unwrap(), b"the user's picture");
    for chart in ["top_terms.png", "keyness.png", "hedges_by_source.png"] {
        let m = std::fs::symlink_metadata(out.join(chart)).unwrap();
        assert!(m.file_type().is_file(), "{chart} is still a link");
        assert!(std::fs::read(out.join(chart))
            .unwrap()
            .starts_with(b"\x89PNG"));
    }
}

// 2. run.json lists only what this run wrote; the next run deletes only that.
#[test]
fn run_json_lists_only_this_runs_files_and_the_next_run_keeps_the_users() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    std::fs::create_dir_all(out.join("stories")).unwrap();
    let users = [
        "documents.parquet",
        "doc_terms.csv",
        "collocations.csv",
        "stories/S00099.html",
    ];
    for f in users {
        std::fs::write(out.join(f), "the user's").unwrap();
    }
    for _ in 0..2 {
        let o = analyze(&[corpus.path()], &out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let files = listed(&out);
        for f in users {
            assert!(
                !files.contains(&f.to_string()),
                "run.json lists {f}: {files:?}"
            );
            assert_eq!(std::fs::read_to_string(out.join(f)).unwrap(), "the user's");
        }
        assert!(files.contains(&"terms.csv".to_string()), "{files:?}");
        assert!(
            files.contains(&"stories/S00001.html".to_string()),
            "{files:?}"
        );
    }
}

// 2. A `stories` link to another folder: pages never go there, nothing there is deleted.
#[test]
fn a_linked_stories_folder_is_never_written_or_emptied() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let elsewhere = top.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("S00099.html"), "theirs").unwrap();
    let out = top.path().join("o");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("stories")).unwrap();
    for _ in 0..2 {
        let o = analyze(&[corpus.path()], &out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut names: Vec<String> = std::fs::read_dir(&elsewhere)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["S00099.html"], "pages written through the link");
    }
    // a forged run.json naming the page through a new link deletes nothing there either
    std::fs::remove_dir_all(out.join("stories")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("stories")).unwrap();
    let mut run = run_json(&out);
    run["files"] = serde_json::json!(["stories/S00099.html", "../elsewhere/S00099.html"]);
    std::fs::write(out.join("run.json"), run.to_string()).unwrap();
    let o = analyze(&[corpus.path()], &out, &["--no-stories"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(elsewhere.join("S00099.html").exists());
}

// 3. The output folder is never an input, inside one (holding articles) or around one.
#[test]
fn an_output_that_is_or_holds_or_sits_in_an_input_is_refused() {
    let top = tempfile::tempdir().unwrap();
    let corp = top.path().join("corp");
    copy_sample(&corp);
    std::fs::write(corp.join("report.md"), "the user's article").unwrap();
    let before = common::walk(&corp);
    let cases: [(&Path, &Path); 3] = [
        (&corp, &corp),
        (&corp, &corp.join("civic-wire")),
        (&corp, top.path()),
    ];
    for (input, out) in cases {
        let o = analyze(&[input], out, &[]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "--out {}: {}",
            out.display(),
            stderr(&o)
        );
        let e = stderr(&o);
        assert!(
            e.contains(&out.display().to_string()) && e.contains(&input.display().to_string()),
            "the error names both: {e}"
        );
    }
    assert_eq!(common::walk(&corp), before, "the corpus changed");
    assert_eq!(
        std::fs::read_to_string(corp.join("report.md")).unwrap(),
        "the user's article"
    );
    // compare --out an input
    let a = corp.join("civic-wire/01-orlin-breach.txt");
    let b = corp.join("valley-ledger").join(
        std::fs::read_dir(corp.join("valley-ledger"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .file_name(),
    );
    let text = std::fs::read(&a).unwrap();
    let o = bin()
        .arg("compare")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&a).unwrap(), text, "the article was replaced");
}

// 4. One run at a time in an output folder; a lock left by a dead process is taken over.
#[test]
fn a_second_run_into_a_locked_folder_fails_and_a_stale_lock_is_taken_over() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    std::fs::create_dir_all(&out).unwrap();
    // a live process holds the folder: this test's own
    std::fs::write(
        out.join(".hedgerow.lock"),
        format!("{}\n", std::process::id()),
    )
    .unwrap();
    let o = analyze(&[corpus.path()], &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("another hedgerow run"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("documents.csv").exists(), "the second run wrote");
    // a process that has ended: the lock is stale
    let mut gone = Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    std::fs::write(out.join(".hedgerow.lock"), format!("{pid}\n")).unwrap();
    let o = analyze(&[corpus.path()], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("documents.csv").exists());
    assert!(
        !out.join(".hedgerow.lock").exists(),
        "the lock is left behind"
    );
}

// 4. Two runs at once into one folder: one fails with the lock's message, or they ran one after
// the other; never both "succeed" into a mixed folder.
#[test]
fn two_runs_at_once_never_mix() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    let start = |extra: &str| {
        bin()
            .arg("analyze")
            .arg(corpus.path())
            .arg("--out")
            .arg(&out)
            .args(["-q", "--bootstrap", "20", extra])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start("--no-stories"), start("--dfm"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for o in [&a, &b] {
        assert!(
            o.status.success() || stderr(o).contains("another hedgerow run"),
            "{}",
            stderr(o)
        );
    }
    let files = listed(&out);
    let dfm_run = files.iter().any(|f| f.starts_with("doc_terms"));
    let has_pages = out.join("stories").exists();
    // the folder holds exactly the last finished run's files
    assert_eq!(dfm_run, has_pages, "a mixed folder: {files:?}");
    for f in &files {
        assert!(out.join(f).exists(), "{f} listed and absent");
    }
}

// 5. A part written over a census part is refused; the census part stays.
#[test]
fn a_partial_run_into_a_census_part_is_refused() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let parts: Vec<PathBuf> = (0..2).map(|k| top.path().join(format!("cc/{k}"))).collect();
    for (k, p) in parts.iter().enumerate() {
        let o = bin()
            .arg("census")
            .arg(corpus.path())
            .args(["--shard", &format!("{k}/2"), "-q", "--out"])
            .arg(p)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let before = common::walk(&parts[0]);
    let o = bin()
        .arg("analyze")
        .arg(corpus.path())
        .args(["--partial", "--shard", "0/2", "-q", "--census"])
        .args(&parts)
        .arg("--out")
        .arg(&parts[0])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("census part"), "{}", stderr(&o));
    assert_eq!(common::walk(&parts[0]), before);
}

// 14. A closed stdout ends kwic quietly.
#[test]
fn kwic_into_a_closed_pipe_ends_quietly() {
    for extra in [None, Some("--collocates")] {
        let mut c = bin();
        c.args(["kwic", "said"])
            .arg(root().join("data/sample"))
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        drop(child.stdout.take()); // the reader is gone before a line is written
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{extra:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
}

// 15, 16. Unknown grouping fields and reference groups are refused before any work, with the
// nearest name; an earlier run in the folder stays whole.
#[test]
fn unknown_group_fields_and_references_are_refused_before_any_work() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    let o = analyze(&[corpus.path()], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before: Vec<(PathBuf, Vec<u8>)> = common::walk(&out)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let cases: [(&[&str], &str); 4] = [
        (&["--group-by", "sorce"], "source"),
        (&["--reference", "civic-wir"], "civic-wire"),
        (&["--reference", "Civic-Wire"], "civic-wire"),
        (&["--reference", "source=civic-wire,year=2025"], "year"),
    ];
    for (args, hint) in cases {
        let o = analyze(&[corpus.path()], &out, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(hint), "{args:?}: {}", stderr(&o));
        let after: Vec<(PathBuf, Vec<u8>)> = common::walk(&out)
            .into_iter()
            .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
            .collect();
        assert!(after == before, "{args:?}: the earlier run was touched");
    }
    // a known field and a known group pass
    let o = analyze(
        &[corpus.path()],
        &out,
        &[
            "--group-by",
            "source,year",
            "--reference",
            "source=civic-wire,year=2025",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

// 17. batch: `out` is relative to the batch file; a job named like the index page is refused.
#[test]
fn batch_out_is_relative_to_the_file_and_job_names_never_collide() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let sub = top.path().join("jobs");
    std::fs::create_dir_all(&sub).unwrap();
    let toml = |name: &str| {
        format!(
            "out = \"out\"\n[[job]]\nname = \"{name}\"\ninputs = [\"{}\"]\nno_stories = true\nbootstrap = 20\n",
            corpus.path().display()
        )
    };
    std::fs::write(sub.join("b.toml"), toml("sample")).unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let o = bin()
        .current_dir(cwd.path())
        .args(["batch", "-q"])
        .arg(sub.join("b.toml"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        sub.join("out/sample/documents.csv").exists(),
        "not beside the file"
    );
    assert!(
        !cwd.path().join("out").exists(),
        "written under the working directory"
    );
    std::fs::write(sub.join("c.toml"), toml("index.html")).unwrap();
    let o = bin()
        .current_dir(cwd.path())
        .args(["batch", "-q"])
        .arg(sub.join("c.toml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("index.html"), "{}", stderr(&o));
    let left: Vec<String> = std::fs::read_dir(sub.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n == "index.html" && sub.join("out").join(n).is_dir())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// 18. p_value at full precision: no p-value below 0.0000005 reads as 0.
#[test]
fn p_values_are_written_at_full_precision() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    let o = analyze(&[corpus.path()], &out, &["--no-stories"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let terms = read_csv(&out.join("terms.csv"));
    let mut exact = 0;
    for t in &terms {
        let (Ok(p), Ok(g2)) = (t["p_value"].parse::<f64>(), t["g2"].parse::<f64>()) else {
            continue;
        };
        // the p-value of G² (chi-square, one degree of freedom) is erfc(sqrt(G²/2))
        if g2.abs() > 0.0 {
            assert!(
                p > 0.0,
                "{}: p_value {} for G² {g2}",
                t["term"],
                t["p_value"]
            );
        }
        let digits = t["p_value"].trim_start_matches("0.").len();
        if t["p_value"].contains('e') || digits > 6 {
            exact += 1;
        }
    }
    assert!(exact > 0, "every p_value has six decimals or fewer");
}

// 19. run.json records every option given.
#[test]
fn run_json_records_the_options() {
    let corpus = sample_copy();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    let o = analyze(
        &[corpus.path()],
        &out,
        &[
            "--no-stories",
            "--group-by",
            "source,year",
            "--alpha",
            "0.01",
            "--dfm",
            "--reference",
            "source=civic-wire,year=2025",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let opts = &run_json(&out)["options"];
    assert_eq!(opts["group_by"], serde_json::json!(["source", "year"]));
    assert_eq!(opts["reference"], "source=civic-wire,year=2025");
    assert_eq!(opts["alpha"], 0.01);
    assert_eq!(opts["dfm"], true);
}

// 20. The first and last days four digits can write are dates; --threads is capped.
#[test]
fn far_dates_are_dates_and_threads_are_capped() {
    let corpus = sample_copy();
    let f = corpus.path().join("civic-wire/01-orlin-breach.txt");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, text.replace("date: 2025-03-04", "date: 9999-12-31")).unwrap();
    let g = corpus.path().join("civic-wire/02-inquiry-ordered.txt");
    let text = std::fs::read_to_string(&g).unwrap();
    let first_date = text
        .lines()
        .find(|l| l.starts_with("date:"))
        .unwrap()
        .to_string();
    std::fs::write(&g, text.replace(&first_date, "date: 0001-01-01")).unwrap();
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("o");
    let o = analyze(
        &[corpus.path()],
        &out,
        &["--no-stories", "--threads", "10000"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let errors = read_csv(&out.join("errors.csv"));
    assert!(errors.is_empty(), "{errors:?}");
    let dates: Vec<String> = read_csv(&out.join("documents.csv"))
        .iter()
        .map(|d| d["date"].clone())
        .collect();
    assert!(dates.contains(&"9999-12-31".to_string()), "{dates:?}");
    assert!(dates.contains(&"0001-01-01".to_string()), "{dates:?}");
    assert!(
        stderr(&o).contains("--threads 10000"),
        "no word of the cap: {}",
        stderr(&o)
    );
}

// 20. A JSON error names the record's line, not line 1; CR-only line endings end records;
// front matter never closed is a row of errors.csv, not silent text.
#[test]
fn json_lines_and_front_matter_are_read_as_written() {
    let top = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "source": "S", "text": "The first record is fine."}"#,
        r#"{"id": "b", "source": "S", "text": "The second is fine too."}"#,
        r#"{"id": "c", "source": "S", "text": "A lone \ud800 surrogate."}"#,
    ];
    let jsonl = top.path().join("x.jsonl");
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let out = top.path().join("o");
    let o = analyze(&[&jsonl], &out, &["--no-stories"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = read_csv(&out.join("errors.csv"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["line"], "3");
    assert!(!errors[0]["problem"].contains("line 1"), "{errors:?}");
    // classic Mac line endings: two records, two documents
    let mac = top.path().join("mac.jsonl");
    std::fs::write(&mac, lines[..2].join("\r") + "\r").unwrap();
    let out = top.path().join("m");
    let o = analyze(&[&mac], &out, &["--no-stories"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_csv(&out.join("documents.csv")).len(), 2);
    // front matter opened and never closed
    let corpus = top.path().join("corpus/S");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "---\ntitle: Unclosed\ndate: 2025-01-02\n\nThe body of the article.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("b.txt"), "A plain article.\n").unwrap();
    let out = top.path().join("f");
    let o = analyze(&[&top.path().join("corpus")], &out, &["--no-stories"]);
    // kept, so not a skipped input: exit 0
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let errors = read_csv(&out.join("errors.csv"));
    assert!(
        errors
            .iter()
            .any(|e| e["problem"].contains("never closed") && e["path"].ends_with("a.txt")),
        "{errors:?}"
    );
    assert_eq!(read_csv(&out.join("documents.csv")).len(), 2);
}
