//! Numbers in Arabic text: digits (ASCII, Arabic-Indic, Persian; `٫` decimal, `٬`/`,` groups),
//! Arabic number words (واحد … تسعة، عشرة، أحد عشر، عشرون … تسعون، مئة/مائة، مئتان، ثلاثمائة،
//! ألف/آلاف/ألفان، مليون/ملايين، مليار/مليارات …, joined by و) and digits followed by a scale
//! word (`3.8 مليار` = 3.8e9, `200 ألف` = 200000).
//!
//! Not done here: ordinals (الثالث), fractions in words (نصف، ربع), percentages as a unit, or
//! the Maghreb convention of `,` as decimal separator (`1,5` is read as 1 followed by 5 when the
//! group is not three digits; it is left as two numbers).

use crate::token::TokenKind;
use serde::Serialize;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberMatch {
    /// Byte span in the original text (digits and/or words, scale word included).
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

/// Parse a digit string (any digit script, `.`/`٫` decimal, `,`/`٬` groups of three).
pub fn parse_digits(s: &str) -> Option<f64> {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        t.push(match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٫' => '.',
            '٬' => ',',
            c => c,
        });
    }
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = t.matches('.').count();
    let groups_ok = |sep: char| t.split(sep).skip(1).all(|g| g.len() == 3);
    let clean = if dots > 1 && groups_ok('.') && !t.contains(',') {
        t.replace('.', "") // 1.200.000 (grouping with dots)
    } else if t.contains(',') {
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        if !int.split(',').skip(1).all(|g| g.len() == 3) {
            return None;
        }
        if frac.is_empty() {
            int.replace(',', "")
        } else {
            format!("{}.{}", int.replace(',', ""), frac)
        }
    } else {
        t
    };
    clean.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Word {
    /// 0..=99 value (units, teens handled by the caller, tens).
    Small(f64),
    /// 10 written as عشر/عشرة: a teen after a unit.
    Ten,
    /// مئة; `Hundreds(n)` for مئتان (2), ثلاثمائة (3) ...
    Hundred(f64),
    /// ألف, مليون, مليار ... with a multiplicity (ألفان = 2 × 1000).
    Scale(f64, f64),
}

fn unit(w: &str) -> Option<f64> {
    Some(match w {
        "صفر" => 0.0,
        "واحد" | "واحده" => 1.0,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" | "اثنا" | "اثني" | "اثنتا" | "اثنتي" => {
            2.0
        }
        "ثلاث" | "ثلاثه" => 3.0,
        "اربع" | "اربعه" => 4.0,
        "خمس" | "خمسه" => 5.0,
        "ست" | "سته" => 6.0,
        "سبع" | "سبعه" => 7.0,
        "ثمان" | "ثماني" | "ثمانيه" => 8.0,
        "تسع" | "تسعه" => 9.0,
        "احدي" | "احد" => 1.0,
        _ => return None,
    })
}

fn classify(w: &str) -> Option<Word> {
    if let Some(u) = unit(w) {
        return Some(Word::Small(u));
    }
    let tens = [
        ("عشرون", 20.0),
        ("عشرين", 20.0),
        ("ثلاثون", 30.0),
        ("ثلاثين", 30.0),
        ("اربعون", 40.0),
        ("اربعين", 40.0),
        ("خمسون", 50.0),
        ("خمسين", 50.0),
        ("ستون", 60.0),
        ("ستين", 60.0),
        ("سبعون", 70.0),
        ("سبعين", 70.0),
        ("ثمانون", 80.0),
        ("ثمانين", 80.0),
        ("تسعون", 90.0),
        ("تسعين", 90.0),
    ];
    if let Some(&(_, v)) = tens.iter().find(|(t, _)| *t == w) {
        return Some(Word::Small(v));
    }
    match w {
        "عشر" | "عشره" => return Some(Word::Ten),
        "ماه" | "ماتان" | "ماتين" | "ماتا" | "ماتي" => {
            return Some(Word::Hundred(if w == "ماه" { 1.0 } else { 2.0 }));
        }
        "الف" | "الفا" | "الاف" | "الوف" => return Some(Word::Scale(1e3, 1.0)),
        "الفان" | "الفين" => return Some(Word::Scale(1e3, 2.0)),
        "مليون" | "مليونا" | "ملايين" => return Some(Word::Scale(1e6, 1.0)),
        "مليونان" | "مليونين" => return Some(Word::Scale(1e6, 2.0)),
        "مليار" | "مليارا" | "مليارات" | "بليون" | "بلايين" => {
            return Some(Word::Scale(1e9, 1.0));
        }
        "ملياران" | "مليارين" => return Some(Word::Scale(1e9, 2.0)),
        "تريليون" | "تريليونا" | "تريليونات" => {
            return Some(Word::Scale(1e12, 1.0));
        }
        _ => {}
    }
    // ثلاثمائة / ثلاثمئة / خمسمئة ...
    if let Some(head) = w.strip_suffix("ماه")
        && let Some(u) = unit(head)
        && u >= 3.0
    {
        return Some(Word::Hundred(u));
    }
    None
}

/// Classify an index-level word, allowing a leading و / ب / ل / ف / ك. Returns (word, had_wa).
fn classify_with_clitic(idx: &str) -> Option<(Word, bool)> {
    let key = crate::normalize::base_key(idx);
    if let Some(w) = classify(&key) {
        return Some((w, false));
    }
    for p in ['و', 'ب', 'ل', 'ف', 'ك'] {
        if let Some(rest) = key.strip_prefix(p)
            && let Some(w) = classify(rest)
        {
            return Some((w, p == 'و'));
        }
    }
    None
}

struct Tok {
    start: usize,
    end: usize,
    kind: TokenKind,
    index: String,
}

/// Find every number in `text`, in order, non-overlapping.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    let mut toks = Vec::new();
    crate::token::index_tokens(text, |start, end, kind, idx| {
        toks.push(Tok {
            start,
            end,
            kind,
            index: idx.to_string(),
        })
    });
    let gap_ok = |a: &Tok, b: &Tok| {
        text.get(a.end..b.start).is_some_and(|g| {
            g.chars()
                .all(|c| c.is_whitespace() || crate::normalize::is_control(c) || c == '\u{0640}')
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind == TokenKind::Number {
            let Some(mut v) = parse_digits(text.get(t.start..t.end).unwrap_or("")) else {
                i += 1;
                continue;
            };
            let mut end = t.end;
            let mut j = i + 1;
            if j < toks.len()
                && gap_ok(&toks[i], &toks[j])
                && let Some((Word::Scale(s, _), false)) = classify_with_clitic(&toks[j].index)
            {
                v *= s;
                end = toks[j].end;
                j += 1;
            }
            out.push(NumberMatch {
                start: t.start,
                end,
                value: v,
            });
            i = j;
            continue;
        }
        if t.kind == TokenKind::Arabic
            && let Some((first, _)) = classify_with_clitic(&t.index)
        {
            // A run of number words joined by spaces and و.
            let (mut total, mut current) = (0.0f64, 0.0f64);
            let mut j = i;
            let mut prev: Option<Word> = None;
            let mut end = t.end;
            let mut any = false;
            while j < toks.len() {
                if j > i && !gap_ok(&toks[j - 1], &toks[j]) {
                    break;
                }
                let Some((w, wa)) = (if j == i {
                    Some((first, false))
                } else {
                    classify_with_clitic(&toks[j].index)
                }) else {
                    break;
                };
                if j > i
                    && !wa
                    && matches!(
                        (prev, w),
                        (Some(Word::Small(_)), Word::Small(_))
                            | (Some(Word::Scale(..)), Word::Small(_))
                            | (Some(Word::Scale(..)), Word::Hundred(_))
                    )
                {
                    break;
                }
                match w {
                    Word::Small(v) => current += v,
                    Word::Ten => current += 10.0,
                    Word::Hundred(n) => {
                        if (1.0..10.0).contains(&current) && n == 1.0 {
                            current *= 100.0;
                        } else {
                            current += 100.0 * n;
                        }
                    }
                    Word::Scale(s, m) => {
                        let base = if current > 0.0 { current } else { m };
                        total += base * s;
                        current = 0.0;
                    }
                }
                any = true;
                prev = Some(w);
                end = toks[j].end;
                j += 1;
            }
            // A lone احد/احدي is "someone", not 1.
            let lone_ahad = j == i + 1
                && matches!(
                    crate::normalize::base_key(&t.index).as_str(),
                    "احد" | "احدي" | "واحد" | "واحده"
                );
            if any && !lone_ahad {
                out.push(NumberMatch {
                    start: t.start,
                    end,
                    value: total + current,
                });
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Parse a whole string as one number (digits, words, or digits + scale word).
pub fn parse_number(s: &str) -> Option<f64> {
    let found = find_numbers(s);
    match found.as_slice() {
        [m] if s.get(..m.start).is_some_and(|h| h.trim().is_empty())
            && s.get(m.end..).is_some_and(|t| t.trim().is_empty()) =>
        {
            Some(m.value)
        }
        _ => None,
    }
}
