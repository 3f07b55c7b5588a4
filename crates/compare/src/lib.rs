//! Compare the sources of one story: what all outlets agree on, what one outlet alone reports,
//! where their figures disagree, who said what, which names are the same under other spellings,
//! and whom each outlet cites.
//!
//! Input is the story's articles, already cleaned (boilerplate out) and with `source` set; output
//! is a [`Comparison`] (serde-serialisable) that [`to_markdown`] and [`to_html`] render. This crate
//! is pure: no IO, no clock, no randomness; the tables it needs are compiled in (see
//! `data/README.md`). It does not cluster articles into stories, clean them or detect duplicates
//! beyond the local copy check (`copies`) that decides which articles count as one independent
//! source: copies of one text and one outlet's articles, counted among the articles of each fact
//! and quote.
//!
//! The method, in order: articles are cut into sentence and clause units (`units`), each unit a
//! weighted set of concepts (match keys, light stems, near-synonym classes, transliteration
//! skeletons); units of different articles are aligned greedily by weighted overlap above a
//! threshold, each fact taking at most one unit per article (`align`); the figures, dates
//! (`dates`) and holders of one post (or places of one kind) of aligned units are compared for
//! conflicts, each only where two outlets say it of the same words, so that two events or two
//! counts of one sentence are not taken for a disagreement; a story-level pass (`tallies`) then
//! compares casualty counts and sums of money across facts, where two outlets' figures of one
//! event sit in sentences that were not aligned; quotes, names and cited sources are
//! read by patterns and a gazetteer ([`quotes`], [`entities`], [`cited`]).

mod align;
pub mod cited;
mod copies;
mod dates;
pub mod entities;
mod html;
mod lexicon;
pub mod quotes;
mod render;
mod speakers;
mod tallies;
mod units;

/// The examples' reader of dev-set JSON lines, for tests on the repo's testdata.
#[cfg(test)]
#[path = "../examples/common/mod.rs"]
mod dev_data;

use serde::Serialize;
use std::collections::BTreeMap;

pub use entities::EntityType;
pub use html::to_html;
pub use render::to_markdown;

/// Tuning knobs. The defaults were set on general Arabic news, not on any one story.
#[derive(Debug, Clone)]
pub struct Options {
    /// Weighted overlap at or above which two units of different articles state the same fact.
    pub fact_threshold: f32,
    /// Two groups of aligned units merge only when their mean pairwise overlap reaches this share
    /// of `fact_threshold` (keeps A≈B≈C chains from joining unrelated sentences).
    pub group_agreement: f32,
    /// A unit left alone joins a shared fact when this share of its own weight is covered by one
    /// of the fact's units (a clause repeating part of a longer sentence).
    pub attach_coverage: f32,
    /// Content-word Jaccard at or above which two articles are near-duplicates (copies of one
    /// text), given `wire_order`.
    pub wire_jaccard: f64,
    /// Word-bigram Jaccard a near-duplicate pair must also reach (the same words in the same order).
    pub wire_order: f64,
    /// Share of the shorter article's word bigrams inside the longer one at or above which the
    /// shorter is a copy contained in the longer.
    pub wire_containment: f64,
    /// Lines of the extractive summary.
    pub summary_lines: usize,
    /// Content words each side of a clause cut must keep.
    pub clause_min_terms: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fact_threshold: 0.3,
            group_agreement: 0.75,
            attach_coverage: 0.55,
            wire_jaccard: 0.8,
            wire_order: 0.5,
            wire_containment: 0.8,
            summary_lines: 5,
            clause_min_terms: 6,
        }
    }
}

/// The result of comparing a story's sources.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The compared articles, in input order.
    pub articles: Vec<ArticleInfo>,
    /// Facts, those with the most independent sources first.
    pub facts: Vec<Fact>,
    /// Article id → texts only its independent source reports.
    pub unique: BTreeMap<String, Vec<String>>,
    pub conflicts: Vec<Conflict>,
    pub quotes: Vec<quotes::Quote>,
    pub entities: Vec<entities::Entity>,
    /// Article id → names the article says it relies on.
    pub cited_sources: BTreeMap<String, Vec<String>>,
    pub summary: Vec<SummaryLine>,
}

/// One compared article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    pub id: String,
    pub source: String,
    pub title: String,
    /// Articles with the same group number are copies of one text (a wire story run by several
    /// outlets, a republished article). Copies count as one independent source, and so do the
    /// articles of one outlet (`source`); independence is counted per fact and per quote.
    pub independent_group: usize,
}

/// One fact: the aligned sentences of the articles that report it.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub id: usize,
    /// Outlet names, in article order, without repeats.
    pub sources: Vec<String>,
    /// Number of independent sources (wire copies and one outlet's articles count once).
    pub independent_sources: usize,
    /// Article id → that article's sentence(s) for this fact.
    pub sentences: BTreeMap<String, String>,
    /// Mean overlap of the aligned units (1 for a fact of one article).
    pub agreement: f32,
}

/// A fact whose independent sources give different figures, dates or names.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    /// The fact of the first version.
    pub fact: usize,
    /// Every fact holding a version (one fact for a disagreement inside a fact; several when the
    /// story-level pass found the same count in sentences that were not aligned).
    pub facts: Vec<usize>,
    /// `number` (a count), `amount` (a sum of money), `date` (day and month, or weekday) or
    /// `name` (the person holding one post, or the place of one kind, differs).
    pub kind: String,
    /// What differs: the word the figures count or measure (أشخاص، دولار), `التاريخ`/`اليوم` for
    /// dates, the post or place head for names (وزير الخارجية الأميركي، مدينة).
    pub about: String,
    pub versions: Vec<ConflictVersion>,
}

/// One article's version of a conflicting figure.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictVersion {
    pub article: String,
    pub source: String,
    /// The figure, date or name as written.
    pub text: String,
    /// The figure's value (numbers and amounts only).
    pub value: Option<f64>,
    pub sentence: String,
}

/// One line of the extractive summary.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryLine {
    pub fact: usize,
    pub text: String,
    pub sources: Vec<String>,
}

/// Compare the articles of one story.
pub fn compare(articles: &[model::Article], opts: &Options) -> Comparison {
    let terms: Vec<Vec<text::Term>> = articles.iter().map(|a| text::terms(&a.text)).collect();
    let sources = copies::Sources::of(articles, &terms, opts);
    let infos: Vec<ArticleInfo> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| ArticleInfo {
            id: a.id.clone(),
            source: a.source.clone(),
            title: a.title.clone(),
            independent_group: sources.copy_group(i),
        })
        .collect();
    let aligned = align::align(articles, &terms, &sources, opts);
    let quotes = quotes::compare_quotes(articles, &sources);
    let entities = entities::compare_entities(articles, &terms);
    let cited_sources = cited::compare_cited(articles);
    Comparison {
        articles: infos,
        facts: aligned.facts,
        unique: aligned.unique,
        conflicts: aligned.conflicts,
        quotes,
        entities,
        cited_sources,
        summary: aligned.summary,
    }
}
