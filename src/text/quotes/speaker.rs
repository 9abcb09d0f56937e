//! Who speaks: the speaker phrase read outward from a cue, cleaned, typed (named, role,
//! organisation, anonymous) and, for pronouns, resolved to the nearest named speaker.

use super::{gap_has, span_text, SpeakerType, Tok, Words};
use crate::text::offsets::floor_boundary;
use crate::text::tokenize::is_sentence_opener;

/// Words that end a speaker phrase when read outward from the cue.
pub(super) static SPEAKER_STOP: Words = Words::new(&[
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
]);

pub(super) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

static ANON_MARKERS: Words = Words::new(&[
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
]);

pub(super) static ROLE_WORDS: Words = Words::new(&[
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
    "pollster",
    "strategist",
    "strategists",
    "consultant",
    "columnist",
    "commentator",
    "host",
    "anchor",
    "reporter",
    "correspondent",
    "editor",
    "historian",
    "professor",
    "author",
    "chairman",
    "chairwoman",
    "candidate",
    "nominee",
    "delegate",
    "delegates",
    "protester",
    "protesters",
    "student",
    "students",
    "teacher",
    "teachers",
    "worker",
    "workers",
    "executive",
    "founder",
    "coach",
    "player",
    "defenceman",
    "defenseman",
    "parent",
    "parents",
    "mother",
    "father",
]);

/// Nouns that head the name or description of an organisation wherever they stand ("the
/// Defense Ministry", "Fox News", "the agency", "the Supreme Court"), the few institutions known
/// worldwide by one word, and broadcasters' acronyms written in lowercase. No outlet's own name:
/// a newspaper is known by its structure ("the Washington Post", see [`is_org_phrase`]), and
/// words that are people's names as often ("Post", "Fox") head nothing.
static ORG_WORDS: Words = Words::new(&[
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
    "group",
    "organization",
    "organisation",
    "foundation",
    "board",
    "parliament",
    "congress",
    "senate",
    "authority",
    "authorities",
    "hospital",
    "school",
    "firm",
    "fund",
    "kremlin",
    "pentagon",
    "reuters",
    "xinhua",
    "ap",
    "afp",
    "cnn",
    "bbc",
    "nbc",
    "cbs",
    "abc",
    "tass",
]);

/// The first run of two or more capitalized words in the sentence before token `first` (or the
/// sentence before that): the likely antecedent of "he" or "she" ("Mayor Lio Straub urged calm.").
pub(super) fn nearby_name(
    text: &str,
    toks: &[crate::text::tokenize::Token],
    first: usize,
    body: usize,
) -> Option<String> {
    if first == 0 {
        return None;
    }
    let cur = toks[first - 1].sentence;
    for back in 0..3 {
        let Some(s) = cur.checked_sub(back) else {
            break;
        };
        let lo = toks[..first].partition_point(|t| t.sentence < s);
        let hi = toks[..first].partition_point(|t| t.sentence <= s);
        let mut i = lo;
        while i < hi {
            let cap = |t: &crate::text::tokenize::Token| {
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

/// The organisation the sentences before token `first` are about: the subject of the current or
/// one of the two sentences before, when it is an acronym or has an organisation word ("The NIS
/// said the troops had been deployed." before "“…,” the agency explained").
pub(super) fn nearby_org(
    text: &str,
    toks: &[crate::text::tokenize::Token],
    first: usize,
    body: usize,
) -> Option<String> {
    let word = |i: usize| &text[toks[i].start as usize..toks[i].end as usize];
    let cap = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let cur = toks[first.checked_sub(1)?].sentence;
    for back in 0..3 {
        let s = cur.checked_sub(back)?;
        let mut i = toks[..first].partition_point(|t| t.sentence < s);
        if i >= first || (toks[i].start as usize) < body {
            continue;
        }
        if word(i).eq_ignore_ascii_case("the") {
            i += 1;
        }
        let mut j = i;
        while j < first && toks[j].sentence == s && cap(j) {
            j += 1;
        }
        if j == i {
            continue;
        }
        let run = span_text(text, toks[i].start as usize, toks[j - 1].end as usize);
        let acronym =
            j == i + 1 && word(i).len() >= 2 && word(i).chars().all(|c| c.is_ascii_uppercase());
        if acronym || is_org_phrase(&run) {
            return Some(run);
        }
    }
    None
}

/// Honorifics and titles written with a full stop ("Dr.", "Sen."): part of a name, never a name,
/// and their full stop ends neither the name nor the sentence.
pub(super) static HONORIFICS: Words = Words::new(&[
    "dr", "mr", "mrs", "ms", "sen", "rep", "gov", "gen", "prof", "rev", "sgt", "lt", "capt", "det",
    "col", "maj", "adm", "cmdr", "hon", "pres", "supt", "insp", "atty", "lt. gov", "st", "jr",
    "sr", "fr", "msgr", "cpl", "pvt", "del",
]);

/// Whether the gap between `a` and `b` breaks a name phrase: any of `set`, except the full stop
/// of an honorific or of an initial before a capitalized word ("Dr. Matthew Bowes", "John D.
/// Podesta", "Rep. G.K. Butterfield").
fn breaks_phrase(text: &str, a: &Tok, b: &Tok, set: &[char]) -> bool {
    let gap = &text[a.end..b.start];
    if gap.trim() == "."
        && (HONORIFICS.contains(a.norm.as_str()) || is_initial(a.word) && b.capitalized())
    {
        return false;
    }
    gap_has(text, a.end, b.start, set)
}

/// "of", "for" and "to" may sit inside a speaker phrase after a role word ("spokesman for X").
pub(super) fn crossable(t: &Tok, words: &[&Tok]) -> bool {
    let i = words.iter().position(|w| std::ptr::eq(*w, t)).unwrap_or(0);
    let after_role = ["of", "for", "with", "to", "at"].contains(&t.norm.as_str())
        && i > 0
        && (ROLE_WORDS.contains(words[i - 1].norm.as_str())
            || ANON_MARKERS.contains(words[i - 1].norm.as_str())
            || words[i - 1].norm == "close");
    // "Mr. Morgan of the Sierra Club", "Jane Doe of Reuters": a name, then its organization
    let name_of_org = t.norm == "of"
        && i > 0
        && words[i - 1].capitalized()
        && words[i + 1..].iter().any(|w| w.capitalized());
    after_role || name_of_org
}

/// A noun phrase read forward from `from`: up to a stop word, punctuation or 8 words.
pub(super) fn forward_np(text: &str, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
    if from >= toks.len() {
        return None;
    }
    let mut b = from;
    if SPEAKER_STOP.contains(toks[from].norm.as_str()) {
        return None;
    }
    while b + 1 < toks.len() && b + 1 - from < 8 {
        let n = &toks[b + 1];
        if breaks_phrase(
            text,
            &toks[b],
            n,
            &[',', ';', ':', '(', ')', '.', '“', '"', '—'],
        ) || SPEAKER_STOP.contains(n.norm.as_str())
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
pub(super) fn backward_np(text: &str, toks: &[Tok], ci: usize) -> Option<(usize, usize)> {
    if ci == 0 {
        return None;
    }
    let mut e = ci - 1;
    // skip adverbs right before the cue ("allegedly told")
    while e > 0
        && (toks[e].norm.len() > 4 && super::is_adverb(&toks[e])
            || super::words::AUXILIARIES.contains(toks[e].norm.as_str()))
    {
        e -= 1;
    }
    // a parenthesis right before the cue is set aside: "Sen. Bernie Sanders (I-Vt.) said"
    // (a party and state), while an acronym there is the speaker's short name: "the state-run
    // Korean Central News Agency (KCNA) reported" gives KCNA
    if gap_has(text, toks[e].end, toks[ci].start, &[')']) {
        if let Some(k) = (1..=e)
            .rev()
            .take(6)
            .find(|&k| gap_has(text, toks[k - 1].end, toks[k].start, &['(']))
        {
            let acronym = k == e
                && toks[e].word.len() >= 2
                && toks[e].word.chars().all(|c| c.is_ascii_uppercase());
            if acronym {
                return Some((e, e));
            }
            e = k - 1;
        }
    }
    if gap_has(text, toks[e].end, toks[ci].start, &[',']) {
        // find the comma that opens the appositive
        let mut k = e;
        while k > 0 && e - k < 12 && !gap_has(text, toks[k - 1].end, toks[k].start, &[',', '(']) {
            k -= 1;
        }
        if k > 0 && gap_has(text, toks[k - 1].end, toks[k].start, &[',']) {
            let head = k - 1;
            if !SPEAKER_STOP.contains(toks[head].norm.as_str()) {
                let r = np_back_from(text, toks, head);
                let (a, b) = r;
                let has_cap_or_role = toks[a..=b].iter().any(|t| {
                    t.word.chars().next().is_some_and(char::is_uppercase)
                        || ROLE_WORDS.contains(t.norm.as_str())
                        || ANON_MARKERS.contains(t.norm.as_str())
                });
                if has_cap_or_role {
                    return Some((a, b));
                }
            }
        }
    }
    if SPEAKER_STOP.contains(toks[e].norm.as_str()) {
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
        if breaks_phrase(
            text,
            p,
            &toks[a],
            &[',', ';', ':', '(', ')', '.', '”', '"', '—'],
        ) {
            break;
        }
        let crossing = ((p.norm == "of" || p.norm == "for" || p.norm == "with")
            && a >= 2
            && (ROLE_WORDS.contains(toks[a - 2].norm.as_str())
                || ANON_MARKERS.contains(toks[a - 2].norm.as_str())))
            || (p.norm == "to" && a >= 2 && toks[a - 2].norm == "close");
        if SPEAKER_STOP.contains(p.norm.as_str()) && !crossing {
            break;
        }
        a -= 1;
    }
    (a, e)
}

/// Strips leading conjunction-like words and trailing adverbs from a speaker phrase.
pub(super) fn clean_speaker(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut a = 0;
    let mut b = words.len();
    // an adverb is lowercase: "Kelly", "Connolly", "Beverly" are names
    while b > a + 1
        && words[b - 1].ends_with("ly")
        && words[b - 1].len() > 4
        && words[b - 1].chars().next().is_some_and(char::is_lowercase)
    {
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
pub(super) fn classify_speaker(
    sp: &str,
    text: &str,
    end: usize,
    last_named: Option<&str>,
    last_group: Option<&str>,
    nearby_org: Option<&str>,
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
    // "the agency", "the ministry": the organisation last quoted, else the one the sentences
    // before are about
    if words.len() == 2 && words[0] == "the" && ORG_WORDS.contains(words[1]) {
        if let Some(g) = last_group.or(nearby_org) {
            return (SpeakerType::Organisation, g.to_string());
        }
    }
    let orig: Vec<&str> = sp.split_whitespace().collect();
    let caps: Vec<&&str> = orig
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    // "J." is a middle initial, no acronym
    let acronym = orig.iter().any(|w| is_acronym(w));
    if is_org_phrase(sp) || acronym {
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

/// Capitalized words that name a title or an office before a person's name ("Chairman",
/// "Secretary of State", "Former"): left out of the name a speaker is known by.
static NAME_TITLES: Words = Words::new(&[
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "senator",
    "representative",
    "secretary",
    "governor",
    "mayor",
    "director",
    "minister",
    "prime",
    "chief",
    "general",
    "judge",
    "justice",
    "attorney",
    "speaker",
    "leader",
    "former",
    "state",
    "majority",
    "minority",
    "vice",
    "deputy",
    "candidate",
    "nominee",
    "presidential",
    "democratic",
    "republican",
    "democrat",
    "gop",
    "house",
    "senate",
    "commissioner",
    "ambassador",
    "sheriff",
    "coach",
    "captain",
    "officer",
    "detective",
    "professor",
    "doctor",
    "reverend",
    "pastor",
    "bishop",
    "archbishop",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "lord",
    "lady",
    "sir",
    "dame",
    "u.s",
    "us",
    "first",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "executive",
    "founder",
    "ceo",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lt",
    "gov",
    "sen",
    "rep",
]);

/// The name a speaker is known by: the run of capitalized words ending the phrase, without
/// honorifics, titles, offices and a capitalized sentence opener ("The", "When") ("panel Chairman Rep. Jason Chaffetz" is Jason Chaffetz,
/// "Dr. Matthew Bowes" is Matthew Bowes).
pub(super) fn canonical_name(sp: &str) -> String {
    let words: Vec<&str> = sp.split_whitespace().collect();
    let mut a = words.len();
    while a > 0 {
        let w = words[a - 1];
        let bare = w.trim_end_matches('.').trim_end_matches(',');
        let cap = bare.chars().next().is_some_and(char::is_uppercase);
        // a capitalized opener ("The", "When") can only be a phrase's first word
        let first = a == 1;
        let title = |l: &str| {
            HONORIFICS.contains(l) || NAME_TITLES.contains(l) || first && is_sentence_opener(l)
        };
        if !cap || with_bare_lower(bare, title) {
            break;
        }
        a -= 1;
    }
    if a == words.len() {
        return sp.to_string();
    }
    words[a..]
        .join(" ")
        .trim_end_matches([',', '.'])
        .to_string()
}

/// The people named in a document: every run of two or more capitalized words, as the name it
/// gives ([`canonical_name`]), with its byte offset; built once per document, when a speaker
/// needs resolving.
pub(super) struct Names {
    /// The earliest run ending with each word, and the earliest holding it.
    by_last: ahash::AHashMap<String, usize>,
    by_word: ahash::AHashMap<String, usize>,
    runs: Vec<Run>,
}

/// A name as the document introduces it.
pub(super) struct Run {
    pub name: String,
    /// Introduced as "the" and the name, the name a phrase of its own ("the Korea JoongAng Ilbo
    /// reported"; not "the Bernie Sanders campaign"): an organisation, since people are not "the
    /// X".
    pub definite: bool,
}

/// Lowercase words that may follow a name that is a phrase of its own (a verb or a function
/// word, not a noun the name modifies: "the Washington Post reported", "the Post and").
static AFTER_A_NAME: Words = Words::new(&[
    "that", "which", "who", "whose", "and", "or", "but", "in", "on", "at", "for", "with", "from",
    "to", "by", "as", "has", "had", "have", "is", "was", "were", "are", "said", "says", "reported",
    "reports", "wrote", "writes",
]);

/// Whether the capitalized run `toks[a..=j]` stands after "the" as a phrase of its own.
fn introduced_definite(
    text: &str,
    toks: &[crate::text::tokenize::Token],
    a: usize,
    j: usize,
) -> bool {
    let word = |k: usize| &text[toks[k].start as usize..toks[k].end as usize];
    let Some(next) = toks.get(j + 1) else {
        return a > 0 && word(a - 1).eq_ignore_ascii_case("the");
    };
    let gap = &text[toks[j].end as usize..next.start as usize];
    let w = word(j + 1);
    let ends = !gap.trim().is_empty()
        || AFTER_A_NAME.contains(w)
        || w.ends_with("ing")
        || w.ends_with("ed");
    a > 0 && word(a - 1).eq_ignore_ascii_case("the") && ends
}

impl Names {
    /// Collects the capitalized runs of `toks` (honorific full stops stay inside a run).
    pub(super) fn new(text: &str, toks: &[crate::text::tokenize::Token], body: usize) -> Self {
        let word = |t: &crate::text::tokenize::Token| &text[t.start as usize..t.end as usize];
        let cap = |t: &crate::text::tokenize::Token| {
            word(t).chars().next().is_some_and(char::is_uppercase)
        };
        let mut names = Self {
            by_last: Default::default(),
            by_word: Default::default(),
            runs: Vec::new(),
        };
        let mut lower = String::new();
        let mut i = toks.partition_point(|t| (t.start as usize) < body);
        while i < toks.len() {
            if !cap(&toks[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < toks.len() && cap(&toks[j + 1]) {
                let gap = &text[toks[j].end as usize..toks[j + 1].start as usize];
                let honorific_stop = gap.trim() == "."
                    && HONORIFICS.contains(word(&toks[j]).to_lowercase().as_str());
                if !(gap.trim().is_empty() || honorific_stop) {
                    break;
                }
                j += 1;
            }
            // one capitalized word (most often a sentence's first) is no run of a name
            if j == i {
                i += 1;
                continue;
            }
            // the run's name: its last capitalized words, titles and honorifics left out (as
            // `canonical_name` does, on the tokens, without building the phrase)
            let mut a = j + 1;
            while a > i {
                lower.clear();
                lower.push_str(word(&toks[a - 1]));
                lower.make_ascii_lowercase();
                if HONORIFICS.contains(&lower)
                    || NAME_TITLES.contains(&lower)
                    || is_sentence_opener(&lower)
                {
                    break;
                }
                a -= 1;
            }
            if j + 1 - a >= 2 {
                let k = names.runs.len();
                let name = toks[a..=j].iter().map(word).collect::<Vec<_>>().join(" ");
                for w in name.split(' ') {
                    names.by_word.entry(w.to_string()).or_insert(k);
                }
                names.by_last.entry(word(&toks[j]).to_string()).or_insert(k);
                let definite = introduced_definite(text, toks, a, j);
                names.runs.push(Run { name, definite });
            }
            i = j + 1;
        }
        names
    }

    /// The full name of a one-word name ("Karlsson" → "Erik Karlsson", "JoongAng" → "JoongAng
    /// Ilbo"): the first run of the document ending with it, else the first holding it.
    pub(super) fn full(&self, name: &str) -> Option<&Run> {
        self.by_last
            .get(name)
            .or_else(|| self.by_word.get(name))
            .map(|&k| &self.runs[k])
    }
}

/// Roles whose holder is usually not the person last named ("a spokesman said" after "Trump
/// attacked Cruz" is not Trump): never resolved to a name.
static UNRESOLVED_ROLES: Words = Words::new(&[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "source",
    "sources",
    "aide",
    "aides",
    "statement",
    "campaign",
    "critics",
    "critic",
    "experts",
    "expert",
    "analysts",
    "analyst",
    "police",
    "prosecutors",
    "residents",
    "witnesses",
    "lawmakers",
    "officers",
]);

/// Calls `f` with a word in lowercase without its possessive ending ("Ministry's" →
/// "ministry"), without allocating for an ASCII word of up to 64 bytes: the organisation and
/// person rules test every word of a phrase against several lists.
pub(super) fn with_bare_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut bare = w;
    while let Some(s) = bare.strip_suffix("'s") {
        bare = s;
    }
    while let Some(s) = bare.strip_suffix("’s") {
        bare = s;
    }
    let bare = bare.trim_end_matches([',', '.', '\'', '’']);
    let mut buf = [0u8; 64];
    if bare.is_ascii() && bare.len() <= buf.len() {
        let b = &mut buf[..bare.len()];
        b.copy_from_slice(bare.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays valid UTF-8 after lowercasing
        return f(std::str::from_utf8(b).unwrap_or_default());
    }
    f(&bare.to_lowercase())
}

fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with(['\'', '’'])
}

/// An initial: one capital letter, or capitals joined by full stops ("D", "G.K").
pub(super) fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase)
        && w.len() <= 4
        && c.all(|x| x == '.' || x.is_uppercase())
        && (w.len() == 1 || w.contains('.'))
}

/// An acronym: two capitals or more and no lowercase letter ("NIS", "U.S."; not "J.").
fn is_acronym(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    letters.clone().all(char::is_uppercase) && letters.nth(1).is_some()
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a phrase names an organisation by its structure: a word that heads organisations
/// ("the Defense Ministry", "Fox News", "the agency"), or "the" before a name that is no title
/// (people are not "the X": "the Washington Post", "the Korea JoongAng Ilbo"); never a person's
/// name as written ([`is_person_name`]: "Michael J. Fox", "Judge Court").
pub(super) fn is_org_phrase(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if is_person_name(&words) {
        return false;
    }
    let definite = words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"));
    words
        .iter()
        .any(|w| with_bare_lower(w, |l| ORG_WORDS.contains(l)))
        || definite && is_plain_name(&words[1..])
}

/// Capitalized words none of which is a title, an honorific or a role, and no possessive before
/// the last ("Washington Post", not "President", "Rev. Jesse Jackson", "Police Chief" or
/// "Federalist's Mollie Hemingway").
fn is_plain_name(words: &[&str]) -> bool {
    let last = words.len().saturating_sub(1);
    !words.is_empty()
        && !words[..last].iter().any(|w| possessive(w))
        && words.iter().all(|w| {
            capitalized(w)
                && with_bare_lower(w, |l| {
                    !HONORIFICS.contains(l) && !NAME_TITLES.contains(l) && !ROLE_WORDS.contains(l)
                })
        })
}

/// Words of a title that say where an office is or what it was, not that a person holds it
/// ("House Speaker", "State Department", "former"): no person's title on their own.
static TITLE_MODIFIERS: Words = Words::new(&[
    "state",
    "majority",
    "minority",
    "former",
    "vice",
    "deputy",
    "democratic",
    "republican",
    "democrat",
    "gop",
    "house",
    "senate",
    "first",
    "u.s",
    "us",
    "presidential",
    "prime",
]);

/// A person's name as written: capitalized words, no acronym, with a middle initial ("Michael
/// J. Fox") or a person's title or honorific before a name ("Judge Court", "Dr. Edward House",
/// "House Speaker Nancy Pelosi"; not "Senate Republicans" or "State Department").
pub(super) fn is_person_name(words: &[&str]) -> bool {
    let initial = |w: &&str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(x), Some('.'), None) if x.is_uppercase())
    };
    let title = |w: &str| {
        with_bare_lower(w, |l| {
            HONORIFICS.contains(l) || NAME_TITLES.contains(l) && !TITLE_MODIFIERS.contains(l)
        })
    };
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    let titled = before.iter().any(|w| title(w)) && !title(last);
    !before.is_empty()
        && words.iter().all(|w| capitalized(w) && !is_acronym(w))
        && (titled || words.iter().any(initial))
}

/// The type and name a speaker resolves to, given the document's names: a named speaker (or a
/// pronoun resolved to one) by its full name as first introduced ("Karlsson" → "Erik
/// Karlsson", looked up with `full`, which also tells whether the document introduced it as "the"
/// and the name), retyped as an organisation when that name is one ("JoongAng" → "Korea
/// JoongAng Ilbo", introduced as "the Korea JoongAng Ilbo"); a definite role ("the rookie defenceman") by the person named just before it
/// (`nearby`), its type kept.
pub(super) fn resolve(
    ty: SpeakerType,
    speaker: &str,
    resolved: &str,
    nearby: Option<&str>,
    full: &mut dyn FnMut(&str) -> Option<(String, bool)>,
) -> (SpeakerType, String) {
    // the name and whether the document introduced it as "the" and the name
    let mut full_name = |n: &str| {
        let c = canonical_name(n);
        if c.split_whitespace().count() == 1 {
            full(&c).unwrap_or((c, false))
        } else {
            (c, false)
        }
    };
    match ty {
        SpeakerType::Named => {
            let (full, definite) = full_name(resolved);
            let words: Vec<&str> = speaker.split_whitespace().collect();
            if !is_person_name(&words) && (definite || is_org_phrase(&full)) {
                (SpeakerType::Organisation, full)
            } else {
                (SpeakerType::Named, full)
            }
        }
        SpeakerType::Organisation => {
            // "the NIS" and "NIS" are one organisation
            let bare = resolved
                .strip_prefix("the ")
                .or_else(|| resolved.strip_prefix("The "))
                .unwrap_or(resolved);
            if bare.split_whitespace().count() == 1 {
                (ty, full_name(bare).0)
            } else {
                (ty, bare.to_string())
            }
        }
        SpeakerType::Role => {
            let lower = speaker.to_lowercase();
            let head = lower.rsplit(' ').next().unwrap_or("");
            match nearby {
                Some(n)
                    if lower.starts_with("the ")
                        && !UNRESOLVED_ROLES.contains(head)
                        && !is_org_phrase(n) =>
                {
                    (ty, full_name(n).0)
                }
                _ => (ty, resolved.to_string()),
            }
        }
        _ => (ty, resolved.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, Cues, Quote, SpeakerType};
    use super::*;
    use crate::text::tokenize::tokenize;

    fn first(t: &str) -> Quote {
        find_quotes(t, 0, &tokenize(t), &Cues::builtin()).remove(0)
    }

    fn typed(t: &str, i: usize) -> (SpeakerType, String) {
        let q = find_quotes(t, 0, &tokenize(t), &Cues::builtin()).remove(i);
        (q.speaker_type, q.speaker_resolved)
    }

    #[test]
    fn a_bare_word_is_lowercase_without_its_possessive_ending() {
        let bare = |w: &str| with_bare_lower(w, str::to_string);
        assert_eq!(bare("Ministry's"), "ministry");
        assert_eq!(bare("Post’s"), "post");
        assert_eq!(bare("U.S."), "u.s");
        assert_eq!(bare("Agency,"), "agency");
        assert_eq!(bare("ÉLYSÉE"), "élysée");
        let long = "A".repeat(70);
        assert_eq!(bare(&long), "a".repeat(70));
    }

    #[test]
    fn organisations_by_their_heads_and_the_definite_name() {
        for org in [
            "the Washington Post",
            "Fox News",
            "the Supreme Court",
            "the Valley Ledger",
            "the Defense Ministry",
            "Sen. John McCain's office",
            "Senate Republicans",
            "the State Department",
        ] {
            assert!(is_org_phrase(org), "{org}");
        }
        for not in [
            "House Speaker Nancy Pelosi",
            "The Federalist's Mollie Hemingway",
            "the President",
            "the Rev. Jesse Jackson",
            "Emily Post",
            "Haley Morris",
        ] {
            assert!(!is_org_phrase(not), "{not}");
        }
    }

    #[test]
    fn people_whose_names_hold_organisation_words_stay_people() {
        for name in [
            "Michael J. Fox",
            "Judge Court",
            "Emily Post",
            "Dr. Edward House",
        ] {
            assert!(!is_org_phrase(name), "{name}");
            let (ty, _) = classify_speaker(name, name, name.len(), None, None, None);
            assert_eq!(ty, SpeakerType::Named, "{name}");
        }
        let q = first("“I was lucky,” Michael J. Fox said.");
        assert_eq!(
            (q.speaker_type, q.speaker_resolved.as_str()),
            (SpeakerType::Named, "Michael J. Fox")
        );
        let q = first(
            "“Manners are a sensitive awareness of the feelings of others,” Emily Post wrote.",
        );
        assert_eq!(q.speaker_type, SpeakerType::Named);
        let q = first("“The motion is denied,” Judge Court said.");
        assert_eq!(q.speaker_type, SpeakerType::Named);
    }

    #[test]
    fn untitled_people_named_like_outlets_stay_people() {
        // no title, no initial: only the absence of "wire", "ledger", "courier", "post", "fox"
        // (our sample outlets' and the seeds' words) from the organisation heads keeps them people
        for (t, name) in [
            ("“Be kind,” Emily Post wrote.", "Emily Post"),
            ("“We won,” said Tom Post.", "Tom Post"),
            ("“Fine,” said Sarah Wire.", "Sarah Wire"),
            ("“Fine,” said Ann Ledger.", "Ann Ledger"),
            ("“Fine,” said Bill Courier.", "Bill Courier"),
            ("“I was lucky,” said Vivica Fox.", "Vivica Fox"),
            ("“We won,” said Bill Courtney.", "Bill Courtney"),
        ] {
            let q = first(t);
            assert_eq!(
                (q.speaker_type, q.speaker_resolved.as_str()),
                (SpeakerType::Named, name),
                "{t}"
            );
        }
    }

    #[test]
    fn a_newspaper_is_known_by_its_structure_not_its_name() {
        let q = first("“Cases are rising,” the Washington Post reported.");
        assert_eq!(q.speaker_type, SpeakerType::Organisation);
        // a one-word name the document introduced as "the" and the name
        let t = "The plan was first reported by the Korea JoongAng Ilbo on Monday.\n\n\
                 “It is a risk,” JoongAng said.";
        assert_eq!(
            typed(t, 0),
            (SpeakerType::Organisation, "Korea JoongAng Ilbo".into())
        );
        // "the" before a name that modifies a noun introduces no organisation
        let t =
            "Supporters of the Bernie Sanders campaign gathered.\n\n“We are here,” Sanders said.";
        assert_eq!(typed(t, 0), (SpeakerType::Named, "Bernie Sanders".into()));
    }
}
