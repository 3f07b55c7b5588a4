//! Groups: verified pairs joined (union-find) into sets of copies of one text, each with an origin.
//!
//! The origin is the earliest published member (undated members come last), ties broken by id.
//! Every other member carries its relation to the origin: the direct verdict when there is one;
//! otherwise (it joined through another copy) the kind of its strongest pair in the group and,
//! in batch runs, its estimated Jaccard similarity to the origin (from stored matches alone: that
//! pair's similarity). Exact and near pairs always join; a text containing several others joins
//! only through its best containment, so a round-up does not chain unrelated stories.
//! `similarity` is the Jaccard estimate for exact/near members and the share reused for
//! containment members.

use crate::{Kind, Match};
use serde::Serialize;
use std::collections::HashMap;

/// What grouping needs to know about a document.
#[derive(Debug, Clone, Copy)]
pub struct GroupDoc<'a> {
    pub id: &'a str,
    pub published: Option<i64>,
    /// Agency credited by the text ([`crate::agency`]).
    pub agency: Option<&'a str>,
}

/// One copy in a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub id: String,
    pub similarity: f64,
    pub kind: Kind,
}

/// A set of copies of one text. Serialises as the CLI's JSON line
/// `{"group":ID,"origin":ARTICLE_ID,"members":[{"id","similarity","kind"}],"agency":...}`;
/// `members` excludes the origin; `agency` is left out when no member credits one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub group: u32,
    pub origin: String,
    pub members: Vec<Member>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

pub(crate) struct UnionFind(Vec<u32>);

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind((0..n as u32).collect())
    }
    pub(crate) fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x
    }
    pub(crate) fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi as usize] = lo;
        }
    }
}

/// Origin order: dated before undated, earlier first, then by id.
fn origin_key<'a>(d: &GroupDoc<'a>) -> (bool, i64, &'a str) {
    (d.published.is_none(), d.published.unwrap_or(0), d.id)
}

/// Group by index pairs; `relate(member, origin)` gives the direct relation when known.
pub(crate) fn build<F, G>(
    docs: &[GroupDoc],
    edges: &[(u32, u32, Kind, f64)],
    relate: F,
    estimate: G,
) -> Vec<Group>
where
    F: Fn(usize, usize) -> Option<(Kind, f64)>,
    G: Fn(usize, usize) -> Option<f64>,
{
    // A text that contains several others (a round-up quoting two wire stories) would chain
    // unrelated stories together: each container joins only through its best containment
    // (highest share, then smallest contained index). Exact and near copies always join.
    let mut best_container: HashMap<u32, (f64, u32)> = HashMap::new();
    for &(a, b, k, s) in edges {
        if k == Kind::Containment {
            let e = best_container.entry(b).or_insert((s, a));
            if s > e.0 || (s == e.0 && a < e.1) {
                *e = (s, a);
            }
        }
    }
    let edges: Vec<(u32, u32, Kind, f64)> = edges
        .iter()
        .copied()
        .filter(|&(a, b, k, _)| {
            k != Kind::Containment || best_container.get(&b).is_some_and(|e| e.1 == a)
        })
        .collect();
    let edges = &edges[..];
    let mut uf = UnionFind::new(docs.len());
    for &(a, b, _, _) in edges {
        uf.union(a, b);
    }
    let mut best: HashMap<u32, (Kind, f64)> = HashMap::new();
    for &(a, b, k, s) in edges {
        for x in [a, b] {
            let e = best.entry(x).or_insert((k, s));
            if s > e.1 {
                *e = (k, s);
            }
        }
    }
    let mut sets: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut seen: Vec<u32> = best.keys().copied().collect();
    seen.sort_unstable();
    for x in seen {
        let r = uf.find(x);
        sets.entry(r).or_default().push(x as usize);
    }
    let mut out: Vec<(usize, Vec<usize>)> = sets
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|mut m| {
            m.sort_unstable_by_key(|&i| (origin_key(&docs[i]), i));
            (m[0], m)
        })
        .collect();
    out.sort_unstable_by_key(|(o, _)| (origin_key(&docs[*o]), *o));
    out.into_iter()
        .enumerate()
        .map(|(gi, (origin, members))| {
            let mut counts: Vec<(&str, usize, usize)> = Vec::new();
            for (pos, &m) in members.iter().enumerate() {
                if let Some(a) = docs[m].agency {
                    match counts.iter_mut().find(|c| c.0 == a) {
                        Some(c) => c.1 += 1,
                        None => counts.push((a, 1, pos)),
                    }
                }
            }
            let agency = docs[origin].agency.or_else(|| {
                counts
                    .iter()
                    .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))
                    .map(|c| c.0)
            });
            let members = members[1..]
                .iter()
                .map(|&m| {
                    let (kind, similarity) = relate(m, origin)
                        .or_else(|| {
                            let (k, s) = best.get(&(m as u32)).copied()?;
                            Some((k, estimate(m, origin).unwrap_or(s)))
                        })
                        .unwrap_or((Kind::Near, 0.0));
                    Member {
                        id: docs[m].id.to_string(),
                        similarity: round4(similarity),
                        kind,
                    }
                })
                .collect();
            Group {
                group: gi as u32 + 1,
                origin: docs[origin].id.to_string(),
                members,
                agency: agency.map(String::from),
            }
        })
        .collect()
}

pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Join `matches` into groups over `docs` (matches naming unknown ids are ignored). Group ids are
/// 1-based in order of their origins; members are in origin order too.
pub fn groups(docs: &[GroupDoc], matches: &[Match]) -> Vec<Group> {
    let pos: HashMap<&str, u32> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i as u32))
        .collect();
    let mut direct: HashMap<(u32, u32), (Kind, f64)> = HashMap::new();
    let mut edges = Vec::with_capacity(matches.len());
    for m in matches {
        let (Some(&a), Some(&b)) = (pos.get(m.a.as_str()), pos.get(m.b.as_str())) else {
            continue;
        };
        if a == b {
            continue;
        }
        let s = if m.kind == Kind::Containment {
            m.share
        } else {
            m.similarity
        };
        edges.push((a, b, m.kind, s));
        direct.insert((a.min(b), a.max(b)), (m.kind, s));
    }
    build(
        docs,
        &edges,
        |x, y| direct.get(&(x.min(y) as u32, x.max(y) as u32)).copied(),
        |_, _| None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(a: &str, b: &str, kind: Kind, similarity: f64, share: f64) -> Match {
        Match {
            a: a.into(),
            b: b.into(),
            kind,
            similarity,
            share,
        }
    }

    fn doc(id: &str, published: Option<i64>) -> GroupDoc<'_> {
        GroupDoc {
            id,
            published,
            agency: None,
        }
    }

    /// A round-up that quotes two unrelated wire stories must not put them in one group.
    #[test]
    fn a_round_up_does_not_chain_unrelated_stories() {
        let docs = [
            doc("wire-a", Some(10)),
            doc("wire-b", Some(20)),
            doc("roundup", Some(30)),
            doc("copy-b", Some(40)),
        ];
        let matches = [
            m("wire-a", "roundup", Kind::Containment, 0.4, 0.95),
            m("wire-b", "roundup", Kind::Containment, 0.3, 0.85),
            m("copy-b", "wire-b", Kind::Near, 0.9, 0.95),
        ];
        let gs = groups(&docs, &matches);
        assert_eq!(gs.len(), 2, "{gs:?}");
        assert_eq!(
            (gs[0].origin.as_str(), gs[0].members[0].id.as_str()),
            ("wire-a", "roundup")
        );
        assert_eq!(gs[0].members[0].kind, Kind::Containment);
        assert_eq!(
            gs[0].members[0].similarity, 0.95,
            "containment members carry the share"
        );
        assert_eq!((gs[1].origin.as_str(), gs[1].members.len()), ("wire-b", 1));
    }

    #[test]
    fn undated_members_come_after_dated_ones_and_ties_go_to_the_smaller_id() {
        let docs = [doc("c", None), doc("b", Some(5)), doc("a", Some(5))];
        let matches = [
            m("c", "b", Kind::Exact, 1.0, 1.0),
            m("b", "a", Kind::Near, 0.9, 0.9),
        ];
        let gs = groups(&docs, &matches);
        assert_eq!(gs.len(), 1);
        assert_eq!(gs[0].origin, "a");
        let ids: Vec<&str> = gs[0].members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["b", "c"]);
        // c has no direct pair with a: it carries its own strongest pair.
        assert_eq!(
            (gs[0].members[1].kind, gs[0].members[1].similarity),
            (Kind::Exact, 1.0)
        );
    }
}
