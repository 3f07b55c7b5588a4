//! The schema and its migrations, applied in order and recorded in `PRAGMA user_version`.
//!
//! Rule: a released migration is never edited; a change is a new entry at the end.

use crate::{Error, Result};
use rusqlite::Connection;

/// Migration `i` moves the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: articles, dedup, stories, corrections, state.
    "CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT NOT NULL,
        published_raw TEXT,
        published_iso TEXT,
        published_unix INTEGER,
        language TEXT NOT NULL,
        text TEXT NOT NULL,
        original TEXT,
        removed TEXT NOT NULL,
        hash INTEGER NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX articles_time ON articles (published_unix, id);
    CREATE INDEX articles_seq ON articles (seq);
    CREATE TABLE signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        sig BLOB NOT NULL
    );
    CREATE TABLE dup_groups (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        agency TEXT
    );
    CREATE TABLE dup_members (
        article_id TEXT PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES dup_groups (id) ON DELETE CASCADE,
        origin TEXT NOT NULL,
        similarity REAL NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE TABLE assignments (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        story_id TEXT NOT NULL,
        why TEXT NOT NULL
    );
    CREATE INDEX assignments_story ON assignments (story_id);
    CREATE TABLE corrections (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        json TEXT NOT NULL
    );
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(Error::TooNew {
            found,
            known: VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
