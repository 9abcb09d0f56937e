//! Quotations: spans found by the mark scanner (`marks.rs`: curly, straight, guillemets, low-9, corner brackets;
//! apostrophes told apart; quotes over several paragraphs; unbalanced marks recovered at the
//! paragraph end), then each classified here (direct, scare, unattributed, title) with its
//! reporting cue and stance, and its speaker read and typed (`speaker.rs`).

mod marks;
mod speaker;

pub use marks::{find_spans, find_spans_char_by_char};

use crate::text::tokenize::{is_never_final_abbrev, is_sentence_opener, normalize, Tokenized};
use ahash::AHashMap as HashMap;
use marks::is_mark;
use speaker::{
    backward_np, classify_speaker, clean_speaker, crossable, forward_np, nearby_name, nearby_org,
    resolve, Names, PRONOUNS, ROLE_WORDS, SPEAKER_STOP,
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
    /// Two-word cues ("shot back", "put it") by their first word: (second word, stance).
    phrases: HashMap<String, Vec<(String, Stance)>>,
}

impl Cues {
    /// The built-in English cue lexicon.
    pub fn builtin() -> Self {
        Self::from_csv(CUES_EN).unwrap_or_else(|_| Self {
            forms: HashMap::new(),
            phrases: HashMap::new(),
        })
    }

    /// Reads a cue list in the format of `data/lexicons/cues_en.csv`: a header, then
    /// `forms,stance,note` with forms separated by `|` (a two-word form is a phrase); stance one
    /// of neutral, distancing, endorsing, contesting. An error names the line.
    pub fn from_csv(text: &str) -> std::result::Result<Self, (usize, String)> {
        let mut out = Self {
            forms: HashMap::new(),
            phrases: HashMap::new(),
        };
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split(',');
            let (Some(fs), st) = (parts.next(), parts.next().unwrap_or("neutral").trim()) else {
                continue;
            };
            let stance = match st {
                "distancing" => Stance::Distancing,
                "endorsing" => Stance::Endorsing,
                "contesting" => Stance::Contesting,
                "neutral" | "" => Stance::Neutral,
                other => {
                    let known = "neutral, distancing, endorsing or contesting";
                    return Err((i + 1, format!("unknown stance '{other}' ({known})")));
                }
            };
            for f in fs.split('|') {
                let f = crate::text::tokenize::normalize(f.trim());
                if f.is_empty() {
                    continue;
                }
                match f.split_once(' ') {
                    Some((a, b)) => out
                        .phrases
                        .entry(a.to_string())
                        .or_default()
                        .push((b.trim().to_string(), stance)),
                    None => {
                        out.forms.insert(f, stance);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The built-in cues with `other`'s added (a form in both takes `other`'s stance).
    pub fn extended(mut self, other: Cues) -> Self {
        self.forms.extend(other.forms);
        for (k, v) in other.phrases {
            let e = self.phrases.entry(k).or_default();
            for (w, st) in v {
                e.retain(|(x, _)| *x != w);
                e.push((w, st));
            }
        }
        self
    }

    /// Whether the list has no cue at all.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() && self.phrases.is_empty()
    }

    /// The stance of a normalized word if it is a reporting verb.
    pub fn stance(&self, w: &str) -> Option<Stance> {
        self.forms.get(w).copied()
    }

    /// The cue starting at `toks[i]`, if any: its length in words (1, or 2 for a phrase such as
    /// "shot back") and stance. A phrase needs its words adjacent.
    fn cue_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, Stance)> {
        let t = &toks[i];
        // in running text, a capitalized word after a capitalized word is part of a name ("the
        // United States", "the Supreme Court Notes"); a headline in Title Case is no running text
        if i >= 2 && t.capitalized() && toks[i - 1].capitalized() && toks[i - 2].lowercase() {
            return None;
        }
        if let (Some(alts), Some(n)) = (self.phrases.get(&t.norm), toks.get(i + 1)) {
            if let Some((_, st)) = alts.iter().find(|(w, _)| *w == n.norm) {
                if text[t.end..n.start].trim().is_empty() {
                    return Some((2, *st));
                }
            }
        }
        self.stance(&t.norm).map(|st| (1, st))
    }

    /// Whether a cue starts at `toks[i]`.
    fn is_cue(&self, text: &str, toks: &[Tok], i: usize) -> bool {
        self.cue_at(text, toks, i).is_some()
    }
}

/// A list of words with a set made of it the first time it is asked: the attribution rules test
/// every word of a window against lists of up to a hundred words.
pub(super) struct Words {
    list: &'static [&'static str],
    set: std::sync::OnceLock<ahash::AHashSet<&'static str>>,
}

impl Words {
    /// The list, its set not built yet.
    pub(super) const fn new(list: &'static [&'static str]) -> Self {
        Self {
            list,
            set: std::sync::OnceLock::new(),
        }
    }

    /// Whether `w` is in the list.
    pub(super) fn contains(&self, w: &str) -> bool {
        if self.list.len() <= 8 {
            return self.list.contains(&w);
        }
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(w)
    }
}

/// Words right before a short quote that make it a label, not speech ("a “special operation”").
static SCARE_PRECEDERS: Words = Words::new(&[
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
]);

/// Lowercase words that may open a speaker phrase after a quote ("… ,” a source said", "… ,” two
/// officials said"); any capitalized word may too.
static SPEAKER_OPENERS: Words = Words::new(&[
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
    "my",
    "our",
    "one",
    "two",
    "three",
    "several",
    "many",
    "some",
    "officials",
    "sources",
    "people",
]);

/// Auxiliaries between a speaker and the cue ("the crowd was chanting", "she had said").
pub(super) static AUXILIARIES: Words = Words::new(&[
    "was", "were", "is", "are", "has", "have", "had", "been", "would", "will", "could", "later",
    "often", "also", "then", "once", "again", "earlier", "still", "never", "always", "just",
]);

/// Determiners: a cue word after one is a noun ("the claim"), not a verb of saying.
static DETERMINERS: Words = Words::new(&[
    "a", "an", "the", "this", "that", "his", "her", "its", "their", "our",
]);

/// Words that stay lowercase in a title of a work ("The Lord of the Rings").
static TITLE_SMALL_WORDS: Words = Words::new(&[
    "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with",
]);

/// Words that may stand between a cue and the quote it introduces ("said that", "told reporters").
static BETWEEN_CUE_AND_QUOTE: Words = Words::new(&[
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
]);

static TITLE_CUES: Words = Words::new(&[
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
]);

/// A token of the attribution window: text, normalized form and the gap before it.
struct Tok<'a> {
    start: usize,
    end: usize,
    word: &'a str,
    norm: String,
}

impl Tok<'_> {
    /// Whether the word as written begins with a capital (a name, or a sentence's first word).
    fn capitalized(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word as written begins with a lowercase letter (never a name).
    fn lowercase(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Whether the text between two tokens ends a sentence: a full stop, question or exclamation
/// mark or semicolon, but not the full stop of an abbreviation inside parentheses or before a
/// comma ("Rep. Gwen Moore (D-Wis.) said", "Mitch McConnell, R-Ky., said").
fn ends_sentence(gap: &str) -> bool {
    gap.contains(['.', '!', '?', ';']) && !gap.contains(".)") && !gap.contains(".,")
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
    let mut names: Option<Names> = None;
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

        // Tokens after the quote up to the end of the sentence, the next quote or the paragraph:
        // whether token `j` still belongs there, given those read so far (ending at `cursor`).
        let goes_on = |after: &[Tok], cursor: usize, j: usize| {
            let t = toks[j];
            if t.start as usize >= next_start.min(para_end) {
                return false;
            }
            let abbrev = after.last().is_some_and(ends_no_sentence);
            if !after.is_empty() && ends_sentence(&text[cursor..t.start as usize]) && !abbrev {
                return false;
            }
            // "“…”. Next sentence" — nothing attached after; but “…” — Name is handled below.
            let gap = &text[end..t.start as usize];
            !after.is_empty()
                || !gap_has(text, end, t.start as usize, &['.', '!', '?'])
                || gap.contains(',')
                || gap.contains('—')
        };
        let mut after: Vec<Tok> = Vec::new();
        let mut j = after_first;
        let mut cursor = end;
        while j < toks.len() && after.len() < 14 && goes_on(&after, cursor, j) {
            let tk2 = mk(j);
            cursor = tk2.end;
            after.push(tk2);
            j += 1;
        }

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
        // a lowercase word right after the closing mark continues the sentence (“… fact.” she
        // wrote): the quote did not end it
        let continues_sentence = after.first().is_some_and(Tok::lowercase);
        let after_reach =
            if (inner_end.ends_with('.') || inner_end.ends_with('…')) && !continues_sentence {
                0
            } else if inner_end.ends_with(['.', '…', '?', '!', ',', '—', '–', '-']) || n_tokens >= 5
            {
                // a question, an exclamation or a sentence the lowercase word after goes on with
                14
            } else {
                // a short quote with no comma inside runs on in the sentence (a “special operation”
                // continued): what follows is not its attribution
                0
            };
        if !after.is_empty() {
            let gap0 = &text[end..after[0].start];
            if gap0.contains(['—', '–', '―']) || gap0.trim() == "-" {
                let sp: Vec<&Tok> = after
                    .iter()
                    .take_while(|t| t.capitalized())
                    .take(5)
                    .collect();
                if !sp.is_empty() {
                    q.speaker = span_text(text, sp[0].start, sp[sp.len() - 1].end);
                    if let Some((i, c)) = gap0.char_indices().find(|(_, c)| !c.is_whitespace()) {
                        let at = end + i;
                        q.cue = c.to_string();
                        q.cue_span = Some((at, at + c.len_utf8()));
                    }
                    attributed = true;
                }
            } else if let Some(ci) =
                after
                    .iter()
                    .take(after_reach)
                    .enumerate()
                    .position(|(i, _)| {
                        // "one of the states suing": a cue word after a determiner is a noun
                        cues.is_cue(text, &after, i)
                            && (i == 0 || !DETERMINERS.contains(after[i - 1].norm.as_str()))
                    })
            {
                let cue_tok = &after[ci];
                let is_according = cue_tok.norm == "according";
                if ci == 0 || is_according {
                    // said the NIS / according to X
                    let from = if is_according && after.get(ci + 1).is_some_and(|t| t.norm == "to")
                    {
                        ci + 2
                    } else {
                        ci + cues.cue_at(text, &after, ci).map_or(1, |c| c.0)
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
                    while b > 1
                        && (is_adverb(&after[b - 1])
                            || AUXILIARIES.contains(after[b - 1].norm.as_str()))
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
                    // ", as one aide put it": the speaker follows "as"
                    let from = usize::from(after[0].norm == "as" && seg_end > 1);
                    let words: Vec<&Tok> = after[from..seg_end].iter().collect();
                    // a name anywhere in the phrase will do ("chief executive Lowell McAdam said")
                    let any_cap = words.iter().any(|t| t.capitalized());
                    let first_ok = any_cap
                        || words
                            .first()
                            .is_some_and(|t| SPEAKER_OPENERS.contains(t.norm.as_str()));
                    let stop = words
                        .iter()
                        .any(|t| SPEAKER_STOP.contains(t.norm.as_str()) && !crossable(t, &words));
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
        // 1a. A verb of the tail, outside the cue list, right after a quote that closes on a
        //     comma, a question or an exclamation: "“…,” exhorted Clinton's introducer",
        //     "“…!” beamed Donald Hartley", "“…,” Trump barked." (the comma inside the mark says
        //     the sentence goes on to its attribution)
        if !attributed && inner_end.ends_with([',', '?', '!']) && after.len() >= 2 {
            let past = |t: &Tok| t.norm.len() > 4 && t.norm.ends_with("ed") && t.lowercase();
            if past(&after[0]) && after[1].capitalized() {
                // inverted: the verb, then its subject, which ends the clause ("fired FBI
                // Director James Comey is about to" is an adjective and the next subject)
                let ends_clause = |b: usize| {
                    b + 1 >= after.len()
                        || gap_has(text, after[b].end, after[b + 1].start, &[',', '.', ';'])
                        || matches!(
                            after[b + 1].norm.as_str(),
                            "on" | "in" | "at" | "of" | "during" | "after" | "before" | "who"
                        )
                };
                if let Some((a, b)) = forward_np(text, &after, 1).filter(|&(_, b)| ends_clause(b)) {
                    q.cue = after[0].word.to_string();
                    q.cue_span = Some((after[0].start, after[0].end));
                    q.speaker = span_text(text, after[a].start, after[b].end);
                    attributed = true;
                }
            } else if let Some(k) = (1..after.len().min(5)).find(|&k| past(&after[k])) {
                // a name, then the verb, then the sentence's end or a comma
                let name_ok = after[..k]
                    .iter()
                    .all(|t| t.capitalized() || t.norm == "the")
                    && after[k - 1].capitalized()
                    && (k + 1 == after.len()
                        || gap_has(text, after[k].end, after[k + 1].start, &[',', '.']));
                if name_ok {
                    q.cue = after[k].word.to_string();
                    q.cue_span = Some((after[k].start, after[k].end));
                    q.speaker = span_text(text, after[0].start, after[k - 1].end);
                    attributed = true;
                }
            }
        }
        // 1b. A partial quote the sentence goes on from, attributed at the sentence's end
        //     ("“To see the number of cases that could change …,” an observer of the court might
        //     say of the decisions, said Lee Epstein, who teaches law"): ", said Name" after a
        //     comma, past the first fourteen words.
        //     A quotation inside a sentence that ends on its attribution is attributed there too:
        //     "“…” of the Clinton proposals, Mr. Holtz-Eakin said." / "“…” for criminal
        //     behavior, she said."
        if !attributed && after_reach > 0 && after.len() == 14 {
            // the rest of the sentence, read only now that it is needed
            while j < toks.len() && after.len() < 60 && goes_on(&after, cursor, j) {
                let tk2 = mk(j);
                cursor = tk2.end;
                after.push(tk2);
                j += 1;
            }
        }
        if !attributed && after_reach > 0 && after.len() >= 3 {
            let last = after.len() - 1;
            let sentence_ends = j >= toks.len() || !goes_on(&after, cursor, j);
            if sentence_ends && after[last].lowercase() && cues.is_cue(text, &after, last) {
                // the subject right before the final cue, set off by a comma
                let subject = (last.saturating_sub(4)..last).find(|&k| {
                    k > 0
                        && gap_has(text, after[k - 1].end, after[k].start, &[','])
                        && (after[k..last].iter().all(Tok::capitalized)
                            || (last - k == 1
                                && matches!(after[k].norm.as_str(), "he" | "she" | "they")))
                });
                if let Some(k) = subject {
                    set_cue(&mut q, text, cues, &after, last);
                    q.speaker = span_text(text, after[k].start, after[last - 1].end);
                    attributed = true;
                }
            }
        }
        if !attributed && after_reach > 0 && after.len() >= 14 {
            if let Some(ci) = (after_reach..after.len()).find(|&i| {
                cues.is_cue(text, &after, i)
                    && after[i].lowercase()
                    && gap_has(text, after[i - 1].end, after[i].start, &[','])
            }) {
                // the first comma-delimited words after the quote
                let seg = (1..ci)
                    .find(|&k| gap_has(text, after[k - 1].end, after[k].start, &[',']))
                    .unwrap_or(ci);
                let opens_clause = matches!(
                    after[0].norm.as_str(),
                    "with"
                        | "as"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "after"
                        | "before"
                        | "while"
                        | "when"
                        | "and"
                        | "but"
                        | "from"
                        | "by"
                        | "to"
                        | "of"
                        | "since"
                        | "until"
                        | "than"
                        | "like"
                        | "under"
                        | "over"
                        | "about"
                        | "against"
                        | "during"
                        | "without"
                        | "despite"
                        | "including"
                        | "among"
                        | "between"
                        | "into"
                        | "through"
                        | "amid"
                );
                let speaker = if !opens_clause && after[..seg].iter().any(Tok::capitalized) {
                    // "“…,” Susan Hennessey, executive editor of the Lawfare blog, told PBS":
                    // the name right after the quote, its long title set off by commas
                    (seg <= 6).then(|| (0, seg - 1))
                } else if matches!(
                    after[ci].norm.as_str(),
                    "said" | "says" | "added" | "adds" | "wrote" | "writes" | "noted" | "notes"
                ) {
                    // "…, said Lee Epstein, who teaches law": the name follows the verb
                    let from = ci + cues.cue_at(text, &after, ci).map_or(1, |c| c.0);
                    forward_np(text, &after, from).filter(|&(a, _)| after[a].capitalized())
                } else {
                    None
                };
                if let Some((a, b)) = speaker {
                    set_cue(&mut q, text, cues, &after, ci);
                    q.speaker = span_text(text, after[a].start, after[b].end);
                    attributed = true;
                }
            }
        }
        // Tokens before the quote back to the sentence start, the previous quote or the paragraph
        // (three are enough once the quote is attributed after it: they tell a title).
        let limit = if attributed { 3 } else { 40 };
        let mut before: Vec<Tok> = Vec::new();
        let mut k = first_in;
        let mut cursor_b = start;
        while k > 0 && before.len() < limit {
            let t = toks[k - 1];
            if (t.end as usize) <= prev_end.max(para_start) {
                break;
            }
            let tk2 = mk(k - 1);
            let gap = &text[tk2.end..cursor_b];
            if gap.contains(['.', '!', '?']) && ends_sentence(gap) && !ends_no_sentence(&tk2) {
                break;
            }
            cursor_b = tk2.start;
            before.push(tk2);
            k -= 1;
        }
        before.reverse();
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
                    BETWEEN_CUE_AND_QUOTE.contains(t.norm.as_str()) || (t.capitalized() && !short)
                });
                if cues.is_cue(text, &before, i) && (back == 0 || between_ok) {
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
                } else if let Some((a, b)) = speaker_before(text, &before, ci) {
                    q.speaker = span_text(text, before[a].start, before[b].end);
                } else if let Some((a, b)) = forward_np(text, &before, ci + 1) {
                    q.speaker = span_text(text, before[a].start, before[b].end);
                }
                attributed = true;
            } else if let Some((a, b)) = (gap.trim() == ":")
                .then(|| colon_speaker(text, &before))
                .flatten()
            {
                // Name: “…” / Republican pollster Daron Shaw: “…” / Schlafly then explained: “…”
                q.speaker = span_text(text, before[a].start, before[b].end);
                let colon = before[last].end + gap.find(':').unwrap_or(0);
                // the cue is what the subject does before the colon ("then explained its
                // importance:"), or the colon alone after a name
                let from = if b < last {
                    (b + 1).max(last.saturating_sub(7))
                } else {
                    last + 1
                };
                let cue_start = before.get(from).map_or(colon, |t| t.start);
                q.cue = span_text(text, cue_start, colon + 1);
                q.cue_span = Some((cue_start, colon + 1));
                attributed = true;
            } else if !short || !SCARE_PRECEDERS.contains(before[last].norm.as_str()) {
                // a cue earlier in the sentence: Morris says the candidate has “…”
                let is_verb =
                    |i: usize| i == 0 || !DETERMINERS.contains(before[i - 1].norm.as_str());
                if let Some(ci) = (0..before.len()).rev().find(|&i| {
                    cues.is_cue(text, &before, i) && before[i].norm != "according" && is_verb(i)
                }) {
                    if let Some((a, b)) = speaker_before(text, &before, ci) {
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
                // only the cue and its speaker stand between ("“A,” Sanders said, “B.”"), not a
                // clause ("“A,” Sanders said, suggesting a few questions, including “B”")
                let ce = q.cue_span.map_or(cs, |c| c.1);
                let words_after_cue = first_in - toks.partition_point(|t| (t.start as usize) < ce);
                if p.kind == Kind::Direct
                    && p.cue_span.is_some_and(|(a, _)| a == cs)
                    && cs >= p.end
                    && cs <= start
                    && words_after_cue <= 4
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
                    .enumerate()
                    .position(|(i, t)| cues.is_cue(text, &sent, i) && t.norm != "according")
                {
                    if let Some((a, b)) = backward_np(text, &sent, ci) {
                        let sp = span_text(text, sent[a].start, sent[b].end);
                        if sp.chars().next().is_some_and(char::is_uppercase)
                            || sp
                                .to_lowercase()
                                .split_whitespace()
                                .any(|w| ROLE_WORDS.contains(w))
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
        // 5. A floating quote: a paragraph that is one quotation, right after a paragraph whose
        //    last quotation was attributed, belongs to that speaker (nothing intervenes).
        if !attributed && text[para_start..start].trim().is_empty() {
            if let Some(p) = quotes
                .last()
                .filter(|p| p.kind == Kind::Direct && !p.speaker.is_empty() && p.end <= para_start)
            {
                let mut between = text[p.end..para_start].split('\n');
                let _rest_of_prev = between.next();
                let adjacent = between.all(|l| l.trim().is_empty());
                let fills = (end - start) * 10 >= (para_end - para_start) * 6;
                if adjacent && fills {
                    q.cue = p.cue.clone();
                    q.cue_span = None;
                    q.stance = p.stance;
                    q.speaker = if p.speaker_resolved.is_empty() {
                        p.speaker.clone()
                    } else {
                        p.speaker_resolved.clone()
                    };
                    attributed = true;
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
                    || TITLE_SMALL_WORDS.contains(w)
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
            // A scare quote may still have a source ("what Russia termed a “special operation”",
            // "Trump has called the deal “a disaster”"): the kind stays scare, the words held at a
            // distance, and the naming verb and its subject are kept as cue and speaker.
            // The speaker stays as written: a pronoun here is not resolved through the
            // document's quoted speakers ("what it termed": the country, not the last source).
            if let Some((ci, (a, b))) = naming_source(text, cues, &before) {
                q.cue = before[ci].word.to_string();
                q.cue_span = Some((before[ci].start, before[ci].end));
                q.speaker = clean_speaker(&span_text(text, before[a].start, before[b].end));
                (q.speaker_type, q.speaker_resolved) =
                    classify_speaker(&q.speaker, text, end, None, None, None);
            }
        } else {
            q.kind = Kind::Unattributed;
        }
        if q.kind == Kind::Direct {
            q.speaker = clean_speaker(&q.speaker);
            // the person named just before matters only to a pronoun or a definite role
            let lower = q.speaker.to_lowercase();
            let nearby = (PRONOUNS.contains(&lower.as_str()) || lower.starts_with("the "))
                .then(|| nearby_name(text, toks, first_in, body))
                .flatten();
            let named_hint = nearby.as_deref().or(last_named.as_deref());
            let org = (lower.starts_with("the ") && last_group.is_none())
                .then(|| nearby_org(text, toks, first_in, body))
                .flatten();
            let (ty, resolved) = classify_speaker(
                &q.speaker,
                text,
                end,
                named_hint,
                last_group.as_deref(),
                org.as_deref(),
            );
            // the document's names are gathered the first time a one-word name needs them
            let mut full = |w: &str| {
                names
                    .get_or_insert_with(|| Names::new(text, toks, body))
                    .full(w)
                    .map(str::to_string)
            };
            let (ty, resolved) = resolve(ty, &q.speaker, &resolved, nearby.as_deref(), &mut full);
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

/// Verbs that name or characterize with someone's words ("called it “a hoax”", "what it termed a
/// “special operation”", "likened the rules to “burning the Constitution”").
static NAMING_VERBS: Words = Words::new(&[
    "call",
    "calls",
    "called",
    "calling",
    "term",
    "terms",
    "termed",
    "terming",
    "dub",
    "dubs",
    "dubbed",
    "dubbing",
    "label",
    "labels",
    "labeled",
    "labelled",
    "labeling",
    "labelling",
    "brand",
    "brands",
    "branded",
    "branding",
    "describe",
    "describes",
    "described",
    "describing",
    "liken",
    "likens",
    "likened",
    "likening",
    "deride",
    "derides",
    "derided",
    "deriding",
    "decry",
    "decries",
    "decried",
    "decrying",
    "blast",
    "blasts",
    "blasted",
    "blasting",
    "praise",
    "praises",
    "praised",
    "praising",
    "promise",
    "promises",
    "promised",
    "promising",
    "vow",
    "vows",
    "vowed",
    "vowing",
    "pledge",
    "pledges",
    "pledged",
    "pledging",
    "thank",
    "thanks",
    "thanked",
    "thanking",
    "chant",
    "chants",
    "chanted",
    "chanting",
    "refer",
    "refers",
    "referred",
    "referring",
]);

/// The source of a scare quote, when the sentence gives one right before it: a finite naming
/// verb or cue among the last six words, with its subject ("Trump has used the phrase “…”" →
/// "used", "Trump"; "what it termed a “…”" → "termed", "it"). "use" counts only with "phrase",
/// "term" or "words" after it. A participle ("…, calling the border “lawless”") has its subject
/// too far away to be sure of, and is left alone.
fn naming_source(text: &str, cues: &Cues, before: &[Tok]) -> Option<(usize, (usize, usize))> {
    let lo = before.len().saturating_sub(6);
    let ci = (lo..before.len()).rev().find(|&i| {
        let w = before[i].norm.as_str();
        // a verb inside a sentence is lowercase ("the United States needed")
        if w.ends_with("ing") || before[i].capitalized() {
            false
        } else if matches!(w, "use" | "uses" | "used") {
            before
                .get(i + 2)
                .is_some_and(|t| matches!(t.norm.as_str(), "phrase" | "term" | "words"))
        } else {
            NAMING_VERBS.contains(w) || (cues.is_cue(text, before, i) && w != "according")
        }
    })?;
    subject_right_before(text, before, ci).map(|np| (ci, np))
}

/// Words that may stand between a subject and its verb ("Trump has long called", "he did
/// call").
static BETWEEN_SUBJECT_AND_VERB: Words = Words::new(&[
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "also",
    "once",
    "often",
    "repeatedly",
    "later",
    "then",
    "previously",
    "since",
    "long",
    "even",
    "publicly",
    "privately",
    "again",
]);

/// Sentence adverbs and conjunctions capitalized at a sentence's start, never part of a name.
static NOT_NAME_OPENERS: Words = Words::new(&[
    "even", "often", "amid", "also", "but", "and", "then", "so", "now", "still", "yet", "however",
    "when", "while", "after", "before", "as", "in", "on", "at", "for", "with", "though",
    "although", "because", "since", "if", "claim", "what", "which", "neither", "either", "both",
]);

/// The subject right before the verb at `before[ci]`: a pronoun, or a name (capitalized words,
/// "and" between them, "the" before them, an "of" phrase after them skipped: "Jeff Flake of
/// Arizona"), with only auxiliaries and adverbs between it and the verb.
fn subject_right_before(text: &str, before: &[Tok], ci: usize) -> Option<(usize, usize)> {
    let mut k = ci;
    loop {
        if k > 0 && BETWEEN_SUBJECT_AND_VERB.contains(before[k - 1].norm.as_str()) {
            k -= 1;
        } else if k > 1
            && before[k - 1].norm.ends_with("day")
            && matches!(before[k - 2].norm.as_str(), "on" | "last" | "this")
        {
            // "James Comey on Wednesday described"
            k -= 2;
        } else {
            break;
        }
    }
    // punctuation between two words ends a name ("Monday, Wilson"; "(D-Mass.) called")
    let joined = |i: usize| {
        !gap_has(
            text,
            before[i].end,
            before[i + 1].start,
            &[',', ':', '(', ')', ';'],
        )
    };
    let b = k.checked_sub(1)?;
    // a noun after a determiner or a possessive ("My answer is", "Pompeo's comments") is no
    // verb with a subject
    let possessive = before[b].norm.ends_with("'s") || before[b].norm.ends_with("’s");
    if !joined(b)
        || possessive
        || DETERMINERS.contains(before[b].norm.as_str())
        || matches!(before[b].norm.as_str(), "my" | "your")
    {
        return None;
    }
    if PRONOUNS.contains(&before[b].norm.as_str()) {
        return Some((b, b));
    }
    if !before[b].capitalized() {
        return None;
    }
    let mut a = b;
    let mut end = b;
    loop {
        if a > 0 && before[a - 1].capitalized() && joined(a - 1) {
            a -= 1;
        } else if a > 1
            && before[a - 1].norm == "and"
            && before[a - 2].capitalized()
            && joined(a - 2)
        {
            a -= 2;
        } else if a > 1 && before[a - 1].norm == "of" && before[a - 2].capitalized() && a == end {
            // "Jeff Flake of Arizona": the name is before "of"
            end = a - 2;
            a -= 2;
        } else {
            break;
        }
        if end + 1 - a > 6 {
            return None;
        }
    }
    while a <= end && NOT_NAME_OPENERS.contains(before[a].norm.as_str()) {
        a += 1;
    }
    if a > 0 && before[a - 1].norm == "the" {
        a -= 1;
    }
    (a <= end).then_some((a, end))
}

/// The speaker of a cue at `before[ci]` that precedes its quotation: the noun phrase right before
/// the cue ("the NIS stated:"), or the sentence's subject when the cue is a participle or a second
/// verb of its subject ("Trump appeared in a clip, saying “…”", "Hayek agreed and said, “…”"),
/// each the other's fallback.
fn speaker_before(text: &str, before: &[Tok], ci: usize) -> Option<(usize, usize)> {
    let prev = |k: usize| ci.checked_sub(k).map(|i| before[i].norm.as_str());
    let conjoined = matches!(prev(1), Some("and" | "then" | "but"))
        || (prev(1).is_some_and(|w| w.ends_with("ly")) && prev(2) == Some("and"));
    let participle = before[ci].norm.ends_with("ing")
        && ci > 0
        && (gap_has(text, before[ci - 1].end, before[ci].start, &[','])
            || matches!(
                prev(1),
                Some("by" | "while" | "when" | "before" | "after" | "without")
            ));
    if ci == 0 {
        // "Said Dorothy Poynter, who grew up with Ali, “…”": the speaker follows the cue
        forward_np(text, before, 1)
    } else if conjoined || participle {
        subject_np(text, &before[..ci]).or_else(|| backward_np(text, before, ci))
    } else {
        backward_np(text, before, ci).or_else(|| subject_np(text, &before[..ci]))
    }
}

/// Words that open a clause before a sentence's subject ("During the debate, Trump said"; "When I
/// asked him, he said"): the subject is looked for after the comma that closes the clause.
static CLAUSE_OPENERS: Words = Words::new(&[
    "during",
    "later",
    "after",
    "when",
    "while",
    "as",
    "in",
    "on",
    "at",
    "last",
    "earlier",
    "since",
    "before",
    "following",
    "despite",
    "with",
    "if",
    "although",
    "though",
    "once",
    "for",
    "by",
    "meanwhile",
    "speaking",
    "asked",
    "yesterday",
    "today",
    "now",
    "still",
    "instead",
]);

/// The subject of the sentence in `words` when it is a name or a pronoun: past a leading
/// conjunction and any opening clause, a personal pronoun or a run of capitalized words ("Former
/// Secretary of State Madeleine Albright").
fn subject_np(text: &str, words: &[Tok]) -> Option<(usize, usize)> {
    let n = words.len();
    let mut a = 0;
    loop {
        while a < n && ["and", "but", "so", "then", "also", "yet"].contains(&words[a].norm.as_str())
        {
            a += 1;
        }
        if a < n && CLAUSE_OPENERS.contains(words[a].norm.as_str()) {
            a = (a + 1..n).find(|&k| gap_has(text, words[k - 1].end, words[k].start, &[',']))?;
            continue;
        }
        break;
    }
    let first = words.get(a)?;
    if ["he", "she", "they", "we", "i"].contains(&first.norm.as_str()) {
        return Some((a, a));
    }
    if !first.capitalized() || is_sentence_opener(&first.norm) {
        return None;
    }
    let joined = |i: usize| {
        !gap_has(
            text,
            words[i - 1].end,
            words[i].start,
            &[',', ';', ':', '(', ')', '—'],
        )
    };
    let mut b = a;
    while b + 1 < n && joined(b + 1) {
        let next = &words[b + 1];
        if next.capitalized() {
            b += 1;
        } else if next.norm == "of"
            && words
                .get(b + 2)
                .is_some_and(|w| w.capitalized() && joined(b + 2))
        {
            b += 2;
        } else {
            break;
        }
    }
    Some((a, b))
}

/// The speaker of a quotation introduced by a colon, as a token range of `before` (the words of
/// its sentence before the colon): the whole of a short all-capitalized phrase ("Zelensky:"),
/// else the name (with the role words before it) ending the phrase ("Republican pollster Daron
/// Shaw:"), else the sentence's subject when it is a name or a pronoun ("Schlafly then explained
/// its importance:").
fn colon_speaker(text: &str, before: &[Tok]) -> Option<(usize, usize)> {
    let last = before.len().checked_sub(1)?;
    if before.len() <= 6 && before.iter().all(Tok::capitalized) {
        return Some((0, last));
    }
    let joined = |i: usize| {
        !gap_has(
            text,
            before[i - 1].end,
            before[i].start,
            &[',', ';', ':', '(', ')', '—'],
        )
    };
    if before[last].capitalized() && !is_sentence_opener(&before[last].norm) {
        let mut a = last;
        while a > 0
            && joined(a)
            && (before[a - 1].capitalized() || ROLE_WORDS.contains(before[a - 1].norm.as_str()))
        {
            a -= 1;
        }
        return Some((a, last));
    }
    // the subject: the sentence's first words, past a leading conjunction
    let mut a = 0;
    while a < last
        && ["and", "but", "so", "then", "also", "still"].contains(&before[a].norm.as_str())
    {
        a += 1;
    }
    let first = &before[a];
    if PRONOUNS.contains(&first.norm.as_str()) && first.norm != "it" && first.norm != "you" {
        return Some((a, a));
    }
    if !first.capitalized() || is_sentence_opener(&first.norm) {
        return None;
    }
    let mut b = a;
    while b < last && joined(b + 1) && before[b + 1].capitalized() {
        b += 1;
    }
    Some((a, b))
}

/// A word ending in -ly written in lowercase ("allegedly", "quietly"): an adverb. "Kelly",
/// "Connolly" and "Beverly" are names.
/// A word whose period ends no sentence: an abbreviation such as "Mr." or a middle initial
/// ("Leonard E. Burman", one capital letter).
fn ends_no_sentence(t: &Tok) -> bool {
    let mut c = t.word.chars();
    let initial = matches!((c.next(), c.next()), (Some(x), None) if x.is_uppercase());
    initial || is_never_final_abbrev(&t.norm)
}

fn is_adverb(t: &Tok) -> bool {
    t.norm.ends_with("ly") && t.norm.len() > 3 && t.lowercase()
}

fn span_text(text: &str, a: usize, b: usize) -> String {
    text[a..b].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn set_cue(q: &mut Quote, text: &str, cues: &Cues, toks: &[Tok], ci: usize) {
    let t = &toks[ci];
    let mut end = t.end;
    let (len, stance) = cues
        .cue_at(text, toks, ci)
        .map_or((1, None), |(n, st)| (n, Some(st)));
    if len == 2 || t.norm == "according" && toks.get(ci + 1).is_some_and(|n| n.norm == "to") {
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
    q.stance = stance;
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
    fn scare_quotes_keep_their_source_when_the_sentence_gives_one() {
        let source = |t: &str| {
            let v = q(t);
            assert_eq!(v[0].kind, Kind::Scare, "{t}");
            (v[0].cue.clone(), v[0].speaker.clone())
        };
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            source(
                "In 2022, Russia launched what it termed a “special operation,” leading to war."
            ),
            s("termed", "it")
        );
        assert_eq!(
            source("Rep. Jim McGovern called the arrests “outrageous” on Friday."),
            s("called", "Rep. Jim McGovern")
        );
        assert_eq!(
            source("Republican senator Jeff Flake of Arizona has written that his party, in a “Faustian bargain” with Trump, lost its way."),
            s("written", "Jeff Flake")
        );
        assert_eq!(
            source("Former FBI director James Comey on Wednesday described Russia as “the greatest threat” to the country."),
            s("described", "James Comey")
        );
        assert_eq!(
            source("Trump has used the phrase “Islamic terrorism” often."),
            s("used", "Trump")
        );
        assert_eq!(
            source("Trump was livid when he learned that Mr. Kelly had described him as “evolving” in his views."),
            s("described", "Mr. Kelly")
        );
        // no subject: a participle after a comma, a noun after a possessive or a determiner,
        // a name cut off by punctuation, a plain scare quote
        for t in [
            "He spoke at the border, labeling it “lawless” and dangerous.",
            "My answer is a “yes” to that question.",
            "The ministry described Pompeo's comments as “blind accusations” today.",
            "Senator Chuck Grassley, a Republican from Iowa, said he had a “great deal of concern” about it.",
            "The troops began a “special operation” in the east.",
            "She said the United States needed to weigh a “proportionate” response.",
        ] {
            let (cue, speaker) = source(t);
            assert!(
                speaker.is_empty() || speaker == "he",
                "{t}: {cue:?} {speaker:?}"
            );
        }
    }

    #[test]
    fn direct_with_cue_after() {
        let v = q("“Following about a monthlong lull, troops returned,” the NIS stated.");
        assert_eq!(v[0].kind, Kind::Direct);
        assert_eq!(v[0].cue, "stated");
        assert_eq!(v[0].speaker, "the NIS");
        assert_eq!(v[0].speaker_type, SpeakerType::Organisation);
        // a partial quote the sentence goes on from, attributed at its end
        let v = q("The court changed.\n\n''To see the number of cases that could change with this appointee is stunning,'' since so many of the most important cases were decided by 5-to-4 votes, said Lee Epstein, who teaches constitutional law.");
        assert_eq!(
            (v[0].kind, v[0].cue.as_str(), v[0].speaker.as_str()),
            (Kind::Direct, "said", "Lee Epstein")
        );
        // a name set off by a long title before a cue of telling: the name, not the listener
        let v = q("“It might end up becoming a really, really powerful case,” Susan Hennessey, executive editor of the Lawfare blog and a senior fellow at the Brookings Institution, told PBS Newshour on Friday.");
        assert_eq!(
            (v[0].cue.as_str(), v[0].speaker.as_str()),
            ("told", "Susan Hennessey")
        );
        // verbs of the tail, outside the cue list, after a quote closing on a comma
        for (t, cue, speaker) in [
            ("“It's about time that we had a woman running this country,” exhorted Clinton's introducer, actress Jamie Lee Curtis.", "exhorted", "Clinton's introducer"),
            ("“Let's go ahead. Quiet,” Trump interrupted.", "interrupted", "Trump"),
            ("“Democrats have offered nothing new on the border,” huffed Senator Rand Paul, Republican of Kentucky.", "huffed", "Senator Rand Paul"),
        ] {
            let v = q(t);
            assert_eq!((v[0].cue.as_str(), v[0].speaker.as_str()), (cue, speaker), "{t}");
        }
        // an adjective before the next subject is no verb of saying
        let v = q(
            "He went “by the book,” fired FBI Director James Comey is about to say in his memoir.",
        );
        assert_ne!(v[0].cue, "fired");
        // a name ending in -ly is no adverb to strip
        for t in [
            "“We will win this war today,” Mr. Kelly said.",
            "“We will win this war today,” Sen. Kelly said.",
            "“We will win this war today,” Ms. Connolly said quietly.",
        ] {
            let v = q(t);
            assert!(v[0].speaker.ends_with("ly"), "{t}: {:?}", v[0].speaker);
        }
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

    fn one(t: &str, i: usize) -> Quote {
        q(t).into_iter()
            .nth(i)
            .unwrap_or_else(|| panic!("no quote {i} in {t:?}"))
    }

    #[test]
    fn floating_quote_belongs_to_the_speaker_of_the_paragraph_before() {
        let t = "“We had no warning at all,” said Ilse Dunmore, the emergency coordinator.\n\n“The water rose in minutes and the roads were gone.”\n\nThe town was evacuated.\n\n“Nobody came to help us for hours.”";
        let v = q(t);
        assert_eq!(
            (v[1].kind, v[1].speaker.as_str()),
            (Kind::Direct, "Ilse Dunmore")
        );
        // a narration paragraph in between: the third quotation has no speaker
        assert_eq!(v[2].kind, Kind::Unattributed);
    }

    #[test]
    fn a_sentence_that_ends_on_its_attribution_attributes_its_quotes() {
        // a middle initial ends no sentence; the attribution between two pieces
        let t = "Mr. Trump's proposals would.\n\n''It has the important virtue of being fiscally responsible,'' Leonard E. Burman, director of the centrist Urban-Brookings Tax Policy Center and a professor at the Maxwell School of Syracuse University, said of Mrs. Clinton's plan. ''It doesn't make our long-term fiscal problems worse.''\n\nTo varying degrees, all agreed";
        let qs = q(t);
        assert_eq!(qs.len(), 2);
        for x in &qs {
            assert_eq!(
                (x.kind, x.speaker.as_str()),
                (Kind::Direct, "Leonard E. Burman")
            );
        }
        // a quoted fragment, then the rest of the sentence, then ", Name said."
        let t = "economy.\n\n''I have admiration for the mechanics'' of the Clinton proposals, Mr. Holtz-Eakin said. ''They're more detailed than Trump's.''\n\nEveryone";
        let qs = q(t);
        assert_eq!((qs[0].kind, qs[0].cue.as_str()), (Kind::Direct, "said"));
        assert_eq!(qs[0].speaker, "Mr. Holtz-Eakin");
        assert_eq!(qs[1].speaker, "Mr. Holtz-Eakin");
        let t = "Bank executives aren’t.\n\n“The only way Wall Street will change will be if executives face jail time” for criminal behavior, she said.\n\nNext";
        assert_eq!(q(t)[0].speaker, "she");
        // a phrase named in a sentence attributed to someone else stays what it was
        let t = "Critics called it a “special operation” in the region, officials said.";
        assert_eq!(q(t)[0].kind, Kind::Scare);
    }

    #[test]
    fn states_in_a_name_is_no_cue_but_says_in_a_headline_is() {
        // "United States" is a name in running text, not the cue "states"
        let t = "Critics say the United States “should have known better” about the deal.";
        assert_ne!(q(t)[0].cue, "States");
        let t = "He warned that the United States “will not stand by.”";
        assert_ne!(q(t)[0].cue, "States");
        // a headline in Title Case keeps its cue
        let t = "Trump Says “No Collusion” After Report";
        assert_eq!(q(t)[0].cue, "Says");
    }

    #[test]
    fn names_with_their_organization_adverbs_and_nouns_after_a_determiner() {
        // a name, then its organization
        let t = "for reclamations.\n\n\"It was the least bad outcome,\" Mr. Morgan of the Sierra Club said.";
        assert_eq!(q(t)[0].speaker, "Mr. Morgan of the Sierra Club");
        // an adverb of frequency between the speaker and the cue
        let t = "drug addiction. \"We live in Satan's kingdom,\" my father often said.\n\nHe also";
        let x = &q(t)[0];
        assert_eq!((x.kind, x.speaker.as_str()), (Kind::Direct, "my father"));
        // "the states" is a noun: the cue is the verb after the appositive
        let t = "“It’s an invasion of the state regulatory domain,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said.";
        let x = &q(t)[0];
        assert_ne!(x.cue, "states");
    }

    #[test]
    fn titles_are_part_of_a_name() {
        let v = one(
            "“The injuries were severe,” said Dr. Matthew Bowes, the chief medical examiner.",
            0,
        );
        assert_eq!(v.speaker, "Dr. Matthew Bowes");
        assert_eq!(v.speaker_resolved, "Matthew Bowes");
        let v = one(
            "“It’s a dog whistle to all of us,” Rep. Gwen Moore (D-Wis.) said Friday.",
            0,
        );
        assert_eq!(
            (v.speaker.as_str(), v.speaker_resolved.as_str()),
            ("Rep. Gwen Moore", "Gwen Moore")
        );
        let v = one(
            "Sen. Bernie Sanders (I-Vt.) said: “We will release the records this week.”",
            0,
        );
        assert_eq!(v.speaker_resolved, "Bernie Sanders");
    }

    #[test]
    fn cues_beyond_said() {
        for (t, cue, speaker) in [
            (
                "“Where is the money, and who has it?” she asks.",
                "asks",
                "she",
            ),
            (
                "“Not us but can’t argue with it!” Murphy tweeted on Friday.",
                "tweeted",
                "Murphy",
            ),
            (
                "“You should be ashamed of yourself,” Warren scolded.",
                "scolded",
                "Warren",
            ),
            (
                "“They are all here for the free stuff,” Bennett shot back with a laugh.",
                "shot back",
                "Bennett",
            ),
            (
                "“It was the worst possible result for us,” as one aide put it.",
                "put it",
                "one aide",
            ),
            (
                "“Four more years, four more years!” the crowd was chanting.",
                "chanting",
                "the crowd",
            ),
            (
                "Republican pollster Daron Shaw: “Historically, lesser-known candidates win here.”",
                ":",
                "Republican pollster Daron Shaw",
            ),
        ] {
            let v = one(t, 0);
            assert_eq!(
                (v.kind, v.cue.as_str(), v.speaker.as_str()),
                (Kind::Direct, cue, speaker),
                "{t}"
            );
        }
        // a dash of any kind after the closing mark names the speaker
        let v = one("“He represents our greatest shame.”― Pamela Padilla", 0);
        assert_eq!(
            (v.cue.as_str(), v.speaker.as_str()),
            ("―", "Pamela Padilla")
        );
    }

    #[test]
    fn participles_take_the_subject_of_the_sentence() {
        let v = one("Former Secretary of State Madeleine Albright urged women to vote, saying, “There is a special place in hell.”", 0);
        assert_eq!(v.speaker, "Former Secretary of State Madeleine Albright");
        assert_eq!(v.speaker_resolved, "Madeleine Albright");
        let v = one(
            "Hayek confirmed she had been and said, “America has a very severe problem.”",
            0,
        );
        assert_eq!(v.speaker, "Hayek");
    }

    #[test]
    fn roles_and_pronouns_resolve_to_the_name_first_introduced() {
        let v = one("Caleb Jones scored twice on Tuesday. “It felt great to help the team win,” the rookie defenceman said.", 0);
        assert_eq!(
            (v.speaker_type, v.speaker_resolved.as_str()),
            (SpeakerType::Role, "Caleb Jones")
        );
        let v = one(
            "Erik Karlsson skated well. The team won. “We were ready for this one,” Karlsson said.",
            0,
        );
        assert_eq!(v.speaker_resolved, "Erik Karlsson");
        let v = one("Maria Lopez spoke first. The crowd listened quietly. “We will rebuild this town,” she said.", 0);
        assert_eq!(
            (v.speaker_type, v.speaker_resolved.as_str()),
            (SpeakerType::Named, "Maria Lopez")
        );
        // a spokesman is not the person last named
        let v = one(
            "Donald Trump attacked Ted Cruz. “We will not respond to that,” the spokesman said.",
            0,
        );
        assert_eq!(v.speaker_resolved, "the spokesman");
    }

    #[test]
    fn nested_quotes_of_the_other_style() {
        let v = q("\"The department isn’t about “equal rights” at all,\" Ward said.");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].speaker, "Ward");
    }
}
