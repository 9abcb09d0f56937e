//! Attribution as an ordered table of named rules. Each rule reads a quotation's [`Context`] and
//! returns the attribution it finds (cue, speaker as written, stance) or nothing; the first rule
//! that finds one attributes the quotation, and the attribution keeps the rule's name. A rule
//! runs only when every rule before it found nothing, and may count on that.
//!
//! The order is today's: after the quote (the numbered rules 1, 1a, 1b of earlier sessions),
//! before it (2), a continuation (3), the sentence before a paragraph-opening quote (4), a
//! floating paragraph (5). New rules go into [`RULES`] at their place.

use super::context::{Context, Doc, BEFORE_WORDS};
use super::indirect::CLAUSE_VERBS;
use super::speaker::{backward_np, crossable, forward_np, ROLE_WORDS, SPEAKER_STOP};
use super::subjects::{colon_speaker, speaker_before, subject_np, subject_right_before};
use super::words::{
    AUXILIARIES, BETWEEN_CUE_AND_QUOTE, CLAUSE_PREPOSITIONS, DETERMINERS, NAMING_VERBS,
    SCARE_PRECEDERS, SPEAKER_OPENERS,
};
use super::{gap_has, is_adverb, span_text, Kind, Stance, Tok, Words};

/// What a rule found: the cue as written and where, its stance, the speaker as written, whether
/// the quotation continues the one before, and the rule that found it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Attribution {
    pub cue: String,
    pub cue_span: Option<(usize, usize)>,
    pub stance: Option<Stance>,
    pub speaker: String,
    pub continues: bool,
    pub rule: &'static str,
    /// The quotation sits inside its speaker's own reported words or characterization
    /// ("Smith dismissed the claims, calling them “fake news”"): the kind is `mixed`.
    pub mixed: bool,
}

impl Attribution {
    /// The cue starting at `toks[ci]` with the words that belong to it ("said", "shot back",
    /// "according to", "told reporters", "said in a statement"), its stance, no speaker yet.
    pub(super) fn at_cue(doc: &Doc, toks: &[Tok], ci: usize) -> Self {
        let t = &toks[ci];
        let (len, stance) = doc
            .cues
            .cue_at(doc.text, toks, ci)
            .map_or((1, None), |(n, st)| (n, Some(st)));
        let end = if len == 2
            || t.norm == "according" && toks.get(ci + 1).is_some_and(|n| n.norm == "to")
        {
            toks[ci + 1].end
        } else {
            cue_tail_end(doc.text, toks, ci).unwrap_or(t.end)
        };
        Self {
            cue: span_text(doc.text, t.start, end),
            cue_span: Some((t.start, end)),
            stance,
            ..Self::default()
        }
    }

    /// The same with the speaker `toks[a..=b]`, when there is one.
    fn speaker(mut self, text: &str, toks: &[Tok], np: Option<(usize, usize)>) -> Self {
        if let Some((a, b)) = np {
            self.speaker = span_text(text, toks[a].start, toks[b].end);
        }
        self
    }

    /// The attribution of the quotation `p`, carried over to the next: its cue (no span of its
    /// own), stance and the given speaker.
    fn carried(p: &super::Quote, speaker: String) -> Self {
        Self {
            cue: p.cue.clone(),
            stance: p.stance,
            speaker,
            ..Self::default()
        }
    }
}

/// Where a cue's tail ends: "told reporters", "pointed out", "said in a statement".
fn cue_tail_end(text: &str, toks: &[Tok], ci: usize) -> Option<usize> {
    let (t, n) = (&toks[ci], toks.get(ci + 1)?);
    let joined = !gap_has(text, t.end, n.start, &[',', '.', ':']);
    let word = |k: usize, w: &str| toks.get(ci + k).is_some_and(|m| m.norm == w);
    match n.norm.as_str() {
        "reporters" | "journalists" if joined => Some(n.end),
        "out" if joined && t.norm.starts_with("point") => Some(n.end),
        "in" if joined && word(2, "a") && word(3, "statement") => Some(toks[ci + 3].end),
        _ => None,
    }
}

/// A named attribution rule.
pub(super) struct Rule {
    pub name: &'static str,
    pub apply: fn(&mut Context) -> Option<Attribution>,
}

/// The rules in the order they are tried.
pub(super) static RULES: &[Rule] = &[
    Rule {
        name: "after-dash",
        apply: after_dash,
    },
    Rule {
        name: "after-cue-first",
        apply: after_cue_first,
    },
    Rule {
        name: "after-speaker-cue",
        apply: after_speaker_cue,
    },
    Rule {
        name: "after-inverted-verb",
        apply: after_inverted_verb,
    },
    Rule {
        name: "after-name-verb",
        apply: after_name_verb,
    },
    Rule {
        name: "sentence-final-cue",
        apply: sentence_final_cue,
    },
    Rule {
        name: "sentence-later-cue",
        apply: sentence_later_cue,
    },
    Rule {
        name: "governing-subject",
        apply: governing_subject,
    },
    Rule {
        name: "before-cue",
        apply: before_cue,
    },
    Rule {
        name: "before-colon",
        apply: before_colon,
    },
    Rule {
        name: "before-earlier-cue",
        apply: before_earlier_cue,
    },
    Rule {
        name: "before-according",
        apply: before_according,
    },
    Rule {
        name: "reported-clause",
        apply: reported_clause,
    },
    Rule {
        name: "continuation",
        apply: continuation,
    },
    Rule {
        name: "previous-sentence",
        apply: previous_sentence,
    },
    Rule {
        name: "floating-paragraph",
        apply: floating_paragraph,
    },
];

/// The names of the attribution rules in the order they are tried, then the source a scare
/// quote may have: every value [`super::Quote::rule`] takes.
pub fn rule_names() -> Vec<&'static str> {
    RULES
        .iter()
        .map(|r| r.name)
        .chain([super::kind::SCARE_SOURCE, super::IN_REPORTED_CLAUSE])
        .collect()
}

/// The attribution of the first rule that finds one, named by it.
pub(super) fn attribute(ctx: &mut Context) -> Option<Attribution> {
    RULES.iter().find_map(|r| {
        (r.apply)(ctx)
            .filter(|a| !names_a_time_or_dateline(&a.speaker))
            .map(|a| Attribution { rule: r.name, ..a })
    })
}

/// Words of a date: weekdays, months and their abbreviations, and the words around them (not
/// the months that are people's names as often: May, June, April, August, March).
static DATE_WORDS: Words = Words::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "july",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "last",
    "this",
    "next",
    "on",
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "today",
    "yesterday",
    "tonight",
    "the",
    "of",
]);

/// Whether a speaker phrase is a date or a dateline, which never speaks: only date words and
/// numbers ("Sunday", "Jan. 5"), or a place in capitals before a date ("WASHINGTON, Jan. 5").
pub(super) fn names_a_time_or_dateline(speaker: &str) -> bool {
    let words: Vec<&str> = speaker
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let date = |w: &&str| {
        let w = w.trim_end_matches('.');
        w.chars().all(|c| c.is_ascii_digit()) || DATE_WORDS.contains(w.to_lowercase().as_str())
    };
    let Some(k) = words.iter().position(date) else {
        return false;
    };
    let place = words[..k].iter().all(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    });
    words[k..].iter().all(date) && (k == 0 || place && words[..k].iter().all(|w| w.len() > 3))
}

/// 1. “…” — Name: a dash after the quote, then up to five capitalized words.
fn after_dash(ctx: &mut Context) -> Option<Attribution> {
    let gap = ctx.dash_after()?;
    let names = ctx.after.iter().take_while(|t| t.capitalized()).take(5);
    let (first, last) = (ctx.after.first()?, names.last()?);
    let mut a = Attribution {
        speaker: span_text(ctx.doc.text, first.start, last.end),
        ..Attribution::default()
    };
    if let Some((i, c)) = gap.char_indices().find(|(_, c)| !c.is_whitespace()) {
        let at = ctx.span.end + i;
        a.cue = c.to_string();
        a.cue_span = Some((at, at + c.len_utf8()));
    }
    Some(a)
}

/// 1. “…,” said the NIS / “…” according to X: the cue first after the quote, its speaker after
/// it ("according to" may come after a word or two: “…,” it is, according to the report).
fn after_cue_first(ctx: &mut Context) -> Option<Attribution> {
    if ctx.dash_after().is_some() {
        return None;
    }
    let (doc, after) = (ctx.doc, &ctx.after);
    let ci = ctx.first_cue_after()?;
    let is_according = after[ci].norm == "according";
    if ci != 0 && !is_according {
        return None;
    }
    let from = if is_according && after.get(ci + 1).is_some_and(|t| t.norm == "to") {
        ci + 2
    } else {
        ci + doc.cues.cue_at(doc.text, after, ci).map_or(1, |c| c.0)
    };
    (ci == 0 || from == ci + 2 && ci <= 2).then(|| {
        Attribution::at_cue(doc, after, ci).speaker(
            doc.text,
            after,
            forward_np(doc.text, after, from),
        )
    })
}

/// 1. “…,” he said / the NIS stated / a source allegedly told / Name, a title, said: the speaker
/// phrase between the quote and the cue, its first comma-delimited segment (the rest an
/// appositive); ", as one aide put it" takes the words after "as".
fn after_speaker_cue(ctx: &mut Context) -> Option<Attribution> {
    if ctx.dash_after().is_some() {
        return None;
    }
    let (text, after) = (ctx.doc.text, &ctx.after);
    let ci = ctx
        .first_cue_after()
        .filter(|&ci| ci != 0 && after[ci].norm != "according")?;
    let b = verb_group_start(after, ci);
    let seg_end = (1..b)
        .find(|&k| gap_has(text, after[k - 1].end, after[k].start, &[',', '(', '—']))
        .unwrap_or(b);
    let from = usize::from(after[0].norm == "as" && seg_end > 1);
    let words: Vec<&Tok> = after[from..seg_end].iter().collect();
    speaker_phrase_ok(&words).then(|| {
        let np = Some((from, seg_end - 1));
        Attribution::at_cue(ctx.doc, after, ci).speaker(text, after, np)
    })
}

/// Where the verb group of the cue at `ci` starts: adverbs and auxiliaries before it belong to
/// it ("a source allegedly told", "the crowd was chanting"), never the first word.
fn verb_group_start(toks: &[Tok], ci: usize) -> usize {
    let mut b = ci;
    while b > 1 && (is_adverb(&toks[b - 1]) || AUXILIARIES.contains(toks[b - 1].norm.as_str())) {
        b -= 1;
    }
    b
}

/// Whether words between a quote and its cue can be its speaker: up to eight, a name anywhere
/// ("chief executive Lowell McAdam said") or a speaker's first word ("a source", "two
/// officials"), and no word that ends a speaker phrase ("that", "when", "told").
fn speaker_phrase_ok(words: &[&Tok]) -> bool {
    let any_cap = words.iter().any(|t| t.capitalized());
    let first_ok = any_cap
        || words
            .first()
            .is_some_and(|t| SPEAKER_OPENERS.contains(t.norm.as_str()));
    let stop = words
        .iter()
        .any(|t| SPEAKER_STOP.contains(t.norm.as_str()) && !crossable(t, words));
    !words.is_empty() && !stop && first_ok && words.len() <= 8
}

/// A past-tense verb outside the cue list ("exhorted", "beamed", "barked"): lowercase, -ed.
fn past_verb(t: &Tok) -> bool {
    t.norm.len() > 4 && t.norm.ends_with("ed") && t.lowercase()
}

/// The words after a quote that closes on a comma, a question or an exclamation (the comma inside
/// the mark says the sentence goes on to its attribution), when there are two or more.
fn after_open_sentence<'c, 'a>(ctx: &'c Context<'a>) -> Option<&'c [Tok<'a>]> {
    (ctx.inner_end.ends_with([',', '?', '!']) && ctx.after.len() >= 2).then_some(&ctx.after[..])
}

/// 1a. “…,” exhorted Clinton's introducer / “…!” beamed Donald Hartley: a verb of the tail,
/// outside the cue list, then its subject, which ends the clause ("fired FBI Director James Comey
/// is about to" is an adjective and the next subject).
fn after_inverted_verb(ctx: &mut Context) -> Option<Attribution> {
    let text = ctx.doc.text;
    let after = after_open_sentence(ctx)?;
    if !(past_verb(&after[0]) && after[1].capitalized()) {
        return None;
    }
    let ends_clause = |b: usize| {
        b + 1 >= after.len()
            || gap_has(text, after[b].end, after[b + 1].start, &[',', '.', ';'])
            || matches!(
                after[b + 1].norm.as_str(),
                "on" | "in" | "at" | "of" | "during" | "after" | "before" | "who"
            )
    };
    let np = forward_np(text, after, 1).filter(|&(_, b)| ends_clause(b))?;
    Some(verb_outside_cues(after, 0).speaker(text, after, Some(np)))
}

/// The verb `toks[k]` as a cue without a stance (it is no cue of the list).
fn verb_outside_cues(toks: &[Tok], k: usize) -> Attribution {
    Attribution {
        cue: toks[k].word.to_string(),
        cue_span: Some((toks[k].start, toks[k].end)),
        ..Attribution::default()
    }
}

/// 1a. “…,” Trump barked.: a name right after the quote, then a past-tense verb outside the cue
/// list, then the sentence's end or a comma.
fn after_name_verb(ctx: &mut Context) -> Option<Attribution> {
    let text = ctx.doc.text;
    let after = after_open_sentence(ctx)?;
    if past_verb(&after[0]) && after[1].capitalized() {
        return None;
    }
    let k = (1..after.len().min(5)).find(|&k| past_verb(&after[k]))?;
    let name_ok = after[..k]
        .iter()
        .all(|t| t.capitalized() || t.norm == "the")
        && after[k - 1].capitalized()
        && (k + 1 == after.len() || gap_has(text, after[k].end, after[k + 1].start, &[',', '.']));
    name_ok.then(|| verb_outside_cues(after, k).speaker(text, after, Some((0, k - 1))))
}

/// 1b. A quotation inside a sentence that ends on its attribution: "“…” of the Clinton
/// proposals, Mr. Holtz-Eakin said." / "“…” for criminal behavior, she said.": a final lowercase
/// cue after a comma-delimited name or pronoun.
fn sentence_final_cue(ctx: &mut Context) -> Option<Attribution> {
    if ctx.after_reach == 0 {
        return None;
    }
    ctx.read_rest_of_sentence();
    let (doc, after) = (ctx.doc, &ctx.after);
    let last = after.len().checked_sub(1).filter(|&l| l >= 2)?;
    let cue_ends = after[last].lowercase() && doc.cues.is_cue(doc.text, after, last);
    if !(ctx.after_ends_sentence() && cue_ends) {
        return None;
    }
    let subject = (last.saturating_sub(4)..last).find(|&k| {
        k > 0
            && gap_has(doc.text, after[k - 1].end, after[k].start, &[','])
            && (after[k..last].iter().all(Tok::capitalized)
                || (last - k == 1 && matches!(after[k].norm.as_str(), "he" | "she" | "they")))
    })?;
    Some(Attribution::at_cue(doc, after, last).speaker(doc.text, after, Some((subject, last - 1))))
}

/// 1b. A partial quote the sentence goes on from, attributed later in it, past the first
/// fourteen words: "“…,” Susan Hennessey, executive editor of the Lawfare blog, told PBS" (the
/// name right after the quote) or "“…,” an observer might say of the decisions, said Lee
/// Epstein, who teaches law" (the name after a verb of saying set off by a comma).
fn sentence_later_cue(ctx: &mut Context) -> Option<Attribution> {
    if ctx.after_reach == 0 {
        return None;
    }
    ctx.read_rest_of_sentence();
    let (doc, after) = (ctx.doc, &ctx.after);
    if after.len() < 14 {
        return None;
    }
    let ci = (ctx.after_reach..after.len()).find(|&i| {
        doc.cues.is_cue(doc.text, after, i)
            && after[i].lowercase()
            && gap_has(doc.text, after[i - 1].end, after[i].start, &[','])
    })?;
    let np = later_cue_speaker(doc, after, ci)?;
    Some(Attribution::at_cue(doc, after, ci).speaker(doc.text, after, Some(np)))
}

/// The speaker of a cue far after the quote: the first comma-delimited words after the quote
/// when they hold a name and open no clause, else the name after "said" (or a like verb).
fn later_cue_speaker(doc: &Doc, after: &[Tok], ci: usize) -> Option<(usize, usize)> {
    let seg = (1..ci)
        .find(|&k| gap_has(doc.text, after[k - 1].end, after[k].start, &[',']))
        .unwrap_or(ci);
    let opens_clause = CLAUSE_PREPOSITIONS.contains(after[0].norm.as_str());
    if !opens_clause && after[..seg].iter().any(Tok::capitalized) {
        return (seg <= 6).then(|| (0, seg - 1));
    }
    let says = matches!(
        after[ci].norm.as_str(),
        "said" | "says" | "added" | "adds" | "wrote" | "writes" | "noted" | "notes"
    );
    if !says {
        return None;
    }
    let from = ci + doc.cues.cue_at(doc.text, after, ci).map_or(1, |c| c.0);
    forward_np(doc.text, after, from).filter(|&(a, _)| after[a].capitalized())
}

/// The words before the quotation when rule 2 may read them: some, and no semicolon or
/// parenthesis between the last of them and the quote.
fn before_words<'c, 'a>(ctx: &'c mut Context<'a>) -> Option<&'c [Tok<'a>]> {
    ctx.read_before(BEFORE_WORDS);
    let last = ctx.before.last()?;
    let open = !ctx.doc.text[last.end..ctx.span.start].contains([';', '(', ')']);
    open.then_some(&ctx.before[..])
}

/// 2. X said: “…” / X said “…” / X told reporters “…” / according to X, “…”: a cue among the
/// last four words before the quote, the words after it "that" or a listener ("told
/// reporters", or a name before a quote of five words or more).
fn before_cue(ctx: &mut Context) -> Option<Attribution> {
    let short = ctx.short;
    let doc = ctx.doc;
    let before = before_words(ctx)?;
    let last = before.len() - 1;
    let ci = (0..=3usize.min(last)).map(|back| last - back).find(|&i| {
        let between_ok = before[i + 1..].iter().all(|t| {
            BETWEEN_CUE_AND_QUOTE.contains(t.norm.as_str()) || (t.capitalized() && !short)
        });
        doc.cues.is_cue(doc.text, before, i) && (i == last || between_ok)
    })?;
    let np = if before[ci].norm == "according" {
        forward_np(doc.text, before, ci + 2)
    } else {
        speaker_before(doc.text, before, ci).or_else(|| forward_np(doc.text, before, ci + 1))
    };
    Some(Attribution::at_cue(doc, before, ci).speaker(doc.text, before, np))
}

/// 2. Name: “…” / Republican pollster Daron Shaw: “…” / Schlafly then explained: “…”: the
/// speaker before a colon; the cue is what the subject does before the colon ("then explained
/// its importance:"), or the colon alone after a name.
fn before_colon(ctx: &mut Context) -> Option<Attribution> {
    let (text, start) = (ctx.doc.text, ctx.span.start);
    let before = before_words(ctx)?;
    let last = before.len() - 1;
    let gap = &text[before[last].end..start];
    let (a, b) = (gap.trim() == ":")
        .then(|| colon_speaker(text, before))
        .flatten()?;
    let colon = before[last].end + gap.find(':').unwrap_or(0);
    let from = if b < last {
        (b + 1).max(last.saturating_sub(7))
    } else {
        last + 1
    };
    let cue_start = before.get(from).map_or(colon, |t| t.start);
    let cue = Attribution {
        cue: span_text(text, cue_start, colon + 1),
        cue_span: Some((cue_start, colon + 1)),
        ..Attribution::default()
    };
    Some(cue.speaker(text, before, Some((a, b))))
}

/// The words before a quotation that may hold a cue earlier in the sentence: not when a short
/// quotation follows a word that makes it a label ("a “special operation”").
fn before_sentence<'c, 'a>(ctx: &'c mut Context<'a>) -> Option<&'c [Tok<'a>]> {
    let short = ctx.short;
    let before = before_words(ctx)?;
    let last = &before[before.len() - 1];
    (!short || !SCARE_PRECEDERS.contains(last.norm.as_str())).then_some(before)
}

/// The last verb of saying before the quotation (not "according", not a noun after a
/// determiner: "the claim").
fn earlier_cue(doc: &Doc, before: &[Tok]) -> Option<usize> {
    let is_verb = |i: usize| i == 0 || !DETERMINERS.contains(before[i - 1].norm.as_str());
    (0..before.len()).rev().find(|&i| {
        doc.cues.is_cue(doc.text, before, i) && before[i].norm != "according" && is_verb(i)
    })
}

/// 2. Morris says the candidate has “…”: a cue earlier in the sentence, with its subject.
fn before_earlier_cue(ctx: &mut Context) -> Option<Attribution> {
    let doc = ctx.doc;
    let before = before_sentence(ctx)?;
    let ci = earlier_cue(doc, before)?;
    let np = speaker_before(doc.text, before, ci)?;
    Some(Attribution::at_cue(doc, before, ci).speaker(doc.text, before, Some(np)))
}

/// 2. According to the report, the plan would “…”: "according to" earlier in the sentence of
/// a quote of five words or more, when the sentence has no other cue.
fn before_according(ctx: &mut Context) -> Option<Attribution> {
    let (doc, short) = (ctx.doc, ctx.short);
    let before = before_sentence(ctx)?;
    if short || earlier_cue(doc, before).is_some() {
        return None;
    }
    let ai = before.iter().position(|t| t.norm == "according")?;
    before.get(ai + 1).filter(|t| t.norm == "to")?;
    let np = forward_np(doc.text, before, ai + 2);
    Some(Attribution::at_cue(doc, before, ai).speaker(doc.text, before, np))
}

/// 2. A framing participle: "Smith dismissed the claims, calling them “fake news”", "…, labeling
/// the reports “anonymous hearsay”": a naming verb as a participle set off by a comma among the
/// six words before the quote. The participle has no subject of its own: the speaker is the
/// subject of the governing clause (a name, a pronoun, or a phrase holding a name or a role:
/// "The White House", "the president"), never the words after the participle ("calling the").
/// The quoted words are that speaker's inside the writer's sentence: `mixed`.
fn governing_subject(ctx: &mut Context) -> Option<Attribution> {
    let (doc, start) = (ctx.doc, ctx.span.start);
    let text = doc.text;
    let before = before_words(ctx)?;
    // the quotation is the participle's complement ("calling them “…”"), not a piece after an
    // aside ("Tester said, referring to the excuse, “you give …”")
    if gap_has(text, before[before.len() - 1].end, start, &[',', ':', '—']) {
        return None;
    }
    let lo = before.len().saturating_sub(6).max(1);
    let pi = (lo..before.len()).rev().find(|&i| {
        before[i].norm.ends_with("ing")
            && before[i].lowercase()
            && NAMING_VERBS.contains(before[i].norm.as_str())
    })?;
    if !gap_has(text, before[pi - 1].end, before[pi].start, &[','])
        || (pi + 1..before.len())
            .any(|k| gap_has(text, before[k - 1].end, before[k].start, &[',', ':', '—']))
    {
        return None;
    }
    let np = governing_np(text, &before[..pi])?;
    let mut a = Attribution::at_cue(doc, before, pi).speaker(text, before, Some(np));
    a.mixed = true;
    Some(a)
}

/// The subject of the clause that governs a participle (`words` end before it): the sentence's
/// subject when it is a name or a pronoun, else its first phrase when that holds a name or a
/// role ("The White House", "the president").
fn governing_np(text: &str, words: &[Tok]) -> Option<(usize, usize)> {
    if let Some(np) = subject_np(text, words) {
        return Some(np);
    }
    let (a, b) = forward_np(text, words, 0)?;
    let mut b = b.min(words.len().saturating_sub(2));
    // the phrase ends on its last name or role word ("The White House rejected the" → "The
    // White House")
    let head = |t: &Tok| t.capitalized() || ROLE_WORDS.contains(t.norm.as_str());
    while b > a && !head(&words[b]) {
        b -= 1;
    }
    let first_det = DETERMINERS.contains(words[a].norm.as_str());
    let named = words[a..=b]
        .iter()
        .skip(1)
        .any(|t| t.capitalized() || ROLE_WORDS.contains(t.norm.as_str()));
    (first_det && named && b >= a).then_some((a, b))
}

/// 2. Carson said there are “two different Donald Trumps”: a short quotation after a label word
/// ("a", "the", "his", "are") inside the reported clause of a verb of saying earlier in its
/// sentence (the earlier rule leaves it, as it would a label): the speaker's own words inside
/// the writer's report of them, `mixed`. The verb is the sentence's first verb of saying whose
/// subject stands right before it, a name or a pronoun ("She says …", "Carson said …"): a later
/// one is inside the report ("She says Trump’s tweets are “lies”": "tweets" is a noun there).
fn reported_clause(ctx: &mut Context) -> Option<Attribution> {
    let (doc, start) = (ctx.doc, ctx.span.start);
    let before = before_words(ctx)?;
    let last = before.len() - 1;
    let (ci, np) = (1..last).find_map(|i| {
        let t = &before[i];
        let verb = t.lowercase()
            && t.norm != "according"
            && !DETERMINERS.contains(before[i - 1].norm.as_str())
            && CLAUSE_VERBS.contains(t.norm.as_str())
            && doc.cues.is_cue(doc.text, before, i);
        verb.then(|| subject_right_before(doc.text, before, i))
            .flatten()
            .map(|np| (i, np))
    })?;
    // the quotation inside the clause itself: not the verb's object ("announced a “special
    // operation”"), nor in an aside set off by commas ("has written that his party, in a
    // “Faustian bargain” with Trump, lost its way")
    // nor after an object of the verb that a clause qualifies ("added the morbid detail that
    // officials are studying the use of “ice burial”": the clause is the detail's)
    let between = &before[ci + 1..];
    let object = between.len() <= 2 && DETERMINERS.contains(between[0].norm.as_str())
        || between
            .iter()
            .skip(1)
            .any(|t| t.norm == "that" && !BETWEEN_CUE_AND_QUOTE.contains(between[0].norm.as_str()));
    let aside = (ci + 1..before.len()).any(|k| {
        gap_has(
            doc.text,
            before[k - 1].end,
            before[k].start,
            &[',', ';', ':'],
        )
    }) || gap_has(doc.text, before[last].end, start, &[',']);
    if object || aside {
        return None;
    }
    let mut a = Attribution::at_cue(doc, before, ci).speaker(doc.text, before, Some(np));
    a.mixed = true;
    Some(a)
}

/// Whether a quotation gives the speaker who carries on to the quotations after it: a direct one,
/// or a partial one woven into the report of what its speaker said ("Ties are “a collaboration
/// of convenience,” said Nick Bisley. “This could be used …”": Bisley still speaks).
fn speaks(p: &super::Quote) -> bool {
    matches!(p.kind, Kind::Direct | Kind::Mixed)
}

/// 3. Continuation: a quote of five words or more right after a direct one, in the same or
/// the next paragraph, with nothing between, or only the attribution sentence of the one before
/// ("“A,” said X, a long appositive about X. “B.”"): its cue and speaker carry over.
fn continuation(ctx: &mut Context) -> Option<Attribution> {
    let p = ctx.prev.filter(|p| p.kind == Kind::Direct && !ctx.short)?;
    let start = ctx.span.start;
    let between = &ctx.doc.text[p.end..start];
    let words_between = ctx.first_in - ctx.doc.tok_at(p.end);
    let same_or_next_para = between.matches('\n').count() <= 2;
    let cue_after_prev = p.cue_span.is_some_and(|(a, _)| a >= p.end && a <= start);
    let one_attribution_sentence = cue_after_prev && !between.contains('\n') && words_between <= 40;
    let close = same_or_next_para && (words_between == 0 || one_attribution_sentence);
    close.then(|| Attribution {
        continues: true,
        ..Attribution::carried(p, p.speaker.clone())
    })
}

/// Whether an attributed quotation continues the one before because they share one cue
/// ("“A,” he said, “B.”"): only the cue and its speaker stand between ("“A,” Sanders said, “B.”"),
/// not a clause ("“A,” Sanders said, suggesting a few questions, including “B”").
pub(super) fn shares_previous_cue(ctx: &Context, a: &Attribution) -> bool {
    let (Some(p), Some((cs, ce))) = (ctx.prev, a.cue_span) else {
        return false;
    };
    let words_after_cue = ctx.first_in.checked_sub(ctx.doc.tok_at(ce));
    p.kind == Kind::Direct
        && p.cue_span.is_some_and(|(a, _)| a == cs)
        && cs >= p.end
        && cs <= ctx.span.start
        && words_after_cue.is_some_and(|n| n <= 4)
}

/// 4. A long quote opening its paragraph, attributed in the sentence just before it ("Brian
/// Fallon, a spokesman, said the foundation was careful.\n\n“The policies …”"): that sentence's
/// first cue, its subject a name or a role.
fn previous_sentence(ctx: &mut Context) -> Option<Attribution> {
    let (doc, first_in) = (ctx.doc, ctx.first_in);
    if ctx.n_tokens() < 6 || !ctx.opens_paragraph() || first_in == 0 {
        return None;
    }
    let prev_sent = doc.toks[first_in - 1].sentence;
    let lo = doc.toks[..first_in].partition_point(|t| t.sentence < prev_sent);
    let inside_quote = ctx
        .prev
        .is_some_and(|p| p.end > doc.toks[lo].start as usize);
    if inside_quote || first_in - lo > 40 {
        return None;
    }
    let sent: Vec<Tok> = (lo..first_in).map(|i| doc.tok(i)).collect();
    let ci = (0..sent.len())
        .find(|&i| doc.cues.is_cue(doc.text, &sent, i) && sent[i].norm != "according")?;
    let (a, b) = backward_np(doc.text, &sent, ci)?;
    let sp = span_text(doc.text, sent[a].start, sent[b].end);
    let role = || {
        sp.to_lowercase()
            .split_whitespace()
            .any(|w| ROLE_WORDS.contains(w))
    };
    if !(sp.chars().next().is_some_and(char::is_uppercase) || role()) {
        return None;
    }
    Some(Attribution {
        cue_span: None,
        speaker: sp,
        ..Attribution::at_cue(doc, &sent, ci)
    })
}

/// 5. A floating quote: a paragraph that is one quotation (six tenths of it or more), right
/// after a paragraph whose last quotation was attributed, belongs to that speaker (nothing
/// intervenes).
fn floating_paragraph(ctx: &mut Context) -> Option<Attribution> {
    if !ctx.opens_paragraph() {
        return None;
    }
    let (para_start, span) = (ctx.para_start, ctx.span);
    let p = ctx
        .prev
        .filter(|p| speaks(p) && !p.speaker.is_empty() && p.end <= para_start)?;
    let mut between = ctx.doc.text[p.end..para_start].split('\n');
    let _rest_of_prev = between.next();
    let adjacent = between.all(|l| l.trim().is_empty());
    let fills = (span.end - span.start) * 10 >= (ctx.para_end - para_start) * 6;
    let speaker = if p.speaker_resolved.is_empty() {
        &p.speaker
    } else {
        &p.speaker_resolved
    };
    (adjacent && fills).then(|| Attribution::carried(p, speaker.clone()))
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, find_spans, Cues};
    use super::*;
    use crate::text::tokenize::tokenize;

    type RuleFn = fn(&mut Context) -> Option<Attribution>;

    /// What `rule` alone makes of quotation `qi` of `text` (the quotations before it as
    /// `find_quotes` leaves them): (cue, speaker as written).
    fn apply(rule: RuleFn, text: &str, qi: usize) -> Option<(String, String)> {
        let (tk, cues) = (tokenize(text), Cues::builtin());
        let quotes = find_quotes(text, 0, &tk, &cues);
        let spans = find_spans(text, 0);
        let doc = Doc::new(text, 0, &tk.tokens, &cues, &spans);
        let prev = qi.checked_sub(1).map(|i| &quotes[i]);
        let mut ctx = Context::new(&doc, &spans, qi, prev);
        rule(&mut ctx).map(|a| (a.cue, a.speaker))
    }

    fn some(cue: &str, speaker: &str) -> Option<(String, String)> {
        Some((cue.to_string(), speaker.to_string()))
    }

    /// The rule `find_quotes` records for quotation `qi`.
    fn rule_of(text: &str, qi: usize) -> Option<&'static str> {
        find_quotes(text, 0, &tokenize(text), &Cues::builtin())[qi].rule
    }

    #[test]
    fn rule_names_are_unique_and_recorded() {
        let names = rule_names();
        let set: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(set.len(), names.len());
        let t = "“The troops have been deployed,” said the NIS.";
        assert_eq!(rule_of(t, 0), Some("after-cue-first"));
        assert_eq!(
            rule_of("It was called a “special operation” there.", 0),
            None
        );
    }

    #[test]
    fn after_dash_takes_the_name_after_the_dash() {
        let t = "“We will not back down.” — Volodymyr Zelensky";
        assert_eq!(apply(after_dash, t, 0), some("—", "Volodymyr Zelensky"));
        let t = "“We will not back down,” he said.";
        assert_eq!(apply(after_dash, t, 0), None);
    }

    #[test]
    fn after_cue_first_takes_the_speaker_after_the_cue() {
        let t = "“The troops have been deployed,” said the NIS.";
        assert_eq!(apply(after_cue_first, t, 0), some("said", "the NIS"));
        let t = "“Growth is slowing,” according to the central bank.";
        assert_eq!(
            apply(after_cue_first, t, 0),
            some("according to", "the central bank")
        );
        // the speaker first is the next rule's
        let t = "“Growth is slowing,” the bank said.";
        assert_eq!(apply(after_cue_first, t, 0), None);
    }

    #[test]
    fn after_speaker_cue_takes_the_words_before_the_cue() {
        let t = "“It was a mistake,” Brian Fallon, a spokesman for the campaign, said.";
        assert_eq!(apply(after_speaker_cue, t, 0), some("said", "Brian Fallon"));
        let t = "“We are not going anywhere,” a senior aide allegedly told reporters on Tuesday.";
        assert_eq!(
            apply(after_speaker_cue, t, 0),
            some("told reporters", "a senior aide")
        );
        // a cue word after a determiner is a noun: "the claim" attributes nothing
        let t = "“It is over,” in the words of the claim filed Monday.";
        assert_eq!(apply(after_speaker_cue, t, 0), None);
    }

    #[test]
    fn after_inverted_verb_takes_the_subject_after_a_verb_outside_the_cues() {
        let t = "“Get out and vote!” exhorted Clinton's introducer, a local pastor.";
        assert_eq!(
            apply(after_inverted_verb, t, 0),
            some("exhorted", "Clinton's introducer")
        );
        // the subject must end its clause: "fired FBI Director James Comey is about to" is none
        let t = "“Watch this,” fired FBI Director James Comey is about to say.";
        assert_eq!(apply(after_inverted_verb, t, 0), None);
    }

    #[test]
    fn after_name_verb_takes_the_name_before_a_verb_outside_the_cues() {
        let t = "“Sit down,” Trump barked.";
        assert_eq!(apply(after_name_verb, t, 0), some("barked", "Trump"));
        let t = "“Sit down,” Trump barked at the reporter in the front row.";
        assert_eq!(apply(after_name_verb, t, 0), None);
    }

    #[test]
    fn sentence_final_cue_takes_the_subject_set_off_by_a_comma() {
        let t = "The plan is “a disaster for working families,” not a reform, she said.";
        assert_eq!(apply(sentence_final_cue, t, 0), some("said", "she"));
        let t =
            "The plan is “a disaster for working families,” not a reform, Mr. Holtz-Eakin said.";
        assert_eq!(
            apply(sentence_final_cue, t, 0),
            some("said", "Mr. Holtz-Eakin")
        );
        // the cue must end the sentence
        let t = "The plan is “a disaster for working families,” not a reform, she said on Monday.";
        assert_eq!(apply(sentence_final_cue, t, 0), None);
    }

    #[test]
    fn sentence_later_cue_reads_past_the_first_fourteen_words() {
        let t = "“This is a remarkable document,” Susan Hennessey, executive editor of the \
                 Lawfare blog and a former lawyer at the agency, told PBS.";
        assert_eq!(
            apply(sentence_later_cue, t, 0),
            some("told", "Susan Hennessey")
        );
        // within the first fourteen words the cue is the earlier rules'
        let t = "“This is a remarkable document,” Susan Hennessey, a former lawyer, told PBS.";
        assert_eq!(apply(sentence_later_cue, t, 0), None);
    }

    #[test]
    fn before_cue_takes_the_cue_ending_the_words_before() {
        let t = "Speaking to reporters, the minister said: “We will not pay.”";
        assert_eq!(apply(before_cue, t, 0), some("said", "the minister"));
        let t = "The governor told reporters that “the state is ready for the storm.”";
        assert_eq!(
            apply(before_cue, t, 0),
            some("told reporters", "The governor")
        );
        let t = "The governor visited the coast, “the state is ready for the storm.”";
        assert_eq!(apply(before_cue, t, 0), None);
    }

    #[test]
    fn before_colon_takes_the_name_or_subject_before_the_colon() {
        let t = "Republican pollster Daron Shaw: “Voters are tired of the fighting.”";
        assert_eq!(
            apply(before_colon, t, 0),
            some(":", "Republican pollster Daron Shaw")
        );
        let t = "Schlafly then explained its importance: “It is the heart of the matter.”";
        let got = apply(before_colon, t, 0);
        assert_eq!(got, some("then explained its importance:", "Schlafly"));
    }

    #[test]
    fn before_earlier_cue_takes_the_subject_of_the_cue() {
        let t = "Morris says the candidate has “lost touch with the voters of this state.”";
        assert_eq!(apply(before_earlier_cue, t, 0), some("says", "Morris"));
        // a short quote after a word that makes it a label is no speech
        let t = "Morris says the candidate ran a “clean campaign” this year.";
        assert_eq!(apply(before_earlier_cue, t, 0), None);
    }

    #[test]
    fn before_according_takes_the_source_after_according_to() {
        let t = "According to the police, the driver “fled the scene on foot before dawn.”";
        assert_eq!(
            apply(before_according, t, 0),
            some("According to", "the police")
        );
        // a verb of saying in the sentence is the earlier rule's, even without a subject
        let t = "According to the police report, the driver “fled the scene on foot before dawn.”";
        assert_eq!(apply(before_according, t, 0), None);
        let t = "According to the police, the driver “fled.”";
        assert_eq!(apply(before_according, t, 0), None);
    }

    #[test]
    fn a_date_or_a_dateline_is_never_a_speaker() {
        for sp in [
            "Sunday",
            "Jan. 5",
            "last week",
            "WASHINGTON, Jan. 5",
            "on Friday",
        ] {
            assert!(names_a_time_or_dateline(sp), "{sp}");
        }
        for sp in [
            "Theresa May",
            "May",
            "Friday Ndlovu Smith",
            "NATO",
            "the NIS",
            "Mr. Monday",
        ] {
            assert!(!names_a_time_or_dateline(sp), "{sp}");
        }
        let t = "“We will not back down.” — WASHINGTON, Jan. 5";
        let q = &find_quotes(t, 0, &tokenize(t), &Cues::builtin())[0];
        assert!(!q.speaker.contains("WASHINGTON"), "{q:?}");
    }

    #[test]
    fn governing_subject_takes_the_subject_of_the_clause_a_framing_participle_hangs_on() {
        let t = "Trump dismissed the reports on Monday, calling them “anonymous hearsay” again.";
        assert_eq!(apply(governing_subject, t, 0), some("calling", "Trump"));
        let t = "Smith dismissed the claims, calling them “fake news.”";
        assert_eq!(apply(governing_subject, t, 0), some("calling", "Smith"));
        let t = "The White House rejected the story, labeling it “totally false” in a statement.";
        assert_eq!(
            apply(governing_subject, t, 0),
            some("labeling", "The White House")
        );
        let t = "She hit back at her critics, dubbing them “sore losers.”";
        assert_eq!(apply(governing_subject, t, 0), some("dubbing", "She"));
        // no comma before the participle, or a clause between it and the quote: no governing
        // clause to read
        let t = "Calling the reports “anonymous hearsay” is easy.";
        assert_eq!(apply(governing_subject, t, 0), None);
        let t = "Trump spoke, calling for calm, and then the crowd chanted “lock her up.”";
        assert_eq!(apply(governing_subject, t, 0), None);
        let t = "“Every time,” Tester said, referring to the excuse, “you give them ammunition.”";
        assert_eq!(apply(governing_subject, t, 1), None);
        // the quotation is the speaker's words inside the writer's sentence: mixed, the speaker
        // the subject, never the words after the participle
        let t = "Smith dismissed the claims, calling them “fake news.”";
        let q = &find_quotes(t, 0, &tokenize(t), &Cues::builtin())[0];
        assert_eq!(
            (q.kind, q.speaker_resolved.as_str(), q.rule),
            (Kind::Mixed, "Smith", Some("governing-subject"))
        );
        let t = "Giuliani went on television, calling the reports “anonymous hearsay.”";
        let q = &find_quotes(t, 0, &tokenize(t), &Cues::builtin())[0];
        assert!(!q.speaker.to_lowercase().contains("calling"), "{q:?}");
        assert_eq!(q.kind, Kind::Mixed);
    }

    #[test]
    fn reported_clause_gives_a_label_inside_its_speakers_report_to_the_speaker() {
        let t = "Morris says the candidate ran a “clean campaign” this year.";
        assert_eq!(apply(reported_clause, t, 0), some("says", "Morris"));
        let t = "Carson told reporters there are “two different Donald Trumps.”";
        let q = &find_quotes(t, 0, &tokenize(t), &Cues::builtin())[0];
        assert_eq!(
            (q.kind, q.speaker_resolved.as_str()),
            (Kind::Mixed, "Carson")
        );
        // a label with no verb of saying before it stays a scare quote
        let t = "Critics called it a “special operation” in the region, officials said.";
        assert_eq!(apply(reported_clause, t, 0), None);
        let t = "The troops began a “special operation” in the east.";
        assert_eq!(apply(reported_clause, t, 0), None);
        // the first verb of saying with its subject right before it, not a noun inside the
        // report nor a participle after a noun
        let t =
            "She says Trump’s early-morning tweets about her are “lies and conspiracy theories.”";
        assert_eq!(apply(reported_clause, t, 0), some("says", "She"));
        let t = "The union released a statement announcing her as a “champion” for its members.";
        assert_eq!(apply(reported_clause, t, 0), None);
        let t = "JoongAng added the morbid detail that officials are studying the use of “ice burial” there.";
        assert_eq!(apply(reported_clause, t, 0), None);
    }

    #[test]
    fn continuation_carries_the_speaker_over_the_attribution_sentence() {
        let t = "“We will rebuild,” the mayor said. “And we will do it together, block by block.”";
        assert_eq!(apply(continuation, t, 1), some("said", "the mayor"));
        let t = "“We will rebuild,” the mayor said.\n\nCrews worked all night.\n\n\
                 “And we will do it together, block by block.”";
        assert_eq!(apply(continuation, t, 1), None);
        // nothing between, but paragraphs apart
        let t = "He said: “We will rebuild.”\n\n\n\n“And we will do it together, block by block.”";
        assert_eq!(apply(continuation, t, 1), None);
        let t = "He said: “We will rebuild.”\n\n“And we will do it together, block by block.”";
        assert_eq!(apply(continuation, t, 1), some("said", "He"));
    }

    #[test]
    fn a_quote_sharing_the_cue_before_it_continues_it() {
        let t = "“A tax cut,” he said, “is not a plan for the middle class.”";
        let qs = find_quotes(t, 0, &tokenize(t), &Cues::builtin());
        assert_eq!(qs[1].rule, Some("before-cue"));
        assert!(qs[1].continues);
        let t = "“A tax cut,” he said, suggesting a few questions, including “is it a plan?”";
        let qs = find_quotes(t, 0, &tokenize(t), &Cues::builtin());
        assert!(!qs[1].continues);
    }

    #[test]
    fn previous_sentence_attributes_a_paragraph_opening_quote() {
        let t = "Brian Fallon, a spokesman, said the foundation was careful.\n\n\
                 “The policies were put in place to avoid even the appearance of a conflict.”";
        assert_eq!(apply(previous_sentence, t, 0), some("said", "Brian Fallon"));
        let t = "the foundation said it was careful.\n\n\
                 “The policies were put in place to avoid even the appearance of a conflict.”";
        assert_eq!(apply(previous_sentence, t, 0), None);
    }

    #[test]
    fn floating_paragraph_belongs_to_the_speaker_before() {
        let t = "“We are not done yet,” said Mayor Lio Straub.\n\n\
                 “There is more work to do and we will finish it.”";
        assert_eq!(apply(floating_paragraph, t, 1), some("said", "Lio Straub"));
        let t = "“We are not done yet,” said Mayor Lio Straub.\n\nThe council met.\n\n\
                 “There is more work to do and we will finish it.”";
        assert_eq!(apply(floating_paragraph, t, 1), None);
        // after a partial quotation woven into the report (mixed), its speaker carries on
        let t = "Trade ties are “a marriage of convenience,” said Lio Straub, a professor.\n\n\
                 “Either side could walk away from it within a year or two.”";
        let qs = find_quotes(t, 0, &tokenize(t), &Cues::builtin());
        assert_eq!(qs[0].kind, Kind::Mixed);
        assert_eq!(apply(floating_paragraph, t, 1), some("said", "Lio Straub"));
    }
}
