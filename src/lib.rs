//! hedgerow: corpus statistics and lexical analysis of news text, source against source: term
//! frequency and keyness, hedging, quotation, and the stories several outlets tell.
//!
//! # The pipeline
//!
//! One folder per stage, data flowing one way:
//!
//! 1. [`io::read`] walks folders and dumps into [`io::read::Document`]s (problems become rows of
//!    errors.csv, never aborts);
//! 2. [`text`] holds the pure functions of a text: tokens and terms, the hedge matcher, the
//!    quotation finder with cues and speakers, offsets and hashes;
//! 3. [`count`] counts each document once into per-worker accumulators ([`count::Acc`]), after a
//!    light first pass that finds each source's boilerplate lines ([`count::boilerplate`]);
//! 4. [`tables`] turns merged counts into polars tables, every rate derived from counts
//!    ([`stats`] gives the intervals);
//! 5. [`stories`] groups documents into stories and aligns the outlets that tell each one;
//! 6. [`report`] draws the charts and writes `index.html` and the side-by-side pages;
//! 7. [`pipeline`] runs the stages (worker threads, the second read of story documents) and
//!    [`io::write`] writes the tables into a folder that holds one run ([`io::output`]);
//!    [`commands`] are `kwic`, `batch` and `compare`; [`pipeline::shards`] cuts an analysis into
//!    parts (census, partial counts) and merges them into the outputs of one run.
//!
//! **Import rule**: `text` and `io` import only [`error`] and [`trace`]; `count` imports `text`
//! and `io::read`'s documents; `tables` imports `count`; `stories` imports `count`, `text` and
//! `stats` and reads no file (its documents are handed in); `report` imports what it shows;
//! only `pipeline` and `commands` tie stages together; no module imports the crate root.
//!
//! # Example
//!
//! ```
//! let opts = hedgerow::AnalyzeOptions {
//!     inputs: vec!["data/sample".into()],
//!     ..Default::default()
//! };
//! let analysis = hedgerow::analyze(&opts)?;
//! println!("{} documents, {} sources", analysis.n_docs(), analysis.tables.sources.height());
//! println!("{}", analysis.tables.sources);
//! # Ok::<(), hedgerow::Error>(())
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod commands;
pub mod count;
pub mod error;
pub mod io;
pub mod options;
pub mod pipeline;
pub mod report;
pub mod stats;
pub mod stories;
pub mod tables;
pub mod text;
pub mod trace;

pub use analysis::Analysis;
pub use error::{Error, Result};
pub use options::{default_out, load_lexicon, AnalyzeOptions};
pub use pipeline::{analyze, run};
