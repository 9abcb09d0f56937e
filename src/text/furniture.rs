//! Page furniture: lines of a document that are the page around the article, not its text
//! (navigation and teasers, subheads, photo captions and credits, copyright lines, share
//! widgets, bare links), told by their shape in the one document, however often they recur.
//! Each rule is a named function in [`RULES`]; the first that accepts a line names its reason.
//! Furniture lines are blanked like boilerplate ([`blank_furniture`]): they count as no text.

use super::offsets::blank_spans;

/// What a rule reads: the trimmed line, its words counted once (no rule reads past
/// [`WORD_CAP`]), and whether it stands between paragraphs.
pub struct Line<'a> {
    /// The trimmed line.
    pub text: &'a str,
    /// The number of words, counted no further than `WORD_CAP + 1`.
    pub words: usize,
    /// The previous non-empty line ends a sentence and the next one is a paragraph of 15 words
    /// or more (what a subhead stands between).
    pub between_paragraphs: bool,
}

/// The most words any rule asks a line to have at most: a line's words are counted this far
/// and one more (most lines are paragraphs far longer than any rule's limit).
pub const WORD_CAP: usize = 80;

impl<'a> Line<'a> {
    /// A line to test, its words counted once for every rule.
    pub fn new(text: &'a str, between_paragraphs: bool) -> Self {
        Line {
            text,
            words: capped_words(text),
            between_paragraphs,
        }
    }

    /// Whether the line has at most `cap` (<= [`WORD_CAP`]) words.
    fn at_most_words(&self, cap: usize) -> bool {
        debug_assert!(cap <= WORD_CAP);
        self.words <= cap
    }
}

/// The words of `text`, counted no further than `WORD_CAP + 1`.
fn capped_words(text: &str) -> usize {
    text.split_whitespace().take(WORD_CAP + 1).count()
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
    "read more",
    "read:",
    "watch:",
    "watch live",
    "watch the",
    "listen:",
    "related:",
    "related coverage",
    "related articles",
    "related stories",
    "related content",
    "click here",
    "see also",
    "more:",
    "also read",
    "also see",
    "sign up",
    "subscribe",
    "get the app",
    "follow us",
    "continue reading",
    "story continues",
    "advertisement",
    "recommended:",
    "trending:",
    "more from",
    "don't miss",
    "don’t miss",
    "top stories",
];

/// Openers of caption and credit lines.
const CAPTION_OPENERS: &[&str] = &[
    "image copyright",
    "image caption",
    "media caption",
    "media playback is unsupported",
    "facebook twitter pinterest",
    "file -",
    "file _",
    "file –",
    "file —",
    "photograph:",
    "photo:",
    "photos:",
    "caption:",
    "image:",
    "credit:",
    "photo credit",
    "pictured:",
];

/// Credits inside a caption line.
const CREDIT_MARKS: &[&str] = &[
    "(ap photo",
    "ap photo/",
    "(photo by",
    "(getty images",
    "(reuters/",
    "photograph: ",
    "(afp",
    "/getty images)",
    "(photo:",
    "(courtesy",
];

/// Endings of a short credit line ("Win McNamee/Getty Images", "Saul Loeb/AFP via Getty
/// Images, file").
const CREDIT_ENDINGS: &[&str] = &[
    "getty images",
    "getty images, file",
    "/ap",
    "/reuters",
    "/afp",
    "/epa",
    "/ap photo",
    "/shutterstock",
    "/file",
    "via ap",
    "/bloomberg",
];

/// Words of a share widget ("Share Tweet", "Facebook Twitter Pinterest Email").
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "pinterest",
    "facebook",
    "twitter",
    "email",
    "e-mail",
    "whatsapp",
    "linkedin",
    "reddit",
    "print",
    "comment",
    "comments",
    "this",
    "article",
    "on",
    "save",
    "copy",
    "link",
    "messenger",
    "flipboard",
    "pin",
    "it",
    "story",
    "the",
];

/// Whether `line` starts with one of the lowercase `openers`, ignoring ASCII case (the openers
/// are ASCII but for a typographic apostrophe, which has no case), without lowercasing the line.
fn lower_starts(line: &str, openers: &[&str]) -> bool {
    let l = line.as_bytes();
    openers
        .iter()
        .any(|o| l.len() >= o.len() && l[..o.len()].eq_ignore_ascii_case(o.as_bytes()))
}

/// Whether `line` contains the lowercase ASCII `needle`, ignoring ASCII case.
fn contains_ascii_nocase(line: &str, needle: &str) -> bool {
    let (l, n) = (line.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    memchr::memchr2_iter(first, upper, l)
        .any(|i| l.len() - i >= n.len() && l[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Whether `line` ends with the ASCII `tail`, ignoring ASCII case, without lowercasing the line.
fn ends_with_ascii_nocase(line: &str, tail: &str) -> bool {
    let (l, t) = (line.as_bytes(), tail.as_bytes());
    l.len() >= t.len() && l[l.len() - t.len()..].eq_ignore_ascii_case(t)
}

/// Navigation and teaser lines: "READ MORE: …", "WATCH: …", "Related:", "Click here", and the
/// headline teaser that ends in "Read more".
pub fn is_navigation(l: &Line) -> bool {
    let t = l.text;
    l.at_most_words(25) && (lower_starts(t, NAV_OPENERS) || ends_with_ascii_nocase(t, " read more"))
}

/// Photo captions and credits: "Image copyright …", "FILE - In this … file photo", a line
/// carrying "(AP Photo/…)" or "Photograph: …", a short line ending in a credit.
pub fn is_caption(l: &Line) -> bool {
    let t = l.text;
    if lower_starts(t, CAPTION_OPENERS) {
        return true;
    }
    if !l.at_most_words(WORD_CAP) {
        return false;
    }
    has_credit_mark(t)
        || l.at_most_words(12) && CREDIT_ENDINGS.iter().any(|e| ends_with_ascii_nocase(t, e))
}

/// Whether a line holds one of [`CREDIT_MARKS`]: every mark but "photograph: " holds a '(' or a
/// '/', so a line without either (most paragraphs) is searched for that one mark only, not for
/// all ten.
fn has_credit_mark(t: &str) -> bool {
    if memchr::memchr2(b'(', b'/', t.as_bytes()).is_none() {
        return contains_ascii_nocase(t, "photograph: ");
    }
    CREDIT_MARKS.iter().any(|m| contains_ascii_nocase(t, m))
}

/// Copyright lines: "Copyright 2018 The Associated Press. All rights reserved.", "© …".
pub fn is_copyright(l: &Line) -> bool {
    let t = l.text;
    l.at_most_words(20)
        && (lower_starts(t, &["copyright", "©"]) || contains_ascii_nocase(t, "all rights reserved"))
}

/// Share widgets: a short line of share words only ("Share Tweet", "ARTICLE Share Tweet").
pub fn is_share_widget(l: &Line) -> bool {
    let (mut n, mut doing) = (0, false);
    for w in widget_words(l.text) {
        // stops at the first word that is not a share word (the first word of most lines)
        n += 1;
        let Some(w) = SHARE_WORDS.iter().find(|s| s.eq_ignore_ascii_case(w)) else {
            return false;
        };
        if n > 10 {
            return false;
        }
        doing |= !["this", "on", "the", "it", "article", "story"].contains(w);
    }
    n > 0 && doing
}

/// The words of a line split at spaces, bars and slashes, without their punctuation.
fn widget_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '|' || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Bare links: a line of addresses only, a short line holding one that is no embedded post
/// ("More AP NHL: http://…"; an embedded tweet names its author "(@…)"), or a teaser ending in
/// its link ("@aterkel: Laura Bush wants out of the ad campaign http://bit.ly/YoOKJ4").
pub fn is_link(l: &Line) -> bool {
    let t = l.text;
    // every address below holds a '/' or starts with "www."
    if memchr::memchr(b'/', t.as_bytes()).is_none() && !contains_ascii_nocase(t, "www.") {
        return false;
    }
    let n = words(t);
    let urls = t.split_whitespace().filter(|w| is_url(w)).count();
    let teaser = n <= 40 && last_word(t).is_some_and(is_url);
    urls > 0 && (urls == n || n <= 12 && !t.contains("(@") || teaser)
}

/// Whether a word is a link as [`is_link`] sees them: a scheme, "www." or a shortener's host.
fn is_url(w: &str) -> bool {
    let w = w.to_lowercase();
    w.starts_with("http://")
        || w.starts_with("https://")
        || w.starts_with("www.")
        || w.contains(".ws/")
        || w.contains(".ly/")
        || w.contains(".com/")
}

/// The last word of a line but an ellipsis, "via" or a handle.
fn last_word(t: &str) -> Option<&str> {
    t.split_whitespace()
        .rev()
        .find(|w| !["…", "...", "via"].contains(w) && !w.starts_with('@'))
}

/// Subheads: a short standalone line (1 to 8 words, at most 60 characters) opening with a
/// capital or a digit, without final punctuation or a colon, between two paragraphs (a
/// transcript's lowercase speaker label "david sanger" and a list item "Adviser: Name" are
/// text).
pub fn is_subhead(l: &Line) -> bool {
    let t = l.text;
    l.between_paragraphs
        && (1..=8).contains(&l.words)
        && t.chars().count() <= 60
        && t.chars().any(char::is_alphabetic)
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !t.contains(':')
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’', '\'', ')', '…'])
        && !t.starts_with(['"', '“', '—', '-', '–', '•', '*'])
}

/// A line of the body: byte span of its trimmed text, its one-based number and its words
/// (counted as far as [`capped_words`] does).
struct Span {
    start: usize,
    end: usize,
    number: u32,
    words: usize,
}

/// The trimmed non-empty lines of `text[body..]`.
fn lines(text: &str, body: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut number = text[..body.min(text.len())].matches('\n').count() as u32;
    let mut pos = body.min(text.len());
    for raw in text[pos..].split('\n') {
        number += 1;
        out.extend(Span::of_line(raw, pos, number));
        pos += raw.len() + 1;
    }
    out
}

impl Span {
    /// The span of the line `raw` at byte `pos`, numbered `number`; none for a blank line.
    fn of_line(raw: &str, pos: usize, number: u32) -> Option<Span> {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        (!trimmed.is_empty()).then(|| Span {
            start: pos + lead,
            end: pos + lead + trimmed.len(),
            number,
            words: capped_words(trimmed),
        })
    }
}

/// Whether a paragraph line ends a sentence.
fn ends_sentence(t: &str) -> bool {
    t.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// A furniture line found: its span and the rule that took it.
pub struct Found {
    /// Byte offset of its trimmed text.
    pub start: usize,
    /// Byte offset past its trimmed text.
    pub end: usize,
    /// One-based line number.
    pub number: u32,
    /// The rule's name.
    pub reason: &'static str,
}

/// The furniture lines of `text[body..]`.
pub fn find_furniture(text: &str, body: usize) -> Vec<Found> {
    let ls = lines(text, body);
    let mut out = Vec::new();
    for (i, s) in ls.iter().enumerate() {
        let line = Line {
            text: &text[s.start..s.end],
            words: s.words,
            between_paragraphs: between_paragraphs(text, &ls, i),
        };
        if let Some(r) = RULES.iter().find(|r| (r.test)(&line)) {
            out.push(Found {
                start: s.start,
                end: s.end,
                number: s.number,
                reason: r.name,
            });
        }
    }
    out
}

/// Whether line `i` of `ls` stands between two paragraphs: the line before ends a sentence and
/// the line after is long.
fn between_paragraphs(text: &str, ls: &[Span], i: usize) -> bool {
    i > 0
        && i + 1 < ls.len()
        && ends_sentence(&text[ls[i - 1].start..ls[i - 1].end])
        && ls[i + 1].words > 14
}

/// Whether a word as written is a web address ("https://t.co/x", "www.x.org", "abcn.ws/2qj8",
/// "pic.twitter.com/x", "ABCNews.com/Politics"): no word of the text.
pub fn is_address(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let lower = w.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    let Some((host, _)) = lower.split_once('/') else {
        return false;
    };
    let tld = host.rsplit('.').next().unwrap_or("");
    host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && (2..=4).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// Blanks the web addresses inside the lines of `text[body..]` (one space per character):
/// a link in a paragraph is the page's, not the article's words.
pub fn blank_addresses(text: &mut String, body: usize) {
    let from = body.min(text.len());
    if !may_hold_address(&text[from..]) {
        return;
    }
    let spans = address_spans(text, from);
    blank_spans(text, spans);
}

/// Whether a text holds one of the marks every address [`is_address`] blanks has.
fn may_hold_address(rest: &str) -> bool {
    rest.contains("://") || rest.contains("www.") || rest.contains(".ws/") || rest.contains(".com/")
}

/// The byte spans of the web addresses of `text[from..]`.
fn address_spans(text: &str, from: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut pos = from;
    for w in text[pos..].split_inclusive(char::is_whitespace) {
        let word = w.trim_end();
        if is_address(word) {
            spans.push((pos, pos + word.len()));
        }
        pos += w.len();
    }
    spans
}

/// Blanks the furniture lines of `text[body..]` (one space per character, so character offsets
/// of the rest stay as in the file) and returns them; web addresses left inside other lines are
/// blanked too ([`blank_addresses`]), without a row.
pub fn blank_furniture(text: &mut String, body: usize) -> Vec<FurnitureLine> {
    let found = find_furniture(text, body);
    let lines = blank_lines_of(text, found);
    blank_addresses(text, body);
    lines
}

/// Blanks the lines `found` and returns them as rows.
fn blank_lines_of(text: &mut String, found: Vec<Found>) -> Vec<FurnitureLine> {
    if found.is_empty() {
        return Vec::new();
    }
    let lines = found
        .iter()
        .map(|f| FurnitureLine {
            line: f.number,
            reason: f.reason.to_string(),
            text: text[f.start..f.end].to_string(),
        })
        .collect();
    blank_spans(text, found.iter().map(|f| (f.start, f.end)));
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn credit_marks_found_with_and_without_the_shortcut() {
        for m in super::CREDIT_MARKS {
            let upper = m.to_ascii_uppercase();
            for line in [format!("The mayor spoke. {m} x"), format!("a {upper} b")] {
                assert!(super::has_credit_mark(&line), "{line}");
            }
        }
        assert!(!super::has_credit_mark("The photographer said no (twice)."));
        assert!(super::has_credit_mark(
            "Smith at the rally. Photograph: Jane Doe"
        ));
    }

    use super::*;

    fn line(t: &str) -> Line<'_> {
        Line::new(t, false)
    }

    fn between(t: &str) -> Line<'_> {
        Line::new(t, true)
    }

    #[test]
    fn navigation_and_teasers() {
        assert!(is_navigation(&line(
            "READ MORE: President Obama's news conference"
        )));
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
        assert!(is_caption(&line(
            "Image copyright Getty Images Image caption Mourners at a vigil"
        )));
        assert!(is_caption(&line(
            "Media playback is unsupported on your device Media caption Can coal make a comeback?"
        )));
        assert!(is_caption(&line("Facebook Twitter Pinterest Obama talks to a survivor. Photograph: Carlos Barria/Reuters")));
        assert!(is_caption(&line(
            "FILE - In this June 20, 2019 file photo, the Supreme Court is seen in Washington."
        )));
        assert!(is_caption(&line(
            "President Trump speaks in the Rose Garden. (AP Photo/Evan Vucci)"
        )));
        assert!(is_caption(&line("Win McNamee/Getty Images")));
        assert!(is_caption(&line("Saul Loeb/AFP via Getty Images, file")));
        assert!(!is_caption(&line(
            "Getty Images, the photo agency, said on Monday that it would cut 200 jobs in Seattle and London."
        )));
        assert!(!is_caption(&line(
            "The photograph shows the president at the border."
        )));
    }

    #[test]
    fn copyright_share_and_links() {
        assert!(is_copyright(&line(
            "Copyright 2018 The Associated Press. All rights reserved."
        )));
        assert!(is_copyright(&line("COPYRIGHT 2017 CREATORS.COM")));
        assert!(!is_copyright(&line(
            "The copyright case went to the Supreme Court after years of appeals."
        )));
        assert!(is_share_widget(&line("Share Tweet")));
        assert!(is_share_widget(&line("ARTICLE Share Tweet Email")));
        assert!(is_share_widget(&line("Facebook | Twitter | Pinterest")));
        assert!(is_share_widget(&line("Share this")));
        assert!(!is_share_widget(&line("The share of votes")));
        assert!(!is_share_widget(&line(
            "Twitter banned the account on Monday."
        )));
        assert!(is_link(&line(
            "https://twitter.com/alex/status/872815560442228737"
        )));
        assert!(is_link(&line(
            "More AP NHL: http://apnews.com/NHL and https://twitter.com/AP_Sports"
        )));
        assert!(is_link(&line(
            "@oliverdarcy: Worth remembering that once upon a time, @FoxNews called out Trump for behavior of the Oval Office http://www.mediaite.com/online/read …"
        )));
        assert!(!is_link(&line(
            "Trump decided he would not live-tweet https://t.co/P0SouqYAja — Tara Palmeri (@tarapalmeri) June 8, 2017"
        )));
    }

    #[test]
    fn addresses_inside_a_line_are_blanked() {
        for w in [
            "https://t.co/P0So",
            "abcn.ws/2qj8160",
            "www.apnorc.org/",
            "pic.twitter.com/qlJ8O22UvO",
            "ABCNews.com/Politics.",
        ] {
            assert!(is_address(w), "{w}");
        }
        for w in ["and/or", "U.S./Mexico", "Mr./Ms.", "9/11", "a.m./p.m."] {
            assert!(!is_address(w), "{w}");
        }
        let mut t = "He said so http://abcn.ws/2q in a note.".to_string();
        blank_addresses(&mut t, 0);
        let gap = " ".repeat("http://abcn.ws/2q".len());
        assert_eq!(t, format!("He said so {gap} in a note."));
    }

    #[test]
    fn subheads_stand_between_paragraphs() {
        assert!(is_subhead(&between("Storm Coverage")));
        assert!(is_subhead(&between("What the Senate bill does")));
        assert!(
            !is_subhead(&line("Storm Coverage")),
            "not between paragraphs"
        );
        assert!(!is_subhead(&between("Four examples:")));
        assert!(
            !is_subhead(&between("david sanger")),
            "a transcript's speaker label"
        );
        assert!(!is_subhead(&between(
            "National Security Advisor: Michael Flynn"
        )));
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
        // a furniture line's text is as written, its address included
        let mut t = format!("{para}\nFollow Lemire on Twitter at http://twitter.com/x\n");
        let found = blank_furniture(&mut t, 0);
        assert_eq!(
            found[0].text,
            "Follow Lemire on Twitter at http://twitter.com/x"
        );
    }
}
