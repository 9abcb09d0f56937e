//! `hedgerow batch JOBS.toml`: several analyses, each into `<root>/<name>/`, and an index page
//! linking their reports. One failing job is reported and the others still run.

use crate::error::{Error, Result};
use crate::AnalyzeOptions;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One job of a batch file. Relative paths are relative to the batch file's folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// Name: the output folder under the batch root.
    pub name: String,
    /// Inputs (folders, files, JSONL/CSV dumps).
    pub inputs: Vec<PathBuf>,
    /// Field holding the text.
    pub text_field: Option<String>,
    /// Field holding the id.
    pub id_field: Option<String>,
    /// Field holding the source.
    pub source_field: Option<String>,
    /// Field holding the date.
    pub date_field: Option<String>,
    /// Field holding the title.
    pub title_field: Option<String>,
    /// Field holding a story id.
    pub story_field: Option<String>,
    /// Manifest CSV.
    pub manifest: Option<PathBuf>,
    /// Snowball language.
    pub language: Option<String>,
    /// Largest n-gram.
    pub ngrams: Option<usize>,
    /// Minimum count in terms.csv.
    pub min_count: Option<u64>,
    /// Sources shown in charts.
    pub top_sources: Option<usize>,
    /// Table formats ("csv", "parquet", "csv,parquet").
    pub format: Option<String>,
    /// User hedge lexicon.
    pub lexicon: Option<PathBuf>,
    /// No stemming.
    #[serde(default)]
    pub no_stem: bool,
    /// Keep stopwords.
    #[serde(default)]
    pub keep_stopwords: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchFile {
    /// Output root (default `reports`), relative to the current folder.
    out: Option<PathBuf>,
    job: Vec<Job>,
}

/// Outcome of one job.
#[derive(Debug)]
pub struct JobResult {
    /// Job name.
    pub name: String,
    /// Output folder.
    pub out: PathBuf,
    /// Documents, sources, skipped inputs; or the error.
    pub result: std::result::Result<(usize, usize, usize), String>,
}

/// Reads a batch file into jobs with resolved paths and the output root.
pub fn load(
    path: &Path,
    out_override: Option<&Path>,
) -> Result<(Vec<(Job, AnalyzeOptions, usize)>, PathBuf)> {
    let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let f: BatchFile =
        toml::from_str(&s).map_err(|e| Error::parse(path, None, format!("bad batch file: {e}")))?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let rel = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let root = out_override
        .map(Path::to_path_buf)
        .or(f.out)
        .unwrap_or_else(|| PathBuf::from("reports"));
    let mut jobs = Vec::new();
    let mut names = std::collections::HashSet::new();
    for j in f.job {
        if j.name.is_empty() || j.name.contains(['/', '\\']) || j.name == "." || j.name == ".." {
            return Err(Error::parse(
                path,
                None,
                format!("job name '{}' must be a plain folder name", j.name),
            ));
        }
        if !names.insert(j.name.clone()) {
            return Err(Error::parse(
                path,
                None,
                format!("job name '{}' appears twice", j.name),
            ));
        }
        let mut o = AnalyzeOptions {
            inputs: j.inputs.iter().map(|p| rel(p)).collect(),
            out: root.join(&j.name),
            ..Default::default()
        };
        if let Some(v) = &j.text_field {
            o.load.text_field = v.clone();
        }
        if let Some(v) = &j.id_field {
            o.load.id_field = v.clone();
        }
        if let Some(v) = &j.source_field {
            o.load.source_field = v.clone();
        }
        if let Some(v) = &j.date_field {
            o.load.date_field = v.clone();
        }
        if let Some(v) = &j.title_field {
            o.load.title_field = v.clone();
        }
        if let Some(v) = &j.story_field {
            o.load.story_field = v.clone();
        }
        o.load.manifest = j.manifest.as_deref().map(rel);
        if let Some(v) = &j.language {
            o.normalize.language = v.clone();
        }
        o.normalize.stem = !j.no_stem;
        o.normalize.keep_stopwords = j.keep_stopwords;
        if let Some(v) = j.ngrams {
            o.ngrams = v;
        }
        if let Some(v) = j.min_count {
            o.min_count = v;
        }
        if let Some(v) = &j.format {
            o.formats = crate::export::parse_formats(v)?;
        }
        o.lexicon = j.lexicon.as_deref().map(rel);
        let top = j.top_sources.unwrap_or(12);
        jobs.push((j, o, top));
    }
    Ok((jobs, root))
}

/// Runs every job and writes `<root>/index.html`.
pub fn run(path: &Path, out_override: Option<&Path>, quiet: bool) -> Result<Vec<JobResult>> {
    let (jobs, root) = load(path, out_override)?;
    let mut results = Vec::new();
    for (j, mut o, top) in jobs {
        o.quiet = quiet;
        if !quiet {
            eprintln!("hedgerow batch: job {}", j.name);
        }
        let r = crate::run(&o, true, top)
            .map(|a| (a.n_docs(), a.tables.sources.height(), a.n_skipped()))
            .map_err(|e| e.to_string());
        if let Err(e) = &r {
            eprintln!("hedgerow batch: job {} failed: {e}", j.name);
        }
        results.push(JobResult {
            name: j.name,
            out: o.out,
            result: r,
        });
    }
    std::fs::create_dir_all(&root).map_err(|e| Error::io(&root, e))?;
    let mut html = String::from("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hedgerow reports</title><style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}</style></head><body><h1>hedgerow reports</h1><table><tr><th>report</th><th>documents</th><th>sources</th><th>inputs skipped</th></tr>\n");
    for r in &results {
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        match &r.result {
            Ok((d, s, k)) => html.push_str(&format!("<tr><td><a href=\"{0}/index.html\">{1}</a></td><td>{d}</td><td>{s}</td><td>{k}</td></tr>\n", esc(&r.name), esc(&r.name))),
            Err(e) => html.push_str(&format!("<tr><td>{}</td><td colspan=\"3\">failed: {}</td></tr>\n", esc(&r.name), esc(e))),
        }
    }
    html.push_str("</table></body></html>\n");
    crate::export::write_atomic(&root.join("index.html"), html.as_bytes())?;
    Ok(results)
}
