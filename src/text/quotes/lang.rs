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
        let found = text[from..para_end].find(close.as_str());
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
            });
        }
        i = end.max(from);
    }
    out
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
            });
        }
    }
    out
}

/// Speech without marks: a sentence whose words up to a comma are followed by a cue or speaker
/// marker and a word ("Wir fordern die Öffnung, sagte Kyritsis.", "…, so Ulamec"), the words
/// before the comma (after a colon, if any) the quotation; four words at least, none quoted.
fn unmarked_spans(
    text: &str,
    tk: &Tokenized,
    cues: &Cues,
    pack: &Pack,
    marked: &[LSpan],
) -> Vec<LSpan> {
    let mut out = Vec::new();
    for &(s, e) in &tk.sentences {
        let (s, e) = (s as usize, e as usize);
        let sent = &text[s..e];
        let Some(comma) = sent.rfind(", ") else {
            continue;
        };
        let next: String = sent[comma + 2..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let n = normalize(&next);
        let cue = cues.stance(&n).is_some() || pack.speakers.speaker_markers.contains(&n);
        let from = sent[..comma].rfind(": ").map_or(0, |k| k + 2);
        let lead = sent[from..comma].trim_start();
        let start = s + comma - lead.len();
        let end = s + comma;
        let words = lead.split_whitespace().count();
        let overlaps = marked.iter().any(|m| m.start < end && start < m.end);
        if cue && words >= 4 && !overlaps && !lead.contains(['"', '„', '“', '»', '«']) {
            out.push(LSpan {
                start,
                end,
                inner: (start, end),
                unbalanced: false,
                dash: true,
            });
        }
    }
    out
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
        name: "lang-after-marker",
        apply: after_marker,
    },
    LangRule {
        name: "lang-before-cue",
        apply: before_cue,
    },
];

/// The names of the language attribution rules, in order.
pub fn lang_rule_names() -> Vec<&'static str> {
    LANG_RULES.iter().map(|r| r.name).collect()
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
    "elles", "er", "sie",
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

/// Finds quotations in a document of a language with a pack, classifies and attributes them.
pub fn find_quotes_lang(
    text: &str,
    body: usize,
    tk: &Tokenized,
    cues: &Cues,
    pack: &Pack,
) -> Vec<Quote> {
    let mut spans = mark_spans(text, body, &pack.quotes.pairs);
    if pack.quotes.dash_speech {
        let dashes = dash_spans(text, body, &spans);
        spans.extend(dashes);
        spans.sort_by_key(|s| s.start);
    }
    if pack.quotes.unmarked_speech {
        let unmarked = unmarked_spans(text, tk, cues, pack, &spans);
        spans.extend(unmarked);
        spans.sort_by_key(|s| s.start);
    }
    let words: Vec<W> = tk
        .tokens
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
        .collect();
    let sentence: Vec<u32> = tk.tokens.iter().map(|t| t.sentence).collect();
    let mut names = Names::default();
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
            };
            let found = LANG_RULES
                .iter()
                .find_map(|r| (r.apply)(&c).map(|f| Found { rule: r.name, ..f }));
            let mut q = lang_quote(&c, found.as_ref());
            names.resolve(&mut q, pack);
            q
        })
        .collect()
}

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
        q.kind = Kind::Direct;
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
}

impl Names {
    fn resolve(&mut self, q: &mut Quote, pack: &Pack) {
        if q.kind != Kind::Direct {
            return;
        }
        let r = &pack.speakers;
        let pronoun = r.pronouns.iter().any(|p| *p == normalize(&q.speaker));
        if q.speaker.is_empty() || pronoun {
            q.speaker_resolved = self.seen.last().cloned().unwrap_or_default();
        } else {
            let fuller = self.seen.iter().rev().find(|s| mentioned_in(&q.speaker, s));
            q.speaker_resolved = fuller.cloned().unwrap_or_else(|| q.speaker.clone());
            self.seen.push(q.speaker_resolved.clone());
        }
        q.speaker_type = speaker_type(&q.speaker_resolved, r);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::builtin_cues;
    use crate::text::language::{pack, tokenize_for};

    /// (kind, cue, speaker as written, resolved, rule) of each quotation of `t` in `code`.
    fn quotes(code: &str, t: &str) -> Vec<(Kind, String, String, String)> {
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
    fn ukrainian_after_cue() {
        let q = one("uk", "\"Я працюю над цим\", - пожартував О'Райлі.");
        assert_eq!((q.1.as_str(), q.2.as_str()), ("пожартував", "О'Райлі"));
    }

    #[test]
    fn the_rule_names_are_listed() {
        assert_eq!(lang_rule_names().len(), LANG_RULES.len());
    }
}
