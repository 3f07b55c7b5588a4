//! Load-independent throughput: MB per second of this thread's CPU time (from
//! /proc/thread-self/stat), for machines where wall-clock benchmarks are disturbed by other work.
//! Usage: cargo run --release -p text --example cpu_throughput [path.jsonl.gz] [bytes]
use std::io::{BufRead, BufReader};

fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/corpora/ant-multisource-2018.jsonl.gz".into());
    let limit: usize = args
        .next()
        .and_then(|x| x.parse().ok())
        .unwrap_or(5_000_000);
    let Ok(f) = std::fs::File::open(&path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let mut corpus = String::new();
    for line in BufReader::new(flate2::read::GzDecoder::new(f))
        .lines()
        .map_while(Result::ok)
    {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line)
            && let Some(t) = v.get("text").and_then(|t| t.as_str())
        {
            corpus.push_str(t);
            corpus.push('\n');
        }
        if corpus.len() >= limit {
            break;
        }
    }
    let mb = corpus.len() as f64 / 1e6;
    let only = std::env::var("ONLY").unwrap_or_default();
    let run = |name: &str, f: &dyn Fn() -> usize| {
        if !only.is_empty() && !name.starts_with(only.as_str()) {
            return;
        }
        let _ = f();
        let (t0, w0) = (cpu_seconds(), std::time::Instant::now());
        let mut reps = 0;
        let mut n = 0;
        while cpu_seconds() - t0 < 3.0 {
            n = f();
            reps += 1;
        }
        let cpu = cpu_seconds() - t0;
        println!(
            "{name:<18} {:>8.1} MB/s per CPU-second ({:.1} MB/s wall), {n} items, {reps} runs",
            mb * reps as f64 / cpu,
            mb * reps as f64 / w0.elapsed().as_secs_f64()
        );
    };
    println!("corpus: {:.2} MB", mb);
    run("tokenize", &|| text::tokenize(&corpus).len());
    run("index_tokens", &|| {
        let mut n = 0;
        text::index_tokens(&corpus, |_, _, _, _| n += 1);
        n
    });
    run("index(whole text)", &|| {
        text::normalize::index(&corpus).len()
    });
    run("terms", &|| text::terms(&corpus).len());
}
