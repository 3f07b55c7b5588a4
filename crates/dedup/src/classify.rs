//! Verification: the verdict on one candidate pair, from its two signatures.
//!
//! Rules, in order (both texts must be [`Signature::eligible`]):
//! 1. same exact hash → [`Kind::Exact`];
//! 2. the smaller text's bigram share inside the larger one is ≥ `containment` and the larger
//!    one has ≥ `containment_ratio` times as many bigrams → [`Kind::Containment`] (added material);
//! 3. content-word Jaccard ≥ `threshold` and bigram Jaccard ≥ `order` → [`Kind::Near`];
//! 4. share ≥ `containment` → [`Kind::Containment`];
//! 5. otherwise no duplicate.
//!
//! Share is estimated from the bigram Jaccard estimate J and the exact counts |A|, |B|:
//! |A∩B| = J(|A|+|B|)/(1+J). It does not look at texts.

use crate::{Config, Kind, Signature, Verdict};

/// Fraction of equal positions.
#[inline]
pub(crate) fn agreement(a: &[u16], b: &[u16]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// Verify one pair. `None` when the pair is not a duplicate of any kind (or signatures of
/// different configs are compared).
pub fn classify(cfg: &Config, x: &Signature, y: &Signature) -> Option<Verdict> {
    if !x.eligible(cfg)
        || !y.eligible(cfg)
        || x.near.len() != y.near.len()
        || x.cont.len() != y.cont.len()
    {
        return None;
    }
    let (nx, ny) = (x.cont_count as f64, y.cont_count as f64);
    let first_contained = nx <= ny;
    if x.exact == y.exact {
        return Some(Verdict {
            kind: Kind::Exact,
            similarity: 1.0,
            share: 1.0,
            first_contained,
        });
    }
    let jn = agreement(&x.near, &y.near);
    let jc = agreement(&x.cont, &y.cont);
    let inter = jc * (nx + ny) / (1.0 + jc);
    let small = nx.min(ny).max(1.0);
    let share = (inter / small).min(1.0);
    let ratio = nx.max(ny) / small;
    let verdict = |kind, similarity| {
        Some(Verdict {
            kind,
            similarity,
            share,
            first_contained,
        })
    };
    if share >= cfg.containment && ratio >= cfg.containment_ratio {
        return verdict(Kind::Containment, jn);
    }
    if jn >= cfg.threshold && jc >= cfg.order {
        return verdict(Kind::Near, jn);
    }
    if share >= cfg.containment {
        return verdict(Kind::Containment, jn);
    }
    None
}
