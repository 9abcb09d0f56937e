//! The report: charts (PNG), `index.html` (self-contained but for the PNGs beside it, so it works
//! offline when the folder is copied), `report.md` and `run.json`.

use crate::error::{Error, Result};
use crate::plot::{self, Panel, SourceFigures};
use crate::{Analysis, AnalyzeOptions};
use polars::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn pe(e: PolarsError) -> Error {
    Error::Polars {
        table: "report".into(),
        source: e,
    }
}

/// Column as f64 values (nulls become NaN).
pub fn col_f64(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    let c = df
        .column(name)
        .map_err(pe)?
        .cast(&DataType::Float64)
        .map_err(pe)?;
    let ca = c.f64().map_err(pe)?;
    Ok((0..ca.len())
        .map(|i| ca.get(i).unwrap_or(f64::NAN))
        .collect())
}

/// Column as strings (nulls become empty).
pub fn col_str(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    let c = df.column(name).map_err(pe)?;
    let ca = c.str().map_err(pe)?;
    Ok((0..ca.len())
        .map(|i| ca.get(i).unwrap_or("").to_string())
        .collect())
}

/// Per-source figures for all sources, ordered by documents (desc) then name; colours by that rank.
pub fn source_figures(a: &Analysis) -> Result<Vec<SourceFigures>> {
    let df = &a.tables.sources;
    let names = col_str(df, "source")?;
    let n_docs = col_f64(df, "n_docs")?;
    let h = col_f64(df, "hedges_per_1k")?;
    let lo = col_f64(df, "hedges_per_1k_lo")?;
    let hi = col_f64(df, "hedges_per_1k_hi")?;
    let direct = col_f64(df, "direct_per_1k")?;
    let scare = col_f64(df, "scare_per_1k")?;
    let anon = col_f64(df, "anonymous_per_1k")?;
    let qs = col_f64(df, "quoted_share")?;
    let cats: Vec<Vec<f64>> = a
        .lexicon
        .categories
        .iter()
        .map(|c| col_f64(df, &format!("{c}_per_1k")))
        .collect::<Result<_>>()?;
    let z = |v: f64| if v.is_finite() { v } else { 0.0 };
    let mut out: Vec<SourceFigures> = (0..names.len())
        .map(|i| SourceFigures {
            name: names[i].clone(),
            n_docs: n_docs[i] as u64,
            hedges_per_1k: z(h[i]),
            lo: z(lo[i]),
            hi: z(hi[i]),
            categories: cats.iter().map(|c| z(c[i])).collect(),
            direct_per_1k: z(direct[i]),
            scare_per_1k: z(scare[i]),
            anonymous_per_1k: z(anon[i]),
            quoted_share: z(qs[i]),
            color: 0,
        })
        .collect();
    out.sort_by(|a, b| b.n_docs.cmp(&a.n_docs).then(a.name.cmp(&b.name)));
    for (i, s) in out.iter_mut().enumerate() {
        s.color = i;
    }
    Ok(out)
}

/// A chart written for the report, with the sentence that explains it.
pub struct ChartEntry {
    /// File name in the output folder.
    pub file: String,
    /// Heading.
    pub title: String,
    /// One plain sentence on what it measures and how.
    pub caption: String,
}

/// Draws every chart into `dir`; returns the entries in report order.
pub fn charts(a: &Analysis, dir: &Path, top: usize) -> Result<Vec<ChartEntry>> {
    let all = source_figures(a)?;
    let shown: Vec<SourceFigures> = all.iter().take(top).cloned().collect();
    let subtitle = if all.len() > shown.len() {
        format!(
            "showing the {} sources with most documents, of {}; (n) = documents",
            shown.len(),
            all.len()
        )
    } else {
        format!("{} sources; (n) = documents", all.len())
    };
    let mut out = Vec::new();
    // Sources sorted by hedging for the bar charts reads better than by size.
    let mut by_hedge = shown.clone();
    by_hedge.sort_by(|a, b| {
        b.hedges_per_1k
            .total_cmp(&a.hedges_per_1k)
            .then(a.name.cmp(&b.name))
    });
    plot::hedges_by_source(
        &dir.join("hedges_by_source.png"),
        &by_hedge,
        &a.lexicon.categories,
        &subtitle,
    )?;
    out.push(ChartEntry {
        file: "hedges_by_source.png".into(),
        title: "Hedging by source".into(),
        caption: "Hedges (reportedly, allegedly, may, approximately …) per 1,000 word tokens, all of a source's hedges over all its tokens, stacked by lexicon category; whiskers show a 95% interval from a bootstrap over the source's documents.".into(),
    });
    let mut by_quote = shown.clone();
    by_quote.sort_by(|a, b| {
        (b.direct_per_1k + b.scare_per_1k)
            .total_cmp(&(a.direct_per_1k + a.scare_per_1k))
            .then(a.name.cmp(&b.name))
    });
    plot::quote_profile(&dir.join("quote_profile.png"), &by_quote, &subtitle)?;
    out.push(ChartEntry {
        file: "quote_profile.png".into(),
        title: "Quote profile".into(),
        caption: "Direct quotations (attributed speech), scare quotes (short unattributed words in quotation marks) and quotations from anonymous sources, each per 1,000 word tokens.".into(),
    });
    plot::quotes_vs_hedges(
        &dir.join("quotes_vs_hedges.png"),
        &shown,
        &format!("{subtitle}; point size = documents"),
    )?;
    out.push(ChartEntry {
        file: "quotes_vs_hedges.png".into(),
        title: "Quoting against hedging".into(),
        caption: "Each point is a source: how much of its text is inside quotation marks against how often it hedges; larger points have more documents.".into(),
    });
    let panels = term_panels(a, &shown, false)?;
    plot::small_multiples(
        &dir.join("top_terms.png"),
        "Most frequent terms by source",
        &format!("{subtitle}; stopwords removed, words shown in their most frequent form"),
        "per 10,000 terms",
        &panels,
        false,
    )?;
    out.push(ChartEntry {
        file: "top_terms.png".into(),
        title: "Top terms".into(),
        caption: "The ten most frequent terms (stems, shown in their most frequent written form) of each source, per 10,000 terms of that source.".into(),
    });
    let panels = term_panels(a, &shown, true)?;
    plot::small_multiples(
        &dir.join("keyness.png"),
        "Distinctive terms by source",
        &format!("{subtitle}; right: over-used, left (grey): under-used"),
        "signed log-likelihood G²",
        &panels,
        true,
    )?;
    out.push(ChartEntry {
        file: "keyness.png".into(),
        title: "Keyness".into(),
        caption: "Terms a source uses more (right) or less (left) than the rest of the corpus, by signed Dunning log-likelihood G² (above 3.84 is significant at p < 0.05).".into(),
    });
    if let Some((labels, overall, series, unit)) = periods(a, &shown) {
        let left_out = shown.len() - series.len();
        let note = if left_out > 0 {
            format!("; {left_out} of them without dated text left out")
        } else {
            String::new()
        };
        plot::hedges_over_time(
            &dir.join("hedges_over_time.png"),
            &labels,
            &overall,
            &series,
            &format!("{subtitle}{note}; by {unit}; grey: all sources; gaps: under 1,000 tokens"),
        )?;
        out.push(ChartEntry {
            file: "hedges_over_time.png".into(),
            title: "Hedging over time".into(),
            caption: format!("Hedges per 1,000 word tokens per source and {unit}, from the documents' dates, against the whole corpus in grey; a {unit} with under 1,000 tokens of a source is left out."),
        });
    }
    Ok(out)
}

fn term_panels(a: &Analysis, shown: &[SourceFigures], keyness: bool) -> Result<Vec<Panel>> {
    let t = &a.tables.terms;
    let src = col_str(t, "source")?;
    let surf = col_str(t, "surface")?;
    let n = col_f64(t, "n")?;
    let per = col_f64(t, if keyness { "g2" } else { "per_10k" })?;
    let mut by: BTreeMap<&str, Vec<(String, f64)>> = BTreeMap::new();
    for i in 0..src.len() {
        if n[i] == 1.0 && per[i].is_finite() {
            by.entry(src[i].as_str())
                .or_default()
                .push((surf[i].clone(), per[i]));
        }
    }
    let mut panels = Vec::new();
    for s in shown {
        let mut v = by.remove(s.name.as_str()).unwrap_or_default();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let bars = if keyness {
            let mut pos: Vec<(String, f64)> =
                v.iter().filter(|x| x.1 > 0.0).take(6).cloned().collect();
            let mut neg: Vec<(String, f64)> = v
                .iter()
                .rev()
                .filter(|x| x.1 < 0.0)
                .take(4)
                .cloned()
                .collect();
            neg.reverse();
            pos.extend(neg);
            pos
        } else {
            v.into_iter().take(10).collect()
        };
        panels.push(Panel {
            title: format!("{} ({})", s.name, s.n_docs),
            color: s.color,
            bars,
        });
    }
    Ok(panels)
}

type Periods = (
    Vec<String>,
    Vec<Option<f64>>,
    Vec<(String, usize, Vec<Option<f64>>)>,
    &'static str,
);

/// Hedge rates per period (month, quarter or year, by the span of dates) for the shown sources
/// and for the whole corpus; a cell with under 1,000 tokens is left empty rather than drawn noisy.
fn periods(a: &Analysis, shown: &[SourceFigures]) -> Option<Periods> {
    let ym = |d: &str| -> Option<(i32, u32)> {
        let b = d.as_bytes();
        (b.len() >= 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit))
        .then(|| (d[..4].parse().unwrap_or(0), d[5..7].parse().unwrap_or(1)))
    };
    let dated: Vec<(i32, u32)> = a
        .acc
        .docs
        .iter()
        .filter_map(|d| ym(&d.date))
        .filter(|(_, m)| (1..=12).contains(m))
        .collect();
    let (lo, hi) = (dated.iter().min()?, dated.iter().max()?);
    let span = (hi.0 - lo.0) * 12 + hi.1 as i32 - lo.1 as i32 + 1;
    if span < 2 {
        return None;
    }
    let (unit, per): (&'static str, i32) = if span <= 24 {
        ("month", 1)
    } else if span <= 96 {
        ("quarter", 3)
    } else {
        ("year", 12)
    };
    let index = |y: i32, m: u32| -> usize {
        (((y - lo.0) * 12 + m as i32 - 1) / per) as usize - ((lo.1 as i32 - 1) / per) as usize
    };
    let n = index(hi.0, hi.1) + 1;
    if n < 2 {
        return None;
    }
    let labels: Vec<String> = (0..n)
        .map(|i| {
            let first = ((lo.1 as i32 - 1) / per + i as i32) * per; // months since lo.0-01
            let (y, m) = (lo.0 + first / 12, first % 12 + 1);
            match unit {
                "month" => format!("{y}-{m:02}"),
                "quarter" => format!("{y} Q{}", (m - 1) / 3 + 1),
                _ => format!("{y}"),
            }
        })
        .collect();
    let mut cells: BTreeMap<(&str, usize), (u64, u64)> = BTreeMap::new();
    let mut all = vec![(0u64, 0u64); n];
    for d in &a.acc.docs {
        if let Some((y, m)) = ym(&d.date).filter(|(_, m)| (1..=12).contains(m)) {
            let i = index(y, m);
            let e = cells.entry((d.source.as_str(), i)).or_default();
            e.0 += d.n_hedges;
            e.1 += d.n_tokens;
            all[i].0 += d.n_hedges;
            all[i].1 += d.n_tokens;
        }
    }
    let rate = |c: &(u64, u64)| (c.1 >= 1000).then(|| c.0 as f64 / c.1 as f64 * 1000.0);
    let overall = all.iter().map(rate).collect();
    let series: Vec<(String, usize, Vec<Option<f64>>)> = shown
        .iter()
        .map(|s| {
            (
                format!("{} ({})", s.name, s.n_docs),
                s.color,
                (0..n)
                    .map(|i| cells.get(&(s.name.as_str(), i)).and_then(rate))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|s| s.2.iter().any(Option::is_some))
        .collect();
    if series.is_empty() {
        return None;
    }
    Some((labels, overall, series, unit))
}

fn esc(s: &str) -> String {
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

/// Summary figures of the run.
pub struct Summary {
    /// Documents analysed.
    pub docs: usize,
    /// Word tokens.
    pub tokens: u64,
    /// Sources.
    pub sources: usize,
    /// Earliest and latest date.
    pub dates: Option<(String, String)>,
    /// Problems reported.
    pub problems: usize,
    /// Inputs skipped.
    pub skipped: usize,
}

/// Computes the summary of an analysis.
pub fn summary(a: &Analysis) -> Summary {
    let mut dates: Vec<&str> = a
        .acc
        .docs
        .iter()
        .map(|d| d.date.as_str())
        .filter(|d| d.len() >= 10 && d.as_bytes()[4] == b'-')
        .collect();
    dates.sort_unstable();
    Summary {
        docs: a.acc.docs.len(),
        tokens: a.acc.docs.iter().map(|d| d.n_tokens).sum(),
        sources: a.tables.sources.height(),
        dates: dates
            .first()
            .zip(dates.last())
            .map(|(a, b)| (a.to_string(), b.to_string())),
        problems: a.acc.problems.len(),
        skipped: a.n_skipped(),
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
    top: usize,
    stories: &[(String, String, usize, String)],
) -> Result<Vec<PathBuf>> {
    let s = summary(a);
    let figs = source_figures(a)?;
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
    let _ = write!(
        html,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>documents</div><div class=\"card\"><b>{}</b>word tokens</div><div class=\"card\"><b>{}</b>sources</div><div class=\"card\"><b>{}</b>dates</div><div class=\"card\"><b>{}</b>input problems (<a href=\"errors.csv\">errors.csv</a>)</div></div>\n",
        s.docs, s.tokens, s.sources, esc(&date_range), s.problems
    );
    if figs.len() > top {
        let _ = write!(html, "<p>Charts show the {top} sources with most documents; the tables below and the CSV files hold all {}.</p>\n", figs.len());
    }
    for c in charts {
        let _ = write!(
            html,
            "<figure><h2>{}</h2><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
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
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
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
        let _ = write!(html, "<h2>Stories</h2><p>{} stories are told by two or more sources (documents grouped by shared quotations, numbers and passages; see <a href=\"stories.csv\">stories.csv</a>, <a href=\"alignment.csv\">alignment.csv</a>, <a href=\"shared_quotes.csv\">shared_quotes.csv</a>, <a href=\"passages.csv\">passages.csv</a>).</p>\n", a.multi_source_stories);
        let _ = write!(md, "\n## Stories\n\n{} stories are told by two or more sources (stories.csv, alignment.csv, shared_quotes.csv, passages.csv).\n\n", a.multi_source_stories);
        if !stories.is_empty() {
            html.push_str("<table><tr><th>story</th><th>label</th><th>sources</th><th>side by side</th></tr>\n");
            md.push_str("| story | label | sources | side by side |\n|---|---|---:|---|\n");
            for (sid, label, n, file) in stories {
                let _ = write!(html, "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">compare</a></td></tr>\n", esc(sid), esc(label), n, esc(file));
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
    crate::export::write_atomic(&p, html.as_bytes())?;
    files.push(p);
    let p = dir.join("report.md");
    crate::export::write_atomic(&p, md.as_bytes())?;
    files.push(p);
    let run = run_json(a, opts, chart_seconds);
    let p = dir.join("run.json");
    crate::export::write_atomic(&p, run.as_bytes())?;
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
        "timings_seconds": {"count": a.count_seconds, "tables": a.table_seconds, "stories": a.story_seconds, "charts_and_report": chart_seconds},
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
