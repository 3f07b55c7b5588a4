//! Keeping the full-text index in step with the store, and searching it.
//!
//! The store is the truth; the index may lag it (after a crash, or when it was rebuilt for a new
//! analysis version). [`sync_index`] adds what the index lacks.

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

/// Open the store's index (`DIR/index`) and bring it up to date.
pub fn open_synced(store: &Store) -> Result<SearchIndex> {
    let index = SearchIndex::open(&store.dir().join("index")).map_err(Error::Search)?;
    let labels: std::collections::HashMap<String, String> =
        store.assignments()?.into_iter().collect();
    sync_index(store, &index, |id| labels.get(id).cloned())?;
    Ok(index)
}
