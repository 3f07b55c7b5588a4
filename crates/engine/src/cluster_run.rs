//! Story clustering over the store: online (new articles only) or batch (everything again).
//!
//! The clusterer's state is kept in the store as a blob with the article sequence number it has
//! seen up to; an online run loads it and adds only articles stored after that. Assignments and
//! their explanations are written to the `assignments` table so that readers need not load the
//! state. Editor corrections are stored first, then applied; the article-level constraints they
//! leave are saved beside the state in a plain format, so a batch re-run respects them even when
//! the state itself was written by another version and cannot be read. A state whose stems and
//! keys were made by another `text::ANALYSIS_VERSION` counts as unreadable (the clusterer refuses
//! it), so it is rebuilt by a batch run rather than mixing old keys with new ones.
//!
//! Invariant: the stored state, the watermark and the assignments change together in one run;
//! a crash before the state is saved only means the next run re-adds the same articles.

use crate::{Error, Result};
use std::collections::HashMap;
use store::Store;
use story::{Clusterer, Constraints, Correction, Doc, StoryId, StoryView};

const STATE_KEY: &str = "story.clusterer";
const SEQ_KEY: &str = "story.seq";
/// The editor constraints as JSON, beside the state: they survive a state this build cannot
/// read (a new state format), where the state's own copy is lost.
const CONSTRAINTS_KEY: &str = "story.constraints";

/// What a clustering run did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClusterSummary {
    pub clustered: usize,
    pub new_stories: usize,
    pub stories: usize,
    pub batch: bool,
    /// Why the stored state was rebuilt by a batch run nobody asked for (built with another
    /// analysis version, or unreadable), as one line for the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebuilt: Option<String>,
}

/// A story as `khabar stories --json` prints it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryLine {
    pub story: StoryId,
    pub title: String,
    pub articles: Vec<String>,
    pub sources: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The story's heaviest terms in an index-level form (kept for programs that read them).
    pub key_terms: Vec<String>,
    /// The same terms as the story's articles write them: what to show a reader.
    pub key_terms_display: Vec<String>,
}

/// Load the stored clusterer, or a fresh one.
pub fn load_clusterer(store: &Store) -> Result<Clusterer> {
    match store.state(STATE_KEY)? {
        Some(bytes) => Clusterer::from_bytes(&bytes).map_err(|e| {
            Error::Corrupt(format!(
                "the stored story state cannot be read ({e}); `khabar cluster --batch` rebuilds it"
            ))
        }),
        None => Ok(Clusterer::new(story::Params::default())),
    }
}

/// Why the stored state cannot be used by this build, as a line for the user; `None` when there
/// is no stored state or one this build can read.
fn unusable_state(store: &Store) -> Result<Option<String>> {
    let Some(bytes) = store.state(STATE_KEY)? else {
        return Ok(None);
    };
    Ok(Clusterer::from_bytes(&bytes).err().map(|e| match e {
        story::Error::StaleAnalysis { .. } => format!("story {e}: rebuilding by a batch run"),
        e => format!("the story state cannot be read ({e}): rebuilding by a batch run"),
    }))
}

pub(crate) fn save(store: &mut Store, c: &Clusterer, seq: i64) -> Result<()> {
    let constraints =
        serde_json::to_vec(&c.constraints()).map_err(|e| Error::Corrupt(e.to_string()))?;
    store.put_state(CONSTRAINTS_KEY, &constraints)?;
    store.put_state(STATE_KEY, &c.to_bytes())?;
    store.put_state(SEQ_KEY, seq.to_string().as_bytes())?;
    Ok(())
}

fn stored_seq(store: &Store) -> Result<i64> {
    Ok(store
        .state(SEQ_KEY)?
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

fn why_json(c: &Clusterer, article: &str) -> String {
    c.explain(article)
        .and_then(|a| serde_json::to_string(a).ok())
        .unwrap_or_else(|| "{}".into())
}

fn all_assignments(c: &Clusterer) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = c
        .labels()
        .into_iter()
        .map(|(a, s)| {
            let why = why_json(c, &a);
            (a, s.to_string(), why)
        })
        .collect();
    rows.sort();
    rows
}

/// Stored articles after `seq` as clustering documents, with their near-duplicate origins.
fn docs_after(store: &Store, seq: i64) -> Result<(Vec<Doc>, i64)> {
    let origins = store.duplicate_origins()?;
    let mut docs = Vec::new();
    let mut max = seq;
    store.for_each_article_after(seq, |s, a| {
        max = max.max(s);
        docs.push(Doc {
            dup_of: origins.get(&a.id).cloned(),
            id: a.id,
            source: a.source,
            published: a.published.map(|p| p.unix),
            title: a.title,
            text: a.text,
        });
    })?;
    Ok((docs, max))
}

/// The editor constraints implied by every stored correction, replayed on a fresh clusterer.
fn saved_constraints(store: &Store) -> Result<Constraints> {
    match store.state(CONSTRAINTS_KEY)? {
        Some(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Error::Corrupt(format!("saved story constraints: {e}"))),
        None => Ok(Constraints::default()),
    }
}

/// Cluster the articles not yet clustered (online), or everything again (`batch`).
pub fn cluster_store(
    store: &mut Store,
    batch: bool,
    progress: impl FnMut(usize, usize),
) -> Result<ClusterSummary> {
    if batch {
        return cluster_all(store, None, progress);
    }
    // A state written by another version of the clusterer or of the analysis is rebuilt from the
    // store.
    match unusable_state(store)? {
        Some(why) => cluster_all(store, Some(why), progress),
        None => cluster_new(store, progress),
    }
}

/// Batch-cluster every stored article, keeping the editor constraints; `rebuilt` says why when
/// nobody asked for it.
fn cluster_all(
    store: &mut Store,
    rebuilt: Option<String>,
    mut progress: impl FnMut(usize, usize),
) -> Result<ClusterSummary> {
    let (docs, max) = docs_after(store, 0)?;
    // Constraints recorded by the previous clusterer (moves, merges, splits) survive a re-run,
    // through their saved copy when the previous state cannot be read.
    let constraints = match load_clusterer(store) {
        Ok(old) => old.constraints(),
        Err(_) => saved_constraints(store)?,
    };
    progress(0, docs.len());
    let c = story::batch(&docs, &story::Params::default(), &constraints);
    progress(docs.len(), docs.len());
    store.replace_assignments(&all_assignments(&c))?;
    save(store, &c, max)?;
    let stories = c.stories().len();
    Ok(ClusterSummary {
        clustered: docs.len(),
        new_stories: stories,
        stories,
        batch: true,
        rebuilt,
    })
}

/// Add the articles stored after the state's watermark to the stored clusterer.
fn cluster_new(
    store: &mut Store,
    mut progress: impl FnMut(usize, usize),
) -> Result<ClusterSummary> {
    let mut c = load_clusterer(store)?;
    let seq = stored_seq(store)?;
    let (docs, max) = docs_after(store, seq)?;
    let mut rows = Vec::with_capacity(docs.len());
    let mut new_stories = 0;
    let total = docs.len();
    for (i, d) in docs.iter().enumerate() {
        if c.story_of(&d.id).is_some() {
            continue; // re-ingested unchanged content keeps its story
        }
        let a = c.add(d).map_err(Error::Story)?;
        if a.new_story {
            new_stories += 1;
        }
        rows.push((d.id.clone(), a.story.to_string(), why_json(&c, &d.id)));
        if i % 256 == 0 {
            progress(i, total);
        }
    }
    progress(total, total);
    store.put_assignments(&rows)?;
    save(store, &c, max)?;
    Ok(ClusterSummary {
        clustered: rows.len(),
        new_stories,
        stories: c.stories().len(),
        batch: false,
        rebuilt: None,
    })
}

/// Apply one editor correction: stored first, then applied, then every assignment rewritten.
pub fn correct(store: &mut Store, correction: &Correction) -> Result<()> {
    let mut c = load_clusterer(store)?;
    c.correct(correction).map_err(Error::Story)?;
    let json = serde_json::to_string(correction).map_err(|e| Error::Corrupt(e.to_string()))?;
    store.add_correction(&json)?;
    let seq = stored_seq(store)?;
    store.replace_assignments(&all_assignments(&c))?;
    save(store, &c, seq)?;
    Ok(())
}

/// Every story, newest first (by its latest article), as printed by `khabar stories`.
pub fn story_lines(store: &Store) -> Result<Vec<StoryLine>> {
    let c = load_clusterer(store)?;
    let mut views = c.stories();
    views.sort_by(|a, b| b.last.cmp(&a.last).then(a.id.cmp(&b.id)));
    Ok(views.iter().map(line).collect())
}

/// One story by id.
pub fn story_view(store: &Store, id: StoryId) -> Result<Option<StoryView>> {
    Ok(load_clusterer(store)?.story(id))
}

fn iso(t: Option<i64>) -> Option<String> {
    t.and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|ts| ts.to_string())
}

/// The printed form of a story view.
pub fn line(v: &StoryView) -> StoryLine {
    let mut sources: Vec<String> = v.articles.iter().map(|(_, s)| s.clone()).collect();
    sources.sort();
    sources.dedup();
    StoryLine {
        story: v.id,
        title: v.headline.clone(),
        articles: v.articles.iter().map(|(a, _)| a.clone()).collect(),
        sources,
        first: iso(v.first),
        last: iso(v.last),
        key_terms: v.key_terms.clone(),
        key_terms_display: v.key_terms_display.clone(),
    }
}

/// Story labels of the stored articles (article id → story id), for evaluation.
pub fn labels(store: &Store) -> Result<HashMap<String, String>> {
    Ok(store.assignments()?.into_iter().collect())
}

/// Tests: pretend the stored state was built by analysis version `version` (its header: the format
/// byte, then the analysis version as u32 little-endian; see `Clusterer::to_bytes`).
#[cfg(test)]
pub(crate) fn restamp_state(store: &mut Store, version: u32) {
    let mut state = store.state(STATE_KEY).unwrap().unwrap();
    assert_eq!(
        state[1..5],
        text::ANALYSIS_VERSION.to_le_bytes(),
        "the state records the analysis version it was built with"
    );
    state[1..5].copy_from_slice(&version.to_le_bytes());
    store.put_state(STATE_KEY, &state).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Article, Published};

    fn article(id: &str, title: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            source: "bbc".into(),
            url: None,
            title: title.into(),
            published: Some(Published {
                raw: "2018-03-12T10:00:00Z".into(),
                iso: "2018-03-12T10:00:00Z".into(),
                unix: 1_520_848_800,
            }),
            language: "ar".into(),
            text: text.into(),
            original: text.into(),
            removed: vec![],
        }
    }

    #[test]
    fn a_state_from_another_version_is_rebuilt_not_fatal() {
        let mut store = Store::in_memory().unwrap();
        store
            .put_articles(&[
                article(
                    "a",
                    "تحطم طائرة في مطار كاتماندو",
                    "تحطمت طائرة ركاب بنغلادشية لدى هبوطها في مطار كاتماندو في نيبال.",
                ),
                article(
                    "b",
                    "زلزال يضرب اليابان",
                    "ضرب زلزال بقوة ست درجات شمال اليابان دون أنباء عن إصابات.",
                ),
            ])
            .unwrap();
        store
            .put_state(STATE_KEY, b"{\"old\": \"json state\"}")
            .unwrap();
        assert!(load_clusterer(&store).is_err());
        let s = cluster_store(&mut store, false, |_, _| {}).unwrap();
        assert!(s.batch, "an unreadable state must trigger a rebuild");
        assert_eq!(s.clustered, 2);
        assert_eq!(labels(&store).unwrap().len(), 2);
        assert!(load_clusterer(&store).is_ok());
    }
    #[test]
    fn editor_constraints_survive_a_state_this_build_cannot_read() {
        let mut store = Store::in_memory().unwrap();
        let text = "تحطمت طائرة ركاب بنغلادشية لدى هبوطها في مطار كاتماندو في نيبال ولقي عشرات الركاب حتفهم.";
        store
            .put_articles(&[
                article("a", "تحطم طائرة ركاب في مطار كاتماندو", text),
                article("b", "تحطم طائرة ركاب في مطار كاتماندو بنيبال", text),
            ])
            .unwrap();
        cluster_store(&mut store, false, |_, _| {}).unwrap();
        let story = |store: &Store, id: &str| labels(store).unwrap()[id].clone();
        assert_eq!(
            story(&store, "a"),
            story(&store, "b"),
            "same report, one story"
        );
        let sid: StoryId = story(&store, "a").parse().unwrap();
        correct(
            &mut store,
            &Correction::Split {
                story: sid,
                articles: vec!["b".into()],
            },
        )
        .unwrap();
        assert_ne!(story(&store, "a"), story(&store, "b"));
        // A later build cannot read the state: the rebuild must still keep the editor's split.
        store
            .put_state(STATE_KEY, b"\xffstate of another version")
            .unwrap();
        let s = cluster_store(&mut store, false, |_, _| {}).unwrap();
        assert!(s.batch);
        assert_ne!(story(&store, "a"), story(&store, "b"), "the split was lost");
    }

    #[test]
    fn a_state_of_another_analysis_version_is_rebuilt_keeping_editor_constraints() {
        let mut store = Store::in_memory().unwrap();
        store
            .put_articles(&crate::testdata::seed_articles())
            .unwrap();
        crate::dedup_store(&mut store, &dedup::Config::default()).unwrap();
        cluster_store(&mut store, false, |_, _| {}).unwrap();
        let story = |store: &Store, id: &str| labels(store).unwrap()[id].clone();
        let a = story(&store, "pentagon-a");
        assert_eq!(story(&store, "pentagon-a-copy"), a);
        assert_eq!(story(&store, "pentagon-b"), a, "one story in two outlets");
        correct(
            &mut store,
            &Correction::Split {
                story: a.parse().unwrap(),
                articles: vec!["pentagon-b".into()],
            },
        )
        .unwrap();

        let now = text::ANALYSIS_VERSION;
        restamp_state(&mut store, now - 1);
        assert!(load_clusterer(&store).is_err(), "never half-read");
        let s = cluster_store(&mut store, false, |_, _| {}).unwrap();
        assert!(s.batch, "a state of another analysis must be rebuilt");
        assert_eq!(s.clustered, 3);
        assert_eq!(
            s.rebuilt.as_deref(),
            Some(
                format!(
                    "story state built with analysis version {}, this build uses {now}: \
                     rebuilding by a batch run",
                    now - 1
                )
                .as_str()
            )
        );
        assert_eq!(
            story(&store, "pentagon-a-copy"),
            story(&store, "pentagon-a")
        );
        assert_ne!(
            story(&store, "pentagon-b"),
            story(&store, "pentagon-a"),
            "the editor's split was lost"
        );
        // Rebuilt by this build: the next run is online again and finds nothing new.
        let s = cluster_store(&mut store, false, |_, _| {}).unwrap();
        assert_eq!((s.batch, s.clustered, s.rebuilt), (false, 0, None));
    }
}
