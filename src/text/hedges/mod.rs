//! Hedge lexicon and matcher: multiword entries on normalized tokens, longest match first with no
//! overlaps, and context rules ([`rules`](self#rules): approximators only before numbers, "May"
//! the month is no modal, "could" of purpose is no hedge). A pattern token may end in `*`
//! ("alleg*", any word so beginning) or be `*` alone (any one word, not first).

mod rules;

use crate::error::{Error, Result};
use crate::text::tokenize::{normalize, normalize_into, tokenize, Tokenized};
use ahash::AHashMap as HashMap;
use rules::{Rule, RuleWords};
use std::path::Path;

/// The built-in English lexicon, embedded in the binary.
pub const BUILTIN_EN: &str = include_str!("../../../data/lexicons/hedges_en.csv");

/// Sentinel for a word that no pattern or rule mentions.
pub const NO_LEX: u32 = u32::MAX;

/// A pattern token `*`: any one word.
const ANY: u32 = u32::MAX - 1;

/// The hedge categories of the built-in lexicon: a user lexicon's other categories get their
/// own columns but stay out of the headline `n_hedges` and `hedges_per_1k`.
pub const BUILTIN_CATEGORIES: &[&str] = &[
    "evidential",
    "modal",
    "epistemic_verb",
    "expectation",
    "adverb_adjective",
    "approximator",
    "weasel",
    "vague_quantifier",
];

/// One lexicon entry as written: pattern, category, rules and a short justification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Entry {
    /// Tokens separated by spaces; alternatives within a token separated by `|`; a token may
    /// end in `*` (a prefix) or be `*` (any word).
    pub pattern: String,
    /// Category (evidential, modal, epistemic_verb, adverb_adjective, approximator, weasel, ...).
    pub category: String,
    /// Context rules, `;`-separated (see the module docs).
    #[serde(default)]
    pub rule: String,
    /// Why this is a hedge.
    #[serde(default)]
    pub note: String,
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
    /// First word of a clause: of its sentence, or after `,` `;` `:` `(` or a dash.
    pub clause_start: bool,
    /// The word ends in -ing.
    pub ing: bool,
}

/// Whether the text between two tokens opens a clause (`,` `;` `:` `(` or a dash).
pub fn opens_clause(gap: &[u8]) -> bool {
    gap.iter().any(|&b| matches!(b, b',' | b';' | b':' | b'('))
        || gap
            .windows(3)
            .any(|w| w == "—".as_bytes() || w == "–".as_bytes())
}

/// Whether a normalized word ends in -ing (a gerund or participle, for the `@ing` class).
pub fn ends_ing(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ing")
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
    /// Whether each category (by index) is one of [`BUILTIN_CATEGORIES`].
    builtin: Vec<bool>,
    compiled: Vec<Compiled>,
    words: HashMap<String, u32>,
    /// Prefix patterns ("alleg*"), longest first.
    prefixes: Vec<Prefix>,
    number_words: Vec<bool>,
    /// Number words and units, which count as a quantity after "a" ("about a decade").
    unit_words: Vec<bool>,
    month_context: Vec<u32>,
    a_an: [u32; 2],
    /// Entries by the lexicon id of a word their first token allows, indexed by that id (a
    /// look-up per token with a lexicon word, so an array rather than a hash map).
    by_first: Vec<Vec<usize>>,
    /// For each first word (by lexicon id), what its entries allow second: a frequent first
    /// word ("is", "in") with no such second word skips its multiword entries at once.
    seconds: Vec<SecondWords>,
}

/// A prefix pattern ("alleg*": any word beginning "alleg") with its lexicon id.
#[derive(Debug, Clone)]
struct Prefix {
    /// The pattern without its `*`.
    prefix: String,
    /// Lexicon id of the pattern.
    id: u32,
}

/// What the entries of one first word allow as the second word.
#[derive(Debug, Clone)]
struct SecondWords {
    /// The words any of its multiword entries allows second (sorted).
    words: Vec<u32>,
    /// Whether one allows any word there.
    any: bool,
    /// Where its one-word entries begin in [`Lexicon::by_first`] (after the longer ones).
    singles: usize,
}

impl SecondWords {
    /// What the entries `v` (longest first) of one first word allow second.
    fn of(v: &[usize], compiled: &[Compiled]) -> Self {
        let mut words: Vec<u32> = v
            .iter()
            .filter_map(|&i| compiled[i].tokens.get(1))
            .flatten()
            .copied()
            .collect();
        words.sort_unstable();
        words.dedup();
        SecondWords {
            any: words.contains(&ANY),
            singles: v.partition_point(|&i| compiled[i].tokens.len() > 1),
            words,
        }
    }
}

/// The words of a lexicon being compiled, with their ids (in first-seen order).
struct Interner {
    words: HashMap<String, u32>,
    prefixes: Vec<Prefix>,
}

impl Interner {
    /// An interner holding the words the context rules look for first.
    fn with_rule_words() -> Self {
        let mut out = Interner {
            words: HashMap::new(),
            prefixes: Vec::new(),
        };
        for w in NUMBER_WORDS
            .iter()
            .chain(UNIT_WORDS)
            .chain(MONTH_CONTEXT)
            .chain(["a", "an"].iter())
        {
            out.intern(w);
        }
        out
    }

    /// The id of a pattern word (normalized; [`ANY`] for `*`), noting a prefix pattern.
    fn intern(&mut self, w: &str) -> u32 {
        if w == "*" {
            return ANY;
        }
        let w = normalize(w);
        let n = self.words.len() as u32;
        let id = *self.words.entry(w.clone()).or_insert(n);
        if let Some(p) = w.strip_suffix('*').filter(|p| !p.is_empty()) {
            if !self.prefixes.iter().any(|x| x.id == id) {
                self.prefixes.push(Prefix {
                    prefix: p.to_string(),
                    id,
                });
            }
        }
        id
    }

    /// Sorts the prefixes longest first, and lets a prefix alternative also allow the lexicon's
    /// own words it begins (a word of the lexicon gets its own id, not the prefix's) and the
    /// longer prefixes it covers.
    fn widen_prefixes(&mut self, compiled: &mut [Compiled]) {
        self.prefixes.sort_by(|a, b| {
            b.prefix
                .len()
                .cmp(&a.prefix.len())
                .then(a.prefix.cmp(&b.prefix))
        });
        if self.prefixes.is_empty() {
            return;
        }
        for c in compiled {
            for alts in &mut c.tokens {
                let extra: Vec<u32> = alts.iter().flat_map(|&a| self.covered(a)).collect();
                alts.extend(extra);
                alts.sort_unstable();
                alts.dedup();
            }
        }
    }

    /// The other words a prefix pattern (by id) begins; none for a word that is no prefix.
    fn covered(&self, pid: u32) -> Vec<u32> {
        let Some(p) = self.prefixes.iter().find(|x| x.id == pid) else {
            return Vec::new();
        };
        self.words
            .iter()
            .filter(|(w, &id)| id != pid && w.trim_end_matches('*').starts_with(&p.prefix))
            .map(|(_, &id)| id)
            .collect()
    }
}

/// Whether each category is one of [`BUILTIN_CATEGORIES`].
fn builtin_flags(categories: &[String]) -> Vec<bool> {
    categories
        .iter()
        .map(|c| BUILTIN_CATEGORIES.contains(&c.as_str()))
        .collect()
}

/// Compiles one entry, its category added to `categories` when new; the error says what is
/// wrong with it.
fn compile_entry(
    e: &Entry,
    words: &mut Interner,
    categories: &mut Vec<String>,
) -> std::result::Result<Compiled, String> {
    let tokens = pattern_tokens(&e.pattern, words)?;
    let cat = e.category.trim();
    if cat.is_empty() {
        return Err(format!("entry '{}' has no category", e.pattern));
    }
    Ok(Compiled {
        tokens,
        category: category_id(categories, cat) as u16,
        rules: entry_rules(&e.rule, words)?,
    })
}

/// The index of category `cat`, added to `categories` when new.
fn category_id(categories: &mut Vec<String>, cat: &str) -> usize {
    if let Some(p) = categories.iter().position(|c| c == cat) {
        return p;
    }
    categories.push(cat.to_string());
    categories.len() - 1
}

/// The `;`-separated context rules of an entry, compiled.
fn entry_rules(rule: &str, words: &mut Interner) -> std::result::Result<Vec<Rule>, String> {
    rule.split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| rules::parse(r, &mut |w: &str| words.intern(w)))
        .collect()
}

/// The alternatives (word ids) of each token of a pattern; an error for an empty token or a
/// misplaced `*`.
fn pattern_tokens(
    pattern: &str,
    words: &mut Interner,
) -> std::result::Result<Vec<Vec<u32>>, String> {
    let toks: Vec<Vec<u32>> = pattern
        .split_whitespace()
        .map(|t| {
            t.split('|')
                .filter(|a| !a.is_empty())
                .map(|a| words.intern(a))
                .collect::<Vec<_>>()
        })
        .collect();
    if toks.is_empty() || toks.iter().any(|t| t.is_empty()) {
        return Err(format!("empty pattern or alternative in '{pattern}'"));
    }
    if toks[0].contains(&ANY) || toks.iter().any(|t| t.len() > 1 && t.contains(&ANY)) {
        return Err(format!(
            "'*' stands alone and not first in '{pattern}' (a word may end in *: alleg*)"
        ));
    }
    Ok(toks)
}

/// The entries (indices) whose first token allows each word, by word id: longest first, and
/// among equals in file order.
fn entries_by_first(compiled: &[Compiled], n_words: usize) -> Vec<Vec<usize>> {
    let mut by_first: Vec<Vec<usize>> = vec![Vec::new(); n_words];
    for (i, c) in compiled.iter().enumerate() {
        for &f in &c.tokens[0] {
            by_first[f as usize].push(i);
        }
    }
    for v in &mut by_first {
        v.sort_by_key(|&i| (std::cmp::Reverse(compiled[i].tokens.len()), i));
    }
    by_first
}

/// One flag per lexicon word: whether it is one of `list`.
fn word_flags<'a>(
    words: &HashMap<String, u32>,
    list: impl Iterator<Item = &'a &'a str>,
) -> Vec<bool> {
    let mut flags = vec![false; words.len()];
    for w in list {
        flags[words[*w] as usize] = true;
    }
    flags
}

/// The form a Korean word (one ending in a Hangul syllable) is looked up by when it is no
/// lexicon word itself: a number's written digits as `0` ("40여가지", "4만여" → "0여가지",
/// "0여", so `0여*` is "some 40"), a reported clause by its ending ("낮다고" → "다고"), else its
/// stem without particle or ending ("가능성도" → "가능성"); none for other words, so no other
/// language's look-up changes.
fn korean_variant(w: &str) -> Option<String> {
    if !w
        .chars()
        .next_back()
        .is_some_and(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    {
        return None;
    }
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let rest = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
        let rest = rest.strip_prefix(['만', '천', '억', '조']).unwrap_or(rest);
        return Some(format!("0{rest}"));
    }
    // a reported clause ("낮다고 한다", "없다는 것이다") is looked up by its ending
    if let Some(e) = ["다고", "다는"]
        .iter()
        .find(|e| w.ends_with(**e) && w.len() > e.len())
    {
        return Some((*e).to_string());
    }
    let stem = crate::text::language::stem::korean(w);
    (stem.len() < w.len()).then_some(stem)
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
    "twice",
    "double",
    "triple",
    "thrice",
    "third",
    "quarter",
    "score",
];

/// Units that count as a quantity after "a": "about a decade", "nearly a year".
const UNIT_WORDS: &[&str] = &[
    "decade",
    "century",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "mile",
    "kilometre",
    "kilometer",
    "foot",
    "meter",
    "metre",
    "pound",
    "ton",
    "gallon",
    "lifetime",
    "generation",
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

    /// This lexicon with another's entries added. An entry of `other` with a pattern of this
    /// one replaces it, keeping its rule unless it gives its own; other entries are added after
    /// (and lose ties of equal length).
    pub fn extended(&self, other: &Lexicon) -> Result<Self> {
        let key = |p: &str| {
            p.split_whitespace()
                .map(normalize)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut e = self.entries.clone();
        for o in &other.entries {
            match e.iter_mut().find(|x| key(&x.pattern) == key(&o.pattern)) {
                Some(x) => {
                    let rule = if o.rule.trim().is_empty() {
                        x.rule.clone()
                    } else {
                        o.rule.clone()
                    };
                    *x = Entry { rule, ..o.clone() };
                }
                None => e.push(o.clone()),
            }
        }
        Self::compile(e, Path::new("<merged lexicon>"))
    }

    /// Compiles entries read from `path` (the file named in errors, with the entry's line).
    fn compile(entries: Vec<Entry>, path: &Path) -> Result<Self> {
        let mut words = Interner::with_rule_words();
        let mut categories: Vec<String> = Vec::new();
        let mut compiled = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let c = compile_entry(e, &mut words, &mut categories)
                .map_err(|m| Error::parse(path, Some(i as u64 + 2), m))?;
            compiled.push(c);
        }
        words.widen_prefixes(&mut compiled);
        let Interner { words, prefixes } = words;
        let by_first = entries_by_first(&compiled, words.len());
        let seconds = by_first
            .iter()
            .map(|v| SecondWords::of(v, &compiled))
            .collect();
        let builtin = builtin_flags(&categories);
        Ok(Self {
            entries,
            categories,
            builtin,
            compiled,
            number_words: word_flags(&words, NUMBER_WORDS.iter()),
            unit_words: word_flags(&words, NUMBER_WORDS.iter().chain(UNIT_WORDS)),
            month_context: MONTH_CONTEXT.iter().map(|w| words[*w]).collect(),
            a_an: [words["a"], words["an"]],
            words,
            prefixes,
            by_first,
            seconds,
        })
    }

    /// The lexicon word id of a normalized word, or [`NO_LEX`]: its own id, else the id of the
    /// longest prefix pattern it begins with.
    pub fn lex_id(&self, normalized: &str) -> u32 {
        let id = self.own_or_prefix_id(normalized);
        if id != NO_LEX {
            return id;
        }
        // a Korean eojeol: its stem without particle or ending ("가능성도" → "가능성")
        korean_variant(normalized).map_or(NO_LEX, |v| self.own_or_prefix_id(&v))
    }

    /// The id of a word itself, else of the longest prefix pattern it begins with.
    fn own_or_prefix_id(&self, normalized: &str) -> u32 {
        if let Some(&id) = self.words.get(normalized) {
            return id;
        }
        self.prefixes
            .iter()
            .find(|p| normalized.starts_with(p.prefix.as_str()))
            .map_or(NO_LEX, |p| p.id)
    }

    /// The same lexicon with its categories in the order `order` (its own others after them):
    /// lexicons of several languages counted in one run share one column per category.
    pub fn in_category_order(mut self, order: &[String]) -> Lexicon {
        let mut cats: Vec<String> = order.to_vec();
        for c in &self.categories {
            if !cats.contains(c) {
                cats.push(c.clone());
            }
        }
        for c in &mut self.compiled {
            let name = &self.categories[c.category as usize];
            c.category = cats.iter().position(|x| x == name).unwrap_or(0) as u16;
        }
        self.builtin = builtin_flags(&cats);
        self.categories = cats;
        self
    }

    /// Category name of an entry.
    pub fn category_of(&self, entry: usize) -> &str {
        &self.categories[self.compiled[entry].category as usize]
    }

    /// Category index of an entry.
    pub fn category_index(&self, entry: usize) -> usize {
        self.compiled[entry].category as usize
    }

    /// Whether an entry's category counts in the headline hedge rate (one of
    /// [`BUILTIN_CATEGORIES`]).
    pub fn counts_as_hedge(&self, entry: usize) -> bool {
        self.builtin[self.compiled[entry].category as usize]
    }

    /// Finds hedges in a token sequence: left to right, longest entry first, never overlapping,
    /// never crossing a sentence or clause boundary.
    pub fn find(&self, toks: &[MatchToken], out: &mut Vec<Hit>) {
        let rw = self.rule_words();
        let mut i = 0;
        while i < toks.len() {
            match self.longest_at(toks, i, &rw) {
                Some(hit) => {
                    i = hit.last;
                    out.push(hit);
                }
                None => i += 1,
            }
        }
    }

    /// What the context rules need of this lexicon's words.
    fn rule_words(&self) -> RuleWords<'_> {
        RuleWords {
            number_words: &self.number_words,
            unit_words: &self.unit_words,
            month_context: &self.month_context,
            a_an: self.a_an,
        }
    }

    /// The first entry starting at token `i` (longest first) whose words and rules fit.
    fn longest_at(&self, toks: &[MatchToken], i: usize, rw: &RuleWords) -> Option<Hit> {
        let first = toks[i].lex as usize;
        let cands = self.by_first.get(first)?;
        let from = self.candidates_from(toks, i, first);
        let ci = cands[from..]
            .iter()
            .copied()
            .find(|&ci| self.fits_at(ci, toks, i, rw))?;
        let last = i + self.compiled[ci].tokens.len();
        Some(Hit {
            first: i,
            last,
            entry: ci,
        })
    }

    /// Where the candidates of first word `first` worth trying at `i` begin: the one-word
    /// entries only, when no longer entry's second word follows.
    fn candidates_from(&self, toks: &[MatchToken], i: usize, first: usize) -> usize {
        let seconds = &self.seconds[first];
        let second_fits = seconds.any
            || toks
                .get(i + 1)
                .is_some_and(|t| seconds.words.binary_search(&t.lex).is_ok());
        if second_fits {
            0
        } else {
            seconds.singles
        }
    }

    /// Whether entry `ci`'s words stand at token `i`, within one clause, and its rules hold.
    fn fits_at(&self, ci: usize, toks: &[MatchToken], i: usize, rw: &RuleWords) -> bool {
        let c = &self.compiled[ci];
        let n = c.tokens.len();
        if i + n > toks.len() {
            return false;
        }
        let words_fit = c
            .tokens
            .iter()
            .zip(&toks[i..])
            .enumerate()
            .all(|(k, (alts, t))| {
                // an expression spans neither a sentence nor a clause boundary
                (k == 0 || !t.clause_start) && (alts.contains(&t.lex) || alts.as_slice() == [ANY])
            });
        words_fit && rw.pass(&c.rules, toks, i, i + n)
    }

    /// Convenience for tests and the `kwic` command: hedges in a plain string.
    pub fn find_in_text(&self, text: &str) -> Vec<(String, String)> {
        self.find_in_text_with(text, &tokenize)
    }

    /// Hedges in a plain string tokenized by `tokenize` (a language's rules).
    pub fn find_in_text_with(
        &self,
        text: &str,
        tokenize: &dyn Fn(&str) -> Tokenized,
    ) -> Vec<(String, String)> {
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
        let mut prev_end = 0usize;
        tk.tokens
            .iter()
            .map(|t| {
                let w = &text[t.start as usize..t.end as usize];
                normalize_into(w, &mut buf);
                let ss = t.sentence != prev_sentence;
                prev_sentence = t.sentence;
                let gap = &text.as_bytes()[prev_end.min(t.start as usize)..t.start as usize];
                prev_end = t.end as usize;
                MatchToken {
                    lex: self.lex_id(&buf),
                    number: t.is_number,
                    capitalized: w.chars().next().is_some_and(char::is_uppercase),
                    sentence_start: ss,
                    clause_start: ss || opens_clause(gap),
                    ing: ends_ing(&buf),
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
            hits("It may well fail"),
            vec![("may well".into(), "modal".into())]
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
        // the noun of assertion is evidential ("the claims were false", GUIDELINE), a claim for
        // money is not
        assert!(hits("The insurance claims were paid").is_empty());
        assert!(hits("The claims process was slow").is_empty());
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

    #[test]
    fn rules_after_the_match_and_before_it_in_sequence() {
        let lex = |rule: &str| {
            Lexicon::from_csv_str(
                &format!("pattern,category,rule,note\nfoo,modal,{rule},\n"),
                Path::new("x.csv"),
            )
            .unwrap()
        };
        let within = lex("not_next_within=2:bar");
        assert!(within.find_in_text("foo x bar").is_empty());
        assert_eq!(within.find_in_text("foo x y bar").len(), 1, "out of reach");
        assert_eq!(
            within.find_in_text("foo x. Bar y").len(),
            1,
            "next sentence"
        );
        let need = lex("next_within=2:bar");
        assert_eq!(need.find_in_text("foo x bar").len(), 1);
        assert!(need.find_in_text("foo x y bar").is_empty());
        let after = lex("not_after=would|could have");
        assert!(after.find_in_text("he would have foo").is_empty());
        assert!(after.find_in_text("he could have foo").is_empty());
        assert_eq!(
            after.find_in_text("he would foo").len(),
            1,
            "one word is no sequence"
        );
        assert_eq!(after.find_in_text("he may have foo").len(), 1);
        assert_eq!(
            after.find_in_text("He would have. Foo it").len(),
            1,
            "other sentence"
        );
        assert!(Lexicon::from_csv_str(
            "pattern,category,rule,note\nx,modal,not_after=,\n",
            Path::new("x.csv")
        )
        .is_err());
    }

    fn words(t: &str) -> Vec<String> {
        hits(t).into_iter().map(|h| h.0.to_lowercase()).collect()
    }

    #[test]
    fn precision_rules_of_news() {
        // could of purpose, counterfactual, a plan, a condition; epistemic could stays
        for t in [
            "He stood up so he could shoot the deer.",
            "Police could have contacted them earlier.",
            "It showed where the wall could be built.",
            "If he could, he would leave.",
        ] {
            assert!(hits(t).is_empty(), "{t}");
        }
        assert_eq!(words("Trump could crack Democratic areas."), ["could"]);
        // some as a plain determiner of things; vague some of a group (a plural noun of people,
        // as the guideline's "some" of a group and news_second's "some folks")
        assert_eq!(
            words("Soldiers were told to kill some Americans."),
            ["some"]
        );
        assert!(hits("She did receive some emails with classified markings.").is_empty());
        assert_eq!(
            words("But there is a risk, some Democrats said, that he loses."),
            ["some democrats said"]
        );
        // negated or emphatic believe, superlative possible, intensifier possibly
        assert!(hits("They cannot believe what they're finding.").is_empty());
        assert!(hits("It was the best deal possible.").is_empty());
        assert!(hits("It was the worst possible result.").is_empty());
        assert!(hits("It couldn't possibly be worse.").is_empty());
        assert_eq!(words("It is possibly true."), ["possibly"]);
        // a fixed minimum, nominal estimates and suspects, suggest of a proposal
        assert!(hits("Use a password of at least 10 characters.").is_empty());
        assert_eq!(words("At least 46,000 accounts were used."), ["at least"]);
        assert!(hits("Economic estimates show growth.").is_empty());
        assert_eq!(
            words("The office estimates that 40,000 jobs were lost."),
            ["estimates"]
        );
        assert!(hits("Police arrested two suspects.").is_empty());
        assert!(hits("The suspect fled the scene.").is_empty());
        assert!(hits("Cruz suggested a compromise.").is_empty());
        assert!(hits("Cruz suggested raising taxes.").is_empty());
        assert_eq!(words("The data suggest that prices rose."), ["suggest"]);
        // an attributive unlikely is no hedge; most likely is
        assert!(hits("She faces an unlikely rival.").is_empty());
        assert_eq!(words("He is most likely to win."), ["likely"]);
        // an expression spans no clause boundary
        assert!(hits("He avoided being seen, as the magazine put it.").is_empty());
    }

    #[test]
    fn constructions_of_unseen_news() {
        // issue 36: vague quantities as noun phrases, reporting constructions, impersonal and
        // embedded belief
        for (t, hedge, cat) in [
            (
                "A half-dozen aides quit.",
                "a half dozen",
                "vague_quantifier",
            ),
            (
                "Half a dozen aides quit.",
                "half a dozen",
                "vague_quantifier",
            ),
            (
                "The strike caused a near-total blackout.",
                "near total",
                "approximator",
            ),
            (
                "The vast majority of voters agree.",
                "the vast majority",
                "vague_quantifier",
            ),
            (
                "A majority of Americans support it.",
                "a majority of",
                "vague_quantifier",
            ),
            (
                "Turnout was just over 40 percent.",
                "just over",
                "approximator",
            ),
            (
                "Fox News is told that the deal is off.",
                "is told",
                "evidential",
            ),
            (
                "The aide is said to be furious.",
                "is said to",
                "evidential",
            ),
            (
                "The indictment alleges that he lied.",
                "the indictment alleges",
                "evidential",
            ),
            ("Prosecutors allege he lied.", "allege", "evidential"),
            (
                "Proponents of the bill say it saves money.",
                "proponents of the bill say",
                "weasel",
            ),
            (
                "It would appear that the deal is off.",
                "it would appear",
                "epistemic_verb",
            ),
            (
                "He shot what he thought was a deer.",
                "what he thought was",
                "epistemic_verb",
            ),
            ("I feel that we were misled.", "i feel", "epistemic_verb"),
        ] {
            assert_one(t, hedge, cat);
        }
        // and not: a feeling, a phrasal verb, an intensifier, a counterfactual, a requirement,
        // an instruction
        for t in [
            "I feel lucky to be here.",
            "The troops were held back at the border.",
            "The rally was a lot of fun.",
            "He would have appeared on the ballot.",
            "It would have seemed strange then.",
            "Trucks must drive at least 16 km/h below the limit.",
            "Drivers go at least 16 km/h below the limit.",
            "He is told to leave the room.",
            "The meeting was held in Paris.",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
        // the counterfactual rule leaves the plain inference alone
        assert_eq!(words("He appeared to hesitate."), ["appeared to"]);
        assert_eq!(words("At least 16 people died."), ["at least"]);
    }

    #[test]
    fn unnamed_sources_by_role_and_other_readings_of_news_fourth() {
        // the development sample news_fourth (2026-12-06): unnamed sources by role, in the
        // inverted and progressive forms and with a negated view; "purported"/"supposed" as
        // evidential (GUIDELINE), generality, near-completeness, vague parts and groups
        for (t, hedge, cat) in [
            (
                "The former bank executive said the deal was off.",
                "executive said",
                "weasel",
            ),
            (
                "The deal is off, said one former Treasury Department official.",
                "said one former treasury department official",
                "weasel",
            ),
            (
                "Investigators say the fire was set.",
                "investigators say",
                "weasel",
            ),
            (
                "Senior aides are cautioning against a vote.",
                "aides are cautioning",
                "weasel",
            ),
            (
                "Economists do not expect a rebound.",
                "economists do not expect",
                "weasel",
            ),
            (
                "It is well known that the roads flood.",
                "it is well known",
                "weasel",
            ),
            (
                "The purported memo surfaced on Monday.",
                "purported",
                "evidential",
            ),
            (
                "He was arrested on federal fraud charges.",
                "on federal fraud charges",
                "evidential",
            ),
            (
                "Reports that the mayor resigned spread fast.",
                "reports that",
                "evidential",
            ),
            (
                "The senator is usually cautious.",
                "usually",
                "approximator",
            ),
            (
                "The change went all but unnoticed.",
                "all but",
                "approximator",
            ),
            (
                "Rents are closer to $2,000 now.",
                "closer to",
                "approximator",
            ),
            ("They pretty much gave up.", "pretty much", "approximator"),
            (
                "The rebels hold a wide swath of the north.",
                "a wide swath of",
                "vague_quantifier",
            ),
            (
                "The ban angered most Alabama voters.",
                "most",
                "vague_quantifier",
            ),
            (
                "Rates fell in some U.S. communities.",
                "some",
                "vague_quantifier",
            ),
            (
                "The report ran to just a couple pages.",
                "a couple",
                "vague_quantifier",
            ),
        ] {
            assert_one(t, hedge, cat);
        }
        // and not: a company's one chief executive, an exception, a named outlet's verb, the
        // superlative, the aside, a negated description, the noun "potential"
        for t in [
            "Its chief executive said sales rose.",
            "All but one senator voted for it.",
            "The cut helps all but the richest voters.",
            "Reuters reports that the mayor resigned.",
            "She won the most votes in the state.",
            "That, I might add, was his idea.",
            "The deal cannot be described as fair.",
            "Debt will erode future potential.",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }

    /// Asserts that `t` holds exactly one hedge, `hedge` (lowercased, hyphens as spaces) of
    /// category `cat`.
    fn assert_one(t: &str, hedge: &str, cat: &str) {
        let h = hits(t);
        assert_eq!(
            h.iter()
                .map(|(w, c)| (w.to_lowercase().replace('-', " "), c.as_str()))
                .collect::<Vec<_>>(),
            [(hedge.to_string(), cat)],
            "{t}"
        );
    }

    #[test]
    fn generality_degree_duration_and_forecasts() {
        // issue 36 part 3: generality adverbs, vague degree and duration, forecasts as nouns
        for (t, hedge, cat) in [
            (
                "The next step would typically include a trial.",
                "typically",
                "approximator",
            ),
            (
                "It should be thought of primarily as a tax.",
                "primarily",
                "approximator",
            ),
            (
                "It had loosely been a subject of talks.",
                "loosely",
                "approximator",
            ),
            (
                "He was culpable, at least to some extent.",
                "to some extent",
                "approximator",
            ),
            (
                "It hinges to a large degree on turnout.",
                "to a large degree",
                "approximator",
            ),
            (
                "A candidate almost custom-built for this race.",
                "almost",
                "approximator",
            ),
            (
                "Officials have known of this for generations.",
                "for generations",
                "vague_quantifier",
            ),
            (
                "He raised money for various campaigns.",
                "various",
                "vague_quantifier",
            ),
            ("He said it multiple times.", "multiple", "vague_quantifier"),
            (
                "A good deal of it is recycled.",
                "a good deal of",
                "vague_quantifier",
            ),
            (
                "It dipped around the time of the report.",
                "around the time",
                "approximator",
            ),
            (
                "The total is somewhere between 1.45 and 1.55 million.",
                "somewhere between",
                "approximator",
            ),
            (
                "In the latest projection, costs fall.",
                "projection",
                "expectation",
            ),
            (
                "It cost 11% less than they forecast.",
                "forecast",
                "expectation",
            ),
            ("Profit trailed its forecast.", "forecast", "expectation"),
            (
                "Sales beat analysts' estimates.",
                "estimates",
                "expectation",
            ),
        ] {
            assert_one(t, hedge, cat);
        }
        // and not: a comparative degree, the projection of power, an intensifier, a term
        for t in [
            "McConnell and, to a lesser extent, Schumer.",
            "The office was a projection of power.",
            "He felt a great deal of sympathy.",
            "She has multiple sclerosis.",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
        // the verb of a judgement stays an epistemic verb
        assert_one(
            "Analysts estimate that oil will fall.",
            "estimate",
            "epistemic_verb",
        );
    }

    #[test]
    fn doubt_assertion_nouns_and_unnamed_sources() {
        // issue 36 part 3: doubt stated as a noun, an appearance, a difficulty of knowing; nouns
        // of assertion; unnamed sources and bodies of experts
        for (t, hedge, cat) in [
            (
                "The danger is the possibility of a war.",
                "possibility of",
                "adverb_adjective",
            ),
            (
                "A rebound looks impossible until spring.",
                "looks",
                "epistemic_verb",
            ),
            (
                "I just wonder whether she knows.",
                "wonder whether",
                "epistemic_verb",
            ),
            (
                "It's hard to pinpoint exactly why.",
                "hard to pinpoint",
                "adverb_adjective",
            ),
            (
                "It is too early to say.",
                "too early to say",
                "adverb_adjective",
            ),
            (
                "Investors who at least in theory look ahead.",
                "at least in theory",
                "adverb_adjective",
            ),
            (
                "It ain't necessarily the same.",
                "necessarily",
                "adverb_adjective",
            ),
            (
                "He touted his apparent accomplishments.",
                "apparent",
                "adverb_adjective",
            ),
            (
                "I just feel like they don't have it.",
                "i just feel",
                "epistemic_verb",
            ),
            (
                "He called the claims completely false.",
                "claims",
                "evidential",
            ),
            (
                "The group Claims Responsibility for the attack.",
                "claims",
                "evidential",
            ),
            (
                "He faces charges that he conspired.",
                "charges that",
                "evidential",
            ),
            (
                "Sanders's implication that he is aided is a farce.",
                "implication that",
                "evidential",
            ),
            (
                "The aide also noted the issue.",
                "aide also noted",
                "weasel",
            ),
            (
                "That effort, the organizers say, is underway.",
                "organizers say",
                "weasel",
            ),
            (
                "Furthermore, it was known that most had other illnesses.",
                "it was known that",
                "weasel",
            ),
            (
                "This week's expert consensus puts it higher.",
                "expert consensus",
                "weasel",
            ),
            (
                "Now folks in the government have concluded it was a plot.",
                "folks in the government have concluded",
                "weasel",
            ),
        ] {
            assert_one(t, hedge, cat);
        }
        // the adjective after "looks" is its own hedge
        assert_eq!(
            words("Abrams looks unlikely to win."),
            ["looks", "unlikely"]
        );
        // and not: a positive necessity, "apparent" as evident, a polite request, a time clause, a
        // claim for money, a named aide
        for t in [
            "It necessarily involves a trade-off.",
            "It became apparent that he lied.",
            "It is also apparent that he lied.",
            "I wonder if you could read it.",
            "They spoke before it was known that he had died.",
            "The claims process takes weeks.",
            "Hicks, a White House aide, said nothing.",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
    }

    #[test]
    fn false_hits_that_need_context() {
        // issue 36 part 3: the probability adverb carries the hedge, not the auxiliary
        assert_one(
            "He will likely face hearings.",
            "likely",
            "adverb_adjective",
        );
        assert_one(
            "Nothing that would probably raise his taxes.",
            "probably",
            "adverb_adjective",
        );
        // a vague quantity of an unnamed group with its verb of saying is a weasel
        assert_one(
            "There is a risk, some Democrats said, that he loses.",
            "some democrats said",
            "weasel",
        );
        assert_one(
            "Many economists warn of a slump.",
            "many economists warn",
            "weasel",
        );
        // "people" alone is a vague quantity, not an authority
        assert_one(
            "Several people were shocked.",
            "several",
            "vague_quantifier",
        );
        assert_one(
            "There's some folks who dislike me.",
            "some",
            "vague_quantifier",
        );
        // "some kind of" is one approximator, through "kind of"
        assert_one("Some kind of bargain is near.", "kind of", "approximator");
        // a pleading says what a party claims; a memo that says reports like a named speaker
        assert_one(
            "The lawsuit says he lied.",
            "the lawsuit says",
            "evidential",
        );
        assert_one(
            "The memo alleges he lied.",
            "the memo alleges",
            "evidential",
        );
        for t in [
            "You might ask her to get closer.",
            "He is one of the few senators who calls.",
            "The memo said that the FBI found no evidence.",
        ] {
            assert!(hits(t).is_empty(), "{t}: {:?}", hits(t));
        }
        assert_eq!(words("You could, I suppose, rely on it."), ["i suppose"]);
        // the modal of possibility stays
        assert_one("Prices could rise next year.", "could", "modal");
    }

    #[test]
    fn families_a_reader_sees() {
        for (t, cat) in [
            ("He is expected to win the primary.", "expectation"),
            ("Organizers expected up to 250,000 people.", "expectation"),
            (
                "Over the past several decades they left.",
                "vague_quantifier",
            ),
            ("A number of voters stayed home.", "vague_quantifier"),
            ("Thousands of people marched.", "vague_quantifier"),
            ("Hundreds streamed down the street.", "vague_quantifier"),
            (
                "Much of his discussion was about Israel.",
                "vague_quantifier",
            ),
            ("There is almost no partisan divide.", "approximator"),
            (
                "The decline was driven largely by forces abroad.",
                "approximator",
            ),
            ("A man in his 50s was arrested.", "approximator"),
            ("It was retweeted over 25,000 times.", "approximator"),
            ("It took nearly a decade.", "approximator"),
            ("They accused him of lying.", "evidential"),
            ("The allegations were denied.", "evidential"),
            ("It was what he called a hoax.", "evidential"),
            ("Two people briefed on the matter said so.", "evidential"),
            ("A law enforcement source told the paper.", "evidential"),
            (
                "North Korea is not thought to be capable of it.",
                "evidential",
            ),
            ("Industry insiders say the deal is off.", "weasel"),
            ("Twitter is increasingly seen as a news source.", "weasel"),
            ("There is a chance it rains.", "adverb_adjective"),
            ("He is a potential nominee.", "adverb_adjective"),
            ("We do not know whether it works.", "epistemic_verb"),
            ("It looks like rain.", "epistemic_verb"),
            ("The vice president appeared deferential.", "epistemic_verb"),
        ] {
            let h = hits(t);
            assert!(h.iter().any(|x| x.1 == cat), "{t}: {h:?}");
        }
        // appear of presence, this kind of, as expected
        assert!(hits("Trump appeared on Fox News.").is_empty());
        assert!(hits("This kind of event happens.").is_empty());
        assert!(hits("The vote went as expected.").is_empty());
        assert_eq!(words("We had kind of patched it up."), ["kind of"]);
    }

    #[test]
    fn first_person_belief_is_a_hedge() {
        assert_eq!(words("“I think he is fit,” she said."), ["i think"]);
        assert_eq!(words("“I don't think so,” he said."), ["i don't think"]);
    }

    #[test]
    fn next_within_looks_ahead_in_the_sentence() {
        let lex = Lexicon::from_csv_str(
            "pattern,category,rule\nsoll,evidential,next_within=4:haben\n",
            Path::new("x.csv"),
        )
        .unwrap();
        let hits = |t: &str| lex.find_in_text(t).len();
        assert_eq!(hits("Er soll ihn gesehen haben."), 1);
        assert_eq!(hits("Er soll handeln. Sie haben recht."), 0);
        assert_eq!(hits("Er soll es sich sehr lange gut überlegen haben."), 0);
    }

    #[test]
    fn wildcards_and_redefinitions_in_user_lexicons() {
        let user = Lexicon::from_csv_str(
            "pattern,category,rule,note\nalleg*,evidential,,x\nclaim to * fame,puffery,,x\n",
            Path::new("u.csv"),
        )
        .unwrap();
        assert_eq!(
            user.find_in_text("They allegedly lied and allegations followed.")
                .len(),
            2
        );
        assert_eq!(user.find_in_text("His claim to lasting fame.").len(), 1);
        assert!(
            Lexicon::from_csv_str("pattern,category\n* says,weasel\n", Path::new("u.csv")).is_err()
        );
        // the prefix also reaches the lexicon's own words
        let merged = Lexicon::builtin().extended(&user).unwrap();
        assert!(merged
            .find_in_text("He allegedly lied.")
            .iter()
            .any(|h| h.1 == "evidential"));
        // a user entry redefining a built-in pattern keeps its rule unless it gives one
        let redef = Lexicon::from_csv_str(
            "pattern,category,rule,note\nabout,vagueness,,x\n",
            Path::new("u.csv"),
        )
        .unwrap();
        let merged = Lexicon::builtin().extended(&redef).unwrap();
        assert!(merged.find_in_text("We talked about politics.").is_empty());
        assert_eq!(merged.find_in_text("about 40 people")[0].1, "vagueness");
        assert!(!merged.counts_as_hedge(
            merged
                .entries
                .iter()
                .position(|e| e.pattern == "about")
                .unwrap()
        ));
        // rule classes and windows parse; unknown ones are refused
        assert!(Lexicon::from_csv_str(
            "pattern,category,rule\nx,modal,not_next=@ing|@cap;prev_within=3:so\n",
            Path::new("u.csv")
        )
        .is_ok());
        assert!(Lexicon::from_csv_str(
            "pattern,category,rule\nx,modal,next=@verb\n",
            Path::new("u.csv")
        )
        .is_err());
        assert!(Lexicon::from_csv_str(
            "pattern,category,rule\nx,modal,prev_within=9:so\n",
            Path::new("u.csv")
        )
        .is_err());
    }
    #[test]
    fn categories_reordered_keep_each_entry_in_its_category() {
        let lex = Lexicon::from_csv_str(
            "pattern,category,rule\nlaut,evidential,\netwa,approximator,\n",
            Path::new("x.csv"),
        )
        .unwrap();
        let order = ["modal", "approximator", "evidential"].map(String::from);
        let r = lex.in_category_order(&order);
        assert_eq!(r.categories, order);
        assert_eq!(r.category_of(0), "evidential");
        assert_eq!(r.category_index(1), 1);
    }

    /// Korean eojeol: hedges found by stem, by a number's glued ending and by a reported
    /// clause's ending, each class with what must and must not match (sentences written for
    /// the test).
    #[test]
    fn korean_words_match_by_stem_number_and_clause() {
        let p = crate::text::language::pack("ko").unwrap();
        let lex = Lexicon::from_csv_str(p.hedges_csv, Path::new("ko")).unwrap();
        let found = |t: &str| -> Vec<(String, String)> {
            lex.find_in_text_with(t, &|x| crate::text::language::tokenize_for(x, Some(p)))
        };
        let has = |t: &str, w: &str, cat: &str| {
            let f = found(t);
            assert!(
                f.iter().any(|(x, c)| x == w && c == cat),
                "{w} {cat} not in {f:?} ({t})"
            );
        };
        // a stem with its particle (가능성도, 관계자는)
        has(
            "회담이 연기될 가능성도 있다.",
            "가능성도",
            "adverb_adjective",
        );
        has(
            "정부 관계자는 협상이 끝났다고 밝혔다.",
            "관계자는",
            "weasel",
        );
        // 여 written onto a number, and approximators after a number
        has("행사에 3만여 명이 모였다.", "3만여", "approximator");
        has("주민 20여가구가 대피했다.", "20여가구가", "approximator");
        has("비용은 절반 이상으로 늘었다.", "이상으로", "approximator");
        // hearsay and reportive clauses
        has(
            "이 지역은 겨울에도 따뜻하다고 한다.",
            "따뜻하다고 한다",
            "evidential",
        );
        has(
            "공급이 당분간 어렵다는 것이다.",
            "어렵다는 것이다",
            "evidential",
        );
        // possibility, not ability
        has("경기가 더 나빠질 수도 있다.", "수도 있다", "modal");
        has(
            "가격이 더 오를 수 있다는 분석이 나왔다.",
            "수 있다는",
            "modal",
        );
        assert!(found("이 장비로 물을 정화할 수 있다.").is_empty());
        // 수 + a unit is several; 약 (medicine) without a number is nothing
        has("수 년간 공사가 이어졌다.", "수", "vague_quantifier");
        assert!(found("그는 약을 먹었다.").is_empty());
        // the comparative 더 많은 is no vague quantity
        assert!(found("올해는 더 많은 학생이 지원했다.").is_empty());
        // no other script is looked up by a Korean form
        assert_eq!(korean_variant("claims"), None);
        assert_eq!(korean_variant("40여가지").as_deref(), Some("0여가지"));
    }
}
