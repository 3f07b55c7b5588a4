//! Tokenisation with byte offsets into the original text.
//!
//! Token kinds: Arabic words, Latin words (any other alphabetic script) and numbers. A number
//! keeps its decimal and group separators when a digit follows them (3.8, 1,200, ٣٫٨).
//! Invariant: every token's `start..end` lies inside the input and on char boundaries, tokens are
//! in order and do not overlap. Diacritics, tatweel and zero-width controls inside a word do not
//! split it (they are not part of the token's start or end).
//! Not done here: normalisation (see [`crate::normalize`]) and clitic splitting ([`crate::stem`]).

use crate::normalize;
use serde::Serialize;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Arabic,
    Latin,
    Number,
}

impl TokenKind {
    /// Lower-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Arabic => "arabic",
            TokenKind::Latin => "latin",
            TokenKind::Number => "number",
        }
    }
}

/// A word, number or Latin token: a span of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in the original string it came from (empty if the span does not fit).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

#[inline]
fn class(c: char) -> Option<TokenKind> {
    if c.is_ascii() {
        return match c {
            '0'..='9' => Some(TokenKind::Number),
            'a'..='z' | 'A'..='Z' => Some(TokenKind::Latin),
            _ => None,
        };
    }
    if is_joiner(c) {
        return None;
    }
    match c {
        '٠'..='٩' | '۰'..='۹' => Some(TokenKind::Number),
        '\u{0621}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06FA}'..='\u{06FF}' => Some(TokenKind::Arabic),
        '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}' => Some(TokenKind::Arabic),
        c if c.is_alphabetic() => Some(TokenKind::Latin),
        _ => None,
    }
}

/// Characters that continue a word without being letters: marks, tatweel, zero-width controls.
#[inline]
fn is_joiner(c: char) -> bool {
    normalize::is_diacritic(c)
        || c == normalize::TATWEEL
        || normalize::is_control(c)
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

#[inline]
fn is_num_sep(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

#[inline]
fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '٠'..='٩' | '۰'..='۹')
}

/// Call `f(start, end, kind)` for every token of `text`, in order.
#[inline]
pub fn for_each_token(text: &str, mut f: impl FnMut(usize, usize, TokenKind)) {
    let mut cur: Option<(usize, TokenKind)> = None;
    let mut last_end = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let k = class(c);
        match (k, cur) {
            (Some(k), None) => {
                cur = Some((i, k));
                last_end = i + c.len_utf8();
            }
            (Some(k), Some((s, ck))) => {
                if k == ck {
                    last_end = i + c.len_utf8();
                } else {
                    f(s, last_end, ck);
                    cur = Some((i, k));
                    last_end = i + c.len_utf8();
                }
            }
            (None, Some((s, ck))) => {
                if ck == TokenKind::Number && is_num_sep(c) && i == last_end {
                    if let Some(&(_, n)) = it.peek()
                        && is_digit(n)
                    {
                        last_end = i + c.len_utf8();
                        continue;
                    }
                    f(s, last_end, ck);
                    cur = None;
                } else if ck != TokenKind::Number && is_joiner(c) {
                    // Marks and tatweel belong to the word (also at its end); controls only join.
                    if !normalize::is_control(c) {
                        last_end = i + c.len_utf8();
                    }
                } else {
                    f(s, last_end, ck);
                    cur = None;
                }
            }
            (None, None) => {}
        }
    }
    if let Some((s, k)) = cur {
        f(s, last_end, k);
    }
}

/// Split `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_token(text, |start, end, kind| {
        out.push(Token { start, end, kind })
    });
    out
}

/// Hot path: tokenise and index-normalise in one pass. Calls `f(start, end, kind, index_form)`
/// for every token whose index form is not empty; `index_form` lives in a buffer reused between
/// calls (copy it if you keep it).
pub fn index_tokens(text: &str, mut f: impl FnMut(usize, usize, TokenKind, &str)) {
    let mut buf = String::with_capacity(64);
    for_each_token(text, |start, end, kind| {
        buf.clear();
        if let Some(t) = text.get(start..end) {
            normalize::index_into(t, &mut buf);
        }
        if !buf.is_empty() {
            f(start, end, kind, &buf);
        }
    });
}
