//! Page furniture: lines of a document that are the page around the article, not its text
//! (navigation and teasers, subheads, photo captions and credits, copyright lines, share
//! widgets, bare links), told by their shape in the one document, however often they recur.
//! Each rule is a named function in [`RULES`]; the first that accepts a line names its reason.
//! Furniture lines are blanked like boilerplate ([`blank_furniture`]): they count as no text.

/// What a rule reads: the trimmed line, and whether it stands between paragraphs.
pub struct Line<'a> {
    /// The trimmed line.
    pub text: &'a str,
    /// The previous non-empty line ends a sentence and the next one is a paragraph of 15 words
    /// or more (what a subhead stands between).
    pub between_paragraphs: bool,
}

/// A named furniture rule.
pub struct Rule {
    /// The reason written to furniture.csv.
    pub name: &'static str,
    /// Whether the line is furniture of this kind.
    pub test: fn(&Line) -> bool,
}

/// The rules in the order they are tried.
pub static RULES: &[Rule] = &[
    Rule {
        name: "navigation",
        test: is_navigation,
    },
    Rule {
        name: "caption",
        test: is_caption,
    },
    Rule {
        name: "copyright",
        test: is_copyright,
    },
    Rule {
        name: "share",
        test: is_share_widget,
    },
    Rule {
        name: "link",
        test: is_link,
    },
    Rule {
        name: "subhead",
        test: is_subhead,
    },
];

/// A line left out as furniture.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FurnitureLine {
    /// One-based line number in the document text.
    pub line: u32,
    /// The rule that took it.
    pub reason: String,
    /// The line as written (trimmed).
    pub text: String,
}

/// Openers of navigation and teaser lines ("READ MORE: …", "WATCH: …", "Related:").
const NAV_OPENERS: &[&str] = &[
    "read more", "read:", "watch:", "watch live", "watch the", "listen:", "related:",
    "related coverage", "related articles", "related stories", "related content", "click here",
    "see also", "more:", "also read", "also see", "sign up", "subscribe", "get the app",
    "follow us", "continue reading", "story continues", "advertisement", "recommended:",
    "trending:", "more from", "don't miss", "don’t miss", "top stories",
];

/// Openers of caption and credit lines.
const CAPTION_OPENERS: &[&str] = &[
    "image copyright", "image caption", "media caption", "media playback is unsupported",
    "facebook twitter pinterest", "file -", "file _", "file –", "file —", "photograph:",
    "photo:", "photos:", "caption:", "image:", "credit:", "photo credit", "pictured:",
];

/// Credits inside a caption line.
const CREDIT_MARKS: &[&str] = &[
    "(ap photo", "ap photo/", "(photo by", "(getty images", "(reuters/", "photograph: ",
    "(afp", "/getty images)", "(photo:", "(courtesy",
];

/// Endings of a short credit line ("Win McNamee/Getty Images", "Saul Loeb/AFP via Getty
/// Images, file").
const CREDIT_ENDINGS: &[&str] = &[
    "getty images", "getty images, file", "/ap", "/reuters", "/afp", "/epa", "/ap photo",
    "/shutterstock", "/file", "via ap", "/bloomberg",
];

/// Words of a share widget ("Share Tweet", "Facebook Twitter Pinterest Email").
const SHARE_WORDS: &[&str] = &[
    "share", "shares", "tweet", "pinterest", "facebook", "twitter", "email", "e-mail", "whatsapp",
    "linkedin", "reddit", "print", "comment", "comments", "this", "article", "on", "save",
    "copy", "link", "messenger", "flipboard", "pin", "it", "story", "the",
];

fn lower_starts(line: &str, openers: &[&str]) -> bool {
    let head: String = line.chars().take(40).collect::<String>().to_lowercase();
    openers.iter().any(|o| head.starts_with(o))
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Navigation and teaser lines: "READ MORE: …", "WATCH: …", "Related:", "Click here", and the
/// headline teaser that ends in "Read more".
pub fn is_navigation(l: &Line) -> bool {
    let t = l.text;
    lower_starts(t, NAV_OPENERS) && words(t) <= 25
        || t.to_lowercase().ends_with(" read more") && words(t) <= 25
}

/// Photo captions and credits: "Image copyright …", "FILE - In this … file photo", a line
/// carrying "(AP Photo/…)" or "Photograph: …", a short line ending in a credit.
pub fn is_caption(l: &Line) -> bool {
    let t = l.text;
    let lower = t.to_lowercase();
    lower_starts(t, CAPTION_OPENERS)
        || CREDIT_MARKS.iter().any(|m| lower.contains(m)) && words(t) <= 80
        || words(t) <= 12 && CREDIT_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Copyright lines: "Copyright 2018 The Associated Press. All rights reserved.", "© …".
pub fn is_copyright(l: &Line) -> bool {
    let t = l.text;
    let lower = t.to_lowercase();
    words(t) <= 20
        && (lower.starts_with("copyright")
            || lower.starts_with('©')
            || lower.contains("all rights reserved"))
}

/// Share widgets: a short line of share words only ("Share Tweet", "ARTICLE Share Tweet").
pub fn is_share_widget(l: &Line) -> bool {
    let ws: Vec<String> = l
        .text
        .split(|c: char| c.is_whitespace() || c == '|' || c == '/')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    !ws.is_empty()
        && ws.len() <= 10
        && ws.iter().all(|w| SHARE_WORDS.contains(&w.as_str()))
        && ws.iter().any(|w| !["this", "on", "the", "it", "article", "story"].contains(&w.as_str()))
}

/// Bare links: a line of addresses only, or a short line holding one that is no embedded post
/// ("More AP NHL: http://…"; an embedded tweet names its author "(@…)").
pub fn is_link(l: &Line) -> bool {
    let t = l.text;
    let is_url = |w: &str| {
        let w = w.to_lowercase();
        w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
            || w.contains(".ws/") || w.contains(".ly/") || w.contains(".com/")
    };
    let n = words(t);
    let urls = t.split_whitespace().filter(|w| is_url(w)).count();
    urls > 0 && (urls == n || n <= 12 && !t.contains("(@"))
}

/// Subheads: a short standalone line (2 to 8 words, at most 60 characters) without final
/// punctuation, between two paragraphs.
pub fn is_subhead(l: &Line) -> bool {
    let t = l.text;
    let n = words(t);
    l.between_paragraphs
        && (1..=8).contains(&n)
        && t.chars().count() <= 60
        && t.chars().any(char::is_alphabetic)
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’', '\'', ')', '…'])
        && !t.starts_with(['"', '“', '—', '-', '–', '•', '*'])
}

/// A line of the body: byte span of its trimmed text and its one-based number.
struct Span {
    start: usize,
    end: usize,
    number: u32,
}

/// The trimmed non-empty lines of `text[body..]`.
fn lines(text: &str, body: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut number = text[..body.min(text.len())].matches('\n').count() as u32;
    let mut pos = body.min(text.len());
    for raw in text[pos..].split('\n') {
        number += 1;
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push(Span {
                start: pos + lead,
                end: pos + lead + trimmed.len(),
                number,
            });
        }
        pos += raw.len() + 1;
    }
    out
}

/// Whether a paragraph line ends a sentence.
fn ends_sentence(t: &str) -> bool {
    t.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// The furniture lines of `text[body..]`: byte span and reason.
pub fn find_furniture(text: &str, body: usize) -> Vec<(usize, usize, u32, &'static str)> {
    let ls = lines(text, body);
    let mut out = Vec::new();
    for (i, s) in ls.iter().enumerate() {
        let t = &text[s.start..s.end];
        let between = i > 0
            && i + 1 < ls.len()
            && ends_sentence(&text[ls[i - 1].start..ls[i - 1].end])
            && words(&text[ls[i + 1].start..ls[i + 1].end]) >= 15;
        let line = Line {
            text: t,
            between_paragraphs: between,
        };
        if let Some(r) = RULES.iter().find(|r| (r.test)(&line)) {
            out.push((s.start, s.end, s.number, r.name));
        }
    }
    out
}

/// Blanks the furniture lines of `text[body..]` (one space per character, so character offsets
/// of the rest stay as in the file) and returns them.
pub fn blank_furniture(text: &mut String, body: usize) -> Vec<FurnitureLine> {
    let found = find_furniture(text, body);
    if found.is_empty() {
        return Vec::new();
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = Vec::with_capacity(found.len());
    let mut pos = 0;
    for (s, e, number, reason) in found {
        out.push_str(&text[pos..s]);
        let line = &text[s..e];
        out.extend(std::iter::repeat_n(' ', line.chars().count()));
        lines.push(FurnitureLine {
            line: number,
            reason: reason.to_string(),
            text: line.to_string(),
        });
        pos = e;
    }
    out.push_str(&text[pos..]);
    *text = out;
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Line<'_> {
        Line {
            text: t,
            between_paragraphs: false,
        }
    }

    fn between(t: &str) -> Line<'_> {
        Line {
            text: t,
            between_paragraphs: true,
        }
    }

    #[test]
    fn navigation_and_teasers() {
        assert!(is_navigation(&line("READ MORE: President Obama's news conference")));
        assert!(is_navigation(&line("WATCH: Trump speaks at the rally")));
        assert!(is_navigation(&line("Related: How the vote was counted")));
        assert!(is_navigation(&line("Click here to view the research.")));
        assert!(is_navigation(&line(
            "Trump loyalists stand by their man – but the resistance is taking root Read more"
        )));
        assert!(!is_navigation(&line(
            "Related issues were raised at the hearing by several senators on Monday."
        )));
        assert!(!is_navigation(&line("Watchdogs said the plan would fail.")));
    }

    #[test]
    fn captions_and_credits() {
        assert!(is_caption(&line("Image copyright Getty Images Image caption Mourners at a vigil")));
        assert!(is_caption(&line("Media playback is unsupported on your device Media caption Can coal make a comeback?")));
        assert!(is_caption(&line("Facebook Twitter Pinterest Obama talks to a survivor. Photograph: Carlos Barria/Reuters")));
        assert!(is_caption(&line("FILE - In this June 20, 2019 file photo, the Supreme Court is seen in Washington.")));
        assert!(is_caption(&line("President Trump speaks in the Rose Garden. (AP Photo/Evan Vucci)")));
        assert!(is_caption(&line("Win McNamee/Getty Images")));
        assert!(is_caption(&line("Saul Loeb/AFP via Getty Images, file")));
        assert!(!is_caption(&line(
            "Getty Images, the photo agency, said on Monday that it would cut 200 jobs in Seattle and London."
        )));
        assert!(!is_caption(&line("The photograph shows the president at the border.")));
    }

    #[test]
    fn copyright_share_and_links() {
        assert!(is_copyright(&line("Copyright 2018 The Associated Press. All rights reserved.")));
        assert!(is_copyright(&line("COPYRIGHT 2017 CREATORS.COM")));
        assert!(!is_copyright(&line("The copyright case went to the Supreme Court after years of appeals.")));
        assert!(is_share_widget(&line("Share Tweet")));
        assert!(is_share_widget(&line("ARTICLE Share Tweet Email")));
        assert!(is_share_widget(&line("Facebook | Twitter | Pinterest")));
        assert!(is_share_widget(&line("Share this")));
        assert!(!is_share_widget(&line("The share of votes")));
        assert!(!is_share_widget(&line("Twitter banned the account on Monday.")));
        assert!(is_link(&line("https://twitter.com/alex/status/872815560442228737")));
        assert!(is_link(&line("More AP NHL: http://apnews.com/NHL and https://twitter.com/AP_Sports")));
        assert!(!is_link(&line(
            "Trump decided he would not live-tweet https://t.co/P0SouqYAja — Tara Palmeri (@tarapalmeri) June 8, 2017"
        )));
    }

    #[test]
    fn subheads_stand_between_paragraphs() {
        assert!(is_subhead(&between("Storm Coverage")));
        assert!(is_subhead(&between("What the Senate bill does")));
        assert!(!is_subhead(&line("Storm Coverage")), "not between paragraphs");
        assert!(!is_subhead(&between("Four examples:")));
        assert!(!is_subhead(&between("He left.")));
        assert!(!is_subhead(&between(
            "A much longer line that goes on for more than eight words without any stop"
        )));
    }

    #[test]
    fn blanking_keeps_offsets_and_numbers_lines() {
        let para = "This is a long paragraph of article text that goes on for more than fifteen words in all.";
        let mut t = format!("Title\n{para}\n\nWhat comes next\n\n{para}\nShare Tweet\n");
        let before = t.chars().count();
        let found = blank_furniture(&mut t, 6);
        assert_eq!(t.chars().count(), before);
        let got: Vec<(u32, &str)> = found.iter().map(|f| (f.line, f.reason.as_str())).collect();
        assert_eq!(got, vec![(4, "subhead"), (7, "share")]);
        assert!(!t.contains("What comes next") && !t.contains("Share Tweet"));
        assert!(t.starts_with("Title\n"));
    }
}
