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

/// Sections of a site, as a segment of a URL's path, that hold opinion: the common names
/// ("/opinion/", "/commentisfree/" of the Guardian, "/view/" of Bloomberg Opinion, "/ideas/" of
/// the Atlantic and Time, "/comment/" of the British papers).
const SECTIONS: &[&str] = &[
    "opinion",
    "opinions",
    "commentisfree",
    "comment",
    "commentary",
    "editorial",
    "editorials",
    "column",
    "columns",
    "columnist",
    "columnists",
    "op-ed",
    "op-eds",
    "oped",
    "view",
    "ideas",
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
    marked(source) || marked(title) || in_opinion_section(url)
}

/// Whether a URL's path has a segment naming an opinion section (the host and the query are
/// not read: "view" or "ideas" in a site's name says nothing).
fn in_opinion_section(url: &str) -> bool {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .skip(1)
        .any(|seg| SECTIONS.iter().any(|m| seg.eq_ignore_ascii_case(m)))
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
        // opinion sections by their usual names, as a whole path segment
        for url in [
            "https://www.theguardian.com/commentisfree/2019/apr/11/the-guardian-view-on-assange",
            "https://www.bloomberg.com/view/articles/2018-01-02/x",
            "https://www.washingtonpost.com/opinions/x/2019/01/01/y.html",
            "https://www.telegraph.co.uk/comment/2019/x",
        ] {
            assert!(is_opinion("Site", "x", url), "{url}");
        }
        for url in [
            "https://www.theguardian.com/us-news/2019/apr/17/mueller-report",
            "https://www.bloomberg.com/news/articles/2019-04-18/barr-says?srnd=view",
            "https://view.example.com/news/x",
            "https://site.com/news/commenting-rules",
            "https://abcnews.go.com/blogs/politics/2012/x",
        ] {
            assert!(!is_opinion("Site", "x", url), "{url}");
        }
    }
}
