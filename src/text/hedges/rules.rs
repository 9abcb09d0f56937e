//! Context rules of lexicon entries: what must or must not stand around a match. Written in the
//! lexicon's `rule` column, `;`-separated:
//!
//! | rule | the match counts when |
//! | --- | --- |
//! | `number_after` | a number or number word follows ("about 4,000", "around a dozen") |
//! | `not_month` | it is not "May" the month or a name ("in May", "Theresa May") |
//! | `prev=L`, `not_prev=L` | the word before is (is not) in `L` |
//! | `next=L`, `not_next=L` | the word after is (is not) in `L` |
//! | `prev_within=N:L`, `not_prev_within=N:L` | one (none) of the `N` words before it in its sentence is in `L` ("so he could", "the best deal possible") |
//! | `next_within=N:L`, `not_next_within=N:L` | one (none) of the `N` words after it in its sentence is in `L` ("at least 16 km/h below": a requirement, not an estimate) |
//! | `not_after=L1 L2 …` | the words just before it are not, in order, in `L1`, `L2`, … ("would have appeared": a counterfactual, not an inference) |
//! | `clause_start`, `not_clause_start` | it opens (does not open) a clause: first in its sentence or after `,` `;` `:` `(` or a dash |
//!
//! `L` is `|`-separated words and classes: `@number` (a number or number word), `@ing` (a word
//! ending in -ing), `@cap` (a capitalized word).

use super::MatchToken;

/// A word or a class of words in a rule's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Alt {
    /// A lexicon word id.
    Word(u32),
    /// A number or number word.
    Number,
    /// A word ending in -ing.
    Ing,
    /// A capitalized word.
    Cap,
}

/// A compiled context rule.
#[derive(Debug, Clone)]
pub(super) enum Rule {
    NumberAfter,
    NotMonth,
    Prev(Vec<Alt>),
    NotPrev(Vec<Alt>),
    Next(Vec<Alt>),
    NotNext(Vec<Alt>),
    PrevWithin(usize, Vec<Alt>),
    NotPrevWithin(usize, Vec<Alt>),
    NextWithin(usize, Vec<Alt>),
    NotNextWithin(usize, Vec<Alt>),
    /// The lists the words just before the match must not fill, in order.
    NotAfter(Vec<Vec<Alt>>),
    ClauseStart,
    NotClauseStart,
}

/// Why a rule could not be read.
pub(super) fn unknown(r: &str) -> String {
    format!(
        "unknown rule '{r}' (use number_after, not_month, prev=, not_prev=, next=, not_next=, \
         prev_within=N:, not_prev_within=N:, next_within=N:, not_next_within=N:, not_after=, \
         clause_start, not_clause_start)"
    )
}

/// Parses one rule; `intern` gives the lexicon id of a listed word.
pub(super) fn parse(r: &str, intern: &mut dyn FnMut(&str) -> u32) -> Result<Rule, String> {
    let Some((name, v)) = r.split_once('=') else {
        return flag_rule(r).ok_or_else(|| unknown(r));
    };
    let mut list = |v: &str| alternatives(r, v, intern);
    Ok(match name {
        "prev" => Rule::Prev(list(v)?),
        "not_prev" => Rule::NotPrev(list(v)?),
        "next" => Rule::Next(list(v)?),
        "not_next" => Rule::NotNext(list(v)?),
        "prev_within" => within(r, v, list, Rule::PrevWithin)?,
        "not_prev_within" => within(r, v, list, Rule::NotPrevWithin)?,
        "next_within" => within(r, v, list, Rule::NextWithin)?,
        "not_next_within" => within(r, v, list, Rule::NotNextWithin)?,
        "not_after" => Rule::NotAfter(sequence(r, v, list)?),
        _ => return Err(unknown(r)),
    })
}

/// A rule without a list (`number_after`, `not_month`, `clause_start`, `not_clause_start`).
fn flag_rule(r: &str) -> Option<Rule> {
    match r {
        "number_after" => Some(Rule::NumberAfter),
        "not_month" => Some(Rule::NotMonth),
        "clause_start" => Some(Rule::ClauseStart),
        "not_clause_start" => Some(Rule::NotClauseStart),
        _ => None,
    }
}

/// The `|`-separated words and classes of rule `r`'s list `v` (at least one).
fn alternatives(r: &str, v: &str, intern: &mut dyn FnMut(&str) -> u32) -> Result<Vec<Alt>, String> {
    let v: Vec<Alt> = v
        .split('|')
        .filter(|a| !a.is_empty())
        .map(|a| alternative(r, a, intern))
        .collect::<Result<_, _>>()?;
    if v.is_empty() {
        return Err(format!("rule '{r}' lists no word"));
    }
    Ok(v)
}

/// One word or class of a rule's list.
fn alternative(r: &str, a: &str, intern: &mut dyn FnMut(&str) -> u32) -> Result<Alt, String> {
    match a {
        "@number" => Ok(Alt::Number),
        "@ing" => Ok(Alt::Ing),
        "@cap" => Ok(Alt::Cap),
        c if c.starts_with('@') => Err(format!(
            "unknown word class '{c}' in rule '{r}' (use @number, @ing, @cap)"
        )),
        w => Ok(Alt::Word(intern(w))),
    }
}

/// A rule of the form `N:words`, N from 1 to 8, built by `make`.
fn within(
    r: &str,
    v: &str,
    mut list: impl FnMut(&str) -> Result<Vec<Alt>, String>,
    make: fn(usize, Vec<Alt>) -> Rule,
) -> Result<Rule, String> {
    let (n, words) = v
        .split_once(':')
        .ok_or_else(|| format!("rule '{r}' needs N:words"))?;
    let n: usize = n
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=8).contains(n))
        .ok_or_else(|| format!("rule '{r}': N must be 1 to 8"))?;
    Ok(make(n, list(words)?))
}

/// The space-separated lists of `not_after` (at least one).
fn sequence(
    r: &str,
    v: &str,
    list: impl FnMut(&str) -> Result<Vec<Alt>, String>,
) -> Result<Vec<Vec<Alt>>, String> {
    let seq = v
        .split_whitespace()
        .map(list)
        .collect::<Result<Vec<_>, _>>()?;
    if seq.is_empty() {
        return Err(format!("rule '{r}' lists no word"));
    }
    Ok(seq)
}

/// What the rules need to know beyond the tokens: which lexicon ids are number words and
/// units, month-context words, and the ids of "a" and "an".
pub(super) struct RuleWords<'a> {
    pub number_words: &'a [bool],
    pub unit_words: &'a [bool],
    pub month_context: &'a [u32],
    pub a_an: [u32; 2],
}

impl RuleWords<'_> {
    fn is_number(&self, t: &MatchToken) -> bool {
        t.number || self.number_word(t)
    }

    fn number_word(&self, t: &MatchToken) -> bool {
        self.number_words
            .get(t.lex as usize)
            .copied()
            .unwrap_or(false)
    }

    /// A number after `i` ("4,000", "four", "a dozen").
    fn counts_as_number(&self, toks: &[MatchToken], i: usize) -> bool {
        let Some(t) = toks.get(i) else { return false };
        if self.is_number(t) {
            return true;
        }
        self.a_an.contains(&t.lex) && toks.get(i + 1).is_some_and(|n| self.unit_word(n))
    }

    /// A unit that "a"/"an" counts ("a dozen", "a hundred").
    fn unit_word(&self, t: &MatchToken) -> bool {
        self.unit_words
            .get(t.lex as usize)
            .copied()
            .unwrap_or(false)
    }

    fn alt_matches(&self, a: &Alt, t: &MatchToken) -> bool {
        match a {
            Alt::Word(w) => t.lex == *w,
            Alt::Number => self.is_number(t),
            Alt::Ing => t.ing,
            Alt::Cap => t.capitalized,
        }
    }

    fn any(&self, list: &[Alt], t: Option<&MatchToken>) -> bool {
        t.is_some_and(|t| list.iter().any(|a| self.alt_matches(a, t)))
    }

    /// Whether one of the `n` tokens before `first`, within its sentence, is in `list`.
    fn within(&self, list: &[Alt], toks: &[MatchToken], first: usize, n: usize) -> bool {
        if toks[first].sentence_start {
            return false;
        }
        let mut k = first;
        for _ in 0..n {
            let Some(p) = k.checked_sub(1) else { break };
            k = p;
            if self.any(list, Some(&toks[k])) {
                return true;
            }
            if toks[k].sentence_start {
                break;
            }
        }
        false
    }

    /// Whether one of the `n` tokens from `last` on, within its sentence, is in `list`.
    fn within_after(&self, list: &[Alt], toks: &[MatchToken], last: usize, n: usize) -> bool {
        toks.iter()
            .skip(last)
            .take(n)
            .take_while(|t| !t.sentence_start)
            .any(|t| self.any(list, Some(t)))
    }

    /// Whether the words just before `first`, in its sentence, fill `seq` in order.
    fn after_seq(&self, seq: &[Vec<Alt>], toks: &[MatchToken], first: usize) -> bool {
        let Some(start) = first.checked_sub(seq.len()) else {
            return false;
        };
        let before = &toks[start..first];
        // the words are in the match's sentence: none after the first starts a new one
        let same_sentence = before
            .iter()
            .chain([&toks[first]])
            .skip(1)
            .all(|t| !t.sentence_start);
        same_sentence && seq.iter().zip(before).all(|(l, t)| self.any(l, Some(t)))
    }

    /// Whether the match `toks[first..last]` is "May" the month or a name ("in May", "Theresa
    /// May"): capitalized inside a sentence, or first but before a number or after a month word.
    fn month_or_name(&self, toks: &[MatchToken], first: usize, last: usize) -> bool {
        let t = toks[first];
        let prev = first.checked_sub(1).map(|p| &toks[p]);
        let after_month_word = prev.is_some_and(|p| self.month_context.contains(&p.lex));
        let next_number = toks.get(last).is_some_and(|n| n.number);
        t.capitalized && (!t.sentence_start || next_number || after_month_word)
    }

    /// Whether every rule holds for the match `toks[first..last]`.
    pub fn pass(&self, rules: &[Rule], toks: &[MatchToken], first: usize, last: usize) -> bool {
        let prev = first.checked_sub(1).map(|p| &toks[p]);
        // the word after, when it is in the same clause ("studies have suggested - a report"
        // has no word after "suggested" for the rules)
        let next = toks.get(last).filter(|n| !n.clause_start);
        rules.iter().all(|r| match r {
            Rule::NumberAfter => self.counts_as_number(toks, last),
            Rule::NotMonth => !self.month_or_name(toks, first, last),
            Rule::Prev(l) => self.any(l, prev),
            Rule::NotPrev(l) => !self.any(l, prev),
            Rule::Next(l) => self.any(l, next),
            Rule::NotNext(l) => !self.any(l, next),
            Rule::PrevWithin(n, l) => self.within(l, toks, first, *n),
            Rule::NotPrevWithin(n, l) => !self.within(l, toks, first, *n),
            Rule::NextWithin(n, l) => self.within_after(l, toks, last, *n),
            Rule::NotNextWithin(n, l) => !self.within_after(l, toks, last, *n),
            Rule::NotAfter(seq) => !self.after_seq(seq, toks, first),
            Rule::ClauseStart => toks[first].clause_start,
            Rule::NotClauseStart => !toks[first].clause_start,
        })
    }
}
