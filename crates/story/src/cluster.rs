//! The clusterer: online assignment, batch re-clustering with repair, explanations and editor
//! corrections. Candidate stories come from an inverted index (term → stories that contain it,
//! newest last) limited to a time window; the clusterer never scans all stories.
//!
//! Story ids are small integers handed out in creation order, so batch runs over the same input
//! give the same ids. Editor corrections are kept as article-level must-link / cannot-link
//! [`Constraints`], which survive a batch re-run where story ids change.

use crate::features::{self, Analysis, Sparse, Vocab};
use crate::forms::Forms;
use crate::hash::{Map, Set};
use crate::model::{FEATURES, Features, Model, NF, Params};
use crate::{Doc, Error};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A story's id: unique within one clusterer state.
pub type StoryId = u64;

const DAY: f64 = 86_400.0;
/// Per-term posting entries walked when looking up candidates.
const POSTING_WALK: usize = 300;
/// Query terms taken from an article's body for candidate lookup.
const QUERY_BODY_TERMS: usize = 10;
/// Body terms of an article that index its story.
const POSTED_BODY_TERMS: usize = 8;
/// Members compared one by one for the best-member signals: a story's most recent ones (a
/// follow-up reads most like the latest coverage). Bounded so that a long story costs no more
/// than a short one.
const MEMBER_TITLES: usize = 8;
/// In repair, a story is represented by its first members and compared with fewer members and
/// candidates: repair visits every story, so it must stay cheap on large corpora.
const REPAIR_PROBE_MEMBERS: usize = 3;
const REPAIR_MEMBER_SCAN: usize = 12;
const REPAIR_CANDIDATES: usize = 8;
const TITLE_CENTROID: usize = 80;
const BODY_CENTROID: usize = 300;
const SALIENT_CENTROID: usize = 80;
/// Body stems of an article whose written forms are kept (besides its title's): a story's key
/// terms are among its members' heaviest terms (on both corpora, 14 of 25,794 stories have a
/// top-3 term outside them; the next term is shown instead).
const FORM_BODY_TERMS: usize = 8;
/// Key terms a story view shows.
const KEY_TERMS: usize = 3;
/// Names (and numbers) of a story that count: its most frequent ones.
const STORY_KEYS: usize = 24;
/// Story size where the size signal saturates.
const SIZE_CAP: usize = 20;
/// Longest time from a story's first article to its last. A story is one event with its
/// immediate reactions and follow-ups; coverage that runs on for weeks is a topic made of
/// several developments (the Hodeidah offensive, a summit's preparation). Without this bound,
/// daily follow-ups chain one story through months of coverage, which no time signal learned on
/// a few days of labelled news can prevent. Set by that definition, not fitted: the labelled
/// data spans two days.
const MAX_STORY_DAYS: f64 = 7.0;
/// Width of the Gaussian on the time since a story's newest article: a day, finer than the
/// few days of the other time signals, so that a story still being reported today counts for
/// more than one whose coverage stopped the day before.
const RECENT_SIGMA_DAYS: f32 = 1.0;

/// The `k` most frequent keys of a count map (ties by id), unsorted.
fn top_keys(m: &Map<u32, f32>, k: usize) -> Vec<u32> {
    if m.len() <= k {
        return m.keys().copied().collect();
    }
    let mut v: Vec<(u32, f32)> = m.iter().map(|(&t, &c)| (t, c)).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(k);
    v.into_iter().map(|e| e.0).collect()
}

/// Why an article is where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The model chose the best candidate story.
    Model,
    /// No candidate was likely enough: the article opened a story.
    New,
    /// Near-duplicate of an article already in the story.
    Duplicate,
    /// An editor linked it to an article of the story.
    EditorLink,
    /// Batch repair merged its story into this one.
    Repair,
    /// An editor moved, merged or split it here.
    Editor,
}

impl Via {
    /// Lower-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Model => "model",
            Via::New => "new",
            Via::Duplicate => "duplicate",
            Via::EditorLink => "editor_link",
            Via::Repair => "repair",
            Via::Editor => "editor",
        }
    }
}

/// Why an article joined its story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub article: String,
    pub story: StoryId,
    /// Join probability for the chosen story (for a new story: of the best rejected candidate).
    pub score: f32,
    /// Stemmed terms shared with the story, most weighty first, in an index-level form (for
    /// programs; readers see `shared_terms_display`).
    pub shared_terms: Vec<String>,
    /// Salient match keys (names, places) shared with the story (for programs; readers see
    /// `shared_names_display`).
    pub shared_names: Vec<String>,
    /// `shared_terms` as the article writes them ([`crate::forms`]), for display.
    #[serde(default)]
    pub shared_terms_display: Vec<String>,
    /// The names among `shared_names` ([`crate::forms::is_name`]) as the article writes them,
    /// for display.
    #[serde(default)]
    pub shared_names_display: Vec<String>,
    /// Hours between the article and the story's nearest article, when both have times.
    pub time_gap_hours: Option<f64>,
    /// Best other candidate story and its probability.
    pub runner_up: Option<(StoryId, f32)>,
    pub new_story: bool,
    pub via: Via,
    /// Signal values against the chosen (or best rejected) story, by name.
    pub signals: Vec<(String, f32)>,
}

impl Assignment {
    /// The signals that weighed most in the decision under `model`: (name, value, weight ×
    /// value), largest share first, at most `n`, positive shares only. Empty when the
    /// explanation carries no signals.
    pub fn decisive(&self, model: &Model, n: usize) -> Vec<(String, f32, f32)> {
        let mut v: Vec<(String, f32, f32)> = self
            .signals
            .iter()
            .filter_map(|(name, x)| {
                let i = FEATURES.iter().position(|f| f == name)?;
                Some((name.clone(), *x, model.w[i] * x))
            })
            .filter(|e| e.2 > 0.0)
            .collect();
        v.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// An editor's correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Correction {
    /// Move one article to another story.
    Move { article: String, to: StoryId },
    /// Merge story `b` into story `a`.
    Merge { a: StoryId, b: StoryId },
    /// Take `articles` out of `story` into a new story.
    Split {
        story: StoryId,
        articles: Vec<String>,
    },
}

/// Editor constraints between articles: pairs that must share a story and pairs that must not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraints {
    pub must: Vec<(String, String)>,
    pub cannot: Vec<(String, String)>,
}

/// A story as callers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryView {
    pub id: StoryId,
    /// Title of the member closest to the story's title centroid.
    pub headline: String,
    pub headline_article: String,
    /// Member article ids with their outlets, in the order they joined.
    pub articles: Vec<(String, String)>,
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// The story's heaviest terms in an index-level form (for programs).
    pub key_terms: Vec<String>,
    /// The story's heaviest terms as its articles write them ([`crate::forms`]), for display.
    #[serde(default)]
    pub key_terms_display: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Rec {
    id: String,
    source: String,
    time: Option<i64>,
    title_text: String,
    #[serde(with = "crate::codec::sparse")]
    title: Sparse,
    #[serde(with = "crate::codec::sparse")]
    body: Sparse,
    salient: Vec<u32>,
    nums: Vec<u32>,
    /// Written forms of the title's stems and of the [`FORM_BODY_TERMS`] heaviest body stems:
    /// (stem id, count) of each form, the forms themselves in `written`, in the same order.
    forms: Vec<(u32, u32)>,
    /// The words of `forms`, separated by spaces (a word never holds one).
    written: String,
    /// Unit-length IDF-weighted character 4-grams of title and lead.
    #[serde(with = "crate::codec::sparse")]
    grams: Sparse,
    story: StoryId,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Story {
    members: Vec<u32>,
    title: Map<u32, f32>,
    body: Map<u32, f32>,
    salient: Map<u32, f32>,
    nums: Map<u32, f32>,
    t_min: Option<i64>,
    t_max: Option<i64>,
    t_sum: f64,
    n_t: u32,
    alive: bool,
    /// Derived from the maps above after every change; rebuilt on decode, never stored.
    #[serde(skip)]
    cache: StoryCache,
}

/// What scoring needs from a story's centroids, computed once per change instead of once per
/// candidate comparison.
#[derive(Debug, Clone, Default)]
struct StoryCache {
    title_norm: f32,
    body_norm: f32,
    /// The story's most frequent names and numbers ([`STORY_KEYS`]).
    names: Vec<u32>,
    nums: Vec<u32>,
}

impl Story {
    fn refresh(&mut self) {
        self.cache = StoryCache {
            title_norm: norm(self.title.iter().map(|(&t, &w)| (t, w))),
            body_norm: norm(self.body.iter().map(|(&t, &w)| (t, w))),
            names: top_keys(&self.salient, STORY_KEYS),
            nums: top_keys(&self.nums, STORY_KEYS),
        };
    }
}

/// Bits of the membership filter of a probe vector.
const FILTER_WORDS: usize = 256;

/// A sparse vector with a small bit filter of its ids, so a dot product with another vector
/// skips the ids it cannot share without a merge walk: same result as [`dot`], summed in the
/// same (id) order, at a fraction of the branch mispredictions.
struct Filtered {
    v: Sparse,
    bits: Box<[u64; FILTER_WORDS]>,
}

impl Filtered {
    fn new(v: Sparse) -> Self {
        let mut bits = Box::new([0u64; FILTER_WORDS]);
        for &(id, _) in &v {
            let b = id as usize % (FILTER_WORDS * 64);
            bits[b / 64] |= 1 << (b % 64);
        }
        Filtered { v, bits }
    }

    /// Dot product with `other` (sorted by id).
    fn dot(&self, other: &Sparse) -> f32 {
        let mut d = 0f32;
        // Both sides are sorted by id, so each search starts where the previous one ended.
        let mut lo = 0;
        for &(id, w) in other {
            let b = id as usize % (FILTER_WORDS * 64);
            if self.bits[b / 64] & (1 << (b % 64)) == 0 {
                continue;
            }
            let Some(rest) = self.v.get(lo..) else {
                break;
            };
            lo += rest.partition_point(|e| e.0 < id);
            match self.v.get(lo) {
                Some(&(t, x)) if t == id => d += x * w,
                Some(_) => {}
                None => break,
            }
        }
        d
    }
}

/// What a candidate story is compared with: one article, or (in repair) another story.
struct Probe {
    title: Sparse,
    body: Sparse,
    salient: Vec<u32>,
    nums: Vec<u32>,
    time: Option<i64>,
    /// First and last publication time the probe brings (one article: its own time twice).
    span: Option<(i64, i64)>,
    titles: Vec<Filtered>,
    bodies: Vec<Filtered>,
    grams: Vec<Filtered>,
    /// Most recent members of a candidate compared one by one.
    member_scan: usize,
    /// Candidates scored in full.
    max_candidates: usize,
}

/// Online story clusterer. Serialisable: persist it with [`Clusterer::to_bytes`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    params: Params,
    stems: Vocab,
    keys: Vocab,
    surface: Map<u32, String>,
    recs: Vec<Rec>,
    /// Rebuilt from `recs` on decode.
    #[serde(skip)]
    by_id: Map<String, u32>,
    stories: Vec<Story>,
    postings: Map<u32, Vec<(StoryId, i64)>>,
    clock: i64,
    gram_df: Map<u32, u32>,
    gram_docs: u32,
    must: Map<String, Vec<String>>,
    cannot: Map<String, Vec<String>>,
    #[serde(with = "crate::codec::explain")]
    explain: Vec<Assignment>,
}

/// First byte of [`Clusterer::to_bytes`]: the state format. Bump it when the layout changes.
/// (3: the analysis version follows the format byte; 4: written forms of articles' main terms,
/// and display fields in explanations.)
const STATE_VERSION: u8 = 4;
/// Bytes before the encoded state: the format byte and the analysis version (u32 little-endian).
const STATE_HEADER: usize = 5;

fn gauss(d: f64, sigma_days: f32) -> f32 {
    let s = f64::from(sigma_days) * DAY;
    (-0.5 * (d / s).powi(2)).exp() as f32
}

fn add_map(m: &mut Map<u32, f32>, v: &[(u32, f32)]) {
    for &(t, w) in v {
        *m.entry(t).or_insert(0.0) += w;
    }
}

fn map_to_sparse(m: &Map<u32, f32>) -> Sparse {
    let mut v: Sparse = m.iter().map(|(&t, &w)| (t, w)).collect();
    v.sort_unstable_by_key(|e| e.0);
    v
}

fn prune(m: &mut Map<u32, f32>, keep: usize) {
    if m.len() <= keep * 2 {
        return;
    }
    let v = features::top_by_weight(map_to_sparse(m), keep);
    m.clear();
    m.extend(v);
}

/// Dot product of two sparse vectors sorted by id (the reference for [`Filtered::dot`]).
#[cfg(test)]
fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut d) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                d += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    d
}

fn norm(it: impl Iterator<Item = (u32, f32)>) -> f32 {
    it.map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// Cosine of a sparse vector and a centroid map of norm `m_norm`.
fn cos_map(a: &Sparse, m: &Map<u32, f32>, m_norm: f32) -> f32 {
    let na = norm(a.iter().copied());
    if na == 0.0 || m_norm == 0.0 {
        return 0.0;
    }
    let dot: f32 = a
        .iter()
        .filter_map(|(t, w)| m.get(t).map(|mw| w * mw))
        .sum();
    dot / (na * m_norm)
}

fn link(m: &mut Map<String, Vec<String>>, a: &str, b: &str) {
    if a == b {
        return;
    }
    for (x, y) in [(a, b), (b, a)] {
        let e = m.entry(x.to_string()).or_default();
        if !e.iter().any(|z| z == y) {
            e.push(y.to_string());
        }
    }
}

fn unlink(m: &mut Map<String, Vec<String>>, a: &str, b: &str) {
    for (x, y) in [(a, b), (b, a)] {
        if let Some(e) = m.get_mut(x) {
            e.retain(|z| z != y);
        }
    }
}

impl Clusterer {
    pub fn new(params: Params) -> Self {
        Clusterer {
            params,
            stems: Vocab::default(),
            keys: Vocab::default(),
            surface: Map::default(),
            recs: Vec::new(),
            by_id: Map::default(),
            stories: Vec::new(),
            postings: Map::default(),
            clock: i64::MIN,
            gram_df: Map::default(),
            gram_docs: 0,
            must: Map::default(),
            cannot: Map::default(),
            explain: Vec::new(),
        }
    }

    /// A clusterer that starts with editor constraints (e.g. before a batch re-run).
    pub fn with_constraints(params: Params, c: &Constraints) -> Self {
        let mut s = Clusterer::new(params);
        for (a, b) in &c.must {
            link(&mut s.must, a, b);
        }
        for (a, b) in &c.cannot {
            link(&mut s.cannot, a, b);
        }
        s
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Number of articles clustered.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// Assign one article online (analysing it first).
    pub fn add(&mut self, doc: &Doc) -> Result<Assignment, Error> {
        let a = features::analyze(doc);
        self.add_analyzed(doc, &a)
    }

    /// Assign one article whose text analysis the caller already has.
    pub fn add_analyzed(&mut self, doc: &Doc, a: &Analysis) -> Result<Assignment, Error> {
        if self.by_id.contains_key(&doc.id) {
            return Err(Error::DuplicateArticle(doc.id.clone()));
        }
        let (rec, written) = self.prepare(doc, a);
        let probe = probe_of(&rec, self.params.max_candidates);
        let banned = self.banned_stories(&doc.id);
        let scored = self.score(&probe, &banned, None);

        let mut forced = None;
        if let Some(o) = &doc.dup_of
            && let Some(&oi) = self.by_id.get(o)
        {
            let s = self.recs[oi as usize].story;
            if !banned.contains(&s) {
                forced = Some((s, Via::Duplicate));
            }
        }
        if let Some(partners) = self.must.get(&doc.id) {
            for p in partners {
                if let Some(&pi) = self.by_id.get(p) {
                    forced = Some((self.recs[pi as usize].story, Via::EditorLink));
                    break;
                }
            }
        }
        let best = scored.first();
        let (story, via) = match forced {
            Some(f) => f,
            None => match best {
                Some(&(s, p, _)) if p >= self.params.join_threshold => (s, Via::Model),
                _ => (self.new_story(), Via::New),
            },
        };
        let idx = self.recs.len() as u32;
        self.by_id.insert(rec.id.clone(), idx);
        self.recs.push(rec);
        let mut exp = self.explanation(idx, &probe, story, via, &scored, &written);
        exp.new_story = via == Via::New;
        self.attach(idx, story);
        self.explain.push(exp.clone());
        // Must-links are transitive: stories of every other placed partner join this one.
        let partners = self.must.get(&doc.id).cloned().unwrap_or_default();
        for p in partners {
            let Some(&pi) = self.by_id.get(&p) else {
                continue;
            };
            let ps = self.recs[pi as usize].story;
            if ps != story && !self.conflicts(story, ps) {
                self.merge_into(story, ps, Via::EditorLink);
            }
        }
        Ok(exp)
    }

    /// The article's record, and the written forms of its vector stems and salient keys (for
    /// its explanation).
    fn prepare<'d>(&mut self, doc: &'d Doc, a: &'d Analysis) -> (Rec, Written<'d>) {
        let title_ids: Vec<u32> = a.title.iter().map(|w| self.stems.intern(w)).collect();
        let body_ids: Vec<u32> = a.body.iter().map(|w| self.stems.intern(w)).collect();
        let mut uniq: Vec<u32> = title_ids.iter().chain(&body_ids).copied().collect();
        uniq.sort_unstable();
        uniq.dedup();
        self.stems.observe(&uniq);
        for (stem, surf) in &a.surface {
            if let Some(id) = self.stems.get(stem) {
                self.surface.entry(id).or_insert_with(|| surf.clone());
            }
        }
        let tkeys: Vec<u32> = a.title_keys.iter().map(|w| self.keys.intern(w)).collect();
        let lkeys: Vec<u32> = a.lead_keys.iter().map(|w| self.keys.intern(w)).collect();
        let nums: Vec<u32> = a
            .numbers
            .iter()
            .map(|w| self.keys.intern(&format!("#{w}")))
            .collect();
        let mut kuniq: Vec<u32> = tkeys.iter().chain(&lkeys).chain(&nums).copied().collect();
        kuniq.sort_unstable();
        kuniq.dedup();
        self.keys.observe(&kuniq);

        let mut title = features::tf_vector(&title_ids);
        features::weigh(&mut title, &self.stems);
        let mut body = features::top_k(
            features::tf_vector(&body_ids),
            features::BODY_VEC,
            &self.stems,
        );
        features::weigh(&mut body, &self.stems);
        // Salient keys: title words count three times, lead words once; highest tf × idf.
        let mut sal: Map<u32, f32> = Map::default();
        for &k in &tkeys {
            *sal.entry(k).or_insert(0.0) += 3.0;
        }
        for &k in &lkeys {
            *sal.entry(k).or_insert(0.0) += 1.0;
        }
        let mut sal: Vec<(u32, f32)> = sal
            .into_iter()
            .map(|(k, c)| (k, c * self.keys.idf(k)))
            .collect();
        sal.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut salient: Vec<u32> = sal
            .into_iter()
            .take(features::SALIENT)
            .map(|e| e.0)
            .collect();
        salient.sort_unstable();
        let words = Words {
            doc,
            a,
            title: &title_ids,
            body: &body_ids,
        };
        let written = Written {
            stems: words.stem_forms(title.iter().chain(&body).map(|e| e.0).collect()),
            keys: words.key_forms(&tkeys, &lkeys, salient.iter().copied().collect()),
        };
        let (forms, kept) = kept_forms(&title, &body, &written.stems);
        let mut nums = nums;
        nums.sort_unstable();
        nums.dedup();
        if let Some(t) = doc.published {
            self.clock = self.clock.max(t);
        }
        let mut g: Vec<u32> = a.grams.clone();
        g.sort_unstable();
        let mut grams = features::tf_vector(&g);
        self.gram_docs += 1;
        for (k, _) in &grams {
            *self.gram_df.entry(*k).or_insert(0) += 1;
        }
        let n = self.gram_docs as f32;
        for (k, w) in grams.iter_mut() {
            let df = self.gram_df.get(k).copied().unwrap_or(1) as f32;
            *w *= ((1.0 + n) / (1.0 + df)).ln() + 1.0;
        }
        let gn = grams.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if gn > 0.0 {
            grams.iter_mut().for_each(|e| e.1 /= gn);
        }
        let rec = Rec {
            id: doc.id.clone(),
            source: doc.source.clone(),
            time: doc.published,
            title_text: doc.title.clone(),
            title,
            body,
            salient,
            nums,
            forms,
            written: kept,
            grams,
            story: 0,
        };
        (rec, written)
    }

    fn new_story(&mut self) -> StoryId {
        self.stories.push(Story {
            alive: true,
            ..Story::default()
        });
        (self.stories.len() - 1) as StoryId
    }

    fn banned_stories(&self, article: &str) -> Set<StoryId> {
        let mut b = Set::default();
        if let Some(cs) = self.cannot.get(article) {
            for c in cs {
                if let Some(&ci) = self.by_id.get(c) {
                    b.insert(self.recs[ci as usize].story);
                }
            }
        }
        b
    }

    /// Add article `idx` to story `sid`: centroids, times and index postings.
    fn attach(&mut self, idx: u32, sid: StoryId) {
        let rec = &mut self.recs[idx as usize];
        rec.story = sid;
        let time = rec.time.unwrap_or(self.clock);
        let mut posted: Vec<u32> = rec.title.iter().map(|e| e.0).collect();
        let top = features::top_by_weight(rec.body.clone(), POSTED_BODY_TERMS);
        posted.extend(top.iter().map(|e| e.0));
        posted.sort_unstable();
        posted.dedup();
        for t in posted {
            let list = self.postings.entry(t).or_default();
            if list.last() != Some(&(sid, time)) {
                list.push((sid, time));
            }
        }
        self.add_to_story(idx, sid);
    }

    fn add_to_story(&mut self, idx: u32, sid: StoryId) {
        let rec = &self.recs[idx as usize];
        let Some(st) = self.stories.get_mut(sid as usize) else {
            return;
        };
        st.members.push(idx);
        add_map(&mut st.title, &rec.title);
        add_map(&mut st.body, &rec.body);
        for &k in &rec.salient {
            *st.salient.entry(k).or_insert(0.0) += 1.0;
        }
        for &k in &rec.nums {
            *st.nums.entry(k).or_insert(0.0) += 1.0;
        }
        if let Some(t) = rec.time {
            st.t_min = Some(st.t_min.map_or(t, |m| m.min(t)));
            st.t_max = Some(st.t_max.map_or(t, |m| m.max(t)));
            st.t_sum += t as f64;
            st.n_t += 1;
        }
        prune(&mut st.title, TITLE_CENTROID);
        prune(&mut st.body, BODY_CENTROID);
        prune(&mut st.salient, SALIENT_CENTROID);
        st.refresh();
    }

    /// Recompute a story's centroids from its members (after articles left it).
    fn rebuild(&mut self, sid: StoryId) {
        let Some(st) = self.stories.get_mut(sid as usize) else {
            return;
        };
        let members = std::mem::take(&mut st.members);
        *st = Story {
            alive: !members.is_empty(),
            ..Story::default()
        };
        for m in members {
            self.add_to_story(m, sid);
        }
    }

    /// Candidate stories for a probe through the inverted index, best lexical match first.
    fn candidates(&self, p: &Probe, exclude: Option<StoryId>) -> Vec<StoryId> {
        let window = (f64::from(self.params.window_days) * DAY) as i64;
        let mut query: Vec<u32> = p.title.iter().map(|e| e.0).collect();
        let top = features::top_by_weight(p.body.clone(), QUERY_BODY_TERMS);
        query.extend(top.iter().map(|e| e.0));
        query.sort_unstable();
        query.dedup();
        let mut acc: Map<StoryId, (f32, u32)> = Map::default();
        for &t in &query {
            let Some(list) = self.postings.get(&t) else {
                continue;
            };
            let idf = self.stems.idf(t);
            for &(sid, time) in list.iter().rev().take(POSTING_WALK) {
                if let Some(pt) = p.time {
                    if time < pt.saturating_sub(2 * window) {
                        break;
                    }
                    if time < pt.saturating_sub(window) {
                        continue;
                    }
                }
                let e = acc.entry(sid).or_insert((0.0, u32::MAX));
                if e.1 != t {
                    e.0 += idf;
                    e.1 = t;
                }
            }
        }
        let mut c: Vec<(StoryId, f32)> = acc
            .into_iter()
            .filter(|(sid, _)| Some(*sid) != exclude)
            .filter(|(sid, _)| {
                let Some(st) = self.stories.get(*sid as usize) else {
                    return false;
                };
                if !st.alive {
                    return false;
                }
                let near = match (p.time, st.t_min, st.t_max) {
                    (Some(t), Some(lo), Some(hi)) => {
                        hi >= t.saturating_sub(window) && lo <= t.saturating_add(window)
                    }
                    _ => true,
                };
                // Joining must not stretch the story beyond its longest span.
                let short = match (p.span, st.t_min, st.t_max) {
                    (Some((plo, phi)), Some(lo), Some(hi)) => {
                        (phi.max(hi) - plo.min(lo)) as f64 <= MAX_STORY_DAYS * DAY
                    }
                    _ => true,
                };
                near && short
            })
            .map(|(s, (w, _))| (s, w))
            .collect();
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(p.max_candidates);
        c.into_iter().map(|e| e.0).collect()
    }

    fn features(&self, p: &Probe, sid: StoryId) -> Features {
        let mut f = [0f32; NF];
        let Some(st) = self.stories.get(sid as usize) else {
            return f;
        };
        let (tn, bn) = (st.cache.title_norm, st.cache.body_norm);
        f[0] = cos_map(&p.title, &st.title, tn);
        f[1] = cos_map(&p.body, &st.body, bn);
        f[2] = cos_map(&p.title, &st.body, bn);
        let (mut best_t, mut best_b, mut best_g) = (0f32, 0f32, 0f32);
        for &m in st.members.iter().rev().take(p.member_scan) {
            let r = &self.recs[m as usize];
            for pg in &p.grams {
                best_g = best_g.max(pg.dot(&r.grams));
            }
            for pt in &p.titles {
                best_t = best_t.max(pt.dot(&r.title));
            }
            for pb in &p.bodies {
                best_b = best_b.max(pb.dot(&r.body));
            }
        }
        f[3] = best_t;
        f[4] = best_b;
        // A story's names and numbers are its most frequent ones only, so a large story does not
        // end up matching every article through the sheer number of keys it has collected.
        let (names, nums) = (&st.cache.names, &st.cache.nums);
        let (mut shared, mut total) = (0f32, 0f32);
        for &k in &p.salient {
            let idf = self.keys.idf(k);
            total += idf;
            if names.contains(&k) {
                shared += idf;
            }
        }
        f[5] = if total > 0.0 { shared / total } else { 0.0 };
        let sn = p.nums.iter().filter(|k| nums.contains(k)).count();
        f[6] = (sn.min(3) as f32) / 3.0;
        match (p.time, st.t_min, st.t_max) {
            (Some(t), Some(lo), Some(hi)) => {
                let s = self.params.sigma_days;
                f[7] = gauss((t - hi) as f64, RECENT_SIGMA_DAYS);
                f[8] = gauss((t - lo) as f64, s);
                let mean = st.t_sum / f64::from(st.n_t.max(1));
                f[9] = gauss(t as f64 - mean, s);
            }
            _ => {
                f[7] = 0.5;
                f[8] = 0.5;
                f[9] = 0.5;
            }
        }
        // Size saturates at the largest story size seen in training data.
        let n = st.members.len().min(SIZE_CAP) as f32;
        f[10] = (1.0 + n).ln() / (1.0 + SIZE_CAP as f32).ln();
        f[11] = best_g;
        f
    }

    /// Candidates with their join probability, best first.
    fn score(
        &self,
        p: &Probe,
        banned: &Set<StoryId>,
        exclude: Option<StoryId>,
    ) -> Vec<(StoryId, f32, Features)> {
        let mut out: Vec<(StoryId, f32, Features)> = self
            .candidates(p, exclude)
            .into_iter()
            .filter(|s| !banned.contains(s))
            .map(|s| {
                let f = self.features(p, s);
                (s, self.params.model.prob(&f), f)
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    fn explanation(
        &self,
        idx: u32,
        p: &Probe,
        story: StoryId,
        via: Via,
        scored: &[(StoryId, f32, Features)],
        written: &Written,
    ) -> Assignment {
        let rec = &self.recs[idx as usize];
        let target = if via == Via::New {
            scored.first().map(|e| e.0)
        } else {
            Some(story)
        };
        let chosen = target.and_then(|t| scored.iter().find(|e| e.0 == t));
        let signals = match chosen {
            Some(c) => c.2.to_vec(),
            None => target
                .map(|t| self.features(p, t).to_vec())
                .unwrap_or_default(),
        };
        let score = match chosen {
            Some(c) => c.1,
            None if signals.len() == NF => {
                let mut f = [0f32; NF];
                f.copy_from_slice(&signals);
                self.params.model.prob(&f)
            }
            None => 0.0,
        };
        let mut shared_terms = Vec::new();
        let mut shared_term_ids = Vec::new();
        let mut shared_names = Vec::new();
        let mut shared_name_ids = Vec::new();
        let mut time_gap_hours = None;
        if let Some(st) = target.and_then(|t| self.stories.get(t as usize)) {
            let mut sh: Vec<(u32, f32)> = rec
                .title
                .iter()
                .chain(&rec.body)
                .filter_map(|&(t, w)| {
                    let sw = st.body.get(&t).or_else(|| st.title.get(&t))?;
                    Some((t, w * sw))
                })
                .collect();
            sh.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut seen = Set::default();
            for (t, _) in sh {
                if seen.insert(t) {
                    shared_term_ids.push(t);
                    shared_terms.push(self.display_stem(t));
                }
                if shared_terms.len() == 10 {
                    break;
                }
            }
            let names = top_keys(&st.salient, STORY_KEYS);
            for &k in &rec.salient {
                if names.contains(&k) {
                    shared_name_ids.push(k);
                    shared_names.push(self.keys.word(k).to_string());
                }
            }
            if let (Some(t), Some(lo), Some(hi)) = (rec.time, st.t_min, st.t_max) {
                let gap = if t < lo {
                    lo - t
                } else if t > hi {
                    t - hi
                } else {
                    0
                };
                time_gap_hours = Some(gap as f64 / 3600.0);
            }
        }
        let runner_up = scored
            .iter()
            .find(|e| Some(e.0) != target)
            .map(|e| (e.0, e.1));
        Assignment {
            article: rec.id.clone(),
            story,
            score,
            shared_terms_display: self.shown_terms(&shared_term_ids, &written.stems),
            shared_names_display: self.shown_names(&shared_name_ids, &written.keys),
            shared_terms,
            shared_names,
            time_gap_hours,
            runner_up,
            new_story: via == Via::New,
            via,
            signals: FEATURES
                .iter()
                .map(|n| n.to_string())
                .zip(signals)
                .collect(),
        }
    }

    /// Stems as the article writes them, each word once.
    fn shown_terms(&self, stems: &[u32], forms: &Forms<u32>) -> Vec<String> {
        unique(
            stems
                .iter()
                .filter_map(|t| forms.display(t, self.stems.word(*t))),
        )
    }

    /// The names among match keys, as the article writes them, each once.
    fn shown_names(&self, keys: &[u32], forms: &Forms<u32>) -> Vec<String> {
        let shown = keys.iter().filter_map(|k| {
            let key = self.keys.word(*k);
            forms
                .display(k, key)
                .filter(|w| crate::forms::is_name(key, w))
        });
        unique(shown)
    }

    /// A story's heaviest terms (`terms`, heaviest first) as its members write them: the first
    /// [`KEY_TERMS`] that some member's kept forms cover.
    fn shown_key_terms(&self, st: &Story, terms: &[(u32, f32)]) -> Vec<String> {
        let wanted: Set<u32> = terms.iter().map(|e| e.0).collect();
        let mut forms = Forms::default();
        for &m in &st.members {
            let r = &self.recs[m as usize];
            for (w, &(t, n)) in r.written.split(' ').zip(&r.forms) {
                if wanted.contains(&t) {
                    forms.add(t, w, n);
                }
            }
        }
        let shown = terms
            .iter()
            .filter_map(|(t, _)| forms.display(t, self.stems.word(*t)));
        let mut out = unique(shown);
        out.truncate(KEY_TERMS);
        out
    }

    fn display_stem(&self, t: u32) -> String {
        self.surface
            .get(&t)
            .cloned()
            .unwrap_or_else(|| self.stems.word(t).to_string())
    }

    /// The explanation recorded when `article` was placed (updated by merges and corrections).
    pub fn explain(&self, article: &str) -> Option<&Assignment> {
        self.by_id
            .get(article)
            .and_then(|&i| self.explain.get(i as usize))
    }

    pub fn story_of(&self, article: &str) -> Option<StoryId> {
        self.by_id
            .get(article)
            .map(|&i| self.recs[i as usize].story)
    }

    /// Every article's story.
    pub fn labels(&self) -> HashMap<String, StoryId> {
        self.recs.iter().map(|r| (r.id.clone(), r.story)).collect()
    }

    /// The editor constraints recorded so far (sorted pairs, each once).
    pub fn constraints(&self) -> Constraints {
        let pairs = |m: &Map<String, Vec<String>>| {
            let mut v: Vec<(String, String)> = m
                .iter()
                .flat_map(|(a, bs)| {
                    bs.iter()
                        .filter(move |b| a < *b)
                        .map(move |b| (a.clone(), b.clone()))
                })
                .collect();
            v.sort();
            v
        };
        Constraints {
            must: pairs(&self.must),
            cannot: pairs(&self.cannot),
        }
    }

    /// All live stories, by id.
    pub fn stories(&self) -> Vec<StoryView> {
        (0..self.stories.len() as StoryId)
            .filter_map(|s| self.story(s))
            .collect()
    }

    pub fn story(&self, sid: StoryId) -> Option<StoryView> {
        let st = self.stories.get(sid as usize).filter(|s| s.alive)?;
        let tn = norm(st.title.iter().map(|(&t, &w)| (t, w)));
        let mut head = st.members.first().copied()?;
        let mut best = -1f32;
        for &m in &st.members {
            let c = cos_map(&self.recs[m as usize].title, &st.title, tn);
            if c > best + 1e-6 {
                best = c;
                head = m;
            }
        }
        let mut terms: Vec<(u32, f32)> = st
            .body
            .iter()
            .map(|(&t, &w)| (t, w + st.title.get(&t).copied().unwrap_or(0.0)))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let hr = &self.recs[head as usize];
        let key_terms_display = self.shown_key_terms(st, &terms[..terms.len().min(4 * KEY_TERMS)]);
        Some(StoryView {
            id: sid,
            headline: hr.title_text.clone(),
            headline_article: hr.id.clone(),
            articles: st
                .members
                .iter()
                .map(|&m| {
                    (
                        self.recs[m as usize].id.clone(),
                        self.recs[m as usize].source.clone(),
                    )
                })
                .collect(),
            first: st.t_min,
            last: st.t_max,
            key_terms: terms
                .into_iter()
                .take(KEY_TERMS)
                .map(|(t, _)| self.display_stem(t))
                .collect(),
            key_terms_display,
        })
    }

    fn idx(&self, article: &str) -> Result<u32, Error> {
        self.by_id
            .get(article)
            .copied()
            .ok_or_else(|| Error::UnknownArticle(article.to_string()))
    }

    fn live(&self, sid: StoryId) -> Result<&Story, Error> {
        self.stories
            .get(sid as usize)
            .filter(|s| s.alive)
            .ok_or(Error::UnknownStory(sid))
    }

    fn member_ids(&self, sid: StoryId) -> Vec<String> {
        self.stories
            .get(sid as usize)
            .map(|s| {
                s.members
                    .iter()
                    .map(|&m| self.recs[m as usize].id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn relabel(&mut self, members: &[u32], sid: StoryId, via: Via) {
        for &m in members {
            if let Some(e) = self.explain.get_mut(m as usize) {
                e.story = sid;
                e.via = via;
                e.new_story = false;
            }
        }
    }

    /// Merge story `b` into `a` (all of b's articles move, b disappears).
    fn merge_into(&mut self, a: StoryId, b: StoryId, via: Via) {
        let members = std::mem::take(&mut self.stories[b as usize].members);
        self.stories[b as usize] = Story::default();
        for &m in &members {
            self.attach(m, a);
        }
        self.relabel(&members, a, via);
    }

    /// Apply an editor correction now and record it as constraints for later assignments.
    pub fn correct(&mut self, c: &Correction) -> Result<(), Error> {
        match c {
            Correction::Move { article, to } => {
                let idx = self.idx(article)?;
                self.live(*to)?;
                let old = self.recs[idx as usize].story;
                if old == *to {
                    return Ok(());
                }
                if let Some(ps) = self.must.remove(article) {
                    for p in ps {
                        unlink(&mut self.must, article, &p);
                    }
                }
                self.stories[old as usize].members.retain(|&m| m != idx);
                self.rebuild(old);
                for o in self.member_ids(old) {
                    link(&mut self.cannot, article, &o);
                }
                for o in self.member_ids(*to) {
                    unlink(&mut self.cannot, article, &o);
                }
                if let Some(anchor) = self.member_ids(*to).first() {
                    link(&mut self.must, article, anchor);
                }
                self.attach(idx, *to);
                self.relabel(&[idx], *to, Via::Editor);
            }
            Correction::Merge { a, b } => {
                if a == b {
                    return Ok(());
                }
                self.live(*a)?;
                self.live(*b)?;
                let (ma, mb) = (self.member_ids(*a), self.member_ids(*b));
                for x in &ma {
                    for y in &mb {
                        unlink(&mut self.cannot, x, y);
                    }
                }
                if let (Some(x), Some(y)) = (ma.first(), mb.first()) {
                    link(&mut self.must, x, y);
                }
                self.merge_into(*a, *b, Via::Editor);
            }
            Correction::Split { story, articles } => {
                let st = self.live(*story)?;
                let mut idxs = Vec::new();
                for a in articles {
                    let i = self.idx(a)?;
                    if !st.members.contains(&i) {
                        return Err(Error::BadSplit(*story));
                    }
                    if !idxs.contains(&i) {
                        idxs.push(i);
                    }
                }
                if idxs.is_empty() || idxs.len() >= st.members.len() {
                    return Err(Error::BadSplit(*story));
                }
                self.stories[*story as usize]
                    .members
                    .retain(|m| !idxs.contains(m));
                self.rebuild(*story);
                let rest = self.member_ids(*story);
                let moved: Vec<String> = idxs
                    .iter()
                    .map(|&i| self.recs[i as usize].id.clone())
                    .collect();
                for x in &moved {
                    for y in &rest {
                        unlink(&mut self.must, x, y);
                        link(&mut self.cannot, x, y);
                    }
                }
                for w in moved.windows(2) {
                    link(&mut self.must, &w[0], &w[1]);
                }
                let n = self.new_story();
                for &i in &idxs {
                    self.attach(i, n);
                }
                self.relabel(&idxs, n, Via::Editor);
            }
        }
        Ok(())
    }

    fn story_probe(&self, sid: StoryId) -> Option<Probe> {
        let st = self.stories.get(sid as usize).filter(|s| s.alive)?;
        let mut salient: Vec<(u32, f32)> = st.salient.iter().map(|(&k, &c)| (k, c)).collect();
        salient.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut salient: Vec<u32> = salient
            .into_iter()
            .take(features::SALIENT)
            .map(|e| e.0)
            .collect();
        salient.sort_unstable();
        let mut nums: Vec<u32> = st.nums.keys().copied().collect();
        nums.sort_unstable();
        Some(Probe {
            title: map_to_sparse(&st.title),
            body: map_to_sparse(&st.body),
            salient,
            nums,
            time: (st.n_t > 0).then(|| (st.t_sum / f64::from(st.n_t)) as i64),
            span: st.t_min.zip(st.t_max),
            titles: st
                .members
                .iter()
                .take(REPAIR_PROBE_MEMBERS)
                .map(|&m| Filtered::new(self.recs[m as usize].title.clone()))
                .collect(),
            bodies: st
                .members
                .iter()
                .take(REPAIR_PROBE_MEMBERS)
                .map(|&m| Filtered::new(self.recs[m as usize].body.clone()))
                .collect(),
            grams: st
                .members
                .iter()
                .take(REPAIR_PROBE_MEMBERS)
                .map(|&m| Filtered::new(self.recs[m as usize].grams.clone()))
                .collect(),
            member_scan: REPAIR_MEMBER_SCAN,
            max_candidates: REPAIR_CANDIDATES,
        })
    }

    fn conflicts(&self, a: StoryId, b: StoryId) -> bool {
        let mb: Set<String> = self.member_ids(b).into_iter().collect();
        self.member_ids(a).iter().any(|x| {
            self.cannot
                .get(x)
                .is_some_and(|cs| cs.iter().any(|c| mb.contains(c)))
        })
    }

    /// Repair pass: merge each story into an earlier one the model finds likely enough to be the
    /// same event. Deterministic: stories in id order, candidates in a fixed order.
    pub fn repair(&mut self) -> usize {
        let mut merged = 0;
        for sid in 0..self.stories.len() as StoryId {
            let Some(p) = self.story_probe(sid) else {
                continue;
            };
            let scored = self.score(&p, &Set::default(), Some(sid));
            let target = scored
                .iter()
                .filter(|e| e.0 < sid && e.1 >= self.params.repair_threshold)
                .find(|e| !self.conflicts(e.0, sid))
                .map(|e| e.0);
            if let Some(t) = target {
                self.merge_into(t, sid, Via::Repair);
                merged += 1;
            }
        }
        merged
    }

    /// Serialise the whole state: a format version byte, the [`text::ANALYSIS_VERSION`] its
    /// stems and keys were made with (u32 little-endian), then a compact binary encoding
    /// (postcard; sparse vectors delta-packed; lookup tables that are cheap to rebuild left out).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.encode(text::ANALYSIS_VERSION)
    }

    /// [`Clusterer::to_bytes`] as if made with analysis version `analysis`.
    pub(crate) fn encode(&self, analysis: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(STATE_HEADER + 64 * self.recs.len());
        out.push(STATE_VERSION);
        out.extend_from_slice(&analysis.to_le_bytes());
        // Encoding in-memory data of plain types into a Vec cannot fail.
        let r: Result<Vec<u8>, _> = postcard::to_extend(self, out);
        r.unwrap_or_default()
    }

    /// Decode a state written by [`Clusterer::to_bytes`]. An unknown format version (including
    /// the JSON states of earlier builds) or malformed bytes give [`Error::State`]; a state whose
    /// keys were made by another analysis version gives [`Error::StaleAnalysis`] (its stems would
    /// never meet this build's).
    pub fn from_bytes(b: &[u8]) -> Result<Self, Error> {
        Self::decode(b, text::ANALYSIS_VERSION)
    }

    /// [`Clusterer::from_bytes`] for a build whose analysis version is `analysis`.
    pub(crate) fn decode(b: &[u8], analysis: u32) -> Result<Self, Error> {
        match b.first() {
            Some(&STATE_VERSION) => {}
            Some(v) => {
                return Err(Error::State(format!(
                    "unknown state format {v} (expected {STATE_VERSION}); re-run batch clustering"
                )));
            }
            None => return Err(Error::State("empty state".into())),
        }
        let found = b
            .get(1..STATE_HEADER)
            .and_then(|v| v.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or_else(|| Error::State("truncated header".into()))?;
        if found != analysis {
            return Err(Error::StaleAnalysis {
                found,
                current: analysis,
            });
        }
        let mut c: Clusterer =
            postcard::from_bytes(&b[STATE_HEADER..]).map_err(|e| Error::State(e.to_string()))?;
        c.stems.reindex();
        c.stories.iter_mut().for_each(Story::refresh);
        c.keys.reindex();
        c.by_id = c
            .recs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i as u32))
            .collect();
        let n = c.recs.len();
        let n_st = c.stories.len();
        let bad = c.explain.len() != n
            || c.recs.iter().any(|r| r.story as usize >= n_st)
            || c.stories
                .iter()
                .any(|s| s.members.iter().any(|&m| m as usize >= n));
        if bad || c.by_id.len() != n {
            return Err(Error::State("inconsistent state".into()));
        }
        Ok(c)
    }

    /// Teacher-forced pass for training: score the candidates of `doc` exactly as online
    /// assignment would, label each by whether it is the doc's gold story, then place the doc in
    /// its gold story.
    pub(crate) fn observe_gold(
        &mut self,
        doc: &Doc,
        a: &Analysis,
        label: &str,
        story_of_label: &mut HashMap<String, StoryId>,
        out: &mut Vec<(Features, bool)>,
    ) {
        if self.by_id.contains_key(&doc.id) {
            return;
        }
        let (rec, _) = self.prepare(doc, a);
        let probe = probe_of(&rec, self.params.max_candidates);
        let gold = story_of_label.get(label).copied();
        for (s, _, f) in self.score(&probe, &Set::default(), None) {
            out.push((f, Some(s) == gold));
        }
        let sid = match gold {
            Some(s) => s,
            None => {
                let s = self.new_story();
                story_of_label.insert(label.to_string(), s);
                s
            }
        };
        let idx = self.recs.len() as u32;
        self.by_id.insert(rec.id.clone(), idx);
        self.recs.push(rec);
        self.explain.push(Assignment {
            article: doc.id.clone(),
            story: sid,
            score: 1.0,
            shared_terms: vec![],
            shared_names: vec![],
            shared_terms_display: vec![],
            shared_names_display: vec![],
            time_gap_hours: None,
            runner_up: None,
            new_story: gold.is_none(),
            via: Via::Editor,
            signals: vec![],
        });
        self.attach(idx, sid);
    }
}

/// The written forms of an article's words that its explanation may show, by stem and key id.
struct Written<'d> {
    stems: Forms<'d, u32>,
    keys: Forms<'d, u32>,
}

/// An article's words with their stem and key ids, to read written forms from.
struct Words<'d, 'i> {
    doc: &'d Doc,
    a: &'d Analysis,
    /// Stem ids of `a.title` and `a.body`.
    title: &'i [u32],
    body: &'i [u32],
}

impl<'d> Words<'d, '_> {
    /// Written forms of the title and body words whose stem is in `wanted`.
    fn stem_forms(&self, wanted: Set<u32>) -> Forms<'d, u32> {
        let (doc, a) = (self.doc, self.a);
        let title = self.title.iter().zip(&a.title_spans);
        let title = title.map(|(&id, &sp)| (id, features::written(&doc.title, sp)));
        let body = self.body.iter().zip(&a.body_spans);
        let body = body.map(|(&id, &sp)| (id, features::written(&doc.text, sp)));
        collect(title.chain(body), &wanted)
    }

    /// Written forms of the title and lead words whose key (`title_keys`, `lead_keys`: ids of
    /// `a.title_keys`, `a.lead_keys`) is in `wanted`.
    fn key_forms(&self, title_keys: &[u32], lead_keys: &[u32], wanted: Set<u32>) -> Forms<'d, u32> {
        let (doc, a) = (self.doc, self.a);
        let title = title_keys.iter().zip(&a.title_spans);
        let title = title.map(|(&id, &sp)| (id, features::written(&doc.title, sp)));
        let lead = lead_keys.iter().zip(&a.body_spans);
        let lead = lead.map(|(&id, &sp)| (id, features::written(&doc.text, sp)));
        collect(title.chain(lead), &wanted)
    }
}

/// The written forms of an article's title stems and heaviest body stems, for [`Rec::forms`] and
/// [`Rec::written`].
fn kept_forms(title: &Sparse, body: &Sparse, stems: &Forms<u32>) -> (Vec<(u32, u32)>, String) {
    let mut ids: Vec<u32> = title.iter().map(|e| e.0).collect();
    let heavy = features::top_by_weight(body.clone(), FORM_BODY_TERMS);
    ids.extend(heavy.iter().map(|e| e.0));
    ids.sort_unstable();
    ids.dedup();
    let mut forms = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for id in ids {
        for &(w, n) in stems.forms(&id) {
            forms.push((id, n));
            words.push(w);
        }
    }
    (forms, words.join(" "))
}

/// Count the (id, word as written) pairs whose id is in `wanted`.
fn collect<'d>(words: impl Iterator<Item = (u32, &'d str)>, wanted: &Set<u32>) -> Forms<'d, u32> {
    let mut f = Forms::default();
    for (id, w) in words.filter(|w| wanted.contains(&w.0)) {
        f.add(id, w, 1);
    }
    f
}

/// The words of `words` in order, each once.
fn unique(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn probe_of(r: &Rec, max_candidates: usize) -> Probe {
    Probe {
        title: r.title.clone(),
        body: r.body.clone(),
        salient: r.salient.clone(),
        nums: r.nums.clone(),
        time: r.time,
        span: r.time.map(|t| (t, t)),
        titles: vec![Filtered::new(r.title.clone())],
        bodies: vec![Filtered::new(r.body.clone())],
        grams: vec![Filtered::new(r.grams.clone())],
        member_scan: MEMBER_TITLES,
        max_candidates,
    }
}

/// Publication order: by time (articles without one last), ties by id.
pub(crate) fn order(docs: &[Doc]) -> Vec<usize> {
    let mut o: Vec<usize> = (0..docs.len()).collect();
    o.sort_by(|&a, &b| {
        let ta = docs[a].published.unwrap_or(i64::MAX);
        let tb = docs[b].published.unwrap_or(i64::MAX);
        ta.cmp(&tb).then_with(|| docs[a].id.cmp(&docs[b].id))
    });
    o
}

/// Batch mode: cluster everything from scratch in publication order, then repair.
/// Deterministic; articles whose id was already seen are skipped.
pub fn batch(docs: &[Doc], params: &Params, constraints: &Constraints) -> Clusterer {
    use rayon::prelude::*;
    // Text analysis is pure, so it runs in parallel, in bounded chunks (holding every analysis
    // at once costs gigabytes on a corpus); assignment stays sequential and deterministic.
    let mut c = Clusterer::with_constraints(*params, constraints);
    for chunk in order(docs).chunks(2048) {
        let analyses: Vec<Analysis> = chunk
            .par_iter()
            .map(|&i| features::analyze(&docs[i]))
            .collect();
        for (&i, a) in chunk.iter().zip(&analyses) {
            let _ = c.add_analyzed(&docs[i], a);
        }
    }
    c.repair();
    c
}

/// [`batch`] with the text analysis done by the caller (`analyses[i]` belongs to `docs[i]`).
pub fn batch_analyzed(
    docs: &[Doc],
    analyses: &[Analysis],
    params: &Params,
    constraints: &Constraints,
) -> Clusterer {
    let mut c = Clusterer::with_constraints(*params, constraints);
    for i in order(docs) {
        if let Some(a) = analyses.get(i) {
            let _ = c.add_analyzed(&docs[i], a);
        }
    }
    c.repair();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filtered_dot_equals_the_merge_dot() {
        // Ids that collide in the filter (same value modulo its size) and ids that do not.
        let a: Sparse = vec![(3, 0.25), (16_387, 0.5), (70_000, 0.125), (u32::MAX, 1.0)];
        let b: Sparse = vec![
            (3, 2.0),
            (4, 9.0),
            (32_771, 7.0),
            (70_000, 4.0),
            (u32::MAX, 0.5),
        ];
        let f = Filtered::new(a.clone());
        assert_eq!(f.dot(&b), dot(&a, &b));
        assert_eq!(f.dot(&b), 0.25 * 2.0 + 0.125 * 4.0 + 0.5);
        assert_eq!(Filtered::new(Vec::new()).dot(&b), 0.0);
        assert_eq!(f.dot(&Vec::new()), 0.0);
    }

    /// The two seed reports of one story (the Pentagon and a Gaza peacekeeping force), one
    /// spelling البنتاغون, the other البنتاجون.
    fn seed_docs() -> Vec<Doc> {
        let seeds = [
            include_str!("../../../testdata/seeds/000_f2781f012485ef63.txt"),
            include_str!("../../../testdata/seeds/001_ddf57a01e70e49b5.txt"),
        ];
        seeds
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let mut lines = raw.lines().map(str::trim).filter(|l| !l.is_empty());
                let first = lines.next().unwrap_or_default();
                // The first seed opens with its date line.
                let title = if first.starts_with("2024") {
                    lines.next().unwrap_or_default()
                } else {
                    first
                };
                Doc {
                    id: format!("seed-{i}"),
                    source: ["outlet-a", "outlet-b"][i].into(),
                    published: Some(1_732_700_000 + 3_600 * i as i64),
                    title: title.into(),
                    text: lines.collect::<Vec<_>>().join("\n"),
                    dup_of: None,
                }
            })
            .collect()
    }

    #[test]
    fn a_state_of_another_analysis_version_is_refused() {
        let mut c = Clusterer::new(Params::default());
        for d in seed_docs() {
            c.add(&d).unwrap();
        }
        assert_eq!(c.stories().len(), 1, "one story told twice");
        let now = text::ANALYSIS_VERSION;
        assert_eq!(c.to_bytes(), c.encode(now));
        let same = Clusterer::decode(&c.encode(now), now).unwrap();
        assert_eq!(same.labels(), c.labels());
        // Made by an older analysis, or read by a newer build: its keys would not meet ours.
        for (made, read) in [(now - 1, now), (now, now + 1)] {
            let err = Clusterer::decode(&c.encode(made), read).unwrap_err();
            assert!(
                matches!(err, Error::StaleAnalysis { found, current } if (found, current) == (made, read)),
                "{err}"
            );
            assert_eq!(
                err.to_string(),
                format!("state built with analysis version {made}, this build uses {read}")
            );
        }
    }
}
