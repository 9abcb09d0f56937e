//! Hedge lexicon and matcher: multiword entries on normalized tokens, longest match first with no
//! overlaps, and context rules (approximators only before numbers, "May" the month is no modal).

use crate::error::{Error, Result};
use crate::text::tokenize::{normalize, normalize_into, tokenize, Tokenized};
use ahash::AHashMap as HashMap;
use std::path::Path;

/// The built-in English lexicon, embedded in the binary.
pub const BUILTIN_EN: &str = include_str!("../../data/lexicons/hedges_en.csv");

/// Sentinel for a word that no pattern or rule mentions.
pub const NO_LEX: u32 = u32::MAX;

/// One lexicon entry as written: pattern, category, rules and a short justification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Entry {
    /// Tokens separated by spaces; alternatives within a token separated by `|`.
    pub pattern: String,
    /// Category (evidential, modal, epistemic_verb, adverb_adjective, approximator, weasel, ...).
    pub category: String,
    /// Context rules, `;`-separated: `number_after`, `not_month`, `not_prev=a|b`, `not_next=a|b`, `next=a|b`.
    #[serde(default)]
    pub rule: String,
    /// Why this is a hedge.
    #[serde(default)]
    pub note: String,
}

/// A compiled context rule.
#[derive(Debug, Clone)]
enum Rule {
    NumberAfter,
    NotMonth,
    NotPrev(Vec<u32>),
    NotNext(Vec<u32>),
    Next(Vec<u32>),
}

/// A compiled entry.
#[derive(Debug, Clone)]
struct Compiled {
    tokens: Vec<Vec<u32>>,
    category: u16,
    rules: Vec<Rule>,
}

/// What the matcher needs to know of a token.
#[derive(Debug, Clone, Copy)]
pub struct MatchToken {
    /// Lexicon word id ([`NO_LEX`] when the word is in no pattern).
    pub lex: u32,
    /// Starts with a digit.
    pub number: bool,
    /// First letter is uppercase.
    pub capitalized: bool,
    /// First word of its sentence.
    pub sentence_start: bool,
}

/// One match: token range and entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// First token index.
    pub first: usize,
    /// One past the last token index.
    pub last: usize,
    /// Entry index in [`Lexicon::entries`].
    pub entry: usize,
}

/// A compiled hedge lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Entries as written (for `hedgerow lexicon` and the `entry` column).
    pub entries: Vec<Entry>,
    /// Category names in first-seen order.
    pub categories: Vec<String>,
    compiled: Vec<Compiled>,
    words: HashMap<String, u32>,
    number_words: Vec<bool>,
    /// Entries by the lexicon id of a word their first token allows, indexed by that id (a
    /// look-up per token with a lexicon word, so an array rather than a hash map).
    by_first: Vec<Vec<usize>>,
}

/// Number words that let an approximator count ("about two dozen", "some hundreds").
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "dozen",
    "dozens",
    "half",
    "third",
    "quarter",
    "score",
];

/// Words after which a capitalized "May" is the month.
const MONTH_CONTEXT: &[&str] = &[
    "in", "of", "on", "since", "until", "till", "by", "early", "late", "mid", "last", "next",
    "this", "during", "from", "through", "before", "after", "between", "and", "to", "each",
    "every",
];

impl Lexicon {
    /// The built-in English lexicon.
    pub fn builtin() -> Self {
        // The embedded file is tested; failure here is a build defect, not user input.
        Self::from_csv_str(BUILTIN_EN, Path::new("data/lexicons/hedges_en.csv"))
            .unwrap_or_else(|e| panic!("built-in lexicon: {e}"))
    }

    /// Parses a CSV lexicon (`pattern,category[,rule,note]`).
    pub fn from_csv_str(s: &str, path: &Path) -> Result<Self> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(s.as_bytes());
        let mut entries = Vec::new();
        for (i, rec) in rdr.deserialize::<Entry>().enumerate() {
            let e = rec.map_err(|e| {
                Error::parse(path, Some(i as u64 + 2), format!("bad lexicon row: {e}"))
            })?;
            entries.push(e);
        }
        Self::compile(entries, path)
    }

    /// Parses a TOML lexicon: `[[entry]]` tables with `pattern`, `category`, optional `rule`, `note`.
    pub fn from_toml_str(s: &str, path: &Path) -> Result<Self> {
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(alias = "entries")]
            entry: Vec<Entry>,
        }
        let f: File = toml::from_str(s)
            .map_err(|e| Error::parse(path, None, format!("bad TOML lexicon: {e}")))?;
        Self::compile(f.entry, path)
    }

    /// Reads a user lexicon file (CSV or TOML by extension).
    pub fn load(path: &Path) -> Result<Self> {
        let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            Self::from_toml_str(&s, path)
        } else {
            Self::from_csv_str(&s, path)
        }
    }

    /// This lexicon with another's entries added (later entries lose ties of equal length).
    pub fn extended(&self, other: &Lexicon) -> Result<Self> {
        let mut e = self.entries.clone();
        e.extend(other.entries.iter().cloned());
        Self::compile(e, Path::new("<merged lexicon>"))
    }

    fn compile(entries: Vec<Entry>, path: &Path) -> Result<Self> {
        let mut words: HashMap<String, u32> = HashMap::new();
        let mut intern = |w: &str| -> u32 {
            let w = normalize(w);
            let n = words.len() as u32;
            *words.entry(w).or_insert(n)
        };
        for w in NUMBER_WORDS
            .iter()
            .chain(MONTH_CONTEXT)
            .chain(["a", "an"].iter())
        {
            intern(w);
        }
        let mut categories: Vec<String> = Vec::new();
        let mut compiled = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let line = Some(i as u64 + 2);
            let toks: Vec<Vec<u32>> = e
                .pattern
                .split_whitespace()
                .map(|t| {
                    t.split('|')
                        .filter(|a| !a.is_empty())
                        .map(&mut intern)
                        .collect::<Vec<_>>()
                })
                .collect();
            if toks.is_empty() || toks.iter().any(|t| t.is_empty()) {
                return Err(Error::parse(
                    path,
                    line,
                    format!("empty pattern or alternative in '{}'", e.pattern),
                ));
            }
            let cat = e.category.trim().to_string();
            if cat.is_empty() {
                return Err(Error::parse(
                    path,
                    line,
                    format!("entry '{}' has no category", e.pattern),
                ));
            }
            let ci = match categories.iter().position(|c| *c == cat) {
                Some(p) => p,
                None => {
                    categories.push(cat);
                    categories.len() - 1
                }
            };
            let mut rules = Vec::new();
            for r in e.rule.split(';').map(str::trim).filter(|r| !r.is_empty()) {
                let list = |v: &str, intern: &mut dyn FnMut(&str) -> u32| {
                    v.split('|')
                        .filter(|a| !a.is_empty())
                        .map(intern)
                        .collect::<Vec<_>>()
                };
                rules.push(match r.split_once('=') {
                    None if r == "number_after" => Rule::NumberAfter,
                    None if r == "not_month" => Rule::NotMonth,
                    Some(("not_prev", v)) => Rule::NotPrev(list(v, &mut intern)),
                    Some(("not_next", v)) => Rule::NotNext(list(v, &mut intern)),
                    Some(("next", v)) => Rule::Next(list(v, &mut intern)),
                    _ => return Err(Error::parse(path, line, format!("unknown rule '{r}' (use number_after, not_month, not_prev=, not_next=, next=)"))),
                });
            }
            compiled.push(Compiled {
                tokens: toks,
                category: ci as u16,
                rules,
            });
        }
        let mut number_words = vec![false; words.len()];
        for w in NUMBER_WORDS {
            number_words[words[*w] as usize] = true;
        }
        let mut by_first: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
        for (i, c) in compiled.iter().enumerate() {
            for &f in &c.tokens[0] {
                by_first[f as usize].push(i);
            }
        }
        for v in &mut by_first {
            // Longest first; among equals, file order.
            v.sort_by_key(|&i| (std::cmp::Reverse(compiled[i].tokens.len()), i));
        }
        Ok(Self {
            entries,
            categories,
            compiled,
            words,
            number_words,
            by_first,
        })
    }

    /// The lexicon word id of a normalized word, or [`NO_LEX`].
    pub fn lex_id(&self, normalized: &str) -> u32 {
        self.words.get(normalized).copied().unwrap_or(NO_LEX)
    }

    /// Category name of an entry.
    pub fn category_of(&self, entry: usize) -> &str {
        &self.categories[self.compiled[entry].category as usize]
    }

    /// Category index of an entry.
    pub fn category_index(&self, entry: usize) -> usize {
        self.compiled[entry].category as usize
    }

    fn counts_as_number(&self, toks: &[MatchToken], i: usize) -> bool {
        let Some(t) = toks.get(i) else { return false };
        if t.number || (t.lex != NO_LEX && self.number_words[t.lex as usize]) {
            return true;
        }
        // "about a dozen", "around a third", "up to a million"
        let is_a = t.lex != NO_LEX && (t.lex == self.words["a"] || t.lex == self.words["an"]);
        is_a && toks
            .get(i + 1)
            .is_some_and(|n| n.lex != NO_LEX && self.number_words[n.lex as usize])
    }

    fn rules_pass(&self, c: &Compiled, toks: &[MatchToken], first: usize, last: usize) -> bool {
        let prev = first.checked_sub(1).map(|p| toks[p].lex);
        let next = toks.get(last).map(|t| t.lex);
        c.rules.iter().all(|r| match r {
            Rule::NumberAfter => self.counts_as_number(toks, last),
            Rule::NotMonth => {
                let t = toks[first];
                let after_month_word =
                    prev.is_some_and(|p| MONTH_CONTEXT.iter().any(|w| self.words[*w] == p));
                let next_number = toks.get(last).is_some_and(|n| n.number);
                !(t.capitalized && (!t.sentence_start || next_number || after_month_word))
            }
            Rule::NotPrev(ws) => !prev.is_some_and(|p| ws.contains(&p)),
            Rule::NotNext(ws) => !next.is_some_and(|n| ws.contains(&n)),
            Rule::Next(ws) => next.is_some_and(|n| ws.contains(&n)),
        })
    }

    /// Finds hedges in a token sequence: left to right, longest entry first, never overlapping,
    /// never crossing a sentence boundary.
    pub fn find(&self, toks: &[MatchToken], out: &mut Vec<Hit>) {
        let mut i = 0;
        while i < toks.len() {
            let mut advanced = false;
            if let Some(cands) = self.by_first.get(toks[i].lex as usize) {
                for &ci in cands {
                    let c = &self.compiled[ci];
                    let n = c.tokens.len();
                    if i + n > toks.len() {
                        continue;
                    }
                    let ok = c.tokens.iter().enumerate().all(|(k, alts)| {
                        let t = toks[i + k];
                        (k == 0 || !t.sentence_start) && alts.contains(&t.lex)
                    });
                    if ok && self.rules_pass(c, toks, i, i + n) {
                        out.push(Hit {
                            first: i,
                            last: i + n,
                            entry: ci,
                        });
                        i += n;
                        advanced = true;
                        break;
                    }
                }
            }
            if !advanced {
                i += 1;
            }
        }
    }

    /// Convenience for tests and the `kwic` command: hedges in a plain string.
    pub fn find_in_text(&self, text: &str) -> Vec<(String, String)> {
        let tk = tokenize(text);
        let toks = self.match_tokens(text, &tk);
        let mut hits = Vec::new();
        self.find(&toks, &mut hits);
        hits.iter()
            .map(|h| {
                let s = tk.tokens[h.first].start as usize;
                let e = tk.tokens[h.last - 1].end as usize;
                (
                    text[s..e].to_string(),
                    self.category_of(h.entry).to_string(),
                )
            })
            .collect()
    }

    /// Builds matcher tokens for a tokenized text (one hash look-up per token).
    pub fn match_tokens(&self, text: &str, tk: &Tokenized) -> Vec<MatchToken> {
        let mut buf = String::new();
        let mut prev_sentence = u32::MAX;
        tk.tokens
            .iter()
            .map(|t| {
                let w = &text[t.start as usize..t.end as usize];
                normalize_into(w, &mut buf);
                let ss = t.sentence != prev_sentence;
                prev_sentence = t.sentence;
                MatchToken {
                    lex: self.lex_id(&buf),
                    number: t.is_number,
                    capitalized: w.chars().next().is_some_and(char::is_uppercase),
                    sentence_start: ss,
                }
            })
            .collect()
    }

    /// The lexicon as CSV text (what `hedgerow lexicon` prints).
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        for e in &self.entries {
            let _ = w.serialize(e);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(t: &str) -> Vec<(String, String)> {
        Lexicon::builtin().find_in_text(t)
    }

    #[test]
    fn builtin_has_required_categories() {
        let l = Lexicon::builtin();
        for c in [
            "evidential",
            "modal",
            "epistemic_verb",
            "adverb_adjective",
            "approximator",
            "weasel",
        ] {
            assert!(l.categories.iter().any(|x| x == c), "{c}");
        }
        assert!(
            l.entries.iter().all(|e| !e.note.is_empty()),
            "every entry is justified"
        );
    }

    #[test]
    fn according_to_is_one_hedge() {
        assert_eq!(
            hits("According to South Korean intelligence, it rained."),
            vec![("According to".into(), "evidential".into())]
        );
    }

    #[test]
    fn approximators_need_numbers() {
        assert_eq!(
            hits("approximately 11,000 troops"),
            vec![("approximately".into(), "approximator".into())]
        );
        assert_eq!(
            hits("around 4,000 of these"),
            vec![("around".into(), "approximator".into())]
        );
        assert!(hits("We walked around the town talking about politics.").is_empty());
        assert_eq!(hits("about a dozen people").len(), 1);
        assert_eq!(hits("up to three days").len(), 1);
        assert_eq!(hits("more than 100 died").len(), 1);
        assert!(hits("he wanted more than that").is_empty());
    }

    #[test]
    fn some_only_before_numbers() {
        assert_eq!(
            hits("some 2,000 soldiers"),
            vec![("some".into(), "approximator".into())]
        );
        // without a number "some" is no approximator (it is a vague quantifier, its own category)
        assert_eq!(
            hits("some soldiers left"),
            vec![("some".into(), "vague_quantifier".into())]
        );
        assert!(hits("for some time").is_empty());
    }

    #[test]
    fn may_the_month_is_not_modal() {
        assert!(hits("The vote was held in May.").is_empty());
        assert!(hits("It happened on May 5 last year.").is_empty());
        assert!(hits("They met Theresa May yesterday.").is_empty());
        assert!(hits("May 2025 was warm.").is_empty());
        assert_eq!(
            hits("The troops may return."),
            vec![("may".into(), "modal".into())]
        );
        assert_eq!(
            hits("May they return safely."),
            vec![("May".into(), "modal".into())]
        );
    }

    #[test]
    fn longest_match_wins_without_overlap() {
        assert_eq!(
            hits("It is widely believed that"),
            vec![("It is widely believed".into(), "weasel".into())]
        );
        assert_eq!(
            hits("It would likely fail"),
            vec![("would likely".into(), "modal".into())]
        );
        assert_eq!(
            hits("an estimated 4,000 dead"),
            vec![("an estimated".into(), "approximator".into())]
        );
        assert_eq!(
            hits("it appears that"),
            vec![("it appears".into(), "epistemic_verb".into())]
        );
    }

    #[test]
    fn inflections_and_case() {
        assert_eq!(hits("The evidence SUGGESTS otherwise").len(), 1);
        assert_eq!(hits("Officials estimated the damage").len(), 1);
        assert!(hits("The estimate was high").is_empty());
    }

    #[test]
    fn not_prev_and_not_next_rules() {
        assert!(hits("The claims were false").is_empty());
        assert_eq!(hits("Ukraine claims victory").len(), 0);
        assert_eq!(hits("what Ukraine claims are 11,000 soldiers").len(), 1);
        assert!(hits("He believes in God").is_empty());
        assert!(hits("It is more likely now").is_empty());
    }

    #[test]
    fn does_not_cross_sentences() {
        // "according" ends one sentence, "to" starts the next: no match.
        assert!(hits("That depends on the reading according. To be fair, no.").is_empty());
    }

    #[test]
    fn user_lexicons_parse_and_reject_bad_rules() {
        let l = Lexicon::from_toml_str(
            "[[entry]]\npattern = \"sources close to\"\ncategory = \"evidential\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(l.find_in_text("sources close to the king").len(), 1);
        assert!(Lexicon::from_csv_str(
            "pattern,category,rule,note\nx,modal,bogus,\n",
            Path::new("x.csv")
        )
        .is_err());
        assert!(
            Lexicon::from_csv_str("pattern,category,rule,note\nx,,,\n", Path::new("x.csv"))
                .is_err()
        );
    }
}
