//! Nothing silently wrong: one run per output folder, inputs checked before any work, special
//! files and outside links not read, duplicate ids and bad dates reported, boilerplate out of the
//! counts, language lists, metadata shown as metadata, one Unicode form per word.

mod common;

use common::{analyze, bin, read_csv, root, sample_copy};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for d in [dir.to_path_buf(), dir.join("stories")] {
        if let Ok(rd) = std::fs::read_dir(&d) {
            v.extend(
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
                    .map(|e| e.path()),
            );
        }
    }
    v
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command, failing the test (not hanging it) when it takes more than `limit`.
fn output_within(mut c: std::process::Command, limit: Duration) -> std::process::Output {
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the command hung (killed after {limit:?})");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_rerun_replaces_the_earlier_run_and_keeps_foreign_files() {
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let o = bin()
            .arg("analyze")
            .arg(root().join("data/sample"))
            .arg("--out")
            .arg(out.path())
            .arg("-q")
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    };
    run(&["--format", "csv,parquet"]);
    assert!(out.path().join("documents.parquet").exists());
    assert!(out.path().join("stories").is_dir());
    std::fs::write(out.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(out.path().join(".terms.csv.tmp-99999"), "half a table").unwrap();
    run(&["--no-stories", "--no-report"]);
    let left: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for gone in [
        "documents.parquet",
        "stories",
        "stories.csv",
        "index.html",
        "hedges_by_source.png",
        ".terms.csv.tmp-99999",
    ] {
        assert!(!left.contains(&gone.to_string()), "{gone} left: {left:?}");
    }
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "mine"
    );
    let run = run_json(out.path());
    assert_eq!(run["complete"], true);
    let mut files: Vec<String> = run["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    files.sort();
    let mut on_disk: Vec<String> = left
        .into_iter()
        .filter(|f| f != "notes.txt" && f != "run.json")
        .collect();
    on_disk.sort();
    assert_eq!(files, on_disk, "run.json lists exactly this run's files");
}

/// A JSONL corpus of about `mb` megabytes of varied news-like text.
fn big_jsonl(dir: &Path, mb: usize) -> PathBuf {
    use std::io::Write;
    let p = dir.join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    let mut written = 0;
    let mut i = 0u64;
    while written < mb << 20 {
        let mut text = String::new();
        for j in 0..40u64 {
            let w = (i * 7919 + j * 104729) % 5000;
            text.push_str(&format!(
                "Officials reportedly said word{w} may rise by about {j} percent, according to \\\"source {w}\\\". "
            ));
        }
        let line = format!(
            "{{\"id\":\"d{i}\",\"source\":\"outlet{}\",\"text\":\"{text}\"}}\n",
            i % 7
        );
        written += line.len();
        f.write_all(line.as_bytes()).unwrap();
        i += 1;
    }
    p
}

#[test]
fn an_interrupted_run_leaves_no_temporary_files_and_says_it_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let input = big_jsonl(dir.path(), 60);
    let out = dir.path().join("out");
    // an earlier complete run in the folder: its report must not survive an interrupted run
    std::fs::create_dir_all(&out).unwrap();
    let small = dir.path().join("small.jsonl");
    std::fs::write(
        &small,
        "{\"id\":\"a\",\"source\":\"s\",\"text\":\"It may rain.\"}\n",
    )
    .unwrap();
    let o = bin()
        .args(["analyze", "-q", "--out"])
        .arg(&out)
        .arg(&small)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("index.html").exists());
    let mut child = bin()
        .args(["analyze", "-q", "--threads", "1", "--out"])
        .arg(&out)
        .arg(&input)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // wait until counting writes its streamed tables, then interrupt
    let start = Instant::now();
    while temporaries(&out).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be interrupted"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let k = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(k.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(temporaries(&out).is_empty(), "{:?}", temporaries(&out));
    assert_eq!(run_json(&out)["complete"], false);
    assert!(
        !out.join("index.html").exists(),
        "the earlier run's report is gone"
    );
    assert!(!out.join("documents.csv").exists());
}

#[test]
fn the_output_folder_is_never_read_as_input() {
    let top = sample_copy();
    // a corpus folder with a plain name, so that its default output is reports/corpus
    let corpus_dir = top.path().join("corpus");
    std::fs::create_dir_all(&corpus_dir).unwrap();
    for o in ["civic-wire", "northern-courier", "valley-ledger"] {
        std::fs::rename(top.path().join(o), corpus_dir.join(o)).unwrap();
    }
    struct Dir(PathBuf);
    impl Dir {
        fn path(&self) -> &Path {
            &self.0
        }
    }
    let corpus = Dir(corpus_dir);
    // the output inside the input, twice
    for _ in 0..2 {
        let o = bin()
            .arg("analyze")
            .arg(corpus.path())
            .arg("--out")
            .arg(corpus.path().join("reports/x"))
            .arg("-q")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let docs = read_csv(&corpus.path().join("reports/x/documents.csv"));
        assert_eq!(docs.len(), 9);
    }
    // `analyze .` run twice inside the corpus: the default reports/<name> is skipped, and so is
    // the other folder holding a run.json
    for _ in 0..2 {
        let o = bin()
            .current_dir(corpus.path())
            .args(["analyze", ".", "-q"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let out = corpus.path().join("reports/corpus");
    assert_eq!(read_csv(&out.join("documents.csv")).len(), 9);
    let errors = read_csv(&out.join("errors.csv"));
    assert!(
        errors
            .iter()
            .any(|e| e["problem"].contains("hedgerow output folder") && e["action"] == "not read"),
        "{errors:?}"
    );
}

#[test]
fn special_files_are_reported_not_read() {
    let corpus = sample_copy();
    let fifo = corpus.path().join("civic-wire/pipe.txt");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    let out = tempfile::tempdir().unwrap();
    let mut c = bin();
    c.arg("analyze")
        .arg(corpus.path())
        .arg("--out")
        .arg(out.path())
        .arg("-q");
    let o = output_within(c, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = read_csv(&out.path().join("errors.csv"));
    assert!(
        errors
            .iter()
            .any(|e| e["path"].ends_with("pipe.txt") && e["problem"].contains("FIFO")),
        "{errors:?}"
    );
    assert_eq!(read_csv(&out.path().join("documents.csv")).len(), 9);
    // kwic too, and a FIFO named on the command line
    let mut c = bin();
    c.args(["kwic", "reportedly", "-q"]).arg(corpus.path());
    let o = output_within(c, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(1));
    let mut c = bin();
    c.args(["kwic", "reportedly", "-q"]).arg(&fifo);
    let o = output_within(c, Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn absent_fields_are_named_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.jsonl");
    std::fs::write(
        &dump,
        "{\"ID\":\"1\",\"source\":\"A\",\"content_original\":\"It may rain.\"}\n{\"ID\":\"2\",\"source\":\"B\",\"content_original\":\"Officials said so.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .args(["analyze", "-q", "--out"])
        .arg(&out)
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("dump.jsonl") && e.contains("'text'") && e.contains("content_original"),
        "{e}"
    );
    assert!(!out.exists(), "nothing written before the check");
    // a misspelt source field: a warning naming the fields, the run goes on
    let o = bin()
        .args([
            "analyze",
            "--text-field",
            "content_original",
            "--source-field",
            "sauce",
            "--out",
        ])
        .arg(&out)
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let e = stderr(&o);
    assert!(
        e.contains("warning") && e.contains("'sauce'") && e.contains("source"),
        "{e}"
    );
    // CSV: the header is checked
    let csv = dir.path().join("dump.csv");
    std::fs::write(&csv, "id,body\n1,It may rain.\n").unwrap();
    let o = bin()
        .args(["analyze", "-q", "--out"])
        .arg(dir.path().join("out2"))
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("body"));
}

#[test]
fn duplicate_ids_are_flagged_and_made_unique() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    std::fs::write(
        &a,
        "{\"id\":\"x\",\"source\":\"S\",\"text\":\"It may rain.\"}\n{\"id\":\"x\",\"source\":\"S\",\"text\":\"It could snow, reportedly.\"}\n",
    )
    .unwrap();
    let b = dir.path().join("b.csv");
    std::fs::write(&b, "id,source,text\nx,T,Perhaps it will.\n").unwrap();
    let (out, o) = analyze(&[&a, &b], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = read_csv(&out.path().join("documents.csv"));
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], "x");
    let mut uniq = ids.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(uniq.len(), 3, "{ids:?}");
    assert!(
        ids[1].starts_with("x@") && ids[1].ends_with("a.jsonl:2"),
        "{ids:?}"
    );
    let errors = read_csv(&out.path().join("errors.csv"));
    assert_eq!(
        errors
            .iter()
            .filter(|e| e["problem"].contains("duplicate doc_id 'x'"))
            .count(),
        2,
        "{errors:?}"
    );
    // the occurrence rows follow the new ids
    let hedges = read_csv(&out.path().join("hedges.csv"));
    assert!(hedges
        .iter()
        .any(|h| h["doc_id"] == ids[1] && h["match"] == "reportedly"));
    assert!(hedges
        .iter()
        .all(|h| h["doc_id"] != "x" || h["match"] == "may"));
}

#[test]
fn links_out_of_the_input_folder_are_not_followed_by_default() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "A private note that may not be read.").unwrap();
    let corpus = sample_copy();
    std::os::unix::fs::symlink(&secret, corpus.path().join("civic-wire/link.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), corpus.path().join("elsewhere")).unwrap();
    let (out, o) = analyze(&[corpus.path()], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(read_csv(&out.path().join("documents.csv")).len(), 9);
    let errors = read_csv(&out.path().join("errors.csv"));
    assert!(
        errors
            .iter()
            .any(|e| e["path"].ends_with("link.txt") && e["problem"].contains("outside")),
        "{errors:?}"
    );
    let (out, o) = analyze(&[corpus.path()], &["--follow-links"]);
    // both links lead to secret.txt: it is read once (issue 28, item 10), the second a row
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let docs = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs.len(), 10);
    let errors = read_csv(&out.path().join("errors.csv"));
    assert!(
        errors.iter().any(|e| e["problem"].contains("read once")),
        "{errors:?}"
    );
}

#[test]
fn dates_are_parsed_and_invalid_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("outlet");
    std::fs::create_dir_all(&s).unwrap();
    for (f, date) in [
        ("a.txt", "2025-03-04"),
        ("b.txt", "2025-13-45"),
        ("c.txt", "March 5, 2025"),
        ("d.txt", "Thu, 06 Mar 2025 10:00:00 GMT"),
        ("e.txt", "2025-02-29"),
    ] {
        std::fs::write(
            s.join(f),
            format!("---\ndate: {date}\n---\nIt may rain in {f}.\n"),
        )
        .unwrap();
    }
    let (out, o) = analyze(&[dir.path()], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = read_csv(&out.path().join("documents.csv"));
    let dates: Vec<&str> = docs.iter().map(|d| d["date"].as_str()).collect();
    assert_eq!(dates, ["2025-03-04", "", "2025-03-05", "2025-03-06", ""]);
    let errors = read_csv(&out.path().join("errors.csv"));
    for f in ["b.txt", "e.txt"] {
        assert!(
            errors
                .iter()
                .any(|e| e["path"].ends_with(f) && e["problem"].contains("invalid date")),
            "{errors:?}"
        );
    }
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(!html.contains("2025-13-45"));
    assert!(html.contains("2025-03-04") && html.contains("2025-03-06"));
}

/// A source of `n` articles, each with the outlet's banner line and text of its own.
fn bannered_source(dir: &Path, outlet: &str, n: usize) {
    let d = dir.join(outlet);
    std::fs::create_dir_all(&d).unwrap();
    for i in 0..n {
        std::fs::write(
            d.join(format!("{i:02}.txt")),
            format!(
                "This article is more than 1 year old\nThe council voted {i} times on the plan for district {i}.\nAdvertisement\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn boilerplate_lines_are_left_out_of_the_counts_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    bannered_source(dir.path(), "daily", 6);
    bannered_source(dir.path(), "weekly", 3); // too few documents for the rule
    let (out, o) = analyze(&[dir.path()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bp = read_csv(&out.path().join("boilerplate.csv"));
    let lines: Vec<(&str, &str, &str)> = bp
        .iter()
        .map(|r| {
            (
                r["source"].as_str(),
                r["line"].as_str(),
                r["n_docs"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("daily", "Advertisement", "6"),
            ("daily", "This article is more than 1 year old", "6")
        ]
    );
    let hedges = read_csv(&out.path().join("hedges.csv"));
    let by_source = |s: &str| hedges.iter().filter(|h| h["source"] == s).count();
    assert_eq!(
        by_source("daily"),
        0,
        "the banner's 'more than' is not counted"
    );
    assert_eq!(by_source("weekly"), 3);
    let terms = read_csv(&out.path().join("terms.csv"));
    assert!(!terms
        .iter()
        .any(|t| t["source"] == "daily" && t["term"] == "advertis"));
    // hedge offsets still index the file
    let docs = read_csv(&out.path().join("documents.csv"));
    assert!(docs.iter().all(|d| d["n_chars"] != "0"));
    let (out, o) = analyze(&[dir.path()], &["--keep-boilerplate"]);
    assert!(o.status.success());
    let hedges = read_csv(&out.path().join("hedges.csv"));
    assert_eq!(hedges.iter().filter(|h| h["source"] == "daily").count(), 6);
    assert!(!out.path().join("boilerplate.csv").exists());
    // --stopwords-add adds to the built-in list
    let extra = dir.path().join("stop.txt");
    std::fs::write(&extra, "council\n").unwrap();
    let (out, o) = analyze(&[dir.path()], &["--stopwords-add", extra.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let terms = read_csv(&out.path().join("terms.csv"));
    assert!(!terms
        .iter()
        .any(|t| t["term"] == "council" || t["term"] == "the"));
    assert!(terms.iter().any(|t| t["term"] == "vote"));
}

#[test]
fn a_language_without_lists_warns_and_cues_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("krant");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("a.txt"),
        "„Het water kwam om vier uur”, zei Müller. Misschien komt er meer.\n",
    )
    .unwrap();
    let (out, o) = analyze(&[dir.path()], &["--language", "dutch"]);
    assert!(o.status.success());
    // -q silences the warning on stderr; run.json keeps it
    let run = run_json(out.path());
    let w = run["warnings"].to_string();
    assert!(
        w.contains("dutch") && w.contains("--lexicon") && w.contains("--cues"),
        "{w}"
    );
    let lists = tempfile::tempdir().unwrap();
    let cues = lists.path().join("cues_nl.csv");
    std::fs::write(&cues, "forms,stance,note\nzeggen|zegt|zei,neutral,spraak\n").unwrap();
    let (out, o) = analyze(
        &[dir.path()],
        &["--language", "dutch", "--cues", cues.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let quotes = read_csv(&out.path().join("quotes.csv"));
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0]["kind"], "direct");
    assert_eq!(quotes[0]["cue"], "zei");
    let bad = lists.path().join("bad.csv");
    std::fs::write(&bad, "forms,stance\nzei,grumpy\n").unwrap();
    let (_, o) = analyze(&[dir.path()], &["--cues", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.csv:2"), "{}", stderr(&o));
}

#[test]
fn pages_show_front_matter_as_a_header_and_markdown_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "---\ntitle: Dam breaks\ndate: 2025-03-04\nurl: https://example.org/a\n---\n\"The water came at four,\" said Ilse Dunmore.\n").unwrap();
    std::fs::write(
        &b,
        "---\ntitle: Flood in Kesh\n---\n\"The water came at four,\" Dunmore said.\n",
    )
    .unwrap();
    let page = dir.path().join("page.html");
    let o = bin()
        .arg("compare")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&page)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<h4 class=\"title\">Dam breaks</h4>"));
    assert!(html.contains("2025-03-04"));
    assert!(
        !html.contains("title: Dam breaks"),
        "front matter is not article text"
    );
    assert!(!html.contains("---"));
    // report.md: a source name is text, not markup
    let c = tempfile::tempdir().unwrap();
    let s = c.path().join("<i>Evil");
    std::fs::create_dir_all(&s).unwrap();
    std::fs::write(s.join("x.txt"), "It may rain.").unwrap();
    let (out, o) = analyze(&[c.path()], &[]);
    assert!(o.status.success());
    let md = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(
        md.contains("&lt;i&gt;Evil") && !md.contains("<i>Evil"),
        "{md}"
    );
}

#[test]
fn one_unicode_form_per_word_and_dotted_abbreviations_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("outlet");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("a.txt"),
        "The caf\u{e9} opened. The cafe\u{301} closed. The U.S. told us so. The U.S. agreed.\n",
    )
    .unwrap();
    let (out, o) = analyze(&[dir.path()], &["--keep-stopwords"]);
    assert!(o.status.success());
    let terms = read_csv(&out.path().join("terms.csv"));
    let count = |t: &str| {
        terms
            .iter()
            .find(|r| r["term"] == t)
            .map(|r| r["count"].clone())
            .unwrap_or_default()
    };
    assert_eq!(count("caf\u{e9}"), "2", "{terms:?}");
    assert_eq!(count("u.s."), "2");
    assert_eq!(count("us"), "1");
    assert_eq!(count("u."), "");
}
