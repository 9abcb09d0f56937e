//! Who each source lets speak: counts of direct quotations per (source, speaker), taken while
//! counting and summed when workers merge, so speakers.csv merges across shards too.

use crate::text::quotes::{Quote, SpeakerType};
use ahash::AHashMap as HashMap;

/// Speaker types counted, in table order (a speaker never resolved is left out).
pub const SPEAKER_TYPES: [SpeakerType; 4] = [
    SpeakerType::Named,
    SpeakerType::Role,
    SpeakerType::Organisation,
    SpeakerType::Anonymous,
];

/// A speaker's direct quotations and indirect attributions in one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpeakerCounts {
    /// Direct quotations.
    pub n_quotes: u64,
    /// Indirect and mixed attributions (reported speech, see
    /// [`crate::text::quotes::find_indirect`]).
    #[serde(default)]
    pub n_indirect: u64,
    /// Documents quoting the speaker.
    pub n_docs: u64,
    /// Tokens inside those quotations.
    pub quoted_tokens: u64,
    /// Quotations by speaker type (see [`SPEAKER_TYPES`]): the type shown is the commonest.
    pub types: [u64; 4],
    /// Input order of the first and last document quoting the speaker.
    pub first_seq: u64,
    /// See `first_seq`.
    pub last_seq: u64,
}

impl SpeakerCounts {
    /// The commonest type (ties: the earlier in [`SPEAKER_TYPES`]).
    pub fn speaker_type(&self) -> SpeakerType {
        let t = &self.types;
        let best = (1..t.len()).fold(0, |best, i| if t[i] > t[best] { i } else { best });
        SPEAKER_TYPES[best]
    }

    /// Counts one quotation or attribution of the speaker.
    fn count(&mut self, q: &Quoted) {
        if q.indirect {
            self.n_indirect += 1;
        } else {
            self.n_quotes += 1;
            self.quoted_tokens += q.tokens;
        }
        self.types[q.type_index] += 1;
    }

    /// Adds another count of the same speaker.
    pub fn add(&mut self, o: &SpeakerCounts) {
        if self.n_quotes + self.n_indirect == 0 {
            self.first_seq = o.first_seq;
            self.last_seq = o.last_seq;
        }
        self.first_seq = self.first_seq.min(o.first_seq);
        self.last_seq = self.last_seq.max(o.last_seq);
        self.n_quotes += o.n_quotes;
        self.n_indirect += o.n_indirect;
        self.n_docs += o.n_docs;
        self.quoted_tokens += o.quoted_tokens;
        for (a, b) in self.types.iter_mut().zip(o.types) {
            *a += b;
        }
    }
}

/// Per source, per speaker (the name it resolves to within its document).
pub type Speakers = HashMap<String, HashMap<String, SpeakerCounts>>;

/// The speaker a direct quotation or an indirect (or mixed) attribution is counted under, with
/// its type index: the resolved name (else the name as written); none for a quotation of another
/// kind or whose speaker is unknown.
pub fn speaker_of(q: &Quote) -> Option<(&str, usize)> {
    let ty = SPEAKER_TYPES.iter().position(|t| *t == q.speaker_type)?;
    let name = if q.speaker_resolved.is_empty() {
        q.speaker.as_str()
    } else {
        q.speaker_resolved.as_str()
    };
    use crate::text::quotes::Kind;
    let counted = matches!(q.kind, Kind::Direct | Kind::Indirect | Kind::Mixed);
    (counted && !name.is_empty()).then_some((name, ty))
}

/// One direct quotation of a document, as speakers are counted.
#[derive(Debug, Clone)]
pub struct Quoted {
    /// The speaker (see [`speaker_of`]).
    pub name: String,
    /// Index of the speaker's type in [`SPEAKER_TYPES`].
    pub type_index: usize,
    /// Tokens inside the quotation.
    pub tokens: u64,
    /// An indirect or mixed attribution, not a direct quotation.
    pub indirect: bool,
}

/// Adds one document's speakers to its source's counts.
pub fn add_document(speakers: &mut Speakers, source: &str, seq: u64, quoted: &[Quoted]) {
    if quoted.is_empty() {
        return;
    }
    let src = match speakers.get_mut(source) {
        Some(s) => s,
        None => speakers.entry(source.to_string()).or_default(),
    };
    for (name, c) in document_counts(seq, quoted) {
        match src.get_mut(name) {
            Some(e) => e.add(&c),
            None => {
                src.insert(name.to_string(), c);
            }
        }
    }
}

/// The counts of a document's speakers (its input order `seq`), by name.
fn document_counts(seq: u64, quoted: &[Quoted]) -> HashMap<&str, SpeakerCounts> {
    let mut doc: HashMap<&str, SpeakerCounts> = HashMap::new();
    for q in quoted {
        let c = doc.entry(q.name.as_str()).or_insert_with(|| SpeakerCounts {
            n_docs: 1,
            first_seq: seq,
            last_seq: seq,
            ..Default::default()
        });
        c.count(q);
    }
    doc
}

/// Folds another worker's speaker counts into `into`.
pub fn merge(into: &mut Speakers, other: Speakers) {
    for (source, names) in other {
        let src = into.entry(source).or_default();
        for (name, c) in names {
            src.entry(name).or_default().add(&c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(name: &str, type_index: usize, tokens: u64) -> Quoted {
        Quoted {
            name: name.into(),
            type_index,
            tokens,
            indirect: false,
        }
    }

    #[test]
    fn counts_per_document_and_merge() {
        let mut a = Speakers::new();
        let doc = [
            quoted("Ann Lee", 0, 5),
            quoted("Ann Lee", 0, 7),
            quoted("the NIS", 2, 4),
        ];
        add_document(&mut a, "s", 3, &doc);
        let mut b = Speakers::new();
        add_document(&mut b, "s", 1, &[quoted("Ann Lee", 1, 2)]);
        add_document(&mut b, "t", 2, &[quoted("Ann Lee", 0, 2)]);
        merge(&mut a, b);
        let ann = &a["s"]["Ann Lee"];
        assert_eq!((ann.n_quotes, ann.n_docs, ann.quoted_tokens), (3, 2, 14));
        assert_eq!((ann.first_seq, ann.last_seq), (1, 3));
        assert_eq!(ann.speaker_type(), SpeakerType::Named);
        assert_eq!(a["t"]["Ann Lee"].n_docs, 1);
        assert_eq!(a["s"]["the NIS"].speaker_type(), SpeakerType::Organisation);
    }

    #[test]
    fn indirect_attributions_count_apart_from_direct_quotations() {
        let mut a = Speakers::new();
        let said = Quoted {
            indirect: true,
            ..quoted("Ann Lee", 0, 9)
        };
        add_document(&mut a, "s", 1, &[quoted("Ann Lee", 0, 5), said.clone()]);
        add_document(&mut a, "s", 2, &[said]);
        let ann = &a["s"]["Ann Lee"];
        assert_eq!((ann.n_quotes, ann.n_indirect, ann.n_docs), (1, 2, 2));
        assert_eq!(ann.quoted_tokens, 5, "reported words are no quoted tokens");
        assert_eq!((ann.first_seq, ann.last_seq), (1, 2));
    }
}
