//! Indirect attributions on PolNeAR: reported speech without marks (issue 35 item 5).
//!
//! Gold: a `Content` span not opening with a quote mark whose `Cue` holds a verb of saying
//! ([`SAYING`], a fixed list, not the finder's) or is "according to". Predictions: hedgerow's
//! `indirect` and `mixed` attributions ([`find_indirect`]).
//!
//! Spans are compared as sets of word tokens (runs of letters and digits), a leading "that"
//! left out: a gold attribution is recalled by a prediction holding at least half of its words
//! and with at least half of the prediction's words in it; gold and predictions are matched one
//! to one, best overlap first. Precision is given twice: against the gold indirect attributions
//! above, and against every gold Content not opening with a quote mark (reported speech and
//! thought under any cue: "believes", "found", "called for"; what annotators marked as an
//! attribution). On recalled attributions, cue and strict speaker as for direct quotations
//! (`cue_matches`, `speaker_right`: a pronoun never counts, a gold pronoun Source means its
//! antecedent).

use super::{
    cue_matches, gold_speaker, is_direct_content, speaker_right, Antecedents, Attribution, Span,
};
use hedgerow::text::offsets::CharIndex;
use hedgerow::text::quotes::{find_indirect, Quote};

/// Verbs of saying, by their forms: a gold Cue holding one of these words is a report of speech.
const SAYING: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "note",
    "notes",
    "noted",
    "noting",
    "state",
    "states",
    "stated",
    "report",
    "reports",
    "reported",
    "reporting",
    "announce",
    "announces",
    "announced",
    "explain",
    "explains",
    "explained",
    "write",
    "writes",
    "wrote",
    "tweet",
    "tweets",
    "tweeted",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "argue",
    "argues",
    "argued",
    "arguing",
    "insist",
    "insists",
    "insisted",
    "warn",
    "warns",
    "warned",
    "warning",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "admit",
    "admits",
    "admitted",
    "deny",
    "denies",
    "denied",
    "declare",
    "declared",
    "reply",
    "replied",
    "respond",
    "responded",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "predict",
    "predicted",
    "confirm",
    "confirmed",
    "reveal",
    "revealed",
    "stress",
    "stressed",
    "emphasize",
    "emphasized",
    "assert",
    "asserted",
    "contend",
    "contended",
    "allege",
    "alleged",
    "concede",
    "conceded",
    "testify",
    "testified",
    "recall",
    "recalled",
    "remark",
    "remarked",
    "comment",
    "commented",
    "mention",
    "mentioned",
    "mentions",
    "reiterate",
    "reiterated",
];

/// Whether a gold attribution is indirect speech: content without an opening mark, a cue of
/// saying.
pub fn is_indirect_gold(a: &Attribution) -> bool {
    let Some(cue) = &a.cue else {
        return false;
    };
    let lower = cue.text.to_lowercase();
    !is_direct_content(&a.content)
        && (lower.contains("according to")
            || lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| SAYING.contains(&w)))
}

/// Counts of the indirect scoring.
#[derive(Default)]
pub struct IndirectScore {
    gold: usize,
    recalled: usize,
    pred: usize,
    /// Predictions matched to a gold indirect attribution.
    pred_ok: usize,
    /// Predictions overlapping any gold Content without an opening mark.
    pred_any: usize,
    cue_ok: usize,
    with_cue: usize,
    sp_ok: usize,
    with_sp: usize,
}

impl IndirectScore {
    /// The report line.
    pub fn line(&self) -> String {
        let r = self.recalled as f64 / self.gold.max(1) as f64;
        let p = self.pred_ok as f64 / self.pred.max(1) as f64;
        let pa = self.pred_any as f64 / self.pred.max(1) as f64;
        format!(
            "gold {}, recall {r:.3} ({}/{}), precision {pa:.3} against all unmarked gold Contents ({}/{}), {p:.3} against the gold indirect only; cue {:.3} ({}/{}), strict speaker {:.3} ({}/{})",
            self.gold,
            self.recalled,
            self.gold,
            self.pred_any,
            self.pred,
            self.cue_ok as f64 / self.with_cue.max(1) as f64,
            self.cue_ok,
            self.with_cue,
            self.sp_ok as f64 / self.with_sp.max(1) as f64,
            self.sp_ok,
            self.with_sp
        )
    }
}

/// One document for the indirect scorer.
pub struct IndirectDoc<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub chars: &'a [char],
    pub ci: &'a CharIndex<'a>,
    pub events: &'a [Attribution],
    pub contents: &'a [Span],
    /// The quotations in marks found in the text (what [`find_indirect`] is given).
    pub quotes: &'a [Quote],
}

/// The word tokens of a document as character spans, and which of them a span holds.
struct Words(Vec<(usize, usize)>);

impl Words {
    fn of(chars: &[char]) -> Self {
        let mut v = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_alphanumeric() {
                let s = i;
                while i < chars.len() && chars[i].is_alphanumeric() {
                    i += 1;
                }
                v.push((s, i));
            } else {
                i += 1;
            }
        }
        Words(v)
    }

    /// Indices of the words inside the character span `s..e`, a leading "that" left out.
    fn inside(&self, chars: &[char], s: usize, e: usize) -> (usize, usize) {
        let a = self.0.partition_point(|w| w.0 < s);
        let b = self.0.partition_point(|w| w.1 <= e).max(a);
        let that = a < b && {
            let (x, y) = self.0[a];
            chars[x..y]
                .iter()
                .collect::<String>()
                .eq_ignore_ascii_case("that")
        };
        (a + usize::from(that && b > a + 1), b)
    }
}

/// The share of overlap of two word ranges: the smaller of the two coverages.
fn overlap(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0)) as f64;
    let (la, lb) = ((a.1 - a.0).max(1) as f64, (b.1 - b.0).max(1) as f64);
    (inter / la).min(inter / lb)
}

/// Scores one document's indirect attributions.
pub fn score_indirect(
    score: &mut IndirectScore,
    doc: &IndirectDoc,
    ante: Option<&Antecedents>,
    debug: bool,
) {
    let words = Words::of(doc.chars);
    let tk = hedgerow::text::tokenize::tokenize(doc.text);
    let preds = find_indirect(
        doc.text,
        0,
        &tk,
        &hedgerow::text::quotes::Cues::builtin(),
        doc.quotes,
    );
    let pspans: Vec<(usize, usize)> = preds
        .iter()
        .map(|q| {
            let (s, e) = (
                doc.ci.char_at(q.start) as usize,
                doc.ci.char_at(q.end) as usize,
            );
            words.inside(doc.chars, s, e)
        })
        .collect();
    let gold: Vec<(&Attribution, (usize, usize))> = doc
        .events
        .iter()
        .filter(|a| is_indirect_gold(a))
        .map(|a| (a, words.inside(doc.chars, a.content.start, a.content.end)))
        .collect();
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pspans.iter().enumerate() {
            let o = overlap(g.1, *p);
            if o >= 0.5 {
                cands.push((o, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let (mut gtaken, mut ptaken) = (vec![false; gold.len()], vec![false; preds.len()]);
    for (_, gi, pi) in cands {
        if gtaken[gi] || ptaken[pi] {
            continue;
        }
        (gtaken[gi], ptaken[pi]) = (true, true);
        attribution(score, &preds[pi], gold[gi].0, doc.file, ante, debug);
    }
    score.gold += gold.len();
    score.recalled += gtaken.iter().filter(|&&t| t).count();
    score.pred += preds.len();
    score.pred_ok += ptaken.iter().filter(|&&t| t).count();
    let unmarked: Vec<(usize, usize)> = doc
        .contents
        .iter()
        .filter(|c| !is_direct_content(c))
        .map(|c| words.inside(doc.chars, c.start, c.end))
        .collect();
    for (pi, p) in pspans.iter().enumerate() {
        let any = ptaken[pi] || unmarked.iter().any(|g| overlap(*g, *p) >= 0.5);
        score.pred_any += usize::from(any);
        if debug && !any {
            let q = &preds[pi];
            println!(
                "IND-FP {} [{}] {:?} :: {:?}",
                doc.file,
                q.rule.unwrap_or(""),
                q.speaker,
                &doc.text[q.start..q.end]
            );
        }
    }
    if debug {
        for (gi, g) in gold.iter().enumerate().filter(|(gi, _)| !gtaken[*gi]) {
            let _ = gi;
            let c = &g.0.content;
            let cue = g.0.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("");
            let before: String = doc.chars[c.start.saturating_sub(100)..c.start]
                .iter()
                .collect();
            let near = pspans
                .iter()
                .position(|p| overlap(g.1, *p) > 0.0 || p.0 < g.1 .1 && g.1 .0 < p.1);
            println!(
                "IND-MISS{} {} {}..{} cue {cue:?} :: {before:?} ## {:?}",
                if near.is_some() { "-NEAR" } else { "" },
                doc.file,
                c.start,
                c.end,
                c.text.chars().take(120).collect::<String>()
            );
            // the prediction the gold overlaps, to tell a span too long from a wrong one
            if let Some(q) = near.map(|pi| &preds[pi]) {
                println!("  NEAR-PRED {:?}", &doc.text[q.start..q.end]);
            }
        }
    }
}

/// Scores the cue and speaker of a recalled gold attribution.
fn attribution(
    score: &mut IndirectScore,
    q: &Quote,
    attr: &Attribution,
    file: &str,
    ante: Option<&Antecedents>,
    debug: bool,
) {
    if let Some(cue) = &attr.cue {
        score.with_cue += 1;
        score.cue_ok += usize::from(cue_matches(&q.cue, &cue.text));
    }
    if let Some(src) = &attr.source {
        score.with_sp += 1;
        let gold = gold_speaker(src, file, ante);
        if speaker_right(&q.speaker, &q.speaker_resolved, &gold) {
            score.sp_ok += 1;
        } else if debug {
            println!(
                "IND-SPK {file} {:?}/{:?} gold {:?} = {gold:?}",
                q.speaker, q.speaker_resolved, src.text
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(content: &str, cue: &str) -> Attribution {
        let span = |t: &str| Span {
            start: 0,
            end: t.len(),
            text: t.to_string(),
        };
        Attribution {
            content: span(content),
            cue: Some(span(cue)),
            source: None,
        }
    }

    #[test]
    fn gold_indirect_is_unmarked_content_under_a_verb_of_saying() {
        assert!(is_indirect_gold(&attr("the plan would fail", "said")));
        assert!(is_indirect_gold(&attr("troops were sent", "According to")));
        assert!(!is_indirect_gold(&attr("“the plan would fail”", "said")));
        assert!(!is_indirect_gold(&attr("the plan would fail", "believes")));
    }

    #[test]
    fn overlap_is_the_smaller_coverage() {
        assert_eq!(overlap((0, 10), (0, 10)), 1.0);
        assert_eq!(overlap((0, 10), (0, 5)), 0.5);
        assert!(
            overlap((0, 10), (0, 30)) < 0.5,
            "a prediction three times too long"
        );
        let chars: Vec<char> = "He said that the plan would fail.".chars().collect();
        let w = Words::of(&chars);
        assert_eq!(
            w.inside(&chars, 8, 33),
            (3, 7),
            "a leading that is left out"
        );
    }
}
