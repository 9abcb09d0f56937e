//! The facts of a report's lead that tell one event from a look-alike: the weekday and the
//! figures (a magnitude, a sum, a count) it opens with. Two reports of one event may each leave
//! a fact out, but when both leads state one and neither's is anywhere in the other, they tell
//! of two events ("a 5.6 magnitude quake … on Sunday" against "the 6.1-magnitude quake …
//! Thursday").
//!
//! Years were tried as a third fact and left out: a year in a lead is as often the past an
//! article recalls ("hosted the show in 1992") as its event's, and on ECB+ dev and BASIL they
//! split reports of one event (dev recall 0.879 → 0.862) without a merge less on train.

use crate::text::hash::word_hash;
use crate::text::numbers::number_key;
use crate::text::tokenize::Token;

/// Words of a report's lead: its headline and first sentence or two.
pub const LEAD_TOKENS: usize = 80;

/// The weekdays and figures of a document's lead, and all its weekdays.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    /// Weekdays named in the lead, bit 0 = Monday.
    pub lead_weekdays: u8,
    /// Weekdays named anywhere.
    pub weekdays: u8,
    /// Hashes of the figures of the lead (number keys, as `Profile::numbers`), sorted and unique.
    pub lead_figures: Vec<u64>,
}

/// The facts of a text from its tokens.
pub fn facts(text: &str, tokens: &[Token]) -> Facts {
    let mut f = Facts::default();
    for (i, t) in tokens.iter().enumerate() {
        let w = &text[t.start as usize..t.end as usize];
        f.note(w, i < LEAD_TOKENS, t.is_number);
    }
    f.lead_figures.sort_unstable();
    f.lead_figures.dedup();
    f
}

impl Facts {
    /// Notes a word of the text (`lead`: one of the lead's; `number`: a number token).
    fn note(&mut self, w: &str, lead: bool, number: bool) {
        if let Some(d) = weekday(w) {
            self.weekdays |= 1 << d;
            if lead {
                self.lead_weekdays |= 1 << d;
            }
        } else if let Some(k) = number_key(w).filter(|_| lead && number) {
            self.lead_figures.push(word_hash(&k));
        }
    }
}

/// The weekdays as written, Monday first.
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// 0 for Monday … 6 for Sunday (capitalized, as a weekday is written).
fn weekday(w: &str) -> Option<u8> {
    let w = w.strip_suffix("'s").unwrap_or(w);
    DAYS.iter().position(|d| *d == w).map(|d| d as u8)
}

/// Why two documents are of two events, as bits of [`Conflicts`].
pub mod against {
    /// Their leads name different weekdays.
    pub const WEEKDAY: u8 = 1;
    /// Their leads give different figures.
    pub const FIGURE: u8 = 2;
    /// Names of the bits, in table order (written with a leading `-` in `linked_by`).
    pub const NAMES: [(u8, &str); 2] = [(WEEKDAY, "weekday"), (FIGURE, "figure")];
}

/// The facts on which two documents disagree (bits of [`against`]); `numbers_*` are each
/// document's distinctive numbers (`Profile::numbers`), where a figure of the other's lead
/// may be given further down.
pub fn conflicts(a: &Facts, numbers_a: &[u64], b: &Facts, numbers_b: &[u64]) -> u8 {
    let mut c = 0;
    if weekdays_differ(a, b) {
        c |= against::WEEKDAY;
    }
    if disjoint_leads(&a.lead_figures, numbers_b, &b.lead_figures, numbers_a) {
        c |= against::FIGURE;
    }
    c
}

/// Both leads name a weekday, and neither's is near one the other document names.
fn weekdays_differ(a: &Facts, b: &Facts) -> bool {
    a.lead_weekdays != 0
        && b.lead_weekdays != 0
        && apart(a.lead_weekdays, b.weekdays)
        && apart(b.lead_weekdays, a.weekdays)
}

/// Whether no weekday of a lead (`lead`, bits) is within a day of one the other document
/// names (`all`): the day after is the follow-up's (a shooting on Friday, the charge on
/// Saturday).
fn apart(lead: u8, all: u8) -> bool {
    let near = |d: u32| all & (1 << d | 1 << ((d + 1) % 7) | 1 << ((d + 6) % 7)) != 0;
    (0..7).filter(|d| lead & (1 << d) != 0).all(|d| !near(d))
}

/// Both leads state some, and none of either lead's is anywhere in the other document.
fn disjoint_leads<T: Ord>(lead_a: &[T], all_b: &[T], lead_b: &[T], all_a: &[T]) -> bool {
    let none_in = |lead: &[T], all: &[T]| lead.iter().all(|x| all.binary_search(x).is_err());
    !lead_a.is_empty() && !lead_b.is_empty() && none_in(lead_a, all_b) && none_in(lead_b, all_a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn of(text: &str) -> (Facts, Vec<u64>) {
        let tk = tokenize(text);
        let f = facts(text, &tk.tokens);
        let mut numbers: Vec<u64> = tk
            .tokens
            .iter()
            .filter(|t| t.is_number)
            .filter_map(|t| number_key(&text[t.start as usize..t.end as usize]))
            .map(|k| word_hash(&k))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        (f, numbers)
    }

    fn conflict(x: &str, y: &str) -> u8 {
        let ((a, na), (b, nb)) = (of(x), of(y));
        conflicts(&a, &na, &b, &nb)
    }

    #[test]
    fn leads_that_disagree_are_two_events() {
        let quake = |m: &str, d: &str| format!("A {m} magnitude earthquake hit the island on {d}.");
        assert_eq!(
            conflict(&quake("5.6", "Sunday"), &quake("6.1", "Thursday")),
            against::WEEKDAY | against::FIGURE
        );
        // a weekday the day after is the follow-up's (a shooting on Friday, a charge on Saturday)
        assert_eq!(
            conflict("He opened fire on Friday.", "He was charged on Saturday."),
            0
        );
        assert_eq!(
            conflict("He opened fire on Friday.", "He was charged on Monday."),
            against::WEEKDAY
        );
        // a year alone is no evidence against (see the module's note)
        assert_eq!(
            conflict(
                "Jobs unveiled the phone at the 2009 keynote.",
                "Jobs unveiled the phone at the 2012 keynote."
            ),
            0
        );
    }

    #[test]
    fn a_fact_left_out_or_given_further_down_is_no_conflict() {
        // one lead states no weekday: nothing against
        assert_eq!(
            conflict("The quake hit on Sunday.", "The quake hit the island."),
            0
        );
        // the other gives the first's weekday later in its text
        let later = format!(
            "Rescuers searched on Monday.{} The quake had struck on Sunday.",
            " Rescue teams dug through the rubble.".repeat(20)
        );
        assert_eq!(conflict("The quake hit on Sunday.", &later), 0);
        // the same figure agrees, and a figure the other gives further down too
        assert_eq!(
            conflict(
                "A 5.6 quake hit the coast.",
                "The 5.6 magnitude tremor hit."
            ),
            0
        );
        let down = format!(
            "Rescuers dug on.{} It had measured 5.6.",
            " They dug.".repeat(40)
        );
        assert_eq!(
            conflict(
                "A 5.6 quake hit the coast.",
                &format!("A 640 km wide front. {down}")
            ),
            0
        );
    }

    #[test]
    fn only_the_lead_states_the_event() {
        let text = format!(
            "{} It was Friday, 4.5 on the scale.",
            "word ".repeat(LEAD_TOKENS)
        );
        let f = facts(&text, &tokenize(&text).tokens);
        assert_eq!((f.lead_weekdays, f.weekdays), (0, 1 << 4));
        assert!(f.lead_figures.is_empty());
    }
}
