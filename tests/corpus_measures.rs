//! What a corpus linguist reaches for: the document-term table, keyness with its evidence,
//! dispersion, collocations, and Parquet tables that other readers open with the right types.

mod common;

use common::{abp_medium, analyze, read_csv, root, ABP_FIELDS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn f(x: &str) -> f64 {
    x.parse().unwrap_or(f64::NAN)
}

/// Dunning's G² of a term counted `a` times in a target of `c` and `b` times in a reference of `d`.
fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let t = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (t(a, e1) + t(b, e2))
}

#[test]
fn dfm_keyness_and_dispersion_agree_with_their_counts_on_the_sample() {
    let (out, o) = analyze(&[&root().join("data/sample")], &["--dfm", "--no-report"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    check_tables_streaming(out.path());
    // a term used in one of a source's documents only is maximally dispersed there
    let terms = read_csv(&out.path().join("terms.csv"));
    assert!(terms
        .iter()
        .any(|t| t["doc_freq"] == "1" && f(&t["dp"]) > 0.5));
    assert!(terms.iter().all(|t| t["significant"] == "true"
        || t["significant"] == "false"
        || t["significant"].is_empty()));
}

/// The same checks in one streaming pass per table, for a corpus whose doc_terms is too large to
/// hold as rows of maps: doc_terms summed per (source, term) against terms.csv, every p-value and
/// G² against the row's own counts, and every DP recomputed as
/// ½ (Σ over documents holding the term |vᵢ − sᵢ| + Σ over the others sᵢ).
fn check_tables_streaming(out: &Path) {
    let docs = read_csv(&out.join("documents.csv"));
    let source_of: HashMap<String, String> = docs
        .iter()
        .map(|d| (d["doc_id"].clone(), d["source"].clone()))
        .collect();
    let terms = read_csv(&out.join("terms.csv"));
    check_keyness_rows(&terms, docs.len());
    let total: HashMap<(String, String), u64> = terms
        .iter()
        .map(|t| {
            (
                (t["source"].clone(), t["term"].clone()),
                t["count"].parse().unwrap(),
            )
        })
        .collect();
    let rows = |f: &mut dyn FnMut(&str, &str, usize, u64)| {
        let mut r = csv::Reader::from_path(out.join("doc_terms.csv")).unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            f(
                &rec[0],
                &rec[1],
                rec[2].parse().unwrap(),
                rec[3].parse().unwrap(),
            );
        }
    };
    // pass 1: sums per (source, term), document and source sizes per n-gram size
    let mut sums: HashMap<(String, String), u64> = HashMap::new();
    let mut doc_size: HashMap<(String, usize), u64> = HashMap::new();
    let mut src_size: HashMap<(String, usize), u64> = HashMap::new();
    rows(&mut |doc, term, n, c| {
        let src = &source_of[doc];
        *sums.entry((src.clone(), term.to_string())).or_insert(0) += c;
        *doc_size.entry((doc.to_string(), n)).or_insert(0) += c;
        *src_size.entry((src.clone(), n)).or_insert(0) += c;
    });
    assert_eq!(sums.len(), terms.len());
    for t in &terms {
        let k = (t["source"].clone(), t["term"].clone());
        assert_eq!(sums[&k].to_string(), t["count"], "{k:?}");
    }
    // pass 2: Σ |v - s| and Σ s over the documents holding each term
    let mut held: HashMap<(String, String), (f64, f64)> = HashMap::new();
    rows(&mut |doc, term, n, c| {
        let src = source_of[doc].clone();
        let share = doc_size[&(doc.to_string(), n)] as f64 / src_size[&(src.clone(), n)] as f64;
        let k = (src, term.to_string());
        let v = c as f64 / total[&k] as f64;
        let e = held.entry(k).or_insert((0.0, 0.0));
        e.0 += (v - share).abs();
        e.1 += share;
    });
    for t in &terms {
        let (abs, shares) = held[&(t["source"].clone(), t["term"].clone())];
        let want = 0.5 * (abs + (1.0 - shares));
        assert!((want - f(&t["dp"])).abs() < 2e-6, "{t:?}: dp {want}");
    }
}

#[test]
fn dfm_keyness_and_dispersion_agree_on_abp_medium() {
    let Some(src) = abp_medium("dfm_keyness_and_dispersion_agree_on_abp_medium") else {
        return;
    };
    let mut args = ABP_FIELDS.to_vec();
    args.extend(["--dfm", "--no-report", "--no-stories"]);
    let (out, o) = analyze(&[&src], &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    check_tables_streaming(out.path());
}

#[test]
fn collocations_are_counted_within_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("wire");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("a.txt"),
        "The White House said so. White House aides agreed. The house was white.\n",
    )
    .unwrap();
    let (out, o) = analyze(&[dir.path()], &["--collocations", "--collocation-min", "1"]);
    assert!(o.status.success());
    let rows = read_csv(&out.path().join("collocations.csv"));
    let pair = |a: &str, b: &str| rows.iter().find(|r| r["w1"] == a && r["w2"] == b);
    let wh = pair("white", "house").expect("white house");
    assert_eq!(wh["count"], "2");
    assert_eq!(wh["f1"], "3");
    assert_eq!(wh["f2"], "3");
    // stopwords are skipped ("house was white" pairs house and white); a sentence end is not
    assert_eq!(pair("house", "white").expect("house white")["count"], "1");
    assert!(pair("said", "white").is_none());
    let kw = common::bin()
        .args(["kwic", "house", "--collocates", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&kw.stdout);
    assert!(
        text.lines().nth(1).unwrap_or("").starts_with("white,"),
        "{text}"
    );
}

/// A project-local Python with pyarrow (installed on first use), the independent Parquet reader.
/// `HEDGEROW_SKIP_PYTHON=1` skips the tests that need it; nothing else does.
fn pyarrow() -> Option<PathBuf> {
    if common::flag_set("HEDGEROW_SKIP_PYTHON") {
        eprintln!("skipping the pyarrow check: HEDGEROW_SKIP_PYTHON=1");
        return None;
    }
    let venv = root().join("target/py");
    let py = venv.join("bin/python");
    let has = |py: &Path| {
        std::process::Command::new(py)
            .args(["-c", "import pyarrow"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has(&py) {
        let ok = std::process::Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && std::process::Command::new(venv.join("bin/pip"))
                .args(["install", "-q", "pyarrow"])
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok && has(&py),
            "could not install pyarrow into {} (set HEDGEROW_SKIP_PYTHON=1 to skip)",
            venv.display()
        );
    }
    Some(py)
}

#[test]
fn parquet_tables_open_in_pyarrow_with_plain_types() {
    let Some(py) = pyarrow() else { return };
    let (out, o) = analyze(
        &[&root().join("data/sample")],
        &[
            "--format",
            "csv,parquet",
            "--dfm",
            "--collocations",
            "--collocation-min",
            "1",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let script = r#"
import sys, glob, json, os
import pyarrow.parquet as pq
out = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.parquet"))):
    t = pq.read_table(f)
    name = os.path.basename(f)[:-8]
    types = {fld.name: str(fld.type) for fld in t.schema}
    # a row filter on a string column: fails on string_view
    col = "source" if "source" in types else None
    n = pq.read_table(f, filters=[(col, "=", "civic-wire")]).num_rows if col else -1
    out[name] = {"rows": t.num_rows, "types": types, "filtered": n, "nulls": {c: t[c].null_count for c in t.column_names}}
print(json.dumps(out))
"#;
    let o = std::process::Command::new(py)
        .args(["-c", script])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let tables = v.as_object().unwrap();
    // errors.csv is always CSV, the format people open first when something went wrong
    for t in [
        "documents",
        "sources",
        "terms",
        "hedges",
        "quotes",
        "speakers",
        "stories",
        "doc_terms",
        "collocations",
    ] {
        assert!(tables.contains_key(t), "{t}.parquet written and read");
    }
    for (name, t) in tables {
        let csv = out.path().join(format!("{name}.csv"));
        assert_eq!(
            t["rows"].as_u64().unwrap() as usize,
            read_csv(&csv).len(),
            "{name}"
        );
        for (col, ty) in t["types"].as_object().unwrap() {
            let ty = ty.as_str().unwrap();
            assert!(!ty.starts_with("uint"), "{name}.{col} is {ty}");
            assert!(ty != "string_view", "{name}.{col} is {ty}");
            if col == "date" {
                assert_eq!(ty, "date32[day]", "{name}.{col}");
            }
        }
    }
    let docs = &tables["documents"];
    assert_eq!(docs["types"]["n_tokens"], "int64");
    assert_eq!(docs["types"]["doc_id"], "large_string");
    assert_eq!(docs["filtered"], 3);
    // an empty field is a null, not an empty string
    assert_eq!(docs["nulls"]["duplicate_of"], 9);
    assert_eq!(tables["terms"]["types"]["count"], "int64");
    assert_eq!(tables["terms"]["types"]["significant"], "bool");
}

#[test]
fn group_by_source_and_year_splits_each_source() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("wire");
    std::fs::create_dir_all(&d).unwrap();
    for (f, date, topic) in [
        ("a.txt", "2019-05-01", "flood"),
        ("b.txt", "2019-06-01", "vote"),
        ("c.txt", "2020-01-02", "flood"),
    ] {
        std::fs::write(
            d.join(f),
            format!("---\ndate: {date}\ntopic: {topic}\n---\nThe river may rise again, officials reportedly said of the {topic}.\n"),
        )
        .unwrap();
    }
    let (plain, o) = analyze(&[dir.path()], &["--no-report"]);
    assert!(o.status.success());
    let (out, o) = analyze(&[dir.path()], &["--group-by", "source,year", "--no-report"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = read_csv(&out.path().join("sources.csv"));
    let rows: Vec<(&str, &str, &str, &str)> = s
        .iter()
        .map(|r| {
            (
                r["group"].as_str(),
                r["source"].as_str(),
                r["year"].as_str(),
                r["n_docs"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("wire | 2019", "wire", "2019", "2"),
            ("wire | 2020", "wire", "2020", "1")
        ]
    );
    let tokens: u64 = s
        .iter()
        .map(|r| r["n_tokens"].parse::<u64>().unwrap())
        .sum();
    let whole = read_csv(&plain.path().join("sources.csv"));
    assert_eq!(tokens.to_string(), whole[0]["n_tokens"]);
    // terms per group, with the fields; a front matter field groups too
    let t = read_csv(&out.path().join("terms.csv"));
    assert!(t
        .iter()
        .any(|r| r["group"] == "wire | 2020" && r["year"] == "2020" && r["term"] == "flood"));
    let (out, o) = analyze(&[dir.path()], &["--group-by", "topic", "--no-report"]);
    assert!(o.status.success());
    let s = read_csv(&out.path().join("sources.csv"));
    let groups: Vec<&str> = s.iter().map(|r| r["topic"].as_str()).collect();
    assert_eq!(groups, ["flood", "vote"]);
    // keyness of each group against a named one: that group's rows have none
    let (out, o) = analyze(
        &[dir.path()],
        &[
            "--group-by",
            "topic",
            "--reference",
            "topic=vote",
            "--no-report",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = read_csv(&out.path().join("terms.csv"));
    let flood = t
        .iter()
        .find(|r| r["group"] == "flood" && r["term"] == "flood")
        .unwrap();
    assert_eq!(flood["count"], "2");
    assert_eq!(flood["count_ref"], "0");
    let vote_total: u64 = t
        .iter()
        .filter(|r| r["group"] == "vote" && r["n"] == "1")
        .map(|r| r["count"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(flood["total_ref"], vote_total.to_string());
    assert!(t
        .iter()
        .filter(|r| r["group"] == "vote")
        .all(|r| r["g2"].is_empty()));
    let (_, o) = analyze(&[dir.path()], &["--reference", "Nowhere", "--no-report"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Nowhere"));
}

#[test]
fn keyness_against_a_frequency_list() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ref.txt");
    // AntConc/WordSmith: rank frequency word
    std::fs::write(
        &list,
        "#Word types: 3\n1 1000 river\n2 10 flood\n3 990 officials\n",
    )
    .unwrap();
    let (out, o) = analyze(
        &[&root().join("data/sample")],
        &["--reference-list", list.to_str().unwrap(), "--no-report"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = read_csv(&out.path().join("terms.csv"));
    let r = t.iter().find(|r| r["term"] == "offici").unwrap();
    assert_eq!(r["count_ref"], "990");
    assert_eq!(r["total_ref"], "2000");
    let n_docs = read_csv(&out.path().join("documents.csv")).len();
    check_keyness_rows(&t, n_docs);
}

/// G², p, BIC, log ratio, %DIFF, per_10k, tf-idf and `significant` (at the default alpha 0.05,
/// Bonferroni over the terms of its size in its source) of every row recomputed from its own
/// counts; `n_docs` documents in the run, every term of every source in `terms` (min count 1).
fn check_keyness_rows(terms: &[HashMap<String, String>], n_docs: usize) {
    let family = count_by(terms, |t| (t["source"].clone(), t["n"].clone()));
    let mut doc_freq: HashMap<String, f64> = HashMap::new();
    for t in terms {
        *doc_freq.entry(t["term"].clone()).or_default() += f(&t["doc_freq"]);
    }
    for t in terms {
        let k = Counts {
            a: f(&t["count"]),
            b: f(&t["count_ref"]),
            c: f(&t["total"]),
            d: f(&t["total_ref"]),
        };
        close(&t["per_10k"], k.a / k.c * 1e4, t);
        let idf = (n_docs as f64 / doc_freq[&t["term"]]).log10();
        close(&t["tfidf"], k.a * idf, t);
        if k.d == 0.0 {
            for col in [
                "g2",
                "p_value",
                "bic",
                "log_ratio",
                "pct_diff",
                "significant",
            ] {
                assert_eq!(t[col], "", "{col} without a reference: {t:?}");
            }
            continue;
        }
        let g = g2(k.a, k.b, k.c, k.d);
        let sign = if k.a / k.c < k.b / k.d { -1.0 } else { 1.0 };
        close(&t["g2"], sign * g, t);
        let p = libm::erfc((g / 2.0).sqrt());
        close(&t["p_value"], p, t);
        close(&t["bic"], g - (k.c + k.d).ln(), t);
        let half = |x: f64| if x > 0.0 { x } else { 0.5 };
        close(
            &t["log_ratio"],
            ((half(k.a) / k.c) / (half(k.b) / k.d)).log2(),
            t,
        );
        if k.b > 0.0 {
            close(
                &t["pct_diff"],
                (k.a / k.c - k.b / k.d) / (k.b / k.d) * 100.0,
                t,
            );
        } else {
            assert_eq!(t["pct_diff"], "", "{t:?}");
        }
        let bound = 0.05 / family[&(t["source"].clone(), t["n"].clone())] as f64;
        if (p - bound).abs() > 1e-9 * bound {
            assert_eq!(
                t["significant"],
                (p < bound).to_string(),
                "bound {bound}: {t:?}"
            );
        }
    }
}

/// A row's four counts: the term in its source (`a` of `c` tokens) and in the reference (`b` of
/// `d`).
struct Counts {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
}

/// Whether a printed cell (six decimals) is `want`.
fn close(cell: &str, want: f64, row: &HashMap<String, String>) {
    let got = f(cell);
    assert!(
        (got - want).abs() <= 2e-6 * want.abs().max(1.0),
        "{cell} vs {want}: {row:?}"
    );
}

/// How many rows share each key.
fn count_by<K: std::hash::Hash + Eq>(
    rows: &[HashMap<String, String>],
    key: impl Fn(&HashMap<String, String>) -> K,
) -> HashMap<K, usize> {
    let mut m = HashMap::new();
    for r in rows {
        *m.entry(key(r)).or_default() += 1;
    }
    m
}

#[test]
fn abp_medium_by_source_and_year_sums_to_each_source() {
    let Some(src) = abp_medium("abp_medium_by_source_and_year_sums_to_each_source") else {
        return;
    };
    let mut args = ABP_FIELDS.to_vec();
    args.extend(["--no-report", "--no-stories"]);
    let (whole, o) = analyze(&[&src], &args);
    assert!(o.status.success());
    let mut grouped_args = args.to_vec();
    grouped_args.extend(["--group-by", "source,year"]);
    let (by_year, o) = analyze(&[&src], &grouped_args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_csv(&by_year.path().join("sources.csv"));
    let mut pairs: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["source"].clone(), r["year"].clone()))
        .collect();
    let n = pairs.len();
    pairs.sort();
    pairs.dedup();
    assert_eq!(pairs.len(), n, "one row per (source, year)");
    let mut sums: HashMap<String, u64> = HashMap::new();
    for r in &rows {
        *sums.entry(r["source"].clone()).or_insert(0) += r["n_tokens"].parse::<u64>().unwrap();
    }
    let sources = read_csv(&whole.path().join("sources.csv"));
    assert_eq!(sums.len(), sources.len());
    for s in &sources {
        assert_eq!(
            sums[&s["source"]].to_string(),
            s["n_tokens"],
            "{}",
            s["source"]
        );
    }
}
