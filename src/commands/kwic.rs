//! Concordance (KWIC): every occurrence of a word, a phrase or a hedge category with its left and
//! right context, aligned on the match as AntConc shows it.

use crate::error::{Error, Result};
use crate::io::read::{self, LoadOptions, Manifest, Problem};
use crate::io::write::write_atomic;
use crate::text::hedges::Lexicon;
use crate::text::offsets::{kwic_left, kwic_right, CharIndex};
use crate::text::tokenize::{normalize, tokenize_at};
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

/// Finds every occurrence of `query` in one text (offsets from `body` on).
pub fn find_in(
    text: &str,
    body: usize,
    query: &Query,
    lexicon: &Lexicon,
    width: usize,
) -> Vec<(usize, usize, String, String, String)> {
    let tk = tokenize_at(text, body);
    let mut spans = Vec::new();
    match query {
        Query::Phrase(words) if !words.is_empty() => {
            let norms: Vec<String> = tk
                .tokens
                .iter()
                .map(|t| normalize(&text[t.start as usize..t.end as usize]))
                .collect();
            let n = words.len();
            let mut i = 0;
            while i + n <= norms.len() {
                if words
                    .iter()
                    .enumerate()
                    .all(|(k, p)| word_matches(p, &norms[i + k]))
                {
                    spans.push((
                        tk.tokens[i].start as usize,
                        tk.tokens[i + n - 1].end as usize,
                        String::new(),
                    ));
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
        Query::Phrase(_) => {}
        Query::Category(c) => {
            let mt = lexicon.match_tokens(text, &tk);
            let mut hits = Vec::new();
            lexicon.find(&mt, &mut hits);
            for h in hits {
                let cat = lexicon.category_of(h.entry);
                if cat == c {
                    spans.push((
                        tk.tokens[h.first].start as usize,
                        tk.tokens[h.last - 1].end as usize,
                        cat.to_string(),
                    ));
                }
            }
        }
    }
    spans
        .into_iter()
        .map(|(s, e, c)| {
            (
                s,
                e,
                kwic_left(text, body, s, width),
                text[s..e].to_string(),
                format!("{}\u{0}{c}", kwic_right(text, e, width)),
            )
        })
        .collect()
}

/// Runs a concordance over a corpus; returns the lines and the input problems.
pub fn concordance(
    inputs: &[PathBuf],
    load: &LoadOptions,
    query: &Query,
    lexicon: &Lexicon,
    width: usize,
) -> Result<(Vec<Line>, Vec<Problem>)> {
    let manifest = match &load.manifest {
        Some(p) => Some(Manifest::load(p)?),
        None => None,
    };
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    read::scan(inputs, load, 1 << 20, &mut |batch| {
        for p in batch {
            let (doc, pr) = read::realize(p, load, manifest.as_ref());
            problems.extend(pr);
            let Some(d) = doc else { continue };
            let ci = CharIndex::new(&d.text);
            for (s, e, left, matched, right_cat) in find_in(&d.text, d.body, query, lexicon, width)
            {
                let (right, cat) = right_cat
                    .split_once('\u{0}')
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .unwrap_or_default();
                lines.push(Line {
                    doc_id: d.doc_id.clone(),
                    source: d.source.clone(),
                    start_char: ci.char_at(s),
                    end_char: ci.char_at(e),
                    left,
                    matched,
                    right,
                    category: cat,
                });
            }
        }
        Ok(())
    })?;
    Ok((lines, problems))
}

/// Collocates of the matches: the words of the contexts within `span` words of a match (left and
/// right), lowercased, with how often each occurs there and in how many lines; the most frequent
/// first (ties alphabetically). Numbers and one-character words are left out.
pub fn collocates(lines: &[Line], span: usize) -> Vec<(String, u64, u64)> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut counts: std::collections::HashMap<String, (u64, u64)> = Default::default();
    for l in lines {
        let left: Vec<&str> = l.left.unicode_words().collect();
        let right: Vec<&str> = l.right.unicode_words().collect();
        let near = left.iter().rev().take(span).chain(right.iter().take(span));
        let mut seen = std::collections::HashSet::new();
        for w in near {
            let w = crate::text::tokenize::normalize(w);
            if w.chars().count() < 2 || !w.chars().any(char::is_alphabetic) {
                continue;
            }
            let e = counts.entry(w.clone()).or_insert((0, 0));
            e.0 += 1;
            if seen.insert(w) {
                e.1 += 1;
            }
        }
    }
    let mut v: Vec<(String, u64, u64)> = counts.into_iter().map(|(w, (c, l))| (w, c, l)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
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
        let left: String = l
            .left
            .trim_end()
            .chars()
            .rev()
            .take(width)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
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
        let lex = Lexicon::builtin();
        let t = "He allegedly lied. According to sources, it was alleged that he lied.";
        let f = |q: &str| {
            find_in(t, 0, &Query::parse(q), &lex, 10)
                .into_iter()
                .map(|x| x.3)
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
