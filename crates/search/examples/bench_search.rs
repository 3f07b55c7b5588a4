//! Benchmark: index both corpora (ANT 2018 and SaudiNewsNet 2015) on disk, then time 200 queries
//! drawn from title words (fixed seed), reporting indexing time, index size and latency
//! percentiles. Every query comes from some article's title, so each must find at least that
//! article: the run fails if one finds nothing (a fast wrong answer does not pass).
//!
//! Run from the repo root: `cargo run --release -p search --example bench_search`
//! (optional argument: the corpora directory; default `../shared/data/corpora`). Skips when the
//! corpora are absent.

use flate2::read::GzDecoder;
use model::{Article, Published};
use search::{Query, SearchIndex};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Decompressed bytes read from one corpus file at most.
const MAX_DECOMPRESSED: u64 = 4 << 30;

fn field<'a>(v: &'a serde_json::Value, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| v.get(*n).and_then(|x| x.as_str()))
        .filter(|s| !s.is_empty())
}

fn load(path: &Path) -> std::io::Result<Vec<Article>> {
    let file = std::fs::File::open(path)?;
    let reader = BufReader::new(GzDecoder::new(file).take(MAX_DECOMPRESSED));
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = field(&v, &["docno", "id"])
            .map_or_else(|| format!("{}:{n}", path.display()), str::to_string);
        let date = field(&v, &["time_iso", "date_extracted", "time"]);
        let published = date
            .and_then(text::date::parse_datetime)
            .map(|p| Published {
                raw: date.unwrap_or("").to_string(),
                iso: p.iso,
                unix: p.unix,
            });
        let body = field(&v, &["text", "content"]).unwrap_or("").to_string();
        out.push(Article {
            id,
            source: field(&v, &["src", "source"])
                .unwrap_or("unknown")
                .to_string(),
            url: field(&v, &["url"]).map(str::to_string),
            title: field(&v, &["title"]).unwrap_or("").to_string(),
            published,
            language: "ar".into(),
            original: body.clone(),
            text: body,
            removed: vec![],
        });
    }
    Ok(out)
}

/// xorshift64*: a fixed-seed generator so every run draws the same queries.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// 1-3 consecutive content words (at least three letters) of a random title.
fn draw_queries(articles: &[Article], n: usize) -> Vec<String> {
    let mut rng = Rng(0x6b68_6162_6172_2121);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let a = &articles[rng.below(articles.len())];
        let words: Vec<&str> = text::terms(&a.title)
            .into_iter()
            .filter(|t| !t.stop && t.kind == text::TokenKind::Arabic && t.key.chars().count() >= 3)
            .filter_map(|t| a.title.get(t.start..t.end))
            .collect();
        if words.is_empty() {
            continue;
        }
        let len = [1, 1, 2, 2, 3][rng.below(5)].min(words.len());
        let start = rng.below(words.len() - len + 1);
        out.push(words[start..start + len].join(" "));
    }
    out
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// CPU seconds (user + system) this process has used so far, from /proc (Linux); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<u64>() as f64 / 100.0
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpora = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpora")
        });
    let files = [
        "ant-multisource-2018.jsonl.gz",
        "saudinewsnet-2015.jsonl.gz",
    ]
    .map(|f| corpora.join(f));
    if files.iter().any(|f| !f.exists()) {
        println!("skipped: corpora not found under {}", corpora.display());
        return Ok(());
    }
    let t = Instant::now();
    let mut articles = Vec::new();
    for f in &files {
        articles.extend(load(f)?);
    }
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.text.len()).sum();
    println!(
        "loaded {} articles ({:.1} MB of text) in {:.1} s",
        articles.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("index");
    let idx = SearchIndex::open(&dir)?;
    let t = Instant::now();
    for batch in articles.chunks(5000) {
        idx.stage(batch, |_| None)?;
    }
    idx.commit()?;
    let index_time = t.elapsed();
    let t = Instant::now();
    idx.compact()?;
    let compact_time = t.elapsed();
    println!(
        "indexed {} docs in {:.1} s ({:.0} docs/s), compacted in {:.1} s, index size {:.1} MB",
        idx.doc_count(),
        index_time.as_secs_f64(),
        articles.len() as f64 / index_time.as_secs_f64(),
        compact_time.as_secs_f64(),
        dir_size(&dir) as f64 / 1e6
    );
    assert_eq!(
        idx.doc_count() as usize,
        articles
            .iter()
            .map(|a| &a.id)
            .collect::<std::collections::HashSet<_>>()
            .len()
    );
    let t = Instant::now();
    let ids = idx.ids()?;
    println!("ids(): {} ids in {}", ids.len(), ms(t.elapsed()));
    drop(idx);
    let t = Instant::now();
    let idx = SearchIndex::open(&dir)?;
    println!("reopen: {} (reset: {:?})", ms(t.elapsed()), idx.was_reset());

    let queries = draw_queries(&articles, 200);
    for q in &queries {
        idx.search(&Query {
            text: q.clone(),
            ..Default::default()
        })?; // warm-up
    }
    for (label, source, limit) in [
        ("all sources", None, 10),
        ("source filter", Some("alarabia".to_string()), 10),
        ("all sources, 1 hit per page", None, 1),
    ] {
        let cpu0 = cpu_seconds();
        let mut times = Vec::with_capacity(queries.len());
        let mut empty = 0;
        let mut relaxed = 0;
        let mut total_hits = 0usize;
        for q in &queries {
            let query = Query {
                text: q.clone(),
                source: source.clone(),
                limit,
                ..Default::default()
            };
            let t = Instant::now();
            let page = idx.search_page(&query)?;
            times.push(t.elapsed());
            if page.hits.is_empty() {
                empty += 1;
            }
            relaxed += usize::from(page.relaxed);
            total_hits += page.total;
        }
        let cpu = (cpu_seconds() - cpu0) / queries.len() as f64;
        times.sort();
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        println!(
            "{label}: {} queries, p50 {}, p90 {}, p99 {}, max {}, mean {}, mean CPU {:.2} ms; {} with no hit, {} relaxed, mean total matches {:.0}",
            times.len(),
            ms(pct(&times, 0.5)),
            ms(pct(&times, 0.9)),
            ms(pct(&times, 0.99)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            ms(mean),
            cpu * 1000.0,
            empty,
            relaxed,
            total_hits as f64 / queries.len() as f64
        );
        if source.is_none() {
            assert_eq!(empty, 0, "a query drawn from a title found nothing");
            assert_eq!(
                relaxed, 0,
                "a query drawn from a title did not match its own article"
            );
        }
    }
    println!(
        "load average during the run: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    for q in [
        "البنتاجون",
        "البنتاغون",
        "الأمريكية",
        "محادثات السلام",
        "\"وزارة الدفاع\"",
    ] {
        let page = idx.search_page(&Query {
            text: q.into(),
            ..Default::default()
        })?;
        println!(
            "{q}: {} matches; top: {}",
            page.total,
            page.hits.first().map_or("-", |h| h.title.as_str())
        );
    }
    Ok(())
}
