//! One output folder, one run: which files in it are hedgerow's own (the manifest in `run.json`),
//! removing an earlier run's files before a new run writes, the lock that keeps two runs out of
//! one folder, the check that an output folder and the inputs stay apart, and `run.json` written
//! first as incomplete and last as complete.
//!
//! A run starts by taking the folder's lock (`.hedgerow.lock`, holding the pid), then reads the
//! folder's `run.json`: the files it lists as written (regular files inside the folder, of a name
//! hedgerow writes; never through a symbolic link) are removed, with stale `.NAME.tmp-PID` files;
//! then `run.json` is written with `"complete": false` and the files written so far. When the run
//! ends, `run.json` is written again with `"complete": true` and the exact list of files this run
//! wrote. Files that are not hedgerow's stay, whatever their name.

use crate::error::{Error, Result};
use crate::files::{
    forget_written_under, remove_own, temporary_created, temporary_done, write_atomic,
    written_under,
};
use std::path::{Path, PathBuf};

/// The manifest file of an output folder.
pub const RUN_JSON: &str = "run.json";

/// Every table hedgerow writes (each as `.csv` and `.parquet`).
pub const TABLES: &[&str] = &[
    "documents",
    "sources",
    "terms",
    "hedges",
    "quotes",
    "errors",
    "speakers",
    "stories",
    "storylines",
    "alignment",
    "shared_quotes",
    "passages",
    "boilerplate",
    "doc_terms",
    "collocations",
    "furniture",
];

/// Other files of a run: charts and pages (`stories/S*.html` are the side-by-side pages,
/// `storylines/L*.html` the storyline pages).
pub const OTHER_FILES: &[&str] = &[
    "hedges_by_source.png",
    "hedges_over_time.png",
    "keyness.png",
    "quote_profile.png",
    "quotes_vs_hedges.png",
    "speakers.png",
    "top_terms.png",
    "index.html",
    "explore.html",
    "report.md",
    "stories/S*.html",
    "storylines/L*.html",
];

/// The subfolders a run writes pages into.
const PAGE_DIRS: &[&str] = &["stories", "storylines"];

/// Every name pattern hedgerow writes in an output folder (`*` stands for any characters).
pub fn own_patterns() -> Vec<String> {
    let mut v: Vec<String> = TABLES
        .iter()
        .flat_map(|t| [format!("{t}.csv"), format!("{t}.parquet")])
        .collect();
    v.extend(OTHER_FILES.iter().map(|s| s.to_string()));
    v
}

/// Whether `name` matches `pattern`, where `*` in the pattern matches any characters.
fn glob(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.len() >= head.len() + tail.len()
                && name.starts_with(head)
                && name.ends_with(tail)
                && !tail.contains('*')
        }
    }
}

/// Files in `dir` (one level of subfolder at most, as the patterns say) matching `pattern`; a
/// pattern that leaves the folder (`..`, an absolute path) matches nothing.
fn matches(dir: &Path, pattern: &str) -> Vec<PathBuf> {
    if leaves_folder(pattern) {
        return Vec::new();
    }
    let (sub, name) = match pattern.rsplit_once('/') {
        Some((s, n)) => (dir.join(s), n),
        None => (dir.to_path_buf(), pattern),
    };
    // a subfolder that is a symbolic link leads outside the folder: nothing there is ours
    if sub != dir && !is_real_dir(&sub) {
        return Vec::new();
    }
    if !name.contains('*') {
        let p = sub.join(name);
        return if is_regular_file(&p) || is_dataset_folder(&p) {
            vec![p]
        } else {
            Vec::new()
        };
    }
    files_matching(&sub, name)
}

/// Whether a pattern leaves the folder it is read in (`..`, an absolute path).
fn leaves_folder(pattern: &str) -> bool {
    let rel = Path::new(pattern);
    rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
}

/// The regular files in `dir` whose names match `name` (with `*`), sorted.
fn files_matching(dir: &Path, name: &str) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter(|e| glob(name, &e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Whether `p` is a regular file itself (a symbolic link is not, whatever it points to).
fn is_regular_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file())
}

/// Whether `p` is a folder itself (not a symbolic link to one).
fn is_real_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_dir())
}

/// Whether `p` is a Parquet dataset folder hedgerow writes (`doc_terms.parquet/part-*.parquet`
/// and nothing else, all regular files).
fn is_dataset_folder(p: &Path) -> bool {
    is_real_dir(p)
        && std::fs::read_dir(p).is_ok_and(|rd| {
            rd.filter_map(|e| e.ok()).all(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with("part-")
                    && n.ends_with(".parquet")
                    && e.file_type().is_ok_and(|t| t.is_file())
            })
        })
}

/// Whether `rel` (a path relative to an output folder) is a name hedgerow writes.
fn is_own_name(rel: &str) -> bool {
    own_patterns()
        .iter()
        .any(|p| match (p.rsplit_once('/'), rel.rsplit_once('/')) {
            (Some((pd, pn)), Some((rd, rn))) => pd == rd && glob(pn, rn),
            (None, None) => glob(p, rel),
            _ => false,
        })
}

/// Stale temporary files of hedgerow (`.NAME.tmp-PID`) in `dir` and its page folders.
fn stale_temporaries(dir: &Path) -> Vec<PathBuf> {
    let names: Vec<String> = own_patterns()
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .chain([RUN_JSON.to_string()])
        .collect();
    let mut out = Vec::new();
    let dirs = std::iter::once(dir.to_path_buf()).chain(PAGE_DIRS.iter().map(|d| dir.join(d)));
    for d in dirs {
        if !is_real_dir(&d) {
            continue;
        }
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| !t.is_symlink()) && is_own_temporary(&name, &names) {
                out.push(e.path());
            }
        }
    }
    out
}

/// Whether a file name is that of a temporary file (`.NAME.tmp-PID`) of one of `names`.
fn is_own_temporary(name: &str, names: &[String]) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.rsplit_once(".tmp-"))
        .is_some_and(|(base, pid)| {
            !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && names.iter().any(|p| glob(p, base))
        })
}

/// The folder's `run.json`, when it is hedgerow's (it names a hedgerow version).
fn read_run_json(dir: &Path) -> Option<serde_json::Value> {
    std::fs::read_to_string(dir.join(RUN_JSON))
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .filter(|v| v.get("hedgerow_version").is_some())
}

/// Whether `dir` holds the output of a hedgerow run (its `run.json` says so).
pub fn is_output_folder(dir: &Path) -> bool {
    read_run_json(dir).is_some()
}

/// What an earlier run left in `dir` that is hedgerow's own: the files its `run.json` lists as
/// written (of names hedgerow writes, regular files or dataset folders inside `dir`), and stale
/// temporary files. A `run.json` without a list lists nothing.
pub fn earlier_run_files(dir: &Path) -> Vec<PathBuf> {
    let listed: Vec<String> = read_run_json(dir)
        .and_then(|v| v.get("files").and_then(|f| f.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .filter(|p| is_own_name(p))
        .collect();
    let mut out: Vec<PathBuf> = listed.iter().flat_map(|p| matches(dir, p)).collect();
    out.extend(stale_temporaries(dir));
    out.sort();
    out.dedup();
    out
}

/// A run under way in an output folder: holds the folder's lock until dropped.
#[derive(Debug)]
pub struct Run {
    /// The earlier run's files removed.
    pub removed: Vec<PathBuf>,
    _lock: Lock,
}

/// Starts a run in `dir`: takes the folder's lock, removes the earlier run's own files (a
/// `stories` or `storylines` link is removed, its target left alone) and writes `run.json` marked incomplete,
/// listing no file yet ([`journal`] adds those written as the run goes on).
pub fn begin_run(dir: &Path) -> Result<Run> {
    let lock = Lock::take(dir)?;
    let old = earlier_run_files(dir);
    for p in &old {
        remove_own(p).map_err(|e| Error::io(p, e))?;
    }
    for sub in PAGE_DIRS {
        remove_page_dir(&dir.join(sub))?;
    }
    forget_written_under(dir);
    journal(dir)?;
    Ok(Run {
        removed: old,
        _lock: lock,
    })
}

/// Removes a page folder that is a link (not its target), or that the removal left empty.
fn remove_page_dir(pages: &Path) -> Result<()> {
    if std::fs::symlink_metadata(pages).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::remove_file(pages).map_err(|e| Error::io(pages, e))?;
    }
    // an empty page folder left by the removal goes too
    let _ = std::fs::remove_dir(pages);
    Ok(())
}

/// The files of hedgerow's names this process wrote into `dir`, relative to it.
fn written_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = written_under(dir)
        .iter()
        .filter_map(|p| {
            p.strip_prefix(dir)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .filter(|r| is_own_name(r))
        .collect();
    files.sort();
    files
}

/// Writes `run.json` marked incomplete with the files written so far, so that a run stopped
/// now is cleaned up by the next one (and nothing else is).
pub fn journal(dir: &Path) -> Result<()> {
    let v = serde_json::json!({
        "hedgerow_version": env!("CARGO_PKG_VERSION"),
        "complete": false,
        "files": written_files(dir),
    });
    write_atomic(&dir.join(RUN_JSON), pretty(&v).as_bytes())
}

/// Ends a run in `dir`: writes `run.json` with `info`'s fields, `"complete": true` and the list of
/// files this run wrote there.
pub fn finish_run(dir: &Path, info: serde_json::Value) -> Result<()> {
    let files = written_files(dir);
    let mut v = match info {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    v.insert("hedgerow_version".into(), env!("CARGO_PKG_VERSION").into());
    v.insert("complete".into(), true.into());
    v.insert("files".into(), files.into());
    write_atomic(
        &dir.join(RUN_JSON),
        pretty(&serde_json::Value::Object(v)).as_bytes(),
    )
}

/// The lock file of an output folder.
pub const LOCK: &str = ".hedgerow.lock";

/// The lock of an output folder: `.hedgerow.lock` holding the pid of the run that writes there,
/// made whole or not at all (a hard link of a finished file, which fails when one exists) and
/// removed when dropped (or by the signal handler, as a temporary file).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    /// Takes the lock of `dir`. A lock held by a live process is an error naming its pid; a lock
    /// whose pid names no live process (or that holds no pid) is stale and taken over.
    pub fn take(dir: &Path) -> Result<Lock> {
        let path = dir.join(LOCK);
        let pid = std::process::id();
        let tmp = dir.join(format!("{LOCK}.tmp-{pid}"));
        std::fs::write(&tmp, format!("{pid}\n")).map_err(|e| Error::io(&tmp, e))?;
        let mut res = std::fs::hard_link(&tmp, &path);
        if res
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::AlreadyExists)
        {
            if let Some(other) = live_holder(&path) {
                let _ = std::fs::remove_file(&tmp);
                return Err(Error::Usage(format!(
                    "another hedgerow run (pid {other}) is writing into {}; wait for it to end (if no such run exists, remove {})",
                    dir.display(),
                    path.display()
                )));
            }
            let _ = std::fs::remove_file(&path);
            res = std::fs::hard_link(&tmp, &path);
        }
        let _ = std::fs::remove_file(&tmp);
        res.map_err(|e| Error::io(&path, e))?;
        temporary_created(&path);
        Ok(Lock { path })
    }
}

/// The pid a lock file holds, when it names a live process (else the lock is stale).
fn live_holder(path: &Path) -> Option<u32> {
    let holder = std::fs::read_to_string(path).ok()?;
    let pid = holder.trim().parse::<u32>().ok()?;
    process_alive(pid).then_some(pid)
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        temporary_done(&self.path);
    }
}

/// Whether a process with this pid exists (signal 0 tells without sending anything; EPERM means
/// it exists under another user).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = i32::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 only checks that the process exists and may be signalled.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Elsewhere a lock is taken to be held (its message says how to remove it).
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// Where `p` is on disk: canonical, or for a path that does not exist yet, its nearest existing
/// ancestor made canonical with the rest appended.
fn resolved(p: &Path) -> PathBuf {
    let abs = std::env::current_dir().unwrap_or_default().join(p);
    let mut rest = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(c) = std::fs::canonicalize(cur) {
            return rest.iter().rev().fold(c, |acc: PathBuf, n| acc.join(n));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return abs,
        }
    }
}

/// Whether a folder holds nothing but a hedgerow run's output (or nothing at all, or is absent):
/// an output folder that may lie inside an input folder, where reading skips it.
fn nothing_to_read(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Err(_) => !dir.exists(),
        Ok(mut rd) => rd.next().is_none() || is_output_folder(dir),
    }
}

/// Refuses an output `out` that is one of `inputs` (named `what`: "input", "census part"), holds
/// one, or lies inside an input folder while holding files that are not a hedgerow run's (they
/// would be left unread or overwritten). Said before any work, naming both.
pub fn check_apart(out: &Path, inputs: &[PathBuf], what: &str) -> Result<()> {
    let o = resolved(out);
    for input in inputs {
        let i = resolved(input);
        let why = if o == i {
            "is"
        } else if i.starts_with(&o) {
            "holds"
        } else if o.starts_with(&i) && !nothing_to_read(out) {
            "is inside, and holds files that are not a hedgerow output,"
        } else {
            continue;
        };
        return Err(Error::Usage(format!(
            "the output {} {why} the {what} {}: choose an output folder apart from the {what}s",
            out.display(),
            input.display()
        )));
    }
    Ok(())
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("S*.html", "S00001.html"));
        assert!(!glob("S*.html", "notes.html"));
        assert!(glob("terms.csv", "terms.csv"));
        assert!(!glob("terms.csv", "terms.csv.bak"));
    }

    #[test]
    fn an_earlier_run_is_removed_and_foreign_files_stay() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        std::fs::write(dir.join("terms.csv"), "old").unwrap();
        // no run.json: not hedgerow's folder, nothing removed
        assert!(begin_run(dir).unwrap().removed.is_empty());
        assert!(dir.join("terms.csv").exists());
        std::fs::create_dir_all(dir.join("stories")).unwrap();
        write_atomic(&dir.join("stories/S00001.html"), b"old").unwrap();
        std::fs::create_dir_all(dir.join("storylines")).unwrap();
        write_atomic(&dir.join("storylines/L00001.html"), b"old").unwrap();
        std::fs::write(dir.join("storylines/.L00002.html.tmp-77"), "half").unwrap();
        write_atomic(&dir.join("documents.parquet"), b"old").unwrap();
        std::fs::write(dir.join("doc_terms.csv"), "the user's").unwrap();
        std::fs::write(dir.join(".documents.csv.tmp-123"), "half").unwrap();
        finish_run(dir, serde_json::json!({})).unwrap();
        let removed = begin_run(dir).unwrap().removed;
        // the three files written and the two temporary ones; terms.csv and doc_terms.csv were
        // not written by a run: they stay
        assert_eq!(removed.len(), 5, "{removed:?}");
        assert!(dir.join("terms.csv").exists() && dir.join("doc_terms.csv").exists());
        assert!(dir.join("notes.txt").exists());
        assert!(!dir.join("stories").exists() && !dir.join("storylines").exists());
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(RUN_JSON)).unwrap()).unwrap();
        assert_eq!(run["complete"], false);
        // a list naming a path outside the folder removes nothing there
        assert!(matches(dir, "../x").is_empty());
    }

    #[test]
    fn only_own_names_are_own() {
        assert!(is_own_name("terms.csv") && is_own_name("stories/S00001.html"));
        assert!(!is_own_name("notes.txt") && !is_own_name("x/terms.csv"));
        assert!(!is_own_name("stories/notes.html"));
        assert!(is_own_name("storylines/L00001.html") && !is_own_name("storylines/S00001.html"));
    }

    #[test]
    fn a_symlinked_stories_folder_is_not_searched() {
        let d = tempfile::tempdir().unwrap();
        let theirs = d.path().join("theirs");
        std::fs::create_dir_all(&theirs).unwrap();
        std::fs::write(theirs.join("S00099.html"), "theirs").unwrap();
        let out = d.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(&theirs, out.join("stories")).unwrap();
        assert!(matches(&out, "stories/S*.html").is_empty());
        assert!(matches(&out, "stories/S00099.html").is_empty());
    }

    #[test]
    fn a_second_lock_fails_and_a_stale_one_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let first = Lock::take(d.path()).unwrap();
        let e = Lock::take(d.path()).unwrap_err();
        assert!(e.to_string().contains("another hedgerow run"), "{e}");
        drop(first);
        assert!(!d.path().join(LOCK).exists());
        // a pid beyond any pid_max names no process
        std::fs::write(d.path().join(LOCK), "2147483000\n").unwrap();
        let taken = Lock::take(d.path()).unwrap();
        let held = std::fs::read_to_string(d.path().join(LOCK)).unwrap();
        assert_eq!(held.trim(), std::process::id().to_string());
        drop(taken);
    }

    #[test]
    fn outputs_apart_from_inputs() {
        let d = tempfile::tempdir().unwrap();
        let corp = d.path().join("corp");
        std::fs::create_dir_all(corp.join("S")).unwrap();
        std::fs::write(corp.join("S/a.txt"), "text").unwrap();
        let inputs = vec![corp.clone()];
        assert!(check_apart(&corp, &inputs, "input").is_err());
        assert!(check_apart(&corp.join("S"), &inputs, "input").is_err());
        assert!(check_apart(d.path(), &inputs, "input").is_err());
        // a new folder inside the input is skipped when reading: allowed
        assert!(check_apart(&corp.join("reports/x"), &inputs, "input").is_ok());
        assert!(check_apart(&d.path().join("out"), &inputs, "input").is_ok());
        // the same folder by another name
        assert!(check_apart(&corp.join("S/.."), &inputs, "input").is_err());
    }
}
