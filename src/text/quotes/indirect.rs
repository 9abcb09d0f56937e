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

/// Words before a verb of saying that make it no report (a passive "was told", a noun "the
/// report", an infinitive "declined to say").
static NOT_A_REPORT: Words = Words::new(&[
    "was", "were", "is", "are", "be", "been", "being", "the", "a", "an", "this", "that", "his",
    "her", "its", "their", "our", "to", "new", "latest", "police", "news", "media",
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
            let s = Sentence {
                doc,
                toks: (i..j).map(|k| doc.tok(k)).collect(),
                first: i,
                from: 0,
                clause_only: false,
            };
            let mut s = s;
            // the first rule that finds one, then further verbs of saying after its cue ("X
            // said A. She said that B" read as one sentence; "…, noting that C")
            while let Some((f, rule)) = next_found(&s) {
                let cue = f.cue;
                let q = attribution(&s, f, rule, quotes, &mut speakers);
                // a cue another rule read and let go is read again as a verb with a clause
                let again = q.is_none() && !s.clause_only;
                (s.from, s.clause_only) = (if again { cue } else { cue + 1 }, true);
                out.extend(q);
            }
        }
        i = j;
    }
    out
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
    if let Some((x, y)) = f.speaker {
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
/// infinitive (by the word before it).
fn is_saying(s: &Sentence, k: usize) -> bool {
    let t = &s.toks[k];
    CLAUSE_VERBS.contains(&t.norm)
        && !(k > 0 && NOT_A_REPORT.contains(&s.toks[k - 1].norm) && !gap_before(s, k, &[',']))
        && !(t.norm.starts_with("point") && s.toks.get(k + 1).is_none_or(|n| n.norm != "out"))
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
            if n - k - 1 > 8 || clause_start(s, k).is_some() {
                return None; // "…, Carson said he was facing …": the clause is after the verb
            }
            let np = backward_np(s.doc.text, &s.toks, k)?;
            (np, np.0)
        };
        if opening < 3
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

/// 3. "The plan, he said, would fail.": an attribution set off by commas inside the content.
fn parenthetical(s: &Sentence) -> Option<Found> {
    let n = s.toks.len();
    (3..n.saturating_sub(3))
        .filter(|&k| is_saying(s, k))
        .find_map(|k| {
            let (a, b) = backward_np(s.doc.text, &s.toks, k)?;
            let closed = gap_has(s.doc.text, s.toks[k].end, s.toks[k + 1].start, &[',']);
            let quoted = gap_before(s, a, QUOTE_MARKS);
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
        } else if k >= 2 && s.toks[k - 1].norm == "who" {
            // "the Mexican president, who said that …"
            backward_np(s.doc.text, &s.toks, k - 1)
        } else {
            backward_np(s.doc.text, &s.toks, k)
        }?;
        if !participle && gap_before(s, speaker.0, QUOTE_MARKS) || gap_before(s, k, QUOTE_MARKS) {
            return None; // the attribution of a quotation in marks
        }
        Some(Found {
            content: span(s, start, n - 1),
            cue: k,
            speaker: Some(speaker),
        })
    })
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
    if telling && i == k + 1 || NOT_A_CLAUSE.contains(&t.norm) && t.norm != "it" {
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

/// The clause after a frame of place or occasion ("said during this week's debate that …",
/// "told voters at a rally that …"): a "that" within 8 words, the words before it opened by a
/// preposition, no comma or other verb of saying between.
fn that_after_frame(s: &Sentence, i: usize) -> Option<usize> {
    let t = s.toks.get(i)?;
    if !FRAME_OPENERS.contains(&t.norm) {
        return None;
    }
    let n = s.toks.len();
    (i + 1..n.min(i + 9))
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

    #[test]
    fn pronoun_speakers_resolve_like_direct_ones() {
        let v = ind("Maria Lopez spoke first at the hall. She said the town would rebuild.");
        assert_eq!(v[0].speaker, "She");
        assert_eq!(v[0].speaker_resolved, "Maria Lopez");
    }
}
