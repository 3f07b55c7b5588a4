//! The join decision: a logistic model over a handful of article-vs-story signals.
//!
//! Signals (each in 0..=1, see [`FEATURES`]): TF-IDF cosine of titles, of bodies, of the article's
//! title against the story's bodies, the best title and body matches against a single member, overlap of
//! salient match keys (names, places), shared numbers, Gaussian time proximity to the story's
//! newest article (σ = 1 day: is the story still being reported?) and to its oldest and mean time
//! (σ ≈ 3 days), and the story's size. The weights are fitted by
//! [`fit`] (plain L2-regularised logistic regression, no ML dependency) on teacher-forced pairs
//! from labelled data ([`crate::train`]); the shipped [`Params::default`] is the output of
//! `cargo run --release -p story --example fit_weights` on the dev set.
//! It does not compute the signals (that is the clusterer's job) nor pick candidates.

use serde::{Deserialize, Serialize};

/// Number of signals.
pub const NF: usize = 12;

/// Names of the signals, in order.
pub const FEATURES: [&str; NF] = [
    "title_cos",
    "body_cos",
    "title_vs_story_body",
    "best_member_title",
    "best_member_body",
    "salient_keys",
    "numbers",
    "time_newest",
    "time_oldest",
    "time_mean",
    "log_size",
    "best_member_chars",
];

/// One candidate pair's signals.
pub type Features = [f32; NF];

/// Logistic model: `p = σ(b + w·x)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub w: [f32; NF],
    pub b: f32,
}

impl Model {
    pub fn prob(&self, x: &Features) -> f32 {
        let z = self.b + self.w.iter().zip(x).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Everything that shapes clustering decisions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub model: Model,
    /// Join the best candidate when its probability reaches this.
    pub join_threshold: f32,
    /// Batch repair merges two stories when the model gives at least this.
    pub repair_threshold: f32,
    /// Candidate stories must have an article within this many days.
    pub window_days: f32,
    /// Width of the time-proximity Gaussian to a story's oldest and mean time (the newest uses a
    /// fixed day).
    pub sigma_days: f32,
    /// Candidates scored in full per article.
    pub max_candidates: usize,
}

impl Default for Params {
    /// Fitted on the 242-article dev set (all of it) by `examples/fit_weights.rs`: logistic
    /// regression (L2 = 0.01) on teacher-forced article-vs-candidate pairs; the join and repair
    /// thresholds are the fixed decision points of [`crate::train`]. Cross-validated figures, where
    /// the scored articles never take part in fitting, are in `examples/dev_eval.rs`.
    fn default() -> Self {
        Params {
            model: Model {
                w: FITTED_W,
                b: FITTED_B,
            },
            join_threshold: crate::train::JOIN,
            repair_threshold: crate::train::REPAIR,
            window_days: 10.0,
            sigma_days: 3.0,
            max_candidates: 12,
        }
    }
}

// Output of `cargo run --release -p story --example fit_weights` (in-sample BCubed F1 0.9558).
const FITTED_W: [f32; NF] = [
    1.2132045, 2.0436847, 0.89654833, 1.2089936, 1.8817283, 1.5199584, 0.79351294, 0.96408975,
    0.17457877, 0.16052307, 0.9744043, 1.4474272,
];
const FITTED_B: f32 = -3.672343;

/// Fit a logistic model by Newton's method with L2 penalty `l2` (bias not penalised). Positives
/// and negatives are weighted equally in total, so the rare positives are not drowned out;
/// thresholds are calibrated afterwards on clustering quality.
#[allow(clippy::needless_range_loop)] // index loops read like the maths
pub fn fit(samples: &[(Features, bool)], l2: f32) -> Model {
    let mut w = [0f64; NF];
    let mut b = 0f64;
    let n_pos = samples.iter().filter(|s| s.1).count().max(1) as f64;
    let n_neg = samples.iter().filter(|s| !s.1).count().max(1) as f64;
    let (wp, wn) = (0.5 / n_pos, 0.5 / n_neg);
    let l2 = f64::from(l2);
    // Newton's method: the problem is small (NF + 1 unknowns) and convex.
    for _ in 0..50 {
        let mut grad = [0f64; NF + 1];
        let mut hess = [[0f64; NF + 1]; NF + 1];
        for (x, y) in samples {
            let mut xe = [0f64; NF + 1];
            for i in 0..NF {
                xe[i] = f64::from(x[i]);
            }
            xe[NF] = 1.0;
            let z = b + (0..NF).map(|i| w[i] * xe[i]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let sw = if *y { wp } else { wn };
            let r = p - if *y { 1.0 } else { 0.0 };
            let h = p * (1.0 - p);
            for i in 0..=NF {
                grad[i] += sw * r * xe[i];
                for j in 0..=NF {
                    hess[i][j] += sw * h * xe[i] * xe[j];
                }
            }
        }
        for i in 0..NF {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        hess[NF][NF] += 1e-9;
        let Some(step) = solve(hess, grad) else { break };
        let mut moved = 0f64;
        for i in 0..NF {
            w[i] -= step[i];
            moved += step[i].abs();
        }
        b -= step[NF];
        if moved + step[NF].abs() < 1e-7 {
            break;
        }
    }
    let mut wf = [0f32; NF];
    for i in 0..NF {
        wf[i] = w[i] as f32;
    }
    Model { w: wf, b: b as f32 }
}

/// Solve `a x = g` by Gaussian elimination with partial pivoting.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: [[f64; NF + 1]; NF + 1], mut g: [f64; NF + 1]) -> Option<[f64; NF + 1]> {
    let n = NF + 1;
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        g.swap(c, p);
        for r in c + 1..n {
            let f = a[r][c] / a[c][c];
            for k in c..n {
                a[r][k] -= f * a[c][k];
            }
            g[r] -= f * g[c];
        }
    }
    let mut x = [0f64; NF + 1];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (g[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_separates_a_learnable_signal() {
        // Positives have a high first signal, negatives a low one; the other signals are noise.
        let mut s = Vec::new();
        for i in 0..200 {
            let noise = (i % 7) as f32 / 7.0;
            let mut pos = [noise; NF];
            pos[0] = 0.6 + (i % 5) as f32 / 20.0;
            let mut neg = [noise; NF];
            neg[0] = 0.1 + (i % 5) as f32 / 20.0;
            s.push((pos, true));
            s.push((neg, false));
        }
        let m = fit(&s, 0.01);
        assert!(m.w[0] > 3.0, "weight on the signal: {m:?}");
        assert!(
            m.w[1..].iter().all(|w| w.abs() < 0.1),
            "noise got weight: {m:?}"
        );
        let mut hi = [0.5; NF];
        hi[0] = 0.7;
        let mut lo = [0.5; NF];
        lo[0] = 0.15;
        assert!(m.prob(&hi) > 0.7 && m.prob(&lo) < 0.3, "{m:?}");
    }
}
