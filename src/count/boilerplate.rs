//! Boilerplate census: how many distinct documents of each source hold each line, and which lines
//! recur often enough to be a site's furniture rather than article text. The census is a first,
//! light pass (lines are hashed, nothing is tokenized); counting then leaves those lines out.
//!
//! The rule depends only on counts that add up across workers and shards: a line is boilerplate
//! when it is in at least [`MIN_DOCS`] distinct documents of its source and in at least
//! [`MIN_SHARE`] of them (copies of one text count once).

use crate::text::boilerplate::line_keys;
use crate::text::hash::{sequence_hash, word_hash};
use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::sync::Mutex;

/// Distinct documents of a source a line must be in to be boilerplate.
pub const MIN_DOCS: u32 = 5;
/// Share of a source's distinct documents a line must be in to be boilerplate.
pub const MIN_SHARE: f64 = 0.01;

/// One worker's line counts.
#[derive(Debug, Default)]
pub struct Census {
    /// (source, line) key → (distinct documents, source hash).
    lines: HashMap<u64, (u32, u64)>,
    /// Source hash → (name, distinct documents).
    sources: HashMap<u64, (String, u32)>,
}

/// Texts already counted, shared by the workers: a copy of a text in the same source counts once
/// (any copy gives the same lines, so which one is counted does not matter).
#[derive(Debug, Default)]
pub struct SeenTexts(Mutex<HashSet<(u64, u64)>>);

impl SeenTexts {
    /// Notes the text of hash `content` of source `src`; whether it was not seen before (a
    /// poisoned lock notes nothing and counts it as new).
    fn first_time(&self, src: u64, content: u64) -> bool {
        match self.0.lock() {
            Ok(mut s) => s.insert((src, content)),
            Err(_) => true,
        }
    }
}

impl Census {
    /// Counts the lines of one document (after its front matter, from `body`).
    pub fn add(&mut self, source: &str, text: &str, body: usize, seen: &SeenTexts) {
        self.add_keys(source, &line_keys(source, text, body), seen);
    }

    /// Counts one document given the keys of its lines (see [`line_keys`]); returns whether it
    /// was counted (a text not seen before in its source).
    pub fn add_keys(&mut self, source: &str, keys: &[u64], seen: &SeenTexts) -> bool {
        let src = word_hash(source);
        if keys.is_empty() {
            return false;
        }
        if !seen.first_time(src, sequence_hash(keys)) {
            return false;
        }
        let e = self
            .sources
            .entry(src)
            .or_insert_with(|| (source.to_string(), 0));
        e.1 += 1;
        for &k in keys {
            self.lines.entry(k).or_insert((0, src)).0 += 1;
        }
        true
    }

    /// Adds another worker's counts.
    pub fn merge(&mut self, other: Census) {
        for (k, (n, src)) in other.lines {
            self.lines.entry(k).or_insert((0, src)).0 += n;
        }
        for (src, (name, n)) in other.sources {
            self.sources.entry(src).or_insert((name, 0)).1 += n;
        }
    }

    /// The boilerplate lines by the rule above.
    pub fn decide(self) -> Boilerplate {
        let mut lines = HashMap::new();
        for (k, (n, src)) in self.lines {
            let Some((name, docs)) = self.sources.get(&src) else {
                continue;
            };
            if is_boilerplate(n, *docs) {
                let line = BoilerLine {
                    source: name.clone(),
                    n_docs: n,
                    source_docs: *docs,
                };
                lines.insert(k, line);
            }
        }
        Boilerplate { lines }
    }
}

/// Whether a line held by `n` of its source's `docs` documents is boilerplate (the rule above).
fn is_boilerplate(n: u32, docs: u32) -> bool {
    n >= MIN_DOCS && n as f64 >= MIN_SHARE * docs as f64
}

/// The distinct texts a shard's census met, as (source, keys of its lines): what shards must
/// share for their boilerplate to be the corpus's (`hedgerow census`). Counts alone would not
/// add up, since a text copied into two shards counts once in the whole.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CensusTexts {
    /// Source and sorted line keys of each distinct text.
    pub texts: Vec<(String, Vec<u64>)>,
}

impl CensusTexts {
    /// The boilerplate of the whole, from the census texts of all its shards (copies count once,
    /// as in one run).
    pub fn decide(parts: Vec<CensusTexts>) -> Boilerplate {
        let seen = SeenTexts::default();
        let mut c = Census::default();
        for p in parts {
            for (source, keys) in &p.texts {
                c.add_keys(source, keys, &seen);
            }
        }
        c.decide()
    }
}

/// A line found to be boilerplate.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BoilerLine {
    /// Its source.
    pub source: String,
    /// Distinct documents of the source holding it.
    pub n_docs: u32,
    /// Distinct documents of the source.
    pub source_docs: u32,
}

/// The boilerplate lines of a corpus, by key (see [`crate::text::boilerplate`]).
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    /// Key → what is known of the line.
    pub lines: HashMap<u64, BoilerLine>,
}

impl Boilerplate {
    /// The lines sorted by key: a form that serializes the same in every run.
    pub fn to_sorted(&self) -> Vec<(u64, BoilerLine)> {
        let mut v: Vec<(u64, BoilerLine)> =
            self.lines.iter().map(|(k, l)| (*k, l.clone())).collect();
        v.sort_unstable_by_key(|x| x.0);
        v
    }

    /// Rebuilds from [`Boilerplate::to_sorted`].
    pub fn from_sorted(v: Vec<(u64, BoilerLine)>) -> Self {
        Self {
            lines: v.into_iter().collect(),
        }
    }

    /// Whether the line with this key is boilerplate.
    pub fn contains(&self, key: u64) -> bool {
        self.lines.contains_key(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_in_enough_documents_of_a_source_is_boilerplate() {
        let seen = SeenTexts::default();
        let mut a = Census::default();
        let mut b = Census::default();
        for i in 0..6 {
            let t = format!("Story number {i} of the day.\nAdvertisement\n");
            let w = if i % 2 == 0 { &mut a } else { &mut b };
            w.add("Daily", &t, 0, &seen);
            // copies count once
            w.add("Daily", &t, 0, &seen);
        }
        // four documents of another source: under MIN_DOCS
        for i in 0..4 {
            a.add("Weekly", &format!("Text {i}\nAdvertisement"), 0, &seen);
        }
        a.merge(b);
        let bp = a.decide();
        assert_eq!(bp.lines.len(), 1);
        let line = bp.lines.values().next().unwrap();
        assert_eq!(
            (line.source.as_str(), line.n_docs, line.source_docs),
            ("Daily", 6, 6)
        );
    }
}
