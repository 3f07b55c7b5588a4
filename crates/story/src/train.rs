//! Fitting and cross-validating the join decision on labelled articles.
//!
//! [`fit`] runs the clusterer teacher-forced over the labelled articles in publication order: each
//! article's retrieved candidate stories become training pairs (positive when the candidate is its
//! gold story), then the article is placed in its gold story. A logistic model is fitted on those
//! pairs; the join and repair thresholds are fixed decision points, not searched. [`fit_predict`]
//! fits the method and the baseline's threshold on one set of labels and clusters a set of
//! articles with both. [`cross_validate`] does this on folds of whole gold stories and scores only
//! articles whose labels took no part in fitting; [`transfer`] fits on one labelled set and scores
//! another (leave-one-set-out). Pure: callers read files.

use crate::baseline;
use crate::cluster::{Clusterer, StoryId, batch_analyzed, order};
use crate::eval::{self, Scores, Sums};
use crate::features::Analysis;
use crate::model::{self, Features, Params};
use crate::{Constraints, Doc};
use std::collections::HashMap;

/// L2 penalty of the logistic fit.
pub const L2: f32 = 0.01;
/// Join the best candidate story when the model gives at least this.
pub const JOIN: f32 = 0.5;
/// Merge two stories in repair only on clear evidence: a story-to-story merge moves many
/// articles at once, so it needs more than the article-level decision point.
pub const REPAIR: f32 = 0.7;

/// Teacher-forced training pairs from the articles that have a label in `gold`.
pub fn samples(
    docs: &[Doc],
    analyses: &[Analysis],
    gold: &HashMap<String, String>,
    params: &Params,
) -> Vec<(Features, bool)> {
    let mut c = Clusterer::new(*params);
    let mut story_of: HashMap<String, StoryId> = HashMap::new();
    let mut out = Vec::new();
    for i in order(docs) {
        if let (Some(label), Some(a)) = (gold.get(&docs[i].id), analyses.get(i)) {
            c.observe_gold(&docs[i], a, label, &mut story_of, &mut out);
        }
    }
    out
}

fn labels(c: &Clusterer) -> HashMap<String, String> {
    c.labels()
        .into_iter()
        .map(|(a, s)| (a, s.to_string()))
        .collect()
}

/// Cluster `docs` with `params` and score against `gold`.
pub fn run(
    docs: &[Doc],
    analyses: &[Analysis],
    gold: &HashMap<String, String>,
    params: &Params,
) -> Scores {
    let c = batch_analyzed(docs, analyses, params, &Constraints::default());
    eval::score(&labels(&c), gold)
}

/// Fit the model on the labelled articles among `docs`. The thresholds are not searched: the
/// join threshold is [`JOIN`], the decision point of a model fitted with balanced classes, and
/// the repair threshold is [`REPAIR`]. Searching them on the training articles (as earlier
/// versions did) fitted noise: under cross-validation it scored lower than these fixed values.
pub fn fit(
    docs: &[Doc],
    analyses: &[Analysis],
    gold: &HashMap<String, String>,
    base: &Params,
) -> Params {
    let (d, a) = subset(docs, analyses, |id| gold.contains_key(id));
    let mut p = *base;
    p.model = model::fit(&samples(&d, &a, gold, base), L2);
    p.join_threshold = JOIN;
    p.repair_threshold = REPAIR;
    p
}

fn subset(
    docs: &[Doc],
    analyses: &[Analysis],
    keep: impl Fn(&str) -> bool,
) -> (Vec<Doc>, Vec<Analysis>) {
    docs.iter()
        .zip(analyses)
        .filter(|(d, _)| keep(&d.id))
        .map(|(d, a)| (d.clone(), a.clone()))
        .unzip()
}

/// Fold of a gold label: a stable hash, so folds hold whole stories.
pub fn fold_of(label: &str, k: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in label.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    (h % k.max(1) as u64) as usize
}

/// Cross-validated scores of one method at every evaluation level.
#[derive(Debug, Clone, Default)]
pub struct CvResult {
    /// One entry per level in `eval_golds`, in order.
    pub levels: Vec<Scores>,
}

/// Cross-validation report: the real method and the baseline.
#[derive(Debug, Clone, Default)]
pub struct CvReport {
    pub method: CvResult,
    pub baseline: CvResult,
    /// Parameters fitted on each fold, and the baseline threshold chosen there.
    pub fold_params: Vec<Params>,
    pub fold_baseline_threshold: Vec<f32>,
}

/// Best baseline threshold on the labelled articles among `docs`.
pub fn fit_baseline(docs: &[Doc], gold: &HashMap<String, String>) -> f32 {
    let d: Vec<Doc> = docs
        .iter()
        .filter(|d| gold.contains_key(&d.id))
        .cloned()
        .collect();
    let grams: Vec<_> = d.iter().map(baseline::grams).collect();
    let mut best = (f64::MIN, 0.3f32);
    for j in 2..=24 {
        let t = j as f32 * 0.025;
        let labels = baseline::cluster_grams(&d, &grams, t)
            .into_iter()
            .map(|(a, c)| (a, c.to_string()))
            .collect();
        let f = eval::score(&labels, gold).bcubed_f1;
        if f > best.0 + 1e-9 {
            best = (f, t);
        }
    }
    best.1
}

pub fn baseline_labels(docs: &[Doc], t: f32) -> HashMap<String, String> {
    baseline::cluster(docs, t)
        .into_iter()
        .map(|(a, c)| (a, c.to_string()))
        .collect()
}

/// Articles with their analyses (`analyses[i]` belongs to `docs[i]`).
#[derive(Debug, Clone, Copy)]
pub struct Articles<'a> {
    pub docs: &'a [Doc],
    pub analyses: &'a [Analysis],
}

/// Both methods fitted on one set of labels and run on a set of articles.
#[derive(Debug, Clone)]
pub struct Prediction {
    /// The method's parameters and the baseline threshold, as fitted.
    pub params: Params,
    pub baseline_threshold: f32,
    /// Article id → predicted story, for every article clustered.
    pub method: HashMap<String, String>,
    pub baseline: HashMap<String, String>,
}

/// Fit the method and the baseline threshold on the articles of `train` labelled in `gold`, then
/// cluster all of `test` with each. `test` may be `train` itself (cross-validation scores only
/// the articles `gold` leaves out) or another set (leave-one-set-out).
pub fn fit_predict(
    train: Articles,
    gold: &HashMap<String, String>,
    test: Articles,
    base: &Params,
) -> Prediction {
    let params = fit(train.docs, train.analyses, gold, base);
    let c = batch_analyzed(test.docs, test.analyses, &params, &Constraints::default());
    let baseline_threshold = fit_baseline(train.docs, gold);
    Prediction {
        params,
        baseline_threshold,
        method: labels(&c),
        baseline: baseline_labels(test.docs, baseline_threshold),
    }
}

/// Leave-one-set-out: fitted on one labelled set, scored on all of another.
#[derive(Debug, Clone)]
pub struct Transfer {
    /// One entry per level in `eval_golds`, in order.
    pub method: Vec<Scores>,
    pub baseline: Vec<Scores>,
    pub prediction: Prediction,
}

/// Fit both methods on `train` with its labels `gold` (weights and baseline threshold alike),
/// cluster `test` and score it against each of `eval_golds`: nothing of `test` but its articles
/// is seen before scoring.
pub fn transfer(
    train: Articles,
    gold: &HashMap<String, String>,
    test: Articles,
    eval_golds: &[&HashMap<String, String>],
    base: &Params,
) -> Transfer {
    let prediction = fit_predict(train, gold, test, base);
    let score_all = |pred: &HashMap<String, String>| -> Vec<Scores> {
        eval_golds.iter().map(|g| eval::score(pred, g)).collect()
    };
    Transfer {
        method: score_all(&prediction.method),
        baseline: score_all(&prediction.baseline),
        prediction,
    }
}

/// k-fold cross-validation by gold story (`fit_gold` decides folds and is what fitting sees).
/// For each fold the parameters are fitted on the other folds' articles only; then all
/// articles are clustered and only the held-out fold's articles are scored (BCubed terms of
/// held-out articles, pairs whose smaller id is held out). Sums over folds give the scores.
pub fn cross_validate(
    docs: &[Doc],
    analyses: &[Analysis],
    fit_gold: &HashMap<String, String>,
    eval_golds: &[&HashMap<String, String>],
    k: usize,
    base: &Params,
) -> CvReport {
    let mut report = CvReport::default();
    let mut ms = vec![Sums::default(); eval_golds.len()];
    let mut bs = vec![Sums::default(); eval_golds.len()];
    let mut mcount = vec![0usize; eval_golds.len()];
    let mut bcount = vec![0usize; eval_golds.len()];
    let fold = |id: &str| fit_gold.get(id).map(|l| fold_of(l, k));
    for f in 0..k {
        let train: HashMap<String, String> = fit_gold
            .iter()
            .filter(|(id, _)| fold(id) != Some(f))
            .map(|(a, b)| (a.clone(), b.clone()))
            .collect();
        let all = Articles { docs, analyses };
        let pr = fit_predict(all, &train, all, base);
        let held = |id: &str| fold(id) == Some(f);
        for (l, g) in eval_golds.iter().enumerate() {
            ms[l].add(&eval::sums(&pr.method, g, held));
            bs[l].add(&eval::sums(&pr.baseline, g, held));
            mcount[l] += eval::score(&pr.method, g).pred_clusters;
            bcount[l] += eval::score(&pr.baseline, g).pred_clusters;
        }
        report.fold_params.push(pr.params);
        report.fold_baseline_threshold.push(pr.baseline_threshold);
    }
    for (l, g) in eval_golds.iter().enumerate() {
        let gold_clusters = g.values().collect::<std::collections::HashSet<_>>().len();
        let mut m = ms[l].scores();
        m.pred_clusters = mcount[l] / k.max(1);
        m.gold_clusters = gold_clusters;
        let mut b = bs[l].scores();
        b.pred_clusters = bcount[l] / k.max(1);
        b.gold_clusters = gold_clusters;
        report.method.levels.push(m);
        report.baseline.levels.push(b);
    }
    report
}
