//! Clitic splitting and a light stemmer for index-level Arabic words.
//!
//! Proclitics و ف ب ك ل and the article ال are split off for matching (وبالمحادثات → محادثات);
//! the light stemmer then removes common suffixes (ات ون ين ة ه ...) but never below a three-letter
//! core, so names such as البنتاغون keep their body.

/// Strip proclitics and the article from an index-level word. Returns a suffix of `word`.
pub fn strip_clitics(word: &str) -> &str {
    let mut w = word;
    for p in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(p) && rest.chars().count() >= 2 {
            return rest;
        }
    }
    if let Some(rest) = w.strip_prefix('و') && rest.chars().count() >= 3 { w = rest; }
    w
}

/// Light stem of an index-level, clitic-stripped word.
pub fn light_stem(word: &str) -> String {
    let n = word.chars().count();
    for suf in ["ات", "ون", "ين", "ان", "ه", "ي"] {
        if let Some(rest) = word.strip_suffix(suf) && n - suf.chars().count() >= 3 {
            return rest.to_string();
        }
    }
    word.to_string()
}
