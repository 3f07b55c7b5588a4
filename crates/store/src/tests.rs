//! Store round trips, idempotence, migrations and crash safety.

use super::*;
use model::{Removal, RemovalReason};

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.to_string(),
        source: "skynews".into(),
        url: Some(format!("https://example.com/{id}")),
        title: "البنتاغون يقود مباحثات مبكرة".into(),
        published: Some(Published {
            raw: "2024-11-27 08:51 م".into(),
            iso: "2024-11-27T20:51:00".into(),
            unix: 1_732_740_660,
        }),
        language: "ar".into(),
        text: text.to_string(),
        original: format!("{text}\nاقرأ أيضاً .. خبر آخر"),
        removed: vec![Removal {
            reason: RemovalReason::ReadAlso,
            text: "اقرأ أيضاً .. خبر آخر".into(),
            line: 2,
        }],
    }
}

#[test]
fn article_round_trips_with_original_and_removals() {
    let mut s = Store::in_memory().unwrap();
    let a = article(
        "000_seed",
        "كشف تقرير لموقع بوليتيكو أن المسؤولين يجرون محادثات.",
    );
    assert_eq!(
        s.put_articles(std::slice::from_ref(&a)).unwrap(),
        vec![Upsert::Inserted]
    );
    assert_eq!(s.article("000_seed").unwrap(), Some(a));
    assert_eq!(s.article("missing").unwrap(), None);
}

#[test]
fn reingesting_the_same_article_changes_nothing() {
    let mut s = Store::in_memory().unwrap();
    let a = article("a1", "نص الخبر الأول.");
    s.put_articles(std::slice::from_ref(&a)).unwrap();
    let seq = s.max_seq().unwrap();
    assert_eq!(
        s.put_articles(std::slice::from_ref(&a)).unwrap(),
        vec![Upsert::Unchanged]
    );
    assert_eq!(
        s.max_seq().unwrap(),
        seq,
        "an unchanged article must not look new"
    );
    assert_eq!(s.count_articles().unwrap(), 1);
    let mut b = a.clone();
    b.text.push_str(" تحديث.");
    assert_eq!(s.put_articles(&[b]).unwrap(), vec![Upsert::Updated]);
    assert!(
        s.max_seq().unwrap() > seq,
        "an updated article is new work for later stages"
    );
}

#[test]
fn updated_article_loses_its_signature_and_assignment() {
    let mut s = Store::in_memory().unwrap();
    let a = article("a1", "نص.");
    s.put_articles(std::slice::from_ref(&a)).unwrap();
    s.put_signatures(&[("a1".into(), vec![1, 2, 3])]).unwrap();
    s.put_assignments(&[("a1".into(), "s1".into(), "{}".into())])
        .unwrap();
    let mut b = a.clone();
    b.title = "عنوان جديد".into();
    s.put_articles(&[b]).unwrap();
    assert!(s.signatures().unwrap().is_empty());
    assert!(s.assignments().unwrap().is_empty());
    assert_eq!(
        s.articles_without_signature().unwrap(),
        vec!["a1".to_string()]
    );
}

#[test]
fn articles_after_seq_are_only_the_new_ones() {
    let mut s = Store::in_memory().unwrap();
    s.put_articles(&[article("a", "أ."), article("b", "ب.")])
        .unwrap();
    let seq = s.max_seq().unwrap();
    s.put_articles(&[article("c", "ج.")]).unwrap();
    let mut seen = Vec::new();
    s.for_each_article_after(seq, |_, a| seen.push(a.id))
        .unwrap();
    assert_eq!(seen, vec!["c".to_string()]);
}

#[test]
fn duplicate_groups_feed_duplicate_of() {
    let mut s = Store::in_memory().unwrap();
    s.put_articles(&[article("o", "أصل."), article("c", "نسخة.")])
        .unwrap();
    let g = DupGroup {
        group: 1,
        origin: "o".into(),
        agency: Some("رويترز".into()),
        members: vec![
            DupMember {
                id: "o".into(),
                similarity: 1.0,
                kind: "origin".into(),
            },
            DupMember {
                id: "c".into(),
                similarity: 0.91,
                kind: "near".into(),
            },
        ],
    };
    s.replace_dup_groups(std::slice::from_ref(&g)).unwrap();
    assert_eq!(s.dup_groups().unwrap(), vec![g]);
    let rows = s.article_rows().unwrap();
    let c = rows.iter().find(|r| r.id == "c").unwrap();
    assert_eq!(c.duplicate_of.as_deref(), Some("o"));
    let o = rows.iter().find(|r| r.id == "o").unwrap();
    assert_eq!(o.duplicate_of, None);
}

#[test]
fn reopening_keeps_data_and_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open(dir.path()).unwrap();
        s.put_articles(&[article("a", "نص.")]).unwrap();
        s.put_state("k", b"v").unwrap();
    }
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.count_articles().unwrap(), 1);
    assert_eq!(s.state("k").unwrap().as_deref(), Some(&b"v"[..]));
}

#[test]
fn a_newer_schema_is_refused_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    {
        let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    match Store::open(dir.path()) {
        Err(Error::TooNew { found: 999, .. }) => {}
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn an_uncommitted_batch_leaves_nothing_behind() {
    // A crash mid-write is an open transaction that never commits: simulate it by dropping one.
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open(dir.path()).unwrap();
        s.put_articles(&[article("kept", "نص.")]).unwrap();
        let tx = s.conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO articles (id, source, title, language, text, removed, hash, seq)
             VALUES ('half', 's', 't', 'ar', 'x', '[]', 0, 99)",
            [],
        )
        .unwrap();
        std::mem::forget(tx); // the process "dies" here: no commit, no rollback
    }
    let s = Store::open(dir.path()).unwrap();
    assert!(s.article("kept").unwrap().is_some());
    assert!(s.article("half").unwrap().is_none());
}
