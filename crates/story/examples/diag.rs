//! Error analysis on the dev set with parameters fitted on all of it: lists split gold stories
//! and wrong merges. `cargo run --release -p story --example diag [DIR]`

mod common;

use std::collections::HashMap;
use story::{Constraints, Params, batch_analyzed, features, train};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or("testdata/dev", String::as_str);
    let (docs, story, _) = common::dev(dir)?;
    let analyses: Vec<_> = docs.iter().map(features::analyze).collect();
    let p = train::fit(&docs, &analyses, &story, &Params::default());
    let c = batch_analyzed(&docs, &analyses, &p, &Constraints::default());
    let title: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_str()))
        .collect();
    let pred = c.labels();
    let mut by_gold: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, g) in &story {
        by_gold.entry(g).or_default().push(id);
    }
    println!("== split gold stories");
    let mut gs: Vec<_> = by_gold.iter().collect();
    gs.sort();
    for (g, ids) in gs {
        let mut ps: Vec<_> = ids.iter().map(|i| pred[*i]).collect();
        ps.sort();
        ps.dedup();
        if ps.len() > 1 {
            println!("{g}:");
            for i in ids {
                let e = c.explain(i).unwrap();
                println!(
                    "   p{} {:?} {:.2} ru={:?} | {}",
                    pred[*i], e.via, e.score, e.runner_up, title[*i]
                );
            }
        }
    }
    println!("== wrong merges");
    for s in c.stories() {
        let mut gl: Vec<_> = s.articles.iter().map(|a| story[&a.0].as_str()).collect();
        gl.sort();
        gl.dedup();
        if gl.len() > 1 {
            println!("p{}:", s.id);
            for a in &s.articles {
                let e = c.explain(&a.0).unwrap();
                println!(
                    "   {} {:?} {:.2} {:?} | {}",
                    story[&a.0],
                    e.via,
                    e.score,
                    e.shared_names,
                    title[a.0.as_str()]
                );
            }
        }
    }
    println!("{:?}", p);
    println!("in-sample {:?}", train::run(&docs, &analyses, &story, &p));
    Ok(())
}
