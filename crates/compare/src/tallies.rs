//! Story-level figure conflicts: two independent sources counting the same thing about the same
//! event with different values, even where their sentences were not aligned into one fact
//! (`مقتل 40 شخصا` in one outlet's lead, `مقتل 50 شخصا` in another's second paragraph).
//!
//! A figure takes part only when what it counts is clear: a casualty or detention class read
//! from the counted noun (قتيلا، جريحا، معتقلين ...) or, for a generic noun (شخصا، راكبا), from
//! the nearest reporting of killing or wounding before it (`مقتل 50 شخصا`، `أصيب 7 أشخاص`) or
//! after it (`لقي 11 شخصا حتفهم`); or a sum of money in one currency. Precision comes first, so
//! two figures are compared only when all of these hold:
//! * both are the only figure of their class in their unit and neither is marked as a part
//!   (`بينهم`، `منهم`، `17 من بين 67`): a split count (`31 في المكان وتسعة آخرون`) is evidence of
//!   agreement, never the trigger of a conflict;
//! * their units carry the same scope markers: a cumulative toll (`حصيلة`، `إجمالي`، `منذ`،
//!   `ارتفع ... إلى`), a past event (`الماضي`، `السابق`), a rate (`سنويا`) or a span (`على مدى`);
//! * they name the same years (`عام 1992` is another event), do not give different day-month
//!   dates or weekdays, and, where both name places, share one (spellings folded);
//! * their units share enough context concepts (the crash, the attack, the place), beyond the
//!   counted class itself.
//!
//! A disagreement also needs that neither source gives the other's value anywhere in a
//! comparable unit. Disagreeing figures linked by pairs form one conflict. This module does not
//! judge which source is right, and it leaves ordinary counts (passengers on board, votes) alone.

use crate::align::{is_currency, same_name, same_value};
use crate::units::{self, Unit};
use crate::{Conflict, ConflictVersion};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Counted classes: (class, label shown in a conflict, index-level forms).
const CLASSES: &[(&str, &str, &[&str])] = &[
    (
        "killed",
        "القتلى",
        &[
            "قتيل",
            "قتلي",
            "قتل",
            "مقتل",
            "قتلوا",
            "قتلت",
            "يقتل",
            "مصرع",
            "حتف",
            "وفاه",
            "وفيات",
            "توفي",
            "توفوا",
            "ضحايا",
            "ضحيه",
            "شهيد",
            "شهداء",
            "استشهد",
            "استشهاد",
            "جثه",
            "جثث",
        ],
    ),
    (
        "wounded",
        "الجرحى",
        &[
            "جريح",
            "جرحي",
            "جرح",
            "جروح",
            "بجروح",
            "مصاب",
            "مصابين",
            "مصابون",
            "اصابه",
            "اصابات",
            "اصيب",
            "اصيبوا",
            "اصيبت",
        ],
    ),
    (
        "arrested",
        "المعتقلون",
        &[
            "معتقل",
            "معتقلين",
            "معتقلون",
            "اعتقال",
            "اعتقل",
            "اعتقلت",
            "موقوف",
            "موقوفين",
            "توقيف",
            "اوقف",
            "محتجز",
            "محتجزين",
        ],
    ),
    ("missing", "المفقودون", &["مفقود", "مفقودين", "مفقودون"]),
    (
        "displaced",
        "النازحون",
        &[
            "نازح",
            "نازحين",
            "نازحون",
            "نزوح",
            "لاجء",
            "لاجءين",
            "لاجءون",
            "مهجر",
            "مهجرين",
        ],
    ),
];

/// Words after a figure and its noun that make a generic count a death toll (`لقي 11 شخصا حتفهم`).
const DEATH_AFTER: &[&str] = &["حتف", "مصرع"];
/// Words right before a figure that make it a part of a larger count.
const PART_BEFORE: &[&str] = &["بين", "بينهم", "منهم", "ضمنهم", "بينهن", "منهن"];
/// Scope markers: cumulative tolls, past events, rates, spans.
const CUMULATIVE: &[&str] = &[
    "حصيله",
    "اجمالي",
    "اجماليه",
    "مجموع",
    "منذ",
    "ارتفع",
    "ارتفعت",
    "يرتفع",
    "ترتفع",
    "ليرتفع",
    "لترتفع",
    "ليصل",
    "لتصل",
    "اجمالا",
];
const PAST: &[&str] = &["الماضي", "الماضيه", "السابق", "السابقه"];
const RATE: &[&str] = &["سنويا", "سنوي", "سنويه", "شهريا", "يوميا", "اسبوعيا"];
const SPAN: &[&str] = &["مدي", "مدار"];

/// Forms of a term to look up in the lists: its key, its stem, and the key without a trailing
/// pronoun or accusative alif (مصرعهم → مصرع، قتيلا → قتيل).
fn forms(t: &text::Term) -> Vec<String> {
    let mut v = vec![t.key.clone(), t.stem.clone()];
    let mut k = t.key.as_str();
    for suf in ["هم", "هن", "ها", "ه", "ا"] {
        if let Some(r) = k.strip_suffix(suf)
            && r.chars().count() >= 3
        {
            k = r;
            v.push(k.to_string());
        }
    }
    let ix = t.index.as_str();
    v.push(ix.strip_prefix("و").unwrap_or(ix).to_string());
    v
}

fn in_list(t: &text::Term, list: &[&str]) -> bool {
    forms(t).iter().any(|f| list.contains(&f.as_str()))
}

fn class_of(t: &text::Term) -> Option<usize> {
    CLASSES.iter().position(|(_, _, l)| in_list(t, l))
}

/// A classed figure of one unit.
struct Tally {
    unit: usize,
    value: f64,
    text: String,
    /// Index into `CLASSES`, or the currency for money (`money:دولار`).
    class: String,
    label: String,
    money: bool,
    /// A part of a larger count, or one of several counts of its class in its unit.
    ambiguous: bool,
}

/// What two units must share to speak of the same event.
struct UnitMeta {
    flags: BTreeSet<&'static str>,
    years: BTreeSet<i64>,
    days: BTreeSet<String>,
    weekdays: BTreeSet<String>,
    places: Vec<String>,
}

fn tallies_of(u: usize, piece: &str, out: &mut Vec<Tally>) -> bool {
    let numbers = text::number::find_numbers(piece);
    if numbers.is_empty() {
        return false;
    }
    let terms = text::terms(piece);
    let dates = crate::dates::find(piece);
    let in_number = |t: &text::Term| {
        t.kind == text::TokenKind::Number
            || numbers.iter().any(|n| t.start < n.end && n.start < t.end)
    };
    let before = out.len();
    for m in &numbers {
        if dates.iter().any(|d| m.start < d.end && d.start < m.end) || is_year(piece, m) {
            continue;
        }
        let after: Vec<&text::Term> = terms
            .iter()
            .filter(|t| t.start >= m.end && !in_number(t))
            .take(6)
            .collect();
        let prev: Vec<&text::Term> = terms
            .iter()
            .rev()
            .filter(|t| t.end <= m.start && !in_number(t))
            .take(3)
            .collect();
        let text = piece.get(m.start..m.end).unwrap_or("").to_string();
        let part = prev
            .first()
            .is_some_and(|t| PART_BEFORE.contains(&t.index.as_str()))
            || (after.len() >= 2
                && after[0].index == "من"
                && matches!(after[1].index.as_str(), "بين" | "اصل" | "مجموع"));
        // Money: a currency right after the figure.
        if let Some(c) = after
            .iter()
            .take(2)
            .find(|t| is_currency(piece.get(t.start..t.end).unwrap_or("")))
        {
            let word = piece.get(c.start..c.end).unwrap_or("").to_string();
            let base = text::normalize::index(&word);
            let base = text::stem::strip_clitics(&base);
            let base = base.strip_prefix("ال").unwrap_or(base);
            let base: String = base.chars().take(4).collect();
            out.push(Tally {
                unit: u,
                value: m.value,
                text,
                class: format!("money:{base}"),
                label: word,
                money: true,
                ambiguous: part,
            });
            continue;
        }
        // The counted noun, then the nearest content word before, then حتفهم/مصرعهم after.
        let noun = after.iter().find(|t| !t.stop);
        let mut class = noun.and_then(|t| class_of(t));
        if class.is_none() {
            class = prev
                .iter()
                .filter(|t| !t.stop)
                .take(2)
                .find_map(|t| class_of(t));
        }
        if class.is_none()
            && after
                .iter()
                .skip(1)
                .take(5)
                .any(|t| in_list(t, DEATH_AFTER))
        {
            class = Some(0);
        }
        let Some(c) = class else {
            continue;
        };
        out.push(Tally {
            unit: u,
            value: m.value,
            text,
            class: CLASSES[c].0.to_string(),
            label: CLASSES[c].1.to_string(),
            money: false,
            ambiguous: part,
        });
    }
    // Several counts of one class in one unit: parts of a total or counts of several events.
    let mine = &mut out[before..];
    let classes: Vec<String> = mine.iter().map(|t| t.class.clone()).collect();
    for (i, t) in mine.iter_mut().enumerate() {
        let values = classes
            .iter()
            .enumerate()
            .filter(|(j, c)| *j != i && **c == t.class)
            .count();
        if values > 0 {
            t.ambiguous = true;
        }
    }
    out.len() > before
}

/// A four-digit number between 1900 and 2100: a year, not a count.
fn is_year(piece: &str, m: &text::number::NumberMatch) -> bool {
    let s = piece.get(m.start..m.end).unwrap_or("");
    m.value.fract() == 0.0
        && (1900.0..=2100.0).contains(&m.value)
        && s.chars().filter(|c| c.is_numeric()).count() == 4
}

/// Scope markers of a piece: `cumulative`, `past`, `rate`, `span`.
pub(crate) fn scope_flags(piece: &str) -> BTreeSet<&'static str> {
    let mut flags = BTreeSet::new();
    for t in &text::terms(piece) {
        let f = forms(t);
        let has = |l: &[&str]| f.iter().any(|x| l.contains(&x.as_str()));
        if has(CUMULATIVE) {
            flags.insert("cumulative");
        }
        if has(PAST) {
            flags.insert("past");
        }
        if has(RATE) {
            flags.insert("rate");
        }
        if has(SPAN) {
            flags.insert("span");
        }
    }
    flags
}

fn meta_of(piece: &str) -> UnitMeta {
    let flags = scope_flags(piece);
    let years = text::number::find_numbers(piece)
        .iter()
        .filter(|m| is_year(piece, m))
        .map(|m| m.value as i64)
        .collect();
    let dates = crate::dates::find(piece);
    let (mut days, mut weekdays) = (BTreeSet::new(), BTreeSet::new());
    for d in dates {
        if d.is_weekday() {
            weekdays.insert(d.key);
        } else {
            days.insert(d.key);
        }
    }
    let places = crate::entities::find_entities(piece)
        .into_iter()
        .filter(|m| m.kind == crate::EntityType::Place)
        .map(|m| piece.get(m.start..m.end).unwrap_or("").to_string())
        .collect();
    UnitMeta {
        flags,
        years,
        days,
        weekdays,
        places,
    }
}

/// Minimum weighted overlap of two units' concepts for their figures to be compared.
const CONTEXT_MIN: f32 = 0.15;
/// Minimum number of shared concepts of some weight, besides the counted class.
const SHARED_MIN: usize = 3;
const SHARED_WEIGHT: f32 = 0.1;

fn comparable(a: &Unit, b: &Unit, ma: &UnitMeta, mb: &UnitMeta) -> bool {
    if ma.flags != mb.flags || ma.years != mb.years {
        return false;
    }
    let clash = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
        !x.is_empty() && !y.is_empty() && x.is_disjoint(y)
    };
    if clash(&ma.days, &mb.days) || clash(&ma.weekdays, &mb.weekdays) {
        return false;
    }
    if !ma.places.is_empty()
        && !mb.places.is_empty()
        && !ma
            .places
            .iter()
            .any(|x| mb.places.iter().any(|y| same_name(x, y)))
    {
        return false;
    }
    if units::similarity(&a.concepts, a.weight, &b.concepts, b.weight) < CONTEXT_MIN {
        return false;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.concepts.len() && j < b.concepts.len() {
        match a.concepts[i].0.cmp(&b.concepts[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if a.concepts[i].1.min(b.concepts[j].1) >= SHARED_WEIGHT {
                    shared += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    // The counted class itself (مقتل on both sides) is one shared concept.
    shared > SHARED_MIN
}

/// Conflicts between figures of different facts (or of one fact the fact-level pass passed
/// over). `fact_of[u]` is the fact id of unit `u`; `existing` are the fact-level conflicts, whose
/// figures are not reported twice.
pub(crate) fn story_conflicts(
    articles: &[model::Article],
    sources: &crate::copies::Sources,
    all: &[Unit],
    fact_of: &[usize],
    existing: &[Conflict],
) -> Vec<Conflict> {
    let piece = |u: usize| {
        let unit = &all[u];
        articles[unit.article]
            .text
            .get(unit.start..unit.end)
            .unwrap_or("")
    };
    let mut tallies: Vec<Tally> = Vec::new();
    let mut metas: BTreeMap<usize, UnitMeta> = BTreeMap::new();
    for u in 0..all.len() {
        if tallies_of(u, piece(u), &mut tallies) {
            metas.insert(u, meta_of(piece(u)));
        }
    }
    let related = |a: &Tally, b: &Tally| sources.related(all[a.unit].article, all[b.unit].article);
    let mut cmp_cache: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    let mut comp = |x: usize, y: usize| -> bool {
        if x == y {
            return true;
        }
        let key = (x.min(y), x.max(y));
        if let Some(&v) = cmp_cache.get(&key) {
            return v;
        }
        let v = match (metas.get(&x), metas.get(&y)) {
            (Some(mx), Some(my)) => comparable(&all[x], &all[y], mx, my),
            _ => false,
        };
        cmp_cache.insert(key, v);
        v
    };
    // Disagreeing pairs.
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (i, x) in tallies.iter().enumerate() {
        if x.ambiguous {
            continue;
        }
        for (j, y) in tallies.iter().enumerate().skip(i + 1) {
            if y.ambiguous
                || y.class != x.class
                || related(x, y)
                || same_value(x.value, y.value)
                || !comp(x.unit, y.unit)
            {
                continue;
            }
            // Neither source gives the other's value in a comparable unit.
            let echoes = |a: &Tally, b: &Tally, comp: &mut dyn FnMut(usize, usize) -> bool| {
                tallies.iter().any(|z| {
                    z.class == a.class
                        && related(z, b)
                        && same_value(z.value, a.value)
                        && comp(z.unit, a.unit)
                })
            };
            if echoes(x, y, &mut comp) || echoes(y, x, &mut comp) {
                continue;
            }
            links.push((i, j));
        }
    }
    // Linked figures form one conflict.
    let mut parent: Vec<usize> = (0..tallies.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    for &(i, j) in &links {
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        parent[a.max(b)] = a.min(b);
    }
    let mut comps: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(i, j) in &links {
        let r = find(&mut parent, i);
        comps.entry(r).or_default().extend([i, j]);
    }
    let reported: HashSet<(String, String)> = existing
        .iter()
        .flat_map(|c| c.versions.iter())
        .map(|v| (v.article.clone(), v.sentence.clone()))
        .collect();
    let mut out = Vec::new();
    for members in comps.into_values() {
        let mut ms: Vec<usize> = members.into_iter().collect();
        ms.sort_by_key(|&m| (all[tallies[m].unit].article, tallies[m].unit));
        // One outlet's copies of one sentence show once.
        let mut seen: HashSet<(String, String, String)> = HashSet::new();
        ms.retain(|&m| {
            let t = &tallies[m];
            let a = &articles[all[t.unit].article];
            seen.insert((a.source.clone(), t.text.clone(), piece(t.unit).to_string()))
        });
        let versions: Vec<ConflictVersion> = ms
            .iter()
            .map(|&m| {
                let t = &tallies[m];
                let a = &articles[all[t.unit].article];
                ConflictVersion {
                    article: a.id.clone(),
                    source: a.source.clone(),
                    text: t.text.clone(),
                    value: Some(t.value),
                    sentence: piece(t.unit).to_string(),
                }
            })
            .collect();
        if versions
            .iter()
            .all(|v| reported.contains(&(v.article.clone(), v.sentence.clone())))
        {
            continue;
        }
        let mut facts: Vec<usize> = ms.iter().map(|&m| fact_of[tallies[m].unit]).collect();
        let first = facts.first().copied().unwrap_or(0);
        facts.sort_unstable();
        facts.dedup();
        let t0 = &tallies[ms[0]];
        out.push(Conflict {
            fact: first,
            facts,
            kind: if t0.money { "amount" } else { "number" }.to_string(),
            about: t0.label.clone(),
            versions,
        });
    }
    out
}
