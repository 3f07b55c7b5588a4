//! Clitic splitting and a light stemmer for index-level Arabic words.
//!
//! Proclitics و ف ب ك ل and the article ال are split off for matching (وبالمحادثات → محادثات).
//! Rules: article-bearing prefixes (ال وال فال بال كال لل وبال وكال فبال ولل فلل) are removed when
//! at least three letters remain; a bare و or ف is removed only when at least three letters remain
//! and the word is not itself a known foreign name (واشنطن, فرنسا stay whole); ب ك ل alone are not
//! removed (بريطانيا, كندا, لبنان would break). Words whose first و, ف or ال is their own (فيصل,
//! وزارة, ألمانيا), mined from the corpora by the variant builder, are never cut. Known names lose only the article (البنتاغون →
//! بنتاغون, never بنتاغ).
//!
//! The light stemmer then removes one common suffix (ات ون ين ان ية ه ي ها هم ...) but never
//! below a three-letter core and never from a known foreign name. Verb prefixes (ي ت ن س) are not
//! stripped: on news text they split nouns such as تقرير and نظام far more often than they help.

use crate::normalize;

const ARTICLE_PREFIXES: [&str; 11] = [
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
];

#[inline]
fn nchars(s: &str) -> usize {
    s.chars().count()
}

/// Strip proclitics and the article from an index-level word. Returns a suffix of `word`.
/// Words the variant model lists as whole (فيصل, وزارة, ألمانيا: the و, ف or ال is part of the
/// word) keep it.
pub fn strip_clitics(word: &str) -> &str {
    strip_clitics_with(word, &crate::variant::is_whole_word)
}

/// [`strip_clitics`] with the test of whole words given (the variant builder passes the set it is
/// making).
pub fn strip_clitics_with<'a>(word: &'a str, whole: &dyn Fn(&str) -> bool) -> &'a str {
    if whole(word) {
        return word;
    }
    for p in ARTICLE_PREFIXES {
        if let Some(rest) = word.strip_prefix(p)
            && nchars(rest) >= 3
        {
            // A name that begins with ال after a one-letter clitic: والمانيا → المانيا.
            if p.len() > "ال".len() && p.ends_with("ال") {
                let with_al = &word[p.len() - "ال".len()..];
                if whole(with_al) {
                    return with_al;
                }
            }
            // "لل" + word: the article's alef is gone, the lam stays with the word (للبنتاغون → بنتاغون).
            return rest;
        }
    }
    for p in ['و', 'ف'] {
        if let Some(rest) = word.strip_prefix(p)
            && nchars(rest) >= 3
            && !normalize::is_listed_loan(word)
        {
            // وبنتاغون → بنتاغون; also وال... handled above.
            return rest;
        }
    }
    word
}

/// Longest first; the first that leaves a three-letter core wins.
const SUFFIXES: [&str; 17] = [
    "يات", "تان", "تين", "هما", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "كم", "نا", "ه",
    "ي", "ة",
];

/// Light stem of an index-level, clitic-stripped word (or of its match key).
pub fn light_stem(word: &str) -> String {
    if normalize::is_foreign(word) {
        return word.to_string();
    }
    light_stem_native(word)
}

/// [`light_stem`] for a word already known not to be a foreign name (skips the lexicon check).
pub fn light_stem_native(word: &str) -> String {
    let n = nchars(word);
    if n <= 3 || word.is_ascii() {
        return word.to_string();
    }
    for suf in SUFFIXES {
        if let Some(rest) = word.strip_suffix(suf)
            && nchars(rest) >= 3
        {
            return rest.to_string();
        }
    }
    word.to_string()
}
