//! Storing a stream of ingested records in batches, counting what happened.
//!
//! Invariant: a record is counted as ingested only after the transaction holding it committed, so
//! a crash never loses an article that was reported ingested.

use model::{Article, Problem};
use serde::Serialize;
use store::{Store, Upsert};

/// Articles per transaction: large enough for speed, small enough that a crash loses little work.
pub const BATCH: usize = 512;

/// What an ingest run did. Serialises as the `--json` summary.
#[derive(Debug, Default, Clone, Serialize)]
pub struct IngestSummary {
    /// New or changed articles stored.
    pub ingested: u64,
    /// Of `ingested`, how many replaced an older version of the same id.
    pub updated: u64,
    /// Articles already stored exactly as read.
    pub unchanged: u64,
    /// Records that could not be read, each naming where it was.
    pub errors: Vec<Problem>,
}

impl IngestSummary {
    fn count(&mut self, what: &[Upsert]) {
        for u in what {
            match u {
                Upsert::Inserted => self.ingested += 1,
                Upsert::Updated => {
                    self.ingested += 1;
                    self.updated += 1
                }
                Upsert::Unchanged => self.unchanged += 1,
            }
        }
    }
}

/// Store every article of `records`, collecting problems; `on_commit` is called after each
/// committed batch with the running summary (for progress display).
pub fn store_records(
    store: &mut Store,
    records: impl IntoIterator<Item = Result<Article, Problem>>,
    mut on_commit: impl FnMut(&IngestSummary),
) -> crate::Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    for rec in records {
        match rec {
            Ok(a) => {
                batch.push(a);
                if batch.len() == BATCH {
                    let done = store.put_articles(&batch)?;
                    summary.count(&done);
                    batch.clear();
                    on_commit(&summary);
                }
            }
            Err(p) => summary.errors.push(p),
        }
    }
    if !batch.is_empty() {
        let done = store.put_articles(&batch)?;
        summary.count(&done);
    }
    on_commit(&summary);
    Ok(summary)
}

/// Like [`store_records`], with reading (parsing, cleaning) on a second thread so that reading
/// and SQLite writes overlap.
pub fn ingest_pipelined<I>(
    store: &mut Store,
    records: I,
    on_commit: impl FnMut(&IngestSummary),
) -> crate::Result<IngestSummary>
where
    I: IntoIterator<Item = Result<Article, Problem>> + Send,
    I::IntoIter: Send,
{
    let (tx, rx) = std::sync::mpsc::sync_channel(2 * BATCH);
    std::thread::scope(|scope| {
        let iter = records.into_iter();
        scope.spawn(move || {
            for rec in iter {
                if tx.send(rec).is_err() {
                    break; // the writer stopped on a fatal error
                }
            }
        });
        store_records(store, rx, on_commit)
    })
}
