//! Which news agency a text credits, if it names one.
//!
//! Credits are recognised on lightly folded text (so أ/ا, ة/ه and digit forms do not matter):
//! a name in parentheses (`(واس)`, `(ا ف ب)`), after a dash at the start or end of a paragraph
//! (`- رويترز`), or after an attribution verb or phrase (`حسب رويترز`, `نقلا عن وكاله الانباء
//! السعوديه`, `ذكرت وكاله فرانس برس`, `لرويترز`). A bare mention in the middle of a sentence is not
//! a credit. Only the first 1500 and the last 600 bytes are searched. It does not judge whether
//! the credit is true.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use text::normalize::{FxBuild, TATWEEL, is_control, is_diacritic};

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
    let head = text.get(..head_end).unwrap_or("");
    if names_an_agency(head)
        && let Some(name) = agency_in(&fold(head))
    {
        return Some(name);
    }
    let tail = text.get(tail_start..).unwrap_or("");
    if names_an_agency(tail) {
        agency_in(&fold(tail))
    } else {
        None
    }
}

/// What [`names_an_agency`] does with a character below U+0800: drop it (marks, tatweel,
/// controls), end a word (non-word characters), or add its folded form to the word.
const DROP: u16 = 0xFFFF;
const SEP: u16 = 0xFFFE;
const FOLD_LEN: usize = 0x800;

fn fold_code(c: char) -> u16 {
    match fold_char(c) {
        None => DROP,
        Some(f) if is_word(f) => u32::from(f).min(u32::from(SEP) - 1) as u16,
        Some(_) => SEP,
    }
}

static FOLD_TABLE: LazyLock<[u16; FOLD_LEN]> = LazyLock::new(|| {
    let mut t = [SEP; FOLD_LEN];
    for (cp, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(cp as u32) {
            *slot = fold_code(c);
        }
    }
    t
});

/// Hash of a folded word, one character at a time (FNV-style over code points).
#[inline(always)]
fn word_hash(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
}
const WORD_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Hash of two consecutive words (their [`word_hash`]es).
#[inline]
fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(29) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Word hashes, and a 4096-bit filter of them.
type HashFilter = (HashSet<u64, FxBuild>, Box<[u64; 64]>);

/// What a credit starts with: the hash of every one-word spelling and the [`pair_hash`] of the
/// first two words of every longer one, with a 4096-bit filter of them.
static OPENINGS: LazyLock<HashFilter> = LazyLock::new(|| {
    let mut set = HashSet::default();
    let mut bits = Box::new([0u64; 64]);
    let hash = |w: &str| {
        w.chars()
            .fold(WORD_HASH_START, |h, c| word_hash(h, c as u32))
    };
    for &(_, forms) in AGENCIES {
        for form in forms {
            let mut words = form.split(' ').map(hash);
            let h = match (words.next(), words.next()) {
                (Some(first), Some(second)) => pair_hash(first, second),
                (Some(first), None) => first,
                _ => continue,
            };
            set.insert(h);
            bits[(h >> 58) as usize] |= 1 << ((h >> 52) & 63);
        }
    }
    (set, bits)
});

/// The words of the quick pass so far: the last complete word (its hash, and the hash of what
/// follows a leading lam when that leaves at least four letters), and the word being read.
struct Scan {
    prev: Option<(u64, Option<u64>)>,
    h: u64,
    h_lam: u64,
    n_lam: usize,
    n: usize,
    lam: bool,
}

impl Scan {
    #[inline(always)]
    fn push(&mut self, c: u32) {
        if self.n == 0 {
            self.lam = c == 0x0644;
        } else if self.lam {
            self.h_lam = word_hash(self.h_lam, c);
            self.n_lam += 1;
        }
        self.h = word_hash(self.h, c);
        self.n += 1;
    }

    /// End the current word; true when it (or it after a glued lam), alone or after the
    /// previous word, opens a credit.
    #[inline(always)]
    fn end_word(&mut self, known: impl Fn(u64) -> bool) -> bool {
        if self.n == 0 {
            return false;
        }
        let (h, h_lam) = (self.h, (self.lam && self.n_lam >= 4).then_some(self.h_lam));
        let opens = known(h)
            || h_lam.is_some_and(&known)
            || self.prev.is_some_and(|(p, p_lam)| {
                known(pair_hash(p, h)) || p_lam.is_some_and(|p| known(pair_hash(p, h)))
            });
        self.prev = Some((h, h_lam));
        (self.h, self.h_lam, self.n_lam, self.n) = (WORD_HASH_START, WORD_HASH_START, 0, 0);
        opens
    }
}

/// Quick pass: can [`agency_in`] find a credit in `fold(s)`? It only ever answers from a word
/// that is a one-word spelling, or from two consecutive words that open a longer one (the first
/// possibly after a glued lam that leaves at least four letters); most texts have neither.
/// Words are those of `agency_in` on `fold(s)` (runs of word characters once marks are
/// dropped), compared by 64-bit hashes; a hash collision only costs the full search.
fn names_an_agency(s: &str) -> bool {
    let table: &[u16; FOLD_LEN] = &FOLD_TABLE;
    let (set, bits) = &*OPENINGS;
    let known = |h: u64| bits[(h >> 58) as usize] >> ((h >> 52) & 63) & 1 == 1 && set.contains(&h);
    let mut scan = Scan {
        prev: None,
        h: WORD_HASH_START,
        h_lam: WORD_HASH_START,
        n_lam: 0,
        n: 0,
        lam: false,
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (code, len) = if b < 0x80 {
            (table[b as usize], 1)
        } else if b < 0xE0 {
            let cont = bytes.get(i + 1).map_or(0, |&x| x as usize & 0x3F);
            (table[((b as usize & 0x1F) << 6) | cont], 2)
        } else {
            // Above U+07FF: fold the character itself.
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let code = match fold_char(c) {
                None => DROP,
                Some(f) if is_word(f) => {
                    scan.push(f as u32);
                    i += c.len_utf8();
                    continue;
                }
                Some(_) => SEP,
            };
            (code, c.len_utf8())
        };
        i += len;
        match code {
            DROP => {}
            SEP => {
                if scan.end_word(known) {
                    return true;
                }
            }
            c => scan.push(u32::from(c)),
        }
    }
    scan.end_word(known)
}

/// The part of the index fold that credits need (alef forms, ta marbuta, alef maqsura, Arabic
/// comma; marks, tatweel and controls dropped; ASCII lower-cased), cheaper than the full
/// `text::normalize::index` and enough for agency names.
fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// One character of [`fold`] (`None`: dropped).
#[inline]
fn fold_char(c: char) -> Option<char> {
    match c {
        // Fast path: the plain Arabic letters other than the folded ones below.
        '\u{0621}' | '\u{0624}' | '\u{0626}'..='\u{0628}' | '\u{062A}'..='\u{063A}' => Some(c),
        '\u{0641}'..='\u{0648}' | '\u{064A}' => Some(c),
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ة' => Some('ه'),
        'ى' => Some('ي'),
        '،' => Some(','),
        c if c.is_ascii() => Some(c.to_ascii_lowercase()),
        c if is_diacritic(c) || c == TATWEEL || is_control(c) => None,
        c => Some(c),
    }
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

static FIRST_WORDS: LazyLock<HashMap<&'static str, Vec<Spelling>, FxBuild>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<Spelling>, FxBuild> = HashMap::default();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `agency` without the quick pass.
    fn unfiltered(text: &str) -> Option<&'static str> {
        let head_end = floor_boundary(text, HEAD);
        let tail_start = floor_boundary(text, text.len().saturating_sub(TAIL)).max(head_end);
        agency_in(&fold(&text[..head_end])).or_else(|| agency_in(&fold(&text[tail_start..])))
    }

    #[test]
    fn quick_pass_never_hides_a_credit() {
        // Pieces of credits, spelled with marks, tatweel, controls, glued lams and hamza forms,
        // between ordinary words and punctuation.
        let pool = [
            "واس",
            "(واس)",
            "وَاس",
            "واــس",
            "(أ ف ب)",
            "أ ف ب",
            "ا ف ب",
            "أ\u{200F} ف ب",
            "فرانس برس",
            "فرانسْ برس",
            "لرويترز",
            "لرويتر",
            "رويترز",
            "رُويترز",
            "- رويترز",
            "وكالة الأنباء السعودية",
            // Pieces of longer spellings, so that they also appear broken up and out of order.
            "وكالة",
            "لوكالة",
            "الأنباء",
            "السعودية",
            "انباء",
            "الشرق",
            "الأوسط",
            "أ",
            "ف",
            "ب",
            "ش",
            "د",
            "فرانس",
            "برس",
            "ايتار",
            "اسوشيتد",
            "وكالة\u{0640} الأنباء السعودية",
            "أ ش أ",
            "د ب أ",
            "الأناضول",
            "لوكالة الأناضول",
            "اسوشيتد برس",
            "أسوشيتد برس",
            "ا ب",
            "سبوتنيك",
            "وام",
            "قنا",
            "كونا",
            "بترا",
            "سانا",
            "واج",
            "وات",
            "ومع",
            "بنا",
            "العمانية",
            "تاس",
            "شينخوا",
            "إرنا",
            "وفا",
            "يونا",
            "REUTERS",
            "حسب",
            "بحسب",
            "نقلا عن",
            "ذكرت",
            "قالت",
            "المصدر:",
            "وفقا ل",
            "ل",
            "أعلن",
            "الرئيس",
            "المشروع",
            "في",
            "العاصمة",
            "اليوم",
            "(",
            ")",
            "[",
            "]",
            "-",
            "–",
            ":",
            "،",
            ",",
            ".",
            "\n",
            " ",
            "  ",
            "ة",
            "ى",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut credited = 0;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(3 + state % 14) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(pool[(state % pool.len() as u64) as usize]);
                if state & 0x30 != 0 {
                    s.push(' ');
                }
            }
            state = state.wrapping_add(0x632b_e59b_d9b4_e019);
            let want = unfiltered(&s);
            credited += want.is_some() as usize;
            assert_eq!(agency(&s), want, "{s:?}");
        }
        // The strings exercise both answers.
        assert!((2_000..18_000).contains(&credited), "{credited}");
        for text in [
            include_str!("../tests/data/seed_levantine.txt"),
            include_str!("../tests/data/seed_egyptian.txt"),
        ] {
            assert_eq!(agency(text), unfiltered(text));
        }
        for line in include_str!("../tests/data/dev_articles.jsonl").lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let text = v["text"].as_str().unwrap_or("");
            assert_eq!(agency(text), unfiltered(text), "{text}");
        }
    }
}
