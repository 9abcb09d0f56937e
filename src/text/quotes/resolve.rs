//! Speaker resolution across a document: the speaker as written, cleaned and typed, pronouns and
//! definite roles resolved through who spoke last and the names the document introduces.

use super::context::Doc;
use super::speaker::{
    classify_speaker, clean_speaker, nearby_name, nearby_org, resolve, Names, PRONOUNS,
};
use super::{Kind, Quote, SpeakerType};

/// What the document has told so far about who speaks.
#[derive(Default)]
pub(super) struct Speakers {
    /// The person who last spoke (a named speaker, or a pronoun resolved to one).
    last_named: Option<String>,
    /// The organisation or role that last spoke.
    last_group: Option<String>,
    /// The document's names, gathered the first time a one-word name needs them.
    names: Option<Names>,
}

impl Speakers {
    /// Types and resolves the speaker of `q` (its first token `first_in`): a direct quotation's
    /// through the document's state, which it then updates; a scare quotation's source as
    /// written, the document left out.
    pub(super) fn resolve(&mut self, doc: &Doc, q: &mut Quote, first_in: usize) {
        match q.kind {
            Kind::Direct => self.resolve_direct(doc, q, first_in),
            Kind::Scare if q.rule.is_some() => {
                (q.speaker_type, q.speaker_resolved) =
                    classify_speaker(&q.speaker, doc.text, q.end, None, None, None);
            }
            _ => {}
        }
    }

    fn resolve_direct(&mut self, doc: &Doc, q: &mut Quote, first_in: usize) {
        let (text, toks, body) = (doc.text, doc.toks, doc.body);
        q.speaker = clean_speaker(&q.speaker);
        // the person named just before matters only to a pronoun or a definite role
        let lower = q.speaker.to_lowercase();
        let nearby = (PRONOUNS.contains(&lower.as_str()) || lower.starts_with("the "))
            .then(|| nearby_name(text, toks, first_in, body))
            .flatten();
        let named_hint = nearby.as_deref().or(self.last_named.as_deref());
        let org = (lower.starts_with("the ") && self.last_group.is_none())
            .then(|| nearby_org(text, toks, first_in, body))
            .flatten();
        let group = self.last_group.as_deref();
        let (ty, resolved) =
            classify_speaker(&q.speaker, text, q.end, named_hint, group, org.as_deref());
        let names = &mut self.names;
        let mut full = |w: &str| {
            names
                .get_or_insert_with(|| Names::new(text, toks, body))
                .full(w)
                .map(|r| (r.name.clone(), r.definite))
        };
        let (ty, resolved) = resolve(ty, &q.speaker, &resolved, nearby.as_deref(), &mut full);
        (q.speaker_type, q.speaker_resolved) = (ty, resolved);
        self.remember(ty, &q.speaker_resolved);
    }

    /// Who spoke last, by type.
    fn remember(&mut self, ty: SpeakerType, resolved: &str) {
        match ty {
            SpeakerType::Named => self.last_named = Some(resolved.to_string()),
            SpeakerType::Organisation | SpeakerType::Role => {
                self.last_group = Some(resolved.to_string())
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, Cues, Quote, SpeakerType};
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
    fn a_one_word_name_resolves_to_the_full_name_introduced() {
        let t = "Erik Karlsson scored twice.\n\n“It felt good,” Karlsson said.";
        assert_eq!(quotes(t)[0].speaker_resolved, "Erik Karlsson");
    }
}
