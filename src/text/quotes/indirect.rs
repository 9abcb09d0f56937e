//! Indirect and mixed attributions: reported speech without quote marks ("X said that …", "X
//! said the plan would …", "according to X, …", "…, X said."), and reported speech holding a
//! partial quotation (`mixed`: "X said the plan was “a disaster”").
//!
//! Each sentence of the body is read once; the rules of [`RULES`] are tried in order and the
//! first that finds an attribution gives the sentence's one indirect row: the reported content
//! (byte span), the cue, the speaker as written. A content that is mostly a quotation in marks
//! is the direct finder's, and left alone. The speaker is typed and resolved by the direct
//! finder's speaker functions as they are (`resolve::Speakers::resolve`, the document's own
//! state for indirect speech), see [`find_indirect`].

use super::context::Doc;
use super::resolve::Speakers;
use super::rules::Attribution;
use super::speaker::{backward_np, forward_np};
use super::words::Words;
use super::{gap_has, Cues, Kind, Quote, Tok};
use crate::text::tokenize::Tokenized;

/// Forms of the verbs of saying that take a reported clause ("said that …", "says the plan …").
/// Verbs of naming and judging ("called", "described", "criticized") take no clause, and
/// verbs of thinking ("believes") report no speech.
pub(super) static CLAUSE_VERBS: Words = Words::new(&[
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
    "write",
    "writes",
    "wrote",
    "explain",
    "explains",
    "explained",
    "announce",
    "announces",
    "announced",
    "report",
    "reports",
    "reported",
    "declare",
    "declares",
    "declared",
    "remark",
    "remarked",
    "reply",
    "replied",
    "respond",
    "responded",
    "recall",
    "recalls",
    "recalled",
    "observe",
    "observed",
    "mention",
    "mentioned",
    "testify",
    "testified",
    "predict",
    "predicts",
    "predicted",
    "warn",
    "warns",
    "warned",
    "warning",
    "argue",
    "argues",
    "argued",
    "arguing",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "stress",
    "stressed",
    "emphasize",
    "emphasized",
    "complain",
    "complained",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "allege",
    "alleges",
    "alleged",
    "contend",
    "contends",
    "contended",
    "assert",
    "asserts",
    "asserted",
    "boast",
    "boasted",
    "confirm",
    "confirms",
    "confirmed",
    "reveal",
    "revealed",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "acknowledging",
    "admit",
    "admits",
    "admitted",
    "concede",
    "conceded",
    "disclose",
    "disclosed",
    "deny",
    "denies",
    "denied",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "counter",
    "countered",
    "conclude",
    "concluded",
    "reiterate",
    "reiterated",
    "tweet",
    "tweeted",
    "posted",
    "promise",
    "promised",
    "vow",
    "vowed",
    "pledge",
    "pledged",
    "caution",
    "cautioned",
    "estimate",
    "estimates",
    "estimated",
    "point",
    "points",
    "pointed",
]);

/// Words that open a reported clause with no "that": a subject pronoun, a determiner, "there".
static CLAUSE_OPENERS: Words = Words::new(&[
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "there",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "these",
    "those",
    "some",
    "many",
    "most",
    "no",
    "all",
    "both",
    "any",
    "if",
    "trump",
    "clinton",
    "democrats",
    "republicans",
    "americans",
    "people",
    "nobody",
]);

/// Words after a verb of saying that make it no report of a clause ("said to be", "told of").
static NOT_A_CLAUSE: Words = Words::new(&[
    "to",
    "of",
    "about",
    "so",
    "yes",
    "no",
    "nothing",
    "something",
    "anything",
    "goodbye",
    "as",
    "for",
    "with",
    "by",
    "it",
    "this",
    "what",
    "how",
    "why",
    "when",
    "whether",
    "which",
    "who",
]);

/// Words that cannot open a clause as its subject: prepositions, conjunctions, verbs of the
/// frame ("said in", "said and", "said was").
static NO_SUBJECT: Words = Words::new(&[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "while",
    "since",
    "because",
    "through",
    "from",
    "into",
    "over",
    "under",
    "without",
    "against",
    "among",
    "between",
    "near",
    "and",
    "or",
    "but",
    "nor",
    "than",
    "then",
    "at",
    "via",
    "per",
    "is",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "would",
    "will",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "not",
    "never",
    "only",
    "just",
    "even",
    "too",
    "also",
    "up",
    "out",
    "off",
    "down",
    "back",
    "again",
    "repeatedly",
    "earlier",
    "later",
    "recently",
    "once",
    "twice",
    "here",
    "there",
    "now",
    "yesterday",
    "today",
    "tonight",
]);

/// Words before a verb of saying that make it no report: a passive ("was told"), an
/// infinitive ("declined to say").
static NOT_A_REPORT: Words = Words::new(&["was", "were", "is", "are", "be", "been", "being", "to"]);

/// Words before a form that is also a noun that make it the noun ("the report", "police
/// reports", "his claims"); before a form that is only a verb they are its subject ("Police
/// say", "that says": a relative clause).
static NOUN_MAKERS: Words = Words::new(&[
    "the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "new", "latest",
    "police", "news", "media",
]);

/// Forms of the verbs of saying that are also nouns.
static NOUN_FORMS: Words = Words::new(&[
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "state",
    "states",
    "estimate",
    "estimates",
    "point",
    "points",
    "warning",
    "counter",
    "promise",
    "pledge",
    "vow",
    "reply",
    "recall",
    "tweet",
    "remark",
]);

/// Words that end a speaker's phrase read back from a later cue: the subject's own finite
/// verb, auxiliary or adverb ("Clinton now said", "his aides haven't", "Mook further noted").
static SPEAKER_ENDS: Words = Words::new(&[
    "is", "was", "are", "were", "has", "have", "had", "does", "did", "do", "will", "would",
    "should", "could", "can", "may", "might", "must", "now", "further", "also", "then", "still",
    "never", "spoke", "chimed", "went", "later", "again",
]);

/// Words between two attributions of one sentence that belong to the later one ("… and
/// said", "… but noted that", "… who has said").
static ATTRIBUTION_LINKS: Words = Words::new(&[
    "and", "but", "while", "though", "although", "also", "then", "has", "have", "had", "later",
    "further", "who",
]);

/// Prepositions that open an adjunct ending a sentence after its cue ("…, he said of the
/// plan.", "…, officials said in a statement on Monday.").
static TAIL_OPENERS: Words = Words::new(&[
    "during",
    "at",
    "in",
    "on",
    "after",
    "before",
    "to",
    "while",
    "from",
    "over",
    "via",
    "through",
    "last",
    "this",
    "earlier",
    "when",
    "with",
    "of",
    "about",
    "for",
    "by",
    "as",
    "outside",
    "near",
    "ahead",
    "amid",
    "following",
]);

/// Time and manner words between a verb of saying and its clause ("said Monday that").
static ADJUNCTS: Words = Words::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "earlier",
    "later",
    "recently",
    "repeatedly",
    "publicly",
    "privately",
    "again",
    "also",
    "then",
    "previously",
    "late",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "on",
    "frankly",
    "flatly",
    "bluntly",
    "openly",
    "explicitly",
]);

/// Prepositions opening a frame of place or occasion between a verb of saying and "that".
static FRAME_OPENERS: Words = Words::new(&[
    "during", "at", "in", "on", "after", "before", "to", "while", "from", "over", "via", "through",
    "last", "this", "earlier", "when", "with",
]);

/// Nouns of the occasion after "in a" ("said in a statement that").
static OCCASIONS: Words = Words::new(&[
    "statement",
    "interview",
    "speech",
    "email",
    "letter",
    "tweet",
    "post",
    "release",
    "memo",
    "report",
    "filing",
    "call",
    "conference",
    "video",
    "op-ed",
    "column",
    "radio",
    "television",
    "tv",
    "press",
    "phone",
    "telephone",
    "recent",
    "written",
    "separate",
    "new",
    "joint",
]);

/// Listeners after "told" ("told reporters that").
static LISTENERS: Words = Words::new(&[
    "reporters",
    "journalists",
    "me",
    "us",
    "him",
    "her",
    "them",
    "you",
    "supporters",
    "lawmakers",
    "voters",
    "viewers",
    "listeners",
    "readers",
    "members",
    "officials",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "crowd",
    "audience",
    "committee",
    "congress",
]);

/// Quotation marks: a phrase next to one belongs to a quotation in marks.
const QUOTE_MARKS: &[char] = &['"', '“', '”', '«', '»', '„'];

/// A sentence of the body as the rules read it: its tokens with their normalized forms.
struct Sentence<'a> {
    doc: &'a Doc<'a>,
    toks: Vec<Tok<'a>>,
    /// Index in the document's tokens of `toks[0]`.
    first: usize,
    /// Verbs of saying before this token were read already.
    from: usize,
    /// An attribution was read already: only verbs with a clause are looked for now.
    clause_only: bool,
}

/// What a rule found: the content's byte span, the cue token, the speaker's tokens.
struct Found {
    content: (usize, usize),
    cue: usize,
    speaker: Option<(usize, usize)>,
}

/// A named indirect-attribution rule.
struct Rule {
    name: &'static str,
    apply: fn(&Sentence) -> Option<Found>,
}

/// The rules in the order they are tried.
static RULES: &[Rule] = &[
    Rule {
        name: "indirect-according-to",
        apply: according_to_first,
    },
    Rule {
        name: "indirect-final-cue",
        apply: final_cue,
    },
    Rule {
        name: "indirect-parenthetical",
        apply: parenthetical,
    },
    Rule {
        name: "indirect-clause",
        apply: reported_clause,
    },
    Rule {
        name: "indirect-according-to-final",
        apply: according_to_final,
    },
];

/// The names of the indirect rules, in order.
pub fn indirect_rule_names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.name).collect()
}

/// Finds the indirect and mixed attributions of a document, given its quotations in marks
/// (`quotes`, from [`super::find_quotes`]): one at most per sentence, in text order. The speaker
/// is resolved by `resolve::Speakers` (the direct finder's, called as it is), with a state of
/// its own so that direct quotations resolve as before, over the same people of the document
/// (read outside its quotations). [`super::find_quotes_and_indirect`] gives the same with the
/// document read once.
pub fn find_indirect(
    text: &str,
    body: usize,
    tk: &Tokenized,
    cues: &Cues,
    quotes: &[Quote],
) -> Vec<Quote> {
    let spans = super::find_spans(text, body);
    let doc = Doc::new(text, body, &tk.tokens, cues, &spans);
    find_in(&doc, quotes, Speakers::default())
}

/// The indirect and mixed attributions of `doc`, its quotations in marks `quotes`, speakers
/// resolved with `speakers` (a fresh state, or one holding the document's people already).
pub(super) fn find_in(doc: &Doc, quotes: &[Quote], mut speakers: Speakers) -> Vec<Quote> {
    let text = doc.text;
    let mut out = Vec::new();
    let toks = doc.toks;
    let mut i = toks.partition_point(|t| (t.start as usize) < doc.body);
    while i < toks.len() {
        let sid = toks[i].sentence;
        let j = i + toks[i..].partition_point(|t| t.sentence == sid);
        if has_candidate(text, &toks[i..j]) {
            let mut s = Sentence {
                doc,
                toks: (i..j).map(|k| doc.tok(k)).collect(),
                first: i,
                from: 0,
                clause_only: false,
            };
            read_sentence(&mut s, quotes, &mut speakers, &mut out);
        }
        i = j;
    }
    out
}

/// The attributions of one sentence: the first rule that finds one, then further verbs of saying
/// after its cue ("X said A. She said that B" read as one sentence; "…, noting that C"). A
/// later attribution ends the content of the one before where it begins.
fn read_sentence(
    s: &mut Sentence,
    quotes: &[Quote],
    speakers: &mut Speakers,
    out: &mut Vec<Quote>,
) {
    let mut last: Option<usize> = None;
    while let Some((f, rule)) = next_found(s) {
        let (cue, begins) = (f.cue, attribution_begins(s, &f));
        let q = attribution(s, f, rule, quotes, speakers);
        // a cue another rule read and let go is read again as a verb with a clause
        let again = q.is_none() && !s.clause_only;
        (s.from, s.clause_only) = (if again { cue } else { cue + 1 }, true);
        let Some(q) = q else { continue };
        if let Some(p) = last {
            end_before(&mut out[p], begins, s.doc.text);
        }
        out.push(q);
        last = Some(out.len() - 1);
    }
}

/// Ends the content of `q` at byte `at` when `at` falls inside it and leaves three words.
fn end_before(q: &mut Quote, at: Option<usize>, text: &str) {
    let Some(at) = at else { return };
    if q.start < at && at < q.end && text[q.start..at].split_whitespace().count() >= 3 {
        q.end = at;
    }
}

/// Rule "content-ends-at-a-coordinated-attribution": where an attribution coordinated with
/// the one before it begins, as the end of that one's content ("…, arguing that", "… and said
/// she would", "… but noted that"): the end of the word before its cue, before a speaker
/// written right before the cue and the links between. None when it is set off by neither a
/// comma nor a link: an attribution inside the content ("said the commission says …") is
/// part of what was said.
fn attribution_begins(s: &Sentence, f: &Found) -> Option<usize> {
    let mut k = f.cue;
    if let Some((a, _)) = f.speaker.filter(|&(a, b)| b + 1 == f.cue && a > 0) {
        k = a;
    }
    let at = k;
    while k > 1 && ATTRIBUTION_LINKS.contains(&s.toks[k - 1].norm) {
        k -= 1;
    }
    let coordinated = k < at || k > 0 && gap_before(s, k, &[',']);
    (coordinated && k > 0).then(|| s.toks[k - 1].end)
}

/// Whether a sentence holds a verb of saying or "according": the rules read only those.
fn has_candidate(text: &str, toks: &[crate::text::tokenize::Token]) -> bool {
    let mut buf = [0u8; 12];
    toks.iter().any(|t| {
        let w = &text.as_bytes()[t.start as usize..t.end as usize];
        if w.len() < 3 || w.len() > buf.len() {
            return false;
        }
        for (b, c) in buf.iter_mut().zip(w) {
            *b = c.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..w.len()])
            .is_ok_and(|s| s == "according" || CLAUSE_VERBS.contains(s))
    })
}

/// The sentence's attribution by the first rule that finds one, typed and resolved; none when
/// its content is mostly a quotation in marks or holds the cue inside one.
fn attribution(
    s: &Sentence,
    f: Found,
    rule: &'static str,
    quotes: &[Quote],
    speakers: &mut Speakers,
) -> Option<Quote> {
    let (cs, ce) = f.content;
    let cue_at = s.toks[f.cue].start;
    // a cue inside a quotation is the speaker's words; a cue of a quotation outside the
    // content attributes that quotation
    // (of the same sentence: a quotation the direct finder gave the next paragraph's cue keeps it)
    let (ss, se) = (s.toks[0].start, s.toks[s.toks.len() - 1].end);
    let owns = |q: &Quote| {
        q.cue_span.is_some_and(|c| c.0 == cue_at)
            && (q.start < cs || q.start >= ce)
            && q.end > ss
            && q.start < se
    };
    if quotes
        .iter()
        .any(|q| q.start <= cue_at && cue_at < q.end || owns(q))
    {
        return None;
    }
    let quoted: usize = quotes
        .iter()
        .map(|q| q.end.min(ce).saturating_sub(q.start.max(cs)))
        .sum();
    if quoted * 5 >= (ce - cs) * 4 {
        return None;
    }
    let a = Attribution::at_cue(s.doc, &s.toks, f.cue);
    let mut q = Quote::unattributed(super::Span {
        start: cs,
        end: ce,
        unbalanced: false,
        paragraphs: 1,
    });
    q.cue = a.cue;
    q.cue_span = a.cue_span;
    q.stance = a.stance;
    q.rule = Some(rule);
    if let Some((x, y)) = f.speaker.map(|sp| trim_speaker(s, sp)) {
        q.speaker = super::span_text(s.doc.text, s.toks[x].start, s.toks[y].end);
    }
    // the direct finder's resolution, as it is: it reads a direct quotation's speaker
    q.kind = Kind::Direct;
    let first_in = s.first + f.speaker.map_or(f.cue, |(x, _)| x);
    speakers.resolve(s.doc, &mut q, first_in);
    q.kind = if quoted > 0 {
        Kind::Mixed
    } else {
        Kind::Indirect
    };
    Some(q)
}

/// The next attribution of the sentence: by the first rule that finds one when none was found
/// yet, else by a verb of saying after the last cue.
fn next_found(s: &Sentence) -> Option<(Found, &'static str)> {
    if !s.clause_only {
        RULES.iter().find_map(|r| (r.apply)(s).map(|f| (f, r.name)))
    } else {
        reported_clause(s).map(|f| (f, "indirect-clause"))
    }
}

/// The byte span of tokens `a..=b` of the sentence.
fn span(s: &Sentence, a: usize, b: usize) -> (usize, usize) {
    (s.toks[a].start, s.toks[b].end)
}

/// Whether the gap before token `k` holds one of `set`.
fn gap_before(s: &Sentence, k: usize, set: &[char]) -> bool {
    k > 0 && gap_has(s.doc.text, s.toks[k - 1].end, s.toks[k].start, set)
}

/// A verb of saying at `k` reporting speech: in the list, not a noun, a passive or an
/// infinitive (by the word before it), nor a word of a name.
fn is_saying(s: &Sentence, k: usize) -> bool {
    let t = &s.toks[k];
    CLAUSE_VERBS.contains(&t.norm)
        && !made_no_report(s, k)
        && !name_part(s, k)
        && !(t.norm.starts_with("point") && s.toks.get(k + 1).is_none_or(|n| n.norm != "out"))
}

/// A verb of saying made a passive, an infinitive or a noun by the word before it ("was
/// told", "declined to say", "the report", "police reports"); a comma between undoes it.
fn made_no_report(s: &Sentence, k: usize) -> bool {
    if k == 0 || gap_before(s, k, &[',']) {
        return false;
    }
    let before = &s.toks[k - 1].norm;
    NOT_A_REPORT.contains(before)
        || NOUN_MAKERS.contains(before) && NOUN_FORMS.contains(&s.toks[k].norm)
}

/// Rule "name-part": a capitalized form inside a sentence is a word of a name ("the United
/// States Embassy", "Wayne State University", "Obama Says" in a headline), never a verb.
fn name_part(s: &Sentence, k: usize) -> bool {
    k > 0 && s.toks[k].capitalized()
}

/// Whether a phrase holds a verb of saying as written (lowercase): a clause, not a speaker
/// ("said the suing states" read back from "states").
fn holds_saying(s: &Sentence, (a, b): (usize, usize)) -> bool {
    (a..=b).any(|j| s.toks[j].lowercase() && CLAUSE_VERBS.contains(&s.toks[j].norm))
}

/// Rule "speaker-ends-before-its-verb": a speaker's phrase read back from a later cue can run
/// over the subject's own verb ("Merrill says Machado promised", "Reid frequently mocked
/// Romney", "Clinton now"); it ends before the first verb, auxiliary or adverb after its head.
fn trim_speaker(s: &Sentence, (a, b): (usize, usize)) -> (usize, usize) {
    let verb = (a + 1..=b).find(|&j| ends_speaker(&s.toks[j - 1], &s.toks[j]));
    (a, verb.map_or(b, |j| j - 1))
}

/// Whether `t` after `prev` in a speaker's phrase is a verb or adverb of the clause: a verb of
/// saying, an auxiliary, a negation, or an adverb or past form right after a name.
fn ends_speaker(prev: &Tok, t: &Tok) -> bool {
    let w = t.norm.as_str();
    let after_name = prev.capitalized();
    t.lowercase()
        && (CLAUSE_VERBS.contains(w)
            || SPEAKER_ENDS.contains(w)
            || w.ends_with("n't")
            || w.ends_with("n’t")
            || after_name && (super::is_adverb(t) || w.ends_with("ed")))
}

/// 1. "According to X, C.": the speaker is the phrase after "to".
fn according_to_first(s: &Sentence) -> Option<Found> {
    according_to(s).filter(|f| f.cue <= 1)
}

/// 5. "C, according to X.", tried after the verbs of saying ("X said that, according to its
/// count, …" is X's).
fn according_to_final(s: &Sentence) -> Option<Found> {
    according_to(s).filter(|f| f.cue > 1)
}

/// "According to X, C." / "C, according to X.": the speaker is the phrase after "to".
fn according_to(s: &Sentence) -> Option<Found> {
    let n = s.toks.len();
    let k = (0..n.saturating_sub(2))
        .find(|&k| s.toks[k].norm == "according" && s.toks[k + 1].norm == "to")?;
    let (a, b) = forward_np(s.doc.text, &s.toks, k + 2)?;
    let content = if k <= 1 {
        // the content is what follows the speaker's phrase, after its comma
        let c = (b + 1..n).find(|&c| gap_before(s, c, &[',']))?;
        (n - c >= 3).then(|| span(s, c, n - 1))?
    } else {
        (k >= 3).then(|| span(s, 0, k - 1))?
    };
    Some(Found {
        content,
        cue: k,
        speaker: Some((a, b)),
    })
}

/// 2. "C, X said." / "C, said X, a spokesman.": the attribution ends the sentence after a
/// comma; the content is what comes before.
fn final_cue(s: &Sentence) -> Option<Found> {
    let n = s.toks.len();
    let lo = 3;
    (lo..n).rev().filter(|&k| is_saying(s, k)).find_map(|k| {
        if s.toks.get(k + 1).is_some_and(|t| t.norm == "that") {
            return None;
        }
        let (speaker, opening) = if gap_before(s, k, &[',']) {
            // inverted: ", said X", an appositive of any length after the name
            let np = forward_np(s.doc.text, &s.toks, k + 1)?;
            let set_off = np.1 + 1 == n || gap_before(s, np.1 + 1, &[',', '(']);
            if !set_off {
                return None;
            }
            (np, k)
        } else {
            if !adjunct_tail(s, k) || clause_start(s, k).is_some() {
                return None; // "…, Carson said he was facing …": the clause is after the verb
            }
            let np = backward_np(s.doc.text, &s.toks, k)?;
            (np, np.0)
        };
        if opening < 3
            || holds_saying(s, speaker)
            || !gap_before(s, opening, &[','])
            || gap_before(s, opening, &['"', '“', '”'])
        {
            return None;
        }
        Some(Found {
            content: span(s, 0, opening - 1),
            cue: k,
            speaker: Some(speaker),
        })
    })
}

/// Rule "final-cue-ends-the-sentence": after a sentence-final cue come only a listener, time
/// words or one adjunct of place or occasion ("…, she said.", "…, he told reporters on
/// Monday.", "…, he said of the plan."), or a participle set off by a comma ("…, he said,
/// adding that …"). A cue with an object ("he barely mentioned climate change") or a clause
/// after a comma ("…, Roberts said, one should visit …") ends no sentence as its attribution.
fn adjunct_tail(s: &Sentence, k: usize) -> bool {
    let n = s.toks.len();
    let mut i = k + 1;
    if s.toks[k].norm.starts_with("tel") || s.toks[k].norm == "told" {
        i = skip_listener(s, i);
    }
    i = skip_adjuncts(s, i);
    if i >= n {
        return true;
    }
    let participle = gap_before(s, i, &[',']) && s.toks[i].norm.ends_with("ing");
    let adjunct = TAIL_OPENERS.contains(&s.toks[i].norm)
        && n - i <= 8
        && (i + 1..n).all(|j| !gap_before(s, j, &[',', ';', ':']));
    participle || adjunct && !gap_before(s, i, &[','])
}

/// Whether a quotation mark opens right after token `k` (a cue introducing a quotation in
/// marks: "the announcer said, “It's 3 a.m.”", "he said, ''What …''").
fn quote_after(s: &Sentence, k: usize) -> bool {
    let gap = s
        .toks
        .get(k + 1)
        .map(|t| &s.doc.text[s.toks[k].end..t.start]);
    gap.is_some_and(|g| g.contains(QUOTE_MARKS) || g.contains("''"))
}

/// 3. "The plan, he said, would fail.": an attribution set off by commas inside the content.
fn parenthetical(s: &Sentence) -> Option<Found> {
    let n = s.toks.len();
    (3..n.saturating_sub(3))
        .filter(|&k| is_saying(s, k))
        .find_map(|k| {
            let (a, b) = backward_np(s.doc.text, &s.toks, k)?;
            let closed = gap_has(s.doc.text, s.toks[k].end, s.toks[k + 1].start, &[',']);
            let quoted = gap_before(s, a, QUOTE_MARKS) || quote_after(s, k);
            (closed && !quoted && a >= 2 && b + 1 == k && gap_before(s, a, &[','])).then(|| Found {
                content: span(s, 0, n - 1),
                cue: k,
                speaker: Some((a, b)),
            })
        })
}

/// 4. "X said (that) C", "X told reporters Monday that C", "…, saying C": a verb of saying with
/// its subject, then a that-clause or a clause opened by a subject.
fn reported_clause(s: &Sentence) -> Option<Found> {
    let n = s.toks.len();
    (s.from..n).filter(|&k| is_saying(s, k)).find_map(|k| {
        let start = clause_start(s, k)?;
        if n - start < 3 {
            return None;
        }
        let participle = s.toks[k].norm.ends_with("ing") && gap_before(s, k, &[',']);
        let speaker = if participle {
            sentence_subject(s, k)
        } else if k >= 2 && s.toks[k - 1].norm == "and" {
            // "Sanders, who endorsed Canova and said he would …": the sentence's subject
            forward_np(s.doc.text, &s.toks, 0)
        } else if k >= 2 && ["who", "that", "which"].contains(&s.toks[k - 1].norm.as_str()) {
            // "the Mexican president, who said that …", "a letter that says he …"
            backward_np(s.doc.text, &s.toks, k - 1)
        } else {
            backward_np(s.doc.text, &s.toks, k)
        }?;
        if !participle && gap_before(s, speaker.0, QUOTE_MARKS) || gap_before(s, k, QUOTE_MARKS) {
            return None; // the attribution of a quotation in marks
        }
        Some(Found {
            content: span(s, start, clause_end(s, start)),
            cue: k,
            speaker: Some(speaker),
        })
    })
}

/// Rule "clause-ends-at-semicolon-or-which": a reported clause ends at a semicolon (the
/// writer's next clause) or before a relative clause set off by a comma (", which …", the
/// writer's comment on what was said); else at the sentence's end.
fn clause_end(s: &Sentence, start: usize) -> usize {
    let n = s.toks.len();
    (start + 2..n)
        .find(|&j| {
            gap_before(s, j, &[';']) || gap_before(s, j, &[',']) && s.toks[j].norm == "which"
        })
        .map_or(n - 1, |j| j - 1)
}

/// The speaker of a participle of saying ("…, saying that …"): the subject of the verb of
/// saying before it in the sentence, else the sentence's first phrase.
fn sentence_subject(s: &Sentence, k: usize) -> Option<(usize, usize)> {
    (0..k)
        .rev()
        .filter(|&j| is_saying(s, j) && !s.toks[j].norm.ends_with("ing"))
        .find_map(|j| backward_np(s.doc.text, &s.toks, j))
        .or_else(|| forward_np(s.doc.text, &s.toks, 0))
}

/// Where the reported clause after the verb of saying at `k` starts: after "that", or at a
/// word that opens a clause, past a listener ("told reporters") and time words ("on Monday",
/// "in a statement").
fn clause_start(s: &Sentence, k: usize) -> Option<usize> {
    let n = s.toks.len();
    let mut i = k + 1;
    if s.toks[k].norm.starts_with("point") {
        i += 1; // "pointed out"
    }
    let telling = s.toks[k].norm.starts_with("tel") || s.toks[k].norm == "told";
    if telling {
        if let Some(j) = that_within(s, i) {
            return Some(j); // "told a meeting of Pacific Island leaders that …"
        }
        i = skip_listener(s, i);
    }
    i = skip_adjuncts(s, i);
    if let Some(j) = that_after_frame(s, i) {
        return Some(j);
    }
    let t = s.toks.get(i)?;
    if i > k + 1 && gap_before(s, i, &[':', '"', '“'])
        || gap_has(s.doc.text, s.toks[k].end, t.start, &[':', '"', '“', '('])
    {
        return None;
    }
    if t.norm == "that" {
        return (i + 1 < n).then_some(i + 1);
    }
    if telling && i == k + 1 || not_a_clause(s, i) {
        return None;
    }
    // after "say", any word but a preposition or conjunction opens the clause ("said families
    // of people killed …"); after other verbs, a subject pronoun, determiner, name or number
    let say = matches!(s.toks[k].norm.as_str(), "say" | "says" | "said" | "saying");
    let opens = CLAUSE_OPENERS.contains(&t.norm)
        || t.capitalized()
        || t.word.starts_with(|c: char| c.is_ascii_digit())
        || say && t.lowercase() && !NO_SUBJECT.contains(&t.norm) && !super::is_adverb(t);
    let comma = gap_before(s, i, &[',']) && i == k + 1;
    (opens && !comma).then_some(i)
}

/// Whether the word at `i` after a verb of saying makes it no report of a clause ("said to
/// be", "said nothing"); "no" is a refusal only before "to" or punctuation ("said no to", "said
/// no."), a determiner before a noun ("said no decision had been made").
fn not_a_clause(s: &Sentence, i: usize) -> bool {
    let t = &s.toks[i].norm;
    if t == "no" {
        let next = s.toks.get(i + 1);
        return next.is_none_or(|n| n.norm == "to") || gap_before(s, i + 1, &[',', ';', ':']);
    }
    NOT_A_CLAUSE.contains(t) && t != "it"
}

/// The clause after a frame of place or occasion ("said during this week's debate that …",
/// "told voters at a rally that …"): a "that" within 8 words, the words before it opened by a
/// preposition, no comma or other verb of saying between.
fn that_after_frame(s: &Sentence, i: usize) -> Option<usize> {
    let t = s.toks.get(i)?;
    if !FRAME_OPENERS.contains(&t.norm) {
        return None;
    }
    that_within(s, i + 1)
}

/// A "that" opening a clause within 8 words from `i`, no comma or other verb of saying
/// between: the clause after it.
fn that_within(s: &Sentence, i: usize) -> Option<usize> {
    let n = s.toks.len();
    (i..n.min(i + 8))
        .take_while(|&j| !gap_before(s, j, &[',', ';', ':', '"', '“']) && !is_saying(s, j))
        .find(|&j| s.toks[j].norm == "that")
        .filter(|&j| j + 2 < n)
        .map(|j| j + 1)
}

/// Past the listener of "told": a pronoun, "reporters", a name ("CNN", "The Associated
/// Press"), "the crowd".
fn skip_listener(s: &Sentence, mut i: usize) -> usize {
    let n = s.toks.len();
    let start = i;
    while i < n && i - start < 5 {
        let t = &s.toks[i];
        let name_word = t.capitalized() || t.norm == "of" && i > start;
        if t.norm == "that" || gap_before(s, i, &[',']) && i > start {
            break;
        }
        if LISTENERS.contains(&t.norm)
            || name_word
            || t.norm.ends_with("'s")
            || t.norm.ends_with("’s")
        {
            i += 1;
            // a pronoun object is the whole listener
            if ["me", "us", "him", "them", "you", "reporters", "journalists"]
                .contains(&t.norm.as_str())
            {
                break;
            }
        } else if i > start && s.toks[i - 1].norm == "the" {
            i += 1; // "the crowd", "the committee"
        } else {
            break;
        }
    }
    i
}

/// Past time and occasion words: "Monday", "on Tuesday", "last week", "in a statement".
fn skip_adjuncts(s: &Sentence, mut i: usize) -> usize {
    let n = s.toks.len();
    let limit = i + 8;
    while i < n && i < limit {
        let t = &s.toks[i].norm;
        if t == "in"
            && i + 2 < n
            && ["a", "an", "the", "his", "her", "their"].contains(&s.toks[i + 1].norm.as_str())
        {
            let mut j = i + 2;
            while j < n && j < i + 5 && OCCASIONS.contains(&s.toks[j].norm) {
                j += 1;
            }
            if j == i + 2 {
                break;
            }
            i = j;
        } else if ADJUNCTS.contains(t) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, SpeakerType};
    use super::*;
    use crate::text::tokenize::tokenize;

    fn ind(t: &str) -> Vec<Quote> {
        let tk = tokenize(t);
        let cues = Cues::builtin();
        let qs = find_quotes(t, 0, &tk, &cues);
        find_indirect(t, 0, &tk, &cues, &qs)
    }

    /// (content, cue, speaker as written, rule) of the first indirect attribution.
    fn one(t: &str) -> (String, String, String, &'static str) {
        let v = ind(t);
        let q = v.first().unwrap_or_else(|| panic!("none in {t:?}"));
        (
            t[q.start..q.end].to_string(),
            q.cue.clone(),
            q.speaker.clone(),
            q.rule.unwrap_or(""),
        )
    }

    #[test]
    fn a_that_clause_and_a_bare_clause() {
        let (c, cue, sp, rule) =
            one("The Post reports that the team avoided the emergency room on Sunday.");
        assert_eq!(
            (c.as_str(), cue.as_str(), sp.as_str(), rule),
            (
                "the team avoided the emergency room on Sunday",
                "reports",
                "The Post",
                "indirect-clause"
            )
        );
        let (c, _, sp, _) = one("Senator Jane Smith said the plan would fail within a year.");
        assert_eq!(
            (c.as_str(), sp.as_str()),
            ("the plan would fail within a year", "Senator Jane Smith")
        );
        let (c, cue, sp, _) = one("Smith told reporters on Monday that he would not run again.");
        assert_eq!(
            (c.as_str(), cue.as_str(), sp.as_str()),
            ("he would not run again", "told reporters", "Smith")
        );
        let (c, _, _, _) = one("The ministry said in a statement that troops had withdrawn.");
        assert_eq!(c, "troops had withdrawn");
    }

    #[test]
    fn a_frame_before_the_speaker_is_no_content() {
        let (c, _, sp, rule) = one("Making the rounds on the Sunday morning shows, Carson said he was facing a unique level of scrutiny.");
        assert_eq!(
            (c.as_str(), sp.as_str(), rule),
            (
                "he was facing a unique level of scrutiny",
                "Carson",
                "indirect-clause"
            )
        );
    }

    #[test]
    fn according_to_either_side() {
        let (c, cue, sp, rule) =
            one("According to the Pentagon, about 300 troops were sent there.");
        assert_eq!(
            (c.as_str(), cue.as_str(), sp.as_str(), rule),
            (
                "about 300 troops were sent there",
                "According to",
                "the Pentagon",
                "indirect-according-to"
            )
        );
        let (c, _, sp, _) = one("About 300 troops were sent there, according to the Pentagon.");
        assert_eq!(
            (c.as_str(), sp.as_str()),
            ("About 300 troops were sent there", "the Pentagon")
        );
    }

    #[test]
    fn a_sentence_final_attribution_without_marks() {
        let (c, cue, sp, rule) =
            one("Secret Service protocol called for a trauma center, sources said.");
        assert_eq!(
            (c.as_str(), cue.as_str(), sp.as_str(), rule),
            (
                "Secret Service protocol called for a trauma center",
                "said",
                "sources",
                "indirect-final-cue"
            )
        );
        let (c, _, sp, _) =
            one("The talks will resume next week, said Ann Lee, a spokeswoman for the agency.");
        assert_eq!(
            (c.as_str(), sp.as_str()),
            ("The talks will resume next week", "Ann Lee")
        );
        let (c, _, sp, rule) = one("The plan, he said, would fail within a year.");
        assert_eq!(
            (c.as_str(), sp.as_str(), rule),
            (
                "The plan, he said, would fail within a year",
                "he",
                "indirect-parenthetical"
            )
        );
    }

    #[test]
    fn a_partial_quotation_makes_it_mixed() {
        let v = ind("Trump said the deal was “a total disaster” for American workers.");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].kind, Kind::Mixed);
        assert_eq!(v[0].speaker, "Trump");
        assert_eq!(v[0].speaker_type, SpeakerType::Named);
    }

    #[test]
    fn direct_quotations_and_non_reports_are_left_alone() {
        for t in [
            "“We will win this war,” Smith said.",
            "Smith said: “We will win this war today.”",
            "He was told to leave the building at once.",
            "The report found the agency had failed.",
            "He declined to say whether the plan would fail.",
            "Smith said nothing about the plan at the meeting.",
            "The senator called the plan a disaster for the state.",
        ] {
            assert!(ind(t).is_empty(), "{t}: {:?}", ind(t));
        }
    }

    /// (content, speaker as written) of every indirect attribution.
    fn all(t: &str) -> Vec<(String, String)> {
        ind(t)
            .iter()
            .map(|q| (t[q.start..q.end].to_string(), q.speaker.clone()))
            .collect()
    }

    fn pair(c: &str, sp: &str) -> (String, String) {
        (c.to_string(), sp.to_string())
    }

    #[test]
    fn a_capitalized_form_inside_a_sentence_is_a_name_not_a_verb() {
        let t = "She teaches at the Wayne State University School of Medicine in Detroit.";
        assert!(ind(t).is_empty(), "{:?}", all(t));
        let t = "Officials at the United States Embassy in Lima met the delegation on Monday.";
        assert!(ind(t).is_empty(), "{:?}", all(t));
    }

    #[test]
    fn a_word_before_a_cue_makes_a_noun_only_of_a_form_that_is_one() {
        let (c, _, sp, _) = one("Police say the driver fled the scene before dawn.");
        assert_eq!(
            (c.as_str(), sp.as_str()),
            ("the driver fled the scene before dawn", "Police")
        );
        assert!(ind("Police reports show the driver fled the scene.").is_empty());
    }

    #[test]
    fn a_relative_that_or_which_gives_the_phrase_before_it() {
        let (c, _, sp, _) =
            one("He released a letter from his doctor that says he is in excellent health.");
        assert_eq!(c, "he is in excellent health");
        assert!(sp.contains("doctor"), "{sp}");
    }

    #[test]
    fn speaker_ends_before_its_verb() {
        let (c, _, sp, _) =
            one("Mr. Holt generally supported the bill and said it would pass easily.");
        assert_eq!(
            (c.as_str(), sp.as_str()),
            ("it would pass easily", "Mr. Holt")
        );
    }

    #[test]
    fn final_cue_ends_the_sentence() {
        // the frame before the speaker is no content (what she mentioned is another rule's)
        let t = "Campaigning in Ohio last year, she rarely mentioned the trade deal.";
        assert!(
            ind(t).iter().all(|q| q.rule != Some("indirect-final-cue")),
            "{:?}",
            all(t)
        );
        let t = "The talks will resume next week, officials said in a statement on Monday.";
        assert_eq!(
            all(t),
            vec![pair("The talks will resume next week", "officials")]
        );
        let (c, _, sp, rule) =
            one("To see the damage, the mayor said, one should visit the river front.");
        assert_eq!(sp, "the mayor");
        assert_eq!(rule, "indirect-parenthetical");
        assert!(c.ends_with("the river front"), "{c}");
    }

    #[test]
    fn a_cue_opening_a_quotation_is_no_parenthetical() {
        let t = "As the bell rang, the announcer said, “It is time to go home now.”";
        assert!(
            ind(t)
                .iter()
                .all(|q| q.rule != Some("indirect-parenthetical")),
            "{:?}",
            all(t)
        );
    }

    #[test]
    fn clause_ends_at_semicolon_or_which() {
        let t =
            "Republicans said the timing was not deliberate; they learned of the deal on Friday.";
        assert_eq!(
            all(t)[0],
            pair("the timing was not deliberate", "Republicans")
        );
        let t = "Fowler said he expects a full recovery, which would end the speculation.";
        assert_eq!(all(t)[0], pair("he expects a full recovery", "Fowler"));
    }

    #[test]
    fn no_before_a_noun_opens_a_clause() {
        let (c, _, _, _) =
            one("A lawyer for the paper said no decision had been made on an appeal.");
        assert_eq!(c, "no decision had been made on an appeal");
        assert!(ind("She said no to the offer from the rival firm.").is_empty());
    }

    #[test]
    fn told_a_listener_of_any_shape_then_a_clause() {
        let (c, _, _, _) =
            one("In Lima last week, he told a meeting of regional leaders that trade would grow.");
        assert_eq!(c, "trade would grow");
        let (c, _, _, _) = one("The president told voters this weekend he would campaign in Ohio.");
        assert_eq!(c, "he would campaign in Ohio");
    }

    #[test]
    fn content_ends_at_a_coordinated_attribution() {
        let t = "Trump said he would review the defenses, arguing that hackers were a threat.";
        let v = all(t);
        assert_eq!(v[0].0, "he would review the defenses");
        assert_eq!(v[1].0, "hackers were a threat");
        // an attribution inside the content is part of what was said
        let t = "He said the commission says there was a problem with the sound.";
        assert_eq!(
            all(t)[0].0,
            "the commission says there was a problem with the sound"
        );
    }

    #[test]
    fn pronoun_speakers_resolve_like_direct_ones() {
        let v = ind("Maria Lopez spoke first at the hall. She said the town would rebuild.");
        assert_eq!(v[0].speaker, "She");
        assert_eq!(v[0].speaker_resolved, "Maria Lopez");
    }
}
