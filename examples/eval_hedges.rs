//! Scores the hedge lexicon as a sentence classifier on the CoNLL-2010 Wikipedia weasel data.
//!
//! `cargo run --release --example eval_hedges -- ../shared/eval/weasel/train.csv [--lexicon FILE]`
//!
//! Each sentence is one document; it is predicted "uncertain" when it holds at least one hedge.
//! Prints precision, recall and F1, overall and with each category left out, and (with
//! `EVAL_DEBUG=1`) the cues that fire most often on sentences labelled certain.

use hedgerow::text::hedges::Lexicon;
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("../shared/eval/weasel/train.csv");
    let lex = match args.iter().position(|a| a == "--lexicon") {
        Some(i) => hedgerow::load_lexicon(args.get(i + 1).map(std::path::Path::new), true)
            .expect("lexicon"),
        None => Lexicon::builtin(),
    };
    let mut rdr = match csv::Reader::from_path(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let rows: Vec<(String, bool)> = rdr
        .records()
        .filter_map(|r| r.ok())
        .map(|r| (r[0].to_string(), &r[1] == "1"))
        .collect();
    let preds: Vec<Vec<(String, String)>> = rows.iter().map(|(t, _)| lex.find_in_text(t)).collect();
    let score = |skip: Option<&str>| {
        let (mut tp, mut fp, mut fneg) = (0, 0, 0);
        for ((_, gold), hits) in rows.iter().zip(&preds) {
            let p = hits.iter().any(|(_, c)| Some(c.as_str()) != skip);
            match (p, *gold) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                _ => {}
            }
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fneg).max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    let (p, r, f) = score(None);
    println!(
        "{} sentences, {} uncertain: precision {p:.3}, recall {r:.3}, F1 {f:.3}",
        rows.len(),
        rows.iter().filter(|x| x.1).count()
    );
    for c in &lex.categories {
        let (p, r, f) = score(Some(c));
        println!("  without {c:<18} precision {p:.3}, recall {r:.3}, F1 {f:.3}");
    }
    if std::env::var("EVAL_DEBUG").is_ok() {
        let mut fp: HashMap<String, (u32, u32)> = HashMap::new();
        for ((_, gold), hits) in rows.iter().zip(&preds) {
            for (m, _) in hits {
                let e = fp.entry(m.to_lowercase()).or_default();
                if *gold {
                    e.0 += 1
                } else {
                    e.1 += 1
                }
            }
        }
        let mut v: Vec<_> = fp.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1 .1));
        for (w, (t, f)) in v.iter().take(40) {
            println!("    {w:<24} in uncertain {t:>4}  in certain {f:>4}");
        }
    }
}
