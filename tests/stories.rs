//! The story stage on fixtures written for it: look-alike events, independent rewrites, a stock
//! passage, and an article with a rewrite of it for one-to-one quotation pairs.

mod common;
use common::{analyze, bin, read_csv, root};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// stories.csv as doc_id -> story_id.
fn story_of(out: &Path) -> HashMap<String, String> {
    read_csv(&out.join("stories.csv"))
        .into_iter()
        .map(|r| (r["doc_id"].clone(), r["story_id"].clone()))
        .collect()
}

#[test]
fn look_alike_events_stay_apart_and_independent_reports_join() {
    // two warehouse fires, the same fire chief, the same kind of report, two outlets each, all
    // in their own words (no quotation or passage in common) and undated
    let (out, o) = analyze(
        &[&root().join("tests/fixtures/lookalike")],
        &["--no-report"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = story_of(out.path());
    assert_eq!(
        s["courier/mill.md"], s["ledger/mill.md"],
        "one fire, told twice"
    );
    assert_eq!(
        s["courier/dock.md"], s["ledger/dock.md"],
        "the other fire, told twice"
    );
    assert_ne!(s["courier/mill.md"], s["courier/dock.md"], "two fires");
    let st = read_csv(&out.path().join("stories.csv"));
    for r in &st {
        assert_eq!(r["n_docs"], "2");
        assert!(r["linked_by"].contains("content"), "{r:?}");
        assert!(!r["linked_by"].contains("quotes") && !r["linked_by"].contains("passages"));
        assert!(r["link_score"].parse::<f64>().unwrap() > 0.3);
    }
}

#[test]
fn a_stock_passage_does_not_chain_two_events() {
    // a council budget (gazette) and a dock strike (herald) carry the same background paragraph
    // about the city; the tribune's report of the strike shares only the event with the herald
    let (out, o) = analyze(&[&root().join("tests/fixtures/stock")], &["--no-report"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = story_of(out.path());
    assert_eq!(s["herald/strike.md"], s["tribune/strike.md"], "one strike");
    assert_ne!(
        s["gazette/budget.md"], s["herald/strike.md"],
        "the paragraph is stock text"
    );
}

/// A rewrite of an article as a second outlet would make it: every 4th paragraph dropped,
/// straight quotation marks, and in some quotations a word changed, two words cut by an
/// ellipsis, or the end cut off ("Many of you in this room ..."). Returns the text and, per
/// quotation of the rewrite in order, how it was edited.
fn rewrite(original: &str) -> (String, Vec<&'static str>) {
    let body_at = original[3..].find("---").map(|i| i + 7).unwrap();
    let (head, body) = original.split_at(body_at);
    let mut edits = Vec::new();
    let mut n = 0;
    let paras: Vec<String> = body
        .trim()
        .split("\n\n")
        .enumerate()
        .filter(|(i, _)| i % 4 != 3)
        .map(|(_, p)| {
            let mut out = String::new();
            let mut rest = p;
            while let Some(a) = rest.find('“') {
                let b = a + rest[a..].find('”').unwrap();
                out.push_str(&rest[..a]);
                n += 1;
                let mut w: Vec<&str> = rest[a + '“'.len_utf8()..b].split(' ').collect();
                let edit = if n % 7 == 2 && w.len() > 8 {
                    w.truncate(6);
                    w.push("...");
                    "cut"
                } else if n % 3 == 0 && w.len() > 4 {
                    w[1] = "truly";
                    "changed"
                } else if n % 5 == 0 && w.len() > 6 {
                    w.splice(2..4, ["..."]);
                    "ellipsis"
                } else {
                    "kept"
                };
                edits.push(edit);
                out.push('"');
                out.push_str(&w.join(" "));
                out.push('"');
                rest = &rest[b + '”'.len_utf8()..];
            }
            out.push_str(rest);
            out
        })
        .collect();
    (
        format!("{head}\n{}\n", paras.join("\n\n")).replace('’', "'"),
        edits,
    )
}

/// Lowercase words of a quotation, marks and ellipses gone.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'").to_lowercase())
        .collect()
}

#[test]
fn shared_quotations_are_one_to_one_on_a_rewrite() {
    let original =
        std::fs::read_to_string(root().join("tests/fixtures/rewrite/original.md")).unwrap();
    let (text, edits) = rewrite(&original);
    let tmp = tempfile::tempdir().unwrap();
    for (outlet, t) in [("times", original.as_str()), ("post", text.as_str())] {
        std::fs::create_dir_all(tmp.path().join(outlet)).unwrap();
        std::fs::write(tmp.path().join(outlet).join("speech.md"), t).unwrap();
    }
    let (out, o) = analyze(&[tmp.path()], &["--no-report"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sq = read_csv(&out.path().join("shared_quotes.csv"));
    let same: Vec<_> = sq.iter().filter(|r| r["relation"] == "same").collect();
    let parts: Vec<_> = sq.iter().filter(|r| r["relation"] == "contained").collect();
    assert_eq!(same.len() + parts.len(), sq.len(), "every row is marked");
    // no quotation is in two shared pairs
    for side in ["a", "b"] {
        let starts: HashSet<&str> = same
            .iter()
            .map(|r| r[&format!("start_char_{side}")].as_str())
            .collect();
        assert_eq!(
            starts.len(),
            same.len(),
            "a quotation of {side} in two pairs"
        );
    }
    // each pair is the quotation and its own rewrite: same last word (edits are at the start
    // or in the middle), and the cut ones share their first six words with their original
    let docs = read_csv(&out.path().join("documents.csv"));
    let a_is_post = docs.iter().position(|r| r["source"] == "post")
        < docs.iter().position(|r| r["source"] == "times");
    for r in &same {
        let (wa, wb) = (words(&r["text_a"]), words(&r["text_b"]));
        let (short, long) = if wa.len() <= wb.len() {
            (&wa, &wb)
        } else {
            (&wb, &wa)
        };
        let cut_off = short[..] == long[..short.len()];
        assert!(
            wa.last() == wb.last() || cut_off,
            "{} | {}",
            r["text_a"],
            r["text_b"]
        );
        assert_eq!(wa[0], wb[0]);
    }
    for r in &parts {
        let (wa, wb) = (words(&r["text_a"]), words(&r["text_b"]));
        let (short, long) = if wa.len() <= wb.len() {
            (wa, wb)
        } else {
            (wb, wa)
        };
        assert_eq!(
            short[..],
            long[..short.len()],
            "a cut quotation is its original's start"
        );
    }
    // the shorter quotation of a contained pair is in no other pair
    let shorter: Vec<String> = parts
        .iter()
        .map(|r| {
            let a_short = words(&r["text_a"]).len() <= words(&r["text_b"]).len();
            if a_short {
                format!("a{}", r["start_char_a"])
            } else {
                format!("b{}", r["start_char_b"])
            }
        })
        .collect();
    assert_eq!(shorter.iter().collect::<HashSet<_>>().len(), shorter.len());
    // every quotation of the rewrite is accounted for once, and the counts agree
    // (a cut that keeps most of its quotation is still the same one; a short cut is a part)
    let cut = edits.iter().filter(|e| **e == "cut").count();
    assert!(!parts.is_empty() && parts.len() <= cut, "{parts:?}");
    let al = read_csv(&out.path().join("alignment.csv"));
    assert_eq!(al.len(), 1);
    assert_eq!(al[0]["shared_quotes"], same.len().to_string());
    assert_eq!(al[0]["contained_quotes"], parts.len().to_string());
    let rewrite_side = if a_is_post {
        "quotes_only_a"
    } else {
        "quotes_only_b"
    };
    let rewrite_quotes = read_csv(&out.path().join("quotes.csv"))
        .iter()
        .filter(|r| r["source"] == "post" && !matches!(&r["kind"][..], "indirect" | "mixed"))
        .count();
    assert_eq!(
        same.len() + parts.len() + al[0][rewrite_side].parse::<usize>().unwrap(),
        rewrite_quotes
    );
    assert!(
        same.len() + parts.len() >= edits.len() - 1,
        "{} of {}",
        same.len() + parts.len(),
        edits.len()
    );
}

#[test]
fn story_tables_are_identical_across_thread_counts() {
    let fx = root().join("tests/fixtures");
    let inputs = [fx.join("lookalike"), fx.join("stock"), fx.join("stories")];
    let mut outs = Vec::new();
    for t in ["1", "2", "5"] {
        let out = tempfile::tempdir().unwrap();
        let o = bin()
            .env("RAYON_NUM_THREADS", t)
            .arg("analyze")
            .args(&inputs)
            .arg("--out")
            .arg(out.path())
            .args(["-q", "--no-report"])
            .output()
            .unwrap();
        assert!(o.status.success());
        outs.push(out);
    }
    for t in ["stories", "alignment", "shared_quotes", "passages"] {
        let a = std::fs::read(outs[0].path().join(format!("{t}.csv"))).unwrap();
        for o in &outs[1..] {
            assert_eq!(
                a,
                std::fs::read(o.path().join(format!("{t}.csv"))).unwrap(),
                "{t}.csv"
            );
        }
    }
}

/// A wire report of a flood of about 400 words: many distinct passages, so two outlets printing
/// it share text.
fn wire_report() -> String {
    let streets = [
        "Mill", "Bridge", "Church", "Station", "Harbour", "Castle", "Market", "Orchard",
    ];
    let mut s = String::from(
        "The river Aln burst its banks at Dunmore on Tuesday, flooding the lower town.\n\n",
    );
    for (i, st) in streets.iter().enumerate() {
        s += &format!(
            "On {st} Street, {} homes were evacuated before dawn and {} residents spent the night in the school hall, the county council said. Pumps from {} neighbouring brigades worked until noon. ",
            12 + 7 * i,
            40 + 13 * i,
            2 + i
        );
        s += &format!(
            "Volunteer crew number {} cleared the {st} Street drains by hand.\n\n",
            100 + i
        );
    }
    s
}

/// Two outlets print the wire report, dated `date_a` and `date_b`.
fn reprinted(dir: &Path, date_a: &str, date_b: &str) {
    for (outlet, date) in [("ledger", date_a), ("courier", date_b)] {
        std::fs::create_dir_all(dir.join(outlet)).unwrap();
        let text = format!(
            "---\ntitle: Dunmore flood\ndate: {date}\n---\n{}",
            wire_report()
        );
        std::fs::write(dir.join(outlet).join("flood.md"), text).unwrap();
    }
}

#[test]
fn story_window_decides_whether_reprints_days_apart_join() {
    let dir = tempfile::tempdir().unwrap();
    // nine days apart: words alone would lose more than their whole score to the days between
    // them; the text they share links them within any window that spans the days
    reprinted(dir.path(), "2025-05-02", "2025-05-11");
    let together = |extra: &[&str]| {
        let mut args = vec!["--no-report"];
        args.extend(extra);
        let (out, o) = analyze(&[dir.path()], &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let s = story_of(out.path());
        s["ledger/flood.md"] == s["courier/flood.md"]
    };
    assert!(
        !together(&[]),
        "nine days apart: out of the default window of 3"
    );
    assert!(together(&["--story-window", "10"]));
    assert!(!together(&["--story-window", "8"]));
    assert!(together(&["--story-window", "0"]), "0: no window");
}

#[test]
fn story_field_groups_records_by_the_given_story() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("recs.jsonl");
    let rec = |id: &str, source: &str, event: &str, text: &str| {
        serde_json::json!({"id": id, "source": source, "event": event, "text": text}).to_string()
            + "\n"
    };
    std::fs::write(
        &f,
        rec(
            "a",
            "Ledger",
            "e1",
            "The council approved the budget for roads.",
        ) + &rec(
            "b",
            "Courier",
            "e1",
            "A cat was rescued from a tree by firefighters.",
        ) + &rec(
            "c",
            "Post",
            "e2",
            "Snow closed the mountain pass overnight.",
        ) + &rec(
            "d",
            "Wire",
            "",
            "Snow closed the mountain pass overnight, again.",
        ),
    )
    .unwrap();
    let (out, o) = analyze(&[&f], &["--story-field", "event", "--no-report"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_csv(&out.path().join("stories.csv"));
    let row = |id: &str| rows.iter().find(|r| r["doc_id"] == id).unwrap().clone();
    assert_eq!(
        row("a")["story_id"],
        row("b")["story_id"],
        "the given story, whatever the words"
    );
    assert_eq!(row("a")["linked_by"], "given");
    assert_ne!(row("a")["story_id"], row("c")["story_id"]);
    // a document with a given story is grouped by it alone
    assert_ne!(row("c")["story_id"], row("d")["story_id"]);
    // without --story-field the field is not read: the unrelated pair stays apart
    let (out, o) = analyze(&[&f], &["--no-report"]);
    assert!(o.status.success());
    let s = story_of(out.path());
    assert_ne!(s["a"], s["b"]);
}
