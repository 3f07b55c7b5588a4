//! Scoring a clustering against gold labels: BCubed and pairwise precision, recall and F1, and
//! cluster counts. Only articles present in gold are scored; a gold article missing from the
//! prediction counts as a singleton. Labels are opaque strings (story or event ids).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Agreement of a predicted clustering with gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub bcubed_p: f64,
    pub bcubed_r: f64,
    pub bcubed_f1: f64,
    pub pair_p: f64,
    pub pair_r: f64,
    pub pair_f1: f64,
    pub pred_clusters: usize,
    pub gold_clusters: usize,
    pub n: usize,
}

impl Scores {
    /// BCubed P, R, F1 then pairwise P, R, F1, in the order tables print them.
    pub fn figures(&self) -> [f64; 6] {
        [
            self.bcubed_p,
            self.bcubed_r,
            self.bcubed_f1,
            self.pair_p,
            self.pair_r,
            self.pair_f1,
        ]
    }
}

/// Raw sums, so that scores over parts (cross-validation folds) can be added up exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    pub bp: f64,
    pub br: f64,
    pub items: usize,
    pub tp_pairs: u64,
    pub pred_pairs: u64,
    pub gold_pairs: u64,
}

impl Sums {
    pub fn add(&mut self, o: &Sums) {
        self.bp += o.bp;
        self.br += o.br;
        self.items += o.items;
        self.tp_pairs += o.tp_pairs;
        self.pred_pairs += o.pred_pairs;
        self.gold_pairs += o.gold_pairs;
    }

    /// Turn sums into scores (cluster counts are left at zero: they belong to one clustering).
    pub fn scores(&self) -> Scores {
        let f = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let n = self.items.max(1) as f64;
        let (bp, br) = (self.bp / n, self.br / n);
        // No predicted (gold) pairs at all: precision (recall) is vacuously perfect.
        let pp = if self.pred_pairs > 0 {
            self.tp_pairs as f64 / self.pred_pairs as f64
        } else {
            1.0
        };
        let pr = if self.gold_pairs > 0 {
            self.tp_pairs as f64 / self.gold_pairs as f64
        } else {
            1.0
        };
        Scores {
            bcubed_p: bp,
            bcubed_r: br,
            bcubed_f1: f(bp, br),
            pair_p: pp,
            pair_r: pr,
            pair_f1: f(pp, pr),
            pred_clusters: 0,
            gold_clusters: 0,
            n: self.items,
        }
    }
}

/// Score `pred` against `gold` over the articles in gold.
pub fn score(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> Scores {
    let s = sums(pred, gold, |_| true);
    let mut out = s.scores();
    let ids: Vec<&String> = gold.keys().collect();
    out.pred_clusters = count_clusters(&ids, |id| {
        pred.get(id)
            .map(|p| format!("p:{p}"))
            .unwrap_or(format!("solo:{id}"))
    });
    out.gold_clusters = count_clusters(&ids, |id| gold.get(id).cloned().unwrap_or_default());
    out
}

fn count_clusters(ids: &[&String], label: impl Fn(&str) -> String) -> usize {
    let mut set = std::collections::HashSet::new();
    for id in ids {
        set.insert(label(id));
    }
    set.len()
}

/// Sums over gold articles selected by `scored`: BCubed terms for each selected article (its
/// clusters are taken over all gold articles), and the pairs whose smaller id is selected.
pub fn sums(
    pred: &HashMap<String, String>,
    gold: &HashMap<String, String>,
    scored: impl Fn(&str) -> bool,
) -> Sums {
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    let plabel = |id: &str| -> String {
        match pred.get(id) {
            Some(p) => format!("p:{p}"),
            None => format!("solo:{id}"),
        }
    };
    let mut pcount: HashMap<String, usize> = HashMap::new();
    let mut gcount: HashMap<&String, usize> = HashMap::new();
    let mut both: HashMap<(String, &String), usize> = HashMap::new();
    for id in &ids {
        let (p, g) = (plabel(id), &gold[*id]);
        *pcount.entry(p.clone()).or_default() += 1;
        *gcount.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let mut s = Sums::default();
    for id in &ids {
        if !scored(id) {
            continue;
        }
        let (p, g) = (plabel(id), &gold[*id]);
        let inter = both[&(p.clone(), g)] as f64;
        s.bp += inter / pcount[&p] as f64;
        s.br += inter / gcount[g] as f64;
        s.items += 1;
    }
    for (i, a) in ids.iter().enumerate() {
        if !scored(a) {
            continue;
        }
        let (pa, ga) = (plabel(a), &gold[*a]);
        for b in &ids[i + 1..] {
            let same_p = plabel(b) == pa;
            let same_g = &gold[*b] == ga;
            s.pred_pairs += u64::from(same_p);
            s.gold_pairs += u64::from(same_g);
            s.tp_pairs += u64::from(same_p && same_g);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: &[(&str, &str)]) -> HashMap<String, String> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let g = m(&[("a", "1"), ("b", "1"), ("c", "2")]);
        let p = m(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let s = score(&p, &g);
        assert_eq!(
            (s.bcubed_f1, s.pair_f1, s.pred_clusters, s.gold_clusters),
            (1.0, 1.0, 2, 2)
        );
    }

    #[test]
    fn one_lumped_cluster_matches_hand_computation() {
        // gold {a,b} {c}; pred {a,b,c}.
        // BCubed P: a 2/3, b 2/3, c 1/3 → 5/9; R: all 1. Pairs: pred 3, gold 1, tp 1.
        let g = m(&[("a", "1"), ("b", "1"), ("c", "2")]);
        let p = m(&[("a", "x"), ("b", "x"), ("c", "x")]);
        let s = score(&p, &g);
        assert!((s.bcubed_p - 5.0 / 9.0).abs() < 1e-12);
        assert!((s.bcubed_r - 1.0).abs() < 1e-12);
        assert!((s.bcubed_f1 - 2.0 * (5.0 / 9.0) / (5.0 / 9.0 + 1.0)).abs() < 1e-12);
        assert!((s.pair_p - 1.0 / 3.0).abs() < 1e-12 && s.pair_r == 1.0);
        assert!((s.pair_f1 - 0.5).abs() < 1e-12);
        assert_eq!((s.pred_clusters, s.gold_clusters, s.n), (1, 2, 3));
    }

    #[test]
    fn all_singletons_against_pairs() {
        // gold {a,b} {c,d}; pred all apart (and d missing → singleton).
        // BCubed P 1, R 1/2 each → F1 2/3. Pairs: no predicted pairs, tp 0 → R 0, F1 0.
        let g = m(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]);
        let p = m(&[("a", "x"), ("b", "y"), ("c", "z")]);
        let s = score(&p, &g);
        assert!((s.bcubed_p - 1.0).abs() < 1e-12 && (s.bcubed_r - 0.5).abs() < 1e-12);
        assert!((s.bcubed_f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((s.pair_r, s.pair_f1, s.pred_clusters), (0.0, 0.0, 4));
    }

    #[test]
    fn articles_outside_gold_are_ignored_and_fold_sums_add_up() {
        let g = m(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]);
        let p = m(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("zz", "x")]);
        let whole = sums(&p, &g, |_| true);
        let mut parts = sums(&p, &g, |id| id < "c");
        parts.add(&sums(&p, &g, |id| id >= "c"));
        assert_eq!(whole, parts);
        // a: |{a,b,c}∩{a,b}|=2 → P 2/3 R 1; b same; c: P 1/3 R 1/2; d: P 1 R 1/2.
        let s = whole.scores();
        assert!((s.bcubed_p - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-12);
        assert!((s.bcubed_r - (1.0 + 1.0 + 0.5 + 0.5) / 4.0).abs() < 1e-12);
    }
}
