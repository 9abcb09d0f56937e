#![no_main]
//! Quote scanner: spans in bounds, on char boundaries, never overlapping; the scan that jumps
//! between mark bytes finds what the character-by-character scan finds.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tk = hedgerow::text::tokenize::tokenize(text);
    let cues = hedgerow::text::quotes::Cues::builtin();
    let qs = hedgerow::text::quotes::find_quotes(text, 0, &tk, &cues);
    let mut prev_end = 0usize;
    for q in &qs {
        assert!(q.start < q.end && q.end <= text.len());
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert!(q.start >= prev_end, "overlap");
        prev_end = q.end;
    }
    assert_eq!(
        hedgerow::text::quotes::find_spans(text, 0),
        hedgerow::text::quotes::find_spans_char_by_char(text, 0)
    );
});
