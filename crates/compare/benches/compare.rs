//! Compare a 100-article synthetic story built from the dev-set articles
//! (`../shared/data/dev-stories-ant-2018-03/articles.jsonl` from the repository root; skipped when
//! absent). Target: under one second per comparison.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn load() -> Option<Vec<model::Article>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/dev-stories-ant-2018-03/articles.jsonl");
    let raw = std::fs::read_to_string(path).ok()?;
    let mut out = Vec::new();
    for line in raw.lines().take(100) {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let text = s("text");
        out.push(model::Article {
            id: s("id"),
            source: s("source"),
            url: None,
            title: s("title"),
            published: None,
            language: "ar".into(),
            original: text.clone(),
            text,
            removed: Vec::new(),
        });
    }
    Some(out)
}

fn bench(c: &mut Criterion) {
    let Some(articles) = load() else {
        eprintln!("dev-stories articles absent: skipping the compare benchmark");
        return;
    };
    assert_eq!(articles.len(), 100);
    let opts = compare::Options::default();
    // Warm the compiled-in tables once, then check the result is not empty.
    let first = compare::compare(&articles, &opts);
    assert!(first.facts.len() > 500, "facts: {}", first.facts.len());
    assert_eq!(first.unique.len(), 100);
    let mut g = c.benchmark_group("compare");
    g.sample_size(10);
    g.bench_function("story_100_articles", |b| {
        b.iter(|| compare::compare(black_box(&articles), &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
