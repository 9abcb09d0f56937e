//! Property tests: offsets in bounds and on character boundaries, quote spans never overlapping,
//! hedges never overlapping, and term counts summing to non-stopword tokens.

use hedgerow::count::{Acc, Context};
use hedgerow::io::read::Document;
use hedgerow::text::hedges::Lexicon;
use hedgerow::text::quotes::{find_quotes, find_spans, Cues};
use hedgerow::text::tokenize::{tokenize, Normalizer, NormalizerOptions};
use proptest::prelude::*;

mod common;

/// Text built from pieces that stress the rules: quote marks, apostrophes, numbers, hedges, newlines.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "„",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "—",
        "said",
        "he",
        "the",
        "reportedly",
        "may",
        "May",
        "about",
        "1,000",
        "3,000-4,000",
        "according",
        "to",
        "don't",
        "'90s",
        "rock 'n' roll",
        "Mr.",
        "U.S.",
        "é",
        "日本",
        "a source",
        "told",
        "“special operation”",
        "''",
        "allegedly",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![newsy(), any::<String>()]
}

/// ASCII text dense in the characters the sentence rules care about.
fn ascii_sentency() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ".", ".", "!", "?", " ", " ", "\n", "\r", "\r\n", "\t", "\"", "'", "(", ")", "[", "]", "a",
        "b", "A", "B", "1", "2", ",", ":", ";", "-", "#", "_", "\x0b", "\x0c", "Mr.", "U.S.",
        "e.g.", "etc.", "word", "Word", "“", "”", "‘", "’", "«", "»", "—", "–", "\u{a0}", "é", "É",
        "ß",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// Text dense in what the word rules care about: letters and digits joined by the Mid
/// characters, underscores, apostrophes curly and straight.
fn ascii_wordy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "b", "Z", "1", "9", "_", ".", ",", ";", ":", "'", "’", "‘", " ", "“", "”", "—", "-",
        "\u{a0}", "3.5", "1,000", "don't", "U.S.", "a:b", "__", "x_1", "\"", "\n", "(", "é",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn ascii_sentence_fast_path_equals_uax29(text in prop_oneof![ascii_sentency(), "[ -~\n\r\t“”‘’«»–—\u{a0}àéüßÀÉÜ]{0,80}"]) {
        use unicode_segmentation::UnicodeSegmentation;
        let expected: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        prop_assert_eq!(hedgerow::text::tokenize::fast_sentence_segments(&text).unwrap(), expected);
    }

    #[test]
    fn word_fast_path_equals_uax29(text in prop_oneof![ascii_wordy(), "[ -~\n\r\t“”‘’«»–—\u{a0}]{0,80}", ascii_sentency()]) {
        use unicode_segmentation::UnicodeSegmentation;
        let expected: Vec<(usize, usize)> =
            text.unicode_word_indices().map(|(i, w)| (i, i + w.len())).collect();
        let mut got = Vec::new();
        let fast = hedgerow::text::tokenize::fast_words(&text, |a, b| got.push((a, b)));
        if fast {
            prop_assert_eq!(got, expected);
        } else {
            // off the fast path (é, ß …) nothing is emitted and the caller falls back
            prop_assert!(got.is_empty());
            let fast_set = "“”‘’«»–—\u{a0}";
            let off_path = text.chars().any(|c| !c.is_ascii() && !fast_set.contains(c));
            prop_assert!(off_path);
        }
    }

    #[test]
    fn quote_scan_jumping_between_marks_equals_char_by_char(text in any_text(), body in 0usize..8) {
        let body = (0..=body.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
        prop_assert_eq!(
            hedgerow::text::quotes::find_spans(&text, body),
            hedgerow::text::quotes::find_spans_char_by_char(&text, body)
        );
    }

    #[test]
    fn token_offsets_are_in_bounds_and_on_boundaries(text in any_text()) {
        let tk = tokenize(&text);
        let mut prev = 0usize;
        for t in &tk.tokens {
            let (s, e) = (t.start as usize, t.end as usize);
            prop_assert!(s < e && e <= text.len() && s >= prev);
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            prev = e;
        }
    }

    #[test]
    fn quote_spans_never_overlap(text in any_text()) {
        let spans = find_spans(&text, 0);
        let mut prev = 0usize;
        for span in &spans {
            let (s, e) = (span.start, span.end);
            prop_assert!(s < e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            prop_assert!(s >= prev, "overlap in {:?}", text);
            prev = e;
        }
        let qs = find_quotes(&text, 0, &tokenize(&text), &Cues::builtin());
        prop_assert_eq!(qs.len(), spans.len());
    }

    #[test]
    fn hedges_never_overlap(text in any_text()) {
        let lex = Lexicon::builtin();
        let tk = tokenize(&text);
        let mt = lex.match_tokens(&text, &tk);
        let mut hits = Vec::new();
        lex.find(&mt, &mut hits);
        let mut prev = 0usize;
        for h in &hits {
            prop_assert!(h.first >= prev && h.first < h.last && h.last <= tk.tokens.len());
            prev = h.last;
        }
    }

    #[test]
    fn term_counts_sum_to_term_tokens(texts in prop::collection::vec(newsy(), 1..6)) {
        let ctx = Context {
            normalizer: Normalizer::new(&NormalizerOptions::default()).unwrap(),
            lexicon: Lexicon::builtin(),
            cues: Cues::builtin(),
            ngrams: 1,
            kwic_width: 10,
            collocation_window: 0,
            keep_furniture: false,
            language: None,
        };
        // two workers, merged, as the pipeline does
        let mut a = Acc::new();
        let mut b = Acc::new();
        for (i, t) in texts.iter().enumerate() {
            let d = Document { seq: i as u64, doc_id: format!("d{i}"), source: format!("s{}", i % 2), text: t.clone(), ..Default::default() };
            if i % 2 == 0 { a.add(d, &ctx) } else { b.add(d, &ctx) }
        }
        a.merge(b);
        a.finish();
        // the words of each source that are not stopwords, counted here from the texts alone
        let mut expected: std::collections::HashMap<String, u64> = Default::default();
        for (i, t) in texts.iter().enumerate() {
            *expected.entry(format!("s{}", i % 2)).or_default() += non_stopword_words(t);
        }
        for (src, counts) in &a.terms {
            let sum: u64 = counts.iter().map(|(_, c)| c[0]).sum();
            prop_assert_eq!(sum, expected[src.as_str()], "{}", src);
            let n_terms: u64 = a.docs.iter().filter(|d| &d.source == src).map(|d| d.n_terms).sum();
            prop_assert_eq!(n_terms, expected[src.as_str()], "{}", src);
        }
    }
}

/// UAX #29 words of `text`, lowercased with ’ as ', that are not English stopwords: what a term
/// count of single words holds, computed without the crate.
fn non_stopword_words(text: &str) -> u64 {
    use unicode_segmentation::UnicodeSegmentation;
    let stop: std::collections::HashSet<String> = stop_words::get("en")
        .iter()
        .map(|w| w.replace('’', "'"))
        .collect();
    text.unicode_words()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .filter(|w| !stop.contains(w))
        .count() as u64
}

/// Real text for the fast-path tests: the sample corpus always, and every article of
/// abp_medium when the shared folder has it (a stderr line naming `test` when it does not; a
/// failure under `HEDGEROW_REQUIRE_SHARED=1`).
fn real_texts(test: &str) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for outlet in std::fs::read_dir(root.join("data/sample"))
        .unwrap()
        .flatten()
    {
        for f in std::fs::read_dir(outlet.path()).unwrap().flatten() {
            texts.push(std::fs::read_to_string(f.path()).unwrap());
        }
    }
    let Some(abp) = common::abp_medium(test) else {
        return texts;
    };
    let s = std::fs::read_to_string(&abp).unwrap_or_else(|e| panic!("{}: {e}", abp.display()));
    for (i, line) in s.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{} line {}: {e}", abp.display(), i + 1));
        if let Some(t) = v["content_original"].as_str() {
            texts.push(t.to_string());
        }
    }
    texts
}

#[test]
fn quote_scan_equals_char_by_char_on_real_text() {
    let texts = real_texts("quote_scan_equals_char_by_char_on_real_text");
    let mut spans = 0;
    for t in &texts {
        let fast = find_spans(t, 0);
        assert_eq!(fast, hedgerow::text::quotes::find_spans_char_by_char(t, 0));
        spans += fast.len();
    }
    assert!(spans > 0);
}

#[test]
fn word_fast_path_equals_uax29_on_real_text() {
    use unicode_segmentation::UnicodeSegmentation;
    // every sentence of the real texts
    let texts = real_texts("word_fast_path_equals_uax29_on_real_text");
    let (mut fast, mut all) = (0, 0);
    for t in &texts {
        for (s, e) in hedgerow::text::tokenize::sentence_spans(t) {
            let sentence = &t[s..e];
            let expected: Vec<(usize, usize)> = sentence
                .unicode_word_indices()
                .map(|(i, w)| (i, i + w.len()))
                .collect();
            let mut got = Vec::new();
            all += 1;
            if hedgerow::text::tokenize::fast_words(sentence, |a, b| got.push((a, b))) {
                assert_eq!(got, expected, "{sentence:?}");
                fast += 1;
            }
        }
    }
    // most news sentences take the fast path
    assert!(
        fast * 10 > all * 8,
        "{fast} of {all} sentences on the fast path"
    );
}

#[test]
fn ascii_sentence_fast_path_equals_uax29_on_real_text() {
    use unicode_segmentation::UnicodeSegmentation;
    // every paragraph of the real texts whose characters all have a sentence class
    let texts = real_texts("ascii_sentence_fast_path_equals_uax29_on_real_text");
    let mut checked = 0;
    for t in &texts {
        for para in t.split_inclusive('\n') {
            if let Some(fast) = hedgerow::text::tokenize::fast_sentence_segments(para) {
                let expected: Vec<(usize, &str)> = para.split_sentence_bound_indices().collect();
                assert_eq!(fast, expected);
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Any metadata string parses to a real ISO date or is refused, never a panic; a date it
    /// gives back parses to itself and has a day number.
    #[test]
    fn dates_parse_or_are_refused(s in "[0-9A-Za-z ,./:-]{0,30}|[0-9]{4}-[0-9]{2}-[0-9]{2}.{0,6}|\\PC{0,20}") {
        if let Ok(d) = hedgerow::io::read::parse_date(&s) {
            prop_assert_eq!(d.len(), 10);
            prop_assert_eq!(hedgerow::io::read::parse_date(&d), Ok(d.clone()));
            prop_assert!(hedgerow::io::read::day_number(&d).is_some());
        }
        let _ = hedgerow::io::read::day_number(&s);
    }

    /// Boilerplate blanking keeps the text's length in characters and touches only the lines it
    /// reports.
    #[test]
    fn blanking_keeps_characters(text in "(\\PC{0,12}\n){0,8}", pick in 0usize..8) {
        use hedgerow::text::boilerplate::{blank_lines, line_keys};
        let keys = line_keys("s", &text, 0);
        let chosen = keys.get(pick % keys.len().max(1)).copied();
        let mut t = text.clone();
        let found = blank_lines("s", &mut t, 0, |k| Some(k) == chosen);
        prop_assert_eq!(t.chars().count(), text.chars().count());
        prop_assert_eq!(found.is_empty(), t == text || chosen.is_none());
    }
}
