//! Fit the shipped parameters on the whole dev set and print them as Rust constants
//! (paste into `src/model.rs`).
//!
//! `cargo run --release -p story --example fit_weights [DIR]`

mod common;

use story::{Params, features, train};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or("testdata/dev", String::as_str);
    let (docs, story, _) = common::dev(dir)?;
    let analyses: Vec<_> = docs.iter().map(features::analyze).collect();
    let p = train::fit(&docs, &analyses, &story, &Params::default());
    let s = train::run(&docs, &analyses, &story, &p);
    println!(
        "// in-sample BCubed F1 {:.4}, pairwise F1 {:.4}",
        s.bcubed_f1, s.pair_f1
    );
    println!("const FITTED_W: [f32; NF] = {:?};", p.model.w);
    println!("const FITTED_B: f32 = {:?};", p.model.b);
    Ok(())
}
