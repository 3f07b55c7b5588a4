//! [`SearchIndex`]: a tantivy index of articles, its writer and its reader.
//!
//! Consistency with the store: the store is the truth, this index is a rebuildable cache. Tantivy
//! commits are atomic (a crash loses the uncommitted batch, never corrupts what was committed), so
//! after a crash the index can only *lag* the store. The caller compares [`SearchIndex::ids`] with
//! the store's ids at start-up and re-indexes what is missing (and deletes what the store no longer
//! has). When the directory holds an index of another schema version, analysis version
//! ([`text::ANALYSIS_VERSION`]) or analysis fingerprint, or one that cannot be opened,
//! [`SearchIndex::open`] empties the directory and starts afresh; [`SearchIndex::replaced`] then
//! says why and the caller re-indexes everything.

use crate::query::{self, Parsed, TextFields};
use crate::snippet::{Highlighted, Matcher, SNIPPET_BYTES};
use crate::{Error, Result, analyzer, schema};
use model::Article;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

/// File beside tantivy's own files recording the schema version, the analysis version and the
/// analysis fingerprint the index was built with.
pub const MARKER_FILE: &str = "khabar-search.version";
/// Most hits one search returns.
pub const MAX_LIMIT: usize = 1000;
/// Deepest page offset accepted.
pub const MAX_OFFSET: usize = 10_000;
/// Memory the writer may use before flushing a segment (all threads together).
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (BM25 with title boost); newest first when there is no query text.
    #[default]
    Relevance,
    /// Newest first; articles without a date last.
    Newest,
}

/// A search request. `Query { text: "...".into(), ..Default::default() }` gives the first ten hits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// What the reader typed (words, `"phrases"`, `-excluded`); may be empty when a filter is set.
    pub text: String,
    /// Only this outlet.
    pub source: Option<String>,
    /// Only articles published at or after this unix time (seconds).
    pub from: Option<i64>,
    /// Only articles published at or before this unix time (seconds).
    pub to: Option<i64>,
    /// Only articles of this story.
    pub story: Option<String>,
    /// Hits per page (clamped to 1..=[`MAX_LIMIT`]).
    pub limit: usize,
    /// Hits to skip (clamped to [`MAX_OFFSET`]).
    pub offset: usize,
    pub sort: Sort,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            source: None,
            from: None,
            to: None,
            story: None,
            limit: 10,
            offset: 0,
            sort: Sort::default(),
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub source: String,
    pub title: String,
    pub url: Option<String>,
    /// Unix seconds.
    pub published: Option<i64>,
    pub story: Option<String>,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// The title with its matched words highlighted.
    pub title_highlight: Highlighted,
    /// The best window of the body with its matched words highlighted (original spelling).
    pub snippet: Highlighted,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// How many articles match in all.
    pub total: usize,
    /// True when no article contained every word and the page holds articles matching some of them.
    pub relaxed: bool,
    pub hits: Vec<Hit>,
}

/// The full-text index. Cheap to share across threads (`&self` everywhere).
pub struct SearchIndex {
    index: Index,
    fields: schema::Fields,
    reader: IndexReader,
    writer: Option<Mutex<IndexWriter>>,
    path: Option<PathBuf>,
    reset: Option<Reset>,
}

/// Why [`SearchIndex::open`] started from an empty index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reset {
    /// There was no index.
    New,
    /// The index there could not serve this build (the reason, for the user).
    Replaced(String),
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .field("writable", &self.writer.is_some())
            .finish()
    }
}

/// The content of [`MARKER_FILE`] for an index built by this build.
fn marker() -> String {
    marker_with(text::ANALYSIS_VERSION)
}

/// [`marker`] with analysis version `analysis`.
fn marker_with(analysis: u32) -> String {
    format!(
        "khabar-search schema {} analysis-version {analysis} fingerprint {:016x}\n",
        schema::VERSION,
        analyzer::fingerprint()
    )
}

/// The word after `name` in a marker.
fn marker_field<'a>(marker: &'a str, name: &str) -> Option<&'a str> {
    marker.split_whitespace().skip_while(|w| *w != name).nth(1)
}

/// Why an index whose marker reads `found` cannot serve a build whose marker is `ours`.
fn stale_reason(found: &str, ours: &str) -> String {
    const ANALYSIS: &str = "analysis-version";
    let current = marker_field(ours, ANALYSIS).unwrap_or_default();
    match marker_field(found, ANALYSIS) {
        Some(v) if v == current => format!(
            "search index built with {:?}, this build uses {:?}",
            found.trim(),
            ours.trim()
        ),
        Some(v) => {
            format!("search index built with analysis version {v}, this build uses {current}")
        }
        None => format!(
            "search index built with an unrecorded analysis version, this build uses {current}"
        ),
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Remove everything inside `dir` (only called on a directory known to hold our index).
fn empty_dir(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        let path = entry.map_err(io_err(dir))?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(io_err(&path))?;
        } else {
            std::fs::remove_file(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

/// Open the index in `dir` if it is ours and current; say why not otherwise.
fn open_existing(
    dir: &Path,
    schema: &tantivy::schema::Schema,
) -> std::result::Result<Index, String> {
    let found = std::fs::read_to_string(dir.join(MARKER_FILE)).unwrap_or_default();
    if found != marker() {
        return Err(stale_reason(&found, &marker()));
    }
    let index = Index::open_in_dir(dir).map_err(|e| format!("cannot open index: {e}"))?;
    if &index.schema() != schema {
        return Err("index schema differs".into());
    }
    Ok(index)
}

fn lock_error(path: &Path, e: TantivyError) -> Error {
    match e {
        TantivyError::LockFailure(..) => Error::Locked(path.to_path_buf()),
        e => Error::Tantivy(e),
    }
}

impl SearchIndex {
    /// Open the index in `dir` for reading and writing, creating it (and `dir`) when absent.
    ///
    /// `dir` must be dedicated to the index: an out-of-date or unreadable index in it is deleted
    /// and replaced by an empty one (see [`SearchIndex::was_reset`]). A non-empty directory that
    /// holds no khabar index is refused. Only one process may hold the index open for writing.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let (index, reset) = Self::open_index(dir)?;
        let writer = Self::make_writer(&index).map_err(|e| lock_error(dir, e))?;
        Self::assemble(
            index,
            Some(writer),
            Some(dir.to_path_buf()),
            reset,
            ReloadPolicy::Manual,
        )
    }

    /// Open an existing index for searching only (another process may be writing it; its commits
    /// become visible shortly after they happen). Never modifies `dir`.
    pub fn open_read_only(dir: &Path) -> Result<SearchIndex> {
        let (schema, _) = schema::build();
        let index = open_existing(dir, &schema).map_err(|why| Error::Unusable {
            path: dir.to_path_buf(),
            why,
        })?;
        analyzer::register(&index);
        Self::assemble(
            index,
            None,
            Some(dir.to_path_buf()),
            None,
            ReloadPolicy::OnCommitWithDelay,
        )
    }

    /// A fresh index in memory (tests, one-shot runs).
    pub fn open_in_ram() -> Result<SearchIndex> {
        let (schema, _) = schema::build();
        let index = Index::create_in_ram(schema);
        analyzer::register(&index);
        let writer = Self::make_writer(&index)?;
        Self::assemble(index, Some(writer), None, None, ReloadPolicy::Manual)
    }

    fn open_index(dir: &Path) -> Result<(Index, Option<Reset>)> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (schema, _) = schema::build();
        let ours = dir.join("meta.json").exists() || dir.join(MARKER_FILE).exists();
        let reset = if ours {
            match open_existing(dir, &schema) {
                Ok(index) => {
                    analyzer::register(&index);
                    return Ok((index, None));
                }
                Err(why) => {
                    empty_dir(dir)?;
                    Reset::Replaced(why)
                }
            }
        } else if std::fs::read_dir(dir)
            .map_err(io_err(dir))?
            .next()
            .is_some()
        {
            return Err(Error::NotAnIndex(dir.to_path_buf()));
        } else {
            Reset::New
        };
        let index = Index::create_in_dir(dir, schema)?;
        std::fs::write(dir.join(MARKER_FILE), marker()).map_err(io_err(dir))?;
        analyzer::register(&index);
        Ok((index, Some(reset)))
    }

    fn make_writer(index: &Index) -> tantivy::Result<IndexWriter> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        index.writer_with_num_threads(threads, WRITER_MEMORY.max(threads * 20_000_000))
    }

    fn assemble(
        index: Index,
        writer: Option<IndexWriter>,
        path: Option<PathBuf>,
        reset: Option<Reset>,
        policy: ReloadPolicy,
    ) -> Result<SearchIndex> {
        let reader = index.reader_builder().reload_policy(policy).try_into()?;
        let (_, fields) = schema::build();
        Ok(SearchIndex {
            index,
            fields,
            reader,
            writer: writer.map(Mutex::new),
            path,
            reset,
        })
    }

    /// Why the index was created empty by [`SearchIndex::open`] (`"new index"`, or an out-of-date
    /// or unreadable index replaced), or `None` when an existing index was opened. When `Some`,
    /// every article of the store must be indexed again.
    pub fn was_reset(&self) -> Option<&str> {
        match self.reset.as_ref()? {
            Reset::New => Some("new index"),
            Reset::Replaced(why) => Some(why),
        }
    }

    /// Why [`SearchIndex::open`] threw away the index it found (built with another analysis or
    /// schema version, or unreadable), for the user; `None` when it opened an index or made the
    /// first one. When `Some`, every article of the store must be indexed again.
    pub fn replaced(&self) -> Option<&str> {
        match self.reset.as_ref()? {
            Reset::New => None,
            Reset::Replaced(why) => Some(why),
        }
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer
            .as_ref()
            .ok_or(Error::ReadOnly)?
            .lock()
            .map_err(|_| Error::Poisoned)
    }

    fn document(&self, a: &Article, story: Option<String>) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &a.id);
        doc.add_text(f.source, &a.source);
        if let Some(p) = &a.published {
            doc.add_i64(f.published, p.unix);
        }
        if let Some(s) = story {
            doc.add_text(f.story, s);
        }
        if let Some(u) = &a.url {
            doc.add_text(f.url, u);
        }
        doc.add_text(f.title, &a.title);
        doc.add_text(f.title_stem, &a.title);
        doc.add_text(f.body, &a.text);
        doc.add_text(f.body_stem, &a.text);
        doc
    }

    /// Queue `articles` for indexing, replacing any indexed article with the same id; not visible
    /// to searches until [`SearchIndex::commit`]. `story_of(id)` gives each article's story id.
    /// Returns how many were queued.
    pub fn stage(
        &self,
        articles: &[Article],
        story_of: impl Fn(&str) -> Option<String>,
    ) -> Result<usize> {
        let writer = self.writer()?;
        for a in articles {
            writer.delete_term(Term::from_field_text(self.fields.id, &a.id));
            writer.add_document(self.document(a, story_of(&a.id)))?;
        }
        Ok(articles.len())
    }

    /// Queue the removal of article `id`; not visible until [`SearchIndex::commit`].
    pub fn stage_delete(&self, id: &str) -> Result<()> {
        self.writer()?
            .delete_term(Term::from_field_text(self.fields.id, id));
        Ok(())
    }

    /// Make everything staged durable and visible to searches (one atomic tantivy commit).
    pub fn commit(&self) -> Result<()> {
        self.writer()?.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Index `articles` (replacing same ids) and commit: one commit per call.
    pub fn upsert(
        &self,
        articles: &[Article],
        story_of: impl Fn(&str) -> Option<String>,
    ) -> Result<usize> {
        let n = self.stage(articles, story_of)?;
        self.commit()?;
        Ok(n)
    }

    /// Remove article `id` and commit.
    pub fn delete(&self, id: &str) -> Result<()> {
        self.stage_delete(id)?;
        self.commit()
    }

    /// Change the story of already indexed articles without the articles at hand: each stored
    /// document is read back and re-added with the new story id, then one commit. Ids not in the
    /// index are skipped. Returns how many were updated.
    pub fn set_stories(&self, updates: &[(String, Option<String>)]) -> Result<usize> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let writer = self.writer()?;
        let mut n = 0;
        for (id, story) in updates {
            let Some(addr) = self.find(&searcher, id)? else {
                continue;
            };
            let old: TantivyDocument = searcher.doc(addr)?;
            let mut doc = TantivyDocument::default();
            for (field, value) in [(f.id, &old), (f.source, &old), (f.url, &old)]
                .into_iter()
                .filter_map(|(field, d)| {
                    d.get_first(field)
                        .and_then(|v| v.as_str())
                        .map(|v| (field, v.to_string()))
                })
            {
                doc.add_text(field, value);
            }
            if let Some(p) = old.get_first(f.published).and_then(|v| v.as_i64()) {
                doc.add_i64(f.published, p);
            }
            if let Some(s) = story {
                doc.add_text(f.story, s);
            }
            let title = old
                .get_first(f.title)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            let body = old
                .get_first(f.body)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            doc.add_text(f.title, &title);
            doc.add_text(f.title_stem, &title);
            doc.add_text(f.body, &body);
            doc.add_text(f.body_stem, &body);
            writer.delete_term(Term::from_field_text(f.id, id));
            writer.add_document(doc)?;
            n += 1;
        }
        drop(writer);
        if n > 0 {
            self.commit()?;
        }
        Ok(n)
    }

    fn find(&self, searcher: &Searcher, id: &str) -> Result<Option<DocAddress>> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        Ok(top.first().map(|&(_, addr)| addr))
    }

    /// Merge all segments into one and wait (after a bulk load: fewer segments, faster searches).
    pub fn compact(&self) -> Result<()> {
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            let mut writer = self.writer()?;
            writer.merge(&ids).wait()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Number of indexed (committed, not deleted) articles.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Ids of all indexed articles: compare with the store after a crash.
    pub fn ids(&self) -> Result<HashSet<String>> {
        let searcher = self.reader.searcher();
        let mut out = HashSet::with_capacity(searcher.num_docs() as usize);
        for seg in searcher.segment_readers() {
            let Some(col) = seg.fast_fields().str("id")? else {
                continue;
            };
            let mut ords: Vec<u64> = seg
                .doc_ids_alive()
                .flat_map(|doc| col.term_ords(doc))
                .collect();
            ords.sort_unstable();
            ords.dedup();
            // One sequential pass over the dictionary instead of a lookup per document.
            col.dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| {
                    out.insert(String::from_utf8_lossy(bytes).into_owned());
                })
                .map_err(|e| Error::Tantivy(e.into()))?;
        }
        Ok(out)
    }

    /// Filters of `q` as constant-score clauses.
    fn filters(&self, q: &Query) -> Vec<(Occur, Box<dyn TQuery>)> {
        let f = self.fields;
        let mut out: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let term = |field, v: &str| -> Box<dyn TQuery> {
            Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                )),
                0.0,
            ))
        };
        if let Some(s) = &q.source {
            out.push((Occur::Must, term(f.source, s)));
        }
        if let Some(s) = &q.story {
            out.push((Occur::Must, term(f.story, s)));
        }
        if q.from.is_some() || q.to.is_some() {
            let bound = |v: Option<i64>| {
                v.map_or(Bound::Unbounded, |v| {
                    Bound::Included(Term::from_field_i64(f.published, v))
                })
            };
            let range = RangeQuery::new(bound(q.from), bound(q.to));
            out.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(range), 0.0)),
            ));
        }
        out
    }

    /// Search; see [`SearchIndex::search_page`]. Returns the hits only.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>> {
        Ok(self.search_page(q)?.hits)
    }

    /// Search: every word must match in some form (exact key or light stem, title or body); when
    /// no article has them all, articles with some of them are returned and `relaxed` is set.
    /// Empty or unusable text with no filter gives an empty page, never an error; empty text with
    /// a filter lists the filtered articles newest first.
    pub fn search_page(&self, q: &Query) -> Result<Page> {
        let parsed = Parsed::parse(&q.text);
        let f = self.fields;
        let tf = TextFields {
            title: f.title,
            title_stem: f.title_stem,
            body: f.body,
            body_stem: f.body_stem,
        };
        let filters = self.filters(q);
        let empty = Page {
            total: 0,
            relaxed: false,
            hits: Vec::new(),
        };
        if q.from.zip(q.to).is_some_and(|(a, b)| a > b) {
            return Ok(empty);
        }
        let searcher = self.reader.searcher();
        let text = query::text_query(&parsed, tf, true);
        let (text, sort) = match text {
            Some(t) => (Some(t), q.sort),
            // Only exclusions or garbage: nothing asked for.
            None if !parsed.excluded.is_empty() || filters.is_empty() => return Ok(empty),
            None => (None, Sort::Newest),
        };
        let build = |text: Option<Box<dyn TQuery>>| -> Box<dyn TQuery> {
            let mut clauses = filters
                .iter()
                .map(|(o, c)| (*o, c.box_clone()))
                .collect::<Vec<_>>();
            if let Some(t) = text {
                clauses.push((Occur::Must, t));
            }
            Box::new(BooleanQuery::new(clauses))
        };
        let mut page = self.run(&searcher, build(text).as_ref(), q, sort)?;
        if page.0 == 0
            && parsed.searched_words().len() > 1
            && let Some(any) = query::text_query(&parsed, tf, false)
        {
            page = self.run(&searcher, build(Some(any)).as_ref(), q, sort)?;
            if page.0 > 0 {
                return self.hits(&searcher, &parsed, page, true);
            }
        }
        self.hits(&searcher, &parsed, page, false)
    }

    #[allow(clippy::type_complexity)]
    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
        q: &Query,
        sort: Sort,
    ) -> Result<(usize, Vec<(f32, DocAddress)>)> {
        let top =
            TopDocs::with_limit(q.limit.clamp(1, MAX_LIMIT)).and_offset(q.offset.min(MAX_OFFSET));
        Ok(match sort {
            Sort::Relevance => {
                let (docs, total) = searcher.search(query, &(top.order_by_score(), Count))?;
                (total, docs)
            }
            Sort::Newest => {
                let (docs, total) = searcher.search(
                    query,
                    &(
                        top.order_by_fast_field::<i64>("published", Order::Desc),
                        Count,
                    ),
                )?;
                (total, docs.into_iter().map(|(_, a)| (0.0, a)).collect())
            }
        })
    }

    fn hits(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
        (total, docs): (usize, Vec<(f32, DocAddress)>),
        relaxed: bool,
    ) -> Result<Page> {
        let f = self.fields;
        let matcher = Matcher::new(parsed);
        let mut hits = Vec::with_capacity(docs.len());
        for (score, addr) in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let title = text(f.title).unwrap_or_default();
            let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
            hits.push(Hit {
                id: text(f.id).unwrap_or_default(),
                source: text(f.source).unwrap_or_default(),
                url: text(f.url),
                published: doc.get_first(f.published).and_then(|v| v.as_i64()),
                story: text(f.story),
                score,
                title_highlight: matcher.highlight_all(&title),
                snippet: matcher.snippet(body, SNIPPET_BYTES),
                title,
            });
        }
        Ok(Page {
            total,
            relaxed,
            hits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 001 (youm7), which writes البنتاجون: its first line is the title.
    fn seed_article() -> Article {
        let raw = include_str!("../tests/data/001_ddf57a01e70e49b5.txt");
        let mut lines = raw.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or_default().to_string();
        let text = lines.collect::<Vec<_>>().join("\n\n");
        Article {
            id: "youm7-1".into(),
            source: "youm7".into(),
            url: None,
            title,
            published: None,
            language: "ar".into(),
            original: text.clone(),
            text,
            removed: vec![],
        }
    }

    fn hits(idx: &SearchIndex, words: &str) -> usize {
        idx.search_page(&Query {
            text: words.into(),
            ..Query::default()
        })
        .unwrap()
        .total
    }

    #[test]
    fn an_index_of_another_analysis_version_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        let now = text::ANALYSIS_VERSION;
        let idx = SearchIndex::open(&dir).unwrap();
        assert_eq!((idx.was_reset(), idx.replaced()), (Some("new index"), None));
        idx.upsert(&[seed_article()], |_| None).unwrap();
        drop(idx);
        let idx = SearchIndex::open(&dir).unwrap();
        assert_eq!(idx.was_reset(), None, "this build's own index is kept");
        assert_eq!(hits(&idx, "البنتاغون"), 1);
        drop(idx);

        // Built by the previous analysis: its keys may not be this build's, so it is not read.
        std::fs::write(dir.join(MARKER_FILE), marker_with(now - 1)).unwrap();
        let why = format!(
            "search index built with analysis version {}, this build uses {now}",
            now - 1
        );
        match SearchIndex::open_read_only(&dir) {
            Err(Error::Unusable { why: w, .. }) => assert_eq!(w, why),
            other => panic!("a read-only open must refuse it: {other:?}"),
        }
        let idx = SearchIndex::open(&dir).unwrap();
        assert_eq!(idx.replaced(), Some(why.as_str()));
        assert_eq!(idx.doc_count(), 0, "emptied for the caller to re-index");
        idx.upsert(&[seed_article()], |_| None).unwrap();
        drop(idx);
        // Re-indexed by this build: kept from now on.
        let idx = SearchIndex::open(&dir).unwrap();
        assert_eq!(idx.was_reset(), None);
        assert_eq!(hits(&idx, "البنتاغون"), 1);
    }

    #[test]
    fn stale_reasons_name_what_differs() {
        let ours = marker_with(2);
        let old_format = "khabar-search schema 1 analysis 00ff00ff00ff00ff\n";
        assert_eq!(
            stale_reason(old_format, &ours),
            "search index built with an unrecorded analysis version, this build uses 2"
        );
        let other_schema = ours.replace(&format!("schema {} ", schema::VERSION), "schema 999 ");
        assert!(stale_reason(&other_schema, &ours).contains("schema 999"));
        assert_eq!(marker_field(&ours, "analysis-version"), Some("2"), "{ours}");
    }
}
