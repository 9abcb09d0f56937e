//! Boilerplate lines: a document's lines as keys that can be counted across the documents of a
//! source (banners, bylines, "Advertisement", newsletter pitches recur there, article text does
//! not), and the blanking of chosen lines so that they count as no text at all.

use super::hash::word_hash;
use super::offsets::blank_spans;

/// Keys of the distinct non-empty lines of `text[body..]`: a stable hash of the source and the
/// trimmed line, so that counts merge across workers, runs and shards.
pub fn line_keys(source: &str, text: &str, body: usize) -> Vec<u64> {
    let salt = word_hash(source);
    let mut keys: Vec<u64> = lines(text, body)
        .map(|(s, e)| line_key(salt, &text[s..e]))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The key of one trimmed line of a source whose [`word_hash`] is `salt`.
fn line_key(salt: u64, line: &str) -> u64 {
    line.bytes().fold(salt ^ 0x9e3779b97f4a7c15, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Byte spans of the trimmed non-empty lines of `text[body..]`.
fn lines(text: &str, body: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = body.min(text.len());
    std::iter::from_fn(move || loop {
        if start >= text.len() {
            return None;
        }
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (start + lead, start + line.trim_end().len());
        start = end + 1;
        if e > s {
            return Some((s, e));
        }
    })
}

/// Replaces every character of the lines of `text[body..]` whose key `is_boilerplate` accepts
/// with a space (one space per character, so character offsets of the rest stay as in the file);
/// returns each blanked line's key and text.
pub fn blank_lines(
    source: &str,
    text: &mut String,
    body: usize,
    is_boilerplate: impl Fn(u64) -> bool,
) -> Vec<(u64, String)> {
    let salt = word_hash(source);
    let spans: Vec<(usize, usize, u64)> = lines(text, body)
        .map(|(s, e)| (s, e, line_key(salt, &text[s..e])))
        .filter(|&(_, _, k)| is_boilerplate(k))
        .collect();
    if spans.is_empty() {
        return Vec::new();
    }
    let found = spans
        .iter()
        .map(|&(s, e, k)| (k, text[s..e].to_string()))
        .collect();
    blank_spans(text, spans.iter().map(|&(s, e, _)| (s, e)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_keyed_by_source_and_trimmed_text() {
        let a = line_keys("S", "title\n---\n  Advertisement \nText one.\n\n", 0);
        let b = line_keys("S", "Advertisement\nOther text.", 0);
        let c = line_keys("T", "Advertisement", 0);
        let common: Vec<_> = a.iter().filter(|k| b.contains(k)).collect();
        assert_eq!(common.len(), 1);
        assert!(
            !c.iter().any(|k| a.contains(k)),
            "another source, another key"
        );
    }

    #[test]
    fn blanking_keeps_character_offsets() {
        let mut t = "Über\nWerbung: é\nRest “quoted”".to_string();
        let keys = line_keys("S", "Werbung: é", 0);
        let before: Vec<char> = t.chars().collect();
        let found = blank_lines("S", &mut t, 0, |k| keys.contains(&k));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "Werbung: é");
        let after: Vec<char> = t.chars().collect();
        assert_eq!(before.len(), after.len());
        assert_eq!(t, "Über\n          \nRest “quoted”");
    }
}
