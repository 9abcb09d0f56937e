//! Numbers as evidence: the normalized key of a number token, for matching across documents.

/// Normalized form of a number token ("11,000" → "11000"); `None` for years and small numbers,
/// which say little about a story.
pub fn number_key(tok: &str) -> Option<String> {
    let digits: String = tok
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.').to_string();
    if digits.is_empty() || !tok.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    (!says_little(tok, &digits)).then_some(digits)
}

/// Whether a number token (`digits`: its digits and decimal point) is a year or a small whole
/// number.
fn says_little(tok: &str, digits: &str) -> bool {
    let int_part = digits.split('.').next().unwrap_or("");
    let v: f64 = digits.parse().unwrap_or(0.0);
    let year_like = int_part.len() == 4 && (1900.0..=2100.0).contains(&v) && !tok.contains(',');
    year_like || (v < 100.0 && !digits.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_distinctive_ones() {
        assert_eq!(number_key("11,000").as_deref(), Some("11000"));
        assert_eq!(number_key("2025"), None);
        assert_eq!(number_key("40"), None);
        assert_eq!(number_key("3.5"), Some("3.5".into()));
    }
}
