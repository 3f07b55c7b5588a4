//! Audit of loanword merges on a corpus: frequent words that share a foreign match key with
//! another frequent word of a different spelling. Usage:
//! cargo run --release -p text --example merge_audit [path.jsonl.gz] [docs] [min_count]
use std::collections::HashMap;
use std::io::{BufRead, BufReader};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/corpora/saudinewsnet-2015.jsonl.gz".into());
    let docs: usize = args.next().and_then(|x| x.parse().ok()).unwrap_or(5000);
    let min: usize = args.next().and_then(|x| x.parse().ok()).unwrap_or(20);
    let Ok(f) = std::fs::File::open(&path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in BufReader::new(flate2::read::GzDecoder::new(f))
        .lines()
        .map_while(Result::ok)
        .take(docs)
    {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let t = v
            .get("text")
            .or_else(|| v.get("content"))
            .and_then(|t| t.as_str())
            .unwrap_or("");
        text::index_tokens(t, |_, _, k, idx| {
            if k == text::TokenKind::Arabic {
                *counts
                    .entry(text::stem::strip_clitics(idx).to_string())
                    .or_default() += 1;
            }
        });
    }
    let mut groups: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for (w, c) in counts {
        if c < min {
            continue;
        }
        let (key, foreign) = text::normalize::match_index_word_flag(&w);
        if foreign {
            groups
                .entry(key)
                .or_default()
                .push((text::normalize::base_key(&w), c));
        }
    }
    let mut multi: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() > 1).collect();
    multi.sort_by_key(|(_, v)| std::cmp::Reverse(v.iter().map(|x| x.1).sum::<usize>()));
    println!("{} foreign keys with 2+ frequent spellings", multi.len());
    for (k, mut v) in multi {
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("{k}\t{v:?}");
    }
}
