//! Matching terms: tokens with their index form, match key, stem and stop-word flag.

use crate::{normalize, stem, stopwords, token};
use serde::Serialize;

/// One word of a text as every matching stage sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    pub kind: token::TokenKind,
    /// Index-level form of the whole token.
    pub index: String,
    /// Match key of the clitic-stripped word: what dedup, clustering and comparison compare.
    pub key: String,
    /// Light stem of the match key.
    pub stem: String,
    pub stop: bool,
}

/// Analyse `text` into terms.
pub fn terms(text: &str) -> Vec<Term> {
    token::tokenize(text)
        .into_iter()
        .map(|t| {
            let index = normalize::index(t.text(text));
            let stop = stopwords::is_stopword(&index);
            let bare = if t.kind == token::TokenKind::Arabic { stem::strip_clitics(&index) } else { &index };
            let key = normalize::match_word(bare);
            let stem = stem::light_stem(&key);
            Term { start: t.start, end: t.end, kind: t.kind, index, key, stem, stop }
        })
        .collect()
}
