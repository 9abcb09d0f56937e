//! Stemmers of the packs that have no Snowball algorithm: Ukrainian (suffix rules after the
//! first vowel, in the manner of Snowball's Russian) and Korean (particles and endings stripped
//! from each eojeol). Neither needs a dictionary, so nothing is downloaded or bundled.

/// Ukrainian vowels (the stem region begins after the first).
const UK_VOWELS: &[char] = &['а', 'е', 'є', 'и', 'і', 'ї', 'о', 'у', 'ю', 'я'];

/// Reflexive endings, stripped first.
const UK_REFLEXIVE: &[&str] = &["ся", "сь", "ті"];

/// Inflectional endings of adjectives, participles, verbs and nouns, tried longest first.
const UK_ENDINGS: &[&str] = &[
    // adjectives and participles
    "ими",
    "іми",
    "ого",
    "ому",
    "ої",
    "ій",
    "ий",
    "их",
    "іх",
    "им",
    "ім",
    "ою",
    "ею",
    "єю",
    "ая",
    "яя",
    "ое",
    "ее",
    "ого",
    "ього",
    "ьому",
    // verbs
    "ував",
    "ював",
    "ували",
    "ювали",
    "ати",
    "яти",
    "ити",
    "іти",
    "ать",
    "ять",
    "ють",
    "уть",
    "ить",
    "іть",
    "ала",
    "ила",
    "іла",
    "яла",
    "али",
    "или",
    "іли",
    "яли",
    "ало",
    "ило",
    "ав",
    "ив",
    "ів",
    "ємо",
    "имо",
    "ете",
    "ите",
    "ить",
    "учи",
    "ючи",
    "ячи",
    "вши",
    "ши",
    "ме",
    "ла",
    "ли",
    "ло",
    // nouns
    "ями",
    "ами",
    "ові",
    "еві",
    "ові",
    "ях",
    "ах",
    "ям",
    "ам",
    "ом",
    "ем",
    "єм",
    "ей",
    "ой",
    "ів",
    "їв",
    "ю",
    "я",
    "а",
    "е",
    "є",
    "и",
    "і",
    "ї",
    "о",
    "у",
    "й",
    "ь",
];

/// The Ukrainian stem of a lowercased word: its reflexive ending, then its longest inflectional
/// ending (within the region after the first vowel, leaving two letters there), then a soft sign.
pub fn ukrainian(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let Some(first_vowel) = chars.iter().position(|c| UK_VOWELS.contains(c)) else {
        return word.to_string();
    };
    let w = UkWord {
        rv: first_vowel + 1,
        chars,
    };
    w.chars[..w.stem_end()].iter().collect()
}

/// A Ukrainian word being stemmed.
struct UkWord {
    chars: Vec<char>,
    /// Start of the region endings are taken from: after the first vowel.
    rv: usize,
}

impl UkWord {
    /// The length of the stem: the word without its reflexive ending, its longest inflectional
    /// ending (leaving two letters in the region) and a soft sign.
    fn stem_end(&self) -> usize {
        let (rv, mut end) = (self.rv, self.chars.len());
        if let Some(n) = UK_REFLEXIVE.iter().find_map(|s| self.ending(end, s)) {
            end -= n;
        }
        let longest = UK_ENDINGS
            .iter()
            .filter_map(|s| self.ending(end, s))
            .max()
            .unwrap_or(0);
        if end - longest >= rv + 1 {
            end -= longest;
        }
        if end > rv + 1 && self.chars[end - 1] == 'ь' {
            end -= 1;
        }
        end
    }

    /// The length of `suf` (in letters) when the word's first `end` letters end with it inside
    /// the region.
    fn ending(&self, end: usize, suf: &str) -> Option<usize> {
        let s: Vec<char> = suf.chars().collect();
        (end >= self.rv + s.len() && self.chars[end - s.len()..end] == s[..]).then_some(s.len())
    }
}

/// Korean particles (josa) and common verbal endings, tried longest first.
const KO_ENDINGS: &[&str] = &[
    "에서부터",
    "으로부터",
    "이라고",
    "에서는",
    "에게서",
    "으로서",
    "으로써",
    "으로는",
    "에서도",
    "에게는",
    "이라는",
    "했으며",
    "됐으며",
    "하면서",
    "에서",
    "에게",
    "까지",
    "부터",
    "으로",
    "라고",
    "라는",
    "이다",
    "였다",
    "했다",
    "한다",
    "하는",
    "하고",
    "하며",
    "해서",
    "했던",
    "된다",
    "됐다",
    "되는",
    "이며",
    "께서",
    "한테",
    "처럼",
    "보다",
    "에는",
    "과는",
    "와는",
    "들은",
    "들이",
    "들을",
    "들의",
    "들과",
    "들도",
    "와",
    "과",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "도",
    "만",
    "들",
];

/// Whether `c` is a Hangul syllable.
fn hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The Korean stem of an eojeol: its particle or ending stripped (twice, for a plural and its
/// particle: 연구원들은 → 연구원), leaving at least one letter or digit; words not ending in
/// Hangul unchanged.
pub fn korean(word: &str) -> String {
    let mut w = word;
    for _ in 0..2 {
        let Some(cut) = strip_korean_ending(w) else {
            break;
        };
        w = cut;
    }
    w.to_string()
}

/// `w` without its particle or ending, when it ends in Hangul and a letter or digit is left.
fn strip_korean_ending(w: &str) -> Option<&str> {
    if !w.chars().last().is_some_and(hangul) {
        return None;
    }
    KO_ENDINGS.iter().find_map(|e| {
        w.strip_suffix(e)
            .filter(|rest| rest.chars().last().is_some_and(char::is_alphanumeric))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_inflections_share_a_stem() {
        for group in [
            &["війська", "військо", "військом", "військами"][..],
            &["заявив", "заявила", "заявили"][..],
            &["президента", "президентом", "президенту", "президент"][..],
            &["української", "українська", "українські"][..],
        ] {
            let stems: Vec<String> = group.iter().map(|w| ukrainian(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{group:?} → {stems:?}"
            );
        }
        assert_eq!(ukrainian("і"), "і");
        assert_eq!(ukrainian("nato"), "nato");
    }

    #[test]
    fn korean_particles_are_stripped() {
        assert_eq!(korean("연구원들은"), "연구원");
        assert_eq!(korean("북한이"), "북한");
        assert_eq!(korean("소식통에서"), "소식통");
        assert_eq!(korean("연구를"), "연구");
        assert_eq!(korean("연구"), "연구");
        assert_eq!(korean("는"), "는");
        assert_eq!(korean("IBS가"), "IBS");
        assert_eq!(korean("Ukraine"), "Ukraine");
    }
}
