//! Integration tests: the binary on the bundled sample corpus, on tricky fixtures and (when
//! `../shared` is present, see `common::shared`) on the seed articles.

use std::collections::HashMap;
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;

mod common;
#[path = "common/golden.rs"]
mod golden;
use common::{analyze, bin, read_csv, root};

#[test]
fn sample_corpus_produces_all_tables() {
    let (out, o) = analyze(&[&root().join("data/sample")], &["--format", "csv,parquet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for t in ["documents", "sources", "terms", "hedges", "quotes"] {
        assert!(out.path().join(format!("{t}.csv")).exists(), "{t}.csv");
        assert!(
            out.path().join(format!("{t}.parquet")).exists(),
            "{t}.parquet"
        );
    }
    assert!(out.path().join("errors.csv").exists());
    // each Parquet table has the CSV table's columns, in order, and its rows
    for t in ["documents", "sources", "terms", "hedges", "quotes"] {
        let (names, height) = parquet_columns(&out.path().join(format!("{t}.parquet")));
        let mut r = csv::Reader::from_path(out.path().join(format!("{t}.csv"))).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(names, header, "{t}.parquet column names");
        assert_eq!(height, r.records().count(), "{t}.parquet rows");
    }
    let docs = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs.len(), 9);
    let sources = read_csv(&out.path().join("sources.csv"));
    let names: Vec<&str> = sources.iter().map(|r| r["source"].as_str()).collect();
    assert_eq!(
        names,
        vec!["civic-wire", "northern-courier", "valley-ledger"]
    );
    for col in [
        "doc_id",
        "source",
        "title",
        "date",
        "n_chars",
        "n_tokens",
        "n_types",
        "n_sentences",
        "n_hedges",
        "hedges_per_1k",
        "n_quotes",
        "quoted_tokens",
        "quoted_share",
    ] {
        assert!(docs[0].contains_key(col), "documents.{col}");
    }
    for col in [
        "source",
        "n_docs",
        "n_tokens",
        "n_types",
        "hedges_per_1k",
        "quotes_per_1k",
        "quoted_share",
        "hedges_per_1k_lo",
        "hedges_per_1k_hi",
    ] {
        assert!(sources[0].contains_key(col), "sources.{col}");
    }
    // front matter is metadata: the title is read and not counted as text
    let d = docs
        .iter()
        .find(|d| d["doc_id"] == "valley-ledger/01-orlin-dam-breach.md")
        .unwrap();
    assert_eq!(d["title"], "Orlin dam gives way after three days of rain");
    assert_eq!(d["date"], "2025-03-04");
}

#[test]
fn term_counts_sum_to_non_stopword_tokens() {
    let (out, o) = analyze(&[&root().join("data/sample")], &[]);
    assert!(o.status.success());
    let docs = read_csv(&out.path().join("documents.csv"));
    let terms = read_csv(&out.path().join("terms.csv"));
    let mut by_src: HashMap<String, u64> = HashMap::new();
    for t in &terms {
        if t["n"] == "1" {
            *by_src.entry(t["source"].clone()).or_default() += t["count"].parse::<u64>().unwrap();
        }
    }
    let mut expected: HashMap<String, u64> = HashMap::new();
    for d in &docs {
        *expected.entry(d["source"].clone()).or_default() += d["n_terms"].parse::<u64>().unwrap();
    }
    assert_eq!(by_src, expected);
    // and n_terms is tokens minus stopwords, computed independently here
    let stop: std::collections::HashSet<String> = stop_words::get("en")
        .iter()
        .map(|w| w.replace('’', "'"))
        .collect();
    for d in &docs {
        let text = std::fs::read_to_string(root().join("data/sample").join(&d["doc_id"])).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        let words: Vec<String> = body
            .unicode_words()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect();
        assert_eq!(
            d["n_tokens"].parse::<usize>().unwrap(),
            words.len(),
            "{}",
            d["doc_id"]
        );
        let non_stop = words.iter().filter(|w| !stop.contains(*w)).count();
        assert_eq!(
            d["n_terms"].parse::<usize>().unwrap(),
            non_stop,
            "{}",
            d["doc_id"]
        );
        assert_eq!(d["n_chars"].parse::<usize>().unwrap(), body.chars().count());
    }
}

/// A Parquet file's column names and row count, read with polars.
fn parquet_columns(p: &std::path::Path) -> (Vec<String>, usize) {
    use polars::prelude::*;
    let f = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let df = ParquetReader::new(f)
        .finish()
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let names = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    (names, df.height())
}

#[test]
fn hedge_voice_is_narration_or_in_quote_and_the_rates_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("wire")).unwrap();
    let text = "Officials reportedly fled the town. “We may never return,” the mayor said. Prices could rise.\n";
    std::fs::write(dir.path().join("wire/a.txt"), text).unwrap();
    let (out, o) = analyze(&[dir.path()], &["--no-stories", "--no-report"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let hedges = read_csv(&out.path().join("hedges.csv"));
    let voice: Vec<(&str, &str)> = hedges
        .iter()
        .map(|h| (h["match"].as_str(), h["voice"].as_str()))
        .collect();
    assert_eq!(
        voice,
        [
            ("reportedly", "narration"),
            ("may", "in_quote"),
            ("could", "narration")
        ]
    );
    let docs = read_csv(&out.path().join("documents.csv"));
    let src = &read_csv(&out.path().join("sources.csv"))[0];
    let tokens: f64 = docs[0]["n_tokens"].parse().unwrap();
    assert_eq!(tokens, 15.0);
    for row in [&docs[0], src] {
        assert_eq!(
            (row["n_hedges"].as_str(), row["n_hedges_narration"].as_str()),
            ("3", "2")
        );
    }
    let rate = |c: &str| src[c].parse::<f64>().unwrap();
    assert!((rate("hedges_per_1k") - 3000.0 / tokens).abs() < 1e-5);
    assert!((rate("narration_hedges_per_1k") - 2000.0 / tokens).abs() < 1e-5);
}

#[test]
fn keyness_and_surface_forms() {
    let (out, o) = analyze(&[&root().join("data/sample")], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let terms = read_csv(&out.path().join("terms.csv"));
    let row = terms
        .iter()
        .find(|t| t["source"] == "valley-ledger" && t["term"] == "dam")
        .unwrap();
    assert_eq!(row["surface"], "dam");
    // every row has a per_10k consistent with its count, and a G² whose sign follows its log
    // ratio (the values themselves are recomputed in corpus_measures.rs)
    for t in &terms {
        let num = |c: &str| {
            t[c].parse::<f64>()
                .unwrap_or_else(|e| panic!("{c}: {e}: {t:?}"))
        };
        let per_10k = num("count") / num("total") * 10_000.0;
        assert!(
            (num("per_10k") - per_10k).abs() < 1e-6 * per_10k.max(1.0),
            "{t:?}"
        );
        let (g2, lr) = (num("g2"), num("log_ratio"));
        assert!(g2.is_finite() && lr.is_finite());
        assert_eq!(
            g2 >= 0.0,
            lr >= 0.0 || g2.abs() < 1e-9,
            "sign of G2 follows the log ratio: {t:?}"
        );
    }
    // a stem shows its most frequent surface form
    assert!(terms
        .iter()
        .any(|t| t["term"] == "rebuild" && t["surface"] == "rebuild"));
}

#[test]
fn quote_offsets_give_the_quote_back() {
    let (out, o) = analyze(&[&root().join("data/sample")], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let quotes = read_csv(&out.path().join("quotes.csv"));
    assert!(quotes.len() > 20);
    for q in &quotes {
        let text = std::fs::read_to_string(root().join("data/sample").join(&q["doc_id"])).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let s: usize = q["start_char"].parse().unwrap();
        let e: usize = q["end_char"].parse().unwrap();
        let by_char: String = chars[s..e].iter().collect();
        let sb: usize = q["start_byte"].parse().unwrap();
        let eb: usize = q["end_byte"].parse().unwrap();
        assert_eq!(by_char, text[sb..eb]);
        assert_eq!(
            by_char.split_whitespace().collect::<Vec<_>>().join(" "),
            q["text"]
        );
    }
    let kinds: std::collections::HashSet<&str> =
        quotes.iter().map(|q| q["kind"].as_str()).collect();
    assert!(kinds.contains("direct") && kinds.contains("scare"));
    // the two-paragraph quote is one quotation
    assert!(quotes
        .iter()
        .any(|q| q["paragraphs"] == "2" && q["kind"] == "direct"));
    // anonymous speakers are recognised
    assert!(quotes.iter().any(|q| q["speaker_type"] == "anonymous"));
    let hedges = read_csv(&out.path().join("hedges.csv"));
    for h in &hedges {
        let text = std::fs::read_to_string(root().join("data/sample").join(&h["doc_id"])).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let s: usize = h["start_char"].parse().unwrap();
        let e: usize = h["end_char"].parse().unwrap();
        assert_eq!(chars[s..e].iter().collect::<String>(), h["match"]);
    }
}

/// The two seed articles, each in its own outlet folder; `None` (test skipped, with a line
/// naming `test`) without the shared folder.
fn seed_corpus(test: &str) -> Option<(PathBuf, tempfile::TempDir)> {
    let seeds = common::shared("seeds", test)?;
    let tmp = tempfile::tempdir().unwrap();
    for (i, f) in ["000_6a12b719dd703b42.txt", "001_93e05f699c0f5752.txt"]
        .iter()
        .enumerate()
    {
        let d = tmp.path().join(format!("outlet{i}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::copy(seeds.join(f), d.join(f)).unwrap();
    }
    Some((seeds, tmp))
}

#[test]
fn seeds_when_shared_is_present() {
    let Some((seeds, tmp)) = seed_corpus("seeds_when_shared_is_present") else {
        return;
    };
    let (out, o) = analyze(&[tmp.path()], &[]);
    assert!(o.status.success());
    let docs = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs.len(), 2);
    for d in &docs {
        let f = d["doc_id"].split('/').nth(1).unwrap().to_string();
        let text = std::fs::read_to_string(seeds.join(&f)).unwrap();
        // a plain \w+ count: runs of alphanumerics and underscore
        let mut n = 0;
        let mut inw = false;
        for c in text.chars() {
            let w = c.is_alphanumeric() || c == '_';
            if w && !inw {
                n += 1;
            }
            inw = w;
        }
        let ours: f64 = d["n_tokens"].parse().unwrap();
        assert!(
            (ours - n as f64).abs() / n as f64 <= 0.10,
            "{f}: {ours} vs {n}"
        );
    }
    let hedges = read_csv(&out.path().join("hedges.csv"));
    for w in ["reportedly", "allegedly", "according to", "approximately"] {
        assert!(
            hedges.iter().any(|h| h["match"].to_lowercase() == w),
            "hedge {w}"
        );
    }
    let quotes = read_csv(&out.path().join("quotes.csv"));
    for w in [
        "“annexing”",
        "“Nazi.”",
        "“special operation”",
        "“ice burial”",
    ] {
        assert!(
            quotes
                .iter()
                .any(|q| q["text"] == w && q["kind"] == "scare"),
            "scare {w}"
        );
    }
    for start in [
        "“Following about a monthlong lull",
        "“The Russian military has continuously requested",
    ] {
        assert!(
            quotes
                .iter()
                .filter(|q| q["text"].starts_with(start) && q["kind"] == "direct")
                .count()
                >= 2,
            "{start}"
        );
    }
}

#[test]
fn seeds_speakers_are_the_agencies_and_an_anonymous_source() {
    let Some((_seeds, tmp)) =
        seed_corpus("seeds_speakers_are_the_agencies_and_an_anonymous_source")
    else {
        return;
    };
    let (out, o) = analyze(&[tmp.path()], &[]);
    assert!(o.status.success());
    let quotes = read_csv(&out.path().join("quotes.csv"));
    let speaker_of = |start: &str| -> Vec<(String, String)> {
        quotes
            .iter()
            .filter(|q| q["text"].starts_with(start) && q["kind"] == "direct")
            .map(|q| (q["speaker_resolved"].clone(), q["speaker_type"].clone()))
            .collect()
    };
    // the NIS quotations: "the NIS stated" in one outlet, "the agency explained" in the other
    for (s, _) in speaker_of("“Following about a monthlong lull") {
        assert_eq!(s, "NIS");
    }
    let kcna = quotes
        .iter()
        .filter(|q| q["cue"] == "reported" || q["cue"] == "claimed");
    assert!(kcna.clone().any(|q| q["speaker_resolved"] == "KCNA"));
    assert!(
        quotes
            .iter()
            .any(|q| q["speaker_resolved"].contains("JoongAng")
                && q["speaker_type"] == "organisation")
    );
    let anon = speaker_of("“The Russian military has continuously requested");
    assert!(
        anon.iter()
            .all(|(s, t)| s == "a source" && t == "anonymous"),
        "{anon:?}"
    );
    // speakers.csv lists them per outlet, merged by name
    let speakers = read_csv(&out.path().join("speakers.csv"));
    let has = |src: &str, name: &str| {
        speakers
            .iter()
            .any(|r| r["source"] == src && r["speaker"] == name)
    };
    for src in ["outlet0", "outlet1"] {
        assert!(
            has(src, "NIS") && has(src, "a source") && has(src, "Korea JoongAng Ilbo"),
            "{src}"
        );
    }
    assert!(has("outlet1", "KCNA"));
    let kcna = speakers.iter().find(|r| r["speaker"] == "KCNA").unwrap();
    assert_eq!(kcna["speaker_type"], "organisation");
    // three direct quotations, and “senior middle schools”, KCNA's words woven into the writer's
    // report of it, a mixed one
    assert_eq!(kcna["n_quotes"], "3");
    let sources = read_csv(&out.path().join("sources.csv"));
    assert!(sources
        .iter()
        .all(|r| !r["n_named_speakers"].is_empty() && !r["top5_speaker_share"].is_empty()));
}

#[test]
fn missing_input_is_exit_2_naming_it() {
    let o = bin()
        .args(["analyze", "/no/such/folder", "-q", "--out"])
        .arg(tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/no/such/folder"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn bad_inputs_are_reported_and_nothing_is_lost() {
    let fx = root().join("tests/fixtures");
    let (out, o) = analyze(
        &[
            &fx.join("bad"),
            &fx.join("records.jsonl"),
            &fx.join("records.csv"),
        ],
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "some inputs skipped: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = read_csv(&out.path().join("documents.csv"));
    let errors = read_csv(&out.path().join("errors.csv"));
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str()).collect();
    // every input document is in documents.csv or errors.csv
    for id in [
        "outlet-a/good.txt",
        "outlet-a/latin1.txt",
        "outlet-b/utf16.txt",
        "outlet-b/empty.txt",
        "outlet-b/unbalanced.txt",
        "r1",
        "r4",
        "c1",
        "c2",
    ] {
        assert!(ids.contains(&id), "{id} in documents: {ids:?}");
    }
    let has = |frag: &str, prob: &str| {
        errors
            .iter()
            .any(|e| e["path"].contains(frag) && e["problem"].contains(prob))
    };
    assert!(has("binary.txt", "binary"));
    assert!(has("latin1.txt", "windows-1252"));
    assert!(has("utf16.txt", "UTF-16"));
    assert!(has("empty.txt", "empty"));
    assert!(errors.iter().any(|e| e["path"].ends_with("records.jsonl")
        && e["line"] == "2"
        && e["problem"].contains("invalid JSON")));
    assert!(errors.iter().any(|e| e["path"].ends_with("records.jsonl")
        && e["line"] == "3"
        && e["problem"].contains("no text field")));
    let analysed_or_skipped = docs.len()
        + errors
            .iter()
            .filter(|e| e["action"].starts_with("skipped"))
            .count();
    assert_eq!(analysed_or_skipped, 12);
    // decoded text is right
    let latin = docs
        .iter()
        .find(|d| d["doc_id"] == "outlet-a/latin1.txt")
        .unwrap();
    assert_eq!(latin["n_quotes"], "1");
    let utf16 = docs
        .iter()
        .find(|d| d["doc_id"] == "outlet-b/utf16.txt")
        .unwrap();
    assert_eq!(utf16["n_tokens"], "2");
    // the unbalanced quote stops at the paragraph end
    let quotes = read_csv(&out.path().join("quotes.csv"));
    let q = quotes
        .iter()
        .find(|q| q["doc_id"] == "outlet-b/unbalanced.txt")
        .unwrap();
    assert_eq!(q["unbalanced"], "true");
    assert!(!q["text"].contains("Next paragraph"));
    // CSV record with a quoted newline is one document
    let c1 = docs.iter().find(|d| d["doc_id"] == "c1").unwrap();
    assert_eq!(c1["title"], "One");
    assert_eq!(c1["n_hedges"], "2");
}

#[test]
fn strict_stops_at_first_bad_input() {
    let fx = root().join("tests/fixtures");
    let (_out, o) = analyze(&[&fx.join("records.jsonl")], &["--strict"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("records.jsonl:2"));
}

#[test]
fn existing_out_keeps_foreign_files() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let o = bin()
        .arg("analyze")
        .arg(root().join("data/sample"))
        .arg("--out")
        .arg(out.path())
        .arg("-q")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "mine"
    );
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn unwritable_out_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = bin()
        .arg("analyze")
        .arg(root().join("data/sample"))
        .arg("--out")
        .arg(file.join("sub"))
        .arg("-q")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a-file"));
}

#[test]
fn tables_are_identical_across_thread_counts() {
    let fx = root().join("tests/fixtures");
    let inputs = [
        root().join("data/sample"),
        fx.join("records.jsonl"),
        fx.join("stories"),
    ];
    let mut outs = Vec::new();
    for t in ["1", "2", "8"] {
        let out = tempfile::tempdir().unwrap();
        bin()
            .env("RAYON_NUM_THREADS", t)
            .arg("analyze")
            .args(&inputs)
            .arg("--out")
            .arg(out.path())
            .arg("-q")
            .output()
            .unwrap();
        outs.push(out);
    }
    for t in [
        "documents",
        "sources",
        "terms",
        "hedges",
        "quotes",
        "errors",
        "stories",
        "alignment",
        "shared_quotes",
        "passages",
    ] {
        let a = std::fs::read(outs[0].path().join(format!("{t}.csv"))).unwrap();
        for o in &outs[1..] {
            assert_eq!(
                a,
                std::fs::read(o.path().join(format!("{t}.csv"))).unwrap(),
                "{t}.csv differs across thread counts"
            );
        }
    }
}

#[test]
fn ngrams_and_options() {
    let (out, o) = analyze(
        &[&root().join("data/sample")],
        &["--ngrams", "2", "--no-stem"],
    );
    assert!(o.status.success());
    let terms = read_csv(&out.path().join("terms.csv"));
    assert!(terms
        .iter()
        .any(|t| t["n"] == "2" && t["term"] == "east wall"));
    assert!(
        terms.iter().any(|t| t["term"] == "residents"),
        "no stemming keeps plural"
    );
    let o = bin()
        .args(["analyze", "--ngrams", "4", "-q"])
        .arg(root().join("data/sample"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin()
        .args(["analyze", "--language", "klingon", "-q"])
        .arg(root().join("data/sample"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("klingon"));
}

#[test]
fn lexicon_command_prints_builtin() {
    let o = bin().arg("lexicon").output().unwrap();
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.starts_with("pattern,category,rule,note"));
    assert!(s.contains("according to,evidential"));
}

#[test]
fn kwic_prints_aligned_lines_and_csv() {
    let csv_out = tempfile::NamedTempFile::new().unwrap();
    let o = bin()
        .args(["kwic", "category:evidential"])
        .arg(root().join("data/sample"))
        .arg("--csv")
        .arg(csv_out.path())
        .arg("-q")
        .output()
        .unwrap();
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    let cols: std::collections::HashSet<usize> = s
        .lines()
        .map(|l| l[..l.find(" [").unwrap()].chars().count())
        .collect();
    assert_eq!(cols.len(), 1, "aligned on the match:\n{s}");
    assert!(s.contains("[reportedly]") && s.contains("[According to]"));
    let rows = read_csv(csv_out.path());
    assert_eq!(rows.len(), s.lines().count());
    let o = bin()
        .args(["kwic", "category:nonsense"])
        .arg(root().join("data/sample"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// `kwic` reads each document by the rules of its language: the hedges of a category are the
/// language's own (`--language auto`: each document's), and a word after a French elision is
/// found ("l’Etat" holds the word "etat").
#[test]
fn kwic_reads_each_document_in_its_language() {
    let mixed = root().join("tests/fixtures/mixed/reports.jsonl");
    let run = |args: &[&str]| {
        let o = bin().args(args).arg(&mixed).arg("-q").output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let s = run(&["kwic", "category:evidential", "--language", "auto"]);
    for hedge in [
        "[reportedly]",
        "[Laut]",
        "[selon]",
        "[según los]",
        "[якобы]",
        "[нібито]",
    ] {
        assert!(s.contains(hedge), "{hedge} missing:\n{s}");
    }
    // English rules alone find none of the other languages' hedges
    let s = run(&["kwic", "category:evidential"]);
    assert!(!s.contains("[selon]") && !s.contains("[якобы]"), "{s}");
    let s = run(&["kwic", "urgence", "--language", "fr"]);
    assert!(s.contains("[urgence]"), "{s}");
}

#[test]
fn example_report_is_current_and_complete() {
    // reports/example is regenerated by: cargo run --release -- analyze data/sample --out reports/example
    let (out, o) = analyze(&[&root().join("data/sample")], &[]);
    assert!(o.status.success());
    for f in [
        "documents.csv",
        "sources.csv",
        "terms.csv",
        "hedges.csv",
        "quotes.csv",
        "errors.csv",
        "speakers.csv",
    ] {
        let fresh = std::fs::read(out.path().join(f)).unwrap();
        let committed = std::fs::read(root().join("reports/example").join(f)).unwrap_or_default();
        assert!(
            fresh == committed,
            "reports/example/{f} is stale: regenerate it with the command in README"
        );
    }
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    let charts = [
        "hedges_by_source.png",
        "quote_profile.png",
        "quotes_vs_hedges.png",
        "top_terms.png",
        "keyness.png",
    ];
    for c in charts {
        assert!(
            html.contains(&format!("src=\"{c}\"")),
            "index.html shows {c}"
        );
        let png = std::fs::read(out.path().join(c)).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // at least 1200×700 (IHDR width and height)
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert!(w >= 1200 && h >= 700, "{c} is {w}×{h}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the report works offline"
    );
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("run.json")).unwrap())
            .unwrap();
    assert_eq!(run["documents"], 9);
    assert_eq!(run["inputs"][0]["documents"], 9);
    assert!(std::fs::read_to_string(out.path().join("report.md"))
        .unwrap()
        .contains("![Hedging by source](hedges_by_source.png)"));
}

#[test]
fn batch_runs_jobs_and_links_them() {
    let out = tempfile::tempdir().unwrap();
    let o = bin()
        .arg("batch")
        .arg(root().join("data/jobs/example.toml"))
        .arg("--out")
        .arg(out.path())
        .arg("-q")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let idx = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        idx.contains("href=\"sample/index.html\"")
            && idx.contains("href=\"sample-bigrams/index.html\"")
    );
    assert!(out.path().join("sample-bigrams/terms.csv").exists());
    // a broken job is reported, the others still run
    let jobs = out.path().join("jobs.toml");
    std::fs::write(&jobs, format!("[[job]]\nname = \"bad\"\ninputs = [\"/no/such/dir\"]\n\n[[job]]\nname = \"good\"\ninputs = [\"{}\"]\n", root().join("data/sample").display())).unwrap();
    let o = bin()
        .arg("batch")
        .arg(&jobs)
        .arg("--out")
        .arg(out.path().join("b2"))
        .arg("-q")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(out.path().join("b2/good/index.html").exists());
    assert!(std::fs::read_to_string(out.path().join("b2/index.html"))
        .unwrap()
        .contains("failed"));
}

#[test]
fn huge_single_line_is_linear_and_limited() {
    // 100 MB on one line: with the default --max-doc-bytes (64 MiB) it is reported and skipped;
    // with a higher limit it is analysed (in seconds, not hours: no quadratic scans).
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("wire")).unwrap();
    let unit = "Officials reportedly said “about 300 homes” may be lost, didn't they? 'Yes,' he said. \"Approximately 1,000 left,\" a source told us. ";
    let n = 100_000_000 / unit.len() + 1;
    let mut s = String::with_capacity(n * unit.len());
    for _ in 0..n {
        s.push_str(unit);
    }
    std::fs::write(src.join("wire/huge.txt"), &s).unwrap();
    let (out, o) = analyze(&[&src], &[]);
    assert_eq!(o.status.code(), Some(1));
    let errors = read_csv(&out.path().join("errors.csv"));
    assert!(errors
        .iter()
        .any(|e| e["path"].ends_with("huge.txt") && e["problem"].contains("--max-doc-bytes")));
    let args = ["--max-doc-bytes", "200000000", "--no-report"];
    let started = std::time::Instant::now();
    let (out, o) = analyze(&[&src], &args);
    let big = started.elapsed();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["n_quotes"].parse::<usize>().unwrap(), 3 * n);
    // linear: a tenth of the line takes about a tenth of the time (a scan quadratic in the
    // line's length would take a hundred times longer on the whole)
    std::fs::write(src.join("wire/huge.txt"), &s[..(n / 10) * unit.len()]).unwrap();
    let started = std::time::Instant::now();
    let (_out, o) = analyze(&[&src], &args);
    let small = started.elapsed();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        big.as_secs_f64() < 30.0 * small.as_secs_f64(),
        "100 MB in {big:?}, 10 MB in {small:?}: not linear"
    );
}

#[test]
fn symlink_loops_and_unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("outlet");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::write(a.join("ok.txt"), "Fine text, reportedly.").unwrap();
    std::os::unix::fs::symlink(dir.path(), a.join("loop")).unwrap();
    std::os::unix::fs::symlink("/no/such/target.txt", a.join("dangling.txt")).unwrap();
    // a file without read permission (root reads it anyway: then that case is skipped)
    let locked = a.join("locked.txt");
    std::fs::write(&locked, "Secret text, reportedly.").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_readable = std::fs::read(&locked).is_ok();
    if locked_readable {
        std::fs::remove_file(&locked).unwrap();
        eprintln!(
            "skipping the unreadable-file case of symlink_loops_and_unreadable_files_are_reported: \
             this user reads files with mode 000 (root)"
        );
    }
    let (out, o) = analyze(&[dir.path()], &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs.len(), 1);
    let errors = read_csv(&out.path().join("errors.csv"));
    assert!(
        errors.iter().any(|e| e["problem"].contains("symlink loop")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["path"].ends_with("dangling.txt") && e["action"] == "skipped"),
        "{errors:?}"
    );
    if !locked_readable {
        assert!(
            errors
                .iter()
                .any(|e| e["path"].ends_with("locked.txt") && e["action"] == "skipped"),
            "{errors:?}"
        );
    }
}

#[test]
fn stories_group_same_event_and_keep_different_events_apart() {
    let (out, o) = analyze(&[&root().join("tests/fixtures/stories")], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let st = read_csv(&out.path().join("stories.csv"));
    let story = |id: &str| st.iter().find(|r| r["doc_id"] == id).unwrap()["story_id"].clone();
    assert_eq!(
        story("ledger/fire.md"),
        story("courier/fire.md"),
        "one fire, two outlets"
    );
    assert_ne!(
        story("ledger/fire.md"),
        story("courier/flood.md"),
        "same town, other event"
    );
    let sq = read_csv(&out.path().join("shared_quotes.csv"));
    assert_eq!(
        sq.len(),
        1,
        "the chief's quote, despite other marks and a missing comma"
    );
    assert!(out.path().join("stories").read_dir().unwrap().count() >= 1);
    assert!(std::fs::read_to_string(out.path().join("index.html"))
        .unwrap()
        .contains("<h2 id=\"stories\">Stories</h2>"));
}

#[test]
fn a_copy_from_the_same_source_joins_its_story_without_new_pairs() {
    // a re-crawled article (same words, other line breaks) in the same outlet's folder
    let tmp = tempfile::tempdir().unwrap();
    let fx = root().join("tests/fixtures/stories");
    for outlet in ["courier", "ledger"] {
        std::fs::create_dir_all(tmp.path().join(outlet)).unwrap();
        for f in std::fs::read_dir(fx.join(outlet)).unwrap().flatten() {
            std::fs::copy(f.path(), tmp.path().join(outlet).join(f.file_name())).unwrap();
        }
    }
    let text = std::fs::read_to_string(fx.join("ledger/fire.md")).unwrap();
    std::fs::write(
        tmp.path().join("ledger/fire_recrawl.md"),
        text.replace(". ", ".\n"),
    )
    .unwrap();
    let (out, o) = analyze(&[tmp.path()], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = read_csv(&out.path().join("documents.csv"));
    let dup = |id: &str| docs.iter().find(|r| r["doc_id"] == id).unwrap()["duplicate_of"].clone();
    assert_eq!(dup("ledger/fire_recrawl.md"), "ledger/fire.md");
    assert_eq!(dup("ledger/fire.md"), "");
    assert_eq!(
        dup("courier/fire.md"),
        "",
        "the other outlet's report is not a copy"
    );
    let st = read_csv(&out.path().join("stories.csv"));
    let story = |id: &str| st.iter().find(|r| r["doc_id"] == id).unwrap()["story_id"].clone();
    assert_eq!(story("ledger/fire_recrawl.md"), story("ledger/fire.md"));
    // every document is accounted for; the copy is aligned through its original only
    assert_eq!(st.len(), 4);
    let al = read_csv(&out.path().join("alignment.csv"));
    assert_eq!(al.len(), 1, "{al:?}");
    assert!(al
        .iter()
        .all(|r| r["doc_a"] != "ledger/fire_recrawl.md" && r["doc_b"] != "ledger/fire_recrawl.md"));
}

#[test]
fn seeds_are_one_story_with_their_shared_quotes() {
    let Some((_seeds, tmp)) = seed_corpus("seeds_are_one_story_with_their_shared_quotes") else {
        return;
    };
    let (out, o) = analyze(&[tmp.path()], &[]);
    assert!(o.status.success());
    let st = read_csv(&out.path().join("stories.csv"));
    assert_eq!(st.len(), 2);
    assert_eq!(st[0]["story_id"], st[1]["story_id"]);
    assert_eq!(st[0]["n_sources"], "2");
    let sq = read_csv(&out.path().join("shared_quotes.csv"));
    for start in [
        "Following about a monthlong lull",
        "It appears that there has been",
        "Approximately 1,000 to 3,000",
        "The Russian military has continuously requested",
    ] {
        let norm = |s: &str| s.trim_start_matches(['“', '"']).to_lowercase();
        assert!(
            sq.iter()
                .any(|q| norm(&q["text_a"]).starts_with(&start.to_lowercase())
                    || norm(&q["text_b"]).starts_with(&start.to_lowercase())),
            "{start}"
        );
    }
    // the NIS statement, split in two by one outlet, is two parts of one quotation; the other
    // two are the same quotation in both, each in one pair
    let relation = |start: &str| {
        sq.iter()
            .filter(|q| {
                let opens = |t: &str| t.trim_start_matches(['“', '"']).starts_with(start);
                opens(&q["text_a"]) || opens(&q["text_b"])
            })
            .map(|q| q["relation"].as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(relation("It appears that there has been"), ["contained"]);
    assert_eq!(relation("The Russian military has continuously"), ["same"]);
    let al = read_csv(&out.path().join("alignment.csv"));
    assert_eq!(al.len(), 1);
    assert_eq!(
        (
            al[0]["shared_quotes"].as_str(),
            al[0]["contained_quotes"].as_str()
        ),
        ("4", "2")
    );
    let nums: Vec<&str> = al[0]["shared_number_list"].split(';').collect();
    assert!(nums.contains(&"11000") && nums.contains(&"4000"));
    let shared: Vec<&str> = al[0]["scare_shared"].split(';').collect();
    assert!(shared.contains(&"special operation") && shared.contains(&"ice burial"));
    // doc_a is outlet0 (000_…), doc_b is outlet1 (001_…)
    assert!(al[0]["doc_b"].contains("001_"));
    let only_b: Vec<&str> = al[0]["scare_only_b"].split(';').collect();
    assert!(only_b.contains(&"annexing") && only_b.contains(&"nazi"));
    assert!(al[0]["scare_only_a"].is_empty());
}

#[test]
fn compare_writes_a_side_by_side_page() {
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("c.html");
    let fx = root().join("tests/fixtures/stories");
    let o = bin()
        .arg("compare")
        .arg(fx.join("ledger/fire.md"))
        .arg(fx.join("courier/fire.md"))
        .arg("--out")
        .arg(&page)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<h3>ledger") && html.contains("<h3>courier"));
    assert!(html.contains("Legend") && html.contains("class=\"q\""));
    assert!(!html.contains("http"), "offline page");
}

/// `compare --language auto`: each file read by its own language's rules (a French report's
/// "selon" is a hedge in its column, marked `lang="fr"`); English only, it is not.
#[test]
fn compare_reads_each_file_in_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("wire-en.txt");
    let fr = dir.path().join("wire-fr.txt");
    std::fs::write(&en, "North Korea has reportedly sent troops to Russia, officials said on Friday. The troops were seen near the border, according to the agency.").unwrap();
    std::fs::write(&fr, "La Corée du Nord aurait envoyé des soldats en Russie, selon les services de renseignement. Les soldats ont été vus près de la frontière, a déclaré l'agence.").unwrap();
    let page = |language: &str| {
        let page = dir.path().join(format!("{language}.html"));
        let o = bin()
            .args(["compare", "--language", language])
            .arg(&en)
            .arg(&fr)
            .arg("--out")
            .arg(&page)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(&page).unwrap()
    };
    let html = page("auto");
    assert!(
        html.contains("lang=\"fr\"") && html.contains("lang=\"en\""),
        "{html}"
    );
    assert!(
        html.contains(">selon<") && html.contains(">reportedly<"),
        "{html}"
    );
    let html = page("english");
    assert!(
        !html.contains(">selon<") && !html.contains("lang=\"fr\""),
        "{html}"
    );
}

#[test]
fn abp_medium_tables_match_their_golden() {
    // Optimisations must not change outputs: every table of abp_medium (CSV and Parquet, with
    // collocations) is summarised per column in tests/golden/abp_medium.txt. After an intended
    // change of results, run with HEDGEROW_BLESS=1, review the .new file it writes and move it
    // over the golden, saying in the commit which tables moved and why.
    let Some(src) = common::abp_medium("abp_medium_tables_match_their_golden") else {
        return;
    };
    let mut args = common::ABP_FIELDS.to_vec();
    args.extend(GOLDEN_ARGS);
    let (out, o) = analyze(&[&src], &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let header = format!(
        "# hedgerow analyze abp_medium.jsonl {} {}\n# key<TAB>rows, bytes and hash of a table; hash (and sum of numbers) of a column\n",
        common::ABP_FIELDS.join(" "),
        GOLDEN_ARGS.join(" ")
    );
    golden::check(
        out.path(),
        &root().join("tests/golden/abp_medium.txt"),
        &header,
    );
    let docs = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs.len(), 3656);
    let sources = read_csv(&out.path().join("sources.csv"));
    assert_eq!(sources.len(), 65);
}

/// The options of the golden run, beside the ABP field mapping.
const GOLDEN_ARGS: [&str; 6] = [
    "--source-field",
    "source",
    "--no-report",
    "--format",
    "csv,parquet",
    "--collocations",
];

#[test]
fn golden_differences_name_the_table_and_column() {
    let want = golden::parse("a.csv\trows=2\na.csv:x\thash=1 sum=3\nb.csv\trows=1\n");
    let got = golden::parse("a.csv\trows=2\na.csv:x\thash=2 sum=4\nc.csv\trows=1\n");
    let d = golden::differences(&want, &got);
    assert_eq!(d.len(), 3, "{d:?}");
    assert!(d[0].starts_with("moved   a.csv:x: hash=1 sum=3"), "{d:?}");
    assert!(d[1].starts_with("missing b.csv"), "{d:?}");
    assert!(d[2].starts_with("new     c.csv"), "{d:?}");
    assert!(golden::differences(&want, &want).is_empty());
}

#[test]
fn golden_sums_are_exact_for_integers_and_absent_for_text() {
    let sum = |vals: &[&str]| {
        let mut s = golden::ColumnSum::default();
        vals.iter().for_each(|v| s.add(v));
        s.shown()
    };
    assert_eq!(
        sum(&["9007199254740993", "1", ""]).as_deref(),
        Some("9007199254740994")
    );
    assert_eq!(sum(&["0.5", "1"]).as_deref(), Some("1.500000000e0"));
    assert_eq!(sum(&["1", "two"]), None);
    assert_eq!(sum(&["", ""]), None);
    assert_eq!(sum(&["NaN"]), None);
}

#[test]
fn manifest_user_lexicon_and_stopwords() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("manifest.csv");
    std::fs::write(
        &manifest,
        "path,source,title\nvalley-ledger/01-orlin-dam-breach.md,Renamed Outlet,New title\n",
    )
    .unwrap();
    let lex = dir.path().join("lex.csv");
    std::fs::write(
        &lex,
        "pattern,category,rule,note\nresidents,worry,,a word the sample uses\n",
    )
    .unwrap();
    let stop = dir.path().join("stop.txt");
    std::fs::write(&stop, "the\nsaid\n").unwrap();
    let (out, o) = analyze(
        &[&root().join("data/sample")],
        &[
            "--manifest",
            manifest.to_str().unwrap(),
            "--lexicon",
            lex.to_str().unwrap(),
            "--stopwords",
            stop.to_str().unwrap(),
            "--no-report",
            "--no-stories",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = read_csv(&out.path().join("documents.csv"));
    let d = docs
        .iter()
        .find(|d| d["doc_id"] == "valley-ledger/01-orlin-dam-breach.md")
        .unwrap();
    assert_eq!(
        (d["source"].as_str(), d["title"].as_str()),
        ("Renamed Outlet", "New title")
    );
    assert!(
        docs[0].contains_key("hedges_worry"),
        "user category gets its column"
    );
    // ... and stays out of the headline count: the same hedges as without the user lexicon
    let worried: u64 = docs
        .iter()
        .map(|d| d["hedges_worry"].parse::<u64>().unwrap())
        .sum();
    assert!(worried > 0, "the user entry matches");
    let (plain, o) = analyze(
        &[&root().join("data/sample")],
        &["--no-report", "--no-stories"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let plain_docs = read_csv(&plain.path().join("documents.csv"));
    let total = |v: &[HashMap<String, String>]| -> u64 {
        v.iter()
            .map(|d| d["n_hedges"].parse::<u64>().unwrap())
            .sum()
    };
    assert_eq!(total(&docs), total(&plain_docs));
    let terms = read_csv(&out.path().join("terms.csv"));
    assert!(
        !terms.iter().any(|t| t["term"] == "said"),
        "custom stopword list replaces the built-in one"
    );
    assert!(
        terms.iter().any(|t| t["term"] == "and"),
        "built-in stopwords no longer apply"
    );
    // a lexicon with a bad rule is a clear usage error naming the file
    std::fs::write(&lex, "pattern,category,rule,note\nx,worry,sometimes,\n").unwrap();
    let (_o2, o) = analyze(
        &[&root().join("data/sample")],
        &["--lexicon", lex.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("lex.csv"));
}

/// `--language auto`: one report per language of one story, each counted by its language's
/// rules (hedges, quotations and speakers), with the seeds (English) when `../shared` is there.
#[test]
fn language_auto_counts_each_document_in_its_language() {
    let mixed = root().join("tests/fixtures/mixed/reports.jsonl");
    let seeds = common::shared(
        "seeds",
        "language_auto_counts_each_document_in_its_language (seeds part)",
    );
    let mut inputs = vec![mixed.as_path()];
    if let Some(s) = &seeds {
        inputs.push(s.as_path());
    }
    let (out, o) = analyze(&inputs, &["--language", "auto"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = read_csv(&out.path().join("documents.csv"));
    for d in &docs {
        let want = d["doc_id"]
            .split('-')
            .next()
            .filter(|c| c.len() == 2)
            .unwrap_or("en");
        assert_eq!(d["language"], want, "{}", d["doc_id"]);
    }
    assert_eq!(docs.len(), 7 + seeds.map_or(0, |_| 2));
    let hedges = read_csv(&out.path().join("hedges.csv"));
    let evidential = [
        ("de-1", "Laut"),
        ("fr-1", "selon"),
        ("es-1", "según los"),
        ("ru-1", "якобы"),
        ("uk-1", "нібито"),
        ("ko-1", "따르면"),
    ];
    for (doc, word) in evidential {
        assert!(
            hedges
                .iter()
                .any(|h| h["doc_id"] == doc && h["match"] == word && h["category"] == "evidential"),
            "{doc}: no evidential {word}"
        );
    }
    let quotes = read_csv(&out.path().join("quotes.csv"));
    let speakers = [
        ("de-1", "Yoon"),
        ("fr-1", "Yoon"),
        ("es-1", "Yoon"),
        ("ru-1", "Юн"),
        ("uk-1", "Юн"),
        ("ko-1", "윤석열"),
    ];
    for (doc, name) in speakers {
        assert!(
            quotes.iter().any(|q| q["doc_id"] == doc
                && q["kind"] == "direct"
                && q["speaker_resolved"].contains(name)),
            "{doc}: no direct quotation of {name}"
        );
    }
}

#[test]
fn language_auto_refuses_lists_of_one_language() {
    let lexicon = root().join("data/lexicons/hedges_en.csv");
    let (_out, o) = analyze(
        &[&root().join("tests/fixtures/mixed/reports.jsonl")],
        &["--language", "auto", "--lexicon", lexicon.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--lexicon") && err.contains("auto"), "{err}");
}
