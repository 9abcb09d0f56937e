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
    let tmp = tmp_path(path);
    temporary_created(&tmp);
    let res = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        temporary_done(&tmp);
        return Err(Error::io(path, e));
    }
    let res = std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e));
    temporary_done(&tmp);
    res
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
    let res = std::fs::File::create(&tmp)
        .map_err(|e| Error::io(path, e))
        .and_then(|file| {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            write(&mut w)
                .and_then(|_| w.flush().map_err(|e| Error::io(path, e)))
                .and_then(|_| w.get_ref().sync_all().map_err(|e| Error::io(path, e)))
        });
    let res = match res {
        Ok(()) => std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e)),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    };
    temporary_done(&tmp);
    res
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
    }
}
