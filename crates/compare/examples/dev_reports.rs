//! Comparison reports of the largest multi-outlet stories of a gold-labelled set:
//! `cargo run --release -p compare --example dev_reports -- testdata/dev OUT_DIR [N]`.
//!
//! Reads `articles.jsonl` (`id, source, title, text`) and `gold.jsonl` (`id, story`) from the set's
//! folder, groups articles by gold story, keeps stories with two or more distinct sources, takes
//! the N (default 10) with the most articles and writes `NN-<story>.html` and `.md` into OUT_DIR.
//! The texts are compared as stored (no cleaning stage here).

mod common;

use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: dev_reports SET_DIR OUT_DIR [N]");
        return;
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let read = |name: &str| common::read_jsonl(format!("{dir}/{name}"));
    let s = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
    };
    let gold: BTreeMap<String, String> = read("gold.jsonl")
        .iter()
        .map(|v| (s(v, "id"), s(v, "story")))
        .collect();
    let mut stories: BTreeMap<String, Vec<model::Article>> = BTreeMap::new();
    for v in read("articles.jsonl") {
        if let Some(story) = gold.get(&s(&v, "id")) {
            stories
                .entry(story.clone())
                .or_default()
                .push(common::article(&v));
        }
    }
    let mut picked: Vec<(String, Vec<model::Article>)> = stories
        .into_iter()
        .filter(|(_, a)| {
            let mut src: Vec<&str> = a.iter().map(|x| x.source.as_str()).collect();
            src.sort();
            src.dedup();
            src.len() >= 2
        })
        .collect();
    picked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    if std::fs::create_dir_all(out).is_err() {
        eprintln!("cannot create {out}");
        return;
    }
    for (i, (story, arts)) in picked.into_iter().take(n).enumerate() {
        let t0 = std::time::Instant::now();
        let c = compare::compare(&arts, &compare::Options::default());
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        let title = format!("{story}: {}", arts[0].title);
        let base = format!("{out}/{:02}-{story}", i + 1);
        let _ = std::fs::write(format!("{base}.html"), compare::to_html(&c, &title));
        let _ = std::fs::write(format!("{base}.md"), compare::to_markdown(&c));
        let shared = c.facts.iter().filter(|f| f.independent_sources > 1).count();
        println!(
            "{:02} {story}: {} articles, {} facts ({shared} shared), {} conflicts, {} quotes, {} entities, {ms:.1} ms",
            i + 1,
            arts.len(),
            c.facts.len(),
            c.conflicts.len(),
            c.quotes.len(),
            c.entities.len()
        );
    }
}
