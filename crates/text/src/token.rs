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
use std::sync::LazyLock;

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

// Byte-level scanner. Every character below U+0800 (ASCII, Latin-1, Greek, Cyrillic, Hebrew,
// Arabic, Syriac, Thaana...) gets its class from a table built once from `class` and `is_joiner`
// above, so the table cannot disagree with them; other characters are classified directly.
const SEP: u8 = 0;
const ARABIC: u8 = 1;
const LATIN: u8 = 2;
const NUMBER: u8 = 3;
/// A joiner that belongs to the word (marks, tatweel): it moves the token's end.
const MARK: u8 = 4;
/// A joiner that only joins (zero-width and bidi controls).
const CONTROL: u8 = 5;
/// Flag: a decimal or group separator inside numbers.
const NUM_SEP: u8 = 8;
const TABLE_LEN: usize = 0x800;

fn code_of(c: char) -> u8 {
    let base = match class(c) {
        Some(TokenKind::Arabic) => ARABIC,
        Some(TokenKind::Latin) => LATIN,
        Some(TokenKind::Number) => NUMBER,
        None if normalize::is_control(c) => CONTROL,
        None if is_joiner(c) => MARK,
        None => SEP,
    };
    if is_num_sep(c) { base | NUM_SEP } else { base }
}

fn kind_of(code: u8) -> TokenKind {
    match code {
        ARABIC => TokenKind::Arabic,
        NUMBER => TokenKind::Number,
        _ => TokenKind::Latin,
    }
}

static TABLE: LazyLock<[u8; TABLE_LEN]> = LazyLock::new(|| {
    let mut t = [SEP; TABLE_LEN];
    for (cp, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(cp as u32) {
            *slot = code_of(c);
        }
    }
    t
});

/// Class code and byte length of the character starting at byte `i` (`None` past the end).
#[inline(always)]
fn code_at(text: &str, table: &[u8; TABLE_LEN], i: usize) -> Option<(u8, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((table[b as usize], 1));
    }
    if b < 0xE0 {
        // Two-byte sequence (lead 0xC2..=0xDF in valid UTF-8): code point below U+0800.
        let cont = bytes.get(i + 1).map_or(0, |&x| x as usize & 0x3F);
        return Some((table[((b as usize & 0x1F) << 6) | cont], 2));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((code_of(c), c.len_utf8()))
}

/// Call `f(start, end, kind)` for every token of `text`, in order.
#[inline]
pub fn for_each_token(text: &str, mut f: impl FnMut(usize, usize, TokenKind)) {
    let table: &[u8; TABLE_LEN] = &TABLE;
    // The open token's class (SEP: none), its start and end.
    let (mut cur, mut start, mut last_end) = (SEP, 0, 0);
    let mut i = 0;
    while let Some((code, len)) = code_at(text, table, i) {
        let next = i + len;
        let k = code & 7;
        if matches!(k, ARABIC | LATIN | NUMBER) {
            if k != cur {
                if cur != SEP {
                    f(start, last_end, kind_of(cur));
                }
                cur = k;
                start = i;
            }
            last_end = next;
        } else if cur != SEP {
            if cur == NUMBER && code & NUM_SEP != 0 && i == last_end {
                // A separator stays in a number only when a digit follows.
                if code_at(text, table, next).is_some_and(|(n, _)| n & 7 == NUMBER) {
                    last_end = next;
                } else {
                    f(start, last_end, kind_of(cur));
                    cur = SEP;
                }
            } else if cur != NUMBER && (k == MARK || k == CONTROL) {
                // Marks and tatweel belong to the word (also at its end); controls only join.
                if k == MARK {
                    last_end = next;
                }
            } else {
                f(start, last_end, kind_of(cur));
                cur = SEP;
            }
        }
        i = next;
    }
    if cur != SEP {
        f(start, last_end, kind_of(cur));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the table-driven scanner must follow, character by character: a token
    /// is a run of one class; marks and tatweel extend a word, controls join without extending
    /// it; a number keeps a separator only when a digit follows.
    fn reference(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let is_digit = |c: char| matches!(c, '0'..='9' | '٠'..='٩' | '۰'..='۹');
        let mut out = Vec::new();
        let mut cur: Option<(usize, TokenKind)> = None;
        let mut last_end = 0;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            match (class(c), cur) {
                (Some(k), None) => {
                    cur = Some((i, k));
                    last_end = i + c.len_utf8();
                }
                (Some(k), Some((s, ck))) => {
                    if k != ck {
                        out.push((s, last_end, ck));
                        cur = Some((i, k));
                    }
                    last_end = i + c.len_utf8();
                }
                (None, Some((s, ck))) => {
                    if ck == TokenKind::Number && is_num_sep(c) && i == last_end {
                        if let Some(&(_, n)) = it.peek()
                            && is_digit(n)
                        {
                            last_end = i + c.len_utf8();
                            continue;
                        }
                        out.push((s, last_end, ck));
                        cur = None;
                    } else if ck != TokenKind::Number && is_joiner(c) {
                        if !normalize::is_control(c) {
                            last_end = i + c.len_utf8();
                        }
                    } else {
                        out.push((s, last_end, ck));
                        cur = None;
                    }
                }
                (None, None) => {}
            }
        }
        if let Some((s, k)) = cur {
            out.push((s, last_end, k));
        }
        out
    }

    fn scanned(text: &str) -> Vec<(usize, usize, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.start, t.end, t.kind))
            .collect()
    }

    #[test]
    fn scanner_follows_the_definition_on_news() {
        for text in [
            include_str!("../tests/data/000_f2781f012485ef63.txt"),
            include_str!("../tests/data/001_ddf57a01e70e49b5.txt"),
            "بلغ النمو 3.8% و٣٫٨٪ عام ٢٠٢٤، أي 1,200 مليون (1.) — ذلك وَقالَ الرئيــس: «نعم».",
        ] {
            let toks = scanned(text);
            assert!(toks.len() > 20 || text.len() < 200, "{}", toks.len());
            assert_eq!(toks, reference(text));
        }
    }

    #[test]
    fn scanner_follows_the_definition_on_random_strings() {
        let pool: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىةـًٌٍَُِّْٰٓٔ٠١٢٣٩۰۹0123456789.,٫٬،؛؟ \n\t-()abcXYZéßçжא\u{200C}\u{200D}\u{200F}\u{FEFF}\u{00AD}\u{0301}\u{0610}\u{061C}\u{06D6}\u{06E1}\u{06D5}\u{06D4}\u{06F0}\u{0671}\u{06A9}\u{06CC}\u{066B}\u{066E}\u{0750}\u{08A0}\u{FEFB}\u{FDF2}\u{2066}\u{1E00}😀"
            .chars()
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..30_000 {
            let mut s = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(pool[(state % pool.len() as u64) as usize]);
            }
            state = state.wrapping_add(0x632b_e59b_d9b4_e019);
            assert_eq!(scanned(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn every_two_byte_character_is_classified_as_the_definition_says() {
        for cp in 0x80..TABLE_LEN as u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("ب{c}ب 1{c}2 x{c}");
            assert_eq!(scanned(&s), reference(&s), "U+{cp:04X}");
        }
    }
}
