//! Which JSON field holds which article field: detection by common names, `--map` overrides.

use crate::Error;
use model::Published;
use serde_json::{Map, Value};

/// An article field a JSON field can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Id,
    Source,
    Url,
    Title,
    Text,
    Published,
    Language,
}

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        Some(match s {
            "id" => Target::Id,
            "source" => Target::Source,
            "url" => Target::Url,
            "title" => Target::Title,
            "text" => Target::Text,
            "published" | "date" | "time" => Target::Published,
            "language" | "lang" => Target::Language,
            _ => return None,
        })
    }

    /// Field names tried in order when no mapping is given. For dates the more precise field
    /// comes first (`time_iso` before `time`).
    fn defaults(self) -> &'static [&'static str] {
        match self {
            Target::Id => &["id", "docno", "doc_id", "article_id", "_id"],
            Target::Source => &["source", "src", "outlet", "site", "publisher"],
            Target::Url => &["url", "link", "href"],
            Target::Title => &["title", "headline"],
            Target::Text => &["text", "content", "body", "article", "maintext"],
            Target::Published => &[
                "published",
                "time_iso",
                "pubDate",
                "pubdate",
                "date_publish",
                "published_at",
                "datetime",
                "time",
                "date",
                "date_extracted",
            ],
            Target::Language => &["language", "lang"],
        }
    }
}

/// Field names per target: the mapped field first, then the defaults.
pub struct FieldMap {
    names: Vec<(Target, Vec<String>)>,
}

/// The values found in one record.
#[derive(Debug, Default)]
pub struct Record {
    pub id: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub published: Option<Published>,
    pub language: Option<String>,
}

impl FieldMap {
    pub fn new(map: &[(String, String)]) -> Result<FieldMap, Error> {
        let all = [
            Target::Id,
            Target::Source,
            Target::Url,
            Target::Title,
            Target::Text,
            Target::Published,
            Target::Language,
        ];
        let mut names: Vec<(Target, Vec<String>)> = all
            .iter()
            .map(|&t| (t, t.defaults().iter().map(|s| s.to_string()).collect()))
            .collect();
        for (target, field) in map {
            let t = Target::parse(target).ok_or_else(|| Error::UnknownTarget(target.clone()))?;
            if let Some((_, list)) = names.iter_mut().find(|(x, _)| *x == t) {
                // An explicit mapping replaces detection for that target.
                *list = vec![field.clone()];
            }
        }
        Ok(FieldMap { names })
    }

    fn names(&self, t: Target) -> &[String] {
        self.names
            .iter()
            .find(|(x, _)| *x == t)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    fn first(&self, obj: &Map<String, Value>, t: Target) -> Option<String> {
        self.names(t)
            .iter()
            .find_map(|n| scalar(obj.get(n.as_str())?))
    }

    pub fn extract(&self, obj: &Map<String, Value>) -> Record {
        Record {
            id: self.first(obj, Target::Id),
            source: self.first(obj, Target::Source),
            url: self.first(obj, Target::Url),
            title: self.first(obj, Target::Title),
            text: self.first(obj, Target::Text),
            published: self.published(obj),
            language: self.first(obj, Target::Language).map(|l| l.to_lowercase()),
        }
    }

    /// The first date field that parses; an unparsable date yields `None`.
    fn published(&self, obj: &Map<String, Value>) -> Option<Published> {
        self.names(Target::Published).iter().find_map(|n| {
            let raw = scalar(obj.get(n.as_str())?)?;
            let d = text::date::parse_datetime(&raw)?;
            Some(Published {
                raw,
                iso: d.iso,
                unix: d.unix,
            })
        })
    }
}

/// A non-empty string, or a number written out; anything else is absent.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
