#![no_main]
//! Readers: JSONL records, front matter and byte decoding never panic, and what they return is
//! consistent (the body offset is a char boundary inside the text).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = hedgerow::io::read::RecordFile {
        path: "fuzz.jsonl".into(),
        stem: "fuzz".into(),
    };
    let opts = hedgerow::io::read::LoadOptions::default();
    if let Ok((doc, _)) = hedgerow::io::read::parse_json_record(data, &file, 1, 1, 1, &opts) {
        assert!(doc.text.len() <= data.len() * 3 + 16);
    }
    if let Ok((text, _)) = hedgerow::io::read::decode(data) {
        let (_, body) = hedgerow::io::read::front_matter(&text);
        assert!(body <= text.len() && text.is_char_boundary(body));
    }
});
