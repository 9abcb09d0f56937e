//! UAX #29 word boundaries computed on bytes for ASCII, curly quotes, dashes, guillemets and NBSP.

/// Word_Break classes of UAX #29 for the characters of the word fast path: ASCII plus the curly
/// quotes, dashes, guillemets and no-break space of news text. `O` is every class that neither
/// joins nor is joined (Other, spaces, line breaks, and the double quote outside Hebrew).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter.
    L,
    /// Numeric.
    N,
    /// ExtendNumLet (`_`).
    E,
    /// MidLetter (`:`).
    Ml,
    /// MidNum (`,` `;`).
    Mn,
    /// MidNumLet and Single_Quote (`.` `'` `‘` `’`): MidNumLetQ in the rules.
    Q,
    /// Anything else on the fast path.
    O,
}

const fn ascii_wb_table() -> [Wb; 128] {
    let mut t = [Wb::O; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            Wb::L
        } else if b.is_ascii_digit() {
            Wb::N
        } else {
            match b {
                b'_' => Wb::E,
                b':' => Wb::Ml,
                b',' | b';' => Wb::Mn,
                b'.' | b'\'' => Wb::Q,
                _ => Wb::O,
            }
        };
        i += 1;
    }
    t
}

static ASCII_WB: [Wb; 128] = ascii_wb_table();

/// Class and byte width of the character at `i`, or `None` off the fast path.
#[inline]
fn wb_at(b: &[u8], i: usize) -> Option<(Wb, usize)> {
    let c = b[i];
    if c < 0x80 {
        return Some((ASCII_WB[c as usize], 1));
    }
    match (c, b.get(i + 1), b.get(i + 2)) {
        // U+2018 U+2019 single quotation marks (MidNumLet)
        (0xE2, Some(0x80), Some(0x98 | 0x99)) => Some((Wb::Q, 3)),
        // U+201C U+201D double quotation marks, U+2013 U+2014 dashes (Other)
        (0xE2, Some(0x80), Some(0x9C | 0x9D | 0x93 | 0x94)) => Some((Wb::O, 3)),
        // U+00A0 no-break space, U+00AB U+00BB guillemets (Other)
        (0xC2, Some(0xA0 | 0xAB | 0xBB), _) => Some((Wb::O, 2)),
        _ => None,
    }
}

/// Word tokens of `s` by the UAX #29 word rules, for text made only of fast-path characters
/// (see `Wb`): calls `emit(start, end)` for every word and returns true, or returns false
/// without calling it when `s` holds another character (the caller then uses
/// unicode-segmentation). The same words as `unicode_word_indices`, proven by property tests on
/// random and real text; faster, as no character goes through the Unicode tables.
pub fn fast_words(s: &str, mut emit: impl FnMut(usize, usize)) -> bool {
    let b = s.as_bytes();
    if !s.is_ascii() && !on_fast_path(b) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let (c, w) = fast_class(b, i);
        if !matches!(c, Wb::L | Wb::N | Wb::E) {
            i += w;
            continue;
        }
        let word = word_from(b, i, c, w);
        if word.alnum {
            emit(i, word.end);
        }
        i = word.end;
    }
    true
}

/// Whether every character of `b` is on the fast path.
fn on_fast_path(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match wb_at(b, i) {
            Some((_, w)) => i += w,
            None => return false,
        }
    }
    true
}

/// Class and byte width of the character at `i` of a text known to be on the fast path.
#[inline]
fn fast_class(b: &[u8], i: usize) -> (Wb, usize) {
    wb_at(b, i).unwrap_or((Wb::O, 1))
}

/// Where a word ends, and whether it is one.
struct WordEnd {
    /// Byte offset past its last character.
    end: usize,
    /// It holds a letter or digit (a run of ExtendNumLet alone is no word).
    alnum: bool,
}

/// The word starting at `start` with a character of class `c` and width `w` (a letter, digit
/// or ExtendNumLet), extended by the word rules.
#[inline]
fn word_from(b: &[u8], start: usize, c: Wb, w: usize) -> WordEnd {
    let n = b.len();
    let mut last = c;
    let mut alnum = c != Wb::E;
    let mut i = start + w;
    while i < n {
        let (k, kw) = fast_class(b, i);
        match (last, k) {
            // WB5, WB8, WB9, WB10, WB13a, WB13b
            (Wb::L | Wb::N, Wb::L | Wb::N)
            | (Wb::L | Wb::N | Wb::E, Wb::E)
            | (Wb::E, Wb::L | Wb::N) => {
                alnum |= k != Wb::E;
                last = k;
                i += kw;
            }
            // WB6/WB7: letter (MidLetter | MidNumLetQ) letter;
            // WB11/WB12: digit (MidNum | MidNumLetQ) digit
            (Wb::L, Wb::Ml | Wb::Q) | (Wb::N, Wb::Mn | Wb::Q) if i + kw < n => {
                let (k2, k2w) = fast_class(b, i + kw);
                if k2 != last {
                    break;
                }
                i += kw + k2w;
            }
            _ => break,
        }
    }
    WordEnd { end: i, alnum }
}
