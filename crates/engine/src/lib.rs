//! The pipeline over the embedded store, shared by the `khabar` CLI and the server.
//!
//! Answers "what happens to an article, in which order?": records read by `ingest` are stored in
//! batches; later stages (duplicates, stories, comparison) read from the store and write their
//! results back. Pure analysis lives in the layer-1 crates; this crate only sequences them and
//! moves data between them and the store. It prints nothing: callers get summaries and progress
//! callbacks.

pub mod cluster_run;
pub mod dedup_run;
pub mod ingest_run;
pub mod live;
pub mod search_run;
pub mod sources;
#[cfg(test)]
mod testdata;
pub mod watch_run;

pub use cluster_run::{ClusterSummary, StoryLine, cluster_store, correct, story_lines};
pub use dedup_run::{DedupSummary, dedup_store};
pub use ingest_run::{IngestSummary, ingest_pipelined, store_records};
pub use live::{Added, Live};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("dedup: {0}")]
    Dedup(dedup::Error),
    #[error("stories: {0}")]
    Story(story::Error),
    #[error("search index: {0}")]
    Search(search::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("watch state {path}: {source}")]
    WatchStateIo {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("watch state {path} is not valid (delete it to start over): {source}")]
    WatchStateJson {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;
