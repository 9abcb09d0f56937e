//! Scores the quote finder on PolNeAR (brat standoff attributions).
//!
//! `cargo run --release --example eval_quotes -- ../shared/corpora/polnear/data [train|dev]`
//!
//! Gold direct quotes are `Content` spans whose text opens with a quote mark. A gold quote is
//! recalled when a predicted `direct` quote overlaps it with character Jaccard ≥ 0.5 (quote marks,
//! edge punctuation and spaces stripped from both). A predicted `direct` quote is correct when at
//! least 80% of its stripped span lies inside some gold `Content` span. For recalled quotes, the
//! cue (speaker) is right when it shares a word with the gold `Cue` (`Source`).
//!
//! Two scorings are printed: over `direct` predictions (a gold quote found as `scare` or
//! `unattributed` is not recalled), and over all predicted quotations of any kind, where a gold
//! quote found but not attributed counts against cue and speaker; the speaker is right there
//! when the speaker as written or as resolved shares a word with the gold source. A gold pair
//! whose Cue and Source are swapped (the Cue a name, the Source "said") is credited when the
//! prediction matches it swapped; the count is printed.
//! `EVAL_DEBUG=miss` lists gold quotes not found as direct, `EVAL_DEBUG=attr` wrong attributions.
//!
//! Per attribution rule (`Quote::rule`), the report gives how many quotations the rule
//! attributed, how many a recalled gold quote was matched to, and how many of those it scores
//! right on cue and speaker (the scoring over all recalled gold quotes; see `RuleReport`).

use hedgerow::text::offsets::CharIndex;
use hedgerow::text::quotes::{find_quotes, Cues, Kind, Quote};
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

/// A predicted cue is right when it shares a word with the gold cue, or, for a gold cue of
/// punctuation only (a colon, a dash), when it is that punctuation (any dash for a dash).
fn cue_matches(pred: &str, gold: &str) -> bool {
    let g = words(gold);
    if !g.is_empty() {
        return !words(pred).is_disjoint(&g);
    }
    let dash = |s: &str| !s.is_empty() && s.chars().all(|c| "—–―-".contains(c));
    let (p, g) = (pred.trim(), gold.trim());
    p == g || (dash(p) && dash(g))
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

/// Counts of one scoring: gold quotes, recalled, predictions, correct predictions, and cue and
/// speaker agreement over recalled gold quotes that have a gold cue (source).
#[derive(Default)]
struct Score {
    gold: usize,
    recalled: usize,
    pred: usize,
    pred_ok: usize,
    cue_ok: usize,
    with_cue: usize,
    sp_ok: usize,
    with_sp: usize,
    /// Recalled quotes whose gold Cue and Source are swapped and were credited as such.
    swapped: usize,
}

impl Score {
    fn line(&self) -> String {
        let r = self.recalled as f64 / self.gold.max(1) as f64;
        let p = self.pred_ok as f64 / self.pred.max(1) as f64;
        let f1 = if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        };
        format!(
            "recall {r:.3}, precision {p:.3} ({}/{}), F1 {f1:.3}; cue {:.3} ({}/{}), speaker {:.3} ({}/{}); {} with Cue and Source swapped in the gold",
            self.pred_ok,
            self.pred,
            self.cue_ok as f64 / self.with_cue.max(1) as f64,
            self.cue_ok,
            self.with_cue,
            self.sp_ok as f64 / self.with_sp.max(1) as f64,
            self.sp_ok,
            self.with_sp,
            self.swapped
        )
    }
}

/// Predicted quotations as stripped character spans, one per quotation hedgerow writes (a piece
/// that continues the previous one is its own row, as in quotes.csv). A gold quotation annotated
/// as one span over several pieces ("“…,” Warren said. “…”") is matched by the pieces inside it
/// (see `inside` below); merging the pieces here, as the scorer did until session 7, made every
/// piece of such a passage a miss wherever the gold has them as separate quotations.
fn merged<'q>(
    qs: &'q [Quote],
    chars: &[char],
    ci: &CharIndex,
    keep: impl Fn(&Quote) -> bool,
) -> Vec<(usize, usize, &'q Quote)> {
    let mut preds: Vec<(usize, usize, &Quote)> = Vec::new();
    for q in qs.iter().filter(|q| keep(q)) {
        let (s, e) = strip(
            chars,
            ci.char_at(q.start) as usize,
            ci.char_at(q.end) as usize,
        );
        preds.push((s, e, q));
    }
    preds
}

/// Per attribution rule: the quotations it attributed, those a recalled gold quotation was
/// matched to (each quotation counted once; a piece that continues a quotation the gold holds as
/// one span is not the piece matched), and those of them right on cue and speaker.
#[derive(Default)]
struct RuleReport {
    made: HashMap<&'static str, usize>,
    matched: HashMap<&'static str, usize>,
    right: HashMap<&'static str, usize>,
    credited: HashSet<(usize, usize)>,
}

impl RuleReport {
    /// Counts the attributions of one document's quotations.
    fn count_made(&mut self, qs: &[Quote]) {
        for r in qs.iter().filter_map(|q| q.rule) {
            *self.made.entry(r).or_default() += 1;
        }
    }

    /// A recalled gold quotation matched `q` of document `doc`, cue and speaker `right` or not.
    fn credit(&mut self, doc: usize, q: &Quote, right: bool) {
        let Some(r) = q.rule else {
            return;
        };
        if self.credited.insert((doc, q.start)) {
            *self.matched.entry(r).or_default() += 1;
            *self.right.entry(r).or_default() += usize::from(right);
        }
    }

    fn print(&self) {
        println!("  per rule: attributions, matched by a gold quote, right (cue and speaker), right/matched");
        let get = |m: &HashMap<&str, usize>, r: &str| m.get(r).copied().unwrap_or(0);
        for r in hedgerow::text::quotes::rule_names() {
            let (made, matched) = (get(&self.made, r), get(&self.matched, r));
            let right = get(&self.right, r);
            let share = right as f64 / matched.max(1) as f64;
            println!("    {r:<22} {made:>5} {matched:>5} {right:>5} {share:.3}");
        }
    }
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
    let debug = std::env::var("EVAL_DEBUG").ok();
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
        let (mut direct, mut all) = (Score::default(), Score::default());
        let mut rules = RuleReport::default();
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
            rules.count_made(&qs);
            let ci = CharIndex::new(&text);
            let gold: Vec<_> = events
                .iter()
                .filter(|(c, _, _)| c.text.starts_with(['“', '"', '‘', '\'', '«']))
                .collect();
            for (score, only_direct) in [(&mut direct, true), (&mut all, false)] {
                let preds = merged(&qs, &chars, &ci, |q| !only_direct || q.kind == Kind::Direct);
                for (c, cue, src) in &gold {
                    score.gold += 1;
                    let (gs, ge) = strip(&chars, c.start, c.end);
                    let jaccard = |s: usize, e: usize| {
                        let inter = ge.min(e).saturating_sub(gs.max(s));
                        let uni = ge.max(e) - gs.min(s);
                        if uni > 0 {
                            inter as f64 / uni as f64
                        } else {
                            0.0
                        }
                    };
                    let mut best = preds
                        .iter()
                        .map(|(s, e, q)| (jaccard(*s, *e), q))
                        .max_by(|a, b| a.0.total_cmp(&b.0));
                    // a discontinuous gold quotation ("“I would,” “I would, Donald.”", one
                    // Content of two fragments) is matched by the predictions it holds together
                    let inside: Vec<_> = preds
                        .iter()
                        .filter(|(s, e, _)| *s >= gs && *e <= ge)
                        .collect();
                    if inside.len() >= 2 {
                        let j = jaccard(inside[0].0, inside[inside.len() - 1].1);
                        if best.as_ref().is_none_or(|b| j > b.0) {
                            best = Some((j, &inside[0].2));
                        }
                    }
                    let Some((j, q)) = best.filter(|b| b.0 >= 0.5) else {
                        if debug.as_deref() == Some("miss") && only_direct {
                            // what the finder made of it, if anything
                            let found = qs
                                .iter()
                                .filter(|q| {
                                    let (s, e) =
                                        (ci.char_at(q.start) as usize, ci.char_at(q.end) as usize);
                                    e > gs && s < ge
                                })
                                .map(|q| q.kind.as_str())
                                .collect::<Vec<_>>()
                                .join(",");
                            println!(
                                "MISS {stem} {}..{} [{found}] {:?}",
                                c.start,
                                c.end,
                                c.text.chars().take(100).collect::<String>()
                            );
                        }
                        continue;
                    };
                    let _ = j;
                    score.recalled += 1;
                    let mut wrong = Vec::new();
                    let speaker_matches = |gold: &str| {
                        let gw = words(gold);
                        !words(&q.speaker).is_disjoint(&gw)
                            || !words(&q.speaker_resolved).is_disjoint(&gw)
                    };
                    // Some annotations have Cue and Source the wrong way round (Cue "David
                    // Plouffe, the architect of Obama's 2008 campaign", Source "said"): a
                    // prediction that matches both of the swapped pair is right on both.
                    let swapped = match (cue, src) {
                        (Some(c), Some(s)) => {
                            !cue_matches(&q.cue, &c.text)
                                && cue_matches(&q.cue, &s.text)
                                && speaker_matches(&c.text)
                        }
                        _ => false,
                    };
                    if swapped {
                        score.swapped += 1;
                    }
                    if let Some(cue) = cue {
                        score.with_cue += 1;
                        if swapped || cue_matches(&q.cue, &cue.text) {
                            score.cue_ok += 1;
                        } else {
                            wrong.push(format!("cue {:?} gold {:?}", q.cue, cue.text));
                        }
                    }
                    if let Some(src) = src {
                        score.with_sp += 1;
                        if swapped || speaker_matches(&src.text) {
                            score.sp_ok += 1;
                        } else {
                            wrong.push(format!(
                                "speaker {:?}/{:?} gold {:?}",
                                q.speaker, q.speaker_resolved, src.text
                            ));
                        }
                    }
                    if !only_direct {
                        rules.credit(n_docs, q, wrong.is_empty());
                    }
                    if debug.as_deref() == Some("attr") && !only_direct && !wrong.is_empty() {
                        println!(
                            "ATTR {stem} {}..{} [{}] {} :: {:?}",
                            c.start,
                            c.end,
                            q.kind.as_str(),
                            wrong.join("; "),
                            c.text.chars().take(80).collect::<String>()
                        );
                    }
                }
                for (s, e, _) in &preds {
                    score.pred += 1;
                    let len = e.saturating_sub(*s).max(1);
                    let inside = contents
                        .iter()
                        .map(|c| c.end.min(*e).saturating_sub(c.start.max(*s)))
                        .max()
                        .unwrap_or(0);
                    if inside as f64 >= 0.8 * len as f64 {
                        score.pred_ok += 1;
                    }
                }
            }
        }
        println!(
            "{split}: {n_docs} articles, {} gold direct quotes, {:.0} articles/s",
            direct.gold,
            n_docs as f64 / secs.max(1e-9)
        );
        println!("  over direct predictions:         {}", direct.line());
        println!("  over all recalled gold quotes:   {}", all.line());
        rules.print();
    }
}
