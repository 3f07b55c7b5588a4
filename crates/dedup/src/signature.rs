//! Signatures: what one text is reduced to for duplicate detection, and its stable byte form.
//!
//! Algorithm, version [`ALGORITHM_VERSION`] (any change to it must bump the version, and the
//! pinned-value test breaks on purpose):
//! 1. *Exact hash*: the tokens of `text::token::for_each_token`, each index-normalised
//!    (`text::normalize::index_into`; tokens whose index form is empty are skipped) and hashed with
//!    `xxh3_64_with_seed(index, INDEX_SEED)`, folded in order from `EXACT_SEED` with `fold`
//!    (below). Two texts are exact copies when their index-level words are the same in the same
//!    order; spacing and punctuation do not count.
//! 2. *Words*: the terms of `text::terms(text)` (computed token by token with
//!    `text::analyze::term_of` on the token's index form, memoised per raw token); each non-empty
//!    match `key` hashed with `xxh3_64_with_seed(key, WORD_SEED)` (a hash of 0 is skipped).
//!    Content words are the terms with `stop == false`.
//! 3. *Shingles*: k consecutive word hashes folded left with `h = fold(h, next)`, where
//!    `fold(h, x) = mix64(h.rotate_left(23) ^ x.wrapping_mul(P))`, `mix64` the SplitMix64
//!    finaliser. Near shingles: k = `Config::shingle` over the content words; containment
//!    shingles: k = `Config::containment_shingle` over all words. Each is a set: repeats count once.
//! 4. *Near MinHash*: for i in 0..num_perm, `a_i = (splitmix64(PERM_SEED + 2i) >> 32) | 1`,
//!    `b_i = splitmix64(PERM_SEED + 2i + 1) >> 32` (u32); with `x = shingle >> 32`, value_i = top
//!    16 bits of `min_x (a_i * x + b_i) mod 2^32` (an odd multiplier makes each map a bijection of
//!    the 32-bit space; the shingle hashes are already uniformly random).
//! 5. *Containment one-permutation MinHash*: bin = `(x * bins) >> 64` (128-bit product),
//!    value = top 16 bits of `min (x * Q mod 2^64)` within the bin; an empty bin j copies the bin
//!    `(splitmix64(DENSIFY_SEED ^ (j << 32 | attempt)) * bins) >> 64` for attempt = 0, 1, ... that
//!    was originally filled (optimal densification), all zeros when no bin is filled.
//!
//! 16-bit values (b-bit MinHash) halve the index; two different minima collide with probability
//! 2^-16, which biases a Jaccard estimate by at most 0.00002.

use crate::{Config, Error};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use text::TokenKind;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Version of the signature algorithm; stored in [`Signature::to_bytes`]. The words it hashes
/// come from `text`'s analysis, so whoever keeps signatures also records `text::ANALYSIS_VERSION`
/// and signs again when either changes (the engine's dedup stage does).
pub const ALGORITHM_VERSION: u8 = 1;

const WORD_SEED: u64 = 0x6b68_6162_6172_0001; // "khabar" 1
const PERM_SEED: u64 = 0x6465_6475_7000_0001; // "dedup" 1
const INDEX_SEED: u64 = 0x696e_6465_7800_0001;
const EXACT_SEED: u64 = 0x6578_6163_7400_0001;
const DENSIFY_SEED: u64 = 0x6465_6e73_6966_7901;
const P: u64 = 0x9e37_79b9_7f4a_7c15;
const Q: u64 = 0xc2b2_ae3d_27d4_eb4f;

/// The stored form of one text: exact hash, sizes and two MinHash sketches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// xxh3 of the index-normalised, whitespace-collapsed text.
    pub exact: u64,
    /// Distinct near-duplicate shingles (content-word k-grams).
    pub near_count: u32,
    /// Distinct containment shingles (word bigrams by default).
    pub cont_count: u32,
    /// `num_perm` MinHash values over the near shingles.
    pub near: Vec<u16>,
    /// `containment_perm` one-permutation MinHash values over the containment shingles.
    pub cont: Vec<u16>,
}

#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn splitmix64(x: u64) -> u64 {
    mix64(x.wrapping_add(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn fold(h: u64, x: u64) -> u64 {
    mix64(h.rotate_left(23) ^ x.wrapping_mul(P))
}

#[inline]
fn bin_of(x: u64, bins: usize) -> usize {
    ((x as u128 * bins as u128) >> 64) as usize
}

/// Multipliers and offsets of the near MinHash permutations.
pub(crate) fn permutations(num_perm: usize) -> (Vec<u32>, Vec<u32>) {
    let a = (0..num_perm)
        .map(|i| (splitmix64(PERM_SEED.wrapping_add(2 * i as u64)) >> 32) as u32 | 1)
        .collect();
    let b = (0..num_perm)
        .map(|i| (splitmix64(PERM_SEED.wrapping_add(2 * i as u64 + 1)) >> 32) as u32)
        .collect();
    (a, b)
}

/// Word info per raw token, memoised: the match key of a word (clitics, hamza carriers, loanword
/// skeletons) costs far more than a table lookup, and news vocabulary repeats. The table is keyed
/// by a 64-bit xxh3 of (kind, raw token); a collision between two distinct tokens (odds about
/// n²/2^65 for n distinct tokens) would give one the other's info. A cache belongs to one caller
/// (one batch worker); it never changes results otherwise.
#[derive(Default)]
pub(crate) struct WordCache {
    words: Words,
    /// Scratch of one text, reused between texts: tokens, word keys, content-word keys, the two
    /// shingle sets and the slots of the table that removes repeats.
    toks: Vec<Tok>,
    all: Vec<u64>,
    content: Vec<u64>,
    near: Vec<u64>,
    cont: Vec<u64>,
    slots: Slots,
}

/// The memo table of [`WordCache`].
#[derive(Default)]
struct Words {
    map: HashMap<u64, WordInfo, BuildHasherDefault<PassHasher>>,
}

/// The keys are already hashes.
#[derive(Default)]
pub(crate) struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

const CACHE_LIMIT: usize = 1 << 20;

/// What one token contributes: hash of its index form, hash of its match key (0 when the
/// index form or key is empty), stop-word flag.
#[derive(Clone, Copy)]
struct WordInfo {
    index: u64,
    key: u64,
    stop: bool,
}

impl Words {
    /// Info of the token `raw` (original text) of `kind`, whose [`token_hash`] is `h`: exactly
    /// what `text::terms` gives for it.
    #[inline]
    fn word(&mut self, h: u64, raw: &str, kind: TokenKind) -> WordInfo {
        if let Some(&v) = self.map.get(&h) {
            return v;
        }
        let mut index = String::with_capacity(raw.len());
        text::normalize::index_into(raw, &mut index);
        let v = if index.is_empty() {
            WordInfo {
                index: 0,
                key: 0,
                stop: true,
            }
        } else {
            let t = text::analyze::term_of(0, raw.len(), kind, &index);
            let key = if t.key.is_empty() {
                0
            } else {
                xxh3_64_with_seed(t.key.as_bytes(), WORD_SEED)
            };
            WordInfo {
                index: xxh3_64_with_seed(index.as_bytes(), INDEX_SEED),
                key,
                stop: t.stop,
            }
        };
        if self.map.len() >= CACHE_LIMIT {
            self.map.clear();
        }
        self.map.insert(h, v);
        v
    }
}

/// The memo key of the token `start..end` of `text`. A token of at most 16 bytes that is not at
/// the very end of the text is read as two 8-byte words from its start, the bytes past its end
/// masked off (a token never contains a zero byte, so the padding cannot be mistaken for one),
/// and mixed: no branch on its length, which a general hash would take once per token. Other
/// tokens use xxh3. A key only has to tell tokens apart (odds of a clash about n²/2^65); it is
/// not part of the signature.
#[inline]
fn token_hash(text: &str, start: usize, end: usize, kind: TokenKind) -> u64 {
    let bytes = text.as_bytes();
    let len = end.saturating_sub(start);
    let seed = (kind as u64 + 1).wrapping_mul(P);
    if len <= 16
        && let Some(w) = bytes.get(start..start + 16)
    {
        let word = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&w[at..at + 8]);
            u64::from_le_bytes(b)
        };
        // Masks keeping the first `n` bytes of a word (n in 0..=8).
        let keep = |n: usize| ((1u128 << (8 * n)) - 1) as u64;
        let lo = word(0) & keep(len.min(8));
        let hi = word(8) & keep(len.saturating_sub(8));
        return mix64(mix64(lo ^ seed) ^ hi ^ Q);
    }
    xxh3_64_with_seed(bytes.get(start..end).unwrap_or(&[]), seed)
}

/// One token of the text being signed: memo key, byte span, kind.
#[derive(Clone, Copy)]
struct Tok {
    hash: u64,
    start: usize,
    end: usize,
    kind: TokenKind,
}

/// The exact hash of a text and its shingle sets, left in `cache.near` and `cache.cont`
/// (distinct values, in order of first appearance). Words are exactly `text::terms(text)`.
///
/// Two passes: tokens and their memo keys first, then the memo look-ups. The look-ups of a
/// text are independent of each other, so the processor overlaps their cache misses, which
/// the branchy tokeniser between them would otherwise serialise.
pub(crate) fn shingles(cfg: &Config, text: &str, cache: &mut WordCache) -> u64 {
    let WordCache {
        words,
        toks,
        all,
        content,
        near,
        cont,
        slots,
    } = cache;
    toks.clear();
    text::token::for_each_token(text, |start, end, kind| {
        toks.push(Tok {
            hash: token_hash(text, start, end, kind),
            start,
            end,
            kind,
        });
    });
    all.clear();
    // Content words are written without a branch on the stop flag (which is close to a coin
    // toss in running text): every key goes to the next free place, which only content words
    // take.
    content.clear();
    content.resize(toks.len(), 0);
    let mut n_content = 0;
    let mut exact = EXACT_SEED;
    for t in toks.iter() {
        let w = words.word(t.hash, text.get(t.start..t.end).unwrap_or(""), t.kind);
        if w.index == 0 {
            continue;
        }
        exact = fold(exact, w.index);
        if w.key != 0 {
            all.push(w.key);
            if let Some(slot) = content.get_mut(n_content) {
                *slot = w.key;
            }
            n_content += usize::from(!w.stop);
        }
    }
    content.truncate(n_content);
    kgrams_into(content, cfg.shingle, slots, near);
    kgrams_into(all, cfg.containment_shingle, slots, cont);
    exact
}

/// The distinct k-grams of `words` (k words folded left with [`fold`]; k = 1: the words), in
/// order of first appearance, into `out`.
fn kgrams_into(words: &[u64], k: usize, slots: &mut Slots, out: &mut Vec<u64>) {
    if k <= 1 {
        distinct_into(words.iter().copied(), slots, out);
    } else {
        distinct_into(
            words
                .windows(k)
                .map(|w| w[1..].iter().fold(w[0], |h, &x| fold(h, x))),
            slots,
            out,
        );
    }
}

/// Open-addressing table for [`distinct_into`], reused between texts: a slot is taken when its
/// stamp is the current generation, so starting a new text costs no clearing.
#[derive(Default)]
pub(crate) struct Slots {
    slots: Vec<(u64, u32)>,
    generation: u32,
}

/// The distinct values of `items` in order of first appearance, into `out`. The values are
/// hashes, so their bits index the table directly.
fn distinct_into(items: impl ExactSizeIterator<Item = u64>, table: &mut Slots, out: &mut Vec<u64>) {
    out.clear();
    let cap = (2 * items.len()).next_power_of_two().max(16);
    if table.slots.len() < cap {
        table.slots.resize(cap, (0, 0));
    }
    table.generation = table.generation.wrapping_add(1);
    if table.generation == 0 {
        table.slots.fill((0, 0));
        table.generation = 1;
    }
    let generation = table.generation;
    let slots = &mut table.slots[..cap];
    let mask = cap - 1;
    for x in items {
        let mut i = (x >> 32) as usize & mask;
        loop {
            let slot = &mut slots[i];
            if slot.1 != generation {
                *slot = (x, generation);
                out.push(x);
                break;
            }
            if slot.0 == x {
                break;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Classic MinHash with `a.len()` affine bijections of the 32-bit space; top 16 bits of each
/// minimum. The loop over permutations is plain integer code that compilers vectorise; on x86-64
/// CPUs with AVX2 the same code is compiled a second time for AVX2 and chosen at run time (the
/// results are identical: integer arithmetic does not depend on the instruction set).
pub(crate) fn minhash(set: &[u64], a: &[u32], b: &[u32]) -> Vec<u16> {
    let mut mins = vec![u32::MAX; a.len()];
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { minhash_avx2(set, a, b, &mut mins) };
            return mins.into_iter().map(|m| (m >> 16) as u16).collect();
        }
    }
    minhash_into(set, a, b, &mut mins);
    mins.into_iter().map(|m| (m >> 16) as u16).collect()
}

#[inline(always)]
fn minhash_into(set: &[u64], a: &[u32], b: &[u32], mins: &mut [u32]) {
    for &x in set {
        let x = (x >> 32) as u32;
        for ((m, &ai), &bi) in mins.iter_mut().zip(a).zip(b) {
            *m = (*m).min(ai.wrapping_mul(x).wrapping_add(bi));
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash_avx2(set: &[u64], a: &[u32], b: &[u32], mins: &mut [u32]) {
    minhash_into(set, a, b, mins)
}

/// One-permutation MinHash with optimal densification; top 16 bits of each bin's minimum.
pub(crate) fn one_perm(set: &[u64], bins: usize) -> Vec<u16> {
    let mut mins = vec![u64::MAX; bins];
    let mut filled = vec![false; bins];
    for &x in set {
        let j = bin_of(x, bins);
        if let (Some(m), Some(f)) = (mins.get_mut(j), filled.get_mut(j)) {
            *m = (*m).min(x.wrapping_mul(Q));
            *f = true;
        }
    }
    if set.is_empty() {
        return vec![0; bins];
    }
    let mut out: Vec<u16> = mins.iter().map(|&m| (m >> 48) as u16).collect();
    for j in 0..bins {
        if filled[j] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let src = bin_of(
                splitmix64(DENSIFY_SEED ^ ((j as u64) << 32 | attempt)),
                bins,
            );
            if filled[src] {
                out[j] = (mins[src] >> 48) as u16;
                break;
            }
            attempt += 1;
        }
    }
    out
}

/// Compute the signature of `text` (see the module docs for the exact algorithm).
pub fn signature(cfg: &Config, text: &str) -> Signature {
    let (a, b) = permutations(cfg.num_perm);
    signature_with(cfg, text, &a, &b, &mut WordCache::default())
}

pub(crate) fn signature_with(
    cfg: &Config,
    text: &str,
    a: &[u32],
    b: &[u32],
    cache: &mut WordCache,
) -> Signature {
    let exact = shingles(cfg, text, cache);
    let (near, cont) = (&cache.near, &cache.cont);
    Signature {
        exact,
        near_count: near.len().min(u32::MAX as usize) as u32,
        cont_count: cont.len().min(u32::MAX as usize) as u32,
        near: minhash(near, a, b),
        cont: one_perm(cont, cfg.containment_perm),
    }
}

impl Signature {
    /// Can this text be a duplicate at all (enough features)?
    pub fn eligible(&self, cfg: &Config) -> bool {
        self.near_count as usize >= cfg.min_features && self.cont_count as usize >= cfg.min_features
    }

    /// Stable bytes: version u8, num_perm u16, containment_perm u16, exact u64, near_count u32,
    /// cont_count u32, then the values as u16, all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(21 + 2 * (self.near.len() + self.cont.len()));
        out.push(ALGORITHM_VERSION);
        out.extend_from_slice(&(self.near.len() as u16).to_le_bytes());
        out.extend_from_slice(&(self.cont.len() as u16).to_le_bytes());
        out.extend_from_slice(&self.exact.to_le_bytes());
        out.extend_from_slice(&self.near_count.to_le_bytes());
        out.extend_from_slice(&self.cont_count.to_le_bytes());
        for v in self.near.iter().chain(&self.cont) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Parse [`Signature::to_bytes`] output; rejects other versions and truncated input.
    pub fn from_bytes(bytes: &[u8]) -> Result<Signature, Error> {
        let head = bytes
            .get(..21)
            .ok_or_else(|| Error::Bytes("too short".into()))?;
        if head[0] != ALGORITHM_VERSION {
            return Err(Error::Bytes(format!(
                "algorithm version {} (expected {ALGORITHM_VERSION})",
                head[0]
            )));
        }
        let u16_at = |i: usize| u16::from_le_bytes([head[i], head[i + 1]]) as usize;
        let (n, m) = (u16_at(1), u16_at(3));
        let mut w = [0u8; 8];
        w.copy_from_slice(&head[5..13]);
        let exact = u64::from_le_bytes(w);
        let near_count = u32::from_le_bytes([head[13], head[14], head[15], head[16]]);
        let cont_count = u32::from_le_bytes([head[17], head[18], head[19], head[20]]);
        let body = &bytes[21..];
        if body.len() != 2 * (n + m) {
            return Err(Error::Bytes(format!(
                "{} value bytes, expected {}",
                body.len(),
                2 * (n + m)
            )));
        }
        let vals: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Signature {
            exact,
            near_count,
            cont_count,
            near: vals[..n].to_vec(),
            cont: vals[n..].to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: k-grams of the word hashes, sorted and deduplicated.
    fn kgrams(words: &[u64], k: usize) -> Vec<u64> {
        let mut out: Vec<u64> = if k <= 1 {
            words.to_vec()
        } else {
            words
                .windows(k)
                .map(|w| w[1..].iter().fold(w[0], |h, &x| fold(h, x)))
                .collect()
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    fn sorted(v: &[u64]) -> Vec<u64> {
        let mut v = v.to_vec();
        v.sort_unstable();
        v
    }

    /// The shingles computed token by token with the cache are exactly those of `text::terms`.
    #[test]
    fn words_are_those_of_text_terms() {
        let cfg = Config::default();
        let texts = [
            include_str!("../tests/data/seed_levantine.txt"),
            include_str!("../tests/data/seed_egyptian.txt"),
            "وبالمحادثات، والبنتاغون والبنتاجون ٢٠٢٤ و2024 — Google غوغل جوجل مسؤول مسئول شيء شئ.",
            "",
        ];
        let mut cache = WordCache::default();
        for text in texts {
            let keys: Vec<(u64, bool)> = text::terms(text)
                .iter()
                .filter(|t| !t.key.is_empty())
                .map(|t| (xxh3_64_with_seed(t.key.as_bytes(), WORD_SEED), t.stop))
                .collect();
            let all: Vec<u64> = keys.iter().map(|k| k.0).collect();
            let content: Vec<u64> = keys.iter().filter(|k| !k.1).map(|k| k.0).collect();
            // Twice: the second pass runs from the cache.
            for _ in 0..2 {
                shingles(&cfg, text, &mut cache);
                assert_eq!(sorted(&cache.near), kgrams(&content, cfg.shingle));
                assert_eq!(sorted(&cache.cont), kgrams(&all, cfg.containment_shingle));
            }
        }
    }

    #[test]
    fn minhash_and_one_permutation_are_pinned() {
        let set: Vec<u64> = (1..=50u64).map(splitmix64).collect();
        let (a, b) = permutations(8);
        assert_eq!(
            minhash(&set, &a, &b),
            PIN_MINHASH,
            "{:?}",
            minhash(&set, &a, &b)
        );
        assert_eq!(
            one_perm(&set[..5], 8),
            PIN_ONE_PERM,
            "{:?}",
            one_perm(&set[..5], 8)
        );
        assert_eq!(one_perm(&[], 8), vec![0; 8]);
    }

    #[test]
    fn token_keys_tell_tokens_apart() {
        let text = [
            include_str!("../tests/data/seed_levantine.txt"),
            include_str!("../tests/data/seed_egyptian.txt"),
            "ب بب ببب بببب ببببب بببببب ببببببب بببببببب ببببببببب x xx xxxxxxxxxxxxxxx xxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxx 1 11 1.1 وَقال وقال وقـال",
        ]
        .concat();
        let mut keys: HashMap<u64, &str> = HashMap::new();
        text::token::for_each_token(&text, |start, end, kind| {
            let raw = &text[start..end];
            let k = token_hash(&text, start, end, kind);
            let seen = *keys.entry(k).or_insert(raw);
            assert_eq!(seen, raw, "two tokens share key {k:#x}");
        });
        assert!(keys.len() > 300, "{}", keys.len());
        // The same token away from the end of the text gets the same key wherever it stands.
        let t = "مسؤول قال مسؤول آخر";
        let (a, b) = (0, t.rfind("مسؤول").unwrap_or(0));
        let n = "مسؤول".len();
        assert!(b > 0 && b + 16 <= t.len());
        assert_eq!(
            token_hash(t, a, a + n, TokenKind::Arabic),
            token_hash(t, b, b + n, TokenKind::Arabic)
        );
    }

    #[test]
    fn distinct_keeps_first_appearances_once() {
        let (mut slots, mut out) = (Slots::default(), Vec::new());
        // Values that share their table bits, zeros, repeats, and sets of many sizes.
        let same_bits = [
            5u64 << 32 | 1,
            5 << 32 | 2,
            5 << 32 | 3,
            5 << 32 | 1,
            0,
            7,
            0,
            5 << 32 | 2,
        ];
        distinct_into(same_bits.iter().copied(), &mut slots, &mut out);
        assert_eq!(out, vec![5 << 32 | 1, 5 << 32 | 2, 5 << 32 | 3, 0, 7]);
        for n in [0usize, 1, 7, 8, 9, 100, 1000, 3, 2000, 5] {
            let items: Vec<u64> = (0..n as u64).map(|i| splitmix64(i % 37)).collect();
            distinct_into(items.iter().copied(), &mut slots, &mut out);
            let mut want: Vec<u64> = Vec::new();
            for x in &items {
                if !want.contains(x) {
                    want.push(*x);
                }
            }
            assert_eq!(out, want, "{n}");
        }
        // The generation wraps around: stale stamps must not read as taken.
        slots.generation = u32::MAX;
        distinct_into(same_bits.iter().copied(), &mut slots, &mut out);
        assert_eq!(out, vec![5 << 32 | 1, 5 << 32 | 2, 5 << 32 | 3, 0, 7]);
    }

    const PIN_MINHASH: [u16; 8] = [4049, 760, 428, 607, 233, 368, 928, 511];
    const PIN_ONE_PERM: [u16; 8] = [14712, 14712, 11226, 54840, 11226, 11226, 54840, 14712];
}
