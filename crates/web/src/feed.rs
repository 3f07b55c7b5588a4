//! RSS 2.0 and Atom feeds (through feed-rs) as lists of items.
//!
//! [`parse_feed`] turns feed bytes into [`FeedItem`]s with a stable id (the `guid` / Atom `id`, or
//! feed-rs's deterministic hash of link and title), link, title, publication time and the item's
//! text. An item whose content is a whole article ([`FeedItem::has_full_text`]) becomes an
//! article directly ([`FeedItem::to_article`]); a summary-only item carries the link so the caller
//! (see [`crate::watch`]) fetches and extracts the page. This module does no IO.

use model::{Article, Published};

use crate::Error;

/// Fewer words than this in an item's content means it is a teaser, not the article.
pub const FULL_TEXT_MIN_WORDS: usize = 80;

/// A parsed feed.
#[derive(Debug, Clone)]
pub struct Feed {
    pub title: Option<String>,
    /// The site's home page as the feed states it.
    pub site_link: Option<String>,
    /// Feed language (`<language>` / `xml:lang`), primary subtag.
    pub language: Option<String>,
    pub items: Vec<FeedItem>,
}

/// One feed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Stable across polls: guid / Atom id, else a hash of link and title.
    pub id: String,
    pub link: Option<String>,
    pub title: String,
    pub published: Option<Published>,
    /// Plain text of `<description>` / `<summary>`.
    pub summary: Option<String>,
    /// Plain text of `<content:encoded>` / Atom `<content>`.
    pub content: Option<String>,
}

impl FeedItem {
    /// Does the item carry the whole article (content or summary long enough)?
    pub fn has_full_text(&self) -> bool {
        self.best_text().split_whitespace().count() >= FULL_TEXT_MIN_WORDS
    }

    /// The longer of content and summary.
    pub fn best_text(&self) -> &str {
        let c = self.content.as_deref().unwrap_or("");
        let s = self.summary.as_deref().unwrap_or("");
        if c.len() >= s.len() { c } else { s }
    }

    /// The item as an article, its text cleaned with [`clean::clean`]. `source` is the outlet name.
    pub fn to_article(&self, source: &str, language: Option<&str>) -> Article {
        let original = self.best_text().to_string();
        let cleaned = clean::clean(&original);
        let language = language.map(str::to_string).unwrap_or_else(|| {
            let ar = cleaned
                .text
                .chars()
                .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
                .count();
            if ar * 2 >= cleaned.text.chars().filter(|c| c.is_alphabetic()).count() && ar > 0 {
                "ar"
            } else {
                "und"
            }
            .to_string()
        });
        Article {
            id: crate::stable_id(self.link.as_deref().unwrap_or(&self.id)),
            source: source.to_string(),
            url: self.link.clone(),
            title: clean::clean_title(&self.title),
            published: self.published.clone(),
            language,
            text: cleaned.text,
            original,
            removed: cleaned.removed,
        }
    }
}

/// Parse RSS 2.0 / RSS 1.0 / Atom / JSON Feed bytes. `feed_url` resolves relative links.
pub fn parse_feed(bytes: &[u8], feed_url: Option<&str>) -> Result<Feed, Error> {
    let parser = feed_rs::parser::Builder::new().base_uri(feed_url).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| Error::Feed(e.to_string().to_lowercase()))?;
    let site_link = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let items = feed
        .entries
        .iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|l| !l.is_empty());
            let published = e.published.or(e.updated).map(|d| {
                let iso = d.to_rfc3339();
                Published {
                    raw: iso.clone(),
                    iso,
                    unix: d.timestamp(),
                }
            });
            let summary = e
                .summary
                .as_ref()
                .map(|t| fragment_text(&t.content))
                .filter(|s| !s.is_empty());
            let content = e
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .map(fragment_text)
                .filter(|s| !s.is_empty());
            FeedItem {
                id: e.id.clone(),
                link,
                title: e
                    .title
                    .as_ref()
                    .map(|t| fragment_text(&t.content))
                    .unwrap_or_default(),
                published,
                summary,
                content,
            }
        })
        .collect();
    Ok(Feed {
        title: feed.title.map(|t| t.content),
        site_link,
        language: feed
            .language
            .and_then(|l| l.split(['-', '_']).next().map(str::to_ascii_lowercase)),
        items,
    })
}

/// Text of an HTML fragment (or plain text): tags out, one paragraph per block, captions and
/// scripts dropped.
pub fn fragment_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.trim().to_string();
    }
    let doc = dom_query::Document::fragment(s);
    doc.select("script, style, figcaption, iframe").remove();
    let text = doc.root().formatted_text();
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}
