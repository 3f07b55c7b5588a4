//! Plain data types that every khabar layer shares.
//!
//! An [`Article`] is what ingest produces, what the store keeps and what dedup, story clustering and
//! comparison read. This crate holds data only: no parsing, no IO, no analysis. Anything that needs
//! to *compute* something about an article lives in the layer that owns that question.

use serde::{Deserialize, Serialize};

/// One news article as khabar keeps it.
///
/// Invariant: `text` is `original` with exactly the spans listed in `removed` taken out (and
/// control characters dropped); nothing of the story itself is ever removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The input record's own id (gold files refer to it), or a stable id derived from the input.
    pub id: String,
    /// Outlet name, e.g. `skynews`, `alarabia`.
    pub source: String,
    pub url: Option<String>,
    pub title: String,
    pub published: Option<Published>,
    /// ISO 639-1 code, `ar` for Arabic.
    pub language: String,
    /// Cleaned display text: boilerplate out, original spelling kept.
    pub text: String,
    /// The body exactly as read, before cleaning.
    pub original: String,
    /// What cleaning removed, and why.
    pub removed: Vec<Removal>,
}

/// A publication time: the string as found and its parsed form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The string exactly as it appeared in the input.
    pub raw: String,
    /// ISO 8601: with an offset when the input had one, else a civil date-time.
    pub iso: String,
    /// Seconds since the Unix epoch, taking UTC when the input had no offset. Used for ordering.
    pub unix: i64,
}

/// Why cleaning removed a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// "اقرأ أيضاً", "Read also", related-article teasers.
    ReadAlso,
    /// "تابعونا على", "follow us", social handles.
    FollowUs,
    /// Share bars: "شارك", "Facebook Twitter WhatsApp" rows.
    ShareBar,
    /// An image caption repeated on consecutive lines.
    RepeatedCaption,
    /// Bidi and zero-width control characters.
    ControlCharacters,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::ReadAlso => "read_also",
            RemovalReason::FollowUs => "follow_us",
            RemovalReason::ShareBar => "share_bar",
            RemovalReason::RepeatedCaption => "repeated_caption",
            RemovalReason::ControlCharacters => "control_characters",
        }
    }
}

/// One piece of text cleaning took out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub reason: RemovalReason,
    /// The removed text (for control characters: a description such as `3 × U+200F`).
    pub text: String,
    /// 1-based line number in the original body.
    pub line: usize,
}

/// A record that could not be read, reported and skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where: `path:line`, `path`, or `-:line` for stdin.
    pub record: String,
    /// Short stable code, e.g. `invalid_utf8`, `malformed_json`, `truncated_gzip`.
    pub code: String,
    /// Lower-case human message.
    pub error: String,
}
