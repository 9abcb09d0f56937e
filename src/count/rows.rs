//! The rows counting produces: one per document, hedge occurrence and quotation.

use super::Profile;
use crate::text::quotes::Quote;

/// Per-document counts: one row of `documents.csv` (rates are derived later).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DocRow {
    /// Input order.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// The group its counts go to (`--group-by`): the source unless grouping by other fields.
    pub group: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: String,
    /// URL.
    pub url: String,
    /// Author.
    pub author: String,
    /// User-given story id.
    pub story: String,
    /// Where it came from (file path, or `file:line`).
    pub origin: String,
    /// The language it was counted in, as told by `--language auto` (none otherwise).
    pub language: Option<String>,
    /// Characters of article text (front matter excluded).
    pub n_chars: u64,
    /// Word tokens.
    pub n_tokens: u64,
    /// Distinct lowercased words.
    pub n_types: u64,
    /// Sentences with at least one word.
    pub n_sentences: u64,
    /// Tokens that count as terms (not stopwords).
    pub n_terms: u64,
    /// Hedges found.
    pub n_hedges: u64,
    /// Hedges outside quotations.
    pub n_hedges_narration: u64,
    /// Hedges per category, in lexicon category order.
    pub hedges_by_category: Vec<u64>,
    /// Sentences holding at least one hedge.
    pub sentences_with_hedge: u64,
    /// Quotations of every kind.
    pub n_quotes: u64,
    /// Tokens inside quotations.
    pub quoted_tokens: u64,
    /// Quotes by kind: direct, scare, unattributed, title, then the attributions without marks:
    /// indirect, mixed (not among `n_quotes`).
    pub quotes_by_kind: [u64; 6],
    /// Quotations in marks held by an indirect attribution's clause (counted once, as that
    /// attribution; each still a row of quotes.csv).
    pub held_quotes: u64,
    /// Direct quotes by speaker type: named, role, organisation, anonymous, unknown.
    pub speakers: [u64; 5],
    /// Direct quotes by the speaker's gender as the article gives it: female, male, unknown.
    #[serde(default)]
    pub speaker_genders: [u64; 3],
    /// Direct quotes by cue stance: neutral, distancing, endorsing, contesting.
    pub stances: [u64; 4],
    /// Tokens inside direct quotes.
    pub direct_tokens: u64,
    /// Quotes with no closing mark.
    pub n_unbalanced: u64,
    /// Anonymous attributions without quote marks ("sources said", "people familiar with").
    pub anonymous_attributions: u64,
    /// Lines left out as page furniture (see [`crate::text::furniture`]).
    #[serde(default)]
    pub furniture_lines: u64,
    /// What story grouping needs: sampled shingles and distinctive numbers.
    pub profile: Profile,
    /// Every term of the document with its count (stem id, see [`super::Acc::stem`]): its row of
    /// the document-term matrix, from which dispersion is computed.
    #[serde(with = "super::state::id_counts")]
    pub terms: Vec<(u32, u32)>,
    /// The document's most frequent terms (stem id, see [`super::Acc::stem`]; count), for story labels.
    /// Not written to a part: it follows from `terms` ([`super::Acc::from_state`] rebuilds it).
    #[serde(skip)]
    pub top_terms: Vec<(u32, u32)>,
    /// Hash of the document's normalized word sequence: equal for copies of one text.
    pub content_hash: u64,
    /// Index (in input order) of an earlier document of the same source with the same words,
    /// when this one is a copy of it (re-crawls, repeated dumps); set by [`super::Acc::finish`].
    pub duplicate_of: Option<usize>,
}

impl DocRow {
    /// The document's rows of quotes.csv: its quotations in marks and its attributions without
    /// them (indirect, mixed), which `n_quotes` leaves out.
    pub fn quote_rows(&self) -> u64 {
        self.n_quotes + self.quotes_by_kind[4] + self.quotes_by_kind[5] + self.held_quotes
    }
}

/// One hedge occurrence: a row of `hedges.csv`.
#[derive(Debug, Clone)]
pub struct HedgeRow {
    /// Input order of the document.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// One-based sentence number in the document.
    pub sentence: u32,
    /// Character offset of the match in the document text.
    pub start_char: u64,
    /// Character offset just past the match.
    pub end_char: u64,
    /// The words matched, as written.
    pub matched: String,
    /// The lexicon pattern that matched.
    pub entry: String,
    /// Lexicon category.
    pub category: String,
    /// Inside a quotation (the speaker hedges) rather than narration (the outlet hedges).
    pub in_quote: bool,
    /// Inside reported speech without marks ("X said that it may …"): the speaker's hedge as the
    /// outlet reports it (never with `in_quote`).
    pub reported: bool,
    /// Left context.
    pub left: String,
    /// Right context.
    pub right: String,
}

/// One quotation: a row of `quotes.csv`.
#[derive(Debug, Clone)]
pub struct QuoteRow {
    /// Input order of the document.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// Character offsets (marks included).
    pub start_char: u64,
    /// Character offset just past the closing mark.
    pub end_char: u64,
    /// Byte offsets.
    pub start_byte: u64,
    /// Byte offset just past the closing mark.
    pub end_byte: u64,
    /// Word tokens inside.
    pub n_tokens: u64,
    /// The quotation with its attribution.
    pub quote: Quote,
    /// Quote text (marks included, whitespace folded).
    pub text: String,
}

/// One line left out of a document as page furniture: a row of `furniture.csv`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FurnitureRow {
    /// Input order of the document.
    pub seq: u64,
    /// Document id.
    pub doc_id: String,
    /// The line, its number and the rule that took it.
    pub line: crate::text::furniture::FurnitureLine,
}
