//! Independent sources: which of a story's articles are copies of one text (a wire story run by
//! several outlets, an outlet's article republished under another section or with small edits)
//! and so count as one source.
//!
//! Two articles are one source when they come from the same outlet, or when their texts are
//! near-duplicates or one is contained in the other, by the definitions the `dedup` crate uses
//! for the whole corpus (`dedup::Config` defaults): near-duplicates share at least
//! [`Options::wire_jaccard`](crate::Options) of their content words (match keys) and at least
//! [`Options::wire_order`](crate::Options) of their word bigrams (the same words in the same
//! order); a containment has at least [`Options::wire_containment`](crate::Options) of the
//! shorter text's word bigrams inside the longer one. Texts with fewer than [`MIN_FEATURES`]
//! distinct content words or bigrams (a brief of a sentence or two) are copies of nothing. Copies of copies are copies (the
//! closure of the pairs); independence is then counted per fact and per quote ([`Sources`]).
//!
//! Why here and not a copy-group map handed in by the caller: compare sits beside dedup in layer 1
//! and may not import it, and it must work on a handful of files with no store behind them
//! (`khabar compare a.txt b.txt`). A story holds tens of articles, so the exact sets are cheap and
//! no MinHash estimate is needed; the answer depends only on the texts, never on which signatures
//! a store happens to hold. It does not find copies across stories, nor name the origin or the
//! agency (dedup's groups do).

use crate::Options;
use std::collections::{HashMap, HashSet};

/// Distinct content words (and bigrams) below which a text is a copy of nothing. Higher than
/// dedup's 8: inside one story, two outlets' one-sentence briefs that differ in a figure or a day
/// are two reports to compare, and a sentence or two in common is a shared formula or quote,
/// not evidence of a copied text.
pub(crate) const MIN_FEATURES: usize = 20;

/// The sets two texts are compared on.
struct Features {
    /// Distinct match keys of the content words.
    words: HashSet<String>,
    /// Distinct bigrams of the match keys of all words, in text order.
    bigrams: HashSet<(String, String)>,
}

impl Features {
    fn of(terms: &[text::Term]) -> Features {
        let keys: Vec<&str> = terms
            .iter()
            .map(|t| t.key.as_str())
            .filter(|k| !k.is_empty())
            .collect();
        Features {
            words: terms
                .iter()
                .filter(|t| !t.stop && !t.key.is_empty())
                .map(|t| t.key.clone())
                .collect(),
            bigrams: keys
                .windows(2)
                .map(|w| (w[0].to_string(), w[1].to_string()))
                .collect(),
        }
    }

    fn usable(&self) -> bool {
        self.words.len() >= MIN_FEATURES && self.bigrams.len() >= MIN_FEATURES
    }
}

fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Share of the smaller set inside the larger one.
fn containment<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / small as f64
    }
}

/// Are two texts copies of one text?
fn copies(a: &Features, b: &Features, opts: &Options) -> bool {
    if !a.usable() || !b.usable() {
        return false;
    }
    let near = jaccard(&a.words, &b.words) >= opts.wire_jaccard
        && jaccard(&a.bigrams, &b.bigrams) >= opts.wire_order;
    near || containment(&a.bigrams, &b.bigrams) >= opts.wire_containment
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    let mut y = x;
    while parent[y] != r {
        let next = parent[y];
        parent[y] = r;
        y = next;
    }
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    parent[a.max(b)] = a.min(b);
}

/// Labels 0.. of the union-find roots of `0..n`, in order of first member.
fn renumber(parent: &mut [usize]) -> Vec<usize> {
    let mut ids: HashMap<usize, usize> = HashMap::new();
    (0..parent.len())
        .map(|i| {
            let r = find(parent, i);
            let next = ids.len();
            *ids.entry(r).or_insert(next)
        })
        .collect()
}

/// Outlet number of each article; an article without an outlet name is an outlet of its own.
fn outlet_ids<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Vec<usize> {
    let n = names.len();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    names
        .enumerate()
        .map(|(i, name)| {
            if name.is_empty() {
                return n + i;
            }
            let next = ids.len();
            *ids.entry(name).or_insert(next)
        })
        .collect()
}

/// Who is not independent of whom among a story's articles.
///
/// Independence is counted where it is used, among the articles of one fact or quote, not once
/// for the story: two articles are one source when they are copies of one text or come from one
/// outlet, and the count is the number of connected groups. A story-wide closure would chain an
/// outlet's articles through one copy to another outlet's articles of other days, and two outlets
/// that shared one wire text would never count twice again.
#[derive(Debug, Clone)]
pub(crate) struct Sources {
    outlet: Vec<usize>,
    copy: Vec<usize>,
}

impl Sources {
    /// Outlets and copy groups of `articles` (`terms` are their texts' terms).
    pub(crate) fn of(
        articles: &[model::Article],
        terms: &[Vec<text::Term>],
        opts: &Options,
    ) -> Sources {
        let n = articles.len();
        let features: Vec<Features> = terms.iter().map(|t| Features::of(t)).collect();
        let mut parent: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in i + 1..n {
                if copies(&features[i], &features[j], opts) {
                    union(&mut parent, i, j);
                }
            }
        }
        let copy = renumber(&mut parent);
        let outlet = outlet_ids(articles.iter().map(|a| a.source.as_str()));
        Sources { outlet, copy }
    }

    /// Sources as a comparison's article table gives them (outlet name and copy group).
    pub(crate) fn of_infos(infos: &[crate::ArticleInfo]) -> Sources {
        let outlet = outlet_ids(infos.iter().map(|a| a.source.as_str()));
        let copy = infos.iter().map(|a| a.independent_group).collect();
        Sources { outlet, copy }
    }

    /// Copy group of article `a`: articles with one number are copies of one text.
    pub(crate) fn copy_group(&self, a: usize) -> usize {
        self.copy[a]
    }

    /// Are articles `a` and `b` one source (copies of one text, or one outlet's)?
    pub(crate) fn related(&self, a: usize, b: usize) -> bool {
        self.outlet[a] == self.outlet[b] || self.copy[a] == self.copy[b]
    }

    /// Independent-source label of each article (by index), grouping only the articles `among`:
    /// those of one fact or quote. Articles outside `among` keep labels of their own.
    pub(crate) fn labels(&self, among: &[usize]) -> Vec<usize> {
        let mut parent: Vec<usize> = (0..self.copy.len()).collect();
        for (i, &a) in among.iter().enumerate() {
            for &b in &among[i + 1..] {
                if self.related(a, b) {
                    union(&mut parent, a, b);
                }
            }
        }
        renumber(&mut parent)
    }

    /// Number of independent sources among the articles `among` (repeats allowed).
    pub(crate) fn count(&self, among: &[usize]) -> usize {
        let labels = self.labels(among);
        among
            .iter()
            .map(|&a| labels[a])
            .collect::<HashSet<_>>()
            .len()
    }

    /// Number of articles.
    pub(crate) fn len(&self) -> usize {
        self.copy.len()
    }
}
