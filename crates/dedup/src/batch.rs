//! Batch runs: a set of documents in, every verified pair or group out, without a store.
//!
//! Signatures are computed in parallel (rayon); candidates come from sorting band keys (no hash
//! tables), so memory stays close to the signatures themselves; a pair is listed by the first
//! band where it meets, not once per band. Output order is deterministic:
//! it does not depend on thread count or scheduling.

use crate::classify::{agreement, classify};
use crate::group::{GroupDoc, build};
use crate::signature::{WordCache, permutations, signature_with};
use crate::{Banding, Config, Error, Group, Kind, Match, Signature, agency};
use rayon::prelude::*;
use std::sync::Mutex;

/// Band keys shared by more documents than this link them as a chain (each to the next) instead
/// of all pairs, so one boilerplate-heavy bucket cannot make the run quadratic.
const MAX_BUCKET: usize = 2_000;

/// Signatures of all `docs`, in parallel. Each worker thread keeps one word cache for the whole
/// run (rayon's per-split state would start many cold caches).
pub fn signatures(cfg: &Config, docs: &[crate::Doc]) -> Vec<Signature> {
    let (a, b) = permutations(cfg.num_perm);
    let caches: Vec<Mutex<WordCache>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::default())
        .collect();
    docs.par_iter()
        .with_min_len(64)
        .map(|d| {
            let slot = rayon::current_thread_index().unwrap_or(0) % caches.len();
            // A worker holds its own slot while signing one text (no rayon call inside), so the
            // lock is never contended; a poisoned cache is still a valid cache.
            let mut cache = caches[slot].lock().unwrap_or_else(|e| e.into_inner());
            signature_with(cfg, d.text, &a, &b, &mut cache)
        })
        .collect()
}

fn candidate_pairs(cfg: &Config, sigs: &[Signature]) -> Vec<(u32, u32)> {
    let banding = Banding::choose(cfg);
    let nb = banding.bands;
    let eligible: Vec<u32> = (0..sigs.len() as u32)
        .filter(|&i| sigs[i as usize].eligible(cfg))
        .collect();
    // Band keys of the eligible documents, one row of `nb` keys per document.
    let keys: Vec<u32> = eligible
        .par_iter()
        .with_min_len(256)
        .flat_map_iter(|&i| {
            (0..nb).map(move |band| banding_key(&banding, &sigs[i as usize].near, band))
        })
        .collect();
    let key = |p: usize, band: usize| keys.get(p * nb + band).copied();
    // Per band: (key, position in `eligible`), sorted, so equal keys form runs.
    let sorted: Vec<Vec<(u32, u32)>> = (0..nb)
        .into_par_iter()
        .map(|band| {
            let v: Vec<(u32, u32)> = (0..eligible.len() as u32)
                .map(|p| (key(p as usize, band).unwrap_or(0), p))
                .collect();
            // Positions are already ascending: a stable sort by key orders by (key, position).
            radix_sort_by_key(v)
        })
        .collect();
    // Keys shared by too many documents, per band (usually none).
    let huge: Vec<Vec<u32>> = sorted
        .iter()
        .map(|v| {
            v.chunk_by(|x, y| x.0 == y.0)
                .filter(|r| r.len() > MAX_BUCKET)
                .filter_map(|r| r.first().map(|x| x.0))
                .collect()
        })
        .collect();
    let per_band: Vec<Vec<u64>> = sorted
        .par_iter()
        .enumerate()
        .map(|(band, v)| {
            // A pair is listed by the first band where it shares an ordinary bucket, so the
            // candidates need no deduplication over all bands.
            let listed_before = |p: u32, q: u32| {
                (0..band).any(|b| {
                    let k = key(p as usize, b);
                    k == key(q as usize, b) && k.is_some_and(|k| !huge[b].contains(&k))
                })
            };
            let doc = |p: u32| eligible[p as usize] as u64;
            let mut pairs = Vec::new();
            for run in v.chunk_by(|x, y| x.0 == y.0) {
                if run.len() > MAX_BUCKET {
                    for w in run.windows(2) {
                        pairs.push((doc(w[0].1) << 32) | doc(w[1].1));
                    }
                } else {
                    for (x, &(_, p)) in run.iter().enumerate() {
                        for &(_, q) in &run[x + 1..] {
                            if !listed_before(p, q) {
                                pairs.push((doc(p) << 32) | doc(q));
                            }
                        }
                    }
                }
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

/// Stable sort by the first field: four passes of a byte each (least significant first).
fn radix_sort_by_key(mut v: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    let mut out = vec![(0, 0); v.len()];
    for shift in [0, 8, 16, 24] {
        let mut start = [0usize; 256];
        for &(k, _) in &v {
            start[(k >> shift) as usize & 255] += 1;
        }
        let mut sum = 0;
        for s in start.iter_mut() {
            (*s, sum) = (sum, sum + *s);
        }
        for &x in &v {
            let b = (x.0 >> shift) as usize & 255;
            out[start[b]] = x;
            start[b] += 1;
        }
        std::mem::swap(&mut v, &mut out);
    }
    v
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: every pair sharing a band key (bucket by bucket, a chain in buckets over
    /// `MAX_BUCKET`), plus equal exact hashes; deduplicated and sorted.
    fn reference(cfg: &Config, sigs: &[Signature]) -> Vec<(u32, u32)> {
        let banding = Banding::choose(cfg);
        let eligible: Vec<u32> = (0..sigs.len() as u32)
            .filter(|&i| sigs[i as usize].eligible(cfg))
            .collect();
        let mut all = Vec::new();
        for band in 0..banding.bands {
            let mut keys: Vec<(u32, u32)> = eligible
                .iter()
                .map(|&i| (banding.key_of(&sigs[i as usize].near, band), i))
                .collect();
            keys.sort_unstable();
            for run in keys.chunk_by(|x, y| x.0 == y.0) {
                if run.len() > MAX_BUCKET {
                    all.extend(run.windows(2).map(|w| (w[0].1, w[1].1)));
                } else {
                    for (x, &(_, i)) in run.iter().enumerate() {
                        all.extend(run[x + 1..].iter().map(|&(_, j)| (i, j)));
                    }
                }
            }
        }
        let mut exact: Vec<(u64, u32)> = eligible
            .iter()
            .map(|&i| (sigs[i as usize].exact, i))
            .collect();
        exact.sort_unstable();
        all.extend(
            exact
                .windows(2)
                .filter(|w| w[0].0 == w[1].0)
                .map(|w| (w[0].1, w[1].1)),
        );
        all.sort_unstable();
        all.dedup();
        all
    }

    #[test]
    fn radix_sort_orders_by_key_then_position() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let v: Vec<(u32, u32)> = (0..5_000u32)
            .map(|p| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Few distinct keys in some bytes, many in others: runs of equal keys.
                ((state as u32) & 0xff00_0f0f, p)
            })
            .collect();
        let mut want = v.clone();
        want.sort_unstable();
        assert_eq!(radix_sort_by_key(v), want);
        assert_eq!(radix_sort_by_key(Vec::new()), Vec::new());
    }

    #[test]
    fn candidates_are_every_pair_sharing_a_bucket_once() {
        let cfg = Config::default();
        let mut state = 0x853c_49e6_748f_ea9bu64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // Band 0 is one bucket shared by every document (over MAX_BUCKET: chained); the other
        // bands are shared within small families, partly, so pairs meet in several bands.
        let sigs: Vec<Signature> = (0..MAX_BUCKET as u64 + 300)
            .map(|d| {
                let near = (0..cfg.num_perm)
                    .map(|v| match v {
                        0..4 => 7,
                        _ if next() % 3 == 0 => next() as u16,
                        _ => (d / 4 * 131 + v as u64 % 9) as u16,
                    })
                    .collect();
                Signature {
                    exact: if d % 50 == 0 { 1 } else { next() },
                    near_count: if d % 97 == 0 { 3 } else { 100 },
                    cont_count: 100,
                    near,
                    cont: vec![0; cfg.containment_perm],
                }
            })
            .collect();
        let got = candidate_pairs(&cfg, &sigs);
        let want = reference(&cfg, &sigs);
        assert!(want.len() > 3_000, "{}", want.len());
        assert_eq!(got, want);
    }
}
