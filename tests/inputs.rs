//! Input formats and bad records (gzip, `.ndjson`, CSV rows with missing or extra fields, JSON
//! text fields that are not strings), and markup in the text, title and source never reaching an
//! HTML page unescaped.

mod common;

use common::{analyze, bin, read_csv, walk};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

const RECORDS: &str = "{\"id\":\"g1\",\"source\":\"W\",\"text\":\"Officials reportedly said “about 40 homes” were lost.\"}\n{\"id\":\"g2\",\"source\":\"P\",\"text\":\"More text, allegedly.\"}\n";

/// (doc_id, n_tokens, n_hedges) of every document, sorted.
fn doc_counts(out: &Path) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = read_csv(&out.join("documents.csv"))
        .into_iter()
        .map(|d| {
            (
                d["doc_id"].clone(),
                d["n_tokens"].clone(),
                d["n_hedges"].clone(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn gzip_and_ndjson_records_read_as_the_plain_file() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("recs.jsonl");
    std::fs::write(&plain, RECORDS).unwrap();
    let nd = dir.path().join("recs.ndjson");
    std::fs::write(&nd, RECORDS).unwrap();
    let gz = dir.path().join("packed.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(RECORDS.as_bytes()).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let mut runs = Vec::new();
    for input in [&plain, &nd, &gz] {
        let (out, o) = analyze(&[input], &["--no-report", "--no-stories"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("errors.csv"))
                .unwrap()
                .lines()
                .count(),
            1
        );
        runs.push(doc_counts(out.path()));
    }
    assert_eq!(runs[0].len(), 2);
    assert_eq!(runs[0][0].0, "g1");
    assert_ne!(runs[0][0].2, "0", "hedges found: reportedly, about");
    assert_eq!(runs[1], runs[0], ".ndjson");
    assert_eq!(runs[2], runs[0], ".jsonl.gz");
}

/// The errors.csv rows of `out` as (line, problem).
fn error_rows(out: &Path) -> Vec<(String, String)> {
    read_csv(&out.join("errors.csv"))
        .into_iter()
        .map(|e| (e["line"].clone(), e["problem"].clone()))
        .collect()
}

#[test]
fn a_csv_row_missing_its_text_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("rows.csv");
    std::fs::write(
        &f,
        "id,source,text\nc1,Daily,A fine row.\nc2,Daily\nc3,Daily,Another row.\n",
    )
    .unwrap();
    let (out, o) = analyze(&[&f], &["--no-report", "--no-stories"]);
    assert_eq!(o.status.code(), Some(1), "a record skipped");
    let ids: Vec<String> = doc_counts(out.path()).into_iter().map(|d| d.0).collect();
    assert_eq!(ids, ["c1", "c3"]);
    let errors = error_rows(out.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "3", "{errors:?}");
}

#[test]

fn csv_rows_with_extra_fields_or_an_unclosed_quote_are_error_rows() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("rows.csv");
    std::fs::write(
        &f,
        "id,source,text\nc1,Daily,A fine row.\nc2,Daily,Extra field.,surplus\nc3,Daily,Fine too.\n",
    )
    .unwrap();
    let (out, o) = analyze(&[&f], &["--no-report", "--no-stories"]);
    assert_eq!(o.status.code(), Some(1));
    let errors = error_rows(out.path());
    assert!(errors.iter().any(|e| e.0 == "3"), "{errors:?}");
    let ids: Vec<String> = doc_counts(out.path()).into_iter().map(|d| d.0).collect();
    assert_eq!(ids, ["c1", "c3"]);
    std::fs::write(
        &f,
        "id,source,text\nc1,Daily,\"Unclosed quote.\nc2,Daily,Later row.\n",
    )
    .unwrap();
    let (out, o) = analyze(&[&f], &["--no-report", "--no-stories"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!error_rows(out.path()).is_empty());
}

#[test]

fn json_text_fields_that_are_not_strings_are_error_rows() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("recs.jsonl");
    std::fs::write(
        &f,
        "{\"id\":\"n1\",\"source\":\"W\",\"text\":42}\n{\"id\":\"n2\",\"source\":\"W\",\"text\":[\"a\"]}\n{\"id\":\"n3\",\"source\":\"W\",\"text\":\"Good text.\"}\n",
    )
    .unwrap();
    let (out, o) = analyze(&[&f], &["--no-report", "--no-stories"]);
    assert_eq!(o.status.code(), Some(1));
    let ids: Vec<String> = doc_counts(out.path()).into_iter().map(|d| d.0).collect();
    assert_eq!(ids, ["n3"]);
    let lines: Vec<String> = error_rows(out.path()).into_iter().map(|e| e.0).collect();
    assert_eq!(lines, ["1", "2"]);
}

const SCRIPT: &str = "<script>alert(1)</script>";

/// Every HTML file below `dir` (or the file itself): none holds the raw markup; returns their
/// text joined.
fn html_without_raw_script(dir: &Path) -> String {
    let files = if dir.is_dir() {
        walk(dir)
    } else {
        vec![dir.to_path_buf()]
    };
    let mut all = String::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(f).unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{} holds raw markup",
            f.display()
        );
        all += &html;
    }
    all
}

#[test]
fn markup_in_text_title_and_source_is_escaped_in_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("recs.jsonl");
    let story = "A fire destroyed a grain warehouse in Dunmore on Friday night, the county fire service said. Around 60 firefighters fought the blaze for six hours. “The roof collapsed within twenty minutes of our arrival, and we had to pull our crews back,” said fire chief Marta Olsen. The warehouse held 4,000 tonnes of barley.";
    let rec = |id: &str, source: &str| {
        let v = serde_json::json!({
            "id": id,
            "source": source,
            "title": format!("Dunmore warehouse fire {SCRIPT}"),
            "date": "2025-05-02",
            "text": format!("{story} {SCRIPT} \"{SCRIPT}\" she said."),
        });
        v.to_string() + "\n"
    };
    std::fs::write(
        &f,
        rec("a1", &format!("Ledger {SCRIPT}")) + &rec("b1", "Courier"),
    )
    .unwrap();
    let (out, o) = analyze(&[&f], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let st = read_csv(&out.path().join("stories.csv"));
    assert_eq!(
        st[0]["story_id"], st[1]["story_id"],
        "one story: a story page is written"
    );
    let pages: Vec<_> = walk(out.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() >= 2, "index.html and a story page: {pages:?}");
    let html = html_without_raw_script(out.path());
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // the compare page of two files with markup in their title and text
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    for (p, t) in [(&a, "one"), (&b, "two")] {
        let text = format!("---\ntitle: {t} {SCRIPT}\n---\n{story} {SCRIPT}\n");
        std::fs::write(p, text).unwrap();
    }
    let page = dir.path().join("c.html");
    let o = bin()
        .arg("compare")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&page)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = html_without_raw_script(&page);
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn esc_escapes_the_four_characters_of_html_and_nothing_else() {
    use hedgerow::report::html::esc;
    assert_eq!(
        esc("<a href=\"x\">&</a>"),
        "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    );
    assert_eq!(
        esc("&lt;"),
        "&amp;lt;",
        "escaping twice shows the first escape"
    );
    assert_eq!(esc("plain ’ text"), "plain ’ text");
    let mut seen: HashMap<char, usize> = HashMap::new();
    for c in esc(SCRIPT).chars() {
        *seen.entry(c).or_default() += 1;
    }
    assert!(!seen.contains_key(&'<') && !seen.contains_key(&'>'));
}
