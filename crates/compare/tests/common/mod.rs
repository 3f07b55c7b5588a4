//! What the compare tests share: an article made from one outlet's text.

/// A cleaned article of `source` whose text is `text` (nothing removed).
pub fn article(id: &str, source: &str, text: &str) -> model::Article {
    model::Article {
        id: id.into(),
        source: source.into(),
        url: None,
        title: String::new(),
        published: None,
        language: "ar".into(),
        text: text.into(),
        original: text.into(),
        removed: Vec::new(),
    }
}
