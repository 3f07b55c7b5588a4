//! Benchmark and batch tool: read a JSONL (or .jsonl.gz) corpus, find copies, write pairs/groups.
//!
//! ```text
//! cargo run --release -p dedup --example dedup_jsonl -- CORPUS.jsonl[.gz]... [--pairs OUT.jsonl]
//!     [--groups OUT.jsonl] [--threshold 0.8] [--num-perm 128] [--shingle 1] [--index]
//! ```
//! Records: id from `id` or `docno`; text from `text` or `content` (with `--with-title` the
//! `title` is prepended); published from `published`, `time_iso`, `time` or `date_extracted`; outlet from
//! `source` or `src`. Pairs are `{"a","b","kind","similarity","share"}` (for eval_pairs.py).
//! Prints docs/s of the dedup core (signatures + candidates + verification + groups) and the
//! peak RSS (VmHWM). `--index` also builds the incremental [`dedup::Index`] from the signatures
//! and reports its heap bytes per document.

use dedup::{Config, Doc, Index};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::time::Instant;

fn vm(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .map(|l| l[field.len()..].trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

/// User + system CPU seconds of this process so far (from /proc/self/stat, 100 ticks/s).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(0.0)
}

struct Rec {
    id: String,
    published: Option<i64>,
    source: String,
    text: String,
}

fn field<'a>(v: &'a serde_json::Value, names: &[&str]) -> Option<&'a serde_json::Value> {
    names
        .iter()
        .find_map(|n| v.get(*n).filter(|x| !x.is_null()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut inputs: Vec<String> = Vec::new();
    let (mut pairs_out, mut groups_out, mut with_index, mut with_title) =
        (None, None, false, false);
    let mut cfg = Config::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pairs" => pairs_out = it.next().cloned(),
            "--groups" => groups_out = it.next().cloned(),
            "--threshold" => cfg.threshold = it.next().ok_or("--threshold J")?.parse()?,
            "--num-perm" => cfg.num_perm = it.next().ok_or("--num-perm N")?.parse()?,
            "--shingle" => cfg.shingle = it.next().ok_or("--shingle K")?.parse()?,
            "--index" => with_index = true,
            "--with-title" => with_title = true,
            s if !s.starts_with("--") => inputs.push(s.to_string()),
            s => return Err(format!("unknown flag {s}").into()),
        }
    }
    if inputs.is_empty() {
        return Err(
            "usage: dedup_jsonl CORPUS.jsonl[.gz]... [--pairs OUT] [--groups OUT] ...".into(),
        );
    }
    let rss_start = vm("VmRSS:");
    let t0 = Instant::now();
    let mut recs = Vec::new();
    for input in &inputs {
        read_into(input, with_title, &mut recs)?;
    }
    let t_load = t0.elapsed().as_secs_f64();
    let rss_loaded = vm("VmRSS:");
    let docs: Vec<Doc> = recs
        .iter()
        .map(|r| Doc {
            id: &r.id,
            published: r.published,
            text: &r.text,
        })
        .collect();
    let t1 = Instant::now();
    let cpu1 = cpu_seconds();
    let (matches, groups) = dedup::batch_with_signatures(&cfg, &docs)?;
    let t_core = t1.elapsed().as_secs_f64();
    let cpu_core = cpu_seconds() - cpu1;
    let n = docs.len();
    let mb = recs.iter().map(|r| r.text.len()).sum::<usize>() as f64 / 1e6;
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    for m in &matches {
        *kinds.entry(m.kind.as_str()).or_default() += 1;
    }
    if let Some(p) = &pairs_out {
        let mut w = std::io::BufWriter::new(std::fs::File::create(p)?);
        for m in &matches {
            writeln!(w, "{}", serde_json::to_string(m)?)?;
        }
    }
    let source_of: HashMap<&str, &str> = recs
        .iter()
        .map(|r| (r.id.as_str(), r.source.as_str()))
        .collect();
    let cross = groups
        .iter()
        .filter(|g| {
            g.members
                .iter()
                .any(|m| source_of.get(m.id.as_str()) != source_of.get(g.origin.as_str()))
        })
        .count();
    if let Some(p) = &groups_out {
        let mut w = std::io::BufWriter::new(std::fs::File::create(p)?);
        for g in &groups {
            writeln!(w, "{}", serde_json::to_string(g)?)?;
        }
    }
    let banding = dedup::Banding::choose(&cfg);
    println!(
        "khabar-dedup | {n} docs ({mb:.1} MB) | num_perm={} threshold={} shingle={} | bands={}x{} P(found|J=t)={:.4} P(J=floor {})={:.4} | {} threads",
        cfg.num_perm,
        cfg.threshold,
        cfg.shingle,
        banding.bands,
        banding.rows,
        banding.probability(cfg.threshold),
        cfg.floor,
        banding.probability(cfg.floor),
        rayon::current_num_threads()
    );
    println!(
        "  load {t_load:.2}s | CORE {t_core:.2}s = {:.0} docs/s ({:.1} MB/s) | CPU {cpu_core:.2}s = {:.0} docs per CPU-second",
        n as f64 / t_core,
        mb / t_core,
        n as f64 / cpu_core.max(0.01)
    );
    println!(
        "  pairs {} {:?} | groups {} (cross-outlet {cross}) | docs in groups {}",
        matches.len(),
        kinds,
        groups.len(),
        groups.iter().map(|g| g.members.len() + 1).sum::<usize>()
    );
    println!(
        "  RSS start {rss_start} | after load {rss_loaded} | now {} | peak VmHWM {}",
        vm("VmRSS:"),
        vm("VmHWM:")
    );
    if with_index {
        let (t3, c3) = (Instant::now(), cpu_seconds());
        let sigs = dedup::signatures(&cfg, &docs);
        println!(
            "  signatures alone: {:.2}s, CPU {:.2}s",
            t3.elapsed().as_secs_f64(),
            cpu_seconds() - c3
        );
        let rss_before = vm("VmRSS:");
        let t2 = Instant::now();
        let mut index = Index::new(cfg.clone())?;
        let mut found = 0usize;
        for (d, s) in docs.iter().zip(&sigs) {
            found += index.insert(d.id, d.published, s)?.len();
        }
        let t_idx = t2.elapsed().as_secs_f64();
        index.compact();
        drop(sigs);
        println!(
            "  incremental index: {found} matches, insert+query {:.0} docs/s, heap {:.0} B/doc (RSS before {rss_before}, after {})",
            n as f64 / t_idx,
            index.heap_bytes() as f64 / n as f64,
            vm("VmRSS:")
        );
    }
    println!("  end-to-end {:.2}s", t0.elapsed().as_secs_f64());
    Ok(())
}

fn read_into(
    input: &str,
    with_title: bool,
    recs: &mut Vec<Rec>,
) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::open(input)?;
    let reader: Box<dyn Read> = if input.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let id = match field(&v, &["id", "docno"]) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(x) => x.to_string(),
            None => format!("line{n}"),
        };
        let body = field(&v, &["text", "content"])
            .and_then(|x| x.as_str())
            .unwrap_or("");
        let title = if with_title {
            field(&v, &["title"]).and_then(|x| x.as_str()).unwrap_or("")
        } else {
            ""
        };
        let text = if title.is_empty() {
            body.to_string()
        } else {
            format!("{title}\n\n{body}")
        };
        let published = field(&v, &["published", "time_iso", "time", "date_extracted"])
            .and_then(|x| x.as_str())
            .and_then(text::date::parse_datetime)
            .map(|d| d.unix);
        let source = field(&v, &["source", "src"])
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        recs.push(Rec {
            id,
            published,
            source,
            text,
        });
    }
    Ok(())
}
