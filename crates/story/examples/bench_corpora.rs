//! Throughput, memory and online latency on the two real corpora (ANT 2018, SaudiNewsNet 2015).
//!
//! `cargo run --release -p story --example bench_corpora [SHARED_DIR]` (default `../shared`, run
//! from the repo root). Prints the batch time for all articles, peak RSS (VmHWM), and p50/p99 of
//! online assignment of the last articles with all earlier ones (~60k) already clustered.
//! Skips (exit 0) when the corpora are absent.

mod common;

use std::time::Instant;
use story::{Clusterer, Constraints, Params, batch};

fn vm_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// User + system CPU seconds of this process so far (the machine is shared, so wall time alone
/// is noisy).
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            let rest = s.rsplit_once(')')?.1.to_string();
            let f: Vec<&str> = rest.split_whitespace().collect();
            let u: f64 = f.get(11)?.parse().ok()?;
            let st: f64 = f.get(12)?.parse().ok()?;
            Some((u + st) / 100.0)
        })
        .unwrap_or(0.0)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let shared = args.get(1).map_or("../shared", String::as_str);
    let mut docs = Vec::new();
    for f in [
        "ant-multisource-2018.jsonl.gz",
        "saudinewsnet-2015.jsonl.gz",
    ] {
        let path = format!("{shared}/data/corpora/{f}");
        if !std::path::Path::new(&path).exists() {
            eprintln!("skipping: {path} not found");
            return Ok(());
        }
        let before = docs.len();
        docs.extend(common::read_jsonl(&path)?.iter().map(common::doc_from_json));
        println!("{f}: {} articles", docs.len() - before);
    }
    println!(
        "loaded {} articles, VmHWM so far {:.0} MB",
        docs.len(),
        vm_hwm_mb()
    );

    let t = Instant::now();
    let cpu0 = cpu_secs();
    let c = batch(&docs, &Params::default(), &Constraints::default());
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    let stories = c.stories();
    let multi = stories.iter().filter(|s| s.articles.len() > 1).count();
    let mut by_size: Vec<_> = stories.iter().collect();
    by_size.sort_by_key(|s| std::cmp::Reverse(s.articles.len()));
    let largest = by_size.first().map_or(0, |s| s.articles.len());
    for s in by_size.iter().take(5) {
        let mut outlets: Vec<&str> = s.articles.iter().map(|a| a.1.as_str()).collect();
        outlets.sort_unstable();
        outlets.dedup();
        println!(
            "  large story: {} articles, {} outlets, {:.1} days: {}",
            s.articles.len(),
            outlets.len(),
            s.last.zip(s.first).map_or(0, |(l, f)| l - f) as f64 / 86_400.0,
            s.headline
        );
    }
    let longest_days = stories
        .iter()
        .filter_map(|s| Some(s.last? - s.first?))
        .max()
        .unwrap_or(0) as f64
        / 86_400.0;
    println!(
        "batch: {} articles → {} stories ({} with 2+ articles; largest {largest} articles, longest {longest_days:.1} days) in {secs:.1} s wall, {cpu:.1} s CPU; VmHWM {:.0} MB",
        c.len(),
        stories.len(),
        multi,
        vm_hwm_mb()
    );
    assert_eq!(c.len(), docs.len(), "every article placed");
    assert!(multi > 0 && stories.len() < docs.len());
    let t = Instant::now();
    let state = c.to_bytes();
    let enc = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let back = story::Clusterer::from_bytes(&state).map_err(std::io::Error::other)?;
    let dec = t.elapsed().as_secs_f64();
    assert_eq!(back.labels(), c.labels());
    println!(
        "batch state: {:.1} MB; to_bytes {enc:.2} s, from_bytes {dec:.2} s",
        state.len() as f64 / 1e6
    );
    drop((c, back, state));

    // Online latency: cluster all but the last 2,000 (in publication order), then time each add.
    docs.sort_by(|a, b| {
        a.published
            .unwrap_or(i64::MAX)
            .cmp(&b.published.unwrap_or(i64::MAX))
            .then(a.id.cmp(&b.id))
    });
    let split = docs.len().saturating_sub(2000);
    let mut online = Clusterer::new(Params::default());
    for d in &docs[..split] {
        let _ = online.add(d);
    }
    let mut lat: Vec<f64> = Vec::with_capacity(2000);
    let mut lat_analysis: Vec<f64> = Vec::with_capacity(2000);
    let cpu0 = cpu_secs();
    for d in &docs[split..] {
        let t = Instant::now();
        let a = story::features::analyze(d);
        let analysed = t.elapsed().as_secs_f64() * 1000.0;
        let _ = online.add_analyzed(d, &a);
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        lat_analysis.push(analysed);
    }
    let cpu_ms = (cpu_secs() - cpu0) * 1000.0 / lat.len().max(1) as f64;
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "online add with {split} clustered: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (analysis included; analysis alone p99 {:.3} ms), mean CPU {cpu_ms:.3} ms; VmHWM {:.0} MB",
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99),
        pct(&mut lat, 1.0),
        pct(&mut lat_analysis, 0.99),
        vm_hwm_mb()
    );
    let state = online.to_bytes();
    println!("serialised state: {:.0} MB", state.len() as f64 / 1e6);
    Ok(())
}
