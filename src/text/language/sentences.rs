//! A language's sentence and word rules applied after the UAX #29 segmentation: sentences joined
//! again after its abbreviations and ordinals ("bzw.", "am 7. Juli"), elided words split off
//! ("l'AFP" → "l'", "AFP").

use super::SentenceRules;
use crate::text::tokenize::{Token, Tokenized};

/// Joins each sentence span to the next when its full stop belongs to an abbreviation or an
/// ordinal of the language.
pub fn join_sentences(
    text: &str,
    spans: Vec<(usize, usize)>,
    rules: &SentenceRules,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    let mut join_next = false;
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if join_next => last.1 = e,
            _ => out.push((s, e)),
        }
        let (a, b) = *out.last().unwrap_or(&(s, e));
        let next = text[e..].trim_start();
        join_next = stop_continues(&text[a..b], next, rules);
    }
    out
}

/// Whether the full stop ending `sentence` does not end it, `next` being the text after.
fn stop_continues(sentence: &str, next: &str, rules: &SentenceRules) -> bool {
    if sentence.ends_with('\n') || sentence.ends_with("\r") {
        return false;
    }
    let Some(body) = sentence.trim_end().strip_suffix('.') else {
        return false;
    };
    let word = last_word(body).to_lowercase();
    if rules.abbreviations.iter().any(|a| *a == word) {
        return !next.is_empty();
    }
    rules.ordinals && is_ordinal(&word) && ordinal_follows(next, &rules.months)
}

/// The last word of `body`: after its last space, parenthesis or opening quote.
fn last_word(body: &str) -> &str {
    let start = body
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '„' | '«' | '»'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &body[start..]
}

/// Whether a word before a full stop is an ordinal: one to four digits.
fn is_ordinal(word: &str) -> bool {
    !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `next` begins as the rest of a sentence after an ordinal: a lowercase word, a month
/// or a number ("am 7. Juli", "der 3. platz", "7. 8. 2024").
fn ordinal_follows(next: &str, months: &[String]) -> bool {
    let word: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    let Some(first) = word.chars().next() else {
        return false;
    };
    first.is_lowercase() || first.is_ascii_digit() || months.contains(&word.to_lowercase())
}

/// Splits elided words off the tokens they are written onto: "l'AFP" gives "l'" and "AFP",
/// "qu’il" gives "qu’" and "il" (both apostrophes), for the elisions of the language.
pub fn split_elisions(text: &str, tk: &mut Tokenized, elisions: &[String]) {
    if elisions.is_empty() {
        return;
    }
    let mut out: Vec<Token> = Vec::with_capacity(tk.tokens.len() + tk.tokens.len() / 8);
    for t in &tk.tokens {
        let w = &text[t.start as usize..t.end as usize];
        match elision_end(w, elisions) {
            Some(k) => {
                let cut = t.start + k as u32;
                out.push(Token { end: cut, ..*t });
                out.push(Token { start: cut, ..*t });
            }
            None => out.push(*t),
        }
    }
    tk.tokens = out;
}

/// Where the elided word of `w` ends (past its apostrophe), when `w` begins with one of
/// `elisions` and an apostrophe and goes on after it.
fn elision_end(w: &str, elisions: &[String]) -> Option<usize> {
    let (i, c) = w.char_indices().find(|(_, c)| matches!(c, '\'' | '’'))?;
    let end = i + c.len_utf8();
    if end >= w.len() || i == 0 || i > 7 {
        return None;
    }
    let head = w[..i].to_lowercase();
    elisions.iter().any(|e| *e == head).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::super::{pack, tokenize_for};

    fn sentences(code: &str, t: &str) -> Vec<String> {
        let tk = tokenize_for(t, pack(code));
        tk.sentences
            .iter()
            .map(|(a, b)| t[*a as usize..*b as usize].trim().to_string())
            .collect()
    }

    fn words(code: &str, t: &str) -> Vec<String> {
        let tk = tokenize_for(t, pack(code));
        tk.tokens
            .iter()
            .map(|k| t[k.start as usize..k.end as usize].to_string())
            .collect()
    }

    #[test]
    fn german_ordinals_and_abbreviations_end_no_sentence() {
        let t = "Das Treffen, das am 7. Juli beginnt, wird bzw. wurde verschoben. Der 3. platz ging an z.B. Berlin. Neu.";
        assert_eq!(sentences("de", t).len(), 3, "{:?}", sentences("de", t));
        // a number ending a sentence before a capitalized noun still ends it
        assert_eq!(sentences("de", "Es waren 30. Danach kam nichts.").len(), 2);
    }

    #[test]
    fn french_elisions_are_tokens_of_their_own() {
        assert_eq!(
            words("fr", "l'AFP d’un qu'il aujourd'hui"),
            vec!["l'", "AFP", "d’", "un", "qu'", "il", "aujourd'hui"]
        );
        // other languages keep apostrophes inside words
        assert_eq!(words("de", "l'AFP"), vec!["l'AFP"]);
    }

    #[test]
    fn russian_abbreviations() {
        let t = "В 2014 г. началась война. Об этом сообщил т.н. представитель.";
        assert_eq!(sentences("ru", t).len(), 2, "{:?}", sentences("ru", t));
    }
}
