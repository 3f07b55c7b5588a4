//! Exact, near-duplicate and containment detection for Arabic news articles.
//!
//! Answers "why is this a copy?": which articles repeat another one verbatim (*exact*), which are
//! lightly edited copies (*near*), and which reproduce most of another article plus added
//! paragraphs (*containment*, a wire copy with a local lead), and groups them with an origin and
//! the news agency the text credits.
//!
//! How it works (see [`signature`] for the exact, versioned algorithm):
//! * every text becomes a [`Signature`]: an xxh3 hash of its index-normalised text for exact
//!   duplicates, a 128-value MinHash of its *content words* (match keys of `text::terms`,
//!   stop words out) whose Jaccard estimate decides near-duplicates, and a 64-value one-permutation
//!   MinHash of its word bigrams (all words, order kept) that estimates containment and checks
//!   that word order is shared;
//! * an LSH [`Index`] banded by [`Banding::choose`] finds candidate pairs (a pair at the threshold
//!   is found at least 95% of the time, and pairs down to the containment floor are found too);
//!   every candidate is then verified on its two signatures ([`classify`]);
//! * [`groups`] unions the pairs into groups with an origin (earliest published, ties by id).
//!
//! This crate does no IO, keeps no global state and uses no unseeded randomness: signatures are
//! stable across processes, machines and versions with the same [`ALGORITHM_VERSION`], so they can
//! be stored and compared later. Loading and storing articles, signatures and matches is the
//! caller's job (store, CLI).

mod agency;
mod batch;
mod classify;
mod group;
mod index;
mod signature;

pub use agency::agency;
pub use batch::{batch, batch_matches, batch_with_signatures, signatures};
pub use classify::classify;
pub use group::{Group, GroupDoc, Member, groups};
pub use index::{Banding, Index};
pub use signature::{ALGORITHM_VERSION, Signature, signature};

use serde::Serialize;

/// Errors of this crate.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    #[error("invalid config: {0}")]
    Config(String),
    #[error("signature bytes: {0}")]
    Bytes(String),
    #[error("signature made with another config (num_perm {0}, expected {1})")]
    Mismatch(usize, usize),
}

/// Parameters of duplicate detection. [`Config::default`] serves news.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// MinHash values over content words (the near-duplicate signature). Default 128.
    pub num_perm: usize,
    /// Jaccard similarity of content-word shingles at or above which two texts are near-duplicates.
    /// Default 0.8.
    pub threshold: f64,
    /// Words per near-duplicate shingle (1 = sets of content words). Default 1: word swaps and
    /// small deletions barely move it, while the bigram order check keeps shuffled texts apart.
    pub shingle: usize,
    /// One-permutation MinHash bins over word `containment_shingle`-grams. Default 64.
    pub containment_perm: usize,
    /// Words per containment shingle. Default 2.
    pub containment_shingle: usize,
    /// Share of the smaller text's shingles found in the larger one at or above which the pair is
    /// a containment. Default 0.8.
    pub containment: f64,
    /// A pair whose shingle counts differ by at least this factor and that meets `containment` is
    /// reported as containment even when its Jaccard reaches the threshold. Default 1.2.
    pub containment_ratio: f64,
    /// Minimum Jaccard of the word-bigram sketches for a near-duplicate (shared word order).
    /// Default 0.5.
    pub order: f64,
    /// Content-word Jaccard down to which LSH should still find candidates (containment
    /// candidates), found with probability >= 0.8. Default 0.5.
    pub floor: f64,
    /// Texts with fewer distinct content-word shingles (or bigrams) than this are never
    /// duplicates of anything. Default 8.
    pub min_features: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            num_perm: 128,
            threshold: 0.8,
            shingle: 1,
            containment_perm: 64,
            containment_shingle: 2,
            containment: 0.8,
            containment_ratio: 1.2,
            order: 0.5,
            floor: 0.5,
            min_features: 8,
        }
    }
}

impl Config {
    /// Check the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        let unit = |x: f64| x > 0.0 && x <= 1.0;
        if !(8..=1024).contains(&self.num_perm) {
            return Err(Error::Config(format!(
                "num_perm {} not in 8..=1024",
                self.num_perm
            )));
        }
        if !(8..=1024).contains(&self.containment_perm) {
            return Err(Error::Config(format!(
                "containment_perm {} not in 8..=1024",
                self.containment_perm
            )));
        }
        if !unit(self.threshold)
            || !unit(self.containment)
            || !unit(self.floor)
            || !(0.0..=1.0).contains(&self.order)
        {
            return Err(Error::Config(
                "threshold, containment, floor and order must be in (0, 1]".into(),
            ));
        }
        if self.floor > self.threshold {
            return Err(Error::Config("floor must not exceed threshold".into()));
        }
        if !(1..=8).contains(&self.shingle) || !(1..=8).contains(&self.containment_shingle) {
            return Err(Error::Config("shingle sizes must be in 1..=8".into()));
        }
        if self.containment_ratio < 1.0 || !self.containment_ratio.is_finite() {
            return Err(Error::Config("containment_ratio must be >= 1".into()));
        }
        Ok(())
    }
}

/// What kind of copy a pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Same text after index normalisation (whitespace collapsed).
    Exact,
    /// Content-word Jaccard at or above the threshold, word order shared.
    Near,
    /// Most of one text (`share`) reappears inside a longer one.
    Containment,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Exact => "exact",
            Kind::Near => "near",
            Kind::Containment => "containment",
        }
    }
}

/// One input document for batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: &'a str,
    /// Unix seconds; `None` sorts after every dated document when choosing an origin.
    pub published: Option<i64>,
    pub text: &'a str,
}

impl<'a> From<&'a model::Article> for Doc<'a> {
    /// The article's id, publication time and cleaned body (`text`; the title is left out:
    /// outlets retitle copies).
    fn from(a: &'a model::Article) -> Self {
        Doc {
            id: &a.id,
            published: a.published.as_ref().map(|p| p.unix),
            text: &a.text,
        }
    }
}

/// A verified duplicate pair.
///
/// For [`Kind::Containment`], `a` is the contained (shorter) text and `b` the one containing it;
/// otherwise `a` is the document being checked (batch: the one later in input order) and `b` the
/// earlier one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub a: String,
    pub b: String,
    pub kind: Kind,
    /// Estimated Jaccard similarity of the content words (1.0 for exact).
    pub similarity: f64,
    /// Estimated share of `a`'s word bigrams found in `b` (1.0 for exact).
    pub share: f64,
}

/// The verdict on one pair of signatures, before ids are attached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    pub kind: Kind,
    pub similarity: f64,
    /// Share of the contained text found in the other (for near/exact: of the shorter one).
    pub share: f64,
    /// True when the *first* signature passed to [`classify`] is the contained one.
    pub first_contained: bool,
}
