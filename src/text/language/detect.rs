//! `--language auto`: each document's language, told by its script and letter trigrams
//! (`whatlang`), among the languages hedgerow has rules for: English and the packs.

use std::sync::OnceLock;
use whatlang::{Detector, Lang};

/// Bytes of a text read to tell its language: enough for a stable guess, cheap on long texts.
const SAMPLE_BYTES: usize = 4096;

/// The languages told apart, as `whatlang` names them and as hedgerow does (ISO 639-1).
const KNOWN: &[(Lang, &str)] = &[
    (Lang::Eng, "en"),
    (Lang::Deu, "de"),
    (Lang::Fra, "fr"),
    (Lang::Spa, "es"),
    (Lang::Rus, "ru"),
    (Lang::Ukr, "uk"),
    (Lang::Kor, "ko"),
];

/// The ISO 639-1 code of the language of `text` among English and the languages with a pack;
/// `fallback` when the text has too few letters to tell.
pub fn detect(text: &str, fallback: &'static str) -> &'static str {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    let d = DETECTOR.get_or_init(|| Detector::with_allowlist(KNOWN.iter().map(|k| k.0).collect()));
    let sample = &text[..floor_char_boundary(text, SAMPLE_BYTES)];
    d.detect_lang(sample)
        .and_then(|l| KNOWN.iter().find(|k| k.0 == l))
        .map_or(fallback, |k| k.1)
}

/// The largest char boundary of `s` at most `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// Every code [`detect`] may return.
pub fn codes() -> impl Iterator<Item = &'static str> {
    KNOWN.iter().map(|k| k.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_sentences_are_told_apart() {
        let cases = [
            ("en", "North Korea has sent thousands of troops to Russia, South Korean intelligence said on Friday."),
            ("de", "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes Tausende Soldaten nach Russland geschickt."),
            ("fr", "La Corée du Nord aurait envoyé des milliers de soldats en Russie, selon les services de renseignement sud-coréens."),
            ("es", "Corea del Norte habría enviado miles de soldados a Rusia, según los servicios de inteligencia surcoreanos."),
            ("ru", "Северная Корея якобы отправила в Россию тысячи военных, сообщила южнокорейская разведка."),
            ("uk", "Північна Корея нібито відправила до Росії тисячі військових, повідомила південнокорейська розвідка."),
            ("ko", "국가정보원은 북한이 러시아에 수천 명의 병력을 파병한 것으로 알려졌다고 밝혔다."),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text, "en"), want, "{text}");
        }
    }

    #[test]
    fn too_little_text_gives_the_fallback() {
        assert_eq!(detect("", "en"), "en");
        assert_eq!(detect("12 345 — 2024", "de"), "de");
    }

    #[test]
    fn a_long_text_is_cut_at_a_char_boundary() {
        let text = "é".repeat(5000) + " Северная Корея";
        assert_eq!(floor_char_boundary(&text, SAMPLE_BYTES) % 2, 0);
        let _ = detect(&text, "en");
    }
}
