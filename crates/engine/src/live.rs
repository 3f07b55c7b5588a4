//! The live pipeline a long-running process (server, feed watcher) keeps in memory: every new
//! article is stored, checked for copies, assigned to a story and made searchable at once.
//!
//! The store is the truth. On [`Live::open`] the other parts catch up with it: unsigned articles
//! are signed, articles past the clusterer's watermark are clustered, and articles missing from
//! the search index are indexed. So a crash at any point loses nothing that was stored, and an
//! article is acknowledged ([`Live::add`] returns) only after its store transaction committed.
//! Parts built with another analysis version are rebuilt on open; [`Live::rebuilt`] says which.

use crate::{Error, Result, cluster_run, dedup_run, search_run};
use model::Article;
use search::SearchIndex;
use std::collections::HashMap;
use std::path::Path;
use store::{Store, Upsert};
use story::{Clusterer, Doc, StoryId};

/// Articles added between two saves of the clusterer state.
const SAVE_EVERY: usize = 256;

/// What happened to one added article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Added {
    pub id: String,
    /// `inserted`, `updated` or `unchanged`.
    pub status: &'static str,
    /// The story it is in.
    pub story: Option<StoryId>,
    /// The earlier article it copies, when it is a duplicate.
    pub duplicate_of: Option<String>,
}

/// The live pipeline over one data directory.
pub struct Live {
    store: Store,
    dedup_cfg: dedup::Config,
    dedup: dedup::Index,
    clusterer: Clusterer,
    search: SearchIndex,
    unsaved: usize,
    /// Bumped whenever stories change, so readers can cache per version.
    version: u64,
    /// What [`Live::open`] had to rebuild, one line each.
    rebuilt: Vec<String>,
}

impl Live {
    /// Open the data directory and bring every part up to date with the store.
    pub fn open(dir: &Path) -> Result<Live> {
        let mut store = Store::open(dir)?;
        let dedup_cfg = dedup::Config::default();
        let (deduped, _) = dedup_run::dedup_store(&mut store, &dedup_cfg)?;
        let clustered = cluster_run::cluster_store(&mut store, false, |_, _| {})?;
        let mut dedup = dedup::Index::new(dedup_cfg.clone()).map_err(Error::Dedup)?;
        for (id, published, bytes) in store.signatures()? {
            let sig = dedup::Signature::from_bytes(&bytes).map_err(Error::Dedup)?;
            dedup.insert(&id, published, &sig).map_err(Error::Dedup)?;
        }
        let clusterer = cluster_run::load_clusterer(&store)?;
        let search = SearchIndex::open(&dir.join("index")).map_err(Error::Search)?;
        let rebuilt = [
            deduped.rebuilt,
            clustered.rebuilt,
            search_run::rebuild_notice(&search),
        ];
        let mut live = Live {
            store,
            dedup_cfg,
            dedup,
            clusterer,
            search,
            unsaved: 0,
            version: 0,
            rebuilt: rebuilt.into_iter().flatten().collect(),
        };
        live.reindex_missing()?;
        Ok(live)
    }

    /// Index every stored article the search index lacks (after a crash or a fresh index).
    pub fn reindex_missing(&mut self) -> Result<usize> {
        let labels = self.clusterer.labels();
        search_run::sync_index(&self.store, &self.search, |id| {
            labels.get(id).map(|s| s.to_string())
        })
    }

    /// Store, deduplicate, cluster and index `articles`. Returns after the store committed.
    pub fn add(&mut self, articles: Vec<Article>) -> Result<Vec<Added>> {
        let done = self.store.put_articles(&articles)?;
        let origins = self.store.duplicate_origins()?;
        let mut out = Vec::with_capacity(articles.len());
        let mut sigs = Vec::new();
        let mut assignments = Vec::new();
        let mut fresh = Vec::new();
        for (a, what) in articles.iter().zip(done) {
            let status = match what {
                Upsert::Inserted => "inserted",
                Upsert::Updated => "updated",
                Upsert::Unchanged => "unchanged",
            };
            if what == Upsert::Unchanged {
                out.push(Added {
                    id: a.id.clone(),
                    status,
                    story: self.clusterer.story_of(&a.id),
                    duplicate_of: origins.get(&a.id).cloned(),
                });
                continue;
            }
            let published = a.published.as_ref().map(|p| p.unix);
            let sig = dedup::signature(&self.dedup_cfg, &a.text);
            let matches = self
                .dedup
                .insert(&a.id, published, &sig)
                .map_err(Error::Dedup)?;
            sigs.push((a.id.clone(), sig.to_bytes()));
            // The copy's origin is the earliest article it matches.
            let dup_of = matches
                .iter()
                .map(|m| if m.a == a.id { &m.b } else { &m.a })
                .filter(|o| **o != a.id)
                .min_by_key(|o| {
                    self.store
                        .article(o)
                        .ok()
                        .flatten()
                        .and_then(|x| x.published.map(|p| p.unix))
                        .unwrap_or(i64::MAX)
                })
                .cloned();
            let story = if self.clusterer.story_of(&a.id).is_some() {
                self.clusterer.story_of(&a.id)
            } else {
                let doc = Doc {
                    id: a.id.clone(),
                    source: a.source.clone(),
                    published,
                    title: a.title.clone(),
                    text: a.text.clone(),
                    dup_of: dup_of.clone(),
                };
                let asg = self.clusterer.add(&doc).map_err(Error::Story)?;
                let why = serde_json::to_string(&asg).unwrap_or_else(|_| "{}".into());
                assignments.push((a.id.clone(), asg.story.to_string(), why));
                self.unsaved += 1;
                Some(asg.story)
            };
            fresh.push(a.clone());
            out.push(Added {
                id: a.id.clone(),
                status,
                story,
                duplicate_of: dup_of,
            });
        }
        self.store.put_signatures(&sigs)?;
        self.store.put_assignments(&assignments)?;
        if !fresh.is_empty() {
            let labels: HashMap<&str, String> = out
                .iter()
                .filter_map(|o| o.story.map(|s| (o.id.as_str(), s.to_string())))
                .collect();
            self.search
                .upsert(&fresh, |id| labels.get(id).cloned())
                .map_err(Error::Search)?;
            self.version += 1;
        }
        if self.unsaved >= SAVE_EVERY {
            self.save()?;
        }
        Ok(out)
    }

    /// Persist the clusterer state (also done every few hundred articles).
    pub fn save(&mut self) -> Result<()> {
        let seq = self.store.max_seq()?;
        cluster_run::save(&mut self.store, &self.clusterer, seq)?;
        self.unsaved = 0;
        Ok(())
    }

    /// Apply an editor correction and keep the search index's story ids in step.
    pub fn correct(&mut self, c: &story::Correction) -> Result<()> {
        self.save()?;
        cluster_run::correct(&mut self.store, c)?;
        self.clusterer = cluster_run::load_clusterer(&self.store)?;
        let updates: Vec<(String, Option<String>)> = self
            .clusterer
            .labels()
            .into_iter()
            .map(|(a, s)| (a, Some(s.to_string())))
            .collect();
        self.search.set_stories(&updates).map_err(Error::Search)?;
        self.version += 1;
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn clusterer(&self) -> &Clusterer {
        &self.clusterer
    }
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }
    /// Changes whenever stories or articles change.
    pub fn version(&self) -> u64 {
        self.version
    }
    /// What [`Live::open`] rebuilt because it was built with another analysis version (or could
    /// not be read), one line each for the user; empty when everything was current.
    pub fn rebuilt(&self) -> &[String] {
        &self.rebuilt
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if self.unsaved > 0 {
            let _ = self.save();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_rebuilds_and_reports_what_another_analysis_version_built() {
        let tmp = tempfile::tempdir().unwrap();
        let mut live = Live::open(tmp.path()).unwrap();
        assert!(live.rebuilt().is_empty());
        live.add(crate::testdata::seed_articles()).unwrap();
        drop(live);
        let old = text::ANALYSIS_VERSION - 1;
        {
            let mut store = Store::open(tmp.path()).unwrap();
            dedup_run::restamp_signatures(&mut store, &dedup::Config::default(), old);
            cluster_run::restamp_state(&mut store, old);
            search_run::restamp_index(&store, old);
        }
        let live = Live::open(tmp.path()).unwrap();
        let rebuilt = live.rebuilt();
        assert_eq!(rebuilt.len(), 3, "{rebuilt:?}");
        for (line, what) in rebuilt
            .iter()
            .zip(["dedup signatures", "story state", "search index"])
        {
            assert!(line.starts_with(what), "{line}");
        }
        assert_eq!(live.search().doc_count(), 3);
        assert_eq!(live.clusterer().len(), 3);
        let copy = live.clusterer().story_of("pentagon-a-copy");
        assert_eq!(copy, live.clusterer().story_of("pentagon-a"));
        drop(live);
        assert!(Live::open(tmp.path()).unwrap().rebuilt().is_empty());
    }
}
