//! Speaker phrases found from a cue before its quotation: the subject right before a verb, the
//! subject of the sentence, the speaker of a colon. Each returns a token range of the words given.

use super::speaker::{backward_np, forward_np, PRONOUNS, ROLE_WORDS};
use super::words::{BETWEEN_SUBJECT_AND_VERB, CLAUSE_OPENERS, DETERMINERS, NOT_NAME_OPENERS};
use super::{gap_has, Tok};
use crate::text::tokenize::is_sentence_opener;

/// The subject right before the verb at `before[ci]`: a pronoun, or a name (capitalized words,
/// "and" between them, "the" before them, an "of" phrase after them skipped: "Jeff Flake of
/// Arizona"), with only auxiliaries and adverbs between it and the verb.
pub(super) fn subject_right_before(
    text: &str,
    before: &[Tok],
    ci: usize,
) -> Option<(usize, usize)> {
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
pub(super) fn speaker_before(text: &str, before: &[Tok], ci: usize) -> Option<(usize, usize)> {
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
    // "As a result, predicts Bacevich: “…”": an opening phrase closed by a comma right before
    // the cue (the sentence's first comma); the speaker follows the cue
    let comma = |k: usize| gap_has(text, before[k - 1].end, before[k].start, &[',']);
    let opened = ci > 0
        && CLAUSE_OPENERS.contains(before[0].norm.as_str())
        && comma(ci)
        && (1..ci).all(|k| !comma(k));
    if ci == 0 || opened {
        // "Said Dorothy Poynter, who grew up with Ali, “…”": the speaker follows the cue
        forward_np(text, before, ci + 1)
    } else if conjoined || participle {
        subject_np(text, &before[..ci]).or_else(|| backward_np(text, before, ci))
    } else {
        backward_np(text, before, ci).or_else(|| subject_np(text, &before[..ci]))
    }
}

/// The subject of the sentence in `words` when it is a name or a pronoun: past a leading
/// conjunction and any opening clause, a personal pronoun or a run of capitalized words ("Former
/// Secretary of State Madeleine Albright").
pub(super) fn subject_np(text: &str, words: &[Tok]) -> Option<(usize, usize)> {
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
pub(super) fn colon_speaker(text: &str, before: &[Tok]) -> Option<(usize, usize)> {
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
    // the subject: the sentence's first words, past a leading conjunction and an opening
    // phrase closed by a comma ("Instead, Fournier ran through …:")
    let mut a = 0;
    loop {
        while a < last
            && ["and", "but", "so", "then", "also", "still"].contains(&before[a].norm.as_str())
        {
            a += 1;
        }
        if a < last && CLAUSE_OPENERS.contains(before[a].norm.as_str()) {
            a = (a + 1..=last).find(|&k| !joined(k))?;
            continue;
        }
        break;
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
