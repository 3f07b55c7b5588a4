//! Rough per-stage timing of the comparison on the first 100 dev-set articles (skips when absent):
//! `cargo run --release -p compare --example timing`.

mod common;

use std::time::Instant;

fn main() {
    let path = "../shared/data/dev-stories-ant-2018-03/articles.jsonl";
    let arts: Vec<model::Article> = common::read_jsonl(path)
        .iter()
        .take(100)
        .map(common::article)
        .collect();
    if arts.is_empty() {
        eprintln!("{path} absent: skipping");
        return;
    }
    let opts = compare::Options::default();
    let _ = compare::compare(&arts[..2], &opts);
    // `TIMING_REPEAT=N`: only run the full comparison N times (for CPU-time measurement).
    if let Some(n) = std::env::var("TIMING_REPEAT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        let t = Instant::now();
        for _ in 0..n {
            let _ = compare::compare(&arts, &opts);
        }
        println!("compare x{n}: {:?} per run (wall)", t.elapsed() / n as u32);
        return;
    }
    let t = Instant::now();
    for a in &arts {
        let _ = compare::entities::find_entities(&a.text);
    }
    println!("entities {:?}", t.elapsed());
    let t = Instant::now();
    for a in &arts {
        let _ = compare::quotes::find_quotes(&a.text);
    }
    println!("quotes   {:?}", t.elapsed());
    let t = Instant::now();
    for a in &arts {
        let _ = compare::cited::find_cited(&a.text);
    }
    println!("cited    {:?}", t.elapsed());
    let t = Instant::now();
    let c = compare::compare(&arts, &opts);
    println!(
        "compare  {:?} ({} facts, {} shared)",
        t.elapsed(),
        c.facts.len(),
        c.facts.iter().filter(|f| f.independent_sources > 1).count()
    );
}
