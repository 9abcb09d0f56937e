//! Scores story grouping with B-cubed precision, recall and F1 of `stories.csv` against gold
//! events (a document in no multi-document story is its own cluster), on the sets in
//! `../shared/eval/stories/` (ECB+ train and dev, BASIL dev).
//!
//! `cargo run --release --example eval_stories -- [../shared/eval/stories] [set ...]`

use std::collections::HashMap;
use std::path::Path;

fn read_pairs(path: &Path, key: &str, val: &str) -> Vec<(String, String)> {
    let Ok(mut r) = csv::Reader::from_path(path) else {
        return Vec::new();
    };
    let h = r.headers().cloned().unwrap_or_default();
    let (k, v) = (
        h.iter().position(|x| x == key).unwrap_or(0),
        h.iter().position(|x| x == val).unwrap_or(1),
    );
    r.records()
        .filter_map(|x| x.ok())
        .map(|x| (x[k].to_string(), x[v].to_string()))
        .collect()
}

/// Cluster → its documents.
fn members(m: &HashMap<String, String>) -> HashMap<&str, Vec<&str>> {
    let mut c: HashMap<&str, Vec<&str>> = HashMap::new();
    for (d, k) in m {
        c.entry(k.as_str()).or_default().push(d.as_str());
    }
    c
}

/// B-cubed precision, recall and F1 of `pred` (document → cluster) against `gold`.
fn bcubed(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> (f64, f64, f64) {
    let (pc, gc) = (members(pred), members(gold));
    let (mut p, mut r, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for (d, g) in gold {
        let Some(c) = pred.get(d) else { continue };
        let cm = &pc[c.as_str()];
        let gm = &gc[g.as_str()];
        let both = cm.iter().filter(|x| gold.get(**x) == Some(g)).count() as f64;
        p += both / cm.len() as f64;
        r += both / gm.len() as f64;
        n += 1.0;
    }
    let (p, r) = (p / n.max(1.0), r / n.max(1.0));
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/eval/stories"),
    );
    let sets: Vec<&str> = if args.len() > 2 {
        args[2..].iter().map(String::as_str).collect()
    } else {
        vec!["ecb-train", "ecb-dev", "basil-dev"]
    };
    for set in sets {
        let dir = root.join(set);
        let gold_file = root.join(format!("{set}.gold.csv"));
        if !dir.exists() || !gold_file.exists() {
            eprintln!("skipping {set}: {} not present", dir.display());
            continue;
        }
        let out = std::env::temp_dir().join(format!("hedgerow-eval-stories-{set}"));
        let _ = std::fs::remove_dir_all(&out);
        let opts = hedgerow::AnalyzeOptions {
            inputs: vec![dir.clone()],
            out: out.clone(),
            report: false,
            ..Default::default()
        };
        let t = std::time::Instant::now();
        if let Err(e) = hedgerow::run(&opts) {
            eprintln!("{set}: {e}");
            continue;
        }
        let secs = t.elapsed().as_secs_f64();
        let pred: HashMap<String, String> =
            read_pairs(&out.join("stories.csv"), "doc_id", "story_id")
                .into_iter()
                .collect();
        let gold: HashMap<String, String> = read_pairs(&gold_file, "doc_id", "event")
            .into_iter()
            .collect();
        let (p, r, f) = bcubed(&pred, &gold);
        let multi = {
            let mut c: HashMap<&str, usize> = HashMap::new();
            for k in pred.values() {
                *c.entry(k.as_str()).or_default() += 1;
            }
            c.values().filter(|&&n| n > 1).count()
        };
        println!(
            "{set}: {} documents, {} gold events, {multi} multi-document stories: B-cubed precision {p:.3}, recall {r:.3}, F1 {f:.3} ({secs:.1}s)",
            gold.len(),
            gold.values().collect::<std::collections::HashSet<_>>().len()
        );
        let _ = std::fs::remove_dir_all(&out);
    }
}
