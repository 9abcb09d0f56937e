//! Input and output: [`read`] turns folders and dumps into documents (and problem rows);
//! [`write`](mod@write) writes tables atomically; [`chunk_sink`] streams the occurrence tables while
//! counting. Nothing here knows what is counted.

pub mod chunk_sink;
pub mod fixed;
pub mod output;
pub mod read;
pub mod write;
