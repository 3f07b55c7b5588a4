//! Sentence splitting on . ؟ ? ! … and line breaks.
//!
//! No split after dotted abbreviations (د. أ.د. م. ص.ب. ت.غ. إلخ. ق.م. and the others of
//! `arabic-news-conventions/news_abbreviations.tsv`, CC0), after a single-letter initial
//! (جون ف. كينيدي), or inside numbers (3.8). A single letter right after a number (1950 م.)
//! is an era or unit and does end a sentence. Closing quotes and brackets stay with the sentence
//! they close. Not done here: paragraph structure or quotation nesting.

/// Dotted abbreviations at index level, without the final dot.
const ABBREVIATIONS: &[&str] = &[
    "د", "ا", "ا.د", "م", "ق.م", "هـ", "ه", "ص.ب", "ت.غ", "الخ", "ج.م.ع", "ش.م.م", "ش.م.ع",
    "ش.م.ل", "ذ.م.م", "ر.س", "د.ا", "د.ك", "ج.م", "ل.ل", "ل.س", "كلم", "كم", "سم", "كغ", "كجم",
    "ت", "ص", "ب", "ج", "س", "ش", "ع", "ف", "ق", "ك", "ل", "ن", "و", "ي", "mr", "dr", "st", "no",
    "vs", "etc", "jr", "sr", "prof", "inc", "ltd", "co",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '؟' | '?' | '!' | '…' | '\n' | '\r' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›')
}

/// The word (letters and inner dots) that ends right before byte `i`, and whether a digit precedes it.
fn word_before(text: &str, i: usize) -> (String, bool) {
    let head = text.get(..i).unwrap_or("");
    let mut start = head.len();
    for (j, c) in head.char_indices().rev() {
        if c.is_alphabetic() || c == '.' || crate::normalize::is_diacritic(c) || c == '\u{0640}' {
            start = j;
        } else {
            break;
        }
    }
    let w = head.get(start..).unwrap_or("");
    let before = head.get(..start).unwrap_or("").trim_end();
    let digit_before = before.chars().next_back().is_some_and(|c| c.is_numeric());
    (
        crate::normalize::index(w.trim_start_matches('.')),
        digit_before,
    )
}

fn is_abbreviation_dot(text: &str, i: usize) -> bool {
    let (w, digit_before) = word_before(text, i);
    if w.is_empty() {
        return false;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && !w.contains('.') {
        // Single letter: an initial, unless it follows a number (1950 م. = era, 5 م. = metres).
        return !digit_before;
    }
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2) {
        return true; // أ.د. ص.ب. ت.غ. and any chain of dotted initials
    }
    ABBREVIATIONS.contains(&w.as_str())
}

/// Byte spans of the sentences of `text`, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_terminator(c) {
            continue;
        }
        if c == '.' {
            let prev_digit = text
                .get(..i)
                .and_then(|h| h.chars().next_back())
                .is_some_and(|p| p.is_ascii_digit() || ('٠'..='٩').contains(&p));
            let next = it.peek().map(|&(_, n)| n);
            if prev_digit && next.is_some_and(|n| n.is_ascii_digit() || ('٠'..='٩').contains(&n))
            {
                continue;
            }
            if next.is_some_and(|n| n.is_alphabetic()) {
                // "a.b" with no space: an inner dot (URLs, ص.ب, أ.د), not a sentence end.
                continue;
            }
            if is_abbreviation_dot(text, i) {
                continue;
            }
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = it.peek() {
            if (is_terminator(n) && n != '\n' && c != '\n') || is_closer(n) {
                end = j + n.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        push_trimmed(text, start, end, &mut out);
        start = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let Some(slice) = text.get(s..e) else { return };
    let trimmed_start = slice.trim_start();
    let lead = slice.len() - trimmed_start.len();
    let body = trimmed_start.trim_end();
    if !body.is_empty() && body.chars().any(|c| c.is_alphanumeric()) {
        out.push((s + lead, s + lead + body.len()));
    } else if !body.is_empty() {
        // Punctuation-only fragment: attach to the previous sentence if there is one.
        if let Some(last) = out.last_mut() {
            last.1 = s + lead + body.len();
        }
    }
}
