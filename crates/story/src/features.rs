//! What a document contributes to clustering: stemmed terms of title and body, salient match keys
//! (names and places, with spelling variants folded by the match key), numbers, and the
//! incrementally learned document frequencies that weight them.
//!
//! [`analyze`] is pure text analysis (no vocabulary, so it can run in parallel and be cached);
//! [`Vocab`] turns it into weighted sparse vectors. Scoring lives in `model`, not here.

use crate::Doc;
use crate::hash::Map;
use serde::{Deserialize, Serialize};
use text::TokenKind;

/// Body terms kept per article (the lead carries the event; long tails add noise and cost).
pub const BODY_TERMS: usize = 700;
/// Body terms that count as the lead, where salient names are taken from.
pub const LEAD_TERMS: usize = 80;
/// Weighted body terms kept in an article's vector.
pub const BODY_VEC: usize = 150;
/// Salient keys kept per article.
pub const SALIENT: usize = 12;
/// Body bytes analysed: comfortably more than [`BODY_TERMS`] content words of Arabic prose, so
/// a very long article (a full speech, a report) costs no more than a normal one.
pub const BODY_BYTES: usize = 16 * 1024;

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Text analysis of one document, before any vocabulary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Light stems of the non-stop title words.
    pub title: Vec<String>,
    /// Light stems of the non-stop body words (first [`BODY_TERMS`]).
    pub body: Vec<String>,
    /// Match keys of the title words, then of the lead words.
    pub title_keys: Vec<String>,
    pub lead_keys: Vec<String>,
    /// Numbers written in digits (two or more digits, years left out).
    pub numbers: Vec<String>,
    /// A surface (index-level) form for each stem and key seen, for explanations.
    pub surface: Vec<(String, String)>,
    /// Byte spans of the words of `title` (and `title_keys`) in the document's title.
    pub title_spans: Vec<(u32, u32)>,
    /// Byte spans of the words of `body` in the document's text; the words of `lead_keys` are
    /// the first of them.
    pub body_spans: Vec<(u32, u32)>,
    /// Hashed character 4-grams of the index-normalised title and lead ([`LEAD_CHARS`]):
    /// robust to clitics, inflection and spelling variants the stemmer misses.
    pub grams: Vec<u32>,
}

/// Body characters that feed the character n-gram signal.
pub const LEAD_CHARS: usize = 300;

fn char_grams(title: &str, body: &str) -> Vec<u32> {
    let lead: String = body.chars().take(LEAD_CHARS).collect();
    let folded = text::normalize::index(&format!("{title} {lead}"));
    let chars: Vec<char> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    chars
        .windows(4)
        .map(|w| {
            let mut h: u32 = 0x811c_9dc5;
            for c in w {
                h = (h ^ u32::from(*c)).wrapping_mul(0x0100_0193);
            }
            h
        })
        .collect()
}

fn keep_word(t: &text::Term) -> bool {
    !t.stop && t.kind != TokenKind::Number && t.key.chars().count() >= 2
}

fn keep_number(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 2 || digits.len() != s.chars().filter(|c| *c != ',' && *c != '.').count() {
        return false;
    }
    // Years are shared by everything published that year.
    !(digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")))
}

fn span(t: &text::Term) -> (u32, u32) {
    // Texts are far below 4 GB (the body is cut at BODY_BYTES).
    (t.start as u32, t.end as u32)
}

/// The word at `span` of `text` as written (empty if the span does not fit).
pub fn written(text: &str, span: (u32, u32)) -> &str {
    text.get(span.0 as usize..span.1 as usize)
        .unwrap_or_default()
}

/// Analyse a document's title and body.
pub fn analyze(doc: &Doc) -> Analysis {
    let mut a = Analysis {
        grams: char_grams(&doc.title, &doc.text),
        ..Analysis::default()
    };
    for t in text::terms(&doc.title) {
        if t.kind == TokenKind::Number {
            if keep_number(&t.index) {
                a.numbers.push(t.index.clone());
            }
            continue;
        }
        if keep_word(&t) {
            a.title_spans.push(span(&t));
            a.surface.push((t.stem.clone(), t.index.clone()));
            a.title.push(t.stem);
            a.title_keys.push(t.key);
        }
    }
    let body = prefix(&doc.text, BODY_BYTES);
    for t in text::terms(body) {
        if t.kind == TokenKind::Number {
            if keep_number(&t.index) && a.numbers.len() < 64 {
                a.numbers.push(t.index.clone());
            }
            continue;
        }
        if !keep_word(&t) {
            continue;
        }
        if a.lead_keys.len() < LEAD_TERMS {
            a.lead_keys.push(t.key.clone());
        }
        if a.body.len() < LEAD_TERMS {
            a.surface.push((t.stem.clone(), t.index.clone()));
        }
        a.body_spans.push(span(&t));
        a.body.push(t.stem);
        if a.body.len() >= BODY_TERMS {
            break;
        }
    }
    a
}

/// A string table with document frequencies, learned one document at a time.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocab {
    /// Rebuilt from `words` on decode ([`Vocab::reindex`]).
    #[serde(skip)]
    ids: Map<String, u32>,
    words: Vec<String>,
    df: Vec<u32>,
    n_docs: u32,
}

impl Vocab {
    /// Id of `w`, interning it if new.
    pub fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(w.to_string(), id);
        self.words.push(w.to_string());
        self.df.push(0);
        id
    }

    /// Rebuild the word → id table from the word list (after decoding).
    pub fn reindex(&mut self) {
        self.ids = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        self.df.resize(self.words.len(), 0);
    }

    pub fn get(&self, w: &str) -> Option<u32> {
        self.ids.get(w).copied()
    }

    pub fn word(&self, id: u32) -> &str {
        self.words
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Count one document containing each of `ids` (deduplicated by the caller).
    pub fn observe(&mut self, ids: &[u32]) {
        self.n_docs += 1;
        for &id in ids {
            if let Some(d) = self.df.get_mut(id as usize) {
                *d += 1;
            }
        }
    }

    /// Smoothed inverse document frequency.
    #[inline]
    pub fn idf(&self, id: u32) -> f32 {
        let df = self.df.get(id as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.n_docs as f32) / (1.0 + df)).ln() + 1.0
    }

    pub fn n_docs(&self) -> u32 {
        self.n_docs
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Sparse vector sorted by term id.
pub type Sparse = Vec<(u32, f32)>;

/// Term counts → sorted sparse vector of `1 + ln(tf)`.
pub fn tf_vector(ids: &[u32]) -> Sparse {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let mut out: Sparse = Vec::new();
    for id in sorted {
        match out.last_mut() {
            Some((last, c)) if *last == id => *c += 1.0,
            _ => out.push((id, 1.0)),
        }
    }
    for (_, c) in &mut out {
        *c = 1.0 + c.ln();
    }
    out
}

/// Keep the `k` entries with the highest `weight × idf`, still sorted by id.
pub fn top_k(v: Sparse, k: usize, vocab: &Vocab) -> Sparse {
    if v.len() <= k {
        return v;
    }
    let mut by_w = v;
    by_w.sort_by(|a, b| {
        (b.1 * vocab.idf(b.0))
            .total_cmp(&(a.1 * vocab.idf(a.0)))
            .then(a.0.cmp(&b.0))
    });
    by_w.truncate(k);
    by_w.sort_unstable_by_key(|e| e.0);
    by_w
}

/// Weigh by the IDF as known now and scale to unit length. Article vectors are frozen at
/// ingest (standard for online TF-IDF clustering): scoring then needs no logarithms, and
/// centroids add articles with equal weight.
pub fn weigh(v: &mut Sparse, vocab: &Vocab) {
    for (t, w) in v.iter_mut() {
        *w *= vocab.idf(*t);
    }
    let n: f32 = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if n > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= n;
        }
    }
}

/// Keep the `k` heaviest entries (weights already IDF-weighted), still sorted by id.
pub fn top_by_weight(v: Sparse, k: usize) -> Sparse {
    if v.len() <= k {
        return v;
    }
    let mut by_w = v;
    by_w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    by_w.truncate(k);
    by_w.sort_unstable_by_key(|e| e.0);
    by_w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_never_splits_a_letter() {
        let s = "غزة".repeat(10); // two-byte letters
        for max in 0..s.len() + 2 {
            let p = prefix(&s, max);
            assert!(p.len() <= max && s.starts_with(p));
            assert!(max > s.len() || p.len() + 1 >= max, "{max}: {}", p.len());
        }
    }

    #[test]
    fn a_very_long_article_is_analysed_from_its_opening() {
        let lead = "قصفت طائرات حربية مواقع في مدينة الحديدة اليمنية صباح اليوم وأعلن التحالف ";
        let tail = "وفي سياق منفصل ناقش البرلمان الأوروبي ميزانية الزراعة الجديدة ";
        let text = format!("{}{}", lead.repeat(5), tail.repeat(2000));
        let doc = Doc {
            id: "long".into(),
            source: "x".into(),
            title: "غارات على الحديدة".into(),
            text,
            published: None,
            dup_of: None,
        };
        let a = analyze(&doc);
        // The byte bound must not cut the body short of what the full text would give.
        let full: Vec<String> = text::terms(&doc.text)
            .into_iter()
            .filter(keep_word)
            .take(BODY_TERMS)
            .map(|t| t.stem)
            .collect();
        assert_eq!(a.body.len(), BODY_TERMS);
        assert_eq!(a.body, full);
        assert!(a.lead_keys.len() <= LEAD_TERMS);
    }
}
