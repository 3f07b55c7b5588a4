//! The two tantivy analyzers built on khabar's text core: one rule each, registered by name.
//!
//! * [`EXACT`] (`khabar_exact`): one token per word, its text the match key of the clitic-stripped
//!   word ([`text::Term::key`]): index normalisation, hamza carriers unified, loanword skeletons
//!   (البنتاغون and البنتاجون both give `بنتجن`), proclitics and the article split off. No suffix is
//!   removed, so names and words keep their identity. Stop words are *kept*: the field carries
//!   positions for phrase queries ("في غزة", "حل الدولتين"), and a phrase must see its stop words.
//!   Plain queries never search stop words (see [`crate::query`]), so keeping them costs index
//!   space only, not query time.
//! * [`STEM`] (`khabar_stem`): the light stem of the same key ([`text::Term::stem`]), stop words
//!   dropped. It lets محادثات find المحادثات, بالمحادثات and محادثة.
//!
//! Invariant: every token carries the byte offsets of the word in the *original* text
//! (`offset_from..offset_to`), so highlights land on the original spelling. Queries go through the
//! very same [`text::terms`] call, so index and query analysis cannot drift apart.
//!
//! Not done here: choosing fields, weights or query structure (see [`crate::query`]).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Registered name of the exact (match-key) analyzer.
pub const EXACT: &str = "khabar_exact";
/// Registered name of the light-stem analyzer.
pub const STEM: &str = "khabar_stem";

/// Tokens longer than this (in bytes) are garbage (base64, URLs glued together) and are skipped.
pub const MAX_TOKEN_BYTES: usize = 120;

/// Which form of each word the analyzer emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// [`text::Term::key`], stop words kept.
    Exact,
    /// [`text::Term::stem`], stop words dropped.
    Stem,
}

/// A tantivy tokenizer wrapping [`text::terms`].
#[derive(Debug, Clone, Copy)]
pub struct KhabarTokenizer {
    form: Form,
}

impl KhabarTokenizer {
    pub fn new(form: Form) -> Self {
        KhabarTokenizer { form }
    }
}

/// The tokens of one text, computed eagerly (the text core works on whole strings).
pub struct KhabarTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one; 0 before the first `advance`.
    next: usize,
    empty: Token,
}

thread_local! {
    /// The terms of the last text analysed on this thread. Every article text is indexed into an
    /// exact and a stem field one after the other; this lets the second reuse the first's
    /// [`text::terms`] (taken, so it holds at most one text and never serves a third call).
    static LAST: std::cell::RefCell<Option<(String, Vec<text::Term>)>> = const { std::cell::RefCell::new(None) };
}

/// Analyse `text` into tantivy tokens of the given form.
pub fn analyze(text: &str, form: Form) -> Vec<Token> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match last.take() {
            Some((t, terms)) if t == text => to_tokens(&terms, form),
            _ => {
                let terms = text::terms(text);
                let tokens = to_tokens(&terms, form);
                *last = Some((text.to_string(), terms));
                tokens
            }
        }
    })
}

fn to_tokens(terms: &[text::Term], form: Form) -> Vec<Token> {
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| !(form == Form::Stem && t.stop))
        .filter_map(|(position, t)| {
            let word = match form {
                Form::Exact => &t.key,
                Form::Stem => &t.stem,
            };
            if word.is_empty() || word.len() > MAX_TOKEN_BYTES {
                return None;
            }
            Some(Token {
                offset_from: t.start,
                offset_to: t.end,
                position,
                text: word.clone(),
                position_length: 1,
            })
        })
        .collect()
}

impl Tokenizer for KhabarTokenizer {
    type TokenStream<'a> = KhabarTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KhabarTokenStream {
        KhabarTokenStream {
            tokens: analyze(text, self.form),
            next: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for KhabarTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1).and_then(|i| self.tokens.get(i)) {
            Some(t) => t,
            None => &self.empty,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}

/// Register both analyzers on `index` (tantivy does not persist tokenizers: call on every open).
pub fn register(index: &tantivy::Index) {
    index
        .tokenizers()
        .register(EXACT, KhabarTokenizer::new(Form::Exact));
    index
        .tokenizers()
        .register(STEM, KhabarTokenizer::new(Form::Stem));
}

/// A fingerprint of the text core's analysis on a fixed probe text (FNV-1a over keys and stems).
///
/// Stored next to the index: when the text crate changes how words fold or stem, the fingerprint
/// changes and the index is rebuilt instead of silently missing words. It only sees what the probe
/// contains, so it catches broad changes (alef, hamza, clitics, suffixes, skeletons), not every
/// lexicon entry.
pub fn fingerprint() -> u64 {
    const PROBE: &str = "البنتاغون والبنتاجون بالمحادثات المحادثات محادثة الأمريكية الأميركية أمريكا \
        مسؤول مسئول شيء شئ مائة مئة إسرائيل الإسرائيليين ﻻ يُعلن تـــقرير والسعودية للدولتين فرنسا \
        بريطانيا لبنان واشنطن كندا موسكو ترامب ترمب غوغل جوجل في من على إلى عن هذا التي الذي \
        Reuters ٢٠٢٤ ۱۲ 3.8 1,200 ک ی ة ى";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: &[u8]| {
        for &x in b {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for t in text::terms(PROBE) {
        feed(t.key.as_bytes());
        feed(b"\x1f");
        feed(t.stem.as_bytes());
        feed(if t.stop { b"\x1e" } else { b"\x1d" });
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, form: Form) -> Vec<String> {
        analyze(s, form).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn loanword_spellings_share_one_exact_token() {
        assert_eq!(
            texts("البنتاغون", Form::Exact),
            texts("البنتاجون", Form::Exact)
        );
        assert_eq!(
            texts("بالبنتاغون", Form::Exact),
            texts("البنتاجون", Form::Exact)
        );
    }

    #[test]
    fn stem_field_drops_stop_words_exact_keeps_them() {
        let s = "المحادثات في غزة";
        assert_eq!(texts(s, Form::Exact).len(), 3);
        let stem = analyze(s, Form::Stem);
        assert_eq!(stem.len(), 2);
        // Positions are those of the original words, so the gap of the stop word stays visible.
        assert_eq!(stem[0].position, 0);
        assert_eq!(stem[1].position, 2);
    }

    #[test]
    fn offsets_point_at_the_original_spelling() {
        let s = "قال مسؤول في «البنتاغون» إنّ";
        for t in analyze(s, Form::Exact) {
            let orig = &s[t.offset_from..t.offset_to];
            assert!(!orig.is_empty());
            assert!(!orig.contains('«'));
        }
        let toks = analyze(s, Form::Exact);
        let pentagon = &toks[3];
        assert_eq!(&s[pentagon.offset_from..pentagon.offset_to], "البنتاغون");
    }

    #[test]
    fn token_stream_walks_every_token_once() {
        let mut tok = KhabarTokenizer::new(Form::Stem);
        let mut stream = tok.token_stream("وبالمحادثات مع الأميركيين");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        assert_eq!(seen, texts("وبالمحادثات مع الأميركيين", Form::Stem));
        assert!(!stream.advance());
        assert!(!seen.is_empty());
    }

    #[test]
    fn overlong_garbage_is_skipped() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        assert!(
            analyze(&format!("غزة {long}"), Form::Exact)
                .iter()
                .all(|t| t.text.len() <= MAX_TOKEN_BYTES)
        );
    }

    #[test]
    fn fingerprint_is_stable_within_a_build() {
        assert_eq!(fingerprint(), fingerprint());
    }
}
