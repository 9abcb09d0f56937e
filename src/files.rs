//! Files written whole or not at all: each is written to a temporary file beside it
//! (`.NAME.tmp-PID`) and renamed into place, so an interrupted run never leaves a half-written
//! file that looks complete; the temporary files being written are listed, so that a signal
//! handler can remove them ([`remove_temporary_files`]). A leaf: it imports only [`crate::error`].

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map_err(|e| Error::io(path, e)))
}

/// Renames a finished temporary file (or folder) onto `path` and notes `path` as written by this
/// process (see [`written_under`]). A symbolic link at `path` is replaced, never followed.
pub fn rename_into_place(tmp: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, path)?;
    if let Ok(mut w) = WRITTEN.lock() {
        w.insert(path.to_path_buf());
    }
    Ok(())
}

/// Files renamed into place by this process: what a run's `run.json` lists as written by it.
static WRITTEN: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The files this process wrote below `dir` (as `dir.join(..)` paths), in path order.
pub fn written_under(dir: &Path) -> Vec<PathBuf> {
    WRITTEN
        .lock()
        .map(|w| w.iter().filter(|p| p.starts_with(dir)).cloned().collect())
        .unwrap_or_default()
}

/// Forgets what this process wrote below `dir` (a new run into it begins).
pub fn forget_written_under(dir: &Path) {
    if let Ok(mut w) = WRITTEN.lock() {
        w.retain(|p| !p.starts_with(dir));
    }
}

/// The temporary file beside `path` that becomes it: `.NAME.tmp-PID`.
pub fn tmp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Writes through a temporary file in the same folder and a rename, streaming from `write`.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<()>,
) -> Result<()> {
    let tmp = tmp_path(path);
    temporary_created(&tmp);
    let res = match write_synced(&tmp, path, write) {
        Ok(()) => rename_into_place(&tmp, path).map_err(|e| Error::io(path, e)),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    };
    temporary_done(&tmp);
    res
}

/// Creates `tmp` and writes it through `write`, flushed and synced to disk (errors name `path`).
fn write_synced(
    tmp: &Path,
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<()>,
) -> Result<()> {
    let file = std::fs::File::create(tmp).map_err(|e| Error::io(path, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    write(&mut w)?;
    w.flush().map_err(|e| Error::io(path, e))?;
    w.get_ref().sync_all().map_err(|e| Error::io(path, e))
}

/// Temporary files being written now: removed by [`remove_temporary_files`] when a signal stops
/// the run.
static TEMPORARY: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Notes a temporary file that exists until it is renamed or removed.
pub fn temporary_created(p: &Path) {
    if let Ok(mut t) = TEMPORARY.lock() {
        t.insert(p.to_path_buf());
    }
}

/// The temporary file is gone (renamed into place or removed).
pub fn temporary_done(p: &Path) {
    if let Ok(mut t) = TEMPORARY.lock() {
        t.remove(p);
    }
}

/// Removes every temporary file being written, and keeps any from being made after (called by a
/// SIGINT/SIGTERM handler just before the process exits: a writer that would start a temporary
/// file now waits, since the list is never unlocked again).
pub fn remove_temporary_files() {
    if let Ok(t) = TEMPORARY.lock() {
        for p in t.iter() {
            let _ = remove_own(p);
        }
        std::mem::forget(t);
    }
}

/// Removes an own file or dataset folder.
pub fn remove_own(p: &Path) -> std::io::Result<()> {
    if p.is_dir() {
        std::fs::remove_dir_all(p)
    } else {
        std::fs::remove_file(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_leaves_no_temp() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.csv");
        write_atomic(&p, b"a\n1\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"a\n1\n");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        assert_eq!(written_under(d.path()), vec![p.clone()]);
        forget_written_under(d.path());
        assert!(written_under(d.path()).is_empty());
    }

    #[test]
    fn an_atomic_write_replaces_a_link_and_leaves_its_target() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("theirs.png");
        std::fs::write(&target, "theirs").unwrap();
        let link = d.path().join("top_terms.png");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"ours").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
}
