//! Cluster one month of the ANT corpus and print stories to read by eye.
//!
//! `cargo run --release -p story --example ant_month [SHARED_DIR] [YYYY-MM]` (default `../shared`,
//! 2018-03). Prints 20 multi-outlet stories and 20 singletons, spread evenly over the month.

mod common;

use story::{Constraints, Params, batch};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let shared = args.get(1).map_or("../shared", String::as_str);
    let month = args.get(2).map_or("2018-03", String::as_str);
    let path = format!("{shared}/data/corpora/ant-multisource-2018.jsonl.gz");
    if !std::path::Path::new(&path).exists() {
        eprintln!("skipping: {path} not found");
        return Ok(());
    }
    let docs: Vec<_> = common::read_jsonl(&path)?
        .iter()
        .filter(|v| {
            v.get("time_iso")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.starts_with(month))
        })
        .map(common::doc_from_json)
        .collect();
    let c = batch(&docs, &Params::default(), &Constraints::default());
    let stories = c.stories();
    let title = |id: &str| {
        docs.iter()
            .find(|d| d.id == id)
            .map_or("", |d| d.title.as_str())
    };
    let multi: Vec<_> = stories
        .iter()
        .filter(|s| {
            let mut o: Vec<_> = s.articles.iter().map(|a| a.1.as_str()).collect();
            o.sort();
            o.dedup();
            o.len() > 1
        })
        .collect();
    let single: Vec<_> = stories.iter().filter(|s| s.articles.len() == 1).collect();
    println!(
        "{month}: {} articles, {} stories, {} multi-outlet, {} singletons, largest {}",
        docs.len(),
        stories.len(),
        multi.len(),
        single.len(),
        stories.iter().map(|s| s.articles.len()).max().unwrap_or(0)
    );
    println!("== 20 multi-outlet stories");
    for s in multi.iter().step_by((multi.len() / 20).max(1)).take(20) {
        println!(
            "[{}] {} ({} articles) key: {}",
            s.id,
            s.headline,
            s.articles.len(),
            s.key_terms.join(" ")
        );
        for (id, src) in s.articles.iter().take(8) {
            println!("     {src:<9} {}", title(id));
        }
    }
    println!("== 20 singletons");
    for s in single.iter().step_by((single.len() / 20).max(1)).take(20) {
        let e = c.explain(&s.articles[0].0);
        println!(
            "[{}] {} | best rejected p={:.2}",
            s.id,
            s.headline,
            e.map_or(0.0, |e| e.score)
        );
    }
    Ok(())
}
