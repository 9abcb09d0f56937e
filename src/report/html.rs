//! `index.html` (self-contained but for the PNGs beside it, so it works offline when the folder is
//! copied), `report.md` and `run.json`; and [`esc`], the one HTML escape of the crate.

use super::figures::{source_figures, summary, Summary};
use super::plot::SourceFigures;
use super::ChartEntry;
use crate::analysis::{Analysis, StoryLink, StorylineLink};
use crate::error::Result;
use crate::files::write_atomic;
use crate::options::AnalyzeOptions;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"`): the one escape of the
/// crate, used by the report, the story pages and the batch index.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc_into(&mut out, s);
    out
}

/// Appends `s` to `out` with `&`, `<`, `>` and `"` escaped, in one pass (a page writes every
/// token of every story document through this).
pub fn esc_into(out: &mut String, s: &str) {
    let mut at = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[at..i]);
        out.push_str(rep);
        at = i + 1;
    }
    out.push_str(&s[at..]);
}

fn fmt(v: f64, d: usize) -> String {
    if v.is_finite() {
        format!("{v:.d$}")
    } else {
        "–".into()
    }
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}.lead{color:#555}figure{margin:2em 0}img{max-width:100%;border:1px solid #ddd}
figcaption{color:#444;margin-top:.4em}table{border-collapse:collapse;font-size:.9em;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:right}th:first-child,td:first-child{text-align:left}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f4f6f8;border-radius:6px;padding:.6em 1em}.card b{display:block;font-size:1.4em}
table.sortable th{cursor:pointer;background:#f4f6f8}th.asc::after{content:' ▲'}th.desc::after{content:' ▼'}
td.wrap{text-align:left;overflow-wrap:anywhere;max-width:30em}.filter{font:inherit;padding:.2em .4em;width:20em}";

/// Sorts a table with class `sortable` by the column clicked (numbers as numbers), and filters
/// its rows by the text typed in the input just before it (class `filter`), if any.
const SORT_JS: &str = "document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.querySelectorAll('th'),col=-1,dir=1;function val(r,i){var c=r.children[i];var s=c?(c.getAttribute('data-v')||c.textContent):'';var n=parseFloat(s.replace(/,/g,''));return isNaN(n)?s.toLowerCase():n;}hs.forEach(function(h,i){h.addEventListener('click',function(){dir=(col===i)?-dir:(h.classList.contains('num')?-1:1);col=i;var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);rs.sort(function(a,c){var x=val(a,i),y=val(c,i);return (x<y?-1:x>y?1:0)*dir;});rs.forEach(function(r){b.appendChild(r);});hs.forEach(function(o){o.classList.remove('asc','desc');});h.classList.add(dir>0?'asc':'desc');});});var f=t.previousElementSibling;if(f&&f.classList.contains('filter')){f.addEventListener('input',function(){var q=f.value.toLowerCase();Array.prototype.forEach.call(t.tBodies[0].rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});}});";

/// What `index.html` and `report.md` both show.
struct Page<'a> {
    a: &'a Analysis,
    opts: &'a AnalyzeOptions,
    charts: &'a [ChartEntry],
    /// The report's name (the output folder's).
    name: String,
    /// The inputs as given, comma-separated.
    inputs: String,
    summary: Summary,
    date_range: String,
    figs: Vec<SourceFigures>,
}

impl<'a> Page<'a> {
    fn new(
        a: &'a Analysis,
        opts: &'a AnalyzeOptions,
        dir: &Path,
        charts: &'a [ChartEntry],
    ) -> Result<Self> {
        let summary = summary(a);
        let date_range = date_range(&summary);
        Ok(Page {
            a,
            opts,
            charts,
            name: folder_name(dir),
            inputs: inputs_list(opts),
            summary,
            date_range,
            figs: source_figures(&a.tables.sources, &a.lexicon.categories)?,
        })
    }
}

/// "first to last" of the documents' dates, or "no dates".
fn date_range(summary: &Summary) -> String {
    let range = summary.dates.as_ref().map(|(a, b)| format!("{a} to {b}"));
    range.unwrap_or_else(|| "no dates".into())
}

/// The last part of a folder's path ("" when it has none).
fn folder_name(dir: &Path) -> String {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_default()
}

/// The inputs as given, comma-separated.
fn inputs_list(opts: &AnalyzeOptions) -> String {
    let inputs: Vec<String> = opts
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    inputs.join(", ")
}

/// Writes `index.html` and `report.md` into `dir` (`run.json` is written last, by the pipeline,
/// from [`run_info`]).
pub fn write_report(
    a: &Analysis,
    opts: &AnalyzeOptions,
    dir: &Path,
    charts: &[ChartEntry],
) -> Result<Vec<PathBuf>> {
    let page = Page::new(a, opts, dir, charts)?;
    let mut files = Vec::new();
    for (file, text) in [
        ("index.html", index_html(&page)),
        ("report.md", report_md(&page)),
    ] {
        let p = dir.join(file);
        write_atomic(&p, text.as_bytes())?;
        files.push(p);
    }
    Ok(files)
}

/// `index.html`: summary cards, each chart with its caption, the sources and hedge-category
/// tables, and the stories with their side-by-side pages.
fn index_html(p: &Page) -> String {
    let mut html = String::new();
    html_head(&mut html, p);
    html_charts(&mut html, p);
    html_sources(&mut html, &p.figs);
    html_categories(&mut html, p);
    html_stories(&mut html, p);
    let _ = write!(html, "<p>Made with hedgerow. Every rate is derived from the counts in the CSV files.</p><script>{SORT_JS}</script></body></html>\n");
    html
}

/// The head, title, lead and summary cards.
fn html_head(html: &mut String, p: &Page) {
    let _ = write!(
        html,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hedgerow report: {}</title><style>{STYLE}</style></head><body>\n<h1>hedgerow report: {}</h1>\n<p class=\"lead\">Term frequency, keyness, hedging and quotation, source against source. Made by hedgerow {} from {}.</p>\n",
        esc(&p.name),
        esc(&p.name),
        env!("CARGO_PKG_VERSION"),
        esc(&p.inputs)
    );
    if p.opts.explore {
        html.push_str("<p><b><a href=\"explore.html\">Explore</a></b>: plot the terms of any two groups, click a term to read its lines in both, sort and filter the tables (one file, no network).</p>\n");
    }
    html_cards(html, p);
}

/// The summary cards, and which sources the charts show when not all.
fn html_cards(html: &mut String, p: &Page) {
    let s = &p.summary;
    let top = p.opts.top_sources.max(1);
    let _ = writeln!(
        html,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>documents</div><div class=\"card\"><b>{}</b>word tokens</div><div class=\"card\"><b>{}</b>sources</div><div class=\"card\"><b>{}</b>dates</div><div class=\"card\"><b>{}</b>input problems (<a href=\"errors.csv\">errors.csv</a>)</div></div>",
        s.docs, s.tokens, s.sources, esc(&p.date_range), s.problems
    );
    if p.figs.len() > top {
        let _ = writeln!(html, "<p>Charts show the {top} sources with most documents; the tables below and the CSV files hold all {}.</p>", p.figs.len());
    }
}

/// Each chart with its caption.
fn html_charts(html: &mut String, p: &Page) {
    for c in p.charts {
        html_figure(html, c);
    }
    if !p.charts.iter().any(|c| c.file == "hedges_over_time.png") {
        html.push_str(
            "<p>No chart over time: the documents carry dates in fewer than two months.</p>\n",
        );
    }
}

/// A chart as a figure: its title, the picture and its caption.
fn html_figure(html: &mut String, c: &ChartEntry) {
    let _ = writeln!(
        html,
        "<figure><h2>{}</h2><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
        esc(&c.title),
        esc(&c.file),
        esc(&c.title),
        esc(&c.caption)
    );
}

/// The table of sources.
fn html_sources(html: &mut String, figs: &[SourceFigures]) {
    html.push_str("<h2>Sources</h2><p>Rates are a source's totals: all its hedges (or quotes) over all its tokens. Full tables: <a href=\"sources.csv\">sources.csv</a>, <a href=\"documents.csv\">documents.csv</a>, <a href=\"terms.csv\">terms.csv</a>, <a href=\"hedges.csv\">hedges.csv</a>, <a href=\"quotes.csv\">quotes.csv</a>.</p>\n<input class=\"filter\" type=\"search\" placeholder=\"filter rows\"><table class=\"sortable\"><thead><tr><th>source</th><th class=\"num\">documents</th><th class=\"num\">hedges / 1k</th><th class=\"num\">95% interval</th><th class=\"num\">direct quotes / 1k</th><th class=\"num\">scare quotes / 1k</th><th class=\"num\">anonymous / 1k</th><th class=\"num\">quoted share</th></tr></thead><tbody>\n");
    for f in figs {
        html_source_row(html, f);
    }
    html.push_str("</tbody></table>\n");
}

/// A source's row of the table of sources.
fn html_source_row(html: &mut String, f: &SourceFigures) {
    let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&f.name),
            f.n_docs,
            fmt(f.hedges_per_1k, 2),
            fmt(f.lo, 2),
            fmt(f.hi, 2),
            fmt(f.direct_per_1k, 2),
            fmt(f.scare_per_1k, 2),
            fmt(f.anonymous_per_1k, 2),
            fmt(f.quoted_share, 3)
        );
}

/// The table of hedges by category.
fn html_categories(html: &mut String, p: &Page) {
    html.push_str(
        "<h2>Hedges by category</h2><table class=\"sortable\"><thead><tr><th>source</th>",
    );
    for c in &p.a.lexicon.categories {
        let _ = write!(html, "<th class=\"num\">{}</th>", esc(&c.replace('_', " ")));
    }
    html.push_str("</tr></thead><tbody>\n");
    for f in &p.figs {
        html_category_row(html, f);
    }
    html.push_str("</tbody></table>\n");
}

/// A source's row of the table of hedges by category.
fn html_category_row(html: &mut String, f: &SourceFigures) {
    let _ = write!(html, "<tr><td>{}</td>", esc(&f.name));
    for v in &f.categories {
        let _ = write!(html, "<td>{}</td>", fmt(*v, 2));
    }
    html.push_str("</tr>\n");
}

/// The stories told by two or more sources, with their side-by-side pages, then the storylines.
fn html_stories(html: &mut String, p: &Page) {
    let a = p.a;
    if !p.opts.stories {
        return;
    }
    let _ = writeln!(html, "<h2 id=\"stories\">Stories</h2><p>{} stories are told by two or more sources (documents grouped by shared quotations, numbers and passages; see <a href=\"stories.csv\">stories.csv</a>, <a href=\"alignment.csv\">alignment.csv</a>, <a href=\"shared_quotes.csv\">shared_quotes.csv</a>, <a href=\"passages.csv\">passages.csv</a>).</p>", a.multi_source_stories);
    if !a.story_pages.is_empty() {
        html_story_table(html, a);
    }
    html_storylines(html, p);
}

/// The table of stories with a side-by-side page, each linked to its storyline's page if any.
fn html_story_table(html: &mut String, a: &Analysis) {
    let _ = writeln!(html, "<p>Each has a side-by-side page with all its documents ({} pages); click a column's head to sort.</p>", a.story_pages.len());
    html.push_str("<input class=\"filter\" type=\"search\" placeholder=\"filter stories\"><table class=\"sortable\"><thead><tr><th>story</th><th>label</th><th class=\"num\">sources</th><th class=\"num\">documents</th><th>which sources</th><th>side by side</th><th>storyline</th></tr></thead><tbody>\n");
    let paged: std::collections::HashSet<&str> =
        a.storyline_pages.iter().map(|l| l.id.as_str()).collect();
    for st in &a.story_pages {
        html_story_row(html, st, paged.contains(st.storyline.as_str()));
    }
    html.push_str("</tbody></table>\n");
}

/// A story's row (`line_paged`: its storyline has a page to link).
fn html_story_row(html: &mut String, st: &StoryLink, line_paged: bool) {
    let line = match line_paged {
        true => format!(
            "<a href=\"storylines/{}.html\">{}</a>",
            esc(&st.storyline),
            esc(&st.storyline)
        ),
        false => String::new(),
    };
    let _ = writeln!(
        html,
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td><td><a href=\"{}\">compare</a></td><td>{line}</td></tr>",
        esc(&st.id),
        esc(&st.label),
        st.n_sources,
        st.n_docs,
        esc(&st.sources),
        esc(&st.file)
    );
}

/// The storylines: events of one saga, each storyline with its page.
fn html_storylines(html: &mut String, p: &Page) {
    let lines = &p.a.storyline_pages;
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(html, "<h3 id=\"storylines\">Storylines</h3><p>{} storylines join two or more stories: the events of one saga, days apart (see <a href=\"storylines.csv\">storylines.csv</a>). Each page lists its events by day with their outlets and headlines, and which outlet covered which event.</p>", lines.len());
    html.push_str("<input class=\"filter\" type=\"search\" placeholder=\"filter storylines\"><table class=\"sortable\"><thead><tr><th>storyline</th><th>first day</th><th>last day</th><th class=\"num\">events</th><th class=\"num\">sources</th><th class=\"num\">documents</th><th>its events' labels</th><th>page</th></tr></thead><tbody>\n");
    for l in lines {
        html_storyline_row(html, l);
    }
    html.push_str("</tbody></table>\n");
}

/// A storyline's row.
fn html_storyline_row(html: &mut String, l: &StorylineLink) {
    let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td><td><a href=\"{}\">events</a></td></tr>",
            esc(&l.id),
            esc(&l.first_date),
            esc(&l.last_date),
            l.n_events,
            l.n_sources,
            l.n_docs,
            esc(&l.labels),
            esc(&l.file)
        );
}

/// `report.md`: the same report as Markdown.
/// Text set in Markdown as itself: HTML markup escaped (a Markdown renderer passes raw HTML
/// through) and the characters that would start emphasis, links, code or a table cell.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '*' | '_' | '[' | ']' | '`' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn report_md(p: &Page) -> String {
    let mut md = md_head(p);
    for c in p.charts {
        let _ = write!(
            md,
            "## {}\n\n![{}]({})\n\n{}\n\n",
            c.title, c.title, c.file, c.caption
        );
    }
    md_sources(&mut md, &p.figs);
    md_categories(&mut md, p);
    md_stories(&mut md, p);
    md
}

/// The title and the summary, in Markdown.
fn md_head(p: &Page) -> String {
    let s = &p.summary;
    let mut md = String::new();
    let _ = write!(md, "# hedgerow report: {}\n\nMade by hedgerow {} from {}.\n\n- documents: {}\n- word tokens: {}\n- sources: {}\n- dates: {}\n- input problems: {} (errors.csv)\n\n", md_text(&p.name), env!("CARGO_PKG_VERSION"), md_text(&p.inputs), s.docs, s.tokens, s.sources, p.date_range, s.problems);
    md
}

/// The table of sources, in Markdown.
fn md_sources(md: &mut String, figs: &[SourceFigures]) {
    md.push_str("## Sources\n\n| source | documents | hedges / 1k | 95% interval | direct / 1k | scare / 1k | anonymous / 1k | quoted share |\n|---|---:|---:|---|---:|---:|---:|---:|\n");
    for f in figs {
        md_source_row(md, f);
    }
}

/// A source's row of the table of sources, in Markdown.
fn md_source_row(md: &mut String, f: &SourceFigures) {
    let _ = writeln!(
        md,
        "| {} | {} | {} | {}–{} | {} | {} | {} | {} |",
        md_text(&f.name),
        f.n_docs,
        fmt(f.hedges_per_1k, 2),
        fmt(f.lo, 2),
        fmt(f.hi, 2),
        fmt(f.direct_per_1k, 2),
        fmt(f.scare_per_1k, 2),
        fmt(f.anonymous_per_1k, 2),
        fmt(f.quoted_share, 3)
    );
}

/// The table of hedges by category, in Markdown.
fn md_categories(md: &mut String, p: &Page) {
    let categories = &p.a.lexicon.categories;
    md.push_str("\n## Hedges by category (per 1,000 tokens)\n\n| source |");
    for c in categories {
        let _ = write!(md, " {} |", md_text(&c.replace('_', " ")));
    }
    md.push_str("\n|---|");
    md.push_str(&"---:|".repeat(categories.len()));
    md.push('\n');
    for f in &p.figs {
        md_category_row(md, f);
    }
}

/// A source's row of the table of hedges by category, in Markdown.
fn md_category_row(md: &mut String, f: &SourceFigures) {
    let _ = write!(md, "| {} |", md_text(&f.name));
    for v in &f.categories {
        let _ = write!(md, " {} |", fmt(*v, 2));
    }
    md.push('\n');
}

/// The stories told by two or more sources, then the storylines, in Markdown.
fn md_stories(md: &mut String, p: &Page) {
    let a = p.a;
    if !p.opts.stories {
        return;
    }
    let _ = write!(md, "\n## Stories\n\n{} stories are told by two or more sources (stories.csv, alignment.csv, shared_quotes.csv, passages.csv).\n\n", a.multi_source_stories);
    if !a.story_pages.is_empty() {
        md.push_str("| story | label | sources | side by side |\n|---|---|---:|---|\n");
        for st in &a.story_pages {
            let (id, label, n, file) = (&st.id, md_text(&st.label), st.n_sources, &st.file);
            let _ = writeln!(md, "| {id} | {label} | {n} | [compare]({file}) |");
        }
    }
    md_storylines(md, p);
}

/// The storylines, in Markdown.
fn md_storylines(md: &mut String, p: &Page) {
    let lines = &p.a.storyline_pages;
    if lines.is_empty() {
        return;
    }
    let _ = write!(md, "\n### Storylines\n\n{} storylines join two or more stories: the events of one saga, days apart (storylines.csv).\n\n| storyline | days | events | sources | documents | its events' labels | page |\n|---|---|---:|---:|---:|---|---|\n", lines.len());
    for l in lines {
        md_storyline_row(md, l);
    }
}

/// A storyline's row, in Markdown.
fn md_storyline_row(md: &mut String, l: &StorylineLink) {
    let _ = writeln!(
        md,
        "| {} | {} to {} | {} | {} | {} | {} | [events]({}) |",
        l.id,
        md_text(&l.first_date),
        md_text(&l.last_date),
        l.n_events,
        l.n_sources,
        l.n_docs,
        md_text(&l.labels),
        l.file
    );
}

/// Every option of the run, as run.json records it.
fn run_options(opts: &AnalyzeOptions) -> serde_json::Value {
    let mut v = serde_json::json!({
        "out": opts.out.display().to_string(),
        "text_field": opts.load.text_field, "id_field": opts.load.id_field, "source_field": opts.load.source_field,
        "date_field": opts.load.date_field, "title_field": opts.load.title_field, "story_field": opts.load.story_field,
        "max_doc_bytes": opts.load.max_doc_bytes,
        "manifest": opts.load.manifest.as_ref().map(|p| p.display().to_string()),
        "language": opts.normalize.language, "stem": opts.normalize.stem, "keep_stopwords": opts.normalize.keep_stopwords,
        "custom_stopwords": opts.normalize.stopwords.is_some(),
        "ngrams": opts.ngrams, "min_count": opts.min_count,
        "lexicon": opts.lexicon.as_ref().map(|p| p.display().to_string()), "lexicon_replace": opts.lexicon_replace,
        "bootstrap": opts.bootstrap, "seed": opts.seed, "strict": opts.strict,
        "stories": opts.stories, "story_window_days": opts.story_window,
        "formats": opts.formats.iter().map(|f| format!("{f:?}").to_lowercase()).collect::<Vec<_>>(),
    });
    let more = serde_json::json!({
        "group_by": if opts.load.group_by.is_empty() { vec!["source".to_string()] } else { opts.load.group_by.clone() },
        "reference": opts.reference, "reference_list": opts.reference_list.as_ref().map(|p| p.display().to_string()),
        "alpha": opts.alpha, "dfm": opts.dfm,
        "collocation_window": opts.collocation_window, "collocation_min": opts.collocation_min,
        "cues": opts.cues.as_ref().map(|p| p.display().to_string()), "cues_replace": opts.cues_replace,
        "keep_boilerplate": opts.keep_boilerplate, "keep_furniture": opts.keep_furniture, "follow_links": opts.load.follow_links,
        "stopwords_added": opts.normalize.extra_stopwords.len(),
        "threads": opts.threads, "shard": opts.load.shard.map(|s| format!("{}/{}", s.k, s.n)),
        "report": opts.report, "explore": opts.explore, "own_names": opts.own_names, "top_sources": opts.top_sources,
    });
    if let (Some(m), serde_json::Value::Object(more)) = (v.as_object_mut(), more) {
        m.extend(more);
    }
    v
}

/// What `run.json` says of a run: version, options, inputs with document counts, timings.
pub fn run_info(a: &Analysis, opts: &AnalyzeOptions, chart_seconds: f64) -> serde_json::Value {
    let inputs: Vec<serde_json::Value> =
        opts.inputs.iter().map(|p| input_info(a, opts, p)).collect();
    serde_json::json!({
        "hedgerow_version": env!("CARGO_PKG_VERSION"),
        "options": run_options(opts),
        "inputs": inputs,
        "documents": a.acc.docs.len(),
        "problems": a.acc.problems.len(),
        "bytes": a.bytes,
        "multi_source_stories": a.multi_source_stories,
        "warnings": a.warnings,
        "timings_seconds": {"count": a.timings.count, "tables": a.timings.tables, "stories": a.timings.stories, "charts_and_report": chart_seconds},
    })
}

/// What `run.json` says of an input: its path, its documents and the documents skipped (the
/// whole run's when it is the only input).
fn input_info(a: &Analysis, opts: &AnalyzeOptions, p: &Path) -> serde_json::Value {
    let ps = p.display().to_string();
    let only = opts.inputs.len() == 1;
    let within = |path: &str| only || path.starts_with(&ps);
    let n = a.acc.docs.iter().filter(|d| within(&d.origin)).count();
    let skipped = a
        .acc
        .problems
        .iter()
        .filter(|e| e.skipped() && within(&e.path));
    serde_json::json!({"path": ps, "documents": n, "skipped": skipped.count()})
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every option of a run is in run.json's `options`, under its own name or the one this list
    /// gives (`None`: recorded elsewhere or not a setting of the analysis).
    #[test]
    fn run_json_records_every_option() {
        let renamed: &[(&str, Option<&str>)] = &[
            ("inputs", None), // run.json's `inputs`
            ("quiet", None),
            ("progress_bar", None),
            ("skip_dirs", None), // the output folder itself
            ("load", None),
            ("normalize", None),
            ("story_window", Some("story_window_days")),
            ("stopwords", Some("custom_stopwords")),
            ("extra_stopwords", Some("stopwords_added")),
        ];
        let opts = AnalyzeOptions::default();
        let mut names: Vec<String> = Vec::new();
        for v in [
            serde_json::to_value(&opts).unwrap(),
            serde_json::to_value(&opts.load).unwrap(),
            serde_json::to_value(&opts.normalize).unwrap(),
        ] {
            names.extend(v.as_object().unwrap().keys().cloned());
        }
        let a = crate::analyze(&AnalyzeOptions {
            inputs: vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample")],
            stories: false,
            bootstrap: 10,
            ..AnalyzeOptions::default()
        })
        .unwrap();
        let info = run_info(&a, &opts, 0.0);
        let recorded = info["options"].as_object().unwrap();
        for n in names {
            let key = match renamed.iter().find(|(k, _)| *k == n) {
                Some((_, None)) => continue,
                Some((_, Some(r))) => r.to_string(),
                None => n.clone(),
            };
            assert!(
                recorded.contains_key(&key),
                "run.json does not record '{n}'"
            );
        }
    }

    #[test]
    fn markdown_text_cannot_inject_markup() {
        assert_eq!(
            md_text("<script>alert(1)</script> a|b"),
            "&lt;script&gt;alert(1)&lt;/script&gt; a\\|b"
        );
    }
}
