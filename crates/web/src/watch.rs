//! One polling round over a list of feeds, with state that survives a restart.
//!
//! [`poll_once`] GETs each feed conditionally (the ETag / Last-Modified kept in [`WatchState`]),
//! parses it, and turns every item not seen before into an article: directly when the item
//! carries the whole text, otherwise by fetching the linked page and extracting it. Failures
//! become [`model::Problem`]s and the round goes on; an item whose page could not be fetched
//! for a passing reason (timeout, 5xx) stays unseen and is tried again next round.
//!
//! The caller owns the schedule and the pipeline: it calls `poll_once` in its loop, sends the
//! articles through dedup / stories / index, and persists the state (it serialises to JSON)
//! after each round. Politeness, timeouts and retries live in the [`Fetcher`].

use std::collections::{BTreeMap, HashSet};

use model::{Article, Problem};
use serde::{Deserialize, Serialize};

use crate::feed::{FeedItem, parse_feed};
use crate::fetch::{Conditional, Fetched, Fetcher};
use crate::{Error, html};

/// One line of a feeds file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSpec {
    pub url: String,
    /// Outlet name for every article of this feed; else taken from the pages or the domain.
    pub source: Option<String>,
}

/// Read a feeds file: one feed URL per line, optionally followed by an outlet name; blank
/// lines and `#` comments ignored.
pub fn parse_feeds_file(text: &str) -> Vec<FeedSpec> {
    text.lines()
        .map(|l| l.split_once('#').map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((url, src)) => FeedSpec {
                url: url.to_string(),
                source: Some(src.trim().to_string()),
            },
            None => FeedSpec {
                url: l.to_string(),
                source: None,
            },
        })
        .collect()
}

/// What the watcher remembers, per feed URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchState {
    pub feeds: BTreeMap<String, FeedState>,
}

/// What the watcher remembers about one feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds of the last poll that reached the server.
    pub last_poll: Option<i64>,
    /// Item ids already turned into articles (or given up on), oldest first, capped.
    pub seen: Vec<String>,
}

impl WatchState {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// Read state saved by [`WatchState::to_json`]; broken JSON is an error, not a silent reset.
    pub fn from_json(s: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(s)
    }
}

/// Settings for a polling round.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// Item ids kept per feed (a feed shows far fewer items than this at a time).
    pub max_seen: usize,
    /// Fetch and extract the linked page of summary-only items.
    pub fetch_pages: bool,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            max_seen: 5000,
            fetch_pages: true,
        }
    }
}

/// The outcome of one round.
#[derive(Debug, Default)]
pub struct Poll {
    /// New articles, oldest first within each feed.
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// Feeds that answered `304 Not Modified`.
    pub not_modified: usize,
}

/// Poll every feed once. `now` (unix seconds) is recorded as the poll time.
pub fn poll_once(
    feeds: &[FeedSpec],
    state: &mut WatchState,
    fetcher: &dyn Fetcher,
    cfg: &WatchConfig,
    now: i64,
) -> Poll {
    let mut poll = Poll::default();
    for spec in feeds {
        let fs = state.feeds.entry(spec.url.clone()).or_default();
        let cond = Conditional {
            etag: fs.etag.clone(),
            last_modified: fs.last_modified.clone(),
        };
        let resp = match fetcher.fetch(&spec.url, &cond) {
            Ok(Fetched::NotModified) => {
                fs.last_poll = Some(now);
                poll.not_modified += 1;
                continue;
            }
            Ok(Fetched::Fresh(r)) => r,
            Err(e) => {
                poll.problems.push(e.to_problem(&spec.url));
                continue;
            }
        };
        fs.last_poll = Some(now);
        let feed = match parse_feed(&resp.body, Some(&spec.url)) {
            Ok(f) => f,
            Err(e) => {
                poll.problems.push(e.to_problem(&spec.url));
                continue;
            }
        };
        // Validators are kept only once the body was usable, so a broken feed is fetched whole again.
        fs.etag = resp.etag;
        fs.last_modified = resp.last_modified;

        let mut seen: HashSet<String> = fs.seen.iter().cloned().collect();
        let mut new_ids = Vec::new();
        // Feeds list newest first: handle oldest first so articles arrive in time order.
        for item in feed.items.iter().rev() {
            if seen.contains(&item.id) {
                continue;
            }
            match item_article(item, spec, feed.language.as_deref(), fetcher, cfg) {
                Ok(a) => {
                    poll.articles.push(a);
                    new_ids.push(item.id.clone());
                }
                Err((e, where_)) => {
                    let permanent =
                        matches!(e, Error::NoContent | Error::TooLarge(_) | Error::BadUrl(_))
                            || matches!(e, Error::Status(s) if (400..500).contains(&s) && s != 429);
                    poll.problems.push(e.to_problem(&where_));
                    if permanent {
                        new_ids.push(item.id.clone());
                    }
                }
            }
            seen.insert(item.id.clone());
        }
        fs.seen.extend(new_ids);
        if fs.seen.len() > cfg.max_seen {
            let extra = fs.seen.len() - cfg.max_seen;
            fs.seen.drain(..extra);
        }
    }
    poll
}

fn item_article(
    item: &FeedItem,
    spec: &FeedSpec,
    feed_language: Option<&str>,
    fetcher: &dyn Fetcher,
    cfg: &WatchConfig,
) -> Result<Article, (Error, String)> {
    let link = item.link.as_deref();
    let fallback_source = || {
        spec.source
            .clone()
            .or_else(|| link.and_then(html::domain_of))
            .or_else(|| html::domain_of(&spec.url))
            .unwrap_or_else(|| "unknown".to_string())
    };
    let must_fetch = !item.has_full_text() && cfg.fetch_pages;
    let Some(link) = link.filter(|_| must_fetch) else {
        if item.best_text().trim().is_empty() {
            return Err((Error::NoContent, format!("{}#{}", spec.url, item.id)));
        }
        return Ok(item.to_article(&fallback_source(), feed_language));
    };
    let resp = match fetcher.fetch(link, &Conditional::default()) {
        Ok(Fetched::Fresh(r)) => r,
        Ok(Fetched::NotModified) => {
            return Err((
                Error::Http("unexpected 304 without validators".into()),
                link.to_string(),
            ));
        }
        Err(e) => return Err((e, link.to_string())),
    };
    let ex = html::extract(&resp.body, Some(link), resp.charset.as_deref())
        .map_err(|e| (e, link.to_string()))?;
    let mut a = ex.into_article(Some(crate::stable_id(link)));
    if let Some(s) = &spec.source {
        a.source = s.clone();
    }
    if a.title.is_empty() {
        a.title = clean::clean_title(&item.title);
    }
    if a.published.is_none() {
        a.published = item.published.clone();
    }
    Ok(a)
}
