//! A source's own name among its distinctive terms: "cnn" is CNN's most over-used word because
//! CNN writes its name, not because of what it reports. The words of a group's label are that
//! group's own name; the keyness chart and the explorer leave them out or mark them
//! (`--own-names drop|mark|keep`). terms.csv keeps every term as counted.

use crate::text::tokenize::{normalize, Normalizer};
use std::collections::{HashMap, HashSet};

/// What the report does with a group's own name among its distinctive terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnNameMode {
    /// Left out of the keyness chart (the explorer marks them).
    Drop,
    /// Shown, marked with `*` and a note.
    Mark,
    /// Shown as any other term.
    Keep,
}

/// The `--own-names` values, with their modes.
pub const OWN_NAME_MODES: [(&str, OwnNameMode); 3] = [
    ("drop", OwnNameMode::Drop),
    ("mark", OwnNameMode::Mark),
    ("keep", OwnNameMode::Keep),
];

impl OwnNameMode {
    /// The mode an `--own-names` value names, if any.
    pub fn parse(s: &str) -> Option<OwnNameMode> {
        let s = s.trim().to_ascii_lowercase();
        OWN_NAME_MODES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, m)| *m)
    }
}

/// The words of one label, as written (lowercased) and as stems.
#[derive(Debug, Clone, Default)]
pub struct OwnWords {
    words: HashSet<String>,
    stems: HashSet<String>,
}

impl OwnWords {
    /// The words of a label: its runs of letters and digits, lowercased, and their stems.
    pub fn of(label: &str, normalizer: &Normalizer) -> OwnWords {
        let words = label_words(label);
        let stems = words.iter().map(|w| normalizer.stem(w)).collect();
        OwnWords { words, stems }
    }

    /// Whether a term (its stem, or its written form) is one of the label's words.
    pub fn matches(&self, stem: &str, surface: &str) -> bool {
        self.stems.contains(stem) || self.words.contains(&normalize(surface))
    }
}

/// A label's runs of letters and digits, normalized.
fn label_words(label: &str) -> HashSet<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect()
}

/// The own-name words of every group, and the mode in use.
#[derive(Debug, Clone)]
pub struct OwnNames {
    /// The mode in use.
    pub mode: OwnNameMode,
    by_group: HashMap<String, OwnWords>,
    none: OwnWords,
}

impl OwnNames {
    /// The words of each group's label.
    pub fn new<'a>(
        mode: OwnNameMode,
        groups: impl IntoIterator<Item = &'a str>,
        normalizer: &Normalizer,
    ) -> OwnNames {
        let by_group = groups
            .into_iter()
            .map(|g| (g.to_string(), OwnWords::of(g, normalizer)))
            .collect();
        OwnNames {
            mode,
            by_group,
            none: OwnWords::default(),
        }
    }

    /// The words of a group's label (none for a group not known).
    pub fn words_of(&self, group: &str) -> &OwnWords {
        self.by_group.get(group).unwrap_or(&self.none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::NormalizerOptions;

    fn words(label: &str) -> OwnWords {
        OwnWords::of(
            label,
            &Normalizer::new(&NormalizerOptions::default()).unwrap(),
        )
    }

    #[test]
    fn a_label_names_its_own_words_and_their_stems() {
        let w = words("CNN (Web News)");
        assert!(w.matches("cnn", "cnn"));
        assert!(w.matches("news", "News"));
        assert!(!w.matches("trump", "Trump"));
        // a stem of a label word, written otherwise
        assert!(words("Reuters").matches("reuter", "Reuters'"));
    }

    #[test]
    fn modes_parse_and_unknown_is_refused() {
        assert_eq!(OwnNameMode::parse("Drop"), Some(OwnNameMode::Drop));
        assert_eq!(OwnNameMode::parse("mark"), Some(OwnNameMode::Mark));
        assert_eq!(OwnNameMode::parse("hide"), None);
    }
}
