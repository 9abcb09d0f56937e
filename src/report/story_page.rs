//! Side-by-side pages: documents in columns, hedges coloured by category, quotes underlined by
//! kind, shared quotations and reused passages in the same colour on both sides, numbers boxed.

use super::html::esc;
use crate::analysis::StoryLink;
use crate::count::DocRow;
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::stories::{align, Aligned, Alignment, Story};
use crate::text::hedges::Lexicon;
use crate::text::quotes::Kind;
use crate::text::tokenize::tokenize_at;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// Documents per side-by-side page (one per source).
const PAGE_DOCS: usize = 4;

const PALETTE: [&str; 10] = [
    "#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#ddd6fe", "#fbcfe8", "#a5f3fc", "#fed7aa",
    "#d9f99d", "#e5e7eb",
];

const HEDGE_COLORS: [&str; 8] = [
    "#1d4ed8", "#c2410c", "#b91c1c", "#0f766e", "#15803d", "#a16207", "#7e22ce", "#be185d",
];

/// Renders documents side by side: hedges by category, quotes by kind, shared quotations and
/// reused passages (relative to the first document) in the same colour on both sides, numbers.
pub fn compare_html(title: &str, docs: &[&Aligned], lexicon: &Lexicon) -> String {
    let first = docs[0];
    let aligns: Vec<Alignment> = docs[1..].iter().map(|d| align(first, d)).collect();
    let qcolor = quote_colors(&aligns, docs.len());
    let pcolor = passage_colors(docs, &aligns);
    let mut html = String::new();
    page_head(&mut html, title, docs.len());
    alignment_table(&mut html, docs, &aligns);
    legend(&mut html, lexicon);
    for (k, d) in docs.iter().enumerate() {
        doc_header(&mut html, d);
        html.push_str("<div class=\"doc\">");
        Renderer::new(d, lexicon, &pcolor[k]).render(&mut html, &qcolor[k]);
        html.push_str("</div></div>\n");
    }
    html.push_str("</div></body></html>\n");
    html
}

/// The colour of each quote of each document (by quote index): clusters of quotes linked
/// through the first document, a part of a longer quotation taking the colour of the whole.
fn quote_colors(aligns: &[Alignment], n_docs: usize) -> Vec<HashMap<usize, usize>> {
    let mut qcolor: Vec<HashMap<usize, usize>> = vec![HashMap::new(); n_docs];
    let mut next = 0;
    for (k, al) in aligns.iter().enumerate() {
        for sq in al.shared_quotes.iter().chain(&al.contained_quotes) {
            let c = *qcolor[0].entry(sq.a).or_insert_with(|| {
                next += 1;
                next - 1
            });
            qcolor[k + 1].insert(sq.b, c);
        }
    }
    qcolor
}

/// The colour of each token of each document that is part of a reused passage.
fn passage_colors(docs: &[&Aligned], aligns: &[Alignment]) -> Vec<Vec<Option<usize>>> {
    let mut pcolor: Vec<Vec<Option<usize>>> =
        docs.iter().map(|d| vec![None; d.tokens.len()]).collect();
    let mut pnext = 0;
    for (k, al) in aligns.iter().enumerate() {
        for p in &al.passages {
            let c = pnext % PALETTE.len();
            pnext += 1;
            for t in 0..p.len {
                pcolor[0][p.a_start + t].get_or_insert(c);
                pcolor[k + 1][p.b_start + t] = Some(c);
            }
        }
    }
    pcolor
}

/// The page's head, style and title, for `n_docs` columns.
fn page_head(html: &mut String, title: &str, n_docs: usize) {
    let _ = write!(html, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>
body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}
.cols{{display:grid;grid-template-columns:repeat({},1fr);gap:1.2em}}
.doc{{white-space:pre-wrap;line-height:1.55;border:1px solid #ddd;border-radius:6px;padding:1em;font-size:.95em}}
.q{{border-bottom:2px solid #1d4ed8}} .q.scare{{border-bottom:2px dashed #b91c1c}} .q.unattributed{{border-bottom:2px dotted #555}} .q.title{{border-bottom:2px double #555}}
.h{{font-weight:600;text-decoration:underline wavy}} .n{{outline:1px solid #0f766e;border-radius:2px}}
table{{border-collapse:collapse;margin:.5em 0 1em}} td,th{{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left}}
.meta{{color:#555;font-size:.9em;margin:.2em 0 .6em}} h4.title{{margin:.2em 0}}
.legend{{display:flex;flex-wrap:wrap;gap:.3em 1.2em}} .legend span{{white-space:nowrap}}
</style></head><body><h1>{}</h1>\n", esc(title), n_docs, esc(title));
}

/// The table of what the first document shares with each other one.
fn alignment_table(html: &mut String, docs: &[&Aligned], aligns: &[Alignment]) {
    let first = docs[0];
    html.push_str("<h2>Alignment</h2><table><tr><th>pair</th><th>shared quotes</th><th>quotes only in each</th><th>shared numbers</th><th>numbers only in each</th><th>reused share</th></tr>\n");
    for (k, al) in aligns.iter().enumerate() {
        let _ = writeln!(
            html,
            "<tr><td>{} ↔ {}</td><td>{}{}</td><td>{} / {}</td><td>{} ({})</td><td>{} / {}</td><td>{:.0}% / {:.0}%</td></tr>",
            esc(&first.source),
            esc(&docs[k + 1].source),
            al.shared_quotes.len(),
            match al.contained_quotes.len() {
                0 => String::new(),
                n => format!(" + {n} part{}", if n == 1 { "" } else { "s" }),
            },
            al.quotes_only_a,
            al.quotes_only_b,
            al.shared_numbers.len(),
            esc(&al.shared_numbers.join(", ")),
            al.numbers_only_a.len(),
            al.numbers_only_b.len(),
            al.reused_share_a * 100.0,
            al.reused_share_b * 100.0
        );
    }
    html.push_str("</table>\n");
}

/// The legend: quote kinds, numbers, the lexicon's hedge categories, shared colours.
fn legend(html: &mut String, lexicon: &Lexicon) {
    html.push_str("<p class=\"legend\"><b>Legend:</b> <span><span class=\"q\">direct quote</span></span><span><span class=\"q scare\">scare quote</span></span><span><span class=\"q unattributed\">unattributed quote</span></span><span><span class=\"n\">number</span></span>");
    for (i, c) in lexicon.categories.iter().enumerate() {
        let _ = write!(
            html,
            "<span><span class=\"h\" style=\"color:{}\">hedge: {}</span></span>",
            HEDGE_COLORS[i % HEDGE_COLORS.len()],
            esc(&c.replace('_', " "))
        );
    }
    html.push_str("<span style=\"background:#fde68a\">same background on both sides: the same quotation or a reused passage</span></p>\n<div class=\"cols\">\n");
}

/// A document's column header: source and id, then its metadata (the front matter is not
/// article text).
fn doc_header(html: &mut String, d: &Aligned) {
    let _ = write!(
        html,
        "<div><h3>{} <small>{}</small></h3>",
        esc(&d.source),
        esc(&d.doc_id)
    );
    if !d.meta.title.is_empty() {
        let _ = write!(html, "<h4 class=\"title\">{}</h4>", esc(&d.meta.title));
    }
    let mut line = Vec::new();
    if !d.meta.date.is_empty() {
        line.push(esc(&d.meta.date));
    }
    if !d.meta.url.is_empty() {
        line.push(url_html(&d.meta.url));
    }
    if !line.is_empty() {
        let _ = write!(html, "<p class=\"meta\">{}</p>", line.join(" · "));
    }
}

/// A URL as a link when it is http(s), else as text.
fn url_html(u: &str) -> String {
    let safe = u.starts_with("http://") || u.starts_with("https://");
    if safe {
        format!("<a href=\"{}\">{}</a>", esc(u), esc(u))
    } else {
        esc(u)
    }
}

/// The hedge category of every token of a document (tokenized again: tokens are not kept for
/// every aligned document, to save memory).
fn hedge_categories(d: &Aligned, lexicon: &Lexicon) -> Vec<Option<usize>> {
    let mut hedge_cat: Vec<Option<usize>> = vec![None; d.tokens.len()];
    let tk = tokenize_at(&d.text, d.body);
    let mt = lexicon.match_tokens(&d.text, &tk);
    let mut hits = Vec::new();
    lexicon.find(&mt, &mut hits);
    for h in hits {
        for c in &mut hedge_cat[h.first..h.last] {
            *c = Some(lexicon.category_index(h.entry));
        }
    }
    hedge_cat
}

/// The opening tag of a quote: its kind, its shared colour (if any), and a tip naming the kind,
/// speaker and cue.
fn quote_open(q: &crate::text::quotes::Quote, color: Option<usize>) -> String {
    let kind = match q.kind {
        Kind::Direct => "",
        Kind::Scare => " scare",
        Kind::Unattributed => " unattributed",
        Kind::Title => " title",
        Kind::Indirect => " indirect",
        Kind::Mixed => " mixed",
    };
    let bg = color
        .map(|c| format!(" style=\"background:{}\"", PALETTE[c % PALETTE.len()]))
        .unwrap_or_default();
    let tip = if q.speaker.is_empty() {
        q.kind.as_str().to_string()
    } else {
        format!("{}: {} ({})", q.kind.as_str(), q.speaker, q.cue)
    };
    format!("<span class=\"q{kind}\"{bg} title=\"{}\">", esc(&tip))
}

/// One document's text being rendered: the classes of its tokens, and how far it has got.
struct Renderer<'a> {
    d: &'a Aligned,
    /// Hedge category of each token.
    hedge: Vec<Option<usize>>,
    /// Tokens that are numbers.
    numbers: std::collections::HashSet<usize>,
    /// Passage colour of each token.
    passages: &'a [Option<usize>],
    /// Byte offset rendered up to.
    pos: usize,
    /// Next token.
    ti: usize,
}

impl<'a> Renderer<'a> {
    fn new(d: &'a Aligned, lexicon: &Lexicon, passages: &'a [Option<usize>]) -> Self {
        Renderer {
            d,
            hedge: hedge_categories(d, lexicon),
            numbers: d.numbers.iter().map(|n| n.1).collect(),
            passages,
            pos: d.body,
            ti: d.tokens.partition_point(|t| (t.0 as usize) < d.body),
        }
    }

    /// The article text with its quotes underlined (`qcolor`: shared colour by quote index).
    fn render(mut self, html: &mut String, qcolor: &HashMap<usize, usize>) {
        let d = self.d;
        for (qi, q) in d.quotes.iter().enumerate() {
            self.render_until(html, q.start);
            html.push_str(&quote_open(q, qcolor.get(&qi).copied()));
            self.render_until(html, q.end);
            html.push_str("</span>");
        }
        self.render_until(html, d.text.len());
    }

    /// Renders the text up to byte `until`, token by token.
    fn render_until(&mut self, html: &mut String, until: usize) {
        let d = self.d;
        while self.ti < d.tokens.len() && d.tokens[self.ti].1 as usize <= until {
            let (s, e) = (d.tokens[self.ti].0 as usize, d.tokens[self.ti].1 as usize);
            if s > self.pos {
                html.push_str(&esc(&d.text[self.pos..s]));
            }
            self.token(html, &d.text[s..e]);
            self.pos = e;
            self.ti += 1;
        }
        if until > self.pos {
            html.push_str(&esc(&d.text[self.pos..until]));
            self.pos = until;
        }
    }

    /// The current token's text, in a span when it is a hedge, a number or part of a passage.
    fn token(&self, html: &mut String, text: &str) {
        let ti = self.ti;
        let mut style = String::new();
        let mut class = Vec::new();
        if let Some(c) = self.hedge.get(ti).copied().flatten() {
            class.push("h");
            let _ = write!(style, "color:{};", HEDGE_COLORS[c % HEDGE_COLORS.len()]);
        }
        if self.numbers.contains(&ti) {
            class.push("n");
        }
        if let Some(c) = self.passages.get(ti).copied().flatten() {
            let _ = write!(style, "background:{};", PALETTE[c % PALETTE.len()]);
        }
        if class.is_empty() && style.is_empty() {
            html.push_str(&esc(text));
        } else {
            let _ = write!(
                html,
                "<span class=\"{}\" style=\"{}\">{}</span>",
                class.join(" "),
                style,
                esc(text)
            );
        }
    }
}

/// Writes one side-by-side page for each of the first `pages` stories into `dir/stories/`
/// (one document per source, the first of each); returns the pages for the report.
pub fn write_pages(
    docs: &[DocRow],
    multi: &[Story],
    aligned: &HashMap<usize, Aligned>,
    dir: &Path,
    lexicon: &Lexicon,
    pages: usize,
) -> Result<Vec<StoryLink>> {
    let mut listed = Vec::new();
    let sdir = dir.join("stories");
    if !multi.is_empty() && pages > 0 {
        // pages are never written through a link: they would land in another folder
        if std::fs::symlink_metadata(&sdir).is_ok_and(|m| m.file_type().is_symlink()) {
            let e =
                std::io::Error::other("a symbolic link; story pages are not written through it");
            return Err(Error::io(&sdir, e));
        }
        std::fs::create_dir_all(&sdir).map_err(|e| Error::io(&sdir, e))?;
    }
    for story in multi.iter().take(pages) {
        // one document per source (the first), so the page stays readable
        let mut seen = std::collections::BTreeSet::new();
        let shown: Vec<&Aligned> = story
            .members
            .iter()
            .filter(|&&i| seen.insert(docs[i].source.clone()))
            .filter_map(|i| aligned.get(i))
            .take(PAGE_DOCS)
            .collect();
        if shown.len() < 2 {
            continue;
        }
        let file = format!("{}.html", story.id);
        let html = compare_html(&format!("{}: {}", story.id, story.label), &shown, lexicon);
        write_atomic(&sdir.join(&file), html.as_bytes())?;
        listed.push(StoryLink {
            id: story.id.clone(),
            label: story.label.clone(),
            n_sources: seen.len(),
            file: format!("stories/{file}"),
        });
    }
    Ok(listed)
}
