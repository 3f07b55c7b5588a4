//! Facts: aligning the units of a story's articles, what each outlet alone reports, conflicting
//! figures and the extractive summary.
//!
//! Alignment is greedy agglomeration over cross-article unit pairs, best pair first: two groups
//! merge when their best pair reaches the fact threshold and they hold no article in common, so a
//! fact has at most one unit per article; two articles of one independent source (one outlet, or
//! wire copies) meet in a fact only with near-identical units, so that an outlet with many
//! articles cannot chain its sentences about different events into one fact. A unit left alone afterwards joins the shared fact whose
//! unit covers most of its weight (a clause restating part of a longer sentence of another outlet).
//! Wire copies and articles of one outlet form one independent group (`copies`).

use crate::copies::Sources;
use crate::lexicon::lexicon;
use crate::units::{self, Interner, Unit};
use crate::{Conflict, ConflictVersion, Fact, Options, SummaryLine};
use std::collections::{BTreeMap, HashMap, HashSet};

pub(crate) struct Aligned {
    pub facts: Vec<Fact>,
    pub unique: BTreeMap<String, Vec<String>>,
    pub conflicts: Vec<Conflict>,
    pub summary: Vec<SummaryLine>,
}

/// A fact under construction: the fact, its first (article, unit), its units, its mean relative
/// position in the articles.
type Built = (Fact, (usize, usize), Vec<usize>, f32);

struct Cluster {
    units: Vec<usize>,
    articles: Vec<usize>,
    /// Bit set of `articles`.
    mask: Vec<u64>,
    sims: Vec<f32>,
}

pub(crate) fn align(
    articles: &[model::Article],
    terms: &[Vec<text::Term>],
    sources: &Sources,
    opts: &Options,
) -> Aligned {
    let lex = lexicon();
    let mut interner = Interner::default();
    let mut all: Vec<Unit> = Vec::new();
    let mut per_article: Vec<(usize, usize)> = Vec::with_capacity(articles.len());
    for (ai, a) in articles.iter().enumerate() {
        let start = all.len();
        all.extend(units::units_of(
            ai,
            &a.text,
            &terms[ai],
            opts.clause_min_terms,
            lex,
            &mut interner,
        ));
        per_article.push((start, all.len()));
    }

    // Cross-article pairs worth considering.
    let min_keep = (opts.fact_threshold * 0.5).min(0.15);
    // Story-local weighting: a concept found in a large share of the story's sentences (the
    // story's own protagonists and place) tells its facts apart less than the global IDF says.
    let mut unit_df: HashMap<u32, usize> = HashMap::new();
    for u in &all {
        for &(c, _) in &u.concepts {
            *unit_df.entry(c).or_insert(0) += 1;
        }
    }
    let n_units = all.len().max(1) as f32;
    for u in &mut all {
        for c in &mut u.concepts {
            let frac = unit_df.get(&c.0).copied().unwrap_or(1) as f32 / n_units;
            c.1 *= (1.0 - frac).max(0.3);
        }
        u.weight = u.concepts.iter().map(|c| c.1).sum();
    }

    // Candidate pairs share at least one concept of some weight: two units whose only common
    // words weigh under POSTING_MIN each cannot reach `min_keep` unless both are a few words long.
    const POSTING_MIN: f32 = 0.15;
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, u) in all.iter().enumerate() {
        for &(c, w) in &u.concepts {
            if w >= POSTING_MIN {
                postings.entry(c).or_default().push(i);
            }
        }
    }
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    let mut seen: Vec<usize> = vec![usize::MAX; all.len()];
    for i in 0..all.len() {
        let (_, end_i) = per_article[all[i].article];
        for &(c, w) in &all[i].concepts {
            if w < POSTING_MIN {
                continue;
            }
            let Some(list) = postings.get(&c) else {
                continue;
            };
            // Postings are in unit order: skip to the units after article i's.
            let from = list.partition_point(|&j| j < end_i);
            for &j in &list[from..] {
                if seen[j] == i {
                    continue;
                }
                seen[j] = i;
                let s = units::similarity(
                    &all[i].concepts,
                    all[i].weight,
                    &all[j].concepts,
                    all[j].weight,
                );
                if s >= min_keep {
                    edges.push((s, i, j));
                }
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    let mut cluster_of: Vec<usize> = (0..all.len()).collect();
    let words = articles.len().div_ceil(64).max(1);
    let mut clusters: Vec<Option<Cluster>> = all
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut mask = vec![0u64; words];
            mask[u.article / 64] |= 1 << (u.article % 64);
            Some(Cluster {
                units: vec![i],
                articles: vec![u.article],
                mask,
                sims: Vec::new(),
            })
        })
        .collect();
    let mut refused: HashSet<(usize, usize, usize)> = HashSet::new();
    for &(s, i, j) in &edges {
        if s < opts.fact_threshold {
            break;
        }
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj {
            if let Some(c) = clusters[ci].as_mut() {
                c.sims.push(s);
            }
            continue;
        }
        let (Some(a), Some(b)) = (&clusters[ci], &clusters[cj]) else {
            continue;
        };
        if a.mask.iter().zip(&b.mask).any(|(x, y)| x & y != 0) {
            continue;
        }
        // One unit per independent source: two articles of one outlet (or wire copies) meet in
        // a fact only with near-identical units, else an outlet with many articles chains its
        // sentences about different events through other outlets' sentences.
        let share_source = a
            .articles
            .iter()
            .any(|&x| b.articles.iter().any(|&y| sources.related(x, y)));
        if share_source && !same_source_units_identical(&a.units, &b.units, &all, sources) {
            continue;
        }
        // Against chaining (A≈B, B≈C, but A and C about different things): the two groups must
        // also agree on average, not only through their best pair. The mean is taken over at most
        // AGREEMENT_SAMPLE units a side, and a refusal is remembered until either group grows.
        if a.units.len() + b.units.len() > 2 {
            let key = (ci.min(cj), ci.max(cj), a.units.len() + b.units.len());
            if refused.contains(&key) {
                continue;
            }
            const AGREEMENT_SAMPLE: usize = 6;
            let (sa, sb) = (
                &a.units[..a.units.len().min(AGREEMENT_SAMPLE)],
                &b.units[..b.units.len().min(AGREEMENT_SAMPLE)],
            );
            let mut total = 0.0f32;
            for &x in sa {
                for &y in sb {
                    total += units::similarity(
                        &all[x].concepts,
                        all[x].weight,
                        &all[y].concepts,
                        all[y].weight,
                    );
                }
            }
            if total / ((sa.len() * sb.len()) as f32) < opts.fact_threshold * opts.group_agreement {
                refused.insert(key);
                continue;
            }
        }
        let (keep, gone) = (ci.min(cj), ci.max(cj));
        if let Some(g) = clusters[gone].take() {
            for &u in &g.units {
                cluster_of[u] = keep;
            }
            if let Some(k) = clusters[keep].as_mut() {
                k.mask.iter_mut().zip(&g.mask).for_each(|(x, y)| *x |= y);
                k.units.extend(g.units);
                k.articles.extend(g.articles);
                k.sims.extend(g.sims);
                k.sims.push(s);
            }
        }
    }

    // A lone unit joins the shared fact of a unit that covers most of it.
    let shared_clusters: Vec<usize> = (0..clusters.len())
        .filter(|&c| clusters[c].as_ref().is_some_and(|c| c.articles.len() >= 2))
        .collect();
    for u in 0..all.len() {
        let cu = cluster_of[u];
        if clusters[cu].as_ref().is_none_or(|c| c.units.len() != 1) || all[u].weight < 1.0 {
            continue;
        }
        // Share of u's weight that unit x covers.
        let cover_by = |x: usize| {
            let sh = units::similarity(
                &all[u].concepts,
                all[u].weight,
                &all[x].concepts,
                all[x].weight,
            ) * (all[u].weight + all[x].weight);
            0.5 * sh / all[u].weight
        };
        let mut best: Option<(f32, usize)> = None;
        for &cv in &shared_clusters {
            let Some(c) = clusters[cv].as_ref() else {
                continue;
            };
            // Another article of u's own independent source must say the same words.
            if c.units.iter().any(|&x| {
                all[x].article != all[u].article
                    && sources.related(all[x].article, all[u].article)
                    && units::similarity(
                        &all[u].concepts,
                        all[u].weight,
                        &all[x].concepts,
                        all[x].weight,
                    ) < NEAR_IDENTICAL
            }) {
                continue;
            }
            let covers: Vec<f32> = c
                .units
                .iter()
                .filter(|&&x| all[x].article != all[u].article)
                .map(|&x| cover_by(x))
                .collect();
            let top = covers.iter().copied().fold(0.0f32, f32::max);
            if covers.is_empty() || top < opts.attach_coverage || best.is_some_and(|b| top <= b.0) {
                continue;
            }
            // The joining unit must agree with the fact as a whole, not with one sentence.
            let mean = covers.iter().sum::<f32>() / covers.len() as f32;
            if mean >= opts.attach_coverage * opts.group_agreement {
                best = Some((top, cv));
            }
        }
        if let Some((_, cv)) = best
            && let Some(c) = clusters[cv].as_mut()
        {
            c.units.push(u);
            if !c.articles.contains(&all[u].article) {
                c.articles.push(all[u].article);
            }
            clusters[cu] = None;
            cluster_of[u] = cv;
        }
    }

    // Build facts.
    let unit_text = |u: &Unit| {
        articles[u.article]
            .text
            .get(u.start..u.end)
            .unwrap_or("")
            .to_string()
    };
    let mut built: Vec<Built> = Vec::new();
    for c in clusters.into_iter().flatten() {
        let mut us = c.units.clone();
        us.sort_by_key(|&u| (all[u].article, all[u].start));
        let mut by_article: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for &u in &us {
            by_article
                .entry(all[u].article)
                .or_default()
                .push(unit_text(&all[u]));
        }
        let mut outlets: Vec<String> = Vec::new();
        let mut sentences = BTreeMap::new();
        let mut rel_pos = 0.0f32;
        for (&a, texts) in &by_article {
            if !outlets.contains(&articles[a].source) {
                outlets.push(articles[a].source.clone());
            }
            sentences.insert(articles[a].id.clone(), texts.join(" … "));
        }
        let carriers: Vec<usize> = by_article.keys().copied().collect();
        for &u in &us {
            let (s, e) = per_article[all[u].article];
            rel_pos += (u - s) as f32 / ((e - s).max(1)) as f32;
        }
        rel_pos /= us.len().max(1) as f32;
        let agreement = if c.sims.is_empty() {
            1.0
        } else {
            c.sims.iter().sum::<f32>() / c.sims.len() as f32
        };
        let first = (all[us[0]].article, us[0]);
        built.push((
            Fact {
                id: 0,
                sources: outlets,
                independent_sources: sources.count(&carriers),
                sentences,
                agreement,
            },
            first,
            us,
            rel_pos,
        ));
    }
    built.sort_by(|a, b| {
        b.0.independent_sources
            .cmp(&a.0.independent_sources)
            .then(a.1.cmp(&b.1))
    });
    for (i, b) in built.iter_mut().enumerate() {
        b.0.id = i;
    }

    let unique = unique_facts(articles, sources, &all, &built);
    let mut conflicts = find_conflicts(articles, sources, &all, &built, &mut interner);
    let mut fact_of = vec![0usize; all.len()];
    for (f, _, us, _) in &built {
        for &u in us {
            fact_of[u] = f.id;
        }
    }
    let story = crate::tallies::story_conflicts(articles, sources, &all, &fact_of, &conflicts);
    conflicts.extend(story);
    // One outlet's copies of one sentence show once in a conflict.
    for k in &mut conflicts {
        let mut seen: HashSet<(String, String, String)> = HashSet::new();
        k.versions
            .retain(|v| seen.insert((v.source.clone(), v.text.clone(), v.sentence.clone())));
    }

    // Summary: best-supported facts, then most agreed, shown in story order. Each fact speaks
    // through its most central unit; a fact whose unit restates a line already picked (two
    // facts the alignment kept apart, e.g. "Trump names Pompeo" told twice) is skipped.
    let mut order: Vec<usize> = (0..built.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&built[a].0, &built[b].0);
        fb.independent_sources
            .cmp(&fa.independent_sources)
            .then(fb.sentences.len().cmp(&fa.sentences.len()))
            .then(built[a].3.total_cmp(&built[b].3))
    });
    let sim = |x: usize, y: usize| {
        units::similarity(
            &all[x].concepts,
            all[x].weight,
            &all[y].concepts,
            all[y].weight,
        )
    };
    let central = |us: &[usize]| -> usize {
        us.iter()
            .max_by(|&&x, &&y| {
                let cx: f32 = us.iter().map(|&o| sim(x, o)).sum();
                let cy: f32 = us.iter().map(|&o| sim(y, o)).sum();
                cx.total_cmp(&cy).then(y.cmp(&x))
            })
            .copied()
            .unwrap_or(us[0])
    };
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for i in order {
        if picked.len() >= opts.summary_lines {
            break;
        }
        if built[i].2.is_empty() {
            continue;
        }
        let unit = central(&built[i].2);
        let restates = picked.iter().any(|&(_, u)| sim(unit, u) >= RESTATES);
        if !restates {
            picked.push((i, unit));
        }
    }
    picked.sort_by(|a, b| built[a.0].3.total_cmp(&built[b.0].3));
    let summary = picked
        .into_iter()
        .map(|(i, unit)| {
            let f = &built[i].0;
            SummaryLine {
                fact: f.id,
                text: unit_text(&all[unit]),
                sources: f.sources.clone(),
            }
        })
        .collect();

    Aligned {
        facts: built.into_iter().map(|b| b.0).collect(),
        unique,
        conflicts,
        summary,
    }
}

/// Overlap at or above which a summary line restates one already picked.
const RESTATES: f32 = 0.4;

/// Overlap at or above which two units of one independent source are the same sentence
/// (a wire copy or an outlet's updated article repeating itself).
const NEAR_IDENTICAL: f32 = 0.8;

/// Facts carried by one independent source, each listed once, under the first article carrying
/// it (a copy of an article, or an outlet's second article, never repeats them).
fn unique_facts(
    articles: &[model::Article],
    sources: &Sources,
    all: &[Unit],
    built: &[Built],
) -> BTreeMap<String, Vec<String>> {
    let mut unique: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in articles {
        unique.entry(a.id.clone()).or_default();
    }
    let every: Vec<usize> = (0..sources.len()).collect();
    if sources.count(&every) < 2 {
        return unique;
    }
    for (f, _, us, _) in built {
        if f.independent_sources != 1 {
            continue;
        }
        let Some(first) = us.iter().map(|&u| all[u].article).min() else {
            continue;
        };
        if let Some(t) = f.sentences.get(&articles[first].id) {
            unique
                .entry(articles[first].id.clone())
                .or_default()
                .push(t.clone());
        }
    }
    unique
}

/// Every pair of units of one independent source across the two clusters is near-identical.
fn same_source_units_identical(a: &[usize], b: &[usize], all: &[Unit], sources: &Sources) -> bool {
    a.iter().all(|&x| {
        b.iter().all(|&y| {
            !sources.related(all[x].article, all[y].article)
                || units::similarity(
                    &all[x].concepts,
                    all[x].weight,
                    &all[y].concepts,
                    all[y].weight,
                ) >= NEAR_IDENTICAL
        })
    })
}

/// A figure with the concept it counts (the next content word) or, failing that, the previous one.
struct Figure {
    value: f64,
    text: String,
    about: Option<(u32, String)>,
    /// The figure is followed by a currency (a sum of money).
    money: bool,
    /// Concepts of up to three content words before the figure (numbers and the words they
    /// count left out): what the figure is said of (مقتل، بقيمة، تقل).
    ctx: HashSet<u32>,
}

/// Figures of a piece, leaving out the numbers that are part of a date (`13 مارس`، `2018`).
fn figures(piece: &str, dates: &[crate::dates::DateRef], interner: &mut Interner) -> Vec<Figure> {
    let lex = lexicon();
    let terms = text::terms(piece);
    let mut out = Vec::new();
    let numbers = text::number::find_numbers(piece);
    // Terms inside a number, or right after one (the word it counts).
    let counted: Vec<bool> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let in_number =
                |t: &text::Term| numbers.iter().any(|n| t.start < n.end && n.start < t.end);
            in_number(t) || t.kind == text::TokenKind::Number || i > 0 && in_number(&terms[i - 1])
        })
        .collect();
    for m in numbers.iter() {
        if dates.iter().any(|d| m.start < d.end && d.start < m.end) {
            continue;
        }
        let content = |t: &&text::Term| {
            !t.stop && t.kind != text::TokenKind::Number && t.key.chars().count() >= 2
        };
        let next = terms
            .iter()
            .filter(|t| t.start >= m.end)
            .take(2)
            .find(content);
        let prev = terms
            .iter()
            .rev()
            .filter(|t| t.end <= m.start)
            .take(2)
            .find(content);
        // A currency right after the figure is what it measures, even where the word lists
        // count it as a common word.
        let currency = terms
            .iter()
            .filter(|t| t.start >= m.end)
            .take(2)
            .find(|t| is_currency(piece.get(t.start..t.end).unwrap_or("")));
        let about = currency.or(next).or(prev).map(|t| {
            let id = interner.id(crate::lexicon::concept(lex, &t.key, &t.stem));
            (id, piece.get(t.start..t.end).unwrap_or("").to_string())
        });
        let ctx = terms
            .iter()
            .enumerate()
            .rev()
            .filter(|(i, t)| t.end <= m.start && !counted[*i] && content(t))
            .take(3)
            .map(|(_, t)| interner.id(crate::lexicon::concept(lex, &t.key, &t.stem)))
            .collect();
        out.push(Figure {
            value: m.value,
            text: piece.get(m.start..m.end).unwrap_or("").to_string(),
            about,
            money: currency.is_some(),
            ctx,
        });
    }
    out
}

/// Concepts of the content words around a date: up to three before it and two after it, other
/// dates, numbers and day words left out.
fn date_context(
    piece: &str,
    d: &crate::dates::DateRef,
    all: &[crate::dates::DateRef],
    interner: &mut Interner,
) -> HashSet<u32> {
    let lex = lexicon();
    let terms = text::terms(piece);
    let usable = |t: &&text::Term| {
        !t.stop
            && t.kind != text::TokenKind::Number
            && t.key.chars().count() >= 2
            && !all.iter().any(|o| t.start < o.end && o.start < t.end)
            && !matches!(
                t.index.as_str(),
                "يوم"
                    | "اليوم"
                    | "الماضي"
                    | "المقبل"
                    | "القادم"
                    | "الجاري"
                    | "صباح"
                    | "مساء"
                    | "فجر"
                    | "ليل"
                    | "نهايه"
                    | "بنهايه"
                    | "بحلول"
            )
    };
    let before = terms
        .iter()
        .rev()
        .filter(|t| t.end <= d.start)
        .filter(usable)
        .take(3);
    let after = terms
        .iter()
        .filter(|t| t.start >= d.end)
        .filter(usable)
        .take(2);
    before
        .chain(after)
        .map(|t| interner.id(crate::lexicon::concept(lex, &t.key, &t.stem)))
        .collect()
}

/// Currency words: a figure counting one of them is a sum of money.
const CURRENCIES: &[&str] = &[
    "دولار",
    "يورو",
    "جنيه",
    "ريال",
    "درهم",
    "دينار",
    "ليره",
    "روبل",
    "يوان",
    "ين",
    "شيكل",
    "استرليني",
];

pub(crate) fn is_currency(word: &str) -> bool {
    let w = text::normalize::index(word);
    let w = text::stem::strip_clitics(&w);
    let w = w.strip_prefix("ال").unwrap_or(w);
    // Singular, dual and plural forms: دولار، دولارين، دولارات.
    CURRENCIES.iter().any(|c| {
        w == *c
            || ["ات", "ين", "ان"]
                .iter()
                .any(|s| w.strip_suffix(s) == Some(c))
    })
}

/// Two names of one post are the same person (or place) when they share a name word (a surname
/// or first name alone, البنتاغون/البنتاجون-style spellings folded) or are one edit apart.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (ka, kb) = (crate::lexicon::name_key(a), crate::lexicon::name_key(b));
    if ka == kb {
        return true;
    }
    let wa: Vec<&str> = ka.split(' ').filter(|w| w.chars().count() >= 3).collect();
    let wb: Vec<&str> = kb.split(' ').filter(|w| w.chars().count() >= 3).collect();
    wa.iter().any(|w| wb.contains(w))
        || wa.iter().any(|x| {
            wb.iter()
                .any(|y| x.chars().count() >= 5 && crate::entities::edit_distance(x, y) <= 1)
        })
}

/// Does `text` mention any word of `name` (spelling-insensitive)?
fn mentions_name(text_keys: &HashSet<String>, name: &str) -> bool {
    crate::lexicon::name_key(name)
        .split(' ')
        .filter(|w| w.chars().count() >= 3)
        .any(|w| text_keys.contains(w))
}

fn name_keys_of(text: &str) -> HashSet<String> {
    text::terms(text)
        .iter()
        .filter(|t| !t.stop)
        .map(|t| crate::lexicon::name_key(text.get(t.start..t.end).unwrap_or("")))
        .collect()
}

/// Do the independent sources disagree? Each group's values; a pair of groups whose values share
/// nothing is a disagreement.
fn groups_disagree<T>(by_group: &BTreeMap<usize, Vec<T>>, same: impl Fn(&T, &T) -> bool) -> bool {
    let sets: Vec<&Vec<T>> = by_group.values().filter(|v| !v.is_empty()).collect();
    sets.iter().enumerate().any(|(i, a)| {
        sets.iter()
            .skip(i + 1)
            .any(|b| !a.iter().any(|x| b.iter().any(|y| same(x, y))))
    })
}

fn find_conflicts(
    articles: &[model::Article],
    sources: &Sources,
    all: &[Unit],
    built: &[Built],
    interner: &mut Interner,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut article_keys: HashMap<usize, HashSet<String>> = HashMap::new();
    for (f, _, us, _) in built {
        if f.independent_sources < 2 {
            continue;
        }
        // The fact's independent sources: its articles grouped by copy and outlet.
        let carriers: Vec<usize> = us.iter().map(|&u| all[u].article).collect();
        let groups = &sources.labels(&carriers);
        let pieces: Vec<(usize, &str)> = us
            .iter()
            .map(|&u| {
                let unit = &all[u];
                let piece = articles[unit.article]
                    .text
                    .get(unit.start..unit.end)
                    .unwrap_or("");
                (unit.article, piece)
            })
            .collect();
        let version = |a: usize, text: String, value: Option<f64>, piece: &str| ConflictVersion {
            article: articles[a].id.clone(),
            source: articles[a].source.clone(),
            text,
            value,
            sentence: piece.to_string(),
        };

        // Dates.
        let dates: Vec<Vec<crate::dates::DateRef>> =
            pieces.iter().map(|(_, p)| crate::dates::find(p)).collect();
        for weekday in [false, true] {
            // (group, compared key, context concepts, version)
            let mut items = Vec::new();
            for ((a, piece), ds) in pieces.iter().zip(&dates) {
                for d in ds.iter().filter(|d| d.is_weekday() == weekday) {
                    let written = piece.get(d.start..d.end).unwrap_or("").to_string();
                    let ctx = date_context(piece, d, ds, interner);
                    items.push((
                        groups[*a],
                        d.key.clone(),
                        ctx,
                        version(*a, written, None, piece),
                    ));
                }
            }
            // Two groups conflict when they share no date of this kind and two of their dates
            // stand by the same words (the same event dated differently, not two events).
            let conflict = items.iter().any(|x| {
                items.iter().any(|y| {
                    x.0 < y.0
                        && !items
                            .iter()
                            .any(|p| p.0 == x.0 && items.iter().any(|q| q.0 == y.0 && p.1 == q.1))
                        && x.2.intersection(&y.2).next().is_some()
                })
            });
            if conflict {
                out.push(Conflict {
                    fact: f.id,
                    facts: vec![f.id],
                    kind: "date".to_string(),
                    about: if weekday {
                        "اليوم"
                    } else {
                        "التاريخ"
                    }
                    .to_string(),
                    versions: items.into_iter().map(|i| i.3).collect(),
                });
            }
        }

        // Figures, by the concept they count.
        let mut by_about: BTreeMap<u32, Vec<(usize, Figure, &str)>> = BTreeMap::new();
        for ((a, piece), ds) in pieces.iter().zip(&dates) {
            for fig in figures(piece, ds, interner) {
                if let Some((id, _)) = fig.about.clone() {
                    by_about.entry(id).or_default().push((*a, fig, piece));
                }
            }
        }
        for (_, vs) in by_about {
            let mut by_group: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
            for v in &vs {
                by_group.entry(groups[v.0]).or_default().push(v.1.value);
            }
            // Two groups disagree when they share no value for this concept and two of their
            // figures are said of the same thing (both after مقتل, not one after تقل "carried").
            let disagree = vs.iter().any(|x| {
                vs.iter().any(|y| {
                    let (gx, gy) = (groups[x.0], groups[y.0]);
                    gx < gy
                        && !by_group[&gx]
                            .iter()
                            .any(|a| by_group[&gy].iter().any(|b| same_value(*a, *b)))
                        && x.1.ctx.intersection(&y.1.ctx).next().is_some()
                        && crate::tallies::scope_flags(x.2) == crate::tallies::scope_flags(y.2)
                })
            });
            if !disagree {
                continue;
            }
            let about = vs
                .first()
                .and_then(|v| v.1.about.as_ref())
                .map(|a| a.1.clone())
                .unwrap_or_default();
            let kind = if vs.iter().all(|v| v.1.money) {
                "amount"
            } else {
                "number"
            };
            out.push(Conflict {
                fact: f.id,
                facts: vec![f.id],
                kind: kind.to_string(),
                about,
                versions: vs
                    .into_iter()
                    .map(|(a, fig, s)| version(a, fig.text, Some(fig.value), s))
                    .collect(),
            });
        }

        // Names: one post (or kind of place) named by different people (places).
        let mut by_role: BTreeMap<String, Vec<(usize, String, String, &str)>> = BTreeMap::new();
        for (a, piece) in &pieces {
            for n in crate::entities::anchored_names(piece) {
                let name = piece.get(n.start..n.end).unwrap_or("").to_string();
                if n.role_key.is_empty() || name.is_empty() {
                    continue;
                }
                // A bare title (الرئيس X) says too little: the post needs a qualifier.
                if n.kind == crate::EntityType::Person && !n.role_key.contains(' ') {
                    continue;
                }
                by_role
                    .entry(n.role_key.clone())
                    .or_default()
                    .push((*a, name, n.role, piece));
            }
        }
        for (_, vs) in by_role {
            let mut by_group: BTreeMap<usize, Vec<String>> = BTreeMap::new();
            for v in &vs {
                by_group.entry(groups[v.0]).or_default().push(v.1.clone());
            }
            if by_group.len() < 2 || !groups_disagree(&by_group, |x, y| same_name(x, y)) {
                continue;
            }
            // Each name must be absent from every article of another group that names the post:
            // an article that also names the other person knows both (two ministers, a meeting).
            let mut known_elsewhere = false;
            for v in &vs {
                for w in &vs {
                    if groups[v.0] == groups[w.0] || same_name(&v.1, &w.1) {
                        continue;
                    }
                    let keys = article_keys
                        .entry(w.0)
                        .or_insert_with(|| name_keys_of(&articles[w.0].text));
                    if mentions_name(keys, &v.1) {
                        known_elsewhere = true;
                    }
                }
            }
            if known_elsewhere {
                continue;
            }
            let about = vs.first().map(|v| v.2.clone()).unwrap_or_default();
            out.push(Conflict {
                fact: f.id,
                facts: vec![f.id],
                kind: "name".to_string(),
                about,
                versions: vs
                    .into_iter()
                    .map(|(a, name, _, s)| version(a, name, None, s))
                    .collect(),
            });
        }
    }
    out
}

pub(crate) fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;
    use crate::units::{Interner, concepts_of, similarity};

    use crate::dev_data as common;

    /// The articles of one gold story of the dev set in the repo's testdata.
    fn dev_story(story: &str) -> Vec<model::Article> {
        let dir = format!("{}/../../testdata/dev", env!("CARGO_MANIFEST_DIR"));
        let ids: HashSet<String> = common::read_jsonl(format!("{dir}/gold.jsonl"))
            .iter()
            .filter(|g| g["story"] == story)
            .filter_map(|g| g["id"].as_str().map(str::to_string))
            .collect();
        common::read_jsonl(format!("{dir}/articles.jsonl"))
            .iter()
            .filter(|v| v["id"].as_str().is_some_and(|id| ids.contains(id)))
            .map(common::article)
            .collect()
    }

    #[test]
    fn summary_lines_do_not_restate_each_other() {
        // Twenty articles on one dismissal: its facts are told many ways, and the summary must
        // still give five different things, not the appointment three times.
        let articles = dev_story("s002");
        assert_eq!(articles.len(), 20);
        let c = crate::compare(&articles, &Options::default());
        assert_eq!(c.summary.len(), 5);
        let lex = lexicon::lexicon();
        let mut interner = Interner::default();
        let sets: Vec<(Vec<(u32, f32)>, f32)> = c
            .summary
            .iter()
            .map(|l| {
                let v = concepts_of(&l.text, lex, &mut interner);
                let w = v.iter().map(|e| e.1).sum();
                (v, w)
            })
            .collect();
        for (i, a) in sets.iter().enumerate() {
            for b in &sets[i + 1..] {
                let s = similarity(&a.0, a.1, &b.0, b.1);
                assert!(s < 0.5, "{s}: {:?}", c.summary);
            }
        }
    }
}
