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
//! Settings are checked once: [`pipeline::Plan`] turns the [`AnalyzeOptions`] (the record of
//! what was asked) into the loaded lexicon, cues, normalizer, keyness reference and manifest the
//! stages take; no stage reads a configuration file.
//!
//! # Import rule
//!
//! Modules stand on floors. A module imports only from floors below its own, or from inside its
//! own unit (the module or folder named here, with everything below it); nothing imports the
//! crate root. So imports run one way and hold no circle. `tests/layers.rs` reads the floors
//! from the list below and fails on an import against them (`#[cfg(test)]` items aside):
//!
//! 1. `error`, `trace`, `stats`, `dates`, `io::fixed`: leaves, importing nothing of the crate
//! 2. `files` (atomic writes, temporary files), `frames` (stacking tables): leaves above the errors
//! 3. `text`, `io::output`
//! 4. `io::read`, `io::write`
//! 5. `count`, `io::chunk_sink`
//! 6. `tables`, `stories` (reads no file: its documents are handed in), `options`
//! 7. `analysis`
//! 8. `report`
//! 9. `pipeline`: the only module that ties the stages together
//! 10. `commands`
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
pub mod dates;
pub mod error;
pub mod files;
pub mod frames;
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
