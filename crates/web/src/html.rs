//! Main-content extraction from one news article page, tuned for Arabic right-to-left sites.
//!
//! [`extract`] decodes the bytes (BOM, HTTP charset, `<meta charset>` / http-equiv, then a
//! UTF-8 validity check with windows-1256 as the fallback for undeclared legacy pages), reads the
//! metadata (JSON-LD `NewsArticle`, Open Graph and `article:*` meta tags, `<time datetime>`,
//! dates written in the page, canonical link, site name, `<html lang>`), removes page furniture
//! before scoring (menus, share bars, related-article lists, "اقرأ أيضاً" / "ذات صلة" boxes,
//! captions, bylines and date lines, link lists), runs dom_smoothie on what is left, and finally
//! takes out repeated short lines (captions) and runs [`clean::clean`].
//!
//! It does not fetch anything, follow pagination, or keep images, tables as tables, or markup.
//! [`extract_bare`] runs dom_smoothie alone, for side-by-side measurement.

use std::sync::LazyLock;

use dom_query::{Document, Matcher, NodeRef};
use encoding_rs::Encoding;
use model::{Article, Published, Removal, RemovalReason};

use crate::Error;

/// A page whose text has fewer words than this holds no article (binary junk, an empty shell).
pub const MIN_WORDS: usize = 5;

/// One article as extracted from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub title: String,
    /// Cleaned body (paragraphs separated by blank lines).
    pub text: String,
    /// The body as extracted from the page, before line-level cleaning.
    pub original: String,
    /// What line-level cleaning took out of `original`.
    pub removed: Vec<Removal>,
    pub published: Option<Published>,
    /// Canonical URL when the page declares one, else the URL it was read from.
    pub url: Option<String>,
    /// Outlet: the site name the page declares, else its domain, else `unknown`.
    pub source: String,
    /// Host of the canonical URL without `www.`.
    pub domain: Option<String>,
    /// ISO 639-1 code; `ar` when the page says so or the text is mostly Arabic script.
    pub language: String,
    /// Name of the encoding the bytes were decoded with.
    pub charset: &'static str,
}

impl Extracted {
    /// Into a [`model::Article`]; without an `id`, one is derived from the URL (or the text).
    pub fn into_article(self, id: Option<String>) -> Article {
        let id = id.unwrap_or_else(|| match &self.url {
            Some(u) => crate::stable_id(u),
            None => crate::stable_id(&format!("{}\n{}", self.title, self.text)),
        });
        Article {
            id,
            source: self.source,
            url: self.url,
            title: self.title,
            published: self.published,
            language: self.language,
            text: self.text,
            original: self.original,
            removed: self.removed,
        }
    }
}

/// Extract the article in an HTML page.
///
/// `url` is where the page came from (used for the canonical URL, the domain and relative links);
/// `content_type_charset` is the `charset` parameter of the HTTP `Content-Type`, if any.
pub fn extract(
    bytes: &[u8],
    url: Option<&str>,
    content_type_charset: Option<&str>,
) -> Result<Extracted, Error> {
    let (html, encoding) = decode(bytes, content_type_charset);
    let doc = Document::from(html.as_str());
    let meta = read_metadata(&doc, url);
    preclean(&doc);
    let mut body = run_readability(doc, url);
    if word_count(&body) < 30 {
        let fallback = paragraphs_fallback(&html);
        if word_count(&fallback) > word_count(&body) {
            body = fallback;
        }
    }
    if body.trim().is_empty() {
        return Err(Error::NoContent);
    }
    let original = tidy_lines(&body);
    let (without_captions, mut removed) = drop_repeated_short_lines(&original);
    let cleaned = clean::clean(&without_captions);
    removed.extend(cleaned.removed);
    removed.sort_by_key(|r| r.line);
    if word_count(&cleaned.text) < MIN_WORDS {
        return Err(Error::NoContent);
    }
    // A declared language is trusted unless the text is plainly Arabic script (CMS defaults
    // leave lang="en" on Arabic sites).
    let detected = detect_language(&cleaned.text);
    let language = match meta.language.clone() {
        Some(l) if detected == "ar" && !ARABIC_SCRIPT_LANGUAGES.contains(&l.as_str()) => detected,
        Some(l) => l,
        None => detected,
    };
    let domain = meta.canonical.as_deref().or(url).and_then(domain_of);
    let source = meta
        .site_name
        .clone()
        .or_else(|| domain.clone())
        .unwrap_or_else(|| "unknown".to_string());
    let title = clean::clean_title(&strip_site_suffix(&meta.title, meta.site_name.as_deref()));
    Ok(Extracted {
        title,
        text: cleaned.text,
        original,
        removed,
        published: meta.published,
        url: meta.canonical.or_else(|| url.map(str::to_string)),
        source,
        domain,
        language,
        charset: encoding.name(),
    })
}

/// dom_smoothie alone with its default settings (formatted text): the baseline khabar improves on.
pub fn extract_bare(bytes: &[u8], url: Option<&str>) -> Option<String> {
    let (html, _) = decode(bytes, None);
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let url = url.filter(|u| is_absolute(u));
    let mut r = dom_smoothie::Readability::new(html.as_str(), url, Some(cfg)).ok()?;
    r.parse().ok().map(|a| a.text_content.to_string())
}

// ---------------------------------------------------------------------------------------------
// Charset

/// Decode page bytes: BOM, then the declared charset (HTTP header, then `<meta>`), checked
/// against the bytes: valid multi-byte UTF-8 wins over a legacy label, and undeclared or
/// mislabelled invalid UTF-8 is read as windows-1256 (the common legacy Arabic code page).
pub fn decode(bytes: &[u8], header_charset: Option<&str>) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return (enc.decode_without_bom_handling(rest).0.into_owned(), enc);
    }
    let declared = header_charset
        .and_then(|c| Encoding::for_label(c.trim().trim_matches(['"', '\'']).as_bytes()))
        .or_else(|| sniff_meta_charset(bytes));
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let enc = match declared {
        Some(enc)
            if enc == encoding_rs::UTF_8
                || enc == encoding_rs::UTF_16LE
                || enc == encoding_rs::UTF_16BE =>
        {
            if utf8 || !looks_legacy(bytes) {
                encoding_rs::UTF_8
            } else {
                encoding_rs::WINDOWS_1256
            }
        }
        Some(enc) => {
            if utf8 && !bytes.is_ascii() {
                encoding_rs::UTF_8
            } else {
                enc
            }
        }
        None if utf8 => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1256,
    };
    (enc.decode_without_bom_handling(bytes).0.into_owned(), enc)
}

/// Bytes that fail UTF-8 in more than a handful of places are a legacy single-byte page.
fn looks_legacy(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    lossy.chars().filter(|&c| c == '\u{FFFD}').take(4).count() >= 4
}

/// `charset` from `<meta charset=..>` or `<meta http-equiv content="..; charset=..">` in the
/// first 4 KiB.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest: &[u8] = {
                let skip = rest
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'=' | b'"' | b'\''))
                    .count();
                &rest[skip..]
            };
            let label: Vec<u8> = rest
                .iter()
                .copied()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .collect();
            if let Some(enc) = Encoding::for_label(&label) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// Metadata

#[derive(Debug, Default)]
struct Meta {
    title: String,
    published: Option<Published>,
    canonical: Option<String>,
    site_name: Option<String>,
    language: Option<String>,
}

/// Fields found in a JSON-LD article object.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// A constant CSS selector, compiled once.
fn matcher(css: &str) -> Matcher {
    Matcher::new(css).unwrap_or_else(|_| panic!("constant selector {css:?} must parse"))
}

static M_JSONLD: LazyLock<Matcher> =
    LazyLock::new(|| matcher("script[type=\"application/ld+json\"]"));
static M_META: LazyLock<Matcher> = LazyLock::new(|| matcher("meta"));
static M_TIME: LazyLock<Matcher> =
    LazyLock::new(|| matcher("[itemprop=datePublished], time[datetime], time[pubdate]"));
static M_H1: LazyLock<Matcher> = LazyLock::new(|| matcher("article h1, h1"));
static M_TITLE: LazyLock<Matcher> = LazyLock::new(|| matcher("title"));
static M_CANONICAL: LazyLock<Matcher> = LazyLock::new(|| matcher("link[rel=canonical]"));
static M_HTML: LazyLock<Matcher> = LazyLock::new(|| matcher("html"));
static M_LISTS: LazyLock<Matcher> = LazyLock::new(|| matcher("ul, ol"));
static M_P: LazyLock<Matcher> = LazyLock::new(|| matcher("p"));

fn read_metadata(doc: &Document, url: Option<&str>) -> Meta {
    let ld = doc
        .select_matcher(&M_JSONLD)
        .nodes()
        .iter()
        .find_map(|n| json_ld_article(&n.text()))
        .unwrap_or_default();

    let mut og_title = None;
    let mut site = None;
    let mut og_url = None;
    let mut locale = None;
    let mut meta_dates: Vec<(usize, String)> = Vec::new();
    for node in doc.select_matcher(&M_META).nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim().to_string();
        if content.is_empty() {
            continue;
        }
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"))
            .or_else(|| node.attr("http-equiv"))
            .map(|k| k.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match key.as_str() {
            "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(content),
            "og:site_name" | "application-name" if site.is_none() => site = Some(content),
            "og:url" if og_url.is_none() => og_url = Some(content),
            "og:locale" | "content-language" | "language" | "dc.language" if locale.is_none() => {
                locale = Some(content)
            }
            k => {
                if let Some(rank) = PUBLISHED_META_KEYS.iter().position(|p| *p == k) {
                    meta_dates.push((rank, content));
                }
            }
        }
    }
    meta_dates.sort_by_key(|(rank, _)| *rank);

    // Publication time: JSON-LD, meta tags, itemprop / <time datetime>, then dates in the page.
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(ld.published.clone());
    candidates.extend(meta_dates.into_iter().map(|(_, c)| c));
    for n in doc.select_matcher(&M_TIME).nodes() {
        if let Some(v) = n.attr("datetime").or_else(|| n.attr("content")) {
            candidates.push(v.trim().to_string());
        }
        candidates.push(n.text().trim().to_string());
    }
    let published = candidates
        .iter()
        .filter(|c| !c.is_empty())
        .find_map(|raw| parse_date(raw))
        .or_else(|| date_in_page(doc));

    let h1 = doc
        .select_matcher(&M_H1)
        .nodes()
        .first()
        .map(|n| collapse_ws(&n.text()));
    let title_tag = doc
        .select_matcher(&M_TITLE)
        .nodes()
        .first()
        .map(|n| collapse_ws(&n.text()));
    let site_name = site
        .or(ld.publisher)
        .map(|s| collapse_ws(&s))
        .filter(|s| !s.is_empty());
    let mut title = [ld.headline, og_title, h1.clone(), title_tag]
        .into_iter()
        .flatten()
        .map(|t| collapse_ws(&t))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    // "headline - Outlet" in og:title / <title> while the page's h1 is the bare headline.
    if let Some(h1) = h1.filter(|h| h.split_whitespace().count() >= 3)
        && title.len() > h1.len()
        && title.starts_with(h1.as_str())
    {
        title = h1;
    }

    let canonical_link = doc
        .select_matcher(&M_CANONICAL)
        .nodes()
        .first()
        .and_then(|n| n.attr("href"))
        .map(|h| h.trim().to_string());
    let canonical = [canonical_link, og_url, ld.url]
        .into_iter()
        .flatten()
        .filter(|u| !u.is_empty())
        .find_map(|u| absolutize(&u, url));

    let html_lang = doc
        .select_matcher(&M_HTML)
        .nodes()
        .first()
        .and_then(|n| n.attr("lang").or_else(|| n.attr("xml:lang")));
    let language = html_lang
        .map(|l| l.to_string())
        .or(locale)
        .or(ld.language)
        .and_then(|l| primary_language(&l));

    Meta {
        title,
        published,
        canonical,
        site_name,
        language,
    }
}

/// Meta tag names that carry a publication time, most trusted first.
const PUBLISHED_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
];

fn parse_date(raw: &str) -> Option<Published> {
    let raw = collapse_ws(raw);
    if raw.is_empty() || raw.len() > 120 {
        return None;
    }
    text::date::parse_datetime(&raw).map(|d| Published {
        raw: raw.clone(),
        iso: d.iso,
        unix: d.unix,
    })
}

/// A date written in the page: short elements whose class or id says date/time/publish.
fn date_in_page(doc: &Document) -> Option<Published> {
    for node in doc.root().descendants_it().filter(|n| n.is_element()) {
        let ident = ident_of(&node);
        if ident.is_empty()
            || !ident.iter().any(|t| {
                matches!(
                    t.as_str(),
                    "date"
                        | "time"
                        | "published"
                        | "publish"
                        | "timestamp"
                        | "datetime"
                        | "dateline"
                        | "pubdate"
                )
            })
        {
            continue;
        }
        let t = collapse_ws(&node.text());
        if t.is_empty() || t.chars().count() > 100 {
            continue;
        }
        if let Some(p) = parse_date(&t) {
            return Some(p);
        }
        // "نشر في: 12 مارس 2018 - آخر تحديث ..." — the first date written in the element.
        if let Some(m) = text::date::find_dates(&t).into_iter().next() {
            let raw = t.get(m.start..m.end).unwrap_or(&t).to_string();
            return Some(Published {
                raw,
                iso: m.iso,
                unix: m.unix,
            });
        }
    }
    // A short text that is nothing but a date ("الاثنين 12 مارس 2018 - 10:15 ص"), anywhere.
    for node in doc.root().descendants_it().filter(|n| n.is_text()) {
        let t = node.text();
        let t = t.trim();
        let n = t.chars().count();
        let has_digit = t
            .chars()
            .any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c));
        if (6..=60).contains(&n)
            && has_digit
            && let Some(p) = parse_date(t)
        {
            return Some(p);
        }
    }
    None
}

/// The first JSON-LD object of an article type, searched through arrays and `@graph`.
fn json_ld_article(src: &str) -> Option<JsonLd> {
    let s = src
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim()
        .trim_end_matches(';');
    let value: serde_json::Value = serde_json::from_str(s).ok()?;
    find_article(&value, 0)
}

fn find_article(v: &serde_json::Value, depth: usize) -> Option<JsonLd> {
    use serde_json::Value;
    if depth > 4 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if is_article {
                let s = |k: &str| {
                    map.get(k)
                        .and_then(Value::as_str)
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                };
                let publisher = match map.get("publisher") {
                    Some(Value::Object(p)) => {
                        p.get("name").and_then(Value::as_str).map(str::to_string)
                    }
                    Some(Value::Array(ps)) => ps
                        .iter()
                        .find_map(|p| p.get("name").and_then(Value::as_str))
                        .map(str::to_string),
                    Some(Value::String(p)) => Some(p.clone()),
                    _ => None,
                };
                let url = s("url").or_else(|| match map.get("mainEntityOfPage") {
                    Some(Value::String(u)) => Some(u.clone()),
                    Some(Value::Object(o)) => {
                        o.get("@id").and_then(Value::as_str).map(str::to_string)
                    }
                    _ => None,
                });
                return Some(JsonLd {
                    headline: s("headline").or_else(|| s("name")),
                    published: s("datePublished").or_else(|| s("dateCreated")),
                    publisher,
                    url,
                    language: s("inLanguage"),
                });
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
}

fn primary_language(tag: &str) -> Option<String> {
    let p = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (p.len() == 2 || p.len() == 3)
        .then_some(p)
        .filter(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Languages written in Arabic script: a declared one of these is kept as declared.
const ARABIC_SCRIPT_LANGUAGES: &[&str] = &[
    "ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug", "arz", "ary", "apc",
];

/// `ar` when Arabic letters outnumber Latin ones, else `und`.
fn detect_language(text: &str) -> String {
    let (mut ar, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic() {
            ar += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if ar > 0 && ar >= latin {
        "ar".to_string()
    } else {
        "und".to_string()
    }
}

fn is_absolute(u: &str) -> bool {
    u.starts_with("http://") || u.starts_with("https://")
}

/// Make `u` absolute against `base` (scheme-relative and root-relative forms only).
fn absolutize(u: &str, base: Option<&str>) -> Option<String> {
    if is_absolute(u) {
        return Some(u.to_string());
    }
    let base = base.filter(|b| is_absolute(b))?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(r) = u.strip_prefix("//") {
        return Some(format!("{scheme}://{r}"));
    }
    let host = rest.split(['/', '?', '#']).next()?;
    if u.starts_with('/') {
        return Some(format!("{scheme}://{host}{u}"));
    }
    None
}

/// Host of a URL, lower-cased, without `www.` and port.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// "عنوان الخبر - سكاي نيوز عربية" → "عنوان الخبر".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some(head) = title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
            return head.trim().to_string();
        }
        if let Some(tail) = title.strip_prefix(site).and_then(|h| h.strip_prefix(sep)) {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

// ---------------------------------------------------------------------------------------------
// Boilerplate removal before scoring

/// Elements that never hold article text, whatever their size.
const NEVER_CONTENT_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "button",
    "select",
    "svg",
    "figcaption",
];

/// Elements that are page furniture unless they wrap the article itself (ASP.NET sites put the
/// whole page in one `<form>`; some themes put it in a `<header>` or an `<aside>`).
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "form"];

/// Is this element, by its tag alone, never article text?
fn never_content(node: &NodeRef) -> bool {
    NEVER_CONTENT_TAGS.iter().any(|t| node.has_name(t))
}

/// Is this element furniture by its tag, role or hidden state?
fn furniture_by_markup(node: &NodeRef) -> bool {
    if FURNITURE_TAGS.iter().any(|t| node.has_name(t)) {
        return true;
    }
    if let Some(role) = node.attr("role")
        && matches!(
            role.as_ref(),
            "navigation" | "complementary" | "banner" | "contentinfo"
        )
    {
        return true;
    }
    node.attr("aria-hidden")
        .is_some_and(|v| v.as_ref() == "true")
        || node.has_attr("hidden")
}

/// class / id words that mark page furniture.
const FURNITURE: &[&str] = &[
    "related",
    "relatedposts",
    "relatednews",
    "share",
    "sharing",
    "shares",
    "sharebar",
    "social",
    "socials",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "keywords",
    "comments",
    "comment",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "adv",
    "banner",
    "sidebar",
    "widget",
    "widgets",
    "mostread",
    "most",
    "popular",
    "trending",
    "readmore",
    "more",
    "also",
    "caption",
    "credit",
    "credits",
    "copyright",
    "footer",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "masthead",
    "topbar",
    "toolbar",
    "cookie",
    "cookies",
    "modal",
    "popup",
    "print",
    "author",
    "byline",
    "date",
    "time",
    "timestamp",
    "dateline",
    "published",
    "pubdate",
    "follow",
    "sponsor",
    "sponsored",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "newsticker",
    "ticker",
    "breaking",
    "whatsapp",
    "telegram",
    "facebook",
    "twitter",
];

static FURNITURE_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| FURNITURE.iter().copied().collect());

/// How sure a leading formula is: strong formulas ("اقرأ أيضاً") mark a box even when it is a
/// few lines long; weak ones ("شارك") only a short or link-heavy one, since story sentences can
/// start with the same verb.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

static FORMULAS: LazyLock<Vec<(String, Strength)>> = LazyLock::new(|| {
    let strong = [
        "اقرأ أيضا",
        "إقرأ أيضا",
        "اقرأ ايضا",
        "اقرأ كذلك",
        "اقرأ المزيد",
        "اقرأ أيضاً",
        "إقرأ أيضاً",
        "اقرأ المزيد",
        "ذات صلة",
        "مواضيع ذات صلة",
        "أخبار ذات صلة",
        "مقالات ذات صلة",
        "مواضيع متعلقة",
        "أخبار متعلقة",
        "موضوعات متعلقة",
        "موضوعات ذات صلة",
        "قد يهمك",
        "قد يعجبك",
        "الأكثر قراءة",
        "الأكثر مشاهدة",
        "الأكثر تداولا",
        "اخترنا لك",
        "المزيد من الأخبار",
        "روابط ذات صلة",
        "شاهد أيضا",
        "شاهد ايضا",
        "read also",
        "read more",
        "related",
        "see also",
        "more on this",
        "most read",
    ];
    let weak = [
        "شارك",
        "شاركوا",
        "شارك الخبر",
        "شارك المقال",
        "تابعونا",
        "تابعنا",
        "تابعوا",
        "للمزيد",
        "المصدر",
        "الكلمات المفتاحية",
        "كلمات مفتاحية",
        "وسوم",
        "الوسوم",
        "share",
        "follow us",
        "advertisement",
        "إعلان",
        "اشترك",
        "حمل تطبيق",
        "حمّل تطبيق",
    ];
    let mut v: Vec<(String, Strength)> = strong
        .iter()
        .map(|s| (text::normalize::index(s), Strength::Strong))
        .chain(
            weak.iter()
                .map(|s| (text::normalize::index(s), Strength::Weak)),
        )
        .collect();
    // Longest first so "شارك الخبر" is preferred over "شارك".
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v
});

/// First letters (index level) of every formula: a cheap test before the full match.
static FORMULA_INITIALS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = FORMULAS
        .iter()
        .filter_map(|(f, _)| f.chars().next())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// The formula a text starts with, if any (after bullets and punctuation).
fn leading_formula(s: &str) -> Option<Strength> {
    let t = s.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '»' | '«'
                    | '-'
                    | '–'
                    | '—'
                    | '•'
                    | '▪'
                    | '■'
                    | '◄'
                    | '►'
                    | '|'
                    | '*'
                    | '>'
                    | '<'
                    | ':'
            )
    });
    let first = text::normalize::index_char(t.chars().next()?)?;
    if FORMULA_INITIALS.binary_search(&first).is_err() {
        return None;
    }
    let head: String = t.chars().take(40).collect();
    let key = text::normalize::index(&head);
    FORMULAS.iter().find_map(|(f, strength)| {
        let rest = key.strip_prefix(f.as_str())?;
        // Whole-word match: the formula must end at a word boundary.
        match rest.chars().next() {
            None => Some(*strength),
            Some(c) if !c.is_alphanumeric() => Some(*strength),
            _ => None,
        }
    })
}

fn ident_of(node: &NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    ident_into(node, &mut out);
    out
}

fn ident_into(node: &NodeRef, out: &mut Vec<String>) {
    for v in [node.attr("class"), node.attr("id")].into_iter().flatten() {
        split_ident(&v, out);
    }
}

/// `"article-share shareBar"` → `article`, `share`, `share`, `bar`, `sharebar`.
fn split_ident(v: &str, out: &mut Vec<String>) {
    for word in v
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in word.chars() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase();
            cur.push(c.to_ascii_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        let whole = word.to_ascii_lowercase();
        if out.last() != Some(&whole) {
            out.push(whole);
        }
    }
}

fn char_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Share of an element's text that sits inside links.
fn link_density(node: &NodeRef, total: usize) -> f32 {
    if total == 0 {
        return 0.0;
    }
    let linked: usize = node
        .descendants_it()
        .filter(|n| n.has_name("a"))
        .map(|a| char_len(&a.text()))
        .sum();
    linked as f32 / total as f32
}

/// Remove page furniture from the document before dom_smoothie scores it.
fn preclean(doc: &Document) {
    let body_len = doc.body().map_or(0, |b| char_len(&b.text()));

    // 1. Elements whose class or id names furniture, unless they hold most of the page's text.
    // Depth-first, not descending into what is already doomed, so the cost stays linear.
    let mut doomed: Vec<NodeRef> = Vec::new();
    let mut stack: Vec<NodeRef> = doc.root().children_it(true).collect();
    let mut ident = Vec::new();
    while let Some(node) = stack.pop() {
        if !node.is_element() {
            continue;
        }
        if never_content(&node) {
            doomed.push(node);
            continue;
        }
        let structural = node.has_name("html")
            || node.has_name("body")
            || node.has_name("article")
            || node.has_name("main");
        if !structural {
            ident.clear();
            ident_into(&node, &mut ident);
            if furniture_by_markup(&node)
                || ident.iter().any(|t| FURNITURE_SET.contains(t.as_str()))
            {
                let len = char_len(&node.text());
                let holds_article = (len * 2 > body_len && len > 200)
                    || node
                        .descendants_it()
                        .any(|d| d.has_name("article") || d.has_name("main"));
                if !holds_article {
                    doomed.push(node);
                    continue;
                }
            }
        }
        stack.extend(node.children_it(true));
    }
    for n in &doomed {
        n.remove_from_parent();
    }

    // 2. Boxes that open with a formula: "اقرأ أيضاً", "ذات صلة", "شارك", "تابعونا" ...
    let starts: Vec<(NodeRef, Strength)> = doc
        .root()
        .descendants_it()
        .filter(|n| n.is_text())
        .filter_map(|n| {
            let t = n.text();
            leading_formula(&t).map(|s| (n, s))
        })
        .collect();
    for (text_node, strength) in starts {
        let mut best: Option<NodeRef> = None;
        let mut cur = text_node.parent();
        while let Some(el) = cur {
            if el.has_name("body")
                || el.has_name("html")
                || el.has_name("article")
                || el.has_name("main")
            {
                break;
            }
            let t = el.text();
            if leading_formula(&t) != Some(strength) {
                break;
            }
            let len = char_len(&t);
            let ld = link_density(&el, len);
            let is_box = match strength {
                Strength::Strong => len < 300 || ld > 0.4,
                Strength::Weak => word_count(&t) <= 8 || ld > 0.5,
            };
            if !is_box {
                break;
            }
            best = Some(el);
            cur = el.parent();
        }
        if let Some(el) = best {
            // A heading alone ("<h3>اقرأ أيضاً</h3>"): its list of links follows as a sibling.
            if word_count(&el.text()) <= 4
                && let Some(next) = el.next_element_sibling()
            {
                let len = char_len(&next.text());
                if len > 0 && link_density(&next, len) > 0.5 {
                    next.remove_from_parent();
                }
            }
            el.remove_from_parent();
        }
    }

    // 3. Lists that are mostly links: menus, related lists, tag clouds.
    for list in doc.select_matcher(&M_LISTS).nodes() {
        let len = char_len(&list.text());
        if len == 0 || link_density(list, len) > 0.6 {
            list.remove_from_parent();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Extraction and line tidy-up

fn run_readability(doc: Document, url: Option<&str>) -> String {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        char_threshold: 250,
        ..Default::default()
    };
    let url = url.filter(|u| is_absolute(u));
    let Ok(mut r) = dom_smoothie::Readability::with_document(doc, url, Some(cfg)) else {
        return String::new();
    };
    match r.parse() {
        Ok(a) => a.text_content.to_string(),
        Err(_) => String::new(),
    }
}

/// When scoring finds nothing: every paragraph of at least five words, furniture removed.
fn paragraphs_fallback(html: &str) -> String {
    let doc = Document::from(html);
    preclean(&doc);
    let mut out = String::new();
    for p in doc.select_matcher(&M_P).nodes() {
        let t = collapse_ws(&p.text());
        if word_count(&t) >= 5 {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&t);
        }
    }
    out
}

/// Whitespace inside lines collapsed, blank runs to one blank line, trimmed.
fn tidy_lines(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank = false;
    for line in body.lines() {
        let line = collapse_ws(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// Short lines (4 to 20 words) that occur more than once anywhere in the body are captions
/// repeated under photos and in galleries: every copy goes. Removed lines become blank so line
/// numbers still point into the original.
fn drop_repeated_short_lines(body: &str) -> (String, Vec<Removal>) {
    use std::collections::HashMap;
    let lines: Vec<&str> = body.split('\n').collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in &lines {
        let n = word_count(l);
        if (4..=20).contains(&n) {
            *counts.entry(text::normalize::index(l)).or_default() += 1;
        }
    }
    let mut removed = Vec::new();
    let mut out = String::with_capacity(body.len());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let n = word_count(l);
        if (4..=20).contains(&n) && counts.get(&text::normalize::index(l)).copied().unwrap_or(0) > 1
        {
            removed.push(Removal {
                reason: RemovalReason::RepeatedCaption,
                text: l.to_string(),
                line: i + 1,
            });
            continue;
        }
        out.push_str(l);
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_match_whole_words_only() {
        assert!(leading_formula("اقرأ أيضاً: عودة الهدوء").is_some());
        assert!(leading_formula("» إقرأ ايضا") == Some(Strength::Strong));
        assert!(leading_formula("شارك") == Some(Strength::Weak));
        // "شاركت" is a different word: a story sentence.
        assert!(leading_formula("شاركت الوزيرة في الاجتماع").is_none());
        assert!(leading_formula("قال المتحدث").is_none());
    }

    #[test]
    fn ident_splits_camel_case_and_dashes() {
        let mut v = Vec::new();
        split_ident("article-body shareBar", &mut v);
        assert!(v.contains(&"share".to_string()));
        assert!(v.contains(&"article".to_string()));
        assert!(!v.contains(&"related".to_string()));
    }

    #[test]
    fn domain_and_suffix() {
        assert_eq!(
            domain_of("https://www.skynewsarabia.com/world/1-x?a=b").as_deref(),
            Some("skynewsarabia.com")
        );
        assert_eq!(domain_of("not a url"), None);
        assert_eq!(
            strip_site_suffix("ترامب يلتقي كيم - سكاي نيوز عربية", Some("سكاي نيوز عربية")),
            "ترامب يلتقي كيم"
        );
        assert_eq!(
            absolutize("/a/b", Some("https://x.com/c")).as_deref(),
            Some("https://x.com/a/b")
        );
    }

    #[test]
    fn charset_sniffing() {
        assert_eq!(
            sniff_meta_charset(b"<html><head><meta charset=\"windows-1256\">"),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(
            sniff_meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
            ),
            Some(encoding_rs::UTF_8)
        );
        // Declared latin-1 but the bytes are valid UTF-8 Arabic: the bytes win.
        let page = "<meta charset=\"iso-8859-1\"><p>وزارة الخارجية</p>";
        let (s, enc) = decode(page.as_bytes(), None);
        assert_eq!(enc, encoding_rs::UTF_8);
        assert!(s.contains("وزارة الخارجية"));
    }
}
