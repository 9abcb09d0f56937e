//! Quotations in a language with a pack ([`crate::text::language::Pack`]): its own quotation marks
//! (German »…« as well as „…“), dash-introduced speech ("— …, — сказал X"), and the attribution
//! patterns of the language as an ordered table of named rules ([`LANG_RULES`]), reading speakers
//! by the pack's words rather than by capitals where nouns are capitalized (German) or letters
//! have no case (Korean). English keeps its own scanner and rules ([`super::find_quotes`]).

use super::{Cues, Kind, Quote, SpeakerType, Stance};
use crate::text::language::{Pack, SpeakerRules};
use crate::text::tokenize::{normalize, Tokenized};

mod ko;
use ko::{korean_rago, korean_thus};

/// A quotation's span: the marks included; `inner` the words between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LSpan {
    start: usize,
    end: usize,
    inner: (usize, usize),
    unbalanced: bool,
    /// Without marks: introduced by a dash at a paragraph's start, or unmarked speech.
    dash: bool,
    /// Unmarked speech in the reportative mood (Konjunktiv I, no first person): indirect.
    reported: bool,
    /// Unmarked speech of a sentence with no cue that goes on from the speech before it.
    continued: bool,
}

/// Spans of `text[body..]` quoted with the pack's pairs of marks: an opening mark pairs with
/// the next closing mark of its pair in the same paragraph (an unclosed one ends there).
fn mark_spans(text: &str, body: usize, pairs: &[[String; 2]]) -> Vec<LSpan> {
    let mut out = Vec::new();
    let mut i = body;
    while let Some((off, c)) = text[i..].char_indices().next() {
        let at = i + off;
        let Some(pair) = opening(text, at, c, pairs) else {
            i = at + c.len_utf8();
            continue;
        };
        let from = at + c.len_utf8();
        let para_end = text[from..].find('\n').map_or(text.len(), |k| from + k);
        let close = &pair[1];
        let found = closing_at(&text[from..para_end], pair);
        let (inner_end, end, unbalanced) = match found {
            Some(k) => (from + k, from + k + close.len(), false),
            None => (para_end, para_end, true),
        };
        if inner_end > from {
            out.push(LSpan {
                start: at,
                end,
                inner: (from, inner_end),
                unbalanced,
                dash: false,
                reported: false,
                continued: false,
            });
        }
        i = end.max(from);
    }
    out
}

/// Where the closing mark of `pair` is in `s` (a paragraph's rest after an opening mark): its own
/// closing mark, or a straight '"' closing a curly '“' when the next '”' closes a later '“'
/// ("“Si Irán nos amenaza, pagará un precio\" . … “Kennedy francés”").
fn closing_at(s: &str, pair: &[String; 2]) -> Option<usize> {
    if pair[0] == pair[1] {
        return symmetric_close(s, &pair[0]);
    }
    let k = s.find(pair[1].as_str());
    if pair[0] != "“" || pair[1] != "”" {
        return k;
    }
    let upto = k.unwrap_or(s.len());
    let Some(second) = s[..upto].find('“') else {
        return k;
    };
    s[..second].find('"').or(k)
}

/// Where a symmetric mark ('"') closes in `s`, the rest of a paragraph after one opened, with
/// quotations nested in the same mark ("\"Федерация … решения РАА \"РУСАДА\" приняла …\"", rule
/// `lang-nested-straight`): a mark after a space or bracket and before a word opens a nested
/// quotation, any other closes the innermost open one; when that leaves the quotation open, the
/// first mark closes it.
fn symmetric_close(s: &str, mark: &str) -> Option<usize> {
    nested_close(s, mark).or_else(|| s.find(mark))
}

/// The closing mark of [`symmetric_close`] counting nested quotations, if they balance.
fn nested_close(s: &str, mark: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (k, _) in s.match_indices(mark) {
        let prev = s[..k].chars().next_back();
        let next = s[k + mark.len()..].chars().next();
        let opens = prev.is_some_and(|p| p.is_whitespace() || matches!(p, '(' | '['))
            && next.is_some_and(char::is_alphanumeric);
        match (opens, depth) {
            (true, _) => depth += 1,
            (false, 0) => return Some(k),
            (false, _) => depth -= 1,
        }
    }
    None
}

/// The pair `c` opens at `at`, if any: a symmetric mark ('"') opens only after a space,
/// a paragraph start or an opening bracket or dash.
fn opening<'p>(
    text: &str,
    at: usize,
    c: char,
    pairs: &'p [[String; 2]],
) -> Option<&'p [String; 2]> {
    let pair = pairs.iter().find(|p| p[0].starts_with(c))?;
    if pair[0] != pair[1] {
        return Some(pair);
    }
    let prev = text[..at].chars().next_back();
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':'))
        .then_some(pair)
}

/// Dashes that introduce speech.
const DASHES: &[char] = &['—', '–', '-'];

/// Speech introduced by a dash at a paragraph's start ("— Мы готовы, — сказал он. — Но…"):
/// the speech runs to the next dash after a comma or space, or the paragraph's end.
fn dash_spans(text: &str, body: usize, marks: &[LSpan]) -> Vec<LSpan> {
    let mut out = Vec::new();
    let mut para = body;
    for line in text[body..].split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim_start();
        let start = para + lead;
        para += line.len();
        let Some(d) = t.chars().next().filter(|c| DASHES.contains(c)) else {
            continue;
        };
        if !t[d.len_utf8()..].starts_with([' ', '\u{a0}']) && d == '-' {
            continue;
        }
        let from = start + d.len_utf8();
        let rest = &text[from..start + t.trim_end().len()];
        let stop = [", —", ", –", " — ", " – ", ",—", " —", "—"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min()
            .unwrap_or(rest.len());
        let end = from + stop;
        if end > from && !marks.iter().any(|m| m.start < end && start < m.end) {
            out.push(LSpan {
                start,
                end,
                inner: (from, end),
                unbalanced: false,
                dash: true,
                reported: false,
                continued: false,
            });
        }
    }
    out
}

/// Speech without marks: a sentence whose words up to a comma are followed by a cue or speaker
/// marker ("Wir fordern die Öffnung, sagte Kyritsis.", "…, so Ulamec", "Das Lager sei voll,
/// erklärte am Abend der Sprecher des Krisenstabes, Giorgos Kyritsis, in Athen."), the words
/// before the first such comma (after a colon, if any) the quotation; three words at least, none
/// quoted. The sentences after one that go on in the first person or the reportative mood, with
/// no cue of their own, go on with it ([`continued_speech`]).
fn unmarked_spans(
    text: &str,
    tk: &Tokenized,
    cues: &Cues,
    pack: &Pack,
    marked: &[LSpan],
) -> Vec<LSpan> {
    let mut out: Vec<LSpan> = Vec::new();
    let mut last_speech: Option<usize> = None;
    for (k, &(s, e)) in tk.sentences.iter().enumerate() {
        let (s, e) = (s as usize, e as usize);
        let sent = &text[s..e];
        let overlaps = |a: usize, b: usize| marked.iter().any(|m| m.start < b && a < m.end);
        let mut after_comma = 0;
        if let Some(comma) = speech_comma(sent, cues, pack) {
            let from = sent[..comma].rfind(": ").map_or(0, |k| k + 2);
            let lead = sent[from..comma].trim_start();
            let (start, end) = (s + comma - lead.len(), s + comma);
            if lead.split_whitespace().count() >= 3 && !overlaps(start, end) && !has_marks(lead) {
                out.push(unmarked_span(start, end, lead, pack, false));
                last_speech = Some(k);
                after_comma = comma + 2;
            }
        }
        // "…, meinte Svindal, gestand aber auch: In der Abfahrt läuft es gut."
        let colon = colon_after_cue(&sent[after_comma..], cues).map(|c| c + after_comma);
        if let Some(colon) = colon {
            let lead = sent[colon..].trim();
            let start = s + colon + (sent[colon..].len() - sent[colon..].trim_start().len());
            let end = start + lead.len();
            if lead.split_whitespace().count() >= 3 && !overlaps(start, end) && !has_marks(lead) {
                out.push(unmarked_span(start, end, lead, pack, false));
                last_speech = Some(k);
                continue;
            }
        }
        if after_comma > 0 {
            continue;
        }
        // one sentence of narration may stand between ("Zudem war es windig.")
        let follows = last_speech.is_some_and(|l| k <= l + 2);
        let lead = sent.trim();
        let start = s + (sent.len() - sent.trim_start().len());
        let end = start + lead.len();
        if follows && continued_speech(lead, pack) && !overlaps(start, end) {
            out.push(unmarked_span(start, end, lead, pack, true));
            last_speech = Some(k);
        }
    }
    out
}

/// The offset just after the first ": " in a sentence that has a cue among the six words
/// before it ("Ulamec sagte am Montag: Wir warten.", "gestand aber auch: Es läuft gut.").
fn colon_after_cue(sent: &str, cues: &Cues) -> Option<usize> {
    let colon = sent.find(": ")?;
    let before: Vec<&str> = sent[..colon].split_whitespace().collect();
    let cue = before.iter().rev().take(6).any(|w| {
        let w: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        cues.stance(&normalize(&w)).is_some()
    });
    cue.then_some(colon + 2)
}

/// Whether words hold a quotation mark.
fn has_marks(t: &str) -> bool {
    t.contains(['"', '„', '“', '»', '«'])
}

/// An unmarked speech span over `lead` (`text[start..end]`).
fn unmarked_span(start: usize, end: usize, lead: &str, pack: &Pack, continued: bool) -> LSpan {
    LSpan {
        start,
        end,
        inner: (start, end),
        unbalanced: false,
        dash: true,
        reported: reportative(lead, pack),
        continued,
    }
}

/// The offset in a sentence of the first ", " followed by a cue ("…, sagte Kyritsis") or by a
/// speaker marker and a capitalized word ("…, so Ulamec"; not "…, so dass").
fn speech_comma(sent: &str, cues: &Cues, pack: &Pack) -> Option<usize> {
    sent.match_indices(", ").map(|(i, _)| i).find(|&comma| {
        let mut words = sent[comma + 2..].split_whitespace();
        let word = |w: Option<&str>| -> String {
            w.unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect()
        };
        let n = normalize(&word(words.next()));
        if n.is_empty() {
            return false;
        }
        if pack.speakers.speaker_markers.contains(&n) {
            return starts_upper(&word(words.next()));
        }
        cues.stance(&n).is_some()
    })
}

/// The lowercase words of a stretch of text.
fn lower_words(t: &str) -> impl Iterator<Item = String> + '_ {
    t.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(normalize)
}

/// Whether unmarked speech is reported: a reportative verb form ("sei", "habe", "könne") and no
/// first-person word ("Da habe ich …" is the speaker's own).
fn reportative(t: &str, pack: &Pack) -> bool {
    let q = &pack.quotes;
    let mut reported = false;
    for w in lower_words(t) {
        if q.first_person.contains(&w) {
            return false;
        }
        reported |= q.reported_forms.contains(&w);
    }
    reported
}

/// Whether a sentence with no cue goes on with the unmarked speech before it: three words at
/// least, no quotation mark, and a first-person word or a reportative verb form.
fn continued_speech(t: &str, pack: &Pack) -> bool {
    let q = &pack.quotes;
    t.split_whitespace().count() >= 3
        && !has_marks(t)
        && lower_words(t).any(|w| q.first_person.contains(&w) || q.reported_forms.contains(&w))
}

/// A word of the text around a quotation.
#[derive(Debug, Clone)]
struct W {
    start: usize,
    end: usize,
    norm: String,
    word: String,
}

/// What the rules read: the document, its words, the quotation and the pack.
struct LangCtx<'a> {
    text: &'a str,
    words: &'a [W],
    /// Index of the first word after the quotation.
    after: usize,
    /// Index of the first word of the quotation.
    first_in: usize,
    span: LSpan,
    cues: &'a Cues,
    pack: &'a Pack,
    /// Sentence index of each word.
    sentence: &'a [u32],
    /// Where the attribution of the last attributed quotation before this one ends (its
    /// closing mark or its cue after it), for [`continuation`].
    last_attributed: Option<usize>,
    /// Every quotation span of the document.
    spans: &'a [LSpan],
}

/// What a rule found: the cue word range and the speaker word range.
#[derive(Debug, Clone, Default)]
struct Found {
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    rule: &'static str,
}

/// A named attribution rule of the languages with a pack.
struct LangRule {
    name: &'static str,
    apply: fn(&LangCtx) -> Option<Found>,
}

/// The rules in the order they are tried.
static LANG_RULES: &[LangRule] = &[
    LangRule {
        name: "lang-unmarked-continued",
        apply: unmarked_continued,
    },
    LangRule {
        name: "lang-korean-rago",
        apply: korean_rago,
    },
    LangRule {
        name: "lang-korean-thus",
        apply: korean_thus,
    },
    LangRule {
        name: "lang-after-cue",
        apply: after_cue,
    },
    LangRule {
        name: "lang-after-cue-bare",
        apply: after_cue_bare,
    },
    LangRule {
        name: "lang-quote-list",
        apply: quote_list,
    },
    LangRule {
        name: "lang-after-marker",
        apply: after_marker,
    },
    LangRule {
        name: "lang-de-pronoun-cue",
        apply: pronoun_before_cue,
    },
    LangRule {
        name: "lang-before-cue",
        apply: before_cue,
    },
    LangRule {
        name: "lang-name-paren",
        apply: name_paren,
    },
    LangRule {
        name: "lang-dash-author-line",
        apply: dash_author_line,
    },
    LangRule {
        name: "lang-resumed",
        apply: resumed_speech,
    },
    LangRule {
        name: "lang-heading",
        apply: under_heading,
    },
    LangRule {
        name: "lang-continuation",
        apply: continuation,
    },
    LangRule {
        name: "lang-dialogue-turn",
        apply: dialogue_turn,
    },
    LangRule {
        name: "lang-first-person",
        apply: first_person_speech,
    },
];

/// The named rules outside the attribution table: those that find quotation spans (before the
/// attribution rules run) and those that read a speaker after them.
static LANG_STEPS: &[&str] = &[
    // straight marks nested in straight marks pair by depth ([`symmetric_close`])
    "lang-nested-straight",
    // an impersonal cue's source ([`impersonal_source`])
    "lang-impersonal-source",
];

/// The names of the language rules: the attribution rules in order, then the other steps.
pub fn lang_rule_names() -> Vec<&'static str> {
    LANG_RULES
        .iter()
        .map(|r| r.name)
        .chain(LANG_STEPS.iter().copied())
        .collect()
}

impl LangCtx<'_> {
    /// The stance of a cue of one or two words at `i` and its length.
    fn cue_at(&self, i: usize) -> Option<(usize, Stance)> {
        let w = self.words.get(i)?;
        if let (Some(alts), Some(n)) = (self.cues.phrases.get(&w.norm), self.words.get(i + 1)) {
            if let Some((_, st)) = alts.iter().find(|(x, _)| *x == n.norm) {
                return Some((2, *st));
            }
        }
        self.cues.stance(&w.norm).map(|st| (1, st))
    }

    /// Whether the text between two offsets holds one of `set`.
    fn gap_has(&self, a: usize, b: usize, set: &[char]) -> bool {
        a < b && self.text[a..b].contains(set)
    }

    fn rules(&self) -> &SpeakerRules {
        &self.pack.speakers
    }

    /// Whether words `a` and `b` are in one sentence.
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentence.get(a) == self.sentence.get(b)
    }
}

/// Auxiliaries and clitics between a quotation and its cue ("a déclaré", "ha dicho", "a-t-il").
const AUXILIARIES: &[&str] = &[
    "a", "ont", "avait", "ha", "han", "había", "hat", "haben", "hatte", "t", "il", "elle", "ils",
    "elles", "er", "sie", "s'", "se", "me", "m'",
];

/// "«…», a déclaré X", "„…“, sagte X", "«…», — сказал X", "«…», dijo" (a dropped subject):
/// a cue among the first words after the quotation, the speaker read after it.
fn after_cue(c: &LangCtx) -> Option<Found> {
    let first = c.words.get(c.after)?;
    if c.gap_has(c.span.end, first.start, &['.', '!', '?', ';', '\n']) {
        return None;
    }
    // "«…», a déclaré", "„…“, sagte", "«…» — сказал", "„…!“ rief": a comma or dash after the
    // quotation, or its own closing punctuation ("L'agence « Reuters » confirme" is a name)
    let inner = c.text[c.span.inner.0..c.span.inner.1].trim_end();
    let closed = inner.ends_with(['!', '?', ',', '.', '…']);
    if !closed && !c.gap_has(c.span.end, first.start, &[',', '—', '–', '-']) {
        return None;
    }
    let ci = (c.after..c.words.len().min(c.after + 5))
        .take_while(|&i| i == c.after || AUXILIARIES.contains(&c.words[i - 1].norm.as_str()))
        .find(|&i| c.cue_at(i).is_some())?;
    let len = c.cue_at(ci).map_or(1, |x| x.0);
    let speaker = speaker_after(c, ci + len);
    Some(Found {
        cue: Some((ci, ci + len)),
        speaker,
        rule: "lang-after-cue",
    })
}

/// "„…“, so Fabian Stenger", "«…», selon X", "по словам X, «…»": a word that names the speaker
/// without a verb, right after the quotation or before it in its sentence.
fn after_marker(c: &LangCtx) -> Option<Found> {
    let markers = &c.rules().speaker_markers;
    let is_marker = |i: usize| -> Option<usize> {
        markers.iter().find_map(|m| {
            let parts: Vec<&str> = m.split(' ').collect();
            let fits = parts
                .iter()
                .enumerate()
                .all(|(k, p)| c.words.get(i + k).is_some_and(|w| w.norm == *p));
            fits.then_some(parts.len())
        })
    };
    if let Some(n) = c.words.get(c.after).and_then(|_| is_marker(c.after)) {
        let w = &c.words[c.after];
        if !c.gap_has(c.span.end, w.start, &['.', '!', '?', ';']) {
            return Some(Found {
                cue: Some((c.after, c.after + n)),
                speaker: speaker_after(c, c.after + n),
                rule: "lang-after-marker",
            });
        }
    }
    let from = sentence_start(c, c.first_in);
    (from..c.first_in).rev().find_map(|i| {
        let n = is_marker(i)?;
        Some(Found {
            cue: Some((i, i + n)),
            speaker: speaker_after(c, i + n),
            rule: "lang-after-marker",
        })
    })
}

/// "X sagte: „…“", "Как заявил X, «…»", "X a déclaré : « … »": a cue in the quotation's sentence
/// before it; the speaker after the cue when a name stands there, else before it.
fn before_cue(c: &LangCtx) -> Option<Found> {
    if c.pack.quotes.names_in_quotes && name_like(c) || !speech_like(c) {
        return None;
    }
    let from = sentence_start(c, c.first_in);
    let ci = (from..c.first_in).rev().find(|&i| c.cue_at(i).is_some())?;
    let len = c.cue_at(ci).map_or(1, |x| x.0);
    let speaker = speaker_from(c, ci + len)
        .filter(|&(a, _)| a < c.first_in)
        .or_else(|| speaker_before(c, from, ci));
    Some(Found {
        cue: Some((ci, ci + len)),
        speaker,
        rule: "lang-before-cue",
    })
}

/// Unmarked speech that goes on from the sentence before ("…, sagte Reichelt. Nach 30
/// Sekunden hatte ich …"): no cue; the speaker is the one before (resolved by [`Names`]).
fn unmarked_continued(c: &LangCtx) -> Option<Found> {
    c.span.continued.then(|| Found {
        rule: "lang-unmarked-continued",
        ..Found::default()
    })
}

/// A role after a cue with the name in apposition ("erklärte der Sprecher des Krisenstabes,
/// Giorgos Kyritsis, in Athen"), where capitals do not mark names: the speaker becomes the name
/// (two to four capitalized words between commas, or a comma and a stop word or the sentence's
/// end, within eight words of the role); the role's words, normalized, are returned as its alias.
fn role_apposition(c: &LangCtx, f: &mut Found) -> Option<String> {
    let (a, b) = f.speaker?;
    if !c.pack.capitalized_nouns || b <= a || b >= c.words.len() {
        return None;
    }
    let r = c.rules();
    let k = (b..c.words.len().min(b + 8))
        .take_while(|&k| c.same_sentence(k, a))
        .find(|&k| c.gap_has(c.words[k - 1].end, c.words[k].start, &[',']))?;
    let mut e = k;
    while e < c.words.len() && e - k < 4 && c.same_sentence(e, k) && starts_upper(&c.words[e].word)
    {
        if e > k && speaker_gap_stops(c, e) {
            break;
        }
        e += 1;
    }
    let ends = e >= c.words.len()
        || !c.same_sentence(e, k)
        || speaker_gap_stops(c, e)
        || r.stop.contains(&c.words[e].norm);
    if e - k < 2 || !ends || c.words[k..e].iter().any(|w| r.articles.contains(&w.norm)) {
        return None;
    }
    let role = c.words[a..b]
        .iter()
        .map(|w| w.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    f.speaker = Some((k, e));
    Some(role)
}

/// "Er verurteilte die Aktion: Dieses Spiel muss aufhören." where nouns are capitalized: a
/// pronoun right before a cue in the quotation's sentence is the subject; the words after the
/// cue are its object, not the speaker (resolved to the speaker before by [`Names`]).
fn pronoun_before_cue(c: &LangCtx) -> Option<Found> {
    if !c.pack.capitalized_nouns || !speech_like(c) {
        return None;
    }
    let from = sentence_start(c, c.first_in);
    let ci = (from + 1..c.first_in)
        .rev()
        .find(|&i| c.cue_at(i).is_some())?;
    if !c.rules().pronouns.contains(&c.words[ci - 1].norm) {
        return None;
    }
    let len = c.cue_at(ci).map_or(1, |x| x.0);
    Some(Found {
        cue: Some((ci, ci + len)),
        speaker: Some((ci - 1, ci)),
        rule: "lang-de-pronoun-cue",
    })
}

/// The first word of the sentence of word `i`.
fn sentence_start(c: &LangCtx, i: usize) -> usize {
    let s = c.sentence.get(i).copied();
    let mut k = i.min(c.words.len());
    while k > 0 && c.sentence.get(k - 1).copied() == s {
        k -= 1;
    }
    k
}

/// The speaker read from word `i` on: up to six words, to punctuation or a stop word, the
/// language's articles dropped, the name within it where capitals mark names; none when it is
/// only pronouns or empty.
fn speaker_after(c: &LangCtx, i: usize) -> Option<(usize, usize)> {
    // "«…», asegura.\nFrente a …": no speaker after a cue that ends its sentence
    if i > 0 && i < c.words.len() && !c.same_sentence(i - 1, i) {
        return None;
    }
    speaker_from(c, skip_adverbial(c, i))
}

/// The speaker read from word `i` on, as [`speaker_after`] but with no phrase skipped (the
/// words between a cue and the quotation after it: "Die Regierung sagte bei den Protesten:").
fn speaker_from(c: &LangCtx, i: usize) -> Option<(usize, usize)> {
    let r = c.rules();
    let mut a = i;
    while a < c.words.len() && r.articles.contains(&c.words[a].norm) {
        a += 1;
    }
    let mut b = a;
    while b < c.words.len() && b - a < 6 && c.same_sentence(b, i.min(c.words.len() - 1)) {
        let w = &c.words[b];
        let inside = w.start >= c.span.start && w.end <= c.span.end;
        if r.stop.contains(&w.norm) || inside || (b > a && speaker_gap_stops(c, b)) {
            break;
        }
        b += 1;
    }
    speaker_words(c, a, b)
}

/// Past a time or place phrase opening the words after a cue ("sagte am späten Montagabend der
/// Sprecher"): from a stop word that is no article to the next article within four words.
fn skip_adverbial(c: &LangCtx, i: usize) -> usize {
    let r = c.rules();
    let opens = c
        .words
        .get(i)
        .is_some_and(|w| r.stop.contains(&w.norm) && !r.articles.contains(&w.norm));
    if !opens {
        return i;
    }
    (i + 1..c.words.len().min(i + 5))
        .take_while(|&k| !speaker_gap_stops(c, k))
        .find(|&k| r.articles.contains(&c.words[k].norm))
        .unwrap_or(i)
}

/// Whether the text before word `b` ends a speaker's phrase: a comma, colon, bracket, dash or
/// quotation mark, or a full stop that is not an abbreviation's ("M. Macron").
fn speaker_gap_stops(c: &LangCtx, b: usize) -> bool {
    let (from, to) = (c.words[b - 1].end, c.words[b].start);
    c.gap_has(
        from,
        to,
        &[',', ';', ':', '(', '—', '–', '«', '»', '„', '"', '“', '”'],
    ) || c.gap_has(from, to, &['.']) && !abbreviation(c, b - 1)
}

/// The speaker of the words `a..b`: none when empty or only pronouns, none without a capital
/// where capitals mark names, else the name within it.
fn speaker_words(c: &LangCtx, a: usize, b: usize) -> Option<(usize, usize)> {
    let r = c.rules();
    if b <= a || c.words[a..b].iter().all(|w| r.pronouns.contains(&w.norm)) {
        return None;
    }
    if c.pack.capitals_mark_names() && !c.words[a..b].iter().any(|w| starts_upper(&w.word)) {
        return None;
    }
    Some(name_run(c, a, b))
}

/// Whether word `i` is an abbreviation whose full stop ends nothing ("M. Macron", "Dr. Weber").
fn abbreviation(c: &LangCtx, i: usize) -> bool {
    let w = &c.words[i];
    let initial = w.word.chars().count() == 1 && starts_upper(&w.word);
    initial || c.pack.sentences.abbreviations.contains(&w.norm)
}

/// Within a speaker phrase `a..b`, the last run of capitalized words, which names someone ("le
/// ministre de l'Intérieur Christophe Castaner" → "Christophe Castaner"); the phrase itself
/// where capitals mark no names or where the only capital opens the sentence ("El entrenador").
fn name_run(c: &LangCtx, a: usize, b: usize) -> (usize, usize) {
    if !c.pack.capitals_mark_names() {
        return (a, b);
    }
    let opens_sentence = |i: usize| i == 0 || !c.same_sentence(i, i - 1);
    let cap =
        |i: usize| (starts_upper(&c.words[i].word) && !opens_sentence(i)) || abbreviation(c, i);
    let mut run: Option<(usize, usize)> = None;
    for i in a..b {
        run = match run {
            Some((x, y)) if y == i && cap(i) => Some((x, i + 1)),
            _ if cap(i) => Some((i, i + 1)),
            r => r,
        };
    }
    run.unwrap_or((a, b))
}

/// The speaker before a cue at `ci` in a sentence from `from`: the words after the last comma
/// or stop word, up to six, articles and auxiliaries dropped.
fn speaker_before(c: &LangCtx, from: usize, ci: usize) -> Option<(usize, usize)> {
    let r = c.rules();
    let mut a = ci;
    while a > from && ci - a < 6 {
        let p = &c.words[a - 1];
        if r.stop.contains(&p.norm) || speaker_gap_stops(c, a) {
            break;
        }
        a -= 1;
    }
    let skip = |w: &W| r.articles.contains(&w.norm) || AUXILIARIES.contains(&w.norm.as_str());
    while a < ci && skip(&c.words[a]) {
        a += 1;
    }
    let mut b = ci;
    while b > a
        && AUXILIARIES.contains(&c.words[b - 1].norm.as_str())
        && !r.pronouns.contains(&c.words[b - 1].norm)
    {
        b -= 1;
    }
    speaker_words(c, a, b)
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

// ---- Russian and Ukrainian: speech broken by its reporting clause ----

/// Punctuation that ends a piece of speech before its reporting clause ("…, — сказал", "…?
/// — спросил"); the comma is the clause's, the others stay with the speech.
const SPEECH_ENDS: &[char] = &[',', '!', '?', '…'];

/// Whether a reporting clause opens at `i` (after a piece of speech's final punctuation): a
/// dash, then a cue among the next two words ("— сказал он", "- говорится в сообщении",
/// "— он сказал"). Returns the offset of the dash.
fn clause_at(text: &str, i: usize, to: usize, cues: &Cues) -> Option<usize> {
    let rest = &text[i..to];
    let lead = rest.len() - rest.trim_start().len();
    let d = rest[lead..].chars().next().filter(|c| DASHES.contains(c))?;
    let after = &rest[lead + d.len_utf8()..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let cue = after
        .split_whitespace()
        .take(2)
        .map(|w| normalize(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .any(|w| cues.stance(&w).is_some());
    cue.then_some(i + lead)
}

/// Where speech resumes after a reporting clause opening at `from`: the dash after the clause's
/// last punctuation (". — Но", ", — но"), else, inside a pair of marks (`marked`), the first
/// capitalized word after the clause's full stop ("…, — говорив батько. В кожній…»").
fn resume_after(text: &str, from: usize, to: usize, marked: bool) -> Option<usize> {
    let mut punct = false;
    let mut stop = None;
    for (k, ch) in text[from..to].char_indices() {
        let at = from + k;
        if punct
            && DASHES.contains(&ch)
            && text[at + ch.len_utf8()..to].starts_with(char::is_whitespace)
        {
            return Some(at);
        }
        if stop.is_none()
            && punct
            && ch.is_uppercase()
            && text[from..at].ends_with(char::is_whitespace)
        {
            stop = Some(at);
        }
        if !ch.is_whitespace() {
            punct = matches!(ch, '.' | ',' | ':' | '!' | '?' | '…');
        }
    }
    stop.filter(|_| marked)
}

/// The first reporting clause inside the words `from..to` of a quotation: where the speech
/// before it ends and where speech resumes after it, if it does.
fn interruption(text: &str, from: usize, to: usize, cues: &Cues) -> Option<(usize, Option<usize>)> {
    text[from..to]
        .char_indices()
        .find_map(|(k, ch)| {
            if !SPEECH_ENDS.contains(&ch) {
                return None;
            }
            let after = from + k + ch.len_utf8();
            let dash = clause_at(text, after, to, cues)?;
            let cut = if ch == ',' { from + k } else { after };
            Some((cut, dash))
        })
        .map(|(cut, dash)| {
            let past = dash + text[dash..].chars().next().map_or(1, char::len_utf8);
            (cut, resume_after(text, past, to, true))
        })
}

/// Quotations broken by their reporting clause, cut in parts ("«Мы готовы, — сказал он. — Но не
/// сейчас»" → "«Мы готовы", "— Но не сейчас»"); speech opened by a dash at a paragraph's start
/// runs to its reporting clause or the paragraph's end, not to its first dash ("— Печія виникає
/// у здорових людей — її здатні…, — пояснює лікар").
fn interrupted_spans(text: &str, spans: Vec<LSpan>, cues: &Cues) -> Vec<LSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let mut rest = s;
        let marked = !text[s.start..].starts_with(DASHES);
        if !marked {
            let para = text[s.start..]
                .find('\n')
                .map_or(text.len(), |k| s.start + k);
            let end = s.start + text[s.start..para].trim_end().len();
            rest.end = end.max(s.end);
            rest.inner.1 = rest.end;
        }
        while let Some((cut, resume)) = interruption(text, rest.inner.0, rest.inner.1, cues) {
            if cut > rest.inner.0 {
                out.push(LSpan {
                    end: cut,
                    inner: (rest.inner.0, cut),
                    unbalanced: false,
                    ..rest
                });
            }
            let Some(r) = resume else {
                rest.inner.0 = rest.end;
                break;
            };
            let body = text[r..rest.inner.1]
                .trim_start_matches(DASHES)
                .trim_start();
            let from = rest.inner.1 - body.len();
            rest = LSpan {
                start: r,
                inner: (from, rest.inner.1),
                dash: true,
                ..rest
            };
        }
        if rest.inner.0 < rest.inner.1 {
            out.push(rest);
        }
    }
    out
}

/// "«…, — сказал Лавров. — Но…»", "— …, — сказал он. — Но…": the part of speech after its
/// reporting clause (or a quotation right after one, in its paragraph) takes the clause's cue
/// and speaker: a cue that opens a clause after a dash, within twelve words before.
fn resumed_speech(c: &LangCtx) -> Option<Found> {
    if !c.pack.quotes.interrupted_speech || c.pack.quotes.names_in_quotes && name_like(c) {
        return None;
    }
    let opens = |i: usize| {
        let gap = &c.text[c.words[i - 1].end..c.words[i].start];
        gap.contains(DASHES) && gap.contains(SPEECH_ENDS)
    };
    let lo = c.first_in.saturating_sub(12).max(1);
    let ci = (lo..c.first_in)
        .rev()
        .find(|&i| c.cue_at(i).is_some() && opens(i))?;
    if c.text[c.words[ci].start..c.span.start].contains('\n') || !speech_like(c) && !c.span.dash {
        return None;
    }
    let len = c.cue_at(ci).map_or(1, |x| x.0);
    Some(Found {
        cue: Some((ci, ci + len)),
        speaker: speaker_after(c, ci + len),
        rule: "lang-resumed",
    })
}

/// "«…», - говорится в сообщении.", "- сообщили в пресс-службе.", "- проинформировали в
/// Минобороны." (rule `lang-impersonal-source`): a cue with no subject, followed by one of the
/// pack's source prepositions, has for speaker the capitalized name after the preposition,
/// else the source the narration named before the quotation with a cue of its own
/// ("…, сообщает пресс-служба РУСАДА.", "Первый канал объявил …").
fn impersonal_source(c: &LangCtx, f: Found) -> Found {
    let preps = &c.rules().source_prepositions;
    let Some((_, cb)) = f.cue.filter(|_| f.speaker.is_none() && !preps.is_empty()) else {
        return f;
    };
    let opens = c
        .words
        .get(cb)
        .is_some_and(|w| preps.contains(&w.norm) && c.same_sentence(cb, cb - 1));
    if !opens {
        return f;
    }
    let named = c
        .words
        .get(cb + 1)
        .filter(|w| starts_upper(&w.word) && c.same_sentence(cb, cb + 1))
        .and_then(|_| speaker_from(c, cb + 1));
    Found {
        speaker: named.or_else(|| earlier_source(c)),
        ..f
    }
}

/// The source the narration names with a cue before a quotation, nearest first, within 300
/// words: the words after the cue ("сообщает пресс-служба РУСАДА"), else before it ("Первый
/// канал объявил"); cues inside quotations are passed over.
fn earlier_source(c: &LangCtx) -> Option<(usize, usize)> {
    let lo = c.first_in.saturating_sub(300);
    let quoted = |i: usize| {
        let w = &c.words[i];
        c.spans.iter().any(|s| s.start <= w.start && w.end <= s.end)
    };
    (lo..c.first_in.min(c.words.len())).rev().find_map(|i| {
        let (len, _) = c.cue_at(i).filter(|_| !quoted(i))?;
        speaker_after(c, i + len)
            .filter(|&(a, _)| !c.rules().source_prepositions.contains(&c.words[a].norm))
            .or_else(|| speaker_before(c, sentence_start(c, i), i))
    })
}

/// "— …, — заявил египетский президент.": a speaker written as a role without a name (the
/// lowercase words after the cue, up to four) is the name written after that role earlier in
/// the document ("президент Египта Мухаммед Мурси"), else the role itself, an anonymous source
/// ("сказал собеседник агентства"). Returns (the role as written, the speaker).
fn role_speaker(c: &LangCtx, f: &Found) -> Option<(String, String)> {
    let (_, cb) = f.cue?;
    if f.speaker.is_some() || !c.rules().role_antecedents || cb >= c.words.len() {
        return None;
    }
    let r = c.rules();
    let mut b = cb;
    while b < c.words.len() && b - cb < 4 && c.same_sentence(b, cb) {
        let w = &c.words[b];
        let inside = w.start >= c.span.start && w.end <= c.span.end;
        let stop = r.stop.contains(&w.norm) || r.pronouns.contains(&w.norm);
        if stop || inside || starts_upper(&w.word) || speaker_gap_stops(c, b) {
            break;
        }
        b += 1;
    }
    if b == cb {
        return None;
    }
    let said = c.text[c.words[cb].start..c.words[b - 1].end].to_string();
    let named = (cb..b).rev().find_map(|h| antecedent(c, h));
    Some((said.clone(), named.unwrap_or(said)))
}

/// The name written right after an earlier mention of the role word `h` ("юрист Вадим
/// Жернаков", "спикер израильского кнессета Юлий Эдельштейн"): the first run of up to four
/// capitalized words within four words after it, in its sentence; the nearest mention first.
fn antecedent(c: &LangCtx, h: usize) -> Option<String> {
    let head = &c.words[h].norm;
    if head.chars().count() < 4 {
        return None;
    }
    let lo = h.saturating_sub(800);
    (lo..h.min(c.first_in)).rev().find_map(|i| {
        // "вице-президент" is no mention of "президент"
        let compound = i > 0 && c.text[..c.words[i].start].ends_with('-');
        if compound || !same_word(&c.words[i].norm, head) {
            return None;
        }
        let k = (i + 1..c.words.len().min(i + 5))
            .take_while(|&k| c.same_sentence(k, i) && !speaker_gap_stops(c, k))
            .find(|&k| starts_upper(&c.words[k].word))?;
        let mut e = k + 1;
        while e < c.words.len()
            && e - k < 4
            && starts_upper(&c.words[e].word)
            && c.same_sentence(e, k)
            && !speaker_gap_stops(c, e)
        {
            e += 1;
        }
        Some(c.text[c.words[k].start..c.words[e - 1].end].to_string())
    })
}

/// Whether two lowercase words are one word in two cases ("президент", "президента";
/// "агентство", "агентства"): equal after their last letter, differing by two letters at most.
fn same_word(a: &str, b: &str) -> bool {
    let cut = |w: &str| -> String {
        let n = w.chars().count();
        w.chars().take(if n >= 5 { n - 1 } else { n }).collect()
    };
    let (x, y) = (cut(a), cut(b));
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    long.starts_with(short.as_str()) && long.chars().count() - short.chars().count() <= 2
}

/// The name of a speaker heading, if the paragraph `line` is one: two or three capitalized
/// words, an optional role in brackets, a colon ("Чарли Брукер (сценарист):"); the corpora's
/// literal `n` for a line break may stand before the colon. Returns the name's byte length.
fn heading_name(line: &str) -> Option<usize> {
    let head = line.trim_end().strip_suffix(':')?.trim_end();
    let head = head
        .strip_suffix(")n")
        .map_or(head.to_string(), |h| format!("{h})"));
    let name = match head.find('(') {
        Some(k) if head.ends_with(')') => &head[..k],
        Some(_) => return None,
        None => &head[..],
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let fits = (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| starts_upper(w) && w.chars().all(|c| c.is_alphabetic() || c == '-'))
        // a heading in capitals ("ЯК КОРОБКА ПАЗЛІВ:") is a title, not a name
        && words.iter().all(|w| w.chars().skip(1).any(char::is_lowercase));
    fits.then_some(name.trim_end().len())
}

/// Turns of speech under speaker headings: the words after the heading's colon in its
/// paragraph, and where the text has two headings or more (a transcript, an oral history) the
/// paragraphs after each up to the next heading or the text's end. A quotation in marks after
/// the colon is left to the marks.
fn heading_spans(text: &str, body: usize) -> Vec<LSpan> {
    // (start, end of its first paragraph, end)
    let mut turns: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = body;
    for line in text[body..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let lead = start + line.len() - line.trim_start().len();
        let end = lead + t.len();
        match t.find(':').filter(|&k| heading_name(&t[..=k]).is_some()) {
            Some(k) => {
                let rest = t[k + 1..].trim_start();
                let marked = rest.starts_with(['«', '"', '„', '“']);
                let from = if rest.is_empty() || marked {
                    usize::MAX
                } else {
                    end - rest.len()
                };
                turns.push((from, if from == usize::MAX { 0 } else { end }, 0));
            }
            None => {
                if let Some(last) = turns.last_mut() {
                    last.0 = last.0.min(lead);
                    last.1 = last.1.max(if last.1 == 0 { end } else { last.1 });
                    last.2 = end;
                }
            }
        }
    }
    let transcript = turns.len() >= 2;
    turns
        .into_iter()
        .map(|(a, first, all)| (a, if transcript { first.max(all) } else { first }))
        .filter(|&(a, b)| a < b)
        .map(|(a, b)| LSpan {
            start: a,
            end: b,
            inner: (a, b),
            unbalanced: false,
            dash: true,
            reported: false,
            continued: false,
        })
        .collect()
}

/// A turn under a speaker heading: the heading's name is the speaker, no cue.
fn under_heading(c: &LangCtx) -> Option<Found> {
    if !c.pack.quotes.speaker_headings {
        return None;
    }
    let before = c.text[..c.span.start].trim_end();
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    let len = heading_name(&before[line_start..])?;
    let (a, b) = (line_start, line_start + len);
    let first = c.words.partition_point(|w| w.start < a);
    let last = c.words.partition_point(|w| w.end <= b);
    (first < last).then(|| Found {
        cue: None,
        speaker: Some((first, last)),
        rule: "lang-heading",
    })
}

/// Finds quotations in a document of a language with a pack, classifies and attributes them.
pub fn find_quotes_lang(
    text: &str,
    body: usize,
    tk: &Tokenized,
    cues: &Cues,
    pack: &Pack,
) -> Vec<Quote> {
    let spans = lang_spans(text, body, tk, cues, pack);
    let words = lang_words(text, tk);
    let sentence: Vec<u32> = tk.tokens.iter().map(|t| t.sentence).collect();
    let mut names = Names::default();
    let mut last_attributed = None;
    spans
        .iter()
        .map(|&span| {
            let first_in = words.partition_point(|w| w.start < span.inner.0);
            let after = words.partition_point(|w| w.start < span.end);
            let c = LangCtx {
                text,
                words: &words,
                after,
                first_in,
                span,
                cues,
                pack,
                sentence: &sentence,
                last_attributed,
                spans: &spans,
            };
            let q = attributed(&c, &mut names);
            if matches!(q.kind, Kind::Direct | Kind::Mixed) && !q.speaker_resolved.is_empty() {
                let end = q.cue_span.map_or(q.end, |(_, e)| e.max(q.end));
                last_attributed = Some(sentence_end(&words, &sentence, end));
            }
            q
        })
        .collect()
}

/// The quotation spans of a document by the pack's ways of quoting: marks, then (where the pack
/// has them) dash speech, speech broken by its reporting clause, turns under speaker headings
/// and speech without marks; in text order.
fn lang_spans(text: &str, body: usize, tk: &Tokenized, cues: &Cues, pack: &Pack) -> Vec<LSpan> {
    let mut spans = mark_spans(text, body, &pack.quotes.pairs);
    if pack.quotes.dash_speech {
        let dashes = dash_spans(text, body, &spans);
        spans.extend(dashes);
        spans.sort_by_key(|s| s.start);
    }
    if pack.quotes.interrupted_speech {
        spans = interrupted_spans(text, spans, cues);
        spans.sort_by_key(|s| s.start);
    }
    if pack.quotes.speaker_headings {
        let turns = heading_spans(text, body);
        spans.extend(turns);
        spans.sort_by_key(|s| s.start);
    }
    if pack.quotes.unmarked_speech {
        let unmarked = unmarked_spans(text, tk, cues, pack, &spans);
        spans.extend(unmarked);
        spans.sort_by_key(|s| s.start);
    }
    spans
}

/// The words of a document as the rules read them (offsets, normalized form, as written).
fn lang_words(text: &str, tk: &Tokenized) -> Vec<W> {
    tk.tokens
        .iter()
        .map(|t| {
            let word = &text[t.start as usize..t.end as usize];
            W {
                start: t.start as usize,
                end: t.end as usize,
                norm: normalize(word),
                word: word.to_string(),
            }
        })
        .collect()
}

/// The quotation of the span of `c`: the first rule of [`LANG_RULES`] that attributes it (a
/// dropped subject read from the narration), its speaker resolved over the document's `names`
/// (a role in apposition remembered as an alias, a role's earlier name), woven fragments mixed.
fn attributed(c: &LangCtx, names: &mut Names) -> Quote {
    let mut found = LANG_RULES
        .iter()
        .find_map(|r| (r.apply)(c).map(|f| Found { rule: r.name, ..f }))
        .map(|f| dropped_subject(c, f))
        .map(|f| impersonal_source(c, f));
    let role = found.as_mut().and_then(|f| role_apposition(c, f));
    let said_role = found.as_ref().and_then(|f| role_speaker(c, f));
    let mut q = lang_quote(c, found.as_ref());
    if !q.rule.is_some_and(|r| UNNAMED_RULES.contains(&r)) {
        names.resolve(&mut q, c.pack);
    }
    if let Some(role) = role {
        names.aliases.push((role, q.speaker_resolved.clone()));
    }
    if let Some((said, name)) = said_role.filter(|_| q.speaker.is_empty()) {
        q.speaker = said;
        q.speaker_type = speaker_type(&name, &c.pack.speakers);
        q.speaker_resolved = name.clone();
        names.seen.push(name);
    }
    if q.kind == Kind::Direct && woven(c) {
        q.kind = Kind::Mixed;
    }
    q
}

/// Rules whose quotations name no speaker and take none from the speakers before.
const UNNAMED_RULES: &[&str] = &["lang-dialogue-turn"];

/// The quotation of a span with what a rule found.
fn lang_quote(c: &LangCtx, found: Option<&Found>) -> Quote {
    let span_text = |a: usize, b: usize| c.text[c.words[a].start..c.words[b - 1].end].to_string();
    let mut q = Quote {
        start: c.span.start,
        end: c.span.end,
        kind: Kind::Unattributed,
        cue: String::new(),
        cue_span: None,
        speaker: String::new(),
        speaker_resolved: String::new(),
        speaker_type: SpeakerType::Unknown,
        speaker_gender: super::Gender::Unknown,
        stance: None,
        unbalanced: c.span.unbalanced,
        paragraphs: 1,
        continues: false,
        rule: None,
    };
    if let Some(f) = found {
        q.kind = if c.span.reported {
            Kind::Indirect
        } else {
            Kind::Direct
        };
        q.rule = Some(f.rule);
        if let Some((a, b)) = f.cue {
            q.cue = span_text(a, b);
            q.cue_span = Some((c.words[a].start, c.words[b - 1].end));
            q.stance = c.cue_at(a).map(|x| x.1);
        }
        if let Some((a, b)) = f.speaker {
            q.speaker = span_text(a, b);
            if c.pack.caseless {
                q.speaker = without_particle(&q.speaker);
            }
        }
        return q;
    }
    q.kind = unattributed_kind(c);
    q
}

/// The kind of a quotation no rule attributed: a name where the language writes names in
/// quotation marks (short, capitalized, no sentence inside), scare quotes when short, else
/// unattributed.
fn unattributed_kind(c: &LangCtx) -> Kind {
    if c.pack.quotes.names_in_quotes && name_like(c) {
        return Kind::Title;
    }
    let inner = c.text[c.span.inner.0..c.span.inner.1].trim();
    let n_words = inner.split_whitespace().count();
    if n_words <= 4 && !c.span.dash && !sentence_inside(inner) {
        Kind::Scare
    } else {
        Kind::Unattributed
    }
}

/// Whether quoted words hold a sentence (a stop inside, or ending in ! or ?).
fn sentence_inside(inner: &str) -> bool {
    inner
        .trim_end_matches(['.', '!', '?'])
        .contains(['.', '!', '?'])
        || inner.ends_with(['!', '?'])
}

/// Whether a quotation reads as speech rather than a phrase woven into the narration: four
/// words or more, or a sentence of its own.
fn speech_like(c: &LangCtx) -> bool {
    let inner = c.text[c.span.inner.0..c.span.inner.1].trim();
    inner.split_whitespace().count() >= 4 || sentence_inside(inner) || inner.ends_with('.')
}

/// Whether a quotation reads as a name: up to four words, capitalized, no sentence inside,
/// not dash speech ("«Интерфакс»", "« Le Monde »", "«Норильский никель»").
fn name_like(c: &LangCtx) -> bool {
    let inner = c.text[c.span.inner.0..c.span.inner.1].trim();
    let n_words = inner.split_whitespace().count();
    n_words <= 4
        && starts_upper(inner)
        && !sentence_inside(inner)
        && !inner.ends_with([',', '.'])
        && !c.span.dash
}

/// A Korean speaker without the particle of its last word ("조 교수는" → "조 교수").
fn without_particle(s: &str) -> String {
    match s.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", crate::text::language::stem::korean(last)),
        None => crate::text::language::stem::korean(s),
    }
}

/// Whether every word of a short mention begins a word of a fuller one ("조 교수" in "조성호
/// 교수", "Лавров" in "Сергей Лавров").
fn mentioned_in(short: &str, full: &str) -> bool {
    full.len() > short.len()
        && short
            .split_whitespace()
            .all(|w| full.split_whitespace().any(|x| x.starts_with(w)))
}

/// The speakers named so far in a document: a pronoun or a dropped subject resolves to the last
/// one, a short mention to the fullest earlier form containing it ("Lawrow" → "Sergej Lawrow").
#[derive(Default)]
struct Names {
    seen: Vec<String>,
    /// Roles named with a speaker ("Sprecher des Krisenstabes" for "Giorgos Kyritsis"), normalized.
    aliases: Vec<(String, String)>,
}

impl Names {
    fn resolve(&mut self, q: &mut Quote, pack: &Pack) {
        if !matches!(q.kind, Kind::Direct | Kind::Indirect) {
            return;
        }
        let r = &pack.speakers;
        let pronoun = r.pronouns.iter().any(|p| *p == normalize(&q.speaker));
        if q.speaker.is_empty() || pronoun {
            q.speaker_resolved = self.seen.last().cloned().unwrap_or_default();
        } else if let Some((_, name)) = self.alias_of(&q.speaker) {
            q.speaker_resolved = name.clone();
            self.seen.push(name);
        } else {
            let fuller = self.seen.iter().rev().find(|s| mentioned_in(&q.speaker, s));
            q.speaker_resolved = fuller.cloned().unwrap_or_else(|| q.speaker.clone());
            self.seen.push(q.speaker_resolved.clone());
        }
        q.speaker_type = speaker_type(&q.speaker_resolved, r);
    }

    /// The last role named with a speaker that the role `speaker` begins or equals ("Sprecher"
    /// for "Sprecher des Krisenstabes").
    fn alias_of(&self, speaker: &str) -> Option<(String, String)> {
        let n = normalize(speaker);
        let first = n.split_whitespace().next()?;
        self.aliases
            .iter()
            .rev()
            .find(|(role, _)| role.split_whitespace().next() == Some(first))
            .cloned()
    }
}

/// The type of a resolved speaker: an organisation by the pack's words, else a person.
fn speaker_type(s: &str, r: &SpeakerRules) -> SpeakerType {
    if s.is_empty() {
        return SpeakerType::Unknown;
    }
    let n = normalize(s);
    if n.split_whitespace().any(|w| {
        r.organisations
            .iter()
            .any(|o| w.starts_with(o.as_str()) || w.ends_with(o.as_str()) && o.chars().count() > 1)
    }) {
        SpeakerType::Organisation
    } else {
        SpeakerType::Named
    }
}

// ---- Rules shared by the packs, and French and Spanish constructions (issue 29, p1) ----

/// Whether a quotation is woven into the narration: its opening mark follows a word of its
/// sentence ("a dénoncé une «extrême violence»", "que «le mouvement s'effrite»", "se declaran
/// “hartas de…”"), not a colon, comma, bracket or the sentence's start; an attributed one is
/// mixed, not direct. A capitalized sentence of speech after a verb ("dijo “Hoy…”") is not
/// woven; nor is anything in a caseless script, where the speaker's particle precedes the mark.
fn woven(c: &LangCtx) -> bool {
    if c.pack.caseless || c.span.dash {
        return false;
    }
    let before =
        c.text[..c.span.start].trim_end_matches(|ch: char| ch.is_whitespace() && ch != '\n');
    let after_word = before
        .chars()
        .next_back()
        .is_some_and(|ch| ch.is_alphanumeric() || ch == '\'' || ch == '’');
    let inner = c.text[c.span.inner.0..c.span.inner.1].trim();
    after_word && !(starts_upper(inner) && speech_like(c))
}

/// "“…” dijo el candidato", "«…» s'exclame Étienne": a cue right after a quotation of speech
/// with no comma or dash between (the comma rule is [`after_cue`]).
fn after_cue_bare(c: &LangCtx) -> Option<Found> {
    if !speech_like(c) {
        return None;
    }
    let first = c.words.get(c.after)?;
    if c.gap_has(
        c.span.end,
        first.start,
        &['.', '!', '?', ';', ':', '(', '\n'],
    ) {
        return None;
    }
    let ci = (c.after..c.words.len().min(c.after + 3))
        .take_while(|&i| i == c.after || AUXILIARIES.contains(&c.words[i - 1].norm.as_str()))
        .find(|&i| c.cue_at(i).is_some())?;
    let len = c.cue_at(ci).map_or(1, |x| x.0);
    Some(Found {
        cue: Some((ci, ci + len)),
        speaker: speaker_after(c, ci + len),
        rule: "lang-after-cue-bare",
    })
}

/// The end of the list of quotations that follows the quotation of `c` joined by commas
/// ("«Anti flashball», «Stop le bla bla», «Frexit»"), if it is followed by one.
fn list_end(c: &LangCtx) -> Option<usize> {
    let mut end = c.span.end;
    for _ in 0..12 {
        let rest = &c.text[end..];
        let Some(t) = rest.trim_start().strip_prefix(',') else {
            break;
        };
        let t = t.trim_start();
        let at = c.text.len() - t.len();
        let Some(ch) = t.chars().next() else { break };
        let Some(pair) = opening(c.text, at, ch, &c.pack.quotes.pairs) else {
            break;
        };
        let from = at + ch.len_utf8();
        let line = c.text[from..].find('\n').map_or(c.text.len(), |k| from + k);
        let Some(k) = c.text[from..line].find(pair[1].as_str()) else {
            break;
        };
        end = from + k + pair[1].len();
    }
    (end > c.span.end).then_some(end)
}

/// "«Anti flashball», «Stop le bla bla», «Frexit», proclamaient pancartes et banderoles": a
/// quotation in a comma-joined list of quotations has the attribution of the list's end.
fn quote_list(c: &LangCtx) -> Option<Found> {
    let end = list_end(c)?;
    let after = c.words.partition_point(|w| w.start < end);
    let last = LangCtx {
        span: LSpan { end, ..c.span },
        after,
        ..*c
    };
    let f = after_cue(&last).or_else(|| after_cue_bare(&last))?;
    Some(Found {
        rule: "lang-quote-list",
        ..f
    })
}

/// "Nawal Saadawi (“Religión y feminismo son antagónicos”)": speech in brackets right after a
/// name is that person's (up to four capitalized words before the bracket).
fn name_paren(c: &LangCtx) -> Option<Found> {
    if !c.pack.capitals_mark_names() || !speech_like(c) {
        return None;
    }
    let before = c.text[..c.span.start].trim_end();
    let paren = before.strip_suffix('(')?.len();
    let mut a = c.first_in;
    let mut stop = paren;
    while a > 0 && c.first_in - a < 4 {
        let w = &c.words[a - 1];
        if !starts_upper(&w.word) || w.end > stop || !c.text[w.end..stop].trim().is_empty() {
            break;
        }
        stop = w.start;
        a -= 1;
    }
    (a < c.first_in).then_some(Found {
        cue: None,
        speaker: Some((a, c.first_in)),
        rule: "lang-name-paren",
    })
}

/// A quotation alone on its line, signed on the next by a dash and a name ("«Six cents euros en
/// moins, ça fait mal.»\n- Jean-Pierre Maréchal, retraité"): the name is the speaker.
fn dash_author_line(c: &LangCtx) -> Option<Found> {
    let rest = &c.text[c.span.end..];
    let nl = rest.find('\n')?;
    let tail = rest[..nl].trim_matches(|ch: char| ch.is_whitespace() || ".!?".contains(ch));
    if !tail.is_empty() || !speech_like(c) {
        return None;
    }
    let line = rest[nl + 1..].trim_start_matches([' ', '\t', '\u{a0}']);
    let d = line.chars().next().filter(|ch| DASHES.contains(ch))?;
    let from = c.text.len() - line.len() + d.len_utf8();
    let line_end = c.text[from..].find('\n').map_or(c.text.len(), |k| from + k);
    let i = c.words.partition_point(|w| w.start < from);
    let (a, b) = speaker_from(c, i)?;
    // the line's first word opens a sentence, so the name run may have left it out
    let a = if starts_upper(&c.words[i].word) {
        i.min(a)
    } else {
        a
    };
    let named = !c.pack.capitals_mark_names() || starts_upper(&c.words[a].word);
    (named && c.words[b - 1].end <= line_end).then_some(Found {
        cue: None,
        speaker: Some((a, b)),
        rule: "lang-dash-author-line",
    })
}

/// Whether a quotation opens its paragraph or sentence, or follows another quotation after a
/// comma ("«ça va», «la prime aussi»").
fn opens_sentence(c: &LangCtx) -> bool {
    let before =
        c.text[..c.span.start].trim_end_matches(|ch: char| ch.is_whitespace() && ch != '\n');
    match before.chars().next_back() {
        None => true,
        Some(',') => before[..before.len() - 1]
            .trim_end()
            .ends_with(['»', '”', '"', '“', '«']),
        Some(ch) => matches!(
            ch,
            '\n' | '.' | '!' | '?' | ':' | ';' | '…' | '»' | '”' | '"'
        ),
    }
}

/// Continuation: a quotation of speech that opens its paragraph or sentence and has no cue of
/// its own, right after a paragraph (or in the paragraph) whose quotation was attributed, is
/// the same speaker's direct speech, unless a cue in between introduces another speaker. The
/// speaker is left to resolve to the last one named.
fn continuation(c: &LangCtx) -> Option<Found> {
    let last = c.last_attributed.filter(|&l| l <= c.span.start)?;
    if !speech_like(c) || !opens_sentence(c) || woven(c) {
        return None;
    }
    let gap = &c.text[last..c.span.start];
    let parts: Vec<&str> = gap.split('\n').collect();
    let whole_paragraph_between = parts.len() > 2
        && parts[1..parts.len() - 1]
            .iter()
            .any(|p| !p.trim().is_empty());
    if whole_paragraph_between
        || !parts.last().is_some_and(|p| p.trim().is_empty()) && parts.len() > 1
    {
        return None;
    }
    let from = c.words.partition_point(|w| w.start < last);
    let markers = &c.rules().speaker_markers;
    let another =
        (from..c.first_in).any(|i| c.cue_at(i).is_some() || markers.contains(&c.words[i].norm));
    (!another).then_some(Found {
        cue: None,
        speaker: None,
        rule: "lang-continuation",
    })
}

/// "«Чому саме зараз?» — «Бо інакше не можна!»": quotations joined by a dash are the turns of
/// a dialogue, each somebody's words; no cue, and the speaker is left unnamed.
fn dialogue_turn(c: &LangCtx) -> Option<Found> {
    if !c.pack.quotes.dash_speech || c.span.dash || !speech_like(c) {
        return None;
    }
    let closes = |t: &str| t.ends_with(['»', '”', '"', '“']);
    let before = c.text[..c.span.start].trim_end();
    let after = c.text[c.span.end..].trim_start();
    let turn_before = before
        .strip_suffix(DASHES)
        .is_some_and(|b| closes(b.trim_end()));
    let turn_after = after
        .strip_prefix(DASHES)
        .is_some_and(|a| a.trim_start().starts_with(['«', '“', '„', '"']));
    (turn_before || turn_after).then(|| Found {
        rule: "lang-dialogue-turn",
        ..Found::default()
    })
}

/// "«У нас обшуки проходили щотижня.»", "« Je ne lâcherai rien. »": a quotation of speech
/// that opens its sentence or paragraph and holds a first-person word is somebody's words
/// even with no cue in its sentence; the speaker is left unnamed (the continuation rule gives
/// the last speaker's when the paragraph before was attributed).
fn first_person_speech(c: &LangCtx) -> Option<Found> {
    let fp = &c.pack.quotes.first_person;
    if fp.is_empty() || c.span.continued || !speech_like(c) || !opens_sentence(c) || woven(c) {
        return None;
    }
    c.words[c.first_in.min(c.words.len())..]
        .iter()
        .take_while(|w| w.end <= c.span.inner.1)
        .any(|w| fp.contains(&w.norm))
        .then(|| Found {
            rule: "lang-first-person",
            ..Found::default()
        })
}

/// The end of the sentence holding the byte offset `at` (the end of its last word), so that an
/// attribution's apposition ("estime Gaétan, 34 ans, du groupe Rennes Lapins Jaunes") is part
/// of it.
fn sentence_end(words: &[W], sentence: &[u32], at: usize) -> usize {
    let i = words.partition_point(|w| w.end <= at);
    let Some(s) = sentence.get(i.saturating_sub(1)) else {
        return at;
    };
    let last = (i.saturating_sub(1)..words.len())
        .take_while(|&k| sentence.get(k) == Some(s))
        .last();
    last.map_or(at, |k| words[k].end.max(at))
}

/// A dropped subject ("«…», dijo.", "«…», a-t-il déclaré") in a pack that reads narrated
/// speakers: the last person named in the narration since the last attribution, if any, else
/// (left empty) the last speaker. Not for continuations, which keep the last speaker.
fn dropped_subject(c: &LangCtx, f: Found) -> Found {
    if f.speaker.is_some() || f.rule == "lang-continuation" || !c.rules().narrated_speakers {
        return f;
    }
    Found {
        speaker: narrated_name(c),
        ..f
    }
}

/// The last name in the narration between the last attribution and a quotation: a run of two
/// or more capitalized words joined by spaces or hyphens ("Jean-Pierre Maréchal", "David
/// Eagleman"), none a stop word or article of the pack, within 200 words before it.
fn narrated_name(c: &LangCtx) -> Option<(usize, usize)> {
    if !c.pack.capitals_mark_names() {
        return None;
    }
    let floor = c.last_attributed.unwrap_or(0);
    let r = c.rules();
    let lo = c.first_in.saturating_sub(200);
    let cap = |i: usize| {
        let w = &c.words[i];
        starts_upper(&w.word)
            && w.start >= floor
            && w.end <= c.span.start
            && !r.stop.contains(&w.norm)
            && !r.articles.contains(&w.norm)
    };
    let joined = |a: usize| {
        let gap = &c.text[c.words[a - 1].end..c.words[a].start];
        gap.chars().all(|ch| ch == '-' || ch.is_whitespace()) && !gap.contains('\n')
    };
    let mut b = c.first_in.min(c.words.len());
    while b > lo {
        if !cap(b - 1) {
            b -= 1;
            continue;
        }
        let mut a = b - 1;
        while a > lo && cap(a - 1) && joined(a) {
            a -= 1;
        }
        if b - a >= 2 {
            return Some((a, b));
        }
        b = a;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::builtin_cues;
    use crate::text::language::{pack, tokenize_for};

    /// (kind, cue, speaker as written, resolved) of each quotation of `t` in `code` (the Korean
    /// rules' tests in `ko.rs` use it too).
    pub(super) fn quotes(code: &str, t: &str) -> Vec<(Kind, String, String, String)> {
        let p = pack(code).unwrap();
        let qs = find_quotes_lang(t, 0, &tokenize_for(t, Some(p)), &builtin_cues(code), p);
        qs.into_iter()
            .map(|q| (q.kind, q.cue, q.speaker, q.speaker_resolved))
            .collect()
    }

    fn one(code: &str, t: &str) -> (Kind, String, String, String) {
        let q = quotes(code, t);
        assert_eq!(q.len(), 1, "{code}: {q:?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn french_inverted_cue_and_clitic() {
        let q = quotes(
            "fr",
            "« Nous sommes prêts », a déclaré Nadine Morano. « Nous irons », a-t-elle ajouté.",
        );
        assert_eq!(q[0].1, "a déclaré");
        assert_eq!(q[0].2, "Nadine Morano");
        assert_eq!(q[1].0, Kind::Direct);
        assert_eq!(q[1].3, "Nadine Morano");
    }

    #[test]
    fn spanish_dropped_subject_and_dash_aside() {
        let q = quotes(
            "es",
            "La ministra Ana Pérez habló ayer. «Me tranquilizó mucho», dijo.",
        );
        let last = q.last().unwrap();
        assert_eq!((last.0, last.1.as_str()), (Kind::Direct, "dijo"));
        let q = one("es", "«Me tranquilizó mucho», dijo Quasha.");
        assert_eq!(q.2, "Quasha");
    }

    #[test]
    fn russian_dash_speech_and_names_in_guillemets() {
        let t = "— Мы готовы к переговорам, — сказал Сергей Лавров.\nОб этом сообщает «Интерфакс».";
        let q = quotes("ru", t);
        assert_eq!(q[0].0, Kind::Direct);
        assert_eq!(q[0].2, "Сергей Лавров");
        assert_eq!(q[1].0, Kind::Title, "{q:?}");
    }

    #[test]
    fn german_reversed_guillemets_and_so() {
        let q = one(
            "de",
            "»Wir sind bereit«, sagte der Außenminister Sergej Lawrow am Montag.",
        );
        assert_eq!(
            (q.0, q.1.as_str(), q.2.as_str()),
            (Kind::Direct, "sagte", "Außenminister Sergej Lawrow")
        );
        let q = one("de", "„Die Lage ist ernst“, so Fabian Stenger.");
        assert_eq!(q.2, "Fabian Stenger");
        // a capitalized noun after a cue is no name: the speaker stops at the preposition
        let q = one(
            "de",
            "Die Regierung sagte bei den Protesten: „Wir bleiben.“",
        );
        assert_eq!(q.2, "Regierung");
    }

    #[test]
    fn korean_rago_malhaessda() {
        let q = one("ko", "김정은 국무위원장은 “전쟁 준비를 강화하라”고 말했다.");
        assert_eq!(
            (q.0, q.1.as_str(), q.2.as_str()),
            (Kind::Direct, "말했다", "김정은 국무위원장")
        );
    }

    #[test]
    fn korean_speaker_after_the_quote_resolves_to_the_fuller_name() {
        let q = quotes(
            "ko",
            "조성호 교수가 연구를 발표했다. “데이터가 중요하다”고 조 교수는 설명했다.",
        );
        assert_eq!(
            (q[0].2.as_str(), q[0].3.as_str()),
            ("조 교수", "조 교수"),
            "{q:?}"
        );
    }

    #[test]
    fn french_names_within_roles_and_abbreviations() {
        let q = one(
            "fr",
            "Le ministre de l'Intérieur Christophe Castaner a déclaré : « Nous ne céderons pas. »",
        );
        // the title's capital stays ("Intérieur"), the name is within
        assert!(q.2.ends_with("Christophe Castaner"), "{q:?}");
        let q = one("fr", "« Nous ne céderons pas », a déclaré M. Macron.");
        assert_eq!(q.2, "M. Macron");
        // a short phrase woven into the narration is no speech of the subject
        let q = one(
            "fr",
            "Le président Emmanuel Macron a dénoncé sur Twitter une «extrême violence».",
        );
        assert_ne!(q.0, Kind::Direct);
    }

    #[test]
    fn german_unmarked_speech_before_its_cue() {
        let q = quotes(
            "de",
            "Die Lage ist unklar. Wir fordern die Öffnung der Grenze, sagte Kyritsis. Es regnet.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            (q[0].0, q[0].1.as_str(), q[0].2.as_str()),
            (Kind::Direct, "sagte", "Kyritsis")
        );
        let q = quotes(
            "de",
            "Wir haben in unseren Händen Flugblätter, erklärte am späten Montagabend der Sprecher.",
        );
        assert_eq!(q[0].2, "Sprecher");
        // a sentence with a comma before a word that is no cue holds no speech
        assert!(quotes("de", "Wir fordern die Öffnung der Grenze, weil es regnet.").is_empty());
    }

    #[test]
    fn german_konjunktiv_speech_is_indirect_and_first_person_goes_on() {
        let q = quotes(
            "de",
            "Der Hafen sei seit Montag geschlossen, erklärte die Sprecherin Anna Berger. \
             Wir rechnen mit einer Öffnung am Freitag. Es regnet in Kiel.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), (Kind::Indirect, "erklärte"));
        assert!(q[0].3.ends_with("Anna Berger"), "{q:?}");
        // the first-person sentence after it is hers, with no cue
        assert_eq!((q[1].0, q[1].1.as_str()), (Kind::Direct, ""));
        assert_eq!(q[1].3, q[0].3);
        // "habe ich" is the speaker's own indicative, not the reportative mood
        let q = one("de", "Dann habe ich den Zug verpasst, gestand der Pendler.");
        assert_eq!(q.0, Kind::Direct);
    }

    #[test]
    fn german_cue_before_any_comma_and_colon_speech() {
        // the cue follows the first comma, not the last ("…, in Kiel")
        let q = one(
            "de",
            "Wir haben genug Betten, die frei sind, betonte der Bürgermeister am Abend in Kiel.",
        );
        assert_eq!(
            (q.0, q.1.as_str(), q.2.as_str()),
            (Kind::Direct, "betonte", "Bürgermeister")
        );
        // "X sagte: …" without marks
        let q = one(
            "de",
            "Der Trainer sagte nach dem Spiel: Wir waren heute zu langsam.",
        );
        assert_eq!((q.0, q.1.as_str()), (Kind::Direct, "sagte"));
        // "so" names a speaker only before a capitalized word ("…, so dass" is a clause)
        assert!(quotes(
            "de",
            "Die Straße war lange gesperrt, so dass viele warten mussten."
        )
        .is_empty());
    }

    #[test]
    fn german_role_with_name_in_apposition_and_pronoun_subject() {
        let q = quotes(
            "de",
            "Die Lage ist unter Kontrolle, sagte der Sprecher der Feuerwehr, Jan Maurer, in Linz. \
             Es brennt nicht mehr, erklärte der Sprecher später.",
        );
        assert_eq!(q[0].2, "Jan Maurer", "{q:?}");
        // the role alone later is the same man
        assert_eq!(q[1].3, "Jan Maurer", "{q:?}");
        // "Er kritisierte die Pläne:": the pronoun is the subject, the noun after the cue its object
        let q = quotes(
            "de",
            "Wir lehnen das ab, sagte Eva Lind. Sie kritisierte die Pläne: Das ist so nicht tragbar.",
        );
        assert_eq!(q[1].3, "Eva Lind", "{q:?}");
    }

    #[test]
    fn straight_quotation_with_a_name_in_straight_marks_inside() {
        let t = "\"Совет клуба \"Вымпел\" утвердил новый состав\", - говорится в заявлении.";
        let q = quotes("ru", t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].0, q[0].1.as_str()), (Kind::Direct, "говорится"));
        // an unbalanced inner mark leaves the first closing mark as before
        let q = quotes("ru", "\"Мы готовы\", - сказал он, \"и ждем.");
        assert_eq!(q[0].0, Kind::Direct, "{q:?}");
    }

    #[test]
    fn an_impersonal_cue_takes_the_source_named_before_or_after_its_preposition() {
        let t = "Клуб сменил тренера, сообщает агентство ТАСС.\n\n\"Новый тренер начнет работу в марте\", - говорится в сообщении.";
        let q = quotes("ru", t);
        assert_eq!(q[0].3, "ТАСС", "{q:?}");
        let t = "Отряды ушли.\n\n\"Все дороги открыты для проезда\", - сообщили в Минтрансе.";
        assert_eq!(quotes("ru", t)[0].3, "Минтрансе");
        let t = "Рада ухвалила закон, повідомляє агентство Укрінформ.\n\n«Закон набуде чинності з травня», - йдеться в заяві.";
        assert_eq!(quotes("uk", t)[0].3, "Укрінформ");
    }

    #[test]
    fn first_person_speech_without_a_cue_is_direct() {
        let t = "Село чекає на ремонт дороги.\n\n«Ми просили про це три роки поспіль, але нас ніхто не чув.»";
        let q = quotes("uk", t);
        assert_eq!((q[0].0, q[0].1.as_str()), (Kind::Direct, ""), "{q:?}");
        // no first person: left unattributed; woven into a sentence: not speech
        let t = "Село чекає.\n\n«Дорогу відремонтують до кінця літа, обіцяють у громаді.»";
        assert_ne!(quotes("uk", t)[0].0, Kind::Direct);
        let t = "Le maire parle d'une «route que nous attendons depuis trois ans».";
        assert_ne!(quotes("fr", t)[0].0, Kind::Direct);
    }

    #[test]
    fn quotations_joined_by_a_dash_are_turns_of_a_dialogue() {
        let t = "Я спитав сусіда. «Коли прийде весна?» — «Коли розтане сніг!»";
        let q = quotes("uk", t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q.iter().all(|x| x.0 == Kind::Direct && x.3.is_empty()),
            "{q:?}"
        );
    }

    #[test]
    fn ukrainian_after_cue() {
        let q = one("uk", "\"Я працюю над цим\", - пожартував О'Райлі.");
        assert_eq!((q.1.as_str(), q.2.as_str()), ("пожартував", "О'Райлі"));
    }

    #[test]
    fn russian_speech_broken_by_its_reporting_clause() {
        let t =
            "«Цены вырастут к осени, — сказал экономист Олег Петров. — Но рынок это переживет».";
        let q = quotes("ru", t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q.iter()
                .all(|x| x.0 == Kind::Direct && x.3 == "Олег Петров"),
            "{q:?}"
        );
        // a dash turn runs past a dash inside it to its clause; the part after is quoted too
        let t = "— Поезда ходят — но редко, — объяснила Анна Смирнова. — Ждем весны.";
        let q = quotes("ru", t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(
            (q[0].1.as_str(), q[1].3.as_str()),
            ("объяснила", "Анна Смирнова")
        );
    }

    #[test]
    fn ukrainian_speech_resumed_without_a_dash_inside_the_marks() {
        let t = "«Ми не здамося, – говорив голова громади Петро Мельник. Треба працювати далі».";
        let q = quotes("uk", t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].1, "говорив", "{q:?}");
    }

    #[test]
    fn turns_under_speaker_headings_in_a_transcript() {
        let t = "Вступление редакции.\n\nИгорь Соколов (режиссер):\n\nМы снимали зимой.\n\nЭто было трудно.\n\nМария Белова (актриса): Я мерзла каждый день.\n\nНо мне нравилось.";
        let q = quotes("ru", t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!((q[0].0, q[0].2.as_str()), (Kind::Direct, "Игорь Соколов"));
        assert_eq!(q[1].2, "Мария Белова");
        // a lone heading in capitals is a title
        assert!(quotes("uk", "ЧОМУ ЦЕ ВАЖЛИВО:\n\nБо так.").is_empty());
    }

    #[test]
    fn a_role_after_the_cue_is_the_name_written_with_it_before() {
        let t = "Министр финансов Антон Силуанов выступил в Думе.\n\n«Бюджет будет исполнен без дефицита», — заявил министр.\n\n«Цены растут», — сказал собеседник агентства.";
        let q = quotes("ru", t);
        assert_eq!(q[0].3, "Антон Силуанов", "{q:?}");
        assert_eq!(q[1].3, "собеседник агентства", "{q:?}");
    }

    #[test]
    fn the_rule_names_are_listed() {
        assert_eq!(lang_rule_names().len(), LANG_RULES.len() + LANG_STEPS.len());
    }

    // ---- p1: French and Spanish constructions and the rules shared by the packs ----

    #[test]
    fn woven_fragments_are_mixed_not_direct() {
        let q = one(
            "fr",
            "Le syndicat juge que la réforme est «une provocation pure et simple», a déclaré Marie Dubois.",
        );
        assert_eq!((q.0, q.2.as_str()), (Kind::Mixed, "Marie Dubois"));
        // a sentence of speech after a colon stays direct
        let q = one("fr", "Marie Dubois a déclaré : « Nous ne céderons pas. »");
        assert_eq!(q.0, Kind::Direct);
    }

    #[test]
    fn spanish_cue_without_comma_and_reflexive_clitic() {
        let q = one(
            "es",
            "\"Vamos a recurrir la sentencia\" dijo la abogada Lucía Ramos.",
        );
        assert_eq!(
            (q.0, q.1.as_str(), q.2.as_str()),
            (Kind::Direct, "dijo", "Lucía Ramos")
        );
        let q = one("es", "“No nos escuchan nunca”, se queja Pedro Gil.");
        assert_eq!((q.1.as_str(), q.2.as_str()), ("queja", "Pedro Gil"));
        let q = one(
            "fr",
            "«\u{a0}Quelle honte\u{a0}!\u{a0}» s'exclame Louise Martin.",
        );
        assert_eq!((q.1.as_str(), q.2.as_str()), ("exclame", "Louise Martin"));
    }

    #[test]
    fn a_speaker_after_a_cue_stays_in_its_sentence() {
        let q = quotes(
            "es",
            "“El puerto cerrará en mayo”, explicó Ana Torres.\n“No hay otra salida”, aseguró.\nFrente a la sede hubo protestas.",
        );
        assert_eq!(q[1].2, "", "{q:?}");
        assert_eq!(q[1].3, "Ana Torres");
    }

    #[test]
    fn a_list_of_quotations_shares_its_cue() {
        let q = quotes(
            "fr",
            "Dans le cortège, «Retraite à 60 ans», «Justice fiscale», «Non au gel des pensions», scandaient les militants de Paul Henry.",
        );
        assert_eq!(q.len(), 3, "{q:?}");
        assert!(
            q.iter().all(|x| x.0 == Kind::Direct && x.1 == "scandaient"),
            "{q:?}"
        );
    }

    #[test]
    fn spanish_quotation_in_brackets_after_a_name() {
        let q = one(
            "es",
            "Entre las voces citadas está Marta Ruiz (“La ley llega tarde y mal”), jurista.",
        );
        assert_eq!((q.0, q.2.as_str()), (Kind::Direct, "Marta Ruiz"));
    }

    #[test]
    fn french_quotation_signed_on_the_next_line() {
        let t = "Les commerçants comptent leurs pertes.\n«\u{a0}On a perdu la moitié du chiffre d'affaires.\u{a0}»\n-\u{a0}Jean-Luc Berger, boulanger\nLa suite reste incertaine.";
        // (the signature line itself is still read as dash speech: left for dash_spans)
        let q = quotes("fr", t);
        assert_eq!(
            (q[0].0, q[0].2.as_str()),
            (Kind::Direct, "Jean-Luc Berger"),
            "{q:?}"
        );
    }

    #[test]
    fn continuation_paragraphs_keep_the_speaker_until_another_is_introduced() {
        let t = "«\u{a0}Nous resterons ici tout l'hiver\u{a0}», affirme Sophie Lambert, infirmière à Lyon.\n«\u{a0}Personne ne nous écoute, alors nous bloquons.\u{a0}»\nLe préfet, lui, a répondu par écrit. Il annonce des contrôles.\n«\u{a0}La loi sera appliquée sans exception.\u{a0}»";
        let q = quotes("fr", t);
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!((q[1].0, q[1].3.as_str()), (Kind::Direct, "Sophie Lambert"));
        // a cue between introduces another speaker: no continuation
        assert_ne!(q[2].3, "Sophie Lambert", "{q:?}");
        // the same in a sentence of the attributed paragraph, in Spanish
        let q = quotes(
            "es",
            "“Fue un error”, reconoció Tomás Vidal en la radio. “Pediremos perdón a las familias.”",
        );
        assert_eq!((q[1].0, q[1].3.as_str()), (Kind::Direct, "Tomás Vidal"));
    }

    #[test]
    fn a_dropped_subject_is_the_last_person_named_since_the_last_attribution() {
        let t = "“Hay que esperar”, dijo Carmen Soto.\nEl ministro Rafael Ortega compareció después ante la prensa.\n“No habrá recortes”, aseguró.";
        let q = quotes("es", t);
        assert_eq!(q[1].3, "Rafael Ortega", "{q:?}");
        let t = "« Rien n'est décidé », a déclaré Claire Petit. « Nous verrons demain », a-t-elle ajouté.";
        let q = quotes("fr", t);
        assert_eq!(q[1].3, "Claire Petit", "{q:?}");
    }

    #[test]
    fn a_straight_mark_closes_a_curly_one_before_a_later_quotation() {
        let q = quotes(
            "es",
            "El líder respondió: “Pagarán un precio muy alto \" . Lo llamaban el “nuevo Kennedy” en la prensa.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, Kind::Direct);
    }
}
