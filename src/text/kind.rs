//! What kind of piece a document is: a report of events, or an opinion piece that argues about
//! them. Stories hold an opinion piece to a stricter standard, since words in common place it
//! in a topic, not in one event.

/// Words in a source name, title or URL that mark a piece of opinion.
const MARKERS: &[&str] = &[
    "opinion",
    "op-ed",
    "oped",
    "editorial",
    "commentary",
    "column",
    "guest writer",
    "guest essay",
    "letters to the editor",
];

/// Whether a document is marked as opinion by its source, title or URL.
///
/// Not by voice: a first-person rate in narration also flags transcripts of speeches and
/// long unmarked statements (on ECB+ dev it marked six news reports and cost 0.03 recall).
pub fn is_opinion(source: &str, title: &str, url: &str) -> bool {
    let marked = |s: &str| {
        let s = s.to_lowercase();
        MARKERS.iter().any(|m| s.contains(m))
    };
    marked(source) || marked(title) || url.to_lowercase().contains("/opinion")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_by_metadata() {
        assert!(is_opinion("New York Times - Opinion", "x", ""));
        assert!(is_opinion("The Guardian", "Commentary: say no", ""));
        assert!(is_opinion("Site", "x", "https://site.com/opinion/2020/x"));
        assert!(!is_opinion(
            "Reuters",
            "Iran fires missiles",
            "https://reuters.com/world/x"
        ));
    }
}
