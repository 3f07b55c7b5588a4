//! Snippets and highlights in the original spelling.
//!
//! The stored text is analysed again with [`text::terms`]; a word is highlighted when its match key
//! is a query key or its stem a query stem (the same test the index applied), and a phrase when its
//! keys occur in order. The marks therefore sit on the words as the article wrote them: a search
//! for البنتاجون marks <mark>البنتاغون</mark>. The snippet is the window of the text with the most
//! distinct matched words, widened to the sentence start when that is close, cut on word
//! boundaries, whitespace collapsed. HTML output escapes everything except the `<mark>` tags.
//!
//! Not done here: deciding which documents match (see [`crate::query`]).

use crate::query::Parsed;
use serde::Serialize;
use std::collections::HashSet;

/// Default snippet length budget in bytes of original text (about 240 Arabic letters).
pub const SNIPPET_BYTES: usize = 480;
/// Bytes of body text analysed per step when looking for the snippet window.
pub const SCAN_BYTES: usize = 4096;
/// Bytes of body text analysed at most; matches beyond are not shown in the snippet.
pub const MAX_SCAN_BYTES: usize = 64 * 1024;
/// At most this many matches are considered when choosing the window.
const MAX_MATCHES: usize = 400;

/// A piece of text with highlighted byte ranges and its HTML rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlighted {
    /// Plain text (original spelling, whitespace collapsed, `…` where cut).
    pub text: String,
    /// Byte ranges of `text` that matched the query, in order, not overlapping.
    pub ranges: Vec<(usize, usize)>,
    /// `text` HTML-escaped, matched ranges wrapped in `<mark>…</mark>`.
    pub html: String,
}

/// What to highlight, built once per query.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    keys: HashSet<String>,
    stems: HashSet<String>,
    phrases: Vec<Vec<String>>,
}

impl Matcher {
    pub fn new(parsed: &Parsed) -> Matcher {
        let mut m = Matcher::default();
        for w in parsed.searched_words() {
            m.keys.insert(w.key.clone());
            if !w.stop {
                m.stems.insert(w.stem.clone());
            }
        }
        for p in &parsed.phrases {
            if let [k] = p.as_slice() {
                m.keys.insert(k.clone());
            } else {
                m.phrases.push(p.clone());
            }
        }
        m
    }

    /// Matched spans of `text[base..end]` (byte ranges into `text`, sorted, non-overlapping)
    /// with a label per span (the matched stem, or the phrase index) for counting distinct
    /// matches, appended to `spans`. `base..end` must be char boundaries.
    fn matches_in(
        &self,
        text: &str,
        base: usize,
        end: usize,
        spans: &mut Vec<(usize, usize, String)>,
    ) {
        let terms = text::terms(text.get(base..end).unwrap_or(""));
        let mut i = 0;
        'outer: while i < terms.len() {
            for (pi, p) in self.phrases.iter().enumerate() {
                let n = p.len();
                if terms
                    .get(i..i + n)
                    .is_some_and(|w| w.iter().zip(p).all(|(t, k)| &t.key == k))
                {
                    spans.push((
                        base + terms[i].start,
                        base + terms[i + n - 1].end,
                        format!("\u{1}{pi}"),
                    ));
                    i += n;
                    continue 'outer;
                }
            }
            let t = &terms[i];
            let hit = self.keys.contains(&t.key) && (!t.stop || self.stems.is_empty());
            if hit || (!t.stop && self.stems.contains(&t.stem)) {
                spans.push((base + t.start, base + t.end, t.stem.clone()));
            }
            i += 1;
        }
    }

    /// How many distinct labels a text matching every query word would show.
    fn wanted(&self) -> usize {
        self.phrases.len()
            + if self.stems.is_empty() {
                self.keys.len()
            } else {
                self.stems.len()
            }
    }

    /// Highlight every match in `text` (for titles).
    pub fn highlight_all(&self, text: &str) -> Highlighted {
        let mut spans = Vec::new();
        self.matches_in(text, 0, text.len(), &mut spans);
        render(text, 0, text.len(), &spans, false, false)
    }

    /// The best window of `text` of about `budget` bytes, with its matches highlighted.
    ///
    /// The text is analysed in chunks of [`SCAN_BYTES`] from the start, stopping once every
    /// query word has been seen (or a few chunks after the first match, or at [`MAX_SCAN_BYTES`]):
    /// a long article costs no more than its opening when the opening matches.
    pub fn snippet(&self, text: &str, budget: usize) -> Highlighted {
        if text.trim().is_empty() {
            return Highlighted::default();
        }
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        let (mut base, mut chunks_since_match) = (0, 0);
        let limit = floor_boundary(text, MAX_SCAN_BYTES);
        while base < limit {
            let end = chunk_end(text, base + SCAN_BYTES);
            self.matches_in(text, base, end, &mut spans);
            base = end;
            if !spans.is_empty() {
                chunks_since_match += 1;
                let distinct: HashSet<&str> = spans.iter().map(|s| s.2.as_str()).collect();
                if distinct.len() >= self.wanted() || chunks_since_match >= 3 {
                    break;
                }
            }
        }
        spans.truncate(MAX_MATCHES);
        let budget = budget.max(40);
        // Best window: most distinct labels, then most matches, then earliest.
        let mut best: Option<(usize, usize, usize, usize)> = None; // (distinct, count, i, j)
        for i in 0..spans.len() {
            let mut labels: HashSet<&str> = HashSet::new();
            let mut j = i;
            while j < spans.len() && spans[j].1 - spans[i].0 <= budget {
                labels.insert(spans[j].2.as_str());
                j += 1;
            }
            let j = j.max(i + 1);
            let cand = (labels.len().max(1), j - i, i, j);
            if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                best = Some(cand);
            }
        }
        let (lo, hi) = match best {
            Some((_, _, i, j)) => (spans[i].0, spans[j - 1].1),
            None => (0, 0),
        };
        // Room left around the matched span: a third before, the rest after.
        let room = budget.saturating_sub(hi - lo);
        let start = if best.is_some() {
            // Start at the sentence holding the match when its start is within reach.
            let reach = floor_boundary(text, lo.saturating_sub(room));
            let sentence_start = text
                .get(reach..lo)
                .and_then(|r| {
                    let p = r.rfind(['.', '!', '?', '؟', '\n'])?;
                    Some(reach + p + r[p..].chars().next().map_or(1, char::len_utf8))
                })
                .or((reach == 0).then_some(0));
            if let Some(s) = sentence_start {
                let ws = text.get(s..).map_or(0, |r| r.len() - r.trim_start().len());
                (s + ws).min(lo)
            } else {
                snap_forward(text, floor_boundary(text, lo.saturating_sub(room / 3)), lo)
            }
        } else {
            0
        };
        let limit = floor_boundary(text, (start + budget).max(hi));
        let end = if limit >= text.len() {
            text.len()
        } else {
            // Cut at the last whitespace before the limit, never inside the matched span.
            text.get(hi..limit)
                .and_then(|r| r.rfind(char::is_whitespace))
                .map_or(hi, |p| hi + p)
        };
        let cut_before = text.get(..start).is_some_and(|s| !s.trim().is_empty());
        let cut_after = text.get(end..).is_some_and(|s| !s.trim().is_empty());
        let inside: Vec<(usize, usize, String)> = spans
            .into_iter()
            .filter(|s| s.0 >= start && s.1 <= end)
            .collect();
        render(text, start, end, &inside, cut_before, cut_after)
    }
}

/// The end of a scan chunk: the first whitespace at or after `at` (or the end of the text).
fn chunk_end(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text.get(at..)
        .and_then(|r| r.find(char::is_whitespace))
        .map_or(text.len(), |p| at + p)
}

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Move `start` (a char boundary) forward to the beginning of the next whitespace-separated
/// chunk unless it already begins one; never past `max`.
fn snap_forward(text: &str, start: usize, max: usize) -> usize {
    let before = text.get(..start).unwrap_or("");
    if start == 0 || before.ends_with(char::is_whitespace) {
        return start;
    }
    let rest = text.get(start..).unwrap_or("");
    let Some(ws) = rest.find(char::is_whitespace) else {
        return max;
    };
    let after_ws = rest[ws..]
        .find(|c: char| !c.is_whitespace())
        .map_or(rest.len(), |p| ws + p);
    (start + after_ws).min(max)
}

/// Append `piece` to `out` with every whitespace run collapsed to one space.
fn push_collapsed(out: &mut String, piece: &str) {
    for c in piece.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else if !text::normalize::is_control(c) || c == '\u{200c}' || c == '\u{200d}' {
            out.push(c);
        }
    }
}

/// HTML-escape `s` into `out` (`& < > " '`, safe in text and in quoted attributes).
pub fn escape_html_into(out: &mut String, s: &str) {
    html_escape::encode_quoted_attribute_to_string(s, out);
}

/// HTML-escape `s`.
pub fn escape_html(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

fn render(
    text: &str,
    start: usize,
    end: usize,
    spans: &[(usize, usize, String)],
    cut_before: bool,
    cut_after: bool,
) -> Highlighted {
    let mut out = Highlighted::default();
    if cut_before {
        out.text.push_str("… ");
    }
    let mut pos = start;
    for &(s, e, _) in spans {
        if s < pos || e > end {
            continue;
        }
        if let Some(gap) = text.get(pos..s) {
            push_collapsed(&mut out.text, gap);
        }
        let Some(word) = text.get(s..e) else { continue };
        let from = out.text.len();
        push_collapsed(&mut out.text, word);
        if out.text.len() > from {
            out.ranges.push((from, out.text.len()));
        }
        pos = e;
    }
    if let Some(rest) = text.get(pos..end) {
        push_collapsed(&mut out.text, rest);
    }
    while out.text.ends_with(' ') {
        out.text.pop();
    }
    if cut_after {
        out.text.push_str(" …");
    }
    let mut prev = 0;
    for &(s, e) in &out.ranges {
        escape_html_into(&mut out.html, out.text.get(prev..s).unwrap_or(""));
        out.html.push_str("<mark>");
        escape_html_into(&mut out.html, out.text.get(s..e).unwrap_or(""));
        out.html.push_str("</mark>");
        prev = e;
    }
    escape_html_into(&mut out.html, out.text.get(prev..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(query: &str, text: &str) -> Highlighted {
        Matcher::new(&Parsed::parse(query)).snippet(text, SNIPPET_BYTES)
    }

    fn marked(h: &Highlighted) -> Vec<&str> {
        h.ranges.iter().map(|&(s, e)| &h.text[s..e]).collect()
    }

    #[test]
    fn marks_the_original_spelling() {
        let h = snip(
            "البنتاجون",
            "وقالت وزارة الدفاع (البنتاغون) إن المحادثات مستمرة.",
        );
        assert_eq!(marked(&h), vec!["البنتاغون"]);
        assert!(h.html.contains("<mark>البنتاغون</mark>"), "{}", h.html);
    }

    #[test]
    fn stems_and_clitics_are_marked_whole() {
        let h = snip(
            "محادثات",
            "أجرينا عدداً من المحادثات، وبالمحادثات نصل إلى حل. محادثة أخرى",
        );
        assert_eq!(marked(&h), vec!["المحادثات", "وبالمحادثات", "محادثة"]);
    }

    #[test]
    fn html_is_escaped_everywhere_but_the_marks() {
        let h = snip("غزة", "<script>alert('x')</script> & غزة <b>");
        assert!(!h.html.contains("<script>"));
        assert!(h.html.contains("&lt;script&gt;"));
        assert!(h.html.contains("&amp;"));
        assert!(h.html.contains("<mark>غزة</mark>"));
        assert_eq!(h.html.matches('<').count(), 2);
    }

    #[test]
    fn window_goes_to_the_densest_part_and_cuts_on_words() {
        let filler = "هذا نص طويل عن موضوع آخر تماما لا علاقة له بالسؤال. ".repeat(30);
        let text = format!("{filler}وأعلن البنتاغون عن محادثات جديدة في واشنطن. {filler}");
        let h = snip("البنتاغون محادثات", &text);
        assert_eq!(marked(&h), vec!["البنتاغون", "محادثات"]);
        assert!(h.text.starts_with("… "));
        assert!(h.text.ends_with(" …"));
        // The snippet starts at the sentence holding the matches.
        assert!(h.text.starts_with("… وأعلن"), "{}", h.text);
        assert!(h.text.len() <= SNIPPET_BYTES + 40);
    }

    #[test]
    fn phrase_marks_the_whole_phrase_not_its_stop_words() {
        let h = snip("\"حل الدولتين\"", "لا حل في الأفق. يدعم حل الدولتين.");
        assert_eq!(marked(&h), vec!["حل الدولتين"]);
    }

    #[test]
    fn no_match_gives_the_opening_and_whitespace_is_collapsed() {
        let h = snip("البنتاغون", "السطر الأول\n\n  السطر الثاني");
        assert!(h.ranges.is_empty());
        assert_eq!(h.text, "السطر الأول السطر الثاني");
        assert_eq!(snip("غزة", ""), Highlighted::default());
    }

    #[test]
    fn title_highlights_every_match() {
        let m = Matcher::new(&Parsed::parse("الأمريكية"));
        let h = m.highlight_all("الخارجية الأميركية: الأميركية <تعلن>");
        assert_eq!(h.ranges.len(), 2);
        assert!(h.html.ends_with("&lt;تعلن&gt;"), "{}", h.html);
    }

    #[test]
    fn matches_deep_in_a_long_article_are_found() {
        let filler = "جملة عادية عن الاقتصاد والطقس؟ ".repeat(600); // ~ 30 KB
        let text = format!("{filler}وفي النهاية ردّ البنتاغون على التقرير.");
        let h = snip("البنتاجون", &text);
        assert_eq!(marked(&h), vec!["البنتاغون"]);
        // The window starts right after the question mark that ends the previous sentence.
        assert!(h.text.starts_with("… وفي النهاية"), "{}", h.text);
    }

    #[test]
    fn never_panics_and_ranges_stay_in_bounds() {
        let texts = [
            "غزة\u{200f}، «البنتاغون»؟ Reuters ١٢٣ ﻻ إنّ\n\nمحادثاتٌ",
            "ـ؟.!\n",
            "البنتاغون",
            "a\u{0301}b غزة 😀 غزة",
        ];
        for text in texts {
            for budget in [0, 1, 7, 40, 100, 480] {
                for q in [
                    "غزة",
                    "البنتاغون",
                    "\"غزة البنتاغون\"",
                    "محادثات",
                    "reuters",
                ] {
                    let h = Matcher::new(&Parsed::parse(q)).snippet(text, budget);
                    for &(s, e) in &h.ranges {
                        assert!(h.text.get(s..e).is_some(), "{text:?} {budget} {q}");
                    }
                }
            }
        }
    }
}
