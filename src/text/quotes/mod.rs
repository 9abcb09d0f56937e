//! Quotations: spans found by the mark scanner (`marks.rs`: curly, straight, guillemets, low-9, corner brackets;
//! apostrophes told apart; quotes over several paragraphs; unbalanced marks recovered at the
//! paragraph end), then each classified here (direct, scare, unattributed, title) with its
//! reporting cue and stance, and its speaker read and typed (`speaker.rs`).

//!
//! Each quotation is read in its [`context`]; the attribution [`rules`] are tried in order, the
//! first that finds a cue or a speaker attributing it and naming itself in [`Quote::rule`]; the
//! [`kind`] is decided after; the speaker is resolved through the document's state
//! ([`resolve::Speakers`]).

mod context;
mod indirect;
mod kind;
mod lang;
mod marks;
mod people;
mod resolve;
mod rules;
mod speaker;
mod subjects;
mod words;

pub use indirect::{find_indirect, indirect_rule_names};
pub use lang::{find_quotes_lang, lang_rule_names};
pub use marks::{find_spans, find_spans_char_by_char, Span};
pub use rules::rule_names;

use crate::text::tokenize::{is_never_final_abbrev, Tokenized};
use ahash::AHashMap as HashMap;
use context::{Context, Doc};
use rules::Attribution;
use words::Words;

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
    /// Reported speech without marks ("X said that …", "according to X, …"; see [`find_indirect`]).
    Indirect,
    /// Reported speech holding a partial quotation ("X said the deal was “a disaster”").
    Mixed,
}

impl Kind {
    /// Name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Scare => "scare",
            Kind::Unattributed => "unattributed",
            Kind::Title => "title",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
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
    /// No speaker.
    Unknown,
    /// A speaker written as a pronoun or a function word that names nobody the document
    /// introduces: `speaker_resolved` is empty.
    Unresolved,
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
            SpeakerType::Unresolved => "unresolved",
        }
    }
}

/// A speaker's gender as the article's own words give it: the pronouns it uses for the speaker
/// and honorifics or gendered titles (Mr., Mrs., Ms., spokeswoman); never from first names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Gender {
    /// The article calls the speaker "she", "Mrs.", "Ms." or the like.
    Female,
    /// The article calls the speaker "he", "Mr." or the like.
    Male,
    /// No such word, or both.
    #[default]
    Unknown,
}

impl Gender {
    /// Name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Unknown => "unknown",
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
    /// The speaker's gender as the article gives it (see [`Gender`]).
    pub speaker_gender: Gender,
    /// Stance of the cue.
    pub stance: Option<Stance>,
    /// No closing mark was found; closed at the paragraph end.
    pub unbalanced: bool,
    /// Number of paragraphs the quote spans.
    pub paragraphs: u32,
    /// The quote continues the previous one (same speaker, attribution inherited).
    pub continues: bool,
    /// The attribution rule that gave the cue and speaker (see [`rule_names`]); none for a
    /// quotation no rule attributed, or a title. Not written to any table.
    pub rule: Option<&'static str>,
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
    let doc = Doc::new(text, body, &tk.tokens, cues, &spans);
    direct_pass(&doc).0
}

/// The quotations of a document ([`find_quotes`]) and its indirect and mixed attributions
/// ([`find_indirect`]), the document read once: its people and names, which both resolve
/// speakers through, are gathered once for both.
pub fn find_quotes_and_indirect(
    text: &str,
    body: usize,
    tk: &Tokenized,
    cues: &Cues,
) -> (Vec<Quote>, Vec<Quote>) {
    let spans = find_spans(text, body);
    let doc = Doc::new(text, body, &tk.tokens, cues, &spans);
    let (mut quotes, speakers) = direct_pass(&doc);
    let reported = indirect::find_in(&doc, &quotes, speakers.handover());
    adopt_clause_quotes(text, &mut quotes, &reported);
    (quotes, reported)
}

/// Whether one of the three words before byte `start` is a [`words::DISTANCING`] word.
fn distanced(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let from = head.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    head[from..].split_whitespace().rev().take(3).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        words::DISTANCING.contains(w.to_lowercase().as_str())
    })
}

/// Whether the reported attribution `r` holds the quotation in marks `q`: `q` begins inside
/// its clause (which may end before the quotation's closing mark and punctuation: "said Cohen
/// was “lying to reduce his jail time.”").
pub fn holds(r: &Quote, q: &Quote) -> bool {
    r.start <= q.start && q.start < r.end
}

/// The rule named on a quotation in marks that a reported clause holds
/// ([`adopt_clause_quotes`]).
pub const IN_REPORTED_CLAUSE: &str = "in-reported-clause";

/// Quotations in marks that begin inside a clause the indirect pass attributed ("He argued that
/// … the collection itself “was a serious violation …”", "said Cohen was “lying …”", "said he
/// was “heartened” that …"), left unattributed or typed scare by the direct pass (its words
/// before the quotation stop at an earlier quotation, so the verb is out of its sight): the
/// speaker's own words inside the writer's report of them, `mixed`, with the clause's cue and
/// speaker. Titles and quotations already attributed keep theirs, and so does a quotation the
/// writer distances with a word just before it ("on the grounds that he was allegedly a
/// “Nazi”", "the so-called “experts”"): the marks are the writer's, a scare quote.
pub fn adopt_clause_quotes(text: &str, quotes: &mut [Quote], reported: &[Quote]) {
    for q in quotes
        .iter_mut()
        .filter(|q| matches!(q.kind, Kind::Unattributed | Kind::Scare))
        .filter(|q| !distanced(text, q.start))
    {
        let holder = reported
            .iter()
            .find(|r| holds(r, q) && !r.speaker.is_empty())
            // a date is never a speaker ("in January said Cohen was “lying …”")
            .filter(|r| !rules::names_a_time_or_dateline(&r.speaker));
        if let Some(r) = holder {
            q.kind = Kind::Mixed;
            q.cue.clone_from(&r.cue);
            q.cue_span = r.cue_span;
            q.speaker.clone_from(&r.speaker);
            q.speaker_resolved.clone_from(&r.speaker_resolved);
            q.speaker_type = r.speaker_type;
            q.speaker_gender = r.speaker_gender;
            q.stance = r.stance;
            q.rule = Some(IN_REPORTED_CLAUSE);
        }
    }
}

/// The quotations of `doc` attributed, typed and resolved, and the speaker state they leave.
fn direct_pass(doc: &Doc) -> (Vec<Quote>, resolve::Speakers) {
    let spans = doc.spans;
    let mut speakers = resolve::Speakers::default();
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    for qi in 0..spans.len() {
        let mut ctx = Context::new(doc, spans, qi, quotes.last());
        let mut q = read_quote(&mut ctx);
        let first_in = ctx.first_in;
        speakers.resolve(doc, &mut q, first_in);
        quotes.push(q);
    }
    (quotes, speakers)
}

/// One quotation attributed by the rules and given its kind, its speaker as written.
fn read_quote(ctx: &mut Context) -> Quote {
    let mut found = rules::attribute(ctx);
    if let Some(a) = found.as_mut() {
        a.continues = a.continues || rules::shares_previous_cue(ctx, a);
    }
    let kind = kind::decide(ctx, found.as_ref());
    if kind == Kind::Scare {
        found = kind::scare_source(ctx);
    }
    let mut q = Quote::unattributed(ctx.span);
    q.kind = kind;
    if let Some(a) = found {
        q.attribute(a);
    }
    if kind == Kind::Title {
        // a title has no speaker; where the rule found the cue stays
        q.cue.clear();
        q.speaker.clear();
        q.stance = None;
        q.rule = None;
    }
    q
}

impl Quote {
    /// The quotation of a span, no attribution yet.
    fn unattributed(span: Span) -> Self {
        Self {
            start: span.start,
            end: span.end,
            kind: Kind::Unattributed,
            cue: String::new(),
            cue_span: None,
            speaker: String::new(),
            speaker_resolved: String::new(),
            speaker_type: SpeakerType::Unknown,
            speaker_gender: Gender::Unknown,
            stance: None,
            unbalanced: span.unbalanced,
            paragraphs: span.paragraphs,
            continues: false,
            rule: None,
        }
    }

    /// Takes the cue, stance and speaker a rule found.
    fn attribute(&mut self, a: Attribution) {
        self.cue = a.cue;
        self.cue_span = a.cue_span;
        self.stance = a.stance;
        self.speaker = a.speaker;
        self.continues = a.continues;
        self.rule = Some(a.rule);
    }
}

/// A word whose period ends no sentence: an abbreviation such as "Mr." or a middle initial
/// ("Leonard E. Burman", one capital letter).
fn ends_no_sentence(t: &Tok) -> bool {
    let mut c = t.word.chars();
    let initial = matches!((c.next(), c.next()), (Some(x), None) if x.is_uppercase());
    initial || is_never_final_abbrev(&t.norm)
}

/// A word ending in -ly written in lowercase ("allegedly", "quietly"): an adverb. "Kelly",
/// "Connolly" and "Beverly" are names.
fn is_adverb(t: &Tok) -> bool {
    t.norm.ends_with("ly") && t.norm.len() > 3 && t.lowercase()
}

/// The text between two byte offsets, its spaces and line breaks made single spaces.
fn span_text(text: &str, a: usize, b: usize) -> String {
    text[a..b].split_whitespace().collect::<Vec<_>>().join(" ")
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
            &t[s[0].start..s[0].end],
            "“First part of it.\n\n“Second part ends here,”"
        );
        assert_eq!(s[0].paragraphs, 2);
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
        // a participle after a comma: the words are the governing subject's (mixed, rule
        // governing-subject)
        let v = q("He spoke at the border, labeling it “lawless” and dangerous.");
        assert_eq!((v[0].kind, v[0].speaker.as_str()), (Kind::Mixed, "He"));
        // inside the clause a verb of saying reports: the sayer's (mixed, rule reported-clause)
        let v = q("She said the United States needed to weigh a “proportionate” response.");
        assert_eq!((v[0].kind, v[0].speaker.as_str()), (Kind::Mixed, "She"));
        // no subject: a noun after a possessive or a determiner,
        // a name cut off by punctuation, a plain scare quote
        for t in [
            "My answer is a “yes” to that question.",
            "The ministry described Pompeo's comments as “blind accusations” today.",
            "Senator Chuck Grassley, a Republican from Iowa, said he had a “great deal of concern” about it.",
            "The troops began a “special operation” in the east.",
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
        assert_eq!(v[0].kind, Kind::Scare, "{v:?}");
        // inside the clause "he said" reports, the word is his: mixed (rule reported-clause)
        assert_eq!((v[1].kind, v[1].speaker.as_str()), (Kind::Mixed, "he"));
        let v = q("Putin announced a “special operation” on the grounds that he was a “Nazi.”");
        assert!(v.iter().all(|x| x.kind == Kind::Scare), "{v:?}");
        let v = q("Russia began “annexing” Crimea.");
        assert_eq!(v[0].kind, Kind::Scare);
    }

    #[test]
    fn an_opening_phrase_closed_by_a_comma_is_no_speaker() {
        let v = q("Instead, Fournier ran through a string of accusations, SJW-style: “You are helping ISIS recruit terrorists.”");
        assert_eq!(v[0].speaker, "Fournier", "{v:?}");
        let v = q("As a result, predicts Bacevich: “The behemoth of an entity called the Pentagon is not going to shrink.”");
        assert_eq!(v[0].speaker, "Bacevich", "{v:?}");
    }

    #[test]
    fn quotations_inside_a_reported_clause_are_its_speakers() {
        // the direct pass's words stop at the earlier quotation; the indirect pass has the verb
        let t = "Federal Reserve Chairman Ben S. Bernanke said the cuts “clearly” are having an effect on the economy “even though we’ve not yet reached the fiscal cliff.”";
        let tk = crate::text::tokenize::tokenize(t);
        let (qs, _) = find_quotes_and_indirect(t, 0, &tk, &Cues::builtin());
        assert_eq!(qs.len(), 2, "{qs:?}");
        assert!(
            qs.iter().all(|q| q.speaker_resolved == "Ben S. Bernanke"),
            "{qs:?}"
        );
        assert_eq!(qs[1].kind, Kind::Mixed);
        assert_eq!(qs[1].rule, Some(IN_REPORTED_CLAUSE));
        let t = "He argued that while the N.S.A. had increased privacy protections for purely domestic communications, the collection itself “was a serious violation of the Fourth Amendment.”";
        let (qs, _) =
            find_quotes_and_indirect(t, 0, &crate::text::tokenize::tokenize(t), &Cues::builtin());
        assert_eq!((qs[0].kind, qs[0].speaker.as_str()), (Kind::Mixed, "He"));
        // a clause dated but not said by anyone gives no speaker
        let t = "The president called him “a rat” and in January said Cohen was “lying to reduce his jail time.”";
        let (qs, _) =
            find_quotes_and_indirect(t, 0, &crate::text::tokenize::tokenize(t), &Cues::builtin());
        assert!(qs.iter().all(|q| q.speaker != "January"), "{qs:?}");
        // the writer's distance: a scare quote even inside a reported clause
        let t = "Putin announced a “special operation” to oust Zelensky on the grounds that he was allegedly a “Nazi.”";
        let (qs, _) =
            find_quotes_and_indirect(t, 0, &crate::text::tokenize::tokenize(t), &Cues::builtin());
        assert_eq!(qs[1].kind, Kind::Scare, "{qs:?}");
        // a quotation outside any reported clause stays as it was
        let t = "Russia began “annexing” Crimea.";
        let (qs, _) =
            find_quotes_and_indirect(t, 0, &crate::text::tokenize::tokenize(t), &Cues::builtin());
        assert_eq!(qs[0].kind, Kind::Scare);
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
