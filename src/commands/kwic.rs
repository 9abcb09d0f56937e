//! Concordance (KWIC): every occurrence of a word, a phrase or a hedge category with its left and
//! right context, aligned on the match as AntConc shows it.

use crate::count::{Context, Contexts};
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::io::read::{self, Document, LoadOptions, Manifest, Problem};
use crate::options::AnalyzeOptions;
use crate::pipeline::Plan;
use crate::text::hedges::Lexicon;
use crate::text::offsets::{kwic_left, kwic_right, CharIndex};
use crate::text::tokenize::{normalize, Token, Tokenized};
use std::path::{Path, PathBuf};

/// What to look for.
#[derive(Debug, Clone)]
pub enum Query {
    /// A word or phrase; each word may end in `*` to match any ending ("alleg*").
    Phrase(Vec<String>),
    /// Every hedge of a lexicon category ("evidential").
    Category(String),
}

impl Query {
    /// Parses `category:NAME` or a phrase.
    pub fn parse(s: &str) -> Self {
        match s.strip_prefix("category:") {
            Some(c) => Query::Category(c.trim().to_string()),
            None => Query::Phrase(s.split_whitespace().map(normalize).collect()),
        }
    }

    /// Parses `s` as [`Query::parse`] does; a category must be one of the lexicon's.
    pub fn checked(s: &str, lex: &Lexicon) -> Result<Self> {
        let query = Query::parse(s);
        if let Query::Category(c) = &query {
            if !lex.categories.contains(c) {
                let known = lex.categories.join(", ");
                return Err(Error::Usage(format!(
                    "no hedge category '{c}'; the lexicon has: {known}"
                )));
            }
        }
        Ok(query)
    }
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub source: String,
    /// Character offset of the match.
    pub start_char: u64,
    /// Character offset just past the match.
    pub end_char: u64,
    /// Left context.
    pub left: String,
    /// The match as written.
    pub matched: String,
    /// Right context.
    pub right: String,
    /// Hedge category, for category queries.
    pub category: String,
}

fn word_matches(pat: &str, w: &str) -> bool {
    match pat.strip_suffix('*') {
        Some(prefix) => w.starts_with(prefix),
        None => pat == w,
    }
}

/// One occurrence found in a text: its byte span, its contexts and (for a category query) its
/// hedge category.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// Left context.
    pub left: String,
    /// The match as written.
    pub matched: String,
    /// Right context.
    pub right: String,
    /// Hedge category, for category queries.
    pub category: String,
}

/// A match's byte span and category (empty for phrases).
struct Span {
    start: usize,
    end: usize,
    category: String,
}

/// Finds every occurrence of `query` in one text (offsets from `body` on), read by the rules
/// of `ctx` (its language's tokens and hedge lexicon).
pub fn find_in(text: &str, body: usize, query: &Query, ctx: &Context, width: usize) -> Vec<Hit> {
    let tk = ctx.normalizer.tokenize_at(text, body);
    let spans = match query {
        Query::Phrase(words) => phrase_spans(text, &tk.tokens, words),
        Query::Category(c) => category_spans(text, &tk, &ctx.lexicon, c),
    };
    spans
        .into_iter()
        .map(|s| Hit {
            left: kwic_left(text, body, s.start, width),
            matched: text[s.start..s.end].to_string(),
            right: kwic_right(text, s.end, width),
            start: s.start,
            end: s.end,
            category: s.category,
        })
        .collect()
}

/// The spans where the phrase's words follow one another (a word may end in `*`).
fn phrase_spans(text: &str, tokens: &[Token], words: &[String]) -> Vec<Span> {
    let mut spans = Vec::new();
    if words.is_empty() {
        return spans;
    }
    let norms: Vec<String> = tokens
        .iter()
        .map(|t| normalize(&text[t.start as usize..t.end as usize]))
        .collect();
    let n = words.len();
    let mut i = 0;
    while i + n <= norms.len() {
        let here = words.iter().enumerate();
        if here.clone().all(|(k, p)| word_matches(p, &norms[i + k])) {
            spans.push(Span {
                start: tokens[i].start as usize,
                end: tokens[i + n - 1].end as usize,
                category: String::new(),
            });
            i += n;
        } else {
            i += 1;
        }
    }
    spans
}

/// The spans of the hedges of category `c`.
fn category_spans(text: &str, tk: &Tokenized, lexicon: &Lexicon, c: &str) -> Vec<Span> {
    let mt = lexicon.match_tokens(text, tk);
    let mut hits = Vec::new();
    lexicon.find(&mt, &mut hits);
    hits.into_iter()
        .filter(|h| lexicon.category_of(h.entry) == c)
        .map(|h| Span {
            start: tk.tokens[h.first].start as usize,
            end: tk.tokens[h.last - 1].end as usize,
            category: c.to_string(),
        })
        .collect()
}

/// What a concordance found: its lines and the input problems met.
pub struct Concordance {
    /// The lines, in input order.
    pub lines: Vec<Line>,
    /// Problems with the inputs (rows of errors.csv in an analysis).
    pub problems: Vec<Problem>,
}

/// `hedgerow kwic` from its settings: the plan (language, lexicon) built once, the pattern
/// checked against its lexicon, each document read by the rules of its language (under
/// `--language auto`, the one told for it, as `analyze` counts it).
pub fn concordance_of(o: &AnalyzeOptions, pattern: &str, width: usize) -> Result<Concordance> {
    let plan = Plan::new(o)?;
    let query = Query::checked(pattern, plan.lexicon())?;
    concordance(&o.inputs, &o.load, &query, plan.contexts(), width)
}

/// Runs a concordance over a corpus; returns the lines and the input problems.
pub fn concordance(
    inputs: &[PathBuf],
    load: &LoadOptions,
    query: &Query,
    contexts: Contexts,
    width: usize,
) -> Result<Concordance> {
    let manifest = match &load.manifest {
        Some(p) => Some(Manifest::load(p)?),
        None => None,
    };
    let mut found = Concordance {
        lines: Vec::new(),
        problems: Vec::new(),
    };
    read::scan(inputs, load, 1 << 20, &mut |batch| {
        for p in batch {
            let r = read::realize(p, load, manifest.as_ref());
            found.problems.extend(r.problems);
            if let Some(d) = r.doc {
                found.lines.extend(doc_lines(&d, query, contexts, width));
            }
        }
        Ok(())
    })?;
    Ok(found)
}

/// The concordance lines of one document, read by the rules of its language.
fn doc_lines<'a>(
    d: &'a Document,
    query: &Query,
    contexts: Contexts,
    width: usize,
) -> impl Iterator<Item = Line> + 'a {
    let (_, ctx) = contexts.for_text(&d.text[d.body..]);
    let hits = find_in(&d.text, d.body, query, ctx, width);
    lines_of(d, hits)
}

/// The concordance lines of a document's hits (character offsets).
fn lines_of(d: &Document, hits: Vec<Hit>) -> impl Iterator<Item = Line> + '_ {
    let ci = CharIndex::new(&d.text);
    hits.into_iter().map(move |h| Line {
        doc_id: d.doc_id.clone(),
        source: d.source.clone(),
        start_char: ci.char_at(h.start),
        end_char: ci.char_at(h.end),
        left: h.left,
        matched: h.matched,
        right: h.right,
        category: h.category,
    })
}

/// A word near the matches: how often it occurs within the span, and in how many lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collocate {
    /// The word, lowercased.
    pub word: String,
    /// Occurrences near a match.
    pub count: u64,
    /// Lines it occurs in.
    pub lines: u64,
}

/// Collocates of the matches: the words of the contexts within `span` words of a match (left and
/// right), lowercased, with how often each occurs there and in how many lines; the most frequent
/// first (ties alphabetically). Numbers and one-character words are left out.
pub fn collocates(lines: &[Line], span: usize) -> Vec<Collocate> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut counts: std::collections::HashMap<String, (u64, u64)> = Default::default();
    for l in lines {
        let left: Vec<&str> = l.left.unicode_words().collect();
        let right: Vec<&str> = l.right.unicode_words().collect();
        let near = left.iter().rev().take(span).chain(right.iter().take(span));
        let mut seen = std::collections::HashSet::new();
        for w in near.map(|w| crate::text::tokenize::normalize(w)) {
            if !is_collocate(&w) {
                continue;
            }
            let e = counts.entry(w.clone()).or_insert((0, 0));
            e.0 += 1;
            if seen.insert(w) {
                e.1 += 1;
            }
        }
    }
    let mut v: Vec<Collocate> = counts
        .into_iter()
        .map(|(word, (count, lines))| Collocate { word, count, lines })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.word.cmp(&b.word)));
    v
}

/// Whether a word may be a collocate: two characters or more, a letter among them.
fn is_collocate(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().any(char::is_alphabetic)
}

/// What `hedgerow kwic` prints: the lines aligned, or (with `collocates`) their collocates as
/// CSV. An error is the writer's (a closed pipe: [`std::io::ErrorKind::BrokenPipe`]).
pub fn print_lines(
    w: &mut dyn std::io::Write,
    lines: &[Line],
    width: usize,
    collocates_only: bool,
) -> std::io::Result<()> {
    if collocates_only {
        writeln!(w, "collocate,count,lines")?;
        for c in collocates(lines, 5) {
            writeln!(w, "{},{},{}", c.word, c.count, c.lines)?;
        }
    } else {
        w.write_all(format_aligned(lines, width).as_bytes())?;
    }
    w.flush()
}

/// Formats lines AntConc-style: left context right-aligned, the match, the right context.
pub fn format_aligned(lines: &[Line], width: usize) -> String {
    let mut out = String::new();
    let id_w = lines
        .iter()
        .map(|l| l.doc_id.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for l in lines {
        let left = last_chars(l.left.trim_end(), width);
        let pad = width.saturating_sub(left.chars().count());
        let id: String = l.doc_id.chars().take(40).collect();
        out.push_str(&format!(
            "{id:<id_w$}  {}{left} [{}] {}\n",
            " ".repeat(pad),
            l.matched,
            l.right.trim_start()
        ));
    }
    out
}

/// The last `n` characters of a text.
fn last_chars(s: &str, n: usize) -> String {
    s.chars()
        .rev()
        .take(n)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

/// Writes concordance lines as CSV (`doc_id, source, start_char, end_char, left, match, right,
/// category`).
pub fn write_csv(path: &Path, lines: &[Line]) -> Result<()> {
    let csv_err = |e: csv::Error| Error::io(path, std::io::Error::other(e));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "doc_id",
        "source",
        "start_char",
        "end_char",
        "left",
        "match",
        "right",
        "category",
    ])
    .map_err(csv_err)?;
    for l in lines {
        w.write_record([
            l.doc_id.as_str(),
            &l.source,
            &l.start_char.to_string(),
            &l.end_char.to_string(),
            &l.left,
            &l.matched,
            &l.right,
            &l.category,
        ])
        .map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_globs_and_categories() {
        let ctx = Context::english();
        let t = "He allegedly lied. According to sources, it was alleged that he lied.";
        let f = |q: &str| {
            find_in(t, 0, &Query::parse(q), &ctx, 10)
                .into_iter()
                .map(|x| x.matched)
                .collect::<Vec<_>>()
        };
        assert_eq!(f("alleg*"), vec!["allegedly", "alleged"]);
        assert_eq!(f("according to"), vec!["According to"]);
        assert_eq!(
            f("category:evidential"),
            vec!["allegedly", "According to", "it was alleged"]
        );
        assert!(f("nothing here").is_empty());
    }

    #[test]
    fn aligned_output_lines_up() {
        let lines = vec![
            Line {
                doc_id: "a".into(),
                source: "s".into(),
                start_char: 0,
                end_char: 1,
                left: "short ".into(),
                matched: "x".into(),
                right: " r".into(),
                category: String::new(),
            },
            Line {
                doc_id: "b".into(),
                source: "s".into(),
                start_char: 0,
                end_char: 1,
                left: "a much longer left ".into(),
                matched: "x".into(),
                right: " r".into(),
                category: String::new(),
            },
        ];
        let s = format_aligned(&lines, 12);
        let cols: Vec<usize> = s.lines().map(|l| l.find('[').unwrap()).collect();
        assert_eq!(cols[0], cols[1]);
    }
}
