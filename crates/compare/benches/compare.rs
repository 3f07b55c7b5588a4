//! Compare a 100-article synthetic story built from the dev-set articles
//! (`../shared/data/dev-stories-ant-2018-03/articles.jsonl` from the repository root; skipped when
//! absent). Target: under one second per comparison.

#[path = "../examples/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn load() -> Option<Vec<model::Article>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/dev-stories-ant-2018-03/articles.jsonl");
    let out: Vec<model::Article> = common::read_jsonl(path)
        .iter()
        .take(100)
        .map(common::article)
        .collect();
    (!out.is_empty()).then_some(out)
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
