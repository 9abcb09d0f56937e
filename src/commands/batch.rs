//! `hedgerow batch JOBS.toml`: several analyses, each into `<root>/<name>/`, and an index page
//! linking their reports. One failing job is reported and the others still run. A job's keys
//! are the `analyze` flags (see [`crate::options`]), so the two never drift apart.

use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::options::{apply_settings, AnalyzeOptions, Keys};
use crate::pipeline;
use crate::report::html::esc;
use std::path::{Path, PathBuf};

/// One job of a batch file: its name (the output folder under the batch root) and the options
/// it runs with. Relative paths in the file are relative to the file's folder.
#[derive(Debug, Clone)]
pub struct Job {
    /// Name: the output folder under the batch root.
    pub name: String,
    /// Options of the job's analysis.
    pub options: AnalyzeOptions,
}

/// Outcome of one job.
#[derive(Debug)]
pub struct JobResult {
    /// Job name.
    pub name: String,
    /// Output folder.
    pub out: PathBuf,
    /// What the job counted, or its error.
    pub result: std::result::Result<JobCounts, String>,
}

/// What a job that ran counted.
#[derive(Debug, Clone, Copy)]
pub struct JobCounts {
    /// Documents analysed.
    pub docs: usize,
    /// Sources (or groups).
    pub sources: usize,
    /// Inputs skipped.
    pub skipped: usize,
}

impl JobCounts {
    fn of(a: &crate::analysis::Analysis) -> Self {
        JobCounts {
            docs: a.n_docs(),
            sources: a.tables.sources.height(),
            skipped: a.n_skipped(),
        }
    }
}

/// Reads a batch file into jobs with resolved paths, and the output root.
pub fn load(path: &Path, out_override: Option<&Path>) -> Result<(Vec<Job>, PathBuf)> {
    let bad = |m: String| Error::parse(path, None, m);
    let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut file: toml::Table =
        toml::from_str(&s).map_err(|e| bad(format!("bad batch file: {e}")))?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let out = batch_out(&mut file, &base, &bad)?;
    let tables = match file.remove("job") {
        Some(toml::Value::Array(a)) => a,
        _ => return Err(bad("bad batch file: missing `[[job]]` tables".into())),
    };
    if let Some(k) = file.keys().next() {
        return Err(bad(format!(
            "bad batch file: unknown key '{k}' (expected out and [[job]])"
        )));
    }
    let root = out_override
        .map(Path::to_path_buf)
        .or(out)
        .unwrap_or_else(|| PathBuf::from("reports"));
    let mut names = std::collections::HashSet::new();
    let jobs = tables
        .into_iter()
        .map(|t| job(t, &base, &root, &mut names, &bad))
        .collect::<Result<_>>()?;
    Ok((jobs, root))
}

/// The batch file's `out`, taken out of it (relative to the batch file, as its inputs are).
fn batch_out(
    file: &mut toml::Table,
    base: &Path,
    bad: &dyn Fn(String) -> Error,
) -> Result<Option<PathBuf>> {
    match file.remove("out") {
        Some(toml::Value::String(o)) => Ok(Some(base.join(o))),
        Some(_) => Err(bad("'out' must be a string".into())),
        None => Ok(None),
    }
}

/// One `[[job]]` table as a job: its name (unlike those in `names`), its inputs relative to
/// `base`, its folder in `root` and its settings.
fn job(
    t: toml::Value,
    base: &Path,
    root: &Path,
    names: &mut std::collections::HashSet<String>,
    bad: &dyn Fn(String) -> Error,
) -> Result<Job> {
    let toml::Value::Table(mut t) = t else {
        return Err(bad("each [[job]] must be a table".into()));
    };
    let name = job_name(&mut t, names, bad)?;
    let inputs: Vec<PathBuf> = t
        .remove("inputs")
        .ok_or_else(|| bad(format!("job '{name}' has no inputs")))?
        .try_into()
        .map_err(|e| bad(format!("job '{name}': inputs: {e}")))?;
    let mut o = AnalyzeOptions {
        inputs: inputs.iter().map(|p| base.join(p)).collect(),
        out: root.join(&name),
        ..Default::default()
    };
    let job_bad = |m: String| bad(format!("job '{name}': {m}"));
    apply_settings(&t, Keys::Analyze, &mut o, base, &job_bad)?;
    Ok(Job { name, options: o })
}

/// A job's name, taken out of its table: a plain folder name, colliding with nothing, unlike
/// those in `names` (it joins them).
fn job_name(
    t: &mut toml::Table,
    names: &mut std::collections::HashSet<String>,
    bad: &dyn Fn(String) -> Error,
) -> Result<String> {
    let name = match t.remove("name") {
        Some(toml::Value::String(n)) => n,
        _ => return Err(bad("a job needs a name".into())),
    };
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(bad(format!(
            "job name '{name}' must be a plain folder name"
        )));
    }
    if let Some(why) = name_collision(&name) {
        return Err(bad(format!("job name '{name}' {why}")));
    }
    if !names.insert(name.clone()) {
        return Err(bad(format!("job name '{name}' appears twice")));
    }
    Ok(name)
}

/// The files a batch writes in its output root besides the jobs' folders.
const ROOT_FILES: &[&str] = &["index.html"];

/// Why a job folder of this name would collide with the batch's own files (the index page, a
/// temporary file `.NAME.tmp-PID`), if it would.
fn name_collision(name: &str) -> Option<&'static str> {
    if ROOT_FILES.iter().any(|f| f.eq_ignore_ascii_case(name)) {
        Some("is the name of the batch's index page: choose another")
    } else if name.starts_with('.') {
        Some("starts with '.', as hedgerow's temporary files do: choose another")
    } else {
        None
    }
}

/// Runs every job and writes `<root>/index.html`.
pub fn run(path: &Path, out_override: Option<&Path>, quiet: bool) -> Result<Vec<JobResult>> {
    let (jobs, root) = load(path, out_override)?;
    let mut results = Vec::new();
    for Job { name, mut options } in jobs {
        options.quiet = quiet;
        if !quiet {
            eprintln!("hedgerow batch: job {name}");
        }
        let r = pipeline::run(&options)
            .map(|a| JobCounts::of(&a))
            .map_err(|e| e.to_string());
        if let Err(e) = &r {
            eprintln!("hedgerow batch: job {name} failed: {e}");
        }
        results.push(JobResult {
            name,
            out: options.out,
            result: r,
        });
    }
    std::fs::create_dir_all(&root).map_err(|e| Error::io(&root, e))?;
    write_atomic(&root.join("index.html"), index_html(&results).as_bytes())?;
    Ok(results)
}

/// The batch index page: one row per job, linking its report.
fn index_html(results: &[JobResult]) -> String {
    let mut html = String::from("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hedgerow reports</title><style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}</style></head><body><h1>hedgerow reports</h1><table><tr><th>report</th><th>documents</th><th>sources</th><th>inputs skipped</th></tr>\n");
    for r in results {
        match &r.result {
            Ok(c) => html.push_str(&format!("<tr><td><a href=\"{0}/index.html\">{1}</a></td><td>{2}</td><td>{3}</td><td>{4}</td></tr>\n", esc(&r.name), esc(&r.name), c.docs, c.sources, c.skipped)),
            Err(e) => html.push_str(&format!("<tr><td>{}</td><td colspan=\"3\">failed: {}</td></tr>\n", esc(&r.name), esc(e))),
        }
    }
    html.push_str("</table></body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_names_that_collide_are_refused() {
        assert!(name_collision("index.html").is_some());
        assert!(name_collision("INDEX.HTML").is_some());
        assert!(name_collision(".index.html.tmp-12").is_some());
        assert!(name_collision("reuters-2019").is_none());
    }

    #[test]
    fn index_escapes_job_names_in_attributes() {
        let r = JobResult {
            name: "a\"b<c".into(),
            out: PathBuf::new(),
            result: Ok(JobCounts {
                docs: 1,
                sources: 1,
                skipped: 0,
            }),
        };
        let html = index_html(&[r]);
        assert!(html.contains("href=\"a&quot;b&lt;c/index.html\""), "{html}");
        assert!(!html.contains("a\"b"));
    }

    #[test]
    fn jobs_take_the_analyze_settings_and_refuse_unknown_keys() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("jobs.toml");
        std::fs::write(
            &f,
            "[[job]]\nname = \"x\"\ninputs = [\"in\"]\ntext_field = \"body\"\nstory_window = 5\nno_report = true\n",
        )
        .unwrap();
        let (jobs, root) = load(&f, None).unwrap();
        assert_eq!(root, PathBuf::from("reports"));
        let o = &jobs[0].options;
        assert_eq!(o.inputs, vec![d.path().join("in")]);
        assert_eq!(o.load.text_field, "body");
        assert_eq!(o.story_window, Some(5));
        assert!(!o.report);
        std::fs::write(
            &f,
            "[[job]]\nname = \"x\"\ninputs = [\"in\"]\ntext_feild = \"body\"\n",
        )
        .unwrap();
        let e = load(&f, None).unwrap_err().to_string();
        assert!(e.contains("unknown key 'text_feild'"), "{e}");
    }
}
