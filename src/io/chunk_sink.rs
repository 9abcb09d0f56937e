//! The occurrence tables (hedges, quotes) written batch by batch while counting goes on, in input
//! order, so that they never pile up in memory.

use super::write::{write_parquet, Format};
use crate::error::{Error, Result};
use crate::files::{temporary_created, temporary_done, tmp_path};
use crate::frames::stack;
use polars::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

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

impl ChunkWriter {
    /// A batched writer of `format` writing to `w`.
    fn new(format: Format, w: SharedFile, schema: &Schema) -> PolarsResult<Self> {
        Ok(match format {
            Format::Csv => ChunkWriter::Csv(
                CsvWriter::new(w)
                    .with_float_precision(Some(6))
                    .batched(schema)?,
            ),
            Format::Parquet => {
                ChunkWriter::Parquet(Box::new(ParquetWriter::new(w).batched(schema)?))
            }
        })
    }
}

impl ChunkFile {
    /// The temporary file of table `name` in `format` in `dir`, with its batched writer.
    fn create(dir: &Path, name: &str, format: Format, schema: &Schema) -> Result<Self> {
        let ext = match format {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        };
        let path = dir.join(format!("{name}.{ext}"));
        let tmp = tmp_path(&path);
        temporary_created(&tmp);
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&path, e))?;
        let shared = SharedFile(std::sync::Arc::new(std::sync::Mutex::new(
            std::io::BufWriter::with_capacity(1 << 20, file),
        )));
        let writer =
            ChunkWriter::new(format, shared.clone(), schema).map_err(Error::polars(name))?;
        Ok(ChunkFile {
            tmp,
            path,
            file: shared,
            writer: Some(writer),
        })
    }

    /// Writes one batch of rows (nothing once the writer is finished).
    fn write_batch(&mut self, df: &DataFrame) -> PolarsResult<()> {
        match &mut self.writer {
            Some(ChunkWriter::Csv(w)) => super::write::write_csv_batch(w, df),
            Some(ChunkWriter::Parquet(w)) => w.write_batch(df),
            None => Ok(()),
        }
    }

    /// Finishes the writer, syncs the file and puts it in place; `false` when it was finished
    /// before.
    fn finish(&mut self, table: &str) -> Result<bool> {
        let pe = Error::polars(table);
        match self.writer.take() {
            Some(ChunkWriter::Csv(mut w)) => w.finish().map_err(&pe)?,
            Some(ChunkWriter::Parquet(w)) => {
                w.finish().map_err(&pe)?;
            }
            None => return Ok(false),
        }
        self.sync()?;
        self.put_in_place(table)?;
        Ok(true)
    }

    /// Flushes the buffered file and syncs it to disk.
    fn sync(&self) -> Result<()> {
        let io = |e| Error::io(&self.path, e);
        let mut file = self
            .file
            .0
            .lock()
            .map_err(|_| io(std::io::Error::other("poisoned")))?;
        file.flush().map_err(io)?;
        file.get_ref().sync_all().map_err(io)
    }

    /// Moves the temporary file to its path; a Parquet file is rewritten there.
    fn put_in_place(&self, table: &str) -> Result<()> {
        if self.path.extension().is_some_and(|e| e == "parquet") {
            // streamed as polars' batched writer writes it (string_view, unsigned
            // counts); rewritten in the types other readers take
            let res = std::fs::File::open(&self.tmp)
                .map_err(PolarsError::from)
                .and_then(|file| ParquetReader::new(file).finish())
                .map_err(Error::polars(table))
                .and_then(|df| write_parquet(table, df, &self.path));
            let _ = std::fs::remove_file(&self.tmp);
            temporary_done(&self.tmp);
            res
        } else {
            crate::files::rename_into_place(&self.tmp, &self.path)
                .map_err(|e| Error::io(&self.path, e))?;
            temporary_done(&self.tmp);
            Ok(())
        }
    }
}

/// Rows gathered before they are written: a Parquet row group of about this size.
const CHUNK_ROWS: usize = 1 << 16;

/// One document of a batch as the sink sees it: its input order, id, origin (`file:line` or a
/// path) and how many rows it has in each table, in the order the tables were named.
#[derive(Debug, Clone)]
pub struct BatchDoc {
    /// Input order.
    pub seq: u64,
    /// The document id as read.
    pub doc_id: String,
    /// Where it came from.
    pub origin: String,
    /// Its rows in each table.
    pub rows: Vec<usize>,
}

/// A document id given again: the later document is renamed `id@origin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// Input order of the renamed document.
    pub seq: u64,
    /// The id it had.
    pub old: String,
    /// The id it has now.
    pub new: String,
    /// Where it came from.
    pub origin: String,
}

/// What a finished sink hands back.
pub struct SinkOutput {
    /// Each table in memory, in the order they were named (empty when streamed to files).
    pub frames: Vec<DataFrame>,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// The documents renamed (their ids given earlier).
    pub renamed: Vec<Renamed>,
}

/// Takes `id` for a document from `origin` in input order: `None` when no earlier document has
/// it (it is now taken), else the new id it gets (`id@origin`, then `#2`, `#3`... if that is taken
/// too). One run and a merge of shards name documents alike through it.
pub fn unique_id(taken: &mut ahash::AHashSet<String>, id: &str, origin: &str) -> Option<String> {
    if taken.insert(id.to_string()) {
        return None;
    }
    let base = format!("{id}@{origin}");
    let mut new = base.clone();
    let mut k = 2;
    while !taken.insert(new.clone()) {
        new = format!("{base}#{k}");
        k += 1;
    }
    Some(new)
}

/// Receives the occurrence tables of each input batch, in any order, and writes them out in input
/// order: a batch is held back until every batch before it has arrived. Only the batches in
/// flight and one row group per table are in memory at any time. Since batches pass in input
/// order, the sink is also where a document id given twice is made unique (the first keeps it).
pub struct ChunkSink {
    tables: Vec<ChunkTable>,
    next: u64,
    waiting: std::collections::BTreeMap<u64, (Vec<DataFrame>, Vec<BatchDoc>)>,
    finished: bool,
    ids: ahash::AHashSet<String>,
    renamed: Vec<Renamed>,
}

impl ChunkSink {
    /// A sink for tables named `names`, whose (empty) frames give their schemas.
    pub fn new(dest: &ChunkDest, tables: Vec<(&str, DataFrame)>) -> Result<Self> {
        let tables = tables
            .into_iter()
            .map(|(name, empty)| ChunkTable::new(dest, name, &empty))
            .collect::<Result<_>>()?;
        Ok(Self {
            tables,
            next: 0,
            waiting: Default::default(),
            finished: false,
            ids: Default::default(),
            renamed: Vec::new(),
        })
    }

    /// Hands over batch number `batch` (numbered from 0 in input order, every batch exactly
    /// once): one frame per table, in the order the tables were named, and the batch's documents
    /// in input order (each frame has a `doc_id` column whose rows follow them).
    pub fn put(&mut self, batch: u64, frames: Vec<DataFrame>, docs: Vec<BatchDoc>) -> Result<()> {
        self.waiting.insert(batch, (frames, docs));
        while let Some((frames, docs)) = self.waiting.remove(&self.next) {
            self.next += 1;
            self.take_batch(frames, &docs)?;
            for t in self.tables.iter_mut() {
                if t.pending_rows >= CHUNK_ROWS {
                    t.flush()?;
                }
            }
        }
        Ok(())
    }

    /// Adds the frames of a batch, its ids made unique, to the rows waiting in each table.
    fn take_batch(&mut self, frames: Vec<DataFrame>, docs: &[BatchDoc]) -> Result<()> {
        let frames = self.unique_ids(frames, docs)?;
        for (t, df) in self.tables.iter_mut().zip(frames) {
            t.pending_rows += df.height();
            t.pending.push(df);
        }
        Ok(())
    }

    /// Gives every document of a batch an id no earlier document has (`id@origin`, then `#2`,
    /// `#3`... if that is taken too), rewriting the `doc_id` column of the frames where one changes.
    fn unique_ids(&mut self, frames: Vec<DataFrame>, docs: &[BatchDoc]) -> Result<Vec<DataFrame>> {
        let Some(ids) = self.batch_ids(docs) else {
            return Ok(frames);
        };
        frames
            .into_iter()
            .zip(&self.tables)
            .enumerate()
            .map(|(t, (df, table))| table.with_doc_ids(t, df, docs, &ids))
            .collect()
    }

    /// The ids of a batch's documents, each made unique (the renamed ones recorded); `None` when
    /// none changed.
    fn batch_ids(&mut self, docs: &[BatchDoc]) -> Option<Vec<String>> {
        let mut ids: Vec<&str> = Vec::with_capacity(docs.len());
        let first_new = self.renamed.len();
        for d in docs {
            let Some(new) = unique_id(&mut self.ids, &d.doc_id, &d.origin) else {
                ids.push(&d.doc_id);
                continue;
            };
            self.renamed.push(Renamed {
                seq: d.seq,
                old: d.doc_id.clone(),
                new,
                origin: d.origin.clone(),
            });
            ids.push("");
        }
        if self.renamed.len() == first_new {
            return None;
        }
        Some(with_new_ids(ids, &self.renamed[first_new..]))
    }

    /// Writes what is left and renames the files into place. Returns each table in memory
    /// (empty when streamed to files), the files written and the documents renamed.
    pub fn finish(mut self) -> Result<SinkOutput> {
        // batches that never arrived (a stopped run) leave a gap: write what follows it anyway
        let rest: Vec<_> = std::mem::take(&mut self.waiting).into_values().collect();
        for (frames, docs) in rest {
            self.take_batch(frames, &docs)?;
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
                if f.finish(&t.name)? {
                    paths.push(f.path.clone());
                }
            }
        }
        self.finished = true;
        Ok(SinkOutput {
            frames,
            written: paths,
            renamed: std::mem::take(&mut self.renamed),
        })
    }
}

/// The ids of a batch's documents: each one's own, or where `ids` holds "", the next of the new
/// ids of `news`.
fn with_new_ids(ids: Vec<&str>, news: &[Renamed]) -> Vec<String> {
    let mut news = news.iter();
    ids.into_iter()
        .map(|s| match s {
            "" => news.next().map(|r| r.new.clone()).unwrap_or_default(),
            s => s.to_string(),
        })
        .collect()
}

impl ChunkTable {
    /// A table named `name` with the schema of `empty`, streamed to a file in each format of a
    /// `Files` destination.
    fn new(dest: &ChunkDest, name: &str, empty: &DataFrame) -> Result<Self> {
        let schema = empty.schema().as_ref().clone();
        let files = match dest {
            ChunkDest::Files { dir, formats } => formats
                .iter()
                .map(|f| ChunkFile::create(dir, name, *f, &schema))
                .collect::<Result<_>>()?,
            ChunkDest::Memory => Vec::new(),
        };
        Ok(ChunkTable {
            name: name.to_string(),
            schema,
            pending: Vec::new(),
            pending_rows: 0,
            memory: Vec::new(),
            files,
        })
    }

    /// Frame number `t` of a batch, its `doc_id` column rewritten with `ids` (one per document).
    fn with_doc_ids(
        &self,
        t: usize,
        mut df: DataFrame,
        docs: &[BatchDoc],
        ids: &[String],
    ) -> Result<DataFrame> {
        let mut col: Vec<&str> = Vec::with_capacity(df.height());
        for (d, id) in docs.iter().zip(ids) {
            let n = d.rows.get(t).copied().unwrap_or(0);
            col.extend(std::iter::repeat_n(id.as_str(), n));
        }
        if col.len() != df.height() || df.column("doc_id").is_err() {
            return Err(Error::Internal(format!(
                "batch rows of table {} do not follow its documents",
                self.name
            )));
        }
        df.with_column(Column::new("doc_id".into(), col))
            .map_err(Error::polars(&self.name))?;
        Ok(df)
    }

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
        let pe = Error::polars(&self.name);
        for f in &mut self.files {
            f.write_batch(&df).map_err(&pe)?;
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
                    temporary_done(&f.tmp);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column_n(df: &DataFrame) -> Vec<u64> {
        // Parquet holds counts as Int64
        df.column("n")
            .unwrap()
            .cast(&DataType::UInt64)
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
        sink.put(2, vec![frame(&[5])], vec![]).unwrap();
        sink.put(0, vec![frame(&[1, 2])], vec![]).unwrap();
        sink.put(3, vec![frame(&[])], vec![]).unwrap();
        sink.put(1, vec![frame(&[3, 4])], vec![]).unwrap();
        let SinkOutput {
            frames,
            written: files,
            ..
        } = sink.finish().unwrap();
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
        sink.put(1, vec![frame(&[9])], vec![]).unwrap();
        sink.put(0, vec![frame(&[8])], vec![]).unwrap();
        let SinkOutput {
            frames,
            written: files,
            ..
        } = sink.finish().unwrap();
        assert!(files.is_empty());
        assert_eq!(column_n(&frames[0]), vec![8, 9]);
        // a sink dropped before finishing (a failed run) removes its temporary files
        let d = tempfile::tempdir().unwrap();
        let dest = ChunkDest::Files {
            dir: d.path().to_path_buf(),
            formats: vec![Format::Csv],
        };
        let mut sink = ChunkSink::new(&dest, vec![("t", frame(&[]))]).unwrap();
        sink.put(0, vec![frame(&[1])], vec![]).unwrap();
        drop(sink);
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
    }
}
