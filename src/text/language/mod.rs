//! Language packs: per language, the hedge lexicon, the reporting verbs and the rules of its
//! writing (sentence abbreviations, ordinals, elisions, stopword additions, quotation marks,
//! dash-introduced speech), kept as data in `data/languages/<code>/` and embedded in the binary.
//! English keeps its lists in `data/lexicons/` and has no pack: with no pack, every stage behaves
//! as before packs existed.

pub mod detect;
#[cfg(test)]
mod fr_es_tests;
mod sentences;
pub mod stem;

pub use sentences::{join_sentences, split_elisions};

use std::sync::OnceLock;

/// The embedded files of one pack.
struct Embedded {
    code: &'static str,
    pack: &'static str,
    hedges: &'static str,
    cues: &'static str,
}

macro_rules! embedded {
    ($code:literal) => {
        Embedded {
            code: $code,
            pack: include_str!(concat!("../../../data/languages/", $code, "/pack.toml")),
            hedges: include_str!(concat!("../../../data/languages/", $code, "/hedges.csv")),
            cues: include_str!(concat!("../../../data/languages/", $code, "/cues.csv")),
        }
    };
}

/// Every built-in pack.
static EMBEDDED: &[Embedded] = &[
    embedded!("de"),
    embedded!("fr"),
    embedded!("es"),
    embedded!("ru"),
    embedded!("uk"),
    embedded!("ko"),
];

/// Sentence rules of a language.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SentenceRules {
    /// Words (lowercase, without their full stop) after which a full stop never ends a sentence.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// A number's full stop before a lowercase word or a month is an ordinal's ("am 7. Juli").
    #[serde(default)]
    pub ordinals: bool,
    /// Month names (lowercase) that follow ordinals.
    #[serde(default)]
    pub months: Vec<String>,
}

/// Word rules of a language.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct WordRules {
    /// Elided words written with an apostrophe onto the next ("l", "d", "qu"): split off as
    /// tokens of their own ("l'", "afp").
    #[serde(default)]
    pub elisions: Vec<String>,
    /// Stopwords added to the built-in list of the language.
    #[serde(default)]
    pub stopwords: Vec<String>,
}

/// How a language writes quotations.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct QuoteStyle {
    /// Opening and closing marks that pair (`["»", "«"]` in German books and magazines).
    pub pairs: Vec<[String; 2]>,
    /// A paragraph opening with a dash is speech ("— Мы готовы, — сказал он.").
    #[serde(default)]
    pub dash_speech: bool,
    /// Short capitalized quoted words are names ("«Интерфакс»", "« Le Monde »"), not scare
    /// quotes.
    #[serde(default)]
    pub names_in_quotes: bool,
    /// Speech may stand without marks (corpora that stripped them, as 10kGNAD did): a sentence's
    /// words before ", sagte X" / ", so X" are a quotation.
    #[serde(default)]
    pub unmarked_speech: bool,
    /// Verb forms of reported speech (German Konjunktiv I: "sei", "habe", "könne"): unmarked
    /// speech holding one and no first-person word is indirect.
    #[serde(default)]
    pub reported_forms: Vec<String>,
    /// First-person words ("ich", "wir", "uns"): unmarked speech holding one is the speaker's
    /// own words.
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Speech is broken by its reporting clause between dashes ("«Мы готовы, — сказал он. — Но
    /// не сейчас»", "— Мы готовы, — сказал он. — Но…"): the clause is cut out, the parts are
    /// quotations of their own.
    #[serde(default)]
    pub interrupted_speech: bool,
    /// Turns under a speaker heading ("Анна Иванова (продюсер):" then paragraphs of speech, as
    /// in transcripts and oral histories) are quotations of the heading's name.
    #[serde(default)]
    pub speaker_headings: bool,
}

/// Words the attribution rules of a language need to read a speaker.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SpeakerRules {
    /// Words that end a speaker's phrase read after a cue (prepositions, time words).
    #[serde(default)]
    pub stop: Vec<String>,
    /// Leading words dropped from a speaker (articles).
    #[serde(default)]
    pub articles: Vec<String>,
    /// Pronouns: a speaker of their own only through the speaker before.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Words that make a speaker an organisation.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Words that name the speaker without a verb after a quote and a comma ("„…“, so X",
    /// "selon X", "по словам X").
    #[serde(default)]
    pub speaker_markers: Vec<String>,
    /// A dropped subject ("«…», dijo.") is the last person named in the narration since the
    /// last attribution, before the last speaker quoted.
    #[serde(default)]
    pub narrated_speakers: bool,
    /// A speaker written as a role without a name after its cue ("— …, — заявил египетский
    /// президент") is the name written after that role earlier ("президент Египта Мухаммед
    /// Мурси"), else the role itself (an anonymous source).
    #[serde(default)]
    pub role_antecedents: bool,
    /// Prepositions that open the place of an impersonal cue ("говорится в сообщении",
    /// "сообщили в пресс-службе", "проинформировали в Минобороны"): the source is the name
    /// after the preposition, else the source the narration named with a cue before.
    #[serde(default)]
    pub source_prepositions: Vec<String>,
}

/// A language pack.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Pack {
    /// English name of the language ("german").
    pub name: String,
    /// ISO 639-1 code ("de").
    pub code: String,
    /// Stemmer: a Snowball algorithm's name, or `ukrainian` / `korean` (this crate's rules).
    pub stemmer: String,
    /// Nouns are capitalized: a capital letter does not make a name (German).
    #[serde(default)]
    pub capitalized_nouns: bool,
    /// The script has no case: names are found without capitals (Korean).
    #[serde(default)]
    pub caseless: bool,
    /// Sentence rules.
    #[serde(default)]
    pub sentences: SentenceRules,
    /// Word rules.
    #[serde(default)]
    pub words: WordRules,
    /// Quotation marks and speech.
    pub quotes: QuoteStyle,
    /// Speaker words.
    #[serde(default)]
    pub speakers: SpeakerRules,
    /// The hedge lexicon (CSV like `data/lexicons/hedges_en.csv`).
    #[serde(skip)]
    pub hedges_csv: &'static str,
    /// The reporting verbs (CSV like `data/lexicons/cues_en.csv`).
    #[serde(skip)]
    pub cues_csv: &'static str,
}

impl Pack {
    /// Whether capitals mark names in this language (not where nouns are capitalized or
    /// letters have no case).
    pub fn capitals_mark_names(&self) -> bool {
        !(self.capitalized_nouns || self.caseless)
    }

    /// Where the pack's files are in the source tree (for error messages).
    pub fn folder(&self) -> String {
        format!("data/languages/{}", self.code)
    }
}

static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();

/// Every built-in pack, parsed once.
pub fn packs() -> &'static [Pack] {
    PACKS.get_or_init(|| {
        EMBEDDED
            .iter()
            .map(|e| {
                // the embedded files are tested: a failure is a build defect, not user input
                parse_pack(e.code, e.pack, e.hedges, e.cues).unwrap_or_else(|err| panic!("{err}"))
            })
            .collect()
    })
}

/// A pack from its three files' texts.
fn parse_pack(
    code: &str,
    pack: &str,
    hedges: &'static str,
    cues: &'static str,
) -> Result<Pack, String> {
    let mut p: Pack =
        toml::from_str(pack).map_err(|err| format!("data/languages/{code}/pack.toml: {err}"))?;
    p.hedges_csv = hedges;
    p.cues_csv = cues;
    Ok(p)
}

/// For developing a pack without rebuilding: the packs read from `root/<code>/` (pack.toml,
/// hedges.csv, cues.csv) instead of the embedded ones, for the rest of the process. Must be
/// called before any pack is used; the evaluation examples call it for `--packs DIR`.
pub fn use_pack_folder(root: &std::path::Path) -> Result<(), String> {
    let out = EMBEDDED
        .iter()
        .map(|e| read_pack(root, e.code))
        .collect::<Result<Vec<_>, _>>()?;
    PACKS
        .set(out)
        .map_err(|_| "the packs were used before --packs was read".to_string())
}

/// The pack of language `code` read from `root/<code>/`.
fn read_pack(root: &std::path::Path, code: &str) -> Result<Pack, String> {
    let read = |name: &str| -> Result<&'static str, String> {
        let f = root.join(code).join(name);
        let s = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        Ok(Box::leak(s.into_boxed_str()))
    };
    parse_pack(
        code,
        read("pack.toml")?,
        read("hedges.csv")?,
        read("cues.csv")?,
    )
}

/// The pack of a language given by name or ISO code ("german", "de"), if there is one.
pub fn pack(language: &str) -> Option<&'static Pack> {
    let l = language.to_ascii_lowercase();
    packs().iter().find(|p| p.code == l || p.name == l)
}

#[cfg(test)]
mod tests_ru_uk;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::hedges::{Lexicon, BUILTIN_CATEGORIES};
    use crate::text::quotes::Cues;
    use std::path::Path;

    #[test]
    fn every_pack_parses_with_its_lists() {
        assert_eq!(packs().len(), EMBEDDED.len());
        for p in packs() {
            let lex = Lexicon::from_csv_str(p.hedges_csv, Path::new(&p.folder()))
                .unwrap_or_else(|e| panic!("{}: {e}", p.code));
            for c in &lex.categories {
                assert!(
                    BUILTIN_CATEGORIES.contains(&c.as_str()),
                    "{}: category {c} is not one of English's",
                    p.code
                );
            }
            let cues = Cues::from_csv(p.cues_csv).unwrap_or_else(|e| panic!("{}: {e:?}", p.code));
            assert!(!cues.is_empty(), "{}", p.code);
            assert!(!p.quotes.pairs.is_empty(), "{}", p.code);
        }
    }

    #[test]
    fn packs_are_found_by_name_and_code() {
        assert_eq!(pack("DE").map(|p| p.name.as_str()), Some("german"));
        assert_eq!(pack("korean").map(|p| p.code.as_str()), Some("ko"));
        assert!(pack("english").is_none() && pack("en").is_none());
        assert!(!pack("de").unwrap().capitals_mark_names());
        assert!(!pack("ko").unwrap().capitals_mark_names());
        assert!(pack("fr").unwrap().capitals_mark_names());
    }

    /// German constructions of the pack's hedges: (code, sentence, must match, must not match).
    #[allow(clippy::type_complexity)]
    const GERMAN_CONSTRUCTIONS: &[(&str, &str, &[&str], &[&str])] = &[
        // Konjunktiv I of any common verb; "ich gebe" is the indicative
        (
            "de",
            "Der Bürgermeister sagte, es gebe keine Lösung, und die Stadt brauche Geld.",
            &["gebe", "brauche"],
            &[],
        ),
        ("de", "Ich gebe zu, dass ich müde bin.", &[], &["gebe"]),
        // Konjunktiv II after a verb of saying, not in a condition
        (
            "de",
            "Die Anwältin erklärte, ihre Mandanten hätten nichts gewusst.",
            &["hätten"],
            &[],
        ),
        (
            "de",
            "Wenn wir Zeit hätten, würden wir reisen.",
            &[],
            &["hätten", "würden"],
        ),
        // reportative sollen with its source; laut of a rule or the adjective is none
        (
            "de",
            "Der Minister soll laut einem Bericht der Zeitung zurücktreten.",
            &["soll", "laut"],
            &[],
        ),
        (
            "de",
            "Die laut Gesetz vorgesehene Frist ist zu laut verkündet worden.",
            &[],
            &["laut"],
        ),
        (
            "de",
            "Demnach warf die Opposition der Regierung Betrug vor.",
            &["Demnach", "warf"],
            &[],
        ),
        // impersonal hearsay; German number words after approximators
        (
            "de",
            "Wie es aus dem Ministerium heißt, kamen rund zwei Dutzend Gäste.",
            &["heißt", "rund"],
            &[],
        ),
        (
            "de",
            "Nur knapp ein Drittel kam, praktisch jeder fehlte, wer siegt, ist noch offen.",
            &["knapp", "praktisch", "offen"],
            &[],
        ),
        (
            "de",
            "Das Geschäft hat offen, die Lösung ist praktisch.",
            &[],
            &["offen", "praktisch"],
        ),
    ];

    /// Each pack's hedges: one sentence of news per language, with what must and must not match.
    #[test]
    fn reportative_mood_and_sources_are_hedges() {
        let cases: &[(&str, &str, &[&str], &[&str])] = &[
            (
                "de",
                "Laut Angaben des Militärs soll Nordkorea Truppen geschickt haben.",
                &["Laut", "soll"],
                &[],
            ),
            (
                "de",
                "Er sagte, die Lage sei ernst, und angeblich seien etwa 3000 Soldaten dort.",
                &["sei", "angeblich", "seien", "etwa"],
                &[],
            ),
            (
                "de",
                "Die Regierung soll handeln, sagte er am 7. Juli.",
                &[],
                &["soll"],
            ),
            (
                "fr",
                "Selon l'AFP, le suspect aurait tué trois personnes.",
                &["Selon", "aurait"],
                &[],
            ),
            ("fr", "Il aurait fallu agir plus tôt.", &[], &["aurait"]),
            (
                "es",
                "Según fuentes oficiales, el presunto autor habría huido con unos 300 euros.",
                &["Según", "presunto", "habría", "unos"],
                &[],
            ),
            (
                "ru",
                "По словам источника, военные якобы покинули город, где было около 200 человек.",
                &["По словам", "якобы", "около"],
                &[],
            ),
            (
                "uk",
                "За даними розвідки, війська нібито залишили місто.",
                &["За даними", "нібито"],
                &[],
            ),
            (
                "ko",
                "소식통에 따르면 북한군 약 3000명이 파병된 것으로 알려졌다.",
                &["따르면", "약", "것으로 알려졌다"],
                &[],
            ),
        ];
        for (code, text, want, not) in cases.iter().chain(GERMAN_CONSTRUCTIONS) {
            let p = pack(code).unwrap();
            let lex = Lexicon::from_csv_str(p.hedges_csv, Path::new("x")).unwrap();
            let found: Vec<String> = lex
                .find_in_text_with(text, &|t| crate::text::language::tokenize_for(t, Some(p)))
                .into_iter()
                .map(|(w, _)| w)
                .collect();
            for w in *want {
                assert!(
                    found.iter().any(|f| f == w),
                    "{code}: {w} not in {found:?} ({text})"
                );
            }
            for w in *not {
                assert!(
                    !found.iter().any(|f| f == w),
                    "{code}: {w} in {found:?} ({text})"
                );
            }
        }
    }
}

/// Tokens and sentences of `text` by the rules of `pack` (English's with none).
pub fn tokenize_for(text: &str, pack: Option<&Pack>) -> crate::text::tokenize::Tokenized {
    tokenize_at_for(text, 0, pack)
}

/// Tokens and sentences of the body `text[body..]` by the rules of `pack`, with offsets into the
/// whole `text` (as [`crate::text::tokenize::tokenize_at`], which it is with no pack).
pub fn tokenize_at_for(
    text: &str,
    body: usize,
    pack: Option<&Pack>,
) -> crate::text::tokenize::Tokenized {
    use crate::text::tokenize::{sentence_spans, shift, tokenize_at, tokenize_sentences};
    let Some(p) = pack else {
        return tokenize_at(text, body);
    };
    let t = &text[body..];
    let spans = join_sentences(t, sentence_spans(t), &p.sentences);
    let mut tk = tokenize_sentences(t, spans);
    split_elisions(t, &mut tk, &p.words.elisions);
    shift(&mut tk, body);
    tk
}
