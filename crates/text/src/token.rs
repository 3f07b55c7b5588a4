//! Tokenisation with byte offsets into the original text.
//!
//! Invariant: every token's `start..end` lies inside the input and on char boundaries, tokens are
//! in order and do not overlap. Diacritics, tatweel and zero-width controls inside a word do not
//! split it.

use serde::Serialize;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Arabic,
    Latin,
    Number,
}

/// A word, number or Latin token: a span of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in the original string it came from.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

fn class(c: char) -> Option<TokenKind> {
    match c {
        '0'..='9' | '٠'..='٩' | '۰'..='۹' => Some(TokenKind::Number),
        '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Some(TokenKind::Arabic),
        c if c.is_alphabetic() => Some(TokenKind::Latin),
        _ => None,
    }
}

/// Characters that continue a word without being letters: marks, tatweel, zero-width controls.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
        || crate::normalize::is_control(c)
}

/// Split `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, TokenKind)> = None;
    let mut last_end = 0;
    for (i, c) in text.char_indices() {
        match (class(c), cur) {
            (Some(k), None) => { cur = Some((i, k)); last_end = i + c.len_utf8(); }
            (Some(k), Some((s, ck))) => {
                let same = k == ck || (ck != TokenKind::Number && k != TokenKind::Number && false);
                if same { last_end = i + c.len_utf8(); } else {
                    out.push(Token { start: s, end: last_end, kind: ck });
                    cur = Some((i, k)); last_end = i + c.len_utf8();
                }
            }
            (None, Some(_)) if is_joiner(c) => {}
            (None, Some((s, ck))) => { out.push(Token { start: s, end: last_end, kind: ck }); cur = None; }
            (None, None) => {}
        }
    }
    if let Some((s, k)) = cur { out.push(Token { start: s, end: last_end, kind: k }); }
    out
}
