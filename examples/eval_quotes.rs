//! Scores the quote finder on PolNeAR (brat standoff attributions).
//!
//! `cargo run --release --example eval_quotes -- ../shared/corpora/polnear/data [train|dev]`
//!
//! Gold direct quotes are `Content` spans whose text opens with a quote mark. A gold quote is
//! recalled when a predicted `direct` quote overlaps it with character Jaccard ≥ 0.5 (quote marks,
//! edge punctuation and spaces stripped from both). A predicted `direct` quote is correct when at
//! least 80% of its stripped span lies inside some gold `Content` span. For recalled quotes, the
//! cue (speaker) is right when it shares a word with the gold `Cue` (`Source`).

use hedgerow::text::offsets::CharIndex;
use hedgerow::text::quotes::{find_quotes, Cues, Kind};
use hedgerow::text::tokenize::tokenize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    text: String,
}

fn is_edge(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || "“”‘’«»„‚‹›—–…".contains(c)
}

/// Character span with quote marks, punctuation and spaces stripped at both ends.
fn strip(chars: &[char], s: usize, e: usize) -> (usize, usize) {
    let (mut s, mut e) = (s.min(chars.len()), e.min(chars.len()));
    while s < e && is_edge(chars[s]) {
        s += 1;
    }
    while e > s && is_edge(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// A gold attribution: its content span, with its cue and source spans when annotated.
type Attribution = (Span, Option<Span>, Option<Span>);

fn parse_ann(path: &Path) -> (Vec<Attribution>, Vec<Span>) {
    let s = std::fs::read_to_string(path).unwrap_or_default();
    let mut spans: HashMap<String, (String, Span)> = HashMap::new();
    let mut events = Vec::new();
    for line in s.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() >= 2 && parts[0].starts_with('T') {
            let mut it = parts[1].splitn(2, ' ');
            let label = it.next().unwrap_or("").to_string();
            let offs = it.next().unwrap_or("");
            let mut lo = usize::MAX;
            let mut hi = 0;
            for frag in offs.split(';') {
                let mut ab = frag.split_whitespace();
                if let (Some(a), Some(b)) = (ab.next(), ab.next()) {
                    if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                        lo = lo.min(a);
                        hi = hi.max(b);
                    }
                }
            }
            if lo < hi {
                spans.insert(
                    parts[0].to_string(),
                    (
                        label,
                        Span {
                            start: lo,
                            end: hi,
                            text: parts.get(2).unwrap_or(&"").to_string(),
                        },
                    ),
                );
            }
        } else if parts.len() >= 2 && parts[0].starts_with('E') {
            let mut m: HashMap<String, String> = HashMap::new();
            for kv in parts[1].split_whitespace() {
                if let Some((k, v)) = kv.split_once(':') {
                    m.insert(k.to_string(), v.to_string());
                }
            }
            events.push(m);
        }
    }
    let mut out = Vec::new();
    let mut contents = Vec::new();
    for (_, (label, sp)) in spans.iter() {
        if label == "Content" {
            contents.push(sp.clone());
        }
    }
    for e in events {
        let Some(c) = e.get("Content").and_then(|t| spans.get(t)) else {
            continue;
        };
        let cue = e.get("Cue").and_then(|t| spans.get(t)).map(|x| x.1.clone());
        let src = e
            .get("Source")
            .and_then(|t| spans.get(t))
            .map(|x| x.1.clone());
        out.push((c.1.clone(), cue, src));
    }
    (out, contents)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/corpora/polnear/data"),
    );
    let splits: Vec<&str> = match args.get(2) {
        Some(s) => vec![s.as_str()],
        None => vec!["train", "dev"],
    };
    let cues = Cues::builtin();
    for split in splits {
        let text_dir = root.join(split).join("text");
        let ann_dir = root.join(split).join("attributions");
        let Ok(rd) = std::fs::read_dir(&text_dir) else {
            eprintln!("no {}", text_dir.display());
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        let mut anns: Vec<_> = std::fs::read_dir(&ann_dir)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        anns.sort();
        let (
            mut gold_n,
            mut recalled,
            mut pred_n,
            mut pred_ok,
            mut cue_ok,
            mut sp_ok,
            mut with_cue,
            mut with_sp,
        ) = (0, 0, 0, 0, 0, 0, 0, 0);
        let mut secs = 0.0;
        let mut n_docs = 0;
        for f in &files {
            let stem = f.file_stem().unwrap().to_string_lossy().to_string();
            // one annotator per article: the first .ann in name order
            let Some(ann) = anns.iter().find(|a| {
                let n = a.file_stem().unwrap().to_string_lossy().to_string();
                n.len() == stem.len() + 5 && n.starts_with(&stem)
            }) else {
                continue;
            };
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            let (events, contents) = parse_ann(ann);
            let t0 = Instant::now();
            let tk = tokenize(&text);
            let qs = find_quotes(&text, 0, &tk, &cues);
            secs += t0.elapsed().as_secs_f64();
            n_docs += 1;
            let ci = CharIndex::new(&text);
            // A quote that continues the previous one (split around its cue) is one quotation.
            let mut preds: Vec<(usize, usize, &hedgerow::text::quotes::Quote)> = Vec::new();
            for q in qs.iter().filter(|q| q.kind == Kind::Direct) {
                let (s, e) = strip(
                    &chars,
                    ci.char_at(q.start) as usize,
                    ci.char_at(q.end) as usize,
                );
                match preds.last_mut() {
                    Some(last) if q.continues => last.1 = e,
                    _ => preds.push((s, e, q)),
                }
            }
            let gold: Vec<_> = events
                .iter()
                .filter(|(c, _, _)| c.text.starts_with(['“', '"', '‘', '\'', '«']))
                .collect();
            for (c, cue, src) in &gold {
                gold_n += 1;
                let (gs, ge) = strip(&chars, c.start, c.end);
                let best = preds
                    .iter()
                    .map(|(s, e, q)| {
                        let inter = ge.min(*e).saturating_sub(gs.max(*s));
                        let uni = ge.max(*e) - gs.min(*s);
                        (
                            if uni > 0 {
                                inter as f64 / uni as f64
                            } else {
                                0.0
                            },
                            q,
                        )
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if std::env::var("EVAL_DEBUG").is_ok() && best.as_ref().is_none_or(|b| b.0 < 0.5) {
                    let near: Vec<String> = qs
                        .iter()
                        .filter(|q| {
                            let (s, e) = (ci.char_at(q.start) as usize, ci.char_at(q.end) as usize);
                            e > gs && s < ge
                        })
                        .map(|q| {
                            format!(
                                "[{} {}..{}]",
                                q.kind.as_str(),
                                ci.char_at(q.start),
                                ci.char_at(q.end)
                            )
                        })
                        .collect();
                    println!(
                        "MISS {} {}..{} {:?} near={:?}",
                        stem,
                        c.start,
                        c.end,
                        c.text.chars().take(100).collect::<String>(),
                        near
                    );
                }
                if let Some((j, q)) = best {
                    if j >= 0.5 {
                        recalled += 1;
                        if let Some(cue) = cue {
                            with_cue += 1;
                            if !words(&q.cue).is_disjoint(&words(&cue.text)) {
                                cue_ok += 1;
                            }
                        }
                        if let Some(src) = src {
                            with_sp += 1;
                            if !words(&q.speaker).is_disjoint(&words(&src.text)) {
                                sp_ok += 1;
                            }
                        }
                    }
                }
            }
            for (s, e, _) in &preds {
                pred_n += 1;
                let len = e.saturating_sub(*s).max(1);
                let inside = contents
                    .iter()
                    .map(|c| c.end.min(*e).saturating_sub(c.start.max(*s)))
                    .max()
                    .unwrap_or(0);
                if inside as f64 >= 0.8 * len as f64 {
                    pred_ok += 1;
                }
            }
        }
        let r = recalled as f64 / gold_n.max(1) as f64;
        let p = pred_ok as f64 / pred_n.max(1) as f64;
        let f1 = if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        };
        println!(
            "{split}: {n_docs} articles, {gold_n} gold direct quotes; recall {r:.3}, precision {p:.3} ({pred_ok}/{pred_n}), F1 {f1:.3}; cue {:.3}, speaker {:.3}; {:.0} articles/s",
            cue_ok as f64 / with_cue.max(1) as f64,
            sp_ok as f64 / with_sp.max(1) as f64,
            n_docs as f64 / secs.max(1e-9)
        );
    }
}
