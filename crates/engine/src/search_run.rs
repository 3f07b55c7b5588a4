//! Keeping the full-text index in step with the store, and searching it.
//!
//! The store is the truth; the index may lag it (after a crash, or when it was rebuilt for a new
//! analysis version). [`sync_index`] adds what the index lacks. An index built with another
//! `text::ANALYSIS_VERSION` (recorded beside it by `search`) is emptied when opened, so the sync
//! rebuilds it from the store; [`rebuild_notice`] says so to the user.

use crate::{Error, Result};
use search::SearchIndex;
use store::Store;

/// Index every stored article the index lacks; returns how many were added.
pub fn sync_index(
    store: &Store,
    index: &SearchIndex,
    story_of: impl Fn(&str) -> Option<String>,
) -> Result<usize> {
    let have = index.ids().map_err(Error::Search)?;
    let mut batch = Vec::new();
    let mut n = 0;
    let mut failed = None;
    store.for_each_article(|a| {
        if failed.is_none() && !have.contains(&a.id) {
            batch.push(a);
            if batch.len() == 1024 {
                n += batch.len();
                if let Err(e) = index.stage(&batch, &story_of) {
                    failed = Some(e);
                }
                batch.clear();
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(Error::Search(e));
    }
    n += batch.len();
    index.stage(&batch, &story_of).map_err(Error::Search)?;
    index.commit().map_err(Error::Search)?;
    Ok(n)
}

/// The line telling the user that `index` is rebuilt from the store because the index found on
/// disk could not serve this build (another analysis or schema version, unreadable).
pub fn rebuild_notice(index: &SearchIndex) -> Option<String> {
    index
        .replaced()
        .map(|why| format!("{why}: rebuilding from the store"))
}

/// Open the store's index (`DIR/index`) and bring it up to date (see [`rebuild_notice`]).
pub fn open_synced(store: &Store) -> Result<SearchIndex> {
    let index = SearchIndex::open(&store.dir().join("index")).map_err(Error::Search)?;
    let labels: std::collections::HashMap<String, String> =
        store.assignments()?.into_iter().collect();
    sync_index(store, &index, |id| labels.get(id).cloned())?;
    Ok(index)
}

/// Tests: rewrite the index's version marker as if analysis version `version` had built it.
#[cfg(test)]
pub(crate) fn restamp_index(store: &Store, version: u32) {
    let marker = store.dir().join("index").join(search::index::MARKER_FILE);
    let found = std::fs::read_to_string(&marker).unwrap();
    let ours = format!("analysis-version {} ", text::ANALYSIS_VERSION);
    assert!(found.contains(&ours), "no analysis version in {found:?}");
    let old = found.replace(&ours, &format!("analysis-version {version} "));
    std::fs::write(&marker, old).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::seed_articles;
    use std::collections::HashSet;

    fn ids(index: &SearchIndex, words: &str) -> HashSet<String> {
        let q = search::Query {
            text: words.into(),
            ..Default::default()
        };
        index
            .search(&q)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn an_index_of_another_analysis_version_is_rebuilt_from_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(tmp.path()).unwrap();
        let articles = seed_articles();
        store.put_articles(&articles).unwrap();
        let index = open_synced(&store).unwrap();
        assert_eq!((index.doc_count(), rebuild_notice(&index)), (3, None));
        // Stands for what the old analysis indexed: only a rebuild from the store drops it.
        let mut stale = articles[2].clone();
        stale.id = "indexed-by-the-old-analysis".into();
        index.upsert(&[stale], |_| None).unwrap();
        drop(index);

        let now = text::ANALYSIS_VERSION;
        restamp_index(&store, now - 1);
        let index = open_synced(&store).unwrap();
        assert_eq!(
            rebuild_notice(&index).as_deref(),
            Some(
                format!(
                    "search index built with analysis version {}, this build uses {now}: \
                     rebuilding from the store",
                    now - 1
                )
                .as_str()
            )
        );
        let stored: HashSet<String> = articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(index.ids().unwrap(), stored, "exactly the stored articles");
        // Either spelling finds both outlets' reports.
        assert_eq!(ids(&index, "البنتاجون"), stored);
        assert_eq!(ids(&index, "البنتاغون بوليتيكو"), stored);
        drop(index);
        let index = open_synced(&store).unwrap();
        assert_eq!(rebuild_notice(&index), None, "current now: kept");
    }
}
