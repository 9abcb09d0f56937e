//! Scores story grouping with B-cubed precision, recall and F1 of `stories.csv` against gold
//! events (a document in no multi-document story is its own cluster; a gold document missing
//! from `stories.csv` scores 0 precision and 0 recall, it is not skipped), on the sets in
//! `../shared/eval/stories/` (ECB+ train and dev, BASIL dev).
//!
//! `cargo run --release --example eval_stories -- [../shared/eval/stories] [set ...]`
//! (`EVAL_KEEP=1` keeps each set's output folder, in the system's temporary folder.)

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

/// B-cubed figures of one set: precision, recall, F1, and the gold documents the output lacks.
struct BCubed {
    precision: f64,
    recall: f64,
    f1: f64,
    missing: usize,
}

/// B-cubed precision, recall and F1 of `pred` (document → cluster) against `gold`, averaged over
/// every gold document. A gold document missing from `pred` is an error, not skipped: it scores
/// 0 on both (the output failed to place it).
fn bcubed(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> BCubed {
    let (pc, gc) = (members(pred), members(gold));
    let (mut p, mut r, mut missing) = (0.0f64, 0.0f64, 0);
    for (d, g) in gold {
        let Some(c) = pred.get(d) else {
            missing += 1;
            continue;
        };
        let cm = &pc[c.as_str()];
        let gm = &gc[g.as_str()];
        let both = cm.iter().filter(|x| gold.get(**x) == Some(g)).count() as f64;
        p += both / cm.len() as f64;
        r += both / gm.len() as f64;
    }
    let n = (gold.len() as f64).max(1.0);
    let (precision, recall) = (p / n, r / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(d, c)| (d.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn a_perfect_grouping_scores_one() {
        let gold = map(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let b = bcubed(&map(&[("a", "1"), ("b", "1"), ("c", "2")]), &gold);
        assert_eq!((b.precision, b.recall, b.missing), (1.0, 1.0, 0));
    }

    #[test]
    fn a_gold_document_missing_from_the_output_counts_against_both() {
        // "c" is not in the output: it scores 0 and the average is over all three documents
        let gold = map(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let b = bcubed(&map(&[("a", "1"), ("b", "1")]), &gold);
        assert_eq!(b.missing, 1);
        assert!((b.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((b.recall - 2.0 / 3.0).abs() < 1e-12);
    }
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
        let BCubed {
            precision: p,
            recall: r,
            f1: f,
            missing,
        } = bcubed(&pred, &gold);
        let multi = {
            let mut c: HashMap<&str, usize> = HashMap::new();
            for k in pred.values() {
                *c.entry(k.as_str()).or_default() += 1;
            }
            c.values().filter(|&&n| n > 1).count()
        };
        println!(
            "{set}: {} documents ({missing} missing from the output, scored 0), {} gold events, {multi} multi-document stories: B-cubed precision {p:.3}, recall {r:.3}, F1 {f:.3} ({secs:.1}s)",
            gold.len(),
            gold.values().collect::<std::collections::HashSet<_>>().len()
        );
        if std::env::var_os("EVAL_KEEP").is_some() {
            eprintln!("{set}: output kept in {}", out.display());
        } else {
            let _ = std::fs::remove_dir_all(&out);
        }
    }
}
