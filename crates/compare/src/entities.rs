//! Names: people, organisations and places, found by a gazetteer and by patterns, with the
//! spellings of one name merged into one entry.
//!
//! The gazetteer is derived from WikiFANE (Wikipedia part of the FANE gold, CC BY-SA 3.0, see
//! `data/README.md`) plus a short hand-written list of news organisations. Patterns add people
//! after titles (الرئيس، وزير ...، الجنرال، اللواء ...), organisations after head nouns
//! (وزارة، حركة، حزب، منظمة ...) and media names after وكالة/صحيفة/موقع, and places after
//! مدينة/ولاية/قطاع .... A later bare surname of a person found in full joins that person.
//! A given name followed by a name word (هاني إسماعيل), a name word after a verb of saying (وقال
//! ليبرمان) and the connectors of Arabic names (بن، أبو، آل، عبد) use a list of the words of
//! people's names from Wikidata (`data/person_tokens.tsv`, CC0), discounted for common words.
//! Listed names are matched as written when their first letters look like clitics (فيصل is not
//! the verb يصل with ف).
//! Spellings merge on the alias key of `lexicon::name_key` (غ/ج، ة/ه، long vowels, hamza seats ...).
//! Not done: coreference of titles (ولي العهد = a named prince), translated vs transliterated names.

use crate::lexicon::{lexicon, name_key};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// Coarse entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Person,
    Organization,
    Place,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
        }
    }
}

/// A name found in a text: byte span and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// One named thing of the story with all the spellings the outlets used.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// The most used spelling.
    pub name: String,
    pub forms: Vec<String>,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Outlets naming it, in article order.
    pub sources: Vec<String>,
    /// Outlet → mentions.
    pub counts: BTreeMap<String, usize>,
}

/// Well-known news organisations and bodies missing from an encyclopaedic gazetteer.
const EXTRA: &[(&str, EntityType)] = &[
    ("البنتاغون", EntityType::Organization),
    ("البيت الأبيض", EntityType::Organization),
    ("الكرملين", EntityType::Organization),
    ("الكونغرس", EntityType::Organization),
    ("الإليزيه", EntityType::Organization),
    ("حلف شمال الأطلسي", EntityType::Organization),
    ("الناتو", EntityType::Organization),
    ("مجلس الأمن", EntityType::Organization),
    ("الأمم المتحدة", EntityType::Organization),
    ("الاتحاد الأوروبي", EntityType::Organization),
    ("جامعة الدول العربية", EntityType::Organization),
    ("رويترز", EntityType::Organization),
    ("فرانس برس", EntityType::Organization),
    ("أسوشيتد برس", EntityType::Organization),
    ("بلومبرغ", EntityType::Organization),
    ("بوليتيكو", EntityType::Organization),
    ("أكسيوس", EntityType::Organization),
    ("نيويورك تايمز", EntityType::Organization),
    ("واشنطن بوست", EntityType::Organization),
    ("وول ستريت جورنال", EntityType::Organization),
    ("الغارديان", EntityType::Organization),
    ("فايننشال تايمز", EntityType::Organization),
    ("هآرتس", EntityType::Organization),
    ("يديعوت أحرونوت", EntityType::Organization),
    ("سي إن إن", EntityType::Organization),
    ("بي بي سي", EntityType::Organization),
    ("الجزيرة", EntityType::Organization),
    ("حماس", EntityType::Organization),
    ("حزب الله", EntityType::Organization),
    ("الحوثيين", EntityType::Organization),
    ("داعش", EntityType::Organization),
    ("اليونيسف", EntityType::Organization),
    ("الأونروا", EntityType::Organization),
    ("غزة", EntityType::Place),
    ("الضفة الغربية", EntityType::Place),
    ("تل أبيب", EntityType::Place),
    ("واشنطن", EntityType::Place),
];

struct Gazetteer {
    /// Joined match keys of a name → type.
    exact: HashMap<String, EntityType>,
    /// Match key (loanword skeleton) of a one-word foreign name → (base form, type).
    foreign: HashMap<String, Vec<(String, EntityType)>>,
    /// Match keys that occur as a part of a person's name.
    person_parts: HashSet<String>,
    /// First words of names of two words or more.
    firsts: HashSet<String>,
    /// First word of people's names of two words or more → tagged count (given names).
    given: HashMap<String, usize>,
    /// Last word of people's names of two words or more → tagged count (family names).
    family: HashMap<String, usize>,
    /// Tagged count of each one-word entry.
    count: HashMap<String, usize>,
    /// Words of people's names (Wikidata, see `data/README.md`) → how many names use them.
    name_words: HashMap<String, usize>,
    /// Words the stop list holds that also name people (ماي), with their counts.
    stop_names: HashMap<String, usize>,
    max_words: usize,
}

/// Exact key of a word: index form, clitics off, hamza seats unified (no loanword folding).
fn base_of(t: &text::Term) -> String {
    if t.kind == text::TokenKind::Arabic {
        text::normalize::seat_key(text::stem::strip_clitics(&t.index))
    } else {
        t.index.clone()
    }
}

/// Exact key of a word as written: index form, hamza seats unified, clitics kept.
fn raw_of(t: &text::Term) -> String {
    if t.kind == text::TokenKind::Arabic {
        text::normalize::seat_key(&t.index)
    } else {
        t.index.clone()
    }
}

/// Keys of the words of a listed name. A name whose words begin with letters that look like
/// clitics (فيصل، وليد، بشار) is kept as written, so that the verb يصل does not meet فيصل.
fn keys_of(s: &str) -> Vec<String> {
    let ts = text::terms(s);
    let base: Vec<String> = ts.iter().map(base_of).collect();
    let raw: Vec<String> = ts.iter().map(raw_of).collect();
    if base == raw { base } else { raw }
}

/// Levenshtein distance over chars (short words only).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer {
            exact: HashMap::new(),
            foreign: HashMap::new(),
            person_parts: HashSet::new(),
            firsts: HashSet::new(),
            given: HashMap::new(),
            family: HashMap::new(),
            count: HashMap::new(),
            name_words: HashMap::new(),
            stop_names: HashMap::new(),
            max_words: 1,
        };
        let add = |name: &str, kind: EntityType, n: usize, g: &mut Gazetteer| {
            let ks = keys_of(name);
            if ks.is_empty() || (ks.len() == 1 && ks[0].chars().count() < 3) {
                return;
            }
            if kind == EntityType::Person {
                for k in &ks {
                    g.person_parts.insert(k.clone());
                }
                if ks.len() >= 2 {
                    *g.given.entry(ks[0].clone()).or_insert(0) += n;
                    if let Some(last) = ks.last() {
                        *g.family.entry(last.clone()).or_insert(0) += n;
                    }
                }
            }
            if ks.len() == 1 {
                *g.count.entry(ks[0].clone()).or_insert(0) += n;
            }
            g.max_words = g.max_words.max(ks.len().min(5));
            if ks.len() > 1 {
                g.firsts.insert(ks[0].clone());
            }
            if ks.len() == 1 && text::normalize::is_foreign(&ks[0]) {
                let key = text::normalize::match_index_word(&ks[0]);
                g.foreign
                    .entry(key)
                    .or_default()
                    .push((ks[0].clone(), kind));
            }
            g.exact.entry(ks.join(" ")).or_insert(kind);
        };
        for &(n, k) in EXTRA {
            add(n, k, 100, &mut g);
        }
        for line in include_str!("../data/gazetteer.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(name), Some(t)) = (parts.next(), parts.next()) else {
                continue;
            };
            let kind = match t {
                "PER" => EntityType::Person,
                "ORG" => EntityType::Organization,
                "LOC" => EntityType::Place,
                _ => continue,
            };
            let n = parts.next().and_then(|c| c.parse().ok()).unwrap_or(1);
            add(name, kind, n, &mut g);
        }
        for line in include_str!("../data/person_tokens.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(word), Some(n)) = (
                parts.next(),
                parts.next().and_then(|c| c.parse::<usize>().ok()),
            ) else {
                continue;
            };
            let ts = text::terms(word);
            if let [t] = ts.as_slice()
                && t.stop
            {
                *g.stop_names.entry(raw_of(t)).or_insert(0) += n;
            }
            if let [t] = ts.as_slice()
                && !t.stop
            {
                let (b, r) = (base_of(t), raw_of(t));
                *g.name_words.entry(if b == r { b } else { r }).or_insert(0) += n;
            }
        }
        // A one-word place or body that is more often the family name of people (بوش، كلينتون)
        // is read as a person.
        let retype: Vec<String> = g
            .exact
            .iter()
            .filter(|(k, t)| {
                **t != EntityType::Person
                    && !k.contains(' ')
                    && (g.family.get(*k).copied().unwrap_or(0)
                        > g.count.get(*k).copied().unwrap_or(0)
                        // A place seen once in the encyclopaedia whose word names many people
                        // (هيلي) is a person's name more often than that place.
                        || g.count.get(*k).copied().unwrap_or(0) <= 1
                            && g.name_words.get(*k).copied().unwrap_or(0) >= RETYPE_NAME_WORDS)
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in retype {
            for c in g.foreign.values_mut().flatten() {
                if c.0 == k {
                    c.1 = EntityType::Person;
                }
            }
            g.exact.insert(k, EntityType::Person);
        }
        g
    })
}

/// Wikidata people a stop-listed word must name to be taken as a family name after a title.
const STOP_NAME_MIN: usize = 20;
/// Name-word count (Wikidata people) above which a once-seen one-word place is a person.
const RETYPE_NAME_WORDS: usize = 10;

/// Titles before a person's name (index level, article kept where written).
const TITLES: &[&str] = &[
    "الرءيس",
    "رءيس",
    "الرءيسه",
    "رءيسه",
    "وزير",
    "الوزير",
    "وزيره",
    "الوزيره",
    "الجنرال",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المشير",
    "الملك",
    "الامير",
    "الشيخ",
    "السيد",
    "السيده",
    "الدكتور",
    "النائب",
    "السفير",
    "المستشار",
    "المستشاره",
    "زعيم",
    "الزعيم",
    "قاءد",
    "القاءد",
    "الامين",
    "نظيره",
    "نظيرها",
    "المتحدث",
    "الناطق",
    "المتحدثه",
    "الناطقه",
    "الرءيس_التنفيذي",
    "البابا",
    "القاضي",
    "المدعي",
    "الحاخام",
    "الكاتب",
    "الصحفي",
    "المحلل",
    "الباحث",
    "مبعوث",
    "المبعوث",
    "منسق",
    "العاهل",
    "السلطان",
    "الملكه",
    "الاميره",
    "الامام",
    "الامبراطور",
    "البروفيسور",
    "الاستاذ",
    "المهندس",
    "المحامي",
    "اللاعب",
    "اللاعبه",
    "المدرب",
    "الحارس",
    "المهاجم",
    "النجم",
    "النجمه",
    "الفنان",
    "الفنانه",
    "الممثل",
    "الممثله",
    "المطرب",
    "المطربه",
    "المخرج",
    "الشاعر",
    "الروائي",
];
/// Heads of organisation names.
const ORG_HEADS: &[&str] = &[
    "وزاره",
    "حركه",
    "حزب",
    "منظمه",
    "مجلس",
    "هيءه",
    "جمعيه",
    "جامعه",
    "شركه",
    "مءسسه",
    "جماعه",
    "تنظيم",
    "بنك",
    "محكمه",
    "جيش",
    "اتحاد",
    "لجنه",
    "مكتب",
    "مركز",
    "صندوق",
    "برلمان",
    "مفوضيه",
];
/// Media nouns: the name follows them.
pub(crate) const MEDIA_HEADS: &[&str] = &[
    "وكاله",
    "صحيفه",
    "موقع",
    "قناه",
    "شبكه",
    "مجله",
    "اذاعه",
    "تلفزيون",
];
/// Heads of place names.
const PLACE_HEADS: &[&str] = &[
    "مدينه",
    "ولايه",
    "قطاع",
    "محافظه",
    "بلده",
    "قريه",
    "مخيم",
    "جزيره",
    "اقليم",
    "عاصمه",
    "بحر",
    "نهر",
    "مطار",
    "ميناء",
];
/// Time words (without the article) that end a body's name: لجنة برلمانية الاثنين.
const TIME_WORDS: &[&str] = &[
    "اثنين",
    "ثلاثاء",
    "اربعاء",
    "خميس",
    "جمعه",
    "سبت",
    "احد",
    "اسبوع",
    "شهر",
    "عام",
    "يوم",
    "ماضي",
    "ماضيه",
    "مقبل",
    "مقبله",
    "جاري",
    "حالي",
    "امس",
    "صباح",
    "مساء",
];

/// Set phrases (index level, hamza seats unified) never taken alone as a name.
const SET_PHRASES: &[&str] = &[
    "الحمد لله",
    "الحمد الله",
    "بسم الله",
    "سبحان الله",
    "ان شاء الله",
    "ما شاء الله",
    "لا اله الا الله",
    "الله اكبر",
    "جزاك الله",
    "رحمه الله",
];

/// Words that never belong to a name.
const NOT_NAME: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "بان",
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
    "كان",
    "كانت",
    "الذي",
    "التي",
    "خلال",
    "قبل",
    "بعد",
    "منذ",
    "حيث",
    "كما",
    "او",
    "ثم",
    "يوم",
    "امس",
    "اليوم",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "وهو",
    "وهي",
    "هو",
    "هي",
    "باسم",
    "عام",
    "العام",
    "ايضا",
    "بين",
    "لدي",
    "عند",
    "حول",
    "بشان",
    "اي",
    "كل",
    "بعض",
    "غير",
    "سابق",
    "السابق",
    "الحالي",
    "حاليا",
    "جديد",
    "الجديد",
    "نفسه",
    "امام",
    "دون",
    "عبر",
    "وزراء",
    "الوزراء",
    "انباء",
    "الانباء",
];

/// Index form with hamza seats unified (no loanword folding): what word lists are written in.
fn m(w: &str) -> String {
    text::normalize::seat_key(&text::normalize::index(w))
}

/// Written with the article, possibly behind a proclitic (الإدارة، للإدارة، والحكومة).
fn definite(w: &str) -> bool {
    ["ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل"]
        .iter()
        .any(|p| w.starts_with(p))
}

fn is_al(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() > 3
}

/// Nouns that continue a title without the article (رئيس هيئة الأركان، المتحدث باسم ...).
fn title_construct(w: &str) -> bool {
    matches!(
        text::stem::strip_clitics(w),
        "هيءه"
            | "حكومه"
            | "وزراء"
            | "مجلس"
            | "حزب"
            | "حركه"
            | "جهاز"
            | "باسم"
            | "عام"
            | "دفاع"
            | "خارجيه"
            | "داخليه"
            | "اركان"
    )
}

/// Is this word (index level, as written) a title before a person's name (وزير، الرئيس، الجنرال)?
pub(crate) fn is_title(word: &str) -> bool {
    let w = m(word);
    let b = text::stem::strip_clitics(&w);
    (TITLES.contains(&w.as_str()) || TITLES.contains(&b))
        && !RELATIVE_TITLES.contains(&w.as_str())
        && !RELATIVE_TITLES.contains(&b)
}

/// Is this word a modifier that may follow a title (الخارجية، هيئة، باسم، الأميركي)?
pub(crate) fn is_title_modifier(word: &str) -> bool {
    let w = m(word);
    is_al(&w) || title_construct(&w)
}

/// Titles that name a relation, not a post (نظيره "his counterpart"), or only a courtesy
/// (السيد): they never anchor a name for conflicts or coreference.
const RELATIVE_TITLES: &[&str] = &["نظيره", "نظيرها", "السيد", "السيده"];

/// A person or place named after the post or kind of place that introduces it: `وزير الخارجية
/// الأميركي` + `ريكس تيلرسون`, `مدينة` + `حلب`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchored {
    /// Byte span of the name.
    pub start: usize,
    pub end: usize,
    /// The post or head as written, and its spelling-insensitive key.
    pub role: String,
    pub role_key: String,
    pub kind: EntityType,
}

/// The names of `text` that follow a title (people) or a place head noun (places).
pub(crate) fn anchored_names(text: &str) -> Vec<Anchored> {
    let terms = text::terms(text);
    let words: Vec<String> = terms
        .iter()
        .map(|t| m(text.get(t.start..t.end).unwrap_or("")))
        .collect();
    let listed = |l: &[&str], w: &str| l.contains(&w) || l.contains(&text::stem::strip_clitics(w));
    let mut out = Vec::new();
    for mention in find_entities_in(text, &terms) {
        if mention.kind == EntityType::Organization {
            continue;
        }
        let Some(s) = terms
            .iter()
            .position(|t| mention.start >= t.start && mention.start < t.end)
        else {
            continue;
        };
        // Walk back over the title's modifiers to the title (or the place head).
        let mut k = s;
        let mut head = None;
        while k > 0 && s - k < 7 {
            let gap = text.get(terms[k - 1].end..terms[k].start).unwrap_or("");
            if gap.chars().any(|c| !c.is_whitespace()) {
                break;
            }
            let w = words[k - 1].as_str();
            let found = match mention.kind {
                EntityType::Person => listed(TITLES, w) && !listed(RELATIVE_TITLES, w),
                _ => k == s && listed(PLACE_HEADS, w),
            };
            if found {
                head = Some(k - 1);
                break;
            }
            if mention.kind != EntityType::Person || !(is_al(w) || title_construct(w)) {
                break;
            }
            k -= 1;
        }
        let Some(h) = head else {
            continue;
        };
        let role = text
            .get(terms[h].start..terms[s - 1].end)
            .unwrap_or("")
            .to_string();
        // Drop a conjunction or preposition glued to the head (وقال وزير، بمدينة).
        let role_words: Vec<String> = (h..s)
            .map(|x| {
                let w = text::stem::strip_clitics(&words[x]);
                w.strip_prefix("ال").unwrap_or(w).to_string()
            })
            .collect();
        out.push(Anchored {
            start: mention.start,
            end: mention.end,
            role,
            role_key: name_key(&role_words.join(" ")),
            kind: mention.kind,
        });
    }
    out
}

/// Wikidata names using a word at least this often make it a given name that may open a name.
const GIVEN_MIN: usize = 30;
/// A listed name word this common in Wikidata names counts even when it is a common word too.
const NAME_WORD_FREQUENT: usize = 50;
/// IDF weight above which a listed name word is rare enough in ordinary text to count.
const NAME_WORD_RARE: f32 = 0.6;
/// A name word right after a verb of saying must be rarer still (بيان، مصدر are subjects too).
const AFTER_VERB_RARE: f32 = 0.8;

/// Find the names of `text`.
pub fn find_entities(text: &str) -> Vec<Mention> {
    find_entities_in(text, &text::terms(text))
}

/// [`find_entities`] over terms already computed for `text`.
fn find_entities_in(text: &str, terms: &[text::Term]) -> Vec<Mention> {
    let g = gazetteer();
    let lex = lexicon();
    let words: Vec<String> = terms
        .iter()
        .map(|t| m(text.get(t.start..t.end).unwrap_or("")))
        .collect();
    let bases: Vec<String> = terms.iter().map(base_of).collect();
    let raws: Vec<String> = terms.iter().map(raw_of).collect();
    // Is word k (as written, or without its clitics) in a word set of the gazetteer?
    let in_set =
        |set: &HashSet<String>, k: usize| set.contains(&raws[k]) || set.contains(&bases[k]);
    let in_map = |map: &HashMap<String, usize>, k: usize| {
        map.get(&raws[k])
            .or_else(|| map.get(&bases[k]))
            .copied()
            .unwrap_or(0)
    };
    // How strongly the Wikidata name list says word k is a name: its count, discounted to zero
    // for a common word of the language used by few names (دور، مكان، زيادة).
    let name_word = |k: usize| -> usize {
        let n = in_map(&g.name_words, k);
        if n >= NAME_WORD_FREQUENT || lex.weight(&terms[k].key) > NAME_WORD_RARE {
            n
        } else {
            0
        }
    };
    // Is the gap before term i free of punctuation?
    let joined = |i: usize| -> bool {
        i == 0
            || text
                .get(terms[i - 1].end..terms[i].start)
                .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '\u{a0}'))
    };
    let gap_has = |i: usize, cs: &[char]| -> bool {
        i > 0
            && text
                .get(terms[i - 1].end..terms[i].start)
                .is_some_and(|g| g.chars().any(|c| cs.contains(&c)))
    };
    let not_name = |i: usize| -> bool {
        let w = words[i].as_str();
        NOT_NAME.contains(&w)
            || terms[i].stop
            || terms[i].kind == text::TokenKind::Number
            || lex.is_reporting(&terms[i].key)
    };
    // A further part of a person's name: a known name part or a rare word, not a title or head.
    // `loose` (the second word of a name opened by a title or a verb of saying) also takes any
    // listed name word and any rare Arabic word (تيريزا ماي، نافتالي بنيت، ياكوف مارغي).
    let name_part = |k: usize, loose: bool| -> bool {
        let w = words[k].as_str();
        let b = text::stem::strip_clitics(w);
        let listed = |l: &[&str]| l.contains(&w) || l.contains(&b);
        // "و" + word after a name is "and ...", and a pronoun suffix marks an ordinary noun.
        let conjunction = w.starts_with('و') && w.chars().count() >= 4;
        let pronoun = w.chars().count() >= 5
            && ["ته", "تها", "ها", "هم", "هما", "كم"]
                .iter()
                .any(|x| w.ends_with(x));
        // A proclitic (ل، ب، ك) before a word that is no listed name as written: لبومبيو
        // after خلفا is "to Pompeo", not a second name word.
        let proclitic = raws[k] != bases[k]
            && !in_set(&g.person_parts, k)
            && !g.name_words.contains_key(&raws[k])
            && !raws[k].starts_with('و');
        // A one-word place or body of the gazetteer that is no part of a listed person's name
        // ends a name (تشن أنقرة).
        let other_name = !in_set(&g.person_parts, k)
            && g.exact
                .get(&raws[k])
                .or_else(|| g.exact.get(&bases[k]))
                .is_some_and(|t| *t != EntityType::Person);
        let positive = if loose {
            in_set(&g.person_parts, k)
                || in_map(&g.name_words, k) > 0
                || g.stop_names.get(&raws[k]).copied().unwrap_or(0) >= STOP_NAME_MIN
                || terms[k].kind == text::TokenKind::Arabic
                    && lex.weight(&terms[k].key) > NAME_WORD_RARE
        } else {
            in_set(&g.person_parts, k)
                || name_word(k) > 0
                || lex.weight(&terms[k].key) > 0.75 && text::normalize::is_foreign(&bases[k])
        };
        !conjunction
            && !pronoun
            && !proclitic
            && !other_name
            && !listed(TITLES)
            && !listed(ORG_HEADS)
            && !listed(PLACE_HEADS)
            && !listed(MEDIA_HEADS)
            && positive
    };
    // A definite word continues a person's name only as a known name part (رامي الحمد الله).
    let al_ok = |k: usize| -> bool { !definite(&words[k]) || in_set(&g.person_parts, k) };
    // Is terms[s..e] a person's name of two words or more listed in the gazetteer?
    let cands_full = |s: usize, e: usize| -> bool {
        let raw = raws[s..e].join(" ");
        let base = bases[s..e].join(" ");
        g.exact
            .get(&raw)
            .or_else(|| g.exact.get(&base))
            .is_some_and(|k| *k == EntityType::Person)
    };
    // Words that join two parts of an Arabic name: بن، بنت، أبو، آل، عبد، ولد.
    let connector = |k: usize| -> bool {
        matches!(
            words[k].as_str(),
            "بن" | "ابن" | "بنت" | "ابو" | "ابي" | "ابا" | "ال" | "عبد" | "ولد" | "ذو"
        )
    };
    // Extend a person's name from term e (exclusive end so far), at most to `max` words from s.
    let extend = |s: usize, mut e: usize, max: usize, loose: bool| -> usize {
        // A full name found in the gazetteer takes only further gazetteer name parts: a second
        // name may follow it (رشح ترامب جينا هاسبل).
        while e < terms.len() && e - s < max && joined(e) {
            if e - s >= 2 && cands_full(s, e) && !in_set(&g.person_parts, e) {
                break;
            }
            if connector(e)
                && e + 1 < terms.len()
                && joined(e + 1)
                && terms[e + 1].kind == text::TokenKind::Arabic
                && !terms[e + 1].stop
                && !NOT_NAME.contains(&words[e + 1].as_str())
            {
                e += 2;
                continue;
            }
            // The loose second word needs a first word that looks like a name itself.
            let second = loose
                && e == s + 1
                && (in_set(&g.person_parts, s)
                    || in_map(&g.name_words, s) > 0
                    || text::normalize::is_foreign(&bases[s]));
            // The stop list holds some family names (ماي): after a title they count.
            let stop_name = second
                && terms[e].stop
                && !NOT_NAME.contains(&words[e].as_str())
                && g.stop_names.get(&raws[e]).copied().unwrap_or(0) >= STOP_NAME_MIN;
            if (stop_name || !not_name(e)) && al_ok(e) && name_part(e, second) {
                e += 1;
            } else {
                break;
            }
        }
        e
    };
    // (start term, end term exclusive, type, priority)
    let mut cands: Vec<(usize, usize, EntityType, u8)> = Vec::new();

    // Gazetteer, longest match first at each position.
    let mut i = 0;
    while i < terms.len() {
        let mut found = None;
        let longest = if in_set(&g.firsts, i) {
            g.max_words.min(terms.len() - i)
        } else {
            1
        };
        for n in (1..=longest).rev() {
            if (1..n).any(|k| !joined(i + k)) {
                continue;
            }
            let key = if n == 1 {
                bases[i].clone()
            } else {
                bases[i..i + n].join(" ")
            };
            let raw_key = raws[i..i + n].join(" ");
            if let Some(&k) = g.exact.get(&raw_key).or_else(|| g.exact.get(&key)) {
                // A person's name does not take the article: الروس is not روس.
                let article_added = k == EntityType::Person
                    && !g.exact.contains_key(&raw_key)
                    && definite(&words[i]);
                if !article_added {
                    found = Some((n, k));
                    break;
                }
            }
            if n == 1 && !terms[i].stop {
                let k0 = bases[i].clone();
                let rare = lex.weight(&terms[i].key) > 0.6;
                // Nisba adjectives (الأمريكية، الإسرائيلي) are not names of places.
                let nisba = ["ي", "يه", "يين", "يون"].iter().any(|s| k0.ends_with(s));
                // One more proclitic (ل، ب، ك، ف) than text::stem strips: لإسرائيل.
                let bare = k0
                    .strip_prefix(['ل', 'ب', 'ك', 'ف'])
                    .filter(|r| r.chars().count() >= 4 && rare);
                if let Some(b) = bare
                    && let Some(&k) = g.exact.get(b)
                {
                    found = Some((1, k));
                } else if !nisba
                    && let Some(cands) = g.foreign.get(&terms[i].key)
                    && text::normalize::is_foreign(&k0)
                {
                    // A spelling variant of a foreign name: same loanword key, close spelling.
                    let limit = if k0.chars().count() >= 7 { 2 } else { 1 };
                    if let Some((_, k)) = cands.iter().find(|c| edit_distance(&c.0, &k0) <= limit) {
                        found = Some((1, *k));
                    }
                }
            }
        }
        if let Some((n, k)) = found
            && !not_name(i)
        {
            // A person's name continues with further known name parts: محمد حسني مبارك.
            let mut e = i + n;
            if k == EntityType::Person {
                e = extend(i, e, 6, false);
            }
            cands.push((i, e, k, 1));
            i = e;
        } else {
            i += 1;
        }
    }

    // Patterns.
    for i in 0..terms.len() {
        let w = words[i].as_str();
        // The word as written, or without its proclitics (text::stem may also take a root و).
        let bare = text::stem::strip_clitics(w);
        let is = |list: &[&str]| list.contains(&w) || list.contains(&bare);
        // Title + modifiers + name.
        if is(TITLES) {
            let mut j = i + 1;
            let mut skipped = 0;
            while j < terms.len() && skipped < 6 {
                let wj = words[j].as_str();
                // وزير خارجيتها، نظيره، رئيس حكومتنا: a noun with a possessive pronoun.
                let possessive = wj.chars().count() >= 5
                    && ["ته", "تها", "تنا", "تهم", "يته", "يتها"]
                        .iter()
                        .any(|x| wj.ends_with(x));
                if is_al(wj) || title_construct(wj) || possessive {
                    j += 1;
                    skipped += 1;
                } else {
                    break;
                }
            }
            let first_ok = j < terms.len()
                && !not_name(j)
                && !definite(&words[j])
                && terms[j].kind == text::TokenKind::Arabic
                && !gap_has(j, &['.', ':', '"', '«', '(']);
            let k = if first_ok {
                extend(j, j + 1, 6, true)
            } else {
                j
            };
            // A one-word "name" must look like one (known name part or rare word).
            let plausible = k > j
                && (k - j >= 2
                    || in_set(&g.person_parts, j)
                    || name_word(j) > 0
                    || lex.weight(&terms[j].key) > 0.7 && text::normalize::is_foreign(&bases[j]));
            if plausible {
                cands.push((j, k, EntityType::Person, 2));
            }
        }
        // A verb of saying followed by a known name word: وقال ليبرمان، وأكد محمد ...
        if lex.is_speech(&terms[i].key)
            && i + 1 < terms.len()
            && joined(i + 1)
            && terms[i + 1].kind == text::TokenKind::Arabic
            && !definite(&words[i + 1])
            && !not_name(i + 1)
            && !TITLES.contains(&text::stem::strip_clitics(&words[i + 1]))
            && (name_word(i + 1) >= 2 || in_map(&g.family, i + 1) >= 2)
            && lex.weight(&terms[i + 1].key) > AFTER_VERB_RARE
            && g.exact
                .get(&raws[i + 1])
                .or_else(|| g.exact.get(&bases[i + 1]))
                .is_none_or(|k| *k == EntityType::Person)
        {
            cands.push((i + 1, extend(i + 1, i + 2, 6, true), EntityType::Person, 1));
        }
        // A given name followed by a further name word: هاني إسماعيل، كانديس جونسون.
        let given = in_map(&g.given, i) >= 2 || name_word(i) >= GIVEN_MIN;
        if given
            && terms[i].kind == text::TokenKind::Arabic
            && !definite(w)
            && !not_name(i)
            && !is(TITLES)
            && i + 1 < terms.len()
            && joined(i + 1)
            && !not_name(i + 1)
            && al_ok(i + 1)
            && (in_set(&g.person_parts, i + 1) || name_word(i + 1) > 0 || connector(i + 1))
            && g.exact
                .get(&bases[i])
                .is_none_or(|k| *k == EntityType::Person)
        {
            let e = extend(i, i + 1, 6, false);
            if e > i + 1 {
                cands.push((i, e, EntityType::Person, 1));
            }
        }
        // Organisation head + complement.
        if is(ORG_HEADS) && !definite(w) {
            // A title or a place noun after the head makes "the X of the leader / of the city"
            // (حزب زعيم المعارضة، مركز المدينة), not a name.
            let generic = |k: usize| {
                let b = text::stem::strip_clitics(&words[k]);
                let b = b.strip_prefix("ال").unwrap_or(b);
                TITLES.contains(&words[k].as_str())
                    || TITLES.contains(&b)
                    || PLACE_HEADS.contains(&b)
                    || TIME_WORDS.contains(&b)
            };
            let mut k = i + 1;
            let mut max = 3;
            while k < terms.len() && k - i <= max && joined(k) && !not_name(k) && !generic(k) {
                if is_al(&words[k]) {
                    k += 1;
                } else if k == i + 1 && terms[k].kind == text::TokenKind::Arabic {
                    k += 1;
                    // A proper-name complement ends the name (حركة حماس); a common noun
                    // opens a construct that goes on with definite words (مكتب تنسيق الشؤون
                    // الإنسانية) and is no name without them.
                    let known = g.exact.contains_key(&bases[i + 1])
                        || g.exact.contains_key(&raws[i + 1])
                        || in_set(&g.person_parts, i + 1);
                    let construct = k < terms.len() && joined(k) && is_al(&words[k]) && !generic(k);
                    if known || !construct {
                        // An adjective (مركز تجاري، لجنة برلمانية) or a preposition-led word
                        // (مركز للتسوق) is no name either.
                        let nisba = ["ي", "يه", "يين", "يون"]
                            .iter()
                            .any(|x| bases[i + 1].ends_with(x));
                        let proclitic = raws[i + 1] != bases[i + 1];
                        if !known
                            && (lex.weight(&terms[i + 1].key) <= NAME_WORD_RARE
                                || nisba
                                || proclitic)
                        {
                            k = i + 1;
                        }
                        break;
                    }
                    max = 4;
                } else {
                    break;
                }
            }
            if k > i + 1 {
                cands.push((i, k, EntityType::Organization, 2));
            }
        }
        // Media head + name (quoted, Latin or plain words).
        if is(MEDIA_HEADS) {
            let mut j = i + 1;
            // Skip a nisba adjective or a "الأنباء" complement.
            while j < terms.len() && j - i <= 2 && is_al(&words[j]) && !gap_has(j, &['"', '«', '“'])
            {
                j += 1;
            }
            let mut k = j;
            while k < terms.len() && k - j < 1 && !not_name(k) && !definite(&words[k]) {
                if k > j && !joined(k) {
                    break;
                }
                k += 1;
            }
            if k > j
                && (gap_has(j, &['"', '«', '“'])
                    || terms[j].kind == text::TokenKind::Latin
                    || k - j >= 1 && lex.weight(&terms[j].key) > 0.7)
            {
                cands.push((j, k, EntityType::Organization, 2));
            }
        }
        // Place head + name.
        if is(PLACE_HEADS)
            && !definite(w)
            && i + 1 < terms.len()
            && joined(i + 1)
            && !not_name(i + 1)
        {
            let nk = &terms[i + 1];
            if nk.kind == text::TokenKind::Arabic
                && (lex.weight(&nk.key) > 0.6 || g.exact.contains_key(&base_of(nk)))
            {
                cands.push((i + 1, i + 2, EntityType::Place, 2));
            }
        }
    }

    // Keep the longest non-overlapping candidates (patterns win ties).
    cands.sort_by(|a, b| {
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then(b.3.cmp(&a.3))
            .then(a.0.cmp(&b.0))
    });
    let mut taken = vec![false; terms.len()];
    let mut chosen: Vec<(usize, usize, EntityType)> = Vec::new();
    for (s, e, k, _) in cands {
        if (s..e).any(|x| taken[x]) {
            continue;
        }
        // Set phrases of the language whose words are also name parts (الحمد لله) are names
        // only inside a longer name (رامي الحمد الله).
        if SET_PHRASES.contains(&words[s..e].join(" ").as_str()) {
            continue;
        }
        taken[s..e].iter_mut().for_each(|t| *t = true);
        chosen.push((s, e, k));
    }
    // A bare surname of a person named in full.
    let surname_keys: HashSet<String> = chosen
        .iter()
        .filter(|c| c.2 == EntityType::Person && c.1 - c.0 >= 2)
        .map(|c| text::normalize::seat_key(&terms[c.1 - 1].index))
        .collect();
    // The last word of a compound surname (الحمد الله، عبد الله، أبو ردينة) is no surname alone.
    let surnames: HashSet<String> = chosen
        .iter()
        .filter(|c| {
            c.2 == EntityType::Person
                && c.1 - c.0 >= 2
                && !definite(&words[c.1 - 2])
                && !connector(c.1 - 2)
        })
        .map(|c| bases[c.1 - 1].clone())
        .collect();
    for (i, t) in terms.iter().enumerate() {
        if !taken[i] && surnames.contains(&bases[i]) && !t.stop {
            taken[i] = true;
            chosen.push((i, i + 1, EntityType::Person));
        }
    }
    chosen.sort_by_key(|c| c.0);
    chosen
        .into_iter()
        .map(|(s, e, kind)| {
            let mut start = terms[s].start;
            // و، ف، ل، ب glued to the name (ووزارة، لحركة، وفرج) are not part of it.
            let first = text.get(terms[s].start..terms[s].end).unwrap_or("");
            if let Some(c) = first.chars().next()
                && matches!(c, 'و' | 'ف' | 'ل' | 'ب')
                && !definite(&words[s])
            {
                let rest = &first[c.len_utf8()..];
                let rest_idx = m(rest);
                let listed = |l: &[&str]| l.contains(&rest_idx.as_str());
                if rest.chars().count() >= 3
                    && (listed(ORG_HEADS)
                        || listed(MEDIA_HEADS)
                        || listed(PLACE_HEADS)
                        || listed(TITLES)
                        || g.exact.contains_key(&rest_idx)
                        || surname_keys.contains(&rest_idx))
                {
                    start += c.len_utf8();
                }
            }
            Mention {
                start,
                end: terms[e - 1].end,
                kind,
            }
        })
        .collect()
}

/// Strip one proclitic from the display form so that بالبنتاغون shows as البنتاغون.
fn display_form(text: &str) -> String {
    let t = text.trim();
    for p in ["وبال", "فبال", "وال", "فال", "بال", "كال", "لل"] {
        if let Some(rest) = t.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            // لل = ل + ال: the article's alef is gone in writing.
            return format!("ال{rest}");
        }
    }
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(rest) = t.strip_prefix(p)
            && rest.chars().count() >= 3
            && text::normalize::match_word(rest) != text::normalize::match_word(t)
            && gazetteer()
                .exact
                .contains_key(&text::terms(rest).first().map(base_of).unwrap_or_default())
        {
            return rest.to_string();
        }
    }
    t.to_string()
}

/// Names of a story's articles, spellings merged, counted per outlet.
pub(crate) fn compare_entities(
    articles: &[model::Article],
    terms: &[Vec<text::Term>],
) -> Vec<Entity> {
    struct Acc {
        forms: Vec<(String, usize)>,
        kinds: HashMap<EntityType, usize>,
        sources: Vec<String>,
        counts: BTreeMap<String, usize>,
        first: usize,
    }
    let mut by_key: HashMap<String, Acc> = HashMap::new();
    let mut order = 0usize;
    for (a, ts) in articles.iter().zip(terms) {
        for mention in find_entities_in(&a.text, ts) {
            let raw = a.text.get(mention.start..mention.end).unwrap_or("");
            let form = display_form(raw);
            let key = name_key(&form);
            if key.is_empty() {
                continue;
            }
            // People and other names never merge: the spelling key folds جينا with كينيا and
            // فرانسوا with فرنسا.
            let key = if mention.kind == EntityType::Person {
                format!("{key}#p")
            } else {
                key
            };
            let acc = by_key.entry(key).or_insert_with(|| {
                order += 1;
                Acc {
                    forms: Vec::new(),
                    kinds: HashMap::new(),
                    sources: Vec::new(),
                    counts: BTreeMap::new(),
                    first: order,
                }
            });
            match acc.forms.iter_mut().find(|f| f.0 == form) {
                Some(f) => f.1 += 1,
                None => acc.forms.push((form, 1)),
            }
            *acc.kinds.entry(mention.kind).or_insert(0) += 1;
            if !acc.sources.contains(&a.source) {
                acc.sources.push(a.source.clone());
            }
            *acc.counts.entry(a.source.clone()).or_insert(0) += 1;
        }
    }
    fn merge(by_key: &mut HashMap<String, Acc>, from: &str, to: &str) {
        if from == to {
            return;
        }
        let Some(acc) = by_key.remove(from) else {
            return;
        };
        let Some(t) = by_key.get_mut(to) else {
            by_key.insert(from.to_string(), acc);
            return;
        };
        for (f, n) in acc.forms {
            match t.forms.iter_mut().find(|x| x.0 == f) {
                Some(x) => x.1 += n,
                None => t.forms.push((f, n)),
            }
        }
        for (kind, n) in acc.kinds {
            *t.kinds.entry(kind).or_insert(0) += n;
        }
        for src in acc.sources {
            if !t.sources.contains(&src) {
                t.sources.push(src);
            }
        }
        for (src, n) in acc.counts {
            *t.counts.entry(src).or_insert(0) += n;
        }
        t.first = t.first.min(acc.first);
    }
    let mentions = |by_key: &HashMap<String, Acc>, p: &String| {
        by_key
            .get(p)
            .map_or(0, |a| a.counts.values().sum::<usize>())
    };
    let is_person = |a: &Acc| a.kinds.contains_key(&EntityType::Person);
    // A person named by the end of a longer name of the story (الحمد الله ← رامي الحمد الله)
    // is that person when exactly one longer name fits; of several longer names ending the same
    // way (مايك بومبيو، مايكل بومبيو), the most mentioned one takes the short form.
    let person_keys: Vec<String> = by_key
        .iter()
        .filter(|(k, a)| k.contains(' ') && is_person(a))
        .map(|(k, _)| k.clone())
        .collect();
    let mut short: Vec<String> = by_key.keys().cloned().collect();
    short.sort();
    for k in &short {
        if !by_key.get(k).is_some_and(is_person) {
            continue;
        }
        let longer: Option<&String> = person_keys
            .iter()
            .filter(|p| p.len() > k.len() && p.ends_with(&format!(" {k}")))
            .max_by(|a, b| {
                mentions(&by_key, a)
                    .cmp(&mentions(&by_key, b))
                    .then(b.cmp(a))
            });
        if let Some(target) = longer.cloned() {
            merge(&mut by_key, k, &target);
        }
    }
    // A given name alone (تيريزا، نافتالي) is the one full name of the story it opens; with two
    // such names (ياكوف مارغي، ياكوف ليتزمان) it stays apart.
    for k in &short {
        let Some(bare) = k.strip_suffix("#p").filter(|b| !b.contains(' ')) else {
            continue;
        };
        let opening: Vec<&String> = person_keys
            .iter()
            .filter(|p| p.starts_with(&format!("{bare} ")) && by_key.contains_key(*p))
            .collect();
        if let [target] = opening.as_slice() {
            let target = (*target).clone();
            merge(&mut by_key, k, &target);
        }
    }
    // Places: "X" and "X Y" with Y a place are one place when only one such longer name exists
    // (إقليم كردستان ← إقليم كردستان العراق); a place head before a name (إقليم، مدينة، محافظة)
    // names the same place as the name alone.
    let heads: HashSet<String> = ["مدينه", "ولايه", "محافظه", "اقليم", "قطاع", "بلده", "قريه"]
        .iter()
        .map(|h| name_key(h))
        .collect();
    let place_keys = |by_key: &HashMap<String, Acc>| -> Vec<String> {
        let mut v: Vec<String> = by_key
            .iter()
            .filter(|(k, a)| {
                !k.ends_with("#p")
                    && a.kinds.get(&EntityType::Place).copied().unwrap_or(0) * 2
                        >= a.kinds.values().sum::<usize>()
            })
            .map(|(k, _)| k.clone())
            .collect();
        v.sort();
        v
    };
    let g = gazetteer();
    let ends_in_place = |a: &Acc| -> bool {
        a.forms.iter().any(|(f, _)| {
            f.split_whitespace().last().is_some_and(|w| {
                let ks = keys_of(w);
                let k = ks.join(" ");
                let bare = k.strip_prefix("ال").unwrap_or(&k).to_string();
                g.exact.get(&k).or_else(|| g.exact.get(&bare)) == Some(&EntityType::Place)
            })
        })
    };
    let places = place_keys(&by_key);
    for k in &places {
        let longer: Vec<&String> = places
            .iter()
            .filter(|p| {
                p.starts_with(&format!("{k} "))
                    && p[k.len() + 1..].split(' ').count() == 1
                    && by_key.get(*p).is_some_and(ends_in_place)
            })
            .collect();
        if let [target] = longer.as_slice() {
            let target = (*target).clone();
            merge(&mut by_key, k, &target);
        }
    }
    let places = place_keys(&by_key);
    for k in &places {
        let Some((head, rest)) = k.split_once(' ') else {
            continue;
        };
        if heads.contains(head) && by_key.contains_key(rest) && places.iter().any(|p| p == rest) {
            merge(&mut by_key, rest, k);
        }
    }
    let mut out: Vec<(usize, usize, Entity)> = by_key
        .into_values()
        .map(|acc| {
            let total: usize = acc.counts.values().sum();
            let name = acc
                .forms
                .iter()
                .max_by(|a, b| {
                    a.0.split(' ')
                        .count()
                        .cmp(&b.0.split(' ').count())
                        .then(a.1.cmp(&b.1))
                        .then(b.0.cmp(&a.0))
                })
                .map(|f| f.0.clone())
                .unwrap_or_default();
            let kind = acc
                .kinds
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|k| *k.0)
                .unwrap_or(EntityType::Place);
            (
                total,
                acc.first,
                Entity {
                    name,
                    forms: acc.forms.into_iter().map(|f| f.0).collect(),
                    kind,
                    sources: acc.sources,
                    counts: acc.counts,
                },
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.2.sources
            .len()
            .cmp(&a.2.sources.len())
            .then(b.0.cmp(&a.0))
            .then(a.1.cmp(&b.1))
    });
    out.into_iter().map(|e| e.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<(String, EntityType)> {
        find_entities(t)
            .into_iter()
            .map(|m| (t[m.start..m.end].to_string(), m.kind))
            .collect()
    }

    #[test]
    fn titles_gazetteer_and_heads() {
        let t = "التقى وزير الخارجية الفرنسي جان نويل بارو في القاهرة مع ممثلين عن منظمة الصحة العالمية.";
        let n = names(t);
        assert!(
            n.contains(&("جان نويل بارو".to_string(), EntityType::Person)),
            "{n:?}"
        );
        assert!(
            n.contains(&("القاهرة".to_string(), EntityType::Place)),
            "{n:?}"
        );
        assert!(
            n.contains(&("منظمة الصحة العالمية".to_string(), EntityType::Organization)),
            "{n:?}"
        );
    }

    #[test]
    fn surname_joins_full_name() {
        let t = "قال الجنرال تشارلز كيو براون إن الحوار مستمر. وأضاف براون أن الدعم لن يتوقف.";
        let n = names(t);
        assert!(
            n.contains(&("تشارلز كيو براون".to_string(), EntityType::Person)),
            "{n:?}"
        );
        assert!(
            n.contains(&("براون".to_string(), EntityType::Person)),
            "{n:?}"
        );
    }

    #[test]
    fn given_names_connectors_and_speakers_find_people() {
        let n = names("استقبل الملك سلمان بن عبد العزيز آل سعود الوفد في الرياض.");
        assert!(
            n.contains(&(
                "سلمان بن عبد العزيز آل سعود".to_string(),
                EntityType::Person
            )),
            "{n:?}"
        );
        let n = names("سجل هاني إسماعيل هدف الفوز في الدقيقة الأخيرة.");
        assert_eq!(n, vec![("هاني إسماعيل".to_string(), EntityType::Person)]);
        let n = names("وقال ليبرمان إن الحكومة لن تتراجع عن قرارها.");
        assert_eq!(n, vec![("ليبرمان".to_string(), EntityType::Person)]);
        // A family name listed as a place in the encyclopaedia is a person.
        let n = names("وأعلن بوش أن القوات ستبقى في العراق.");
        assert!(
            n.contains(&("بوش".to_string(), EntityType::Person)),
            "{n:?}"
        );
    }

    #[test]
    fn common_words_are_not_names() {
        // يصل is not فيصل without its first letter; بيان and مصدر after a verb are no people.
        for t in [
            "لا يصل الماء إلى القرى منذ أسبوع.",
            "وذكر بيان للوزارة أن الاجتماع انتهى.",
            "وأشار مصدر مطلع إلى أن المفاوضات متعثرة.",
        ] {
            let n = names(t);
            assert!(n.iter().all(|x| x.1 != EntityType::Person), "{t}: {n:?}");
        }
    }
}
