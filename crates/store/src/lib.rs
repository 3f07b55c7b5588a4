//! khabar's embedded store: one SQLite database (WAL) in a data directory.
//!
//! Answers "what do we know?": articles as ingested (cleaned text, original text, what cleaning
//! removed), duplicate groups, story assignments with their explanations, editor corrections and
//! opaque state blobs of the online stages. It holds no analysis logic: callers compute, the store
//! keeps.
//!
//! Invariants:
//! - Every write is one transaction: a crash mid-write leaves either the whole batch or none of it,
//!   never half an article. An article reported ingested has been committed.
//! - The schema version lives in `PRAGMA user_version`; [`Store::open`] applies the missing
//!   migrations in order, each in its own transaction.
//! - Re-storing an identical article changes nothing ([`Upsert::Unchanged`]).

mod schema;
pub use schema::VERSION as SCHEMA_VERSION;

use model::{Article, Published, Removal};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "khabar.sqlite";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot create data directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database schema version {found} is newer than this khabar understands ({known})")]
    TooNew { found: i64, known: i64 },
}

pub type Result<T> = std::result::Result<T, Error>;

/// What storing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Inserted,
    Updated,
    Unchanged,
}

/// A short line per article, as `khabar articles` lists them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// A member of a stored duplicate group.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DupMember {
    pub id: String,
    pub similarity: f64,
    pub kind: String,
}

/// A stored dedup signature: article id, publication time (Unix seconds), signature bytes.
pub type StoredSignature = (String, Option<i64>, Vec<u8>);

/// A stored duplicate group.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DupGroup {
    pub group: i64,
    pub origin: String,
    pub agency: Option<String>,
    pub members: Vec<DupMember>,
}

/// The embedded store.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

impl Store {
    /// Open (creating if needed) the store in `dir`, migrating the schema.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let conn = Connection::open(dir.join(DB_FILE))?;
        Self::from_connection(conn, dir.to_path_buf())
    }

    /// A store in memory, for tests and file-only runs.
    pub fn in_memory() -> Result<Store> {
        Self::from_connection(Connection::open_in_memory()?, PathBuf::new())
    }

    fn from_connection(mut conn: Connection, dir: PathBuf) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a transaction reported committed survives a crash of the process or the machine.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn, dir })
    }

    /// The data directory (empty for an in-memory store).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version now in force.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Store a batch of articles in one transaction. Returns what happened to each, in order.
    pub fn put_articles(&mut self, articles: &[Article]) -> Result<Vec<Upsert>> {
        let tx = self.conn.transaction()?;
        let mut seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| {
            r.get(0)
        })?;
        let mut out = Vec::with_capacity(articles.len());
        {
            let mut get = tx.prepare_cached("SELECT hash FROM articles WHERE id = ?1")?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO articles (id, source, url, title, published_raw, published_iso,
                   published_unix, language, text, original, removed, hash, seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT(id) DO UPDATE SET source=excluded.source, url=excluded.url,
                   title=excluded.title, published_raw=excluded.published_raw,
                   published_iso=excluded.published_iso, published_unix=excluded.published_unix,
                   language=excluded.language, text=excluded.text, original=excluded.original,
                   removed=excluded.removed, hash=excluded.hash, seq=excluded.seq",
            )?;
            for a in articles {
                let hash = article_hash(a);
                let old: Option<i64> = get.query_row([&a.id], |r| r.get(0)).optional()?;
                let what = match old {
                    Some(h) if h == hash => {
                        out.push(Upsert::Unchanged);
                        continue;
                    }
                    Some(_) => Upsert::Updated,
                    None => Upsert::Inserted,
                };
                let removed =
                    serde_json::to_string(&a.removed).map_err(|e| Error::Corrupt(e.to_string()))?;
                // The original is kept only where cleaning changed something.
                let original = (a.original != a.text).then_some(a.original.as_str());
                let p = a.published.as_ref();
                seq += 1;
                ins.execute(params![
                    a.id,
                    a.source,
                    a.url,
                    a.title,
                    p.map(|p| &p.raw),
                    p.map(|p| &p.iso),
                    p.map(|p| p.unix),
                    a.language,
                    a.text,
                    original,
                    removed,
                    hash,
                    seq
                ])?;
                if what == Upsert::Updated {
                    // A changed article must be deduplicated and clustered again.
                    tx.execute("DELETE FROM signatures WHERE article_id = ?1", [&a.id])?;
                    tx.execute("DELETE FROM assignments WHERE article_id = ?1", [&a.id])?;
                }
                out.push(what);
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        self.conn
            .query_row(
                &format!("SELECT {ARTICLE_COLS} FROM articles WHERE id = ?1"),
                [id],
                row_article,
            )
            .optional()?
            .transpose()
    }

    /// Number of stored articles.
    pub fn count_articles(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// All articles as short rows, ordered by publication time then id.
    pub fn article_rows(&self) -> Result<Vec<ArticleRow>> {
        let mut st = self.conn.prepare(
            "SELECT a.id, a.source, a.title, a.published_iso, a.url, d.origin
             FROM articles a LEFT JOIN dup_members d
               ON d.article_id = a.id AND d.article_id != d.origin
             ORDER BY a.published_unix IS NULL, a.published_unix, a.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ArticleRow {
                id: r.get(0)?,
                source: r.get(1)?,
                title: r.get(2)?,
                published: r.get(3)?,
                url: r.get(4)?,
                duplicate_of: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Visit every article in publication order (then id), streaming.
    pub fn for_each_article(&self, mut f: impl FnMut(Article)) -> Result<()> {
        self.for_each_article_after(0, |_, a| f(a))
    }

    /// Visit articles stored or changed after sequence number `seq`, in publication order; the
    /// callback also gets each article's sequence number.
    pub fn for_each_article_after(&self, seq: i64, mut f: impl FnMut(i64, Article)) -> Result<()> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLS}, seq FROM articles WHERE seq > ?1
             ORDER BY published_unix IS NULL, published_unix, id"
        ))?;
        let mut rows = st.query([seq])?;
        while let Some(r) = rows.next()? {
            let a = row_article(r)??;
            let s: i64 = r.get(11)?;
            f(s, a);
        }
        Ok(())
    }

    /// The highest article sequence number (0 when empty).
    pub fn max_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| {
                r.get(0)
            })?)
    }

    // ----- dedup -----

    /// Stored dedup signatures in publication order.
    pub fn signatures(&self) -> Result<Vec<StoredSignature>> {
        let mut st = self.conn.prepare(
            "SELECT s.article_id, a.published_unix, s.sig FROM signatures s
             JOIN articles a ON a.id = s.article_id
             ORDER BY a.published_unix IS NULL, a.published_unix, a.id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Store signatures for articles, one transaction.
    pub fn put_signatures(&mut self, sigs: &[(String, Vec<u8>)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR REPLACE INTO signatures (article_id, sig) VALUES (?1, ?2)",
            )?;
            for (id, sig) in sigs {
                st.execute(params![id, sig])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forget every signature (after a change of algorithm or parameters).
    pub fn clear_signatures(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM signatures", [])?;
        Ok(())
    }

    /// Ids of articles that have no signature yet.
    pub fn articles_without_signature(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM signatures)
             ORDER BY published_unix IS NULL, published_unix, id",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Replace all duplicate groups with `groups`, one transaction.
    pub fn replace_dup_groups(&mut self, groups: &[DupGroup]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM dup_members", [])?;
        tx.execute("DELETE FROM dup_groups", [])?;
        {
            let mut g = tx.prepare_cached(
                "INSERT INTO dup_groups (id, origin, agency) VALUES (?1, ?2, ?3)",
            )?;
            let mut m = tx.prepare_cached(
                "INSERT OR REPLACE INTO dup_members (article_id, group_id, origin, similarity, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for gr in groups {
                g.execute(params![gr.group, gr.origin, gr.agency])?;
                for mem in &gr.members {
                    m.execute(params![
                        mem.id,
                        gr.group,
                        gr.origin,
                        mem.similarity,
                        mem.kind
                    ])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// All stored duplicate groups, ordered by id.
    pub fn dup_groups(&self) -> Result<Vec<DupGroup>> {
        let mut st = self
            .conn
            .prepare("SELECT id, origin, agency FROM dup_groups ORDER BY id")?;
        let mut groups: Vec<DupGroup> = st
            .query_map([], |r| {
                Ok(DupGroup {
                    group: r.get(0)?,
                    origin: r.get(1)?,
                    agency: r.get(2)?,
                    members: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = self.conn.prepare(
            "SELECT group_id, article_id, similarity, kind FROM dup_members
             ORDER BY group_id, similarity DESC, article_id",
        )?;
        let mut rows = st.query([])?;
        let index: std::collections::HashMap<i64, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.group, i))
            .collect();
        while let Some(r) = rows.next()? {
            let gid: i64 = r.get(0)?;
            if let Some(&i) = index.get(&gid) {
                groups[i].members.push(DupMember {
                    id: r.get(1)?,
                    similarity: r.get(2)?,
                    kind: r.get(3)?,
                });
            }
        }
        Ok(groups)
    }

    /// Map article id → origin id for every article that is a copy of another.
    pub fn duplicate_origins(&self) -> Result<std::collections::HashMap<String, String>> {
        let mut st = self
            .conn
            .prepare("SELECT article_id, origin FROM dup_members WHERE article_id != origin")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ----- stories -----

    /// Store (or replace) story assignments: (article id, story id, explanation JSON).
    pub fn put_assignments(&mut self, rows: &[(String, String, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR REPLACE INTO assignments (article_id, story_id, why) VALUES (?1, ?2, ?3)",
            )?;
            for (a, s, w) in rows {
                st.execute(params![a, s, w])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Replace every assignment at once (batch clustering), one transaction.
    pub fn replace_assignments(&mut self, rows: &[(String, String, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM assignments", [])?;
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO assignments (article_id, story_id, why) VALUES (?1, ?2, ?3)",
            )?;
            for (a, s, w) in rows {
                st.execute(params![a, s, w])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every assignment: (article id, story id).
    pub fn assignments(&self) -> Result<Vec<(String, String)>> {
        let mut st = self.conn.prepare(
            "SELECT article_id, story_id FROM assignments ORDER BY story_id, article_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The stored explanation of one article's assignment.
    pub fn assignment_why(&self, article: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT story_id, why FROM assignments WHERE article_id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Record an editor correction (JSON) and return its sequence number.
    pub fn add_correction(&mut self, json: &str) -> Result<i64> {
        self.conn
            .execute("INSERT INTO corrections (json) VALUES (?1)", [json])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every correction in the order it was made.
    pub fn corrections(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT json FROM corrections ORDER BY seq")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    // ----- opaque state of online stages -----

    /// Read a state blob by key.
    pub fn state(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Write a state blob by key.
    pub fn put_state(&mut self, key: &str, value: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO state (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(())
    }
}

const ARTICLE_COLS: &str = "id, source, url, title, published_raw, published_iso, published_unix,
    language, text, original, removed";

fn row_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Article>> {
    let raw: Option<String> = r.get(4)?;
    let iso: Option<String> = r.get(5)?;
    let unix: Option<i64> = r.get(6)?;
    let text: String = r.get(8)?;
    let original: Option<String> = r.get(9)?;
    let removed: String = r.get(10)?;
    let removed: Vec<Removal> = match serde_json::from_str(&removed) {
        Ok(v) => v,
        Err(e) => return Ok(Err(Error::Corrupt(format!("removed list: {e}")))),
    };
    let published = match (raw, iso, unix) {
        (Some(raw), Some(iso), Some(unix)) => Some(Published { raw, iso, unix }),
        _ => None,
    };
    Ok(Ok(Article {
        id: r.get(0)?,
        source: r.get(1)?,
        url: r.get(2)?,
        title: r.get(3)?,
        published,
        language: r.get(7)?,
        original: original.unwrap_or_else(|| text.clone()),
        text,
        removed,
    }))
}

/// A content hash of every stored field, to tell an unchanged re-ingest from an update.
fn article_hash(a: &Article) -> i64 {
    let json = serde_json::to_vec(a).unwrap_or_default();
    xxhash_rust::xxh3::xxh3_64(&json) as i64
}

#[cfg(test)]
mod tests;
