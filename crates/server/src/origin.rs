//! Cross-site write protection: a state-changing request (POST, PUT, PATCH, DELETE) sent by a
//! web page must come from the server's own origin (the scheme, host and port its `Host` header
//! names) or from an origin the operator allowed (`khabar serve --allow-origin`). Without this, a
//! page open in the user's browser could post to a token-less server on loopback: a form or a
//! `no-cors` fetch with `Content-Type: text/plain` needs no CORS preflight.
//!
//! The page's origin is its `Origin` header, else the origin of its `Referer`; a request with
//! neither (curl, scripts, the CLI) is not from a page and passes, unless the browser's
//! `Sec-Fetch-Site` says it is cross-site. `Origin: null` (sandboxed frames, local files) is
//! refused. On a server without a token, a page's write must also name a loopback host
//! (`localhost`, `127.0.0.1`, `[::1]`) or an allowed origin in `Host`, so a DNS-rebinding page
//! (`evil.example` resolving to 127.0.0.1, hence "same origin") cannot write either.
//!
//! Not done here: the token check and the JSON content-type check (415), which the write
//! handlers make (`api`); reads are not restricted.

use crate::{ApiError, AppState};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::sync::Arc;

/// A web origin: scheme, lower-case host (IPv6 in brackets) and port (the scheme's default when
/// not written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// `scheme://host[:port]`, with an optional path, query or fragment after it (a `Referer`).
    pub fn parse(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        Origin::from_authority(&scheme.to_ascii_lowercase(), &rest[..end])
    }

    /// The origin a plain-HTTP server has when reached under `host` (a `Host` header value).
    fn served_at(host: &str) -> Option<Origin> {
        Origin::from_authority("http", host.trim())
    }

    fn from_authority(scheme: &str, authority: &str) -> Option<Origin> {
        let valid_scheme = !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        if !valid_scheme || authority.is_empty() || authority.contains('@') {
            return None;
        }
        let (host, port) = split_port(authority)?;
        let port = match port {
            Some(p) => p,
            None => default_port(scheme)?,
        };
        let host = host.to_ascii_lowercase();
        let valid_host = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._[]:".contains(&b));
        valid_host.then(|| Origin {
            scheme: scheme.to_string(),
            host,
            port,
        })
    }

    /// Is the host a name of this machine's loopback interface?
    fn is_loopback(&self) -> bool {
        let bare = self.host.trim_start_matches('[').trim_end_matches(']');
        self.host == "localhost"
            || self.host.ends_with(".localhost")
            || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// `host[:port]` → (host, port); IPv6 hosts keep their brackets.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let colon = match authority.rfind(']') {
        Some(close) => authority[close..].find(':').map(|i| close + i),
        None => authority.rfind(':'),
    };
    match colon {
        Some(i) => Some((&authority[..i], Some(authority[i + 1..].parse().ok()?))),
        None => Some((authority, None)),
    }
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

/// Does this method change state?
fn is_write(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH, Method::DELETE].contains(method)
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).map(|v| v.to_str().unwrap_or("\u{FFFD}"))
}

/// Why a write with these headers is refused, or `None` when it may go on. `token_set`: the
/// server has a token (then a page's `Host` need not be loopback).
pub fn refusal(
    method: &Method,
    headers: &HeaderMap,
    allowed: &[Origin],
    token_set: bool,
) -> Option<String> {
    if !is_write(method) {
        return None;
    }
    let claimed = header_str(headers, header::ORIGIN)
        .map(|o| (o, "Origin"))
        .or_else(|| header_str(headers, header::REFERER).map(|r| (r, "Referer")));
    let Some((claimed, from)) = claimed else {
        return cross_site_fetch(headers);
    };
    let Some(page) = Origin::parse(claimed) else {
        return Some(format!(
            "write refused: the page's origin ({from}: {claimed:?}) is not a web origin this server accepts"
        ));
    };
    if allowed.contains(&page) {
        return None;
    }
    let own = header_str(headers, header::HOST).and_then(Origin::served_at);
    match own {
        Some(own) if own == page && (token_set || own.is_loopback()) => None,
        Some(own) if own == page => Some(format!(
            "write refused: this server has no token and was reached as {own}, not under a \
             loopback name; use http://127.0.0.1:{} or set KHABAR_TOKEN",
            own.port
        )),
        _ => Some(format!(
            "write refused: a page from {page} may not write to this server; start it with \
             --allow-origin {page} to allow that origin"
        )),
    }
}

/// A write without `Origin` or `Referer` that the browser still marks as cross-site.
fn cross_site_fetch(headers: &HeaderMap) -> Option<String> {
    match header_str(headers, header::HeaderName::from_static("sec-fetch-site")) {
        None | Some("same-origin" | "none") => None,
        Some(site) => Some(format!(
            "write refused: the browser marks this request as {site}"
        )),
    }
}

/// Middleware: answer 403 to a write from a page of another origin.
pub async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let token_set = state.token.is_some();
    match refusal(req.method(), req.headers(), &state.origins, token_set) {
        None => next.run(req).await,
        Some(why) => ApiError::new(StatusCode::FORBIDDEN, why).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(s: &str) -> Option<String> {
        Origin::parse(s).map(|o| o.to_string())
    }

    #[test]
    fn origins_parse_and_normalise() {
        let cases = [
            ("http://127.0.0.1:8080", Some("http://127.0.0.1:8080")),
            ("HTTP://LocalHost", Some("http://localhost:80")),
            ("https://news.example/", Some("https://news.example:443")),
            (
                "http://127.0.0.1:8080/#/story/3",
                Some("http://127.0.0.1:8080"),
            ),
            ("http://[::1]:8080/x?y", Some("http://[::1]:8080")),
            ("http://[::1]", Some("http://[::1]:80")),
            ("null", None),
            ("", None),
            ("http://", None),
            ("http://a:b", None),
            ("http://user@evil.example", None),
            ("file:///etc/passwd", None),
            ("chrome-extension://abc", None),
        ];
        for (input, want) in cases {
            assert_eq!(o(input).as_deref(), want, "{input:?}");
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn writes_from_other_pages_are_refused() {
        let allowed = vec![Origin::parse("https://desk.example").unwrap()];
        let host = ("host", "127.0.0.1:8080");
        // (method, headers, token set, refused?)
        type Case = (Method, Vec<(&'static str, &'static str)>, bool, bool);
        let cases: Vec<Case> = vec![
            (Method::POST, vec![host], false, false),
            (
                Method::POST,
                vec![host, ("origin", "http://127.0.0.1:8080")],
                false,
                false,
            ),
            (
                Method::POST,
                vec![host, ("origin", "http://evil.example")],
                false,
                true,
            ),
            (
                Method::POST,
                vec![host, ("origin", "http://127.0.0.1:9999")],
                false,
                true,
            ),
            (
                Method::POST,
                vec![host, ("origin", "https://127.0.0.1:8080")],
                false,
                true,
            ),
            (Method::POST, vec![host, ("origin", "null")], false, true),
            (
                Method::POST,
                vec![host, ("referer", "http://evil.example/a")],
                false,
                true,
            ),
            (
                Method::POST,
                vec![host, ("referer", "http://127.0.0.1:8080/#/")],
                false,
                false,
            ),
            (
                Method::POST,
                vec![host, ("origin", "https://desk.example")],
                false,
                false,
            ),
            (
                Method::DELETE,
                vec![host, ("origin", "http://evil.example")],
                false,
                true,
            ),
            (
                Method::PUT,
                vec![host, ("origin", "http://evil.example")],
                true,
                true,
            ),
            (
                Method::GET,
                vec![host, ("origin", "http://evil.example")],
                false,
                false,
            ),
            (
                Method::POST,
                vec![host, ("sec-fetch-site", "cross-site")],
                false,
                true,
            ),
            (
                Method::POST,
                vec![host, ("sec-fetch-site", "same-origin")],
                false,
                false,
            ),
            (
                Method::POST,
                vec![("origin", "http://127.0.0.1:8080")],
                false,
                true,
            ),
            // DNS rebinding: same origin, but not a loopback name, on a token-less server.
            (
                Method::POST,
                vec![
                    ("host", "evil.example:8080"),
                    ("origin", "http://evil.example:8080"),
                ],
                false,
                true,
            ),
            (
                Method::POST,
                vec![("host", "news.example"), ("origin", "http://news.example")],
                true,
                false,
            ),
            (
                Method::POST,
                vec![
                    ("host", "localhost:8080"),
                    ("origin", "http://localhost:8080"),
                ],
                false,
                false,
            ),
        ];
        for (method, pairs, token_set, refused) in cases {
            let why = refusal(&method, &headers(&pairs), &allowed, token_set);
            assert_eq!(why.is_some(), refused, "{method} {pairs:?}: {why:?}");
        }
    }
}
