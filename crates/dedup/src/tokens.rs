//! A faster copy of `text::token::for_each_token`: the same tokens, found with a fast path for
//! ASCII and the common Arabic letters (which the general classifier tests last).
//!
//! It must give exactly the tokens of `text::tokenize`; the tests compare the two on news text and
//! on random strings of the characters that matter (marks, tatweel, controls, digits and their
//! separators, presentation forms), so a change in the text crate shows up here.

use text::TokenKind;
use text::normalize::{TATWEEL, is_control, is_diacritic};

#[inline]
fn is_joiner(c: char) -> bool {
    is_diacritic(c) || c == TATWEEL || is_control(c) || ('\u{0300}'..='\u{036F}').contains(&c)
}

#[inline(always)]
fn class(c: char) -> Option<TokenKind> {
    if c.is_ascii() {
        return match c {
            '0'..='9' => Some(TokenKind::Number),
            'a'..='z' | 'A'..='Z' => Some(TokenKind::Latin),
            _ => None,
        };
    }
    // The core Arabic letters are never joiners: answer them first.
    if matches!(c, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}') {
        return Some(TokenKind::Arabic);
    }
    if is_joiner(c) {
        return None;
    }
    match c {
        '٠'..='٩' | '۰'..='۹' => Some(TokenKind::Number),
        '\u{066E}'..='\u{066F}'
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

#[inline]
fn is_num_sep(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

#[inline]
fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '٠'..='٩' | '۰'..='۹')
}

/// Call `f(start, end, kind)` for every token of `text`, exactly as `text::token::for_each_token`.
#[inline]
pub(crate) fn for_each_token(text: &str, mut f: impl FnMut(usize, usize, TokenKind)) {
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
                    f(s, last_end, ck);
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
                    f(s, last_end, ck);
                    cur = None;
                } else if ck != TokenKind::Number && is_joiner(c) {
                    if !is_control(c) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let mut out = Vec::new();
        for_each_token(text, |s, e, k| out.push((s, e, k)));
        out
    }

    fn theirs(text: &str) -> Vec<(usize, usize, TokenKind)> {
        text::tokenize(text)
            .into_iter()
            .map(|t| (t.start, t.end, t.kind))
            .collect()
    }

    #[test]
    fn same_tokens_as_the_text_crate_on_news() {
        for text in [
            include_str!("../tests/data/seed_levantine.txt"),
            include_str!("../tests/data/seed_egyptian.txt"),
            include_str!("../tests/data/dev_articles.jsonl"),
        ] {
            assert_eq!(ours(text), theirs(text));
        }
    }

    #[test]
    fn same_tokens_as_the_text_crate_on_random_strings() {
        let pool: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىةـًٌٍَُِّْٰٓٔ٠١٢٣٩۰۹0123456789.,٫٬،؛؟ \n\t-()abcXYZéßçж\u{200C}\u{200D}\u{200F}\u{FEFF}\u{00AD}\u{0301}\u{FEFB}\u{FDF2}\u{06D5}\u{06D4}\u{06F0}\u{0671}\u{06A9}\u{06CC}\u{0610}\u{06E1}\u{08A0}😀"
            .chars()
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(pool[(state % pool.len() as u64) as usize]);
            }
            state = state.wrapping_add(0x632b_e59b_d9b4_e019);
            assert_eq!(ours(&s), theirs(&s), "{s:?}");
        }
    }
}
