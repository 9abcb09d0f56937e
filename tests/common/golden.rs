//! Per-table goldens: for every table of an output folder (CSV and Parquet) its row count, byte
//! length and hash, and per column a hash and, for numeric columns, the sum; Parquet columns
//! carry their type. One line per table or column, `key<TAB>value`, so `git diff` of a golden
//! says which table and column moved. Included by the tests that hold goldens with
//! `#[path = "common/golden.rs"] mod golden;` (it needs polars, which the others need not link).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

/// FNV-1a, 64 bits: a fingerprint without a hashing crate.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf29ce484222325)
    }
    pub fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    /// A value and a separator, so that ["ab", "c"] and ["a", "bc"] differ.
    pub fn add_field(&mut self, s: &str) {
        self.add(s.as_bytes());
        self.add(&[0x1f]);
    }
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The sum of a column whose non-empty values are all numbers: exact for integers, ten
/// significant digits otherwise; `None` for text columns (or no numbers at all).
#[derive(Default)]
pub struct ColumnSum {
    ints: i128,
    floats: f64,
    any_float: bool,
    numbers: usize,
    text: bool,
}

impl ColumnSum {
    pub fn add(&mut self, v: &str) {
        if v.is_empty() || self.text {
            return;
        }
        if let Ok(i) = v.parse::<i64>() {
            self.ints += i as i128;
            self.floats += i as f64;
        } else if let Ok(f) = v.parse::<f64>().map_err(|_| ()).and_then(finite) {
            self.floats += f;
            self.any_float = true;
        } else {
            self.text = true;
            return;
        }
        self.numbers += 1;
    }
    pub fn shown(&self) -> Option<String> {
        match (self.text, self.numbers, self.any_float) {
            (true, _, _) | (_, 0, _) => None,
            (false, _, false) => Some(self.ints.to_string()),
            (false, _, true) => Some(format!("{:.9e}", self.floats)),
        }
    }
}

fn finite(f: f64) -> Result<f64, ()> {
    if f.is_finite() {
        Ok(f)
    } else {
        Err(())
    }
}

/// One column's fingerprint as it accumulates.
struct ColumnPrint {
    hash: Fnv,
    sum: ColumnSum,
}

impl ColumnPrint {
    fn new() -> ColumnPrint {
        ColumnPrint {
            hash: Fnv::new(),
            sum: ColumnSum::default(),
        }
    }
    fn add(&mut self, v: &str) {
        self.hash.add_field(v);
        self.sum.add(v);
    }
    fn line(&self, kind: Option<&str>) -> String {
        let mut s = String::new();
        if let Some(k) = kind {
            s += &format!("type={k} ");
        }
        s += &format!("hash={}", self.hash.hex());
        if let Some(sum) = self.sum.shown() {
            s += &format!(" sum={sum}");
        }
        s
    }
}

/// The whole-file line: rows, bytes, hash of the bytes.
fn file_line(p: &Path, rows: usize) -> String {
    let b = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut h = Fnv::new();
    h.add(&b);
    format!("rows={rows} bytes={} hash={}", b.len(), h.hex())
}

/// The lines of one CSV table, keyed `name` and `name:column`.
pub fn csv_lines(p: &Path, name: &str, out: &mut BTreeMap<String, String>) {
    let mut r = csv::Reader::from_path(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let header: Vec<String> = r
        .headers()
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .iter()
        .map(String::from)
        .collect();
    let mut cols: Vec<ColumnPrint> = header.iter().map(|_| ColumnPrint::new()).collect();
    let mut rows = 0;
    for (i, rec) in r.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("{} record {}: {e}", p.display(), i + 1));
        for (c, v) in cols.iter_mut().zip(rec.iter()) {
            c.add(v);
        }
        rows += 1;
    }
    out.insert(name.to_string(), file_line(p, rows));
    for (h, c) in header.iter().zip(&cols) {
        out.insert(format!("{name}:{h}"), c.line(None));
    }
}

/// The lines of one Parquet table: as for CSV, and each column's type.
pub fn parquet_lines(p: &Path, name: &str, out: &mut BTreeMap<String, String>) {
    use polars::prelude::*;
    let f = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let df = ParquetReader::new(f)
        .finish()
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    out.insert(name.to_string(), file_line(p, df.height()));
    for s in df.columns() {
        let mut c = ColumnPrint::new();
        let s = s.as_materialized_series();
        for v in s.iter() {
            match v {
                AnyValue::Null => c.add(""),
                AnyValue::String(t) => c.add(t),
                other => c.add(&other.to_string()),
            }
        }
        let kind = format!("{}", s.dtype());
        out.insert(format!("{name}:{}", s.name()), c.line(Some(&kind)));
    }
}

/// The golden lines of every `.csv` and `.parquet` file in `dir`.
pub fn folder_lines(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        match p.extension().and_then(|e| e.to_str()) {
            Some("csv") => csv_lines(&p, &name, &mut out),
            Some("parquet") => parquet_lines(&p, &name, &mut out),
            _ => {}
        }
    }
    out
}

pub fn render(lines: &BTreeMap<String, String>) -> String {
    lines.iter().map(|(k, v)| format!("{k}\t{v}\n")).collect()
}

pub fn parse(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// What moved between a golden and a run: one line per table or column that is missing, new
/// or different, naming it.
pub fn differences(want: &BTreeMap<String, String>, got: &BTreeMap<String, String>) -> Vec<String> {
    let mut d = Vec::new();
    for (k, w) in want {
        match got.get(k) {
            None => d.push(format!("missing {k} (golden: {w})")),
            Some(g) if g != w => d.push(format!("moved   {k}: {w}  ->  {g}")),
            Some(_) => {}
        }
    }
    for (k, g) in got {
        if !want.contains_key(k) {
            d.push(format!("new     {k}: {g}"));
        }
    }
    d
}

/// Compares the tables of `dir` with the golden file. With `HEDGEROW_BLESS=1` (exactly) a
/// difference is written to `<golden>.new` for review, and the test still fails: blessing never
/// passes a test by itself.
pub fn check(dir: &Path, golden: &Path, header: &str) {
    let got = folder_lines(dir);
    let want_text = std::fs::read_to_string(golden).unwrap_or_default();
    let diffs = differences(&parse(&want_text), &got);
    if diffs.is_empty() {
        return;
    }
    let new = golden.with_extension("txt.new");
    let bless = crate::common::flag_set("HEDGEROW_BLESS");
    if bless {
        std::fs::write(&new, format!("{header}{}", render(&got)))
            .unwrap_or_else(|e| panic!("{}: {e}", new.display()));
    }
    let how = if bless {
        format!(
            "wrote {}; review it, then accept with: mv {} {} (and say why in the commit)",
            new.display(),
            new.display(),
            golden.display()
        )
    } else {
        "after an intended change, run with HEDGEROW_BLESS=1 to write <golden>.new for review"
            .to_string()
    };
    panic!(
        "{}: {} line(s) differ from the golden\n{}\n{how}",
        golden.display(),
        diffs.len(),
        diffs.join("\n")
    );
}
