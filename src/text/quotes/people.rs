//! The people a document names outside its quotations, each with the gender the article's own
//! words give them (honorifics, gendered titles, the pronouns that follow them), for resolving a
//! speaker's pronoun to a person who agrees with it. Never from lists of first names.

use super::marks::Span;
use super::speaker::{canonical_name, is_org_phrase, with_bare_lower, HONORIFICS};
use super::words::Words;
use super::{Cues, Gender};
use crate::text::tokenize::{is_sentence_opener, Token};

/// Words of a name phrase that say the person's gender: honorifics and gendered titles.
pub(super) fn title_gender(lower: &str) -> Gender {
    match lower {
        "mr" | "congressman" | "chairman" | "spokesman" | "councilman" | "king" | "prince"
        | "sir" | "lord" | "father" | "brother" | "uncle" | "businessman" | "sen.-elect" => {
            Gender::Male
        }
        "mrs" | "ms" | "miss" | "congresswoman" | "chairwoman" | "spokeswoman" | "councilwoman"
        | "queen" | "princess" | "lady" | "dame" | "mother" | "sister" | "aunt"
        | "businesswoman" | "actress" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// The gender a pronoun says ("he", "his" → male; "she", "her" → female).
pub(super) fn pronoun_gender(lower: &str) -> Gender {
    match lower {
        "he" | "him" | "his" | "himself" => Gender::Male,
        "she" | "her" | "hers" | "herself" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// Capitalized words that make a run no person's name: days, months, seasons.
static NOT_A_PERSON: Words = Words::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "day",
    "week",
    "street",
    "avenue",
    "county",
    "city",
    "state",
    "states",
    "river",
    "island",
    "north",
    "south",
    "east",
    "west",
    "americans",
    "republicans",
    "democrats",
]);

/// Capitalized words that open a sentence or clause before a name: never part of it.
static RUN_OPENERS: Words = Words::new(&[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "although",
    "though",
    "another",
    "with",
    "when",
    "while",
    "after",
    "before",
    "if",
    "as",
    "so",
    "then",
    "yet",
    "because",
    "since",
    "however",
    "meanwhile",
    "later",
    "still",
    "also",
    "even",
    "only",
    "according",
    "despite",
    "add",
    "read",
    "watch",
    "like",
    "unlike",
    "for",
    "from",
    "in",
    "on",
    "at",
    "by",
    "to",
    "of",
]);

/// How many sentences back a pronoun's antecedent is looked for.
const MAX_SENTENCES_BACK: u32 = 25;

/// A person the document names: the fullest form of the name it uses, and the gender its words
/// give (male and female evidence counted; an honorific counts three).
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub name: String,
    votes: [u32; 2],
}

impl Person {
    /// The gender the evidence gives, unknown on a tie or none.
    pub(super) fn gender(&self) -> Gender {
        match self.votes {
            [m, f] if m > f => Gender::Male,
            [m, f] if f > m => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    fn vote(&mut self, g: Gender, weight: u32) {
        match g {
            Gender::Male => self.votes[0] += weight,
            Gender::Female => self.votes[1] += weight,
            Gender::Unknown => {}
        }
    }
}

/// One mention of a person outside quotations.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub start: usize,
    /// The mention stands beside a cue ("said Henry Crespo", "Palmieri said"): a speaker,
    /// a person whatever the gender evidence.
    pub speaks: bool,
    /// The mention opens its sentence (outside quotations): its subject.
    pub subject: bool,
    pub sentence: u32,
    pub person: usize,
    /// Index of the mention's last token.
    last_tok: usize,
}

/// The document's people and their mentions in text order, and the sentences whose subject
/// (their first word outside quotations) is "he" or "she".
#[derive(Debug, Default)]
pub(super) struct People {
    pub persons: Vec<Person>,
    pub mentions: Vec<Mention>,
    pronoun_subjects: Vec<(u32, Gender)>,
    /// Persons by the last and the first word of their name, in order of introduction.
    by_last: ahash::AHashMap<String, Vec<usize>>,
    by_first: ahash::AHashMap<String, Vec<usize>>,
}

/// What a token is to the people reader: its word, and whether it stands inside a quotation.
struct Reader<'a> {
    text: &'a str,
    toks: &'a [Token],
    inside: Vec<bool>,
    cues: &'a Cues,
}

impl Reader<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].start as usize..self.toks[i].end as usize]
    }
    fn cap(&self, i: usize) -> bool {
        !self.inside[i] && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }
    /// Calls `f` with token `i` in lowercase, without a possessive ending or full stop, and
    /// without allocating (every capitalized word is tested against several lists).
    fn lower<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R {
        with_bare_lower(self.word(i), f)
    }
    /// The words of tokens `i..=j` as written, spaces made single.
    fn phrase(&self, i: usize, j: usize) -> String {
        let (a, b) = (self.toks[i].start as usize, self.toks[j].end as usize);
        self.text[a..b]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// Whether token `j` is joined to the next by a hyphen and no space ("Ki-moon",
    /// "Jong-un"): the next word is part of the name.
    fn hyphenated(&self, j: usize) -> bool {
        let t = self.toks;
        j + 1 < t.len()
            && &self.text[t[j].end as usize..t[j + 1].start as usize] == "-"
            && !self.inside[j + 1]
    }
    /// Whether token `i` is a reporting verb ("said", "Says" in a headline).
    fn cue(&self, i: usize) -> bool {
        i < self.toks.len() && !self.inside[i] && self.lower(i, |l| self.cues.stance(l).is_some())
    }
    /// A third-person pronoun's gender, without allocating.
    fn pronoun(&self, i: usize) -> Gender {
        let w = self.word(i);
        if w.len() > 7 || self.inside[i] {
            return Gender::Unknown;
        }
        let is = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(w));
        if is(&["he", "him", "his", "himself"]) {
            Gender::Male
        } else if is(&["she", "her", "hers", "herself"]) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }
    /// Whether the gap after token `j` keeps a name together: spaces, or the full stop of an
    /// honorific or an initial ("Mr. Obama", "John D. Podesta", "G.K. Butterfield").
    fn joined(&self, j: usize) -> bool {
        let raw = &self.text[self.toks[j].end as usize..self.toks[j + 1].start as usize];
        // a name never crosses a line break ("James Comey\nComey said")
        if raw.contains('\n') {
            return false;
        }
        let gap = raw.trim();
        let w = self.word(j);
        let initial = w.len() <= 3 && w.chars().all(|c| c.is_uppercase() || c == '.');
        gap.is_empty() || gap == "." && (initial || self.lower(j, |l| HONORIFICS.contains(l)))
    }
}

/// Whether each token lies inside one of the quotation spans.
fn inside_quotes(toks: &[Token], spans: &[Span]) -> Vec<bool> {
    let mut k = 0;
    toks.iter()
        .map(|t| {
            let s = t.start as usize;
            while k < spans.len() && spans[k].end <= s {
                k += 1;
            }
            k < spans.len() && spans[k].start <= s
        })
        .collect()
}

impl People {
    /// Reads the people of the text after `body`, quotations left out.
    pub(super) fn new(
        text: &str,
        toks: &[Token],
        body: usize,
        spans: &[Span],
        cues: &Cues,
    ) -> Self {
        let r = Reader {
            text,
            toks,
            inside: inside_quotes(toks, spans),
            cues,
        };
        let mut people = People::default();
        let mut i = toks.partition_point(|t| (t.start as usize) < body);
        let mut last_sentence = u32::MAX;
        while i < toks.len() {
            if !r.inside[i] && toks[i].sentence != last_sentence {
                last_sentence = toks[i].sentence;
                let g = r.pronoun(i);
                if g != Gender::Unknown && r.word(i).len() <= 3 {
                    people.pronoun_subjects.push((last_sentence, g));
                }
            }
            if !r.cap(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            loop {
                // a verb of saying ends a name ("Obama Says African-American Museum …")
                if j + 1 < toks.len() && r.cap(j + 1) && r.joined(j) && !r.cue(j + 1) {
                    j += 1;
                } else if r.hyphenated(j) {
                    // "Ban Ki-moon"
                    j += 1;
                } else {
                    break;
                }
            }
            // a capitalized opener is no part of a name ("Although Scott", "But Mr. Obama")
            let mut a = i;
            while a < j && r.lower(a, |l| RUN_OPENERS.contains(l)) {
                a += 1;
            }
            people.add_run(&r, a, j);
            i = j + 1;
        }
        people.gather_pronoun_votes(&r);
        people
    }

    /// Adds the capitalized run `i..=j` when it names a person.
    fn add_run(&mut self, r: &Reader, i: usize, j: usize) {
        // one word is a person only when the document named them in full before (most
        // capitalized words are a sentence's first)
        if i == j {
            let w = strip_possessive(r.word(i));
            if !self.by_last.contains_key(w) && !self.by_first.contains_key(w) {
                return;
            }
        }
        let titles = RunTitles::of(r, i, j);
        let Some(name) = run_name(r, i, j, titles.titled) else {
            return;
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        let person = match self.find(&words) {
            Some(p) => p,
            None if words.len() >= 2 || titles.titled => self.add_person(&name),
            None => return,
        };
        self.keep_fullest(r, i, person, &name, &words);
        for g in titles.words {
            self.persons[person].vote(g, 3);
        }
        self.persons[person].vote(titles.before, 3);
        self.add_mention(r, i, j, person);
    }

    /// Keeps the fullest form of a person's name (`name`, its `words`), but not one that opens a sentence
    /// with a word before the name the document knows ("Despite Hunter Biden", "Add Barack
    /// Obama").
    fn keep_fullest(&mut self, r: &Reader, i: usize, person: usize, name: &str, words: &[&str]) {
        let opens = i == 0 || r.toks[i - 1].sentence != r.toks[i].sentence;
        let known_words = self.persons[person].name.split_whitespace().count();
        if words.len() > known_words && (known_words == 1 || !opens) {
            self.persons[person].name = name.to_string();
            let first = words[0].to_string();
            self.by_first.entry(first).or_default().push(person);
        }
    }

    /// Records that the run `i..=j` mentions `person`: whether a cue stands beside it and
    /// whether it is its sentence's first mention.
    fn add_mention(&mut self, r: &Reader, i: usize, j: usize, person: usize) {
        let after = (j + 1..r.toks.len()).find(|&k| !r.word(k).starts_with(char::is_uppercase));
        let speaks =
            i > 0 && r.cue(i - 1) || r.cue(j + 1) || after.is_some_and(|k| k == j + 1 && r.cue(k));
        let first_of_sentence = self
            .mentions
            .last()
            .is_none_or(|m| m.sentence != r.toks[i].sentence);
        self.mentions.push(Mention {
            start: r.toks[i].start as usize,
            speaks,
            subject: first_of_sentence,
            sentence: r.toks[i].sentence,
            person,
            last_tok: j,
        });
    }

    /// The person a name refers to: among those with the same surname whose name holds all
    /// its words or is held in them ("Trump", "Mr. Trump", "Donald J. Trump"), for a surname
    /// alone the first (the one the story is about: "Heidi Cruz" after "Ted Cruz" does not make
    /// "Cruz" hers), for a fuller name the latest; else the latest whose first name it is
    /// ("Hillary").
    fn find(&self, words: &[&str]) -> Option<usize> {
        let last = words.last()?;
        let same = |&k: &usize| {
            let pw: Vec<&str> = self.persons[k].name.split_whitespace().collect();
            words.iter().all(|w| pw.contains(w)) || pw.iter().all(|w| words.contains(w))
        };
        let by_last = self.by_last.get(*last).map_or(&[][..], Vec::as_slice);
        let found = if words.len() == 1 {
            by_last.iter().copied().find(same)
        } else {
            by_last.iter().rev().copied().find(same)
        };
        found.or_else(|| {
            (words.len() == 1)
                .then(|| self.by_first.get(*last).and_then(|v| v.last().copied()))
                .flatten()
        })
    }

    /// Adds a person, indexed by surname and first name.
    fn add_person(&mut self, name: &str) -> usize {
        let k = self.persons.len();
        let words: Vec<&str> = name.split_whitespace().collect();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            self.by_last.entry(last.to_string()).or_default().push(k);
            self.by_first.entry(first.to_string()).or_default().push(k);
        }
        self.persons.push(Person {
            name: name.to_string(),
            votes: [0, 0],
        });
        k
    }

    /// The person a speaker's name refers to ("Trump", "Sen. Claire McCaskill").
    pub(super) fn person_named(&self, name: &str) -> Option<&Person> {
        let c = canonical_name(name);
        let words: Vec<&str> = strip_possessive(&c).split_whitespace().collect();
        self.find(&words).map(|k| &self.persons[k])
    }

    /// Counts, for each mention that is the first of its sentence, the first third-person
    /// pronoun after it (outside quotations) in its sentence or the next, before another
    /// person is mentioned: "Mr. Obama said he …", "Lynch spoke. She …".
    fn gather_pronoun_votes(&mut self, r: &Reader) {
        for m in 0..self.mentions.len() {
            let here = self.mentions[m];
            if m > 0 && self.mentions[m - 1].sentence == here.sentence {
                continue;
            }
            let stop = self
                .mentions
                .get(m + 1)
                .map_or(r.toks.len(), |n| n.last_tok);
            let g = (here.last_tok + 1..stop.min(r.toks.len()))
                .take_while(|&k| r.toks[k].sentence <= here.sentence + 1)
                .map(|k| r.pronoun(k))
                .find(|g| *g != Gender::Unknown);
            if let Some(g) = g {
                self.persons[here.person].vote(g, 1);
            }
        }
    }

    /// The person a "he" or "she" (of `gender`) at byte `pos` in sentence `sentence` refers
    /// to: sentence by sentence backward, the nearest mention before it in its own sentence,
    /// then in each earlier sentence the first (the subject) whose gender agrees, or who
    /// speaks there or is its subject and has no gender yet. A sentence whose own subject is the same pronoun is
    /// about the same person: its other mentions are skipped. Mentions before byte `floor`
    /// (where the current speaker was named) are not read: the speaker carries on until someone
    /// else is introduced. None when no such person is named.
    pub(super) fn antecedent(
        &self,
        pos: usize,
        floor: usize,
        sentence: u32,
        gender: Gender,
    ) -> Option<&Person> {
        // an antecedent is within the last few paragraphs
        let reach = sentence.saturating_sub(MAX_SENTENCES_BACK);
        let lo = self
            .mentions
            .partition_point(|m| m.start < floor || m.sentence < reach);
        let hi = self.mentions.partition_point(|m| m.start < pos).max(lo);
        let before = &self.mentions[lo..hi];
        let agrees = |m: &&Mention| {
            let g = self.persons[m.person].gender();
            let named = self.persons[m.person].name.contains(' ');
            g == gender || g == Gender::Unknown && named && (m.speaks || m.subject)
        };
        if let Some(m) = before
            .iter()
            .rev()
            .take_while(|m| m.sentence == sentence)
            .find(agrees)
        {
            return Some(&self.persons[m.person]);
        }
        let mut end = before.partition_point(|m| m.sentence < sentence);
        while end > 0 {
            let s = before[end - 1].sentence;
            let start = before[..end].partition_point(|m| m.sentence < s);
            let same_subject = self.pronoun_subjects.binary_search(&(s, gender)).is_ok();
            if !same_subject {
                if let Some(m) = before[start..end].iter().find(agrees) {
                    return Some(&self.persons[m.person]);
                }
            }
            end = start;
        }
        None
    }
}

/// A name without its possessive ending ("Trump’s" → "Trump").
fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name)
}

/// The titles of a capitalized run: the gender each word's title gives (a gendered title before
/// the name, an honorific anywhere: "Congresswoman Maxine Waters", "Charlie King" has none),
/// whether any title stands in it, and the gender of a lowercase title right before it
/// ("spokesman Jason Miller").
struct RunTitles {
    words: Vec<Gender>,
    titled: bool,
    before: Gender,
}

impl RunTitles {
    fn of(r: &Reader, i: usize, j: usize) -> RunTitles {
        let words: Vec<Gender> = (i..=j)
            .map(|k| {
                r.lower(k, |l| {
                    let honorific = matches!(l, "mr" | "mrs" | "ms" | "miss");
                    if k < j || honorific {
                        title_gender(l)
                    } else {
                        Gender::Unknown
                    }
                })
            })
            .collect();
        let titled = (i..=j).any(|k| r.lower(k, |l| HONORIFICS.contains(l)))
            || words.iter().any(|g| *g != Gender::Unknown);
        let before = if i > 0 && !r.cap(i - 1) && !r.inside[i - 1] {
            r.lower(i - 1, title_gender)
        } else {
            Gender::Unknown
        };
        RunTitles {
            words,
            titled,
            before,
        }
    }
}

/// The name the capitalized run `i..=j` gives when it names a person: none after "the" unless
/// titled, none for an organisation's phrase, a sentence opener alone or a word that names no
/// person; a possessor is someone else ("NBC’s Dante Chinni" names Dante Chinni).
fn run_name(r: &Reader, i: usize, j: usize, titled: bool) -> Option<String> {
    let the_before = i > 0 && r.lower(i - 1, |l| l == "the");
    let possessive = |k: usize| r.word(k).ends_with("’s") || r.word(k).ends_with("'s");
    let possessor = (i..j).rev().find(|&k| possessive(k));
    let phrase = r.phrase(i, j);
    if (the_before && !titled) || possessor.is_none() && is_org_phrase(&phrase) {
        return None;
    }
    let phrase = match possessor {
        Some(k) => r.phrase(k + 1, j),
        None => phrase,
    };
    let name = canonical_name(&phrase);
    let name = strip_possessive(&name).to_string();
    let words: Vec<&str> = name.split_whitespace().collect();
    let opener = words.len() == 1 && is_sentence_opener(&words[0].to_lowercase());
    let no_person = words
        .iter()
        .any(|w| with_bare_lower(w, |l| NOT_A_PERSON.contains(l)));
    if words.is_empty() || opener || no_person {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::quotes::marks::find_spans;
    use crate::text::tokenize::tokenize;

    fn people(t: &str) -> People {
        let tk = tokenize(t);
        People::new(t, &tk.tokens, 0, &find_spans(t, 0), &Cues::builtin())
    }

    fn sentence_at(t: &str, pos: usize) -> u32 {
        let tk = tokenize(t);
        tk.tokens[tk.tokens.partition_point(|x| (x.start as usize) < pos)].sentence
    }

    fn gender_of(p: &People, name: &str) -> Gender {
        p.person_named(name).map_or(Gender::Unknown, Person::gender)
    }

    #[test]
    fn gender_from_honorifics_and_the_pronouns_after_a_name_never_from_first_names() {
        let p = people("Loretta E. Lynch spoke on Monday. She said the law was clear.");
        assert_eq!(gender_of(&p, "Lynch"), Gender::Female);
        let p = people("Jordan Casey arrived late, and he apologized.");
        assert_eq!(gender_of(&p, "Jordan Casey"), Gender::Male);
        let p = people("The rules were published. Mrs. Clinton was in Ohio.");
        assert_eq!(gender_of(&p, "Clinton"), Gender::Female);
        // a first name alone says nothing
        let p = people("Mary Smith arrived. The meeting began at noon.");
        assert_eq!(gender_of(&p, "Mary Smith"), Gender::Unknown);
        // a pronoun inside a quotation is the speaker's word about someone else
        let p = people("Ann Lee spoke. “He is wrong,” the crowd shouted.");
        assert_eq!(gender_of(&p, "Ann Lee"), Gender::Unknown);
    }

    #[test]
    fn the_fullest_form_of_a_name_is_the_persons_name() {
        let p = people("Mr. Trump spoke. Donald J. Trump is the nominee. Trump left.");
        assert_eq!(p.persons.len(), 1, "{:?}", p.persons);
        assert_eq!(p.persons[0].name, "Donald J. Trump");
        let p = people("Hillary Clinton spoke. The next day Hillary said more.");
        assert_eq!(p.persons.len(), 1);
    }

    #[test]
    fn places_days_and_organisations_are_no_people() {
        let p = people("The United States and the White House met on Late Sunday. The Washington Post said so. Fox News agreed.");
        assert!(p.persons.is_empty(), "{:?}", p.persons);
    }

    #[test]
    fn a_pronoun_takes_the_nearest_subject_that_agrees_in_gender() {
        let antecedent = |t: &str, at: &str, g: Gender| {
            let (p, pos) = (people(t), t.find(at).unwrap_or(0));
            let s = sentence_at(t, pos);
            p.antecedent(pos, 0, s, g).map(|x| x.name.clone())
        };
        let t = "Hillary Clinton attacked Donald Trump on Monday. The crowd cheered. “It was wrong,” she said.";
        // the subject of the sentence before, no gender evidence against it
        assert_eq!(
            antecedent(t, "she said", Gender::Female).as_deref(),
            Some("Hillary Clinton")
        );
        let t = "The vote was close. The crowd cheered for Mrs. Clinton and Mr. Trump. “It was wrong,” she said.";
        assert_eq!(
            antecedent(t, "she said", Gender::Female).as_deref(),
            Some("Clinton")
        );
        assert_eq!(
            antecedent(t, "she said", Gender::Male).as_deref(),
            Some("Trump")
        );
        let t = "The vote was close. Mrs. Clinton attacked Mr. Trump. “It was wrong,” he said.";
        assert_eq!(
            antecedent(t, "he said", Gender::Male).as_deref(),
            Some("Trump")
        );
        // a sentence whose subject is the same pronoun is about the same person
        let t = "Mr. Obama spoke first. He thanked Mr. Kerry. “We will act,” he said.";
        assert_eq!(
            antecedent(t, "he said", Gender::Male).as_deref(),
            Some("Obama")
        );
        // a person who speaks with no gender evidence yet is one; a possessor is left out
        let t =
            "Mr. Trump spoke. “It is a change,” noted NBC’s Dante Chinni. “Few moved,” he said.";
        assert_eq!(
            antecedent(t, "he said", Gender::Male).as_deref(),
            Some("Dante Chinni")
        );
    }
}
