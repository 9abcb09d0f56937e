//! `hedgerow._hedgerow`: the compiled half of the Python package. It takes paths and a JSON
//! object of settings, maps the settings through [`hedgerow::options::apply_settings`] (the one
//! mapping the batch file uses), runs the library and hands back what Python reads: the output
//! folder's Parquet tables are read by polars on the Python side, so no second polars is built
//! here. The pure-Python half (`hedgerow/__init__.py`) turns DataFrames into records, reads the
//! tables and raises the exceptions defined in `hedgerow/errors.py`.

use hedgerow::commands::kwic;
use hedgerow::io::read::{check_inputs, preflight, Problem};
use hedgerow::io::write::Format;
use hedgerow::options::{apply_settings, Keys};
use hedgerow::text::tokenize::LANGUAGES;
use hedgerow::{pipeline, AnalyzeOptions, Error};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::{Path, PathBuf};

/// The allocator the `hedgerow` binary uses, so that a run here takes the binary's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The Python exception of a library error: its class in `hedgerow.errors` (usage, input or
/// internal), with the message and, where the error names them, the file and the line.
fn py_error(e: Error) -> PyErr {
    let (class, path, line) = match &e {
        Error::Usage(_) => ("UsageError", None, None),
        Error::MissingInput { path } | Error::Io { path, .. } => ("InputError", Some(path), None),
        Error::Parse { path, line, .. } => ("InputError", Some(path), *line),
        Error::Strict(_) => ("InputError", None, None),
        _ => ("HedgerowError", None, None),
    };
    let path = path.map(|p| p.display().to_string());
    Python::attach(|py| {
        let made = py
            .import("hedgerow.errors")
            .and_then(|m| m.getattr(class))
            .and_then(|cls| cls.call1((e.to_string(), path, line)));
        match made {
            Ok(err) => PyErr::from_value(err),
            Err(import_failed) => import_failed,
        }
    })
}

/// The options of a run over `inputs`: the defaults, then the settings (a JSON object whose keys
/// are the analyze flags with `_` for `-`) through the batch file's mapping.
fn options(inputs: Vec<PathBuf>, settings: &str, keys: Keys) -> Result<AnalyzeOptions, Error> {
    let table: toml::Table =
        serde_json::from_str(settings).map_err(|e| Error::Usage(format!("options: {e}")))?;
    let mut o = AnalyzeOptions {
        inputs,
        ..Default::default()
    };
    apply_settings(&table, keys, &mut o, Path::new(""), &|m| {
        Error::Usage(format!("option {m}"))
    })?;
    Ok(o)
}

/// What a run tells Python besides its tables (which it reads from the output folder).
struct RunInfo {
    warnings: Vec<String>,
    n_docs: usize,
    n_sources: usize,
    n_problems: usize,
    n_skipped: usize,
    bytes: u64,
    multi_source_stories: usize,
}

/// A whole analysis into `o.out`, as `hedgerow analyze` runs it.
fn run_analysis(o: &AnalyzeOptions) -> Result<RunInfo, Error> {
    let plan = pipeline::prepare(o)?;
    let a = pipeline::run_plan(&plan)?;
    Ok(RunInfo {
        warnings: a.warnings.clone(),
        n_docs: a.n_docs(),
        n_sources: a.tables.sources.height(),
        n_problems: a.acc.problems.len(),
        n_skipped: a.n_skipped(),
        bytes: a.bytes,
        multi_source_stories: a.multi_source_stories,
    })
}

/// Runs an analysis of `inputs` into `out` with the settings (JSON); the tables are written as
/// Parquet besides any format asked for. Returns the run's figures and warnings as a dict.
#[pyfunction]
fn run<'py>(
    py: Python<'py>,
    inputs: Vec<PathBuf>,
    settings: &str,
    out: PathBuf,
) -> PyResult<Bound<'py, PyDict>> {
    let mut o = options(inputs, settings, Keys::Analyze).map_err(py_error)?;
    o.out = out;
    if !o.formats.contains(&Format::Parquet) {
        o.formats.push(Format::Parquet);
    }
    let info = py.detach(|| run_analysis(&o)).map_err(py_error)?;
    let d = PyDict::new(py);
    d.set_item("warnings", info.warnings)?;
    d.set_item("n_docs", info.n_docs)?;
    d.set_item("n_sources", info.n_sources)?;
    d.set_item("n_problems", info.n_problems)?;
    d.set_item("n_skipped", info.n_skipped)?;
    d.set_item("bytes", info.bytes)?;
    d.set_item("multi_source_stories", info.multi_source_stories)?;
    let formats: Vec<&str> = o.formats.iter().map(format_name).collect();
    d.set_item("formats", formats)?;
    Ok(d)
}

fn format_name(f: &Format) -> &'static str {
    match f {
        Format::Csv => "csv",
        Format::Parquet => "parquet",
    }
}

/// Concordance lines and input problems of a corpus.
struct Found {
    warnings: Vec<String>,
    found: kwic::Concordance,
}

fn concordance(o: &AnalyzeOptions, pattern: &str, width: usize) -> Result<Found, Error> {
    check_inputs(&o.inputs)?;
    let warnings = preflight(&o.inputs, &o.load)?;
    let found = kwic::concordance_of(o, pattern, width)?;
    Ok(Found { warnings, found })
}

/// `hedgerow kwic`: the concordance lines as a dict of columns, the input problems as a dict of
/// the errors table's columns, and the warnings.
#[pyfunction]
fn kwic_lines<'py>(
    py: Python<'py>,
    pattern: &str,
    inputs: Vec<PathBuf>,
    settings: &str,
    width: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let o = options(inputs, settings, Keys::Input).map_err(py_error)?;
    let Found { warnings, found } = py
        .detach(|| concordance(&o, pattern, width))
        .map_err(py_error)?;
    let lines = PyDict::new(py);
    let l = &found.lines;
    lines.set_item("doc_id", l.iter().map(|x| &x.doc_id).collect::<Vec<_>>())?;
    lines.set_item("source", l.iter().map(|x| &x.source).collect::<Vec<_>>())?;
    lines.set_item(
        "start_char",
        l.iter().map(|x| x.start_char).collect::<Vec<_>>(),
    )?;
    lines.set_item("end_char", l.iter().map(|x| x.end_char).collect::<Vec<_>>())?;
    lines.set_item("left", l.iter().map(|x| &x.left).collect::<Vec<_>>())?;
    lines.set_item("match", l.iter().map(|x| &x.matched).collect::<Vec<_>>())?;
    lines.set_item("right", l.iter().map(|x| &x.right).collect::<Vec<_>>())?;
    lines.set_item(
        "category",
        l.iter().map(|x| &x.category).collect::<Vec<_>>(),
    )?;
    let d = PyDict::new(py);
    d.set_item("lines", lines)?;
    d.set_item("errors", problems(py, &found.problems)?)?;
    d.set_item("warnings", warnings)?;
    Ok(d)
}

/// Problems as the columns of the errors table (path, line, problem, action).
fn problems<'py>(py: Python<'py>, p: &[Problem]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("path", p.iter().map(|x| &x.path).collect::<Vec<_>>())?;
    d.set_item("line", p.iter().map(|x| x.line).collect::<Vec<_>>())?;
    d.set_item("problem", p.iter().map(|x| &x.problem).collect::<Vec<_>>())?;
    d.set_item("action", p.iter().map(|x| &x.action).collect::<Vec<_>>())?;
    Ok(d)
}

/// The hedge lexicon in use (built-in, extended by or replaced with a file), as CSV.
#[pyfunction]
#[pyo3(signature = (path=None, replace=false))]
fn lexicon_csv(path: Option<PathBuf>, replace: bool) -> PyResult<String> {
    let lex = hedgerow::load_lexicon(path.as_deref(), replace).map_err(py_error)?;
    Ok(lex.to_csv())
}

/// The languages of stemming and stopwords: (name, ISO code, whether hedgerow has built-in hedge
/// and cue lists for it, so that a run in it needs no list of the user's).
#[pyfunction]
fn languages<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let rows = LANGUAGES.iter().map(|(name, code)| {
        let mut o = AnalyzeOptions::default();
        o.normalize.language = name.to_string();
        (
            name.to_string(),
            code.to_string(),
            o.language_warnings().is_empty(),
        )
    });
    PyList::new(py, rows)
}

/// The module `hedgerow._hedgerow`.
#[pymodule]
fn _hedgerow(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(kwic_lines, m)?)?;
    m.add_function(wrap_pyfunction!(lexicon_csv, m)?)?;
    m.add_function(wrap_pyfunction!(languages, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // every table a run may write, from the crate's own list (never a second copy here)
    m.add("TABLES", hedgerow::io::output::TABLES.to_vec())?;
    Ok(())
}
