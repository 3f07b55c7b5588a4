//! Real news sources for khabar: HTML article pages, RSS/Atom feeds and WARC archives.
//!
//! This crate sits at the IO edge (layer 2, beside `ingest`). It turns what users actually have,
//! news sites' pages and feeds and web archives, into [`model::Article`]s:
//!
//! - [`html`]: main-content extraction from one article page (charset detection including
//!   windows-1256, dom_smoothie plus Arabic-aware boilerplate removal, metadata from meta tags,
//!   JSON-LD, `<time>` and Arabic dates in the page);
//! - [`feed`]: RSS 2.0 / Atom parsing into items (feed-rs);
//! - [`fetch`]: a small blocking HTTP client with timeouts, capped bodies, retries with backoff,
//!   conditional GET and per-host politeness, behind the [`fetch::Fetcher`] trait;
//! - [`warc`]: a streaming WARC / WARC.gz reader that never holds more than one record;
//! - [`watch`]: one polling round over a list of feeds with resumable state.
//! - [`files`]: dispatch by file type for `khabar ingest`.
//!
//! It does not dedup, cluster, store or schedule: the caller runs the pipeline and owns the loop.
//! Every bad input (broken markup, wrong charset, broken XML, a cut WARC record, a server that
//! hangs or fails) becomes an [`Error`] or a [`model::Problem`]; nothing panics on input.

pub mod feed;
pub mod fetch;
pub mod files;
pub mod html;
pub mod warc;
pub mod watch;

pub use html::{Extracted, extract};

/// Everything that can go wrong reading a web source.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io error: {0}")]
    Io(#[from] std::io::Error),
    #[error("no article text found in the page")]
    NoContent,
    #[error("feed could not be parsed: {0}")]
    Feed(String),
    #[error("http status {0}")]
    Status(u16),
    #[error("request timed out: {0}")]
    Timeout(String),
    #[error("http request failed: {0}")]
    Http(String),
    #[error("body larger than the cap of {0} bytes")]
    TooLarge(u64),
    #[error("invalid url: {0}")]
    BadUrl(String),
    #[error("malformed warc record: {0}")]
    Warc(String),
}

impl Error {
    /// Short stable code for a [`model::Problem`].
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io(_) => "io_error",
            Error::NoContent => "no_content",
            Error::Feed(_) => "malformed_feed",
            Error::Status(_) => "http_status",
            Error::Timeout(_) => "timeout",
            Error::Http(_) => "http_error",
            Error::TooLarge(_) => "too_large",
            Error::BadUrl(_) => "bad_url",
            Error::Warc(_) => "malformed_warc",
        }
    }

    /// This error as a problem report for `record` (a path, `path:record N`, or a URL).
    pub fn to_problem(&self, record: &str) -> model::Problem {
        model::Problem {
            record: record.to_string(),
            code: self.code().to_string(),
            error: self.to_string(),
        }
    }
}

/// A stable article id derived from a URL (or any other stable key): 16 hex digits of xxh3.
pub fn stable_id(key: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}
