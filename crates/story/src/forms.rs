//! Display forms: the word a reader sees for a match key or a stem, as the articles write it.
//!
//! Matching works on keys (index-normalised, clitics off, hamza seats unified, names folded to a
//! skeleton behind the tatweel mark: البنتاغون → `ـبنتجن`, غزة → `غزه`) and on light stems of
//! them. Those are for matching only and are never shown. This module is the one place that turns
//! a key back into a word: [`display`] takes, among the surface forms that a story's (or an
//! article's) own tokens with that key have, the most frequent one, and strips proclitics
//! (و ف ب ل ك), and the article ال where the key has none, only when the stripped word is itself
//! written among those forms (والطاقة → الطاقة only if الطاقة occurs). [`Forms`] counts the forms
//! of a text's words (the caller counts only the keys it may show: counting every word of every
//! article would cost the batch run time and memory); [`is_name`] says which shown words count as
//! names. It does not choose which keys are worth showing, and it never makes up a spelling.

use crate::hash::Map;
use std::hash::Hash;
use text::normalize::{TATWEEL, is_diacritic};
use text::variant::NAME_MARK;

/// Proclitic letters stripped from a shown word (when the stripped word is written too).
const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];
/// Most proclitics stacked before a word (وبال..., فلل...).
const MAX_PROCLITICS: usize = 3;

/// Surface forms of keys as written, with counts. Keys are what the caller matches on (key
/// strings, or their ids in a vocabulary); the forms borrow the text they are written in.
#[derive(Debug, Clone)]
pub struct Forms<'a, K> {
    by_key: Map<K, Vec<(&'a str, u32)>>,
}

impl<K> Default for Forms<'_, K> {
    fn default() -> Self {
        Forms {
            by_key: Map::default(),
        }
    }
}

impl<'a, K: Hash + Eq> Forms<'a, K> {
    /// Count `n` words written `written` whose key is `key` (an empty word counts nothing).
    pub fn add(&mut self, key: K, written: &'a str, n: u32) {
        if written.is_empty() {
            return;
        }
        let forms = self.by_key.entry(key).or_default();
        match forms.iter_mut().find(|f| f.0 == written) {
            Some(f) => f.1 += n,
            None => forms.push((written, n)),
        }
    }

    /// The forms of `key` with their counts (empty when no word had it).
    pub fn forms(&self, key: &K) -> &[(&'a str, u32)] {
        self.by_key.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The word to show for `key`, whose text is `key_text` (see [`display`]); `None` when no
    /// word had it.
    pub fn display(&self, key: &K, key_text: &str) -> Option<String> {
        display(key_text, self.forms(key).iter().copied())
    }
}

/// The word to show for `key`, from the surface forms its tokens have, with counts (repeated
/// forms are summed). The most frequent form wins (forms without tatweel first; ties go to the
/// shorter, then to code point order); proclitics, and the article where the key has none, are
/// stripped from it down to the shortest stripped word that is also among the forms. `None` when
/// there is no form: a caller then shows nothing rather than the key.
pub fn display<'a>(key: &str, forms: impl IntoIterator<Item = (&'a str, u32)>) -> Option<String> {
    let counted = sum_forms(forms);
    let best = counted.iter().min_by_key(rank)?.0;
    let keep_article = key.trim_start_matches(NAME_MARK).starts_with("ال");
    let shown = strippings(best, keep_article)
        .into_iter()
        .rev()
        .find(|w| counted.iter().any(|f| f.0 == *w))
        .unwrap_or(best);
    Some(shown.chars().filter(|&c| c != TATWEEL).collect())
}

/// Is `shown`, the word shown for `key`, a name: an Arabic word the variant model judges a name
/// (its key carries the name mark) or a capitalised Latin word, of two letters or more?
pub fn is_name(key: &str, shown: &str) -> bool {
    let letters = shown.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && (text::variant::is_name_key(key) || shown.chars().next().is_some_and(char::is_uppercase))
}

/// Forms with the counts of repeats summed, in first-seen order.
fn sum_forms<'a>(forms: impl IntoIterator<Item = (&'a str, u32)>) -> Vec<(&'a str, u32)> {
    let mut out: Vec<(&str, u32)> = Vec::new();
    for (s, n) in forms.into_iter().filter(|f| !f.0.is_empty()) {
        match out.iter_mut().find(|f| f.0 == s) {
            Some(f) => f.1 += n,
            None => out.push((s, n)),
        }
    }
    out
}

/// Sort key of a form: without tatweel first, then most frequent, shorter, code point order.
fn rank<'a>(f: &&(&'a str, u32)) -> (bool, std::cmp::Reverse<u32>, usize, &'a str) {
    let (s, n) = **f;
    (
        s.contains(TATWEEL),
        std::cmp::Reverse(n),
        s.chars().count(),
        s,
    )
}

/// The words left by stripping `word` one proclitic at a time, then the article (unless
/// `keep_article`), least stripped first. Diacritics and tatweel after a stripped letter go too.
fn strippings(word: &str, keep_article: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = word;
    while out.len() < MAX_PROCLITICS {
        let Some(r) = rest.strip_prefix(PROCLITICS) else {
            break;
        };
        rest = skip_marks(r);
        out.push(rest);
    }
    if !keep_article && let Some(r) = rest.strip_prefix("ال") {
        out.push(skip_marks(r));
    }
    out.retain(|w| w.chars().count() >= 2);
    out
}

fn skip_marks(s: &str) -> &str {
    s.trim_start_matches(|c: char| c == TATWEEL || is_diacritic(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check(key, forms, shown)`: the word shown for `key` given its forms and counts.
    fn check(key: &str, forms: &[(&str, u32)], shown: Option<&str>) {
        assert_eq!(
            display(key, forms.iter().copied()).as_deref(),
            shown,
            "key {key:?}, forms {forms:?}"
        );
    }

    #[test]
    fn the_most_frequent_form_stripped_only_to_words_that_are_written() {
        let pentagon = text::variant::name_key("بنتاغون");
        for (key, forms, shown) in [
            // The article goes only when the bare word is written too.
            (
                pentagon.as_str(),
                &[("البنتاغون", 3), ("للبنتاغون", 1)][..],
                "البنتاغون",
            ),
            ("طاقه", &[("والطاقة", 2), ("الطاقة", 1)], "الطاقة"),
            (
                "طاقه",
                &[("والطاقة", 2), ("الطاقة", 1), ("طاقة", 1)],
                "طاقة",
            ),
            ("برنامج", &[("لبرنامج", 1)], "لبرنامج"),
            ("غزه", &[("بغزة", 2), ("غزة", 1)], "غزة"),
            ("فيينا", &[("فيينا", 1)], "فيينا"),
            // A key that keeps its article keeps it on the shown word.
            ("الحل", &[("والحل", 2), ("الحل", 1), ("حل", 1)], "الحل"),
            // Repeated forms are summed; ties go to the shorter word, then code point order.
            (
                "جديده",
                &[("الجديدة", 1), ("للجديدة", 1), ("الجديدة", 1)],
                "الجديدة",
            ),
            ("سلام", &[("السلام", 1), ("سلام", 1)], "سلام"),
            ("اميركي", &[("الأميركي", 1), ("الأمريكي", 1)], "الأمريكي"),
            // Tatweel: a plain form wins; a tatweel after a stripped clitic goes with it.
            ("انه", &[("بـأنه", 3), ("أنه", 1)], "أنه"),
            ("غزه", &[("غـزة", 3), ("غزة", 1)], "غزة"),
            ("غزه", &[("غـزة", 1)], "غزة"),
        ] {
            check(key, forms, Some(shown));
        }
        check("غزه", &[], None);
        check("غزه", &[("", 2)], None);
    }

    #[test]
    fn forms_count_words_per_key() {
        let mut f = Forms::default();
        for (k, s) in [(7, "غزة"), (7, "بغزة"), (7, "بغزة"), (7, "")] {
            f.add(k, s, 1);
        }
        assert_eq!(f.forms(&7), &[("غزة", 1), ("بغزة", 2)]);
        assert_eq!(f.display(&7, "غزه").as_deref(), Some("غزة"));
        assert_eq!(f.display(&8, "سلام"), None);
    }

    #[test]
    fn names_are_marked_keys_or_capitalised_latin() {
        let key = |w: &str| text::terms(w).remove(0).key;
        assert!(is_name(&key("البنتاغون"), "البنتاغون"));
        assert!(is_name("politico", "Politico"));
        for (k, shown) in [
            ("هجوم", "هجوم"),
            ("مقر", "مقرا"),
            ("غزه", "غزة"),
            ("politico", "politico"),
            ("x", "X"),
        ] {
            assert!(!is_name(k, shown), "{shown} taken for a name");
        }
    }
}
