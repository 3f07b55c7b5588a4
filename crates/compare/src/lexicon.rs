//! Word knowledge the comparison needs beyond `text`: near-synonym classes of general news
//! vocabulary, reporting verbs, word weights (IDF) and the name-alias key.
//!
//! Everything here is built once from tables compiled into the crate (no IO at run time) and kept
//! in immutable process-wide statics. Nothing here knows about any particular story.
//!
//! * [`concept`] maps a word to the unit two sentences compare on: its near-synonym class when the
//!   word is in the table below, else its light stem (long words fold further by [`skeleton`] so
//!   that transliteration variants such as الأميركية/الأمريكية meet).
//! * [`weight`] is an IDF weight from sentence frequencies in WikiFANE (see `data/README.md`).
//! * [`name_key`] is the lossy alias key used only to merge spellings of one name.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Near-synonym classes of common news vocabulary, one class per line, forms separated by
/// spaces (written as ordinary Arabic; each form goes through `text::terms` to get its key).
///
/// The classes are general newswire paraphrase pairs (verbs of including, sending, meeting,
/// attacking, killing; nouns for troops, talks, countries, aid, casualties ...). They do not come
/// from any test article. A word may sit in one class only: the first class wins.
const SYNONYM_CLASSES: &[&str] = &[
    "تتضمن يتضمن تضمن تضمنت تشمل يشمل شمل شملت تحتوي يحتوي احتوى تحتوى",
    "جنود جندي الجنود قوات قوة القوات عسكريين عسكريون العسكريين أفراد_عسكريين",
    "وجود تواجد نشر انتشار إرسال إيفاد ينشر نشرت أرسل ترسل يرسل",
    "محادثات مباحثات مفاوضات محادثة مباحثة مفاوضة مشاورات حوار نقاشات مناقشات",
    "دول بلدان دولة بلد",
    "قتلى قتيل مقتل قتل قتلوا مصرع حتفهم وفاة وفيات ضحايا ضحية شهداء شهيد",
    "جرحى جريح إصابة إصابات مصابين مصابون جرح جرحت",
    "أشخاص شخص شخصا أفراد فرد",
    "تمويل يمول تمول مول موّل تمويلا أموال الأموال مبالغ",
    "مساعدة مساعدات المساعدات دعم معونة معونات إغاثة",
    "اجتماع لقاء اجتمع التقى التقاء يلتقي يجتمع اجتمعت",
    "زعيم قائد زعماء قادة",
    "هجوم هجمات اعتداء اعتداءات غارة غارات ضربة ضربات قصف",
    "انفجار تفجير انفجارات تفجيرات",
    "أعلن يعلن أعلنت تعلن إعلان",
    "رفض يرفض ترفض رفضت رفضه",
    "وافق يوافق موافقة وافقت أقر يقر",
    "اتفاق اتفاقية صفقة اتفاقيات",
    "مقترح اقتراح مقترحا اقترح مبادرة اقتراحا",
    "خيارات بدائل خيار بديل",
    "مؤقت انتقالي مؤقتة انتقالية",
    "أولية مبكرة أوليا مبدئية تمهيدية أولي مبكر",
    "انتخابات اقتراع انتخاب",
    "احتياجات متطلبات حاجات",
    "أسلحة سلاح عتاد ذخائر ذخيرة أسلحتها",
    "مدنيين مدنيون مدني سكان",
    "مظاهرات احتجاجات تظاهرات مسيرات مظاهرة احتجاج تظاهرة",
    "اعتقال اعتقل احتجاز توقيف اعتقالات القبض",
    "طائرة طائرات مروحية مروحيات هليكوبتر",
    "بيان تصريح تصريحات بيانا",
    "مصدر مصادر",
    "تقرير تقارير",
    "زيارة زار يزور",
    "حرب نزاع صراع معارك قتال اشتباكات",
    "هدنة وقف_إطلاق",
    "ارتفاع زيادة ارتفع تزايد يرتفع ارتفعت",
    "انخفاض تراجع انخفض هبوط تراجعت انخفضت",
    "أسعار سعر",
    "منطقة مناطق إقليم",
    "مدينة مدن",
    "طالب يطالب مطالبة دعا دعوة يدعو دعت",
    "حذر يحذر تحذير حذرت تحذيرات",
    "أزمة أزمات",
    "سيارة سيارات مركبة مركبات",
    "عملية عمليات",
    "تحقيق تحقيقات",
    "محكمة قضاء",
    "عقوبات عقوبة",
    "استقالة استقال",
    "فوز فاز يفوز",
    "خسارة خسر هزيمة",
    "أطفال طفل",
    "لاجئين لاجئون نازحين نازحون مهاجرين",
    "مستشفى مستشفيات",
    "كبير بارز رفيع",
    "مختلفة عدة متعددة عديدة",
    "هياكل بنيات بنى",
    "شركاء شريك حلفاء حليف",
    "تسليم توصيل تزويد إمداد تسلم",
    "تقديم يقدم تقدم قدم",
    "أشهر شهور",
    "أسابيع أسبوع",
    "انتهاء نهاية",
    "أمريكي أمريكية أمريكيين أميركي أميركية أميركيين الأمريكي الأميركي",
    "تلبية تغطية",
    "مسؤول مسؤولون مسؤولين",
    "كشف أظهر يكشف تكشف",
    "سعى يسعى تسعى",
];

/// Reporting and framing verbs: they say who spoke, not what happened, so they weigh little.
const REPORTING: &[&str] = &[
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "أضاف",
    "أضافت",
    "مضيفا",
    "مضيفة",
    "أكد",
    "أكدت",
    "مؤكدا",
    "أوضح",
    "أوضحت",
    "موضحا",
    "صرح",
    "صرحت",
    "أشار",
    "أشارت",
    "مشيرا",
    "ذكر",
    "ذكرت",
    "شدد",
    "شددت",
    "مشددا",
    "اعتبر",
    "اعتبرت",
    "معتبرا",
    "لفت",
    "لفتت",
    "لافتا",
    "أفاد",
    "أفادت",
    "تابع",
    "تابعت",
    "أردف",
    "نقل",
    "نقلا",
    "وفقا",
    "بحسب",
    "حسب",
    "طبقا",
];

/// Function words that frame a sentence without telling what happened: they weigh little too.
const FRAMING: &[&str] = &[
    "أن",
    "إن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "كما",
    "ذلك",
    "تلك",
    "هذا",
    "هذه",
    "وقت",
    "خلال",
    "بين",
    "بعد",
    "قبل",
    "حيث",
    "عندما",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "أي",
    "كل",
    "بعض",
    "غير",
    "لم",
    "لن",
    "منذ",
    "حتى",
    "أيضا",
    "إلى",
    "على",
    "عن",
    "فيما",
    "بينما",
    "لكن",
    "دون",
    "بدون",
    "ضمن",
    "عبر",
    "لدى",
    "عند",
    "هناك",
    "هنا",
    "الذين",
    "اللذين",
    "وهو",
    "وهي",
    "هو",
    "هي",
    "هم",
    "تم",
    "يتم",
    "سياق",
    "آخر",
    "أخرى",
    "جهة",
    "إطار",
];

pub(crate) struct Lexicon {
    synonyms: HashMap<String, u32>,
    /// Verbs of saying and attribution words (قال، أضاف، بحسب).
    speech: std::collections::HashSet<String>,
    /// `speech` and framing function words (أن، حيث، كما).
    reporting: std::collections::HashSet<String>,
    df: HashMap<String, u32>,
    n_docs: f32,
}

fn first_key(word: &str) -> Option<String> {
    text::terms(word).into_iter().next().map(|t| t.key)
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut synonyms = HashMap::new();
        for (i, line) in SYNONYM_CLASSES.iter().enumerate() {
            for form in line.split_whitespace() {
                // `_` joins a multi-word form; only its first word is the lookup key.
                let head = form.split('_').next().unwrap_or(form);
                if let Some(k) = first_key(head) {
                    synonyms.entry(k.clone()).or_insert(i as u32);
                    synonyms
                        .entry(text::stem::light_stem(&k))
                        .or_insert(i as u32);
                }
            }
        }
        let speech: std::collections::HashSet<String> =
            REPORTING.iter().filter_map(|w| first_key(w)).collect();
        let reporting = REPORTING
            .iter()
            .chain(FRAMING)
            .filter_map(|w| first_key(w))
            .collect();
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut n_docs = 1.0f32;
        for line in include_str!("../data/df.tsv").lines() {
            let mut parts = line.split('\t');
            let (Some(w), Some(c)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Ok(c) = c.trim().parse::<u32>() else {
                continue;
            };
            if w == "#N" {
                n_docs = c as f32;
                continue;
            }
            if w.starts_with('#') {
                continue;
            }
            if let Some(k) = first_key(w) {
                let e = df.entry(k).or_insert(0);
                *e = (*e).max(c);
            }
        }
        Lexicon {
            synonyms,
            speech,
            reporting,
            df,
            n_docs,
        }
    })
}

impl Lexicon {
    /// Near-synonym class of a term, if any.
    pub(crate) fn synonym_class(&self, key: &str, stem: &str) -> Option<u32> {
        self.synonyms
            .get(key)
            .or_else(|| self.synonyms.get(stem))
            .copied()
    }

    /// A verb of saying or an attribution word (not a framing function word such as حيث).
    pub(crate) fn is_speech(&self, key: &str) -> bool {
        self.speech.contains(key)
    }

    pub(crate) fn is_reporting(&self, key: &str) -> bool {
        self.reporting.contains(key)
    }

    /// IDF weight in (0, 1]: 1 for a word never seen in the reference sentences.
    pub(crate) fn weight(&self, key: &str) -> f32 {
        let max = (self.n_docs + 1.0).ln();
        let df = self.df.get(key).copied().unwrap_or(0) as f32;
        (((self.n_docs + 1.0) / (df + 1.0)).ln() / max).clamp(0.05, 1.0)
    }
}

/// The comparison unit of one term: `syn:N` for a near-synonym class, else a stem or skeleton.
pub(crate) fn concept(lex: &Lexicon, key: &str, stem: &str) -> String {
    if let Some(c) = lex.synonym_class(key, stem) {
        return format!("syn:{c}");
    }
    if stem.chars().count() >= 5 {
        format!("sk:{}", skeleton(stem))
    } else {
        stem.to_string()
    }
}

/// Consonant skeleton of a match key: the transliteration alternations of Arabic news (غ/ج/ق/ك,
/// emphatic/plain pairs, long vowels written or not, doubled letters, final vowel letter) folded.
/// Lossy: only for comparing names and long words.
pub(crate) fn skeleton(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len());
    let mut last: Option<char> = None;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let f = match c {
            'غ' | 'ج' | 'ق' | 'ك' | 'گ' | 'ڨ' => 'ك',
            'ط' => 'ت',
            'ص' => 'س',
            'ض' => 'د',
            'ذ' | 'ظ' => 'ز',
            'ڤ' => 'ف',
            'پ' => 'ب',
            'ة' => 'ه',
            'ى' => 'ي',
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        };
        // Long vowels inside the word (not the first letter) are often written or not.
        if i > 0 && matches!(f, 'ا' | 'و' | 'ي') {
            continue;
        }
        // A final vowel letter of a foreign name: سوريا/سورية/سوريه.
        if i + 1 == n && i > 1 && matches!(f, 'ه') {
            continue;
        }
        if last == Some(f) {
            continue;
        }
        out.push(f);
        last = Some(f);
    }
    out
}

/// Alias key of a (possibly multi-word) name: each word's match key without the article,
/// skeletonised; words joined by a space. البنتاغون and البنتاجون get the same key.
pub(crate) fn name_key(name: &str) -> String {
    let mut out = Vec::new();
    for t in text::terms(name) {
        let base = text::normalize::seat_key(text::stem::strip_clitics(&t.index));
        let k = base
            .strip_prefix("ال")
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(&base)
            .to_string();
        out.push(skeleton(&k));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_meets_transliteration_variants() {
        for (a, b) in [
            ("البنتاغون", "البنتاجون"),
            ("الأميركية", "الأمريكية"),
            ("غوتيريش", "جوتيريش"),
            ("سوريا", "سورية"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} vs {b}");
        }
        assert_ne!(name_key("غزة"), name_key("بيروت"));
    }

    #[test]
    fn synonyms_share_a_concept() {
        let lex = lexicon();
        let c = |w: &str| {
            let t = &text::terms(w)[0];
            concept(lex, &t.key, &t.stem)
        };
        assert_eq!(c("تتضمن"), c("تشمل"));
        assert_eq!(c("جنود"), c("قوات"));
        assert_eq!(c("محادثات"), c("مباحثات"));
        assert_ne!(c("محادثات"), c("قوات"));
    }

    #[test]
    fn common_words_weigh_less_than_rare_ones() {
        let lex = lexicon();
        let k = |w: &str| text::terms(w)[0].key.clone();
        assert!(lex.weight(&k("الحرب")) < lex.weight(&k("بوليتيكو")));
    }
}
