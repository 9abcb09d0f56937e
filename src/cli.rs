//! Command-line arguments (clap). Parsing only: the work is done by the library.

use clap::{Args, Parser, Subcommand};
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
    Analyze(AnalyzeArgs),
    /// Print the hedge lexicon in use (CSV: pattern, category, rule, note).
    Lexicon(LexiconArgs),
    /// Run several analyses from a TOML file (`[[job]]` tables), each into `reports/<name>/`.
    Batch(BatchArgs),
    /// Side by side: one HTML page comparing articles (hedges, quotes, shared quotations, reused passages).
    Compare(CompareArgs),
    /// Concordance: aligned lines for a word, phrase (`alleg*` globs) or `category:NAME` of hedges.
    Kwic(KwicArgs),
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
}

/// Input selection and field mapping shared by commands that read a corpus.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Folders of .txt/.md files (first-level subfolder = source), text files, or JSONL/CSV dumps (.gz allowed).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// CSV with a `path` or `id` column and `source` (and any of title, date, url, author, story).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Record field holding the article text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Record field holding the document id (else the record number).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// Record field holding the source (outlet).
    #[arg(long, default_value = "source")]
    pub source_field: String,
    /// Record field holding the date.
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// Record field holding the title.
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// Record field holding a story id.
    #[arg(long, default_value = "story")]
    pub story_field: String,
    /// Documents larger than this many bytes are reported and skipped.
    #[arg(long, default_value_t = 64 << 20)]
    pub max_doc_bytes: usize,
    /// Snowball language for stemming and stopwords (name or ISO code).
    #[arg(long, default_value = "english")]
    pub language: String,
    /// Stopword list (one word per line) replacing the built-in one.
    #[arg(long)]
    pub stopwords: Option<PathBuf>,
    /// Count words as written (lowercased), without stemming.
    #[arg(long)]
    pub no_stem: bool,
    /// Keep stopwords as terms.
    #[arg(long)]
    pub keep_stopwords: bool,
    /// Hedge lexicon (CSV or TOML) added to the built-in one.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// The --lexicon file replaces the built-in lexicon.
    #[arg(long)]
    pub lexicon_replace: bool,
    /// Worker threads (default: RAYON_NUM_THREADS or all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Stop at the first bad input (exit status 2).
    #[arg(long)]
    pub strict: bool,
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
    /// Table formats: csv, parquet or csv,parquet.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Count n-grams up to this size as terms too (1 to 3).
    #[arg(long, default_value_t = 1)]
    pub ngrams: usize,
    /// Leave terms with a lower count in a source out of terms.csv.
    #[arg(long, default_value_t = 1)]
    pub min_count: u64,
    /// Bootstrap resamples for the hedge-rate intervals.
    #[arg(long, default_value_t = 2000)]
    pub bootstrap: usize,
    /// Seed for the bootstrap.
    #[arg(long, default_value_t = 20251124)]
    pub seed: u64,
    /// Charts show this many sources, those with most documents.
    #[arg(long, default_value_t = 12)]
    pub top_sources: usize,
    /// Write the tables only: no charts, no index.html, report.md or run.json.
    #[arg(long)]
    pub no_report: bool,
    /// Skip the story stage (stories.csv, alignment.csv, shared_quotes.csv, passages.csv).
    #[arg(long)]
    pub no_stories: bool,
    /// Documents more than this many days apart are never one story (0: no window).
    #[arg(long, default_value_t = 3)]
    pub story_window: i64,
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
}
