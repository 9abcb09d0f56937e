//! Writing tables: CSV and Parquet, each written to a temporary file and renamed into place, so
//! an interrupted run never leaves a half-written table that looks complete.

use crate::dates::day_number;
use crate::error::{Error, Result};
use crate::files::{
    rename_into_place, temporary_created, temporary_done, tmp_path, write_atomic_with,
};
use polars::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output formats for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
}

/// Parses `csv`, `parquet` or `csv,parquet`.
pub fn parse_formats(s: &str) -> Result<Vec<Format>> {
    s.split(',').map(parse_format).collect()
}

/// Parses `csv` or `parquet` (any case).
fn parse_format(f: &str) -> Result<Format> {
    match f.trim().to_ascii_lowercase().as_str() {
        "csv" => Ok(Format::Csv),
        "parquet" => Ok(Format::Parquet),
        other => Err(Error::Usage(format!(
            "unknown format '{other}' (use csv, parquet or csv,parquet)"
        ))),
    }
}

/// Creates the output folder and checks that it can be written, before any work is done.
pub fn prepare_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let probe = dir.join(format!(".hedgerow-probe-{}", std::process::id()));
    std::fs::File::create(&probe)
        .and_then(|mut f| f.write_all(b"ok"))
        .map_err(|e| not_writable(dir, &e))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// The error of an output folder that cannot be written.
fn not_writable(dir: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::new(e.kind(), format!("output folder is not writable: {e}")),
    }
}

/// Writes one table in each format, streaming to disk; returns the files written.
pub fn write_table(
    dir: &Path,
    name: &str,
    df: &mut DataFrame,
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    formats
        .iter()
        .map(|f| write_format(dir, name, df, *f))
        .collect()
}

/// Writes one table in one format; returns the file written.
fn write_format(dir: &Path, name: &str, df: &DataFrame, format: Format) -> Result<PathBuf> {
    match format {
        Format::Csv => {
            let p = dir.join(format!("{name}.csv"));
            write_atomic_with(&p, |w| write_csv_slices(w, df).map_err(Error::polars(name)))?;
            Ok(p)
        }
        Format::Parquet => {
            let p = dir.join(format!("{name}.parquet"));
            write_parquet(name, df.clone(), &p)?;
            Ok(p)
        }
    }
}

/// Rows turned into CSV text at a time: the floats of one slice are formatted as text while
/// it is written, so a large table is never held twice.
const CSV_SLICE_ROWS: usize = 1 << 16;

/// Writes `df` as CSV a slice of rows at a time, its floats as [`floats_as_csv_text`] gives
/// them (the same bytes as one `CsvWriter::finish` with `float_precision(6)`).
fn write_csv_slices<W: Write>(w: W, df: &DataFrame) -> PolarsResult<()> {
    let mut writer = CsvWriter::new(w)
        .with_float_precision(Some(6))
        .batched(df.schema())?;
    let mut offset = 0;
    loop {
        write_csv_batch(&mut writer, &df.slice(offset as i64, CSV_SLICE_ROWS))?;
        offset += CSV_SLICE_ROWS;
        if offset >= df.height() {
            break;
        }
    }
    writer.finish()
}

/// Writes one batch of rows, its floats as [`floats_as_csv_text`] gives them.
pub(crate) fn write_csv_batch<W: Write>(
    writer: &mut polars::io::csv::write::BatchedWriter<W>,
    df: &DataFrame,
) -> PolarsResult<()> {
    let text = floats_as_csv_text(df)?;
    writer.write_batch(text.as_ref().unwrap_or(df))
}

/// Columns written to CSV at full precision, where six decimals would lose what they hold: a
/// p-value below 0.0000005 would read 0, and a user's own correction (FDR) needs it.
const FULL_PRECISION: &[&str] = &["p_value"];

/// A number as written at full precision: the shortest text that reads back as the same `f64`,
/// in scientific notation below 0.0001 (`3.2e-45`).
fn full_precision(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || v.abs() >= 1e-4 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// `df` with its float columns as the text CSV holds: [`FULL_PRECISION`] columns at full
/// precision, the others with six decimals ([`crate::io::fixed`], the bytes of polars'
/// `float_precision(6)`, made faster); `None` when it has no float column.
pub(crate) fn floats_as_csv_text(df: &DataFrame) -> PolarsResult<Option<DataFrame>> {
    let mut out: Option<DataFrame> = None;
    for c in df.columns() {
        if !matches!(c.dtype(), DataType::Float64) {
            continue;
        }
        let text = float_text(c)?;
        let target = out.get_or_insert_with(|| df.clone());
        target.with_column(text.into_column())?;
    }
    Ok(out)
}

/// A float column as the text CSV holds: full precision or six decimals.
fn float_text(c: &Column) -> PolarsResult<StringChunked> {
    let name = c.name().clone();
    if FULL_PRECISION.contains(&name.as_str()) {
        let t: StringChunked = c.f64()?.iter().map(|v| v.map(full_precision)).collect();
        Ok(t.with_name(name))
    } else {
        Ok(six_decimals(c.f64()?, name))
    }
}

/// A float column as text with six decimals (nulls stay null: an empty field).
fn six_decimals(values: &Float64Chunked, name: PlSmallStr) -> StringChunked {
    let mut builder = StringChunkedBuilder::new(name, values.len());
    let mut buf = String::with_capacity(32);
    for v in values.iter() {
        match v {
            Some(v) => {
                buf.clear();
                crate::io::fixed::push_fixed6(&mut buf, v);
                builder.append_value(&buf);
            }
            None => builder.append_null(),
        }
    }
    builder.finish()
}

/// Receives the chunks of a table, one by one.
pub type ChunkReceiver<'a> = dyn FnMut(DataFrame) -> Result<()> + 'a;

/// Writes a table given as a sequence of chunks, in each format, never holding it whole: CSV
/// streams chunk by chunk; Parquet is a dataset folder `NAME.parquet/` of one file per chunk
/// (`part-00000.parquet`, ...), which pyarrow, polars, Spark and R's arrow read as one table.
pub fn write_table_chunks(
    dir: &Path,
    name: &str,
    schema: &Schema,
    formats: &[Format],
    chunks: &mut dyn FnMut(&mut ChunkReceiver) -> Result<()>,
) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    // the dataset folder is built under a temporary name and renamed into place
    let mut dataset = match formats.contains(&Format::Parquet) {
        true => Some(Dataset::start(dir, name)?),
        false => None,
    };
    let mut write_part = |df: &DataFrame| match &mut dataset {
        Some(d) => d.write_part(df),
        None => Ok(()),
    };
    let res = if formats.contains(&Format::Csv) {
        let p = dir.join(format!("{name}.csv"));
        write_csv_chunks(&p, name, schema, chunks, &mut write_part).map(|_| out.push(p))
    } else {
        chunks(&mut |df: DataFrame| write_part(&df))
    };
    let Some(dataset) = dataset else {
        return res.map(|_| out);
    };
    let res = res
        .and_then(|_| dataset.finish(schema))
        .map(|p| out.push(p));
    dataset.clean();
    res.map(|_| out)
}

/// Streams a table's chunks to a CSV file at `path`, handing each to `also` after it.
fn write_csv_chunks(
    path: &Path,
    name: &str,
    schema: &Schema,
    chunks: &mut dyn FnMut(&mut ChunkReceiver) -> Result<()>,
    also: &mut dyn FnMut(&DataFrame) -> Result<()>,
) -> Result<()> {
    let pe = Error::polars(name);
    write_atomic_with(path, |w| {
        let mut writer = CsvWriter::new(w)
            .with_float_precision(Some(6))
            .batched(schema)
            .map_err(&pe)?;
        chunks(&mut |df: DataFrame| {
            write_csv_batch(&mut writer, &df).map_err(&pe)?;
            also(&df)
        })?;
        writer.finish().map_err(&pe)
    })
}

/// A Parquet dataset folder `NAME.parquet/` of one file per chunk, built under a temporary name.
struct Dataset<'a> {
    name: &'a str,
    /// The folder's place.
    dir: PathBuf,
    /// The temporary folder the parts are written to.
    tmp: PathBuf,
    /// Parts written.
    parts: usize,
}

impl<'a> Dataset<'a> {
    /// Starts the dataset of table `name` in `dir`, its temporary folder made empty.
    fn start(dir: &Path, name: &'a str) -> Result<Self> {
        let pq_dir = dir.join(format!("{name}.parquet"));
        let tmp = tmp_path(&pq_dir);
        temporary_created(&tmp);
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(Dataset {
            name,
            dir: pq_dir,
            tmp,
            parts: 0,
        })
    }

    /// Writes a chunk as the next part.
    fn write_part(&mut self, df: &DataFrame) -> Result<()> {
        let part = self.tmp.join(format!("part-{:05}.parquet", self.parts));
        write_parquet(self.name, df.clone(), &part)?;
        self.parts += 1;
        Ok(())
    }

    /// Renames the folder into place; returns its path.
    fn finish(&self, schema: &Schema) -> Result<PathBuf> {
        if self.parts == 0 {
            // an empty table is still a readable dataset
            let empty = DataFrame::empty_with_schema(schema);
            write_parquet(self.name, empty, &self.tmp.join("part-00000.parquet"))?;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        rename_into_place(&self.tmp, &self.dir).map_err(|e| Error::io(&self.dir, e))?;
        Ok(self.dir.clone())
    }

    /// Removes the temporary folder (gone already when renamed into place).
    fn clean(&self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
        temporary_done(&self.tmp);
    }
}

/// A table as other readers want it in Parquet: counts as Int64 (Spark reads UInt64 as a decimal,
/// R has no 64-bit unsigned integer), a `date` column as Date, empty strings as nulls.
fn for_parquet(df: DataFrame) -> PolarsResult<DataFrame> {
    let cols: Vec<Column> = df
        .columns()
        .iter()
        .map(parquet_column)
        .collect::<PolarsResult<_>>()?;
    DataFrame::new(df.height(), cols)
}

/// A column in the type Parquet readers want it (see [`for_parquet`]).
fn parquet_column(c: &Column) -> PolarsResult<Column> {
    Ok(match c.dtype() {
        DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Int32 => c.cast(&DataType::Int64)?,
        DataType::String if c.name().as_str() == "date" || c.name().ends_with("_date") => {
            date_column(c)?
        }
        DataType::String => {
            let v: StringChunked = c
                .str()?
                .iter()
                .map(|v| v.filter(|s| !s.is_empty()))
                .collect();
            v.with_name(c.name().clone()).into_column()
        }
        _ => c.clone(),
    })
}

/// A column of `YYYY-MM-DD` texts as Dates (a text not a date becomes null).
fn date_column(c: &Column) -> PolarsResult<Column> {
    let days: Int32Chunked = c
        .str()?
        .iter()
        .map(|v| v.and_then(|d| day_number(d).and_then(|n| i32::try_from(n).ok())))
        .collect();
    Ok(days
        .into_series()
        .cast(&DataType::Date)?
        .with_name(c.name().clone())
        .into())
}

/// Writes `df` as Parquet at `path` through a temporary file, with `for_parquet`'s types and
/// plain (large) UTF-8 strings: polars' lazy sink writes those, where its eager writer writes
/// `string_view`, which pyarrow's row filters and older readers refuse.
pub fn write_parquet(name: &str, df: DataFrame, path: &Path) -> Result<()> {
    let pe = Error::polars(name);
    let df = for_parquet(df).map_err(&pe)?;
    sink_parquet(df.lazy(), path).map_err(&pe)
}

/// Sinks a lazy frame to `path` as Parquet (default options: zstd, LargeUtf8 strings) through a
/// temporary file and a rename.
fn sink_parquet(lf: LazyFrame, path: &Path) -> PolarsResult<()> {
    let tmp = tmp_path(path);
    temporary_created(&tmp);
    let res = lf
        .sink(
            SinkDestination::File {
                target: SinkTarget::Path(PlRefPath::new(tmp.to_string_lossy().as_ref())),
            },
            FileWriteFormat::Parquet(std::sync::Arc::new(ParquetWriteOptions::default())),
            UnifiedSinkArgs::default(),
        )
        .and_then(|lf| lf.collect())
        .and_then(|_| rename_into_place(&tmp, path).map_err(PolarsError::from));
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    temporary_done(&tmp);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse() {
        assert_eq!(
            parse_formats("csv,parquet").unwrap(),
            vec![Format::Csv, Format::Parquet]
        );
        assert!(parse_formats("xlsx").is_err());
    }

    #[test]
    fn p_values_keep_their_precision() {
        assert_eq!(full_precision(0.05), "0.05");
        assert_eq!(full_precision(1.0), "1");
        assert_eq!(full_precision(3.2e-45), "3.2e-45");
        assert_eq!(full_precision(0.0), "0");
        let v = 1.234_567_890_123e-9;
        assert_eq!(full_precision(v).parse::<f64>().unwrap(), v);
        let df = df!("term" => ["a", "b"], "p_value" => [Some(1e-300), None]).unwrap();
        let exact = floats_as_csv_text(&df).unwrap().unwrap();
        let col = exact.column("p_value").unwrap();
        assert_eq!(col.str().unwrap().get(0), Some("1e-300"));
        assert_eq!(col.str().unwrap().get(1), None);
        let six = floats_as_csv_text(&df!("x" => [1.0]).unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(
            six.column("x").unwrap().str().unwrap().get(0),
            Some("1.000000")
        );
        assert!(floats_as_csv_text(&df!("n" => [1i64]).unwrap())
            .unwrap()
            .is_none());
    }

    /// The CSV as polars writes it with `float_precision(6)` in one piece.
    fn polars_csv(df: &mut DataFrame) -> Vec<u8> {
        let mut out = Vec::new();
        CsvWriter::new(&mut out)
            .with_float_precision(Some(6))
            .finish(df)
            .unwrap();
        out
    }

    #[test]
    fn sliced_csv_is_byte_for_byte_what_polars_writes() {
        let n = CSV_SLICE_ROWS * 2 + 17;
        let x: Vec<Option<f64>> = (0..n)
            .map(|i| (i % 7 != 3).then(|| (i as f64 * 0.37).sin() * 10f64.powi(i as i32 % 9 - 4)))
            .collect();
        let label: Vec<String> = (0..n).map(|i| format!("w{i}, \"q\"")).collect();
        let count: Vec<i64> = (0..n as i64).collect();
        let mut df = df!("label" => label, "x" => x, "n" => count).unwrap();
        let mut ours = Vec::new();
        write_csv_slices(&mut ours, &df).unwrap();
        assert_eq!(ours, polars_csv(&mut df));
        let mut empty = df.head(Some(0));
        let mut ours = Vec::new();
        write_csv_slices(&mut ours, &empty).unwrap();
        assert_eq!(ours, polars_csv(&mut empty));
    }
}
