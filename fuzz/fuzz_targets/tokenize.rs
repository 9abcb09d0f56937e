#![no_main]
//! Tokenizer: offsets in bounds, on char boundaries, ordered; sentences cover their tokens; the
//! byte-level word fast path gives the words of unicode-segmentation wherever it applies.
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tk = hedgerow::text::tokenize::tokenize(text);
    let mut prev = 0usize;
    for t in &tk.tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(s < e && e <= text.len() && s >= prev);
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let (a, b) = tk.sentences[t.sentence as usize];
        assert!(a as usize <= s && e <= b as usize);
        prev = e;
        let _ = hedgerow::text::tokenize::normalize(&text[s..e]);
    }
    let mut fast = Vec::new();
    if hedgerow::text::tokenize::fast_words(text, |a, b| fast.push((a, b))) {
        let uax: Vec<(usize, usize)> = text
            .unicode_word_indices()
            .map(|(i, w)| (i, i + w.len()))
            .collect();
        assert_eq!(fast, uax);
    }
});
