//! Duplicate detection over the store: sign new articles, find copies, save the groups.
//!
//! Signatures are computed once per article and stored (they are stable across versions of the
//! same `dedup::ALGORITHM_VERSION`); a run signs only the articles that have none, loads every
//! stored signature into an LSH index in publication order, and saves the resulting groups.
//! Loading stored signatures costs a fraction of signing, so a run after a small ingest is cheap.

use crate::Result;
use model::Article;
use store::{DupGroup, DupMember, Store};

/// State key of the algorithm version the stored signatures were made with.
const SIG_VERSION_KEY: &str = "dedup.signature_version";

/// What a dedup run did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DedupSummary {
    pub signed: usize,
    pub articles: usize,
    pub groups: usize,
    pub duplicates: usize,
}

/// The groups of the stored articles, as `dedup` reports them.
pub fn dedup_store(
    store: &mut Store,
    cfg: &dedup::Config,
) -> Result<(DedupSummary, Vec<dedup::Group>)> {
    cfg.validate().map_err(crate::Error::Dedup)?;
    let version = dedup::ALGORITHM_VERSION.to_string();
    let config_tag = format!("{version}:{}:{}", cfg.num_perm, cfg.containment_perm);
    if store.state(SIG_VERSION_KEY)?.as_deref() != Some(config_tag.as_bytes()) {
        store.clear_signatures()?;
        store.put_state(SIG_VERSION_KEY, config_tag.as_bytes())?;
    }
    // 1. sign what has no signature yet, in batches
    let todo = store.articles_without_signature()?;
    let mut signed = 0;
    for chunk in todo.chunks(2048) {
        let mut arts: Vec<Article> = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(a) = store.article(id)? {
                arts.push(a);
            }
        }
        let docs: Vec<dedup::Doc> = arts
            .iter()
            .map(|a| dedup::Doc {
                id: &a.id,
                published: a.published.as_ref().map(|p| p.unix),
                text: &a.text,
            })
            .collect();
        let sigs = dedup::signatures(cfg, &docs);
        let rows: Vec<(String, Vec<u8>)> = arts
            .iter()
            .zip(&sigs)
            .map(|(a, s)| (a.id.clone(), s.to_bytes()))
            .collect();
        store.put_signatures(&rows)?;
        signed += rows.len();
    }
    // 2. index every signature in publication order, collecting verified pairs
    let mut index = dedup::Index::new(cfg.clone()).map_err(crate::Error::Dedup)?;
    let mut matches = Vec::new();
    let stored = store.signatures()?;
    for (id, published, bytes) in &stored {
        let sig = dedup::Signature::from_bytes(bytes).map_err(crate::Error::Dedup)?;
        matches.extend(
            index
                .insert(id, *published, &sig)
                .map_err(crate::Error::Dedup)?,
        );
    }
    // 3. groups, with the agency each member's text credits
    let mut agencies: std::collections::HashMap<String, &'static str> = Default::default();
    for m in &matches {
        for id in [&m.a, &m.b] {
            if !agencies.contains_key(id.as_str())
                && let Some(a) = store.article(id)?
                && let Some(ag) = dedup::agency(&a.text)
            {
                agencies.insert(id.clone(), ag);
            }
        }
    }
    let gdocs: Vec<dedup::GroupDoc> = stored
        .iter()
        .map(|(id, published, _)| dedup::GroupDoc {
            id,
            published: *published,
            agency: agencies.get(id.as_str()).copied(),
        })
        .collect();
    let groups = dedup::groups(&gdocs, &matches);
    let rows: Vec<DupGroup> = groups.iter().map(to_row).collect();
    store.replace_dup_groups(&rows)?;
    let summary = DedupSummary {
        signed,
        articles: stored.len(),
        groups: groups.len(),
        duplicates: groups.iter().map(|g| g.members.len()).sum(),
    };
    Ok((summary, groups))
}

fn to_row(g: &dedup::Group) -> DupGroup {
    let mut members = vec![DupMember {
        id: g.origin.clone(),
        similarity: 1.0,
        kind: "origin".into(),
    }];
    members.extend(g.members.iter().map(|m| DupMember {
        id: m.id.clone(),
        similarity: m.similarity,
        kind: m.kind.as_str().into(),
    }));
    DupGroup {
        group: g.group as i64,
        origin: g.origin.clone(),
        agency: g.agency.clone(),
        members,
    }
}
