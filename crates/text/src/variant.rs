//! The spelling-variant model: which words are names or loanwords, and the key two spellings of
//! one name share.
//!
//! Outlets spell foreign names and loanwords their own way (سالزبورغ/سالزبورج, لوبان/لوبن,
//! ميجاوات/ميجاواط, بيللوتشي/بيلوتشي, طبريا/طبرية) while native words one letter apart are
//! different words (غرب/جرب, المحددة/المحدودة). So the lossy *name skeleton* ([`name_skeleton`]:
//! vowel letters out, /g/ letters one class, ت/ط/ث, تش/ش, doubled letters, final ا/ة) is applied
//! only to words judged names, and its key carries a mark ([`NAME_MARK`]) so that a name's key
//! never equals a native word's key (كيم/كم, فان/فن).
//!
//! How a word is judged, in order:
//! 1. **The mined table** (`data/variants.tsv`, built from the two corpora by
//!    `examples/build_variants.rs`, counts included): words seen in the corpora with a spelling
//!    variant that is used in the same contexts and by other outlets get their group's key; frequent
//!    corpus words that the letter model would take for names but that behave as native words are
//!    listed as native and keep their exact key.
//! 2. **The letter model** (`data/name_trigrams.tsv`, built by the same tool): a character-trigram
//!    log-likelihood ratio of "transliterated name" (Wikidata and Wikipedia name lists) against
//!    "corpus word"; a word it scores at or above [`NAME_THRESHOLD`] is a name.
//! 3. **The transliterated-name lexicon** of [`crate::normalize::is_loan_skeleton`].
//!
//! Anything else keeps its exact base key (index level with hamza seats unified).

use crate::normalize::{self, FxBuild};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// First char of every name key: tatweel, which the index level removes from words, so no native
/// key can start with it and a key stays a fixpoint of [`crate::normalize::match_word`].
pub const NAME_MARK: char = '\u{0640}';

/// Which rule made a match key (shown by `khabar analyze`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The mined variant table gave the key (a name with spelling variants in the corpora).
    Lexicon,
    /// Judged a name by the letter model or the name lexicon: the key is its name skeleton.
    NameSkeleton,
    /// A native word whose hamza seat was unified.
    Hamza,
    /// The key is the index form.
    None,
}

impl Rule {
    /// Lower-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Lexicon => "lexicon",
            Rule::NameSkeleton => "name_skeleton",
            Rule::Hamza => "hamza",
            Rule::None => "none",
        }
    }
}

#[inline]
fn is_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي')
}

/// Consonant class of a letter inside a name: /g/ letters, emphatics and interdentals folded.
#[inline]
fn name_class(c: char) -> char {
    match c {
        'غ' | 'ج' | 'ق' | 'ك' => 'ج',
        'ط' | 'ث' => 'ت',
        'ص' => 'س',
        'ض' => 'د',
        'ظ' | 'ذ' => 'ز',
        'ء' | 'أ' | 'إ' | 'آ' => 'ا',
        'ة' => 'ه',
        c => c,
    }
}

/// Name skeleton of a base-key word (no mark): final ة/ه → ا (أسمرة/أسمرا, طبرية/طبريا),
/// تش → ش, letters to their consonant class, vowel letters ا و ي out except first and last,
/// doubled letters single (before vowel letters go, so ججت stays apart from جت).
pub fn name_skeleton(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().map(name_class).collect();
    if chars.len() > 2 && chars.last() == Some(&'ه') {
        let n = chars.len();
        chars[n - 1] = 'ا';
    }
    // Doubled letters single and تش → ش first, so that vowel letters dropped later do not make
    // new doubles (غيغاواط keeps both /g/ letters: ججت, not جت).
    chars.dedup();
    let mut plain: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if !(c == 'ت' && chars.get(i + 1) == Some(&'ش')) {
            plain.push(c);
        }
    }
    let n = plain.len();
    plain
        .iter()
        .enumerate()
        .filter(|&(i, &c)| i == 0 || i + 1 == n || !is_vowel(c))
        .map(|(_, &c)| c)
        .collect()
}

/// The key of a word judged a name: [`NAME_MARK`] + [`name_skeleton`].
pub fn name_key(word: &str) -> String {
    let mut k = String::with_capacity(word.len() + 2);
    k.push(NAME_MARK);
    k.push_str(&name_skeleton(word));
    k
}

/// Is `key` already a name key? No word starts with [`NAME_MARK`] (the index level drops it),
/// so the mark alone tells.
pub fn is_name_key(key: &str) -> bool {
    key.strip_prefix(NAME_MARK)
        .is_some_and(|rest| !rest.is_empty())
}

/// Character-trigram log-likelihood ratios of "name" against "corpus word".
pub struct NameModel {
    llr: HashMap<[char; 3], f32, FxBuild>,
    /// Score at or above which a word is judged a name (learned by the builder).
    pub threshold: f32,
}

impl NameModel {
    /// Parse `trigram<TAB>llr` lines (`#` comments, and `#threshold<TAB>T`); `^` and `$` mark
    /// the word's ends.
    pub fn from_tsv(tsv: &str) -> NameModel {
        let mut llr = HashMap::default();
        let threshold = tsv
            .lines()
            .find_map(|l| l.strip_prefix("#threshold\t"))
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(f32::MAX);
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(g), Some(v)) = (f.next(), f.next()) else {
                continue;
            };
            let cs: Vec<char> = g.chars().collect();
            if let (Ok(v), [a, b, c]) = (v.parse::<f32>(), cs.as_slice()) {
                llr.insert([*a, *b, *c], v);
            }
        }
        NameModel { llr, threshold }
    }

    /// Build from trigram ratios directly (the builder's own fresh model).
    pub fn from_map(llr: HashMap<[char; 3], f32, FxBuild>) -> NameModel {
        NameModel {
            llr,
            threshold: f32::MAX,
        }
    }

    /// Mean trigram log-likelihood ratio of a base-key word; unseen trigrams count 0.
    pub fn score(&self, word: &str) -> f32 {
        let mut cs = Vec::with_capacity(word.len() / 2 + 2);
        cs.push('^');
        cs.extend(word.chars());
        cs.push('$');
        if cs.len() < 5 {
            return f32::MIN;
        }
        let sum: f32 = cs
            .windows(3)
            .map(|w| self.llr.get(&[w[0], w[1], w[2]]).copied().unwrap_or(0.0))
            .sum();
        sum / (cs.len() - 2) as f32
    }
}

/// Trigrams of a word with `^`/`$` ends, as the model counts them.
pub fn trigrams(word: &str) -> Vec<[char; 3]> {
    let mut cs = vec!['^'];
    cs.extend(word.chars());
    cs.push('$');
    cs.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

static MODEL: LazyLock<NameModel> =
    LazyLock::new(|| NameModel::from_tsv(include_str!("../data/name_trigrams.tsv")));

/// What the mined table says of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    Name(&'static str),
    Native,
}

static TABLE: LazyLock<HashMap<&'static str, Listed, FxBuild>> = LazyLock::new(|| {
    include_str!("../data/variants.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (word, key, kind) = (f.next()?, f.next()?, f.next()?);
            let listed = match kind {
                "name" => Listed::Name(key),
                "native" => Listed::Native,
                _ => return None,
            };
            Some((word, listed))
        })
        .collect()
});

/// Number of words in the mined table.
pub fn table_len() -> usize {
    TABLE.len()
}

/// Letter-model score of a base-key word (see [`NameModel::score`]).
pub fn name_score(word: &str) -> f32 {
    MODEL.score(word)
}

/// Is this base-key word (no clitics) judged a name or loanword?
pub fn is_name(word: &str) -> bool {
    match TABLE.get(word) {
        Some(Listed::Name(_)) => true,
        Some(Listed::Native) => false,
        None => detected(word),
    }
}

/// Hamza-unified words whose first و, ف or ال belongs to them (`whole` rows of the table).
static WHOLE: LazyLock<HashSet<&'static str, FxBuild>> = LazyLock::new(|| {
    include_str!("../data/variants.tsv")
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let word = f.next()?;
            (f.nth(1)? == "whole").then_some(word)
        })
        .collect()
});

/// Is this index-level word listed as whole: its first و, ف or ال belongs to it (فيصل, وزارة)?
/// The table lists hamza-unified forms ([`crate::normalize::base_key`]).
pub fn is_whole_word(index_word: &str) -> bool {
    if !index_word.starts_with(['و', 'ف', 'ا']) {
        return false;
    }
    if index_word.contains(['ء', 'ؤ', 'ئ']) {
        WHOLE.contains(crate::normalize::base_key(index_word).as_str())
    } else {
        WHOLE.contains(index_word)
    }
}

/// The run-time detector for words the table does not list.
fn detected(word: &str) -> bool {
    word.chars().count() >= 3
        && !crate::stopwords::is_stopword(word)
        && (name_score(word) >= MODEL.threshold
            || normalize::is_loan_skeleton(&normalize::skeleton(word)))
}

/// Match key of a base-key, clitic-stripped Arabic word, and the rule that made it.
pub fn key(base: &str, index_word: &str) -> (String, Rule) {
    match TABLE.get(base) {
        Some(Listed::Name(k)) => return ((*k).to_string(), Rule::Lexicon),
        Some(Listed::Native) => {}
        None if detected(base) => return (name_key(base), Rule::NameSkeleton),
        None => {}
    }
    let rule = if base == index_word {
        Rule::None
    } else {
        Rule::Hamza
    };
    (base.to_string(), rule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::match_word;

    fn key(w: &str) -> String {
        match_word(crate::stem::strip_clitics(&crate::normalize::index(w)))
    }

    /// Pairs mined from the corpora by the builder (none is a dev pair), one row per class.
    #[test]
    fn mined_spellings_of_one_name_meet() {
        for (class, a, b) in [
            ("g-letters", "سامسونغ", "سامسونج"),
            ("g-letters", "غوارديولا", "جوارديولا"),
            ("g-letters", "فينغر", "فينجر"),
            ("long vowel", "نتنياهو", "نتانياهو"),
            ("long vowel", "كمبيوتر", "كومبيوتر"),
            ("long vowel", "بولتون", "بولتن"),
            ("long vowel", "فرانسوا", "فرنسوا"),
            ("ت/ط", "ميغاواط", "ميغاوات"),
            ("تش/ش + vowel", "تشيلسي", "تشلسي"),
            ("final ا/ة", "بنزيمه", "بنزيما"),
            ("س/ز", "سانشيز", "سانشيس"),
            ("g + long vowel", "رودريغيز", "رودريجيز"),
            ("hamza seat", "الشؤون", "الشئون"),
            ("hamza seat", "رؤوس", "رءوس"),
            ("hamza seat", "يقرأون", "يقرؤون"),
        ] {
            assert_eq!(key(a), key(b), "{class}: {a}/{b}");
        }
    }

    #[test]
    fn native_look_alikes_stay_apart() {
        for (a, b) in [
            ("الغرب", "الجرب"),
            ("سياسية", "سياسيا"),
            ("يؤسف", "يوسف"),
            ("بائع", "بايع"),
            ("كانوا", "كانا"),
            ("الساحة", "السياحة"),
        ] {
            assert_ne!(key(a), key(b), "{a}/{b}");
        }
    }

    #[test]
    fn unseen_names_meet_through_the_skeleton() {
        // Made-up transliterations the corpora never saw: the letter model takes them for
        // names and the skeleton folds their spelling differences.
        let (a, b) = ("فيرغيلوفسكي", "فيرجيلوفسكي");
        assert!(
            is_name(&crate::normalize::index(a)),
            "{a} not judged a name"
        );
        assert_eq!(key(a), key(b));
        assert!(is_name_key(&key(a)));
    }

    #[test]
    fn name_keys_carry_the_mark_and_stay_apart_from_native_keys() {
        assert_eq!(name_key("كيم"), "\u{0640}جم");
        assert_ne!(name_key("كيم"), match_word("كم"));
        assert_eq!(match_word(&name_key("بنتاغون")), name_key("بنتاغون"));
        assert_eq!(name_skeleton("غيغاواط"), "ججت");
        assert_eq!(name_skeleton("طبرية"), name_skeleton("طبريا"));
    }

    #[test]
    fn analyze_says_which_rule_made_the_key() {
        let a = crate::analyze("البنتاغون يلجؤون");
        assert_eq!(a.tokens[0].rule, Rule::Lexicon);
        assert_eq!(a.tokens[1].rule, Rule::Hamza);
        assert_eq!(a.tokens[0].match_key, a.tokens[0].key);
    }
}
