#![no_main]
//! Tokenizer: offsets in bounds, on char boundaries, ordered; sentences cover their tokens.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tk = hedgerow::tokenize::tokenize(text);
    let mut prev = 0usize;
    for t in &tk.tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(s < e && e <= text.len() && s >= prev);
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let (a, b) = tk.sentences[t.sentence as usize];
        assert!(a as usize <= s && e <= b as usize);
        prev = e;
        let _ = hedgerow::tokenize::normalize(&text[s..e]);
    }
});
