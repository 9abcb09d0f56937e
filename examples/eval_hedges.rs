//! Scores the hedge lexicon twice:
//!
//! 1. expression by expression on the project's annotated news sentences
//!    (`data/hedges_gold/news_sample.tsv`, guideline beside it; the sentences are read from
//!    the PolNeAR articles in `../shared`), precision and recall overall and per category;
//! 2. as a sentence classifier on the CoNLL-2010 Wikipedia weasel data: a sentence is predicted
//!    "uncertain" when it holds at least one hedge.
//!
//! `cargo run --release --example eval_hedges -- [weasel.csv] [--lexicon FILE] [--polnear DIR]`
//!
//! `EVAL_DEBUG=1` lists the news misses and false hedges, and the cues that fire most often on
//! weasel sentences labelled certain.

use hedgerow::text::hedges::Lexicon;
use hedgerow::text::offsets::CharIndex;
use hedgerow::text::tokenize::tokenize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Hedges of one sentence as (start char, end char, text, category) relative to the sentence.
fn hedges_of(lex: &Lexicon, sentence: &str) -> Vec<(usize, usize, String, String)> {
    let tk = tokenize(sentence);
    let mt = lex.match_tokens(sentence, &tk);
    let mut hits = Vec::new();
    lex.find(&mt, &mut hits);
    let ci = CharIndex::new(sentence);
    hits.iter()
        .map(|h| {
            let (s, e) = (
                tk.tokens[h.first].start as usize,
                tk.tokens[h.last - 1].end as usize,
            );
            (
                ci.char_at(s) as usize,
                ci.char_at(e) as usize,
                sentence[s..e].to_string(),
                lex.category_of(h.entry).to_string(),
            )
        })
        .collect()
}

/// Expression-level precision and recall on the annotated news sentences.
fn score_news(lex: &Lexicon, gold: &Path, polnear: &Path, debug: bool) {
    let Ok(tsv) = std::fs::read_to_string(gold) else {
        eprintln!("{}: not found", gold.display());
        return;
    };
    // category -> [gold, gold matched, predicted, predicted matched]
    let mut by: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut n_sent = 0;
    for line in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let (split, article) = (f[1], f[2]);
        let (a, b): (usize, usize) = (f[3].parse().unwrap_or(0), f[4].parse().unwrap_or(0));
        let path = polnear
            .join(split)
            .join("text")
            .join(format!("{article}.txt"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping the news sample: {} not present", path.display());
            return;
        };
        let sentence: String = text.chars().skip(a).take(b - a).collect();
        n_sent += 1;
        let gold: Vec<(usize, usize, &str, &str)> = f
            .get(5)
            .unwrap_or(&"")
            .split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .filter_map(|x| {
                let (expr_at, cat) = x.rsplit_once('|')?;
                let (expr, at) = expr_at.rsplit_once('@')?;
                let at: usize = at.parse().ok()?;
                Some((at, at + expr.chars().count(), expr, cat))
            })
            .collect();
        let pred = hedges_of(lex, &sentence);
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for g in &gold {
            let e = by.entry(g.3.to_string()).or_default();
            e[0] += 1;
            if pred.iter().any(|p| overlaps((g.0, g.1), (p.0, p.1))) {
                e[1] += 1;
            } else if debug {
                println!("  MISS  [{}] {:?} in {:?}", g.3, g.2, sentence);
            }
        }
        for p in &pred {
            let e = by.entry(p.3.clone()).or_default();
            e[2] += 1;
            if gold.iter().any(|g| overlaps((g.0, g.1), (p.0, p.1))) {
                e[3] += 1;
            } else if debug {
                println!("  FALSE [{}] {:?} in {:?}", p.3, p.2, sentence);
            }
        }
    }
    let t = by.values().fold([0; 4], |mut t, v| {
        for k in 0..4 {
            t[k] += v[k];
        }
        t
    });
    let pr = |v: &[usize; 4]| {
        (
            v[3] as f64 / v[2].max(1) as f64,
            v[1] as f64 / v[0].max(1) as f64,
        )
    };
    let (p, r) = pr(&t);
    println!(
        "news sentences: {n_sent}, {} gold hedges, {} predicted: precision {p:.3}, recall {r:.3}, F1 {:.3}",
        t[0],
        t[2],
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    );
    for (c, v) in &by {
        let (p, r) = pr(v);
        println!(
            "  {c:<18} gold {:>3}  recall {r:.3}   predicted {:>3}  precision {p:.3}",
            v[0], v[2]
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .map_or("../shared/eval/weasel/train.csv", String::as_str);
    let lex = match args.iter().position(|a| a == "--lexicon") {
        Some(i) => hedgerow::load_lexicon(args.get(i + 1).map(std::path::Path::new), true)
            .expect("lexicon"),
        None => Lexicon::builtin(),
    };
    let polnear = args
        .iter()
        .position(|a| a == "--polnear")
        .and_then(|i| args.get(i + 1))
        .map_or("../shared/corpora/polnear/data", String::as_str);
    let debug = std::env::var("EVAL_DEBUG").is_ok();
    // the development sample (the lexicon was tuned on it) and the held-out one (annotated
    // after the tuning, never tuned on)
    for (name, file) in [
        ("development", "news_sample.tsv"),
        ("held-out", "news_heldout.tsv"),
    ] {
        print!("{name} ");
        let gold = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/hedges_gold")
            .join(file);
        score_news(&lex, &gold, Path::new(polnear), debug);
    }
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
    if let Ok(dump) = std::env::var("EVAL_DUMP") {
        // one line per sentence: label, then each hedge as category:match
        let mut out = String::new();
        for ((_, gold), hits) in rows.iter().zip(&preds) {
            out.push_str(if *gold { "1" } else { "0" });
            for (m, c) in hits {
                out.push('\t');
                out.push_str(&format!("{c}:{}", m.to_lowercase()));
            }
            out.push('\n');
        }
        let _ = std::fs::write(dump, out);
    }
    if debug {
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
