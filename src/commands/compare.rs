//! `hedgerow compare A B [C…]`: loads text files and writes one side-by-side page.

use crate::count::Contexts;
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::io::read::{check_inputs, load_file, special_kind, LoadOptions};
use crate::report::story_page::compare_html;
use crate::stories::{prepare, Aligned, Meta};
use std::path::{Path, PathBuf};

/// Refuses what is not a regular file before reading anything: a FIFO would hang the read and a
/// device such as `/dev/zero` never ends. Special files are named as the corpus walk names them.
fn check_regular(p: &Path) -> Result<()> {
    let m = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
    let why = if m.is_dir() {
        Some("a folder, not a regular file")
    } else {
        special_kind(&m)
    };
    match why {
        None => Ok(()),
        Some(why) => Err(Error::parse(
            p,
            None,
            format!("{why}: compare reads text files"),
        )),
    }
}

/// `hedgerow compare A B [C…]`: loads text files and writes one side-by-side page.
/// Each file is read by the rules of its context among `contexts` (its language's).
pub fn compare_files(paths: &[PathBuf], out: &Path, contexts: Contexts) -> Result<()> {
    let opts = LoadOptions::default();
    check_inputs(paths)?;
    crate::io::output::check_apart(out, paths, "input")?;
    for p in paths {
        check_regular(p)?;
    }
    let docs = paths
        .iter()
        .enumerate()
        .map(|(i, p)| compared(i as u64, p, &opts, contexts))
        .collect::<Result<Vec<_>>>()?;
    let refs: Vec<&Aligned> = docs.iter().collect();
    let title = format!(
        "Side by side: {}",
        docs.iter()
            .map(|d| d.source.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    );
    write_atomic(out, compare_html(&title, &refs, contexts).as_bytes())
}

/// File number `i` loaded and prepared for the page, by the rules of its language.
fn compared(i: u64, p: &Path, opts: &LoadOptions, contexts: Contexts) -> Result<Aligned> {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let d = load_file(i, p, &p.display().to_string(), None, &stem, opts)
        .map_err(|pr| Error::parse(p, None, pr.problem))?
        .doc;
    let source = if d.source == stem {
        folder_name(p).unwrap_or(stem)
    } else {
        d.source.clone()
    };
    let (_, ctx) = contexts.for_text(&d.text[d.body..]);
    let mut a = prepare(&d.doc_id, &source, &d.text, d.body, ctx);
    a.meta = Meta {
        title: d.title,
        date: d.date,
        url: d.url,
    };
    Ok(a)
}

/// The name of the folder a file is in (its source when the file names none).
fn folder_name(p: &Path) -> Option<String> {
    p.parent()
        .and_then(|f| f.file_name())
        .map(|f| f.to_string_lossy().into_owned())
}
