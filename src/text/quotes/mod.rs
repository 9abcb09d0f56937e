//! Quotations: spans found by the mark scanner (`marks.rs`: curly, straight, guillemets, low-9, corner brackets;
//! apostrophes told apart; quotes over several paragraphs; unbalanced marks recovered at the
//! paragraph end), then each classified here (direct, scare, unattributed, title) with its
//! reporting cue and stance, and its speaker read and typed (`speaker.rs`).

mod marks;
mod speaker;

pub use marks::{find_spans, find_spans_char_by_char};

use crate::text::tokenize::{is_never_final_abbrev, normalize, Tokenized};
use ahash::AHashMap as HashMap;
use marks::is_mark;
use speaker::{
    backward_np, classify_speaker, clean_speaker, crossable, forward_np, nearby_name, ROLE_WORDS,
    SPEAKER_STOP,
};

/// The built-in reporting-verb lexicon.
pub const CUES_EN: &str = include_str!("../../../data/lexicons/cues_en.csv");

/// What a quotation is doing in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Attributed speech: a cue or a speaker is attached.
    Direct,
    /// Short, unattributed words in narration the outlet distances itself from (“special operation”).
    Scare,
    /// Longer quoted words with no cue or speaker in reach.
    Unattributed,
    /// The title of a work (film, book, report titled “…”).
    Title,
}

impl Kind {
    /// Name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Scare => "scare",
            Kind::Unattributed => "unattributed",
            Kind::Title => "title",
        }
    }
}

/// Stance a reporting verb takes toward what it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    /// said, told, stated.
    Neutral,
    /// claimed, alleged.
    Distancing,
    /// confirmed, revealed, acknowledged.
    Endorsing,
    /// denied, insisted, rejected.
    Contesting,
}

impl Stance {
    /// Name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Neutral => "neutral",
            Stance::Distancing => "distancing",
            Stance::Endorsing => "endorsing",
            Stance::Contesting => "contesting",
        }
    }
    /// All stances in table order.
    pub const ALL: [Stance; 4] = [
        Stance::Neutral,
        Stance::Distancing,
        Stance::Endorsing,
        Stance::Contesting,
    ];
}

/// Who is speaking, as far as the words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpeakerType {
    /// A person's name ("Zelensky", "Haley Morris").
    Named,
    /// A role without a name ("a spokesperson", "officials").
    Role,
    /// An organisation ("the NIS", "JoongAng").
    Organisation,
    /// Deliberately unnamed ("a source", "people familiar with the matter").
    Anonymous,
    /// A pronoun that could not be resolved, or no speaker.
    Unknown,
}

impl SpeakerType {
    /// Name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Named => "named",
            SpeakerType::Role => "role",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Unknown => "",
        }
    }
}

/// One quotation found in a text. Offsets are bytes into the text given to [`find_quotes`].
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark (or the paragraph end when unbalanced).
    pub end: usize,
    /// Kind of quotation.
    pub kind: Kind,
    /// The reporting cue as written ("said", "told reporters", "according to").
    pub cue: String,
    /// Byte span of the cue, when found.
    pub cue_span: Option<(usize, usize)>,
    /// The speaker as written ("he", "the NIS", "a source").
    pub speaker: String,
    /// The speaker with pronouns resolved to the nearest preceding named speaker.
    pub speaker_resolved: String,
    /// Type of speaker.
    pub speaker_type: SpeakerType,
    /// Stance of the cue.
    pub stance: Option<Stance>,
    /// No closing mark was found; closed at the paragraph end.
    pub unbalanced: bool,
    /// Number of paragraphs the quote spans.
    pub paragraphs: u32,
    /// The quote continues the previous one (same speaker, attribution inherited).
    pub continues: bool,
}

/// Reporting verbs: normalized form → (lemma index, stance).
#[derive(Debug, Clone)]
pub struct Cues {
    forms: HashMap<String, Stance>,
}

impl Cues {
    /// The built-in English cue lexicon.
    pub fn builtin() -> Self {
        let mut forms = HashMap::new();
        for line in CUES_EN.lines().skip(1) {
            let mut parts = line.split(',');
            let (Some(fs), Some(st)) = (parts.next(), parts.next()) else {
                continue;
            };
            let stance = match st {
                "distancing" => Stance::Distancing,
                "endorsing" => Stance::Endorsing,
                "contesting" => Stance::Contesting,
                _ => Stance::Neutral,
            };
            for f in fs.split('|') {
                forms.insert(f.to_string(), stance);
            }
        }
        Self { forms }
    }

    /// The stance of a normalized word if it is a reporting verb.
    pub fn stance(&self, w: &str) -> Option<Stance> {
        self.forms.get(w).copied()
    }
}

/// Words right before a short quote that make it a label, not speech ("a “special operation”").
const SCARE_PRECEDERS: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "these",
    "those",
    "so-called",
    "called",
    "dubbed",
    "termed",
    "labelled",
    "labeled",
    "branded",
    "as",
    "of",
    "what",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
];

/// Lowercase words that may open a speaker phrase after a quote ("… ,” a source said", "… ,” two
/// officials said"); any capitalized word may too.
const SPEAKER_OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "his",
    "her",
    "their",
    "its",
    "one",
    "two",
    "three",
    "several",
    "many",
    "some",
    "officials",
    "sources",
    "people",
];

/// Determiners: a cue word after one is a noun ("the claim"), not a verb of saying.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "his", "her", "its", "their", "our",
];

/// Words that stay lowercase in a title of a work ("The Lord of the Rings").
const TITLE_SMALL_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with",
];

/// Words that may stand between a cue and the quote it introduces ("said that", "told reporters").
const BETWEEN_CUE_AND_QUOTE: &[&str] = &[
    "that",
    "reporters",
    "journalists",
    "me",
    "us",
    "him",
    "her",
    "them",
    "out",
    "today",
    "yesterday",
    "simply",
    "only",
    "then",
    "later",
    "once",
];

const TITLE_CUES: &[&str] = &[
    "titled",
    "entitled",
    "headlined",
    "film",
    "movie",
    "book",
    "song",
    "album",
    "novel",
    "show",
    "series",
    "episode",
    "article",
    "op-ed",
    "column",
    "essay",
    "play",
    "documentary",
    "poem",
    "podcast",
    "headline",
    "program",
    "programme",
];

/// A token of the attribution window: text, normalized form and the gap before it.
struct Tok<'a> {
    start: usize,
    end: usize,
    word: &'a str,
    norm: String,
}

fn gap_has(text: &str, a: usize, b: usize, set: &[char]) -> bool {
    a < b && text[a..b].chars().any(|c| set.contains(&c))
}

/// Finds quotations in a document and classifies them.
pub fn find_quotes(text: &str, body: usize, tk: &Tokenized, cues: &Cues) -> Vec<Quote> {
    let spans = find_spans(text, body);
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    let newlines: Vec<usize> = if spans.is_empty() {
        Vec::new()
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes()).collect()
    };
    let toks = &tk.tokens;
    let mut last_named: Option<String> = None;
    let mut last_group: Option<String> = None;
    for (qi, &(start, end, unbalanced, paragraphs)) in spans.iter().enumerate() {
        // Token index range of the quote, before and after.
        let first_in = toks.partition_point(|t| (t.start as usize) < start);
        let after_first = toks.partition_point(|t| (t.start as usize) < end);
        let n_tokens = after_first - first_in;
        let prev_end = if qi > 0 { spans[qi - 1].1 } else { body };
        let next_start = spans.get(qi + 1).map(|s| s.0).unwrap_or(text.len());
        // Paragraph bounds from the newline index (no rescans: linear in the text, even on one huge line).
        let line_start = |pos: usize| -> usize {
            let k = newlines.partition_point(|&p| p < pos);
            if k == 0 {
                0
            } else {
                newlines[k - 1] + 1
            }
        };
        let mut para_start = line_start(start).max(body);
        let before_para = &text[body..para_start];
        let trimmed = before_para.trim_end();
        if trimmed.ends_with(':') {
            // "She said:\n\n“…”": the cue closes the previous paragraph.
            para_start = line_start(body + trimmed.len()).max(body);
        }
        let para_end = newlines
            .get(newlines.partition_point(|&p| p < end))
            .copied()
            .unwrap_or(text.len());
        let mk = |i: usize| -> Tok {
            let t = toks[i];
            let w = &text[t.start as usize..t.end as usize];
            Tok {
                start: t.start as usize,
                end: t.end as usize,
                word: w,
                norm: normalize(w),
            }
        };

        // Tokens after the quote up to the end of the sentence, the next quote or the paragraph.
        let mut after: Vec<Tok> = Vec::new();
        let mut j = after_first;
        let mut cursor = end;
        while j < toks.len() && after.len() < 14 {
            let t = toks[j];
            if t.start as usize >= next_start.min(para_end) {
                break;
            }
            let abbrev = after
                .last()
                .is_some_and(|p: &Tok| is_never_final_abbrev(&p.norm));
            if !after.is_empty()
                && gap_has(text, cursor, t.start as usize, &['.', '!', '?', ';'])
                && !abbrev
            {
                break;
            }
            if after.is_empty()
                && gap_has(text, end, t.start as usize, &['.', '!', '?'])
                && !text[end..t.start as usize].contains(',')
                && !text[end..t.start as usize].contains('—')
            {
                // "“…”. Next sentence" — nothing attached after; but “…” — Name is handled below.
                break;
            }
            let tk2 = mk(j);
            cursor = tk2.end;
            after.push(tk2);
            j += 1;
        }
        // Tokens before the quote back to the sentence start, the previous quote or the paragraph.
        let mut before: Vec<Tok> = Vec::new();
        let mut k = first_in;
        let mut cursor_b = start;
        while k > 0 && before.len() < 30 {
            let t = toks[k - 1];
            if (t.end as usize) <= prev_end.max(para_start) {
                break;
            }
            let norm_t = normalize(&text[t.start as usize..t.end as usize]);
            if gap_has(text, t.end as usize, cursor_b, &['.', '!', '?'])
                && !is_never_final_abbrev(&norm_t)
            {
                break;
            }
            let tk2 = mk(k - 1);
            cursor_b = tk2.start;
            before.push(tk2);
            k -= 1;
        }
        before.reverse();

        let mut q = Quote {
            start,
            end,
            kind: Kind::Unattributed,
            cue: String::new(),
            cue_span: None,
            speaker: String::new(),
            speaker_resolved: String::new(),
            speaker_type: SpeakerType::Unknown,
            stance: None,
            unbalanced,
            paragraphs,
            continues: false,
        };
        let mut attributed = false;
        let short = n_tokens <= 4;

        // 1. After the quote: “…,” he said / said the NIS / according to X / — Name.
        // A quote that ends its own sentence (“… war.” Zelensky …) starts a new sentence after it:
        // only a question or exclamation may be followed by its cue (“…?” he asked).
        let inner_end =
            text[start..end].trim_end_matches(|c: char| is_mark(c) || c.is_whitespace());
        let after_reach = if inner_end.ends_with('.') || inner_end.ends_with('…') {
            0
        } else if inner_end.ends_with('?') || inner_end.ends_with('!') {
            3
        } else if inner_end.ends_with([',', '—', '–', '-']) || n_tokens >= 5 {
            14
        } else {
            // a short quote with no comma inside runs on in the sentence (a “special operation”
            // continued): what follows is not its attribution
            0
        };
        if !after.is_empty() {
            let gap0 = &text[end..after[0].start];
            if gap0.contains('—') || gap0.contains('–') || gap0.trim() == "-" {
                let sp: Vec<&Tok> = after
                    .iter()
                    .take_while(|t| t.word.chars().next().is_some_and(char::is_uppercase))
                    .take(5)
                    .collect();
                if !sp.is_empty() {
                    q.speaker = span_text(text, sp[0].start, sp[sp.len() - 1].end);
                    attributed = true;
                }
            } else if let Some(ci) = after
                .iter()
                .take(after_reach)
                .position(|t| cues.stance(&t.norm).is_some())
            {
                let cue_tok = &after[ci];
                let is_according = cue_tok.norm == "according";
                if ci == 0 || is_according {
                    // said the NIS / according to X
                    let from = if is_according && after.get(ci + 1).is_some_and(|t| t.norm == "to")
                    {
                        ci + 2
                    } else {
                        ci + 1
                    };
                    if ci == 0 || from == ci + 2 && ci <= 2 {
                        set_cue(&mut q, text, cues, &after, ci);
                        if let Some((a, b)) = forward_np(text, &after, from) {
                            q.speaker = span_text(text, after[a].start, after[b].end);
                        }
                        attributed = true;
                    }
                } else {
                    // he said / the NIS stated / a source allegedly told / Name, a title, said
                    let mut b = ci;
                    while b > 1 && after[b - 1].norm.ends_with("ly") && after[b - 1].norm.len() > 3
                    {
                        b -= 1;
                    }
                    // the first comma-delimited segment is the speaker; the rest an appositive
                    let mut seg_end = b;
                    for k in 1..b {
                        if gap_has(text, after[k - 1].end, after[k].start, &[',', '(', '—']) {
                            seg_end = k;
                            break;
                        }
                    }
                    let words: Vec<&Tok> = after[..seg_end].iter().collect();
                    let first_ok = words.first().is_some_and(|t| {
                        t.word.chars().next().is_some_and(|c| c.is_uppercase())
                            || SPEAKER_OPENERS.contains(&t.norm.as_str())
                    });
                    let stop = words
                        .iter()
                        .any(|t| SPEAKER_STOP.contains(&t.norm.as_str()) && !crossable(t, &words));
                    if !words.is_empty()
                        && !stop
                        && first_ok
                        && (seg_end == b || ci <= 14)
                        && words.len() <= 8
                    {
                        set_cue(&mut q, text, cues, &after, ci);
                        q.speaker = span_text(text, words[0].start, words[words.len() - 1].end);
                        attributed = true;
                    }
                }
            }
        }
        // 2. Before the quote: X said: “…” / X said “…” / according to X, “…” / Name: “…”.
        if !attributed
            && !before.is_empty()
            && !text[before[before.len() - 1].end..start].contains([';', '(', ')'])
        {
            let last = before.len() - 1;
            let gap = &text[before[last].end..start];
            let mut ci = None;
            // cue at the end, optionally followed by "that" or one or two words ("told reporters")
            for back in 0..=3usize.min(last) {
                let i = last - back;
                let between_ok = before[i + 1..].iter().all(|t| {
                    BETWEEN_CUE_AND_QUOTE.contains(&t.norm.as_str())
                        || (t.word.chars().next().is_some_and(char::is_uppercase) && !short)
                });
                if cues.stance(&before[i].norm).is_some() && (back == 0 || between_ok) {
                    ci = Some(i);
                    break;
                }
            }
            if let Some(ci) = ci {
                let is_according = before[ci].norm == "according";
                set_cue(&mut q, text, cues, &before, ci);
                if is_according {
                    if let Some((a, b)) = forward_np(text, &before, ci + 2) {
                        q.speaker = span_text(text, before[a].start, before[b].end);
                    }
                } else if let Some((a, b)) = backward_np(text, &before, ci) {
                    q.speaker = span_text(text, before[a].start, before[b].end);
                } else if let Some((a, b)) = forward_np(text, &before, ci + 1) {
                    q.speaker = span_text(text, before[a].start, before[b].end);
                }
                attributed = true;
            } else if gap.trim() == ":"
                && before.len() <= 6
                && before
                    .iter()
                    .all(|t| t.word.chars().next().is_some_and(char::is_uppercase))
            {
                // Name: “…”
                q.speaker = span_text(text, before[0].start, before[last].end);
                attributed = true;
            } else if !short || !SCARE_PRECEDERS.contains(&before[last].norm.as_str()) {
                // a cue earlier in the sentence: Morris says the candidate has “…”
                let is_verb =
                    |i: usize| i == 0 || !DETERMINERS.contains(&before[i - 1].norm.as_str());
                if let Some(ci) = (0..before.len()).rev().find(|&i| {
                    cues.stance(&before[i].norm).is_some()
                        && before[i].norm != "according"
                        && is_verb(i)
                }) {
                    if let Some((a, b)) = backward_np(text, &before, ci) {
                        set_cue(&mut q, text, cues, &before, ci);
                        q.speaker = span_text(text, before[a].start, before[b].end);
                        attributed = true;
                    }
                } else if let Some(ai) = before
                    .iter()
                    .position(|t| t.norm == "according")
                    .filter(|_| !short)
                {
                    if before.get(ai + 1).is_some_and(|t| t.norm == "to") {
                        set_cue(&mut q, text, cues, &before, ai);
                        if let Some((a, b)) = forward_np(text, &before, ai + 2) {
                            q.speaker = span_text(text, before[a].start, before[b].end);
                        }
                        attributed = true;
                    }
                }
            }
        }
        // 3. Continuation: a quote right after an attributed one, with nothing but the cue between.
        if !attributed && !short {
            if let Some(p) = quotes.last() {
                let between = &text[p.end..start];
                let words_between = first_in - toks.partition_point(|t| (t.start as usize) < p.end);
                let same_or_next_para = between.matches('\n').count() <= 2;
                let cue_after_prev = p.cue_span.is_some_and(|(a, _)| a >= p.end && a <= start);
                // "“A,” said X, a long appositive about X. “B.”": the attribution sentence sits between.
                let one_attribution_sentence =
                    cue_after_prev && !between.contains('\n') && words_between <= 40;
                if p.kind == Kind::Direct
                    && same_or_next_para
                    && (words_between == 0 || one_attribution_sentence)
                {
                    q.cue = p.cue.clone();
                    q.cue_span = None;
                    q.stance = p.stance;
                    q.speaker = p.speaker.clone();
                    q.continues = true;
                    attributed = true;
                }
            }
        }
        // A quote whose cue is the previous quote's cue ("“A,” he said, “B.”") continues it.
        if attributed && !q.continues {
            if let (Some(p), Some((cs, _))) = (quotes.last(), q.cue_span) {
                if p.kind == Kind::Direct
                    && p.cue_span.is_some_and(|(a, _)| a == cs)
                    && cs >= p.end
                    && cs <= start
                {
                    q.continues = true;
                }
            }
        }
        // 4. A long quote opening its paragraph, attributed in the sentence just before it
        //    ("Brian Fallon, a spokesman, said the foundation was careful.\n\n“The policies …”").
        if !attributed && n_tokens >= 6 && text[para_start..start].trim().is_empty() && first_in > 0
        {
            let prev_sent = toks[first_in - 1].sentence;
            let lo = toks[..first_in].partition_point(|t| t.sentence < prev_sent);
            let inside_quote = quotes
                .last()
                .is_some_and(|p| p.end > toks[lo].start as usize);
            if !inside_quote && first_in - lo <= 40 {
                let sent: Vec<Tok> = (lo..first_in).map(&mk).collect();
                if let Some(ci) = sent
                    .iter()
                    .position(|t| cues.stance(&t.norm).is_some() && t.norm != "according")
                {
                    if let Some((a, b)) = backward_np(text, &sent, ci) {
                        let sp = span_text(text, sent[a].start, sent[b].end);
                        if sp.chars().next().is_some_and(char::is_uppercase)
                            || ROLE_WORDS
                                .iter()
                                .any(|r| sp.to_lowercase().split_whitespace().any(|w| w == *r))
                        {
                            set_cue(&mut q, text, cues, &sent, ci);
                            q.cue_span = None;
                            q.speaker = sp;
                            attributed = true;
                        }
                    }
                }
            }
        }
        // Kind.
        let before_norms: Vec<&str> = before
            .iter()
            .rev()
            .take(3)
            .map(|t| t.norm.as_str())
            .collect();
        let inner = &text[start..end];
        let title_case = n_tokens >= 1
            && toks[first_in..after_first].iter().all(|t| {
                let w = &text[t.start as usize..t.end as usize];
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                    || TITLE_SMALL_WORDS.contains(&w)
            });
        if title_case && before_norms.iter().any(|w| TITLE_CUES.contains(w)) {
            q.kind = Kind::Title;
            q.cue.clear();
            q.speaker.clear();
            q.stance = None;
        } else if attributed {
            q.kind = Kind::Direct;
        } else if short && !inner.contains('\n') {
            q.kind = Kind::Scare;
        } else {
            q.kind = Kind::Unattributed;
        }
        if q.kind == Kind::Direct {
            q.speaker = clean_speaker(&q.speaker);
            let nearby = nearby_name(text, toks, first_in, body);
            let named_hint = nearby.as_deref().or(last_named.as_deref());
            let (ty, resolved) =
                classify_speaker(&q.speaker, text, end, named_hint, last_group.as_deref());
            q.speaker_type = ty;
            q.speaker_resolved = resolved;
            match ty {
                SpeakerType::Named => last_named = Some(q.speaker_resolved.clone()),
                SpeakerType::Organisation | SpeakerType::Role => {
                    last_group = Some(q.speaker_resolved.clone())
                }
                _ => {}
            }
        }
        quotes.push(q);
    }
    quotes
}

fn span_text(text: &str, a: usize, b: usize) -> String {
    text[a..b].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn set_cue(q: &mut Quote, text: &str, cues: &Cues, toks: &[Tok], ci: usize) {
    let t = &toks[ci];
    let mut end = t.end;
    if t.norm == "according" && toks.get(ci + 1).is_some_and(|n| n.norm == "to") {
        end = toks[ci + 1].end;
    } else if let Some(n) = toks.get(ci + 1) {
        if ["reporters", "journalists", "the", "out", "in", "on"].contains(&n.norm.as_str())
            && !gap_has(text, t.end, n.start, &[',', '.', ':'])
        {
            if n.norm == "reporters"
                || n.norm == "journalists"
                || n.norm == "out" && t.norm.starts_with("point")
            {
                end = n.end;
            } else if n.norm == "in"
                && toks.get(ci + 2).is_some_and(|m| m.norm == "a")
                && toks.get(ci + 3).is_some_and(|m| m.norm == "statement")
            {
                end = toks[ci + 3].end;
            }
        }
    }
    q.cue = span_text(text, t.start, end);
    q.cue_span = Some((t.start, end));
    q.stance = cues.stance(&t.norm);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn q(t: &str) -> Vec<Quote> {
        find_quotes(t, 0, &tokenize(t), &Cues::builtin())
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "“First part of it.\n\n“Second part ends here,” he said.\nNext paragraph.";
        let s = find_spans(t, 0);
        assert_eq!(s.len(), 1);
        assert_eq!(
            &t[s[0].0..s[0].1],
            "“First part of it.\n\n“Second part ends here,”"
        );
        assert_eq!(s[0].3, 2);
        assert_eq!(q(t)[0].kind, Kind::Direct);
    }

    #[test]
    fn direct_with_cue_after() {
        let v = q("“Following about a monthlong lull, troops returned,” the NIS stated.");
        assert_eq!(v[0].kind, Kind::Direct);
        assert_eq!(v[0].cue, "stated");
        assert_eq!(v[0].speaker, "the NIS");
        assert_eq!(v[0].speaker_type, SpeakerType::Organisation);
        let v = q("“We will win this war,” said Volodymyr Zelensky on Monday.");
        assert_eq!(
            (v[0].cue.as_str(), v[0].speaker.as_str()),
            ("said", "Volodymyr Zelensky")
        );
        assert_eq!(v[0].speaker_type, SpeakerType::Named);
    }

    #[test]
    fn direct_with_cue_before() {
        let v = q("The minister told reporters: “We have no plans to withdraw at all.”");
        assert_eq!(v[0].kind, Kind::Direct);
        assert_eq!(v[0].cue, "told reporters");
        assert_eq!(v[0].speaker, "The minister");
        assert_eq!(v[0].speaker_type, SpeakerType::Role);
        let v = q("According to Smith, “the plan failed badly and quickly.”");
        assert_eq!(
            (v[0].cue.as_str(), v[0].speaker.as_str()),
            ("According to", "Smith")
        );
    }

    #[test]
    fn dash_and_colon_formats() {
        let v = q("“Be the change you wish to see.” — Mahatma Gandhi");
        assert_eq!(
            (v[0].kind, v[0].speaker.as_str()),
            (Kind::Direct, "Mahatma Gandhi")
        );
        let v = q("Zelensky: “We will not give up our land to anyone.”");
        assert_eq!(
            (v[0].kind, v[0].speaker.as_str()),
            (Kind::Direct, "Zelensky")
        );
    }

    #[test]
    fn anonymous_and_stance() {
        let v =
            q("“The bodies were never transferred back home,” a source allegedly told JoongAng.");
        assert_eq!(v[0].speaker, "a source");
        assert_eq!(v[0].speaker_type, SpeakerType::Anonymous);
        assert_eq!(v[0].stance, Some(Stance::Neutral));
        let v = q("“We did nothing wrong at all,” the company denied.");
        assert_eq!(v[0].stance, Some(Stance::Contesting));
        let v = q("“Approximately 1,000 troops were newly deployed,” JoongAng reported, citing an anonymous source.");
        assert_eq!(v[0].speaker_type, SpeakerType::Anonymous);
    }

    #[test]
    fn scare_quotes() {
        let v =
            q("Putin announced a “special operation” to oust Zelensky, who he said was a “Nazi.”");
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|x| x.kind == Kind::Scare), "{v:?}");
        let v = q("Russia began “annexing” Crimea.");
        assert_eq!(v[0].kind, Kind::Scare);
    }

    #[test]
    fn continuation_inherits_speaker() {
        let v = q("“First sentence is here,” the agency explained. “It appears that there has been a deployment.”");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].kind, Kind::Direct);
        assert_eq!(v[1].speaker, "the agency");
    }

    #[test]
    fn pronoun_resolution() {
        let v = q("“We are ready for this,” Zelensky said. Later, “we will see what comes next,” he said.");
        assert_eq!(v[1].speaker, "he");
        assert_eq!(v[1].speaker_resolved, "Zelensky");
    }

    #[test]
    fn titles_of_works() {
        let v = q("She wrote a book titled “The Long Road Home” last year.");
        assert_eq!(v[0].kind, Kind::Title);
    }
}
