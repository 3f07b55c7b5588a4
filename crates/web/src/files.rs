//! Dispatch by file type for `khabar ingest`: HTML pages, feeds and WARC archives on disk.
//!
//! [`kind_of`] names what a path holds from its extension; [`read_file`] turns one file into
//! articles and problems. Directories are the caller's business (walk them and call this per
//! file); JSONL stays in the `ingest` crate. URLs go through [`read_url`] with a [`Fetcher`].

use std::path::Path;

use model::{Article, Problem};

use crate::fetch::{Conditional, Fetched, Fetcher};
use crate::{Error, feed, html, warc};

/// What a source file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.html`, `.htm`, `.xhtml`
    Html,
    /// `.xml`, `.rss`, `.atom`
    Feed,
    /// `.warc`, `.warc.gz`
    Warc,
}

/// The kind of a path by its (lower-cased) extension; `None` for anything else.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        Some(Kind::Warc)
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        Some(Kind::Html)
    } else if name.ends_with(".xml") || name.ends_with(".rss") || name.ends_with(".atom") {
        Some(Kind::Feed)
    } else {
        None
    }
}

/// Everything read from one source.
#[derive(Debug, Default)]
pub struct Read {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// Read an HTML page or a feed file whole. WARC archives are streamed instead: use
/// [`warc::open`] and [`warc::WarcArticles`] so a large archive never sits in memory.
/// Summary-only feed items are fetched with `fetcher` when one is given, else kept as summaries.
pub fn read_file(path: &Path, kind: Kind, fetcher: Option<&dyn Fetcher>) -> Read {
    let name = path.display().to_string();
    let mut out = Read::default();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.problems.push(Error::Io(e).to_problem(&name));
            return out;
        }
    };
    match kind {
        Kind::Html => match html::extract(&bytes, None, None) {
            Ok(ex) => out
                .articles
                .push(ex.into_article(Some(crate::stable_id(&name)))),
            Err(e) => out.problems.push(e.to_problem(&name)),
        },
        Kind::Feed => read_feed_bytes(&bytes, None, &name, fetcher, &mut out),
        Kind::Warc => match warc::open(path, warc::WarcLimits::default()) {
            Ok(r) => {
                for item in warc::WarcArticles::new(r) {
                    match item {
                        Ok(a) => out.articles.push(a),
                        Err(p) => out.problems.push(p),
                    }
                }
            }
            Err(e) => out.problems.push(e.to_problem(&name)),
        },
    }
    out
}

/// Fetch a URL and read it as a feed (by content type or a leading `<rss` / `<feed`) or a page.
pub fn read_url(url: &str, fetcher: &dyn Fetcher) -> Read {
    let mut out = Read::default();
    let resp = match fetcher.fetch(url, &Conditional::default()) {
        Ok(Fetched::Fresh(r)) => r,
        Ok(Fetched::NotModified) => return out,
        Err(e) => {
            out.problems.push(e.to_problem(url));
            return out;
        }
    };
    let ct = resp.content_type.as_deref().unwrap_or("");
    let head = String::from_utf8_lossy(&resp.body[..resp.body.len().min(512)]).to_ascii_lowercase();
    let is_feed = ct.contains("rss")
        || ct.contains("atom")
        || ct.ends_with("/xml")
        || head.contains("<rss")
        || head.contains("<feed");
    if is_feed && !head.contains("<html") {
        read_feed_bytes(&resp.body, Some(url), url, Some(fetcher), &mut out);
    } else {
        match html::extract(&resp.body, Some(url), resp.charset.as_deref()) {
            Ok(ex) => out
                .articles
                .push(ex.into_article(Some(crate::stable_id(url)))),
            Err(e) => out.problems.push(e.to_problem(url)),
        }
    }
    out
}

fn read_feed_bytes(
    bytes: &[u8],
    url: Option<&str>,
    name: &str,
    fetcher: Option<&dyn Fetcher>,
    out: &mut Read,
) {
    let parsed = match feed::parse_feed(bytes, url) {
        Ok(f) => f,
        Err(e) => {
            out.problems.push(e.to_problem(name));
            return;
        }
    };
    for item in parsed.items.iter().rev() {
        let source = item
            .link
            .as_deref()
            .and_then(html::domain_of)
            .or_else(|| parsed.site_link.as_deref().and_then(html::domain_of))
            .unwrap_or_else(|| "unknown".to_string());
        if let (false, Some(link), Some(f)) = (item.has_full_text(), item.link.as_deref(), fetcher)
        {
            let r = read_url(link, f);
            for mut a in r.articles {
                if a.published.is_none() {
                    a.published = item.published.clone();
                }
                out.articles.push(a);
            }
            out.problems.extend(r.problems);
            continue;
        }
        if item.best_text().trim().is_empty() {
            out.problems
                .push(Error::NoContent.to_problem(&format!("{name}#{}", item.id)));
            continue;
        }
        out.articles
            .push(item.to_article(&source, parsed.language.as_deref()));
    }
}
