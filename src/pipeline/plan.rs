//! The plan of a run: [`AnalyzeOptions`] stays the record of what was asked; a [`Plan`] is those
//! options checked once and loaded into the objects the stages use (the normalizer, hedge lexicon
//! and cue list counting takes as its [`Context`], the keyness reference, the manifest, the table
//! formats and the number of threads). Stages take the plan, or the part of it they need
//! ([`Reading`] for the census and the second read), and never read a configuration file.

use crate::count::{Context, Contexts};
use crate::error::{Error, Result};
use crate::io::read::{self, check_inputs, LoadOptions, Manifest, Reread};
use crate::io::write::Format;
use crate::options::{
    builtin_cues, load_lexicon_for, parse_cues_for, thread_count, thread_warning, AnalyzeOptions,
};
use crate::report::own_names::{OwnNameMode, OWN_NAME_MODES};
use crate::tables::Reference;
use crate::text::hash::word_hash;
use crate::text::hedges::Lexicon;
use crate::text::quotes::Cues;
use crate::text::tokenize::{normalize, Normalizer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Characters of context on each side of a hedge in the hedges table.
const KWIC_WIDTH: usize = 40;

/// A run's settings, checked and loaded once.
pub struct Plan {
    /// The options as given (recorded in `run.json` and in part headers).
    pub opts: AnalyzeOptions,
    /// How the inputs are read.
    pub reading: Reading,
    /// What counting a document needs: normalizer, lexicon, cues, n-gram size, windows (under
    /// `--language auto`, English's: what the stages after counting tokenize with).
    pub count: Context,
    /// `--language auto`: a counting context per language told apart, English's first; empty
    /// in a run of one language.
    pub by_language: Vec<Context>,
    /// Fingerprint of the hedge lexicon and cue list in use (part headers compare it: the files
    /// may differ between machines).
    pub lists: String,
    /// What keyness compares each source with.
    pub reference: Reference,
    /// Table formats.
    pub formats: Vec<Format>,
    /// Warnings about the inputs and settings (said before the work, kept in `run.json`).
    pub warnings: Vec<String>,
    /// What the report does with a source's own name among its distinctive terms.
    pub own_names: OwnNameMode,
}

/// How the inputs are read: what every pass over them needs (the census, counting, the second
/// read of the story stage).
pub struct Reading {
    /// Folders, text files, JSONL or CSV dumps.
    pub inputs: Vec<PathBuf>,
    /// Field mapping, limits, shard, grouping.
    pub load: LoadOptions,
    /// The manifest, loaded.
    pub manifest: Option<Manifest>,
    /// Worker threads.
    pub threads: usize,
}

impl Reading {
    /// The reading settings of `opts`, with the manifest loaded.
    pub fn new(opts: &AnalyzeOptions) -> Result<Reading> {
        let manifest = match &opts.load.manifest {
            Some(p) => Some(Manifest::load(p)?),
            None => None,
        };
        Ok(Reading {
            inputs: opts.inputs.clone(),
            load: opts.load.clone(),
            manifest,
            threads: thread_count(opts.threads),
        })
    }

    /// The second read of these inputs: the documents of the input orders `wanted` names.
    pub fn reread(&self, wanted: &HashMap<u64, usize>) -> Result<Reread<'_>> {
        read::reread(&self.inputs, &self.load, self.manifest.as_ref(), wanted)
    }
}

impl Plan {
    /// Checks the settings of `opts` and loads what they name (the inputs are not read).
    pub fn new(opts: &AnalyzeOptions) -> Result<Plan> {
        check_auto(opts)?;
        let lists = Lists::load(opts)?;
        let normalizer = normalizer_for(opts, "english")?;
        let reference = keyness_reference(opts, &normalizer)?;
        check_ngrams(opts.ngrams)?;
        let own_names = own_name_mode(&opts.own_names)?;
        let by_language = language_contexts(opts, &lists.lexicon)?;
        Ok(Plan {
            own_names,
            reading: Reading::new(opts)?,
            lists: lists.fingerprint(),
            count: counting_context(opts, normalizer, lists.lexicon, lists.cues, None),
            by_language,
            reference,
            formats: opts.formats.clone(),
            warnings: plan_warnings(opts),
            opts: opts.clone(),
        })
    }

    /// The context counting `text` in: its language's under `--language auto` (by index into
    /// [`Plan::by_language`]), else the run's one context (index 0).
    pub fn context_for(&self, text: &str) -> (usize, &Context) {
        self.contexts().for_text(text)
    }

    /// The run's counting contexts, for the stages that read a document again.
    pub fn contexts(&self) -> Contexts<'_> {
        Contexts {
            one: &self.count,
            by_language: &self.by_language,
        }
    }

    /// Like [`Plan::new`], the inputs checked first: every one exists and the fields of the
    /// record files fit the mapping (their warnings come before those of the settings).
    pub fn checked(opts: &AnalyzeOptions) -> Result<Plan> {
        check_inputs(&opts.inputs)?;
        crate::io::output::check_apart(&opts.out, &opts.inputs, "input")?;
        let mut warnings = read::preflight(&opts.inputs, &opts.load)?;
        let mut plan = Plan::new(opts)?;
        check_groups(&plan)?;
        warnings.append(&mut plan.warnings);
        plan.warnings = warnings;
        Ok(plan)
    }

    /// How words become terms.
    pub fn normalizer(&self) -> &Normalizer {
        &self.count.normalizer
    }

    /// The hedge lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.count.lexicon
    }

    /// The cue list (reporting verbs) in use.
    pub fn cues(&self) -> &Cues {
        &self.count.cues
    }
}

/// The warnings of the settings: a language without its lists, too many threads.
fn plan_warnings(opts: &AnalyzeOptions) -> Vec<String> {
    opts.language_warnings()
        .into_iter()
        .chain(thread_warning(opts.threads))
        .collect()
}

/// The `--group-by` fields every document has, whatever its input.
const BUILTIN_FIELDS: &[&str] = &[
    "source", "year", "month", "date", "title", "author", "story", "url",
];

/// Checks before any work that every `--group-by` field is a field of some document and that a
/// `--reference` group is one of the corpus, reading the documents' metadata once when either
/// needs it (a grouping by built-in fields with the corpus as reference needs no read). Skipped
/// for a shard, which sees only some of the documents.
fn check_groups(plan: &Plan) -> Result<()> {
    let (load, reference) = (&plan.reading.load, &plan.reference);
    let custom = load
        .group_by
        .iter()
        .any(|f| !BUILTIN_FIELDS.contains(&f.as_str()));
    let named = matches!(reference, Reference::Group(_));
    if load.shard.is_some() || !(custom || named) {
        return Ok(());
    }
    let census = GroupCensus::read(&plan.reading)?;
    for (i, field) in load.group_by.iter().enumerate() {
        if !BUILTIN_FIELDS.contains(&field.as_str()) && !census.has_field[i] {
            return Err(no_such_field(field, &plan.reading));
        }
    }
    match reference {
        Reference::Group(g) if !census.labels.contains(g) => {
            let known: Vec<String> = census.labels.iter().cloned().collect();
            Err(Error::Usage(format!(
                "--reference '{}' names no source or group of this corpus{}",
                plan.opts.reference.as_deref().unwrap_or(g),
                nearest_hint(g, &known)
            )))
        }
        _ => Ok(()),
    }
}

/// The error of a `--group-by` field no document has, with the nearest field name that exists.
fn no_such_field(field: &str, reading: &Reading) -> Error {
    let mut known: Vec<String> = BUILTIN_FIELDS.iter().map(|s| s.to_string()).collect();
    known.extend(record_field_names(reading));
    Error::Usage(format!(
        "--group-by: no document has a field '{field}'{}",
        nearest_hint(field, &known)
    ))
}

/// The groups of a corpus's documents (sources, or `--group-by` labels) and, for each grouping
/// field, whether any document has a value for it.
struct GroupCensus {
    labels: std::collections::BTreeSet<String>,
    has_field: Vec<bool>,
}

impl GroupCensus {
    /// Notes a document's group (its source, `by_source`) and the grouping fields it has.
    fn add(&mut self, d: read::Document, by_source: bool) {
        for (seen, v) in self.has_field.iter_mut().zip(&d.fields) {
            *seen |= !v.trim().is_empty();
        }
        self.labels
            .insert(if by_source { d.source } else { d.group });
    }

    /// Reads the inputs' documents (not counting them) for their groups.
    fn read(reading: &Reading) -> Result<GroupCensus> {
        let load = &reading.load;
        let mut c = GroupCensus {
            labels: Default::default(),
            has_field: vec![false; load.group_by.len()],
        };
        let mut take = |batch: Vec<read::Pending>| -> Result<()> {
            for p in batch {
                if let Some(d) = read::realize(p, load, reading.manifest.as_ref()).doc {
                    c.add(d, load.group_by.is_empty());
                }
            }
            Ok(())
        };
        read::scan(&reading.inputs, load, 16 << 20, &mut take)?;
        Ok(c)
    }
}

/// `; did you mean 'X'?` for the known name nearest `given` (case and small typos aside), or a
/// list of some known names when none is near.
fn nearest_hint(given: &str, known: &[String]) -> String {
    let g = given.to_lowercase();
    let best = known
        .iter()
        .map(|k| {
            (
                strsim::normalized_damerau_levenshtein(&g, &k.to_lowercase()),
                k,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, k)) if score >= 0.5 => format!("; did you mean '{k}'?"),
        _ if known.is_empty() => String::new(),
        _ => format!(
            " (for example: {})",
            known.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The field names of the record files' first record (JSONL keys, CSV header), for suggestions.
fn record_field_names(reading: &Reading) -> Vec<String> {
    let mut names = Vec::new();
    for f in read::record_files(&reading.inputs, &reading.load) {
        let Some(first) = first_line(&f) else {
            continue;
        };
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&first) {
            Ok(m) => names.extend(m.keys().cloned()),
            Err(_) => names.extend(
                first
                    .trim()
                    .split(',')
                    .map(|s| s.trim_matches('"').to_string()),
            ),
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The first line of a file, looking through gzip (`None` when it cannot be opened).
fn first_line(f: &Path) -> Option<String> {
    let file = std::fs::File::open(f).ok()?;
    let gz = f.extension().is_some_and(|e| e == "gz");
    let r: Box<dyn std::io::Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut first = String::new();
    let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(r), &mut first);
    Some(first)
}

/// `--ngrams` is 1, 2 or 3.
fn check_ngrams(n: usize) -> Result<()> {
    if (1..=3).contains(&n) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--ngrams must be 1, 2 or 3 (got {n})"
    )))
}

/// Whether `--language auto` was asked.
fn is_auto(opts: &AnalyzeOptions) -> bool {
    opts.normalize.language.eq_ignore_ascii_case("auto")
}

/// `--language auto` takes each language's built-in lists: a user lexicon, cue list or stopword
/// list is of one language.
fn check_auto(opts: &AnalyzeOptions) -> Result<()> {
    let one_language = [
        ("--lexicon", opts.lexicon.is_some()),
        ("--cues", opts.cues.is_some()),
        ("--stopwords", opts.normalize.stopwords.is_some()),
    ];
    match one_language
        .iter()
        .find(|(_, given)| is_auto(opts) && *given)
    {
        Some((flag, _)) => Err(Error::Usage(format!(
            "{flag} is a list of one language: give that language with --language, not auto"
        ))),
        None => Ok(()),
    }
}

/// The normalizer of `opts`, for `language` where `opts` asks for auto.
fn normalizer_for(opts: &AnalyzeOptions, language: &str) -> Result<Normalizer> {
    let mut n = opts.normalize.clone();
    if is_auto(opts) {
        n.language = language.to_string();
    }
    Normalizer::new(&n).map_err(Error::Usage)
}

/// What counting a document needs, with a language's normalizer, lexicon and cues (`language`
/// recorded in each document's row under `--language auto`).
fn counting_context(
    opts: &AnalyzeOptions,
    normalizer: Normalizer,
    lexicon: Lexicon,
    cues: Cues,
    language: Option<&'static str>,
) -> Context {
    Context {
        normalizer,
        lexicon,
        cues,
        ngrams: opts.ngrams,
        kwic_width: KWIC_WIDTH,
        collocation_window: opts.collocation_window,
        keep_furniture: opts.keep_furniture,
        language,
    }
}

/// Under `--language auto`, a counting context per language told apart (English first), each
/// lexicon's categories in English's order so that their counts share columns; else none.
fn language_contexts(opts: &AnalyzeOptions, english: &Lexicon) -> Result<Vec<Context>> {
    if !is_auto(opts) {
        return Ok(Vec::new());
    }
    crate::text::language::detect::codes()
        .map(|code| {
            let lexicon = load_lexicon_for(code, None, false)?;
            Ok(counting_context(
                opts,
                normalizer_for(opts, code)?,
                lexicon.in_category_order(&english.categories),
                builtin_cues(code),
                Some(code),
            ))
        })
        .collect()
}

/// The hedge lexicon and cue list, with the text of the cue file they came from.
struct Lists {
    lexicon: Lexicon,
    cues: Cues,
    cue_file: Option<String>,
}

impl Lists {
    /// The language's lists (its pack's, or English's), with the cue file and the lexicon file
    /// the options name read (the cues first).
    fn load(opts: &AnalyzeOptions) -> Result<Lists> {
        let lang = &opts.normalize.language;
        let (cues, cue_file) = match &opts.cues {
            None => (builtin_cues(lang), None),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                (
                    parse_cues_for(lang, p, &text, opts.cues_replace)?,
                    Some(text),
                )
            }
        };
        let lexicon = load_lexicon_for(lang, opts.lexicon.as_deref(), opts.lexicon_replace)?;
        Ok(Lists {
            lexicon,
            cues,
            cue_file,
        })
    }

    /// The hash of the lexicon (as CSV) and the cue file's text.
    fn fingerprint(&self) -> String {
        let mut s = self.lexicon.to_csv();
        if let Some(text) = &self.cue_file {
            s.push_str(text);
        }
        format!("{:016x}", word_hash(&s))
    }
}

/// What keyness compares each source (or group) with: the rest of the corpus, a named group
/// (given as a label or `field=value` pairs in `--group-by` order), or a frequency list read
/// from its file and normalized and stemmed like the corpus.
fn keyness_reference(opts: &AnalyzeOptions, normalizer: &Normalizer) -> Result<Reference> {
    if let Some(r) = &opts.reference {
        return group_reference(r, &opts.load.group_by).map(Reference::Group);
    }
    match &opts.reference_list {
        Some(p) => reference_list(p, normalizer),
        None => Ok(Reference::Rest),
    }
}

/// The group label `--reference` names: as given, or its `field=value` pairs' values in the
/// order of the grouping fields.
fn group_reference(r: &str, group_by: &[String]) -> Result<String> {
    if !r.contains('=') {
        return Ok(r.trim().to_string());
    }
    let pairs: Vec<(&str, &str)> = r
        .split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let fields = grouping_fields(group_by);
    if let Some((k, _)) = pairs.iter().find(|(k, _)| !fields.iter().any(|f| f == k)) {
        return Err(Error::Usage(format!(
            "--reference '{r}' names '{k}', which is not a grouping field (the groups are by {}; add it with --group-by)",
            fields.join(",")
        )));
    }
    let value = |f: &String| match pairs.iter().find(|(k, _)| k == f) {
        Some((_, v)) => Ok(v.to_string()),
        None => Err(Error::Usage(format!(
            "--reference '{r}' gives no value for '{f}' (the groups are by {})",
            fields.join(",")
        ))),
    };
    let values = fields.iter().map(value).collect::<Result<Vec<String>>>()?;
    Ok(values.join(" | "))
}

/// The fields groups are made by: the `--group-by` fields, else the source.
fn grouping_fields(group_by: &[String]) -> Vec<String> {
    if group_by.is_empty() {
        vec!["source".into()]
    } else {
        group_by.to_vec()
    }
}

/// One line of a frequency list: `rank frequency word` (AntConc, WordSmith) or `term,count`
/// (either order); `None` for a line that is neither (a header, a comment).
fn list_line(line: &str) -> Option<(&str, u64)> {
    let parts: Vec<&str> = if line.contains(',') {
        line.split(',').map(str::trim).collect()
    } else {
        line.split_whitespace().collect()
    };
    let num = |s: &str| s.replace(['_', ' '], "").parse::<u64>().ok();
    match parts[..] {
        [a, b] => match (num(a), num(b)) {
            (None, Some(c)) => Some((a, c)),
            (Some(c), None) => Some((b, c)),
            _ => None,
        },
        [r, f, w, ..] if num(r).is_some() && num(f).is_some() => Some((w, num(f).unwrap_or(0))),
        _ => None,
    }
}

/// An external frequency list as a keyness reference, its words normalized and stemmed like the
/// corpus; like the corpus totals, the list's total counts terms only (no stopwords).
fn reference_list(p: &Path, normalizer: &Normalizer) -> Result<Reference> {
    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    let mut list: ahash::AHashMap<String, u64> = Default::default();
    let mut total = 0u64;
    for (word, count) in text.lines().filter_map(list_line) {
        let w = normalize(word.trim_matches('"'));
        if normalizer.is_term(&w) {
            total += count;
            *list.entry(normalizer.stem(&w)).or_insert(0) += count;
        }
    }
    if total == 0 {
        return Err(Error::parse(
            p,
            None,
            "no frequencies found (lines of `rank frequency word` or `term,count`)",
        ));
    }
    Ok(Reference::List(list, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_list_lines_in_both_shapes() {
        assert_eq!(list_line("1 2_000 the"), Some(("the", 2000)));
        assert_eq!(list_line("claim,12"), Some(("claim", 12)));
        assert_eq!(list_line("12,claim"), Some(("claim", 12)));
        assert_eq!(list_line("term,count"), None);
        assert_eq!(list_line("# a comment"), None);
    }

    #[test]
    fn a_reference_group_follows_the_grouping_fields() {
        let by = vec!["source".to_string(), "year".to_string()];
        assert_eq!(
            group_reference("year=2019, source=Reuters", &by).unwrap(),
            "Reuters | 2019"
        );
        assert_eq!(group_reference(" Reuters ", &by).unwrap(), "Reuters");
        let e = group_reference("source=Reuters", &by).unwrap_err();
        assert!(e.to_string().contains("no value for 'year'"), "{e}");
        // a field the documents are not grouped by is not ignored
        let e = group_reference("source=Reuters,year=2019", &[]).unwrap_err();
        assert!(
            e.to_string()
                .contains("'year', which is not a grouping field"),
            "{e}"
        );
    }

    #[test]
    fn the_nearest_name_is_suggested() {
        let known: Vec<String> = ["source", "topic", "Reuters"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(nearest_hint("topc", &known), "; did you mean 'topic'?");
        assert_eq!(nearest_hint("reuters", &known), "; did you mean 'Reuters'?");
        assert!(nearest_hint("zzzzzzzz", &known).starts_with(" (for example: source"));
    }

    #[test]
    fn ngrams_beyond_three_are_refused() {
        assert!(check_ngrams(3).is_ok());
        assert!(check_ngrams(0).is_err() && check_ngrams(4).is_err());
    }
}

/// The mode `--own-names` names; an unknown value is a usage error listing the choices.
fn own_name_mode(s: &str) -> Result<OwnNameMode> {
    OwnNameMode::parse(s).ok_or_else(|| {
        let choices: Vec<&str> = OWN_NAME_MODES.iter().map(|(n, _)| *n).collect();
        Error::Usage(format!(
            "--own-names '{s}': choose one of {}",
            choices.join(", ")
        ))
    })
}

#[cfg(test)]
mod own_name_tests {
    use super::*;

    #[test]
    fn an_unknown_own_names_value_is_refused_with_the_choices() {
        assert_eq!(own_name_mode("mark").ok(), Some(OwnNameMode::Mark));
        let e = own_name_mode("hide")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("drop, mark, keep"), "{e}");
    }
}
