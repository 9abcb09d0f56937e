//! The report a researcher explores (issue 30): every multi-source story has a page showing all
//! its members, explore.html is one self-contained file within its size budget, titles say the
//! grouping, an unknown --own-names is refused, and the run names its stages on stderr.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The documents of each multi-source story in stories.csv.
fn multi_stories(out: &Path) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for r in read_csv(&out.join("stories.csv")) {
        if r["n_sources"].parse::<usize>().unwrap() > 1 {
            *m.entry(r["story_id"].clone()).or_insert(0) += 1;
        }
    }
    m
}

/// Every multi-source story has a page whose columns and listed copies are all its documents,
/// and no page shows shared numbers as "0 ()"; index.html lists every page.
fn every_story_has_a_full_page(out: &Path) {
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let stories = multi_stories(out);
    assert!(!stories.is_empty());
    for (id, n_docs) in &stories {
        let page = out.join(format!("stories/{id}.html"));
        let html = std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("{id}: no page"));
        let columns = html.matches("<div id=\"").count();
        let copies = html
            .find(" documents are copies of another")
            .map_or(0, |at| {
                let before = &html[..at];
                let line = &before[before.rfind('>').unwrap() + 1..];
                line.split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            });
        assert_eq!(
            columns + copies,
            *n_docs,
            "{id}: {columns} columns + {copies} copies"
        );
        assert!(
            !html.contains("<td class=\"num\">0 ()</td>"),
            "{id}: '0 ()'"
        );
        assert!(
            index.contains(&format!("stories/{id}.html")),
            "{id} not in index.html"
        );
    }
}

/// explore.html needs nothing from outside itself: no script, style or font fetched.
fn self_contained(out: &Path) -> usize {
    let html = std::fs::read_to_string(out.join("explore.html")).unwrap();
    for banned in [
        "<script src",
        "<link",
        "@import",
        "url(http",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(!html.contains(banned), "explore.html contains {banned}");
    }
    assert!(html.contains("<script id=\"data\" type=\"application/json\">"));
    html.len()
}

#[test]
fn sample_report_has_every_story_page_and_a_self_contained_explorer() {
    let (out, o) = analyze(&[&root().join("data/sample")], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    every_story_has_a_full_page(out.path());
    self_contained(out.path());
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains("table class=\"sortable\"") && index.contains("href=\"explore.html\""));
}

#[test]
fn abp_medium_stories_all_paged_and_explorer_within_budget() {
    let Some(corpus) = abp_medium("abp_medium_stories_all_paged_and_explorer_within_budget") else {
        return;
    };
    let mut args: Vec<&str> = ABP_FIELDS.to_vec();
    args.extend(["--source-field", "source"]);
    let (out, o) = analyze(&[&corpus], &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    every_story_has_a_full_page(out.path());
    let size = self_contained(out.path());
    assert!(
        size <= hedgerow::report::explore::SIZE_BUDGET,
        "explore.html is {size} bytes"
    );
    // a source's own name is left out of its keyness panel by default, not of terms.csv
    let terms = read_csv(&out.path().join("terms.csv"));
    assert!(terms
        .iter()
        .any(|r| r["source"] == "CNN (Web News)" && r["term"] == "cnn"));
}

#[test]
fn no_explore_writes_no_explorer() {
    let (out, o) = analyze(&[&root().join("data/sample")], &["--no-explore"]);
    assert!(o.status.success());
    assert!(!out.path().join("explore.html").exists());
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(!index.contains("href=\"explore.html\""));
}

#[test]
fn titles_say_the_grouping() {
    let (out, o) = analyze(
        &[&root().join("data/sample")],
        &["--group-by", "source,year"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        index.contains("Hedging by source, year"),
        "no grouping in the titles"
    );
    let (out, _) = analyze(&[&root().join("data/sample")], &[]);
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains("Hedging by source<"));
}

#[test]
fn an_unknown_own_names_value_is_a_usage_error() {
    let (_out, o) = analyze(&[&root().join("data/sample")], &["--own-names", "hide"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--own-names 'hide'") && err.contains("drop, mark, keep"),
        "{err}"
    );
}

#[test]
fn stages_and_summary_are_said_when_stderr_is_not_a_terminal() {
    let out = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["analyze"])
        .arg(root().join("data/sample"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hedgerow: building the tables"), "{err}");
    assert!(err.contains("hedgerow: writing explore.html"), "{err}");
    assert!(
        err.lines().last().unwrap().contains("documents from"),
        "{err}"
    );
}
