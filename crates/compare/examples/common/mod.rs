//! What the compare examples, the bench and the tests share: articles read from JSON lines in
//! the dev-set layout (`id, source, title, text`).

/// The lines of a JSON-lines file that parse (none when the file cannot be read).
pub fn read_jsonl(path: impl AsRef<std::path::Path>) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// One record as a cleaned article (its text taken as it is).
pub fn article(v: &serde_json::Value) -> model::Article {
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    model::Article {
        id: s("id"),
        source: s("source"),
        url: None,
        title: s("title"),
        published: None,
        language: "ar".into(),
        text: s("text"),
        original: s("text"),
        removed: Vec::new(),
    }
}
