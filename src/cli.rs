//! Command-line arguments (clap). Parsing only: the work is done by the library.

use clap::{Args, Parser, Subcommand};
use hedgerow::options::{AnalysisSettings, InputSettings};
use std::path::PathBuf;

/// hedgerow: term frequency, keyness, hedging and quotation in news text, source against source.
#[derive(Debug, Parser)]
#[command(name = "hedgerow", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a corpus into tables (documents, sources, terms, hedges, quotes, errors).
    Analyze(Box<AnalyzeArgs>),
    /// Print the hedge lexicon in use (CSV: pattern, category, rule, note).
    Lexicon(LexiconArgs),
    /// Run several analyses from a TOML file (`[[job]]` tables), each into `reports/<name>/`.
    Batch(BatchArgs),
    /// Side by side: one HTML page comparing articles (hedges, quotes, shared quotations, reused passages).
    Compare(CompareArgs),
    /// Concordance: aligned lines for a word, phrase (`alleg*` globs) or `category:NAME` of hedges.
    Kwic(Box<KwicArgs>),
    /// First step of a sharded analysis: the boilerplate and story-shingle census of one shard
    /// (`--shard K/N`, or some of the inputs), for `analyze --partial --census`.
    Census(Box<CensusArgs>),
    /// Last step of a sharded analysis: sum the parts of `analyze --partial` and write the
    /// tables, charts and report of one run over all their inputs.
    Merge(MergeArgs),
}

/// `hedgerow census`.
#[derive(Debug, Args)]
pub struct CensusArgs {
    /// Inputs and field mapping (as the shard's `analyze --partial` will be given them).
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder for the census part.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Accepted and unused, so that one argument list serves `census` and `analyze --partial`.
    #[command(flatten)]
    pub analysis: AnalysisSettings,
}

/// `hedgerow merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Part folders written by `analyze --partial` (parts cut by input files: in input order).
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Leave terms with a lower count in a source out of terms.csv [default: the parts' own].
    #[arg(long)]
    pub min_count: Option<u64>,
    /// Worker threads [default: RAYON_NUM_THREADS or all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
    /// Folder holding the parts' terms and surfaces tables already summed, by Spark SQL say
    /// (`terms.parquet` or a `terms/` folder of Parquet files, the same for surfaces): finish
    /// from those instead of summing them here.
    #[arg(long, value_name = "DIR")]
    pub finish: Option<PathBuf>,
}

/// `hedgerow kwic`.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// A word or phrase (a word may end in `*`), or `category:evidential` for a hedge category.
    pub pattern: String,
    /// Inputs and field mapping.
    #[command(flatten)]
    pub input: InputArgs,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    pub width: usize,
    /// Also write the lines as CSV to this file.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Print the collocates of the matches (words within 5 words either side) instead of the lines.
    #[arg(long)]
    pub collocates: bool,
}

/// The inputs of a command that reads a corpus, with their field mapping and term settings.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Folders of .txt/.md files (first-level subfolder = source), text files, or JSONL/CSV dumps (.gz allowed).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Field mapping, language, lexicon, threads.
    #[command(flatten)]
    pub settings: InputSettings,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `hedgerow analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Inputs and field mapping.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder (default: reports/<name of first input>).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// What is computed and written.
    #[command(flatten)]
    pub analysis: AnalysisSettings,
    /// Write only this shard's additive counts into --out (a part), for `hedgerow merge`.
    #[arg(long)]
    pub partial: bool,
    /// With --partial: the census folders of every shard (`hedgerow census`), which decide the
    /// boilerplate lines of the whole.
    #[arg(long, num_args = 1.., requires = "partial")]
    pub census: Vec<PathBuf>,
}

/// `hedgerow lexicon`.
#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// Hedge lexicon (CSV or TOML) added to the built-in one.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// The --lexicon file replaces the built-in lexicon.
    #[arg(long)]
    pub lexicon_replace: bool,
}

/// `hedgerow batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The batch file: `[[job]]` tables with `name`, `inputs` and optional field mapping and options.
    pub jobs: PathBuf,
    /// Output root (default: the file's `out`, else `reports`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `hedgerow compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more text files (.txt/.md, front matter allowed).
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// Output HTML file.
    #[arg(long, short, default_value = "compare.html")]
    pub out: PathBuf,
    /// Hedge lexicon (CSV or TOML) added to the built-in one.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// The --lexicon file replaces the built-in lexicon.
    #[arg(long)]
    pub lexicon_replace: bool,
    /// Language of the files (english, de, fr, es, ru, uk, ko, or auto: each file's own).
    #[arg(long, default_value = "english")]
    pub language: String,
}
