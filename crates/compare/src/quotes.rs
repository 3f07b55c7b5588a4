//! Quotes: direct quotations («...», “...”, "...") and reported speech (قال، أضاف، أكد، أوضح ...
//! + speaker + إن/أن), each with its speaker, linked across outlets.
//!
//! The speaker is the noun phrase after the reporting verb, up to `إن/أن`, a colon, a comma, a
//! quotation mark or a word that opens a circumstance (للموقع، خلال، دون ...), and is judged by
//! `speakers` (an occasion, a document, an adverb or a clause names nobody; an outlet passing on
//! another body's words gives that body; a subject may stand before its verb). A verb with no
//! noun phrase (`وأوضح أنه`) or a participle (`مضيفاً:`) takes the article's previous speaker.
//! Anonymous speakers (مسؤول، مصدر، مسؤولون + description) are kept and flagged. Quotes of
//! different outlets are linked when their words overlap; a linked quote whose versions are not
//! word-for-word the same, or of which a version is reported speech, is a paraphrase.
//! A later short mention of a speaker named in full before (`وأضاف رئيس الأركان`، `وتابع براون`)
//! is resolved to the full mention when the short one's words are all in it; anonymous speakers
//! are left as they are. Not handled: speakers after the quote in a later sentence, nested
//! quotations, pronoun speakers (`وقال هو`).

use crate::lexicon::lexicon;
use crate::speakers::Speaker;
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
    /// Number of independent sources among the versions (copies of one text and one outlet's
    /// articles count once).
    pub independent_sources: usize,
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
    // نقل X عن Y: Y spoke, X (an outlet) passed it on.
    "نقل",
    "نقلت",
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
    // Days and times after the speaker: قال الوزير السبت إن، قالت أمس.
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "صباح",
    "مساء",
    "الليله",
    "هذا",
    "مجددا",
    "ايضا",
    // نقلا عن، بحسب بيان، قوله: the source a phrase passes on, and its words.
    "نقلا",
    "بحسب",
    "حسب",
    "وفق",
    "وفقا",
    "قوله",
    "قولها",
    "قولهم",
    // Clauses and relative clauses after the speaker: إذا ثبت، الذي يتولى.
    "اذا",
    "لو",
    "كي",
    "لكي",
    "حتي",
    "لان",
    "الذي",
    "التي",
    "الذين",
];
/// Nouns after ل that name the audience (للموقع، لصحيفة ...): they end the speaker too.
const AUDIENCE: &[&str] = &[
    "هيءه",
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
    "برنامج",
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
    text::normalize::seat_key(&text::normalize::index(w))
}

fn strip_wa(w: &str) -> &str {
    w.strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(w)
}

fn is_verb(w: &str) -> bool {
    let w = idx(w);
    // تابع alone is mostly the adjective "affiliated" (وهو تابع للجيش); the verb "he went on"
    // comes with its conjunction (وتابع، فتابع).
    if matches!(w.as_str(), "تابع" | "تابعت") {
        return false;
    }
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
            // A post, then the name between commas: قال الرئيس الأميركي، دونالد ترامب، الثلاثاء.
            let comma_only = gap
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '،' | ','));
            if comma_only && title_only(rest.get(..end).unwrap_or("")) {
                let seg_end = rest
                    .get(t.start..)
                    .and_then(|r| r.find(['،', ',', '.', ':']))
                    .map_or(rest.len(), |p| t.start + p);
                let seg = rest.get(t.start..seg_end).unwrap_or("").trim_end();
                let whole_name = word_count(seg) <= 4
                    && crate::entities::find_entities(seg).iter().any(|m| {
                        m.kind == crate::EntityType::Person && m.start == 0 && m.end == seg.len()
                    });
                if whole_name {
                    end = t.start + seg.len();
                }
            }
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
            // The quoted name closes the phrase: حركة "حماس" الانفجار (the verb's object follows).
            end = qs + qe_rel + close.len_utf8();
            break;
        }
        let w = idx(t.text(rest));
        let bare = text::stem::strip_clitics(&w).to_string();
        if SPEAKER_STOP.contains(&w.as_str()) || is_cue(t.text(rest)) {
            break;
        }
        if n > 0 && i + 1 < toks.len() && w == "في" {
            let next = idx(toks[i + 1].text(rest));
            // في تصريح، في تغريدته، في سلسلة تغريدات، في كلمة ...: the occasion, not the speaker;
            // after a person's name, في opens a circumstance (بوتين في الفيلم).
            if occasion(&next) || names_person(rest.get(..end).unwrap_or("")) {
                break;
            }
        }
        // حذر X من أن: من opens what was said.
        if w == "من" && toks.get(i + 1).is_some_and(|n| is_that(&idx(n.text(rest)))) {
            break;
        }
        if w == "ل" || t.text(rest).starts_with("لـ") {
            break;
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

/// أن and its forms, as they open what was said.
fn is_that(w: &str) -> bool {
    matches!(
        strip_wa(w),
        "ان" | "انه" | "انها" | "انهم" | "انهما" | "بان" | "بانه" | "بانها" | "بانهم"
    )
}

/// Is this word a reporting verb or participle?
pub(crate) fn is_cue(w: &str) -> bool {
    is_verb(w) || is_participle(w)
}

/// `نقل`/`نقلت` (with or without its conjunction).
fn is_relay(w: &str) -> bool {
    matches!(strip_wa(&idx(w)), "نقل" | "نقلت")
}

/// Byte offset in `s` just after `عن` or `نقلا عن` opening the text at `from`.
fn relayed_from(s: &str, from: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    let toks = text::tokenize(rest);
    let word = |i: usize| toks.get(i).map(|t| idx(t.text(rest)));
    match (word(0)?.as_str(), word(1).as_deref()) {
        ("عن", _) => Some(from + toks[0].end),
        ("نقلا", Some("عن")) => Some(from + toks[1].end),
        _ => None,
    }
}

/// Byte offset in `s` just after the first `عن` of the next `within` words from `from`.
fn after_an(s: &str, from: usize, within: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    text::tokenize(rest)
        .iter()
        .take(within)
        .find(|t| idx(t.text(rest)) == "عن")
        .map(|t| from + t.end)
}

/// News agencies named without a media noun, index level.
const AGENCIES: &[&str] = &[
    "رويترز",
    "فرانس برس",
    "اسوشيتد برس",
    "انترفاكس",
    "تاس",
    "نوفوستي",
    "الاناضول",
    "سانا",
    "وفا",
    "واس",
    "ايرنا",
    "شينخوا",
];

/// Is this speaker an outlet (وكالة ...، صحيفة ...، رويترز)? It passes statements on.
fn is_outlet(speaker: &str) -> bool {
    let words: Vec<String> = speaker
        .split_whitespace()
        .map(|w| idx(w.trim_matches('"')))
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    let bare = first.strip_prefix("ال").unwrap_or(first);
    crate::entities::MEDIA_HEADS.contains(&bare) || AGENCIES.contains(&words.join(" ").as_str())
}

/// The speaker of the cue at `cs..ce` of `sent`, and where the phrase read for it ends. An outlet
/// passing on another body's words (`ذكرت وكالة إنترفاكس نقلا عن وزارة الخارجية`، `نقلت
/// إنترفاكس عن الوزارة`) gives that body; a subject written before its verb is read there.
fn speaker_at(sent: &str, cs: usize, ce: usize) -> (Speaker, usize) {
    let cue = sent.get(cs..ce).unwrap_or("");
    let mut from = ce;
    if is_relay(cue) {
        match after_an(sent, ce, 6) {
            Some(p) => from = p,
            None => return (Speaker::Rejected, ce),
        }
    }
    let mut sp = speaker_after(sent, from);
    let mut end = phrase_end(sent, from, &sp);
    if is_outlet(&sp)
        && let Some(p) = relayed_from(sent, end)
    {
        sp = speaker_after(sent, p);
        end = phrase_end(sent, p, &sp);
    }
    let before = sent.get(..cs).unwrap_or("");
    let judged = match crate::speakers::judge(&sp) {
        Speaker::Named(s) => Speaker::Named(crate::speakers::up_to_person(&s)),
        other => other,
    };
    if crate::speakers::has_auxiliary(before) || judged == Speaker::Absent {
        // وكانت بريطانيا حذرت روسيا: the words after the verb are its object.
        if let Some(subject) = crate::speakers::subject_before(before) {
            return (Speaker::Named(subject), end);
        }
        if judged != Speaker::Absent {
            return (Speaker::Rejected, end);
        }
    }
    (judged, end)
}

/// Verbs of a stance (condemn, blame, welcome, demand): their subject speaks a statement quoted
/// later in the sentence (`أدانت حركة حماس ...، وقالت في بيان "..."`), though they report nothing.
const STANCE_VERBS: &[&str] = &[
    "ادان",
    "ادانت",
    "دان",
    "دانت",
    "ندد",
    "نددت",
    "حمل",
    "حملت",
    "اتهم",
    "اتهمت",
    "رحب",
    "رحبت",
    "طالب",
    "طالبت",
    "استنكر",
    "استنكرت",
    "رفض",
    "رفضت",
    "وصف",
    "وصفت",
];

fn is_stance(w: &str) -> bool {
    STANCE_VERBS.contains(&strip_wa(&idx(w)))
}

/// The named subject of the nearest reporting or stance verb before byte `before` of `sent`: who
/// speaks when a later verb of the sentence names nobody (`قالت حركة حماس ...، مؤكدة "..."`).
/// The search stops at `أن`/`إن`: a verb inside reported words has a subject of its own.
fn earlier_speaker(sent: &str, before: usize) -> Option<String> {
    let toks = text::tokenize(sent.get(..before).unwrap_or(""));
    for t in toks.iter().rev() {
        let w = t.text(sent);
        if is_that(&idx(w)) {
            return None;
        }
        let stance = is_stance(w);
        if !(is_verb(w) || stance) {
            continue;
        }
        if let Speaker::Named(sp) = speaker_at(sent, t.start, t.end).0 {
            // A stance verb's object follows its subject: keep the phrase up to its last name.
            return if stance { up_to_name(&sp) } else { Some(sp) };
        }
    }
    None
}

/// `phrase` cut after the last person or body it names (`حركة حماس استهداف موكب` → `حركة
/// حماس`), if it names one.
fn up_to_name(phrase: &str) -> Option<String> {
    let end = crate::entities::find_entities(phrase)
        .iter()
        .filter(|m| m.kind != crate::EntityType::Place)
        .map(|m| m.end)
        .max()?;
    let kept = crate::speakers::clean(phrase.get(..end).unwrap_or(""));
    (!kept.is_empty()).then_some(kept)
}

/// Does the verb at `cs` attribute a report to an outlet (`حسبما ذكرت وكالة وفا`، `وفق ما نقلت`)?
/// The outlet passed the words on; it did not say them.
fn attribution(sent: &str, cs: usize) -> bool {
    let before = sent.get(..cs).unwrap_or("");
    let words: Vec<String> = before.split_whitespace().rev().take(2).map(idx).collect();
    let last = words.first().map(String::as_str).unwrap_or("");
    let prev = words.get(1).map(String::as_str).unwrap_or("");
    matches!(last, "حسبما" | "كما" | "بحسبما" | "وفقما")
        || (last == "ما" && matches!(prev, "وفق" | "حسب" | "بحسب" | "على"))
}

/// End (byte offset in `s`) of the phrase `sp` read from `from`.
fn phrase_end(s: &str, from: usize, sp: &str) -> usize {
    let rest = s.get(from..).unwrap_or("");
    if sp.is_empty() {
        return from;
    }
    from + rest.find(sp).map_or(0, |p| p + sp.len())
}

/// A noun naming the occasion of a statement (تصريح، تغريدته، سلسلة، كلمة ...), index level.
fn occasion(w: &str) -> bool {
    [
        "تصريح",
        "بيان",
        "حديث",
        "مقابل",
        "مءتمر",
        "تغريد",
        "كلم",
        "سلسل",
        "رسال",
        "منشور",
        "لقاء",
        "اتصال",
        "ختام",
        "حوار",
        "جلس",
        "خطاب",
    ]
    .iter()
    .any(|x| strip_al(w).starts_with(x))
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
    // The list is of words as written (hamza seats unified), not of match keys: a word the
    // variant model takes for a loanword (دبلوماسي) gets a name key.
    let word = text::normalize::seat_key(text::stem::strip_clitics(&first.index));
    ANONYMOUS.contains(&word.as_str())
}

/// Spelling-insensitive keys of a speaker's words (clitics and article off).
fn speaker_keys(speaker: &str) -> Vec<String> {
    // No clitic stripping: it would read the و of وزير as "and".
    speaker
        .split_whitespace()
        .map(|w| {
            let b = idx(w);
            let b = b
                .strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(&b);
            crate::lexicon::skeleton(b)
        })
        .filter(|k| k.chars().count() >= 2)
        .collect()
}

/// Does the speaker name a person (not only a post, not a description)?
fn names_person(speaker: &str) -> bool {
    crate::entities::find_entities(speaker)
        .iter()
        .any(|m| m.kind == crate::EntityType::Person)
}

/// A speaker given only by a post: a title and its modifiers (رئيس الأركان، الوزير، المتحدث باسم
/// الجيش), no name.
fn title_only(speaker: &str) -> bool {
    let words: Vec<&str> = speaker.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    crate::entities::is_title(first)
        && rest.iter().all(|w| crate::entities::is_title_modifier(w))
        && !names_person(speaker)
}

/// The full mention a later short one refers to: a post alone (رئيس الأركان) takes the latest named
/// speaker whose words include all of its words (رئيس هيئة الأركان المشتركة الجنرال تشارلز براون);
/// a name alone (براون) takes the latest longer named speaker containing it. Anonymous speakers
/// are never resolved, and never targets.
fn resolve_speaker(speaker: &str, named: &[String]) -> Option<String> {
    if is_anonymous(speaker) {
        return None;
    }
    let keys = speaker_keys(speaker);
    if keys.is_empty() {
        return None;
    }
    let short_name = !title_only(speaker) && names_person(speaker) && keys.len() <= 2;
    if !title_only(speaker) && !short_name {
        return None;
    }
    named
        .iter()
        .rev()
        .find(|full| {
            let fk = speaker_keys(full);
            fk.len() > keys.len() && keys.iter().all(|k| fk.contains(k))
        })
        .cloned()
}

/// Find the quotes of one text, in order.
pub fn find_quotes(text: &str) -> Vec<FoundQuote> {
    let mut out = Vec::new();
    let mut last_speaker = String::new();
    // Speakers named in full so far, for later short mentions.
    let mut named: Vec<String> = Vec::new();
    let settle = |sp: String, named: &mut Vec<String>| -> String {
        if let Some(full) = resolve_speaker(&sp, named) {
            return full;
        }
        if !is_anonymous(&sp) && names_person(&sp) && !named.contains(&sp) {
            named.push(sp.clone());
        }
        sp
    };
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
            let Some(&(cs, ce, part)) = cue else {
                continue;
            };
            used_cues.insert(cs);
            let judged = if part {
                Speaker::Absent
            } else if cs >= qb && attribution(sent, cs) {
                // «...»، حسبما ذكرت وكالة وفا: the sentence's subject spoke, not the outlet.
                Speaker::Rejected
            } else {
                speaker_at(sent, cs, ce).0
            };
            let earlier = || earlier_speaker(sent, cs.min(qa));
            let speaker = match judged {
                Speaker::Named(sp) => settle(sp, &mut named),
                Speaker::Absent | Speaker::Document | Speaker::Rejected
                    if let Some(sp) = earlier() =>
                {
                    settle(sp, &mut named)
                }
                Speaker::Absent | Speaker::Document => last_speaker.clone(),
                Speaker::Rejected => String::new(),
            };
            last_speaker = speaker.clone();
            if speaker.is_empty() {
                continue;
            }
            let q = sent[qa..qb].trim().trim_end_matches(['.', '،']);
            push_capped(&mut out, &speaker, q, true);
        }
        // Reported speech: cue + speaker + أن/إن + content, for cues not used by a quotation.
        for &(cs, ce, part) in &cues {
            if used_cues.contains(&cs) || part {
                continue;
            }
            if quoted.iter().any(|&(qa, _)| qa > ce) {
                continue;
            }
            let (judged, after_sp) = speaker_at(sent, cs, ce);
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
            // A bare verb continues the previous speaker only where it opens its clause (وأضاف
            // أن); after words of the same clause its subject stands before it (المركز ... قال إن),
            // and that speaker is not known.
            let clause_before = sent
                .get(..cs)
                .unwrap_or("")
                .rsplit(['،', ',', ':', '.', '؛'])
                .next()
                .unwrap_or("");
            let speaker = match judged {
                Speaker::Named(sp) => settle(sp, &mut named),
                Speaker::Absent if let Some(sp) = earlier_speaker(sent, cs) => {
                    settle(sp, &mut named)
                }
                Speaker::Absent if word_count(clause_before) >= 2 => continue,
                Speaker::Absent | Speaker::Document => last_speaker.clone(),
                Speaker::Rejected => String::new(),
            };
            last_speaker = speaker.clone();
            if speaker.is_empty() {
                continue;
            }
            push_capped(&mut out, &speaker, &content, false);
        }
    }
    // One statement read twice (a quotation and its reporting verb both matched) is one quote.
    let mut seen = HashSet::new();
    out.retain(|q| seen.insert(q.text.clone()));
    out
}

/// Push a quote, cut into pieces of readable length.
fn push_capped(out: &mut Vec<FoundQuote>, speaker: &str, text: &str, direct: bool) {
    for piece in crate::speakers::cap(text) {
        out.push(FoundQuote {
            speaker: speaker.to_string(),
            text: piece,
            direct,
        });
    }
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
        // بعد أن، قبل أن، منذ أن: a time clause, not what was said.
        if that
            && i > 0
            && matches!(
                idx(toks[i - 1].text(rest)).as_str(),
                "بعد" | "قبل" | "منذ" | "رغم" | "بمجرد" | "حتي"
            )
        {
            return None;
        }
        if that {
            // أنه/أنها: the pronoun is part of the content; keep the word.
            return Some(if w.len() > "ان".len() && !w.starts_with('ب') {
                t.start
            } else {
                toks.get(i + 1).map(|n| n.start).unwrap_or(t.end)
            });
        }
        if matches!(w.as_str(), "الي" | "علي" | "من") {
            continue;
        }
        // An audience phrase may stand between the speaker and إن: لهيئة الإذاعة البريطانية.
        let audience = toks.first().is_some_and(|f| {
            idx(f.text(rest))
                .strip_prefix('ل')
                .is_some_and(|r| AUDIENCE.iter().any(|a| strip_al(r) == *a || r == *a))
        });
        // Or the occasion: في سلسلة تغريدات، في تصريح صحفي.
        let occasion_first =
            toks.len() > 1 && idx(toks[0].text(rest)) == "في" && occasion(&idx(toks[1].text(rest)));
        let limit = if audience || occasion_first { 5 } else { 2 };
        if i >= limit && !rest.get(..t.start).unwrap_or("").contains(['،', ',']) {
            return None;
        }
    }
    None
}

/// Find, link and describe the quotes of a story's articles.
pub(crate) fn compare_quotes(
    articles: &[model::Article],
    sources_of: &crate::copies::Sources,
) -> Vec<Quote> {
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
                let other_group = !sources_of.related(items[m].article, items[lead].article);
                !items[m].q.direct
                    || (m != lead
                        && !verbatim(&items[m].q.text, &items[lead].q.text)
                        && other_group)
            });
        // The fullest form of the speaker among the versions: ماي → رئيسة الوزراء البريطانية
        // تيريزا ماي, when the short form's words are all in the long one.
        let mut speaker = items[lead].q.speaker.clone();
        if !is_anonymous(&speaker) {
            for &m in &ms {
                let (cur, cand) = (speaker_keys(&speaker), speaker_keys(&items[m].q.speaker));
                if cand.len() > cur.len() && cur.iter().all(|k| cand.contains(k)) {
                    speaker = items[m].q.speaker.clone();
                }
            }
        }
        let carriers: Vec<usize> = ms.iter().map(|&m| items[m].article).collect();
        out.push(Quote {
            anonymous: is_anonymous(&speaker),
            speaker,
            text: items[lead].q.text.clone(),
            sources,
            independent_sources: sources_of.count(&carriers),
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
    out.sort_by_key(|q| std::cmp::Reverse((q.independent_sources, q.sources.len())));
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

    #[test]
    fn later_title_and_bare_continuations_take_the_named_speaker() {
        let t = "قال رئيس هيئة الأركان المشتركة الجنرال تشارلز براون إن الجيش يراجع خطط الانتشار في المنطقة بشكل دوري. \
وأضاف رئيس الأركان أن القوات لن تشارك في أي عمليات برية داخل القطاع. \
وتابع أن الإدارة تدرس خيارات أخرى لتأمين المساعدات الإنسانية.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 3, "{q:?}");
        let full = "رئيس هيئة الأركان المشتركة الجنرال تشارلز براون";
        for x in &q {
            assert_eq!(x.speaker, full, "{q:?}");
        }
    }

    #[test]
    fn anonymous_speakers_are_not_glued_to_named_ones() {
        let t = "قال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض أي تهجير للفلسطينيين من أرضهم. \
وقال مسؤول كبير في الوزارة إن الاتصالات مستمرة مع جميع الأطراف المعنية. \
وأضاف الوزير أن عمان ستواصل جهودها الدبلوماسية في كل المحافل.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[1].speaker, "مسؤول كبير في الوزارة");
        assert_eq!(q[2].speaker, "وزير الخارجية الأردني أيمن الصفدي");
        // A post that does not fit the named speaker stays as written.
        let t2 = "قال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض أي تهجير للفلسطينيين. \
وقال المتحدث باسم الجيش إن القوات في حالة تأهب قصوى على الحدود الشمالية.";
        let q2 = find_quotes(t2);
        assert_eq!(q2[1].speaker, "المتحدث باسم الجيش", "{q2:?}");
    }

    #[test]
    fn speaker_ends_before_day_audience_and_occasion_and_takes_an_apposed_name() {
        let cases = [
            (
                "وقالت وزيرة الداخلية البريطانية أمبر راد السبت إن الشرطة حددت أكثر من 200 شاهد.",
                "وزيرة الداخلية البريطانية أمبر راد",
            ),
            (
                "وقال توجندات لهيئة الإذاعة البريطانية إن رئيسة الوزراء ستصدر إعلانا قريبا.",
                "توجندات",
            ),
            (
                "وقال وكيل وزارة الخارجية ستيف غولدشتاين في سلسلة تغريدات إن الوزير لم يتحدث إلى الرئيس.",
                "وكيل وزارة الخارجية ستيف غولدشتاين",
            ),
            (
                "قال الرئيس الأميركي، دونالد ترامب، الثلاثاء، إن مدير الوكالة سيصبح وزيرا للخارجية.",
                "الرئيس الأميركي، دونالد ترامب",
            ),
        ];
        for (t, speaker) in cases {
            let q = find_quotes(t);
            assert_eq!(q.len(), 1, "{t}: {q:?}");
            assert_eq!(q[0].speaker, speaker, "{t}");
        }
    }

    #[test]
    fn time_clauses_adjectives_and_subjects_before_the_verb_are_no_speakers() {
        // بعد أن opens a time clause; the police announced a death, not a statement.
        let t = "أعلنت الشرطة في النمسا مقتل رجل بالرصاص بعد أن هاجم بسكين جنديا يحرس مقر السفير.";
        assert!(find_quotes(t).is_empty(), "{:?}", find_quotes(t));
        // تابع is "affiliated", and قال has its subject before it: one statement, by the agencies.
        let t = "وذكرت الوكالات أن المركز الروسي للمصالحة وهو تابع للجيش قال إن مسلحين هاجموا المدنيين عند الممر الإنساني.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker, "الوكالات");
    }
}
