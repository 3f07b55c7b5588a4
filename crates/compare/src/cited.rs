//! Cited sources: whom an outlet says it relies on (`نقلاً عن`، `وفقاً لـ`، `بحسب`، `ذكرت وكالة`،
//! `كشف تقرير لموقع` ..., and `according to` in Latin text).
//!
//! After the cue, a media noun (وكالة، صحيفة، موقع، تقرير ...) and its adjectives are skipped; the
//! cited name is then a quoted name, a Latin name, a known name from the gazetteer, or a noun
//! phrase about officials or sources (`أربعة مسؤولين أميركيين`، `مصادر مطلعة`). A cue followed by
//! anything else (`بحسب الخطة`) cites nothing. Names merge across spellings and the story's
//! articles show one spelling for each.

use crate::lexicon::name_key;
use std::collections::{BTreeMap, HashMap};

/// Report nouns that, like the media nouns of [`crate::entities::MEDIA_HEADS`], stand before a
/// cited source ("كشف تقرير لموقع X") without being an outlet themselves.
const REPORT_NOUNS: &[&str] = &["تقرير", "تقارير", "بيان"];

/// A media noun or a report noun.
fn is_media(w: &str) -> bool {
    is_in(crate::entities::MEDIA_HEADS, w) || is_in(REPORT_NOUNS, w)
}
/// "News" after a media noun (وكالة أنباء، وكالة الأنباء): part of the noun, not a name.
const NEWS_WORDS: &[&str] = &["انباء", "اخبار", "اخباريه", "اعلام"];
/// Adjectives that say what kind of outlet it is, not which: وكالة الأنباء الرسمية.
const GENERIC_ADJECTIVES: &[&str] = &[
    "رسميه",
    "الرسميه",
    "رسمي",
    "الرسمي",
    "حكوميه",
    "الحكوميه",
    "محليه",
    "المحليه",
    "عالميه",
    "العالميه",
    "دوليه",
    "الدوليه",
    "خاصه",
    "الخاصه",
    "اخباريه",
    "الاخباريه",
];
const PEOPLE: &[&str] = &[
    "مسءول",
    "مسءولين",
    "مسءولون",
    "مسءوله",
    "مصدر",
    "مصادر",
    "شهود",
    "شاهد",
    "متحدث",
    "المتحدث",
    "ناطق",
    "الناطق",
    "دبلوماسي",
    "دبلوماسيين",
    "دبلوماسيون",
    "خبراء",
    "محللين",
    "سكان",
    "ناشطين",
    "مسعفين",
    "اطباء",
];
const STOP: &[&str] = &[
    "ان",
    "انه",
    "الي",
    "علي",
    "في",
    "من",
    "عن",
    "مع",
    "لم",
    "لن",
    "لا",
    "قد",
    "الذي",
    "التي",
    "خلال",
    "قبل",
    "بعد",
    "ايضا",
    "كذلك",
    "امس",
    "اليوم",
    "سابقا",
    "مؤخرا",
    "بدورها",
    "بدوره",
    "اذ",
    "حيث",
    "نفسها",
    "ذاتها",
];

/// Index form with hamza seats unified (no loanword folding): what word lists are written in.
fn m(w: &str) -> String {
    text::normalize::seat_key(&text::normalize::index(w))
}

/// Is `w` (index form, possibly with و، ال، ل) one of `list`?
fn is_in(list: &[&str], w: &str) -> bool {
    let mut forms = vec![w];
    for p in ["و", "ف", "وال", "ال", "لل", "ل", "ولل", "ول", "بال", "ب"] {
        if let Some(r) = w.strip_prefix(p)
            && r.chars().count() >= 3
        {
            forms.push(r);
        }
    }
    forms.iter().any(|f| list.contains(f))
}

/// Byte offsets just after each citation cue in `text`.
fn cues(text: &str) -> Vec<(usize, bool)> {
    let toks = text::tokenize(text);
    let mut out = Vec::new();
    let w = |i: usize| m(toks[i].text(text));
    for i in 0..toks.len() {
        let full = w(i);
        // The cue words below do not start with و or ف, so one such letter is a conjunction.
        let wi = full
            .strip_prefix(['و', 'ف'])
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(&full)
            .to_string();
        let wi = if matches!(full.as_str(), "وفقا") {
            full.clone()
        } else {
            wi
        };
        let next = if i + 1 < toks.len() {
            w(i + 1)
        } else {
            String::new()
        };
        match wi.as_str() {
            // نقلاً عن X
            "نقلا" if next == "عن" => out.push((toks[i + 1].end, false)),
            // وفقاً لـ X / وفقاً لصحيفة X / طبقاً لـ
            "وفقا" | "طبقا" | "استنادا" if i + 1 < toks.len() => {
                if next == "ل" || next == "الي" {
                    out.push((toks[i + 1].end, false));
                } else if next.starts_with('ل') && next != "لما" {
                    // The ل is glued to the next word: start at that word.
                    out.push((toks[i + 1].start, false));
                }
            }
            "بحسب" | "حسب" => out.push((toks[i].end, false)),
            // ذكرت وكالة X / أفاد تقرير لموقع X / كشف تقرير X
            "ذكرت" | "ذكر" | "افادت" | "افاد" | "اوردت" | "نشرت" | "قالت" | "كشفت" | "كشف"
            | "اكدت" | "نقلت" | "ذكرته" | "ذكره" | "نقلته" | "اوردته" | "نشرته" | "اعلنت"
            | "بثت" | "بثته"
                if is_media(&next) =>
            {
                out.push((toks[i].end, true));
            }
            "according" if next == "to" => out.push((toks[i + 1].end, false)),
            _ => {}
        }
    }
    out
}

/// The cited name right after a cue, if any.
fn name_after(text: &str, from: usize, media_required: bool) -> Option<String> {
    // A cited name sits within the next few words: look no further than the line.
    let rest = text.get(from..)?;
    let rest = rest.get(..rest.find('\n').unwrap_or(rest.len()))?;
    let mut cut = rest.len().min(240);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = rest.get(..cut)?;
    let toks = text::tokenize(rest);
    let mut i = 0;
    let mut saw_media = false;
    // Whether the last media noun names an outlet (وكالة، صحيفة) rather than a document (تقرير).
    let mut outlet_noun = false;
    let mut media_start = None;
    // Skip media nouns and their ل: تقرير لموقع "X".
    while i < toks.len() && i < 4 {
        let w = m(toks[i].text(rest));
        if is_media(&w) {
            saw_media = true;
            outlet_noun |= !is_in(REPORT_NOUNS, &w);
            media_start.get_or_insert(i);
            i += 1;
            continue;
        }
        // "news" after a media noun belongs to it: وكالة أنباء الأناضول، وكالة الأنباء.
        if saw_media && is_in(NEWS_WORDS, &w) {
            i += 1;
            continue;
        }
        break;
    }
    if media_required && !saw_media {
        return None;
    }
    // Definite words after the media noun: وكالة الأنباء الفلسطينية، صحيفة الغارديان البريطانية.
    let al_start = i;
    while saw_media
        && i < toks.len()
        && i - al_start < 3
        && m(toks[i].text(rest)).starts_with("ال")
        && !quote_before(rest, &toks, i)
        && rest
            .get(toks[i - 1].end..toks[i].start)
            .is_some_and(|g| g.trim().is_empty())
    {
        i += 1;
    }
    if i > al_start {
        let phrase_start = media_start.map(|k| toks[k].start).unwrap_or(0);
        // Trailing adjectives are not part of the name: وكالة الأناضول الحكومية → وكالة الأناضول.
        let mut last = i - 1;
        while last > al_start && {
            let w = m(toks[last].text(rest));
            ["ي", "يه", "يين", "يون"].iter().any(|x| w.ends_with(x))
        } {
            last -= 1;
        }
        // Only generic adjectives after the media noun (وكالة الأنباء الرسمية): no name given.
        if (al_start..i).all(|k| is_in(GENERIC_ADJECTIVES, &m(toks[k].text(rest))))
            && toks
                .get(i)
                .is_none_or(|t| !quote_before(rest, &toks, i) && t.kind != text::TokenKind::Latin)
        {
            return None;
        }
        let phrase = rest.get(phrase_start..toks[last].end).unwrap_or("");
        // "news" inside the phrase is dropped from the name: وكالة أنباء الأناضول → وكالة الأناضول.
        // (Kept where only an adjective would remain: وكالة الإعلام الروسية.)
        let ptoks = text::tokenize(phrase);
        let nisba = |w: &str| ["ي", "يه", "يين", "يون"].iter().any(|x| w.ends_with(x));
        let named = ptoks.iter().any(|t| {
            let w = m(t.text(phrase));
            !is_media(&w) && !is_in(NEWS_WORDS, &w) && !nisba(&w)
        });
        let phrase_owned: String = if named {
            ptoks
                .iter()
                .filter(|t| !is_in(NEWS_WORDS, &m(t.text(phrase))))
                .map(|t| t.text(phrase))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            phrase.to_string()
        };
        let phrase = phrase_owned.as_str();
        // A short name right after the phrase: وكالة الأنباء الفلسطينية وفا.
        if let Some(t) = toks.get(i)
            && rest
                .get(toks[i - 1].end..t.start)
                .is_some_and(|g| g.trim().is_empty() || g.contains(['"', '«', '“']))
            && !STOP.contains(&m(t.text(rest)).as_str())
            && (quote_before(rest, &toks, i)
                || t.kind == text::TokenKind::Latin
                || crate::lexicon::lexicon().weight(&text::normalize::match_word(t.text(rest)))
                    > 0.8)
            && !m(t.text(rest)).starts_with("ال")
        {
            return Some(t.text(rest).to_string());
        }
        // A known name inside the phrase, else the phrase itself for an outlet.
        if let Some(mn) = crate::entities::find_entities(phrase)
            .into_iter()
            .find(|e| e.kind != crate::EntityType::Place)
        {
            return phrase.get(mn.start..mn.end).map(|s| s.to_string());
        }
        return if outlet_noun {
            Some(phrase.to_string())
        } else {
            None
        };
    }
    if i >= toks.len() {
        return None;
    }
    let t0 = toks[i];
    // A quoted name.
    if quote_before(rest, &toks, i) {
        let gap_start = if i == 0 { 0 } else { toks[i - 1].end };
        let gap = rest.get(gap_start..t0.start).unwrap_or("");
        let q = gap.chars().rev().find(|c| matches!(c, '"' | '«' | '“'))?;
        let close = match q {
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        let inner_end = rest.get(t0.start..)?.find(close)? + t0.start;
        let inner = rest.get(t0.start..inner_end)?.trim();
        if !inner.is_empty() && text::tokenize(inner).len() <= 5 {
            return Some(inner.to_string());
        }
        return None;
    }
    // Latin name.
    if t0.kind == text::TokenKind::Latin {
        let mut end = t0.end;
        for t in toks.iter().skip(i + 1).take(3) {
            if t.kind != text::TokenKind::Latin
                || !rest.get(end..t.start).unwrap_or("").trim().is_empty()
            {
                break;
            }
            end = t.end;
        }
        return rest.get(t0.start..end).map(|s| s.to_string());
    }
    // A known name.
    let tail = rest.get(t0.start..)?;
    if let Some(mn) = crate::entities::find_entities(tail).into_iter().next()
        && mn.start == 0
    {
        return tail.get(mn.start..mn.end).map(|s| strip_l(s).to_string());
    }
    // Officials and sources: up to four words, numbers allowed first.
    let mut j = i;
    while j < toks.len() && toks[j].kind == text::TokenKind::Number {
        j += 1;
    }
    if j < toks.len() && text::number::find_numbers(toks[j].text(rest)).len() == 1 && j == i {
        j += 1;
    }
    if j < toks.len() && is_in(PEOPLE, &m(toks[j].text(rest))) {
        let mut end = toks[j].end;
        for t in toks.iter().skip(j + 1).take(3) {
            let gap = rest.get(end..t.start).unwrap_or("");
            if !gap.trim().is_empty() || STOP.contains(&m(t.text(rest)).as_str()) {
                break;
            }
            end = t.end;
        }
        return rest.get(t0.start..end).map(|s| s.to_string());
    }
    // After an outlet noun, a plain name of one or two words (not an adjective: صحيفة إسرائيلية).
    let w0 = m(t0.text(rest));
    let adjective =
        w0.starts_with("ال") || ["ي", "يه", "يين", "يون"].iter().any(|x| w0.ends_with(x));
    if saw_media && outlet_noun && !adjective {
        let mut end = t0.end;
        // A second word: Latin, or a rare foreign-looking Arabic word, no adjective (فرانس برس).
        if let Some(t1) = toks.get(i + 1)
            && rest.get(end..t1.start).unwrap_or("").trim().is_empty()
            && (t1.kind == text::TokenKind::Latin
                || t1.kind == text::TokenKind::Arabic && {
                    let w1 = m(t1.text(rest));
                    !STOP.contains(&w1.as_str())
                        && !is_in(NEWS_WORDS, &w1)
                        && !w1.starts_with("ال")
                        && !["ي", "يه", "يين", "يون"].iter().any(|x| w1.ends_with(x))
                        && text::normalize::is_foreign(&w1)
                        && crate::lexicon::lexicon()
                            .weight(&text::normalize::match_word(t1.text(rest)))
                            > 0.8
                })
        {
            end = t1.end;
        }
        if !STOP.contains(&m(t0.text(rest)).as_str()) {
            return rest.get(t0.start..end).map(|s| s.to_string());
        }
    }
    None
}

fn strip_l(s: &str) -> &str {
    s.strip_prefix('ل')
        .filter(|r| r.chars().count() >= 3 && !s.starts_with("لل"))
        .unwrap_or(s)
}

fn quote_before(rest: &str, toks: &[text::Token], i: usize) -> bool {
    let gap_start = if i == 0 { 0 } else { toks[i - 1].end };
    rest.get(gap_start..toks[i].start)
        .is_some_and(|g| g.contains(['"', '«', '“']))
}

/// Names an article cites, in order of first citation, without repeats (by alias key).
pub fn find_cited(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (at, media) in cues(text) {
        if let Some(name) = name_after(text, at, media) {
            let k = name_key(&name);
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
                out.push(name);
            }
        }
    }
    out
}

/// Cited sources per article id, one spelling per name across the story.
pub(crate) fn compare_cited(articles: &[model::Article]) -> BTreeMap<String, Vec<String>> {
    let mut canonical: HashMap<String, String> = HashMap::new();
    let mut out = BTreeMap::new();
    for a in articles {
        let names: Vec<String> = find_cited(&a.text)
            .into_iter()
            .map(|n| {
                canonical
                    .entry(name_key(&n))
                    .or_insert_with(|| n.clone())
                    .clone()
            })
            .collect();
        out.insert(a.id.clone(), names);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_papers_and_officials() {
        assert_eq!(
            find_cited("قتل ثلاثة أشخاص في الهجوم، بحسب وكالة رويترز."),
            vec!["رويترز"]
        );
        assert_eq!(
            find_cited("وفقاً لصحيفة \"هآرتس\" العبرية، فإن الخطة تأجلت."),
            vec!["هآرتس"]
        );
        assert_eq!(
            find_cited("ذكرت وكالة «الأناضول» أن القصف استمر."),
            vec!["الأناضول"]
        );
        assert_eq!(
            find_cited("ونقلاً عن مصادر مطلعة، قالت الصحيفة إن الاتفاق قريب."),
            vec!["مصادر مطلعة"]
        );
        assert!(find_cited("وسيجري التصويت بحسب الخطة المعلنة.").is_empty());
    }
}
