//! Speakers: whether the words read after (or before) a reporting verb name who spoke, and quotes
//! cut to a readable length.
//!
//! The phrase after `قال`، `أكد`، `حذر` ... is a speaker only when it is a noun phrase naming a
//! person or a body. It is not one when it opens with a preposition (`في بيان`، `في تغريدته`،
//! `لبي بي سي`: the verb's subject stood before it or is the previous speaker), when it is a
//! pronoun with a preposition (`فيها`), an adverb (`كذلك`: the previous speaker goes on) or a
//! particle, a lone hashtag
//! (`#لافروف`, a topic tag), a time (`الأسبوع الماضي`) or a clause (`روسيا من رد قوي إذا ثبت`);
//! a document (`البيان`) speaks for whoever issued it. Hashtags inside a name are unwrapped
//! (`#الخارجية_الروسية` → `الخارجية الروسية`) and trailing prepositions dropped
//! (`بوريس جونسون من` → `بوريس جونسون`). A subject written before its verb (`وكانت بريطانيا
//! حذرت روسيا`، `بيسكوف، قال للصحفيين`) is read from the words before the verb.
//!
//! This module judges phrases; finding them is `quotes`' job. It does not tell people from bodies.

/// Longest quote kept whole, in characters; longer ones are cut at sentence ends.
pub(crate) const MAX_QUOTE_CHARS: usize = 600;

/// What the phrase after a reporting verb is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Speaker {
    /// A noun phrase naming who spoke (cleaned).
    Named(String),
    /// No subject after the verb (an occasion, a time or an audience follows it): the subject is
    /// before the verb or is the previous speaker.
    Absent,
    /// A document (البيان، الرسالة): it speaks for whoever issued it, the previous speaker.
    Document,
    /// Not a speaker, and no way to tell who spoke.
    Rejected,
}

/// Index form with hamza seats unified, as the word lists are written.
fn idx(w: &str) -> String {
    text::normalize::seat_key(&text::normalize::index(w))
}

/// Prepositions that open a phrase that is no subject.
const PREPOSITIONS: &[&str] = &[
    "في", "من", "عن", "علي", "الي", "ل", "لـ", "ب", "لدي", "عبر", "خلال", "امام", "بعد", "قبل",
    "منذ", "حول", "بحسب", "حسب", "وفق", "وفقا", "نقلا",
];
/// A preposition with a pronoun: the speaker is the pronoun's antecedent, not known here.
const PRONOUN_PREPOSITIONS: &[&str] = &[
    "فيها",
    "فيه",
    "فيهم",
    "لها",
    "له",
    "لهم",
    "عنها",
    "عنه",
    "عنهم",
    "منها",
    "منه",
    "منهم",
    "بها",
    "به",
    "بهم",
    "عليها",
    "عليه",
    "اليها",
    "اليه",
];
/// Adverbs that follow a verb before its words (وقال كذلك إن): no subject, the previous speaker.
const ADVERBS: &[&str] = &[
    "كذلك",
    "ايضا",
    "مجددا",
    "لاحقا",
    "سابقا",
    "حينها",
    "حينذاك",
    "انذاك",
    "بدوره",
    "بدورها",
    "بدورهم",
];
/// Particles and pronouns that stand where a subject would: nobody is named.
const PARTICLES: &[&str] = &[
    "هنا",
    "ذلك",
    "هذا",
    "هذه",
    "اسمه",
    "اسمها",
    "فقط",
    "كما",
    "ان",
    "انه",
];

/// Words that open a time phrase.
const TIMES: &[&str] = &[
    "عام",
    "العام",
    "الاسبوع",
    "الشهر",
    "اليوم",
    "امس",
    "قبيل",
    "مساء",
    "صباح",
    "ليل",
    "فجر",
    "ظهر",
];
/// Documents: they speak for whoever issued them.
const DOCUMENTS: &[&str] = &[
    "بيان",
    "البيان",
    "بيانه",
    "بيانها",
    "الرساله",
    "رساله",
    "الخطاب",
    "الوثيقه",
    "المذكره",
    "البلاغ",
    "النص",
    "الفيلم",
    "التقرير",
    "تقرير",
];
/// Words that open a clause: a phrase holding one is a sentence, not a name.
const CLAUSE_WORDS: &[&str] = &[
    "اذا",
    "لو",
    "حتي",
    "لان",
    "كي",
    "لكي",
    "كلما",
    "لكن",
    "بينما",
    "ثبت",
    "ان",
    "انه",
    "انها",
    "قد",
];

/// Hashtags unwrapped (`#الخارجية_الروسية` → `الخارجية الروسية`), then trailing prepositions and
/// punctuation dropped.
pub(crate) fn clean(phrase: &str) -> String {
    let mut unwrapped = phrase.replace('#', "").replace('_', " ");
    if unwrapped.matches('"').count() % 2 == 1 {
        unwrapped = unwrapped.replace('"', "");
    }
    let mut words: Vec<&str> = unwrapped.split_whitespace().collect();
    while let Some(last) = words.last() {
        let w = idx(last.trim_end_matches(['،', ',', ':', '؛', '.']));
        if w.is_empty() || PREPOSITIONS.contains(&w.as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    words
        .join(" ")
        .trim_end_matches(['،', ',', ':', '؛', '.', ' '])
        .to_string()
}

/// `phrase` cut after the first person it names when the next word cannot continue a name or
/// title: a particle, a participle or a noun with a possessive pronoun (`ترامب ما قاله`،
/// `ماكين منتقدا ترامب`، `بومبيو دعمه للإيرانيين`): the verb's object or a circumstance follows.
pub(crate) fn up_to_person(phrase: &str) -> String {
    let Some(m) = crate::entities::find_entities(phrase)
        .into_iter()
        .find(|m| m.kind == crate::EntityType::Person)
    else {
        return phrase.to_string();
    };
    let after = phrase.get(m.end..).unwrap_or("");
    let Some(next) = after.split_whitespace().next() else {
        return phrase.to_string();
    };
    // Written endings: the index form folds ة into ه (محللة).
    let raw = next.trim_end_matches(['،', ',']);
    let possessive = !raw.starts_with("ال")
        && raw.chars().count() >= 4
        && (raw.ends_with('ه') || raw.ends_with("ها") || raw.ends_with("هم"));
    let particle = text::terms(next).iter().all(|t| t.stop);
    if after.trim_start().starts_with(['،', ','])
        || !(possessive || particle || crate::quotes::is_cue(next))
    {
        return phrase.to_string();
    }
    phrase.get(..m.end).unwrap_or(phrase).to_string()
}

/// Judge the phrase read after a reporting verb.
pub(crate) fn judge(phrase: &str) -> Speaker {
    let raw = phrase.trim();
    if raw.starts_with(['،', ',', ':', '(']) {
        return Speaker::Absent;
    }
    let first_raw = raw.split_whitespace().next().unwrap_or("");
    let first = idx(first_raw);
    // وأضاف قائلا: a participle after the verb, no subject.
    if PREPOSITIONS.contains(&first.as_str())
        || audience(&first)
        || crate::quotes::is_cue(first_raw)
    {
        return Speaker::Absent;
    }
    let single_tag = first_raw.starts_with('#') && raw.split_whitespace().count() == 1;
    if single_tag || PRONOUN_PREPOSITIONS.contains(&first.as_str()) {
        return Speaker::Rejected;
    }
    let cleaned = clean(raw);
    if cleaned.is_empty() {
        return Speaker::Absent;
    }
    let words: Vec<String> = cleaned.split_whitespace().map(idx).collect();
    if DOCUMENTS.contains(&words[0].as_str()) {
        return Speaker::Document;
    }
    if words.iter().all(|w| ADVERBS.contains(&w.as_str())) {
        return Speaker::Absent;
    }
    // The word list, not the stop words of `text`: those hold short names (ماي).
    let nothing_but_particles = words
        .iter()
        .all(|w| PARTICLES.contains(&w.as_str()) || ADVERBS.contains(&w.as_str()));
    if nothing_but_particles
        || TIMES.contains(&words[0].as_str())
        || words.iter().any(|w| CLAUSE_WORDS.contains(&w.as_str()))
    {
        return Speaker::Rejected;
    }
    Speaker::Named(cleaned)
}

/// `لـ` + an audience or outlet (لبي بي سي، للصحفيين، لوكالة ...).
fn audience(first: &str) -> bool {
    let Some(rest) = first.strip_prefix('ل') else {
        return false;
    };
    let rest = rest.strip_prefix("ـ").unwrap_or(rest);
    let bare = rest.strip_prefix("ال").unwrap_or(rest);
    let heads = [
        "صحفيين",
        "صحافيين",
        "وكاله",
        "صحيفه",
        "موقع",
        "قناه",
        "شبكه",
        "اذاعه",
        "تلفزيون",
    ];
    heads.contains(&bare) || ["بي", "سي", "رويترز", "فرانس"].contains(&rest)
}

/// Auxiliaries before a subject that stands before its verb (وكانت بريطانيا حذرت).
const AUXILIARIES: &[&str] = &["كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"];

/// Does the clause before a verb hold an auxiliary (its subject then stands before the verb)?
pub(crate) fn has_auxiliary(before: &str) -> bool {
    before
        .split_whitespace()
        .any(|w| AUXILIARIES.contains(&idx(w).as_str()))
}

/// The subject written before its verb: the words of the sentence before the verb when they are
/// a short noun phrase opened by an auxiliary (`وكانت بريطانيا حذرت`، `وكان الوزير قد قال`) or
/// closed by a comma (`المتحدث باسم الكرملين، ديمتري بيسكوف، قال`), and that phrase begins with a
/// name, a title or an unnamed source (a clause with its own verb, `وتعتزم كينشاسا ...`, does not).
pub(crate) fn subject_before(before: &str) -> Option<String> {
    let mut words: Vec<&str> = before.split_whitespace().collect();
    let mut auxiliary = false;
    while let Some(first) = words.first() {
        let w = idx(first);
        auxiliary |= AUXILIARIES.contains(&w.as_str());
        if AUXILIARIES.contains(&w.as_str()) || matches!(w.as_str(), "و" | "لكن" | "ولكن") {
            words.remove(0);
        } else {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(idx(w).as_str(), "قد" | "وقد"))
    {
        words.pop();
    }
    let comma = words.last().is_some_and(|w| w.ends_with(['،', ',']));
    if words.is_empty() || words.len() > 8 || !(auxiliary || comma) {
        return None;
    }
    let phrase = words.join(" ");
    let phrase = phrase.trim_end_matches(['،', ',', ' ']);
    if phrase.contains(['.', ':', '«', '"', '“', '؟'])
        || words.iter().any(|w| crate::quotes::is_cue(w))
    {
        return None;
    }
    let first = words[0].trim_end_matches(['،', ',']);
    let opens_with_name = crate::entities::find_entities(phrase)
        .iter()
        .any(|m| m.start == 0 && m.kind != crate::EntityType::Place);
    let names =
        opens_with_name || crate::entities::is_title(first) || crate::quotes::is_anonymous(phrase);
    match judge(phrase) {
        Speaker::Named(s) if names => Some(s),
        _ => None,
    }
}

/// A quote cut into pieces of at most [`MAX_QUOTE_CHARS`] characters at sentence ends; a sentence
/// longer than that is cut at the last word that fits, with `…`.
pub(crate) fn cap(quote: &str) -> Vec<String> {
    if quote.chars().count() <= MAX_QUOTE_CHARS {
        return vec![quote.to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (s, e) in text::sentence::sentences(quote) {
        let sent = quote.get(s..e).unwrap_or("").trim();
        if !cur.is_empty() && cur.chars().count() + 1 + sent.chars().count() > MAX_QUOTE_CHARS {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(sent);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|p| trim_to_fit(&p)).collect()
}

/// `piece` if it fits, else its words up to [`MAX_QUOTE_CHARS`] and `…`.
fn trim_to_fit(piece: &str) -> String {
    if piece.chars().count() <= MAX_QUOTE_CHARS {
        return piece.to_string();
    }
    let mut out = String::new();
    for w in piece.split_whitespace() {
        if out.chars().count() + w.chars().count() + 2 > MAX_QUOTE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_that_name_nobody_are_no_speakers() {
        for (phrase, want) in [
            ("في بيان", Speaker::Absent),
            ("في تغريدته", Speaker::Absent),
            ("لبي بي سي", Speaker::Absent),
            ("، بحسب تقرير وكالة رويترز", Speaker::Absent),
            ("البيان", Speaker::Document),
            ("كذلك", Speaker::Absent),
            ("هذا", Speaker::Rejected),
            ("#لافروف", Speaker::Rejected),
            ("فيها", Speaker::Rejected),
            ("روسيا من رد قوي إذا ثبت", Speaker::Rejected),
            ("الأسبوع الماضي", Speaker::Rejected),
        ] {
            assert_eq!(judge(phrase), want, "{phrase}");
        }
        for (phrase, name) in [
            (
                "وزير الخارجية البريطاني بوريس جونسون من",
                "وزير الخارجية البريطاني بوريس جونسون",
            ),
            (
                "المتحدثة باسم #الخارجية_الروسية",
                "المتحدثة باسم الخارجية الروسية",
            ),
            ("مسؤول كبير في الوزارة", "مسؤول كبير في الوزارة"),
        ] {
            assert_eq!(judge(phrase), Speaker::Named(name.into()), "{phrase}");
        }
    }

    #[test]
    fn long_quotes_are_cut_at_sentence_ends() {
        let sentence =
            "نحن ملتزمون بالعمل مع شركائنا الدوليين من أجل التوصل إلى حل سياسي شامل ودائم للأزمة. ";
        let long = sentence.repeat(12);
        let pieces = cap(long.trim());
        assert!(pieces.len() >= 2, "{pieces:?}");
        for p in &pieces {
            assert!(
                p.chars().count() <= MAX_QUOTE_CHARS,
                "{}",
                p.chars().count()
            );
            assert!(p.ends_with('.'), "{p}");
        }
        let one = "كلمة ".repeat(200);
        let cut = cap(one.trim());
        assert_eq!(cut.len(), 1);
        assert!(cut[0].chars().count() <= MAX_QUOTE_CHARS && cut[0].ends_with('…'));
    }
}
