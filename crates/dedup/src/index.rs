//! The incremental LSH index: signatures in, verified matches against earlier documents out.
//!
//! Banding: the near signature's first `bands * rows` values are cut into `bands` bands of `rows`
//! values; two documents are candidates when any band is equal. [`Banding::choose`] picks the
//! largest `rows` (fewest chance candidates) for which some `bands` with `bands * rows <= num_perm`
//! finds a pair at the threshold with probability >= 0.95 and a pair at the containment floor with
//! probability >= 0.8, then the fewest such bands (memory).
//!
//! Memory per document: the two signatures as u16 (384 B by default), 8 bytes per band in sorted
//! band arrays (200 B with 25 bands), the exact hash, counts, publication time and the id bytes
//! (about 660 B in all for short ids). Texts and shingle sets are never kept: verification works on
//! signatures alone.

use crate::classify::classify;
use crate::{Config, Error, Kind, Match, Signature};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// How the near signature is cut into LSH bands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Banding {
    pub bands: usize,
    pub rows: usize,
}

impl Banding {
    /// P(a pair with Jaccard `j` shares at least one band) = 1 - (1 - j^rows)^bands.
    pub fn probability(&self, j: f64) -> f64 {
        1.0 - (1.0 - j.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// Choose the banding for `cfg` (see the module docs).
    pub fn choose(cfg: &Config) -> Banding {
        for rows in (1..=cfg.num_perm).rev() {
            let max_bands = cfg.num_perm / rows;
            for bands in 1..=max_bands {
                let b = Banding { bands, rows };
                if b.probability(cfg.threshold) >= 0.95 && b.probability(cfg.floor) >= 0.8 {
                    return b;
                }
            }
        }
        Banding {
            bands: cfg.num_perm,
            rows: 1,
        }
    }

    pub(crate) fn key_of(&self, sig: &[u16], band: usize) -> u32 {
        let start = band * self.rows;
        let vals = sig.get(start..start + self.rows).unwrap_or(&[]);
        let mut bytes = [0u8; 64];
        let mut n = 0;
        for v in vals.iter().take(32) {
            bytes[n..n + 2].copy_from_slice(&v.to_le_bytes());
            n += 2;
        }
        let h = xxh3_64_with_seed(&bytes[..n], band as u64);
        (h ^ (h >> 32)) as u32
    }
}

/// Keys are already hashes: pass them through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Fast = BuildHasherDefault<PassThrough>;
const NONE: u32 = u32::MAX;
const UNDATED: i64 = i64::MIN;

/// Per-document scalars (the id lives in `Index::ids`).
struct Entry {
    id_end: u32,
    published: i64,
    exact: u64,
    near_count: u32,
    cont_count: u32,
}

/// An LSH index that grows one document at a time.
///
/// Band entries live in two tiers: per band a sorted array of `(key, slot)` (8 bytes per
/// document, binary-searched) and a small hash-chained tier for recent insertions, merged into
/// the arrays once it holds an eighth of the index (amortised O(1) per insertion).
pub struct Index {
    cfg: Config,
    banding: Banding,
    ids: String,
    entries: Vec<Entry>,
    near: Vec<u16>,
    cont: Vec<u16>,
    /// Per band: (key, slot) sorted, for slots below `merged`.
    sorted: Vec<Vec<(u32, u32)>>,
    /// (exact hash, slot) sorted, for slots below `merged`.
    exact_sorted: Vec<(u64, u32)>,
    merged: u32,
    /// Recent tier: per band key → newest slot, chained through `next`.
    heads: Vec<HashMap<u32, u32, Fast>>,
    /// `(slot - merged) * bands + band` → older slot with the same key, or NONE.
    next: Vec<u32>,
    exact_recent: HashMap<u64, u32, Fast>,
}

/// The recent tier is merged when it holds this many documents or an eighth of the index.
const MIN_RECENT: usize = 2048;

impl Index {
    /// An empty index for `cfg` (validated).
    pub fn new(cfg: Config) -> Result<Index, Error> {
        cfg.validate()?;
        let banding = Banding::choose(&cfg);
        Ok(Index {
            heads: (0..banding.bands).map(|_| HashMap::default()).collect(),
            sorted: (0..banding.bands).map(|_| Vec::new()).collect(),
            cfg,
            banding,
            ids: String::new(),
            entries: Vec::new(),
            near: Vec::new(),
            cont: Vec::new(),
            exact_sorted: Vec::new(),
            merged: 0,
            next: Vec::new(),
            exact_recent: HashMap::default(),
        })
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    pub fn banding(&self) -> Banding {
        self.banding
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn id(&self, slot: usize) -> &str {
        let start = if slot == 0 {
            0
        } else {
            self.entries[slot - 1].id_end as usize
        };
        self.ids
            .get(start..self.entries[slot].id_end as usize)
            .unwrap_or("")
    }

    /// Id and publication time of the document stored at `slot` (insertion order).
    pub fn doc(&self, slot: usize) -> Option<(&str, Option<i64>)> {
        let e = self.entries.get(slot)?;
        Some((
            self.id(slot),
            (e.published != UNDATED).then_some(e.published),
        ))
    }

    fn stored(&self, slot: usize) -> Signature {
        let (n, m) = (self.cfg.num_perm, self.cfg.containment_perm);
        let e = &self.entries[slot];
        Signature {
            exact: e.exact,
            near_count: e.near_count,
            cont_count: e.cont_count,
            near: self.near[slot * n..(slot + 1) * n].to_vec(),
            cont: self.cont[slot * m..(slot + 1) * m].to_vec(),
        }
    }

    /// Candidate slots for `sig` among the stored documents (deduplicated, ascending).
    pub fn candidates(&self, sig: &Signature) -> Vec<u32> {
        let mut out = Vec::new();
        let lo = self.exact_sorted.partition_point(|&(k, _)| k < sig.exact);
        out.extend(
            self.exact_sorted[lo..]
                .iter()
                .take_while(|&&(k, _)| k == sig.exact)
                .map(|&(_, s)| s),
        );
        if let Some(&slot) = self.exact_recent.get(&sig.exact) {
            out.push(slot);
        }
        let bands = self.banding.bands;
        for band in 0..bands {
            let key = self.banding.key_of(&sig.near, band);
            let tier = &self.sorted[band];
            let lo = tier.partition_point(|&(k, _)| k < key);
            out.extend(
                tier[lo..]
                    .iter()
                    .take_while(|&&(k, _)| k == key)
                    .map(|&(_, s)| s),
            );
            let mut cur = self.heads[band].get(&key).copied().unwrap_or(NONE);
            while cur != NONE {
                out.push(cur);
                cur = self.next[(cur - self.merged) as usize * bands + band];
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Check `sig` against every stored document, then store it. Returns the verified matches
    /// (`b` = the stored document unless `b` is contained in `a`'s text, see [`Match`]),
    /// ordered by the stored documents' insertion order. Ineligible signatures (too few
    /// features) are stored but never match.
    pub fn insert(
        &mut self,
        id: &str,
        published: Option<i64>,
        sig: &Signature,
    ) -> Result<Vec<Match>, Error> {
        if sig.near.len() != self.cfg.num_perm || sig.cont.len() != self.cfg.containment_perm {
            return Err(Error::Mismatch(sig.near.len(), self.cfg.num_perm));
        }
        let eligible = sig.eligible(&self.cfg);
        let mut matches = Vec::new();
        if eligible {
            for slot in self.candidates(sig) {
                let other = self.stored(slot as usize);
                if let Some(v) = classify(&self.cfg, sig, &other) {
                    let other_id = self.id(slot as usize).to_string();
                    let (a, b) = if v.kind == Kind::Containment && !v.first_contained {
                        (other_id, id.to_string())
                    } else {
                        (id.to_string(), other_id)
                    };
                    matches.push(Match {
                        a,
                        b,
                        kind: v.kind,
                        similarity: v.similarity,
                        share: v.share,
                    });
                }
            }
        }
        let slot = self.entries.len() as u32;
        self.ids.push_str(id);
        self.entries.push(Entry {
            id_end: self.ids.len() as u32,
            published: published.unwrap_or(UNDATED),
            exact: sig.exact,
            near_count: sig.near_count,
            cont_count: sig.cont_count,
        });
        self.near.extend_from_slice(&sig.near);
        self.cont.extend_from_slice(&sig.cont);
        for band in 0..self.banding.bands {
            if !eligible {
                self.next.push(NONE);
                continue;
            }
            let key = self.banding.key_of(&sig.near, band);
            let prev = self.heads[band].insert(key, slot).unwrap_or(NONE);
            self.next.push(prev);
        }
        if eligible {
            self.exact_recent.entry(sig.exact).or_insert(slot);
        }
        let recent = self.entries.len() - self.merged as usize;
        if recent >= MIN_RECENT.max(self.entries.len() / 8) {
            self.merge();
        }
        Ok(matches)
    }

    /// Move the recent tier into the sorted arrays.
    fn merge(&mut self) {
        let bands = self.banding.bands;
        let (from, to) = (self.merged as usize, self.entries.len());
        for band in 0..bands {
            let mut add: Vec<(u32, u32)> = (from..to)
                .filter(|&slot| {
                    let e = &self.entries[slot];
                    e.near_count as usize >= self.cfg.min_features
                        && e.cont_count as usize >= self.cfg.min_features
                })
                .map(|slot| {
                    let n = self.cfg.num_perm;
                    (
                        self.banding
                            .key_of(&self.near[slot * n..(slot + 1) * n], band),
                        slot as u32,
                    )
                })
                .collect();
            add.sort_unstable();
            let tier = std::mem::take(&mut self.sorted[band]);
            self.sorted[band] = merge_sorted(tier, add);
            self.heads[band].clear();
        }
        let mut add: Vec<(u64, u32)> = (from..to)
            .filter(|&slot| {
                self.exact_recent.get(&self.entries[slot].exact) == Some(&(slot as u32))
            })
            .map(|slot| (self.entries[slot].exact, slot as u32))
            .collect();
        add.sort_unstable();
        self.exact_sorted = merge_sorted(std::mem::take(&mut self.exact_sorted), add);
        self.exact_recent.clear();
        self.next.clear();
        self.merged = to as u32;
    }

    /// Merge the recent tier and release spare capacity (call before measuring or when done
    /// inserting for a while).
    pub fn compact(&mut self) {
        self.merge();
        self.ids.shrink_to_fit();
        self.entries.shrink_to_fit();
        self.near.shrink_to_fit();
        self.cont.shrink_to_fit();
        self.next.shrink_to_fit();
        self.exact_recent.shrink_to_fit();
        for h in &mut self.heads {
            h.shrink_to_fit();
        }
    }

    /// Approximate heap bytes held by the index (signatures, band tables, ids).
    pub fn heap_bytes(&self) -> usize {
        let map_slot = |cap: usize, entry: usize| cap * (entry + 1);
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.ids.capacity()
            + 2 * (self.near.capacity() + self.cont.capacity())
            + self.sorted.iter().map(|t| t.capacity() * 8).sum::<usize>()
            + self.exact_sorted.capacity() * 16
            + 4 * self.next.capacity()
            + self
                .heads
                .iter()
                .map(|h| map_slot(h.capacity(), 8))
                .sum::<usize>()
            + map_slot(self.exact_recent.capacity(), 12)
    }
}

fn merge_sorted<T: Ord + Copy>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
