//! Story grouping: documents linked by shared distinctive content through inverted indexes (never
//! all pairs), within a date window, and merged strongest link first into bounded stories.

use super::intersect_count;
use crate::count::Profile;
use crate::dates::day_number;
use crate::text::facts::{against, conflicts};
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

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Why two documents were linked, as bits of [`Link::evidence`].
pub mod by {
    /// A quotation in both.
    pub const QUOTES: u8 = 1;
    /// Passages reused word for word.
    pub const PASSAGES: u8 = 2;
    /// Distinctive content words in common (tf-idf cosine).
    pub const CONTENT: u8 = 4;
    /// Distinctive numbers in common.
    pub const NUMBERS: u8 = 8;
    /// Words of the titles in common.
    pub const TITLE: u8 = 16;
    /// The story was given by the user.
    pub const GIVEN: u8 = 32;
    /// Names of the bits, in table order.
    pub const NAMES: [(u8, &str); 6] = [
        (QUOTES, "quotes"),
        (PASSAGES, "passages"),
        (CONTENT, "content"),
        (NUMBERS, "numbers"),
        (TITLE, "title"),
        (GIVEN, "given"),
    ];
}

/// The strongest link of a document to another of its story: its score and why.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Link {
    /// Similarity of the pair (0 for a document alone or in a given story).
    pub score: f32,
    /// Bits of [`by`].
    pub evidence: u8,
    /// What counted against the link: bits of [`against`].
    pub against: u8,
    /// What kept the document's story from a stronger link to another: bits of [`apart`].
    pub apart: u8,
}

/// Why a document's story was kept from merging with another it had a link to, as bits of
/// [`Link::apart`] (written with a leading `-` in `linked_by`, after [`against`]'s).
pub mod apart {
    /// Each story has participants of its own ([`super::Evidence::other_participants`]).
    pub const PARTICIPANTS: u8 = 1;
    /// Names of the bits, in table order.
    pub const NAMES: [(u8, &str); 1] = [(PARTICIPANTS, "participants")];
}

impl Link {
    /// The evidence as `;`-separated names, what counted against the link and what kept the
    /// story from another last, with a leading `-` ("quotes;content;-weekday;-participants").
    pub fn evidence_names(&self) -> String {
        let pro = by::NAMES
            .iter()
            .filter(|(b, _)| self.evidence & b != 0)
            .map(|(_, n)| n.to_string());
        let contra = against::NAMES
            .iter()
            .filter(|(b, _)| self.against & b != 0)
            .map(|(_, n)| format!("-{n}"));
        let kept = apart::NAMES
            .iter()
            .filter(|(b, _)| self.apart & b != 0)
            .map(|(_, n)| format!("-{n}"));
        pro.chain(contra).chain(kept).collect::<Vec<_>>().join(";")
    }
}

/// What grouping found: a story index per document (0-based, in order of each story's first
/// document) and each document's strongest link inside its story.
#[derive(Debug, Clone)]
pub struct Grouped {
    /// Story index of each document.
    pub story: Vec<usize>,
    /// Strongest link of each document within its story.
    pub link: Vec<Link>,
    /// The storyline of each story (by story index): the saga its event belongs to.
    pub storyline: Vec<usize>,
    /// Candidate pairs examined (for the README's growth figures and `HEDGEROW_TRACE`).
    pub candidates: usize,
}

/// Signature terms per document: the most distinctive, which candidate pairs must share.
const SIGNATURE: usize = 10;
/// Shared signature terms that make two documents a candidate pair.
const MIN_SHARED_SIGNATURE: u32 = 2;
/// Weight of a name (a capitalized content word) against other words.
const NAME_WEIGHT: f32 = 3.0;
/// Pair score needed for an edge, and average score between two stories needed to merge them
/// (average linkage: a document joins a story only with support from its members as a whole,
/// so a chain of pairwise links cannot glue neighbouring events).
const EDGE: f32 = 0.30;
const AVERAGE: f32 = 0.22;
/// What a pair loses when its documents are about different people (see
/// `Evidence::about_others`).
const OTHER_PEOPLE: f32 = 0.2;
/// Content similarity below which numbers and title words in common add nothing.
const CONFIRMED: f32 = 0.1;
/// How much more text two documents must share when their words otherwise differ.
const STOCK: u32 = 4;
/// What a pair linked by words alone loses per day between its dates: reports of one event
/// come out the same day or the next, while one week brings several events of one topic (a
/// firing, then a charge; a testimony, then the next witness).
const DATED_WORDS_ONLY: f32 = 0.05;
/// And per day beyond the next: a report two days on is most often of the next event.
const LATER_DAYS: f32 = 0.1;
/// Uses of a name in a report that make it one of the story's participants.
const CONSENSUS_USES: u16 = 2;
/// Reports a story needs before its participants tell it from another story: in smaller
/// ones, a name most reports use may be one outlet's detail (a victim named by some reports
/// only). Tuned on ECB+ train (2 to 5; see docs/quality.md).
const PARTICIPANT_STORY: usize = 5;
/// What a pair loses for each fact of their leads on which they disagree (a weekday, a year,
/// a figure; see `facts::conflicts`): look-alike events share their words, not their facts.
const CONFLICT: f32 = 0.15;

/// Groups documents into stories. Documents with a user-given story are grouped by it alone.
///
/// Evidence between two documents of different sources: the tf-idf cosine of their content
/// words (names weighted up), shared distinctive numbers and title words, and text reuse
/// (sampled 5-gram shingles, quotations). Candidate pairs come from inverted indexes (shared
/// distinctive signature words, shingles, quotation shingles) whose lists are capped, never
/// from all pairs. Stories merge strongest edge first, and only while the average score between
/// their members stays high; dated documents more than `window_days` apart never join. The
/// result is the same for any number of threads.
pub fn group(docs: &[StoryDoc], window_days: Option<i64>) -> Grouped {
    let mut stories = Merging::new(docs.len());
    stories.join_given(docs);
    let mut ev = Evidence::new(docs, window_days);
    crate::trace::trace("stories: content vectors");
    let candidates = ev.candidates();
    ev.reused = reuse_scores(&candidates);
    let n_candidates = candidates.len();
    crate::trace::trace("stories: candidate pairs scored");
    // saga links, kept for the storylines once stories are merged
    let saga = saga_edges(&candidates);
    for e in &strongest_edges(candidates) {
        stories.merge(e, &ev);
    }
    let story = numbered_roots(&mut stories.parent);
    let storyline = storylines(&story, &saga, &ev.days);
    Grouped {
        story,
        link: stories.link,
        storyline,
        candidates: n_candidates,
    }
}

/// The pairs close enough as events of one saga ([`SAGA_EDGE`]), closest first (ties: document
/// order, so any thread count gives one result).
fn saga_edges(candidates: &[Edge]) -> Vec<Edge> {
    let mut saga: Vec<Edge> = candidates
        .iter()
        .filter(|e| e.saga >= SAGA_EDGE)
        .copied()
        .collect();
    saga.sort_unstable_by(|x, y| y.saga.total_cmp(&x.saga).then((x.a, x.b).cmp(&(y.a, y.b))));
    saga
}

/// The pairs scored as an edge ([`EDGE`]), strongest first (ties: document order, so any
/// thread count gives one result).
fn strongest_edges(candidates: Vec<Edge>) -> Vec<Edge> {
    let mut edges: Vec<Edge> = candidates
        .into_iter()
        .filter(|e| e.link.score >= EDGE)
        .collect();
    edges.sort_unstable_by(|x, y| {
        y.link
            .score
            .total_cmp(&x.link.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    edges
}

/// A pair score (before the days between them) that puts two stories in one storyline.
const SAGA_EDGE: f32 = 0.45;
/// Largest storyline (documents): a saga, not a topic running for months.
const MAX_STORYLINE: usize = 120;
/// Most days from a storyline's first dated document to its last.
const SAGA_DAYS: i64 = 14;

/// The storyline of each story (by story number): stories linked by a pair of their documents
/// close as events of one saga ([`Edge::saga`], strongest first), within [`SAGA_DAYS`] and
/// [`MAX_STORYLINE`] documents. Numbered in order of each storyline's first story.
fn storylines(story: &[usize], saga: &[Edge], days: &[Option<i64>]) -> Vec<usize> {
    let mut lines = Sagas::of_stories(story, days);
    for e in saga {
        lines.join(story[e.a as usize], story[e.b as usize]);
    }
    numbered_roots(&mut lines.parent)
}

/// The root of every element of a union-find, numbered in order of each root's first element.
fn numbered_roots(parent: &mut [usize]) -> Vec<usize> {
    let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
    (0..parent.len())
        .map(|i| {
            let r = find(parent, i);
            let next = ids.len();
            *ids.entry(r).or_insert(next)
        })
        .collect()
}

/// Storylines being joined: a union-find over stories with each line's documents and dated span.
struct Sagas {
    parent: Vec<usize>,
    size: Vec<usize>,
    span: Vec<Option<(i64, i64)>>,
}

impl Sagas {
    /// Each story a storyline of its own, with its documents and its span of days.
    fn of_stories(story: &[usize], days: &[Option<i64>]) -> Self {
        let n_stories = story.iter().copied().max().map_or(0, |m| m + 1);
        let mut lines = Sagas {
            parent: (0..n_stories).collect(),
            size: vec![0; n_stories],
            span: vec![None; n_stories],
        };
        for (i, &s) in story.iter().enumerate() {
            lines.size[s] += 1;
            lines.span[s] = widen(lines.span[s], days[i]);
        }
        lines
    }

    /// Joins the storylines of two stories unless the result would be too long or too large.
    fn join(&mut self, x: usize, y: usize) {
        let (rx, ry) = (find(&mut self.parent, x), find(&mut self.parent, y));
        if rx == ry || self.size[rx] + self.size[ry] > MAX_STORYLINE {
            return;
        }
        let span = match (self.span[rx], self.span[ry]) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (a, b) => a.or(b),
        };
        if span.is_some_and(|(lo, hi)| hi - lo > SAGA_DAYS) {
            return;
        }
        let (keep, gone) = (rx.min(ry), rx.max(ry));
        self.parent[gone] = keep;
        self.size[keep] += self.size[gone];
        self.span[keep] = span;
    }
}

/// A span of days widened to hold `day` (an undated document leaves it as it is).
fn widen(span: Option<(i64, i64)>, day: Option<i64>) -> Option<(i64, i64)> {
    match (span, day) {
        (Some((lo, hi)), Some(d)) => Some((lo.min(d), hi.max(d))),
        (None, Some(d)) => Some((d, d)),
        (s, None) => s,
    }
}

/// A candidate pair of documents (`a < b`) with its score and evidence.
#[derive(Debug, Clone, Copy)]
struct Edge {
    link: Link,
    /// The pair's score before what it loses for the days between its dates: how close the
    /// two are as events of one saga.
    saga: f32,
    a: u32,
    b: u32,
}

/// Stories being merged: a union-find over documents, with each story's members (at its root)
/// and each document's strongest link.
struct Merging {
    parent: Vec<usize>,
    link: Vec<Link>,
    members: Vec<Vec<u32>>,
}

impl Merging {
    /// Each of `n` documents a story of its own.
    fn new(n: usize) -> Self {
        Merging {
            parent: (0..n).collect(),
            link: vec![Link::default(); n],
            members: (0..n as u32).map(|i| vec![i]).collect(),
        }
    }

    /// Joins the documents of each user-given story (they are grouped by it alone).
    fn join_given(&mut self, docs: &[StoryDoc]) {
        let mut by_story: HashMap<&str, usize> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            if d.story.is_empty() {
                continue;
            }
            self.link[i].evidence = by::GIVEN;
            match by_story.get(d.story) {
                Some(&j) => {
                    let (a, b) = (find(&mut self.parent, i), find(&mut self.parent, j));
                    self.parent[a.max(b)] = a.min(b);
                }
                None => {
                    by_story.insert(d.story, i);
                }
            }
        }
    }

    /// Merges the stories of an edge's documents, unless they are one already, would grow
    /// past [`MAX_STORY`] or are not close enough on average.
    fn merge(&mut self, e: &Edge, ev: &Evidence) {
        let (ra, rb) = (
            find(&mut self.parent, e.a as usize),
            find(&mut self.parent, e.b as usize),
        );
        if ra == rb {
            return;
        }
        let members = &self.members;
        if members[ra].len() + members[rb].len() > MAX_STORY {
            return;
        }
        if !ev.may_merge(&members[ra], &members[rb]) {
            return;
        }
        if ev.other_participants(&members[ra], &members[rb]) {
            self.kept_apart(e, apart::PARTICIPANTS);
            return;
        }
        let (keep, gone) = (ra.min(rb), ra.max(rb));
        self.parent[gone] = keep;
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
        self.keep_strongest(e);
    }

    /// Makes a merged edge the link of each of its documents whose link it outscores (what kept
    /// the document's story apart from another stays noted).
    fn keep_strongest(&mut self, e: &Edge) {
        for d in [e.a, e.b] {
            let l = &mut self.link[d as usize];
            if e.link.score > l.score {
                *l = Link {
                    apart: l.apart,
                    ..e.link
                };
            }
        }
    }

    /// Notes on both documents of a refused edge why their stories stayed apart (`why`, bits
    /// of [`apart`]): the rule decided for them, whatever link they keep.
    fn kept_apart(&mut self, e: &Edge, why: u8) {
        for d in [e.a, e.b] {
            self.link[d as usize].apart |= why;
        }
    }
}

/// What links documents: their weighted content vectors, days, sources and reuse indexes.
struct Evidence<'a> {
    docs: &'a [StoryDoc<'a>],
    days: Vec<Option<i64>>,
    window: Option<i64>,
    source: Vec<u32>,
    /// Unit tf-idf vectors, by stem id.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Signature stems (as index keys).
    signatures: Vec<Vec<u64>>,
    /// Each document's main names (its most frequent).
    main_names: Vec<MainNames>,
    /// The most documents a signature word may have and still mark a story.
    signature_df: usize,
    /// One more than the largest stem id in the profiles.
    n_stems: usize,
    /// Most documents are dated: a pair with an undated document needs more evidence.
    mostly_dated: bool,
    /// The scores of the candidate pairs (`a < b`) that share text, which
    /// [`Evidence::may_merge`] could not recompute from their words.
    reused: HashMap<(u32, u32), f32>,
}

impl<'a> Evidence<'a> {
    fn new(docs: &'a [StoryDoc<'a>], window: Option<i64>) -> Self {
        let n_auto = docs.iter().filter(|d| d.story.is_empty()).count().max(1);
        let df = DocFreqs::of(docs);
        // a signature word is shared by a story's reports, not by a topic running for months
        let signature_df = 30.max(n_auto / 500);
        let (vectors, signatures) = df.vectors_and_signatures(docs, n_auto, signature_df);
        Self {
            docs,
            days: docs.iter().map(|d| day_number(d.date)).collect(),
            window,
            source: source_ids(docs),
            vectors,
            signatures,
            main_names: docs.iter().map(|d| main_names(d.profile)).collect(),
            signature_df,
            n_stems: df.0.len(),
            mostly_dated: mostly_dated(docs),
            reused: HashMap::new(),
        }
    }

    /// Whether two documents may be in one story at all: different sources, both grouped
    /// automatically, within the date window when both are dated.
    fn compatible(&self, a: usize, b: usize) -> bool {
        if self.source[a] == self.source[b]
            || !self.docs[a].story.is_empty()
            || !self.docs[b].story.is_empty()
        {
            return false;
        }
        match (self.window, self.days[a], self.days[b]) {
            (Some(w), Some(da), Some(db)) => (da - db).abs() <= w,
            _ => true,
        }
    }

    /// The score of a pair and its evidence, given the shingles (`c`) and quotation shingles
    /// (`q`) they share.
    fn score(&self, a: usize, b: usize, c: u32, q: u32) -> Link {
        self.score_with(a, b, c, q, dot(&self.vectors[a], &self.vectors[b]))
    }

    /// [`Self::score`] with the cosine already computed.
    fn score_with(&self, a: usize, b: usize, c: u32, q: u32, cos: f32) -> Link {
        self.discount(self.score_before_days(a, b, c, q, cos), a, b)
    }

    /// A pair's score and evidence before [`Self::discount`].
    fn score_before_days(&self, a: usize, b: usize, c: u32, q: u32, cos: f32) -> Link {
        let (pa, pb) = (self.docs[a].profile, self.docs[b].profile);
        let numbers = intersect_count(&pa.numbers, &pb.numbers) as f32;
        let title = title_overlap(pa, pb);
        // Numbers and title words confirm what the words say; they do not replace it (a city's
        // name and population in a background paragraph are in every report from there).
        let confirms = if cos >= CONFIRMED { 1.0 } else { 0.0 };
        let mut s = cos + confirms * (0.05 * numbers.min(4.0) + 0.15 * title);
        // Reports of one event agree on whom it is about. Look-alike events share their topic
        // words, and a later one recalls the earlier in passing (a second player's arrest
        // mentions the first's): when each document's main name is a minor one in the other,
        // they are two events, whatever text they share.
        // A figure both give (23 pirates, 2,000 feet) is a detail of one event, which look-alike
        // events rarely share: it outweighs a difference in whom each is mostly about.
        if numbers == 0.0 && self.about_others(a, b) {
            s -= OTHER_PEOPLE;
        }
        let e = word_evidence(cos, numbers, title);
        let contra = conflicts(&pa.facts, &pa.numbers, &pb.facts, &pb.numbers);
        s -= CONFLICT * contra.count_ones() as f32;
        let mut link = Link {
            score: s,
            evidence: e,
            against: contra,
            apart: 0,
        };
        self.add_reuse(&mut link, a, b, Shared { c, q, cos });
        link
    }

    /// How close two documents are as events of one saga: their score before the days between
    /// them count (a follow-up days later is a next event of the saga, not another topic), none
    /// when an opinion piece or an undated document would get none.
    fn saga_score(&self, before: Link, a: usize, b: usize) -> f32 {
        let now = self.discount(before, a, b);
        if now.score == 0.0 && before.score != 0.0 {
            0.0
        } else {
            before.score
        }
    }

    /// Adds the text a pair shares (`shared`) to its link. Without both dates nothing rules out
    /// a famous quotation or stock phrase repeated years later, so it counts for less; nor does
    /// a stock passage (a city's background paragraph, a standard disclaimer) or a famous
    /// quotation tie two reports whose words otherwise differ: then only reuse of several
    /// paragraphs (a copy, a rewrite of one wire report) counts.
    ///
    /// A quotation is the weakest of these when the rest disagrees: a later article recycles an
    /// earlier report's quotations as background (a testimony quoted again in the next days'
    /// stories of a saga). It counts only between reports of the same day or the next whose
    /// leads do not disagree ([`recycled_quotes`]).
    fn add_reuse(&self, link: &mut Link, a: usize, b: usize, shared: Shared) {
        let both_dated = self.days[a].is_some() && self.days[b].is_some();
        let mut k = if both_dated { 1 } else { 2 };
        if shared.cos < 0.2 {
            k *= STOCK;
        }
        if shared.c >= 3 * k {
            link.score += 0.3;
            link.evidence |= by::PASSAGES;
        }
        if shared.q >= 6 * k
            && !recycled_quotes(link.against, self.days[a], self.days[b], shared.cos)
        {
            link.score += 0.2;
            link.evidence |= by::QUOTES;
        }
    }

    /// What a pair linked by words alone loses (all of it when undated among dated reports, or
    /// when one is an opinion piece; else by the days between them).
    fn discount(&self, link: Link, a: usize, b: usize) -> Link {
        let (pa, pb) = (self.docs[a].profile, self.docs[b].profile);
        let (s, e) = (link.score, link.evidence);
        let none = Link { score: 0.0, ..link };
        // Where most reports are dated, an undated one could be from any year: words in common
        // place it in a topic, not in an event; only text it shares (a quotation, a passage) does.
        let undated = self.days[a].is_none() || self.days[b].is_none();
        let reuse = e & (by::QUOTES | by::PASSAGES) != 0;
        if self.mostly_dated && undated && !reuse {
            return none;
        }
        // An opinion piece shares the words of the events it argues about, and of the next
        // ones on its theme: only text it shares with a report (a quotation, a passage) puts
        // it in that report's story.
        if !reuse && (pa.opinion || pb.opinion) {
            return none;
        }
        // Words alone: the further apart in days, the likelier a later event of the same topic.
        if let (false, Some(da), Some(db)) = (reuse, self.days[a], self.days[b]) {
            let days = (da - db).abs() as f32;
            let s = s - (DATED_WORDS_ONLY * days + LATER_DAYS * (days - 1.0).max(0.0));
            return Link { score: s, ..link };
        }
        link
    }

    /// Whether two stories of [`PARTICIPANT_STORY`] or more reports each are two events with
    /// their own participants: each has a name most of its reports use (twice or more) that no
    /// report of the other uses more than once (one player's offers from two clubs: "Angels" and
    /// "Red Sox"; two administrations' rules: "Kempthorne" and "Salazar"). A single mention is
    /// the past recalled in passing, not a participant: a boxer's fight against Rahman recalls
    /// his earlier fight against Thompson, and the reports of the later fight name Rahman not
    /// at all (ECB+ train topic 7).
    fn other_participants(&self, x: &[u32], y: &[u32]) -> bool {
        if x.len() < PARTICIPANT_STORY || y.len() < PARTICIPANT_STORY {
            return false;
        }
        self.has_own_participant(x, y) && self.has_own_participant(y, x)
    }

    /// Whether story `x` has a name most of its reports use that no report of `y` uses more
    /// than once.
    fn has_own_participant(&self, x: &[u32], y: &[u32]) -> bool {
        let unused_in_y = |t: u32| {
            y.iter()
                .all(|&j| term_count(self.docs[j as usize].profile, t) < CONSENSUS_USES)
        };
        self.consensus_names(x).into_iter().any(unused_in_y)
    }

    /// The names used twice or more ([`CONSENSUS_USES`]) by at least half of a story's reports
    /// (and two or more of them).
    fn consensus_names(&self, x: &[u32]) -> Vec<u32> {
        let uses = self.reports_using(x);
        let mut names: Vec<u32> = uses
            .into_iter()
            .filter(|&(_, k)| k >= 2 && 2 * k >= x.len())
            .map(|(t, _)| t)
            .collect();
        names.sort_unstable();
        names
    }

    /// For each name, the reports of story `x` that use it twice or more ([`CONSENSUS_USES`]).
    fn reports_using(&self, x: &[u32]) -> HashMap<u32, usize> {
        let mut uses: HashMap<u32, usize> = HashMap::new();
        for &i in x {
            let p = self.docs[i as usize].profile;
            for &t in &p.names {
                if term_count(p, t) >= CONSENSUS_USES {
                    *uses.entry(t).or_default() += 1;
                }
            }
        }
        uses
    }

    /// Whether two documents are about different people: each has main names, none is a main
    /// name of the other, and each's are mentioned at most half as often as the other's own.
    fn about_others(&self, a: usize, b: usize) -> bool {
        let (ma, mb) = (&self.main_names[a], &self.main_names[b]);
        let (na, nb) = (&ma.names, &mb.names);
        if na.is_empty() || nb.is_empty() || na.iter().any(|t| nb.binary_search(t).is_ok()) {
            return false;
        }
        let (pa, pb) = (self.docs[a].profile, self.docs[b].profile);
        let minor = |names: &[u32], p: &Profile, top: u16| {
            names.iter().all(|&t| 2 * term_count(p, t) <= top)
        };
        minor(na, pb, mb.top) && minor(nb, pa, ma.top)
    }

    /// Every candidate pair (a < b) with its score and evidence: pairs sharing signature words,
    /// sampled shingles or quotation shingles, through inverted indexes.
    fn candidates(&self) -> Vec<Edge> {
        use rayon::prelude::*;
        let indexes = self.indexes();
        (0..self.docs.len())
            .collect::<Vec<_>>()
            .par_chunks(1024)
            .map(|chunk| {
                let mut scan = Scan::new(self.docs.len(), self.n_stems);
                let mut out = Vec::new();
                for &a in chunk {
                    scan.pairs_of(self, &indexes, a, &mut out);
                }
                out
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// The inverted indexes of signature words, shingles and quotation shingles (one after the
    /// other: built together they would hold both sort buffers at once).
    fn indexes(&self) -> [Index; 3] {
        let n = self.docs.len();
        let auto = |i: usize| self.docs[i].story.is_empty();
        let sig = Index::new(
            n,
            |i| auto(i).then(|| &self.signatures[i][..]),
            self.signature_df,
        );
        crate::trace::trace("stories: index of signature words");
        let shingles = Index::new(
            n,
            |i| auto(i).then(|| &self.docs[i].profile.shingles[..]),
            MAX_SHINGLE_DF,
        );
        crate::trace::trace("stories: index of shingles");
        let quotes = Index::new(
            n,
            |i| auto(i).then(|| &self.docs[i].profile.quote_shingles[..]),
            MAX_SHINGLE_DF,
        );
        crate::trace::trace("stories: index of quotes");
        [sig, shingles, quotes]
    }

    /// The score of a pair as candidate scoring gave it: kept where the pair shares text, else
    /// from its words alone (reuse counts are not kept for every pair, and without shared text
    /// the words give the same score).
    fn pair_score(&self, a: usize, b: usize) -> f32 {
        let key = (a.min(b) as u32, a.max(b) as u32);
        match self.reused.get(&key) {
            Some(&s) => s,
            None => self.score(a, b, 0, 0).score,
        }
    }

    /// Whether the dated members of two stories together span more than the date window: the
    /// dated members of one story lie within the window of each other, whatever their sources
    /// (undated documents must not bridge events months apart).
    fn beyond_window(&self, x: &[u32], y: &[u32]) -> bool {
        let Some(w) = self.window else {
            return false;
        };
        let (lx, hx) = self.day_span(x);
        let (ly, hy) = self.day_span(y);
        let lo = lx.into_iter().chain(ly).min();
        let hi = hx.into_iter().chain(hy).max();
        matches!((lo, hi), (Some(lo), Some(hi)) if hi - lo > w)
    }

    /// The first and last days of a story's dated members.
    fn day_span(&self, m: &[u32]) -> (Option<i64>, Option<i64>) {
        let d = m.iter().filter_map(|&i| self.days[i as usize]);
        (d.clone().min(), d.max())
    }

    /// Average linkage: whether the mean score over the pairs of different sources between two
    /// stories reaches [`AVERAGE`] (a pair out of the date window forbids the merge).
    fn may_merge(&self, x: &[u32], y: &[u32]) -> bool {
        if self.beyond_window(x, y) {
            return false;
        }
        let (mut sum, mut pairs) = (0.0f32, 0u32);
        for &a in x {
            for &b in y {
                let (a, b) = (a as usize, b as usize);
                if self.source[a] == self.source[b] {
                    continue;
                }
                if !self.compatible(a, b) {
                    return false;
                }
                sum += self.pair_score(a, b);
                pairs += 1;
            }
        }
        pairs == 0 || sum / pairs as f32 >= AVERAGE
    }
}

/// The evidence of a pair's words ([`by`] bits): content words (cosine `cos`), numbers and
/// title words (`title`, a share) in common.
fn word_evidence(cos: f32, numbers: f32, title: f32) -> u8 {
    let content = if cos >= 0.2 { by::CONTENT } else { 0 };
    let numbers = if numbers >= 1.0 { by::NUMBERS } else { 0 };
    let title = if title >= 0.5 { by::TITLE } else { 0 };
    content | numbers | title
}

/// The scores of the candidate pairs whose evidence includes shared text (quotations,
/// passages): the only pairs whose score differs from that of their words alone.
fn reuse_scores(candidates: &[Edge]) -> HashMap<(u32, u32), f32> {
    candidates
        .iter()
        .filter(|e| e.link.evidence & (by::QUOTES | by::PASSAGES) != 0)
        .map(|e| ((e.a, e.b), e.link.score))
        .collect()
}

/// Whether the quotations two documents share are background rather than one event's: their
/// leads disagree on a fact (`against`, bits of [`against`]), or they are dated two days or
/// more apart (a quotation of an earlier report) and their words (`cos`) do not otherwise
/// make them one event.
fn recycled_quotes(against: u8, day_a: Option<i64>, day_b: Option<i64>, cos: f32) -> bool {
    let later = matches!((day_a, day_b), (Some(x), Some(y)) if (x - y).abs() >= 2);
    against != 0 || (later && cos < 0.2)
}

/// What two documents share besides their words: shingles (`c`), quotation shingles (`q`),
/// with the cosine of their words.
#[derive(Debug, Clone, Copy)]
struct Shared {
    c: u32,
    q: u32,
    cos: f32,
}

/// A worker's buffers for finding the candidate pairs of one document after another.
struct Scan {
    /// Lists shared with each later document: signature words, shingles, quotation shingles.
    counts: Vec<[u32; 3]>,
    /// The documents with a count.
    touched: Vec<u32>,
    /// The current document's vector spread out by stem: a cosine is then one lookup per word
    /// of the other, summed in its order like `dot` (the same value to the bit).
    dense: Vec<f32>,
}

impl Scan {
    fn new(n_docs: usize, n_stems: usize) -> Self {
        Scan {
            counts: vec![[0u32; 3]; n_docs],
            touched: Vec::new(),
            dense: vec![0f32; n_stems],
        }
    }

    /// Adds the scored candidate pairs of document `a` with later documents to `out`.
    fn pairs_of(&mut self, ev: &Evidence, indexes: &[Index; 3], a: usize, out: &mut Vec<Edge>) {
        for &(t, w) in &ev.vectors[a] {
            self.dense[t as usize] = w;
        }
        for (slot, index) in indexes.iter().enumerate() {
            for list in index.lists(a) {
                for &b in list.iter().filter(|&&b| b as usize > a) {
                    let e = &mut self.counts[b as usize];
                    if *e == [0, 0, 0] {
                        self.touched.push(b);
                    }
                    e[slot] += 1;
                }
            }
        }
        for &b in &self.touched {
            let [s, c, q] = std::mem::take(&mut self.counts[b as usize]);
            let b = b as usize;
            if (s >= MIN_SHARED_SIGNATURE || c > 0 || q > 0) && ev.compatible(a, b) {
                let cos = ev.vectors[b]
                    .iter()
                    .map(|&(t, w)| self.dense[t as usize] * w)
                    .sum();
                let before = ev.score_before_days(a, b, c, q, cos);
                out.push(Edge {
                    link: ev.discount(before, a, b),
                    saga: ev.saga_score(before, a, b),
                    a: a as u32,
                    b: b as u32,
                });
            }
        }
        self.touched.clear();
        for &(t, _) in &ev.vectors[a] {
            self.dense[t as usize] = 0.0;
        }
    }
}

/// Title words two documents share, as a share of the shorter title's (0 when one has none).
fn title_overlap(pa: &Profile, pb: &Profile) -> f32 {
    if pa.title.is_empty() || pb.title.is_empty() {
        0.0
    } else {
        intersect_count(&pa.title, &pb.title) as f32 / pa.title.len().min(pb.title.len()) as f32
    }
}

/// A unit tf-idf vector: (stem id, weight), by stem id.
type UnitVector = Vec<(u32, f32)>;

/// Documents (grouped automatically) holding each stem, by stem id.
struct DocFreqs(Vec<u32>);

impl DocFreqs {
    fn of(docs: &[StoryDoc]) -> Self {
        let n_stems = docs
            .iter()
            .filter_map(|d| d.profile.terms.last())
            .map(|t| t.0 as usize + 1)
            .max()
            .unwrap_or(0);
        let mut df = vec![0u32; n_stems];
        for d in docs.iter().filter(|d| d.story.is_empty()) {
            for &(t, _) in &d.profile.terms {
                df[t as usize] += 1;
            }
        }
        DocFreqs(df)
    }

    /// Each document's unit vector and signature (empty for those in a user-given story).
    fn vectors_and_signatures(
        &self,
        docs: &[StoryDoc],
        n_auto: usize,
        signature_df: usize,
    ) -> (Vec<UnitVector>, Vec<Vec<u64>>) {
        use rayon::prelude::*;
        let of = |d: &StoryDoc| {
            if !d.story.is_empty() {
                return (Vec::new(), Vec::new());
            }
            let v = self.unit_vector(d.profile, n_auto);
            let keys = self.signature(&v, signature_df);
            (v, keys)
        };
        docs.par_iter().map(of).unzip()
    }

    /// A document's unit tf-idf vector (by stem id; names weighted up), `n_auto` documents
    /// grouped automatically.
    fn unit_vector(&self, p: &Profile, n_auto: usize) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = p
            .terms
            .iter()
            .map(|&(t, c)| (t, self.weight(p, t, c, n_auto)))
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 /= norm;
            }
        }
        v
    }

    /// The tf-idf weight of stem `t`, used `c` times in profile `p` (a name weighs more).
    fn weight(&self, p: &Profile, t: u32, c: u16, n_auto: usize) -> f32 {
        let f = self.0[t as usize].max(1) as f32;
        let idf = ((n_auto as f32 + 1.0) / f).ln();
        let name = if p.names.binary_search(&t).is_ok() {
            NAME_WEIGHT
        } else {
            1.0
        };
        (1.0 + (c as f32).ln()) * idf * name
    }

    /// A document's signature (index keys, sorted): the [`SIGNATURE`] heaviest words of its
    /// vector `v` found in 2 to `signature_df` documents.
    fn signature(&self, v: &[(u32, f32)], signature_df: usize) -> Vec<u64> {
        let mut sig: Vec<(u32, f32)> = v
            .iter()
            .copied()
            .filter(|&(t, _)| {
                let f = self.0[t as usize] as usize;
                (2..=signature_df).contains(&f)
            })
            .collect();
        sig.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        sig.truncate(SIGNATURE);
        let mut keys: Vec<u64> = sig.into_iter().map(|x| x.0 as u64).collect();
        keys.sort_unstable();
        keys
    }
}

/// Whether at least half the documents are dated.
fn mostly_dated(docs: &[StoryDoc]) -> bool {
    2 * docs.iter().filter(|d| day_number(d.date).is_some()).count() >= docs.len()
}

/// A small id for each document's source (in order of first appearance).
fn source_ids(docs: &[StoryDoc]) -> Vec<u32> {
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    docs.iter()
        .map(|d| {
            let k = source_ids.len() as u32;
            *source_ids.entry(d.source).or_insert(k)
        })
        .collect()
}

/// How often a profile's content words hold stem `t`.
fn term_count(p: &Profile, t: u32) -> u16 {
    p.terms
        .binary_search_by_key(&t, |x| x.0)
        .map_or(0, |i| p.terms[i].1)
}

/// Mentions that make a name what a report is about: a name in the lead, the headline and one
/// quotation (three) is as often a passing mention of a related event.
const MAIN_NAME_MENTIONS: u16 = 4;

/// A document's main names and how often it uses its most frequent name.
#[derive(Debug, Clone)]
struct MainNames {
    /// Stem ids, sorted.
    names: Vec<u32>,
    /// Uses of the most frequent name.
    top: u16,
}

/// A document's main names: the names it uses at least [`MAIN_NAME_MENTIONS`] times and at
/// least three quarters as often as its most frequent.
fn main_names(p: &Profile) -> MainNames {
    let top = p.names.iter().map(|&t| term_count(p, t)).max().unwrap_or(0);
    if top < MAIN_NAME_MENTIONS {
        return MainNames {
            names: Vec::new(),
            top,
        };
    }
    let names = p
        .names
        .iter()
        .copied()
        .filter(|&t| 4 * term_count(p, t) >= 3 * top)
        .collect();
    MainNames { names, top }
}

/// Dot product of two sparse vectors sorted by id.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// The (key, document) pairs of the keys in one part of the key space, sorted, into `v`.
fn key_pairs_of_part<'k>(
    n: usize,
    keys_of: &impl Fn(usize) -> Option<&'k [u64]>,
    part: usize,
    v: &mut Vec<(u64, u32)>,
) {
    let part_of = |k: u64| (k >> (64 - KEY_PART_BITS)) as usize;
    let run = |keys: &'k [u64]| {
        let a = keys.partition_point(|&k| part_of(k) < part);
        let b = keys.partition_point(|&k| part_of(k) <= part);
        &keys[a..b]
    };
    let total = (0..n).filter_map(keys_of).map(|k| run(k).len()).sum();
    v.clear();
    v.reserve_exact(total);
    for i in 0..n {
        if let Some(keys) = keys_of(i) {
            v.extend(run(keys).iter().map(|&s| (s, i as u32)));
        }
    }
    // (key, document) pairs are all distinct: any sort gives the same order
    rayon::slice::ParallelSliceMut::par_sort_unstable(&mut v[..]);
}

/// The document lists of an [`Index`] being built, key after key.
struct KeyLists {
    offsets: Vec<usize>,
    members: Vec<u32>,
    /// Entries per document (shifted by one, for the counting sort).
    per_doc: Vec<usize>,
}

impl KeyLists {
    /// Adds the lists of the keys of sorted (key, document) pairs held by 2 to `max_df`
    /// documents.
    fn add(&mut self, v: &[(u64, u32)], max_df: usize) {
        for list in v.chunk_by(|x, y| x.0 == y.0) {
            if (2..=max_df).contains(&list.len()) {
                for p in list {
                    self.members.push(p.1);
                    self.per_doc[p.1 as usize + 1] += 1;
                }
                self.offsets.push(self.members.len());
            }
        }
    }

    /// The index of `n` documents: the same entries also grouped by document (a counting sort).
    fn into_index(self, n: usize) -> Index {
        let KeyLists {
            offsets,
            members,
            mut per_doc,
        } = self;
        for i in 0..n {
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
        Index {
            members,
            offsets,
            doc_keys,
            doc_offsets: per_doc,
        }
    }
}

/// The key space of an [`Index`] is sorted in 2^KEY_PART_BITS parts.
const KEY_PART_BITS: u32 = 3;

/// An inverted index over one kind of key: for each document, the lists of documents sharing
/// each of its keys. Keys held by one document, or by more than `max_df` (boilerplate, or a
/// topic rather than a story), are left out.
struct Index {
    /// Documents holding each kept key, key after key (`offsets` delimits them).
    members: Vec<u32>,
    offsets: Vec<usize>,
    /// For each document, the keys (as positions in `offsets`) it holds.
    doc_keys: Vec<u32>,
    doc_offsets: Vec<usize>,
}

impl Index {
    fn new<'k>(n: usize, keys_of: impl Fn(usize) -> Option<&'k [u64]>, max_df: usize) -> Self {
        let mut lists = KeyLists {
            offsets: vec![0],
            members: Vec::new(),
            per_doc: vec![0usize; n + 1],
        };
        // Sorted (key, document) pairs, no allocation per key. The key space is taken in
        // KEY_PARTS parts by the keys' top bits (each document's sorted keys of one part are a
        // run), so the buffer of pairs, the stage's largest, holds one part at a time.
        let mut v: Vec<(u64, u32)> = Vec::new();
        for part in 0..1usize << KEY_PART_BITS {
            key_pairs_of_part(n, &keys_of, part, &mut v);
            lists.add(&v, max_df);
        }
        drop(v);
        lists.into_index(n)
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
    fn different_main_people_cost_a_pair_unless_a_figure_is_shared() {
        // each document names its own person six times and the other's once; both share
        // three topic words
        let make = |own: u32, other: u32, mentions: u16, numbers: Vec<u64>| {
            let mut p = Profile {
                terms: vec![(own, mentions), (other, 1), (7, 2), (8, 2), (9, 2)],
                names: vec![own, other],
                numbers,
                ..Default::default()
            };
            p.terms.sort_unstable();
            p.names.sort_unstable();
            p
        };
        let figure = vec![word_hash("23")];
        let pairs = [
            (make(1, 2, 6, vec![]), make(2, 1, 6, vec![])),
            (make(1, 2, 6, figure.clone()), make(2, 1, 6, figure)),
            (make(1, 2, 3, vec![]), make(2, 1, 3, vec![])),
        ];
        let scores: Vec<(bool, f32)> = pairs
            .iter()
            .map(|(p1, p2)| {
                let docs = [
                    StoryDoc {
                        source: "a",
                        date: "2025-02-27",
                        story: "",
                        profile: p1,
                    },
                    StoryDoc {
                        source: "b",
                        date: "2025-02-27",
                        story: "",
                        profile: p2,
                    },
                ];
                let ev = Evidence::new(&docs, Some(3));
                (ev.about_others(0, 1), ev.score(0, 1, 0, 0).score)
            })
            .collect();
        // about different people: the pair loses OTHER_PEOPLE
        assert!(scores[0].0);
        // the same pair giving one figure in common keeps it (and gains the number's weight)
        assert!(
            scores[1].1 >= scores[0].1 + OTHER_PEOPLE - 1e-6,
            "{scores:?}"
        );
        // three mentions do not make a main name: no penalty either
        assert!(!scores[2].0);
    }

    #[test]
    fn grouping_links_shared_passages_across_sources_only() {
        let text = "north korean troops were placed back in the frontline region of kursk starting in the first week of february after a lull";
        let other = "the city council approved a new budget for schools and roads on tuesday after a long debate about taxes and parking fees";
        let hashes = |t: &str| t.split_whitespace().map(word_hash).collect::<Vec<_>>();
        // the words of the shared text are the documents' content words too
        let mut p1 = profile(&hashes(&format!("{text} alpha")), &[], vec![]);
        p1.terms = vec![(1, 3), (2, 2), (3, 2), (4, 1)];
        let mut p2 = profile(&hashes(&format!("beta {text}")), &[], vec![]);
        p2.terms = vec![(1, 3), (2, 2), (3, 1), (5, 1)];
        let mut p3 = profile(&hashes(other), &[], vec![]);
        p3.terms = vec![(6, 2), (7, 2), (8, 1)];
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
        let g = group(&docs, Some(3)).story;
        assert_eq!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        // the same text in two documents of one source links nothing: alone they stay apart
        assert!(!Evidence::new(&docs, Some(3)).compatible(0, 3));
        let same_source = [docs[0].clone(), docs[3].clone()];
        let g = group(&same_source, Some(3)).story;
        assert_ne!(
            g[0], g[1],
            "one source's documents are not linked to each other"
        );
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
        let g = group(&far, Some(3)).story;
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
        assert_eq!(group(&given, None).story, vec![0, 0]);
    }

    /// A passage of `n` words, distinct for each `tag`.
    fn passage(tag: &str, n: usize) -> Vec<u64> {
        (0..n).map(|i| word_hash(&format!("{tag}{i}"))).collect()
    }

    /// A document's profile: the shingles of `words` and the content terms `terms`.
    fn report(words: &[u64], terms: &[(u32, u16)], opinion: bool) -> Profile {
        let mut p = profile(words, &[], vec![]);
        p.terms = terms.to_vec();
        p.opinion = opinion;
        p
    }

    fn doc<'a>(source: &'a str, date: &'a str, p: &'a Profile) -> StoryDoc<'a> {
        StoryDoc {
            source,
            date,
            story: "",
            profile: p,
        }
    }

    /// Two reports sharing a long passage and most of their words, and an unrelated third.
    struct Reuse {
        a: Profile,
        b: Profile,
        words_only: Profile,
        other: Profile,
    }

    fn reuse(b_opinion: bool) -> Reuse {
        let shared = passage("shared", 400);
        let with = |own: &str| [&shared[..], &passage(own, 50)].concat();
        let terms = |own: u32| [(1, 3), (2, 2), (3, 2), (own, 1)];
        Reuse {
            a: report(&with("a"), &terms(10), false),
            b: report(&with("b"), &terms(11), b_opinion),
            words_only: report(&passage("c", 450), &terms(12), b_opinion),
            other: report(&passage("o", 450), &[(20, 2), (21, 2), (22, 1)], false),
        }
    }

    #[test]
    fn an_opinion_piece_joins_a_story_by_shared_text_only() {
        let r = reuse(true);
        let docs = [
            doc("a", "2025-02-27", &r.a),
            doc("b", "2025-02-27", &r.b),
            doc("c", "2025-02-27", &r.words_only),
        ];
        let ev = Evidence::new(&docs, Some(3));
        // the opinion gate: words alone link an opinion piece to nothing
        assert_eq!(ev.score(0, 2, 0, 0).score, 0.0);
        let g = group(&docs, Some(3));
        assert_ne!(g.story[0], g.story[2], "words alone");
        assert_eq!(g.story[0], g.story[1], "a passage in common");
        assert!(g.link[1].evidence & by::PASSAGES != 0, "{:?}", g.link);
    }

    #[test]
    fn an_undated_document_among_dated_ones_joins_by_shared_text_only() {
        let r = reuse(false);
        let docs = [
            doc("a", "2025-02-27", &r.a),
            doc("b", "", &r.b),
            doc("c", "", &r.words_only),
            doc("d", "2025-02-27", &r.other),
            doc("e", "2025-02-28", &r.other),
        ];
        let g = group(&docs, Some(3));
        assert_ne!(g.story[0], g.story[2], "words alone");
        assert_eq!(g.story[0], g.story[1], "a passage in common");
    }

    #[test]
    fn the_story_window_bounds_reports_sharing_text() {
        let r = reuse(false);
        let at = |date_b| [doc("a", "2025-02-01", &r.a), doc("b", date_b, &r.b)];
        let together = |date_b, window| {
            let g = group(&at(date_b), window);
            g.story[0] == g.story[1]
        };
        assert!(together("2025-02-02", Some(3)));
        assert!(!together("2025-02-06", Some(3)), "out of the window");
        assert!(together("2025-02-06", Some(7)), "a wider window");
        assert!(!together("2025-03-06", Some(7)), "out of the wider window");
        assert!(together("2025-03-06", None), "no window");
    }

    #[test]
    fn undated_documents_do_not_bridge_dates_out_of_the_window() {
        let r = reuse(false);
        // a and c are of one source, so only the dates of the story as a whole keep them apart
        let docs = [
            doc("a", "2025-01-01", &r.a),
            doc("u", "", &r.b),
            doc("a", "2025-06-01", &r.a),
        ];
        let g = group(&docs, Some(3));
        assert_ne!(g.story[0], g.story[2], "{:?}", g.story);
    }

    #[test]
    fn stories_stop_at_max_story() {
        // MAX_STORY + 5 reports of one event, each sharing a passage with its neighbours (no
        // passage in more than 20, so the index keeps them all) and all their words
        let n = MAX_STORY + 5;
        let blocks: Vec<Vec<u64>> = (0..=n / 10 + 1)
            .map(|k| passage(&format!("p{k}_"), 100))
            .collect();
        let terms = [(1, 3), (2, 2), (3, 2)];
        let profiles: Vec<Profile> = (0..n)
            .map(|i| {
                report(
                    &[&blocks[i / 10][..], &blocks[i / 10 + 1][..]].concat(),
                    &terms,
                    false,
                )
            })
            .collect();
        let sources: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        let docs: Vec<StoryDoc> = (0..n)
            .map(|i| doc(&sources[i], "2025-02-27", &profiles[i]))
            .collect();
        let g = group(&docs, Some(3));
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for &s in &g.story {
            *sizes.entry(s).or_default() += 1;
        }
        assert_eq!(sizes.values().max(), Some(&MAX_STORY), "{sizes:?}");
    }

    #[test]
    fn facts_the_leads_disagree_on_count_against_a_link_and_say_so() {
        let terms = [(1, 3), (2, 3), (3, 3)];
        let mut sunday = report(&passage("s", 50), &terms, false);
        sunday.facts.lead_weekdays = 1 << 6;
        sunday.facts.weekdays = 1 << 6;
        let mut thursday = report(&passage("t", 50), &terms, false);
        thursday.facts.lead_weekdays = 1 << 3;
        thursday.facts.weekdays = 1 << 3;
        let plain = report(&passage("p", 50), &terms, false);
        let docs = [
            doc("a", "", &sunday),
            doc("b", "", &thursday),
            doc("c", "", &plain),
        ];
        let ev = Evidence::new(&docs, Some(3));
        let (against_, agreeing) = (ev.score(0, 1, 0, 0), ev.score(0, 2, 0, 0));
        assert!((agreeing.score - against_.score - CONFLICT).abs() < 1e-6);
        assert_eq!(against_.against, against::WEEKDAY);
        assert_eq!(against_.evidence_names(), "content;-weekday");
        assert_eq!(agreeing.against, 0);
    }

    #[test]
    fn a_recycled_quotation_is_background() {
        // same day, leads agreeing: a quotation in both is one event's
        assert!(!recycled_quotes(0, Some(10), Some(10), 0.1));
        // two days on with little else in common: a quotation of the earlier report
        assert!(recycled_quotes(0, Some(10), Some(12), 0.1));
        // two days on and the words agree: the quotation still counts
        assert!(!recycled_quotes(0, Some(10), Some(12), 0.5));
        // leads that disagree on a fact: background, whatever the day
        assert!(recycled_quotes(against::FIGURE, Some(10), Some(10), 0.5));
    }

    #[test]
    fn stories_with_their_own_participants_are_two_events() {
        // ten reports on one topic (stems 1-3), the first five about stem 10 (a name), the last
        // five about stem 20; stem 30 is a name all use
        let side = |own: u32| {
            let mut p = report(
                &passage(&format!("n{own}"), 50),
                &[(1, 3), (2, 3), (3, 3)],
                false,
            );
            p.terms.extend([(own, 3), (30, 3)]);
            p.terms.sort_unstable();
            p.names = vec![own, 30];
            p
        };
        let (ten, twenty) = (side(10), side(20));
        let mut mixed = side(20);
        mixed.terms.push((10, 1));
        mixed.terms.sort_unstable();
        mixed.names = vec![10, 20, 30];
        let sources: Vec<String> = (0..11).map(|i| format!("s{i}")).collect();
        let docs: Vec<StoryDoc> = (0..11)
            .map(|i| {
                let p = match i {
                    0..5 => &ten,
                    5..10 => &twenty,
                    _ => &mixed,
                };
                doc(&sources[i], "", p)
            })
            .collect();
        let ev = Evidence::new(&docs, Some(3));
        let (x, y): (Vec<u32>, Vec<u32>) = ((0..5).collect(), (5..10).collect());
        assert!(ev.other_participants(&x, &y));
        // a report of the other side naming the first's participant once: the past recalled
        // in passing (a boxer's earlier opponent), still two events
        let y_mixed: Vec<u32> = (6..11).collect();
        assert!(ev.other_participants(&x, &y_mixed));
        // naming it twice or more: a participant of both, no longer apart
        let mut twice = mixed.clone();
        twice
            .terms
            .iter_mut()
            .filter(|t| t.0 == 10)
            .for_each(|t| t.1 = 2);
        let docs_twice: Vec<StoryDoc> = (0..11)
            .map(|i| {
                doc(
                    &sources[i],
                    "",
                    if i == 10 { &twice } else { docs[i].profile },
                )
            })
            .collect();
        let ev = Evidence::new(&docs_twice, Some(3));
        assert!(!ev.other_participants(&x, &y_mixed));
        // stories too small to tell
        assert!(!ev.other_participants(&x[..4], &y[..4]));
    }

    #[test]
    fn stories_kept_apart_by_their_participants_say_so_in_linked_by() {
        // five reports about name 10 and five about name 20 (each named twice), sharing six
        // topic words and name 30; ten unrelated reports make the topic's words distinctive
        let side = |own: u32| {
            let mut terms: Vec<(u32, u16)> = (1..=6).map(|t| (t, 3)).collect();
            terms.extend([(own, 2), (30, 3)]);
            let mut p = report(&passage(&format!("n{own}"), 50), &terms, false);
            p.names = vec![own, 30];
            p
        };
        let (ten, twenty) = (side(10), side(20));
        let fillers: Vec<Profile> = (0..10)
            .map(|i| {
                report(
                    &passage(&format!("f{i}"), 50),
                    &[(100 + i, 3), (200 + i, 3)],
                    false,
                )
            })
            .collect();
        let sources: Vec<String> = (0..20).map(|i| format!("s{i}")).collect();
        let docs: Vec<StoryDoc> = (0..20)
            .map(|i| {
                let p = match i {
                    0..5 => &ten,
                    5..10 => &twenty,
                    _ => &fillers[i - 10],
                };
                doc(&sources[i], "", p)
            })
            .collect();
        let ev = Evidence::new(&docs, Some(3));
        assert!(ev.score(0, 5, 0, 0).score >= EDGE, "a link across the two");
        let g = group(&docs, Some(3));
        assert!(
            g.story[..5].iter().all(|&s| s == g.story[0]),
            "{:?}",
            g.story
        );
        assert!(
            g.story[5..10].iter().all(|&s| s == g.story[5]),
            "{:?}",
            g.story
        );
        assert_ne!(g.story[0], g.story[5]);
        let kept: Vec<String> = g.link.iter().map(Link::evidence_names).collect();
        assert!(
            kept[..10].iter().any(|k| k.ends_with(";-participants")),
            "{kept:?}"
        );
        assert!(
            kept[10..].iter().all(|k| !k.contains("participants")),
            "{kept:?}"
        );
    }

    #[test]
    fn storylines_join_stories_of_one_saga_within_its_days() {
        let edge = |a: u32, b: u32, saga: f32| Edge {
            link: Link::default(),
            saga,
            a,
            b,
        };
        // documents 0-1 story 0 (day 0), 2 story 1 (day 3), 3 story 2 (day 20), 4 story 3
        let story = [0, 0, 1, 2, 3];
        let days = [Some(0), Some(0), Some(3), Some(20), None];
        let saga = [edge(1, 2, 0.9), edge(2, 3, 0.8)];
        let lines = storylines(&story, &saga, &days);
        assert_eq!(lines[0], lines[1], "a follow-up three days on");
        assert_ne!(
            lines[1], lines[2],
            "past SAGA_DAYS from the line's first day"
        );
        assert_ne!(lines[3], lines[0], "no saga link");
        assert_eq!(lines, vec![0, 0, 1, 2]);
    }

    #[test]
    fn a_chain_of_links_does_not_glue_two_events() {
        // three reports of one event, three of another, and one piece that shares the words of
        // both: it joins one event, and does not glue the other to it
        let (one, two) = ([(1, 3), (2, 3), (3, 3)], [(4, 3), (5, 3), (6, 3)]);
        let both = [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3), (6, 3)];
        let own: Vec<Vec<u64>> = (0..7).map(|i| passage(&format!("own{i}_"), 100)).collect();
        let profiles: Vec<Profile> = (0..7)
            .map(|i| {
                let terms: &[(u32, u16)] = match i {
                    0..3 => &one,
                    3 => &both,
                    _ => &two,
                };
                report(&own[i], terms, false)
            })
            .collect();
        let sources: Vec<String> = (0..7).map(|i| format!("s{i}")).collect();
        let docs: Vec<StoryDoc> = (0..7)
            .map(|i| doc(&sources[i], "2025-02-27", &profiles[i]))
            .collect();
        let ev = Evidence::new(&docs, Some(3));
        assert!(ev.score(0, 3, 0, 0).score >= EDGE && ev.score(3, 4, 0, 0).score >= EDGE);
        assert!(ev.score(0, 4, 0, 0).score < AVERAGE);
        let g = group(&docs, Some(3)).story;
        assert!(
            g[0..3].iter().all(|&s| s == g[0]) && g[4..].iter().all(|&s| s == g[4]),
            "{g:?}"
        );
        assert_ne!(g[0], g[4], "{g:?}");
        assert!(g[3] == g[0] || g[3] == g[4], "{g:?}");
    }
}
