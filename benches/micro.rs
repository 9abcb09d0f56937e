//! Criterion micro-benchmarks: the word tokenizer against unicode-segmentation's `unicode_words`
//! on the same text, the hedge matcher, the quote scanner, and one document through the whole
//! counting stage. Text: the bundled sample corpus, repeated to about 200 KB.
//!
//! `cargo bench --bench micro`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use hedgerow::count::{Acc, Context};
use hedgerow::io::read::Document;
use hedgerow::text::hedges::Lexicon;
use hedgerow::text::quotes::{find_quotes, Cues};
use hedgerow::text::tokenize::{tokenize, Normalizer, NormalizerOptions};
use unicode_segmentation::UnicodeSegmentation;

fn sample_text() -> String {
    let mut s = String::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let mut files = Vec::new();
    for outlet in std::fs::read_dir(&dir).unwrap().flatten() {
        for f in std::fs::read_dir(outlet.path()).unwrap().flatten() {
            files.push(f.path());
        }
    }
    files.sort();
    for f in files {
        s.push_str(&std::fs::read_to_string(f).unwrap());
        s.push('\n');
    }
    let unit = s.clone();
    while s.len() < 200_000 {
        s.push_str(&unit);
    }
    s
}

fn benches(c: &mut Criterion) {
    let text = sample_text();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("unicode_words", |b| {
        b.iter(|| black_box(text.unicode_word_indices().count()))
    });
    g.bench_function("tokenize (words + sentences)", |b| {
        b.iter(|| black_box(tokenize(&text).tokens.len()))
    });
    let lex = Lexicon::builtin();
    let tk = tokenize(&text);
    g.bench_function("hedge matcher", |b| {
        b.iter(|| {
            let mt = lex.match_tokens(&text, &tk);
            let mut hits = Vec::new();
            lex.find(&mt, &mut hits);
            black_box(hits.len())
        })
    });
    let cues = Cues::builtin();
    g.bench_function("quote scanner", |b| {
        b.iter(|| black_box(find_quotes(&text, 0, &tk, &cues).len()))
    });
    let ctx = Context {
        normalizer: Normalizer::new(&NormalizerOptions::default()).unwrap(),
        lexicon: Lexicon::builtin(),
        cues: Cues::builtin(),
        ngrams: 1,
        kwic_width: 40,
        collocation_window: 0,
        keep_furniture: false,
        language: None,
    };
    let mut acc = Acc::new();
    g.bench_function("one document, whole counting stage", |b| {
        b.iter(|| {
            let d = Document {
                doc_id: "d".into(),
                source: "s".into(),
                text: text.clone(),
                ..Default::default()
            };
            acc.add(d, &ctx);
            acc.docs.clear();
            acc.hedges.clear();
            acc.quotes.clear();
        })
    });
    g.finish();
}

criterion_group! {
    name = micro;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(micro);
