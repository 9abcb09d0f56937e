//! Quotations: spans (curly, straight, guillemets, low-9, corner brackets; apostrophes told apart;
//! quotes over several paragraphs; unbalanced marks recovered at the paragraph end), kinds
//! (direct, scare, unattributed, title), reporting cues with stance, and speakers with their type.

use crate::tokenize::{normalize, Tokenized};
use ahash::AHashMap as HashMap;

/// The built-in reporting-verb lexicon.
pub const CUES_EN: &str = include_str!("../data/lexicons/cues_en.csv");

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

/// Quote mark families: marks of one family pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// How a mark can act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn mark(c: char) -> Option<(Family, Role)> {
    Some(match c {
        '\u{201C}' => (Family::Double, Role::Either), // “ opens in English, closes after „
        '\u{201D}' => (Family::Double, Role::Close),  // ”
        '"' | '\u{FF02}' => (Family::Double, Role::Either),
        '\u{201E}' => (Family::Double, Role::Open), // „
        '\u{00AB}' | '\u{300C}' | '\u{300E}' | '\u{301D}' => (Family::Double, Role::Open), // « 「 『 〝
        '\u{00BB}' | '\u{300D}' | '\u{300F}' | '\u{301E}' => (Family::Double, Role::Close), // » 」 』 〞
        '\u{2018}' | '\u{201A}' | '\u{2039}' => (Family::Single, Role::Open),               // ‘ ‚ ‹
        '\u{2019}' | '\u{203A}' => (Family::Single, Role::Close),                           // ’ ›
        '\'' => (Family::Single, Role::Either),
        '`' => (Family::Single, Role::Open),
        _ => return None,
    })
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | ':'
                        | '“'
                        | '‘'
                        | '"'
                        | '\''
                        | '«'
                        | '„'
                )
        }
    }
}

fn is_close_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || (n.is_ascii_punctuation() && n != '\'')
                || matches!(n, '—' | '–' | '”' | '’' | '»' | '…')
        }
    }
}

/// Apostrophe cases that look like an opening single quote: '90s, 'n', 'em, 'til, 'cause, 'tis.
fn apostrophe_opening(after: &str) -> bool {
    let lower: String = after.chars().take(7).collect::<String>().to_lowercase();
    let first = lower.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    [
        "n'", "n’", "em ", "til ", "cause ", "tis ", "twas ", "bout ", "round ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[derive(Debug, Clone, Copy)]
struct Open {
    start: usize,
    family: Family,
    opener: char,
    paragraphs: u32,
}

/// Finds quotation spans in `text[body..]` (offsets stay relative to the whole `text`).
///
/// Returns `(start, end, unbalanced, paragraphs)`; spans never overlap and never run past a
/// paragraph unless the next paragraph reopens the quote.
pub fn find_spans(text: &str, body: usize) -> Vec<(usize, usize, bool, u32)> {
    spans::<true>(text, body)
}

/// [`find_spans`] looking at every character instead of jumping between bytes that can start a
/// quotation mark: the reference the fast version is tested against (not for use).
#[doc(hidden)]
pub fn find_spans_char_by_char(text: &str, body: usize) -> Vec<(usize, usize, bool, u32)> {
    spans::<false>(text, body)
}

/// Bytes that can start a quotation mark in UTF-8 (see `mark`): `"` `'` `` ` `` and the lead
/// bytes of « » (C2), ‘ ’ ‚ “ ” „ ‹ › (E2), 「 」 『 』 〝 〞 (E3) and ＂ (EF).
static MARK_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'`' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

fn spans<const SKIP: bool>(text: &str, body: usize) -> Vec<(usize, usize, bool, u32)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut dbl: Option<Open> = None;
    let mut sgl: Option<Open>;
    let mut para_start = body;
    let len = text.len();
    while para_start < len {
        let para_end = memchr::memchr(b'\n', &bytes[para_start..])
            .map(|i| para_start + i)
            .unwrap_or(len);
        let para = &text[para_start..para_end];
        if para.trim().is_empty() {
            para_start = para_end + 1;
            continue;
        }
        // A quote carried over from the previous paragraph continues only if this one reopens it.
        let lead_ws = para.len() - para.trim_start().len();
        let first = para.trim_start().chars().next();
        let mut skip_at = usize::MAX;
        if let Some(o) = dbl.as_mut() {
            if first.is_some_and(|c| {
                mark(c).is_some_and(|(f, r)| f == Family::Double && r != Role::Close)
            }) || para.trim_start().starts_with("''")
                || para.trim_start().starts_with("``")
            {
                o.paragraphs += 1;
                skip_at = para_start + lead_ws;
            } else {
                dbl = None;
            }
        }
        sgl = None;
        let pb = para.as_bytes();
        let mut off = 0;
        let mut prev: Option<char> = None;
        while off < pb.len() {
            if SKIP && !MARK_LEAD[pb[off] as usize] {
                // no mark starts before the next lead byte: jump there, remembering the
                // character before it (what the rules below look at)
                let k = pb[off..]
                    .iter()
                    .position(|&b| MARK_LEAD[b as usize])
                    .map_or(pb.len(), |k| off + k);
                prev = para[..k].chars().next_back();
                off = k;
                continue;
            }
            let Some(mut c) = para[off..].chars().next() else {
                break;
            };
            let mut width = c.len_utf8();
            let mut next = para[off + width..].chars().next();
            let pos = para_start + off;
            if (c == '\'' || c == '`') && next == Some(c) {
                // '' and `` as one double mark (NYT and LaTeX style)
                width = 2;
                next = para[off + width..].chars().next();
                c = '"';
            }
            if let Some((fam, role)) = mark(c) {
                if pos == skip_at {
                    prev = Some(c);
                    off += width;
                    continue;
                }
                match fam {
                    Family::Double => {
                        sgl = None; // a double mark ends any single-quote guess
                        let can_close = match role {
                            Role::Close => true,
                            Role::Open => false,
                            Role::Either => {
                                dbl.is_some_and(|o| o.opener == '\u{201E}' && c == '\u{201C}')
                                    || !is_open_context(prev)
                                    || is_close_context(next) && c != '\u{201C}'
                            }
                        };
                        let can_open = match role {
                            Role::Open => true,
                            Role::Close => {
                                is_open_context(prev) && next.is_some_and(|n| n.is_alphanumeric())
                            }
                            Role::Either => is_open_context(prev) || c == '\u{201C}',
                        };
                        match dbl {
                            Some(o)
                                if can_close
                                    && (c != '\u{201C}'
                                        || o.opener == '\u{201E}'
                                        || !is_open_context(prev)
                                        || next.is_none_or(|n| n.is_whitespace())) =>
                            {
                                let end = pos + width;
                                if text[o.start..end].chars().count() > 2 || end - o.start > 2 {
                                    out.push((o.start, end, false, o.paragraphs));
                                }
                                dbl = None;
                            }
                            Some(o) if can_open => {
                                // A new opener while one is open: the earlier quote was never closed.
                                let e = trim_end_at(text, o.start, pos);
                                out.push((o.start, e, true, o.paragraphs));
                                dbl = Some(Open {
                                    start: pos,
                                    family: fam,
                                    opener: c,
                                    paragraphs: 1,
                                });
                            }
                            Some(_) => {}
                            None if can_open => {
                                dbl = Some(Open {
                                    start: pos,
                                    family: fam,
                                    opener: c,
                                    paragraphs: 1,
                                })
                            }
                            None => {}
                        }
                    }
                    Family::Single if dbl.is_none() => {
                        let letter_before = prev.is_some_and(char::is_alphanumeric);
                        let letter_after = next.is_some_and(char::is_alphanumeric);
                        match sgl {
                            None => {
                                let opens = role != Role::Close
                                    && is_open_context(prev)
                                    && next
                                        .is_some_and(|n| n.is_alphanumeric() || mark(n).is_some())
                                    && !apostrophe_opening(&para[off + c.len_utf8()..]);
                                if opens {
                                    sgl = Some(Open {
                                        start: pos,
                                        family: fam,
                                        opener: c,
                                        paragraphs: 1,
                                    });
                                }
                            }
                            Some(o) => {
                                let closes = role != Role::Open
                                    && !(letter_before && letter_after)
                                    && !prev.is_some_and(char::is_whitespace)
                                    && is_close_context(next);
                                if closes {
                                    let end = pos + c.len_utf8();
                                    out.push((o.start, end, false, 1));
                                    sgl = None;
                                }
                            }
                        }
                    }
                    Family::Single => {}
                }
            }
            prev = Some(c);
            off += width;
        }
        // End of paragraph: a double quote stays open only if the next paragraph reopens it.
        if let Some(o) = dbl {
            let mut np = para_end + 1;
            while np < len {
                let ne = memchr::memchr(b'\n', &bytes[np..])
                    .map(|i| np + i)
                    .unwrap_or(len);
                if !text[np..ne].trim().is_empty() {
                    break;
                }
                np = ne + 1;
            }
            let next_para = if np < len {
                text[np..].trim_start()
            } else {
                ""
            };
            let reopens = np < len
                && (next_para.chars().next().is_some_and(|c| {
                    mark(c).is_some_and(|(f, r)| f == o.family && r != Role::Close)
                }) || o.family == Family::Double
                    && (next_para.starts_with("''") || next_para.starts_with("``")));
            if !reopens {
                let e = trim_end_at(text, o.start, para_end);
                if e > o.start + 1 {
                    out.push((o.start, e, true, o.paragraphs));
                }
                dbl = None;
            }
        }
        para_start = para_end + 1;
    }
    if let Some(o) = dbl {
        out.push((o.start, trim_end_at(text, o.start, len), true, o.paragraphs));
    }
    out.sort_by_key(|s| s.0);
    out
}

/// End offset with trailing whitespace removed, never before `start`.
fn trim_end_at(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Words that end a speaker phrase when read outward from the cue.
const SPEAKER_STOP: &[&str] = &[
    "that",
    "and",
    "but",
    "who",
    "which",
    "when",
    "while",
    "as",
    "because",
    "if",
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "to",
    "for",
    "with",
    "from",
    "of",
    "last",
    "on",
    "this",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "told",
    "via",
    "by",
    "so",
    "then",
    "also",
    "recently",
    "previously",
    "once",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "could",
    "it's",
];

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

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

const ANON_MARKERS: &[&str] = &[
    "source",
    "sources",
    "insider",
    "insiders",
    "anonymity",
    "anonymous",
    "unnamed",
    "unidentified",
    "familiar",
    "someone",
    "person",
    "people",
    "aide",
    "aides",
];

const ROLE_WORDS: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "minister",
    "president",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "diplomat",
    "diplomats",
    "lawyer",
    "lawyers",
    "attorney",
    "officer",
    "officers",
    "police",
    "prosecutor",
    "prosecutors",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "researcher",
    "researchers",
    "economist",
    "economists",
    "critic",
    "critics",
    "lawmaker",
    "lawmakers",
    "senator",
    "senators",
    "adviser",
    "advisers",
    "advisor",
    "leader",
    "leaders",
    "chief",
    "director",
    "governor",
    "mayor",
    "secretary",
    "statement",
    "campaign",
    "doctor",
    "doctors",
    "scientist",
    "scientists",
    "activist",
    "activists",
    "member",
    "members",
    "representative",
    "representatives",
    "commander",
    "commanders",
    "soldier",
    "soldiers",
    "voter",
    "voters",
    "supporter",
    "supporters",
    "opponent",
    "opponents",
    "observer",
    "observers",
];

const ORG_WORDS: &[&str] = &[
    "service",
    "agency",
    "ministry",
    "department",
    "government",
    "military",
    "army",
    "police",
    "company",
    "corporation",
    "inc",
    "ltd",
    "committee",
    "council",
    "commission",
    "party",
    "office",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "network",
    "bureau",
    "institute",
    "university",
    "association",
    "union",
    "bank",
    "court",
    "house",
    "administration",
    "kremlin",
    "pentagon",
    "group",
    "organization",
    "organisation",
    "foundation",
    "board",
    "parliament",
    "congress",
    "senate",
    "ilbo",
    "yonhap",
    "authority",
    "authorities",
    "hospital",
    "wire",
    "courier",
    "ledger",
    "council",
    "ministry",
    "school",
    "police",
    "firm",
    "fund",
    "bureau",
    "commission",
    "reuters",
    "ap",
    "afp",
    "cnn",
    "bbc",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "tass",
    "xinhua",
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
                .is_some_and(|p: &Tok| crate::tokenize::is_never_final_abbrev(&p.norm));
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
                && !crate::tokenize::is_never_final_abbrev(&norm_t)
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
            text[start..end].trim_end_matches(|c: char| mark(c).is_some() || c.is_whitespace());
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
                            || [
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
                            ]
                            .contains(&t.norm.as_str())
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
                let is_verb = |i: usize| {
                    i == 0
                        || ![
                            "a", "an", "the", "this", "that", "his", "her", "its", "their", "our",
                        ]
                        .contains(&before[i - 1].norm.as_str())
                };
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
                    || [
                        "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with",
                    ]
                    .contains(&w)
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

/// The first run of two or more capitalized words in the sentence before token `first` (or the
/// sentence before that): the likely antecedent of "he" or "she" ("Mayor Lio Straub urged calm.").
fn nearby_name(
    text: &str,
    toks: &[crate::tokenize::Token],
    first: usize,
    body: usize,
) -> Option<String> {
    if first == 0 {
        return None;
    }
    let cur = toks[first - 1].sentence;
    for s in [cur, cur.wrapping_sub(1)] {
        if s == u32::MAX {
            break;
        }
        let lo = toks[..first].partition_point(|t| t.sentence < s);
        let hi = toks[..first].partition_point(|t| t.sentence <= s);
        let mut i = lo;
        while i < hi {
            let cap = |t: &crate::tokenize::Token| {
                text[t.start as usize..t.end as usize]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            if cap(&toks[i]) {
                let mut j = i;
                while j + 1 < hi
                    && cap(&toks[j + 1])
                    && !text[toks[j].end as usize..toks[j + 1].start as usize]
                        .contains([',', '.', '“', '"', ':'])
                {
                    j += 1;
                }
                if j > i && toks[i].start as usize >= body {
                    return Some(span_text(
                        text,
                        toks[i].start as usize,
                        toks[j].end as usize,
                    ));
                }
                i = j + 1;
            } else {
                i += 1;
            }
        }
    }
    None
}

/// The largest char boundary at or below `i`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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

/// "of", "for" and "to" may sit inside a speaker phrase after a role word ("spokesman for X").
fn crossable(t: &Tok, words: &[&Tok]) -> bool {
    let i = words.iter().position(|w| std::ptr::eq(*w, t)).unwrap_or(0);
    ["of", "for", "with", "to", "at"].contains(&t.norm.as_str())
        && i > 0
        && (ROLE_WORDS.contains(&words[i - 1].norm.as_str())
            || ANON_MARKERS.contains(&words[i - 1].norm.as_str())
            || words[i - 1].norm == "close")
}

/// A noun phrase read forward from `from`: up to a stop word, punctuation or 8 words.
fn forward_np(text: &str, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
    if from >= toks.len() {
        return None;
    }
    let mut b = from;
    if SPEAKER_STOP.contains(&toks[from].norm.as_str()) {
        return None;
    }
    while b + 1 < toks.len() && b + 1 - from < 8 {
        let n = &toks[b + 1];
        if gap_has(
            text,
            toks[b].end,
            n.start,
            &[',', ';', ':', '(', ')', '.', '“', '"', '—'],
        ) || SPEAKER_STOP.contains(&n.norm.as_str())
        {
            break;
        }
        b += 1;
    }
    Some((from, b))
}

/// A noun phrase read backward from the cue at `ci`: up to a stop word, punctuation or 8 words.
/// A comma-delimited appositive or relative clause right before the cue ("Hal Brenner, the
/// director, said"; "a senior engineer, who asked not to be named, said") is skipped.
fn backward_np(text: &str, toks: &[Tok], ci: usize) -> Option<(usize, usize)> {
    if ci == 0 {
        return None;
    }
    let mut e = ci - 1;
    // skip adverbs right before the cue ("allegedly told")
    while e > 0 && toks[e].norm.ends_with("ly") && toks[e].norm.len() > 4 {
        e -= 1;
    }
    if gap_has(text, toks[e].end, toks[ci].start, &[',']) {
        // find the comma that opens the appositive
        let mut k = e;
        while k > 0 && e - k < 12 && !gap_has(text, toks[k - 1].end, toks[k].start, &[',', '(']) {
            k -= 1;
        }
        if k > 0 && gap_has(text, toks[k - 1].end, toks[k].start, &[',']) {
            let head = k - 1;
            if !SPEAKER_STOP.contains(&toks[head].norm.as_str()) {
                let r = np_back_from(text, toks, head);
                let (a, b) = r;
                let has_cap_or_role = toks[a..=b].iter().any(|t| {
                    t.word.chars().next().is_some_and(char::is_uppercase)
                        || ROLE_WORDS.contains(&t.norm.as_str())
                        || ANON_MARKERS.contains(&t.norm.as_str())
                });
                if has_cap_or_role {
                    return Some((a, b));
                }
            }
        }
    }
    if SPEAKER_STOP.contains(&toks[e].norm.as_str()) {
        return None;
    }
    Some(np_back_from(text, toks, e))
}

/// Extends a phrase ending at `e` backward over words until punctuation or a stop word;
/// "of" and "for" are crossed after a role word ("a spokesperson for the authority").
fn np_back_from(text: &str, toks: &[Tok], e: usize) -> (usize, usize) {
    let mut a = e;
    while a > 0 && e + 1 - a < 9 {
        let p = &toks[a - 1];
        if gap_has(
            text,
            p.end,
            toks[a].start,
            &[',', ';', ':', '(', ')', '.', '”', '"', '—'],
        ) {
            break;
        }
        let crossing = ((p.norm == "of" || p.norm == "for" || p.norm == "with")
            && a >= 2
            && (ROLE_WORDS.contains(&toks[a - 2].norm.as_str())
                || ANON_MARKERS.contains(&toks[a - 2].norm.as_str())))
            || (p.norm == "to" && a >= 2 && toks[a - 2].norm == "close");
        if SPEAKER_STOP.contains(&p.norm.as_str()) && !crossing {
            break;
        }
        a -= 1;
    }
    (a, e)
}

/// Strips leading conjunction-like words and trailing adverbs from a speaker phrase.
fn clean_speaker(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut a = 0;
    let mut b = words.len();
    while b > a + 1 && words[b - 1].to_lowercase().ends_with("ly") && words[b - 1].len() > 4 {
        b -= 1;
    }
    while a < b && ["and", "but", "so", "then", "also"].contains(&words[a].to_lowercase().as_str())
    {
        a += 1;
    }
    words[a..b]
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Types a speaker phrase and resolves pronouns.
fn classify_speaker(
    sp: &str,
    text: &str,
    end: usize,
    last_named: Option<&str>,
    last_group: Option<&str>,
) -> (SpeakerType, String) {
    let lower = sp.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    // Anonymity signalled around the quote ("citing an anonymous source", "on condition of anonymity").
    let window = floor_boundary(text, end + 240);
    let ctx_end = text[end..window]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(window);
    let around = text[end..ctx_end].to_lowercase();
    if words.iter().any(|w| ANON_MARKERS.contains(w))
        || around.contains("anonymous source")
        || around.contains("condition of anonymity")
    {
        return (SpeakerType::Anonymous, sp.to_string());
    }
    if words.is_empty() {
        return (SpeakerType::Unknown, String::new());
    }
    if words.len() == 1 && PRONOUNS.contains(&words[0]) {
        let r = match words[0] {
            "he" | "she" | "i" => last_named,
            _ => last_group.or(last_named),
        };
        return match r {
            Some(n) => (
                if words[0] == "he" || words[0] == "she" {
                    SpeakerType::Named
                } else {
                    SpeakerType::Organisation
                },
                n.to_string(),
            ),
            None => (SpeakerType::Unknown, sp.to_string()),
        };
    }
    let orig: Vec<&str> = sp.split_whitespace().collect();
    let caps: Vec<&&str> = orig
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let acronym = orig.iter().any(|w| {
        w.len() >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
            && w.chars().any(char::is_alphabetic)
    });
    if words
        .iter()
        .any(|w| ORG_WORDS.contains(&w.trim_end_matches("'s").trim_end_matches("’s")))
        || acronym
    {
        return (SpeakerType::Organisation, sp.to_string());
    }
    if caps.is_empty()
        || words.iter().any(|w| ROLE_WORDS.contains(w))
            && caps.len() <= 1
            && ["a", "an", "the"].contains(&words[0])
    {
        return (SpeakerType::Role, sp.to_string());
    }
    (SpeakerType::Named, sp.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn q(t: &str) -> Vec<Quote> {
        find_quotes(t, 0, &tokenize(t), &Cues::builtin())
    }
    fn spans(t: &str) -> Vec<&str> {
        find_spans(t, 0).iter().map(|s| &t[s.0..s.1]).collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            spans("He said “hello there” and \"bye now\"."),
            vec!["“hello there”", "\"bye now\""]
        );
        assert_eq!(
            spans("«Bonjour» and „Guten Tag“ and 「こんにちは」"),
            vec!["«Bonjour»", "„Guten Tag“", "「こんにちは」"]
        );
        assert_eq!(spans("Er sagte ‹nein› und ging."), vec!["‹nein›"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(spans("Don't stop the students' union in the '90s with rock 'n' roll.").is_empty());
        assert_eq!(
            spans("They called it ‘a farce’ and it wasn’t."),
            vec!["‘a farce’"]
        );
        assert_eq!(spans("He said 'no way' twice."), vec!["'no way'"]);
    }

    #[test]
    fn single_inside_double() {
        assert_eq!(
            spans("“He called it ‘fake’ again,” she said."),
            vec!["“He called it ‘fake’ again,”"]
        );
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
    fn unbalanced_recovers_at_paragraph_end() {
        let t = "He said “this never closes.\nThe next paragraph has “a quote” in it.";
        let s = find_spans(t, 0);
        assert_eq!(s.len(), 2);
        assert!(s[0].2, "flagged");
        assert_eq!(&t[s[0].0..s[0].1], "“this never closes.");
        assert_eq!(&t[s[1].0..s[1].1], "“a quote”");
    }

    #[test]
    fn pretokenized_spacing() {
        assert_eq!(
            spans("“ Everyone seemed to like him , ” he said ."),
            vec!["“ Everyone seemed to like him , ”"]
        );
        assert_eq!(
            spans("\" Everyone liked him , \" he said ."),
            vec!["\" Everyone liked him , \""]
        );
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
