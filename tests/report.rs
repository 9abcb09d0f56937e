//! The report a researcher explores (issue 30): every multi-source story has a page showing all
//! its members, explore.html is one self-contained file within its size budget, titles say the
//! grouping, an unknown --own-names is refused, and the run names its stages on stderr; every
//! storyline (issue 36) has a page listing its events by day, linked both ways with their story
//! pages.

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

/// The stories of each storyline in storylines.csv, in its order (by day), with their first dates
/// and sources.
fn storylines(out: &Path) -> BTreeMap<String, Vec<(String, String, usize)>> {
    let mut m: BTreeMap<String, Vec<(String, String, usize)>> = BTreeMap::new();
    for r in read_csv(&out.join("storylines.csv")) {
        m.entry(r["storyline"].clone()).or_default().push((
            r["story_id"].clone(),
            r["first_date"].clone(),
            r["n_sources"].parse().unwrap(),
        ));
    }
    m
}

/// Every link of a page (`href="…"`, not to the web) names an existing file, and its fragment
/// an element of that file.
fn links_resolve(page: &Path) {
    let html = std::fs::read_to_string(page).unwrap();
    for part in html.split("href=\"").skip(1) {
        let href = &part[..part.find('"').unwrap()];
        if href.starts_with("http") {
            continue;
        }
        let (file, frag) = href.split_once('#').unwrap_or((href, ""));
        let target = page.parent().unwrap().join(file);
        if file == "../explore.html" && !target.exists() {
            continue; // --no-explore
        }
        let text = std::fs::read_to_string(&target)
            .unwrap_or_else(|_| panic!("{}: {href} does not resolve", page.display()));
        if !frag.is_empty() {
            assert!(
                text.contains(&format!("id=\"{frag}\"")),
                "{}: {href}: no such element",
                page.display()
            );
        }
    }
}

/// Every storyline of storylines.csv has a page listing its events in date order, whose links
/// resolve; every story page of its events links back to it; index.html and report.md list it.
/// Returns the number of storylines.
fn every_storyline_has_a_page(out: &Path) -> usize {
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let lines = storylines(out);
    for (id, events) in &lines {
        assert!(events.len() >= 2, "{id}: one event");
        let dated: Vec<&str> = events
            .iter()
            .map(|e| e.1.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        assert!(
            dated.windows(2).all(|w| w[0] <= w[1]),
            "{id}: not by day: {dated:?}"
        );
        let page = out.join(format!("storylines/{id}.html"));
        let html = std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("{id}: no page"));
        let at: Vec<usize> = events
            .iter()
            .map(|(s, ..)| {
                html.find(&format!("<h3 id=\"{s}\">"))
                    .unwrap_or_else(|| panic!("{id}: {s} not listed"))
            })
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{id}: events out of date order"
        );
        links_resolve(&page);
        for (s, _, n_sources) in events {
            let story = out.join(format!("stories/{s}.html"));
            if *n_sources < 2 {
                assert!(!story.exists(), "{s}: a page for one source");
                continue;
            }
            let story_html = std::fs::read_to_string(&story).unwrap();
            assert!(
                story_html.contains(&format!("href=\"../storylines/{id}.html\"")),
                "{s}: no link to {id}"
            );
            assert!(
                html.contains(&format!("href=\"../stories/{s}.html\"")),
                "{id}: no link to {s}"
            );
            links_resolve(&story);
        }
        let file = format!("storylines/{id}.html");
        assert!(index.contains(&file), "{id} not in index.html");
        assert!(md.contains(&file), "{id} not in report.md");
    }
    // a story page of an event without a storyline links to none
    for r in read_csv(&out.join("stories.csv")) {
        let story = out.join(format!("stories/{}.html", r["story_id"]));
        if r["storyline"].is_empty() && story.exists() {
            let html = std::fs::read_to_string(&story).unwrap();
            assert!(
                !html.contains("../storylines/"),
                "{}: a storyline link",
                r["story_id"]
            );
        }
    }
    lines.len()
}

/// A copy of data/sample without its given stories: grouped automatically, they give the saga
/// fixture (tests/fixtures/saga) words of other topics to weigh its own against.
fn sample_ungiven() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_sample_with(dir.path(), &|from, to| {
        let text = std::fs::read_to_string(from).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| !l.starts_with("story:"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(to, kept).unwrap();
    });
    dir
}

#[test]
fn a_saga_has_a_storyline_page_linked_both_ways_and_a_rerun_removes_it() {
    // a harbour bridge shut after cracks are found, and the council's vote on its repair three
    // days on: two events (two outlets each) of one saga
    let background = sample_ungiven();
    let saga = root().join("tests/fixtures/saga");
    let (out, o) = analyze(&[&saga, background.path()], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(every_storyline_has_a_page(out.path()) >= 1, "no storyline");
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("run.json")).unwrap())
            .unwrap();
    let files = run["files"].as_array().unwrap();
    assert!(
        files.iter().any(|f| f == "storylines/L00001.html"),
        "run.json does not own the page"
    );
    // the sample with its given stories has no storyline: the earlier pages go
    let o = bin()
        .arg("analyze")
        .arg(root().join("data/sample"))
        .arg("--out")
        .arg(out.path())
        .arg("-q")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(every_storyline_has_a_page(out.path()), 0);
    assert!(
        !out.path().join("storylines").exists(),
        "old storyline pages left"
    );
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
    assert!(
        every_storyline_has_a_page(out.path()) > 0,
        "abp_medium has sagas"
    );
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

/// A French corpus: the explorer reads each document again with the French rules counting used
/// (elisions split), so a term written only after an elision ("l'armée") has its concordance
/// line like any other (read with English rules, "l'armée" is one word and no line was found).
#[test]
fn explorer_lines_follow_the_corpus_language() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("fr.jsonl");
    let mut lines = String::new();
    for (k, source) in ["journal-a", "journal-b"].iter().enumerate() {
        for i in 0..3 {
            let text = if k == 0 {
                format!("Selon l'armée, l'offensive {i} a commencé. D'après l'armée, l'opération d'urgence continue. L'armée dément.")
            } else {
                format!("Le gouvernement {i} annonce un budget. Le ministre présente le budget au parlement. Le budget est adopté.")
            };
            lines += &format!(
                "{{\"id\": \"{source}-{i}\", \"source\": \"{source}\", \"text\": \"{text}\"}}\n"
            );
        }
    }
    std::fs::write(&corpus, lines).unwrap();
    let (out, o) = analyze(&[&corpus], &["--language", "fr"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(out.path().join("explore.html")).unwrap();
    let data = explorer_data(&html);
    let terms = data["terms"].as_array().unwrap();
    let found: std::collections::HashSet<(u64, u64)> = data["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l[0].as_u64().unwrap(), l[1].as_u64().unwrap()))
        .collect();
    let mut cells = 0;
    for (t, term) in terms.iter().enumerate() {
        for cell in term[3].as_array().unwrap() {
            let g = cell[0].as_u64().unwrap();
            assert!(
                found.contains(&(t as u64, g)),
                "no line for {} in group {g}",
                term[0]
            );
            cells += 1;
        }
    }
    assert!(cells > 4, "only {cells} cells");
    assert!(
        terms.iter().any(|t| t[0] == "armée"),
        "armée not among the explorer's terms: {terms:?}"
    );
}
