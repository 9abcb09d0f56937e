//! A fixed, repeatable workload for the quote stage, to count its instructions with callgrind
//! (wall time on a shared machine is too noisy to compare two versions):
//!
//! ```text
//! cargo build --release --example eval_quotes_speed
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//!     target/release/examples/eval_quotes_speed
//! callgrind_annotate --inclusive=yes /tmp/cg.out | grep -E 'find_quotes|find_indirect'
//! ```
//!
//! By default the workload is the quote micro-benchmark's (`benches/micro.rs`): the documents of
//! `data/sample` joined and repeated to about 200 KB, taken five times as five documents (the
//! figures of docs/quality.md, "find_quotes 5 times, tokenized once"). With `abp` it is five
//! fixed documents of abp_medium instead (`$HEDGEROW_SHARED/corpora/abp/abp_medium.jsonl`,
//! `HEDGEROW_SHARED` defaulting to `../shared`; the 1st, 101st, 201st, 301st and 401st of the lines
//! that hold ten quotation marks or more). Each document is tokenized once, then
//! `find_quotes_and_indirect` (what the corpus run calls; with `separate`, `find_quotes` then
//! `find_indirect`) runs once on it; it prints how many quotations each found (a check that
//! the workload did its work).

use hedgerow::text::quotes::{find_indirect, find_quotes, find_quotes_and_indirect, Cues};
use hedgerow::text::tokenize::tokenize;
use std::io::BufRead;

/// Lines of abp_medium the workload takes, among those with enough quotation marks.
const PICKS: [usize; 5] = [0, 100, 200, 300, 400];
/// Quotation marks a document needs to be picked.
const MIN_MARKS: usize = 10;

fn abp_documents() -> Option<Vec<String>> {
    let shared = std::env::var("HEDGEROW_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = std::path::Path::new(&shared).join("corpora/abp/abp_medium.jsonl");
    let f = std::fs::File::open(path).ok()?;
    let mut quoted = 0usize;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(f).lines() {
        let Ok(line) = line else { continue };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = v["content_original"].as_str().unwrap_or_default();
        if text.matches(['“', '"']).count() < MIN_MARKS {
            continue;
        }
        if PICKS.contains(&quoted) {
            out.push(text.to_string());
            if out.len() == PICKS.len() {
                break;
            }
        }
        quoted += 1;
    }
    (out.len() == PICKS.len()).then_some(out)
}

/// The micro-benchmark's text (the sample documents joined, repeated to 200 KB), five times.
fn sample_documents() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let mut files: Vec<_> = walk(&dir.to_string_lossy());
    files.sort();
    let mut s = String::new();
    for f in files {
        s.push_str(&std::fs::read_to_string(f).unwrap_or_default());
        s.push('\n');
    }
    let unit = s.clone();
    while s.len() < 200_000 && !unit.is_empty() {
        s.push_str(&unit);
    }
    vec![s; 5]
}

fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p.to_string_lossy()));
        } else {
            out.push(p);
        }
    }
    out
}

fn main() {
    let docs = if std::env::args().nth(1).as_deref() == Some("abp") {
        abp_documents().unwrap_or_else(|| {
            eprintln!("abp_medium not found: the sample documents instead");
            sample_documents()
        })
    } else {
        sample_documents()
    };
    let cues = Cues::builtin();
    let tks: Vec<_> = docs.iter().map(|d| tokenize(d)).collect();
    // `separate`: the two passes as separate calls (each reads the document's people)
    let separate = std::env::args().any(|a| a == "separate");
    for (d, tk) in docs.iter().zip(&tks) {
        let (qs, ind) = if separate {
            let qs = find_quotes(d, 0, tk, &cues);
            let ind = find_indirect(d, 0, tk, &cues, &qs);
            (qs, ind)
        } else {
            find_quotes_and_indirect(d, 0, tk, &cues)
        };
        println!(
            "{} bytes: {} quotations, {} reported",
            d.len(),
            qs.len(),
            ind.len()
        );
    }
}
