//! Scores the match level on a file of spelling-variant pairs (`a`, `b`, `expect`, `class`
//! columns, tab-separated, with a header): a `same` pair passes when both words get one match key,
//! a `differ` pair when they get two. Prints a per-class table and the totals; `--fails` lists
//! every pair that failed with both keys and the rule that made each.
//!
//! ```sh
//! cargo run --release -p text --example variant_eval -- ../shared/data/arabic/variant-pairs-dev/pairs.tsv [--fails]
//! ```
//! The dev pairs measure; they are never read by the lexicon builder.

use std::collections::BTreeMap;

fn key_of(word: &str) -> (String, &'static str) {
    let a = text::analyze(word);
    match a.tokens.first() {
        Some(t) => (t.key.clone(), t.rule.as_str()),
        None => (String::new(), "none"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: variant_eval PAIRS.tsv [--fails]");
        std::process::exit(2);
    };
    let fails = args.iter().any(|a| a == "--fails");
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("variant_eval: cannot read {path}: {e}");
        std::process::exit(2);
    });
    // class -> (expect, passed, total)
    let mut table: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut failed = Vec::new();
    for line in data.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (ka, ra) = key_of(f[0]);
        let (kb, rb) = key_of(f[1]);
        let pass = (ka == kb) == (f[2] == "same");
        let e = table
            .entry((f[2].to_string(), f[3].to_string()))
            .or_default();
        e.1 += 1;
        if pass {
            e.0 += 1;
        } else {
            failed.push(format!(
                "{}\t{}\t{}\t{}\t{ka} ({ra})\t{kb} ({rb})",
                f[2], f[3], f[0], f[1]
            ));
        }
    }
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    println!("| expect | class | passed | pairs |\n|---|---|---|---|");
    for ((expect, class), (p, n)) in &table {
        println!("| {expect} | {class} | {p} | {n} |");
        let t = totals.entry(expect.clone()).or_default();
        t.0 += p;
        t.1 += n;
    }
    for (expect, (p, n)) in &totals {
        println!("{expect}: {p}/{n} ({:.3})", *p as f64 / (*n).max(1) as f64);
    }
    if fails {
        for f in failed {
            println!("FAIL\t{f}");
        }
    }
}
