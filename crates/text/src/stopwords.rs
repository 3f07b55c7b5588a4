//! Arabic stop words at index level, merged from the Lucene/Savoy (BSD), mohataher (MIT) and
//! stopwords-iso (MIT) lists by `tools/build_lexicon.py` (notices in `data/README.md`).
//! Not a content filter: callers decide what a stop word means for them.

use std::collections::HashSet;
use std::sync::LazyLock;

static STOP: LazyLock<HashSet<&'static str, crate::normalize::FxBuild>> = LazyLock::new(|| {
    include_str!("../data/stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Is this index-level word a stop word?
pub fn is_stopword(index_word: &str) -> bool {
    STOP.contains(index_word)
}

/// Number of stop words in the merged list.
pub fn len() -> usize {
    STOP.len()
}
