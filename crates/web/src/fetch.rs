//! A small blocking HTTP client for feeds and article pages.
//!
//! [`HttpFetcher`] (ureq, rustls) adds what polling news sites needs: a total timeout per
//! request, a cap on the body size, retries with exponential backoff on 5xx / 429 / timeouts /
//! connection errors, conditional GET (`If-None-Match`, `If-Modified-Since`, `304`), and a
//! minimum delay between two requests to the same host. Everything that fetches takes a
//! `&dyn` [`Fetcher`], so tests and callers can swap the network for something else.
//!
//! It does not cache bodies, obey robots.txt, run JavaScript or keep cookies.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Error;

/// Validators from an earlier response, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful (2xx) response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Media type without parameters, lower-cased (`text/html`).
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`.
    pub charset: Option<String>,
}

/// What a fetch gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// `200`-class: a body.
    Fresh(Response),
    /// `304 Not Modified`: the caller's copy is current.
    NotModified,
}

/// Anything that can GET a URL.
pub trait Fetcher {
    fn fetch(&self, url: &str, cond: &Conditional) -> Result<Fetched, Error>;
}

/// Settings for [`HttpFetcher`].
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Whole-request limit: connect, headers and body.
    pub timeout: Duration,
    /// Bodies larger than this are refused ([`Error::TooLarge`]).
    pub max_body: u64,
    /// Extra attempts after the first on 5xx, 429, timeouts and connection errors.
    pub retries: u32,
    /// First backoff delay; doubled after each failed attempt (capped at 30 s).
    pub backoff: Duration,
    /// Minimum time between the starts of two requests to the same host.
    pub politeness: Duration,
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(20),
            max_body: 8 * 1024 * 1024,
            retries: 2,
            backoff: Duration::from_millis(500),
            politeness: Duration::from_secs(1),
            user_agent: concat!(
                "khabar/",
                env!("CARGO_PKG_VERSION"),
                " (+news story engine)"
            )
            .to_string(),
        }
    }
}

/// The network [`Fetcher`].
pub struct HttpFetcher {
    agent: ureq::Agent,
    cfg: FetchConfig,
    last_request: Mutex<HashMap<String, Instant>>,
}

impl HttpFetcher {
    pub fn new(cfg: FetchConfig) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(cfg.timeout))
            .http_status_as_error(false)
            .user_agent(cfg.user_agent.as_str())
            .max_redirects(5)
            .build();
        HttpFetcher {
            agent: config.into(),
            cfg,
            last_request: Mutex::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    /// Sleep until this host may be asked again, then book the slot.
    fn wait_turn(&self, url: &str) {
        let host = host_key(url);
        let wait = {
            let Ok(mut map) = self.last_request.lock() else {
                return;
            };
            let now = Instant::now();
            let next = map
                .get(&host)
                .map(|t| *t + self.cfg.politeness)
                .filter(|t| *t > now);
            let start = next.unwrap_or(now);
            map.insert(host, start);
            start.saturating_duration_since(now)
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    fn attempt(&self, url: &str, cond: &Conditional) -> Result<Fetched, Attempt> {
        self.wait_turn(url);
        let mut req = self.agent.get(url);
        if let Some(e) = &cond.etag {
            req = req.header("If-None-Match", e.as_str());
        }
        if let Some(m) = &cond.last_modified {
            req = req.header("If-Modified-Since", m.as_str());
        }
        let mut resp = req.call().map_err(classify)?;
        let status = resp.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if status >= 500 || status == 429 {
            return Err(Attempt::Retry(Error::Status(status)));
        }
        if !(200..300).contains(&status) {
            return Err(Attempt::Fatal(Error::Status(status)));
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
        };
        let etag = header("etag");
        let last_modified = header("last-modified");
        let (content_type, charset) = header("content-type")
            .map(|ct| split_content_type(&ct))
            .unwrap_or_default();
        if let Some(len) = resp.body().content_length()
            && len > self.cfg.max_body
        {
            return Err(Attempt::Fatal(Error::TooLarge(self.cfg.max_body)));
        }
        let body = resp
            .body_mut()
            .with_config()
            .limit(self.cfg.max_body)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    Attempt::Fatal(Error::TooLarge(self.cfg.max_body))
                }
                other => classify(other),
            })?;
        Ok(Fetched::Fresh(Response {
            status,
            body,
            etag,
            last_modified,
            content_type,
            charset,
        }))
    }
}

impl Default for HttpFetcher {
    fn default() -> Self {
        HttpFetcher::new(FetchConfig::default())
    }
}

enum Attempt {
    Retry(Error),
    Fatal(Error),
}

fn classify(e: ureq::Error) -> Attempt {
    match e {
        ureq::Error::Timeout(t) => Attempt::Retry(Error::Timeout(t.to_string())),
        ureq::Error::Io(io) => Attempt::Retry(Error::Http(io.to_string().to_lowercase())),
        ureq::Error::ConnectionFailed => Attempt::Retry(Error::Http("connection failed".into())),
        ureq::Error::Protocol(p) => Attempt::Retry(Error::Http(p.to_string().to_lowercase())),
        ureq::Error::BadUri(u) => Attempt::Fatal(Error::BadUrl(u)),
        ureq::Error::HostNotFound => Attempt::Fatal(Error::Http("host not found".into())),
        ureq::Error::BodyExceedsLimit(n) => Attempt::Fatal(Error::TooLarge(n)),
        other => Attempt::Fatal(Error::Http(other.to_string().to_lowercase())),
    }
}

impl Fetcher for HttpFetcher {
    fn fetch(&self, url: &str, cond: &Conditional) -> Result<Fetched, Error> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::BadUrl(url.to_string()));
        }
        let mut delay = self.cfg.backoff;
        let mut attempt = 0;
        loop {
            match self.attempt(url, cond) {
                Ok(f) => return Ok(f),
                Err(Attempt::Fatal(e)) => return Err(e),
                Err(Attempt::Retry(e)) => {
                    if attempt >= self.cfg.retries {
                        return Err(e);
                    }
                    attempt += 1;
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_secs(30));
                }
            }
        }
    }
}

/// `scheme://host:port` of a URL: the politeness key.
fn host_key(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    format!("{scheme}://{}", host.to_ascii_lowercase())
}

/// `text/html; charset=windows-1256` → (`text/html`, `windows-1256`).
pub fn split_content_type(ct: &str) -> (Option<String>, Option<String>) {
    let mut parts = ct.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    (media, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parameters() {
        assert_eq!(
            split_content_type("text/html; charset=\"windows-1256\""),
            (Some("text/html".into()), Some("windows-1256".into()))
        );
        assert_eq!(
            split_content_type("application/rss+xml"),
            (Some("application/rss+xml".into()), None)
        );
        assert_eq!(
            host_key("https://WWW.Example.com:8080/a?b"),
            "https://www.example.com:8080"
        );
    }
}
