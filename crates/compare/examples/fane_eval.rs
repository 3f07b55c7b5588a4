//! Precision and recall of `compare::entities::find_entities` on the newswire part of the FANE
//! gold (NewsFANE_Gold_2014_170K.txt), which the gazetteer was not built from.
//!
//! `cargo run --release -p compare --example fane_eval [-- PATH]`; the default path is
//! `../shared/data/arabic/fane-gold-ner/NewsFANE_Gold_2014_170K.txt` from the repository root.
//! Sentences are rebuilt by joining the gold tokens with spaces. Fine FANE types fold to person,
//! organisation and place as in `tools/build_gazetteer.py`; gold entities of other types (groups,
//! products, weapons ...) are left out, and a prediction that lands exactly on one is not counted.
//! `SHOW_FP=person` (or organization, place) prints the false positives of a type, `SHOW_FN=...`
//! the missed gold names with the three words before them and what was predicted there.

use compare::EntityType;
use std::collections::HashSet;

fn coarse(fine: &str) -> Option<EntityType> {
    const PER: &[&str] = &[
        "Politician",
        "Athlete",
        "Artist",
        "Other_PER",
        "Religious_PER",
        "Scientist",
        "Businessperson",
        "Lawyer",
        "Engineer",
    ];
    const ORG: &[&str] = &[
        "Non-Governmental",
        "Sports",
        "Media",
        "Government",
        "Commercial",
        "Educational",
        "Police",
        "Religious_ORG",
        "Entertainment",
        "Medical-Science",
    ];
    const LOC: &[&str] = &[
        "Nation",
        "Population-Center",
        "State-or-Province",
        "GPE-Cluster",
        "Continent",
        "Water-Body",
        "Land",
        "County-or-District",
        "Building-Grounds",
        "Land-Region-Natural",
        "Path",
        "Airport",
        "Subarea-Facility",
    ];
    if PER.contains(&fine) {
        Some(EntityType::Person)
    } else if ORG.contains(&fine) {
        Some(EntityType::Organization)
    } else if LOC.contains(&fine) {
        Some(EntityType::Place)
    } else {
        None
    }
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<28} P={p:.3} R={r:.3} F1={f:.3} (tp={} fp={} fn={})",
            self.tp, self.fp, self.fn_
        )
    }
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        "../shared/data/arabic/fane-gold-ner/NewsFANE_Gold_2014_170K.txt".to_string()
    });
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}: skipping");
        return;
    };
    let mut typed = Score::default();
    let mut untyped = Score::default();
    let mut per_type = [Score::default(), Score::default(), Score::default()];
    let idx = |k: EntityType| match k {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Place => 2,
    };
    let mut sentences = 0;
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in raw.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if let Some(b) = blocks.last_mut() {
            b.push(line);
        }
    }
    let show_fp = std::env::var("SHOW_FP").ok();
    let show_fn = std::env::var("SHOW_FN").ok();
    for block in blocks {
        let mut toks: Vec<(String, String)> = Vec::new();
        for line in block {
            let mut parts = line.split('\t');
            let (Some(t), Some(tag)) = (parts.next(), parts.next()) else {
                continue;
            };
            let t: String = t
                .chars()
                .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{feff}'))
                .collect();
            let t = t.trim().to_string();
            if t.is_empty() {
                continue;
            }
            toks.push((t, tag.trim().to_string()));
        }
        if toks.is_empty() {
            continue;
        }
        sentences += 1;
        // Sentence text and token spans.
        let mut text = String::new();
        let mut spans = Vec::new();
        for (t, _) in &toks {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        // Gold entities (token ranges).
        let mut gold: HashSet<(usize, usize, EntityType)> = HashSet::new();
        let mut ignored: HashSet<(usize, usize)> = HashSet::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(fine) = toks[i].1.strip_prefix("B-") {
                let mut j = i + 1;
                while j < toks.len() && toks[j].1 == format!("I-{fine}") {
                    j += 1;
                }
                match coarse(fine) {
                    Some(k) => {
                        gold.insert((i, j, k));
                    }
                    None => {
                        ignored.insert((i, j));
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }
        // Predictions mapped to token ranges.
        let mut pred: HashSet<(usize, usize, EntityType)> = HashSet::new();
        for m in compare::entities::find_entities(&text) {
            let s = spans.iter().position(|&(a, b)| m.start >= a && m.start < b);
            let e = spans.iter().rposition(|&(a, b)| m.end > a && m.end <= b);
            if let (Some(s), Some(e)) = (s, e) {
                pred.insert((s, e + 1, m.kind));
            }
        }
        let pred: HashSet<_> = pred
            .into_iter()
            .filter(|p| !ignored.contains(&(p.0, p.1)))
            .collect();
        for p in &pred {
            if gold.contains(p) {
                typed.tp += 1;
                per_type[idx(p.2)].tp += 1;
            } else {
                typed.fp += 1;
                per_type[idx(p.2)].fp += 1;
                if show_fp.as_deref() == Some(p.2.as_str()) {
                    let words: Vec<&str> = toks[p.0..p.1].iter().map(|t| t.0.as_str()).collect();
                    let gold_here: Vec<String> = gold
                        .iter()
                        .filter(|g| g.0 < p.1 && p.0 < g.1)
                        .map(|g| {
                            let w: Vec<&str> =
                                toks[g.0..g.1].iter().map(|t| t.0.as_str()).collect();
                            format!("{}:{:?}", w.join(" "), g.2)
                        })
                        .collect();
                    println!("FP {} | gold overlap {:?}", words.join(" "), gold_here);
                }
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                typed.fn_ += 1;
                per_type[idx(g.2)].fn_ += 1;
                if show_fn.as_deref() == Some(g.2.as_str()) {
                    let before: Vec<&str> = toks[g.0.saturating_sub(3)..g.0]
                        .iter()
                        .map(|t| t.0.as_str())
                        .collect();
                    let words: Vec<&str> = toks[g.0..g.1].iter().map(|t| t.0.as_str()).collect();
                    let got: Vec<String> = pred
                        .iter()
                        .filter(|p| p.0 < g.1 && g.0 < p.1)
                        .map(|p| {
                            let w: Vec<&str> =
                                toks[p.0..p.1].iter().map(|t| t.0.as_str()).collect();
                            format!("{}:{:?}", w.join(" "), p.2)
                        })
                        .collect();
                    println!(
                        "FN {} [{}] | got {:?}",
                        before.join(" "),
                        words.join(" "),
                        got
                    );
                }
            }
        }
        let gs: HashSet<(usize, usize)> = gold.iter().map(|g| (g.0, g.1)).collect();
        let ps: HashSet<(usize, usize)> = pred.iter().map(|p| (p.0, p.1)).collect();
        untyped.tp += ps.intersection(&gs).count();
        untyped.fp += ps.difference(&gs).count();
        untyped.fn_ += gs.difference(&ps).count();
    }
    println!("NewsFANE held-out evaluation: {sentences} sentences, exact token spans");
    println!("{}", typed.line("exact span + type"));
    println!("{}", untyped.line("exact span, any type"));
    println!("{}", per_type[0].line("  person"));
    println!("{}", per_type[1].line("  organization"));
    println!("{}", per_type[2].line("  place"));
}
