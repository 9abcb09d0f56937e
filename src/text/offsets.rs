//! Offsets and contexts in a document's text: byte to character offsets, char boundaries, and the
//! left and right KWIC contexts of a match.

/// Left KWIC context: up to `width` characters before `s`, on one line.
pub fn kwic_left(text: &str, body: usize, s: usize, width: usize) -> String {
    let lo = text[body..s]
        .char_indices()
        .rev()
        .nth(width.saturating_sub(1))
        .map(|(i, _)| body + i)
        .unwrap_or(body);
    text[lo..s].replace(['\n', '\r', '\t'], " ")
}

/// Right KWIC context: up to `width` characters after `e`, on one line.
pub fn kwic_right(text: &str, e: usize, width: usize) -> String {
    let hi = text[e..]
        .char_indices()
        .nth(width)
        .map(|(i, _)| e + i)
        .unwrap_or(text.len());
    text[e..hi].replace(['\n', '\r', '\t'], " ")
}

/// Byte → character offset conversion, cheap for ASCII and block-indexed otherwise.
pub struct CharIndex<'a> {
    text: &'a str,
    blocks: Option<Vec<u64>>,
}

impl<'a> CharIndex<'a> {
    const BLOCK: usize = 256;
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let blocks = (!text.is_ascii()).then(|| Self::block_starts(text));
        Self { text, blocks }
    }

    /// The character offset of the start of every block of [`Self::BLOCK`] bytes.
    fn block_starts(text: &str) -> Vec<u64> {
        let b = text.as_bytes();
        let mut blocks = Vec::with_capacity(b.len() / Self::BLOCK + 1);
        let mut acc = 0u64;
        for chunk in b.chunks(Self::BLOCK) {
            blocks.push(acc);
            acc += count_chars(chunk);
        }
        blocks
    }

    /// Character offset of byte offset `byte` (which must be a char boundary).
    pub fn char_at(&self, byte: usize) -> u64 {
        let Some(bl) = &self.blocks else {
            return byte as u64;
        };
        let k = byte / Self::BLOCK;
        let base = bl
            .get(k)
            .copied()
            .unwrap_or_else(|| self.text.chars().count() as u64);
        let len = self.text.len();
        base + count_chars(&self.text.as_bytes()[(k * Self::BLOCK).min(len)..byte.min(len)])
    }
}

/// The characters of UTF-8 bytes: the bytes that are no continuation byte.
fn count_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&c| (c as i8) >= -0x40).count() as u64
}

/// Replaces every character of the byte spans `spans` of `text` (in order, not overlapping) by a
/// space, so that character offsets of the rest stay as they were.
pub fn blank_spans(text: &mut String, spans: impl IntoIterator<Item = (usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in spans {
        out.push_str(&text[at..s]);
        out.extend(std::iter::repeat_n(' ', text[s..e].chars().count()));
        at = e;
    }
    out.push_str(&text[at..]);
    *text = out;
}

/// The largest char boundary at or below `i`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_chars() {
        let t = "a“b”c".repeat(200) + "é";
        let ci = CharIndex::new(&t);
        for (ch, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ci.char_at(b), ch as u64);
        }
        assert_eq!(ci.char_at(t.len()), t.chars().count() as u64);
    }

    #[test]
    fn kwic_contexts() {
        let t = "one two\nthree four";
        assert_eq!(kwic_left(t, 0, 8, 5), " two ");
        assert_eq!(kwic_right(t, 7, 3), " th");
    }
}
