//! Story clustering: which articles report the same real-world news event or development.
//!
//! A *story* is one event with its coverage (the report, immediate reactions, follow-ups).
//! Articles that share only a topic, a country or an actor but report different events belong to
//! different stories. This crate answers "why did this article join that story?":
//!
//! * [`Clusterer`] assigns articles online, in publication order: each joins the best candidate
//!   story (found through an inverted index, never by scanning all stories) or opens a new one.
//!   The join decision is a small logistic model over a handful of signals ([`model`]) whose
//!   weights were fitted on labelled pairs, not one hand-set similarity threshold.
//! * [`batch`] re-clusters everything deterministically and then runs a repair pass that merges
//!   stories split too early.
//! * Every assignment carries an [`Assignment`] explanation; editor [`Correction`]s become
//!   must-link / cannot-link [`Constraints`] that later assignments respect.
//! * What readers see of a story's words (key terms, shared terms and names) is written as the
//!   articles write it, through [`forms`]: match keys and stems are never shown.
//! * [`eval`] scores a clustering against gold (BCubed and pairwise), [`baseline`] is the simple
//!   character n-gram method measured beside it, and [`train`] fits and cross-validates the model.
//!
//! Architecture invariant: pure. No IO, no clock, no randomness; the same input in the same order
//! gives the same stories. Persisting the state is the caller's job ([`Clusterer::to_bytes`]).

pub mod baseline;
mod cluster;
mod codec;
pub mod eval;
pub mod features;
pub mod forms;
pub mod hash;
pub mod model;
pub mod train;

pub use cluster::{
    Assignment, Clusterer, Constraints, Correction, StoryId, StoryView, Via, batch, batch_analyzed,
};
pub use model::{Model, Params};

use serde::{Deserialize, Serialize};

/// One article as story clustering sees it (the caller maps its own article type to this).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    pub id: String,
    /// Outlet name.
    pub source: String,
    /// Publication time, seconds since the Unix epoch.
    pub published: Option<i64>,
    pub title: String,
    pub text: String,
    /// Near-duplicate origin found by the dedup stage: this article must join its origin's story.
    pub dup_of: Option<String>,
}

/// What can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("article {0} is already clustered")]
    DuplicateArticle(String),
    #[error("unknown article {0}")]
    UnknownArticle(String),
    #[error("unknown story {0}")]
    UnknownStory(u64),
    #[error("split must name some but not all articles of story {0}")]
    BadSplit(u64),
    #[error("cannot decode clusterer state: {0}")]
    State(String),
    /// The state was built by another version of the text analysis (`text::ANALYSIS_VERSION`).
    #[error("state built with analysis version {found}, this build uses {current}")]
    StaleAnalysis { found: u32, current: u32 },
}
