//! Compact encodings used by the persisted clusterer state ([`crate::Clusterer::to_bytes`]).
//!
//! Sparse vectors are stored as delta-encoded varint ids followed by raw little-endian weights
//! (lossless), and explanations drop the signal names (always [`FEATURES`]). This module only
//! encodes; it knows nothing about clustering decisions.

use crate::cluster::{Assignment, StoryId, Via};
use crate::features::Sparse;
use crate::model::{FEATURES, NF};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(b: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*pos)?;
        *pos += 1;
        v |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Pack a sparse vector sorted by id.
pub(crate) fn pack(v: &Sparse) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * 6 + 2);
    put_varint(&mut out, v.len() as u32);
    let mut prev = 0u32;
    for &(id, _) in v {
        put_varint(&mut out, id.wrapping_sub(prev));
        prev = id;
    }
    for &(_, w) in v {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// Inverse of [`pack`]; `None` on malformed bytes.
pub(crate) fn unpack(b: &[u8]) -> Option<Sparse> {
    let mut pos = 0;
    let n = get_varint(b, &mut pos)? as usize;
    // Each entry needs at least five bytes: refuse absurd counts before allocating.
    if n > b.len() {
        return None;
    }
    let mut ids = Vec::with_capacity(n);
    let mut prev = 0u32;
    for _ in 0..n {
        prev = prev.wrapping_add(get_varint(b, &mut pos)?);
        ids.push(prev);
    }
    let rest = b.get(pos..)?;
    if rest.len() != n * 4 {
        return None;
    }
    Some(
        ids.into_iter()
            .zip(rest.chunks_exact(4))
            .map(|(id, c)| (id, f32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect(),
    )
}

/// `#[serde(with = "crate::codec::sparse")]` for a [`Sparse`] field.
pub(crate) mod sparse {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Sparse, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&pack(v))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Sparse, D::Error> {
        let b: Vec<u8> = serde::de::Deserialize::deserialize(d)?;
        unpack(&b).ok_or_else(|| serde::de::Error::custom("malformed sparse vector"))
    }
}

/// An [`Assignment`] without the signal names.
#[derive(Serialize, Deserialize)]
struct Expl {
    article: String,
    story: StoryId,
    score: f32,
    shared_terms: Vec<String>,
    shared_names: Vec<String>,
    shared_terms_display: Vec<String>,
    shared_names_display: Vec<String>,
    time_gap_hours: Option<f64>,
    runner_up: Option<(StoryId, f32)>,
    new_story: bool,
    via: Via,
    signals: Vec<f32>,
}

/// `#[serde(with = "crate::codec::explain")]` for the explanation list.
pub(crate) mod explain {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[Assignment], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|a| Expl {
            article: a.article.clone(),
            story: a.story,
            score: a.score,
            shared_terms: a.shared_terms.clone(),
            shared_names: a.shared_names.clone(),
            shared_terms_display: a.shared_terms_display.clone(),
            shared_names_display: a.shared_names_display.clone(),
            time_gap_hours: a.time_gap_hours,
            runner_up: a.runner_up,
            new_story: a.new_story,
            via: a.via,
            signals: a.signals.iter().map(|e| e.1).collect(),
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Assignment>, D::Error> {
        let v: Vec<Expl> = Vec::deserialize(d)?;
        v.into_iter()
            .map(|e| {
                if !e.signals.is_empty() && e.signals.len() != NF {
                    return Err(serde::de::Error::custom("wrong number of signals"));
                }
                Ok(Assignment {
                    article: e.article,
                    story: e.story,
                    score: e.score,
                    shared_terms: e.shared_terms,
                    shared_names: e.shared_names,
                    shared_terms_display: e.shared_terms_display,
                    shared_names_display: e.shared_names_display,
                    time_gap_hours: e.time_gap_hours,
                    runner_up: e.runner_up,
                    new_story: e.new_story,
                    via: e.via,
                    signals: FEATURES
                        .iter()
                        .map(|n| n.to_string())
                        .zip(e.signals)
                        .collect(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_round_trip_is_exact_and_rejects_garbage() {
        let v: Sparse = vec![(0, 0.5), (7, -1.25), (300, 1e-7), (u32::MAX, 3.0)];
        let b = pack(&v);
        assert_eq!(unpack(&b), Some(v));
        assert_eq!(unpack(&pack(&Vec::new())), Some(Vec::new()));
        assert_eq!(unpack(&b[..b.len() - 1]), None);
        assert_eq!(unpack(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), None);
    }
}
