//! The occurrence tables (hedges, quotes) written batch by batch while counting goes on, in input
//! order, so that they never pile up in memory.

use super::write::{stack, tmp_path, Format};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// Where the occurrence tables (hedges, quotes) go while counting.
pub enum ChunkDest {
    /// Kept in memory and returned whole (library use without an output folder).
    Memory,
    /// Streamed to `<dir>/<name>.<ext>` in each format as the counting goes, so that memory does
    /// not grow with the corpus; the files are renamed into place when counting ends.
    Files {
        /// Output folder.
        dir: PathBuf,
        /// Formats written.
        formats: Vec<Format>,
    },
}

/// A buffered file that a polars batched writer writes to while we keep a handle, so that the
/// file can be flushed and synced after the writer is done (the writers do not give it back).
#[derive(Clone)]
struct SharedFile(std::sync::Arc<std::sync::Mutex<std::io::BufWriter<std::fs::File>>>);

impl Write for SharedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .flush()
    }
}

enum ChunkWriter {
    Csv(polars::io::csv::write::BatchedWriter<SharedFile>),
    Parquet(Box<polars::io::parquet::write::BatchedWriter<SharedFile>>),
}

struct ChunkFile {
    tmp: PathBuf,
    path: PathBuf,
    file: SharedFile,
    writer: Option<ChunkWriter>,
}

struct ChunkTable {
    name: String,
    schema: Schema,
    pending: Vec<DataFrame>,
    pending_rows: usize,
    memory: Vec<DataFrame>,
    files: Vec<ChunkFile>,
}

/// Rows gathered before they are written: a Parquet row group of about this size.
const CHUNK_ROWS: usize = 1 << 16;

/// Receives the occurrence tables of each input batch, in any order, and writes them out in input
/// order: a batch is held back until every batch before it has arrived. Only the batches in
/// flight and one row group per table are in memory at any time.
pub struct ChunkSink {
    tables: Vec<ChunkTable>,
    next: u64,
    waiting: std::collections::BTreeMap<u64, Vec<DataFrame>>,
    finished: bool,
}

impl ChunkSink {
    /// A sink for tables named `names`, whose (empty) frames give their schemas.
    pub fn new(dest: &ChunkDest, tables: Vec<(&str, DataFrame)>) -> Result<Self> {
        let mut out = Vec::new();
        for (name, empty) in tables {
            let schema = empty.schema().as_ref().clone();
            let mut files = Vec::new();
            if let ChunkDest::Files { dir, formats } = dest {
                for f in formats {
                    let ext = match f {
                        Format::Csv => "csv",
                        Format::Parquet => "parquet",
                    };
                    let path = dir.join(format!("{name}.{ext}"));
                    let tmp = tmp_path(&path);
                    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&path, e))?;
                    let shared = SharedFile(std::sync::Arc::new(std::sync::Mutex::new(
                        std::io::BufWriter::with_capacity(1 << 20, file),
                    )));
                    let w = shared.clone();
                    let pe = |source| Error::Polars {
                        table: name.into(),
                        source,
                    };
                    let writer = match f {
                        Format::Csv => ChunkWriter::Csv(
                            CsvWriter::new(w)
                                .with_float_precision(Some(6))
                                .batched(&schema)
                                .map_err(pe)?,
                        ),
                        Format::Parquet => ChunkWriter::Parquet(Box::new(
                            ParquetWriter::new(w).batched(&schema).map_err(pe)?,
                        )),
                    };
                    files.push(ChunkFile {
                        tmp,
                        path,
                        file: shared,
                        writer: Some(writer),
                    });
                }
            }
            out.push(ChunkTable {
                name: name.to_string(),
                schema,
                pending: Vec::new(),
                pending_rows: 0,
                memory: Vec::new(),
                files,
            });
        }
        Ok(Self {
            tables: out,
            next: 0,
            waiting: Default::default(),
            finished: false,
        })
    }

    /// Hands over batch number `batch` (numbered from 0 in input order, every batch exactly
    /// once): one frame per table, in the order the tables were named.
    pub fn put(&mut self, batch: u64, frames: Vec<DataFrame>) -> Result<()> {
        self.waiting.insert(batch, frames);
        while let Some(frames) = self.waiting.remove(&self.next) {
            self.next += 1;
            for (t, df) in self.tables.iter_mut().zip(frames) {
                t.pending_rows += df.height();
                t.pending.push(df);
                if t.pending_rows >= CHUNK_ROWS {
                    t.flush()?;
                }
            }
        }
        Ok(())
    }

    /// Writes what is left and renames the files into place. Returns each table in memory
    /// (empty when streamed to files) and the files written.
    pub fn finish(mut self) -> Result<(Vec<DataFrame>, Vec<PathBuf>)> {
        // batches that never arrived (a stopped run) leave a gap: write what follows it anyway
        let rest: Vec<Vec<DataFrame>> = std::mem::take(&mut self.waiting).into_values().collect();
        for frames in rest {
            for (t, df) in self.tables.iter_mut().zip(frames) {
                t.pending_rows += df.height();
                t.pending.push(df);
            }
        }
        let mut frames = Vec::new();
        let mut paths = Vec::new();
        for t in &mut self.tables {
            t.flush()?;
            frames.push(stack(
                &t.name,
                DataFrame::empty_with_schema(&t.schema),
                t.memory.drain(..),
            )?);
            for f in &mut t.files {
                let pe = |source| Error::Polars {
                    table: t.name.clone(),
                    source,
                };
                match f.writer.take() {
                    Some(ChunkWriter::Csv(mut w)) => w.finish().map_err(pe)?,
                    Some(ChunkWriter::Parquet(w)) => {
                        w.finish().map_err(pe)?;
                    }
                    None => continue,
                }
                let io = |e| Error::io(&f.path, e);
                let mut file = f
                    .file
                    .0
                    .lock()
                    .map_err(|_| io(std::io::Error::other("poisoned")))?;
                file.flush().map_err(io)?;
                file.get_ref().sync_all().map_err(io)?;
                std::fs::rename(&f.tmp, &f.path).map_err(|e| Error::io(&f.path, e))?;
                paths.push(f.path.clone());
            }
        }
        self.finished = true;
        Ok((frames, paths))
    }
}

impl ChunkTable {
    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.pending_rows = 0;
        if self.files.is_empty() {
            // kept as they came; stacked once at the end
            self.memory.append(&mut self.pending);
            return Ok(());
        }
        let df = stack(
            &self.name,
            DataFrame::empty_with_schema(&self.schema),
            self.pending.drain(..),
        )?;
        let pe = |source| Error::Polars {
            table: self.name.clone(),
            source,
        };
        for f in &mut self.files {
            match &mut f.writer {
                Some(ChunkWriter::Csv(w)) => w.write_batch(&df).map_err(pe)?,
                Some(ChunkWriter::Parquet(w)) => w.write_batch(&df).map_err(pe)?,
                None => {}
            }
        }
        Ok(())
    }
}

impl Drop for ChunkSink {
    /// A run that fails before `finish` leaves no half-written table behind.
    fn drop(&mut self) {
        if !self.finished {
            for t in &self.tables {
                for f in &t.files {
                    let _ = std::fs::remove_file(&f.tmp);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column_n(df: &DataFrame) -> Vec<u64> {
        df.column("n")
            .unwrap()
            .u64()
            .unwrap()
            .into_no_null_iter()
            .collect()
    }

    fn frame(v: &[u64]) -> DataFrame {
        DataFrame::new(v.len(), vec![Column::new("n".into(), v.to_vec())]).unwrap()
    }

    #[test]
    fn chunk_sink_writes_batches_in_input_order() {
        let d = tempfile::tempdir().unwrap();
        let dest = ChunkDest::Files {
            dir: d.path().to_path_buf(),
            formats: vec![Format::Csv, Format::Parquet],
        };
        let mut sink = ChunkSink::new(&dest, vec![("t", frame(&[]))]).unwrap();
        // batches arrive out of order, one of them empty
        sink.put(2, vec![frame(&[5])]).unwrap();
        sink.put(0, vec![frame(&[1, 2])]).unwrap();
        sink.put(3, vec![frame(&[])]).unwrap();
        sink.put(1, vec![frame(&[3, 4])]).unwrap();
        let (frames, files) = sink.finish().unwrap();
        assert_eq!(frames[0].height(), 0, "streamed tables are not kept");
        assert_eq!(files.len(), 2);
        let csv = std::fs::read_to_string(d.path().join("t.csv")).unwrap();
        assert_eq!(csv, "n\n1\n2\n3\n4\n5\n");
        let f = std::fs::File::open(d.path().join("t.parquet")).unwrap();
        let pq = ParquetReader::new(f).finish().unwrap();
        assert_eq!(column_n(&pq), vec![1, 2, 3, 4, 5]);
        // only the two tables: no temporary files left behind
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 2);
    }

    #[test]
    fn chunk_sink_in_memory_and_dropped() {
        let mut sink = ChunkSink::new(&ChunkDest::Memory, vec![("t", frame(&[]))]).unwrap();
        sink.put(1, vec![frame(&[9])]).unwrap();
        sink.put(0, vec![frame(&[8])]).unwrap();
        let (frames, files) = sink.finish().unwrap();
        assert!(files.is_empty());
        assert_eq!(column_n(&frames[0]), vec![8, 9]);
        // a sink dropped before finishing (a failed run) removes its temporary files
        let d = tempfile::tempdir().unwrap();
        let dest = ChunkDest::Files {
            dir: d.path().to_path_buf(),
            formats: vec![Format::Csv],
        };
        let mut sink = ChunkSink::new(&dest, vec![("t", frame(&[]))]).unwrap();
        sink.put(0, vec![frame(&[1])]).unwrap();
        drop(sink);
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
    }
}
