//! Batch runs: a set of documents in, every verified pair or group out, without a store.
//!
//! Signatures are computed in parallel (rayon); candidates come from sorting band keys (no hash
//! tables), so memory stays close to the signatures themselves. Output order is deterministic:
//! it does not depend on thread count or scheduling.

use crate::classify::{agreement, classify};
use crate::group::{GroupDoc, build};
use crate::signature::{WordCache, permutations, signature_with};
use crate::{Banding, Config, Error, Group, Kind, Match, Signature, agency};
use rayon::prelude::*;

/// Band keys shared by more documents than this link them as a chain (each to the next) instead
/// of all pairs, so one boilerplate-heavy bucket cannot make the run quadratic.
const MAX_BUCKET: usize = 2_000;

/// Signatures of all `docs`, in parallel.
pub fn signatures(cfg: &Config, docs: &[crate::Doc]) -> Vec<Signature> {
    let (a, b) = permutations(cfg.num_perm);
    docs.par_iter()
        .with_min_len(64)
        .map_init(WordCache::default, |cache, d| {
            signature_with(cfg, d.text, &a, &b, cache)
        })
        .collect()
}

fn candidate_pairs(cfg: &Config, sigs: &[Signature]) -> Vec<(u32, u32)> {
    let banding = Banding::choose(cfg);
    let eligible: Vec<u32> = (0..sigs.len() as u32)
        .filter(|&i| sigs[i as usize].eligible(cfg))
        .collect();
    let per_band: Vec<Vec<u64>> = (0..banding.bands)
        .into_par_iter()
        .map(|band| {
            let mut keys: Vec<(u32, u32)> = eligible
                .iter()
                .map(|&i| (banding_key(&banding, &sigs[i as usize].near, band), i))
                .collect();
            keys.sort_unstable();
            let mut pairs = Vec::new();
            let mut s = 0;
            while s < keys.len() {
                let mut e = s + 1;
                while e < keys.len() && keys[e].0 == keys[s].0 {
                    e += 1;
                }
                let run = &keys[s..e];
                if run.len() > MAX_BUCKET {
                    for w in run.windows(2) {
                        pairs.push(((w[0].1 as u64) << 32) | w[1].1 as u64);
                    }
                } else {
                    for (x, &(_, i)) in run.iter().enumerate() {
                        for &(_, j) in &run[x + 1..] {
                            pairs.push(((i as u64) << 32) | j as u64);
                        }
                    }
                }
                s = e;
            }
            pairs
        })
        .collect();
    let mut all: Vec<u64> = per_band.into_iter().flatten().collect();
    // Exact copies meet through the exact hash too (identical near signatures share every band).
    let mut exact: Vec<(u64, u32)> = eligible
        .iter()
        .map(|&i| (sigs[i as usize].exact, i))
        .collect();
    exact.sort_unstable();
    for w in exact.windows(2) {
        if w[0].0 == w[1].0 {
            all.push(((w[0].1 as u64) << 32) | w[1].1 as u64);
        }
    }
    all.par_sort_unstable();
    all.dedup();
    all.into_iter()
        .map(|p| ((p >> 32) as u32, p as u32))
        .collect()
}

fn banding_key(b: &Banding, sig: &[u16], band: usize) -> u32 {
    b.key_of(sig, band)
}

fn verify(
    cfg: &Config,
    docs: &[crate::Doc],
    sigs: &[Signature],
    pairs: &[(u32, u32)],
) -> Vec<(u32, u32, Match)> {
    pairs
        .par_iter()
        .with_min_len(256)
        .filter_map(|&(i, j)| {
            let v = classify(cfg, &sigs[j as usize], &sigs[i as usize])?;
            let (a, b) = if v.kind == Kind::Containment && !v.first_contained {
                (i, j)
            } else {
                (j, i)
            };
            Some((
                a,
                b,
                Match {
                    a: docs[a as usize].id.to_string(),
                    b: docs[b as usize].id.to_string(),
                    kind: v.kind,
                    similarity: crate::group::round4(v.similarity),
                    share: crate::group::round4(v.share),
                },
            ))
        })
        .collect()
}

/// Every verified pair among `docs` (ids as given; `a` is the later document in input order
/// unless it is a containment, where `a` is the contained text). Sorted by (earlier, later) input
/// position.
pub fn batch_matches(cfg: &Config, docs: &[crate::Doc]) -> Result<Vec<Match>, Error> {
    cfg.validate()?;
    let sigs = signatures(cfg, docs);
    let pairs = candidate_pairs(cfg, &sigs);
    Ok(verify(cfg, docs, &sigs, &pairs)
        .into_iter()
        .map(|(_, _, m)| m)
        .collect())
}

/// Groups of copies among `docs`.
pub fn batch(cfg: &Config, docs: &[crate::Doc]) -> Result<Vec<Group>, Error> {
    Ok(batch_with_signatures(cfg, docs)?.1)
}

/// Matches and groups among `docs`, one signature pass.
pub fn batch_with_signatures(
    cfg: &Config,
    docs: &[crate::Doc],
) -> Result<(Vec<Match>, Vec<Group>), Error> {
    cfg.validate()?;
    let sigs = signatures(cfg, docs);
    let pairs = candidate_pairs(cfg, &sigs);
    let verified = verify(cfg, docs, &sigs, &pairs);
    let edges: Vec<(u32, u32, Kind, f64)> = verified
        .iter()
        .map(|(a, b, m)| {
            (
                *a,
                *b,
                m.kind,
                if m.kind == Kind::Containment {
                    m.share
                } else {
                    m.similarity
                },
            )
        })
        .collect();
    let mut in_group = vec![false; docs.len()];
    for &(a, b, _, _) in &edges {
        in_group[a as usize] = true;
        in_group[b as usize] = true;
    }
    let agencies: Vec<Option<&'static str>> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| if in_group[i] { agency(d.text) } else { None })
        .collect();
    let gdocs: Vec<GroupDoc> = docs
        .iter()
        .zip(&agencies)
        .map(|(d, a)| GroupDoc {
            id: d.id,
            published: d.published,
            agency: *a,
        })
        .collect();
    let relate = |m: usize, o: usize| {
        classify(cfg, &sigs[m], &sigs[o]).map(|v| {
            let s = if v.kind == Kind::Containment {
                v.share
            } else {
                v.similarity
            };
            (v.kind, s)
        })
    };
    let estimate = |m: usize, o: usize| Some(agreement(&sigs[m].near, &sigs[o].near));
    let groups = build(&gdocs, &edges, relate, estimate);
    Ok((verified.into_iter().map(|(_, _, m)| m).collect(), groups))
}
