#![no_main]
//! Hedge matcher: matches in bounds, ordered, never overlapping.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<hedgerow::text::hedges::Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lex = LEX.get_or_init(hedgerow::text::hedges::Lexicon::builtin);
    let tk = hedgerow::text::tokenize::tokenize(text);
    let mt = lex.match_tokens(text, &tk);
    let mut hits = Vec::new();
    lex.find(&mt, &mut hits);
    let mut prev = 0usize;
    for h in &hits {
        assert!(h.first < h.last && h.last <= tk.tokens.len() && h.first >= prev);
        prev = h.last;
        let _ = lex.category_of(h.entry);
    }
});
