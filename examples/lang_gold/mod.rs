//! The gold samples of the language packs, shared by `eval_hedges` and `eval_quotes`:
//! `data/languages/<xx>/gold/{hedges,quotes}.tsv` hold offsets (code points) into the records of
//! `../shared/corpora/languages/<xx>.jsonl` (the JSON `id`, the decoded `text`), never the text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The languages with a pack, in the order reported.
pub const CODES: &[&str] = &["de", "fr", "es", "ru", "uk", "ko"];

/// Where the gold folders and the corpora are.
pub struct Places {
    /// Holds `<xx>/gold/`.
    pub gold_root: PathBuf,
    /// Holds `<xx>.jsonl`.
    pub corpus: PathBuf,
}

impl Places {
    /// From `--gold-root DIR` and `--corpus DIR`, defaulting to `data/languages` and
    /// `../shared/corpora/languages`; `--packs DIR` reads the packs from `DIR/<code>/` instead of
    /// the embedded ones (edit a pack's files and score it again without rebuilding).
    pub fn from_args(args: &[String]) -> Places {
        let arg = |flag: &str, default: &str| {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1))
                .map_or(PathBuf::from(default), PathBuf::from)
        };
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Some(dir) = args
            .iter()
            .position(|a| a == "--packs")
            .and_then(|i| args.get(i + 1))
        {
            if let Err(e) = hedgerow::text::language::use_pack_folder(Path::new(dir)) {
                eprintln!("--packs {dir}: {e}");
                std::process::exit(2);
            }
        }
        Places {
            gold_root: arg(
                "--gold-root",
                &root.join("data/languages").to_string_lossy(),
            ),
            corpus: arg(
                "--corpus",
                &root.join("../shared/corpora/languages").to_string_lossy(),
            ),
        }
    }

    /// The gold file `name` of language `code`, or the line saying why it is skipped.
    pub fn gold(&self, code: &str, name: &str) -> Result<PathBuf, String> {
        let dir = self.gold_root.join(code).join("gold");
        if !dir.is_dir() {
            return Err(format!(
                "{code}: no gold folder ({}), skipped",
                dir.display()
            ));
        }
        let f = dir.join(name);
        if !f.is_file() {
            return Err(format!("{code}: no {} in {}, skipped", name, dir.display()));
        }
        Ok(f)
    }

    /// The texts of language `code` by record id.
    pub fn texts(&self, code: &str) -> Result<HashMap<String, String>, String> {
        let path = self.corpus.join(format!("{code}.jsonl"));
        let s = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = HashMap::new();
        for (n, line) in s.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{} line {}: {e}", path.display(), n + 1))?;
            let id = match &v["id"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.insert(id, v["text"].as_str().unwrap_or_default().to_string());
        }
        Ok(out)
    }
}

/// The languages asked for: `--language xx` (several allowed) or all.
pub fn languages(args: &[String]) -> Vec<String> {
    let asked: Vec<String> = args
        .windows(2)
        .filter(|w| w[0] == "--language")
        .map(|w| w[1].clone())
        .filter(|l| l != "all")
        .collect();
    if asked.is_empty() {
        CODES.iter().map(|c| c.to_string()).collect()
    } else {
        asked
    }
}

/// The code points `start..end` of `text`.
pub fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The rows of a TSV gold file: fields of each line that is no comment.
#[allow(dead_code)] // used by eval_quotes, not eval_hedges
pub fn rows(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(s.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}
