//! The simple baseline measured beside the real method: online centroid clustering over TF-IDF
//! of character 3–5-grams (index-normalised title and body) with one cosine join threshold.
//! It scans every cluster for every article, so it is for evaluation on small sets only.

use crate::Doc;
use crate::cluster::order;
use crate::hash::Map;

/// Characters of the body used (the lead carries the event, and n-grams are costly).
const BODY_CHARS: usize = 3000;

/// Character 3–5-gram counts of a document's index-normalised title and lead.
pub fn grams(doc: &Doc) -> Map<u64, f32> {
    let body: String = doc.text.chars().take(BODY_CHARS).collect();
    let text = text::normalize::index(&format!("{} {}", doc.title, body));
    let chars: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut m: Map<u64, f32> = Map::default();
    for n in 3..=5 {
        for w in chars.windows(n) {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in w {
                h = (h ^ u64::from(*c)).wrapping_mul(0x100_0000_01b3);
            }
            *m.entry(h).or_insert(0.0) += 1.0;
        }
    }
    m
}

/// Cluster `docs` in publication order; returns article id → cluster number.
pub fn cluster(docs: &[Doc], threshold: f32) -> Vec<(String, usize)> {
    let vecs: Vec<Map<u64, f32>> = docs.iter().map(grams).collect();
    cluster_grams(docs, &vecs, threshold)
}

/// [`cluster`] with the n-gram counts computed by the caller (`vecs[i]` belongs to `docs[i]`).
pub fn cluster_grams(docs: &[Doc], vecs: &[Map<u64, f32>], threshold: f32) -> Vec<(String, usize)> {
    let mut df: Map<u64, f32> = Map::default();
    for v in vecs {
        for k in v.keys() {
            *df.entry(*k).or_insert(0.0) += 1.0;
        }
    }
    let n = docs.len() as f32;
    let mut centroids: Vec<Map<u64, f32>> = Vec::new();
    let mut norms: Vec<f32> = Vec::new();
    let mut out = Vec::with_capacity(docs.len());
    for i in order(docs) {
        let mut v: Map<u64, f32> = vecs[i]
            .iter()
            .map(|(k, tf)| (*k, (1.0 + tf.ln()) * ((1.0 + n) / (1.0 + df[k])).ln()))
            .collect();
        let norm = v.values().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        v.values_mut().for_each(|x| *x /= norm);
        let mut best = (None, 0f32);
        for (c, cen) in centroids.iter().enumerate() {
            let cn = norms[c].sqrt().max(1e-9);
            let dot: f32 = v
                .iter()
                .filter_map(|(k, x)| cen.get(k).map(|y| x * y))
                .sum();
            let cos = dot / cn;
            if cos > best.1 {
                best = (Some(c), cos);
            }
        }
        let c = match best {
            (Some(c), s) if s >= threshold => c,
            _ => {
                centroids.push(Map::default());
                norms.push(0.0);
                centroids.len() - 1
            }
        };
        for (k, x) in v {
            let e = centroids[c].entry(k).or_insert(0.0);
            norms[c] += (*e + x) * (*e + x) - *e * *e;
            *e += x;
        }
        out.push((docs[i].id.clone(), c));
    }
    out
}
