//! Boilerplate removal for news article bodies: pure, no IO.
//!
//! [`clean`] takes a body as scraped and returns the story text with the page furniture taken
//! out, and a list of what was removed, why, and from which line ([`model::Removal`]). It removes
//! whole lines only, and only lines that *start* with a boilerplate formula ("اقرأ أيضاً",
//! "تابعونا على", "Read more", a share bar...) and are short enough to be a teaser rather than a
//! story sentence; image captions repeated on consecutive lines; and bidi / zero-width control
//! characters. Everything else is kept as written: spelling, diacritics, tatweel, punctuation.
//! A story sentence that merely *contains* a boilerplate word ("وشارك في الاجتماع ...") stays.
//!
//! It does not fold spelling (that is `text::normalize`), split sentences, or look at the title
//! beyond [`clean_title`]'s whitespace and control-character tidy-up.
//!
//! Layout: line endings become `\n`, each line is trimmed, runs of blank lines collapse to a
//! single blank line (one paragraph break), and the whole text is trimmed. The result is never
//! longer than the input and cleaning it again removes nothing.

use model::{Removal, RemovalReason};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The cleaned text and what was taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Story text for display: boilerplate lines and control characters removed.
    pub text: String,
    /// Removals in line order (control characters first, as one summary entry).
    pub removed: Vec<Removal>,
}

/// A line longer than this many words is a story sentence, never boilerplate.
const MAX_BOILERPLATE_WORDS: usize = 40;
/// Up to this many words a line that starts with a formula is boilerplate even without a
/// separator after the formula ("اقرأ أيضاً عودة الهدوء إلى غزة").
const SHORT_LINE_WORDS: usize = 14;
/// Words at the start of a line that formula matching looks at.
const FORMULA_HEAD_WORDS: usize = 8;
/// Most teaser headlines taken under one bare "read also" header.
const MAX_TEASERS: usize = 10;
/// A teaser headline under a "read also" header has at most this many words.
const MAX_TEASER_WORDS: usize = 16;

/// A repeated line longer than this is a duplicated paragraph, not a caption: it is kept.
const MAX_CAPTION_WORDS: usize = 20;

/// Clean an article body. See the crate documentation for what is removed.
pub fn clean(body: &str) -> Cleaned {
    let mut removed = Vec::new();
    let mut controls: BTreeMap<char, usize> = BTreeMap::new();
    let mut first_control_line = 0usize;

    // Lines with their 1-based number, controls stripped, trimmed.
    let has_controls = body.chars().any(text::normalize::is_control);
    let mut lines: Vec<(usize, Cow<str>)> = Vec::new();
    for (i, raw) in split_lines(body).enumerate() {
        if !has_controls {
            lines.push((i + 1, Cow::Borrowed(raw.trim())));
            continue;
        }
        let mut line = String::with_capacity(raw.len());
        for c in raw.chars() {
            if text::normalize::is_control(c) {
                if controls.is_empty() {
                    first_control_line = i + 1;
                }
                *controls.entry(c).or_insert(0) += 1;
            } else {
                line.push(c);
            }
        }
        lines.push((i + 1, Cow::Owned(line.trim().to_string())));
    }
    if !controls.is_empty() {
        let summary = controls
            .iter()
            .map(|(c, n)| format!("{n} × U+{:04X}", *c as u32))
            .collect::<Vec<_>>()
            .join(", ");
        removed.push(Removal {
            reason: RemovalReason::ControlCharacters,
            text: summary,
            line: first_control_line,
        });
    }

    // Boilerplate lines.
    let mut keep = vec![true; lines.len()];
    let mut line_removals = Vec::new();
    // After a bare "اقرأ أيضاً:" header, the teaser headlines listed under it go too.
    let mut list_items: Option<usize> = None;
    for (k, (no, line)) in lines.iter().enumerate() {
        if let Some(reason) = boilerplate(line) {
            keep[k] = false;
            line_removals.push(Removal {
                reason,
                text: line.to_string(),
                line: *no,
            });
            list_items =
                (reason == RemovalReason::ReadAlso && is_bare_read_also(line)).then_some(0);
            continue;
        }
        let Some(items) = list_items else { continue };
        if line.is_empty() {
            if items > 0 {
                list_items = None;
            }
        } else if items < MAX_TEASERS && is_teaser(line) {
            keep[k] = false;
            line_removals.push(Removal {
                reason: RemovalReason::ReadAlso,
                text: line.to_string(),
                line: *no,
            });
            list_items = Some(items + 1);
        } else {
            list_items = None;
        }
    }

    // Repeated captions among the surviving non-blank lines; repeat until nothing changes so
    // that removing one pair cannot leave a new pair behind (idempotence).
    loop {
        let alive: Vec<usize> = (0..lines.len())
            .filter(|&k| keep[k] && !lines[k].1.is_empty())
            .collect();
        let mut changed = false;
        let mut i = 0;
        while i + 1 < alive.len() {
            let first = &lines[alive[i]].1;
            let mut j = i + 1;
            while j < alive.len() && lines[alive[j]].1 == *first {
                j += 1;
            }
            if j - i >= 2 && is_caption_like(first) {
                line_removals.push(Removal {
                    reason: RemovalReason::RepeatedCaption,
                    text: first.to_string(),
                    line: lines[alive[i]].0,
                });
                for &k in &alive[i..j] {
                    keep[k] = false;
                }
                changed = true;
            }
            i = j;
        }
        if !changed {
            break;
        }
    }
    line_removals.sort_by_key(|r| r.line);
    removed.extend(line_removals);

    // Assemble: kept lines, one blank line between paragraphs.
    let mut text = String::with_capacity(body.len());
    let mut pending_blank = false;
    for (k, (_, line)) in lines.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        if line.is_empty() {
            pending_blank = true;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if pending_blank { "\n\n" } else { "\n" });
        }
        pending_blank = false;
        text.push_str(line);
    }
    Cleaned { text, removed }
}

/// Tidy a title: control characters out, whitespace runs (including newlines) to one space.
pub fn clean_title(title: &str) -> String {
    let no_controls: String = title
        .chars()
        .filter(|&c| !text::normalize::is_control(c))
        .collect();
    no_controls.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Split on `\n`, `\r\n` and lone `\r`.
fn split_lines(body: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\n', '\r']) {
            Some(pos) => {
                let skip = if s[pos..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[pos + skip..]);
                Some(&s[..pos])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Is the line only a "read also" formula (a header over a list of teaser headlines)?
fn is_bare_read_also(line: &str) -> bool {
    let folded = fold(line);
    FORMULAS.read_also.contains(&folded)
}

/// A headline: short, not ending like a sentence of running text.
fn is_teaser(line: &str) -> bool {
    word_count(line) <= MAX_TEASER_WORDS && !line.ends_with(['.', '،', ',', ':'])
}

/// A caption is short and does not read as a finished sentence. A repeated line that ends
/// like a sentence and has more than a few words is a duplicated story paragraph: kept.
fn is_caption_like(line: &str) -> bool {
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let sentence_end = line.ends_with(['.', '!', '?', '؟', '…', '"', '»', '”']);
    // Two-word refrains ("وكم غيمة") and punctuation rows are not captions.
    let has_letters = line.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    has_letters && words >= 3 && (words <= 8 || (words <= MAX_CAPTION_WORDS && !sentence_end))
}

/// Fold a line for matching: index level (hamza carriers, diacritics, tatweel, case), leading
/// bullets and punctuation dropped, punctuation turned to spaces, whitespace collapsed.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = true;
    for c in line.chars() {
        let Some(f) = text::normalize::index_char(c) else {
            continue;
        };
        if f.is_alphanumeric() || f == '@' {
            out.push(f);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Formulas that open a boilerplate line, folded with [`fold`].
const READ_ALSO: &[&str] = &[
    "اقرا ايضا",
    "اقرا كذلك",
    "اقرا المزيد",
    "اقرا الخبر",
    "طالع ايضا",
    "طالع المزيد",
    "شاهد ايضا",
    "شاهد المزيد",
    "للمزيد",
    "لمزيد من الاخبار",
    "لمزيد من التفاصيل",
    "اخبار ذات صله",
    "مواضيع ذات صله",
    "مقالات ذات صله",
    "اخبار متعلقه",
    "مواضيع متعلقه",
    "read also",
    "also read",
    "read more",
    "see also",
    "related",
    "more on this",
    "watch also",
    "watch more",
];

const FOLLOW_US: &[&str] = &[
    "تابعونا",
    "تابعنا على",
    "تابعنا عبر",
    "تابعوا اخر الاخبار",
    "تابعوا اخبار",
    "تابعوا اخر",
    "تابعوا اهم",
    "تابعوا قناه",
    "تابعوا صفحه",
    "تابعوا حساب",
    "تابعوا تغطيه",
    "تابعوا كل",
    "تابعوا المزيد",
    "حمل تطبيق",
    "حملوا تطبيق",
    "نزل تطبيق",
    "اشترك في النشره",
    "اشترك في قناه",
    "اشتركوا في",
    "اشترك الان",
    "للاشتراك في",
    "follow us",
    "follow @",
    "like us on",
    "subscribe to",
    "subscribe to our",
    "subscribe now",
    "download our app",
    "download the app",
    "get the app",
    "join us on",
];

/// Formulas that can also open a story sentence ("للمزيد من الأمان ...", "Related talks ..."):
/// boilerplate only with a separator after them or on a very short line.
const WEAK: &[&str] = &[
    "للمزيد",
    "لمزيد من الاخبار",
    "لمزيد من التفاصيل",
    "related",
    "more on this",
    "حمل تطبيق",
    "نزل تطبيق",
    "subscribe to",
    "join us on",
    "get the app",
];
/// Word limit for a [`WEAK`] formula line without a separator.
const WEAK_LINE_WORDS: usize = 5;

/// Words that make up a share bar (folded). A line of two or more of these and nothing else is
/// a share bar.
const SHARE_WORDS: &[&str] = &[
    "شارك",
    "شاركها",
    "مشاركه",
    "المشاركه",
    "انشر",
    "share",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "email",
    "e",
    "mail",
    "print",
    "messenger",
    "reddit",
    "pinterest",
    "x",
    "فيسبوك",
    "فيس",
    "بوك",
    "الفيسبوك",
    "تويتر",
    "واتساب",
    "واتس",
    "اب",
    "تلغرام",
    "تليغرام",
    "تيليجرام",
    "تلجرام",
    "لينكد",
    "ان",
    "لينكدان",
    "ماسنجر",
    "طباعه",
    "البريد",
    "الالكتروني",
    "ايميل",
    "نسخ",
    "الرابط",
    "copy",
    "link",
];

/// Words that may follow "شارك"/"share" in a share bar besides network names.
const SHARE_GLUE: &[&str] = &[
    "علي",
    "عبر",
    "في",
    "الخبر",
    "المقال",
    "المقاله",
    "هذا",
    "هذه",
    "this",
    "article",
    "story",
    "on",
    "via",
    "the",
    "post",
];

fn is_share_word(w: &str) -> bool {
    let words = &FORMULAS.share_words;
    let known = |x: &str| words.iter().any(|s| s == x);
    known(w) || w.strip_prefix('و').is_some_and(known)
}

fn is_share_glue(w: &str) -> bool {
    FORMULAS.share_glue.iter().any(|s| s == w)
}

/// The formula lists, folded once so that they meet lines folded the same way.
struct Formulas {
    read_also: Vec<String>,
    follow_us: Vec<String>,
    weak: Vec<String>,
    share_words: Vec<String>,
    share_glue: Vec<String>,
}

static FORMULAS: LazyLock<Formulas> = LazyLock::new(|| {
    let f = |list: &[&str]| list.iter().map(|p| fold(p)).collect::<Vec<_>>();
    Formulas {
        read_also: f(READ_ALSO),
        follow_us: f(FOLLOW_US),
        weak: f(WEAK),
        share_words: f(SHARE_WORDS),
        share_glue: f(SHARE_GLUE),
    }
});

/// Does `folded` start with `pattern` at a word boundary? Returns the rest after the pattern.
fn strip_formula<'a>(folded: &'a str, pattern: &str) -> Option<&'a str> {
    let rest = folded.strip_prefix(pattern)?;
    if pattern.ends_with(['@', ' ']) || rest.is_empty() || rest.starts_with(' ') {
        Some(rest.trim_start())
    } else {
        None
    }
}

/// A share bar: network names and share words only ("شارك على فيسبوك تويتر واتساب").
fn share_bar(line: &str) -> Option<RemovalReason> {
    let folded = fold(line);
    let fw: Vec<&str> = folded.split(' ').collect();
    let opens_share = matches!(
        fw.first(),
        Some(&("شارك" | "شاركها" | "انشر" | "share" | "مشاركه"))
    );
    if fw.iter().filter(|w| is_share_word(w)).count() >= 2
        && fw
            .iter()
            .all(|w| is_share_word(w) || (opens_share && is_share_glue(w)))
    {
        return Some(RemovalReason::ShareBar);
    }
    if opens_share && fw.len() <= 6 && fw.iter().all(|w| is_share_word(w) || is_share_glue(w)) {
        return Some(RemovalReason::ShareBar);
    }

    None
}

/// Is the line boilerplate, and of which kind?
fn boilerplate(line: &str) -> Option<RemovalReason> {
    if line.is_empty() {
        return None;
    }
    let words = line
        .split_whitespace()
        .take(MAX_BOILERPLATE_WORDS + 1)
        .count();
    if words > MAX_BOILERPLATE_WORDS {
        return None;
    }
    // Formulas are a few words long: fold only the opening words (folding is the hot spot).
    let head_end = line
        .split_whitespace()
        .nth(FORMULA_HEAD_WORDS)
        .map_or(line.len(), |w| w.as_ptr() as usize - line.as_ptr() as usize);
    let folded = fold(&line[..head_end]);
    if folded.is_empty() {
        return None;
    }
    let first = folded.split(' ').next().unwrap_or("");
    if let Some(reason) = is_share_word(first).then(|| share_bar(line)).flatten() {
        return Some(reason);
    }

    // Separator right after the formula in the raw line: ":", "..", "-", "|", "»", ">".
    let after_separator = |pattern: &str| -> bool {
        // Find where the formula ends in the raw line by counting its folded words.
        let n = pattern.split(' ').filter(|w| !w.is_empty()).count();
        let mut it = line.split_whitespace();
        let mut consumed = 0usize;
        let mut last = "";
        for _ in 0..n {
            match it.next() {
                Some(w) => {
                    last = w;
                    consumed += 1;
                }
                None => break,
            }
        }
        if consumed < n {
            return true; // the formula is the whole line
        }
        let sep = |c: char| {
            matches!(
                c,
                ':' | '：' | '.' | '…' | '-' | '–' | '—' | '|' | '»' | '>' | '/'
            )
        };
        last.ends_with(sep) || it.next().is_some_and(|w| w.starts_with(sep))
    };

    let formulas = &*FORMULAS;
    for (patterns, reason) in [
        (&formulas.read_also, RemovalReason::ReadAlso),
        (&formulas.follow_us, RemovalReason::FollowUs),
    ] {
        for p in patterns {
            let weak = formulas.weak.iter().any(|w| w == p);
            let short = if weak {
                WEAK_LINE_WORDS
            } else {
                SHORT_LINE_WORDS
            };
            if strip_formula(&folded, p).is_some() && (words <= short || after_separator(p)) {
                return Some(reason);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_hamza_and_tanween() {
        assert_eq!(
            fold("إقرأ أيضاً .. لجنة"),
            "اقرا ايضا لجنة".replace('ة', "ه")
        );
        assert_eq!(fold("  • Read ALSO: x"), "read also x");
    }

    #[test]
    fn formula_needs_word_boundary() {
        assert!(strip_formula("للمزيد من", "للمزيد").is_some());
        assert!(strip_formula("تابعوناها", "تابعونا").is_none());
    }

    #[test]
    fn split_lines_handles_all_endings() {
        let v: Vec<&str> = split_lines("a\r\nb\rc\nd").collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
    }
}
