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
//! | `next_within=N:L` | one of the `N` words after it in its sentence is in `L` (German "soll ... getötet haben") |
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
    ClauseStart,
    NotClauseStart,
}

/// Why a rule could not be read.
pub(super) fn unknown(r: &str) -> String {
    format!(
        "unknown rule '{r}' (use number_after, not_month, prev=, not_prev=, next=, not_next=, \
         prev_within=N:, not_prev_within=N:, next_within=N:, clause_start, not_clause_start)"
    )
}

/// Parses one rule; `intern` gives the lexicon id of a listed word.
pub(super) fn parse(r: &str, intern: &mut dyn FnMut(&str) -> u32) -> Result<Rule, String> {
    let mut list = |v: &str| -> Result<Vec<Alt>, String> {
        let v: Vec<Alt> = v
            .split('|')
            .filter(|a| !a.is_empty())
            .map(|a| match a {
                "@number" => Ok(Alt::Number),
                "@ing" => Ok(Alt::Ing),
                "@cap" => Ok(Alt::Cap),
                c if c.starts_with('@') => Err(format!(
                    "unknown word class '{c}' in rule '{r}' (use @number, @ing, @cap)"
                )),
                w => Ok(Alt::Word(intern(w))),
            })
            .collect::<Result<_, _>>()?;
        if v.is_empty() {
            return Err(format!("rule '{r}' lists no word"));
        }
        Ok(v)
    };
    fn within<'v>(r: &str, v: &'v str) -> Result<(usize, &'v str), String> {
        let (n, words) = v
            .split_once(':')
            .ok_or_else(|| format!("rule '{r}' needs N:words"))?;
        let n: usize = n
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=8).contains(n))
            .ok_or_else(|| format!("rule '{r}': N must be 1 to 8"))?;
        Ok((n, words))
    }
    Ok(match r.split_once('=') {
        None if r == "number_after" => Rule::NumberAfter,
        None if r == "not_month" => Rule::NotMonth,
        None if r == "clause_start" => Rule::ClauseStart,
        None if r == "not_clause_start" => Rule::NotClauseStart,
        Some(("prev", v)) => Rule::Prev(list(v)?),
        Some(("not_prev", v)) => Rule::NotPrev(list(v)?),
        Some(("next", v)) => Rule::Next(list(v)?),
        Some(("not_next", v)) => Rule::NotNext(list(v)?),
        Some(("prev_within", v)) => {
            let (n, w) = within(r, v)?;
            Rule::PrevWithin(n, list(w)?)
        }
        Some(("not_prev_within", v)) => {
            let (n, w) = within(r, v)?;
            Rule::NotPrevWithin(n, list(w)?)
        }
        Some(("next_within", v)) => {
            let (n, w) = within(r, v)?;
            Rule::NextWithin(n, list(w)?)
        }
        _ => return Err(unknown(r)),
    })
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
        self.a_an.contains(&t.lex)
            && toks.get(i + 1).is_some_and(|n| {
                self.unit_words
                    .get(n.lex as usize)
                    .copied()
                    .unwrap_or(false)
            })
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

    /// Whether every rule holds for the match `toks[first..last]`.
    pub fn pass(&self, rules: &[Rule], toks: &[MatchToken], first: usize, last: usize) -> bool {
        let prev = first.checked_sub(1).map(|p| &toks[p]);
        // the word after, when it is in the same clause ("studies have suggested - a report"
        // has no word after "suggested" for the rules)
        let next = toks.get(last).filter(|n| !n.clause_start);
        rules.iter().all(|r| match r {
            Rule::NumberAfter => self.counts_as_number(toks, last),
            Rule::NotMonth => {
                let t = toks[first];
                let after_month_word = prev.is_some_and(|p| self.month_context.contains(&p.lex));
                let next_number = toks.get(last).is_some_and(|n| n.number);
                !(t.capitalized && (!t.sentence_start || next_number || after_month_word))
            }
            Rule::Prev(l) => self.any(l, prev),
            Rule::NotPrev(l) => !self.any(l, prev),
            Rule::Next(l) => self.any(l, next),
            Rule::NotNext(l) => !self.any(l, next),
            Rule::PrevWithin(n, l) => self.within(l, toks, first, *n),
            Rule::NotPrevWithin(n, l) => !self.within(l, toks, first, *n),
            Rule::NextWithin(n, l) => self.within_after(l, toks, last, *n),
            Rule::ClauseStart => toks[first].clause_start,
            Rule::NotClauseStart => !toks[first].clause_start,
        })
    }
}
