//! Which news agency a text credits, if it names one.
//!
//! Credits are recognised on lightly folded text (so أ/ا, ة/ه and digit forms do not matter):
//! a name in parentheses (`(واس)`, `(ا ف ب)`), after a dash at the start or end of a paragraph
//! (`- رويترز`), or after an attribution verb or phrase (`حسب رويترز`, `نقلا عن وكاله الانباء
//! السعوديه`, `ذكرت وكاله فرانس برس`, `لرويترز`). A bare mention in the middle of a sentence is not
//! a credit. Only the first 1500 and the last 600 bytes are searched. It does not judge whether
//! the credit is true.

use std::collections::HashMap;
use std::sync::LazyLock;
use text::normalize::{TATWEEL, is_control, is_diacritic};

/// (canonical name, index-normalised spellings).
const AGENCIES: &[(&str, &[&str])] = &[
    ("واس", &["واس", "وكاله الانباء السعوديه"]),
    ("أ ف ب", &["ا ف ب", "اف ب", "فرانس برس", "فرانس بريس"]),
    ("رويترز", &["رويترز", "رويتر"]),
    (
        "أ ش أ",
        &["ا ش ا", "وكاله انباء الشرق الاوسط", "وكاله الشرق الاوسط"],
    ),
    ("د ب أ", &["د ب ا", "وكاله الانباء الالمانيه"]),
    ("الأناضول", &["الاناضول", "وكاله الاناضول"]),
    (
        "أسوشيتد برس",
        &["اسوشيتد برس", "اسوشيتدبرس", "اسوشيتيد برس", "ا ب"],
    ),
    ("سبوتنيك", &["سبوتنيك"]),
    ("وام", &["وام", "وكاله انباء الامارات"]),
    ("قنا", &["قنا", "وكاله الانباء القطريه"]),
    ("كونا", &["كونا", "وكاله الانباء الكويتيه"]),
    ("بترا", &["بترا", "وكاله الانباء الاردنيه"]),
    ("سانا", &["سانا", "الوكاله العربيه السوريه للانباء"]),
    ("واج", &["واج", "وكاله الانباء الجزائريه"]),
    ("وات", &["وات", "وكاله تونس افريقيا للانباء"]),
    ("ومع", &["ومع", "وكاله المغرب العربي للانباء"]),
    ("بنا", &["بنا", "وكاله انباء البحرين"]),
    ("العمانية", &["العمانيه", "وكاله الانباء العمانيه"]),
    ("تاس", &["تاس", "ايتار تاس"]),
    ("شينخوا", &["شينخوا", "شينغوا"]),
    ("إرنا", &["ارنا"]),
    ("وفا", &["وفا", "وكاله الانباء الفلسطينيه"]),
    ("يونا", &["يونا"]),
];

/// Words after which a name is a credit: "according to", "quoting", "reported", ...
const CUES: &[&str] = &[
    "حسب",
    "بحسب",
    "نقلا عن",
    "وفقا ل",
    "وفق",
    "ذكرت",
    "افادت",
    "اوردت",
    "نقلت",
    "قالت",
    "اعلنت",
    "وكاله",
    "لوكاله",
    "ل",
    "المصدر",
    "المصدر:",
];

/// Word character test with fast paths for ASCII and Arabic letters.
#[inline]
fn is_word(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' => true,
        c if c.is_ascii() || ('\u{060C}'..='\u{061F}').contains(&c) => false,
        c => c.is_alphanumeric(),
    }
}

fn is_sep(c: char) -> bool {
    !is_word(c)
}

/// The agency credited by `text`, as a canonical short Arabic name (e.g. `واس`, `أ ف ب`,
/// `رويترز`), or `None`. When several are credited, the earliest credit wins.
pub fn agency(text: &str) -> Option<&'static str> {
    // Credits sit in the lead or at the end; the middle of a long text is quotes and background.
    let head_end = floor_boundary(text, HEAD);
    let tail_start = floor_boundary(text, text.len().saturating_sub(TAIL)).max(head_end);
    let head = agency_in(&fold(&text[..head_end]));
    if head.is_some() {
        return head;
    }
    agency_in(&fold(&text[tail_start..]))
}

/// The part of the index fold that credits need (alef forms, ta marbuta, alef maqsura, Arabic
/// comma; marks, tatweel and controls dropped; ASCII lower-cased), cheaper than the full
/// `text::normalize::index` and enough for agency names.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ة' => out.push('ه'),
            'ى' => out.push('ي'),
            '،' => out.push(','),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if is_diacritic(c) || c == TATWEEL || is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Bytes of the start and of the end of a text searched for a credit.
const HEAD: usize = 1500;
const TAIL: usize = 600;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// First word of every spelling → (all its words, canonical name).
/// Words of one spelling and the canonical name it stands for.
type Spelling = (Vec<&'static str>, &'static str);

static FIRST_WORDS: LazyLock<HashMap<&'static str, Vec<Spelling>>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<Spelling>> = HashMap::new();
    for &(name, forms) in AGENCIES {
        for form in forms {
            let words: Vec<&'static str> = form.split(' ').collect();
            m.entry(words[0]).or_default().push((words, name));
        }
    }
    m
});

/// Words of `norm` with their byte spans (a word is a run of alphanumeric chars).
fn words(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in norm.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, norm.len()));
    }
    out
}

fn agency_in(norm: &str) -> Option<&'static str> {
    let spans = words(norm);
    let word = |i: usize| spans.get(i).and_then(|&(s, e)| norm.get(s..e));
    for (i, &(s, _)) in spans.iter().enumerate() {
        let Some(w) = word(i) else { continue };
        // A glued attribution lam (لرويترز) is tried as well as the word itself.
        let tries = [(w, false), (w.strip_prefix('ل').unwrap_or(""), true)];
        for (first, glued_lam) in tries {
            if first.is_empty() || glued_lam && first.chars().count() < 4 {
                continue;
            }
            let Some(cands) = FIRST_WORDS.get(first) else {
                continue;
            };
            for (form, name) in cands {
                let n = form.len();
                if (1..n).any(|k| word(i + k) != Some(form[k])) {
                    continue;
                }
                // Multi-word forms must be separated by plain spaces only.
                let end = spans[i + n - 1].1;
                if n > 1 && !norm[s..end].chars().all(|c| is_word(c) || c == ' ') {
                    continue;
                }
                let before = norm.get(..s).unwrap_or("");
                let after = norm.get(end..).unwrap_or("");
                if credited(before, after, glued_lam) {
                    return Some(name);
                }
            }
        }
    }
    None
}

fn credited(before: &str, after: &str, glued_lam: bool) -> bool {
    if glued_lam {
        return true;
    }
    let b = before.trim_end();
    let a = after.trim_start();
    // In parentheses or brackets.
    if (b.ends_with('(') || b.ends_with('[')) && (a.starts_with(')') || a.starts_with(']')) {
        return true;
    }
    // After a dash, or at the very end / start of a line.
    if b.ends_with('-') || b.ends_with('–') || b.ends_with('—') {
        return true;
    }
    let line_end =
        a.is_empty() || a.starts_with('\n') || a.starts_with('.') && a[1..].trim_start().is_empty();
    if b.is_empty() && (a.starts_with('-') || a.starts_with(':') || a.starts_with('–')) {
        return true;
    }
    let b_word = b.trim_end_matches([':', '،', ',']);
    CUES.iter()
        .any(|cue| b_word.ends_with(cue) && cue_boundary(b_word, cue))
        || line_end && b.ends_with(['.', '،', ','])
}

fn cue_boundary(b: &str, cue: &str) -> bool {
    let rest = &b[..b.len() - cue.len()];
    rest.chars()
        .next_back()
        .is_none_or(|c| is_sep(c) || c == 'و' || c == 'ف' || c == 'ب')
}
