//! The `hedgerow` binary: parses arguments, calls the library, maps errors to exit statuses
//! (0 all well, 1 some inputs skipped, 2 usage or fatal error).

mod cli;

use clap::Parser;
use cli::{
    AnalyzeArgs, BatchArgs, CensusArgs, Cli, Command, CompareArgs, InputArgs, KwicArgs,
    LexiconArgs, MergeArgs,
};
use hedgerow::commands::{self, kwic};
use hedgerow::io::read::check_inputs;
use hedgerow::pipeline::{self, shards};
use hedgerow::{AnalyzeOptions, Error};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// mimalloc: the counting stage allocates per document from several threads, where glibc's
/// allocator spent a tenth of the run and kept freed pages (see the README's Performance section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// On SIGINT or SIGTERM: remove the temporary files being written and exit (130 or 143); the
/// output folder's run.json still says `"complete": false`.
fn clean_up_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                hedgerow::files::remove_temporary_files();
                eprintln!("hedgerow: stopped by signal {sig}; the output is incomplete (run.json says \"complete\": false)");
                std::process::exit(128 + sig);
            }
        });
    }
}

fn main() -> ExitCode {
    clean_up_on_signals();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return usage_exit(&e),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("hedgerow: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Prints a parse error, or the help or version asked for; its status is 2 for an error, else 0.
fn usage_exit(e: &clap::Error) -> ExitCode {
    let code = if e.use_stderr() { 2 } else { 0 };
    let _ = e.print();
    ExitCode::from(code)
}

/// The options of a command that reads a corpus, from its input arguments.
fn base_options(i: &InputArgs) -> anyhow::Result<AnalyzeOptions> {
    let mut o = AnalyzeOptions {
        inputs: i.inputs.clone(),
        quiet: i.quiet,
        ..Default::default()
    };
    i.settings.apply(&mut o, Path::new(""))?;
    Ok(o)
}

/// The exit status of a command that read inputs: 1 when some were skipped.
fn exit_status(skipped: usize) -> u8 {
    if skipped > 0 {
        1
    } else {
        0
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Analyze(a) => analyze(&a),
        Command::Compare(c) => compare(&c),
        Command::Batch(b) => batch(&b),
        Command::Kwic(k) => kwic(&k),
        Command::Census(c) => census(&c),
        Command::Merge(m) => merge(&m),
        Command::Lexicon(l) => lexicon(&l),
    }
}

/// `hedgerow analyze`: one run into its output folder, or a part of one (`--partial`).
fn analyze(a: &AnalyzeArgs) -> anyhow::Result<u8> {
    let o = analyze_options(a)?;
    if a.partial {
        return partial(&o, &a.census);
    }
    let plan = pipeline::prepare(&o)?;
    // said before the work starts (run.json keeps them too)
    warn(&plan.warnings);
    let started = Instant::now();
    let analysis = pipeline::run_plan(&plan)?;
    // and those only the run could tell
    warn(analysis.warnings.iter().skip(plan.warnings.len()));
    if !o.quiet || !analysis.acc.problems.is_empty() {
        eprintln!("{}", run_summary(&analysis, started, &o.out));
    }
    Ok(exit_status(analysis.n_skipped()))
}

/// Says each warning on stderr.
fn warn<'a>(warnings: impl IntoIterator<Item = &'a String>) {
    for w in warnings {
        eprintln!("hedgerow: warning: {w}");
    }
}

/// The line that sums up a run: documents, sources, size, time, stories and problems.
fn run_summary(analysis: &hedgerow::Analysis, started: Instant, out: &Path) -> String {
    let reported = analysis.acc.problems.len();
    format!(
        "hedgerow: {} documents from {} sources, {:.1} MB in {:.2}s; {} multi-source stories; {} problems ({} inputs skipped){}; output in {}",
        analysis.n_docs(),
        analysis.tables.sources.height(),
        analysis.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        analysis.multi_source_stories,
        reported,
        analysis.n_skipped(),
        if reported > 0 { ", see errors.csv" } else { "" },
        out.display()
    )
}

/// The options of `hedgerow analyze`: the input and analysis flags, the output folder (which
/// `--partial` needs given) and a progress bar on a terminal.
fn analyze_options(a: &AnalyzeArgs) -> anyhow::Result<AnalyzeOptions> {
    let mut o = base_options(&a.input)?;
    a.analysis.apply(&mut o)?;
    o.out = match &a.out {
        Some(out) => out.clone(),
        None if a.partial => {
            return Err(Error::Usage("--partial needs --out (the part's folder)".into()).into())
        }
        None => hedgerow::default_out(&o.inputs),
    };
    o.progress_bar = std::io::stderr().is_terminal();
    Ok(o)
}

/// `hedgerow analyze --partial`: a shard's part.
fn partial(o: &AnalyzeOptions, census: &[PathBuf]) -> anyhow::Result<u8> {
    let h = shards::write_partial(o, census)?;
    if !o.quiet || h.skipped > 0 {
        eprintln!(
            "hedgerow: part of {} documents, {:.1} MB, {} inputs skipped, in {}",
            h.n_docs,
            h.bytes as f64 / 1e6,
            h.skipped,
            o.out.display()
        );
    }
    Ok(exit_status(h.skipped as usize))
}

/// `hedgerow compare`: one side-by-side page.
fn compare(c: &CompareArgs) -> anyhow::Result<u8> {
    let plan = pipeline::Plan::new(&compare_options(c))?;
    commands::compare::compare_files(&c.files, &c.out, plan.contexts())?;
    eprintln!("hedgerow: wrote {}", c.out.display());
    Ok(0)
}

/// The options of `hedgerow compare`: its lexicon and language.
fn compare_options(c: &CompareArgs) -> AnalyzeOptions {
    let mut o = AnalyzeOptions {
        lexicon: c.lexicon.clone(),
        lexicon_replace: c.lexicon_replace,
        ..Default::default()
    };
    o.normalize.language = c.language.clone();
    o
}

/// `hedgerow batch`: every job; 2 when one failed, 1 when one skipped inputs.
fn batch(b: &BatchArgs) -> anyhow::Result<u8> {
    let results = commands::batch::run(&b.jobs, b.out.as_deref(), b.quiet)?;
    let failed = results.iter().filter(|r| r.result.is_err()).count();
    eprintln!("hedgerow batch: {} jobs, {} failed", results.len(), failed);
    if failed > 0 {
        return Ok(2);
    }
    let skipped = results
        .iter()
        .any(|r| matches!(&r.result, Ok(done) if done.skipped > 0));
    Ok(exit_status(skipped as usize))
}

/// `hedgerow kwic`: the concordance lines (or their collocates) on stdout, and as CSV.
fn kwic(k: &KwicArgs) -> anyhow::Result<u8> {
    let o = base_options(&k.input)?;
    check_inputs(&o.inputs)?;
    warn(&hedgerow::io::read::preflight(&o.inputs, &o.load)?);
    let found = kwic::concordance_of(&o, &k.pattern, k.width)?;
    if !to_stdout(|w| kwic::print_lines(w, &found.lines, k.width, k.collocates))? {
        return Ok(0);
    }
    if let Some(path) = &k.csv {
        kwic::write_csv(path, &found.lines)?;
    }
    if !k.input.quiet {
        eprintln!(
            "hedgerow: {} lines; {} input problems",
            found.lines.len(),
            found.problems.len()
        );
    }
    Ok(exit_status(
        found.problems.iter().filter(|p| p.skipped()).count(),
    ))
}

/// Prints to stdout with `print`: `Ok(false)` when stdout was closed early (`| head`), which
/// ends the command quietly with status 0, as ripgrep does.
fn to_stdout(
    print: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<bool> {
    match print(&mut std::io::stdout().lock()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(Error::io(Path::new("<stdout>"), e).into()),
    }
}

/// `hedgerow census`: a shard's census part.
fn census(c: &CensusArgs) -> anyhow::Result<u8> {
    let mut o = base_options(&c.input)?;
    o.out = c.out.clone();
    let h = shards::write_census(&o)?;
    if !o.quiet {
        eprintln!(
            "hedgerow: census of {} distinct texts in {}",
            h.n_docs,
            o.out.display()
        );
    }
    Ok(0)
}

/// `hedgerow merge`: the parts finished into one run's output folder.
fn merge(m: &MergeArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let analysis = shards::merge(&merge_options(m))?;
    if !m.quiet {
        eprintln!(
            "hedgerow: merged {} parts: {} documents from {} sources in {:.2}s; output in {}",
            m.parts.len(),
            analysis.n_docs(),
            analysis.tables.sources.height(),
            started.elapsed().as_secs_f64(),
            m.out.display()
        );
    }
    Ok(exit_status(analysis.n_skipped()))
}

/// The options of `hedgerow merge`.
fn merge_options(m: &MergeArgs) -> shards::MergeOptions {
    shards::MergeOptions {
        parts: m.parts.clone(),
        out: m.out.clone(),
        min_count: m.min_count,
        threads: m.threads,
        quiet: m.quiet,
        finish: m.finish.clone(),
    }
}

/// `hedgerow lexicon`: the lexicon in use, as CSV.
fn lexicon(l: &LexiconArgs) -> anyhow::Result<u8> {
    let lex = hedgerow::load_lexicon(l.lexicon.as_deref(), l.lexicon_replace)?;
    to_stdout(|w| w.write_all(lex.to_csv().as_bytes()))?;
    Ok(0)
}
