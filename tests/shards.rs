//! Shards: `census`, `analyze --partial` and `merge` give the outputs of one run, byte for byte,
//! and parts that do not fit together are refused with a reason.

mod common;

use common::{bin, root, walk, ABP_FIELDS};
use std::path::{Path, PathBuf};

/// Runs hedgerow; panics with its stderr unless it succeeds.
fn ok(args: &[&str]) {
    let o = bin().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "hedgerow {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Runs hedgerow; panics with its stderr unless it succeeds or only skipped some inputs.
fn ran(args: &[&str]) {
    let o = bin().args(args).output().unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "hedgerow {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Runs hedgerow expecting a usage error; returns its stderr.
fn refused(args: &[&str]) -> String {
    let o = bin().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "hedgerow {}", args.join(" "));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file of `a` (tables, charts, report, story pages; not run.json, which has timings) is
/// in `b` with the same bytes, and `b` has no other table.
fn same_outputs(a: &Path, b: &Path) -> usize {
    let mut n = 0;
    for e in walk(a) {
        let rel = e.strip_prefix(a).unwrap();
        if rel == Path::new("run.json") {
            continue;
        }
        let (x, y) = (std::fs::read(&e).unwrap(), std::fs::read(b.join(rel)));
        let y = y.unwrap_or_else(|_| panic!("{} missing from the merge", rel.display()));
        assert!(
            x == y,
            "{} differs between the run and the merge",
            rel.display()
        );
        n += 1;
    }
    assert_eq!(walk(b).len(), walk(a).len(), "the merge wrote other files");
    n
}

/// One run into `<tmp>/whole/out`; census, parts and merge into `<tmp>/merged/out` (the folder
/// names match, since the report is titled by its folder). `cuts` gives each part's inputs and
/// extra arguments.
fn run_and_merge(
    tmp: &Path,
    inputs: &[&str],
    fields: &[&str],
    cuts: &[(Vec<String>, Vec<String>)],
) {
    let whole = tmp.join("whole/out");
    let mut args = vec!["analyze"];
    args.extend(inputs);
    args.extend(fields);
    args.extend(["-q", "--format", "csv,parquet", "--out", s(&whole)]);
    ran(&args);
    let census: Vec<PathBuf> = (0..cuts.len())
        .map(|k| tmp.join(format!("census/{k}")))
        .collect();
    let parts: Vec<PathBuf> = (0..cuts.len())
        .map(|k| tmp.join(format!("parts/{k}")))
        .collect();
    for (k, (ins, extra)) in cuts.iter().enumerate() {
        let mut a: Vec<&str> = vec!["census"];
        a.extend(ins.iter().map(String::as_str));
        a.extend(fields);
        a.extend(extra.iter().map(String::as_str));
        a.extend(["-q", "--out", s(&census[k])]);
        ran(&a);
    }
    for (k, (ins, extra)) in cuts.iter().enumerate() {
        let mut a: Vec<&str> = vec!["analyze"];
        a.extend(ins.iter().map(String::as_str));
        a.extend(fields);
        a.extend(extra.iter().map(String::as_str));
        a.extend([
            "-q",
            "--format",
            "csv,parquet",
            "--partial",
            "--out",
            s(&parts[k]),
        ]);
        a.push("--census");
        a.extend(census.iter().map(|p| s(p)));
        ran(&a);
    }
    let merged = tmp.join("merged/out");
    let mut a = vec!["merge", "-q", "--out", s(&merged)];
    a.extend(parts.iter().map(|p| s(p)));
    ran(&a);
    let n = same_outputs(&whole, &merged);
    assert!(n >= 20, "only {n} files compared");
    for t in ["stories", "alignment", "shared_quotes"] {
        assert!(whole.join(format!("{t}.csv")).exists());
    }
    // the terms and surfaces tables summed elsewhere (as Spark SQL would: a folder of Parquet files), then
    // `merge --finish`: the same outputs
    let summed = tmp.join("summed");
    sum_tables(&parts, &summed);
    let finished = tmp.join("finished/out");
    let mut a = vec!["merge", "-q", "--out", s(&finished), "--finish", s(&summed)];
    a.extend(parts.iter().map(|p| s(p)));
    ran(&a);
    same_outputs(&whole, &finished);
}

/// Sums the terms and surfaces tables of `parts` as an engine would, into `dir/terms/` and
/// `dir/surfaces/`, two files each.
fn sum_tables(parts: &[PathBuf], dir: &Path) {
    use polars::prelude::*;
    for (table, keys, sums) in [
        ("terms", vec!["group", "term", "n"], vec!["count", "docs"]),
        ("surfaces", vec!["word", "term", "n", "lex"], vec!["count"]),
    ] {
        let frames: Vec<LazyFrame> = parts
            .iter()
            .map(|p| {
                let f = std::fs::File::open(p.join(format!("{table}.parquet"))).unwrap();
                ParquetReader::new(f).finish().unwrap().lazy()
            })
            .collect();
        let df = concat(frames, UnionArgs::default())
            .unwrap()
            .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
            .agg(sums.iter().map(|k| col(*k).sum()).collect::<Vec<_>>())
            .collect()
            .unwrap();
        std::fs::create_dir_all(dir.join(table)).unwrap();
        let half = df.height() / 2;
        for (name, mut part) in [
            ("part-00000.parquet", df.slice(0, half)),
            (
                "part-00001.parquet",
                df.slice(half as i64, df.height() - half),
            ),
        ] {
            let f = std::fs::File::create(dir.join(table).join(name)).unwrap();
            ParquetWriter::new(f).finish(&mut part).unwrap();
        }
    }
}

fn shard_cut(inputs: &[&str], n: usize) -> Vec<(Vec<String>, Vec<String>)> {
    (0..n)
        .map(|k| {
            (
                inputs.iter().map(|s| s.to_string()).collect(),
                vec!["--shard".into(), format!("{k}/{n}")],
            )
        })
        .collect()
}

#[test]
fn sample_in_three_shards_merges_to_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = root().join("data/sample");
    run_and_merge(tmp.path(), &[s(&sample)], &[], &shard_cut(&[s(&sample)], 3));
}

/// `--language auto` in parts: each document's language and its counts travel in the part.
#[test]
fn languages_told_apart_in_two_shards_merge_to_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let mixed = root().join("tests/fixtures/mixed/reports.jsonl");
    let auto = ["--language", "auto"];
    run_and_merge(tmp.path(), &[s(&mixed)], &auto, &shard_cut(&[s(&mixed)], 2));
}

#[test]
fn bad_inputs_in_three_shards_merge_to_one_run() {
    // unreadable, binary, empty, re-encoded files; malformed and duplicate records; a story:
    // errors.csv, ids made unique and the story stage as in one run
    let tmp = tempfile::tempdir().unwrap();
    let fx = root().join("tests/fixtures");
    let inputs: Vec<PathBuf> = ["bad", "records.jsonl", "records.csv", "stories"]
        .iter()
        .map(|f| fx.join(f))
        .collect();
    let inputs: Vec<&str> = inputs.iter().map(|p| s(p)).collect();
    run_and_merge(tmp.path(), &inputs, &[], &shard_cut(&inputs, 3));
    let errors = std::fs::read_to_string(tmp.path().join("merged/out/errors.csv")).unwrap();
    assert!(errors.lines().count() > 3, "{errors}");
}

#[test]
fn abp_medium_by_shard_and_by_files_merges_to_one_run() {
    let Some(src) = common::abp_medium("abp_medium_by_shard_and_by_files_merges_to_one_run") else {
        return;
    };
    let mut fields = ABP_FIELDS.to_vec();
    fields.extend(["--source-field", "source"]);
    let tmp = tempfile::tempdir().unwrap();
    let by_shard = tmp.path().join("by_shard");
    run_and_merge(&by_shard, &[s(&src)], &fields, &shard_cut(&[s(&src)], 4));
    // the same file cut into four files of consecutive records
    let text = std::fs::read_to_string(&src).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let files: Vec<PathBuf> = (0..4)
        .map(|k| tmp.path().join(format!("part{k}.jsonl")))
        .collect();
    let per = lines.len().div_ceil(4);
    for (k, f) in files.iter().enumerate() {
        let chunk = &lines[(k * per).min(lines.len())..((k + 1) * per).min(lines.len())];
        std::fs::write(f, chunk.join("\n") + "\n").unwrap();
    }
    let cuts: Vec<(Vec<String>, Vec<String>)> = files
        .iter()
        .map(|f| (vec![s(f).to_string()], vec![]))
        .collect();
    let four: Vec<&str> = files.iter().map(|f| s(f)).collect();
    let by_files = tmp.path().join("by_files");
    run_and_merge(&by_files, &four, &fields, &cuts);
    // and the tables are those of the run on the whole file (the report names its inputs)
    for t in [
        "documents",
        "sources",
        "terms",
        "hedges",
        "quotes",
        "stories",
        "alignment",
        "shared_quotes",
        "speakers",
        "errors",
    ] {
        let name = format!("{t}.csv");
        let a = std::fs::read(by_shard.join("whole/out").join(&name)).unwrap();
        let b = std::fs::read(by_files.join("merged/out").join(&name)).unwrap();
        assert!(
            a == b,
            "{name}: the merge by files differs from the run on the whole file"
        );
    }
}

#[test]
fn parts_that_do_not_fit_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let sample = root().join("data/sample");
    let p = |name: &str| t.join(name).to_str().unwrap().to_string();
    // boilerplate needs the census of every shard
    let msg = refused(&[
        "analyze",
        s(&sample),
        "--shard",
        "0/2",
        "--partial",
        "--out",
        &p("x"),
    ]);
    assert!(msg.contains("hedgerow census"), "{msg}");
    // --shard is for parts only
    let msg = refused(&["analyze", s(&sample), "--shard", "0/2", "--out", &p("y")]);
    assert!(msg.contains("--partial"), "{msg}");
    let msg = refused(&[
        "analyze",
        s(&sample),
        "--shard",
        "2/2",
        "--partial",
        "--out",
        &p("y"),
    ]);
    assert!(msg.contains("0 <= K < N"), "{msg}");
    // a part of the sample without boilerplate (no census needed)
    let part = |shard: &str, out: &str| {
        ok(&[
            "analyze",
            s(&sample),
            "--keep-boilerplate",
            "--shard",
            shard,
            "--partial",
            "-q",
            "--out",
            &p(out),
        ])
    };
    part("0/2", "a0");
    part("1/2", "a1");
    ok(&[
        "analyze",
        s(&sample),
        "--keep-boilerplate",
        "--ngrams",
        "2",
        "--shard",
        "1/2",
        "--partial",
        "-q",
        "--out",
        &p("b1"),
    ]);
    // a shard missing
    let msg = refused(&["merge", &p("a0"), "--out", &p("m")]);
    assert!(msg.contains("shards missing: 1/2"), "{msg}");
    // the same shard twice
    let msg = refused(&["merge", &p("a0"), &p("a0"), "--out", &p("m")]);
    assert!(msg.contains("given twice"), "{msg}");
    // other options
    let msg = refused(&["merge", &p("a0"), &p("b1"), "--out", &p("m")]);
    assert!(msg.contains("ngrams"), "{msg}");
    // a part whose run stopped before its header was written
    std::fs::remove_file(t.join("a1/header.json")).unwrap();
    let msg = refused(&["merge", &p("a0"), &p("a1"), "--out", &p("m")]);
    assert!(msg.contains("not a finished"), "{msg}");
    // a part folder holding something else
    std::fs::write(t.join("a1/notes.txt"), "mine").unwrap();
    let msg = refused(&[
        "analyze",
        s(&sample),
        "--keep-boilerplate",
        "--shard",
        "1/2",
        "--partial",
        "--out",
        &p("a1"),
    ]);
    assert!(msg.contains("notes.txt"), "{msg}");
    // parts without --shard must read different inputs
    for w in ["w1", "w2"] {
        ok(&[
            "analyze",
            s(&sample),
            "--keep-boilerplate",
            "--partial",
            "-q",
            "--out",
            &p(w),
        ]);
    }
    let msg = refused(&["merge", &p("w1"), &p("w2"), "--out", &p("m")]);
    assert!(msg.contains("read different inputs"), "{msg}");
    // a merged folder is complete: one part of the whole is a whole
    ok(&["merge", &p("w1"), "-q", "--out", &p("m1")]);
    assert!(t.join("m1/run.json").exists() && t.join("m1/terms.csv").exists());
    // --finish: no summed table there; the sums of some of the parts only
    part("1/2", "a1b");
    let finish_refused = |summed: &str| {
        refused(&[
            "merge",
            &p("a0"),
            &p("a1b"),
            "--finish",
            &p(summed),
            "--out",
            &p("m"),
        ])
    };
    let msg = finish_refused("none");
    assert!(msg.contains("no terms.parquet"), "{msg}");
    sum_tables(&[t.join("a0")], &t.join("summed0"));
    let msg = finish_refused("summed0");
    assert!(msg.contains("not the sums of these parts"), "{msg}");
    // right terms, surfaces of one part only
    sum_tables(&[t.join("a0"), t.join("a1b")], &t.join("summed1"));
    std::fs::remove_dir_all(t.join("summed0/terms")).unwrap();
    std::fs::rename(t.join("summed1/terms"), t.join("summed0/terms")).unwrap();
    let msg = finish_refused("summed0");
    assert!(msg.contains("summed surfaces"), "{msg}");
    sum_tables(&[t.join("a0"), t.join("a1b")], &t.join("summed1"));
    ok(&[
        "merge",
        &p("a0"),
        &p("a1b"),
        "--finish",
        &p("summed1"),
        "-q",
        "--out",
        &p("m2"),
    ]);
}

#[test]
fn parts_of_another_format_kind_cut_lexicon_or_census_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let sample = root().join("data/sample");
    let p = |name: &str| t.join(name).to_str().unwrap().to_string();
    let part = |extra: &[&str], out: &str| {
        let mut args = vec!["analyze", s(&sample), "--partial", "-q", "--out"];
        let out = p(out);
        args.push(&out);
        args.extend(extra);
        ok(&args);
    };
    let keep = |shard: &'static str| ["--keep-boilerplate", "--shard", shard];
    part(&keep("0/2"), "a0");
    part(&keep("1/2"), "a1");
    // a part of another part format
    let copy = |from: &str, to: &str| {
        std::fs::create_dir_all(t.join(to)).unwrap();
        for f in walk(&t.join(from)) {
            std::fs::copy(&f, t.join(to).join(f.file_name().unwrap())).unwrap();
        }
    };
    copy("a1", "old1");
    let header = std::fs::read_to_string(t.join("old1/header.json")).unwrap();
    let mut h: serde_json::Value = serde_json::from_str(&header).unwrap();
    h["format"] = serde_json::json!(h["format"].as_u64().unwrap() + 1);
    std::fs::write(t.join("old1/header.json"), h.to_string()).unwrap();
    let msg = refused(&["merge", &p("a0"), &p("old1"), "--out", &p("m")]);
    assert!(
        msg.contains("old1") && msg.contains("make the parts again"),
        "{msg}"
    );
    // a census where a counting part is needed
    ok(&[
        "census",
        s(&sample),
        "--shard",
        "0/2",
        "-q",
        "--out",
        &p("c0"),
    ]);
    let msg = refused(&["merge", &p("c0"), &p("a1"), "--out", &p("m")]);
    assert!(
        msg.contains("a census part where a partial part is needed"),
        "{msg}"
    );
    // parts of one cut only
    part(&["--keep-boilerplate"], "whole");
    let msg = refused(&["merge", &p("a0"), &p("whole"), "--out", &p("m")]);
    assert!(
        msg.contains("some parts were cut with --shard and some not"),
        "{msg}"
    );
    part(&keep("1/3"), "third1");
    let msg = refused(&["merge", &p("a0"), &p("third1"), "--out", &p("m")]);
    assert!(msg.contains("another cut"), "{msg}");
    // the same lexicon file, edited between the parts
    let lex = t.join("lex.csv");
    let lexicon = ["--keep-boilerplate", "--lexicon", s(&lex), "--shard"];
    std::fs::write(&lex, "pattern,category,rule,note\nresidents,worry,,\n").unwrap();
    part(&[&lexicon[..], &["0/2"]].concat(), "l0");
    std::fs::write(&lex, "pattern,category,rule,note\nflood,worry,,\n").unwrap();
    part(&[&lexicon[..], &["1/2"]].concat(), "l1");
    let msg = refused(&["merge", &p("l0"), &p("l1"), "--out", &p("m")]);
    assert!(msg.contains("different hedge lexicons"), "{msg}");
    // a part altered after its run: its hedges are another part's
    copy("a1", "alt1");
    std::fs::copy(t.join("a0/hedges.parquet"), t.join("alt1/hedges.parquet")).unwrap();
    let msg = refused(&["merge", &p("a0"), &p("alt1"), "--out", &p("m")]);
    assert!(
        msg.contains("alt1") && msg.contains("its checksum differs"),
        "{msg}"
    );
    // the same, its header's checksum brought along: the counts still refuse it
    let header = std::fs::read_to_string(t.join("alt1/header.json")).unwrap();
    let mut h: serde_json::Value = serde_json::from_str(&header).unwrap();
    let a0: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(t.join("a0/header.json")).unwrap()).unwrap();
    h["checksums"]["hedges.parquet"] = a0["checksums"]["hedges.parquet"].clone();
    std::fs::write(t.join("alt1/header.json"), h.to_string()).unwrap();
    let msg = refused(&["merge", &p("a0"), &p("alt1"), "--out", &p("m")]);
    assert!(
        msg.contains("alt1") && msg.contains("does not match its counts"),
        "{msg}"
    );
}

#[test]
fn parts_with_censuses_that_do_not_fit_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let sample = root().join("data/sample");
    let p = |name: &str| t.join(name).to_str().unwrap().to_string();
    let census = |shard: &str, out: &str, extra: &[&str]| {
        let out = p(out);
        let mut args = vec!["census", s(&sample), "--shard", shard, "-q", "--out", &out];
        args.extend(extra);
        ok(&args);
    };
    census("0/2", "c0", &[]);
    census("1/2", "c1", &[]);
    census("0/2", "cx", &["--max-doc-bytes", "1000"]);
    for k in 0..3 {
        census(&format!("{k}/3"), &format!("d{k}"), &[]);
    }
    // a census taken with other reading options than the run
    let msg = refused(&[
        "analyze",
        s(&sample),
        "--shard",
        "0/2",
        "--partial",
        "-q",
        "--census",
        &p("cx"),
        &p("c1"),
        "--out",
        &p("x"),
    ]);
    assert!(
        msg.contains("census taken with other reading options (max_doc_bytes)"),
        "{msg}"
    );
    let part = |shard: &str, censuses: &[&str], out: &str| {
        let out = p(out);
        let dirs: Vec<String> = censuses.iter().map(|c| p(c)).collect();
        let mut args = vec!["analyze", s(&sample), "--shard", shard, "--partial", "-q"];
        args.push("--census");
        args.extend(dirs.iter().map(String::as_str));
        args.extend(["--out", &out]);
        ok(&args);
    };
    part("0/2", &["c0", "c1"], "p0");
    part("1/2", &["c0", "c1"], "p1");
    part("0/2", &["d0", "d1", "d2"], "r0");
    part("1/2", &["d0", "d1", "d2"], "r1");
    ok(&["merge", &p("p0"), &p("p1"), "-q", "--out", &p("fine")]);
    // parts whose boilerplate came from different censuses
    let msg = refused(&["merge", &p("r0"), &p("p1"), "--out", &p("m")]);
    assert!(msg.contains("different censuses"), "{msg}");
    // a census of other shards than the parts merged
    let msg = refused(&["merge", &p("r0"), &p("r1"), "--out", &p("m")]);
    assert!(msg.contains("covers other inputs or shards"), "{msg}");
}

/// Rewrites the first file of a summed table with `change` applied.
fn alter_summed(dir: &Path, table: &str, change: impl Fn(&mut polars::prelude::DataFrame)) {
    use polars::prelude::*;
    let path = dir.join(table).join("part-00000.parquet");
    let mut df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    change(&mut df);
    ParquetWriter::new(std::fs::File::create(&path).unwrap())
        .finish(&mut df)
        .unwrap();
}

/// `df` with the first cell of integer column `name` set to `v` (`None`: empty).
fn first_cell(df: &mut polars::prelude::DataFrame, name: &str, v: Option<i64>) {
    use polars::prelude::*;
    let old = df.column(name).unwrap().as_materialized_series().clone();
    let old = old.cast(&DataType::Int64).unwrap();
    let mut vals: Vec<Option<i64>> = old.i64().unwrap().iter().collect();
    vals[0] = v;
    df.with_column(Column::new(name.into(), vals)).unwrap();
}

#[test]
fn summed_tables_with_impossible_rows_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let sample = root().join("data/sample");
    let p = |name: &str| t.join(name).to_str().unwrap().to_string();
    for (shard, out) in [("0/2", "a0"), ("1/2", "a1")] {
        ok(&[
            "analyze",
            s(&sample),
            "--keep-boilerplate",
            "--shard",
            shard,
            "--partial",
            "-q",
            "--out",
            &p(out),
        ]);
    }
    let parts = [t.join("a0"), t.join("a1")];
    let finish = |summed: &str| {
        refused(&[
            "merge",
            &p("a0"),
            &p("a1"),
            "--finish",
            &p(summed),
            "--out",
            &p("m"),
        ])
    };
    let cases: [(&str, &str, Option<i64>, &str); 4] = [
        ("terms", "n", Some(0), "impossible n, count or docs"),
        ("terms", "docs", Some(-1), "impossible n, count or docs"),
        ("terms", "count", None, "has an empty cell"),
        ("surfaces", "count", Some(-3), "has a negative count"),
    ];
    for (i, (table, column, value, why)) in cases.into_iter().enumerate() {
        let dir = t.join(format!("summed{i}"));
        sum_tables(&parts, &dir);
        alter_summed(&dir, table, |df| first_cell(df, column, value));
        let msg = finish(&format!("summed{i}"));
        assert!(
            msg.contains(why) && msg.contains("part-00000.parquet"),
            "{table}.{column}: {msg}"
        );
    }
    // a table without one of its columns is not a summed table
    sum_tables(&parts, &t.join("summed_cols"));
    alter_summed(&t.join("summed_cols"), "terms", |df| {
        df.drop_in_place("docs").unwrap();
    });
    let msg = finish("summed_cols");
    assert!(msg.contains("not a terms table"), "{msg}");
}
