//! Speaker resolution across a document: the speaker as written, cleaned and typed, pronouns and
//! definite roles resolved through who spoke last and the names the document introduces.

use super::context::Doc;
use super::people::{pronoun_gender, People, Person};
use super::speaker::{
    classify_speaker, clean_speaker, nearby_name, nearby_org, resolve, Names, PRONOUNS, ROLE_WORDS,
};
use super::words::DETERMINERS;
use super::{Gender, Kind, Quote, SpeakerType};

/// What the document has told so far about who speaks.
#[derive(Default)]
pub(super) struct Speakers {
    /// The person who last spoke (a named speaker, or a pronoun resolved to one), and the
    /// gender the article gives them.
    last_named: Option<LastSpeaker>,
    /// The organisation or role that last spoke.
    last_group: Option<String>,
    /// The document's names, gathered the first time a one-word name needs them.
    names: Option<Names>,
    /// The document's people and their genders, gathered the first time a speaker needs them.
    people: Option<People>,
}

/// The person who spoke last: name, gender, and where the cue naming them stands.
#[derive(Debug, Clone)]
struct LastSpeaker {
    name: String,
    gender: Gender,
    at: usize,
}

/// A speaker as resolved: who (empty when unresolved), what kind, and the gender the article
/// gives them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Resolved {
    pub name: String,
    pub ty: SpeakerType,
    pub gender: Gender,
}

impl Speakers {
    /// Types and resolves the speaker of `q` (its first token `first_in`): a direct quotation's
    /// through the document's state, which it then updates; a scare quotation's source as
    /// written, the document left out.
    pub(super) fn resolve(&mut self, doc: &Doc, q: &mut Quote, first_in: usize) {
        match q.kind {
            Kind::Direct | Kind::Mixed => {
                q.speaker = clean_speaker(&q.speaker);
                let cue = q.cue_span.map_or(q.end, |c| c.0);
                let r = self.speaker_at(doc, &q.speaker, cue, q.end, first_in);
                (q.speaker_type, q.speaker_resolved, q.speaker_gender) = (r.ty, r.name, r.gender);
            }
            Kind::Scare if q.rule.is_some() => {
                (q.speaker_type, q.speaker_resolved) =
                    classify_speaker(&q.speaker, doc.text, q.end, None, None, None);
            }
            _ => {}
        }
    }

    /// The speaker written `speaker` of a cue at byte `cue` (the content ending at `end`, its
    /// first token `first_in`), resolved through the document: a "he" or "she" to the nearest
    /// person of that gender named before ([`People::antecedent`]), else to the last speaker
    /// of no other gender; a name to the fullest form the document uses; a definite role or
    /// organisation as [`resolve`] does. Updates who spoke last. The entry point for any kind
    /// of reported speech.
    pub(super) fn speaker_at(
        &mut self,
        doc: &Doc,
        speaker: &str,
        cue: usize,
        end: usize,
        first_in: usize,
    ) -> Resolved {
        let lower = speaker.to_lowercase();
        let r = match lower.as_str() {
            "he" | "she" => self.personal_pronoun(doc, cue, pronoun_gender(&lower)),
            _ => self.written(doc, speaker, &lower, end, first_in),
        };
        let r = names_nobody(r);
        self.remember(&r, cue);
        r
    }

    /// A "he" or "she": the person it refers to, else unresolved with the pronoun's gender.
    fn personal_pronoun(&mut self, doc: &Doc, cue: usize, gender: Gender) -> Resolved {
        let k = doc.tok_at(cue).min(doc.toks.len().saturating_sub(1));
        let sentence = doc.toks.get(k).map_or(0, |t| t.sentence);
        let last = self
            .last_named
            .clone()
            .filter(|l| l.gender == gender || l.gender == Gender::Unknown);
        let floor = last.as_ref().map_or(0, |l| l.at);
        let found = self
            .people(doc)
            .antecedent(cue, floor, sentence, gender)
            .map(|p| p.name.clone());
        let name = found.or(last.map(|l| l.name));
        match name {
            Some(name) => Resolved {
                name,
                ty: SpeakerType::Named,
                gender,
            },
            None => Resolved {
                name: String::new(),
                ty: SpeakerType::Unresolved,
                gender,
            },
        }
    }

    /// Any other speaker: typed and resolved as written, its gender from the person the
    /// document names so, or from its own title ("Mrs.", "the spokeswoman").
    fn written(
        &mut self,
        doc: &Doc,
        speaker: &str,
        lower: &str,
        end: usize,
        first_in: usize,
    ) -> Resolved {
        let (text, toks, body) = (doc.text, doc.toks, doc.body);
        // the person named just before matters only to a pronoun or a definite role
        let nearby = (PRONOUNS.contains(&lower) || lower.starts_with("the "))
            .then(|| nearby_name(text, toks, first_in, body))
            .flatten();
        let last = self.last_named.as_ref().map(|l| l.name.as_str());
        let named_hint = nearby.as_deref().or(last);
        let org = (lower.starts_with("the ") && self.last_group.is_none())
            .then(|| nearby_org(text, toks, first_in, body))
            .flatten();
        let group = self.last_group.as_deref();
        let (ty, resolved) =
            classify_speaker(speaker, text, end, named_hint, group, org.as_deref());
        let names = &mut self.names;
        let mut full = |w: &str| {
            names
                .get_or_insert_with(|| Names::new(text, toks, body))
                .full(w)
                .map(|r| (r.name.clone(), r.definite))
        };
        let (ty, mut name) = resolve(ty, speaker, &resolved, nearby.as_deref(), &mut full);
        if ty == SpeakerType::Named {
            // the fullest form of the name the document uses ("Kim" → "Kim Jong-un")
            if let Some(p) = self.people(doc).person_named(speaker) {
                let count = |n: &str| n.split_whitespace().count();
                if count(&p.name) >= count(&name) && p.name.len() > name.len() {
                    name = p.name.clone();
                }
            }
        }
        let gender = self.gender_of(doc, ty, speaker, &name);
        Resolved { name, ty, gender }
    }

    /// The gender of a resolved speaker: its own title or honorific, else the person's.
    fn gender_of(&mut self, doc: &Doc, ty: SpeakerType, speaker: &str, name: &str) -> Gender {
        // a title before a name or a lowercase word ("the spokeswoman"), never a name's
        // last word ("Charlie King")
        let words: Vec<&str> = speaker.split_whitespace().collect();
        let own = words
            .iter()
            .enumerate()
            .filter(|(k, w)| k + 1 < words.len() || w.starts_with(char::is_lowercase))
            .map(|(_, w)| super::people::title_gender(&w.trim_end_matches('.').to_lowercase()))
            .find(|g| *g != Gender::Unknown);
        match (own, ty) {
            (Some(g), SpeakerType::Named | SpeakerType::Role) => g,
            (None, SpeakerType::Named) => self
                .people(doc)
                .person_named(name)
                .map_or(Gender::Unknown, Person::gender),
            _ => Gender::Unknown,
        }
    }

    fn people(&mut self, doc: &Doc) -> &People {
        self.people
            .get_or_insert_with(|| People::new(doc.text, doc.toks, doc.body, doc.spans, doc.cues))
    }

    /// A fresh state for another pass over the same document (the indirect one) that keeps
    /// what does not depend on who spoke: the document's names and people.
    pub(super) fn handover(self) -> Self {
        Self {
            names: self.names,
            people: self.people,
            ..Self::default()
        }
    }

    /// Who spoke last, by type.
    fn remember(&mut self, r: &Resolved, at: usize) {
        match r.ty {
            SpeakerType::Named => {
                self.last_named = Some(LastSpeaker {
                    name: r.name.clone(),
                    gender: r.gender,
                    at,
                })
            }
            SpeakerType::Organisation | SpeakerType::Role => self.last_group = Some(r.name.clone()),
            _ => {}
        }
    }
}

/// A resolved speaker that names nobody (a pronoun left as written; words such as "now" or
/// "change my": no capitalized word, no role and no determiner opening a description such as
/// "the crowd") becomes unresolved and empty.
fn names_nobody(mut r: Resolved) -> Resolved {
    let lower = r.name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let pronoun = words.len() == 1 && PRONOUNS.contains(&words[0]);
    let any_cap = r
        .name
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let role = words.iter().any(|w| {
        ROLE_WORDS.contains(w.trim_end_matches(['\'', '’', 's'])) || ROLE_WORDS.contains(w)
    });
    let described = words
        .first()
        .is_some_and(|w| DETERMINERS.contains(w) || matches!(*w, "my" | "our" | "one" | "some"));
    let nobody = pronoun
        || (!words.is_empty()
            && !any_cap
            && !role
            && !described
            && !matches!(r.ty, SpeakerType::Anonymous | SpeakerType::Organisation));
    if nobody {
        r.name.clear();
        r.ty = SpeakerType::Unresolved;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, Cues, Gender, Quote, SpeakerType};
    use crate::text::tokenize::tokenize;

    fn quotes(t: &str) -> Vec<Quote> {
        find_quotes(t, 0, &tokenize(t), &Cues::builtin())
    }

    #[test]
    fn a_pronoun_resolves_to_the_person_who_spoke_last() {
        let t = "“We will win,” said Erik Karlsson. The crowd cheered. The game went on. \
                 It ended late. “We have the players,” he said.";
        let qs = quotes(t);
        assert_eq!(qs[1].speaker, "he");
        assert_eq!(qs[1].speaker_resolved, "Erik Karlsson");
        assert_eq!(qs[1].speaker_type, SpeakerType::Named);
    }

    #[test]
    fn a_definite_organisation_resolves_to_the_one_that_spoke_last() {
        let t = "“Troops were deployed,” the NIS said. Markets fell.\n\n\
                 “They remain on alert,” the agency added.";
        let qs = quotes(t);
        assert_eq!(qs[1].speaker_resolved, "NIS");
        assert_eq!(qs[1].speaker_type, SpeakerType::Organisation);
    }

    #[test]
    fn a_pronoun_takes_the_nearest_person_of_its_gender_never_an_organisation() {
        // "she" is not the institute nor the man named last
        let t =
            "Mrs. Maria Ortiz leads the Brookings Institution. She met Mr. Tom Reyes there.\n\n\
                 “We need more data,” she said.";
        let q = &quotes(t)[0];
        assert_eq!(
            (
                q.speaker_type,
                q.speaker_resolved.as_str(),
                q.speaker_gender
            ),
            (SpeakerType::Named, "Maria Ortiz", Gender::Female)
        );
        // the current speaker carries on until someone of that gender is introduced
        let t = "“It was a disaster,” said Mr. Ian Holt. The United States sent aid on Monday.\n\n\
                 “We were not ready,” he said.";
        assert_eq!(quotes(t)[1].speaker_resolved, "Ian Holt");
    }

    #[test]
    fn a_pronoun_or_a_function_word_with_no_person_is_left_unresolved() {
        let t = "The storm hit at night.\n\n“Nobody came for hours,” she said.";
        let q = &quotes(t)[0];
        assert_eq!(
            (
                q.speaker_type,
                q.speaker_resolved.as_str(),
                q.speaker_gender
            ),
            (SpeakerType::Unresolved, "", Gender::Female)
        );
        // "it" with no organisation before names nobody either
        let t = "The storm hit at night.\n\n“The plan is dead, and that is that,” it said.";
        let q = &quotes(t)[0];
        assert_eq!(
            (q.speaker_type, q.speaker_resolved.as_str()),
            (SpeakerType::Unresolved, ""),
            "{q:?}"
        );
        // an organisation written with "The" stays one
        let t = "The authority claimed the dam had “passed every inspection.”";
        assert_eq!(quotes(t)[0].speaker_type, SpeakerType::Organisation);
    }

    #[test]
    fn gender_from_honorifics_and_titles_not_from_a_surname_like_king() {
        let t = "“The vote is close,” said Ms. Dana Ruiz.";
        assert_eq!(quotes(t)[0].speaker_gender, Gender::Female);
        let t = "“The vote is close,” said Charlie King.";
        assert_eq!(quotes(t)[0].speaker_gender, Gender::Unknown);
        let t = "“The vote is close,” the spokeswoman said.";
        assert_eq!(quotes(t)[0].speaker_gender, Gender::Female);
    }

    #[test]
    fn a_one_word_name_resolves_to_the_full_name_introduced() {
        let t = "Erik Karlsson scored twice.\n\n“It felt good,” Karlsson said.";
        assert_eq!(quotes(t)[0].speaker_resolved, "Erik Karlsson");
    }
}
