//! Error analysis on a dev set: gold stories split across predicted stories (ranked by the gold
//! pairs they lose) and predicted stories merging several gold stories (ranked by the wrong pairs
//! they make), each article with its gold story and event, how it was placed, and its title.
//! With a second directory the parameters are fitted there (the leave-one-set-out view of
//! `examples/loso.rs`); without one they are fitted on DIR itself (in-sample).
//!
//! `cargo run --release -p story --example diag [DIR] [FIT_DIR] [N]` (N groups of each kind, 10).

mod common;

use common::Labels;
use std::collections::HashMap;
use story::{Clusterer, Constraints, Params, batch_analyzed, features, train};

/// Pairs among `n` items.
fn pairs(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// Members grouped by `label`, largest group first (ties by label).
fn groups<'a>(ids: &[&'a str], label: impl Fn(&str) -> String) -> Vec<(String, Vec<&'a str>)> {
    let mut m: HashMap<String, Vec<&str>> = HashMap::new();
    for id in ids {
        m.entry(label(id)).or_default().push(id);
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    v
}

/// What the printout needs to know about each article.
struct View<'a> {
    c: &'a Clusterer,
    story: &'a Labels,
    event: &'a Labels,
    title: HashMap<&'a str, &'a str>,
}

impl View<'_> {
    fn line(&self, id: &str) -> String {
        let e = self.c.explain(id).expect("clustered");
        format!(
            "{:<9} {:?} {:.2} | {}",
            self.event[id], e.via, e.score, self.title[id]
        )
    }

    /// Print the `n` groups of `by` that `inner` cuts into most pairs (pairs across parts).
    fn worst(&self, by: Vec<(String, Vec<&str>)>, inner: impl Fn(&str) -> String, n: usize) {
        let mut ranked: Vec<_> = by
            .iter()
            .map(|(k, ids)| (k, groups(ids, &inner), pairs(ids.len())))
            .filter(|(_, g, _)| g.len() > 1)
            .map(|(k, g, all)| {
                (
                    all - g.iter().map(|x| pairs(x.1.len())).sum::<usize>(),
                    k,
                    g,
                )
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        for (pairs, k, g) in ranked.iter().take(n) {
            println!("{k}: {pairs} pairs");
            for (part, ids) in g {
                for id in ids {
                    println!("   {part:<6} {}", self.line(id));
                }
            }
        }
        println!("({} groups in all)", ranked.len());
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or("testdata/dev", String::as_str);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let (docs, story, event) = common::dev(dir)?;
    let analyses: Vec<_> = docs.iter().map(features::analyze).collect();
    let p = match args.get(2) {
        Some(fit_dir) => {
            let (fd, fs, _) = common::dev(fit_dir)?;
            let fa: Vec<_> = fd.iter().map(features::analyze).collect();
            train::fit(&fd, &fa, &fs, &Params::default())
        }
        None => train::fit(&docs, &analyses, &story, &Params::default()),
    };
    let c = batch_analyzed(&docs, &analyses, &p, &Constraints::default());
    let pred = c.labels();
    let title = docs
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_str()))
        .collect();
    let v = View {
        c: &c,
        story: &story,
        event: &event,
        title,
    };
    let ids: Vec<&str> = story.keys().map(String::as_str).collect();
    let pred_of = |id: &str| format!("p{}", pred[id]);
    let gold_of = |id: &str| v.story[id].clone();
    println!("== gold stories split (gold pairs lost)");
    v.worst(groups(&ids, gold_of), pred_of, n);
    println!("== predicted stories merging gold stories (wrong pairs)");
    v.worst(groups(&ids, pred_of), gold_of, n);
    println!("{p:?}");
    println!("score {:?}", train::run(&docs, &analyses, &story, &p));
    Ok(())
}
