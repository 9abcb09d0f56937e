//! `index.html` (self-contained but for the PNGs beside it, so it works offline when the folder is
//! copied), `report.md` and `run.json`; and [`esc`], the one HTML escape of the crate.

use super::figures::{source_figures, summary};
use super::story_page::StoryLink;
use super::ChartEntry;
use crate::analysis::Analysis;
use crate::error::Result;
use crate::io::write::write_atomic;
use crate::options::AnalyzeOptions;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"`): the one escape of the
/// crate, used by the report, the story pages and the batch index.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f4f6f8;border-radius:6px;padding:.6em 1em}.card b{display:block;font-size:1.4em}";

/// Writes `index.html`, `report.md` and `run.json` into `dir`.
pub fn write_report(
    a: &Analysis,
    opts: &AnalyzeOptions,
    dir: &Path,
    charts: &[ChartEntry],
    chart_seconds: f64,
) -> Result<Vec<PathBuf>> {
    let top = opts.top_sources.max(1);
    let stories = &a.story_pages;
    let s = summary(a);
    let figs = source_figures(&a.tables.sources, &a.lexicon.categories)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let date_range = s
        .dates
        .as_ref()
        .map(|(a, b)| format!("{a} to {b}"))
        .unwrap_or_else(|| "no dates".into());
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hedgerow report: {}</title><style>{STYLE}</style></head><body>\n<h1>hedgerow report: {}</h1>\n<p class=\"lead\">Term frequency, keyness, hedging and quotation, source against source. Made by hedgerow {} from {}.</p>\n",
        esc(&name),
        esc(&name),
        env!("CARGO_PKG_VERSION"),
        esc(&opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))
    );
    let _ = writeln!(
        html,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>documents</div><div class=\"card\"><b>{}</b>word tokens</div><div class=\"card\"><b>{}</b>sources</div><div class=\"card\"><b>{}</b>dates</div><div class=\"card\"><b>{}</b>input problems (<a href=\"errors.csv\">errors.csv</a>)</div></div>",
        s.docs, s.tokens, s.sources, esc(&date_range), s.problems
    );
    if figs.len() > top {
        let _ = writeln!(html, "<p>Charts show the {top} sources with most documents; the tables below and the CSV files hold all {}.</p>", figs.len());
    }
    for c in charts {
        let _ = writeln!(
            html,
            "<figure><h2>{}</h2><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
            esc(&c.title),
            esc(&c.file),
            esc(&c.title),
            esc(&c.caption)
        );
    }
    if !charts.iter().any(|c| c.file == "hedges_over_time.png") {
        html.push_str(
            "<p>No chart over time: the documents carry dates in fewer than two months.</p>\n",
        );
    }
    html.push_str("<h2>Sources</h2><p>Rates are a source's totals: all its hedges (or quotes) over all its tokens. Full tables: <a href=\"sources.csv\">sources.csv</a>, <a href=\"documents.csv\">documents.csv</a>, <a href=\"terms.csv\">terms.csv</a>, <a href=\"hedges.csv\">hedges.csv</a>, <a href=\"quotes.csv\">quotes.csv</a>.</p>\n<table><tr><th>source</th><th>documents</th><th>hedges / 1k</th><th>95% interval</th><th>direct quotes / 1k</th><th>scare quotes / 1k</th><th>anonymous / 1k</th><th>quoted share</th></tr>\n");
    let mut md = String::new();
    let _ = write!(md, "# hedgerow report: {name}\n\nMade by hedgerow {} from {}.\n\n- documents: {}\n- word tokens: {}\n- sources: {}\n- dates: {}\n- input problems: {} (errors.csv)\n\n", env!("CARGO_PKG_VERSION"), opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "), s.docs, s.tokens, s.sources, date_range, s.problems);
    for c in charts {
        let _ = write!(
            md,
            "## {}\n\n![{}]({})\n\n{}\n\n",
            c.title, c.title, c.file, c.caption
        );
    }
    md.push_str("## Sources\n\n| source | documents | hedges / 1k | 95% interval | direct / 1k | scare / 1k | anonymous / 1k | quoted share |\n|---|---:|---:|---|---:|---:|---:|---:|\n");
    for f in &figs {
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
        let _ = writeln!(
            md,
            "| {} | {} | {} | {}–{} | {} | {} | {} | {} |",
            f.name.replace('|', "\\|"),
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
    html.push_str("</table>\n");
    // Hedge categories table
    html.push_str("<h2>Hedges by category</h2><table><tr><th>source</th>");
    md.push_str("\n## Hedges by category (per 1,000 tokens)\n\n| source |");
    for c in &a.lexicon.categories {
        let _ = write!(html, "<th>{}</th>", esc(&c.replace('_', " ")));
        let _ = write!(md, " {} |", c.replace('_', " "));
    }
    html.push_str("</tr>\n");
    md.push_str("\n|---|");
    for _ in &a.lexicon.categories {
        md.push_str("---:|");
    }
    md.push('\n');
    for f in &figs {
        let _ = write!(html, "<tr><td>{}</td>", esc(&f.name));
        let _ = write!(md, "| {} |", f.name.replace('|', "\\|"));
        for v in &f.categories {
            let _ = write!(html, "<td>{}</td>", fmt(*v, 2));
            let _ = write!(md, " {} |", fmt(*v, 2));
        }
        html.push_str("</tr>\n");
        md.push('\n');
    }
    html.push_str("</table>\n");
    if opts.stories {
        let _ = writeln!(html, "<h2>Stories</h2><p>{} stories are told by two or more sources (documents grouped by shared quotations, numbers and passages; see <a href=\"stories.csv\">stories.csv</a>, <a href=\"alignment.csv\">alignment.csv</a>, <a href=\"shared_quotes.csv\">shared_quotes.csv</a>, <a href=\"passages.csv\">passages.csv</a>).</p>", a.multi_source_stories);
        let _ = write!(md, "\n## Stories\n\n{} stories are told by two or more sources (stories.csv, alignment.csv, shared_quotes.csv, passages.csv).\n\n", a.multi_source_stories);
        if !stories.is_empty() {
            html.push_str("<table><tr><th>story</th><th>label</th><th>sources</th><th>side by side</th></tr>\n");
            md.push_str("| story | label | sources | side by side |\n|---|---|---:|---|\n");
            for StoryLink {
                id: sid,
                label,
                n_sources: n,
                file,
            } in stories
            {
                let _ = writeln!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">compare</a></td></tr>",
                    esc(sid),
                    esc(label),
                    n,
                    esc(file)
                );
                let _ = writeln!(
                    md,
                    "| {sid} | {} | {n} | [compare]({file}) |",
                    label.replace('|', "\\|")
                );
            }
            html.push_str("</table>\n");
        }
    }
    html.push_str("<p>Made with hedgerow. Every rate is derived from the counts in the CSV files.</p></body></html>\n");
    let mut files = Vec::new();
    let p = dir.join("index.html");
    write_atomic(&p, html.as_bytes())?;
    files.push(p);
    let p = dir.join("report.md");
    write_atomic(&p, md.as_bytes())?;
    files.push(p);
    let run = run_json(a, opts, chart_seconds);
    let p = dir.join("run.json");
    write_atomic(&p, run.as_bytes())?;
    files.push(p);
    Ok(files)
}

/// `run.json`: version, options, inputs with document counts, timings.
pub fn run_json(a: &Analysis, opts: &AnalyzeOptions, chart_seconds: f64) -> String {
    let inputs: Vec<serde_json::Value> = opts
        .inputs
        .iter()
        .map(|p| {
            let ps = p.display().to_string();
            let n = a.acc.docs.iter().filter(|_| opts.inputs.len() == 1).count();
            let n = if opts.inputs.len() == 1 {
                n
            } else {
                a.acc
                    .docs
                    .iter()
                    .filter(|d| d.origin.starts_with(&ps))
                    .count()
            };
            let skipped = a
                .acc
                .problems
                .iter()
                .filter(|e| e.skipped() && (opts.inputs.len() == 1 || e.path.starts_with(&ps)))
                .count();
            serde_json::json!({"path": ps, "documents": n, "skipped": skipped})
        })
        .collect();
    let v = serde_json::json!({
        "hedgerow_version": env!("CARGO_PKG_VERSION"),
        "options": {
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
        },
        "inputs": inputs,
        "documents": a.acc.docs.len(),
        "problems": a.acc.problems.len(),
        "bytes": a.bytes,
        "multi_source_stories": a.multi_source_stories,
        "timings_seconds": {"count": a.timings.count, "tables": a.timings.tables, "stories": a.timings.stories, "charts_and_report": chart_seconds},
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
