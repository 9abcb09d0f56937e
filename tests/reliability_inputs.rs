//! Nothing silently wrong with inputs (issue 28, items 6-13): merges refuse changed inputs and
//! altered parts, every record ends as a document or a row of errors.csv, each file is read
//! once, dumps named on the command line are read as records, memory stays bounded by
//! `--max-doc-bytes`, and `compare` refuses what is not a regular file.

mod common;

use common::{analyze, bin, read_csv, root};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn docs(out: &Path) -> Vec<HashMap<String, String>> {
    read_csv(&out.join("documents.csv"))
}

fn errors(out: &Path) -> Vec<HashMap<String, String>> {
    let p = out.join("errors.csv");
    if p.exists() {
        read_csv(&p)
    } else {
        Vec::new()
    }
}

/// The `line` values of errors.csv rows about `file` (matched by file name).
fn error_lines(out: &Path, file: &str) -> Vec<u64> {
    let mut v: Vec<u64> = errors(out)
        .iter()
        .filter(|r| r["path"].ends_with(file))
        .map(|r| r["line"].parse().unwrap())
        .collect();
    v.sort();
    v
}

fn ids(out: &Path) -> Vec<String> {
    docs(out).iter().map(|r| r["doc_id"].clone()).collect()
}

/// A JSONL line of one record.
fn jsonl(id: &str, source: &str, text: &str) -> String {
    serde_json::json!({"id": id, "source": source, "text": text}).to_string() + "\n"
}

fn article(i: usize) -> String {
    format!(
        "Officials in town {i} said on Monday that the council may approve the plan, which \
         critics reportedly called \"a mistake\" for district {i}."
    )
}

fn write_jsonl(p: &Path, n: usize, tag: &str) {
    let body: String = (0..n)
        .map(|i| {
            jsonl(
                &format!("{tag}{i}"),
                if i % 2 == 0 { "A" } else { "B" },
                &article(i),
            )
        })
        .collect();
    std::fs::write(p, body).unwrap();
}

// ---- 6, 7: merges that mix data ------------------------------------------------------------

/// Runs `analyze --partial --shard K/2 --keep-boilerplate` on `input` into `dir/pK`.
fn part(input: &Path, dir: &Path, k: u32) -> PathBuf {
    let p = dir.join(format!("p{k}"));
    let o = run(&[
        "analyze",
        s(input),
        "-q",
        "--keep-boilerplate",
        "--format",
        "csv,parquet",
        "--partial",
        "--shard",
        &format!("{k}/2"),
        "--out",
        s(&p),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    p
}

fn merge(dir: &Path, parts: &[PathBuf]) -> Output {
    let out = dir.join("merged");
    let mut a = vec!["merge", "-q", "--out", s(&out)];
    a.extend(parts.iter().map(|p| s(p)));
    run(&a)
}

#[test]
fn merge_refuses_an_input_replaced_between_shards() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 12, "a");
    let p0 = part(&x, t.path(), 0);
    write_jsonl(&x, 12, "other-corpus-");
    let p1 = part(&x, t.path(), 1);
    let o = merge(t.path(), &[p0, p1]);
    assert!(!o.status.success(), "a replaced input merged");
    assert!(stderr(&o).contains("x.jsonl"), "{}", stderr(&o));
}

#[test]
fn merge_refuses_an_input_changed_after_the_parts() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 12, "a");
    let parts = [part(&x, t.path(), 0), part(&x, t.path(), 1)];
    // same size, other text: only the time and content tell
    std::thread::sleep(Duration::from_millis(20));
    let changed = std::fs::read_to_string(&x)
        .unwrap()
        .replace("Monday", "Friday");
    std::fs::write(&x, changed).unwrap();
    let o = merge(t.path(), &parts);
    assert!(!o.status.success(), "a changed input merged");
    let e = stderr(&o);
    assert!(e.contains("x.jsonl") && e.contains("changed"), "{e}");
}

#[test]
fn merge_refuses_an_input_replaced_keeping_its_size_and_time() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 12, "a");
    let parts = [part(&x, t.path(), 0), part(&x, t.path(), 1)];
    let when = std::fs::metadata(&x).unwrap().modified().unwrap();
    let changed = std::fs::read_to_string(&x)
        .unwrap()
        .replace("Monday", "Friday");
    std::fs::write(&x, changed).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&x)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let o = merge(t.path(), &parts);
    assert!(!o.status.success(), "a replaced input (cp -p) merged");
    assert!(stderr(&o).contains("x.jsonl"), "{}", stderr(&o));
}

#[test]
fn merge_refuses_a_flipped_bit_in_any_part_file() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 12, "a");
    let parts = [part(&x, t.path(), 0), part(&x, t.path(), 1)];
    let o = merge(t.path(), &parts);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "terms.parquet",
        "hedges.parquet",
        "quotes.parquet",
        "surfaces.parquet",
    ] {
        let f = parts[0].join(name);
        let good = std::fs::read(&f).unwrap();
        let mut bad = good.clone();
        let i = bad.len() / 2;
        bad[i] ^= 0x04;
        std::fs::write(&f, &bad).unwrap();
        let o = merge(t.path(), &parts);
        assert!(!o.status.success(), "{name} with a flipped bit merged");
        let e = stderr(&o);
        assert!(e.contains(name) && e.contains("p0"), "{name}: {e}");
        std::fs::write(&f, &good).unwrap();
    }
}

// ---- 8: CSV records ----------------------------------------------------------------------------

fn csv_rows(rows: &[&str]) -> String {
    let mut s = String::from("id,source,text\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

#[test]
fn an_unterminated_quote_does_not_swallow_later_records() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("c.csv");
    let body = csv_rows(&[
        "r1,A,\"First text is here.\"",
        "r2,A,Second text is here.",
        "r3,B,\"Third text, with a comma.\"",
        "r4,B,Fourth text is here.",
        "r5,A,\"Fifth text never closes its quote.",
        "r6,A,Sixth text is here.",
        "r7,B,\"Seventh text is here.\"",
    ]);
    std::fs::write(&f, body).unwrap();
    let (out, _) = analyze(&[&f], &[]);
    let got = ids(out.path());
    assert_eq!(got, ["r1", "r2", "r3", "r4", "r6", "r7"], "documents");
    // record 5 is on line 6 (the header is line 1)
    assert_eq!(error_lines(out.path(), "c.csv"), [6]);
}

#[test]
fn a_removed_closing_quote_names_the_record_and_invents_none() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("c.csv");
    let mut rows: Vec<String> = (1..=40)
        .map(|i| format!("r{i},S{},\"{}\"", i % 3, article(i).replace('"', "\"\"")))
        .collect();
    // record 10 loses its closing quote
    rows[9].pop();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    std::fs::write(&f, csv_rows(&rows)).unwrap();
    let (out, _) = analyze(&[&f], &[]);
    let got = ids(out.path());
    let want: Vec<String> = (1..=40)
        .filter(|i| *i != 10)
        .map(|i| format!("r{i}"))
        .collect();
    assert_eq!(got, want);
    assert_eq!(error_lines(out.path(), "c.csv"), [11]);
}

#[test]
fn ragged_csv_rows_are_error_rows() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("c.csv");
    let body = csv_rows(&[
        "r1,A,First text is here.",
        "r2,A,Second text,with an extra field",
        "r3,B",
        "r4,B,Fourth text is here.",
    ]);
    std::fs::write(&f, body).unwrap();
    let (out, _) = analyze(&[&f], &[]);
    assert_eq!(ids(out.path()), ["r1", "r4"]);
    assert_eq!(error_lines(out.path(), "c.csv"), [3, 4]);
    let e = errors(out.path());
    assert!(e.iter().any(|r| r["problem"].contains("4 fields")), "{e:?}");
}

// ---- 9: .json and .tsv dumps -----------------------------------------------------------------

#[test]
fn a_json_dump_named_on_the_command_line_is_read_as_records() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("dump.json");
    let recs: Vec<serde_json::Value> = (0..5)
        .map(|i| serde_json::json!({"ID": format!("j{i}"), "body": article(i), "outlet": "W"}))
        .collect();
    std::fs::write(&f, serde_json::to_string_pretty(&recs).unwrap()).unwrap();
    let (out, o) = analyze(
        &[&f],
        &[
            "--text-field",
            "body",
            "--id-field",
            "ID",
            "--source-field",
            "outlet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids(out.path()), ["j0", "j1", "j2", "j3", "j4"]);
    assert!(docs(out.path()).iter().all(|r| r["source"] == "W"));
}

#[test]
fn a_tsv_dump_named_on_the_command_line_is_read_as_records() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("dump.tsv");
    let mut body = String::from("ID\toutlet\tbody\n");
    for i in 0..4 {
        body.push_str(&format!("t{i}\tW\t{}\n", article(i).replace('"', "'")));
    }
    std::fs::write(&f, body).unwrap();
    let (out, o) = analyze(
        &[&f],
        &[
            "--text-field",
            "body",
            "--id-field",
            "ID",
            "--source-field",
            "outlet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids(out.path()), ["t0", "t1", "t2", "t3"]);
}

#[test]
fn a_json_file_in_a_folder_gets_a_row() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("corp/W");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("a.txt"), article(1)).unwrap();
    std::fs::write(d.join("meta.json"), r#"[{"text": "x"}]"#).unwrap();
    let (out, _) = analyze(&[&t.path().join("corp")], &[]);
    assert_eq!(ids(out.path()), ["W/a.txt"]);
    let e = errors(out.path());
    assert!(e.iter().any(|r| r["path"].ends_with("meta.json")), "{e:?}");
}

// ---- 10: overlapping inputs ------------------------------------------------------------------

#[test]
fn a_folder_and_its_subfolder_read_each_file_once() {
    let t = tempfile::tempdir().unwrap();
    let fo = t.path().join("fo");
    std::fs::create_dir_all(fo.join("S")).unwrap();
    std::fs::write(fo.join("S/a.txt"), article(1)).unwrap();
    std::fs::write(fo.join("S/b.txt"), article(2)).unwrap();
    let (out, _) = analyze(&[&fo, &fo.join("S")], &[]);
    assert_eq!(ids(out.path()), ["S/a.txt", "S/b.txt"]);
    let e = errors(out.path());
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e.iter().all(|r| r["problem"].contains("read once")),
        "{e:?}"
    );
}

#[test]
fn one_file_named_twice_is_read_once() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 7, "a");
    let dotted = t.path().join(".").join("x.jsonl");
    let (out, _) = analyze(&[&x, &dotted], &[]);
    assert_eq!(docs(out.path()).len(), 7);
    let e = errors(out.path());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0]["problem"].contains("read once"), "{e:?}");
}

// ---- 11: manifest, BOM -----------------------------------------------------------------------

#[test]
fn a_manifest_matching_no_document_is_a_warning() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 4, "a");
    let m = t.path().join("m.csv");
    std::fs::write(&m, "id,source\nnope1,Z\nnope2,Z\n").unwrap();
    let out = t.path().join("o");
    let o = run(&["analyze", s(&x), "--manifest", s(&m), "--out", s(&out)]);
    let e = stderr(&o);
    assert!(
        e.contains("m.csv") && e.contains("matched no document"),
        "{e}"
    );
}

#[test]
fn duplicate_manifest_rows_are_an_error_naming_both_lines() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    write_jsonl(&x, 4, "a");
    let m = t.path().join("m.csv");
    std::fs::write(&m, "id,source\na0,Z\na1,Y\n./a0,Q\n").unwrap();
    let out = t.path().join("o");
    let o = run(&[
        "analyze",
        s(&x),
        "--manifest",
        s(&m),
        "--out",
        s(&out),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("m.csv") && e.contains("line 2") && e.contains("line 4"),
        "{e}"
    );
}

#[test]
fn a_bom_does_not_lose_the_first_record() {
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("x.jsonl");
    let mut body = vec![0xEF, 0xBB, 0xBF];
    body.extend(jsonl("first", "A", &article(1)).bytes());
    body.extend(jsonl("second", "A", &article(2)).bytes());
    std::fs::write(&x, body).unwrap();
    let c = t.path().join("c.csv");
    let mut body = vec![0xEF, 0xBB, 0xBF];
    body.extend(csv_rows(&["c1,A,One text.", "c2,B,Two text."]).bytes());
    std::fs::write(&c, body).unwrap();
    let (out, o) = analyze(&[&x, &c], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ids(out.path()), ["first", "second", "c1", "c2"]);
}

// ---- 12: --max-doc-bytes bounds memory ---------------------------------------------------------

/// Peak resident memory (VmHWM, kB) of a command, polled until it ends, and its output.
fn peak_kb(mut c: std::process::Command) -> (u64, Output) {
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if let Ok(st) = std::fs::read_to_string(&status) {
            if let Some(l) = st.lines().find(|l| l.starts_with("VmHWM:")) {
                let kb: u64 = l.split_whitespace().nth(1).unwrap().parse().unwrap();
                peak = peak.max(kb);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (peak, child.wait_with_output().unwrap())
}

#[test]
fn max_doc_bytes_bounds_memory_inside_gzip() {
    use std::io::Write;
    let t = tempfile::tempdir().unwrap();
    let x = t.path().join("big.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&x).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(jsonl("small1", "A", &article(1)).as_bytes())
        .unwrap();
    gz.write_all(br#"{"id": "huge", "text": ""#).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..400 {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"\"}\n").unwrap();
    gz.write_all(jsonl("small2", "A", &article(2)).as_bytes())
        .unwrap();
    gz.finish().unwrap();
    let out = t.path().join("o");
    let mut c = bin();
    c.args([
        "analyze",
        s(&x),
        "-q",
        "--max-doc-bytes",
        "1000000",
        "--out",
        s(&out),
    ]);
    let (peak, o) = peak_kb(c);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(ids(&out), ["small1", "small2"]);
    assert_eq!(error_lines(&out, "big.jsonl.gz"), [2]);
    assert!(
        peak < 200_000,
        "peak {peak} kB for a 400 MB line under a 1 MB limit"
    );
}

// ---- 13: compare reads only regular files ------------------------------------------------------

fn within(mut c: std::process::Command, limit: Duration) -> Output {
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the command did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn compare_refuses_a_fifo_and_a_device() {
    let t = tempfile::tempdir().unwrap();
    let a = t.path().join("a.txt");
    std::fs::write(&a, article(1)).unwrap();
    let fifo = t.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for other in [fifo.as_path(), Path::new("/dev/zero")] {
        let mut c = bin();
        c.args([
            "compare",
            s(&a),
            s(other),
            "--out",
            s(&t.path().join("c.html")),
        ]);
        let o = within(c, Duration::from_secs(20));
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}: {}",
            other.display(),
            stderr(&o)
        );
        let e = stderr(&o);
        assert!(
            e.contains(s(other)) && e.contains("not a regular file"),
            "{e}"
        );
    }
}

// ---- every record accounted for --------------------------------------------------------------

/// The records an input holds, counted apart from hedgerow: non-blank JSONL lines, CSV records
/// (strict reader), `.txt`/`.md` files.
fn records_in(p: &Path) -> usize {
    let name = p.to_string_lossy();
    if p.is_dir() {
        return common::walk(p).iter().map(|f| records_in(f)).sum();
    }
    if name.ends_with(".jsonl") {
        let t = std::fs::read_to_string(p).unwrap();
        t.lines().filter(|l| !l.trim().is_empty()).count()
    } else if name.ends_with(".csv") {
        csv::Reader::from_path(p).unwrap().byte_records().count()
    } else if name.ends_with(".txt") || name.ends_with(".md") {
        1
    } else {
        0
    }
}

#[test]
fn every_fixture_record_ends_as_a_document_or_an_error_row() {
    let fixtures = root().join("tests/fixtures");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    let mut checked = 0;
    for input in inputs {
        let (out, o) = analyze(&[&input], &[]);
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{}: {}",
            input.display(),
            stderr(&o)
        );
        let n_docs = docs(out.path()).len();
        let mut skipped: Vec<(String, String)> = errors(out.path())
            .iter()
            .filter(|r| r["action"].starts_with("skipped"))
            .map(|r| (r["path"].clone(), r["line"].clone()))
            .collect();
        skipped.dedup();
        let want = records_in(&input);
        assert_eq!(
            n_docs + skipped.len(),
            want,
            "{}: {n_docs} documents + {} error rows for {want} records",
            input.display(),
            skipped.len()
        );
        checked += want;
    }
    assert!(checked >= 20, "only {checked} records checked");
}
