//! Throughput of the hot paths on real news text: index normalisation + tokenisation
//! (`index_tokens`) and `terms()`, on the first ~5 MB of `text` fields of
//! ../shared/data/corpora/ant-multisource-2018.jsonl.gz (skipped with a message when absent).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::io::{BufRead, BufReader};
use std::path::Path;

fn load_corpus(limit: usize) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpora/ant-multisource-2018.jsonl.gz");
    let f = std::fs::File::open(&path).ok()?;
    let r = BufReader::new(flate2::read::GzDecoder::new(f));
    let mut out = String::with_capacity(limit + 100_000);
    for line in r.lines() {
        let line = line.ok()?;
        let v: serde_json::Value = serde_json::from_str(&line).ok()?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            out.push_str(t);
            out.push('\n');
        }
        if out.len() >= limit {
            break;
        }
    }
    Some(out)
}

fn bench(c: &mut Criterion) {
    let Some(corpus) = load_corpus(5_000_000) else {
        eprintln!(
            "skipping text benchmarks: ../shared/data/corpora/ant-multisource-2018.jsonl.gz not found"
        );
        return;
    };
    let mut count = 0usize;
    text::index_tokens(&corpus, |_, _, _, _| count += 1);
    assert!(count > 100_000, "token count {count} too small");
    let terms_count = text::terms(&corpus).len();
    assert_eq!(count, terms_count, "index_tokens and terms disagree");
    eprintln!("corpus: {} bytes, {} tokens", corpus.len(), count);

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(corpus.len() as u64));
    g.sample_size(10);
    g.bench_function("index_tokens", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let mut bytes = 0usize;
            text::index_tokens(std::hint::black_box(&corpus), |_, _, _, idx| {
                n += 1;
                bytes += idx.len();
            });
            assert_eq!(n, count);
            bytes
        })
    });
    g.bench_function("tokenize", |b| {
        b.iter(|| text::tokenize(std::hint::black_box(&corpus)).len())
    });
    g.bench_function("index_whole_text", |b| {
        b.iter(|| text::normalize::index(std::hint::black_box(&corpus)).len())
    });
    g.bench_function("terms", |b| {
        b.iter(|| {
            let n = text::terms(std::hint::black_box(&corpus)).len();
            assert_eq!(n, count);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
