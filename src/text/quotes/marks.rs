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

/// Finds quotation spans in `text[body..]` (offsets stay relative to the whole `text`).
///
/// Returns `(start, end, unbalanced, paragraphs)`; spans never overlap and never run past a
/// paragraph unless the next paragraph reopens the quote.
pub fn find_spans(text: &str, body: usize) -> Vec<(usize, usize, bool, u32)> {
    spans::<true>(text, body)
}

/// [`find_spans`] looking at every character instead of jumping between bytes that can start a
/// quotation mark: the reference the fast version is tested against (not for use).
#[doc(hidden)]
pub fn find_spans_char_by_char(text: &str, body: usize) -> Vec<(usize, usize, bool, u32)> {
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

fn spans<const SKIP: bool>(text: &str, body: usize) -> Vec<(usize, usize, bool, u32)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut dbl: Option<Open> = None;
    let mut sgl: Option<Open>;
    let mut para_start = body;
    let len = text.len();
    while para_start < len {
        let para_end = memchr::memchr(b'\n', &bytes[para_start..])
            .map(|i| para_start + i)
            .unwrap_or(len);
        let para = &text[para_start..para_end];
        if para.trim().is_empty() {
            para_start = para_end + 1;
            continue;
        }
        // A quote carried over from the previous paragraph continues only if this one reopens it.
        let lead_ws = para.len() - para.trim_start().len();
        let first = para.trim_start().chars().next();
        let mut skip_at = usize::MAX;
        if let Some(o) = dbl.as_mut() {
            let opened = text[o.start..].chars().next();
            if first.is_some_and(|c| {
                mark(c).is_some_and(|(f, r)| f == Family::Double && r != Role::Close)
                    && same_style(opened, c)
            }) || para.trim_start().starts_with("''")
                || para.trim_start().starts_with("``")
            {
                o.paragraphs += 1;
                o.nested = None;
                skip_at = para_start + lead_ws;
            } else {
                dbl = None;
            }
        }
        sgl = None;
        let pb = para.as_bytes();
        let mut off = 0;
        let mut prev: Option<char> = None;
        while off < pb.len() {
            if SKIP && !MARK_LEAD[pb[off] as usize] {
                // no mark starts before the next lead byte: jump there, remembering the
                // character before it (what the rules below look at)
                let k = pb[off..]
                    .iter()
                    .position(|&b| MARK_LEAD[b as usize])
                    .map_or(pb.len(), |k| off + k);
                prev = para[..k].chars().next_back();
                off = k;
                continue;
            }
            let Some(mut c) = para[off..].chars().next() else {
                break;
            };
            let mut width = c.len_utf8();
            let mut next = para[off + width..].chars().next();
            let pos = para_start + off;
            if (c == '\'' || c == '`') && next == Some(c) {
                // '' and `` as one double mark (NYT and LaTeX style)
                width = 2;
                next = para[off + width..].chars().next();
                c = '"';
            }
            if let Some((fam, role)) = mark(c) {
                if pos == skip_at {
                    prev = Some(c);
                    off += width;
                    continue;
                }
                match fam {
                    Family::Double => {
                        sgl = None; // a double mark ends any single-quote guess
                        let can_close = match role {
                            Role::Close => true,
                            Role::Open => false,
                            Role::Either => {
                                dbl.is_some_and(|o| o.opener == '\u{201E}' && c == '\u{201C}')
                                    || !is_open_context(prev)
                                    || is_close_context(next) && c != '\u{201C}'
                            }
                        };
                        let can_open = match role {
                            Role::Open => true,
                            Role::Close => {
                                is_open_context(prev) && next.is_some_and(|n| n.is_alphanumeric())
                            }
                            Role::Either => is_open_context(prev) || c == '\u{201C}',
                        };
                        match dbl {
                            // inside a nested quotation only its closing mark counts; any
                            // other double mark is part of it
                            Some(mut o) if o.nested == Some(c) && !is_open_context(prev) => {
                                o.nested = None;
                                dbl = Some(o);
                            }
                            Some(o) if o.nested.is_some() => {}
                            Some(mut o) if opens_nested(o.opener, c, prev, next) => {
                                o.nested = Some(nested_closer(c));
                                dbl = Some(o);
                            }
                            Some(o)
                                if can_close
                                    && (c != '\u{201C}'
                                        || o.opener == '\u{201E}'
                                        || !is_open_context(prev)
                                        || next.is_none_or(|n| n.is_whitespace())) =>
                            {
                                let end = pos + width;
                                if text[o.start..end].chars().count() > 2 || end - o.start > 2 {
                                    out.push((o.start, end, false, o.paragraphs));
                                }
                                dbl = None;
                            }
                            Some(o) if can_open => {
                                // A new opener while one is open: the earlier quote was never closed.
                                let e = trim_end_at(text, o.start, pos);
                                out.push((o.start, e, true, o.paragraphs));
                                dbl = Some(Open {
                                    start: pos,
                                    family: fam,
                                    opener: c,
                                    paragraphs: 1,
                                    nested: None,
                                });
                            }
                            Some(_) => {}
                            None if can_open => {
                                dbl = Some(Open {
                                    start: pos,
                                    family: fam,
                                    opener: c,
                                    paragraphs: 1,
                                    nested: None,
                                })
                            }
                            None => {}
                        }
                    }
                    Family::Single if dbl.is_none() => {
                        let letter_before = prev.is_some_and(char::is_alphanumeric);
                        let letter_after = next.is_some_and(char::is_alphanumeric);
                        match sgl {
                            None => {
                                let opens = role != Role::Close
                                    && is_open_context(prev)
                                    && next
                                        .is_some_and(|n| n.is_alphanumeric() || mark(n).is_some())
                                    && !apostrophe_opening(&para[off + c.len_utf8()..]);
                                if opens {
                                    sgl = Some(Open {
                                        start: pos,
                                        family: fam,
                                        opener: c,
                                        paragraphs: 1,
                                        nested: None,
                                    });
                                }
                            }
                            Some(o) => {
                                let closes = role != Role::Open
                                    && !(letter_before && letter_after)
                                    && !prev.is_some_and(char::is_whitespace)
                                    && is_close_context(next);
                                if closes {
                                    let end = pos + c.len_utf8();
                                    out.push((o.start, end, false, 1));
                                    sgl = None;
                                }
                            }
                        }
                    }
                    Family::Single => {}
                }
            }
            prev = Some(c);
            off += width;
        }
        // End of paragraph: a double quote stays open only if the next paragraph reopens it.
        if let Some(o) = dbl {
            let mut np = para_end + 1;
            while np < len {
                let ne = memchr::memchr(b'\n', &bytes[np..])
                    .map(|i| np + i)
                    .unwrap_or(len);
                if !text[np..ne].trim().is_empty() {
                    break;
                }
                np = ne + 1;
            }
            let next_para = if np < len {
                text[np..].trim_start()
            } else {
                ""
            };
            let opened = text[o.start..].chars().next();
            let reopens = np < len
                && (next_para.chars().next().is_some_and(|c| {
                    mark(c).is_some_and(|(f, r)| f == o.family && r != Role::Close)
                        && same_style(opened, c)
                }) || o.family == Family::Double
                    && (next_para.starts_with("''") || next_para.starts_with("``")));
            if !reopens {
                let e = trim_end_at(text, o.start, para_end);
                if e > o.start + 1 {
                    out.push((o.start, e, true, o.paragraphs));
                }
                dbl = None;
            }
        }
        para_start = para_end + 1;
    }
    if let Some(o) = dbl {
        out.push((o.start, trim_end_at(text, o.start, len), true, o.paragraphs));
    }
    out.sort_by_key(|s| s.0);
    out
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
        find_spans(t, 0).iter().map(|s| &t[s.0..s.1]).collect()
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
        assert!(s[0].2, "flagged");
        assert_eq!(&t[s[0].0..s[0].1], "“this never closes.");
        assert_eq!(&t[s[1].0..s[1].1], "“a quote”");
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
