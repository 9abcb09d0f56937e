//! Stable hashes (the same on every run and platform): FNV-1a of a word, and a fold of word
//! hashes for shingles, passage windows and whole documents.

fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517cc1b727220a95)
}

/// Hash of a sequence of word hashes (a shingle, an 8-word window, a whole document), stable
/// across runs and platforms.
pub fn sequence_hash(words: &[u64]) -> u64 {
    words.iter().fold(0u64, |h, &x| fx(h, x))
}

/// Hash of a normalized word (stable across runs and platforms).
pub fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}
