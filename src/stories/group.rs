//! Story grouping: documents linked by shared distinctive content through inverted indexes (never
//! all pairs), within a date window, and merged strongest link first into bounded stories.

use super::intersect_count;
use crate::count::Profile;
use ahash::AHashMap as HashMap;
use std::collections::BTreeMap;

/// Shingles found in more documents than this are boilerplate, not evidence of one story.
const MAX_SHINGLE_DF: usize = 25;

/// Largest story found automatically (documents); bigger clusters are chains, not one event.
pub const MAX_STORY: usize = 30;

/// A document as story grouping sees it.
#[derive(Debug, Clone)]
pub struct StoryDoc<'a> {
    /// Outlet.
    pub source: &'a str,
    /// Date `YYYY-MM-DD` or empty.
    pub date: &'a str,
    /// User-given story id or empty.
    pub story: &'a str,
    /// Profile.
    pub profile: &'a Profile,
}

fn day_number(d: &str) -> Option<i64> {
    let b = d.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: i64 = d[5..7].parse().ok()?;
    let dd: i64 = d[8..10].parse().ok()?;
    // days from civil (Howard Hinnant)
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups documents into stories; returns a story index per document (0-based, in order of
/// each story's first document). Documents with a user-given story are grouped by it alone.
///
/// Two documents from different sources are linked when they share at least `min_shared`
/// sampled shingles (about 6×min_shared identical 5-grams), or at least one and two distinctive
/// numbers, within `window_days` when both are dated. Cost is linear in the corpus: candidates
/// come from an inverted index of sampled shingles, never from all pairs.
pub fn group(docs: &[StoryDoc], window_days: Option<i64>, min_shared: usize) -> Vec<usize> {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // user-given stories
    let mut by_story: HashMap<&str, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if !d.story.is_empty() {
            match by_story.get(d.story) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    by_story.insert(d.story, i);
                }
            }
        }
    }
    let days: Vec<Option<i64>> = docs.iter().map(|d| day_number(d.date)).collect();
    // Candidate pairs with the evidence that links them. A pair that fails the test below can
    // never be merged, so only linked pairs are kept: memory follows the links, not the far more
    // numerous pairs that share a single shingle.
    let linked = |a: usize, b: usize, c: usize, q: usize| -> bool {
        let both_dated = days[a].is_some() && days[b].is_some();
        if let (Some(w), Some(da), Some(db)) = (window_days, days[a], days[b]) {
            if (da - db).abs() > w {
                return false;
            }
        }
        let shared_numbers = intersect_count(&docs[a].profile.numbers, &docs[b].profile.numbers);
        // Without both dates nothing rules out a famous quotation or stock phrase repeated years
        // later, so the evidence must be twice as strong.
        let k = if both_dated { 1 } else { 2 };
        c >= min_shared * k
            || (c >= k && shared_numbers >= 2 * k)
            || (q >= 6 * k && (c >= 1 || shared_numbers >= 1))
    };
    // one index after the other: built together they would hold both sort buffers at once
    let shingles = Index::new(docs, |p| &p.shingles);
    let quote_grams = Index::new(docs, |p| &p.quote_shingles);
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    let source: Vec<u32> = docs
        .iter()
        .map(|d| {
            let k = source_ids.len() as u32;
            *source_ids.entry(d.source).or_insert(k)
        })
        .collect();
    use rayon::prelude::*;
    let chunks: Vec<Vec<(u32, u32, u32, u32)>> = (0..n)
        .collect::<Vec<_>>()
        .par_chunks(1024)
        .map(|chunk| {
            // shared shingles and quotation shingles of document a with each later document
            let mut counts = vec![[0u32; 2]; n];
            let mut touched: Vec<u32> = Vec::new();
            let mut out = Vec::new();
            for &a in chunk {
                for (slot, index) in [(0, &shingles), (1, &quote_grams)] {
                    for list in index.lists(a) {
                        for &b in list.iter().filter(|&&b| b as usize > a) {
                            if source[b as usize] == source[a] {
                                continue;
                            }
                            let e = &mut counts[b as usize];
                            if *e == [0, 0] {
                                touched.push(b);
                            }
                            e[slot] += 1;
                        }
                    }
                }
                for &b in &touched {
                    let [c, q] = std::mem::take(&mut counts[b as usize]);
                    if linked(a, b as usize, c as usize, q as usize) {
                        out.push((a as u32, b, c, q));
                    }
                }
                touched.clear();
            }
            out
        })
        .collect();
    // strongest links first, so a story grows around its core; a merge that would make a story
    // larger than MAX_STORY documents is refused (chains of weak links otherwise join unrelated
    // events into one giant story)
    let mut ranked: Vec<(u32, u32, u32)> = chunks
        .into_iter()
        .flatten()
        .map(|(a, b, c, q)| (c + q, a, b))
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut size = vec![0usize; n];
    for i in 0..n {
        let r = find(&mut parent, i);
        size[r] += 1;
    }
    for (_, a, b) in ranked {
        let (ra, rb) = (find(&mut parent, a as usize), find(&mut parent, b as usize));
        if ra != rb && size[ra] + size[rb] <= MAX_STORY {
            let (keep, gone) = (ra.min(rb), ra.max(rb));
            parent[gone] = keep;
            size[keep] += size[gone];
        }
    }
    let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = find(&mut parent, i);
        let next = ids.len();
        out.push(*ids.entry(r).or_insert(next));
    }
    out
}

/// An inverted index over one kind of profile key: for each document, the lists of documents
/// sharing each of its keys. Keys held by one document, or by more than [`MAX_SHINGLE_DF`]
/// (boilerplate), are left out.
struct Index {
    /// Documents holding each kept key, key after key (`offsets` delimits them).
    members: Vec<u32>,
    offsets: Vec<usize>,
    /// For each document, the keys (as positions in `offsets`) it holds.
    doc_keys: Vec<u32>,
    doc_offsets: Vec<usize>,
}

impl Index {
    fn new(docs: &[StoryDoc], key_of: fn(&Profile) -> &Vec<u64>) -> Self {
        // sorted (key, document) pairs: no allocation per key
        let mut v: Vec<(u64, u32)> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            if d.story.is_empty() {
                v.extend(key_of(d.profile).iter().map(|&s| (s, i as u32)));
            }
        }
        // (key, document) pairs are all distinct: any sort gives the same order
        rayon::slice::ParallelSliceMut::par_sort_unstable(&mut v[..]);
        let (mut offsets, mut members) = (vec![0], Vec::new());
        let mut per_doc = vec![0usize; docs.len() + 1];
        let mut start = 0;
        while start < v.len() {
            let mut end = start;
            while end < v.len() && v[end].0 == v[start].0 {
                end += 1;
            }
            if (2..=MAX_SHINGLE_DF).contains(&(end - start)) {
                for p in &v[start..end] {
                    members.push(p.1);
                    per_doc[p.1 as usize + 1] += 1;
                }
                offsets.push(members.len());
            }
            start = end;
        }
        drop(v);
        // the same entries grouped by document (a counting sort)
        for i in 0..docs.len() {
            per_doc[i + 1] += per_doc[i];
        }
        let mut fill = per_doc.clone();
        let mut doc_keys = vec![0u32; members.len()];
        for j in 0..offsets.len() - 1 {
            for &d in &members[offsets[j]..offsets[j + 1]] {
                doc_keys[fill[d as usize]] = j as u32;
                fill[d as usize] += 1;
            }
        }
        Self {
            members,
            offsets,
            doc_keys,
            doc_offsets: per_doc,
        }
    }

    /// The document lists of document `i`'s keys.
    fn lists(&self, i: usize) -> impl Iterator<Item = &[u32]> + '_ {
        self.doc_keys[self.doc_offsets[i]..self.doc_offsets[i + 1]]
            .iter()
            .map(move |&j| &self.members[self.offsets[j as usize]..self.offsets[j as usize + 1]])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::profile;
    use crate::text::hash::word_hash;

    #[test]
    fn grouping_links_shared_passages_across_sources_only() {
        let text = "north korean troops were placed back in the frontline region of kursk starting in the first week of february after a lull";
        let other = "the city council approved a new budget for schools and roads on tuesday after a long debate about taxes and parking fees";
        let hashes = |t: &str| t.split_whitespace().map(word_hash).collect::<Vec<_>>();
        let p1 = profile(&hashes(&format!("{text} alpha")), vec![]);
        let p2 = profile(&hashes(&format!("beta {text}")), vec![]);
        let p3 = profile(&hashes(other), vec![]);
        let docs = vec![
            StoryDoc {
                source: "a",
                date: "2025-02-27",
                story: "",
                profile: &p1,
            },
            StoryDoc {
                source: "b",
                date: "2025-02-28",
                story: "",
                profile: &p2,
            },
            StoryDoc {
                source: "c",
                date: "2025-02-28",
                story: "",
                profile: &p3,
            },
            StoryDoc {
                source: "a",
                date: "2025-02-27",
                story: "",
                profile: &p2,
            },
        ];
        let g = group(&docs, Some(3), 2);
        assert_eq!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        // a date window keeps far-apart documents apart
        let far = vec![
            StoryDoc {
                source: "a",
                date: "2025-02-27",
                story: "",
                profile: &p1,
            },
            StoryDoc {
                source: "b",
                date: "2025-06-28",
                story: "",
                profile: &p2,
            },
        ];
        let g = group(&far, Some(3), 2);
        assert_ne!(g[0], g[1]);
        // user-given stories win
        let given = vec![
            StoryDoc {
                source: "a",
                date: "",
                story: "s1",
                profile: &p1,
            },
            StoryDoc {
                source: "b",
                date: "",
                story: "s1",
                profile: &p3,
            },
        ];
        assert_eq!(group(&given, None, 2), vec![0, 0]);
    }
}
