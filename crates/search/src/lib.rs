//! khabar's full-text search: a tantivy index of articles that speaks Arabic through the text core.
//!
//! Answers "which articles mention this, and where?". Words are indexed twice: by match key
//! (`khabar_exact`: normalised, clitics split, loanword skeletons so البنتاجون finds البنتاغون)
//! and by light stem (`khabar_stem`: محادثات finds المحادثات and محادثة). Queries go through the
//! same analysis ([`analyzer`]), titles weigh more than bodies ([`query`]), outlet, date and story
//! filters narrow results, and snippets highlight matches in the original spelling ([`snippet`]).
//!
//! Layer 2 (IO edge, beside the store). The index is a rebuildable cache of the store, never the
//! truth: commits are atomic, the index may lag the store after a crash, and the caller re-indexes
//! what [`SearchIndex::ids`] lacks (see [`index`]). Not done here: reading the store, clustering,
//! the command line or HTTP.

pub mod analyzer;
pub mod index;
pub mod query;
pub mod schema;
pub mod snippet;

pub use index::{Hit, Page, Query, SearchIndex, Sort};
pub use snippet::Highlighted;

use std::path::PathBuf;

/// Everything that can go wrong in the search crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("directory {0} is not empty and holds no khabar index")]
    NotAnIndex(PathBuf),
    #[error("index at {0} is open for writing in another process")]
    Locked(PathBuf),
    #[error("index at {path} cannot be used: {why}")]
    Unusable { path: PathBuf, why: String },
    #[error("index was opened read-only")]
    ReadOnly,
    #[error("index writer lock poisoned by a panic in another thread")]
    Poisoned,
}

pub type Result<T> = std::result::Result<T, Error>;
