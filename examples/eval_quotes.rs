//! Scores the quote finder on PolNeAR (brat standoff attributions), as strictly as a reader.
//!
//! `cargo run --release --example eval_quotes -- ../shared/corpora/polnear/data [train|dev]`
//!
//! Gold direct quotes are `Content` spans whose text opens with a quote mark (PolNeAR has no
//! direct/indirect label; 1,765 of the 2,195 dev Content spans are paraphrase). A gold quote is
//! recalled when a predicted quote overlaps it with character Jaccard ≥ 0.5 (quote marks, edge
//! punctuation and spaces stripped from both); gold quotes and predictions are matched one to
//! one, best overlap first. A prediction is correct when at least 80% of its stripped span lies
//! inside a gold *direct* Content span (a quoted piece inside a paraphrase is not a direct quote
//! of the gold; each piece of a gold quote written as several rows counts).
//!
//! For recalled quotes, the cue is right when it shares a word with the gold `Cue`. The speaker
//! is right when the name hedgerow gives (`speaker_resolved`, else `speaker`) names the person or
//! organisation the text means (see `speaker_right`): a gold Source that is a bare pronoun means
//! its antecedent in `data/annotations/polnear_<split>_pronoun_sources.tsv` (guideline
//! `docs/annotation/pronoun_antecedents.md`); one with no named antecedent there has no nameable
//! speaker, so any predicted name is wrong; a split without that file counts its pronoun
//! sources as unresolvable (a floor, said in the output). A predicted pronoun never counts.
//! Names match on content words (stopwords, honorifics, titles and possessors dropped): one
//! side's words all among the other's ("Trump" = "Donald J. Trump", "Mr. Kelly" ≠ "Mr. Trump").
//!
//! Two scorings are printed: over `direct` predictions (a gold quote found as `scare` or
//! `unattributed` is not recalled), and over all predicted quotations of any kind, where a gold
//! quote found but not attributed counts against cue and speaker. A gold pair whose Cue and
//! Source are swapped (the Cue a name, the Source "said") is credited when the prediction
//! matches it swapped; the count is printed.
//! `EVAL_DEBUG=miss` lists gold quotes not found as direct, `EVAL_DEBUG=attr` wrong attributions,
//! `EVAL_DEBUG=indirect` the indirect scorer's misses, false positives and wrong speakers.
//!
//! Indirect attributions are scored in their own module (`eval_quotes/indirect.rs`; how, there).
//!
//! With `--language xx` (or `--language all`), it scores the language packs instead on
//! `data/languages/<xx>/gold/quotes.tsv` (`--gold-root DIR`), texts from
//! `../shared/corpora/languages/<xx>.jsonl` (`--corpus DIR`); see [`score_language`]. A language
//! without a gold folder is skipped with a line saying so.
//!
//! Per attribution rule (`Quote::rule`), the report gives how many quotations the rule
//! attributed, how many a recalled gold quote was matched to, and how many of those it scores
//! right on cue and (strict) speaker (the scoring over all recalled gold quotes; see `RuleReport`).

#[path = "eval_quotes/indirect.rs"]
mod indirect;
#[path = "lang_gold/mod.rs"]
mod lang_gold;

use hedgerow::text::offsets::CharIndex;
use hedgerow::text::quotes::{find_quotes, find_quotes_and_indirect, Cues, Gender, Kind, Quote};
use hedgerow::text::tokenize::tokenize;
use indirect::{score_indirect, IndirectDoc, IndirectScore};
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
struct Attribution {
    content: Span,
    /// The second part of a split quotation ("A," he said. "B."), before or after the first.
    content2: Option<Span>,
    cue: Option<Span>,
    source: Option<Span>,
}

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
        let content2 = e
            .get("Content2")
            .and_then(|t| spans.get(t))
            .map(|x| x.1.clone());
        let src = e
            .get("Source")
            .and_then(|t| spans.get(t))
            .map(|x| x.1.clone());
        out.push(Attribution {
            content: c.1.clone(),
            content2,
            cue,
            source: src,
        });
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
    /// Recalled quotes with a gold Source by kind of source (see [`GoldSpeaker`]): a pronoun
    /// resolved to a name, a pronoun with no nameable speaker, a pronoun not resolved (no
    /// antecedent file for the split).
    sp_pronoun: usize,
    sp_nobody: usize,
    sp_unknown: usize,
    /// Recalled quotes whose speaker has a gender in the gender annotation, those hedgerow gives
    /// a gender (not unknown), and those it gives right.
    g_gold: usize,
    g_decided: usize,
    g_right: usize,
}

impl Score {
    fn gender_line(&self) -> String {
        format!(
            "speaker_gender right {:.3} ({}/{} decided), decided for {:.3} ({}/{}) of recalled quotes whose speaker's gender the annotation gives",
            self.g_right as f64 / self.g_decided.max(1) as f64,
            self.g_right,
            self.g_decided,
            self.g_decided as f64 / self.g_gold.max(1) as f64,
            self.g_decided,
            self.g_gold
        )
    }

    fn line(&self) -> String {
        let r = self.recalled as f64 / self.gold.max(1) as f64;
        let p = self.pred_ok as f64 / self.pred.max(1) as f64;
        let f1 = if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        };
        format!(
            "recall {r:.3}, precision {p:.3} ({}/{}), F1 {f1:.3}; cue {:.3} ({}/{}), speaker {:.3} ({}/{}); {} with Cue and Source swapped in the gold; gold pronoun sources: {} resolved, {} with no nameable speaker, {} unresolved",
            self.pred_ok,
            self.pred,
            self.cue_ok as f64 / self.with_cue.max(1) as f64,
            self.cue_ok,
            self.with_cue,
            self.sp_ok as f64 / self.with_sp.max(1) as f64,
            self.sp_ok,
            self.with_sp,
            self.swapped,
            self.sp_pronoun,
            self.sp_nobody,
            self.sp_unknown
        )
    }
}

/// A predicted quotation as a stripped character span.
struct Pred<'q> {
    start: usize,
    end: usize,
    quote: &'q Quote,
}

/// Predicted quotations as stripped character spans, one per quotation hedgerow writes (a piece
/// that continues the previous one is its own row, as in quotes.csv). A gold quotation annotated
/// as one span over several pieces ("“…,” Warren said. “…”") is matched by the pieces inside it
/// (see [`candidates`]); merging the pieces here, as the scorer did until session 7, made every
/// piece of such a passage a miss wherever the gold has them as separate quotations.
fn predictions<'q>(
    qs: &'q [Quote],
    chars: &[char],
    ci: &CharIndex,
    keep: impl Fn(&Quote) -> bool,
) -> Vec<Pred<'q>> {
    qs.iter()
        .filter(|q| keep(q))
        .map(|q| {
            let (start, end) = strip(
                chars,
                ci.char_at(q.start) as usize,
                ci.char_at(q.end) as usize,
            );
            Pred {
                start,
                end,
                quote: q,
            }
        })
        .collect()
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

/// Words that name nobody: articles, prepositions, conjunctions.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "for", "in", "on", "at", "to", "from", "with", "by", "s",
];

/// Honorifics and titles: they say what someone is, not who ("Mr. Kelly" and "Mr. Trump" share
/// only "Mr.").
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "secretary",
    "gen",
    "general",
    "lt",
    "col",
    "capt",
    "sgt",
    "mayor",
    "judge",
    "justice",
    "chief",
    "jr",
    "sr",
    "former",
    "chairman",
    "chairwoman",
    "speaker",
];

/// Personal pronouns, as the antecedent guideline lists them; a Source (or a predicted speaker)
/// that is one of these names nobody by itself.
const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "myself",
    "we",
    "us",
    "our",
    "ourselves",
    "you",
    "your",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "themselves",
];

/// Whether a text is a bare personal pronoun ("He", "they").
fn is_pronoun(s: &str) -> bool {
    PRONOUNS.contains(&s.trim().to_lowercase().as_str())
}

/// The words of a name that say who it is, in order: lowercased, without stopwords,
/// honorifics and possessors ("Trump’s campaign manager Kellyanne Conway" → campaign, manager,
/// kellyanne, conway: the possessor is someone else).
fn content_words(name: &str) -> Vec<String> {
    let apostrophe = |c: char| c == '\'' || c == '’';
    let possessive = |l: &str| ["'s", "’s", "s'", "s’"].iter().any(|e| l.ends_with(e));
    name.split(|c: char| !c.is_alphanumeric() && !apostrophe(c))
        .filter(|w| !possessive(&w.to_lowercase()))
        .map(|w| w.trim_matches(apostrophe).to_lowercase())
        .filter(|w| {
            !w.is_empty() && !STOPWORDS.contains(&w.as_str()) && !HONORIFICS.contains(&w.as_str())
        })
        .collect()
}

/// Whether two names name the same one: both have content words, they end in the same one (the
/// surname, the organisation's noun) and one side's words are all among the other's. A surname
/// matches its full name; "Mr. Kelly" is not "Mr. Trump", "Clinton" not "the Clinton campaign",
/// "Trump" not "a top Trump surrogate".
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (content_words(a), content_words(b));
    let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
    !a.is_empty() && a.last() == b.last() && (within(&a, &b) || within(&b, &a))
}

/// Whether a predicted name names the gold Source: the Source as a whole, or one of its parts
/// between commas, parentheses, "and" or "of" (an apposition, "Mr. McGinley, the law
/// professor"; a party and state, "Rep. Gwen Moore (D-Wis.)"; "Charles B. Rangel of New York";
/// two people, "Obama and Clinton").
fn names_match(pred: &str, gold: &str) -> bool {
    let parts = gold
        .split([',', '(', ')'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" of "));
    std::iter::once(gold)
        .chain(parts)
        .any(|g| same_name(pred, g))
}

/// Who a gold Source means.
#[derive(Debug, PartialEq)]
enum GoldSpeaker {
    /// A name or description as written, or a pronoun's antecedent.
    Named(String),
    /// A pronoun the antecedent file resolves to no named entity (generic "you", an unnamed
    /// columnist's "I"): no predicted name is right.
    Nobody,
    /// A pronoun with no antecedent file for its split: counted wrong (the figure is a floor).
    Unknown,
}

/// Pronoun Sources resolved by hand: (text file, source start, source end) → antecedent ("" for
/// no nameable speaker).
type Antecedents = HashMap<(String, usize, usize), String>;

/// Reads `data/annotations/polnear_<split>_pronoun_sources.tsv` (columns in
/// `docs/annotation/pronoun_antecedents.md`); `None` when the split has none.
fn read_antecedents(split: &str) -> Option<Antecedents> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/annotations")
        .join(format!("polnear_{split}_pronoun_sources.tsv"));
    let text = std::fs::read_to_string(&path).ok()?;
    let mut out = Antecedents::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let parsed = (
            f.get(2).map(|x| x.parse()),
            f.get(3).map(|x| x.parse()),
            f.get(5),
        );
        let (Some(Ok(s)), Some(Ok(e)), Some(ante)) = parsed else {
            eprintln!("{} line {}: malformed row, skipped", path.display(), n + 1);
            continue;
        };
        out.insert((f[0].to_string(), s, e), ante.trim().to_string());
    }
    Some(out)
}

/// Speakers' genders by hand (see `docs/annotation/speaker_gender.md`): text file → (speaker
/// as the gold names them, gender); rows left `unknown` are not read.
type Genders = HashMap<String, Vec<(String, Gender)>>;

/// Reads `data/annotations/polnear_<split>_speaker_gender.tsv`; `None` when the split has none.
fn read_genders(split: &str) -> Option<Genders> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/annotations")
        .join(format!("polnear_{split}_speaker_gender.tsv"));
    let text = std::fs::read_to_string(&path).ok()?;
    let mut out = Genders::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let g = match f.get(2) {
            Some(&"female") => Gender::Female,
            Some(&"male") => Gender::Male,
            _ => continue,
        };
        out.entry(f[0].to_string())
            .or_default()
            .push((f[1].to_string(), g));
    }
    Some(out)
}

/// The annotated gender of the speaker the gold names `gold` in `file`.
fn gold_gender(genders: Option<&Genders>, file: &str, gold: &GoldSpeaker) -> Option<Gender> {
    let GoldSpeaker::Named(name) = gold else {
        return None;
    };
    let rows = genders?.get(file)?;
    rows.iter()
        .find(|(s, _)| s == name)
        .or_else(|| {
            rows.iter()
                .find(|(s, _)| names_match(name, s) || names_match(s, name))
        })
        .map(|(_, g)| *g)
}

/// Who the gold Source `src` of text file `file` means.
fn gold_speaker(src: &Span, file: &str, antecedents: Option<&Antecedents>) -> GoldSpeaker {
    if !is_pronoun(&src.text) {
        return GoldSpeaker::Named(src.text.clone());
    }
    let key = (file.to_string(), src.start, src.end);
    match antecedents.and_then(|a| a.get(&key)) {
        Some(a) if a.is_empty() => GoldSpeaker::Nobody,
        Some(a) => GoldSpeaker::Named(a.clone()),
        None => GoldSpeaker::Unknown,
    }
}

/// The name hedgerow gives a quotation's speaker (resolved, else as written); none when empty
/// or a pronoun.
fn predicted_name<'a>(speaker: &'a str, resolved: &'a str) -> Option<&'a str> {
    let name = if resolved.is_empty() {
        speaker
    } else {
        resolved
    };
    Some(name).filter(|n| !n.trim().is_empty() && !is_pronoun(n))
}

/// Whether a predicted speaker (as written, as resolved) is the one the gold means: the same
/// name, or nothing at all where the text names nobody.
fn speaker_right(speaker: &str, resolved: &str, gold: &GoldSpeaker) -> bool {
    match gold {
        GoldSpeaker::Named(g) => {
            predicted_name(speaker, resolved).is_some_and(|p| names_match(p, g))
        }
        GoldSpeaker::Nobody => speaker.trim().is_empty() && resolved.trim().is_empty(),
        GoldSpeaker::Unknown => false,
    }
}

/// A gold direct quote of one document with its stripped span.
struct GoldQuote<'a> {
    attr: &'a Attribution,
    start: usize,
    end: usize,
}

impl GoldQuote<'_> {
    /// Character Jaccard of the stripped spans.
    fn jaccard(&self, s: usize, e: usize) -> f64 {
        let inter = self.end.min(e).saturating_sub(self.start.max(s));
        let uni = self.end.max(e) - self.start.min(s);
        if uni > 0 {
            inter as f64 / uni as f64
        } else {
            0.0
        }
    }
}

/// A possible match: gold quote `gold`, the predictions it would take (one, or the pieces of a
/// discontinuous gold quotation), the one whose attribution is scored, and the overlap.
struct Candidate {
    gold: usize,
    preds: Vec<usize>,
    scored: usize,
    jaccard: f64,
}

/// Every match with Jaccard ≥ 0.5: each prediction alone, and the predictions a gold quotation
/// holds together ("“I would,” “I would, Donald.”", one Content of two fragments), scored by
/// its first.
fn candidates(gold: &[GoldQuote], preds: &[Pred]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            let j = g.jaccard(p.start, p.end);
            out.push(Candidate {
                gold: gi,
                preds: vec![pi],
                scored: pi,
                jaccard: j,
            });
        }
        let inside: Vec<usize> = (0..preds.len())
            .filter(|&i| preds[i].start >= g.start && preds[i].end <= g.end)
            .collect();
        if let [first, .., last] = inside[..] {
            let j = g.jaccard(preds[first].start, preds[last].end);
            out.push(Candidate {
                gold: gi,
                preds: inside,
                scored: first,
                jaccard: j,
            });
        }
    }
    out.retain(|c| c.jaccard >= 0.5);
    out
}

/// One-to-one matching of gold quotes to predictions, best overlap first: for each gold quote,
/// the prediction whose attribution is scored, if recalled. No prediction serves two gold quotes.
fn match_quotes(gold: &[GoldQuote], preds: &[Pred]) -> Vec<Option<usize>> {
    let mut cands = candidates(gold, preds);
    cands.sort_by(|a, b| b.jaccard.total_cmp(&a.jaccard).then(a.gold.cmp(&b.gold)));
    let mut taken = vec![false; preds.len()];
    let mut out = vec![None; gold.len()];
    for c in cands {
        if out[c.gold].is_none() && c.preds.iter().all(|&p| !taken[p]) {
            c.preds.iter().for_each(|&p| taken[p] = true);
            out[c.gold] = Some(c.scored);
        }
    }
    out
}

/// Whether a prediction is (a piece of) a gold direct quote: ≥ 80% of it inside one.
fn inside_direct(p: &Pred, direct: &[&Span]) -> bool {
    let len = p.end.saturating_sub(p.start).max(1);
    let inside = direct
        .iter()
        .map(|c| c.end.min(p.end).saturating_sub(c.start.max(p.start)))
        .max()
        .unwrap_or(0);
    inside as f64 >= 0.8 * len as f64
}

/// Whether a Content span is a direct quotation: its text opens with a quote mark.
fn is_direct_content(c: &Span) -> bool {
    c.text.starts_with(['“', '"', '‘', '\'', '«'])
}

/// One document as the scorer sees it.
struct Doc<'a> {
    /// Text file name (`….txt`), the key of the antecedent file.
    file: &'a str,
    /// Index of the document in the split, for the rule report.
    index: usize,
    chars: &'a [char],
    ci: &'a CharIndex<'a>,
    quotes: &'a [Quote],
    gold: Vec<GoldQuote<'a>>,
    /// Content spans that are direct quotations.
    direct: Vec<&'a Span>,
    /// The speakers' genders by hand, when the split has them.
    genders: Option<&'a Genders>,
}

impl<'a> Doc<'a> {
    /// A quotation's character span.
    fn chars_of(&self, q: &Quote) -> (usize, usize) {
        (
            self.ci.char_at(q.start) as usize,
            self.ci.char_at(q.end) as usize,
        )
    }

    /// The quotations overlapping the character span `s..e`.
    fn quotes_over(&self, s: usize, e: usize) -> impl Iterator<Item = &'a Quote> + '_ {
        self.quotes.iter().filter(move |q| {
            let (qs, qe) = self.chars_of(q);
            qe > s && qs < e
        })
    }
}

/// What the scorer prints besides the figures, from `EVAL_DEBUG`.
#[derive(Clone, Copy, PartialEq)]
enum Debug {
    None,
    Miss,
    Attr,
    /// Indirect misses, false positives and wrong speakers.
    Indirect,
    /// Direct spans under PolNeAR's conventions that found no partner, predicted and gold.
    Spans,
}

/// The scoring of one recalled gold quote's attribution.
struct Verdict {
    wrong: Vec<String>,
}

/// Scores the cue and speaker of prediction `q` for gold attribution `attr`.
fn attribution(
    score: &mut Score,
    q: &Quote,
    attr: &Attribution,
    doc: &Doc,
    ante: Option<&Antecedents>,
) -> Verdict {
    let mut wrong = Vec::new();
    // Some annotations have Cue and Source the wrong way round (Cue "David Plouffe, the
    // architect of Obama's 2008 campaign", Source "said"): a prediction that matches both of the
    // swapped pair is right on both.
    let swapped = match (&attr.cue, &attr.source) {
        (Some(c), Some(s)) => {
            !cue_matches(&q.cue, &c.text)
                && cue_matches(&q.cue, &s.text)
                && speaker_right(
                    &q.speaker,
                    &q.speaker_resolved,
                    &GoldSpeaker::Named(c.text.clone()),
                )
        }
        _ => false,
    };
    score.swapped += usize::from(swapped);
    if let Some(cue) = &attr.cue {
        score.with_cue += 1;
        if swapped || cue_matches(&q.cue, &cue.text) {
            score.cue_ok += 1;
        } else {
            wrong.push(format!("cue {:?} gold {:?}", q.cue, cue.text));
        }
    }
    if let Some(src) = &attr.source {
        score.with_sp += 1;
        let gold = gold_speaker(src, doc.file, ante);
        match (&gold, is_pronoun(&src.text)) {
            (GoldSpeaker::Named(_), true) => score.sp_pronoun += 1,
            (GoldSpeaker::Nobody, _) => score.sp_nobody += 1,
            (GoldSpeaker::Unknown, _) => score.sp_unknown += 1,
            _ => {}
        }
        if let Some(g) = gold_gender(doc.genders, doc.file, &gold) {
            score.g_gold += 1;
            if q.speaker_gender != Gender::Unknown {
                score.g_decided += 1;
                score.g_right += usize::from(q.speaker_gender == g);
                if q.speaker_gender != g {
                    wrong.push(format!("gender {:?} gold {g:?}", q.speaker_gender));
                }
            }
        }
        if swapped || speaker_right(&q.speaker, &q.speaker_resolved, &gold) {
            score.sp_ok += 1;
        } else {
            wrong.push(format!(
                "speaker {:?}/{:?} gold {:?} = {gold:?}",
                q.speaker, q.speaker_resolved, src.text
            ));
        }
    }
    Verdict { wrong }
}

/// Prints what the finder made of a gold quote it missed.
fn print_miss(doc: &Doc, g: &GoldQuote) {
    let found = doc
        .quotes_over(g.start, g.end)
        .map(|q| q.kind.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let c = &g.attr.content;
    println!(
        "MISS {} {}..{} [{found}] {:?}",
        doc.file,
        c.start,
        c.end,
        c.text.chars().take(100).collect::<String>()
    );
}

/// Scores one document, over direct predictions (`only_direct`) or all of them.
fn score_doc(
    score: &mut Score,
    rules: &mut RuleReport,
    doc: &Doc,
    only_direct: bool,
    ante: Option<&Antecedents>,
    debug: Debug,
) {
    let preds = predictions(doc.quotes, doc.chars, doc.ci, |q| {
        !only_direct || q.kind == Kind::Direct
    });
    let matched = match_quotes(&doc.gold, &preds);
    for (g, m) in doc.gold.iter().zip(&matched) {
        score.gold += 1;
        let Some(p) = m else {
            if debug == Debug::Miss && only_direct {
                print_miss(doc, g);
            }
            continue;
        };
        score.recalled += 1;
        let q = preds[*p].quote;
        let v = attribution(score, q, g.attr, doc, ante);
        if !only_direct {
            rules.credit(doc.index, q, v.wrong.is_empty());
        }
        if debug == Debug::Attr && !only_direct && !v.wrong.is_empty() {
            let c = &g.attr.content;
            let text: String = c.text.chars().take(80).collect();
            println!(
                "ATTR {} {}..{} [{}] {} :: {text:?}",
                doc.file,
                c.start,
                c.end,
                q.kind.as_str(),
                v.wrong.join("; ")
            );
        }
    }
    score.pred += preds.len();
    score.pred_ok += preds
        .iter()
        .filter(|p| inside_direct(p, &doc.direct))
        .count();
}

/// Direct quotation spans under PolNeAR's conventions: a gold span is an attribution's Content
/// with its Content2 (a split quotation "A," he said. "B." is one span from the first part's
/// start to the last part's end, the cue inside; the parts in either order), when either opens
/// with a quote mark; a predicted span is a direct quotation with the pieces that continue it
/// (`Quote::continues`). Spans are matched one to one, best character Jaccard first (≥ 0.5);
/// precision and recall count spans; the character F1 is the mean over matched pairs.
#[derive(Default)]
struct SpanScore {
    gold: usize,
    pred: usize,
    matched: usize,
    overlap_f1: f64,
}

impl SpanScore {
    fn add(&mut self, doc: &Doc, events: &[Attribution], debug: bool) {
        let gold = gold_spans(doc, events);
        let pred = predicted_spans(doc);
        let jac = |g: (usize, usize), p: (usize, usize)| {
            let inter = g.1.min(p.1).saturating_sub(g.0.max(p.0)) as f64;
            let uni = (g.1.max(p.1) - g.0.min(p.0)) as f64;
            (inter / uni.max(1.0), inter)
        };
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        for (gi, g) in gold.iter().enumerate() {
            for (pi, p) in pred.iter().enumerate() {
                let (j, _) = jac(*g, *p);
                if j >= 0.5 {
                    cands.push((j, gi, pi));
                }
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (mut gt, mut pt) = (vec![false; gold.len()], vec![false; pred.len()]);
        for (_, gi, pi) in cands {
            if !gt[gi] && !pt[pi] {
                (gt[gi], pt[pi]) = (true, true);
                let (g, p) = (gold[gi], pred[pi]);
                let inter = jac(g, p).1;
                self.matched += 1;
                self.overlap_f1 += 2.0 * inter / ((g.1 - g.0) + (p.1 - p.0)).max(1) as f64;
            }
        }
        self.gold += gold.len();
        self.pred += pred.len();
        if debug {
            print_unmatched(doc, "SPAN-FP", &pred, &pt);
            print_unmatched(doc, "SPAN-MISS", &gold, &gt);
            let unmatched: Vec<bool> = pt.iter().map(|m| !m).collect();
            print_unmatched(doc, "SPAN-OK", &pred, &unmatched);
        }
    }

    fn line(&self) -> String {
        let r = self.matched as f64 / self.gold.max(1) as f64;
        let p = self.matched as f64 / self.pred.max(1) as f64;
        let f1 = if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        };
        format!(
            "F1 {f1:.3} (recall {r:.3} = {}/{}, precision {p:.3} = {}/{}); character F1 of matched spans {:.3}",
            self.matched,
            self.gold,
            self.matched,
            self.pred,
            self.overlap_f1 / self.matched.max(1) as f64
        )
    }
}

/// Prints the spans of `spans` that `matched` leaves without a partner, with their text.
fn print_unmatched(doc: &Doc, label: &str, spans: &[(usize, usize)], matched: &[bool]) {
    for (&(s, e), _) in spans.iter().zip(matched).filter(|(_, m)| !**m) {
        let text: String = doc.chars[s..e.min(doc.chars.len())]
            .iter()
            .take(120)
            .collect();
        let kinds: Vec<&str> = doc
            .quotes_over(s, e)
            .map(|q| q.rule.unwrap_or(q.kind.as_str()))
            .collect();
        println!(
            "{label} {} {s}..{e} [{}] {text:?}",
            doc.file,
            kinds.join(",")
        );
    }
}

/// Gold direct spans: Content joined with Content2, either opening with a quote mark.
fn gold_spans(doc: &Doc, events: &[Attribution]) -> Vec<(usize, usize)> {
    events
        .iter()
        .filter(|a| {
            is_direct_content(&a.content) || a.content2.as_ref().is_some_and(is_direct_content)
        })
        .map(|a| {
            let (s, e) = a
                .content2
                .as_ref()
                .map_or((a.content.start, a.content.end), |c| {
                    (a.content.start.min(c.start), a.content.end.max(c.end))
                });
            strip(doc.chars, s, e)
        })
        .collect()
}

/// Predicted direct spans: a direct quotation with the direct pieces that continue it.
fn predicted_spans(doc: &Doc) -> Vec<(usize, usize)> {
    let mut pred: Vec<(usize, usize)> = Vec::new();
    let mut last_direct = false;
    for q in doc.quotes {
        let (s, e) = doc.chars_of(q);
        if q.kind == Kind::Direct && q.continues && last_direct {
            if let Some(p) = pred.last_mut() {
                p.1 = strip(doc.chars, p.0, e).1;
            }
        } else if q.kind == Kind::Direct {
            pred.push(strip(doc.chars, s, e));
        }
        last_direct = q.kind == Kind::Direct;
    }
    pred
}

/// The first `.ann` in name order of each text file (one annotator per article).
fn first_annotation<'a>(
    anns: &'a [std::path::PathBuf],
    stem: &str,
) -> Option<&'a std::path::PathBuf> {
    anns.iter().find(|a| {
        let n = a
            .file_stem()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        n.len() == stem.len() + 5 && n.starts_with(stem)
    })
}

/// Sorted paths of a folder's entries (empty when it cannot be read).
fn listing(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Scores one split and prints its report.
fn score_split(root: &Path, split: &str, cues: &Cues, debug: Debug) {
    let text_dir = root.join(split).join("text");
    if !text_dir.is_dir() {
        eprintln!("no {}", text_dir.display());
        return;
    }
    let (files, anns) = (
        listing(&text_dir),
        listing(&root.join(split).join("attributions")),
    );
    let ante = read_antecedents(split);
    let genders = read_genders(split);
    let mut spans = SpanScore::default();
    let (mut direct, mut all) = (Score::default(), Score::default());
    let mut rules = RuleReport::default();
    let mut reported = IndirectScore::default();
    let (mut secs, mut n_docs) = (0.0, 0);
    for f in &files {
        let (Some(stem), Some(file)) = (f.file_stem(), f.file_name()) else {
            continue;
        };
        let (stem, file) = (stem.to_string_lossy(), file.to_string_lossy());
        let Some(ann) = first_annotation(&anns, &stem) else {
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        let (events, contents) = parse_ann(ann);
        let t0 = Instant::now();
        // as the corpus run reads them: quotations inside a reported clause the indirect pass
        // attributed are the clause speaker's (mixed)
        let (qs, _) = find_quotes_and_indirect(&text, 0, &tokenize(&text), cues);
        secs += t0.elapsed().as_secs_f64();
        n_docs += 1;
        rules.count_made(&qs);
        let ci = CharIndex::new(&text);
        let gold = events
            .iter()
            .filter(|a| is_direct_content(&a.content))
            .map(|attr| {
                let (start, end) = strip(&chars, attr.content.start, attr.content.end);
                GoldQuote { attr, start, end }
            })
            .collect();
        let doc = Doc {
            file: &file,
            index: n_docs,
            chars: &chars,
            ci: &ci,
            quotes: &qs,
            gold,
            direct: contents.iter().filter(|c| is_direct_content(c)).collect(),
            genders: genders.as_ref(),
        };
        spans.add(&doc, &events, debug == Debug::Spans);
        score_doc(&mut direct, &mut rules, &doc, true, ante.as_ref(), debug);
        score_doc(&mut all, &mut rules, &doc, false, ante.as_ref(), debug);
        let ind = IndirectDoc {
            file: &file,
            text: &text,
            chars: &chars,
            ci: &ci,
            events: &events,
            contents: &contents,
            quotes: &qs,
        };
        score_indirect(&mut reported, &ind, ante.as_ref(), debug == Debug::Indirect);
    }
    println!(
        "{split}: {n_docs} articles, {} gold direct quotes, {:.0} articles/s",
        direct.gold,
        n_docs as f64 / secs.max(1e-9)
    );
    if ante.is_none() {
        println!("  no antecedent file for {split}: its pronoun gold sources count as unresolvable, so the speaker figures are a floor");
    }
    println!("  over direct predictions:         {}", direct.line());
    println!("  over all recalled gold quotes:   {}", all.line());
    println!("  direct spans, PolNeAR conventions: {}", spans.line());
    if genders.is_some() {
        println!("  {}", direct.gender_line());
    }
    rules.print();
    println!("  indirect attributions:           {}", reported.line());
}

/// One gold quotation of a language sample, in code points.
struct LangGold {
    article: String,
    kind: String,
    start: usize,
    end: usize,
    cue: String,
    speaker: String,
}

/// One predicted quotation, in code points.
struct LangPred {
    start: usize,
    end: usize,
    kind: &'static str,
    cue: String,
    speaker: String,
}

/// The gold quotations of a `quotes.tsv` (a header row without '#' is skipped).
fn lang_gold_quotes(path: &Path) -> Result<Vec<LangGold>, String> {
    let mut out = Vec::new();
    for (n, f) in lang_gold::rows(path)?.into_iter().enumerate() {
        if f[0] == "n" {
            continue;
        }
        let bad = || format!("{} row {}: malformed", path.display(), n + 1);
        let get = |i: usize| f.get(i).map(|x| x.trim().to_string()).unwrap_or_default();
        out.push(LangGold {
            article: get(1),
            kind: get(2),
            start: get(3).parse().map_err(|_| bad())?,
            end: get(4).parse().map_err(|_| bad())?,
            cue: get(5),
            speaker: get(7),
        });
    }
    Ok(out)
}

/// The quotations hedgerow finds in a text of language `code`, in code points.
fn lang_predictions(text: &str, code: &str) -> Vec<LangPred> {
    let p = hedgerow::text::language::pack(code);
    let tk = hedgerow::text::language::tokenize_for(text, p);
    let cues = hedgerow::options::builtin_cues(code);
    let qs = match p {
        Some(p) => hedgerow::text::quotes::find_quotes_lang(text, 0, &tk, &cues, p),
        None => find_quotes(text, 0, &tk, &cues),
    };
    let ci = CharIndex::new(text);
    qs.into_iter()
        .map(|q| LangPred {
            start: ci.char_at(q.start) as usize,
            end: ci.char_at(q.end) as usize,
            kind: match q.kind {
                Kind::Direct => "direct",
                Kind::Title => "name",
                Kind::Scare => "scare",
                Kind::Unattributed => "unattributed",
                Kind::Indirect => "indirect",
                Kind::Mixed => "mixed",
            },
            cue: q.cue,
            speaker: if q.speaker_resolved.is_empty() {
                q.speaker
            } else {
                q.speaker_resolved
            },
        })
        .collect()
}

/// The words of a speaker that say who it is: lowercased, Korean particles stripped.
fn lang_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| hedgerow::text::language::stem::korean(&w.to_lowercase()))
        .collect()
}

/// Whether a predicted speaker names the gold one: both empty, or one side's words all among
/// the other's (a word matching another that extends it by a case ending of up to two letters:
/// "Лаврова" is "Лавров").
fn lang_speaker_right(pred: &str, gold: &str) -> bool {
    let (p, g) = (lang_words(pred), lang_words(gold));
    if p.is_empty() || g.is_empty() {
        return p.is_empty() && g.is_empty();
    }
    let same = |a: &String, b: &String| {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        long.starts_with(short.as_str()) && long.chars().count() - short.chars().count() <= 2
    };
    let within = |x: &[String], y: &[String]| x.iter().all(|w| y.iter().any(|v| same(w, v)));
    within(&p, &g) || within(&g, &p)
}

/// Whether a predicted cue is the gold one: both empty, or a word in common.
fn lang_cue_right(pred: &str, gold: &str) -> bool {
    let (p, g) = (lang_words(pred), lang_words(gold));
    (p.is_empty() && g.is_empty()) || p.iter().any(|w| g.contains(w))
}

/// One to one matching of gold and predicted spans that overlap, best overlap first.
fn lang_match(gold: &[&LangGold], pred: &[&LangPred]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let o = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            if o > 0 {
                pairs.push((o, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, gi, pi) in pairs {
        if !gu[gi] && !pu[pi] {
            gu[gi] = true;
            pu[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

/// A language's scores.
#[derive(Default, Debug)]
struct LangScore {
    gold: usize,
    gold_direct: usize,
    pred_direct: usize,
    direct_matched: usize,
    kind_right: usize,
    cue_right: usize,
    speaker_right: usize,
}

/// Scores one language: direct quotation precision, recall and F1 by span overlap (one to one;
/// the predictions counted are those overlapping some gold quotation, the sample being of
/// quotations, not of whole articles), kind over all gold quotations (hedgerow's `title` is
/// the gold `name`; no `indirect` or `mixed` is predicted), and over matched direct
/// quotations the cue (a word in common) and the strict speaker ([`lang_speaker_right`]).
fn score_language(
    code: &str,
    file: &str,
    places: &lang_gold::Places,
    debug: LangDebug,
) -> Result<LangScore, String> {
    let path = places.gold(code, file)?;
    let gold = lang_gold_quotes(&path)?;
    let texts = places.texts(code)?;
    let mut sc = LangScore::default();
    let mut articles: Vec<&str> = gold.iter().map(|g| g.article.as_str()).collect();
    articles.sort_unstable();
    articles.dedup();
    for a in articles {
        let text = texts
            .get(a)
            .ok_or_else(|| format!("{code}: {}: no record '{a}'", path.display()))?;
        let preds = lang_predictions(text, code);
        let golds: Vec<&LangGold> = gold.iter().filter(|g| g.article == a).collect();
        let in_scope: Vec<&LangPred> = preds
            .iter()
            .filter(|p| golds.iter().any(|g| g.start < p.end && p.start < g.end))
            .collect();
        sc.gold += golds.len();
        for (gi, pi) in lang_match(&golds, &in_scope) {
            sc.kind_right += usize::from(golds[gi].kind == in_scope[pi].kind);
        }
        let gd: Vec<&LangGold> = golds
            .iter()
            .copied()
            .filter(|g| g.kind == "direct")
            .collect();
        let pd: Vec<&LangPred> = in_scope
            .iter()
            .copied()
            .filter(|p| p.kind == "direct")
            .collect();
        sc.gold_direct += gd.len();
        sc.pred_direct += pd.len();
        let matched = lang_match(&gd, &pd);
        if debug == LangDebug::Miss {
            print_lang_misses(code, a, text, (&gd, &pd, &in_scope), &matched);
        }
        for (gi, pi) in matched {
            sc.direct_matched += 1;
            let (g, p) = (gd[gi], pd[pi]);
            sc.cue_right += usize::from(lang_cue_right(&p.cue, &g.cue));
            let right = lang_speaker_right(&p.speaker, &g.speaker);
            sc.speaker_right += usize::from(right);
            if debug == LangDebug::Attr && !right {
                println!(
                    "  SPEAKER {code} {a}: gold {:?}, predicted {:?} ({:?})",
                    g.speaker,
                    p.speaker,
                    lang_gold::chars(text, g.start, g.end.min(g.start + 60))
                );
            }
        }
    }
    Ok(sc)
}

/// What the language scorer prints besides the figures (development sample only).
#[derive(Clone, Copy, PartialEq, Eq)]
enum LangDebug {
    None,
    /// `EVAL_DEBUG=attr`: wrong speakers of matched direct quotations.
    Attr,
    /// `EVAL_DEBUG=miss`: gold direct quotations not found as direct, and direct predictions
    /// overlapping no gold direct quotation (with the gold kind they overlap, if any).
    Miss,
}

/// The direct misses and false positives of one article (development sample only).
fn print_lang_misses(
    code: &str,
    a: &str,
    text: &str,
    (gd, pd, all): (&[&LangGold], &[&LangPred], &[&LangPred]),
    matched: &[(usize, usize)],
) {
    let clip = |s: usize, e: usize| lang_gold::chars(text, s, e.min(s + 90)).replace('\n', " / ");
    for (gi, g) in gd.iter().enumerate() {
        if !matched.iter().any(|m| m.0 == gi) {
            println!(
                "  MISS {code} {a} [{}..{}] cue {:?} speaker {:?}: {:?}",
                g.start,
                g.end,
                g.cue,
                g.speaker,
                clip(g.start, g.end)
            );
            println!(
                "      before: {:?}",
                clip(g.start.saturating_sub(90), g.start)
            );
            for p in all.iter().filter(|p| p.start < g.end && g.start < p.end) {
                println!(
                    "      predicted {} [{}..{}] cue {:?} speaker {:?}",
                    p.kind, p.start, p.end, p.cue, p.speaker
                );
            }
        }
    }
    for (pi, p) in pd.iter().enumerate() {
        if !matched.iter().any(|m| m.1 == pi) {
            println!(
                "  FALSE {code} {a} [{}..{}] cue {:?} speaker {:?}: {:?}",
                p.start,
                p.end,
                p.cue,
                p.speaker,
                clip(p.start, p.end)
            );
        }
    }
}

/// The gold samples of a language pack: the development sample (tuned on) and the held-out one
/// (annotated blind after the packs existed, never tuned on, never shown in detail).
const LANG_SAMPLES: &[(&str, &str)] = &[("", "quotes.tsv"), (" held-out", "quotes_heldout.tsv")];

/// Scores the language packs asked for (`--language xx`, or all).
fn score_languages(args: &[String], debug: LangDebug) {
    let places = lang_gold::Places::from_args(args);
    for (code, (label, file)) in lang_gold::languages(args)
        .iter()
        .flat_map(|c| LANG_SAMPLES.iter().map(move |s| (c, s)))
    {
        // the misses of a held-out sample are not shown: no one tunes on them
        let debug = if label.is_empty() {
            debug
        } else {
            LangDebug::None
        };
        match score_language(code, file, &places, debug) {
            Ok(s) => {
                let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
                let (p, r) = (
                    ratio(s.direct_matched, s.pred_direct),
                    ratio(s.direct_matched, s.gold_direct),
                );
                let f1 = if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                };
                println!(
                    "{code}{label}: {} gold quotations ({} direct); direct precision {p:.3}, recall {r:.3}, F1 {f1:.3}; kind {:.3}; on {} matched direct: cue {:.3}, strict speaker {:.3}",
                    s.gold, s.gold_direct, ratio(s.kind_right, s.gold), s.direct_matched,
                    ratio(s.cue_right, s.direct_matched), ratio(s.speaker_right, s.direct_matched)
                );
            }
            Err(e) => println!("{e}"),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--language") {
        let debug = match std::env::var("EVAL_DEBUG").as_deref() {
            Ok("attr") => LangDebug::Attr,
            Ok("miss") => LangDebug::Miss,
            _ => LangDebug::None,
        };
        score_languages(&args, debug);
        return;
    }
    let root = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/corpora/polnear/data"),
    );
    let splits: Vec<&str> = match args.get(2) {
        Some(s) => vec![s.as_str()],
        None => vec!["train", "dev"],
    };
    let debug = match std::env::var("EVAL_DEBUG").as_deref() {
        Ok("miss") => Debug::Miss,
        Ok("attr") => Debug::Attr,
        Ok("indirect") => Debug::Indirect,
        Ok("spans") => Debug::Spans,
        _ => Debug::None,
    };
    let cues = Cues::builtin();
    for split in splits {
        score_split(root, split, &cues, debug);
    }
}

#[cfg(test)]
mod tests {
    /// The fixture sample of every language (tests/fixtures/languages): read, matched, scored.
    #[test]
    fn language_fixtures_score() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages");
        let places = lang_gold::Places {
            gold_root: root.clone(),
            corpus: root,
        };
        for code in lang_gold::CODES {
            let s = score_language(code, "quotes.tsv", &places, LangDebug::None)
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(s.gold_direct >= 1, "{code}: {s:?}");
            assert_eq!(s.direct_matched, s.gold_direct, "{code}: {s:?}");
            assert_eq!(s.pred_direct, s.gold_direct, "{code}: {s:?}");
            assert_eq!(
                (s.kind_right, s.cue_right),
                (s.gold, s.direct_matched),
                "{code}: {s:?}"
            );
            assert_eq!(s.speaker_right, s.direct_matched, "{code}: {s:?}");
        }
    }

    #[test]
    fn language_speakers_match_strictly() {
        assert!(lang_speaker_right("Лаврова", "Сергей Лавров"));
        assert!(lang_speaker_right(
            "김정은 국무위원장은",
            "김정은 국무위원장"
        ));
        assert!(!lang_speaker_right("Macron", "Édouard Philippe"));
        assert!(!lang_speaker_right("", "Édouard Philippe"));
        assert!(lang_speaker_right("", ""));
    }

    use super::*;

    fn span(start: usize, end: usize, text: &str) -> Span {
        Span {
            start,
            end,
            text: text.to_string(),
        }
    }

    #[test]
    fn names_match_on_content_words_not_honorifics() {
        assert!(!names_match("Mr. Kelly", "Mr. Trump"));
        assert!(names_match("Trump", "Donald J. Trump"));
        assert!(names_match("Donald Trump", "Mr. Trump"));
        assert!(
            !names_match("the president", "the president"),
            "a title names nobody"
        );
        assert!(names_match("Washington Post", "The Washington Post"));
    }

    #[test]
    fn names_match_needs_the_same_head() {
        assert!(!names_match("Clinton", "the Clinton campaign"));
        assert!(!names_match("Trump", "Flynn, a top Trump surrogate,"));
        assert!(!names_match(
            "Trump",
            "Trump’s campaign manager Kellyanne Conway"
        ));
        assert!(names_match(
            "Kellyanne Conway",
            "Trump’s campaign manager Kellyanne Conway"
        ));
    }

    #[test]
    fn names_match_a_part_of_the_source() {
        assert!(names_match(
            "Patrick McGinley",
            "Mr. McGinley, the law professor"
        ));
        assert!(names_match("Gwen Moore", "Rep. Gwen Moore (D-Wis.)"));
        assert!(names_match(
            "Charles Rangel",
            "Representative Charles B. Rangel of New York"
        ));
        assert!(names_match("Clinton", "Obama and Clinton"));
    }

    #[test]
    fn a_predicted_pronoun_never_counts() {
        let gold = GoldSpeaker::Named("Donald Trump".into());
        assert!(!speaker_right("he", "", &gold));
        assert!(!speaker_right("he", "He", &gold));
        assert!(speaker_right("he", "Donald Trump", &gold));
        // even where the gold Source text is the same pronoun
        assert!(!speaker_right("she", "", &GoldSpeaker::Named("She".into())));
    }

    #[test]
    fn pronoun_sources_mean_their_antecedent() {
        let mut a = Antecedents::new();
        a.insert(("x.txt".into(), 10, 12), "Donald Trump".into());
        a.insert(("x.txt".into(), 20, 23), String::new());
        let named = gold_speaker(&span(10, 12, "He"), "x.txt", Some(&a));
        assert_eq!(named, GoldSpeaker::Named("Donald Trump".into()));
        assert_eq!(
            gold_speaker(&span(20, 23, "you"), "x.txt", Some(&a)),
            GoldSpeaker::Nobody
        );
        assert_eq!(
            gold_speaker(&span(30, 32, "he"), "x.txt", Some(&a)),
            GoldSpeaker::Unknown
        );
        assert_eq!(
            gold_speaker(&span(30, 32, "he"), "x.txt", None),
            GoldSpeaker::Unknown
        );
        let kelly = gold_speaker(&span(0, 9, "Mr. Kelly"), "x.txt", None);
        assert_eq!(kelly, GoldSpeaker::Named("Mr. Kelly".into()));
    }

    #[test]
    fn no_nameable_speaker_takes_no_name() {
        assert!(!speaker_right(
            "Trump",
            "Donald Trump",
            &GoldSpeaker::Nobody
        ));
        assert!(speaker_right("", "", &GoldSpeaker::Nobody));
        assert!(!speaker_right("", "", &GoldSpeaker::Unknown));
    }

    #[test]
    fn a_prediction_serves_one_gold_quote() {
        let c = span(0, 10, "“abcdefgh”");
        let attr = Attribution {
            content: c,
            content2: None,
            cue: None,
            source: None,
        };
        let gold = [
            GoldQuote {
                attr: &attr,
                start: 0,
                end: 10,
            },
            GoldQuote {
                attr: &attr,
                start: 0,
                end: 10,
            },
        ];
        let dummy = test_quote();
        let preds = [Pred {
            start: 0,
            end: 10,
            quote: &dummy,
        }];
        assert_eq!(match_quotes(&gold, &preds), vec![Some(0), None]);
    }

    #[test]
    fn a_direct_prediction_counts_only_inside_a_direct_content() {
        let dummy = test_quote();
        let p = Pred {
            start: 5,
            end: 15,
            quote: &dummy,
        };
        let direct = span(0, 20, "“…”");
        assert!(inside_direct(&p, &[&direct]));
        assert!(!inside_direct(&p, &[]));
        assert!(is_direct_content(&direct));
        assert!(!is_direct_content(&span(0, 20, "that she would not")));
    }

    /// A quotation found in a small text, for tests that need one.
    fn test_quote() -> Quote {
        let t = "“We will win,” she said.";
        find_quotes(t, 0, &tokenize(t), &Cues::builtin()).remove(0)
    }
}
