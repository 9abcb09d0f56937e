//! Collocations: pairs of words (terms, as written and lowercased) that follow each other within a
//! sentence, within a window of terms, counted per source with the words' own counts, so that
//! PMI, t-score and G² can be derived after merging (and after summing shards).

use ahash::AHashMap as HashMap;

/// One source's word pairs.
#[derive(Debug, Default, Clone)]
pub struct SourcePairs {
    /// (first word id, second word id) → times the second followed the first within the window.
    pub pairs: HashMap<(u32, u32), u64>,
    /// Word id → count (as a term token).
    pub words: HashMap<u32, u64>,
    /// Term tokens of the source.
    pub tokens: u64,
}

impl SourcePairs {
    /// Counts the term tokens `run` (word ids of one sentence, in order), pairing each with the
    /// next `window` ones.
    pub fn add_sentence(&mut self, run: &[u32], window: usize) {
        for (i, &w) in run.iter().enumerate() {
            *self.words.entry(w).or_insert(0) += 1;
            self.tokens += 1;
            for &v in run.iter().skip(i + 1).take(window) {
                *self.pairs.entry((w, v)).or_insert(0) += 1;
            }
        }
    }

    /// Adds another worker's counts, its word ids translated by `map`.
    pub fn merge(&mut self, other: SourcePairs, map: &[u32]) {
        for ((a, b), c) in other.pairs {
            *self
                .pairs
                .entry((map[a as usize], map[b as usize]))
                .or_insert(0) += c;
        }
        for (w, c) in other.words {
            *self.words.entry(map[w as usize]).or_insert(0) += c;
        }
        self.tokens += other.tokens;
    }
}

/// The association measures of a pair seen `o` times, its words `f1` and `f2` times, in a source
/// of `n` term tokens with pairs counted within `window` terms: (PMI in bits, t-score, G²).
pub fn association(o: u64, f1: u64, f2: u64, n: u64, window: usize) -> (f64, f64, f64) {
    let (o, f1, f2, n) = (o as f64, f1 as f64, f2 as f64, n.max(1) as f64);
    let e = f1 * f2 * window as f64 / n;
    let pmi = (o / e).log2();
    let t = (o - e) / o.sqrt();
    // 2×2 table of the first word (or not) against the second word (or not)
    let cells = [
        (o, e),
        (f1 - o, f1 * (n - f2) / n),
        (f2 - o, (n - f1) * f2 / n),
        (n - f1 - f2 + o, (n - f1) * (n - f2) / n),
    ];
    (pmi, t, g2(&cells).max(0.0))
}

/// G² of a table of (observed, expected) cells (cells with nothing observed or expected add
/// nothing).
fn g2(cells: &[(f64, f64)]) -> f64 {
    2.0 * cells
        .iter()
        .filter(|(obs, exp)| *obs > 0.0 && *exp > 0.0)
        .map(|(obs, exp)| obs * (obs / exp).ln())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_within_the_window_and_their_measures() {
        let mut s = SourcePairs::default();
        s.add_sentence(&[1, 2, 3], 1);
        s.add_sentence(&[1, 2], 1);
        assert_eq!(s.pairs[&(1, 2)], 2);
        assert_eq!(s.pairs[&(2, 3)], 1);
        assert!(!s.pairs.contains_key(&(1, 3)));
        assert_eq!(s.tokens, 5);
        // a pair always together is more associated than chance
        let (pmi, t, g2) = association(2, 2, 2, 5, 1);
        assert!((pmi - (2.0f64 / (4.0 / 5.0)).log2()).abs() < 1e-12);
        assert!(t > 0.0 && g2 > 0.0);
    }
}
