//! Quotes: direct quotations («...», “...”, "...") and reported speech (قال، أضاف، أكد، أوضح ...
//! + speaker + إن/أن), each with its speaker, linked across outlets.
//!
//! The speaker is the noun phrase after the reporting verb, up to `إن/أن`, a colon, a comma, a
//! quotation mark or a word that opens a circumstance (للموقع، خلال، دون ...). A verb with no
//! noun phrase (`وأوضح أنه`) or a participle (`مضيفاً:`) takes the article's previous speaker.
//! Anonymous speakers (مسؤول، مصدر، مسؤولون + description) are kept and flagged. Quotes of
//! different outlets are linked when their words overlap; a linked quote whose versions are not
//! word-for-word the same, or of which a version is reported speech, is a paraphrase.
//! Not handled: speakers after the quote in a later sentence, nested quotations.

use crate::lexicon::lexicon;
use crate::units::{self, Interner};
use serde::Serialize;
use std::collections::HashSet;

/// One quote as the story's outlets report it.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub speaker: String,
    pub text: String,
    /// Outlet names, in article order.
    pub sources: Vec<String>,
    /// The speaker is not named (مسؤول كبير، مصادر مطلعة ...).
    pub anonymous: bool,
    /// The versions are not word-for-word the same, or one of them is reported speech.
    pub paraphrase: bool,
    pub versions: Vec<QuoteVersion>,
}

/// One article's version of a quote.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteVersion {
    pub article: String,
    pub source: String,
    pub speaker: String,
    pub text: String,
    /// Inside quotation marks (true) or reported speech (false).
    pub direct: bool,
}

/// A quote found in one text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    pub speaker: String,
    pub text: String,
    pub direct: bool,
}

const VERBS: &[&str] = &[
    "قال",
    "قالت",
    "اضاف",
    "اضافت",
    "اكد",
    "اكدت",
    "اوضح",
    "اوضحت",
    "صرح",
    "صرحت",
    "اشار",
    "اشارت",
    "ذكر",
    "ذكرت",
    "كشف",
    "كشفت",
    "شدد",
    "شددت",
    "اعتبر",
    "اعتبرت",
    "لفت",
    "لفتت",
    "اعلن",
    "اعلنت",
    "نفي",
    "نفت",
    "تابع",
    "تابعت",
    "افاد",
    "افادت",
    "اردف",
    "حذر",
    "حذرت",
    "يقول",
    "تقول",
    "اقر",
    "اقرت",
    "زعم",
    "زعمت",
];
const PARTICIPLES: &[&str] = &[
    "قائلا",
    "قائله",
    "قاءلا",
    "قاءله",
    "مضيفا",
    "مضيفه",
    "مشيرا",
    "مشيره",
    "مؤكدا",
    "مؤكده",
    "موضحا",
    "موضحه",
    "معتبرا",
    "لافتا",
    "مشددا",
    "منوها",
];
/// Words that end a speaker noun phrase.
const SPEAKER_STOP: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "بان",
    "بانه",
    "بانها",
    "الي",
    "علي",
    "خلال",
    "دون",
    "بدون",
    "عبر",
    "امام",
    "يوم",
    "اليوم",
    "امس",
    "في_تصريح",
    "لدي",
    "عن",
    "حول",
    "بشان",
    "مع",
    "بعد",
    "قبل",
    "عقب",
    "ان",
    "الا",
    "لا",
    "لم",
    "لن",
    "قد",
    "كما",
    "حين",
    "عندما",
    "اثناء",
    "وسط",
];
/// Nouns after ل that name the audience (للموقع، لصحيفة ...): they end the speaker too.
const AUDIENCE: &[&str] = &[
    "موقع",
    "صحيفه",
    "وكاله",
    "قناه",
    "شبكه",
    "مجله",
    "صحفيين",
    "صحافيين",
    "تلفزيون",
    "اذاعه",
    "اعلام",
    "وسائل",
];
const ANONYMOUS: &[&str] = &[
    "مسءول",
    "مسءوله",
    "مسءولون",
    "مسءولين",
    "مصدر",
    "مصادر",
    "دبلوماسي",
    "دبلوماسيون",
    "دبلوماسيين",
    "شاهد",
    "شهود",
    "ناشط",
    "ناشطون",
    "ناشطين",
    "مقربون",
    "مقربين",
    "سكان",
    "مراقبون",
];

/// Index form with hamza seats unified (no loanword folding): what word lists are written in.
fn idx(w: &str) -> String {
    text::normalize::base_key(&text::normalize::index(w))
}

fn strip_wa(w: &str) -> &str {
    w.strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(w)
}

fn is_verb(w: &str) -> bool {
    let w = idx(w);
    VERBS.contains(&w.as_str()) || VERBS.contains(&strip_wa(&w))
}

fn is_participle(w: &str) -> bool {
    let w = idx(w);
    PARTICIPLES.contains(&w.as_str()) || PARTICIPLES.contains(&strip_wa(&w))
}

const OPEN: &[char] = &['«', '“', '"', '„'];

fn closing(c: char) -> char {
    match c {
        '«' => '»',
        '“' => '”',
        '„' => '“',
        _ => '"',
    }
}

/// Quoted spans (byte offsets of the inner text) of a sentence.
fn quoted_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if OPEN.contains(&c) {
            let close = closing(c);
            let inner_start = i + c.len_utf8();
            let mut end = None;
            for (j, d) in it.by_ref() {
                if d == close {
                    end = Some(j);
                    break;
                }
            }
            match end {
                Some(j) => out.push((inner_start, j)),
                None => out.push((inner_start, s.len())),
            }
        }
    }
    out
}

fn word_count(s: &str) -> usize {
    text::tokenize(s).len()
}

/// Speaker noun phrase starting at byte `from` of `s`. Empty when the verb is followed directly
/// by إن/أن or punctuation.
fn speaker_after(s: &str, from: usize) -> String {
    let rest = s.get(from..).unwrap_or("");
    let toks = text::tokenize(rest);
    let mut end = 0usize;
    let mut n = 0;
    let mut prev_end = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let gap = rest.get(prev_end..t.start).unwrap_or("");
        if n > 0
            && gap
                .chars()
                .any(|c| matches!(c, ':' | '،' | ',' | '(' | '؛' | ';' | '.'))
        {
            break;
        }
        if let Some(q) = gap.chars().find(|c| OPEN.contains(c)) {
            // A short quoted name inside the phrase: تقرير "بوليتيكو".
            let close = closing(q);
            let qs = prev_end + gap.find(q).unwrap_or(0) + q.len_utf8();
            let Some(qe_rel) = rest.get(qs..).and_then(|r| r.find(close)) else {
                break;
            };
            let inner = rest.get(qs..qs + qe_rel).unwrap_or("");
            if n == 0 || word_count(inner) > 3 || inner.contains(':') {
                break;
            }
            let after = rest.get(qs + qe_rel + close.len_utf8()..).unwrap_or("");
            if after.trim_start().starts_with(':') {
                end = qs + qe_rel + close.len_utf8();
                break;
            }
            end = qs + qe_rel + close.len_utf8();
            n += word_count(inner);
            while i < toks.len() && toks[i].start < end {
                i += 1;
            }
            prev_end = end;
            continue;
        }
        let w = idx(t.text(rest));
        let bare = text::stem::strip_clitics(&w).to_string();
        if SPEAKER_STOP.contains(&w.as_str()) || is_verb(t.text(rest)) {
            break;
        }
        if n > 0 && i + 1 < toks.len() && w == "في" {
            let next = idx(toks[i + 1].text(rest));
            if [
                "تصريح",
                "تصريحات",
                "بيان",
                "حديث",
                "مقابله",
                "مءتمر",
                "تغريده",
                "كلمه",
            ]
            .iter()
            .any(|x| strip_al(&next) == *x)
            {
                break;
            }
        }
        if let Some(r) = w.strip_prefix('ل')
            && AUDIENCE.iter().any(|a| strip_al(r) == *a || r == *a)
        {
            break;
        }
        let _ = bare;
        end = t.end;
        prev_end = t.end;
        n += 1;
        i += 1;
        if n >= 8 {
            break;
        }
    }
    rest.get(..end).unwrap_or("").trim().to_string()
}

fn strip_al(w: &str) -> &str {
    w.strip_prefix("ال")
        .or_else(|| w.strip_prefix('ل'))
        .unwrap_or(w)
}

/// Is this speaker unnamed?
pub fn is_anonymous(speaker: &str) -> bool {
    let terms = text::terms(speaker);
    let Some(first) = terms.iter().find(|t| {
        t.kind != text::TokenKind::Number && text::number::find_numbers(t.index.as_str()).is_empty()
    }) else {
        return false;
    };
    ANONYMOUS.contains(&first.key.as_str())
}

/// Find the quotes of one text, in order.
pub fn find_quotes(text: &str) -> Vec<FoundQuote> {
    let mut out = Vec::new();
    let mut last_speaker = String::new();
    for (s, e) in units::sentence_spans(text) {
        let sent = text.get(s..e).unwrap_or("");
        let quoted: Vec<(usize, usize)> = quoted_spans(sent)
            .into_iter()
            .filter(|&(a, b)| word_count(&sent[a..b]) >= 4)
            .collect();
        let toks = text::tokenize(sent);
        // Reporting verbs and participles outside quotations.
        let inside = |p: usize| quoted.iter().any(|&(a, b)| p >= a && p < b);
        let mut cues: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, is_participle)
        for (ti, t) in toks.iter().enumerate() {
            if inside(t.start) {
                continue;
            }
            // دون كشف اسمه، عدم ذكر: a verbal noun, not a speaker's verb.
            if ti > 0
                && matches!(
                    idx(toks[ti - 1].text(sent)).as_str(),
                    "دون" | "بدون" | "عدم" | "رفض" | "قبل" | "بعد"
                )
            {
                continue;
            }
            let w = t.text(sent);
            if is_verb(w) {
                cues.push((t.start, t.end, false));
            } else if is_participle(w) {
                cues.push((t.start, t.end, true));
            }
        }
        let mut used_cues: HashSet<usize> = HashSet::new();
        for &(qa, qb) in &quoted {
            // The nearest cue before the quotation, else the first after it.
            let cue = cues
                .iter()
                .rev()
                .find(|c| c.1 <= qa)
                .or_else(|| cues.iter().find(|c| c.0 >= qb));
            let speaker = match cue {
                Some(&(cs, ce, part)) => {
                    used_cues.insert(cs);
                    let sp = if part {
                        String::new()
                    } else {
                        speaker_after(sent, ce)
                    };
                    if sp.is_empty() {
                        last_speaker.clone()
                    } else {
                        sp
                    }
                }
                None => continue,
            };
            if speaker.is_empty() {
                continue;
            }
            last_speaker = speaker.clone();
            let q = sent[qa..qb].trim().trim_end_matches(['.', '،']).to_string();
            out.push(FoundQuote {
                speaker,
                text: q,
                direct: true,
            });
        }
        // Reported speech: cue + speaker + أن/إن + content, for cues not used by a quotation.
        for &(cs, ce, part) in &cues {
            if used_cues.contains(&cs) || part {
                continue;
            }
            if quoted.iter().any(|&(qa, _)| qa > ce) {
                continue;
            }
            let sp = speaker_after(sent, ce);
            let after_sp = ce
                + sent
                    .get(ce..)
                    .map(|r| r.find(sp.as_str()).map(|p| p + sp.len()).unwrap_or(0))
                    .unwrap_or(0);
            let rest = sent.get(after_sp..).unwrap_or("");
            // Optional comma-delimited insert, then (إلى|على)? أن/إن.
            let Some(content_at) = that_clause(rest) else {
                continue;
            };
            let content = rest
                .get(content_at..)
                .unwrap_or("")
                .trim()
                .trim_end_matches(['.', '،'])
                .to_string();
            if word_count(&content) < 4 {
                continue;
            }
            let speaker = if sp.is_empty() {
                last_speaker.clone()
            } else {
                sp
            };
            if speaker.is_empty() {
                continue;
            }
            last_speaker = speaker.clone();
            out.push(FoundQuote {
                speaker,
                text: content,
                direct: false,
            });
        }
    }
    out
}

/// Byte offset where the content of a أن/إن clause starts, if `rest` (after the speaker) opens one
/// within a short insert.
fn that_clause(rest: &str) -> Option<usize> {
    let toks = text::tokenize(rest);
    for (i, t) in toks.iter().enumerate().take(14) {
        let w = idx(t.text(rest));
        let w = strip_wa(&w).to_string();
        let that = matches!(
            w.as_str(),
            "ان" | "انه" | "انها" | "انهم" | "انهما" | "بان" | "بانه" | "بانها" | "بانهم"
        );
        if that {
            // أنه/أنها: the pronoun is part of the content; keep the word.
            return Some(if w.len() > "ان".len() && !w.starts_with('ب') {
                t.start
            } else {
                toks.get(i + 1).map(|n| n.start).unwrap_or(t.end)
            });
        }
        if matches!(w.as_str(), "الي" | "علي") {
            continue;
        }
        if i > 0 && !rest.get(..t.start).unwrap_or("").contains(['،', ',']) && i >= 2 {
            return None;
        }
    }
    None
}

/// Find, link and describe the quotes of a story's articles.
pub(crate) fn compare_quotes(articles: &[model::Article], groups: &[usize]) -> Vec<Quote> {
    let lex = lexicon();
    let mut interner = Interner::default();
    struct Item {
        article: usize,
        q: FoundQuote,
        concepts: Vec<(u32, f32)>,
        weight: f32,
    }
    let mut items = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        for q in find_quotes(&a.text) {
            let concepts = units::concepts_of(&q.text, lex, &mut interner);
            let weight = concepts.iter().map(|c| c.1).sum();
            items.push(Item {
                article: ai,
                q,
                concepts,
                weight,
            });
        }
    }
    // Greedy linking, best pair first, one version per article.
    let mut pairs = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if items[i].article == items[j].article {
                continue;
            }
            let s = units::similarity(
                &items[i].concepts,
                items[i].weight,
                &items[j].concepts,
                items[j].weight,
            );
            if s >= 0.3 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut group_of: Vec<usize> = (0..items.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..items.len()).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (gi, gj) = (group_of[i], group_of[j]);
        if gi == gj {
            continue;
        }
        let clash = members[gi].iter().any(|&x| {
            members[gj]
                .iter()
                .any(|&y| items[x].article == items[y].article)
        });
        if clash {
            continue;
        }
        let moved = std::mem::take(&mut members[gj]);
        for &m in &moved {
            group_of[m] = gi;
        }
        members[gi].extend(moved);
    }
    let mut out = Vec::new();
    for mut ms in members.into_iter().filter(|m| !m.is_empty()) {
        ms.sort_by_key(|&m| (items[m].article, m));
        let lead = ms
            .iter()
            .copied()
            .find(|&m| items[m].q.direct)
            .unwrap_or(ms[0]);
        let mut sources = Vec::new();
        for &m in &ms {
            let s = &articles[items[m].article].source;
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
        let verbatim = |a: &str, b: &str| {
            let ka: Vec<String> = text::terms(a).into_iter().map(|t| t.key).collect();
            let kb: Vec<String> = text::terms(b).into_iter().map(|t| t.key).collect();
            ka == kb
        };
        let paraphrase = ms.len() > 1
            && ms.iter().any(|&m| {
                let other_group = groups[items[m].article] != groups[items[lead].article];
                !items[m].q.direct
                    || (m != lead
                        && !verbatim(&items[m].q.text, &items[lead].q.text)
                        && other_group)
            });
        out.push(Quote {
            speaker: items[lead].q.speaker.clone(),
            text: items[lead].q.text.clone(),
            sources,
            anonymous: is_anonymous(&items[lead].q.speaker),
            paraphrase,
            versions: ms
                .iter()
                .map(|&m| QuoteVersion {
                    article: articles[items[m].article].id.clone(),
                    source: articles[items[m].article].source.clone(),
                    speaker: items[m].q.speaker.clone(),
                    text: items[m].q.text.clone(),
                    direct: items[m].q.direct,
                })
                .collect(),
        });
    }
    out.sort_by_key(|q| std::cmp::Reverse(q.sources.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_quote_with_anonymous_speaker() {
        let t = "قال مسؤول كبير في وزارة الخارجية للصحفيين دون كشف اسمه: \"نعمل مع شركائنا على خطة لإعادة الإعمار\".";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker, "مسؤول كبير في وزارة الخارجية");
        assert!(q[0].direct);
        assert!(q[0].text.starts_with("نعمل مع شركائنا"));
        assert!(is_anonymous(&q[0].speaker));
    }

    #[test]
    fn reported_speech_with_named_speaker() {
        let t =
            "وأكد وزير الخارجية أيمن الصفدي أن الأردن يرفض أي محاولة لتهجير الفلسطينيين من أرضهم.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker, "وزير الخارجية أيمن الصفدي");
        assert!(!q[0].direct);
        assert!(q[0].text.contains("يرفض أي محاولة"));
        assert!(!is_anonymous(&q[0].speaker));
    }

    #[test]
    fn participle_takes_previous_speaker() {
        let t = "وقالت المتحدثة باسم الوكالة: «الوضع الإنساني كارثي في كل المناطق»، مضيفةً: «نحتاج إلى ممرات آمنة بشكل عاجل».";
        let q = find_quotes(t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].speaker, "المتحدثة باسم الوكالة");
        assert_eq!(q[1].speaker, q[0].speaker);
    }
}
