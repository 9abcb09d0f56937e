//! The quotation-mark scanner: which marks open and close, apostrophes told apart, quotes over
//! several paragraphs, unbalanced quotes closed at their paragraph end.

/// Quote mark families: marks of one family pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// How a mark can act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn mark(c: char) -> Option<(Family, Role)> {
    Some(match c {
        '\u{201C}' => (Family::Double, Role::Either), // “ opens in English, closes after „
        '\u{201D}' => (Family::Double, Role::Close),  // ”
        '"' | '\u{FF02}' => (Family::Double, Role::Either),
        '\u{201E}' => (Family::Double, Role::Open), // „
        '\u{00AB}' | '\u{300C}' | '\u{300E}' | '\u{301D}' => (Family::Double, Role::Open), // « 「 『 〝
        '\u{00BB}' | '\u{300D}' | '\u{300F}' | '\u{301E}' => (Family::Double, Role::Close), // » 」 』 〞
        '\u{2018}' | '\u{201A}' | '\u{2039}' => (Family::Single, Role::Open),               // ‘ ‚ ‹
        '\u{2019}' | '\u{203A}' => (Family::Single, Role::Close),                           // ’ ›
        '\'' => (Family::Single, Role::Either),
        '`' => (Family::Single, Role::Open),
        _ => return None,
    })
}

/// Whether `c` is a quotation mark of any family.
pub(super) fn is_mark(c: char) -> bool {
    mark(c).is_some()
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | ':'
                        | '“'
                        | '‘'
                        | '"'
                        | '\''
                        | '«'
                        | '„'
                )
        }
    }
}

fn is_close_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || (n.is_ascii_punctuation() && n != '\'')
                || matches!(n, '—' | '–' | '”' | '’' | '»' | '…')
        }
    }
}

/// Apostrophe cases that look like an opening single quote: '90s, 'n', 'em, 'til, 'cause, 'tis.
fn apostrophe_opening(after: &str) -> bool {
    let lower: String = after.chars().take(7).collect::<String>().to_lowercase();
    let first = lower.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    [
        "n'", "n’", "em ", "til ", "cause ", "tis ", "twas ", "bout ", "round ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[derive(Debug, Clone, Copy)]
struct Open {
    start: usize,
    family: Family,
    opener: char,
    paragraphs: u32,
    /// The mark that closes a quotation of the other style nested in this one (straight marks
    /// inside curly ones or the reverse: “He called it "fake",” she said).
    nested: Option<char>,
}

impl Open {
    /// A quotation of `family` opened by the mark `m`.
    fn at(m: &Met, family: Family) -> Self {
        Self {
            start: m.pos,
            family,
            opener: m.c,
            paragraphs: 1,
            nested: None,
        }
    }
}

/// The mark that closes a nested quotation opened by `c`.
fn nested_closer(c: char) -> char {
    match c {
        '\u{201C}' => '\u{201D}',
        '\u{00AB}' => '\u{00BB}',
        '\u{201E}' => '\u{201C}',
        other => other,
    }
}

/// Whether `c` opens a quotation nested in one opened by `outer`: a mark of the other style,
/// at the start of a word.
fn opens_nested(outer: char, c: char, prev: Option<char>, next: Option<char>) -> bool {
    let curly = |m: char| matches!(m, '\u{201C}' | '\u{00AB}' | '\u{201E}');
    let styles_differ = (outer == '"' && curly(c)) || (curly(outer) && c == '"');
    styles_differ && is_open_context(prev) && next.is_some_and(char::is_alphanumeric)
}

/// A quotation as the scanner finds it: byte offsets of the opening mark and just past the
/// closing one (or the paragraph end), whether no closing mark was found, and how many
/// paragraphs it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark (or the paragraph's end, spaces cut).
    pub end: usize,
    /// No closing mark was found.
    pub unbalanced: bool,
    /// Number of paragraphs the quotation spans.
    pub paragraphs: u32,
}

impl Span {
    fn new(start: usize, end: usize, unbalanced: bool, paragraphs: u32) -> Self {
        Self {
            start,
            end,
            unbalanced,
            paragraphs,
        }
    }
}

/// Finds quotation spans in `text[body..]` (offsets stay relative to the whole `text`).
///
/// Spans never overlap and never run past a
/// paragraph unless the next paragraph reopens the quote.
pub fn find_spans(text: &str, body: usize) -> Vec<Span> {
    spans::<true>(text, body)
}

/// [`find_spans`] looking at every character instead of jumping between bytes that can start a
/// quotation mark: the reference the fast version is tested against (not for use).
#[doc(hidden)]
pub fn find_spans_char_by_char(text: &str, body: usize) -> Vec<Span> {
    spans::<false>(text, body)
}

/// Bytes that can start a quotation mark in UTF-8 (see `mark`): `"` `'` `` ` `` and the lead
/// bytes of « » (C2), ‘ ’ ‚ “ ” „ ‹ › (E2), 「 」 『 』 〝 〞 (E3) and ＂ (EF).
static MARK_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'`' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

fn spans<const SKIP: bool>(text: &str, body: usize) -> Vec<Span> {
    let mut scan = Scanner::new(text);
    let mut para_start = body;
    while para_start < text.len() {
        let para_end = line_end(text, para_start);
        if !text[para_start..para_end].trim().is_empty() {
            scan.paragraph::<SKIP>(para_start, para_end);
        }
        para_start = para_end + 1;
    }
    scan.finish()
}

/// End of the line starting at `from` (the text's end for the last line).
fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
}

/// The rest of the text from the next line that is not blank after `para_end`, its leading
/// spaces cut, if there is one.
fn next_paragraph(text: &str, para_end: usize) -> Option<&str> {
    let mut np = para_end + 1;
    while np < text.len() {
        let ne = line_end(text, np);
        if !text[np..ne].trim().is_empty() {
            return Some(text[np..].trim_start());
        }
        np = ne + 1;
    }
    None
}

/// A mark met in a paragraph: the character (`''` and ``` `` ``` read as one `"`), its byte
/// offset in the text and width, and the characters either side of it.
struct Met {
    c: char,
    pos: usize,
    width: usize,
    prev: Option<char>,
    next: Option<char>,
}

/// The character at `off` of `para` (which starts at byte `para_start` of the text), after
/// `prev`.
fn met_at(para: &str, para_start: usize, off: usize, prev: Option<char>) -> Option<Met> {
    let c = para[off..].chars().next()?;
    let width = c.len_utf8();
    let next = para[off + width..].chars().next();
    let pos = para_start + off;
    if (c == '\'' || c == '`') && next == Some(c) {
        // '' and `` as one double mark (NYT and LaTeX style)
        let next = para[off + 2..].chars().next();
        return Some(Met {
            c: '"',
            pos,
            width: 2,
            prev,
            next,
        });
    }
    Some(Met {
        c,
        pos,
        width,
        prev,
        next,
    })
}

/// Where the scan of a paragraph jumps from `off` when no mark can start there: the next byte
/// that can start one, and the character before it (what the rules look at).
fn jump(para: &str, off: usize) -> (usize, Option<char>) {
    let pb = para.as_bytes();
    let k = pb[off..]
        .iter()
        .position(|&b| MARK_LEAD[b as usize])
        .map_or(pb.len(), |k| off + k);
    (k, para[..k].chars().next_back())
}

/// Whether a quotation `o` open at a paragraph's end goes on in the paragraph `next` (its
/// leading spaces cut): `next` opens with a mark of its family and style, or with `''`/``` `` ```.
fn reopened_by(text: &str, o: &Open, next: &str) -> bool {
    let opened = text[o.start..].chars().next();
    next.chars().next().is_some_and(|c| {
        mark(c).is_some_and(|(f, r)| f == o.family && r != Role::Close) && same_style(opened, c)
    }) || o.family == Family::Double && (next.starts_with("''") || next.starts_with("``"))
}

/// Whether a double mark may close the open quotation `dbl`.
fn double_can_close(dbl: Option<Open>, m: &Met, role: Role) -> bool {
    match role {
        Role::Close => true,
        Role::Open => false,
        Role::Either => {
            dbl.is_some_and(|o| o.opener == '\u{201E}' && m.c == '\u{201C}')
                || !is_open_context(m.prev)
                || is_close_context(m.next) && m.c != '\u{201C}'
        }
    }
}

/// Whether a double mark may open a quotation.
fn double_can_open(m: &Met, role: Role) -> bool {
    match role {
        Role::Open => true,
        Role::Close => is_open_context(m.prev) && m.next.is_some_and(|n| n.is_alphanumeric()),
        Role::Either => is_open_context(m.prev) || m.c == '\u{201C}',
    }
}

/// The scan's state: the spans found, the double quotation open (it may run over paragraphs)
/// and the single one (never past its paragraph).
struct Scanner<'a> {
    text: &'a str,
    out: Vec<Span>,
    dbl: Option<Open>,
    sgl: Option<Open>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            out: Vec::new(),
            dbl: None,
            sgl: None,
        }
    }

    /// Scans the paragraph `para_start..para_end` (not blank).
    fn paragraph<const SKIP: bool>(&mut self, para_start: usize, para_end: usize) {
        let skip_at = self.carry_over(para_start, para_end);
        self.sgl = None;
        let para = &self.text[para_start..para_end];
        let (mut off, mut prev) = (0, None);
        while off < para.len() {
            if SKIP && !MARK_LEAD[para.as_bytes()[off] as usize] {
                (off, prev) = jump(para, off);
                continue;
            }
            let Some(m) = met_at(para, para_start, off, prev) else {
                break;
            };
            if m.pos != skip_at {
                self.on_mark(&m, &para[off + m.c.len_utf8()..]);
            }
            prev = Some(m.c);
            off += m.width;
        }
        self.close_at_paragraph_end(para_end);
    }

    /// A double quotation open at the paragraph's start continues only if the paragraph
    /// reopens it; then the reopening mark is skipped (its byte offset returned).
    fn carry_over(&mut self, para_start: usize, para_end: usize) -> usize {
        let para = &self.text[para_start..para_end];
        let Some(o) = self.dbl.as_mut() else {
            return usize::MAX;
        };
        if reopened_by(self.text, o, para.trim_start()) {
            o.paragraphs += 1;
            o.nested = None;
            para_start + para.len() - para.trim_start().len()
        } else {
            self.dbl = None;
            usize::MAX
        }
    }

    /// A character met; `rest` is the paragraph after it.
    fn on_mark(&mut self, m: &Met, rest: &str) {
        match mark(m.c) {
            Some((Family::Double, role)) => self.on_double(m, role),
            Some((Family::Single, role)) if self.dbl.is_none() => self.on_single(m, role, rest),
            _ => {}
        }
    }

    fn on_double(&mut self, m: &Met, role: Role) {
        self.sgl = None; // a double mark ends any single-quote guess
        let can_close = double_can_close(self.dbl, m, role);
        let can_open = double_can_open(m, role);
        match self.dbl.as_mut() {
            // inside a nested quotation only its closing mark counts; any other double mark
            // is part of it
            Some(o) if o.nested == Some(m.c) && !is_open_context(m.prev) => o.nested = None,
            Some(o) if o.nested.is_some() => {}
            Some(o) if opens_nested(o.opener, m.c, m.prev, m.next) => {
                o.nested = Some(nested_closer(m.c))
            }
            Some(o) if can_close && closes_double(o, m) => self.close_double(m),
            Some(o) if can_open => {
                // A new opener while one is open: the earlier quote was never closed.
                let e = trim_end_at(self.text, o.start, m.pos);
                self.out.push(Span::new(o.start, e, true, o.paragraphs));
                self.dbl = Some(Open::at(m, Family::Double));
            }
            None if can_open => self.dbl = Some(Open::at(m, Family::Double)),
            _ => {}
        }
    }

    /// Closes the open double quotation at `m` (a quotation of one or two characters is none).
    fn close_double(&mut self, m: &Met) {
        if let Some(o) = self.dbl.take() {
            let end = m.pos + m.width;
            if self.text[o.start..end].chars().count() > 2 || end - o.start > 2 {
                self.out.push(Span::new(o.start, end, false, o.paragraphs));
            }
        }
    }

    fn on_single(&mut self, m: &Met, role: Role, rest: &str) {
        let letter_before = m.prev.is_some_and(char::is_alphanumeric);
        let letter_after = m.next.is_some_and(char::is_alphanumeric);
        match self.sgl {
            None => {
                let opens = role != Role::Close
                    && is_open_context(m.prev)
                    && m.next
                        .is_some_and(|n| n.is_alphanumeric() || mark(n).is_some())
                    && !apostrophe_opening(rest);
                if opens {
                    self.sgl = Some(Open::at(m, Family::Single));
                }
            }
            Some(o) => {
                let closes = role != Role::Open
                    && !(letter_before && letter_after)
                    && !m.prev.is_some_and(char::is_whitespace)
                    && is_close_context(m.next);
                if closes {
                    self.out
                        .push(Span::new(o.start, m.pos + m.c.len_utf8(), false, 1));
                    self.sgl = None;
                }
            }
        }
    }

    /// End of paragraph: a double quote stays open only if the next paragraph reopens it.
    fn close_at_paragraph_end(&mut self, para_end: usize) {
        let Some(o) = self.dbl else {
            return;
        };
        let reopens =
            next_paragraph(self.text, para_end).is_some_and(|n| reopened_by(self.text, &o, n));
        if !reopens {
            let e = trim_end_at(self.text, o.start, para_end);
            if e > o.start + 1 {
                self.out.push(Span::new(o.start, e, true, o.paragraphs));
            }
            self.dbl = None;
        }
    }

    /// The spans in text order, a quotation still open closed at the text's end.
    fn finish(mut self) -> Vec<Span> {
        if let Some(o) = self.dbl {
            let e = trim_end_at(self.text, o.start, self.text.len());
            self.out.push(Span::new(o.start, e, true, o.paragraphs));
        }
        self.out.sort_by_key(|s| s.start);
        self.out
    }
}

/// Whether a double mark that may close does close `o`: “ closes only after „, or where it
/// cannot open (after a word, or before a space or the paragraph's end).
fn closes_double(o: &Open, m: &Met) -> bool {
    m.c != '\u{201C}'
        || o.opener == '\u{201E}'
        || !is_open_context(m.prev)
        || m.next.is_none_or(|n| n.is_whitespace())
}

/// End offset with trailing whitespace removed, never before `start`.
fn trim_end_at(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Whether a mark opening a paragraph continues a quotation opened with `opened`: a straight
/// mark continues a straight one and a typographic mark a typographic one (an excerpt whose
/// paragraphs open with `"` holds “…” quotations of its own; they do not carry it on).
fn same_style(opened: Option<char>, c: char) -> bool {
    let straight = |c: char| matches!(c, '"' | '\'' | '`');
    opened.is_none_or(|o| straight(o) == straight(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        find_spans(t, 0)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            spans("He said “hello there” and \"bye now\"."),
            vec!["“hello there”", "\"bye now\""]
        );
        assert_eq!(
            spans("«Bonjour» and „Guten Tag“ and 「こんにちは」"),
            vec!["«Bonjour»", "„Guten Tag“", "「こんにちは」"]
        );
        assert_eq!(spans("Er sagte ‹nein› und ging."), vec!["‹nein›"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(spans("Don't stop the students' union in the '90s with rock 'n' roll.").is_empty());
        assert_eq!(
            spans("They called it ‘a farce’ and it wasn’t."),
            vec!["‘a farce’"]
        );
        assert_eq!(spans("He said 'no way' twice."), vec!["'no way'"]);
    }

    #[test]
    fn single_inside_double() {
        assert_eq!(
            spans("“He called it ‘fake’ again,” she said."),
            vec!["“He called it ‘fake’ again,”"]
        );
    }

    #[test]
    fn an_excerpt_in_straight_marks_is_not_carried_on_by_curly_quotes() {
        // paragraphs of a quoted excerpt open with `"` and never close; the “…” quotations in
        // the paragraphs between are their own
        let t = "\"Melanie thought the whole thing was outrageous.\n\n“It never crossed my mind,” she said.\n\n\"Kevin was snoring.\n\n“Here he is, babe,” she said.";
        let s = spans(t);
        assert!(s.contains(&"“It never crossed my mind,”"), "{s:?}");
        assert!(s.contains(&"“Here he is, babe,”"), "{s:?}");
        // a quotation over several paragraphs in one style is still one
        let t = "“First part of it.\n\n“Second part ends here,” he said.";
        assert_eq!(find_spans(t, 0).len(), 1);
    }

    #[test]
    fn unbalanced_recovers_at_paragraph_end() {
        let t = "He said “this never closes.\nThe next paragraph has “a quote” in it.";
        let s = find_spans(t, 0);
        assert_eq!(s.len(), 2);
        assert!(s[0].unbalanced, "flagged");
        assert_eq!(&t[s[0].start..s[0].end], "“this never closes.");
        assert_eq!(&t[s[1].start..s[1].end], "“a quote”");
    }

    #[test]
    fn pretokenized_spacing() {
        assert_eq!(
            spans("“ Everyone seemed to like him , ” he said ."),
            vec!["“ Everyone seemed to like him , ”"]
        );
        assert_eq!(
            spans("\" Everyone liked him , \" he said ."),
            vec!["\" Everyone liked him , \""]
        );
    }
}
