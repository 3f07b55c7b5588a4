//! Rough per-stage timing of the comparison on the first 100 dev-set articles (skips when absent):
//! `cargo run --release -p compare --example timing`.

use std::time::Instant;

fn main() {
    let path = "../shared/data/dev-stories-ant-2018-03/articles.jsonl";
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("{path} absent: skipping");
        return;
    };
    let mut arts = Vec::new();
    for line in raw.lines().take(100) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        arts.push(model::Article {
            id: s("id"),
            source: s("source"),
            url: None,
            title: s("title"),
            published: None,
            language: "ar".into(),
            text: s("text"),
            original: String::new(),
            removed: Vec::new(),
        });
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
