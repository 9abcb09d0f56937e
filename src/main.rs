//! The `hedgerow` binary: parses arguments, calls the library, maps errors to exit statuses
//! (0 all well, 1 some inputs skipped, 2 usage or fatal error).

mod cli;

use clap::Parser;
use cli::{Cli, Command, InputArgs};
use hedgerow::commands::{self, kwic};
use hedgerow::io::read::check_inputs;
use hedgerow::{AnalyzeOptions, Error};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

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
                hedgerow::io::output::remove_temporary_files();
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
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("hedgerow: error: {e:#}");
            ExitCode::from(2)
        }
    }
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

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Analyze(a) => {
            let mut o = base_options(&a.input)?;
            a.analysis.apply(&mut o)?;
            o.out = a
                .out
                .clone()
                .unwrap_or_else(|| hedgerow::default_out(&o.inputs));
            o.progress_bar = std::io::stderr().is_terminal();
            if a.partial {
                let out = a.out.clone().ok_or_else(|| {
                    Error::Usage("--partial needs --out (the part's folder)".into())
                })?;
                o.out = out;
                let h = hedgerow::pipeline::shards::write_partial(&o, &a.census)?;
                if !o.quiet || h.skipped > 0 {
                    eprintln!(
                        "hedgerow: part of {} documents, {:.1} MB, {} inputs skipped, in {}",
                        h.n_docs,
                        h.bytes as f64 / 1e6,
                        h.skipped,
                        o.out.display()
                    );
                }
                return Ok(if h.skipped > 0 { 1 } else { 0 });
            }
            // said before the work starts (run.json keeps them too)
            let mut warnings = hedgerow::io::read::preflight(&o.inputs, &o.load)?;
            warnings.extend(o.language_warnings());
            for w in warnings {
                eprintln!("hedgerow: warning: {w}");
            }
            let started = std::time::Instant::now();
            let analysis = hedgerow::run(&o)?;
            let skipped = analysis.n_skipped();
            let reported = analysis.acc.problems.len();
            if !o.quiet || reported > 0 {
                eprintln!(
                    "hedgerow: {} documents from {} sources, {:.1} MB in {:.2}s; {} multi-source stories; {} problems ({} inputs skipped){}; output in {}",
                    analysis.n_docs(),
                    analysis.tables.sources.height(),
                    analysis.bytes as f64 / 1e6,
                    started.elapsed().as_secs_f64(),
                    analysis.multi_source_stories,
                    reported,
                    skipped,
                    if reported > 0 { ", see errors.csv" } else { "" },
                    o.out.display()
                );
            }
            Ok(if skipped > 0 { 1 } else { 0 })
        }
        Command::Compare(c) => {
            let lex = hedgerow::load_lexicon(c.lexicon.as_deref(), c.lexicon_replace)?;
            commands::compare::compare_files(&c.files, &c.out, &lex)?;
            eprintln!("hedgerow: wrote {}", c.out.display());
            Ok(0)
        }
        Command::Batch(b) => {
            let results = commands::batch::run(&b.jobs, b.out.as_deref(), b.quiet)?;
            let failed = results.iter().filter(|r| r.result.is_err()).count();
            let skipped = results
                .iter()
                .any(|r| matches!(r.result, Ok((_, _, k)) if k > 0));
            eprintln!("hedgerow batch: {} jobs, {} failed", results.len(), failed);
            Ok(if failed > 0 {
                2
            } else if skipped {
                1
            } else {
                0
            })
        }
        Command::Kwic(k) => {
            let o = base_options(&k.input)?;
            check_inputs(&o.inputs)?;
            for w in hedgerow::io::read::preflight(&o.inputs, &o.load)? {
                eprintln!("hedgerow: warning: {w}");
            }
            let lex = o.lexicon()?;
            let query = kwic::Query::parse(&k.pattern);
            if let kwic::Query::Category(c) = &query {
                if !lex.categories.contains(c) {
                    return Err(Error::Usage(format!(
                        "no hedge category '{c}'; the lexicon has: {}",
                        lex.categories.join(", ")
                    ))
                    .into());
                }
            }
            let (lines, problems) = kwic::concordance(&o.inputs, &o.load, &query, &lex, k.width)?;
            if k.collocates {
                println!("collocate,count,lines");
                for (w, c, n) in kwic::collocates(&lines, 5) {
                    println!("{w},{c},{n}");
                }
            } else {
                print!("{}", kwic::format_aligned(&lines, k.width));
            }
            if let Some(path) = &k.csv {
                kwic::write_csv(path, &lines)?;
            }
            let skipped = problems.iter().filter(|p| p.skipped()).count();
            if !k.input.quiet {
                eprintln!(
                    "hedgerow: {} lines; {} input problems",
                    lines.len(),
                    problems.len()
                );
            }
            Ok(if skipped > 0 { 1 } else { 0 })
        }
        Command::Census(c) => {
            let mut o = base_options(&c.input)?;
            o.out = c.out.clone();
            let h = hedgerow::pipeline::shards::write_census(&o)?;
            if !o.quiet {
                eprintln!(
                    "hedgerow: census of {} distinct texts in {}",
                    h.n_docs,
                    o.out.display()
                );
            }
            Ok(0)
        }
        Command::Merge(m) => {
            let started = std::time::Instant::now();
            let opts = hedgerow::pipeline::shards::MergeOptions {
                parts: m.parts.clone(),
                out: m.out.clone(),
                min_count: m.min_count,
                threads: m.threads,
                quiet: m.quiet,
                finish: m.finish.clone(),
            };
            let analysis = hedgerow::pipeline::shards::merge(&opts)?;
            let skipped = analysis.n_skipped();
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
            Ok(if skipped > 0 { 1 } else { 0 })
        }
        Command::Lexicon(l) => {
            let lex = hedgerow::load_lexicon(l.lexicon.as_deref(), l.lexicon_replace)?;
            print!("{}", lex.to_csv());
            Ok(0)
        }
    }
}
