//! Error types of the library: each names the file (and line where known) and the problem.

use std::path::PathBuf;

/// Everything that can go wrong in the library; the binary maps these to exit statuses.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input path given on the command line does not exist.
    #[error("{path}: no such file or folder")]
    MissingInput {
        /// The path as given.
        path: PathBuf,
    },
    /// An I/O failure on a named file.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file could be read but its content is not what was expected.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The file involved.
        path: PathBuf,
        /// One-based line number, when known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// Options that do not fit together or are out of range.
    #[error("{0}")]
    Usage(String),
    /// A failure inside hedgerow (a worker thread or writer that stopped): a defect to report.
    #[error("internal error (please report): {0}")]
    Internal(String),
    /// `--strict` was given and an input was bad.
    #[error("stopped by --strict: {0}")]
    Strict(String),
    /// An error raised by polars while building or writing a table.
    #[error("table {table}: {source}")]
    Polars {
        /// The table being built.
        table: String,
        /// The underlying error.
        source: polars::prelude::PolarsError,
    },
    /// A chart could not be drawn.
    #[error("chart {chart}: {message}")]
    Plot {
        /// The chart file name.
        chart: String,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
    /// Maps a polars error to [`Error::Polars`] naming `table`: `.map_err(Error::polars("terms"))`.
    pub fn polars(table: &str) -> impl Fn(polars::prelude::PolarsError) -> Self + '_ {
        move |source| Error::Polars {
            table: table.to_string(),
            source,
        }
    }
    /// A parse error at a file and optional line.
    pub fn parse(path: impl Into<PathBuf>, line: Option<u64>, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

/// Result with the library's error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
