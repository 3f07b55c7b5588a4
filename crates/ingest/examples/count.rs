//! Count articles and problems read from the shared corpora (or the paths given), with timing.
//!
//! `cargo run --release -p ingest --example count [PATH...]`; with no paths it reads
//! `../shared/data/corpora/*.jsonl.gz` relative to the repo root and skips when they are absent.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpora");
        for name in [
            "ant-multisource-2018.jsonl.gz",
            "saudinewsnet-2015.jsonl.gz",
        ] {
            let p = root.join(name);
            if p.exists() {
                paths.push(p);
            }
        }
        if paths.is_empty() {
            eprintln!("corpora not found under {}: skipped", root.display());
            return;
        }
    }
    let show = std::env::var_os("SHOW_REMOVALS").is_some();
    for path in &paths {
        let start = Instant::now();
        let reader =
            match ingest::Reader::new(std::slice::from_ref(path), ingest::IngestOptions::default())
            {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{e}");
                    return;
                }
            };
        let handle = reader.progress_handle();
        let (mut articles, mut removals, mut dated) = (0usize, 0usize, 0usize);
        let mut problems: BTreeMap<String, usize> = BTreeMap::new();
        let batch = std::env::var("BATCH")
            .ok()
            .and_then(|b| b.parse::<usize>().ok());
        let mut reader = reader;
        let items: Box<dyn Iterator<Item = Result<model::Article, model::Problem>>> = match batch {
            Some(n) => Box::new(
                std::iter::from_fn(move || {
                    let b = reader.next_batch(n);
                    (!b.is_empty()).then_some(b)
                })
                .flatten(),
            ),
            None => Box::new(reader),
        };
        for item in items {
            match item {
                Ok(a) => {
                    articles += 1;
                    removals += a.removed.len();
                    if show {
                        for r in &a.removed {
                            println!("{}\t{}\t{}", a.id, r.reason.as_str(), r.text);
                        }
                    }
                    dated += usize::from(a.published.is_some());
                }
                Err(p) => *problems.entry(p.code).or_insert(0) += 1,
            }
        }
        let p = handle.get();
        println!(
            "{}: {articles} articles ({dated} dated, {removals} removals), problems {problems:?}, {} of {} bytes, {:.2} s",
            path.display(),
            p.done,
            p.total,
            start.elapsed().as_secs_f64()
        );
    }
}
