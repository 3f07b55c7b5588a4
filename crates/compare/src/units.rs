//! Comparison units: the sentences of an article, long ones cut into clauses, each with the
//! weighted concepts two units are compared on.
//!
//! Sentences come from `text::sentence`, re-joined where the splitter cut inside a number
//! (`3.8`) or inside an open quotation. A sentence longer than a few content words is cut before
//! `، و…`/`، ف…`, before the circumstantial reporting participles (`، مشيراً`، `، مضيفاً` ...) and
//! before `لكن`، `بينما`، `فيما`، `في حين`, as long as both sides keep enough content words.
//! Numbers (digits and number words) are not concepts: conflicting figures must still align.

use crate::lexicon::{self, Lexicon};
use std::collections::HashMap;

/// One sentence or clause of one article.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub article: usize,
    /// Byte span inside the article text.
    pub start: usize,
    pub end: usize,
    /// Concept ids (sorted, unique) with their weights.
    pub concepts: Vec<(u32, f32)>,
    pub weight: f32,
}

/// Interns concept strings to small ids for fast set comparison.
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    pub(crate) fn id(&mut self, s: String) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s).or_insert(n)
    }
}

/// Sentence spans of `text`, with splits inside numbers and open quotes undone.
pub(crate) fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let raw = text::sentence::sentences(text);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    for (s, e) in raw {
        if let Some(last) = out.last_mut() {
            let prev = text.get(last.0..last.1).unwrap_or("");
            let gap = text.get(last.1..s).unwrap_or("");
            let cur = text.get(s..e).unwrap_or("");
            let digit_split = prev.ends_with('.')
                && prev
                    .trim_end_matches('.')
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_numeric())
                && cur.chars().next().is_some_and(|c| c.is_numeric())
                && !gap.contains('\n');
            let open_quote = !gap.contains('\n') && quote_open(prev);
            if digit_split || open_quote {
                last.1 = e;
                continue;
            }
        }
        out.push((s, e));
    }
    out
}

fn quote_open(s: &str) -> bool {
    let open = s.matches('«').count() + s.matches('“').count();
    let close = s.matches('»').count() + s.matches('”').count();
    open > close || s.matches('"').count() % 2 == 1
}

/// Markers that may start a clause, as index-level whole words.
const CLAUSE_WORDS: &[&str] = &["لكن", "ولكن", "بينما", "فيما", "وبينما"];
const PARTICIPLES: &[&str] = &[
    "مشيرا",
    "مضيفا",
    "مؤكدا",
    "موضحا",
    "معتبرا",
    "لافتا",
    "مشددا",
    "منوها",
    "مشيره",
    "مضيفه",
    "مؤكده",
    "موضحه",
];

/// Cut points (term indices) of the clauses of a sentence with terms `terms` (offsets relative
/// to the sentence `sent`).
fn clause_cuts(sent: &str, terms: &[text::Term], min_terms: usize) -> Vec<usize> {
    let content: Vec<usize> = terms.iter().filter(|t| !t.stop).map(|t| t.start).collect();
    if content.len() < 2 * min_terms {
        return Vec::new();
    }
    let mut cuts = Vec::new();
    let mut last_cut = 0usize;
    for (i, t) in terms.iter().enumerate() {
        if i == 0 {
            continue;
        }
        let before = sent.get(terms[i - 1].end..t.start).unwrap_or("");
        let comma = before.contains('،') || before.contains(',');
        let w = t.index.as_str();
        let marker = CLAUSE_WORDS.contains(&w)
            || (i + 1 < terms.len() && w == "في" && terms[i + 1].index == "حين")
            || (comma
                && (PARTICIPLES.contains(&w)
                    || PARTICIPLES.iter().any(|p| w.strip_prefix('و') == Some(p))))
            || (comma
                && (w.starts_with('و') || w.starts_with('ف'))
                && w.chars().count() >= 4
                && t.key != t.index);
        if !marker {
            continue;
        }
        // A quotation in progress is never cut.
        if quote_open(sent.get(..t.start).unwrap_or("")) {
            continue;
        }
        let left = content
            .iter()
            .filter(|&&c| c >= last_cut && c < t.start)
            .count();
        let right = content.iter().filter(|&&c| c >= t.start).count();
        if left >= min_terms && right >= min_terms {
            cuts.push(i);
            last_cut = t.start;
        }
    }
    cuts
}

/// Dash characters that close a dateline.
const DASHES: &[char] = &['—', '–', '-', '‒', '―'];

/// End (byte offset of the first word after it) of a leading dateline: a few place names
/// separated by commas, an optional outlet in parentheses, then a dash
/// (`نيويورك، الولايات المتحدة (CNN)— قال ...`، `(CNN)-- انفجرت`، `القدس (رويترز) - ...`).
/// Without an outlet in parentheses, every word before the dash must belong to a place name.
pub(crate) fn dateline_end(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let head_end = text
        .char_indices()
        .skip_while(|(i, _)| *i < lead)
        .take(120)
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let head = text.get(lead..head_end)?;
    let dash = head.find(DASHES)?;
    let prefix = head.get(..dash)?;
    if prefix.trim().is_empty()
        || prefix.contains(['.', ':', '«', '"', '“', '\n', '؟', '!'])
        || text::tokenize(prefix).len() > 8
    {
        return None;
    }
    let outlet = prefix
        .find('(')
        .zip(prefix.rfind(')'))
        .is_some_and(|(o, c)| {
            o < c
                && prefix.get(c + 1..).is_some_and(|r| r.trim().is_empty())
                && prefix
                    .get(o + 1..c)
                    .is_some_and(|inner| (1..=3).contains(&text::tokenize(inner).len()))
        });
    if !outlet {
        // Every Arabic word of the prefix inside a place name.
        let places = crate::entities::find_entities(prefix);
        let all_places = text::tokenize(prefix).iter().all(|t| {
            places
                .iter()
                .any(|m| m.kind == crate::EntityType::Place && m.start <= t.start && t.end <= m.end)
        });
        if !all_places {
            return None;
        }
    }
    // Skip the dash run and the spaces after it.
    let rest = head.get(dash..)?;
    let skip = rest.len()
        - rest
            .trim_start_matches(|c: char| DASHES.contains(&c) || c.is_whitespace())
            .len();
    let end = lead + dash + skip;
    (end < text.len()).then_some(end)
}

/// Split `text` of article `article` into units.
pub(crate) fn units_of(
    article: usize,
    text: &str,
    all_terms: &[text::Term],
    min_terms: usize,
    lex: &Lexicon,
    interner: &mut Interner,
) -> Vec<Unit> {
    let mut out = Vec::new();
    let all_numbers = text::number::find_numbers(text);
    let dateline = dateline_end(text);
    for (k, (s, e)) in sentence_spans(text).into_iter().enumerate() {
        // The article's dateline is no part of its first sentence.
        let s = match dateline {
            Some(d) if k == 0 && d > s && d < e => d,
            _ => s,
        };
        let sent = text.get(s..e).unwrap_or("");
        // The article's terms and numbers inside this sentence, offsets made sentence-relative.
        let from = all_terms.partition_point(|t| t.start < s);
        let to = all_terms.partition_point(|t| t.start < e);
        let terms: Vec<text::Term> = all_terms[from..to]
            .iter()
            .filter(|t| t.end <= e)
            .map(|t| text::Term {
                start: t.start - s,
                end: t.end - s,
                ..t.clone()
            })
            .collect();
        let numbers: Vec<text::number::NumberMatch> = all_numbers
            .iter()
            .filter(|n| n.start >= s && n.end <= e)
            .map(|n| text::number::NumberMatch {
                start: n.start - s,
                end: n.end - s,
                value: n.value,
            })
            .collect();
        let mut bounds = vec![0];
        bounds.extend(clause_cuts(sent, &terms, min_terms));
        bounds.push(terms.len());
        for w in bounds.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b {
                continue;
            }
            let start = if a == 0 { 0 } else { terms[a].start };
            let end = if b == terms.len() {
                sent.len()
            } else {
                terms[b].start
            };
            let piece = sent.get(start..end).unwrap_or("");
            let trimmed_start = start + (piece.len() - piece.trim_start().len());
            let trimmed_end =
                end - (piece.len() - piece.trim_end_matches([' ', '،', ',', '\n']).len());
            if trimmed_end <= trimmed_start {
                continue;
            }
            let concepts = concepts_from(&terms[a..b], &numbers, lex, interner);
            if concepts.is_empty() {
                continue;
            }
            let weight = concepts.iter().map(|c| c.1).sum();
            out.push(Unit {
                article,
                start: s + trimmed_start,
                end: s + trimmed_end,
                concepts,
                weight,
            });
        }
    }
    out
}

/// Weighted concept set of a piece of text.
pub(crate) fn concepts_of(piece: &str, lex: &Lexicon, interner: &mut Interner) -> Vec<(u32, f32)> {
    let numbers = text::number::find_numbers(piece);
    concepts_from(&text::terms(piece), &numbers, lex, interner)
}

fn concepts_from(
    terms: &[text::Term],
    numbers: &[text::number::NumberMatch],
    lex: &Lexicon,
    interner: &mut Interner,
) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
    for t in terms {
        if t.stop || t.kind == text::TokenKind::Number || t.key.chars().count() < 2 {
            continue;
        }
        if numbers.iter().any(|n| t.start >= n.start && t.end <= n.end) {
            continue;
        }
        let mut w = lex.weight(&t.key);
        if lex.is_reporting(&t.key) {
            w *= 0.2;
        }
        let id = interner.id(lexicon::concept(lex, &t.key, &t.stem));
        v.push((id, w));
    }
    // One entry per concept, with its largest weight.
    v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    v.dedup_by_key(|c| c.0);
    v
}

/// Weighted Dice overlap of two concept sets, in [0, 1].
pub(crate) fn similarity(a: &[(u32, f32)], wa: f32, b: &[(u32, f32)], wb: f32) -> f32 {
    if wa + wb <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += a[i].1 + b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    shared / (wa + wb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_numbers_do_not_end_sentences() {
        let t = "تقدم واشنطن مساعدات بقيمة 3.8 مليار دولار. وتسرع التوصيل.";
        let spans = sentence_spans(t);
        assert_eq!(spans.len(), 2, "{spans:?}");
        assert!(t[spans[0].0..spans[0].1].contains("3.8 مليار"));
    }

    #[test]
    fn a_leading_dateline_is_no_part_of_the_first_unit() {
        let lex = crate::lexicon::lexicon();
        for (t, first) in [
            (
                "نيويورك، الولايات المتحدة الأمريكية (CNN)— قال وزير الخارجية الأمريكي ريكس تيلرسون، الثلاثاء، إنه سينقل صلاحياته إلى نائبه.\nوأضاف أنه سيغادر منصبه نهاية الشهر.",
                "قال وزير الخارجية",
            ),
            (
                "(CNN)-- انفجرت قنبلة، صباح الثلاثاء، بالقرب من قافلة رئيس الوزراء الفلسطيني في شمال قطاع غزة.",
                "انفجرت قنبلة",
            ),
            (
                "القدس - أعلنت الشرطة الإسرائيلية اعتقال ثلاثة شبان بعد مواجهات في البلدة القديمة.",
                "أعلنت الشرطة",
            ),
        ] {
            let mut int = Interner::default();
            let units = units_of(0, t, &text::terms(t), 6, lex, &mut int);
            assert!(
                t[units[0].start..units[0].end].starts_with(first),
                "{}",
                &t[units[0].start..units[0].end]
            );
        }
        // A sentence with a hyphenated word or a dash after a clause keeps its start.
        for t in [
            "قال مسؤول إن الطائرة من طراز S2-AGU كانت قادمة من دكا.",
            "أعلنت الحكومة - في بيان رسمي - أن الانتخابات ستجرى في موعدها.",
        ] {
            assert_eq!(dateline_end(t), None, "{t}");
        }
    }

    #[test]
    fn long_sentences_split_into_clauses() {
        let t = "كشف تقرير لموقع إخباري أميركي أن المسؤولين في الإدارة يجرون محادثات مبكرة بشأن خيارات اليوم التالي للحرب على القطاع، مشيراً إلى أن من بين تلك الخيارات مقترحاً قدمته وزارة الدفاع بالمساعدة في تمويل قوة متعددة الجنسيات.";
        let lex = crate::lexicon::lexicon();
        let mut int = Interner::default();
        let units = units_of(0, t, &text::terms(t), 6, lex, &mut int);
        assert_eq!(units.len(), 2);
        assert!(t[units[1].start..units[1].end].starts_with("مشيراً"));
    }

    #[test]
    fn paraphrases_score_above_unrelated_sentences() {
        let lex = crate::lexicon::lexicon();
        let mut int = Interner::default();
        let mut c = |s: &str| {
            let v = concepts_of(s, lex, &mut int);
            let w = v.iter().map(|x| x.1).sum::<f32>();
            (v, w)
        };
        let a = c("الخيارات لا تتضمن وجود جنود أميركيين على الأرض في غزة");
        let b = c("الخيارات المطروحة لا تشمل نشر قوات أمريكية على الأرض");
        let u = c("التقى وزير الدفاع نظيره في العاصمة لبحث صفقة الطائرات");
        let para = similarity(&a.0, a.1, &b.0, b.1);
        let unrel = similarity(&a.0, a.1, &u.0, u.1);
        assert!(para > 0.5, "{para}");
        assert!(unrel < 0.1, "{unrel}");
    }
}
