//! Normalisation levels: display, index and match.
//!
//! * *display*: NFC, bidi and zero-width controls out; tatweel and diacritics kept.
//! * *index*: display plus diacritics and tatweel out, alef variants to bare alef, ى→ي, ة→ه,
//!   Arabic-Indic and Persian digits to ASCII, Persian look-alike letters to Arabic, Arabic
//!   punctuation to ASCII, Latin lower-cased.
//! * *match* (per word): index plus hamza carriers unified and spelling variants of names and
//!   loanwords folded, so البنتاغون and البنتاجون meet while غرب and جرب stay apart.
//!
//! Every level is idempotent. None of them is applied to stored text: they make keys.

use unicode_normalization::UnicodeNormalization;

/// Is `c` a bidi or zero-width control that display text drops?
pub fn is_control(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}')
}

/// Display level: NFC with controls removed. Tatweel and diacritics are kept.
pub fn display(text: &str) -> String {
    text.nfc().filter(|&c| !is_control(c)).collect()
}

/// Index-level fold of one character: `None` drops it.
#[inline]
pub fn index_char(c: char) -> Option<char> {
    Some(match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => return None,
        c if is_control(c) => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        'ھ' | 'ە' => 'ه',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '،' => ',',
        '؛' => ';',
        '؟' => '?',
        '٪' => '%',
        '٫' => '.',
        '٬' => ',',
        'A'..='Z' => c.to_ascii_lowercase(),
        c => c,
    })
}

/// Index level of a whole text.
pub fn index(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(f) = index_char(c) {
            out.push(f);
        }
    }
    out
}

/// Match key of one word (index level applied first): hamza carriers unified and
/// name/loanword spelling variants folded.
pub fn match_word(word: &str) -> String {
    let idx = index(word);
    let mut out = String::with_capacity(idx.len());
    for c in idx.chars() {
        out.push(match c {
            'ؤ' | 'ئ' => 'ء',
            c => c,
        });
    }
    out
}
