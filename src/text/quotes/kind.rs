//! The kind of a quotation, decided once the rules have tried to attribute it: a title of a
//! work, direct speech, a scare quote (with the source that names it, when the sentence gives
//! one) or unattributed words.

use super::context::{Context, BEFORE_WORDS};
use super::rules::Attribution;
use super::speaker::clean_speaker;
use super::subjects::subject_right_before;
use super::words::{CITED_WORDS, NAMING_VERBS, ORG_OWNERS, TITLE_CUES, TITLE_SMALL_WORDS};
use super::{span_text, Kind, Tok};

/// The name a scare quote's source is recorded under, beside the rules' names.
pub(super) const SCARE_SOURCE: &str = "scare-source";

/// Words before a quotation that tell a title of a work ("the film “…”").
const TITLE_CUE_WORDS: usize = 3;

/// The kind of the quotation in `ctx`, given whether a rule attributed it.
pub(super) fn decide(ctx: &mut Context, found: Option<&Attribution>) -> Kind {
    if is_title(ctx) {
        Kind::Title
    } else if cited_as_words(ctx) {
        Kind::Scare
    } else if found.is_some_and(|a| a.mixed || woven_into_sentence(ctx, a)) {
        Kind::Mixed
    } else if found.is_some() {
        Kind::Direct
    } else if ctx.short && !ctx.doc.text[ctx.span.start..ctx.span.end].contains('\n') {
        Kind::Scare
    } else {
        Kind::Unattributed
    }
}

/// A partial quotation woven into the writer's sentence: the mark opens right after one of the
/// writer's words, nothing but spaces between ("Clinton says Trump is “temperamentally unfit”",
/// "He said the nation had become “more interested in …”", "Clinton “is the only candidate
/// …,” he said"). The quoted words are a piece of the writer's report of what the speaker said,
/// not the speaker's sentence set off by a comma, a colon or a paragraph: `mixed`, with the
/// attribution found. Except right after the verb of saying itself ("the crowd chanted “USA!”",
/// "he yelled “You lie!”"): there the quotation is the verb's whole object, direct speech.
fn woven_into_sentence(ctx: &Context, a: &Attribution) -> bool {
    let text = ctx.doc.text;
    let start = ctx.span.start;
    let head = text[..start].trim_end_matches([' ', '\u{a0}', '\t']);
    let mut rev = head.chars().rev();
    let woven = match rev.next() {
        Some(c) if c.is_alphanumeric() => true,
        // a plural possessive: "the Democrats’ “plan”"
        Some('’' | '\'') => rev.next().is_some_and(char::is_alphabetic),
        _ => false,
    };
    let after_cue = a
        .cue_span
        .is_some_and(|(_, e)| e <= start && text[e..start].trim().is_empty());
    woven && !after_cue
}

/// Most words a title placed by where it airs or whose it is may have ("Meet the Press", "The Art
/// of the Deal"); a longer capitalized quotation is a headline or speech.
const PLACED_TITLE_WORDS: usize = 8;

/// A title of a work: a quotation in Title Case (every word capitalized, a number, "&" or a
/// small word: "The Lord of the Rings", "Fox & Friends") announced by a word among the three
/// before ("the film", "titled", "his book") or placed where a work is named: right after "on"
/// or "told" (where it airs: "appeared on “Fox & Friends”", "told “Meet the Press”"), or after
/// the possessive of an organisation (whose it is: "NBC's “Meet the Press”", "the network's
/// “Today”"). Short so: a capitalized sentence is no title.
fn is_title(ctx: &mut Context) -> bool {
    ctx.read_before(TITLE_CUE_WORDS);
    let (doc, inside) = (ctx.doc, ctx.first_in..ctx.after_first);
    let n = inside.len();
    let title_case = n > 0
        && doc.toks[inside.clone()].iter().enumerate().all(|(k, t)| {
            let w = &doc.text[t.start as usize..t.end as usize];
            let cap = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            cap || w == "&" || k > 0 && TITLE_SMALL_WORDS.contains(w)
        });
    if !title_case {
        return false;
    }
    let announced = ctx
        .before
        .iter()
        .rev()
        .take(TITLE_CUE_WORDS)
        .any(|t| TITLE_CUES.contains(t.norm.as_str()));
    announced || n <= PLACED_TITLE_WORDS && placed_as_title(ctx)
}

/// Whether the word right before the quotation (nothing but spaces between) names where a work
/// airs or whose it is: "on", "told", or an organisation's possessive ("NBC's", "CNN's", "the
/// network's"; a person's "Trump's “America First”" is no such place).
fn placed_as_title(ctx: &Context) -> bool {
    let Some(last) = ctx.before.last() else {
        return false;
    };
    if !ctx.doc.text[last.end..ctx.span.start].trim().is_empty() {
        return false;
    }
    let w = last.norm.as_str();
    if matches!(w, "on" | "told") {
        return true;
    }
    let Some(owner) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) else {
        return false;
    };
    let word = last.word.trim_end_matches("'s").trim_end_matches("’s");
    let acronym = word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase());
    acronym || ORG_OWNERS.contains(owner)
}

/// Words a quotation cited as words follows ("the word “collusion”", "the term “fake news”",
/// "the hashtag “#MeToo”"): the words are mentioned, not said; a scare quote, whoever the
/// sentence says used them.
fn cited_as_words(ctx: &mut Context) -> bool {
    ctx.read_before(TITLE_CUE_WORDS);
    ctx.before.last().is_some_and(|t| {
        ctx.doc.text[t.end..ctx.span.start].trim().is_empty()
            && CITED_WORDS.contains(t.norm.as_str())
    })
}

/// The source of a scare quote, when the sentence gives one right before it ("what Russia
/// termed a “special operation”", "Trump has called the deal “a disaster”"): the kind stays
/// scare, the words held at a distance, and the naming verb and its subject are kept as cue and
/// speaker (the speaker cleaned, never resolved through the document's quoted speakers: "what
/// it termed" is the country, not the last source).
pub(super) fn scare_source(ctx: &mut Context) -> Option<Attribution> {
    ctx.read_before(BEFORE_WORDS);
    let (text, before) = (ctx.doc.text, &ctx.before);
    let ci = naming_verb(ctx, before)?;
    let (a, b) = subject_right_before(text, before, ci)?;
    Some(Attribution {
        cue: before[ci].word.to_string(),
        cue_span: Some((before[ci].start, before[ci].end)),
        speaker: clean_speaker(&span_text(text, before[a].start, before[b].end)),
        rule: SCARE_SOURCE,
        ..Attribution::default()
    })
}

/// A finite naming verb or cue among the last six words before a scare quote ("Trump has used
/// the phrase “…”" → "used"; "what it termed a “…”" → "termed"). "use" counts only with "phrase",
/// "term" or "words" after it. A participle ("…, calling the border “lawless”") has its subject
/// too far away to be sure of, and is left alone; a verb inside a sentence is lowercase ("the
/// United States needed").
fn naming_verb(ctx: &Context, before: &[Tok]) -> Option<usize> {
    let lo = before.len().saturating_sub(6);
    (lo..before.len()).rev().find(|&i| {
        let w = before[i].norm.as_str();
        if w.ends_with("ing") || before[i].capitalized() {
            false
        } else if matches!(w, "use" | "uses" | "used") {
            before
                .get(i + 2)
                .is_some_and(|t| matches!(t.norm.as_str(), "phrase" | "term" | "words"))
        } else {
            NAMING_VERBS.contains(w)
                || (ctx.doc.cues.is_cue(ctx.doc.text, before, i) && w != "according")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, Cues, Kind, Quote};
    use crate::text::tokenize::tokenize;

    fn first(t: &str) -> Quote {
        find_quotes(t, 0, &tokenize(t), &Cues::builtin()).remove(0)
    }

    #[test]
    fn a_capitalized_work_after_its_announcing_word_is_a_title() {
        let q = first("She starred in the film “The Lord of the Rings” in 2001.");
        assert_eq!(q.kind, Kind::Title);
        let q = first("She starred in the film “the lord of the rings” in 2001.");
        assert_ne!(q.kind, Kind::Title);
    }

    #[test]
    fn a_title_drops_the_attribution_a_rule_found() {
        let q = first("He said in the book “Profiles in Courage” that courage mattered.");
        assert_eq!(
            (q.kind, q.speaker.as_str(), q.rule),
            (Kind::Title, "", None)
        );
    }

    #[test]
    fn short_unattributed_words_are_scare_quotes_longer_ones_unattributed() {
        assert_eq!(
            first("Troops began a “special operation” at dawn.").kind,
            Kind::Scare
        );
        let q = first("Troops began what was “a long and costly operation in the east” at dawn.");
        assert_eq!(q.kind, Kind::Unattributed);
    }

    #[test]
    fn a_scare_quote_keeps_the_source_that_names_it() {
        let q = first("Troops began what Russia termed a “special operation” in the east.");
        assert_eq!(q.kind, Kind::Scare);
        assert_eq!((q.cue.as_str(), q.speaker.as_str()), ("termed", "Russia"));
        assert_eq!(q.rule, Some(super::SCARE_SOURCE));
        // a framing participle's words are its governing subject's: mixed (rule
        // governing-subject)
        let q = first("Protesters marched, calling the border “lawless” all week.");
        assert_eq!((q.kind, q.speaker.as_str()), (Kind::Mixed, "Protesters"));
    }

    #[test]
    fn a_title_is_placed_where_it_airs_or_by_whose_it_is() {
        for t in [
            "Trump told NBC's “Meet the Press” on Sunday that he would win.",
            "Conway said on “Fox & Friends” that the memo was clear.",
            "He appeared on “Face the Nation” with his lawyer.",
            "The claim was first made in his book “The Art of the Deal” in 1987.",
            "Pence told CNN's “State of the Union” there was no deal.",
        ] {
            let q = first(t);
            assert_eq!(
                (q.kind, q.speaker.as_str(), q.cue.as_str()),
                (Kind::Title, "", ""),
                "{t}"
            );
        }
        // a person's possessive, a lowercase quotation, a sentence in capitals: no title
        for t in [
            "Trump's “America First” policy is popular there.",
            "He said on “the day of the vote” there was no deal.",
            "Trump said on “The Day We Finally Win This Whole Thing Back For Everyone” no.",
        ] {
            assert_ne!(first(t).kind, Kind::Title, "{t}");
        }
    }

    #[test]
    fn a_quotation_woven_into_the_writers_sentence_is_mixed() {
        for t in [
            "The mayor says the new budget is “a disaster for every family in this city.”",
            "Officials said they expected the talks to “go on for several more weeks at least.”",
            "The governor “has no plan for the schools and never did,” Smith said on Monday.",
            "She said the union’s “demands are simply not affordable this year,” officials said.",
            "The senator said that “no one in this chamber wants a shutdown this winter.”",
        ] {
            assert_eq!(first(t).kind, Kind::Mixed, "{t}");
        }
        // set off by a comma, a colon or a paragraph, or right after the verb of saying: direct
        for t in [
            "The mayor said, “The new budget is a disaster for every family in this city.”",
            "The mayor said: “The new budget is a disaster for every family in this city.”",
            "“The budget is a disaster for every family here,” the mayor said on Monday.",
            "Protesters outside the hall chanted “No more cuts to our schools!” for an hour.",
        ] {
            assert_eq!(first(t).kind, Kind::Direct, "{t}");
        }
    }

    #[test]
    fn words_cited_as_words_are_scare_quotes() {
        for t in [
            "He said the word “collusion” never came up.",
            "Trump has embraced the term “fake news” since the campaign.",
            "She avoided the phrase “Islamic terrorism” in the speech.",
        ] {
            assert_eq!(first(t).kind, Kind::Scare, "{t}");
        }
        // the seeds' label stays a scare quote
        let q = first("North Korean officials are considering “ice burial” to eliminate evidence.");
        assert_eq!(q.kind, Kind::Scare);
    }
}
