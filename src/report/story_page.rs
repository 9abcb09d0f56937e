//! Side-by-side pages: documents in columns, hedges coloured by category, quotes underlined by
//! kind, shared quotations and reused passages in the same colour on both sides, numbers boxed.

use super::html::{esc, esc_into};
use crate::analysis::StoryLink;
use crate::count::{Context, Contexts, DocRow};
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::stories::{align, Aligned, Alignment, Story};
use crate::text::hedges::Lexicon;
use crate::text::quotes::Kind;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const PALETTE: [&str; 10] = [
    "#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#ddd6fe", "#fbcfe8", "#a5f3fc", "#fed7aa",
    "#d9f99d", "#e5e7eb",
];

const HEDGE_COLORS: [&str; 8] = [
    "#1d4ed8", "#c2410c", "#b91c1c", "#0f766e", "#15803d", "#a16207", "#7e22ce", "#be185d",
];

/// Renders documents side by side: hedges by category, quotes by kind, shared quotations and
/// reused passages (relative to the first document) in the same colour on both sides, numbers.
/// Each document is read again by the rules of the context it was counted in.
pub fn compare_html(title: &str, docs: &[&Aligned], contexts: Contexts) -> String {
    compare_html_with(title, docs, contexts, "")
}

/// [`compare_html`] with a note (HTML) under the title: what the page leaves out and why.
pub fn compare_html_with(title: &str, docs: &[&Aligned], contexts: Contexts, note: &str) -> String {
    let first = docs[0];
    let aligns: Vec<Alignment> = docs[1..].iter().map(|d| align(first, d)).collect();
    let qcolor = quote_colors(&aligns, docs.len());
    let pcolor = passage_colors(docs, &aligns);
    let mut html = String::new();
    page_head(&mut html, title);
    html.push_str(note);
    alignment_table(&mut html, docs, &aligns);
    legend(&mut html, &contexts.one.lexicon);
    for (k, d) in docs.iter().enumerate() {
        doc_header(&mut html, d);
        doc_text(
            &mut html,
            d,
            contexts.of(d.language),
            (&pcolor[k], &qcolor[k]),
        );
    }
    html.push_str("</div></body></html>\n");
    html
}

/// A document's text, read by its context's rules, with its passage and quote colours, marked
/// with the article's own language for hyphenation, fonts and screen readers (the page's labels
/// are English).
fn doc_text(
    html: &mut String,
    d: &Aligned,
    ctx: &Context,
    (passages, quotes): (&[Option<usize>], &HashMap<usize, usize>),
) {
    let lang = ctx.normalizer.pack().map_or("en", |p| p.code.as_str());
    let _ = write!(html, "<div class=\"doc\" lang=\"{}\">", esc(lang));
    Renderer::new(d, ctx, passages).render(html, quotes);
    html.push_str("</div></div>\n");
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

/// The page's head, style and title. Columns keep a readable width and scroll sideways when
/// there are more than the window holds; URLs break anywhere rather than widen a column.
fn page_head(html: &mut String, title: &str) {
    let _ = write!(html, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>
body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}
.cols{{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(340px,1fr);gap:1.2em;overflow-x:auto;padding-bottom:.5em}}
.cols>div{{min-width:0}}
.doc{{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.55;border:1px solid #ddd;border-radius:6px;padding:1em;font-size:.95em}}
.q{{border-bottom:2px solid #1d4ed8}} .q.scare{{border-bottom:2px dashed #b91c1c}} .q.unattributed{{border-bottom:2px dotted #555}} .q.title{{border-bottom:2px double #555}}
.h{{font-weight:600;text-decoration:underline wavy}} .n{{outline:1px solid #0f766e;border-radius:2px}}
table{{border-collapse:collapse;margin:.5em 0 1em}} td,th{{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}}
td.num{{max-width:40em;overflow-wrap:anywhere}}
.meta{{color:#555;font-size:.9em;margin:.2em 0 .6em;overflow-wrap:anywhere}} h4.title{{margin:.2em 0}}
.legend{{display:flex;flex-wrap:wrap;gap:.3em 1.2em}} .legend span{{white-space:nowrap}}
</style></head><body><p><a href=\"../index.html#stories\">all stories</a> · <a href=\"../explore.html\">explorer</a></p><h1>{}</h1>\n", esc(title), esc(title));
}

/// Shared numbers as the alignment table shows them: the count, then the numbers (none: "0").
fn shared_numbers_cell(numbers: &[String]) -> String {
    if numbers.is_empty() {
        "0".into()
    } else {
        format!("{} ({})", numbers.len(), esc(&numbers.join(", ")))
    }
}

/// The table of what the first document shares with each other one.
fn alignment_table(html: &mut String, docs: &[&Aligned], aligns: &[Alignment]) {
    let first = docs[0];
    html.push_str("<h2>Alignment</h2><table><tr><th>pair</th><th>shared quotes</th><th>quotes only in each</th><th>shared numbers</th><th>numbers only in each</th><th>reused share</th></tr>\n");
    for (k, al) in aligns.iter().enumerate() {
        alignment_row(html, (&first.source, &docs[k + 1].source), al);
    }
    html.push_str("</table>\n");
}

/// " + n parts": quotes of one document found inside a longer one of the other ("" for none).
fn parts_note(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(" + {n} part{}", if n == 1 { "" } else { "s" }),
    }
}

/// The alignment table's row of the pair of documents from sources `a` and `b`.
fn alignment_row(html: &mut String, (a, b): (&str, &str), al: &Alignment) {
    let _ = writeln!(
            html,
            "<tr><td>{} ↔ {}</td><td>{}{}</td><td>{} / {}</td><td class=\"num\">{}</td><td>{} / {}</td><td>{:.0}% / {:.0}%</td></tr>",
            esc(a),
            esc(b),
            al.shared_quotes.len(),
            parts_note(al.contained_quotes.len()),
            al.quotes_only_a,
            al.quotes_only_b,
            shared_numbers_cell(&al.shared_numbers),
            al.numbers_only_a.len(),
            al.numbers_only_b.len(),
            al.reused_share_a * 100.0,
            al.reused_share_b * 100.0
        );
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
        "<div id=\"{}\"><h3>{} <small>{}</small></h3>",
        esc(&d.doc_id),
        esc(&d.source),
        esc(&d.doc_id)
    );
    if !d.meta.title.is_empty() {
        let _ = write!(html, "<h4 class=\"title\">{}</h4>", esc(&d.meta.title));
    }
    let line = meta_line(d);
    if !line.is_empty() {
        let _ = write!(html, "<p class=\"meta\">{}</p>", line.join(" · "));
    }
}

/// A document's date and URL, those it has, as HTML.
fn meta_line(d: &Aligned) -> Vec<String> {
    let mut line = Vec::new();
    if !d.meta.date.is_empty() {
        line.push(esc(&d.meta.date));
    }
    if !d.meta.url.is_empty() {
        line.push(url_html(&d.meta.url));
    }
    line
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

/// The hedge category of every token of a document (tokenized again, by its own context as
/// [`crate::stories::align::prepare`] did: tokens are not kept for every aligned document, to
/// save memory).
fn hedge_categories(d: &Aligned, ctx: &Context) -> Vec<Option<usize>> {
    let lexicon = &ctx.lexicon;
    let mut hedge_cat: Vec<Option<usize>> = vec![None; d.tokens.len()];
    let tk = ctx.normalizer.tokenize_at(&d.text, d.body);
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
    let kind = kind_class(q.kind);
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

/// The class a quote of this kind adds to `q` (none for a direct quote).
fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Direct => "",
        Kind::Scare => " scare",
        Kind::Unattributed => " unattributed",
        Kind::Title => " title",
        Kind::Indirect => " indirect",
        Kind::Mixed => " mixed",
    }
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
    fn new(d: &'a Aligned, ctx: &Context, passages: &'a [Option<usize>]) -> Self {
        Renderer {
            d,
            hedge: hedge_categories(d, ctx),
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
                esc_into(html, &d.text[self.pos..s]);
            }
            self.token(html, &d.text[s..e]);
            self.pos = e;
            self.ti += 1;
        }
        if until > self.pos {
            esc_into(html, &d.text[self.pos..until]);
            self.pos = until;
        }
    }

    /// The current token's text, in a span when it is a hedge, a number or part of a passage
    /// (written straight into the page: most tokens are plain words).
    fn token(&self, html: &mut String, text: &str) {
        let ti = self.ti;
        let hedge = self.hedge.get(ti).copied().flatten();
        let number = self.numbers.contains(&ti);
        let passage = self.passages.get(ti).copied().flatten();
        if hedge.is_none() && !number && passage.is_none() {
            esc_into(html, text);
            return;
        }
        let _ = write!(
            html,
            "<span class=\"{}\" style=\"",
            token_class(hedge, number)
        );
        if let Some(c) = hedge {
            let _ = write!(html, "color:{};", HEDGE_COLORS[c % HEDGE_COLORS.len()]);
        }
        if let Some(c) = passage {
            let _ = write!(html, "background:{};", PALETTE[c % PALETTE.len()]);
        }
        html.push_str("\">");
        esc_into(html, text);
        html.push_str("</span>");
    }
}

/// The class of a token's span: `h` for a hedge, `n` for a number.
fn token_class(hedge: Option<usize>, number: bool) -> &'static str {
    match (hedge.is_some(), number) {
        (true, true) => "h n",
        (true, false) => "h",
        (false, true) => "n",
        (false, false) => "",
    }
}

/// Writes the side-by-side page of every multi-source story into `dir/stories/`, a slice of
/// stories at a time as the story stage aligns them: every aligned member in a column (copies of
/// an earlier document named under the title), the first document the one the others are
/// aligned with.
pub struct PageWriter<'a> {
    docs: &'a [DocRow],
    contexts: Contexts<'a>,
    sdir: std::path::PathBuf,
    /// The pages written, for the report's story index.
    pub links: Vec<StoryLink>,
}

impl<'a> PageWriter<'a> {
    /// A writer into `dir/stories/` (made now; never written through a symbolic link).
    pub fn new(docs: &'a [DocRow], dir: &Path, contexts: Contexts<'a>) -> Result<Self> {
        Ok(PageWriter {
            docs,
            contexts,
            sdir: pages_dir(dir.join("stories"), "story")?,
            links: Vec::new(),
        })
    }

    /// Writes the pages of a slice of stories from their prepared documents (on all cores: the
    /// pages are independent).
    pub fn slice(&mut self, stories: &[Story], aligned: &HashMap<usize, Aligned>) -> Result<()> {
        use rayon::prelude::*;
        let links: Vec<Option<StoryLink>> = stories
            .par_iter()
            .map(|story| self.page(story, aligned))
            .collect::<Result<_>>()?;
        self.links.extend(links.into_iter().flatten());
        Ok(())
    }

    /// One story's page, when two or more of its documents were aligned.
    fn page(&self, story: &Story, aligned: &HashMap<usize, Aligned>) -> Result<Option<StoryLink>> {
        let shown: Vec<&Aligned> = story
            .members
            .iter()
            .filter_map(|i| aligned.get(i))
            .collect();
        if shown.len() < 2 {
            return Ok(None);
        }
        let file = format!("{}.html", story.id);
        let title = format!("{}: {}", story.id, story.label);
        let note = storyline_note(story) + &copies_note(self.docs, story, aligned);
        let html = compare_html_with(&title, &shown, self.contexts, &note);
        write_atomic(&self.sdir.join(&file), html.as_bytes())?;
        Ok(Some(self.link(story, &file)))
    }

    /// What the report's index says of a story whose page is `file`.
    fn link(&self, story: &Story, file: &str) -> StoryLink {
        let sources: std::collections::BTreeSet<&str> = story
            .members
            .iter()
            .map(|&i| self.docs[i].source.as_str())
            .collect();
        StoryLink {
            id: story.id.clone(),
            label: story.label.clone(),
            n_sources: sources.len(),
            n_docs: story.members.len(),
            sources: sources.into_iter().collect::<Vec<_>>().join("; "),
            file: format!("stories/{file}"),
            storyline: story.storyline.clone(),
        }
    }
}

/// A folder of pages (`what`: "story" or "storyline"), made if missing; an error if it is a
/// symbolic link: pages are never written through one.
pub(super) fn pages_dir(pdir: PathBuf, what: &str) -> Result<PathBuf> {
    if std::fs::symlink_metadata(&pdir).is_ok_and(|m| m.file_type().is_symlink()) {
        let message = format!("a symbolic link; {what} pages are not written through it");
        return Err(Error::io(&pdir, std::io::Error::other(message)));
    }
    std::fs::create_dir_all(&pdir).map_err(|e| Error::io(&pdir, e))?;
    Ok(pdir)
}

/// The story page of every document of a story with a page: `stories/S00001.html#doc_id` (the
/// page alone for a copy, which has no column).
pub fn doc_pages(docs: &[DocRow], multi: &[Story], pages: &[StoryLink]) -> HashMap<usize, String> {
    let with_page: HashMap<&str, &str> = pages
        .iter()
        .map(|p| (p.id.as_str(), p.file.as_str()))
        .collect();
    let mut out = HashMap::new();
    for story in multi {
        let Some(file) = with_page.get(story.id.as_str()) else {
            continue;
        };
        out.extend(story.members.iter().map(|&i| (i, doc_link(&docs[i], file))));
    }
    out
}

/// A document's place on its story's page `file`: its column, or the page for a copy.
fn doc_link(d: &DocRow, file: &str) -> String {
    match d.duplicate_of {
        None => format!("{file}#{}", d.doc_id),
        Some(_) => file.to_string(),
    }
}

/// The line linking a story's page to its storyline's, when its event is one of a saga's.
fn storyline_note(story: &Story) -> String {
    if story.storyline.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"meta\">One event of storyline <a href=\"../{}/{}.html\">{}</a>: the saga's events by day, and which outlet covered which.</p>\n",
        super::storyline_page::DIR,
        esc(&story.storyline),
        esc(&story.storyline)
    )
}

/// The line naming the members not shown in a column (copies of an earlier document of the same
/// source), so that no member is left out silently.
fn copies_note(docs: &[DocRow], story: &Story, aligned: &HashMap<usize, Aligned>) -> String {
    let copies: Vec<String> = story
        .members
        .iter()
        .filter(|i| !aligned.contains_key(i))
        .map(|&i| copy_name(docs, &docs[i]))
        .collect();
    if copies.is_empty() {
        String::new()
    } else {
        format!(
            "<p class=\"meta\">{} of the story's {} documents are copies of another and are not shown again: {}.</p>\n",
            copies.len(),
            story.members.len(),
            copies.join("; ")
        )
    }
}

/// A copy as the page names it: its id, source and the original's id.
fn copy_name(docs: &[DocRow], d: &DocRow) -> String {
    let of = d.duplicate_of.map_or("", |o| docs[o].doc_id.as_str());
    format!(
        "{} ({}, copy of {})",
        esc(&d.doc_id),
        esc(&d.source),
        esc(of)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_numbers_show_count_and_list_never_empty_brackets() {
        assert_eq!(shared_numbers_cell(&[]), "0");
        assert_eq!(
            shared_numbers_cell(&["12".into(), "40%".into()]),
            "2 (12, 40%)"
        );
    }

    /// Each column is marked with its article's language and read by its rules: the French
    /// hedge "selon" is coloured in the French column, the English one in the English column.
    #[test]
    fn columns_carry_their_language_and_its_hedges() {
        use crate::stories::prepare;
        use crate::text::tokenize::{Normalizer, NormalizerOptions};
        let en = Context::english();
        let mut fr = Context::english();
        fr.normalizer = Normalizer::new(&NormalizerOptions {
            language: "french".into(),
            ..Default::default()
        })
        .unwrap();
        fr.lexicon = crate::options::load_lexicon_for("fr", None, false).unwrap();
        fr.language = Some("fr");
        let by_language = [en, fr];
        let contexts = Contexts {
            one: &by_language[0],
            by_language: &by_language,
        };
        let a = prepare(
            "a",
            "wire-en",
            "Troops reportedly left, officials said.",
            0,
            &by_language[0],
        );
        let b = prepare(
            "b",
            "wire-fr",
            "Les troupes sont parties, selon l'armée.",
            0,
            &by_language[1],
        );
        let html = compare_html("t", &[&a, &b], contexts);
        assert!(html.contains("<div class=\"doc\" lang=\"en\">"), "{html}");
        assert!(html.contains("<div class=\"doc\" lang=\"fr\">"), "{html}");
        assert!(html.contains(">selon<"), "{html}");
        assert!(html.contains(">reportedly<"), "{html}");
    }
}
