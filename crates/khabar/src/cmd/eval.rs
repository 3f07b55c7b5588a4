//! `khabar eval`: score the stored stories against a gold file, beside the simple baseline.

use anyhow::{Context, bail};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Gold labels: JSON lines {"id","story","event"}.
    #[arg(long)]
    gold: std::path::PathBuf,
    /// Score stories or the finer events.
    #[arg(long, value_enum, default_value = "story")]
    level: Level,
    /// Join threshold of the character n-gram baseline scored beside khabar.
    #[arg(long, default_value_t = BASELINE_THRESHOLD)]
    baseline_threshold: f32,
    /// Print the scores as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Baseline join threshold (cosine of character 3–5-gram TF-IDF centroids); see BENCHMARKS.md.
const BASELINE_THRESHOLD: f32 = 0.3;

#[derive(Clone, Copy, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
enum Level {
    Story,
    Event,
}

#[derive(serde::Serialize)]
struct Report {
    level: Level,
    articles_scored: usize,
    khabar: story::eval::Scores,
    baseline: story::eval::Scores,
    baseline_threshold: f32,
}

fn read_gold(path: &std::path::Path, level: Level) -> anyhow::Result<HashMap<String, String>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut gold = HashMap::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: not UTF-8 text", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: malformed JSON", path.display(), i + 1))?;
        let key = match level {
            Level::Story => "story",
            Level::Event => "event",
        };
        let (Some(id), Some(label)) = (v["id"].as_str(), v[key].as_str()) else {
            bail!(
                "{}:{}: needs string fields \"id\" and \"{key}\"",
                path.display(),
                i + 1
            );
        };
        gold.insert(id.to_string(), label.to_string());
    }
    Ok(gold)
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let gold = read_gold(&args.gold, args.level)?;
    let store = super::open_existing_store(data)?;
    let pred = engine::cluster_run::labels(&store)?;
    if pred.is_empty() {
        bail!(
            "no stories in {}: run `khabar cluster` first",
            data.display()
        );
    }
    let scored = gold.keys().filter(|id| pred.contains_key(*id)).count();
    if scored == 0 {
        bail!("none of the gold articles is in the store");
    }
    let gold: HashMap<String, String> = gold
        .into_iter()
        .filter(|(id, _)| pred.contains_key(id))
        .collect();
    let mut docs = Vec::new();
    store.for_each_article(|a| {
        if gold.contains_key(&a.id) {
            docs.push(story::Doc {
                id: a.id,
                source: a.source,
                published: a.published.map(|p| p.unix),
                title: a.title,
                text: a.text,
                dup_of: None,
            });
        }
    })?;
    let base: HashMap<String, String> = story::baseline::cluster(&docs, args.baseline_threshold)
        .into_iter()
        .map(|(id, c)| (id, c.to_string()))
        .collect();
    let report = Report {
        level: args.level,
        articles_scored: scored,
        khabar: story::eval::score(&pred, &gold),
        baseline: story::eval::score(&base, &gold),
        baseline_threshold: args.baseline_threshold,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        super::json_line(&mut out, &report)?;
    } else {
        writeln!(
            out,
            "{} articles scored at {} level",
            scored,
            match args.level {
                Level::Story => "story",
                Level::Event => "event",
            }
        )?;
        writeln!(
            out,
            "{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}",
            "method", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "clusters"
        )?;
        for (name, s) in [("khabar", &report.khabar), ("baseline", &report.baseline)] {
            writeln!(
                out,
                "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>8}",
                name,
                s.bcubed_p,
                s.bcubed_r,
                s.bcubed_f1,
                s.pair_p,
                s.pair_r,
                s.pair_f1,
                s.pred_clusters
            )?;
        }
        writeln!(out, "gold clusters: {}", report.khabar.gold_clusters)?;
    }
    Ok(ExitCode::SUCCESS)
}
