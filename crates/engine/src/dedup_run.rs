//! Duplicate detection over the store: sign new articles, find copies, save the groups.
//!
//! Signatures are computed once per article and stored (they are stable across builds with the
//! same `dedup::ALGORITHM_VERSION` and `text::ANALYSIS_VERSION`, which make their words); a run
//! signs only the articles that have none, loads every stored signature into an LSH index in
//! publication order, and saves the resulting groups. Loading stored signatures costs a fraction
//! of signing, so a run after a small ingest is cheap. The store records which versions (and
//! sketch sizes) its signatures were made with; when they differ from this build's, every
//! article is signed again, so old and new keys are never compared.

use crate::Result;
use model::Article;
use store::{DupGroup, DupMember, Store};

/// State key of the [`signature_tag`] the stored signatures were made with.
const SIG_VERSION_KEY: &str = "dedup.signature_version";

/// What a dedup run did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DedupSummary {
    pub signed: usize,
    pub articles: usize,
    pub groups: usize,
    pub duplicates: usize,
    /// Why every stored signature was made again (another algorithm or analysis version, or
    /// other sketch sizes), as one line for the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebuilt: Option<String>,
}

/// What the stored signatures depend on: the signature algorithm, the analysis version that
/// makes their words (e.g. `dedup1-analysis2`) and the sketch sizes.
fn signature_tag(cfg: &dedup::Config, analysis: u32) -> String {
    format!(
        "dedup{}-analysis{analysis}:{}:{}",
        dedup::ALGORITHM_VERSION,
        cfg.num_perm,
        cfg.containment_perm
    )
}

/// Drop the stored signatures when they were made with another tag than `tag`; says why.
fn forget_stale_signatures(store: &mut Store, tag: &str) -> Result<Option<String>> {
    let found = store.state(SIG_VERSION_KEY)?;
    if found.as_deref() == Some(tag.as_bytes()) {
        return Ok(None);
    }
    store.clear_signatures()?;
    store.put_state(SIG_VERSION_KEY, tag.as_bytes())?;
    Ok(found.map(|old| {
        format!(
            "dedup signatures made with {}, this build uses {tag}: signing every article again",
            String::from_utf8_lossy(&old)
        )
    }))
}

/// The groups of the stored articles, as `dedup` reports them.
pub fn dedup_store(
    store: &mut Store,
    cfg: &dedup::Config,
) -> Result<(DedupSummary, Vec<dedup::Group>)> {
    cfg.validate().map_err(crate::Error::Dedup)?;
    let tag = signature_tag(cfg, text::ANALYSIS_VERSION);
    let rebuilt = forget_stale_signatures(store, &tag)?;
    let signed = sign_missing(store, cfg)?;
    // index every signature in publication order, collecting verified pairs
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
    // groups, with the agency each member's text credits
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
        rebuilt,
    };
    Ok((summary, groups))
}

/// Sign the stored articles that have no signature yet, in batches; returns how many.
fn sign_missing(store: &mut Store, cfg: &dedup::Config) -> Result<usize> {
    let todo = store.articles_without_signature()?;
    let mut signed = 0;
    for chunk in todo.chunks(2048) {
        let mut arts: Vec<Article> = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(a) = store.article(id)? {
                arts.push(a);
            }
        }
        let docs: Vec<dedup::Doc> = arts.iter().map(doc_of).collect();
        let sigs = dedup::signatures(cfg, &docs);
        let rows: Vec<(String, Vec<u8>)> = arts
            .iter()
            .zip(&sigs)
            .map(|(a, s)| (a.id.clone(), s.to_bytes()))
            .collect();
        store.put_signatures(&rows)?;
        signed += rows.len();
    }
    Ok(signed)
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

/// The dedup view of a stored article: its id, publication time and cleaned text.
pub fn doc_of(a: &Article) -> dedup::Doc<'_> {
    dedup::Doc {
        id: &a.id,
        published: a.published.as_ref().map(|p| p.unix),
        text: &a.text,
    }
}

/// Tests: pretend the stored signatures were made by analysis version `version`.
#[cfg(test)]
pub(crate) fn restamp_signatures(store: &mut Store, cfg: &dedup::Config, version: u32) {
    let tag = signature_tag(cfg, version);
    store.put_state(SIG_VERSION_KEY, tag.as_bytes()).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::seed_articles;

    /// The stored groups as (origin, sorted members).
    fn groups(store: &Store) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = store
            .dup_groups()
            .unwrap()
            .into_iter()
            .map(|g| {
                let mut ids: Vec<String> = g.members.into_iter().map(|m| m.id).collect();
                ids.sort();
                (g.origin, ids)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn signatures_of_another_analysis_version_are_made_again() {
        let mut store = Store::in_memory().unwrap();
        store.put_articles(&seed_articles()).unwrap();
        let cfg = dedup::Config::default();
        let (first, _) = dedup_store(&mut store, &cfg).unwrap();
        assert_eq!((first.signed, first.rebuilt), (3, None));
        let copies = vec![(
            "pentagon-a".to_string(),
            vec!["pentagon-a".to_string(), "pentagon-a-copy".to_string()],
        )];
        assert_eq!(
            groups(&store),
            copies,
            "the wire copy, not the other report"
        );

        // Signatures the previous analysis made: its keys differ from ours, so here the other
        // outlet's report stands for a text whose old signature looks like a copy.
        let now = text::ANALYSIS_VERSION;
        restamp_signatures(&mut store, &cfg, now - 1);
        let old_tag = signature_tag(&cfg, now - 1);
        let sigs = store.signatures().unwrap();
        let a = sigs.iter().find(|s| s.0 == "pentagon-a").unwrap().2.clone();
        store
            .put_signatures(&[("pentagon-b".to_string(), a)])
            .unwrap();

        let (again, _) = dedup_store(&mut store, &cfg).unwrap();
        assert_eq!(again.signed, 3, "every article signed again");
        assert_eq!(
            again.rebuilt.as_deref(),
            Some(
                format!(
                    "dedup signatures made with {old_tag}, this build uses {}: signing every \
                     article again",
                    signature_tag(&cfg, now)
                )
                .as_str()
            )
        );
        assert_eq!(groups(&store), copies);
        // Current now: the next run signs nothing.
        let (next, _) = dedup_store(&mut store, &cfg).unwrap();
        assert_eq!((next.signed, next.rebuilt), (0, None));
    }

    #[test]
    fn the_signature_tag_names_both_versions() {
        let tag = signature_tag(&dedup::Config::default(), 2);
        assert!(
            tag.starts_with(&format!("dedup{}-analysis2:", dedup::ALGORITHM_VERSION)),
            "{tag}"
        );
    }
}
