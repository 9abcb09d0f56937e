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
        if text.is_ascii() {
            return Self { text, blocks: None };
        }
        let b = text.as_bytes();
        let mut blocks = Vec::with_capacity(b.len() / Self::BLOCK + 1);
        let mut acc = 0u64;
        for chunk in b.chunks(Self::BLOCK) {
            blocks.push(acc);
            acc += chunk.iter().filter(|&&c| (c as i8) >= -0x40).count() as u64;
        }
        Self {
            text,
            blocks: Some(blocks),
        }
    }
    /// Character offset of byte offset `byte` (which must be a char boundary).
    pub fn char_at(&self, byte: usize) -> u64 {
        match &self.blocks {
            None => byte as u64,
            Some(bl) => {
                let k = byte / Self::BLOCK;
                let start = k * Self::BLOCK;
                let base = bl
                    .get(k)
                    .copied()
                    .unwrap_or_else(|| self.text.chars().count() as u64);
                base + self.text.as_bytes()[start.min(self.text.len())..byte.min(self.text.len())]
                    .iter()
                    .filter(|&&c| (c as i8) >= -0x40)
                    .count() as u64
            }
        }
    }
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
