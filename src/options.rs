//! What a run can be told: [`AnalyzeOptions`] with its defaults, and the one mapping from the
//! command line and from a batch file's `[[job]]` tables to it ([`InputSettings`] and
//! [`AnalysisSettings`], read by clap and by serde alike, so the two never drift apart).

use crate::error::{Error, Result};
use crate::io::read::LoadOptions;
use crate::io::write::{parse_formats, Format};
use crate::text::hedges::Lexicon;
use crate::text::quotes::Cues;
use crate::text::tokenize::NormalizerOptions;
use std::path::{Path, PathBuf};

/// Everything `hedgerow analyze` can be told.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AnalyzeOptions {
    /// Folders, text files, JSONL or CSV dumps.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Field mapping and limits for loading.
    pub load: LoadOptions,
    /// Language, stemming and stopwords.
    pub normalize: NormalizerOptions,
    /// Largest n-gram counted as a term (1 to 3).
    pub ngrams: usize,
    /// User lexicon file (CSV or TOML).
    pub lexicon: Option<PathBuf>,
    /// The user lexicon replaces the built-in one instead of adding to it.
    pub lexicon_replace: bool,
    /// User cue list (reporting verbs, CSV like `data/lexicons/cues_en.csv`).
    pub cues: Option<PathBuf>,
    /// The user cue list replaces the built-in one instead of adding to it.
    pub cues_replace: bool,
    /// Leave lines that recur across a source's documents (boilerplate) in the counts.
    pub keep_boilerplate: bool,
    /// Leave page furniture (captions, credits, teasers, subheads, share widgets) in the counts.
    pub keep_furniture: bool,
    /// Terms with a lower count in a source are left out of terms.csv.
    pub min_count: u64,
    /// Worker threads (default: RAYON_NUM_THREADS or the number of cores).
    pub threads: Option<usize>,
    /// Stop at the first bad input.
    pub strict: bool,
    /// Table formats.
    pub formats: Vec<Format>,
    /// No progress lines on stderr.
    pub quiet: bool,
    /// Draw a progress bar (stderr is a terminal) instead of sparse log lines.
    pub progress_bar: bool,
    /// Bootstrap resamples for intervals.
    pub bootstrap: usize,
    /// Seed for the bootstrap.
    pub seed: u64,
    /// Significance level of keyness (Bonferroni over each source's terms of one size).
    pub alpha: f64,
    /// Keyness against one source or group (`Reuters`, `source=Reuters`, `source=Reuters,year=2019`)
    /// instead of the rest of the corpus.
    pub reference: Option<String>,
    /// Keyness against an external frequency list (AntConc/WordSmith `rank frequency word`, or
    /// `term,count` CSV).
    pub reference_list: Option<PathBuf>,
    /// Write the document-term table (`doc_terms`).
    pub dfm: bool,
    /// Count collocations of terms up to this many terms apart (0: no collocations.csv).
    pub collocation_window: usize,
    /// Pairs seen fewer times are left out of collocations.csv.
    pub collocation_min: u64,
    /// Group documents into stories and align them (the story stage).
    pub stories: bool,
    /// Documents more than this many days apart are not one story (when both are dated).
    pub story_window: Option<i64>,
    /// Write the charts, `index.html`, `report.md` and `run.json` (not only the tables).
    pub report: bool,
    /// Charts show this many sources, those with most documents.
    pub top_sources: usize,
    /// A source's own name among its distinctive terms in the report: `drop`, `mark` or `keep`
    /// (checked by the plan).
    pub own_names: String,
    /// Write `explore.html` with the report.
    pub explore: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        Self {
            inputs: vec![],
            out: PathBuf::from("reports/out"),
            load: LoadOptions::default(),
            normalize: NormalizerOptions::default(),
            ngrams: 1,
            lexicon: None,
            lexicon_replace: false,
            cues: None,
            cues_replace: false,
            keep_boilerplate: false,
            keep_furniture: false,
            min_count: 1,
            threads: None,
            strict: false,
            formats: vec![Format::Csv],
            quiet: true,
            progress_bar: false,
            bootstrap: 2000,
            seed: 20251124,
            alpha: 0.05,
            reference: None,
            reference_list: None,
            dfm: false,
            collocation_window: 0,
            collocation_min: 5,
            stories: true,
            story_window: Some(3),
            report: true,
            top_sources: 12,
            own_names: "drop".into(),
            explore: true,
        }
    }
}

impl AnalyzeOptions {
    /// Warnings about settings that give silently poor results: a language without a built-in
    /// hedge or cue list (the English lists are used unless a file replaces them).
    pub fn language_warnings(&self) -> Vec<String> {
        let lang = self.normalize.language.to_ascii_lowercase();
        let known = ["english", "en", "auto"].contains(&lang.as_str());
        if known || crate::text::language::pack(&lang).is_some() {
            return Vec::new();
        }
        let mut w = Vec::new();
        if !(self.lexicon.is_some() && self.lexicon_replace) {
            w.push(format!(
                "--language {lang}: there is no built-in {lang} hedge lexicon; hedges are matched with the English one (give yours with --lexicon FILE --lexicon-replace)"
            ));
        }
        if !(self.cues.is_some() && self.cues_replace) {
            w.push(format!(
                "--language {lang}: there is no built-in {lang} list of reporting verbs; quotes are attributed with the English one (give yours with --cues FILE --cues-replace)"
            ));
        }
        w
    }
}

/// The cue list in use: built-in (English), extended by or replaced with a user file.
pub fn load_cues(path: Option<&Path>, replace: bool) -> Result<Cues> {
    load_cues_for(ENGLISH, path, replace)
}

/// The language without a pack: its lists are the built-in ones of `data/lexicons/`.
const ENGLISH: &str = "english";

/// The built-in cue list of a language: its pack's, else English's.
pub fn builtin_cues(language: &str) -> Cues {
    match crate::text::language::pack(language) {
        // the embedded lists are tested: a failure is a build defect
        Some(p) => Cues::from_csv(p.cues_csv)
            .unwrap_or_else(|(line, e)| panic!("{}/cues.csv:{line}: {e}", p.folder())),
        None => Cues::builtin(),
    }
}

/// The built-in hedge lexicon of a language: its pack's, else English's.
pub fn builtin_lexicon(language: &str) -> Lexicon {
    match crate::text::language::pack(language) {
        Some(p) => Lexicon::from_csv_str(p.hedges_csv, Path::new(&p.folder()))
            .unwrap_or_else(|e| panic!("built-in lexicon: {e}")),
        None => Lexicon::builtin(),
    }
}

/// The cue list of a language in use: its built-in one, extended by or replaced with the user
/// file `path`.
pub fn load_cues_for(language: &str, path: Option<&Path>, replace: bool) -> Result<Cues> {
    let Some(p) = path else {
        return Ok(builtin_cues(language));
    };
    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    parse_cues_for(language, p, &text, replace)
}

/// The cue list of a user file's `text` (read from `p`), replacing or extending the built-in
/// one of `language`.
pub fn parse_cues_for(language: &str, p: &Path, text: &str, replace: bool) -> Result<Cues> {
    let user =
        Cues::from_csv(text).map_err(|(line, msg)| Error::parse(p, Some(line as u64), msg))?;
    if user.is_empty() {
        return Err(Error::parse(
            p,
            None,
            "no cues in the file (a header, then forms,stance,note)",
        ));
    }
    Ok(if replace {
        user
    } else {
        builtin_cues(language).extended(user)
    })
}

/// The lexicon of a language in use: its built-in one, extended by or replaced with a user file.
pub fn load_lexicon_for(language: &str, path: Option<&Path>, replace: bool) -> Result<Lexicon> {
    let builtin = builtin_lexicon(language);
    match path {
        None => Ok(builtin),
        Some(p) => {
            let user = Lexicon::load(p)?;
            if replace {
                Ok(user)
            } else {
                builtin.extended(&user)
            }
        }
    }
}

/// The cue list of a user file's `text` (read from `p`), replacing or extending the built-in
/// (English) one.
pub fn parse_cues(p: &Path, text: &str, replace: bool) -> Result<Cues> {
    parse_cues_for(ENGLISH, p, text, replace)
}

/// The default output folder: `reports/<name of first input>`.
pub fn default_out(inputs: &[PathBuf]) -> PathBuf {
    let name = inputs
        .first()
        .and_then(|p| input_name(p))
        .unwrap_or_else(|| "out".into());
    let name = name
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("out")
        .to_string();
    PathBuf::from("reports").join(name)
}

/// The file name of an input (of the current folder for `.`).
fn input_name(p: &Path) -> Option<String> {
    let p = if p.as_os_str() == "." {
        std::env::current_dir().ok()?
    } else {
        p.to_path_buf()
    };
    p.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// The lexicon in use: built-in (English), extended by or replaced with a user file.
pub fn load_lexicon(path: Option<&Path>, replace: bool) -> Result<Lexicon> {
    load_lexicon_for(ENGLISH, path, replace)
}

/// Number of worker threads: the option, else RAYON_NUM_THREADS, else the cores; at most
/// [`thread_cap`].
pub fn thread_count(opt: Option<usize>) -> usize {
    requested_threads(opt).min(thread_cap())
}

/// Worker threads beyond this many per core only add the cost of starting them (`--threads
/// 10000` spent a minute doing so).
pub const THREADS_PER_CORE: usize = 4;

/// The most worker threads a run starts: [`THREADS_PER_CORE`] times the cores available.
pub fn thread_cap() -> usize {
    THREADS_PER_CORE * available_cores()
}

fn available_cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// The threads asked for (`--threads`, else RAYON_NUM_THREADS), else one per core.
fn requested_threads(opt: Option<usize>) -> usize {
    opt.or_else(|| {
        std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
    })
    .filter(|&n| n > 0)
    .unwrap_or_else(available_cores)
}

/// The warning that `--threads` was capped at [`thread_cap`], when it was.
pub fn thread_warning(opt: Option<usize>) -> Option<String> {
    let (asked, cap) = (requested_threads(opt), thread_cap());
    (asked > cap).then(|| {
        format!(
            "--threads {asked}: using {cap} ({THREADS_PER_CORE} per core of the {} available); more only adds the cost of starting them",
            available_cores()
        )
    })
}

/// How inputs are read and words become terms: the flags of every command that reads a corpus
/// (`analyze`, `kwic`) and the keys of a batch job. Unset values keep the defaults.
#[derive(Debug, Clone, Default, clap::Args, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSettings {
    /// CSV with a `path` or `id` column and `source` (and any of title, date, url, author, story).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Record field holding the article text [default: text].
    #[arg(long)]
    pub text_field: Option<String>,
    /// Record field holding the document id, else the record number [default: id].
    #[arg(long)]
    pub id_field: Option<String>,
    /// Record field holding the source (outlet) [default: source].
    #[arg(long)]
    pub source_field: Option<String>,
    /// Record field holding the date [default: date].
    #[arg(long)]
    pub date_field: Option<String>,
    /// Record field holding the title [default: title].
    #[arg(long)]
    pub title_field: Option<String>,
    /// Record field holding a story id [default: story].
    #[arg(long)]
    pub story_field: Option<String>,
    /// Documents larger than this many bytes are reported and skipped [default: 67108864].
    #[arg(long)]
    pub max_doc_bytes: Option<usize>,
    /// Language of the texts (name or ISO code: stemming, stopwords and, for de, fr, es, ru, uk
    /// and ko, its pack of hedges and quotation rules), or `auto`: each document's language told
    /// apart among English and the packs' (documents.csv gains `language`) [default: english].
    #[arg(long)]
    pub language: Option<String>,
    /// Stopword list (one word per line) replacing the built-in one.
    #[arg(long)]
    pub stopwords: Option<PathBuf>,
    /// Stopwords (one word per line) added to the built-in list.
    #[arg(long)]
    pub stopwords_add: Option<PathBuf>,
    /// Count words as written (lowercased), without stemming.
    #[arg(long)]
    #[serde(default)]
    pub no_stem: bool,
    /// Keep stopwords as terms.
    #[arg(long)]
    #[serde(default)]
    pub keep_stopwords: bool,
    /// Hedge lexicon (CSV or TOML) added to the built-in one.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// The --lexicon file replaces the built-in lexicon.
    #[arg(long)]
    #[serde(default)]
    pub lexicon_replace: bool,
    /// Reporting verbs (CSV forms,stance,note like data/lexicons/cues_en.csv) added to the built-in list.
    #[arg(long)]
    pub cues: Option<PathBuf>,
    /// The --cues file replaces the built-in list.
    #[arg(long)]
    #[serde(default)]
    pub cues_replace: bool,
    /// Follow symbolic links that lead out of an input folder (by default reported and skipped).
    #[arg(long)]
    #[serde(default)]
    pub follow_links: bool,
    /// Count lines that recur across many documents of a source (banners, bylines, ads) as text.
    #[arg(long)]
    #[serde(default)]
    pub keep_boilerplate: bool,
    /// Count page furniture (photo captions and credits, "READ MORE" teasers, subheads, share
    /// widgets) as text.
    #[arg(long)]
    #[serde(default)]
    pub keep_furniture: bool,
    /// Worker threads [default: RAYON_NUM_THREADS or all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// Stop at the first bad input (exit status 2).
    #[arg(long)]
    #[serde(default)]
    pub strict: bool,
    /// Read only shard K of N (0 <= K < N): the records whose input order is K modulo N, for
    /// `--partial` runs merged by `hedgerow merge` (SLURM job arrays, Spark partitions).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

/// What `analyze` computes and writes: its flags, and the keys of a batch job besides the inputs.
#[derive(Debug, Clone, Default, clap::Args, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisSettings {
    /// Table formats: csv, parquet or csv,parquet [default: csv].
    #[arg(long)]
    pub format: Option<String>,
    /// Count n-grams up to this size as terms too (1 to 3) [default: 1].
    #[arg(long)]
    pub ngrams: Option<usize>,
    /// Leave terms with a lower count in a source out of terms.csv [default: 1].
    #[arg(long)]
    pub min_count: Option<u64>,
    /// Bootstrap resamples for the hedge-rate intervals [default: 2000].
    #[arg(long)]
    pub bootstrap: Option<usize>,
    /// Seed for the bootstrap [default: 20251124].
    #[arg(long)]
    pub seed: Option<u64>,
    /// Charts show this many sources, those with most documents [default: 12].
    #[arg(long)]
    pub top_sources: Option<usize>,
    /// Fields whose values group documents in sources.csv, terms.csv and the charts, e.g.
    /// `source,year` or a front matter / record / manifest field [default: source].
    #[arg(long)]
    pub group_by: Option<String>,
    /// Significance level of keyness, Bonferroni-corrected over each source's terms [default: 0.05].
    #[arg(long)]
    pub alpha: Option<f64>,
    /// Keyness against one source or group instead of the rest: `Reuters`, `source=Reuters` or
    /// `source=Reuters,year=2019`.
    #[arg(long)]
    pub reference: Option<String>,
    /// Keyness against an external frequency list: `rank frequency word` lines (AntConc,
    /// WordSmith) or `term,count` CSV.
    #[arg(long, conflicts_with = "reference")]
    pub reference_list: Option<PathBuf>,
    /// Also write the document-term table doc_terms (doc_id, term, n, count): the dfm.
    #[arg(long)]
    #[serde(default)]
    pub dfm: bool,
    /// Also write collocations.csv: pairs of adjacent terms within a sentence, per source.
    #[arg(long)]
    #[serde(default)]
    pub collocations: bool,
    /// Collocation window: pair each term with the next N terms of its sentence [default: 1].
    #[arg(long)]
    pub collocation_window: Option<usize>,
    /// Leave collocations seen fewer times out of collocations.csv [default: 5].
    #[arg(long)]
    pub collocation_min: Option<u64>,
    /// Write the tables only: no charts, no index.html, report.md or run.json.
    #[arg(long)]
    #[serde(default)]
    pub no_report: bool,
    /// A source's own name among its distinctive terms in the keyness chart and the explorer:
    /// drop, mark or keep [default: drop] (terms.csv keeps every term).
    #[arg(long)]
    pub own_names: Option<String>,
    /// Do not write explore.html (the interactive explorer) with the report.
    #[arg(long)]
    #[serde(default)]
    pub no_explore: bool,
    /// Skip the story stage (stories.csv, alignment.csv, shared_quotes.csv, passages.csv).
    #[arg(long)]
    #[serde(default)]
    pub no_stories: bool,
    /// Documents more than this many days apart are never one story (0: no window) [default: 3].
    #[arg(long)]
    pub story_window: Option<i64>,
}

/// `p` relative to `base` unless it is absolute (batch files name paths relative to themselves).
fn under(base: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

/// Sets `dst` to the value given, if one is.
fn set<T: Clone>(dst: &mut T, v: &Option<T>) {
    if let Some(v) = v {
        dst.clone_from(v);
    }
}

/// The lines of a stopword file.
fn read_lines(p: &Path) -> Result<Vec<String>> {
    let s = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    Ok(s.lines().map(str::to_string).collect())
}

impl InputSettings {
    /// Sets what is given on `o`; paths are taken relative to `base` (empty: as given). Reads the
    /// stopword file.
    pub fn apply(&self, o: &mut AnalyzeOptions, base: &Path) -> Result<()> {
        self.apply_fields(o);
        set(&mut o.load.max_doc_bytes, &self.max_doc_bytes);
        if let Some(m) = &self.manifest {
            o.load.manifest = Some(under(base, m));
        }
        if let Some(p) = &self.stopwords {
            o.normalize.stopwords = Some(read_lines(&under(base, p))?);
        }
        if let Some(p) = &self.stopwords_add {
            o.normalize.extra_stopwords = read_lines(&under(base, p))?;
        }
        self.apply_lists(o, base);
        self.apply_switches(o);
        if self.threads.is_some() {
            o.threads = self.threads;
        }
        if let Some(s) = &self.shard {
            o.load.shard = Some(crate::io::read::Shard::parse(s).map_err(Error::Usage)?);
        }
        Ok(())
    }

    /// Sets the field names given, and the language.
    fn apply_fields(&self, o: &mut AnalyzeOptions) {
        set(&mut o.load.text_field, &self.text_field);
        set(&mut o.load.id_field, &self.id_field);
        set(&mut o.load.source_field, &self.source_field);
        set(&mut o.load.date_field, &self.date_field);
        set(&mut o.load.title_field, &self.title_field);
        set(&mut o.load.story_field, &self.story_field);
        set(&mut o.normalize.language, &self.language);
    }

    /// Sets the cue and lexicon files given (relative to `base`), and whether they replace the
    /// built-in lists.
    fn apply_lists(&self, o: &mut AnalyzeOptions, base: &Path) {
        if let Some(c) = &self.cues {
            o.cues = Some(under(base, c));
        }
        o.cues_replace = self.cues_replace;
        if let Some(l) = &self.lexicon {
            o.lexicon = Some(under(base, l));
        }
        o.lexicon_replace = self.lexicon_replace;
    }

    /// Sets the on/off switches.
    fn apply_switches(&self, o: &mut AnalyzeOptions) {
        o.load.follow_links = self.follow_links;
        o.keep_boilerplate = self.keep_boilerplate;
        o.keep_furniture = self.keep_furniture;
        o.normalize.stem = !self.no_stem;
        o.normalize.keep_stopwords = self.keep_stopwords;
        o.strict = self.strict;
    }
}

impl AnalysisSettings {
    /// Sets what is given on `o`.
    pub fn apply(&self, o: &mut AnalyzeOptions) -> Result<()> {
        if let Some(f) = &self.format {
            o.formats = parse_formats(f)?;
        }
        self.apply_measures(o)?;
        o.dfm = self.dfm;
        o.reference.clone_from(&self.reference);
        o.reference_list.clone_from(&self.reference_list);
        if let Some(g) = &self.group_by {
            o.load.group_by = group_fields(g)?;
        }
        if self.collocations || self.collocation_window.is_some() {
            o.collocation_window = self.collocation_window.unwrap_or(1).max(1);
        }
        set(&mut o.collocation_min, &self.collocation_min);
        self.apply_report(o);
        Ok(())
    }

    /// Sets the counting and statistics settings given (n-grams, minimum count, bootstrap,
    /// seed, sources charted, alpha).
    fn apply_measures(&self, o: &mut AnalyzeOptions) -> Result<()> {
        set(&mut o.ngrams, &self.ngrams);
        set(&mut o.min_count, &self.min_count);
        set(&mut o.bootstrap, &self.bootstrap);
        set(&mut o.seed, &self.seed);
        set(&mut o.top_sources, &self.top_sources);
        if let Some(a) = self.alpha {
            o.alpha = checked_alpha(a)?;
        }
        Ok(())
    }

    /// Sets what is written besides the tables: report, explorer, own names, story stage.
    fn apply_report(&self, o: &mut AnalyzeOptions) {
        o.report = !self.no_report;
        o.explore = !self.no_explore;
        set(&mut o.own_names, &self.own_names);
        o.stories = !self.no_stories;
        if let Some(w) = self.story_window {
            o.story_window = (w > 0).then_some(w);
        }
    }
}

/// `--alpha` checked to lie between 0 and 1.
fn checked_alpha(a: f64) -> Result<f64> {
    if !(a > 0.0 && a < 1.0) {
        return Err(Error::Usage(format!(
            "--alpha must be between 0 and 1 (got {a})"
        )));
    }
    Ok(a)
}

/// The fields of `--group-by` (comma-separated); none when grouping by the source alone, the
/// default.
fn group_fields(g: &str) -> Result<Vec<String>> {
    let fields: Vec<String> = g
        .split(',')
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect();
    if fields.is_empty() {
        return Err(Error::Usage("--group-by needs at least one field".into()));
    }
    Ok(if fields == ["source"] {
        Vec::new()
    } else {
        fields
    })
}

/// The names of every setting a batch job may give besides `name` and `inputs` (the fields of
/// [`InputSettings`] and [`AnalysisSettings`], as clap knows them).
pub fn setting_names() -> Vec<String> {
    use clap::Args;
    let cmd = AnalysisSettings::augment_args(InputSettings::augment_args(clap::Command::new("x")));
    cmd.get_arguments()
        .map(|a| a.get_id().as_str().to_string())
        .collect()
}

/// Which settings a table may give: those of `analyze`, or only those of every command that reads
/// a corpus (`kwic`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// [`InputSettings`] and [`AnalysisSettings`].
    Analyze,
    /// [`InputSettings`] only.
    Input,
}

/// The clap ids of [`InputSettings`].
fn input_names() -> Vec<String> {
    use clap::Args;
    let cmd = InputSettings::augment_args(clap::Command::new("x"));
    cmd.get_arguments()
        .map(|a| a.get_id().as_str().to_string())
        .collect()
}

/// The entries of `t` that belong to [`InputSettings`] (or, with `input` false, the others).
fn input_part(t: &toml::Table, input: bool) -> toml::Table {
    let ids = input_names();
    t.iter()
        .filter(|(k, _)| ids.contains(k) == input)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Applies a table of settings to `o`: the one mapping of a batch job's keys (besides `name` and
/// `inputs`) and of the Python package's keyword options. Each key is an `analyze` flag with `_`
/// for `-`, and its value is read as clap reads the flag's (by the same structs); an unknown key
/// is refused with the known ones. Paths are relative to `base`. `bad` makes the error of a key
/// or value that does not fit (the batch names its file and job).
pub fn apply_settings(
    t: &toml::Table,
    keys: Keys,
    o: &mut AnalyzeOptions,
    base: &Path,
    bad: &dyn Fn(String) -> Error,
) -> Result<()> {
    let known = match keys {
        Keys::Analyze => setting_names(),
        Keys::Input => input_names(),
    };
    if let Some(k) = t.keys().find(|k| !known.contains(k)) {
        return Err(bad(format!(
            "unknown key '{k}' (keys are the analyze flags with _ for -: {})",
            known.join(", ")
        )));
    }
    let input: InputSettings = toml::Value::Table(input_part(t, true))
        .try_into()
        .map_err(|e| bad(e.to_string()))?;
    let analysis: AnalysisSettings = toml::Value::Table(input_part(t, false))
        .try_into()
        .map_err(|e| bad(e.to_string()))?;
    input.apply(o, base)?;
    analysis.apply(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_known_to_serde_and_clap() {
        let names = setting_names();
        assert!(names.contains(&"text_field".to_string()));
        assert!(names.contains(&"story_window".to_string()));
        // each name deserializes into exactly one of the two settings
        for n in &names {
            let value = if [
                "no_stem",
                "keep_stopwords",
                "lexicon_replace",
                "cues_replace",
                "follow_links",
                "keep_boilerplate",
                "keep_furniture",
                "strict",
                "no_report",
                "no_explore",
                "no_stories",
                "dfm",
                "collocations",
            ]
            .contains(&n.as_str())
            {
                "true".to_string()
            } else if [
                "max_doc_bytes",
                "threads",
                "ngrams",
                "min_count",
                "bootstrap",
                "seed",
                "top_sources",
                "collocation_window",
                "collocation_min",
                "story_window",
            ]
            .contains(&n.as_str())
            {
                "2".to_string()
            } else if n == "alpha" {
                "0.1".to_string()
            } else {
                "\"x\"".to_string()
            };
            let t = format!("{n} = {value}");
            let a = toml::from_str::<InputSettings>(&t).is_ok();
            let b = toml::from_str::<AnalysisSettings>(&t).is_ok();
            assert!(a ^ b, "{n}: input {a}, analysis {b}");
        }
    }

    #[test]
    fn settings_apply_over_defaults() {
        let mut o = AnalyzeOptions::default();
        let i: InputSettings =
            toml::from_str("text_field = \"content\"\nmanifest = \"m.csv\"\nno_stem = true")
                .unwrap();
        i.apply(&mut o, Path::new("jobs")).unwrap();
        let a: AnalysisSettings = toml::from_str("story_window = 0\nngrams = 2").unwrap();
        a.apply(&mut o).unwrap();
        assert_eq!(o.load.text_field, "content");
        assert_eq!(o.load.id_field, "id");
        assert_eq!(o.load.manifest, Some(PathBuf::from("jobs/m.csv")));
        assert!(!o.normalize.stem);
        assert_eq!((o.story_window, o.ngrams), (None, 2));
    }

    #[test]
    fn a_table_of_settings_is_mapped_once_and_unknown_keys_refused() {
        let bad = |m: String| Error::Usage(m);
        let t: toml::Table = toml::from_str("text_field = \"body\"\nngrams = 2").unwrap();
        let mut o = AnalyzeOptions::default();
        apply_settings(&t, Keys::Analyze, &mut o, Path::new(""), &bad).unwrap();
        assert_eq!((o.load.text_field.as_str(), o.ngrams), ("body", 2));
        // kwic reads a corpus: it takes the input settings only
        let e = apply_settings(&t, Keys::Input, &mut o, Path::new(""), &bad).unwrap_err();
        assert!(e.to_string().contains("unknown key 'ngrams'"), "{e}");
        let t: toml::Table = toml::from_str("ngrams = \"two\"").unwrap();
        let e = apply_settings(&t, Keys::Analyze, &mut o, Path::new(""), &bad).unwrap_err();
        assert!(e.to_string().contains("ngrams"), "{e}");
    }
}
