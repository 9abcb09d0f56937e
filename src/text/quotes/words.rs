//! The word lists the attribution rules read, each a small data table with the reason it exists.

/// A list of words with a set made of it the first time it is asked: the attribution rules test
/// every word of a window against lists of up to a hundred words. Most words asked are in no
/// list: a word longer or shorter than every word of the list, or whose first byte begins none,
/// is turned away before it is hashed or compared.
pub(super) struct Words {
    list: &'static [&'static str],
    index: std::sync::OnceLock<Index>,
}

/// A list's set, the first bytes its words begin with and the range of their lengths.
struct Index {
    set: ahash::AHashSet<&'static str>,
    first: [u64; 4],
    min_len: usize,
    max_len: usize,
}

impl Index {
    fn of(list: &[&'static str]) -> Self {
        let mut first = [0u64; 4];
        for w in list {
            if let Some(&b) = w.as_bytes().first() {
                first[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        Self {
            set: list.iter().copied().collect(),
            first,
            min_len: list.iter().map(|w| w.len()).min().unwrap_or(0),
            max_len: list.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }

    /// Whether `w` may be in the list: its length within the range, its first byte one of
    /// the list's.
    fn may_hold(&self, w: &str) -> bool {
        let ok_len = w.len() >= self.min_len && w.len() <= self.max_len;
        ok_len
            && w.as_bytes()
                .first()
                .is_some_and(|&b| self.first[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

impl Words {
    /// The list, its set not built yet.
    pub(super) const fn new(list: &'static [&'static str]) -> Self {
        Self {
            list,
            index: std::sync::OnceLock::new(),
        }
    }

    /// Whether `w` is in the list.
    pub(super) fn contains(&self, w: &str) -> bool {
        let index = self.index.get_or_init(|| Index::of(self.list));
        if !index.may_hold(w) {
            return false;
        }
        if self.list.len() <= 8 {
            return self.list.contains(&w);
        }
        index.set.contains(w)
    }
}

/// Words with which a writer distances the words in marks that follow them ("allegedly a
/// “Nazi”", "the so-called “experts”").
pub(super) static DISTANCING: Words = Words::new(&[
    "allegedly",
    "supposedly",
    "purportedly",
    "so-called",
    "self-described",
    "self-styled",
    "ostensibly",
]);

/// Words right before a short quote that make it a label, not speech ("a “special operation”").
pub(super) static SCARE_PRECEDERS: Words = Words::new(&[
    "a",
    "an",
    "the",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "these",
    "those",
    "so-called",
    "called",
    "dubbed",
    "termed",
    "labelled",
    "labeled",
    "branded",
    "as",
    "of",
    "what",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
]);

/// Lowercase words that may open a speaker phrase after a quote ("… ,” a source said", "… ,” two
/// officials said"); any capitalized word may too.
pub(super) static SPEAKER_OPENERS: Words = Words::new(&[
    "a",
    "an",
    "the",
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "his",
    "her",
    "their",
    "its",
    "my",
    "our",
    "one",
    "two",
    "three",
    "several",
    "many",
    "some",
    "officials",
    "sources",
    "people",
]);

/// Auxiliaries between a speaker and the cue ("the crowd was chanting", "she had said").
pub(super) static AUXILIARIES: Words = Words::new(&[
    "was", "were", "is", "are", "has", "have", "had", "been", "would", "will", "could", "later",
    "often", "also", "then", "once", "again", "earlier", "still", "never", "always", "just",
]);

/// Determiners: a cue word after one is a noun ("the claim"), not a verb of saying.
pub(super) static DETERMINERS: Words = Words::new(&[
    "a", "an", "the", "this", "that", "his", "her", "its", "their", "our",
]);

/// Words that stay lowercase in a title of a work ("The Lord of the Rings").
pub(super) static TITLE_SMALL_WORDS: Words = Words::new(&[
    "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with",
]);

/// Words that may stand between a cue and the quote it introduces ("said that", "told reporters").
pub(super) static BETWEEN_CUE_AND_QUOTE: Words = Words::new(&[
    "that",
    "reporters",
    "journalists",
    "me",
    "us",
    "him",
    "her",
    "them",
    "out",
    "today",
    "yesterday",
    "simply",
    "only",
    "then",
    "later",
    "once",
]);

/// Nouns that a quotation cited as words follows ("the word “collusion”", "the term “fake
/// news”"): mentioned, not said.
pub(super) static CITED_WORDS: Words = Words::new(&[
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "phrases",
    "expression",
    "slogan",
    "hashtag",
    "label",
    "moniker",
    "nickname",
    "epithet",
    "buzzword",
]);

/// Owners whose possessive names a work they air or publish ("the network's “Today”",
/// "the magazine's “Person of the Year”"), beside acronyms ("NBC's", "CNN's").
pub(super) static ORG_OWNERS: Words = Words::new(&[
    "network",
    "channel",
    "station",
    "show",
    "magazine",
    "newspaper",
    "paper",
    "publisher",
    "studio",
    "broadcaster",
    "netflix",
    "hbo",
    "fox",
    "msnbc",
    "cnn",
    "nbc",
    "abc",
    "cbs",
    "pbs",
    "npr",
    "bbc",
]);

pub(super) static TITLE_CUES: Words = Words::new(&[
    "titled",
    "entitled",
    "headlined",
    "film",
    "movie",
    "book",
    "song",
    "album",
    "novel",
    "show",
    "series",
    "episode",
    "article",
    "op-ed",
    "column",
    "essay",
    "play",
    "documentary",
    "poem",
    "podcast",
    "headline",
    "program",
    "programme",
]);

/// Verbs that name or characterize with someone's words ("called it “a hoax”", "what it termed a
/// “special operation”", "likened the rules to “burning the Constitution”").
pub(super) static NAMING_VERBS: Words = Words::new(&[
    "call",
    "calls",
    "called",
    "calling",
    "term",
    "terms",
    "termed",
    "terming",
    "dub",
    "dubs",
    "dubbed",
    "dubbing",
    "label",
    "labels",
    "labeled",
    "labelled",
    "labeling",
    "labelling",
    "brand",
    "brands",
    "branded",
    "branding",
    "describe",
    "describes",
    "described",
    "describing",
    "liken",
    "likens",
    "likened",
    "likening",
    "deride",
    "derides",
    "derided",
    "deriding",
    "decry",
    "decries",
    "decried",
    "decrying",
    "blast",
    "blasts",
    "blasted",
    "blasting",
    "praise",
    "praises",
    "praised",
    "praising",
    "promise",
    "promises",
    "promised",
    "promising",
    "vow",
    "vows",
    "vowed",
    "vowing",
    "pledge",
    "pledges",
    "pledged",
    "pledging",
    "thank",
    "thanks",
    "thanked",
    "thanking",
    "chant",
    "chants",
    "chanted",
    "chanting",
    "refer",
    "refers",
    "referred",
    "referring",
]);

/// Words that may stand between a subject and its verb ("Trump has long called", "he did
/// call").
pub(super) static BETWEEN_SUBJECT_AND_VERB: Words = Words::new(&[
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "also",
    "once",
    "often",
    "repeatedly",
    "later",
    "then",
    "previously",
    "since",
    "long",
    "even",
    "publicly",
    "privately",
    "again",
]);

/// Sentence adverbs and conjunctions capitalized at a sentence's start, never part of a name.
pub(super) static NOT_NAME_OPENERS: Words = Words::new(&[
    "even", "often", "amid", "also", "but", "and", "then", "so", "now", "still", "yet", "however",
    "when", "while", "after", "before", "as", "in", "on", "at", "for", "with", "though",
    "although", "because", "since", "if", "claim", "what", "which", "neither", "either", "both",
]);
/// Words that open a clause before a sentence's subject ("During the debate, Trump said"; "When I
/// asked him, he said"): the subject is looked for after the comma that closes the clause.
pub(super) static CLAUSE_OPENERS: Words = Words::new(&[
    "during",
    "later",
    "after",
    "when",
    "while",
    "as",
    "in",
    "on",
    "at",
    "last",
    "earlier",
    "since",
    "before",
    "following",
    "despite",
    "with",
    "if",
    "although",
    "though",
    "once",
    "for",
    "by",
    "meanwhile",
    "speaking",
    "asked",
    "yesterday",
    "today",
    "now",
    "still",
    "instead",
]);

/// Words that open a clause right after a quotation ("“…” with the number of cases rising, …"):
/// the words after the quote are then no speaker set off by a comma.
pub(super) static CLAUSE_PREPOSITIONS: Words = Words::new(&[
    "with",
    "as",
    "in",
    "on",
    "at",
    "for",
    "after",
    "before",
    "while",
    "when",
    "and",
    "but",
    "from",
    "by",
    "to",
    "of",
    "since",
    "until",
    "than",
    "like",
    "under",
    "over",
    "about",
    "against",
    "during",
    "without",
    "despite",
    "including",
    "among",
    "between",
    "into",
    "through",
    "amid",
]);

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn a_word_list_holds_its_words_and_no_other() {
        static SHORT: Words = Words::new(&["a", "an", "the"]);
        static LONG: Words = Words::new(&[
            "said", "says", "told", "added", "noted", "wrote", "asked", "é", "x",
        ]);
        for w in ["a", "an", "the"] {
            assert!(SHORT.contains(w), "{w}");
        }
        for w in ["", "b", "then", "thee", "A"] {
            assert!(!SHORT.contains(w), "{w}");
        }
        for w in ["said", "noted", "é", "x"] {
            assert!(LONG.contains(w), "{w}");
        }
        for w in ["", "sa", "sai", "saidx", "y", "è", "asks"] {
            assert!(!LONG.contains(w), "{w}");
        }
    }
}
