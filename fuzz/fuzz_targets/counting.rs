#![no_main]
//! The counting stage on arbitrary text: no panic (token-cache keys read near the end of the
//! text, prefetching, the term-count table), and its counts agree with each other. One worker
//! counts every input, so its caches and tables grow across inputs as on a real corpus.
use hedgerow::count::{Acc, Context};
use hedgerow::io::read::Document;
use libfuzzer_sys::fuzz_target;
use std::sync::Mutex;

static STATE: Mutex<Option<(Context, Acc, u64)>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut guard) = STATE.lock() else { return };
    let (ctx, acc, seq) = guard.get_or_insert_with(|| {
        let ctx = Context {
            normalizer: hedgerow::text::tokenize::Normalizer::new(&Default::default())
                .expect("default normalizer"),
            lexicon: hedgerow::text::hedges::Lexicon::builtin(),
            cues: hedgerow::text::quotes::Cues::builtin(),
            ngrams: 2,
            kwic_width: 10,
            collocation_window: 0,
        };
        (ctx, Acc::new(), 0)
    });
    *seq += 1;
    let source = format!("s{}", *seq % 3);
    acc.add(
        Document {
            seq: *seq,
            doc_id: format!("d{seq}"),
            source,
            text: text.into(),
            ..Default::default()
        },
        ctx,
    );
    let d = acc.docs.last().expect("a row per document");
    assert!(d.n_types <= d.n_tokens && d.n_terms <= d.n_tokens);
    assert!(d.n_hedges_narration <= d.n_hedges);
    assert!(d.top_terms.len() <= 8);
    assert!(d.top_terms.windows(2).all(|w| w[0].1 >= w[1].1));
    // keep memory bounded over a long run: the rows are not what is tested here
    acc.docs.clear();
    acc.hedges.clear();
    acc.quotes.clear();
});
