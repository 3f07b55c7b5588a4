//! Reading the dev set and the corpora for the example programs and the integration tests (IO lives here, not in the crate).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use story::Doc;
use story::eval::Scores;

pub fn parse_time(s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    let dt: jiff::civil::DateTime = s.parse().ok()?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(dt)
        .ok()
        .map(|t| t.as_second())
}

fn field<'a>(v: &'a serde_json::Value, names: &[&str]) -> &'a str {
    names
        .iter()
        .find_map(|n| v.get(*n).and_then(|x| x.as_str()))
        .unwrap_or("")
}

/// One JSON line of any of our article formats (dev set, ANT, SaudiNewsNet) → Doc.
pub fn doc_from_json(v: &serde_json::Value) -> Doc {
    let time = field(v, &["published", "time_iso", "date_extracted"]);
    Doc {
        id: field(v, &["id", "docno"]).to_string(),
        source: field(v, &["source", "src"]).to_string(),
        published: parse_time(time),
        title: field(v, &["title"]).to_string(),
        text: field(v, &["text", "content"]).to_string(),
        dup_of: None,
    }
}

pub fn read_jsonl(path: &str) -> std::io::Result<Vec<serde_json::Value>> {
    let f = std::fs::File::open(path)?;
    let r: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    };
    let mut out = Vec::new();
    for line in r.lines() {
        let line = line?;
        if let Ok(v) = serde_json::from_str(&line) {
            out.push(v);
        }
    }
    Ok(out)
}

/// Article id → gold label.
pub type Labels = HashMap<String, String>;

/// Dev articles with gold story and event labels.
pub fn dev(dir: &str) -> std::io::Result<(Vec<Doc>, Labels, Labels)> {
    let docs: Vec<Doc> = read_jsonl(&format!("{dir}/articles.jsonl"))?
        .iter()
        .map(doc_from_json)
        .collect();
    let mut story = HashMap::new();
    let mut event = HashMap::new();
    for g in read_jsonl(&format!("{dir}/gold.jsonl"))? {
        let id = field(&g, &["id"]).to_string();
        story.insert(id.clone(), field(&g, &["story"]).to_string());
        event.insert(id, field(&g, &["event"]).to_string());
    }
    Ok((docs, story, event))
}

/// The column heads of [`row`].
pub fn header() {
    println!(
        "{:<22} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>5} {:>5}",
        "", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pairF1", "pred", "gold"
    );
}

/// One line of scores: BCubed, pairwise, predicted and gold cluster counts.
pub fn row(name: &str, s: &Scores) {
    let f = s.figures().map(|x| format!("{x:>6.3}"));
    println!(
        "{name:<22} {} | {} | {:>5} {:>5}",
        f[..3].join(" "),
        f[3..].join(" "),
        s.pred_clusters,
        s.gold_clusters
    );
}
